"""The item language on tiny inline data: a brand's release (``drug_names.csv`` column
``release``) and catalogue names that hold a number ("polyethylene glycol 3350")."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mpsdose
from mpsdose import DataError, ItemSyntaxError, Knowledge, MpsdoseError
from mpsdose.model.vocabulary import RELEASES

DRUGS = """drug,drug_class,atc_code,routes,forms,natural_unit,source,grade,notes
morphine,opioid,N02AA01,oral sc,tablet capsule injection,mg/day,test source,S,
oxycodone,opioid,N02AA05,oral sc,tablet injection,mg/day,test source,S,
fentanyl,opioid,N02AB03,iv transdermal,injection patch,mg/day,test source,S,
"""
NAMES = """name,drug,kind,release,source,grade
slowmorph,morphine,brand,er,test label: prolonged-release tablets,S
quick morph,morphine,brand,ir,test label: immediate-release tablets,S
spanmorph,morphine,brand,,test label: tablets and prolonged-release tablets,S
mix 10,morphine,brand,,test name holding a number,S
mix 10 20,oxycodone,brand,er,test name holding a number and a release,S
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny")
    (folder / "drugs.csv").write_text(DRUGS)
    (folder / "drug_names.csv").write_text(NAMES)
    return Knowledge.load(folder, shipped=False)


def parse(text, knowledge):
    return mpsdose.parse_item(text, knowledge=knowledge)


@pytest.mark.parametrize(
    ("text", "release"),
    [("slowmorph 30 mg po q12h", "er"), ("quick morph 10 mg po q4h", "ir"),
     ("slowmorph 30 mg q12h", "er"),  # route not written: oral assumed, the brand's release set
     ("Slowmorph 30mg PO every 12 hours", "er"), ("spanmorph 30 mg po q12h", None),
     ("morphine 30 mg po q12h", None)],
    ids=["er brand", "ir brand", "route assumed", "spelling", "brand of both", "drug name"],
)
def test_a_brand_sets_its_release_where_the_item_writes_none(tiny, text, release):
    assert parse(text, tiny).release == release


@pytest.mark.parametrize(
    "text",
    ["slowmorph er 30 mg po q12h", "slowmorph cr 30 mg po q12h", "slowmorph long-acting 30 mg "
     "po q12h", "slowmorph modified release 30 mg po q12h", "quick morph ir 10 mg po q4h",
     "spanmorph er 30 mg po q12h"],
)
def test_a_written_release_the_brand_agrees_with_stays_as_written(tiny, text):
    written = next(RELEASES[w] for w in (*text.split(), "long-acting", "modified release")
                   if w in RELEASES and w in text)
    assert parse(text, tiny).release == written


@pytest.mark.parametrize(
    ("text", "written", "brand"),
    [("slowmorph ir 30 mg po q12h", "ir", "slowmorph"),
     ("slowmorph short-acting 30 mg po q12h", "short-acting", "slowmorph"),
     ("quick morph sr 10 mg po q4h", "sr", "quick morph"),
     ("quick morph 10 mg po q4h extended release", "extended release", "quick morph"),
     ("slowmorph ir 30 mg sc q12h", "ir", "slowmorph")],
    ids=["ir on er", "short-acting on er", "sr on ir", "phrase after the amount", "any route"],
)
def test_a_written_release_that_contradicts_the_brand_is_refused_naming_both(tiny, text, written,
                                                                            brand):
    with pytest.raises(ItemSyntaxError) as caught:
        parse(text, tiny)
    message = str(caught.value)
    assert repr(written) in message and repr(brand) in message
    assert ("extended-release" in message) == (brand == "slowmorph")
    assert isinstance(caught.value, ValueError)
    assert "\n" not in message


def test_the_brand_release_is_that_of_its_oral_forms(tiny):
    """A brand given by another route takes no release from the brand (its injection, its
    tablets given rectally): the release column speaks of the oral forms."""
    assert parse("slowmorph 10 mg sc q12h", tiny).release is None


