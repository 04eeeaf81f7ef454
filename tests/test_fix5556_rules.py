"""Issue 13, rounds 55 and 56: buccal fentanyl's titration doses (TA16, Effentora 100 to 400
micrograms) and the Palladone SR start for a step up from tramadol (SB23). These tests read the
shipped rows.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient
from mpsdose.model.findings import Severity
from tests.checking import TOLERANT, found, of, severities


def _buccal(old: int, new: int, market: str | None) -> list[Severity]:
    return severities(found([f"fentanyl {new} mcg buccal prn", "morphine er 30 mg po q12h"],
                            previous=[f"fentanyl {old} mcg buccal prn",
                                      "morphine er 30 mg po q12h"], market=market),
                      "opioid-titration-step")


@pytest.mark.parametrize("market", ["uk", "eu"])
@pytest.mark.parametrize(("old", "new", "warned"), [
    (100, 400, True), (200, 600, True), (400, 800, True),
    (100, 200, False), (200, 400, False), (400, 600, False), (600, 800, False),
    (800, 1200, False), (1200, 1600, False),
], ids=["skips 200", "skips 400", "skips 600", "100 to 200", "200 to 400", "400 to 600",
        "600 to 800", "actiq 800 to 1200", "actiq 1200 to 1600"])
def test_buccal_fentanyl_is_titrated_one_effentora_strength_at_a_time(market, old, new, warned):
    # the Effentora SmPC's strengths (100, 200, 400, 600, 800 micrograms), titrated upward one
    # at a time (round 56 TA16); the Actiq lozenge's own steps above 800 are not flagged
    assert _buccal(old, new, market) == ([Severity.WARNING] if warned else [])


def test_the_buccal_titration_doses_are_read_only_where_shipped():
    assert _buccal(100, 400, "au") == []  # no AU row: the AU label text was not seen


@pytest.mark.parametrize(("dose", "severity"), [(4, Severity.INFO), (8, Severity.WARNING)])
def test_a_step_up_from_tramadol_to_palladone_sr_at_its_start_is_information(dose, severity):
    # the Palladone SR SmPC's 4 mg 12-hourly (uk), borrowed where the market has no start of its
    # own for MR hydromorphone (eu; round 55 SB23)
    shown = of(found([f"hydromorphone sr {dose} mg po q12h"], TOLERANT,
                     previous=["tramadol 100 mg po q6h"], market="eu"), "equianalgesic-switch")
    assert [f.severity for f in shown] == [severity]
    if severity is Severity.INFO:
        assert "borrowing the UK start" in shown[0].message
        assert "PALLADONE SR" in shown[0].source


def test_palladone_sr_above_its_start_in_a_naive_patient_warns():
    naive = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none", opioid_tolerant=False)
    assert severities(found(["hydromorphone sr 4 mg po q12h"], naive, market="uk"),
                      "opioid-naive-start") == []
    assert severities(found(["hydromorphone sr 8 mg po q12h"], naive, market="uk"),
                      "opioid-naive-start") == [Severity.WARNING]
