"""Rows and JSON for people and machines. No click and no tabulate here: the CLI renders.

Human rows round for reading (4 significant digits); JSON keeps the exact numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from mpsdose.clinical.equivalence import ItemEquivalent, OralMorphineEquivalent
from mpsdose.clinical.summary import Summary
from mpsdose.clinical.totals import Total
from mpsdose.knowledge.conversion import ConversionTable
from mpsdose.model.drugs import Drug
from mpsdose.model.numbers import significant
from mpsdose.model.regimen import Item
from mpsdose.model.units import UNITS
from mpsdose.present.contract import SCHEMA_VERSION

if TYPE_CHECKING:  # pragma: no cover
    from mpsdose.clinical.compare import Change, Comparison, Timeline
    from mpsdose.clinical.methadone import MethadoneSwitch, MethodResult
    from mpsdose.clinical.rotation import Rotation

__all__ = [
    "SCHEMA_VERSION",
    "Table",
    "batch_json",
    "daily_mg",
    "drugs_rows",
    "methadone_json",
    "methadone_tables",
    "rotation_json",
    "rotation_tables",
    "summary_json",
    "summary_tables",
    "table_json",
    "tables_rows",
]

Table = tuple[str, Sequence[str], list[list[str]]]  # (title, headers, rows)


def _per_dose(value: float | None, drug: Drug) -> str:
    if value is None:
        return ""
    if drug.dosed_in_units:
        return f"{significant(value, 4)} units"
    unit = "mcg" if drug.natural_unit.symbol.startswith("mcg") else "mg"
    return f"{significant(value * (1000 if unit == 'mcg' else 1), 4)} {unit}"


def _equivalents(summary: Summary) -> dict[tuple[int, str], ItemEquivalent]:
    return {(id(row.item), row.ingredient.drug.name): row for row in summary.equivalent.items}


def _ome_cell(row: ItemEquivalent | None) -> tuple[str, str]:
    if row is None:
        return "", ""
    if row.factor is None:
        return ("no factor" if row.ingredient.dose is not None else "dose unknown"), ""
    if row.once and row.ome.has_number:
        # a single dose: the OME of that one dose, not a daily rate
        return row.ome.format().replace(" mg/day", " mg") + " once", row.factor.describe()
    return (row.ome.format() if row.ome.has_number else "no maximum stated"), row.factor.describe()


def summary_tables(summary: Summary) -> list[Table]:
    """The tables ``mpsdose total`` prints: items (with OME), drugs by class, OME totals."""
    totals = summary.totals
    equivalents = _equivalents(summary)
    item_rows = []
    for row in totals.items:
        item = row.item
        ome, factor = _ome_cell(equivalents.get((id(item), row.drug.name)))
        item_rows.append([
            str(item),
            row.drug.name,
            item.route.value + ("" if item.route_stated else " (assumed)"),
            "PRN" if item.prn else "",
            _per_dose(row.per_dose_mg, row.drug),
            "once" if row.daily.only_once else
            "" if row.doses_per_day is None else significant(row.doses_per_day, 3),
            row.daily.format() + (" (at max)" if item.prn and row.daily.known else ""),
            ome,
            factor,
        ])
    for item in totals.unlisted:
        item_rows.append([str(item), item.name, item.route.value, "PRN" if item.prn else "",
                          "", "", "not totalled (unlisted)", "", ""])
    drug_rows = []
    for group in totals.classes:
        for total in group.drugs:
            drug_rows.append([
                group.label,
                total.drug.name,
                ", ".join(route.value for route in total.routes),
                total.scheduled.format(),
                total.with_prn.format() if total.has_prn else "",
            ])
    equivalent = summary.equivalent
    table = equivalent.table
    ome_rows = []
    if equivalent.items:
        ome_rows = [[f"{drug} {route.value} (with PRN at maximum)", ome.format()]
                    for (drug, route), ome in equivalent.by_drug_route().items()]
        # a single dose (once, stat) is counted on its day, as check counts it against a day's
        # maximum: the totals say so
        once = " (incl. single doses, on their day)" if any(r.once for r in equivalent.items) \
            else ""
        ome_rows += [
            [f"Scheduled{once}", equivalent.scheduled.format()],
            [f"With PRN at maximum{once}", equivalent.with_prn.format()],
        ]
    return [
        ("Items", ["Item", "Drug", "Route", "PRN", "Per dose", "Doses/day", "Daily dose",
                   "OME (mg/day)", "Factor"], item_rows),
        ("Daily totals per drug", ["Class", "Drug", "Routes", "Scheduled", "With PRN at max"],
         drug_rows),
        (f"Oral morphine equivalent (OME), table {table.label}", ["Total", "OME"], ome_rows),
    ]


def daily_mg(item: Item) -> float | None:
    """An item's daily amount in mg/day for ``daily_dose_mg_per_day``; None where it is not known
    or is in units (a heparin: never reported as mg)."""
    if any(i.drug.dosed_in_units for i in item.ingredients):
        return None
    return item.daily()


def _daily_json(total: Total) -> dict[str, Any]:
    """A daily amount for machines, always per day (CONTRACT.md §2): an infusion of 1 mg/h is
    24 mg/day, a patch of 25 mcg/h 600 mcg/day (its rate is under ``rate``); null where the
    amount is not known."""
    unit = total.unit
    if unit.per_hour:
        unit = UNITS[unit.symbol.replace("/h", "/day")]
    return {"value": unit.from_canonical(total.mg_per_day) if total.known else None,
            "unit": unit.symbol}


def _rate_json(total: Total) -> dict[str, Any] | None:
    """A rate per hour as written (a patch, an infusion), else None."""
    if not total.unit.per_hour:
        return None
    return {"value": total.value, "unit": total.unit.symbol}


def _total_json(total: Total) -> dict[str, Any]:
    return {
        "value": total.value,
        "unit": total.unit.symbol,
        "mg_per_day": total.mg_per_day if total.known and not total.unit.in_units else None,
        "complete": total.complete,
        "not_counted": list(total.unknown),
        "once_mg": total.unit.from_canonical(total.once_mg),
    }


def _ome_json(ome: OralMorphineEquivalent) -> float | None:
    """A total for machines: the number only when nothing is missing (else null)."""
    return ome.value if ome.complete else None


def table_json(table: ConversionTable) -> dict[str, Any]:
    return {"id": table.id, "title": table.title, "purpose": table.purpose,
            "version": table.version, "effective_date": table.effective_date or None,
            "content_hash": table.content_hash, "source": table.source}


def batch_json(input_path: str, output_path: str, table: ConversionTable,
               counts: Mapping[str, int], *, per_patient: bool = False) -> dict[str, Any]:
    """The ``--json`` summary of ``mpsdose batch``: counts by status, the files, the table used.

    The rows themselves stay in the output file (CONTRACT.md §5); ``rows`` is the sum of
    ``statuses`` (input rows, or patients with ``per_patient``).
    """
    statuses = {str(status): int(n) for status, n in sorted(counts.items())}
    return {
        "schema": SCHEMA_VERSION,
        "input": input_path,
        "output": output_path,
        "mode": "per-patient" if per_patient else "rows",
        "table": table.id,
        "table_info": table_json(table),
        "rows": sum(statuses.values()),
        "statuses": statuses,
    }


def summary_json(summary: Summary) -> dict[str, Any]:
    """The ``--json`` document of ``mpsdose total`` (CONTRACT.md §2)."""
    totals = summary.totals
    equivalent = summary.equivalent
    equivalents = _equivalents(summary)
    items = []
    for row in totals.items:
        item = row.item
        in_units = row.drug.dosed_in_units  # never in mg: per_dose_units, daily_dose in units
        entry: dict[str, Any] = {
            "input": str(item),
            "item": item.format(),
            "drug": row.drug.name,
            "drug_class": row.drug.drug_class,
            "route": item.route.value,
            "route_stated": item.route_stated,
            "prn": item.prn,
            "per_dose_mg": None if in_units else row.per_dose_mg,
            "doses_per_day": row.doses_per_day,
            "daily_dose": _daily_json(row.daily),
            "rate": _rate_json(row.daily),
            "daily_dose_mg_per_day": row.daily.mg_per_day if row.daily.known and not in_units
            else None,
            "dose_known": item.dose_known,
            "ome_mg_per_day": None,
            "factor": None,
            "once": row.daily.only_once,
        }
        if in_units:
            entry["per_dose_units"] = row.per_dose_mg
        ome = equivalents.get((id(item), row.drug.name))
        if ome is not None:
            factor = ome.factor
            entry.update({
                "ome_mg_per_day": ome.ome.value,
                "ome_complete": ome.ome.complete,
                "ome_range_mg_per_day": None if ome.ome.low is None else [ome.ome.low,
                                                                          ome.ome.high],
                "factor": None if factor is None else factor.factor,
                "factor_range": None if factor is None or factor.low is None
                else [factor.low, factor.high],
                "factor_unit": None if factor is None else f"mg OME per {factor.unit}",
                "factor_applies_to": None if factor is None else factor.unit.symbol,
                "table": equivalent.table.id,
                "source": None if factor is None else factor.source,
                "explanation": ome.explanation,
            })
        items.append(entry)
    for item in totals.unlisted:
        items.append({"input": str(item), "item": item.format(), "drug": item.name,
                      "drug_class": "unlisted", "route": item.route.value, "prn": item.prn,
                      "daily_dose": None, "ome_mg_per_day": None, "factor": None,
                      "listed": False})
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
    scheduled, with_prn = equivalent.scheduled, equivalent.with_prn
    return {
        "schema": SCHEMA_VERSION,
        "label": totals.regimen.label,
        "table": equivalent.table.id,
        "table_info": table_json(equivalent.table),
        "items": items,
        "drugs": drugs,
        "classes": classes,
        "total_ome_mg_per_day": _ome_json(scheduled),
        "total_ome_mg_per_day_with_prn": _ome_json(with_prn),
        "total_ome_range_mg_per_day": None if scheduled.low is None
        else [scheduled.low, scheduled.high],
        "total_ome_range_mg_per_day_with_prn": None if with_prn.low is None
        else [with_prn.low, with_prn.high],
        "total_ome_complete": scheduled.complete,
        "total_ome_with_prn_complete": with_prn.complete,
        "total_ome_lower_bound_mg_per_day": scheduled.known_value,
        "total_ome_lower_bound_mg_per_day_with_prn": with_prn.known_value,
        "ome_not_counted": list(dict.fromkeys(with_prn.missing)),
        "single_doses_counted": list(dict.fromkeys(
            str(row.item) for row in totals.items if row.daily.only_once)),
        "ome_by_drug_route": [
            {"drug": drug, "route": route.value, "ome_mg_per_day_with_prn": ome.value,
             "ome_lower_bound_mg_per_day_with_prn": ome.known_value,
             "ome_range_mg_per_day_with_prn": None if ome.low is None else [ome.low, ome.high]}
            for (drug, route), ome in equivalent.by_drug_route().items()],
        "findings": [f.to_json() for f in summary.findings],
    }


def _pair(pair: tuple[float, float] | None) -> list[float] | None:
    return None if pair is None else [pair[0], pair[1]]


def rotation_json(rotation: Rotation) -> dict[str, Any]:
    """The ``--json`` document of ``mpsdose convert`` (CONTRACT.md §2 ``result``)."""
    unit = rotation.unit
    per_unit = "mcg/h" if unit == "mcg/h" else "mg"
    rescue = rotation.rescue
    result: dict[str, Any] = {
        "drug": rotation.target.drug.name,
        "route": rotation.target.route.value,
        "release": rotation.target.release,
        "form": rotation.target.form,
        "daily_dose": {"value": rotation.daily[0], "unit": unit},
        "dose_range": {"low": rotation.daily[0], "high": rotation.daily[1], "unit": unit},
        "per_dose": None if rotation.per_dose is None else {
            "value": rotation.per_dose[0], "low": rotation.per_dose[0],
            "high": rotation.per_dose[1], "unit": per_unit},
        "frequency": rotation.schedule.format() or None,
        "equianalgesic_range": {"low": rotation.equianalgesic[0],
                                "high": rotation.equianalgesic[1], "unit": unit},
        "reduced_range": {"low": rotation.reduced[0], "high": rotation.reduced[1], "unit": unit},
        "reduction": {"low": rotation.reduction[0], "high": rotation.reduction[1]},
        "ome_mg_per_day": {"low": rotation.ome[0], "high": rotation.ome[1]},
        "rescue": None if rescue is None else {
            "drug": rescue.drug.name, "route": rescue.route.value,
            "dose": {"value": rescue.per_dose[0], "low": rescue.per_dose[0],
                     "high": rescue.per_dose[1], "unit": "mg"},
            "frequency": None if rescue.interval_h is None else f"q{rescue.interval_h:g}h prn",
            "fraction": _pair(rescue.fraction), "source": rescue.source},
        "bidirectional": rotation.bidirectional,
        "items": [item.format() for item in rotation.items()],
        "steps": [{"step": step.step, "detail": step.detail} for step in rotation.steps],
    }
    return {
        "schema": SCHEMA_VERSION,
        "table": rotation.table.id,
        "table_info": table_json(rotation.table),
        "items": [{"input": str(item), "drug": item.name, "route": item.route.value,
                   "prn": item.prn, "daily_dose_mg_per_day": daily_mg(item)}
                  for item in rotation.converted],
        "result": result,
        "findings": [f.to_json() for f in rotation.findings],
    }


def rotation_tables(rotation: Rotation) -> list[Table]:
    unit = rotation.unit
    per_unit = "mcg/h" if unit == "mcg/h" else "mg"
    rows = [
        ["Target", str(rotation.target)],
        ["Table", rotation.table.label],
        ["OME of current opioids", _range_text(rotation.ome, "mg/day")],
        ["Reduction", _range_text((rotation.reduction[0] * 100, rotation.reduction[1] * 100),
                                  "%")],
        ["Equianalgesic (unreduced)", _range_text(rotation.equianalgesic, unit)],
        ["Daily dose (rounded down)", _range_text(rotation.daily, unit)],
    ]
    if rotation.per_dose is not None:
        rows.append(["Per dose", f"{_range_text(rotation.per_dose, per_unit)} "
                                 f"{rotation.schedule}"])
    else:
        rows.append(["Schedule", rotation.schedule.format() or "—"])
    if rotation.rescue is not None:
        rescue = rotation.rescue
        every = "" if rescue.interval_h is None else f" q{rescue.interval_h:g}h prn"
        rows.append(["Rescue", f"{rescue.drug.name} {rescue.route.value} "
                               f"{_range_text(rescue.per_dose, 'mg')}{every}"])
    rows.append(["Start with", "; ".join(item.format() for item in rotation.items()) or "—"])
    steps = [[step.step, step.detail] for step in rotation.steps]
    return [("Rotation", ["", ""], rows), ("Steps", ["Step", "Detail"], steps)]


def _range_text(pair: tuple[float, float], unit: str) -> str:
    low, high = (significant(pair[0], 4), significant(pair[1], 4))
    return f"{low} {unit}" if low == high else f"{low}–{high} {unit}"


def _given(pair: tuple[float, float] | None) -> list[float | None] | None:
    """A range for machines, with an end that is no dose (0: not given, or not printed by the
    source) as null, never 0; null where neither end is a dose."""
    if pair is None or pair[1] <= 0:
        return None
    return [pair[0] if pair[0] > 0 else None, pair[1]]


def _no_dose_reason(result: MethodResult) -> str | None:
    """Why a method gives no dose, or no lower end of its range; None where it gives one."""
    if result.per_dose[1] > 0 and result.per_dose[0] > 0 and (
            result.daily is None or result.daily[0] > 0):
        return None
    said = [w for w in result.warnings if "no dose" in w or "no lower" in w]
    if said:
        return said[0]
    if result.per_dose[1] <= 0:
        return f"{result.title} gives no dose for this OME"
    return f"{result.title} gives only an upper bound for this OME"


def methadone_json(switch: MethadoneSwitch) -> dict[str, Any]:
    """The ``--json`` document of ``mpsdose methadone`` (CONTRACT.md §2 ``methods``)."""
    methods = []
    for result in switch.methods:
        per_dose = _given(result.per_dose)
        entry: dict[str, Any] = {
            "method": result.method,
            "title": result.title,
            "daily_dose_mg": result.daily_dose_mg,
            "daily_dose_range_mg": _given(result.daily),
            "daily_dose_uncapped_mg": _given(result.daily_uncapped),
            "equianalgesic_mg": _given(result.equianalgesic),
            "reduction_percent": None if result.reduction is None else
            [round(result.reduction[0] * 100, 6), round(result.reduction[1] * 100, 6)],
            "per_dose_mg": None if per_dose is None else per_dose[0],
            "per_dose_range_mg": per_dose,
            "no_dose_reason": _no_dose_reason(result),
            "frequency": result.frequency or None,
            "cap_mg_per_day": result.cap_mg_per_day,
            "monotone": result.monotone,
            "warnings": list(result.warnings),
            "source": result.source,
        }
        if result.schedule:
            entry["schedule"] = list(result.schedule)
        methods.append(entry)
    return {
        "schema": SCHEMA_VERSION,
        "table": switch.table.id,
        "table_info": table_json(switch.table),
        "items": [{"input": str(item), "drug": item.name, "route": item.route.value,
                   "prn": item.prn, "daily_dose_mg_per_day": daily_mg(item)}
                  for item in switch.converted],
        "ome_mg_per_day": {"low": switch.ome[0], "high": switch.ome[1]},
        "methods": methods,
        "steps": [{"step": s.step, "detail": s.detail} for s in switch.steps],
        "findings": [f.to_json() for f in switch.findings],
    }


def methadone_tables(switch: MethadoneSwitch) -> list[Table]:
    rows = []
    for result in switch.methods:
        daily = "as needed" if result.daily is None else _range_text(result.daily, "mg/day")
        uncapped = "" if result.daily_uncapped is None else _range_text(result.daily_uncapped,
                                                                        "mg/day")
        if result.equianalgesic is not None and result.reduction is not None:
            uncapped = (f"{_range_text(result.equianalgesic, 'mg/day')} − "
                        f"{significant(result.reduction[0] * 100, 3)}–"
                        f"{significant(result.reduction[1] * 100, 3)}% = {uncapped}")
        per_dose = _given(result.per_dose)
        if per_dose is None:
            dose_text = "no dose"
            daily = "no dose" if result.daily is None and result.frequency != "prn" else daily
        elif per_dose[0] is None:
            dose_text = f"up to {significant(result.per_dose[1], 4)} mg {result.frequency}"
            if result.daily is not None:
                daily = f"up to {significant(result.daily[1], 4)} mg/day"
        else:
            dose_text = f"{_range_text(result.per_dose, 'mg')} {result.frequency}"
        rows.append([result.title, uncapped, daily, dose_text, "; ".join(result.warnings)])
    header = (f"Methadone starting dose by method (OME {_range_text(switch.ome, 'mg/day')}, "
              f"table {switch.table.label})")
    schedule = [[result.title, line] for result in switch.methods for line in result.schedule]
    sources = [[result.title, result.source] for result in switch.methods]
    steps = [[step.step, step.detail] for step in switch.steps]
    return [
        (header, ["Method", "Computed", "Start (capped)", "Per dose", "Warnings"], rows),
        ("Day by day", ["Method", "Plan"], schedule),
        ("Steps", ["Step", "Detail"], steps),
        ("Sources", ["Method", "Source"], sources),
    ]


def _change_json(change: Change) -> dict[str, Any]:
    def side(total: Total | None) -> dict[str, Any] | None:
        return None if total is None else _total_json(total)

    return {"drug": change.drug, "drug_class": change.drug_class, "status": change.status,
            "before": side(change.before), "after": side(change.after),
            "before_with_prn": side(change.before_with_prn),
            "after_with_prn": side(change.after_with_prn),
            "prn_only": change.prn_only,
            "change_pct": change.change_pct}


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """The ``--json`` document of ``mpsdose compare A B`` (CONTRACT.md §2 ``changes``)."""
    return {
        "schema": SCHEMA_VERSION,
        "table": comparison.table.id,
        "table_info": table_json(comparison.table),
        "before": comparison.before.label,
        "after": comparison.after.label,
        "changes": [_change_json(c) for c in comparison.changes],
        "total_ome_before_mg_per_day": comparison.ome_before.value,
        "total_ome_after_mg_per_day": comparison.ome_after.value,
        "total_ome_change_pct": comparison.ome_change_pct,
        "total_ome_before_mg_per_day_with_prn": None if comparison.ome_before_with_prn is None
        else comparison.ome_before_with_prn.value,
        "total_ome_after_mg_per_day_with_prn": None if comparison.ome_after_with_prn is None
        else comparison.ome_after_with_prn.value,
        "findings": [],
    }


def timeline_json(line: Timeline) -> dict[str, Any]:
    """The ``--json`` document of ``mpsdose compare COURSE``: states and changes between them."""
    states = []
    for state, step in zip(line.course.states, line.steps, strict=True):
        states.append({
            "label": state.label, "date": state.date, "day": state.day, "note": state.note,
            "items": [str(item) for item in state.regimen.items],
            "drugs": {c.drug: _total_json(c.after) for c in step.changes if c.after is not None},
            "total_ome_mg_per_day": step.ome_after.value,
            "total_ome_lower_bound_mg_per_day": step.ome_after.known_value,
        })
    changes = [
        {"from": before.label, "to": after.label,
         "changes": [_change_json(c) for c in step.changes if c.status != "unchanged"],
         "total_ome_before_mg_per_day": step.ome_before.value,
         "total_ome_after_mg_per_day": step.ome_after.value,
         "total_ome_change_pct": step.ome_change_pct}
        for before, after, step in zip(line.course.states, line.course.states[1:], line.steps[1:],
                                       strict=False)
    ]
    table = line.steps[-1].table
    return {"schema": SCHEMA_VERSION, "label": line.course.label, "table": table.id,
            "table_info": table_json(table), "states": states, "changes": changes,
            "findings": []}


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:+.0f}%"


def _side(scheduled: Total | None, with_prn: Total | None) -> str:
    """A drug's total in a comparison: scheduled, and with PRN at maximum where that differs
    ("PRN, at max 90 mg/day" for a drug given only as needed)."""
    if scheduled is None:
        return ""
    if with_prn is None or with_prn == scheduled:
        return scheduled.format()
    if scheduled.complete and scheduled.mg_per_day == 0:
        return f"PRN, at max {with_prn.format()}"
    return f"{scheduled.format()} (with PRN at max {with_prn.format()})"


def comparison_tables(comparison: Comparison, names: tuple[str, str] = ("Before", "After")
                      ) -> list[Table]:
    rows = [[c.drug, _side(c.before, c.before_with_prn), _side(c.after, c.after_with_prn),
             _pct(c.change_pct), c.status] for c in comparison.changes]
    rows.append(["OME (" + comparison.table.id + ")", comparison.ome_before.format(),
                 comparison.ome_after.format(), _pct(comparison.ome_change_pct), ""])
    with_prn = (comparison.ome_before_with_prn, comparison.ome_after_with_prn)
    if with_prn[0] is not None and with_prn[1] is not None and \
            (with_prn[0] != comparison.ome_before or with_prn[1] != comparison.ome_after):
        rows.append(["OME with PRN at max", with_prn[0].format(), with_prn[1].format(), "", ""])
    return [("Comparison", ["Drug", *names, "Change", "Status"], rows)]


def timeline_tables(line: Timeline) -> list[Table]:
    labels = list(line.labels)
    drugs: list[str] = []
    for step in line.steps:
        for change in step.changes:
            if change.after is not None and change.drug not in drugs:
                drugs.append(change.drug)
    rows = []
    for drug in drugs:
        row = [drug]
        for step in line.steps:
            total = next((c.after for c in step.changes if c.drug == drug), None)
            row.append("" if total is None else total.format())
        rows.append(row)
    rows.append(["OME (" + line.steps[-1].table.id + ")",
                 *[step.ome_after.format() for step in line.steps]])
    changes = []
    for before, after, step in zip(labels, labels[1:], line.steps[1:], strict=False):
        for change in step.changes:
            if change.status == "unchanged":
                continue
            changes.append([f"{before} → {after}", change.drug, change.status,
                            "" if change.before is None else change.before.format(),
                            "" if change.after is None else change.after.format(),
                            _pct(change.change_pct)])
        if step.ome_change_pct is not None and abs(step.ome_change_pct) > 0:
            changes.append([f"{before} → {after}", "OME", "changed", step.ome_before.format(),
                            step.ome_after.format(), _pct(step.ome_change_pct)])
    return [(line.course.label or "Course", ["Drug", *labels], rows),
            ("Changes between states", ["Step", "Drug", "Status", "Before", "After", "Change"],
             changes)]


def tables_rows(tables: Sequence[ConversionTable]) -> Table:
    rows = [[t.id, t.purpose, t.title, t.effective_date or t.version, t.content_hash[:12],
             str(len(t.factors))] for t in tables]
    return ("Conversion tables", ["Id", "Purpose", "Title", "Date/version", "sha256", "Rows"],
            rows)


def drugs_rows(drugs: Sequence[Drug], aliases: dict[str, list[str]]) -> Table:
    """The catalogue as a table for ``mpsdose drugs``."""
    rows = [
        [drug.name, drug.drug_class, " ".join(sorted(r.value for r in drug.routes)),
         ", ".join(aliases.get(drug.name, [])), drug.source]
        for drug in drugs
    ]
    return ("Drugs", ["Drug", "Class", "Routes", "Other names", "Source"], rows)

