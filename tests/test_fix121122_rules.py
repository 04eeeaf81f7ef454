"""The rules held-out rounds 121 and 122 of issue 13 changed (fix121122).

- A gabapentinoid with another CNS depressant and no opioid (``gabapentinoid-cns-depressant``):
  the FDA (2019) and the MHRA (2021) name other CNS depressants, lung disease and older age as
  the gabapentinoids' respiratory risk factors and ask to start low, consider the dose and
  monitor. One other depressant alone is information; with a further risk (lung disease, a third
  depressant, age 65 or more, the gabapentinoid above its maximum) it is a warning. With an
  opioid the opioid's own rule judges it, as before.
- A product label's own titration increment across a change of interval: where the previous
  dose ran at another interval and the new one at the label's (Belbuca: 75 micrograms once daily,
  then 150 micrograms every 12 hours), the previous day is read as doses at the label's interval,
  so the day rises by at most one increment a dose at that interval.
- A first fentanyl patch below tolerance in a market with no patch start of its own (AU, NZ):
  where another market's label gives this first patch for the previous day, the borrowed US
  contraindication is the switch rules' warning only, not also an error.
"""

from __future__ import annotations

import attrs
import pytest

from mpsdose.model.findings import Finding, Severity
from tests.checking import NAIVE, TOLERANT, of
from tests.checking import found as _found

#: An adult on no opioid (tolerance not applicable), under 65, no lung disease.
ADULT = attrs.evolve(TOLERANT, opioid_tolerant=None, age=40)


def _codes(found: list[Finding], severity: Severity) -> set[str]:
    return {f.code for f in found if f.severity is severity}


# -- a gabapentinoid with another CNS depressant, no opioid --------------------------------------
@pytest.mark.parametrize("items", [
    ["diazepam 5 mg po tid", "pregabalin 150 mg po bid"],
    ["lorazepam 1 mg po bid", "gabapentin 300 mg po tid"],
    ["clonazepam 0.5 mg po at night", "pregabalin 75 mg po bid"],
    ["zolpidem 5 mg po at night", "gabapentin 300 mg po at night"],
])
@pytest.mark.parametrize("market", ["uk", "us", "au", None])
def test_a_gabapentinoid_with_one_depressant_and_no_further_risk_is_information(items, market):
    found = _found(items, ADULT, market=market)
    assert [f.severity for f in of(found, "gabapentinoid-cns-depressant-standard")] == [
        Severity.INFO]
    assert of(found, "gabapentinoid-cns-depressant") == []


@pytest.mark.parametrize(("items", "patient"), [
    (["diazepam 5 mg po tid", "pregabalin 150 mg po bid"], attrs.evolve(ADULT, age=65)),
    (["diazepam 5 mg po tid", "pregabalin 150 mg po bid"], attrs.evolve(ADULT, age=80)),
    (["lorazepam 1 mg po bid", "gabapentin 300 mg po tid"],
     attrs.evolve(ADULT, conditions=("copd",))),
    (["diazepam 5 mg po tid", "zolpidem 5 mg po at night", "pregabalin 75 mg po bid"], ADULT),
])
def test_a_gabapentinoid_with_a_depressant_and_a_further_risk_is_a_warning(items, patient):
    found = _found(items, patient, market="uk")
    assert [f.severity for f in of(found, "gabapentinoid-cns-depressant")] == [Severity.WARNING]
    assert of(found, "gabapentinoid-cns-depressant-standard") == []


def test_just_under_the_age_threshold_is_still_information():
    found = _found(["diazepam 5 mg po tid", "pregabalin 150 mg po bid"],
                   attrs.evolve(ADULT, age=64), market="uk")
    assert of(found, "gabapentinoid-cns-depressant") == []
    assert of(found, "gabapentinoid-cns-depressant-standard") != []


@pytest.mark.parametrize("items", [
    ["pregabalin 150 mg po bid"],
    ["gabapentin 300 mg po tid", "paracetamol 1 g po qid"],
    ["diazepam 5 mg po tid"],
])
def test_no_pair_no_finding(items):
    found = _found(items, ADULT, market="uk")
    assert of(found, "gabapentinoid-cns-depressant") == []
    assert of(found, "gabapentinoid-cns-depressant-standard") == []


