#!/usr/bin/env python3
"""Run two peer MME calculators' test vectors through mpsdose's public API and count the passes.

Usage::

    python scripts/conformance.py DIR [-v]

DIR holds ``cdc_opioid_mme_r4.json`` (cqframework/opioid-mme-r4, Apache-2.0) and/or
``mmequiv.json`` (R package mmequiv, GPL; never copied into this repository). A missing file is
skipped. Every failure is printed (id, expected, got, why), then a summary per suite and kind; the
exit status is 1 if any in-scope vector fails, else 0.

The numbers compared are the peers' own. This runner only translates each vector's input into
mpsdose's terms (an item of the item language, a table id) and mpsdose's answer back into the
peer's units; it never adjusts mpsdose. The translations that are choices are named here:

* Table: each vector's ``conversion_table`` text names the table it assumes. CDC 2016 →
  ``cdc2016``, CDC 2022 → ``cdc2022``, NIH HEAL → ``nihheal``. The OMTK per-drug cases of the CDC
  suite (``prescription_daily_mme``) assume their own "CMS/CDC-2018 style" factors (transmucosal
  and nasal spray 0.16 per mcg, which no shipped table has for the sublingual spray): they run on
  a custom table built with :func:`mpsdose.load_table_file` holding exactly the factors the
  vector states, with the vector id as each row's source (:func:`custom_table`).
* Fentanyl patch factor of the CDC CQL: ``(0.33333333 / dosesPerDay) × 7200`` per mg/h. Times
  doses/day it is per mg/h worn continuously, which is how mpsdose states it (2.4 per mcg/h).
* NIH HEAL names: "Fentanyl oral (mcg)" is NIH's short name for the CMS row "fentanyl film or oral
  spray" (mpsdose has no swallowed fentanyl) → a buccal film; "butorphanol (mg)", labelled route
  oral by the peer, exists only as a nasal spray → intranasal (:data:`NIH_PRODUCTS`).
* Doses/day → an item-language frequency: ``N x/day``; a FHIR frequency/period in h or d →
  ``qNh`` / ``N x/day`` / ``qNd``; other period units have no spelling in the item language yet
  (status ``not-expressible``: a FHIR-import issue, not a failure).
* ``mme_total`` of an NIH prescription = mpsdose's OME/day × the item's ``for N days``.

Scope now: per prescription/order daily MME, factor look-ups and frequencies. The NIH patient-level
definitions 1–4 and the input-validation rules are reported "not in scope".
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mpsdose

PASS = "pass"
FAIL = "fail"
OUT_OF_SCOPE = "out-of-scope"
NOT_EXPRESSIBLE = "not-expressible"
STATUSES = (PASS, FAIL, OUT_OF_SCOPE, NOT_EXPRESSIBLE)

SUITE_FILES = ("cdc_opioid_mme_r4.json", "mmequiv.json")

#: Peer time units (UCUM, as FHIR Timing uses them).
TIME_UNITS = frozenset({"s", "min", "h", "d", "wk", "mo", "a"})


@dataclass(frozen=True)
class Outcome:
    """What one vector gave.

    ``status`` is one of :data:`STATUSES`: ``pass``, ``fail``, ``out-of-scope`` (a kind or a part a
    later issue owns) or ``not-expressible`` (the input has no spelling in mpsdose yet).
    ``table`` names the table used, ``custom`` is True where it was built from the vector's own
    stated factors.
    """

    status: str
    detail: str = ""
    expected: Any = None
    got: Any = None
    table: str | None = None
    custom: bool = False
    checks: tuple[str, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status {self.status!r}")

    @property
    def passed(self) -> bool:
        return self.status == PASS

    @property
    def failed(self) -> bool:
        return self.status == FAIL


class Untranslatable(Exception):
    """A vector input this runner cannot put into mpsdose's terms (a runner gap, reported)."""


# -- numbers ---------------------------------------------------------------------------------
def close(got: float | None, expected: float | None, *, rel: float = 1e-6,
          abs_tol: float = 1e-9) -> bool:
    """Equal within tolerance; None equals only None."""
    if expected is None or got is None:
        return expected is None and got is None
    return math.isclose(got, expected, rel_tol=rel, abs_tol=abs_tol)


