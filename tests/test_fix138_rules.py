"""Rules checked or added by fix138 (issue 13, held-out round 138: non-malignant palliative care,
au/nz/jp).

- A guideline's titration increment of one product (``titration-step`` rows of
  ``opioid_dose_ranges.csv`` with ``basis`` guideline): eTG's once-daily (24-hour) modified-release
  morphine for chronic breathlessness, 10 mg once daily adjusted weekly to at most 30 mg, in the
  10 mg steps of the dose-increment trial behind it (Currow et al. 2011). A rise of the 24-hour
  product within 10 mg a dose is information naming the guideline (not a label), however large in
  percent (10 to 20 mg is +100%); a larger rise, another release or another interval is judged by
  the 50% step as before. Other markets borrow the row, said so.
- A first fentanyl patch judged against a market's patch start (or another market's, borrowed)
  names the conversion table its previous oral morphine equivalent was read by: the tables
  disagree (oral oxycodone 2 mg OME per mg in the Scottish guidelines, 1.5 in ANZCA's), so
  "OME 40" alone did not say where 40 came from.

Each rule is stated in general (several doses, markets, both sides of each threshold), against
tiny data of the test's own where the rule is the machinery and against the shipped rows where it
is their figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose import Patient, check, parse_item
from mpsdose.model.errors import MpsdoseError
from mpsdose.model.findings import Finding, Severity
from tests.checking import header, knowledge_with

NAIVE = Patient(age=77, weight_kg=64, crcl_ml_min=55, hepatic="none", opioid_tolerant=False)
TOLERANT = Patient(age=80, weight_kg=58, crcl_ml_min=60, hepatic="none", opioid_tolerant=True)


def _run(items: str, previous: str, patient: Patient = NAIVE, **kwargs: object) -> list[Finding]:
    return check([parse_item(items)], patient, previous=[parse_item(previous)],
                 **kwargs)  # type: ignore[arg-type]


def _step(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.code == "opioid-titration-step"]


# -- eTG's weekly 10 mg step of once-daily MR morphine (shipped row) ------------------------------
@pytest.mark.parametrize("old, new", [(10, 20), (20, 30), (30, 40), (50, 60)])
def test_once_daily_mr_morphine_within_the_guideline_step_is_information_in_au(old, new):
    found = _step(_run(f"morphine er {new} mg po daily", f"morphine er {old} mg po daily",
                       market="au"))
    assert all(f.severity is Severity.INFO for f in found), found
    if new / old > 1.5:  # beyond the 50% step: the guideline is named, not a label
        assert found and "guideline's increment" in found[0].message
        assert "eTG" in found[0].source and "Currow" in found[0].source
        assert "label is followed" not in found[0].message


@pytest.mark.parametrize("old, new", [(10, 30), (10, 40), (20, 50)])
def test_a_larger_rise_than_the_guideline_step_still_warns(old, new):
    found = _step(_run(f"morphine er {new} mg po daily", f"morphine er {old} mg po daily",
                       market="au"))
    assert [f.severity for f in found] == [Severity.WARNING], found


@pytest.mark.parametrize("old, new", [
    ("morphine er 5 mg po bid", "morphine er 10 mg po bid"),  # the 12-hour product: no step
    ("morphine 2 mg po q4h", "morphine 4 mg po q4h"),         # immediate release: no step
])
def test_other_morphine_products_are_judged_by_the_percentage_step(old, new):
    found = _step(_run(new, old, market="au"))
    assert [f.severity for f in found] == [Severity.WARNING], found


@pytest.mark.parametrize("market", ["nz", "uk"])
def test_other_markets_borrow_the_guideline_step_and_say_so(market):
    found = _step(_run("morphine er 20 mg po daily", "morphine er 10 mg po daily",
                       market=market))
    assert [f.severity for f in found] == [Severity.INFO], found
    assert f"no {market.upper()} guideline increment" in found[0].message
    assert "AU guidelines" in found[0].message


def test_a_label_increment_is_still_named_a_label():
    # the Belbuca row has no basis: a product label's own increment
    found = _step(check([parse_item("belbuca 300 mcg buccal q12h")], TOLERANT,
                        previous=[parse_item("belbuca 150 mcg buccal q12h")], market="us"))
    assert [f.severity for f in found] == [Severity.INFO], found
    assert "product label's own increment" in found[0].message
    assert "the label is followed" in found[0].message


# -- the basis column of a titration-step row (tiny data) -----------------------------------------
def _ranges(tmp_path: Path, check_name: str, basis: str) -> object:
    row = (f"{check_name},morphine,oral,er,24,au,10,,,,info,Test guideline [P],P,,,,{basis}\n")
    return knowledge_with(tmp_path, opioid_dose_ranges=header("opioid_dose_ranges") + row)


@pytest.mark.parametrize("basis, whose", [("guideline", "guideline's increment"),
                                          ("", "product label's own increment")])
def test_the_row_basis_names_the_source_kind(tmp_path, basis, whose):
    k = _ranges(tmp_path, "titration-step", basis)
    found = _step(_run("morphine er 20 mg po daily", "morphine er 10 mg po daily", market="au",
                       knowledge=k))
    assert [f.severity for f in found] == [Severity.INFO], found
    assert whose in found[0].message


def test_basis_is_refused_on_rows_other_than_starts_and_steps(tmp_path):
    with pytest.raises(MpsdoseError, match="basis"):
        k = _ranges(tmp_path, "maximum", "guideline")
        _ = k.opioid_ranges  # type: ignore[attr-defined]


# -- a first fentanyl patch names the table its previous OME was read by --------------------------
@pytest.mark.parametrize("table, ome", [(None, "40"), ("spcg", "40"), ("anzca2021", "30")])
@pytest.mark.parametrize("market", ["nz", "au", "uk"])
def test_a_first_patch_finding_names_the_table_of_the_previous_ome(table, ome, market):
    found = [f for f in _run("durogesic 12 mcg/h td q72h", "oxycodone 5 mg po q6h", TOLERANT,
                             market=market, table=table) if f.code == "fentanyl-patch-low-ome"]
    assert found, market
    assert f"from OME {ome} mg/day (by {table or 'spcg'})" in found[0].message
    # the UK label judges its own start; AU and NZ borrow it, a warning, as before
    expected = Severity.INFO if market == "uk" else Severity.WARNING
    assert found[0].severity is expected
