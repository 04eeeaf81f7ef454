"""Drug names after the pharmacist's audit (finding 7, and 14's FHIR release).

The rules:

1. A suggestion for an unknown name is only a known name close enough to be a misspelling of it
   (:data:`mpsdose.model.drugs.MISSPELLING_CUTOFF`, measured on the held-out sets' misspellings),
   one per drug, and each says which drug it is: its INN and class.
2. Brand and common names of catalogue drugs (UK, AU, US) resolve to their drug and release.
3. A FHIR medication's name keeps the release it gives (a release word, a brand's release).
"""

from __future__ import annotations

import csv
import difflib
import json
from pathlib import Path

import pytest

from mpsdose import MpsdoseError, UnknownDrugError, parse_item
from mpsdose.cli import main
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.drugs import MISSPELLING_CUTOFF
from tests.test_fhir import every, mg, only_item, request

DATA = Path(__file__).parent / "data"


def _refused(text):
    with pytest.raises(UnknownDrugError) as caught:
        parse_item(text)
    return caught.value


# -- 1. suggestions ------------------------------------------------------------------------------
def _held_out_misspellings():
    """(misspelt name, the drug its first suggestion is) for every distinct misspelt name among
    the held-out sets' input rows: each note names the drug meant, and the reading before this
    change put it first (hand-checked: alfentanyl → alfentanil … タペンダ → tapentadol)."""
    seen = {}
    for path in sorted(DATA.glob("check_dangerous_*.csv")):
        with path.open(newline="") as handle:
            for row in csv.reader(handle):
                if len(row) > 2 and row[1] == "input":
                    try:
                        parse_item(row[2])
                    except UnknownDrugError as error:
                        if error.medicine is None and error.name not in seen:
                            seen[error.name] = error
                    except MpsdoseError:  # other refusals (units, doses) are not names
                        pass
    return seen


MEANT = {"alfentanyl": "alfentanil", "hydromorfone": "hydromorphone", "pregabalyn": "pregabalin",
         "oxicodone": "oxycodone", "metadone": "methadone", "midazolan": "midazolam",
         "hydromorphine": "hydromorphone", "morfine": "morphine", "zomorf": "morphine",
         "タペンダ": "tapentadol", "butrens": "buprenorphine", "nucinta": "tapentadol",
         "methadoze": "methadone", "methadoen": "methadone"}
# "fentanil" (fresh38 DM44) is offered as alfentanil, sufentanil, fentanyl — all three, each
# labelled an opioid; by spelling ratio fentanyl was third before this change too (0.875 against
# 0.889): the measure's one miss, left for an edit-distance ranking.


def test_every_held_out_misspelling_still_gets_its_drug_first():
    found = _held_out_misspellings()
    assert len(found) >= 70
    books = resolve(None).catalogue
    for name, error in found.items():
        assert error.suggestions, name
        first = books.resolve(error.suggestions[0]).name
        if name in MEANT:
            assert first == MEANT[name], (name, error.suggestions)


def test_the_cutoff_is_the_least_ratio_the_measure_allows():
    """The measure that chose it: the least ratio between a held-out misspelling and its drug's
    nearest name is the cutoff itself (タペンダ → タペンタ, 0.75)."""
    books = resolve(None).catalogue
    least = 1.0
    for name, error in _held_out_misspellings().items():
        drug = books.resolve(error.suggestions[0]).name
        least = min(least, max(difflib.SequenceMatcher(None, name, known).ratio()
                               for known in [*books.aliases(drug), drug]))
    assert least == pytest.approx(MISSPELLING_CUTOFF)


@pytest.mark.parametrize(("written", "below"), [
    ("codamin", "codeine"),     # 0.57: another drug, not offered
    ("xanaxol", "xanax"),       # 0.83: offered
])
def test_both_sides_of_the_cutoff(written, below):
    books = resolve(None).catalogue
    ratio = difflib.SequenceMatcher(None, written, below).ratio()
    offered = below in books.suggest(written, n=10) or any(
        books.resolve(s).name == books.resolve(below).name for s in books.suggest(written, n=10))
    assert offered == (ratio >= MISSPELLING_CUTOFF)


def test_one_suggestion_per_drug():
    books = resolve(None).catalogue
    for name in ("oxicodone", "methadoen", "hydromorfone", "buprenorfine"):
        drugs = [books.resolve(s).name for s in books.suggest(name)]
        assert len(drugs) == len(set(drugs)), name


@pytest.mark.parametrize(("written", "shown"), [
    ("morfine 10 mg po q4h", "'morphine' (an opioid), 'motrin' (ibuprofen, an NSAID)"),
    ("hydromorphine 2 mg po q4h", "'hydromorphone' (an opioid), 'morphine' (an opioid)"),
    ("clexan 40 mg sc daily", "(enoxaparin, an anticoagulant)"),
])
def test_each_suggestion_says_which_drug_it_is(written, shown):
    error = _refused(written)
    assert shown in str(error)
    assert len(error.suggested_drugs) == len(error.suggestions)