def tolerance(vector: Mapping[str, Any]) -> dict[str, float]:
    """Relative 1e-6; the CDC CQL truncates to 8 decimals, so 1e-6 absolute there as well."""
    rel = float(vector.get("tolerance", {}).get("relative", 1e-6))
    absolute = 1e-6 if vector["id"].startswith("cdc-") else 1e-9
    return {"rel": rel, "abs_tol": absolute}


def num(value: float) -> str:
    """A number as the item language reads it: 20, 0.5, 0.3333 (no exponent)."""
    if value == int(value):
        return str(int(value))
    text = repr(float(value))
    if "e" in text:
        text = f"{value:.12f}".rstrip("0")
    return text


def show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.10g}"
    return "null" if value is None else str(value)


# -- tables ----------------------------------------------------------------------------------
#: conversion_table text prefix → shipped table id.
SHIPPED_TABLES = (
    ("CDC 2016", "cdc2016"),
    ("CDC 2022", "cdc2022"),
    ("NIH HEAL", "nihheal"),
)

_CMS_STYLE = "CMS/CDC-2018 style per-mcg table assumed by the comments"

#: The factors the OMTK per-drug cases state ("fentanyl patch 7.2 per mcg/h per patch-day (x 1/3
#: patch/day = 2.4 per mcg/h), transmucosal/spray 0.16 per mcg, buccal film 0.18 per mcg,
#: methadone 41-60 mg/d tier = 10, oxycodone 1.5"), as rows of mpsdose's table format:
#: (drug, route, form, unit, factor, daily_dose_min, daily_dose_max, the words they come from).
CUSTOM_ROWS: Mapping[str, tuple[tuple[str, str, str, str, float, str, str, str], ...]] = {
    _CMS_STYLE: (
        ("fentanyl", "transdermal", "", "mcg/h", 2.4, "", "",
         "= 2.4 per mcg/h"),
        ("fentanyl", "intranasal", "", "mcg/day", 0.16, "", "",
         "transmucosal/spray 0.16 per mcg"),
        ("fentanyl", "sublingual", "spray", "mcg/day", 0.16, "", "",
         "transmucosal/spray 0.16 per mcg"),
        ("fentanyl", "buccal", "film", "mcg/day", 0.18, "", "",
         "buccal film 0.18 per mcg"),
        ("methadone", "oral", "", "mg/day", 10, "40", "60",
         "methadone 41-60 mg/d tier = 10"),
        ("oxycodone", "oral", "", "mg/day", 1.5, "", "",
         "oxycodone 1.5"),
    ),
}

_COLUMNS = ("table,drug,route,form,unit,factor,factor_low,factor_high,daily_dose_min,"
            "daily_dose_max,source,notes")


