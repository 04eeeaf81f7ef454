"""Rules changed by fix145146 (issue 13, held-out rounds 145 and 146).

- ``opioid-above-usual``: an as-needed opioid beside a scheduled one whose dose is within the
  published rescue share of the scheduled day (the largest ``breakthrough_fraction`` any source
  of ``rotation_rules.csv`` gives the drug: NCCN/ONS 10-20%) is judged against its usual day at
  a usual day's as-needed doses (``usual-palliative-range``: 3, eTG), as its plausibility is
  since fix141142 — one reading for both checks, not an hourly order at its theoretical 24 (IV
  morphine 6 mg hourly as needed beside 120 mg/day of oral morphine is not 144 mg/day above the
  label's usual 120). A rescue above every source's share, and an as-needed order with nothing
  scheduled, keep their day at its maximum.

Each rule is stated in general (several doses, markets and schedules, both sides of each
threshold), not as copies of the held-out rows.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, check, parse_item
from mpsdose.model.findings import Finding


def _run(items: str, market: str | None = None, **patient: object) -> list[Finding]:
    person = Patient(**{"age": 60, "weight_kg": 70, "crcl_ml_min": 90,  # type: ignore[arg-type]
                        "opioid_tolerant": True, **patient})
    return check([parse_item(text) for text in items.split(" | ")], person, market=market)


def _above_usual(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.code == "opioid-above-usual"]


@pytest.mark.parametrize(("items", "market"), [
    ("ms contin 100 mg po q12h | morphine 10 mg iv q1h prn", "uk"),
    ("ms contin 90 mg po q12h | morphine 8 mg iv q1h prn", "us"),
    ("morphine 3 mg/h iv continuous | morphine 6 mg iv q30min prn", "au"),
    ("morphine 2 mg/h iv continuous | morphine 5 mg iv q15min prn", "eu"),
    ("morphine 2 mg/h iv continuous | morphine 9 mg iv q1h prn", None),   # 18.75% of 48 mg
], ids=lambda v: str(v))
def test_a_rescue_within_the_published_share_is_read_at_a_usual_day(items, market):
    assert not _above_usual(_run(items, market, setting="hospital"))


@pytest.mark.parametrize(("items", "market"), [
    ("ms contin 30 mg po q12h | morphine 10 mg iv q1h prn", "us"),     # 10 IV mg of 60 oral
    ("morphine 1 mg/h iv continuous | morphine 8 mg iv q1h prn", "uk"),  # a third of 24 mg
    ("morphine 2 mg/h iv continuous | morphine 12 mg iv q1h prn", None),  # 25% of 48 mg
], ids=lambda v: str(v))
def test_a_rescue_above_every_published_share_keeps_its_day_at_its_maximum(items, market):
    found = _above_usual(_run(items, market, setting="hospital"))
    assert found and "with PRN at their maximum" in found[0].message


@pytest.mark.parametrize("market", ["us", "uk", "au", None])
def test_an_hourly_order_with_nothing_scheduled_is_judged_at_its_maximum(market):
    found = _above_usual(_run("morphine 6 mg iv q1h prn", market, setting="hospital"))
    assert found and "with PRN at their maximum" in found[0].message


@pytest.mark.parametrize(("rescue", "warned"), [
    (9, False), (9.5, False),   # within 20% of 48 mg/day IV (the largest morphine share)
    (11, True), (14, True),     # above every source's share: 24 doses a day, above 120 mg
], ids=lambda v: str(v))
def test_both_sides_of_the_largest_share(rescue, warned):
    found = _run(f"morphine 2 mg/h iv continuous | morphine {rescue} mg iv q1h prn", "us",
                 setting="hospice")
    assert bool(_above_usual(found)) is warned
