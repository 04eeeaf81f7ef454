"""The general rules behind the fixes of the second pharmacist audit's data gaps (findings 5, 6, 9).

- A ``daily_dose`` row of ``dose_limits.csv`` may join a CrCl band (``and_condition``) and give
  the reduced day of the regimen its band is: enoxaparin prophylaxis (a day of at most 40 mg) at
  CrCl <30 mL/min, 30 mg a day by the US label, 20 mg by the EU SmPC; a larger day is a
  treatment dose, judged per kg by its own row; above CrCl 30 nothing changes.
- Ketorolac in severe renal impairment (CrCl <30, KDIGO's severely decreased GFR) is
  contraindicated by its labels: an error.
- A first regular opioid of the same drug after as-needed doses only is judged by the
  titration step against the most the as-needed orders allowed a day (NICE CG140: convert the
  previous day's immediate-release use).
- Prophylactic LMWH (``prophylactic_daily_max``) beside an antiplatelet is information, not
  STOPP's therapeutic-anticoagulation warning; a treatment dose or a DOAC keeps the warning.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from mpsdose import Patient
from mpsdose.model.errors import DataError
from mpsdose.model.findings import Severity
from tests.checking import TOLERANT, found, header, knowledge_with, of, severities, worst

RENAL = Patient(age=80, weight_kg=70, crcl_ml_min=20, hepatic="none")


# -- enoxaparin prophylaxis in severe renal impairment ------------------------------------------

@pytest.mark.parametrize(("dose", "crcl", "market", "expected"), [
    (40, 20, None, Severity.ERROR),       # above both labels' prophylactic day
    (40, 20, "us", Severity.ERROR),       # above the US 30 mg
    (30, 20, "us", None),                 # the US label's own dose
    (30, 20, "eu", Severity.ERROR),       # above the EU 20 mg
    (30, 20, None, Severity.WARNING),     # within the US, above the EU: the markets disagree
    (20, 20, "eu", None),                 # the EU SmPC's own dose
    (40, 29, "us", Severity.ERROR),       # just inside the band
    (40, 30, "us", None),                 # CrCl 30: the band's edge is out
    (40, 60, None, None),                 # normal prophylaxis, normal kidneys
], ids=lambda v: str(v))
def test_enoxaparin_prophylaxis_renal(dose: float, crcl: float, market: str | None,
                                      expected: Severity | None) -> None:
    patient = attrs.evolve(RENAL, crcl_ml_min=crcl)
    findings = found([f"enoxaparin {dose:g} mg sc daily"], patient, market=market)
    assert worst(findings, "enoxaparin-above-max") is expected


@pytest.mark.parametrize(("dose", "expected"), [
    (70, None),              # treatment 1 mg/kg once daily at 70 kg: the label's dose
    (60, None),              # below it, and above the prophylactic band: not prophylaxis
    (140, Severity.ERROR),   # 1 mg/kg twice a day in severe renal impairment
])
def test_enoxaparin_treatment_renal_judged_per_kg(dose: float, expected: Severity | None) -> None:
    findings = found([f"enoxaparin {dose:g} mg sc daily"], RENAL)
    assert worst(findings, "enoxaparin-above-max") is expected


def test_enoxaparin_prophylaxis_dialysis_read_below_30() -> None:
    patient = attrs.evolve(RENAL, crcl_ml_min=None, conditions=("dialysis",))
    assert worst(found(["enoxaparin 40 mg sc daily"], patient, market="us"),
                 "enoxaparin-above-max") is Severity.ERROR


def test_enoxaparin_prophylaxis_crcl_unknown_not_checked() -> None:
    patient = attrs.evolve(RENAL, crcl_ml_min=None)
    findings = found(["enoxaparin 40 mg sc daily"], patient)
    assert not of(findings, "enoxaparin-above-max")
    assert any("creatinine clearance" in f.message for f in of(findings, "limit-not-checked"))


def test_daily_dose_row_with_second_band_must_lie_below_band(tmp_path: Path) -> None:
    limits = header("dose_limits")
    cols = limits.strip().split(",")
    values = {"drug": "enoxaparin", "route": "sc", "condition": "daily_dose",
              "condition_band": '"(, 40]"', "condition_value": "prophylaxis",
              "max_daily_mg": "40", "source": "Test [P]", "grade": "P",
              "and_condition": "crcl_ml_min", "and_condition_band": '"(, 30)"'}
    row = ",".join(values.get(c, "") for c in cols) + "\n"
    with pytest.raises(DataError, match="below its band"):
        _ = knowledge_with(tmp_path, dose_limits=limits + row).limits


# -- ketorolac in severe renal impairment -------------------------------------------------------

@pytest.mark.parametrize(("crcl", "market", "expected"), [
    (20, None, [Severity.ERROR]),
    (20, "us", [Severity.ERROR]),
    (20, "uk", [Severity.ERROR]),
    (29, "us", [Severity.ERROR]),
    (30, "us", []),
    (60, None, []),
])
def test_ketorolac_severe_renal_contraindicated(crcl: float, market: str | None,
                                                expected: list[Severity]) -> None:
    patient = Patient(age=50, weight_kg=70, crcl_ml_min=crcl, hepatic="none")
    findings = found(["ketorolac 10 mg po qid for 3 days"], patient, market=market)
    assert severities(findings, "ketorolac-avoid") == expected
    if expected:
        assert not of(findings, "ketorolac-at-max")  # never "allowed by the label"


# -- as-needed only to the first regular opioid -------------------------------------------------

@pytest.mark.parametrize(("new", "previous", "warned"), [
    ("oxycodone er 30 mg po q12h", "oxycodone 5 mg po q4h prn max 6/day", True),    # +100%
    ("oxycodone er 20 mg po q12h", "oxycodone 5 mg po q4h prn max 6/day", False),   # +33%
    ("oxycodone er 20 mg po q12h", "oxycodone 5 mg po q4h prn max 4/day", True),    # +100%
    ("oxycodone er 15 mg po q12h", "oxycodone 5 mg po q4h prn max 4/day", False),   # +50%
    ("morphine 60 mg/24h sc continuous", "morphine 2.5 mg sc q1h prn max 6/day", True),
    ("morphine 20 mg/24h sc continuous", "morphine 2.5 mg sc q1h prn max 6/day", False),
], ids=lambda v: str(v))
def test_as_needed_to_regular_same_drug_titration(new: str, previous: str, warned: bool) -> None:
    findings = of(found([new], TOLERANT, previous=[previous]), "opioid-titration-step")
    warnings = [f for f in findings if f.severity is Severity.WARNING]
    assert bool(warnings) is warned
    assert all("most they allowed a day" in f.message for f in warnings)


def test_as_needed_to_regular_tenfold_is_error() -> None:
    findings = found(["oxycodone er 160 mg po q12h"], TOLERANT,
                     previous=["oxycodone 5 mg po q4h prn max 6/day"])
    assert worst(findings, "opioid-tenfold-rise") is Severity.ERROR


# -- prophylactic LMWH with an antiplatelet ------------------------------------------------------

@pytest.mark.parametrize(("items", "expected"), [
    (["enoxaparin 40 mg sc daily", "aspirin 75 mg po daily"], Severity.INFO),
    (["enoxaparin 20 mg sc daily", "aspirin 75 mg po daily"], Severity.INFO),
    (["dalteparin 5000 units sc daily", "aspirin 75 mg po daily"], Severity.INFO),
    (["enoxaparin 80 mg sc daily", "aspirin 75 mg po daily"], Severity.WARNING),
    (["enoxaparin 40 mg sc bid", "aspirin 75 mg po daily"], Severity.WARNING),
    (["dalteparin 10000 units sc daily", "aspirin 75 mg po daily"], Severity.WARNING),
    (["apixaban 5 mg po bid", "aspirin 75 mg po daily"], Severity.WARNING),
    (["enoxaparin 40 mg sc daily", "warfarin 3 mg po daily", "aspirin 75 mg po daily"],
     Severity.WARNING),
], ids=lambda v: str(v))
def test_prophylactic_lmwh_antiplatelet(items: list[str], expected: Severity) -> None:
    patient = Patient(age=70, weight_kg=70, crcl_ml_min=60, hepatic="none")
    assert worst(found(items, patient), "anticoagulant-antiplatelet") is expected