def _csv(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@functools.cache
def custom_table(vector_id: str, assumption: str) -> mpsdose.ConversionTable:
    """A table of exactly the factors a vector states, loaded with :func:`load_table_file`.

    Every row's ``source`` is the vector id. The stated words of each row are checked to be in
    the vector's ``conversion_table`` text, so a changed vector cannot silently keep old factors.
    """
    rows = next((rows for prefix, rows in CUSTOM_ROWS.items()
                 if assumption.startswith(prefix)), None)
    if rows is None:
        raise Untranslatable(f"no custom table for {assumption[:60]!r}")
    lines = [_COLUMNS]
    for drug, route, form, unit, factor, low, high, words in rows:
        if words not in assumption:
            raise Untranslatable(f"the vector no longer states {words!r}")
        lines.append(",".join((
            "peer", drug, route, form, unit, num(factor), "", "", low, high, _csv(vector_id),
            _csv(f"stated by the peer vector: {words}"),
        )))
    with tempfile.TemporaryDirectory(prefix="mpsdose-conformance-") as folder:
        path = Path(folder) / "peer_table.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return mpsdose.load_table_file(path)["peer"]


def table_for(vector: Mapping[str, Any]) -> tuple[mpsdose.ConversionTable, bool]:
    """The table a vector assumes and whether it is a custom one."""
    assumption = vector.get("conversion_table") or ""
    for prefix, table_id in SHIPPED_TABLES:
        if assumption.startswith(prefix):
            return mpsdose.conversion_table(table_id), False
    if any(assumption.startswith(prefix) for prefix in CUSTOM_ROWS):
        return custom_table(vector["id"], assumption), True
    raise Untranslatable(f"no table for conversion_table {assumption[:60]!r}")


# -- translating inputs ----------------------------------------------------------------------
def _drug_name(name: str | None) -> str | None:
    if not name:
        return None
    drug = mpsdose.default_catalogue().get(name)
    return drug.name if drug is not None else name


def cdc_dose_form(text: str | None) -> tuple[mpsdose.Route | None, str | None, str | None]:
    """(route, form, release) of an RxNorm/OMTK dose-form description."""
    words = (text or "").lower()
    release = "er" if re.search(r"extended release|\ber\b|\d+\s*hr\b", words) else None
    route_form: tuple[mpsdose.Route | None, str | None]
    if "transdermal" in words:
        route_form = (mpsdose.Route.TRANSDERMAL, "patch")
        release = None
    elif "buccal film" in words:
        route_form = (mpsdose.Route.BUCCAL, "film")
    elif "buccal tablet" in words:
        route_form = (mpsdose.Route.BUCCAL, "tablet")
    elif "nasal spray" in words:
        route_form = (mpsdose.Route.INTRANASAL, "spray")
    elif "mucosal spray" in words:
        # RxNorm's "fentanyl ... Mucosal Spray" is the sublingual spray (Subsys).
        route_form = (mpsdose.Route.SUBLINGUAL, "spray")
    elif "oral solution" in words:
        route_form = (mpsdose.Route.ORAL, "liquid")
    elif "capsule" in words:
        route_form = (mpsdose.Route.ORAL, "capsule")
    elif "tablet" in words:
        route_form = (mpsdose.Route.ORAL, "tablet")
    elif "ointment" in words or "topical" in words:
        route_form = (mpsdose.Route.TOPICAL, None)
    elif "inject" in words:
        route_form = (mpsdose.Route.IV, None)
    else:
        route_form = (None, None)
    return route_form[0], route_form[1], release


def frequency_phrase(frequency: float, period: float, unit: str) -> str:
    """A FHIR frequency per period as an item-language frequency (literal where none exists)."""
    if unit == "h":
        return f"q{num(period / frequency)}h"
    if unit == "d":
        if period == 1:
            return f"{num(frequency)}x/day"
        return f"q{num(period / frequency)}d"
    # No spelling yet; written literally so the language answers for itself.
    return f"every {num(period / frequency)} {unit}"


def _patch_phrase(doses_per_day: float) -> str:
    """A patch's change interval in whole hours (0.3333/day → q72h); it does not change the OME."""
    return f"q{num(max(1, round(24 / doses_per_day)))}h"


def cdc_item_text(entry: Mapping[str, Any]) -> str:
    """An item-language line for one CDC MedicationRequest-like input."""
    drug = _drug_name(entry.get("drug"))
    if drug is None:
        raise Untranslatable("no drug")
    route, form, release = cdc_dose_form(entry.get("dose_form"))
    if route is None:
        raise Untranslatable(f"dose form {entry.get('dose_form')!r}")
    dose = float(entry.get("dose") or 1)
    dose_unit = entry.get("dose_unit") or ""
    strength = float(entry.get("strength") or 0)
    strength_unit = entry.get("strength_unit") or ""
    if not strength and dose_unit not in ("mg", "mcg", "g"):
        raise Untranslatable("no strength and no dose in mass")
    count = ""
    if dose_unit in ("mg", "mcg", "g"):  # a dose in mass overrides the product strength
        amount = f"{num(dose)} {dose_unit}"
    elif strength_unit in ("mg", "mcg"):
        if dose != 1 and dose_unit in ("{tab}", "{cap}", "{patch}"):
            count = f"{num(dose)} {dose_unit.strip('{}')} "
            amount = f"{num(strength)} {strength_unit}"
        else:
            amount = f"{num(strength * dose)} {strength_unit}"
    elif strength_unit in ("mcg/h", "mg/h"):
        if dose != 1:
            count = f"{num(dose)} patch "
        amount = f"{num(strength)} {strength_unit}"
    elif re.fullmatch(r"(mg|mcg)/\{[a-z]+\}", strength_unit):  # per actuation
        amount = f"{num(strength * dose)} {strength_unit.split('/')[0]}"
    else:  # e.g. mg/mL injection given as "1 {injection}": the volume is not stated
        amount = "dose unknown"
    if entry.get("frequency") and entry.get("period") and entry.get("period_unit"):
        schedule = frequency_phrase(entry["frequency"], entry["period"], entry["period_unit"])
    elif entry.get("time_of_day"):
        schedule = f"{len(entry['time_of_day'])}x/day"
    elif entry.get("doses_per_day"):
        per_day = float(entry["doses_per_day"])
        schedule = _patch_phrase(per_day) if route is mpsdose.Route.TRANSDERMAL \
            else f"{num(per_day)}x/day"
    else:
        schedule = "daily"
    prn = " prn" if entry.get("as_needed") else ""
    words = [count + drug, release or "", form or "", amount, route.value, schedule]
    return " ".join(w for w in words if w) + prn


#: NIH HEAL medication names whose route label does not name a product mpsdose knows, → the
#: product they stand for (drug, route, form).
NIH_PRODUCTS: Mapping[str, tuple[str, str, str | None]] = {
    # NIH's short name for the CMS/CDC row "fentanyl film or oral spray" (0.18 per mcg).
    "Fentanyl oral (mcg)": ("fentanyl", "buccal", "film"),
    # CMS "buccal or SL tablets, or lozenge/troche" (0.13 per mcg).
    "Fentanyl buccal (mcg)": ("fentanyl", "buccal", "tablet"),
    "Fentanyl nasal (mcg)": ("fentanyl", "intranasal", "spray"),
    "Fentanyl patch (mcg/hr)": ("fentanyl", "transdermal", "patch"),
    # Route-less "butorphanol (mg)", labelled oral by the peer: the only product is the nasal spray.
    "butorphanol (mg)": ("butorphanol", "intranasal", "spray"),
    "Buprenorphine buccal film (mcg) buccal": ("buprenorphine", "buccal", "film"),
    "Buprenorphine patch (mcg/hr) transdermal": ("buprenorphine", "transdermal", "patch"),
    "Buprenorphine tablet/film (mg) sublingual": ("buprenorphine", "sublingual", None),
}

_NIH_UNITS = {"mg": "mg", "mcg": "mcg", "mcg/hr": "mcg/h"}
#: The unit a peer factor is per (a daily amount).
_FACTOR_UNITS = {"mg": "mg/day", "mcg": "mcg/day", "mcg/hr": "mcg/h"}


def nih_item_text(entry: Mapping[str, Any]) -> str:
    """An item-language line for one NIH HEAL prescription."""
    name = entry["medication_name"]
    if name in NIH_PRODUCTS:
        drug, route, form = NIH_PRODUCTS[name]
    else:
        drug, route, form = _drug_name(entry["drug"]) or entry["drug"], entry["route"], None
    unit = _NIH_UNITS.get(entry["dose_unit"])
    if unit is None:
        raise Untranslatable(f"dose unit {entry['dose_unit']!r}")
    per_day = float(entry["doses_per_day"])
    # A patch: its rate is the daily measure, and doses/day can only be its change interval.
    patch = unit == "mcg/h"
    schedule = f"{num(per_day)}x/day" if not patch else "" if per_day == 1 else \
        _patch_phrase(per_day)
    release = "er" if entry.get("long_acting") else ""
    words = [drug, release, form or "", f"{num(entry['dose'])} {unit}", route, schedule,
             f"for {num(entry['days_supply'])} days"]
    return " ".join(w for w in words if w)


def factor_in(factor: mpsdose.Factor, peer_unit: str) -> float | None:
    """A factor per one ``peer_unit`` of daily amount (mg/day, mcg/day, mcg/h, mg/h)."""
    if factor.factor is None:
        return None
    one = mpsdose.Dose.of(1.0, peer_unit).canonical  # mg/day
    return factor.factor * factor.unit.from_canonical(one)


# -- the kinds -------------------------------------------------------------------------------
def _conversion_factor_lookup(vector: Mapping[str, Any]) -> Outcome:
    table, custom = table_for(vector)
    entry = vector["inputs"][0]
    expected = vector["expected"]["conversion_factor"]
    name = _drug_name(entry.get("drug"))
    route, form, _ = cdc_dose_form(entry.get("dose_form"))
    if name is None or route is None:
        # Nothing to look up (the CQL's "message" case): mpsdose has no factor to give.
        factor = None
        how = "no drug/dose form given: no look-up, no factor"
    else:
        unit, value = entry.get("daily_dose_unit"), entry.get("daily_dose")
        daily = None
        if unit in ("mg", "mg/d") and value is not None:
            daily = float(value)  # the CQL's daily dose, mg/day
        elif unit in ("mg/h", "mcg/h") and value is not None:
            daily = mpsdose.Dose.of(value, unit).canonical
        factor = table.lookup(name, route, form, daily)
        known = mpsdose.default_catalogue().get(name) is not None
        how = f"{table.id}.lookup({name!r}, {route.value}, {form!r}, daily={show(daily)})" + (
            "" if known else f" [{name} not in the catalogue]")
    got: float | None = None
    compare_expected = expected
    if factor is not None:
        if factor.unit.per_hour:
            # CQL patch factor (0.33333333/dosesPerDay) × 7200 per mg/h; × dosesPerDay = per mg/h
            # worn continuously, mpsdose's convention.
            per_day = entry.get("doses_per_day")
            got = factor_in(factor, "mg/h")
            if expected is not None:
                if not per_day:
                    return Outcome(FAIL, "a patch factor with no doses_per_day to normalise",
                                   expected, got, table.label, custom)
                compare_expected = expected * per_day
        else:
            got = factor_in(factor, "mg/day")
    ok = close(got, compare_expected, **tolerance(vector))
    detail = f"{how} → " + ("no factor" if factor is None else factor.describe())
    if compare_expected is not expected and compare_expected is not None:
        detail += (f"; peer {show(expected)} per mg/h per patch-day × doses/day "
                   f"{show(entry.get('doses_per_day'))} = {show(compare_expected)} per mg/h")
    return Outcome(PASS if ok else FAIL, detail, compare_expected, got, table.label, custom)


def _fhir() -> Any:
    try:
        import fhir.resources

        from mpsdose import fhir
    except ImportError:
        return None
    return fhir


def fhir_request(entry: Mapping[str, Any], rid: str) -> dict[str, Any]:
    """A FHIR R4 MedicationRequest made from one CDC vector's described order."""
    repeat: dict[str, Any] = {}
    if entry.get("frequency") is not None:
        repeat["frequency"] = entry["frequency"]
    if entry.get("period") is not None:
        repeat |= {"period": entry["period"], "periodUnit": entry.get("period_unit")}
    if entry.get("time_of_day"):
        repeat["timeOfDay"] = list(entry["time_of_day"])
    unit = entry.get("dose_unit", "mg")
    code = {"mcg": "ug", "mcg/h": "ug/h"}.get(unit, unit)
    coding = [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm",
               "code": str(entry.get("rxnorm") or (entry.get("rxnorm_codings") or ["?"])[0]),
               "display": entry.get("display") or entry.get("drug", "")}]
    dosage: dict[str, Any] = {"doseAndRate": [{"doseQuantity": {
        "value": entry.get("dose", 1), "unit": unit, "system": "http://unitsofmeasure.org",
        "code": code}}]}
    if repeat:
        dosage["timing"] = {"repeat": repeat}
    if entry.get("as_needed"):
        dosage["asNeededBoolean"] = True
    rid = re.sub(r"[^A-Za-z0-9.\-]", "-", rid)[:64]  # a FHIR id
    return {"resourceType": "MedicationRequest", "id": rid, "status": "active",
            "intent": "order", "subject": {"reference": "Patient/conformance"},
            "medicationCodeableConcept": {"coding": coding},
            "dosageInstruction": [dosage]}


