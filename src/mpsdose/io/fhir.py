"""FHIR R4 medication orders in and out: ``MedicationRequest``, ``MedicationStatement``,
``Bundle`` and CDS Hooks request bodies.

Reading (:func:`read_fhir`, :func:`read_cds_request`) takes a whole document as EHRs send it and
gives a :class:`FhirReading`: the regimen of the orders in force, the patient context, and every
order as read (:class:`OrderReading`) with the findings that name its resource and field. A
document is never all-or-nothing: a Bundle's Patient, Observation and other resources do not stop
it, and an order that cannot be read is a finding while the others are read.

- **Which orders count**: only orders in force, by ``data/fhir_statuses.csv`` (the FHIR R4 status
  and intent definitions): ``active``, and ``draft`` in a CDS Hooks request's ``draftOrders`` (the
  order being signed). ``completed``, ``stopped``, ``on-hold``, ``cancelled``,
  ``entered-in-error``, ``unknown``, a ``plan`` or ``proposal``, a ``doNotPerform`` order are read,
  shown, and left out of the regimen, each with the rule that applied.
- **The medication**: :mod:`mpsdose.io.fhir_medication` (codes through the shipped RxNorm and NDC
  product tables, Medication resources, product names).
- **The dose, timing, route, PRN and maximum**: :mod:`mpsdose.io.fhir_dosage`.
- **Steps**: dosages with distinct ``sequence`` numbers are steps given one after another (a
  taper, an escalation): one step counts (the one whose ``boundsPeriod`` holds ``as_of``, else the
  first), never their sum. Dosages with the same or no sequence are given together.
- **An order in force that cannot be totalled** (no dose, a unit that is not read, a timing that
  contradicts its text) is kept in the regimen with its dose unknown, so that a total can never
  silently leave it out.
- **The patient**: age (``Patient.birthDate``), weight and creatinine clearance (the most recent
  ``Observation`` with a LOINC code of ``data/fhir_observations.csv``); an eGFR is reported, not
  used as a creatinine clearance.

:func:`regimen_from_fhir` is the regimen alone (and refuses a drug the catalogue does not know,
unless ``allow_unlisted``). :func:`regimen_to_fhir` writes a regimen as a Bundle.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from mpsdose.io.fhir_dosage import (
    DosageReading,
    doses_per_day,
    for_totals,
    read_dosage,
    read_route,
    unknown_dose_item,
)
from mpsdose.io.fhir_medication import Medication, read_medication
from mpsdose.io.fhir_values import FHIR_R4, Notes, codings, mapping, number, sequence, text
from mpsdose.io.language import format_item
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.knowledge.codes import RXNORM
from mpsdose.model.boundary import checked
from mpsdose.model.drugs import Drug
from mpsdose.model.errors import MpsdoseError
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.regimen import Item, Patient, Regimen, ScheduleKind
from mpsdose.model.value import Value

__all__ = ["RXNORM", "FhirError", "FhirReading", "OrderReading", "doses_per_day", "is_fhir_document",
           "read_cds_request", "read_fhir", "regimen_from_cds_request", "regimen_from_fhir",
           "regimen_to_fhir", "rxnorm_codes"]

SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
LOINC = "http://loinc.org"
#: Largest FHIR document read [bytes]: a guard against what is not a medication document.
MAX_DOCUMENT_BYTES = 50_000_000
_ORDERS = ("MedicationRequest", "MedicationStatement")


class FhirError(MpsdoseError, ValueError):
    """A FHIR document that cannot be read: names the resource and the field.

    A :class:`ValueError`. Each parameter is kept as an attribute of the same name.

    Parameters
    ----------
    message
        What is wrong; the resource and field are put before it.
    resource
        The resource's type and id (``MedicationRequest/123``).
    field
        The field that could not be read (``dosageInstruction[0].doseAndRate``).
    """

    def __init__(self, message: str, *, resource: str | None = None, field: str | None = None):
        self.resource = resource
        self.field = field
        where = "/".join(part for part in (resource, field) if part)
        super().__init__(f"{where}: {message}" if where else message)

    def __reduce__(self) -> Any:
        message = str(self)
        where = "/".join(part for part in (self.resource, self.field) if part)
        if where and message.startswith(where + ": "):
            message = message[len(where) + 2:]
        return (_fhir_error, (message, self.resource, self.field))


def _fhir_error(message: str, resource: str | None, field: str | None) -> FhirError:
    return FhirError(message, resource=resource, field=field)


@checked
def rxnorm_codes(knowledge: Knowledge | None = None) -> dict[str, str]:
    """RxNorm ingredient code → catalogue drug name (``data/rxnorm.csv``).

    Parameters
    ----------
    knowledge
        The clinical knowledge to use; None: the shipped data.
    """
    return dict(resolve(knowledge).rxnorm)


# -- what a reading gives ------------------------------------------------------------------------
@attrs.frozen(repr=False, eq=False)
class OrderReading(Value):
    """One MedicationRequest or MedicationStatement as read.

    Attributes
    ----------
    resource
        ``MedicationRequest/123``.
    origin
        Where in the document it was: ``""`` (the document itself), ``entry[3]``,
        ``context.draftOrders`` or ``prefetch.<key>`` (a CDS Hooks request).
    status, intent
        As written (None where absent).
    counts
        True where the order is in force and its items are in the regimen.
    rule, rule_source
        Why it counts or not: the status or intent and its FHIR R4 definition, and where that is
        written.
    medication
        What its ``medication[x]`` is (None where the document does not say).
    dosages
        Every dosage instruction as read (an item, or the reason there is none).
    items
        What the order adds to the regimen: the items of its current step, with the dose unknown
        where it cannot be read; empty when it does not count.
    findings
        Every finding about this order, each naming the resource and the field.
    """

    resource: str
    origin: str
    status: str | None
    intent: str | None
    counts: bool
    rule: str
    rule_source: str
    medication: Medication | None
    dosages: tuple[DosageReading, ...]
    items: tuple[Item, ...]
    findings: tuple[Finding, ...]
    medication_field: str = "medication[x]"

    @property
    def is_draft(self) -> bool:
        """An order being signed (CDS Hooks ``context.draftOrders``)."""
        return self.origin.startswith("context.")

    def to_json(self) -> dict[str, Any]:
        return {
            "resource": self.resource, "origin": self.origin, "status": self.status,
            "intent": self.intent, "counts": self.counts, "rule": self.rule,
            "rule_source": self.rule_source,
            "medication": None if self.medication is None else {
                "name": self.medication.name, "drugs": [d.name for d in self.medication.drugs],
                "listed": [d.listed for d in self.medication.drugs],
                "strengths": [c.strength.format() if c.strength else None
                              for c in self.medication.components],
                "dose_form": self.medication.dose_form, "source": self.medication.source},
            "dosages": [d.to_json() for d in self.dosages],
            "items": [str(item) for item in self.items],
            "findings": [f.to_json() for f in self.findings],
        }


@attrs.frozen(repr=False, eq=False)
class FhirReading(Value):
    """A FHIR document as read: the regimen in force, the patient, each order, every finding.

    ``regimen`` holds the items of the orders that count (with ``patient``); ``orders`` holds
    every medication order the document has, counted or not; ``findings`` are the document's
    own (a missing Bundle type, resources not read) and every order's.
    """

    kind: str
    regimen: Regimen
    patient: Patient
    orders: tuple[OrderReading, ...]
    findings: tuple[Finding, ...]
    hook: str | None = None

    @property
    def draft_orders(self) -> tuple[OrderReading, ...]:
        """The orders being signed (CDS Hooks ``draftOrders``)."""
        return tuple(order for order in self.orders if order.is_draft)

    @property
    def counted(self) -> tuple[OrderReading, ...]:
        return tuple(order for order in self.orders if order.counts)

    def to_json(self) -> dict[str, Any]:
        patient = {key: getattr(self.patient, key) for key in ("age", "weight_kg", "crcl_ml_min")}
        return {"kind": self.kind, "hook": self.hook,
                "patient": patient, "items": [str(item) for item in self.regimen.items],
                "orders": [order.to_json() for order in self.orders],
                "findings": [finding.to_json() for finding in self.findings]}


# -- reading -------------------------------------------------------------------------------------
def is_fhir_document(data: Mapping[str, Any]) -> bool:
    """True for what :func:`read_fhir` reads: a FHIR resource (``resourceType``) or a CDS Hooks
    request body (``context`` or ``prefetch`` with ``hook`` or ``hookInstance``, or a
    ``context.draftOrders``).

    Parameters
    ----------
    data
        A parsed JSON object.
    """
    if "resourceType" in data:
        return True
    context = data.get("context")
    return (("hook" in data or "hookInstance" in data or "prefetch" in data) and isinstance(
        context, Mapping)) or (isinstance(context, Mapping) and "draftOrders" in context)


@checked
def read_fhir(document: Mapping[str, Any] | str | bytes | Path, *,
              knowledge: Knowledge | None = None,
              as_of: datetime.date | None = None, drafts: bool = False) -> FhirReading:
    """Read a FHIR R4 ``MedicationRequest``, ``MedicationStatement`` or ``Bundle`` (or a CDS
    Hooks request body, which goes to :func:`read_cds_request`).

    Parameters
    ----------
    document
        A parsed JSON object, JSON text, or the path of a ``.json`` file.
    knowledge
        The catalogue, product tables and FHIR vocabularies (default: the shipped data).
    as_of
        The date the patient's age and the current step of a taper are read at (default:
        today for the age; the first step for a taper).
    drafts
        The document's orders are orders being signed (taken from a CDS Hooks request's
        ``draftOrders`` by the caller): a ``draft`` order counts.

    Returns
    -------
    FhirReading
        The regimen in force, the patient, every order as read, every finding.

    Raises
    ------
    FhirError
        Only where the input is not a FHIR medication document at all (not JSON, no
        ``resourceType``, a lone ``Medication`` or ``Patient``); everything within a document is
        a finding.
    """
    data = _load(document)
    if "resourceType" not in data and is_fhir_document(data):
        return read_cds_request(data, knowledge=knowledge, as_of=as_of)
    return _Reader(resolve(knowledge), as_of, drafts).document(data)


@checked
def read_cds_request(request: Mapping[str, Any] | str | bytes | Path, *,
                     knowledge: Knowledge | None = None,
                     as_of: datetime.date | None = None) -> FhirReading:
    """Read a CDS Hooks request body: the orders being signed and what the EHR prefetched.

    ``context.draftOrders`` (a Bundle, with or without its ``type``; or a list) holds the orders
    being signed: ``draft`` and ``active`` ones count. ``context.medications`` (earlier hook
    versions) is read the same way. ``prefetch`` items may be a Bundle (a search result), a
    ``{"response", "resource"}`` wrapper, a bare resource or ``null``: their ``active`` orders
    count as the patient's current medication, their Patient and Observations give the patient
    context. An order prefetched under the same id as a draft order is read once, as the draft.

    Every :class:`OrderReading` says where it came from (``origin``: ``context.draftOrders…`` or
    ``prefetch.<key>…``), so a service can tell the orders being signed
    (:attr:`FhirReading.draft_orders`) from those on file.

    Parameters
    ----------
    request
        The request body: a parsed JSON object, JSON text, or the path of a ``.json`` file.
    knowledge
        The clinical knowledge to use; None: the shipped data.
    as_of
        The date the patient's age and taper steps are read at (see :func:`read_fhir`).

    Returns
    -------
    FhirReading
        The regimen (drafts and active orders on file), the patient from the prefetched
        Patient and Observations, every order as read, every finding.

    Raises
    ------
    FhirError
        Not a JSON object.
    """
    data = _load(request)
    return _Reader(resolve(knowledge), as_of).cds_request(data)


@checked
def regimen_from_fhir(document: Mapping[str, Any] | str | bytes | Path, *,
                      allow_unlisted: bool = False, knowledge: Knowledge | None = None,
                      as_of: datetime.date | None = None, drafts: bool = False) -> Regimen:
    """The regimen in force of a FHIR R4 document (see :func:`read_fhir`), with the patient.

    Parameters
    ----------
    document
        A parsed JSON object, JSON text, or the path of a ``.json`` file.
    allow_unlisted
        Keep a drug the catalogue does not know (shown, not totalled) instead of raising.
    knowledge
        The clinical knowledge to use; None: the shipped data.
    as_of
        The date ages and taper steps are read at (see :func:`read_fhir`).
    drafts
        The orders are orders being signed: a ``draft`` counts.

    Returns
    -------
    Regimen
        The items of the orders in force (an order whose dose cannot be read is there with
        its dose unknown), labelled with a Bundle's id, with the patient.

    Raises
    ------
    FhirError
        Not a FHIR medication document; or, unless ``allow_unlisted``, a drug the catalogue
        does not know in an order that counts (naming the resource and field).
    """
    reading = read_fhir(document, knowledge=knowledge, as_of=as_of, drafts=drafts)
    return _regimen_of(reading, allow_unlisted)


@checked
def regimen_from_cds_request(request: Mapping[str, Any] | str | bytes | Path, *,
                             allow_unlisted: bool = False, knowledge: Knowledge | None = None,
                             as_of: datetime.date | None = None) -> Regimen:
    """The regimen of a CDS Hooks request: the orders being signed and the active orders on
    file (see :func:`read_cds_request`).

    Parameters
    ----------
    request
        The request body (a parsed JSON object, JSON text, or a path).
    allow_unlisted
        Keep a drug the catalogue does not know instead of raising.
    knowledge
        The clinical knowledge to use; None: the shipped data.
    as_of
        The date ages and taper steps are read at.

    Returns
    -------
    Regimen

    Raises
    ------
    FhirError
        Not a JSON object; or, unless ``allow_unlisted``, a drug the catalogue does not know.
    """
    return _regimen_of(read_cds_request(request, knowledge=knowledge, as_of=as_of),
                       allow_unlisted)


def _regimen_of(reading: FhirReading, allow_unlisted: bool) -> Regimen:
    if not allow_unlisted:
        for order in reading.counted:
            for item in order.items:
                unlisted = [d.name for d in item.drugs if not d.listed]
                if unlisted:
                    raise FhirError(f"medication {', '.join(unlisted)!r} is not in the catalogue "
                                    "(by RxNorm code or name)", resource=order.resource,
                                    field=order.medication_field)
    return reading.regimen


def _load(document: Mapping[str, Any] | str | bytes | Path) -> Mapping[str, Any]:
    data: Any = document
    try:
        if isinstance(document, Path) or (isinstance(document, str)
                                          and not document.lstrip().startswith("{")):
            path = Path(document)
            if path.stat().st_size > MAX_DOCUMENT_BYTES:
                raise FhirError(f"{path}: larger than a FHIR document is read "
                                f"({MAX_DOCUMENT_BYTES} bytes)")
            data = json.loads(path.read_text(encoding="utf-8"))
        elif isinstance(document, str | bytes):
            if len(document) > MAX_DOCUMENT_BYTES:
                raise FhirError(f"larger than a FHIR document is read ({MAX_DOCUMENT_BYTES} "
                                "bytes)")
            data = json.loads(document)
    except FhirError:
        raise
    except json.JSONDecodeError as error:
        raise FhirError(f"not JSON: {error.msg} at line {error.lineno}, column "
                        f"{error.colno}") from None
    except (OSError, UnicodeDecodeError, RecursionError, ValueError) as error:
        raise FhirError(f"cannot read the document: {error}") from None
    if not isinstance(data, Mapping):
        raise FhirError("a FHIR document is a JSON object")
    return data


def _name(resource: Mapping[str, Any]) -> str:
    kind = text(resource.get("resourceType")) or "resource"
    rid = resource.get("id")
    return f"{kind}/{rid if isinstance(rid, str | int) and not isinstance(rid, bool) else '?'}"


class _Index:
    """References within a document: ``Type/id``, full URLs and ``urn:uuid:`` to resources."""

    def __init__(self) -> None:
        self.by_url: dict[str, Mapping[str, Any]] = {}
        self.by_type_id: dict[str, Mapping[str, Any]] = {}

    def add(self, resource: Mapping[str, Any], full_url: str | None) -> None:
        if full_url:
            self.by_url[full_url] = resource
        kind, rid = text(resource.get("resourceType")), resource.get("id")
        if kind and isinstance(rid, str):
            self.by_type_id.setdefault(f"{kind}/{rid}", resource)

    def find(self, reference: str) -> Mapping[str, Any] | None:
        if reference in self.by_url:
            return self.by_url[reference]
        match = re.search(r"([A-Za-z]+/[A-Za-z0-9\-.]{1,64})(?:/_history/[^/]+)?$", reference)
        if match is not None:
            return self.by_type_id.get(match.group(1))
        return None


class _Reader:
    """One reading: the knowledge, the date it is read at, and the document's findings."""

    def __init__(self, k: Knowledge, as_of: datetime.date | None, drafts: bool = False) -> None:
        self.k = k
        self.as_of = as_of
        self.drafts = drafts  # the document's own orders are being signed
        self.notes = Notes("document")
        self.index = _Index()
        self.patients: list[Mapping[str, Any]] = []
        self.observations: list[Mapping[str, Any]] = []

    # -- documents ---------------------------------------------------------------------------
    def document(self, data: Mapping[str, Any]) -> FhirReading:
        kind = data.get("resourceType")
        if kind in _ORDERS:
            order = self.order(data, "", draft=self.drafts)
            return self.reading(str(kind), [order], None)
        if kind == "Bundle":
            self.notes = Notes(_name(data))
            btype = text(data.get("type"))
            if btype is None:
                self.notes.warn("fhir-bundle-type-missing", "type",
                                "a Bundle without a type (FHIR R4 requires one): its entries are "
                                "read", FHIR_R4 + "bundle.html")
            resources = self.entries(data, "entry")
            orders = [self.order(r, origin, draft=self.drafts) for r, origin in resources
                      if r.get("resourceType") in _ORDERS]
            if not orders:
                self.notes.info("fhir-no-orders", None,
                                "the Bundle holds no MedicationRequest or MedicationStatement")
            label = data.get("id") if isinstance(data.get("id"), str) else None
            return self.reading(f"Bundle ({btype or 'no type'})", orders, label)
        if kind == "Medication":
            raise FhirError("a Medication resource is a product, not an order: it has no dose "
                            "or schedule", resource=_name(data), field="resourceType")
        if not isinstance(kind, str):
            raise FhirError("no resourceType: not a FHIR resource (nor a CDS Hooks request "
                            "with context or prefetch)", resource=_name(data),
                            field="resourceType")
        raise FhirError(f"resourceType {kind!r}: expected MedicationRequest, "
                        "MedicationStatement or Bundle", resource=_name(data),
                        field="resourceType")

    def entries(self, bundle: Mapping[str, Any], where: str) -> list[tuple[Mapping[str, Any], str]]:
        """The resources of a Bundle's entries (indexed for references), with where each was."""
        found: list[tuple[Mapping[str, Any], str]] = []
        ignored: Counter[str] = Counter()
        raw = bundle.get("entry")
        if raw is not None and not isinstance(raw, list):
            self.notes.warn("fhir-bundle-entry-not-a-list", where, "entry is not a list")
        for position, entry in enumerate(sequence(raw)):
            entry = mapping(entry)
            resource = mapping(entry.get("resource"))
            if not resource or not isinstance(resource.get("resourceType"), str):
                self.notes.info("fhir-entry-without-resource", f"{where}[{position}]",
                                "an entry without a resource: skipped")
                continue
            request = mapping(entry.get("request"))
            if text(request.get("method")) == "DELETE":
                continue
            self.index.add(resource, text(entry.get("fullUrl")))
            kind = str(resource["resourceType"])
            if kind in _ORDERS:
                found.append((resource, f"{where}[{position}]"))
            elif kind == "Patient":
                self.patients.append(resource)
            elif kind == "Observation":
                self.observations.append(resource)
            elif kind not in ("Medication", "Substance"):
                ignored[kind] += 1
        if ignored:
            listed = ", ".join(f"{n} {kind}" for kind, n in sorted(ignored.items()))
            self.notes.info("fhir-resources-not-read", where,
                            f"not medication orders, not read: {listed}")
        return found

    def cds_request(self, data: Mapping[str, Any]) -> FhirReading:
        hook = text(data.get("hook"))
        self.notes = Notes(f"CDS Hooks request ({hook or 'no hook'})")
        context = mapping(data.get("context"))
        drafts: list[tuple[Mapping[str, Any], str]] = []
        for key in ("draftOrders", "medications"):
            value = context.get(key)
            if value is None:
                continue
            where = f"context.{key}"
            if isinstance(value, Mapping) and value.get("resourceType") == "Bundle":
                if text(value.get("type")) is None:
                    self.notes.warn("fhir-bundle-type-missing", f"{where}.type",
                                    "a Bundle without a type (FHIR R4 requires one): its "
                                    "entries are read", FHIR_R4 + "bundle.html")
                drafts += [(r, f"{where}.{origin}") for r, origin in self.entries(value, "entry")]
            else:
                for resource in sequence(value):
                    resource = mapping(resource)
                    if resource.get("resourceType") in _ORDERS:
                        self.index.add(resource, None)
                        drafts.append((resource, where))
        on_file: list[tuple[Mapping[str, Any], str]] = []
        empty = 0
        for key, value in mapping(data.get("prefetch")).items():
            where = f"prefetch.{key}"
            value = mapping(value)
            if not value:
                empty += 1
                continue
            if "resource" in value and "resourceType" not in value:
                value = mapping(value.get("resource"))
            if value.get("resourceType") == "Bundle":
                on_file += [(r, f"{where}.{origin}") for r, origin in self.entries(value, "entry")]
            elif value.get("resourceType") in _ORDERS:
                self.index.add(value, None)
                on_file.append((value, where))
            elif value.get("resourceType") == "Patient":
                self.patients.append(value)
            elif value.get("resourceType") == "Observation":
                self.observations.append(value)
        if empty:
            self.notes.info("fhir-prefetch-empty", "prefetch",
                            f"{empty} prefetch item(s) empty (null): nothing to read there")
        if not drafts and hook in ("order-sign", "order-select"):
            self.notes.warn("fhir-no-draft-orders", "context.draftOrders",
                            f"an {hook} request without draft orders")
        orders = [self.order(r, where, draft=True) for r, where in drafts]
        drafted = {_name(r) for r, _ in drafts}
        for resource, where in on_file:
            if _name(resource) in drafted:
                self.notes.info("fhir-prefetch-duplicate", where,
                                f"{_name(resource)} is also a draft order: read once, as the "
                                "draft")
                continue
            orders.append(self.order(resource, where, draft=False))
        return self.reading(f"CDS Hooks request ({hook or 'no hook'})", orders, None, hook)

    def reading(self, kind: str, orders: list[OrderReading], label: str | None,
                hook: str | None = None) -> FhirReading:
        patient = self.patient()
        items = tuple(item for order in orders if order.counts for item in order.items)
        findings = tuple(self.notes.findings) + tuple(f for o in orders for f in o.findings)
        return FhirReading(kind, Regimen(items, label, patient), patient, tuple(orders),
                           findings, hook)

    # -- one order ---------------------------------------------------------------------------
    def order(self, resource: Mapping[str, Any], origin: str, *, draft: bool) -> OrderReading:
        kind = str(resource.get("resourceType"))
        name = _name(resource)
        notes = Notes(name)
        status, intent = text(resource.get("status")), text(resource.get("intent"))
        counts, rule, source = self.status(resource, kind, status, intent, draft, notes)
        contained = {f"#{c.get('id')}": c for c in sequence(resource.get("contained"))
                     if isinstance(c, Mapping) and isinstance(c.get("id"), str)}

        def find(reference: str) -> Mapping[str, Any] | None:
            if reference.startswith("#"):
                return contained.get(reference)
            return self.index.find(reference)

        medication = read_medication(self.k, resource, find, notes)
        field = "dosageInstruction" if kind == "MedicationRequest" else "dosage"
        raw = resource.get(field)
        if isinstance(raw, Mapping):
            notes.warn("fhir-dosage-not-a-list", field,
                       "an object where FHIR R4 has a list: read as a list of one")
        readings = [read_dosage(self.k, dosage, index, medication, notes, f"{field}[{index}]")
                    for index, dosage in enumerate(sequence(raw))] if medication else []
        items: list[Item] = []
        if counts and medication is not None:
            if not readings:
                notes.warn("fhir-no-dosage", field,
                           "no dosage: the dose and frequency are not known (dose unknown)")
                unknown = unknown_dose_item(medication, None, False, name, "no dosage")
                items += for_totals(unknown) if unknown is not None else []
            for reading in self.current(readings, notes, field):
                if reading.item is not None:
                    items += for_totals(reading.item)
                    continue
                route, _ = read_route(self.k, mapping(sequence(raw)[reading.index]),
                                      Notes(name), field)
                prn = mapping(sequence(raw)[reading.index]).get("asNeededBoolean") is True
                unknown = unknown_dose_item(medication, route, prn, name,
                                            reading.reason or "not read")
                if unknown is None:
                    notes.warn("fhir-order-not-in-regimen", f"{field}[{reading.index}]",
                               "neither the dose nor the route can be read: the order is not "
                               "in the regimen")
                else:
                    items += for_totals(unknown)
            unlisted = sorted({d.name for item in items for d in item.drugs if not d.listed})
            if unlisted:
                notes.info("fhir-unlisted-drug", "medication[x]",
                           f"{', '.join(unlisted)} is not in the catalogue: shown, not totalled "
                           "or converted")
        elif counts and medication is None and sequence(raw):
            notes.warn("fhir-order-not-in-regimen", "medication[x]",
                       "the order is in force and its drug is not known: not in the regimen")
        findings = notes.findings if counts else [_quiet(f) for f in notes.findings]
        medication_field = "medicationCodeableConcept" if isinstance(
            resource.get("medicationCodeableConcept"), Mapping) else "medicationReference"
        return OrderReading(name, origin, status, intent, counts, rule, source, medication,
                            tuple(readings), tuple(items), tuple(findings), medication_field)

    def status(self, resource: Mapping[str, Any], kind: str, status: str | None,
               intent: str | None, draft: bool, notes: Notes) -> tuple[bool, str, str]:
        """Whether the order is in force, why, and the source of the rule."""
        rules = self.k.fhir_statuses
        if status is None:
            notes.warn("fhir-no-status", "status",
                       "no status (FHIR R4 requires one): not known to be in force, not counted",
                       FHIR_R4 + "medicationrequest.html")
            return False, "no status: not known to be in force", FHIR_R4
        rule = rules.get((kind, "status", status))
        if rule is None:
            notes.warn("fhir-unknown-status", "status",
                       f"status {status!r} is not a FHIR R4 {kind} status: not counted")
            return False, f"status {status!r} is not a FHIR R4 status", FHIR_R4
        counts = rule.counts == "yes" or (rule.counts == "in-cds-request" and draft)
        said = "counts in the current regimen" if counts else "left out of the current regimen"
        why = f"status {status!r} ({rule.definition.rstrip('.')}): {said}"
        if rule.counts == "in-cds-request" and not draft:
            why += " (a draft counts only as an order being signed, in a CDS Hooks request)"
        source = rule.source
        if counts and kind == "MedicationRequest":
            if intent is None:
                notes.info("fhir-no-intent", "intent",
                           "no intent (FHIR R4 requires one): read as an order")
            else:
                intent_rule = rules.get((kind, "intent", intent))
                if intent_rule is None or intent_rule.counts != "yes":
                    counts = False
                    definition = intent_rule.definition.rstrip(".") if intent_rule else \
                        "not a FHIR R4 intent"
                    why = f"intent {intent!r} ({definition}): not an order, left out"
                    source = intent_rule.source if intent_rule else FHIR_R4
            if resource.get("doNotPerform") is True:
                counts = False
                why = "doNotPerform: the request is that the medication not be given"
                source = FHIR_R4 + "medicationrequest-definitions.html"
        if not counts:
            notes.info("fhir-not-in-force", "status", why, source)
        return counts, why, source

    def current(self, readings: list[DosageReading], notes: Notes,
                field: str) -> list[DosageReading]:
        """The dosages given now: all of them, or, for steps in sequence, the current step's."""
        steps = sorted({r.sequence for r in readings if r.sequence is not None})
        if len(steps) < 2:
            return readings
        chosen = steps[0]
        said = "the first step"
        if self.as_of is not None:
            for step in steps:
                if any(_within(r.bounds, self.as_of) for r in readings if r.sequence == step):
                    chosen, said = step, f"the step in force on {self.as_of.isoformat()}"
                    break
        notes.warn("fhir-dosage-steps", field,
                   f"{len(steps)} dosages in sequence ({', '.join(map(str, steps))}) are steps "
                   f"given one after another, not together: the regimen holds {said} "
                   f"(sequence {chosen}), never their sum", FHIR_R4 + "dosage.html")
        return [r for r in readings if r.sequence in (chosen, None)]

    # -- the patient -------------------------------------------------------------------------
    def patient(self) -> Patient:
        ids = {p.get("id") for p in self.patients}
        if len(ids) > 1:
            self.notes.warn("fhir-several-patients", None,
                            f"{len(ids)} different Patient resources: no patient context read")
            return Patient()
        values: dict[str, float] = {}
        if self.patients:
            age = _age(text(self.patients[0].get("birthDate")), self.as_of)
            if age is not None:
                values["age"] = age
        latest: dict[str, tuple[str, float, str]] = {}
        codes = self.k.observation_codes
        for observation in self.observations:
            status = text(observation.get("status"))
            if status in ("entered-in-error", "cancelled"):
                continue
            measures = {codes[code] for system, code, _ in codings(observation.get("code"))
                        if system == LOINC and code in codes}
            if len(measures) != 1:
                continue
            measure = measures.pop()
            value = _observed(observation, measure)
            if value is None:
                self.notes.info("fhir-observation-not-read", _name(observation),
                                f"a {measure} Observation whose value or unit is not read")
                continue
            when = text(observation.get("effectiveDateTime")) or text(
                mapping(observation.get("effectivePeriod")).get("end")) or text(
                observation.get("issued")) or ""
            if measure not in latest or when > latest[measure][0]:
                latest[measure] = (when, value, _name(observation))
        if "weight_kg" in latest:
            values["weight_kg"] = latest["weight_kg"][1]
        if "crcl_ml_min" in latest:
            values["crcl_ml_min"] = latest["crcl_ml_min"][1]
        elif "egfr" in latest:  # reported, not substituted: the limits are written against CrCl
            self.notes.info("fhir-egfr-not-crcl", latest["egfr"][2],
                            f"eGFR {latest['egfr'][1]:g} mL/min/1.73 m2 is not used as a "
                            "creatinine clearance (the dose limits are written against CrCl); "
                            "give --crcl to check renal limits")
        try:
            return Patient(**values)
        except (MpsdoseError, TypeError, ValueError) as error:
            self.notes.warn("fhir-patient-not-read", None, f"patient context not read: {error}")
            return Patient()


