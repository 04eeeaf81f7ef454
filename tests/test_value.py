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


@attrs.frozen
class _EqByAttrs:
    a: float
    b: tuple[int, ...] = ()
    ignored: str = attrs.field(default="", eq=False)


@attrs.frozen(repr=False, eq=False)
class _EqByValue(Value):
    a: float
    b: tuple[int, ...] = ()
    ignored: str = attrs.field(default="", eq=False)


def test_value_equality_and_hash_are_the_attrs_ones():
    pairs = [((1.0, (1,), "x"), (1.0, (1,), "y")), ((1.0,), (2.0,)), ((1.0, (1,)), (1.0, (2,)))]
    for left, right in pairs:
        assert (_EqByAttrs(*left) == _EqByAttrs(*right)) == (_EqByValue(*left) == _EqByValue(*right))
        assert (_EqByAttrs(*left) != _EqByAttrs(*right)) == (_EqByValue(*left) != _EqByValue(*right))
    same = _EqByValue(1.0, (1,), "x"), _EqByValue(1.0, (1,), "y")
    assert hash(same[0]) == hash(same[1]) and len({*same}) == 1
    assert _EqByValue(1.0) != _EqByAttrs(1.0)  # another class is never equal
    assert parse_item("oxycodone 20 mg/day") == parse_item("oxycodone  20 mg/day")  # text aside


def test_value_objects_pickle():
    import pickle

    item = parse_item("oxycodone er 10 mg po q12h")
    assert pickle.loads(pickle.dumps(item)) == item
