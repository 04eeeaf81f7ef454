"""Rescue (breakthrough) doses: the dose to propose for a regimen, and the check of a written one.

The usual share of the daily dose is the rule ``breakthrough_fraction`` of ``rotation_rules.csv``:
the chosen market's row (NCCN 10–20% for ``us``, 1/10–1/6 for ``uk``, the Japanese oxycodone
label's 1/8–1/4 for ``jp``), else the rule's first row. The repeat interval comes from
``schedules.csv``. A written rescue dose is judged in oral morphine equivalents against the
scheduled opioids of any drug and route (an SC rescue against an oral regular opioid, an oral
rescue against an infusion or a patch), each by its route's own factor.

A share outside the usual one is a warning, with these step-downs to information: another
market's source allows it, where no market is chosen or the chosen market has no source of the
share of its own (its rule is then another market's default row); the rescue is no larger than
an opioid-naive start, up to the largest share any source allows a rescue (the Japanese
oxycodone label's 1/4), and not above its own label's maximum a dose (``dose_limits.csv``);
it is below the usual share but not below the lowest share any source
gives (too little relief, not too much opioid: Pallipedia's 5%).

A share is read within one conversion table, the rescue and the day by the same factors. Where
the first table reads it within the usual share at one reading and above every source's top only
at the reading that makes it largest, and another table of the same kind reads it not above that
top, the tables disagree: the other table's reading judges it, naming the first's.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from mpsdose.clinical.dosing import Range, format_range, givable_range
from mpsdose.clinical.ranges import (
    FactorReading,
    factor_readings,
    low_end_reason,
    naive_start_rows,
)
from mpsdose.clinical.use_disorder import use_disorder_reason
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.knowledge.conversion import ConversionTable, RotationTable
from mpsdose.model.boundary import checked
from mpsdose.model.drugs import Drug
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.numbers import significant
from mpsdose.model.regimen import (
    Dose,
    Ingredient,
    Item,
    Patient,
    Regimen,
    Schedule,
    ScheduleKind,
)
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import Route

if TYPE_CHECKING:  # record types loaded with their data, on first use
    from mpsdose.knowledge.limits import DoseLimit, OpioidRange
    from mpsdose.knowledge.market import MarketRule
    from mpsdose.knowledge.practice import PatchBand, Rule

__all__ = ["Rescue", "check_rescue", "describe_rescue", "rescue_for"]


@attrs.frozen(repr=False, eq=False)
class Rescue(Value):
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

    A fraction of the daily dose (``breakthrough_fraction``, the market's row; or the
    ``rescue_fraction`` of the market's label for this drug where ``market_rules.csv`` has one):
    for each end of the daily range [mg/day of ``drug`` by ``route``], the largest
    immediate-release amount that can be given at or below the top of the fraction range — so it
    lies within the range wherever the strengths allow — with its repeat interval.
    """
    knowledge = resolve(knowledge)
    fraction_rule = knowledge.rotation_rules.for_market("breakthrough_fraction", drug.name,
                                                        market)
    fraction, source = fraction_rule.bounds, fraction_rule.source
    label = knowledge.market_rules.first(market, "rescue_fraction", drug.name, route)
    if label is not None:  # the market's label for this drug (オキノーム散: 1/8-1/4)
        fraction, source = label.bounds, f"{label.product} label ({market}): {label.source}"
    release = "ir" if route is Route.ORAL else None
    # both ends by one product (never a 0 dose: a low end below the smallest strength is raised
    # to it where that is within the range; no product small enough is an error, not a 0 dose)
    (low, high), _, _ = givable_range(knowledge, (daily[0] * fraction[1], daily[1] * fraction[1]),
                                      drug.name, route, release, market)
    # the repeat interval from the best row that states one for as-needed doses (a drug's
    # first row may be its syringe driver, which states none: SC alfentanil)
    row = knowledge.usual_schedule(drug.name, route, release, as_needed=True)
    if row is None:  # no interval seen in any source: said, never invented
        return Rescue(drug, route, (low, high), None, fraction,
                      f"{source}; interval: none stated in schedules.csv, see the source")
    return Rescue(drug, route, (low, high), row.prn_interval_h, fraction,
                  f"{source}; interval: {row.source}")


def describe_rescue(rescue: Rescue) -> str:
    """The rescue dose in words, with the share and its source."""
    every = (" as needed (interval: see the source)" if rescue.interval_h is None
             else f" every {rescue.interval_h:g} h as needed")
    low, high = (significant(rescue.fraction[0] * 100, 3), significant(rescue.fraction[1] * 100, 3))
    usual = f"about {high}%" if low == high else f"usual {low}–{high}%"
    return (f"{rescue.drug.name} {'ir ' if rescue.route is Route.ORAL else ''}"
            f"{rescue.route.value} {format_range(rescue.per_dose, 'mg')}{every} (the largest dose "
            f"that can be given up to {high}% of the daily dose; {usual}) "
            f"[{rescue.source}]")


