"""The buprenorphine products for opioid use disorder by their names (shipped data).

Suboxone (buprenorphine/naloxone, ``combination_products.csv``) and Subutex (buprenorphine,
``drug_names.csv``), with the salt spellings their labels use. Strengths typed from the sources the
rows cite: the SUBOXONE sublingual film US label and UK SmPC (2/0.5, 4/1, 8/2, 12/3 mg), the
Suboxone sublingual tablets UK and EU SmPCs (2/0.5, 8/2, 16/4 mg).

Zubsolv is left out on purpose and stays an unknown drug: its buprenorphine is better absorbed (the
label: one 5.7/1.4 mg tablet gives the exposure of a Suboxone 8/2 mg tablet), so read at face value
against the Suboxone labels' 24 mg a day and in morphine equivalents it would be understated by about
1.4 times; no Zubsolv maximum or factor is shipped.
"""

from __future__ import annotations

import pytest

from mpsdose import (
    ItemSyntaxError,
    Patient,
    Regimen,
    UnknownDrugError,
    check,
    default_catalogue,
)
from mpsdose.clinical.use_disorder import use_disorder_buprenorphine
from mpsdose.model.findings import Finding

TOLERANT = Patient(age=45, weight_kg=70, crcl_ml_min=100, hepatic="none", opioid_tolerant=True)

SUBOXONE = {(2.0, 0.5), (4.0, 1.0), (8.0, 2.0), (12.0, 3.0), (16.0, 4.0)}


def _codes(found: list[Finding]) -> set[tuple[str, str]]:
    return {(f.code, f.severity.value) for f in found}


# -- the names resolve --------------------------------------------------------------------------
def test_suboxone_is_buprenorphine_and_naloxone_in_its_own_strengths():
    rows = default_catalogue().product("Suboxone")
    assert {row.components for row in rows} == {("buprenorphine", "naloxone")}
    assert {row.strengths for row in rows} == SUBOXONE
    assert all(row.source and row.release is None for row in rows)  # sublingual: no release


def test_zubsolv_is_not_read_at_face_value():
    # better absorbed than Suboxone (5.7/1.4 mg = Suboxone 8/2 mg): no row reads it as equal
    assert not default_catalogue().product("Zubsolv")
    with pytest.raises(UnknownDrugError):
        Regimen.parse(["zubsolv 5.7/1.4 mg sl daily"])


@pytest.mark.parametrize(("name", "drug"), [
    ("Subutex", "buprenorphine"),
    ("buprenorphine hydrochloride", "buprenorphine"),
    ("buprenorphine HCl", "buprenorphine"),
    ("naloxone hydrochloride dihydrate", "naloxone"),
], ids=lambda v: str(v))
def test_a_name_resolves_to_its_drug(name, drug):
    assert default_catalogue().get(name).name == drug


@pytest.mark.parametrize(("text", "amounts"), [
    ("suboxone 8/2 mg sl bid", [("buprenorphine", 8.0), ("naloxone", 2.0)]),
    ("Suboxone 16/4 mg sl daily", [("buprenorphine", 16.0), ("naloxone", 4.0)]),
    ("subutex 8 mg sl daily", [("buprenorphine", 8.0)]),
    ("buprenorphine hydrochloride 2 mg sl daily", [("buprenorphine", 2.0)]),
], ids=lambda v: str(v))
def test_an_item_written_with_the_name_reads_as_its_drugs(text, amounts):
    item = Regimen.parse([text]).items[0]
    assert [(i.drug.name, i.dose.value) for i in item.ingredients] == amounts


# -- judged as the generic spelling is ----------------------------------------------------------
@pytest.mark.parametrize(("brand", "generic"), [
    ("suboxone 8/2 mg sl bid", "buprenorphine/naloxone 8/2 mg sl bid"),
    ("suboxone 12/3 mg sl bid", "buprenorphine/naloxone 12/3 mg sl bid"),   # 24 mg: at the maximum
    ("suboxone 16/4 mg sl bid", "buprenorphine/naloxone 16/4 mg sl bid"),   # 32 mg: above it
    ("subutex 8 mg sl daily", "buprenorphine 8 mg sl daily"),
], ids=lambda v: str(v))
def test_the_brand_is_judged_as_the_generic_spelling(brand, generic):
    assert use_disorder_buprenorphine(Regimen.parse([brand]).items[0], TOLERANT)
    assert _codes(check(Regimen.parse([brand]), TOLERANT)) == \
        _codes(check(Regimen.parse([generic]), TOLERANT))


def test_suboxone_twice_daily_is_judged_as_treatment_of_opioid_use_disorder():
    codes = {f.code for f in check(Regimen.parse(["suboxone 8/2 mg sl bid"]), TOLERANT)}
    assert "opioid-use-disorder-dose" in codes
    assert "opioid-above-usual" not in codes  # not benchmarked against the thresholds for pain


# -- a strength the product does not have, as for Targin ----------------------------------------
@pytest.mark.parametrize(("text", "strength"), [
    ("suboxone 6/1.5 mg sl daily", "6/1.5"),
    ("suboxone 24/6 mg sl daily", "24/6"),       # the label's day, no single film or tablet
], ids=lambda v: str(v))
def test_a_strength_the_brand_is_not_sold_in_is_refused(text, strength):
    with pytest.raises(ItemSyntaxError, match=f"not marketed as {strength} mg"):
        Regimen.parse([text])


def test_a_brand_without_a_strength_asks_for_one():
    with pytest.raises(ItemSyntaxError, match="comes in several strengths"):
        Regimen.parse(["suboxone sl daily"])


# -- an unknown brand is still refused ----------------------------------------------------------
@pytest.mark.parametrize("text", ["suboxane 8/2 mg sl bid", "bunavail 4.2/0.7 mg buccal bid",
                                  "subotex 8 mg sl daily"])
def test_an_unknown_brand_is_still_refused(text):
    with pytest.raises(UnknownDrugError):
        Regimen.parse([text])
