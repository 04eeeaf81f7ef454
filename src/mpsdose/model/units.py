"""Units of analgesic doses: the clinical spellings, their canonical forms, and the one pint registry.

Units are parsed and checked once, at the edge, when an item or file is read. Inside, magnitudes are
plain floats in canonical units (STYLE.md habit 1):

==============  =========  ===============================================================
kind            canonical  spellings accepted (case-insensitive)
==============  =========  ===============================================================
mass            mg         g, mg, mcg, µg, ug (and the spelled-out words)
rate            mg/day     g/day, mg/day, mcg/day, mg/d, "mg per day", mg/24h;
                           mg/h, mcg/h, µg/h, ug/h, "mcg per hour" (patches, infusions)
volume          mL         mL, ml
concentration   mg/mL      mg/mL, mcg/mL, g/mL
activity        units      units, unit, U, IU, "international units" (a dose; per day and per
                           hour as for mass: units/day, units/h)
==============  =========  ===============================================================

Units of activity are a second dimension beside mass (:attr:`Unit.dimension`): they are never
converted to or added with mg. They are a dose unit only for the drugs the catalogue marks as
dosed in units (``natural_unit`` ``units/day`` in ``drugs.csv``: heparin, dalteparin); an item
of any other drug in units (an opioid in U/IU) is refused where the drug and the dose meet
(:class:`mpsdose.model.regimen.Item`), naming the drug.

The spelling table below is what the hot path uses: a dictionary look-up, no pint. pint is the
reference for it (``tests/test_units.py`` checks every scale against the registry) and is what
callers get when they ask for a :class:`pint.Quantity` (:func:`quantity`, ``Dose.quantity``).
pint itself is imported only then, so ``import mpsdose`` and the CLI stay fast.

Refused, because they are ambiguous or dangerous for a dose: ``cc`` (write mL), household
measures (teaspoon, drops), grains, nanograms.
"""

from __future__ import annotations

import enum
import functools
import math
from typing import TYPE_CHECKING

import attrs

from mpsdose.model.errors import DoseError, UnitError
from mpsdose.model.value import Value

if TYPE_CHECKING:  # pragma: no cover
    import pint

__all__ = [
    "UNITS",
    "Dimension",
    "Unit",
    "UnitKind",
    "check_magnitude",
    "from_quantity",
    "lookup_unit",
    "quantity",
    "registry",
]


class UnitKind(enum.Enum):
    """What an amount measures."""

    MASS = "mass"  #: a single dose, e.g. 5 mg
    RATE = "rate"  #: an amount per time: a daily total, a patch's release rate, an infusion
    VOLUME = "volume"  #: a volume of a liquid, read with its concentration
    CONCENTRATION = "concentration"  #: mass per volume of a liquid form

    @property
    def canonical(self) -> str:
        return _CANONICAL[self]


class Dimension(enum.Enum):
    """What an amount is counted in: mass, or units of biological activity (heparins)."""

    MASS = "mass"  #: mg, g, mcg (and their rates)
    ACTIVITY = "activity"  #: units (USP units and international units are one unit here)


_CANONICAL = {
    UnitKind.MASS: "mg",
    UnitKind.RATE: "mg/day",
    UnitKind.VOLUME: "mL",
    UnitKind.CONCENTRATION: "mg/mL",
}


@attrs.frozen(repr=False, eq=False)
class Unit(Value):
    """A clinical unit.

    Attributes
    ----------
    symbol
        The canonical spelling mpsdose writes (``"mcg/h"``, ``"mg/day"``).
    kind
        What it measures.
    scale
        Multiply a magnitude in this unit by ``scale`` to get the canonical unit of its kind
        (mg, mg/day, mL or mg/mL). Exact unit arithmetic (e.g. 1 mcg/h = 24/1000 mg/day).
    pint_expression
        How pint spells it, for :func:`quantity`.
    dimension
        Mass (the default) or activity (units): amounts of different dimensions are never
        converted into each other or added.
    """

    symbol: str
    kind: UnitKind
    scale: float
    pint_expression: str
    dimension: Dimension = Dimension.MASS

    @property
    def in_units(self) -> bool:
        """True for a unit of activity (units, units/day, units/h)."""
        return self.dimension is Dimension.ACTIVITY

    @property
    def canonical_symbol(self) -> str:
        """The canonical unit of its kind and dimension: mg, mg/day, mL, mg/mL; units,
        units/day."""
        if self.in_units:
            return "units/day" if self.kind is UnitKind.RATE else "units"
        return self.kind.canonical

    @property
    def per_hour(self) -> bool:
        """True for a rate written per hour (a patch's release rate or an infusion rate)."""
        return self.kind is UnitKind.RATE and self.symbol.endswith("/h")

    def to_canonical(self, magnitude: float) -> float:
        return magnitude * self.scale

    def from_canonical(self, magnitude: float) -> float:
        return magnitude / self.scale

    def __str__(self) -> str:
        return self.symbol


