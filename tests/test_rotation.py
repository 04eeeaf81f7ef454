"""Opioid rotation: worked examples, the safety laws (hypothesis), rescue and titration."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mpsdose import (
    Patient,
    Regimen,
    RotationError,
    check_rescue,
    conversion_table,
    convert,
    parse_item,
    titrate,
)
from mpsdose.cli import main
from mpsdose.clinical.dosing import round_down


def regimen(*items):
    return Regimen.parse(items)


# Worked examples. Expected values are worked by hand from the cited table rows:
# spcg: oxycodone oral 2, morphine oral 1, morphine SC 2, hydromorphone SC 10 (10–15),
# fentanyl TD 2.4–5 per mcg/h; default reduction 25–50% (Fine & Portenoy 2009);
# duragesic-us: oral morphine 60–134 mg/day → 25 mcg/h.
def test_oxycodone_60_oral_to_oral_morphine():
    result = convert(regimen("oxycodone 60 mg/day"), "morphine po")
    assert result.ome == pytest.approx((120, 120))  # 60 × 2 (SPCG)
    assert result.equianalgesic == pytest.approx((120, 120))
    assert result.reduced == pytest.approx((60, 90))  # 120 × (1 − 0.5) … 120 × (1 − 0.25)
    assert result.daily[0] <= 60 and result.daily[1] <= 90
    assert result.target.drug.name == "morphine"


def test_oxycodone_60_oral_to_oral_morphine_jspm():
    result = convert(regimen("oxycodone 60 mg/day"), "morphine po", table="jspm2010")
    assert result.ome == pytest.approx((90, 90))  # 60 × 1.5 (JSPM 2010: oxycodone 20 ≡ 30)
    assert result.reduced == pytest.approx((45, 67.5))


def test_morphine_90_oral_to_fentanyl_patch_25():
    result = convert(regimen("morphine 90 mg/day"), "fentanyl patch")
    assert result.unit == "mcg/h"
    assert result.daily == (25, 25)  # Duragesic label: 60–134 mg/day → 25 mcg/h
    assert result.schedule.value == 72
    assert result.bidirectional is False
    assert result.rescue is not None and result.rescue.drug.name == "morphine"


def test_fentanyl_patch_100_to_sc_hydromorphone_with_reduction():
    result = convert(regimen("fentanyl 100 mcg/h td"), "hydromorphone sc")
    assert result.ome == pytest.approx((240, 500))  # 100 × 2.4 … 100 × 5
    # equianalgesic: 240 / 15 … 500 / 10; reduced 25–50%
    assert result.equianalgesic == pytest.approx((16, 50))
    assert result.reduced == pytest.approx((240 * 0.5 / 15, 500 * 0.75 / 10))
    assert result.schedule.kind.value == "continuous"
    assert result.bidirectional is False


def test_oral_to_sc_morphine_is_a_route_change_without_reduction():
    result = convert(regimen("morphine 60 mg/day"), "morphine sc")
    assert result.reduction == (0, 0)
    assert result.reduced == pytest.approx((30, 30))  # SPCG: oral ÷ 2
    assert result.daily[1] <= 30


def test_dose_unknown_is_an_error_naming_the_item():
    with pytest.raises(RotationError, match="fentanyl iv continuous dose unknown"):
        convert(regimen("fentanyl iv continuous dose unknown"), "morphine sc")


def test_mme_tables_are_refused_for_rotation():
    with pytest.raises(RotationError, match="surveillance"):
        convert(regimen("oxycodone 20 mg/day"), "morphine po", table="cdc2022")
    with pytest.raises(RotationError, match="surveillance"):
        convert(regimen("oxycodone 20 mg/day"), "morphine po", table=conversion_table("nihheal"))


def test_missing_factor_names_the_tables_that_have_one():
    with pytest.raises(RotationError, match="pdq"):
        convert(regimen("oxycodone 20 mg/day"), "fentanyl iv")  # spcg has no IV fentanyl


def test_transmucosal_fentanyl_is_titrated_not_converted():
    with pytest.raises(RotationError, match="lowest strength"):
        convert(regimen("morphine 60 mg/day"), "fentanyl buccal")


def test_methadone_goes_to_its_own_command():
    with pytest.raises(RotationError, match="methadone"):
        convert(regimen("morphine 60 mg/day"), "methadone po")


def test_conversion_from_methadone_is_refused_not_inverted():
    with pytest.raises(RotationError, match="own direction"):
        convert(regimen("methadone 10 mg po q8h"), "morphine po")


def test_a_users_own_rotation_table_is_accepted(tmp_path):
    from mpsdose import load_table_file

    path = tmp_path / "ours.csv"
    path.write_text("table,drug,route,form,unit,factor,source\n"
                    "ours,oxycodone,oral,,mg/day,1.5,local formulary\n"
                    "ours,morphine,oral,,mg/day,1,local formulary\n")
    (table,) = load_table_file(path, purpose="rotation").values()
    result = convert(regimen("oxycodone 40 mg/day"), "morphine po", table=table)
    assert result.ome == pytest.approx((60, 60))
    (mme,) = load_table_file(path).values()
    with pytest.raises(RotationError):
        convert(regimen("oxycodone 40 mg/day"), "morphine po", table=mme)


def test_patch_below_the_label_table_is_refused():
    # below the smallest patch: the input was understood (NoGivableDoseError, exit 1), and the
    # message says what to do (audit finding 11)
    with pytest.raises(RotationError, match=r"below the smallest patch.*Stay on"):
        convert(regimen("oxycodone 20 mg/day"), "fentanyl patch")


def test_patch_for_an_opioid_naive_patient_is_an_error_finding():
    result = convert(Regimen.parse(["morphine 90 mg/day"], patient=Patient(opioid_tolerant=False)),
                     "fentanyl patch")
    assert "patch-opioid-naive" in {f.code for f in result.findings}


def test_takamatsu_case_3_switch_cannot_be_computed_from_the_paper():
    # The paper gives no oxycodone dose at the switch to IV fentanyl: the switch state carries
    # "dose unknown" and a conversion from it must refuse.
    with pytest.raises(RotationError, match="dose unknown"):
        convert(regimen("fentanyl iv continuous dose unknown"), "oxycodone po")


# -- rescue check and titration --------------------------------------------------------------
def test_takamatsu_case_1_rescue_share():
    # 5 mg against oxycodone 20 mg/day is 25%; unchanged against 60 mg/day it is 8.3%
    admission = check_rescue(regimen("oxycodone 20 mg/day", "rescue oxycodone 5 mg prn"))
    titrated = check_rescue(regimen("oxycodone 60 mg/day", "rescue oxycodone 5 mg prn"))
    assert "25%" in admission[0].message
    assert "8.33%" in titrated[0].message
    assert check_rescue(regimen("oxycodone 60 mg/day", "rescue oxycodone 10 mg prn")) == []


def test_titration_step_and_rescue_used():
    step = titrate(regimen("oxycodone er 10 mg po q12h"))
    assert step.next_daily == pytest.approx((25, 30))  # +25–50% of 20 mg/day
    used = titrate(regimen("oxycodone er 10 mg po q12h"), rescue_used_mg=5)
    assert used.next_daily == pytest.approx((25, 25))  # 20 + 5, within +50%
    capped = titrate(regimen("oxycodone er 10 mg po q12h"), rescue_used_mg=40)
    assert capped.next_daily == pytest.approx((30, 30))  # not above +50%


# -- rounding ----------------------------------------------------------------------------------
@given(st.floats(min_value=0, max_value=2000),
       st.lists(st.sampled_from([2.5, 5, 10, 12, 15, 20, 25, 30, 37.5, 60, 100]), min_size=1,
                max_size=5))
def test_rounding_never_increases(amount, units):
    assert 0 <= round_down(amount, sorted(set(units))) <= amount + 1e-9


def test_rounding_combines_units():
    assert round_down(45, [15, 30, 60]) == 45
    assert round_down(44.9, [15, 30, 60]) == 30
    assert round_down(10, [15, 30]) == 0


# -- laws --------------------------------------------------------------------------------------
ORAL = st.sampled_from(["morphine", "oxycodone", "hydromorphone"])
TARGETS = st.sampled_from(["morphine po", "oxycodone po", "hydromorphone po", "morphine sc",
                           "oxycodone sc", "hydromorphone sc", "fentanyl patch"])
DOSES = st.integers(min_value=10, max_value=400).map(float)


def _convert(drug, dose, target, route="po", **kwargs):
    try:
        return convert(regimen(f"{drug} {dose!r} mg/day {route}"), target, **kwargs)
    except RotationError:
        assume(False)
        raise


@given(ORAL, DOSES, TARGETS)
def test_never_above_the_unreduced_equianalgesic_dose(drug, dose, target):
    result = _convert(drug, dose, target)
    assert result.daily[0] <= result.equianalgesic[0] + 1e-9
    assert result.daily[1] <= result.equianalgesic[1] + 1e-9
    assert result.daily[1] <= result.reduced[1] + 1e-9  # rounding never increases the top
    # ... nor the low end, except where it is below the family's smallest strength: then the range
    # starts at that strength, still within the reduced range, and a finding says so (fixconvert)
    raised = "below-smallest-strength" in {f.code for f in result.findings}
    assert result.daily[0] <= result.reduced[0] + 1e-9 or (
        raised and result.daily[0] <= result.reduced[1] + 1e-9)


@given(ORAL, DOSES, TARGETS.filter(lambda t: "patch" not in t),
       st.floats(min_value=0, max_value=0.9), st.floats(min_value=0, max_value=0.9))
def test_more_reduction_never_gives_more_drug(drug, dose, target, a, b):
    less, more = sorted((a, b))
    gentle = _convert(drug, dose, target, reduction=less)
    strict = _convert(drug, dose, target, reduction=more)
    assert strict.reduced[0] <= gentle.reduced[0] + 1e-9
    assert strict.daily[0] <= gentle.daily[0] + 1e-9


@given(st.sampled_from(["oxycodone po", "hydromorphone sc", "morphine sc", "oxycodone sc"]),
       DOSES)
def test_there_and_back_without_reduction_returns_within_the_table_precision(target, dose):
    """A → B → A with no reduction, on the equianalgesic (unrounded) doses."""
    there = _convert("morphine", dose, target, reduction=0.0)
    drug, route = there.target.drug.name, there.target.route.short
    back_low = _convert(drug, there.equianalgesic[0], "morphine po", route, reduction=0.0)
    back_high = _convert(drug, there.equianalgesic[1], "morphine po", route, reduction=0.0)
    # where the factors are points the trip is exact; where a range, it brackets the start
    assert back_low.equianalgesic[0] <= dose * (1 + 1e-9)
    assert dose <= back_high.equianalgesic[1] * (1 + 1e-9)
    if there.equianalgesic[0] == pytest.approx(there.equianalgesic[1]):
        assert back_low.equianalgesic[0] == pytest.approx(dose)
    assert there.bidirectional


def test_conversions_involving_patches_do_not_claim_to_be_reversible():
    assert convert(regimen("morphine 120 mg/day"), "fentanyl patch").bidirectional is False
    assert convert(regimen("fentanyl 25 mcg/h td"), "morphine po").bidirectional is False


# -- CLI -----------------------------------------------------------------------------------
def test_cli_convert_json_follows_the_contract(runner):
    import json

    result = runner.invoke(main, ["convert", "oxycodone 60 mg/day", "--to", "morphine po",
                                  "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    res = document["result"]
    for key in ("drug", "route", "daily_dose", "dose_range", "per_dose", "frequency", "rescue",
                "steps"):
        assert key in res
    assert res["drug"] == "morphine"
    assert {"dose", "frequency"} <= set(res["rescue"])
    assert [s["step"] for s in res["steps"]][:2] == ["total", "total"]
    assert res["dose_range"]["high"] <= 90


def test_cli_convert_reduction_and_errors(runner):
    result = runner.invoke(main, ["convert", "oxycodone 60 mg/day", "--to", "morphine po",
                                  "--reduction", "33", "--json"])
    assert result.exit_code == 0
    result = runner.invoke(main, ["convert", "oxycodone 60 mg/day"])
    assert result.exit_code == 2 and "--to" in result.output
    result = runner.invoke(main, ["convert", "oxycodone 60 mg/day", "--to", "morphine po",
                                  "--table", "cdc2022"])
    assert result.exit_code == 2 and "surveillance" in result.output
    result = runner.invoke(main, ["convert", "oxycodone 60 mg/day", "--to", "morphine po",
                                  "--reduction", "lots"])
    assert result.exit_code == 2


def test_item_parse_still_needs_no_rotation_data():
    assert parse_item("oxycodone 60 mg/day").daily() == 60
