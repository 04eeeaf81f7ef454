"""What rotation and the methadone switch share: the opioid base of a regimen, rounding down to what
can be given, and the working written as steps.

Every number comes from the knowledge bundle (:mod:`mpsdose.knowledge`): marketed strengths and
measurable steps, rotation tables.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from mpsdose.knowledge.bundle import Knowledge
from mpsdose.knowledge.conversion import ConversionTable, Factor, RotationTable
from mpsdose.knowledge.schema import LIMIT_MARKETS
from mpsdose.model.drugs import Drug
from mpsdose.model.errors import MpsdoseError
from mpsdose.model.numbers import significant
from mpsdose.model.regimen import Item
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import Route

if TYPE_CHECKING:  # the strengths' record type loads with the strengths, on first use
    from mpsdose.knowledge.practice import Strength, StrengthProduct

__all__ = [
    "DEFAULT_ROTATION_TABLE",
    "MAX_UNITS_PER_DOSE",
    "ImplausibleDoseError",
    "NoGivableDoseError",
    "OpioidBase",
    "Part",
    "Range",
    "RotationError",
    "Step",
    "format_range",
    "givable",
    "givable_range",
    "opioid_base",
    "product_rows",
    "rotation_table",
    "round_down",
    "scheduled_ome",
    "scheduled_opioid_days",
    "strength_market",
    "strength_rows",
    "switch_tables",
]

#: The rotation table used when none is named: the Scottish Palliative Care Guidelines' tables.
DEFAULT_ROTATION_TABLE = "spcg"
#: The market whose marketed strengths are borrowed by a market with none in strengths.csv.
DEFAULT_STRENGTH_MARKET = "us"
#: Dosage units per administration mpsdose will combine when rounding (e.g. 30 mg + 10 mg).
MAX_UNITS_PER_DOSE = 3

Range = tuple[float, float]
_PARENTERAL = frozenset({Route.IV, Route.SC, Route.IM})


class RotationError(MpsdoseError, ValueError):
    """A rotation that cannot be computed safely (dose unknown, no factor, wrong table kind).

    A :class:`ValueError`: raised by :func:`mpsdose.convert`, :func:`mpsdose.titrate` and
    :func:`mpsdose.methadone_switch` instead of a number that could be wrong.
    """


class NoGivableDoseError(RotationError):
    """The input was understood, but no marketed strength or patch of the target lies at or below
    the top of the computed range: no dose can be given, and none is guessed.

    ``exit_code`` is 1, as for an error-level finding (CONTRACT.md §2: the input was understood;
    2 is for input that could not be).
    """

    exit_code = 1


class ImplausibleDoseError(RotationError):
    """The input was understood, but ``check`` calls one of its opioid doses implausible (an
    ``opioid-implausible-dose`` error: a unit or decimal slip to confirm): no conversion is
    planned from it, since a slip made before a rotation is carried straight into the new drug.

    ``exit_code`` is 1, as for an error-level finding (CONTRACT.md §2: the input was understood,
    and ``check`` reads it and judges it; 2 is for input that could not be understood).
    """

    exit_code = 1


@attrs.frozen(repr=False, eq=False)
class Step(Value):
    """One step of the working, for the table and ``--json``.

    Attributes
    ----------
    step
        What the step does ("OME", "cross-tolerance reduction", "round down").
    detail
        The arithmetic and its source.
    """

    step: str
    detail: str


def format_range(pair: Range, unit: str = "mg/day") -> str:
    """``"20 mg/day"`` for a point, ``"15–20 mg/day"`` for a range."""
    low, high = pair
    if abs(high - low) <= 1e-9 * max(abs(high), 1):
        return f"{significant(low, 4)} {unit}"
    return f"{significant(low, 4)}–{significant(high, 4)} {unit}"


# -- rounding --------------------------------------------------------------------------------
def round_down(amount: float, unit_strengths: Sequence[float],
               max_units: int = MAX_UNITS_PER_DOSE) -> float:
    """The largest sum of at most ``max_units`` units of the given strengths not above ``amount``.

    Never more than ``amount``; 0.0 where even the smallest strength is above it.
    """
    best = 0.0
    tolerance = 1e-9 * max(amount, 1.0)
    for count in range(1, max_units + 1):
        for combo in itertools.combinations_with_replacement(unit_strengths, count):
            total = sum(combo)
            if best < total <= amount + tolerance:
                best = total
    return min(best, amount) if best > amount else best


def _floor_step(amount: float, step: float) -> float:
    """``amount`` rounded down to a multiple of ``step`` (and cleaned of float noise)."""
    return round(math.floor(amount / step + 1e-9) * step, 10)


def _two_digit_step(amount: float) -> float:
    """The step that keeps 2 significant digits of ``amount`` (12.34 → 0.1)."""
    if amount <= 0:
        return 1.0
    return float(10.0 ** (math.floor(math.log10(amount)) - 1))


def strength_rows(knowledge: Knowledge, drug: str, route: Route, release: str | None,
                  market: str, unit_kinds: Iterable[str]) -> list[Strength]:
    """The marketed products of a drug for a route (any parenteral route for another), release
    and market, with strengths in one of ``unit_kinds``. An unknown market is an error (it would
    otherwise find no product, silently)."""
    markets = {row.market for row in knowledge.strengths}
    if market not in markets and market in LIMIT_MARKETS and DEFAULT_STRENGTH_MARKET in markets:
        market = DEFAULT_STRENGTH_MARKET  # no strengths of its own shipped: borrowed (said by
        # the caller, :func:`strength_market`)
    if market not in markets:
        raise RotationError(f"unknown market {market!r}; markets: {', '.join(sorted(markets))}")
    kinds = set(unit_kinds)
    rows = []
    for row in knowledge.strengths:
        if row.drug != drug or row.market != market or row.unit not in kinds:
            continue
        same_route = row.route is route or (route in _PARENTERAL and row.route in _PARENTERAL)
        if not same_route:
            continue
        if release is not None and row.release not in (None, release):
            continue
        rows.append(row)
    return rows


def strength_market(knowledge: Knowledge, market: str) -> str | None:
    """The market whose strengths are borrowed for ``market`` (one of the check markets with no
    rows in ``strengths.csv``: eu, au, nz), or None where it has its own."""
    markets = {row.market for row in knowledge.strengths}
    if market not in markets and market in LIMIT_MARKETS and DEFAULT_STRENGTH_MARKET in markets:
        return DEFAULT_STRENGTH_MARKET
    return None


def givable(knowledge: Knowledge, amount: float, drug: str, route: Route, release: str | None,
            market: str) -> tuple[float, str]:
    """``amount`` [mg] rounded down to what one product of the market allows, and how.

    Each product row is tried on its own (tablets of one product are not mixed with capsules of
    another): whole units of its strengths (at most :data:`MAX_UNITS_PER_DOSE`), or for a liquid
    or injection its measurable step — where the data has none, 2 significant digits. The largest
    result not above ``amount`` wins.
    """
    best, how = 0.0, f"no {market} product of {drug} {release or ''} {route.value} in data"
    rows = strength_rows(knowledge, drug, route, release, market, ["mg", "mg/mL"])
    for row in rows:
        if row.countable:
            value = round_down(amount, row.strengths)
            text = (f"down to ≤{MAX_UNITS_PER_DOSE} {row.form}s of "
                    f"{', '.join(f'{u:g}' for u in row.strengths)} mg ({market})")
        elif row.step_mg:
            value = _floor_step(amount, row.step_mg)
            text = f"down to a step of {row.step_mg:g} mg of the {row.form} ({market})"
        else:
            value = _floor_step(amount, _two_digit_step(amount))
            text = (f"down to 2 significant digits for the {row.form} ({market}; no measurable "
                    "step in data/strengths.csv)")
        if value > best or best == 0.0:
            best, how = value, text
    if best == 0.0 and not rows:
        best = _floor_step(amount, _two_digit_step(amount))
        how += "; down to 2 significant digits"
    return best, how.replace("  ", " ")


def _row_amount(row: Strength, amount: float) -> tuple[float, float, str]:
    """(``amount`` rounded down by one product row, its smallest givable amount, how)."""
    if row.countable:
        return (round_down(amount, row.strengths), min(row.strengths),
                f"down to ≤{MAX_UNITS_PER_DOSE} {row.form}s of "
                f"{', '.join(f'{u:g}' for u in row.strengths)} mg ({row.market})")
    if row.step_mg:
        return (_floor_step(amount, row.step_mg), row.step_mg,
                f"down to a step of {row.step_mg:g} mg of the {row.form} ({row.market})")
    value = _floor_step(amount, _two_digit_step(amount)) if amount > 0 else 0.0
    return (value, value, f"down to 2 significant digits for the {row.form} ({row.market}; no "
                          "measurable step in data/strengths.csv)")


def product_rows(knowledge: Knowledge, rows: Sequence[Strength],
                 product: str | None = None) -> list[Strength]:
    """The strengths rows a plan may round to: of the product named (``product``), else of the
    family ``strength_products.csv`` marks as the reference and rows it does not name.

    Products whose strengths are of one drug but labelled in different salts (OxyContin: mg of
    oxycodone HCl; Xtampza ER: mg of oxycodone base) are never mixed. A product labelled in
    another salt than the one mpsdose computes in (``labelled_per_computed`` ≠ 1) is refused
    by name rather than rounded to: its dose is the label's own conversion.

    Raises
    ------
    RotationError
        ``product`` is labelled in another salt, or names no product of these rows.
    """
    known = {p.key: p for p in knowledge.strength_products}
    tagged = [(row, known.get((row.drug, row.route, row.release, row.form, row.market)))
              for row in rows]
    if not any(p for _, p in tagged):
        if product is not None and rows:
            raise RotationError(f"{product}: no strengths of that product in data "
                                "(data/strength_products.csv)")
        return list(rows)
    if product is not None:
        chosen: list[tuple[Strength, StrengthProduct | None]] = [
            (row, p) for row, p in tagged if p and p.product.lower() == product.lower()]
        if not chosen:
            named = sorted({p.product for _, p in tagged if p})
            raise RotationError(f"{product}: not a product of these strengths; products: "
                                f"{', '.join(named)} (data/strength_products.csv)")
    else:
        chosen = [(row, p) for row, p in tagged if p is None or p.reference]
    for _, p in chosen:
        if p is not None and abs(p.labelled_per_computed - 1) > 1e-9:
            raise RotationError(
                f"{p.product} is labelled as mg of another salt than mpsdose computes {p.drug} "
                f"in ({p.labelled_per_computed:g} mg labelled per mg computed "
                f"[{p.source}]): plan the switch to the reference product and convert to "
                f"{p.product} by its label's table")
    return [row for row, _ in chosen]


def givable_range(knowledge: Knowledge, amounts: Range, drug: str, route: Route,
                  release: str | None, market: str,
                  product: str | None = None) -> tuple[Range, str, float | None]:
    """A range [mg] rounded to what ONE product of the market allows, never to 0.

    Where ``strength_products.csv`` names the products of the strengths, only the product
    named (``product``), or the reference family, is rounded to (:func:`product_rows`).

    Each product row (one family of strengths: OxyContin tablets, Xtampza capsules, a liquid) is
    tried on its own, both ends by the same row, so the range and the strengths named agree. The
    top is rounded down to what can be given. Where the low end rounds down to nothing, it is
    raised to the row's smallest strength if that is not above the top (still within the range
    computed); a row whose smallest strength is above the top is passed over. Among the rows
    left, one that needs no raising wins, then the higher top, then the higher low end.

    Returns
    -------
    (range, how, raised_from)
        ``raised_from`` is the low end before it was raised to the smallest strength, or None.

    Raises
    ------
    NoGivableDoseError
        Every product's smallest strength is above the top of the range.
    """
    low, high = amounts
    rows = product_rows(knowledge, strength_rows(knowledge, drug, route, release, market,
                                                 ["mg", "mg/mL"]), product)
    if not rows:
        given = (_floor_step(low, _two_digit_step(low)), _floor_step(high, _two_digit_step(high)))
        if given[0] <= 0 or given[1] <= 0:
            raise NoGivableDoseError(f"{drug} {route.value}: {format_range(amounts, 'mg')} "
                                     "rounds to no dose")
        return given, (f"no {market} product of {drug} {release or ''} {route.value} in data; "
                       "down to 2 significant digits").replace("  ", " "), None
    best: tuple[tuple[bool, float, float], Range, str, float | None] | None = None
    smallest_seen = []
    for row in rows:
        top, smallest, how = _row_amount(row, high)
        bottom, _, _ = _row_amount(row, low)
        smallest_seen.append(smallest)
        if top <= 0:
            continue
        raised = None
        if bottom <= 0:
            bottom, raised = smallest, low
            how += (f"; the low end, {significant(low, 3)} mg, is below the smallest strength: "
                    f"raised to {smallest:g} mg, within the range")
        key = (raised is None, top, bottom)
        if best is None or key > best[0]:
            best = (key, (bottom, top), how, raised)
    if best is None:
        raise NoGivableDoseError(
            f"{format_range(amounts, 'mg')} of {drug} {release or ''} {route.value} is below the "
            f"smallest {market} strength ({min(smallest_seen):g} mg) in data/strengths.csv: "
            "no dose can be given; use an immediate-release or liquid form, another route, or "
            "keep the current opioid".replace("  ", " "))
    return best[1], best[2].replace("  ", " "), best[3]


# -- the opioid base -----------------------------------------------------------------------
def rotation_table(knowledge: Knowledge, table: str | ConversionTable | None) -> ConversionTable:
    """A rotation table by id (``spcg`` when None); an MME (surveillance) table is refused."""
    chosen = knowledge.conversion_table(table or DEFAULT_ROTATION_TABLE)
    if not isinstance(chosen, RotationTable):
        rotation = sorted(t.id for t in knowledge.rotation_tables)
        raise RotationError(
            f"{chosen.id} is a {chosen.purpose} (MME) table, not for dosing a new opioid; "
            f"rotation tables: {', '.join(rotation)}")
    return chosen


def factor_for(knowledge: Knowledge, table: ConversionTable, drug: Drug, route: Route,
               form: str | None, daily: float | None) -> Factor:
    """The table's factor for a drug and route, or :class:`RotationError` naming the rotation
    tables that have one."""
    factor = table.lookup(drug.name, route, form, daily)
    if factor is None:
        others = sorted(t.id for t in knowledge.rotation_tables
                        if t.lookup(drug.name, route, form, daily))
        raise RotationError(
            f"table {table.id} has no factor for {drug.name} {route.value}"
            + (f"; rotation tables that have one: {', '.join(others)}" if others else
               "; no rotation table has one"))
    return factor


@attrs.frozen(repr=False, eq=False)
class Part(Value):
    """One scheduled opioid ingredient's OME under a rotation table."""

    item: Item
    drug: Drug
    low: float
    high: float
    step: Step


