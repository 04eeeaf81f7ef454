"""Measure `mpsdose read` on the case-report passages of tests/data/prose/.

For each part (dev, test: the r16 passages split by report; new, fresh and fresh2: passages added later,
their expected items written and committed before the reader ran on them), it prints:

- read: items whose daily amount the text gives (an expected daily dose), read with that amount
  (same drug, daily amount within 1%) — the issue's measure;
- invented: items the reader gives a daily amount the passage's expected items do not have (same
  drug and amount), and items of a drug the passage does not name;
- as_written: every item's `as_written` is `text[span]` (always).

Usage: python scripts/measure_reader.py [--part dev|test|new|fresh|fresh2|all] [--show]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mpsdose.io.prose import read_course

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "prose"
_TO_MG_DAY = {"mg/day": 1.0, "mg/24 h": 1.0, "g/day": 1000.0, "mcg/day": 1e-3, "mcg/h": 24e-3,
              "mg/h": 24.0, "mcg/24 h": 1e-3}
PARTS = ("dev", "test", "new", "fresh", "fresh2")


def passages() -> list[dict]:
    found = []
    for name in ("r16_passages.jsonl", "new_passages.jsonl", "fresh_passages.jsonl",
                 "fresh2_passages.jsonl"):
        path = DATA / name
        if path.exists():
            found += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return found


def expected_daily(passage: dict) -> list[tuple[str, float]]:
    out = []
    for state in passage["expected"]["states"]:
        for item in state["items"]:
            daily = item.get("daily_dose")
            if daily and item.get("drug"):
                out.append((item["drug"], daily["value"] * _TO_MG_DAY[daily["unit"]]))
    return out


def expected_drugs(passage: dict) -> set[str]:
    names: set[str] = set()
    for state in passage["expected"]["states"]:
        for item in state["items"]:
            for part in (item.get("drug") or "").split("+"):
                if part.strip():
                    names.add(part.strip())
    return names


def measure(part: str, show: bool = False) -> dict[str, int]:
    totals = {"passages": 0, "expected": 0, "read": 0, "invented": 0, "unexpected_drug": 0,
              "items": 0, "span_errors": 0}
    for passage in passages():
        if part != "all" and passage.get("split") != part:
            continue
        totals["passages"] += 1
        text = passage["text"]
        reading = read_course(text)
        items = reading.items
        totals["items"] += len(items)
        for item in items:
            if text[item.span[0]:item.span[1]] != item.as_written:
                totals["span_errors"] += 1
        wanted = expected_daily(passage)
        totals["expected"] += len(wanted)
        unmatched = [i for i in items if i.daily_mg is not None]
        missed = []
        for drug, value in wanted:
            match = next((i for i in unmatched if i.drug.name == drug
                          and abs(i.daily_mg - value) <= 0.01 * value), None)
            if match is None:
                missed.append((drug, value))
                continue
            unmatched.remove(match)
            totals["read"] += 1
        # an extra reading of an expected amount (the same item in two states) is not invented
        invented = [i for i in unmatched if not any(
            d == i.drug.name and abs(i.daily_mg - v) <= 0.01 * v for d, v in wanted)]
        totals["invented"] += len(invented)
        drugs = expected_drugs(passage)
        strangers = [i for i in items if i.drug.name not in drugs]
        totals["unexpected_drug"] += len(strangers)
        if show and (missed or invented or strangers):
            print(f"--- {passage['id']} ({passage['report']})")
            for drug, value in missed:
                print(f"    MISSED {drug} {value:g} mg/day")
            for item in invented:
                print(f"    INVENTED {item.drug.name} {item.daily_dose} from {item.as_written!r}")
            for item in strangers:
                print(f"    UNEXPECTED DRUG {item.drug.name} from {item.as_written!r}")
    return totals


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", default="all", choices=(*PARTS, "all"))
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    parts = PARTS if args.part == "all" else (args.part,)
    for part in parts:
        t = measure(part, args.show)
        share = 100 * t["read"] / t["expected"] if t["expected"] else 0.0
        print(f"{part:5} passages {t['passages']:3}  daily amounts read {t['read']}/{t['expected']} "
              f"({share:.1f}%)  invented {t['invented']}  unexpected-drug items "
              f"{t['unexpected_drug']}  items {t['items']}  span errors {t['span_errors']}")


if __name__ == "__main__":
    main()
