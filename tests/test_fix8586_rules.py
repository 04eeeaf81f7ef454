"""Issue 13, rounds 85 and 86: a patient recorded as not opioid-tolerant whose previous regimen
schedules an opioid is not opioid-naive (FE27, FE36, FE42); a market's own label start of a drug
outranks the same market's start of every opioid (FE06); a tolerant-only product whose background
opioid is only in the previous regimen names it (GE06, GE11, GE17, GE27).

The first tests use tiny data of this file's own: their numbers make each boundary obvious and are
not clinical figures. The later tests read the shipped rows.
"""

from __future__ import annotations

import pytest

from mpsdose import Knowledge, Patient
from mpsdose.clinical.ranges import previous_opioids
from mpsdose.model.findings import Severity
from mpsdose.model.regimen import Regimen
from tests.checking import TOLERANT, found, header, knowledge_with, of, severities

#: recorded as not opioid-tolerant (opioid_tolerant=false)
NOT_TOLERANT = Patient(age=45, weight_kg=70, crcl_ml_min=90, hepatic="none",
                       opioid_tolerant=False)

RANGES = header("opioid_dose_ranges", omit=("basis",))
#: au: a start of every opioid of 5 mg OME a dose; a day of 120 mg OME for tolerant patients only
AU = (RANGES
      + "naive-start,,,ir,,au,5,,,,warning,Test start of every opioid [S],S,,,\n"
      + "tolerant-only,,,,,au,,,120,,error,Test tolerant-only day [P],P,,,\n"
      + "plausible,,,,,,,,100000,,error,Test ceiling [P],P,,,\n")
#: us: a start of every opioid of 60 mg OME a day; the hydromorphone label's 4 mg a dose
US = (RANGES
      + "naive-start,,,,,us,,,60,,warning,Test start of every opioid [P],P,,,\n"
      + "naive-start,hydromorphone,oral,ir,,us,4,,,,warning,Test hydromorphone label [S],S,,,\n"
      + "plausible,,,,,,,,100000,,error,Test ceiling [P],P,,,\n")


@pytest.fixture
def au(tmp_path) -> Knowledge:
    return knowledge_with(tmp_path, opioid_dose_ranges=AU)


@pytest.fixture
def us(tmp_path) -> Knowledge:
    return knowledge_with(tmp_path, opioid_dose_ranges=US)


# -- not tolerant is not naive --------------------------------------------------------------------
def test_a_patient_with_no_previous_opioid_still_gets_the_naive_start(au):
    got = found(["oxycodone 10 mg po q4h"], NOT_TOLERANT, market="au", knowledge=au)
    assert severities(got, "opioid-naive-start") == [Severity.WARNING]
    assert not of(got, "opioid-naive-not-applied")


def test_an_as_needed_previous_opioid_does_not_make_the_patient_tolerant(au):
    got = found(["oxycodone 10 mg po q4h"], NOT_TOLERANT, market="au", knowledge=au,
                previous=["morphine 5 mg po q4h prn"])
    assert severities(got, "opioid-naive-start") == [Severity.WARNING]


def test_a_previous_scheduled_opioid_lifts_the_naive_start_and_says_why(au):
    got = found(["oxycodone 10 mg po q4h"], NOT_TOLERANT, market="au", knowledge=au,
                previous=["morphine 5 mg po q4h"])
    assert severities(got, "opioid-naive-start") == []
    [info] = of(got, "opioid-naive-not-applied")
    assert info.severity is Severity.INFO
    assert "morphine 5 mg po q4h" in info.message and "not opioid-naive" in info.message
    assert "warning opioid-naive-start" in info.message  # what a first start would have said
    assert "NCCN" in info.source


def test_the_switch_rule_still_judges_an_unreduced_switch(au):
    # oxycodone 60 mg/day to morphine 180 mg/day: more than the old day, not reduced
    got = found(["morphine 30 mg po q4h"], NOT_TOLERANT, market="au", knowledge=au,
                previous=["oxycodone 10 mg po q4h"])
    assert severities(got, "opioid-naive-start") == []
    assert Severity.WARNING in severities(got, "equianalgesic-switch")


def test_a_tolerant_only_dose_stays_where_the_previous_day_is_below_tolerance(au):
    # morphine 30 mg/day before (below 60): 180 mg/day is above the 120 reserved for tolerance
    got = found(["morphine 30 mg po q4h"], NOT_TOLERANT, market="au", knowledge=au,
                previous=["morphine 5 mg po q4h"])
    [error] = of(got, "opioid-tolerant-only")
    assert error.severity is Severity.ERROR
    assert "not opioid-tolerant either" in error.message


