"""How numbers are written for people: significant digits, no exponent, no float noise."""

from __future__ import annotations

import decimal
import math

__all__ = ["plain", "significant"]


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
    return format(decimal.Decimal(repr(value)), "f")
