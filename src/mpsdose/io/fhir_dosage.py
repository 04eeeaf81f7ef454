"""One FHIR ``Dosage`` read into an :class:`~mpsdose.model.regimen.Item`: dose, timing, route, PRN.

**The dose** (``doseAndRate``; the ``ordered`` entry where several are typed): ``doseQuantity`` in
a mass (``mg``, ``g``, ``ug``), a rate (``mg/h``, ``ug/h``, ``mg/d``, ``ug/min``), a volume (``mL``,
with the product's concentration for every ingredient), or a count of the product's units as EHRs
write it (``TAB``, ``{tablet}``, ``tablet``, ``tbl``, ``patch``, ``{patch}``, ``film``, ``ea``, the
SNOMED CT tablet codes, a value with no unit) times the strength of one unit. ``doseRange`` is
read at both ends; the item takes the high end (the CDC MME calculator's rule) and the low end is
kept. ``rateQuantity``/``rateRatio`` make a continuous infusion. A per-kg or per-m² dose, a dose in
units, mEq or drops, a fraction of a patch, a count unit that is not the product's form (a
``{patch}`` of a tablet) are not read, and say so.

**The timing**: ``repeat`` (``frequency``/``frequencyMax`` per ``period``/``periodMax``
``periodUnit``, the most frequent end counting; ``timeOfDay``; ``when``; ``dayOfWeek``; ``count``;
``boundsDuration``/``boundsPeriod``), else ``timing.code`` (the FHIR timing abbreviations of
``data/fhir_timing_codes.csv``, or its text: "Q4H PRN"). A period unit written as a word
("hours") is read with a warning; one that is not a time is refused.

**PRN**: ``asNeededBoolean``/``asNeededCodeableConcept`` (or "PRN" in the timing text), and
``maxDosePerPeriod`` as the most administrations in 24 h: a count of doses, a count of the
product's units (divided by the units per dose), or a mass (divided by the mass per dose). A
maximum over more than 24 h, a zero denominator or a numerator that cannot be read is reported and
not used.

**The route**: the dosage's route (SNOMED CT code of ``data/fhir_routes.csv``, else its words),
else the product's dose form (a suppository is rectal, a transdermal system a patch), else the
drug's default (oral, where it has an oral form).

``Dosage.text`` is compared with the structured timing: where it states another frequency
("One tablet daily" over ``frequency 4 per day``) the dosage is not totalled and a warning says
why.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import attrs

from mpsdose.io.fhir_medication import Medication
from mpsdose.io.fhir_values import Notes, codings, concept_texts, mapping, number, sequence, text
from mpsdose.io.language import format_item, parse_frequency, parse_item
from mpsdose.knowledge.bundle import Knowledge
from mpsdose.model.errors import MpsdoseError
from mpsdose.model.regimen import Dose, Ingredient, Item, Schedule, ScheduleKind
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import ROUTE_SPELLINGS, Route

__all__ = ["PERIOD_HOURS", "DosageReading", "TimingReading", "doses_per_day", "for_totals",
           "read_dosage", "read_route", "read_timing", "unknown_dose_item"]

#: UCUM period units → hours (mo = 30 d and a = 365 d, as the CDC MME calculator counts them).
PERIOD_HOURS = {"s": 1 / 3600, "min": 1 / 60, "h": 1.0, "d": 24.0, "wk": 168.0,
                "mo": 720.0, "a": 8760.0}
#: Period units written as words (not UCUM codes), read with a warning.
_PERIOD_WORDS = {"sec": "s", "second": "s", "seconds": "s", "minute": "min", "minutes": "min",
                 "mins": "min", "hour": "h", "hours": "h", "hr": "h", "hrs": "h", "day": "d",
                 "days": "d", "week": "wk", "weeks": "wk", "month": "mo", "months": "mo",
                 "year": "a", "years": "a"}
_MASS = {"mg": "mg", "g": "g", "ug": "mcg", "mcg": "mcg", "µg": "mcg", "milligram": "mg",
         "milligrams": "mg", "microgram": "mcg", "micrograms": "mcg", "gram": "g", "grams": "g"}
#: Rates: unit → (mpsdose unit, factor).
_RATES = {"mg/h": ("mg/h", 1.0), "mg/hr": ("mg/h", 1.0), "ug/h": ("mcg/h", 1.0),
          "ug/hr": ("mcg/h", 1.0), "mcg/h": ("mcg/h", 1.0), "mcg/hr": ("mcg/h", 1.0),
          "mg/d": ("mg/day", 1.0), "mg/day": ("mg/day", 1.0), "mg/(24.h)": ("mg/day", 1.0),
          "ug/d": ("mcg/day", 1.0), "mcg/d": ("mcg/day", 1.0), "mcg/day": ("mcg/day", 1.0),
          "g/d": ("g/day", 1.0), "g/day": ("g/day", 1.0), "ug/min": ("mcg/h", 60.0),
          "mcg/min": ("mcg/h", 60.0), "mg/min": ("mg/h", 60.0)}
_VOLUMES = {"ml": 1.0, "l": 1000.0, "{ml}": 1.0, "milliliter": 1.0, "milliliters": 1.0}
#: Count units → the form they name (None: any unit of the product).
_COUNT_UNITS = {
    "tab": "tablet", "tabs": "tablet", "tablet": "tablet", "tablets": "tablet", "{tablet}":
    "tablet", "{tablets}": "tablet", "{tab}": "tablet", "tbl": "tablet", "{tbl}": "tablet",
    "428673006": "tablet", "385055001": "tablet", "732936001": "tablet",
    "cap": "capsule", "caps": "capsule", "capsule": "capsule", "capsules": "capsule",
    "{capsule}": "capsule", "{cap}": "capsule", "{capsules}": "capsule",
    "patch": "patch", "patches": "patch", "{patch}": "patch", "{patches}": "patch",
    "film": "film", "{film}": "film", "supp": "suppository", "suppository": "suppository",
    "{suppository}": "suppository", "recsupp": "suppository", "lozenge": "lozenge",
    "{lozenge}": "lozenge", "troche": "lozenge", "spray": "spray", "{spray}": "spray",
    "actuat": "spray", "{actuat}": "spray", "{actuation}": "spray", "{puff}": "spray",
    "ea": None, "each": None, "{each}": None, "{unit}": None, "unit": None, "1": None,
    "{dose}": None, "dose": None,
}
#: Forms a count of one may stand for (a capsule ordered as "tablets" is the same unit).
_FORM_GROUPS = {"tablet": "solid", "capsule": "solid", "lozenge": "lozenge", "patch": "patch",
                "film": "film", "suppository": "suppository", "spray": "spray"}
_COUNT_FORMS = ("tablet", "capsule", "patch", "suppository")
_DOSE_COUNT_UNITS = {"{dose}", "{doses}", "dose", "doses", "{administration}",
                     "{administrations}"}


@attrs.frozen(repr=False, eq=False)
class TimingReading(Value):
    """How often, from ``Dosage.timing``."""

    per_day: float | None = None  #: administrations in 24 h at the most frequent
    schedule: Schedule = attrs.field(factory=Schedule)
    duration_days: float | None = None
    bounds: tuple[str | None, str | None] | None = None
    prn_in_text: bool = False
    said: str = ""  #: where the frequency was read (repeat, code BID, code text)


@attrs.frozen(repr=False, eq=False)
class DosageReading(Value):
    """One dosage instruction as read: the item (None where it cannot be), and the low end of a
    dose range."""

    index: int
    sequence: int | None
    item: Item | None
    low: Item | None = None
    text: str | None = None
    bounds: tuple[str | None, str | None] | None = None
    reason: str = ""  #: why there is no item

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"index": self.index, "sequence": self.sequence,
                                "text": self.text, "item": _describe(self.item)}
        if self.low is not None:
            data["low"] = _describe(self.low)
        if self.bounds is not None:
            data["bounds"] = {"start": self.bounds[0], "end": self.bounds[1]}
        if self.reason:
            data["reason"] = self.reason
        return data


def _describe(item: Item | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {"as_read": str(item), "drug": item.name, "route": item.route.value,
            "prn": item.prn, "daily": [{"drug": i.drug.name, "mg_per_day": item.daily(i)}
                                       for i in item.ingredients]}


def doses_per_day(repeat: Mapping[str, Any] | None, *, prn: bool = False) -> float | None:
    """Administrations in 24 h from a ``Timing.repeat``, at its most frequent; None where it does
    not say (no period, no times of day) or its period unit is not a time.

    ``frequencyMax`` (else ``frequency``, else 1) per ``period`` ``periodUnit`` (UCUM s, min, h,
    d, wk, mo = 30 d, a = 365 d, as the CDC MME calculator counts them); without a period, the
    number of ``timeOfDay`` entries, or of ``when`` events.

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
    found = _repeat_per_day(mapping(repeat), Notes("Timing"), "timing.repeat")
    return found[0] if found is not None else None