@checked
def check_rescue(regimen: Regimen | Iterable[Item], *, market: str | None = None,
                 table: str | None = None,
                 previous: Regimen | Iterable[Item] | None = None,
                 patient: Patient | None = None,
                 knowledge: Knowledge | None = None) -> list[Finding]:
    """Each PRN opioid dose as a share of the scheduled opioids' daily dose, in equivalents.

    The same drug by the same route is compared in mg (5 mg against oxycodone 20 mg/day is 25%);
    otherwise both are converted to oral morphine equivalents by their routes' own factors, in
    one table that has them all (``table`` first, then the rotation tables), and the share is
    flagged only where every reading of the table's factors lies outside the market's usual
    range, or where its largest reading is above the top of every source's usual share — then,
    with no ``table`` chosen, only where no other table of the same kind reads it at or below
    that top (the tables disagree: the other table's reading judges it, and the finding names
    both). Where another market's source allows the share (no market chosen, or a chosen market
    with no source of the share of its own), where the rescue is no larger than a starting dose
    for an opioid-naive patient (and not above its label's maximum a dose in
    ``dose_limits.csv``), or where it is below the usual share but reaches the lowest share any
    source gives, the finding is information. Where no table has the factors, the
    rescue is reported once as not checked. Linear in the number of items.

    Parameters
    ----------
    regimen
        A regimen, or items.
    market
        ``us``, ``uk``, ``jp`` …: the usual share of that market's source; None, or a market
        with no source of the share (``au``, ``eu``, ``nz``): the default row, with the other
        markets' rows as the disagreement they are.
    table
        A conversion table to read the factors from first.
    previous
        The regimen being switched from: beside methadone, which no rotation table converts, a
        rescue may be sized to the day methadone replaces (see :func:`_beside_methadone`).
    patient
        Whose rescue it is (default: the regimen's patient). For a patient the labelling sends
        to the low end of a starting range (65 and over, renal impairment:
        :func:`~mpsdose.clinical.ranges.low_end_reason`), the opioid-naive start a large share
        may stay within is the low end of that range, never its top.
    knowledge
        The clinical knowledge to use (its ``rotation_rules.csv``, tables and
        ``opioid_dose_ranges.csv``); None: the shipped data.

    Returns
    -------
    list of Finding
        A ``rescue-share`` finding per PRN opioid dose outside the usual share (a warning, or
        info where a source allows it), and ``rescue-share-not-checked`` once where needed.

    References
    ----------
    .. [1] The shipped default of ``breakthrough_fraction`` is 10–20% of the scheduled daily dose
       (NCCN Adult Cancer Pain guideline, as summarised in ``data/rotation_rules.csv``, grade S);
       the UK's one-tenth to one-sixth and the Japanese oxycodone label's one-eighth to one-quarter
       are market rows beside it.

    Examples
    --------
    >>> import mpsdose
    >>> regimen = mpsdose.Regimen.parse(["oxycodone 60 mg/day", "oxycodone ir 5 mg po prn"])
    >>> [finding.code for finding in mpsdose.check_rescue(regimen)]
    ['rescue-share']
    """
    k = resolve(knowledge)
    items = regimen.items if isinstance(regimen, Regimen) else tuple(regimen)
    if patient is None and isinstance(regimen, Regimen):
        patient = regimen.patient
    low_end = low_end_reason(patient, knowledge=k)
    base = [(item, ingredient) for item in items if not item.prn and item.listed
            for ingredient in item.ingredients if ingredient.drug.is_opioid]
    if not base or any(item.daily(ingredient) is None for item, ingredient in base):
        return []
    before = (() if previous is None
              else previous.items if isinstance(previous, Regimen) else tuple(previous))
    previous_base = [(item, ingredient) for item in before if not item.prn and item.listed
                     for ingredient in item.ingredients if ingredient.drug.is_opioid]
    found: list[Finding] = []
    not_checked: list[str] = []
    source = ""
    sums: dict[object, Any] = {}  # what _shares adds up over the scheduled opioids, once
    # buprenorphine treating opioid use disorder: a rescue beside it is no share of its OME
    use_disorder = list(dict.fromkeys(
        str(item) for item, _ in base
        if use_disorder_reason(item, patient, knowledge=k) is not None))
    for item in items:
        if not (item.prn and item.listed and item.drug.is_opioid) or not item.dose_known:
            continue
        dose = item.per_dose()
        if dose is None or _titrated_on_its_own(k, item):
            continue
        if use_disorder:
            found.append(_beside_use_disorder(k, item, use_disorder))
            continue
        rule = k.rotation_rules.for_market("breakthrough_fraction", item.drug.name, market)
        shares = _shares(k, item, dose, base, table, sums)
        if shares is None:
            beside = _beside_methadone(k, item, dose, base, previous_base)
            if beside is not None:
                found.append(beside)
                continue
            not_checked.append(str(item))
            source = rule.source
            continue
        (share_low, share_high), how, table_id = shares
        # a share the first conversion table reads within the usual share at one reading and
        # above every source's top only at the reading that makes it largest, and another table
        # reads not above that top: the tables disagree, and the other table's reading judges
        # the rescue, naming both. A share the first table reads wholly outside the usual one
        # is judged by it, as before (no table is shopped for)
        top = _top_of_every_source(k, item)
        disagreeing = None
        if (table is None and table_id is not None and _within(rule, share_low, share_high)
                and share_high > top.bounds[1] + 1e-9):
            other = next((r for r in _other_readings(k, item, dose, base, table_id, sums)
                          if r[0][1] <= top.bounds[1] + 1e-9), None)
            if other is not None:
                disagreeing = (share_high, how, table_id, other[2])
                (share_low, share_high), how, _ = other
        # a share read in the drug's own amount through a patch label's rule names that label
        patch = sums.get(("systemic", item.drug, item.route))
        patch_source = [] if patch is None else [patch[2]]
        judged = _judge(k, item, dose, (share_low, share_high), how, rule, market, table,
                        low_end, base, patch_source,
                        None if patient is None else patient.opioid_tolerant)
        if disagreeing is not None:
            judged = _tables_disagree(item, dose, (share_low, share_high), how, rule, top,
                                      disagreeing, judged)
        found.extend(judged)
    if not_checked:
        found.append(Finding(Severity.INFO, "rescue-share-not-checked",
                             "rescue dose share not checked (no table has a factor for every "
                             f"opioid and route involved): {', '.join(not_checked)}", source))
    return found


