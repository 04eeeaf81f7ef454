"""``batch_mme`` in memory against hand-written polars, measured in the same run (not a test).

    python benchmarks/bench_batch.py [ROWS] [RUNS]      # default 2,000,000 rows, 7 runs

Times, in interleaved rounds on the same synthetic table (``_data.py``: about 3% bad rows):

- ``batch_mme(frame, "cdc2022")``;
- the minimal hand pipeline (``hand_pipelines.minimal``: join to a factor table, multiply, a
  status and message per bad row) — target (issue 18): batch_mme ≤ 2× of it;
- the hand pipeline doing the library's full validation (``hand_pipelines.full_validation``,
  whose output is checked equal to batch_mme's) — target ≤ 1.2× of it.

Prints medians, ratios and the spread (max/min of the ratios over the rounds), so that a busy
machine shows as noise rather than as a result.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

import polars as pl
from _data import FACTORS, prescriptions
from hand_pipelines import full_validation, minimal

from mpsdose.io.batch import batch_mme


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    frame = prescriptions(rows)
    ours = batch_mme(frame, "cdc2022")
    hand = full_validation(frame, "cdc2022")
    assert ours.equals(hand), "the full hand pipeline must give batch_mme's output"
    candidates = {
        "batch_mme": lambda: batch_mme(frame, "cdc2022"),
        "hand minimal": lambda: minimal(frame, FACTORS),
        "hand full": lambda: full_validation(frame, "cdc2022"),
    }
    times: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(runs):
        for name, function in candidates.items():
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    statuses = dict(ours.group_by("status").len().sort("status").iter_rows())
    print(f"{rows:,} rows in memory, polars {pl.__version__}, {runs} interleaved rounds; "
          f"statuses {statuses}")
    ours_median = statistics.median(times["batch_mme"])
    print(f"{'pipeline':14} {'median s':>9} {'batch_mme ×':>12} {'spread':>8}")
    for name, values in times.items():
        ratios = [a / b for a, b in zip(times["batch_mme"], values, strict=True)]
        print(f"{name:14} {statistics.median(values):9.3f} "
              f"{ours_median / statistics.median(values):12.2f} "
              f"{min(ratios):4.2f}–{max(ratios):4.2f}")
    print(f"batch_mme: {rows / ours_median:,.0f} rows/s "
          "(targets: ≤ 2× hand minimal, ≤ 1.2× hand full); "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