def _time_unit(value: Any, notes: Notes, field: str) -> str | None:
    unit = text(value)
    if unit is None:
        return None
    if unit in PERIOD_HOURS:
        return unit
    word = _PERIOD_WORDS.get(unit.lower())
    if word is not None:
        notes.warn("fhir-period-unit-word", field,
                   f"{unit!r} is not a UCUM time code (s, min, h, d, wk, mo, a): read as {word!r}")
        return word
    return None


def _repeat_per_day(repeat: Mapping[str, Any], notes: Notes,
                    field: str) -> tuple[float, float | None] | None:
    """(administrations per day, interval in hours where one dose per period) from a repeat."""
    frequency = number(repeat.get("frequencyMax")) or number(repeat.get("frequency"))
    if frequency is not None and frequency <= 0:
        notes.warn("fhir-bad-frequency", f"{field}.frequency", "not a positive number")
        return None
    count = frequency or 1.0
    period = number(repeat.get("period"))
    unit_text = repeat.get("periodUnit")
    unit = _time_unit(unit_text, notes, f"{field}.periodUnit")
    if unit_text is not None and unit is None:
        notes.warn("fhir-bad-period-unit", f"{field}.periodUnit",
                   f"{unit_text!r} is not a time unit ({', '.join(PERIOD_HOURS)})")
        return None
    if period is None and unit is not None and (frequency is not None or not repeat.get("count")):
        notes.warn("fhir-period-missing", f"{field}.period",
                   f"periodUnit {unit!r} without a period: read as 1 {unit}")
        period = 1.0
    if period is not None:
        if unit is None:
            notes.warn("fhir-period-unit-missing", f"{field}.periodUnit",
                       "a period without its unit: how often is not known")
            return None
        if period <= 0:
            notes.warn("fhir-bad-period", f"{field}.period", "not a positive number")
            return None
        hours = period * PERIOD_HOURS[unit]
        per_day = count * 24.0 / hours
        days = sequence(repeat.get("dayOfWeek"))
        if days and hours <= 24.0:
            per_day *= min(len(days), 7) / 7.0
            notes.info("fhir-day-of-week", f"{field}.dayOfWeek",
                       f"given on {len(days)} day(s) of the week: averaged over the week")
        return per_day, (hours if count == 1 and not days else None)
    times = [t for t in sequence(repeat.get("timeOfDay")) if isinstance(t, str)]
    if times:
        return float(len(times)), (24.0 / len(times) if len(times) in (1, 2) else None)
    when = [w for w in sequence(repeat.get("when")) if isinstance(w, str)]
    if when:
        return float(len(when)) * (frequency or 1.0), None
    return None


