"""The drug vocabulary (data/drug_vocabulary.csv): names of medicines the catalogue lacks, read by
`mpsdose read` as items of their own (reported, never totalled or checked), and what it must
never do — read a laboratory word as a drug, give a combination's amount to one of its parts,
override the curated list, or name a drug the catalogue checks."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mpsdose import DataError, Knowledge
from mpsdose.io.prose import read_course

DATA = Path(__file__).resolve().parent.parent / "data"


def _others(text: str, knowledge: Knowledge | None = None) -> list[tuple[str, str | None]]:
    reading = read_course(text, knowledge=knowledge)
    return [(o.name, str(o.daily_dose) if o.daily_dose else None) for o in reading.not_in_catalogue]


def _rows() -> list[dict[str, str]]:
    with (DATA / "drug_vocabulary.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_row_has_its_source_and_identifier():
    rows = _rows()
    assert len(rows) > 10_000
    for row in rows:
        assert row["source"].startswith("drug-named-entity-recognition "), row
        assert row["identifier"].split()[0] in ("DrugBank", "MedlinePlus"), row
        assert row["grade"] == "S"  # a compilation of the vocabularies, not their own pages


def test_no_everyday_or_laboratory_word_and_no_catalogue_name_is_a_name():
    names = {row["name"] for row in _rows()}
    catalogue = Knowledge.default().catalogue
    assert not {name for name in names if catalogue.get(name) is not None}
    # everyday words, analytes a report measures, parts never given alone, spellings of a
    # catalogue drug
    for word in ("water", "oxygen", "glucose", "iron", "albumin", "creatinine", "ferritin",
                 "potassium", "sodium", "cortisol", "tazobactam", "clavulanic acid",
                 "methylprednisone", "folinic acid"):
        assert word not in names, word


@pytest.mark.parametrize(("text", "want", "source"), [
    ("He had taken zopiclone 15 mg/day and perazine 100 mg/day.",
     [("zopiclone", "15 mg/day"), ("perazine", "100 mg/day")], "drug-named-entity-recognition"),
    ("She was on isosorbide mononitrate (60 mg/day).", [("isosorbide mononitrate", "60 mg/day")],
     "drug-named-entity-recognition"),
    # a brand the vocabulary gives, of a medicine the curated list names: that row's drug
    ("He received Advagraf 5 mg once daily.", [("tacrolimus", "5 mg/day")], "other_drug_names"),
])
def test_a_medicine_of_the_vocabulary_is_read_and_said(text, want, source):
    assert _others(text) == want
    reading = read_course(text)
    said = [f.finding for f in reading.findings if f.finding.code == "not-in-catalogue"]
    assert len(said) == len(want)
    assert not [f for f in reading.findings if f.finding.code == "unknown-name"]
    curated = {o.name for o in reading.not_in_catalogue
               if "drug-named-entity-recognition" not in o.source}
    assert bool(curated) == (source == "other_drug_names"), curated


@pytest.mark.parametrize(("text", "want"), [
    # a combination's parts side by side: the product
    ("She was treated with piperacillin tazobactam (4.5 g IV q.i.d.) for 7 days.",
     [("piperacillin + tazobactam", "18 g/day")]),
    ("Antibiotics: amoxicillin clavulanate (1 g tid) were given.",
     [("amoxicillin + clavulanic acid", "3 g/day")]),
    # a part never given alone, named alone: not a drug of its own
    ("The antibiotic therapy was escalated to Tazobactam (3 × 4.5 g/d).", []),
    # "X sodium and Y sodium (3 g bid)": one product's amount, not the second part's — since
    # prosefix129130 lists ceftriaxone + sulbactam (dosed as the vial's total), the product's
    ("After admission, ceftriaxone sodium and sulbactam sodium (3 g bid) were used.",
     [("ceftriaxone + sulbactam", "6 g/day")]),
])
def test_a_combinations_amount_is_never_one_parts(text, want):
    assert _others(text) == want


def test_two_medicines_joined_by_and_keep_their_own_amounts():
    assert _others("He took zopiclone 7.5 mg at night and metformin and glimepiride 2 mg daily.") \
        == [("zopiclone", "7.5 mg/day"), ("glimepiride", "2 mg/day")]


def test_a_brand_in_brackets_after_its_medicine_is_that_mention():
    # AmBisome is amphotericin B liposomal in the vocabulary: the bracket is the mention's brand,
    # and "daily" after it is the first name's schedule
    text = ("The therapy was changed to intravenous 325-mg amphotericin B (Ambisome, Yuhan "
            "Pharma, Seoul, Korea) daily.")
    assert _others(text) == [("amphotericin b", "325 mg/day")]


def test_the_curated_list_wins_and_its_brand_names_its_drug():
    # Diamox: a vocabulary brand of acetazolamide, which other_drug_names.csv lists (WHO list)
    text = "She took tablet Diamox (acetazolamide) 250 mg every 12 hours."
    reading = read_course(text)
    assert [(o.name, str(o.daily_dose)) for o in reading.not_in_catalogue] \
        == [("acetazolamide", "500 mg/day")]
    assert "WHO Model List" in reading.not_in_catalogue[0].source


def test_sites_before_and_are_the_drug_before():
    text = ("Eye medications including gutt Zaditen Ophtha (Ketotifen Fumarate) every 8 hours in "
            "both eyes and tablet Diamox (acetazolamide) 250 mg every 12 hours were given.")
    assert ("acetazolamide", "500 mg/day") in _others(text)


def test_a_maximum_recommended_dosage_is_no_dose():
    text = ("He took up to 200 mg daily of loperamide (maximum recommended dosage 16 mg per day) "
            "and tramadol 50 mg twice daily (maximum recommended dosage 400 mg per day).")
    reading = read_course(text)
    assert [(i.drug.name, str(i.daily_dose)) for i in reading.items if i.daily_dose] \
        == [("tramadol", "100 mg/day")]
    assert ("loperamide", "16 mg/day") not in _others(text)


def test_a_bundle_without_the_vocabulary_reads_as_before(tmp_path):
    # a folder that replaces the vocabulary with an empty one: zopiclone is a name on no list
    (tmp_path / "drug_vocabulary.csv").write_text(
        "name,drug,kind,identifier,source,grade\n", encoding="utf-8")
    knowledge = Knowledge.load(tmp_path)
    assert _others("He had taken zopiclone 15 mg/day.", knowledge) == []


def test_a_catalogue_name_in_the_vocabulary_is_refused(tmp_path):
    (tmp_path / "drug_vocabulary.csv").write_text(
        "name,drug,kind,identifier,source,grade\n"
        "morphine,morphine,generic,DrugBank DB00295,a test,S\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"drug_vocabulary\.csv.*'morphine' is a name the catalogue"):
        Knowledge.load(tmp_path).check()
