"""The shipped numbers behind the thirty-sixth held-out round's fixes (issue 13), typed again
from the text each row quotes (double entry): the fentanyl patch label's titration increment and
the Nucynta (tapentadol immediate-release) label's start; and the orders they judge."""

from __future__ import annotations

import pytest

from mpsdose import Patient
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Severity
from mpsdose.model.vocabulary import Route
from tests.checking import found as _found
from tests.checking import own_severity
from tests.checking import severities as _severities

K = resolve(None)
TOLERANT = Patient(age=74, weight_kg=66, crcl_ml_min=60, hepatic="none", opioid_tolerant=True)
NAIVE = Patient(age=58, weight_kg=80, crcl_ml_min=95, hepatic="none", opioid_tolerant=False)


# -- the fentanyl patch label's increment ---------------------------------------------------------
def test_the_fentanyl_patch_increment_is_the_labels_25_micrograms_an_hour():
    # Durogesic DTrans SmPC 4.2: 'titration should normally be performed in 12 mcg/h or 25 mcg/h
    # increments'; the larger of the two is the most one step may add
    (row,) = [r for r in K.opioid_ranges if r.check == "titration-step" and r.drug == "fentanyl"
              and r.routes is not None and Route.TRANSDERMAL in r.routes]
    # held in mg/day: 25 mcg/h x 24 h = 600 mcg = 0.6 mg a day, and shown in the label's unit
    assert row.per_day == pytest.approx(0.6) and row.per_dose is None
    assert row.describe_day() == "25 mcg/h"
    assert row.interval_h == 72 and row.market is None
    assert row.severity is Severity.INFO and "Durogesic" in row.source


@pytest.mark.parametrize(("before", "after", "expected"), [
    (12, 25, Severity.INFO),  # round 36's OP39: one label increment (+108%)
    (25, 50, Severity.INFO),  # one 25 mcg/h increment (+100%)
    (12, 50, Severity.WARNING),  # +38 mcg/h: beyond one increment, the 50% step judges
    (25, 75, Severity.WARNING),  # two increments at once (+200%)
], ids=["12->25", "25->50", "12->50", "25->75"])
@pytest.mark.parametrize("market", ["nz", "uk", None])
def test_one_label_increment_up_from_a_fentanyl_patch_is_information(before, after, expected,
                                                                     market):
    found = _found([f"fentanyl {after} mcg/h td q72h"], TOLERANT,
                   previous=[f"fentanyl {before} mcg/h td q72h"], market=market)
    step = [f for f in found if f.code == "opioid-titration-step"]
    assert [f.severity for f in step] == [expected]
    if expected is Severity.INFO:
        assert "Durogesic" in step[0].source and "label's own increment" in step[0].message


def test_a_fentanyl_patch_increment_does_not_excuse_another_route_or_drug():
    # the row is the 72-hour patch's: a rise of a fentanyl infusion by 25 mcg/h is still judged
    found = _found(["fentanyl 50 mcg/h iv continuous"], TOLERANT,
                   previous=["fentanyl 25 mcg/h iv continuous"])
    assert Severity.WARNING in _severities(found, "opioid-titration-step")


# -- the Nucynta IR start -------------------------------------------------------------------------
def test_the_nucynta_ir_start_is_the_labels_600_mg_a_day():
    # Nucynta US label: '50 mg, 75 mg, or 100 mg orally every 4 to 6 hours'; 'Daily doses greater
    # than ... 600 mg on subsequent days have not been studied'. The dose is left to the US start
    # of every opioid (see the row's notes: a per-dose label start would excuse a rescue that size)
    (row,) = [r for r in K.opioid_ranges if r.check == "naive-start" and r.drug == "tapentadol"
              and r.release == "ir"]
    assert (row.per_dose, row.start_low, row.per_day, row.market) == (None, None, 600, "us")


@pytest.mark.parametrize(("order", "expected", "words"), [
    ("nucynta 50 mg po q6h", [], ""),  # round 36's OP01: 200 mg/day, the label's low end
    ("tapentadol 75 mg po q4h", [], ""),  # 450 mg/day; 75 mg is 30 mg OME, the US start a dose
    ("tapentadol 75 mg po q2h", [Severity.WARNING], "600 mg/day"),  # 900 mg/day
    # a dose above the US start of every opioid (30 mg OME): still said, though the label allows
    ("tapentadol 100 mg po q6h", [Severity.WARNING], "30 mg OME"),
], ids=["50 q6h", "75 q4h", "75 q2h", "100 q6h"])
def test_a_naive_tapentadol_ir_day_is_judged_by_the_nucynta_label(order, expected, words):
    found = _found([order], NAIVE, market="us")
    shown = [f for f in found if f.code == "opioid-naive-start"]
    assert [own_severity(f) for f in shown] == expected
    if shown:
        assert words in shown[0].message


def test_the_nucynta_ir_day_does_not_excuse_a_tapentadol_rescue_of_the_whole_day():
    # round 8 ND39: tapentadol IR 100 mg as needed beside tapentadol ER 100 mg/day is a rescue of
    # 100% of the day; the label's start judges a naive day, not the size of a rescue
    found = _found(["tapentadol er 50 mg po q12h", "tapentadol 100 mg po q4h prn max 4/day"],
                   Patient(age=60, weight_kg=73, opioid_tolerant=True), market="us")
    assert Severity.WARNING in _severities(found, "rescue-share")


def test_the_nucynta_er_start_is_not_widened_by_the_ir_label():
    # Nucynta ER's own start (50 mg twice daily) still judges the ER tablet
    found = _found(["tapentadol er 100 mg po q12h"], NAIVE, market="us")
    assert Severity.WARNING in _severities(found, "opioid-naive-start")
