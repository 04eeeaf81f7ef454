"""Regimen and course files (CONTRACT.md §4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpsdose import (
    Course,
    Hepatic,
    Patient,
    Regimen,
    RegimenFileError,
    State,
    dumps,
    load,
    load_regimen,
    loads,
    save,
)
from tests.strategies import regimens

patients = st.builds(
    Patient,
    age=st.none() | st.integers(18, 100).map(float),
    weight_kg=st.none() | st.floats(30, 150),
    crcl_ml_min=st.none() | st.floats(5, 150),
    hepatic=st.none() | st.sampled_from(Hepatic),
    opioid_tolerant=st.none() | st.booleans(),
    conditions=st.lists(st.sampled_from(["copd", "sleep-apnoea"]), unique=True).map(tuple),
)


@given(regimens, patients, st.none() | st.text(max_size=30), st.sampled_from(["toml", "json"]))
def test_regimen_file_round_trip(regimen, patient, label, syntax):
    regimen = Regimen(regimen.items, label, patient)
    assert loads(dumps(regimen, syntax), syntax) == regimen


@given(st.lists(regimens, min_size=1, max_size=4), patients, st.sampled_from(["toml", "json"]))
def test_course_file_round_trip(regimens_, patient, syntax):
    states = tuple(
        State(f"state {i}", Regimen(r.items, f"state {i}"), day=float(i), note="n")
        for i, r in enumerate(regimens_)
    )
    course = Course(states, patient, "a course")
    assert loads(dumps(course, syntax), syntax) == course


def test_items_as_tables_and_strings(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('''
label = "mixed"
items = [
  "oxycodone er 10 mg po q12h",
  {drug = "acetaminophen", dose = 1, unit = "g", route = "po", frequency = "qid"},
  {drug = "oxycodone", form = "ir", dose = 5, unit = "mg", route = "po", prn = true, max_prn_per_day = 4},
  {drug = "fentanyl", route = "iv", frequency = "continuous"},
]

[patient]
age = 71
crcl_ml_min = 28
hepatic = "mild"
opioid_tolerant = true
''')
    regimen = load(path)
    assert isinstance(regimen, Regimen)
    assert [i.drug.name for i in regimen.items] == ["oxycodone", "acetaminophen", "oxycodone",
                                                    "fentanyl"]
    assert regimen.items[1].daily() == pytest.approx(4000)
    assert regimen.items[2].daily() == pytest.approx(20)
    assert not regimen.items[3].dose_known
    assert regimen.patient == Patient(age=71, crcl_ml_min=28, hepatic=Hepatic.MILD,
                                      opioid_tolerant=True)
    save(regimen, tmp_path / "again.json")
    assert load(tmp_path / "again.json") == regimen


def test_course_states(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('''
[patient]
age = 60
[[states]]
label = "admission"
items = ["oxycodone 20 mg/day"]
[[states]]
label = "titrated"
day = 5
items = ["oxycodone 60 mg/day"]
''')
    assert load_regimen(path).items[0].daily() == 60
    assert load_regimen(path, state="Admission").items[0].daily() == 20
    assert load_regimen(path).patient.age == 60
    with pytest.raises(RegimenFileError, match="admission, titrated"):
        load_regimen(path, state="switch")


BAD_FILES = [
    ("bad TOML", "items = [", "bad TOML"),
    ("unknown key", 'itmes = ["oxycodone 20 mg/day"]', "itmes"),
    ("bad item", 'items = ["oxycodne 20 mg/day"]', "items[0]"),
    ("item not a string", "items = [3]", "items[0]"),
    ("bad patient", 'items = []\n[patient]\nhepatic = "awful"', "hepatic"),
    ("negative age", "items = []\n[patient]\nage = -3", "age"),
    ("state without label", '[[states]]\nitems = []', "label"),
    ("item table without unit", 'items = [{drug = "oxycodone", dose = 5}]', "unit"),
    ("FHIR resource of another kind", 'resourceType = "Patient"', "resourceType"),
]


@pytest.mark.parametrize(("name", "text", "words"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_say_where(tmp_path, name, text, words):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(RegimenFileError) as caught:
        load(path)
    assert words in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_file_and_wrong_extension(tmp_path):
    with pytest.raises(RegimenFileError, match="cannot read"):
        load(tmp_path / "nope.toml")
    (tmp_path / "r.txt").write_text("")
    with pytest.raises(RegimenFileError, match=r"\.toml or \.json"):
        load(tmp_path / "r.txt")
