"""Units: the fast spelling table agrees with pint, and dangerous units are refused."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpsdose import Dose, DoseError, UnitError
from mpsdose.model.units import SPELLINGS, UNITS, UnitKind, check_magnitude, lookup_unit, registry


@pytest.mark.parametrize("symbol", sorted(UNITS))
def test_scale_matches_pint(symbol):
    """Every canonical unit's scale is what pint computes for it (pint is the reference)."""
    unit = UNITS[symbol]
    ureg = registry()
    canonical = ureg.Unit(UNITS[unit.canonical_symbol].pint_expression)
    assert ureg.Quantity(1.0, unit.pint_expression).to(canonical).magnitude == pytest.approx(
        unit.scale, rel=1e-12
    )


SPELLED = [
    # (mpsdose spelling, the same unit as pint writes it)
    ("mg", "milligram"), ("MG", "milligram"), ("g", "gram"), ("gm", "gram"),
    ("mcg", "microgram"), ("µg", "microgram"), ("ug", "microgram"),
    ("mg/day", "milligram/day"), ("mg/d", "milligram/day"), ("mg per day", "milligram/day"),
    ("mg/24h", "milligram/day"), ("g/day", "gram/day"), ("mcg/day", "microgram/day"),
    ("mcg/h", "microgram/hour"), ("µg/h", "microgram/hour"), ("mcg/hr", "microgram/hour"),
    ("mcg per hour", "microgram/hour"), ("mg/h", "milligram/hour"),
    ("ml", "milliliter"), ("mg/mL", "milligram/milliliter"), ("mcg/ml", "microgram/milliliter"),
]


@pytest.mark.parametrize(("spelling", "pint_spelling"), SPELLED, ids=[s for s, _ in SPELLED])
def test_spellings_mean_what_pint_says(spelling, pint_spelling):
    unit = lookup_unit(spelling)
    ureg = registry()
    canonical = ureg.Unit(UNITS[unit.kind.canonical].pint_expression)
    assert ureg.Quantity(1.0, pint_spelling).to(canonical).magnitude == pytest.approx(unit.scale)


def test_every_spelling_maps_to_a_canonical_unit():
    assert set(SPELLINGS.values()) <= set(UNITS)


@pytest.mark.parametrize("spelling", ["cc", "tsp", "drops", "gr", "ng"])
def test_dangerous_or_ambiguous_units_are_refused(spelling):
    with pytest.raises(UnitError, match="refused"):
        lookup_unit(spelling)


@pytest.mark.parametrize(("spelling", "symbol"), [
    ("U", "units"), ("IU", "units"), ("units", "units"), ("unit", "units"),
    ("international units", "units"), ("units/h", "units/h"), ("IU/hr", "units/h"),
    ("units per hour", "units/h"), ("units/day", "units/day"), ("u/24h", "units/day"),
])
def test_units_of_activity_are_their_own_dimension(spelling, symbol):
    # whether units are a dose unit is the drug's to say (tests/test_language.py); here: they
    # are read, and never taken for a mass
    unit = lookup_unit(spelling)
    assert unit.symbol == symbol and unit.in_units
    assert symbol not in SPELLINGS.values()  # a reader of masses only (batch) never takes them
    ureg = registry()
    with pytest.raises(Exception, match=r"[Cc]annot convert"):
        ureg.Quantity(1.0, unit.pint_expression).to("milligram")


def test_units_of_activity_round_trip_through_pint():
    dose = Dose.of(1000, "units/h")
    back = Dose.from_quantity(dose.quantity)
    assert back.unit.in_units and back.canonical == pytest.approx(24000.0)


def test_unknown_unit_lists_the_valid_ones():
    with pytest.raises(UnitError) as caught:
        lookup_unit("mg/kg")
    assert "mg/kg" in str(caught.value)
    assert "mcg/h" in caught.value.allowed


@pytest.mark.parametrize("value", [0, -1, math.nan, math.inf, "x", None])
def test_magnitudes_must_be_finite_and_positive(value):
    with pytest.raises(DoseError):
        check_magnitude(value)


@given(st.floats(min_value=1e-3, max_value=1e4))
def test_a_dose_and_its_pint_quantity_round_trip(value):
    dose = Dose.of(value, "mcg/h")
    back = Dose.from_quantity(dose.quantity)
    assert back.unit.kind is UnitKind.RATE
    assert back.canonical == pytest.approx(dose.canonical, rel=1e-9)


def test_a_quantity_of_the_wrong_dimension_is_refused():
    with pytest.raises(UnitError):
        Dose.from_quantity(registry().Quantity(3, "meter"))
