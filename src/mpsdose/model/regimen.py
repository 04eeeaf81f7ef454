"""The regimen model: doses, schedules, items, regimens, patients and courses (frozen attrs).

An :class:`Item` is one line of a regimen as a pharmacist writes it ("oxycodone er 10 mg po q12h").
Its amounts keep the unit they were written in (so an item formats back to what was meant) and
expose canonical magnitudes (mg, mg/day) for arithmetic. Items are checked when they are built,
from the item language or from Python: a unit of the wrong kind for the drug and route, a route
the drug does not have, a frequency an amount per day cannot take are errors, never guesses.

Build items from text with :func:`mpsdose.parse_item` (the item language, CONTRACT.md §1).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs

from mpsdose.model.boundary import field_check
from mpsdose.model.drugs import Drug
from mpsdose.model.errors import (
    ArgumentError,
    DoseError,
    ItemSyntaxError,
    PatientError,
    RouteError,
    UnitError,
    UnknownStateError,
)
from mpsdose.model.guards import (
    IMPLAUSIBLE_DOSE_MG,
    IMPLAUSIBLE_DOSE_UNITS,
    MAX_DURATION_DAYS,
    MAX_ITEMS,
)
from mpsdose.model.numbers import plain, significant
from mpsdose.model.units import UNITS, Unit, UnitKind, check_magnitude, from_quantity, lookup_unit, quantity
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import (
    CONDITIONS,
    SETTINGS,
    Route,
    parse_condition,
    parse_setting,
)

__all__ = [
    "Course",
    "Dose",
    "DoseRange",
    "Hepatic",
    "Ingredient",
    "Item",
    "PATIENT_BOUNDS",
    "Patient",
    "Regimen",
    "Schedule",
    "ScheduleKind",
    "State",
]

# IMPLAUSIBLE_DOSE_MG (mpsdose.model.guards, kept importable from here): an input guard against
# unit slips (e.g. g typed for mg), not a clinical limit: no drug of the catalogue is given as
# more than this in one dose or one day. Clinical maxima are data (``data/`` files with
# sources) and are checked by the safety checks.
__all__ += ["IMPLAUSIBLE_DOSE_MG"]


def _tuple(value: Any) -> Any:
    """A list given where a tuple is meant becomes one (nothing else is converted)."""
    return tuple(value) if isinstance(value, list) else value


def _magnitude(what: str) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: a finite, positive number (see :func:`check_magnitude`)."""
    def validate(instance: Any, attribute: Any, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ArgumentError(f"{type(instance).__name__}: {what} must be a number, not "
                                f"{type(value).__name__} {value!r:.40}",
                                function=type(instance).__name__, argument=attribute.name)
        check_magnitude(value, what=what)

    return validate


@attrs.frozen(repr=False, eq=False)
class Dose(Value):
    """An amount of one drug: per administration (mass) or per time (a rate).

    ``value`` and ``unit`` are as written (20 mg, 4 g/day, 25 mcg/h). A liquid written as a volume
    of a concentration ("2 mL of 10 mg/mL") keeps both in ``volume_ml`` and ``concentration`` and
    its ``value``/``unit`` are the mass they give (20 mg). Build one with :meth:`of`,
    :meth:`liquid` or :meth:`from_quantity`, which check what they are given.

    Attributes
    ----------
    value
        The amount as written [``unit``].
    unit
        The unit as written: a mass (mg, g, mcg) or a rate (mg/day, mcg/h, mg/h).
    volume_ml
        For a liquid: the volume written [mL]; None otherwise.
    concentration
        For a liquid: its concentration and unit (``(10.0, mg/mL)``); None otherwise.

    Examples
    --------
    >>> from mpsdose import Dose
    >>> Dose.of(4, "g/day").canonical
    4000.0
    >>> Dose.liquid(2, 10, "mg/mL").format()
    '2 mL of 10 mg/mL'
    """

    value: float = attrs.field(validator=_magnitude("dose"))
    unit: Unit = attrs.field(validator=field_check(Unit, "unit"))
    volume_ml: float | None = attrs.field(default=None, validator=_magnitude("volume"))
    concentration: tuple[float, Unit] | None = attrs.field(
        default=None, validator=field_check(tuple[float, Unit] | None, "concentration"))

    @classmethod
    def of(cls, value: float, unit: str | Unit, *, text: str | None = None) -> Dose:
        """A dose from a magnitude and a unit spelling, checked (finite, positive, known unit).

        Parameters
        ----------
        value
            The amount [``unit``].
        unit
            A unit spelling of the item language (``"mg"``, ``"g/day"``, ``"mcg/h"``) or a unit.
        text
            The item the dose comes from, named in an error.

        Returns
        -------
        Dose

        Raises
        ------
        UnitError
            An unknown or refused unit (``U``, ``IU``, ``cc``), or a unit that is not a mass or a
            rate.
        DoseError
            Zero, negative, not finite, or implausibly large.
        """
        if isinstance(unit, str):
            unit = lookup_unit(unit, text=text)
        if unit.kind not in (UnitKind.MASS, UnitKind.RATE):
            raise UnitError(
                f"{unit} is not a dose unit; write a mass (mg), or a volume with its "
                "concentration ('2 mL of 10 mg/mL')", unit=unit.symbol, text=text,
            )
        return cls(check_magnitude(value, text=text), unit)

    @classmethod
    def liquid(cls, volume_ml: float, concentration: float, unit: str | Unit, *,
               text: str | None = None) -> Dose:
        """A volume of a liquid of a given concentration, e.g. ``Dose.liquid(2, 10, "mg/mL")``.

        Parameters
        ----------
        volume_ml
            The volume given [mL].
        concentration
            The liquid's strength [``unit``].
        unit
            A concentration: ``"mg/mL"`` or ``"mcg/mL"``.
        text
            The item the dose comes from, named in an error.

        Returns
        -------
        Dose
            The mass the volume holds (2 mL of 10 mg/mL: 20 mg), remembering both.

        Raises
        ------
        UnitError
            ``unit`` is not a concentration.
        DoseError
            A volume or concentration that is zero, negative or not finite.
        """
        if isinstance(unit, str):
            unit = lookup_unit(unit, text=text)
        if unit.kind is not UnitKind.CONCENTRATION:
            raise UnitError(f"{unit} is not a concentration", unit=unit.symbol,
                            allowed=["mg/mL", "mcg/mL"], text=text)
        volume = check_magnitude(volume_ml, what="volume", text=text)
        strength = check_magnitude(concentration, what="concentration", text=text)
        mass_unit = UNITS[unit.symbol.split("/")[0]]
        return cls(volume * strength, mass_unit, volume, (strength, unit))

    @classmethod
    def from_quantity(cls, value: object, *, text: str | None = None) -> Dose:
        """A dose from a :class:`pint.Quantity` (mass or mass per time) of any unit.

        Parameters
        ----------
        value
            A :class:`pint.Quantity` of mass or mass per time, e.g. ``Q_(20, "mg")``.
        text
            The item the dose comes from, named in an error.

        Returns
        -------
        Dose

        Raises
        ------
        UnitError
            Not a quantity, or not of mass or mass per time.
        """
        magnitude, unit = from_quantity(value, text=text)  # type: ignore[arg-type]
        return cls.of(magnitude, unit, text=text)

    @property
    def kind(self) -> UnitKind:
        return self.unit.kind

    @property
    def canonical(self) -> float:
        """The amount in mg (a mass) or mg/day (a rate)."""
        return self.unit.to_canonical(self.value)

    @property
    def quantity(self) -> object:
        """The amount as a :class:`pint.Quantity` (imports pint)."""
        return quantity(self.value, self.unit)

    def format(self) -> str:
        if self.volume_ml is not None and self.concentration is not None:
            strength, unit = self.concentration
            return f"{plain(self.volume_ml)} mL of {plain(strength)} {unit}"
        return f"{plain(self.value)} {self.unit}"

    def __str__(self) -> str:
        return self.format()


class ScheduleKind(enum.Enum):
    """How often an item is given."""

    INTERVAL = "interval"  #: every N hours (q4h, q12h; for a patch, its change interval)
    TIMES_PER_DAY = "times per day"  #: N times a day (bid, tid, qid, daily, 3x/day)
    AT_NIGHT = "at night"  #: once a day, at night (nightly, qhs, nocte)
    CONTINUOUS = "continuous"  #: a continuous infusion
    ONCE = "once"  #: a single dose (once, stat): no daily amount follows from it
    UNSTATED = "unstated"  #: none written (a daily amount, a patch, a PRN dose)


@attrs.frozen(repr=False, eq=False)
class Schedule(Value):
    """A frequency.

    Attributes
    ----------
    kind
        Interval, times per day, at night, continuous, once (a single dose), or unstated.
    value
        The interval [h] for :attr:`ScheduleKind.INTERVAL`, the number of times a day [1/day] for
        :attr:`ScheduleKind.TIMES_PER_DAY`; None for the other kinds.

    Examples
    --------
    >>> from mpsdose import Schedule
    >>> Schedule.every(6).doses_per_day
    4.0
    >>> Schedule.times_per_day(3).format()
    'tid'
    """

    kind: ScheduleKind = attrs.field(default=ScheduleKind.UNSTATED,
                                     validator=field_check(ScheduleKind, "kind"))
    value: float | None = attrs.field(default=None, validator=_magnitude("frequency"))

    def __attrs_post_init__(self) -> None:
        counted = self.kind in (ScheduleKind.INTERVAL, ScheduleKind.TIMES_PER_DAY)
        if counted and self.value is None:
            raise ArgumentError(f"Schedule: a {self.kind.value} schedule needs its value",
                                function="Schedule", argument="value")
        if not counted and self.value is not None:
            raise ArgumentError(f"Schedule: a schedule {self.kind.value!r} takes no value",
                                function="Schedule", argument="value")
        per_day = self.doses_per_day
        if counted and per_day is not None and not math.isfinite(per_day):
            raise DoseError(f"an interval of {self.value!r} h is not a frequency",
                            value=self.value)

    @classmethod
    def every(cls, hours: float) -> Schedule:
        """Every ``hours`` [h] (q4h, q12h; q72h for a patch).

        Raises
        ------
        DoseError
            ``hours`` is zero, negative or not finite.
        """
        return cls(ScheduleKind.INTERVAL, check_magnitude(hours, what="interval"))

    @classmethod
    def times_per_day(cls, times: float) -> Schedule:
        """``times`` administrations a day [1/day] (bid = 2, tid = 3).

        Raises
        ------
        DoseError
            ``times`` is zero, negative or not finite.
        """
        return cls(ScheduleKind.TIMES_PER_DAY, check_magnitude(times, what="times per day"))

    @property
    def doses_per_day(self) -> float | None:
        """Administrations in 24 h [1/day], or None where the schedule does not say (continuous,
        a single dose, none)."""
        if self.kind is ScheduleKind.INTERVAL:
            assert self.value is not None
            return 24.0 / self.value
        if self.kind is ScheduleKind.TIMES_PER_DAY:
            return self.value
        if self.kind is ScheduleKind.AT_NIGHT:
            return 1.0
        return None

    @property
    def interval_h(self) -> float | None:
        """Hours between administrations (q6h = 6, tid = 8, at night = 24), or None where the
        schedule does not say (continuous, a single dose, none)."""
        doses = self.doses_per_day
        if self.kind is ScheduleKind.INTERVAL:
            return self.value
        return 24.0 / doses if doses else None

    def format(self) -> str:
        if self.kind is ScheduleKind.INTERVAL:
            hours = self.value or 0
            if hours < 1:  # a PCA lockout: q10min
                return f"q{plain(round(hours * 60, 6))}min"
            return f"q{plain(hours)}h"
        if self.kind is ScheduleKind.TIMES_PER_DAY:
            return _TIMES_WORDS.get(self.value or 0, f"{plain(self.value or 0)}x/day")
        if self.kind is ScheduleKind.AT_NIGHT:
            return "at night"
        if self.kind is ScheduleKind.CONTINUOUS:
            return "continuous"
        if self.kind is ScheduleKind.ONCE:
            return "once"
        return ""

    def __str__(self) -> str:
        return self.format()


_TIMES_WORDS = {1.0: "daily", 2.0: "bid", 3.0: "tid", 4.0: "qid"}


@attrs.frozen(repr=False, eq=False)
class DoseRange(Value):
    """A dose written as a range ("0.5 to 0.75 mg", "2.5-5 mg"): kept as written, judged at its top.

    An ingredient with a range has ``dose`` equal to ``high``, so that every limit, start and
    total judges the most that may be given (the safe reading for a maximum, as a FHIR
    ``doseRange`` is read); the range is shown with the item and a ``dose-range`` finding says
    the top was used.
    """

    low: Dose = attrs.field(validator=field_check(Dose, "low"))
    high: Dose = attrs.field(validator=field_check(Dose, "high"))

    def format(self) -> str:
        return f"{plain(self.low.value)}-{plain(self.high.value)} {self.low.unit}"

    def __str__(self) -> str:
        return self.format()


@attrs.frozen(repr=False, eq=False)
class Ingredient(Value):
    """One drug of an item with its amount.

    Attributes
    ----------
    drug
        The drug, from the catalogue (or unlisted, where allowed).
    dose
        Its amount per administration, or per time for a rate; None where the dose is not known
        (``dose unknown``), which is shown and never totalled as zero. For a dose written as a
        range, its top.
    dose_range
        A dose written as a range ("0.5 to 0.75 mg"), kept as written; ``dose`` is its top.
    """

    drug: Drug = attrs.field(validator=field_check(Drug, "drug"))
    dose: Dose | None = attrs.field(validator=field_check(Dose | None, "dose"))
    dose_range: DoseRange | None = attrs.field(
        default=None, validator=field_check(DoseRange | None, "dose_range"))


@attrs.frozen(repr=False, eq=False)
class Item(Value):
    """One line of a regimen.

    Attributes
    ----------
    ingredients
        One for a plain drug; several for a combination product (oxycodone/acetaminophen 5/325 mg),
        each with its strength per dosage unit.
    route
        The route; ``route_stated`` is False where it was not written and the drug's default
        (oral) was taken.
    route_stated
        Whether the route was written.
    release, form
        ``"ir"``/``"er"`` and a dosage form (``"tablet"``, ``"patch"``), where written.
    count
        Dosage units per administration ("2 tab"); the amount is then the strength of one unit.
        For a count written as a range ("1-2 tabs"), its top.
    count_low
        The low end of a count written as a range ("1-2 tabs": 1); None otherwise.
    schedule
        How often; for a patch, its change interval.
    prn, max_prn_per_day
        An as-needed item and the most doses allowed in 24 h (None: not stated).
    duration_days
        "for N days", where written.
    product
        The name of a combination product as written ("percocet"), where one was.
    text
        The text the item was parsed from (not part of equality).

    Raises
    ------
    ItemSyntaxError, UnitError, RouteError, DoseError
        When built with what cannot be given: a route the drug does not have, a unit of the wrong
        kind for the route (a patch in mg/h), a frequency on an amount per day, an implausible
        dose. Items built from Python are checked as parsed ones are.

    Examples
    --------
    >>> from mpsdose import Item
    >>> item = Item.parse("oxycodone er 10 mg po q12h")
    >>> (item.name, item.route.value, item.daily())
    ('oxycodone', 'oral', 20.0)
    """

    ingredients: tuple[Ingredient, ...] = attrs.field(
        converter=_tuple, validator=field_check(tuple[Ingredient, ...], "ingredients"))
    route: Route = attrs.field(validator=field_check(Route, "route"))
    schedule: Schedule = attrs.field(default=Schedule(),
                                     validator=field_check(Schedule, "schedule"))
    prn: bool = attrs.field(default=False, validator=field_check(bool, "prn"))
    max_prn_per_day: float | None = attrs.field(
        default=None, validator=field_check(float | None, "max_prn_per_day"))
    release: str | None = attrs.field(default=None, validator=field_check(str | None, "release"))
    form: str | None = attrs.field(default=None, validator=field_check(str | None, "form"))
    count: float | None = attrs.field(default=None, validator=field_check(float | None, "count"))
    count_low: float | None = attrs.field(default=None,
                                          validator=field_check(float | None, "count_low"))
    duration_days: float | None = attrs.field(
        default=None, validator=field_check(float | None, "duration_days"))
    route_stated: bool = attrs.field(default=True, validator=field_check(bool, "route_stated"))
    product: str | None = attrs.field(default=None, validator=field_check(str | None, "product"))
    text: str | None = attrs.field(default=None, eq=False, repr=False,
                                   validator=field_check(str | None, "text"))

    def __attrs_post_init__(self) -> None:
        _check_item(self)

    # -- construction --------------------------------------------------------------------
    @classmethod
    def parse(cls, text: str, *, allow_unlisted: bool = False, knowledge: Any = None) -> Item:
        """Parse one item of the item language (see :func:`mpsdose.parse_item`).

        Parameters
        ----------
        text
            One item, e.g. ``"oxycodone er 10 mg po q12h"``.
        allow_unlisted
            Keep a drug the catalogue does not know (shown, never totalled) instead of raising.
        knowledge
            A :class:`mpsdose.Knowledge` whose catalogue names the drugs; None: the shipped one.

        Returns
        -------
        Item

        Raises
        ------
        ItemSyntaxError, UnknownDrugError, UnitError, RouteError, DoseError
            Each naming the offending token and the item.
        """
        from mpsdose.io.language import parse_item  # the layers' one exception: see pyproject

        return parse_item(text, allow_unlisted=allow_unlisted, knowledge=knowledge)

    # -- what it is ----------------------------------------------------------------------
    @property
    def drug(self) -> Drug:
        """The drug of a single-ingredient item; for a combination, its first ingredient."""
        return self.ingredients[0].drug

    @property
    def drugs(self) -> tuple[Drug, ...]:
        """The drugs of the item, one per ingredient."""
        return tuple(ingredient.drug for ingredient in self.ingredients)

    @property
    def name(self) -> str:
        """``oxycodone``, or ``oxycodone/acetaminophen`` for a combination."""
        return "/".join(drug.name for drug in self.drugs)

    @property
    def dose_known(self) -> bool:
        """False where any ingredient's dose is unknown."""
        return all(ingredient.dose is not None for ingredient in self.ingredients)

    @property
    def is_rate(self) -> bool:
        """True where the amount is per time (a daily total, a patch, an infusion)."""
        dose = self.ingredients[0].dose
        return dose is not None and dose.kind is UnitKind.RATE

    @property
    def listed(self) -> bool:
        """False where any drug is not in the catalogue (an unlisted item is never totalled)."""
        for ingredient in self.ingredients:  # noqa: SIM110 - a plain loop: on every hot path
            if not ingredient.drug.listed:
                return False
        return True

    @property
    def max_doses_per_day(self) -> float | None:
        """For a PRN item: the most administrations in 24 h — ``max N/day`` where stated, else
        what its frequency allows ("q4h prn" at most 6, "qid prn" at most 4); None if neither."""
        if not self.prn or self.max_prn_per_day is None:
            return self.schedule.doses_per_day
        return self.max_prn_per_day

    # -- amounts ---------------------------------------------------------------------------
    def per_dose(self, ingredient: Ingredient | None = None) -> float | None:
        """Amount of one ingredient per administration [mg]; None for a rate or unknown dose.

        Parameters
        ----------
        ingredient
            One of the item's ingredients; None: the first.

        Returns
        -------
        float or None
            The dose times the count of dosage units [mg].
        """
        dose = (ingredient or self.ingredients[0]).dose
        if dose is None or dose.kind is not UnitKind.MASS:
            return None
        return dose.canonical * (self.count or 1.0)

    def daily(self, ingredient: Ingredient | None = None) -> float | None:
        """Daily amount of one ingredient [mg/day]: scheduled, or for a PRN item at its maximum.

        None where it cannot be known: dose unknown, or a PRN item with no maximum or interval.

        Parameters
        ----------
        ingredient
            One of the item's ingredients; None: the first.

        Returns
        -------
        float or None
            [mg/day]; a patch's or an infusion's rate per hour is counted over 24 h.
        """
        dose = (ingredient or self.ingredients[0]).dose
        if dose is None:
            return None
        if dose.kind is UnitKind.RATE:
            return dose.canonical * (self.count or 1.0)
        per_day = self.max_doses_per_day
        if per_day is None:
            return None
        return dose.canonical * (self.count or 1.0) * per_day

    def with_dose(self, *doses: Dose | None) -> Item:
        """The same item with new amount(s), one per ingredient (``attrs.evolve``).

        Raises
        ------
        ValueError
            Not one dose per ingredient.
        """
        if len(doses) != len(self.ingredients):
            raise ValueError(f"{self.name} has {len(self.ingredients)} ingredient(s)")
        # a new amount is one amount: a range written for the old one does not carry over
        ingredients = tuple(attrs.evolve(i, dose=d, dose_range=None)
                            for i, d in zip(self.ingredients, doses, strict=True))
        return attrs.evolve(self, ingredients=ingredients, text=None)

    @property
    def ranged(self) -> str | None:
        """A dose or count written as a range, as written ("2.5-5 mg", "1-2 tab"); None if
        neither. Every check and total judges its top."""
        span = self.ingredients[0].dose_range
        if span is not None:
            return span.format()
        if self.count_low is not None and self.count is not None:
            return f"{plain(self.count_low)}-{plain(self.count)} {self.form or 'units'}"
        return None

    def scaled(self, factor: float) -> Item:
        """The same item with every amount multiplied by ``factor`` (> 0).

        Raises
        ------
        DoseError
            ``factor`` is zero, negative or not finite.
        """
        check_magnitude(factor, what="factor")
        doses: list[Dose | None] = []
        for ingredient in self.ingredients:
            dose = ingredient.dose
            if dose is None:
                doses.append(None)
            elif dose.volume_ml is not None:
                assert dose.concentration is not None
                doses.append(Dose.liquid(dose.volume_ml * factor, *dose.concentration))
            else:
                doses.append(Dose(dose.value * factor, dose.unit))
        return self.with_dose(*doses)

    def format(self) -> str:
        """The item in the item language; parses back to an equal item."""
        from mpsdose.io.language import format_item  # the layers' one exception: see pyproject

        return format_item(self)

    def __str__(self) -> str:
        return self.text or self.format()


def _check_dimension(ingredient: Ingredient, text: str | None) -> None:
    """A dose in units for a drug dosed in units, a mass for any other listed drug (see
    :meth:`Drug.check_unit`)."""
    dose = ingredient.dose
    if dose is None and ingredient.dose_range is not None:
        dose = ingredient.dose_range.low
    if dose is not None:
        ingredient.drug.check_unit(dose.unit, text=text)


def _check_item(item: Item) -> None:
    text = item.text
    if not item.ingredients:
        raise ItemSyntaxError("an item needs a drug", text=text or "")
    route = item.route
    doses = [i.dose for i in item.ingredients if i.dose is not None]
    if doses and len(doses) != len(item.ingredients):
        raise ItemSyntaxError("every ingredient needs its amount", text=text or item.name)
    kinds = {dose.kind for dose in doses}
    if len(kinds) > 1:
        raise UnitError("the amounts of one item must all be masses or all rates",
                        text=text)
    for ingredient in item.ingredients:
        _check_dimension(ingredient, text)
    for drug in item.drugs:
        if drug.listed and route not in drug.routes:
            raise RouteError(
                f"{drug.name} has no {route.value} route in the catalogue",
                route=route.value, allowed=sorted(r.value for r in drug.routes), text=text,
            )
    if item.count is not None:
        check_magnitude(item.count, what="count", text=text)
    if item.count_low is not None:
        check_magnitude(item.count_low, what="count", text=text)
        if item.count is None or not item.count_low < item.count:
            raise ItemSyntaxError("a range of dosage units goes from the lower to the higher "
                                  "count", text=text or item.name)
    if item.max_prn_per_day is not None:
        check_magnitude(item.max_prn_per_day, what="max PRN doses per day", text=text)
        if not item.prn:
            raise ItemSyntaxError("'max N/day' belongs to a PRN item; add 'prn'",
                                  text=text or item.name)
    if item.duration_days is not None:
        check_magnitude(item.duration_days, what="duration", text=text)
        if item.duration_days > MAX_DURATION_DAYS:
            raise DoseError(f"a duration of {item.duration_days:g} days is more than "
                            f"{MAX_DURATION_DAYS:g}; check it", value=item.duration_days,
                            text=text)
    if len(item.ingredients) > 1 and any(d.kind is not UnitKind.MASS for d in doses):
        raise UnitError("a combination product is written as strengths per unit in mg",
                        text=text)
    kind = item.schedule.kind
    for dose in doses:
        ceiling, counted = ((IMPLAUSIBLE_DOSE_UNITS, "units") if dose.unit.in_units
                            else (IMPLAUSIBLE_DOSE_MG, "mg"))
        if dose.canonical * (item.count or 1.0) > ceiling:
            raise DoseError(f"{dose} is implausibly large for one dose or one day; check the "
                            "unit", value=dose.value, text=text)
        per_day = item.max_doses_per_day if dose.kind is UnitKind.MASS else 1.0
        if per_day is not None and dose.canonical * (item.count or 1.0) * per_day > ceiling:
            raise DoseError(
                f"{dose} {item.schedule} is "
                f"{significant(dose.canonical * (item.count or 1.0) * per_day)} {counted} a "
                "day, implausibly large; check the dose and the frequency", value=dose.value,
                text=text)
        if route is Route.TRANSDERMAL:
            if dose.unit.symbol != "mcg/h":
                raise UnitError(
                    f"a transdermal patch is written as its release rate in mcg/h, not {dose.unit}",
                    unit=dose.unit.symbol, allowed=["mcg/h"], text=text,
                )
            if kind not in (ScheduleKind.INTERVAL, ScheduleKind.UNSTATED):
                raise ItemSyntaxError(
                    "a patch takes its change interval (q72h) or no frequency",
                    text=text or item.name,
                )
            continue
        if dose.kind is UnitKind.RATE:
            # An intramuscular injection is a dose, never a rate: no IM infusion is given.
            if dose.unit.per_hour and route in (Route.ORAL, Route.SUBLINGUAL, Route.BUCCAL,
                                                Route.RECTAL, Route.INTRANASAL, Route.IM):
                raise UnitError(
                    f"a rate per hour ({dose.unit}) is for an infusion or a patch, not {route}",
                    unit=dose.unit.symbol, allowed=["mg", "mg/day"], text=text,
                )
            if kind not in (ScheduleKind.CONTINUOUS, ScheduleKind.UNSTATED):
                raise ItemSyntaxError(
                    f"an amount per {'hour' if dose.unit.per_hour else 'day'} is already a "
                    f"total and takes no frequency; write the dose per administration "
                    f"with {item.schedule}, or drop {item.schedule}",
                    text=text or item.name,
                )
            if item.prn:
                raise ItemSyntaxError("a PRN item is written as a dose per administration",
                                      text=text or item.name)
        else:
            if kind is ScheduleKind.CONTINUOUS:
                rates = (["units/h", "units/day"] if dose.unit.in_units
                         else ["mg/h", "mcg/h", "mg/day"])
                raise UnitError(
                    f"a continuous infusion is written as a rate ({', '.join(rates)}), not "
                    f"{dose.unit}", unit=dose.unit.symbol, allowed=rates, text=text,
                )
            if not item.prn and kind is ScheduleKind.UNSTATED:
                raise ItemSyntaxError(
                    "a scheduled dose needs a frequency (q12h, bid, daily, at night …) or a "
                    "daily amount (mg/day); an as-needed dose needs 'prn'",
                    text=text or item.name,
                )


class Hepatic(enum.Enum):
    """Hepatic impairment (e.g. Child–Pugh: none, mild = A, moderate = B, severe = C)."""

    NONE = "none"
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


#: The plausible range of each measured patient value [unit]: mpsdose checks adults, and a value
#: outside these bounds is an input slip (age 250, weight in grams), not a patient. Bounds, not
#: clinical limits: the oldest documented human lived to 122; adult weights below 20 kg or a
#: creatinine clearance above 300 mL/min are not plausible (augmented renal clearance is reported
#: up to about 200 mL/min).
PATIENT_BOUNDS: dict[str, tuple[float, float, str, str]] = {
    "age": (18.0, 125.0, "years", "mpsdose checks adults, 18 years and over"),
    "weight_kg": (20.0, 400.0, "kg", "an adult's weight in kilograms"),
    "crcl_ml_min": (1.0, 300.0, "mL/min", "a creatinine clearance in mL/min; for a patient on "
                    "dialysis add the condition 'dialysis'"),
}


def _measured(name: str, value: object) -> float | None:
    """A measured patient value: a finite number within its plausible range (None: not known)."""
    low, high, unit, meaning = PATIENT_BOUNDS[name]
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise PatientError(f"{name} must be a number [{unit}], not {value!r}", field=name,
                           value=value)
    try:
        number = float(value)
    except ValueError:
        raise PatientError(f"{name} {value!r} is not a number [{unit}]", field=name,
                           value=value) from None
    if not (math.isfinite(number) and low <= number <= high):
        shown = f"{number:g}" if math.isfinite(number) else repr(value)
        raise PatientError(f"{name} {shown} is not plausible: expected {low:g}–{high:g} {unit} "
                           f"({meaning})", field=name, value=value)
    return number


def _age(value: object) -> float | None:
    return _measured("age", value)


def _weight(value: object) -> float | None:
    return _measured("weight_kg", value)


def _crcl(value: object) -> float | None:
    return _measured("crcl_ml_min", value)


_HEPATIC_SPELLINGS = {
    "none": "none", "no": "none", "normal": "none",
    "mild": "mild", "child-pugh a": "mild", "child pugh a": "mild",
    "moderate": "moderate", "child-pugh b": "moderate", "child pugh b": "moderate",
    "severe": "severe", "child-pugh c": "severe", "child pugh c": "severe",
}


def _hepatic(value: object) -> Hepatic | None:
    if value is None or isinstance(value, Hepatic):
        return value
    if isinstance(value, str):
        key = " ".join(value.strip().lower().split())
        if key in _HEPATIC_SPELLINGS:
            return Hepatic(_HEPATIC_SPELLINGS[key])
    raise PatientError(f"hepatic {value!r}: use one of none, mild, moderate, severe (Child–Pugh "
                       "A, B, C)", field="hepatic", value=value,
                       allowed=[h.value for h in Hepatic])


_TOLERANCE_SPELLINGS = {
    "yes": True, "true": True, "y": True, "tolerant": True, "opioid-tolerant": True,
    "opioid tolerant": True,
    "no": False, "false": False, "n": False, "naive": False, "opioid-naive": False,
    "opioid naive": False, "naïve": False, "opioid-naïve": False, "not tolerant": False,
}


def _tolerance(value: object) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TOLERANCE_SPELLINGS:
        return _TOLERANCE_SPELLINGS[value.strip().lower()]
    raise PatientError(f"opioid_tolerant {value!r}: use true (opioid-tolerant), false "
                       "(opioid-naive), or leave it out (not known)", field="opioid_tolerant",
                       value=value, allowed=["true", "false"])


def _conditions(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    names = (value,) if isinstance(value, str) else value
    if not isinstance(names, Iterable):
        raise PatientError(f"conditions {value!r}: a list of condition names",
                           field="conditions", value=value, allowed=list(CONDITIONS))
    found: list[str] = []
    for name in names:
        if not isinstance(name, str):
            raise PatientError(f"condition {name!r} is not a name", field="conditions",
                               value=name, allowed=list(CONDITIONS))
        try:
            found.append(parse_condition(name))
        except ValueError as error:
            raise PatientError(str(error), field="conditions", value=name,
                               allowed=list(CONDITIONS)) from None
    return tuple(dict.fromkeys(found))


def _setting(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise PatientError(f"setting {value!r} is not a name", field="setting", value=value,
                           allowed=list(SETTINGS))
    try:
        return parse_setting(value)
    except ValueError as error:
        raise PatientError(str(error), field="setting", value=value,
                           allowed=list(SETTINGS)) from None


@attrs.frozen(repr=False, eq=False)
class Patient(Value):
    """What is known of the patient; every field is optional and never invented.

    A check that needs a field that is None says so (an info finding) instead of assuming. Values
    are checked and converted when a patient is built: an implausible age, weight or CrCl, an
    unknown hepatic grade, condition or setting is a :class:`PatientError` that lists what is
    accepted; ``hepatic="severe"``, ``opioid_tolerant="no"`` and condition spellings (``"COPD"``,
    ``"sleep apnea"``) are read as what they mean.

    Attributes
    ----------
    age, weight_kg, crcl_ml_min
        [years], [kg], creatinine clearance [mL/min], within :data:`PATIENT_BOUNDS`.
    hepatic
        Hepatic impairment (Child–Pugh A/B/C = mild/moderate/severe), or ``none``.
    opioid_tolerant
        True (tolerant), False (opioid-naive) or None (not known: the checks say what they
        assumed).
    conditions
        Canonical names of :data:`~mpsdose.model.vocabulary.CONDITIONS` (``copd``,
        ``sleep-apnoea``, ``dialysis`` …).
    setting
        A care setting of :data:`~mpsdose.model.vocabulary.SETTINGS` (``end-of-life``: rules
        whose sources exclude it step down to info).

    Raises
    ------
    PatientError
        An implausible age, weight or clearance; an unknown hepatic grade, tolerance, condition
        or setting.

    Examples
    --------
    >>> from mpsdose import Patient
    >>> Patient(age=80, crcl_ml_min=25).weight_kg is None
    True
    >>> Patient(conditions=["COPD"], setting="end of life").conditions
    ('copd',)
    """

    age: float | None = attrs.field(default=None, converter=_age)
    weight_kg: float | None = attrs.field(default=None, converter=_weight)
    crcl_ml_min: float | None = attrs.field(default=None, converter=_crcl)
    hepatic: Hepatic | None = attrs.field(default=None, converter=_hepatic)
    opioid_tolerant: bool | None = attrs.field(default=None, converter=_tolerance)
    conditions: tuple[str, ...] = attrs.field(default=(), converter=_conditions)
    setting: str | None = attrs.field(default=None, converter=_setting)


@attrs.frozen(repr=False, eq=False)
class Regimen(Value):
    """A list of items given together, with an optional label and patient.

    Attributes
    ----------
    items
        The items, in the order given.
    label
        A name for the regimen (a course file's state label, "admission").
    patient
        What is known of the patient.

    Examples
    --------
    >>> import mpsdose
    >>> regimen = mpsdose.Regimen.parse(["oxycodone er 10 mg po q12h", "acetaminophen 1 g po qid"])
    >>> [item.name for item in regimen]
    ['oxycodone', 'acetaminophen']
    """

    items: tuple[Item, ...] = attrs.field(
        default=(), converter=_tuple, validator=field_check(tuple[Item, ...], "items"))
    label: str | None = attrs.field(default=None, validator=field_check(str | None, "label"))
    patient: Patient = attrs.field(default=Patient(), validator=field_check(Patient, "patient"))

    def __attrs_post_init__(self) -> None:
        if len(self.items) > MAX_ITEMS:
            raise ArgumentError(f"a regimen has at most {MAX_ITEMS} items; this one has "
                                f"{len(self.items)}", function="Regimen", argument="items")

    @classmethod
    def parse(cls, lines: Iterable[str], *, label: str | None = None,
              patient: Patient | None = None, allow_unlisted: bool = False,
              knowledge: Any = None) -> Regimen:
        """A regimen from item strings (see :func:`mpsdose.parse_item`).

        Parameters
        ----------
        lines
            One item of the item language per string.
        label
            A name for the regimen.
        patient
            What is known of the patient; None: nothing.
        allow_unlisted
            Keep drugs the catalogue does not know (shown, never totalled) instead of raising.
        knowledge
            A :class:`mpsdose.Knowledge` whose catalogue names the drugs; None: the shipped one.

        Returns
        -------
        Regimen

        Raises
        ------
        ItemSyntaxError, UnknownDrugError, UnitError, RouteError, DoseError
            From the first item that cannot be read, naming it.
        """
        from mpsdose.io.language import parse_item  # the layers' one exception: see pyproject

        if isinstance(lines, str | bytes) or not isinstance(lines, Iterable):
            raise ArgumentError("Regimen.parse(): lines must be a list of item strings, not "
                                f"{type(lines).__name__} {lines!r:.40}",
                                function="Regimen.parse", argument="lines")
        if label is not None and not isinstance(label, str):
            raise ArgumentError(f"Regimen.parse(): label must be a string, not "
                                f"{type(label).__name__}", function="Regimen.parse",
                                argument="label")
        if patient is not None and not isinstance(patient, Patient):
            raise ArgumentError(f"Regimen.parse(): patient must be a Patient, not "
                                f"{type(patient).__name__}", function="Regimen.parse",
                                argument="patient")
        items = tuple(parse_item(line, allow_unlisted=allow_unlisted, knowledge=knowledge)
                      for line in lines)
        return cls(items, label, patient or Patient())

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def added(self, *items: Item) -> Regimen:
        """The same regimen with ``items`` appended."""
        return attrs.evolve(self, items=self.items + items)


@attrs.frozen(repr=False, eq=False)
class State(Value):
    """One state of a course: a labelled (and optionally dated) regimen.

    Attributes
    ----------
    label
        The state's name ("admission", "titrated").
    regimen
        What was given in this state.
    date
        An ISO date, where the source gives one.
    day
        Day of the course [days], where the source counts days instead of dates.
    note
        Free text (what the case report says of this state).
    """

    label: str = attrs.field(validator=field_check(str, "label"))
    regimen: Regimen = attrs.field(validator=field_check(Regimen, "regimen"))
    date: str | None = attrs.field(default=None, validator=field_check(str | None, "date"))
    day: float | None = attrs.field(default=None, validator=field_check(float | None, "day"))
    note: str | None = attrs.field(default=None, validator=field_check(str | None, "note"))


@attrs.frozen(repr=False, eq=False)
class Course(Value):
    """The successive states of one patient's regimen, as a case report tells them.

    Attributes
    ----------
    states
        The states in order; commands act on the last unless told another.
    patient
        What is known of the patient, once for the whole course.
    label
        A name for the course.
    """

    states: tuple[State, ...] = attrs.field(converter=_tuple,
                                            validator=field_check(tuple[State, ...], "states"))
    patient: Patient = attrs.field(default=Patient(), validator=field_check(Patient, "patient"))
    label: str | None = attrs.field(default=None, validator=field_check(str | None, "label"))

    def __attrs_post_init__(self) -> None:
        if not self.states:
            raise ArgumentError("Course: a course has at least one state", function="Course",
                                argument="states")

    @property
    def last(self) -> State:
        """The last state."""
        return self.states[-1]

    def state(self, label: str) -> State:
        """The state with this label (case-insensitive).

        Raises
        ------
        UnknownStateError
            No state has that label (also a ``KeyError``); the message lists the labels.
        """
        if not isinstance(label, str):
            raise ArgumentError(f"Course.state(): label must be a string, not "
                                f"{type(label).__name__}", function="Course.state",
                                argument="label")
        for state in self.states:
            if state.label.lower() == label.strip().lower():
                return state
        raise UnknownStateError(label, [s.label for s in self.states])

    @property
    def labels(self) -> Sequence[str]:
        """The states' labels, in order."""
        return [state.label for state in self.states]
