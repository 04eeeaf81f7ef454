"""Issue 13, two rules of rounds 44 and 48: a titration of the opioid product the previous regimen
already holds is judged by the titration rule, not against the naive start again (OF03, OB07);
and a move from a patch to its drug by injection is read through the patch label's statement of
what reaches the circulation (``patch_systemic_fraction``), not as the same mg by a stronger
route (OB36).

The patch rule's share here is tiny data of this file's own (the shipped rotation rules with the
fentanyl share halved), so that the rule is seen to read the data; it is not a clinical figure.
The titration step is the shipped ``opioid-titration-step`` (50%).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from mpsdose import Knowledge, Patient, Regimen, check
from mpsdose.model.findings import Finding, Severity
from tests.checking import own_severity

NAIVE = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none", opioid_tolerant=False)
TOLERANT = Patient(age=60, weight_kg=70, crcl_ml_min=90, hepatic="none", opioid_tolerant=True)
SHIPPED = Path(__file__).resolve().parents[1] / "data" / "rotation_rules.csv"


def _codes(items: list[str], previous: list[str] | None, patient: Patient,
           knowledge: Knowledge | None = None, market: str | None = "us") -> list[Finding]:
    return check(Regimen.parse(items), patient, market=market, knowledge=knowledge,
                 previous=None if previous is None else Regimen.parse(previous))


@pytest.mark.parametrize(("items", "previous", "warned"), [
    # 40 mg a dose: above the US morphine tablets' own start (15 to 30 mg every 4 hours), which
    # since fix8586 outranks the US start of every opioid (60 mg OME/day) for 20 mg four-hourly
    (["morphine ir 40 mg po q4h"], None, True),                         # a first opioid
    # fix8586: a scheduled opioid before makes the patient not opioid-naive (the switch rules judge)
    (["morphine ir 40 mg po q4h"], ["oxycodone ir 5 mg po q4h"], False),  # another opioid
    (["morphine ir 40 mg po q4h"], ["morphine ir 5 mg po q4h prn"], True),  # held only as needed
    (["morphine ir 40 mg po q4h"], ["morphine ir 15 mg po q4h"], False),  # a titration of it
])
def test_the_naive_start_judges_a_first_opioid_not_a_titration(items, previous, warned):
    found = [f for f in _codes(items, previous, NAIVE) if f.code == "opioid-naive-start"
             and own_severity(f) is not Severity.INFO]
    assert bool(found) is warned


def test_a_titration_beyond_the_step_is_still_flagged_by_the_titration_rule():
    found = _codes(["morphine ir 60 mg po q4h"], ["morphine ir 10 mg po q4h"], NAIVE)
    assert any(f.code == "opioid-titration-step" and f.severity is Severity.WARNING
               for f in found)


def _halved(tmp_path: Path) -> Knowledge:
    rows = list(csv.DictReader(SHIPPED.open(encoding="utf-8")))
    for row in rows:
        if row["rule"] == "patch_systemic_fraction" and row["drug"] == "fentanyl":
            row["value"] = "0.5"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (tmp_path / "rotation_rules.csv").write_text(out.getvalue(), encoding="utf-8")
    return Knowledge.load(tmp_path)


def _route(new: str, knowledge: Knowledge | None = None) -> list[Finding]:
    return [f for f in _codes([new], ["fentanyl 25 mcg/h td q72h"], TOLERANT, knowledge, "nz")
            if f.code == "opioid-route-change"]


@pytest.mark.parametrize(("new", "warned"), [
    ("fentanyl 0.6 mg/day sc continuous", False),  # what a 25 mcg/h patch delivers
    ("fentanyl 0.9 mg/day sc continuous", False),  # +50%: the titration step
    ("fentanyl 1 mg/day sc continuous", True),     # beyond the step
])
def test_a_patch_to_its_drug_by_injection_is_read_by_what_the_patch_delivers(new, warned):
    found = _route(new)
    assert [f.severity for f in found] == [Severity.WARNING if warned else Severity.INFO]
    assert "patch_systemic_fraction" in found[0].message
    assert "Durogesic" in found[0].source


def test_the_patch_share_is_read_from_the_data(tmp_path):
    # a patch that delivered half its rate delivers 0.3 mg/day at 25 mcg/h: 0.6 mg/day SC is +100%
    found = _route("fentanyl 0.6 mg/day sc continuous", _halved(tmp_path))
    assert [f.severity for f in found] == [Severity.WARNING]


def test_a_patch_of_a_drug_with_no_stated_share_is_a_route_change_as_before():
    found = [f for f in _codes(["buprenorphine 0.24 mg/day iv continuous"],
                               ["buprenorphine 10 mcg/h td q7d"], TOLERANT, None, "uk")
             if f.code == "opioid-route-change"]
    assert [f.severity for f in found] == [Severity.WARNING]
