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

from collections.abc import Iterable

import attrs

from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.knowledge.conversion import ConversionTable, Factor, SurveillanceTable
from mpsdose.model.boundary import checked
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.numbers import significant
from mpsdose.model.regimen import Ingredient, Item, Regimen, ScheduleKind
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import Route

__all__ = [
    "ItemEquivalent",
    "OralMorphineEquivalent",
    "RegimenEquivalent",
    "oral_morphine_equivalent",
]

# -- results ------------------------------------------------------------------------------------
@attrs.frozen(repr=False, eq=False)
class OralMorphineEquivalent(Value):
    """An OME in mg/day: a point value, a range where a factor is a range, or both.

    ``known_value`` (and ``low``/``high``) sum what is known; ``missing`` lists, with reasons, what
    could not be counted (no factor, dose unknown, PRN with no maximum). :attr:`value` is the
    number only when nothing is missing — a partial sum is a lower bound, never the answer.

    Attributes
    ----------
    known_value
        The sum of the point values that are known [mg OME/day]; None where a part is only a
        range, or nothing is known.
    low, high
        The range [mg OME/day], where a factor is a range.
    missing
        What could not be counted, each with its reason.
    """

    known_value: float | None
    low: float | None = None
    high: float | None = None
    missing: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        """True where nothing is missing."""
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
        """(low, high) of what is known [mg OME/day]: the range, or the point value twice; None
        where nothing is known."""
        if self.low is not None and self.high is not None:
            return (self.low, self.high)
        if self.known_value is not None:
            return (self.known_value, self.known_value)
        return None

    def __add__(self, other: OralMorphineEquivalent) -> OralMorphineEquivalent:
        return OralMorphineEquivalent.total((self, other))

    @classmethod
    def total(cls, parts: Iterable[OralMorphineEquivalent]) -> OralMorphineEquivalent:
        """The sum of what is known; what is not known is carried in ``missing``, never as 0.

        Parameters
        ----------
        parts
            OMEs to add.

        Returns
        -------
        OralMorphineEquivalent
            A range where any part is a range.
        """
        total = _Sum()
        for part in parts:
            total.add(part)
        return total.result()

    def format(self, digits: int = 4) -> str:
        """``"30 mg/day"``, ``"20–30 mg/day"``, ``"≥ 30 mg/day"`` (part missing), ``"not known"``.

        Parameters
        ----------
        digits
            Significant digits shown.
        """
        if not self.has_number:
            return "not known"
        if self.known_value is not None:
            text = f"{significant(self.known_value, digits)} mg/day"
            if self.low is not None and self.high is not None:
                text += f" ({significant(self.low, digits)}–{significant(self.high, digits)})"
        else:
            text = f"{significant(self.low or 0, digits)}–{significant(self.high or 0, digits)} mg/day"
        return text if self.complete else f"≥ {text}"

    def __str__(self) -> str:
        return self.format()




class _Sum:
    """A running :meth:`OralMorphineEquivalent.total` (what is not known carried in
    ``missing``, never as 0), for adding parts one by one."""

    __slots__ = ("counted", "high", "low", "missing", "ranged", "value")

    def __init__(self) -> None:
        self.missing: list[str] = []
        self.value: float | None = 0.0
        self.low = self.high = 0.0
        self.ranged = self.counted = False

    def add(self, part: OralMorphineEquivalent) -> None:
        if part.missing:
            self.missing.extend(part.missing)
        known = part.known_value
        if known is None and part.low is None:
            return
        self.counted = True
        if known is None:
            self.value = None
        elif self.value is not None:
            self.value += known
        if part.low is not None and part.high is not None:
            self.ranged = True
            self.low += part.low
            self.high += part.high
        else:
            self.low += known or 0.0
            self.high += known or 0.0

    def result(self) -> OralMorphineEquivalent:
        if not self.counted:
            return OralMorphineEquivalent(None if self.missing else 0.0,
                                          missing=tuple(self.missing))
        return OralMorphineEquivalent(self.value, self.low if self.ranged else None,
                                      self.high if self.ranged else None, tuple(self.missing))


