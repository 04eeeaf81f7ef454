"""Rules added or reworded by fixcombos (the first-use audit, findings 10 and 13).

- ``antimuscarinic-prokinetic``: an antimuscarinic (hyoscine butylbromide or hydrobromide,
  glycopyrronium, cyclizine) given regularly with a prokinetic (metoclopramide, domperidone)
  given regularly is a warning naming both; an as-needed order on either side is not counted.
- ``anticholinergic-combination-older``: two or more drugs on the Beers Criteria's list of drugs
  with strong anticholinergic properties, from 65, is a warning (information in end-of-life care,
  which Beers excludes; said as information when the age is not given).
- ``strong-opioid-no-laxative``: a strong opioid given regularly and no regular laxative is information
  (NICE CG140), never a warning; a step-2 opioid or an as-needed opioid is not judged.
- ``nsaid-renal`` quotes the Beers Criteria ("in older adults") only from 65; younger, another
  source's words.
- ``corticosteroid-dexamethasone-equivalent`` says nothing of dexamethasone alone.
- A maximum a day counts an as-needed item at its ``max N/day``; with none written, the item is
  not counted at its interval (q1h = 24 doses) but the maximum is said not checked, and one dose
  above a day's maximum is still above it.

Each rule is stated in general, on several inputs and both sides of each threshold.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, check, parse_item
from mpsdose.model.findings import Finding, Severity


def _run(items: str, **patient: object) -> list[Finding]:
    person = Patient(**{"age": 60, "weight_kg": 70, "crcl_ml_min": 90,  # type: ignore[arg-type]
                        "opioid_tolerant": True, **patient})
    return check([parse_item(text) for text in items.split(" | ")], person)


def _coded(found: list[Finding], code: str) -> list[Finding]:
    return [f for f in found if f.code == code]


# -- an antimuscarinic with a prokinetic ---------------------------------------------------------

@pytest.mark.parametrize("items", [
    "cyclizine 50 mg po tid | metoclopramide 10 mg po tid",
    "hyoscine butylbromide 60 mg/day sc continuous | metoclopramide 30 mg/day sc continuous",
    "glycopyrronium 600 mcg/day sc continuous | metoclopramide 30 mg/day sc continuous",
    "hyoscine hydrobromide 1.2 mg/day sc continuous | domperidone 10 mg po tid",
    "cyclizine 50 mg po bid | domperidone 10 mg po bid",
])
def test_a_regular_antimuscarinic_with_a_regular_prokinetic_warns(items: str) -> None:
    found = _coded(_run(items), "antimuscarinic-prokinetic")
    assert len(found) == 1
    assert found[0].severity is Severity.WARNING
    assert "the antimuscarinic" in found[0].message and "the prokinetic" in found[0].message
    assert found[0].source


@pytest.mark.parametrize("items", [
    "metoclopramide 10 mg po tid",                                   # one side only
    "cyclizine 50 mg po tid",
    "cyclizine 50 mg po tid | ondansetron 8 mg po bid",              # not a prokinetic
    "haloperidol 1.5 mg po at night | metoclopramide 10 mg po tid",  # not an antimuscarinic
    # an anticipatory as-needed order on either side is palliative practice, not the pair meant
    "hyoscine butylbromide 20 mg sc q1h prn max 6/day | metoclopramide 30 mg/day sc continuous",
    "glycopyrronium 600 mcg/day sc continuous | metoclopramide 10 mg sc q8h prn",
])
def test_no_antimuscarinic_prokinetic_pair_is_quiet(items: str) -> None:
    assert not _coded(_run(items), "antimuscarinic-prokinetic")


# -- strong anticholinergics together from 65 ----------------------------------------------------

PAIRS = [
    "promethazine 25 mg po at night | hyoscine hydrobromide 400 mcg sc q4h prn max 6/day",
    "amitriptyline 10 mg po at night | promethazine 25 mg po at night",
    "olanzapine 2.5 mg po at night | hyoscine hydrobromide 1.2 mg/day sc continuous",
    "prochlorperazine 5 mg po tid | paroxetine 20 mg po daily",
]


@pytest.mark.parametrize("items", PAIRS)
@pytest.mark.parametrize("age", [65, 72, 84, 96])
def test_two_strong_anticholinergics_from_65_warn(items: str, age: int) -> None:
    found = _coded(_run(items, age=age), "anticholinergic-combination-older")
    assert len(found) == 1
    assert found[0].severity is Severity.WARNING
    assert f"at age {age}" in found[0].message


@pytest.mark.parametrize("items", PAIRS)
@pytest.mark.parametrize("age", [40, 64])
def test_two_strong_anticholinergics_before_65_are_not_judged(items: str, age: int) -> None:
    assert not [f for f in _run(items, age=age)
                if f.code.startswith("anticholinergic-combination-older")]


@pytest.mark.parametrize("items", PAIRS[:2])
def test_end_of_life_care_steps_the_combination_down(items: str) -> None:
    found = _coded(_run(items, age=84, setting="end-of-life"), "anticholinergic-combination-older")
    assert [f.severity for f in found] == [Severity.INFO]
    assert "Stepped down to info" in found[0].message


def test_age_not_given_is_said_once_as_info() -> None:
    found = [f for f in _run(PAIRS[0], age=None)
             if f.code.startswith("anticholinergic-combination-older")]
    assert [(f.code, f.severity) for f in found] == [
        ("anticholinergic-combination-older-not-checked", Severity.INFO)]


@pytest.mark.parametrize("items", [
    "promethazine 25 mg po at night",                                 # one alone
    "hyoscine butylbromide 60 mg/day sc continuous | promethazine 25 mg po at night",  # not Beers
    "cyclizine 50 mg po tid | promethazine 25 mg po at night",
    "glycopyrronium 600 mcg/day sc continuous | olanzapine 5 mg po at night",
])
def test_fewer_than_two_beers_anticholinergics_are_quiet(items: str) -> None:
    assert not [f for f in _run(items, age=84)
                if f.code.startswith("anticholinergic-combination-older")]


# -- a regular strong opioid with no laxative ----------------------------------------------------

@pytest.mark.parametrize("items", [
    "morphine sr 30 mg po q12h | morphine 10 mg po q4h prn max 6/day",
    "oxycodone er 10 mg po q12h",
    "fentanyl 25 mcg/h td q72h",
    "morphine 20 mg/day sc continuous",
    "hydromorphone 2 mg po q4h | macrogol 13.1 g po daily prn",      # only an as-needed laxative
])
def test_a_regular_strong_opioid_without_a_regular_laxative_is_information(items: str) -> None:
    found = _coded(_run(items), "strong-opioid-no-laxative")
    assert len(found) == 1
    assert found[0].severity is Severity.INFO
    assert "CG140" in found[0].source


def test_an_as_needed_laxative_is_named() -> None:
    found = _coded(_run("hydromorphone 2 mg po q4h | macrogol 13.1 g po daily prn"),
                   "strong-opioid-no-laxative")
    assert "only the as-needed laxative macrogol" in found[0].message


@pytest.mark.parametrize("items", [
    "morphine sr 30 mg po q12h | macrogol 13.1 g po daily",
    "oxycodone er 10 mg po q12h | bisacodyl 10 mg po at night",
    "fentanyl 25 mcg/h td q72h | docusate 200 mg po bid",
    "morphine 10 mg po q4h prn max 6/day",                           # opioid only as needed
    "codeine 30 mg po qid",                                          # a step-2 opioid
    "tramadol 50 mg po qid",
    "acetaminophen 1 g po qid",
])
def test_no_regular_strong_opioid_or_a_regular_laxative_is_quiet(items: str) -> None:
    assert not _coded(_run(items), "strong-opioid-no-laxative")


def test_the_laxative_finding_never_warns_in_any_setting() -> None:
    for setting in (None, "end-of-life"):
        found = _coded(_run("morphine 20 mg/day sc continuous", setting=setting),
                       "strong-opioid-no-laxative")
        assert [f.severity for f in found] == [Severity.INFO]


# -- wording fits the patient --------------------------------------------------------------------

@pytest.mark.parametrize("age", [None, 18, 40, 64])
def test_nsaid_renal_before_65_does_not_speak_of_older_adults(age: int | None) -> None:
    found = _coded(_run("ibuprofen 400 mg po tid", age=age, crcl_ml_min=20), "nsaid-renal")
    assert len(found) == 1 and found[0].severity is Severity.WARNING
    assert "older adults" not in found[0].message
    assert "Beers" not in found[0].source


@pytest.mark.parametrize("age", [65, 80])
def test_nsaid_renal_from_65_quotes_beers(age: int) -> None:
    found = _coded(_run("naproxen 250 mg po bid", age=age, crcl_ml_min=25), "nsaid-renal")
    assert len(found) == 1 and "older adults" in found[0].message
    assert "Beers" in found[0].source


@pytest.mark.parametrize("crcl", [30, 60, 90])
def test_nsaid_renal_is_quiet_at_or_above_30(crcl: int) -> None:
    assert not _coded(_run("ibuprofen 400 mg po tid", age=40, crcl_ml_min=crcl), "nsaid-renal")


@pytest.mark.parametrize("dose", ["4 mg po daily", "8 mg po daily", "16 mg/day sc continuous"])
def test_dexamethasone_alone_has_no_self_equivalence(dose: str) -> None:
    assert not _coded(_run(f"dexamethasone {dose}"), "corticosteroid-dexamethasone-equivalent")


def test_another_corticosteroid_still_gets_its_dexamethasone_equivalent() -> None:
    for items in ("prednisolone 30 mg po daily", "dexamethasone 4 mg po daily | "
                  "prednisolone 10 mg po daily"):
        found = _coded(_run(items), "corticosteroid-dexamethasone-equivalent")
        assert len(found) == 1 and "≈ dexamethasone" in found[0].message


# -- an as-needed item's day against a maximum ---------------------------------------------------

SYRINGE_DRIVER = "morphine 20 mg/day sc continuous | midazolam 10 mg/day sc continuous"


@pytest.mark.parametrize("interval", ["q1h", "q2h", "q4h"])
def test_a_prn_with_no_maximum_is_not_counted_at_its_interval(interval: str) -> None:
    found = _run(f"{SYRINGE_DRIVER} | midazolam 2.5 mg sc {interval} prn", crcl_ml_min=25,
                 setting="end-of-life")
    assert not _coded(found, "midazolam-above-max")
    said = _coded(found, "midazolam-max-not-checked")
    assert [f.severity for f in said] == [Severity.INFO]


@pytest.mark.parametrize(("most", "above"), [(2, False), (12, True)])
def test_a_prn_with_a_written_maximum_is_counted_at_it(most: int, above: bool) -> None:
    # 10 mg/day + 2.5 mg x most against the 30 mg/day maximum for CrCl < 30
    found = _run(f"{SYRINGE_DRIVER} | midazolam 2.5 mg sc q1h prn max {most}/day",
                 crcl_ml_min=25, setting="end-of-life")
    assert bool(_coded(found, "midazolam-above-max")) is above


@pytest.mark.parametrize("dose", ["5 g", "6000 mg"])
def test_one_prn_dose_above_a_days_maximum_is_still_above_it(dose: str) -> None:
    found = _coded(_run(f"acetaminophen {dose} po q4h prn"), "acetaminophen-above-max")
    assert found and found[0].severity is Severity.ERROR


def test_a_scheduled_day_above_the_maximum_is_above_whatever_the_prn() -> None:
    found = _run("acetaminophen 1 g po q4h | acetaminophen 500 mg po q1h prn")
    assert _coded(found, "acetaminophen-above-max")


@pytest.mark.parametrize(("scheduled", "above"), [
    ("acetaminophen 650 mg po q6h", True),    # 2.6 g + 3 x 650 mg = 4.55 g
    ("acetaminophen 1 g po tid", True),       # 3 g + 1.95 g
    ("acetaminophen 500 mg po bid", False),   # 1 g + 1.95 g
])
def test_a_prn_with_no_maximum_is_above_when_a_few_doses_cross_the_maximum(
        scheduled: str, above: bool) -> None:
    found = _run(f"2 tab hydrocodone/acetaminophen 5/325 mg po q4h prn | {scheduled}")
    assert bool(_coded(found, "acetaminophen-above-max")) is above
    if not above:
        said = _coded(found, "acetaminophen-max-not-checked")
        assert said and "no PRN maximum" in said[0].message
