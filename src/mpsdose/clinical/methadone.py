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

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from mpsdose.clinical.dosing import (
    Range,
    RotationError,
    Step,
    format_range,
    givable,
    opioid_base,
    rotation_table,
)
from mpsdose.clinical.market import market_table
from mpsdose.clinical.ranges import refuse_implausible
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.knowledge.conversion import ConversionTable
from mpsdose.model.boundary import checked
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.numbers import significant
from mpsdose.model.regimen import Item, Regimen
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import Route

if TYPE_CHECKING:  # the rules' record type loads with the rules, on first use
    from mpsdose.knowledge.practice import Rule

__all__ = ["METHODS", "MethadoneSwitch", "MethodResult", "fudin", "methadone_switch", "start_cap"]


@attrs.frozen(repr=False, eq=False)
class MethodResult(Value):
    """One method's starting methadone dose (mg/day and per dose), capped, with its warnings.

    Attributes
    ----------
    method, title
        The method's id (one of :data:`METHODS`) and name.
    daily_uncapped
        (low, high) before the cap, after the method's own reduction where its source gives one
        [mg/day]; None for a PRN method.
    daily
        (low, high) the starting daily dose after the cap [mg/day]; None for a PRN method.
    per_dose
        (low, high) rounded down to what can be given [mg].
    frequency
        ``q8h``, ``q12h`` or ``prn``.
    cap_mg_per_day
        The maximum starting dose applied [mg/day].
    warnings
        What the prescriber must read with this number.
    source
        Where the method's numbers come from.
    monotone
        True where more OME never gives less methadone (False for the tiered tables).
    schedule
        The day-by-day plan (the three-day switch).
    equianalgesic
        (low, high) the dose the method's ratio or percentage gives, before its own reduction
        [mg/day]; None where the method has no reduction step.
    reduction
        (low, high) the fraction the method's source then takes off (Ayonrinde-type table
        25-50%, MSD six tiers 75-90%); None where the source gives none.
    """

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
    equianalgesic: Range | None = None  #: before the method's own reduction [mg/day]
    reduction: Range | None = None  #: the fraction the method's source takes off (low, high)

    @property
    def daily_dose_mg(self) -> float | None:
        """The suggested starting daily dose: the low end; None for a PRN method, or where the
        source gives only an upper bound (the FDA label's "< 5%")."""
        if self.daily is None or self.daily[0] <= 0:
            return None
        return self.daily[0]


@attrs.frozen(repr=False, eq=False)
class MethadoneSwitch(Value):
    """The methods side by side for one regimen.

    Attributes
    ----------
    table
        The rotation table used for the OME.
    converted
        The scheduled opioid items totalled.
    ome
        Their OME (low, high) [mg/day oral morphine].
    methods
        One result per method, in the order of :data:`METHODS`.
    steps
        The working (OME, each method).
    findings
        QTc, titration interval, what was not counted.
    """

    table: ConversionTable
    converted: tuple[Item, ...]
    ome: Range
    methods: tuple[MethodResult, ...]
    steps: tuple[Step, ...]
    findings: tuple[Finding, ...]

    def method(self, name: str) -> MethodResult:
        """The result of one method by id.

        Raises
        ------
        KeyError
            The method was not computed.
        """
        for result in self.methods:
            if result.method == name:
                return result
        raise KeyError(name)


# -- the methods ---------------------------------------------------------------------------
def start_cap(knowledge: Knowledge | None = None) -> Rule:
    """The maximum starting dose of methadone (rule ``max_start_mg_per_day``).

    Parameters
    ----------
    knowledge
        The clinical knowledge to use; None: the shipped data.

    Returns
    -------
    Rule
        Its first row (the default) [mg/day], with its source.
    """
    return resolve(knowledge).methadone_rules.first("max_start_mg_per_day")


def _apply_cap(k: Knowledge, daily: Range) -> tuple[Range, float, list[str]]:
    cap = start_cap(k)
    limit = cap.bounds[0]  # the lower bound of a capped range: the safe end
    capped = (min(daily[0], limit), min(daily[1], limit))
    warnings = []
    if daily[1] > limit:
        warnings.append(f"capped at {limit:g} mg/day (maximum starting dose "
                        f"{format_range(cap.bounds)} [{cap.source}])")
    return capped, limit, warnings


def _per_dose(k: Knowledge, daily: Range, interval_h: float, market: str) -> Range:
    doses = 24.0 / interval_h
    low, _ = givable(k, daily[0] / doses, "methadone", Route.ORAL, "ir", market)
    high, _ = givable(k, daily[1] / doses, "methadone", Route.ORAL, "ir", market)
    return (low, high)