@attrs.frozen(repr=False, eq=False)
class ItemEquivalent(Value):
    """The OME of one opioid ingredient of one item, with how it was computed.

    Attributes
    ----------
    item
        The item.
    ingredient
        The opioid ingredient.
    daily_mg
        The ingredient's daily amount [mg/day]; PRN at maximum.
    amount
        The daily amount in the factor's unit [mg/day, mcg/day or mcg/h].
    factor
        The table's row used, or None: the table has no factor.
    ome
        ``amount`` × ``factor``.
    reason
        Why there is no OME, if there is none.
    """

    item: Item
    ingredient: Ingredient
    daily_mg: float | None  #: the ingredient's daily amount [mg/day]; PRN at maximum
    amount: float | None  #: the daily amount in the factor's unit
    factor: Factor | None
    ome: OralMorphineEquivalent
    reason: str = ""  #: why there is no OME, if there is none
    once: bool = False  #: a single dose (once, stat) counted as its day's amount

    @property
    def explanation(self) -> str:
        """How the number was made: amount × factor = OME, with table and source."""
        if self.factor is None or self.amount is None:
            return self.reason
        amount = f"{significant(self.amount, 6)} {self.factor.unit}"
        band = f", band {self.factor.band}" if self.factor.band else ""
        return (f"{amount} × {self.factor.describe()} = {self.ome.format(6)} "
                f"[{self.factor.table}{band}: {self.factor.source}]")


@attrs.frozen(repr=False, eq=False)
class RegimenEquivalent(Value):
    """The OME of a regimen under one table: per item, per drug and route, and in total.

    Attributes
    ----------
    table
        The conversion table used (its ``label`` names its date and content hash).
    items
        One per opioid ingredient of every listed item.
    scheduled
        The total of the scheduled items, PRN left out.
    with_prn
        The total with every PRN item at its maximum.
    findings
        No factor for an opioid, thresholds reached, a surveillance table used.
    """

    table: ConversionTable
    items: tuple[ItemEquivalent, ...]
    scheduled: OralMorphineEquivalent
    with_prn: OralMorphineEquivalent
    findings: tuple[Finding, ...]

    def by_drug_route(self) -> dict[tuple[str, Route], OralMorphineEquivalent]:
        """Scheduled + PRN-at-maximum OME per (drug, route).

        Returns
        -------
        dict of (str, Route) to OralMorphineEquivalent
        """
        groups: dict[tuple[str, Route], list[OralMorphineEquivalent]] = {}
        for row in self.items:
            groups.setdefault((row.ingredient.drug.name, row.item.route), []).append(row.ome)
        return {key: OralMorphineEquivalent.total(parts) for key, parts in groups.items()}


def _item_equivalent(item: Item, ingredient: Ingredient, table: ConversionTable,
                     count_once: bool = False) -> ItemEquivalent:
    drug = ingredient.drug
    daily = item.daily(ingredient)
    once = (count_once and daily is None and not item.prn
            and item.schedule.kind is ScheduleKind.ONCE)
    if once:
        # a single dose (once, stat): its day holds that dose (``total`` counts it, marked)
        daily = item.per_dose(ingredient)
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
        reason = (f"{item}: a single dose (once), not a daily amount; its OME is not counted"
                  if item.schedule.kind is ScheduleKind.ONCE and not item.prn else
                  f"{item}: PRN with no maximum or interval; its OME at maximum is not known")
        return ItemEquivalent(item, ingredient, None, None, factor,
                              OralMorphineEquivalent(None, missing=(reason,)), reason)
    amount = factor.unit.from_canonical(daily)
    ome = OralMorphineEquivalent(
        None if factor.factor is None else amount * factor.factor,
        None if factor.low is None else amount * factor.low,
        None if factor.high is None else amount * factor.high,
    )
    return ItemEquivalent(item, ingredient, daily, amount, factor, ome, once=once)