def test_a_tolerant_only_dose_is_not_raised_where_the_previous_day_reaches_tolerance(au):
    # morphine 120 mg/day before (at least 60): the titration rule judges the rise, not tolerance
    got = found(["morphine 30 mg po q4h"], NOT_TOLERANT, market="au", knowledge=au,
                previous=["morphine 20 mg po q4h"])
    assert of(got, "opioid-tolerant-only") == []
    [info] = of(got, "opioid-naive-not-applied")
    assert "reaches the 60 mg/day" in info.message and "error opioid-tolerant-only" in info.message


def test_previous_opioids_reads_the_largest_reading_and_none_without_a_schedule():
    assert previous_opioids(Regimen.parse(["acetaminophen 1 g po qid"]).items) is None
    assert previous_opioids(Regimen.parse(["morphine 5 mg po prn"]).items) is None
    prior = previous_opioids(Regimen.parse(["morphine 10 mg po q4h"]).items)
    assert prior is not None and prior.top == pytest.approx(60) and prior.meets_tolerance
    below = previous_opioids(Regimen.parse(["morphine 5 mg po q4h"]).items)
    assert below is not None and not below.meets_tolerance


# -- a market's own label start outranks its start of every opioid --------------------------------
def test_the_markets_own_label_start_makes_the_all_opioid_day_information(us):
    # hydromorphone 12 mg/day is above 60 mg OME at any factor of 5 and more; the label's 4 mg a dose,
    # at most every 4 hours, allows 2 mg four-hourly
    got = found(["hydromorphone 2 mg po q4h"], NOT_TOLERANT, market="us", knowledge=us)
    [info] = of(got, "opioid-naive-start")
    assert info.severity is Severity.INFO
    assert "Test hydromorphone label" in info.source and "Test start of every opioid" in info.source
    assert "yields to the drug's own label" in info.message


@pytest.mark.parametrize("item", ["hydromorphone 6 mg po q4h",    # above the label's dose
                                  "hydromorphone 2 mg po q2h",    # more often than four-hourly
                                  "hydromorphone 4 mg po q3h"],   # a day above 4 mg four-hourly
                         ids=["dose", "interval", "day"])
def test_a_dose_above_the_label_still_warns(us, item):
    got = found([item], NOT_TOLERANT, market="us", knowledge=us)
    assert Severity.WARNING in severities(got, "opioid-naive-start")


def test_another_drug_keeps_the_start_of_every_opioid(us):
    got = found(["oxycodone 10 mg po q4h"], NOT_TOLERANT, market="us", knowledge=us)
    assert severities(got, "opioid-naive-start") == [Severity.WARNING]


# -- the shipped rows -----------------------------------------------------------------------------
def test_a_tolerant_only_product_names_the_around_the_clock_opioid_the_order_drops():
    got = found(["fentora 100 mcg buccal prn max 4/day"], TOLERANT, market="us",
                previous=["oxycodone er 30 mg po q12h"])
    [warning] = of(got, "opioid-tolerance-not-met")
    assert warning.severity is Severity.WARNING
    assert "oxycodone er 30 mg po q12h of the previous regimen is not in this one" in \
        warning.message
    alone = found(["fentora 100 mcg buccal prn max 4/day"], TOLERANT, market="us")
    assert "previous regimen" not in of(alone, "opioid-tolerance-not-met")[0].message


def test_a_tolerant_only_product_stays_an_error_where_the_previous_day_is_below_tolerance():
    got = found(["fentora 100 mcg buccal prn max 4/day", "oxycodone er 10 mg po q12h"],
                NOT_TOLERANT, market="us", previous=["oxycodone er 10 mg po q12h"])
    [error] = of(got, "opioid-tolerant-only")
    assert error.severity is Severity.ERROR and "not opioid-tolerant either" in error.message


def test_a_patch_from_a_day_below_tolerance_keeps_the_patch_rule():
    got = found(["duragesic 25 mcg/h td q72h"], NOT_TOLERANT, market="us",
                previous=["morphine er 15 mg po q12h"])
    assert severities(got, "fentanyl-patch-naive") == [Severity.ERROR]


def test_a_market_label_naive_start_does_not_judge_a_switch():
    naive = found(["narusus 6 mg po daily"], NOT_TOLERANT, market="jp")
    assert of(naive, "jp-naive-start-above-label")
    switched = found(["narusus 6 mg po daily"], NOT_TOLERANT, market="jp",
                     previous=["oxycontin 10 mg po q12h"])
    assert not of(switched, "jp-naive-start-above-label")
