"""Opioids in hepatic impairment: where a regimen already follows a label's hepatic reduction.

The ``hepatic-opioid`` rules (NICE CG140: seek specialist advice before strong opioids in
moderate to severe hepatic impairment; eTG: start low, extend the interval) warn on any opioid
in moderate or severe impairment. Some labels give that reduction in numbers (the US Dilaudid
label: start at one-fourth to one-half the usual starting dose; Nucynta: 50 mg no more often
than every 8 hours in moderate impairment), and so do liver guidelines (Frontline
Gastroenterology's table for advanced liver disease: morphine 2.5 mg 4-6 hourly as needed).
``data/hepatic_opioid_doses.csv`` holds them; a drug whose every item lies at or below one of
them already follows that reduction, which
:func:`hepatic_dose_met` finds for the safety check to report as information.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mpsdose.clinical.renal import rows_met
from mpsdose.knowledge.bundle import Knowledge
from mpsdose.model.regimen import Item, Patient

if TYPE_CHECKING:  # the record type loads with its file, on first use
    from mpsdose.knowledge.limits import HepaticDose

__all__ = ["hepatic_dose_met"]


def hepatic_dose_met(k: Knowledge, drug: str, items: Sequence[Item],
                     patient: Patient) -> tuple[HepaticDose, ...] | None:
    """The ``hepatic_opioid_doses.csv`` rows that the drug's items lie within, one per item, or
    None where an item lies within none (or the file has no row for the drug and the patient's
    hepatic grade).

    An item lies within a row as in :func:`mpsdose.clinical.renal.renal_dose_met`: its route and
    release (an oral item without a release is immediate release), its dose at or below the
    row's per dose, its interval no shorter than ``min_interval_h`` and the drug's scheduled day
    by the route at or below the row's per day; an as-needed dose is judged per dose.

    Parameters
    ----------
    k
        The knowledge whose ``hepatic_opioid_doses.csv`` is read.
    drug
        The canonical name of an opioid.
    items
        The regimen's items of that drug (listed, with a known dose).
    patient
        Whose hepatic impairment grade selects the rows.

    Returns
    -------
    tuple of HepaticDose or None
        The row each item lies within (the first that holds it, starts before maxima), in the
        items' order.
    """
    return rows_met([r for r in k.hepatic_opioid_doses
                     if r.drug == drug and r.applies_to(patient)], items)
