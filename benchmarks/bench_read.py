"""Benchmark of `mpsdose read`, run on demand (not a test): python benchmarks/bench_read.py

Reports the reading speed on the case-report passages of tests/data/prose (each passage alone,
and all of them as one long text: reading must stay linear in the length of the text).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from mpsdose.io.prose import read_course

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "prose"


def main() -> None:
    texts = [json.loads(line)["text"] for name in ("r16_passages.jsonl", "new_passages.jsonl")
             for line in (DATA / name).read_text(encoding="utf-8").splitlines()]
    read_course(texts[0])  # warm the catalogue
    start = time.perf_counter()
    for text in texts:
        read_course(text)
    alone = time.perf_counter() - start
    print(f"{len(texts)} passages, one at a time: {1000 * alone / len(texts):.1f} ms a passage")
    joined = " ".join(texts)
    for times in (1, 4, 16):
        text = " ".join([joined] * times)
        start = time.perf_counter()
        read_course(text)
        seconds = time.perf_counter() - start
        print(f"{len(text):>9,} characters as one text: {seconds:.2f} s "
              f"({len(text) / seconds / 1000:.0f} k characters/s)")


if __name__ == "__main__":
    main()