def _interval(k: Knowledge) -> float:
    return k.methadone_rules.first("interval_h").bounds[0]


def _tiered(k: Knowledge, method: str, ome: Range, market: str) -> MethodResult | None:
    rows = [tier for tier in k.methadone_tiers if tier.method == method]
    if not rows:
        return None
    ends: list[Range] = []
    equianalgesic: list[Range] = []
    cuts: list[Range | None] = []
    warnings: list[str] = []
    for value in ome:
        tier = next((t for t in rows if t.applies_to(value)), None)
        if tier is None:
            top = max((t.ome_max or math.inf) for t in rows)
            warnings.append(f"OME {significant(value, 4)} mg/day is outside this table "
                            f"(up to {top:g} mg/day): no dose")
            return MethodResult(method, _TITLES.get(method, method), None, None, (0.0, 0.0),
                                "", None, tuple(warnings), rows[0].source, False)
        if tier.percent is not None:
            end = (value * tier.percent[0] / 100, value * tier.percent[1] / 100)
        else:
            assert tier.ratio is not None
            end = (value / tier.ratio[1], value / tier.ratio[0])
        equianalgesic.append(end)
        cut = tier.reduction or (0.0, 0.0)
        cuts.append(tier.reduction)
        # the most taken off gives the low end, the least the high end
        ends.append((end[0] * (1 - cut[1]), end[1] * (1 - cut[0])))
        if tier.notes and tier.notes not in warnings:
            warnings.append(tier.notes)
    daily = (min(ends[0][0], ends[1][0]), max(ends[0][1], ends[1][1]))
    computed = (min(equianalgesic[0][0], equianalgesic[1][0]),
                max(equianalgesic[0][1], equianalgesic[1][1]))
    given = [cut for cut in cuts if cut is not None]
    reduction = None
    if given:
        reduction = (min(cut[0] for cut in given), max(cut[1] for cut in given))
        if len(given) < len(cuts):  # one end's tier has no reduction: say the range as is
            reduction = (0.0, reduction[1])
        warnings.insert(0, f"{format_range(computed)} by the ratio, then reduced by "
                           f"{significant(reduction[0] * 100, 3)}–"
                           f"{significant(reduction[1] * 100, 3)}% as the method's source "
                           f"requires: {format_range(daily)}")
    warnings.append("dose-tiered: the dose can fall where a higher tier begins")
    capped, cap, cap_warnings = _apply_cap(k, daily)
    interval = _interval(k)
    return MethodResult(method, _TITLES.get(method, method), daily, capped,
                        _per_dose(k, capped, interval, market), f"q{interval:g}h", cap,
                        tuple(cap_warnings + warnings), rows[0].source, False,
                        equianalgesic=None if reduction is None else computed,
                        reduction=reduction)


def fudin(ome: float, *, knowledge: Knowledge | None = None) -> float:
    """The Fudin formula [mg/day of methadone] for an OME [mg/day]; sines in degrees.

    ``X/d × (c − w1·sin(90°/((k1/X)^n + 1)) − w2·sin(90°/((k2/X)^n + 1)))`` with the constants of
    ``data/methadone_rules.csv`` (d = 21, c = 5.7, w1 = 3, w2 = 1, k1 = 100, k2 = 310, n = 100).

    Parameters
    ----------
    ome
        The oral morphine equivalent [mg/day].
    knowledge
        The clinical knowledge whose ``methadone_rules.csv`` holds the constants; None: shipped.

    Returns
    -------
    float
        Methadone [mg/day], before any cap.

    References
    ----------
    Fudin J, Marcoux MT, Fudin JA. A mathematical model for methadone conversion examined.
    Pract Pain Manag 2012;12(8).
    """
    if ome <= 0:
        return 0.0
    rules = resolve(knowledge).methadone_rules

    def _rule(name: str) -> Rule:
        return rules.first(name)

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


def _fudin(k: Knowledge, ome: Range, market: str) -> MethodResult | None:
    if k.methadone_rules.get("fudin_divisor") is None:
        return None
    daily = (fudin(ome[0], knowledge=k), fudin(ome[1], knowledge=k))
    daily = (min(daily), max(daily))
    capped, cap, warnings = _apply_cap(k, daily)
    interval = _interval(k)
    source = k.methadone_rules.first("fudin_divisor").source
    return MethodResult("fudin", _TITLES["fudin"], daily, capped,
                        _per_dose(k, capped, interval, market), f"q{interval:g}h", cap,
                        (*warnings, "a continuous fit of the tiered ratios; it too falls just "
                                    "past its knees (100 and 310 mg/day)"), source, False)