def test_a_brand_item_formats_to_the_drug_with_its_release_and_reads_back_equal(tiny):
    item = parse("slowmorph 30 mg po q12h", tiny)
    text = mpsdose.format_item(item)
    assert text == "morphine er 30 mg po q12h"
    assert parse(text, tiny) == item


@given(st.sampled_from(["slowmorph", "quick morph"]), st.integers(1, 400),
       st.sampled_from(sorted(RELEASES)))
def test_a_brand_item_has_the_brand_release_or_is_refused(tiny, brand, strength, spelling):
    """For any written release: the brand's own (written or not) is kept; any other is refused,
    never silently replaced by either."""
    own = {"slowmorph": "er", "quick morph": "ir"}[brand]
    plain = parse(f"{brand} {strength} mg po q12h", tiny)
    assert plain.release == own
    text = f"{brand} {spelling} {strength} mg po q12h"
    if RELEASES[spelling] == own:
        assert parse(text, tiny).release == own
    else:
        with pytest.raises(ItemSyntaxError):
            parse(text, tiny)


# -- names holding a number ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "drug", "daily"),
    [("mix 10 5 mg po q4h", "morphine", 30.0),
     ("mix 10 20 5 mg po q12h", "oxycodone", 10.0),  # the longest name first
     ("mix 10 20 mg po q4h", "oxycodone", None),  # "mix 10 20", then a unit with no number
     ("MIX 10 5mg po q4h", "morphine", 30.0)],
    ids=["name with a number", "longest name", "unit without number", "case"],
)
def test_a_catalogue_name_holding_a_number_is_read_whole_before_numbers(tiny, text, drug, daily):
    if daily is None:
        with pytest.raises(ItemSyntaxError, match="has no number before it"):
            parse(text, tiny)
        return
    item = parse(text, tiny)
    assert item.drug.name == drug
    assert item.daily() == pytest.approx(daily)


def test_the_longest_numbered_name_carries_its_release(tiny):
    assert parse("mix 10 20 5 mg po q12h", tiny).release == "er"


@pytest.mark.parametrize(
    "text", ["mix 100 5 mg po q4h", "morphine 10 po q4h", "mix 10 5 po q4h", "morphine 10 20 mg"],
    ids=["not the name", "number without unit", "after the name", "two numbers"],
)
def test_a_number_that_is_not_part_of_a_name_still_needs_its_unit(tiny, text):
    with pytest.raises(MpsdoseError):
        parse(text, tiny)


# -- the column, checked when the file is read --------------------------------------------------
@pytest.mark.parametrize(
    ("names", "words"),
    [(NAMES + "morphine,morphine,canonical,er,x,S\n", "a drug's own name"),
     (NAMES + "duragesic,fentanyl,brand,er,x,S\n", "no oral route"),
     (NAMES + "fastmorph,morphine,brand,xr,x,S\n", "use ir or er")],
    ids=["on the drug's own name", "no oral route", "not ir or er"],
)
def test_a_release_where_it_cannot_be_is_refused_with_file_and_line(tmp_path, names, words):
    (tmp_path / "drugs.csv").write_text(DRUGS)
    (tmp_path / "drug_names.csv").write_text(names)
    with pytest.raises(DataError) as caught:
        _ = Knowledge.load(tmp_path, shipped=False).catalogue
    assert "drug_names.csv:7" in str(caught.value)
    assert words in str(caught.value)


def test_a_names_file_without_the_column_still_loads(tmp_path):
    """A hospital's own drug_names.csv written before the column existed."""
    (tmp_path / "drugs.csv").write_text(DRUGS)
    (tmp_path / "drug_names.csv").write_text(
        "name,drug,kind,source,grade\nslowmorph,morphine,brand,x,S\n")
    local = Knowledge.load(tmp_path, shipped=False)
    assert parse("slowmorph 30 mg po q12h", local).release is None
