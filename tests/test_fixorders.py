"""The order-shape rules of fixorders (the pharmacist's audit, findings 5 and 6), stated
generally.

- ``modified-release-interval-short``: a scheduled oral modified-release opioid given more often
  than the shortest labelled interval of any ``schedules.csv`` row of its drug in the chosen
  market (every market where none is chosen) warns; at or beyond it, nothing.
- ``modified-release-prn``: a modified-release opioid or an opioid patch ordered as needed warns;
  immediate-release and breakthrough products as needed, and regular MR orders, do not.
"""

from __future__ import annotations

import pytest

import mpsdose


def _codes(texts: list[str], market: str | None = None, **patient: object) -> set[str]:
    regimen = mpsdose.Regimen.parse(texts)
    found = mpsdose.check(regimen, mpsdose.Patient(**patient), market=market)  # type: ignore[arg-type]
    return {f.code for f in found if f.severity.value != "info"}


def _tolerant(texts: list[str], market: str | None = None) -> set[str]:
    return _codes(texts, market, age=60, opioid_tolerant=True)


# --- modified-release-interval-short -------------------------------------------------------

@pytest.mark.parametrize(("text", "market"), [
    ("oxycodone er 20 mg po q4h", None),
    ("oxycontin 20 mg po q8h", "uk"),
    ("oxycodone er 10 mg po q6h", "us"),
    ("morphine sr 30 mg po q4h", None),
    ("ms contin 30 mg po q6h", "us"),
    ("morphine sr 30 mg po q8h", "uk"),  # UK MR morphine (MST, Zomorph): 12-hourly only
    ("hydromorphone er 8 mg po q12h", "us"),  # US hydromorphone ER: once daily only
    ("hydromorphone er 8 mg po q12h", "jp"),  # ナルサス: once daily
    ("hydromorphone er 4 mg po q8h", "uk"),
    ("tapentadol er 100 mg po q8h", None),
    ("tramadol er 100 mg po q8h", None),
], ids=str)
def test_an_mr_opioid_given_more_often_than_its_shortest_labelled_interval_warns(text, market):
    assert "modified-release-interval-short" in _tolerant([text], market)


@pytest.mark.parametrize(("text", "market"), [
    ("oxycodone er 20 mg po q12h", None),
    ("oxycontin 20 mg po q12h", "jp"),
    ("morphine sr 30 mg po q12h", "uk"),
    ("ms contin 30 mg po q8h", "us"),  # the US label: every 8 or 12 hours
    ("morphine sr 30 mg po q8h", None),  # no market chosen: the US label is one of them
    ("kadian 30 mg po q24h", "us"),  # longer than the label's is not judged
    ("hydromorphone er 4 mg po q12h", "uk"),  # Palladone SR: 12-hourly
    ("hydromorphone er 8 mg po daily", "us"),
    ("tramadol er 100 mg po q12h", "eu"),  # twice-daily MR tramadol (Tramulief SR, Zydol SR)
    ("tramadol er 200 mg po daily", "us"),
    ("tapentadol er 100 mg po q12h", None),
    ("oxycodone 5 mg po q4h", None),  # immediate release: not this rule's
], ids=str)
def test_an_mr_opioid_at_or_beyond_its_labelled_interval_is_quiet(text, market):
    assert "modified-release-interval-short" not in _tolerant([text], market)


def test_the_interval_finding_names_the_doses_a_day_and_its_source():
    regimen = mpsdose.Regimen.parse(["oxycodone er 20 mg po q4h"])
    found = [f for f in mpsdose.check(regimen, mpsdose.Patient(age=60, opioid_tolerant=True))
             if f.code == "modified-release-interval-short"]
    assert len(found) == 1
    assert "6 doses a day, not 2" in found[0].message
    assert "12 hours" in found[0].message
    assert found[0].source


# --- modified-release-prn ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "morphine sr 30 mg po prn max 3/day",
    "oxycontin 10 mg po q4h prn",
    "mst continus 30 mg po q4h prn max 6/day",
    "fentanyl 25 mcg/h td q72h prn",
    "butrans 10 mcg/h td q7d prn",
], ids=str)
def test_an_mr_opioid_or_a_patch_ordered_as_needed_warns(text):
    assert "modified-release-prn" in _tolerant([text])


@pytest.mark.parametrize("texts", [
    ["morphine 10 mg po q4h prn"],
    ["oxycodone 5 mg po q4h prn max 6/day"],
    ["morphine sr 30 mg po q12h", "morphine 10 mg po q2h prn"],
    ["fentanyl 25 mcg/h td q72h", "oxycodone 5 mg po q4h prn"],
    ["morphine 2.5 mg sc q1h prn"],
], ids=str)
def test_regular_mr_orders_and_immediate_release_rescues_are_not_as_needed_mr(texts):
    assert "modified-release-prn" not in _tolerant(texts)


# --- same-drug-two-names -------------------------------------------------------------------