def _quiet(finding: Finding) -> Finding:
    """A finding about an order that does not count: information, not a warning."""
    if finding.severity is Severity.WARNING:
        return attrs.evolve(finding, severity=Severity.INFO)
    return finding


def _within(bounds: tuple[str | None, str | None] | None, day: datetime.date) -> bool:
    if bounds is None:
        return False
    start, end = (_date(b) for b in bounds)
    return (start is None or start <= day) and (end is None or day <= end)


def _date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _age(birth: str | None, as_of: datetime.date | None) -> float | None:
    if not birth or not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", birth[:10]):
        return None
    parts = [int(p) for p in birth[:10].split("-")]
    # a year alone is read as its middle, a month as its middle day
    year, month, day = [*parts, 7, 1][:3] if len(parts) == 1 else [*parts, 15][:3]
    today = as_of or datetime.date.today()
    try:
        born = datetime.date(year, month, day)
    except ValueError:
        return None
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return float(years) if years > 0 else None


_WEIGHT_UNITS = {"kg": 1.0, "g": 0.001, "[lb_av]": 0.45359237, "lb": 0.45359237,
                 "lbs": 0.45359237}
_CLEARANCE_UNITS = {"ml/min", "ml/min/{1.73_m2}", "ml/min/1.73m2", "ml/min/1.73 m2",
                    "ml/min/{1.73m2}", "ml/min/1.73m^2"}


