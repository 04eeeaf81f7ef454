"""Medicines the catalogue does not cover (issue 13): named as such, and checked around.

The rule: a name the catalogue (``drugs.csv``) lacks but the knowledge knows as a medicine
(``other_drug_names.csv``, ``drug_vocabulary.csv``; as written or without its salt words) is
refused as *that medicine*, with no spelling suggestions — they would name another drug (baclofen
is not diclofenac). With ``--allow-unlisted`` (``allow_unlisted=True``) ``check`` keeps such an
item out of every rule and names it with one ``not-in-catalogue`` warning: the other items are
checked exactly as without it. A name that is no known medicine ("oxycodon") is refused with the
nearest catalogue names, flag or not.
"""

from __future__ import annotations

import json
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mpsdose import Patient, Regimen, Severity, UnknownDrugError, check, parse_item
from mpsdose.cli import main
from mpsdose.clinical.safety import check_course
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.drugs import without_salt
from tests.strategies import regimens

#: (as written, the medicine it is, the file that names it): both vocabularies, salt words and
#: a brand among them.
MEDICINES = [
    ("baclofen", "baclofen", "other_drug_names.csv"),
    ("levetiracetam", "levetiracetam", "other_drug_names.csv"),
    ("keppra", "levetiracetam", "drug_vocabulary.csv"),  # a brand of a curated medicine
    ("sodium valproate", "valproic acid", "other_drug_names.csv"),
    ("valproate sodium", "valproic acid", "other_drug_names.csv"),  # salt word after the name
    ("tamsulosin", "tamsulosin", "drug_vocabulary.csv"),
    ("tamsulosin hydrochloride", "tamsulosin", "drug_vocabulary.csv"),
    ("finasteride", "finasteride", "drug_vocabulary.csv"),
]

#: Misspellings of catalogue drugs: no known medicine, so refused with the nearest names.
MISSPELT = [("oxycodon", "oxycodone"), ("morphne", "morphine"), ("hydromorphon", "hydromorphone")]


def _item(name: str) -> str:
    return f"{name} 10 mg po bid"


def _codes(found):
    return [f.code for f in found]


# -- the error -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("written", "medicine", "listed_in"), MEDICINES,
                         ids=[m[0] for m in MEDICINES])
def test_a_known_medicine_is_named_as_one_with_no_suggestions(written, medicine, listed_in):
    with pytest.raises(UnknownDrugError) as caught:
        parse_item(_item(written))
    error = caught.value
    assert isinstance(error, LookupError)
    assert error.medicine == medicine
    assert error.suggestions == ()
    assert error.medicine_source
    message = str(error)
    assert "did you mean" not in message
    assert "does not cover" in message and "--allow-unlisted" in message
    assert repr(written) in message
    k = resolve(None)
    table = k.other_drugs if listed_in == "other_drug_names.csv" else k.drug_vocabulary
    assert (table.get(written) or table.get(without_salt(written))) is not None


def test_baclofen_is_not_offered_as_diclofenac():
    with pytest.raises(UnknownDrugError) as caught:
        parse_item("baclofen 10 mg po tid")
    assert "diclofenac" not in str(caught.value)


@pytest.mark.parametrize(("written", "nearest"), MISSPELT, ids=[m[0] for m in MISSPELT])
def test_a_misspelling_keeps_todays_error_and_suggestions(written, nearest):
    with pytest.raises(UnknownDrugError) as caught:
        parse_item(_item(written))
    error = caught.value
    assert error.medicine is None and error.medicine_source is None
    assert nearest in error.suggestions
    assert str(error).startswith(f"unknown drug {written!r}")
    assert "did you mean" in str(error)


def _names_of_catalogue_drugs():
    """Names the vocabularies give to drugs the catalogue holds under other names."""
    k = resolve(None)
    return sorted((name, other.name) for table in (k.other_drugs, k.drug_vocabulary)
                  for name, other in table.items() if k.catalogue.get(other.name) is not None)


@pytest.mark.parametrize(("written", "drug"), _names_of_catalogue_drugs()[::9])
def test_a_vocabulary_name_of_a_catalogue_drug_is_never_a_medicine_left_unchecked(written, drug):
    """"epanutin" is phenytoin, which the catalogue checks: it is not a medicine the catalogue
    does not cover, is refused with that drug first, and is never kept unchecked."""
    assert resolve(None).medicine(written) is None
    with pytest.raises(UnknownDrugError) as caught:
        parse_item(f"{written} dose unknown")
    assert caught.value.medicine is None and caught.value.suggestions[0] == drug
    regimen = Regimen.parse([f"{written} dose unknown"], allow_unlisted=True)
    with pytest.raises(UnknownDrugError):
        check(regimen, allow_unlisted=True)


