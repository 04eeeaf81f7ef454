"""Daily totals of a regimen: per item, per drug and per class, scheduled and with PRN at maximum.

A total is never silently wrong: an item whose dose is unknown, or a PRN item with no maximum and no
interval, is not counted as zero. The total then says what it left out (:attr:`Total.unknown`) and
prints as "≥ 20 mg/day" or "dose unknown".

Different drugs are not added in mg, not even within a class: their potencies differ. The opioid
class is totalled as oral morphine equivalents (:mod:`mpsdose.clinical.equivalence`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from mpsdose.model.boundary import checked
from mpsdose.model.drugs import Drug
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.numbers import significant
from mpsdose.model.regimen import Ingredient, Item, Regimen, ScheduleKind
from mpsdose.model.units import Unit
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import DRUG_CLASSES, Route

__all__ = [
    "ClassTotal", "DailyTotals", "DrugTotal", "ItemTotal", "Total", "daily_totals", "drug_daily",
    "findings",
]


@attrs.frozen(repr=False, eq=False)
class Total(Value):
    """A daily amount that may be partly unknown.

    Attributes
    ----------
    mg_per_day
        The sum of what is known [mg/day].
    unit
        The unit it is shown in (the drug's natural unit, or mcg/h for a patch).
    unknown
        The items that could not be counted, as written, with the reason.
    once_mg
        The part of ``mg_per_day`` that is single doses (once, stat) [mg]: the day a single dose
        is given holds that dose (as ``check`` counts it against a day's maximum), so the day's
        total includes it, and says so.
    """

    mg_per_day: float
    unit: Unit
    unknown: tuple[str, ...] = ()
    once_mg: float = 0.0

    @property
    def only_once(self) -> bool:
        """True where the whole known amount is single doses (a stat item on its own)."""
        return self.once_mg > 0 and self.once_mg >= self.mg_per_day

    @property
    def complete(self) -> bool:
        """True where every amount was counted."""
        return not self.unknown

    @property
    def known(self) -> bool:
        """False where nothing at all is known (only unknown amounts)."""
        return self.mg_per_day > 0 or self.complete

    @property
    def value(self) -> float | None:
        """The total in :attr:`unit`; None where nothing is known."""
        return self.unit.from_canonical(self.mg_per_day) if self.known else None

    def format(self, digits: int = 4) -> str:
        """``"60 mg/day"``, ``"≥ 20 mg/day"`` (part unknown), ``"dose unknown"``, or
        ``"no maximum stated"`` (a PRN item with no maximum or interval); a single dose is
        ``"10 mg once"``, and a day that holds one ``"70 mg/day (incl. 10 mg once)"``.

        Parameters
        ----------
        digits
            Significant digits shown.
        """
        if not self.known:
            if any(reason.endswith("dose unknown") for reason in self.unknown):
                return "dose unknown"
            return "no maximum stated"
        if self.only_once:
            shown = f"{self._amount(self.once_mg, digits)} once"
        else:
            shown = f"{significant(self.unit.from_canonical(self.mg_per_day), digits)} {self.unit}"
            if self.once_mg > 0:
                shown += f" (incl. {self._amount(self.once_mg, digits)} once)"
        return shown if self.complete else f"≥ {shown}"

    def _amount(self, mg: float, digits: int) -> str:
        """A single dose in the total's unit without "/day" (``10 mg``, ``200 mcg``)."""
        per_day = self.unit.symbol.removesuffix("/day")
        return f"{significant(self.unit.from_canonical(mg), digits)} {per_day}"

    def __add__(self, other: Total) -> Total:
        return Total(self.mg_per_day + other.mg_per_day, self.unit, self.unknown + other.unknown,
                     self.once_mg + other.once_mg)

    def __str__(self) -> str:
        return self.format()


@attrs.frozen(repr=False, eq=False)
class ItemTotal(Value):
    """The daily amount of one ingredient of one item.

    ``daily`` is the scheduled daily amount, or for a PRN item the amount at its maximum.

    Attributes
    ----------
    item
        The item.
    ingredient
        The ingredient (one drug of a combination product).
    per_dose_mg
        Amount per administration [mg]; None for a rate or an unknown dose.
    doses_per_day
        Administrations in 24 h [1/day] (for a PRN item, at its maximum); None where not known.
    daily
        The daily amount.
    """

    item: Item
    ingredient: Ingredient
    per_dose_mg: float | None
    doses_per_day: float | None
    daily: Total

    @property
    def drug(self) -> Drug:
        """The ingredient's drug."""
        return self.ingredient.drug

    @property
    def prn(self) -> bool:
        """True for a PRN item."""
        return self.item.prn


@attrs.frozen(repr=False, eq=False)
class DrugTotal(Value):
    """One drug's daily total over all its items and routes.

    Attributes
    ----------
    drug
        The drug.
    routes
        The routes it is given by in the regimen.
    scheduled
        The scheduled items' total, PRN left out.
    with_prn
        The scheduled total plus every PRN item at its maximum.
    items
        The items it is made of.
    """

    drug: Drug
    routes: tuple[Route, ...]
    scheduled: Total
    with_prn: Total
    items: tuple[ItemTotal, ...]

    @property
    def has_prn(self) -> bool:
        """True where any of the drug's items is PRN."""
        return any(item.prn for item in self.items)


@attrs.frozen(repr=False, eq=False)
class ClassTotal(Value):
    """The drugs of one class in a regimen, each with its own total.

    Drugs are not added in mg, even within a class: their potencies differ (the opioids are
    totalled as oral morphine equivalents instead).

    Attributes
    ----------
    drug_class
        The class's key (``opioid``, ``nsaid`` …).
    drugs
        The class's drugs in the regimen.
    """

    drug_class: str
    drugs: tuple[DrugTotal, ...]

    @property
    def label(self) -> str:
        """The class's name for people (``Opioids``)."""
        return DRUG_CLASSES.get(self.drug_class, self.drug_class)


@attrs.frozen(repr=False, eq=False)
class DailyTotals(Value):
    """Every daily total of a regimen.

    Attributes
    ----------
    regimen
        The regimen totalled.
    items
        One per ingredient of every listed item, in order.
    drugs
        One per drug.
    classes
        One per drug class.
    unlisted
        Items of drugs the catalogue does not know: kept apart, never totalled.
    """

    regimen: Regimen
    items: tuple[ItemTotal, ...]
    drugs: tuple[DrugTotal, ...]
    classes: tuple[ClassTotal, ...]
    unlisted: tuple[Item, ...]

    def drug(self, name: str) -> DrugTotal:
        """The total of one drug by canonical name.

        Parameters
        ----------
        name
            The canonical name (``acetaminophen``, not ``paracetamol``).

        Raises
        ------
        KeyError
            The regimen has no such drug.
        """
        for total in self.drugs:
            if total.drug.name == name:
                return total
        raise KeyError(f"{name!r} is not in the regimen")


def _display_unit(item: Item, drug: Drug) -> Unit:
    dose = item.ingredients[0].dose
    if dose is not None and dose.unit.per_hour:
        return dose.unit
    return drug.natural_unit


def _why_unknown(item: Item) -> str:
    if not item.dose_known:
        return f"{item}: dose unknown"
    return f"{item}: PRN with no maximum or interval stated"


def _once_dose(item: Item, ingredient: Ingredient) -> float | None:
    """The dose [mg] of a single-dose (once, stat) item that is not PRN and not a rate; else None."""
    if item.prn or item.schedule.kind is not ScheduleKind.ONCE:
        return None
    return item.per_dose(ingredient)


def item_total(item: Item, ingredient: Ingredient) -> ItemTotal:
    """The daily amount of one ingredient of an item."""
    unit = _display_unit(item, ingredient.drug)
    daily = item.daily(ingredient)
    once = _once_dose(item, ingredient)
    if once is not None:
        # a single dose (once, stat) is one dose: its day holds that dose. Item.daily keeps None
        # for it (the checks count single doses apart), so the total counts it here, marked.
        total = Total(once, unit, once_mg=once)
    elif daily is None:
        total = Total(0.0, unit, (_why_unknown(item),))
    else:
        total = Total(daily, unit)
    doses_per_day = None if item.is_rate else item.max_doses_per_day
    return ItemTotal(item, ingredient, item.per_dose(ingredient), doses_per_day, total)


def _sum(totals: Iterable[Total], unit: Unit) -> Total:
    result = Total(0.0, unit)
    for total in totals:
        result = result + total
    return result


@checked
def daily_totals(regimen: Regimen | Iterable[Item]) -> DailyTotals:
    """Daily totals of a regimen, per item (per ingredient), per drug and per class.

    PRN items are totalled separately: ``DrugTotal.scheduled`` leaves them out and
    ``DrugTotal.with_prn`` adds them at their maximum (``max N/day``, or 24 h ÷ interval).
    Unlisted items are returned apart and never totalled.

    Parameters
    ----------
    regimen
        A regimen, or items.

    Returns
    -------
    DailyTotals
        Per item, per drug and per class; an amount that cannot be known is listed in the
        total's ``unknown``, never counted as zero.

    Examples
    --------
    >>> import mpsdose
    >>> regimen = mpsdose.Regimen.parse(["oxycodone er 10 mg po q12h",
    ...                                  "oxycodone ir 5 mg po prn max 4/day"])
    >>> totals = mpsdose.daily_totals(regimen).drug("oxycodone")
    >>> (totals.scheduled.format(), totals.with_prn.format())
    ('20 mg/day', '40 mg/day')
    """
    if not isinstance(regimen, Regimen):
        regimen = Regimen(tuple(regimen))
    rows: list[ItemTotal] = []
    unlisted: list[Item] = []
    for item in regimen.items:
        if not item.listed:
            unlisted.append(item)
            continue
        rows.extend(item_total(item, ingredient) for ingredient in item.ingredients)
    by_drug: dict[str, list[ItemTotal]] = {}
    for row in rows:
        by_drug.setdefault(row.drug.name, []).append(row)
    drugs = []
    for group in by_drug.values():
        drug = group[0].drug
        units = {row.daily.unit for row in group}
        unit = units.pop() if len(units) == 1 else drug.natural_unit
        scheduled = _sum((row.daily for row in group if not row.prn), unit)
        with_prn = _sum((row.daily for row in group), unit)
        routes = tuple(dict.fromkeys(row.item.route for row in group))
        drugs.append(DrugTotal(drug, routes, scheduled, with_prn, tuple(group)))
    classes: dict[str, list[DrugTotal]] = {}
    for total in drugs:
        classes.setdefault(total.drug.drug_class, []).append(total)
    order = list(DRUG_CLASSES)
    class_totals = tuple(
        ClassTotal(name, tuple(members))
        for name, members in sorted(classes.items(), key=lambda kv: order.index(kv[0]))
    )
    return DailyTotals(regimen, tuple(rows), tuple(drugs), class_totals, tuple(unlisted))




def findings(totals: DailyTotals) -> list[Finding]:
    """What a person should know about how the totals were made (assumptions, gaps)."""
    found: list[Finding] = []
    seen: set[int] = set()
    for row in totals.items:
        item = row.item
        if id(item) in seen:
            continue
        seen.add(id(item))
        if not item.route_stated:
            found.append(Finding(
                Severity.INFO, "route-assumed",
                f"{item}: route not written; {item.route.value} assumed (the drug's oral form)",
                item=str(item)))
        if not item.dose_known:
            found.append(Finding(
                Severity.WARNING, "dose-unknown",
                f"{item}: dose unknown; it is shown but not counted in any total",
                item=str(item)))
        span = item.ranged
        if span is not None:
            # the FHIR reader's rule and wording for a doseRange (fhir-dose-range)
            found.append(Finding(
                Severity.INFO, "dose-range",
                f"{item}: a dose range {span}: checks and totals take the high end (the CDC MME "
                "calculator's rule); the low end is kept", item=str(item)))
        elif item.prn and item.max_doses_per_day is None:
            found.append(Finding(
                Severity.INFO, "prn-max-unknown",
                f"{item}: PRN with no maximum ('max N/day') or interval; the total with PRN "
                "leaves it out", item=str(item)))
    for item in totals.unlisted:
        found.append(Finding(
            Severity.INFO, "unlisted-item",
            f"{item}: not in the catalogue; kept and shown, not totalled, and the OME total "
            "is a lower bound (it may be an opioid)", item=str(item)))
    return found


def drug_daily(items: Sequence[Item], drug: str, route: Route | None = None,
                   release: str | None = None) -> tuple[float, bool]:
    """(daily amount [mg/day] with PRN doses at their maximum, complete?) of one drug over the
    listed items of a route and release (None: any); ``complete`` is False where an item's amount
    is not known (a dose unknown, a PRN dose with no maximum), which is then left out."""
    total, complete = 0.0, True
    for item in items:
        if not item.listed:
            continue
        if route is not None and item.route is not route:
            continue
        if release is not None and (item.release or "ir") != release:
            # a limit for one release applies to items of that release; an item that does not
            # say is immediate release, the form a plain prescription gets
            continue
        for ingredient in item.ingredients:
            if ingredient.drug.name != drug:
                continue
            daily = item.daily(ingredient)
            if daily is None:
                complete = False
            else:
                total += daily
    return total, complete