def _observed(observation: Mapping[str, Any], measure: str) -> float | None:
    quantity = mapping(observation.get("valueQuantity"))
    value = number(quantity.get("value"))
    unit = str(text(quantity.get("code")) or text(quantity.get("unit")) or "").lower()
    if value is None or value <= 0:
        return None
    if measure == "weight_kg":
        factor = _WEIGHT_UNITS.get(unit)
        return None if factor is None else value * factor
    return value if unit in _CLEARANCE_UNITS else None


# -- writing -------------------------------------------------------------------------------------
def _models() -> Any:
    try:
        from fhir.resources.R4B import bundle, medicationrequest, medicationstatement
    except ImportError:
        raise FhirError('writing FHIR needs fhir.resources: pip install "mpsdose[fhir]"') \
            from None
    return bundle, medicationrequest, medicationstatement


def _validate(model: Any, data: Mapping[str, Any], rid: str | None) -> Any:
    """Check a resource mpsdose writes against the R4 model (the first problem, its field)."""
    try:
        return model.model_validate(dict(data))
    except Exception as error:  # pydantic's ValidationError: first problem, its field
        errors = getattr(error, "errors", None)
        resource = f"{data.get('resourceType', 'resource')}/{rid or data.get('id') or '?'}"
        if callable(errors):
            first = errors()[0]
            field = ".".join(str(p) for p in first.get("loc", ()))
            raise FhirError(first.get("msg", str(error)), resource=resource,
                            field=field) from None
        raise FhirError(str(error), resource=resource) from None


