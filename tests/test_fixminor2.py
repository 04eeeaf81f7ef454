"""Names and chart words after the second pharmacist's audit (finding 11).

The rules:

1. A suggestion one edit from the unknown name (Damerau: one letter changed, added, dropped or
   swapped) comes before names merely similar to it; the misspelling cutoff still applies.
2. The Japanese path offers only names close enough to be a misspelling, one per drug, each
   labelled with its drug and class, as the Latin path does.
3. Movicol and "macrogol 3350" are macrogol; Zapain and Solpadol are co-codamol 30/500.
4. "om" (omni mane) is once a day in the morning; "on" is not read (an English word of the item
   language). A volume without its concentration is refused with the item as it should be
   written.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mpsdose import UnitError, UnknownDrugError, parse_item
from mpsdose.io.japanese import parse_japanese
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.drugs import MISSPELLING_CUTOFF, SINGLE_ERROR, edit_distance, nearest_names
from tests.test_fixnames import MEANT, _held_out_misspellings

DATA = Path(__file__).parents[1] / "data"


# -- 1. one edit first --------------------------------------------------------------------------
@pytest.mark.parametrize(("a", "b", "distance"), [
    ("fentanil", "fentanyl", 1),      # one letter changed
    ("morfine", "morphine", 2),       # two changes
    ("oxycodne", "oxycodone", 1),     # one dropped
    ("alfentanill", "alfentanil", 1),  # one added
    ("methadoen", "methadone", 1),    # two neighbours swapped
    ("fentanil", "sufentanil", 2),    # contains it, two letters more
    ("abc", "abc", 0),
    ("", "abc", 3),
])
def test_edit_distance(a, b, distance):
    assert edit_distance(a, b) == distance == edit_distance(b, a)


def test_a_single_error_comes_before_a_higher_ratio():
    names = {"sufentanil": "sufentanil", "alfentanil": "alfentanil", "fentanyl": "fentanyl"}
    assert nearest_names("fentanil", names) == ["fentanyl", "alfentanil", "sufentanil"]
    # without the single-error name, the ratio orders the rest as before
    del names["fentanyl"]
    assert nearest_names("fentanil", names) == ["alfentanil", "sufentanil"]


def test_a_single_error_below_the_cutoff_is_still_not_offered():
    # "ab"/"ax" are one edit apart but their ratio is 0.5: too short to be a misspelling
    assert edit_distance("ab", "ax") == SINGLE_ERROR
    assert nearest_names("ab", {"ax": "x"}) == []
    assert MISSPELLING_CUTOFF > 0.5


def test_one_name_per_drug_the_single_error_one():
    # two names of one drug: the one a single edit away stands for it, not the higher ratio
    names = {"sufentanil": "x", "fentanyl": "x"}
    assert nearest_names("fentanil", names) == ["fentanyl"]


def test_every_held_out_misspelling_gets_its_drug_first():
    """All 75 distinct misspelt names of the held-out input rows put their drug first (74 did
    before: "fentanil" put fentanyl third)."""
    books = resolve(None).catalogue
    found = _held_out_misspellings()
    meant = {**MEANT, "fentanil": "fentanyl"}
    for name, error in found.items():
        assert error.suggestions, name
        if name in meant and books.get(error.suggestions[0]) is not None:
            assert books.resolve(error.suggestions[0]).name == meant[name], (name,
                                                                             error.suggestions)


def test_fentanil_is_offered_fentanyl_first():
    with pytest.raises(UnknownDrugError) as caught:
        parse_item("fentanil 25 mcg/h td")
    assert caught.value.suggestions[0] == "fentanyl"
    assert "'fentanyl' (an opioid), 'alfentanil'" in str(caught.value)


# -- 2. the Japanese path ------------------------------------------------------------------------
def _japanese_refused(text):
    with pytest.raises(UnknownDrugError) as caught:
        parse_japanese(text)
    return caught.value


def test_a_japanese_name_close_to_nothing_gets_no_other_drug():
    error = _japanese_refused("レバミピド錠100mg 1回1錠 1日3回 毎食後")
    assert error.suggestions == ()
    assert "`mpsdose drugs` lists the known drugs" in str(error)


@pytest.mark.parametrize(("text", "first", "described"), [
    ("ナルラピト錠2mg 1回1錠 疼痛時", "ナルラピド錠", "hydromorphone, an opioid"),   # a product
    ("オキシコンチソ錠5mg 1回1錠 1日2回", "オキシコンチン", "oxycodone, an opioid"),  # a brand
])
def test_a_japanese_misspelling_is_offered_its_drug_labelled(text, first, described):
    error = _japanese_refused(text)
    assert error.suggestions[0] == first
    assert error.suggested_drugs[0] == described
    assert len(error.suggested_drugs) == len(error.suggestions)
    assert f"'{first}' ({described})" in str(error)


# -- 3. names ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["Movicol 13.125 g po bd", "macrogol 3350 17 g po daily",
                                  "polyethylene glycol 3350 17 g po daily"])
def test_macrogol_names(text):
    item = parse_item(text)
    assert [d.name for d in item.drugs] == ["macrogol"]


@pytest.mark.parametrize("brand", ["Zapain", "Solpadol", "co-codamol"])
def test_co_codamol_brands(brand):
    item = parse_item(f"2 tab {brand} 30/500 mg po qds")
    assert [d.name for d in item.drugs] == ["codeine", "acetaminophen"]
    assert [item.daily(i) for i in item.ingredients] == pytest.approx([240, 4000])


@pytest.mark.parametrize("brand", ["Zapain", "Solpadol"])
def test_a_co_codamol_brand_is_only_its_marketed_strength(brand):
    with pytest.raises(Exception, match="not marketed as 8/500 mg"):
        parse_item(f"2 tab {brand} 8/500 mg po qds")


def test_the_new_rows_have_sources_and_grades():
    with (DATA / "drug_names.csv").open(newline="") as handle:
        names = {r["name"]: r for r in csv.DictReader(handle)}
    with (DATA / "combination_products.csv").open(newline="") as handle:
        products = {r["name"]: r for r in csv.DictReader(handle)}
    for row in (names["movicol"], names["macrogol 3350"], products["zapain"],
                products["solpadol"]):
        assert row["source"] and row["grade"] in {"P", "S"}
    assert products["zapain"]["market"] == products["solpadol"]["market"] == "uk"


# -- 4. chart words ------------------------------------------------------------------------------
def test_om_is_every_morning():
    assert parse_item("dexamethasone 8 mg po om").schedule == \
        parse_item("dexamethasone 8 mg po mane").schedule
    assert parse_item("dexamethasone 8 mg po om").daily() == pytest.approx(8)


def test_on_is_not_read_but_on_alternate_days_is():
    with pytest.raises(Exception, match="unexpected word"):
        parse_item("dexamethasone 8 mg po on")
    assert parse_item("morphine 10 mg po on alternate days").daily() == pytest.approx(5)


@pytest.mark.parametrize(("text", "shown"), [
    ("lactulose 15 mL po bd", "'lactulose 15 mL of STRENGTH po bd'"),
    ("lactulose 15mL po bd", "'lactulose 15mL of STRENGTH po bd'"),
    ("oxycodone 5 ml po q4h prn", "'oxycodone 5 ml of STRENGTH po q4h prn'"),
])
def test_a_volume_alone_says_what_to_write(text, shown):
    with pytest.raises(UnitError) as caught:
        parse_item(text)
    assert shown in str(caught.value)
    assert "write the concentration after the volume" in str(caught.value)


@pytest.mark.parametrize("text", ["lactulose 15 mL of 3.3 g/5 mL po bd",
                                  "oxycodone 5 mL of 5 mg/5 mL po q4h prn",
                                  "oxycodone 5 mg po q4h prn"])
def test_a_volume_with_its_concentration_or_a_mass_is_read(text):
    assert parse_item(text).daily() is not None or parse_item(text).prn
