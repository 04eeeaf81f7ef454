"""FHIR R4 medication orders in and out (fhir.resources)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given

pytest.importorskip("fhir.resources")

from mpsdose import Regimen, load, oral_morphine_equivalent
from mpsdose.cli import main
from mpsdose.io.fhir import FhirError, doses_per_day, regimen_from_fhir, regimen_to_fhir
from tests.strategies import regimens

RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"


def request(rid="mr1", *, medication=None, dosage=None, **extra):
    resource = {
        "resourceType": "MedicationRequest", "id": rid, "status": "active", "intent": "order",
        "subject": {"reference": "Patient/1"},
        "medicationCodeableConcept": medication or {
            "coding": [{"system": RXNORM, "code": "1049593",
                        "display": "oxycodone hydrochloride 60 MG 12 HR Extended Release Oral "
                                   "Tablet"}]},
        "dosageInstruction": [dosage if dosage is not None else {
            "timing": {"repeat": {"frequency": 1, "period": 12, "periodUnit": "h"}},
            "doseAndRate": [{"doseQuantity": {"value": 10, "unit": "mg",
                                              "system": "http://unitsofmeasure.org",
                                              "code": "mg"}}]}],
    }
    resource.update(extra)
    return resource


def test_a_medication_request_by_product_display():
    (item,) = regimen_from_fhir(request()).items
    assert item.drug.name == "oxycodone"
    assert item.daily() == pytest.approx(20)  # 10 mg every 12 h


def test_a_patch_by_count_and_product_strength():
    # CDC calculator test "patient-mme-greater-than-fifty": 1 {patch} of "72 HR Fentanyl
    # 0.075 MG/HR Transdermal System" every 3 days → 75 mcg/h → 180 MME/day (2.4 per mcg/h)
    resource = request(
        medication={"coding": [{"system": RXNORM, "code": "197696",
                                "display": "72 HR Fentanyl 0.075 MG/HR Transdermal System"}]},
        dosage={"timing": {"repeat": {"frequency": 1, "period": 3, "periodUnit": "d"}},
                "route": {"coding": [{"system": "http://snomed.info/sct", "code": "45890007"}]},
                "doseAndRate": [{"doseQuantity": {"value": 1, "unit": "patch",
                                                  "system": "http://unitsofmeasure.org",
                                                  "code": "{patch}"}}]})
    regimen = regimen_from_fhir(resource)
    assert oral_morphine_equivalent(regimen, "cdc2022").scheduled.value == pytest.approx(180)


def test_prn_with_frequency_max_and_dose_range_high():
    resource = request(dosage={
        "asNeededBoolean": True,
        "timing": {"repeat": {"frequency": 1, "frequencyMax": 2, "period": 4, "periodUnit": "h"}},
        "doseAndRate": [{"doseRange": {"low": {"value": 5, "code": "mg"},
                                       "high": {"value": 10, "code": "mg"}}}]})
    (item,) = regimen_from_fhir(resource).items
    assert item.prn
    assert item.daily() == pytest.approx(10 * 12)  # most aggressive: 10 mg, 2 per 4 h


@pytest.mark.parametrize(("repeat", "expected"), [
    ({"frequency": 2, "period": 4, "periodUnit": "h"}, 12),
    ({"frequency": 1, "period": 30, "periodUnit": "min"}, 48),
    ({"frequency": 1, "period": 30, "periodUnit": "s"}, 2880),
    ({"frequency": 4, "period": 1, "periodUnit": "d"}, 4),
    ({"frequency": 2, "period": 1, "periodUnit": "wk"}, 2 / 7),
    ({"frequency": 10, "period": 1, "periodUnit": "mo"}, 10 / 30),
    ({"frequency": 10, "period": 1, "periodUnit": "a"}, 10 / 365),
    ({"timeOfDay": ["08:00:00", "20:00:00"]}, 2),
    ({"frequency": 10, "period": 1, "periodUnit": "mg"}, None),
], ids=["h", "min", "s", "d", "wk", "mo", "a", "timeOfDay", "not a time"])
def test_timing_to_doses_per_day(repeat, expected):
    # the CDC MME calculator's own frequency vectors (mo = 30 d, a = 365 d)
    got = doses_per_day(repeat)
    assert got == (None if expected is None else pytest.approx(expected, rel=1e-6))


MALFORMED = [
    ("missing dose", request(dosage={"timing": {"repeat": {"frequency": 1, "period": 1,
                                                           "periodUnit": "d"}}}),
     "doseAndRate"),
    ("unknown unit", request(dosage={
        "timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": "d"}},
        "doseAndRate": [{"doseQuantity": {"value": 10, "code": "[iU]"}}]}), "doseQuantity"),
    ("bad period unit", request(dosage={
        "timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": "mg"}},
        "doseAndRate": [{"doseQuantity": {"value": 10, "code": "mg"}}]}), "periodUnit"),
    ("no timing", request(dosage={"doseAndRate": [{"doseQuantity": {"value": 10,
                                                                     "code": "mg"}}]}),
     "timing"),
    ("unknown drug", request(medication={"text": "unobtainium 10 MG Oral Tablet"}),
     "medicationCodeableConcept"),
    ("wrong resourceType", {"resourceType": "Observation", "id": "obs1"}, "resourceType"),
]


@pytest.mark.parametrize(("name", "resource", "field"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_resources_name_the_resource_and_field(name, resource, field):
    with pytest.raises(FhirError) as caught:
        regimen_from_fhir(resource)
    message = str(caught.value)
    assert resource["id"] in message
    assert field in message


def test_a_bundle_and_a_statement():
    statement = request("ms1")
    statement["resourceType"] = "MedicationStatement"
    statement["dosage"] = statement.pop("dosageInstruction")
    del statement["intent"]
    statement["status"] = "active"
    bundle = {"resourceType": "Bundle", "type": "collection",
              "entry": [{"resource": request("mr1")}, {"resource": statement}]}
    assert len(regimen_from_fhir(bundle).items) == 2


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
                                "entry": [{"resource": request()}]}))
    result = runner.invoke(main, ["total", "-f", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["total_ome_mg_per_day"] == pytest.approx(30)
    assert isinstance(load(path), Regimen)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(request(dosage={"doseAndRate": [{"doseQuantity": {"value": 1}}]})))
    result = runner.invoke(main, ["total", "-f", str(bad)])
    assert result.exit_code == 2 and "MedicationRequest/mr1" in result.stderr
