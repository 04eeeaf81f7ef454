"""FHIR R4 medication orders in and out: each rule of the reader on a small resource of its own.

Real documents written by others are in ``tests/test_fhir_corpus.py``; generated ones in
``tests/test_fhir_fuzz.py``.
"""

from __future__ import annotations

import datetime
import json
import pickle

import pytest
from hypothesis import given

from mpsdose import Regimen, load, oral_morphine_equivalent
from mpsdose.cli import main
from mpsdose.io.fhir import (
    FhirError,
    doses_per_day,
    read_cds_request,
    read_fhir,
    regimen_from_fhir,
    regimen_to_fhir,
)
from tests.strategies import regimens

RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
UCUM = "http://unitsofmeasure.org"
OXYCODONE_ER_60 = {"coding": [{"system": RXNORM, "code": "1049593",
                               "display": "oxycodone hydrochloride 60 MG 12 HR Extended Release "
                                          "Oral Tablet"}]}


def mg(value):
    return {"value": value, "unit": "mg", "system": UCUM, "code": "mg"}


def every(hours):
    return {"repeat": {"frequency": 1, "period": hours, "periodUnit": "h"}}


def request(rid="mr1", *, medication=None, dosage=None, status="active", **extra):
    resource = {
        "resourceType": "MedicationRequest", "id": rid, "status": status, "intent": "order",
        "subject": {"reference": "Patient/1"},
        "medicationCodeableConcept": medication or OXYCODONE_ER_60,
        "dosageInstruction": [dosage if dosage is not None else {
            "timing": every(12), "doseAndRate": [{"doseQuantity": mg(10)}]}],
    }
    resource.update(extra)
    return resource


def only_item(document, **kwargs):
    (item,) = read_fhir(document, **kwargs).regimen.items
    return item


def codes(reading):
    return {finding.code for finding in reading.findings}


# -- the medication -----------------------------------------------------------------------------
def test_a_product_code_gives_the_drug_and_strength():
    item = only_item(request(dosage={"timing": every(12), "doseAndRate": [{"doseQuantity": {
        "value": 1, "unit": "TAB", "system": "http://terminology.hl7.org/CodeSystem/"
                                             "v3-orderableDrugForm", "code": "TAB"}}]}))
    assert item.drug.name == "oxycodone"
    assert item.daily() == pytest.approx(120)  # 1 tablet of 60 mg every 12 h
    assert item.release == "er"


def test_a_patch_by_count_and_product_strength():
    # CDC calculator test "patient-mme-greater-than-fifty": 1 {patch} of "72 HR Fentanyl
    # 0.075 MG/HR Transdermal System" every 3 days → 75 mcg/h → 180 MME/day (2.4 per mcg/h)
    resource = request(
        medication={"coding": [{"system": RXNORM, "code": "197696",
                                "display": "72 HR Fentanyl 0.075 MG/HR Transdermal System"}]},
        dosage={"timing": {"repeat": {"frequency": 1, "period": 3, "periodUnit": "d"}},
                "doseAndRate": [{"doseQuantity": {"value": 1, "unit": "patch"}}]})
    regimen = regimen_from_fhir(resource)
    assert regimen.items[0].route.value == "transdermal"  # from the dose form
    assert oral_morphine_equivalent(regimen, "cdc2022").scheduled.value == pytest.approx(180)


@pytest.mark.parametrize("name", ["Acetaminophen 325 MG / tramadol hydrochloride 37.5 MG Oral "
                                  "Tablet [Ultracet]", "Ultracet 37.5/325"])
def test_a_combination_by_name(name):
    item = only_item(request(medication={"text": name}, dosage={
        "timing": every(6), "doseAndRate": [{"doseQuantity": {"value": 2, "code": "{tablet}"}}]}))
    daily = {i.drug.name: item.daily(i) for i in item.ingredients}
    assert daily == {"tramadol": pytest.approx(300), "acetaminophen": pytest.approx(2600)}


