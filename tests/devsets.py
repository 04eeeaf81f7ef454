"""The development sets of ``mpsdose check`` (issue 13): dangerous orders and ordinary regimens.

``tests/data/check_dangerous.csv`` holds orders a pharmacist must not let pass, by category
(ten-fold, mcg/mg, naive starts, route changes, titration, switches, rescue, non-opioid limits,
interactions, implausible patient context), each with the finding code expected at warning or
error level (or ``refused``: the input is refused, exit 2). ``tests/data/check_ordinary.csv``
holds ordinary palliative regimens as guidelines and case reports write them, on which a warning
is a nuisance alert. ``python tests/devsets.py`` prints the counts.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mpsdose import MpsdoseError, Patient, Regimen, check
from mpsdose.model.findings import Finding, Severity

DATA = Path(__file__).parent / "data"


def _patient(text: str) -> Patient:
    values: dict[str, Any] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        key, _, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if key == "conditions":
            values[key] = tuple(v.strip() for v in value.split(","))
        elif key == "opioid_tolerant":
            values[key] = {"true": True, "false": False}[value]
        elif key in ("age", "weight_kg", "crcl_ml_min"):
            values[key] = float(value)
        else:
            values[key] = value
    return Patient(**values)


def _items(text: str) -> list[str]:
    return [part.strip() for part in text.split("|") if part.strip()]


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def run(row: dict[str, str]) -> list[Finding] | MpsdoseError:
    """The findings of one row, or the error that refused its input."""
    try:
        patient = _patient(row["patient"])
        regimen = Regimen.parse(_items(row["items"]))
        previous = Regimen.parse(_items(row["previous"])) if row["previous"] else None
        return check(regimen, patient, previous=previous, market=row["market"] or None)
    except MpsdoseError as error:
        return error


def raised(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.severity is not Severity.INFO]


def dangerous() -> Iterator[tuple[dict[str, str], bool, str]]:
    """Each dangerous order, whether its expected finding was raised, and what was raised."""
    for row in rows("check_dangerous.csv"):
        result = run(row)
        if isinstance(result, MpsdoseError):
            yield row, row["expect"] == "refused", f"refused: {result}"
            continue
        codes = {f.code for f in raised(result)}
        yield row, row["expect"] in codes, ", ".join(sorted(codes)) or "silent"


def ordinary() -> Iterator[tuple[dict[str, str], list[Finding]]]:
    """Each ordinary regimen and the warnings or errors it raised (a nuisance when any)."""
    for row in rows("check_ordinary.csv"):
        result = run(row)
        if isinstance(result, MpsdoseError):
            raise result
        yield row, raised(result)


def main() -> None:  # pragma: no cover - a report for people
    caught = missed = any_flag = 0
    by_category: dict[str, list[int]] = {}
    for row, ok, shown in dangerous():
        counts = by_category.setdefault(row["category"], [0, 0])
        counts[0] += ok
        counts[1] += 1
        caught += ok
        result = run(row)
        flagged = isinstance(result, MpsdoseError) or bool(raised(result))
        any_flag += flagged
        if not ok:
            missed += 1
            print(f"MISSED {row['id']} {row['items']!r}: expected {row['expect']}, got {shown}")
    total = caught + missed
    print(f"dangerous: {caught}/{total} raised the expected finding; {any_flag}/{total} raised "
          "a warning or an error (or were refused)")
    for category, (ok, n) in by_category.items():
        print(f"  {category}: {ok}/{n}")
    noisy = [(row, found) for row, found in ordinary() if found]
    n = len(rows("check_ordinary.csv"))
    print(f"ordinary: {len(noisy)}/{n} raised a warning or an error")
    for row, found in noisy:
        print(f"  {row['id']} {row['items']!r}: " + "; ".join(
            f"{f.severity.value} {f.code}" for f in found))


if __name__ == "__main__":  # pragma: no cover
    main()