def test_with_an_opioid_the_opioids_own_rule_judges_it():
    found = _found(["morphine 10 mg po q4h", "diazepam 5 mg po tid", "pregabalin 75 mg po bid"],
                   attrs.evolve(TOLERANT, age=50), market="uk")
    assert of(found, "gabapentinoid-cns-depressant") == []
    assert of(found, "gabapentinoid-cns-depressant-standard") == []
    assert [f.severity for f in of(found, "opioid-gabapentinoid")] == [Severity.WARNING]


# -- a label's titration increment across a change of interval -----------------------------------
def _step(found: list[Finding]) -> list[Severity]:
    return [f.severity for f in of(found, "opioid-titration-step")]


@pytest.mark.parametrize(("previous", "now", "severity"), [
    # the label's start, then its first step: 75 to 300 mcg/day, one increment a dose at 12 h
    ("belbuca 75 mcg buccal daily", "belbuca 150 mcg buccal q12h", Severity.INFO),
    ("belbuca 150 mcg buccal daily", "belbuca 150 mcg buccal q12h", Severity.INFO),
    ("belbuca 150 mcg buccal daily", "belbuca 225 mcg buccal q12h", Severity.INFO),
    # beyond one increment a dose at the label's interval: the percentage step judges it
    ("belbuca 75 mcg buccal daily", "belbuca 300 mcg buccal q12h", Severity.WARNING),
    ("belbuca 150 mcg buccal daily", "belbuca 300 mcg buccal q12h", Severity.WARNING),
    # the same interval, as before
    ("belbuca 75 mcg buccal q12h", "belbuca 150 mcg buccal q12h", Severity.INFO),
])
def test_a_label_increment_is_read_across_a_change_to_the_labels_interval(
        previous, now, severity):
    found = _found([now], NAIVE, previous=[previous], market="us")
    assert _step(found) == [severity]


def test_a_change_away_from_the_labels_interval_is_not_the_labels_titration():
    # 75 mcg every 12 hours to 300 mcg once daily: the row speaks of doses every 12 hours
    found = _found(["belbuca 300 mcg buccal daily"], NAIVE,
                   previous=["belbuca 75 mcg buccal q12h"], market="us")
    assert _step(found) == [Severity.WARNING]


@pytest.mark.parametrize(("previous", "now", "severity"), [
    # tapentadol ER's label: 50 mg every 12 hours a step (US and UK rows)
    ("tapentadol er 50 mg po daily", "tapentadol er 50 mg po q12h", Severity.INFO),
    ("tapentadol er 100 mg po daily", "tapentadol er 100 mg po q12h", Severity.INFO),
    ("tapentadol er 50 mg po daily", "tapentadol er 100 mg po q12h", Severity.WARNING),
])
@pytest.mark.parametrize("market", ["us", "uk"])
def test_the_interval_reading_holds_for_other_labels_with_an_interval(
        previous, now, severity, market):
    found = _found([now], NAIVE, previous=[previous], market=market)
    assert _step(found) == [severity]


# -- a borrowed first-patch start: the warning, not also the error -------------------------------
@pytest.mark.parametrize("market", ["au", "nz"])
@pytest.mark.parametrize(("previous", "patch", "error"), [
    ("oxycodone 10 mg po q12h", "fentanyl 12 mcg/h td q72h", False),   # 40 mg/day OME
    ("morphine 20 mg po q12h", "fentanyl 12 mcg/h td q72h", False),    # 40 mg/day
    ("morphine 5 mg po q6h", "fentanyl 12 mcg/h td q72h", True),       # 20: below every band
    ("oxycodone 10 mg po q12h", "fentanyl 25 mcg/h td q72h", True),    # above 12
])
def test_a_borrowed_patch_start_is_a_warning_not_the_contraindication(
        market, previous, patch, error):
    found = _found([patch], NAIVE, previous=[previous], market=market)
    assert bool([f for f in of(found, "fentanyl-patch-naive")
                 if f.severity is Severity.ERROR]) is error
    if not error:
        assert [f.severity for f in of(found, "fentanyl-patch-low-ome")] == [Severity.WARNING]


def test_an_opioid_naive_patient_keeps_the_patch_contraindication_in_au():
    found = _found(["fentanyl 12 mcg/h td q72h"], NAIVE, market="au")
    assert [f.severity for f in of(found, "fentanyl-patch-naive")] == [Severity.ERROR]