def _judge(k: Knowledge, item: Item, dose: float, shares: tuple[float, float], how: str,
           rule: Rule, market: str | None, table: str | None,
           low_end: dict[str, tuple[MarketRule, str]],
           base: list[tuple[Item, Ingredient]], patch_source: list[str],
           tolerant: bool | None = None) -> list[Finding]:
    """The findings of one rescue whose share of the day (low, high reading, as ``how`` reads
    it) is known: outside the market's usual share a warning, with the step-downs of
    :func:`check_rescue`; within it, only a share above every source's top at its largest
    reading (:func:`_above_every_source`). ``tolerant`` is the patient's opioid tolerance
    (None: not known), for the sources written for one population only."""
    share_low, share_high = shares
    if _within(rule, share_low, share_high):
        above = _above_every_source(k, item, dose, share_high, how)
        printed = _printed_patch_rescue(k, item, dose, base) if above else None
        if printed is not None:
            return [_within_printed_rescue(above[0], printed, dose)]
        return [attrs.evolve(f, source=" ; also: ".join([f.source, *patch_source]))
                for f in above]
    hourly = _hourly(k, item, share_low, share_high, rule)
    if hourly is not None:
        return [Finding(Severity.INFO, "rescue-share",
                        f"{item}: {significant(dose, 4)} mg is "
                        f"{significant(share_high * 100, 3)}% of {how} a dose; {hourly}",
                        rule.source, item=str(item))]
    infusion = _infusion_hour(k, item, dose, base, share_high, rule, tolerant)
    if infusion is not None:
        return [infusion]
    incident = _incident_start(k, item, dose, share_high, rule, market)
    if incident is not None:
        return [incident]
    small = _below_usual(k, item, dose, share_low, share_high, how, rule, market)
    if small is not None:
        return [small]
    severity, other = Severity.WARNING, None
    # another market's source may allow it: the sources disagree. So where no market is
    # chosen, and where the chosen market has no source of its own for the share (its rule
    # is then the default row, another market's)
    if rule.market != market or market is None:
        other = next((r for r in k.rotation_rules.all("breakthrough_fraction", item.drug.name)
                      if r.market is not None and r is not rule
                      and _within(r, share_low, share_high)), None)
        if other is not None:
            severity = Severity.INFO
    # a naive start excuses a large share of a small regimen: a share up to the largest any
    # source allows a rescue (of any drug: the Japanese oxycodone label's 1/4), or any share of a
    # day no larger than the smallest opioid-naive starting day of any market (NICE's 20-30 mg
    # of oral morphine a day, beside which 2.5-5 mg is the smallest practical rescue). A third
    # of a day at the labels' tolerance (hydrocodone 20 mg beside 60 mg/day, KC26) is neither
    large = share_low > rule.bounds[1]
    largest = _largest_share_of_any_source(k)
    beyond_every = share_low > largest.bounds[1] + 1e-9
    small_day = _small_day(k, item, dose, share_high, table) if large and beyond_every else None
    steps_down = large and (not beyond_every or small_day is not None)
    naive = _naive_start(k, item, dose, market, table, low_end=low_end) if large else None
    # a dose above its own label's maximum a dose is no starting dose, whatever its OME
    label_top = _above_label_dose(k, item, dose, market) if naive is not None else None
    start = naive if steps_down and label_top is None else None
    # a naive start that does not excuse the share: said, with why not
    beyond = None if steps_down else naive
    # what the top of the start would have allowed, for a patient held to its low end
    top = (_naive_start(k, item, dose, market, table)
           if start is None and low_end and steps_down and label_top is None else None)
    if start is not None:
        severity = Severity.INFO
    shown = (f"{significant(share_low * 100, 3)}%" if abs(share_high - share_low) < 1e-9
             else f"{significant(share_low * 100, 3)}–{significant(share_high * 100, 3)}%")
    text = (f"{item}: {significant(dose, 4)} mg is {shown} of {how} (usual "
            f"{_percent(rule)}{f', {market}' if market and rule.market == market else ''})")
    sources = [rule.source, *patch_source]
    if other is not None:
        mine = (f"no {market.upper()} source of the usual share is encoded, and it is "
                if market is not None else "")
        text += (f"; {mine}within the {str(other.market).upper()} source's "
                 f"{_percent(other)}: the markets disagree, so it is information")
        sources.append(other.source)
    if start is not None:
        row, what = start
        held = low_end.get(row.market or "")
        lowest = (f"the low end of a starting dose for an opioid-naive patient ({held[1]})"
                  if held is not None else "a starting dose for an opioid-naive patient")
        text += (f"; no larger than {lowest} that every market read allows ({what}, "
                 f"{(row.market or '').upper()} label or guideline): a large share of a "
                 "small regimen, so it is information")
        sources.append(row.source)
        sources.extend(rule.source for rule, _ in low_end.values())
    elif label_top is not None and naive is not None:
        text += (f"; no larger than a starting dose for an opioid-naive patient "
                 f"({naive[1]}), but above the {significant(label_top.max_single_mg or 0.0, 4)} mg "
                 f"a dose of {item.drug.name}'s own label"
                 f"{f' ({label_top.market.upper()})' if label_top.market else ''}: a dose above "
                 "its label's maximum is no starting dose, so it is not information")
        sources.append(label_top.source)
    elif top is not None:
        row, what = top
        held = low_end.get(row.market or "") or next(iter(low_end.values()))
        text += (f"; within the top of an opioid-naive start ({what}) but not the low end "
                 f"of its range, where {held[0].market.upper()} labelling starts this "
                 f"patient ({held[1]}), so it is not information")
        sources.append(held[0].source)
    elif beyond is not None:
        text += (f"; no larger than a starting dose for an opioid-naive patient "
                 f"({beyond[1]}), but above the {significant(largest.bounds[1] * 100, 3)}% "
                 "top of every source's usual share, of a day above the smallest starting "
                 "day of any market, so the small dose does not make it information")
        sources.append(largest.source)
    if start is not None and small_day is not None:
        text += (f" (above every source's {significant(largest.bounds[1] * 100, 3)}% top, "
                 f"but of a day of about {significant(small_day[0], 3)} mg OME, within the "
                 f"{significant(small_day[1].per_day or 0.0, 4)} mg OME starting day of "
                 f"{(small_day[1].market or '').upper()} sources: a small regimen)")
        sources.append(small_day[1].source)
    return [Finding(severity, "rescue-share", text, " ; also: ".join(sources),
                    item=str(item))]


def _naive_start(k: Knowledge, item: Item, dose: float, market: str | None,
                 table: str | None, *, low_end: Collection[str] = ()
                 ) -> tuple[OpioidRange, str] | None:
    """The opioid-naive starting dose that every market read allows the rescue within — with how
    it reads — or None.

    ``low_end``: the markets whose labelling starts the patient at the low end of a starting
    range (:func:`~mpsdose.clinical.ranges.low_end_reason`: US labelling at 65 and over or a
    creatinine clearance below 60 mL/min). There each row is read at its ``start_low`` (the low
    end its source prints: the US morphine tablets' 15 of '15 to 30 mg'); a row that prints no
    range does not count, and a market with no such row allows no step-down.

    Each market is read by its own rows for the rescue's drug and route (its label) where it has
    them, else by its rows of every opioid in oral morphine equivalents (the route's most cautious
    factor), as the naive starts themselves are (:mod:`mpsdose.clinical.ranges`). Within one
    market the most generous of its sources counts; across markets (none chosen) every market
    must allow the dose: one market's generous label start (the US morphine tablets' 30 mg, the
    US hydromorphone oral solution's 10 mg) does not make a rescue that another market's start
    (the UK's 10 mg OME) exceeds an ordinary one.
    """
    # the rows the naive-start check itself reads for the item: its label's, else those of every
    # opioid, a market's own parenteral morphine starts standing in for that route (HO32)
    every = naive_start_rows(item, market, table=table, knowledge=k)
    rows = [r for r in every if r.per_dose is not None]
    if not rows:
        return None
    # in a market that starts the patient at the low end, each row at the low end of its range
    rows = [r if r.market not in low_end else attrs.evolve(r, per_dose=r.start_low)
            for r in rows if r.market not in low_end or r.start_low is not None]
    if any(m in low_end and not any(r.market == m for r in rows) for m in
           {r.market for r in every if r.per_dose is not None}):
        return None  # a market that sends the patient to a low end it does not print
    if not rows:
        return None
    reading = factor_readings(item.drug, item.route, item.form, table=table, knowledge=k)
    day = _usual_rescue_day(k, item, dose)
    markets: list[str | None] = [*sorted({r.market for r in rows if r.market is not None})]
    binding: tuple[OpioidRange, str] | None = None
    for each in markets or [None]:
        mine = [r for r in rows if r.market in (None, each)]
        own = [r for r in mine if not r.generic]
        if own:
            best = max(own, key=lambda r: r.per_dose or 0.0)
            amount, what = dose, f"{significant(best.per_dose or 0.0, 4)} mg"
        else:
            generic = [r for r in mine if r.generic]
            if not generic or reading is None:
                return None  # a market whose start cannot be read: no step-down
            best = max(generic, key=lambda r: r.per_dose or 0.0)
            amount = reading.amount(dose) * reading.high
            what = (f"{significant(best.per_dose or 0.0, 4)} mg OME; the rescue is "
                    f"{significant(amount, 4)} mg OME by {reading.describe('high')}")
        if amount > (best.per_dose or 0.0) * (1 + 1e-9):
            return None
        if not _within_naive_day(every, each, day, reading):
            return None
        if binding is None or (best.per_dose or 0.0) < (binding[0].per_dose or 0.0):
            binding = (best, what)
    return binding


