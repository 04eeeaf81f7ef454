"""Opioid rotation: equianalgesic conversion with a reduction for incomplete cross-tolerance.

``convert(regimen, "hydromorphone sc")`` totals the regimen's scheduled opioids to oral morphine
equivalents with a **rotation** table (never a surveillance/MME table: the types keep them apart),
reduces for incomplete cross-tolerance (none for a route change of the same drug), converts to the
target drug and route, rounds **down** to what can be given, writes a practical schedule and the
rescue dose, and records every step. Ranges travel end to end: a factor range or a reduction range
gives a low and a high result at every step, and ``daily_dose`` is the low end.

To a fentanyl or buprenorphine patch the manufacturer's table is used (direction-dependent and
already conservative), never a factor inverted; such a conversion is marked not bidirectional.

Every number comes from ``data/`` (:mod:`mpsdose.knowledge.practice`, :mod:`mpsdose.clinical.equivalence`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence

import attrs

from mpsdose.model.drugs import FORMS, RELEASES, ROUTE_SPELLINGS, Drug, Route, default_catalogue
from mpsdose.clinical.equivalence import (
    ConversionTable,
    Factor,
    RotationTable,
    conversion_table,
    conversion_tables,
)
from mpsdose.model.errors import MpsdoseError
from mpsdose.model.findings import Finding, Severity
from mpsdose.knowledge.practice import (
    PatchBand,
    Rule,
    Strength,
    patch_bands,
    rule,
    schedules,
    strengths,
    usual_schedule,
)
from mpsdose.model.regimen import Dose, Ingredient, Item, Patient, Regimen, Schedule, ScheduleKind
from mpsdose.clinical.totals import _round

__all__ = [
    "DEFAULT_ROTATION_TABLE",
    "Rescue",
    "Rotation",
    "RotationError",
    "Step",
    "Target",
    "Titration",
    "check_rescue",
    "convert",
    "rescue_for",
    "round_down",
    "titrate",
]

#: The rotation table used when none is named: the Scottish Palliative Care Guidelines' tables.
DEFAULT_ROTATION_TABLE = "spcg"
#: Dosage units per administration mpsdose will combine when rounding (e.g. 30 mg + 10 mg).
MAX_UNITS_PER_DOSE = 3

Range = tuple[float, float]


class RotationError(MpsdoseError, ValueError):
    """A rotation that cannot be computed safely (dose unknown, no factor, wrong table kind)."""


@attrs.frozen
class Target:
    """What to rotate to: a drug, a route, and optionally a release (ir/er) or form (patch)."""

    drug: Drug
    route: Route
    release: str | None = None
    form: str | None = None

    @classmethod
    def parse(cls, text: str) -> Target:
        """``"hydromorphone sc"``, ``"oxycodone er po"``, ``"fentanyl patch"``, ``"morphine"``."""
        words = text.strip().lower().replace(",", " ").split()
        route = release = form = None
        name: list[str] = []
        for word in words:
            if word in ROUTE_SPELLINGS:
                route = ROUTE_SPELLINGS[word]
            elif word in RELEASES:
                release = RELEASES[word]
            elif word in FORMS:
                form = FORMS[word]
            else:
                name.append(word)
        if not name:
            raise RotationError(f"--to {text!r} names no drug; write e.g. 'hydromorphone sc'")
        drug = default_catalogue().resolve(" ".join(name), text=text)
        if not drug.is_opioid:
            raise RotationError(f"{drug.name} is not an opioid; rotation is between opioids")
        if form == "patch" and route is None:
            route = Route.TRANSDERMAL
        if route is None:
            route = drug.default_route
            if route is None:
                raise RotationError(f"--to {text!r}: {drug.name} has no oral form; write the "
                                    f"route ({', '.join(sorted(r.value for r in drug.routes))})")
        if route not in drug.routes:
            raise RotationError(f"{drug.name} has no {route.value} route in the catalogue")
        if route is Route.TRANSDERMAL:
            form = "patch"
        return cls(drug, route, release, form)

    def __str__(self) -> str:
        return " ".join(w for w in (self.drug.name, self.release, self.form, self.route.value)
                        if w)


@attrs.frozen
class Step:
    """One step of the working, for the table and ``--json``."""

    step: str
    detail: str


@attrs.frozen
class Rescue:
    """The breakthrough (rescue) dose of the new regimen."""

    drug: Drug
    route: Route
    per_dose: Range  #: rounded down to what can be given [mg]
    interval_h: float | None
    fraction: Range
    source: str

    def item(self, end: int = 0) -> Item:
        dose = Dose.of(self.per_dose[end], "mg")
        schedule = Schedule() if self.interval_h is None else Schedule.every(self.interval_h)
        release = "ir" if self.route is Route.ORAL else None
        return Item((Ingredient(self.drug, dose),), self.route, schedule, prn=True,
                    release=release)


@attrs.frozen
class Rotation:
    """The result of :func:`convert`, with every step of the working.

    Daily amounts are mg/day, or mcg/h for a patch (``unit``). Each range is (low, high); the low
    end is the suggested start (``daily_dose``).
    """

    target: Target
    table: ConversionTable
    converted: tuple[Item, ...]
    ome: Range  #: scheduled OME of the converted items [mg/day oral morphine]
    reduction: Range  #: fraction removed for incomplete cross-tolerance
    equianalgesic: Range  #: the target's daily dose before reduction
    reduced: Range  #: after reduction, before rounding
    daily: Range  #: after rounding down to what can be given
    per_dose: Range | None
    schedule: Schedule
    unit: str
    rescue: Rescue | None
    steps: tuple[Step, ...]
    findings: tuple[Finding, ...]
    bidirectional: bool

    @property
    def daily_dose(self) -> float:
        """The suggested start: the low end of the givable range."""
        return self.daily[0]

    def items(self, end: int = 0) -> tuple[Item, ...]:
        """The proposed new opioid items (scheduled, and rescue), at the low (0) or high (1) end."""
        proposed: list[Item] = []
        amount = self.per_dose[end] if self.per_dose is not None else self.daily[end]
        if amount > 0:
            unit = self.unit if self.per_dose is None else (
                "mcg/h" if self.unit == "mcg/h" else "mg")
            proposed.append(Item(
                (Ingredient(self.target.drug, Dose.of(amount, unit)),), self.target.route,
                self.schedule, release=self.target.release, form=self.target.form,
            ))
        if self.rescue is not None and self.rescue.per_dose[end] > 0:
            proposed.append(self.rescue.item(end))
        return tuple(proposed)


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


def _strength_rows(drug: str, route: Route, release: str | None, market: str,
                   unit_kinds: Iterable[str]) -> list[Strength]:
    kinds = set(unit_kinds)
    parenteral = {Route.IV, Route.SC, Route.IM}
    rows = []
    for row in strengths():
        if row.drug != drug or row.market != market or row.unit not in kinds:
            continue
        same_route = row.route is route or (route in parenteral and row.route in parenteral)
        if not same_route:
            continue
        if release is not None and row.release not in (None, release):
            continue
        rows.append(row)
    return rows


def _givable(amount: float, drug: str, route: Route, release: str | None,
             market: str) -> tuple[float, str]:
    """``amount`` [mg] rounded down to what one product of the market allows, and how.

    Each product row is tried on its own (tablets of one product are not mixed with capsules of
    another): whole units of its strengths (at most :data:`MAX_UNITS_PER_DOSE`), or for a liquid
    or injection its measurable step — where the data has none, 2 significant digits. The largest
    result not above ``amount`` wins.
    """
    best, how = 0.0, f"no {market} product of {drug} {release or ''} {route.value} in data"
    for row in _strength_rows(drug, route, release, market, ["mg", "mg/mL"]):
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
    if best == 0.0 and not _strength_rows(drug, route, release, market, ["mg", "mg/mL"]):
        best = _floor_step(amount, _two_digit_step(amount))
        how += "; down to 2 significant digits"
    return best, how.replace("  ", " ")


def _two_digit_step(amount: float) -> float:
    """The step that keeps 2 significant digits of ``amount`` (12.34 → 0.1)."""
    if amount <= 0:
        return 1.0
    return float(10.0 ** (math.floor(math.log10(amount)) - 1))


# -- the conversion ------------------------------------------------------------------------
def _rotation_table(table: str | ConversionTable | None) -> ConversionTable:
    chosen = conversion_table(table or DEFAULT_ROTATION_TABLE)
    if not isinstance(chosen, RotationTable):
        rotation = sorted(t.id for t in conversion_tables().values()
                          if isinstance(t, RotationTable))
        raise RotationError(
            f"{chosen.id} is a {chosen.purpose} (MME) table, not for dosing a new opioid; "
            f"rotation tables: {', '.join(rotation)}")
    return chosen


def _reduction(value: float | Range | None, default: Sequence[Rule]) -> tuple[Range, str]:
    if value is None:
        first = default[0]
        return first.bounds, first.source
    bounds = (value, value) if isinstance(value, int | float) else tuple(value)
    low, high = float(bounds[0]), float(bounds[1])
    if not (0 <= low <= high < 1):
        raise RotationError(f"reduction {value!r}: a fraction from 0 to below 1 (0.25 = 25%)")
    return (low, high), "set by the caller"


def _factor(table: ConversionTable, drug: Drug, route: Route, form: str | None,
            daily: float | None) -> Factor:
    factor = table.lookup(drug.name, route, form, daily)
    if factor is None:
        others = sorted(t.id for t in conversion_tables().values()
                        if isinstance(t, RotationTable) and t.lookup(drug.name, route, form, daily))
        raise RotationError(
            f"table {table.id} has no factor for {drug.name} {route.value}"
            + (f"; rotation tables that have one: {', '.join(others)}" if others else
               "; no rotation table has one"))
    return factor


def _bounds(factor: Factor) -> Range:
    if factor.low is not None and factor.high is not None:
        return (factor.low, factor.high)
    assert factor.factor is not None
    return (factor.factor, factor.factor)


def _fmt(pair: Range, unit: str = "mg/day") -> str:
    low, high = pair
    if abs(high - low) <= 1e-9 * max(abs(high), 1):
        return f"{_round(low, 4)} {unit}"
    return f"{_round(low, 4)}–{_round(high, 4)} {unit}"


@attrs.frozen
class _Part:
    """One scheduled opioid ingredient's OME under a rotation table."""

    item: Item
    drug: Drug
    low: float
    high: float
    step: Step


