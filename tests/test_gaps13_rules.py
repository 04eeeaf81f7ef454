"""Issue 13, three gaps of rounds 43 and 44: a titration no table converts (judged in the drug's
own daily amount: DF18), a switch above the start a label gives by bands of the previous oral
morphine equivalent (DG20), and a renal limit borrowed from another market (DF34).

The label tables here are tiny data of this file's own: their numbers make each boundary obvious
and are not clinical figures. The titration step is the shipped ``opioid-titration-step`` (50%).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose import Knowledge, MpsdoseError, Patient, Regimen, check
from mpsdose.model.findings import Finding, Severity
from tests.checking import header

TOLERANT = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none", opioid_tolerant=True)
SWITCH_HEADER = header("label_switches", omit=("halved_for",))
#: a buccal product started at 0.1 mg/day below 50 mg OME and 0.4 mg/day from 50 to 100
TINY = ("tiny-us,us,Tiny,buprenorphine,buccal,,morphine,oral,,\"[0, 50)\",ome,,0.1,Tiny A [P],P,\n"
        "tiny-us,us,Tiny,buprenorphine,buccal,,morphine,oral,,\"[50, 100]\",ome,,0.4,Tiny B [P],P,\n")
START = "opioid-above-label-switch-start"


def _steps(items: list[str], previous: list[str]) -> list[tuple[Severity, str]]:
    found = check(Regimen.parse(items), TOLERANT, previous=Regimen.parse(previous), market="us")
    return [(f.severity, f.message) for f in found if f.code == "opioid-titration-step"]


@pytest.mark.parametrize(("old", "new", "warned"), [
    ("1", "4", True), ("1", "1.6", True), ("1", "1.5", False), ("2", "1", False)])
def test_a_rise_no_table_converts_is_judged_in_the_drugs_own_amount(old, new, warned):
    shown = _steps([f"morphine {new} mg/day intrathecal continuous"],
                   [f"morphine {old} mg/day intrathecal continuous"])
    assert [s for s, _ in shown] == ([Severity.WARNING] if warned else [])
    if warned:  # says that it was judged in mg of the drug, and why
        assert "in mg of morphine" in shown[0][1] and "own daily amount" in shown[0][1]
        assert "intrathecal route" in shown[0][1]


def test_the_own_amount_is_read_by_route():
    # a new route is a route change (its own check), not a titration of the old route's amount
    assert _steps(["morphine 4 mg/day intrathecal continuous"],
                  ["morphine 1 mg/day epidural continuous"]) == []


def _tiny(tmp_path: Path, rows: str = TINY) -> Knowledge:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "label_switches.csv").write_text(SWITCH_HEADER + rows, encoding="utf-8")
    return Knowledge.load(tmp_path)


def _starts(k: Knowledge, new: str, old: str, market: str | None = "us") -> list[Finding]:
    found = check(Regimen.parse([new]), TOLERANT, previous=Regimen.parse([old]), market=market,
                  knowledge=k)
    return [f for f in found if f.code == START]


@pytest.mark.parametrize(("new", "old", "warned"), [
    ("buprenorphine 0.05 mg buccal q12h", "morphine er 15 mg po q12h", False),  # 30 OME: 0.1
    ("buprenorphine 0.1 mg buccal q12h", "morphine er 15 mg po q12h", True),    # 0.2 > 0.1
    ("buprenorphine 0.2 mg buccal q12h", "morphine er 30 mg po q12h", False),   # 60 OME: 0.4
    ("buprenorphine 0.3 mg buccal q12h", "morphine er 30 mg po q12h", True),    # 0.6 > 0.4
    ("buprenorphine 0.2 mg buccal q12h", "morphine er 100 mg po q12h", False),  # above: 0.4
    ("buprenorphine 0.3 mg buccal q12h", "morphine er 100 mg po q12h", True),   # the top start
])
def test_a_switch_above_the_labels_start_for_the_old_band_is_a_warning(tmp_path, new, old,
                                                                       warned):
    shown = _starts(_tiny(tmp_path), new, old)
    assert [f.severity for f in shown] == ([Severity.WARNING] if warned else [])
    if warned:
        assert "Tiny" in shown[0].message and shown[0].source.startswith("Tiny")


def test_any_previous_opioid_is_read_in_equivalents_at_its_highest_reading(tmp_path):
    # oxycodone 15 mg/day is 15-30 mg OME across the rotation tables: the label's start is read
    # for the highest, so no table's reading puts it below the band a generous reader would use
    k = _tiny(tmp_path)
    assert not _starts(k, "buprenorphine 0.05 mg buccal q12h", "oxycodone 7.5 mg po q12h")
    assert _starts(k, "buprenorphine 0.1 mg buccal q12h", "oxycodone 7.5 mg po q12h")


def test_the_label_speaks_only_in_its_market(tmp_path):
    k = _tiny(tmp_path)
    assert not _starts(k, "buprenorphine 0.3 mg buccal q12h", "morphine er 30 mg po q12h", "uk")
    assert not _starts(k, "buprenorphine 0.3 mg buccal q12h", "morphine er 30 mg po q12h", None)


def test_a_titration_of_the_product_is_not_a_switch(tmp_path):
    assert not _starts(_tiny(tmp_path), "buprenorphine 0.3 mg buccal q12h",
                       "buprenorphine 0.05 mg buccal q12h")


def test_a_band_of_equivalents_names_oral_morphine(tmp_path):
    rows = TINY.replace("morphine,oral,,\"[0, 50)\"", "oxycodone,oral,,\"[0, 50)\"")
    with pytest.raises(MpsdoseError, match="oral morphine equivalents"):
        _ = _tiny(tmp_path, rows).label_switches


def test_the_shipped_butrans_table_judges_a_seven_day_patch_only():
    # Butrans (us): 10 mcg/h for 30-80 mg OME; the UK Butec table (5 mcg/h whatever the old
    # regimen) is for the 7-day patch and says nothing of a 4-day Transtec patch (round 6 LD32)
    patient = TOLERANT
    found = check(Regimen.parse(["buprenorphine 20 mcg/h td q7d"]), patient,
                  previous=Regimen.parse(["morphine er 15 mg po q12h"]), market="us")
    assert (START, Severity.WARNING) in {(f.code, f.severity) for f in found}
    at_start = check(Regimen.parse(["butrans 10 mcg/h td q7d"]), patient,
                     previous=Regimen.parse(["oxycodone ir 5 mg po q6h"]), market="us")
    assert START not in {f.code for f in at_start}
    transtec = check(Regimen.parse(["buprenorphine 35 mcg/h td q96h"]), patient,
                     previous=Regimen.parse(["tramadol 50 mg po q6h"]), market="uk")
    assert START not in {f.code for f in transtec}


@pytest.mark.parametrize(("dose", "crcl", "market", "expected"), [
    ("800", 18, "us", Severity.ERROR), ("800", 18, "au", Severity.WARNING),
    ("400", 18, "us", Severity.WARNING), ("200", 18, "us", None), ("800", 60, "us", None),
    ("600", 50, "us", Severity.ERROR)])
def test_fluconazole_is_halved_at_a_crcl_of_50_or_less(dose, crcl, market, expected):
    # the US label: after the loading dose, 50% of the recommended dose at CrCl <= 50 mL/min
    # (no dialysis), shipped as half the largest daily dose (800 mg); borrowed elsewhere, as a
    # warning naming the US source (round 44 DF34). Since fix5152 a day above 200 mg (half of
    # 400 mg/day, every US indication's largest day) is a warning: the full dose of most
    # indications (round 52 PA32)
    found = check(Regimen.parse([f"fluconazole {dose} mg po daily"]),
                  Patient(age=73, weight_kg=65, crcl_ml_min=crcl, hepatic="none"), market=market)
    shown = [f.severity for f in found if f.code == "fluconazole-above-max"]
    assert shown == ([] if expected is None else [expected])
