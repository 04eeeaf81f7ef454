"""Drugs dosed in units of activity (heparins) on tiny data of their own: written in units, never
in mg; units are never a dose unit for an opioid or a drug dosed in mg; their amounts are never
converted to or added with mg, and their limits are read in units (issue 13)."""

from __future__ import annotations

import json

import pytest

from mpsdose import DataError, Knowledge, Patient, Regimen, UnitError, check, daily_totals, parse_item
from mpsdose.cli import main

DRUGS = """drug,drug_class,atc_code,routes,forms,natural_unit,source,grade,notes
morphine,opioid,N02AA01,oral sc,tablet injection,mg/day,test source,S,
acetaminophen,acetaminophen,N02BE01,oral,tablet,g/day,test source,S,
heparin,anticoagulant,B01AB01,iv sc,injection,units/day,test source,S,
"""
NAMES = "name,drug,kind,source,grade\nunfractionated heparin,heparin,abbreviation,x,S\n"
PRODUCTS = "name,components,strengths_mg,market,source,grade,notes\n"
LIMITS = """\
drug,route,release,condition,condition_band,condition_value,max_single_mg,max_daily_mg,\
max_daily_mg_per_kg,max_days,scope,market,severity,source,grade,notes
heparin,sc,,any,,,,1000,,,,,,tiny heparin source,S,
acetaminophen,,,any,,,,4000,,,,,,tiny acetaminophen source,S,
"""


@pytest.fixture
def tiny(tmp_path):
    """A catalogue of its own: the three drugs above, nothing shipped."""
    folder = tmp_path / "catalogue"
    folder.mkdir()
    (folder / "drugs.csv").write_text(DRUGS)
    (folder / "drug_names.csv").write_text(NAMES)
    (folder / "combination_products.csv").write_text(PRODUCTS)
    return Knowledge.load(folder, shipped=False)


@pytest.fixture
def limits(tmp_path):
    """A folder over the shipped data whose dose limits are the tiny ones above."""
    folder = tmp_path / "limits"
    folder.mkdir()
    (folder / "dose_limits.csv").write_text(LIMITS)
    return folder


@pytest.mark.parametrize(("text", "per_dose", "daily", "unit"), [
    ("heparin 5000 units sc q12h", 5000.0, 10000.0, "units"),
    ("heparin 5000 U sc q8h", 5000.0, 15000.0, "units"),
    ("heparin 5000 IU sc daily", 5000.0, 5000.0, "units"),
    ("heparin 5,000 international units sc bid", 5000.0, 10000.0, "units"),
    ("heparin 1000 units/h iv continuous", None, 24000.0, "units/h"),
    ("heparin 24000 units/24h iv continuous", None, 24000.0, "units/day"),
    ("unfractionated heparin 7500 unit sc q12h", 7500.0, 15000.0, "units"),
])
def test_a_units_dosed_drug_is_read_in_units(tiny, text, per_dose, daily, unit):
    item = parse_item(text, knowledge=tiny)
    assert item.ingredients[0].dose.unit.symbol == unit
    assert item.per_dose() == per_dose and item.daily() == daily
    assert parse_item(item.format(), knowledge=tiny) == item  # round trip


@pytest.mark.parametrize(("text", "named"), [
    ("morphine 10 U po q4h", "'u'"),             # an opioid in U: CONTRACT.md §1
    ("morphine 10 IU sc q4h", "'iu'"),
    ("morphine 1 units/h sc continuous", "'units/h'"),
    ("acetaminophen 1000 units po qid", "'units'"),  # a drug dosed in mg
])
def test_units_are_refused_for_a_drug_dosed_in_mass(tiny, text, named):
    with pytest.raises(UnitError) as caught:
        parse_item(text, knowledge=tiny)
    message = str(caught.value)
    assert named in message and text in message  # the unit as written, and the item
    assert tuple(caught.value.allowed) == ("mg", "g", "mcg")


def test_a_units_dosed_drug_in_mg_is_refused(tiny):
    with pytest.raises(UnitError, match="heparin is dosed in units, not mg") as caught:
        parse_item("heparin 50 mg sc q12h", knowledge=tiny)
    assert "units" in caught.value.allowed