def test_the_error_pickles_with_its_medicine():
    with pytest.raises(UnknownDrugError) as caught:
        parse_item("levetiracetam 500 mg po bid")
    again = pickle.loads(pickle.dumps(caught.value))
    assert (again.medicine, again.suggestions, str(again)) == (
        "levetiracetam", (), str(caught.value))


@pytest.mark.parametrize("command", ["check", "total", "convert"])
def test_cli_names_the_medicine_in_one_line_exit_2(runner, command):
    args = [command, "baclofen 10 mg po tid", "oxycodone er 10 mg po q12h"]
    if command == "convert":
        args += ["--to", "morphine po"]
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert "'baclofen' is a medicine mpsdose's catalogue does not cover" in lines[0]
    assert "did you mean" not in lines[0] and "diclofenac" not in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["check", "total"])
def test_cli_json_error_document_carries_the_medicine(runner, command):
    result = runner.invoke(main, [command, "sodium valproate 200 mg po bid", "--json"])
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]  # validated against `mpsdose schema error`
    assert error["type"] == "UnknownDrugError"
    assert error["medicine"] == "valproic acid" and error["suggestions"] == []
    assert error["medicine_source"]


@pytest.mark.parametrize("command", ["check", "total"])
def test_cli_misspelling_keeps_suggestions(runner, command):
    result = runner.invoke(main, [command, "oxycodon 10 mg po bid", "--json"])
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["medicine"] is None and "oxycodone" in error["suggestions"]
    assert "did you mean" in result.stderr


# -- check --allow-unlisted ---------------------------------------------------------------------
@pytest.mark.parametrize(("written", "medicine", "listed_in"), MEDICINES,
                         ids=[m[0] for m in MEDICINES])
def test_allow_unlisted_keeps_a_known_medicine_with_one_warning(written, medicine, listed_in):
    regimen = Regimen.parse([_item(written), "oxycodone er 10 mg po q12h"], allow_unlisted=True)
    found = check(regimen, Patient(age=60), allow_unlisted=True)
    said = [f for f in found if f.code == "not-in-catalogue"]
    assert len(said) == 1
    (finding,) = said
    assert finding.severity.value == "warning"
    assert finding.item == str(regimen.items[0])
    assert repr(_item(written)) in finding.message  # the item as written
    assert "not checked" in finding.message
    other = resolve(None).medicine(written)
    assert other is not None and other.name == medicine
    assert other.source in finding.source and "ISMP" in finding.source


def test_one_finding_per_unlisted_item():
    items = ["baclofen 10 mg po tid", "levetiracetam 500 mg po bid", "baclofen 5 mg po prn",
             "morphine 10 mg po q4h"]
    regimen = Regimen.parse(items, allow_unlisted=True)
    found = check(regimen, allow_unlisted=True)
    assert _codes(found).count("not-in-catalogue") == 3


@pytest.mark.parametrize(("written", "nearest"), MISSPELT, ids=[m[0] for m in MISSPELT])
def test_a_misspelling_is_refused_even_with_the_flag(written, nearest):
    regimen = Regimen.parse([_item(written)], allow_unlisted=True)  # total's looser keeping
    with pytest.raises(UnknownDrugError) as caught:
        check(regimen, allow_unlisted=True)
    assert nearest in caught.value.suggestions
    previous = Regimen.parse([_item(written)], allow_unlisted=True)
    with pytest.raises(UnknownDrugError):
        check(Regimen.parse(["morphine 10 mg po q4h"]), previous=previous, allow_unlisted=True)


def test_without_the_flag_the_library_check_does_not_refuse_but_still_names_the_item():
    regimen = Regimen.parse(["baclofen 10 mg po tid", "morphine 10 mg po q4h"],
                            allow_unlisted=True)
    assert _codes(check(regimen)).count("not-in-catalogue") == 1