_TEXT_INTERVAL = re.compile(r"(?:\bq|\bevery)\s*(\d+(?:\.\d+)?)\s*(?:-\s*\d+\s*)?"
                            r"(?:h|hr|hrs|hours?)\b", re.I)


def _code_timing(k: Knowledge, timing: Mapping[str, Any], notes: Notes,
                 field: str) -> tuple[float, Schedule, str, bool] | None:
    """(per day, schedule, what said it, PRN in its text) from ``timing.code``."""
    concept = mapping(timing.get("code"))
    if not concept:
        return None
    for _, code, _ in codings(concept):
        found = k.timing_codes.get(code.upper())
        if found is not None:
            hours = found.period * PERIOD_HOURS[found.period_unit]
            per_day = found.frequency * 24.0 / hours
            if found.when == "HS":
                schedule = Schedule(ScheduleKind.AT_NIGHT)
            elif found.period_unit == "h" and found.frequency == 1:
                schedule = Schedule.every(hours)
            elif hours == 24.0:
                schedule = Schedule.times_per_day(found.frequency)
            else:
                schedule = Schedule.times_per_day(per_day)
            return per_day, schedule, f"timing.code {found.code} ({found.definition})", False
    for written in concept_texts(concept):
        prn = bool(re.search(r"\bprn\b|as needed", written, re.I))
        cleaned = re.sub(r"\b(prn|as needed|scheduled|routine)\b", " ", written, flags=re.I)
        cleaned = re.sub(r"^\s*\d{3,4}\s+", " ", cleaned)  # a clock time ("1000 every 24h")
        read: Schedule | None = parse_frequency(cleaned)
        if read is None:
            interval = _TEXT_INTERVAL.search(cleaned)
            if interval is not None and float(interval.group(1)) > 0:
                read = Schedule.every(float(interval.group(1)))
        if read is not None and read.doses_per_day is not None:
            return read.doses_per_day, read, f"timing.code text {written!r}", prn
        if prn:
            return None
    return None


def read_timing(k: Knowledge, timing_value: Any, notes: Notes, field: str) -> TimingReading:
    """How often a dosage is given, from its ``timing``."""
    timing = mapping(timing_value)
    repeat = mapping(timing.get("repeat"))
    found = _repeat_per_day(repeat, notes, f"{field}.timing.repeat") if repeat else None
    coded = _code_timing(k, timing, notes, f"{field}.timing.code")
    prn_in_text = bool(coded and coded[3]) or any(
        re.search(r"\bprn\b", t, re.I) for t in concept_texts(timing.get("code")))
    per_day: float | None = None
    schedule = Schedule()
    said = ""
    if found is not None:
        per_day, interval = found
        said = "timing.repeat"
        when = {w.upper() for w in sequence(repeat.get("when")) if isinstance(w, str)}
        if "HS" in when and abs(per_day - 1.0) < 1e-9:
            schedule = Schedule(ScheduleKind.AT_NIGHT)
        elif interval is not None and repeat.get("periodUnit") in ("h", "min") \
                and interval < 24.0:
            schedule = Schedule.every(interval)
        else:
            schedule = Schedule.times_per_day(per_day)
        if coded is not None and not math.isclose(coded[0], per_day, rel_tol=1e-6):
            notes.warn("fhir-timing-disagrees", f"{field}.timing",
                       f"timing.repeat says {per_day:g}/day and {coded[2]} says "
                       f"{coded[0]:g}/day: the repeat is read")
    elif coded is not None:
        per_day, schedule, said, _ = coded
    count = number(repeat.get("count"))
    duration: float | None = None
    if count is not None and count > 0:
        if per_day is None and count == 1:
            per_day, schedule, said = 1.0, Schedule.times_per_day(1), "timing.repeat.count"
            notes.info("fhir-single-dose", f"{field}.timing.repeat.count",
                       "a single administration: read as given once, on one day")
        if per_day:
            duration = count / per_day
    bounds_duration = mapping(repeat.get("boundsDuration"))
    if bounds_duration:
        value = number(bounds_duration.get("value"))
        unit = _time_unit(bounds_duration.get("code") or bounds_duration.get("unit"), notes,
                          f"{field}.timing.repeat.boundsDuration")
        if value is not None and value > 0 and unit is not None:
            duration = value * PERIOD_HOURS[unit] / 24.0
    period = mapping(repeat.get("boundsPeriod"))
    bounds = (text(period.get("start")), text(period.get("end"))) if period else None
    return TimingReading(per_day, schedule, duration, bounds, prn_in_text, said)


def read_route(k: Knowledge, dosage: Mapping[str, Any], notes: Notes,
               field: str) -> tuple[Route | None, bool]:
    """(route, readable): the dosage's route; (None, True) where it gives none, (None, False)
    where it gives one mpsdose does not know (eye, vagina, …)."""
    route = mapping(dosage.get("route"))
    if not route:
        return None, True
    by_code = k.snomed_routes
    for _, code, _ in codings(route):
        if code in by_code:
            return by_code[code], True
    for written in concept_texts(route) + [code for _, code, _ in codings(route)]:
        found = _route_words(written)
        if found is not None:
            return found, True
    said = ", ".join(concept_texts(route)) or ", ".join(
        f"{system.rsplit('/', 1)[-1] or 'code'} {code}" for system, code, _ in codings(route)
        if code) or "(empty)"
    notes.warn("fhir-route-not-read", f"{field}.route",
               f"route {said!r} is not one mpsdose reads (oral, sublingual, buccal, intranasal, "
               "rectal, transdermal, topical, iv, sc, im, epidural, intrathecal)")
    return None, False


