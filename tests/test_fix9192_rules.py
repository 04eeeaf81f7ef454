"""The fixes of rounds 91 and 92 (issue 13).

- A step up from step-2 opioids is judged within every ``step-up-start`` row of the chosen market
  for the product: a product label's (MST CONTINUS, 30 mg 12-hourly) and a palliative guideline's
  (Leeds PILLS, MST 15-20 mg 12-hourly after codeine 240 mg/day), so the lower one bounds it
  (ME12; a step up well beyond it still warns).
- Subcutaneous fentanyl has an opioid-naive as-needed start of its own in the UK (West Midlands
  anticipatory medication: 25 micrograms, at most 150 micrograms in 24 hours), which a market
  without one borrows (SC11: 50 micrograms hourly for a frail naive patient in New Zealand).

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

# -- a step up judged within every step-up row of the market (tiny rows) -----------------------
RANGES = header("opioid_dose_ranges", omit=("opioids", "basis"))
#: the market's naive start is 10 mg a dose; a label starts the step up at 30 mg, a guideline
#: at 20 mg (12-hourly)
TWO_ROWS = (RANGES
            + "naive-start,morphine,oral,er,12,uk,10,,20,,warning,Test naive start [P],P,,\n"
            + "step-up-start,morphine,oral,er,12,uk,30,,60,,info,Test step-up label [S],S,,\n"
            + "step-up-start,morphine,oral,er,12,uk,20,,40,,info,Test step-up guideline [P],P,,\n"
            + "plausible,,,,,,,,100000,,error,Test ceiling [P],P,,\n")


@pytest.fixture
def two_rows(tmp_path) -> Knowledge:
    return knowledge_with(tmp_path, opioid_dose_ranges=TWO_ROWS)


def _switch(k: Knowledge, new: str, market: str | None = "uk"):
    return of(found([new], UNKNOWN, previous=CODEINE, market=market, knowledge=k),
              "equianalgesic-switch")


def test_a_step_up_within_every_row_is_information_naming_each(two_rows):
    shown = _switch(two_rows, "morphine er 20 mg po q12h")
    assert [f.severity for f in shown] == [Severity.INFO]
    assert "UK label or guideline start" in shown[0].message
    assert "Test step-up label" in shown[0].source
    assert "Test step-up guideline" in shown[0].source
    assert "UK start exceeded: Test naive start" in shown[0].source


@pytest.mark.parametrize("new", ["morphine er 30 mg po q12h", "morphine er 60 mg po q12h"],
                         ids=["within the label, above the guideline", "above both"])
def test_the_lower_row_bounds_the_step_up(two_rows, new):
    assert [f.severity for f in _switch(two_rows, new)] == [Severity.WARNING]


# -- an opioid-naive start of SC fentanyl, borrowed by a market with none (tiny rows) ----------
#: every opioid's UK start is 10 mg OME a dose, the US's 30; SC fentanyl's own UK start is
#: 0.025 mg a dose
FENTANYL = (RANGES
            + "naive-start,,,ir,,uk,10,,,,warning,Test UK start of every opioid [P],P,,\n"
            + "naive-start,,,ir,,us,30,,,,warning,Test US start of every opioid [P],P,,\n"
            + "naive-start,fentanyl,sc,,,uk,0.025,,0.15,,warning,Test SC fentanyl start [P],P,,\n"
            + "plausible,,,,,,,,100000,,error,Test ceiling [P],P,,\n")


@pytest.mark.parametrize(("dose", "market", "expected"), [
    ("fentanyl 25 mcg sc q1h prn", "uk", []),
    ("fentanyl 50 mcg sc q1h prn", "uk", [Severity.WARNING]),
    ("fentanyl 50 mcg sc q1h prn", "nz", [Severity.WARNING]),  # borrowed: nz ships none
], ids=["at the start", "above it", "above the borrowed start"])
def test_sc_fentanyl_as_needed_is_judged_by_its_own_start(tmp_path, dose, market, expected):
    k = knowledge_with(tmp_path, opioid_dose_ranges=FENTANYL)
    shown = [s for s in severities(found([dose], NAIVE, market=market, knowledge=k),
                                   "opioid-naive-start") if s is not Severity.INFO]
    assert shown == expected


# -- the shipped rows --------------------------------------------------------------------------
@pytest.mark.parametrize(("new", "expected"), [
    ("mst continus 20 mg po q12h", Severity.INFO),      # Leeds: 15-20 mg after codeine 240
    ("mst continus 30 mg po q12h", Severity.INFO),      # the label's 30 mg outranks Leeds (fix9596)
    ("mst continus 60 mg po q12h", Severity.WARNING),   # well beyond both
], ids=["Leeds start", "label start only", "well beyond"])
def test_the_shipped_uk_step_up_from_codeine_to_mst(new, expected):
    shown = of(found([new, "oramorph 5 mg po q2h prn max 6/day"], TOLERANT, previous=CODEINE,
                     market="uk"), "equianalgesic-switch")
    assert [f.severity for f in shown] == [expected]


@pytest.mark.parametrize(("dose", "expected"), [
    ("fentanyl 25 mcg sc q1h prn", []),
    ("fentanyl 50 mcg sc q1h prn", [Severity.WARNING]),
], ids=["WMPCP 25 micrograms", "twice it"])
def test_the_shipped_sc_fentanyl_naive_start(dose, expected):
    frail = attrs.evolve(NAIVE, age=88, weight_kg=45, crcl_ml_min=18)
    shown = [s for s in severities(found([dose], frail, market="nz"), "opioid-naive-start")
             if s is not Severity.INFO]
    assert shown == expected
