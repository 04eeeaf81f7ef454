"""Input handling at its limits (a script, not a test).

    python benchmarks/bench_inputs.py

Prints the time to refuse an item with a long digit run (it grew with the square of the run
before issue 14: a 100 kB number took minutes; now it is refused at once, whatever its length),
to read a regimen file of MAX_ITEMS items, and to refuse a file at MAX_FILE_BYTES.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable

import mpsdose
from mpsdose.model.guards import MAX_FILE_BYTES, MAX_ITEM_CHARS, MAX_ITEMS


def _time(call: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        with contextlib.suppress(mpsdose.MpsdoseError):
            call()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    mpsdose.parse_item("oxycodone 5 mg po q4h")  # load the catalogue first
    for digits in (100, MAX_ITEM_CHARS - 30, 10_000, 100_000):
        text = "oxycodone " + "1" * digits + " mg po q4h"
        took = _time(lambda text=text: mpsdose.parse_item(text))
        print(f"item with a {digits:>7,}-digit number: {took * 1e3:8.3f} ms")
    items = json.dumps({"items": ["oxycodone 5 mg po q4h"] * MAX_ITEMS})
    took = _time(lambda: mpsdose.loads(items, "json"))
    print(f"regimen file of {MAX_ITEMS} items:      {took * 1e3:8.1f} ms")
    big = " " * (MAX_FILE_BYTES + 1)
    took = _time(lambda: mpsdose.loads(big, "json"))
    print(f"file over {MAX_FILE_BYTES:,} bytes:      {took * 1e3:8.3f} ms")


if __name__ == "__main__":
    main()
