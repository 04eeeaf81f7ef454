"""A CDS Hooks request → the orders, the regimen and the patient mpsdose checks.

This module is the glue between a CDS Hooks request and :mod:`mpsdose.io.fhir`: it reads
``context.draftOrders`` (and ``context.selections``) and the prefetched ``Patient``, active
``MedicationRequest`` and ``Observation`` resources, one resource at a time, so that one order it
cannot read is reported (and the others checked) rather than refusing the request. When the FHIR
reader gains its own function for a CDS Hooks request (issue 15), :func:`read_request` is the one
place to switch to it.

What it takes from the request, and what it leaves:

- **orders**: every ``MedicationRequest`` in ``draftOrders`` (except one ``entered-in-error``,
  ``cancelled``, ``stopped`` or ``completed``), and every ``active`` one in the ``medications``
  prefetch that is not one of the drafts; other resources (``NutritionOrder``,
  ``ServiceRequest`` …) are not medication orders and are left out. A medication that names no
  drug of the catalogue (by RxNorm ingredient code or by name) is outside what mpsdose checks:
  it is listed, not checked. An order of a catalogue drug that cannot be read is a note naming
  the resource and the field, never dropped in silence.
- **the patient**: age from ``Patient.birthDate`` (a year or year-month alone counts from its
  first day, so the age is never under-stated); creatinine clearance from the most recent
  Observation coded LOINC 2164-2 (24-hour urine and serum) or 35591-7 (Cockcroft–Gault), in
  mL/min or mL/s; weight from LOINC 29463-7 (body weight) in kg, g or [lb_av]. An eGFR (LOINC
  33914-3, 62238-1, 98979-8: mL/min/1.73 m²) is reported but **not** used as a creatinine
  clearance, which the dose limits are written in; opioid tolerance is never inferred.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from mpsdose.io.fhir import RXNORM, FhirError, read_fhir
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.model.errors import MpsdoseError
from mpsdose.model.findings import Severity
from mpsdose.model.regimen import Item, Patient, Regimen

__all__ = ["HOOKS", "HookInput", "Order", "RequestError", "observation_codes",
           "prefetch_templates", "read_request", "validate_request"]

#: The hooks mpsdose answers.
HOOKS = ("order-select", "order-sign", "patient-view")

LOINC = "http://loinc.org"


def observation_codes(knowledge: Knowledge, measure: str) -> dict[str, str]:
    """The LOINC codes of one measure (``crcl_ml_min``: creatinine clearance [mL/min];
    ``egfr`` [mL/min/1.73 m²], reported, not used as a creatinine clearance; ``weight_kg``), each
    with its display, from ``data/fhir_observations.csv``."""
    return {row["loinc"]: row["display"] for row in knowledge.rows("fhir_observations.csv")
            if row["measure"] == measure}


def _codes(codes: Iterable[str]) -> str:
    return ",".join(f"{LOINC}|{code}" for code in codes)


def prefetch_templates(knowledge: Knowledge | None = None) -> dict[str, str]:
    """The prefetch templates every service asks for (CDS Hooks "Prefetch Template"), the
    Observation codes taken from the knowledge."""
    k = resolve(knowledge)
    renal = [*observation_codes(k, "crcl_ml_min"), *observation_codes(k, "egfr")]
    return {
        "patient": "Patient/{{context.patientId}}",
        "medications": "MedicationRequest?patient={{context.patientId}}&status=active",
        "renal": (f"Observation?patient={{{{context.patientId}}}}&code={_codes(renal)}"
                  "&_sort=-date&_count=6"),
        "weight": (f"Observation?patient={{{{context.patientId}}}}&code="
                   f"{_codes(observation_codes(k, 'weight_kg'))}&_sort=-date&_count=1"),
    }

_NOT_IN_FORCE = {"entered-in-error", "cancelled", "stopped", "completed"}


class RequestError(MpsdoseError, ValueError):
    """A CDS Hooks request that is not well formed: answered with 400, naming the field."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)


@attrs.frozen
class Order:
    """One medication order of the request, with the items mpsdose read from it."""

    reference: str  #: "MedicationRequest/<id>"
    resource: Mapping[str, Any] = attrs.field(eq=False, repr=False)
    items: tuple[Item, ...]
    draft: bool