def test_a_combination_by_rxnorm_code():
    # RxCUI 1049640: acetaminophen 325 MG / oxycodone hydrochloride 5 MG Oral Tablet [Percocet]
    item = only_item(request(medication={"coding": [{"system": RXNORM, "code": "1049640"}]},
                             dosage={"timing": every(4), "asNeededBoolean": True,
                                     "doseAndRate": [{"doseQuantity": {"value": 1,
                                                                       "code": "TAB"}}]}))
    daily = {i.drug.name: item.daily(i) for i in item.ingredients}
    assert item.prn and daily == {"acetaminophen": pytest.approx(1950),
                                  "oxycodone": pytest.approx(30)}


def test_a_multi_ingredient_liquid_by_volume():
    # CDS Hooks order-select example: 5 mL of amoxicillin 120 mg/mL + clavulanate 8.58 mg/mL bid
    item = only_item(request(
        medication={"coding": [{"system": RXNORM, "code": "617993",
                                "display": "Amoxicillin 120 MG/ML / clavulanate potassium 8.58 "
                                           "MG/ML Oral Suspension"}]},
        dosage={"timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}},
                "doseAndRate": [{"doseQuantity": {"value": 5, "unit": "mL", "code": "mL"}}]}))
    assert [item.daily(i) for i in item.ingredients] == [pytest.approx(1200),
                                                         pytest.approx(85.8)]
    assert not item.listed  # neither is a drug of the catalogue: shown, not totalled


def test_a_contained_medication_with_an_ingredient_outside_the_catalogue():
    # HL7 med0309 Tylenol PM: acetaminophen 500 mg + diphenhydramine 25 mg per tablet
    medication = {"resourceType": "Medication", "id": "pm", "ingredient": [
        {"itemCodeableConcept": {"text": "acetaminophen"},
         "strength": {"numerator": mg(500), "denominator": {"value": 1, "code": "Tab"}}},
        {"itemCodeableConcept": {"text": "Diphenhydramine Hydrochloride"},
         "strength": {"numerator": mg(25), "denominator": {"value": 1, "code": "TAB"}}}]}
    resource = request(medication=None, contained=[medication],
                       medicationReference={"reference": "#pm"},
                       dosage={"timing": {"code": {"coding": [{"code": "BED"}]}},
                               "doseAndRate": [{"doseQuantity": {"value": 2, "code": "TAB"}}]})
    del resource["medicationCodeableConcept"]
    reading = read_fhir(resource)
    item = reading.orders[0].dosages[0].item  # the product as written
    assert [d.name for d in item.drugs] == ["acetaminophen", "diphenhydramine"]
    assert [item.daily(i) for i in item.ingredients] == [pytest.approx(1000), pytest.approx(50)]
    assert "fhir-unlisted-drug" in codes(reading)
    # in the regimen, the catalogue's drug apart, so that it is totalled (acetaminophen's max)
    listed, other = reading.regimen.items
    assert (listed.name, listed.listed, listed.daily()) == ("acetaminophen", True,
                                                           pytest.approx(1000))
    assert (other.name, other.listed) == ("diphenhydramine", False)
    with pytest.raises(FhirError, match="diphenhydramine"):
        regimen_from_fhir(resource)  # strict: a drug the catalogue does not know
    assert len(regimen_from_fhir(resource, allow_unlisted=True).items) == 2


def test_medication_text_with_a_leading_decimal_point():
    # issue 14: ".5 mg" was read as 5 mg
    item = only_item(request(medication={"text": "hydromorphone .5 MG Oral Tablet"}, dosage={
        "timing": every(4), "doseAndRate": [{"doseQuantity": {"value": 2, "code": "{tablet}"}}]}))
    assert item.per_dose() == pytest.approx(1.0)


