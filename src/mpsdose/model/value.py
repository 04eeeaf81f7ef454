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

import attrs

__all__ = ["Value"]

#: The fields each class compares and hashes, found on first use.
_COMPARED: dict[type, tuple[str, ...]] = {}


def _compared(cls: type) -> tuple[str, ...]:
    try:
        return _COMPARED[cls]
    except KeyError:
        names = tuple(field.name for field in cls.__attrs_attrs__  # type: ignore[attr-defined]
                      if field.eq)
        _COMPARED[cls] = names
        return names


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
        names = _compared(self.__class__)
        return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)

    def __hash__(self) -> int:
        names = _compared(self.__class__)
        return hash((self.__class__, *(getattr(self, n) for n in names)))