@checked
def oral_morphine_equivalent(
    regimen: Regimen | Iterable[Item],
    table: str | ConversionTable | None = None,
    *,
    threshold_context: str | None = None,
    knowledge: Knowledge | None = None,
    count_once: bool = False,
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

    knowledge
        Where the tables and thresholds come from (default: the shipped data).
    count_once
        Count a single dose (once, stat) as its day's amount, as ``mpsdose total`` does (the day
        it is given holds that dose); False (the checks): a single dose has no daily amount and
        is left out of the totals, as before.

    Returns
    -------
    RegimenEquivalent
        Scheduled total (PRN left out) and total with PRN at their maximum, each item's factor,
        table, source and explanation.

    Raises
    ------
    UnknownTableError
        An unknown table id or threshold context, listing the known ones.

    References
    ----------
    .. [1] Dowell D, Ragan KR, Jones CM, Baldwin GT, Chou R. CDC Clinical Practice Guideline for
       Prescribing Opioids for Pain — United States, 2022. MMWR Recomm Rep 2022;71(No. RR-3):
       1–95 (the default table, ``cdc2022``). The other tables and each factor's source are in
       ``data/equivalence_tables.csv`` and ``data/opioid_equivalence.csv``.

    Examples
    --------
    >>> import mpsdose
    >>> regimen = mpsdose.Regimen.parse(["oxycodone er 10 mg po q12h"])
    >>> mpsdose.oral_morphine_equivalent(regimen, "cdc2022").scheduled.value
    30.0
    """
    knowledge = resolve(knowledge)
    chosen = knowledge.conversion_table(table)
    items = regimen.items if isinstance(regimen, Regimen) else tuple(regimen)
    rows: list[ItemEquivalent] = []
    unknown: list[tuple[Item, OralMorphineEquivalent]] = []
    for item in items:
        if item.listed:
            for ingredient in item.ingredients:
                if ingredient.drug.is_opioid:
                    rows.append(_item_equivalent(item, ingredient, chosen, count_once))
        else:
            # an unlisted drug may be an opioid: the totals say they could not count it, never
            # claim to be complete
            unknown.append((item, OralMorphineEquivalent(None, missing=(
                f"{item}: not in the catalogue, so whether it is an opioid is not known; not "
                "counted",))))
    # both totals in one pass, each adding its parts in the same order as before: the rows,
    # then the unlisted items
    scheduled, with_prn = _Sum(), _Sum()
    for row in rows:
        if not row.item.prn:
            scheduled.add(row.ome)
        with_prn.add(row.ome)
    for item, ome in unknown:
        if not item.prn:
            scheduled.add(ome)
        with_prn.add(ome)
    findings: list[Finding] = []
    for row in rows:
        if row.factor is None and row.ingredient.dose is not None:
            code = "no-factor-band" if "tiers" in row.reason else "no-factor"
            findings.append(Finding(Severity.WARNING, code, row.reason + "; not counted as 0",
                                    chosen.source, item=str(row.item)))
        elif (row.factor is not None and row.factor.factor is None
              and row.factor.low is not None and row.factor.high is not None
              and row.ome.low is not None and row.ome.high is not None):
            # CONTRACT.md §2: a null OME comes with a finding that says why. One per item, as
            # no-factor, so that each null item is paired with its reason (``item``).
            findings.append(Finding(
                Severity.INFO, "ome-factor-range",
                f"{row.item}: {chosen.id} gives {row.ingredient.drug.name} "
                f"{row.item.route.value} a factor range ({significant(row.factor.low, 3)}–"
                f"{significant(row.factor.high, 3)}), not one "
                f"factor, so its single OME figure and the total's are not given (null in "
                f"--json): the OME is {significant(row.ome.low, 3)}–"
                f"{significant(row.ome.high, 3)} mg/day (ome_range_mg_per_day; the total's "
                "range is total_ome_range_mg_per_day)", row.factor.source, item=str(row.item)))
    totals = scheduled.result(), with_prn.result()
    if threshold_context not in (None, "palliative"):
        findings.extend(_threshold_findings(*totals, threshold_context, knowledge))
    if isinstance(chosen, SurveillanceTable) and any(r.factor for r in rows):
        findings.append(Finding(
            Severity.INFO, "surveillance-table",
            f"{chosen.id} is a surveillance (MME) table: use it for risk and totals, not to "
            "dose a new opioid", chosen.source))
    return RegimenEquivalent(chosen, tuple(rows), *totals, tuple(findings))


def _threshold_findings(scheduled: OralMorphineEquivalent, with_prn: OralMorphineEquivalent,
                        context: str, knowledge: Knowledge) -> list[Finding]:
    found = []
    for total, what in ((scheduled, "scheduled"), (with_prn, "with PRN at maximum")):
        bounds = total.bounds
        if bounds is None:
            continue
        reached = [t for t in knowledge.thresholds_of(context) if bounds[1] >= t.mg_per_day]
        if reached:
            top = max(reached, key=lambda t: t.mg_per_day)
            found.append(Finding(
                Severity(top.severity), f"ome-threshold-{context}",
                f"OME {what} {total.format()} is at or above {top.mg_per_day:g} mg/day "
                f"({context}): {top.meaning}", top.source))
            break
    return found
