"""FHIR R4 medication orders in and out: ``MedicationRequest``, ``MedicationStatement``, ``Bundle``.

Resources are read and written with :mod:`fhir.resources` (the R4B models, which read R4
``MedicationRequest``/``MedicationStatement`` unchanged): ``pip install "mpsdose[fhir]"``.

Reading a resource (:func:`regimen_from_fhir`):

- the drug: an RxNorm ingredient code of ``data/rxnorm.csv`` in the medication's codings, else a
  catalogue name in its text or display (a product display such as "oxycodone hydrochloride 60 MG
  12 HR Extended Release Oral Tablet" names it); else an error, or an unlisted item if asked;
- the dose: ``doseQuantity`` or the high end of ``doseRange`` (as the CDC MME calculator), in UCUM
  (``mg``, ``g``, ``ug``, ``ug/h``, ``mg/h``, ``mg/d``); a count of units (``{tablet}``,
  ``{patch}``) takes its strength from the medication's display;
- the schedule: ``timing.repeat`` (``frequency``, ``frequencyMax``, ``period`` and
  ``periodUnit`` s/min/h/d/wk/mo/a, with mo = 30 d and a = 365 d; or the number of
  ``timeOfDay`` entries a day), ``asNeededBoolean``/``asNeededCodeableConcept`` for PRN;
- the route: a SNOMED CT code of ``data/fhir_routes.csv``, else the route's text.

What cannot be read is a :class:`FhirError` naming the resource id and the field, never a
default. A resource written by :func:`regimen_to_fhir` carries the item in the item language in
``dosageInstruction.text``; on import that text is used only where it agrees with the structured
fields, so that forms and counts survive the round trip.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from mpsdose.io.language import format_item, parse_item
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.model.boundary import checked
from mpsdose.model.drugs import Catalogue, Drug
from mpsdose.model.errors import MpsdoseError
from mpsdose.model.regimen import Dose, Ingredient, Item, Regimen, Schedule, ScheduleKind
from mpsdose.model.vocabulary import ROUTE_SPELLINGS, Route

__all__ = ["FhirError", "doses_per_day", "regimen_from_fhir", "regimen_to_fhir", "rxnorm_codes"]

RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"

#: UCUM period units → hours (mo = 30 d and a = 365 d, as the CDC MME calculator counts them).
PERIOD_HOURS = {"s": 1 / 3600, "min": 1 / 60, "h": 1.0, "d": 24.0, "wk": 168.0,
                "mo": 720.0, "a": 8760.0}
#: UCUM dose units → mpsdose unit spellings.
UCUM_UNITS = {"mg": "mg", "g": "g", "ug": "mcg", "mcg": "mcg", "ug/h": "mcg/h", "ug/hr": "mcg/h",
              "mcg/h": "mcg/h", "mg/h": "mg/h", "mg/d": "mg/day", "ug/d": "mcg/day",
              "g/d": "g/day", "mg/(24.h)": "mg/day"}
_COUNT_UNIT = re.compile(r"^\{(?P<form>[a-z ]+?)s?\}$")
_STRENGTH = re.compile(r"(\d+(?:\.\d+)?)\s*(MG|MCG|UG|G)(?:\s*/\s*(HR|H|ML|ACTUAT))?",
                       re.IGNORECASE)


class FhirError(MpsdoseError, ValueError):
    """A FHIR resource that cannot be read: names the resource and the field.

    A :class:`ValueError`. Each parameter is kept as an attribute of the same name.

    Parameters
    ----------
    message
        What is wrong; the resource and field are put before it.
    resource
        The resource's id or type.
    field
        The field that could not be read (``dosageInstruction[0].doseAndRate``).
    """

    def __init__(self, message: str, *, resource: str | None = None, field: str | None = None):
        self.resource = resource
        self.field = field
        where = "/".join(part for part in (resource, field) if part)
        super().__init__(f"{where}: {message}" if where else message)


def _models() -> Any:
    try:
        from fhir.resources.R4B import bundle, medicationrequest, medicationstatement
    except ImportError:
        raise FhirError('FHIR needs fhir.resources: pip install "mpsdose[fhir]"') from None
    return bundle, medicationrequest, medicationstatement


def rxnorm_codes(knowledge: Knowledge | None = None) -> dict[str, str]:
    """RxNorm ingredient code → catalogue drug name (``data/rxnorm.csv``).

    Parameters
    ----------
    knowledge
        The clinical knowledge to use; None: the shipped data.
    """
    return dict(resolve(knowledge).rxnorm)


def doses_per_day(repeat: Mapping[str, Any] | None, *, prn: bool = False) -> float | None:
    """Administrations in 24 h from a ``Timing.repeat``: the most aggressive dosing.

    ``frequencyMax`` (else ``frequency``, else 1) per ``period`` ``periodUnit``; without a
    period, the number of ``timeOfDay`` entries; None where neither is given or the unit is not
    a time (the caller says why).

    Parameters
    ----------
    repeat
        A FHIR ``Timing.repeat`` as JSON.
    prn
        Whether the dose is as needed (kept for the callers; the count is the same).

    Returns
    -------
    float or None
        [1/day].
    """
    if not repeat:
        return None
    count = repeat.get("frequencyMax") or repeat.get("frequency") or 1
    period, unit = repeat.get("period"), repeat.get("periodUnit")
    if period is not None:
        hours = PERIOD_HOURS.get(str(unit))
        if hours is None or float(period) <= 0:
            return None
        return float(count) * 24.0 / (float(period) * hours)
    times = repeat.get("timeOfDay")
    if times:
        return float(len(times))
    return None


# -- reading ---------------------------------------------------------------------------------------
@checked
def regimen_from_fhir(document: Mapping[str, Any] | str | Path, *,
                      allow_unlisted: bool = False, knowledge: Knowledge | None = None) -> Regimen:
    """A regimen from a FHIR R4 ``MedicationRequest``, ``MedicationStatement`` or ``Bundle``.

    Drugs are matched by RxNorm ingredient code (``data/rxnorm.csv``) or by name, routes by
    SNOMED CT code (``data/fhir_routes.csv``). Needs ``mpsdose[fhir]`` (fhir.resources).

    Parameters
    ----------
    document
        The resource as parsed JSON, as JSON text, or a path to a JSON file.
    allow_unlisted
        Keep drugs the catalogue does not know instead of raising.
    knowledge
        The clinical knowledge to use; None: the shipped data.

    Returns
    -------
    Regimen
        One item per dosage instruction; labelled with the Bundle's id.

    Raises
    ------
    FhirError
        What cannot be read, naming the resource and the field; or fhir.resources missing.
    """
    if isinstance(document, Path) or (isinstance(document, str)
                                      and not document.lstrip().startswith("{")):
        document = json.loads(Path(document).read_text(encoding="utf-8"))
    elif isinstance(document, str):
        document = json.loads(document)
    if not isinstance(document, Mapping):
        raise FhirError("a FHIR document is a JSON object")
    kind = document.get("resourceType")
    resources: list[Mapping[str, Any]]
    if kind == "Bundle":
        bundle_model, _, _ = _models()
        _validate(bundle_model.Bundle, document, document.get("id"))
        resources = [entry.get("resource") or {} for entry in document.get("entry") or []]
    else:
        resources = [document]
    k = resolve(knowledge)
    items = []
    for resource in resources:
        items.extend(_read_resource(k, resource, allow_unlisted))
    return Regimen(tuple(items), document.get("id") if kind == "Bundle" else None)


def _validate(model: Any, data: Mapping[str, Any], rid: str | None) -> Any:
    try:
        return model.model_validate(dict(data))
    except Exception as error:  # pydantic's ValidationError: first problem, its field
        errors = getattr(error, "errors", None)
        if callable(errors):
            first = errors()[0]
            field = ".".join(str(p) for p in first.get("loc", ()))
            raise FhirError(first.get("msg", str(error)), resource=_name(data, rid),
                            field=field) from None
        raise FhirError(str(error), resource=_name(data, rid)) from None


def _name(resource: Mapping[str, Any], rid: str | None = None) -> str:
    return f"{resource.get('resourceType', 'resource')}/{rid or resource.get('id') or '?'}"


def _read_resource(k: Knowledge, resource: Mapping[str, Any],
                   allow_unlisted: bool) -> list[Item]:
    kind = resource.get("resourceType")
    _, request_model, statement_model = _models()
    if kind == "MedicationRequest":
        _validate(request_model.MedicationRequest, resource, None)
        dosages = resource.get("dosageInstruction") or []
    elif kind == "MedicationStatement":
        _validate(statement_model.MedicationStatement, resource, None)
        dosages = resource.get("dosage") or []
    else:
        raise FhirError(f"resourceType {kind!r}: expected MedicationRequest, "
                        "MedicationStatement or Bundle", resource=_name(resource),
                        field="resourceType")
    name = _name(resource)
    field = "dosageInstruction" if kind == "MedicationRequest" else "dosage"
    if not dosages:
        raise FhirError("no dosage: the dose and frequency are not known", resource=name,
                        field=field)
    drugs, display, strengths = _medication(k, resource, name, allow_unlisted)
    return [_item(k, dosage, drugs, display, strengths, name, f"{field}[{i}]")
            for i, dosage in enumerate(dosages)]


def _medication(k: Knowledge, resource: Mapping[str, Any], name: str,
                allow_unlisted: bool) -> tuple[list[Drug], str, list[Dose] | None]:
    """The drugs of a resource, its medication text, and per-unit strengths if it gives them."""
    concept = resource.get("medicationCodeableConcept")
    field = "medicationCodeableConcept"
    if concept is None and resource.get("medicationReference"):
        reference = str(resource["medicationReference"].get("reference", ""))
        contained = {f"#{c.get('id')}": c for c in resource.get("contained") or []}
        medication = contained.get(reference)
        if medication is None:
            raise FhirError(f"medicationReference {reference!r} is not a contained Medication",
                            resource=name, field="medicationReference")
        concept, field = medication.get("code") or {}, "contained Medication.code"
        ingredients = medication.get("ingredient") or []
        drugs, strengths = [], []
        for index, entry in enumerate(ingredients):
            item = entry.get("itemCodeableConcept") or {}
            found = _drug_of(k, item)
            if found is None:
                raise FhirError("an ingredient is not a known drug", resource=name,
                                field=f"contained Medication.ingredient[{index}]")
            drugs.append(found)
            numerator = ((entry.get("strength") or {}).get("numerator") or {})
            unit = UCUM_UNITS.get(str(numerator.get("code") or numerator.get("unit")))
            if numerator.get("value") is not None and unit is not None:
                strengths.append(Dose.of(float(numerator["value"]), unit))
        if drugs:
            return (drugs, str(concept.get("text") or ""),
                    strengths if len(strengths) == len(drugs) else None)
    if not concept:
        raise FhirError("no medication", resource=name, field="medication[x]")
    found = _drug_of(k, concept)
    display = " ".join(str(c.get("display") or "") for c in concept.get("coding") or [])
    text = str(concept.get("text") or display)
    if found is not None:
        return [found], text, None
    if allow_unlisted:
        return [Drug.unlisted(text or "unnamed medication")], text, None
    raise FhirError(f"medication {text!r} is not in the catalogue (by RxNorm code or name)",
                    resource=name, field=field)


def _drug_of(k: Knowledge, concept: Mapping[str, Any]) -> Drug | None:
    books = k.catalogue
    codes = k.rxnorm
    for coding in concept.get("coding") or []:
        if str(coding.get("system", "")).rstrip("/") == RXNORM and str(coding.get("code")) in codes:
            return books.drugs[codes[str(coding["code"])]]
    texts = [str(concept.get("text") or "")] + [str(c.get("display") or "")
                                                 for c in concept.get("coding") or []]
    for text in texts:
        found = _name_in(books, text)
        if found is not None:
            return found
    return None


def _name_in(books: Catalogue, text: str) -> Drug | None:
    """The one catalogue drug a product text names ("oxycodone hydrochloride 60 MG …")."""
    exact = books.get(text)
    if exact is not None:
        return exact
    words = re.findall(r"[a-z][a-z\-]+", text.lower())
    found = {books.names[w] for w in words if w in books.names}
    return books.drugs[found.pop()] if len(found) == 1 else None


def _route(k: Knowledge, dosage: Mapping[str, Any], name: str, field: str) -> Route | None:
    route = dosage.get("route")
    if not route:
        return None
    by_code = k.snomed_routes
    for coding in route.get("coding") or []:
        if str(coding.get("code")) in by_code:
            return by_code[str(coding["code"])]
    for text in [route.get("text")] + [c.get("display") for c in route.get("coding") or []]:
        if not text:
            continue
        key = str(text).lower().removesuffix(" route").removesuffix(" use").strip()
        if key in ROUTE_SPELLINGS:
            return ROUTE_SPELLINGS[key]
    raise FhirError("route not understood (a SNOMED CT route code or a route name)",
                    resource=name, field=f"{field}.route")


def _route_of_product(drugs: list[Drug], form: str | None, display: str) -> Route | None:
    """A route the product itself states, where the dosage gives none: a ``{patch}`` is
    transdermal, "… Oral Tablet" is oral. None if it does not say, or says several."""
    implied = {d.route_for_form(form) for d in drugs} - {None}
    if len(implied) == 1:
        return implied.pop()
    named = {ROUTE_SPELLINGS[w] for w in re.findall(r"[a-z]+", display.lower())
             if w in ROUTE_SPELLINGS and len(w) > 3}
    return named.pop() if len(named) == 1 else None


def _dose(dosage: Mapping[str, Any], display: str, strengths: list[Dose] | None,
          count_drugs: int, name: str, field: str) -> tuple[list[Dose], float | None, str | None]:
    """The amounts (one per ingredient), a count of units, and the form of the unit."""
    rates = dosage.get("doseAndRate") or []
    if not rates:
        raise FhirError("no doseAndRate: the dose is not known", resource=name,
                        field=f"{field}.doseAndRate")
    first = rates[0]
    quantity = first.get("doseQuantity") or (first.get("doseRange") or {}).get("high")
    where = f"{field}.doseAndRate[0]." + ("doseQuantity" if first.get("doseQuantity")
                                         else "doseRange.high")
    if not quantity or quantity.get("value") is None:
        raise FhirError("no dose value", resource=name, field=where)
    value = float(quantity["value"])
    unit = str(quantity.get("code") or quantity.get("unit") or "")
    spelled = UCUM_UNITS.get(unit) or UCUM_UNITS.get(unit.lower())
    if spelled is not None:
        if count_drugs != 1:
            raise FhirError("a combination product's dose is a count of units", resource=name,
                            field=where)
        try:
            return [Dose.of(value, spelled, text=f"{name} {where}")], None, None
        except MpsdoseError as error:
            raise FhirError(str(error), resource=name, field=where) from None
    count = _COUNT_UNIT.match(unit.lower())
    if count is None:
        raise FhirError(f"dose unit {unit!r} is not a dose unit (UCUM mg, g, ug, ug/h … or a "
                        "count such as {tablet}, {patch})", resource=name, field=where)
    form = count.group("form").strip()
    form = {"tab": "tablet", "tbl": "tablet", "cap": "capsule"}.get(form, form)
    if strengths is not None:
        return strengths, value, form
    printed = _STRENGTH.findall(display)
    if len(printed) != count_drugs:
        raise FhirError(f"a dose of {value:g} {unit} needs the strength per unit, which the "
                        f"medication {display!r} does not give (one per ingredient)",
                        resource=name, field=where)
    doses = []
    for number, mass, per in printed:
        spelling = mass.lower().replace("ug", "mcg")
        if per.lower() in ("hr", "h"):  # a patch's release rate, written in mcg/h
            rate = Dose.of(float(number), spelling + "/h")
            doses.append(Dose.of(rate.unit.to_canonical(rate.value) * 1000 / 24, "mcg/h"))
            continue
        if per:
            raise FhirError(f"strength '{number} {mass}/{per}' is not a unit strength",
                            resource=name, field="medication")
        doses.append(Dose.of(float(number), spelling))
    return doses, value, form


def _item(k: Knowledge, dosage: Mapping[str, Any], drugs: list[Drug], display: str,
          strengths: list[Dose] | None, name: str, field: str) -> Item:
    doses, count, unit_form = _dose(dosage, display, strengths, len(drugs), name, field)
    route = _route(k, dosage, name, field) or _route_of_product(drugs, unit_form, display)
    prn = bool(dosage.get("asNeededBoolean") or dosage.get("asNeededCodeableConcept"))
    repeat = (dosage.get("timing") or {}).get("repeat") or {}
    rate = doses[0].kind.value == "rate"
    per_day = doses_per_day(repeat, prn=prn)
    if repeat.get("period") is not None and per_day is None:
        raise FhirError(f"periodUnit {repeat.get('periodUnit')!r} is not a time unit "
                        f"({', '.join(PERIOD_HOURS)})", resource=name,
                        field=f"{field}.timing.repeat.periodUnit")
    schedule = Schedule()
    count_per, period, unit = (float(repeat.get("frequencyMax") or repeat.get("frequency") or 1),
                               repeat.get("period"), repeat.get("periodUnit"))
    if "HS" in (repeat.get("when") or []) and per_day in (None, 1.0):
        schedule, per_day = Schedule(ScheduleKind.AT_NIGHT), 1.0
    elif per_day is not None:
        if rate:  # a patch: its change interval; an infusion: continuous
            schedule = Schedule.every(24.0 / per_day) if route is Route.TRANSDERMAL \
                else Schedule(ScheduleKind.CONTINUOUS)
        elif period is not None and unit == "h" and count_per == 1:
            schedule = Schedule.every(float(period))  # q4h, q12h
        elif period is not None and unit == "d" and float(period) == 1:
            schedule = Schedule.times_per_day(count_per)  # bid, tid, 3x/day
        else:
            schedule = Schedule.times_per_day(per_day)
    elif not prn and not rate:
        raise FhirError("no timing: how often the dose is given is not known", resource=name,
                        field=f"{field}.timing")
    duration = None
    bounds = repeat.get("boundsDuration")
    if bounds and bounds.get("value") is not None:
        hours = PERIOD_HOURS.get(str(bounds.get("code") or bounds.get("unit")))
        if hours is not None:
            duration = float(bounds["value"]) * hours / 24
    max_prn = None
    max_dose = dosage.get("maxDosePerPeriod")
    if prn and max_dose and (max_dose.get("numerator") or {}).get("value") is not None:
        denominator = max_dose.get("denominator") or {}
        hours = PERIOD_HOURS.get(str(denominator.get("code") or denominator.get("unit")), 24.0)
        max_prn = float(max_dose["numerator"]["value"]) * 24.0 / (
            float(denominator.get("value", 1)) * hours)
    structured = _build(drugs, doses, route, schedule, prn, max_prn, count, unit_form,
                        duration, display, name, field)
    return _agreeing_text(k, dosage.get("text"), structured)


def _build(drugs: list[Drug], doses: list[Dose], route: Route | None, schedule: Schedule,
           prn: bool, max_prn: float | None, count: float | None, form: str | None,
           duration: float | None, display: str, name: str, field: str) -> Item:
    stated = route is not None
    if route is None:
        defaults = {d.default_route for d in drugs if d.listed}
        if defaults != {Route.ORAL} and any(d.listed for d in drugs):
            raise FhirError("no route, and the drug has no oral form", resource=name,
                            field=f"{field}.route")
        route = Route.ORAL
    try:
        return Item(tuple(Ingredient(d, dose) for d, dose in zip(drugs, doses, strict=True)),
                    route, schedule, prn=prn, max_prn_per_day=max_prn, count=count,
                    form=form if form in ("tablet", "capsule", "patch", "suppository") else None,
                    duration_days=duration, route_stated=stated)
    except MpsdoseError as error:
        raise FhirError(str(error), resource=name, field=field) from None


def _agreeing_text(k: Knowledge, text: Any, structured: Item) -> Item:
    """The item written in ``dosageInstruction.text`` where it is the same order as the fields
    say (drug, route, daily amount, PRN); else the structured item."""
    if not isinstance(text, str) or not text.strip():
        return structured
    try:
        written = parse_item(text, knowledge=k)
    except MpsdoseError:
        return structured
    same = (written.drugs == structured.drugs and written.route is structured.route
            and written.prn == structured.prn
            and _close(written.daily(), structured.daily())
            and _close(written.per_dose(), structured.per_dose()))
    return written if same else structured


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


# -- writing -------------------------------------------------------------------------------------
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