def _morley_makin(k: Knowledge, ome: Range, market: str) -> MethodResult | None:
    fraction = k.methadone_rules.get("morley_makin_fraction")
    if fraction is None:
        return None
    max_dose = k.methadone_rules.get("morley_makin_max_dose_mg")
    limit = max_dose.bounds[0] if max_dose is not None else math.inf
    raw = (ome[0] * fraction.bounds[0], ome[1] * fraction.bounds[1])
    capped = (min(raw[0], limit), min(raw[1], limit))
    low, _ = givable(k, capped[0], "methadone", Route.ORAL, "ir", market)
    high, _ = givable(k, capped[1], "methadone", Route.ORAL, "ir", market)
    interval = k.methadone_rules.get("morley_makin_min_interval_h")
    frequency = "prn" if interval is None else f"q{interval.bounds[0]:g}h prn"
    warnings = ["stop the previous opioid; methadone as needed only, so the daily total "
                "depends on use"]
    if interval is None:
        # the minimum interval between the doses is not in methadone_rules.csv (not seen in
        # the copies of the source read): said, never invented
        warnings.append(f"the shortest interval between doses: see the source [{fraction.source}]")
    if raw[1] > limit:
        warnings.insert(0, f"capped at {limit:g} mg a dose [{max_dose.source}]")  # type: ignore
    day = k.methadone_rules.get("morley_makin_day")
    if day is not None:
        warnings.append(f"on day {day.bounds[0]:g} convert the doses used to a regular "
                        f"schedule [{day.source}]")
    return MethodResult("morley-makin", _TITLES["morley-makin"], None, None, (low, high),
                        frequency, None, tuple(warnings), fraction.source, True)


def _three_day(k: Knowledge, ome: Range, converted: tuple[Item, ...],
               tiered: list[MethodResult], market: str) -> MethodResult | None:
    days_rule = k.methadone_rules.get("three_day_days")
    # the tiered methods' ratios or percentages before their own reduction step, capped: the
    # three-day switch replaces the old opioid over days rather than reducing the target
    starts = [_apply_cap(k, r.equianalgesic or r.daily)[0] for r in tiered
              if r.daily is not None and (r.equianalgesic or r.daily)[0] > 0]
    if days_rule is None or not starts:
        return None
    days = int(days_rule.bounds[0])
    target_low = min(start[0] for start in starts)  # the most conservative tiered start
    target = (target_low, target_low)
    interval = _interval(k)
    previous = "; ".join(str(item) for item in converted)
    plan = []
    for day in range(1, days + 1):
        share = day / days
        plan.append(f"day {day}: previous opioid(s) at {significant((1 - share) * 100, 3)}% of "
                    f"({previous}); methadone {format_range((target[0] * share, target[1] * share))} "
                    f"in divided doses q{interval:g}h")
    warnings = [f"methadone target = the lowest capped dose the tiered methods' ratios or "
                f"percentages give, before the reduction some of them then apply "
                f"({format_range(target)}), reached over {days} days",
                days_rule.notes,
                "follows the tiered methods: the target can fall where a higher tier begins"]
    minimum = k.methadone_rules.get("three_day_min_ome_mg_per_day")
    if minimum is not None and ome[1] < minimum.bounds[0]:
        warnings.append(f"described for OME above {minimum.bounds[0]:g} mg/day")
    return MethodResult("three-day", _TITLES["three-day"], target, target,
                        _per_dose(k, target, interval, market), f"q{interval:g}h",
                        start_cap(k).bounds[0],
                        tuple(warnings), days_rule.source, False, tuple(plan))