def _unit(symbol: str, kind: UnitKind, scale: float, pint_expression: str,
          dimension: Dimension = Dimension.MASS) -> Unit:
    return Unit(symbol, kind, scale, pint_expression, dimension)


#: The canonical units, by symbol. Scales are exact SI prefixes and 24 h = 1 day.
UNITS: dict[str, Unit] = {
    u.symbol: u
    for u in (
        _unit("g", UnitKind.MASS, 1000.0, "gram"),
        _unit("mg", UnitKind.MASS, 1.0, "milligram"),
        _unit("mcg", UnitKind.MASS, 1e-3, "microgram"),
        _unit("g/day", UnitKind.RATE, 1000.0, "gram / day"),
        _unit("mg/day", UnitKind.RATE, 1.0, "milligram / day"),
        _unit("mcg/day", UnitKind.RATE, 1e-3, "microgram / day"),
        _unit("mg/h", UnitKind.RATE, 24.0, "milligram / hour"),
        _unit("mcg/h", UnitKind.RATE, 24e-3, "microgram / hour"),
        _unit("mL", UnitKind.VOLUME, 1.0, "milliliter"),
        _unit("g/mL", UnitKind.CONCENTRATION, 1000.0, "gram / milliliter"),
        _unit("mg/mL", UnitKind.CONCENTRATION, 1.0, "milligram / milliliter"),
        _unit("mcg/mL", UnitKind.CONCENTRATION, 1e-3, "microgram / milliliter"),
        _unit("units", UnitKind.MASS, 1.0, "activity_unit", Dimension.ACTIVITY),
        _unit("units/day", UnitKind.RATE, 1.0, "activity_unit / day", Dimension.ACTIVITY),
        _unit("units/h", UnitKind.RATE, 24.0, "activity_unit / hour", Dimension.ACTIVITY),
    )
}

_MASS_WORDS = {
    "g": ("g", "gm", "gram", "grams"),
    "mg": ("mg", "milligram", "milligrams"),
    "mcg": ("mcg", "µg", "μg", "ug", "microg", "microgram", "micrograms"),
}
_PER_DAY = ("/day", "/d", "/24h", "/24 h", "/24 hours", "/24hours", "/24 hrs", "/24hrs", "/24 hr",
            " per day", " a day", " daily", " per 24h", " per 24 h", " per 24 hours")
_PER_HOUR = ("/h", "/hr", "/hour", " per hour", " per h", " an hour")
#: Units of activity, as labels and orders write them ("heparin 5,000 units", "Fragmin 5000 IU").
_UNIT_WORDS = ("units", "unit", "u", "iu", "i.u.", "international units", "international unit")


def _spellings() -> dict[str, str]:
    table: dict[str, str] = {}
    for symbol, words in _MASS_WORDS.items():
        for word in words:
            table[word] = symbol
            for suffix in _PER_DAY:
                table[word + suffix] = symbol + "/day"
            if symbol != "g":  # g/h is not a dose rate anyone writes; refuse it as unknown
                for suffix in _PER_HOUR:
                    table[word + suffix] = symbol + "/h"
            for volume in ("/ml", "/mL", " per ml", " per mL"):
                table[word + volume] = symbol + "/mL"
    for word in _UNIT_WORDS:
        table[word] = "units"
        for suffix in _PER_DAY:
            table[word + suffix] = "units/day"
        for suffix in _PER_HOUR:
            table[word + suffix] = "units/h"
    table["ml"] = "mL"
    table["milliliter"] = table["milliliters"] = "mL"
    table["millilitre"] = table["millilitres"] = "mL"
    return {key.lower(): value for key, value in table.items()}


#: Every accepted spelling (lower case) → canonical symbol; units of activity (``units``, ``IU``)
#: are in :data:`ACTIVITY_SPELLINGS`, apart, so that a reader of mass amounts only (batch MME)
#: never takes them for one.
_ALL_SPELLINGS: dict[str, str] = _spellings()
SPELLINGS: dict[str, str] = {k: v for k, v in _ALL_SPELLINGS.items() if not UNITS[v].in_units}
ACTIVITY_SPELLINGS: dict[str, str] = {k: v for k, v in _ALL_SPELLINGS.items()
                                      if UNITS[v].in_units}

