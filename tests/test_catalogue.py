"""The catalogue loader on tiny inline data, and name resolution on the shipped catalogue."""

from __future__ import annotations

import pytest

from mpsdose import DataError, Route, UnknownDrugError, default_catalogue
from mpsdose.model.drugs import Catalogue

DRUGS = """drug,drug_class,atc_code,routes,forms,natural_unit,source,notes
morphine,opioid,N02AA01,oral sc,tablet injection,mg/day,test source,
acetaminophen,acetaminophen,N02BE01,oral,tablet,g/day,test source,
"""
NAMES = """name,drug,kind,source
paracetamol,acetaminophen,inn,test source
"""


def _write(tmp_path, drugs=DRUGS, names=NAMES):
    (tmp_path / "drugs.csv").write_text(drugs)
    (tmp_path / "drug_names.csv").write_text(names)
    return Catalogue.from_files(tmp_path / "drugs.csv", tmp_path / "drug_names.csv")


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
        (DRUGS.replace("test source,\nacet", ",\nacet"), NAMES, "drugs.csv:2", "source"),
        (DRUGS + DRUGS.splitlines()[1] + "\n", NAMES, "drugs.csv:4", "duplicate"),
        (DRUGS, NAMES + "tylenol,paracetamol,brand,x\n", "drug_names.csv:3", "unknown drug"),
        (DRUGS, NAMES + "paracetamol,morphine,brand,x\n", "drug_names.csv:3", "already"),
        (DRUGS.replace("mg/day,test", "mg,test"), NAMES, "drugs.csv:2", "natural_unit"),
        ("drug,routes\n", NAMES, "drugs.csv:1", "missing column"),
    ],
    ids=["bad class", "bad route", "no source", "duplicate", "dangling name", "name twice",
         "bad unit", "missing column"],
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
