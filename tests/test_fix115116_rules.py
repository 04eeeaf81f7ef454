"""The rules held-out rounds 115 and 116 of issue 13 changed.

- A maximum of one dose per kg of body weight (``dose_limits.csv`` ``max_single_mg_per_kg``):
  each dose is judged against the lower of the flat maximum and the per-kg one at the patient's
  weight; without a weight, against the per-kg maximum at the heaviest plausible adult (the lighter
  patients' limit is then said not checked). A rate is not a dose. The shipped row: IV lidocaine
  for pain, 5 mg/kg a dose (Fast Fact #180: a bolus of 1-5 mg/kg over 15-60 minutes), a warning.
- A combination product's own label start (``opioid_dose_ranges.csv`` naive-start rows naming a
  product) judges an item of that product - written with its name or with its components at its
  strength - in place of the single-ingredient label's start; a single-ingredient item is never
  judged by it. The shipped rows: Ultracet (us) and Tramacet (uk), 2 tablets (75 mg of tramadol).
- Two long-acting opioids: the finding quotes the fentanyl patch label only where a patch is one
  of them, else an extended-release label's own instruction.

Numbers in the tiny files below are this file's own, chosen to make each boundary obvious.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from mpsdose import Knowledge
from mpsdose.model.errors import DataError
from mpsdose.model.findings import Finding, Severity
from tests.checking import NAIVE, TOLERANT, header, knowledge_with, of
from tests.checking import found as _found

LIMITS = header("dose_limits")
RANGES = header("opioid_dose_ranges", omit=("basis",))


def _raised(found: list[Finding], code: str) -> list[Severity]:
    return [f.severity for f in of(found, code) if f.severity is not Severity.INFO]


# -- a maximum of one dose per kg ---------------------------------------------------------------
def _per_kg(tmp_path: Path, per_kg: float, flat: str = "") -> Knowledge:
    cells = {"drug": "ketamine", "route": "iv", "condition": "any", "max_single_mg": flat,
             "severity": "warning", "source": "Test source [P]", "grade": "P",
             "max_single_mg_per_kg": f"{per_kg:g}"}
    row = ",".join(cells.get(c, "") for c in LIMITS.rstrip("\n").split(","))
    return knowledge_with(tmp_path, dose_limits=LIMITS + row + "\n")


CODE = "ketamine-single-dose-above-max"


@pytest.mark.parametrize(("weight", "dose", "warned"), [
    (50, 100, False), (50, 101, True),     # 2 mg/kg at 50 kg: 100 mg
    (80, 160, False), (80, 170, True),     # at 80 kg: 160 mg
    (40, 90, True), (120, 230, False),
])
def test_a_dose_per_kg_is_judged_at_the_patients_weight(tmp_path, weight, dose, warned):
    k = _per_kg(tmp_path, 2)
    patient = attrs.evolve(TOLERANT, weight_kg=weight)
    found = _found([f"ketamine {dose} mg iv once daily"], patient, knowledge=k)
    assert _raised(found, CODE) == ([Severity.WARNING] if warned else [])
    if warned:
        assert "2 mg/kg a dose" in of(found, CODE)[0].message


def test_the_lower_of_the_flat_and_the_per_kg_maximum_judges(tmp_path):
    k = _per_kg(tmp_path, 2, flat="120")
    heavy = attrs.evolve(TOLERANT, weight_kg=100)  # 200 mg by weight, 120 mg flat
    assert _raised(_found(["ketamine 130 mg iv once daily"], heavy, knowledge=k), CODE)
    light = attrs.evolve(TOLERANT, weight_kg=40)  # 80 mg by weight
    assert _raised(_found(["ketamine 90 mg iv once daily"], light, knowledge=k), CODE)
    assert not _raised(_found(["ketamine 80 mg iv once daily"], light, knowledge=k), CODE)


def test_without_a_weight_only_a_dose_above_any_adults_is_raised(tmp_path):
    k = _per_kg(tmp_path, 2)
    unweighed = attrs.evolve(TOLERANT, weight_kg=None)
    found = _found(["ketamine 200 mg iv once daily"], unweighed, knowledge=k)
    assert _raised(found, CODE) == []
    assert "weight not given" in " ".join(f.message for f in of(found, "limit-not-checked"))
    assert _raised(_found(["ketamine 5000 mg iv once daily"], unweighed, knowledge=k), CODE)


def test_a_rate_is_not_judged_by_a_dose_maximum_and_says_so(tmp_path):
    k = _per_kg(tmp_path, 2)
    found = _found(["ketamine 500 mg/h iv continuous"], TOLERANT, knowledge=k)
    assert _raised(found, CODE) == []
    assert of(found, "dose-not-checked")


def test_a_per_kg_dose_maximum_is_a_maximum_of_a_limit_row(tmp_path):
    row = ",".join({"drug": "ketamine", "condition": "any", "source": "Test [P]",
                    "grade": "P"}.get(c, "") for c in LIMITS.rstrip("\n").split(","))
    with pytest.raises(DataError, match="needs a maximum"):
        _ = knowledge_with(tmp_path, dose_limits=LIMITS + row + "\n").dose_limits


# -- IV lidocaine, the shipped row ------------------------------------------------------------
@pytest.mark.parametrize("market", [None, "au", "us", "uk"])
@pytest.mark.parametrize(("weight", "dose", "warned"), [
    (70, 100, False), (70, 350, False), (70, 400, True), (70, 500, True),
    (50, 250, False), (50, 300, True), (50, 1000, True), (90, 450, False),
])
def test_iv_lidocaine_for_pain_at_most_5_mg_per_kg_a_dose(market, weight, dose, warned):
    patient = attrs.evolve(TOLERANT, weight_kg=weight)
    found = _found([f"lidocaine {dose} mg iv once daily"], patient, market=market)
    assert _raised(found, "lidocaine-single-dose-above-max") == (
        [Severity.WARNING] if warned else [])
    assert not of(found, "dose-not-checked")


def test_an_iv_lidocaine_infusion_is_not_judged_by_the_dose_maximum():
    # a rate is no dose: the 5 mg/kg bolus maximum never judges it (its day is judged by the
    # infusion maximum of fix120la, tests/test_fix120la_rules.py)
    found = _found(["lidocaine 100 mg/h iv continuous"], TOLERANT)
    assert not _raised(found, "lidocaine-single-dose-above-max")


# -- a combination's own label start --------------------------------------------------------
def _starts(tmp_path: Path) -> Knowledge:
    def row(per_dose: str, start_low: str, product: str) -> str:
        cells = {"check": "naive-start", "drug": "tramadol", "route": "oral", "release": "ir",
                 "market": "us", "per_dose": per_dose, "start_low": start_low,
                 "severity": "warning", "source": "Test label [P]", "grade": "P",
                 "product": product}
        return ",".join(cells.get(c, "") for c in RANGES.rstrip("\n").split(",")) + "\n"
    return knowledge_with(tmp_path, opioid_dose_ranges=RANGES + row("40", "20", "")
                          + row("80", "", "ultracet"))


NAIVE_START = "opioid-naive-start"


@pytest.mark.parametrize(("item", "warned"), [
    ("2 tab tramadol/acetaminophen 37.5/325 mg po q6h", False),   # 75 mg, the product's 80
    ("3 tab tramadol/acetaminophen 37.5/325 mg po q6h", True),    # 112.5 mg
    ("2 tab ultracet po q6h", False),
    ("3 tab ultracet po q6h", True),
    ("tramadol 40 mg po q6h", False),                             # plain: its own 40
    ("tramadol 50 mg po q6h", True),
    ("2 tab tramadol/acetaminophen 50/325 mg po q6h", True),      # no such product: plain rows
])
def test_a_combination_is_started_by_its_own_label(tmp_path, item, warned):
    k = _starts(tmp_path)
    found = _found([item], NAIVE, market="us", knowledge=k)
    assert bool(_raised(found, NAIVE_START)) is warned


@pytest.mark.parametrize("age", [50, 70, 85])
def test_the_shipped_ultracet_start_is_two_tablets_at_any_age(age):
    patient = attrs.evolve(NAIVE, age=age)
    for market in ("us", "uk"):
        two = _found(["2 tab tramadol/paracetamol 37.5/325 mg po q6h"], patient, market=market)
        assert not _raised(two, NAIVE_START), market
        three = _found(["3 tab tramadol/paracetamol 37.5/325 mg po q6h"], patient, market=market)
        assert _raised(three, NAIVE_START), market


def test_plain_tramadol_keeps_the_low_end_from_65():
    older = attrs.evolve(NAIVE, age=70)
    assert _raised(_found(["tramadol 75 mg po q6h"], older, market="us"), NAIVE_START)
    assert not _raised(_found(["tramadol 50 mg po q6h"], older, market="us"), NAIVE_START)
    assert not _raised(_found(["tramadol 75 mg po q6h"], NAIVE, market="us"), NAIVE_START)


# -- two long-acting opioids: the source fits the regimen --------------------------------------
@pytest.mark.parametrize("pair", [
    ["morphine er 60 mg po q12h", "methadone 2.5 mg po q12h"],
    ["oxycodone er 20 mg po q12h", "morphine er 30 mg po q12h"],
    ["hydromorphone er 8 mg po daily", "methadone 5 mg po q8h"],
])
def test_two_oral_long_acting_opioids_quote_an_extended_release_label(pair):
    shown = of(_found(pair, TOLERANT), "two-long-acting-opioids")
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "patch" not in shown[0].message and "Duragesic" not in shown[0].source
    assert "around-the-clock" in shown[0].message


@pytest.mark.parametrize("pair", [
    ["fentanyl 25 mcg/h td q72h", "morphine er 30 mg po q12h"],
    ["buprenorphine 10 mcg/h td q7d", "oxycodone er 10 mg po q12h"],
])
def test_a_patch_with_another_long_acting_opioid_quotes_the_patch_label(pair):
    shown = of(_found(pair, TOLERANT), "two-long-acting-opioids")
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "fentanyl patch" in shown[0].message and "Duragesic" in shown[0].source


# -- the switch message reads plainly ------------------------------------------------------------
def test_an_unreduced_switch_names_the_new_and_old_days_and_the_share():
    found = _found(["oxycodone er 20 mg po q12h"], TOLERANT,
                   previous=["2 tab hydrocodone/acetaminophen 10/325 mg po q6h"], market="us")
    message = next(f.message for f in found if f.code == "equianalgesic-switch")
    assert "the new regimen is" in message and "the old" in message
    assert "% of the old at its lowest reading" in message
