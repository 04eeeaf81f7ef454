"""A first fentanyl patch in the Japanese market is judged by the Japanese switching table
(issue 13, round 21's BO30): the Fentos insert switches from oral morphine below 16 mg/day to
0.5 mg tape (6.25 mcg/h), 16-30 mg/day to 1 mg (12.5 mcg/h) and 30-90 mg/day to 2 mg (25 mcg/h)
(``patch_conversion.csv`` fentos-insert, typed again here from the insert's table), where the US
label contraindicates any patch below 60 mg/day of oral morphine."""

from __future__ import annotations

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Finding, Severity

TOLERANT = Patient(age=68, weight_kg=58, crcl_ml_min=70, hepatic="none", opioid_tolerant=True)


def _found(items: list[str], previous: list[str], market: str | None) -> list[Finding]:
    return check(Regimen.parse(items), TOLERANT, previous=Regimen.parse(previous), market=market)


def _raised(found: list[Finding]) -> set[str]:
    return {f.code for f in found if f.severity is not Severity.INFO}


OXYCONTIN_20 = ["オキシコンチンTR錠10mg 1回1錠 1日2回"]  # 20 mg/day oral oxycodone: 30-40 mg OME


def test_a_switch_within_the_fentos_table_is_information_in_japan():
    found = _found(["フェントステープ1mg 1日1回", "オキノーム散2.5mg 1回1包 疼痛時 1日4回まで"],
                   OXYCONTIN_20, "jp")
    assert _raised(found) == set()
    (low,) = [f for f in found if f.code == "fentanyl-patch-low-ome"]
    assert low.severity is Severity.INFO
    assert "fentos-insert" in low.message and "25 mcg/h" in low.message


def test_the_same_switch_without_the_japanese_label_keeps_the_us_contraindication():
    found = _found(["fentanyl 12 mcg/h td q72h", "oxycodone ir 2.5 mg po q6h prn max 4/day"],
                   ["oxycodone er 10 mg po q12h"], None)
    assert "fentanyl-patch-low-ome" in _raised(found)


def test_a_patch_stronger_than_the_fentos_band_still_raises_in_japan():
    # oral oxycodone 5 mg twice daily: 15-20 mg/day OME, the 16-30 band gives 1 mg (12.5 mcg/h)
    found = _found(["フェントステープ4mg 1日1回"], ["オキシコンチンTR錠5mg 1回1錠 1日2回"], "jp")
    assert "fentanyl-patch-low-ome" in _raised(found)