def _above_label_dose(k: Knowledge, item: Item, dose: float, market: str | None
                      ) -> DoseLimit | None:
    """The ``dose_limits.csv`` row of the rescue's drug, route and release, for every adult
    (condition ``any``, no indication or product scope) of the market read (every market where
    none is chosen), whose maximum a dose [mg] the rescue is above; else None.

    A start excuses a large share of a small regimen because a patient with no opioid at all
    could be given that dose (:func:`_judge`); a dose above its own label's maximum a dose (two
    hydrocodone/acetaminophen 10/325 mg tablets, 20 mg, where the US labels give at most 10 mg)
    is no such dose, however few mg of oral morphine it reads as."""
    release = item.release or "ir"  # as the limits read an item that does not say
    return next((row for row in k.dose_limits
                 if row.drug == item.drug.name and row.condition == "any" and not row.scope
                 and row.max_single_mg is not None and not row.settings
                 and (row.route is None or row.route is item.route)
                 and (row.release is None or row.release == release)
                 and (market is None or row.market in (None, market))
                 and dose > row.max_single_mg * (1 + 1e-9)), None)


def _usual_rescue_day(k: Knowledge, item: Item, dose: float) -> float:
    """A rescue's usual day [mg/day]: as many doses as a usual day gives before the regimen is
    changed (``usual-palliative-range``: 3, eTG; fewer where the order allows fewer)."""
    rule = k.safety_rules.first("usual-palliative-range", threshold=True)
    count = rule.threshold or 1.0
    if item.max_doses_per_day is not None:
        count = min(count, float(item.max_doses_per_day))
    return dose * count


def _within_naive_day(rows: list[OpioidRange], market: str | None, day: float,
                      reading: FactorReading | None) -> bool:
    """Whether a rescue's usual day is within one market's per-day naive start: its label's
    rows for the drug where they give a day, else its rows of every opioid in OME (at the
    route's most cautious factor); True where the market gives no day. A starting dose is a
    dose and a day: a rescue as large as a start per dose but repeated beyond the start's day
    (hydromorphone 8 mg every 2 hours beside morphine 30 mg/day: 24 mg in 3 doses, about
    100 mg OME against the US 60 mg OME a day) is no naive start."""
    mine = [r for r in rows if r.per_day is not None and not r.rate
            and r.market in (None, market)]
    own = [r for r in mine if not r.generic]
    if own:
        return day <= max(r.per_day or 0.0 for r in own) * (1 + 1e-9)
    generic = [r for r in mine if r.generic]
    if not generic or reading is None:
        return True
    return reading.amount(day) * reading.high <= max(r.per_day or 0.0 for r in generic) * (1 + 1e-9)


def _titrated_on_its_own(k: Knowledge, item: Item) -> bool:
    """True for a product whose label titrates it on its own rather than as a share of the day:
    the rapid-onset (transmucosal) fentanyl of ``opioid_tolerant_only_routes`` (the labels find
    the dose by titration from the lowest strength; ONS/NCCN: the proportional rescue is 'not for
    rapid-onset fentanyl')."""
    routes = k.drug_properties.get(item.drug.name, "opioid_tolerant_only_routes")
    return routes is not None and item.route.value in routes[0].split()


def _below_usual(k: Knowledge, item: Item, dose: float, share_low: float, share_high: float,
                 how: str, rule: Rule, market: str | None) -> Finding | None:
    """A rescue below the market's usual share that reaches, at the reading of the factors that
    makes it largest, the lowest share any source gives: information, or None.

    A rescue smaller than the usual share gives too little relief; it is not too much opioid,
    the harm the check guards against. Where a source's usual share reaches down to it
    (Pallipedia: 5-15% of the day, 5% for the elderly), the sources disagree and it is
    information. Below the bottom of every source's share at every reading (oxycodone 2.5 mg
    beside 160 mg/day: 1.6%) it stays a warning: a rescue that small is no rescue.
    """
    if share_high >= rule.bounds[0] - 1e-9:
        return None
    bottom = min(k.rotation_rules.all("breakthrough_fraction", item.drug.name),
                 key=lambda r: r.bounds[0])
    if share_high < bottom.bounds[0] - 1e-9:
        return None
    shown = (f"{significant(share_low * 100, 3)}%" if abs(share_high - share_low) < 1e-9
             else f"{significant(share_low * 100, 3)}–{significant(share_high * 100, 3)}%")
    where = f", {market}" if market and rule.market == market else ""
    return Finding(Severity.INFO, "rescue-share", (
        f"{item}: {significant(dose, 4)} mg is {shown} of {how}, below the usual "
        f"{_percent(rule)}{where} but within {_percent(bottom)} of the day by another source: "
        "a smaller rescue than usual gives too little relief rather than too much opioid, and "
        "the sources disagree, so it is information"),
        f"{bottom.source} ; also: {rule.source}", item=str(item))


def _small_day(k: Knowledge, item: Item, dose: float, share_high: float, table: str | None
               ) -> tuple[float, OpioidRange] | None:
    """The scheduled day [mg OME/day] a rescue is a share of, with the smallest opioid-naive
    starting day of every opioid of any market (``naive-start`` rows of no drug with a day),
    where the day is within it; else None. The day is the rescue at the generous reading of
    its factor over its largest share, the smallest the day is read."""
    days = [r for r in k.opioid_ranges if r.check == "naive-start" and r.generic
            and r.per_day is not None and not r.rate]
    reading = factor_readings(item.drug, item.route, item.form, table=table, knowledge=k)
    if not days or reading is None or share_high <= 0:
        return None
    start = min(days, key=lambda r: r.per_day or 0.0)
    day = reading.amount(dose) * reading.low / share_high
    return (day, start) if day <= (start.per_day or 0.0) * (1 + 1e-9) else None


