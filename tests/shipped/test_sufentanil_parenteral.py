"""Parenteral sufentanil has a factor: ANZCA FPM's oMEDD table, 1 microgram a day = 2 mg OME.

Round 46's DD21 (IV morphine 60 mg/day switched to IV sufentanil 25 micrograms/h) was silent: no
table had a factor for sufentanil. The Faculty of Pain Medicine's table has one (its 2021 copy
strips the drug's name, its 2014 edition names it); read as a surveillance table it lets the
switch check see an unreduced switch to sufentanil, and no more than that.
"""

from __future__ import annotations

from mpsdose import Patient, Regimen, check
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.findings import Severity

TOLERANT = Patient(age=57, weight_kg=78, crcl_ml_min=90, hepatic="none", opioid_tolerant=True)
OLD = "morphine 60 mg/day iv continuous"  # 180 mg OME/day at ANZCA's parenteral morphine 3


def _switch_codes(new: str) -> set[str]:
    findings = check(Regimen.parse([new]), TOLERANT, previous=Regimen.parse([OLD]))
    return {f.code for f in findings if f.severity is not Severity.INFO}


def test_anzca_names_parenteral_sufentanil_with_factor_two() -> None:
    rows = [row for row in resolve(None).rows("opioid_equivalence.csv")
            if row["table"] == "anzca2021" and row["drug"] == "sufentanil"]
    read = [(str(getattr(row["route"], "value", row["route"])), float(row["factor"]))
            for row in rows]
    assert read == [("parenteral", 2.0)]
    assert all(row["grade"] == "S" and "2014" in row["source"] for row in rows)


def test_ten_times_the_equivalent_sufentanil_infusion_is_flagged() -> None:
    # 25 mcg/h = 600 mcg/day = 1200 mg OME against 180: the DD21 order.
    assert "equianalgesic-switch" in _switch_codes("sufentanil 25 mcg/h iv continuous")


def test_a_reduced_sufentanil_infusion_is_not_an_unreduced_switch() -> None:
    # 2.5 mcg/h = 60 mcg/day = 120 mg OME, two thirds of the old 180: reduced by a third.
    assert "equianalgesic-switch" not in _switch_codes("sufentanil 2.5 mcg/h iv continuous")