def test_an_ndc_coding_gives_the_product():
    # CDC NDC/MME file 2018, Opioids!9488: 10544059120 OXYCONTIN 10 MG extended-release tablet
    item = only_item(request(medication={"coding": [{"system": "http://hl7.org/fhir/sid/ndc",
                                                     "code": "10544-0591-20"}]},
                             dosage={"timing": every(12), "doseAndRate": [{"doseQuantity": {
                                 "value": 1, "unit": "tablet"}}]}))
    assert (item.drug.name, item.daily()) == ("oxycodone", pytest.approx(20))


def test_a_medication_in_the_bundle_by_urn_uuid():
    medication = {"resourceType": "Medication", "code": {"text": "morphine sulfate 15 MG Oral "
                                                                  "Tablet"}}
    order = request(medication=None, medicationReference={"reference": "urn:uuid:m1"},
                    dosage={"timing": every(4), "doseAndRate": [{"doseQuantity": {
                        "value": 1, "code": "{tablet}"}}]})
    del order["medicationCodeableConcept"]
    bundle = {"resourceType": "Bundle", "type": "document", "entry": [
        {"fullUrl": "urn:uuid:m1", "resource": medication}, {"resource": order}]}
    assert only_item(bundle).daily() == pytest.approx(90)


def test_a_reference_outside_the_document_is_read_by_its_display_or_not_at_all():
    order = request(medication=None, medicationReference={"reference": "Medication/x",
                                                           "display": "oxycodone 5 MG Oral "
                                                                      "Tablet"},
                    dosage={"timing": every(6), "doseAndRate": [{"doseQuantity": {
                        "value": 1, "code": "TAB"}}]})
    del order["medicationCodeableConcept"]
    assert only_item(order).daily() == pytest.approx(20)
    del order["medicationReference"]["display"]
    reading = read_fhir(order)
    assert reading.regimen.items == () and "fhir-medication-not-in-document" in codes(reading)


def test_a_count_unit_that_is_not_the_product_s_form_is_not_read():
    # CDC CDS fixture rec-04: 1 {patch} of an extended-release oxycodone tablet
    reading = read_fhir(request(dosage={"timing": every(72), "doseAndRate": [
        {"doseQuantity": {"value": 1, "code": "{patch}"}}]}))
    (item,) = reading.regimen.items
    assert not item.dose_known and "fhir-dose-unit-not-the-form" in codes(reading)


def test_a_fraction_of_a_patch_is_not_read():
    reading = read_fhir(request(
        medication={"coding": [{"system": RXNORM, "code": "197696"}]},
        dosage={"timing": {"repeat": {"frequency": 1, "period": 12, "periodUnit": "d"}},
                "doseAndRate": [{"doseQuantity": {"value": 0.2, "code": "{patch}"}}]}))
    assert not reading.regimen.items[0].dose_known
    assert "fhir-patch-fraction" in codes(reading)


# -- the dose and timing ------------------------------------------------------------------------
@pytest.mark.parametrize(("repeat", "expected"), [
    ({"frequency": 2, "period": 4, "periodUnit": "h"}, 12),
    ({"frequency": 1, "period": 30, "periodUnit": "min"}, 48),
    ({"frequency": 1, "period": 30, "periodUnit": "s"}, 2880),
    ({"frequency": 4, "period": 1, "periodUnit": "d"}, 4),
    ({"frequency": 2, "period": 1, "periodUnit": "wk"}, 2 / 7),
    ({"frequency": 10, "period": 1, "periodUnit": "mo"}, 10 / 30),
    ({"frequency": 10, "period": 1, "periodUnit": "a"}, 10 / 365),
    ({"frequency": 1, "frequencyMax": 2, "period": 4, "periodMax": 6, "periodUnit": "h"}, 12),
    ({"timeOfDay": ["08:00:00", "20:00:00"]}, 2),
    ({"frequency": 10, "period": 1, "periodUnit": "mg"}, None),
    ({"frequency": 1, "period": 0, "periodUnit": "h"}, None),
], ids=["h", "min", "s", "d", "wk", "mo", "a", "most frequent end", "timeOfDay", "not a time",
        "zero period"])
