"""The shared __repr__ of mpsdose's value objects writes what attrs's own would."""

from __future__ import annotations

import attrs

from mpsdose import Dose, Schedule, ScheduleKind, parse_item
from mpsdose.model.value import Value


@attrs.frozen
class _ByAttrs:
    amount: float
    name: str = "x"
    hidden: int = attrs.field(default=0, repr=False)
    shown: int = attrs.field(default=7, repr=lambda value: f"<{value}>")
    _private: tuple[int, ...] = ()
    later: list[int] = attrs.field(init=False, factory=list)


@attrs.frozen(repr=False)
class _ByValue(Value):
    amount: float
    name: str = "x"
    hidden: int = attrs.field(default=0, repr=False)
    shown: int = attrs.field(default=7, repr=lambda value: f"<{value}>")
    _private: tuple[int, ...] = ()
    later: list[int] = attrs.field(init=False, factory=list)


def test_value_repr_is_the_attrs_repr():
    for args in ((1.5,), (2.0, "y", 3, 9, (1, 2))):
        by_attrs, by_value = repr(_ByAttrs(*args)), repr(_ByValue(*args))
        assert by_value == by_attrs.replace("_ByAttrs", "_ByValue")


def test_value_objects_have_no_instance_dict_and_read_as_before():
    dose = Dose.of(20, "mg")
    assert not hasattr(dose, "__dict__")
    assert repr(Schedule(ScheduleKind.TIMES_PER_DAY, 2.0)) == \
        "Schedule(kind=<ScheduleKind.TIMES_PER_DAY: 'times per day'>, value=2.0)"
    assert repr(parse_item("oxycodone 20 mg/day")).startswith("Item(ingredients=(Ingredient(")
