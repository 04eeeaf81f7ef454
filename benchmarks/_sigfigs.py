"""Rounding to significant digits with polars column operations: the values of polars's own
``Expr.round_sig_figs(digits)`` on Float64, bit for bit (for ``bench_rounding.py``; not used by
the library, being no cheaper inside its queries).

Why: the batch outputs round every daily dose, MME and per-patient number to
:data:`mpsdose.model.numbers.DIGITS` significant digits (no float noise in the files), and
``round_sig_figs`` costs about 30 ns a value (a ``log10``, a ``powi`` and two ``scalbn`` in each),
most of what separated ``batch_mme`` from a hand-written pipeline.

How: ``round_sig_figs`` computes, for a finite non-zero ``x`` (polars 1.x–2.x,
``polars-ops/src/series/ops/round.rs``)::

    exp = digits - 1 - floor(log10(|x|))
    pow5 = 5.0.powi(exp)
    y = scalbn(round(scalbn(x, exp) * pow5) / pow5, -exp)     # round: half away from zero
    y if y is finite else x                                     # (and x itself for 0)

Here each step is a column operation: the decade ``floor(log10(|x|))`` comes from the float's
bits — its binary exponent (or, below the normal range, its leading zeros) picks a row of a small
table holding the lowest decade of that binade and the least value of the next decade in it (a
binade of doubles spans at most one power of ten), so one comparison finishes it; then
``2**exp``, ``pow5`` (computed as Rust's ``powi`` does: repeated squaring, ``1/…`` for a
negative exponent) and ``2**-exp`` are gathered from tables by decade. Multiplying by a power of
two is exactly ``scalbn``, so every arithmetic step is the same IEEE operation on the same
operands as in ``round_sig_figs``. The decade thresholds are found with :func:`math.log10`, the
platform's ``log10`` that Rust's ``f64::log10`` calls; where two libraries' ``log10`` disagreed
next to a power of ten, both decades round such a value to that power of ten.

Checked against ``round_sig_figs`` bit for bit by ``bench_rounding.py`` before it times
anything: arbitrary doubles (their bits drawn at random), zeros of both signs, subnormals, the
largest doubles, ±inf, NaN, null, and every double within three ulps of every power of ten.

Each step needs the previous one's column (polars would otherwise compute the shared parts once
per use: the tables are literals, which its common-subexpression elimination leaves alone), so
:func:`round_significant` adds columns to a LazyFrame rather than returning one expression.
"""

from __future__ import annotations

import functools
import math
import struct
from collections.abc import Callable
from typing import Any

__all__ = ["round_significant"]

#: Decades a double can have (floor of log10 of the least subnormal, of the largest double), and
#: one above for inf and NaN (whose result is x itself in any case).
_DECADE_LOW, _DECADE_HIGH = -324, 309
#: Binade keys: a normal double's biased exponent (1–2046; 2047 is inf and NaN), and minus the
#: leading zeros of a subnormal's bits (-63 … -12; -64 is zero): shifted by 64 to index a table.
_KEY_SHIFT = 64


def _bits(x: float) -> int:
    return int(struct.unpack("<Q", struct.pack("<d", x))[0])


def _double(bits: int) -> float:
    return float(struct.unpack("<d", struct.pack("<Q", bits))[0])


def _decade(x: float) -> int:
    return math.floor(math.log10(x))


def _powi(base: float, n: int) -> float:
    """``base.powi(n)`` as Rust computes it (compiler-builtins ``__powidf2``): repeated squaring,
    and the reciprocal for a negative ``n``; each step one IEEE multiplication, as here."""
    result, power = 1.0, abs(n)
    while True:
        if power & 1:
            result *= base
        power >>= 1
        if power == 0:
            break
        base *= base
    return 1.0 / result if n < 0 else result


def _key(bits: int) -> int:
    """The binade key of a positive double's bits (see _KEY_SHIFT)."""
    return bits >> 52 if bits >> 52 else -(64 - bits.bit_length())


