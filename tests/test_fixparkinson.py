"""A Parkinson's disease condition for ``check`` (fixparkinson; audit finding 10).

- ``parkinsons-disease`` is a condition, read also as ``parkinson``, ``parkinsons``,
  ``parkinson's disease``, ``Parkinson disease`` and ``Morbus Parkinson``.
- Metoclopramide (the EU-harmonised SmPC 4.3, the Swiss and French labels: "Parkinson's disease")
  and haloperidol (the Haldol label: "Parkinson-Syndrom") are contraindicated in it: an error,
  ``condition-contraindicated``, by every route and dose, and at any age; without the condition,
  nothing is said about it. Other dopamine antagonists are not flagged: no label text for them was
  read, and the Beers Criteria's Table 3 ("avoid") was not seen this session.
- A drug may have several ``contraindicated_conditions`` rows, each with its own source: each row
  the patient meets gives its own finding with that row's source (metoclopramide with bowel
  obstruction and Parkinson's disease: two findings, two sources); a row the patient does not
  meet gives none.
"""

from __future__ import annotations

import pytest

from mpsdose import Knowledge, Patient, check, parse_item
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.vocabulary import CONDITIONS, parse_condition

CODE = "condition-contraindicated"


def _run(items: str, conditions: tuple[str, ...] = (), **patient: object) -> list[Finding]:
    person = Patient(**{"age": 70, "weight_kg": 65, "crcl_ml_min": 80,  # type: ignore[arg-type]
                        "hepatic": "none", "conditions": conditions, **patient})
    return check([parse_item(text) for text in items.split(" | ")], person)


def _coded(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.code == CODE]


# -- the condition and its spellings --------------------------------------------------------------

def test_parkinsons_disease_is_a_condition():
    assert "parkinsons-disease" in CONDITIONS


@pytest.mark.parametrize("spelling", ["parkinsons-disease", "parkinson", "parkinsons", "Parkinson",
                                      "parkinson's disease", "Parkinson's Disease",
                                      "parkinson disease", "parkinsons disease",
                                      "parkinson's", "Morbus Parkinson"])
def test_the_spellings_of_parkinsons_disease(spelling):
    assert parse_condition(spelling) == "parkinsons-disease"


@pytest.mark.parametrize("spelling", ["parkinsonism", "pd", "lewy body dementia"])
def test_other_movement_disorders_are_not_read_as_parkinsons_disease(spelling):
    with pytest.raises(ValueError, match="unknown condition"):
        parse_condition(spelling)


# -- the label contraindications ------------------------------------------------------------------

ORDERS = [
    "metoclopramide 10 mg po tid",
    "metoclopramide 30 mg/day sc continuous",
    "metoclopramide 10 mg iv once",
    "haloperidol 1 mg po at night",
    "haloperidol 2.5 mg/day sc continuous",
    "haloperidol 0.5 mg sc q4h prn max 4/day",
]


@pytest.mark.parametrize("order", ORDERS)
def test_a_dopamine_antagonist_its_label_contraindicates_is_an_error_in_parkinsons(order):
    found = _coded(_run(order, conditions=("parkinsons-disease",)))
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "Parkinson's disease" in found[0].message


@pytest.mark.parametrize("order", ORDERS)
def test_without_the_condition_nothing_is_said_of_it(order):
    found = _run(order)
    assert not _coded(found)
    assert not any("Parkinson" in f.message for f in found)


@pytest.mark.parametrize("age", [30, 64, 65, 90])
def test_the_contraindication_holds_at_any_age(age):
    found = _coded(_run("haloperidol 1 mg po at night", conditions=("parkinsons-disease",),
                        age=age))
    assert [f.severity for f in found] == [Severity.ERROR]


@pytest.mark.parametrize("setting", ["end-of-life", "hospice", "palliative"])
def test_the_contraindication_does_not_step_down_in_palliative_settings(setting):
    # a label's contraindication is not one of the Beers rules whose source excludes hospice care
    found = _coded(_run("metoclopramide 10 mg sc q8h", conditions=("parkinsons-disease",),
                        setting=setting))
    assert [f.severity for f in found] == [Severity.ERROR]


@pytest.mark.parametrize("order", ["quetiapine 25 mg po at night", "ondansetron 8 mg po bid",
                                   "domperidone 10 mg po tid", "cyclizine 50 mg po tid",
                                   "morphine 5 mg po q4h"])
def test_drugs_no_label_contraindicates_in_parkinsons_stay_quiet(order):
    assert not _coded(_run(order, conditions=("parkinsons-disease",)))


def test_another_condition_does_not_raise_the_parkinsons_row():
    found = _coded(_run("haloperidol 1 mg po at night", conditions=("heart-failure",)))
    assert not found


# -- several contraindicated conditions for one drug ----------------------------------------------

def test_metoclopramide_has_two_contraindication_rows_each_with_its_own_source():
    rows = Knowledge.default().drug_properties.all("metoclopramide", "contraindicated_conditions")
    values = [value for value, _ in rows]
    assert "bowel-obstruction" in values and "parkinsons-disease" in values
    assert len({source for _, source in rows}) == len(rows)


def test_the_first_row_is_still_the_default_of_get():
    props = Knowledge.default().drug_properties
    first = props.all("metoclopramide", "contraindicated_conditions")[0]
    assert props.get("metoclopramide", "contraindicated_conditions") == first
    assert props.all("morphine", "contraindicated_conditions") == ()


def test_both_conditions_give_two_findings_each_naming_its_own_source():
    k = Knowledge.default()
    sources = dict(k.drug_properties.all("metoclopramide", "contraindicated_conditions"))
    found = _coded(_run("metoclopramide 10 mg po tid",
                        conditions=("bowel-obstruction", "parkinsons-disease")))
    assert [f.severity for f in found] == [Severity.ERROR, Severity.ERROR]
    by_condition = {("Parkinson" in f.message): f.source for f in found}
    assert by_condition[True] == sources["parkinsons-disease"]
    assert by_condition[False] == sources["bowel-obstruction"]
    assert by_condition[True] != by_condition[False]


@pytest.mark.parametrize(("conditions", "expected"), [
    (("bowel-obstruction",), ["bowel"]),
    (("parkinsons-disease",), ["Parkinson"]),
    (("partial-bowel-obstruction",), []),  # palliative guidance gives it there
    (("partial-bowel-obstruction", "parkinsons-disease"), ["Parkinson"]),
])
def test_each_row_is_met_on_its_own(conditions, expected):
    found = _coded(_run("metoclopramide 10 mg po tid", conditions=conditions))
    assert len(found) == len(expected)
    for f, word in zip(found, expected, strict=True):
        assert word in f.message


def test_two_drugs_in_parkinsons_are_each_flagged():
    found = _coded(_run("metoclopramide 10 mg po tid | haloperidol 1 mg po at night",
                        conditions=("parkinsons-disease",)))
    assert sorted(f.message.split()[0] for f in found) == ["haloperidol", "metoclopramide"]