def test_timing_to_doses_per_day(repeat, expected):
    # the CDC MME calculator's own frequency vectors (mo = 30 d, a = 365 d)
    got = doses_per_day(repeat)
    assert got == (None if expected is None else pytest.approx(expected, rel=1e-6))


def test_a_period_unit_written_as_a_word():
    # issue 14: "hours" without a code counted each hour as a day
    reading = read_fhir(request(dosage={
        "timing": {"repeat": {"frequency": 1, "period": 6, "periodUnit": "hours"}},
        "doseAndRate": [{"doseQuantity": mg(10)}]}))
    assert reading.regimen.items[0].daily() == pytest.approx(40)
    assert "fhir-period-unit-word" in codes(reading)


@pytest.mark.parametrize(("timing", "daily"), [
    ({"code": {"coding": [{"code": "BID"}]}}, 20),
    ({"code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/"
                                     "v3-GTSAbbreviation", "code": "Q6H"}]}}, 40),
    ({"code": {"text": "Q4H"}}, 60),
    ({"code": {"text": "1000 every 24h scheduled"}}, 10),
], ids=["BID", "Q6H", "text Q4H", "text every 24h"])
def test_timing_code(timing, daily):
    item = only_item(request(dosage={"timing": timing, "doseAndRate": [{"doseQuantity": mg(10)}]}))
    assert item.daily() == pytest.approx(daily)


def test_timing_code_text_prn():
    # Epic "Q4H PRN": as needed, at most every 4 h
    item = only_item(request(dosage={"timing": {"code": {"text": "Q4H PRN"}},
                                     "doseAndRate": [{"doseQuantity": mg(5)}]}))
    assert item.prn and item.daily() == pytest.approx(30)


def test_a_dose_range_is_carried_at_both_ends():
    reading = read_fhir(request(dosage={
        "asNeededBoolean": True, "timing": every(4),
        "doseAndRate": [{"doseRange": {"low": {"value": 1, "code": "TAB"},
                                       "high": {"value": 2, "code": "TAB"}}}]}))
    (dosage,) = reading.orders[0].dosages
    assert dosage.item.daily() == pytest.approx(720)  # 2 × 60 mg, 6 a day: the high end
    assert dosage.low.daily() == pytest.approx(360)
    assert "fhir-dose-range" in codes(reading)


@pytest.mark.parametrize(("numerator", "max_per_day"), [
    ({"value": 60, "unit": "mg", "code": "mg"}, 6),  # 60 mg a day of 10 mg doses
    ({"value": 3, "code": "{dose}"}, 3),
    ({"value": 4}, 4),
], ids=["mass", "doses", "no unit"])
def test_max_dose_per_period(numerator, max_per_day):
    # issue 14: a mass numerator ("60 mg per day") was read as 60 doses a day
    item = only_item(request(dosage={
        "asNeededBoolean": True, "timing": every(2),
        "maxDosePerPeriod": {"numerator": numerator,
                             "denominator": {"value": 1, "unit": "d", "code": "d"}},
        "doseAndRate": [{"doseQuantity": mg(10)}]}))
    assert item.max_prn_per_day == pytest.approx(max_per_day)
    assert item.daily() == pytest.approx(10 * max_per_day)


def test_max_dose_per_period_in_tablets_divides_by_tablets_per_dose():
    item = only_item(request(
        medication={"text": "acetaminophen 500 MG Oral Tablet"},
        dosage={"asNeededBoolean": True, "timing": every(4),
                "maxDosePerPeriod": {"numerator": {"value": 8, "unit": "tablets"},
                                     "denominator": {"value": 24, "unit": "h", "code": "h"}},
                "doseAndRate": [{"doseQuantity": {"value": 2, "code": "{tablet}"}}]}))
    assert item.max_prn_per_day == pytest.approx(4) and item.daily() == pytest.approx(4000)