#: Regimens beside each rule family, each with the patient and options that wake it.
FAMILIES = [
    pytest.param(["oxycodone er 10 mg po q12h", "diazepam 5 mg po tid"], {}, id="opioid-benzo"),
    pytest.param(["ibuprofen 400 mg po tid", "apixaban 5 mg po bid"], {}, id="nsaid-doac"),
    pytest.param(["ibuprofen 800 mg po qid"], {"patient": Patient(age=80, crcl_ml_min=25)},
                 id="nsaid-limits-renal-age"),
    pytest.param(["hydromorphone 500 mg po qid"], {}, id="opioid-unit-slip"),
    pytest.param(["morphine ir 60 mg po q4h"],
                 {"patient": Patient(age=80, opioid_tolerant=False)}, id="opioid-naive"),
    pytest.param(["oxycodone 40 mg/day sc continuous"],
                 {"previous": ["oxycodone cr 20 mg po bid"]}, id="switch-route"),
    pytest.param(["morphine 10 mg po q4h", "rescue morphine 30 mg po prn"], {}, id="rescue"),
    pytest.param(["loxoprofen 120 mg po tid", "morphine 10 mg po q4h"], {"market": "jp"},
                 id="market-jp"),
    pytest.param(["acetaminophen 1 g po q6h", "pregabalin 75 mg po bid", "lorazepam 1 mg po bid",
                  "clonazepam 0.5 mg po bid"], {"market": "us"}, id="duplication-us"),
    pytest.param(["fentanyl 25 mcg/h td q72h", "midazolam 10 mg/day sc continuous"],
                 {"patient": Patient(age=79, setting="end-of-life")}, id="setting"),
]

UNLISTED = ["baclofen 10 mg po tid", "sodium valproate 200 mg po bid",
            "tamsulosin hydrochloride 0.4 mg po daily", "keppra 500 mg po bid"]


@pytest.mark.parametrize(("items", "options"), FAMILIES)
@pytest.mark.parametrize("unlisted", UNLISTED)
def test_an_unlisted_item_changes_no_other_finding(items, options, unlisted):
    options = dict(options)
    patient = options.pop("patient", None)
    previous = options.pop("previous", None)
    alone = check(Regimen.parse(items), patient,
                  previous=Regimen.parse(previous) if previous else None, **options)
    both = check(Regimen.parse([*items, unlisted], allow_unlisted=True), patient,
                 previous=(Regimen.parse([*previous, unlisted], allow_unlisted=True)
                           if previous else None),
                 allow_unlisted=True, **options)
    assert _others(both) == _others(alone)
    assert _codes(both).count("not-in-catalogue") == 1


def test_a_course_names_the_unlisted_item_in_each_state():
    from mpsdose.io.files import loads

    text = """
[patient]
age = 70
[[states]]
label = "admission"
items = ["morphine 10 mg po q4h", "baclofen 10 mg po tid"]
[[states]]
label = "titrated"
items = ["morphine 15 mg po q4h", "baclofen 10 mg po tid"]
"""
    course = loads(text, "toml", allow_unlisted=True)
    found = check_course(course, allow_unlisted=True)
    said = [f.message for f in found if f.code == "not-in-catalogue"]
    assert len(said) == 2
    assert {m.split("]")[0] for m in said} == {"[admission", "[titrated"}



#: The one finding whose words may name an unlisted item: a regimen with no laxative the catalogue
#: knows names an unlisted item as possibly the laxative (fixregress) — its code and severity are
#: the same, its message not.
NAMES_UNLISTED = "strong-opioid-no-laxative"


def _others(found):
    """The findings other than not-in-catalogue, the laxative one by code and severity only."""
    return [(f.code, f.severity) if f.code == NAMES_UNLISTED else f
            for f in found if f.code != "not-in-catalogue"]

UNLISTED_MEDICINES = st.sampled_from(UNLISTED)


@settings(max_examples=25)
@given(regimen=regimens, unlisted=UNLISTED_MEDICINES, age=st.sampled_from([None, 50, 80]))
def test_adding_a_known_medicine_never_removes_a_finding(regimen, unlisted, age):
    """For any regimen: adding an unlisted known medicine keeps every finding of the others and
    adds exactly one not-in-catalogue warning."""
    patient = Patient(age=age)
    alone = check(regimen, patient)
    extra = Regimen.parse([unlisted], allow_unlisted=True).items
    both = check(Regimen((*regimen.items, *extra)), patient, allow_unlisted=True)
    # an empty regimen's "nothing was checked" is the one finding the added item may end: the
    # input is no longer empty (the item itself is then named as not checked)
    alone = [f for f in alone if f.code != "nothing-checked" or regimen.items]
    assert _others(both) == _others(alone)
    assert [f.severity.value for f in both if f.code == "not-in-catalogue"] == ["warning"]


