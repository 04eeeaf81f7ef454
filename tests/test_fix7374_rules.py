"""Issue 13, rounds 73 and 74: a brand names its product, and the product fixes its patch's wear
(RC10, ``butrans 15 mcg/h td`` with no interval written: a 7-day patch, so the start of a 96-hour
patch says nothing of it — two products, not two sources that disagree).

The tests use tiny data of this file's own: their numbers make each boundary obvious and are not
clinical figures (the shipped rows are read in ``tests/shipped/test_round73_data.py``).
"""

from __future__ import annotations

import pytest

from mpsdose import Knowledge, Patient
from mpsdose.model.findings import Severity
from tests.checking import found, header, knowledge_with, of

NAIVE = Patient(age=77, weight_kg=58, crcl_ml_min=50, hepatic="none", opioid_tolerant=False)

RANGES = (header("opioid_dose_ranges", omit=("opioids", "basis"))
          + "naive-start,buprenorphine,transdermal,,168,us,,,5,mcg/h,warning,Test 7-day [P],P,,\n"
          + "naive-start,buprenorphine,transdermal,,96,uk,,,35,mcg/h,warning,Test 4-day [P],P,,\n"
          + "plausible,,,,,,,,100000,,error,Test ceiling [P],P,,\n")
SCHEDULE_ROWS = ("buprenorphine,transdermal,,patch,168,,,butrans,Test 7-day label [P],P,,\n"
                 "buprenorphine,transdermal,,patch,84,96,,transtec,Test 4-day label [P],P,,\n")


@pytest.fixture
def products(tmp_path) -> Knowledge:
    return knowledge_with(tmp_path, opioid_dose_ranges=RANGES,
                          schedules=header("schedules") + SCHEDULE_ROWS)


def _naive(k: Knowledge, item: str) -> list[Severity]:
    return [f.severity for f in of(found([item], NAIVE, knowledge=k), "opioid-naive-start")]


def test_a_brand_with_no_interval_is_judged_by_its_own_products_start_only(products):
    shown = of(found(["butrans 15 mcg/h td"], NAIVE, knowledge=products), "opioid-naive-start")
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "Test 7-day" in shown[0].source and "Test 4-day" not in shown[0].source
    assert "butrans is a product worn 168 h (schedules.csv)" in shown[0].message


def test_the_drugs_own_name_with_no_interval_still_reads_every_products_start(products):
    # no product named: a 7-day and a 96-hour patch are both possible, so both starts are read
    # and a rate between them is information (the sources' disagreement, stepped down)
    assert _naive(products, "buprenorphine 15 mcg/h td") == [Severity.INFO]


def test_a_brand_whose_interval_is_a_range_reads_the_rows_inside_it(products):
    # Transtec is changed every 84 to 96 hours: the 96-hour start is its own, the 7-day one not
    assert _naive(products, "transtec 35 mcg/h td") == []
    shown = of(found(["transtec 52.5 mcg/h td"], NAIVE, knowledge=products),
               "opioid-naive-start")
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "Test 4-day" in shown[0].source and "Test 7-day" not in shown[0].source


def test_a_written_interval_is_read_as_written(products):
    # the brand fixes the interval where none is written, or (fix163) where the written one is
    # shorter than the brand's wear: Butrans changed every 96 hours is still the 7-day patch, its
    # rate judged by the 7-day start (the early change is patch-changed-early's), not the 96-hour
    # Transtec start
    assert _naive(products, "butrans 15 mcg/h td q7d") == [Severity.WARNING]
    assert _naive(products, "butrans 15 mcg/h td q96h") == [Severity.WARNING]


def test_without_products_in_the_schedules_a_brand_fixes_nothing(tmp_path):
    plain = SCHEDULE_ROWS.replace(",butrans,", ",,").replace(",transtec,", ",,")
    k = knowledge_with(tmp_path, opioid_dose_ranges=RANGES, schedules=header("schedules") + plain)
    assert _naive(k, "butrans 15 mcg/h td") == [Severity.INFO]