@pytest.mark.parametrize("denominator", [{"value": 0, "code": "d"}, {"code": "d"},
                                         {"value": 1, "code": "mg"}],
                         ids=["zero", "no value", "not a time"])
def test_a_max_dose_that_cannot_be_read_is_reported_not_used(denominator):
    # issue 14: a zero denominator crashed
    reading = read_fhir(request(dosage={
        "asNeededBoolean": True, "timing": every(4),
        "maxDosePerPeriod": {"numerator": {"value": 3}, "denominator": denominator},
        "doseAndRate": [{"doseQuantity": mg(10)}]}))
    assert reading.regimen.items[0].daily() == pytest.approx(60)  # q4h allows 6
    assert "fhir-max-dose-not-read" in codes(reading)


def test_the_route_from_the_dose_form():
    # HL7 medrx0324: a paracetamol suppository with no route element is rectal
    item = only_item(request(medication={"text": "Paracetamol 240mg suppository (product)"},
                             dosage={"timing": every(12), "doseAndRate": [{"doseQuantity":
                                                                            mg(240)}]}))
    assert item.route.value == "rectal" and item.drug.name == "acetaminophen"


def test_a_continuous_infusion_by_volume_rate():
    medication = {"resourceType": "Medication", "id": "bag", "ingredient": [
        {"itemCodeableConcept": {"text": "morphine"},
         "strength": {"numerator": mg(100), "denominator": {"value": 100, "code": "mL"}}}]}
    order = request(medication=None, contained=[medication],
                    medicationReference={"reference": "#bag"},
                    dosage={"route": {"text": "subcutaneous"},
                            "doseAndRate": [{"rateQuantity": {"value": 1, "code": "mL/h"}}]})
    del order["medicationCodeableConcept"]
    item = only_item(order)
    assert item.route.value == "sc" and item.daily() == pytest.approx(24)


def test_text_that_contradicts_the_timing_is_not_totalled():
    # HL7 medrx0302 step 2: "One tablet daily for 4 days" over frequency 4 per day
    reading = read_fhir(request(dosage={
        "text": "One tablet daily for 4 days",
        "timing": {"repeat": {"frequency": 4, "period": 1, "periodUnit": "d"}},
        "doseAndRate": [{"doseQuantity": mg(10)}]}))
    assert not reading.regimen.items[0].dose_known
    assert "fhir-text-disagrees" in codes(reading)


def test_steps_in_sequence_are_not_summed():
    # HL7 medrx0303: a prednisone taper in three steps
    steps = [{"sequence": n, "timing": {"repeat": {
        "frequency": 1, "period": 1, "periodUnit": "d",
        "boundsPeriod": {"start": start, "end": end}}},
        "doseAndRate": [{"doseQuantity": mg(dose)}]}
        for n, dose, start, end in ((1, 20, "2015-01-16", "2015-01-20"),
                                    (2, 10, "2015-01-23", "2015-01-30"),
                                    (3, 5, "2015-01-31", "2015-02-06"))]
    order = request(medication={"text": "prednisone"})
    order["dosageInstruction"] = steps
    assert [i.daily() for i in read_fhir(order).regimen.items] == [pytest.approx(20)]
    reading = read_fhir(order, as_of=datetime.date(2015, 1, 25))
    assert [i.daily() for i in reading.regimen.items] == [pytest.approx(10)]
    assert "fhir-dosage-steps" in codes(reading)
    order["dosageInstruction"] = [{**step, "sequence": 1} for step in steps]  # together
    assert sum(i.daily() for i in read_fhir(order).regimen.items) == pytest.approx(35)


def test_a_dose_per_body_weight_is_not_read():
    reading = read_fhir(request(dosage={"timing": every(6), "doseAndRate": [{"doseQuantity": {
        "value": 0.1, "unit": "mg/kg", "code": "mg/kg"}}]}))
    assert not reading.regimen.items[0].dose_known and "fhir-dose-per-body" in codes(reading)