def test_a_name_close_to_nothing_says_where_the_list_is():
    error = _refused("zzqxv 10 mg po bid")
    assert error.suggestions == () and error.suggested_drugs == ()
    assert "`mpsdose drugs` lists the known drugs" in str(error)


def test_json_error_document_carries_what_each_suggestion_is(runner):
    result = runner.invoke(main, ["total", "--json", "morfine 10 mg po q4h"])
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["suggestions"][:2] == ["morphine", "motrin"]
    assert error["suggested_drugs"][:2] == ["an opioid", "ibuprofen, an NSAID"]


def test_a_vocabulary_name_of_a_catalogue_drug_is_described_too():
    error = _refused("epanutin 100 mg po bid")
    assert error.suggestions[0] == "phenytoin"
    assert "'phenytoin' (an anticonvulsant)" in str(error)


# -- 2. names of catalogue drugs -----------------------------------------------------------------
NAMES = [  # (item, drug, release)
    ("Butec 10 mcg/h td q7d", "buprenorphine", None),
    ("MST 30 mg po bd", "morphine", "er"),
    ("Laxido 13.125 g po bid", "macrogol", None),
    ("Senokot 15 mg po at night", "sennoside", None),
    ("senna 15 mg po at night", "sennoside", None),
    ("Clexane 40 mg sc daily", "enoxaparin", None),
    ("Dulcolax 10 mg pr daily", "bisacodyl", None),
    ("Dulcolax Pico 10 mg po at night", "sodium picosulfate", None),
    ("Endone 5 mg po q4h prn", "oxycodone", None),  # no source seen names its release
    ("Kapanol 20 mg po bid", "morphine", "er"),
    ("Jurnista 8 mg po daily", "hydromorphone", "er"),
    ("Panamax 1 g po qid", "acetaminophen", None),
    ("Panadol Osteo 1330 mg po tid", "acetaminophen", "er"),
    ("MS Mono 60 mg po daily", "morphine", "er"),
    ("Coumadin 5 mg po daily", "warfarin", None),
    ("Jantoven 5 mg po daily", "warfarin", None),
]


@pytest.mark.parametrize(("text", "drug", "release"), NAMES, ids=[n[0] for n in NAMES])
def test_a_name_resolves_to_its_drug_and_release(text, drug, release):
    item = parse_item(text)
    assert [d.name for d in item.drugs] == [drug]
    assert item.release == release


def test_mpsdose_drugs_lists_the_names(runner):
    result = runner.invoke(main, ["drugs", "--json"])
    assert result.exit_code == 0
    listed = result.stdout.lower()
    for name in ("butec", "mst", "laxido", "senokot", "senna", "clexane", "dulcolax", "endone",
                 "kapanol", "jurnista", "panamax", "panadol osteo", "ms mono", "coumadin",
                 "jantoven"):
        assert f'"{name}"' in listed, name


def test_every_new_name_row_has_a_source_and_grade():
    with (DATA.parents[1] / "data" / "drug_names.csv").open(newline="") as handle:
        rows = {r["name"]: r for r in csv.DictReader(handle)}
    for name in ("butec", "mst", "jantoven", "panadol osteo"):
        assert rows[name]["source"].split(":")[0] in {"UK", "AU", "US"}
        assert rows[name]["grade"] in {"P", "S"}


# -- 3. FHIR: the release a medication's name gives ----------------------------------------------
def _read(text):
    return only_item(request(medication={"text": text},
                             dosage={"timing": every(12), "doseAndRate": [{"doseQuantity": mg(20)}]}))


@pytest.mark.parametrize("text", [
    "oxycodone ER 20 mg tablet", "OxyContin 20 mg", "oxycodone extended-release 20 mg tablet",
    "oxycodone extended release 20 mg tablet", "oxycodone modified-release 20 mg tablet",
    "oxycodone prolonged-release 20 mg tablet", "oxycodone controlled-release 20 mg",
    "oxycodone sustained-release 20 mg", "oxycodone MR 20 mg tablet", "oxycodone CR 20 mg",
])
def test_a_fhir_name_keeps_its_extended_release(text):
    item = _read(text)
    assert [d.name for d in item.drugs] == ["oxycodone"] and item.release == "er"


@pytest.mark.parametrize(("text", "release"), [
    ("oxycodone 20 mg tablet", None),  # no release given: none guessed
    ("oxycodone immediate-release 5 mg", "ir"),
    ("OxyNorm 5 mg capsule", "ir"),
    ("Endone 5 mg", None),  # no release in drug_names.csv: none guessed
])
def test_a_fhir_name_without_extended_release(text, release):
    item = _read(text)
    assert [d.name for d in item.drugs] == ["oxycodone"] and item.release == release


def test_the_coded_product_still_wins():
    item = only_item(request())  # RxNorm 1049593, 12 HR Extended Release Oral Tablet
    assert item.release == "er"
