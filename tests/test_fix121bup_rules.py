"""Rules added by fix121bup (issue 13, held-out round 121): sublingual buprenorphine given as
treatment of opioid use disorder (OUD). Such an order is judged by the OUD labels' maintenance
maximum in buprenorphine's own mg, and its oral morphine equivalent is not benchmarked against
the thresholds for pain (the CDC's letter to ASAM, 2018); a rescue beside it is not judged as a
share of that OME. Each rule is stated in general (several doses, products, markets and patient
states, both sides of each threshold), against the shipped data whose sources the rows carry.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, check, parse_item
from mpsdose.clinical.use_disorder import use_disorder_buprenorphine
from mpsdose.model.errors import PatientError
from mpsdose.model.findings import Finding, Severity

OUD = "opioid-use-disorder-dose"


def _run(items: str, market: str | None = None, **patient: object) -> list[Finding]:
    person = Patient(**{"age": 45, "weight_kg": 70, "crcl_ml_min": 100,  # type: ignore[arg-type]
                        "hepatic": "none", **patient})
    return check([parse_item(text) for text in items.split(" | ")], person, market=market)


def _raised(found: list[Finding]) -> set[str]:
    return {f.code for f in found if f.severity is not Severity.INFO}


def _codes(found: list[Finding], severity: Severity) -> set[str]:
    return {f.code for f in found if f.severity is severity}


# -- which orders are treatment of the disorder -------------------------------------------------
@pytest.mark.parametrize(("text", "tolerant", "conditions", "read"), [
    ("buprenorphine 16 mg sl daily", True, (), True),
    ("buprenorphine 2 mg sl q8h", True, (), True),            # above the 0.4 mg analgesic dose
    ("buprenorphine/naloxone 8/2 mg sl bid", True, (), True),  # naloxone: an OUD product only
    ("buprenorphine/naloxone 2/0.5 mg sl daily", True, (), True),
    ("buprenorphine 16 mg sl daily", None, ("opioid-use-disorder",), True),
    ("buprenorphine 16 mg sl daily", None, ("oud",), True),   # the condition's other spelling
    ("buprenorphine 0.4 mg sl q8h", True, (), False),         # Temgesic's analgesic dose
    ("buprenorphine 0.2 mg sl q8h", True, ("opioid-use-disorder",), False),
    ("buprenorphine 16 mg sl daily", None, (), False),        # tolerance not given, no condition
    ("buprenorphine 16 mg sl daily", False, (), False),       # opioid-naive: the starts judge
    ("buprenorphine 16 mg sl daily", False, ("opioid-use-disorder",), False),
    ("buprenorphine 600 mcg buccal q12h", True, (), False),   # Belbuca: an analgesic film
    ("buprenorphine 0.6 mg im q6h", True, (), False),         # an injection for pain
], ids=lambda v: str(v))
def test_an_order_is_read_as_treatment_of_opioid_use_disorder_by_product_dose_and_patient(
        text, tolerant, conditions, read):
    patient = Patient(age=45, opioid_tolerant=tolerant, conditions=list(conditions))
    assert use_disorder_buprenorphine(parse_item(text), patient) is read


def test_the_condition_is_known_and_an_unknown_one_is_still_refused():
    assert Patient(conditions=["opioid dependence"]).conditions == ("opioid-use-disorder",)
    with pytest.raises(PatientError):
        Patient(conditions=["opioid-misuse-of-some-kind"])


# -- its day: the labels' maintenance maximum, not the thresholds for pain ----------------------
@pytest.mark.parametrize(("text", "market", "raised"), [
    ("buprenorphine 8 mg sl daily", "us", False),     # 310 mg OME/day: above 300 for pain
    ("buprenorphine 16 mg sl daily", "us", False),    # the US target day
    ("buprenorphine 12 mg sl daily", "uk", False),
    ("buprenorphine 8 mg sl q8h", "eu", False),       # 24 mg/day: at the EU SmPC maximum
    ("buprenorphine/naloxone 12/3 mg sl bid", "us", False),
    ("buprenorphine 16 mg sl bid", "us", True),       # 32 mg/day: above 24
    ("buprenorphine 28 mg sl daily", "eu", True),
    ("buprenorphine 32 mg sl daily", "uk", True),     # no UK row: the US and EU maxima, said so
    ("buprenorphine 32 mg sl daily", None, True),
], ids=lambda v: str(v))
def test_an_oud_day_is_judged_against_the_labels_24_mg_maximum(text, market, raised):
    found = _run(text, market, opioid_tolerant=True)
    assert "opioid-above-usual" not in _raised(found)
    oud = [f for f in found if f.code == OUD]
    assert len(oud) == 1
    assert (oud[0].severity is Severity.WARNING) is raised
    assert "not benchmarked against the thresholds for pain" in oud[0].message
    assert "CDC" in oud[0].source or "ASAM" in oud[0].source or "AMA" in oud[0].source


def test_a_market_without_its_own_maximum_says_whose_it_applies():
    [finding] = [f for f in _run("buprenorphine 16 mg sl daily", "uk", opioid_tolerant=True)
                 if f.code == OUD]
    assert "no UK maximum is shipped" in finding.message


@pytest.mark.parametrize("text", ["buprenorphine 16 mg sl daily", "buprenorphine 4 mg sl q8h",
                                  "buprenorphine 2 mg sl q8h"])
def test_the_same_dose_in_an_opioid_naive_patient_is_still_flagged(text):
    found = _run(text, "uk", opioid_tolerant=False)
    assert _codes(found, Severity.ERROR) | _codes(found, Severity.WARNING)
    assert not any(f.code == OUD for f in found)


def test_with_tolerance_not_given_and_no_condition_the_thresholds_for_pain_still_judge():
    found = _run("buprenorphine 16 mg sl daily", "us")
    assert "opioid-above-usual" in _raised(found)
    assert OUD not in {f.code for f in _run("buprenorphine 16 mg sl daily", "us")}


@pytest.mark.parametrize(("text", "market"), [
    ("buprenorphine 80 mg sl daily", "eu"),      # a ten-fold 8 mg
    ("buprenorphine 160 mg sl daily", "us"),
    ("buprenorphine 400 mg sl q8h", "uk"),       # Temgesic micrograms written as mg
])
def test_a_unit_or_decimal_slip_is_still_an_error(text, market):
    found = _run(text, market, opioid_tolerant=True)
    assert "opioid-implausible-dose" in _codes(found, Severity.ERROR)


def test_a_full_agonist_scheduled_beside_it_is_judged_on_its_own_day():
    # morphine 400 mg/day is above 300 for pain; the buprenorphine is left out of the sum
    found = _run("buprenorphine 16 mg sl daily | morphine 200 mg po q12h", "us",
                 opioid_tolerant=True)
    [usual] = [f for f in found if f.code == "opioid-above-usual"]
    assert "400 mg/day" in usual.message and "opioid use disorder" in usual.message
    quiet = _run("buprenorphine 16 mg sl daily | morphine 30 mg po q12h", "us",
                 opioid_tolerant=True)
    assert "opioid-above-usual" not in _raised(quiet)


# -- a rescue beside it -------------------------------------------------------------------------
@pytest.mark.parametrize("rescue", ["hydromorphone 2 mg po q4h prn", "oxycodone 5 mg po q4h prn",
                                    "morphine 10 mg po q2h prn"])
def test_a_rescue_beside_oud_buprenorphine_is_not_judged_as_a_share(rescue):
    found = _run(f"buprenorphine 16 mg sl daily | {rescue}", "us", opioid_tolerant=True)
    assert not _raised(found)
    [info] = [f for f in found if f.code == "rescue-share-not-checked"]
    assert "Alford" in info.source


@pytest.mark.parametrize(("rescue", "raised"), [
    ("hydromorphone 4 mg po q4h prn", False),    # 24 mg/day: about 100 mg OME
    ("hydromorphone 40 mg po q4h prn", True),    # 240 mg/day: far above 300 mg OME
    ("oxycodone 60 mg po q4h prn", True),
])
def test_with_no_opioid_scheduled_for_pain_the_prn_day_is_judged_against_the_threshold(
        rescue, raised):
    found = _run(f"buprenorphine 16 mg sl daily | {rescue}", "us", opioid_tolerant=True)
    assert ("opioid-above-usual" in _raised(found)) is raised


def test_a_rescue_beside_analgesic_buprenorphine_is_still_judged_as_a_share():
    # Belbuca is for pain: its OME is the day a rescue is a share of
    found = _run("buprenorphine 900 mcg buccal q12h | morphine 60 mg po q4h prn", "us",
                 opioid_tolerant=True)
    assert "rescue-share" in _raised(found)
