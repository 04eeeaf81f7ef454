"""Rules of fix152 (issue 13, held-out round 152), stated generally.

Carbamazepine by mouth is judged against its labelled daily maxima by market
(``data/dose_limits.csv``; second readings in ``tests/data/dose_limits_check.csv``): the Tegretol
US label (generally not above 1200 mg/day, up to 1600 mg/day in rare instances), an EU-style SmPC
(up to 2000 mg/day) and the Japanese テグレトール insert (up to 1200 mg/day). A market without a
row of its own (au, nz, uk) is judged by the others' rows, as warnings.
"""
from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check


def _codes(text: str, market: str) -> dict[str, str]:
    findings = check(Regimen.parse([text]), Patient(age=60, weight_kg=70), market=market)
    return {f.code: f.severity.value for f in findings if "carbamazepine" in f.code
            or (f.code == "dose-not-checked" and "carbamazepine" in f.message)}


ORDINARY = ["carbamazepine 100 mg po bid", "carbamazepine 200 mg po bid",
            "carbamazepine 200 mg po tid", "carbamazepine 400 mg po bid"]


@pytest.mark.parametrize("market", ["us", "eu", "jp", "uk", "au", "nz"])
@pytest.mark.parametrize("text", ORDINARY)
def test_usual_carbamazepine_days_are_quiet_and_checked(text, market):
    # 200-800 mg/day: below every market's maximum, and no longer "dose-not-checked"
    assert _codes(text, market) == {}


@pytest.mark.parametrize("market", ["us", "jp", "uk", "nz"])
def test_the_labelled_1200_mg_day_is_information_at_most(market):
    codes = _codes("carbamazepine 400 mg po tid", market)
    assert set(codes.values()) <= {"info"}


@pytest.mark.parametrize(("text", "market", "severity"), [
    ("carbamazepine 800 mg po tid", "us", "error"),    # 2400 > US 1600
    ("carbamazepine 600 mg po tid", "us", "error"),    # 1800 > US 1600
    ("carbamazepine 400 mg po qid", "us", "warning"),  # 1600: above the usual 1200, at the top
    ("carbamazepine 800 mg po tid", "jp", "error"),    # 2400 > JP 1200
    ("carbamazepine 500 mg po tid", "jp", "error"),    # 1500 > JP 1200
    ("carbamazepine 800 mg po tid", "eu", "error"),    # 2400 > EU 2000
    ("carbamazepine 800 mg po tid", "nz", "warning"),  # no nz row: the others', as warnings
    ("carbamazepine 800 mg po tid", "au", "warning"),
])
def test_carbamazepine_above_a_labelled_maximum_is_flagged(text, market, severity):
    codes = _codes(text, market)
    assert codes.get("carbamazepine-above-max") == severity, codes


def test_eu_day_between_1200_and_2000_is_within_its_smpc():
    # the SmPC allows 1600-2000 mg/day in some instances: no error in the EU
    codes = _codes("carbamazepine 600 mg po tid", "eu")
    assert "error" not in codes.values(), codes
