"""Rules added by fix129130 (issue 13, held-out round 130: delirium, agitation and sedation).

- Quetiapine has usual palliative delirium ranges (``usual_ranges.csv``): the Duke-NUS
  palliative e-book (start 12.5 mg twice daily, mean effective dose 40-100 mg/24 h) and a PMC
  review table (12.5-100 mg every 12 to 24 hours: 200 mg/day). In a patient of 65 or more
  (column ``age_band``: the Seroquel labels ask older adults for a lower start, slower titration
  and a lower target dose) a day above the most generous of them is
  ``antipsychotic-above-usual`` (a warning, as for the other antipsychotics); the delirium doses
  the guidance writes (12.5-100 mg a day, up to 100 mg twice a day) are quiet, and so is a
  younger patient's psychiatric dose (up to the 800 mg/day label maximum) or a patient whose age
  is not given.
- A usual range may belong to one market (``usual_ranges.csv`` column ``market``): it applies
  only with that ``--market``; rows without a market apply everywhere, and with no market given
  only they do (a usual range is the most generous row, so another market's practice would
  loosen it). The Japanese delirium guidance gives haloperidol injection 2.5 mg up to three
  (JPOS/JASCC 2022) or four (Toyama University Hospital manual) times a day: with ``--market
  jp`` a day up to 10 mg IV is within the usual range, elsewhere the 5 mg/day of the UK and
  Singapore guidance still judges it.

Each rule is stated in general (several doses, markets, both sides of each threshold) against
the shipped data whose sources the rows carry; the market filter also with tiny data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose import Knowledge, Patient, check, parse_item
from mpsdose.model.findings import Finding, Severity
from tests.checking import knowledge_with

USUAL_HEADER = ("drug,route,indication,daily_mg_low,daily_mg_high,source,grade,notes,market,"
                "age_band\n")


def _run(items: str, market: str | None = None, knowledge: Knowledge | None = None,
         **patient: object) -> list[Finding]:
    person = Patient(**{"age": 80, "weight_kg": 55, "crcl_ml_min": 60,  # type: ignore[arg-type]
                        "hepatic": "none", **patient})
    extra = {} if knowledge is None else {"knowledge": knowledge}
    return check([parse_item(text) for text in items.split(" | ")], person, market=market,
                 **extra)  # type: ignore[arg-type]


def _above(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.code == "antipsychotic-above-usual"]


# -- quetiapine against its usual delirium day --------------------------------------------------
@pytest.mark.parametrize("items", [
    "quetiapine 12.5 mg po bid",
    "quetiapine 25 mg po at night",
    "quetiapine 50 mg po bid",
    "quetiapine 100 mg po bid",       # 200 mg/day: the top of the review's range
    "quetiapine 25 mg po at night | quetiapine 25 mg po q6h prn",
])
@pytest.mark.parametrize("market", ["au", "uk", "jp", "us", None])
def test_quetiapine_at_delirium_doses_is_quiet(items, market):
    assert _above(_run(items, market)) == []


@pytest.mark.parametrize("items", [
    "quetiapine 250 mg po at night",  # the 25 mg tablet slipped ten-fold
    "quetiapine 150 mg po bid",       # 300 mg/day
    "quetiapine 300 mg po at night",
    "quetiapine 100 mg po tid",
])
@pytest.mark.parametrize("market", ["au", "nz", "eu", None])
def test_quetiapine_above_every_delirium_range_is_a_warning(items, market):
    shown = _above(_run(items, market))
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "200 mg/day (delirium, oral)" in shown[0].message
    assert "PMC3646320" in shown[0].source


@pytest.mark.parametrize("items", [
    "quetiapine 300 mg po bid",       # schizophrenia maintenance
    "quetiapine 400 mg po bid",       # the labelled top, 800 mg/day
    "quetiapine 300 mg po at night",
])
@pytest.mark.parametrize("age", [30, 50, 64])
def test_a_younger_patients_psychiatric_quetiapine_dose_is_not_judged_as_delirium(items, age):
    assert _above(_run(items, "uk", age=age)) == []


def test_the_delirium_range_judges_from_65_and_not_without_an_age():
    assert _above(_run("quetiapine 150 mg po bid", "au", age=65))
    assert not _above(_run("quetiapine 150 mg po bid", "au", age=64))
    assert not _above(_run("quetiapine 150 mg po bid", "au", age=None))


def test_quetiapine_usual_ranges_are_sourced_and_kept_apart():
    rows = [r for r in Knowledge.default().usual_ranges if r.drug == "quetiapine"]
    assert {(r.low, r.high) for r in rows} >= {(25, 100), (12.5, 200)}
    assert all(r.market is None and "[P]" in r.source for r in rows)
    assert all(r.age_band is not None and r.age_band.contains(65) and not r.age_band.contains(64)
               for r in rows)


# -- usual ranges of one market --------------------------------------------------------------
@pytest.mark.parametrize(("dose", "market", "warned"), [
    (2.5, "jp", False),   # 7.5 mg/day: within the JPOS/JASCC three doses
    (3.3, "jp", False),   # 9.9 mg/day: within the Toyama manual's four doses of 2.5 mg
    (4, "jp", True),      # 12 mg/day: above every Japanese reading
    (2.5, "uk", True),    # 7.5 mg/day: above the UK/Singapore 5 mg/day
    (2.5, "au", True),
    (2.5, None, True),    # no market: only the rows of every market
    (1.5, "uk", False),   # 4.5 mg/day: within 5 mg/day anywhere
    (1.5, None, False),
])
def test_haloperidol_injection_in_delirium_by_market(dose, market, warned):
    found = _run(f"haloperidol {dose:g} mg iv prn max 3/day", market, age=70)
    assert bool(_above(found)) is warned


def test_a_market_row_names_its_market_when_it_is_the_top():
    found = _run("haloperidol 5 mg iv prn max 3/day", "jp", age=70)  # 15 mg/day
    shown = _above(found)
    assert len(shown) == 1
    assert "10 mg/day (delirium, iv, jp)" in shown[0].message
    # the day is warned once: by the usual range, or (since fixsingle's JP injection maximum of
    # 10 mg/day) by that maximum, the usual range then saying so as information
    assert shown[0].severity is Severity.WARNING or any(
        f.code == "haloperidol-above-max" and f.severity is Severity.WARNING for f in found)


def test_a_usual_range_of_one_market_applies_only_there(tmp_path: Path):
    k = knowledge_with(tmp_path, usual_ranges=USUAL_HEADER + (
        "midazolam,sc,terminal agitation,10,30,Test guide A [P],P,,,\n"
        "midazolam,sc,terminal agitation,10,60,Test guide B [P],P,,jp,\n"))

    def above(items: str, market: str | None) -> bool:
        return "midazolam-above-usual" in {
            f.code for f in _run(items, market, knowledge=k)}

    assert not above("midazolam 50 mg/day sc continuous", "jp")   # the jp row: 60
    assert above("midazolam 70 mg/day sc continuous", "jp")
    for market in ("uk", "us", "au", None):                     # the general row: 30
        assert above("midazolam 50 mg/day sc continuous", market), market
        assert not above("midazolam 25 mg/day sc continuous", market), market


def test_a_market_row_alone_does_not_judge_another_market(tmp_path: Path):
    # only a jp row: in another market the dose is not judged by it (dose-not-checked may say so)
    k = knowledge_with(tmp_path, usual_ranges=USUAL_HEADER + (
        "midazolam,sc,terminal agitation,10,30,Test guide B [P],P,,jp,\n"))
    found = {f.code for f in _run("midazolam 50 mg/day sc continuous", "uk", knowledge=k)}
    assert "midazolam-above-usual" not in found
    found = {f.code for f in _run("midazolam 50 mg/day sc continuous", "jp", knowledge=k)}
    assert "midazolam-above-usual" in found


def test_a_usual_range_with_an_age_band_judges_only_those_ages(tmp_path: Path):
    k = knowledge_with(tmp_path, usual_ranges=USUAL_HEADER + (
        'midazolam,sc,terminal agitation,10,30,Test guide C [P],P,,,"[65, )"\n'))
    for age, warned in ((65, True), (90, True), (64, False), (30, False), (None, False)):
        codes = {f.code for f in _run("midazolam 50 mg/day sc continuous", "uk", knowledge=k,
                                      age=age)}
        assert ("midazolam-above-usual" in codes) is warned, age
