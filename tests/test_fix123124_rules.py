"""Rules added by fix123124 (issue 13, held-out rounds 123 and 124).

- Two drugs of one class given regularly together are a duplicate drug class (STOPP v3 A3, "for
  daily regular use (as distinct from PRN use)"): two benzodiazepines (the Ativan product
  monograph: additive CNS depression with other anxiolytics and sedative/hypnotics) and two
  SSRIs (the WHO ATC group N06AB; additive serotonergic effect) are a warning at every age. An
  as-needed item is not counted. With ``--previous`` holding one of them, the old drug reduced
  as the new one starts is a cross-taper, the planned switch the sources describe (NHS
  Scotland's benzodiazepine reduction schedule; NHS SPS antidepressant switching), information;
  an overlap without the reduction stays a warning.
- SC ketamine is titrated by the Mid Essex palliative guideline's steps: from 50-100 mg/24 h, up
  by 50 mg/24 h a step (``titration_steps.csv``).
- A rescue beside a fentanyl patch that is above every source's share of the patch's day at its
  lowest reading, but within the immediate-release oral morphine the NHS Lanarkshire patch table
  prints for that strength, is information naming the table; beyond the printed rescue, or
  beside another patch strength the table does not print, it is judged as before.

Each rule is stated in general (several drugs, doses, markets, both sides of each threshold)
against the shipped data whose sources the rows carry.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, check, parse_item
from mpsdose.model.findings import Finding, Severity
from tests.checking import worst as _severity


def _run(items: str, previous: str | None = None, market: str | None = None,
         **patient: object) -> list[Finding]:
    person = Patient(**{"age": 55, "weight_kg": 70, "crcl_ml_min": 90,  # type: ignore[arg-type]
                        "hepatic": "none", **patient})
    before = [parse_item(text) for text in previous.split(" | ")] if previous else None
    return check([parse_item(text) for text in items.split(" | ")], person, previous=before,
                 market=market)


# -- a duplicate drug class: benzodiazepines and SSRIs --------------------------------------------
@pytest.mark.parametrize(("items", "code"), [
    ("lorazepam 1 mg po bid | diazepam 5 mg po tid", "benzodiazepine-duplication"),
    ("clonazepam 0.5 mg po bid | temazepam 10 mg po at night", "benzodiazepine-duplication"),
    ("alprazolam 0.25 mg po tid | lorazepam 0.5 mg po at night", "benzodiazepine-duplication"),
    ("sertraline 100 mg po daily | citalopram 20 mg po daily", "ssri-duplication"),
    ("fluoxetine 20 mg po daily | paroxetine 20 mg po daily", "ssri-duplication"),
    ("escitalopram 10 mg po daily | sertraline 50 mg po daily", "ssri-duplication"),
], ids=lambda v: str(v))
@pytest.mark.parametrize("age", [30, 64, 65, 88])
@pytest.mark.parametrize("market", [None, "us", "uk", "eu", "au", "jp"])
def test_two_regular_drugs_of_one_class_are_a_duplication_at_every_age_and_market(
        items, code, age, market):
    assert _severity(_run(items, market=market, age=age), code) is Severity.WARNING


@pytest.mark.parametrize(("items", "code"), [
    ("lorazepam 1 mg po bid", "benzodiazepine-duplication"),
    ("lorazepam 1 mg po bid | diazepam 5 mg po prn", "benzodiazepine-duplication"),
    ("midazolam 10 mg/day sc continuous | midazolam 2.5 mg sc prn", "benzodiazepine-duplication"),
    ("sertraline 100 mg po daily", "ssri-duplication"),
    ("sertraline 100 mg po daily | citalopram 10 mg po prn", "ssri-duplication"),
    # another class beside an SSRI is not a duplication of SSRIs (an SNRI, a tetracyclic)
    ("sertraline 100 mg po daily | duloxetine 60 mg po daily", "ssri-duplication"),
    ("citalopram 20 mg po daily | mirtazapine 15 mg po at night", "ssri-duplication"),
], ids=lambda v: str(v))
def test_one_drug_of_the_class_or_an_as_needed_second_is_not_a_duplication(items, code):
    assert _severity(_run(items), code) is None


@pytest.mark.parametrize(("items", "previous", "code"), [
    # the old drug reduced as the new one starts: a cross-taper (information)
    ("lorazepam 1 mg po daily | diazepam 10 mg po at night", "lorazepam 1 mg po bid",
     "benzodiazepine-duplication"),
    ("alprazolam 0.25 mg po bid | diazepam 5 mg po at night", "alprazolam 0.5 mg po bid",
     "benzodiazepine-duplication"),
    ("citalopram 10 mg po daily | sertraline 50 mg po daily", "citalopram 20 mg po daily",
     "ssri-duplication"),
    ("paroxetine 10 mg po daily | fluoxetine 20 mg po daily", "paroxetine 20 mg po daily",
     "ssri-duplication"),
], ids=lambda v: str(v))
def test_a_cross_taper_against_the_previous_regimen_is_information(items, previous, code):
    found = _run(items, previous=previous)
    assert _severity(found, code) is Severity.INFO
    assert any("cross-taper" in f.message for f in found if f.code == code)


@pytest.mark.parametrize(("items", "previous", "code"), [
    # the old drug not reduced: an overlap, not a cross-taper (a warning naming the switch)
    ("lorazepam 1 mg po bid | diazepam 10 mg po at night", "lorazepam 1 mg po bid",
     "benzodiazepine-duplication"),
    ("lorazepam 2 mg po bid | diazepam 10 mg po at night", "lorazepam 1 mg po bid",
     "benzodiazepine-duplication"),
    ("citalopram 20 mg po daily | sertraline 50 mg po daily", "citalopram 20 mg po daily",
     "ssri-duplication"),
    # both held before: no switch at all
    ("citalopram 10 mg po daily | sertraline 50 mg po daily",
     "citalopram 20 mg po daily | sertraline 50 mg po daily", "ssri-duplication"),
    # a previous regimen without either drug: no switch
    ("sertraline 100 mg po daily | citalopram 20 mg po daily", "morphine 10 mg po q4h",
     "ssri-duplication"),
], ids=lambda v: str(v))
def test_an_overlap_that_is_not_a_cross_taper_stays_a_warning(items, previous, code):
    assert _severity(_run(items, previous=previous), code) is Severity.WARNING


def test_every_duplication_finding_names_its_source():
    for items in ("lorazepam 1 mg po bid | diazepam 5 mg po tid",
                  "sertraline 100 mg po daily | citalopram 20 mg po daily"):
        found = [f for f in _run(items) if f.code.endswith("-duplication")]
        assert found and all("STOPP" in f.source for f in found)


# -- SC ketamine titration ---------------------------------------------------------------------
@pytest.mark.parametrize(("old", "new", "warned"), [
    (100, 150, False),   # one 50 mg step
    (50, 100, False),    # to the guideline's start from any lower dose
    (200, 250, False),
    (100, 160, True),    # beyond +50 mg/24 h
    (100, 200, True),
    (100, 500, True),    # five-fold in one change
    (300, 500, True),
], ids=lambda v: str(v))
@pytest.mark.parametrize("market", [None, "uk", "au", "nz"])
def test_sc_ketamine_rises_by_the_guidelines_step(old, new, warned, market):
    found = _run(f"ketamine {new} mg/day sc continuous",
                 previous=f"ketamine {old} mg/day sc continuous", market=market,
                 opioid_tolerant=True)
    step = _severity(found, "non-opioid-titration-step")
    assert (step is Severity.WARNING) is warned


def test_a_lower_ketamine_dose_or_another_route_is_not_this_step():
    down = _run("ketamine 100 mg/day sc continuous", previous="ketamine 300 mg/day sc continuous")
    assert _severity(down, "non-opioid-titration-step") is None
    oral = _run("ketamine 50 mg po qid", previous="ketamine 10 mg po tid")
    assert not any(f.code == "non-opioid-titration-step" and "ketamine sc" in f.message
                   for f in oral)


# -- a rescue within a patch table's printed rescue --------------------------------------------
@pytest.mark.parametrize(("patch", "rescue"), [
    (25, 15), (25, 12.5),
    (12, 10),
], ids=lambda v: str(v))
@pytest.mark.parametrize("market", [None, "uk", "au", "nz"])
def test_a_rescue_within_the_tables_printed_rescue_above_every_share_is_information(
        patch, rescue, market):
    found = _run(f"fentanyl {patch} mcg/h td q72h | morphine {rescue:g} mg po q2h prn",
                 market=market, opioid_tolerant=True)
    shares = [f for f in found if f.code == "rescue-share"]
    assert shares and all(f.severity is Severity.INFO for f in shares)
    assert any("Lanarkshire" in f.source for f in shares)


@pytest.mark.parametrize(("items", "why"), [
    # above the printed rescue of the strength
    ("fentanyl 25 mcg/h td q72h | morphine 20 mg po q2h prn", "above 10-15 mg"),
    ("fentanyl 12 mcg/h td q72h | morphine 15 mg po q2h prn", "above 5-10 mg"),
    # another rescue drug or route than the table prints
    ("fentanyl 25 mcg/h td q72h | morphine 10 mg sc q2h prn", "SC, not oral"),
    ("fentanyl 25 mcg/h td q72h | hydromorphone 4 mg po q2h prn", "hydromorphone, not morphine"),
    ("fentanyl 50 mcg/h td q72h | morphine 40 mg po q2h prn", "above 20-30 mg"),
    # a strength the copy seen does not print (cut off above 75 micrograms/hour)
    ("fentanyl 100 mcg/h td q72h | morphine 60 mg po q2h prn", "100 mcg/h not printed"),
], ids=lambda v: str(v))
def test_a_rescue_the_table_does_not_print_is_still_warned(items, why):
    found = _run(items, opioid_tolerant=True)
    assert _severity(found, "rescue-share") in (Severity.WARNING, Severity.ERROR), why