def _frequency_to_doses_per_day(vector: Mapping[str, Any]) -> Outcome:
    entry = vector["inputs"][0]
    expected = vector["expected"]["doses_per_day"]
    fhir = _fhir()
    if fhir is not None:  # through the FHIR import, as the CDC calculator reads Timing
        resource = fhir_request({**entry, "drug": "morphine", "display": "morphine",
                                 "rxnorm": "7052", "dose": 1, "dose_unit": "mg"}, vector["id"])
        try:
            (item,) = fhir.regimen_from_fhir(resource).items
        except mpsdose.MpsdoseError as error:
            if expected is None:
                return Outcome(PASS, f"FHIR import refuses it ({error}); no doses/day, as the "
                               "peer's null", expected, None)
            return Outcome(FAIL, f"FHIR import: {error}", expected, None)
        got = item.schedule.doses_per_day
        ok = close(got, expected, **tolerance(vector))
        return Outcome(PASS if ok else FAIL, f"FHIR timing {resource['dosageInstruction'][0]}"
                       f" → {item.schedule} → {show(got)}/day", expected, got)
    unit = entry["period_unit"]
    phrase = frequency_phrase(entry["frequency"], entry["period"], unit)
    text = f"morphine 1 mg po {phrase}"
    try:
        item = mpsdose.parse_item(text)
    except mpsdose.MpsdoseError as error:
        if unit not in TIME_UNITS and expected is None:
            return Outcome(PASS, f"{text!r}: mpsdose refuses a period in {unit!r} ({error}); "
                           "no doses/day, as the peer's null", expected, None)
        if unit in TIME_UNITS:
            return Outcome(NOT_EXPRESSIBLE, f"period unit {unit!r}: not expressible in the "
                           f"item language (install mpsdose[fhir]); {text!r}: {error}",
                           expected, None)
        return Outcome(FAIL, f"{text!r}: {error}", expected, None)
    got = item.schedule.doses_per_day
    ok = close(got, expected, **tolerance(vector))
    return Outcome(PASS if ok else FAIL, f"{text!r} → {item.schedule} → {show(got)}/day",
                   expected, got)


