"""OME speed against plain floats, measured in the same run (a script, not a test).

    python benchmarks/bench_ome.py [ROUNDS]        # default 7 rounds

Times (1) the OME of one parsed item and (2) of a parsed 10-item regimen through
``oral_morphine_equivalent``, against (3) a plain-float computation of the same numbers
(daily dose × factor, factors already in a dict), in interleaved rounds; prints the median
ratio of each round and their range. Target (issue 18): within 50× of plain floats (aim 25×).
"""

from __future__ import annotations

import os
import statistics
import sys
import time

import mpsdose

ITEMS = [
    "oxycodone er 10 mg po q12h", "oxycodone ir 5 mg po prn max 6/day", "tramadol 200 mg/day",
    "fentanyl 25 mcg/h td q72h", "methadone 5 mg po q8h", "codeine 15 mg po 4x/day",
    "morphine 10 mg po q4h", "hydromorphone 2 mg po q4h", "acetaminophen 1 g po qid",
    "pregabalin 75 mg/day",
]


def per_second(function, n: int) -> float:
    function()
    start = time.perf_counter()
    for _ in range(n):
        function()
    return n / (time.perf_counter() - start)


def main() -> None:
    table = mpsdose.conversion_table("cdc2022")
    one = [mpsdose.parse_item(ITEMS[0])]
    regimen = mpsdose.Regimen.parse(ITEMS)
    # the same numbers with plain floats: (daily amount in the factor's unit, factor)
    factors = {"oxycodone": 1.5, "tramadol": 0.2, "fentanyl": 2.4, "methadone": 4.7,
               "codeine": 0.15, "morphine": 1.0, "hydromorphone": 5.0}
    plain_one = [(20.0, "oxycodone")]
    plain_ten = [(20.0, "oxycodone"), (30.0, "oxycodone"), (200.0, "tramadol"),
                 (25.0, "fentanyl"), (15.0, "methadone"), (60.0, "codeine"), (60.0, "morphine"),
                 (12.0, "hydromorphone")]

    def plain(rows):
        return sum(amount * factors[drug] for amount, drug in rows)

    n = 20_000
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    ratios: dict[str, list[float]] = {"one item": [], "10-item regimen": []}
    for _ in range(rounds):
        item_rate = per_second(lambda: mpsdose.oral_morphine_equivalent(one, table), n)
        plain_one_rate = per_second(lambda: plain(plain_one), n * 10)
        regimen_rate = per_second(lambda: mpsdose.oral_morphine_equivalent(regimen, table),
                                  n // 5)
        plain_ten_rate = per_second(lambda: plain(plain_ten), n * 10)
        ratios["one item"].append(plain_one_rate / item_rate)
        ratios["10-item regimen"].append(plain_ten_rate / regimen_rate)
    print(f"{rounds} interleaved rounds; last: one item {item_rate:,.0f}/s, regimen "
          f"{regimen_rate:,.0f}/s; load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for name, values in ratios.items():
        print(f"OME of {name:16} × plain floats: median {statistics.median(values):5.1f}, "
              f"range {min(values):.1f}–{max(values):.1f}")


if __name__ == "__main__":
    main()
