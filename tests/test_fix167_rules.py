"""Issue 13, rounds 167 and 168 (fix167): a PCA demand dose given per kg of body weight.

The oxycodone injection labels give the IV PCA demand dose per kg (UK SmPC, German Oxygesic
injekt: 0.03 mg/kg, lockout at least 5 minutes); a ``pca-demand-per-kg`` row is read at the
patient's weight, and judges nothing without one (round 167 IL05). The rule tests use tiny rows of
this file's own, whose numbers make each boundary obvious and are not clinical figures; the last
tests read the shipped rows.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.knowledge.loader import DataError
from mpsdose.model.findings import Severity
from tests.checking import header, knowledge_with


def _naive(weight_kg: float | None) -> Patient:
    return Patient(age=50, weight_kg=weight_kg, crcl_ml_min=95, hepatic="none",
                   opioid_tolerant=False)


#: every opioid's day at most 300 mg OME; an IV oxycodone demand dose of 0.05 mg/kg (UK rows),
#: an IV morphine one of 1 to 3 mg (no market)
TINY = ("usual,,,,,,,,300,,warning,Tiny day [P],P,\n"
        "pca-demand-per-kg,oxycodone,iv,,,uk,0.05,,,,warning,Tiny per kg [P],P,\n"
        "pca-demand,morphine,iv,,,,3,1,,,warning,Tiny PCA [P],P,\n")


@pytest.fixture
def pca(tmp_path):
    return knowledge_with(tmp_path, opioid_dose_ranges=(
        header("opioid_dose_ranges", omit=("product", "opioids", "basis")) + TINY))


def _shown(knowledge, item: str, patient: Patient, market: str | None = "uk"
           ) -> dict[str, list[Severity]]:
    found = check(Regimen.parse([item]), patient, market=market, knowledge=knowledge)
    shown: dict[str, list[Severity]] = {}
    for f in found:
        shown.setdefault(f.code, []).append(f.severity)
    return shown


@pytest.mark.parametrize(("item", "weight", "pca_severity"), [
    ("oxycodone 4 mg iv q5min prn", 80, Severity.INFO),  # 0.05 mg/kg at 80 kg: 4 mg, the top
    ("oxycodone 4.5 mg iv q5min prn", 80, Severity.WARNING),  # above it
    ("oxycodone 2.5 mg iv q10min prn", 50, Severity.INFO),  # 2.5 mg at 50 kg: the top
    ("oxycodone 3 mg iv q10min prn", 50, Severity.WARNING),  # the same dose, above at 50 kg
    ("oxycodone 3 mg iv q10min prn", 120, Severity.INFO),  # and within at 120 kg
], ids=["top at 80 kg", "above at 80 kg", "top at 50 kg", "above at 50 kg", "within at 120 kg"])
def test_a_per_kg_demand_dose_is_read_at_the_patients_weight(pca, item, weight, pca_severity):
    shown = _shown(pca, item, _naive(weight))
    assert shown.get("opioid-pca-demand") == [pca_severity]
    # within it, the day is not counted at every lockout; above it, the day is judged as usual
    assert ("opioid-above-usual" in shown) is (pca_severity is Severity.WARNING)


def test_without_a_weight_a_per_kg_row_judges_nothing(pca):
    # no weight: not read as a PCA demand dose; the order is any as-needed dose, its day every
    # lockout used (1 mg every 5 minutes: 288 mg/day, above the tiny 300 mg OME day)
    shown = _shown(pca, "oxycodone 1 mg iv q5min prn", _naive(None))
    assert "opioid-pca-demand" not in shown
    assert "opioid-above-usual" in shown


@pytest.mark.parametrize(("market", "is_pca"), [("uk", True), (None, True), ("au", False)],
                         ids=["its market", "every market", "another market"])
def test_a_per_kg_row_of_one_market_judges_there_only(pca, market, is_pca):
    shown = _shown(pca, "oxycodone 2 mg iv q5min prn", _naive(70), market)
    assert ("opioid-pca-demand" in shown) is is_pca


def test_the_finding_gives_the_dose_per_kg_and_at_the_weight(pca):
    found = check(Regimen.parse(["oxycodone 3 mg iv q10min prn"]), _naive(70), market="uk",
                  knowledge=pca)
    message = next(f.message for f in found if f.code == "opioid-pca-demand")
    assert "0.05 mg/kg, 3.5 mg at 70 kg [UK label]" in message
    assert "Tiny per kg" in next(f.source for f in found if f.code == "opioid-pca-demand")


def test_a_mg_demand_dose_is_read_as_before_whatever_the_weight(pca):
    for weight in (None, 40, 120):
        shown = _shown(pca, "morphine 3 mg iv q10min prn", _naive(weight))
        assert shown.get("opioid-pca-demand") == [Severity.INFO]


@pytest.mark.parametrize("row", [
    "pca-demand-per-kg,,iv,,,uk,0.05,,,,warning,No drug [P],P,\n",
    "pca-demand-per-kg,oxycodone,iv,,,uk,0.05,,50,,warning,A day [P],P,\n",
    "pca-demand-per-kg,oxycodone,iv,,,uk,,,50,,warning,No dose [P],P,\n",
], ids=["no drug", "a day", "no dose"])
def test_a_per_kg_row_is_one_drugs_dose_and_nothing_else(tmp_path, row):
    with pytest.raises(DataError, match="pca-demand-per-kg"):
        knowledge = knowledge_with(tmp_path, opioid_dose_ranges=(
            header("opioid_dose_ranges", omit=("product", "opioids", "basis")) + row))
        _ = knowledge.opioid_ranges


# -- the shipped rows ----------------------------------------------------------------------------
@pytest.mark.parametrize(("item", "weight", "market", "pca_severity"), [
    ("oxycodone 1 mg iv q5min prn", 78, "eu", Severity.INFO),  # 2.34 mg at 78 kg
    ("oxycodone 2 mg iv q5min prn", 70, "uk", Severity.INFO),  # 2.1 mg at 70 kg
    ("oxycodone 3 mg iv q5min prn", 70, "uk", Severity.WARNING),
    ("oxycodone 2 mg iv q5min prn", 50, "eu", Severity.WARNING),  # 1.5 mg at 50 kg
], ids=["eu 78 kg", "uk 70 kg", "uk above", "eu above at 50 kg"])
def test_the_oxycodone_labels_demand_dose_is_0_03_mg_per_kg(item, weight, market, pca_severity):
    found = check(Regimen.parse([item]), _naive(weight), market=market)
    assert [f.severity for f in found if f.code == "opioid-pca-demand"] == [pca_severity]