def _largest_share_of_any_source(k: Knowledge) -> Rule:
    """The ``breakthrough_fraction`` row, of any market and any drug, that allows the largest
    share of the day: the bound of the naive-start step-down (:func:`_judge`)."""
    return max((r for r in k.rotation_rules.rows if r.rule == "breakthrough_fraction"),
               key=lambda r: r.bounds[1])


def _top_of_every_source(k: Knowledge, item: Item) -> Rule:
    """The ``breakthrough_fraction`` row, of any market, that allows the largest share of the day
    for the rescue's drug."""
    return max(k.rotation_rules.all("breakthrough_fraction", item.drug.name),
               key=lambda r: r.bounds[1])


def _above_every_source(k: Knowledge, item: Item, dose: float, share_high: float,
                        how: str) -> list[Finding]:
    """A rescue whose share, at the reading of the factors that makes it largest, is above the
    top of every source's usual share (any market's): a warning, though another reading of a wide
    factor range falls within the market's share. A patch whose table gives 2.4-5 mg OME/day per
    mcg/h makes a 10 mg SC morphine rescue 16-33% of a 25 mcg/h patch; at a third of the day it
    is above what any source calls a rescue (the largest is the Japanese oxycodone label's 1/4).
    """
    top = _top_of_every_source(k, item)
    if share_high <= top.bounds[1] + 1e-9:
        return []
    return [Finding(Severity.WARNING, "rescue-share", (
        f"{item}: {significant(dose, 4)} mg is up to {significant(share_high * 100, 3)}% of "
        f"{how} at the reading of the factors that makes it largest, above the "
        f"{significant(top.bounds[1] * 100, 3)}% top of every source's usual share"),
        top.source, item=str(item))]


def _printed_patch_rescue(k: Knowledge, item: Item, dose: float,
                          base: list[tuple[Item, Ingredient]]) -> PatchBand | None:
    """The ``rescue`` row of a patch table (``patch_conversion.csv``) whose printed
    immediate-release rescue holds this rescue, or None.

    Some patch conversion tables print, beside each patch strength, the immediate-release oral
    rescue that goes with it (NHS Lanarkshire: 25 micrograms/hour, oral morphine 10-15 mg); some
    charts give the SC breakthrough dose from the patch strength (NHS Ayrshire & Arran: strength
    in micrograms/hour divided by 5 is the SC diamorphine dose in mg), entered per strength. Where
    the scheduled opioids are patches of that drug alone, of one printed strength in all, and
    the rescue is that table's drug by that route (immediate release) at a dose within what it
    prints, the rescue is the table's own.
    """
    patches = {(i.drug.name, i.route) for i, _ in base}
    if len(patches) != 1:
        return None
    ((patch, route),) = patches
    if route is not Route.TRANSDERMAL or item.release not in (None, "ir"):
        return None
    rates = [i.daily(ingredient) for i, ingredient in base]
    if any(r is None for r in rates):
        return None
    # daily() holds a patch's rate as mg/day: back to the table's micrograms an hour
    rate = sum(r for r in rates if r is not None) * 1000 / 24
    for band in k.patch_bands:
        if (band.direction == "rescue" and band.drug == patch
                and band.from_drug == item.drug.name and band.from_route is item.route
                and math.isclose(band.patch_mcg_h, rate, rel_tol=1e-6)
                and band.band.contains(dose)):
            return band
    return None


def _within_printed_rescue(above: Finding, printed: PatchBand, dose: float) -> Finding:
    """A rescue above every source's share of the day but within the rescue a patch table
    prints for the patch: information naming both (the sources disagree)."""
    low, high = printed.band.low or 0.0, printed.band.high or 0.0
    # an oral rescue row is the table's immediate-release oral dose; an SC row a chart's
    # breakthrough injection (NHS Ayrshire & Arran: patch strength / 5 = SC diamorphine mg)
    what = (f"immediate-release oral {printed.from_drug}" if printed.from_route is Route.ORAL
            else f"{printed.from_route} {printed.from_drug}")
    amount = (f"the {what} dose" if math.isclose(low, high)
              else f"within the {significant(low, 4)}-{significant(high, 4)} mg of {what}")
    return attrs.evolve(above, severity=Severity.INFO, message=(
        f"{above.message}; but {significant(dose, 4)} mg is {amount} that the "
        f"{printed.table} patch table prints as the rescue for a "
        f"{significant(printed.patch_mcg_h, 4)} micrograms/hour {printed.drug} patch: the "
        "sources disagree (the table reads the patch's day higher), so it is information"),
        source=f"{printed.source} ; also: {above.source}")


def _beside_use_disorder(k: Knowledge, item: Item, treatment: list[str]) -> Finding:
    """A rescue beside buprenorphine read as treatment of opioid use disorder
    (:mod:`~mpsdose.clinical.use_disorder`): not judged as a share (information, saying why).

    Its OME is not a day to take a share of (the CDC: the conversion factors of such treatment
    are not benchmarks), and the sources on a full agonist added to buprenorphine maintenance
    say that cross-tolerance and the partial agonist's receptor occupancy often need higher
    doses at shorter intervals, with no share of the buprenorphine day
    (``opioid-use-disorder-rescue``). The rescue dose itself is still judged by the dose ranges
    (plausibility, usual and naive starts: :mod:`~mpsdose.clinical.ranges`)."""
    rule = k.safety_rules.first("opioid-use-disorder-rescue")
    return Finding(Severity.INFO, "rescue-share-not-checked", (
        f"{item}: rescue dose share not judged: beside {', '.join(treatment)}, buprenorphine "
        "read as treatment of opioid use disorder, whose oral morphine equivalent is no day to "
        "size a rescue from; a full agonist added to buprenorphine maintenance often needs "
        "higher doses at shorter intervals, and no source gives a share of it (the dose itself "
        "is judged by the dose ranges)"), rule.source, item=str(item))


