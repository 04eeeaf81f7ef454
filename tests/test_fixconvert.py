"""`convert` after the first-use audit: the unreduced prodrug pair, ranges that never round to 0,
one product family per range, the market's own first patch, and the exit code of "no dose can be
given"."""

from __future__ import annotations

import itertools
import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from mpsdose import Regimen, RotationError, convert
from mpsdose.cli import main
from mpsdose.clinical.dosing import MAX_UNITS_PER_DOSE, NoGivableDoseError, givable_range
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.vocabulary import Route


def regimen(*items: str) -> Regimen:
    return Regimen.parse(items)


# -- 1. a pair marked converts_unreduced_with (drug_properties.csv) takes no reduction ----------
@pytest.mark.parametrize("given_item, target", [
    ("diamorphine 30 mg/day sc continuous", "morphine sc"),
    ("diamorphine 10 mg/day sc continuous", "morphine sc"),
    ("morphine 45 mg/day sc continuous", "diamorphine sc"),
    ("morphine 60 mg po q12h", "diamorphine sc"),
], ids=["dia-to-mor-30", "dia-to-mor-10", "mor-to-dia-sc", "mor-po-to-dia-sc"])
def test_prodrug_pair_is_converted_unreduced_both_ways(given_item, target):
    result = convert(regimen(given_item), target, table="spcg")
    assert result.reduction == (0.0, 0.0)
    assert result.reduced == pytest.approx(result.equianalgesic)
    assert any("converts_unreduced_with" in s.detail for s in result.steps if s.step == "reduction")
    # the rescue follows the unreduced dose (a share of it, never of a halved one)
    assert result.rescue is not None and result.rescue.per_dose[0] > 0


def test_a_different_opioid_to_morphine_still_takes_the_reduction():
    result = convert(regimen("oxycodone 30 mg/day sc continuous"), "morphine sc", table="spcg")
    assert result.reduction == (0.25, 0.5)


def test_mixed_regimen_reduces_only_the_other_opioid():
    both = convert(regimen("diamorphine 30 mg/day sc continuous", "oxycodone 10 mg po q12h"),
                   "morphine sc", table="spcg")
    alone = convert(regimen("diamorphine 30 mg/day sc continuous"), "morphine sc", table="spcg")
    # the diamorphine share (45 mg/day SC morphine) is carried whole on both ends
    assert both.reduced[0] >= alone.reduced[0] - 1e-9
    assert "none off diamorphine" in " ".join(s.detail for s in both.steps)


# -- 2. a computed range never rounds to 0; both ends from one product family ------------------
def _family_sums(strengths):
    return {round(sum(c), 6) for n in range(1, MAX_UNITS_PER_DOSE + 1)
            for c in itertools.combinations_with_replacement(strengths, n)}


def test_low_end_below_the_smallest_strength_starts_at_that_strength():
    # US oxycodone ER: OxyContin 10 mg is the smallest tablet; 7.5-11.25 mg a dose
    k = resolve(None)
    (low, high), how, raised = givable_range(k, (7.5, 11.25), "oxycodone", Route.ORAL, "er", "us")
    assert (low, high) == (10, 10) and raised == 7.5
    assert "10, 15, 20" in how and "9, 13.5" not in how


def test_low_end_at_or_above_the_smallest_strength_is_not_raised():
    k = resolve(None)
    (low, high), _, raised = givable_range(k, (10, 22), "oxycodone", Route.ORAL, "er", "us")
    assert raised is None and low == 10 and high <= 22


def test_range_wholly_below_every_strength_is_refused_with_exit_1():
    k = resolve(None)
    with pytest.raises(NoGivableDoseError, match="immediate-release or liquid"):
        givable_range(k, (1.0, 2.0), "oxycodone", Route.ORAL, "er", "us")
    assert NoGivableDoseError.exit_code == 1
    out = CliRunner().invoke(main, ["convert", "morphine 5 mg po q12h", "--to",
                                    "oxycodone er po"])
    assert out.exit_code == 1


def test_audit_rotation_to_us_oxycodone_er_has_a_start():
    result = convert(regimen("morphine sr 30 mg po q12h"), "oxycodone er po")
    assert result.per_dose == (10, 10) and result.daily_dose == 20
    assert result.rescue is not None and min(result.rescue.per_dose) > 0
    assert "below-smallest-strength" in {f.code for f in result.findings}


_TARGETS = ["oxycodone er po", "oxycodone po", "morphine po", "morphine er po", "morphine sc",
            "hydromorphone po", "hydromorphone sc", "oxycodone sc", "tapentadol er po"]


@settings(max_examples=120, deadline=None)
@given(mg=st.floats(min_value=1, max_value=600), source=st.sampled_from(
           ["morphine {} mg/day", "oxycodone {} mg/day", "hydromorphone {} mg/day"]),
       target=st.sampled_from(_TARGETS), market=st.sampled_from(["us", "uk", "jp"]))
def test_no_convert_result_is_zero_and_every_dose_is_givable(mg, source, target, market):
    try:
        result = convert(regimen(source.format(round(mg, 1))), target, market=market)
    except RotationError:
        return  # refused (never a 0 dose): acceptable
    assert min(result.daily) > 0
    if result.per_dose is not None:
        assert min(result.per_dose) > 0
        k = resolve(None)
        rows = [r for r in k.strengths if r.drug == result.target.drug.name
                and r.market == market and r.route is result.target.route and r.countable
                and r.release in (None, result.target.release)]
        rounding = next(s.detail for s in result.steps if s.step == "rounding")
        named = [r for r in rows  # the family's list as a whole, not a digit inside "0.0625"
                 if re.search(r"(?<![\d.])" + re.escape(", ".join(f"{u:g}" for u in r.strengths))
                              + r"(?![\d.])", rounding)]
        if named:  # strengths were used: each end is a sum of that family's strengths
            sums = _family_sums(named[0].strengths)
            assert all(round(v, 6) in sums for v in result.per_dose)
    if result.rescue is not None:
        assert min(result.rescue.per_dose) > 0


# -- 3. the market's own patch table; below the smallest patch; market choices ----------------
def test_uk_reads_the_labels_12_mcg_patch_from_30_mg_ome():
    result = convert(regimen("oxycodone er 10 mg po q12h"), "fentanyl patch", market="uk")
    assert result.daily == (12, 12)
    codes = {f.code for f in result.findings}
    assert "patch-not-tolerant" not in codes and "fentanyl-patch-low-ome" in codes


def test_us_still_refuses_below_its_table_and_names_what_to_do():
    with pytest.raises(NoGivableDoseError, match=r"Stay on the oral.*--market uk"):
        convert(regimen("oxycodone er 10 mg po q12h"), "fentanyl patch", market="us")


def test_uk_below_its_own_first_patch_is_refused():
    with pytest.raises(NoGivableDoseError, match="below the smallest patch"):
        convert(regimen("oxycodone 5 mg po q12h"), "fentanyl patch", market="uk")


def test_uk_at_60_mg_ome_uses_the_table_not_the_low_start():
    assert convert(regimen("morphine 60 mg/day"), "fentanyl patch", market="uk").daily == (25, 25)


@pytest.mark.parametrize("market", ["eu", "au", "nz"])
def test_markets_without_their_own_strengths_borrow_and_say_so(market):
    out = CliRunner().invoke(main, ["convert", "morphine sr 60 mg po q12h", "--to",
                                    "fentanyl patch", "--market", market])
    assert out.exit_code == 0, out.output
    assert "borrowed" in out.output
