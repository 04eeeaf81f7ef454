"""Round 161's fixes, as general rules (issue 13).

A P2Y12 inhibitor (clopidogrel, prasugrel, ticagrelor) beside any neuraxial (epidural or
intrathecal) item, a single injection or a catheter, is a warning: its effect is irreversible for
the platelet's life, so a regimen listing both did not stop it for the days the guidance asks.
Aspirin and NSAIDs alone are not a contraindication and stay quiet. Epidural lidocaine has a
single-dose maximum market by market: the US label's 300 mg and 4.5 mg/kg, the UK and Irish
SmPCs' 200 mg. These tests read the shipped data.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Severity


def _codes(items: list[str], patient: Patient, market: str | None = None) -> dict[str, Severity]:
    found = check(Regimen.parse(items), patient, market=market)  # type: ignore[arg-type]
    return {f.code: f.severity for f in found}


ADULT = Patient(age=60, weight_kg=70, crcl_ml_min=80)


@pytest.mark.parametrize("antiplatelet", ["clopidogrel 75 mg po daily", "prasugrel 10 mg po daily",
                                          "ticagrelor 90 mg po bid"])
@pytest.mark.parametrize("neuraxial", ["levobupivacaine 15 mg intrathecal once daily",
                                       "bupivacaine 10 mg/h epidural continuous",
                                       "morphine 0.2 mg intrathecal once daily"])
def test_a_p2y12_inhibitor_beside_a_neuraxial_item_is_a_warning(antiplatelet, neuraxial):
    codes = _codes([neuraxial, antiplatelet], ADULT)
    assert codes.get("neuraxial-antiplatelet") is Severity.WARNING


@pytest.mark.parametrize("other", ["aspirin 75 mg po daily", "ibuprofen 400 mg po tid"])
def test_aspirin_or_an_nsaid_beside_a_neuraxial_item_is_not_judged(other):
    codes = _codes(["levobupivacaine 15 mg intrathecal once daily", other], ADULT)
    assert "neuraxial-antiplatelet" not in codes


@pytest.mark.parametrize("route_item", ["lidocaine 100 mg sc once daily",
                                        "morphine 10 mg po q4h"])
def test_a_p2y12_inhibitor_without_a_neuraxial_item_is_not_judged(route_item):
    codes = _codes([route_item, "clopidogrel 75 mg po daily"], ADULT)
    assert "neuraxial-antiplatelet" not in codes


@pytest.mark.parametrize(("market", "dose", "weight", "flagged"), [
    ("uk", 200, 70, False),   # at the UK SmPC's 200 mg
    ("uk", 250, 70, True),    # above it, within the US label
    ("eu", 200, 70, False),   # at the Irish SmPC's 200 mg
    ("eu", 250, 70, True),
    ("us", 250, 70, False),   # within 300 mg and 4.5 mg/kg (315 mg)
    ("us", 350, 90, True),    # above 300 mg
    ("us", 280, 60, True),    # within 300 mg, above 4.5 mg/kg (270 mg)
    ("uk", 600, 60, True),
], ids=["uk 200", "uk 250", "eu 200", "eu 250", "us 250", "us 350", "us 280 at 60 kg", "uk 600"])
def test_epidural_lidocaine_has_a_single_dose_maximum_by_market(market, dose, weight, flagged):
    patient = Patient(age=50, weight_kg=weight, crcl_ml_min=90)
    codes = _codes([f"lidocaine {dose} mg epidural once daily"], patient, market)
    assert ("lidocaine-single-dose-above-max" in codes) is flagged
    assert "dose-not-checked" not in codes
