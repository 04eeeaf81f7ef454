"""Benchmarks of the foundation, run on demand (not a test): python benchmarks/bench_foundation.py

Reports, measured in the same run:
- the median wall time of ``python -c "import mpsdose"`` against ``python -c pass``;
- items parsed per second (the CONTRACT.md §1 examples, cycled), and regimens totalled per second.
"""

from __future__ import annotations

import sys
import time

from _timing import median_wall

RUNS = 15
ITEMS = [
    "oxycodone 20 mg/day", "oxycodone er 10 mg po q12h", "rescue oxycodone 5 mg po prn",
    "oxycodone ir 5 mg po prn max 6/day", "tramadol 200 mg/day", "loxoprofen 60 mg po tid",
    "acetaminophen 1 g po qid", "acetaminophen 4 g/day", "pregabalin 75 mg/day",
    "betamethasone 4 mg/day", "olanzapine 2.5 mg po at night", "fentanyl 25 mcg/h td q72h",
    "morphine 10 mg/day sc continuous", "hydromorphone 1 mg/h sc continuous",
    "methadone 5 mg po q8h", "codeine 15 mg po 4x/day", "1 tab oxycodone er 30 mg po q12h",
    "ketorolac 30 mg iv q6h for 7 days",
]


def wall(args: list[str]) -> float:
    return median_wall(args, RUNS)


def main() -> None:
    baseline = wall([sys.executable, "-c", "pass"])
    imported = wall([sys.executable, "-c", "import mpsdose"])
    print(f"python -c pass:            {baseline * 1000:7.1f} ms (median of {RUNS})")
    print(f"python -c 'import mpsdose': {imported * 1000:7.1f} ms  ratio {imported / baseline:.2f}x"
          f"  (+{(imported - baseline) * 1000:.1f} ms)")

    import mpsdose

    mpsdose.parse_item(ITEMS[0])  # load the catalogue once
    n = 20_000
    start = time.perf_counter()
    for i in range(n):
        mpsdose.parse_item(ITEMS[i % len(ITEMS)])
    elapsed = time.perf_counter() - start
    print(f"items parsed per second:   {n / elapsed:9.0f}")

    regimen = mpsdose.Regimen.parse(ITEMS[:10])
    m = 5_000
    start = time.perf_counter()
    for _ in range(m):
        mpsdose.daily_totals(regimen)
    elapsed = time.perf_counter() - start
    print(f"10-item regimens totalled per second: {m / elapsed:7.0f}")


if __name__ == "__main__":
    main()
