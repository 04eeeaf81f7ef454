"""A market's own label speaks for a limit that a row of no market also gives (issue 13)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mpsdose import Knowledge, Patient, Regimen, check

PATIENT = Patient(age=52, weight_kg=70, crcl_ml_min=90, hepatic="none", opioid_tolerant=True)
LIMITS_HEADER = ("drug,route,release,condition,condition_band,condition_value,max_single_mg,"
                 "max_daily_mg,max_daily_mg_per_kg,max_days,scope,market,severity,source,grade,"
                 "notes\n")
#: a foreign label kept as a row of no market (2 parenteral days, 30 mg a dose) and the US
#: label's row of every route (5 days)
LIMITS = LIMITS_HEADER + (
    "ketorolac,iv,,any,,,30,,,2,,,,Foreign test label [S],S,\n"
    "ketorolac,,,any,,,,120,,5,,us,,US test label [P],P,\n")


def _knowledge(tmp_path: Path, text: str = LIMITS) -> Knowledge:
    (tmp_path / "dose_limits.csv").write_text(text, encoding="utf-8")
    return Knowledge.load(tmp_path)


def _codes(order: str, k: Knowledge, market: str | None) -> set[str]:
    found = check(Regimen.parse([order]), PATIENT, knowledge=k, market=market)
    return {f.code for f in found if f.severity.value != "info"}


@pytest.mark.parametrize(("market", "flagged"), [
    ("us", False),  # the US label's 5 days speak for the days: 3 days are within them
    ("uk", True),   # no UK row: the row of no market applies
    (None, True),   # no market chosen: every row applies, the strictest wins
])
def test_a_markets_own_row_speaks_for_the_same_field(tmp_path, market, flagged):
    k = _knowledge(tmp_path)
    codes = _codes("ketorolac 30 mg iv q6h for 3 days", k, market)
    assert ("ketorolac-duration-above-max" in codes) is flagged


def test_the_other_fields_of_a_row_of_no_market_still_apply(tmp_path):
    k = _knowledge(tmp_path)
    # 60 mg a dose: the US row gives no single-dose maximum, so the foreign 30 mg still judges it
    assert "ketorolac-single-dose-above-max" in _codes("ketorolac 60 mg iv q6h for 1 days", k, "us")


def test_a_market_row_of_another_route_does_not_speak_for_the_row(tmp_path):
    k = _knowledge(tmp_path, LIMITS_HEADER + (
        "ketorolac,iv,,any,,,,,,2,,,,Foreign test label [S],S,\n"
        "ketorolac,oral,,any,,,,40,,5,,us,,US test label [P],P,\n"))
    assert "ketorolac-duration-above-max" in _codes("ketorolac 30 mg iv q6h for 3 days", k, "us")


def test_a_market_row_of_another_condition_does_not_speak_for_the_row(tmp_path):
    k = _knowledge(tmp_path, LIMITS_HEADER + (
        "ketorolac,iv,,any,,,,,,2,,,,Foreign test label [S],S,\n"
        'ketorolac,,,age,"[65, )",,,60,,5,,us,,US test label [P],P,\n'))
    assert "ketorolac-duration-above-max" in _codes("ketorolac 30 mg iv q6h for 3 days", k, "us")


# -- property: the chosen market's own row decides the field it gives -----------------------------
@settings(deadline=None, max_examples=25)
@given(foreign=st.integers(1, 9), own=st.integers(1, 9), days=st.integers(1, 9))
def test_the_markets_own_days_decide_and_without_a_market_the_strictest(foreign, own, days):
    with tempfile.TemporaryDirectory() as folder:
        k = _knowledge(Path(folder), LIMITS_HEADER + (
            f"ketorolac,iv,,any,,,,,,{foreign},,,,Foreign test label [S],S,\n"
            f"ketorolac,,,any,,,,,,{own},,us,,US test label [P],P,\n"))
        order = f"ketorolac 10 mg iv q6h for {days} days"
        assert ("ketorolac-duration-above-max" in _codes(order, k, "us")) is (days > own)
        assert ("ketorolac-duration-above-max" in _codes(order, k, None)) is (
            days > min(foreign, own))
