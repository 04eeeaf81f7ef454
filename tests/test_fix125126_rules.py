"""Rules added by fix125126 (issue 13, held-out rounds 125 and 126).

- Domperidone's course is limited by its labels: in the EU and the UK (the 2014 CMDh/MHRA
  restriction, as the SmPCs word it) usually not beyond one week; in New Zealand (the Motilium
  data sheet) an initial course of up to four weeks for its other indications, one week for
  acute nausea and vomiting (the indication is not known, so four weeks). A written course
  beyond the market's limit is a warning (the labels say "usually"; palliative care uses it for
  longer); within it, nothing; no duration written, information. A market with no duration of
  its own is judged by the UK week as a warning naming the borrowing, where no other market's
  label allows the course.
- Two patient conditions: ``heart-failure`` and ``long-qt``. An NSAID by a systemic route in
  heart failure is a warning (the EU class wording of the NSAID SmPCs contraindicates severe
  heart failure); a topical NSAID is not flagged. A drug whose own label contraindicates it in a
  recorded condition is a warning (``contraindicated_conditions``: domperidone in heart failure
  or a long QT interval; citalopram and escitalopram in a long QT interval); methadone with a long
  QT interval is a warning asking for an ECG (``monitored_conditions``, Medsafe). Without the
  condition, none of these is raised.

Each rule is stated in general (several drugs, doses, markets, both sides of each threshold)
against the shipped data whose sources the rows carry.
"""

from __future__ import annotations

import pytest

from mpsdose import Knowledge, Patient, check, parse_item
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.vocabulary import CONDITIONS, parse_condition
from tests.checking import worst as _severity


def _run(items: str, market: str | None = None, **patient: object) -> list[Finding]:
    person = Patient(**{"age": 55, "weight_kg": 70, "crcl_ml_min": 90,  # type: ignore[arg-type]
                        "hepatic": "none", **patient})
    return check([parse_item(text) for text in items.split(" | ")], person, market=market)


# -- domperidone's course ---------------------------------------------------------------------------
DURATION = "domperidone-duration-above-max"


@pytest.mark.parametrize("market", ["uk", "eu"])
@pytest.mark.parametrize("dose", ["10 mg po tid", "10 mg po bid", "5 mg po tid"])
@pytest.mark.parametrize(("days", "expected"), [
    (3, None), (7, None), (8, Severity.WARNING), (14, Severity.WARNING),
    (28, Severity.WARNING), (90, Severity.WARNING),
])
def test_a_domperidone_course_beyond_a_week_warns_in_the_eu_and_uk(market, dose, days, expected):
    found = _run(f"domperidone {dose} for {days} days", market=market, age=58)
    assert _severity(found, DURATION) is expected


@pytest.mark.parametrize(("days", "expected"), [
    (7, None), (14, None), (28, None), (29, Severity.WARNING), (60, Severity.WARNING),
])
def test_the_nz_data_sheet_allows_an_initial_four_weeks(days, expected):
    found = _run(f"domperidone 10 mg po tid for {days} days", market="nz")
    assert _severity(found, DURATION) is expected


@pytest.mark.parametrize("market", ["au", "jp", "us"])
def test_a_market_without_a_domperidone_duration_borrows_the_week_only_beyond_every_label(
        market):
    # beyond the UK week but within NZ's four weeks: the labels disagree, information
    assert _severity(_run("domperidone 10 mg po tid for 14 days", market=market),
                     DURATION) is Severity.INFO
    # beyond every label's course: a warning naming the borrowed source
    found = _run("domperidone 10 mg po tid for 35 days", market=market)
    assert _severity(found, DURATION) is Severity.WARNING
    assert all("days" in f.message and "mg/day" not in f.message.split("maximum of")[1][:12]
               for f in found if f.code == DURATION)


@pytest.mark.parametrize("market", ["uk", "eu", "nz", "au", None])
def test_no_duration_written_is_information_only(market):
    found = _run("domperidone 10 mg po tid", market=market)
    assert _severity(found, "domperidone-duration-not-stated") is Severity.INFO
    assert _severity(found, DURATION) is None


