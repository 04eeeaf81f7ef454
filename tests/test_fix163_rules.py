"""The rules of fix163 (issue 13, held-out rounds 163 and 164), stated generally.

- ``patch-changed-early``: a transdermal order changed more often than its patch's labelled wear
  time (``schedules.csv``) warns; a named brand by its own label, a drug named by no brand by the
  shortest wear of its patches in the chosen market (every market where none is chosen).
- A 7-day patch changed early is still read as the 7-day product by the dose ranges.
- The JP usual day of oral phenobarbital (30-200 mg) and the JP tramadol day from 75 years
  (300 mg) are data rows, judged on both sides.
"""

from __future__ import annotations

import pytest

import mpsdose


def _codes(text: str, market: str | None, **patient: object) -> set[str]:
    regimen = mpsdose.Regimen.parse([text])
    found = mpsdose.check(regimen, mpsdose.Patient(**patient), market=market)  # type: ignore[arg-type]
    return {f.code for f in found if f.severity.value != "info"}


@pytest.mark.parametrize(("text", "market"), [
    ("butrans 10 mcg/h td q24h", "us"),
    ("butrans 5 mcg/h td q72h", "uk"),
    ("norspan 10 mcg/h td q96h", "au"),
    ("transtec 35 mcg/h td q48h", "uk"),
    ("buprenorphine 10 mcg/h td q24h", None),
    ("fentanyl 25 mcg/h td q24h", "us"),
    ("fentanyl 50 mcg/h td q24h", "uk"),
    ("duragesic 25 mcg/h td q24h", "jp"),
], ids=str)
def test_a_patch_changed_before_its_wear_time_warns(text, market):
    assert "patch-changed-early" in _codes(text, market, age=60, opioid_tolerant=True)


@pytest.mark.parametrize(("text", "market"), [
    ("butrans 10 mcg/h td q7d", "us"),
    ("buprenorphine 10 mcg/h td q7d", None),
    ("transtec 35 mcg/h td q72h", "uk"),
    ("transtec 35 mcg/h td q96h", "uk"),
    ("fentanyl 25 mcg/h td q72h", "us"),
    ("fentanyl 25 mcg/h td q24h", "jp"),
    ("fentanyl 25 mcg/h td q24h", None),
    ("fentos 25 mcg/h td q24h", None),
    ("fentanyl 25 mcg/h td q96h", "us"),
], ids=str)
def test_a_patch_at_or_beyond_its_wear_time_is_not_an_early_change(text, market):
    assert "patch-changed-early" not in _codes(text, market, age=60, opioid_tolerant=True)


def test_a_seven_day_patch_changed_daily_is_still_judged_by_its_seven_day_start():
    assert "opioid-naive-start" in _codes("butrans 10 mcg/h td q24h", "us", age=60,
                                          opioid_tolerant=False)
    assert "opioid-naive-start" not in _codes("butrans 5 mcg/h td q24h", "us", age=60,
                                              opioid_tolerant=False)


@pytest.mark.parametrize(("dose", "warns"), [
    ("30 mg po at night", False), ("200 mg po at night", False), ("100 mg po bid", False),
    ("300 mg po at night", True), ("150 mg po bid", True),
])
def test_phenobarbital_above_the_jp_usual_day_warns(dose, warns):
    codes = _codes(f"phenobarbital {dose}", "jp", age=50, weight_kg=60)
    assert ("phenobarbital-above-usual" in codes) is warns


@pytest.mark.parametrize(("dose", "age", "warns"), [
    ("75 mg po qid", 82, False), ("100 mg po qid", 82, True), ("100 mg po qid", 74, False),
    ("75 mg po qid", 75, False), ("100 mg po qid", 75, True),
])
def test_jp_tramadol_day_from_75_years(dose, age, warns):
    codes = _codes(f"tramadol {dose}", "jp", age=age, opioid_tolerant=True)
    assert ("tramadol-above-max" in codes) is warns
