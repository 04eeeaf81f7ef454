"""Issue 13, round 54: an as-needed dose raised past one of its label's titration doses (RA19,
Instanyl 50 to 200 micrograms, past 100).

The titration tables here are tiny data of this file's own: their numbers make each boundary
obvious and are not clinical figures. The last test reads the shipped rows.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Severity
from tests.checking import header, knowledge_with

TOLERANT = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none", opioid_tolerant=True)
#: two products of one route, each titrated through its own doses (mg): 1, 2, 4 and 2, 3, 6
TINY_LADDERS = ("usual,,,,,,,,300,,warning,Tiny day [P],P,\n"
                "titration-dose,morphine,sc,,,nz,1,,,,warning,Tiny label A [P],P,\n"
                "titration-dose,morphine,sc,,,nz,2,,,,warning,Tiny label A [P],P,\n"
                "titration-dose,morphine,sc,,,nz,4,,,,warning,Tiny label A [P],P,\n"
                "titration-dose,morphine,sc,,,nz,3,,,,warning,Tiny label B [P],P,\n"
                "titration-dose,morphine,sc,,,nz,6,,,,warning,Tiny label B [P],P,\n")


@pytest.fixture
def ladders(tmp_path):
    return knowledge_with(tmp_path, opioid_dose_ranges=(
        header("opioid_dose_ranges", omit=("product", "opioids", "basis")) + TINY_LADDERS))


def _steps(knowledge, old: float, new: float, market: str | None) -> list[tuple[Severity, str]]:
    found = check(Regimen.parse([f"morphine {new:g} mg sc prn max 4/day"]), TOLERANT,
                  previous=Regimen.parse([f"morphine {old:g} mg sc prn max 4/day"]),
                  market=market, knowledge=knowledge)
    return [(f.severity, f.source) for f in found if f.code == "opioid-titration-step"]


@pytest.mark.parametrize(("old", "new", "skipped"), [
    (1, 2, None), (2, 3, None), (2, 4, "Tiny label B [P]"), (1, 4, "Tiny label A [P]"),
    (4, 6, None), (3, 6, "Tiny label A [P]"), (4, 4, None),
], ids=["one step", "step of the other label", "past the other label's 3", "past 2 and 3",
        "to the top", "past 4", "unchanged"])
def test_a_rise_past_a_titration_dose_of_the_route_skips_a_step(ladders, old, new, skipped):
    shown = _steps(ladders, old, new, "nz")
    if skipped is None:
        assert shown == []
    else:
        assert [severity for severity, _ in shown] == [Severity.WARNING]
        assert skipped in shown[0][1]


def test_the_titration_doses_are_read_in_their_market_and_where_none_is_chosen(ladders):
    assert [severity for severity, _ in _steps(ladders, 1, 4, None)] == [Severity.WARNING]
    # a market with no sequence of its own for the drug and route borrows the others' (round 72,
    # PecFent in the UK), and the finding says so; a market with its own reads only its own
    found = check(Regimen.parse(["morphine 4 mg sc prn max 4/day"]), TOLERANT,
                  previous=Regimen.parse(["morphine 1 mg sc prn max 4/day"]), market="jp",
                  knowledge=ladders)
    borrowed = [f for f in found if f.code == "opioid-titration-step"]
    assert [f.severity for f in borrowed] == [Severity.WARNING]
    assert "the NZ label's sequence, borrowed: no JP row is shipped" in borrowed[0].message
    own = check(Regimen.parse(["morphine 4 mg sc prn max 4/day"]), TOLERANT,
                previous=Regimen.parse(["morphine 1 mg sc prn max 4/day"]), market="nz",
                knowledge=ladders)
    assert not any("borrowed" in f.message for f in own if f.code == "opioid-titration-step")


@pytest.mark.parametrize(("old", "new", "market", "warned"), [
    (50, 200, "eu", True), (50, 100, "eu", False), (100, 200, "eu", False),
    (100, 400, "eu", True), (200, 400, "eu", False), (400, 800, "eu", False),
], ids=["instanyl skips 100", "instanyl one step", "instanyl to the top", "pecfent skips 200",
        "pecfent to 400", "pecfent two sprays of 400"])
def test_intranasal_fentanyl_is_titrated_one_label_dose_at_a_time(old, new, market, warned):
    # the Instanyl SmPC's strengths (50, 100, 200 micrograms, from 50) and PecFent's titration
    # (100, 200 as two sprays, 400, 800 as two sprays), EU (round 54 RA19)
    found = check(Regimen.parse([f"fentanyl {new} mcg intranasal prn max 4/day",
                                 "oxycodone er 40 mg po q12h"]), TOLERANT,
                  previous=Regimen.parse([f"fentanyl {old} mcg intranasal prn max 4/day",
                                          "oxycodone er 40 mg po q12h"]), market=market)
    shown = [f for f in found if f.code == "opioid-titration-step"]
    assert bool(shown) is warned