def _daily_mme(vector: Mapping[str, Any]) -> Outcome:
    """CDC order-level daily MME: the total with PRN at their most aggressive dosing.

    The FHIR MedicationRequest cases go through the FHIR import where fhir.resources is there.
    """
    table, custom = table_for(vector)
    expected = vector["expected"]["mme_per_day"]
    fhir = _fhir()
    if fhir is not None and vector["kind"] == "regimen_daily_mme":
        bundle = {"resourceType": "Bundle", "type": "collection", "entry": [
            {"resource": fhir_request(entry, f"{vector['id'][:40]}-{i}")}
            for i, entry in enumerate(vector["inputs"])]}
        try:
            items = list(fhir.regimen_from_fhir(bundle).items)
        except mpsdose.MpsdoseError as error:
            return Outcome(FAIL, f"FHIR import refused the order: {error}", expected, None,
                           table.label, custom)
        texts = [f"FHIR {item.format()}" for item in items]
    else:
        texts = [cdc_item_text(entry) for entry in vector["inputs"]]
        try:
            items = [mpsdose.parse_item(text) for text in texts]
        except mpsdose.MpsdoseError as error:
            return Outcome(FAIL, f"mpsdose refused the item: {error}", expected, None,
                           table.label, custom)
    result = mpsdose.oral_morphine_equivalent(items, table)
    got = result.with_prn.value
    ok = close(got, expected, **tolerance(vector))
    parts = [row.explanation for row in result.items] or ["no opioid item"]
    detail = f"{'; '.join(repr(t) for t in texts)} on {table.label}: " + " | ".join(parts)
    return Outcome(PASS if ok else FAIL, detail, expected, got, table.label, custom)


