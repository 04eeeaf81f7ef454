"""Buprenorphine for opioid use disorder: orders that treat the disorder, not pain.

The thresholds for pain in oral morphine equivalents (OME) do not judge an opioid given as
treatment of opioid use disorder (OUD): "the conversion factors for drugs prescribed or provided
as part of medication-assisted treatment for opioid-use disorder should not be used to benchmark
against dosage thresholds meant for opioids prescribed for pain" (CDC letter to ASAM, 2018;
``opioid-use-disorder-treatment`` in ``safety_rules.csv``). Sublingual buprenorphine 16 mg/day,
the US labels' target maintenance day, is 621 mg OME/day by the NIH HEAL factor: against the
300 mg/day review threshold for pain it would always be flagged.

A buprenorphine order is read as OUD treatment (:func:`use_disorder_buprenorphine`) where

- it is sublingual (or buccal with naloxone), and
- the product is one of the disorder's: buprenorphine with naloxone (no analgesic product has
  naloxone), or a dose above the analgesic sublingual dose (Temgesic 200-400 micrograms:
  ``opioid-use-disorder-analgesic-dose``), and
- the patient is recorded as opioid-tolerant, or has the condition ``opioid-use-disorder`` and is
  not recorded as opioid-naive. In an opioid-naive patient the same dose is judged by the
  analgesic starts as before (4 mg every 8 hours is a ten-fold Temgesic dose).

Such an order is judged in buprenorphine's own mg against the OUD labels' maintenance maximum
(``use-disorder-maximum`` rows of ``opioid_dose_ranges.csv``: 24 mg/day), and its OME is left out
of the day judged against the thresholds for pain; the plausibility ceiling (a unit or decimal
slip) still reads it in OME. A rescue beside it is not judged as a share of its OME
(``opioid-use-disorder-rescue``: a full agonist added to buprenorphine maintenance often needs
higher doses, and no source gives a share).
"""

from __future__ import annotations

from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.model.regimen import Item, Patient
from mpsdose.model.vocabulary import Route

__all__ = ["USE_DISORDER_CONDITION", "use_disorder_buprenorphine", "use_disorder_reason"]

#: The patient condition that records opioid use disorder (``vocabulary.CONDITIONS``).
USE_DISORDER_CONDITION = "opioid-use-disorder"
_DRUG = "buprenorphine"
_PARTNER = "naloxone"  #: the abuse-deterrent partner of the disorder's combination products
_TOLERANCE = 1e-9


def use_disorder_reason(item: Item, patient: Patient | None, *,
                        knowledge: Knowledge | None = None) -> str | None:
    """Why an item is read as buprenorphine treatment of opioid use disorder, or None.

    The reason names the product (with naloxone, or a dose above the analgesic sublingual dose
    [mg]) and the patient (opioid-tolerant, or with opioid use disorder)."""
    if patient is None or not item.listed or patient.opioid_tolerant is False:
        return None
    condition = USE_DISORDER_CONDITION in patient.conditions
    if patient.opioid_tolerant is not True and not condition:
        return None
    names = {ingredient.drug.name for ingredient in item.ingredients}
    if _DRUG not in names:
        return None
    combined = _PARTNER in names
    if item.route is not Route.SUBLINGUAL and not (combined and item.route is Route.BUCCAL):
        return None
    who = ("with opioid use disorder" if condition else "recorded as opioid-tolerant")
    if combined:
        return f"buprenorphine with naloxone, a product for opioid use disorder only; patient {who}"
    ingredient = next(g for g in item.ingredients if g.drug.name == _DRUG)
    dose = item.per_dose(ingredient)
    rule = resolve(knowledge).safety_rules.first("opioid-use-disorder-analgesic-dose",
                                                 threshold=True)
    if dose is None or rule.threshold is None or dose <= rule.threshold * (1 + _TOLERANCE):
        return None
    return (f"{dose:g} mg a dose, above the {rule.threshold:g} {rule.unit} analgesic "
            f"sublingual dose (Temgesic); patient {who}")


def use_disorder_buprenorphine(item: Item, patient: Patient | None, *,
                               knowledge: Knowledge | None = None) -> bool:
    """Whether an item is buprenorphine treatment of opioid use disorder for this patient
    (:func:`use_disorder_reason`)."""
    return use_disorder_reason(item, patient, knowledge=knowledge) is not None