def _beside_methadone(k: Knowledge, item: Item, dose: float,
                      base: list[tuple[Item, Ingredient]],
                      previous: list[tuple[Item, Ingredient]]) -> Finding | None:
    """A rescue beside methadone whose share is above every source's top even at its smallest
    reading, or None (not judged: the caller says so).

    No rotation table converts methadone, and an MME table's factor converts a steady day, so
    the share itself is not read (:func:`_shares`). But a bound is sound: each table read at the
    top of its factors for the daily amounts given (methadone's for the band of its day) makes
    the day's OME as large as any table makes it, and the rescue at the bottom of its own makes
    the dose as small; a share above the top of every source's usual share even so (morphine
    30 mg hourly beside methadone 15 mg/day: at least 43% of the day) is a warning.

    While methadone is started low beside a switch (2.5 mg every 8 hours), the rescue is sized
    to the day it replaces (about a tenth of the previous OME: Palliative Care Formulary): where
    the previous regimen is given, the day is the larger of the two, each read at its largest in
    the same table (a table without every factor of the previous regimen is not read).
    """
    if item.drug.name == "methadone" or not any(g.drug.name == "methadone" for _, g in base):
        return None
    smallest: tuple[float, str, float, float] | None = None
    for chosen in k.conversion_tables.values():
        factor = chosen.lookup(item.drug.name, item.route, item.form, None)
        total = _scheduled_ome(chosen, base)
        if previous and total is not None:
            replaced = _scheduled_ome(chosen, previous)
            total = None if replaced is None else max(total, replaced, key=lambda t: t[1])
        if factor is None or total is None or total[1] <= 0:
            continue
        rescue_ome = factor.unit.from_canonical(dose) * factor.bounds[0]
        share = rescue_ome / total[1]
        if smallest is None or share < smallest[0]:
            smallest = (share, chosen.id, total[1], rescue_ome)
    if smallest is None:
        smallest = _across_tables(k, item, dose, base, previous)
    if smallest is None:
        return None
    share, table_id, day, rescue_ome = smallest
    top = _top_of_every_source(k, item)
    if share <= top.bounds[1] + 1e-9:
        return None
    return Finding(Severity.WARNING, "rescue-share", (
        f"{item}: {significant(dose, 4)} mg (≥ {significant(rescue_ome, 4)} mg OME) is at least "
        f"{significant(share * 100, 3)}% of the scheduled opioids' day beside methadone, read at "
        f"its largest ({significant(day, 4)} mg/day OME by {table_id}, each factor at the top "
        f"of its range for the day given{', or the day it replaces' if previous else ''}): "
        f"above the {significant(top.bounds[1] * 100, 3)}% top of every source's usual share"
        + ("" if previous else "; if the rescue is sized to the opioid methadone replaces, "
           "check it with that regimen as the previous one")), top.source, item=str(item))


def _across_tables(k: Knowledge, item: Item, dose: float, base: list[tuple[Item, Ingredient]],
                   previous: list[tuple[Item, Ingredient]]
                   ) -> tuple[float, str, float, float] | None:
    """The smallest share beside methadone where no one table has both the rescue's factor and
    the day's (SC hydromorphone beside methadone: the MME tables read methadone, the rotation
    tables the SC route), or None.

    The bound of :func:`_beside_methadone` holds across tables: the day read at its largest in
    any table that has every factor of it (and of the regimen it replaces, read the same way),
    the rescue at its smallest in any table that has its factor, so the share is no larger under
    any one table's reading than this."""
    days: list[tuple[float, str]] = []
    rescues: list[tuple[float, str]] = []
    for chosen in k.conversion_tables.values():
        for regimen in (base, previous):
            total = _scheduled_ome(chosen, regimen) if regimen else None
            if total is not None and total[1] > 0:
                days.append((total[1], chosen.id))
        factor = chosen.lookup(item.drug.name, item.route, item.form, None)
        if factor is not None:
            rescues.append((factor.unit.from_canonical(dose) * factor.bounds[0], chosen.id))
    if not days or not rescues:
        return None
    (day, day_table), (rescue_ome, rescue_table) = max(days), min(rescues)
    return (rescue_ome / day, f"{day_table}; the rescue at its smallest by {rescue_table}, no "
            "one table having both", day, rescue_ome)


def _infusion_hour(k: Knowledge, item: Item, dose: float, base: list[tuple[Item, Ingredient]],
                   share_high: float, rule: Rule, tolerant: bool | None = None
                   ) -> Finding | None:
    """A rescue of at least one hour's amount of a continuous IV or SC infusion of the same drug
    and route, below the usual share of the day: information, or None.

    The rescue of a continuous infusion is given as an hour's amount of it, repeatable every
    15-30 minutes (``infusion_rescue_hours``: JSPM 2010), which is 1/24 of the day, below the
    10-20% of an oral day: sources that size a rescue for the day and a source that sizes it for
    the infusion disagree, and the smaller dose is the infusion's own rescue, not an error. Less
    than the hour's amount stays a warning (too small a rescue to relieve).

    A source written for opioid-tolerant patients only (``population``: Nelson's parenteral
    morphine protocol) does not excuse the rescue of a patient known to be opioid-naive, whose
    infusion is judged by the others; where tolerance is not known, the finding says it assumed
    it.
    """
    if share_high >= rule.bounds[0] - 1e-9 or item.route not in (Route.IV, Route.SC):
        return None
    infusions = [(i, g) for i, g in base if i.is_rate and g.drug == item.drug
                 and i.route is item.route]
    daily = sum(i.daily(g) or 0.0 for i, g in infusions)
    if not infusions or daily <= 0:
        return None
    hours = dose / (daily / 24.0)
    # the sources are kept apart: any share of the hour a source gives (JSPM one hour's amount;
    # Nelson's morphine protocol half of it) that the rescue reaches excuses it, and the finding
    # names the largest one it reaches
    reached = [s for s in k.rotation_rules.all("infusion_rescue_hours", item.drug.name)
               if hours >= s.bounds[0] * (1 - 1e-6)
               and not (s.population == "opioid-tolerant" and tolerant is False)]
    if not reached:
        return None
    source = max(reached, key=lambda s: s.bounds[0])
    assumed = (f" (a source for {source.population} patients; tolerance not given, so assumed)"
               if source.population and tolerant is None else "")
    return Finding(Severity.INFO, "rescue-share", (
        f"{item}: {significant(dose, 4)} mg is {significant(share_high * 100, 3)}% of "
        f"{item.drug.name} {significant(daily, 4)} mg/day, below the usual {_percent(rule)}, "
        f"and {significant(hours, 3)} h of the {item.route.value} infusion: "
        f"{_who(source)}{assumed} gives {_hours_words(source.bounds[0])} of "
        f"a continuous infusion as its rescue: the sources disagree, so it is "
        "information"), f"{source.source} ; also: {rule.source}", item=str(item))


