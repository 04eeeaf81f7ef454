"""Oral aspirin and dabigatran are judged by their labels' maxima (issue 13, fixaspdab).

Both drugs were in the catalogue with interaction rules but no general dose row, so an order of
either came back ``dose-not-checked``. The shipped rows now give, market by market:

- aspirin: the analgesic/antipyretic ceiling (US 4 g a day; UK 900 mg a dose and 4 g a day;
  Japan 1.5 g a dose and 4.5 g a day). The antiplatelet range sits far below and the indication
  is not known, so an antiplatelet day is never judged against it;
- dabigatran: at most 220 mg a dose (the once-daily orthopaedic dose) and 300 mg a day (150 mg
  twice daily) in every market, 150 mg a dose in Japan (AF only); below CrCl 30 mL/min the EU,
  UK, AU and Japanese labels contraindicate it, the US label gives 75 mg twice daily down to 15;
  from 80 years the EU dose is 110 mg twice daily (a warning).
"""

from __future__ import annotations

import pytest

from mpsdose import Patient, Regimen, check


def _codes(item: str, patient: Patient, market: str | None) -> dict[str, str]:
    found = check(Regimen.parse([item]), patient, market=market)
    return {f.code: f.severity.value for f in found
            if (f.code.startswith(("aspirin-", "dabigatran-")) and f.severity.value != "info")
            or f.code == "dose-not-checked"}


ADULT = Patient(age=60, weight_kg=75, crcl_ml_min=90, hepatic="none")


@pytest.mark.parametrize("market", ["us", "uk", "eu", "au", "nz", "jp", None])
@pytest.mark.parametrize("item", ["aspirin 75 mg po daily", "aspirin 100 mg po daily",
                                  "aspirin 81 mg po daily", "aspirin 300 mg po daily"])
def test_an_antiplatelet_day_is_checked_and_silent(item: str, market: str | None) -> None:
    assert _codes(item, ADULT, market) == {}


@pytest.mark.parametrize(("item", "market"), [
    ("aspirin 650 mg po q4h", "us"),      # 3.9 g: the top of the OTC directions
    ("aspirin 900 mg po q6h", "uk"),      # 3.6 g, 900 mg a dose
    ("aspirin 1500 mg po tid", "jp"),     # 4.5 g, 1.5 g a dose
])
def test_the_analgesic_maximum_is_allowed(item: str, market: str) -> None:
    assert _codes(item, ADULT, market) == {}


def test_us_day_of_4_g_is_allowed() -> None:
    # 4 g a day is the US ceiling; the US sources give no single-dose maximum above 975 mg, so a
    # 1,000 mg dose meets at most another market's single-dose maximum, as a warning
    codes = _codes("aspirin 1000 mg po q6h", ADULT, "us")
    assert "aspirin-above-max" not in codes
    assert set(codes.values()) <= {"warning"}


@pytest.mark.parametrize(("item", "market", "code"), [
    ("aspirin 1000 mg po q4h", "us", "aspirin-above-max"),             # 6 g a day
    ("aspirin 900 mg po q4h", "uk", "aspirin-above-max"),              # 5.4 g a day
    ("aspirin 1200 mg po q8h", "uk", "aspirin-single-dose-above-max"),  # 1.2 g a dose
    ("aspirin 1000 mg po q4h", "jp", "aspirin-above-max"),             # 6 g a day
    ("aspirin 2000 mg po bid", "jp", "aspirin-single-dose-above-max"),
])
def test_above_the_analgesic_maximum_is_flagged(item: str, market: str, code: str) -> None:
    assert _codes(item, ADULT, market).get(code) in ("warning", "error")


@pytest.mark.parametrize("market", ["us", "uk", "eu", "au", "nz", "jp", None])
@pytest.mark.parametrize("item", ["dabigatran 150 mg po bid", "dabigatran 110 mg po bid"])
def test_the_af_dose_is_checked_and_silent(item: str, market: str | None) -> None:
    assert _codes(item, ADULT, market) == {}


@pytest.mark.parametrize("market", ["us", "uk", "eu", "au"])
def test_the_orthopaedic_once_daily_dose_is_allowed(market: str | None) -> None:
    assert _codes("dabigatran 220 mg po daily", ADULT, market) == {}


def test_japan_has_no_220_mg_dose() -> None:
    assert "dabigatran-single-dose-above-max" in _codes("dabigatran 220 mg po daily", ADULT, "jp")


@pytest.mark.parametrize("market", ["us", "uk", "eu", "au", "jp", None])
@pytest.mark.parametrize("item", ["dabigatran 150 mg po tid", "dabigatran 300 mg po bid"])
def test_above_300_mg_a_day_is_flagged(item: str, market: str | None) -> None:
    codes = _codes(item, ADULT, market)
    assert codes.get("dabigatran-above-max") in ("warning", "error")


@pytest.mark.parametrize("market", ["uk", "eu", "au", "jp"])
@pytest.mark.parametrize("crcl", [29, 20, 10])
def test_contraindicated_below_crcl_30(market: str, crcl: int) -> None:
    patient = Patient(age=70, weight_kg=75, crcl_ml_min=crcl, hepatic="none")
    assert "dabigatran-avoid" in _codes("dabigatran 110 mg po bid", patient, market)


@pytest.mark.parametrize("market", ["uk", "eu", "au", "jp", "us"])
def test_at_crcl_30_the_usual_dose_stands(market: str) -> None:
    patient = Patient(age=70, weight_kg=75, crcl_ml_min=30, hepatic="none")
    assert _codes("dabigatran 150 mg po bid", patient, market) == {}


def test_us_doses_75_mg_twice_daily_from_crcl_15_to_30() -> None:
    patient = Patient(age=70, weight_kg=75, crcl_ml_min=20, hepatic="none")
    assert _codes("dabigatran 75 mg po bid", patient, "us") == {}
    assert _codes("dabigatran 150 mg po bid", patient, "us")
    below = Patient(age=70, weight_kg=75, crcl_ml_min=10, hepatic="none")
    assert _codes("dabigatran 75 mg po bid", below, "us")


@pytest.mark.parametrize(("age", "item", "flagged"), [
    (79, "dabigatran 150 mg po bid", False),
    (80, "dabigatran 150 mg po bid", True),
    (85, "dabigatran 150 mg po bid", True),
    (85, "dabigatran 110 mg po bid", False),
])
def test_eu_reduces_the_dose_from_80_years(age: int, item: str, flagged: bool) -> None:
    patient = Patient(age=age, weight_kg=70, crcl_ml_min=60, hepatic="none")
    codes = _codes(item, patient, "eu")
    assert ("dabigatran-above-max" in codes) is flagged
    if flagged:
        assert codes["dabigatran-above-max"] == "warning"
