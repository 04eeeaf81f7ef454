"""Opioid dose ranges: every opioid, route and patient judged per dose and per day.

Each opioid item is judged against ``data/opioid_dose_ranges.csv``, four checks:

- ``plausible``: far above any plausible dose (a ten-fold slip, mcg read as mg): an **error** that
  asks to confirm the unit;
- ``usual``: above the usual range but plausible in palliative care: a **warning**;
- ``naive-start``: above the labelled or guideline start, in an opioid-naive patient: a warning;
- ``tolerant-only``: a dose the labels reserve for opioid-tolerant patients, in an opioid-naive
  patient: an **error**.

A drug's own rows (its label) judge the items they apply to; the rows without a drug judge every
other opioid and route in oral morphine equivalents (OME), each by **its route's own factor**
(:func:`factor_readings`): the most generous reading of the rotation tables for the usual and
plausible checks, the most cautious for the naive ones. Where no shipped table has a factor for a
drug and route and no label row applies, the item is reported once as not judged (info) — never a
silent pass.

A row for one release judges the doses of that release only: the starts of every opioid are
immediate-release starts (eTG's 2-5 mg of morphine a dose, WMPCP's 2.5-10 mg four-hourly), which
judge an oral dose whose release is not written and an injection, never a 12-hourly tablet or a
patch. With ``--market``, an item the chosen market's starts cannot judge (a patch, a
modified-release form it has no start for) is judged by the other markets' starts for its drug,
route and release, and the finding says so; where no market has one, one info says the start was
not checked.

An as-needed IV dose whose interval is a PCA lockout (``pca-demand-dose`` in
``safety_rules.csv``: 20 minutes at most) is a PCA demand dose (:func:`_pca_demands`): it is judged
per dose against the published demand dose for an opioid-naive adult (the ``pca-demand`` rows;
the ``pca-demand-per-kg`` rows per kg, at the patient's weight), and its day is not counted as if
every lockout were used.

Sources disagree (a UK start is a third of the US label's): every applicable row is read; a dose
above one row but within another applicable row of the same check steps down one severity and
names both. Three patient states: opioid-naive, opioid-tolerant, and not known — judged as
tolerant, and what the naive checks would have said is reported once as information. A patient
recorded as not tolerant whose previous regimen schedules an opioid is not opioid-naive: the
naive starts do not judge him, the tolerant-only doses do while his previous day is below the
labels' definition of tolerance. Every finding says which state it assumed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from mpsdose.clinical.dosing import (
    DEFAULT_ROTATION_TABLE,
    ImplausibleDoseError,
    scheduled_ome,
    scheduled_opioid_days,
    switch_tables,
)
from mpsdose.clinical.market import (
    already_held,
    naive_start_allowed,
    naive_start_label,
    scheduled_opioids,
)
from mpsdose.clinical.renal import dose_within
from mpsdose.clinical.use_disorder import use_disorder_reason
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.knowledge.conversion import ConversionTable, Factor, RotationTable
from mpsdose.knowledge.practice import UsualSchedule
from mpsdose.model.drugs import Drug, normal_name
from mpsdose.model.errors import DoseError
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.numbers import significant
from mpsdose.model.regimen import Ingredient, Item, Patient, ScheduleKind
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import Route

if TYPE_CHECKING:  # the ranges' record type loads with the ranges, on first use
    from mpsdose.knowledge.limits import DoseLimit, HepaticDose, OpioidRange, SafetyRule
    from mpsdose.knowledge.market import MarketRule

__all__ = [
    "CHECK_CODES",
    "FactorReading",
    "PreviousOpioids",
    "borrowed_titration_markets",
    "factor_readings",
    "implausible_doses",
    "label_maxima",
    "label_step_up_start",
    "label_titration_step",
    "labelled_wear",
    "low_end_reason",
    "naive_start_rows",
    "opioid_range_findings",
    "previous_opioids",
    "refuse_implausible",
    "step_up_starts",
    "tolerance_assumption",
    "written_brands",
]

#: The finding code of each check of ``opioid_dose_ranges.csv``.
CHECK_CODES = {
    "plausible": "opioid-implausible-dose",
    "usual": "opioid-above-usual",
    "naive-start": "opioid-naive-start",
    "tolerant-only": "opioid-tolerant-only",
}
#: The shortest interval a single dose is judged at against a per-day ceiling [h]: four-hourly, the
#: shortest regular schedule of immediate-release oral morphine (West Midlands guide, in
#: ``opioid_dose_ranges.csv``).
SHORTEST_INTERVAL_H = 4.0
_TOLERANCE = 1e-9
#: The market of the usual OME day's source (the West Midlands palliative guide, UK: the generic
#: ``usual`` row of ``opioid_dose_ranges.csv``); another market's finding says it is borrowed.
_USUAL_DAY_MARKET = "uk"
_PARENTERAL = frozenset({Route.IV, Route.SC, Route.IM})


# -- factors: the route's own ---------------------------------------------------------------------
@attrs.frozen(repr=False, eq=False)
class FactorReading(Value):
    """The oral morphine factors of one drug and route across the shipped tables.

    ``low`` is the generous reading: the lower factor of the first table that has one (the
    user's table, else the default rotation table, then the other rotation tables in file order);
    ``high`` the most cautious: the largest factor of any table. Each names its table. The
    surveillance (MME) tables are read only where no rotation table has the drug and route.
    """

    drug: str
    route: Route
    low: float
    high: float
    low_from: Factor
    high_from: Factor
    tables: tuple[str, ...]

    def amount(self, mg: float) -> float:
        """An amount [mg, or mg/day] in the factors' unit (mcg for a mcg-dosed drug)."""
        return self.low_from.unit.from_canonical(mg)

    def describe(self, end: str) -> str:
        """``"2 mg OME per mg (spcg)"`` for the low or high end."""
        factor = self.low_from if end == "low" else self.high_from
        value = self.low if end == "low" else self.high
        per = factor.unit.symbol.split("/")[0]
        unit = f"mg OME/day per {factor.unit}" if factor.unit.per_hour else f"mg OME per {per}"
        return f"{significant(value, 4)} {unit} ({factor.table})"


def factor_readings(drug: Drug | str, route: Route, form: str | None = None,
                    daily: float | None = None, *, table: str | ConversionTable | None = None,
                    knowledge: Knowledge | None = None) -> FactorReading | None:
    """The oral morphine factors of a drug and route across the tables, or None (no table has one).

    Parameters
    ----------
    drug, route, form
        What is given.
    daily
        The daily amount [mg/day], for tables tiered by dose (methadone).
    table
        A table to read first (the user's choice); the rotation tables follow, then, only where no
        rotation table has the drug and route, the surveillance tables.
    """
    k = resolve(knowledge)
    name = drug if isinstance(drug, str) else drug.name
    chosen = None if table is None else k.conversion_table(table)
    rotation = sorted((t for t in k.rotation_tables if chosen is None or t.id != chosen.id),
                      key=lambda t: t.id != DEFAULT_ROTATION_TABLE)
    ordered = ([chosen] if chosen is not None else []) + rotation
    found = [(t, f) for t in ordered if (f := t.lookup(name, route, form, daily)) is not None]
    if not found or not any(isinstance(t, RotationTable) for t, _ in found):
        others = [t for t in k.conversion_tables.values()
                  if not isinstance(t, RotationTable) and (chosen is None or t.id != chosen.id)]
        found += [(t, f) for t in others if (f := t.lookup(name, route, form, daily)) is not None]
    if not found:
        return None
    unit = found[0][1].unit
    found = [(t, f) for t, f in found if f.unit == unit]  # one unit of amount for the reading
    low = found[0][1]
    _, high = max(found, key=lambda pair: pair[1].bounds[1])
    return FactorReading(name, route, low.bounds[0], high.bounds[1], low, high,
                         tuple(t.id for t, _ in found))


# -- the items ------------------------------------------------------------------------------------
@attrs.frozen(repr=False, eq=False)
class _Entry(Value):
    """One opioid ingredient of one item, with its amounts and OME readings."""

    item: Item
    ingredient: Ingredient
    per_dose: float | None  #: [mg] a single dose (None for a rate)
    daily: float | None  #: [mg/day] scheduled, or a PRN item at its maximum
    interval_h: float | None
    release: str | None
    reading: FactorReading | None
    borrowed: Route | None = None  #: the parenteral route whose factor stands in (no table has it)
    tiered: bool = False  #: a table's factor for the drug depends on the daily dose
    floor: Factor | None = None  #: the drug's smallest factor of any route (plausibility only)
    #: (shortest, longest) interval [h] of the product the item names, where it writes none
    wear: tuple[float, float] | None = None
    wear_by: str | None = None  #: the brand name that fixed ``wear``
    #: a step-2 (weak) opioid of the analgesic ladder (``who_step`` 2 in ``drug_properties.csv``)
    weak: bool = False

    @property
    def drug(self) -> str:
        return self.ingredient.drug.name

    @property
    def scheduled(self) -> bool:
        return not self.item.prn

    def ome(self, mg: float | None, end: str) -> float | None:
        """An amount [mg or mg/day] in mg OME at the low or high reading; None without one."""
        if mg is None or self.reading is None:
            return None
        return self.reading.amount(mg) * (self.reading.low if end == "low" else self.reading.high)


def _interval(item: Item) -> float | None:
    return item.schedule.interval_h


def written_brands(k: Knowledge, item: Item, drug: str) -> frozenset[str]:
    """The brand names of ``drug`` (``drug_names.csv`` kind brand, brand-jp) that the item's
    text is written with, lower case: the product the item names; empty where it names none
    (written with the drug's own name, or built without text)."""
    text = normal_name(item.text or "")
    if not text:
        return frozenset()
    books = k.catalogue
    return frozenset(
        name for name in books.brands
        if books.names.get(name) == drug
        and re.search(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])", text))


def _product_wear(k: Knowledge, item: Item, drug: str
                  ) -> tuple[tuple[float, float], str] | None:
    """The interval range [h] of the product an item names by its brand, where the item writes
    no interval or one shorter than the product's labelled wear, with the brand; None where it
    writes its label's interval (or a longer one), names no brand, or no ``schedules.csv`` row
    of the drug and route names the brand in ``products``.

    A brand names one product and its label fixes the interval: Butrans and Norspan are 7-day
    patches, Transtec a 96-hour one (``schedules.csv``). ``butrans 15 mcg/h td`` is a 7-day
    patch, so the rows of a 96-hour patch say nothing of it — two products, not two sources
    (issue 13, round 73 RC10). Several rows naming the brand give the widest range. A 7-day
    patch written to be changed daily (``butrans 10 mcg/h td q24h``) is still that product: its
    rate is judged by the 7-day rows (its start, its maximum), and the early change by
    ``patch-changed-early`` (issue 13, round 163 HW10).
    """
    named = written_brands(k, item, drug)
    if not named:
        return None
    found = [(s.interval_range, sorted(s.products & named)[0]) for s in k.schedules
             if s.drug == drug and s.route is item.route and s.products & named
             and s.interval_range is not None]
    if not found:
        return None
    low = min(r[0] for r, _ in found if r is not None)
    high = max(r[1] for r, _ in found if r is not None)
    written = item.schedule.interval_h
    if written is not None and written >= low * (1 - 1e-6):
        return None
    return (low, high), found[0][1]


def labelled_wear(k: Knowledge, item: Item, market: str | None = None
                  ) -> tuple[float, UsualSchedule, str | None] | None:
    """The shortest labelled wear time [h] of the transdermal patch an item is, the
    ``schedules.csv`` row that gives it and the brand that chose it (None: no brand named);
    None for another route or where no row has a wear time.

    A named brand is its own product (``products`` of the rows: Butrans 168 h, Transtec 84-96
    h, Duragesic 72 h, Fentos 24 h). A drug named by no brand may be any patch of the drug
    marketed in the chosen market (a row's ``market``; every row where none is chosen): the
    shortest wear time among them, so a daily change is judged only where no one-day patch of
    the drug is marketed (fentanyl: the Japanese Fentos).
    """
    if item.route is not Route.TRANSDERMAL or not item.listed:
        return None
    drug = item.drug.name
    rows = [s for s in k.schedules if s.drug == drug and s.route is Route.TRANSDERMAL
            and s.interval_h is not None]
    named = written_brands(k, item, drug)
    own = [s for s in rows if s.products & named]
    if own:
        row = min(own, key=lambda s: s.interval_h or 0.0)
        return row.interval_h or 0.0, row, sorted(row.products & named)[0]
    marketed = [s for s in rows if market is None or s.market in (None, market)]
    if not marketed:
        return None
    row = min(marketed, key=lambda s: s.interval_h or 0.0)
    return row.interval_h or 0.0, row, None


def label_titration_step(before: Item, after: Item, market: str | None = None, *,
                         knowledge: Knowledge | None = None) -> OpioidRange | None:
    """The label's own titration increment that a rise of one opioid product stays within, or
    None.

    The percentage step of palliative titration (30-50%, ``opioid-titration-step``) is written
    for morphine-like doses; a product label that titrates in fixed increments (Belbuca: 150
    micrograms every 12 hours, no more often than every 4 days) makes its first steps larger in
    percent (150 to 300 micrograms is +100%). A ``titration-step`` row of
    ``opioid_dose_ranges.csv`` for the drug, route and release (and market, where one is chosen)
    is met when both items are that product, scheduled at the same interval, and the dose rises
    by no more than the row's ``per_dose`` (and the day by no more than its ``per_day``). Where
    the previous dose ran at another interval and the new one at the row's own (Belbuca's start
    "75 mcg film once daily or, if tolerated, every 12 hours ... then increase dose to 150 mcg
    every 12 hours"), the previous day is spread over the row's interval and the new dose may
    rise above that by no more than ``per_dose``: the day rises by at most one increment a dose
    at the label's interval (75 mcg daily to 150 mcg every 12 hours is within; to 300 mcg every
    12 hours is not). A row with no interval does not judge a change of interval. A
    patch has no dose but a rate: its row gives the step as ``per_day`` in mcg/h (Butrans: up
    to 10 mcg/h a step).

    Where the chosen market has no row for the product (the same drug, route, release and
    interval), the other markets' rows for it are borrowed, as a borrowed usual dose or maximum
    judges what the market's sources are silent on: the rise must be within every one of them,
    and the row with the smallest increment is returned (its ``market`` is then another one;
    :func:`borrowed_titration_markets` names them). A market with a row of its own is judged by
    its own rows only. A patch whose wear interval is not written is read against the rows of
    every wear of its drug at once: the rise must be within each of them.
    """
    k = resolve(knowledge)
    if before.prn or after.prn or not (before.listed and after.listed):
        return None
    if before.drug.name != after.drug.name or before.route is not after.route:
        return None
    release = {(i.release or ("ir" if i.route is Route.ORAL else None)) for i in (before, after)}
    if len(release) != 1:
        return None
    # the new dose's interval picks the label's rows; a previous dose at another interval (the
    # Belbuca start "75 mcg once daily or, if tolerated, every 12 hours", then 150 mcg every 12
    # hours) is compared by its day: see ``within``
    interval, old_interval = _interval(after), _interval(before)
    respaced = (old_interval is not None and interval is not None
                and abs(old_interval - interval) > 1e-6)
    if old_interval != interval and not respaced:
        return None
    # a patch whose wear is not written ("norspan 10 mcg/h td") is read against the rows of every
    # wear of its drug at once, the most cautious reading; any other dose needs its interval
    unworn = interval is None
    if unworn and after.route is not Route.TRANSDERMAL:
        return None
    old, new = before.per_dose(), after.per_dose()  # None for a patch: a rate, judged a day
    old_day, new_day = before.daily(), after.daily()
    if old_day is None or new_day is None or new_day <= old_day:
        return None
    if respaced and (old is None or new is None or after.route is Route.TRANSDERMAL):
        return None
    if not respaced and old is not None and new is not None and new <= old:
        return None
    product = [row for row in k.opioid_ranges
               if row.check == "titration-step" and row.drug == after.drug.name
               and (row.routes is None or after.route in row.routes)
               and (row.release is None or row.release in release)
               and (row.interval_h is None or interval is None
                    or abs(row.interval_h - interval) <= 1e-6)]
    if respaced:
        # a change of interval is judged only against a label that names its interval
        product = [row for row in product if row.interval_h is not None]

    def within(row: OpioidRange) -> bool:
        if respaced:
            # the previous day spread over the label's interval: the rise of a dose at that
            # interval, i.e. the day's rise within one increment a dose (Belbuca: 75 mcg daily
            # to 150 mcg every 12 hours is 75 to 300 mcg/day, within 150 mcg x 2 a day)
            assert row.interval_h is not None and new is not None
            if row.per_dose is None or new - old_day * row.interval_h / 24 > \
                    row.per_dose * (1 + 1e-6):
                return False
            return row.per_day is None or new_day - old_day <= row.per_day * (1 + 1e-6)
        if row.per_dose is not None and (old is None or new is None
                                         or new - old > row.per_dose * (1 + 1e-6)):
            return False
        return row.per_day is None or new_day - old_day <= row.per_day * (1 + 1e-6)

    def smallest(rows: list[OpioidRange]) -> OpioidRange:
        return min(rows, key=lambda row: (row.per_dose or 0.0, row.per_day or 0.0))

    own = [row for row in product if market is None or row.market in (None, market)]
    if (own or market is None) and not unworn:
        return next((row for row in own if within(row)), None)
    if own and unworn:
        return smallest(own) if all(within(row) for row in own) else None
    # no label of the chosen market's own: the same product's labels elsewhere (same drug, route,
    # release and interval) stand in, as another market's usual dose or maximum judges what the
    # chosen market's sources are silent on; a borrowed allowance holds only where every one of
    # them allows the rise (the smallest increment is named), so it cannot hide a larger jump
    if not product or not all(within(row) for row in product):
        return None
    return smallest(product)


def borrowed_titration_markets(row: OpioidRange, market: str | None, *,
                               knowledge: Knowledge | None = None) -> list[str]:
    """The other markets whose ``titration-step`` rows for the product of ``row`` (its drug,
    route, release and interval) stand in for the chosen market's, sorted; empty where ``row``
    is the chosen market's own (or of no market)."""
    if market is None or row.market in (None, market):
        return []
    k = resolve(knowledge)
    return sorted({r.market for r in k.opioid_ranges
                   if r.check == "titration-step" and r.drug == row.drug and r.routes == row.routes
                   and r.release == row.release and r.interval_h == row.interval_h
                   and r.market is not None and r.market != market})


def label_step_up_start(item: Item, market: str, *,
                        knowledge: Knowledge | None = None) -> list[OpioidRange]:
    """The product labels' (or palliative guidelines') starts for pain uncontrolled by weaker
    opioids that a scheduled strong-opioid item is within, or an empty list.

    Some labels start a strong opioid at one dose both for an opioid-naive patient and for one
    whose pain a weaker (WHO step-2) opioid no longer controls (the UK SmPCs of oxycodone
    prolonged-release tablets: 'opioid naive patients or patients presenting with severe pain
    uncontrolled by weaker opioids ... 10 mg, 12-hourly'). A ``step-up-start`` row of
    ``opioid_dose_ranges.csv`` holds that label start for a drug, route and release; a
    ``step-up-guideline`` row a palliative guideline's (Leeds PILLS: MST 15-20 mg 12-hourly
    after codeine 240 mg/day). The drug's own label outranks a generic guideline: where the
    chosen market has label rows for the product (else the other markets' label rows, borrowed,
    as a borrowed titration step is: :func:`label_titration_step`), the item must be within every
    one of them, and a stricter guideline is named, not applied
    (:func:`step_up_guidelines_above`); where no market has a label row, the item must be within
    every guideline row of the market (else the other markets'). The rows returned are those it
    is within (their ``market`` says whether they were borrowed); empty where there is none or
    the item is above one, is taken as needed, or has no dose.

    Parameters
    ----------
    item
        A scheduled opioid item (its first opioid ingredient is read).
    market
        The chosen market.
    knowledge
        Where the rows come from (default: the shipped data).
    """
    rows = _step_up_rows(item, market, resolve(knowledge))
    if rows is None:
        return []
    labels, guides = rows
    judged = labels or guides
    return judged if judged and all(_within_step_up(item, row) for row in judged) else []


def step_up_guidelines_above(item: Item, market: str, *,
                             knowledge: Knowledge | None = None) -> list[OpioidRange]:
    """The palliative guidelines' step-up starts (``step-up-guideline`` rows of the market,
    else of the other markets) that a scheduled strong-opioid item is above while its product's
    label start judges it: named beside the label, not applied (the label outranks them)."""
    rows = _step_up_rows(item, market, resolve(knowledge))
    if rows is None or not rows[0]:
        return []
    return [row for row in rows[1] if not _within_step_up(item, row)]


def _step_up_rows(item: Item, market: str,
                  k: Knowledge) -> tuple[list[OpioidRange], list[OpioidRange]] | None:
    """(label rows, guideline rows) of the step up that judge ``item``: the market's own, else
    the other markets'; None for an as-needed, unlisted or non-opioid item or one with no dose."""
    if item.prn or not item.listed or not item.drug.is_opioid:
        return None
    if item.per_dose() is None or item.daily() is None:
        return None
    release = item.release or ("ir" if item.route is Route.ORAL else None)
    return step_up_starts(item.drug.name, item.route, release, _interval(item), market,
                          knowledge=k)


def step_up_starts(drug: str, route: Route, release: str | None, interval_h: float | None,
                   market: str, *, knowledge: Knowledge | None = None
                   ) -> tuple[list[OpioidRange], list[OpioidRange]]:
    """(label rows, guideline rows) of the start of a strong opioid for pain that weaker (WHO
    step-2) opioids no longer control: the ``step-up-start`` and ``step-up-guideline`` rows of
    ``opioid_dose_ranges.csv`` for the drug, route, release and dosing interval [h], the chosen
    market's own, else the other markets' (their ``market`` says they were borrowed).

    The one reading of these rows: ``check`` judges a step up by them
    (:func:`label_step_up_start`) and ``convert`` plans a step up from them.
    """
    k = resolve(knowledge)
    product = [row for row in k.opioid_ranges
               if row.check in ("step-up-start", "step-up-guideline")
               and row.drug == drug
               and (row.routes is None or route in row.routes)
               and row.release in (None, release)
               and (row.interval_h is None or (interval_h is not None
                                               and abs(row.interval_h - interval_h) <= 1e-6))]

    def of_market(check: str) -> list[OpioidRange]:
        rows = [row for row in product if row.check == check]
        own = [row for row in rows if row.market in (None, market)]
        return own or [row for row in rows if row.market != market]

    return of_market("step-up-start"), of_market("step-up-guideline")


def _within_step_up(item: Item, row: OpioidRange) -> bool:
    dose, day = item.per_dose(), item.daily()
    return ((row.per_dose is None or (dose is not None and dose <= row.per_dose * (1 + 1e-6)))
            and (row.per_day is None or (day is not None and day <= row.per_day * (1 + 1e-6))))


def _entries(k: Knowledge, items: Iterable[Item], table: str | None) -> list[_Entry]:
    entries = []
    for item in items:
        if not item.listed:
            continue
        for ingredient in item.ingredients:
            if not ingredient.drug.is_opioid or ingredient.dose is None:
                continue
            daily = item.daily(ingredient)
            chosen = _rotation_only(k, table)
            reading = factor_readings(ingredient.drug, item.route, item.form, daily,
                                      table=chosen, knowledge=k)
            borrowed = None
            if reading is None and item.route in _PARENTERAL:
                # IV, SC and IM of one drug: where no table has this route, a sister route's
                # factor stands in (and the finding says so) rather than no judgement at all
                for other in sorted(_PARENTERAL - {item.route}, key=lambda r: r.value):
                    reading = factor_readings(ingredient.drug, other, item.form, daily,
                                              table=chosen, knowledge=k)
                    if reading is not None:
                        borrowed = other
                        break
            release = item.release or ("ir" if item.route is Route.ORAL else None)
            wear = _product_wear(k, item, ingredient.drug.name)
            step = k.drug_properties.get(ingredient.drug.name, "who_step")
            # a patch changed before its label's wear time is read as its product (see
            # _product_wear): the early change is patch-changed-early's finding
            interval = None if wear is not None else _interval(item)
            entries.append(_Entry(item, ingredient, item.per_dose(ingredient), daily,
                                  interval, release, reading, borrowed,
                                  _tiered(k, ingredient.drug.name),
                                  wear=None if wear is None else wear[0],
                                  wear_by=None if wear is None else wear[1],
                                  weak=step is not None and step[0] == "2"))
    return entries


def _floor(k: Knowledge, entry: _Entry) -> _Entry | None:
    """The entry read at its drug's smallest factor of any route and table, for the
    plausibility ceiling only, or None (no factor of the drug by weight in any table).

    A route no table has (fentanyl or hydromorphone epidural, morphine intrathecal) gets no
    reading, so its usual and starting doses are not judged; but no route of a drug delivers
    less than its least effective one in the tables (oral, or buccal for fentanyl), so the
    drug's smallest factor is a floor of the dose's OME: a dose above the plausibility ceiling
    even there is a unit slip (fentanyl 100 mg/day epidural for 100 mcg/day), whatever the
    route's own factor. Patch factors (per mcg/h) are left out: they convert a rate.
    """
    best: tuple[float, Factor] | None = None
    for table in k.conversion_tables.values():
        for factor in table.rows(entry.drug):
            if factor.unit.per_hour:
                continue
            per_mg = factor.unit.from_canonical(1.0) * factor.bounds[0]
            if per_mg > 0 and (best is None or per_mg < best[0]):
                best = (per_mg, factor)
    if best is None:
        return None
    factor = best[1]
    value = factor.bounds[0]
    reading = FactorReading(entry.drug, entry.item.route, value, value, factor, factor,
                            (factor.table,))
    return attrs.evolve(entry, reading=reading, floor=factor)


def _tiered(k: Knowledge, drug: str) -> bool:
    """True where a table's factor for the drug depends on the daily dose (methadone): such a
    factor converts a day's amount, not one dose."""
    return any(f.band_min is not None or f.band_max is not None
               for table in k.conversion_tables.values() for f in table.rows(drug))


def _rotation_only(k: Knowledge, table: str | None) -> str | None:
    """The user's table where it is a rotation table (an MME table is for totals, not doses)."""
    if table is None:
        return None
    chosen = k.conversion_tables.get(table)
    return table if isinstance(chosen, RotationTable) else None


# -- rows -----------------------------------------------------------------------------------------
def _applies(row: OpioidRange, entry: _Entry, market: str | None) -> bool:
    """Whether a row judges an entry: its drug, route, release, interval and market. A row of
    every opioid whose source speaks of strong opioids alone (``opioids`` strong: eTG's start of
    morphine and oxycodone) does not judge a step-2 opioid given at its own dose (codeine 60 mg
    of Panadeine Forte read as 9 mg OME against 5 mg OME of morphine, issue 13 round 79 XE36):
    the drug's own rows and the other markets' starts judge it (:func:`_rows_for`)."""
    item = entry.item
    if row.drug is not None and row.drug != entry.drug:
        return False
    if row.strong_only and entry.weak:
        return False
    if row.routes is not None and item.route not in row.routes:
        return False
    if not _release_applies(row, entry):
        return False
    if (row.interval_h is not None and entry.interval_h is not None
            and abs(row.interval_h - entry.interval_h) > 1e-6):
        return False
    if (row.interval_h is not None and entry.interval_h is None and entry.wear is not None
            and not entry.wear[0] - 1e-6 <= row.interval_h <= entry.wear[1] + 1e-6):
        return False  # a row of another product's interval (a 96-hour patch for Butrans)
    if row.rate and not item.is_rate:
        return False
    return market is None or row.market in (None, market)


def _release_applies(row: OpioidRange, entry: _Entry) -> bool:
    """Whether a row's release is the entry's.

    A row of no release applies to every release. A row for one release judges the doses of
    that release (``"ir"``: an oral dose whose release is not written is read as immediate
    release, as the limits read it); an immediate-release row also judges a dose by a route
    that has no release (an SC or IV injection, a buccal tablet: single doses given as they
    come), but never a patch: an immediate-release start (eTG's 2-5 mg of morphine a dose,
    WMPCP's 2.5-10 mg four-hourly) says nothing of a 7-day patch or a 12-hourly tablet.
    """
    if row.release is None or row.release == entry.release:
        return True
    return (row.release == "ir" and entry.release is None
            and entry.item.route is not Route.TRANSDERMAL)


def _rows_for(k: Knowledge, check: str, entry: _Entry, market: str | None, *,
              day_counts: bool = True) -> list[OpioidRange]:
    """The rows of a check that apply to an entry: its drug's own and those of every opioid.

    :func:`_measure` lets a drug's own rows replace the rows of every opioid, per dose and per
    day: where the label gives a number, the label judges. For the naive start by a parenteral
    route, a market's own morphine rows for that route (the UK's SC morphine starts) judge the
    other opioids by the route in place of its rows of every opioid (:func:`_route_starts`).

    For the naive start in a chosen market whose rows cannot judge the entry (none applies to
    its drug, route and release, or none measures what it gives: the Australian start of every
    opioid is an immediate-release dose, which a patch and a 12-hourly tablet are not), the
    other markets' starts for it apply, as another market's maximum judges what the chosen
    market's sources are silent on (:func:`_borrowed_from` names them) — unless the market's own
    label rule judges the start (``market_rules.csv``: ナルサス, メサペイン). ``day_counts``:
    whether the entry's day is judged (scheduled, or as needed with nothing scheduled).
    """
    rows = _market_rows(k, check, entry, market)
    if (check == "naive-start" and market is not None
            and not _judges(rows, entry, day_counts)
            and naive_start_label(entry.item, market, k) is None):
        rows = [r for r in _market_rows(k, check, entry, None) if r.market != market]
    elif check == "usual" and market is not None and _usual_unjudged(rows, entry):
        rows = [r if r.market is None or r.severity is not Severity.ERROR
                else attrs.evolve(r, severity=Severity.WARNING)
                for r in _market_rows(k, check, entry, None) if r.market != market]
    return rows


def _usual_unjudged(rows: Sequence[OpioidRange], entry: _Entry) -> bool:
    """Whether the chosen market's usual rows leave an entry unjudged: no table has a factor for
    its drug and route (so the rows of every opioid, in OME, cannot read it) and no row of the
    drug's own in that market measures it.

    Then the other markets' labelled usual doses of the drug and route judge it, as another
    market's maximum judges what the chosen market's sources are silent on (the limit checks'
    ``DoseLimit.demoted``): an IM buprenorphine dose in Australia, where no table has IM
    buprenorphine and no Australian label row is shipped, is read against the UK, US and
    Japanese injection labels. A borrowed error row is applied as a warning, and the finding
    names the markets (:func:`_borrowed_from`).
    """
    return entry.reading is None and not any(not r.generic and _measures(r, entry)
                                             for r in rows)


def _market_rows(k: Knowledge, check: str, entry: _Entry,
                 market: str | None) -> list[OpioidRange]:
    """The rows of a check that apply to an entry in one market (None: every market)."""
    rows = [r for r in k.opioid_ranges if r.check == check and _applies(r, entry, market)
            and (check != "naive-start" or _combination_fits(k, r, entry))]
    if check == "naive-start" and any(r.products for r in rows):
        # the combination's own label starts it: not the single-ingredient label's start
        rows = [r for r in rows if r.products or r.drug != entry.drug]
    if check == "naive-start" and not any(not r.generic for r in rows):
        by_route = _route_starts(k, entry, market)
        if by_route:
            markets = {r.market for r in by_route}
            rows = [r for r in rows if r.market not in markets] + by_route
    return rows


def _combination_fits(k: Knowledge, row: OpioidRange, entry: _Entry) -> bool:
    """Whether a naive-start row judges an entry as to its product: a row of no product any
    item of its drug; a row of a combination product (``products``: Ultracet) only an item
    that is that product — written with its name, or with exactly its components at one of
    its marketed strengths (``combination_products.csv``), whatever the name written.

    A combination's label gives its own start (Ultracet: 2 tablets, 75 mg of tramadol a
    dose), which is not the single-ingredient label's (tramadol tablets: 50-100 mg, the low end
    from 65); where such a row applies, it judges the combination's start in place of the
    drug's single-ingredient rows (:func:`_market_rows`). A single-ingredient item is never
    judged by a combination's row.
    """
    if not row.products:
        return True
    item = entry.item
    if item.product is not None and normal_name(item.product) in row.products:
        return True
    given = tuple((i.drug.name, i.dose.canonical if i.dose is not None else None)
                  for i in item.ingredients)
    if len(given) < 2 or item.is_rate:
        return False
    return any(p.components == tuple(drug for drug, _ in given)
               and all(mg is not None and math.isclose(mg, strength)
                       for (_, mg), strength in zip(given, p.strengths, strict=True))
               for name in row.products for p in k.catalogue.product(name))


def _judges(rows: Sequence[OpioidRange], entry: _Entry, day_counts: bool = True) -> bool:
    """Whether any of the rows measures the entry: a per-dose row a single dose, a per-day row
    a day that is counted; a row of every opioid only where the entry has an OME reading."""
    for row in rows:
        if row.generic and entry.reading is None:
            continue
        if row.per_dose is not None and entry.per_dose is not None:
            return True
        if row.per_day is not None and entry.daily is not None and day_counts:
            return True
    return False


def _borrowed_from(rows: Sequence[OpioidRange], entry: _Entry, market: str | None,
                   day_counts: bool) -> list[str]:
    """The other markets whose rows stand in for the chosen market's, sorted (empty: none):
    those whose rows :func:`_measure` reads (a drug's own rows replace the rows of every
    opioid, per dose and per day)."""
    if market is None:
        return []
    own_dose = any(not r.generic and r.per_dose is not None for r in rows)
    own_day = any(not r.generic and r.per_day is not None for r in rows)
    read = set()
    for row in rows:
        if row.market in (None, market) or (row.generic and entry.reading is None):
            continue
        dose = row.per_dose is not None and entry.per_dose is not None and not (
            row.generic and own_dose)
        day = row.per_day is not None and entry.daily is not None and day_counts and not (
            row.generic and own_day)
        if dose or day:
            read.add(row.market)
    return sorted(read)


def _release_words(entry: _Entry) -> str:
    """``"buprenorphine transdermal every 168 h"``, ``"tapentadol oral ER"``: what a start is
    missing for."""
    release = f" {entry.release.upper()}" if entry.release else ""
    interval = entry.interval_h or (entry.wear[0] if entry.wear and entry.wear[0] == entry.wear[1]
                                    else None)
    every = (f" every {significant(interval, 3)} h"
             if entry.item.route is Route.TRANSDERMAL and interval else "")
    return f"{entry.drug} {entry.item.route.value}{release}{every}"


def naive_start_rows(item: Item, market: str | None = None, *, table: str | None = None,
                     knowledge: Knowledge | None = None) -> list[OpioidRange]:
    """The opioid-naive starting rows that judge one opioid item, as the naive-start check reads
    them: the drug's own label rows where it has them, else the rows of every opioid (in oral
    morphine equivalents), with a market's own parenteral morphine starts standing for every
    opioid by that route (:func:`_route_starts`: the UK SC morphine starts judge SC oxycodone
    by one source's ratio); each row only for its own release, and with a market whose rows
    cannot judge the item, the other markets' rows for it. Empty for an item that is not an
    opioid with a known dose.

    Parameters
    ----------
    item
        An opioid item (its first opioid ingredient is read).
    market
        Keep only this market's rows; None: every market's.
    table
        A rotation table to read factors from first.
    knowledge
        Where the rows and tables come from (default: the shipped data).
    """
    k = resolve(knowledge)
    entries = [e for e in _entries(k, [item], table) if e.drug == item.drug.name]
    if not entries:
        return []
    return _rows_for(k, "naive-start", entries[0], market, day_counts=entries[0].scheduled)


#: The opioid whose starts by a route judge the other opioids by that route.
_REFERENCE = "morphine"


def _route_starts(k: Knowledge, entry: _Entry, market: str | None) -> list[OpioidRange]:
    """A market's naive starts of morphine by a parenteral route, read in oral morphine
    equivalents, as the starts of every opioid by that route in that market.

    The rows of every opioid are oral starts in OME (WMPCP: 10 mg a dose); a parenteral dose read
    against them by its route's most cautious factor is held to an oral reading of the start,
    while the same guides' own SC morphine starts (2.5-5 mg a dose, 10-20 mg/24 h) are the start
    by that route. Where a market has such rows for the entry's route, they judge every other
    opioid by that route; the market's oral rows of every opioid step back.

    The dose is read in mg of morphine by the route through the **ratio of one source**: the
    entry's factor and morphine's by the route in the same table (each the table's own point,
    or the middle of its range), the largest such ratio of any table that has both (SPCG: SC
    diamorphine 3, SC morphine 2 mg OME per mg, so diamorphine 20 mg/24 h is 30 mg of SC
    morphine). Reading each side at the largest factor of any table instead put a start read by
    one table's morphine factor (PDQ's 3) beside a dose read by another's (SPCG's diamorphine 3),
    and let diamorphine 20 mg/24 h pass in an opioid-naive patient as within a 20 mg/24 h
    morphine start. Where no table has both, each side is read at its largest factor.
    """
    route = entry.item.route
    if entry.drug == _REFERENCE or route not in _PARENTERAL or entry.reading is None:
        return []
    own = [r for r in k.opioid_ranges if r.check == "naive-start" and r.drug == _REFERENCE
           and r.routes is not None and route in r.routes and r.release is None
           and (market is None or r.market in (None, market))]
    reading = factor_readings(_REFERENCE, route, knowledge=k) if own else None
    if reading is None:
        return []
    ratio = _same_source_ratio(k, entry, route)
    if ratio is None:
        factor, how = reading.high, f"in OME by {reading.describe('high')}"
    else:
        value, table = ratio
        # the ceiling in OME at the entry's own reading: the dose read by the one source's ratio
        factor = entry.reading.amount(1.0) * entry.reading.high / value
        how = (f"for {entry.drug} by {significant(value, 4)} mg of {route.value} morphine per mg "
               f"of {entry.drug} (the ratio of their factors in {table})")
    found = []
    for row in own:
        found.append(attrs.evolve(
            row, drug=None,
            per_dose=None if row.per_dose is None else row.per_dose * factor,
            per_day=None if row.per_day is None else row.per_day * factor,
            start_low=None if row.start_low is None else row.start_low * factor,
            source=(f"the {row.market.upper() + ' ' if row.market else ''}{route.value} morphine "
                    f"start of this source read {how}, for every opioid by {route.value}: "
                    f"{row.source}")))
    return found


def _same_source_ratio(k: Knowledge, entry: _Entry, route: Route) -> tuple[float, str] | None:
    """The largest ratio of one table [mg of morphine by the route per mg of the entry's drug]
    and that table's id, or None where no table has both (rotation tables first; the
    surveillance tables only where no rotation table has both)."""
    def point(factor: Factor) -> float:
        low, high = factor.bounds
        per_mg = factor.unit.from_canonical(1.0)  # factors of mcg-dosed drugs are per mcg
        return per_mg * (factor.factor if factor.factor is not None else (low + high) / 2)

    rotation = [t for t in k.conversion_tables.values() if isinstance(t, RotationTable)]
    others = [t for t in k.conversion_tables.values() if not isinstance(t, RotationTable)]
    for tables in (rotation, others):
        ratios = []
        for table in tables:
            drug = table.lookup(entry.drug, route, entry.item.form, entry.daily)
            morphine = table.lookup(_REFERENCE, route)
            if drug is None or morphine is None or drug.unit.per_hour or morphine.unit.per_hour:
                continue
            ratios.append((point(drug) / point(morphine), table.id))
        if ratios:
            return max(ratios)
    return None


def _measures(row: OpioidRange, entry: _Entry) -> bool:
    """Whether a drug's own row can judge the entry: a per-dose row needs a dose, a per-day row
    a daily amount (a label's per-dose ceiling does not judge a day written as mg/day)."""
    return ((row.per_dose is not None and entry.per_dose is not None)
            or (row.per_day is not None and entry.daily is not None))


def _step_down(severity: Severity) -> Severity:
    return {Severity.ERROR: Severity.WARNING, Severity.WARNING: Severity.INFO}.get(
        severity, Severity.INFO)


@attrs.frozen(repr=False, eq=False)
class _Crossing(Value):
    severity: Severity
    text: str
    source: str


def _judge(measured: list[tuple[OpioidRange, float, float, str]], what: str) -> _Crossing | None:
    """Rows with their amount, ceiling and how the ceiling reads; the crossing, or None.

    Every row is read; the strictest crossed is named. Where another row of the check allows the
    amount (sources disagree), the severity steps down one level and that row is named too.
    """
    crossed = [m for m in measured if m[1] > m[2] * (1 + _TOLERANCE)]
    if not crossed:
        return None
    strictest = min(crossed, key=lambda m: m[2])
    severity = max((m[0].severity for m in crossed), key=lambda s: s.rank)
    allowed = [m for m in measured if m not in crossed]
    text = f"{what} is above {strictest[3]} [{_where(strictest[0])}]"
    source = strictest[0].source
    if allowed:
        widest = max(allowed, key=lambda m: m[2])
        severity = _step_down(severity)
        article = "an" if severity is Severity.INFO else "a"
        text += (f", within {widest[3]} [{_where(widest[0])}]: the sources disagree, so it is "
                 f"{article} {severity.value}")
        source += " ; also: " + widest[0].source
    return _Crossing(severity, text, source)


def _where(row: OpioidRange) -> str:
    market = f"{row.market.upper()} " if row.market else ""
    return f"{market}{'label/guideline' if not row.generic else 'all opioids, in OME'}"


def _ceiling_text(row: OpioidRange, quantity: str, value: float, *, ome: bool = False) -> str:
    unit = "mg OME" if (row.generic or ome) else "mg"
    if quantity == "dose":
        return f"{significant(value, 4)} {unit} a dose"
    if row.generic or ome:
        return f"{significant(value, 4)} mg OME/day"
    return row.describe_day()


def _measure(check: str, entry: _Entry, rows: Sequence[OpioidRange], end: str,
             patient_text: str, *, beside_schedule: bool = False,
             prn_day: float | None = None) -> list[_Crossing]:
    """The crossings of one entry under one check: per dose and per day.

    ``beside_schedule``: the regimen schedules an opioid. A PRN dose beside it is a rescue, whose
    size the rescue rules judge as a share of that day (a 1/6 rescue of 300 mg OME/day is 50 mg
    OME, ordinary); the usual day read per dose would warn on every rescue of a tolerant patient.

    ``prn_day`` [mg/day]: for the naive checks of a regimen with no opioid scheduled, and for the
    plausibility and the usual range of a rescue within the published share of a scheduled
    opioid (:func:`_proportionate_rescue`), the day of an as-needed order at a usual day's doses
    (:func:`_naive_prn_day`), judged against the per-day rows as a scheduled day is.
    """
    doses: list[tuple[OpioidRange, float, float, str]] = []
    days: list[tuple[OpioidRange, float, float, str]] = []
    item = entry.item
    per_day_counts = check in ("plausible", "usual") or entry.scheduled or prn_day is not None
    daily = entry.daily if prn_day is None else prn_day
    own_dose = any(not r.generic and r.per_dose is not None for r in rows)
    own_day = any(not r.generic and r.per_day is not None for r in rows)
    for row in rows:
        if row.generic:
            dose_ome = entry.ome(entry.per_dose, end)
            day_ome = None if own_day else entry.ome(daily, end)
            if own_dose:
                dose_ome = None
            if row.per_dose is not None and dose_ome is not None:
                doses.append((row, dose_ome, row.per_dose, _ceiling_text(row, "dose",
                                                                          row.per_dose)))
            # the usual day read per dose judges a dose whose day is not counted: where the day
            # is known, the regimen's day (_usual_total) judges it once, not once more per item
            per_dose_day = check == "plausible" or (
                check == "usual" and not entry.tiered and entry.daily is None
                and not (beside_schedule and entry.item.prn))
            if row.per_day is not None and per_dose_day and dose_ome is not None \
                    and not own_day:
                # a day's ceiling read per dose at the dose's own interval (4 h at least): a
                # single dose, scheduled or as needed, is judged even where no day is counted
                interval = max(entry.interval_h or SHORTEST_INTERVAL_H, SHORTEST_INTERVAL_H)
                ceiling = row.per_day * interval / 24
                doses.append((row, dose_ome, ceiling, f"{significant(ceiling, 4)} mg OME a dose "
                              f"given every {significant(interval, 3)} h (the "
                              f"{significant(row.per_day, 4)} mg OME/day of the row)"))
            if row.per_day is not None and day_ome is not None and per_day_counts \
                    and check != "usual":
                days.append((row, day_ome, row.per_day, _ceiling_text(row, "day", row.per_day)))
        else:
            if row.per_dose is not None and entry.per_dose is not None:
                doses.append((row, entry.per_dose, row.per_dose,
                              _ceiling_text(row, "dose", row.per_dose)))
            # a dose-tiered drug's own usual day (methadone's maintenance) is a scheduled day:
            # as-needed methadone at its most a day (the Morley-Makin switch) is not one
            usual_day = not (check == "usual" and entry.tiered and not entry.scheduled)
            if row.per_day is not None and daily is not None and per_day_counts and usual_day:
                days.append((row, daily, row.per_day, _ceiling_text(row, "day", row.per_day)))
    found = []
    amounts = _amounts(entry, end, prn_day, beside_schedule=beside_schedule)
    for measured, what in ((doses, f"{item}: {amounts[0]}"), (days, f"{item}: {amounts[1]}")):
        crossing = _judge(measured, what)
        if crossing is not None:
            found.append(crossing)
    return found


def _amounts(entry: _Entry, end: str, prn_day: float | None = None, *,
             beside_schedule: bool = False) -> tuple[str, str]:
    """How the dose and the day read: ``10 mg (20 mg OME by 2 mg OME per mg (spcg))``."""
    def text(mg: float | None, unit: str, ome_unit: str) -> str:
        if mg is None:
            return "dose not known"
        own = f"{significant(mg, 4)} {unit}"
        ome = entry.ome(mg, end)
        if ome is None or (entry.drug == "morphine" and entry.item.route is Route.ORAL):
            return own
        assert entry.reading is not None
        borrowed = ("" if entry.borrowed is None
                    else f", the {entry.borrowed.value} factor: no table has "
                         f"{entry.item.route.value}")
        if entry.floor is not None:
            borrowed = (f", the smallest factor of {entry.drug} by any route ({entry.floor.route}"
                        f" in {entry.floor.table}) as a floor: no table has "
                        f"{entry.item.route.value}")
        return (f"{own} (≈ {significant(ome, 4)} {ome_unit} by {entry.reading.describe(end)}"
                f"{borrowed})")
    if prn_day is not None:
        return (text(entry.per_dose, "mg a dose", "mg OME"),
                text(prn_day, "mg/day at a usual day's as-needed doses "
                     + ("(beside the scheduled opioid)" if beside_schedule
                        else "(no opioid scheduled)"), "mg OME/day"))
    return (text(entry.per_dose, "mg a dose", "mg OME"),
            text(entry.daily, "mg/day" + (" with PRN at their maximum" if entry.item.prn else ""),
                 "mg OME/day"))


@attrs.frozen(repr=False, eq=False)
class PreviousOpioids(Value):
    """The scheduled opioids of the regimen being changed from, for a patient recorded as not
    opioid-tolerant: not opioid-naive (he takes an opioid daily), and tolerant by the labels'
    definition only where their day reaches it.

    Attributes
    ----------
    items
        The scheduled opioid items of the previous regimen (:func:`scheduled_opioids`).
    top
        Their oral morphine equivalent at the largest reading of the rotation tables [mg/day];
        None where a dose is not known or no table has a factor for every one.
    threshold
        The labels' definition of tolerance (``opioid-tolerance-not-met``) [mg/day oral morphine].
    tables
        The tables read.
    """

    items: tuple[Item, ...]
    top: float | None
    threshold: float
    tables: tuple[str, ...]

    @property
    def meets_tolerance(self) -> bool:
        """Whether the previous day reaches the labels' definition of tolerance (its week is not
        seen: the patient is recorded as not tolerant, so at most not yet a week)."""
        return self.top is not None and self.top >= self.threshold * (1 - _TOLERANCE)

    def names(self) -> str:
        """``"oxycodone er 10 mg po q12h"``: the previous scheduled opioids as written."""
        return ", ".join(str(item) for item in self.items)

    def state(self) -> str:
        """The patient state a finding assumed, in words."""
        drugs = ", ".join(dict.fromkeys(d.name for i in self.items for d in i.drugs
                                        if d.is_opioid))
        return f"not opioid-naive: the previous regimen schedules {drugs}"

    def day(self) -> str:
        """How the previous day reads against the definition of tolerance."""
        if self.top is None:
            return ("its oral morphine equivalent cannot be computed (a dose or a factor is "
                    "missing), so it is not known to reach the "
                    f"{significant(self.threshold, 4)} mg/day of the labels' definition of "
                    "opioid tolerance")
        read = (f"{significant(self.top, 4)} mg/day oral morphine equivalent at the largest "
                f"reading of {', '.join(self.tables)}")
        if self.meets_tolerance:
            return (f"its {read} reaches the {significant(self.threshold, 4)} mg/day of the "
                    "labels' definition of opioid tolerance")
        return (f"its {read} is below the {significant(self.threshold, 4)} mg/day of the "
                "labels' definition of opioid tolerance: not opioid-tolerant either")


def previous_opioids(previous: Iterable[Item] | None, *,
                     knowledge: Knowledge | None = None) -> PreviousOpioids | None:
    """The scheduled opioids of a previous regimen with their largest oral morphine equivalent;
    None where it schedules none (a patient recorded as not opioid-tolerant is then naive).

    The day is read as the tolerance-not-met rule reads the scheduled opioids beside a
    tolerant-only product: the default rotation table, then every rotation table, each factor at
    the top of its range, the largest total kept (only a day below the definition under every
    reading is "not tolerant").
    """
    items = scheduled_opioids(previous)
    if not items:
        return None
    k = resolve(knowledge)
    rule = k.safety_rules.first("opioid-tolerance-not-met", threshold=True)
    tables = tuple(switch_tables(k, None))
    days = scheduled_opioid_days(items)
    known = len(days) == sum(d.is_opioid for item in items for d in item.drugs)
    readings = [] if not known else [
        reading[1] for t in tables if (reading := scheduled_ome(k, t, days)) is not None]
    return PreviousOpioids(tuple(items), max(readings) if readings else None,
                           rule.threshold or 0.0, tables)


def tolerance_assumption(patient: Patient) -> str:
    """The patient state a dose-range finding assumed, in words."""
    if patient.opioid_tolerant is True:
        return "opioid-tolerant patient"
    if patient.opioid_tolerant is False:
        return "opioid-naive patient"
    return "opioid tolerance not given: judged as for an opioid-tolerant patient"


def low_end_reason(patient: Patient | None, *,
                   knowledge: Knowledge | None = None) -> dict[str, tuple[MarketRule, str]]:
    """The markets whose labelling starts this patient at the low end of a starting range, each
    with its rule and the patient's reason in words (``"age 82, in [65, )"``).

    The rule ``naive_start_low_end`` of ``market_rules.csv``: a condition (``age``,
    ``crcl_ml_min``) whose band holds the patient's value. The shipped rows are US labelling's
    (persons aged 65 and over, FDA 62 FR 45313; a creatinine clearance below 60 mL/min); the
    other markets' starts are the small palliative starts already. Empty without a patient.
    """
    if patient is None:
        return {}
    k = resolve(knowledge)
    found: dict[str, tuple[MarketRule, str]] = {}
    for rule in k.market_rules.rows:
        if rule.rule != "naive_start_low_end" or rule.market in found:
            continue
        value = {"age": patient.age, "crcl_ml_min": patient.crcl_ml_min}.get(rule.condition)
        if value is not None and rule.band.contains(value):
            band = rule.band
            where = (f"{band.low:g} and over" if band.high is None and band.low is not None
                     else f"below {band.high:g}" if band.high is not None and not band.low
                     else str(band))
            found[rule.market] = (rule, f"age {value:g}, {where}" if rule.condition == "age"
                                  else f"creatinine clearance {value:g} {rule.unit}, {where}")
    return found


# -- the checks -----------------------------------------------------------------------------------
_ADVICE = {
    "plausible": "confirm the unit and the decimal point (mg for mcg, 10 times the intended dose)",
    "usual": "above the usual range, plausible in palliative care: review",
    "naive-start": "above the starting dose for an opioid-naive patient",
    "tolerant-only": "the label reserves this dose for opioid-tolerant patients",
}


def _at_low_end(rows: list[OpioidRange], low_end: dict[str, tuple[MarketRule, str]]
                ) -> tuple[list[OpioidRange], str]:
    """Naive-start rows read at the low end of their printed range in the markets whose
    labelling starts the patient there (:func:`low_end_reason`), and what says so ("" where no
    row changed). A row that prints one dose keeps it: no lower number is recorded."""
    lowered, why = [], ""
    for row in rows:
        held = low_end.get(row.market or "")
        if held is None or row.start_low is None or row.per_dose is None:
            lowered.append(row)
            continue
        rule, reason = held
        why = (f"; the start read at the low end of its range, where {rule.market.upper()} "
               f"labelling starts this patient ({reason})")
        lowered.append(attrs.evolve(
            row, per_dose=row.start_low,
            source=f"{row.source} ; low end: {rule.source} ({rule.where})"))
    return lowered, why


def hepatic_label_starts(k: Knowledge, items: Iterable[Item], patient: Patient | None
                         ) -> dict[Item, HepaticDose]:
    """The opioid items that lie within a start their drug's label (or guideline) gives for the
    patient's hepatic impairment (``hepatic_opioid_doses.csv`` basis start: Nucynta 50 mg no
    more often than every 8 hours in moderate impairment), each with that row.

    Such a start is the source's starting dose for this patient: the naive-start check does not
    hold the item to the starts of every opioid (a morphine label's 15 mg OME read for
    tapentadol), as a drug's own label row replaces them elsewhere; the drug's own naive-start
    rows still judge it. An item within a row of basis maximum only is not a start.
    """
    if patient is None or patient.hepatic is None:
        return {}
    given = [i for i in items if i.listed and i.dose_known and i.drug.is_opioid]
    found: dict[Item, HepaticDose] = {}
    for item in given:
        rows = [r for r in k.hepatic_opioid_doses if r.basis == "start"
                and r.drug == item.drug.name and r.applies_to(patient)]
        same = [i for i in given if i.drug.name == item.drug.name]
        row = next((r for r in rows if dose_within(r, item, same)), None)
        if row is not None:
            found[item] = row
    return found


def _item_findings(k: Knowledge, entries: Sequence[_Entry], check: str, market: str | None,
                   assumption: str, low_end: dict[str, tuple[MarketRule, str]] | None = None,
                   hepatic: Mapping[Item, HepaticDose] | None = None) -> list[Finding]:
    end = "low" if check in ("plausible", "usual") else "high"
    beside_schedule = any(e.scheduled for e in entries)
    found = []
    for entry in entries:
        if check in ("naive-start", "tolerant-only") and market is not None \
                and naive_start_allowed(entry.item, market, k) is not None:
            continue  # the chosen market's label gives this start (ナルサス 4 mg/day): it judges
        prn_day = (_naive_prn_day(k, entry)
                   if check in ("naive-start", "tolerant-only") and not beside_schedule else None)
        # a generic usual row judges one dose here; the day is the regimen's (_usual_total)
        counts = entry.scheduled or prn_day is not None
        rows = _rows_for(k, check, entry, market, day_counts=counts)
        if check in ("plausible", "usual") and _proportionate_rescue(k, entry, entries):
            # a rescue within the published share of the scheduled day: its day is a usual
            # day's as-needed doses (usual-palliative-range: 3, eTG), not an hourly order at its
            # theoretical 24 (a 1/6 rescue hourly would be four times the scheduled day); its
            # single dose is still judged. One reading for plausibility and for the usual range:
            # the same sources say how often such a rescue is given (fix145146). A rescue above
            # every source's share keeps its day at its maximum: a ten-fold rescue stays
            # implausible, and above the usual range
            prn_day = _naive_prn_day(k, entry)
        start = (hepatic or {}).get(entry.item) if check == "naive-start" else None
        if start is not None:
            # the drug's label gives this patient's start in his hepatic impairment, and the
            # dose is within it: the starts of every opioid (in OME) do not judge it
            rows = [r for r in rows if not r.generic]
        why = ""
        others = (_borrowed_from(rows, entry, market, counts)
                  if check in ("naive-start", "usual") else [])
        if others and check == "naive-start":
            why = (f"; the {str(market).upper()} sources give no opioid-naive start for "
                   f"{_release_words(entry)}, so the {', '.join(m.upper() for m in others)} "
                   f"start{'s are' if len(others) > 1 else ' is'} applied")
        elif others:
            demoted = any(r.market in others and r.severity is Severity.ERROR
                          for r in _market_rows(k, check, entry, None))
            why = (f"; no table has a factor for {_release_words(entry)} and the "
                   f"{str(market).upper()} sources give no usual dose for it, so the "
                   f"{', '.join(m.upper() for m in others)} label "
                   f"dose{'s are' if len(others) > 1 else ' is'} applied"
                   + (", a label maximum there as a warning here" if demoted else ""))
        if entry.wear is not None and any(r.interval_h is not None for r in rows):
            low_h, high_h = (significant(h, 3) for h in entry.wear)
            why += (f"; no interval is written, and {entry.wear_by} is a product worn "
                    f"{low_h if low_h == high_h else f'{low_h}-{high_h}'} h (schedules.csv), so "
                    f"only the rows of that interval apply")
        guideline_only = (check == "naive-start" and market is not None and not others
                          and _guideline_rows_only(k, rows, entry))
        if check == "naive-start" and low_end:
            rows, low = _at_low_end(rows, low_end)
            why += low
        crossings = _measure(check, entry, rows, end, assumption,
                             beside_schedule=beside_schedule, prn_day=prn_day)
        if not crossings:
            continue
        if check == "naive-start" and market is not None and not others:
            crossings = _label_same_market(entry, crossings, rows, str(market), end, assumption,
                                           beside_schedule=beside_schedule, prn_day=prn_day)
            crossings = _guideline_yields_to_label(
                k, entry, crossings, rows, str(market), end, assumption, low_end or {},
                beside_schedule=beside_schedule, prn_day=prn_day)
        if guideline_only:
            crossings = _label_elsewhere(k, entry, crossings, rows, str(market), end,
                                         assumption, low_end or {},
                                         beside_schedule=beside_schedule, prn_day=prn_day)
        worst = max(crossings, key=lambda c: c.severity.rank)
        text = "; ".join(c.text for c in crossings)
        found.append(Finding(worst.severity, CHECK_CODES[check],
                             f"{text} ({assumption}{why}): {_ADVICE[check]}", worst.source,
                             item=str(entry.item)))
    return found


def _guideline_rows_only(k: Knowledge, rows: Sequence[OpioidRange], entry: _Entry) -> bool:
    """Whether the only naive starts that judge an entry in the chosen market are the rows of
    every opioid of its data (a guideline's start in OME, not the drug's label): no row of the
    drug's own applies, and none is a market's morphine start by the route read for every
    opioid (:func:`_route_starts`, a start of morphine, not of every opioid)."""
    judging = [r for r in rows if _measures(r, entry) and not (r.generic
                                                               and entry.reading is None)]
    return bool(judging) and all(r.generic and any(r is shipped for shipped in k.opioid_ranges)
                                 for r in judging)


def _label_elsewhere(k: Knowledge, entry: _Entry, crossings: list[_Crossing],
                     rows: Sequence[OpioidRange], market: str, end: str, assumption: str,
                     low_end: dict[str, tuple[MarketRule, str]], *, beside_schedule: bool,
                     prn_day: float | None) -> list[_Crossing]:
    """The crossings of a guideline's start of every opioid stepped down one severity, naming
    both, where another market's label start of the entry's own drug (route, release, interval)
    allows the dose: information, not a warning.

    A market whose only start for the drug is a guideline's start of every opioid in OME (eTG's
    2-5 mg of oral morphine a dose, for every opioid without an Australian row) says nothing of
    the drug's own label; where another market's label starts an opioid-naive patient at the
    dose (US Dolophine: methadone 2.5 mg every 8 to 12 hours; US Dilaudid: hydromorphone 2 to
    4 mg every 4 to 6 hours), the dose is within one source and above another, as a dose within
    one market's label and above another's is (issue 13, round 81 ZE29 and ZE34). The other
    label's rows are read as the naive start reads them: for the patient's low end where that
    market's labelling starts the patient there, and they must judge every amount the guideline
    judged (a label start per dose says nothing of a day). A dose above that label too keeps the
    crossing as it is.
    """
    foreign = [r for r in k.opioid_ranges if r.check == "naive-start" and r.drug == entry.drug
               and r.market not in (None, market) and _applies(r, entry, None)]
    if low_end:
        foreign, _ = _at_low_end(foreign, low_end)
    allowed = _allowing_label(entry, [r for r in rows if r.generic], foreign, end, assumption,
                              beside_schedule=beside_schedule, prn_day=prn_day)
    if allowed is None:
        return crossings
    label, within = allowed
    return _stepped_down(
        crossings, label,
        lambda article, severity: (
            f"within {within} [{_where(label)}], the {str(label.market).upper()} label's own "
            f"start of {entry.drug} for an opioid-naive patient: the {market.upper()} start is a "
            f"guideline's for every opioid, so the sources disagree and it is {article} "
            f"{severity.value}"))


def _label_same_market(entry: _Entry, crossings: list[_Crossing], rows: Sequence[OpioidRange],
                       market: str, end: str, assumption: str, *, beside_schedule: bool,
                       prn_day: float | None) -> list[_Crossing]:
    """The crossings of the chosen market's start of every opioid (in OME) stepped down one
    severity, naming both, where the same market's label start of the entry's own drug (route,
    release, interval) allows the dose: the specific source speaks for the drug.

    The twin of :func:`_label_elsewhere` in one market: the US start of every opioid is a day
    of 60 mg OME (the OxyContin page's definition of tolerance), while the US Dilaudid label
    starts an opioid-naive patient at 2 to 4 mg every 4 to 6 hours, 12 mg/day and more of
    hydromorphone (issue 13, round 85 FE06). A label start given per dose allows a day of that
    dose at its row's interval, else every :data:`SHORTEST_INTERVAL_H` hours at the most, read
    on the strictest of the drug's rows (Drugs.com's 2 to 4 mg, not the oral solution's 2.5 to
    10 mg): a dose within the label given more often keeps the crossing, as does a dose or a day
    above the label.
    """
    own = [r for r in rows if not r.generic and r.drug == entry.drug and r.market == market
           and r.per_dose is not None]
    if not own or entry.per_dose is None:
        return crossings
    if _measure("naive-start", entry, own, end, assumption, beside_schedule=beside_schedule,
                prn_day=prn_day):
        return crossings  # above the drug's own label (or the labels disagree): it judges
    # the strictest of the label's rows: per dose, at its interval (four-hourly at the most)
    label = min(own, key=lambda r: r.per_dose or 0.0)
    if label.per_day is None and label.interval_h is None and entry.release not in (None, "ir"):
        return crossings  # a modified-release product's interval is its own: not read as 4 h
    hours = max(label.interval_h or SHORTEST_INTERVAL_H, SHORTEST_INTERVAL_H)
    if entry.interval_h is not None and entry.interval_h < hours * (1 - _TOLERANCE):
        return crossings  # given more often than the label gives it
    day = entry.daily if prn_day is None else prn_day
    allowed = (label.per_day if label.per_day is not None
               else (label.per_dose or 0.0) * 24 / hours)
    if (entry.scheduled or prn_day is not None) and day is not None \
            and day > allowed * (1 + _TOLERANCE):
        return crossings
    within = (_ceiling_text(label, "dose", label.per_dose or 0.0)
              + ("" if label.per_day is not None else f" at most every {significant(hours, 3)} h"))
    return _stepped_down(
        crossings, label,
        lambda article, severity: (
            f"within {within} [{_where(label)}], the {market.upper()} label's own start of "
            f"{entry.drug}: the {market.upper()} start of every opioid yields to the drug's own "
            f"label, so it is {article} {severity.value}"))


def _guideline_yields_to_label(k: Knowledge, entry: _Entry, crossings: list[_Crossing],
                               rows: Sequence[OpioidRange], market: str, end: str,
                               assumption: str, low_end: dict[str, tuple[MarketRule, str]], *,
                               beside_schedule: bool, prn_day: float | None) -> list[_Crossing]:
    """The crossings of the chosen market's guideline starts of the entry's own drug stepped
    down one severity, naming both, where that market ships no label start of the drug and
    another market's label start allows the dose: borrowed, as the finding says.

    eTG starts an opioid-naive patient on oxycodone modified-release at 5 mg twice daily; the
    OxyContin labels of the US (10 mg every 12 hours), the UK (Longtec, 10 mg 12-hourly) and
    Germany (Oxygesic, 10 mg every 12 hours) start him at 10 mg (issue 13, round 128 EJ13;
    the AU product information's dosing text was not seen). A dose within a label and above a
    guideline is one the sources disagree on: information, naming both, as a dose within one
    market's label and above another's is (:func:`_judge`). The market's own rows that judge
    the entry must all be ``basis`` guideline rows (``opioid_dose_ranges.csv``): a label of the
    market (or a row of unstated basis) judges as it is.

    The label is read for this patient: where any market's labelling starts the patient at the
    low end of a starting range (:func:`low_end_reason`: US labelling's 65 and over, creatinine
    clearance below 60 mL/min), a label allows the dose only at the low end its source prints
    (``start_low``), and a label that prints one dose allows nothing — its usual adult start
    says nothing of a patient started lower, so the guideline's warning stands. The label must
    judge every amount the guideline judged (a per-dose label says nothing of a day).
    """
    judging = [r for r in rows if not r.generic and r.drug == entry.drug
               and r.market == market and _measures(r, entry)]
    if not judging or any(r.basis != "guideline" for r in judging):
        return crossings
    labels = [r for r in k.opioid_ranges if r.check == "naive-start" and r.drug == entry.drug
              and r.basis == "label" and r.market not in (None, market)
              and _applies(r, entry, None) and _combination_fits(k, r, entry)]
    if low_end:
        labels = [attrs.evolve(r, per_dose=r.start_low) for r in labels
                  if r.start_low is not None]
    allowed = _allowing_label(entry, judging, labels, end, assumption,
                              beside_schedule=beside_schedule, prn_day=prn_day)
    if allowed is None:
        return crossings
    label, within = allowed
    return _stepped_down(
        crossings, label,
        lambda article, severity: (
            f"within {within} [{_where(label)}], the {str(label.market).upper()} label's own "
            f"start of {entry.drug} for an opioid-naive patient, borrowed: the {market.upper()} "
            f"start is a guideline's and no {market.upper()} label start is shipped, so the "
            f"sources disagree and it is {article} {severity.value}"))


def _allowing_label(entry: _Entry, judged: Sequence[OpioidRange], labels: Sequence[OpioidRange],
                    end: str, assumption: str, *, beside_schedule: bool,
                    prn_day: float | None) -> tuple[OpioidRange, str] | None:
    """The most generous of ``labels`` that allows the entry and judges every amount the rows
    ``judged`` judged (a label start per dose says nothing of a day), with the words of its
    ceilings; None where no label does."""
    dose = any(r.per_dose is not None for r in judged) and entry.per_dose is not None
    day = (any(r.per_day is not None for r in judged)
           and (entry.daily if prn_day is None else prn_day) is not None
           and (entry.scheduled or prn_day is not None))
    allowing = [r for r in labels
                if (dose or day) and (not dose or r.per_dose is not None)
                and (not day or r.per_day is not None)
                and not _measure("naive-start", entry, [r], end, assumption,
                                 beside_schedule=beside_schedule, prn_day=prn_day)]
    if not allowing:
        return None
    label = max(allowing, key=lambda r: (r.per_dose or 0, r.per_day or 0))
    within = "; ".join(
        part for part in (
            None if not dose or label.per_dose is None
            else _ceiling_text(label, "dose", label.per_dose),
            None if not day or label.per_day is None
            else _ceiling_text(label, "day", label.per_day)) if part)
    return label, within


def _stepped_down(crossings: list[_Crossing], label: OpioidRange,
                  why: Callable[[str, Severity], str]) -> list[_Crossing]:
    """Each crossing one severity lower, its text followed by ``why`` (given the article and
    the new severity) and its source by the label's that allows the dose."""
    stepped = []
    for crossing in crossings:
        severity = _step_down(crossing.severity)
        article = "an" if severity is Severity.INFO else "a"
        stepped.append(_Crossing(severity, f"{crossing.text}, {why(article, severity)}",
                                 f"{crossing.source} ; also: {label.source}"))
    return stepped


def _refuse_beyond_any_slip(k: Knowledge, entries: Sequence[_Entry], market: str | None) -> None:
    """Refuse, as an input error, an opioid dose that no single unit slip explains.

    The plausibility ceiling is ten times the usual top, so a ten-fold slip of a usual dose stays
    below it, and a microgram read as a milligram (1000-fold, the largest slip of one unit of
    mass) of a usual dose lands at most 100 times above it: those are error findings that ask to
    confirm the unit. A dose more than ``opioid-dose-not-a-dose`` times (1000) the ceiling is
    beyond any single slip even of a dose already at the ceiling: not a dose (fentanyl 5 g IV
    hourly). Every applicable plausible row must be crossed so (where one allows it, the sources
    disagree and the finding judges it); a route no table has is read at its drug's smallest
    factor, as the plausibility finding reads it.

    Raises
    ------
    DoseError
        Naming the item, the ceiling times the factor, the row (``file:line``) and its source.
    """
    rule = k.safety_rules.first("opioid-dose-not-a-dose", threshold=True)
    slip = rule.threshold or 0.0
    if slip <= 0:
        return
    for entry in entries:
        rows = _rows_for(k, "plausible", entry, market)
        judged: _Entry | None = entry
        if entry.reading is None and not any(not r.generic and _measures(r, entry)
                                             for r in rows):
            judged = _floor(k, entry)  # no factor for the route: the drug's smallest, a floor
        if judged is None:
            continue
        scaled = [attrs.evolve(
            r, per_dose=None if r.per_dose is None else r.per_dose * slip,
            per_day=None if r.per_day is None else r.per_day * slip,
            source=f"{r.where}: {r.source.split('; ')[0]}") for r in rows]
        crossings = [c for c in _measure("plausible", judged, scaled, "low", "")
                     if c.severity is Severity.ERROR]
        if not crossings:
            continue
        worst = crossings[-1]  # the day where both cross: what the order gives
        detail = worst.text.removeprefix(f"{entry.item}: ")
        raise DoseError(
            f"an opioid dose of {detail}, {slip:g} times the plausibility ceiling "
            f"({worst.source}): no single unit slip explains it (the largest, a microgram "
            f"read as a milligram, is {slip:g}-fold: rule opioid-dose-not-a-dose), so it is not "
            "a dose; check the dose and the unit",
            value=entry.per_dose or entry.daily, text=str(entry.item))


def _proportionate_rescue(k: Knowledge, entry: _Entry, entries: Sequence[_Entry]) -> bool:
    """Whether an as-needed entry is a rescue within the published share of the scheduled
    opioid day: its dose at most the largest share any ``breakthrough_fraction`` source of
    ``rotation_rules.csv`` gives its drug (NCCN/ONS 10-20%, the Japanese oxycodone label's 1/4)
    of the regimen's scheduled OME, both at the generous reading of the rotation tables. A
    day with an opioid no table converts is not read (False)."""
    if entry.scheduled or entry.per_dose is None:
        return False
    scheduled = [e for e in entries if e.scheduled and e.daily is not None]
    days = [e.ome(e.daily, "low") for e in scheduled]
    dose = entry.ome(entry.per_dose, "low")
    shares = k.rotation_rules.all("breakthrough_fraction", entry.drug)
    if not scheduled or dose is None or any(day is None for day in days) or not shares:
        return False
    top = max(rule.bounds[1] for rule in shares)
    return dose <= top * sum(day for day in days if day is not None) * (1 + _TOLERANCE)


def _naive_prn_day(k: Knowledge, entry: _Entry) -> float | None:
    """An as-needed opioid's day for an opioid-naive patient with no opioid scheduled, or for
    the plausibility and the usual range of a rescue beside a scheduled opioid [mg/day]: its
    dose at as many doses as a usual day gives before the regimen is changed
    (``usual-palliative-range``: 3, eTG; fewer where the order allows fewer), or None.

    With nothing scheduled the as-needed order is the naive patient's opioid day, as it is for
    the usual range (:func:`_usual_total`); read at a usual day's doses, not at the theoretical
    24 of an hourly order, it is judged against the labels' per-day naive starts (fentanyl
    100 mcg IV hourly as needed in a naive patient is 300 mcg a usual day).
    """
    if entry.scheduled or entry.per_dose is None or entry.tiered:
        return None
    rule = k.safety_rules.first("usual-palliative-range", threshold=True)
    if rule.threshold is None:
        return None
    allowed = entry.item.max_doses_per_day
    count = rule.threshold if allowed is None else min(rule.threshold, allowed)
    return entry.per_dose * count


def _own_usual_day(k: Knowledge, entry: _Entry, market: str | None) -> bool:
    """Whether a ``usual`` row of the entry's own drug judges its day (per_day, in its own mg)."""
    return any(not row.generic and row.per_day is not None and _measures(row, entry)
               for row in _rows_for(k, "usual", entry, market))


def _usual_total(k: Knowledge, entries: Sequence[_Entry], market: str | None,
                 assumption: str, above: frozenset[str | None] = frozenset(),
                 previous: Sequence[_Entry] = (),
                 left_out: Sequence[_Entry] = ()) -> list[Finding]:
    """The regimen's scheduled OME in 24 h against the usual rows of every opioid.

    Where no opioid is scheduled, the PRN doses at their maximum are the regimen and are counted
    (a rescue written ten times too large with nothing beside it), except a drug whose factors
    are tiered by the daily dose (methadone): such factors convert a regular day at steady
    state, not as-needed doses (the Morley-Makin switch gives methadone as needed).

    Where every scheduled opioid is such a drug and a ``usual`` row of its own judges its day
    in its own mg (methadone: the 60-100 mg/day of maintenance), the day is left to that row
    (:func:`_item_findings`) and not judged in OME: a factor that rises with the dose is not
    a threshold's measure (methadone 80 mg/day is 376 mg OME by the CDC's 4.7, above 300
    though it is the standard maintenance day). Beside another scheduled opioid the drug stays
    in the OME sum, as before: no source gives a combined day in its own mg, and counting it is
    the cautious reading.

    A day made of one opioid already found above its own usual range (``above``: the items of
    those findings) is not judged again: the same dose would be flagged twice.

    Where the previous regimen's scheduled day (``previous``, read the same way, every opioid
    with a factor) was already above every ceiling the new day crosses, and the new day is
    within the titration step the titration rule reads (``opioid-titration-step``: 50% of the
    previous day) of it, the ceiling is not new information: the finding is information naming
    the previous day, and the titration rule judges the step (hydromorphone 1 to 1.5 mg/h IV,
    360 to 540 mg OME/day, both above 300). A first crossing, or a rise beyond the step, is
    judged as before.

    ``left_out``: the entries read as buprenorphine treatment of opioid use disorder
    (:mod:`~mpsdose.clinical.use_disorder`), whose OME is not benchmarked against the thresholds
    for pain (the CDC); the day of the other opioids is judged, naming what was left out. Where
    such entries are the only scheduled opioids, the as-needed opioids at their maximum are the
    regimen for pain and are counted, as where nothing is scheduled (hydromorphone 40 mg every
    4 hours as needed beside buprenorphine 16 mg/day allows 960 mg OME/day): no share of the
    buprenorphine's OME judges them (:func:`~mpsdose.clinical.rescue.check_rescue`).

    With a market other than the guide's own (``_USUAL_DAY_MARKET``), the finding says the
    threshold is borrowed. The care setting does not step the warning down: in palliative,
    hospice and end-of-life care the source's specialist advice may be the care itself, but a
    scheduled day alone cannot tell a long-titrated day from a ten-fold slip (a 30 mg/24 h
    syringe driver written 300 mg), and there the day above the threshold is often the only
    finding.
    """
    rows = [r for r in k.opioid_ranges if r.check == "usual" and r.generic
            and r.per_day is not None and (market is None or r.market in (None, market))]
    every = [e for e in entries if e.scheduled and e.daily is not None]
    scheduled = [e for e in every if e not in left_out]
    beside_treatment = bool(every) and not scheduled
    if scheduled and all(e.tiered and _own_usual_day(k, e, market) for e in scheduled):
        return []
    as_needed = not scheduled
    if as_needed:
        scheduled = [e for e in entries if e.daily is not None and not e.tiered
                     and e not in left_out]
    counted = [(e, e.ome(e.daily, "low")) for e in scheduled]
    known = [(e, ome) for e, ome in counted if ome is not None]
    if not rows or not known or (len(known) == 1 and str(known[0][0].item) in above):
        return []
    total = sum(ome for _, ome in known)
    measured = [(row, total, row.per_day, f"{significant(row.per_day, 4)} mg OME/day")
                for row in rows if row.per_day is not None]
    parts = ", ".join(f"{e.item} ≈ {significant(ome, 4)}"
                      + ("" if e.borrowed is None else f" by the {e.borrowed.value} factor")
                      for e, ome in known)
    missing = [str(e.item) for e, ome in counted if ome is None]
    kind = ("no opioid scheduled for pain: the PRN doses at their maximum allow an"
            if beside_treatment else
            "no opioid scheduled: the PRN doses at their maximum allow an" if as_needed
            else "scheduled")
    what = (f"{kind} oral morphine equivalent {significant(total, 4)} mg/day ({parts}; each "
            "at the lower reading of the first rotation table with a factor)")
    if missing:
        what += f", without {', '.join(missing)} (no factor)"
    if left_out:
        what += (f", without {', '.join(str(e.item) for e in left_out)} (buprenorphine for "
                 "opioid use disorder: not benchmarked against the thresholds for pain)")
    crossing = _judge(measured, what)
    if crossing is None:
        return []
    text, source, severity = crossing.text, crossing.source, crossing.severity
    held = (None if as_needed or missing or severity is not Severity.WARNING
            else _previous_day_above(k, previous, total, [m for m in measured
                                                          if m[1] > m[2] * (1 + _TOLERANCE)],
                                     [e for e, _ in known]))
    if held is not None:
        before, step = held
        severity = Severity.INFO
        text += (f"; the previous regimen's scheduled day, {significant(before, 4)} mg OME, was "
                 f"already above it and the change ({significant((total / before - 1) * 100, 3)}"
                 f"%) is within the {significant(step.threshold or 0.0, 3)}% titration step: "
                 "the ceiling is not new, so it is information (the titration rule judges the "
                 "step)")
        source += " ; also: " + step.source
    if market is not None and market != _USUAL_DAY_MARKET:
        text += (f"; the threshold is a {_USUAL_DAY_MARKET.upper()} palliative guide's, borrowed "
                 f"for {market.upper()}: no {market.upper()} source of its own is shipped")
    return [Finding(severity, CHECK_CODES["usual"],
                    f"{text} ({assumption}): {_ADVICE['usual']}", source)]


def _previous_day_above(k: Knowledge, previous: Sequence[_Entry], total: float,
                        crossed: Sequence[tuple[OpioidRange, float, float, str]],
                        current: Sequence[_Entry] = ()
                        ) -> tuple[float, SafetyRule] | None:
    """The previous regimen's scheduled OME day [mg/day] and the titration rule, where that day
    was already above every ceiling in ``crossed`` and ``total`` is within the rule's step of
    it; else None. A previous regimen with an opioid no table converts is not read.

    The two days are read in one table where they can be (:func:`_days_in_new_days_table`):
    where every entry of the new day (``current``) is read in one table and that table
    converts every opioid of the previous day, the previous day is read there too, at that
    table's lower factor. Else each opioid is read at the lower factor of the first table with
    one, as the new day is. Two tables' factors would otherwise compare the new day by one
    table with the old by another (fentanyl 100 mcg/h IV to sufentanil 7.5 mcg/h IV: the new
    day by ANZCA's sufentanil factor, the only one shipped, 360 mg OME, the old by JSPM's lower
    fentanyl factor, 240 mg, a rise; in ANZCA's table both, 480 mg to 360 mg, a reduction from
    a day already above the ceiling). A switch's own risks stay with the switch rules.
    """
    scheduled = [e for e in previous if e.scheduled and e.daily is not None]
    days = (_days_in_new_days_table(k, scheduled, current)
            or [e.ome(e.daily, "low") for e in scheduled])
    if not scheduled or any(day is None for day in days):
        return None
    before = sum(day for day in days if day is not None)
    if any(before <= ceiling * (1 + _TOLERANCE) for _, _, ceiling, _ in crossed):
        return None
    step = k.safety_rules.first("opioid-titration-step", threshold=True)
    if step.threshold is None or total > before * (1 + step.threshold / 100) * (1 + _TOLERANCE):
        return None
    return before, step


def _days_in_new_days_table(k: Knowledge, previous: Sequence[_Entry],
                            current: Sequence[_Entry]) -> list[float | None]:
    """The previous scheduled entries' days [mg OME/day] at the lower factor of the one table
    every entry of ``current`` was read in; [] where the new day was read in more than one
    table, or that table lacks a factor for an opioid (route, form, dose band) of the previous
    day. The table may be a surveillance table where no rotation table has the new opioid
    (sufentanil: ANZCA's): both days are then compared with a threshold in the table the new
    day already stands in, and no dose is derived from it."""
    tables = {e.reading.low_from.table for e in current if e.reading is not None}
    if not previous or len(tables) != 1 or any(e.reading is None for e in current):
        return []
    table = k.conversion_tables.get(tables.pop())
    if table is None:
        return []
    days: list[float | None] = []
    for entry in previous:
        factor = table.lookup(entry.drug, entry.item.route, entry.item.form, entry.daily)
        if factor is None or entry.daily is None:
            return []
        days.append(factor.unit.from_canonical(entry.daily) * factor.bounds[0])
    return days


#: The checks of ``opioid_dose_ranges.csv`` holding the published PCA demand doses (in mg, and
#: in mg per kg of body weight: the oxycodone injection labels' 0.03 mg/kg), and their rule.
_PCA = "pca-demand"
_PCA_PER_KG = "pca-demand-per-kg"
_PCA_RULE = "pca-demand-dose"


def _amount_text(mg: float, low: float | None = None) -> str:
    """``"1 mg"``, ``"0.5 to 2 mg"``; in micrograms below 0.1 mg (``"5 to 20 micrograms"``:
    fentanyl reads in micrograms)."""
    scale, unit = (1000, "micrograms") if mg < 0.1 else (1, "mg")
    start = "" if low is None else f"{significant(low * scale, 3)} to "
    return f"{start}{significant(mg * scale, 3)} {unit}"


def _pca_demands(k: Knowledge, entries: Sequence[_Entry], market: str | None,
                 weight_kg: float | None = None
                 ) -> dict[_Entry, tuple[OpioidRange, bool, str]]:
    """The entries that are PCA demand doses, each with the widest published demand-dose row
    that applies, whether the dose is within it and the published dose as the finding says it.

    A PCA demand dose is written as an as-needed dose with the lockout as its interval
    ("morphine 1 mg iv q10min prn", "... prn lockout 10 min": the item language reads both as
    an interval in minutes). An as-needed dose whose interval is at most the longest lockout
    the source gives (``pca-demand-dose``: 20 minutes) and whose drug and route have a
    ``pca-demand`` row is one. Read as an ordinary as-needed order its day is every lockout
    used (morphine 1 mg every 10 minutes is 144 mg/day), which no pump delivers without its
    1-hour or 4-hour limit; the published demand dose judges the dose instead.

    A ``pca-demand-per-kg`` row gives the demand dose per kg of body weight (the oxycodone
    injection labels: 0.03 mg/kg, lockout at least 5 minutes) and is read at the patient's
    weight [kg]; without a weight it judges nothing (the order is read as any as-needed dose).
    """
    try:
        rule = k.safety_rules.first(_PCA_RULE, threshold=True)
    except LookupError:
        return {}
    lockout_h = (rule.threshold or 0.0) / 60
    found: dict[_Entry, tuple[OpioidRange, bool, str]] = {}
    for entry in entries:
        item = entry.item
        if (not item.prn or item.schedule.kind is not ScheduleKind.INTERVAL
                or entry.interval_h is None or entry.per_dose is None
                or entry.interval_h > lockout_h * (1 + _TOLERANCE)):
            continue
        rows = [(r, _demand_scale(r, weight_kg)) for r in k.opioid_ranges
                if r.check in (_PCA, _PCA_PER_KG) and r.per_dose is not None
                and _applies(r, entry, market)]
        doses = [(r, scale) for r, scale in rows if scale is not None]
        if not doses:
            continue
        widest, scale = max(doses, key=lambda pair: (pair[0].per_dose or 0.0) * (pair[1] or 0.0))
        assert widest.per_dose is not None and scale is not None
        top = widest.per_dose * scale
        low = None if widest.start_low is None else widest.start_low * scale
        published = _amount_text(top, low)
        if widest.check == _PCA_PER_KG:
            low_kg = "" if widest.start_low is None else f"{significant(widest.start_low, 3)} to "
            published = (f"{low_kg}{significant(widest.per_dose, 3)} mg/kg, {published} at "
                         f"{significant(weight_kg or 0.0, 3)} kg")
        found[entry] = (widest, entry.per_dose <= top * (1 + _TOLERANCE), published)
    return found


def _demand_scale(row: OpioidRange, weight_kg: float | None) -> float | None:
    """What a demand-dose row's amounts are multiplied by to give mg: 1, or the patient's
    weight [kg] for a ``pca-demand-per-kg`` row (None: no weight, the row judges nothing)."""
    return weight_kg if row.check == _PCA_PER_KG else 1.0


def _pca_findings(k: Knowledge, demands: dict[_Entry, tuple[OpioidRange, bool, str]],
                  beside_schedule: bool) -> tuple[list[Finding], list[Finding]]:
    """The PCA demand doses' findings: (info for every patient, warnings for an opioid-naive
    one). Within the published demand dose: info, saying the day is not counted at every
    lockout (or, with ``max N/day``, is the order's own day). Above it: the row's severity,
    an opioid-naive patient's finding (the sources' doses are for opioid-naive adults; an
    opioid-tolerant patient's demand dose is sized from the regimen), and the dose stays judged
    as any as-needed dose."""
    rule = k.safety_rules.first(_PCA_RULE, threshold=True)
    infos, naive = [], []
    for entry, (row, within, amount) in demands.items():
        assert entry.per_dose is not None and entry.interval_h is not None
        market = f"{row.market.upper()} " if row.market else ""
        kind = "label" if row.check == _PCA_PER_KG else "PCA table"
        published = (f"the published PCA demand dose for an opioid-naive adult, "
                     f"{amount} [{market}{kind}]")
        lockout = (f"{entry.item}: {_amount_text(entry.per_dose)} as needed every "
                   f"{significant(entry.interval_h * 60, 3)} minutes, a PCA demand dose (an "
                   f"interval of at most {significant(rule.threshold or 0.0, 3)} minutes is a "
                   "lockout)")
        source = f"{row.source} ; also: {rule.source}"
        if within:
            if entry.item.max_prn_per_day is not None:
                day = (f"its day is the order's own maximum of "
                       f"{significant(entry.item.max_prn_per_day, 3)} doses, judged as usual")
            else:
                count = entry.item.max_doses_per_day or 0.0
                day = (f"its day is not judged as if every lockout were used "
                       f"({significant(count, 3)} doses in 24 h): the pump's 1-hour or 4-hour "
                       "limit, which the item does not carry, bounds it")
            basal = ("; the scheduled opioid beside it is judged as usual" if beside_schedule
                     else "")
            infos.append(Finding(Severity.INFO, "opioid-pca-demand",
                                 f"{lockout}, within {published}: {day}{basal}", source,
                                 item=str(entry.item)))
        else:
            naive.append(Finding(row.severity, "opioid-pca-demand",
                                 f"{lockout}, above {published} (opioid-naive patient): "
                                 "review; the dose and its day at every lockout are judged as "
                                 "any as-needed dose", source, item=str(entry.item)))
    return infos, naive


def opioid_range_findings(regimen: Iterable[Item], patient: Patient | None = None, *,
                          market: str | None = None, table: str | None = None,
                          previous: Iterable[Item] | None = None,
                          knowledge: Knowledge | None = None) -> list[Finding]:
    """Every opioid item against the dose ranges, per dose and per day, for the patient's state.

    Parameters
    ----------
    regimen
        The items (opioids are judged; others are left to the limit checks).
    patient
        Whose opioid tolerance selects the checks: naive (all four), tolerant (plausible and
        usual), not known (plausible and usual, and the naive findings as one info).
    market
        Keep only this market's label rows (``us``, ``uk``, ``jp`` …); None: every market's, where
        a dose above one market's start but within another's is information.
    table
        A rotation table to read factors from first.
    previous
        The regimen being changed from. A scheduled opioid that it already holds as the same
        product (drug, route, release, form and product name), scheduled, is not a first opioid:
        its rise is a titration, judged by the titration rule against the label's own steps
        (Belbuca 75 to 150 micrograms every 12 hours, the label's first step after a naive
        start), not against the naive start again. The tolerant-only check still applies. A
        patient recorded as not tolerant whose previous regimen schedules any opioid is not
        opioid-naive (:func:`previous_opioids`): no naive start judges him (one info says what
        it would have raised), and the tolerant-only check only where the previous day is below
        the labels' definition of tolerance.
    knowledge
        Where the rows and tables come from (default: the shipped data).
    """
    k = resolve(knowledge)
    patient = patient or Patient()
    entries = _entries(k, regimen, table)
    if not entries:
        return []
    _refuse_beyond_any_slip(k, entries, market)
    # recorded as not tolerant, but the previous regimen schedules an opioid: not naive either
    prior = previous_opioids(previous, knowledge=k) if patient.opioid_tolerant is False else None
    naive_patient = patient.opioid_tolerant is False and prior is None
    assumption = tolerance_assumption(patient) if prior is None else prior.state()
    # a PCA demand dose within the published one is its own start, and its day is not every
    # lockout used: read without a day (its dose is still judged), unless "max N/day" bounds it
    demands = _pca_demands(k, entries, market, patient.weight_kg)
    pca_info, pca_naive = _pca_findings(k, demands, any(e.scheduled for e in entries))
    demand: list[_Entry] = []
    judged_entries: list[_Entry] = []
    for entry in entries:
        if entry in demands and demands[entry][1]:
            if entry.item.max_prn_per_day is None:
                entry = attrs.evolve(entry, daily=None)
            demand.append(entry)
        judged_entries.append(entry)
    entries = judged_entries
    # buprenorphine treating opioid use disorder: judged by its labels' maintenance day, not by
    # the usual thresholds for pain in OME (the plausibility ceiling still reads it)
    use_disorder = {e: reason for e in entries
                    if (reason := use_disorder_reason(e.item, patient, knowledge=k)) is not None}
    for_pain = [e for e in entries if e not in use_disorder]
    held = [e for e in entries if already_held(e.item, previous)]
    starts = [e for e in entries if e not in held and e not in demand]
    found: list[Finding] = []
    found += _item_findings(k, entries, "plausible", market, assumption)
    found += _item_findings(k, for_pain, "usual", market, assumption)
    naive = (_item_findings(k, entries, "tolerant-only", market, "opioid-naive patient")
             + _item_findings(k, starts, "naive-start", market, "opioid-naive patient",
                              low_end_reason(patient, knowledge=k),
                              hepatic_label_starts(k, (e.item for e in starts), patient))
             + pca_naive)
    applied = naive if naive_patient else []
    if prior is not None and not prior.meets_tolerance:
        # not naive, not tolerant either: a dose the labels reserve for tolerant patients is
        # still above what this patient is known to tolerate; the starts do not judge a switch
        applied = _item_findings(k, entries, "tolerant-only", market,
                                 f"{prior.state()}; {prior.day()}")
    judged = found + applied
    if not any(f.severity is Severity.ERROR for f in judged):  # an error already says more
        above = frozenset(f.item for f in found if f.code == CHECK_CODES["usual"]
                          and f.severity is not Severity.INFO)
        before = [e for e in _entries(k, previous or (), table)
                  if use_disorder_reason(e.item, patient, knowledge=k) is None]
        found += _usual_total(k, entries, market, assumption, above, before,
                              list(use_disorder))
    found += _use_disorder_findings(k, use_disorder, market, assumption, judged)
    found += pca_info
    found += applied
    if prior is not None:
        found += _naive_not_applied(k, prior, naive, applied)
    elif patient.opioid_tolerant is None:
        raised = [f for f in naive if f.severity is not Severity.INFO]
        if raised:
            found.append(Finding(
                Severity.INFO, "opioid-naive-not-checked",
                "opioid tolerance not given: the doses were judged as for an opioid-tolerant "
                "patient; if the patient is opioid-naive: "
                + "; ".join(f"{f.severity.value} {f.code}: {f.message.split(' (opioid-naive')[0]}"
                            for f in raised), raised[0].source))
    # a naive start judges only an opioid-naive patient's dose, and then as the naive-start
    # check reads it (another market's start where the chosen market has none)
    uncovered = [e for e in entries if e.reading is None
                 and not any(not r.generic and r.check in CHECK_CODES
                             and r.check != "naive-start" and _applies(r, e, market)
                             and _measures(r, e) for r in k.opioid_ranges)
                 and not any(not r.generic and _measures(r, e)
                             for r in _rows_for(k, "usual", e, market))
                 and not (naive_patient
                          and any(not r.generic and _measures(r, e)
                                  for r in _rows_for(k, "naive-start", e, market)))]
    # a label's usual or starting row judges a route no table has, but it says nothing of a
    # unit slip: without a plausible row of its own the drug's smallest factor bounds it
    unbounded = [e for e in entries if e.reading is None
                 and not any(not r.generic and r.check == "plausible" and _applies(r, e, market)
                             and _measures(r, e) for r in k.opioid_ranges)]
    floors = [floor for e in unbounded if (floor := _floor(k, e)) is not None]
    found += [f for f in _item_findings(k, floors, "plausible", market, assumption)
              if f.severity is Severity.ERROR]
    if uncovered:
        rule = k.safety_rules.first("opioid-dose-range-not-checked")
        maxima = [e for e in uncovered if label_maxima(e.item, e.drug, knowledge=k)]
        found.append(Finding(
            Severity.INFO, "opioid-dose-range-not-checked",
            "not judged against the opioid dose ranges (no oral morphine factor for the drug and "
            "route in any shipped table, and no label row): "
            + ", ".join(str(e.item) for e in uncovered)
            + ("; only a dose above the plausibility ceiling even at the drug's smallest factor "
               "of any route would have been found" if floors else "")
            + ("; the labelled maximum of " + ", ".join(sorted({e.drug for e in maxima}))
               + " (dose_limits.csv: for every route, or for this one) still applies"
               if maxima else ""), rule.source))
    if naive_patient:
        found += _naive_start_not_checked(k, starts, market, reported=uncovered)
    return found


def implausible_doses(regimen: Iterable[Item], patient: Patient | None = None, *,
                      market: str | None = None, table: str | None = None,
                      knowledge: Knowledge | None = None) -> list[Finding]:
    """The error-level ``opioid-implausible-dose`` findings ``check`` raises for these items:
    the plausibility judgement of :func:`opioid_range_findings` alone, for the commands that
    plan or total from a dose (``convert``, ``methadone``, ``total``) and must not take a unit
    slip that ``check`` names as a dose.

    Raises
    ------
    DoseError
        An amount beyond any single unit slip, as ``check`` refuses it (not a dose).
    """
    code = CHECK_CODES["plausible"]
    return [f for f in opioid_range_findings(regimen, patient, market=market, table=table,
                                             knowledge=knowledge)
            if f.code == code and f.severity is Severity.ERROR]


def refuse_implausible(regimen: Iterable[Item], patient: Patient | None = None, *, what: str,
                       market: str | None = None, table: str | None = None,
                       knowledge: Knowledge | None = None) -> None:
    """Refuse to plan ``what`` (a conversion, a methadone switch) from a dose ``check`` calls
    implausible (:func:`implausible_doses`): a slip made before a rotation is carried straight
    into the new drug.

    Raises
    ------
    ImplausibleDoseError
        Exit 1: the input was understood, and judged as ``check`` judges it.
    DoseError
        An amount beyond any single unit slip (not a dose), as ``check`` refuses it.
    """
    found = implausible_doses(regimen, patient, market=market, table=table, knowledge=knowledge)
    if found:
        raise ImplausibleDoseError(
            f"no {what} is planned from a dose check calls implausible: "
            + "; ".join(f"{f.message} [{f.source.split('; ')[0]}]" for f in found)
            + " (rule opioid-implausible-dose; `mpsdose check` gives the same error)")


#: The check of ``opioid_dose_ranges.csv`` holding the labels' maintenance maxima for opioid use
#: disorder, and its finding's code.
_USE_DISORDER = "use-disorder-maximum"
_USE_DISORDER_CODE = "opioid-use-disorder-dose"


def _use_disorder_findings(k: Knowledge, entries: Mapping[_Entry, str], market: str | None,
                           assumption: str, judged: Sequence[Finding]) -> list[Finding]:
    """One finding per entry read as buprenorphine treatment of opioid use disorder: its day
    [mg/day, the drug's own] against the labels' maintenance maximum (``use-disorder-maximum``
    rows): above it, the row's severity; within it, information. Either says that its oral
    morphine equivalent is not benchmarked against the thresholds for pain, and why (the CDC:
    ``opioid-use-disorder-treatment``).

    The chosen market's rows judge; a market with none (the UK: its SmPC maximum was not seen)
    borrows every market's, and the finding says so; no market: every row, the strictest
    judging. An entry already found implausible (an error) is not judged again.
    """
    if not entries:
        return []
    rule = k.safety_rules.first("opioid-use-disorder-treatment")
    erred = {f.item for f in judged if f.severity is Severity.ERROR}
    found = []
    for entry, reason in entries.items():
        if str(entry.item) in erred:
            continue
        rows = [r for r in k.opioid_ranges if r.check == _USE_DISORDER and r.per_day is not None
                and _applies(r, entry, None)]
        own = [r for r in rows if market is None or r.market in (None, market)]
        borrowed = "" if own or not rows else (
            f"; no {str(market).upper()} maximum is shipped, so the "
            f"{', '.join(sorted(str(r.market).upper() for r in rows))} label maxima apply")
        rows = own or rows
        ome = entry.ome(entry.daily, "low")
        benchmark = ("" if ome is None or entry.reading is None else
                     f"; its oral morphine equivalent, {significant(ome, 4)} mg/day by "
                     f"{entry.reading.describe('low')}, is not benchmarked against the "
                     "thresholds for pain (the CDC: the conversion factors of treatment for "
                     "opioid use disorder should not be benchmarked against them)")
        head = f"{entry.item}: buprenorphine read as treatment of opioid use disorder ({reason})"
        if not rows or entry.daily is None:
            found.append(Finding(Severity.INFO, _USE_DISORDER_CODE,
                                 f"{head}; its day is not judged against a maintenance maximum "
                                 f"(no daily dose, or no label row){benchmark} ({assumption})",
                                 rule.source, item=str(entry.item)))
            continue
        strictest = min(rows, key=lambda r: r.per_day or 0.0)
        ceiling = strictest.per_day or 0.0
        names = ", ".join(dict.fromkeys(
            f"{r.describe_day()} [{str(r.market).upper() if r.market else 'every market'}]"
            for r in rows))
        day = f"{significant(entry.daily, 4)} mg/day"
        source = " ; also: ".join(dict.fromkeys([strictest.source, rule.source]))
        if entry.daily > ceiling * (1 + _TOLERANCE):
            found.append(Finding(strictest.severity, _USE_DISORDER_CODE, (
                f"{head}: {day} is above the maintenance maximum of the labels for opioid use "
                f"disorder, {names}{borrowed}{benchmark} ({assumption}): review the dose"),
                source, item=str(entry.item)))
        else:
            found.append(Finding(Severity.INFO, _USE_DISORDER_CODE, (
                f"{head}: {day} is within the maintenance maximum of the labels for opioid use "
                f"disorder, {names}{borrowed}{benchmark} ({assumption})"),
                source, item=str(entry.item)))
    return found


def _naive_not_applied(k: Knowledge, prior: PreviousOpioids, naive: Sequence[Finding],
                       applied: Sequence[Finding]) -> list[Finding]:
    """One info naming what the opioid-naive checks would have raised for a patient recorded as
    not opioid-tolerant whose previous regimen schedules an opioid, and why they did not judge:
    he is not opioid-naive ("not chronically receiving opioid analgesics on a daily basis",
    NCCN), and the change is a switch or a titration, which the switch and titration rules
    judge. Empty where they would have raised nothing."""
    skipped = [f for f in naive if f.severity is not Severity.INFO
               and not any(f.code == a.code and f.item == a.item for a in applied)]
    if not skipped:
        return []
    rule = k.safety_rules.first("opioid-naive-not-applied")
    return [Finding(Severity.INFO, "opioid-naive-not-applied", (
        f"the previous regimen schedules {prior.names()}: the patient, recorded as not "
        f"opioid-tolerant, is not opioid-naive ({rule.statement}); {prior.day()}. The "
        "opioid-naive checks do not judge this regimen (the switch and titration rules do); as "
        "a first opioid: "
        + "; ".join(f"{f.severity.value} {f.code}: {f.message.split(' (opioid-naive')[0]}"
                    for f in skipped)), rule.source)]


def label_maxima(item: Item, drug: str | None = None, *,
                 knowledge: Knowledge | None = None) -> list[DoseLimit]:
    """The general maxima of ``dose_limits.csv`` (any market) that judge an opioid item whose
    route no conversion table has: rows of the drug for the item's route or for every route
    (route empty: a label's maximum of the active substance whatever the route, as the tramadol
    SmPCs give 400 mg/day for the injection as for the capsules).

    "Not judged against the opioid dose ranges" is not "not judged": where such a row exists the
    limit checks still measure the dose and the day against it, and the info says so.
    """
    k = resolve(knowledge)
    name = drug or item.drug.name
    return [row for row in k.dose_limits
            if row.drug == name and row.condition == "any" and not row.scope
            and (row.route is None or row.route is item.route)
            and (row.max_daily_mg is not None or row.max_single_mg is not None)]


def _naive_start_not_checked(k: Knowledge, entries: Sequence[_Entry], market: str | None, *,
                             reported: Sequence[_Entry] = ()) -> list[Finding]:
    """One info naming the opioid items of an opioid-naive patient whose start no market's row
    judges (none applies to the drug, route and release, or none measures what is given), and
    no label rule of the chosen market either: not judged is not the same as within the start.
    ``reported``: the entries already reported as not judged by any range (no factor, no row).
    """
    beside_schedule = any(e.scheduled for e in entries)
    missed = []
    for entry in entries:
        if entry in reported:
            continue
        if market is not None and naive_start_label(entry.item, market, k) is not None:
            continue  # the market's label rule judges it (market_findings)
        prn_day = None if beside_schedule else _naive_prn_day(k, entry)
        counts = entry.scheduled or prn_day is not None
        if not _judges(_rows_for(k, "naive-start", entry, market, day_counts=counts), entry,
                       counts):
            missed.append(entry)
    if not missed:
        return []
    rule = k.safety_rules.first("opioid-dose-range-not-checked")
    return [Finding(Severity.INFO, "opioid-naive-start-not-checked", (
        "opioid-naive start not checked: no market's starting dose applies to "
        + ", ".join(f"{e.item} ({_release_words(e)})" for e in missed)
        + " (opioid-naive patient); the plausibility, usual and tolerant-only checks still "
          "apply"), rule.source)]