def _label_bands(k: Knowledge, market: str, ome: Range) -> MethodResult | None:
    """The methadone label of a market (メサペイン): a fixed starting dose by band of the previous
    oral morphine equivalent, none below its minimum, three doses a day; not capped by other
    sources' maximum starting dose (the label's own band is the dose), but said where above it."""
    rules = k.market_rules
    bands = rules.of(market, "methadone_start")
    minimum = rules.first(market, "methadone_min_prior_ome")
    if not bands:
        return None
    title = f"{market} methadone label: fixed start by band ({bands[0].product})"
    doses = 3.0
    warnings: list[str] = []
    if minimum is not None and ome[1] < minimum.bounds[0]:
        warnings.append(f"oral morphine equivalent {format_range(ome)} is below the "
                        f"{minimum.bounds[0]:g} mg/day from which the label recommends a switch: "
                        f"no dose ({minimum.statement}) [{minimum.source}]")
        return MethodResult("jp-label" if market == "jp" else f"{market}-label", title, None,
                            None, (0.0, 0.0), "", None, tuple(warnings), minimum.source, True)
    ends = []
    for value in ome:
        band = next((b for b in bands if b.band.contains(value)), None)
        if band is None:
            warnings.append(f"oral morphine equivalent {significant(value, 4)} mg/day is outside "
                            "the label's bands: no dose")
            return MethodResult("jp-label" if market == "jp" else f"{market}-label", title, None,
                                None, (0.0, 0.0), "", None, tuple(warnings), bands[0].source, True)
        ends.append(band)
    daily = (ends[0].bounds[0], ends[1].bounds[0])
    for band in dict.fromkeys(ends):
        warnings.append(f"{band.statement} [{band.source}]")
    if ome[0] < (minimum.bounds[0] if minimum is not None else 0) <= ome[1]:
        warnings.append(f"the low end of the OME range is below the label's "
                        f"{minimum.bounds[0]:g} mg/day minimum")  # type: ignore[union-attr]
    cap = start_cap(k)
    if daily[1] > cap.bounds[1] + 1e-9:
        warnings.append(f"above the {format_range(cap.bounds)} maximum starting dose of "
                        f"{cap.source}: the label's own band is shown, not capped")
    pause = rules.first(market, "methadone_no_increase_days")
    if pause is not None:
        warnings.append(f"no increase within {pause.bounds[0]:g} days of the first dose or of an "
                        f"increase ({pause.statement}) [{pause.source}]")
    per = _per_dose(k, daily, 24.0 / doses, market)
    return MethodResult("jp-label" if market == "jp" else f"{market}-label", title, daily, daily,
                        per, "tid", None, tuple(warnings), ends[0].source, True)


_TITLES = {
    "jp-label": "Japanese methadone label (メサペイン): fixed start by band",
    "ayonrinde": "Ayonrinde-type 3-tier ratio table",
    "six-tier": "6-tier ratio table (2:1 … 20:1)",
    "fda-label": "FDA methadone label, percent of oral morphine",
    "fudin": "Fudin formula (sines in degrees)",
    "morley-makin": "Morley–Makin stop-and-go (PRN)",
    "three-day": "Three-day switch",
}
#: Every method id, in the order they are shown.
METHODS = tuple(_TITLES)
"""The shipped method ids, in the order they are shown: ``jp-label`` (the Japanese label's
bands; shown with ``market="jp"``), ``ayonrinde``, ``six-tier``, ``fda-label``, ``fudin``,
``morley-makin``, ``three-day``. A dose-tiered method is any method of
``methadone_methods.csv``: a hospital's own tiers (``--knowledge``) are shown beside these."""
_FORMULAS = ("fudin", "morley-makin", "three-day")


