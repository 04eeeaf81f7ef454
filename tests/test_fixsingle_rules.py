"""Rules of fixsingle (issue 13: single and as-needed doses that only a usual day judged).

A stat or as-needed dose is judged against the largest single dose its sources give
(``data/dose_limits.csv``; second readings in ``tests/data/dose_limits_check.csv``), not only by
the day it makes: levomepromazine SC 50 mg (Nozinan SmPC's severe-agitation dose), clonazepam SC
1 mg (eTG), cyclizine SC 50 mg (the injection's dose), bisacodyl PR 20 mg (Twycross 2012), the
Japanese haloperidol injection IV 5 mg a dose and 10 mg a day; each a warning. Oral
glycopyrronium has the US Robinul label's 8 mg a day (an error in the US), epidural
levobupivacaine 150 mg a dose and 400 mg a day (warnings), and a subcutaneous phenobarbital
infusion a usual day (PCF-based hospice guideline: up to 1200 mg/24 h). A market without a row
of its own is judged by the others' general rows, as warnings.
"""
from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check

ADULT = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none")


def _codes(text: str, market: str | None, drug: str) -> dict[str, str]:
    findings = check(Regimen.parse([text]), ADULT, market=market)
    return {f.code: f.severity.value for f in findings
            if f.code.startswith(drug)
            or (f.code in ("dose-not-checked", "single-dose-not-checked") and drug in f.message)}


MARKETS = ["uk", "au", "nz", "us", None]


@pytest.mark.parametrize("market", MARKETS)
@pytest.mark.parametrize(("text", "drug"), [
    ("levomepromazine 2.5 mg sc q4h prn max 4/day", "levomepromazine"),
    ("levomepromazine 6.25 mg sc q2h prn max 3/day", "levomepromazine"),
    ("levomepromazine 12.5 mg sc q2h prn max 3/day", "levomepromazine"),
    ("clonazepam 0.5 mg sc q2h prn max 4/day", "clonazepam"),
    ("clonazepam 1 mg sc q2h prn max 3/day", "clonazepam"),
    ("cyclizine 25 mg sc q8h prn", "cyclizine"),
    ("cyclizine 50 mg sc q8h prn max 3/day", "cyclizine"),
    ("bisacodyl 10 mg pr daily prn", "bisacodyl"),
    ("bisacodyl 20 mg pr daily prn", "bisacodyl"),
])
def test_usual_single_doses_are_checked_and_quiet(text, drug, market):
    # at or below the largest single dose: judged (no info line) and silent
    assert _codes(text, market, drug) == {}


@pytest.mark.parametrize("market", MARKETS)
@pytest.mark.parametrize(("text", "drug"), [
    ("levomepromazine 75 mg sc once", "levomepromazine"),      # > 50
    ("levomepromazine 250 mg sc q8h prn max 1/day", "levomepromazine"),
    ("clonazepam 2 mg sc once", "clonazepam"),                 # > 1
    ("clonazepam 500 mg sc q2h prn", "clonazepam"),            # a mg for microgram slip
    ("cyclizine 100 mg sc once", "cyclizine"),                 # > 50
    ("bisacodyl 30 mg pr once", "bisacodyl"),                  # > 20
])
def test_a_single_dose_above_the_largest_seen_warns(text, drug, market):
    codes = _codes(text, market, drug)
    assert codes.get(f"{drug}-single-dose-above-max") == "warning", codes
    assert "single-dose-not-checked" not in codes


@pytest.mark.parametrize(("text", "market", "severity"), [
    ("glycopyrronium 1 mg po tid", "us", None),       # 3 mg/day
    ("glycopyrronium 2 mg po qid", "us", None),       # 8 mg/day: at the label's maximum
    ("glycopyrronium 2 mg po q4h", "us", "error"),    # 12 mg/day > 8
    ("glycopyrronium 3 mg po tid", "us", "error"),    # 9 mg/day > 8
    ("glycopyrronium 1 mg po tid", "nz", None),
    ("glycopyrronium 3 mg po tid", "nz", "warning"),  # no nz row: the US row, as a warning
    ("glycopyrronium 3 mg po tid", "uk", "warning"),
])
def test_oral_glycopyrronium_day_against_the_robinul_maximum(text, market, severity):
    codes = _codes(text, market, "glycopyrronium")
    assert "dose-not-checked" not in codes
    assert codes.get("glycopyrronium-above-max") == severity, codes


@pytest.mark.parametrize("market", ["eu", "uk", "au", None])
@pytest.mark.parametrize(("text", "expected"), [
    ("levobupivacaine 12.5 mg/h epidural continuous", None),     # 300 mg/day
    ("levobupivacaine 16 mg/h epidural continuous", None),       # 384 mg/day
    ("levobupivacaine 18.75 mg/h epidural continuous", "warning"),  # 450 > 400 mg/day
    ("levobupivacaine 25 mg/h epidural continuous", "warning"),  # 600 > 400 mg/day
])
def test_epidural_levobupivacaine_day(text, expected, market):
    codes = _codes(text, market, "levobupivacaine")
    assert "dose-not-checked" not in codes
    assert codes.get("levobupivacaine-above-max") == expected, codes


@pytest.mark.parametrize("market", ["eu", "uk", "au"])
def test_epidural_levobupivacaine_bolus(market):
    quiet = _codes("levobupivacaine 150 mg epidural once", market, "levobupivacaine")
    assert set(quiet.values()) <= {"info"}, quiet  # a once dose: its day is not judged
    codes = _codes("levobupivacaine 200 mg epidural once", market, "levobupivacaine")
    assert codes.get("levobupivacaine-single-dose-above-max") == "warning", codes


@pytest.mark.parametrize("market", ["jp", "eu", "us"])
def test_iv_haloperidol_against_the_japanese_injection_label(market):
    quiet = _codes("haloperidol 2.5 mg iv q6h prn max 2/day", market, "haloperidol")
    assert "single-dose-not-checked" not in quiet
    assert not {c: s for c, s in quiet.items() if s != "info"}, quiet
    codes = _codes("haloperidol 10 mg iv once", market, "haloperidol")
    assert codes.get("haloperidol-single-dose-above-max") == "warning", codes


@pytest.mark.parametrize("market", MARKETS)
@pytest.mark.parametrize(("text", "expected"), [
    ("phenobarbital 200 mg/day sc continuous", None),    # anticonvulsant 200-400
    ("phenobarbital 400 mg/day sc continuous", None),
    ("phenobarbital 1200 mg/day sc continuous", None),   # the sedation top
    ("phenobarbital 2400 mg/day sc continuous", "warning"),
])
def test_subcutaneous_phenobarbital_infusion_day(text, expected, market):
    codes = _codes(text, market, "phenobarbital")
    assert "dose-not-checked" not in codes
    assert codes.get("phenobarbital-above-usual") == expected, codes