# -- status and intent ------------------------------------------------------------------------
@pytest.mark.parametrize(("status", "counts"), [
    ("active", True), ("completed", False), ("stopped", False), ("on-hold", False),
    ("cancelled", False), ("entered-in-error", False), ("unknown", False), ("draft", False),
    ("made-up", False)])
def test_only_orders_in_force_count(status, counts):
    # issue 14: entered-in-error and stopped orders were totalled
    reading = read_fhir(request(status=status))
    (order,) = reading.orders
    assert order.counts is counts
    assert bool(reading.regimen.items) is counts
    assert order.dosages[0].item is not None  # read and shown either way
    if not counts:
        assert status in order.rule


@pytest.mark.parametrize("intent", ["plan", "proposal", "option"])
def test_a_plan_is_not_an_order(intent):
    reading = read_fhir(request(intent=intent))
    assert not reading.orders[0].counts and reading.regimen.items == ()


def test_a_medication_statement_status():
    statement = request("ms1")
    statement["resourceType"] = "MedicationStatement"
    statement["dosage"] = statement.pop("dosageInstruction")
    del statement["intent"]
    assert len(read_fhir(statement).regimen.items) == 1
    statement["status"] = "intended"
    assert read_fhir(statement).regimen.items == ()


# -- documents -----------------------------------------------------------------------------------
def test_a_bundle_reads_its_orders_and_patient_context():
    bundle = {"resourceType": "Bundle", "entry": [
        {"resource": {"resourceType": "Composition", "id": "c"}},
        {"resource": {"resourceType": "Patient", "id": "p", "birthDate": "1950-06-30"}},
        {"resource": {"resourceType": "Observation", "status": "final",
                      "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7"}]},
                      "effectiveDateTime": "2026-01-01",
                      "valueQuantity": {"value": 132, "code": "[lb_av]"}}},
        {"resource": {"resourceType": "Observation", "status": "final",
                      "code": {"coding": [{"system": "http://loinc.org", "code": "62238-1"}]},
                      "valueQuantity": {"value": 25, "code": "mL/min/{1.73_m2}"}}},
        {"resource": request("a")},
        {"resource": request("b", dosage={"timing": every(4), "doseAndRate": [
            {"doseQuantity": {"value": 1, "code": "[iU]"}}]})},
    ]}
    reading = read_fhir(bundle, as_of=datetime.date(2026, 6, 1))
    assert "fhir-bundle-type-missing" in codes(reading)  # a warning, not a refusal
    assert reading.patient.age == 75
    assert reading.patient.weight_kg == pytest.approx(59.87, abs=0.01)
    # an eGFR is reported, not used as the creatinine clearance the limits are written against
    assert reading.patient.crcl_ml_min is None and "fhir-egfr-not-crcl" in codes(reading)
    assert reading.regimen.patient == reading.patient
    first, second = reading.regimen.items
    assert first.daily() == pytest.approx(20)
    assert not second.dose_known  # the unreadable order: named, and never totalled as 0
    unread = [f for f in reading.findings if f.code == "fhir-dose-unit-not-read"]
    assert unread and "MedicationRequest/b" in unread[0].message
    assert "doseQuantity" in unread[0].message


