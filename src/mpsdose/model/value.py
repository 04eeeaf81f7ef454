"""The base of mpsdose's frozen value objects: one ``__repr__``, ``__eq__`` and ``__hash__``
shared by all of them.

attrs writes, and compiles, these methods for every class it builds. Compiling is most of the
cost of building a class, and building the value classes was the largest part of the CLI's
start-up. So the value objects are ``@attrs.frozen(repr=False, eq=False)`` subclasses of
:class:`Value`, whose methods do what attrs's own would: ``repr`` writes ``Dose(value=20.0,
unit=…)`` (fields with ``repr=False`` left out, a ``repr=`` callable used); two objects are equal
where they are of the same class and their fields (those with ``eq=True``) are equal, and equal
objects hash alike.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["Value"]

#: Per class: its compared fields' values as a tuple (``operator.attrgetter``: C speed), made on
#: first use.
_COMPARED: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _compared(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    try:
        return _COMPARED[cls]
    except KeyError:
        names = [field.name for field in cls.__attrs_attrs__  # type: ignore[attr-defined]
                 if field.eq]
        values: Callable[[Any], tuple[Any, ...]]
        if len(names) > 1:
            values = operator.attrgetter(*names)
        else:  # attrgetter of one name gives the value, not a tuple of it
            getters = [operator.attrgetter(name) for name in names]

            def values(instance: Any) -> tuple[Any, ...]:
                return tuple(get(instance) for get in getters)
        _COMPARED[cls] = values
        return values


class Value:
    """A frozen attrs value object (``@attrs.frozen(repr=False, eq=False)``); see the module
    notes."""

    __slots__ = ()

    def __repr__(self) -> str:
        parts = []
        for field in type(self).__attrs_attrs__:  # type: ignore[attr-defined]
            if field.repr:
                value = getattr(self, field.name, attrs.NOTHING)
                shown = field.repr(value) if callable(field.repr) else repr(value)
                parts.append(f"{field.name}={shown}")
        return f"{type(self).__qualname__.rsplit('>.', 1)[-1]}({', '.join(parts)})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        values = _compared(self.__class__)
        return values(self) == values(other)

    def __hash__(self) -> int:
        return hash((self.__class__, _compared(self.__class__)(self)))
