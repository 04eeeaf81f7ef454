"""Switching to methadone by the published methods, side by side.

Methadone's potency relative to morphine grows with the previous opioid dose, it accumulates for
days and it prolongs the QT interval; published methods disagree by an order of magnitude. So
mpsdose never gives one number: :func:`methadone_switch` computes the starting dose by every method
(or one), each with its source, its cap, its schedule and its warnings, from the oral morphine
equivalent of the current regimen under a **rotation** table.

Methods (data in ``data/methadone_methods.csv`` and ``data/methadone_rules.csv``):

- dose-tiered tables: a ratio (or a percentage) chosen by the OME's tier — not monotone: the dose
  can fall where a tier begins, which each result says;
- the Fudin formula: a continuous approximation, its sines in **degrees**;
- Morley–Makin "stop and go": a tenth of the OME as needed, capped per dose;
- the three-day switch: the previous opioid reduced by a third a day while methadone rises to the
  most conservative start of the tiered methods (so, like them, not monotone).

Every starting dose is capped at the maximum starting dose of the rules; conversion *from*
methadone is its own direction and is refused by :func:`mpsdose.convert`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable

import attrs

from mpsdose.knowledge.loader import data_file, parse_float, read_rows, require
from mpsdose.model.drugs import Route
from mpsdose.clinical.equivalence import ConversionTable
from mpsdose.model.errors import DataError
from mpsdose.model.findings import Finding, Severity
from mpsdose.knowledge.practice import Rule, load_rules
from mpsdose.model.regimen import Item, Regimen
from mpsdose.clinical.rotation import (
    RotationError,
    Step,
    _fmt,
    _givable,
    _opioid_base,
    _rotation_table,
)
from mpsdose.clinical.totals import _round

__all__ = ["METHODS", "MethadoneSwitch", "MethodResult", "Tier", "methadone_switch", "tiers"]

Range = tuple[float, float]


@attrs.frozen
class Tier:
    """One tier of a dose-tiered method: OME in (ome_min, ome_max] → a ratio or a percentage."""

    method: str
    ome_min: float | None
    ome_max: float | None
    ratio: Range | None  #: oral morphine : oral methadone (low, high)
    percent: Range | None  #: methadone daily dose as % of the oral morphine (low, high)
    source: str
    notes: str = ""

    def applies_to(self, ome: float) -> bool:
        return (self.ome_min is None or ome > self.ome_min) and (
            self.ome_max is None or ome <= self.ome_max)


@functools.cache
def tiers() -> tuple[Tier, ...]:
    """The dose-tiered methods of ``data/methadone_methods.csv``."""
    path = "methadone_methods.csv"
    rows = []
    for line, row in read_rows(data_file(path), ("method", "ome_min", "ome_max", "source")):
        def number(column: str, row: dict[str, str] = row, line: int = line) -> float | None:
            return parse_float(row.get(column, ""), column, path=path, line=line)

        ratio = percent = None
        if number("ratio") is not None:
            ratio = (number("ratio"), number("ratio"))
        elif number("ratio_low") is not None and number("ratio_high") is not None:
            ratio = (number("ratio_low"), number("ratio_high"))
        if number("percent_low") is not None and number("percent_high") is not None:
            percent = (number("percent_low"), number("percent_high"))
        if ratio is None and percent is None:
            raise DataError("a tier needs a ratio or a percentage", path=path, line=line)
        rows.append(Tier(require(row, "method", path=path, line=line), number("ome_min"),
                         number("ome_max"), ratio, percent,  # type: ignore[arg-type]
                         require(row, "source", path=path, line=line), row.get("notes", "")))
    return tuple(rows)


def _rule(name: str) -> Rule:
    """The first (default) row of a rule of ``data/methadone_rules.csv``."""
    for row in load_rules("methadone_rules.csv"):
        if row.rule == name:
            return row
    raise LookupError(f"no rule {name!r} in methadone_rules.csv")


def _rule_or_none(name: str) -> Rule | None:
    try:
        return _rule(name)
    except LookupError:
        return None


@attrs.frozen
class MethodResult:
    """One method's starting methadone dose (mg/day and per dose), capped, with its warnings."""

    method: str
    title: str
    daily_uncapped: Range | None  #: before the cap [mg/day]; None for a PRN method
    daily: Range | None  #: the starting daily dose after the cap [mg/day]
    per_dose: Range  #: rounded down to what can be given [mg]
    frequency: str
    cap_mg_per_day: float | None
    warnings: tuple[str, ...]
    source: str
    monotone: bool  #: True where more OME never gives less methadone
    schedule: tuple[str, ...] = ()  #: day-by-day plan (the three-day switch)

    @property
    def daily_dose_mg(self) -> float | None:
        """The suggested starting daily dose: the low end; None for a PRN method, or where the
        source gives only an upper bound (the FDA label's "< 5%")."""
        if self.daily is None or self.daily[0] <= 0:
            return None
        return self.daily[0]


