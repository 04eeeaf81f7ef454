"""Every limit in ``data/dose_limits.csv`` against an independent second reading of its source.

``tests/data/dose_limits_check.csv`` was written by a second reader who looked each number up
again in the cited label or guideline without the first transcription's notes (double entry, as a
pharmacy checks a transcription). This test fails when a shipped limit no longer matches what the
second reading found, or when a limit has no second reading at all.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
FIELDS = ("max_single_mg", "max_daily_mg", "max_daily_mg_per_kg", "max_days")
IDENTITY = ("drug", "route", "release", "condition", "condition_band", "condition_value")

#: Second readings that differ, each with why the shipped value stands.
KNOWN_DIFFERENCES = {
    # celecoxib label: acute pain day 1 allows 400 mg then 200 mg (600 mg); from day 2 and for
    # arthritis the maximum is 400 mg/day, the limit shipped (day 1 is in the row's notes).
    ("celecoxib", "max_daily_mg"): "day-1 acute pain allowance",
    # aspirin OTC: the shipped row reads the 325 mg tablets' directions (2 tablets = 650 mg a dose,
    # 12 tablets = 3,900 mg a day); the second reading is of the 81 mg tablets' (8 = 648 mg,
    # 48 = 3,888 mg a day), the same directions in another strength.
    ("aspirin", "max_single_mg"): "81 mg vs 325 mg tablet directions",
    ("aspirin", "max_daily_mg"): "81 mg vs 325 mg tablet directions",
    # clonazepam IV: the Irish SmPC's 20 mg total and the German label's about 13 mg a day
    # disagree; both rows are shipped (the German one as a warning), each read against the other.
    ("clonazepam", "max_daily_mg"): "Irish and German labels disagree (20 vs 13 mg)",
}


def _data_rows() -> dict[int, dict[str, str]]:
    with (ROOT / "data" / "dose_limits.csv").open(newline="", encoding="utf-8") as handle:
        return {number: row for number, row in enumerate(csv.DictReader(handle), start=2)}


def _checks() -> list[dict[str, str]]:
    path = ROOT / "tests" / "data" / "dose_limits_check.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


DATA = _data_rows()
CHECKS = _checks()


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


@pytest.mark.parametrize("check", CHECKS, ids=[f"{c['line']} {c['drug']} {c['field']}"
                                                for c in CHECKS])
def test_shipped_limit_matches_the_second_reading(check):
    row = DATA[int(check["line"])]
    for column in IDENTITY:
        assert row[column] == check[column], f"line {check['line']} moved: {column}"
    assert _number(row[check["field"]]) == _number(check["shipped"])
    if check["verdict"] == "confirmed":
        assert _number(check["found"]) == _number(check["shipped"])
    else:
        assert (check["drug"], check["field"]) in KNOWN_DIFFERENCES, (
            f"line {check['line']}: {check['verdict']} ({check['found']!r} vs "
            f"{check['shipped']!r})")


def test_every_limit_has_a_second_reading():
    read = {(int(c["line"]), c["field"]) for c in CHECKS}
    for number, row in DATA.items():
        for field in FIELDS:
            if row[field].strip():
                assert (number, field) in read, f"dose_limits.csv:{number} {field}"
