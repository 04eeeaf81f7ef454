"""An as-needed product raised beyond its label's own titration step (issue 13, round 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose import Knowledge, Patient, Regimen, check

TOLERANT = Patient(age=60, weight_kg=70, opioid_tolerant=True)
RANGES_HEADER = ("check,drug,route,release,interval_h,market,per_dose,start_low,per_day,day_unit,"
                 "severity,source,grade,notes\n")
BASE = "fentanyl 75 mcg/h td q72h"


def _knowledge(tmp_path: Path, row: str) -> Knowledge:
    (tmp_path / "opioid_dose_ranges.csv").write_text(
        RANGES_HEADER + row + "plausible,,,,,,,,100000,,error,Test ceiling [P],P,\n",
        encoding="utf-8")
    return Knowledge.load(tmp_path)


def _steps(k: Knowledge, old: str, new: str, market: str | None = None) -> list[str]:
    found = check(Regimen.parse([BASE, new]), TOLERANT, previous=Regimen.parse([BASE, old]),
                  knowledge=k, market=market)
    return [f.severity.value for f in found if f.code == "opioid-titration-step"]


STEP = "titration-step,fentanyl,buccal,,,us,0.2,,,,info,Test label [P],P,\n"


@pytest.mark.parametrize(("old", "new", "flagged"), [
    ("fentanyl 100 mcg buccal prn", "fentanyl 400 mcg buccal prn", True),   # +300: skips 200
    ("fentanyl 100 mcg buccal prn", "fentanyl 200 mcg buccal prn", False),  # the next step
    ("fentanyl 400 mcg buccal prn", "fentanyl 600 mcg buccal prn", False),  # +200: a step
    ("fentanyl 600 mcg buccal prn", "fentanyl 400 mcg buccal prn", False),  # a fall
    ("fentanyl 100 mcg sl prn", "fentanyl 400 mcg sl prn", False),          # no row for sl
])
def test_a_rise_beyond_the_labels_step_skips_a_step(tmp_path, old, new, flagged):
    assert (_steps(_knowledge(tmp_path, STEP), old, new) == ["warning"]) is flagged


def test_a_row_of_another_market_does_not_judge_the_chosen_one(tmp_path):
    k = _knowledge(tmp_path, STEP)
    old, new = "fentanyl 100 mcg buccal prn", "fentanyl 400 mcg buccal prn"
    assert _steps(k, old, new, market="us") == ["warning"]
    assert _steps(k, old, new, market="uk") == []


def test_a_row_with_an_interval_is_for_scheduled_doses_only(tmp_path):
    k = _knowledge(tmp_path, STEP.replace("buccal,,,us", "buccal,,12,us"))
    assert _steps(k, "fentanyl 100 mcg buccal prn", "fentanyl 400 mcg buccal prn") == []


PATCH_STEP = "titration-step,buprenorphine,transdermal,,168,us,,,10,mcg/h,info,Test label [P],P,\n"


@pytest.mark.parametrize(("old", "new", "severity"), [
    ("buprenorphine 5 mcg/h td every 7 days", "buprenorphine 10 mcg/h td every 7 days", "info"),
    ("buprenorphine 5 mcg/h td every 7 days", "buprenorphine 15 mcg/h td every 7 days", "info"),
    ("buprenorphine 5 mcg/h td every 7 days", "buprenorphine 20 mcg/h td every 7 days",
     "warning"),  # +15 mcg/h: beyond the label's 10 mcg/h increment
])
def test_a_patch_is_stepped_by_its_rate_a_day(tmp_path, old, new, severity):
    # a patch has no dose, only a rate: the label's step is a per_day row in mcg/h
    k = _knowledge(tmp_path, PATCH_STEP)
    found = check(Regimen.parse([new]), TOLERANT, previous=Regimen.parse([old]), knowledge=k)
    assert [f.severity.value for f in found if f.code == "opioid-titration-step"] == [severity]
