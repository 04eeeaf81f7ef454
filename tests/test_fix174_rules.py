"""Issue 13, round 174 (fix174): seizures and the anticonvulsants in palliative care.

General rules, tested on the shipped knowledge on both sides of each threshold and in several
markets (a market without a row of its own borrows another's, as a warning):

- oral phenytoin: the label's largest day is the one-off oral loading dose (1 g in three doses,
  at most 400 mg each), and a day above the 600 mg/day of maintenance is the loading day only
  (``dose_limits.csv``, a ``daily_dose`` row with ``max_days`` 1);
- oral phenobarbital: the UK SmPC's adult epilepsy range tops out at 180 mg/day (a warning);
- carbamazepine: rises by at most 200 mg/day a change from a start of 400 mg/day
  (``titration_steps.csv``: Tegretol US label; the neuralgia steps of 200 mg/day);
- a PRN dose with no PRN maximum: the day it is given holds at least that one dose, so one dose
  alone above a day's maximum is above it (a unit slip), whatever the PRN maximum would be;
- carbamazepine with a moderate or strong CYP3A4 inhibitor (``cyp3a4-inhibitor-reduce-dose``,
  Tegretol's interaction section) and phenytoin with a CYP2C9 inhibitor (``cyp2c9-inhibitor``,
  told in the phenytoin label's words, not the warfarin INR statement).
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Finding, Severity


def _patient() -> Patient:
    return Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none")


def _found(items: list[str], market: str | None, previous: list[str] | None = None
           ) -> list[Finding]:
    before = Regimen.parse(previous) if previous else None
    return list(check(Regimen.parse(items), _patient(), market=market, previous=before))


def _codes(items: list[str], market: str | None, previous: list[str] | None = None
           ) -> dict[str, Severity]:
    return {f.code: f.severity for f in _found(items, market, previous)}


_RAISED = {Severity.WARNING, Severity.ERROR}


@pytest.mark.parametrize("market", ["us", "au", "nz", None])
@pytest.mark.parametrize(("item", "flagged"), [
    ("phenytoin 100 mg po tid", False),          # the label's start and maintenance
    ("phenytoin 300 mg po daily", False),        # once-daily maintenance
    ("phenytoin 200 mg po tid", False),          # 600 mg/day: the top of maintenance
    ("phenytoin 3000 mg po daily", True),        # a ten-fold slip of 300 mg
    ("phenytoin 700 mg po bid", True),           # 1400 mg/day: above even the loading day
    ("phenytoin 500 mg po bid", True),           # 500 mg a dose: above the 400 mg loading dose
], ids=["100 tid", "300 daily", "200 tid", "3000 daily", "1400/day", "500 a dose"])
def test_oral_phenytoin_day_and_dose_are_bounded_by_the_loading_regimen(item, flagged, market):
    codes = _codes([item], market)
    raised = {c for c, s in codes.items() if c.startswith("phenytoin-") and s in _RAISED}
    assert bool(raised) is flagged, codes


@pytest.mark.parametrize("market", ["us", "nz"])
@pytest.mark.parametrize(("item", "flagged"), [
    ("phenytoin 300 mg po daily for 30 days", False),   # maintenance: no day limit
    ("phenytoin 200 mg po tid for 30 days", False),     # 600 mg/day is not above the band
    ("phenytoin 350 mg po bid for 1 days", False),      # 700 mg/day for the one loading day
    ("phenytoin 350 mg po bid for 5 days", True),       # the loading day repeated
    ("phenytoin 1000 mg po daily for 5 days", True),
], ids=["300x30", "600x30", "700x1", "700x5", "1000x5"])
def test_a_day_above_maintenance_is_the_one_loading_day(item, flagged, market):
    codes = _codes([item], market)
    assert (codes.get("phenytoin-duration-above-max") in _RAISED) is flagged, codes


@pytest.mark.parametrize("market", ["uk", "nz", "au"])
@pytest.mark.parametrize(("item", "flagged"), [
    ("phenobarbital 60 mg po at night", False),
    ("phenobarbital 180 mg po at night", False),   # the top of the SmPC's range
    ("phenobarbital 120 mg po bid", True),         # 240 mg/day
    ("phenobarbital 300 mg po bid", True),         # 600 mg/day
], ids=["60", "180", "240", "600"])
def test_oral_phenobarbital_above_the_smpc_adult_range_warns(item, flagged, market):
    codes = _codes([item], market)
    assert ("phenobarbital-above-max" in codes) is flagged, codes
    if flagged:
        assert codes["phenobarbital-above-max"] is Severity.WARNING


@pytest.mark.parametrize("market", ["us", "au", "jp"])
@pytest.mark.parametrize(("old", "new", "skipped"), [
    ("carbamazepine 100 mg po bid", "carbamazepine 200 mg po bid", False),   # 200 -> 400: start
    ("carbamazepine 200 mg po bid", "carbamazepine 300 mg po bid", False),   # +200 mg/day
    ("carbamazepine 200 mg po tid", "carbamazepine 400 mg po bid", False),   # 600 -> 800
    ("carbamazepine 100 mg po bid", "carbamazepine 600 mg po bid", True),    # 200 -> 1200
    ("carbamazepine 200 mg po bid", "carbamazepine 400 mg po bid", True),    # 400 -> 800
], ids=["to-start", "+200", "tid-bid", "200-1200", "400-800"])
def test_carbamazepine_rises_200_mg_a_day_a_change(old, new, skipped, market):
    codes = _codes([new], market, previous=[old])
    assert ("non-opioid-titration-step" in codes) is skipped, codes


@pytest.mark.parametrize(("items", "market", "flagged"), [
    (["glycopyrronium 200 mg sc prn"], "au", True),            # 200 micrograms written in mg
    (["glycopyrronium 200 mg sc prn"], "nz", True),
    (["glycopyrronium 2 mg sc prn"], "au", True),              # one dose above 1.2 mg a day
    (["glycopyrronium 0.2 mg sc prn"], "au", False),           # the eTG's dose: not above
    (["glycopyrronium 0.2 mg sc prn max 6/day"], "au", False),  # 1.2 mg/day at its maximum
], ids=["200 mg au", "200 mg nz", "2 mg", "0.2 mg", "0.2 max 6"])
def test_one_prn_dose_above_the_days_maximum_is_above_it(items, market, flagged):
    codes = _codes(items, market)
    assert ("glycopyrronium-above-max" in codes) is flagged, codes


@pytest.mark.parametrize("market", ["nz", "us", None])
@pytest.mark.parametrize(("partner", "flagged"), [
    ("clarithromycin 500 mg po bid", True),   # strong
    ("fluconazole 200 mg po daily", True),    # moderate: named by Tegretol
    ("diltiazem 60 mg po tid", True),         # moderate: named by Tegretol
    ("paracetamol 1 g po qid", False),        # not an inhibitor
], ids=["clarithromycin", "fluconazole", "diltiazem", "paracetamol"])
def test_carbamazepine_with_a_cyp3a4_inhibitor_asks_for_a_dose_adjustment(partner, flagged, market):
    codes = _codes(["carbamazepine 400 mg po bid", partner], market)
    assert ("cyp3a4-inhibitor-reduce-dose" in codes) is flagged, codes


@pytest.mark.parametrize("market", ["au", "us", None])
@pytest.mark.parametrize(("partner", "flagged"), [
    ("fluconazole 400 mg po daily", True),
    ("fluvoxamine 50 mg po daily", True),
    ("paracetamol 1 g po qid", False),
], ids=["fluconazole", "fluvoxamine", "paracetamol"])
def test_phenytoin_with_a_cyp2c9_inhibitor_warns_in_its_own_labels_words(partner, flagged, market):
    found = [f for f in _found(["phenytoin 300 mg po daily", partner], market)
             if f.code == "cyp2c9-inhibitor"]
    assert bool(found) is flagged
    if flagged:
        assert found[0].severity is Severity.WARNING
        assert "serum level" in found[0].message and "INR" not in found[0].message
        assert "Dilantin" in found[0].source


def test_warfarin_with_fluconazole_keeps_the_rules_own_statement():
    found = [f for f in _found(["warfarin 5 mg po daily", "fluconazole 200 mg po daily"], "us")
             if f.code == "cyp2c9-inhibitor"]
    assert found and "INR" in found[0].message
