"""The catalogue loader on tiny inline data, and name resolution on the shipped catalogue."""

from __future__ import annotations

import pytest

from mpsdose import DataError, Knowledge, Route, UnknownDrugError, default_catalogue

DRUGS = """drug,drug_class,atc_code,routes,forms,natural_unit,source,grade,notes
morphine,opioid,N02AA01,oral sc,tablet injection,mg/day,test source,S,
acetaminophen,acetaminophen,N02BE01,oral,tablet,g/day,test source,S,
"""
NAMES = """name,drug,kind,source,grade
paracetamol,acetaminophen,inn,test source,S
"""


def _write(tmp_path, drugs=DRUGS, names=NAMES):
    (tmp_path / "drugs.csv").write_text(drugs)
    (tmp_path / "drug_names.csv").write_text(names)
    return Knowledge.load(tmp_path, shipped=False).catalogue


def test_tiny_catalogue(tmp_path):
    books = _write(tmp_path)
    assert books.resolve("Paracetamol").name == "acetaminophen"
    assert books.resolve("morphine").routes == frozenset({Route.ORAL, Route.SC})
    assert books.resolve("acetaminophen").natural_unit.symbol == "g/day"


@pytest.mark.parametrize(
    ("drugs", "names", "where", "words"),
    [
        (DRUGS.replace("opioid", "opiate"), NAMES, "drugs.csv:2", "drug_class"),
        (DRUGS.replace("oral sc", "oral nose"), NAMES, "drugs.csv:2", "nose"),
        (DRUGS.replace("test source,S,\nacet", ",S,\nacet"), NAMES, "drugs.csv:2, column source",
         "required"),
        (DRUGS.replace(",S,\nacet", ",X,\nacet"), NAMES, "drugs.csv:2, column grade", "'X'"),
        (DRUGS + DRUGS.splitlines()[1] + "\n", NAMES, "drugs.csv:4", "repeats line 2"),
        (DRUGS, NAMES + "tylenol,paracetamol,brand,x,S\n", "drug_names.csv:3, column drug",
         "unknown drug"),
        (DRUGS, NAMES + "paracetamol,morphine,brand,x,S\n", "drug_names.csv:3", "repeats line 2"),
        (DRUGS.replace("mg/day,test", "mg,test"), NAMES, "drugs.csv:2, column natural_unit",
         "'mg'"),
        ("drug,routes\n", NAMES, "drugs.csv:1", "missing column"),
        (DRUGS.replace("natural_unit", "natural_units"), NAMES, "drugs.csv:1", "unknown column"),
    ],
    ids=["bad class", "bad route", "no source", "bad grade", "duplicate", "dangling name",
         "name twice", "bad unit", "missing column", "misspelt column"],
)
def test_bad_catalogue_data_names_file_and_line(tmp_path, drugs, names, where, words):
    with pytest.raises(DataError) as caught:
        _write(tmp_path, drugs, names)
    assert where in str(caught.value)
    assert words in str(caught.value)


def test_unknown_drug_suggests_nearest_names():
    with pytest.raises(UnknownDrugError) as caught:
        default_catalogue().resolve("hydromorphon")
    assert "hydromorphone" in caught.value.suggestions
    assert isinstance(caught.value, LookupError)


@pytest.mark.parametrize(
    ("name", "drug"),
    [("paracetamol", "acetaminophen"), ("pethidine", "meperidine"), ("APAP", "acetaminophen")
     if default_catalogue().get("apap") else ("acetaminophen", "acetaminophen"),
     ("OxyContin", "oxycodone"), ("Lyrica", "pregabalin"), ("Loxonin", "loxoprofen"),
     ("Duragesic", "fentanyl")],
)
def test_inn_usan_and_brand_names_resolve_to_one_drug(name, drug):
    assert default_catalogue().resolve(name).name == drug
