"""``check`` on regimens of growing size: the time per item should stay flat (linear).

    python benchmarks/bench_check.py

Times ``mpsdose.check`` on regimens of 250 to 4,000 items (a repeated palliative regimen with
PRN doses, so that the rescue check has work) and prints the time per item at each size; a
quadratic step would show as a time per item that grows with n.
"""

from __future__ import annotations

import statistics
import time

import mpsdose

BLOCK = [
    "oxycodone er 20 mg po q12h", "oxycodone ir 5 mg po prn max 6/day",
    "acetaminophen 1 g po qid", "pregabalin 75 mg po bid", "naproxen 250 mg po bid",
    "dexamethasone 4 mg po daily", "omeprazole 20 mg po daily", "haloperidol 1 mg po at night",
]


def median_seconds(function, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    patient = mpsdose.Patient(age=60, weight_kg=70, crcl_ml_min=80)
    one = mpsdose.Regimen.parse(BLOCK)
    print(f"{'items':>6} {'ms':>9} {'µs per item':>12}")
    for repeats in (32, 125, 250, 500):
        regimen = mpsdose.Regimen(one.items * repeats)
        seconds = median_seconds(lambda regimen=regimen: mpsdose.check(regimen, patient))
        n = len(regimen.items)
        print(f"{n:6} {seconds * 1000:9.1f} {seconds / n * 1e6:12.1f}")


if __name__ == "__main__":
    main()