@attrs.frozen
class HookInput:
    """What a request gives mpsdose to check."""

    hook: str
    orders: tuple[Order, ...]
    patient: Patient
    selected: frozenset[str] = frozenset()
    #: what was taken from the patient's record, in words (shown on the cards)
    context: tuple[str, ...] = ()
    #: (resource, why) for orders of catalogue drugs that could not be read
    not_read: tuple[tuple[str, str], ...] = ()
    #: medications outside the catalogue: listed, not checked
    outside: tuple[str, ...] = ()
    #: prefetch keys neither sent nor fetched
    missing: tuple[str, ...] = ()

    @property
    def drafts(self) -> tuple[Order, ...]:
        return tuple(order for order in self.orders if order.draft)

    @property
    def active(self) -> tuple[Order, ...]:
        return tuple(order for order in self.orders if not order.draft)

    def regimen(self, orders: Iterable[Order] | None = None) -> Regimen:
        """The regimen of these orders (all of them by default), with the patient."""
        chosen = self.orders if orders is None else tuple(orders)
        return Regimen(tuple(item for order in chosen for item in order.items),
                       patient=self.patient)


# -- the request's shape ----------------------------------------------------------------------
def validate_request(body: Any, service_hook: str) -> Mapping[str, Any]:
    """The request body if it is a CDS Hooks request for ``service_hook``; else RequestError."""
    if not isinstance(body, Mapping):
        raise RequestError("a CDS Hooks request is a JSON object")
    hook = body.get("hook")
    if not isinstance(hook, str):
        raise RequestError("required, a string", field="hook")
    if hook != service_hook:
        raise RequestError(f"this service answers {service_hook!r}, not {hook!r}", field="hook")
    if not isinstance(body.get("hookInstance"), str) or not body["hookInstance"]:
        raise RequestError("required, a string (a UUID)", field="hookInstance")
    context = body.get("context")
    if not isinstance(context, Mapping):
        raise RequestError("required, an object", field="context")
    if not isinstance(context.get("patientId"), str) or not context["patientId"]:
        raise RequestError("required, a string", field="context.patientId")
    if hook in ("order-select", "order-sign"):
        drafts = context.get("draftOrders")
        if not isinstance(drafts, Mapping) or drafts.get("resourceType") != "Bundle":
            raise RequestError("required, a FHIR Bundle", field="context.draftOrders")
        if not isinstance(drafts.get("entry", []), list):
            raise RequestError("a list", field="context.draftOrders.entry")
    if hook == "order-select":
        selections = context.get("selections")
        if not isinstance(selections, list) or not all(isinstance(s, str) for s in selections):
            raise RequestError("required, a list of strings", field="context.selections")
    prefetch = body.get("prefetch")
    if prefetch is not None and not isinstance(prefetch, Mapping):
        raise RequestError("an object", field="prefetch")
    server = body.get("fhirServer")
    if server is not None and (not isinstance(server, str)
                               or not server.startswith(("https://", "http://"))):
        raise RequestError("an http(s) URL", field="fhirServer")
    authorization = body.get("fhirAuthorization")
    if authorization is not None:
        if not isinstance(authorization, Mapping) \
                or not isinstance(authorization.get("access_token"), str):
            raise RequestError("an object with an access_token", field="fhirAuthorization")
        if server is None:
            raise RequestError("fhirAuthorization needs fhirServer", field="fhirServer")
    return body


# -- reading --------------------------------------------------------------------------------------
def read_request(body: Mapping[str, Any], prefetch: Mapping[str, Any], *,
                 today: datetime.date | None = None,
                 knowledge: Knowledge | None = None) -> HookInput:
    """The orders and the patient of a validated request, with ``prefetch`` (as sent, or
    completed from the FHIR server)."""
    k = resolve(knowledge)
    context = body["context"]
    hook = str(body["hook"])
    orders: list[Order] = []
    not_read: list[tuple[str, str]] = []
    outside: list[str] = []
    draft_ids = set()
    if hook in ("order-select", "order-sign"):
        for resource in _resources(context["draftOrders"], "MedicationRequest"):
            if _text(resource, "status") in _NOT_IN_FORCE:
                continue
            draft_ids.add(str(resource.get("id")))
            _read_order(k, resource, True, orders, not_read, outside)
    for resource in _resources(prefetch.get("medications"), "MedicationRequest"):
        if _text(resource, "status") != "active" or str(resource.get("id")) in draft_ids:
            continue
        _read_order(k, resource, False, orders, not_read, outside)
    selections = context.get("selections")
    selected = frozenset(s.split("/")[-1] for s in (selections if isinstance(selections, list)
                                                    else [])
                         if isinstance(s, str) and s.startswith("MedicationRequest/"))
    patient, said = _patient(k, prefetch, today or datetime.date.today())
    return HookInput(hook, tuple(orders), patient, selected, tuple(said), tuple(not_read),
                     tuple(dict.fromkeys(outside)))


