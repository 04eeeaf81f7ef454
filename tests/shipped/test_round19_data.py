"""The shipped numbers behind the nineteenth held-out round's fixes (issue 13), typed again from
the text each row quotes (double entry): the buprenorphine patch labels' starting tables and the
markets that read them, the fentanyl patch's delivered amount, and methadone's maintenance day;
and the round's ordinary regimens they judge."""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.vocabulary import Route

K = resolve(None)


def _found(items, patient, **kwargs) -> list[Finding]:
    previous = kwargs.pop("previous", None)
    return check(Regimen.parse(items), patient,
                 previous=Regimen.parse(previous) if previous else None, **kwargs)


def _raised(found: list[Finding], code: str) -> list[Finding]:
    return [f for f in found if f.code == code and f.severity is not Severity.INFO]


# -- the buprenorphine patch labels ---------------------------------------------------------------
@pytest.mark.parametrize(("table", "amount", "rate"), [
    ("butrans-us", 29, 5),  # Butrans: '<30 mg of oral morphine equivalent' -> 5 mcg/hour
    ("butrans-us", 30, 10),  # 'between 30 and 80 mg of oral morphine equivalents' -> 10
    ("butrans-us", 80, 10),
    ("butec-uk", 0, 5),  # Butec SmPC: 'The lowest Butec dose (5 microgram/hour) ... initial dose'
    ("butec-uk", 200, 5),
])
def test_the_buprenorphine_patch_tables_match_their_labels(table, amount, rate):
    (band,) = [b for b in K.patch_bands if b.table == table and b.drug == "buprenorphine"
               and b.from_drug == "morphine" and b.from_route is Route.ORAL
               and b.band.contains(amount)]
    assert band.patch_mcg_h == rate
    assert band.direction == "to_patch"


def test_the_us_and_uk_markets_read_their_own_buprenorphine_patch_label():
    own = {r.market: r.table for r in K.market_rules.rows
           if r.rule == "patch_table" and r.drug == "buprenorphine"}
    assert own == {"us": "butrans-us", "uk": "butec-uk"}
    # the fentanyl patch tables of a market are untouched: the UK row is buprenorphine's only
    from mpsdose.clinical.market import market_table

    assert market_table("uk", "patch_table", K, "fentanyl") is None
    row = market_table("jp", "patch_table", K, "fentanyl")
    assert row is not None and row.table == "fentos-insert"


# -- the fentanyl patch delivers its rate --------------------------------------------------------
def test_a_fentanyl_patch_delivers_its_rate_to_the_circulation():
    # Durogesic SmPC: 12, 25, 50, 75 and 100 mcg/h 'represent about 0.3, 0.6, 1.2, 1.8, and 2.4 mg
    # per day respectively'
    rule = K.rotation_rules.get("patch_systemic_fraction", "fentanyl")
    assert rule is not None and rule.value == 1 and rule.drug == "fentanyl"
    for rate, per_day in ((12.5, 0.3), (25, 0.6), (50, 1.2), (75, 1.8), (100, 2.4)):
        assert rate * 24 / 1000 * rule.value == pytest.approx(per_day, abs=0.01)
    assert K.rotation_rules.get("patch_systemic_fraction", "buprenorphine") is None


# -- methadone's maintenance day -----------------------------------------------------------------
def test_methadones_usual_day_is_the_maintenance_guidelines_top():
    # 'Maintenance doses for effective MMT are typically 60-100mg/day'
    (row,) = [r for r in K.opioid_ranges if r.check == "usual" and r.drug == "methadone"]
    assert row.per_day == 100 and row.routes == frozenset({Route.ORAL})
    assert row.market is None and row.severity is Severity.WARNING
    assert "60-100mg/day" in row.source


# -- the round's ordinary regimens and their dangerous neighbours --------------------------------
TOLERANT_AU = Patient(age=45, weight_kg=82, crcl_ml_min=110, hepatic="none", opioid_tolerant=True)


def test_methadone_maintenance_alone_is_not_above_the_usual_range():
    found = _found(["methadone 80 mg po daily", "paracetamol 1 g po qid"], TOLERANT_AU,
                   market="au")
    assert _raised(found, "opioid-above-usual") == []
    # a ten-fold day is an error, a day above the guideline's top a warning naming it
    assert _raised(_found(["methadone 800 mg po daily"], TOLERANT_AU, market="au"),
                   "opioid-implausible-dose")
    (above,) = _raised(_found(["methadone 150 mg po daily"], TOLERANT_AU, market="au"),
                       "opioid-above-usual")
    assert "100 mg/day" in above.message


def test_an_sc_fentanyl_rescue_of_a_sixth_of_the_patch_day_is_ordinary():
    renal = Patient(age=74, weight_kg=62, crcl_ml_min=12, hepatic="none", opioid_tolerant=True)
    found = _found(["fentanyl 25 mcg/h td q72h", "fentanyl 100 mcg sc q1h prn max 4/day"],
                   renal, market="au")
    assert _raised(found, "rescue-share") == []
    (above,) = _raised(_found(["fentanyl 25 mcg/h td q72h",
                               "fentanyl 300 mcg sc q1h prn max 4/day"], renal, market="au"),
                       "rescue-share")
    assert "50%" in above.message


def test_tramadol_to_a_10_mcg_h_buprenorphine_patch_is_above_the_labels_start():
    older = Patient(age=80, weight_kg=58, crcl_ml_min=25, hepatic="none", opioid_tolerant=True)
    (switch,) = _raised(_found(["buprenorphine 10 mcg/h td q7d", "paracetamol 1 g po tid"], older,
                               previous=["tramadol 100 mg po bid"], market="eu"),
                        "equianalgesic-switch")
    assert "above the 5 mcg/h" in switch.message
    assert "butrans-us" in switch.message and "butec-uk" in switch.message


def test_oxycodone_to_morphine_at_pdqs_one_to_one_is_information_naming_both_tables():
    # round 19's ZO50: 1:1 is unreduced at the top of PDQ's oxycodone range and a 50% reduction at
    # SPCG's 2:1; the tables disagree and the switch follows one, so the finding is information
    # naming both readings (safety._reduced_elsewhere)
    patient = Patient(age=66, weight_kg=72, crcl_ml_min=65, hepatic="none", opioid_tolerant=True)
    (switch,) = [f for f in _found(["morphine sr 30 mg po bid",
                                    "morphine 10 mg po q4h prn max 4/day"],
                                   patient, previous=["oxycodone cr 30 mg po bid"], market="nz")
                 if f.code == "equianalgesic-switch"]
    assert switch.severity is Severity.INFO
    assert "under spcg" in switch.message and "pdq: the new regimen is" in switch.message
    assert "Fine PG" in switch.source
    # the unreduced conversion is the morphine-diamorphine pair's only (drug_properties.csv)
    assert K.drug_properties.get("morphine", "converts_unreduced_with") is None
    found = K.drug_properties.get("diamorphine", "converts_unreduced_with")
    assert found is not None and found[0] == "morphine"
