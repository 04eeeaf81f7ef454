"""Care-setting maxima (``setting_limits.csv``): in its settings a row applies as a maximum, and the
licence rows of ``dose_limits.csv`` it stands in for step down to info for each kind of maximum it
gives (issue 13: a licence maximum that palliative practice exceeds).

Each test builds tiny data of its own over the shipped data (``Knowledge.load(tmp_path)``). The
numbers below are this file's own, chosen to make each boundary obvious (a licence of 5 mg a dose
and 20 mg a day, a hospice maximum of 50 mg a day); they are not clinical figures.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpsdose import Knowledge, Patient, Regimen, check
from mpsdose.model.errors import DataError
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.vocabulary import SETTINGS

LIMITS_HEADER = ("drug,route,release,condition,condition_band,condition_value,max_single_mg,"
                 "max_daily_mg,max_daily_mg_per_kg,max_days,scope,market,severity,source,grade,"
                 "notes\n")
SETTING_HEADER = ("drug,route,release,condition,condition_band,condition_value,settings,"
                  "max_single_mg,max_daily_mg,max_daily_mg_per_kg,max_days,market,severity,source,"
                  "grade,notes\n")
LICENCE = ("metoclopramide,sc,,any,,,5,20,,,,uk,warning,Test licence [P],P,\n"
           "metoclopramide,sc,,any,,,5,20,,,,eu,warning,Test EU licence [P],P,\n")
RENAL = "metoclopramide,,,crcl_ml_min,\"[10, 40)\",,,8,,,,uk,warning,Test renal label [P],P,\n"
HOSPICE = ("metoclopramide,sc,,any,,,hospice end-of-life,,50,,,,warning,"
           "Test hospice guide [P],P,\n")
ADULT = Patient(age=60, weight_kg=70, crcl_ml_min=90)
HOSPICE_ADULT = attrs.evolve(ADULT, setting="hospice")


def _knowledge(tmp_path: Path, limits: str = LICENCE, setting: str = HOSPICE) -> Knowledge:
    """The shipped knowledge with these limits and care-setting maxima, and no usual ranges (so
    that only the rows under test judge the dose)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    files = {"dose_limits": LIMITS_HEADER + limits, "setting_limits": SETTING_HEADER + setting,
             "usual_ranges": "drug,route,indication,daily_mg_low,daily_mg_high,source,grade,"
                             "notes\n"}
    for name, text in files.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    return Knowledge.load(tmp_path)


def _limit(items: list[str], patient: Patient, k: Knowledge, code: str = "metoclopramide-above-max",
           **kwargs: object) -> list[Finding]:
    found = check(Regimen.parse(items), patient, knowledge=k, **kwargs)  # type: ignore[arg-type]
    return [f for f in found if f.code == code]


def test_in_its_setting_the_licence_maximum_steps_down_to_info_naming_the_setting_maximum(
        tmp_path):
    k = _knowledge(tmp_path)
    order = ["metoclopramide 40 mg/day sc continuous"]
    [outside] = _limit(order, ADULT, k)
    assert outside.severity is Severity.WARNING
    assert "Test licence" in outside.source and "Test hospice guide" not in outside.source
    [inside] = _limit(order, HOSPICE_ADULT, k)
    assert inside.severity is Severity.INFO
    assert "stepped down to info in hospice care" in inside.message
    assert "50 mg/day" in inside.message
    assert "Test hospice guide" in inside.source and "Test licence" in inside.source


def test_above_the_setting_maximum_is_reported_by_it(tmp_path):
    k = _knowledge(tmp_path)
    [found] = _limit(["metoclopramide 60 mg/day sc continuous"], HOSPICE_ADULT, k)
    assert found.severity is Severity.WARNING
    assert "maximum of 50 mg/day" in found.message and "in hospice care" in found.message
    assert "Test hospice guide" in found.source


