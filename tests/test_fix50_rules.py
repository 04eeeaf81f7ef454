"""Issue 13, round 50: an intrathecal or epidural single dose judged by the injection labels' own
dose (XA02), clarithromycin's renal halving (XA34) and the PCA demand dose (XB01, XB24, XB33).

The PCA tables here are tiny data of this file's own: their numbers make each boundary obvious
and are not clinical figures. The neuraxial and renal cases read the shipped rows.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Severity
from tests.checking import header, knowledge_with

TOLERANT = Patient(age=66, weight_kg=60, crcl_ml_min=75, hepatic="none", opioid_tolerant=True)


def _shown(items: list[str], patient: Patient, market: str | None, code: str) -> list[Severity]:
    found = check(Regimen.parse(items), patient, market=market)
    return [f.severity for f in found if f.code == code]


@pytest.mark.parametrize(("item", "market", "expected"), [
    ("morphine 0.5 mg intrathecal once", "jp", []),
    ("morphine 5 mg intrathecal once", "jp", [Severity.WARNING]),
    ("morphine 1 mg intrathecal once", "us", []),
    ("morphine 2 mg intrathecal once", "us", [Severity.WARNING]),
    ("morphine 0.8 mg intrathecal once", None, [Severity.INFO]),  # above JP, within US
    ("morphine 6 mg epidural once", "jp", []),
    ("morphine 10 mg epidural once", "jp", [Severity.WARNING]),
], ids=["jp top", "jp ten-fold", "us top", "us above", "markets disagree", "jp epidural top",
        "jp epidural above"])
def test_a_neuraxial_single_dose_is_judged_by_the_labels_dose(item, market, expected):
    # the Japanese morphine injection insert: intrathecal 0.1-0.5 mg, epidural 2-6 mg a dose;
    # Duramorph (US): intrathecal 0.2-1 mg once (round 50 XA02)
    assert _shown([item], TOLERANT, market, "opioid-above-usual") == expected


@pytest.mark.parametrize(("item", "market", "expected"), [
    ("morphine 6 mg intrathecal once", "jp", Severity.ERROR),
    ("morphine 6 mg intrathecal once", "us", None),
    ("morphine 11 mg intrathecal once", "us", Severity.ERROR),
], ids=["jp beyond ten-fold", "us within ten-fold", "us beyond ten-fold"])
def test_beyond_ten_times_the_labels_intrathecal_dose_is_an_error(item, market, expected):
    shown = _shown([item], TOLERANT, market, "opioid-implausible-dose")
    assert shown == ([] if expected is None else [expected])


@pytest.mark.parametrize(("item", "crcl", "market", "expected"), [
    ("clarithromycin 500 mg po bid", 20, "us", Severity.ERROR),
    ("clarithromycin 250 mg po bid", 20, "us", None),
    ("clarithromycin 500 mg po bid", 30, "us", None),
    ("clarithromycin 500 mg po bid", 20, "au", Severity.WARNING),
], ids=["us halved", "us within", "crcl 30", "borrowed in au"])
def test_clarithromycin_is_halved_below_a_crcl_of_30(item, crcl, market, expected):
    # the US tablets label 2.6: CLcr < 30 mL/min, reduce the dosage by 50%; shipped as half the
    # largest daily dose (1500 mg); borrowed elsewhere as a warning (round 50 XA34)
    found = check(Regimen.parse([item]),
                  Patient(age=75, weight_kg=60, crcl_ml_min=crcl, hepatic="none"), market=market)
    shown = [f.severity for f in found if f.code == "clarithromycin-above-max"]
    assert shown == ([] if expected is None else [expected])


# -- the PCA demand dose: tiny rows of this file's own ------------------------------------------
NAIVE = Patient(age=50, weight_kg=75, crcl_ml_min=95, hepatic="none", opioid_tolerant=False)
#: every opioid's day at most 300 mg OME; an IV morphine demand dose of 1 to 3 mg
TINY_PCA = ("usual,,,,,,,,300,,warning,Tiny day [P],P,\n"
            "pca-demand,morphine,iv,,,,3,1,,,warning,Tiny PCA [P],P,\n")


@pytest.fixture
def pca(tmp_path):
    return knowledge_with(tmp_path, opioid_dose_ranges=(
        header("opioid_dose_ranges", omit=("product", "opioids", "basis")) + TINY_PCA))


def _codes(knowledge, item: str, patient: Patient) -> dict[str, list[Severity]]:
    found = check(Regimen.parse([item]), patient, knowledge=knowledge)
    shown: dict[str, list[Severity]] = {}
    for f in found:
        shown.setdefault(f.code, []).append(f.severity)
    return shown


@pytest.mark.parametrize(("item", "pca_severity", "day_warned"), [
    ("morphine 3 mg iv q20min prn", Severity.INFO, False),  # a lockout: 216 doses not counted
    ("morphine 3 mg iv q25min prn", None, True),  # not a lockout: 173 mg/day, 346 mg OME
    ("morphine 4 mg iv q10min prn", Severity.WARNING, True),  # above the demand dose
    ("morphine 1 mg iv prn lockout 10 min", Severity.INFO, False),  # the other spelling
    ("morphine 3 mg sc q10min prn", None, True),  # no SC demand dose: judged as before
], ids=["lockout", "not a lockout", "above", "lockout spelt out", "sc"])
def test_an_as_needed_iv_dose_at_a_lockout_is_a_pca_demand_dose(pca, item, pca_severity,
                                                                   day_warned):
    shown = _codes(pca, item, NAIVE)
    assert shown.get("opioid-pca-demand", []) == ([] if pca_severity is None else [pca_severity])
    assert ("opioid-above-usual" in shown) is day_warned


def test_the_demand_dose_says_its_day_is_not_counted_at_every_lockout(pca):
    found = check(Regimen.parse(["morphine 2 mg iv q10min prn"]), NAIVE, knowledge=pca)
    message = next(f.message for f in found if f.code == "opioid-pca-demand")
    assert "not judged as if every lockout were used (144 doses in 24 h)" in message
    assert "Tiny PCA" in next(f.source for f in found if f.code == "opioid-pca-demand")


def test_a_stated_daily_maximum_keeps_the_demand_doses_day(pca):
    # "max N/day" bounds the day the order allows: it is judged as usual
    found = check(Regimen.parse(["morphine 3 mg iv q10min prn max 60/day"]), NAIVE, knowledge=pca)
    assert "opioid-above-usual" in {f.code for f in found}  # 180 mg/day, 360 mg OME
    assert "the order's own maximum of 60 doses" in next(
        f.message for f in found if f.code == "opioid-pca-demand")


def test_a_basal_rate_beside_the_demand_dose_is_judged_as_before(pca):
    found = check(Regimen.parse(["morphine 8 mg/h iv continuous", "morphine 2 mg iv q10min prn"]),
                  NAIVE, knowledge=pca)
    assert "opioid-above-usual" in {f.code for f in found}  # the basal 192 mg/day, 384 mg OME


@pytest.mark.parametrize(("patient", "expected"), [
    (TOLERANT, {}), (Patient(age=50), {"opioid-naive-not-checked": [Severity.INFO]})],
    ids=["tolerant", "unknown"])
def test_above_the_naive_demand_dose_warns_only_an_opioid_naive_patient(pca, patient, expected):
    # the published demand doses are for opioid-naive adults; a tolerant patient's is sized from
    # the regimen, and its day at every lockout is still judged
    shown = _codes(pca, "morphine 4 mg iv q10min prn", patient)
    assert "opioid-pca-demand" not in shown
    assert "opioid-above-usual" in shown
    for code, severities in expected.items():
        assert shown[code] == severities


@pytest.mark.parametrize(("item", "market"), [
    ("morphine 1 mg iv q10min prn", "us"), ("fentanyl 20 mcg iv q5min prn", "au"),
    ("hydromorphone 0.2 mg iv q10min prn", "nz")], ids=["morphine", "fentanyl", "hydromorphone"])
def test_the_published_demand_doses_are_information_for_an_opioid_naive_adult(item, market):
    # the UpToDate PCA table (opioid-naive adults): morphine 0.5-2 mg, hydromorphone 0.1-0.4 mg,
    # fentanyl 5-20 micrograms; lockouts 4-10 minutes (round 50 XB01, XB24, XB33)
    found = check(Regimen.parse([item]), NAIVE, market=market)
    assert [(f.code, f.severity) for f in found if f.severity is not Severity.INFO] == []
    assert "opioid-pca-demand" in {f.code for f in found}


@pytest.mark.parametrize("item", ["morphine 10 mg iv q5min prn", "hydromorphone 2 mg iv q10min prn",
                                  "fentanyl 200 mcg iv q5min prn"])
def test_a_demand_dose_far_above_the_published_one_still_warns(item):
    found = check(Regimen.parse([item]), NAIVE, market="us")
    raised = {f.code for f in found if f.severity is not Severity.INFO}
    assert "opioid-pca-demand" in raised
    assert raised & {"opioid-implausible-dose", "opioid-above-usual", "opioid-naive-start",
                     "opioid-tolerant-only"}
