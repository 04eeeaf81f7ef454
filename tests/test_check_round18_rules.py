"""The rule families the eighteenth held-out round of issue 13 changed, each on tiny data of its
own (a folder over the shipped data, ``Knowledge.load(tmp_path)``):

- the Beers criterion for chronic use of non-COX-selective oral NSAIDs (``nsaid-age``) leaves a
  drug with the ``cox2_selective`` property to an information finding;
- a single-dose maximum of one release judges that release's doses, in place of its market's
  maximum for the drug as a whole, whose daily maximum still counts every release;
- a switch to a fentanyl patch no stronger than the manufacturers' patch tables give for the
  previous dose is information, not an unreduced switch.

The numbers in the tiny files are this file's own, chosen to make each boundary obvious; they
are not clinical figures.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from mpsdose import Knowledge
from mpsdose.model.findings import Finding, Severity
from tests.checking import JOINT_COLUMNS, TOLERANT, header
from tests.checking import found as _found
from tests.checking import knowledge_with as _knowledge

OLDER = attrs.evolve(TOLERANT, age=70)

PROPERTIES_HEADER = header("drug_properties")
LIMITS_HEADER = header("dose_limits", omit=JOINT_COLUMNS)
PATCH_HEADER = header("patch_conversion")


def _shown(found: list[Finding], code: str) -> list[Severity]:
    return [f.severity for f in found if f.code == code]


# -- a COX-2 selective NSAID and the Beers criterion for non-COX-selective ones ------------------
def _cox2(tmp_path: Path, marked: str = "celecoxib") -> Knowledge:
    return _knowledge(tmp_path, drug_properties=PROPERTIES_HEADER + (
        f"{marked},cox2_selective,yes,Test coxib group [P],P,\n"
        "omeprazole,gastroprotective,yes,Test PPI [P],P,\n"))


def test_a_cox2_selective_nsaid_is_not_under_the_non_selective_criterion(tmp_path):
    k = _cox2(tmp_path)
    found = _found(["celecoxib 100 mg po bid"], OLDER, knowledge=k)
    assert _shown(found, "nsaid-age") == []
    info = [f for f in found if f.code == "nsaid-age-cox2-selective"]
    assert [f.severity for f in info] == [Severity.INFO]
    assert info[0].source == "Test coxib group [P]"
    # the property decides, not the name: unmarked, the same drug is judged as any NSAID
    (tmp_path / "unmarked").mkdir()
    other = _cox2(tmp_path / "unmarked", marked="naproxen")
    assert _shown(_found(["celecoxib 100 mg po bid"], OLDER, knowledge=other),
                  "nsaid-age") == [Severity.WARNING]


def test_a_non_selective_nsaid_beside_a_coxib_keeps_its_warning(tmp_path):
    k = _cox2(tmp_path)
    found = _found(["celecoxib 100 mg po bid", "naproxen 250 mg po bid"], OLDER, knowledge=k)
    warned = [f for f in found if f.code == "nsaid-age"]
    assert [f.severity for f in warned] == [Severity.WARNING]
    assert "naproxen" in warned[0].message and "celecoxib" not in warned[0].message.split(".")[0]
    # under 65, or with gastroprotection, neither finding
    for items, patient in ((["celecoxib 100 mg po bid"], TOLERANT),
                           (["celecoxib 100 mg po bid", "omeprazole 20 mg po daily"], OLDER)):
        codes = {f.code for f in _found(items, patient, knowledge=k)}
        assert not codes & {"nsaid-age", "nsaid-age-cox2-selective"}, items


def test_a_coxib_keeps_the_other_nsaid_rules(tmp_path):
    k = _cox2(tmp_path)
    renal = attrs.evolve(OLDER, crcl_ml_min=20)
    found = _found(["celecoxib 100 mg po bid", "apixaban 5 mg po bid"], renal, knowledge=k)
    assert Severity.WARNING in _shown(found, "nsaid-renal")
    assert Severity.WARNING in _shown(found, "anticoagulant-nsaid")


# -- a single-dose maximum for one release --------------------------------------------------------
RELEASE_LIMITS = LIMITS_HEADER + (
    "acetaminophen,,,any,,,1000,4000,,,,au,,Test AU all products [P],P,\n"
    "acetaminophen,oral,er,any,,,1330,3990,,,,au,,Test AU modified release [P],P,\n"
    "acetaminophen,oral,,any,,,1000,4000,,,,uk,,Test UK oral [P],P,\n")


def _single(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.code == "acetaminophen-single-dose-above-max"]


def test_a_release_of_its_own_judges_its_single_doses(tmp_path):
    k = _knowledge(tmp_path, dose_limits=RELEASE_LIMITS)
    found = _found(["2 tab paracetamol sr 665 mg po tid"], knowledge=k, market="au")
    assert _single(found) == []
    # the modified-release day, reached, is information
    assert _shown(found, "acetaminophen-at-max") == [Severity.INFO]
    assert _shown(found, "acetaminophen-above-max") == []
    # above the release's own maximum: its own row's error
    above = _single(_found(["3 tab paracetamol sr 665 mg po tid"], knowledge=k, market="au"))
    assert [f.severity for f in above] == [Severity.ERROR]
    assert "1330" in above[0].message


def test_the_whole_drugs_daily_maximum_counts_every_release(tmp_path):
    k = _knowledge(tmp_path, dose_limits=RELEASE_LIMITS)
    found = _found(["2 tab paracetamol sr 665 mg po tid", "paracetamol 1 g po tid"],
                   knowledge=k, market="au")
    above = [f for f in found if f.code == "acetaminophen-above-max"]
    assert [f.severity for f in above] == [Severity.ERROR]
    assert "6990" in above[0].message and "4000" in above[0].message


def test_an_immediate_release_dose_is_still_held_to_the_whole_drugs_maximum(tmp_path):
    k = _knowledge(tmp_path, dose_limits=RELEASE_LIMITS)
    above = _single(_found(["paracetamol 1.5 g po tid"], knowledge=k, market="au"))
    # 1500 mg is above both the 1 g and the modified-release 1330 mg: no step-down
    assert [f.severity for f in above] == [Severity.ERROR]
    for written in ("ir", "immediate release"):
        within = _single(_found([f"2 tab paracetamol {written} 665 mg po tid"], knowledge=k,
                                market="au"))
        assert [f.severity for f in within] == [Severity.ERROR], written


def test_an_unwritten_release_within_the_modified_release_maximum_asks_for_it(tmp_path):
    k = _knowledge(tmp_path, dose_limits=RELEASE_LIMITS)
    shown = _single(_found(["2 tab paracetamol 665 mg po tid"], knowledge=k, market="au"))
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "release is not written" in shown[0].message and "ER" in shown[0].message
    assert "Test AU modified release [P]" in shown[0].source


def test_a_written_release_another_market_has_no_row_for_is_a_warning_naming_both(tmp_path):
    k = _knowledge(tmp_path, dose_limits=RELEASE_LIMITS)
    shown = _single(_found(["2 tab paracetamol sr 665 mg po tid"], knowledge=k))
    # no market: the UK oral row (no release row of its own) crosses, the AU ER row allows it
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "UK" in shown[0].message and "AU" in shown[0].message
    assert "labels disagree" in shown[0].message


def test_a_release_row_does_not_judge_another_releases_single_doses(tmp_path):
    k = _knowledge(tmp_path, dose_limits=LIMITS_HEADER + (
        "acetaminophen,oral,er,any,,,500,4000,,,,,,Test ER only [P],P,\n"))
    assert _single(_found(["paracetamol 1 g po qid"], knowledge=k)) == []
    assert len(_single(_found(["paracetamol er 1 g po qid"], knowledge=k))) == 1


# -- a switch to a fentanyl patch that the manufacturers' tables give -----------------------------
def _patches(tmp_path: Path, *rows: str) -> Knowledge:
    return _knowledge(tmp_path, patch_conversion=PATCH_HEADER + "".join(
        f"{row},Test patch label [P],P,\n" for row in rows))


WIDE = 'table-a,fentanyl,to_patch,morphine,oral,"[40, 135)",mg/day,25'
SAME = 'table-b,fentanyl,to_patch,morphine,oral,"[60, 135)",mg/day,25'
CAUTIOUS = 'table-c,fentanyl,to_patch,morphine,oral,"[40, 90)",mg/day,12'
PREVIOUS = ["morphine er 30 mg po q12h"]  # 60 mg/day of oral morphine


def test_a_patch_the_tables_give_is_information_not_an_unreduced_switch(tmp_path):
    k = _patches(tmp_path, WIDE, SAME)
    found = _found(["fentanyl 25 mcg/h td q72h"], previous=PREVIOUS, knowledge=k)
    switch = [f for f in found if f.code == "equianalgesic-switch"]
    assert [f.severity for f in switch] == [Severity.INFO]
    assert "table-a" in switch[0].message and "table-b" in switch[0].message
    assert "Test patch label [P]" in switch[0].source


def test_a_patch_above_the_tables_keeps_its_warning_naming_their_rate(tmp_path):
    k = _patches(tmp_path, WIDE, SAME)
    found = _found(["fentanyl 50 mcg/h td q72h"], previous=PREVIOUS, knowledge=k)
    switch = [f for f in found if f.code == "equianalgesic-switch"]
    assert [f.severity for f in switch] == [Severity.WARNING]
    assert "25 mcg/h" in switch[0].message


def test_the_most_cautious_table_decides(tmp_path):
    k = _patches(tmp_path, WIDE, CAUTIOUS)
    found = _found(["fentanyl 25 mcg/h td q72h"], previous=PREVIOUS, knowledge=k)
    switch = [f for f in found if f.code == "equianalgesic-switch"]
    assert [f.severity for f in switch] == [Severity.WARNING]
    assert "12 mcg/h" in switch[0].message and "table-c" in switch[0].message


def test_no_table_band_for_the_previous_regimen_leaves_the_switch_as_it_was(tmp_path):
    k = _patches(tmp_path, SAME)
    # 50 mg/day is below the only table's first band: judged in equivalents alone
    low = _found(["fentanyl 25 mcg/h td q72h"], previous=["morphine er 25 mg po q12h"],
                 knowledge=k)
    assert _shown(low, "equianalgesic-switch") == [Severity.WARNING]
    # two previous opioids (30 mg morphine and 20 mg oxycodone a day, 60 mg OME): no table
    # converts a mixture
    mixed = _found(["fentanyl 25 mcg/h td q72h"], previous=[
        "morphine er 15 mg po q12h", "oxycodone er 10 mg po q12h"], knowledge=k)
    assert _shown(mixed, "equianalgesic-switch") == [Severity.WARNING]


@pytest.mark.parametrize("items", [
    ["fentanyl 25 mcg/h td q72h", "oxycodone er 10 mg po q12h"],
    ["hydromorphone er 16 mg po daily"],  # unreduced under every rotation table
], ids=["patch and another opioid", "no patch"])
def test_a_switch_not_to_patches_alone_is_not_read_by_the_patch_tables(tmp_path, items):
    k = _patches(tmp_path, WIDE, SAME)
    found = _found(items, previous=PREVIOUS, knowledge=k)
    assert Severity.INFO not in _shown(found, "equianalgesic-switch")