def _route_words(written: str) -> Route | None:
    phrase = re.sub(r"\(.*?\)", " ", written.lower())
    phrase = re.sub(r"\b(route|use|of administration|administration of treatment)\b", " ",
                    phrase)
    phrase = " ".join(re.sub(r"[^a-z.\s]", " ", phrase).split())
    if phrase in ROUTE_SPELLINGS:
        return ROUTE_SPELLINGS[phrase]
    found = {ROUTE_SPELLINGS[w] for w in phrase.split() if w in ROUTE_SPELLINGS and len(w) > 2}
    return found.pop() if len(found) == 1 else None


# -- the dose ------------------------------------------------------------------------------------
@attrs.frozen(repr=False, eq=False)
class _Amount(Value):
    """The amounts one administration gives, one per ingredient, or a rate."""

    doses: tuple[Dose, ...]
    count: float | None = None
    form: str | None = None
    rate: bool = False
    units_per_dose: float | None = None  #: product units per administration (for a maximum)
    mass_per_dose_mg: float | None = None  #: single-ingredient mass per administration


def _tidy(value: float) -> float:
    """A computed magnitude without float noise (17.55 mL/h × 0.8 mg/mL is 14.04, not
    14.040000000000001): 12 significant digits, far finer than any dose."""
    return float(f"{value:.12g}")


def _unit_of(quantity: Mapping[str, Any]) -> tuple[str, str]:
    """(code, unit) lower case; the code is what counts when it is there."""
    code = str(text(quantity.get("code")) or "").lower()
    unit = str(text(quantity.get("unit")) or "").lower()
    return code, unit


def _amount(quantity: Mapping[str, Any], medication: Medication, notes: Notes,
            where: str) -> _Amount | None:
    value = number(quantity.get("value"))
    if value is None:
        notes.warn("fhir-no-dose-value", where, "no dose value")
        return None
    if value <= 0:
        notes.warn("fhir-bad-dose-value", where, f"dose {value:g} is not positive")
        return None
    code, unit = _unit_of(quantity)
    spelled = unit or code
    if re.search(r"/(kg|\[?m2\]?|m\^2|1\.73)", code or unit):
        notes.warn("fhir-dose-per-body", where,
                   f"a dose per body weight or area ({spelled}) needs the patient's weight or "
                   "body surface area: not totalled")
        return None
    components = medication.components
    mass = _MASS.get(code) or (None if code else _MASS.get(unit))
    if mass is not None:
        if len(components) != 1:
            notes.warn("fhir-combination-mass-dose", where,
                       f"a dose of {value:g} {mass} of a combination product "
                       f"({medication.label}) does not say how much of each ingredient")
            return None
        strength = components[0].strength
        if strength is not None and strength.rate_mcg_h is not None:
            notes.warn("fhir-mass-dose-of-patch", where,
                       f"a dose of {value:g} {mass} of a patch: a patch is dosed in patches or "
                       "mcg/h")
            return None
        dose = Dose.of(value, mass, text=f"{notes.resource} {where}")
        if strength is not None and strength.mass_mg is not None and strength.mass_mg > 0:
            units = dose.canonical / strength.mass_mg
            if abs(units * 2 - round(units * 2)) > 1e-6:
                notes.warn("fhir-dose-not-whole-units", where,
                           f"{value:g} {mass} is {units:.3g} units of the product "
                           f"({strength.format()} each): not a whole or half unit")
        return _Amount((dose,), mass_per_dose_mg=dose.canonical)
    rate = _RATES.get(code) or (None if code else _RATES.get(unit))
    if rate is not None:
        if len(components) != 1:
            notes.warn("fhir-combination-rate", where, "a rate of a combination product")
            return None
        symbol, factor = rate
        return _Amount((Dose.of(_tidy(value * factor), symbol),), rate=True)
    volume = _VOLUMES.get(code) or (None if code else _VOLUMES.get(unit))
    if volume is not None:
        return _liquid(value * volume, medication, notes, where)
    count_key = code if code in _COUNT_UNITS else unit if unit in _COUNT_UNITS else None
    if count_key is None and (code == "1" or code.startswith("{")):
        count_key = "1"  # UCUM's unity or an annotation ({pill}): units of the product
    if count_key is None and not code and not unit:
        notes.info("fhir-dose-without-unit", where,
                   f"dose {value:g} has no unit: read as {value:g} unit(s) of the product")
        count_key = "1"
    if count_key is None:
        notes.warn("fhir-dose-unit-not-read", where,
                   f"dose unit {spelled!r} is not a mass, a rate, a volume or a count of the "
                   "product's units: not totalled")
        return None
    named = _COUNT_UNITS.get(count_key)
    if named is None and count_key in ("1",) and unit in _COUNT_UNITS:
        named = _COUNT_UNITS[unit]
    return _count(value, named, medication, notes, where)


def _liquid(volume_ml: float, medication: Medication, notes: Notes, where: str) -> _Amount | None:
    doses = []
    for component in medication.components:
        strength = component.strength
        concentration = strength.concentration_mg_ml if strength is not None else None
        if concentration is None:
            notes.warn("fhir-no-concentration", where,
                       f"a dose of {volume_ml:g} mL, and the concentration of "
                       f"{component.drug.name} in {medication.name!r} is not known")
            return None
        doses.append(Dose.liquid(_tidy(volume_ml), _tidy(concentration), "mg/mL"))
    return _Amount(tuple(doses), form="liquid",
                   mass_per_dose_mg=doses[0].canonical if len(doses) == 1 else None)