@functools.cache
def _binades() -> tuple[list[int], list[float]]:
    """Per binade key (shifted): its lowest decade, and the least double of the next decade in
    it (inf where the binade holds no power of ten). A few milliseconds: the decade of each
    binade's least double, and around each power of ten the double where the decade changes
    (within a few ulps of the double nearest the power: log10 is accurate to an ulp)."""
    lowest = [0] * (2048 + _KEY_SHIFT)
    threshold = [math.inf] * (2048 + _KEY_SHIFT)
    for exponent in range(1, 2047):
        lowest[exponent + _KEY_SHIFT] = _decade(math.ldexp(1.0, exponent - 1023))
    for zeros in range(12, 64):
        lowest[-zeros + _KEY_SHIFT] = _decade(math.ldexp(1.0, -1074 + 63 - zeros))
    for power in range(_DECADE_LOW + 1, _DECADE_HIGH):
        near = _bits(float(f"1e{power}"))
        first = max(near - 2, 1)
        while _decade(_double(first)) >= power:  # (never more than a step or two)
            first = max(first - 8, 1)
        while _decade(_double(first)) < power:
            first += 1
        key = _key(first) + _KEY_SHIFT
        if lowest[key] == power - 1:  # else the power begins its binade (1.0)
            threshold[key] = _double(first)
    return lowest, threshold


@functools.cache
def _scales(digits: int) -> tuple[list[float], list[float], list[float]]:
    """Per decade (from _DECADE_LOW): 2**exp, 5.0.powi(exp), 2**-exp, exp = digits - 1 - decade."""
    exps = [digits - 1 - decade for decade in range(_DECADE_LOW, _DECADE_HIGH + 1)]
    return ([math.ldexp(1.0, e) for e in exps], [_powi(5.0, e) for e in exps],
            [math.ldexp(1.0, -e) for e in exps])


def round_significant(pl: Any, lazy: Any, columns: dict[str, Any], digits: int,
                      scratch: Callable[[str], str]) -> Any:
    """``lazy`` with, for each ``columns`` item (output name → Float64 expression), a column of
    that name holding ``expression.round_sig_figs(digits)``, bit for bit.

    ``scratch(name)`` names a column made inside (a prefix no input column has); these are left
    in the frame for the caller's final ``select`` to drop."""
    lowest, threshold = _binades()
    to_scale, fives, back = _scales(digits)
    lowest_of = pl.lit(pl.Series(lowest, dtype=pl.Int32))
    threshold_of = pl.lit(pl.Series(threshold, dtype=pl.Float64))
    tables = [pl.lit(pl.Series(values, dtype=pl.Float64)) for values in (to_scale, fives, back)]
    names = {target: (scratch(f"sf_x_{target}"), scratch(f"sf_k_{target}"),
                      scratch(f"sf_e_{target}"), scratch(f"sf_y_{target}"))
             for target in columns}
    keys, decades, rounded, chosen = [], [], [], []
    for target, (x, k, e, y) in names.items():
        magnitude = pl.col(x).reinterpret(dtype=pl.UInt64) & 0x7FFF_FFFF_FFFF_FFFF
        exponent = (magnitude // (1 << 52)).cast(pl.Int32)
        keys.append((pl.when(exponent > 0).then(exponent)
                     .otherwise(-magnitude.bitwise_leading_zeros().cast(pl.Int32))
                     + _KEY_SHIFT).alias(k))
        decades.append((lowest_of.gather(pl.col(k))
                        + (pl.col(x).abs() >= threshold_of.gather(pl.col(k))).cast(pl.Int32)
                        - _DECADE_LOW).alias(e))
        scale, five, unscale = (table.gather(pl.col(e)) for table in tables)
        rounded.append(((pl.col(x) * scale * five).round(0, mode="half_away_from_zero")
                        / five * unscale).alias(y))
        chosen.append(pl.when(pl.col(y).is_finite()).then(pl.col(y)).otherwise(pl.col(x))
                      .alias(target))
    return (lazy.with_columns(*[expression.cast(pl.Float64).alias(names[target][0])
                                for target, expression in columns.items()])
            .with_columns(*keys).with_columns(*decades).with_columns(*rounded)
            .with_columns(*chosen))
