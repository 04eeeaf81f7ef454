"""The shipped rows behind the forty-first and forty-second held-out rounds' fixes (issue 13),
typed again from the text each row quotes (double entry): quetiapine's dose reduction with strong
CYP3A4 inhibitors, linezolid (an MAO inhibitor) with serotonergic drugs, the Nucynta ER (US)
and Norspan (NZ) titration increments; and the orders they judge."""

from __future__ import annotations

import pytest

from mpsdose import Patient
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Severity
from mpsdose.model.vocabulary import Route
from tests.checking import found as _found
from tests.checking import severities as _severities

K = resolve(None)
PATIENT = Patient(age=63, weight_kg=58, crcl_ml_min=70, hepatic="none", opioid_tolerant=False)
TOLERANT = Patient(age=70, weight_kg=64, crcl_ml_min=60, hepatic="none", opioid_tolerant=True)


# -- quetiapine with a strong CYP3A4 inhibitor ------------------------------------------------------
def test_quetiapine_dose_is_reduced_with_strong_inhibitors_by_its_label():
    # drugs.com: 'ADJUST DOSE' (ketoconazole: AUC 6.2-fold); AETC: 'reduce ... to 1 / 6'
    value, source = K.drug_properties.get("quetiapine", "cyp3a4_inhibitor_reduce_dose")
    assert value == "strong" and "6.2-fold" in source and "1 / 6 of current dose" in source
    assert K.drug_properties.get("quetiapine", "cyp3a4_inhibitor_contraindicated") is None


def test_clarithromycin_with_quetiapine_is_a_warning_fluconazole_is_not():
    strong = _found(["clarithromycin 500 mg po bid", "quetiapine 300 mg po at night"], PATIENT)
    assert _severities(strong, "cyp3a4-inhibitor-reduce-dose") == [Severity.WARNING]
    moderate = _found(["fluconazole 200 mg po daily", "quetiapine 300 mg po at night"], PATIENT)
    assert not _severities(moderate, "cyp3a4-inhibitor-reduce-dose")


# -- linezolid with a serotonergic drug -------------------------------------------------------------
def test_linezolid_with_duloxetine_is_a_warning_and_linezolid_alone_is_not():
    assert K.drug_properties.get("linezolid", "serotonergic")[0] == "maoi"  # type: ignore[index]
    both = _found(["linezolid 600 mg iv q12h", "duloxetine 40 mg po daily"], PATIENT)
    assert _severities(both, "maoi-serotonergic") == [Severity.WARNING]
    alone = _found(["linezolid 600 mg iv q12h"], PATIENT)
    assert not [f for f in alone if f.severity is not Severity.INFO]


# -- the Nucynta ER (US) and Norspan (NZ) label increments ------------------------------------------
def test_the_nucynta_er_increment_is_50_mg_a_12_hourly_dose():
    # Nucynta ER 2.3: 'dose increases of 50 mg no more than twice daily every three days'
    (row,) = [r for r in K.opioid_ranges if r.check == "titration-step" and r.drug == "tapentadol"
              and r.market == "us"]
    assert row.release == "er" and row.interval_h == pytest.approx(12)
    assert row.per_dose == pytest.approx(50) and row.severity is Severity.INFO


def test_the_palexia_sr_uk_increment_is_the_same_50_mg_a_12_hourly_dose():
    # fix49: Palexia SR SmPC 4.2 (MHRA GB): 'increments of 50 mg tapentadol as prolonged-release
    # tablet twice daily every 3 days'
    (row,) = [r for r in K.opioid_ranges if r.check == "titration-step" and r.drug == "tapentadol"
              and r.market == "uk"]
    assert row.release == "er" and row.interval_h == pytest.approx(12)
    assert row.per_dose == pytest.approx(50) and row.severity is Severity.INFO


def test_the_norspan_nz_step_is_one_strength_from_5_micrograms_an_hour():
    # NZ data sheet 4.2: 'a higher strength of NORSPAN patch'; strengths 5, 10, 20 mcg/h
    (row,) = [r for r in K.opioid_ranges if r.check == "titration-step"
              and r.drug == "buprenorphine" and r.market == "nz"]
    assert row.routes is not None and Route.TRANSDERMAL in row.routes
    # 5 mcg/h, stored in mg/day: 5 x 24 / 1000 = 0.12
    assert row.per_day == pytest.approx(0.12) and row.interval_h == pytest.approx(168)


@pytest.mark.parametrize(("items", "previous", "market"), [
    (["nucynta er 100 mg po q12h"], ["nucynta er 50 mg po q12h"], "us"),
    (["norspan 10 mcg/h td q7d"], ["norspan 5 mcg/h td q7d"], "nz"),
    (["palexia sr 100 mg po q12h"], ["palexia sr 50 mg po q12h"], "uk"),
    # fix49: no label row of the market's own, the same product's elsewhere borrowed
    (["norspan 10 mcg/h td q7d"], ["norspan 5 mcg/h td q7d"], "au"),
    (["palexia sr 100 mg po q12h"], ["palexia sr 50 mg po q12h"], "eu"),
])
def test_one_label_step_is_information(items, previous, market):
    found = _found(items, TOLERANT, previous=previous, market=market)
    assert _severities(found, "opioid-titration-step") == [Severity.INFO]


@pytest.mark.parametrize(("items", "previous", "market"), [
    (["nucynta er 150 mg po q12h"], ["nucynta er 50 mg po q12h"], "us"),  # two steps at once
    (["norspan 20 mcg/h td q7d"], ["norspan 5 mcg/h td q7d"], "nz"),      # two strengths
    # no AU row seen: the NZ and UK one-strength steps borrowed do not cover two strengths
    (["norspan 15 mcg/h td q7d"], ["norspan 5 mcg/h td q7d"], "au"),
])
def test_beyond_the_label_step_or_in_another_market_stays_a_warning(items, previous, market):
    found = _found(items, TOLERANT, previous=previous, market=market)
    assert _severities(found, "opioid-titration-step") == [Severity.WARNING]
