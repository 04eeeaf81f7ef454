"""Opioid conversion tables (CONTRACT.md §3) and OME thresholds, as objects.

A conversion table maps (drug, route[, form][, daily-dose band]) to a factor: mg/day of oral
morphine per one unit/day of the drug (``mg/day``, ``mcg/day``) or per ``mcg/h`` of a patch worn
continuously. The shipped tables are ``opioid_equivalence.csv`` with ``equivalence_tables.csv``
(title, purpose, version and date of each); a user's own table loads from a file of the same format
and is checked the same way.

Two purposes, two types: a :class:`SurveillanceTable` (MME for risk and population work: CDC, NIH
HEAL, CMS, ANZCA) and a :class:`RotationTable` (clinical equianalgesic tables for switching opioids).
Both total a regimen; only a rotation table may be passed to the rotation functions.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from mpsdose.knowledge.loader import Row
from mpsdose.knowledge.schema import Interval
from mpsdose.model.drugs import Catalogue
from mpsdose.model.errors import DataError, UnknownTableError
from mpsdose.model.numbers import bounds
from mpsdose.model.units import UNITS, Unit
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import ROUTE_GROUPS, Route

__all__ = [
    "DEFAULT_TABLE",
    "ConversionTable",
    "Factor",
    "RotationTable",
    "SurveillanceTable",
    "Threshold",
    "build_tables",
    "table_by_id",
    "thresholds_from_rows",
]

#: The table used when none is named: CDC 2022 (CONTRACT.md §3).
DEFAULT_TABLE = "cdc2022"


@attrs.frozen(repr=False, eq=False)
class Factor(Value):
    """One row of a conversion table.

    ``factor`` is mg/day of oral morphine per one ``unit`` of the drug's daily amount; ``low`` and
    ``high`` bound it where the source gives a range (``factor`` may then be None). The row applies
    to daily amounts in ``band`` (in ``unit``): ``(daily_dose_min, daily_dose_max]``.

    Attributes
    ----------
    table
        The table's id.
    drug
        Canonical drug name.
    route
        As written: a route or a group (``parenteral``).
    routes
        The routes the row applies to.
    form
        The dosage form the row is for, or None: any form.
    unit
        The unit of the daily amount the factor applies to: mg/day, mcg/day or mcg/h.
    factor
        [mg OME/day per ``unit``]; None where the source gives only a range.
    low, high
        The range of the factor, where the source gives one [mg OME/day per ``unit``].
    band_min, band_max
        The band of the daily amount the row applies to, ``(band_min, band_max]`` [``unit``];
        None: unbounded.
    source
        Where the factor comes from.
    notes
        The source's wording, disagreements, what was left out.
    where
        ``file:line`` the row was read from.
    grade
        ``P``: the issuing body's own text was seen; ``S``: a copy or a summary.
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
    grade: str = ""

    @property
    def interval(self) -> Interval:
        """The band as an interval, ``(band_min, band_max]``."""
        return Interval.upper_closed(self.band_min, self.band_max)

    @property
    def is_range(self) -> bool:
        """True where the source gives the factor as a range."""
        return self.low is not None and self.high is not None

    def applies_to(self, amount: float | None) -> bool:
        """Whether the row's band holds a daily ``amount`` [``unit``]."""
        return bool(self.interval.contains(amount))

    @property
    def band(self) -> str:
        """The band in words (``"20 < mg/day ≤ 40"``); empty where unbounded."""
        if self.band_min is None and self.band_max is None:
            return ""
        low = "0" if self.band_min is None else f"{self.band_min:g}"
        high = "" if self.band_max is None else f"{self.band_max:g}"
        return f"{low} < {self.unit} ≤ {high}" if high else f"> {low} {self.unit}"

    @property
    def bounds(self) -> tuple[float, float]:
        """(low, high): the range where the row gives one, else the point value twice."""
        return bounds(self.factor, self.low, self.high)

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

    @classmethod
    def from_row(cls, row: Row, catalogue: Catalogue) -> Factor:
        """A factor from a typed row of ``opioid_equivalence.csv`` (or a user's table file).

        Raises
        ------
        DataError
            A row that does not make sense: a route the drug lacks, mcg/h off a patch, no factor,
            a range or band out of order.
        """
        drug = catalogue.drugs[row["drug"]]
        route_text: str = row["route"]
        routes = ROUTE_GROUPS.get(route_text) or frozenset({Route(route_text)})
        if not routes & drug.routes:
            raise row.error(f"{drug.name} has no {route_text} route in the catalogue", "route")
        unit = UNITS[row["unit"]]
        if unit.per_hour != (routes == {Route.TRANSDERMAL}):
            raise row.error(f"unit {unit} does not fit route {route_text}: mcg/h is a patch's "
                            "release rate, and a patch is given per mcg/h", "unit")
        factor, low, high = row.get("factor"), row.get("factor_low"), row.get("factor_high")
        if factor is None and low is None:
            raise row.error("no factor: give 'factor' or 'factor_low' and 'factor_high'",
                            "factor")
        if low is not None and high is not None and not low < high:
            raise row.error("need factor_low < factor_high", "factor_low")
        band_min, band_max = row.get("daily_dose_min"), row.get("daily_dose_max")
        if band_min is not None and band_max is not None and band_min >= band_max:
            raise row.error("daily_dose_min must be below daily_dose_max", "daily_dose_min")
        return cls(row["table"], drug.name, route_text, routes, row.get("form"), unit, factor,
                   low, high, band_min, band_max, row["source"], row.get("notes", ""),
                   row.where, row.get("grade", ""))


