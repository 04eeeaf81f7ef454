"""Rapid-onset fentanyl after held-out round 132 (issue 13): a change of product restarts at the
new product's first dose, and the Japanese E-fen insert's titration sequence.

The switch rule's tests build their own ``opioid_dose_ranges.csv`` (the numbers make each
boundary obvious; they are not clinical figures) and read the shipped ``safety_rules.csv``;
the E-fen tests read the shipped rows, whose figures the insert gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose import Knowledge, Patient, Regimen, check

TOLERANT = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none", opioid_tolerant=True)
NAIVE = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none", opioid_tolerant=False)
BASE = "oxycontin 40 mg po q12h"
SWITCH = "rapid-onset-fentanyl-switch"
STEP = "opioid-titration-step"
RANGES_HEADER = ("check,drug,route,release,interval_h,market,per_dose,start_low,per_day,day_unit,"
                 "severity,source,grade,notes,product\n")
ROWS = ("initial,fentanyl,buccal,,,us,0.1,,,,warning,Label A [P],P,,\n"
        "initial,fentanyl,buccal,,,us,0.2,,,,warning,Label B [P],P,,\n"
        "initial,fentanyl,buccal,,,jp,0.05,,,,warning,Label C [P],P,,\n"
        "initial,fentanyl,sublingual,,,,0.1,,,,warning,Label D [P],P,,\n"
        "initial,fentanyl,intranasal,,,,0.1,,,,warning,Label E [P],P,,\n"
        + "".join(f"titration-dose,fentanyl,buccal,,,us,{d},,,,warning,Ladder F [P],P,,fentora\n"
                  for d in (0.1, 0.2, 0.4, 0.6, 0.8)))


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Knowledge:
    path: Path = tmp_path_factory.mktemp("fix132")
    (path / "opioid_dose_ranges.csv").write_text(
        RANGES_HEADER + ROWS + "plausible,,,,,,,,100000,,error,Test ceiling [P],P,,\n",
        encoding="utf-8")
    return Knowledge.load(path)


def _codes(k: Knowledge | None, item: str, previous: str, *, market: str | None = None,
           patient: Patient = TOLERANT) -> dict[str, str]:
    found = check(Regimen.parse([item, BASE]), patient, knowledge=k, market=market,
                  previous=Regimen.parse([previous, BASE]))
    return {f.code: f.severity.value for f in found}


@pytest.mark.parametrize(("item", "previous", "market", "warned"), [
    # another route is another product: the new route's largest first dose (100) is the limit
    ("pecfent 400 mcg intranasal prn", "abstral 400 mcg sl prn", "uk", True),
    ("pecfent 200 mcg intranasal prn", "abstral 800 mcg sl prn", None, True),
    ("pecfent 100 mcg intranasal prn", "abstral 800 mcg sl prn", "uk", False),
    ("abstral 200 mcg sl prn", "fentanyl 100 mcg intranasal prn", "au", True),
    ("abstral 100 mcg sl prn", "fentanyl 400 mcg intranasal prn", "au", False),
    # the same route under two brands (lozenge to buccal tablet): the route's largest first dose
    ("fentora 800 mcg buccal prn", "actiq 800 mcg buccal prn", "us", True),
    ("fentora 400 mcg buccal prn", "actiq 1600 mcg buccal prn", "us", True),
    ("fentora 200 mcg buccal prn", "actiq 800 mcg buccal prn", "us", False),
    # the market's own first dose: 50 in jp, 200 in us
    ("イーフェン 100 μg buccal prn", "アブストラル 200 μg sl prn", "jp", True),
    ("イーフェン 50 μg buccal prn", "アブストラル 200 μg sl prn", "jp", False),
    ("fentanyl 200 mcg buccal prn", "abstral 200 mcg sl prn", "us", False),
])
def test_a_change_of_product_restarts_at_the_new_products_first_dose(tiny, item, previous,
                                                                      market, warned):
    codes = _codes(tiny, item, previous, market=market)
    assert (codes.get(SWITCH) == "warning") is warned


@pytest.mark.parametrize(("item", "previous"), [
    ("fentanyl 400 mcg buccal prn", "fentanyl 200 mcg buccal prn"),  # no product named
    ("fentora 400 mcg buccal prn", "fentanyl 200 mcg buccal prn"),   # one side names none
    ("abstral 400 mcg sl prn", "abstral 200 mcg sl prn"),            # the same product
    ("fentanyl 25 mcg sc prn", "abstral 400 mcg sl prn"),            # not a rapid-onset route
])
def test_the_same_product_or_an_unnamed_one_is_not_a_switch(tiny, item, previous):
    assert SWITCH not in _codes(tiny, item, previous, market="us")


def test_an_opioid_naive_patient_is_left_to_the_tolerant_only_rule(tiny):
    codes = _codes(tiny, "pecfent 800 mcg intranasal prn", "abstral 800 mcg sl prn",
                   market="uk", patient=NAIVE)
    assert SWITCH not in codes


def test_a_switch_is_not_also_read_as_a_skipped_step_of_the_new_products_ladder(tiny):
    # Actiq 200 to Fentora 800 passes Fentora's 400 and 600: a switch, not a titration of it
    codes = _codes(tiny, "fentora 800 mcg buccal prn", "actiq 200 mcg buccal prn", market="us")
    assert codes.get(SWITCH) == "warning" and STEP not in codes
    # the same product's rise is still a skipped step
    codes = _codes(tiny, "fentora 800 mcg buccal prn", "fentora 200 mcg buccal prn", market="us")
    assert codes.get(STEP) == "warning" and SWITCH not in codes


def test_the_finding_names_both_products_the_limit_and_the_labels(tiny):
    found = [f for f in check(Regimen.parse(["pecfent 800 mcg intranasal prn", BASE]), TOLERANT,
                              knowledge=tiny, market="uk",
                              previous=Regimen.parse(["abstral 800 mcg sl prn", BASE]))
             if f.code == SWITCH]
    assert len(found) == 1
    assert "abstral" in found[0].message and "100 mcg" in found[0].message
    assert "Label E" in found[0].source and "PecFent" in found[0].source


# -- the shipped E-fen rows (JP insert: 50 or 100 to start; 50-100-200-400-600-800, one step) --

@pytest.mark.parametrize(("new", "old", "skipped"), [
    (400, 100, True), (200, 100, False), (100, 50, False), (200, 50, True),
    (800, 400, True), (600, 400, False), (800, 600, False),
])
def test_the_e_fen_insert_titrates_one_step_at_a_time(new, old, skipped):
    codes = _codes(None, f"イーフェン {new} μg buccal prn max 4/day",
                   f"イーフェン {old} μg buccal prn max 4/day", market="jp")
    assert (codes.get(STEP) == "warning") is skipped


@pytest.mark.parametrize(("dose", "warned"), [(50, False), (100, False), (200, True)])
def test_a_jp_buccal_start_is_judged_by_the_e_fen_insert(dose, warned):
    found = check(Regimen.parse([f"イーフェン {dose} μg buccal prn max 4/day", BASE]), TOLERANT,
                  market="jp")
    codes = {f.code for f in found}
    assert ("opioid-above-label-initial-dose" in codes) is warned
