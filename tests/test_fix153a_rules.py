"""Rules of fix153a (issue 13, held-out round 153), stated generally.

- The 7-day buprenorphine patch (BuTrans, Butec, Norspan: 5-20 micrograms/h) has a maximum of its
  own in each market whose label was seen: the US label one 20 micrograms/h patch (QTc), the UK
  SmPC (Butec copy, Napp's BuTrans page) and the NZ Norspan data sheet two patches, 40
  micrograms/h in all (``data/opioid_dose_ranges.csv`` usual rows, interval 168). The 3- and 4-day
  patches (Transtec, 35-70 micrograms/h) are other products: the 7-day maximum never judges them.
- The UK 3-day patches (35/52.5/70 micrograms/h, changed every 72 hours) start an analgesic-naive
  patient at 35 micrograms/h, as Transtec's 96-hour row does (Medscape UK '3 and 4 day release'
  monograph, the Transtec SmPC; naive-start row, interval 72): the lowest strength is the label's
  start, not above NICE's start of every opioid in OME.
"""
from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check

TOLERANT = Patient(age=68, weight_kg=72, opioid_tolerant=True)
NAIVE = Patient(age=77, weight_kg=60, opioid_tolerant=False)


def _codes(text: str, market: str, patient: Patient = TOLERANT) -> dict[str, str]:
    findings = check(Regimen.parse([text]), patient, market=market)
    return {f.code: f.severity.value for f in findings if f.code.startswith("opioid-")}


@pytest.mark.parametrize("market", ["uk", "nz"])
@pytest.mark.parametrize("rate", [5, 10, 20, 30, 40])
def test_seven_day_patch_within_two_patches_is_quiet(rate, market):
    # one or two patches, up to 40 micrograms/h: within the UK and NZ labels
    assert _codes(f"butrans {rate} mcg/h td q7d", market) == {}


@pytest.mark.parametrize("market", ["uk", "nz"])
@pytest.mark.parametrize("text", ["butrans 50 mcg/h td q7d", "norspan 45 mcg/h td q7d",
                                  "butrans 100 mcg/h td q7d", "buprenorphine 200 mcg/h td q7d"])
def test_seven_day_patch_above_two_patches_is_an_error(text, market):
    assert _codes(text, market).get("opioid-above-usual") == "error"


@pytest.mark.parametrize(("text", "severity"), [
    ("butrans 20 mcg/h td q7d", None),       # the US label's one 20 micrograms/h patch
    ("butrans 40 mcg/h td q7d", "error"),    # the US label stops at 20 (QTc): UK/NZ's 40 is not its
    ("butrans 100 mcg/h td q7d", "error"),
])
def test_us_keeps_its_own_20_microgram_maximum(text, severity):
    assert _codes(text, "us").get("opioid-above-usual") == severity


@pytest.mark.parametrize("market", ["uk", "nz", "us"])
@pytest.mark.parametrize("text", ["transtec 70 mcg/h td q72h", "transtec 70 mcg/h td q96h",
                                  "transtec 52.5 mcg/h td q96h"])
def test_the_seven_day_maximum_never_judges_the_three_and_four_day_patches(text, market):
    assert "opioid-above-usual" not in _codes(text, market)


@pytest.mark.parametrize("text", ["transtec 35 mcg/h td q72h", "buprenorphine 35 mcg/h td q72h",
                                  "transtec 35 mcg/h td q96h"])
def test_uk_three_and_four_day_patch_start_at_35_is_quiet_in_a_naive_patient(text):
    assert "opioid-naive-start" not in _codes(text, "uk", NAIVE)


@pytest.mark.parametrize("text", ["transtec 52.5 mcg/h td q72h", "transtec 70 mcg/h td q72h"])
def test_uk_three_day_patch_above_its_start_is_flagged_in_a_naive_patient(text):
    codes = _codes(text, "uk", NAIVE)
    # above 35 micrograms/h: a naive start beyond the label's, said as an error (tolerant-only)
    # or a warning; never silent
    assert {"error", "warning"} & set(codes.values()), codes
    assert "opioid-naive-start" in codes
