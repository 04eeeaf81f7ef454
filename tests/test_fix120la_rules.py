"""Rules added by fix120la (issue 13, held-out round 120): local anaesthetic maxima judged by
the dose and by a rate's day, an anticoagulant beside a neuraxial catheter, and IV lidocaine
beside another local anaesthetic. Each rule is stated in general (several doses, markets and
weights, both sides of each threshold), against the shipped data whose sources the rows carry.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, check, parse_item
from mpsdose.model.findings import Finding, Severity


def _run(items: str, market: str | None = None, **patient: object) -> list[Finding]:
    person = Patient(**{"age": 60, "weight_kg": 70, "crcl_ml_min": 90, **patient})  # type: ignore[arg-type]
    return check([parse_item(text) for text in items.split(" | ")], person, market=market)


def _codes(found: list[Finding]) -> set[str]:
    return {f.code for f in found if f.severity is not Severity.INFO}


# -- local anaesthetic maxima ---------------------------------------------------------------
@pytest.mark.parametrize(("rate", "market", "raised"), [
    (12, "nz", False), (28, "au", False), (33, "uk", False),   # 288-792 mg/day: within 800
    (34, "nz", True), (40, "au", True), (200, None, True),     # 816 mg/day and more
], ids=lambda v: str(v))
def test_an_epidural_ropivacaine_rate_is_judged_by_its_day(rate, market, raised):
    found = _run(f"ropivacaine {rate} mg/h epidural continuous", market)
    assert ("ropivacaine-above-max" in _codes(found)) is raised


@pytest.mark.parametrize(("rate", "raised"), [
    (6.25, False), (12.5, False), (16.5, False),   # up to 396 mg/day
    (17.5, True), (25, True),                      # 420 and 600 mg/day: above 400
])
def test_a_bupivacaine_rate_is_judged_against_400_mg_a_day(rate, raised):
    for market in ("nz", "us", "uk"):
        found = _run(f"bupivacaine {rate} mg/h epidural continuous", market)
        assert ("bupivacaine-above-max" in _codes(found)) is raised, market


@pytest.mark.parametrize(("dose", "weight", "raised"), [
    (75, 75, False), (100, 55, False), (110, 55, False),   # at most 2 mg/kg
    (120, 55, True), (200, 55, True), (200, 110, False),   # above 2 mg/kg; 200 mg is 1.8 mg/kg at 110
])
def test_a_single_bupivacaine_dose_is_at_most_2_mg_per_kg(dose, weight, raised):
    found = _run(f"bupivacaine {dose} mg epidural once", "nz", weight_kg=weight)
    assert ("bupivacaine-single-dose-above-max" in _codes(found)) is raised


def test_the_uk_smpc_single_bupivacaine_dose_is_150_mg_in_the_uk_only():
    assert "bupivacaine-single-dose-above-max" in _codes(
        _run("bupivacaine 160 mg epidural once", "uk", weight_kg=110))
    assert "bupivacaine-single-dose-above-max" not in _codes(
        _run("bupivacaine 160 mg epidural once", "nz", weight_kg=110))


@pytest.mark.parametrize(("dose", "weight", "raised"), [
    (100, 70, False), (270, 60, False), (300, 90, False),   # within 4.5 mg/kg and 300 mg
    (280, 60, True), (320, 90, True), (400, 60, True),      # above 4.5 mg/kg, or above 300 mg
])
def test_infiltration_lidocaine_without_adrenaline_is_at_most_4_5_mg_per_kg_and_300_mg(
        dose, weight, raised):
    found = _run(f"lidocaine {dose} mg sc once", "au", weight_kg=weight)
    assert ("lidocaine-single-dose-above-max" in _codes(found)) is raised


def test_a_subcutaneous_lidocaine_rate_is_not_judged_as_a_dose():
    assert "lidocaine-single-dose-above-max" not in _codes(
        _run("lidocaine 50 mg/h sc continuous", "au"))


@pytest.mark.parametrize(("rate", "weight", "raised"), [
    (70, 50, False), (105, 70, False), (135, 90, False),    # at most 1.5 mg/kg/h
    (110, 70, True), (160, 100, True), (300, 70, True),     # above 1.5 mg/kg/h
])
def test_an_iv_lidocaine_infusion_is_judged_by_its_day(rate, weight, raised):
    found = _run(f"lidocaine {rate} mg/h iv continuous", "uk", weight_kg=weight)
    assert ("lidocaine-above-max" in _codes(found)) is raised
    assert all(f.severity is not Severity.ERROR for f in found if f.code == "lidocaine-above-max")


# -- an anticoagulant beside a neuraxial catheter -----------------------------------------------
@pytest.mark.parametrize("anticoagulant", [
    "enoxaparin 80 mg sc bid", "enoxaparin 120 mg sc daily", "enoxaparin 30 mg sc bid",
    "apixaban 5 mg po bid", "apixaban 2.5 mg po bid", "rivaroxaban 10 mg po daily",
])
@pytest.mark.parametrize("catheter", [
    "ropivacaine 16 mg/h epidural continuous", "bupivacaine 10 mg/h epidural continuous",
    "morphine 2 mg/day intrathecal continuous",
])
def test_more_anticoagulant_than_a_catheter_allows_warns(anticoagulant, catheter):
    found = _run(f"{anticoagulant} | {catheter}", "nz", opioid_tolerant=True)
    assert "neuraxial-catheter-anticoagulant" in _codes(found)


@pytest.mark.parametrize("anticoagulant", ["enoxaparin 40 mg sc daily", "enoxaparin 20 mg sc daily"])
def test_a_once_daily_prophylactic_lmwh_with_a_catheter_is_information(anticoagulant):
    found = _run(f"{anticoagulant} | ropivacaine 16 mg/h epidural continuous", "au")
    assert "neuraxial-catheter-anticoagulant" not in _codes(found)
    assert any(f.code == "neuraxial-catheter-anticoagulant-timed"
               and f.severity is Severity.INFO for f in found)


def test_an_anticoagulant_without_a_neuraxial_catheter_is_not_judged_by_the_rule():
    for items in ("apixaban 5 mg po bid | ropivacaine 24 mg epidural once",
                  "enoxaparin 80 mg sc bid | lidocaine 100 mg sc once"):
        found = _run(items, "nz")
        assert not any(f.code.startswith("neuraxial-catheter") for f in found)


def test_an_anticoagulant_with_no_catheter_figure_is_reported_not_passed():
    found = _run("warfarin 5 mg po daily | ropivacaine 16 mg/h epidural continuous", "au")
    assert any(f.code == "neuraxial-catheter-anticoagulant-not-judged" for f in found)


# -- IV lidocaine beside another local anaesthetic --------------------------------------------
@pytest.mark.parametrize("other", [
    "ropivacaine 20 mg/h epidural continuous", "bupivacaine 10 mg/h epidural continuous",
    "bupivacaine 50 mg epidural once", "lidocaine 100 mg sc once",
])
def test_iv_lidocaine_with_another_local_anaesthetic_warns(other):
    found = _run(f"lidocaine 100 mg/h iv continuous | {other}", "au")
    assert "iv-lidocaine-other-local-anaesthetic" in _codes(found)


def test_without_an_iv_local_anaesthetic_beside_another_there_is_no_combination():
    for items in ("lidocaine 100 mg/h iv continuous",
                  "lidocaine 100 mg/h iv continuous | fentanyl 25 mcg/h epidural continuous",
                  "ropivacaine 20 mg/h epidural continuous | bupivacaine 50 mg epidural once"):
        found = _run(items, "au", opioid_tolerant=False)
        assert "iv-lidocaine-other-local-anaesthetic" not in _codes(found)
