"""Rescue (breakthrough) doses: the dose to propose for a regimen, and the check of a written one.

The usual share of the daily dose is the rule ``breakthrough_fraction`` of ``rotation_rules.csv``
(its first row is the default); the repeat interval comes from ``schedules.csv``.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from mpsdose.clinical.dosing import Range, format_range, givable
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.model.boundary import checked
from mpsdose.model.drugs import Drug
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.numbers import significant
from mpsdose.model.regimen import Dose, Ingredient, Item, Regimen, Schedule
from mpsdose.model.vocabulary import Route

__all__ = ["Rescue", "check_rescue", "describe_rescue", "rescue_for"]


@attrs.frozen
class Rescue:
    """The breakthrough (rescue) dose of a regimen.

    Attributes
    ----------
    drug
        The opioid (the same as the scheduled one).
    route
        The route (immediate release where oral).
    per_dose
        (low, high) per dose, rounded down to what can be given [mg].
    interval_h
        How often it may be repeated [h], from ``schedules.csv``; None where not known.
    fraction
        (low, high) share of the daily dose used (``breakthrough_fraction``) [fraction of 1].
    source
        Where the share and the interval come from.
    """

    drug: Drug
    route: Route
    per_dose: Range  #: rounded down to what can be given [mg]
    interval_h: float | None
    fraction: Range
    source: str

    def item(self, end: int = 0) -> Item:
        """The rescue dose as a PRN item, at the low (0) or high (1) end.

        Parameters
        ----------
        end
            0 for the low end of ``per_dose``, 1 for the high end.
        """
        dose = Dose.of(self.per_dose[end], "mg")
        schedule = Schedule() if self.interval_h is None else Schedule.every(self.interval_h)
        release = "ir" if self.route is Route.ORAL else None
        return Item((Ingredient(self.drug, dose),), self.route, schedule, prn=True,
                    release=release)


def rescue_for(drug: Drug, route: Route, daily: Range, market: str = "us", *,
               knowledge: Knowledge | None = None) -> Rescue:
    """The breakthrough dose for a daily dose of ``drug`` (immediate release, same route).

    A fraction of the daily dose (``breakthrough_fraction``, or the ``rescue_fraction`` of the
    market's label for this drug where ``market_rules.csv`` has one): for each end of the daily range,
    the largest immediate-release amount that can be given at or below the top of the fraction
    range — so it lies within the range wherever the strengths allow — with its repeat interval.
    """
    knowledge = resolve(knowledge)
    fraction_rule = knowledge.rotation_rules.first("breakthrough_fraction")
    fraction, source = fraction_rule.bounds, fraction_rule.source
    label = knowledge.market_rules.first(market, "rescue_fraction", drug.name, route)
    if label is not None:  # the market's label for this drug (オキノーム散: 1/8-1/4)
        fraction, source = label.bounds, f"{label.product} label ({market}): {label.source}"
    release = "ir" if route is Route.ORAL else None
    low, _ = givable(knowledge, daily[0] * fraction[1], drug.name, route, release, market)
    high, _ = givable(knowledge, daily[1] * fraction[1], drug.name, route, release, market)
    row = knowledge.usual_schedule(drug.name, route, release)
    interval = row.prn_interval_h if row is not None else None
    return Rescue(drug, route, (low, high), interval, fraction,
                  source + ("" if row is None else f"; interval: {row.source}"))


def describe_rescue(rescue: Rescue) -> str:
    """The rescue dose in words, with the share and its source."""
    every = "" if rescue.interval_h is None else f" every {rescue.interval_h:g} h as needed"
    low, high = (significant(rescue.fraction[0] * 100, 3), significant(rescue.fraction[1] * 100, 3))
    usual = f"about {high}%" if low == high else f"usual {low}–{high}%"
    return (f"{rescue.drug.name} {'ir ' if rescue.route is Route.ORAL else ''}"
            f"{rescue.route.value} {format_range(rescue.per_dose, 'mg')}{every} (the largest dose "
            f"that can be given up to {high}% of the daily dose; {usual}) "
            f"[{rescue.source}]")


@checked
def check_rescue(regimen: Regimen | Iterable[Item], *,
                 knowledge: Knowledge | None = None) -> list[Finding]:
    """Each PRN opioid dose as a share of the same opioid's scheduled daily dose.

    Flags a share outside the usual range (``breakthrough_fraction``), e.g. 5 mg against
    oxycodone 20 mg/day is 25%; against 60 mg/day it is 8%. Linear in the number of items.

    Parameters
    ----------
    regimen
        A regimen, or items.
    knowledge
        The clinical knowledge to use (its ``rotation_rules.csv``); None: the shipped data.

    Returns
    -------
    list of Finding
        A ``rescue-share`` warning per PRN opioid dose outside the usual share.

    References
    ----------
    .. [1] The shipped default of ``breakthrough_fraction`` is 10–20% of the scheduled daily dose
       (NCCN Adult Cancer Pain guideline, as summarised in ``data/rotation_rules.csv``, grade S);
       the other sources' shares (one-sixth to one-tenth, 5–15%) are rows beside it.

    Examples
    --------
    >>> import mpsdose
    >>> regimen = mpsdose.Regimen.parse(["oxycodone 60 mg/day", "oxycodone ir 5 mg po prn"])
    >>> [finding.code for finding in mpsdose.check_rescue(regimen)]
    ['rescue-share']
    """
    items = regimen.items if isinstance(regimen, Regimen) else tuple(regimen)
    fraction_rule = resolve(knowledge).rotation_rules.first("breakthrough_fraction")
    low, high = fraction_rule.bounds
    base: dict[Drug, float] = {}
    for other in items:
        if not other.prn and other.listed and other.dose_known:
            base[other.drug] = base.get(other.drug, 0.0) + (other.daily() or 0.0)
    found = []
    for item in items:
        if not (item.prn and item.listed and item.drug.is_opioid) or not item.dose_known:
            continue
        dose = item.per_dose()
        daily = base.get(item.drug, 0.0)
        if dose is None or daily <= 0:
            continue
        share = dose / daily
        if share < low - 1e-9 or share > high + 1e-9:
            found.append(Finding(
                Severity.WARNING, "rescue-share",
                f"{item}: {significant(dose, 4)} mg is {significant(share * 100, 3)}% of "
                f"{item.drug.name} {significant(daily, 4)} mg/day (usual "
                f"{significant(low * 100, 3)}–{significant(high * 100, 3)}%)",
                fraction_rule.source, item=str(item)))
    return found
