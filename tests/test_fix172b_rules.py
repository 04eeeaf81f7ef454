"""Rules added after the second pass over held-out round 172 (fix172b).

- ``anticoagulant-antiplatelet`` (STOPP: an anticoagulant with an antiplatelet, "no added
  benefit" without a clear indication) steps down to information where the pair is a regimen
  the anticoagulant's own label gives (``drug_properties.csv`` ``antiplatelet_labelled_regimen``:
  rivaroxaban 2.5 mg twice daily with aspirin 75-100 mg/day, the Xarelto CAD/PAD regimen of
  COMPASS). Any other dose or frequency of the anticoagulant, another antiplatelet, aspirin
  outside the label's day range or a further antiplatelet or anticoagulant keeps the warning.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, check, parse_item
from mpsdose.clinical.safety import labelled_regimen
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Finding, Severity

CODE = "anticoagulant-antiplatelet"


def _run(items: str, market: str | None = None, **patient: object) -> list[Finding]:
    person = Patient(**{"age": 68, "weight_kg": 75, "crcl_ml_min": 70,  # type: ignore[arg-type]
                        "hepatic": "none", **patient})
    return check([parse_item(text) for text in items.split(" | ")], person, market=market)


def _severity(findings: list[Finding]) -> Severity | None:
    found = [f.severity for f in findings if f.code == CODE]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize("market", [None, "us", "uk", "eu", "au", "nz", "jp"])
@pytest.mark.parametrize(("items", "expected"), [
    # the label's regimen, at both ends of aspirin's day range and between them
    ("rivaroxaban 2.5 mg po bid | aspirin 100 mg po daily", Severity.INFO),
    ("rivaroxaban 2.5 mg po bid | aspirin 75 mg po daily", Severity.INFO),
    ("rivaroxaban 2.5 mg po q12h | aspirin 81 mg po daily", Severity.INFO),
    ("rivaroxaban 2.5 mg po bid | aspirin 100 mg po daily | pantoprazole 40 mg po daily",
     Severity.INFO),
    # aspirin outside 75-100 mg/day
    ("rivaroxaban 2.5 mg po bid | aspirin 150 mg po daily", Severity.WARNING),
    ("rivaroxaban 2.5 mg po bid | aspirin 300 mg po daily", Severity.WARNING),
    ("rivaroxaban 2.5 mg po bid | aspirin 50 mg po daily", Severity.WARNING),
    ("rivaroxaban 2.5 mg po bid | aspirin 100 mg po bid", Severity.WARNING),
    # another dose or frequency of rivaroxaban
    ("rivaroxaban 20 mg po daily | aspirin 100 mg po daily", Severity.WARNING),
    ("rivaroxaban 15 mg po bid | aspirin 100 mg po daily", Severity.WARNING),
    ("rivaroxaban 2.5 mg po daily | aspirin 100 mg po daily", Severity.WARNING),
    ("rivaroxaban 5 mg po bid | aspirin 100 mg po daily", Severity.WARNING),
    # another antiplatelet, or a second one, or another anticoagulant
    ("rivaroxaban 2.5 mg po bid | clopidogrel 75 mg po daily", Severity.WARNING),
    ("rivaroxaban 2.5 mg po bid | aspirin 100 mg po daily | clopidogrel 75 mg po daily",
     Severity.WARNING),
    ("apixaban 2.5 mg po bid | aspirin 100 mg po daily", Severity.WARNING),
    ("warfarin 5 mg po daily | aspirin 100 mg po daily", Severity.WARNING),
])
def test_label_regimen_steps_stopp_down(items: str, expected: Severity,
                                         market: str | None) -> None:
    assert _severity(_run(items, market)) is expected


def test_the_information_names_the_label_and_stopp() -> None:
    found = [f for f in _run("rivaroxaban 2.5 mg po bid | aspirin 100 mg po daily")
             if f.code == CODE]
    assert "label" in found[0].message and "75-100 mg/day" in found[0].message
    assert "Xarelto" in found[0].source and "STOPP" in found[0].source


@pytest.mark.parametrize(("value", "expected"), [
    ("2.5 mg twice daily with aspirin 75-100 mg/day", (2.5, 2.0, "aspirin", 75.0, 100.0)),
    ("10 mg once daily with clopidogrel 75-75 mg/day", (10.0, 1.0, "clopidogrel", 75.0, 75.0)),
    ("2.5 mg bid with aspirin 75-100 mg/day", None),
    ("2.5 mg twice daily with aspirin", None),
])
def test_labelled_regimen_reads_its_form(value: str, expected: object) -> None:
    assert labelled_regimen(value) == expected


def test_every_shipped_labelled_regimen_is_read() -> None:
    k = resolve(None)
    rows = [row for row in k.rows("drug_properties.csv")
            if row["property"] == "antiplatelet_labelled_regimen"]
    assert rows
    for row in rows:
        regimen = labelled_regimen(row["value"])
        assert regimen is not None, row["value"]
        assert k.catalogue.get(regimen[2]) is not None
