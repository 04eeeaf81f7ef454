"""``check`` on regimens and courses of growing size: the time per item should stay flat (linear).

    python benchmarks/bench_check.py

Times ``mpsdose.check`` on regimens of 125 to 1,000 items (the most a regimen may hold: a
repeated palliative regimen with PRN doses, so that the rescue check has work) and
``mpsdose.check_course`` on courses of 10 to 1,000 states of that 8-item regimen (10,000 items,
the most a file may hold, changing dose from state to state so that the switch checks have
work), and prints the time per item at each size and the ratio of the largest size's time per
item to the smallest's: about 1 for a linear check; a quadratic step shows as a ratio that grows
with the size (8 for the regimens, 100 for the courses).
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
    function()  # warm: the data files are read once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def course_of(states: int) -> mpsdose.Course:
    blocks = [mpsdose.Regimen.parse([BLOCK[0].replace("20 mg", f"{10 + 5 * (i % 4)} mg"),
                                     *BLOCK[1:]]) for i in range(4)]
    return mpsdose.Course(tuple(mpsdose.State(f"day {i}", blocks[i % 4], day=float(i))
                                for i in range(states)), patient=mpsdose.Patient(age=60))


def main() -> None:
    patient = mpsdose.Patient(age=60, weight_kg=70, crcl_ml_min=80)
    one = mpsdose.Regimen.parse(BLOCK)
    print(f"{'check':16} {'items':>6} {'ms':>9} {'µs per item':>12}")
    per_item = []
    for repeats in (16, 32, 64, 125):
        regimen = mpsdose.Regimen(one.items * repeats)
        seconds = median_seconds(lambda regimen=regimen: mpsdose.check(regimen, patient))
        n = len(regimen.items)
        per_item.append(seconds / n)
        print(f"{'regimen':16} {n:6} {seconds * 1000:9.1f} {seconds / n * 1e6:12.1f}")
    print(f"time per item, 1,000 items / 128 items: {per_item[-1] / per_item[0]:.2f} "
          "(linear: about 1; quadratic: about 8)")
    per_item = []
    for states in (10, 100, 1000):
        course = course_of(states)
        seconds = median_seconds(lambda course=course: mpsdose.check_course(course), runs=3)
        n = states * len(BLOCK)
        per_item.append(seconds / n)
        print(f"{'course':16} {n:6} {seconds * 1000:9.1f} {seconds / n * 1e6:12.1f}")
    print(f"time per item, 1,000 states / 10 states: {per_item[-1] / per_item[0]:.2f} "
          "(linear: about 1; quadratic: about 100)")


if __name__ == "__main__":
    main()
