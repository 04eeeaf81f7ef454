"""A drug's own usual row written as a rate judges an infusion's day beside the OME ceiling of
every opioid (fix8788, issue 13 round 88 JC03), on tiny data of its own.

The ceiling of every opioid reads SC fentanyl at the generous factor of the first rotation table
that has one, so a day ten times the usual infusion can stay below it; a usual row of the drug
and route's own, in micrograms an hour, judges the infusion in its own unit. It judges a rate
only: an as-needed dose and an IV infusion are left to the rows that judge them.

The rows in the tiny file are this file's own; they are not clinical figures.
"""

from __future__ import annotations

import pytest

from mpsdose.model.findings import Severity
from tests.checking import found, header, knowledge_with, of

GENERIC = "usual,,,,,,,,300,,warning,Test every opioid [P],P,\n"
OWN = "usual,fentanyl,sc,,,,,,40,mcg/h,warning,Test SC fentanyl pump [P],P,\n"


@pytest.fixture
def ranges(tmp_path):
    def make(rows: str):
        return knowledge_with(tmp_path, opioid_dose_ranges=(
            header("opioid_dose_ranges", omit=("product", "opioids", "basis")) + rows))
    return make


def _usual(knowledge, items: list[str]):
    return of(found(items, knowledge=knowledge), "opioid-above-usual")


def test_the_drugs_own_rate_row_warns_where_the_ome_ceiling_is_silent(ranges):
    item = ["fentanyl 2000 mcg/day sc continuous"]
    assert not _usual(ranges(GENERIC), item)  # 200 mg OME at the generous 0.1: below 300
    warned = _usual(ranges(GENERIC + OWN), item)
    assert [f.severity for f in warned] == [Severity.WARNING]
    assert "40 mcg/h" in warned[0].message
    assert warned[0].source.startswith("Test SC fentanyl pump")


@pytest.mark.parametrize("item", [
    "fentanyl 800 mcg/day sc continuous",  # below 40 mcg/h (960 micrograms a day)
    "fentanyl 2000 mcg/day iv continuous",  # another route
    "fentanyl 200 mcg sc q1h prn max 6/day",  # not a rate
], ids=["below", "iv", "prn"])
def test_it_judges_only_a_rate_by_its_route_above_it(ranges, item):
    assert not _usual(ranges(GENERIC + OWN), [item])
