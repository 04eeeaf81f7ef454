"""The general rules of fix153b (issue 13, held-out rounds 153 and 154).

1. Buccal buprenorphine in severe hepatic impairment at half the label's start (the US Belbuca
   label: reduce the starting and titration doses by half; its naive start is 75 micrograms once
   daily or, if tolerated, every 12 hours) is information: one 75 microgram film once daily
   (75 mcg/day) lies within the reduction (``hepatic_opioid_doses.csv``). The unreduced start
   (75 micrograms every 12 hours), any larger film, and moderate impairment (no number for it)
   keep the warning; so does a buprenorphine patch (another route, no row).
2. Prolonged-release dihydrocodeine (DHC Continus) raised between the doses its own label names
   (NZ data sheet: 60-120 mg twice daily, one tablet or two; UK SmPC: one or two 60 mg tablets,
   or one 90 or 120 mg tablet, 12-hourly) is one label step (``titration-step`` rows of
   ``opioid_dose_ranges.csv``): information, although the percentage is +100%. A rise of more
   than 60 mg a dose, a change of interval, immediate-release dihydrocodeine, and strong opioids
   doubled keep the palliative 50% step's warning.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Severity
from mpsdose.model.regimen import Hepatic


def _hepatic(items: list[str], hepatic: Hepatic, market: str) -> list[Severity]:
    patient = Patient(age=62, weight_kg=70, crcl_ml_min=80, hepatic=hepatic,
                      opioid_tolerant=False)
    return [f.severity for f in check(Regimen.parse(items), patient, market=market)
            if f.code == "hepatic-opioid"]


@pytest.mark.parametrize("market", ["us", "uk", "au"])
@pytest.mark.parametrize(("items", "expected"), [
    (["belbuca 75 mcg buccal daily"], Severity.INFO),  # half the start: 75 mcg/day
    (["buprenorphine 75 mcg buccal q24h"], Severity.INFO),  # the drug's name, same dose
    (["belbuca 75 mcg buccal q12h"], Severity.WARNING),  # 150 mcg/day: the unreduced start
    (["belbuca 150 mcg buccal daily"], Severity.WARNING),  # a larger film
    (["belbuca 150 mcg buccal q12h"], Severity.WARNING),  # the first titrated dose, unreduced
    (["butrans 5 mcg/h td q7d"], Severity.WARNING),  # a patch: another route, no row
])
def test_severe_impairment_at_half_the_buccal_start_is_information(items, expected, market):
    assert _hepatic(items, Hepatic.SEVERE, market) == [expected]


def test_moderate_impairment_keeps_its_warning():
    assert _hepatic(["belbuca 75 mcg buccal daily"], Hepatic.MODERATE, "us") == [
        Severity.WARNING]


def _step(items: str, previous: str, market: str) -> list[Severity]:
    patient = Patient(age=62, weight_kg=72, crcl_ml_min=85, opioid_tolerant=True)
    return [f.severity for f in check(Regimen.parse(items.split(" | ")), patient,
                                      previous=Regimen.parse(previous.split(" | ")),
                                      market=market)
            if f.code == "opioid-titration-step"]


@pytest.mark.parametrize("market", ["nz", "uk"])
@pytest.mark.parametrize(("items", "previous", "expected"), [
    # one tablet to two, the label's two doses
    ("dhc continus 120 mg po q12h", "dhc continus 60 mg po q12h", [Severity.INFO]),
    ("dihydrocodeine mr 120 mg po q12h", "dihydrocodeine mr 60 mg po q12h", [Severity.INFO]),
    ("dhc continus 90 mg po q12h", "dhc continus 60 mg po q12h", []),
    # 60 to 90 mg: +50%, within the percentage step already
    ("dhc continus 180 mg po q12h", "dhc continus 60 mg po q12h", [Severity.WARNING]),
    # more than one 60 mg step a dose
    ("dhc continus 120 mg po q12h", "dhc continus 60 mg po q24h", [Severity.WARNING]),
    # a change of interval as well: not the label's step
])
def test_dihydrocodeine_within_its_label_doses(items, previous, expected, market):
    assert _step(items, previous, market) == expected


@pytest.mark.parametrize("market", ["nz", "uk", "au"])
@pytest.mark.parametrize(("items", "previous"), [
    ("morphine mr 60 mg po q12h", "morphine mr 30 mg po q12h"),
    ("oxycodone mr 20 mg po q12h", "oxycodone mr 10 mg po q12h"),
    ("dihydrocodeine 60 mg po q6h", "dihydrocodeine 30 mg po q6h"),  # immediate release
])
def test_other_doublings_keep_the_warning(items, previous, market):
    assert _step(items, previous, market) == [Severity.WARNING]
