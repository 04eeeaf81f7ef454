"""The rule family held-out rounds 111 and 112 of issue 13 added: two anticoagulants together.

A direct oral anticoagulant's label (apixaban, rivaroxaban, edoxaban, dabigatran; EU SmPC 4.3 and
the texts restating it) contraindicates concomitant treatment with any other anticoagulant - a
heparin, a low-molecular-weight heparin, another oral anticoagulant - except while switching. The
rule reads that from ``drug_properties.csv`` (``other_anticoagulants_contraindicated``), so a
drug without the property (warfarin, the heparins) brings no warning of its own: warfarin bridged
with a heparin is standard care. With ``--previous`` holding one of the two, the finding names the
switch and still warns, because by the labels a switch starts one drug as the other stops.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose.model.findings import Finding, Severity
from tests.checking import TOLERANT, header
from tests.checking import found as _found
from tests.checking import knowledge_with as _knowledge

CODE = "anticoagulant-duplication"


def _shown(found: list[Finding]) -> list[Severity]:
    return [f.severity for f in found if f.code == CODE]


DOACS = ["apixaban 5 mg po bid", "rivaroxaban 20 mg po daily", "edoxaban 60 mg po daily",
         "dabigatran 150 mg po bid", "xarelto 15 mg po bid", "apixaban 2.5 mg po bid"]
OTHERS = ["enoxaparin 40 mg sc daily", "enoxaparin 100 mg sc q12h",
          "dalteparin 5000 units sc daily", "warfarin 5 mg po daily",
          "heparin 5000 units sc q12h"]


@pytest.mark.parametrize("doac", DOACS)
@pytest.mark.parametrize("other", OTHERS)
def test_a_doac_with_any_other_anticoagulant_warns(doac, other):
    found = _found([doac, other], TOLERANT)
    assert _shown(found) == [Severity.ERROR]
    message = next(f.message for f in found if f.code == CODE)
    assert "switching" in message  # the labels' exception is named


@pytest.mark.parametrize("pair", [("apixaban 5 mg po bid", "rivaroxaban 20 mg po daily"),
                                  ("edoxaban 30 mg po daily", "dabigatran 110 mg po bid")])
def test_two_doacs_together_warn_once_naming_both_labels(pair):
    found = _found(list(pair), TOLERANT)
    assert _shown(found) == [Severity.ERROR]
    assert "labels" in next(f.message for f in found if f.code == CODE)


@pytest.mark.parametrize("doac", DOACS)
def test_a_doac_alone_is_quiet(doac):
    assert _shown(_found([doac], TOLERANT)) == []


@pytest.mark.parametrize("other", ["enoxaparin 80 mg sc q12h", "enoxaparin 100 mg sc q12h",
                                   "dalteparin 5000 units sc daily"])
@pytest.mark.parametrize("warfarin", ["warfarin 5 mg po daily", "warfarin 2 mg po daily"])
def test_warfarin_bridged_with_a_heparin_is_not_a_warning(warfarin, other):
    found = _found([warfarin, other], TOLERANT)
    assert _shown(found) == []
    assert not [f for f in found if f.severity is not Severity.INFO
                and "anticoagulant" in f.code]


@pytest.mark.parametrize(("new", "previous", "held"), [
    (["rivaroxaban 20 mg po daily", "warfarin 5 mg po daily"], ["warfarin 5 mg po daily"],
     "from warfarin to rivaroxaban"),
    (["apixaban 5 mg po bid", "enoxaparin 80 mg sc q12h"], ["enoxaparin 80 mg sc q12h"],
     "from enoxaparin to apixaban"),
    (["edoxaban 60 mg po daily", "dalteparin 5000 units sc daily"],
     ["edoxaban 60 mg po daily"], "from edoxaban to dalteparin"),
])
def test_an_overlap_while_switching_is_named_and_still_warns(new, previous, held):
    found = _found(new, TOLERANT, previous=previous)
    assert _shown(found) == [Severity.WARNING]
    message = next(f.message for f in found if f.code == CODE)
    assert "switching " + held in message


def test_a_clean_switch_without_overlap_is_quiet():
    found = _found(["apixaban 5 mg po bid"], TOLERANT, previous=["enoxaparin 80 mg sc q12h"])
    assert _shown(found) == []


def test_the_property_decides_and_its_label_is_the_source(tmp_path: Path):
    # tiny data of the test's own: the property on warfarin only, from a made-up label
    k = _knowledge(tmp_path, drug_properties=header("drug_properties") + (
        "warfarin,other_anticoagulants_contraindicated,yes,Test label [P],P,\n"))
    bridged = _found(["warfarin 5 mg po daily", "enoxaparin 40 mg sc daily"], TOLERANT,
                     knowledge=k)
    assert _shown(bridged) == [Severity.ERROR]
    assert next(f.source for f in bridged if f.code == CODE).startswith("Test label [P]")
    # unmarked here, a DOAC with a heparin is left alone
    assert _shown(_found(["apixaban 5 mg po bid", "enoxaparin 40 mg sc daily"], TOLERANT,
                         knowledge=k)) == []