@attrs.frozen
class MethadoneSwitch:
    """The methods side by side for one regimen."""

    table: ConversionTable
    converted: tuple[Item, ...]
    ome: Range
    methods: tuple[MethodResult, ...]
    steps: tuple[Step, ...]
    findings: tuple[Finding, ...]

    def method(self, name: str) -> MethodResult:
        for result in self.methods:
            if result.method == name:
                return result
        raise KeyError(name)


# -- the methods ---------------------------------------------------------------------------
def _cap() -> Rule | None:
    return _rule_or_none("max_start_mg_per_day")


def _apply_cap(daily: Range) -> tuple[Range, float | None, list[str]]:
    cap = _cap()
    if cap is None:
        return daily, None, []
    limit = cap.bounds[0]  # the lower bound of a capped range: the safe end
    capped = (min(daily[0], limit), min(daily[1], limit))
    warnings = []
    if daily[1] > limit:
        warnings.append(f"capped at {limit:g} mg/day (maximum starting dose {_fmt(cap.bounds)}"
                        f" [{cap.source}])")
    return capped, limit, warnings


def _per_dose(daily: Range, interval_h: float, market: str) -> Range:
    doses = 24.0 / interval_h
    low, _ = _givable(daily[0] / doses, "methadone", Route.ORAL, "ir", market)
    high, _ = _givable(daily[1] / doses, "methadone", Route.ORAL, "ir", market)
    return (low, high)


def _interval() -> float:
    row = _rule_or_none("interval_h")
    return row.bounds[0] if row is not None else 8.0


def _tiered(method: str, ome: Range, market: str) -> MethodResult | None:
    rows = [tier for tier in tiers() if tier.method == method]
    if not rows:
        return None
    ends = []
    warnings = []
    for value in ome:
        tier = next((t for t in rows if t.applies_to(value)), None)
        if tier is None:
            top = max((t.ome_max or math.inf) for t in rows)
            warnings.append(f"OME {_round(value, 4)} mg/day is outside this table "
                            f"(up to {top:g} mg/day): no dose")
            return MethodResult(method, _TITLES.get(method, method), None, None, (0.0, 0.0),
                                "", None, tuple(warnings), rows[0].source, False)
        if tier.percent is not None:
            ends.append((value * tier.percent[0] / 100, value * tier.percent[1] / 100))
        else:
            assert tier.ratio is not None
            ends.append((value / tier.ratio[1], value / tier.ratio[0]))
        if tier.notes and tier.notes not in warnings:
            warnings.append(tier.notes)
    daily = (min(ends[0][0], ends[1][0]), max(ends[0][1], ends[1][1]))
    warnings.append("dose-tiered: the dose can fall where a higher tier begins")
    capped, cap, cap_warnings = _apply_cap(daily)
    interval = _interval()
    return MethodResult(method, _TITLES.get(method, method), daily, capped,
                        _per_dose(capped, interval, market), f"q{interval:g}h", cap,
                        tuple(cap_warnings + warnings), rows[0].source, False)