# -- the conditions ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("spelling", "canonical"), [
    ("heart-failure", "heart-failure"), ("heart failure", "heart-failure"),
    ("Congestive heart failure", "heart-failure"), ("CHF", "heart-failure"),
    ("long-qt", "long-qt"), ("long QT syndrome", "long-qt"), ("QT prolongation", "long-qt"),
    ("prolonged QT", "long-qt"),
])
def test_the_cardiac_conditions_are_known(spelling, canonical):
    assert parse_condition(spelling) == canonical
    assert canonical in CONDITIONS
    Patient(conditions=(canonical,))  # accepted by the patient, no longer refused


def test_every_condition_property_names_known_conditions():
    k = Knowledge.default()
    seen = 0
    for drug, properties in k.drug_properties.table.items():
        for name in ("contraindicated_conditions", "monitored_conditions"):
            if name not in properties:
                continue
            value, source = properties[name]
            seen += 1
            assert source
            for condition in value.split():
                assert condition in CONDITIONS, (drug, condition)
    assert seen >= 4


@pytest.mark.parametrize("items", [
    "ibuprofen 400 mg po tid", "naproxen 500 mg po bid", "diclofenac 50 mg po tid",
    "celecoxib 200 mg po daily", "ketorolac 15 mg iv q6h", "ibuprofen 200 mg po tid",
])
@pytest.mark.parametrize("market", [None, "us", "uk", "au", "jp"])
def test_a_systemic_nsaid_in_heart_failure_warns(items, market):
    with_it = _run(items, market=market, conditions=("heart-failure",))
    assert _severity(with_it, "nsaid-heart-failure") is Severity.WARNING
    without = _run(items, market=market, conditions=("copd",))
    assert _severity(without, "nsaid-heart-failure") is None


@pytest.mark.parametrize("items", ["paracetamol 1 g po q6h", "morphine 10 mg po q4h",
                                   "oxycodone 5 mg po q4h"])
def test_a_non_nsaid_analgesic_in_heart_failure_is_not_flagged(items):
    found = _run(items, conditions=("heart-failure",))
    assert _severity(found, "nsaid-heart-failure") is None
    assert _severity(found, "condition-contraindicated") is None


@pytest.mark.parametrize(("items", "condition"), [
    ("domperidone 10 mg po tid for 5 days", "heart-failure"),
    ("domperidone 10 mg po bid for 3 days", "long-qt"),
    ("citalopram 10 mg po daily", "long-qt"),
    ("citalopram 20 mg po daily", "long-qt"),
    ("escitalopram 5 mg po daily", "long-qt"),
])
@pytest.mark.parametrize("market", [None, "uk", "eu", "au", "nz"])
def test_a_drug_its_label_contraindicates_in_the_condition_warns(items, condition, market):
    found = _run(items, market=market, conditions=(condition,))
    assert _severity(found, "condition-contraindicated") is Severity.ERROR
    assert all(f.source for f in found if f.code == "condition-contraindicated")
    assert _severity(_run(items, market=market), "condition-contraindicated") is None


@pytest.mark.parametrize(("items", "condition"), [
    ("citalopram 20 mg po daily", "heart-failure"),   # the label's contraindication is a long QT
    ("sertraline 50 mg po daily", "long-qt"),         # no contraindication shipped
    ("haloperidol 1 mg po at night", "heart-failure"),
])
def test_a_condition_the_label_does_not_name_is_not_flagged(items, condition):
    assert _severity(_run(items, conditions=(condition,)), "condition-contraindicated") is None


@pytest.mark.parametrize("dose", ["2.5 mg po q12h", "5 mg po q8h", "10 mg po q8h"])
def test_methadone_with_a_long_qt_asks_for_an_ecg(dose):
    found = _run(f"methadone {dose}", conditions=("long-qt",), opioid_tolerant=True)
    assert _severity(found, "condition-monitoring") is Severity.WARNING
    assert _severity(_run(f"methadone {dose}", conditions=("heart-failure",),
                          opioid_tolerant=True), "condition-monitoring") is None