#: Spellings refused on purpose, with the reason given to the user.
REFUSED: dict[str, str] = {
    "cc": "'cc' is a discouraged abbreviation (misread as 'u'); write mL",
    "tsp": "household measures are not accepted; write mL",
    "teaspoon": "household measures are not accepted; write mL",
    "tbsp": "household measures are not accepted; write mL",
    "drop": "drops vary by dropper; write mL",
    "drops": "drops vary by dropper; write mL",
    "gtt": "drops vary by dropper; write mL",
    "gr": "'gr' (grain) is easily confused with gram; write mg",
    "grain": "grains are not accepted; write mg",
    "ng": "no analgesic here is dosed in nanograms; check the unit",
}


def lookup_unit(spelling: str, *, text: str | None = None) -> Unit:
    """Return the :class:`Unit` for a spelling such as ``"mg"``, ``"µg/h"``, ``"mg per day"`` or
    ``"IU"``.

    A unit of activity (``units``, ``U``, ``IU``) is returned like any other: whether it is a
    dose unit for a drug is decided where the drug is known (an item of a drug dosed in mg, an
    opioid, in units is refused there).

    Raises
    ------
    UnitError
        For a refused unit (``cc``, ``gr``, drops …) with the reason, or an unknown one with the
        accepted spellings.
    """
    key = " ".join(spelling.strip().lower().split())
    symbol = (_ALL_SPELLINGS.get(key) or _ALL_SPELLINGS.get(key.replace(" ", ""))
              or _ALL_SPELLINGS.get(key.replace(" /", "/").replace("/ ", "/")))
    if symbol is not None:
        return UNITS[symbol]
    head = key.split("/")[0].strip()
    reason = REFUSED.get(key) or REFUSED.get(head)
    if reason is not None:
        raise UnitError(f"unit {spelling!r} refused: {reason}", unit=spelling, text=text)
    raise UnitError(
        f"unknown unit {spelling!r}", unit=spelling, allowed=sorted(UNITS), text=text
    )


def check_magnitude(value: float, *, what: str = "dose", text: str | None = None) -> float:
    """Return ``value`` as a float if it is a finite, positive number; raise :class:`DoseError`.

    Zero is refused too: a drug that is not given is left out of the regimen, and a dose that is
    not known is written ``dose unknown``.
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise DoseError(f"{what} {value!r} is not a number", value=value, text=text) from None
    if math.isnan(number) or math.isinf(number):
        raise DoseError(f"{what} {value!r} is not a finite number", value=value, text=text)
    if number < 0:
        raise DoseError(f"{what} {value!r} is negative", value=value, text=text)
    if number == 0:
        raise DoseError(
            f"{what} is zero; leave a stopped drug out, or write 'dose unknown'",
            value=value, text=text,
        )
    return number


@functools.cache
def registry() -> pint.UnitRegistry:  # type: ignore[type-arg]
    """The one pint registry of mpsdose, built on first use (pint is imported only here).

    It knows the clinical spellings: ``mcg`` = microgram, ``ug`` (already pint's), and ``day``/
    ``hour`` from pint's defaults.
    """
    import pint

    ureg: pint.UnitRegistry = pint.UnitRegistry(cache_folder=None)  # type: ignore[type-arg]
    ureg.define("mcg = microgram")
    # units of activity (heparin's USP units = international units): a dimension of their own,
    # so that pint refuses to convert them to mass as mpsdose does
    ureg.define("activity_unit = [activity]")
    return ureg


def quantity(magnitude: float, unit: Unit | str) -> pint.Quantity:  # type: ignore[type-arg]
    """``magnitude`` in ``unit`` as a :class:`pint.Quantity` of :func:`registry`."""
    if isinstance(unit, str):
        unit = lookup_unit(unit)
    return registry().Quantity(magnitude, unit.pint_expression)


def from_quantity(
    value: pint.Quantity, *, text: str | None = None  # type: ignore[type-arg]
) -> tuple[float, Unit]:
    """Split a pint Quantity of the registry into (magnitude, :class:`Unit`).

    The quantity is converted to the canonical unit of its dimension (mg, mg/day, mL, mg/mL).
    """
    ureg = registry()
    for unit_symbol in ("mg", "mg/day", "mL", "mg/mL", "units", "units/day"):
        unit = UNITS[unit_symbol]
        target = ureg.Unit(unit.pint_expression)
        if value.dimensionality == target.dimensionality:
            return float(value.to(target).magnitude), unit
    raise UnitError(
        f"a quantity in {value.units!s} is not a dose", unit=str(value.units),
        allowed=["mass", "mass per time", "volume", "mass per volume", "units",
                 "units per time"], text=text,
    )