def test_an_infusion_in_units_is_a_rate_and_a_slip_beyond_the_guard_is_refused(tiny):
    k = tiny
    with pytest.raises(UnitError, match=r"units/h"):
        parse_item("heparin 5000 units iv continuous", knowledge=k)
    with pytest.raises(ValueError, match="implausibly large"):
        parse_item("heparin 25000 units/h iv continuous", knowledge=k)  # 600,000 units a day


def test_units_are_never_added_to_mg_nor_reported_as_mg(tiny):
    k = tiny
    regimen = Regimen.parse(["heparin 5000 units sc q12h", "heparin 1000 units/h iv continuous",
                             "acetaminophen 1 g po qid"], knowledge=k)
    totals = daily_totals(regimen)
    heparin = totals.drug("heparin").scheduled
    assert (heparin.value, heparin.unit.symbol) == (34000.0, "units/day")
    assert totals.drug("acetaminophen").scheduled.format() == "4 g/day"


def test_the_json_carries_units_and_no_mg_for_a_heparin(limits, runner):
    result = runner.invoke(main, ["total", "heparin 5000 units sc q12h",
                                  "heparin 1000 units/h iv continuous", "--knowledge", str(limits),
                                  "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    bolus, infusion = document["items"]
    assert bolus["per_dose_mg"] is None and bolus["per_dose_units"] == 5000
    assert bolus["daily_dose"] == {"value": 10000, "unit": "units/day"}
    assert bolus["daily_dose_mg_per_day"] is None
    assert infusion["rate"] == {"value": 1000, "unit": "units/h"}
    (drug,) = document["drugs"]
    assert drug["scheduled"]["unit"] == "units/day" and drug["scheduled"]["mg_per_day"] is None
    assert document["total_ome_mg_per_day"] == 0  # a heparin adds nothing to the OME


@pytest.mark.parametrize("item", ["morphine 10 IU sc q4h", "heparin 50 mg sc q12h"])
def test_the_cli_refuses_a_unit_of_the_wrong_dimension_in_one_line(limits, runner, item):
    result = runner.invoke(main, ["check", item, "--knowledge", str(limits)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and item in lines[0] and "Traceback" not in result.output


def test_a_heparin_limit_is_read_and_reported_in_units(limits):
    k = Knowledge.load(limits)
    patient = Patient(age=60, weight_kg=70)
    found = check(Regimen.parse(["heparin 5000 units sc q12h"], knowledge=k), patient,
                  knowledge=k)
    (above,) = [f for f in found if f.code == "heparin-above-max"]
    assert "10000 units/day" in above.message and "1000 units/day" in above.message
    assert "mg" not in above.message.replace("acetaminophen", "")
    assert above.source == "tiny heparin source"
    quiet = check(Regimen.parse(["heparin 250 units sc q12h"], knowledge=k), patient, knowledge=k)
    assert not [f for f in quiet if f.code.startswith("heparin")]


def test_a_limit_file_that_says_mg_for_a_heparin_is_refused(limits):
    header, heparin, acetaminophen = LIMITS.splitlines()
    (limits / "dose_limits.csv").write_text(
        f"{header},dose_unit\n{heparin},mg\n{acetaminophen},mg\n")
    with pytest.raises(DataError, match=r"dose_limits\.csv:2.*heparin is dosed in units"):
        _ = Knowledge.load(limits).dose_limits
    (limits / "dose_limits.csv").write_text(
        f"{header},dose_unit\n{heparin},units\n{acetaminophen},\n")
    assert Knowledge.load(limits).dose_limits[0].dose_unit == "units"


def test_an_opioid_cannot_be_marked_as_dosed_in_units(tmp_path):
    (tmp_path / "drugs.csv").write_text(DRUGS.replace("tablet injection,mg/day",
                                                      "tablet injection,units/day"))
    (tmp_path / "drug_names.csv").write_text(NAMES)
    (tmp_path / "combination_products.csv").write_text(PRODUCTS)
    with pytest.raises(DataError, match=r"drugs\.csv:2.*opioid is dosed in mg"):
        _ = Knowledge.load(tmp_path, shipped=False).catalogue
