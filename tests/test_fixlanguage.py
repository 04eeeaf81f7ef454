"""The item language widened after the pharmacist's audit (findings 9 and 14): ranges read at
their top, UK and AU prescription wording, concentrations per 5 mL, an empty regimen that says
nothing was checked, and messages in the user's own terms."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from mpsdose import Patient, Regimen, format_item, parse_item
from mpsdose.cli import main
from mpsdose.clinical.safety import check
from mpsdose.model.errors import ItemSyntaxError


@pytest.mark.parametrize(("text", "top", "low"), [
    ("morphine 2.5-5 mg sc q1h prn max 6/day", 5.0, 2.5),
    ("midazolam 2.5 to 5 mg sc q1h prn", 5.0, 2.5),
    ("haloperidol 0.5-1.5 mg sc q2h prn", 1.5, 0.5),
])
def test_a_dose_range_is_judged_at_its_top_and_kept(text, top, low):
    item = parse_item(text)
    (ingredient,) = item.ingredients
    assert ingredient.dose is not None and ingredient.dose.value == top
    assert ingredient.dose_range is not None and ingredient.dose_range.low.value == low
    assert item.dose_known
    assert parse_item(format_item(item)) == item


def test_a_range_total_is_the_day_at_the_top():
    assert parse_item("morphine 2.5-5 mg sc q1h prn max 6/day").daily() == pytest.approx(30.0)
    assert parse_item("morphine 5-10 mg po q4h").daily() == pytest.approx(60.0)


def test_a_range_says_the_top_was_used_and_is_not_dose_unknown():
    found = check(Regimen((parse_item("morphine 2.5-5 mg sc q1h prn max 6/day"),)), Patient())
    codes = [f.code for f in found]
    assert "dose-range" in codes and "dose-unknown" not in codes
    plain = check(Regimen((parse_item("morphine 5 mg sc q1h prn max 6/day"),)), Patient())
    assert "dose-range" not in [f.code for f in plain]


def test_a_range_top_above_a_limit_is_judged_as_that_dose():
    """The top of the range meets every limit the single dose at the top would."""
    ranged = check(Regimen((parse_item("acetaminophen 500-1500 mg po q4h"),)), Patient(age=50))
    single = check(Regimen((parse_item("acetaminophen 1500 mg po q4h"),)), Patient(age=50))
    below = check(Regimen((parse_item("acetaminophen 250-500 mg po q6h"),)), Patient(age=50))
    severe = {f.code for f in single if f.severity.value != "info"}
    assert severe and severe <= {f.code for f in ranged}
    assert not [f for f in below if f.severity.value == "error"]


@pytest.mark.parametrize(("text", "hours"), [
    ("morphine 10 mg po every 4 to 6 hours", 4.0),
    ("morphine 10 mg po every 6 to 4 hours", 4.0),
    ("morphine 10 mg po q4-6h", 4.0),
    ("oxycodone 10 mg po 12-hourly", 12.0),
    ("oxycodone 10 mg po 12 hourly", 12.0),
    ("morphine 5 mg po 4-hourly prn", 4.0),
    ("morphine 2.5 mg sc 1-hourly prn", 1.0),
    ("morphine 5 mg po 4-6 hourly prn", 4.0),
    ("buprenorphine 10 mcg/h td weekly", 168.0),
    ("buprenorphine 10 mcg/h td once weekly", 168.0),
    ("methylnaltrexone 12 mg sc alternate days", 48.0),
    ("methylnaltrexone 12 mg sc every other day", 48.0),
    ("methylnaltrexone 12 mg sc on alternate days", 48.0),
])
def test_uk_and_au_frequencies_are_intervals(text, hours):
    item = parse_item(text)
    assert item.schedule.interval_h == pytest.approx(hours)
    assert parse_item(format_item(item)) == item


@pytest.mark.parametrize("text", [
    "morphine 5 ml of 10 mg/5 ml po q4h prn", "morphine 10mg/5ml 5 ml po q4h prn",
    "morphine 10 mg/5 mL 5 mL po q4h prn", "morphine 2 mg/ml 5 ml po q4h prn",
    "morphine 5 ml of 2 mg/ml po q4h prn",
])
def test_a_concentration_per_5_ml_is_the_same_liquid(text):
    item = parse_item(text)
    dose = item.ingredients[0].dose
    assert dose is not None and dose.canonical == pytest.approx(10.0)  # 5 mL of 2 mg/mL
    assert parse_item(format_item(item)) == item


def test_a_range_of_tablets_is_read_at_its_top_only_with_a_strength():
    item = parse_item("oxycodone 5 mg 1-2 tabs po q4h prn")
    assert item.count == 2 and item.count_low == 1
    assert item.per_dose() == pytest.approx(10.0)
    assert parse_item(format_item(item)) == item
    single = parse_item("oxycodone 5 mg 1 tab po q4h prn")
    assert single.count_low is None and single.per_dose() == pytest.approx(5.0)
    with pytest.raises(ItemSyntaxError, match="strength of one written"):
        parse_item("oxycodone 1-2 tabs po q4h prn")
    with pytest.raises(ItemSyntaxError, match="lower to the higher"):
        parse_item("oxycodone 5 mg 2-1 tabs po q4h prn")


@pytest.mark.parametrize(("text", "says"), [
    ("morphine 10 mg po every 4 to 6 hrly", "every 4 to 6 hours"),
    ("morphine 10 mg po 12 weekly", "12-hourly"),
])
def test_an_unread_number_says_what_to_write(text, says):
    with pytest.raises(ItemSyntaxError, match=says):
        parse_item(text)


@pytest.mark.parametrize("content", ["", "items = []\n"])
def test_an_empty_regimen_says_nothing_was_checked(tmp_path, content):
    path = tmp_path / "empty.toml"
    path.write_text(content)
    result = CliRunner().invoke(main, ["check", "-f", str(path)])
    assert result.exit_code == 0  # a warning: the input was understood, nothing was wrong in it
    assert "nothing-checked" in result.output
    found = check(Regimen((parse_item("morphine 10 mg po q4h"),)), Patient())
    assert "nothing-checked" not in [f.code for f in found]


def test_items_after_the_patient_table_are_explained(tmp_path):
    path = tmp_path / "late.toml"
    path.write_text('[patient]\nage = 70\nitems = ["morphine 10 mg po q4h"]\n')
    result = CliRunner().invoke(main, ["check", "-f", str(path)])
    assert result.exit_code == 2
    assert "above the [patient] table" in result.output


@pytest.mark.parametrize(("value", "ok"), [("120", False), ("100", False), ("99", True),
                                           ("25", True), ("0", True)])
def test_reduction_is_answered_in_percent(value, ok):
    result = CliRunner().invoke(main, ["convert", "morphine 60 mg/day po", "--to",
                                       "oxycodone po", "--reduction", value])
    if ok:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 2
        assert f"{value}: a percentage from 0 to below 100" in result.output


@pytest.mark.parametrize(("ranged", "top"), [
    ("morphine 5-30 mg po q4h", "morphine 30 mg po q4h"),
    ("oxycodone 2.5-20 mg po q4h prn max 6/day", "oxycodone 20 mg po q4h prn max 6/day"),
    ("morphine 1-2.5 mg sc q4h prn", "morphine 2.5 mg sc q4h prn"),
])
def test_a_naive_start_judges_the_top_of_a_range(ranged, top):
    """Every rule, the naive start included, says of a range what it says of its top."""
    naive = Patient(age=70, opioid_tolerant=False)
    said = {(f.severity.value, f.code) for f in check(Regimen((parse_item(ranged),)), naive)}
    alone = {(f.severity.value, f.code) for f in check(Regimen((parse_item(top),)), naive)}
    assert said - {("info", "dose-range")} == alone


def test_the_new_findings_carry_their_source():
    found = check(Regimen((parse_item("morphine 2.5-5 mg sc q1h prn"),)), Patient())
    assert all(f.source.strip() for f in found if f.code == "dose-range")
    empty = check(Regimen(()), Patient())
    assert [f.code for f in empty] == ["nothing-checked"] and empty[0].source.strip()
    assert empty[0].severity.value == "warning"
