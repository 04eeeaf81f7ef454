"""Issue 13, round 172 (fix172): acid suppression and gastroprotection.

Two rules, both data rows of ``dose_limits.csv`` read by the existing checks, tested here on the
shipped knowledge on both sides of each threshold and in several markets:

- a course limit for vonoprazan (as dexamethasone's and macrogol's): more than 20 mg a day is the
  label's 7-day H. pylori eradication regimen only (Takecab insert, Vocinti label);
- esomeprazole's maximum in severe hepatic impairment (SmPC: 20 mg a day).
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Severity


def _patient(hepatic: str = "none") -> Patient:
    return Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic=hepatic)


def _codes(items: list[str], patient: Patient, market: str | None) -> dict[str, Severity]:
    found = check(Regimen.parse(items), patient, market=market)
    return {f.code: f.severity for f in found}


@pytest.mark.parametrize("market", ["jp", "au", None])
@pytest.mark.parametrize(("item", "flagged"), [
    ("vonoprazan 20 mg po bid for 7 days", False),  # the eradication week: the label's own
    ("vonoprazan 20 mg po bid for 8 days", True),  # a day past it
    ("vonoprazan 20 mg po bid for 56 days", True),  # the eradication dose for an ulcer course
    ("vonoprazan 20 mg po daily for 56 days", False),  # the gastric-ulcer course
    ("vonoprazan 10 mg po bid for 30 days", False),  # 20 mg/day: not above the band
], ids=["7 days", "8 days", "56 days", "once daily 56 days", "20 mg/day split"])
def test_vonoprazan_above_20_mg_a_day_is_a_seven_day_regimen(item, flagged, market):
    codes = _codes([item], _patient(), market)
    assert ("vonoprazan-duration-above-max" in codes) is flagged
    if flagged:
        assert codes["vonoprazan-duration-above-max"] is Severity.WARNING


@pytest.mark.parametrize("market", ["au", "uk", "us", None])
@pytest.mark.parametrize(("item", "hepatic", "flagged"), [
    ("esomeprazole 20 mg po daily", "severe", False),  # the SmPC's maximum
    ("esomeprazole 40 mg po daily", "severe", True),  # above it
    ("esomeprazole 40 mg po bid", "severe", True),
    ("esomeprazole 40 mg po bid", "moderate", False),  # no limit short of severe
    ("esomeprazole 40 mg po bid", "none", False),
], ids=["20 severe", "40 severe", "80 severe", "80 moderate", "80 none"])
def test_esomeprazole_in_severe_hepatic_impairment_is_at_most_20_mg(item, hepatic, flagged, market):
    codes = _codes([item], _patient(hepatic), market)
    assert ("esomeprazole-above-max" in codes) is flagged
    if flagged:
        assert codes["esomeprazole-above-max"] is Severity.WARNING
