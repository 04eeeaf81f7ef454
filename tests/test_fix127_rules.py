"""Rules and data added by fix127 (issue 13, held-out round 127: interactions through metabolism).

- A drug activated by CYP2C19 with a CYP2C19 inhibitor its label says to avoid is a warning
  (``cyp2c19-inhibitor-prodrug``; ``cyp2c19_inhibitors_avoided``: clopidogrel with omeprazole or
  esomeprazole, the FDA's 2009-2012 label changes). The proton pump inhibitors the labels do not
  name (pantoprazole, which the FDA names as the alternative, and lansoprazole) are not flagged,
  nor is omeprazole without clopidogrel.
- Three CYP3A4 inhibitors join the catalogue with the strength the FDA classification gives:
  itraconazole strong, erythromycin and diltiazem moderate. With an opioid cleared by CYP3A4
  (fentanyl, oxycodone, methadone, hydrocodone, alfentanil) each is the
  ``opioid-cyp3a4-inhibitor`` warning (the fentanyl label names all three); with morphine or
  hydromorphone (glucuronidated, not CYP3A4 substrates) nothing. The label-specific rules read
  the strength their row names: oral midazolam and quetiapine only with the strong ones,
  domperidone with the strong ones and the inhibitors its label names (erythromycin among
  "some macrolides").

Each rule is stated in general (several drugs, doses, routes, both sides of each threshold)
against the shipped data whose sources the rows carry.
"""

from __future__ import annotations

import pytest

from mpsdose import Knowledge, Patient, check, parse_item
from mpsdose.model.findings import Finding, Severity
from tests.checking import worst as _severity


def _run(items: str, market: str | None = None, **patient: object) -> list[Finding]:
    person = Patient(**{"age": 60, "weight_kg": 70, "crcl_ml_min": 90,  # type: ignore[arg-type]
                        "hepatic": "none", **patient})
    return check([parse_item(text) for text in items.split(" | ")], person, market=market)


# -- clopidogrel with a CYP2C19 inhibitor ----------------------------------------------------------
PRODRUG = "cyp2c19-inhibitor-prodrug"


@pytest.mark.parametrize("market", [None, "us", "uk", "eu", "jp"])
@pytest.mark.parametrize("clopidogrel", ["clopidogrel 75 mg po daily", "plavix 75 mg po daily"])
@pytest.mark.parametrize(("ppi", "expected"), [
    ("omeprazole 20 mg po daily", Severity.WARNING),
    ("omeprazole 40 mg po daily", Severity.WARNING),
    ("omeprazole 40 mg iv daily", Severity.WARNING),
    ("esomeprazole 20 mg po daily", Severity.WARNING),
    ("esomeprazole 40 mg po daily", Severity.WARNING),
    ("pantoprazole 40 mg po daily", None),
    ("pantoprazole 20 mg po daily", None),
    ("lansoprazole 30 mg po daily", None),
])
def test_clopidogrel_warns_with_the_ppis_its_label_names_only(market, clopidogrel, ppi, expected):
    found = _run(f"{clopidogrel} | {ppi}", market=market, age=72)
    assert _severity(found, PRODRUG) is expected


@pytest.mark.parametrize("items", [
    "omeprazole 20 mg po daily",
    "aspirin 75 mg po daily | omeprazole 20 mg po daily",
    "clopidogrel 75 mg po daily",
    "clopidogrel 75 mg po daily | aspirin 75 mg po daily",
])
def test_no_prodrug_finding_without_both_drugs(items):
    assert _severity(_run(items, age=72), PRODRUG) is None


def test_the_prodrug_finding_names_the_drugs_and_carries_the_label_source():
    found = [f for f in _run("clopidogrel 75 mg po daily | esomeprazole 40 mg po daily")
             if f.code == PRODRUG]
    assert len(found) == 1
    assert "clopidogrel" in found[0].message and "esomeprazole" in found[0].message
    assert "Avoid concomitant use of esomeprazole/omeprazole with clopidogrel" in found[0].source