def _count(value: float, named: str | None, medication: Medication, notes: Notes,
           where: str) -> _Amount | None:
    form = medication.form
    if named is not None and form is not None and form in _FORM_GROUPS \
            and _FORM_GROUPS.get(named) != _FORM_GROUPS[form]:
        notes.warn("fhir-dose-unit-not-the-form", where,
                   f"the dose is counted as {named} units, and the product is a {form} "
                   f"({medication.dose_form or medication.name}): not totalled")
        return None
    unit_form = named or (form if form in _FORM_GROUPS else None)
    doses: list[Dose] = []
    rates = False
    for component in medication.components:
        strength = component.strength
        if strength is None:
            notes.warn("fhir-strength-unknown", where,
                       f"a dose of {value:g} unit(s), and the strength of one unit of "
                       f"{medication.name!r} ({component.drug.name}) is in neither the document "
                       "nor the product tables")
            return None
        if strength.rate_mcg_h is not None:
            rates = True
            doses.append(Dose.of(strength.rate_mcg_h, "mcg/h"))
        elif strength.mass_mg is not None:
            doses.append(Dose.of(strength.mass_mg, "mg"))
        else:
            notes.warn("fhir-strength-not-per-unit", where,
                       f"a dose of {value:g} unit(s) of a product whose strength is "
                       f"{strength.format()}: a count does not give an amount")
            return None
    if rates:
        if len(doses) != 1:
            notes.warn("fhir-combination-patch", where, "a patch of several drugs")
            return None
        if abs(value - round(value)) > 1e-9:
            notes.warn("fhir-patch-fraction", where,
                       f"{value:g} of a patch is not a dose that can be given (patches are not "
                       "cut): not totalled")
            return None
        return _Amount(tuple(doses), count=value, form="patch", rate=True, units_per_dose=value)
    if unit_form in _COUNT_FORMS:
        return _Amount(tuple(doses), count=value, form=unit_form, units_per_dose=value,
                       mass_per_dose_mg=doses[0].canonical * value if len(doses) == 1 else None)
    # a film, a spray, a unit of no countable form: the amount per administration
    scaled = tuple(Dose.of(_tidy(d.value * value), d.unit) for d in doses)
    return _Amount(scaled, units_per_dose=value,
                   mass_per_dose_mg=scaled[0].canonical if len(scaled) == 1 else None)


def _rate_amount(entry: Mapping[str, Any], medication: Medication, notes: Notes,
                 where: str) -> _Amount | None:
    """A continuous infusion: ``rateQuantity``, ``rateRatio`` or the high end of ``rateRange``."""
    quantity = mapping(entry.get("rateQuantity")) or mapping(
        mapping(entry.get("rateRange")).get("high"))
    if quantity:
        value = number(quantity.get("value"))
        code, unit = _unit_of(quantity)
        key = code or unit
        if value is None or value <= 0:
            notes.warn("fhir-bad-rate", where, "the rate has no positive value")
            return None
        if key in _RATES:
            return _amount(quantity, medication, notes, where)
        per_hour = {"ml/h": 1.0, "ml/hr": 1.0, "ml/min": 60.0, "ml/d": 1 / 24}.get(key)
        if per_hour is None:
            notes.warn("fhir-rate-unit-not-read", where, f"rate unit {key!r} is not read")
            return None
        return _volume_rate(value * per_hour, medication, notes, where)
    ratio = mapping(entry.get("rateRatio"))
    numerator, denominator = mapping(ratio.get("numerator")), mapping(ratio.get("denominator"))
    amount, per = number(numerator.get("value")), number(denominator.get("value"))
    if amount is None or per is None or amount <= 0 or per <= 0:
        notes.warn("fhir-bad-rate", where, "rateRatio needs a positive numerator and denominator")
        return None
    num_code, _ = _unit_of(numerator)
    den_code, den_unit = _unit_of(denominator)
    hours = PERIOD_HOURS.get(den_code or den_unit)
    if hours is None:
        notes.warn("fhir-rate-unit-not-read", where, "rateRatio's denominator is not a time")
        return None
    if num_code in _VOLUMES:
        return _volume_rate(amount * _VOLUMES[num_code] / (per * hours), medication, notes, where)
    if num_code in _MASS and len(medication.components) == 1:
        per_hour_mg = Dose.of(amount, _MASS[num_code]).canonical / (per * hours)
        return _Amount((Dose.of(_tidy(per_hour_mg), "mg/h"),), rate=True)
    notes.warn("fhir-rate-unit-not-read", where, f"rateRatio numerator {num_code!r} is not read")
    return None


def _volume_rate(ml_per_hour: float, medication: Medication, notes: Notes,
                 where: str) -> _Amount | None:
    doses = []
    for component in medication.components:
        concentration = component.strength.concentration_mg_ml if component.strength else None
        if concentration is None:
            notes.warn("fhir-no-concentration", where,
                       f"an infusion of {ml_per_hour:g} mL/h, and the concentration of "
                       f"{component.drug.name} is not known")
            return None
        doses.append(Dose.of(_tidy(ml_per_hour * concentration), "mg/h"))
    return _Amount(tuple(doses), rate=True)


