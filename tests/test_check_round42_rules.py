"""The rule families the forty-second held-out round of issue 13 added, each on tiny data of its
own (a folder over the shipped data, ``Knowledge.load(tmp_path)``):

- a drug whose label asks for a reduced dose (not a contraindication) with CYP3A4 inhibitors
  from a strength on (``cyp3a4_inhibitor_reduce_dose``) beside such an inhibitor is a warning
  in the label's words, with the drug's own source first; a weaker inhibitor is not flagged;
- an MAO inhibitor (``serotonergic`` = ``maoi``) beside another serotonergic drug that is not
  an opioid is ``maoi-serotonergic``; beside an opioid it stays the ``serotonergic`` rule's.

The rows in the tiny files are this file's own; they are not clinical figures.
"""

from __future__ import annotations

from pathlib import Path

from mpsdose.model.findings import Finding, Severity
from tests.checking import found as _found
from tests.checking import header
from tests.checking import knowledge_with as _knowledge
from tests.checking import of as _of

PROPERTIES = header("drug_properties") + (
    "clarithromycin,cyp3a4_inhibitor,strong,Test [P],P,\n"
    "fluconazole,cyp3a4_inhibitor,moderate,Test [P],P,\n"
    "quetiapine,cyp3a4_inhibitor_reduce_dose,strong,Test quetiapine label [P],P,\n")


def _reduce(tmp_path: Path, properties: str, items: list[str]) -> list[Finding]:
    k = _knowledge(tmp_path, drug_properties=properties)
    return _of(_found(items, knowledge=k), "cyp3a4-inhibitor-reduce-dose")


# -- a label's dose reduction with a CYP3A4 inhibitor --------------------------------------------
def test_a_strong_inhibitor_beside_the_drug_is_a_warning_in_the_labels_words(tmp_path):
    found = _reduce(tmp_path, PROPERTIES,
                    ["quetiapine 300 mg po at night", "clarithromycin 500 mg po bid"])
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "reduced dose" in found[0].message and "contraindicated" not in found[0].message
    assert found[0].source.startswith("Test quetiapine label")  # the drug's own source first


def test_a_weaker_inhibitor_than_the_label_names_is_not_flagged(tmp_path):
    assert not _reduce(tmp_path, PROPERTIES,
                       ["quetiapine 300 mg po at night", "fluconazole 200 mg po daily"])
    moderate = PROPERTIES.replace("reduce_dose,strong", "reduce_dose,moderate")
    assert len(_reduce(tmp_path, moderate,
                       ["quetiapine 300 mg po at night", "fluconazole 200 mg po daily"])) == 1


def test_either_drug_alone_is_silent(tmp_path):
    assert not _reduce(tmp_path, PROPERTIES, ["quetiapine 300 mg po at night"])
    assert not _reduce(tmp_path, PROPERTIES, ["clarithromycin 500 mg po bid"])


def test_without_the_property_the_pair_is_not_this_rules(tmp_path):
    without = PROPERTIES.replace(
        "quetiapine,cyp3a4_inhibitor_reduce_dose,strong,Test quetiapine label [P],P,\n", "")
    assert not _reduce(tmp_path, without,
                       ["quetiapine 300 mg po at night", "clarithromycin 500 mg po bid"])


# -- an MAO inhibitor with a serotonergic drug ---------------------------------------------------
SEROTONERGIC = header("drug_properties") + (
    "linezolid,serotonergic,maoi,Test MAOI [P],P,\n"
    "duloxetine,serotonergic,yes,Test [P],P,\n"
    "tramadol,serotonergic,yes,Test [P],P,\n")


def _codes(tmp_path: Path, properties: str, items: list[str]) -> list[str]:
    k = _knowledge(tmp_path, drug_properties=properties)
    return sorted(f.code for f in _found(items, knowledge=k)
                  if f.code in ("maoi-serotonergic", "serotonergic"))


def test_an_maoi_with_a_serotonergic_drug_is_a_warning(tmp_path):
    k = _knowledge(tmp_path, drug_properties=SEROTONERGIC)
    found = _of(_found(["linezolid 600 mg iv q12h", "duloxetine 40 mg po daily"], knowledge=k),
                "maoi-serotonergic")
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "linezolid" in found[0].message and "duloxetine" in found[0].message


def test_the_maoi_alone_or_a_plain_serotonergic_pair_is_not_this_rules(tmp_path):
    assert _codes(tmp_path, SEROTONERGIC, ["linezolid 600 mg iv q12h"]) == []
    # two serotonergic drugs neither of them an MAO inhibitor nor an opioid: no rule
    plain = SEROTONERGIC.replace("linezolid,serotonergic,maoi", "linezolid,serotonergic,yes")
    assert _codes(tmp_path, plain, ["linezolid 600 mg iv q12h", "duloxetine 40 mg po daily"]) == []


def test_an_maoi_with_an_opioid_stays_the_serotonergic_rules_once(tmp_path):
    assert _codes(tmp_path, SEROTONERGIC,
                  ["linezolid 600 mg iv q12h", "tramadol 50 mg po q6h"]) == ["serotonergic"]
    # with both an opioid and an antidepressant: each rule once
    assert _codes(tmp_path, SEROTONERGIC,
                  ["linezolid 600 mg iv q12h", "tramadol 50 mg po q6h",
                   "duloxetine 40 mg po daily"]) == ["maoi-serotonergic", "serotonergic"]
