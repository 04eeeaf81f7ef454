"""Generated FHIR documents: a clean refusal or a correct reading, never a traceback.

Three kinds of input: resource shapes whose every part may be of the wrong type or absent
(the shapes EHRs really send, and worse); well-formed orders whose daily amount is computed here
independently and must match; and the real documents of ``tests/data/fhir`` with random parts
replaced or removed.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from mpsdose.io.fhir import FhirReading, read_cds_request, read_fhir
from mpsdose.model.errors import MpsdoseError

RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
CORPUS = sorted((Path(__file__).parent / "data" / "fhir").rglob("*.json"))
CORPUS = [p for p in CORPUS if p.name != "expected.json"]

#: Anything JSON can hold, small.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**30, 10**30)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8),
                                                                      children, max_size=3),
    max_leaves=8)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """The value, or something of the wrong type, or nothing."""
    return st.one_of(strategy, strategy, strategy, json_values)


numbers = st.one_of(st.integers(-3, 10**6), st.floats(-1, 1e6, allow_nan=False),
                    st.just(0), st.just(10**400), st.text(max_size=4))
units = st.sampled_from(["mg", "g", "ug", "mcg", "mL", "TAB", "{tablet}", "tablet", "tbl",
                         "patch", "{patch}", "film", "ea", "1", "", "U", "mg/kg", "mg/h", "ug/h",
                         "mg/d", "ug/min", "drop", "{Capsule}", "428673006", "hours", "d", "h",
                         "wk", "mo", "a", "min", "s", "{dose}"])
quantities = st.fixed_dictionaries({}, optional={"value": maybe(numbers), "unit": maybe(units),
                                                 "code": maybe(units),
                                                 "system": st.just("http://unitsofmeasure.org")})
ratios = st.fixed_dictionaries({}, optional={"numerator": maybe(quantities),
                                             "denominator": maybe(quantities)})
repeats = st.fixed_dictionaries({}, optional={
    "frequency": maybe(numbers), "frequencyMax": maybe(numbers), "period": maybe(numbers),
    "periodMax": maybe(numbers), "periodUnit": maybe(units), "count": maybe(numbers),
    "timeOfDay": maybe(st.lists(st.text(max_size=8), max_size=3)),
    "when": maybe(st.lists(st.sampled_from(["HS", "MORN", "ACM", "x"]), max_size=3)),
    "dayOfWeek": maybe(st.lists(st.sampled_from(["mon", "tue"]), max_size=3)),
    "boundsDuration": maybe(quantities),
    "boundsPeriod": maybe(st.fixed_dictionaries({}, optional={
        "start": st.text(max_size=12), "end": st.text(max_size=12)}))})
concepts = st.fixed_dictionaries({}, optional={
    "text": maybe(st.sampled_from(["oxycodone 5 MG Oral Tablet", "Percocet 5/325",
                                   "72 HR fentanyl 0.075 MG/HR Transdermal System", "morphine",
                                   "Tylenol PM", ".5 MG", "x 1e400 MG"])),
    "coding": maybe(st.lists(st.fixed_dictionaries({}, optional={
        "system": st.sampled_from([RXNORM, "http://hl7.org/fhir/sid/ndc",
                                   "http://snomed.info/sct"]),
        "code": maybe(st.sampled_from(["7804", "197696", "1049640", "10544-0591-20", "BID",
                                       "Q4H", "26643006", "1"])),
        "display": maybe(st.text(max_size=20))}), max_size=3))})
dosages = st.fixed_dictionaries({}, optional={
    "sequence": maybe(numbers), "text": maybe(st.text(max_size=30)),
    "timing": maybe(st.fixed_dictionaries({}, optional={"repeat": maybe(repeats),
                                                        "code": maybe(concepts)})),
    "asNeededBoolean": maybe(st.booleans()), "asNeededCodeableConcept": maybe(concepts),
    "route": maybe(concepts),
    "doseAndRate": maybe(st.lists(st.fixed_dictionaries({}, optional={
        "doseQuantity": maybe(quantities),
        "doseRange": maybe(st.fixed_dictionaries({}, optional={"low": quantities,
                                                               "high": quantities})),
        "rateQuantity": maybe(quantities), "rateRatio": maybe(ratios),
        "type": maybe(concepts)}), max_size=3)),
    "maxDosePerPeriod": maybe(ratios), "doseQuantity": maybe(quantities)})
medications = st.fixed_dictionaries({"resourceType": st.just("Medication"),
                                     "id": st.just("m")}, optional={
    "code": maybe(concepts), "form": maybe(concepts),
    "ingredient": maybe(st.lists(st.fixed_dictionaries({}, optional={
        "itemCodeableConcept": maybe(concepts), "strength": maybe(ratios)}), max_size=3))})
#: Mostly plausible parts (so that most generated orders are read), sometimes anything.
plausible_dosages = st.fixed_dictionaries({
    "timing": maybe(st.fixed_dictionaries({"repeat": maybe(st.fixed_dictionaries({
        "frequency": maybe(st.integers(1, 6)), "period": maybe(st.sampled_from([4, 6, 8, 1])),
        "periodUnit": maybe(st.sampled_from(["h", "d", "hours", "wk"]))}))})),
    "doseAndRate": maybe(st.lists(st.fixed_dictionaries({"doseQuantity": maybe(
        st.fixed_dictionaries({"value": maybe(st.sampled_from([1, 2, 0.5, 10, 0, -1])),
                               "code": maybe(st.sampled_from(["mg", "TAB", "mL", "{patch}"])
                                             | units)}))}), min_size=1, max_size=2))},
    optional={"asNeededBoolean": st.booleans(), "maxDosePerPeriod": maybe(ratios),
              "sequence": st.integers(1, 3), "text": st.sampled_from(["daily", "q4h", "x"])})
orders = st.fixed_dictionaries({
    "resourceType": st.sampled_from(["MedicationRequest", "MedicationStatement"]),
    "status": maybe(st.sampled_from(["active"] * 5 + ["draft", "completed", "stopped",
                                                      "on-hold", "entered-in-error",
                                                      "unknown", "intended"])),
    "intent": maybe(st.sampled_from(["order"] * 5 + ["plan", "proposal"])),
    "medicationCodeableConcept": maybe(st.one_of(st.fixed_dictionaries({"text": st.sampled_from(
        ["oxycodone hydrochloride 5 MG Oral Tablet", "Percocet 5/325", "morphine 10 MG/ML",
         "72 HR fentanyl 0.025 MG/HR Transdermal System"])}), concepts)),
    "dosageInstruction": maybe(st.lists(st.one_of(plausible_dosages, dosages), min_size=1,
                                        max_size=3)),
}, optional={
    "id": maybe(st.text(max_size=8)),
    "doNotPerform": maybe(st.booleans()),
    "medicationReference": maybe(st.fixed_dictionaries({}, optional={
        "reference": st.sampled_from(["#m", "Medication/m", "urn:uuid:x", "#nothing"]),
        "display": st.text(max_size=20)})),
    "contained": maybe(st.lists(medications, max_size=2)),
    "dosage": maybe(st.lists(st.one_of(plausible_dosages, dosages), max_size=3))})
documents = st.one_of(
    orders,
    st.fixed_dictionaries({"resourceType": st.just("Bundle")}, optional={
        "type": maybe(st.sampled_from(["collection", "searchset"])),
        "entry": maybe(st.lists(st.fixed_dictionaries({}, optional={
            "resource": maybe(st.one_of(orders, medications, st.fixed_dictionaries({
                "resourceType": st.sampled_from(["Patient", "Observation", "Composition"])},
                optional={"birthDate": maybe(st.text(max_size=10)),
                          "valueQuantity": maybe(quantities), "code": maybe(concepts)}))),
            "fullUrl": st.sampled_from(["urn:uuid:x", "Medication/m"])}), max_size=4))}),
    st.fixed_dictionaries({"hook": st.just("order-sign")}, optional={
        "context": maybe(st.fixed_dictionaries({}, optional={
            "draftOrders": maybe(st.fixed_dictionaries({"resourceType": st.just("Bundle")},
                                                       optional={"entry": maybe(st.lists(
                                                           st.fixed_dictionaries(
                                                               {"resource": orders}),
                                                           max_size=2))}))})),
        "prefetch": maybe(st.dictionaries(st.text(max_size=5),
                                          st.none() | orders | st.fixed_dictionaries(
                                              {"resource": orders}), max_size=2))}),
    json_values)


def check_reading(reading: FhirReading) -> None:
    """What every reading must be: JSON-serialisable, finite, only orders in force totalled."""
    json.dumps(reading.to_json(), allow_nan=False)
    counted = [item for order in reading.orders if order.counts for item in order.items]
    assert list(reading.regimen.items) == counted
    for item in reading.regimen.items:
        for ingredient in item.ingredients:
            daily = item.daily(ingredient)
            assert daily is None or (math.isfinite(daily) and daily > 0), item
        str(item)  # an item always has a text to show
    for order in reading.orders:
        if not order.counts:
            assert order.items == ()
        assert order.resource in {f.item for f in order.findings} | {order.resource}


@given(documents)
def test_any_document_is_read_or_refused_cleanly(document):
    try:
        reading = read_fhir(document)
    except MpsdoseError as error:  # a FhirError, or the API boundary's ArgumentError
        assert str(error)
        return
    check_reading(reading)


@given(st.sampled_from(CORPUS), st.data())
def test_real_documents_with_parts_broken(path, data):
    document = json.loads(path.read_text(encoding="utf-8"))
    for _ in range(data.draw(st.integers(1, 4))):
        document = _mutate(document, data)
    try:
        reading = read_cds_request(document) if isinstance(document, dict) and (
            "resourceType" not in document) else read_fhir(document)
    except MpsdoseError:  # a FhirError, or the API boundary's ArgumentError
        return
    check_reading(reading)


def _mutate(value: Any, data: st.DataObject) -> Any:
    """Replace or delete one part of a JSON tree, at a random depth."""
    if isinstance(value, dict) and value and data.draw(st.integers(0, 3)):
        key = data.draw(st.sampled_from(sorted(value)))
        copy = dict(value)
        if data.draw(st.booleans()):
            copy[key] = _mutate(copy[key], data)
        elif data.draw(st.booleans()):
            del copy[key]
        else:
            copy[key] = data.draw(json_values)
        return copy
    if isinstance(value, list) and value and data.draw(st.integers(0, 3)):
        index = data.draw(st.integers(0, len(value) - 1))
        copy = list(value)
        copy[index] = _mutate(copy[index], data)
        return copy
    return data.draw(json_values)


#: Single-ingredient products written the RxNorm way, and their strength per unit [mg].
PRODUCTS = [("oxycodone hydrochloride 5 MG Oral Tablet", "oxycodone", 5.0),
            ("morphine sulfate 15 MG Oral Tablet", "morphine", 15.0),
            ("hydromorphone hydrochloride 2 MG Oral Tablet", "hydromorphone", 2.0),
            ("acetaminophen 500 MG Oral Tablet", "acetaminophen", 500.0),
            ("tramadol hydrochloride 50 MG Oral Tablet", "tramadol", 50.0)]


@given(st.sampled_from(PRODUCTS), st.integers(1, 3), st.integers(1, 4),
       st.sampled_from([4, 6, 8, 12, 24]), st.booleans(),
       st.sampled_from(["TAB", "{tablet}", "tablet", "tbl", None]))
def test_a_well_formed_order_is_read_right(product, count, frequency, hours, prn, unit):
    name, drug, strength = product
    assume(frequency * 24 / hours <= 24)
    quantity: dict[str, Any] = {"value": count}
    if unit is not None:
        quantity |= {"unit": unit, "code": unit}
    order = {"resourceType": "MedicationRequest", "id": "g", "status": "active",
             "intent": "order", "medicationCodeableConcept": {"text": name},
             "dosageInstruction": [{"asNeededBoolean": prn, "timing": {"repeat": {
                 "frequency": frequency, "period": hours, "periodUnit": "h"}},
                 "doseAndRate": [{"doseQuantity": quantity}]}]}
    (item,) = read_fhir(order).regimen.items
    assert item.drug.name == drug and item.prn is prn
    expected = count * strength * frequency * 24 / hours  # an independent computation
    assert math.isclose(item.daily(), expected, rel_tol=1e-9)