def _nih_prescriptions(vector: Mapping[str, Any],
                       expectations: Sequence[Mapping[str, Any]]) -> Outcome:
    """Check each prescription's factor, single_day_mme and mme_total that the vector states."""
    table, custom = table_for(vector)
    tol = tolerance(vector)
    items: list[mpsdose.Item | None] = []
    problems: list[str] = []
    checks: list[str] = []
    texts = []
    for entry in vector["inputs"]:
        text = nih_item_text(entry)
        texts.append(text)
        try:
            items.append(mpsdose.parse_item(text))
        except mpsdose.MpsdoseError as error:
            items.append(None)
            problems.append(f"{entry['medication_name']}: mpsdose refused {text!r}: {error}")
    built = [item for item in items if item is not None]
    result = mpsdose.oral_morphine_equivalent(built, table)
    expected_all: list[dict[str, Any]] = []
    got_all: list[dict[str, Any]] = []
    for entry, item, text, want in zip(vector["inputs"], items, texts, expectations,
                                       strict=True):
        if item is None:
            continue
        rows = [row for row in result.items if row.item is item]
        if len(rows) != 1:
            problems.append(f"{entry['medication_name']}: {len(rows)} result rows for {text!r}")
            continue
        row = rows[0]
        single = row.ome.value
        got = {
            "factor": None if row.factor is None else factor_in(
                row.factor, _FACTOR_UNITS[entry["dose_unit"]]),
            "single_day_mme": single,
            "mme_total": None if single is None or item.duration_days is None
            else single * item.duration_days,
        }
        wanted = {key: want[key] for key in ("factor", "single_day_mme", "mme_total")
                  if key in want}
        expected_all.append(wanted)
        got_all.append({key: got[key] for key in wanted})
        for key, value in wanted.items():
            if close(got[key], value, **tol):
                checks.append(f"{entry['medication_name']} {key}")
            else:
                why = row.explanation or row.reason
                problems.append(f"{entry['medication_name']} {key}: expected {show(value)}, got "
                                f"{show(got[key])} ({text!r}: {why})")
    if problems:
        return Outcome(FAIL, "; ".join(problems), expected_all, got_all, table.label, custom,
                       tuple(checks))
    return Outcome(PASS, f"{len(checks)} per-prescription checks on {table.label}",
                   expected_all, got_all, table.label, custom, tuple(checks))