def _resources(document: Any, kind: str) -> list[Mapping[str, Any]]:
    """The resources of one type in a resource or a Bundle (prefetch values may be null)."""
    if not isinstance(document, Mapping):
        return []
    if document.get("resourceType") == "Bundle":
        entries = document.get("entry") or []
        found = [e.get("resource") for e in entries if isinstance(e, Mapping)]
        return [r for r in found if isinstance(r, Mapping) and r.get("resourceType") == kind]
    return [document] if document.get("resourceType") == kind else []


def _text(resource: Mapping[str, Any], key: str) -> str:
    value = resource.get(key)
    return value if isinstance(value, str) else ""


def _reference(resource: Mapping[str, Any]) -> str:
    return f"{resource.get('resourceType')}/{resource.get('id') or '?'}"


def _medication_text(resource: Mapping[str, Any]) -> str:
    concept = resource.get("medicationCodeableConcept")
    if isinstance(concept, Mapping):
        codings: list[Any] = concept["coding"] if isinstance(concept.get("coding"), list) else []
        return str(concept.get("text") or next(
            (c.get("display") for c in codings if isinstance(c, Mapping) and c.get("display")),
            "unnamed medication"))
    reference = resource.get("medicationReference")
    if isinstance(reference, Mapping):
        return str(reference.get("display") or reference.get("reference") or "a medication")
    return "no medication"