def _who(source: Rule) -> str:
    """``the JP source`` (a market's guideline), or ``a published protocol`` (no market's)."""
    return f"the {source.market.upper()} source" if source.market else "a published protocol"


def _hours_words(hours: float) -> str:
    """``an hour's amount`` or ``0.5 h's amount`` [h]."""
    return "an hour's amount" if math.isclose(hours, 1.0) else f"{hours:g} h's amount"


def _incident_start(k: Knowledge, item: Item, dose: float, share_high: float, rule: Rule,
                    market: str | None) -> Finding | None:
    """A rescue below the usual share that is within a source's fixed starting dose of its drug
    for episodic (incident) pain: information, or None.

    Some drugs are started for incident pain at a fixed dose and titrated by response, not sized
    from the day (``incident_pain_start`` in ``rotation_rules.csv``: NHS Lanarkshire, SC or
    sublingual alfentanil 100-250 micrograms before the painful event); below the share, such a
    dose is the source's own start, not too small a rescue. A dose above the share is judged as
    any rescue is.
    """
    if share_high >= rule.bounds[0] - 1e-9:
        return None
    for start in k.rotation_rules.rows:
        if start.rule != "incident_pain_start" or start.drug != item.drug.name:
            continue
        if market is not None and start.market not in (None, market):
            continue
        low, high = start.bounds
        if dose > high * (1 + 1e-6):
            continue
        source = f"the {start.market.upper()} source" if start.market else "its source"
        return Finding(Severity.INFO, "rescue-share", (
            f"{item}: {significant(dose, 4)} mg is {significant(share_high * 100, 3)}% of the "
            f"day, below the usual {_percent(rule)}, but within the "
            f"{significant(low * 1000, 4)}-{significant(high * 1000, 4)} microgram starting dose "
            f"{source} gives {item.drug.name} for episodic "
            "(incident) pain, titrated by response rather than sized from the day: information"),
            f"{start.source} ; also: {rule.source}", item=str(item))
    return None


def _hourly(k: Knowledge, item: Item, share_low: float, share_high: float,
            rule: Rule) -> str | None:
    """Why a rescue below the usual share is a PCA-style bolus within it, or None.

    A bolus that may be repeated sooner than the hour after which an oral rescue is reassessed
    (``breakthrough_interval_h``: 1 h, NCCN) is sized for its interval: the doses it allows in
    that hour are compared with the usual share (hydromorphone 0.3 mg every 15 minutes beside
    7.2 mg/day: 4% a dose, 17% an hour). Only a share below the usual range is read this way; a
    large single dose is judged as it is.
    """
    if share_high >= rule.bounds[0] - 1e-9:
        return None
    interval = item.schedule.value if item.schedule.kind is ScheduleKind.INTERVAL else None
    reassess = k.rotation_rules.first("breakthrough_interval_h")
    hour = reassess.bounds[0]
    if interval is None or interval <= 0 or interval >= hour - 1e-9:
        return None
    count = math.floor(hour / interval + 1e-9)
    if item.max_doses_per_day is not None:
        count = min(count, int(item.max_doses_per_day))
    low, high = share_low * count, share_high * count
    if not _within(rule, low, high):
        return None
    shown = (f"{significant(low * 100, 3)}%" if math.isclose(low, high)
             else f"{significant(low * 100, 3)}–{significant(high * 100, 3)}%")
    return (f"repeatable every {significant(interval * 60, 3)} min, {count} doses in the "
            f"{hour:g} h after which a rescue is reassessed give {shown}, within the usual "
            f"{_percent(rule)}: a bolus sized for its interval (PCA) [{reassess.source}]")


def _within(rule: Rule, low: float, high: float) -> bool:
    """True where the share (low–high reading) overlaps the rule's usual range."""
    usual_low, usual_high = rule.bounds
    return not (high < usual_low - 1e-9 or low > usual_high + 1e-9)


def _percent(rule: Rule) -> str:
    low, high = rule.bounds
    return f"{significant(low * 100, 3)}–{significant(high * 100, 3)}%"


def _scheduled_ome(table: ConversionTable, base: list[tuple[Item, Ingredient]]
                   ) -> tuple[float, float] | None:
    """The scheduled opioids' OME (low, high) by one table; None where it lacks a factor."""
    low = high = 0.0
    for item, ingredient in base:
        daily = item.daily(ingredient) or 0.0
        factor = table.lookup(ingredient.drug.name, item.route, item.form, daily)
        if factor is None:
            return None
        amount = factor.unit.from_canonical(daily)
        low += amount * factor.bounds[0]
        high += amount * factor.bounds[1]
    return low, high


_PARENTERAL = frozenset({Route.SC, Route.IV, Route.IM})


def _systemic_day(k: Knowledge, rescue: Item, base: list[tuple[Item, Ingredient]]
                  ) -> tuple[float, str, str] | None:
    """The scheduled day of the rescue's own drug that reaches the circulation [mg/day], with
    how it reads and the patch rule's source, where a parenteral rescue meets only patches and
    parenteral doses of its drug; None otherwise.

    A patch's label gives the share of its rate that reaches the systemic circulation
    (``patch_systemic_fraction`` of ``rotation_rules.csv``: a fentanyl patch delivers its rate,
    25 mcg/h about 0.6 mg a day), and a parenteral dose delivers what is given (PDQ: IV and SC
    doses approximately equal). So an SC rescue of the patch's own drug is a share of the day in
    the drug's own amount, through that one ratio (fentanyl SC 100 micrograms beside 25 mcg/h is
    1/6 of the 600 micrograms delivered a day), not through two factors of a conversion table
    read at opposite ends (jspm2010 gives SC fentanyl 100-150 mg OME per mg and the patch 100,
    which made it up to 25%). A regimen without a patch, or with another drug or a route other
    than a patch or a parenteral one beside it, is not read here.
    """
    if rescue.route not in _PARENTERAL:
        return None
    total, parts, sources = 0.0, [], []
    for item, ingredient in base:
        if ingredient.drug != rescue.drug:
            return None
        daily = item.daily(ingredient) or 0.0
        if item.route is Route.TRANSDERMAL:
            rule = k.rotation_rules.get("patch_systemic_fraction", ingredient.drug.name)
            if rule is None or rule.value is None or rule.drug != ingredient.drug.name:
                return None
            total += daily * rule.value
            sources.append(rule.source)
            parts.append(f"{item} ≈ {significant(daily * rule.value, 4)} mg/day delivered to the "
                         "circulation, as the patch label states: rotation_rules.csv "
                         "patch_systemic_fraction")
        elif item.route in _PARENTERAL:
            total += daily
            parts.append(f"{item} {significant(daily, 4)} mg/day")
        else:
            return None
    if not sources or total <= 0:
        return None
    return total, (f"the {rescue.drug.name} the scheduled regimen delivers, "
                   f"{significant(total, 4)} mg/day ({'; '.join(parts)}), in its own amount"), \
        " ; also: ".join(dict.fromkeys(sources))


