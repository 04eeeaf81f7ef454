"""The shipped row behind the sixty-sixth held-out round's fix (issue 13), typed again from the
text it quotes (double entry): clonazepam's caution with CYP3A4 inhibitors; and the orders it
judges."""

from __future__ import annotations

from mpsdose import Patient
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Severity
from tests.checking import found as _found
from tests.checking import severities as _severities

K = resolve(None)
PATIENT = Patient(age=70, weight_kg=60, crcl_ml_min=60, hepatic="none", opioid_tolerant=False)


def test_clonazepam_asks_for_caution_with_cyp3a_inhibitors_by_its_label():
    # US clonazepam label: 'inhibitors of this enzyme system, notably oral antifungal agents,
    # should be used cautiously in patients receiving clonazepam'
    value, source = K.drug_properties.get("clonazepam", "cyp3a4_inhibitor_caution")
    assert value == "moderate" and "notably oral antifungal agents" in source
    assert K.drug_properties.get("clonazepam", "cyp3a4_inhibitor_contraindicated") is None
    assert K.drug_properties.get("clonazepam", "cyp3a4_inhibitor_reduce_dose") is None


def test_clonazepam_with_fluconazole_or_clarithromycin_is_a_warning_alone_it_is_not():
    for inhibitor in ("fluconazole 400 mg po daily", "clarithromycin 500 mg po bid"):
        both = _found(["clonazepam 0.5 mg sc q12h", inhibitor], PATIENT)
        assert _severities(both, "cyp3a4-inhibitor-caution") == [Severity.WARNING]
    alone = _found(["clonazepam 0.5 mg sc q12h"], PATIENT)
    assert not _severities(alone, "cyp3a4-inhibitor-caution")
