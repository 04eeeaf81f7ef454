"""The shipped label switching tables (data/label_switches.csv), against the sources' text, and
the round-22 orders they judge."""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Severity

TOLERANT = Patient(age=65, weight_kg=58, crcl_ml_min=70, hepatic="none", opioid_tolerant=True)


def _row(table, from_drug, amount):
    rows = [r for r in resolve(None).label_switches if r.table == table
            and r.from_drug == from_drug and r.allowed(amount) is not None]
    assert len(rows) == 1, rows
    return rows[0]


def test_the_japanese_oxycontin_insert_gives_two_thirds_of_the_oral_morphine_day():
    row = _row("oxycontin-tr-jp", "morphine", 60)
    assert row.market == "jp" and row.drug == "oxycodone" and row.release == "er"
    assert row.allowed(60) == pytest.approx(40, rel=1e-3)  # 'モルヒネ製剤1日投与量の2/3量'


@pytest.mark.parametrize(("from_drug", "amount", "tapentadol"), [
    ("oxycodone", 15, 100), ("oxycodone", 20, 100), ("oxycodone", 30, 150),
    ("oxycodone", 40, 200), ("oxycodone", 60, 300), ("oxycodone", 80, 400),
    ("morphine", 20, 100), ("morphine", 30, 100), ("morphine", 40, 150), ("morphine", 60, 200),
    ("morphine", 90, 300), ("morphine", 120, 400),
])
def test_the_japanese_tapenta_insert_table(from_drug, amount, tapentadol):
    assert _row("tapenta-jp", from_drug, amount).allowed(amount) == tapentadol


def _switch(items, previous, market):
    return [f for f in check(Regimen.parse(items), TOLERANT, previous=Regimen.parse(previous),
                             market=market) if f.code == "equianalgesic-switch"]


def test_morphine_60_to_oxycontin_40_in_japan_follows_the_insert():
    items, previous = ["oxycodone er 20 mg po bid"], ["ms contin 30 mg po bid"]
    assert {f.severity for f in _switch(items, previous, "jp")} == {Severity.INFO}
    assert Severity.WARNING in {f.severity for f in _switch(items, previous, None)}
    above = _switch(["oxycodone er 30 mg po bid"], previous, "jp")
    assert above and all(f.severity is Severity.WARNING for f in above)
