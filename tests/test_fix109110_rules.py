"""The general rule behind the fixes of held-out rounds 109 and 110 (fix109110).

A non-opioid raised beyond its label's titration step in one change (``--previous``) is a
warning, ``non-opioid-titration-step`` (``data/titration_steps.csv``): pregabalin doubles the day
at most a step from a start of 150 mg/day (EU SmPC, US label); mirogabalin rises by 5 mg a dose
a step from 5 mg twice daily (Japanese insert). A rise within one step, or to the label's start,
is silent; a market without a row of its own borrows the others' and says so; no previous
regimen, a fall, or an as-needed item is not judged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose import DataError, Patient, Regimen, check
from mpsdose.model.findings import Finding, Severity
from tests.checking import TOLERANT, header, knowledge_with, of
from tests.checking import found as _found

CODE = "non-opioid-titration-step"


@pytest.mark.parametrize(("market", "old", "new", "skipped"), [
    ("eu", "pregabalin 75 mg po bid", "pregabalin 150 mg po bid", False),    # 150 -> 300: x2
    ("us", "pregabalin 150 mg po bid", "pregabalin 300 mg po bid", False),   # 300 -> 600: x2
    ("eu", "pregabalin 50 mg po tid", "pregabalin 100 mg po tid", False),    # 150 -> 300
    ("us", "pregabalin 25 mg po bid", "pregabalin 75 mg po bid", False),     # 50 -> 150: start
    ("eu", "pregabalin 75 mg po daily", "pregabalin 75 mg po bid", False),   # 75 -> 150
    ("eu", "pregabalin 75 mg po bid", "pregabalin 300 mg po bid", True),     # 150 -> 600: x4
    ("us", "pregabalin 75 mg po bid", "pregabalin 225 mg po bid", True),     # 150 -> 450: x3
    ("eu", "pregabalin 25 mg po bid", "pregabalin 150 mg po bid", True),     # 50 -> 300
    ("us", "pregabalin 100 mg po tid", "pregabalin 225 mg po bid", False),   # 300 -> 450
], ids=["150-300", "300-600", "tid", "to-start", "daily-bid", "150-600", "150-450",
        "50-300", "tid-to-bid"])
def test_pregabalin_may_double_its_day_a_change(market: str, old: str, new: str,
                                                skipped: bool) -> None:
    steps = of(_found([new], TOLERANT, previous=[old], market=market), CODE)
    assert bool(steps) == skipped
    if skipped:
        assert steps[0].severity is Severity.WARNING
        assert "double the day" in steps[0].message and "150 mg/day" in steps[0].message
        assert "per change" in steps[0].message and steps[0].source


@pytest.mark.parametrize(("old", "new", "skipped"), [
    ("mirogabalin 5 mg po bid", "mirogabalin 10 mg po bid", False),    # +5 a dose
    ("mirogabalin 10 mg po bid", "mirogabalin 15 mg po bid", False),
    ("mirogabalin 2.5 mg po bid", "mirogabalin 7.5 mg po bid", False),  # +5 (a renal start)
    ("mirogabalin 5 mg po bid", "mirogabalin 15 mg po bid", True),     # +10: the 10 mg skipped
    ("mirogabalin 2.5 mg po bid", "mirogabalin 10 mg po bid", True),   # +7.5
], ids=["5-10", "10-15", "2.5-7.5", "5-15", "2.5-10"])
def test_mirogabalin_rises_5_mg_a_dose_a_change(old: str, new: str, skipped: bool) -> None:
    steps = of(_found([new], TOLERANT, previous=[old], market="jp"), CODE)
    assert bool(steps) == skipped
    if skipped:
        assert "+5 mg a dose" in steps[0].message and "7 days" in steps[0].message


@pytest.mark.parametrize("market", ["nz", "au", "uk"])
def test_a_market_without_a_row_borrows_the_others(market: str) -> None:
    steps = of(_found(["pregabalin 300 mg po bid"], TOLERANT, previous=["pregabalin 75 mg po bid"],
                      market=market), CODE)
    assert steps and f"no {market.upper()} row is shipped" in steps[0].message
    assert not of(_found(["pregabalin 150 mg po bid"], TOLERANT,
                         previous=["pregabalin 75 mg po bid"], market=market), CODE)


@pytest.mark.parametrize(("old", "new"), [
    (None, ["pregabalin 300 mg po bid"]),                                  # no previous regimen
    (["pregabalin 300 mg po bid"], ["pregabalin 75 mg po bid"]),          # a fall
    (["pregabalin 75 mg po bid"], ["pregabalin 75 mg po bid"]),           # unchanged
    (["pregabalin 75 mg po bid"], ["gabapentin 600 mg po tid"]),          # another drug
    (["duloxetine 30 mg po daily"], ["duloxetine 60 mg po daily"]),     # no row shipped
        # (gabapentin was this example until fix147g shipped its rows)
], ids=["no-previous", "fall", "same", "switch", "no-row"])
def test_no_rise_of_the_same_drug_is_not_judged(old: list[str] | None, new: list[str]) -> None:
    assert not of(_found(new, TOLERANT, previous=old), CODE)


def test_every_market_judges_without_a_market() -> None:
    steps = of(_found(["pregabalin 300 mg po bid"], TOLERANT,
                      previous=["pregabalin 75 mg po bid"]), CODE)
    assert steps and "EU" in steps[0].message and "US" in steps[0].message


def test_the_rule_is_data(tmp_path: Path) -> None:
    """A hospital's own step (here: pregabalin by +75 mg/day) replaces the shipped one."""
    row = "pregabalin,oral,ir,,150,,75,day,7,local protocol,P,\n"
    k = knowledge_with(tmp_path, titration_steps=header("titration_steps") + row)

    def steps(old: str, new: str) -> list[Finding]:
        return [f for f in check(Regimen.parse([new]), Patient(age=60),
                                 previous=Regimen.parse([old]), knowledge=k) if f.code == CODE]

    assert steps("pregabalin 150 mg po bid", "pregabalin 225 mg po bid")   # +150/day
    assert not steps("pregabalin 150 mg po bid", "pregabalin 187.5 mg po bid")  # +75/day


@pytest.mark.parametrize("row", [
    "pregabalin,oral,ir,,150,,,,7,x,P,\n",        # no step at all
    "pregabalin,oral,ir,,150,2,75,day,7,x,P,\n",  # both kinds of step
    "pregabalin,oral,ir,,150,,75,,7,x,P,\n",      # step_mg without step_per
])
def test_a_malformed_step_is_refused(tmp_path: Path, row: str) -> None:
    with pytest.raises(DataError, match=r"titration_steps\.csv:2"):
        knowledge_with(tmp_path, titration_steps=header("titration_steps") + row).validate()
