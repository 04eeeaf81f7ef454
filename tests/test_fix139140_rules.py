"""Rules added by fix139140 (issue 13, held-out rounds 139 and 140): subanaesthetic IV ketamine
judged against the ASRA/AAPM/ASA 2018 consensus on IV ketamine for acute pain (Schwenk et al.,
Reg Anesth Pain Med 2018): a bolus of at most 0.35 mg/kg and an infusion of at most 1 mg/kg/h,
the infusion judged by its day (24 mg/kg/day), both per kg of the patient's weight and both as
warnings (a consensus figure, not a label's). Each rule is stated in general (several doses,
weights and markets, both sides of each threshold), against the shipped row whose source it
carries.
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


@pytest.mark.parametrize(("rate", "weight", "market", "raised"), [
    (5, 50, "us", False), (12, 60, "uk", False), (35, 70, "au", False),   # 0.1-0.5 mg/kg/h
    (60, 60, "us", False), (90, 90, "jp", False),                         # exactly 1 mg/kg/h
    (61, 60, "us", True), (120, 60, "us", True), (100, 80, "nz", True),   # above 1 mg/kg/h
    (250, 100, None, True),
], ids=lambda v: str(v))
def test_an_iv_ketamine_infusion_above_1_mg_per_kg_per_hour_warns(rate, weight, market, raised):
    found = _run(f"ketamine {rate} mg/h iv continuous", market, weight_kg=weight)
    assert ("ketamine-above-max" in _codes(found)) is raised
    assert all(f.severity is Severity.WARNING for f in found if f.code == "ketamine-above-max")
    assert "dose-not-checked" not in {f.code for f in found}
    if raised:
        above = next(f for f in found if f.code == "ketamine-above-max")
        assert "Schwenk" in above.source and "24 mg/kg/day" in above.message


@pytest.mark.parametrize(("dose", "weight", "raised"), [
    (10, 50, False), (17.5, 50, False), (20, 60, False), (35, 100, False),   # <= 0.35 mg/kg
    (18, 50, True), (25, 60, True), (50, 100, True), (100, 70, True),        # above it
], ids=lambda v: str(v))
def test_an_iv_ketamine_bolus_above_0_35_mg_per_kg_warns(dose, weight, raised):
    found = _run(f"ketamine {dose} mg iv once", "us", weight_kg=weight)
    assert ("ketamine-single-dose-above-max" in _codes(found)) is raised
    assert all(f.severity is Severity.WARNING for f in found
               if f.code == "ketamine-single-dose-above-max")


def test_an_iv_ketamine_rate_is_not_judged_as_a_bolus():
    found = _run("ketamine 20 mg/h iv continuous", "uk", weight_kg=50)  # 0.4 mg/kg/h
    assert "ketamine-single-dose-above-max" not in _codes(found)


def test_the_iv_row_does_not_judge_other_ketamine_routes():
    # the SC infusion keeps its usual range (Mid Essex, 50-500 mg/24 h), the oral route its
    # own maximum (100 mg a dose): neither is held to the IV per-kg figures
    assert "ketamine-above-max" not in _codes(
        _run("ketamine 200 mg/day sc continuous", "uk", weight_kg=40))
    assert "ketamine-single-dose-above-max" not in _codes(
        _run("ketamine 25 mg po qid", "uk", weight_kg=40))
