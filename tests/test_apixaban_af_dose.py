"""A label's reduced dose for patients with two characteristics together: a ``dose_limits.csv``
row with a second band (``and_condition``) applies only where the patient is in both (issue 13,
round 108 AJ35: apixaban 5 mg twice daily at 86 years and 42 kg).

The apixaban labels reduce the NVAF dose to 2.5 mg twice daily in patients with at least two of
age >=80 years, body weight <=60 kg and serum creatinine >=1.5 mg/dL. mpsdose has no serum
creatinine: age >=80 and weight <=60 kg are two criteria whatever it is, so a day above 5 mg is a
warning that asks for the indication (DVT/PE treatment is not reduced); one criterion alone says
nothing. The first tests use tiny data of this file's own (the numbers make each boundary
obvious, they are not clinical figures); the last ones the shipped row.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mpsdose import Knowledge, Patient, Regimen, check
from mpsdose.model.errors import MpsdoseError
from tests.checking import header, knowledge_with

# the shipped columns, the second band and caveat among them (not the later dose per kg)
HEADER = header("dose_limits", omit=("max_single_mg_per_kg",))
#: a general maximum, and a lower one for the old and light together
JOINT = HEADER + (
    "apixaban,oral,,any,,,10,20,,,,,,General test label [P],P,,,,\n"
    "apixaban,oral,,age,\"[80, )\",,,5,,,,,warning,Joint test label [P],P,,weight_kg,\"(, 60]\","
    "confirm the indication\n")


def _knowledge(tmp_path: Path, text: str = JOINT) -> Knowledge:
    return knowledge_with(tmp_path, dose_limits=text)


def _apixaban(k: Knowledge | None, item: str, patient: Patient,
              market: str | None = None) -> dict[str, str]:
    found = check(Regimen.parse([item]), patient, knowledge=k, market=market)
    return {f.code: f.severity.value for f in found
            if f.code.startswith("apixaban-") or f.code == "limit-not-checked"}


@pytest.mark.parametrize(("age", "weight", "warned"), [
    (86, 42, True), (80, 60, True),     # both criteria, at their edges
    (79, 42, False),                    # young enough: one criterion
    (86, 61, False),                    # heavy enough: one criterion
    (60, 90, False),                    # neither
])
def test_the_reduced_day_needs_both_bands(tmp_path, age, weight, warned):
    found = _apixaban(_knowledge(tmp_path), "apixaban 5 mg po bid",
                      Patient(age=age, weight_kg=weight, crcl_ml_min=70))
    assert (found.get("apixaban-above-max") == "warning") is warned


@pytest.mark.parametrize(("item", "expected"), [
    ("apixaban 5 mg po bid", "warning"),
    ("apixaban 10 mg po bid", "warning"),   # within the general maximum, above the joint one
    ("apixaban 2.5 mg po bid", None),        # the reduced dose
    ("apixaban 2.5 mg po daily", None),
])
def test_doses_on_both_sides_of_the_reduced_day(tmp_path, item, expected):
    found = _apixaban(_knowledge(tmp_path), item, Patient(age=90, weight_kg=50))
    assert found.get("apixaban-above-max") == expected


@pytest.mark.parametrize(("age", "weight", "unknown"), [
    (86, None, "weight"),    # one band met, the other not given: said as not checked
    (None, 42, "age"),
])
def test_one_band_met_and_the_other_not_given_is_information(tmp_path, age, weight, unknown):
    found = check(Regimen.parse(["apixaban 5 mg po bid"]), Patient(age=age, weight_kg=weight),
                  knowledge=_knowledge(tmp_path))
    assert not [f for f in found if f.code == "apixaban-above-max"]
    [info] = [f for f in found if f.code == "limit-not-checked"]
    assert info.severity.value == "info" and f"{unknown} not given" in info.message


@pytest.mark.parametrize(("age", "weight"), [(None, None), (70, None), (None, 75)])
def test_nothing_known_to_be_met_says_nothing(tmp_path, age, weight):
    found = _apixaban(_knowledge(tmp_path), "apixaban 5 mg po bid",
                      Patient(age=age, weight_kg=weight))
    assert found == {}


def test_the_finding_names_both_bands_and_the_caveat(tmp_path):
    found = check(Regimen.parse(["apixaban 5 mg po bid"]), Patient(age=86, weight_kg=42),
                  knowledge=_knowledge(tmp_path))
    [above] = [f for f in found if f.code == "apixaban-above-max"]
    assert "age ≥80 years and weight ≤60 kg" in above.message
    assert "confirm the indication" in above.message and "Joint test label" in above.source


@pytest.mark.parametrize("row", [
    # a second condition without its band, and a band without its condition
    "apixaban,oral,,age,\"[80, )\",,,5,,,,,warning,T [P],P,,weight_kg,,\n",
    "apixaban,oral,,age,\"[80, )\",,,5,,,,,warning,T [P],P,,,\"(, 60]\",\n",
    # the same kind twice, and a second band on a row of no band
    "apixaban,oral,,age,\"[80, )\",,,5,,,,,warning,T [P],P,,age,\"[90, )\",\n",
    "apixaban,oral,,any,,,,5,,,,,warning,T [P],P,,weight_kg,\"(, 60]\",\n",
])
def test_a_second_band_is_a_second_kind_of_band(tmp_path, row):
    with pytest.raises(MpsdoseError):
        _ = _knowledge(tmp_path, HEADER + row).dose_limits


# -- the shipped row (round 108 AJ35) -----------------------------------------------------------
@pytest.mark.parametrize("market", [None, "jp", "us", "eu", "uk"])
@pytest.mark.parametrize(("age", "weight", "item", "warned"), [
    (86, 42, "eliquis 5 mg po bid", True),
    (80, 60, "apixaban 5 mg po bid", True),
    (86, 42, "apixaban 2.5 mg po bid", False),
    (79, 42, "apixaban 5 mg po bid", False),
    (86, 61, "apixaban 5 mg po bid", False),
])
def test_the_shipped_nvaf_reduction(market, age, weight, item, warned):
    found = _apixaban(None, item, Patient(age=age, weight_kg=weight, crcl_ml_min=35), market)
    assert (found.get("apixaban-above-max") == "warning") is warned
    assert "error" not in found.values()  # the indication is not known: never an error


def test_the_shipped_joint_rows_are_sourced_and_banded():
    rows = [row for row in Knowledge.default().dose_limits if row.and_condition is not None]
    assert rows
    for row in rows:
        # a band of the day's dose may carry a patient band too (enoxaparin's prophylaxis below
        # CrCl 30, fixdata2)
        assert row.condition in ("age", "weight_kg", "crcl_ml_min", "daily_dose") and row.source
        assert not row.and_band.unbounded and row.caveat
