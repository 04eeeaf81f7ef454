"""The shipped rows behind the seventy-third held-out round's fixes (issue 13), typed again from
the text they quote (double entry): the wear time of the buprenorphine patch brands
(``schedules.csv`` products) and eTG's starts of 12-hour and 24-hour MR morphine in Australia
(``opioid_dose_ranges.csv``); and the orders they judge."""

from __future__ import annotations

import pytest

from mpsdose import Patient
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Severity
from mpsdose.model.vocabulary import Route
from tests.checking import found, severities

K = resolve(None)
NAIVE = Patient(age=60, weight_kg=75, crcl_ml_min=85, hepatic="none", opioid_tolerant=False)
OLD = Patient(age=77, weight_kg=58, crcl_ml_min=50, hepatic="none", opioid_tolerant=False)


@pytest.mark.parametrize(("brand", "wear"), [
    ("butrans", [(168, 168)]),   # Butrans US label: 'intended to be worn for 7 days'
    ("norspan", [(168, 168)]),   # Norspan AU CMI: 'Each patch should be worn for seven days'
    # Transtec SmPC: 96 hours; twice weekly on fixed days; the Scottish guideline's 72 hours
    # (fix163) a second row
    ("transtec", [(84, 96), (72, 96)]),
])
def test_each_patch_brand_names_its_wear(brand, wear):
    rows = [s for s in K.schedules if s.drug == "buprenorphine"
            and s.route is Route.TRANSDERMAL and brand in s.products]
    assert [s.interval_range for s in rows] == wear
    assert K.catalogue.names.get(brand) == "buprenorphine" and brand in K.catalogue.brands


def test_every_schedule_product_is_a_brand_of_its_drug():
    for row in K.schedules:
        for name in row.products:
            assert name in K.catalogue.brands and K.catalogue.names.get(name) == row.drug


def test_etg_gives_a_start_for_each_mr_morphine_interval():
    rows = {r.interval_h: r for r in K.opioid_ranges if r.check == "naive-start"
            and r.drug == "morphine" and r.market == "au" and r.release == "er"}
    assert sorted(rows) == [12, 24]
    # 'morphine (12-hour) modified-release 5 to 10 mg orally, twice daily'
    assert (rows[12].per_dose, rows[12].per_day) == (10, 20)
    # 'morphine (24-hour) modified-release 10 to 20 mg orally, daily'
    assert (rows[24].per_dose, rows[24].per_day) == (20, 20)
    assert "10 to 20 mg orally, daily" in rows[24].source


@pytest.mark.parametrize(("item", "expected"), [
    ("morphine er 20 mg po daily", []),                       # RE32: the 24-hour start's top
    # above it, but within the US KADIAN label's start for a patient not opioid tolerant (30 mg
    # every 24 hours): eTG's start is a guideline's and no AU label is shipped (fix128), info
    ("morphine er 30 mg po daily", [Severity.INFO]),
    ("morphine er 40 mg po daily", [Severity.WARNING]),       # above every start
    ("morphine er 10 mg po q12h", []),                        # the 12-hour start's top
    ("morphine er 20 mg po q12h", [Severity.WARNING]),        # a 24-hour dose given 12-hourly
])
def test_au_mr_morphine_is_judged_by_the_start_of_its_own_interval(item, expected):
    assert severities(found([item], NAIVE, market="au"), "opioid-naive-start") == expected


def test_butrans_with_no_interval_is_a_seven_day_patch():
    # RC10: above the 7-day patch's 5 mcg/h start; Transtec's 35 mcg/h start is another product's
    shown = [f for f in found(["butrans 15 mcg/h td"], OLD, market="eu")
             if f.code == "opioid-naive-start"]
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "disagree" not in shown[0].message and "TRANSTEC" not in shown[0].source