def _dose_entry(dosage: Mapping[str, Any], notes: Notes,
                field: str) -> tuple[Mapping[str, Any], str] | None:
    """The doseAndRate entry to read (the ``ordered`` one where several are typed)."""
    raw = dosage.get("doseAndRate")
    if isinstance(raw, Mapping):
        notes.warn("fhir-dose-and-rate-not-a-list", f"{field}.doseAndRate",
                   "an object where FHIR R4 has a list: read as a list of one")
    entries = [mapping(e) for e in sequence(raw)]
    entries = [e for e in entries if any(k in e for k in (
        "doseQuantity", "doseRange", "rateQuantity", "rateRatio", "rateRange"))]
    if not entries:
        if any(key in dosage for key in ("doseQuantity", "doseRange")):
            notes.warn("fhir-dose-outside-dose-and-rate", f"{field}.doseQuantity",
                       "the dose is directly in the Dosage (an STU3 placement; R4 has "
                       "doseAndRate[].doseQuantity): read")
            return {k: dosage[k] for k in ("doseQuantity", "doseRange") if k in dosage}, \
                f"{field}.doseQuantity"
        return None
    for index, entry in enumerate(entries):
        for _, code, _ in codings(entry.get("type")):
            if code == "ordered":
                return entry, f"{field}.doseAndRate[{index}]"
    if len(entries) > 1:
        notes.info("fhir-several-doses", f"{field}.doseAndRate",
                   f"{len(entries)} dose entries and none typed 'ordered': the first is read")
    return entries[0], f"{field}.doseAndRate[0]"


# -- the item ------------------------------------------------------------------------------------
def read_dosage(k: Knowledge, value: Any, index: int, medication: Medication, notes: Notes,
                field: str) -> DosageReading:
    """One Dosage of an order, read as an item (or not, with findings saying why)."""
    dosage = mapping(value)
    sequence_number = number(dosage.get("sequence"))
    seq = int(sequence_number) if sequence_number is not None else None
    written = text(dosage.get("text"))
    timing = read_timing(k, dosage.get("timing"), notes, field)
    base = DosageReading(index, seq, None, None, written, timing.bounds)
    try:
        return _read_dosage(k, dosage, base, timing, medication, notes, field)
    except MpsdoseError as error:  # an item mpsdose refuses (a unit slip, a route): say so
        notes.warn("fhir-dosage-not-read", field, str(error))
        return attrs.evolve(base, reason=str(error))


def _read_dosage(k: Knowledge, dosage: Mapping[str, Any], base: DosageReading,
                 timing: TimingReading, medication: Medication, notes: Notes,
                 field: str) -> DosageReading:
    as_needed = dosage.get("asNeededBoolean")
    prn = as_needed is True or bool(mapping(dosage.get("asNeededCodeableConcept")))
    if timing.prn_in_text and as_needed is not False and not prn:
        prn = True
        notes.info("fhir-prn-in-timing-text", f"{field}.timing.code",
                   "the timing's text says PRN: read as needed")
    route, readable = read_route(k, dosage, notes, field)
    chosen = _dose_entry(dosage, notes, field)
    if chosen is None:
        where = f"{field}.doseAndRate"
        why = "no dose in the structured fields" + (
            " (only in Dosage.text)" if base.text else "")
        notes.warn("fhir-no-dose", where, why + ": not totalled")
        return attrs.evolve(base, reason=why)
    entry, where = chosen
    low_amount: _Amount | None = None
    if any(key in entry for key in ("rateQuantity", "rateRatio", "rateRange")):
        amount = _rate_amount(entry, medication, notes, where)
    elif entry.get("doseRange") is not None:
        dose_range = mapping(entry.get("doseRange"))
        high, bottom = mapping(dose_range.get("high")), mapping(dose_range.get("low"))
        amount = _amount(high or bottom, medication, notes, f"{where}.doseRange.high")
        if high and bottom and amount is not None:
            low_amount = _amount(bottom, medication, Notes(notes.resource),
                                 f"{where}.doseRange.low")
            unit = high.get("unit") or high.get("code") or ""
            notes.info("fhir-dose-range", f"{where}.doseRange",
                       f"a dose range {number(bottom.get('value')) or 0:g}–"
                       f"{number(high.get('value')) or 0:g} {unit}: totals take the high end "
                       "(the CDC MME calculator's rule); the low end is kept")
    else:
        amount = _amount(mapping(entry.get("doseQuantity")), medication, notes,
                         f"{where}.doseQuantity")
    if amount is None:
        return attrs.evolve(base, reason="dose not read" if readable else "route and dose not read")
    if not readable:  # the dose was read for its findings; without a route it is not an item
        return attrs.evolve(base, reason="route not read")
    disagreement = _text_disagrees(base.text, timing.per_day)
    if disagreement:
        notes.warn("fhir-text-disagrees", f"{field}.text", disagreement + ": not totalled")
        return attrs.evolve(base, reason=disagreement)
    item = _item(k, amount, timing, medication, route, prn, dosage, notes, field)
    if item is None:
        return attrs.evolve(base, reason="no timing")
    low = _item(k, low_amount, timing, medication, route, prn, dosage, Notes(notes.resource),
                field) if low_amount is not None else None
    return attrs.evolve(base, item=_agreeing_text(k, base.text, item), low=low)


