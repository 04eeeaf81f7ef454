"""A product started above the dose its label starts every patient at: ``initial`` rows of
``opioid_dose_ranges.csv`` (issue 13: round 15 VD46, round 7 MD40). Tiny data of this file's
own: the numbers are chosen to make each boundary obvious, they are not clinical figures."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpsdose import Knowledge, Patient, Regimen, check

TOLERANT = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none", opioid_tolerant=True)
RANGES_HEADER = ("check,drug,route,release,interval_h,market,per_dose,start_low,per_day,day_unit,"
                 "severity,source,grade,notes\n")
BASE = "fentanyl 75 mcg/h td q72h"
CODE = "opioid-above-label-initial-dose"
ROWS = ("initial,fentanyl,buccal,,,us,0.1,,,,warning,Label A [P],P,\n"
        "initial,fentanyl,buccal,,,us,0.3,,,,warning,Label B [P],P,\n"
        "initial,fentanyl,sublingual,,,jp,0.05,,,,warning,Label C [P],P,\n")


def _knowledge(tmp_path: Path, rows: str = ROWS) -> Knowledge:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "opioid_dose_ranges.csv").write_text(
        RANGES_HEADER + rows + "plausible,,,,,,,,100000,,error,Test ceiling [P],P,\n",
        encoding="utf-8")
    return Knowledge.load(tmp_path)


def _flagged(k: Knowledge, item: str, previous: list[str] | None = None,
             patient: Patient = TOLERANT, market: str | None = None) -> list[str]:
    found = check(Regimen.parse([BASE, item]), patient, knowledge=k, market=market,
                  previous=Regimen.parse(previous) if previous is not None else None)
    return [f.severity.value for f in found if f.code == CODE]


@pytest.mark.parametrize(("item", "flagged"), [
    ("fentanyl 400 mcg buccal prn max 4/day", True),   # above the route's largest first dose
    ("fentanyl 300 mcg buccal prn max 4/day", False),  # at it: product B's start
    ("fentanyl 200 mcg buccal prn max 4/day", False),  # above A's start, within B's
    ("fentanyl 400 mcg intranasal prn", False),        # no row for the route
])
def test_the_routes_largest_first_dose_is_applied(tmp_path, item, flagged):
    assert (_flagged(_knowledge(tmp_path), item) == ["warning"]) is flagged


def test_a_previous_regimen_without_the_product_is_a_new_start(tmp_path):
    k = _knowledge(tmp_path)
    assert _flagged(k, "fentanyl 400 mcg buccal prn", previous=[BASE]) == ["warning"]
    message = next(f.message for f in check(
        Regimen.parse([BASE, "fentanyl 400 mcg buccal prn"]), TOLERANT, knowledge=k,
        previous=Regimen.parse([BASE])) if f.code == CODE)
    assert "a new start" in message and "300 mcg" in message


@pytest.mark.parametrize("old", ["fentanyl 200 mcg buccal prn", "fentanyl 100 mcg sl prn"])
def test_a_previous_regimen_with_the_product_is_left_to_the_titration_step(tmp_path, old):
    # the drug by a route of the initial rows: the patient was titrated (or is switched by a
    # label's conversion table), not started
    assert _flagged(_knowledge(tmp_path), "fentanyl 400 mcg buccal prn",
                    previous=[BASE, old]) == []


def test_an_opioid_naive_patient_is_left_to_the_tolerant_only_error(tmp_path):
    naive = attrs.evolve(TOLERANT, opioid_tolerant=False)
    assert _flagged(_knowledge(tmp_path), "fentanyl 400 mcg buccal prn", patient=naive) == []


def test_the_chosen_markets_rows_judge_where_it_has_some(tmp_path):
    k = _knowledge(tmp_path)
    assert _flagged(k, "fentanyl 100 mcg sl prn", market="jp") == ["warning"]  # jp row: 50
    assert _flagged(k, "fentanyl 100 mcg sl prn", market="us") == ["warning"]  # only jp's row
    assert _flagged(k, "fentanyl 400 mcg buccal prn", market="jp") == ["warning"]  # us rows


def test_the_finding_names_every_products_source(tmp_path):
    found = check(Regimen.parse([BASE, "fentanyl 800 mcg buccal prn"]), TOLERANT,
                  knowledge=_knowledge(tmp_path))
    source = next(f.source for f in found if f.code == CODE)
    assert source.startswith("Label B [P]") and "Label A [P]" in source


@given(dose=st.integers(min_value=1, max_value=16).map(lambda n: n * 50),
       previous=st.sampled_from([None, [BASE]]))
def test_above_every_first_dose_is_never_silent(tmp_path_factory, dose, previous):
    """For every dose: above the route's largest first dose is a warning whether no previous
    regimen is given or one without the product; at or below it, no such finding."""
    k = _knowledge(tmp_path_factory.mktemp("k"))
    flagged = _flagged(k, f"fentanyl {dose} mcg buccal prn", previous=previous)
    assert flagged == (["warning"] if dose > 300 else [])
