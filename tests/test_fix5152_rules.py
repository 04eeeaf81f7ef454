"""Issue 13, rounds 51 and 52: fluconazole's renal halving of the usual day (PA32, WD48), the
ConZip titration step (NB06), the Australian Endone start (NB28), the オキファスト insert's switch
from continuous IV morphine (PB50), and an opioid by a route no table or row covers (PA02).

These read the shipped rows: each case is the boundary of one shipped source's figure.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Severity


def _shown(items: list[str], patient: Patient, market: str | None, code: str,
           previous: list[str] | None = None) -> list[Severity]:
    found = check(Regimen.parse(items), patient, market=market,
                  previous=Regimen.parse(previous) if previous else None)
    return [f.severity for f in found if f.code == code]


RENAL = Patient(age=66, weight_kg=60, crcl_ml_min=20, hepatic="none")


@pytest.mark.parametrize(("dose", "crcl", "market", "expected"), [
    (200, 20, "us", Severity.INFO),  # at half of 400 mg: fluconazole-at-max, not above
    (400, 20, "us", Severity.WARNING),
    (400, 20, "au", Severity.WARNING),
    (600, 20, "us", Severity.ERROR),
    (400, 60, "us", None),
], ids=["half the usual day", "the full usual day", "borrowed in au", "above every indication",
        "crcl above 50"])
def test_fluconazole_above_half_the_usual_day_at_a_crcl_of_50_or_less(dose, crcl, market,
                                                                       expected):
    # the US label halves the indication's recommended dose at CrCl <= 50 mL/min; every US
    # indication's day is at most 400 mg, so above 200 mg is the full dose of most indications
    patient = Patient(age=66, weight_kg=60, crcl_ml_min=crcl, hepatic="none")
    found = check(Regimen.parse([f"fluconazole {dose} mg iv daily"]), patient, market=market)
    codes = {f.code: f.severity for f in found if f.code.startswith("fluconazole-")}
    if expected is None:
        assert "fluconazole-above-max" not in codes
    elif expected is Severity.INFO:
        assert codes == {"fluconazole-at-max": Severity.INFO}
    else:
        assert codes["fluconazole-above-max"] is expected


TOLERANT = Patient(age=54, weight_kg=79, crcl_ml_min=90, hepatic="none", opioid_tolerant=True)


@pytest.mark.parametrize(("before", "after", "expected"), [
    ("conzip 100 mg po daily", "conzip 200 mg po daily", Severity.INFO),
    ("conzip 100 mg po daily", "conzip 300 mg po daily", Severity.WARNING),
], ids=["one label step", "two steps at once"])
def test_conzip_is_titrated_by_its_labels_100_mg(before, after, expected):
    shown = _shown([after], TOLERANT, "us", "opioid-titration-step", previous=[before])
    assert shown == [expected]


NAIVE = Patient(age=62, weight_kg=78, crcl_ml_min=85, hepatic="none", opioid_tolerant=False)


@pytest.mark.parametrize(("dose", "expected"), [
    (3, []),  # within eTG's 1-3 mg
    (5, [Severity.INFO]),  # above eTG, within the Endone CMI's one 5 mg tablet
    (10, [Severity.WARNING]),
], ids=["etg top", "endone tablet", "above both"])
def test_an_australian_oxycodone_ir_start_is_read_against_etg_and_endone(dose, expected):
    shown = _shown([f"oxycodone {dose} mg po q4h prn"], NAIVE, "au", "opioid-naive-start")
    assert shown == expected


def test_oxifast_from_continuous_iv_morphine_at_the_inserts_ratio_is_information():
    patient = Patient(age=71, weight_kg=52, crcl_ml_min=65, hepatic="none",
                      opioid_tolerant=True)
    before = ["morphine 20 mg/day iv continuous"]
    at_label = _shown(["oxycodone 25 mg/day iv continuous"], patient, "jp",
                      "equianalgesic-switch", previous=before)
    above = _shown(["oxycodone 40 mg/day iv continuous"], patient, "jp",
                   "equianalgesic-switch", previous=before)
    assert at_label == [Severity.INFO]
    assert above == [Severity.WARNING]


def test_an_opioid_by_a_route_no_table_covers_says_it_was_not_judged():
    # no factor and no usual row for epidural fentanyl: never a silent pass (PA02's gap)
    found = check(Regimen.parse(["fentanyl 1000 mcg/h epidural continuous"]), TOLERANT,
                  market="jp")
    shown = [f for f in found if f.code == "opioid-dose-range-not-checked"]
    assert [f.severity for f in shown] == [Severity.INFO]
    assert "no oral morphine factor" in shown[0].message
    assert "no label row" in shown[0].message
