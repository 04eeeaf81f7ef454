"""Rounds 165 and 166's fixes (and round 161's HT22), as general rules (issue 13).

An IV alfentanil dose in an opioid-naive patient in the UK is judged by the UK alfentanil
injection labels' own initial dose for an adult breathing spontaneously (500 micrograms), which
outranks the UK start of every opioid (in OME, read by the SC factor): a dose within it is not
warned, a dose above it is. SC morphine below a creatinine clearance of 30 mL/min in the last
days of life meets the renal caution (information) within the European Respiratory Journal 2020
palliative table's reduced doses (5 mg/24 h by CSCI, 1.25 mg as needed); above them, or outside
the end-of-life setting, the caution stays a warning. These tests read the shipped data.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Severity


def _codes(items: list[str], patient: Patient, market: str | None = None) -> dict[str, Severity]:
    found = check(Regimen.parse(items), patient, market=market)  # type: ignore[arg-type]
    worst: dict[str, Severity] = {}
    for f in found:
        if f.code not in worst or f.severity.rank > worst[f.code].rank:
            worst[f.code] = f.severity
    return worst


NAIVE = Patient(age=60, weight_kg=70, crcl_ml_min=85, opioid_tolerant=False)


@pytest.mark.parametrize("item", ["alfentanil 500 mcg iv once daily",
                                  "alfentanil 250 mcg iv once daily",
                                  "alfentanil 0.5 mg iv once daily"])
def test_iv_alfentanil_within_the_uk_label_initial_dose_is_not_warned(item):
    codes = _codes([item], NAIVE, "uk")
    assert codes.get("opioid-naive-start") in (None, Severity.INFO)


@pytest.mark.parametrize("item", ["alfentanil 750 mcg iv once daily",
                                  "alfentanil 1 mg iv once daily"])
def test_iv_alfentanil_above_the_uk_label_initial_dose_warns(item):
    assert _codes([item], NAIVE, "uk").get("opioid-naive-start") is Severity.WARNING


def test_the_iv_label_start_does_not_judge_sc_alfentanil():
    # the row is the IV injection's: an SC dose is read as before (the UK start in OME)
    within_iv = _codes(["alfentanil 500 mcg iv once daily"], NAIVE, "uk")
    sc = _codes(["alfentanil 500 mcg sc once daily"], NAIVE, "uk")
    assert within_iv.get("opioid-naive-start") in (None, Severity.INFO)
    assert sc.get("opioid-naive-start") is Severity.WARNING


def _renal(crcl: float, setting: str | None, items: list[str]) -> Severity | None:
    patient = Patient(age=80, weight_kg=55, crcl_ml_min=crcl, opioid_tolerant=False,
                      setting=setting)  # type: ignore[arg-type]
    return _codes(items, patient, "au").get("renal-opioid")


@pytest.mark.parametrize(("crcl", "setting", "items", "severity"), [
    (25, "end-of-life", ["morphine 5 mg/day sc continuous"], Severity.INFO),
    (15, "end-of-life", ["morphine 4 mg/day sc continuous"], Severity.INFO),
    (25, "end-of-life", ["morphine 5 mg/day sc continuous", "morphine 1.25 mg sc q4h prn"],
     Severity.INFO),
    (25, "end-of-life", ["morphine 10 mg/day sc continuous"], Severity.WARNING),   # above 5
    # an as-needed dose above the table's 1.25 mg beside the infusion (as needed alone, the
    # caution for regular use is met by an older rule)
    (25, "end-of-life", ["morphine 5 mg/day sc continuous", "morphine 2.5 mg sc q4h prn"],
     Severity.WARNING),
    (25, "hospital", ["morphine 5 mg/day sc continuous"], Severity.WARNING),  # not last days
    (25, None, ["morphine 5 mg/day sc continuous"], Severity.WARNING),
], ids=["5 mg/24 h at 25", "4 mg/24 h at 15", "with 1.25 mg prn", "10 mg/24 h", "with 2.5 mg prn",
        "hospital", "no setting"])
def test_sc_morphine_below_crcl_30_in_the_last_days_meets_the_renal_caution_within_the_table(
        crcl, setting, items, severity):
    assert _renal(crcl, setting, items) is severity


def test_the_renal_row_does_not_reach_other_routes_or_clearances():
    # oral morphine at CrCl 25 keeps the warning; at CrCl 40 the caution does not apply at all
    assert _renal(25, "end-of-life", ["morphine 2.5 mg po q4h"]) is Severity.WARNING
    assert _renal(40, "end-of-life", ["morphine 5 mg/day sc continuous"]) in (None, Severity.INFO)
