"""A loading regimen held too long: a ``dose_limits.csv`` row of condition ``daily_dose`` limits
the days of an item whose own daily dose lies in its band (issue 13, round 15 VD54, round 14
UD55). Tiny data of this file's own: the numbers are chosen to make each boundary obvious, they
are not clinical figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpsdose import Knowledge, Patient, Regimen, check
from mpsdose.model.errors import MpsdoseError

PATIENT = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none")
HEADER = ("drug,route,release,condition,condition_band,condition_value,max_single_mg,max_daily_mg,"
          "max_daily_mg_per_kg,max_days,scope,market,severity,source,grade,notes\n")
LOADING = 'apixaban,oral,,daily_dose,"(10, )",20 mg a day for 7 days,,,,7,,,,Test label [P],P,\n'


def _knowledge(tmp_path: Path, rows: str = LOADING) -> Knowledge:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "dose_limits.csv").write_text(HEADER + rows, encoding="utf-8")
    return Knowledge.load(tmp_path)


def _codes(k: Knowledge, item: str) -> dict[str, str]:
    return {f.code: f.severity.value for f in check(Regimen.parse([item]), PATIENT, knowledge=k)
            if f.code.startswith("apixaban-duration")}


@pytest.mark.parametrize(("item", "expected"), [
    ("apixaban 10 mg po bid for 30 days", {"apixaban-duration-above-max": "error"}),
    ("apixaban 10 mg po bid for 7 days", {}),                     # the label's days
    ("apixaban 5 mg po bid for 90 days", {}),                     # 10 mg/day: below the band
    ("apixaban 2.5 mg po bid for 365 days", {}),
    ("apixaban 10 mg po bid", {"apixaban-duration-not-stated": "info"}),  # no duration: info
    ("apixaban 5 mg po bid", {}),                                 # maintenance: nothing to say
])
def test_a_daily_dose_in_the_band_is_limited_to_the_rows_days(tmp_path, item, expected):
    assert _codes(_knowledge(tmp_path), item) == expected


def test_the_finding_names_the_regimen_and_its_source(tmp_path):
    found = [f for f in check(Regimen.parse(["apixaban 10 mg po bid for 30 days"]), PATIENT,
                              knowledge=_knowledge(tmp_path))
             if f.code == "apixaban-duration-above-max"]
    assert len(found) == 1
    assert "20 mg a day for 7 days" in found[0].message
    assert ">10 mg/day" in found[0].message
    assert found[0].source == "Test label [P]"


def test_the_days_total_is_judged_however_it_is_split_into_items(tmp_path):
    # two items of 5 mg twice daily give the patient 20 mg a day for 30 days: the loading
    # regimen's day beyond its days, however it is written (the pharmacist's audit, finding 6:
    # "apixaban 5 mg po bid" + "Eliquis 5 mg po bid" had been called "allowed by the label")
    found = check(Regimen.parse(["apixaban 5 mg po bid for 30 days",
                                 "apixaban 5 mg po bid for 30 days"]), PATIENT,
                  knowledge=_knowledge(tmp_path))
    assert [f.code for f in found if f.code.startswith("apixaban-duration")] == [
        "apixaban-duration-above-max"]
    # ... and one item of the maintenance dose alone is not
    alone = check(Regimen.parse(["apixaban 5 mg po bid for 30 days"]), PATIENT,
                  knowledge=_knowledge(tmp_path))
    assert not [f for f in alone if f.code.startswith("apixaban-duration")]


@pytest.mark.parametrize("row", [
    # a dose maximum within a band of the dose: refused
    'apixaban,oral,,daily_dose,"(10, )",x,,20,,7,,,,Test [P],P,\n',
    # no days
    'apixaban,oral,,daily_dose,"(10, )",x,,,,,,,,Test [P],P,\n',
    # no regimen named
    'apixaban,oral,,daily_dose,"(10, )",,,,,7,,,,Test [P],P,\n',
    # no band
    "apixaban,oral,,daily_dose,,x,,,,7,,,,Test [P],P,\n",
])
def test_a_malformed_daily_dose_row_is_refused(tmp_path, row):
    with pytest.raises(MpsdoseError):
        _ = _knowledge(tmp_path, row).dose_limits


@given(per_dose=st.sampled_from([2.5, 5, 7.5, 10, 15, 20]),
       per_day=st.sampled_from([1, 2, 3]),
       days=st.integers(min_value=1, max_value=60))
def test_a_loading_dose_beyond_its_days_is_never_silent(tmp_path_factory, per_dose, per_day,
                                                         days):
    """For every dose and duration: above the band and beyond the days is an error; within the
    band's days, or at or below its floor, no duration finding."""
    k = _knowledge(tmp_path_factory.mktemp("k"))
    frequency = {1: "daily", 2: "bid", 3: "tid"}[per_day]
    codes = _codes(k, f"apixaban {per_dose:g} mg po {frequency} for {days} days")
    loading = per_dose * per_day > 10
    assert (codes == {"apixaban-duration-above-max": "error"}) is (loading and days > 7)
    if not loading or days <= 7:
        assert codes == {}