# -- CYP3A4 inhibitors with opioids ---------------------------------------------------------------
INHIBITOR = "opioid-cyp3a4-inhibitor"
INHIBITORS = [
    ("itraconazole 200 mg po daily", "strong"),
    ("erythromycin 500 mg po qid", "moderate"),
    ("erythromycin 250 mg po qid", "moderate"),
    ("diltiazem 60 mg po tid", "moderate"),
    ("diltiazem 120 mg po bid", "moderate"),
]


@pytest.mark.parametrize(("inhibitor", "strength"), INHIBITORS)
def test_the_new_inhibitors_carry_their_sourced_strength(inhibitor, strength):
    drug = inhibitor.split()[0]
    value = Knowledge.default().drug_properties.get(drug, "cyp3a4_inhibitor")
    assert value is not None and value[0] == strength
    assert "FDA" in value[1]


@pytest.mark.parametrize(("inhibitor", "_strength"), INHIBITORS)
@pytest.mark.parametrize("opioid", [
    "durogesic 25 mcg/h td q72h", "fentanyl 50 mcg/h td q72h", "oxycodone cr 20 mg po q12h",
    "oxycodone 5 mg po q4h", "methadone 5 mg po q8h",
])
def test_a_cyp3a4_cleared_opioid_with_any_new_inhibitor_warns(opioid, inhibitor, _strength):
    found = _run(f"{opioid} | {inhibitor}", opioid_tolerant=True)
    assert _severity(found, INHIBITOR) is Severity.WARNING


@pytest.mark.parametrize(("inhibitor", "_strength"), INHIBITORS)
@pytest.mark.parametrize("opioid", [
    "morphine 10 mg po q4h", "morphine sr 30 mg po q12h", "hydromorphone 2 mg po q4h",
])
def test_an_opioid_not_cleared_by_cyp3a4_is_not_flagged(opioid, inhibitor, _strength):
    found = _run(f"{opioid} | {inhibitor}", opioid_tolerant=True)
    assert _severity(found, INHIBITOR) is None


@pytest.mark.parametrize(("inhibitor", "strength"), INHIBITORS)
def test_oral_midazolam_and_quetiapine_follow_the_strength_their_labels_name(inhibitor, strength):
    # a contraindication is an error since the audit (fixseverity); a reduced dose a warning
    strong = Severity.ERROR if strength == "strong" else None
    midazolam = _run(f"midazolam 7.5 mg po at night | {inhibitor}")
    assert _severity(midazolam, "cyp3a4-inhibitor-contraindicated") is strong
    reduce = Severity.WARNING if strength == "strong" else None
    quetiapine = _run(f"quetiapine 50 mg po bid | {inhibitor}")
    assert _severity(quetiapine, "cyp3a4-inhibitor-reduce-dose") is reduce


@pytest.mark.parametrize(("inhibitor", "expected"), [
    ("itraconazole 100 mg po daily", Severity.ERROR),   # strong (an error since fixseverity)
    ("erythromycin 250 mg po qid", Severity.ERROR),     # named: "some macrolides (erythromycin"
    ("diltiazem 60 mg po tid", None),                     # moderate and not named
])
def test_domperidone_with_the_inhibitors_its_label_contraindicates(inhibitor, expected):
    found = _run(f"domperidone 10 mg po tid | {inhibitor}", market="uk")
    assert _severity(found, "cyp3a4-inhibitor-contraindicated") is expected


@pytest.mark.parametrize("brand", ["sporanox 200 mg po daily",
                                   "cardizem 60 mg po tid", "e-mycin 250 mg po qid"])
def test_the_brands_read_as_the_catalogue_drug(brand):
    found = _run(f"fentanyl 25 mcg/h td q72h | {brand}", opioid_tolerant=True)
    assert _severity(found, INHIBITOR) is Severity.WARNING
