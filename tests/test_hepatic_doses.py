"""The hepatic caution met in numbers: ``hepatic_opioid_doses.csv`` (mpsdose.clinical.hepatic).

An opioid in moderate or severe hepatic impairment is a warning (hepatic-opioid); where every item
of every opioid lies within a reduced dose a label gives for the patient's grade (per dose, the
scheduled day, no more often than its interval), it is information naming the row. The numbers
in the tiny files below are this file's own, chosen to make each boundary obvious; they are not
clinical figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose import Knowledge, Patient, Regimen, check
from mpsdose.clinical.hepatic import hepatic_dose_met
from mpsdose.model.errors import DataError
from mpsdose.model.findings import Severity
from mpsdose.model.regimen import Hepatic
from tests.checking import header

HEADER = header("hepatic_opioid_doses")
ROWS = ("hydromorphone,oral,ir,moderate,start,4,1,6,Test hepatic label [P],P,\n"
        "tapentadol,oral,ir,mild moderate,start,8,50,150,Test tapentadol label [P],P,\n")
MODERATE = Patient(age=64, hepatic=Hepatic.MODERATE, opioid_tolerant=False)


def _knowledge(tmp_path: Path, rows: str = ROWS) -> Knowledge:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "hepatic_opioid_doses.csv").write_text(HEADER + rows, encoding="utf-8")
    return Knowledge.load(tmp_path)


def _hepatic(items: list[str], k: Knowledge, patient: Patient = MODERATE) -> list[Severity]:
    return [f.severity for f in check(Regimen.parse(items), patient, knowledge=k)
            if f.code == "hepatic-opioid"]


@pytest.mark.parametrize(("items", "expected"), [
    (["hydromorphone 1 mg po q4h prn"], Severity.INFO),  # at the row, as needed
    (["hydromorphone 1 mg po q4h"], Severity.INFO),  # at the row: 1 mg, 6 mg/day
    (["hydromorphone 0.5 mg po q6h"], Severity.INFO),  # below it
    (["hydromorphone 2 mg po q4h prn"], Severity.WARNING),  # a dose above the row
    (["hydromorphone 1 mg po q3h"], Severity.WARNING),  # more often than every 4 h
    (["hydromorphone er 1 mg po q12h"], Severity.WARNING),  # no row for modified release
    (["hydromorphone 1 mg sc q4h"], Severity.WARNING),  # no SC row
    (["hydromorphone 1 mg po q4h", "oxycodone 2.5 mg po q6h prn"], Severity.WARNING),
    (["hydromorphone 1 mg po q4h prn", "tapentadol 50 mg po q8h"], Severity.INFO),
    (["hydromorphone 1 mg po q4h prn", "tapentadol 50 mg po q6h"], Severity.WARNING),
], ids=["PRN at the row", "scheduled at the row", "below", "dose above", "interval short", "MR",
        "another route", "an opioid without a row", "two opioids within", "one outside"])
def test_every_opioid_within_a_hepatic_dose_is_information(tmp_path, items, expected):
    assert _hepatic(items, _knowledge(tmp_path)) == [expected]


def test_the_information_names_the_row_and_its_source(tmp_path):
    found = [f for f in check(Regimen.parse(["hydromorphone 1 mg po q4h prn"]), MODERATE,
                              knowledge=_knowledge(tmp_path)) if f.code == "hepatic-opioid"]
    assert "the start of hydromorphone ir oral: 1 mg a dose" in found[0].message
    assert "hepatic reduction is applied" in found[0].message
    assert "Test hepatic label" in found[0].source and "NICE CG140" in found[0].source


def test_severe_impairment_without_a_severe_row_stays_a_warning(tmp_path):
    severe = Patient(age=64, hepatic=Hepatic.SEVERE, opioid_tolerant=False)
    assert _hepatic(["hydromorphone 0.5 mg po q6h"], _knowledge(tmp_path), severe) == [
        Severity.WARNING]


def test_a_severe_row_covers_severe_impairment(tmp_path):
    k = _knowledge(tmp_path, "hydromorphone,oral,ir,severe,start,6,0.5,2,Test severe [P],P,\n")
    severe = Patient(age=64, hepatic=Hepatic.SEVERE, opioid_tolerant=False)
    assert _hepatic(["hydromorphone 0.5 mg po q6h"], k, severe) == [Severity.INFO]
    assert _hepatic(["hydromorphone 0.5 mg po q6h"], k) == [Severity.WARNING]  # moderate: no row


def test_the_function_returns_the_rows_or_none(tmp_path):
    k = _knowledge(tmp_path)
    items = Regimen.parse(["hydromorphone 1 mg po q4h prn"]).items
    met = hepatic_dose_met(k, "hydromorphone", items, MODERATE)
    assert met is not None and met[0].per_dose == 1
    assert hepatic_dose_met(k, "hydromorphone", items, Patient(age=64)) is None  # grade unknown
    mild = Patient(age=64, hepatic=Hepatic.MILD)
    assert hepatic_dose_met(k, "hydromorphone", items, mild) is None  # the row is moderate only


def test_an_unknown_grade_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="unknown hepatic grade moderat"):
        _ = _knowledge(tmp_path, "hydromorphone,oral,ir,moderat,start,4,1,6,Test [P],P,\n"
                       ).hepatic_opioid_doses


def test_a_row_needs_a_dose(tmp_path):
    with pytest.raises(DataError, match="per_dose or per_day"):
        _ = _knowledge(tmp_path, "hydromorphone,oral,ir,moderate,start,4,,,Test [P],P,\n"
                       ).hepatic_opioid_doses
