"""The item language's input guard refuses slips, never a dose the shipped knowledge calls usual.

``IMPLAUSIBLE_DOSE_MG`` (``mpsdose.model.guards``) refuses one dose or one day above it as a slip
(g typed for mg, ``q0.001h``). A labelled maximum or the top of a usual palliative range above it
would be a dose the knowledge judges and the language cannot write: macrogol's 105 g faecal-
impaction day (Movicol) was such a dose under the earlier 100 g guard.
"""

from __future__ import annotations

import pytest

from mpsdose import MpsdoseError, Patient, Regimen, check
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Severity
from mpsdose.model.guards import IMPLAUSIBLE_DOSE_MG


def test_every_shipped_maximum_and_usual_top_is_below_the_guard():
    knowledge = resolve(None)
    tops = [(row.drug, value) for row in knowledge.dose_limits
            for value in (row.max_single_mg, row.max_daily_mg) if value is not None]
    tops += [(row.drug, row.high) for row in knowledge.usual_ranges]
    assert tops
    above = [(drug, value) for drug, value in tops if value >= IMPLAUSIBLE_DOSE_MG]
    assert not above


def test_the_movicol_impaction_day_is_written_and_judged():
    # Movicol: 8 sachets of 13.125 g within 6 hours a day for faecal impaction (105 g a day), the
    # top of the usual range shipped for macrogol: accepted, judged, and not warned.
    found = check(Regimen.parse(["macrogol 13.125 g po q3h"]),
                  Patient(age=70, weight_kg=65, crcl_ml_min=80, hepatic="none"))
    codes = {f.code for f in found}
    assert "dose-not-checked" not in codes
    assert not [f for f in found if f.severity is not Severity.INFO]


def test_a_gram_for_milligram_slip_is_still_refused():
    with pytest.raises(MpsdoseError, match="implausibly large"):
        Regimen.parse(["paracetamol 1000 g po qid"])