@checked
def methadone_switch(
    regimen: Regimen | Iterable[Item],
    method: str | None = None,
    *,
    table: str | ConversionTable | None = None,
    market: str = "us",
    knowledge: Knowledge | None = None,
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
    market
        Whose marketed strengths to round to (``us``, ``uk``, ``jp``).
    knowledge
        Where the methods, rules, tables and strengths come from (default: the shipped data).

    Returns
    -------
    MethadoneSwitch
        Every method's starting dose, capped, with its schedule, source and warnings. The methods
        disagree by up to an order of magnitude; none is given as "the" answer.

    Raises
    ------
    RotationError
        Dose unknown, no scheduled opioid, no factor, an MME table, methadone already given,
        an unknown method.

    References
    ----------
    .. [1] Each method's tiers and constants are rows of ``data/methadone_methods.csv`` and
       ``data/methadone_rules.csv``, each with its source: the methadone label's percentage table
       (FDA), the MSD Manual's six tiers, Fudin et al. (Pract Pain Manag 2012;12(8)), Morley and
       Makin's stop-and-go method (1998), and the Edmonton three-day switch (Bruera E et al.,
       Cancer 1996;78(4):852–857).

    Examples
    --------
    >>> import mpsdose
    >>> switch = mpsdose.methadone_switch(mpsdose.Regimen.parse(["morphine 200 mg/day"]))
    >>> switch.method("fda-label").daily
    (20.0, 30.0)
    """
    k = resolve(knowledge)
    tiered_names = tuple(dict.fromkeys(t.method for t in k.methadone_tiers))
    labels = ("jp-label",) if k.market_rules.of("jp", "methadone_start") else ()
    known = tuple(dict.fromkeys((*labels, *tiered_names, *_FORMULAS)))
    if method is not None and method not in known:
        raise RotationError(f"unknown method {method!r}; methods: {', '.join(known)}")
    items = regimen.items if isinstance(regimen, Regimen) else tuple(regimen)
    market_rotation = market_table(market, "rotation_table", k) if table is None else None
    chosen = rotation_table(k, table or (market_rotation.table if market_rotation else None))
    for item in items:
        if item.listed and any(d.name == "methadone" for d in item.drugs):
            raise RotationError(f"{item}: already methadone; titrate it instead (no sooner than "
                                "the interval in data/methadone_rules.csv)")
    refuse_implausible(items, what="methadone switch", market=market, table=chosen.id,
                       knowledge=k)
    base = opioid_base(k, items, chosen, "a switch")
    scheduled = base.scheduled
    if not scheduled:
        raise RotationError("no scheduled opioid to switch from")
    steps = [part.step for part in base.parts]
    ome = base.ome
    steps.append(Step("total", f"oral morphine equivalent: {format_range(ome)}"))
    wanted = known if method is None else (method,)
    tiered = [r for r in (_tiered(k, name, ome, market) for name in tiered_names)
              if r is not None]
    results: list[MethodResult] = []
    for name in wanted:
        if name == "jp-label":
            result = _label_bands(k, "jp", ome) if market == "jp" or method == name else None
        elif name == "fudin":
            result = _fudin(k, ome, market)
        elif name == "morley-makin":
            result = _morley_makin(k, ome, market)
        elif name == "three-day":
            result = _three_day(k, ome, scheduled, tiered, market)
        else:
            result = next((r for r in tiered if r.method == name), None)
        if result is not None:
            results.append(result)
    if method is not None and not results:
        raise RotationError(f"method {method!r} has no data in data/methadone_*.csv")
    for result in results:
        if result.reduction is not None and result.equianalgesic is not None:
            assert result.daily_uncapped is not None and result.daily is not None
            steps.append(Step(result.method, (
                f"{format_range(result.equianalgesic)} by the ratio, reduced by "
                f"{significant(result.reduction[0] * 100, 3)}–"
                f"{significant(result.reduction[1] * 100, 3)}% [{result.source}] = "
                f"{format_range(result.daily_uncapped)}"
                + ("" if result.daily == result.daily_uncapped else
                   f", capped: {format_range(result.daily)}")
                + f"; per dose rounded down to what can be given: "
                  f"{format_range(result.per_dose, 'mg')} {result.frequency}")))
    if market_rotation is not None:
        steps.insert(0, Step("table", f"{chosen.id}: the rotation table of --market {market} "
                                      f"[{market_rotation.source}]"))
    return MethadoneSwitch(chosen, scheduled, ome, tuple(results), tuple(steps),
                           tuple(_findings(k, items, market)))


def _findings(k: Knowledge, items: tuple[Item, ...], market: str = "us") -> list[Finding]:
    found = []
    for rule, code in ((k.market_rules.first(market, "switch_only", "methadone"), "switch-only"),
                       (k.market_rules.first(market, "methadone_no_increase_days"),
                        "no-increase")):
        if rule is not None:
            found.append(Finding(Severity.WARNING, f"methadone-{market}-{code}",
                                 f"{rule.product}: {rule.statement}", rule.source))
    titration = k.methadone_rules.first("titration_interval_days")
    if titration is not None:
        found.append(Finding(Severity.WARNING, "methadone-titration-interval",
                             f"methadone accumulates: no increase sooner than every "
                             f"{format_range(titration.bounds, 'days')}", titration.source))
    qt = k.methadone_rules.get("qtc_threshold_ms")
    interacting = sorted({d.name for item in items for d in item.drugs
                          if d.drug_class == "antipsychotic"})
    if interacting:
        found.append(Finding(
            Severity.WARNING, "methadone-qt-interaction",
            f"methadone prolongs the QT interval; {', '.join(interacting)} in the same regimen "
            "adds to it: ECG before and after starting" +
            ("" if qt is None else f" (QTc threshold {format_range(qt.bounds, 'ms')})"),
            "" if qt is None else qt.source))
    if qt is not None:
        found.append(Finding(Severity.INFO, "methadone-ecg",
                             f"QTc: {qt.notes or format_range(qt.bounds, 'ms')}", qt.source))
    found.append(Finding(Severity.INFO, "methadone-one-way",
                         "these methods convert to methadone only; they are not inverted to "
                         "convert from methadone", ""))
    return found
