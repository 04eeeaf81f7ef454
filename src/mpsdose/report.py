"""Rows and JSON for people and machines. No click and no tabulate here: the CLI renders.

Human rows round for reading (4 significant digits); JSON keeps the exact numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mpsdose.catalogue import Drug
from mpsdose.findings import Finding
from mpsdose.regimen import _number
from mpsdose.totals import DailyTotals, Total, _round, findings

__all__ = ["SCHEMA", "Table", "drugs_rows", "totals_json", "totals_tables"]

#: The ``schema`` key of every ``--json`` document (CONTRACT.md §2).
SCHEMA = "mpsdose/1"

Table = tuple[str, Sequence[str], list[list[str]]]  # (title, headers, rows)


def _per_dose(value: float | None, drug: Drug) -> str:
    if value is None:
        return ""
    unit = "mcg" if drug.natural_unit.symbol.startswith("mcg") else "mg"
    return f"{_round(value * (1000 if unit == 'mcg' else 1), 4)} {unit}"


def totals_tables(totals: DailyTotals) -> list[Table]:
    """The tables ``mpsdose total`` prints: items, then drugs grouped by class."""
    item_rows = []
    for row in totals.items:
        item = row.item
        item_rows.append([
            str(item),
            row.drug.name,
            item.route.value + ("" if item.route_stated else " (assumed)"),
            "PRN" if item.prn else "",
            _per_dose(row.per_dose_mg, row.drug),
            "" if row.doses_per_day is None else _round(row.doses_per_day, 3),
            row.daily.format() + (" (at max)" if item.prn and row.daily.known else ""),
        ])
    for item in totals.unlisted:
        item_rows.append([str(item), item.name, item.route.value, "PRN" if item.prn else "",
                          "", "", "not totalled (unlisted)"])
    drug_rows = []
    for group in totals.classes:
        for total in group.drugs:
            drug_rows.append([
                group.label,
                total.drug.name,
                ", ".join(route.value for route in total.routes),
                total.scheduled.format() if total.scheduled.known or not total.has_prn
                else total.scheduled.format(),
                total.with_prn.format() if total.has_prn else "",
            ])
    return [
        ("Items", ["Item", "Drug", "Route", "PRN", "Per dose", "Doses/day", "Daily dose"],
         item_rows),
        ("Daily totals per drug", ["Class", "Drug", "Routes", "Scheduled", "With PRN at max"],
         drug_rows),
    ]


def _total_json(total: Total) -> dict[str, Any]:
    return {
        "value": total.value,
        "unit": total.unit.symbol,
        "mg_per_day": total.mg_per_day if total.known else None,
        "complete": total.complete,
        "not_counted": list(total.unknown),
    }


def totals_json(totals: DailyTotals, extra_findings: Sequence[Finding] = ()) -> dict[str, Any]:
    """The ``--json`` document of ``mpsdose total`` (CONTRACT.md §2)."""
    items = []
    for row in totals.items:
        item = row.item
        items.append({
            "input": str(item),
            "item": item.format(),
            "drug": row.drug.name,
            "drug_class": row.drug.drug_class,
            "route": item.route.value,
            "route_stated": item.route_stated,
            "prn": item.prn,
            "per_dose_mg": row.per_dose_mg,
            "doses_per_day": row.doses_per_day,
            "daily_dose": {"value": row.daily.value, "unit": row.daily.unit.symbol},
            "daily_dose_mg_per_day": row.daily.mg_per_day if row.daily.known else None,
            "dose_known": item.dose_known,
        })
    for item in totals.unlisted:
        items.append({"input": str(item), "item": item.format(), "drug": item.name,
                      "drug_class": "unlisted", "route": item.route.value, "prn": item.prn,
                      "daily_dose": None, "listed": False})
    drugs = [
        {
            "drug": total.drug.name,
            "drug_class": total.drug.drug_class,
            "routes": [route.value for route in total.routes],
            "scheduled": _total_json(total.scheduled),
            "with_prn": _total_json(total.with_prn),
        }
        for total in totals.drugs
    ]
    classes = [
        {"drug_class": group.drug_class, "drugs": [t.drug.name for t in group.drugs]}
        for group in totals.classes
    ]
    return {
        "schema": SCHEMA,
        "label": totals.regimen.label,
        "items": items,
        "drugs": drugs,
        "classes": classes,
        "findings": [f.to_json() for f in [*findings(totals), *extra_findings]],
    }


def drugs_rows(drugs: Sequence[Drug], aliases: dict[str, list[str]]) -> Table:
    """The catalogue as a table for ``mpsdose drugs``."""
    rows = [
        [drug.name, drug.drug_class, " ".join(sorted(r.value for r in drug.routes)),
         ", ".join(aliases.get(drug.name, [])), drug.source]
        for drug in drugs
    ]
    return ("Drugs", ["Drug", "Class", "Routes", "Other names", "Source"], rows)


def number(value: float) -> str:
    return _number(value)