def fudin(ome: float) -> float:
    """The Fudin formula [mg/day of methadone] for an OME [mg/day]; sines in degrees.

    ``X/d × (c − w1·sin(90°/((k1/X)^n + 1)) − w2·sin(90°/((k2/X)^n + 1)))`` with the constants of
    ``data/methadone_rules.csv`` (d = 21, c = 5.7, w1 = 3, w2 = 1, k1 = 100, k2 = 310, n = 100).

    References
    ----------
    Fudin J, Marcoux MT, Fudin JA. A mathematical model for methadone conversion examined.
    Pract Pain Manag 2012;12(8).
    """
    if ome <= 0:
        return 0.0
    d = _rule("fudin_divisor").bounds[0]
    c = _rule("fudin_constant").bounds[0]
    w1, w2 = _rule("fudin_weight_1").bounds[0], _rule("fudin_weight_2").bounds[0]
    k1, k2 = _rule("fudin_knee_1_mg").bounds[0], _rule("fudin_knee_2_mg").bounds[0]
    n = _rule("fudin_exponent").bounds[0]
    angle = _rule("fudin_angle").bounds[0]

    def step(knee: float) -> float:
        ratio = knee / ome
        power = math.inf if ratio > 1 and n * math.log(ratio) > 700 else ratio ** n
        return math.sin(math.radians(angle / (power + 1)))

    return ome / d * (c - w1 * step(k1) - w2 * step(k2))


def _fudin(ome: Range, market: str) -> MethodResult | None:
    if _rule_or_none("fudin_divisor") is None:
        return None
    daily = (fudin(ome[0]), fudin(ome[1]))
    daily = (min(daily), max(daily))
    capped, cap, warnings = _apply_cap(daily)
    interval = _interval()
    source = _rule("fudin_divisor").source
    return MethodResult("fudin", _TITLES["fudin"], daily, capped,
                        _per_dose(capped, interval, market), f"q{interval:g}h", cap,
                        (*warnings, "a continuous fit of the tiered ratios; it too falls just "
                                    "past its knees (100 and 310 mg/day)"), source, False)


def _morley_makin(ome: Range, market: str) -> MethodResult | None:
    fraction = _rule_or_none("morley_makin_fraction")
    if fraction is None:
        return None
    max_dose = _rule_or_none("morley_makin_max_dose_mg")
    limit = max_dose.bounds[0] if max_dose is not None else math.inf
    raw = (ome[0] * fraction.bounds[0], ome[1] * fraction.bounds[1])
    capped = (min(raw[0], limit), min(raw[1], limit))
    low, _ = _givable(capped[0], "methadone", Route.ORAL, "ir", market)
    high, _ = _givable(capped[1], "methadone", Route.ORAL, "ir", market)
    interval = _rule_or_none("morley_makin_min_interval_h")
    frequency = "prn" if interval is None else f"q{interval.bounds[0]:g}h prn"
    warnings = ["stop the previous opioid; methadone as needed only, so the daily total "
                "depends on use"]
    if raw[1] > limit:
        warnings.insert(0, f"capped at {limit:g} mg a dose [{max_dose.source}]")  # type: ignore
    day = _rule_or_none("morley_makin_day")
    if day is not None:
        warnings.append(f"on day {day.bounds[0]:g} convert the doses used to a regular "
                        f"schedule [{day.source}]")
    return MethodResult("morley-makin", _TITLES["morley-makin"], None, None, (low, high),
                        frequency, None, tuple(warnings), fraction.source, True)


def _three_day(ome: Range, converted: tuple[Item, ...], tiered: list[MethodResult],
               market: str) -> MethodResult | None:
    days_rule = _rule_or_none("three_day_days")
    starts = [r.daily for r in tiered if r.daily is not None and r.daily[0] > 0]
    if days_rule is None or not starts:
        return None
    days = int(days_rule.bounds[0])
    target_low = min(start[0] for start in starts)  # the most conservative tiered start
    target = (target_low, target_low)
    interval = _interval()
    previous = "; ".join(str(item) for item in converted)
    plan = []
    for day in range(1, days + 1):
        share = day / days
        plan.append(f"day {day}: previous opioid(s) at {_round((1 - share) * 100, 3)}% of "
                    f"({previous}); methadone {_fmt((target[0] * share, target[1] * share))} "
                    f"in divided doses q{interval:g}h")
    warnings = [f"methadone target = the lowest capped start of the tiered methods "
                f"({_fmt(target)}), reached over {days} days",
                days_rule.notes,
                "follows the tiered methods: the target can fall where a higher tier begins"]
    minimum = _rule_or_none("three_day_min_ome_mg_per_day")
    if minimum is not None and ome[1] < minimum.bounds[0]:
        warnings.append(f"described for OME above {minimum.bounds[0]:g} mg/day")
    return MethodResult("three-day", _TITLES["three-day"], target, target,
                        _per_dose(target, interval, market), f"q{interval:g}h",
                        None if _cap() is None else _cap().bounds[0],  # type: ignore[union-attr]
                        tuple(warnings), days_rule.source, False, tuple(plan))


