"""Measure the FHIR reader on a corpus of real documents against a pharmacist's reading.

    python scripts/measure_fhir_corpus.py CORPUS_DIR EXPECTED_JSON [--only SUBDIR] [-v]

``EXPECTED_JSON`` maps each document's path (relative to ``CORPUS_DIR``) to what a pharmacist
read in it (the r15 research corpus's ``expected.json``; ``tests/data/fhir/expected.json`` for
the documents committed here). Prints one verdict per document (read right, refused, not read,
read wrong; see ``tests/fhir_judge.py``) and the totals.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.fhir_judge import judge_file  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("expected", type=Path)
    parser.add_argument("--only", help="only documents under this sub-folder")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    expected = json.loads(args.expected.read_text(encoding="utf-8"))
    tally: Counter[str] = Counter()
    for name in sorted(expected):
        if args.only and not name.startswith(args.only):
            continue
        verdict, detail = judge_file(args.corpus / name, expected[name])
        tally[verdict] += 1
        if args.verbose or verdict in ("read wrong", "not read"):
            print(f"{verdict:11} {name}: {detail[:300]}")
    print(", ".join(f"{verdict}: {n}" for verdict, n in sorted(tally.items())),
          f"(of {sum(tally.values())})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
