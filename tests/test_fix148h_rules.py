"""The general rules of fix148h (issue 13, held-out rounds 147 and 148).

1. An opioid in moderate hepatic impairment whose every dose lies within a reduced dose a liver
   guideline or label gives (``hepatic_opioid_doses.csv``) is information, in every market: oral
   immediate-release morphine at most 2.5 mg no more often than every 4 hours (Frontline
   Gastroenterology, advanced liver disease), subcutaneous hydromorphone at most 0.5 mg no more
   often than every 2 hours (half the low end of the injection label's 1-2 mg start). A dose above
   it, more often, by another route, or in severe impairment keeps the warning.
2. Two sources of one market giving the same limit with the same severity disagree: a day within
   one and above the other is information naming both (Glasgow's 30 mg/kg/day against the
   Scottish Palliative Care Guidelines' 2 g/day of paracetamol in severe hepatic impairment); above
   both it warns. A market's usual maximum (a warning row) beside its hard one (an error row) is
   not such a pair: a day between them still warns.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Severity
from mpsdose.model.regimen import Hepatic


def _hepatic(items: list[str], hepatic: Hepatic, market: str) -> list[Severity]:
    patient = Patient(age=70, weight_kg=62, crcl_ml_min=70, hepatic=hepatic,
                      opioid_tolerant=False)
    return [f.severity for f in check(Regimen.parse(items), patient, market=market)
            if f.code == "hepatic-opioid"]


@pytest.mark.parametrize("market", ["au", "nz", "uk", "us", "eu"])
@pytest.mark.parametrize(("items", "expected"), [
    (["morphine 2.5 mg po q4h prn"], Severity.INFO),
    (["morphine 2.5 mg po q6h prn max 4/day"], Severity.INFO),
    (["morphine 2 mg po q6h"], Severity.INFO),  # 8 mg/day scheduled, within 15
    (["morphine 2.5 mg po q4h"], Severity.INFO),  # 15 mg/day scheduled, at the top
    (["morphine 5 mg po q4h prn"], Severity.WARNING),  # the usual start, not reduced
    (["morphine 2.5 mg po q2h prn"], Severity.WARNING),  # more often than 4-hourly
    (["morphine mr 10 mg po q12h"], Severity.WARNING),  # modified release: not the row's
    (["morphine 2.5 mg sc q4h prn"], Severity.WARNING),  # another route: no row
    (["hydromorphone 0.5 mg sc q6h prn max 4/day"], Severity.INFO),
    (["hydromorphone 0.5 mg sc q2h prn"], Severity.INFO),
    (["hydromorphone 0.25 mg sc q4h"], Severity.INFO),
    (["hydromorphone 1 mg sc q3h prn"], Severity.WARNING),  # the usual SC start, not reduced
    (["hydromorphone 0.5 mg sc q1h prn"], Severity.WARNING),  # more often than 2-hourly
    (["hydromorphone 5 mg sc q4h prn"], Severity.WARNING),  # a ten-fold slip
    (["morphine 2.5 mg po q4h prn", "hydromorphone 0.5 mg sc q4h prn"], Severity.INFO),
    (["morphine 2.5 mg po q4h prn", "oxycodone 2.5 mg po q6h prn"], Severity.WARNING),
])
def test_moderate_impairment_within_a_sourced_reduction_is_information(items, expected, market):
    assert _hepatic(items, Hepatic.MODERATE, market) == [expected]


@pytest.mark.parametrize("items", [["morphine 2.5 mg po q6h prn"],
                                   ["hydromorphone 0.5 mg sc q6h prn"]])
def test_severe_impairment_keeps_the_warning(items):
    assert _hepatic(items, Hepatic.SEVERE, "au") == [Severity.WARNING]


def _paracetamol(items: list[str], weight: float, market: str | None) -> list[tuple[str, str]]:
    patient = Patient(age=70, weight_kg=weight, crcl_ml_min=60, hepatic=Hepatic.SEVERE)
    return [(f.severity.value, f.message) for f in check(Regimen.parse(items), patient,
                                                          market=market)
            if f.code == "acetaminophen-above-max"]


@pytest.mark.parametrize("market", ["uk", "nz"])
@pytest.mark.parametrize(("items", "weight"), [
    (["paracetamol 500 mg po qid"], 58),  # 2 g: above 30 mg/kg (1740 mg), within 2 g
    (["paracetamol 500 mg po qid"], 45),  # 2 g: above 30 mg/kg (1350 mg), within 2 g
    (["paracetamol 450 mg po qid"], 50),  # 1.8 g: above 30 mg/kg (1500 mg), within 2 g
])
def test_a_day_within_one_guideline_and_above_the_other_is_information(items, weight, market):
    found = _paracetamol(items, weight, market)
    assert [s for s, _ in found] == ["info"]
    assert "the sources disagree" in found[0][1]


@pytest.mark.parametrize("market", ["uk", "nz"])
@pytest.mark.parametrize(("items", "weight"), [
    (["paracetamol 1 g po qid"], 58),  # 4 g: above both
    (["paracetamol 1 g po tid"], 80),  # 3 g: above 2 g and 2400 mg
    (["paracetamol 500 mg po 6 times a day"], 70),  # 3 g
])
def test_a_day_above_both_guidelines_warns(items, weight, market):
    assert [s for s, _ in _paracetamol(items, weight, market)] == ["warning"]


def test_a_day_within_both_guidelines_is_not_above_the_maximum():
    # 1.5 g at 58 kg: within 1740 mg and 2 g
    assert _paracetamol(["paracetamol 500 mg po tid"], 58, "uk") == []


def test_a_usual_maximum_beside_a_hard_one_of_the_same_market_still_warns():
    # UK dihydrocodeine: 120 mg/day (a warning row) and 180 mg/day (an error row) are one
    # market's usual and hard maxima, not two readings that disagree: 150 mg/day warns.
    patient = Patient(age=60, weight_kg=70, crcl_ml_min=90)
    found = [f.severity for f in check(Regimen.parse(["dihydrocodeine 30 mg po q4h"]), patient,
                                       market="uk")
             if f.code == "dihydrocodeine-above-max"]
    assert found == [Severity.WARNING]


@pytest.mark.parametrize("market", ["eu", "uk"])
def test_a_row_standing_in_for_another_market_keeps_its_own_standing(market):
    # The US fluconazole rows at CrCl <= 50 (400 mg/day an error, 200 mg/day a warning), read
    # in a market without its own: the error row is lowered to a warning there, but it is still
    # the hard maximum beside the usual one, not a second reading: 400 mg/day at CrCl 25 warns.
    patient = Patient(age=75, weight_kg=58, crcl_ml_min=25)
    found = [f.severity for f in check(Regimen.parse(["fluconazole 400 mg po daily"]), patient,
                                       market=market)
             if f.code == "fluconazole-above-max"]
    assert found == [Severity.WARNING]