def _prescription_mme(vector: Mapping[str, Any]) -> Outcome:
    return _nih_prescriptions(vector, [vector["expected"]])


def nih_batch_row(entry: Mapping[str, Any], parameters: Mapping[str, Any]) -> dict[str, Any]:
    """One NIH HEAL prescription as a row of an mpsdose batch table (CONTRACT.md §5)."""
    name = entry["medication_name"]
    if name in NIH_PRODUCTS:
        drug, route, form = NIH_PRODUCTS[name]
    else:
        drug, route, form = _drug_name(entry["drug"]) or entry["drug"], entry["route"], None
    return {
        "patient_id": 1, "drug": drug, "route": route, "form": form,
        "dose": float(entry["dose"]), "unit": _NIH_UNITS.get(entry["dose_unit"], "?"),
        "doses_per_day": float(entry["doses_per_day"]),
        "days_supply": float(entry["days_supply"]),
        "therapy_days": parameters.get("therapy_days_with_buprenorphine"),
        "observation_window_days": parameters.get("observation_window_days_with_buprenorphine"),
        "therapy_days_no_bup": parameters.get("therapy_days_without_buprenorphine"),
        "observation_window_days_no_bup":
            parameters.get("observation_window_days_without_buprenorphine"),
    }


def _nih_definitions(vector: Mapping[str, Any]) -> Outcome:
    """Patient-level NIH HEAL totals and definitions 1–4 through :func:`mpsdose.io.batch` (polars)."""
    try:
        import polars as pl

        from mpsdose.io.batch import batch_mme, per_patient
    except ImportError:
        return Outcome(OUT_OF_SCOPE, 'patient-level definitions need mpsdose[batch] (polars)')
    rows = [nih_batch_row(entry, vector.get("parameters", {})) for entry in vector["inputs"]]
    frame = pl.DataFrame(rows, schema_overrides={"form": pl.String})
    table, custom = table_for(vector)
    result = per_patient(batch_mme(frame, table)).row(0, named=True)
    tol = tolerance(vector)
    problems, checks, expected_all, got_all = [], [], {}, {}
    for group, suffix in (("with_buprenorphine", ""), ("without_buprenorphine", "_no_bup")):
        want = vector["expected"].get(group)
        if want is None:
            continue
        for key, column in (("total_mme", "total_mme"), ("total_days", "total_days"),
                            ("mme1", "mme_def1"), ("mme2", "mme_def2"), ("mme3", "mme_def3"),
                            ("mme4", "mme_def4")):
            if key not in want:
                continue
            got = result[column + suffix]
            expected_all[f"{group}.{key}"] = want[key]
            got_all[f"{group}.{key}"] = got
            if close(got, want[key], **tol):
                checks.append(f"{group}.{key}")
            else:
                problems.append(f"{group}.{key}: expected {show(want[key])}, got {show(got)}")
    status = FAIL if problems else PASS
    detail = "; ".join(problems) if problems else f"{len(checks)} patient-level checks"
    return Outcome(status, detail, expected_all, got_all, table.label, custom, tuple(checks))


def _regimen_mme_definitions(vector: Mapping[str, Any]) -> Outcome:
    outcomes = [_nih_definitions(vector)]
    expectations = vector["expected"].get("per_prescription")
    if expectations is not None:
        outcomes.append(_nih_prescriptions(vector, expectations))
    failed = [o for o in outcomes if o.status == FAIL]
    done = [o for o in outcomes if o.status == PASS]
    if failed:
        return Outcome(FAIL, " | ".join(o.detail for o in failed), outcomes[0].expected,
                       outcomes[0].got, outcomes[0].table, outcomes[0].custom)
    if not done:
        return outcomes[0]
    return Outcome(PASS, " + ".join(o.detail for o in done), outcomes[0].expected,
                   outcomes[0].got, outcomes[0].table, outcomes[0].custom,
                   tuple(c for o in done for c in o.checks))


