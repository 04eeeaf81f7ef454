"""Rules of the singles2 branch: a single or as-needed injection above the largest single dose its
label or a palliative guideline gives for the drug and route is flagged, with the severity of its
row; the doses those sources use stay quiet (issue 13).

The rows are ``data/dose_limits.csv`` per-dose rows (``max_single_mg``): an error where the label
states a maximum (Phenergan injection: 'Maximum parenteral dose 100 mg'), a warning where the
figure is the top of a labelled usual dose (phenobarbital, hyoscine hydrobromide, glycopyrronium,
diazepam IV) or a palliative guideline's largest single dose (midazolam IV and SC).
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Severity


def _found(text: str, patient: Patient | None = None) -> dict[str, Severity]:
    found = check(Regimen.parse([text]), patient or Patient())
    return {f.code: f.severity for f in found}


def _single(drug: str) -> str:
    return f"{drug.replace(' ', '-')}-single-dose-above-max"  # a code joins a name's words


# -- above the largest single dose: flagged, with the row's severity ----------------------------

@pytest.mark.parametrize(("text", "drug", "severity"), [
    ("promethazine 250 mg im once", "promethazine", Severity.ERROR),  # label maximum 100 mg
    ("promethazine 150 mg iv once", "promethazine", Severity.ERROR),
    ("promethazine 250 mg im q4h prn", "promethazine", Severity.ERROR),
    ("phenobarbital 1000 mg sc once", "phenobarbital", Severity.WARNING),  # labelled 50-200 mg
    ("phenobarbital 400 mg im once", "phenobarbital", Severity.WARNING),
    ("hyoscine hydrobromide 4 mg im once", "hyoscine hydrobromide", Severity.WARNING),  # 0.6 mg
    ("hyoscine hydrobromide 1 mg iv q4h prn", "hyoscine hydrobromide", Severity.WARNING),
    ("glycopyrronium 2 mg iv once", "glycopyrronium", Severity.WARNING),  # 0.4 mg
    ("glycopyrronium 0.6 mg im once", "glycopyrronium", Severity.WARNING),
    ("diazepam 100 mg iv once", "diazepam", Severity.WARNING),  # 20 mg
    ("diazepam 30 mg iv q4h prn", "diazepam", Severity.WARNING),
    ("midazolam 25 mg iv once", "midazolam", Severity.WARNING),  # 10 mg (terminal haemorrhage)
    ("midazolam 50 mg sc once", "midazolam", Severity.WARNING),  # 10 mg (status epilepticus)
    ("midazolam 15 mg sc q4h prn", "midazolam", Severity.WARNING),
], ids=lambda v: v.replace(" ", "-") if isinstance(v, str) else None)
def test_a_single_dose_above_the_largest_sourced_dose_is_flagged(text: str, drug: str,
                                                                 severity: Severity) -> None:
    found = _found(text)
    assert found.get(_single(drug)) is severity, found


# -- the doses the sources give stay quiet -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "promethazine 25 mg im once", "promethazine 50 mg iv once",
    "promethazine 100 mg im once",  # at the label's maximum
    "phenobarbital 100 mg sc once", "phenobarbital 200 mg sc once",  # palliative stat doses
    "phenobarbital 200 mg im once", "phenobarbital 200 mg sc q6h",
    "hyoscine hydrobromide 0.4 mg im once", "hyoscine hydrobromide 0.6 mg iv once",
    "glycopyrronium 0.2 mg iv q4h prn", "glycopyrronium 0.4 mg im once",
    "diazepam 10 mg iv once",  # status epilepticus, terminal haemorrhage
    "diazepam 20 mg iv once",  # delirium tremens
    "midazolam 10 mg sc once",  # terminal agitation, seizures, palliative sedation bolus
    "midazolam 5 mg sc q1h prn", "midazolam 10 mg iv once", "midazolam 2.5 mg iv q4h prn",
], ids=lambda t: t.replace(" ", "-"))
def test_a_single_dose_the_sources_give_is_not_flagged(text: str) -> None:
    raised = {code for code, severity in _found(text).items() if severity is not Severity.INFO}
    assert not raised, raised


# -- a continuous infusion is a rate, not a single dose ------------------------------------------

@pytest.mark.parametrize(("text", "drug"), [
    ("phenobarbital 1200 mg/24h sc continuous", "phenobarbital"),  # palliative sedation
    ("midazolam 60 mg/24h sc continuous", "midazolam"),
    ("midazolam 2 mg/h iv continuous", "midazolam"),
    ("glycopyrronium 1.2 mg/24h iv continuous", "glycopyrronium"),
], ids=lambda v: v.replace(" ", "-"))
def test_an_infusion_is_not_judged_by_a_single_dose_row(text: str, drug: str) -> None:
    assert _single(drug) not in _found(text)


# -- the finding names its source and why it is a warning ---------------------------------------

@pytest.mark.parametrize(("text", "source_word"), [
    ("promethazine 250 mg im once", "Phenergan"),
    ("phenobarbital 1000 mg sc once", "Phenobarbital Sodium"),
    ("midazolam 50 mg sc once", "eTG"),
    ("midazolam 25 mg iv once", "Scottish Palliative Care Guidelines"),
])
def test_the_finding_names_its_source(text: str, source_word: str) -> None:
    found = [f for f in check(Regimen.parse([text]), Patient())
             if f.code.endswith("-single-dose-above-max")]
    assert found and source_word in found[0].source


def test_a_warning_row_says_why_it_is_not_an_error() -> None:
    found = [f for f in check(Regimen.parse(["midazolam 50 mg sc once"]), Patient())
             if f.code == _single("midazolam")]
    assert "Severity warning, not error" in found[0].message


# -- the lead: a single dose judged only by a usual day is said, not passed ----------------------

@pytest.mark.parametrize("text", ["ketamine 250 mg sc once", "ketamine 25 mg sc q4h prn",
                                  # levomepromazine SC has a single-dose maximum since fixsingle
                                  "bisacodyl 10 mg po prn"])
def test_a_single_dose_judged_only_by_a_day_is_said(text: str) -> None:
    found = check(Regimen.parse([text]), Patient())
    said = [f for f in found if f.code == "single-dose-not-checked"]
    assert said and said[0].severity is Severity.INFO
    assert text.split()[0] in said[0].message


@pytest.mark.parametrize("text", ["ketamine 250 mg/day sc continuous",  # the day is judged
                                  "midazolam 5 mg sc once",  # a single-dose row judges it
                                  "ketamine 25 mg po q4h prn"])  # an oral maximum a dose
def test_a_dose_a_row_judges_is_not_said(text: str) -> None:
    market = "au" if "midazolam" in text else None  # the eTG's 10 mg SC single dose is au's
    found = check(Regimen.parse([text]), Patient(), market=market)
    assert "single-dose-not-checked" not in {f.code for f in found}
