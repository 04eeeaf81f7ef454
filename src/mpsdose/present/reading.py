"""The ``mpsdose read`` output: JSON for machines (CONTRACT.md §6) and rows for people."""

from __future__ import annotations

from typing import Any

from mpsdose.io.prose.result import Measure, OtherItem, PrintedTotal, Reading, ReadItem, ReadState
from mpsdose.model.numbers import significant
from mpsdose.present.contract import SCHEMA_VERSION
from mpsdose.present.report import Table

__all__ = ["reading_json", "reading_tables"]


def _measure(measure: Measure | None) -> dict[str, object] | None:
    return None if measure is None else measure.to_json()


def _item_json(item: ReadItem) -> dict[str, Any]:
    return {
        "as_written": item.as_written,
        "span": list(item.span),
        "drug": item.drug.name,
        "drug_class": item.drug.drug_class,
        "drug_span": list(item.drug_span),
        "route": None if item.route is None else item.route.value,
        "route_from": item.route_from,
        "release": item.release,
        "form": item.form,
        "prn": item.prn,
        "per_dose": _measure(item.per_dose),
        "dose_range": None if item.dose_range is None else {
            "low": item.dose_range[0], "high": item.dose_range[1], "unit": item.dose_range[2]},
        "weight_based": _measure(item.weight_based),
        "frequency": item.frequency,
        "daily_dose": _measure(item.daily_dose),
        "daily_dose_mg_per_day": item.daily_mg,
        "max_daily_dose": _measure(item.max_daily_dose),
        "ome_mg_per_day": item.ome_mg_per_day,
        "item": None if item.item is None else item.item.format(),
        "action": item.action,
        "carried": item.carried,
    }


def _other_json(other: OtherItem) -> dict[str, Any]:
    return {
        "as_written": other.as_written,
        "span": list(other.span),
        "name": other.name,
        "name_span": list(other.name_span),
        "drug_class": other.drug_class,
        "source": other.source,
        "route": None if other.route is None else other.route.value,
        "prn": other.prn,
        "per_dose": _measure(other.per_dose),
        "frequency": other.frequency,
        "daily_dose": _measure(other.daily_dose),
        "action": other.action,
    }


def _state_json(state: ReadState) -> dict[str, Any]:
    return {
        "label": state.label,
        "span": list(state.span),
        "items": [_item_json(item) for item in state.items],
        "total_ome_mg_per_day": state.total_ome_mg_per_day,
        "total_ome_mg_per_day_with_prn": state.total_ome_mg_per_day_with_prn,
        "ome_not_counted": list(state.ome_not_counted),
        "note": state.note,
        "not_in_catalogue": [_other_json(other) for other in state.not_in_catalogue],
        "case": state.case,
    }


def _printed_json(total: PrintedTotal) -> dict[str, Any]:
    return {
        "as_written": total.as_written,
        "span": list(total.span),
        "kind": total.kind,
        "value": total.value,
        "unit": total.unit,
        "drug": total.drug,
        "state": total.state,
        "comparisons": [
            {"table": c.table, "computed": c.computed, "computed_with_prn": c.computed_with_prn,
             "difference": c.difference, "difference_pct": c.difference_pct, "agrees": c.agrees,
             "why": c.why or None}
            for c in total.comparisons],
        "note": total.note or None,
    }


def reading_json(reading: Reading) -> dict[str, Any]:
    """The ``--json`` document of ``mpsdose read`` (CONTRACT.md §6): every ``as_written`` is
    ``text[span[0]:span[1]]``."""
    return {
        "schema": SCHEMA_VERSION,
        "table": reading.table,
        "weight_kg": reading.weight_kg,
        "states": [_state_json(state) for state in reading.states],
        "printed_totals": [_printed_json(total) for total in reading.printed_totals],
        "not_doses": [{"as_written": n.as_written, "span": list(n.span), "why": n.why}
                      for n in reading.not_doses],
        "findings": [finding.to_json() for finding in reading.findings],
    }


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    return f"{significant(value, 4)}{(' ' + unit) if unit else ''}"


def _daily(item: ReadItem) -> str:
    if item.daily_dose is not None:
        return f"{significant(item.daily_dose.value, 4)} {item.daily_dose.unit}"
    if item.dose_range is not None:
        low, high, unit = item.dose_range
        return f"not known (range {significant(low, 4)}–{significant(high, 4)} {unit})"
    if item.max_daily_dose is not None:
        return f"not known (PRN; at most {item.max_daily_dose.value:g} {item.max_daily_dose.unit})"
    return "not known"


def reading_tables(reading: Reading) -> list[Table]:
    """One table per state (and, after it, one of its items of drugs the catalogue does not
    know), then the printed totals and the numbers set aside."""
    tables: list[Table] = []
    for number, state in enumerate(reading.states, start=1):
        rows = [[
            ("(carried) " if item.carried else "") + " ".join(item.as_written.split()),
            item.drug.name, "" if item.route is None else item.route.value,
            "yes" if item.prn else "", _daily(item),
            _number(item.ome_mg_per_day, "mg/day"),
            "" if item.item is None else item.item.format(),
        ] for item in state.items]
        if not rows:
            rows = [["(no items)", "", "", "", "", "", ""]]
        ome = ("not known" if state.total_ome_mg_per_day is None
               else _number(state.total_ome_mg_per_day, "mg/day"))
        tables.append((f"State {number}: {state.label} — OME ({reading.table}) {ome}",
                       ("As written", "Drug", "Route", "PRN", "Daily dose", "OME", "Item"), rows))
        if state.not_in_catalogue:
            tables.append((f"State {number}: not in mpsdose's catalogue — not totalled, not checked",
                           ("As written", "Drug", "Class", "Route", "PRN", "Daily dose"),
                           [[" ".join(o.as_written.split()), o.name, o.drug_class or "",
                             "" if o.route is None else o.route.value, "yes" if o.prn else "",
                             "not known" if o.daily_dose is None else
                             f"{significant(o.daily_dose.value, 4)} {o.daily_dose.unit}"]
                            for o in state.not_in_catalogue]))
    printed_rows = []
    for total in reading.printed_totals:
        compared = [c for c in total.comparisons if c.agrees is not None]
        agreeing = [c.table or "" for c in compared if c.agrees]
        if agreeing:
            verdict = "agrees: " + ", ".join(agreeing)
        elif compared:
            verdict = "differs: " + ", ".join(
                f"{c.table} {_number(c.computed if c.computed is not None else c.computed_with_prn)}"
                for c in compared)
        else:
            verdict = total.note or (total.comparisons[0].why if total.comparisons else "")
        printed_rows.append([" ".join(total.as_written.split()), total.kind,
                             f"{total.value:g} {total.unit}",
                             "" if total.state is None else str(total.state + 1), verdict])
    tables.append(("Totals the text prints", ("As written", "Kind", "Value", "State", "Computed"),
                   printed_rows))
    tables.append(("Numbers read as not doses", ("As written", "Why"),
                   [[" ".join(n.as_written.split()), n.why] for n in reading.not_doses]))
    return tables