@attrs.frozen(repr=False, eq=False)
class OpioidBase(Value):
    """The scheduled and PRN opioid items of a regimen, and the OME of each scheduled one."""

    scheduled: tuple[Item, ...]
    prn: tuple[Item, ...]
    parts: tuple[Part, ...]

    @property
    def ome(self) -> Range:
        """The scheduled OME [mg/day oral morphine] as (low, high)."""
        return (sum(p.low for p in self.parts), sum(p.high for p in self.parts))


def opioid_base(knowledge: Knowledge, items: Sequence[Item], table: ConversionTable,
                action: str) -> OpioidBase:
    """The opioid base of a regimen under a rotation table.

    Raises :class:`RotationError` for a dose unknown (``action`` says what needs it) and for a
    drug or route the table has no factor for.
    """
    opioids = [item for item in items if item.listed and any(d.is_opioid for d in item.drugs)]
    for item in opioids:
        if not item.dose_known:
            raise RotationError(f"{item}: dose unknown; {action} needs the current dose")
    scheduled = tuple(item for item in opioids if not item.prn)
    prn = tuple(item for item in opioids if item.prn)
    parts = []
    for item in scheduled:
        for ingredient in item.ingredients:
            if not ingredient.drug.is_opioid:
                continue
            daily = item.daily(ingredient)
            assert daily is not None
            factor = factor_for(knowledge, table, ingredient.drug, item.route, item.form, daily)
            amount = factor.unit.from_canonical(daily)
            low, high = amount * factor.bounds[0], amount * factor.bounds[1]
            parts.append(Part(item, ingredient.drug, low, high, Step(
                "total", f"{item}: {significant(amount, 6)} {factor.unit} × {factor.describe()} "
                         f"= {format_range((low, high))} OME [{table.id}: {factor.source}]")))
    return OpioidBase(scheduled, prn, tuple(parts))


