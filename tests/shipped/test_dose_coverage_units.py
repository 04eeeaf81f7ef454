"""Issue 13, "silence you can trust": the drugs dosed in units (heparin IV and SC, dalteparin SC),
written in units since the item language reads them, are judged by rows in units.

An order at a row's top (the label's largest dose or day) raises no warning; ten times an ordinary
order raises a warning or an error whose source is one of the drug's shipped rows; ordinary
prophylactic and treatment doses are silent. The numbers are typed from the sources the rows cite
(``data/dose_limits.csv``; second readings in ``tests/data/dose_limits_check.csv``), not from the
code's output.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Finding, Severity

ROOT = Path(__file__).parents[2]
ADULT = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none")
RAISED = (Severity.WARNING, Severity.ERROR)


def _sources(drug: str) -> list[str]:
    with (ROOT / "data" / "dose_limits.csv").open(newline="", encoding="utf-8") as handle:
        return [row["source"] for row in csv.DictReader(handle) if row["drug"] == drug]


def _check(items: str, patient: Patient = ADULT) -> list[Finding]:
    return check(Regimen.parse([item.strip() for item in items.split("|")]), patient)


def _raised(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity in RAISED]


#: Orders at the label's top, or ordinary ones: no warning, and judged.
QUIET = [
    "heparin 20000 units sc q12h",                               # the label's largest SC day
    "heparin 10000 units sc q8h",
    "heparin 5000 units sc q8h",                                  # cancer VTE prophylaxis (ASCO)
    "heparin 10000 units iv q4h",                                 # intermittent IV: 60,000 a day
    "heparin 5000 units iv once | heparin 1260 units/h iv continuous",  # 80 U/kg, 18 U/kg/h at 70 kg
    "heparin 40000 units/24h iv continuous",                      # the label's continuous top
    "dalteparin 5000 IU sc daily",                                # prophylaxis
    "dalteparin 14000 IU sc daily",                               # 200 IU/kg at 70 kg
]


@pytest.mark.parametrize("items", QUIET)
def test_an_order_at_the_labels_top_or_below_is_silent_and_judged(items):
    found = _check(items)
    assert not _raised(found), [f.message for f in _raised(found)]
    assert "dose-not-checked" not in {f.code for f in found}


#: (a ten-fold slip, the drug, the severity its row gives).
SLIPS = [
    ("heparin 50000 units sc q12h", "heparin", Severity.WARNING),     # 5,000 units x 10
    ("heparin 50000 units sc daily", "heparin", Severity.WARNING),
    ("heparin 50000 units iv once", "heparin", Severity.WARNING),     # a 5,000-unit bolus x 10
    ("heparin 3000 units/h iv continuous", "heparin", Severity.WARNING),   # 72,000 units a day
    ("dalteparin 50000 IU sc daily", "dalteparin", Severity.ERROR),
    ("dalteparin 25000 IU sc daily", "dalteparin", Severity.ERROR),   # 2,500 IU x 10
]


@pytest.mark.parametrize(("items", "drug", "severity"), SLIPS)
def test_a_ten_fold_slip_is_raised_with_the_drugs_own_source(items, drug, severity):
    raised = _raised(_check(items))
    assert raised, items
    assert max(f.severity.rank for f in raised) == severity.rank
    assert all(any(source in f.source for source in _sources(drug)) for f in raised)
    assert all("mg" not in f.message.split(":")[-1] for f in raised)  # said in units


#: The labels' largest dalteparin doses, at a weight that the label gives them to (Fragmin: VTE
#: treatment 200 IU/kg once daily, at most 18,000 IU, the 18,000 IU syringe from 83 kg; unstable
#: angina 120 IU/kg every 12 hours, at most 10,000 IU a dose, from 83 kg).
HEAVY = Patient(age=60, weight_kg=90, crcl_ml_min=90, hepatic="none")


@pytest.mark.parametrize("items", ["dalteparin 18000 IU sc daily", "dalteparin 10000 IU sc q12h"])
def test_dalteparins_largest_doses_are_silent_at_a_weight_the_label_gives_them(items):
    found = _check(items, HEAVY)
    assert not _raised(found), [f.message for f in _raised(found)]


@pytest.mark.parametrize(("items", "weight"), [
    ("dalteparin 18000 IU sc daily", 50),     # 360 IU/kg/day; the label: 200 IU/kg (10,000 IU)
    ("dalteparin 10000 IU sc q12h", 60),      # 333 IU/kg/day; the label: 120 IU/kg twice daily
])
def test_a_dalteparin_day_above_the_largest_per_kg_regimen_is_a_warning(items, weight):
    patient = Patient(age=66, weight_kg=weight, crcl_ml_min=70, hepatic="none")
    (finding,) = _raised(_check(items, patient))
    assert finding.severity is Severity.WARNING
    assert "240 units/kg/day" in finding.message
    assert any(finding.source == source for source in _sources("dalteparin"))


def test_dalteparin_without_a_weight_says_its_per_kg_limit_was_not_checked():
    found = _check("dalteparin 15000 IU sc daily", Patient(age=60))
    assert not _raised(found)
    assert "limit-not-checked" in {f.code for f in found}


def test_heparin_rows_are_warnings_because_the_label_doses_to_the_aptt():
    (finding,) = _raised(_check("heparin 30000 units sc q12h"))
    assert finding.severity is Severity.WARNING
    assert "coagulation tests" in finding.message


def test_a_ten_fold_infusion_rate_is_refused_at_input():
    # 1,260 units/h x 10 is 302,400 units a day, above IMPLAUSIBLE_DOSE_UNITS: a slip, refused
    with pytest.raises(ValueError, match="implausibly large"):
        Regimen.parse(["heparin 12600 units/h iv continuous"])
