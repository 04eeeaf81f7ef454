"""The rounding to 12 significant digits of the batch outputs, measured alone and inside the
queries, against other ways of making the same values (not a test).

    python benchmarks/bench_rounding.py [ROWS] [RUNS]      # default 2,000,000 rows, 7 runs

First checks, bit for bit, that ``_sigfigs.round_significant`` (column operations: the decade
from the float's bits and a table, ``2**exp``, ``5**exp`` and ``2**-exp`` gathered by decade)
gives ``round_sig_figs(12)``'s values: 2,000,000 doubles of random bits (every sign, binade,
subnormal, inf and NaN), zeros, nulls, and every double within three ulps of every power of ten,
at 12, 1 and 17 digits. Then times, in interleaved rounds (CPU time of this process, the
steadier measure on a shared machine):

- alone: ``round_sig_figs(12)`` and the column version on ROWS values like a batch's;
- inside ``batch_mme(frame, "cdc2022")`` on the benchmark's table (``_data.py``: every dose,
  daily dose and MME a sixteenth) and on a rough one (doses 0.1, 0.3, 12.3 …: about a third
  are), with ``mpsdose.io.batch.round_significant`` (the one place the outputs are rounded)
  being the library's (values it cannot change kept, the others rounded by
  ``round_sig_figs``), plain ``round_sig_figs`` on every value (the library before), the
  column version, or no rounding at all (the floor: what rounding costs in the query).
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import time
from typing import Any

import numpy as np
import polars as pl
from _data import prescriptions
from _sigfigs import round_significant

import mpsdose.io.batch as batch


def _bits(series: pl.Series) -> list[Any]:
    return series.reinterpret(dtype=pl.UInt64).to_list()


def check_equal() -> int:
    """The number of values compared bit for bit (raises where one differs)."""
    rng = np.random.default_rng(0)
    random = rng.integers(0, 2**64, 2_000_000, dtype=np.uint64)
    powers = [float(f"1e{k}") for k in range(-323, 309)]
    near = [b + step for b in _bits(pl.Series(powers)) for step in range(-3, 4)
            if 0 < b + step < 0x7FF0 << 48]
    values = pl.concat([
        pl.Series(random, dtype=pl.UInt64).reinterpret(dtype=pl.Float64),
        pl.Series(near, dtype=pl.UInt64).reinterpret(dtype=pl.Float64),
        -pl.Series(near, dtype=pl.UInt64).reinterpret(dtype=pl.Float64),
        pl.Series([0.0, -0.0, math.inf, -math.inf, math.nan, None, 5e-324,
                   1.7976931348623157e308], dtype=pl.Float64),
    ])
    frame = pl.DataFrame({"x": values}).lazy()
    for digits in (12, 1, 17):
        ours = round_significant(pl, frame, {"ours": pl.col("x")}, digits,
                                 lambda name: "_t_" + name).collect()["ours"]
        theirs = frame.select(pl.col("x").round_sig_figs(digits)).collect()["x"]
        differ = [i for i, (a, b) in enumerate(zip(_bits(ours), _bits(theirs), strict=True))
                  if a != b]
        if differ:
            raise SystemExit(f"{digits} digits: {len(differ)} values differ, first "
                             f"{values[differ[0]]!r}")
    return len(values)


def _library(pl: Any, lazy: Any, columns: dict[str, Any], digits: int, scratch: Any) -> Any:
    return lazy.with_columns(*[e.round_sig_figs(digits).alias(n) for n, e in columns.items()])


def _none(pl: Any, lazy: Any, columns: dict[str, Any], digits: int, scratch: Any) -> Any:
    return lazy.with_columns(*[e.alias(n) for n, e in columns.items()])


def _timed(function: Any) -> float:
    start = time.process_time()
    function()
    return time.process_time() - start


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    print(f"bit for bit equal to round_sig_figs on {check_equal():,} values (12, 1, 17 digits)")
    frame = prescriptions(rows)
    values = batch.batch_mme(frame, "cdc2022").select(pl.col("mme_per_day") * 1.1).lazy()
    alone = {
        "round_sig_figs": lambda: values.select(pl.col("mme_per_day").round_sig_figs(12))
        .collect(),
        "column version": lambda: round_significant(
            pl, values, {"y": pl.col("mme_per_day")}, 12, lambda n: "_t_" + n).select("y")
        .collect(),
    }
    library = batch.round_significant
    inside = {"round_sig_figs": _library, "library": library,
              "column version": round_significant, "none": _none}
    rng = np.random.default_rng(7)
    rough = frame.with_columns(dose=pl.Series(
        rng.choice([0.1, 0.3, 0.7, 2.5, 7.5, 12.3, 33.3], frame.height)))
    tables = {"batch_mme: ": frame, "batch_mme, rough: ": rough}
    times: dict[str, list[float]] = {}
    for _ in range(runs):
        for name, function in alone.items():
            times.setdefault("alone: " + name, []).append(_timed(function))
        for group, table in tables.items():
            for name, rounding in inside.items():
                batch.round_significant = rounding  # type: ignore[assignment]
                times.setdefault(group + name, []).append(
                    _timed(lambda table=table: batch.batch_mme(table, "cdc2022")))
    batch.round_significant = library  # type: ignore[assignment]
    print(f"{rows:,} rows, polars {pl.__version__}, {runs} interleaved rounds, CPU seconds")
    for group in ("alone: ", *tables):
        base = times[group + "round_sig_figs"]
        for name, spent in times.items():
            if name.startswith(group):
                ratios = [a / b for a, b in zip(spent, base, strict=True)]
                print(f"{name:36} {statistics.median(spent):7.3f}  × round_sig_figs "
                      f"{statistics.median(ratios):5.2f} ({min(ratios):.2f}–{max(ratios):.2f})")
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