# -- through the CLI ------------------------------------------------------------------------------
def test_cli_check_allow_unlisted_checks_the_rest(runner):
    args = ["check", "baclofen 10 mg po tid", "oxycodone er 10 mg po q12h",
            "diazepam 5 mg po tid", "ibuprofen 400 mg po tid", "--allow-unlisted", "--json"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    codes = [f["code"] for f in document["findings"]]
    assert codes.count("not-in-catalogue") == 1
    assert "opioid-benzodiazepine" in codes
    (said,) = [f for f in document["findings"] if f["code"] == "not-in-catalogue"]
    assert said["severity"] == "warning" and said["item"] == "baclofen 10 mg po tid"
    assert document["counts"]["warning"] >= 2


@pytest.mark.parametrize("extra", [
    ["--previous", "morphine 30 mg po bid", "--previous", "baclofen 5 mg po tid"],
    ["--market", "jp"], ["--market", "us", "--age", "80", "--crcl", "25"],
    ["--format", "github"], ["--json"], ["--opioid-naive"],
], ids=lambda e: " ".join(e))
def test_cli_check_allow_unlisted_with_options(runner, extra):
    args = ["check", "levetiracetam 500 mg po bid", "oxycodone er 10 mg po q12h",
            "--allow-unlisted", *extra]
    result = runner.invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    assert "not-in-catalogue" in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [
    ["check", "oxycodon 10 mg po bid", "--allow-unlisted"],
    ["check", "morphine 10 mg po q4h", "--previous", "morphne 10 mg po q4h", "--allow-unlisted"],
    ["check", "baclofen 10 mg po tid"],
], ids=["misspelt", "misspelt-previous", "no-flag"])
def test_cli_check_refuses(runner, args):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1


def test_cli_check_allow_unlisted_in_a_regimen_file(runner, tmp_path):
    path = tmp_path / "regimen.toml"
    path.write_text('items = ["morphine 10 mg po q4h", "tamsulosin 0.4 mg po daily"]\n'
                    '[patient]\nage = 70\n')
    refused = runner.invoke(main, ["check", "-f", str(path)])
    assert refused.exit_code == 2 and "tamsulosin" in refused.stderr
    result = runner.invoke(main, ["check", "-f", str(path), "--allow-unlisted", "--json"])
    assert result.exit_code == 0, result.output
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert codes.count("not-in-catalogue") == 1
    path.write_text('items = ["morphine 10 mg po q4h", "tamsulosn 0.4 mg po daily"]\n')
    assert runner.invoke(main, ["check", "-f", str(path), "--allow-unlisted"]).exit_code == 2


def test_cli_total_allow_unlisted_shows_the_medicine(runner):
    result = runner.invoke(main, ["total", "baclofen 10 mg po tid", "morphine 10 mg po q4h",
                                  "--allow-unlisted", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    # shown, never totalled: the OME is a lower bound that says what it left out
    assert document["total_ome_lower_bound_mg_per_day"] == pytest.approx(60.0)
    assert any("baclofen" in said for said in document["ome_not_counted"])


def test_help_names_the_option_and_the_code(runner):
    text = runner.invoke(main, ["check", "--help"]).output
    assert "--allow-unlisted" in text and "not-in-catalogue" in text


# -- the library's default path: a regimen parsed with its unlisted items elsewhere -----------------
@pytest.mark.parametrize("name", ["baclofen", "levetiracetam", "oxycodon", "zzqx"])
def test_check_without_allow_unlisted_still_names_every_unlisted_item(name):
    # a caller that parsed with allow_unlisted=True (total's parser keeps any name) and calls check()
    # without the flag is never told "0 warnings" about an item nothing judged
    regimen = Regimen.parse([f"{name} 10 mg po tid", "oxycodone 5 mg po q4h"], allow_unlisted=True)
    found = check(regimen, Patient(age=60, opioid_tolerant=True))
    named = [f for f in found if f.code == "not-in-catalogue"]
    assert len(named) == 1 and named[0].severity is Severity.WARNING
    assert name in named[0].message
    listed_only = check(Regimen.parse(["oxycodone 5 mg po q4h"]), Patient(age=60, opioid_tolerant=True))
    assert {f.code for f in found} - {"not-in-catalogue"} == {f.code for f in listed_only}
