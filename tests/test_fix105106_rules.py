"""The fixes of rounds 105 and 106 (issue 13).

- A rescue dose above its own label's maximum a dose (``dose_limits.csv``, a row for every adult
  of the market read) is no starting dose: the step-down of a large share of a small regimen to
  information (``rescue-share``, the naive-start excuse) no longer holds for it (AA29: two
  hydrocodone/acetaminophen 10/325 mg tablets four-hourly beside Hysingla 20 mg/day).
- The US hydrocodone/acetaminophen labels give at most 10 mg of hydrocodone a dose and 60 mg a
  day, whatever the strength (``dose_limits.csv``, warnings).
- A switch to methadone that only the surveillance (MME) tables read is not judged as a titration
  of the same opioids (``opioid-titration-step``): a change of drug is no dose step; its start cap
  and the published switching methods judge it (AG22: tramadol 200 mg/day to methadone 9 mg/day).

The first tests use tiny data of this file's own: their numbers make each boundary obvious and
are not clinical figures. The later tests read the shipped rows.
"""

from __future__ import annotations

import pytest

from mpsdose import Knowledge
from mpsdose.model.findings import Severity
from tests.checking import JOINT_COLUMNS, TOLERANT, found, header, knowledge_with, of, severities

LIMITS = header("dose_limits", omit=JOINT_COLUMNS)


def _limit(drug: str, single: float, market: str = "us") -> str:
    return f"{drug},oral,ir,any,,,{single:g},,,,,{market},warning,Test label dose [S],S,\n"


def _rescue(k: Knowledge | None, items: list[str], market: str | None = "us"):
    return of(found(items, TOLERANT, market=market, knowledge=k), "rescue-share")


# -- a rescue above its label's maximum a dose is no starting dose (tiny rows) ------------------
# A small regimen whose rescue is a large share of it: each pair is information under the shipped
# rows (the day within the smallest opioid-naive day, the dose within an opioid-naive start).
SMALL = {
    "hydrocodone": ["hysingla 20 mg po daily", "1 tab hydrocodone/acetaminophen 10/325 mg po q4h prn"],
    "oxycodone": ["oxycodone er 5 mg po q12h", "oxycodone ir 5 mg po q4h prn"],
}


#: The label's maximum a dose [mg] (test figures): at the rescue dose, and just below it.
AT = {"hydrocodone": 10, "oxycodone": 5}


@pytest.mark.parametrize("drug", sorted(SMALL))
def test_a_large_share_of_a_small_regimen_stays_information_within_the_label_dose(tmp_path, drug):
    k = knowledge_with(tmp_path, dose_limits=LIMITS + _limit(drug, AT[drug]))
    shown = _rescue(k, SMALL[drug])
    assert [f.severity for f in shown] == [Severity.INFO]
    assert "a small regimen" in shown[0].message


@pytest.mark.parametrize("drug", sorted(SMALL))
def test_above_the_label_dose_the_small_regimen_does_not_excuse_it(tmp_path, drug):
    below = AT[drug] - 0.5
    k = knowledge_with(tmp_path, dose_limits=LIMITS + _limit(drug, below))
    shown = _rescue(k, SMALL[drug])
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert f"above the {below:g} mg a dose" in shown[0].message
    assert "no starting dose" in shown[0].message
    assert "Test label dose" in shown[0].source


@pytest.mark.parametrize(("market", "expected"), [
    ("us", Severity.WARNING), (None, Severity.WARNING), ("uk", Severity.INFO),
    ("jp", Severity.INFO),
], ids=["the label's market", "no market: every market's label", "another market", "jp"])
def test_the_label_dose_is_read_in_its_own_market(tmp_path, market, expected):
    k = knowledge_with(tmp_path, dose_limits=LIMITS + _limit("oxycodone", 4))
    assert [f.severity for f in _rescue(k, SMALL["oxycodone"], market)] == [expected]


def test_a_label_dose_of_another_drug_does_not_touch_the_rescue(tmp_path):
    k = knowledge_with(tmp_path, dose_limits=LIMITS + _limit("morphine", 1))
    assert [f.severity for f in _rescue(k, SMALL["oxycodone"])] == [Severity.INFO]


