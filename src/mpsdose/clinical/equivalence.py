"""Oral morphine equivalents (OME; MME in the US) from named, cited conversion tables.

A conversion table (CONTRACT.md §3) maps (drug, route[, form][, daily-dose band]) to a factor: mg/day
of oral morphine per one unit/day of the drug (``mg/day``, ``mcg/day``) or per ``mcg/h`` of a patch
worn continuously. Tables are data (``data/opioid_equivalence.csv``, with ``data/
equivalence_tables.csv`` for their title, purpose, version and date), each row with its source;
a user's own table loads from a file of the same format, checked on load with ``file:line`` errors.

Two purposes, two types: a :class:`SurveillanceTable` (MME for risk and population work: CDC, NIH
HEAL, CMS, ANZCA) and a :class:`RotationTable` (clinical equianalgesic tables for switching
opioids: Scottish Palliative Care Guidelines, JSPM, NCI PDQ). Both total a regimen; only a rotation
table may be passed to the rotation functions.

"No factor" is an answer, not a zero: an item whose drug and route the table does not list gets
``ome = None`` and a finding.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from mpsdose.knowledge.loader import data_file, parse_float, read_rows, require
from mpsdose.model.drugs import FORMS, ROUTE_GROUPS, Route, default_catalogue, parse_route
from mpsdose.model.errors import DataError, UnknownTableError
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.regimen import Ingredient, Item, Regimen
from mpsdose.model.units import UNITS, Unit

__all__ = [
    "DEFAULT_TABLE",
    "ConversionTable",
    "Factor",
    "ItemEquivalent",
    "OralMorphineEquivalent",
    "RegimenEquivalent",
    "RotationTable",
    "SurveillanceTable",
    "Threshold",
    "conversion_table",
    "conversion_tables",
    "load_table_file",
    "oral_morphine_equivalent",
    "thresholds",
]

#: The table used when none is named: CDC 2022 (CONTRACT.md §3).
DEFAULT_TABLE = "cdc2022"
FACTOR_UNITS = ("mg/day", "mcg/day", "mcg/h")
_COLUMNS = ("table", "drug", "route", "unit", "factor", "source")


@attrs.frozen
class Factor:
    """One row of a conversion table.

    ``factor`` is mg/day of oral morphine per one ``unit`` of the drug's daily amount; ``low`` and
    ``high`` bound it where the source gives a range (``factor`` may then be None). The row applies
    to daily amounts in ``band_min < amount ≤ band_max`` (in ``unit``; None = unbounded).
    """

    table: str
    drug: str
    route: str  #: as written: a route or a group (``parenteral``)
    routes: frozenset[Route]
    form: str | None
    unit: Unit
    factor: float | None
    low: float | None
    high: float | None
    band_min: float | None
    band_max: float | None
    source: str
    notes: str = ""
    where: str = ""  #: ``file:line`` the row was read from

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high is not None

    def applies_to(self, amount: float | None) -> bool:
        if self.band_min is None and self.band_max is None:
            return True
        if amount is None:
            return False
        return (self.band_min is None or amount > self.band_min) and (
            self.band_max is None or amount <= self.band_max
        )

    @property
    def band(self) -> str:
        if self.band_min is None and self.band_max is None:
            return ""
        low = "0" if self.band_min is None else f"{self.band_min:g}"
        high = "" if self.band_max is None else f"{self.band_max:g}"
        return f"{low} < {self.unit} ≤ {high}" if high else f"> {low} {self.unit}"

    def describe(self) -> str:
        """``"1.5 mg OME per mg/day"`` or ``"2–3 (range) mg OME per mg/day"``."""
        per = self.unit.symbol.split("/")[0]
        if self.factor is not None:
            text = f"{self.factor:g}"
            if self.is_range:
                text += f" ({self.low:g}–{self.high:g})"
        else:
            text = f"{self.low:g}–{self.high:g}"
        unit = f"mg OME/day per {self.unit}" if self.unit.per_hour else f"mg OME per {per}"
        return f"{text} {unit}"


@attrs.frozen
class ConversionTable:
    """A named conversion table: its rows, and what identifies exactly which numbers were used."""

    id: str
    title: str
    purpose: str
    version: str
    effective_date: str
    source: str
    content_hash: str
    factors: tuple[Factor, ...] = attrs.field(repr=False)
    notes: str = ""
    _by_drug: Mapping[str, tuple[Factor, ...]] = attrs.field(
        init=False, repr=False, eq=False,
        default=attrs.Factory(lambda self: _index(self.factors), takes_self=True),
    )

    def rows(self, drug: str) -> tuple[Factor, ...]:
        """The rows of one drug (canonical name)."""
        return self._by_drug.get(drug, ())

    def lookup(self, drug: str, route: Route, form: str | None = None,
               daily: float | None = None) -> Factor | None:
        """The row for a drug, route, form and daily amount [mg/day], or None (no factor).

        A row written for the exact route wins over a group (``parenteral``); a row for the exact
        form over a row for any form; the band is matched on the daily amount in the row's unit.
        """
        best: tuple[int, Factor] | None = None
        for row in self.rows(drug):
            if route not in row.routes:
                continue
            if row.form is not None and row.form != form:
                continue
            amount = None if daily is None else row.unit.from_canonical(daily)
            if not row.applies_to(amount):
                continue
            rank = (row.route == route.value) * 2 + (row.form is not None)
            if best is None or rank > best[0]:
                best = (rank, row)
        return None if best is None else best[1]

    def has_bands(self, drug: str, route: Route) -> bool:
        return any(r.band_min is not None or r.band_max is not None
                   for r in self.rows(drug) if route in r.routes)

    @property
    def label(self) -> str:
        """``cdc2022 (2022-11-04, sha256:1a2b3c4d)``: id, version date and content hash."""
        date = f"{self.effective_date}, " if self.effective_date else ""
        return f"{self.id} ({date}sha256:{self.content_hash[:12]})"


def _index(factors: Iterable[Factor]) -> dict[str, tuple[Factor, ...]]:
    index: dict[str, list[Factor]] = {}
    for row in factors:
        index.setdefault(row.drug, []).append(row)
    return {drug: tuple(rows) for drug, rows in index.items()}


class SurveillanceTable(ConversionTable):
    """MME factors for risk thresholds and population work. Not for dosing a new opioid."""


class RotationTable(ConversionTable):
    """Clinical equianalgesic factors for switching opioids (with the rotation functions)."""


_PURPOSES: dict[str, type[ConversionTable]] = {
    "surveillance": SurveillanceTable,
    "rotation": RotationTable,
}


def _read_factors(path: Path, label: str) -> dict[str, list[Factor]]:
    books = default_catalogue()
    tables: dict[str, list[Factor]] = {}
    keys: dict[tuple[object, ...], str] = {}
    for line, row in read_rows(path, _COLUMNS, label=label):
        where = f"{label}:{line}"
        table = require(row, "table", path=label, line=line)
        drug_name = require(row, "drug", path=label, line=line)
        drug = books.get(drug_name)
        if drug is None:
            raise DataError(f"unknown drug {drug_name!r}", path=label, line=line)
        route_text = require(row, "route", path=label, line=line).lower()
        if route_text in ROUTE_GROUPS:
            routes = ROUTE_GROUPS[route_text]
        else:
            try:
                routes = frozenset({parse_route(route_text)})
            except ValueError as error:
                raise DataError(str(error), path=label, line=line) from None
        if not routes & drug.routes:
            raise DataError(f"{drug.name} has no {route_text} route in the catalogue",
                            path=label, line=line)
        form = row.get("form") or None
        if form is not None and FORMS.get(form) != form:
            raise DataError(f"unknown form {form!r}", path=label, line=line)
        unit_text = require(row, "unit", path=label, line=line)
        if unit_text not in FACTOR_UNITS:
            raise DataError(f"unit {unit_text!r}; a factor applies to one of "
                            f"{', '.join(FACTOR_UNITS)}", path=label, line=line)
        unit = UNITS[unit_text]
        if unit.per_hour != (routes == {Route.TRANSDERMAL}):
            raise DataError(f"unit {unit_text} does not fit route {route_text}: mcg/h is a "
                            "patch's release rate, and a patch is given per mcg/h",
                            path=label, line=line)
        numbers = {
            column: parse_float(row.get(column, ""), column, path=label, line=line)
            for column in ("factor", "factor_low", "factor_high", "daily_dose_min",
                           "daily_dose_max")
        }
        factor, low, high = numbers["factor"], numbers["factor_low"], numbers["factor_high"]
        for column in ("factor", "factor_low", "factor_high"):
            if numbers[column] is not None and numbers[column] <= 0:  # type: ignore[operator]
                raise DataError(f"{column} must be positive", path=label, line=line)
        if (low is None) != (high is None):
            raise DataError("factor_low and factor_high go together", path=label, line=line)
        if factor is None and low is None:
            raise DataError("no factor: give 'factor' or 'factor_low' and 'factor_high'",
                            path=label, line=line)
        if low is not None and high is not None and not (
            low < high and (factor is None or low <= factor <= high)
        ):
            raise DataError("need factor_low < factor_high, with factor between them",
                            path=label, line=line)
        band_min, band_max = numbers["daily_dose_min"], numbers["daily_dose_max"]
        if band_min is not None and band_max is not None and band_min >= band_max:
            raise DataError("daily_dose_min must be below daily_dose_max", path=label, line=line)
        key = (table, drug.name, route_text, form, band_min, band_max)
        if key in keys:
            raise DataError(f"the same table, drug, route, form and band as {keys[key]}",
                            path=label, line=line)
        keys[key] = where
        tables.setdefault(table, []).append(Factor(
            table, drug.name, route_text, routes, form, unit, factor, low, high, band_min,
            band_max, require(row, "source", path=label, line=line), row.get("notes", ""), where,
        ))
    for rows in tables.values():
        _check_bands(rows, label)
    return tables


def _check_bands(rows: list[Factor], label: str) -> None:
    groups: dict[tuple[object, ...], list[Factor]] = {}
    for row in rows:
        groups.setdefault((row.drug, row.route, row.form), []).append(row)
    for group in groups.values():
        if len(group) < 2:
            continue
        ordered = sorted(group, key=lambda r: -1.0 if r.band_min is None else r.band_min)
        for before, after in itertools.pairwise(ordered):
            if before.band_max is None or after.band_min is None or \
                    after.band_min < before.band_max:
                raise DataError(f"bands overlap with {before.where}", path=label,
                                line=int(after.where.rsplit(":", 1)[1]))


def _table_hash(rows: Sequence[Factor]) -> str:
    import hashlib

    digest = hashlib.sha256()
    for row in rows:
        digest.update("|".join(str(v) for v in (
            row.table, row.drug, row.route, row.form, row.unit, row.factor, row.low, row.high,
            row.band_min, row.band_max, row.source)).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def _build(table_id: str, rows: list[Factor], meta: Mapping[str, str] | None,
           default_purpose: str) -> ConversionTable:
    meta = meta or {}
    purpose = meta.get("purpose") or default_purpose
    cls = _PURPOSES.get(purpose, SurveillanceTable)
    return cls(
        id=table_id,
        title=meta.get("title") or table_id,
        purpose=purpose,
        version=meta.get("version", ""),
        effective_date=meta.get("effective_date", ""),
        source=meta.get("source") or rows[0].source,
        content_hash=_table_hash(rows),
        factors=tuple(rows),
        notes=meta.get("notes", ""),
    )


@functools.cache
def conversion_tables() -> Mapping[str, ConversionTable]:
    """The shipped tables by id, loaded on first use."""
    meta: dict[str, dict[str, str]] = {}
    for line, row in read_rows(data_file("equivalence_tables.csv"),
                               ("table", "title", "purpose", "source")):
        if row["purpose"] not in _PURPOSES:
            raise DataError(f"purpose {row['purpose']!r}; use surveillance or rotation",
                            path="equivalence_tables.csv", line=line)
        meta[row["table"]] = row
    factors = _read_factors(data_file("opioid_equivalence.csv"), "opioid_equivalence.csv")
    missing = sorted(set(factors) - set(meta))
    if missing:
        raise DataError(f"tables without a row in equivalence_tables.csv: {missing}",
                        path="opioid_equivalence.csv")
    return {table: _build(table, rows, meta[table], "surveillance")
            for table, rows in factors.items()}


def load_table_file(path: str | Path, *, purpose: str = "surveillance") -> dict[str,
                                                                               ConversionTable]:
    """A user's own table(s) from a CSV file in the format of ``data/opioid_equivalence.csv``.

    Every row is checked as the shipped ones are; an error names ``file:line``. Each table's
    version is the file name and its hash the hash of its rows.
    """
    file = Path(path)
    factors = _read_factors(file, str(path))
    if not factors:
        raise DataError("no rows", path=str(path))
    return {table: _build(table, rows, {"version": file.name}, purpose)
            for table, rows in factors.items()}


def conversion_table(table: str | ConversionTable | None = None) -> ConversionTable:
    """A shipped table by id (``cdc2022`` when None), or the table itself."""
    if isinstance(table, ConversionTable):
        return table
    tables = conversion_tables()
    key = table or DEFAULT_TABLE
    try:
        return tables[key]
    except KeyError:
        raise UnknownTableError(key, sorted(tables)) from None


# -- results ------------------------------------------------------------------------------------
@attrs.frozen
class OralMorphineEquivalent:
    """An OME in mg/day: a point value, a range where a factor is a range, or both.

    ``known_value`` (and ``low``/``high``) sum what is known; ``missing`` lists, with reasons, what
    could not be counted (no factor, dose unknown, PRN with no maximum). :attr:`value` is the
    number only when nothing is missing — a partial sum is a lower bound, never the answer.
    """

    known_value: float | None
    low: float | None = None
    high: float | None = None
    missing: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def value(self) -> float | None:
        """The OME [mg/day] where it is complete and a point value; else None."""
        return self.known_value if self.complete else None

    @property
    def has_number(self) -> bool:
        """False where no number at all is known (no factor, dose unknown)."""
        return self.known_value is not None or self.low is not None

    @property
    def bounds(self) -> tuple[float, float] | None:
        """(low, high) of what is known: the range, or the point value twice."""
        if self.low is not None and self.high is not None:
            return (self.low, self.high)
        if self.known_value is not None:
            return (self.known_value, self.known_value)
        return None

    def __add__(self, other: OralMorphineEquivalent) -> OralMorphineEquivalent:
        return OralMorphineEquivalent.total((self, other))

    @classmethod
    def total(cls, parts: Iterable[OralMorphineEquivalent]) -> OralMorphineEquivalent:
        """The sum of what is known; what is not known is carried in ``missing``, never as 0."""
        missing: list[str] = []
        value: float | None = 0.0
        low = high = 0.0
        ranged = counted = False
        for part in parts:
            missing.extend(part.missing)
            if part.known_value is None and part.low is None:
                continue
            counted = True
            if part.known_value is None:
                value = None
            elif value is not None:
                value += part.known_value
            if part.low is not None and part.high is not None:
                ranged = True
                low += part.low
                high += part.high
            else:
                low += part.known_value or 0.0
                high += part.known_value or 0.0
        if not counted:
            return cls(None if missing else 0.0, missing=tuple(missing))
        return cls(value, low if ranged else None, high if ranged else None, tuple(missing))

    def format(self, digits: int = 4) -> str:
        """``"30 mg/day"``, ``"20–30 mg/day"``, ``"≥ 30 mg/day"`` (part missing), ``"not known"``."""
        from mpsdose.clinical.totals import _round

        if not self.has_number:
            return "not known"
        if self.known_value is not None:
            text = f"{_round(self.known_value, digits)} mg/day"
            if self.low is not None and self.high is not None:
                text += f" ({_round(self.low, digits)}–{_round(self.high, digits)})"
        else:
            text = f"{_round(self.low or 0, digits)}–{_round(self.high or 0, digits)} mg/day"
        return text if self.complete else f"≥ {text}"

    def __str__(self) -> str:
        return self.format()




@attrs.frozen
class ItemEquivalent:
    """The OME of one opioid ingredient of one item, with how it was computed."""

    item: Item
    ingredient: Ingredient
    daily_mg: float | None  #: the ingredient's daily amount [mg/day]; PRN at maximum
    amount: float | None  #: the daily amount in the factor's unit
    factor: Factor | None
    ome: OralMorphineEquivalent
    reason: str = ""  #: why there is no OME, if there is none

    @property
    def explanation(self) -> str:
        """How the number was made: amount × factor = OME, with table and source."""
        if self.factor is None or self.amount is None:
            return self.reason
        from mpsdose.clinical.totals import _round

        amount = f"{_round(self.amount, 6)} {self.factor.unit}"
        band = f", band {self.factor.band}" if self.factor.band else ""
        return (f"{amount} × {self.factor.describe()} = {self.ome.format(6)} "
                f"[{self.factor.table}{band}: {self.factor.source}]")


@attrs.frozen
class RegimenEquivalent:
    """The OME of a regimen under one table: per item, per drug and route, and in total."""

    table: ConversionTable
    items: tuple[ItemEquivalent, ...]
    scheduled: OralMorphineEquivalent
    with_prn: OralMorphineEquivalent
    findings: tuple[Finding, ...]

    def by_drug_route(self) -> dict[tuple[str, Route], OralMorphineEquivalent]:
        """Scheduled + PRN-at-maximum OME per (drug, route)."""
        groups: dict[tuple[str, Route], list[OralMorphineEquivalent]] = {}
        for row in self.items:
            groups.setdefault((row.ingredient.drug.name, row.item.route), []).append(row.ome)
        return {key: OralMorphineEquivalent.total(parts) for key, parts in groups.items()}


def _item_equivalent(item: Item, ingredient: Ingredient, table: ConversionTable) -> ItemEquivalent:
    drug = ingredient.drug
    daily = item.daily(ingredient)
    if ingredient.dose is None:
        reason = f"{item}: dose unknown, so no OME"
        return ItemEquivalent(item, ingredient, None, None, None,
                              OralMorphineEquivalent(None, missing=(reason,)), reason)
    factor = table.lookup(drug.name, item.route, item.form, daily)
    if factor is None:
        if daily is None and table.has_bands(drug.name, item.route):
            reason = f"{item}: {table.id} tiers {drug.name} by daily dose, which is not known"
        else:
            reason = f"{item}: {table.id} has no factor for {drug.name} {item.route.value}" + (
                f" ({item.form})" if item.form else "")
        return ItemEquivalent(item, ingredient, daily, None, None,
                              OralMorphineEquivalent(None, missing=(reason,)), reason)
    if daily is None:
        reason = f"{item}: PRN with no maximum or interval; its OME at maximum is not known"
        return ItemEquivalent(item, ingredient, None, None, factor,
                              OralMorphineEquivalent(None, missing=(reason,)), reason)
    amount = factor.unit.from_canonical(daily)
    ome = OralMorphineEquivalent(
        None if factor.factor is None else amount * factor.factor,
        None if factor.low is None else amount * factor.low,
        None if factor.high is None else amount * factor.high,
    )
    return ItemEquivalent(item, ingredient, daily, amount, factor, ome)


def oral_morphine_equivalent(
    regimen: Regimen | Iterable[Item],
    table: str | ConversionTable | None = None,
    *,
    threshold_context: str | None = None,
) -> RegimenEquivalent:
    """The oral morphine equivalent of every opioid of a regimen, and in total.

    Parameters
    ----------
    regimen
        A regimen or items. Non-opioids are left out; opioids the table has no factor for get no
        OME (``None``) and a ``no-factor`` finding — never 0.
    table
        A table id (``cdc2022`` by default; see ``mpsdose tables``) or a loaded table.
    threshold_context
        A context of ``data/ome_thresholds.csv`` (``cdc2022``, ``cdc2016``, ``opioids-aware``) to
        report the total against, as information; None or ``palliative``: no threshold.

    Returns
    -------
    RegimenEquivalent
        Scheduled total (PRN left out) and total with PRN at their maximum, each item's factor,
        table, source and explanation.
    """
    chosen = conversion_table(table)
    items = regimen.items if isinstance(regimen, Regimen) else tuple(regimen)
    rows = tuple(
        _item_equivalent(item, ingredient, chosen)
        for item in items if item.listed
        for ingredient in item.ingredients if ingredient.drug.is_opioid
    )
    scheduled = OralMorphineEquivalent.total(row.ome for row in rows if not row.item.prn)
    with_prn = OralMorphineEquivalent.total(row.ome for row in rows)
    findings: list[Finding] = []
    for row in rows:
        if row.factor is None and row.ingredient.dose is not None:
            code = "no-factor-band" if "tiers" in row.reason else "no-factor"
            findings.append(Finding(Severity.WARNING, code, row.reason + "; not counted as 0",
                                    chosen.source, item=str(row.item)))
    if threshold_context not in (None, "palliative"):
        findings.extend(_threshold_findings(scheduled, with_prn, threshold_context))
    if isinstance(chosen, SurveillanceTable) and any(r.factor for r in rows):
        findings.append(Finding(
            Severity.INFO, "surveillance-table",
            f"{chosen.id} is a surveillance (MME) table: use it for risk and totals, not to "
            "dose a new opioid", chosen.source))
    return RegimenEquivalent(chosen, rows, scheduled, with_prn, tuple(findings))


@attrs.frozen
class Threshold:
    """An OME level a guideline attaches a meaning to, in its context."""

    context: str
    mg_per_day: float
    severity: str
    meaning: str
    source: str


@functools.cache
def _all_thresholds() -> tuple[Threshold, ...]:
    rows = []
    for line, row in read_rows(data_file("ome_thresholds.csv"),
                               ("context", "threshold_mg_per_day", "meaning", "source")):
        value = parse_float(row["threshold_mg_per_day"], "threshold_mg_per_day",
                            path="ome_thresholds.csv", line=line)
        if value is None:
            raise DataError("empty threshold", path="ome_thresholds.csv", line=line)
        rows.append(Threshold(row["context"], value, row.get("severity", "info"), row["meaning"],
                              require(row, "source", path="ome_thresholds.csv", line=line)))
    return tuple(rows)


def thresholds(context: str | None = None) -> list[Threshold]:
    """The thresholds of one context (all when None); ``palliative`` has none, by design."""
    rows = _all_thresholds()
    if context is None:
        return list(rows)
    known = {row.context for row in rows} | {"palliative"}
    if context not in known:
        raise UnknownTableError(context, sorted(known))
    return [row for row in rows if row.context == context]


def _threshold_findings(scheduled: OralMorphineEquivalent, with_prn: OralMorphineEquivalent,
                        context: str) -> list[Finding]:
    found = []
    for total, what in ((scheduled, "scheduled"), (with_prn, "with PRN at maximum")):
        bounds = total.bounds
        if bounds is None:
            continue
        reached = [t for t in thresholds(context) if bounds[1] >= t.mg_per_day]
        if reached:
            top = max(reached, key=lambda t: t.mg_per_day)
            found.append(Finding(
                Severity.INFO, f"ome-threshold-{context}",
                f"OME {what} {total.format()} is at or above {top.mg_per_day:g} mg/day "
                f"({context}): {top.meaning}", top.source))
            break
    return found
