"""The general rules behind the fixes of held-out rounds 107 and 108 (fix107108).

- A drug whose label gives one daily maximum per release (tapentadol, US: ER 500 mg/day, IR
  600 mg/day) has its day over every release given judged against the largest of them; a drug
  whose releases have no daily maximum (morphine MR with an IR rescue) gets no such limit.
- Oral metoclopramide has the EU/UK 2013 maximum (30 mg/day or 0.5 mg/kg, 10 mg a dose; a
  warning), stepped down in palliative care to WMPCP's 40 mg/day; the US and Japanese oral labels
  judge their own markets' orders.
- The US MS Contin label starts an opioid-naive patient at 15 mg every 8 or 12 hours.
"""

from __future__ import annotations

import attrs
import pytest

from mpsdose.model.findings import Severity
from tests.checking import NAIVE, TOLERANT, of
from tests.checking import found as _found

RAISED = (Severity.WARNING, Severity.ERROR)


@pytest.mark.parametrize(("items", "above"), [
    (["tapentadol er 250 mg po q12h", "tapentadol 100 mg po q4h prn max 6/day"], True),  # 1100
    (["tapentadol er 200 mg po q12h", "tapentadol 100 mg po q6h prn max 4/day"], True),  # 800
    (["tapentadol er 200 mg po q12h", "tapentadol 50 mg po q6h prn max 4/day"], False),  # 600: at
    (["tapentadol er 150 mg po q12h", "tapentadol 50 mg po q6h prn max 4/day"], False),  # 500
    (["tapentadol er 100 mg po q12h", "tapentadol 50 mg po q4h prn max 6/day"], False),  # 500
], ids=["1100-mg", "800-mg", "600-mg-at", "500-mg", "500-mg-b"])
def test_a_drugs_day_over_its_releases_meets_the_largest_release_maximum(
        items: list[str], above: bool) -> None:
    found = _found(items, TOLERANT, market="us")
    crossed = [f for f in of(found, "tapentadol-above-max") if f.severity in RAISED]
    assert bool(crossed) == above
    if crossed:
        assert "ER and IR together" in crossed[0].message
        assert "largest of the release maxima" in crossed[0].message


def test_one_release_alone_keeps_its_own_maximum() -> None:
    found = _found(["tapentadol er 300 mg po q12h"], TOLERANT, market="us")  # 600 ER: above 500
    crossed = of(found, "tapentadol-above-max")
    assert crossed and "together" not in crossed[0].message


@pytest.mark.parametrize("market", ["us", "eu", "uk", "jp"])
def test_no_release_maximum_no_combined_limit(market: str) -> None:
    """Morphine MR with an IR rescue: no label maximum of either release, so no day limit."""
    found = _found(["morphine er 60 mg po q12h", "morphine ir 20 mg po q4h prn max 6/day"],
                   TOLERANT, market=market)
    assert not of(found, "morphine-above-max")


@pytest.mark.parametrize(("market", "items", "raised"), [
    ("eu", ["metoclopramide 10 mg po q4h prn max 6/day"], True),     # 60 mg/day
    ("uk", ["metoclopramide 10 mg po qid"], True),                   # 40 mg/day
    ("eu", ["metoclopramide 10 mg po tid"], False),                  # 30 mg/day: at
    ("uk", ["metoclopramide 5 mg po tid"], False),
    ("us", ["metoclopramide 10 mg po qid"], False),                  # Reglan: 60 mg/day
    ("us", ["metoclopramide 20 mg po qid"], True),                   # 80 mg/day
    ("jp", ["metoclopramide 10 mg po tid"], False),                  # insert: 10-30 mg/day
    ("jp", ["metoclopramide 15 mg po tid"], True),                   # 45 mg/day
])
def test_oral_metoclopramide_daily_maximum_by_market(market: str, items: list[str],
                                                     raised: bool) -> None:
    found = _found(items, attrs.evolve(TOLERANT, weight_kg=75), market=market)
    crossed = [f for f in of(found, "metoclopramide-above-max") if f.severity in RAISED]
    assert bool(crossed) == raised


@pytest.mark.parametrize(("setting", "items", "raised"), [
    ("palliative", ["metoclopramide 10 mg po qid"], False),   # WMPCP: 10 mg TDS to QDS
    ("hospice", ["metoclopramide 10 mg po qid"], False),
    ("palliative", ["metoclopramide 20 mg po tid"], True),    # 60 mg/day, above 40
    ("community", ["metoclopramide 10 mg po qid"], True),
])
def test_oral_metoclopramide_in_palliative_care_steps_down(setting: str, items: list[str],
                                                            raised: bool) -> None:
    patient = attrs.evolve(TOLERANT, weight_kg=75, setting=setting)
    found = _found(items, patient, market="uk")
    crossed = [f for f in of(found, "metoclopramide-above-max") if f.severity in RAISED]
    assert bool(crossed) == raised


@pytest.mark.parametrize(("item", "warned"), [
    ("ms contin 15 mg po q8h", False),   # the label's first-opioid start, every 8 hours
    ("ms contin 15 mg po q12h", False),
    ("ms contin 30 mg po q12h", True),   # 30 mg a dose: above the 15 mg start
    ("ms contin 15 mg po q6h", True),    # 60 mg/day: above 45
])
def test_ms_contin_naive_start_every_8_or_12_hours(item: str, warned: bool) -> None:
    found = _found([item], NAIVE, market="us")
    assert bool([f for f in of(found, "opioid-naive-start") if f.severity in RAISED]) == warned