# -- the shipped hydrocodone/acetaminophen label maxima -----------------------------------------
@pytest.mark.parametrize(("items", "single", "daily"), [
    (["1 tab hydrocodone/acetaminophen 10/325 mg po q6h"], [], []),
    (["2 tab hydrocodone/acetaminophen 5/325 mg po q6h"], [], []),
    (["1 tab hydrocodone/acetaminophen 7.5/325 mg po q4h prn"], [], []),
    (["1 tab hydrocodone/acetaminophen 10/325 mg po q4h"], [], [Severity.INFO]),  # at 60 mg/day
    (["1 tab hydrocodone/acetaminophen 10/325 mg po q3h"], [], [Severity.WARNING]),
    (["2 tab hydrocodone/acetaminophen 10/325 mg po q6h"], [Severity.WARNING], [Severity.WARNING]),
    (["2 tab hydrocodone/acetaminophen 7.5/325 mg po q8h"], [Severity.WARNING], []),
], ids=["10 mg q6h", "2 x 5 mg q6h", "7.5 mg q4h prn", "10 mg q4h: at the day",
        "10 mg q3h: above the day", "20 mg q6h", "15 mg q8h"])
@pytest.mark.parametrize("market", ["us", None])
def test_the_us_label_gives_10_mg_a_dose_and_60_mg_a_day(items, single, daily, market):
    shown = found(items, TOLERANT, market=market)
    assert severities(shown, "hydrocodone-single-dose-above-max") == single
    at = severities(shown, "hydrocodone-at-max")
    assert severities(shown, "hydrocodone-above-max") + at == daily


def test_the_hydrocodone_label_is_not_applied_to_an_extended_release_tablet():
    assert not [f for f in found(["hysingla 80 mg po daily"], TOLERANT, market="us")
                if f.code.startswith("hydrocodone-")]


def test_the_rescue_beside_hysingla_of_two_10_mg_tablets_warns():
    shown = found(["hysingla 20 mg po daily", "2 tab hydrocodone/acetaminophen 10/325 mg po q4h prn"],
                  TOLERANT, market="us")
    assert severities(shown, "rescue-share") == [Severity.WARNING]
    assert severities(shown, "hydrocodone-single-dose-above-max") == [Severity.WARNING]


# -- a switch to methadone is not a titration step ----------------------------------------------
@pytest.mark.parametrize(("new", "previous", "market"), [
    ("methadone 3 mg po q8h", "tramadol 50 mg po q6h", "eu"),
    ("methadone 2.5 mg po q8h", "tramadol 50 mg po q6h", None),
    ("methadone 5 mg po q8h", "tramadol 50 mg po q6h", "us"),
    ("methadone 5 mg po q8h", "codeine 60 mg po q6h", "uk"),
    ("methadone 20 mg po q8h", "morphine er 60 mg po q12h", "us"),
], ids=["9 mg/day eu", "7.5 mg/day", "15 mg/day us", "from codeine uk", "above the cap"])
def test_a_switch_to_methadone_is_never_judged_as_a_titration(new, previous, market):
    shown = found([new], TOLERANT, previous=[previous], market=market)
    assert not of(shown, "opioid-titration-step")


@pytest.mark.parametrize(("new", "code", "expected"), [
    ("methadone 3 mg po q8h", None, None),  # 9 mg/day: within the 6-tier table's 10 mg/day
    ("methadone 5 mg po q8h", "methadone-start-above-methods", Severity.WARNING),  # 15 mg/day
    ("methadone 15 mg po q8h", "methadone-start-above-cap", Severity.ERROR),  # 45 mg/day
], ids=["within the methods", "above every method", "above the start cap"])
def test_the_methadone_start_is_judged_by_its_own_rules(new, code, expected):
    shown = found([new], TOLERANT, previous=["tramadol 50 mg po q6h"], market="uk")
    raised = [(f.code, f.severity) for f in shown if f.severity is not Severity.INFO]
    assert raised == ([] if code is None else [(code, expected)])


@pytest.mark.parametrize(("new", "expected"), [
    ("tapentadol 75 mg po q6h", []), ("tapentadol 100 mg po q6h", [Severity.WARNING]),
], ids=["+50%", "+100%"])
def test_a_rise_of_the_same_opioid_read_by_the_surveillance_tables_is_still_a_titration(
        new, expected):
    shown = found([new], TOLERANT, previous=["tapentadol 50 mg po q6h"], market="us")
    assert severities(shown, "opioid-titration-step") == expected