def scheduled_opioid_days(items: Iterable[Item]) -> list[tuple[Item, str, float]]:
    """(item, drug, mg/day) of the scheduled opioids whose dose is known."""
    found = []
    for item in items:
        if not item.listed or item.prn:
            continue
        for ingredient in item.ingredients:
            daily = item.daily(ingredient)
            if ingredient.drug.is_opioid and daily is not None:
                found.append((item, ingredient.drug.name, daily))
    return found


def scheduled_ome(k: Knowledge, table_id: str,
                  opioids: Sequence[tuple[Item, str, float]]) -> tuple[float, float] | None:
    """The scheduled OME (low, high reading) under one table; None where it lacks a factor."""
    table = k.conversion_table(table_id)
    low = high = 0.0
    for item, drug, daily in opioids:
        factor = table.lookup(drug, item.route, item.form, daily)
        if factor is None:
            return None
        amount = factor.unit.from_canonical(daily)
        low += amount * factor.bounds[0]
        high += amount * factor.bounds[1]
    return (low, high)


def switch_tables(k: Knowledge, table: str | None) -> list[str]:
    """The table the user chose (or the default rotation table), then every rotation table."""
    first = table or DEFAULT_ROTATION_TABLE
    return list(dict.fromkeys([first, *(t.id for t in k.rotation_tables)]))
