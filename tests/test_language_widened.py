"""The item language widened for case-report prose (issue 16): each spelling reads to what a
pharmacist reads in it, and the same care holds (refuse rather than guess)."""

from __future__ import annotations

import pytest

from mpsdose import DoseError, ItemSyntaxError, Route, ScheduleKind, format_item, parse_item

# (item, drug, route, per-dose or rate as (value, unit), daily [mg/day] by hand; None = not known)
READS = [
    # Unicode hyphens and dashes (U+2010, U+2011, U+2013) as "-"
    ("oral long\u2011acting oxycodone 20 mg/day", "oxycodone", Route.ORAL, (20, "mg/day"), 20),
    ("oral long\u2010acting oxycodone 20 mg/day", "oxycodone", Route.ORAL, (20, "mg/day"), 20),
    ("oxycodone short\u2013acting 5 mg po prn", "oxycodone", Route.ORAL, (5, "mg"), None),
    # microg, micrograms/hr, µ (U+00B5) and μ (U+03BC)
    ("fentanyl 150 microg/hr td", "fentanyl", Route.TRANSDERMAL, (150, "mcg/h"), 150 * 24 / 1000),
    ("fentanyl 200microg/hour td", "fentanyl", Route.TRANSDERMAL, (200, "mcg/h"), 200 * 24 / 1000),
    ("fentanyl 500 micrograms/hr td", "fentanyl", Route.TRANSDERMAL, (500, "mcg/h"), 12),
    ("fentanyl 25 \u00b5g/hr td", "fentanyl", Route.TRANSDERMAL, (25, "mcg/h"), 0.6),
    ("fentanyl 25 \u03bcg/hr td", "fentanyl", Route.TRANSDERMAL, (25, "mcg/h"), 0.6),
    # thousands separators: three digits after the comma, then a unit
    ("fentanyl 1,050 \u00b5g/hr td", "fentanyl", Route.TRANSDERMAL, (1050, "mcg/h"), 1050 * 24 / 1000),
    ("gabapentin 1,800mg/day", "gabapentin", Route.ORAL, (1800, "mg/day"), 1800),
    # a day written over 24 hours
    ("ketamine 100mg / 24 hours sc", "ketamine", Route.SC, (100, "mg/day"), 100),
    ("diamorphine 20 mg/24 hours sc continuous", "diamorphine", Route.SC, (20, "mg/day"), 20),
    # once / stat: a single dose has no daily amount
    ("hydromorphone 6mg iv once", "hydromorphone", Route.IV, (6, "mg"), None),
    ("dexamethasone 10 mg iv stat", "dexamethasone", Route.IV, (10, "mg"), None),
    # PCA lockouts: a PRN dose at most every 10 minutes (144 a day at most)
    ("fentanyl 200 mcg iv prn q10min", "fentanyl", Route.IV, (200, "mcg"), 200 * 144 / 1000),
    ("fentanyl 200mcg iv prn 10 minute lockout", "fentanyl", Route.IV, (200, "mcg"), 28.8),
    ("hydromorphone 10 mg iv prn lockout 10 min", "hydromorphone", Route.IV, (10, "mg"), 1440),
    # "≤ N/day" as the PRN maximum
    ("oxycodone ir 5 mg po prn \u2264 6/day", "oxycodone", Route.ORAL, (5, "mg"), 30),
]


@pytest.mark.parametrize(("text", "drug", "route", "amount", "daily"), READS, ids=[r[0] for r in READS])
def test_widened_spellings_read_right(text, drug, route, amount, daily):
    item = parse_item(text)
    assert item.drug.name == drug
    assert item.route is route
    dose = item.ingredients[0].dose
    assert dose is not None
    assert dose.value == pytest.approx(amount[0])
    assert dose.unit.symbol == amount[1]
    if daily is None:
        assert item.daily() is None
    else:
        assert item.daily() == pytest.approx(daily)
    assert parse_item(format_item(item)) == item


@pytest.mark.parametrize("text", ["morphine 0.5 to 0.75 mg iv prn", "morphine 0.5\u20130.75 mg iv prn",
                                  "morphine 0.5-0.75 mg iv prn"])
def test_a_range_is_kept_and_judged_at_its_top(text):
    """A range is read at its top (audit finding 9: the safe reading for a maximum, as a FHIR
    doseRange is read), and kept as written."""
    item = parse_item(text)
    (ingredient,) = item.ingredients
    assert ingredient.dose is not None and ingredient.dose.value == 0.75
    assert ingredient.dose_range is not None
    assert (ingredient.dose_range.low.value, ingredient.dose_range.high.value) == (0.5, 0.75)
    assert item.daily() is None and item.dose_known  # PRN with no maximum or interval
    assert format_item(item) == "morphine 0.5-0.75 mg iv prn"
    assert parse_item(format_item(item)) == item


def test_once_is_a_single_dose():
    item = parse_item("hydromorphone 6 mg iv once")
    assert item.schedule.kind is ScheduleKind.ONCE
    assert item.daily() is None


REFUSED = [
    ("oxycodone 1,5 mg po bid", ItemSyntaxError, "comma"),  # a decimal comma stays ambiguous
    ("oxycodone 1,50 mg po bid", ItemSyntaxError, "comma"),
    # no thousands separator follows a zero: "0,125" and "0,500" are decimal commas (0.125, 0.5),
    # once read as 125 and 500 mg — a thousand-fold error; refused like the other decimal commas
    ("morphine 0,125 mg po q4h", ItemSyntaxError, "comma"),
    ("morphine 0,500 mg po q4h", ItemSyntaxError, "comma"),
    ("morphine 0,5 mg po", ItemSyntaxError, "comma"),
    ("\u30aa\u30ad\u30b7\u30b3\u30c9\u30f3\u5f90\u653e\u9320 0,005mg 1\u56de1\u9320 1\u65e52\u56de",
     ItemSyntaxError, "comma"),  # the Japanese path: オキシコドン徐放錠 0,005mg 1回1錠 1日2回
    ("oxycodone \u22125 mg po bid", DoseError, "negative"),  # U+2212 minus is still a minus
    ("morphine 0.75 to 0.5 mg iv prn", ItemSyntaxError, "range"),
    ("morphine 5-5 mg iv prn", ItemSyntaxError, "range"),
    ("morphine 10 mg/h iv once", ItemSyntaxError, "total"),  # a rate is not a single dose
    ("fentanyl 2.5 mg td", Exception, "mcg/h"),  # a patch by content stays refused
]


@pytest.mark.parametrize(("text", "error", "word"), REFUSED, ids=[r[0] for r in REFUSED])
def test_widening_keeps_refusals(text, error, word):
    with pytest.raises(error) as caught:
        parse_item(text)
    assert word.lower() in str(caught.value).lower()
