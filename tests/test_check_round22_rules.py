"""The rule families the twenty-second held-out round of issue 13 changed, each on tiny data of
its own (a folder over the shipped data, ``Knowledge.load(tmp_path)``):

- a switch at or below what the new product's own label gives for the previous daily dose
  (``label_switches.csv``: a ratio, or a band to a daily dose), with ``--market`` that label's
  market, is information naming the label; above it, or in another market, the warning stays.

The numbers in the tiny files are this file's own, chosen to make each boundary obvious; they
are not clinical figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose import Knowledge, Patient, Regimen, check
from mpsdose.model.errors import DataError
from mpsdose.model.findings import Finding, Severity
from tests.checking import header

TOLERANT = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none", opioid_tolerant=True)

HEADER = header("label_switches", omit=("halved_for",))
# (the empty cell after each band is its basis: mg/day of from_drug itself)
# morphine to oxycodone ER at 1:1 in jp, and oxycodone ER 10-20 mg/day to hydromorphone ER
# 10 mg/day in jp: both unreduced under every shipped table, so only the test label quiets them
ROWS = ('ratio-jp,jp,Test Oxy,oxycodone,oral,er,morphine,oral,,"[0, )",,1,,Test label [P],P,\n'
        'band-jp,jp,Test Hydro,hydromorphone,oral,er,oxycodone,oral,er,"[10, 20]",,,10,'
        'Test label [P],P,\n')


def _knowledge(tmp_path: Path, text: str = HEADER + ROWS) -> Knowledge:
    (tmp_path / "label_switches.csv").write_text(text, encoding="utf-8")
    return Knowledge.load(tmp_path)


def _switch(items: list[str], previous: list[str], k: Knowledge,
            market: str | None = "jp") -> list[Finding]:
    found = check(Regimen.parse(items), TOLERANT, previous=Regimen.parse(previous),
                  market=market, knowledge=k)
    return [f for f in found if f.code == "equianalgesic-switch"]


def test_a_switch_at_the_labels_ratio_is_information_naming_the_label(tmp_path):
    k = _knowledge(tmp_path)
    # morphine 120 mg/day to oxycodone ER 120 mg/day: the test label's 1:1
    at = _switch(["oxycodone er 60 mg po bid"], ["morphine sr 60 mg po bid"], k)
    assert [f.severity for f in at] == [Severity.INFO]
    assert "Test Oxy label (jp, ratio-jp)" in at[0].message and "Test label [P]" in at[0].source
    above = _switch(["oxycodone er 80 mg po bid"], ["morphine sr 60 mg po bid"], k)
    assert [f.severity for f in above] == [Severity.WARNING]
    assert "120 mg/day the Test Oxy label" in above[0].message


def test_a_switch_within_a_labels_band_is_information(tmp_path):
    k = _knowledge(tmp_path)
    at = _switch(["hydromorphone er 10 mg po daily"], ["oxycodone er 10 mg po bid"], k)
    assert [f.severity for f in at] == [Severity.INFO]
    above = _switch(["hydromorphone er 12 mg po daily"], ["oxycodone er 10 mg po bid"], k)
    assert [f.severity for f in above] == [Severity.WARNING]
    assert "10 mg/day the Test Hydro label" in above[0].message
    # a previous ER morphine is not the row's previous drug: the label is not read
    other = _switch(["hydromorphone er 10 mg po daily"], ["morphine sr 30 mg po bid"], k)
    assert all("Test Hydro" not in f.message for f in other)


def test_the_label_is_read_only_in_its_market(tmp_path):
    k = _knowledge(tmp_path)
    args = (["oxycodone er 60 mg po bid"], ["morphine sr 60 mg po bid"], k)  # at the label
    for market in (None, "uk"):
        found = _switch(*args, market=market)
        assert [f.severity for f in found] == [Severity.WARNING]
        assert "Test Oxy" not in found[0].message


def test_a_dose_outside_the_labels_band_is_not_read(tmp_path):
    k = _knowledge(tmp_path, HEADER + ROWS.replace('"[0, )",,1,', '"[0, 100]",,1,'))
    found = _switch(["oxycodone er 60 mg po bid"], ["morphine sr 60 mg po bid"], k)
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "Test Oxy" not in found[0].message


@pytest.mark.parametrize("cells", [",", "0.25,2"], ids=["neither", "both"])
def test_a_row_gives_a_ratio_or_a_daily_dose(tmp_path, cells):
    row = f'x,jp,T,oxycodone,oral,er,morphine,oral,,"[0, )",,{cells},T [P],P,\n'
    with pytest.raises(DataError, match="ratio or a daily_mg"):
        _ = _knowledge(tmp_path, HEADER + row).label_switches
