"""The shipped ``release`` of brand names (``data/drug_names.csv``): held to its sources, read by
the item language and the prose reader, and judged by ``check`` as the written release is."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpsdose import (
    ItemSyntaxError,
    Patient,
    Regimen,
    Route,
    check,
    default_catalogue,
    parse_item,
    read_course,
)
from mpsdose.model.findings import Severity
from mpsdose.model.vocabulary import RELEASES

DATA = Path(__file__).resolve().parents[2] / "data"
BOOKS = default_catalogue()
BRANDS = sorted(BOOKS.releases.items())


def _rows(name):
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_brands_the_held_out_writer_named_have_their_release():
    """Round 18's writer found OxyContin read as a release-less oxycodone (YO18)."""
    expected = {"oxycontin": "er", "ms contin": "er", "mst continus": "er", "zomorph": "er",
                "longtec": "er", "narusus": "er", "exalgo": "er", "hysingla": "er",
                "zohydro": "er", "oxynorm": "ir", "oxinorm": "ir", "shortec": "ir",
                "sevredol": "ir"}
    assert {name: BOOKS.release(name) for name in expected} == expected


@pytest.mark.parametrize("name", ["oramorph", "palladone", "opana", "ultram", "zydol",
                                  "zamadol", "tramal", "nucynta", "palexia"])
def test_a_brand_of_both_release_forms_has_none(name):
    """Oramorph and Oramorph SR, Nucynta and Nucynta ER …: the name alone does not say."""
    assert BOOKS.get(name) is not None
    assert BOOKS.release(name) is None


def test_every_release_row_is_an_oral_opioid_brand_with_its_release_source():
    rows = [row for row in _rows("drug_names.csv") if row["release"]]
    assert len(rows) == len(BRANDS) > 20
    for row in rows:
        drug = BOOKS.drugs[row["drug"]]
        assert row["kind"] == "brand", row["name"]
        # an oral opioid brand, or paracetamol 665 mg modified-release (Panadol Osteo, audit)
        assert (drug.is_opioid or row["name"] == "panadol osteo") and Route.ORAL in drug.routes, \
            row["name"]
        claim = row["source"].split("; release", 1)[-1]  # the release's own sources
        assert "; release" in row["source"] or row["name"] == "exalgo", row["name"]
        assert re.search(_SAYS[row["release"]], claim, re.IGNORECASE), row["name"]
        assert re.search(r"\[[PS]\]", claim), row["name"]


#: What a source says of each release: the label's words, or the product row it is taken from.
_SAYS = {"er": r"(?:extended|prolonged|sustained|modified)[ -]release|\(oral, er\)",
         "ir": r"immediate[ -]release|marked 'IR'|\(oral, ir\)"}


def test_a_release_taken_from_products_csv_agrees_with_its_product():
    """narusus, narurapid, oxinorm, opso, tapenta: the release of the Japanese product named."""
    products = _rows("products.csv")
    checked = 0
    for row in _rows("drug_names.csv"):
        found = re.search(r"as data/products\.csv (\S+) \(oral, (ir|er)\)", row["source"])
        if not found:
            continue
        product, release = found.groups()
        matching = [p for p in products if p["product"] == product and p["route"] == "oral"]
        assert matching, product
        assert {p["release"] for p in matching} == {release} == {row["release"]}, product
        assert {p["drug"] for p in matching} == {row["drug"]}, product
        checked += 1
    assert checked == 5


@given(st.sampled_from(BRANDS), st.integers(1, 200))
def test_every_brand_with_a_release_gives_it_to_its_item(brand, strength):
    name, release = brand
    item = parse_item(f"{name} {strength} mg po q12h")
    assert item.release == release
    assert item.drug.name == BOOKS.resolve(name).name


@given(st.sampled_from(BRANDS), st.sampled_from(sorted(RELEASES)))
def test_every_brand_refuses_the_other_release_and_keeps_its_own(brand, spelling):
    name, release = brand
    text = f"{name} {spelling} 10 mg po q12h"
    if RELEASES[spelling] == release:
        assert parse_item(text).release == release
    else:
        with pytest.raises(ItemSyntaxError, match=re.escape(repr(name))):
            parse_item(text)


# -- check judges a brand as its release -------------------------------------------------------
def _raised(items, market, patient):
    found = check(Regimen.parse(items), patient, market=market)
    return sorted((f.severity.value, f.code) for f in found if f.severity is not Severity.INFO)


NAIVE = Patient(age=70, weight_kg=55, opioid_tolerant=False)


@pytest.mark.parametrize("market", [None, "us", "uk", "jp"])
@pytest.mark.parametrize(
    ("brand", "written"),
    [("oxycontin 10 mg po q12h", "oxycodone er 10 mg po q12h"),
     ("ms contin 30 mg po q12h", "morphine er 30 mg po q12h"),
     ("zomorph 30 mg po q12h", "morphine er 30 mg po q12h"),
     ("narusus 24 mg po daily", "hydromorphone er 24 mg po daily"),
     ("oxynorm 5 mg po q4h prn max 4/day", "oxycodone ir 5 mg po q4h prn max 4/day")],
)
def test_a_brand_is_judged_as_its_release_written(brand, written, market):
    assert _raised([brand], market, NAIVE) == _raised([written], market, NAIVE)


@pytest.mark.parametrize("market", [None, "us", "uk", "jp"])
def test_an_mr_brand_is_not_judged_by_the_per_dose_start_of_4_hourly_doses(market):
    """The naive start per dose is written for immediate-release doses every 4 to 6 hours: a
    12-hourly OxyContin 10 mg (the label's own start) is not above it; the same dose with no
    release written is (round 18, YO18)."""
    assert ("warning", "opioid-naive-start") in _raised(["oxycodone 10 mg po q12h"], market,
                                                        NAIVE)
    assert _raised(["oxycontin 10 mg po q12h"], market, NAIVE) == []


# -- other readers ------------------------------------------------------------------------------
def test_the_prose_reader_reads_a_brand_release():
    (item,) = read_course("He was taking Zomorph 60 mg BD for pain.").items
    assert (item.drug.name, item.release) == ("morphine", "er")
    (item,) = read_course("She took 20 mg oxycodone (Oxycontin) BD.").items
    assert item.release == "er"


def test_a_catalogue_name_holding_a_number_parses():
    item = parse_item("polyethylene glycol 3350 17 g po daily")
    assert item.drug.name == "macrogol"
    assert item.daily() == pytest.approx(17000.0)