def test_a_cds_hooks_request_draft_and_prefetch():
    draft = request("d1", status="draft")
    on_file = request("f1", medication={"text": "morphine sulfate 15 MG Oral Tablet"},
                      dosage={"timing": every(4), "doseAndRate": [{"doseQuantity": {
                          "value": 1, "code": "TAB"}}]})
    body = {"hook": "order-sign", "context": {"draftOrders": {
        "resourceType": "Bundle", "entry": [{"resource": draft},
                                            {"resource": {"resourceType": "NutritionOrder"}}]}},
            "prefetch": {"meds": {"resourceType": "Bundle", "type": "searchset", "entry": [
                {"resource": on_file}, {"resource": request("d1")}]},
                "patient": {"response": {"status": "200"},
                            "resource": {"resourceType": "Patient", "birthDate": "1940"}},
                "nothing": None}}
    reading = read_cds_request(body, as_of=datetime.date(2026, 1, 1))
    assert [o.resource for o in reading.draft_orders] == ["MedicationRequest/d1"]
    assert [o.resource for o in reading.orders] == ["MedicationRequest/d1",
                                                    "MedicationRequest/f1"]
    assert [round(i.daily(), 6) for i in reading.regimen.items] == [20, 90]
    assert reading.patient.age == 85
    assert {"fhir-bundle-type-missing", "fhir-prefetch-duplicate"} <= codes(reading)
    assert read_fhir(body).regimen.items == reading.regimen.items  # read_fhir hands it over


@pytest.mark.parametrize(("document", "field"), [
    ({"resourceType": "Medication", "id": "m"}, "resourceType"),
    ({"resourceType": "Observation", "id": "obs1"}, "resourceType"),
    ({"id": "x"}, "resourceType"),
], ids=["a Medication alone", "not an order", "no resourceType"])
def test_what_is_not_a_medication_document_is_refused(document, field):
    with pytest.raises(FhirError) as caught:
        read_fhir(document)
    assert field in str(caught.value)
    assert pickle.loads(pickle.dumps(caught.value)).args == caught.value.args


@pytest.mark.parametrize("text", ["{", "[1, 2]", "{" * 100_000])
def test_text_that_is_not_a_json_object(text):
    with pytest.raises(FhirError):
        read_fhir(text)


def test_unknown_drug_is_an_error_unless_unlisted_is_allowed():
    order = request(medication={"text": "unobtainium 10 MG Oral Tablet"})
    with pytest.raises(FhirError) as caught:
        regimen_from_fhir(order)
    assert "MedicationRequest/mr1" in str(caught.value)
    assert "medicationCodeableConcept" in str(caught.value)
    (item,) = regimen_from_fhir(order, allow_unlisted=True).items
    assert item.drug.name == "unobtainium" and not item.listed


def test_to_json_is_json():
    reading = read_fhir(request())
    text = json.dumps(reading.to_json(), allow_nan=False)
    assert '"counts": true' in text


# -- writing and round trips -------------------------------------------------------------------
@given(regimens)
def test_regimen_to_fhir_to_regimen_is_the_identity(regimen):
    back = regimen_from_fhir(regimen_to_fhir(regimen))
    assert back.items == regimen.items


def test_combination_product_round_trip():
    regimen = Regimen.parse(["2 tab percocet 5/325 mg po q6h", "ketorolac 30 mg iv q6h for 5 days",
                             "oxycodone ir 5 mg po q4h prn max 6/day"])
    assert regimen_from_fhir(regimen_to_fhir(regimen)).items == regimen.items


def test_cli_reads_fhir_wherever_a_regimen_file_goes(runner, tmp_path):
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps({"resourceType": "Bundle", "type": "collection",
                                "entry": [{"resource": request()},
                                          {"resource": request("old", status="stopped")}]}))
    result = runner.invoke(main, ["total", "-f", str(path), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["total_ome_mg_per_day"] == pytest.approx(30)  # the stopped order left out
    assert any("MedicationRequest/old" in f["message"] for f in document["findings"])
    assert isinstance(load(path), Regimen)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(request(dosage={"timing": every(4), "doseAndRate": [
        {"doseQuantity": {"value": 1, "unit": "drop"}}]})))
    result = runner.invoke(main, ["total", "-f", str(bad)])
    assert result.exit_code == 0 and "dose unknown" in result.output
    assert "MedicationRequest/mr1" in result.output
    result = runner.invoke(main, ["total", "-f", str(tmp_path / "missing.json")])
    assert result.exit_code == 2