def _out_of_scope(reason: str) -> Callable[[Mapping[str, Any]], Outcome]:
    def run(vector: Mapping[str, Any]) -> Outcome:
        return Outcome(OUT_OF_SCOPE, reason)

    return run


KINDS: Mapping[str, Callable[[Mapping[str, Any]], Outcome]] = {
    "conversion_factor_lookup": _conversion_factor_lookup,
    "frequency_to_doses_per_day": _frequency_to_doses_per_day,
    "regimen_daily_mme": _daily_mme,
    "prescription_daily_mme": _daily_mme,
    "prescription_mme": _prescription_mme,
    "regimen_mme_definitions": _regimen_mme_definitions,
    "input_validation": _out_of_scope("input validation rules: not in scope"),
}


def run_vector(vector: Mapping[str, Any]) -> Outcome:
    """Run one vector through mpsdose's public API."""
    run = KINDS.get(vector.get("kind", ""))
    if run is None:
        return Outcome(OUT_OF_SCOPE, f"kind {vector.get('kind')!r} unknown to this runner")
    try:
        return run(vector)
    except Untranslatable as error:
        return Outcome(FAIL, f"runner cannot translate the input: {error}")


# -- suites ----------------------------------------------------------------------------------
def load_vectors(path: Path) -> list[dict[str, Any]]:
    vectors = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(vectors, list):
        raise SystemExit(f"{path}: expected a JSON list of vectors")
    return vectors


def run_suite(vectors: Iterable[Mapping[str, Any]]) -> list[tuple[Mapping[str, Any], Outcome]]:
    return [(vector, run_vector(vector)) for vector in vectors]


def summarize(suite: str, results: Sequence[tuple[Mapping[str, Any], Outcome]]) -> list[str]:
    """Summary lines ``suite kind passed/total (not in scope: n)``; total counts in-scope ones."""
    kinds: dict[str, dict[str, int]] = {}
    for vector, outcome in results:
        counts = kinds.setdefault(vector["kind"], dict.fromkeys(STATUSES, 0))
        counts[outcome.status] += 1
    lines = []
    for kind, counts in kinds.items():
        total = counts[PASS] + counts[FAIL]
        notes = [f"not in scope: {counts[OUT_OF_SCOPE]}"]
        if counts[NOT_EXPRESSIBLE]:
            notes.append(f"not expressible yet (FHIR issue): {counts[NOT_EXPRESSIBLE]}")
        if kind == "regimen_mme_definitions":
            notes.append("patient-level totals and definitions 1–4 through mpsdose.io.batch, "
                         "and the per-prescription values where a vector states them")
        lines.append(f"{suite:<18} {kind:<28} {counts[PASS]:>4}/{total:<4} ({'; '.join(notes)})")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="folder holding the suites' JSON files")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print every vector's outcome, not only failures")
    args = parser.parse_args(argv)
    summary: list[str] = []
    custom: list[str] = []
    failed = 0
    found = 0
    for name in SUITE_FILES:
        path = args.dir / name
        if not path.is_file():
            print(f"skipped {name}: not in {args.dir}", file=sys.stderr)
            continue
        found += 1
        suite = path.stem
        results = run_suite(load_vectors(path))
        for vector, outcome in results:
            if outcome.custom:
                custom.append(vector["id"])
            if outcome.failed:
                failed += 1
                print(f"FAIL {vector['id']}: expected {show(outcome.expected)}, got "
                      f"{show(outcome.got)} — {outcome.detail}")
            elif args.verbose:
                print(f"{outcome.status.upper()} {vector['id']}: {outcome.detail}")
        summary.extend(summarize(suite, results))
    if not found:
        print(f"no suite file ({', '.join(SUITE_FILES)}) in {args.dir}", file=sys.stderr)
        return 2
    print()
    print(f"{'suite':<18} {'kind':<28} passed/total")
    print("\n".join(summary))
    if custom:
        print(f"\ncustom table (the vector's own stated factors, via load_table_file): "
              f"{len(custom)} vectors: {', '.join(custom)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
