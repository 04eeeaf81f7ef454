"""Measure the Japanese prescription reader on tests/data/jp_prescriptions.tsv.

For each split (development: used while the reader was written; held-out: read once at its end;
fresh, fresh2, fresh3, fresh4, fresh5, fresh6 and fresh7: seven later rounds, each written and
committed before the reader ran on them) it counts every line as one of

- right: the drug(s), route, as-needed or not, and the daily amount (an as-needed line: the dose
  and the most doses a day; a patch: the release rate and the change interval) are those the
  line's expected reading gives; or, for a line whose expected reading is a refusal (the
  ``expected_refusal`` column says why: a range, a contradiction, a missing amount), the reader
  refused it;
- refused: the reader declined the line with an error that names what it could not read (an
  ``MpsdoseError``: the safe failure);
- wrong: the reader gave a reading that differs from the expected one, or read a line whose
  expected reading is a refusal (a guess: the failure that matters);
- crashed: any other exception (a bug).

A line with ``read_with`` (a pump bolus) is read after the line it names, as
``mpsdose.read_japanese`` reads a prescription.

Usage: python scripts/measure_japanese.py
       [--split development|held-out|fresh|fresh2|fresh3|fresh4|fresh5|fresh6|fresh7|all] [--show]
"""

from __future__ import annotations

import argparse
import csv
import math
from pathlib import Path

from mpsdose import MpsdoseError, parse_item, read_japanese
from mpsdose.model.regimen import Item

TABLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "jp_prescriptions.tsv"
SPLITS = ("development", "held-out", "fresh", "fresh2", "fresh3", "fresh4", "fresh5",
          "fresh6", "fresh7")


def rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _amounts(text: str, unit: str) -> list[float]:
    scale = 1e-3 if unit.strip().startswith("mcg") else 1.0
    return [float(part) * scale for part in text.split("+")]


def _close(found: list[float | None], expected: list[float]) -> bool:
    return len(found) == len(expected) and all(
        a is not None and math.isclose(a, b, rel_tol=1e-3) for a, b in zip(found, expected,
                                                                            strict=True))


def differences(item: Item, row: dict[str, str]) -> list[str]:
    """What the reading gets wrong against the row's expected reading (empty: right)."""
    wrong = []
    drugs = "+".join(d.name for d in item.drugs)
    if drugs != row["drug"]:
        wrong.append(f"drug {drugs} (expected {row['drug']})")
    if item.route.value != row["route"]:
        wrong.append(f"route {item.route.value} (expected {row['route']})")
    prn = row["prn"] == "yes"
    if item.prn is not prn:
        wrong.append(f"prn {item.prn} (expected {prn})")
    if row["patch_mcg_h"]:
        rate = (item.daily() or 0.0) * 1000 / 24
        if not math.isclose(rate, float(row["patch_mcg_h"]), rel_tol=1e-3):
            wrong.append(f"{rate:g} mcg/h (expected {row['patch_mcg_h']})")
        if item.schedule.value != float(row["interval_h"]):
            wrong.append(f"every {item.schedule.value} h (expected {row['interval_h']})")
    elif prn:
        per_dose = [item.per_dose(i) for i in item.ingredients]
        expected = _amounts(row["per_dose_amount"], row["per_dose_unit"])
        if not _close(per_dose, expected):
            wrong.append(f"dose {per_dose} mg (expected {expected})")
        written = row["prn_max_per_day"]
        most = None if written in ("", "not stated") else float(written)
        if item.max_prn_per_day != most:
            wrong.append(f"max {item.max_prn_per_day}/day (expected {most})")
    else:
        daily = [item.daily(i) for i in item.ingredients]
        expected = _amounts(row["daily_amount"], row["daily_unit"])
        if not _close(daily, expected):
            wrong.append(f"{daily} mg/day (expected {expected})")
    return wrong


def read(row: dict[str, str], by_id: dict[str, dict[str, str]]) -> Item:
    if row.get("read_with"):
        return read_japanese([by_id[row["read_with"]]["prescription_ja"],
                              row["prescription_ja"]])[-1]
    return parse_item(row["prescription_ja"])


def measure(split: str, show: bool = False) -> dict[str, int]:
    table = rows()
    by_id = {row["id"]: row for row in table}
    counts = {"lines": 0, "right": 0, "refused_as_expected": 0, "refused": 0, "wrong": 0,
              "crashed": 0}
    for row in table:
        if split != "all" and row["split"] != split:
            continue
        counts["lines"] += 1
        try:
            item = read(row, by_id)
        except MpsdoseError as error:
            if row.get("expected_refusal"):
                counts["right"] += 1
                counts["refused_as_expected"] += 1
                continue
            counts["refused"] += 1
            if show:
                print(f"  refused {row['id']}: {row['prescription_ja']}\n          {error}")
            continue
        except Exception as error:  # a bug: counted and shown
            counts["crashed"] += 1
            if show:
                print(f"  CRASHED {row['id']}: {row['prescription_ja']}\n          {error!r}")
            continue
        wrong = (["read, but its expected reading is a refusal: " + row["expected_refusal"]]
                 if row.get("expected_refusal") else differences(item, row))
        if wrong:
            counts["wrong"] += 1
            if show:
                print(f"  WRONG   {row['id']}: {row['prescription_ja']}\n          "
                      f"{item.format()}: {'; '.join(wrong)}")
        else:
            counts["right"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--show", action="store_true", help="print each refused or wrong line")
    args = parser.parse_args()
    for split in (SPLITS if args.split == "all" else (args.split,)):
        if args.show:
            print(f"{split}:")
        counts = measure(split, args.show)
        share = counts["right"] / counts["lines"] if counts["lines"] else 0.0
        expected = (f" (of them {counts['refused_as_expected']} refused as expected)"
                    if counts["refused_as_expected"] else "")
        print(f"{split:12} right {counts['right']}/{counts['lines']} ({share:.0%}){expected}  "
              f"refused {counts['refused']}  wrong {counts['wrong']}  crashed {counts['crashed']}")


if __name__ == "__main__":
    main()