def _item(k: Knowledge, amount: _Amount | None, timing: TimingReading, medication: Medication,
          route: Route | None, prn: bool, dosage: Mapping[str, Any], notes: Notes,
          field: str) -> Item | None:
    if amount is None:
        return None
    drugs = medication.drugs
    route, stated = _chosen_route(route, amount, medication, notes, field)
    per_day = timing.per_day
    schedule = timing.schedule
    if amount.rate:
        if route is Route.TRANSDERMAL:
            schedule = Schedule.every(24.0 / per_day) if per_day else Schedule()
            _check_patch_interval(medication, schedule, notes, field)
        else:
            schedule = Schedule(ScheduleKind.CONTINUOUS)
        prn = False if amount.rate else prn
    elif per_day is None:
        if not prn:
            notes.warn("fhir-no-timing", f"{field}.timing",
                       "how often the dose is given is not stated: not totalled")
            return None
        schedule = Schedule()
    max_prn = _max_per_day(dosage.get("maxDosePerPeriod"), amount, prn, per_day, notes, field)
    if max_prn is not None and not prn:
        max_prn = None
    form = amount.form if amount.form in _COUNT_FORMS else (
        medication.form if medication.form in _COUNT_FORMS and amount.count is not None
        else None)
    item = Item(tuple(Ingredient(drug, dose) for drug, dose in zip(drugs, amount.doses,
                                                                     strict=True)),
                route, schedule, prn=prn, max_prn_per_day=max_prn, count=amount.count,
                form=form if amount.count is not None else None,
                release=medication.release, duration_days=timing.duration_days,
                route_stated=stated)
    return attrs.evolve(item, text=_text_of(item, notes.resource))


def _text_of(item: Item, resource: str) -> str:
    try:
        return format_item(item)
    except MpsdoseError:
        doses = "/".join(str(i.dose) for i in item.ingredients)
        return f"{item.name} {doses} {item.route.short} {item.schedule}".strip()


def _chosen_route(route: Route | None, amount: _Amount, medication: Medication, notes: Notes,
                  field: str) -> tuple[Route, bool]:
    drugs = medication.drugs
    listed = [d for d in drugs if d.listed]
    product_route = medication.route
    if amount.rate and amount.form == "patch":
        product_route = Route.TRANSDERMAL
    if route is not None:
        if product_route is not None and product_route is not route:
            notes.warn("fhir-route-not-the-form", f"{field}.route",
                       f"route {route.value}, and the product is "
                       f"{medication.dose_form or product_route.value}")
        return route, True
    if product_route is not None and all(product_route in d.routes for d in listed):
        return product_route, True
    if amount.rate and not listed:
        raise MpsdoseError("an infusion whose route is not stated")
    defaults = {d.default_route for d in listed}
    if not listed or defaults == {Route.ORAL}:
        return Route.ORAL, False
    raise MpsdoseError(f"no route, and {medication.label} has no oral form: the route is not "
                       "known")


def _check_patch_interval(medication: Medication, schedule: Schedule, notes: Notes,
                          field: str) -> None:
    hours = medication.hours
    interval = schedule.value if schedule.kind is ScheduleKind.INTERVAL else None
    if hours is not None and interval is not None and not math.isclose(hours, interval):
        notes.warn("fhir-patch-interval", f"{field}.timing",
                   f"a {hours:g}-hour patch changed every {interval:g} h: the release rate is "
                   "totalled as worn continuously; check the order")


def _max_per_day(value: Any, amount: _Amount, prn: bool, per_day: float | None, notes: Notes,
                 field: str) -> float | None:
    """The most administrations in 24 h that ``maxDosePerPeriod`` allows, or None."""
    ratios = sequence(value)
    if not ratios:
        return None
    where = f"{field}.maxDosePerPeriod"
    ratio = mapping(ratios[0])
    numerator, denominator = mapping(ratio.get("numerator")), mapping(ratio.get("denominator"))
    amount_value = number(numerator.get("value"))
    period = number(denominator.get("value"))
    if period is None and not denominator:
        period = None
    code, unit = _unit_of(denominator)
    period_unit = _time_unit(code or unit, notes, f"{where}.denominator") \
        if (code or unit) else None
    if amount_value is None or amount_value <= 0 or period is None or period <= 0 \
            or period_unit is None:
        notes.warn("fhir-max-dose-not-read", where,
                   "needs a positive numerator and a positive denominator in time units: "
                   "not used")
        return None
    hours = period * PERIOD_HOURS[period_unit]
    if hours > 24.0 + 1e-9:
        notes.info("fhir-max-dose-long-period", where,
                   f"a maximum over {hours:g} h does not bound one day: not used as a daily "
                   "maximum")
        return None
    num_code, num_unit = _unit_of(numerator)
    key = num_code or num_unit
    administrations: float | None
    if key in _DOSE_COUNT_UNITS:
        administrations = amount_value
    elif key in _MASS:
        mass = Dose.of(amount_value, _MASS[key]).canonical
        if amount.mass_per_dose_mg is None:
            notes.warn("fhir-max-dose-not-read", where,
                       f"a maximum of {amount_value:g} {key}, and the mass per dose is not one "
                       "number: not used")
            return None
        administrations = mass / amount.mass_per_dose_mg
    elif key in _COUNT_UNITS or not key:
        if amount.units_per_dose is not None:
            administrations = amount_value / amount.units_per_dose
        elif not key:
            administrations = amount_value
        else:
            notes.warn("fhir-max-dose-not-read", where,
                       f"a maximum in {key!r}, and the dose is not counted in units: not used")
            return None
    else:
        notes.warn("fhir-max-dose-not-read", where, f"numerator unit {key!r} is not read")
        return None
    result = administrations * 24.0 / hours
    if not prn and per_day is not None and per_day > result * (1 + 1e-9):
        notes.warn("fhir-above-max-dose", where,
                   f"the schedule gives {per_day:g} administrations a day, above the stated "
                   f"maximum of {result:g}")
    return result


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8,
                 "twelve": 12, "twenty-four": 24}
