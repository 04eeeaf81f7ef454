"""Rules added by fix128 (issue 13, held-out round 128).

- A naive start of one drug that a market's sources give only as a clinical guideline's start
  (``basis`` guideline in ``opioid_dose_ranges.csv``: eTG's oxycodone modified-release 5 mg
  twice daily, its 12-hour morphine 10 mg twice daily), where the market ships no label start of
  the drug, yields to another market's label start of the same drug, route and release (the
  OxyContin labels' 10 mg every 12 hours; MS Contin's first-opioid 15 mg every 8 or 12 hours):
  a dose above the guideline and within the label is information naming both and saying the
  label is borrowed; above every label it stays a warning.
- The label is read for this patient: where labelling starts the patient at the low end of a
  starting range (US labelling: 65 and over, creatinine clearance below 60 mL/min), a label
  allows only the low end it prints (the UK Longtec SmPC's 5 mg), and a label printing one dose
  allows nothing, so the guideline's warning stands.
- A market's own label start judges as it did (the same market's label and guideline disagree
  by the rows' own reading); a row of unstated basis is never read as a guideline.

Each rule is stated in general (several drugs, doses, ages, markets, both sides of each
threshold) against the shipped data whose sources the rows carry.
"""

from __future__ import annotations

import pytest

from mpsdose import Knowledge, Patient, check, parse_item
from mpsdose.model.findings import Finding, Severity

NAIVE = "opioid-naive-start"


def _run(items: str, market: str | None = None, **patient: object) -> list[Finding]:
    person = Patient(**{"age": 55, "weight_kg": 70, "crcl_ml_min": 90,  # type: ignore[arg-type]
                        "hepatic": "none", "opioid_tolerant": False, **patient})
    return check([parse_item(text) for text in items.split(" | ")], person, market=market)


def _naive(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.code == NAIVE]


def _severity(found: list[Finding]) -> Severity | None:
    order = [Severity.INFO, Severity.WARNING, Severity.ERROR]
    severities = [f.severity for f in _naive(found)]
    return max(severities, key=order.index) if severities else None


# -- a guideline's start yields to a borrowed label start ---------------------------------------
@pytest.mark.parametrize("age", [30, 52, 64])
@pytest.mark.parametrize("written", ["oxycontin 10 mg po q12h", "oxycodone er 10 mg po q12h",
                                     "oxycodone cr 10 mg po bid"])
def test_au_oxycodone_mr_within_the_borrowed_label_is_information(age, written):
    found = _run(written, market="au", age=age)
    assert _severity(found) is Severity.INFO
    message = _naive(found)[0].message
    assert "borrowed" in message and "5 mg a dose [AU" in message and "US label" in message


@pytest.mark.parametrize("age", [40, 60])
def test_au_oxycodone_mr_at_the_guideline_start_is_silent(age):
    assert _severity(_run("oxycontin 5 mg po q12h", market="au", age=age)) is None


@pytest.mark.parametrize("dose", ["15 mg po q12h", "20 mg po q12h", "10 mg po q8h"])
def test_au_oxycodone_mr_above_every_label_start_stays_a_warning(dose):
    found = _run(f"oxycontin {dose}", market="au", age=50)
    assert _severity(found) is Severity.WARNING
    assert not any("borrowed" in f.message for f in _naive(found))


@pytest.mark.parametrize(("dose", "expected"), [
    ("10 mg po q12h", None), ("15 mg po q12h", Severity.INFO), ("15 mg po q8h", Severity.INFO),
    ("20 mg po q12h", Severity.WARNING), ("30 mg po q12h", Severity.WARNING),
])
def test_au_12_hour_morphine_mr_yields_to_the_ms_contin_label(dose, expected):
    assert _severity(_run(f"ms contin {dose}", market="au", age=58)) is expected


@pytest.mark.parametrize(("dose", "expected"), [
    ("20 mg po daily", None), ("30 mg po daily", Severity.INFO), ("40 mg po daily", Severity.WARNING),
])
def test_au_once_daily_morphine_mr_yields_to_the_kadian_label_of_its_own_interval(dose, expected):
    # eTG's 24-hour start (10-20 mg daily) against KADIAN's 30 mg every 24 hours
    assert _severity(_run(f"morphine er {dose}", market="au", age=50)) is expected


# -- the low end: a patient labelling starts lower --------------------------------------------
@pytest.mark.parametrize(("age", "crcl"), [(65, 90), (66, 70), (80, 90), (86, 45), (50, 45),
                                           (40, 59)])
@pytest.mark.parametrize("written", ["oxycontin 10 mg po q12h", "ms contin 15 mg po q12h"])
def test_a_patient_started_at_the_low_end_keeps_the_guideline_warning(age, crcl, written):
    found = _run(written, market="au", age=age, crcl_ml_min=crcl)
    assert _severity(found) is Severity.WARNING


@pytest.mark.parametrize(("age", "crcl"), [(64, 60), (64, 90), (30, 120)])
def test_just_outside_the_low_end_bands_the_label_still_speaks(age, crcl):
    found = _run("oxycontin 10 mg po q12h", market="au", age=age, crcl_ml_min=crcl)
    assert _severity(found) is Severity.INFO


# -- a market's own label judges as it did ------------------------------------------------------
@pytest.mark.parametrize("market", ["us", "uk", "eu"])
def test_a_market_with_its_own_oxycontin_label_judges_by_it(market):
    assert _severity(_run("oxycontin 10 mg po q12h", market=market, age=50)) is None
    assert _severity(_run("oxycontin 20 mg po q12h", market=market, age=50)) is Severity.WARNING


def test_the_basis_is_said_only_of_naive_start_and_titration_step_rows_of_one_drug():
    # (titration-step rows carry it since fix138: a guideline's own step, eTG's weekly 10 mg)
    rows = Knowledge.default().opioid_ranges
    marked = [r for r in rows if r.basis is not None]
    assert marked
    assert all(r.check in ("naive-start", "titration-step") and r.drug is not None
               for r in marked)
    assert {r.basis for r in marked} == {"label", "guideline"}
    by_market = {(r.drug, r.market, r.interval_h): r.basis for r in marked
                 if r.route == "oral" and r.release == "er"}
    assert by_market[("oxycodone", "au", None)] == "guideline"
    assert by_market[("oxycodone", "us", None)] == "label"
    assert by_market[("morphine", "au", 12)] == "guideline"
    assert by_market[("morphine", "us", None)] == "label"
