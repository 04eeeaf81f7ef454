"""Builders for the server's tests: FHIR resources and CDS Hooks requests written by hand."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
ROUTES = {"po": ("26643006", "Oral route"), "sc": ("34206005", "Subcutaneous route"),
          "iv": ("47625008", "Intravenous route")}


def example(name: str) -> dict[str, Any]:
    """A request of tests/data (see its README for the origin)."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def medication_request(rid: str, drug: str, dose_mg: float, *, every_h: float | None = None,
                       route: str = "po", status: str = "draft", prn: bool = False,
                       text: str | None = None) -> dict[str, Any]:
    """A MedicationRequest as an EHR writes one: a drug name, a mass dose, a route code."""
    code, display = ROUTES[route]
    dosage: dict[str, Any] = {
        "route": {"coding": [{"system": SNOMED, "code": code, "display": display}]},
        "doseAndRate": [{"doseQuantity": {"value": dose_mg, "unit": "mg", "system": UCUM,
                                          "code": "mg"}}],
    }
    if every_h is not None:
        dosage["timing"] = {"repeat": {"frequency": 1, "period": every_h, "periodUnit": "h"}}
    if prn:
        dosage["asNeededBoolean"] = True
    if text is not None:
        dosage["text"] = text
    return {"resourceType": "MedicationRequest", "id": rid, "status": status, "intent": "order",
            "subject": {"reference": "Patient/p1"},
            "medicationCodeableConcept": {"text": drug}, "dosageInstruction": [dosage]}


def bundle(*resources: dict[str, Any], kind: str = "collection") -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": kind,
            "entry": [{"resource": resource} for resource in resources]}


def observation(loinc: str, value: float, unit: str, when: str = "2026-11-20") -> dict[str, Any]:
    return {"resourceType": "Observation", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": loinc}]},
            "effectiveDateTime": when,
            "valueQuantity": {"value": value, "unit": unit, "system": UCUM, "code": unit}}


def request(hook: str, drafts: list[dict[str, Any]] = (), *,  # type: ignore[assignment]
            active: list[dict[str, Any]] | None = None, born: str | None = None,
            crcl: float | None = None, weight: float | None = None,
            selections: list[str] | None = None, prefetch: bool = True) -> dict[str, Any]:
    """A CDS Hooks request for ``hook`` with these drafts and (prefetched) active orders."""
    context: dict[str, Any] = {"userId": "Practitioner/u1", "patientId": "p1"}
    if hook != "patient-view":
        context["draftOrders"] = bundle(*copy.deepcopy(list(drafts)))
    if hook == "order-select":
        context["selections"] = selections if selections is not None else [
            f"MedicationRequest/{d['id']}" for d in drafts]
    body: dict[str, Any] = {"hook": hook, "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
                            "context": context}
    if prefetch:
        body["prefetch"] = {
            "patient": None if born is None else {"resourceType": "Patient", "id": "p1",
                                                  "birthDate": born},
            "medications": bundle(*(active or []), kind="searchset"),
            "renal": None if crcl is None else bundle(observation("35591-7", crcl, "mL/min"),
                                                      kind="searchset"),
            "weight": None if weight is None else bundle(observation("29463-7", weight, "kg"),
                                                         kind="searchset"),
        }
    return body
