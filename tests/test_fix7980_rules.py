"""Issue 13, rounds 79 and 80: a start of every opioid whose source speaks of strong opioids alone
does not judge a step-2 opioid at its own label dose (XE36: Panadeine Forte, codeine 60 mg a dose,
against eTG's 5 mg OME of morphine in Australia); the UK Temgesic label's sublingual buprenorphine
start; the EU maximum of oral paracetamol (fix75: 6 g a day was only a borrowed warning).

The first tests use tiny data of this file's own: their numbers make each boundary obvious and are
not clinical figures. The later tests read the shipped rows.
"""

from __future__ import annotations

import pytest

from mpsdose import Knowledge, Patient
from mpsdose.model.errors import DataError
from mpsdose.model.findings import Severity
from tests.checking import found, header, knowledge_with, own_severity, severities

#: an opioid-naive adult
NAIVE = Patient(age=45, weight_kg=70, crcl_ml_min=90, hepatic="none", opioid_tolerant=False)

RANGES = header("opioid_dose_ranges", omit=("basis",))
#: market au's start of every opioid is 5 mg OME a dose, from a source of strong opioids alone;
#: market us's is 30 mg OME a dose (codeine 60 mg is 9 mg OME by the shipped tables)
STARTS = (RANGES
          + "naive-start,,,ir,,au,5,,,,warning,Test strong-opioid guideline [S],S,,,strong\n"
          + "naive-start,,,ir,,us,30,,,,warning,Test label [P],P,,,\n"
          + "plausible,,,,,,,,100000,,error,Test ceiling [P],P,,,\n")


@pytest.fixture
def starts(tmp_path) -> Knowledge:
    return knowledge_with(tmp_path, opioid_dose_ranges=STARTS)


def _naive(k: Knowledge | None, item: str, market: str = "au") -> list[Severity]:
    return [own_severity(f) for f in found([item], NAIVE, market=market, knowledge=k)
            if f.code == "opioid-naive-start"]


def test_a_strong_opioid_start_does_not_judge_a_step_two_opioid(starts):
    # codeine (who_step 2) is read against the US start instead: 9 mg OME is within 30
    assert _naive(starts, "codeine 60 mg po q4h") == []


def test_a_step_two_opioid_above_the_borrowed_start_keeps_the_warning(starts):
    # codeine 300 mg is 45 mg OME a dose, above the US start of every opioid
    assert _naive(starts, "codeine 300 mg po q4h") == [Severity.WARNING]


def test_a_strong_opioid_is_still_judged_by_it(starts):
    assert _naive(starts, "morphine 10 mg po q4h") == [Severity.WARNING]


def test_without_the_scope_the_row_judges_every_opioid(tmp_path):
    k = knowledge_with(tmp_path, opioid_dose_ranges=STARTS.replace(",S,,,strong\n", ",S,,,\n"))
    assert _naive(k, "codeine 60 mg po q4h") == [Severity.WARNING]


def test_the_scope_belongs_to_rows_of_every_opioid(tmp_path):
    rows = RANGES + "naive-start,codeine,oral,ir,,au,60,,,,warning,Test label [P],P,,,strong\n"
    with pytest.raises(DataError, match="opioids"):
        _ = knowledge_with(tmp_path, opioid_dose_ranges=rows).opioid_ranges


# -- the shipped rows ---------------------------------------------------------------------------
@pytest.mark.parametrize(("item", "expected"), [
    # Panadeine Forte (XE36): 36 mg OME a day is above the UK's 30 and within its 60, so the
    # borrowed starts disagree (information), and no AU warning
    ("2 tab codeine/paracetamol 30/500 mg po qid", [Severity.INFO]),
    ("codeine 300 mg po q4h", [Severity.WARNING]),                      # round 79 XC04
    ("oxycodone 10 mg po q4h", [Severity.WARNING]),                     # a strong opioid
], ids=["label dose of codeine", "codeine five times the label dose", "strong opioid"])
def test_shipped_australian_starts(item, expected):
    assert _naive(None, item) == expected


@pytest.mark.parametrize(("item", "expected"), [
    ("buprenorphine 200 mcg sl q8h", []),
    ("buprenorphine 400 mcg sl q8h", []),
    ("buprenorphine 600 mcg sl q8h", [Severity.WARNING]),
    ("buprenorphine 4 mg sl q8h", [Severity.WARNING]),                  # round 12 SD06
], ids=["200 mcg", "400 mcg", "600 mcg", "4 mg"])
def test_the_uk_temgesic_start(item, expected):
    assert _naive(None, item, market="uk") == expected


@pytest.mark.parametrize("market", ["eu", "uk"])
def test_six_grams_of_oral_paracetamol_a_day_is_an_error_in_the_eu_as_in_the_uk(market):
    shown = found(["paracetamol 1 g po q4h"], NAIVE, market=market)
    assert severities(shown, "acetaminophen-above-max") == [Severity.ERROR]


def test_four_grams_of_oral_paracetamol_a_day_is_within_the_eu_maximum():
    shown = found(["paracetamol 1 g po qid"], NAIVE, market="eu")
    assert severities(shown, "acetaminophen-above-max") == []
