"""The rule families the forty-fourth held-out round of issue 13 added, each on tiny data of its
own (a folder over the shipped data, ``Knowledge.load(tmp_path)``):

- a drug whose source contraindicates QT-prolonging drugs (``qt_prolonging_contraindicated``,
  naming CredibleMeds categories) beside a drug of such a category (``qt_risk``) is
  ``qt-prolonging-contraindicated``, with the drug's own source first; a lesser category is not;
  a pair of two such drugs is one finding;
- a drug whose label advises against a benzodiazepine by injection when it is given by some
  routes (``parenteral_benzodiazepine_not_recommended``) is flagged only by those routes and
  only beside a benzodiazepine given IV, IM or SC.

The rows in the tiny files are this file's own; they are not clinical figures.
"""

from __future__ import annotations

from pathlib import Path

from mpsdose.model.findings import Finding, Severity
from tests.checking import found as _found
from tests.checking import header
from tests.checking import knowledge_with as _knowledge
from tests.checking import of as _of

QT = header("drug_properties") + (
    "domperidone,qt_prolonging_contraindicated,known,Test domperidone label [P],P,\n"
    "haloperidol,qt_risk,known,Test [P],P,\n"
    "olanzapine,qt_risk,conditional,Test [P],P,\n")


def _qt(tmp_path: Path, properties: str, items: list[str]) -> list[Finding]:
    k = _knowledge(tmp_path, drug_properties=properties)
    return _of(_found(items, knowledge=k), "qt-prolonging-contraindicated")


# -- a drug contraindicated with QT-prolonging drugs ------------------------------------------------
def test_a_known_risk_drug_beside_it_is_a_warning_with_its_own_source_first(tmp_path):
    found = _qt(tmp_path, QT, ["domperidone 10 mg po tid", "haloperidol 1.5 mg po at night"])
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "haloperidol" in found[0].message and "contraindicated" in found[0].message
    assert found[0].source.startswith("Test domperidone label")


def test_a_lesser_category_than_the_source_names_is_not_flagged(tmp_path):
    assert not _qt(tmp_path, QT, ["domperidone 10 mg po tid", "olanzapine 5 mg po at night"])
    wider = QT.replace("contraindicated,known,", "contraindicated,known conditional,")
    assert len(_qt(tmp_path, wider,
                   ["domperidone 10 mg po tid", "olanzapine 5 mg po at night"])) == 1


def test_either_drug_alone_or_without_the_property_is_silent(tmp_path):
    assert not _qt(tmp_path, QT, ["domperidone 10 mg po tid"])
    assert not _qt(tmp_path, QT, ["haloperidol 1.5 mg po at night"])
    without = QT.replace(
        "domperidone,qt_prolonging_contraindicated,known,Test domperidone label [P],P,\n", "")
    assert not _qt(tmp_path, without,
                   ["domperidone 10 mg po tid", "haloperidol 1.5 mg po at night"])


def test_a_pair_whose_two_drugs_both_carry_the_property_is_one_finding(tmp_path):
    both = QT + ("citalopram,qt_prolonging_contraindicated,known,Test citalopram label [P],P,\n"
                 "citalopram,qt_risk,known,Test [P],P,\n"
                 "domperidone,qt_risk,known,Test [P],P,\n")
    found = _qt(tmp_path, both, ["citalopram 20 mg po daily", "domperidone 10 mg po tid"])
    assert len(found) == 1
    # a third drug of the category is still named, once
    found = _qt(tmp_path, both, ["citalopram 20 mg po daily", "domperidone 10 mg po tid",
                                 "haloperidol 1.5 mg po at night"])
    assert sum("haloperidol" in f.message for f in found) == 2  # by each drug's own source
    assert len(found) == 2


# -- an injection whose label advises against a parenteral benzodiazepine --------------------------
BENZO = header("drug_properties") + (
    "olanzapine,parenteral_benzodiazepine_not_recommended,im,Test olanzapine injection [P],P,\n")


def _benzo(tmp_path: Path, properties: str, items: list[str]) -> list[Finding]:
    k = _knowledge(tmp_path, drug_properties=properties)
    return _of(_found(items, knowledge=k), "parenteral-benzodiazepine-not-recommended")


def test_the_named_route_beside_an_injected_benzodiazepine_is_a_warning(tmp_path):
    for benzodiazepine in ("lorazepam 2 mg iv q4h prn", "midazolam 2.5 mg sc q1h prn"):
        found = _benzo(tmp_path, BENZO, ["olanzapine 10 mg im once daily", benzodiazepine])
        assert [f.severity for f in found] == [Severity.WARNING], benzodiazepine
        assert found[0].source.startswith("Test olanzapine injection")


def test_another_route_of_the_drug_or_an_oral_benzodiazepine_is_not_flagged(tmp_path):
    assert not _benzo(tmp_path, BENZO,
                      ["olanzapine 10 mg po at night", "lorazepam 2 mg iv q4h prn"])
    assert not _benzo(tmp_path, BENZO,
                      ["olanzapine 10 mg im once daily", "lorazepam 1 mg po at night"])
    without = header("drug_properties")
    assert not _benzo(tmp_path, without,
                      ["olanzapine 10 mg im once daily", "lorazepam 2 mg iv q4h prn"])
