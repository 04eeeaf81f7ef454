"""Renally cleared opioids: where a regimen already meets the renal caution.

The sources behind the ``renal-opioid`` rule (NHS SPS, EPERC Fast Fact #161, the Scottish
Palliative Care Guidelines) say of the caution-class opioids below a creatinine clearance of
30 mL/min: start low, extend the dosing interval, titrate slowly, monitor. Some give that caution
in numbers: a starting dose in renal failure (the dialysis table of PMC4816865; SC oxycodone in
the Scottish guideline for the last days of life) or a renally adjusted maximum (the US tramadol
label: every 12 hours, at most 200 mg a day). ``data/renal_opioid_doses.csv`` holds them; a drug
whose every item lies at or below one of them meets the caution, which :func:`renal_dose_met`
finds for the safety check to report as information.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from mpsdose.knowledge.bundle import Knowledge
from mpsdose.model.regimen import Item, Patient
from mpsdose.model.vocabulary import Route

if TYPE_CHECKING:  # the record type loads with its file, on first use
    from mpsdose.knowledge.limits import HepaticDose, RenalDose

__all__ = ["dose_within", "renal_dose_met", "rows_met"]

_TOLERANCE = 1e-9
#: A row of renal_opioid_doses.csv or hepatic_opioid_doses.csv: a dose, read the same way.
_Dose = TypeVar("_Dose", "RenalDose", "HepaticDose")


def renal_dose_met(k: Knowledge, drug: str, items: Sequence[Item],
                   patient: Patient) -> tuple[RenalDose, ...] | None:
    """The ``renal_opioid_doses.csv`` rows that the drug's items lie within, one per item, or
    None where an item lies within none (or the file has no row for the drug and patient).

    An item lies within a row of its drug, route and release (an oral item written without a
    release is immediate release) where its dose is at or below the row's per dose, its
    interval is no shorter than the row's ``min_interval_h`` (an item whose interval is not
    known, or an infusion, meets no row that sets one) and the scheduled day of the drug by
    the route — its non-PRN items added up — is at or below the row's per day. An as-needed
    dose is judged per dose: the sources give it beside the scheduled day (the Scottish
    guideline's SC oxycodone as needed beside its syringe pump). Only rows whose band holds the
    patient's creatinine clearance and whose settings hold the patient's are read.

    Parameters
    ----------
    k
        The knowledge whose ``renal_opioid_doses.csv`` is read.
    drug
        The canonical name of a caution-class opioid.
    items
        The regimen's items of that drug (listed, with a known dose).
    patient
        Whose renal function and care setting select the rows.

    Returns
    -------
    tuple of RenalDose or None
        The row each item lies within (the first that holds it, starts before maxima), in the
        items' order.
    """
    return rows_met([r for r in k.renal_opioid_doses
                     if r.drug == drug and r.applies_to(patient)], items)


def rows_met(rows: Sequence[_Dose], items: Sequence[Item]) -> tuple[_Dose, ...] | None:
    """The row each item lies within (:func:`dose_within`; starts before maxima), in the items'
    order, or None where an item lies within none (or there are no rows or no items)."""
    ordered = sorted(rows, key=lambda r: r.basis != "start")
    if not ordered or not items:
        return None
    met: list[_Dose] = []
    for item in items:
        row = next((r for r in ordered if dose_within(r, item, items)), None)
        if row is None:
            return None
        met.append(row)
    return tuple(met)


def _release(item: Item) -> str | None:
    return item.release or ("ir" if item.route is Route.ORAL else None)


def _interval_h(item: Item) -> float | None:
    """The item's dosing interval [h]; None for an infusion or where it is not written."""
    return None if item.is_rate else item.schedule.interval_h


def dose_within(row: RenalDose | HepaticDose, item: Item, items: Sequence[Item]) -> bool:
    """Whether ``item`` lies within a dose row (renal or hepatic; see :func:`renal_dose_met`
    for what that means): its route and release, per dose, interval, and the scheduled day of
    the row's drug by the route over ``items``; an as-needed dose judged per dose."""
    if item.route is not row.route or (row.release is not None and _release(item) != row.release):
        return False
    if not item.dose_known:
        return False
    ingredient = next((g for g in item.ingredients if g.drug.name == row.drug), None)
    if ingredient is None:
        return False
    dose = item.per_dose(ingredient)
    if row.per_dose is not None and dose is not None and dose > row.per_dose * (1 + _TOLERANCE):
        return False
    if row.per_dose is not None and dose is None and not item.is_rate:
        return False
    if row.min_interval_h is not None:
        interval = _interval_h(item)
        if interval is None or interval < row.min_interval_h - _TOLERANCE:
            return False
    if item.prn:
        return row.per_dose is not None
    if row.per_day is None:
        return not item.is_rate  # a row with no day cannot hold an infusion
    day = 0.0
    for other in items:
        if other.prn or other.route is not row.route:
            continue
        if row.release is not None and _release(other) != row.release:
            continue
        amount = next((other.daily(g) for g in other.ingredients if g.drug.name == row.drug),
                      None)
        if amount is None:
            return False
        day += amount
    return day <= row.per_day * (1 + _TOLERANCE)