def _concepts(resource: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The medication's codeable concepts: its code, and its contained Medication's code and
    ingredients."""
    found: list[Mapping[str, Any]] = []
    concept = resource.get("medicationCodeableConcept")
    if isinstance(concept, Mapping):
        found.append(concept)
    for contained in resource.get("contained") or []:
        if isinstance(contained, Mapping) and contained.get("resourceType") == "Medication":
            if isinstance(contained.get("code"), Mapping):
                found.append(contained["code"])
            for ingredient in contained.get("ingredient") or []:
                if isinstance(ingredient, Mapping) \
                        and isinstance(ingredient.get("itemCodeableConcept"), Mapping):
                    found.append(ingredient["itemCodeableConcept"])
    return found


def _names_a_known_drug(k: Knowledge, resource: Mapping[str, Any]) -> bool | None:
    """True if the medication names a catalogue drug, False if it names only others, None if
    it cannot be told (a medication by reference to another resource)."""
    concepts = _concepts(resource)
    if not concepts:
        return None
    names = k.catalogue.names
    for concept in concepts:
        codings: list[Any] = concept["coding"] if isinstance(concept.get("coding"), list) else []
        for coding in codings:
            if isinstance(coding, Mapping) and str(coding.get("system", "")).rstrip("/") == RXNORM \
                    and str(coding.get("code")) in k.rxnorm:
                return True
        texts = [concept.get("text")] + [c.get("display") for c in codings
                                         if isinstance(c, Mapping)]
        for text in texts:
            if not isinstance(text, str):
                continue
            if k.catalogue.get(text) is not None:
                return True
            if any(word in names for word in re.findall(r"[a-z][a-z\-]+", text.lower())):
                return True
    return False


def _read_order(k: Knowledge, resource: Mapping[str, Any], draft: bool, orders: list[Order],
                not_read: list[tuple[str, str]], outside: list[str]) -> None:
    reference = _reference(resource)
    known = _names_a_known_drug(k, resource)
    if known is False:
        outside.append(_medication_text(resource))
        return
    try:
        reading = read_fhir(dict(resource), knowledge=k, drafts=draft)
    except FhirError as error:
        not_read.append((reference, str(error)))
        return
    except MpsdoseError as error:  # a dose or unit the model refuses, read from the resource
        not_read.append((reference, str(error)))
        return
    except Exception as error:
        # the reader's own defect on odd input: this order is not read, and said so; the
        # other orders are still checked
        not_read.append((reference, f"could not be read ({type(error).__name__})"))
        return
    items = reading.regimen.items
    if not items or any(not item.dose_known for item in items):
        # an order the reader could not total: the reader's findings say which field
        problems = [f.message for f in reading.findings if f.severity is Severity.WARNING]
        not_read.append((reference, "; ".join(problems) or "its dose could not be read"))
        return
    orders.append(Order(reference, resource, items, draft))


# -- the patient ----------------------------------------------------------------------------------
def _patient(k: Knowledge, prefetch: Mapping[str, Any],
             today: datetime.date) -> tuple[Patient, list[str]]:
    said: list[str] = []
    age = None
    for resource in _resources(prefetch.get("patient"), "Patient")[:1]:
        born = resource.get("birthDate")
        if isinstance(born, str):
            age = _age(born, today)
            if age is not None:
                said.append(f"age {age:g} (born {born})")
    crcl, note = _latest(prefetch.get("renal"), observation_codes(k, "crcl_ml_min"),
                         {"mL/min": 1.0, "ml/min": 1.0, "mL/s": 60.0, "ml/s": 60.0})
    if crcl is not None:
        said.append(f"creatinine clearance {crcl:g} mL/min ({note})")
    egfr, egfr_note = _latest(prefetch.get("renal"), observation_codes(k, "egfr"), None)
    if egfr is not None:
        said.append(f"{egfr_note}: {egfr:g}, not used as a creatinine clearance")
    weight, weight_note = _latest(prefetch.get("weight"), observation_codes(k, "weight_kg"),
                                  {"kg": 1.0, "g": 0.001, "[lb_av]": 0.45359237})
    if weight is not None:
        said.append(f"weight {weight:g} kg ({weight_note})")
    try:
        patient = Patient(age=age, weight_kg=weight, crcl_ml_min=crcl)
    except MpsdoseError as error:  # a zero or negative value in the record
        raise RequestError(f"the patient's record has a value mpsdose cannot use: {error}",
                           field="prefetch") from None
    return patient, said


def _age(born: str, today: datetime.date) -> float | None:
    """Whole years from a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD) to ``today``."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", born.strip())
    if match is None:
        return None
    try:
        birth = datetime.date(int(match.group(1)), int(match.group(2) or 1),
                              int(match.group(3) or 1))
    except ValueError:
        return None
    years = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    return float(years) if 0 < years < 150 else None


def _latest(document: Any, codes: Mapping[str, str],
            units: Mapping[str, float] | None) -> tuple[float | None, str]:
    """The most recent usable value of an Observation with one of ``codes``, converted with
    ``units`` (unit → factor; None: any unit, as given), and how it was found."""
    best: tuple[str, float, str] | None = None
    for resource in _resources(document, "Observation"):
        if _text(resource, "status") in ("entered-in-error", "cancelled"):
            continue
        code = resource.get("code")
        codings: list[Any] = code["coding"] if isinstance(code, Mapping) \
            and isinstance(code.get("coding"), list) else []
        match = next((str(c["code"]) for c in codings if isinstance(c, Mapping)
                      and str(c.get("system", "")).rstrip("/") == LOINC
                      and str(c.get("code")) in codes), None)
        value = resource.get("valueQuantity")
        if match is None or not isinstance(value, Mapping):
            continue
        number = value.get("value")
        unit = str(value.get("code") or value.get("unit") or "")
        if not isinstance(number, int | float) or isinstance(number, bool) or number <= 0:
            continue
        if units is not None and unit not in units:
            continue
        converted = float(number) * (units[unit] if units is not None else 1.0)
        when = str(resource.get("effectiveDateTime") or resource.get("issued") or "")
        words = f"{codes[match]}, LOINC {match}" + (f", {when[:10]}" if when else ", undated")
        if best is None or when > best[0]:
            best = (when, converted, words)
    if best is None:
        return None, ""
    return round(best[1], 1), best[2]
