"""Rules and data added by fix137 (issue 13, held-out round 137: haematological cancers,
anticoagulation and bleeding).

- Dexamethasone by mouth has a per-dose ceiling: the largest single oral dose its labels print
  (40 mg once daily, the high-dose myeloma day: HEMADY US label, Neofordex EU SmPC), as a
  warning (``dexamethasone-single-dose-above-max``), for a once (stat) item as for a scheduled
  one. Not a stated maximum, so a warning; by injection not read.
- A corticosteroid given once has no daily amount: its dexamethasone equivalent is said as a
  single dose, never as 0 mg/day, and a single dose is not judged against the palliative daily
  usual (a 20 or 40 mg myeloma dose does not warn as above 16 mg/day).
- An anticoagulant with a strong inhibitor of both CYP3A4 and P-gp that its own label names is
  a warning (``anticoagulant-cyp3a4-pgp-inhibitor``; ``cyp3a4_pgp_inhibitors_avoided``:
  apixaban and rivaroxaban with the azole antimycotics and HIV protease inhibitors). Moderate
  inhibitors (fluconazole), clarithromycin (no apixaban dose change by the US label) and
  anticoagulants whose labels were not read for it (warfarin, dabigatran, edoxaban) are not.
- An anticoagulant with an SSRI or SNRI, where its label speaks of them
  (``anticoagulant-ssri``; ``serotonin_reuptake_inhibitor_bleeding``): warfarin's label asks for
  close monitoring (a warning), rivaroxaban's SmPC for care (information); apixaban, whose label
  was not read for it, says nothing.

Each rule is stated in general (several drugs, doses, markets, both sides of each threshold)
against the shipped data whose sources the rows carry.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, check, parse_item
from mpsdose.model.findings import Finding, Severity
from tests.checking import worst as _severity


def _run(items: str, market: str | None = None, **patient: object) -> list[Finding]:
    person = Patient(**{"age": 60, "weight_kg": 70, "crcl_ml_min": 90,  # type: ignore[arg-type]
                        "hepatic": "none", **patient})
    return check([parse_item(text) for text in items.split(" | ")], person, market=market)


# -- dexamethasone: a single oral dose above the largest printed -----------------------------------
SINGLE = "dexamethasone-single-dose-above-max"


@pytest.mark.parametrize("market", [None, "us", "uk", "eu", "au"])
@pytest.mark.parametrize(("item", "expected"), [
    ("dexamethasone 400 mg po once", Severity.WARNING),
    ("dexamethasone 80 mg po once", Severity.WARNING),
    ("dexamethasone 48 mg po stat", Severity.WARNING),
    ("dexamethasone 80 mg po daily", Severity.WARNING),
    ("dexamethasone 40 mg po once", None),
    ("dexamethasone 20 mg po once", None),
    ("dexamethasone 40 mg po daily", None),
    ("dexamethasone 8 mg po bid", None),
    ("dexamethasone 4 mg po daily", None),
])
def test_a_single_oral_dexamethasone_dose_above_40_mg_warns(market, item, expected):
    assert _severity(_run(item, market=market, age=68), SINGLE) is expected


@pytest.mark.parametrize("item", ["dexamethasone 80 mg iv once", "dexamethasone 60 mg sc once"])
def test_the_oral_ceiling_does_not_judge_an_injection(item):
    assert _severity(_run(item), SINGLE) is None


# -- a steroid given once: a single dose, not 0 mg/day -----------------------------------------------
EQUIVALENT = "corticosteroid-dexamethasone-equivalent"


def _equivalent(found: list[Finding]) -> str:
    return next(f.message for f in found if f.code == EQUIVALENT)


@pytest.mark.parametrize(("item", "said"), [
    # (dexamethasone alone has no equivalence note since the audit: "dexamethasone ≈
    # dexamethasone" said nothing — fixcombos; see the test below)
    ("prednisolone 50 mg po once", "7.5 mg as a single dose"),
    ("prednisolone 100 mg po stat", "15 mg as a single dose"),
])
def test_a_once_steroid_is_said_as_a_single_dose(item, said):
    message = _equivalent(_run(item))
    assert said in message
    assert " 0 mg/day" not in message


@pytest.mark.parametrize(("items", "said"), [
    ("prednisolone 50 mg po daily", "7.5 mg/day"),
    ("prednisolone 25 mg po bid", "7.5 mg/day"),
    ("prednisolone 25 mg po daily | prednisolone 50 mg po once",
     "3.75 mg/day and 7.5 mg as a single"),
])
def test_a_scheduled_steroid_keeps_its_daily_equivalent(items, said):
    assert said in _equivalent(_run(items))


@pytest.mark.parametrize("items", ["dexamethasone 8 mg po daily", "dexamethasone 20 mg po once"])
def test_dexamethasone_alone_is_not_said_as_its_own_equivalent(items):
    assert not [f for f in _run(items) if f.code == EQUIVALENT]


@pytest.mark.parametrize("item", ["dexamethasone 40 mg po once", "dexamethasone 20 mg po once",
                                  "dexamethasone 24 mg iv once"])
def test_a_single_dose_is_not_judged_against_the_palliative_daily_usual(item):
    assert _severity(_run(item), "corticosteroid-above-usual") is None


def test_a_daily_dose_above_the_usual_still_warns():
    assert _severity(_run("dexamethasone 12 mg po bid"), "corticosteroid-above-usual") \
        is Severity.WARNING


# -- a DOAC with a strong CYP3A4 and P-gp inhibitor ------------------------------------------------
DUAL = "anticoagulant-cyp3a4-pgp-inhibitor"


@pytest.mark.parametrize("market", [None, "us", "uk", "eu"])
@pytest.mark.parametrize("anticoagulant", [
    "apixaban 5 mg po bid", "apixaban 2.5 mg po bid", "eliquis 10 mg po bid",
    "rivaroxaban 20 mg po daily", "rivaroxaban 15 mg po bid", "xarelto 10 mg po daily",
])
@pytest.mark.parametrize(("inhibitor", "expected"), [
    ("itraconazole 200 mg po bid", Severity.WARNING),
    ("itraconazole 100 mg po daily", Severity.WARNING),
    ("fluconazole 200 mg po daily", None),
    ("clarithromycin 500 mg po bid", None),
    ("erythromycin 500 mg po qid", None),
    ("diltiazem 60 mg po tid", None),
])
def test_a_doac_warns_with_the_dual_inhibitors_its_label_names(market, anticoagulant, inhibitor,
                                                               expected):
    found = _run(f"{anticoagulant} | {inhibitor}", market=market)
    assert _severity(found, DUAL) is expected


@pytest.mark.parametrize("items", [
    "warfarin 5 mg po daily | itraconazole 200 mg po bid",
    # (dabigatran with itraconazole is a named pair since fix173: the Pradaxa SmPC contraindicates it)
    "edoxaban 60 mg po daily | itraconazole 200 mg po bid",
    "apixaban 5 mg po bid",
    "itraconazole 200 mg po bid",
])
def test_no_dual_inhibitor_finding_without_a_named_pair(items):
    assert _severity(_run(items), DUAL) is None


# -- an anticoagulant with an SSRI or SNRI ---------------------------------------------------------
SSRI = "anticoagulant-ssri"


@pytest.mark.parametrize("market", [None, "us", "uk", "au"])
@pytest.mark.parametrize("reuptake", [
    "fluoxetine 20 mg po daily", "sertraline 50 mg po daily", "citalopram 20 mg po daily",
    "escitalopram 10 mg po daily", "paroxetine 20 mg po daily", "venlafaxine 75 mg po bid",
    "duloxetine 60 mg po daily",
])
@pytest.mark.parametrize(("anticoagulant", "expected"), [
    ("warfarin 5 mg po daily", Severity.WARNING),
    ("warfarin 2 mg po daily", Severity.WARNING),
    ("rivaroxaban 20 mg po daily", Severity.INFO),
    ("apixaban 5 mg po bid", None),
    ("enoxaparin 40 mg sc daily", None),
])
def test_an_anticoagulant_with_a_serotonin_reuptake_inhibitor(market, reuptake, anticoagulant,
                                                               expected):
    found = _run(f"{reuptake} | {anticoagulant}", market=market, age=76)
    assert _severity(found, SSRI) is expected


@pytest.mark.parametrize("items", [
    "warfarin 5 mg po daily",
    "fluoxetine 20 mg po daily",
    "warfarin 5 mg po daily | mirtazapine 15 mg po at night",
    "warfarin 5 mg po daily | amitriptyline 10 mg po at night",
])
def test_no_ssri_finding_without_both(items):
    assert _severity(_run(items), SSRI) is None
