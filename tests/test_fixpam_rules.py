"""The peripherally acting mu-opioid receptor antagonists added by fixpam (issue 13).

Methylnaltrexone (Relistor) and naloxegol (Movantik US, Moventig UK/EU) join naldemedine: their
labels' maxima (methylnaltrexone by weight band, halved at CrCl below 60 mL/min by the current US
label; naloxegol 25 mg a day, 12.5 mg beside a moderate CYP3A4 inhibitor by the US label), the class
contraindication in known or suspected GI obstruction, and naloxegol's CYP3A4 rules (strong
inhibitors contraindicated, strong inducers avoided). Each rule on both sides of its threshold, in
several markets; the figures and sources are in ``data/dose_limits.csv`` and
``data/drug_properties.csv``.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, Severity, check

OPIOID = "morphine 30 mg po q12h"


def _codes(items, patient=None, market=None, *, at_least=Severity.WARNING):
    """The codes of the findings of ``at_least`` (WARNING: warnings and errors; INFO: all)."""
    found = check(Regimen.parse([*items, OPIOID]), patient, market=market)
    return {f.code for f in found if at_least is Severity.INFO or f.severity is not Severity.INFO}


def _dose_codes(drug):
    return {f"{drug}-above-max", f"{drug}-single-dose-above-max"}


# -- methylnaltrexone SC: at most 12 mg a dose and a day up to 114 kg, 0.15 mg/kg above ----------
@pytest.mark.parametrize("market", [None, "us", "uk", "eu"])
@pytest.mark.parametrize("weight", [45, 70, 114])
def test_methylnaltrexone_sc_12_mg_once_a_day_is_quiet_up_to_114_kg(market, weight):
    patient = Patient(weight_kg=weight, crcl_ml_min=90)
    assert not _codes(["methylnaltrexone 12 mg sc daily"], patient, market) & \
        _dose_codes("methylnaltrexone")
    assert not _codes(["relistor 8 mg sc q48h"], patient, market) & _dose_codes("methylnaltrexone")


@pytest.mark.parametrize("market", [None, "us", "uk"])
@pytest.mark.parametrize("order", ["methylnaltrexone 16 mg sc daily",
                                   "methylnaltrexone 12 mg sc q12h"])
def test_methylnaltrexone_sc_above_12_mg_a_day_up_to_114_kg_is_flagged(market, order):
    assert _codes([order], Patient(weight_kg=70, crcl_ml_min=90), market) & \
        _dose_codes("methylnaltrexone")


@pytest.mark.parametrize(("weight", "dose", "flagged"), [
    (130, 19, False),   # 0.15 mg/kg at 130 kg = 19.5 mg
    (130, 20, True),
    (160, 24, False),   # 0.15 mg/kg at 160 kg = 24 mg
    (160, 25, True),
])
def test_methylnaltrexone_sc_above_114_kg_is_judged_per_kg(weight, dose, flagged):
    codes = _codes([f"methylnaltrexone {dose} mg sc q48h"], Patient(weight_kg=weight, crcl_ml_min=90))
    assert bool(codes & _dose_codes("methylnaltrexone")) is flagged


@pytest.mark.parametrize(("crcl", "dose", "flagged"), [
    (59, 6, False), (59, 8, True), (30, 12, True), (60, 12, False), (90, 12, False)])
def test_methylnaltrexone_sc_is_halved_below_crcl_60_by_the_us_label(crcl, dose, flagged):
    codes = _codes([f"methylnaltrexone {dose} mg sc daily"], Patient(weight_kg=70, crcl_ml_min=crcl),
                   "us")
    assert bool(codes & _dose_codes("methylnaltrexone")) is flagged


def test_methylnaltrexone_renal_halving_above_114_kg_is_per_kg():
    patient = Patient(weight_kg=140, crcl_ml_min=40)   # 0.075 mg/kg = 10.5 mg
    assert not _codes(["methylnaltrexone 10 mg sc q48h"], patient, "us") & \
        _dose_codes("methylnaltrexone")
    assert _codes(["methylnaltrexone 12 mg sc q48h"], patient, "us") & \
        _dose_codes("methylnaltrexone")


@pytest.mark.parametrize(("crcl", "dose", "flagged"), [
    (90, 450, False), (90, 600, True), (45, 150, False), (45, 300, True)])
def test_methylnaltrexone_tablets_450_mg_a_day_150_below_crcl_60(crcl, dose, flagged):
    codes = _codes([f"methylnaltrexone {dose} mg po daily"],
                   Patient(weight_kg=70, crcl_ml_min=crcl), "us")
    assert bool(codes & _dose_codes("methylnaltrexone")) is flagged


def test_methylnaltrexone_without_a_weight_says_its_weight_limits_were_not_checked():
    found = check(Regimen.parse(["methylnaltrexone 12 mg sc daily", OPIOID]))
    assert any(f.code == "limit-not-checked" and "methylnaltrexone" in f.message for f in found)


# -- naloxegol: 25 mg a day; 12.5 mg beside a moderate CYP3A4 inhibitor (US) ---------------------
@pytest.mark.parametrize(("order", "market"), [
    ("naloxegol 25 mg po daily", None), ("movantik 25 mg po daily", "us"),
    ("moventig 25 mg po daily", "uk"), ("moventig 12.5 mg po daily", "eu")])
def test_naloxegol_up_to_25_mg_a_day_is_quiet(order, market):
    assert not _codes([order], Patient(crcl_ml_min=90, hepatic="none"), market) & \
        _dose_codes("naloxegol")


@pytest.mark.parametrize("market", [None, "us", "uk", "eu"])
@pytest.mark.parametrize("order", ["naloxegol 50 mg po daily", "naloxegol 25 mg po bid"])
def test_naloxegol_above_25_mg_a_day_is_flagged(market, order):
    assert _codes([order], Patient(crcl_ml_min=90, hepatic="none"), market) & \
        _dose_codes("naloxegol")


@pytest.mark.parametrize("partner", ["diltiazem 120 mg po daily", "erythromycin 500 mg po bid",
                                     "fluconazole 200 mg po daily"])
def test_naloxegol_beside_a_moderate_cyp3a4_inhibitor_us_12_5_mg(partner):
    patient = Patient(crcl_ml_min=90, hepatic="none")
    assert _codes(["naloxegol 25 mg po daily", partner], patient, "us") & _dose_codes("naloxegol")
    assert not _codes(["naloxegol 12.5 mg po daily", partner], patient, "us") & \
        _dose_codes("naloxegol")


def test_naloxegol_25_mg_without_a_moderate_inhibitor_is_not_reduced():
    patient = Patient(crcl_ml_min=90, hepatic="none")
    assert not _codes(["naloxegol 25 mg po daily", "paracetamol 1 g po qid"], patient, "us") & \
        _dose_codes("naloxegol")


@pytest.mark.parametrize("market", [None, "us", "eu"])
def test_naloxegol_in_severe_hepatic_impairment_is_a_warning_not_in_moderate(market):
    severe = check(Regimen.parse(["naloxegol 12.5 mg po daily", OPIOID]),
                   Patient(hepatic="severe"), market=market)
    assert any(f.code.startswith("naloxegol-") and f.severity is Severity.WARNING for f in severe)
    moderate = _codes(["naloxegol 25 mg po daily"], Patient(hepatic="moderate"), market)
    assert not {c for c in moderate if c.startswith("naloxegol-")}


@pytest.mark.parametrize("market", [None, "us", "uk", "eu"])
@pytest.mark.parametrize("inhibitor", ["clarithromycin 500 mg po bid", "itraconazole 200 mg po daily"])
def test_naloxegol_with_a_strong_cyp3a4_inhibitor_is_contraindicated(market, inhibitor):
    assert "cyp3a4-inhibitor-contraindicated" in _codes(["naloxegol 12.5 mg po daily", inhibitor],
                                                        None, market)


def test_naloxegol_with_a_moderate_inhibitor_is_not_the_contraindication():
    codes = _codes(["naloxegol 12.5 mg po daily", "diltiazem 120 mg po daily"], None, "us",
                   at_least=Severity.INFO)
    assert "cyp3a4-inhibitor-contraindicated" not in codes


@pytest.mark.parametrize("market", [None, "us", "uk"])
def test_naloxegol_with_a_strong_cyp3a4_inducer_warns(market):
    assert "cyp3a4-inducer-avoid" in _codes(["naloxegol 25 mg po daily", "rifampicin 600 mg po daily"],
                                            None, market)
    assert "cyp3a4-inducer-avoid" not in _codes(["naloxegol 25 mg po daily"], None, market,
                                                at_least=Severity.INFO)


# -- the class contraindication: known or suspected GI obstruction ---------------------------------
@pytest.mark.parametrize("order", ["methylnaltrexone 12 mg sc daily", "naloxegol 25 mg po daily",
                                   "naldemedine 0.2 mg po daily", "methylnaltrexone 450 mg po daily"])
@pytest.mark.parametrize("condition", ["bowel-obstruction", "partial-bowel-obstruction"])
def test_every_pamora_is_contraindicated_in_bowel_obstruction(order, condition):
    patient = Patient(weight_kg=70, crcl_ml_min=90, hepatic="none", conditions=(condition,))
    assert "condition-contraindicated" in _codes([order], patient)
    quiet = Patient(weight_kg=70, crcl_ml_min=90, hepatic="none")
    assert "condition-contraindicated" not in _codes([order], quiet, at_least=Severity.INFO)