def _opioid_base(items: Sequence[Item], table: ConversionTable, action: str
                 ) -> tuple[tuple[Item, ...], tuple[Item, ...], list[_Part]]:
    """The scheduled and PRN opioid items of a regimen, and the OME of each scheduled one.

    Raises :class:`RotationError` for a dose unknown or no scheduled opioid (``action`` says
    what needs them) and for a drug or route the table has no factor for.
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
            factor = _factor(table, ingredient.drug, item.route, item.form, daily)
            amount = factor.unit.from_canonical(daily)
            low, high = amount * _bounds(factor)[0], amount * _bounds(factor)[1]
            parts.append(_Part(item, ingredient.drug, low, high, Step(
                "total", f"{item}: {_round(amount, 6)} {factor.unit} × {factor.describe()} = "
                         f"{_fmt((low, high))} OME [{table.id}: {factor.source}]")))
    return scheduled, prn, parts


def convert(
    regimen: Regimen | Iterable[Item],
    to: str | Target,
    *,
    table: str | ConversionTable | None = None,
    reduction: float | Range | None = None,
    market: str = "us",
    patient: Patient | None = None,
    patch_table: str = "duragesic-us",
) -> Rotation:
    """Rotate the regimen's scheduled opioids to one target opioid, showing every step.

    Parameters
    ----------
    regimen
        The current regimen; its scheduled opioids are converted (PRN rescue doses are not part
        of the base: see :func:`titrate` to count rescue doses used).
    to
        The target, e.g. ``"hydromorphone sc"``, ``"oxycodone er po"``, ``"fentanyl patch"``.
    table
        A rotation table id (default ``spcg``); an MME (surveillance) table is refused.
    reduction
        Fraction removed for incomplete cross-tolerance, a value or a (low, high) range; by default
        the range in ``data/rotation_rules.csv`` for a change of drug, none for a change of route
        of the same drug.
    market
        Whose marketed strengths to round to (``us``, ``uk``, ``jp``).
    patient
        For the opioid-tolerance requirement of a fentanyl patch.
    patch_table
        The manufacturer's table for a conversion to a fentanyl patch.

    Raises
    ------
    RotationError
        A dose unknown, no scheduled opioid, no factor in the table, an MME table.
    """
    items = regimen.items if isinstance(regimen, Regimen) else tuple(regimen)
    patient = patient or (regimen.patient if isinstance(regimen, Regimen) else Patient())
    target = Target.parse(to) if isinstance(to, str) else to
    chosen = _rotation_table(table)
    if target.drug.name == "fentanyl" and target.route in (Route.BUCCAL, Route.SUBLINGUAL,
                                                           Route.INTRANASAL):
        raise RotationError("transmucosal fentanyl is not converted by ratio: its labels start "
                            "every patient at the lowest strength and titrate, whatever the "
                            "background opioid")
    if target.drug.name == "methadone":
        raise RotationError("methadone is not converted by a ratio: use `mpsdose methadone`, "
                            "which shows the published methods side by side")
    if any(item.listed and not item.prn and d.name == "methadone"
           for item in items for d in item.drugs):
        raise RotationError(
            "conversion from methadone is its own direction with its own rules; a to-methadone "
            "ratio is not inverted, and mpsdose has no from-methadone table yet: seek specialist "
            "advice")
    scheduled, prn, parts = _opioid_base(items, chosen, "a rotation")
    if not scheduled:
        raise RotationError("no scheduled opioid to convert (PRN doses alone are not a base)")
    steps: list[Step] = [part.step for part in parts]
    findings: list[Finding] = []
    same = [part for part in parts if part.drug == target.drug]
    other = [part for part in parts if part.drug != target.drug]
    same_low, same_high = sum(p.low for p in same), sum(p.high for p in same)
    other_low, other_high = sum(p.low for p in other), sum(p.high for p in other)
    ome = (same_low + other_low, same_high + other_high)
    steps.append(Step("total", f"oral morphine equivalent of the scheduled opioids: {_fmt(ome)}"))
    if prn:
        steps.append(Step("total", "PRN doses not counted: " + "; ".join(map(str, prn))))

    if target.route is Route.TRANSDERMAL:
        return _to_patch(target, chosen, tuple(scheduled), ome, reduction, market, patient,
                         patch_table, steps, findings)

    if other_high > 0 or reduction is not None:
        cut, cut_source = _reduction(reduction, rule("cross_tolerance_reduction"))
    else:
        cut, cut_source = (0.0, 0.0), "same drug, change of route only"
    reduced_ome = (same_low + other_low * (1 - cut[1]), same_high + other_high * (1 - cut[0]))
    target_factor = _factor(chosen, target.drug, target.route, target.form, None)
    f_low, f_high = _bounds(target_factor)
    to_unit = target_factor.unit
    equianalgesic = (to_unit.to_canonical(ome[0] / f_high), to_unit.to_canonical(ome[1] / f_low))
    reduced = (to_unit.to_canonical(reduced_ome[0] / f_high),
               to_unit.to_canonical(reduced_ome[1] / f_low))
    steps.append(Step("reduction", (
        f"{_round(cut[0] * 100, 3)}–{_round(cut[1] * 100, 3)}% off the OME of other drugs "
        f"({cut_source}): {_fmt(reduced_ome)} OME") if other_high > 0 else
        f"no reduction: {cut_source}"))
    steps.append(Step("factor", (
        f"÷ {target_factor.describe()} for {target.drug.name} {target.route.value} "
        f"[{chosen.id}: {target_factor.source}]: equianalgesic {_fmt(equianalgesic)}, "
        f"reduced {_fmt(reduced)}")))

    release, schedule, doses_per_day, schedule_note = _schedule_for(target, market, reduced[0])
    steps.append(Step("schedule", schedule_note))
    if doses_per_day is None:  # continuous infusion: round the daily amount
        daily_low, how = _givable(reduced[0], target.drug.name, target.route, release, market)
        daily_high, _ = _givable(reduced[1], target.drug.name, target.route, release, market)
        per_dose = None
        steps.append(Step("rounding", f"daily {_fmt(reduced)} rounded {how}: "
                                      f"{_fmt((daily_low, daily_high))}"))
    else:
        per_low, how = _givable(reduced[0] / doses_per_day, target.drug.name, target.route,
                                release, market)
        per_high, _ = _givable(reduced[1] / doses_per_day, target.drug.name, target.route,
                               release, market)
        per_dose = (per_low, per_high)
        daily_low, daily_high = per_low * doses_per_day, per_high * doses_per_day
        steps.append(Step("rounding", (
            f"per dose {_fmt((reduced[0] / doses_per_day, reduced[1] / doses_per_day), 'mg')} "
            f"rounded {how}: {_fmt(per_dose, 'mg')} {schedule} = "
            f"{_fmt((daily_low, daily_high))}")))
        if per_low <= 0:
            findings.append(Finding(
                Severity.WARNING, "below-smallest-strength",
                f"the low end ({_round(reduced[0] / doses_per_day, 3)} mg a dose) is below the "
                f"smallest {market} strength of {target.drug.name} {release or ''} "
                f"{target.route.value}; consider an immediate-release or liquid form",
                "data/strengths.csv"))
    target_final = attrs.evolve(target, release=release)
    rescue = rescue_for(target.drug, target.route, (daily_low, daily_high), market)
    if rescue is not None:
        steps.append(Step("rescue", _rescue_text(rescue)))
    findings.append(Finding(
        Severity.INFO, "rotation-review",
        "Equianalgesic tables are estimates: review within 24–72 h, titrate to effect, and use "
        "the rescue dose; the reduction range is wider when pain is controlled", chosen.source))
    bidirectional = all(
        item.route is not Route.TRANSDERMAL for item in scheduled)
    return Rotation(target_final, chosen, tuple(scheduled), ome, cut, equianalgesic, reduced,
                    (daily_low, daily_high), per_dose, schedule, "mg/day", rescue, tuple(steps),
                    tuple(findings), bidirectional)


def _schedule_for(target: Target, market: str, low_per_day: float) -> tuple[
        str | None, Schedule, float | None, str]:
    """(release, schedule, doses a day or None for an infusion, explanation).

    SC and IV without a form: a continuous infusion where ``data/schedules.csv`` has one. Oral
    without a release: extended release where the market has it and its smallest strength fits
    the low end of the dose, else immediate release.
    """
    drug, route = target.drug.name, target.route
    if route in (Route.SC, Route.IV) and target.release is None and target.form is None:
        continuous = [row for row in schedules() if row.drug == drug and row.route is route
                      and row.interval_h is None]
        if continuous:
            return None, Schedule(ScheduleKind.CONTINUOUS), None, (
                f"continuous {route.value} infusion over 24 h [{continuous[0].source}]")
    release = target.release
    if route is Route.ORAL and release is None:
        release = "ir"
        er = usual_schedule(drug, route, "er")
        if er is not None and er.interval_h:
            smallest = [min(row.strengths) for row in
                        _strength_rows(drug, route, "er", market, ["mg"]) if row.release == "er"]
            if smallest and min(smallest) <= low_per_day * er.interval_h / 24 + 1e-9:
                release = "er"
    row = usual_schedule(drug, route, release, target.form)
    if row is None or row.interval_h is None:
        raise RotationError(f"no usual schedule for {drug} {release or ''} {route.value} in "
                            "data/schedules.csv".replace("  ", " "))
    schedule = Schedule.every(row.interval_h)
    return release, schedule, 24.0 / row.interval_h, (
        f"{drug} {release or ''} {route.value}: {schedule} [{row.source}]".replace("  ", " "))


def rescue_for(drug: Drug, route: Route, daily: Range, market: str = "us") -> Rescue | None:
    """The breakthrough dose for a daily dose of ``drug`` (immediate release, same route).

    A fraction of the daily dose (``breakthrough_fraction`` in ``data/rotation_rules.csv``): for
    each end of the daily range, the largest immediate-release amount that can be given at or
    below the top of the fraction range — so it lies within the range wherever the strengths
    allow — with its repeat interval.
    """
    fraction_rule = rule("breakthrough_fraction")[0]
    fraction = fraction_rule.bounds
    rescue_route = route
    release = "ir" if route is Route.ORAL else None
    low, _ = _givable(daily[0] * fraction[1], drug.name, rescue_route, release, market)
    high, _ = _givable(daily[1] * fraction[1], drug.name, rescue_route, release, market)
    row = usual_schedule(drug.name, rescue_route, release)
    interval = row.prn_interval_h if row is not None else None
    return Rescue(drug, rescue_route, (low, high), interval, fraction,
                  fraction_rule.source + ("" if row is None else f"; interval: {row.source}"))


def _rescue_text(rescue: Rescue) -> str:
    every = "" if rescue.interval_h is None else f" every {rescue.interval_h:g} h as needed"
    low, high = (_round(rescue.fraction[0] * 100, 3), _round(rescue.fraction[1] * 100, 3))
    return (f"{rescue.drug.name} {'ir ' if rescue.route is Route.ORAL else ''}"
            f"{rescue.route.value} {_fmt(rescue.per_dose, 'mg')}{every} (the largest dose that "
            f"can be given up to {high}% of the daily dose; usual {low}–{high}%) "
            f"[{rescue.source}]")


def _band(bands: Sequence[PatchBand], amount: float) -> PatchBand | None:
    """The band for an amount: the one with the largest lower edge at or below it.

    Tables print integer bands with gaps (60–134, 135–224); reading them by lower edge covers
    134.5 with the lower band, the safe direction.
    """
    chosen = None
    for band in sorted(bands, key=lambda b: b.from_min):
        if amount >= band.from_min:
            chosen = band
    if chosen is not None and chosen is bands[-1] and chosen.from_max is not None \
            and amount > chosen.from_max:
        return None
    return chosen


def _to_patch(target: Target, table: ConversionTable, scheduled: tuple[Item, ...], ome: Range,
              reduction: float | Range | None, market: str, patient: Patient, patch_table: str,
              steps: list[Step], findings: list[Finding]) -> Rotation:
    drug = target.drug.name
    name = patch_table if drug == "fentanyl" else "butrans-us"
    bands = sorted((b for b in patch_bands() if b.table == name and b.drug == drug
                    and b.direction == "to_patch" and b.from_drug == "morphine"
                    and b.from_route is Route.ORAL), key=lambda b: b.from_min)
    if not bands:
        raise RotationError(f"no to-patch table {name!r} for {drug} in data/patch_conversion.csv")
    cut: Range = (0.0, 0.0)
    base = ome
    if reduction is not None:
        cut, _ = _reduction(reduction, ())
        base = (ome[0] * (1 - cut[1]), ome[1] * (1 - cut[0]))
        steps.append(Step("reduction", f"{_fmt(cut)} set by the caller: {_fmt(base)} OME"))
    else:
        steps.append(Step("reduction", f"none added: the {name} table is the label's "
                                       "conversion and already conservative"))
    chosen = [_band(bands, base[0]), _band(bands, base[1])]
    if chosen[0] is None:
        below = bands[0].from_min
        raise RotationError(
            f"oral morphine equivalent {_fmt(base)} is outside the {name} table "
            f"({below:g}–{bands[-1].from_max or float('inf'):g} mg/day)")
    high_band = chosen[1] or bands[-1]
    rates = (chosen[0].patch_mcg_h, high_band.patch_mcg_h)
    steps.append(Step("factor", f"{name}: oral morphine {_fmt(base)} → {_fmt(rates, 'mcg/h')} "
                                f"[{chosen[0].source}]"))
    strengths_rows = _strength_rows(drug, Route.TRANSDERMAL, None, market, ["mcg/h"])
    if strengths_rows:
        units = sorted({s for row in strengths_rows for s in row.strengths})
        given = (round_down(rates[0], units), round_down(rates[1], units))
        steps.append(Step("rounding", f"patch strengths ({market}) "
                                      f"{', '.join(f'{u:g}' for u in units)} mcg/h: "
                                      f"{_fmt(given, 'mcg/h')}"))
    else:
        given = rates
    row = usual_schedule(drug, Route.TRANSDERMAL, None, "patch")
    schedule = Schedule() if row is None or row.interval_h is None else Schedule.every(
        row.interval_h)
    if row is not None:
        steps.append(Step("schedule", f"change every {row.interval_h:g} h [{row.source}]"))
    patch_factor = table.lookup(drug, Route.TRANSDERMAL)
    if patch_factor is not None:
        patch_ome = given[0] * _bounds(patch_factor)[0]
        if patch_ome >= ome[0] * (1 - 1e-9):
            findings.append(Finding(
                Severity.WARNING, "equianalgesic-switch",
                f"the {name} table adds no reduction: {_fmt(given, 'mcg/h')} is "
                f"{_fmt((patch_ome, patch_ome))} OME by {table.id}, not below the current "
                f"{_fmt(ome)}; the label calls its table conservative, but watch for toxicity",
                chosen[0].source))
    if drug == "fentanyl":
        findings.extend(_patch_tolerance(base, patient, scheduled))
    for band in {id(b): b for b in chosen if b is not None}.values():
        if band.notes:
            findings.append(Finding(Severity.INFO, "patch-table-note", f"{name}: {band.notes}",
                                    band.source))
    rescue = rescue_for(default_catalogue().drugs["morphine"], Route.ORAL,
                        (ome[0], ome[1]), market)
    if rescue is not None:
        steps.append(Step("rescue", "oral morphine: " + _rescue_text(rescue)))
    return Rotation(target, table, scheduled, ome, cut, rates, rates, given, given, schedule,
                    "mcg/h", rescue, tuple(steps), tuple(findings), bidirectional=False)


def _patch_tolerance(base: Range, patient: Patient, scheduled: tuple[Item, ...]) -> list[Finding]:
    found = []
    threshold = next(r for r in rule("fentanyl_patch_opioid_tolerance", "morphine")
                     if r.unit == "mg/day")
    if patient.opioid_tolerant is False:
        found.append(Finding(Severity.ERROR, "patch-opioid-naive",
                             "a fentanyl patch is for opioid-tolerant patients only; the patient "
                             "is recorded as opioid-naive", threshold.source))
    if base[0] < threshold.bounds[0]:
        found.append(Finding(
            Severity.ERROR, "patch-not-tolerant",
            f"current oral morphine equivalent {_fmt(base)} is below the "
            f"{threshold.bounds[0]:g} mg/day that defines opioid tolerance for a fentanyl patch",
            threshold.source))
    days = [r for r in rule("fentanyl_patch_opioid_tolerance") if r.unit == "days"]
    if days:
        found.append(Finding(Severity.INFO, "patch-tolerance-duration",
                             f"opioid tolerance means that dose for at least "
                             f"{days[0].bounds[0]:g} days", days[0].source))
    return found


# -- rescue check and titration --------------------------------------------------------------
def check_rescue(regimen: Regimen | Iterable[Item]) -> list[Finding]:
    """Each PRN opioid dose as a share of the same opioid's scheduled daily dose.

    Flags a share outside the usual range (``breakthrough_fraction``), e.g. 5 mg against
    oxycodone 20 mg/day is 25%; against 60 mg/day it is 8%.
    """
    items = regimen.items if isinstance(regimen, Regimen) else tuple(regimen)
    fraction_rule = rule("breakthrough_fraction")[0]
    low, high = fraction_rule.bounds
    found = []
    for item in items:
        if not (item.prn and item.listed and item.drug.is_opioid) or not item.dose_known:
            continue
        dose = item.per_dose()
        base = sum(other.daily() or 0.0 for other in items
                   if not other.prn and other.drug == item.drug and other.dose_known)
        if dose is None or base <= 0:
            continue
        share = dose / base
        if share < low - 1e-9 or share > high + 1e-9:
            found.append(Finding(
                Severity.WARNING, "rescue-share",
                f"{item}: {_round(dose, 4)} mg is {_round(share * 100, 3)}% of "
                f"{item.drug.name} {_round(base, 4)} mg/day (usual "
                f"{_round(low * 100, 3)}–{_round(high * 100, 3)}%)",
                fraction_rule.source, item=str(item)))
    return found


@attrs.frozen
class Titration:
    """The next step up of a regimen's scheduled opioid, with its new rescue dose."""

    item: Item
    current: float  #: current daily dose [mg/day]
    next_daily: Range  #: proposed daily dose [mg/day]
    rescue: Rescue | None
    steps: tuple[Step, ...]


