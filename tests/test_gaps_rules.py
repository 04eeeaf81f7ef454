"""The rules of the gaps branch (issue 13), stated generally over the shipped knowledge:

- a CYP3A4 inducer (``cyp3a4_inducer``: carbamazepine, phenytoin, rifampicin, phenobarbital)
  stopped while an opioid cleared by CYP3A4 (``cyp3a4_substrate``) goes on is a warning
  (``opioid-cyp3a4-inducer-stopped``: the opioid labels' boxed warning, the concentration rises);
  kept, or never there, it is not; given beside such an opioid it is information
  (``opioid-cyp3a4-inducer``), a warning for methadone (``cyp3a4_inducer_withdrawal``);
- with ``--condition thrombocytopenia`` every anticoagulant is a warning
  (``anticoagulant-thrombocytopenia``, the ISTH guidance) and ketorolac is contraindicated by its
  label (``condition-contraindicated``); the other NSAIDs are not flagged (no source seen).

The drugs are read from the knowledge (every inducer, every CYP3A4-substrate opioid, every
anticoagulant), so a drug added to the data is tested too.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Severity
from mpsdose.model.vocabulary import parse_condition
from tests.checking import TOLERANT, found, of, severities

K = resolve(None)

#: One ordinary item for each drug the rules read (a usual dose, not a clinical figure tested).
ITEMS = {
    "fentanyl": "fentanyl 25 mcg/h td q72h",
    "methadone": "methadone 5 mg po bid",
    "oxycodone": "oxycodone 10 mg po q12h",
    "hydrocodone": "hydrocodone 10 mg po q12h",
    "alfentanil": "alfentanil 1 mg/day sc continuous",
    "carbamazepine": "carbamazepine 200 mg po bid",
    "phenytoin": "phenytoin 100 mg po tid",
    "rifampicin": "rifampicin 600 mg po daily",
    "phenobarbital": "phenobarbital 60 mg po bid",
    "apixaban": "apixaban 5 mg po bid",
    "rivaroxaban": "rivaroxaban 20 mg po daily",
    "edoxaban": "edoxaban 60 mg po daily",
    "dabigatran": "dabigatran 150 mg po bid",
    "warfarin": "warfarin 5 mg po daily",
    "heparin": "heparin 5000 units sc bid",
    "enoxaparin": "enoxaparin 40 mg sc daily",
    "dalteparin": "dalteparin 5000 units sc daily",
}


def _drugs_with(prop: str, drug_class: str | None = None) -> list[str]:
    names = sorted({d for d in ITEMS if K.drug_properties.get(d, prop) is not None})
    if drug_class is not None:
        names = [d for d in names if K.catalogue.get(d).drug_class == drug_class]
    return names


INDUCERS = _drugs_with("cyp3a4_inducer")
OPIOIDS = _drugs_with("cyp3a4_substrate", "opioid")
ANTICOAGULANTS = sorted(d for d in ITEMS if K.catalogue.get(d).drug_class == "anticoagulant")


def test_the_drugs_the_rules_read_are_in_the_knowledge():
    assert set(INDUCERS) >= {"carbamazepine", "phenytoin", "rifampicin", "phenobarbital"}
    assert set(OPIOIDS) >= {"fentanyl", "methadone", "oxycodone", "hydrocodone"}
    assert K.catalogue.get("rifampin").name == "rifampicin"  # the USAN reads as the INN
    every = {d.name for d in K.catalogue.by_class("anticoagulant")}
    assert every <= set(ANTICOAGULANTS), "an anticoagulant without an item here"


@pytest.mark.parametrize("opioid", OPIOIDS)
@pytest.mark.parametrize("inducer", INDUCERS)
def test_an_inducer_stopped_while_the_opioid_goes_on_is_a_warning(opioid, inducer):
    stopped = of(found([ITEMS[opioid]], previous=[ITEMS[opioid], ITEMS[inducer]]),
                 "opioid-cyp3a4-inducer-stopped")
    assert [f.severity for f in stopped] == [Severity.WARNING]
    assert inducer in stopped[0].message and opioid in stopped[0].message
    assert "boxed warning" in stopped[0].message and stopped[0].source


@pytest.mark.parametrize("opioid", OPIOIDS)
@pytest.mark.parametrize("inducer", INDUCERS)
def test_an_inducer_kept_or_never_there_is_not_a_stop(opioid, inducer):
    kept = found([ITEMS[opioid], ITEMS[inducer]], previous=[ITEMS[opioid], ITEMS[inducer]])
    assert not of(kept, "opioid-cyp3a4-inducer-stopped")
    never = found([ITEMS[opioid]], previous=[ITEMS[opioid]])
    assert not [f for f in never if f.code.startswith("opioid-cyp3a4-inducer")]
    started = found([ITEMS[opioid], ITEMS[inducer]], previous=[ITEMS[opioid]])
    assert not of(started, "opioid-cyp3a4-inducer-stopped")


@pytest.mark.parametrize("opioid", OPIOIDS)
@pytest.mark.parametrize("inducer", INDUCERS)
def test_an_inducer_beside_the_opioid_is_info_and_a_warning_for_methadone(opioid, inducer):
    result = found([ITEMS[opioid], ITEMS[inducer]])
    withdrawal = K.drug_properties.get(opioid, "cyp3a4_inducer_withdrawal") is not None
    if withdrawal:
        assert severities(result, "opioid-cyp3a4-inducer-withdrawal") == [Severity.WARNING]
        assert not of(result, "opioid-cyp3a4-inducer")
    else:
        assert severities(result, "opioid-cyp3a4-inducer") == [Severity.INFO]
        assert not of(result, "opioid-cyp3a4-inducer-withdrawal")


@pytest.mark.parametrize("inducer", INDUCERS)
def test_an_opioid_not_cleared_by_cyp3a4_is_not_judged(inducer):
    morphine = "morphine 10 mg po q4h"
    assert K.drug_properties.get("morphine", "cyp3a4_substrate") is None
    assert not [f for f in found([morphine, ITEMS[inducer]], previous=[morphine, ITEMS[inducer]])
                if f.code.startswith("opioid-cyp3a4-inducer")]
    assert not of(found([morphine], previous=[morphine, ITEMS[inducer]]),
                  "opioid-cyp3a4-inducer-stopped")


def test_an_opioid_switched_away_while_the_inducer_stops_is_not_a_stop():
    # the opioid cleared by CYP3A4 does not go on: the rotation rules judge the switch
    result = found(["morphine 10 mg po q4h"], previous=[ITEMS["oxycodone"], ITEMS["carbamazepine"]])
    assert not of(result, "opioid-cyp3a4-inducer-stopped")


@settings(max_examples=60, deadline=None)
@given(opioid=st.sampled_from(OPIOIDS),
       before=st.sets(st.sampled_from(INDUCERS), min_size=1),
       keep=st.sets(st.sampled_from(INDUCERS)))
def test_any_substrate_opioid_kept_while_any_inducer_stops_is_never_silent(opioid, before, keep):
    """The invariant of the rule: whatever the other inducers do, an inducer of the previous
    regimen that the new one lacks, beside a CYP3A4-substrate opioid in both, is a warning."""
    kept = before & keep
    stopped = before - keep
    result = found([ITEMS[opioid], *(ITEMS[d] for d in sorted(keep))],
                   previous=[ITEMS[opioid], *(ITEMS[d] for d in sorted(before))])
    warned = of(result, "opioid-cyp3a4-inducer-stopped")
    if stopped:
        assert [f.severity for f in warned] == [Severity.WARNING]
        assert all(d in warned[0].message for d in stopped)
        assert not any(f"inducer {d} " in warned[0].message for d in kept - stopped
                       if len(stopped) == 1)
    else:
        assert not warned


# --- thrombocytopenia -------------------------------------------------------------------------

LOW_PLATELETS = attrs.evolve(TOLERANT, conditions=frozenset({"thrombocytopenia"}))


@pytest.mark.parametrize("spelling", ["thrombocytopenia", "low platelets", "Low platelet count",
                                      "thrombocytopaenia"])
def test_the_condition_is_known_by_its_spellings(spelling):
    assert parse_condition(spelling) == "thrombocytopenia"


@pytest.mark.parametrize("anticoagulant", ANTICOAGULANTS)
def test_every_anticoagulant_with_thrombocytopenia_is_a_warning_and_without_it_not(anticoagulant):
    item = [ITEMS[anticoagulant]]
    warned = of(found(item, LOW_PLATELETS), "anticoagulant-thrombocytopenia")
    assert [f.severity for f in warned] == [Severity.WARNING]
    assert anticoagulant in warned[0].message and "ISTH" in warned[0].source
    assert not of(found(item), "anticoagulant-thrombocytopenia")


def test_ketorolac_is_contraindicated_with_thrombocytopenia_by_its_label():
    item = ["ketorolac 10 mg po qid"]
    flagged = of(found(item, LOW_PLATELETS), "condition-contraindicated")
    assert [f.severity for f in flagged] == [Severity.ERROR]
    assert "ketorolac" in flagged[0].message and "CONTRAINDICATED" in flagged[0].source
    assert not of(found(item), "condition-contraindicated")


@pytest.mark.parametrize("nsaid", ["ibuprofen 400 mg po tid", "naproxen 250 mg po bid"])
def test_the_other_nsaids_are_not_flagged_for_thrombocytopenia(nsaid):
    # no label or guideline text was seen saying so: left out, not guessed
    assert not of(found([nsaid], LOW_PLATELETS), "condition-contraindicated")
    assert not of(found([nsaid], LOW_PLATELETS), "anticoagulant-thrombocytopenia")
