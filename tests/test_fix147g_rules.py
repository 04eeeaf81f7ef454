"""Rules added by fix147g (issue 13, held-out rounds 147 and 148).

- Gabapentin is titrated by its labels (``titration_steps.csv``): the EU SmPC from 900 mg/day
  (300 mg three times a day on day 1, or 300 -> 600 -> 900 mg/day over days 1-3) up by 300 mg/day
  every 2-3 days; the US label names its doses 300 -> 600 -> 900 -> 1800 mg/day, each at most a
  doubling of the day. A rise beyond the market's step in one change (``--previous``) is a
  ``non-opioid-titration-step`` warning; within it, or to the start of 900 mg/day from any lower
  dose, is silent.
- A market with no titration row of its own borrows every other market's rows, and the rise warns
  only where it is beyond every one of them: a market is not held to the strictest foreign label.
  The chosen market's own rows (or no market) still judge strictly: beyond any of them warns.

Each rule is stated in general (several doses and markets, both sides of each threshold) against
the shipped data whose sources the rows carry.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Finding, Severity
from tests.checking import TOLERANT, header, knowledge_with, of
from tests.checking import found as _found

CODE = "non-opioid-titration-step"


def _steps(old: str, new: str, market: str | None) -> list[Finding]:
    return of(_found([new], TOLERANT, previous=[old], market=market), CODE)


# -- gabapentin by its labels --------------------------------------------------------------------
@pytest.mark.parametrize(("old", "new"), [
    ("gabapentin 300 mg po at night", "gabapentin 300 mg po bid"),    # 300 -> 600: day 2
    ("gabapentin 300 mg po bid", "gabapentin 300 mg po tid"),         # 600 -> 900: day 3
    ("gabapentin 100 mg po tid", "gabapentin 300 mg po tid"),         # to the start of 900
    ("gabapentin 300 mg po tid", "gabapentin 400 mg po tid"),         # 900 -> 1200: +300
    ("gabapentin 600 mg po tid", "gabapentin 700 mg po tid"),         # 1800 -> 2100: +300
], ids=lambda v: v.replace("gabapentin ", ""))
@pytest.mark.parametrize("market", ["eu", "us", "uk", "au", "nz", None])
def test_gabapentin_within_every_labels_step_is_silent(old, new, market):
    assert not _steps(old, new, market)


@pytest.mark.parametrize(("old", "new"), [
    ("gabapentin 300 mg po tid", "gabapentin 1200 mg po tid"),        # 900 -> 3600: x4, +2700
    ("gabapentin 300 mg po at night", "gabapentin 800 mg po tid"),    # 300 -> 2400
    ("gabapentin 300 mg po daily", "gabapentin 600 mg po tid"),       # 300 -> 1800: x6
    ("gabapentin 400 mg po tid", "gabapentin 1000 mg po tid"),        # 1200 -> 3000: x2.5
], ids=lambda v: v.replace("gabapentin ", ""))
@pytest.mark.parametrize("market", ["eu", "us", "uk", "au", "nz", "jp", None])
def test_gabapentin_beyond_every_labels_step_warns(old, new, market):
    steps = _steps(old, new, market)
    assert steps and all(f.severity is Severity.WARNING for f in steps)
    assert "gabapentin oral" in steps[0].message


@pytest.mark.parametrize(("market", "warned"), [
    ("eu", True),    # the SmPC: +300 mg/day a step
    (None, True),    # every market's rows, each judging
    ("us", False),   # the US label names 900 -> 1800 mg/day (a doubling)
    ("uk", False),   # borrowed: within the US label's step, so not beyond every label
    ("nz", False),
])
def test_gabapentin_doubling_from_900_is_judged_by_the_markets_label(market, warned):
    steps = _steps("gabapentin 300 mg po tid", "gabapentin 600 mg po tid", market)
    assert bool(steps) is warned


def test_a_borrowed_finding_names_every_label_and_says_it_borrowed():
    steps = _steps("gabapentin 300 mg po tid", "gabapentin 1200 mg po tid", "nz")
    assert steps
    message = steps[0].message
    assert "borrowed: no NZ row is shipped" in message
    assert "EU:" in message and "US:" in message
    assert "SmPC" not in message and "summary of product characteristics" in steps[0].source


def test_a_lower_or_equal_gabapentin_day_is_not_a_step():
    assert not _steps("gabapentin 1200 mg po tid", "gabapentin 300 mg po tid", "eu")
    assert not _steps("gabapentin 600 mg po tid", "gabapentin 600 mg po tid", "us")


# -- borrowing: beyond every borrowed market ----------------------------------------------------
def test_borrowing_warns_only_beyond_every_market(tmp_path: Path) -> None:
    """Two markets' steps for one drug: a third market is judged by the looser."""
    rows = ("pregabalin,oral,ir,eu,150,,75,day,7,strict label,P,\n"
            "pregabalin,oral,ir,us,150,2,,,,loose label,P,\n")
    k = knowledge_with(tmp_path, titration_steps=header("titration_steps") + rows)

    def steps(market: str | None, old: str, new: str) -> list[Finding]:
        return [f for f in check(Regimen.parse([new]), Patient(age=60),
                                 previous=Regimen.parse([old]), market=market, knowledge=k)
                if f.code == CODE]

    within_loose = ("pregabalin 150 mg po bid", "pregabalin 300 mg po bid")   # 300 -> 600: x2
    beyond_both = ("pregabalin 75 mg po bid", "pregabalin 300 mg po bid")     # 150 -> 600: x4
    assert steps("eu", *within_loose)          # its own strict row judges
    assert not steps("us", *within_loose)
    assert not steps("jp", *within_loose)      # borrowed: within the loose label
    assert steps(None, *within_loose)          # no market: every row judges
    for market in ("eu", "us", "jp", None):
        assert steps(market, *beyond_both)
    borrowed = steps("jp", *beyond_both)[0].message
    assert "borrowed: no JP row is shipped" in borrowed and "EU:" in borrowed and "US:" in borrowed