@attrs.frozen(repr=False, eq=False)
class ConversionTable(Value):
    """A named conversion table: its rows, and what identifies exactly which numbers were used.

    Get one with :func:`mpsdose.conversion_table`. Every OME names its table's :attr:`label`, so a
    result can be traced to the numbers that made it.

    Attributes
    ----------
    id
        ``cdc2022``, ``spcg`` …
    title
        The table's full name.
    purpose
        ``surveillance`` or ``rotation``.
    version, effective_date
        The version and the date of the source (``equivalence_tables.csv``).
    source
        The publication the table comes from.
    content_hash
        SHA-256 of the rows: changes whenever a number does.
    factors
        The rows.
    notes
        What a reader should know about the table.
    """

    id: str
    title: str
    purpose: str
    version: str
    effective_date: str
    source: str
    factors: tuple[Factor, ...] = attrs.field(repr=False)
    notes: str = ""
    _by_drug: Mapping[str, tuple[Factor, ...]] = attrs.field(
        init=False, repr=False, eq=False,
        default=attrs.Factory(lambda self: _index(self.factors), takes_self=True),
    )
    #: The content hash, once computed (it is made from the rows on first use: a command that
    #: shows no table never hashes one).
    _hash: list[str] = attrs.field(init=False, repr=False, eq=False, factory=list)
    #: (drug, route, form) → the rows that may apply, best first, and whether any has a band:
    #: found once per key (an OME looks up the same few keys again and again).
    _candidates: dict[tuple[str, Route, str | None], tuple[tuple[Factor, ...], bool]] = \
        attrs.field(init=False, repr=False, eq=False, factory=dict)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the rows (hex): changes whenever a number does."""
        if not self._hash:
            self._hash.append(_table_hash(self.factors))
        return self._hash[0]

    def rows(self, drug: str) -> tuple[Factor, ...]:
        """The rows of one drug (canonical name); empty where the table has none."""
        return self._by_drug.get(drug, ())

    def lookup(self, drug: str, route: Route, form: str | None = None,
               daily: float | None = None) -> Factor | None:
        """The row for a drug, route, form and daily amount [mg/day], or None (no factor).

        A row written for the exact route wins over a group (``parenteral``); a row for the exact
        form over a row for any form; the band is matched on the daily amount in the row's unit.

        Parameters
        ----------
        drug
            Canonical drug name.
        route
            The route given.
        form
            The dosage form given, or None.
        daily
            The daily amount [mg/day] (mcg/h of a patch in its canonical mg/day), for a table
            whose factor depends on the dose (methadone in ``cdc2016``); None: not known.

        Returns
        -------
        Factor or None
            None where the table has no factor: never a 0.
        """
        key = (drug, route, form)
        try:
            rows, banded = self._candidates[key]
        except KeyError:
            # the rows for this drug, route and form, the best first (an exact route before a
            # group, an exact form before any form; in table order where they rank alike)
            ranked = sorted(
                (row for row in self.rows(drug) if route in row.routes
                 and (row.form is None or row.form == form)),
                key=lambda row: -((row.route == route.value) * 2 + (row.form is not None)))
            rows = tuple(ranked)
            banded = any(row.band_min is not None or row.band_max is not None for row in rows)
            self._candidates[key] = (rows, banded)
        if not banded:
            return rows[0] if rows else None
        for row in rows:  # the best row whose band holds the daily amount
            if row.applies_to(None if daily is None else row.unit.from_canonical(daily)):
                return row
        return None

    def has_bands(self, drug: str, route: Route) -> bool:
        """True where the factor of ``drug`` by ``route`` depends on the daily dose."""
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
    """MME factors for risk thresholds and population work. Not for dosing a new opioid.

    CDC 2022, CDC 2016, CMS 2018, NIH HEAL, ANZCA 2021: a rotation function refuses one.
    """


class RotationTable(ConversionTable):
    """Clinical equianalgesic factors for switching opioids (with the rotation functions).

    ``spcg`` (Scottish Palliative Care Guidelines, the default), ``jspm2010``, ``pdq``.
    """


_PURPOSES: dict[str, type[ConversionTable]] = {
    "surveillance": SurveillanceTable,
    "rotation": RotationTable,
}


def _check_bands(rows: list[Factor]) -> None:
    groups: dict[tuple[object, ...], list[Factor]] = {}
    for row in rows:
        groups.setdefault((row.drug, row.route, row.form), []).append(row)
    for group in groups.values():
        for before, after in itertools.combinations(group, 2):
            if before.interval.overlaps(after.interval):
                file, line = after.where.rsplit(":", 1)
                raise DataError(f"band overlaps with {before.where}", path=file, line=int(line),
                                column="daily_dose_min")


def _sha256() -> Any:
    """SHA-256 from Python's small built-in module where it has one (``_sha2``, ``_sha256``):
    ``hashlib`` loads OpenSSL first, which costs more start-up time than the command that
    shows a table's hash spends on everything else. The same digest either way."""
    import importlib

    for name in ("_sha2", "_sha256"):
        try:
            return importlib.import_module(name).sha256()
        except (ImportError, AttributeError):
            continue
    import hashlib

    return hashlib.sha256()


