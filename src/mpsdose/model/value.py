"""The base of mpsdose's frozen value objects: one ``__repr__`` shared by all of them.

attrs writes, and compiles, a ``__repr__`` for every class it builds. Compiling is most of the
cost of building a class, and building the value classes was the largest part of the CLI's
start-up. So the value objects are ``@attrs.frozen(repr=False)`` subclasses of :class:`Value`,
whose one ``__repr__`` writes what attrs's own would (``Dose(value=20.0, unit=…)``; fields with
``repr=False`` left out, a ``repr=`` callable used).
"""

from __future__ import annotations

import attrs

__all__ = ["Value"]


class Value:
    """A frozen attrs value object (``@attrs.frozen(repr=False)``); see the module notes."""

    __slots__ = ()

    def __repr__(self) -> str:
        parts = []
        for field in type(self).__attrs_attrs__:  # type: ignore[attr-defined]
            if field.repr:
                value = getattr(self, field.name, attrs.NOTHING)
                shown = field.repr(value) if callable(field.repr) else repr(value)
                parts.append(f"{field.name}={shown}")
        return f"{type(self).__qualname__.rsplit('>.', 1)[-1]}({', '.join(parts)})"