@checked
def regimen_to_fhir(regimen: Regimen | Iterable[Item], *, patient: str = "Patient/example",
                    status: str = "active", knowledge: Knowledge | None = None) -> dict[str, Any]:
    """A FHIR R4 ``Bundle`` (type collection) of one ``MedicationRequest`` per item.

    Each carries the RxNorm ingredient code(s), the dose in UCUM, the timing, the route's SNOMED CT
    code, PRN and its maximum, and the item in the item language as ``dosageInstruction.text``.
    :func:`regimen_from_fhir` reads it back to an equal regimen. Needs ``mpsdose[fhir]``.

    Parameters
    ----------
    regimen
        A regimen, or items.
    patient
        The ``subject`` reference of every request.
    status
        The requests' ``status``.
    knowledge
        The clinical knowledge to use (RxNorm and SNOMED CT codes); None: the shipped data.

    Returns
    -------
    dict
        The Bundle as JSON-ready data, validated against the FHIR R4 models.

    Raises
    ------
    FhirError
        An item FHIR cannot express, or fhir.resources missing.
    """
    items = regimen.items if isinstance(regimen, Regimen) else tuple(regimen)
    k = resolve(knowledge)
    codes = {drug: code for code, drug in k.rxnorm.items()}
    entries = []
    for index, item in enumerate(items, start=1):
        resource = _request(k, item, f"item-{index}", codes, patient, status)
        _, request_model, _ = _models()
        _validate(request_model.MedicationRequest, resource, resource["id"])
        entries.append({"fullUrl": f"urn:uuid:mpsdose-item-{index}", "resource": resource})
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def _concept(drug: Drug, codes: Mapping[str, str]) -> dict[str, Any]:
    concept: dict[str, Any] = {"text": drug.name}
    if drug.name in codes:
        concept["coding"] = [{"system": RXNORM, "code": codes[drug.name],
                              "display": drug.name}]
    return concept


