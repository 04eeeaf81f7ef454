"""Issue 13, rounds 81 and 82: a market whose only start for an opioid is a guideline's start of
every opioid (eTG's 5 mg OME a dose, Australia) and another market's label that starts the patient
at the dose (US Dolophine: methadone 2.5 mg every 8 to 12 hours): information naming both, not a
warning (ZE29, ZE34); the Lepetan suppository insert's rectal buprenorphine start (AC09).

The first tests use tiny data of this file's own: their numbers make each boundary obvious and are
not clinical figures. The later tests read the shipped rows. (The ticagrelor labels' maximum of
aspirin, ZC37, is tested in ``test_partner_limits.py``.)
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mpsdose import Knowledge, Patient
from mpsdose.model.findings import Severity
from tests.checking import found, header, knowledge_with, severities

#: an opioid-naive adult under 65 (no market's low end)
NAIVE = Patient(age=45, weight_kg=70, crcl_ml_min=90, hepatic="none", opioid_tolerant=False)

RANGES = header("opioid_dose_ranges", omit=("basis",))
#: market au's start of every opioid is 5 mg OME a dose; market us's label starts methadone at
#: 2.5 mg a dose and 7.5 mg a day (methadone 2.5 mg is 11.75 mg OME at the CDC's 4.7)
STARTS = (RANGES
          + "naive-start,,,ir,,au,5,,,,warning,Test guideline of every opioid [S],S,,,\n"
          + "naive-start,methadone,oral,,,us,2.5,,7.5,,warning,Test methadone label [P],P,,,\n"
          + "plausible,,,,,,,,100000,,error,Test ceiling [P],P,,,\n")


def _naive(k: Knowledge | None, item: str, market: str = "au",
           patient: Patient = NAIVE) -> list[Severity]:
    return severities(found([item], patient, market=market, knowledge=k), "opioid-naive-start")


def _message(k: Knowledge | None, item: str, market: str = "au") -> str:
    [finding] = [f for f in found([item], NAIVE, market=market, knowledge=k)
                 if f.code == "opioid-naive-start"]
    return finding.message + " || " + finding.source


@pytest.fixture
def starts(tmp_path) -> Knowledge:
    return knowledge_with(tmp_path, opioid_dose_ranges=STARTS)


def test_another_markets_label_start_makes_the_guideline_crossing_information(starts):
    assert _naive(starts, "methadone 2.5 mg po q8h") == [Severity.INFO]
    text = _message(starts, "methadone 2.5 mg po q8h")
    assert "Test guideline of every opioid" in text and "Test methadone label" in text
    assert "[US label/guideline]" in text


def test_a_dose_above_the_other_label_too_stays_a_warning(starts):
    assert _naive(starts, "methadone 5 mg po q8h") == [Severity.WARNING]


def test_the_label_must_judge_the_day_the_guideline_judges(tmp_path):
    # a guideline with a day (10 mg OME/day) and a label per dose only: the label says nothing of
    # the day, so the crossing stays
    rows = (RANGES
            + "naive-start,,,ir,,au,5,,10,,warning,Test guideline of every opioid [S],S,,,\n"
            + "naive-start,methadone,oral,,,us,2.5,,,,warning,Test methadone label [P],P,,,\n"
            + "plausible,,,,,,,,100000,,error,Test ceiling [P],P,,,\n")
    k = knowledge_with(tmp_path, opioid_dose_ranges=rows)
    assert _naive(k, "methadone 2.5 mg po q8h") == [Severity.WARNING]


def test_the_chosen_markets_own_label_row_is_not_overruled(tmp_path):
    rows = STARTS + "naive-start,methadone,oral,,,au,1,,,,warning,Test AU methadone label [P],P,,,\n"
    k = knowledge_with(tmp_path, opioid_dose_ranges=rows)
    assert _naive(k, "methadone 2.5 mg po q8h") == [Severity.WARNING]


def test_a_label_of_another_route_does_not_step_it_down(tmp_path):
    rows = STARTS.replace("methadone,oral,,,us", "methadone,sc,,,us")
    k = knowledge_with(tmp_path, opioid_dose_ranges=rows)
    assert _naive(k, "methadone 2.5 mg po q8h") == [Severity.WARNING]


def test_the_other_labels_low_end_holds_where_it_starts_the_patient_there(tmp_path):
    # the US start printed as 1 to 2.5 mg: at 80 (US labelling: 65 and over at the low end) 2.5 mg
    # is above the low end, so the crossing stays a warning; at 45 it is within
    rows = STARTS.replace("methadone,oral,,,us,2.5,,7.5", "methadone,oral,,,us,2.5,1,7.5")
    k = knowledge_with(tmp_path, opioid_dose_ranges=rows)
    old = Patient(age=80, weight_kg=70, crcl_ml_min=90, hepatic="none", opioid_tolerant=False)
    assert _naive(k, "methadone 2.5 mg po q8h", patient=old) == [Severity.WARNING]
    assert _naive(k, "methadone 2.5 mg po q8h") == [Severity.INFO]


@settings(deadline=None, max_examples=25)
@given(tenths=st.integers(1, 60))
def test_information_exactly_where_the_other_label_allows_the_dose(tmp_path_factory, tenths):
    k = knowledge_with(tmp_path_factory.mktemp("starts"), opioid_dose_ranges=STARTS)
    dose = tenths / 10
    got = _naive(k, f"methadone {dose:g} mg po q8h")
    ome = dose * 4.7
    if ome <= 5 + 1e-9:
        assert got == []
    elif dose <= 2.5 + 1e-9:
        assert got == [Severity.INFO]
    else:
        assert got == [Severity.WARNING]


# -- the shipped rows -----------------------------------------------------------------------------
@pytest.mark.parametrize(("item", "expected"), [
    ("methadone 2.5 mg po q8h", [Severity.INFO]),                     # ZE29: US Dolophine's start
    ("methadone 5 mg po q8h", [Severity.WARNING]),                    # above it too
    ("hydromorphone 2 mg po q4h prn max 6/day", [Severity.INFO]),     # ZE34: US Dilaudid's
    ("buprenorphine 200 mcg sl q8h", [Severity.INFO]),                # YE09: UK Temgesic's
    ("buprenorphine 800 mcg sl q8h", [Severity.WARNING]),             # above it too
    ("oxycodone 10 mg po q4h", [Severity.WARNING]),                   # AU's own oxycodone starts
])
def test_the_shipped_au_starts(item, expected):
    assert _naive(None, item) == expected


@pytest.mark.parametrize(("item", "codes"), [
    ("lepetan 0.8 mg pr q8h", {"opioid-naive-start", "opioid-above-usual"}),  # AC09
    ("lepetan 0.4 mg pr q6h", {"opioid-naive-start"}),     # 1.6 mg a day, above 0.4 mg 8-hourly
    ("lepetan 0.2 mg pr q8h", set()),                      # the insert's low start
    ("lepetan 0.4 mg pr q8h", set()),
])
def test_the_lepetan_suppository_insert(item, codes):
    old = Patient(age=80, weight_kg=48, crcl_ml_min=50, hepatic="none", opioid_tolerant=False)
    raised = {f.code for f in found([item], old, market="jp")
              if f.severity is not Severity.INFO and f.code.startswith("opioid-")}
    assert raised == codes
