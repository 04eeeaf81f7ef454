"""The renal caution met in numbers: ``renal_opioid_doses.csv`` (mpsdose.clinical.renal).

A caution-class opioid in regular use below the renal-opioid threshold is a warning; where every
item of the drug lies within a renal dose a source gives (a start, or a renally adjusted maximum:
per dose, the scheduled day, no more often than its interval, the patient's CrCl in its band and
setting among its settings), it is information naming the row. The numbers in the tiny files
below are this file's own, chosen to make each boundary obvious; they are not clinical figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose import Knowledge, Patient, Regimen, check
from mpsdose.clinical.renal import renal_dose_met
from mpsdose.model.errors import DataError
from mpsdose.model.findings import Severity
from tests.checking import header

HEADER = header("renal_opioid_doses")
PROPERTIES = ("drug,property,value,source,grade,notes\n"
              "oxycodone,renally_cleared_active_metabolite,caution,Test renal guide [P],P,\n"
              "tramadol,renally_cleared_active_metabolite,caution,Test renal guide [P],P,\n"
              "codeine,renally_cleared_active_metabolite,avoid,Test renal guide [P],P,\n")
RENAL = Patient(age=70, crcl_ml_min=20, opioid_tolerant=True)


def _knowledge(tmp_path: Path, rows: str) -> Knowledge:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "drug_properties.csv").write_text(PROPERTIES, encoding="utf-8")
    (tmp_path / "renal_opioid_doses.csv").write_text(HEADER + rows, encoding="utf-8")
    return Knowledge.load(tmp_path)


def _renal(items: list[str], k: Knowledge, patient: Patient = RENAL) -> list[Severity]:
    return [f.severity for f in check(Regimen.parse(items), patient, knowledge=k)
            if f.code == "renal-opioid"]


ORAL = ('oxycodone,oral,ir,"(, 30)",start,,3,12,,Test dialysis table [P],P,\n'
        'codeine,oral,,"(, 30)",start,,30,120,,Test dialysis table [P],P,\n')


@pytest.mark.parametrize(("items", "expected"), [
    (["oxycodone ir 2 mg po q6h"], Severity.INFO),  # 2 mg a dose, 8 mg/day
    (["oxycodone ir 3 mg po q6h"], Severity.INFO),  # at the row: 3 mg, 12 mg/day
    (["oxycodone ir 4 mg po q6h"], Severity.WARNING),  # a dose above the row
    (["oxycodone ir 3 mg po q4h"], Severity.WARNING),  # 18 mg/day above the row's day
    (["oxycodone 2 mg po q6h"], Severity.INFO),  # oral, no release written: immediate release
    (["oxycodone er 2 mg po q12h"], Severity.WARNING),  # no row for modified release
    (["oxycodone ir 2 mg po q6h", "oxycodone ir 3 mg po q2h prn"], Severity.INFO),
    (["oxycodone ir 2 mg po q6h", "oxycodone ir 5 mg po q2h prn"], Severity.WARNING),
    (["oxycodone ir 2 mg po q6h", "oxycodone er 2 mg po q12h"], Severity.WARNING),
    (["oxycodone ir 2 mg po q6h", "oxycodone 2 mg sc q6h"], Severity.WARNING),  # no SC row
], ids=["within", "at the row", "dose above", "day above", "oral without release", "MR",
        "PRN within", "PRN dose above", "one item without a row", "another route"])
def test_every_item_within_a_renal_dose_is_information(tmp_path, items, expected):
    k = _knowledge(tmp_path, ORAL)
    assert _renal(items, k) == [expected]


def test_the_information_names_the_row_and_its_source(tmp_path):
    k = _knowledge(tmp_path, ORAL)
    found = [f for f in check(Regimen.parse(["oxycodone ir 2 mg po q6h"]), RENAL, knowledge=k)
             if f.code == "renal-opioid"]
    assert "the start of oxycodone ir oral: 3 mg a dose, 12 mg/day" in found[0].message
    assert "caution (start low, extend the interval, titrate slowly) is met" in found[0].message
    assert "Test renal guide" in found[0].source and "Test dialysis table" in found[0].source


def test_a_drug_to_avoid_stays_a_warning_whatever_its_row(tmp_path):
    k = _knowledge(tmp_path, ORAL)
    assert _renal(["codeine 15 mg po q6h"], k) == [Severity.WARNING]


def test_the_band_selects_the_renal_function(tmp_path):
    k = _knowledge(tmp_path, 'oxycodone,oral,ir,"(, 15)",start,,3,12,,Test [P],P,\n')
    assert _renal(["oxycodone ir 2 mg po q6h"], k) == [Severity.WARNING]  # CrCl 20: not in it
    assert _renal(["oxycodone ir 2 mg po q6h"], k, Patient(age=70, crcl_ml_min=10)) == [
        Severity.INFO]
    # dialysis with no CrCl given: kidney failure, in a band open at its lower end
    dialysis = Patient(age=70, conditions=["dialysis"])
    assert _renal(["oxycodone ir 2 mg po q6h"], k, dialysis) == [Severity.INFO]


def test_the_interval_the_source_extends_to_is_kept(tmp_path):
    k = _knowledge(tmp_path, 'tramadol,oral,ir,"(, 30)",maximum,12,100,200,,Test [P],P,\n')
    assert _renal(["tramadol 50 mg po q12h"], k) == [Severity.INFO]
    assert _renal(["tramadol 50 mg po bid"], k) == [Severity.INFO]
    assert _renal(["tramadol 50 mg po q8h"], k) == [Severity.WARNING]  # shorter than 12 h
    assert _renal(["tramadol 100 mg/day po"], k) == [Severity.WARNING]  # no interval written


def test_a_row_of_a_care_setting_applies_only_there(tmp_path):
    k = _knowledge(tmp_path, 'oxycodone,sc,,"(, 30)",start,,2,10,end-of-life,Test [P],P,\n')
    pump = ["oxycodone 5 mg/day sc continuous", "oxycodone 1 mg sc q2h prn max 6/day"]
    assert _renal(pump, k) == [Severity.WARNING]
    dying = Patient(age=70, crcl_ml_min=20, opioid_tolerant=True, setting="end-of-life")
    assert _renal(pump, k, dying) == [Severity.INFO]
    # the infusion is the scheduled day: above the row's day, the caution is not met
    assert _renal(["oxycodone 12 mg/day sc continuous"], k, dying) == [Severity.WARNING]


def test_without_rows_the_caution_in_regular_use_is_a_warning(tmp_path):
    k = _knowledge(tmp_path, "")
    assert _renal(["oxycodone ir 2 mg po q6h"], k) == [Severity.WARNING]
    assert renal_dose_met(k, "oxycodone", Regimen.parse(["oxycodone ir 2 mg po q6h"]).items,
                          RENAL) is None


@pytest.mark.parametrize(("row", "column"), [
    ('oxycodone,oral,ir,"(, 30)",start,,,,,Test [P],P,\n', "per_day"),
    ('oxycodone,oral,ir,"[15, )",start,,3,12,,Test [P],P,\n', "crcl_band"),
    ('oxycodone,oral,ir,"(, 30)",usual,,3,12,,Test [P],P,\n', "basis"),
], ids=["no amount", "no upper end", "unknown basis"])
def test_a_malformed_row_is_refused_with_its_column(tmp_path, row, column):
    with pytest.raises(DataError) as refused:
        _knowledge(tmp_path, row).validate()
    assert column in str(refused.value)