def _request(k: Knowledge, item: Item, rid: str, codes: Mapping[str, str], patient: str,
             status: str) -> dict[str, Any]:
    resource: dict[str, Any] = {"resourceType": "MedicationRequest", "id": rid,
                                "status": status, "intent": "order",
                                "subject": {"reference": patient}}
    dosage: dict[str, Any] = {"text": format_item(item)}
    if len(item.ingredients) == 1:
        resource["medicationCodeableConcept"] = _concept(item.drug, codes)
    else:
        resource["contained"] = [{
            "resourceType": "Medication", "id": "product",
            "code": {"text": item.product or item.name},
            "ingredient": [{"itemCodeableConcept": _concept(i.drug, codes),
                            "strength": {"numerator": {"value": i.dose.canonical if i.dose
                                                       else None, "unit": "mg", "system": UCUM,
                                                       "code": "mg"},
                                         "denominator": {"value": 1, "unit": "{unit}",
                                                         "system": UCUM, "code": "{unit}"}}}
                           for i in item.ingredients],
        }]
        resource["medicationReference"] = {"reference": "#product"}
    dose = item.ingredients[0].dose
    if dose is not None and len(item.ingredients) == 1:
        ucum = {"mcg": "ug", "mcg/h": "ug/h", "mg/day": "mg/d", "mcg/day": "ug/d",
                "g/day": "g/d"}.get(dose.unit.symbol, dose.unit.symbol)
        value = dose.value * (item.count or 1.0)
        dosage["doseAndRate"] = [{"doseQuantity": {"value": value, "unit": dose.unit.symbol,
                                                   "system": UCUM, "code": ucum}}]
    elif dose is not None:
        dosage["doseAndRate"] = [{"doseQuantity": {"value": item.count or 1.0, "unit": "{unit}",
                                                   "system": UCUM, "code": "{unit}"}}]
    repeat: dict[str, Any] = {}
    schedule = item.schedule
    if schedule.kind is ScheduleKind.INTERVAL:
        repeat |= {"frequency": 1, "period": schedule.value, "periodUnit": "h"}
    elif schedule.kind is ScheduleKind.AT_NIGHT:
        repeat |= {"frequency": 1, "period": 1, "periodUnit": "d", "when": ["HS"]}
    elif schedule.doses_per_day is not None:
        repeat |= {"frequency": schedule.doses_per_day, "period": 1, "periodUnit": "d"}
        if float(schedule.doses_per_day).is_integer():
            repeat["frequency"] = int(schedule.doses_per_day)
    if item.duration_days is not None:
        repeat["boundsDuration"] = {"value": item.duration_days, "unit": "d", "system": UCUM,
                                    "code": "d"}
    if repeat:
        dosage["timing"] = {"repeat": repeat}
    if item.prn:
        dosage["asNeededBoolean"] = True
        if item.max_prn_per_day is not None:
            dosage["maxDosePerPeriod"] = {
                "numerator": {"value": item.max_prn_per_day, "unit": "{dose}", "system": UCUM,
                              "code": "{dose}"},
                "denominator": {"value": 1, "unit": "d", "system": UCUM, "code": "d"}}
    if item.route_stated:
        code, display = k.route_codes[item.route]
        dosage["route"] = {"coding": [{"system": SNOMED, "code": code, "display": display}],
                           "text": item.route.value}
    resource["dosageInstruction"] = [dosage]
    return resource
