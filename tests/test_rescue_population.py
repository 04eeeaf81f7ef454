"""A rescue source written for one population (``rotation_rules.csv`` ``population``).

Nelson's parenteral morphine protocol (half the hourly dose as the rescue of a continuous
infusion) is for opioid-tolerant patients. It excuses a small infusion rescue as information only
where the patient is tolerant, or where tolerance is not known and the finding says it assumed
it; in a patient recorded as opioid-naive the rescue is judged without it. JSPM's one hour's
amount names no population and applies to every patient.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose import Knowledge
from mpsdose.model.errors import DataError
from mpsdose.model.findings import Severity
from tests.checking import NAIVE, TOLERANT, UNKNOWN, header, knowledge_with, of
from tests.checking import found as _found

K = Knowledge.default()
# half an hour's amount of a 2 mg/h infusion: reaches Nelson's share, not JSPM's hour
HALF_HOUR = ["morphine 2 mg/h iv continuous", "morphine 1 mg iv q2h prn"]


def test_the_shipped_half_hour_source_is_for_tolerant_patients():
    rows = [r for r in K.rotation_rules.all("infusion_rescue_hours", "morphine")
            if r.bounds == (0.5, 0.5)]
    assert rows and all(r.population == "opioid-tolerant" for r in rows)
    # the hour's amount (JSPM) is for any patient
    assert any(r.population is None and r.bounds == (1.0, 1.0)
               for r in K.rotation_rules.all("infusion_rescue_hours", "morphine"))


@pytest.mark.parametrize("market", ["au", "us", None])
def test_a_naive_patients_half_hour_rescue_is_not_excused_by_the_tolerant_protocol(market):
    found = of(_found(HALF_HOUR, NAIVE, market=market), "rescue-share")
    assert [f.severity for f in found] == [Severity.WARNING]
    assert all("Nelson" not in f.source for f in found)


def test_a_tolerant_patients_half_hour_rescue_is_the_infusions_own():
    found = of(_found(HALF_HOUR, TOLERANT, market="au"), "rescue-share")
    assert [f.severity for f in found] == [Severity.INFO]
    assert "Nelson" in found[0].source
    assert "assumed" not in found[0].message


def test_where_tolerance_is_not_known_the_finding_says_it_assumed_it():
    found = of(_found(HALF_HOUR, UNKNOWN, market="au"), "rescue-share")
    assert [f.severity for f in found] == [Severity.INFO]
    assert "opioid-tolerant" in found[0].message and "assumed" in found[0].message


def test_a_full_hours_rescue_is_information_for_a_naive_patient_too():
    # one hour's amount: JSPM's rescue, which names no population
    found = of(_found(["morphine 2 mg/h iv continuous", "morphine 2 mg iv q1h prn"], NAIVE,
                      market="au"), "rescue-share")
    assert [f.severity for f in found] in ([], [Severity.INFO])


def test_an_unknown_population_is_refused(tmp_path: Path):
    rows = header("rotation_rules") + (
        "infusion_rescue_hours,morphine,0.5,,,h,,Test source [P],P,,ventilated\n")
    with pytest.raises(DataError, match="population"):
        knowledge_with(tmp_path, rotation_rules=rows).rotation_rules  # noqa: B018
