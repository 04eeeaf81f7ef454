"""The audit's methadone start column and the patch-removal step (fixmethadone).

1. A methadone method whose source reduces the dose its ratio gives (the Ayonrinde-type table:
   "calculate equianalgesic dose then reduce by 25-50%", CCDHB 2009; the MSD six tiers:
   "methadone dosage should still be reduced by 75-90%", MSD Manual 2023) starts at the reduced
   dose, a range, rounded down per dose; methods whose source gives no reduction are unchanged.
2. Every conversion from a transdermal patch carries a ``removal`` step naming its source;
   conversions from anything else never do.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mpsdose import Knowledge, Regimen, convert
from mpsdose.cli import main
from mpsdose.clinical.methadone import methadone_switch
from mpsdose.model.errors import DataError

DATA = Path(__file__).parents[1] / "data"


def _switch(ome: float, method: str | None = None):
    return methadone_switch(Regimen.parse([f"morphine {ome!r} mg/day po"]), method)


# -- 1. the methods' own reductions -----------------------------------------------------------
# (OME, ratio of the tier) on both sides of each tier edge; expected = OME / ratio × (1 − cut)
AYONRINDE = [(60, 4), (89.5, 4), (90.5, 8), (200, 8), (299.5, 8), (300.5, 12), (599.5, 12)]
SIX_TIER = [(20, 2), (29.5, 2), (30.5, 4), (99, 4), (99.5, 8), (200, 8), (300.5, 12), (500.5, 15),
            (1000.5, 20)]


@pytest.mark.parametrize(("ome", "ratio"), AYONRINDE, ids=[str(o) for o, _ in AYONRINDE])
def test_ayonrinde_start_is_the_ratio_reduced_by_25_to_50_percent(ome, ratio):
    result = _switch(ome, "ayonrinde").method("ayonrinde")
    computed = ome / ratio
    assert result.equianalgesic == pytest.approx((computed, computed))
    assert result.reduction == pytest.approx((0.25, 0.5))
    assert result.daily_uncapped == pytest.approx((computed * 0.5, computed * 0.75))
    assert result.daily_dose_mg == pytest.approx(min(computed * 0.5, 30))
    assert result.daily_dose_mg < computed  # never the unreduced dose


@pytest.mark.parametrize(("ome", "ratio"), SIX_TIER, ids=[str(o) for o, _ in SIX_TIER])
def test_six_tier_start_is_the_ratio_reduced_by_75_to_90_percent(ome, ratio):
    result = _switch(ome, "six-tier").method("six-tier")
    computed = ome / ratio
    assert result.equianalgesic == pytest.approx((computed, computed))
    assert result.daily_uncapped == pytest.approx((computed * 0.1, computed * 0.25))
    assert result.daily == pytest.approx((min(computed * 0.1, 30), min(computed * 0.25, 30)))


@pytest.mark.parametrize("ome", [40, 200, 450])
def test_per_dose_is_rounded_down_within_the_reduced_range(ome):
    for name in ("ayonrinde", "six-tier"):
        result = _switch(ome, name).method(name)
        assert result.daily is not None
        low, high = result.per_dose
        assert 0 < low <= result.daily[0] / 3 + 1e-9  # q8h: three doses, rounded down
        assert high <= result.daily[1] / 3 + 1e-9


def test_the_cap_still_applies_after_the_reduction():
    # 599 mg/day ÷ 12 = 49.9 mg/day, reduced 25-50% = 25-37.4: the top is above the 30 mg cap
    result = _switch(599, "ayonrinde").method("ayonrinde")
    assert result.daily_uncapped[1] > 30
    assert result.daily == pytest.approx((599 / 12 * 0.5, 30))
    assert any("capped at 30" in w for w in result.warnings)


@pytest.mark.parametrize("ome", [60, 200, 450])
def test_methods_whose_source_gives_no_reduction_are_unchanged(ome):
    switch = _switch(ome)
    for name in ("fda-label", "fudin", "three-day"):
        result = switch.method(name)
        assert result.reduction is None and result.equianalgesic is None
    fda = switch.method("fda-label")
    low = {60: 20, 200: 10, 450: 8}[ome]
    assert fda.daily_uncapped[0] == pytest.approx(ome * low / 100)


def test_no_method_row_says_reduce_without_a_reduction_in_the_data():
    """A note that tells the reader to reduce the dose has the reduction as numbers."""
    tiers = Knowledge.default().methadone_tiers
    for tier in tiers:
        notes = tier.notes.lower()
        says_reduce = "then reduce" in notes or "reduced by" in notes
        assert says_reduce == (tier.reduction is not None), (tier.method, tier.band)


def test_the_steps_and_the_table_show_ratio_minus_reduction():
    switch = _switch(200)
    steps = {s.step: s.detail for s in switch.steps}
    assert "25 mg/day by the ratio, reduced by 25–50%" in steps["ayonrinde"]
    assert "= 12.5–18.75 mg/day" in steps["ayonrinde"]
    assert "reduced by 75–90%" in steps["six-tier"] and "MSD" in steps["six-tier"]
    assert "fda-label" not in steps
    result = CliRunner().invoke(main, ["methadone", "morphine 200 mg/day"])
    assert result.exit_code == 0
    assert "25 mg/day − 25–50% = 12.5–18.75 mg/day" in result.output


def test_json_keeps_the_dose_to_give_and_adds_the_ratio_and_reduction():
    result = CliRunner().invoke(main, ["methadone", "morphine 200 mg/day", "--json"])
    document = json.loads(result.output)
    methods = {m["method"]: m for m in document["methods"]}
    assert methods["ayonrinde"]["daily_dose_mg"] == pytest.approx(12.5)
    assert methods["ayonrinde"]["equianalgesic_mg"] == pytest.approx([25, 25])
    assert methods["ayonrinde"]["reduction_percent"] == pytest.approx([25, 50])
    assert methods["six-tier"]["daily_dose_range_mg"] == pytest.approx([2.5, 6.25])
    assert methods["fda-label"]["reduction_percent"] is None
    assert methods["fda-label"]["equianalgesic_mg"] is None


def test_a_reduction_of_100_percent_or_more_is_refused(tmp_path):
    (tmp_path / "methadone_methods.csv").write_text(
        "method,ome_band,ratio,reduction_low,reduction_high,source,grade,notes\n"
        'ours,"(, 1000]",10,50,100,Our protocol 2026,P,\n', encoding="utf-8")
    with pytest.raises(DataError, match="reduction"):
        methadone_switch(Regimen.parse(["morphine 200 mg/day"]), knowledge=Knowledge.load(tmp_path))


def test_a_hospitals_own_reduction_is_applied(tmp_path):
    (tmp_path / "methadone_methods.csv").write_text(
        "method,ome_band,ratio,reduction_low,reduction_high,source,grade,notes\n"
        'ours,"(, 1000]",10,20,20,Our protocol 2026,P,\n', encoding="utf-8")
    ours = methadone_switch(Regimen.parse(["morphine 200 mg/day"]),
                            knowledge=Knowledge.load(tmp_path)).method("ours")
    assert ours.daily_uncapped == pytest.approx((16, 16))


# -- 2. the patch-removal step ----------------------------------------------------------------
PATCHES = [
    ("fentanyl 50 mcg/h td q72h", "morphine po", ("12 h after removal", "17 h", "GPnotebook")),
    ("fentanyl 25 mcg/h td q72h", "hydromorphone sc", ("12 h after removal", "Durogesic")),
    ("buprenorphine 10 mcg/h td q7d", "morphine po", ("10–24 h", "Butrans", "no time")),
    ("buprenorphine 20 mcg/h td q7d", "oxycodone po", ("10–24 h", "Butrans")),
]


@pytest.mark.parametrize(("item", "to", "said"), PATCHES, ids=[p[0] for p in PATCHES])
def test_a_conversion_from_a_patch_says_when_to_start_and_names_its_source(item, to, said):
    rotation = convert(Regimen.parse([item]), to)
    removal = [s.detail for s in rotation.steps if s.step == "removal"]
    assert len(removal) == 1
    for text in said:
        assert text in removal[0]
    assert "[" in removal[0]  # a source in brackets


@pytest.mark.parametrize(("item", "to"), [
    ("oxycodone er 10 mg po q12h", "morphine po"),
    ("morphine 60 mg/day po", "fentanyl patch"),
    ("oxycodone 10 mg/day sc continuous", "morphine sc"),
    ("hydromorphone 1 mg/h sc continuous", "morphine po"),
])
def test_no_removal_step_for_a_conversion_from_anything_but_a_patch(item, to):
    rotation = convert(Regimen.parse([item]), to)
    assert not [s for s in rotation.steps if s.step == "removal"]


def test_a_patch_beside_an_oral_opioid_gets_one_step_for_the_patch():
    rotation = convert(Regimen.parse(["fentanyl 25 mcg/h td q72h", "oxycodone er 10 mg po q12h"]),
                       "morphine po")
    removal = [s.detail for s in rotation.steps if s.step == "removal"]
    assert len(removal) == 1 and "fentanyl" in removal[0]


def test_without_removal_rows_the_step_says_there_is_no_timing(tmp_path):
    shipped = (DATA / "rotation_rules.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in shipped if not line.startswith("patch_removal_")]
    (tmp_path / "rotation_rules.csv").write_text("".join(kept), encoding="utf-8")
    rotation = convert(Regimen.parse(["fentanyl 50 mcg/h td q72h"]), "morphine po",
                       knowledge=Knowledge.load(tmp_path))
    removal = [s.detail for s in rotation.steps if s.step == "removal"]
    assert len(removal) == 1 and "no removal timing" in removal[0]


def test_the_cli_shows_the_removal_step():
    result = CliRunner().invoke(main, ["convert", "fentanyl 50 mcg/h td q72h", "--to",
                                       "morphine po", "--json"])
    steps = json.loads(result.output)["result"]["steps"]
    assert any(s["step"] == "removal" and "12 h after removal" in s["detail"] for s in steps)


# -- the check of a switch to methadone keeps each method's most generous reading -------------
@pytest.mark.parametrize(("per_dose", "flagged"), [(3, False), (3.3, False), (4, True), (5, True)])
def test_start_above_methods_reads_the_ratio_before_the_reduction(per_dose, flagged):
    # tramadol 200 mg/day = 20 mg OME (SPCG): the six tiers' 2:1 gives 10 mg/day before their
    # 75-90% reduction; a start up to it is a published choice, above it every method is lower
    from mpsdose import Patient, check

    found = check(Regimen.parse([f"methadone {per_dose} mg po q8h"]),
                  Patient(age=60, opioid_tolerant=True),
                  previous=Regimen.parse(["tramadol 50 mg po q6h"]))
    assert ("methadone-start-above-methods" in {f.code for f in found}) is flagged
