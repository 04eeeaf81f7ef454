"""Methadone switching: every method side by side, tier edges, caps, monotone laws, CLI."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpsdose import Knowledge, Regimen, RotationError
from mpsdose.cli import main
from mpsdose.clinical.methadone import METHODS, fudin, methadone_switch


def switch(ome_morphine_oral, method=None):
    """Oral morphine at ``ome_morphine_oral`` mg/day (OME = the dose under every table)."""
    return methadone_switch(Regimen.parse([f"morphine {ome_morphine_oral!r} mg/day po"]), method)


# Worked examples, one per method, values from the published tables (not from mpsdose):
# six-tier (MSD Manual 2023 table): 100–299 mg/day → 8:1; 200 mg → 25 mg/day.
# ayonrinde (CCDHB 2009 copy): 91–300 → 8:1; 200 mg → 25 mg/day.
# fda-label (methadone label Table 1 as copied): 100–300 mg → 10–20%; 200 mg → 20–40 mg/day
#   before the 30 mg/day starting cap.
# fudin (Fudin 2012, degrees; reference check value 200 mg → 25.71 mg/day).
# The ratio's dose is ``equianalgesic`` where the method then reduces it (ayonrinde, six-tier:
# tests/test_fixmethadone.py holds the reduction), else the dose before the cap.
# morley-makin (St Elizabeth Hospice guideline): 1/10 of 200 mg = 20 mg as needed.
WORKED = [
    ("six-tier", 200, (25, 25)),
    ("ayonrinde", 200, (25, 25)),
    ("fda-label", 200, (20, 40)),
    ("fudin", 200, (25.714, 25.714)),
]


@pytest.mark.parametrize(("method", "ome", "expected"), WORKED,
                         ids=[f"{m} {o} mg" for m, o, _ in WORKED])
def test_worked_example_per_method(method, ome, expected):
    result = switch(ome, method).method(method)
    computed = result.equianalgesic or result.daily_uncapped
    assert computed == pytest.approx(expected, abs=1e-3)


def test_morley_makin_is_a_tenth_as_needed_capped_at_30_mg():
    assert switch(200, "morley-makin").method("morley-makin").per_dose == (20, 20)
    assert switch(600, "morley-makin").method("morley-makin").per_dose == (30, 30)  # cap
    result = switch(200, "morley-makin").method("morley-makin")
    assert result.daily is None and "prn" in result.frequency


FUDIN_DEGREES = [(60, 16.29), (90, 24.43), (200, 25.71), (400, 32.38), (1000, 80.95)]


@pytest.mark.parametrize(("ome", "expected"), FUDIN_DEGREES, ids=[str(o) for o, _ in FUDIN_DEGREES])
def test_fudin_in_degrees_matches_the_plateau_values(ome, expected):
    # check values computed with the sines in degrees (shared/reference §3b); the radian version
    # of a public implementation gives 24.40 at 90 and 15.0 at 100 instead
    assert fudin(ome) == pytest.approx(expected, abs=0.01)


def test_fudin_plateaus_are_the_three_tier_ratios():
    assert 60 / fudin(60) == pytest.approx(3.68, abs=0.01)
    assert 200 / fudin(200) == pytest.approx(7.78, abs=0.01)
    assert 1000 / fudin(1000) == pytest.approx(12.35, abs=0.01)


# Tier edges of each published table, with doses just below and just above (the peer trap:
# a calculator returned 0 for 100.5 mg). Expected ratios as printed in each source. Where a
# source prints integer bands with a gap ("31–99", "100–299"), a dose in the gap takes the next
# tier: the higher ratio, the lower methadone dose (the safe direction).
EDGES = [
    ("six-tier", 29.5, 2), ("six-tier", 30, 2), ("six-tier", 30.5, 4), ("six-tier", 99, 4),
    ("six-tier", 99.5, 8), ("six-tier", 100.5, 8), ("six-tier", 299, 8), ("six-tier", 299.5, 12),
    ("six-tier", 300.5, 12), ("six-tier", 499.5, 15), ("six-tier", 500.5, 15),
    ("six-tier", 999, 15), ("six-tier", 999.5, 20), ("six-tier", 1000.5, 20),
    ("ayonrinde", 89.5, 4), ("ayonrinde", 90, 4), ("ayonrinde", 90.5, 8), ("ayonrinde", 299.5, 8),
    ("ayonrinde", 300, 8), ("ayonrinde", 300.5, 12), ("ayonrinde", 599.5, 12),
]


@pytest.mark.parametrize(("method", "ome", "ratio"), EDGES, ids=[f"{m} {o}" for m, o, _ in EDGES])
def test_tier_edges_with_non_integer_doses(method, ome, ratio):
    result = switch(ome, method).method(method)
    assert result.equianalgesic == pytest.approx((ome / ratio, ome / ratio))
    assert result.daily_uncapped[0] > 0


FDA_EDGES = [(99.5, 20, 30), (100.5, 10, 20), (299.5, 10, 20), (300.5, 8, 12), (599.5, 8, 12),
             (600.5, 5, 10), (999.5, 5, 10)]


@pytest.mark.parametrize(("ome", "low", "high"), FDA_EDGES, ids=[str(e[0]) for e in FDA_EDGES])
def test_fda_label_percent_band_edges(ome, low, high):
    result = switch(ome, "fda-label").method("fda-label")
    assert result.daily_uncapped == pytest.approx((ome * low / 100, ome * high / 100))


def test_every_tier_edge_in_the_data_is_continuous_with_the_next():
    for method in {t.method for t in Knowledge.default().methadone_tiers}:
        rows = sorted((t for t in Knowledge.default().methadone_tiers if t.method == method),
                      key=lambda t: -1 if t.band.low is None else t.band.low)
        for before, after in itertools.pairwise(rows):
            assert before.band.high == after.band.low, method
            assert before.band.high_closed != after.band.low_closed, method  # no gap, no overlap


def test_ayonrinde_gives_no_dose_above_its_table():
    result = switch(1500, "ayonrinde").method("ayonrinde")
    assert result.daily is None and result.daily_dose_mg is None
    assert "outside" in result.warnings[0]


def test_unknown_method_and_dose_unknown_and_methadone_already():
    with pytest.raises(RotationError, match="methods"):
        switch(100, "guesswork")
    with pytest.raises(RotationError, match="dose unknown"):
        methadone_switch(Regimen.parse(["fentanyl iv continuous dose unknown"]))
    with pytest.raises(RotationError, match="already methadone"):
        methadone_switch(Regimen.parse(["methadone 10 mg po q8h"]))


def test_qt_interaction_with_antipsychotics_is_a_finding():
    result = methadone_switch(Regimen.parse(["oxycodone 60 mg/day", "haloperidol 1 mg po bid"]))
    assert "methadone-qt-interaction" in {f.code for f in result.findings}
    result = methadone_switch(Regimen.parse(["oxycodone 60 mg/day", "olanzapine 2.5 mg po at night"]))
    assert "methadone-qt-interaction" in {f.code for f in result.findings}


# -- laws ----------------------------------------------------------------------------------------
OMES = st.floats(min_value=5, max_value=3000, allow_nan=False)


@given(OMES, OMES)
def test_monotone_methods_never_give_less_for_more(a, b):
    low, high = sorted((a, b))
    before, after = switch(low), switch(high)
    for result in before.methods:
        if not result.monotone:
            continue
        other = after.method(result.method)
        assert other.per_dose[1] >= result.per_dose[1] - 1e-9
        if result.daily is not None and other.daily is not None:
            assert other.daily[1] >= result.daily[1] - 1e-9


@given(OMES)
def test_no_starting_dose_exceeds_its_cap(ome):
    for result in switch(ome).methods:
        if result.daily is not None and result.cap_mg_per_day is not None:
            assert result.daily[1] <= result.cap_mg_per_day + 1e-9
        if result.daily is not None:
            assert result.per_dose[1] * 24 / float(result.frequency.strip("qh prn")) <= \
                result.daily[1] + 1e-9


@given(OMES)
def test_side_by_side_lists_every_method_with_its_source(ome):
    result = switch(ome)
    shown = {m.method for m in result.methods}
    available = {t.method for t in Knowledge.default().methadone_tiers} | {"fudin", "morley-makin"}
    assert available <= shown <= set(METHODS)
    assert all(m.source for m in result.methods)


# -- CLI -----------------------------------------------------------------------------------------
def test_cli_methadone_json(runner):
    result = runner.invoke(main, ["methadone", "morphine 200 mg/day", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    methods = document["methods"]
    assert {m["method"] for m in methods} >= {"six-tier", "fudin", "morley-makin"}
    for method in methods:
        assert {"method", "daily_dose_mg", "per_dose_mg", "frequency", "warnings", "source"} <= \
            set(method)


def test_cli_methadone_one_method_and_bad_method(runner):
    result = runner.invoke(main, ["methadone", "morphine 200 mg/day", "--method", "fudin"])
    assert result.exit_code == 0 and "Fudin" in result.output
    result = runner.invoke(main, ["methadone", "morphine 200 mg/day", "--method", "nope"])
    assert result.exit_code == 2 and "nope" in result.output


def test_three_day_switch_plan():
    result = switch(200, "three-day").method("three-day")
    # the tiered methods' doses before their own reduction step, capped (fda-label's 20 mg)
    tiered_starts = [min((m.equianalgesic or m.daily)[0], 30) for m in switch(200).methods
                     if m.method in ("ayonrinde", "six-tier", "fda-label") and m.daily]
    assert result.daily == (min(tiered_starts), min(tiered_starts)) == (20, 20)
    assert len(result.schedule) == 3
    assert "day 1" in result.schedule[0] and "66.7%" in result.schedule[0]
    assert "day 3" in result.schedule[2] and "at 0%" in result.schedule[2]


def test_a_hospitals_own_tiered_method_is_shown_beside_the_shipped_ones(tmp_path):
    shipped = (Path(__file__).parents[1] / "data" / "methadone_methods.csv").read_text()
    (tmp_path / "methadone_methods.csv").write_text(
        shipped + 'ours,"(, 1000]",10,,,,,,,Our protocol 2026,P,\n')
    local = Knowledge.load(tmp_path)
    result = methadone_switch(Regimen.parse(["morphine 200 mg/day"]), knowledge=local)
    ours = result.method("ours")
    assert ours.daily_uncapped == pytest.approx((20.0, 20.0))
    assert "ours" not in {r.method for r in methadone_switch(
        Regimen.parse(["morphine 200 mg/day"])).methods}


def test_an_unknown_method_lists_the_known_ones():
    with pytest.raises(RotationError, match="fda-label") as caught:
        methadone_switch(Regimen.parse(["morphine 200 mg/day"]), "ripamonti")
    assert "ripamonti" not in str(caught.value).split("methods:")[1]
