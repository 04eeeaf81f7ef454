"""Rules added or confirmed by fix133 (issue 13, held-out round 133: anticipatory prescribing and
hospice comfort kits).

- A patch table's ``rescue`` rows (``patch_conversion.csv``) may give a parenteral rescue as well
  as an oral one: NHS Ayrshire & Arran's conversion chart (adapted from NHS GG&C, March 2018)
  gives the breakthrough SC diamorphine dose from the fentanyl patch strength ("divide patch
  strength (microgram) by 5 to get breakthrough SC diamorphine dose (mg)"), entered for the UK
  matrix strengths (12, 25, 50, 75, 100 micrograms/hour). A SC diamorphine rescue at that dose,
  beside that patch alone, is information naming the chart (the rescue share reads it up to 25%
  of the patch's day, above every source's 20% top: the sources disagree); a larger one stays a
  warning, and so does another drug (SC morphine), whose rescue the chart does not give.
- Kept, on sources: haloperidol beside levomepromazine stays ``qt-prolonging-contraindicated``
  (a warning) when both are as needed on an anticipatory chart and in the last days of life:
  the UK last-days guidance that lists them (NHS Ayrshire & Arran, NHS GG&C) restates the
  haloperidol contraindication with other QT-prolonging drugs, and NHS GG&C's haloperidol
  guidance applies it to as-needed haloperidol too; no source steps it down at the end of life.
- Kept: a midazolam day above 60 mg (scheduled, and at most 3 as-needed doses) stays
  ``midazolam-above-usual`` in end-of-life care with ``--market eu``; the KNMG sedation scheme's
  step-1 ceiling (20 mg/h) is no usual maximum a ten-fold slip could be told from.

Each rule is stated in general (several strengths, markets, both sides of each threshold) against
the shipped data whose sources the rows carry; the parenteral rescue row also with tiny data.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mpsdose import Knowledge, Patient, check, parse_item
from mpsdose.model.findings import Finding, Severity
from tests.checking import knowledge_with

ROOT = Path(__file__).parents[1]
PATCH_HEADER = ("table,drug,direction,from_drug,from_route,band,unit,patch_mcg_h,source,grade,"
                "notes\n")


def _run(items: str, market: str | None = None, knowledge: Knowledge | None = None,
         **patient: object) -> list[Finding]:
    person = Patient(**{"age": 75, "weight_kg": 60, "crcl_ml_min": 60,  # type: ignore[arg-type]
                        "hepatic": "none", **patient})
    extra = {} if knowledge is None else {"knowledge": knowledge}
    return check([parse_item(text) for text in items.split(" | ")], person, market=market,
                 **extra)  # type: ignore[arg-type]


def _rescue(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.code == "rescue-share"]


# -- SC diamorphine beside a fentanyl patch: the chart's patch strength / 5 ---------------------
@pytest.mark.parametrize(("patch", "dose"), [
    ("fentanyl 12 mcg/h td q72h", "2.4"),
    ("fentanyl 25 mcg/h td q72h", "5"),
    ("matrifen 25 mcg/h td q72h", "5"),
    ("fentanyl 50 mcg/h td q72h", "10"),
    ("fentanyl 75 mcg/h td q72h", "15"),
    ("fentanyl 100 mcg/h td q72h", "20"),
])
@pytest.mark.parametrize("market", ["uk", "eu", "us", None])
def test_sc_diamorphine_at_the_charts_dose_beside_the_patch_is_information(patch, dose, market):
    shown = _rescue(_run(f"{patch} | diamorphine {dose} mg sc q1h prn", market,
                         opioid_tolerant=True))
    assert [f.severity for f in shown] == [Severity.INFO]
    assert "sc diamorphine dose that the ayrshire-uk patch table prints" in shown[0].message
    assert "immediate-release oral" not in shown[0].message
    assert "divide patch strength (microgram) by 5" in shown[0].source


@pytest.mark.parametrize("items", [
    "fentanyl 25 mcg/h td q72h | diamorphine 7.5 mg sc q1h prn",   # above 25/5
    "fentanyl 25 mcg/h td q72h | diamorphine 10 mg sc q1h prn",
    "fentanyl 12 mcg/h td q72h | diamorphine 5 mg sc q1h prn",     # the 25 patch's dose on a 12
    "fentanyl 50 mcg/h td q72h | diamorphine 20 mg sc q1h prn",
    "fentanyl 100 mcg/h td q72h | diamorphine 30 mg sc q1h prn",
])
@pytest.mark.parametrize("market", ["uk", None])
def test_sc_diamorphine_above_the_charts_dose_stays_a_warning(items, market):
    shown = _rescue(_run(items, market, opioid_tolerant=True))
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "ayrshire" not in shown[0].message


def test_another_drugs_sc_rescue_is_not_the_charts():
    # the chart gives SC diamorphine only: SC morphine 7.5 mg beside 25 micrograms/hour (up to a
    # third of the patch's day at the largest reading) is judged by the shares, as before
    shown = _rescue(_run("fentanyl 25 mcg/h td q72h | morphine 7.5 mg sc q1h prn", "uk",
                         opioid_tolerant=True))
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "ayrshire" not in shown[0].message


def test_the_oral_rescue_rows_still_read_as_immediate_release_oral_morphine():
    shown = _rescue(_run("fentanyl 25 mcg/h td q72h | morphine 15 mg po q2h prn", "au",
                         opioid_tolerant=True))
    assert [f.severity for f in shown] == [Severity.INFO]
    assert "within the 10-15 mg of immediate-release oral morphine" in shown[0].message


def test_every_shipped_ayrshire_row_is_the_patch_strength_divided_by_five():
    with (ROOT / "data" / "patch_conversion.csv").open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["table"] == "ayrshire-uk"]
    assert {float(r["patch_mcg_h"]) for r in rows} == {12, 25, 50, 75, 100}
    for row in rows:
        low, high = (float(x) for x in row["band"].strip("[]").split(","))
        assert (row["direction"], row["from_drug"], row["from_route"]) == (
            "rescue", "diamorphine", "sc")
        assert low == high == pytest.approx(float(row["patch_mcg_h"]) / 5)


def test_a_parenteral_rescue_row_is_judged_by_its_route(tmp_path):
    # tiny data: a table printing SC morphine 7-8 mg beside a 25 micrograms/hour patch makes such
    # a rescue (up to 25% of the patch's day at the largest reading, above every source's top)
    # information; a larger one stays a warning, and so does the dose beside another strength
    knowledge = knowledge_with(tmp_path, patch_conversion=PATCH_HEADER + (
        'tiny,fentanyl,rescue,morphine,sc,"[7, 8]",mg,25,a tiny table [S],S,\n'))

    def shown(items: str) -> list[Finding]:
        return _rescue(_run(items, "uk", knowledge, opioid_tolerant=True))

    found = shown("fentanyl 25 mcg/h td q72h | morphine 7.5 mg sc q1h prn")
    assert [f.severity for f in found] == [Severity.INFO]
    assert "within the 7-8 mg of sc morphine that the tiny patch table prints" in found[0].message
    for items in ("fentanyl 25 mcg/h td q72h | morphine 10 mg sc q1h prn",
                  "fentanyl 12 mcg/h td q72h | morphine 7.5 mg sc q1h prn"):
        assert [f.severity for f in shown(items)] == [Severity.WARNING]


# -- kept on sources: QT with two as-needed antipsychotics; midazolam above 60 mg a day ----------
@pytest.mark.parametrize("setting", ["end-of-life", "hospice", "community", None])
@pytest.mark.parametrize("items", [
    "haloperidol 0.5 mg sc q2h prn | levomepromazine 2.5 mg sc q12h prn",
    "haloperidol 1 mg sc q4h prn | levomepromazine 6.25 mg sc q4h prn",
    "haloperidol 1.5 mg po at night | levomepromazine 5 mg sc q4h prn",
])
def test_haloperidol_with_levomepromazine_stays_a_warning_as_needed_and_at_the_end_of_life(
        items, setting):
    extra = {} if setting is None else {"setting": setting}
    shown = [f for f in _run(items, "uk", age=82, **extra)
             if f.code == "qt-prolonging-contraindicated"]
    assert [f.severity for f in shown] == [Severity.ERROR]


@pytest.mark.parametrize(("items", "warned"), [
    ("midazolam 2 mg/h sc continuous | midazolam 5 mg sc q2h prn", True),     # 48 + 15 = 63
    ("midazolam 15 mg/h sc continuous", True),                                # a ten-fold slip
    ("midazolam 1.5 mg/h sc continuous | midazolam 5 mg sc q2h prn", False),  # 36 + 15 = 51
    ("midazolam 2.5 mg/h sc continuous", False),                              # 60 mg/day
])
@pytest.mark.parametrize("market", ["eu", "uk", None])
def test_a_midazolam_day_above_60_mg_stays_above_the_usual_range_at_the_end_of_life(
        items, warned, market):
    shown = [f for f in _run(items, market, age=64, setting="end-of-life")
             if f.code == "midazolam-above-usual"]
    assert [f.severity for f in shown] == ([Severity.WARNING] if warned else [])
