"""Practice data for rotation: what can be given, how often, and the rules of switching.

Loaded on first use from ``data/``, every row with its source:

- ``strengths.csv``: marketed strengths by drug, route, release, form and market (tablets in mg,
  patches in mcg/h, liquids and injections as mg/mL with the smallest measurable step);
- ``schedules.csv``: the usual interval of each product type (ER oral q12h, patch 72 h …);
- ``rotation_rules.csv``: cross-tolerance reduction, breakthrough fraction, titration step,
  fentanyl-patch opioid tolerance …; a rule may have several rows, one per source, where sources
  differ: the **first row of a rule is its default** and the others are shown for comparison;
- ``patch_conversion.csv``: the manufacturers' direction-dependent patch tables.
"""

from __future__ import annotations

import functools

import attrs

from mpsdose.knowledge.loader import data_file, parse_float, read_rows, require
from mpsdose.model.drugs import Route, default_catalogue, parse_route
from mpsdose.model.errors import DataError

__all__ = [
    "PatchBand",
    "Rule",
    "load_rules",
    "Strength",
    "UsualSchedule",
    "patch_bands",
    "rule",
    "rules",
    "schedules",
    "strengths",
    "usual_schedule",
]


def _drug(name: str, path: str, line: int) -> str:
    drug = default_catalogue().get(name)
    if drug is None:
        raise DataError(f"unknown drug {name!r}", path=path, line=line)
    return drug.name


def _route(text: str, path: str, line: int) -> Route:
    try:
        return parse_route(text)
    except ValueError as error:
        raise DataError(str(error), path=path, line=line) from None


def _number(row: dict[str, str], column: str, path: str, line: int) -> float | None:
    return parse_float(row.get(column, ""), column, path=path, line=line)


@attrs.frozen
class Strength:
    """The marketed strengths of one product type in one market."""

    drug: str
    route: Route
    release: str | None
    form: str
    market: str
    strengths: tuple[float, ...]
    unit: str  #: ``mg`` (a dosage unit), ``mcg/h`` (a patch), ``mg/mL`` (a liquid or injection)
    step_mg: float | None  #: smallest measurable dose of a liquid or injection [mg]
    source: str

    @property
    def countable(self) -> bool:
        """Tablets, capsules, suppositories and patches: given as whole units."""
        return self.unit in ("mg", "mcg/h")


@functools.cache
def strengths() -> tuple[Strength, ...]:
    path = "strengths.csv"
    rows = []
    for line, row in read_rows(data_file(path), ("drug", "route", "form", "market", "strengths",
                                                 "unit", "source")):
        numbers = []
        for word in require(row, "strengths", path=path, line=line).split():
            value = parse_float(word, "strengths", path=path, line=line)
            if value is None or value <= 0:
                raise DataError(f"strength {word!r} must be positive", path=path, line=line)
            numbers.append(value)
        unit = require(row, "unit", path=path, line=line)
        if unit not in ("mg", "mcg/h", "mg/mL", "mcg/mL"):
            raise DataError(f"unit {unit!r}; use mg, mcg/h, mg/mL or mcg/mL", path=path, line=line)
        rows.append(Strength(
            _drug(require(row, "drug", path=path, line=line), path, line),
            _route(require(row, "route", path=path, line=line), path, line),
            row.get("release") or None,
            require(row, "form", path=path, line=line),
            require(row, "market", path=path, line=line).lower(),
            tuple(sorted(numbers)),
            unit,
            _number(row, "step", path, line),
            require(row, "source", path=path, line=line),
        ))
    return tuple(rows)


@attrs.frozen
class UsualSchedule:
    """The usual scheduled interval of a product type (None: a continuous infusion)."""

    drug: str
    route: Route
    release: str | None
    form: str | None
    interval_h: float | None
    interval_h_max: float | None
    prn_interval_h: float | None
    source: str
    notes: str = ""


@functools.cache
def schedules() -> tuple[UsualSchedule, ...]:
    path = "schedules.csv"
    rows = []
    for line, row in read_rows(data_file(path), ("drug", "route", "interval_h", "source")):
        rows.append(UsualSchedule(
            _drug(require(row, "drug", path=path, line=line), path, line),
            _route(require(row, "route", path=path, line=line), path, line),
            row.get("release") or None,
            row.get("form") or None,
            _number(row, "interval_h", path, line),
            _number(row, "interval_h_max", path, line),
            _number(row, "prn_interval_h", path, line),
            require(row, "source", path=path, line=line),
            row.get("notes", ""),
        ))
    return tuple(rows)