_TITLES = {
    "ayonrinde": "Ayonrinde-type 3-tier ratio table",
    "six-tier": "6-tier ratio table (2:1 … 20:1)",
    "fda-label": "FDA methadone label, percent of oral morphine",
    "ripamonti": "Ripamonti 1998 tiers",
    "fudin": "Fudin formula (sines in degrees)",
    "morley-makin": "Morley–Makin stop-and-go (PRN)",
    "three-day": "Three-day switch",
}
#: Every method id, in the order they are shown.
METHODS = tuple(_TITLES)
_TIERED = ("ayonrinde", "six-tier", "fda-label", "ripamonti")


def methadone_switch(
    regimen: Regimen | Iterable[Item],
    method: str | None = None,
    *,
    table: str | ConversionTable | None = None,
    market: str = "us",
) -> MethadoneSwitch:
    """The methadone starting dose by every published method (or one), side by side.

    Parameters
    ----------
    regimen
        The current regimen; its scheduled opioids (not methadone) are totalled to OME with a
        rotation table.
    method
        One of :data:`METHODS`; None for all.
    table
        A rotation table id (default ``spcg``).

    Raises
    ------
    RotationError
        Dose unknown, no scheduled opioid, no factor, an MME table, methadone already given,
        an unknown method.
    """
    if method is not None and method not in METHODS:
        raise RotationError(f"unknown method {method!r}; methods: {', '.join(METHODS)}")
    items = regimen.items if isinstance(regimen, Regimen) else tuple(regimen)
    chosen = _rotation_table(table)
    for item in items:
        if item.listed and any(d.name == "methadone" for d in item.drugs):
            raise RotationError(f"{item}: already methadone; titrate it instead (no sooner than "
                                "the interval in data/methadone_rules.csv)")
    scheduled, _, parts = _opioid_base(items, chosen, "a switch")
    if not scheduled:
        raise RotationError("no scheduled opioid to switch from")
    steps = [part.step for part in parts]
    low, high = sum(p.low for p in parts), sum(p.high for p in parts)
    ome = (low, high)
    steps.append(Step("total", f"oral morphine equivalent: {_fmt(ome)}"))
    wanted = METHODS if method is None else (method,)
    tiered = [r for r in (_tiered(name, ome, market) for name in _TIERED) if r is not None]
    results: list[MethodResult] = []
    for name in wanted:
        if name == "fudin":
            result = _fudin(ome, market)
        elif name == "morley-makin":
            result = _morley_makin(ome, market)
        elif name == "three-day":
            result = _three_day(ome, scheduled, tiered, market)
        else:
            result = next((r for r in tiered if r.method == name), None)
        if result is not None:
            results.append(result)
    if method is not None and not results:
        raise RotationError(f"method {method!r} has no data in data/methadone_*.csv")
    return MethadoneSwitch(chosen, scheduled, ome, tuple(results), tuple(steps),
                           tuple(_findings(items)))


def _findings(items: tuple[Item, ...]) -> list[Finding]:
    found = []
    titration = _rule_or_none("titration_interval_days")
    if titration is not None:
        found.append(Finding(Severity.WARNING, "methadone-titration-interval",
                             f"methadone accumulates: no increase sooner than every "
                             f"{_fmt(titration.bounds, 'days')}", titration.source))
    qt = _rule_or_none("qtc_threshold_ms")
    interacting = sorted({d.name for item in items for d in item.drugs
                          if d.drug_class == "antipsychotic"})
    if interacting:
        found.append(Finding(
            Severity.WARNING, "methadone-qt-interaction",
            f"methadone prolongs the QT interval; {', '.join(interacting)} in the same regimen "
            "adds to it: ECG before and after starting" +
            ("" if qt is None else f" (QTc threshold {_fmt(qt.bounds, 'ms')})"),
            "" if qt is None else qt.source))
    if qt is not None:
        found.append(Finding(Severity.INFO, "methadone-ecg",
                             f"QTc: {qt.notes or _fmt(qt.bounds, 'ms')}", qt.source))
    found.append(Finding(Severity.INFO, "methadone-one-way",
                         "these methods convert to methadone only; they are not inverted to "
                         "convert from methadone", ""))
    return found
