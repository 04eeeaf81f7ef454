"""The shipped numbers behind the eighteenth held-out round's fixes (issue 13): the COX-2 selective
property, the Australian and US acetaminophen rows by release, and the manufacturers' patch tables
for a switch from oral morphine."""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Severity
from mpsdose.model.vocabulary import Route

K = resolve(None)
TOLERANT = Patient(age=67, weight_kg=72, crcl_ml_min=70, hepatic="none", opioid_tolerant=True)


def _codes(items, patient=TOLERANT, **kwargs):
    previous = kwargs.pop("previous", None)
    found = check(Regimen.parse(items), patient,
                  previous=Regimen.parse(previous) if previous else None, **kwargs)
    return {(f.code, f.severity) for f in found}


# -- COX-2 selective: the WHO ATC group M01AH and the property agree ------------------------------
def test_the_coxibs_of_the_catalogue_are_marked_cox2_selective_and_only_they():
    marked = {d for d in K.catalogue.drugs if K.drug_properties.get(d, "cox2_selective")}
    coxibs = {name for name, drug in K.catalogue.drugs.items()
              if (drug.atc_code or "").startswith("M01AH")}
    assert "celecoxib" in coxibs
    assert marked == coxibs
    # the Beers list of non-COX-selective oral NSAIDs names meloxicam and etodolac
    assert not marked & {"meloxicam", "etodolac", "ibuprofen", "naproxen", "diclofenac"}


def test_celecoxib_at_68_is_not_under_the_non_selective_beers_criterion():
    codes = _codes(["celecoxib 100 mg po bid"], market="jp")
    assert ("nsaid-age", Severity.WARNING) not in codes
    assert ("nsaid-age-cox2-selective", Severity.INFO) in codes
    assert ("nsaid-age", Severity.WARNING) in _codes(["meloxicam 7.5 mg po daily"], market="jp")


def test_celecoxib_in_severe_hepatic_impairment_is_avoided():
    severe = Patient(age=66, crcl_ml_min=70, hepatic="severe")
    assert ("celecoxib-avoid", Severity.ERROR) in _codes(["celecoxib 100 mg po bid"], severe,
                                                           market="us")


# -- acetaminophen by market and release ---------------------------------------------------------
def _rows(market, release):
    return [r for r in K.dose_limits if r.drug == "acetaminophen" and r.market == market
            and r.release == release and r.condition == "any" and not r.scope]


@pytest.mark.parametrize(("market", "release", "route", "single", "daily"), [
    ("au", None, None, 1000, 4000),  # TGA
    ("au", "er", Route.ORAL, 1330, 3990),  # Panadol Osteo: 2 x 665 mg, 6 tablets a day
    ("us", "er", Route.ORAL, 1300, 3900),  # 8 HR Arthritis Pain: 2 x 650 mg, 6 caplets a day
])
def test_the_acetaminophen_rows_by_market_and_release(market, release, route, single, daily):
    (row,) = _rows(market, release)
    assert (row.route, row.max_single_mg, row.max_daily_mg) == (route, single, daily)


def test_the_au_modified_release_tablets_are_judged_by_their_own_label():
    items = ["2 tab paracetamol sr 665 mg po tid"]
    codes = _codes(items, market="au")
    assert not {c for c, s in codes if s is not Severity.INFO}
    assert ("acetaminophen-at-max", Severity.INFO) in codes
    # unwritten, the same tablets are read as immediate release: a warning asking for it
    assert ("acetaminophen-single-dose-above-max", Severity.WARNING) in _codes(
        ["2 tab paracetamol 665 mg po tid"], market="au")
    # immediate release above 1 g a dose in Australia is the AU source's error
    assert ("acetaminophen-single-dose-above-max", Severity.ERROR) in _codes(
        ["paracetamol 1.5 g po tid"], market="au")


def test_the_us_extended_release_caplets_are_judged_by_their_own_label():
    codes = _codes(["2 tab acetaminophen er 650 mg po q8h"], market="us")
    assert ("acetaminophen-single-dose-above-max", Severity.ERROR) not in codes
    assert ("acetaminophen-at-max", Severity.INFO) in codes


# -- the manufacturers' patch tables from oral morphine ------------------------------------------
def _rate(table, amount):
    (band,) = [b for b in K.patch_bands if b.table == table and b.from_drug == "morphine"
               and b.from_route is Route.ORAL and b.band.contains(amount)]
    return band.patch_mcg_h


@pytest.mark.parametrize(("table", "amount", "rate"), [
    ("duragesic-us", 60, 25), ("duragesic-us", 134, 25), ("duragesic-us", 135, 50),
    ("durogesic-eu-rotation", 45, 25), ("durogesic-eu-rotation", 134, 25),
    ("durogesic-eu-rotation", 135, 50),
])
def test_the_label_tables_give_25_mcg_h_for_60_to_134_mg_of_oral_morphine(table, amount, rate):
    assert _rate(table, amount) == rate


def test_a_switch_to_the_patch_the_tables_give_is_information():
    previous = ["morphine sr 30 mg po bid"]
    codes = _codes(["fentanyl 25 mcg/h td q72h"], previous=previous, market="eu")
    assert ("equianalgesic-switch", Severity.INFO) in codes
    assert ("equianalgesic-switch", Severity.WARNING) not in codes
    above = _codes(["fentanyl 50 mcg/h td q72h"], previous=previous, market="eu")
    assert ("equianalgesic-switch", Severity.WARNING) in above
