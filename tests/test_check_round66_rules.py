"""The rule the sixty-sixth held-out round of issue 13 added, on tiny data of its own (a folder
over the shipped data, ``Knowledge.load(tmp_path)``):

- a drug whose label asks only for caution with CYP3A4 inhibitors from a strength on
  (``cyp3a4_inhibitor_caution``: clonazepam, whose US label says inhibitors of CYP3A, notably
  oral antifungal agents, 'should be used cautiously') beside such an inhibitor is a warning in
  the label's words, with the drug's own source first; a weaker inhibitor is not flagged.

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
    "fluconazole,cyp3a4_inhibitor,weak,Test [P],P,\n"
    "clonazepam,cyp3a4_inhibitor_caution,strong,Test clonazepam label [P],P,\n")


def _caution(tmp_path: Path, properties: str, items: list[str]) -> list[Finding]:
    k = _knowledge(tmp_path, drug_properties=properties)
    return _of(_found(items, knowledge=k), "cyp3a4-inhibitor-caution")


def test_an_inhibitor_of_the_labels_strength_is_a_warning_in_the_labels_words(tmp_path):
    found = _caution(tmp_path, PROPERTIES,
                     ["clonazepam 0.5 mg sc q12h", "clarithromycin 500 mg po bid"])
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "caution" in found[0].message and "contraindicated" not in found[0].message
    assert found[0].source.startswith("Test clonazepam label")  # the drug's own source first


def test_a_weaker_inhibitor_than_the_label_names_is_not_flagged(tmp_path):
    items = ["clonazepam 0.5 mg sc q12h", "fluconazole 400 mg po daily"]
    assert not _caution(tmp_path, PROPERTIES, items)
    weak = PROPERTIES.replace("caution,strong", "caution,weak")
    assert len(_caution(tmp_path, weak, items)) == 1


def test_either_drug_alone_or_without_the_property_is_silent(tmp_path):
    assert not _caution(tmp_path, PROPERTIES, ["clonazepam 0.5 mg sc q12h"])
    assert not _caution(tmp_path, PROPERTIES, ["clarithromycin 500 mg po bid"])
    without = PROPERTIES.replace(
        "clonazepam,cyp3a4_inhibitor_caution,strong,Test clonazepam label [P],P,\n", "")
    assert not _caution(tmp_path, without,
                        ["clonazepam 0.5 mg sc q12h", "clarithromycin 500 mg po bid"])
