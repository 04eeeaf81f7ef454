"""How numbers are written for people: significant digits, no exponent, no float noise."""

from __future__ import annotations

import math
from typing import Any

__all__ = ["DIGITS", "bounds", "clean", "plain", "significant"]

#: Significant digits a number keeps in machine output (``--json``, batch files): far beyond any
#: clinical precision, and few enough that binary float noise does not show.
DIGITS = 12


def significant(value: float, digits: int = 4) -> str:
    """``value`` with at most ``digits`` significant digits, no exponent, no trailing zeros.

    >>> significant(59.999999999999986)
    '60'
    >>> significant(0.000123456, 3)
    '0.000123'
    """
    text = f"{value:.{digits}g}"
    if "e" in text:
        text = f"{value:.{max(digits - 1, 0)}f}".rstrip("0").rstrip(".")
    return text


def plain(value: float) -> str:
    """A magnitude written exactly and without exponent: 20, 2.5, 0.00001 (parses back equal)."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    import decimal  # only for a number that is not whole (1.5 ms at start-up otherwise)

    return format(decimal.Decimal(repr(value)), "f")


def clean(value: Any) -> Any:
    """``value`` with every float rounded to :data:`DIGITS` significant digits, recursively
    through dicts, lists and tuples: ``59.999999999999986`` → ``60.0``. Other values unchanged.

    >>> clean({"a": [0.30000000000000004, 1]})
    {'a': [0.3, 1]}
    """
    if isinstance(value, float):
        return float(f"{value:.{DIGITS}g}") if math.isfinite(value) else value
    if isinstance(value, dict):
        return {key: clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean(item) for item in value]
    return value


def bounds(value: float | None, low: float | None, high: float | None) -> tuple[float, float]:
    """(low, high) of a value written as a range (``<name>_low``/``<name>_high``) or a point:
    the range where it has one, else the point value twice.

    >>> bounds(None, 0.25, 0.5)
    (0.25, 0.5)
    >>> bounds(1.5, None, None)
    (1.5, 1.5)
    """
    if low is not None and high is not None:
        return (low, high)
    if value is None:
        raise ValueError("neither a value nor a range")
    return (value, value)
