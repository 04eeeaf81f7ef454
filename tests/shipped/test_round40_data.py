"""The shipped numbers behind the fortieth (and thirty-ninth) held-out rounds' fixes (issue 13),
typed again from the text each row quotes (double entry): the Temgesic injection dose, the
CYP3A4 contraindication of oral midazolam and the Anpec suppository's start; and the orders they
judge."""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Severity
from mpsdose.model.vocabulary import Route
from tests.checking import found as _found
from tests.checking import severities as _severities

K = resolve(None)
TOLERANT = Patient(age=74, weight_kg=66, crcl_ml_min=60, hepatic="none", opioid_tolerant=True)


# -- the Temgesic injection dose, and IM buprenorphine where no market row is shipped ------------
@pytest.mark.parametrize("route", [Route.IM, Route.IV])
def test_the_temgesic_injection_dose_is_600_micrograms_by_either_route(route):
    # Temgesic Injection SmPC 4.2: 'Administration by i.m. or slow i.v. injection ... 1-2ml
    # (300-600 micrograms of buprenorphine) every 6-8 hours as required'
    (row,) = [r for r in K.opioid_ranges if r.check == "usual" and r.drug == "buprenorphine"
              and r.market == "uk" and r.routes is not None and route in r.routes]
    assert row.per_dose == pytest.approx(0.6) and row.per_day is None
    assert row.severity is Severity.WARNING and "Temgesic" in row.source


def test_im_buprenorphine_in_a_market_with_no_row_is_judged_by_the_others():
    found = _found(["buprenorphine 3 mg im q6h"], TOLERANT, market="au")
    usual = [f for f in found if f.code == "opioid-above-usual"]
    assert [f.severity for f in usual] == [Severity.WARNING]
    assert "JP, UK, US label doses are applied" in usual[0].message
    assert not [f for f in found if f.code == "opioid-dose-range-not-checked"]
    # the Temgesic ampoule's 300 micrograms every 6 hours is within every market's row
    assert not _severities(_found(["buprenorphine 0.3 mg im q6h"], TOLERANT, market="au"),
                           "opioid-above-usual")


# -- oral midazolam with a strong CYP3A4 inhibitor -----------------------------------------------
def test_midazolam_is_contraindicated_with_strong_inhibitors_by_mouth_only():
    assert K.drug_properties.get("midazolam", "cyp3a4_inhibitor_contraindicated")[0] == "strong"
    assert K.drug_properties.get("midazolam",
                                 "cyp3a4_inhibitor_contraindicated_routes")[0] == "oral"
    assert K.drug_properties.get("clarithromycin", "cyp3a4_inhibitor")[0] == "strong"


def test_oral_midazolam_with_clarithromycin_is_a_warning_and_a_syringe_driver_information():
    oral = _found(["midazolam 7.5 mg po at night", "clarithromycin 500 mg po bid"], TOLERANT,
                  market="uk")
    assert _severities(oral, "cyp3a4-inhibitor-contraindicated") == [Severity.ERROR]
    driver = _found(["midazolam 10 mg/day sc continuous", "clarithromycin 500 mg po bid"],
                    TOLERANT, market="uk")
    assert _severities(driver, "cyp3a4-inhibitor-contraindicated") == [Severity.INFO]


def test_fluconazole_a_moderate_inhibitor_does_not_make_midazolam_warn():
    for item in ("midazolam 7.5 mg po at night", "midazolam 10 mg/day sc continuous"):
        assert not _severities(_found([item, "fluconazole 50 mg po daily"], TOLERANT),
                               "cyp3a4-inhibitor-contraindicated")


# -- the Anpec suppository's own start ------------------------------------------------------------
NAIVE_OLD = Patient(age=76, weight_kg=50, hepatic="none", opioid_tolerant=False)


def test_the_anpec_insert_starts_rectal_morphine_at_10_mg_a_dose():
    # アンペック坐剤 insert: '初めてモルヒネ製剤として本剤を投与する場合は、1回10mgより開始することが望ましい'
    (row,) = [r for r in K.opioid_ranges if r.check == "naive-start" and r.drug == "morphine"
              and r.market == "jp" and r.routes is not None and Route.RECTAL in r.routes]
    assert row.per_dose == pytest.approx(10) and row.per_day is None
    assert "アンペック" in row.source


def test_an_anpec_start_is_silent_and_twice_it_warns():
    assert not _severities(_found(["anpec 10 mg pr q8h"], NAIVE_OLD, market="jp"),
                           "opioid-naive-start")
    assert _severities(_found(["anpec 20 mg pr q8h"], NAIVE_OLD, market="jp"),
                       "opioid-naive-start") == [Severity.WARNING]


def test_a_contraindication_from_the_drugs_own_source_does_not_quote_another_drugs_risk():
    # the rule's statement is domperidone's (MHRA 2014): a midazolam finding cites midazolam's
    # own sources and says nothing of domperidone's arrhythmias
    found = [f for f in check(Regimen.parse(["midazolam 7.5 mg po at night",
                                             "clarithromycin 500 mg po bid"]), Patient(age=62))
             if f.code == "cyp3a4-inhibitor-contraindicated"]
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "domperidone" not in found[0].message and "own source" in found[0].message
    assert found[0].source.startswith("Clarithromycin SmPCs")