def titrate(regimen: Regimen | Iterable[Item], *, rescue_used_mg: float | None = None,
            step: float | Range | None = None, market: str = "us") -> Titration:
    """The next step for the (single) scheduled opioid: +25–50%, or scheduled + rescue used.

    With ``rescue_used_mg`` (the total of rescue doses taken in the last 24 h, mg of the same
    opioid) the new daily dose is the scheduled dose plus that total, capped at the top of the
    titration step; otherwise the step range of ``data/rotation_rules.csv``.
    """
    items = regimen.items if isinstance(regimen, Regimen) else tuple(regimen)
    scheduled = [i for i in items if i.listed and i.drug.is_opioid and not i.prn]
    if len(scheduled) != 1 or len(scheduled[0].ingredients) != 1:
        raise RotationError("titrate() needs exactly one scheduled single-drug opioid")
    (item,) = scheduled
    current = item.daily()
    if current is None:
        raise RotationError(f"{item}: dose unknown")
    step_rule = rule("titration_step")[0]
    bounds = step_rule.bounds if step is None else (
        (step, step) if isinstance(step, int | float) else (float(step[0]), float(step[1])))
    steps = [Step("current", f"{item}: {_round(current, 4)} mg/day")]
    if rescue_used_mg is not None:
        proposed = current + rescue_used_mg
        ceiling = current * (1 + bounds[1])
        next_daily = (min(proposed, ceiling), min(proposed, ceiling))
        steps.append(Step("titration", (
            f"scheduled {_round(current, 4)} + rescue used {_round(rescue_used_mg, 4)} mg = "
            f"{_round(proposed, 4)} mg/day, not above +{_round(bounds[1] * 100, 3)}% "
            f"[{step_rule.source}]")))
    else:
        next_daily = (current * (1 + bounds[0]), current * (1 + bounds[1]))
        steps.append(Step("titration", f"+{_round(bounds[0] * 100, 3)}–"
                                       f"{_round(bounds[1] * 100, 3)}%: {_fmt(next_daily)} "
                                       f"[{step_rule.source}]"))
    rescue = rescue_for(item.drug, item.route, next_daily, market)
    if rescue is not None:
        steps.append(Step("rescue", _rescue_text(rescue)))
    return Titration(item, current, next_daily, rescue, tuple(steps))
