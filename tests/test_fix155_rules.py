"""The rules fix155 added after the one hundred and fifty-fifth held-out round of issue 13.

- A course a guideline limits at a high day: dexamethasone above 8 mg a day (the 16 mg/day of
  cord compression, cerebral oedema, SVCO, airway obstruction) is continued at a set dose for at
  most 4 weeks (West Midlands Palliative Care Physicians' guide: 'a set dose for a maximum of 2-4
  weeks', the top taken; ``dose_limits.csv``, a ``daily_dose`` row as macrogol's impaction
  course). A day above the band written for more than 28 days warns, in every market and by
  every route; at or below 28 days, or at 8 mg a day or less for any length, it is quiet; with no
  duration, information.
- The words of a ``daily_dose`` row name the source's regimen, not always a label's (the row
  may be a guideline's).
"""

from __future__ import annotations

import pytest

from mpsdose.model.findings import Severity
from tests.checking import found as _found
from tests.checking import of as _of
from tests.checking import severities

COURSE = "dexamethasone-duration-above-max"


@pytest.mark.parametrize("market", ["uk", "eu", "us", "au", "jp", None])
@pytest.mark.parametrize("item", ["dexamethasone 16 mg po daily for 42 days",
                                  "dexamethasone 16 mg po daily for 29 days",
                                  "dexamethasone 8 mg po bid for 35 days",
                                  "dexamethasone 12 mg po daily for 60 days",
                                  "dexamethasone 4 mg sc qid for 30 days",
                                  "dexamethasone 24 mg iv daily for 31 days"])
def test_a_day_above_8_mg_beyond_four_weeks_warns(item, market):
    assert severities(_found([item], market=market), COURSE) == [Severity.WARNING]


@pytest.mark.parametrize("market", ["uk", "us", "au"])
@pytest.mark.parametrize("item", ["dexamethasone 16 mg po daily for 28 days",
                                  "dexamethasone 16 mg po daily for 14 days",
                                  "dexamethasone 8 mg po bid for 7 days",
                                  "dexamethasone 8 mg po daily for 30 days",
                                  "dexamethasone 8 mg po daily for 90 days",
                                  "dexamethasone 4 mg po daily for 60 days",
                                  "dexamethasone 2 mg po daily for 42 days"])
def test_within_four_weeks_or_at_8_mg_or_less_is_quiet(item, market):
    found = _found([item], market=market)
    assert not _of(found, COURSE)
    assert not [f for f in found if f.severity is not Severity.INFO
                and "duration" in f.code]


def test_a_high_day_with_no_duration_is_information():
    found = _found(["dexamethasone 16 mg po daily"])
    assert not _of(found, COURSE)
    assert [f.severity for f in found if "no duration written" in f.message] == [Severity.INFO]


def test_a_low_day_with_no_duration_says_nothing_of_a_course():
    assert not [f for f in _found(["dexamethasone 4 mg po daily"])
                if "no duration written" in f.message]


def test_the_course_names_the_source_regimen_not_a_label():
    message = _of(_found(["dexamethasone 16 mg po daily for 42 days"]), COURSE)[0].message
    assert "the source's regimen" in message
    assert "label's regimen" not in message
