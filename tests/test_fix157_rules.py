"""Round 157's fixes, as general rules (issue 13).

Two sources may give a renal start for the same drug and route in different shapes: the dialysis
table's 'four times a day' (no interval, a smaller day) and a label's reduced start, 'every 4 to 6
hours' (an interval, a larger day). Each is its own row, never averaged: a regimen lies within the
renal caution where every item lies within one of them, and a dose beyond both (per dose, per day
or interval) stays a warning. A start is not a maximum: titration above it is still warned, and a
modified-release product with no renal row stays warned. The numbers of the tiny file below are
this file's own, chosen to make each boundary obvious; the last tests read the shipped data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose import Knowledge, Patient, Regimen, check
from mpsdose.model.findings import Severity
from tests.checking import header

HEADER = header("renal_opioid_doses")
PROPERTIES = ("drug,property,value,source,grade,notes\n"
              "hydromorphone,renally_cleared_active_metabolite,caution,Test renal guide [P],P,\n")
# source A: 2 mg a dose, 6 mg a day, any interval; source B: 2 mg a dose no more often than every
# 4 h, 12 mg a day
TWO_SOURCES = ('hydromorphone,oral,ir,"(, 30)",start,,2,6,,Test dialysis table [P],P,\n'
               'hydromorphone,oral,ir,"(, 30)",start,4,2,12,,Test label [S],S,\n')


def _knowledge(tmp_path: Path, rows: str) -> Knowledge:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "drug_properties.csv").write_text(PROPERTIES, encoding="utf-8")
    (tmp_path / "renal_opioid_doses.csv").write_text(HEADER + rows, encoding="utf-8")
    return Knowledge.load(tmp_path)


def _renal(items: list[str], patient: Patient, k: Knowledge | None = None,
           market: str | None = None) -> list[Severity]:
    found = check(Regimen.parse(items), patient, knowledge=k, market=market) if k else check(
        Regimen.parse(items), patient, market=market)
    return [f.severity for f in found if f.code == "renal-opioid"]


@pytest.mark.parametrize(("items", "expected"), [
    (["hydromorphone 1 mg po q4h"], Severity.INFO),  # 6 mg/day: within both
    (["hydromorphone 2 mg po qid"], Severity.INFO),  # 8 mg/day every 6 h: source B only
    (["hydromorphone 2 mg po q4h"], Severity.INFO),  # 12 mg/day every 4 h: B, at its day
    (["hydromorphone 2 mg po q3h"], Severity.WARNING),  # 16 mg/day every 3 h: beyond both
    (["hydromorphone 1 mg po q2h"], Severity.WARNING),  # 12 mg/day: A's day, B's interval
    (["hydromorphone 2.5 mg po q6h"], Severity.WARNING),  # a dose above both
    (["hydromorphone 2 mg po q4h", "hydromorphone 2 mg po q2h prn"], Severity.INFO),
    (["hydromorphone 2 mg po q4h", "hydromorphone 3 mg po q2h prn"], Severity.WARNING),
], ids=["1 q4h", "2 qid", "2 q4h", "2 q3h", "1 q2h", "2.5 q6h", "PRN within", "PRN above"])
def test_two_sources_of_a_renal_start_are_read_apart(tmp_path, items, expected):
    k = _knowledge(tmp_path, TWO_SOURCES)
    patient = Patient(age=70, crcl_ml_min=20, opioid_tolerant=True)
    assert _renal(items, patient, k) == [expected]


@pytest.mark.parametrize(("crcl", "expected"), [
    (10, [Severity.INFO]), (29.9, [Severity.INFO]), (30, []), (45, []),
])
def test_the_rows_hold_below_the_threshold_only(tmp_path, crcl, expected):
    k = _knowledge(tmp_path, TWO_SOURCES)
    assert _renal(["hydromorphone 2 mg po q4h"],
                  Patient(age=70, crcl_ml_min=crcl, opioid_tolerant=True), k) == expected


# -- the shipped data: the US Dilaudid label's renal start beside the dialysis table ---------------
@pytest.mark.parametrize("market", ["us", "uk", "eu"])
@pytest.mark.parametrize(("items", "crcl", "expected"), [
    (["hydromorphone 0.5 mg po q4h"], 12, Severity.INFO),
    (["hydromorphone 1 mg po q6h"], 25, Severity.INFO),  # within both sources
    (["hydromorphone 1 mg po q4h"], 22, Severity.INFO),  # the label's start: 6 mg/day
    (["hydromorphone 1 mg po q3h"], 22, Severity.WARNING),  # more often than every 4 h
    (["hydromorphone 1.5 mg po q4h"], 28, Severity.WARNING),  # above the start: not a maximum
    (["hydromorphone 2 mg po q6h"], 18, Severity.WARNING),
    (["hydromorphone er 8 mg po daily"], 28, Severity.WARNING),  # Exalgo: alternatives if severe
], ids=["0.5 q4h", "1 q6h", "1 q4h", "1 q3h", "1.5 q4h", "2 q6h", "ER 8 daily"])
def test_the_shipped_hydromorphone_renal_start(items, crcl, expected, market):
    patient = Patient(age=74, crcl_ml_min=crcl, opioid_tolerant=True)
    assert _renal(items, patient, market=market) == [expected]
