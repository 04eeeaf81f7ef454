"""Issue 13, held-out rounds 175 and 176 (fix175): night-time sedation.

- Trazodone: the US label's maximum is 400 mg/day for outpatients and 600 mg/day for inpatients.
  In the community (an outpatient) the 400 mg/day maximum applies as a warning (the label's
  "usually should not exceed", ``setting_limits.csv``); in hospital, and where the setting is
  not given, only the 600 mg/day licence row. A setting's row stricter than the licence row
  stands beside it: above 600 mg/day stays an error in the community too.
- Oral promethazine: the largest single oral dose the UK SmPC and the US label print (50 mg,
  night-time sedation) is a warning above it, in the UK and the US; at or below it is quiet.
These tests read the shipped rows.
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check
from mpsdose.model.findings import Severity


def _limits(items: list[str], market: str | None, setting: str | None = None,
            drug: str = "trazodone") -> list[Severity]:
    patient = Patient(age=60, weight_kg=75, crcl_ml_min=85, hepatic="none", setting=setting)
    return sorted((f.severity for f in check(Regimen.parse(items), patient, market=market)
                   if f.code.startswith(drug) and "max" in f.code
                   and f.severity is not Severity.INFO), key=lambda s: s.value)


@pytest.mark.parametrize("dose", ["450 mg po at night", "250 mg po bid", "500 mg po at night",
                                  "200 mg po tid"])
@pytest.mark.parametrize("market", ["us", None])
def test_trazodone_above_the_outpatient_maximum_in_the_community_warns(dose, market):
    assert _limits([f"trazodone {dose}"], market, "community") == [Severity.WARNING]


@pytest.mark.parametrize("dose", ["50 mg po at night", "100 mg po at night", "200 mg po bid",
                                  "400 mg po at night"])
@pytest.mark.parametrize("setting", ["community", "hospital", None])
def test_trazodone_within_the_outpatient_maximum_is_quiet(dose, setting):
    assert _limits([f"trazodone {dose}"], "us", setting) == []


@pytest.mark.parametrize("dose", ["500 mg po at night", "300 mg po bid", "600 mg po at night"])
@pytest.mark.parametrize("setting", ["hospital", "palliative", "long-term-care", None])
def test_trazodone_up_to_the_inpatient_maximum_outside_the_community_is_quiet(dose, setting):
    assert _limits([f"trazodone {dose}"], "us", setting) == []


@pytest.mark.parametrize("market", ["uk", "jp", "au"])
def test_the_outpatient_maximum_is_the_us_label_s(market):
    assert _limits(["trazodone 500 mg po at night"], market, "community") == []


@pytest.mark.parametrize("dose", ["700 mg po at night", "400 mg po bid"])
@pytest.mark.parametrize("setting", ["community", "hospital", None])
def test_trazodone_above_the_inpatient_maximum_stays_an_error_in_every_setting(dose, setting):
    assert Severity.ERROR in _limits([f"trazodone {dose}"], "us", setting)


@pytest.mark.parametrize("dose", ["75 mg", "100 mg", "150 mg", "500 mg"])
@pytest.mark.parametrize("market", ["uk", "us"])
def test_an_oral_promethazine_dose_above_50_mg_warns(dose, market):
    assert _limits([f"promethazine {dose} po at night"], market, "community",
                   drug="promethazine") == [Severity.WARNING]


@pytest.mark.parametrize("dose", ["10 mg po tid", "25 mg po at night", "50 mg po at night",
                                  "25 mg po q6h prn"])
@pytest.mark.parametrize("market", ["uk", "us"])
def test_an_oral_promethazine_dose_up_to_50_mg_is_quiet(dose, market):
    assert _limits([f"promethazine {dose}"], market, "community", drug="promethazine") == []