@pytest.mark.parametrize("texts", [
    ["MS Contin 30 mg po q12h", "Zomorph 30 mg po q12h"],  # two brands, same dose
    ["MS Contin 30 mg po q12h", "Zomorph 10 mg po q12h"],  # two brands, any dose
    ["oxycodone er 20 mg po q12h", "oxycontin 20 mg po q12h"],
    ["apixaban 5 mg po bid", "Eliquis 5 mg po bid"],
    ["pregabalin 75 mg po bid", "Lyrica 75 mg po bid"],
], ids=str)
def test_one_drug_ordered_twice_under_two_names_warns(texts):
    assert "same-drug-two-names" in _tolerant(texts)


@pytest.mark.parametrize("texts", [
    ["morphine sr 30 mg po q12h", "morphine sr 10 mg po q12h"],  # two strengths, one dose
    ["MS Contin 30 mg po q12h", "MS Contin 15 mg po q12h"],  # the same brand twice
    ["oxycontin 20 mg po q12h", "oxycodone er 10 mg po q12h"],  # brand + generic, other dose
    ["oxycontin 20 mg po q12h", "oxycodone 5 mg po q4h prn"],  # a regular dose + a rescue
    ["oxycontin 20 mg po q12h", "oxycodone 20 mg po q12h"],  # another release
    ["Eliquis 10 mg po bid for 7 days", "apixaban 5 mg po daily"],  # another interval
    ["pregabalin 75 mg po bid", "gabapentin 300 mg po tid"],  # two drugs
], ids=str)
def test_legitimate_shapes_of_one_drug_in_two_items_are_quiet(texts):
    assert "same-drug-two-names" not in _tolerant(texts)


def test_the_duplication_names_both_items():
    regimen = mpsdose.Regimen.parse(["apixaban 5 mg po bid", "Eliquis 5 mg po bid"])
    found = [f for f in mpsdose.check(regimen, mpsdose.Patient(age=60))
             if f.code == "same-drug-two-names"]
    assert len(found) == 1
    assert "apixaban 5 mg po bid" in found[0].message and "Eliquis 5 mg po bid" in found[0].message


# --- a loading regimen's days, reached by the day of several items ------------------------

def _apixaban(texts: list[str]) -> set[str]:
    regimen = mpsdose.Regimen.parse(texts)
    return {f.code for f in mpsdose.check(regimen, mpsdose.Patient(age=60))}


@pytest.mark.parametrize("texts", [
    ["apixaban 10 mg po bid"],
    ["apixaban 5 mg po bid", "Eliquis 5 mg po bid"],
    ["apixaban 5 mg po bid", "apixaban 2.5 mg po bid", "apixaban 2.5 mg po bid"],
], ids=str)
def test_a_day_above_the_loading_threshold_without_a_duration_is_said(texts):
    assert "apixaban-duration-not-stated" in _apixaban(texts)


@pytest.mark.parametrize("texts", [
    ["apixaban 5 mg po bid for 14 days", "Eliquis 5 mg po bid for 14 days"],
    ["apixaban 10 mg po bid for 14 days"],
], ids=str)
def test_a_loading_day_kept_beyond_its_days_is_an_error_however_it_is_split(texts):
    assert "apixaban-duration-above-max" in _apixaban(texts)


@pytest.mark.parametrize("texts", [
    ["apixaban 5 mg po bid"],
    ["apixaban 2.5 mg po bid", "apixaban 2.5 mg po bid"],  # 10 mg/day: not above 10
    ["apixaban 5 mg po bid for 7 days", "Eliquis 5 mg po bid for 7 days"],
], ids=str)
def test_a_day_at_or_below_the_threshold_or_within_its_days_is_not_judged(texts):
    codes = _apixaban(texts)
    assert "apixaban-duration-not-stated" not in codes
    assert "apixaban-duration-above-max" not in codes


# --- opioid-tenfold-rise -------------------------------------------------------------------

def _switch(texts: list[str], previous: list[str]) -> set[str]:
    found = mpsdose.check(mpsdose.Regimen.parse(texts), mpsdose.Patient(age=60, opioid_tolerant=True),
                          previous=mpsdose.Regimen.parse(previous))
    return {f.code for f in found if f.severity.value == "error"}


@pytest.mark.parametrize(("texts", "previous"), [
    (["morphine 300 mg/day sc continuous"], ["morphine 30 mg/day sc continuous"]),
    (["oxycodone er 100 mg po q12h"], ["oxycodone er 10 mg po q12h"]),
    (["hydromorphone 60 mg/day sc continuous"], ["morphine 30 mg po daily"]),
], ids=str)
def test_a_rise_to_ten_times_the_previous_day_is_an_error(texts, previous):
    assert "opioid-tenfold-rise" in _switch(texts, previous)


@pytest.mark.parametrize(("texts", "previous"), [
    (["morphine 250 mg/day sc continuous"], ["morphine 30 mg/day sc continuous"]),  # 8.3 times
    (["morphine 48 mg/day sc continuous"], ["morphine 30 mg/day sc continuous"]),  # +60%
    (["oxycodone er 90 mg po q12h"], ["oxycodone er 10 mg po q12h"]),  # 9 times
    (["morphine 30 mg/day sc continuous"], ["morphine 300 mg/day sc continuous"]),  # a fall
], ids=str)
def test_a_rise_below_ten_times_is_not_the_tenfold_error(texts, previous):
    assert "opioid-tenfold-rise" not in _switch(texts, previous)
