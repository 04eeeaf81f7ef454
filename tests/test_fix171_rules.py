"""Issue 13, held-out round 171 (fix171): mixed agonist-antagonists, and a switch to a naive start.

- A mixed agonist-antagonist opioid (``drug_properties.csv`` ``opioid_agonism`` 'mixed':
  pentazocine, butorphanol) ordered beside a scheduled full agonist, after one (``previous``) or
  for a patient recorded as opioid-tolerant may precipitate withdrawal and lose analgesia (the
  pentazocine SmPC, the butorphanol label, the full agonists' US labels): a warning
  ``opioid-mixed-agonist-antagonist``. A naive patient given one alone is not judged by it; a
  partial agonist (buprenorphine, 'partial') keeps its own rules; naloxone is no opioid.
- An unreduced switch in a patient recorded as not tolerant, whose previous day is below the
  labels' 60 mg/day OME of tolerance, to new opioids within their own labelled naive starts for
  the market is information naming the start; above the start, or in a tolerant patient, the
  warning stays.
- The UK pentazocine SmPCs' own initial dose (50 mg four-hourly) is a naive-start row that
  outranks the UK all-opioid start in OME.
These tests read the shipped rows.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Severity

RULE = "opioid-mixed-agonist-antagonist"


def _patient(tolerant: bool | None) -> Patient:
    return Patient(age=55, weight_kg=75, crcl_ml_min=90, hepatic="none", opioid_tolerant=tolerant)


def _codes(items: list[str], tolerant: bool | None, market: str | None,
           previous: list[str] | None = None) -> dict[str, list[Severity]]:
    found = check(Regimen.parse(items), _patient(tolerant), market=market,
                  previous=None if previous is None else Regimen.parse(previous))
    shown: dict[str, list[Severity]] = {}
    for f in found:
        shown.setdefault(f.code, []).append(f.severity)
    return shown


@pytest.mark.parametrize(("items", "previous", "tolerant", "market"), [
    (["pentazocine 50 mg po q4h"], ["morphine er 30 mg po q12h"], False, "uk"),
    (["pentazocine 25 mg po q4h"], ["oxycodone er 40 mg po q12h"], None, None),
    (["butorphanol 1 mg intranasal q4h prn"], ["hydromorphone 4 mg po q4h"], False, "us"),
    (["butorphanol 1 mg intranasal q4h prn", "morphine er 15 mg po q12h"], None, None, "us"),
    (["pentazocine 50 mg po q4h"], None, True, "uk"),
    (["butorphanol 2 mg intranasal q4h prn"], None, True, None),
], ids=["after MR morphine", "after oxycodone, tolerance unknown", "after hydromorphone",
        "beside a scheduled full agonist", "tolerant patient, no previous", "tolerant, us"])
def test_a_mixed_agonist_antagonist_with_or_after_a_full_agonist_warns(items, previous,
                                                                       tolerant, market):
    assert _codes(items, tolerant, market, previous).get(RULE) == [Severity.WARNING]


@pytest.mark.parametrize(("items", "previous", "tolerant"), [
    (["pentazocine 50 mg po q4h"], None, False),  # a naive patient, no other opioid
    (["butorphanol 1 mg intranasal q4h prn"], None, None),  # tolerance not given, nothing before
    (["pentazocine 50 mg po q4h", "morphine 5 mg po q4h prn"], None, False),  # as needed only
    (["pentazocine 50 mg po q4h"], ["buprenorphine 5 mcg/h td q7d"], False),  # partial before
    (["pentazocine 50 mg po q4h"], ["paracetamol 1 g po qid"], False),  # no opioid before
    (["buprenorphine 5 mcg/h td q7d"], ["morphine er 10 mg po q12h"], False),  # partial: own rules
    (["morphine er 30 mg po q12h"], ["pentazocine 50 mg po q4h"], True),  # the other way round
], ids=["naive alone", "unknown alone", "prn full agonist", "after buprenorphine",
        "after paracetamol", "buprenorphine after morphine", "morphine after pentazocine"])
def test_no_mixed_agonist_antagonist_finding_without_a_full_agonist_or_dependence(items, previous,
                                                                                  tolerant):
    assert RULE not in _codes(items, tolerant, "uk", previous)


@pytest.mark.parametrize(("item", "previous", "market", "severity"), [
    # Nucynta ER's US naive start is 50 mg twice daily (100 mg/day)
    ("tapentadol er 50 mg po q12h", "oxycodone er 10 mg po q12h", "us", Severity.INFO),
    ("tapentadol er 50 mg po q12h", "morphine er 15 mg po q12h", "uk", Severity.INFO),
    ("tapentadol er 100 mg po q12h", "oxycodone er 10 mg po q12h", "us", Severity.WARNING),
    # OxyContin's US naive start is 10 mg twice daily
    ("oxycodone er 10 mg po q12h", "hydromorphone 2 mg po q6h", "us", Severity.INFO),
    ("oxycodone er 20 mg po q12h", "hydromorphone 2 mg po q6h", "us", Severity.WARNING),
], ids=["tapentadol at the us start", "tapentadol at the uk start", "tapentadol above",
        "oxycodone at the start", "oxycodone above"])
def test_a_switch_in_a_patient_not_tolerant_to_the_naive_start_is_information(item, previous,
                                                                               market, severity):
    shown = _codes([item], False, market, [previous])
    assert severity in shown.get("equianalgesic-switch", [])
    if severity is Severity.INFO:
        assert Severity.WARNING not in shown["equianalgesic-switch"]


def test_a_tolerant_patient_switched_to_a_naive_start_keeps_the_warning():
    # tolerant: the start for the opioid-naive is not his; the switch is judged as a conversion
    shown = _codes(["tapentadol er 50 mg po q12h"], True, "us", ["oxycodone er 10 mg po q12h"])
    assert Severity.WARNING in shown.get("equianalgesic-switch", [])


@pytest.mark.parametrize(("item", "warned"), [
    ("pentazocine 50 mg po q4h prn", False),  # the SmPC's 50 mg four-hourly
    ("pentazocine 25 mg po q4h", False),
    ("pentazocine 100 mg po q4h", True),  # above the initial dose
    ("pentazocine 50 mg po q2h", True),  # 600 mg/day at the start
], ids=["50 mg prn", "25 mg", "100 mg", "two-hourly"])
def test_the_uk_pentazocine_label_start_judges_an_opioid_naive_patient(item, warned):
    shown = _codes([item], False, "uk")
    # above the start: a warning, or an error where the dose is one only a tolerant patient takes
    flagged = [s for code in ("opioid-naive-start", "opioid-tolerant-only")
               for s in shown.get(code, []) if s is not Severity.INFO]
    assert bool(flagged) is warned
