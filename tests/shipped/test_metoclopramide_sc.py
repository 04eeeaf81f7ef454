"""Subcutaneous metoclopramide (issue 13; held-out rows ND51 and RD55): the EMA/MHRA 2013 adult
maximum (10 mg a dose, 30 mg or 0.5 mg/kg a day, stated without a route) by SC outside palliative
care; WMPCP's palliative 30-100 mg/24 h SC in palliative, hospice and end-of-life care
(``data/setting_limits.csv``); and the SmPC's renal reduction (50% at CrCl 15-60, 75% below 15)
in every setting.

The numbers are typed from the sources the rows cite (MHRA Drug Safety Update, August 2013; WMPCP
anti-emetic guide; the UK holder's abbreviated prescribing information), not from the code.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Finding, Severity

RAISED = (Severity.WARNING, Severity.ERROR)
MHRA = "MHRA Drug Safety Update, August 2013"
WMPCP = "West Midlands Palliative Care Physicians"
RENAL = "Rosemont Pharmaceuticals"


def _findings(item: str, market: str = "uk", **patient: object) -> dict[str, Finding]:
    found = check(Regimen.parse([item]), Patient(**patient), market=market)  # type: ignore[arg-type]
    return {f.code: f for f in found if f.code.startswith("metoclopramide-")}


def _raised(found: dict[str, Finding]) -> dict[str, Finding]:
    return {code: f for code, f in found.items() if f.severity in RAISED}


def test_rd55_eighty_mg_a_day_sc_outside_palliative_care_is_above_the_2013_maximum():
    raised = _raised(_findings("metoclopramide 20 mg sc qid", age=62, weight_kg=60,
                               crcl_ml_min=70))
    assert raised["metoclopramide-above-max"].severity is Severity.WARNING
    assert "30 mg/day" in raised["metoclopramide-above-max"].message
    assert MHRA in raised["metoclopramide-above-max"].source
    assert "10 mg" in raised["metoclopramide-single-dose-above-max"].message


@pytest.mark.parametrize("market", ["uk", "eu", None])
def test_the_labelled_ten_mg_three_times_a_day_by_sc_is_not_raised(market):
    assert not _raised(_findings("metoclopramide 10 mg sc tid", market, age=60, weight_kg=70,
                                 crcl_ml_min=90))


@pytest.mark.parametrize("setting", ["palliative", "hospice", "end-of-life"])
def test_in_palliative_care_the_day_is_held_to_the_palliative_range_not_the_licence(setting):
    found = _findings("metoclopramide 80 mg/24h sc continuous", age=62, weight_kg=60,
                      crcl_ml_min=70, setting=setting)
    day = found["metoclopramide-above-max"]
    assert day.severity is Severity.INFO
    assert "100 mg/day" in day.message and WMPCP in day.source
    above = _findings("metoclopramide 120 mg/24h sc continuous", age=62, weight_kg=60,
                      crcl_ml_min=70, setting=setting)
    assert above["metoclopramide-above-max"].severity is Severity.WARNING
    assert WMPCP in above["metoclopramide-above-max"].source


def test_the_end_of_life_syringe_driver_of_thirty_mg_is_quiet():
    # the ordinary rounds' syringe drivers (HO03, KO04, MO22): 30 mg/24 h SC at the end of life
    assert not _raised(_findings("metoclopramide 30 mg/24h sc continuous", age=81,
                                 opioid_tolerant=True, setting="end-of-life"))


def test_nd51_the_renal_reduction_holds_in_palliative_care_too():
    # 80 mg/day SC at CrCl 35: the SmPC halves the 30 mg/day (15 mg/day); no palliative source
    # lifts the renal reduction, so the palliative setting does not step it down
    raised = _raised(_findings("metoclopramide 20 mg sc q6h", age=80, weight_kg=48,
                               crcl_ml_min=35, setting="palliative"))
    day = raised["metoclopramide-above-max"]
    assert "15 mg/day" in day.message and RENAL in day.source


@pytest.mark.parametrize(("item", "crcl", "raised"), [
    ("metoclopramide 5 mg sc tid", 35, False),      # 15 mg/day: half the 30 mg/day
    ("metoclopramide 10 mg sc tid", 35, True),      # 30 mg/day at CrCl 15-60
    ("metoclopramide 10 mg po tid", 50, True),      # every route: the reduction is of the drug
    ("metoclopramide 10 mg po tid", 60, False),     # 60 and above: the full 30 mg/day
    ("metoclopramide 5 mg sc bid", 10, True),       # 10 mg/day below 15: above 7.5 mg/day
    ("metoclopramide 2.5 mg sc tid", 10, False),    # 7.5 mg/day: a quarter of 30
])
def test_the_renal_bands_halve_and_quarter_the_day(item, crcl, raised):
    found = _findings(item, age=60, weight_kg=70, crcl_ml_min=crcl)
    assert ("metoclopramide-above-max" in _raised(found)) is raised