_WORD_NUMBER = r"(\d+(?:\.\d+)?|one|two|three|four|five|six|eight|twelve|twenty-four)"
_TEXT_FREQUENCIES: tuple[tuple[re.Pattern[str], Any], ...] = (
    (re.compile(r"\bevery other day\b|\bqod\b"), lambda m: (0.5, 0.5)),
    (re.compile(rf"\bevery {_WORD_NUMBER}(?:\s*(?:to|-)\s*{_WORD_NUMBER})? hours?\b|"
                r"\bq(\d+)(?:\s*-\s*(\d+))?\s*h\b"), None),
    (re.compile(r"\b(?:twice|two times) (?:a |per |each )?(?:day|daily)\b|\bbid\b|"
                r"\btwice daily\b"), lambda m: (2.0, 2.0)),
    (re.compile(r"\b(?:three times|thrice) (?:a |per |each )?(?:day|daily)\b|\btid\b"),
     lambda m: (3.0, 3.0)),
    (re.compile(r"\bfour times (?:a |per |each )?(?:day|daily)\b|\bqid\b"),
     lambda m: (4.0, 4.0)),
    (re.compile(rf"\b{_WORD_NUMBER} times (?:a|per|each) day\b"), None),
    (re.compile(r"\bonce (?:a |per |each )?(?:day|daily)\b|\bdaily\b|\bevery day\b|\bqd\b|"
                r"\bat (?:bed ?time|night)\b|\bnightly\b|\bqhs\b|\bin the morning\b"),
     lambda m: (1.0, 1.0)),
)


def _number_word(word: str | None) -> float | None:
    if word is None:
        return None
    return float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else float(word)


def _text_per_day(written: str) -> tuple[float, float] | None:
    """The range of administrations a day a Dosage.text states, before any stated maximum."""
    phrase = written.lower()
    cut = re.search(r"\b(max(?:imum|imim)?|up to|not (?:more|to exceed)|no more)\b", phrase)
    if cut is not None:
        phrase = phrase[:cut.start()]
    found: list[tuple[int, tuple[float, float]]] = []
    for pattern, reader in _TEXT_FREQUENCIES:
        match = pattern.search(phrase)
        if match is None:
            continue
        if reader is not None:
            found.append((match.start(), reader(match)))
            continue
        numbers = [n for n in (_number_word(g) for g in match.groups() if g is not None) if n]
        if not numbers:
            continue
        if "times" in match.group(0):
            found.append((match.start(), (numbers[0], numbers[0])))
        else:
            found.append((match.start(), (24.0 / max(numbers), 24.0 / min(numbers))))
    if not found:
        return None
    return min(found)[1]


def _text_disagrees(written: str | None, per_day: float | None) -> str:
    """Why Dosage.text contradicts the structured frequency, or ''."""
    if not written or per_day is None:
        return ""
    stated = _text_per_day(written)
    if stated is None:
        return ""
    low, high = stated
    if low * (1 - 1e-6) <= per_day <= high * (1 + 1e-6):
        return ""
    said = f"{low:g}" if low == high else f"{low:g}–{high:g}"
    return (f"Dosage.text {written!r} says {said} a day and the timing says {per_day:g} a day; "
            "which is meant is not known")


def _agreeing_text(k: Knowledge, written: str | None, structured: Item) -> Item:
    """The item written in ``Dosage.text`` in the item language (as mpsdose writes it) where it is
    the same order the fields say (drug, route, daily amount, PRN); else the structured item."""
    if not written:
        return structured
    try:
        parsed = parse_item(written, knowledge=k)
    except MpsdoseError:
        return structured
    same = (parsed.drugs == structured.drugs and parsed.route is structured.route
            and parsed.prn == structured.prn
            and _close(parsed.daily(), structured.daily())
            and _close(parsed.per_dose(), structured.per_dose()))
    return parsed if same else structured


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def for_totals(item: Item) -> tuple[Item, ...]:
    """The item as the regimen holds it: a product with ingredients both in and outside the
    catalogue becomes two items, so that its catalogue drugs are totalled (the buprenorphine of
    buprenorphine/naloxone, the acetaminophen of Tylenol PM) and the others shown."""
    listed = tuple(i for i in item.ingredients if i.drug.listed)
    unlisted = tuple(i for i in item.ingredients if not i.drug.listed)
    if not listed or not unlisted:
        return (item,)
    whole = item.name
    parts = []
    for group in (listed, unlisted):
        part = attrs.evolve(item, ingredients=group, product=None, text=None)
        if part.dose_known:
            written = f"{_text_of(part, '')} (in {whole})"
        else:
            why = (item.text or "").partition(" (")[2]
            written = f"{part.name} dose unknown (in {whole}" + (f"; {why}" if why else ")")
        parts.append(attrs.evolve(part, text=written))
    return tuple(parts)


def unknown_dose_item(medication: Medication, route: Route | None, prn: bool,
                      resource: str, why: str) -> Item | None:
    """An item with its dose unknown, for an order in force whose dose cannot be read: it is
    shown, and never totalled as zero (CONTRACT.md §1 ``dose unknown``)."""
    drugs = medication.drugs
    listed = [d for d in drugs if d.listed]
    candidates = [route, medication.route] + [d.default_route for d in listed] + [
        r for r in (Route.IV, Route.SC, Route.TRANSDERMAL, Route.SUBLINGUAL, Route.BUCCAL,
                    Route.INTRANASAL, Route.IM, Route.RECTAL) if all(r in d.routes
                                                                        for d in listed)]
    chosen = next((r for r in candidates if r is not None
                   and all(r in d.routes for d in listed)), None)
    if chosen is None:
        if listed:
            return None
        chosen = Route.ORAL
    try:
        item = Item(tuple(Ingredient(d, None) for d in drugs), chosen, prn=prn,
                    route_stated=chosen is route)
    except MpsdoseError:
        return None
    return attrs.evolve(item, text=f"{medication.label} dose unknown ({resource}: {why})")

