"""The fixes of rounds 95 and 96 (issue 13).

- A step up from step-2 opioids within the product's own label start (``step-up-start``) is
  information naming a stricter palliative guideline's start (``step-up-guideline``), which the
  label outranks; above the label, the warning stays; a guideline judges only where no label
  start is shipped (CE14: codeine 240 mg/day to Zomorph 30 mg 12-hourly).
- A strong CYP3A4 inhibitor with warfarin, whose label asks for close INR monitoring with
  CYP3A4 inhibitors (``cyp3a4_inhibitor_monitor_inr``), warns; a weaker one does not (CF39).
- Parenteral tramadol has a factor in a rotation table (the AU Therapeutic Guidelines' 100 mg
  IM/IV = 10 mg parenteral morphine, ``tg2011``), so a switch from it is judged (CF25); its own
  injection labels start it (50-100 mg every 4-6 hours), outranking the all-opioid OME start.
- SC oxycodone has the UK injection labels' own opioid-naive bolus start (5 mg every 4 hours as
  required), which outranks the UK all-opioid start (CG01).
- The EU oral ondansetron day: at most 24 mg, the largest day of the EU SmPC's oral regimens
  (CF34).

The first tests use tiny data of this file's own: their numbers make each boundary obvious and
are not clinical figures. The later tests read the shipped rows.
"""

from __future__ import annotations

import attrs
import pytest

from mpsdose import Knowledge
from mpsdose.model.findings import Severity
from tests.checking import NAIVE, TOLERANT, UNKNOWN, found, header, knowledge_with, of, severities

CODEINE = ["codeine 60 mg po qid"]
RANGES = header("opioid_dose_ranges", omit=("opioids", "basis"))
NAIVE_START = "naive-start,morphine,oral,er,12,uk,10,,20,,warning,Test naive start [P],P,,\n"
CEILING = "plausible,,,,,,,,100000,,error,Test ceiling [P],P,,\n"
LABEL = "step-up-start,morphine,oral,er,12,uk,30,,60,,info,Test step-up label [S],S,,\n"
GUIDE = "step-up-guideline,morphine,oral,er,12,uk,20,,40,,info,Test step-up guideline [P],P,,\n"


def _switch(k: Knowledge, new: str):
    return of(found([new], UNKNOWN, previous=CODEINE, market="uk", knowledge=k),
              "equianalgesic-switch")


# -- the label outranks a stricter guideline (tiny rows) ---------------------------------------
@pytest.fixture
def label_and_guide(tmp_path) -> Knowledge:
    return knowledge_with(tmp_path, opioid_dose_ranges=RANGES + NAIVE_START + LABEL + GUIDE
                          + CEILING)


def test_within_the_label_above_the_guideline_is_information_naming_it(label_and_guide):
    shown = _switch(label_and_guide, "morphine er 30 mg po q12h")
    assert [f.severity for f in shown] == [Severity.INFO]
    assert "stricter palliative guideline starts it lower (20 mg a dose, 40 mg/day)" in (
        shown[0].message)
    assert "stricter guideline named: Test step-up guideline" in shown[0].source
    assert "Test step-up label" in shown[0].source


def test_within_both_names_no_stricter_guideline(label_and_guide):
    shown = _switch(label_and_guide, "morphine er 20 mg po q12h")
    assert [f.severity for f in shown] == [Severity.INFO]
    assert "stricter" not in shown[0].message


def test_above_the_label_still_warns(label_and_guide):
    assert [f.severity for f in _switch(label_and_guide, "morphine er 40 mg po q12h")] == [
        Severity.WARNING]


@pytest.mark.parametrize(("new", "expected"), [
    ("morphine er 20 mg po q12h", Severity.INFO),
    ("morphine er 30 mg po q12h", Severity.WARNING),
], ids=["within the guideline", "above it"])
def test_a_guideline_alone_bounds_the_step_up(tmp_path, new, expected):
    k = knowledge_with(tmp_path, opioid_dose_ranges=RANGES + NAIVE_START + GUIDE + CEILING)
    assert [f.severity for f in _switch(k, new)] == [expected]


# -- warfarin with a strong CYP3A4 inhibitor (tiny rows) ---------------------------------------
PROPERTIES = header("drug_properties")


@pytest.mark.parametrize(("strength", "expected"), [
    ("strong", [Severity.WARNING]),
    ("moderate", []),
], ids=["strong", "moderate"])
def test_warfarin_with_a_cyp3a4_inhibitor_of_the_row_strength(tmp_path, strength, expected):
    k = knowledge_with(tmp_path, drug_properties=PROPERTIES + (
        "warfarin,cyp3a4_inhibitor_monitor_inr,strong,Test warfarin label [P],P,\n"
        f"clarithromycin,cyp3a4_inhibitor,{strength},Test inhibitor [P],P,\n"))
    items = ["warfarin 5 mg po daily", "clarithromycin 500 mg po bid"]
    assert severities(found(items, UNKNOWN, knowledge=k), "cyp3a4-inhibitor-inr") == expected


# -- the shipped rows --------------------------------------------------------------------------
def test_the_shipped_warfarin_clarithromycin_warns_and_warfarin_alone_does_not():
    both = found(["warfarin 5 mg po daily", "clarithromycin 500 mg po bid"], UNKNOWN,
                 market="us")
    assert severities(both, "cyp3a4-inhibitor-inr") == [Severity.WARNING]
    assert not severities(found(["warfarin 5 mg po daily"], UNKNOWN, market="us"),
                          "cyp3a4-inhibitor-inr")


def test_a_switch_from_iv_tramadol_is_judged_by_the_parenteral_factor():
    shown = of(found(["morphine 80 mg/day sc continuous"], TOLERANT,
                     previous=["tramadol 100 mg iv q6h"], market="eu"), "equianalgesic-switch")
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "tg2011" in shown[0].message


@pytest.mark.parametrize("market", ["uk", "eu"])
def test_iv_tramadol_at_its_label_dose_is_no_naive_start_warning(market):
    shown = [s for s in severities(found(["tramadol 100 mg iv q6h"], NAIVE, market=market),
                                   "opioid-naive-start") if s is not Severity.INFO]
    assert shown == []


@pytest.mark.parametrize(("item", "expected"), [
    ("ondansetron 8 mg po q8h", []),
    ("ondansetron 16 mg po q6h", [Severity.WARNING]),
], ids=["24 mg/day", "64 mg/day"])
def test_the_eu_oral_ondansetron_day(item, expected):
    assert severities(found([item], UNKNOWN, market="eu"), "ondansetron-above-max") == expected


@pytest.mark.parametrize(("new", "expected"), [
    ("zomorph 30 mg po q12h", Severity.INFO),
    ("mst continus 60 mg po q12h", Severity.WARNING),
], ids=["the label's start", "twice it"])
def test_the_shipped_step_up_from_codeine_240(new, expected):
    shown = of(found([new], UNKNOWN, previous=CODEINE, market="uk"), "equianalgesic-switch")
    assert [f.severity for f in shown] == [expected]


@pytest.mark.parametrize(("item", "raised"), [
    ("oxycodone 5 mg sc q4h prn max 6/day", False),
    ("oxycodone 10 mg sc q4h prn", True),
], ids=["the label's 5 mg", "twice it"])
def test_the_uk_sc_oxycodone_bolus_start(item, raised):
    old = attrs.evolve(NAIVE, age=70)
    shown = [f for f in found([item], old, market="uk")
             if f.code in ("opioid-naive-start", "opioid-tolerant-only")
             and f.severity is not Severity.INFO]
    assert bool(shown) is raised
