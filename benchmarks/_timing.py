"""Shared timing for the benchmark scripts (run on demand; never a test)."""

from __future__ import annotations

import statistics
import subprocess
import time


def median_wall(args: list[str], runs: int = 21) -> float:
    """Median wall time [s] of running a command ``runs`` times, after one warm-up run."""
    subprocess.run(args, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)
