"""Judge a FHIR reading against what a pharmacist read in the same document.

The expectations (``tests/data/fhir/expected.json``, copied from the r15 research corpus's
``expected.json``) were decided by reading the documents, before mpsdose was run on them. Each
document gets one verdict:

- ``read right``: every order in force whose dose the document gives is read with the expected
  daily amount of each drug; every order not in force is left out; no number is given where the
  document does not give one;
- ``refused``: nothing is totalled, and the document's reading says why (the verdict records the
  findings), where the pharmacist also reads no total (``refuse …`` or nothing computable);
- ``not read``: an order in force with a dose the pharmacist reads has no number here;
- ``read wrong``: a number that is not the pharmacist's, or an order counted that is not in force
  (or left out that is).

Used by ``tests/test_fhir_corpus.py`` and ``scripts/measure_fhir_corpus.py``.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from mpsdose.io.fhir import FhirError, FhirReading, OrderReading, read_fhir

__all__ = ["expected_daily", "judge", "judge_file"]

_AMOUNT = re.compile(r"(?P<max>max\s+)?(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>mg|mcg|g)"
                     r"(?:/(?P<per>day|h))?(?P<rest>[^;]*)")


def expected_daily(written: str) -> float | None:
    """An expected daily amount as mg/day (a patch's mcg/h as the mg/day it releases), or None
    where the string is not an amount a day ("40 drops/day", "3 mg x3/wk", units)."""
    text = written.strip()
    equals = re.search(r"=\s*(\d[\d,]*(?:\.\d+)?)\s*mg/day", text)
    if equals:
        return float(equals.group(1).replace(",", ""))
    match = _AMOUNT.search(text)
    if match is None:
        return None
    value = float(match["value"].replace(",", ""))
    scale = {"mg": 1.0, "mcg": 0.001, "g": 1000.0}[match["unit"]]
    rest = match["rest"]
    every = re.search(r"every (\d+) days", rest)
    if match["per"] == "h":
        return value * scale * 24.0
    if match["per"] == "day":
        return value * scale
    if every:
        return value * scale / float(every.group(1))
    if re.search(r"\bonce\b|on day 1", rest):
        return value * scale
    return None


def _daily(reading_item: Any, drug: str) -> float | str | None:
    """The reader's daily amount of ``drug`` in one item, None if unknown, 'absent' if the drug
    is not in it. A drug the catalogue does not know is compared by its amount alone when the
    item has one ingredient (the document may name it by a brand: "Myleran" is busulfan)."""
    for ingredient in reading_item.ingredients:
        name = ingredient.drug.name.lower()
        if drug.lower() == name or (not ingredient.drug.listed and (
                drug.lower() in name.split() or name in drug.lower())):
            return reading_item.daily(ingredient)  # type: ignore[no-any-return]
    if len(reading_item.ingredients) == 1 and not reading_item.ingredients[0].drug.listed:
        return reading_item.daily(reading_item.ingredients[0])  # type: ignore[no-any-return]
    return "absent"


def _groups(expected: list[dict[str, Any]]) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Expected orders grouped by resource (the dosages of one order are listed one by one)."""
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for order in expected:
        where = re.sub(r"^/|/resource$", "", str(order.get("where") or "")).replace("/", ".")
        dosage = re.search(r"\.?(?:dosageInstruction|dosage)\[(\d+)\]$", where)
        if dosage is not None:
            where = where[:dosage.start()]
            order = {**order, "_dosage": int(dosage.group(1))}
        key = (str(order.get("resource")), str(order.get("id") or ""), where)
        grouped.setdefault(key, []).append(order)
    return grouped


def _match(key: tuple[str, str, str], reading: FhirReading) -> OrderReading | None:
    kind, rid, where = key
    for order in reading.orders:
        mine_kind, _, mine_id = order.resource.partition("/")
        if mine_kind != kind:
            continue
        if rid.endswith("..."):
            if mine_id.startswith(rid[:-3]):
                return order
        elif rid.startswith("..."):
            if mine_id.endswith(rid[3:]):
                return order
        elif rid:
            if mine_id == rid:
                return order
        elif order.origin == where:
            return order
    return None


def judge(reading: FhirReading | FhirError, expected: dict[str, Any]) -> tuple[str, str]:
    """(verdict, detail) for one document."""
    should = str(expected.get("reader_should", ""))
    orders = expected.get("orders") or []
    wanted = [o for o in orders if o["counts_in_current_regimen"] and o["computable"]]
    if isinstance(reading, FhirError):
        if wanted and not should.startswith("refuse"):
            return "not read", f"refused: {reading}"
        return "refused", str(reading)
    problems: list[str] = []
    missing: list[str] = []
    given_numbers = False
    matched: set[str] = set()
    for key, group in _groups(orders).items():
        mine = _match(key, reading)
        counts = group[0]["counts_in_current_regimen"]
        name = f"{key[0]}/{key[1] or key[2]}"
        if mine is None:
            if counts and any(o["computable"] for o in group):
                missing.append(f"{name}: not found")
            continue
        matched.add(mine.resource)
        if mine.counts != counts:
            if not counts:
                problems.append(f"{name}: counted though {group[0]['status']}")
            elif any(o["computable"] for o in group):
                problems.append(f"{name}: left out though in force ({mine.rule})")
            else:
                missing.append(f"{name}: left out ({mine.rule})")
            continue
        if not counts:
            continue
        for index, order in enumerate(group):
            position = order.get("_dosage", index)
            dosage = mine.dosages[position] if position < len(mine.dosages) else None
            item = dosage.item if dosage is not None else (mine.items[0] if mine.items
                                                           and len(group) == 1 else None)
            if not order["computable"]:
                if item is not None and item.dose_known and any(
                        item.daily(i) is not None for i in item.ingredients):
                    problems.append(f"{name} dosage {position}: a number ({item}) where the "
                                    "document gives none")
                continue
            if item is None or not item.dose_known:
                why = dosage.reason if dosage is not None else "no dosage"
                missing.append(f"{name} dosage {position}: no number ({why})")
                continue
            given_numbers = True
            for drug, written in (order.get("daily") or {}).items():
                want = expected_daily(str(written))
                if want is None:
                    continue
                got = _daily(item, drug)
                if got == "absent" or got is None:
                    problems.append(f"{name}: {drug} not read ({item})")
                elif not math.isclose(float(got), want, rel_tol=0.01):
                    problems.append(f"{name}: {drug} {float(got):g} mg/day, expected {written}")
    extra = [o.resource for o in reading.counted if o.resource not in matched and o.items]
    if extra:
        problems.append(f"counted orders the pharmacist does not: {', '.join(extra)}")
    if problems:
        return "read wrong", "; ".join(problems)
    if missing:
        if not wanted or should.startswith("refuse"):
            return "refused", "; ".join(missing)
        return "not read", "; ".join(missing)
    if not wanted:
        reasons = [f.message for f in reading.findings if f.severity.value != "info"][:2]
        return ("refused" if not given_numbers and should.startswith("refuse") else "read right",
                "; ".join(reasons))
    return "read right", ", ".join(str(i) for i in reading.regimen.items)


def judge_file(path: Path, expected: dict[str, Any]) -> tuple[str, str]:
    """Read one corpus file and judge it (malformed JSON is a refusal the reader makes)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        return judge(FhirError(f"not JSON: {error.msg}"), expected)
    try:
        reading: FhirReading | FhirError = read_fhir(document)
    except FhirError as error:
        reading = error
    return judge(reading, expected)
