"""The rules held-out rounds 119 and 120 of issue 13 changed (fix119120).

- The rescue of a continuous IV or SC infusion, in hours of it (``infusion_rescue_hours``): a
  rescue below the usual share of the day that reaches the share of the hour any source gives
  for its drug (JSPM: one hour's amount; Nelson's morphine protocol: half the hourly dose) is the
  infusion's own rescue, information; below every such share it stays a warning. A rescue of
  several hours' amount within the share of the day is not judged in hours (no source gives a
  ceiling in hours).
- A fentanyl patch in a patient recorded as not opioid-tolerant whose previous opioids stay below
  the labels' tolerance: where the chosen market's own patch start (the UK: 12 mcg/h for 30-60
  mg/day of oral morphine) gives this first patch for the previous day, the US contraindication's
  error is not raised (the switch rules report the market's label).
- Shipped data: tramadol in cirrhosis (Ultram: 50 mg every 12 hours) in
  ``hepatic_opioid_doses.csv``; alprazolam in advanced liver disease (Xanax: a start of 0.25 mg
  two or three times daily) as a warning in ``dose_limits.csv``.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from mpsdose import Knowledge
from mpsdose.model.findings import Finding, Severity
from tests.checking import NAIVE, TOLERANT, header, knowledge_with, of
from tests.checking import found as _found

RULES = header("rotation_rules")


def _raised(found: list[Finding], code: str) -> list[Severity]:
    return [f.severity for f in of(found, code) if f.severity is not Severity.INFO]


# -- the rescue of a continuous infusion, in hours of it ----------------------------------------
@pytest.mark.parametrize("market", ["us", "uk", "au", "jp", None])
def test_an_infusion_rescue_within_the_share_of_the_day_is_not_judged_in_hours(market):
    # 100 micrograms beside 25 micrograms/h: four hours' amount, 17% of the day (within 10-20%
    # and 1/8-1/4): no source gives a ceiling in hours, so the share of the day judges it
    found = _found(["fentanyl 25 mcg/h iv continuous", "fentanyl 100 mcg iv prn"], TOLERANT,
                   market=market)
    assert _raised(found, "rescue-share") == []


def _hours(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Knowledge:
    """The shipped rotation rules with the infusion rows replaced by the test's own."""
    shipped = (Path(__file__).resolve().parent.parent / "data" / "rotation_rules.csv")
    kept = [line for line in shipped.read_text(encoding="utf-8").splitlines(keepends=True)[1:]
            if not line.startswith("infusion_rescue_hours,")]
    own = [f"infusion_rescue_hours,{drug},{hours},,,h,{market},Test source [P],P,,\n"
           for drug, hours, market in rows]
    return knowledge_with(tmp_path, rotation_rules=RULES + "".join(kept + own))


@pytest.mark.parametrize(("rescue", "severity"), [
    ("0.5", Severity.INFO),      # half the hourly dose: the 0.5 h source's rescue
    ("0.75", Severity.INFO),
    ("0.4", Severity.WARNING),   # below every source's share of the hour
    ("0.25", Severity.WARNING),
])
def test_a_small_infusion_rescue_reaching_the_smallest_sourced_hour_is_information(
        tmp_path, rescue, severity):
    k = _hours(tmp_path, [("", "1", "jp"), ("morphine", "0.5", "us")])
    found = _found(["morphine 1 mg/h iv continuous", f"morphine {rescue} mg iv q2h prn"],
                   TOLERANT, market="au", knowledge=k)
    assert [f.severity for f in of(found, "rescue-share")] == [severity]


def test_the_half_hour_source_is_its_drugs_own(tmp_path):
    # the 0.5 h row is for morphine: hydromorphone at half an hour stays too small a rescue
    k = _hours(tmp_path, [("", "1", "jp"), ("morphine", "0.5", "us")])
    found = _found(["hydromorphone 1 mg/h iv continuous", "hydromorphone 0.5 mg iv q2h prn"],
                   TOLERANT, market="au", knowledge=k)
    assert _raised(found, "rescue-share") == [Severity.WARNING]


# -- a first fentanyl patch below tolerance, by the market's own start ----------------------------
@pytest.mark.parametrize(("previous", "patch", "market", "error"), [
    ("oxycodone 5 mg po q6h", "fentanyl 12 mcg/h td q72h", "uk", False),   # 40 mg/day OME
    ("morphine 10 mg po q6h", "fentanyl 12 mcg/h td q72h", "uk", False),   # 40 mg/day
    ("morphine 5 mg po q6h", "fentanyl 12 mcg/h td q72h", "uk", True),     # 20: below 30
    ("oxycodone 5 mg po q6h", "fentanyl 25 mcg/h td q72h", "uk", True),    # above 12
    ("oxycodone 5 mg po q6h", "fentanyl 12 mcg/h td q72h", "us", True),    # the US label
    ("oxycodone 5 mg po q6h", "fentanyl 12 mcg/h td q72h", None, True),
])
def test_a_first_patch_the_markets_own_label_gives_is_not_the_contraindication(
        previous, patch, market, error):
    found = _found([patch], NAIVE, previous=[previous], market=market)
    assert bool([f for f in of(found, "fentanyl-patch-naive")
                 if f.severity is Severity.ERROR]) is error


def test_an_opioid_naive_patient_keeps_the_patch_contraindication_in_the_uk():
    found = _found(["fentanyl 12 mcg/h td q72h"], NAIVE, market="uk")
    assert _raised(found, "fentanyl-patch-naive") == [Severity.ERROR]


# -- shipped data --------------------------------------------------------------------------------
@pytest.mark.parametrize(("items", "hepatic", "severity"), [
    (["tramadol 50 mg po q12h"], "moderate", Severity.INFO),     # the label's cirrhosis dose
    (["tramadol 50 mg po q12h"], "severe", Severity.WARNING),     # moderate only
    (["tramadol 25 mg po q12h"], "moderate", Severity.INFO),
    (["tramadol 50 mg po q8h"], "moderate", Severity.WARNING),   # more often than 12-hourly
    (["tramadol 100 mg po q12h"], "severe", Severity.WARNING),   # above 50 mg a dose
])
def test_tramadol_in_cirrhosis_within_the_labels_dose_is_information(items, hepatic, severity):
    found = _found(items, attrs.evolve(NAIVE, hepatic=hepatic), market="us")
    assert {f.severity for f in of(found, "hepatic-opioid")} == {severity}


@pytest.mark.parametrize(("dose", "hepatic", "warned"), [
    ("0.25 mg po tid", "severe", False),   # the label's start in advanced liver disease
    ("0.25 mg po bid", "severe", False),
    ("0.5 mg po tid", "severe", True),
    ("1 mg po tid", "severe", True),
    ("1 mg po tid", "none", False),        # 3 mg/day: within the 4 mg/day anxiety maximum
])
def test_alprazolam_in_advanced_liver_disease_above_the_labels_start_is_a_warning(
        dose, hepatic, warned):
    found = _found([f"alprazolam {dose}"], attrs.evolve(NAIVE, hepatic=hepatic), market="us")
    raised = _raised(found, "alprazolam-above-max")
    assert raised == ([Severity.WARNING] if warned else [])