def test_a_maximum_the_setting_row_does_not_give_stays(tmp_path):
    # the hospice row gives a day, not a dose: the licence's 5 mg a dose still warns there
    k = _knowledge(tmp_path)
    order = ["metoclopramide 10 mg sc q6h"]  # 40 mg/day: within the hospice day
    assert [f.severity for f in _limit(order, HOSPICE_ADULT, k)] == [Severity.INFO]
    single = _limit(order, HOSPICE_ADULT, k, code="metoclopramide-single-dose-above-max")
    assert [f.severity for f in single] == [Severity.WARNING]


def test_a_licence_row_of_another_condition_is_not_stepped_down(tmp_path):
    # the renal band has no hospice row of its own: it still bounds the day in a hospice
    k = _knowledge(tmp_path, limits=LICENCE + RENAL)
    order = ["metoclopramide 30 mg/day sc continuous"]
    renal = attrs.evolve(HOSPICE_ADULT, crcl_ml_min=25)
    [found] = _limit(order, renal, k)
    assert found.severity is Severity.WARNING and "Test renal label" in found.source
    # a hospice row for the band steps it down in its turn
    banded = HOSPICE + ("metoclopramide,,,crcl_ml_min,\"[10, 40)\",,hospice,,35,,,,warning,"
                        "Test renal hospice guide [P],P,\n")
    k = _knowledge(tmp_path / "banded", limits=LICENCE + RENAL, setting=banded)
    [found] = _limit(order, renal, k)
    assert found.severity is Severity.INFO and "Test renal hospice guide" in found.source


def test_a_setting_row_applies_only_in_its_settings(tmp_path):
    # no licence row at all: the hospice maximum bounds the day in a hospice and nowhere else
    k = _knowledge(tmp_path, limits="")
    order = ["metoclopramide 60 mg/day sc continuous"]
    assert [f.severity for f in _limit(order, HOSPICE_ADULT, k)] == [Severity.WARNING]
    for patient in (ADULT, attrs.evolve(ADULT, setting="hospital")):
        assert _limit(order, patient, k) == []


def test_a_market_setting_row_stands_in_only_for_its_market(tmp_path):
    uk_only = HOSPICE.replace(",,,,warning,", ",,,uk,warning,")
    k = _knowledge(tmp_path, setting=uk_only)
    order = ["metoclopramide 40 mg/day sc continuous"]
    assert [f.severity for f in _limit(order, HOSPICE_ADULT, k, market="uk")] == [Severity.INFO]
    # the EU licence has no hospice row of its market: it stays a warning
    assert [f.severity for f in _limit(order, HOSPICE_ADULT, k, market="eu")] == [
        Severity.WARNING]


def test_an_unknown_setting_in_the_file_is_refused_with_its_line(tmp_path):
    with pytest.raises(DataError, match=r"setting_limits\.csv.*2"):
        _knowledge(tmp_path, setting=HOSPICE.replace("hospice end-of-life", "spa"))


#: One bundle for every example of the property (a fixture is not rebuilt between examples).
_BUNDLE: dict[str, Knowledge] = {}


@given(daily=st.integers(min_value=1, max_value=200),
       setting=st.sampled_from([None, *SETTINGS]))
def test_the_day_is_raised_exactly_above_the_maximum_of_the_patients_setting(tmp_path_factory,
                                                                             daily, setting):
    # the law of the step-down: outside the row's settings the licence bounds the day (20); in
    # them the setting's maximum does (50); at or below the bound nothing is raised
    if "k" not in _BUNDLE:
        _BUNDLE["k"] = _knowledge(tmp_path_factory.mktemp("setting"))
    found = _limit([f"metoclopramide {daily} mg/day sc continuous"],
                   attrs.evolve(ADULT, setting=setting), _BUNDLE["k"])
    bound = 50 if setting in ("hospice", "end-of-life") else 20
    raised = [f for f in found if f.severity is not Severity.INFO]
    assert bool(raised) == (daily > bound), (daily, setting, found)