def usual_schedule(drug: str, route: Route, release: str | None = None,
                   form: str | None = None) -> UsualSchedule | None:
    """The best-matching usual schedule, or None.

    A row for the exact release wins over one for any release; a row for the asked form over a
    row for any form; where no form is asked, the first row of any form serves. Rows for another
    release, or another form than the one asked, never match.
    """
    best: tuple[int, UsualSchedule] | None = None
    for row in schedules():
        if row.drug != drug or row.route is not route:
            continue
        if row.release is not None and row.release != release:
            continue
        if form is not None and row.form is not None and row.form != form:
            continue
        rank = (row.release is not None) * 2 + (form is not None and row.form == form)
        if best is None or rank > best[0]:
            best = (rank, row)
    return None if best is None else best[1]


@attrs.frozen
class Rule:
    """One rule of practice with its source: a value or a range (fractions, hours, mg/day)."""

    rule: str
    drug: str | None
    value: float | None
    low: float | None
    high: float | None
    unit: str
    source: str
    notes: str = ""

    @property
    def bounds(self) -> tuple[float, float]:
        if self.low is not None and self.high is not None:
            return (self.low, self.high)
        assert self.value is not None
        return (self.value, self.value)


@functools.cache
def load_rules(path: str) -> tuple[Rule, ...]:
    """The rows of a rules file of ``data/`` (``rule,[drug,]value,value_low,value_high,unit,
    source,notes``), in file order."""
    rows = []
    for line, row in read_rows(data_file(path), ("rule", "value", "unit", "source")):
        value = _number(row, "value", path, line)
        low, high = _number(row, "value_low", path, line), _number(row, "value_high", path, line)
        if value is None and (low is None or high is None):
            raise DataError("a rule needs a value or value_low and value_high", path=path,
                            line=line)
        drug = row.get("drug") or None
        rows.append(Rule(
            require(row, "rule", path=path, line=line),
            None if drug is None else _drug(drug, path, line),
            value, low, high,
            row.get("unit", ""),
            require(row, "source", path=path, line=line),
            row.get("notes", ""),
        ))
    return tuple(rows)


def rules() -> tuple[Rule, ...]:
    """The rules of rotation (``data/rotation_rules.csv``)."""
    return load_rules("rotation_rules.csv")


def rule(name: str, drug: str | None = None) -> list[Rule]:
    """The rows of one rule (for one drug, or for any opioid), in file order."""
    found = [r for r in rules() if r.rule == name and (r.drug is None or r.drug == drug)]
    if not found:
        raise LookupError(f"no rule {name!r} in rotation_rules.csv")
    return found


@attrs.frozen
class PatchBand:
    """One row of a manufacturer's patch table: a band of current daily dose → a patch."""

    table: str
    drug: str
    direction: str
    from_drug: str
    from_route: Route
    from_min: float
    from_max: float | None
    unit: str
    patch_mcg_h: float
    source: str
    notes: str = ""


@functools.cache
def patch_bands() -> tuple[PatchBand, ...]:
    path = "patch_conversion.csv"
    rows = []
    for line, row in read_rows(data_file(path), ("table", "drug", "direction", "from_drug",
                                                 "from_route", "from_min", "from_max",
                                                 "patch_mcg_h", "source")):
        low = _number(row, "from_min", path, line) or 0.0  # empty: from zero ("< 44")
        patch = _number(row, "patch_mcg_h", path, line)
        if patch is None:
            raise DataError("patch_mcg_h is required", path=path, line=line)
        rows.append(PatchBand(
            require(row, "table", path=path, line=line),
            _drug(require(row, "drug", path=path, line=line), path, line),
            require(row, "direction", path=path, line=line),
            _drug(require(row, "from_drug", path=path, line=line), path, line),
            _route(require(row, "from_route", path=path, line=line), path, line),
            low,
            _number(row, "from_max", path, line),
            row.get("unit") or "mg/day",
            patch,
            require(row, "source", path=path, line=line),
            row.get("notes", ""),
        ))
    return tuple(rows)

