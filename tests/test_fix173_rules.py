"""Issue 13, held-out round 173 (fix173): direct oral anticoagulants with inducers, P-gp
inhibitors and liver disease.

- Apixaban or rivaroxaban with a strong CYP3A4 inducer (rifampicin, carbamazepine, phenytoin,
  phenobarbital: every one of them also a P-gp inducer the labels name) warns
  ``cyp3a4-inducer-avoid``: the US labels say avoid (exposure about halved: clots, stroke), the
  EU SmPCs ask for caution or close observation. In every market; a CYP3A4 inhibitor or a
  drug that is no inducer is not read by this rule.
- Dabigatran with systemic ketoconazole or itraconazole warns
  ``anticoagulant-cyp3a4-pgp-inhibitor``: the Pradaxa SmPC contraindicates these strong P-gp
  inhibitors. Fluconazole and clarithromycin are not named, so not flagged by the rule.
- Rivaroxaban in moderate (Child-Pugh B) or severe (Child-Pugh C) hepatic impairment warns
  (``dose_limits.csv`` hepatic rows, the US label's "avoid"); mild impairment or none is quiet.
These tests read the shipped rows.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Severity


def _codes(items: list[str], market: str | None, hepatic: str = "none"
           ) -> dict[str, list[Severity]]:
    patient = Patient(age=64, weight_kg=72, crcl_ml_min=85, hepatic=hepatic)
    shown: dict[str, list[Severity]] = {}
    for f in check(Regimen.parse(items), patient, market=market):
        shown.setdefault(f.code, []).append(f.severity)
    return shown


@pytest.mark.parametrize("anticoagulant", ["apixaban 5 mg po bid", "apixaban 2.5 mg po bid",
                                           "rivaroxaban 20 mg po daily",
                                           "rivaroxaban 15 mg po bid"])
@pytest.mark.parametrize("inducer", ["rifampicin 600 mg po daily", "carbamazepine 200 mg po bid",
                                     "phenytoin 100 mg po tid", "phenobarbital 30 mg po bid"])
@pytest.mark.parametrize("market", ["us", "uk", "eu", "jp", None])
def test_a_factor_xa_inhibitor_with_a_strong_inducer_warns(anticoagulant, inducer, market):
    assert _codes([anticoagulant, inducer], market).get("cyp3a4-inducer-avoid") == [
        Severity.WARNING]


@pytest.mark.parametrize("other", ["fluconazole 200 mg po daily", "paracetamol 1 g po qid",
                                   "morphine 10 mg po q4h prn"])
@pytest.mark.parametrize("anticoagulant", ["apixaban 5 mg po bid", "rivaroxaban 20 mg po daily"])
def test_a_factor_xa_inhibitor_without_an_inducer_is_not_read_by_the_inducer_rule(anticoagulant,
                                                                                 other):
    assert "cyp3a4-inducer-avoid" not in _codes([anticoagulant, other], "uk")


@pytest.mark.parametrize("azole", ["itraconazole 200 mg po daily",
                                   "itraconazole 100 mg po bid"])
@pytest.mark.parametrize("dose", ["150 mg po bid", "110 mg po bid"])
@pytest.mark.parametrize("market", ["eu", "uk", "us", None])
def test_dabigatran_with_a_contraindicated_p_gp_inhibitor_warns(azole, dose, market):
    assert _codes([f"dabigatran {dose}", azole], market).get(
        "anticoagulant-cyp3a4-pgp-inhibitor") == [Severity.WARNING]


@pytest.mark.parametrize("other", ["fluconazole 200 mg po daily",
                                   "clarithromycin 500 mg po bid"])
def test_dabigatran_with_an_inhibitor_its_label_does_not_contraindicate_is_not_flagged(other):
    assert "anticoagulant-cyp3a4-pgp-inhibitor" not in _codes(
        ["dabigatran 150 mg po bid", other], "eu")


@pytest.mark.parametrize("hepatic", ["moderate", "severe"])
@pytest.mark.parametrize("dose", ["20 mg po daily", "15 mg po daily", "10 mg po daily"])
@pytest.mark.parametrize("market", ["eu", "us", "uk", None])
def test_rivaroxaban_in_child_pugh_b_or_c_warns(hepatic, dose, market):
    assert _codes([f"rivaroxaban {dose}"], market, hepatic).get("rivaroxaban-avoid") == [
        Severity.WARNING]


@pytest.mark.parametrize("hepatic", ["none", "mild"])
@pytest.mark.parametrize("market", ["eu", "us"])
def test_rivaroxaban_without_moderate_or_severe_liver_disease_is_quiet(hepatic, market):
    found = _codes(["rivaroxaban 20 mg po daily"], market, hepatic)
    assert not any(s is not Severity.INFO for sev in found.values() for s in sev)
