"""A drug's label caps a partner's dose: a ``dose_limits.csv`` row of condition ``with_drug``
applies only where the regimen lists the partner (issue 13, round 81 ZC37: the ticagrelor labels'
maintenance aspirin). Tiny data of this file's own: the numbers make each boundary obvious, they
are not clinical figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mpsdose import Knowledge, Patient, Regimen, check
from mpsdose.model.errors import MpsdoseError

PATIENT = Patient(age=66, weight_kg=80, crcl_ml_min=75, hepatic="none")
HEADER = ("drug,route,release,condition,condition_band,condition_value,max_single_mg,max_daily_mg,"
          "max_daily_mg_per_kg,max_days,scope,market,severity,source,grade,notes\n")
#: one market's label allows less of the partner than another's
PARTNER = HEADER + (
    "aspirin,oral,,with_drug,,ticagrelor,,100,,,,us,warning,US test label [P],P,\n"
    "aspirin,oral,,with_drug,,ticagrelor,,150,,,,uk,warning,UK test label [P],P,\n")


def _knowledge(tmp_path: Path, text: str = PARTNER) -> Knowledge:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "dose_limits.csv").write_text(text, encoding="utf-8")
    return Knowledge.load(tmp_path)


def _aspirin(k: Knowledge | None, items: list[str], market: str | None) -> dict[str, str]:
    found = check(Regimen.parse(items), PATIENT, knowledge=k, market=market)
    return {f.code: f.severity.value for f in found if f.code.startswith("aspirin-")}


@pytest.mark.parametrize(("dose", "market", "expected"), [
    (300, "us", "warning"), (300, "uk", "warning"), (300, "au", "warning"), (300, None, "warning"),
    (150, "us", "warning"),   # above the US label, the only one with --market us
    (150, "uk", None),        # at the UK label's top: information at most
    (150, "au", "info"),      # no AU row: within one borrowed label, above the other
    (100, "us", None), (100, "uk", None), (75, "au", None),
])
def test_the_partner_label_caps_the_dose(tmp_path, dose, market, expected):
    found = _aspirin(_knowledge(tmp_path), ["ticagrelor 90 mg po bid",
                                            f"aspirin {dose} mg po daily"], market)
    above = found.get("aspirin-above-max")
    assert above == expected


def test_without_the_partner_the_row_is_silent(tmp_path):
    found = _aspirin(_knowledge(tmp_path), ["aspirin 300 mg po daily"], "us")
    assert "aspirin-above-max" not in found


def test_the_finding_names_the_partner(tmp_path):
    found = check(Regimen.parse(["ticagrelor 90 mg po bid", "aspirin 300 mg po daily"]), PATIENT,
                  knowledge=_knowledge(tmp_path), market="us")
    [above] = [f for f in found if f.code == "aspirin-above-max"]
    assert "use with ticagrelor" in above.message and "US test label" in above.source


@pytest.mark.parametrize("row", [
    "aspirin,oral,,with_drug,,,,100,,,,us,warning,Test [P],P,\n",           # no partner
    "aspirin,oral,,with_drug,,aspirin,,100,,,,us,warning,Test [P],P,\n",    # itself
])
def test_a_with_drug_row_names_another_drug(tmp_path, row):
    with pytest.raises(MpsdoseError):
        _ = _knowledge(tmp_path, HEADER + row).dose_limits


@settings(deadline=None, max_examples=20)
@given(dose=st.integers(10, 400))
def test_a_warning_exactly_above_the_chosen_markets_partner_maximum(tmp_path_factory, dose):
    k = _knowledge(tmp_path_factory.mktemp("partner"))
    found = _aspirin(k, ["ticagrelor 90 mg po bid", f"aspirin {dose} mg po daily"], "us")
    assert (found.get("aspirin-above-max") == "warning") is (dose > 100)


# -- the shipped rows (round 81 ZC37) -----------------------------------------------------------
@pytest.mark.parametrize(("dose", "market", "warned"), [
    (300, "uk", True), (300, "us", True), (300, "eu", True), (300, "au", True), (300, "jp", True),
    (150, "us", True), (150, "uk", False), (150, "eu", False), (100, "us", False),
    (100, "uk", False),
])
def test_the_shipped_ticagrelor_labels(dose, market, warned):
    found = _aspirin(None, ["ticagrelor 90 mg po bid", f"aspirin {dose} mg po daily"], market)
    assert (found.get("aspirin-above-max") == "warning") is warned


def test_every_shipped_partner_is_a_catalogue_drug():
    k = Knowledge.default()
    partners = [row.value for row in k.dose_limits if row.condition == "with_drug"]
    assert partners
    assert all(p in k.catalogue.drugs for p in partners)
