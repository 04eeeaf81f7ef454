"""Issue 13, rounds 69 and 70: a label's titration increment of a 12-hourly product (EB14, Zohydro
ER 10 to 20 mg every 12 hours), a patch label's start for a switch from oral morphine (EB27,
Transtec 52.5 micrograms/h from 120 mg/day), and a step up from a weak opioid to a product label's
start for pain uncontrolled by weaker opioids, borrowed where the chosen market ships none (EB28,
GB33: Australia, oxycodone ER 10 mg every 12 hours after codeine or tramadol).

The first tests use tiny data of this file's own: their numbers make each boundary obvious and are
not clinical figures. The later tests read the shipped rows.
"""

from __future__ import annotations

import pytest

from mpsdose import Knowledge
from mpsdose.model.errors import DataError
from mpsdose.model.findings import Severity
from tests.checking import TOLERANT, UNKNOWN, found, header, knowledge_with, of, severities

# -- a step up to a label's start for pain uncontrolled by weaker opioids (tiny rows) ----------
RANGES = header("opioid_dose_ranges", omit=("opioids", "basis"))
#: market au's own naive start of oxycodone ER is 5 mg a dose; market uk's label start for a step
#: up from weaker opioids is 10 mg a dose, 20 mg a day
STEP_UP = (RANGES
           + "naive-start,oxycodone,oral,er,,au,5,,10,,warning,Test guideline [S],S,,\n"
           + "naive-start,oxycodone,oral,er,,uk,10,,20,,warning,Test label [P],P,,\n"
           + "step-up-start,oxycodone,oral,er,,uk,10,,20,,info,Test step-up label [P],P,,\n"
           + "plausible,,,,,,,,100000,,error,Test ceiling [P],P,,\n")
CODEINE = ["codeine 60 mg po qid"]


@pytest.fixture
def step_up(tmp_path) -> Knowledge:
    return knowledge_with(tmp_path, opioid_dose_ranges=STEP_UP)


def _switch(k: Knowledge, new: str, previous: list[str], market: str | None = "au"):
    return of(found([new], UNKNOWN, previous=previous, market=market, knowledge=k),
              "equianalgesic-switch")


def test_a_step_up_within_a_borrowed_label_start_is_information_naming_both(step_up):
    shown = _switch(step_up, "oxycodone er 10 mg po q12h", CODEINE)
    assert [f.severity for f in shown] == [Severity.INFO]
    assert "UK label or guideline start (borrowed: no AU label or guideline start" in shown[0].message
    assert "Test step-up label" in shown[0].source
    assert "AU start exceeded: Test guideline" in shown[0].source


@pytest.mark.parametrize(("new", "previous"), [
    ("oxycodone er 15 mg po q12h", CODEINE),                     # above the label's 10 mg
    ("oxycodone er 10 mg po q12h", ["morphine 5 mg po q4h"]),    # from a strong opioid
], ids=["above the borrowed start", "not from a weak opioid"])
def test_the_warning_stays_outside_the_borrowed_label_start(step_up, new, previous):
    assert [f.severity for f in _switch(step_up, new, previous)] == [Severity.WARNING]


def test_no_market_chosen_borrows_nothing(step_up):
    # every market's naive starts judge it (the sources disagree: the naive-start rule's own
    # reading); no label start is borrowed
    shown = _switch(step_up, "oxycodone er 10 mg po q12h", CODEINE, market=None)
    assert shown and not any("borrowed" in f.message for f in shown)


def test_a_market_with_its_own_step_up_start_is_judged_by_it(tmp_path):
    own = STEP_UP + "step-up-start,oxycodone,oral,er,,au,5,,10,,info,Test own label [P],P,,\n"
    k = knowledge_with(tmp_path, opioid_dose_ranges=own)
    assert [f.severity for f in _switch(k, "oxycodone er 10 mg po q12h", CODEINE)] == [
        Severity.WARNING]


