"""FHIR R4 documents written by others, read as a pharmacist reads them.

The documents are in ``tests/data/fhir/`` (origins and licences in ``tests/data/README.md``);
``tests/data/fhir/expected.json`` is what a pharmacist reads in each, decided by reading the
documents before mpsdose was run on them. ``tests/fhir_judge.py`` gives each document a verdict.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mpsdose.io.fhir import read_cds_request, read_fhir
from tests.fhir_judge import expected_daily, judge_file

HERE = Path(__file__).parent / "data" / "fhir"
EXPECTED = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))

#: Documents mpsdose does not read, and why (each a limit of mpsdose, not of the document).
NOT_READ = {
    "hl7-r4-examples/MedicationRequest-medrx0321.json":
        "insulin doses in units (U): mpsdose totals masses, not units",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_document_is_read_right_or_refused_for_its_own_reason(name):
    verdict, detail = judge_file(HERE / name, EXPECTED[name])
    assert verdict != "read wrong", detail
    if name in NOT_READ:
        assert verdict == "not read", f"{name} reads now: take it out of NOT_READ ({detail})"
    else:
        assert verdict in ("read right", "refused"), detail


def test_the_whole_corpus():
    verdicts = [judge_file(HERE / name, EXPECTED[name])[0] for name in EXPECTED]
    assert verdicts.count("read wrong") == 0
    assert verdicts.count("read right") >= 61  # measured; a regression bar


def load(name):
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def daily(item):
    return {i.drug.name: item.daily(i) for i in item.ingredients}


def test_cds_hooks_order_sign_specification_example():
    # a draft order, the dose in its STU3 place, a NutritionOrder beside it, no Bundle type
    reading = read_cds_request(load("cds-hooks-spec/cdshooks-spec-order-sign-r4-example.cdshook.json"))
    (item,) = reading.regimen.items
    assert daily(item) == {"amoxicillin": pytest.approx(1200), "clavulanate": pytest.approx(85.8)}
    assert reading.draft_orders[0].counts
    assert {"fhir-dose-outside-dose-and-rate", "fhir-bundle-type-missing"} <= {
        f.code for f in reading.findings}


def test_a_completed_suppository_with_a_maximum_in_mg():
    # HL7 medrx0324: 240 mg paracetamol suppository twice daily PRN, max 720 mg per day
    (order,) = read_fhir(load("hl7-r4-examples/MedicationRequest-medrx0324.json")).orders
    assert not order.counts and "completed" in order.rule
    item = order.dosages[0].item
    assert item.route.value == "rectal"
    assert item.max_prn_per_day == pytest.approx(3)  # 720 mg / 240 mg, not 720 doses
    assert item.daily() == pytest.approx(720)


def test_tylenol_pm_statement():
    # HL7 MedicationStatement example001: 1-2 tablets at bedtime PRN of 500/25 mg
    reading = read_fhir(load("hl7-r4-examples/MedicationStatement-example001.json"))
    dosage = reading.orders[0].dosages[0]
    assert daily(dosage.item) == {"acetaminophen": pytest.approx(1000),
                                  "diphenhydramine": pytest.approx(50)}
    assert daily(dosage.low) == {"acetaminophen": pytest.approx(500),
                                 "diphenhydramine": pytest.approx(25)}


def test_a_taper_is_one_step_at_a_time():
    reading = read_fhir(load("hl7-r4-examples/MedicationRequest-medrx0303.json"))
    assert [daily(i) for i in reading.regimen.items] == [{"prednisone": pytest.approx(20)}]
    assert [daily(d.item)["prednisone"] for d in reading.orders[0].dosages] == [
        pytest.approx(20), pytest.approx(10), pytest.approx(5)]


def test_buprenorphine_of_a_suboxone_film_is_totalled():
    # RxCUI 1010603 (buprenorphine 2 MG / naloxone 0.5 MG Sublingual Film), one film a day: both
    # ingredients are in the catalogue, and buprenorphine counts 2 mg/day
    reading = read_fhir(load("opioid-cds-r4/ocds-example-ambulatory-suboxone-medreq.json"))
    listed = [item for item in reading.regimen.items if item.listed]
    assert [(i.name, i.route.value) for i in listed] == [("buprenorphine/naloxone", "sublingual")]
    daily = {ingredient.drug.name: listed[0].daily(ingredient)
             for ingredient in listed[0].ingredients}
    assert daily == {"buprenorphine": pytest.approx(2), "naloxone": pytest.approx(0.5)}


def test_an_ips_document_bundle():
    # Composition, Patient … and a Medication referenced by urn:uuid
    reading = read_fhir(load("hl7-uv-ips/Bundle-bundle-minimal.json"))
    (item,) = reading.regimen.items
    assert item.daily() == pytest.approx(1)  # anastrozole 1 mg once


def test_the_cdc_fixture_patient_view_totals():
    reading = read_cds_request(load("opioid-cds-r4/ocds-rec10-order-sign-illicit-drugs.cdshook.json"))
    amounts = sorted(round(item.daily(), 6) for item in reading.regimen.items)
    assert amounts == [1.8, 30]  # fentanyl 75 mcg/h = 1.8 mg/day; oxycodone 10 mg tid
    assert "fhir-patch-interval" in {f.code for f in reading.findings}  # a 72-h patch q288h


@pytest.mark.parametrize(("written", "mg_per_day"), [
    ("1200 mg/day", 1200), ("max 3900 mg/day", 3900), ("75 mcg/h", 1.8),
    ("14.04 mg/h = 337 mg/day", 337), ("20 mg every 12 days", 20 / 12), ("500 mg once", 500),
    ("40 drops/day", None), ("3 mg x3/wk", None)])
def test_the_judge_reads_the_expected_amounts(written, mg_per_day):
    got = expected_daily(written)
    assert got == (None if mg_per_day is None else pytest.approx(mg_per_day))