def _shares(k: Knowledge, rescue: Item, dose: float, base: list[tuple[Item, Ingredient]],
            table: str | None, sums: dict[object, Any]
            ) -> tuple[tuple[float, float], str, str | None] | None:
    """The rescue's share of the scheduled daily dose (low, high reading), how it was read, and
    the conversion table read (None where no table is: the same drug and route in mg, or a
    patch's own drug through its label).

    ``sums`` keeps, for one regimen, what is added up over its scheduled opioids (the same for
    every rescue item): a regimen's check stays linear in its number of items."""
    key = ("same", rescue.drug, rescue.route)
    if key not in sums:
        same = [(i, g) for i, g in base if g.drug == rescue.drug and i.route is rescue.route]
        sums[key] = (len(same), sum(i.daily(g) or 0.0 for i, g in same))
    count, daily = sums[key]
    if count == len(base):
        if daily <= 0:
            return None
        share = dose / daily
        return (share, share), f"{rescue.drug.name} {significant(daily, 4)} mg/day", None
    if ("systemic", rescue.drug, rescue.route) not in sums:
        sums[("systemic", rescue.drug, rescue.route)] = _systemic_day(k, rescue, base)
    systemic = sums[("systemic", rescue.drug, rescue.route)]
    if systemic is not None:
        daily, how, _ = systemic
        share = dose / daily
        return (share, share), how, None
    return next(_table_readings(k, rescue, dose, base, table, sums), None)


def _other_readings(k: Knowledge, rescue: Item, dose: float,
                    base: list[tuple[Item, Ingredient]], read: str, sums: dict[object, Any]
                    ) -> Iterator[tuple[tuple[float, float], str, str | None]]:
    """The rescue's share as each other conversion table of the kind ``read`` is (rotation, or
    surveillance where no rotation table has every factor) reads it: the numerator and the
    denominator each in one table, never one table's rescue against another's day."""
    for reading in _table_readings(k, rescue, dose, base, None, sums):
        if reading[2] != read:
            yield reading


def _table_readings(k: Knowledge, rescue: Item, dose: float,
                    base: list[tuple[Item, Ingredient]], table: str | None,
                    sums: dict[object, Any]
                    ) -> Iterator[tuple[tuple[float, float], str, str | None]]:
    """The rescue's share as each conversion table with every factor reads it, in order: ``table``
    first, then the rotation tables; the surveillance (MME) tables only where no rotation table
    has every factor, saying so, and never for methadone, whose MME factors convert a steady day,
    not a rescue's share of it."""
    rotation = list(dict.fromkeys([*([table] if table else []),
                                   *(t.id for t in k.conversion_tables.values()
                                     if isinstance(t, RotationTable))]))
    methadone = any(g.drug.name == "methadone" for _, g in base) or rescue.drug.name == "methadone"
    surveillance = [] if methadone else [
        t.id for t in k.conversion_tables.values()
        if not isinstance(t, RotationTable) and t.id not in rotation]
    any_rotation = False
    for table_id in [*rotation, *surveillance]:
        if any_rotation and table_id not in rotation:
            return
        chosen = k.conversion_table(table_id)
        rescue_factor = chosen.lookup(rescue.drug.name, rescue.route, rescue.form, None)
        if rescue_factor is None:
            continue
        if ("ome", table_id) not in sums:
            sums[("ome", table_id)] = _scheduled_ome(chosen, base)
        total = sums[("ome", table_id)]
        if total is None:
            continue
        low, high = total
        if low <= 0:
            return
        any_rotation = any_rotation or table_id in rotation
        amount = rescue_factor.unit.from_canonical(dose)
        rescue_low, rescue_high = amount * rescue_factor.bounds[0], amount * rescue_factor.bounds[1]
        shares = (rescue_low / low, rescue_high / high)
        yield ((min(shares), max(shares)),
               f"the scheduled opioids' {significant(low, 4)}"
               + ("" if math.isclose(low, high) else f"–{significant(high, 4)}")
               + f" mg/day oral morphine equivalent (rescue ≈ {significant(rescue_low, 4)}"
               + ("" if math.isclose(rescue_low, rescue_high)
                  else f"–{significant(rescue_high, 4)}")
               + f" mg OME; {table_id}"
               + (", a surveillance (MME) table, read because no rotation table has every "
                  "factor" if table_id not in rotation else "") + ")",
               table_id)


def _tables_disagree(item: Item, dose: float, shares: tuple[float, float], how: str,
                     rule: Rule, top: Rule, disagreeing: tuple[float, str, str | None, str | None],
                     judged: list[Finding]) -> list[Finding]:
    """The findings of a rescue judged by another conversion table's reading because the first
    table's put its share above every source's top, each naming both readings; information where
    the other reading gives no finding (the share within the usual one there).

    A share is read within one table (numerator and denominator by the same factors). Where one
    rotation table puts a rescue above what any source calls a rescue at its largest reading and
    another puts it within a source's share (oxycodone 10 mg beside a 25 mcg/h patch: up to 33%
    by SPCG's 2.4-5 mg OME per mcg/h and 2:1 oxycodone, 25% by JSPM 2010's 2.4 and 1.5:1), the
    tables disagree, as the markets' sources do: the other table judges it, and the first
    table's reading is named. A share above the top in every table stays a warning."""
    first_share, first_how, first_id, other_id = disagreeing
    said = (f"; by {first_id} it is up to {significant(first_share * 100, 3)}% of {first_how} "
            f"at the reading of the factors that makes it largest, above the "
            f"{significant(top.bounds[1] * 100, 3)}% top of every source's usual share, and by "
            f"{other_id} not above it: the conversion tables disagree")
    if judged:
        return [attrs.evolve(f, message=f.message + said,
                             source=" ; also: ".join(dict.fromkeys([f.source, top.source])))
                for f in judged]
    share_low, share_high = shares
    shown = (f"{significant(share_low * 100, 3)}%" if abs(share_high - share_low) < 1e-9
             else f"{significant(share_low * 100, 3)}–{significant(share_high * 100, 3)}%")
    return [Finding(Severity.INFO, "rescue-share", (
        f"{item}: {significant(dose, 4)} mg is {shown} of {how}, within the usual "
        f"{_percent(rule)}{said}, so it is information"),
        " ; also: ".join(dict.fromkeys([rule.source, top.source])), item=str(item))]