def test_another_opioid_above_its_naive_start_keeps_the_warning(step_up):
    # the scheduled product is within the borrowed start, but the as-needed morphine is above the
    # start of every opioid: the step up is not read as within the starts
    shown = of(found(["oxycodone er 10 mg po q12h", "morphine 30 mg po q4h prn"], UNKNOWN,
                     previous=CODEINE, market="au", knowledge=step_up), "equianalgesic-switch")
    assert Severity.WARNING in [f.severity for f in shown]


def test_step_up_start_is_a_known_check(tmp_path):
    bad = STEP_UP.replace("step-up-start,", "step-up,")
    with pytest.raises(DataError, match="check"):
        _ = knowledge_with(tmp_path, opioid_dose_ranges=bad).opioid_ranges


# -- a patch label's switch, shown by the patch's rate (tiny row) -------------------------------
SWITCHES = (header("label_switches")
            + 'patch-eu,eu,Test Patch,buprenorphine,transdermal,,morphine,oral,,"[120, )",,,1.26,'
              'Test patch label [P],P,,\n')


@pytest.mark.parametrize(("patch", "severity"), [
    (52.5, Severity.INFO), (70, Severity.WARNING),
], ids=["at the label's start", "above it"])
def test_a_patch_label_switch_is_read_and_shown_by_its_rate(tmp_path, patch, severity):
    k = knowledge_with(tmp_path, label_switches=SWITCHES)
    shown = of(found([f"buprenorphine {patch} mcg/h td q96h"], TOLERANT,
                     previous=["morphine er 60 mg po q12h"], market="eu", knowledge=k),
               "equianalgesic-switch")
    assert [f.severity for f in shown] == [severity]
    assert "52.5 mcg/h the Test Patch label" in shown[0].message
    assert "mg/day the Test Patch" not in shown[0].message


# -- the shipped rows ---------------------------------------------------------------------------
@pytest.mark.parametrize(("old", "new", "warned"), [
    (10, 20, False), (20, 30, False), (10, 30, True),
], ids=["10 to 20 (EB14)", "20 to 30", "10 to 30, past one increment"])
def test_zohydro_er_is_titrated_by_its_labels_10_mg_increment(old, new, warned):
    shown = severities(found([f"zohydro {new} mg po q12h"], TOLERANT,
                             previous=[f"zohydro {old} mg po q12h"], market="us"),
                       "opioid-titration-step")
    assert (Severity.WARNING in shown) is warned


@pytest.mark.parametrize(("market", "patch", "morphine", "severity"), [
    ("eu", 52.5, 60, Severity.INFO),      # 120 mg/day to the next strength (EB27)
    ("uk", 52.5, 60, Severity.INFO),
    ("uk", 70, 60, Severity.WARNING),     # above the 52.5 the SmPC allows
    ("uk", 35, 30, Severity.WARNING),     # 60 mg/day to 35 (HD37): no band below 120 is shipped
], ids=["eu 120 to 52.5", "uk 120 to 52.5", "uk 120 to 70", "uk 60 to 35"])
def test_transtec_switch_from_oral_morphine_reads_its_smpc(market, patch, morphine, severity):
    shown = severities(found([f"transtec {patch} mcg/h td q96h"], TOLERANT,
                             previous=[f"morphine sr {morphine} mg po q12h"], market=market),
                       "equianalgesic-switch")
    assert shown == [severity]


@pytest.mark.parametrize("previous", [
    ["codeine 60 mg po qid"], ["tramadol sr 100 mg po q12h"],
], ids=["codeine (EB28)", "tramadol (GB33)"])
def test_australian_step_up_to_oxycodone_er_borrows_the_uk_smpc_start(previous):
    shown = of(found(["oxycodone er 10 mg po q12h"], UNKNOWN, previous=previous, market="au"),
               "equianalgesic-switch")
    assert [f.severity for f in shown] == [Severity.INFO]
    # since fix128 the AU naive start itself gives way to the borrowed US label start (eTG's 5 mg
    # is a guideline's): the step up is within the starts the naive check reads, and says which
    assert "another market's label start" in shown[0].message
    assert "OxyContin" in shown[0].source and "eTG" in shown[0].source