def _table_hash(rows: Sequence[Factor]) -> str:
    digest = _sha256()
    for row in rows:
        digest.update("|".join(str(v) for v in (
            row.table, row.drug, row.route, row.form, row.unit, row.factor, row.low, row.high,
            row.band_min, row.band_max, row.source)).encode())
        digest.update(b"\n")
    return str(digest.hexdigest())


def build_tables(factor_rows: Sequence[Row], catalogue: Catalogue,
                 meta_rows: Sequence[Row] | None = None, *,
                 purpose: str = "surveillance", version: str = "") -> dict[str, ConversionTable]:
    """The tables of typed rows by id, described by ``meta_rows`` (``equivalence_tables.csv``).

    With ``meta_rows``, every table must have a row there; without (a user's own file), each table
    takes ``purpose`` and ``version``.
    """
    factors: dict[str, list[Factor]] = {}
    for row in factor_rows:
        factors.setdefault(row["table"], []).append(Factor.from_row(row, catalogue))
    for rows in factors.values():
        _check_bands(rows)
    meta: dict[str, Row] = {row["table"]: row for row in meta_rows or ()}
    if meta_rows is not None:
        missing = sorted(set(factors) - set(meta))
        if missing:
            raise DataError(f"tables without a row in equivalence_tables.csv: {missing}",
                            path=factor_rows[0].file)
    tables = {}
    for table_id, rows in factors.items():
        described = meta.get(table_id)
        if described is None:  # a user's own file: no description row
            tables[table_id] = _PURPOSES[purpose](
                id=table_id, title=table_id, purpose=purpose, version=version,
                effective_date="", source=rows[0].source, factors=tuple(rows))
            continue
        kind = described["purpose"]
        tables[table_id] = _PURPOSES[kind](
            id=table_id,
            title=described["title"],
            purpose=kind,
            version=described.get("version", ""),
            effective_date=described.get("effective_date", ""),
            source=described["source"],
            factors=tuple(rows),
            notes=described.get("notes", ""),
        )
    return tables


def table_by_id(tables: Mapping[str, ConversionTable], table: str | None) -> ConversionTable:
    """A table of ``tables`` by id (``cdc2022`` when None), or :class:`UnknownTableError`."""
    key = table or DEFAULT_TABLE
    try:
        return tables[key]
    except KeyError:
        raise UnknownTableError(key, sorted(tables)) from None


@attrs.frozen(repr=False, eq=False)
class Threshold(Value):
    """An OME level a guideline attaches a meaning to, in its context."""

    context: str
    mg_per_day: float
    severity: str
    meaning: str
    source: str

    @classmethod
    def from_row(cls, row: Row) -> Threshold:
        return cls(row["context"], row["threshold_mg_per_day"], row["severity"], row["meaning"],
                   row["source"])


def thresholds_from_rows(rows: Sequence[Row]) -> tuple[Threshold, ...]:
    return tuple(Threshold.from_row(row) for row in rows)
