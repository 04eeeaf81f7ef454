"""Issue 13, rounds 55 and 56: a route change of one opioid that another rotation table reads as
no rise (SB35, oral hydromorphone 12 mg/day to SC 6 mg/24 h), buccal fentanyl's titration doses
(TA16, Effentora 100 to 400 micrograms) and the Palladone SR start for a step up from tramadol
(SB23).

The rotation tables of the first tests are tiny data of this file's own: their numbers make each
boundary obvious and are not clinical figures. The later tests read the shipped rows.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient
from mpsdose.model.findings import Severity
from tests.checking import TOLERANT, found, knowledge_with, of, severities

#: two rotation tables that agree on oral hydromorphone (5 mg OME a mg) and disagree on SC
#: hydromorphone: 2:1 oral to SC in the lenient one (named spcg, the default rotation table's id,
#: so that no shipped table is read beside them), 5:1 in the cautious one
TABLES = ("table,title,purpose,version,effective_date,source,grade,notes\n"
          "spcg,Tiny lenient table,rotation,1,2020-01-01,Test lenient [P],P,\n"
          "cautious,Tiny cautious table,rotation,1,2020-01-01,Test cautious [P],P,\n"
          "cdc2022,Tiny surveillance table,surveillance,1,2020-01-01,Test [P],P,\n")
FACTORS = ("table,drug,route,form,unit,factor,factor_low,factor_high,daily_dose_min,"
           "daily_dose_max,source,grade,notes\n"
           "spcg,hydromorphone,oral,,mg/day,5,,,,,Test [P],P,\n"
           "spcg,hydromorphone,sc,,mg/day,10,,,,,Test [P],P,\n"
           "cautious,hydromorphone,oral,,mg/day,5,,,,,Test [P],P,\n"
           "cautious,hydromorphone,sc,,mg/day,25,,,,,Test [P],P,\n"
           "cdc2022,morphine,oral,,mg/day,1,,,,,Test [P],P,\n")
ORAL = ["hydromorphone 2 mg po q4h"]  # 12 mg/day: OME 60 in both tables


@pytest.fixture
def tables(tmp_path):
    return knowledge_with(tmp_path, equivalence_tables=TABLES, opioid_equivalence=FACTORS)


def _step(knowledge, new: str, **kwargs) -> list:
    return of(found([new], previous=ORAL, knowledge=knowledge, **kwargs), "opioid-titration-step")


def test_a_route_change_that_another_table_reads_as_no_rise_is_information(tables):
    # SC 6 mg/day: OME 60 in the lenient table (no rise), 150 in the cautious one (+150%)
    shown = _step(tables, "hydromorphone 6 mg/day sc continuous")
    assert [f.severity for f in shown] == [Severity.INFO]
    assert "no rise under another rotation table" in shown[0].message
    assert "+150% by cautious" in shown[0].message and "spcg: OME 60 to 60" in shown[0].message
    assert "Tiny lenient table" in shown[0].source


def test_the_table_the_user_chose_decides_where_it_reads_a_rise(tables):
    assert [f.severity for f in _step(tables, "hydromorphone 6 mg/day sc continuous",
                                      table="cautious")] == [Severity.WARNING]
    assert [f.severity for f in _step(tables, "hydromorphone 6 mg/day sc continuous",
                                      table="spcg")] == [Severity.INFO]


@pytest.mark.parametrize("new", ["hydromorphone 9 mg/day sc continuous",
                                 "hydromorphone 4 mg po q4h"],
                         ids=["a rise under every table (+50% lenient)", "same route, doubled"])
def test_a_rise_under_every_table_stays_a_warning(tables, new):
    assert [f.severity for f in _step(tables, new)] == [Severity.WARNING]


# -- the shipped rows ---------------------------------------------------------------------------
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


def test_the_buccal_titration_doses_are_borrowed_where_a_market_ships_none():
    # no AU row (the AU label text was not seen): the UK and EU Effentora sequence is borrowed,
    # and the finding says so (round 72); one strength at a time stays silent
    assert _buccal(100, 400, "au") == [Severity.WARNING]
    assert _buccal(100, 200, "au") == []
    shown = of(found(["fentanyl 400 mcg buccal prn", "morphine er 30 mg po q12h"],
                     previous=["fentanyl 100 mcg buccal prn", "morphine er 30 mg po q12h"],
                     market="au"), "opioid-titration-step")
    assert "borrowed: no AU row is shipped" in shown[0].message


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
