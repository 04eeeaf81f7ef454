"""Reading case-report prose (``mpsdose.read_course``, CONTRACT.md §6).

Real input first: the passages of ``tests/data/prose/`` are sentences from published case
reports (origin and citation in ``tests/data/README.md``), each with the items a pharmacist reads
in it, decided before the reader ran on it. Properties hold for any text: every ``as_written`` is
``text[span]``, every item's drug is named where ``drug_span`` says, reading is deterministic.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scripts.measure_reader import (
    _misspelt_match,
    _product_unnamed_match,
    measure,
    other_name,
    passages,
    unexpected_items,
    volume_as_mass,
)

from mpsdose import Knowledge, Route, default_catalogue, read_course
from mpsdose.io.files import dumps, loads
from mpsdose.io.prose.text import normalise
from mpsdose.knowledge.loader import DATA as SHIPPED
from mpsdose.present.reading import reading_json

#: Every passage the measure reads (scripts/measure_reader.py's FILES, one list for both).
PASSAGES = passages()
TAKAMATSU = Path(__file__).parent.parent.parent / "shared" / "cases" / "takamatsu-2018-text.txt"
EXAMPLES = Path(__file__).parent.parent / "examples"


#: The findings that say an amount is a name's the catalogue does not know, not a catalogue
#: drug's: refused (``unknown-name``), or read as an item not in the catalogue (``not-in-catalogue``:
#: a drug of other_drug_names.csv or with a WHO INN stem; never totalled or checked).
NAME_NOT_CATALOGUED = frozenset({"unknown-name", "not-in-catalogue"})


def _passage(id_: str) -> str:
    return next(p["text"] for p in PASSAGES if p["id"] == id_)


def _items(text: str):
    return read_course(text).items


# -- the measure of the issue, as regression guards ----------------------------------------------

@pytest.mark.parametrize(("part", "floor"), [("dev", 0.95), ("test", 0.80), ("new", 0.90),
                                             ("fresh", 0.80), ("fresh2", 0.90), ("fresh3", 0.90),
                                             ("fresh4", 0.90), ("fresh5", 0.75),
                                             ("fresh6", 0.90), ("fresh7", 0.90),
                                             ("fresh8", 0.90), ("fresh9", 0.90),
                                             ("fresh10", 0.95), ("fresh11", 0.95),
                                             ("fresh12", 1.0), ("fresh13", 1.0),
                                             ("fresh14", 0.91), ("fresh15", 1.0),
                                             ("fresh17", 1.0), ("fresh18", 1.0),
                                             ("fresh19", 1.0), ("fresh20", 0.93),
                                             ("fresh21", 0.95), ("fresh22", 1.0),
                                             ("fresh23", 1.0), ("fresh24", 1.0),
                                             ("fresh25", 0.91), ("fresh26", 1.0),
                                             ("fresh27", 0.90), ("fresh28", 0.85),
                                             ("fresh29", 0.70), ("fresh30", 0.85),
                                             ("fresh31", 0.60), ("fresh32", 0.55),
                                             ("fresh33", 0.75), ("fresh34", 0.55),
                                             ("fresh35", 1.0), ("fresh36", 0.93),
                                             ("fresh37", 0.79), ("fresh38", 0.91),
                                             ("fresh39", 1.0), ("fresh40", 0.92),
                                             ("fresh41", 0.85), ("fresh42", 0.68),
                                             ("fresh43", 0.71), ("fresh44", 0.90), ("fresh45", 0.96),
                                             ("fresh46", 0.86), ("fresh47", 0.97),
                                             ("fresh48", 0.92), ("fresh49", 0.93),
                                             ("fresh50", 0.88), ("fresh51", 0.82),
                                             ("fresh52", 0.90), ("fresh53", 0.81),
                                             ("fresh54", 0.96), ("fresh55", 0.76),
                                             ("fresh56", 0.78), ("fresh57", 0.85),
                                             ("fresh58", 0.78), ("fresh59", 0.86),
                                             ("fresh60", 0.93), ("fresh61", 0.78),
                                             ("fresh62", 0.88), ("fresh63", 0.92),
                                             ("fresh64", 0.89), ("fresh65", 0.90),
                                             ("fresh66", 0.83), ("fresh67", 0.76),
                                             ("fresh68", 0.89), ("fresh69", 0.92),
                                             ("fresh70", 0.72), ("fresh71", 0.87),
                                             ("fresh72", 0.75), ("fresh73", 0.90),
                                             ("fresh74", 0.76), ("fresh75", 0.94),
                                             ("fresh76", 1.0), ("fresh77", 0.93),
                                             ("fresh78", 0.91), ("fresh79", 0.95),
                                             ("fresh80", 0.73), ("fresh81", 0.82),
                                             ("fresh82", 0.86), ("fresh83", 0.91),
                                             ("fresh84", 0.81), ("fresh85", 0.78),
                                             ("fresh86", 1.0), ("fresh87", 1.0),
                                             ("fresh88", 0.91), ("fresh89", 0.96),
                                             ("fresh90", 0.79), ("fresh91", 0.86),
                                             ("fresh92", 0.82), ("fresh93", 0.96),
                                             ("fresh94", 0.93), ("fresh95", 0.81),
                                             ("fresh96", 0.73), ("fresh97", 0.91),
                                             ("fresh98", 0.93), ("fresh99", 1.0),
                                             ("fresh100", 0.86), ("fresh101", 0.92),
                                             ("fresh102", 0.88), ("fresh103", 0.83),
                                             ("fresh104", 0.85), ("fresh105", 0.75),
                                             ("fresh106", 0.72), ("fresh107", 0.88),
                                             ("fresh108", 0.58), ("fresh109", 0.83),
                                             ("fresh111", 0.72), ("fresh112", 0.82),
                                             ("fresh113", 0.92), ("fresh114", 1.0),
                                             ("fresh115", 0.87), ("fresh116", 0.90),
                                             ("fresh117", 1.0), ("fresh118", 0.85),
                                             ("fresh119", 0.88), ("fresh120", 0.83),
                                             ("fresh121", 1.0), ("fresh122", 0.92),
                                             ("fresh123", 0.85), ("fresh124", 1.0),
                                             ("fresh125", 0.92), ("fresh126", 0.64),
                                             ("fresh127", 0.72), ("fresh128", 0.83),
                                             ("fresh129", 0.82), ("fresh130", 0.90),
                                             ("fresh131", 0.84), ("fresh132", 0.82),
                                             ("fresh133", 0.75), ("fresh134", 0.87),
                                             ("fresh135", 0.94)])
def test_daily_amounts_the_text_gives_are_read_and_none_invented(part, floor):
    result = measure(part)
    assert result["expected"] > 0
    assert result["read"] / result["expected"] >= floor, result
    # a contested reading the measure counts invented is subtracted only while it is still read
    # (a key "<passage id>#2" is a second contested reading of the same passage)
    contested = [id_ for id_ in CONTESTED if id_.split("#")[0].rsplit("-", 1)[0] == part]
    for id_ in contested:
        drug, a_day, _why = CONTESTED[id_]
        passage = _passage(id_.split("#")[0])
        # mg a day, or an amount a day in units as the reader writes it ("43.2 units/day")
        said = a_day if isinstance(a_day, str) else f"{a_day:g} mg/day"
        # a drug the catalogue lacks is read among the items not in the catalogue
        assert (drug, said) in _daily_doses(passage) + _others(passage), id_
    assert result["invented"] == len(contested), result
    assert result["span_errors"] == 0, result


#: Daily amounts the reader gives that a set does not expect, where the reader's reading is the
#: defensible one from the words and the set's is marked contestable or disagrees with the other
#: sets: {passage id (or "<passage id>#2" for a second reading of one passage): (drug, mg/day — or
#: the day's amount in units as written, "43.2 units/day" —, why)}. Kept honest like issue 13's
#: LEFT lists: the test above fails if the reader stops reading one of them.
CONTESTED: dict[str, tuple[str, float | str, str]] = {
    "fresh8-011": ("carbamazepine", 600.0,
                    "'carbamazepine 600 mg/day': read right; "
                    "carbamazepine joined the catalogue (gaps, a CYP3A4 inducer) "
                    "after this set, whose expected readings list the catalogue's drugs of its "
                    "time only, was written"),
    "fresh8-040": ("phenytoin", 300.0,
                    "'phenytoin sodium 300 mg/day': read right; "
                    "phenytoin joined the catalogue (gaps, a CYP3A4 inducer) "
                    "after this set, whose expected readings list the catalogue's drugs of its "
                    "time only, was written"),
    "fresh14-032": ("carbamazepine", 400.0,
                    "'carbamazepine 400 mg at daily': read right; "
                    "carbamazepine joined the catalogue (gaps, a CYP3A4 inducer) "
                    "after this set, whose expected readings list the catalogue's drugs of its "
                    "time only, was written"),
    "fresh27-007": ("carbamazepine", 1000.0,
                    "'tablet carbamazepine 500 mg twice daily': read right; "
                    "carbamazepine joined the catalogue (gaps, a CYP3A4 inducer) "
                    "after this set, whose expected readings list the catalogue's drugs of its "
                    "time only, was written"),
    "fresh12-013": ("diltiazem", 60.0,
                    "'diltiazem 60 mg / day': read right; diltiazem joined the catalogue (fix127, "
                    "a CYP3A4 inhibitor) after this set, whose expected readings list the "
                    "catalogue's drugs of its time only, was written"),
    "fresh14-002": ("itraconazole", 200.0,
                    "'(itraconazole 200 mg/d)': read right; itraconazole joined the catalogue "
                    "(fix127, a CYP3A4 inhibitor) after this set, whose expected readings list "
                    "the catalogue's drugs of its time only, was written"),
    "fresh82-012": ("prednisone", 125.0,
                    "'prednisone 40 mg/d, which was progressively increased up to 125 mg/d': "
                    "'up to' after a word of change is the dose reached (prosefix7273); the set "
                    "reads a bound and marks it contestable"),
    "fresh83-023": ("prednisone", 5.0,
                    "'his prednisone was increased from 5 mg/d to 40 mg/d': the dose before the "
                    "change, read in an earlier state than the 40 mg/d, as fresh8-013, "
                    "fresh25-019, fresh25-027, fresh27-019, fresh30-021 and fresh37-009 expect "
                    "it; this set lists it as a not-dose and has no earlier state"),
    "fresh86-029": ("phenylephrine", 48.0,
                    "'Blood pressure remained stable … supported by a phenylephrine infusion of "
                    "2 mg/h' after a combined spinal-epidural: a rate by the hour is read as 24 "
                    "hours of it unless its own words bound it ('during the procedure', "
                    "'intraoperatively'); fresh51-003 (remimazolam 15 mg/h) and fresh74-012 "
                    "(vecuronium 2 mg/h), intraoperative rates, expect the rate times 24, and a "
                    "rule reaching back to an earlier sentence's anaesthetic would make them read "
                    "fewer; the set marks its null contestable"),
    "fresh89-012": ("cisatracurium", 192.0,
                    "'Anesthesia was maintained with isoflurane (1 MAC), cisatracurium (8 "
                    "mg/hour) and remifentanil infusion': a rate by the hour is read as 24 hours "
                    "of it unless its own words bound it ('during the procedure', "
                    "'intraoperatively'), as fresh86-029; fresh74-012 expects 'Anaesthesia was "
                    "maintained with … vecuronium bromide at 2 mg/h' as 48 mg/day and "
                    "fresh51-003 the maintained remimazolam 15 mg/h as 360 mg/day, so a rule "
                    "reading 'Anesthesia was maintained with' as a bound would make them read "
                    "fewer; the set marks its null contestable"),
    "fresh87-012": ("hydroxychloroquine", 800.0,
                    "'the initial day administering a 400 mg twice a day loading dose followed "
                    "by four subsequent days of a 200 mg twice a day regimen': 400 mg twice on "
                    "the loading day is 800 mg that day, as fresh57-011 expects voriconazole's "
                    "'400 mg q12h—loading dose' (800 mg/day); the set reads the loading day as "
                    "no daily amount and marks it contestable; the 200 mg twice a day after it "
                    "is read as 400 mg/day in its own item"),
    "fresh94-005": ("trimethoprim", 1280.0,
                    "'IV sulfamethoxazole/trimethoprim was administered with 320 mg "
                    "trimethoprim every 6 h': the amount the words give is trimethoprim's, 1280 "
                    "mg a day of it, as co-trimoxazole is dosed by its trimethoprim component; "
                    "the set names the item the combination (sulfamethoxazole + trimethoprim "
                    "1280 mg/day) and marks it contestable. Read as the combination, 1280 mg/day "
                    "would be taken for its whole amount (sulfamethoxazole five times as much "
                    "again), and no item says 'of its trimethoprim component'; read as "
                    "trimethoprim, the amount, the schedule and the substance it measures are "
                    "all as written"),
    "fresh98-031": ("vasopressin", "43.2 units/day",
                    "'Vasopressin (0.03 units/min) was given to increase mean blood pressure to at "
                    "least 60 mm Hg. … During operation, cardiac arrest occurred.': a rate is read "
                    "as 24 hours of it unless its own words bound it ('during the procedure', "
                    "'intraoperatively', or words of a maximum), as fresh86-029's phenylephrine "
                    "and fresh89-012's cisatracurium; the operation is named two sentences later "
                    "and bounds no rate in the sentence of the vasopressin, and fresh51-003 and "
                    "fresh74-012 expect intraoperative rates times 24, so a rule reaching to a "
                    "later sentence would make them read fewer; the set marks its null "
                    "contestable"),
    "fresh10-022": ("phenobarbital", 100.0,
                    "'he was prescribed, without any brain imaging phenobarbital: 100 mg/day': the "
                    "words give the day's amount; the set did not annotate phenobarbital, which "
                    "was a drug the catalogue lacked (read among the others, uncounted) until "
                    "gaps129130 added it for palliative sedation"),
    "fresh10-022#2": ("carbamazepine", 400.0,
                      "'carbamazepine: 200 mg bid': read right; the set did not annotate "
                      "carbamazepine, a drug the catalogue lacked until gaps moved it in (a "
                      "CYP3A4 inducer); clobazam's 'clobazam: 5mg bid' after it stays clobazam's"),
    "fresh114-017": ("cabergoline", "0.5 mg/day",
                     "'the administration of cabergoline increased up to 0.5 mg/day': 'up to' after "
                     "a verb of change is the dose the titration reached and was given (the reader's "
                     "rule of 'increased up to', not_doses._UP_TO_WITHOUT_CHANGE), not a bound; the "
                     "set reads a bound and calls its own reading contestable"),
    "fresh116-011": ("ceftriaxone", "2 g/day",
                     "'fluconazole 300mg once a day (OD) were substituted for ceftriaxone 2 g OD': "
                     "the replaced drug's own amount, read as its own (the course it was on until "
                     "day 3, as 'switched from ceftriaxone 2 g daily' is read); the set leaves it "
                     "null as a stop and calls that contestable. It was once read as fluconazole "
                     "2 g/day (prosefix114117 gives it back to ceftriaxone)"),
    "fresh131-033": ("zinc sulfate", "100 mg/day",
                     "'Zinc 50 mg BID 2*150 (300 mg/day)': the text contradicts itself; '50 mg "
                     "BID' is 100 mg a day as written, and the printed 300 mg/day is read too, "
                     "as the set's item; the set takes the printed amount and calls it "
                     "contestable. Zinc is read as zinc sulfate, as the other sets expect "
                     "(prosefix131134 tried elemental zinc: fresh77, fresh79 and fresh87 lost "
                     "their zinc)"),
}


# -- properties over the real passages ------------------------------------------------------------

@pytest.mark.parametrize("passage", PASSAGES, ids=[p["id"] for p in PASSAGES])
def test_every_reading_is_traced_to_its_words(passage):
    text = passage["text"]
    reading = read_course(text)
    books = default_catalogue()
    misspelt = {text[f.span[0]:f.span[1]].lower() for f in reading.findings
                if f.finding.code in ("misspelt-name", "acid-as-anion") and f.span is not None}
    for state in reading.states:
        for item in state.items:
            assert text[item.span[0]:item.span[1]] == item.as_written
            named = text[item.drug_span[0]:item.drug_span[1]]
            # a chemical prefix written apart ("methyl prednisolone") names the joined drug
            found = books.get(" ".join(named.split())) or books.get(re.sub(r"[\s\-]+", "", named))
            # ... or the prefix joined to a name of more words ("acetyl salicylic acid")
            found = found or books.get(" ".join(re.sub(r"[\s\-]+", "", named, count=1).split()))
            # a name with diacritics is matched as its plain letters ("cimétidine")
            found = found or books.get(" ".join(normalise(named).split()))
            # a catalogue name, or an abbreviation the text itself defines ("MS", "TB"), or a
            # misspelling or an acid's anion said in a finding ("olanazapine", "acetylsalicylate")
            assert found == item.drug or re.fullmatch(r"[A-Z]{2,5}", named) \
                or named.lower() in misspelt, (named, item.drug)
            assert item.drug_span[0] < item.span[1]  # named before or inside, never after
            if item.daily_mg is not None:
                assert item.daily_mg > 0
    for total in reading.printed_totals:
        assert text[total.span[0]:total.span[1]] == total.as_written
    for number in reading.not_doses:
        assert text[number.span[0]:number.span[1]] == number.as_written
    for finding in reading.findings:
        if finding.span is not None:
            assert 0 <= finding.span[0] < finding.span[1] <= len(text)


@pytest.mark.parametrize("passage", PASSAGES[::5], ids=[p["id"] for p in PASSAGES[::5]])
def test_reading_is_deterministic(passage):
    first = reading_json(read_course(passage["text"]))
    second = reading_json(read_course(passage["text"]))
    assert first == second


@pytest.mark.parametrize("passage", PASSAGES, ids=[p["id"] for p in PASSAGES])
def test_the_course_file_reads_back(passage):
    reading = read_course(passage["text"])
    if not reading.states:
        return
    # a text of several patients writes one course a case (prosefix8), never one for all
    for case in [c for c in reading.cases if c is not None] or [None]:
        course = reading.course(case=case)
        assert loads(dumps(course)) == course
        assert loads(dumps(course, "json"), "json") == course


# -- properties over any text ---------------------------------------------------------------------

_PIECES = [sentence for p in PASSAGES for sentence in re.split(r"(?<=\.)\s+", p["text"])]


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4).map(" ".join))
def test_any_mix_of_real_sentences_reads_with_spans_that_hold(text):
    reading = read_course(text)
    for item in reading.items:
        assert text[item.span[0]:item.span[1]] == item.as_written
        assert item.daily_mg is None or item.daily_mg > 0
    assert reading_json(read_course(text)) == reading_json(reading)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_text_reads_without_an_error(text):
    reading = read_course(text)
    for item in reading.items:
        assert text[item.span[0]:item.span[1]] == item.as_written


_LINE = ("morphine oxycodone fentanyl methadone ketamine patch mg mcg/h µg/hr mg/day every 4 hours "
         "bid prn as needed rescue increased to switched to stopped added oral intravenous sc "
         "epidural ( ) , . ; 0.5 to 0.75 between and from 10 20 150 1,050 % mL/h mg/mL mg/kg/h "
         "kg 60 day 3 no not the dose was respectively total OME median range over 24 hours "
         "syringe driver PCA lockout 10 minute bolus demand TB MS (MS) morphine sulfate [TB] "
         "once stat q10min ≤ up to > – − ×")
_WORDS = tuple(_LINE.split())


@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40).map(" ".join))
def test_any_word_salad_reads_to_items_that_hold(text):
    reading = read_course(text)
    for item in reading.items:
        assert text[item.span[0]:item.span[1]] == item.as_written
        assert item.daily_mg is None or item.daily_mg > 0
    if reading.states:
        course = reading.course()
        assert loads(dumps(course)) == course


@given(st.text(alphabet="0123456789 .,-–/%µμmgcdhkrlyoau()", max_size=60))
def test_numbers_and_units_alone_are_never_items(text):
    """No drug named, nothing to refer back to: no item, whatever the numbers."""
    assert read_course(text).items == []


def test_it_reads_text_only():
    with pytest.raises(TypeError):
        read_course(b"oxycodone 20 mg/day")  # type: ignore[arg-type]


# -- what a pharmacist reads in real sentences ----------------------------------------------------

def test_a_list_of_a_new_regimen_replaces_the_old_one():
    text = ("The patient had been administered tramadol 200 mg/day and loxoprofen 180 mg/day for "
            "pain control in outpatient settings. After hospital admission, the medications were "
            "changed to oral long‑acting oxycodone 20 mg/day plus a rescue dose of short‑acting "
            "oxycodone 5 mg, naproxen 300 mg/day, acetaminophen 4 g/day, and pregabalin 75 mg/day.")
    first, second = read_course(text).states
    assert [(i.drug.name, i.daily_mg) for i in first.items] == [("tramadol", 200),
                                                                ("loxoprofen", 180)]
    assert [(i.drug.name, i.prn, i.daily_mg) for i in second.items] == [
        ("oxycodone", False, 20), ("oxycodone", True, None), ("naproxen", False, 300),
        ("acetaminophen", False, 4000), ("pregabalin", False, 75)]
    long_acting, rescue = second.items[:2]
    assert (long_acting.route, long_acting.release) == (Route.ORAL, "er")
    assert (rescue.release, rescue.per_dose.value, rescue.per_dose.unit) == ("ir", 5, "mg")


def test_a_change_in_a_later_sentence_carries_the_rest_and_says_so():
    reading = read_course(_passage("r16-013"))
    last = reading.states[-1]
    fentanyl = next(i for i in last.items if i.drug.name == "fentanyl")
    assert (fentanyl.daily_dose.value, fentanyl.daily_dose.unit) == (1000, "mcg/h")
    assert {i.drug.name for i in last.items if i.carried} == {"amitriptyline", "dexamethasone"}
    assert any(f.finding.code == "carried-forward" for f in reading.findings)


def test_a_change_without_an_amount_leaves_the_dose_unknown():
    reading = read_course(_passage("r16-014"))
    after = reading.states[-1]
    assert [i.drug.name for i in after.items] == ["fentanyl"]  # morphine discontinued
    assert after.items[0].daily_dose is None  # "the dose of transdermal fentanyl increased"
    assert any(f.finding.code == "change-without-amount" for f in reading.findings)


def test_numbers_that_are_not_doses_are_not_items():
    # ages, pain scores, days, lab values, Gy, percentages of change
    for id_ in ("r16-011", "r16-047", "r16-009", "r16-061"):
        reading = read_course(_passage(id_))
        for item in reading.items:
            assert item.daily_dose is None or item.drug.name == "morphine", (id_, item)
    reading = read_course(_passage("r16-047"))
    assert {"26 U/L", "511 U/L"} <= {n.as_written for n in reading.not_doses}
    text = "A 61 year old female, NRS 7/10 on day 3, received 40 Gy in 16 fractions."
    assert read_course(text).items == []


def test_negated_mentions_are_not_items():
    assert read_course("No opioids were given and she did not receive morphine.").items == []
    reading = read_course("He did not receive oxycodone 10 mg twice daily. No morphine 10 mg was "
                          "given. Morphine was not effective.")
    assert [(i.drug.name, i.daily_dose) for i in reading.items] == [("morphine", None)]
    reading = read_course(_passage("r16-047"))
    assert not any(i.drug.name == "morphine" and i.release == "er" for i in reading.items)
    assert any(f.finding.code == "negated" for f in reading.findings)


def test_a_drug_named_without_a_dose_is_kept_with_its_dose_unknown():
    (item,) = _items("Opioid switching to intravenous fentanyl was initiated.")
    assert (item.drug.name, item.route, item.daily_dose) == ("fentanyl", Route.IV, None)
    assert item.item is not None and item.item.format() == "fentanyl dose unknown iv"


def test_as_needed_and_single_doses_have_no_daily_amount():
    rescue = _items(_passage("r16-030"))[-1]
    assert (rescue.prn, rescue.daily_dose, rescue.max_daily_dose.value) == (True, None, 3.6)
    hydromorphone, dexamethasone, *_ = _items(_passage("r16-002"))[1:]
    assert hydromorphone.daily_dose is None and hydromorphone.frequency == "once"
    assert dexamethasone.daily_dose is None and dexamethasone.per_dose.value == 10


def test_a_patch_written_by_its_content_is_not_a_rate():
    reading = read_course(_passage("r16-019"))
    patches = [i for i in reading.items if i.drug.name == "fentanyl"]
    assert patches and all(i.daily_dose is None for i in patches)
    assert any(f.finding.code == "patch-content" for f in reading.findings)


def test_a_patch_in_mg_per_hour_is_refused_not_read():
    (fentanyl, _gabapentin) = read_course(_passage("r16-004")).states[0].items
    assert fentanyl.daily_dose is None


def test_concentration_times_rate():
    items = _items(_passage("r16-059"))
    by_drug = {i.drug.name: i for i in items if i.daily_dose is not None}
    assert by_drug["ropivacaine"].daily_mg == pytest.approx(480)  # 0.2% = 2 mg/mL × 10 mL/h
    assert by_drug["clonidine"].daily_dose.unit == "mcg/day"
    assert by_drug["clonidine"].daily_dose.value == pytest.approx(960)  # 4 µg/mL × 10 mL/h × 24
    assert by_drug["ropivacaine"].item is None  # perineural: no route the item language has


def test_each_drug_of_a_mixture_and_its_rate():
    first, second = read_course(_passage("r16-010")).states
    basal = {i.drug.name: i.daily_mg for i in first.items if not i.prn}
    assert basal == pytest.approx({"bupivacaine": 7.2, "morphine": 7.2})
    basal = {i.drug.name: i.daily_mg for i in second.items if not i.prn}
    assert basal == pytest.approx({"bupivacaine": 28.8, "morphine": 19.152})


def test_a_pca_basal_rate_and_its_demand_dose():
    basal, demand = read_course(_passage("r16-001")).states[0].items
    assert (basal.daily_dose.value, basal.daily_dose.unit) == (15600, "mcg/day")
    assert basal.item is None  # the route of the home PCA is not given: nothing assumed
    assert (demand.prn, demand.per_dose.value, demand.daily_dose) == (True, 200, None)
    assert demand.frequency == "q10min"  # the 10 minute lockout


def test_weight_based_doses_use_the_weight_the_text_gives():
    text = ("A 2.8-year-old female patient (11.6 kg) was admitted. An intravenous ketamine "
            "infusion was started at 100 microg/kg/hour.")
    (ketamine,) = _items(text)
    assert ketamine.daily_mg == pytest.approx(0.1 * 11.6 * 24)
    assert ketamine.weight_based.value == 100
    (without,) = _items("An intravenous ketamine infusion was started at 100 microg/kg/hour.")
    assert without.daily_dose is None and without.weight_based.unit == "mcg/kg/h"


def test_a_daily_amount_in_brackets_beside_a_dose_per_kg():
    first, second, _discharge = read_course(_passage("r16-008")).states
    assert first.items[0].daily_mg == 288 and second.items[0].daily_mg == 576


def test_respectively_lists_and_from_to_are_one_state_each():
    reading = read_course(_passage("r16-016"))
    assert [s.items[0].daily_dose.value for s in reading.states] == [200, 500, 650]
    reading = read_course(_passage("r16-027"))
    # "TB" is not defined in this passage: not read as a drug (only the morphine it names)
    assert [i.drug.name for i in reading.items] == ["morphine"]


def test_an_abbreviation_the_text_defines():
    reading = read_course(_passage("r16-017"))
    assert any(i.drug.name == "morphine" and i.as_written.startswith("supplemental doses of "
                                                                         "intravenous MS")
               for i in reading.items)
    assert read_course("MS 10 mg po q4h was given.").items == []  # undefined: never guessed


def test_a_sentence_that_refers_back_names_its_drug_in_a_finding():
    reading = read_course(_passage("r16-046"))
    referred = [i for i in reading.items if i.as_written == "10 mg twice daily"]
    assert referred and referred[0].drug.name == "oxycodone"
    assert referred[0].daily_mg == 20
    assert any(f.finding.code == "drug-from-earlier" and f.span == referred[0].span
               for f in reading.findings)


def test_printed_totals_are_compared_under_each_table():
    text = ("He was on oxycodone 30 mg twice daily. His oral morphine equivalent was 90 mg/day. "
            "Later his OME was 120 mg/day.")
    reading = read_course(text)
    agree, differ = reading.printed_totals
    by_table = {c.table: c for c in agree.comparisons}
    assert by_table["cdc2022"].computed == 90 and by_table["cdc2022"].agrees
    assert {c.table for c in agree.comparisons} == set(default_catalogue_tables())
    cdc = next(c for c in differ.comparisons if c.table == "cdc2022")
    assert (cdc.agrees, cdc.difference) == (False, 30)


def default_catalogue_tables():
    from mpsdose import Knowledge

    return Knowledge.default().conversion_tables


def test_a_total_of_use_is_compared_with_the_drugs_daily_total():
    text = ("He was on oral sustained-release morphine sulphate 90 mg BD and immediate release "
            "morphine sulphate 30 mg QDS prn. His total daily morphine consumption was 300 mg "
            "per day.")
    (total,) = read_course(text).printed_totals
    (comparison,) = total.comparisons
    assert (comparison.computed, comparison.computed_with_prn) == (180, 300)
    assert comparison.agrees  # with the as-needed doses at their maximum


def test_from_to_is_a_titration_only_after_a_change():
    # the phrasing of r16-027, with the abbreviation defined as its paper does (r16-026's source)
    titrated = read_course("Three patients were given transdermal buprenorphine [TB]. TB dose "
                           "was gradually titrated from 35 to 140 µg/h.").states
    assert [s.items[-1].daily_dose.value for s in titrated[-2:]] == [35, 140]
    assert titrated[-1].items[-1].route is Route.TRANSDERMAL  # TB: transdermal buprenorphine
    ranged = read_course("Doses ranged from 5 to 10 mg of morphine.")
    (item,) = ranged.items
    assert item.dose_range == (5, 10, "mg") and item.daily_dose is None
    assert len(ranged.states) == 1


def test_a_patch_is_transdermal_by_its_form():
    (patch,) = _items("Fentanyl 25 mcg/h patch was applied every 72 hours.")
    assert (patch.route, patch.route_from, patch.daily_dose.value) == (Route.TRANSDERMAL, "form",
                                                                       25)


def test_series_figures_are_not_one_patients_items():
    reading = read_course(_passage("r16-048"))
    assert reading.items == []
    assert {t.kind for t in reading.printed_totals} == {"series"}


# -- patterns of the fresh passages (first read 14/21 with 4 invented; see tests/data/README.md) ---

def test_each_line_of_a_medication_list_is_read_on_its_own():
    text = ("Current medications:\n"
            "- Haloperidol 5mg; 1 tablet by mouth every 6 hours as needed\n"
            "- Zolpidem 10mg; 1 tablet by mouth at bedtime")
    reading = read_course(text)
    # each line is its own item: the 10mg of the zolpidem line is zolpidem's, not haloperidol's
    # (zolpidem joined the catalogue for the opioid + CNS depressant check of issue 13)
    haloperidol, zolpidem = reading.items
    assert (haloperidol.drug.name, haloperidol.prn, haloperidol.daily_dose) == ("haloperidol", True,
                                                                               None)
    assert (zolpidem.drug.name, zolpidem.prn) == ("zolpidem", False)
    assert zolpidem.daily_dose is not None and zolpidem.daily_dose.value == 10
    # the real list (fresh-003): before, "30mg" and "17gm" of the lines after went to haloperidol
    items = _items(_passage("fresh-003"))
    daily = {i.drug.name: i.daily_mg for i in items if i.daily_mg is not None}
    assert daily == {"gabapentin": 1800, "morphine": 480, "lorazepam": 4, "temazepam": 30}
    assert all(i.per_dose is None or i.per_dose.value == 5 for i in items
               if i.drug.name == "haloperidol")


def test_an_amount_after_a_name_the_catalogue_does_not_know_is_no_ones():
    reading = read_course("She takes paracetamol 1 g four times daily and zonisamide 100 mg daily.")
    assert [(i.drug.name, i.daily_mg) for i in reading.items] == [("acetaminophen", 4000)]
    assert any(f.finding.code in NAME_NOT_CATALOGUED and "zonisamide" in f.finding.message
               for f in reading.findings)
    # fresh-004: "donepezil hydrochloride,10 mg/d" was read as aspirin 10 mg/day, and "memantine
    # hydrochloride, 10 mg twice a day" as haloperidol 20 mg/day
    items = _items(_passage("fresh-004"))
    daily = sorted((i.drug.name, i.daily_mg) for i in items if i.daily_mg is not None)
    assert sorted(set(daily)) == [("aspirin", 81), ("haloperidol", 1)]
    # words that describe a dose are not names; an adverb after an amount is not a name either
    basal, demand = _items("Hydromorphone PCA was started, basal 0.5 mg/h and demand 0.2 mg "
                           "every 10 minutes.")
    assert basal.daily_mg == 12 and (demand.prn, demand.per_dose.value) == (True, 0.2)
    _oxycodone, pregabalin = _items("She took immediate release oxycodone 5 mg and pregabalin "
                                    "75 mg simultaneously.")
    assert (pregabalin.drug.name, pregabalin.per_dose.value) == ("pregabalin", 75)


def test_a_sig_after_the_strength_gives_the_schedule():
    (gabapentin,) = _items("Gabapentin (Neurontin®) 600mg; 1 capsule by mouth 3 times daily for "
                           "nerve pain")
    assert (gabapentin.daily_mg, gabapentin.route) == (1800, Route.ORAL)
    reading = read_course("Morphine SR 30 mg; 2 tablets twice daily.")
    assert reading.items[0].daily_mg == 120  # two 30 mg tablets a dose
    assert any(f.finding.code == "count-times-strength" for f in reading.findings)


def test_a_range_across_patients_with_its_unit_said_twice_is_no_ones_daily_amount():
    (item,) = _items("The daily dose of controlled-release oxycodone ranged from 10 mg to 270 mg.")
    assert item.dose_range == (10, 270, "mg") and item.daily_dose is None
    # before: oxycodone 10 and 270 mg/day invented (and, until fresh4, the summary's "oxycodone"
    # was an item of its own before it)
    (item,) = [i for i in _items(_passage("fresh-013")) if i.dose_range is not None]
    assert item.daily_dose is None
    # a change from one amount to another stays two amounts, each with its own words
    before, after = read_course("Oxycodone was increased from 10 mg to 20 mg twice daily.").states
    assert (before.items[0].daily_dose, after.items[0].daily_mg) == (None, 40)


def test_the_route_and_the_day_of_an_infusion_hold_for_each_drug_of_its_list():
    morphine, ketamine = _items("We started continuous subcutaneous infusion with morphine 30 mg "
                                "and ketamine 100 mg/day.")
    assert (morphine.route, morphine.daily_mg) == (Route.SC, 30)
    assert (ketamine.route, ketamine.daily_mg) == (Route.SC, 100)
    diamorphine, cyclizine = _items("A subcutaneous infusion of diamorphine 20 mg and cyclizine "
                                    "150 mg over 24 hours was started.")
    assert cyclizine.route is Route.SC and diamorphine.daily_mg == 20
    oxycodone, _pregabalin = _items("Oral oxycodone 10 mg and pregabalin 75 mg/day were started.")
    assert oxycodone.daily_dose is None  # not an infusion: its "/day" is not shared
    (morphine,) = _items("He received intravenous administration of morphine 10 mg every 4 hours.")
    assert morphine.route is Route.IV
    (lidocaine,) = _items(_passage("fresh-014"))[-1:]
    assert lidocaine.route is Route.SC and lidocaine.daily_dose is None  # per kg, no weight


def test_stopping_one_of_a_drugs_items_keeps_the_others():
    text = ("He took oxycodone CR 20 mg twice daily and oxycodone IR 5 mg as needed. "
            "The oxycodone IR 5 mg was stopped.")
    (kept,) = read_course(text).states[-1].items
    assert (kept.release, kept.daily_mg) == ("er", 40)
    text = ("He took oxycodone CR 20 mg twice daily and oxycodone IR 5 mg as needed. "
            "Oxycodone was stopped.")
    assert read_course(text).states[-1].items == ()
    last = read_course(_passage("fresh-002")).states[-1]
    assert [(i.drug.name, i.daily_mg) for i in last.items if i.drug.name == "oxycodone"] == [
        ("oxycodone", 10)]


def test_stop_and_rotate_and_the_sides_of_a_ratio():
    reading = read_course(_passage("fresh-011"))
    assert [i.drug.name for i in reading.states[-1].items] == ["morphine"]
    assert reading.states[-1].items[0].daily_dose is None  # 150 mg MEDD is a printed total
    assert any(f.finding.code == "named-in-a-ratio" for f in reading.findings)


def test_an_unknown_name_after_a_comma_starts_another_item():
    # "at night" is the senna's: before, oxycodone 10 mg at night (10 mg/day) was invented
    # (senna is a catalogue name of sennoside since the audit, so it is now an item of its own)
    oxycodone, *others = _items("He took oxycodone 10 mg, senna 2 tablets at night.")
    assert oxycodone.daily_dose is None and oxycodone.as_written == "oxycodone 10 mg"
    assert [item.drug.name for item in others] in ([], ["sennoside"])


def test_n_hourly_is_every_n_hours():
    # before, "hourly" alone was read and "4 hourly" gave every hour (240 mg/day)
    for text, daily in (("Morphine 10 mg 4 hourly.", 60), ("Morphine 10 mg, eight hourly.", 30),
                        ("Morphine 10 mg four-hourly.", 60), ("Morphine 5 mg hourly.", 120)):
        assert _items(text)[0].daily_mg == daily, text
    (rescue,) = _items("Oxycodone 5 mg two to three hourly as needed.")
    assert rescue.daily_dose is None and rescue.max_daily_dose.value == 60  # every 2 h at most


def test_a_combination_product_named_by_its_components():
    oxycodone, acetaminophen = _items("She was taking oxycodone/acetaminophen 5/325 mg two "
                                      "tablets every 6 hours.")
    assert (oxycodone.drug.name, oxycodone.daily_mg) == ("oxycodone", 40)
    assert (acetaminophen.drug.name, acetaminophen.daily_mg) == ("acetaminophen", 2600)
    hydrocodone, _ = _items("She took 2 tablets of hydrocodone/acetaminophen 10/325 mg every 6 "
                            "hours.")
    assert hydrocodone.daily_mg == 80
    # a brand the reader does not split into its components: not read, never half-read
    reading = read_course("He was prescribed Percocet 10/325 mg every 4 hours as needed.")
    assert reading.items == []
    assert any(f.finding.code == "combination-not-read" for f in reading.findings)


def test_the_step_of_a_change_is_not_a_dose():
    # before, "increased by 25 mcg/h" was a 25 mcg/h patch beside the 75 mcg/h one
    reading = read_course("She used a fentanyl patch 50 mcg/h. The patch was increased by 25 "
                          "mcg/h to 75 mcg/h.")
    first, then = reading.states
    assert [i.daily_dose.value for i in first.items] == [50]
    assert [i.daily_dose.value for i in then.items] == [75]
    assert then.label == "fentanyl increased"
    assert any(t.kind == "change" and t.value == 25 for t in reading.printed_totals)
    (morphine,) = _items("Morphine was increased by 10 mg.")
    assert morphine.per_dose is None and morphine.daily_dose is None
    (oxycodone,) = read_course("The dose of oxycodone was reduced by 20 mg/day to 40 mg/day.").items
    assert oxycodone.daily_mg == 40


@pytest.mark.parametrize(("schedule", "daily"), [
    ("b.d.", 20), ("bd", 20), ("t.d.s.", 30), ("q.d.s.", 40), ("qds", 40), ("twice-daily", 20),
    ("once-daily", 10), ("mane", 10), ("every morning", 10), ("x3 daily", 30), ("x 3/day", 30),
    ("3×/day", 30), ("/8 h", 30), ("/12 h", 20)])
def test_schedules_as_clinicians_write_them(schedule, daily):
    # before, "q.d.s." was read as "q.d." (10 mg/day) and "x3 daily" as "daily": both invented
    (item,) = _items(f"Oxycodone 10 mg {schedule}.")
    assert item.daily_mg == daily


def test_a_patch_written_per_72_hours_is_not_a_dose_every_72_hours():
    (patch,) = _items("Transdermal fentanyl 25 µg/72 h.")
    assert patch.daily_dose is None


def test_a_concentration_times_a_volume_is_read_with_its_schedule():
    (methadone,) = _items("Methadone 1 mg/mL solution 5 mL twice daily.")
    assert methadone.daily_mg == 10
    (morphine,) = _items("Morphine 10 mg/mL, 0.5 mL every 4 hours as needed.")
    assert morphine.prn and morphine.daily_dose is None and morphine.per_dose.value == 5
    (once,) = _items("Methadone 1 mg/mL solution 5 mL.")
    assert once.daily_dose is None


def test_the_strength_of_a_preparation_before_its_dose_is_not_an_item():
    reading = read_course("Morphine oral solution 2 mg/mL, 5 mg every 4 hours.")
    (morphine,) = reading.items
    assert morphine.daily_mg == 30
    assert [n.as_written for n in reading.not_doses] == ["2 mg/mL"]


def test_a_dose_sharing_its_name_does_not_take_the_schedule_of_the_dose_before():
    # before, the 10 mg twice daily took the as-needed of the 5 mg and lost its daily amount
    rescue, regular = _items("Oxycodone 5 mg as needed and 10 mg twice daily.")
    assert rescue.prn and not regular.prn and regular.daily_mg == 20
    # a PCA's background infusion is not a demand dose
    bolus, background = _items("Morphine PCA: bolus 1 mg, lockout 10 min, background infusion "
                               "0.5 mg/h.")
    assert bolus.prn and bolus.as_written == "Morphine PCA: bolus 1 mg, lockout 10 min"
    assert not background.prn and background.daily_mg == 12
    demand, basal = _items("Hydromorphone PCA with a demand dose of 0.2 mg and a basal rate of "
                           "0.1 mg/h.")
    assert demand.prn and not basal.prn and basal.daily_mg == pytest.approx(2.4)


def test_the_route_written_after_the_dose_before_is_that_doses():
    # before, the IV rescue dose took the "po" of the oral one
    oral, iv = _items("Hydromorphone 2 mg po q3h prn and 0.5 mg IV q2h prn.")
    assert (oral.route.value, iv.route.value) == ("oral", "iv")
    # a route written before the first dose is the name's, and holds for both
    regular, rescue = _items("Oral morphine 10 mg every 4 hours and 5 mg as needed.")
    assert regular.route is rescue.route and regular.daily_mg == 60 and rescue.prn


@pytest.mark.parametrize("verb", ["switched to", "converted to", "rotated to", "changed to",
                                  "replaced by", "replaced with"])
def test_the_subject_of_a_passive_switch_is_the_drug_switched_from(verb):
    # before, morphine and methadone were read into one state, as if given together
    reading = read_course(f"She took gabapentin 300 mg three times daily. Morphine 60 mg/day was "
                          f"{verb} methadone 10 mg/day.")
    before, after = reading.states
    assert {i.drug.name for i in before.items} == {"gabapentin", "morphine"}
    assert {i.drug.name for i in after.items} == {"gabapentin", "methadone"}


def test_the_subject_of_a_switch_after_which_is_the_drug_switched_from():
    reading = read_course("The patient was receiving 120 mg/day of oral oxycodone, which was "
                          "rotated to methadone at a dose of 5 mg three times a day.")
    before, after = reading.states
    assert [(i.drug.name, i.daily_mg) for i in before.items] == [("oxycodone", 120)]
    assert [(i.drug.name, i.daily_mg) for i in after.items] == [("methadone", 15)]


def test_a_count_of_doses_taken_is_not_a_schedule():
    # before, "8 doses of 5 mg oxycodone per day" was an as-needed 5 mg with 5 mg/day at most
    for text in ("She required 8 doses of 5 mg oxycodone per day for breakthrough pain.",
                 "She took four rescue doses of 10 mg morphine a day."):
        reading = read_course(text)
        (item,) = reading.items
        assert item.daily_dose is None and item.max_daily_dose is None, text
        assert any(f.finding.code == "doses-taken" for f in reading.findings), text


def test_a_daily_total_in_brackets_after_a_dose_and_its_schedule_is_printed_not_an_item():
    # before, "(60 mg/day)" was a second oxycodone item: 120 mg/day in the state
    reading = read_course("Oxycodone 10 mg every 4 hours (60 mg/day).")
    (oxycodone,) = reading.items
    assert oxycodone.daily_mg == 60
    (total,) = reading.printed_totals
    assert (total.kind, total.value, total.drug) == ("daily", 60, "oxycodone")


def test_a_count_of_units_before_the_amount_is_read_after_it_is_not_guessed():
    # before, "two 25 mcg/h patches" was 25 mcg/h and "10 mg, 2 tablets twice daily" 20 mg/day
    for text, daily in (("She wore two 25 mcg/h fentanyl patches.", 50),
                        ("Fentanyl 2 x 25 mcg/h patches.", 50)):
        (patch,) = _items(text)
        assert patch.daily_dose.value == daily and patch.daily_dose.unit == "mcg/h", text
    (oxycodone,) = _items("He took two 5 mg oxycodone tablets every 4 hours.")
    assert oxycodone.daily_mg == 60
    for text in ("Oxycodone 10 mg, 2 tablets twice daily.", "Tramadol 50 mg 1-2 tablets every "
                 "6 hours.", "Oxycodone 10 mg, two to three tablets daily."):
        reading = read_course(text)
        (item,) = reading.items
        assert item.daily_dose is None, text
        assert any(f.finding.code == "unit-count-not-read" for f in reading.findings), text
    # one tablet, or tablets in brackets saying what the amount is made of, change nothing
    assert _items("Oxycodone 10 mg 1 tablet twice daily.")[0].daily_mg == 20
    assert _items("Oxycodone 20 mg (2 tablets) twice daily.")[0].daily_mg == 40
    (fentanyl,) = _items("The dose of transdermal fentanyl was 1,050 µg/hr (20 patches).")
    assert fentanyl.daily_dose.value == 1050


def test_a_blank_line_ends_an_item():
    first = _items(_passage("fresh-017"))[0]
    assert first.as_written == "Modified release morphine sulfate titrated to 40 mg twice a day"
    assert first.daily_mg == 80



# -- patterns of the fresh2 passages (first read 16/20 with 3 invented; see tests/data/README.md) --

def _daily(text: str) -> list[tuple[str, float | None]]:
    return [(i.drug.name, i.daily_mg) for i in read_course(text).items if not i.carried]


@pytest.mark.parametrize("text", [
    "Morphine 10 mg every 4 hours (10 mg × 6 = 60 mg/day).",
    "Oxycodone 20 mg twice daily; 40 mg x 1.5 = 60 mg oral morphine.",
    "The total of 280 mg morphine per day ÷ 30 = 9.3 mg hydromorphone.",
    "Morphine (60mg×2=120mg) was planned.",
    "14 mg x 0.6 = 8.4 mg IV hydromorphone.",
])
def test_the_numbers_of_a_worked_calculation_are_not_doses(text):
    invented = {(d, v) for d, v in _daily(text) if v is not None} - {("morphine", 60),
                                                                      ("oxycodone", 40)}
    assert invented == set(), text


def test_a_calculation_needs_its_signs():
    # a count before a strength, "n = 7", "× 18 years" are no calculation
    assert _daily("He wore fentanyl 2 x 25 mcg/h patches.") == [("fentanyl", 1.2)]
    assert _daily("Indications were pain (n = 7). Morphine 10 mg q4h was given.") == [
        ("morphine", 60)]
    # the real passage (fresh2-012): before, morphine 280 mg/day and oxycodone 704 mg/day were
    # read out of "[280mg morphine per day ÷ 30] x 1.5 = 14" and "(352 mg ÷ 2 ≈ 180 mg)"
    reading = read_course(_passage("fresh2-012"))
    daily = {(i.drug.name, round(i.daily_mg, 6)) for i in reading.items if i.daily_mg}
    assert daily == {("hydromorphone", 9.6), ("hydromorphone", 33.6), ("oxycodone", 360)}
    assert any("calculation" in n.why for n in reading.not_doses)
    reading = read_course("That is 14 mg IV ([280mg morphine per day ÷ 30] x 1.5 = 14).")
    assert all(i.drug.name != "morphine" for i in reading.items)
    assert any(f.finding.code == "named-in-a-calculation" for f in reading.findings)


@pytest.mark.parametrize("text", [
    "Morphine 10 mg every 4 hours was effective in 80% of patients.",
    "In 12 patients the dose of morphine was 30 mg/day.",
    "In 12 (71%) patients oxycodone 20 mg twice daily was enough.",
    "A daily morphine dose of up to 1 mg was adequate in 77% of the patients.",
])
def test_amounts_said_of_a_share_of_the_patients_are_series_figures(text):
    reading = read_course(text)
    assert all(i.daily_dose is None for i in reading.items), text
    assert any(t.kind == "series" for t in reading.printed_totals)


def test_daily_before_a_dose_is_no_schedule_for_an_earlier_sentence():
    assert _daily("Oxycodone 5 mg was given. The daily oxycodone dose was unchanged.") == [
        ("oxycodone", None)]
    assert _daily("Oxycodone 5 mg was given. Oxycodone was given daily.") == [("oxycodone", 5)]
    # fresh2-018: "a daily morphine dose of up to 1 mg … in 77% of the patients" lent its
    # "daily" to the sentence before, and its 1 mg became morphine 1 mg/day
    daily = {v for _, v in _daily(_passage("fresh2-018")) if v is not None}
    assert daily == {0.25}


@pytest.mark.parametrize(("text", "want"), [
    ("He received 10 mg morphine per hour.", ("morphine", 240)),
    ("He received 10 mg morphine/hr.", ("morphine", 240)),
    ("She was given 2 mg of hydromorphone/h IV.", ("hydromorphone", 48)),
    ("10 mg of morphine per 24 hrs was given subcutaneously.", ("morphine", 10)),
    ("100 mg tramadol per 24 hours was prescribed.", ("tramadol", 100)),
    ("1 mg hydromorphone an hour was infused.", ("hydromorphone", 24)),
    ("0.4 mg IV hydromorphone/hour was her basal rate.", ("hydromorphone", 9.6)),
])
def test_the_time_written_after_the_drugs_name_makes_a_rate(text, want):
    (got,) = _daily(text)
    assert got[0] == want[0] and got[1] == pytest.approx(want[1]), text


@pytest.mark.parametrize("text", [
    "He was given 5 mg morphine/ml.",
    "He was given 10 mg morphine per dose.",
    # "5 mg morphine per 4 hours." is no longer here: "per N hours" (N two or more) is every N
    # hours since prosefix6263 (fresh62-013's "meropenem (0.5 g per 8 hours)"), as "150 mg.8 h-1"
    # was; 5 mg every 4 hours and 5 mg spread over 4 hours both give 30 mg a day (tested in the
    # prosefix6263 section)
    "10 mg morphine per hour as needed.",
    "Hydromorphone 0.5 mg/h IV as needed was ordered.",
    "Oxycodone 10 mg/day as needed.",
])
def test_no_rate_where_the_time_is_not_a_rate_or_the_dose_is_as_needed(text):
    assert all(v is None for _, v in _daily(text)), text


def test_an_infusion_rate_with_boluses_as_needed_keeps_its_daily_amount():
    assert _daily("A morphine infusion at 2 mg/h with boluses as needed was started.") == [
        ("morphine", 48)]


@pytest.mark.parametrize(("text", "want"), [
    ("4 mg buprenorphine/1 mg naloxone (three times/day)", {("buprenorphine", 12), ("naloxone", 3)}),
    ("4 mg buprenorphine / 1 mg naloxone three times daily.", {("buprenorphine", 12),
                                                               ("naloxone", 3)}),
    ("Buprenorphine 2 mg / naloxone 0.5 mg SL TID.", {("buprenorphine", 6), ("naloxone", 1.5)}),
    ("Oxycodone 5 mg/acetaminophen 325 mg every 6 hours.", {("oxycodone", 20),
                                                            ("acetaminophen", 1300)}),
    ("Morphine 10 mg/oxycodone 5 mg.", {("morphine", None), ("oxycodone", None)}),
    ("5 mg oxycodone/325 mg acetaminophen, 2 tablets every 6 hours as needed.",
     {("oxycodone", None), ("acetaminophen", None)}),
])
def test_components_joined_by_a_slash_share_the_schedule_after_them(text, want):
    assert set(_daily(text)) == want, text


def test_the_capc_passages_read_the_buprenorphine_of_the_combination():
    for id_ in ("fresh2-010", "fresh2-011"):
        daily = {(d, v) for d, v in _daily(_passage(id_)) if v is not None}
        assert daily == {("buprenorphine", 12), ("naloxone", 3)}, id_

# -- patterns of the fresh3 passages (first read 27/31 with 12 invented and 53 unexpected items;
#    see tests/data/README.md) --------------------------------------------------------------------

def _drugs(text: str) -> list[str]:
    return [i.drug.name for i in read_course(text).items]


@pytest.mark.parametrize("text", [
    "What is the equivalent dose of oral morphine 30 mg every 4 hours?",
    "Should she be given oxycodone 10 mg twice daily?",
    "Was the fentanyl patch 25 mcg/h enough?",
])
def test_a_question_reports_no_regimen(text):
    reading = read_course(text)
    assert reading.items == [], text
    assert any(f.finding.code == "not-a-regimen" for f in reading.findings)


@pytest.mark.parametrize("text", [
    # fresh3-020: before, the options' 60 mg/24 h, 90 mg BD and fentanyl 100 µg/h were read
    "He takes morphine 30 mg twice daily. Which of the following is most appropriate?\n\n"
    "A. Switch to subcutaneous morphine infusion at 120 mg/24hrs\n\n\nB. Switch to gabapentin\n"
    "C. Switch to fentanyl 25 mcg/h patch\n\nANSWER:\nA. Switch to subcutaneous morphine infusion "
    "at 120 mg/24hrs\n\nEXPLANATION:\nHalve the oral dose.",
    # fresh3-022: the options on the question's own line
    "He takes morphine 30 mg twice daily. What is the equivalent dose of a long-acting oxycodone "
    "preparation? A. 15 mg q12 B. 30 mg q12 C. 45 mg q12",
    # fresh3-004: numbered options, then the discussion
    "He takes morphine 30 mg twice daily.\n\nWhich of the following is LEAST appropriate?\n\n"
    "  1. Add sublingual fentanyl 200mcg prior to his activities.\n"
    "  2. Increase his long-acting morphine to 200mg tid.\n"
    "  3. Intrathecal pump with morphine and low-dose bupivacaine.\n\nDiscussion: the answer is 2.",
])
def test_the_answer_options_of_a_question_are_not_items(text):
    assert _daily(text) == [("morphine", 60)], text


def test_a_numbered_list_is_read_where_no_question_comes_before():
    text = "Medications:\n1. Morphine 10 mg every 4 hours\n2. Gabapentin 300 mg three times daily"
    assert _daily(text) == [("morphine", 60), ("gabapentin", 900)]
    # after the options, the discussion is read again
    text = ("Which is best?\n\n  1. Add fentanyl 25 mcg/h.\n  2. Add ketamine.\n\n"
            "Discussion: oxycodone 5 mg every 4 hours was started.")
    assert _daily(text) == [("oxycodone", 30)]


@pytest.mark.parametrize("text", [
    # fresh3-012: the fentanyl of an alternative not taken was an item
    "An alternative initial strategy would have been to completely discontinue the hydromorphone "
    "and instead use intravenous fentanyl or methadone as the sole opioid.",
    "Oxycodone 10 mg twice daily could have been given instead.",
    "Methadone should be considered earlier in such patients.",
    "Methadone may be considered a treatment choice for these patients.",
])
def test_a_hypothetical_or_a_recommendation_reports_no_regimen(text):
    assert read_course(text).items == [], text


def test_a_guess_about_the_past_is_no_hypothetical():
    text = "Her confusion may have been caused by morphine 30 mg every 4 hours."
    assert _daily(text) == [("morphine", 180)]


def test_could_have_as_needed_doses_is_an_order_not_a_hypothetical():
    (item,) = read_course("She could have as-needed doses of morphine for breakthrough pain.").items
    assert item.drug.name == "morphine" and item.prn


@pytest.mark.parametrize(("text", "want"), [
    # fresh3-006/7/8: oral morphine 720, 960 and 4800 mg/day were read out of the comparisons
    ("Her regimen included a continuous infusion of morphine at 10 mg intravenously per hour (10 mg "
     "of intravenous morphine hourly is the approximate equivalent of 30 mg of oral morphine "
     "tablets taken every hour).", [("morphine", 240)]),
    ("A continuous infusion of hydromorphone at 2 mg per hour IV (2 mg of intravenous "
     "hydromorphone hourly is the approximate equivalent of 40 mg of oral morphine tablets taken "
     "every hour).", [("hydromorphone", 48)]),
    ("He was on oxycodone 20 mg twice daily, equivalent to 60 mg of oral morphine a day.",
     [("oxycodone", 40)]),
    ("Oxycodone 20 mg twice daily is equivalent to morphine 60 mg a day.", [("oxycodone", None)]),
    # no amount before the verb: the amount after it is the dose it names (fresh2-012)
    ("This is approximately equivalent to 0.4 mg IV hydromorphone/hour, which is her initial "
     "basal rate.", [("hydromorphone", 9.6)]),
])
def test_the_sides_of_a_stated_equivalence_are_not_doses(text, want):
    got = _daily(text)
    assert [d for d, _ in got] == [d for d, _ in want], text
    for (_, value), (_, wanted) in zip(got, want, strict=True):
        assert value == (pytest.approx(wanted) if wanted is not None else None), text


@pytest.mark.parametrize("text", [
    # fresh3-009
    "He developed central excitation after an overdose of 5000 micrograms of fentanyl.",
    "She took an overdose of 300 mg of morphine.",
])
def test_the_amount_of_an_overdose_is_no_dose(text):
    reading = read_course(text)
    assert reading.items == [], text
    assert any("overdose" in n.why for n in reading.not_doses)


@pytest.mark.parametrize("text", [
    "Our findings suggest that fentanyl overdose can present with agitation.",
    "He had morphine-induced myoclonus.",
    "He attends his community methadone clinic.",
    # fresh3-011: Reactions Weekly's summary of the reactions, before the case
    "He developed myoclonus following concomitant administration of morphine and hydromorphone.",
    "He developed delirium during treatment with fentanyl, hydromorphone, lorazepam and morphine.",
    # fresh3-016/17/18/19/23: general statements
    "Methadone is known to be effective in relieving both nociceptive and neuropathic pain.",
    "Methadone, a synthetic opioid, may be more effective for pain.",
    "Although fentanyl patch (FP) are often used to treat cancer pain, there are cases in which it "
    "is impossible to eliminate the pain despite increasing the doses.",
    "Fentanyl buccal tablets (FBTs) are a rapid-onset opioid indicated for BTP management.",
    "A thorough consideration is necessary before switching to methadone.",
])
def test_a_drug_named_but_not_given_is_no_item(text):
    reading = read_course(text)
    assert reading.items == [], text
    assert any(f.finding.code == "named-not-given" for f in reading.findings), text


@pytest.mark.parametrize(("text", "drug"), [
    ("Methadone was started.", "methadone"),
    ("She is on methadone.", "methadone"),
    ("He developed nausea after administration of morphine 10 mg every 4 hours.", "morphine"),
    ("Morphine was effective and he developed no myoclonus.", "morphine"),
])
def test_a_drug_given_in_the_story_stays_an_item(text, drug):
    assert _drugs(text) == [drug], text


@pytest.mark.parametrize("text", [
    # fresh3-015/16: what some patients of a series were given
    "Five of the patients were treated with transdermal fentanyl, six with morphine tablets.",
    "Three patients (5%) could not tolerate 200 μg of fentanyl.",
    "The most frequent effective doses of fentanyl were 200 μg (41 patients, 74%).",
    "In the patients of the group, the dosage of morphine is 10 mg/d to 640 mg/d.",
])
def test_what_some_patients_of_a_series_were_given_is_no_item(text):
    reading = read_course(text)
    assert all(i.daily_dose is None for i in reading.items) and reading.items == [], text


def test_what_the_whole_series_was_given_is_its_common_regimen():
    assert _drugs("All three patients used morphine for breakthrough pain.") == ["morphine"]
    assert _daily("An initial dose of 0.25 mg of morphine per 24 hours was administered to all of "
                  "the patients.") == [("morphine", 0.25)]
    # each case's value given: not a series figure (r16-028)
    assert [v for _, v in _daily(
        "We present 2 cases who received transdermal buprenorphine at doses titrated up to 210 and "
        "175 µg/h, respectively.")] == [pytest.approx(5.04), pytest.approx(4.2)]


@pytest.mark.parametrize(("text", "want"), [
    # fresh3-006: the route written between the amount and "per hour"
    ("A continuous infusion of morphine at 10 mg intravenously per hour was given.", 240),
    ("Hydromorphone 2 mg IV per hour was started.", 48),
    ("Oxycodone 12 mg subcutaneously per 24 hours was started.", 12),
])
def test_the_time_after_a_route_word_makes_a_rate(text, want):
    ((_, got),) = _daily(text)
    assert got == pytest.approx(want), text


@pytest.mark.parametrize("text", [
    # fresh3-004: morphine 60 mg/day was read from "5 doses daily of 60mg"
    "He uses approximately 5 doses daily of 60mg short-acting morphine for this pain.",
    "She takes 4 doses a day of 10 mg oxycodone.",
])
def test_doses_taken_a_day_are_no_schedule(text):
    assert all(v is None for _, v in _daily(text)), text


def test_a_pca_analgesic_pump_and_its_demand_dose_every_n_minutes():
    # fresh3-011: "patient-controlled analgesic (PCA) pump 4 mg/hour" was missed, the "every 20
    # minutes" of a demand dose was no schedule, and "his PCA settings" were given to the patch
    text = ("He received IV hydromorphone patient-controlled analgesic (PCA) pump 4 mg/hour. "
            "His medications at discharge included hydromorphone PCA pump at 2 mg/hour (basal rate) "
            "plus 2mg every 20 minutes (demand dose). The fentanyl 25 mcg/h patch was continued. "
            "His PCA settings were increased to 4 mg/hour (basal rate) and 3mg every 20 minutes "
            "(demand dose).")
    states = read_course(text).states
    first = [(i.drug.name, i.daily_mg) for i in states[0].items]
    assert first == [("hydromorphone", 96)]
    last = {(i.drug.name, i.prn, None if i.daily_mg is None else round(i.daily_mg, 6))
            for i in states[-1].items}
    assert ("hydromorphone", False, 96) in last and ("hydromorphone", True, None) in last
    assert ("fentanyl", False, 0.6) in last
    demand = next(i for i in states[-1].items if i.prn)
    assert demand.per_dose.value == 3 and "20" in (demand.frequency or "")


def test_followed_by_is_a_change():
    states = read_course("He received transdermal fentanyl 25 mcg/h, followed by 50 mcg/h.").states
    assert [[i.daily_dose.value for i in s.items if not i.carried] for s in states] == [[25], [50]]


def test_a_switch_keeps_what_the_same_sentence_continues():
    # fresh3-001: the methadone was dropped by the switch and came back with its dose unknown
    text = ("They recommended the continuation of methadone at 120 mg daily and oral oxycodone 30 mg "
            "every 6 hours. Pain medication was changed to oral hydromorphone 28 mg every 6 hours "
            "with the continuation of methadone.")
    last = read_course(text).states[-1]
    assert {(i.drug.name, i.daily_mg) for i in last.items} == {("methadone", 120),
                                                               ("hydromorphone", 112)}


@pytest.mark.parametrize(("text", "want"), [
    # fresh3-022: acetaminophen 1950 mg/day was read (the 2 tablets left out), oxycodone missed
    ("A patient is taking 2 oxycodone/acetaminophen tablets (5 mg/325 mg), 6 times a day.",
     {("oxycodone", 60), ("acetaminophen", 3900)}),
    ("He takes 1 hydrocodone/acetaminophen tablet (10 mg/325 mg) every 6 hours.",
     {("hydrocodone", 40), ("acetaminophen", 1300)}),
    ("Oxycodone/acetaminophen (5 mg/325 mg) two tablets every 6 hours.",
     {("oxycodone", 40), ("acetaminophen", 2600)}),
])
def test_combination_strengths_with_a_unit_each(text, want):
    assert set(_daily(text)) == want, text


@pytest.mark.parametrize("text", [
    # fresh3-021: the teaching answer's alternatives were two items
    "Diamorphine 40mg or morphine 60mg in syringe.",
    "Give oxycodone 5 mg or hydromorphone 1 mg every 4 hours as needed.",
])
def test_doses_of_two_drugs_joined_by_or_are_a_choice_not_items(text):
    reading = read_course(text)
    assert reading.items == [], text
    assert any(f.finding.code == "alternatives" for f in reading.findings)


@pytest.mark.parametrize(("text", "want"), [
    ("Midazolam 10mg – 20mg was prescribed.", (10, 20)),
    ("The therapeutic dose of naloxone is 0.2 mg to 0.8 mg.", (0.2, 0.8)),
])
def test_two_amounts_of_one_unit_joined_by_a_dash_or_to_are_a_range(text, want):
    (item,) = read_course(text).items
    assert item.dose_range[:2] == want and item.daily_dose is None, text


def test_amounts_joined_by_to_after_a_change_are_two():
    items = read_course("Oxycodone was reduced 20 mg to 10 mg twice daily.").items
    assert all(i.dose_range is None for i in items)
    assert items[-1].daily_mg == 20


def test_a_bare_percentage_is_a_share_unless_beside_its_drug():
    # fresh3-018: "(95% CI …)" was methadone's 95% strength
    reading = read_course("Symptoms improved 2.3 days after starting methadone (95% CI 1.86, 2.80).")
    assert all(i.per_dose is None for i in reading.items)
    (item,) = read_course("An infusion of 0.002% preservative-free morphine was started.").items
    assert item.per_dose.unit == "%"
    # fresh3-016: the share in "(12 patients, 21%)" was the story drug's concentration
    text = ("Fentanyl buccal tablet was titrated. The most frequent effective doses were 200 μg "
            "(41 patients, 74%) and 400 μg (12 patients, 21%).")
    assert all(i.per_dose is None or i.per_dose.unit != "%" for i in read_course(text).items)


def test_an_inn_shaped_unknown_name_keeps_its_amounts_from_the_story_drug():
    # fresh2-009 (found by probing): ziconotide's amounts were given to the intrathecal morphine
    text = ("She was on intrathecal morphine 2 mg/day. Ziconotide was initiated at 0.5-1.0 µg/day "
            "and increased to 1 µg/day.")
    assert _daily(text) == [("morphine", 2)]
    assert any(f.finding.code in NAME_NOT_CATALOGUED for f in read_course(text).findings)


def test_an_abbreviation_defined_for_a_patch():
    # fresh3-017: "fentanyl patch (FP)" defines FP, the transdermal fentanyl
    text = ("She was given a fentanyl patch (FP) on admission. Despite a switch to FP from oxycodone "
            "used to treat the abdominal pain, pain relief was not achieved.")
    reading = read_course(text)
    assert {(i.drug.name, i.route) for i in reading.items} >= {("fentanyl", Route.TRANSDERMAL),
                                                                ("oxycodone", None)}


def test_the_drug_switched_from_is_in_the_state_before_with_its_own_words():
    reading = read_course("Oxycodone was switched to morphine. Then, a rotation from oxycodone to "
                          "continuous intravenous infusion of morphine was done.")
    assert all(i.route is None for i in reading.items if i.drug.name == "oxycodone")
    reading = read_course("It was switched from oxycodone to methadone 5 mg every 8 hours.")
    first, second = reading.states
    assert [i.drug.name for i in first.items] == ["oxycodone"]
    assert [(i.drug.name, i.daily_mg) for i in second.items] == [("methadone", 15)]


def test_a_heading_word_is_no_verb():
    reading = read_course("Introduction: Methadone is an opioid used in Japan.")
    assert reading.items == []


def test_a_prescription_refers_back_to_the_drug_of_the_story():
    # fresh3-020
    assert (_daily("He finds it difficult to take his morphine. His current prescription is for "
                   "60 mg BD oral.")[-1]) == ("morphine", 120)


@pytest.mark.parametrize("id_", ["fresh3-004", "fresh3-006", "fresh3-007", "fresh3-008",
                                 "fresh3-015", "fresh3-020", "fresh3-022"])
def test_the_fresh3_passages_that_had_inventions_read_none(id_):
    passage = next(p for p in PASSAGES if p["id"] == id_)
    wanted = {(i["drug"], i["daily_dose"]["value"] * {"mg/day": 1, "g/day": 1000, "mcg/h": 0.024,
                                                       "mg/h": 24, "mcg/day": 1e-3}[
        i["daily_dose"]["unit"]])
              for s in passage["expected"]["states"] for i in s["items"] if i["daily_dose"]}
    got = {(d, round(v, 6)) for d, v in _daily(passage["text"]) if v is not None}
    assert {(d, round(v, 6)) for d, v in wanted} >= got, id_


# -- patterns of the fresh4 passages (first read 14/15 with 1 invented and 17 unexpected items;
#    see tests/data/README.md) --------------------------------------------------------------------

def test_a_maximum_a_protocol_for_a_group_sets_is_not_a_dose():
    # fresh4-018: "increased to a maximum of 0.05 mg/hour" was read as 1.2 mg/day for a series
    text = ("Medical records of 40 patients who received fentanyl by CSCI were retrospectively "
            "reviewed. The dose of fentanyl was increased to a maximum of 0.05 mg/hour.")
    reading = read_course(text)
    assert [(i.drug.name, i.daily_mg) for i in reading.items] == [("fentanyl", None)]
    assert "0.05 mg/hour" in [n.as_written for n in reading.not_doses]
    assert _daily("Thirty patients were enrolled. Morphine was titrated up to a maximum of "
                  "60 mg/day.") == [("morphine", None)]


@pytest.mark.parametrize(("text", "want"), [
    # one patient: the maximum is the dose reached
    ("A 60-year-old man was given oral morphine. The dose of morphine was increased to a maximum "
     "of 60 mg/day.", 60),
    ("Thirty patients were enrolled. The patient in case 3 was given morphine, titrated up to a "
     "maximum of 60 mg/day.", 60),
    # "the maximum" is the dose reached, in a series too (fresh-001)
    ("The dose of ketamine was incremented to the maximum of 250 mg/day.", 250),
])
def test_a_maximum_reached_is_read(text, want):
    assert [v for _, v in _daily(text) if v is not None] == [pytest.approx(want)], text


@pytest.mark.parametrize(("text", "want"), [
    # fresh4-006: "TFP 200.µg per hour" was missed
    ("The pain was controlled with a transdermal fentanyl patch (TFP). Later, despite a high dose "
     "of fentanyl (TFP 200.µg per hour), her pain was not controlled.", 4.8),
    ("Morphine 30.mg was given every 4 hours.", 180),
    ("Fentanyl 25.mcg/h patch was applied.", 0.6),
    ("He took oxycodone 2.5 mg every 6 hours.", 10),  # a decimal point is no stray stop
])
def test_a_full_stop_typeset_between_a_number_and_its_unit(text, want):
    assert [v for _, v in _daily(text) if v is not None][-1] == pytest.approx(want), text


@pytest.mark.parametrize("text", [
    # fresh4-005, -008, -010, -015, -016, -023: general statements were items
    "Morphine treatment dramatically improves pain control in end-stage cancer patients.",
    "Ketamine therapy effectively relieves neuropathic pain in patients with cancer.",
    "Tramadol inhibits serotonin reuptake, and thus has the potential to cause serotonin syndrome.",
    "The use of intravenous methadone by patient controlled analgesia (PCA) is attractive for the "
    "management of severe cancer pain and may offer some advantages over morphine.",
    "Recent case reports have raised concerns about the potential for methadone to prolong the "
    "QTc interval.",
    "An increasing number of reports are being presented involving the use of tramadol.",
    "With tramadol increasing popularity, the goal of this article is to make physicians aware.",
    "Oxycodone is a first-line choice for treating cancer pain, and OxyContin, a controlled-release "
    "oxycodone hydrochloride tablet, is internationally recognized as a safe opioid.",
    "OxyContin has a time to onset and peak similar to those of immediate-release morphine.",
    "Continuous subcutaneous injection (CSCI) is a reasonable strategy for rapid titration of "
    "fentanyl in patients with cancer pain who are unable to take oral medication.",
    "Patients who require 1,000 mg or more of morphine per day are very rare.",
    "Hydromorphone is five times more potent than morphine.",
])
def test_a_general_statement_names_no_item(text):
    assert read_course(text).items == [], text


@pytest.mark.parametrize(("text", "want"), [
    # present tense, of the patient: still items
    ("Home medications are oxycodone and gabapentin.", ["oxycodone", "gabapentin"]),
    ("She is taking methadone and gabapentin.", ["methadone", "gabapentin"]),
    ("He receives morphine via a PCA pump.", ["morphine"]),
    ("Despite increasing doses of morphine, the pain persisted.", ["morphine"]),
    ("Increasing doses of oxycodone were given.", ["oxycodone"]),
    # what another drug is compared with is not given
    ("Methadone was chosen over morphine because of renal failure.", ["methadone"]),
    # "The use of … is described." sums a report up (fresh2-019)
    ("The use of the intraventricular administration of morphine in the treatment of "
     "intractable pain secondary to cancer is described.", ["morphine"]),
])
def test_what_the_patient_is_on_is_read_in_the_present_tense_too(text, want):
    assert _drugs(text) == want, text


@pytest.mark.parametrize(("text", "want"), [
    # fresh4-001, -002: the summary's mention was an item of its own before the case's
    ("We report a patient with opioid-resistant pain treated with burst ketamine therapy. The "
     "therapy was initiated with 100 mg/day ketamine intravenously.", [("ketamine", 100)]),
    ("The authors report two patients whose pain did not decrease despite fentanyl but decreased "
     "after addition of morphine. Case 1 was given fentanyl 300 μg/day intravenously. Morphine "
     "50 mg/day was added.", [("fentanyl", 0.3), ("morphine", 50)]),
    ("This case report describes the use of methadone in a patient with cancer pain. Methadone 5 mg "
     "every 8 hours was started.", [("methadone", 15)]),
    # named only in the summary: an item
    ("We report a patient with opioid-resistant pain treated with burst ketamine therapy. Her pain "
     "improved.", [("ketamine", None)]),
    # the summary gives a route the case does not: kept (fresh-008, fresh4-020)
    ("We present four patients in whom epidural morphine was used. A small dose of morphine was "
     "given through a catheter.", [("morphine", None)]),
])
def test_a_drug_the_summary_names_is_read_where_the_case_tells_of_it(text, want):
    got = _daily(text)
    assert [d for d, _ in got] == [d for d, _ in want], text
    for (_, value), (_, wanted) in zip(got, want, strict=True):
        assert value == (pytest.approx(wanted) if wanted is not None else None), text


def test_a_drug_named_as_the_cause_of_an_event_is_no_new_item():
    # fresh4-008: "attributed to tramadol" opened a state "tramadol added" after its stop
    reading = read_course("A 68-year-old man was started on tramadol. Two days later he developed "
                          "serotonin syndrome. Tramadol was discontinued. These symptoms were "
                          "attributed to tramadol.")
    assert not reading.states[-1].items
    assert [i.drug.name for i in reading.items] == ["tramadol"]
    # named nowhere else, it may be what the patient was on
    assert _drugs("These symptoms were attributed to tramadol.") == ["tramadol"]


@pytest.mark.parametrize("text", [
    # fresh4-004, -007: recommendations were read as the patient's regimen
    "Recommendations for managing myoclonus include reduction of the opioid dosage and "
    "clonazepam therapy.",
    "Sublingual fentanyl may not be recommended for patients who are being treated with 30mg/day "
    "of oral morphine equivalent dose (20mg/day oxycodone, 12.5μg/hr fentanyl patch).",
    # fresh4-014: a drug named as a complication
    "Herein, we describe a fentanyl patch complication.",
])
def test_a_recommendation_or_a_complication_names_no_item(text):
    assert read_course(text).items == [], text


def test_a_recommendation_followed_is_read():
    assert _daily("Oxycodone 10 mg twice daily was recommended by the pain team and started.") == [
        ("oxycodone", 20)]


@pytest.mark.parametrize("text", [
    # fresh4-005: "9,000 mg or more of morphine" is a lower bound, not a dose
    "She finally required a dose of 9,000 mg or more of morphine via continuous infusion.",
    "He required 1,000 mg or more of morphine per day.",
])
def test_an_amount_or_more_is_a_lower_bound(text):
    reading = read_course(text)
    assert [(i.drug.name, i.daily_mg) for i in reading.items] == [("morphine", None)]
    assert len(reading.not_doses) == 1


def test_a_drug_named_before_what_was_switched_from_was_given_then_too():
    # r16-025: methadone, named before the ketamine switched from, is in the state before
    reading = read_course("The patient with methadone substitution initially needed 300 mg "
                          "ketamine per day intravenously and was changed to an oral dosage of "
                          "800 mg per day.")
    first = reading.states[0]
    assert {i.drug.name for i in first.items} == {"methadone", "ketamine"}
    # the drug switched to is not (fresh3-017)
    reading = read_course("Despite a switch to FP from oxycodone, pain relief was not achieved. She "
                          "was given a fentanyl patch (FP).")
    assert [i.drug.name for i in reading.states[0].items] == ["oxycodone"]


@pytest.mark.parametrize("id_", ["fresh4-002", "fresh4-005", "fresh4-007", "fresh4-008",
                                 "fresh4-010", "fresh4-014", "fresh4-016", "fresh4-018",
                                 "fresh4-023"])
def test_the_fresh4_passages_read_no_item_where_the_pharmacist_reads_none(id_):
    passage = next(p for p in PASSAGES if p["id"] == id_)
    assert unexpected_items(passage, read_course(passage["text"])) == [], id_


def test_the_fresh4_passages_read_their_amounts_and_invent_none():
    reading = read_course(_passage("fresh4-018"))
    assert all(i.daily_mg is None for i in reading.items)
    daily = _daily(_passage("fresh4-006"))
    assert ("fentanyl", pytest.approx(4.8)) in daily


# -- the seed paper: Takamatsu et al. 2018, from its own text -------------------------------------

def _cases() -> dict[str, str]:
    text = TAKAMATSU.read_text(encoding="utf-8")
    return {part.split("\n", 1)[0].strip(): part.split("\n", 1)[1]
            for part in re.split(r"^## ", text, flags=re.M)[1:]}


def _key(item) -> tuple:
    return (item.name, item.route.value if item.route_stated else None, item.prn,
            None if item.daily() is None else round(item.daily(), 6))


@pytest.mark.skipif(not TAKAMATSU.exists(), reason="the paper's text is in ../shared/cases")
@pytest.mark.parametrize("case", [1, 2, 3])
def test_takamatsu_cases_read_to_the_example_courses(case):
    from mpsdose import load

    reading = read_course(_cases()[f"Case {case}"])
    example = load(EXAMPLES / f"takamatsu2018-case{case}.toml")
    assert len(reading.states) == len(example.states)
    assert reading.printed_totals == ()  # the case presentations print no total
    course = reading.course()
    for read_state, example_state in zip(course.states, example.states, strict=True):
        read_keys = sorted(map(_key, read_state.regimen.items), key=repr)
        want = sorted(map(_key, example_state.regimen.items), key=repr)
        if case == 3 and example_state.label == "switch":
            # The example keeps only the new opioid; the reader carries naproxen and
            # acetaminophen through the opioid switch, as cases 1 and 2 carry what the text does
            # not say changed — flagged as carried, with a finding.
            extra = sorted(set(read_keys) - set(want))
            assert set(want) <= set(read_keys)
            assert [k[0] for k in extra] == ["acetaminophen", "naproxen"]
            carried = [i for i in reading.states[-1].items if i.carried]
            assert sorted(i.drug.name for i in carried) == ["acetaminophen", "naproxen"]
            continue
        assert read_keys == want, example_state.label


# -- patterns of the fresh5 passages (first read 7/9 with none invented and 24 unexpected items;
# both misses are drugs the catalogue lacks: bisacodyl, osimertinib) ------------------------------

@pytest.mark.parametrize("text", [
    # fresh5-003: what another drug is compared with, "than that of"
    "It has 75-100 times more potent pain relieving effect than that of morphine.",
    # fresh5-009: drugs named as examples of a kind in a sentence with no past tense
    "Several options in treating opioid-induced hyperalgesia include opioid reduction dosage, "
    "opioid rotating, or switching to a non-opioid adjuvant, such as ketamine or methadone.",
    "Adjuvants, e.g. gabapentin or duloxetine, help neuropathic pain.",
    # fresh5-013, -015, -018: the drug is the subject of a verb of a general statement, even
    # where a participle follows ("commonly prescribed", "is titrated")
    "Methadone is a commonly prescribed opioid amongst cancer patients.",
    "The dose of oral morphine is titrated up to achieve adequate relief from pain.",
    "The combination of oxycodone and naloxone is useful for cancer pain management.",
])
def test_a_general_statement_names_no_item_fresh5(text):
    assert read_course(text).items == [], text


@pytest.mark.parametrize(("text", "want"), [
    # the same words in a sentence of the story still give items
    ("She was given adjuvants such as pregabalin and duloxetine.", ["pregabalin", "duloxetine"]),
    ("Adjuvants such as pregabalin were added.", ["pregabalin"]),
    ("Morphine is given at 10 mg every 4 hours.", ["morphine"]),
    ("Oxycodone was increased because it was more effective than that of morphine.",
     ["oxycodone"]),
    ("He is taking oxycodone and naloxone.", ["oxycodone", "naloxone"]),
])
def test_examples_and_subjects_of_the_story_stay_items(text, want):
    assert _drugs(text) == want, text


# -- patterns of the fresh6 passages (first read 3/9 with 1 invented and 5 unexpected items) ------

def _daily_doses(text: str) -> list[tuple[str, str | None]]:
    return [(i.drug.name, str(i.daily_dose) if i.daily_dose is not None else None)
            for i in read_course(text).items]


@pytest.mark.parametrize(("text", "want"), [
    # fresh6-001/-002: a list of amounts, each before another drug's name, after "daily …
    # requirements were": the regimen drug by drug, each an amount a day
    ("Her daily requirements were 20 mg oxycodone and 300 mg gabapentin.",
     [("oxycodone", "20 mg/day"), ("gabapentin", "300 mg/day")]),
    ("Her 24-hour analgesic requirements were 60 mg morphine and 400 mg tramadol.",
     [("morphine", "60 mg/day"), ("tramadol", "400 mg/day")]),
    ("On admission her daily analgesic requirements were 150 µg/hr fentanyl, 100 mg oramorph "
     "and 400 mg tramadol.",
     [("fentanyl", "3600 mcg/day"), ("morphine", "100 mg/day"), ("tramadol", "400 mg/day")]),
])
def test_a_daily_list_of_requirements_is_the_regimen(text, want):
    assert _daily_doses(text) == want, text


@pytest.mark.parametrize(("text", "want"), [
    # no word of a day: the amounts are the drugs', but how often is not said
    ("Her requirements were 20 mg oxycodone and 300 mg gabapentin.",
     [("oxycodone", None), ("gabapentin", None)]),
    # one drug's requirement or consumption stays a total the text prints, not an item
    ("Her total 24-hour opioid requirement was 44 mg of IV hydromorphone.", []),
    ("His total daily morphine consumption was 300 mg per day.", []),
])
def test_a_requirement_that_is_no_daily_list_stays_as_before(text, want):
    assert _daily_doses(text) == want, text


def test_equating_to_states_an_equivalence_not_a_dose():
    # fresh6-001: "(equating to 740 mg oral morphine/24 hr)" had been read as morphine 740 mg/day
    text = "She took oxycodone 20 mg twice daily (equating to 60 mg oral morphine per day)."
    assert _daily_doses(text) == [("oxycodone", "40 mg/day")]
    reading = read_course(text)
    assert any("equivalence" in n.why for n in reading.not_doses), reading.not_doses


@pytest.mark.parametrize("text", [
    # fresh6-006: a conclusion naming the drugs given before, as a list after "a causal role of"
    "He was given codeine and then morphine. A causal role of codeine and morphine in the "
    "hiccups is likely.",
    # each name of a list after "attributed to" is the cause, not only the first
    "He received codeine, morphine and tramadol. The rash was attributed to codeine, morphine "
    "and tramadol.",
])
def test_drugs_named_as_the_cause_in_a_list_are_not_items_again(text):
    second = text.index(". ") + 2
    items = read_course(text).items
    assert items and all(item.span[1] <= second for item in items), items


# -- patterns of the fresh7 passages (ADE corpus abstracts; first read 35/39 with 6 invented and
# 25 unexpected items) ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # "mg day(-1)", "mg.day-1", "mg d(-1)": the journals' way of writing "per day"
    ("She was prescribed fluvoxamine 50 mg day(-1).", [("fluvoxamine", "50 mg/day")]),
    ("Hypertension was controlled with morphine 30 mg.day-1 orally.", [("morphine", "30 mg/day")]),
    ("He took sertraline 100 mg d(-1).", [("sertraline", "100 mg/day")]),
    # MS Contin's "continuous release" is a release word, not a continuous infusion
    ("Pain was controlled with 10 mg continuous release morphine p.o. three times daily.",
     [("morphine", "30 mg/day")]),
    # with no drug before the amount, its schedule may stand between it and the drug's name
    ("The patient was given 20 mg b.i.d. omeprazole.", [("omeprazole", "40 mg/day")]),
])
def test_ways_of_writing_a_daily_amount(text, want):
    assert _daily_doses(text) == want, text


@pytest.mark.parametrize(("text", "want"), [
    # a lower bound ("in excess of", "greater than", "exceeding") is no rate the patient had
    ("Titration of a lorazepam infusion in excess of 40 mg/hour failed.", [("lorazepam", None)]),
    ("A midazolam infusion exceeding 10 mg/hour was needed.", [("midazolam", None)]),
    # an amount after a name the catalogue does not know, given a route, a salt or brackets,
    # is that name's, never the drug's before it
    ("He took oral ibuprofen 600 mg every 6 h and oral cyclobenzaprine 5 mg daily.",
     [("ibuprofen", "2400 mg/day")]),
    ("Medications: haloperidol 10 mg bid, sodium valproate 500 mg bid.",
     [("haloperidol", "20 mg/day")]),
    ("She received prednisone 20 mg/day and with oral mesalazine 2.4 g/day.",
     [("prednisone", "20 mg/day")]),
    ("She was treated with methylprednisolone (40 mg i.v. q6h), aminophylline (loading with "
     "5 mg/kg and maintained with 0.6 mg/kg/hr), nebulized terbutaline sulphate (5 mg q6h), oral "
     "procaterol 12.5 micrograms bid.", [("methylprednisolone", "160 mg/day")]),
    ("A solution of 0.125% bupivacaine and 40 mg of triamcinolone was injected.",
     [("bupivacaine", None)]),
    # "the dosage of <a name the catalogue does not know>" speaks of that drug, not the story's
    ("Fluvoxamine 50 mg twice daily was replaced with milnacipran. The dosage of milnacipran was "
     "increased to 100 mg day(-1).", [("fluvoxamine", "100 mg/day")]),
])
def test_amounts_that_are_not_the_catalogue_drugs_are_not_given_to_them(text, want):
    assert _daily_doses(text) == want, text


def test_a_dose_sentence_that_names_no_drug_still_refers_back():
    text = "Oxycodone 10 mg twice daily was started. The dose was increased to 20 mg twice daily."
    assert _daily_doses(text) == [("oxycodone", "20 mg/day"), ("oxycodone", "40 mg/day")]


@pytest.mark.parametrize("text", [
    # an abstract's title: the first line, a full stop, no verb of its own
    "Ischaemic colitis in a patient taking meloxicam. She took 15 mg meloxicam daily.",
    "Acute respiratory depression as a complication of nebulised morphine. She took morphine "
    "10 mg three times daily.",
    # a structured abstract's sections that state the subject, not the case's events
    "OBJECTIVE: To describe a case of thrombocytopenia associated with lansoprazole. He was "
    "started on lansoprazole 60 mg twice daily.",
    "The objective of this report is to describe a rash during omeprazole treatment. She was "
    "given omeprazole 20 mg twice daily.",
])
def test_a_title_or_an_objective_names_the_subject_not_an_item(text):
    second = text.index(". ") + 2
    items = read_course(text).items
    assert items and all(item.span[0] >= second for item in items), items


@pytest.mark.parametrize(("text", "drugs"), [
    # a first sentence with a verb of the story is the case itself
    ("A 64-year-old man received oxycodone prolonged-release tablets for pain. The initial dose "
     "was 10 mg twice daily.", ["oxycodone"]),
    # "To report a case …": a purpose that names the regimen
    ("To report a case of serotonin syndrome resulting from the addition of duloxetine to "
     "sertraline. Nothing else was given.", ["duloxetine", "sertraline"]),
    # a list's heading with no full stop
    ("Current treatment dexamethasone\n\nCurrent medication morphine 30 mg twice a day",
     ["dexamethasone"]),
])
def test_first_lines_that_are_no_title_keep_their_items(text, drugs):
    first = re.search(r"\.\s|\n", text)
    assert first is not None
    items = read_course(text).items
    # the first line's drugs are read there, as before
    assert [i.drug.name for i in items if i.span[1] <= first.start() + 1] == drugs, text


@pytest.mark.parametrize(("text", "drugs"), [
    # a drug named in a measurement of its level is no dose given
    ("She took an overdose. Her fentanyl blood concentration was 5 ng/ml.", []),
    ("He was admitted. The plasma concentration of paracetamol was 3040 mumol/l.", []),
    # without a word of blood, plasma or serum it is read as before
    ("The morphine concentration was reduced and the infusion continued.", ["morphine"]),
])
def test_a_drug_named_in_a_measurement_of_its_level_is_no_item(text, drugs):
    assert [item.drug.name for item in read_course(text).items] == drugs, text


# -- patterns of the fresh8 passages (ADE corpus abstracts; first read 19/20, none invented, 13
# unexpected items) -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # "a total daily dose of N mg X": the sum of one day's doses, the drug's daily amount
    ("In case 1, a total daily dose of 25 mg sertraline, with nondetectable sertraline blood "
     "levels, resulted in toxicity.", [("sertraline", "25 mg/day")]),
    ("Sertraline was given at a total daily dose of 50 mg.", [("sertraline", "50 mg/day")]),
    # with a drug between "total daily dose" and the amount it stays a printed total
    ("The total daily dose of oral morphine was 120 mg.", []),
    # a total with no "daily" is still a cumulative total, not a dose
    ("A total dose of 600 mg of morphine was given.", [("morphine", None)]),
])
def test_a_total_daily_dose_is_the_drugs_daily_amount(text, want):
    assert _daily_doses(text) == want, text


def test_low_molecular_weight_heparin_is_a_class_not_heparin():
    text = ("OBJECTIVE: To report a case following anticoagulation with low-molecular-weight heparin "
            "(LMWH). Dalteparin, an LMWH, was started subcutaneously once daily. He later received "
            "low molecular weight heparins again.")
    assert [item.drug.name for item in read_course(text).items] == ["dalteparin"]
    assert [i.drug.name for i in read_course("Unfractionated heparin was started.").items] == [
        "heparin"]


@pytest.mark.parametrize(("text", "drugs"), [
    # a habit of practice
    ("Traditionally, children with acute lymphoblastic leukemia receive prednisone. She was "
     "given dexamethasone 6 mg daily.", ["dexamethasone"]),
    ("Recently, many cooperative groups use dexamethasone instead of prednisone. She was given "
     "dexamethasone 6 mg daily.", ["dexamethasone"]),
    # the literature, in the present perfect
    ("She took warfarin 5 mg daily. An increase in INR has been reported with the concurrent "
     "use of 5-FU and warfarin.", ["warfarin"]),
    ("She took warfarin 5 mg daily. Such bleeding could require the concomitant use of "
     "levamisole and warfarin.", ["warfarin"]),
    # a party to the interaction the report is about
    ("We investigated initial drug-drug interactions between lamotrigine and sertraline. She "
     "took sertraline 25 mg daily.", ["sertraline"]),
    # a causality assessment
    ("She took warfarin 2 mg daily. An objective causality assessment indicated a probable "
     "relationship between the bleeding and warfarin administration.", ["warfarin"]),
    # the object of its pharmacology
    ("She took warfarin 2 mg daily. Inhibition of the hepatic metabolism of warfarin by 5-FU is "
     "the postulated mechanism.", ["warfarin"]),
    # a call for research, with its dose levels
    ("She was given dexamethasone 6 mg daily. Only a prospective dexamethasone study at two dose "
     "levels (6 and 10 mg/m(2)/day) will clarify which dose is better.", ["dexamethasone"]),
])
def test_general_statements_name_no_item(text, drugs):
    assert [item.drug.name for item in read_course(text).items] == drugs, text


@pytest.mark.parametrize(("text", "drugs"), [
    # the patient's own habit or history is still read
    ("Usually she took morphine 10 mg at night.", ["morphine"]),
    ("He was treated with warfarin after the causality of the fracture was explained.",
     ["warfarin"]),
])
def test_statements_about_the_patient_keep_their_items(text, drugs):
    assert [item.drug.name for item in read_course(text).items] == drugs, text


@pytest.mark.parametrize("noun", ["withdrawal", "discontinuation", "cessation"])
def test_withdrawal_of_a_drug_stops_it_whatever_follows(noun):
    text = (f"He was given olanzapine 10 mg daily. Akathisia resolved after {noun} of "
            "olanzapine and substitution by a classical neuroleptic agent.")
    states = read_course(text).states
    assert [i.drug.name for i in states[0].items] == ["olanzapine"]
    assert not states[-1].items


def test_a_drug_replaced_by_a_name_the_catalogue_lacks_stops():
    text = ("Fluvoxamine 50 mg twice daily was given. Fluvoxamine was replaced with milnacipran "
            "50 mg day(-1).")
    states = read_course(text).states
    assert [(i.drug.name, str(i.daily_dose)) for i in states[0].items] == [
        ("fluvoxamine", "100 mg/day")]
    assert not states[-1].items
    # a change of amount is no replacement
    text = "Morphine 10 mg twice daily was given. Morphine was changed to 30 mg twice daily."
    assert [str(i.daily_dose) for i in read_course(text).states[-1].items] == ["60 mg/day"]


def test_the_usual_doses_of_a_drug_are_no_item():
    text = ("We calculated the occupancy during treatment with the usual doses of milnacipran, "
            "fluvoxamine and imipramine.")
    assert not read_course(text).items


# -- patterns of the fresh9 passages (BioCreative V CDR abstracts; first read 12/15, 3 invented,
# 12 unexpected items) ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "We propose that the paracetamol dose should not exceed 2 g/day in such patients.",
    "The morphine dose must not exceed 60 mg/day in renal failure.",
    "We recommend that oxycodone should be limited to 20 mg/day in the elderly.",
])
def test_a_ceiling_the_authors_advise_is_no_dose(text):
    reading = read_course(text)
    assert all(item.daily_dose is None for item in reading.items), text
    assert reading.not_doses


def test_a_named_regimen_beside_an_advised_ceiling_is_still_read():
    text = ("She was treated with 4 g paracetamol/day. We propose that the paracetamol dose "
            "should not exceed 2 g/day.")
    assert _daily_doses(text) == [("acetaminophen", "4 g/day")]


@pytest.mark.parametrize(("text", "want"), [
    # a name the catalogue lacks, with its "acid", heads its own item of the list
    ("She was taking warfarin 2 mg/day, folic acid 1 mg/day, and pantoprazole 40 mg/day.",
     [("warfarin", "2 mg/day"), ("pantoprazole", "40 mg/day")]),
    ("He took morphine 30 mg twice daily, valproic acid 500 mg twice daily.",
     [("morphine", "60 mg/day")]),
])
def test_the_amount_after_an_acid_the_catalogue_lacks_is_not_the_drug_before(text, want):
    assert _daily_doses(text) == want, text


@pytest.mark.parametrize(("text", "want", "other"), [
    ("Paroxetine was discontinued and the dose of Arsanyl was reduced to 50 mg twice daily.",
     [], None),
    ("Paroxetine was discontinued and the dose of flecainide was reduced to 50 mg twice daily.",
     [], ("flecainide", "100 mg/day")),
    ("He took morphine; the dose of levetiracetam was increased to 500 mg three times daily.",
     [("morphine", None)], ("levetiracetam", "1500 mg/day")),
])
def test_the_dose_of_a_name_the_catalogue_lacks_is_not_the_drug_before(text, want, other):
    reading = read_course(text)
    assert [(i.drug.name, str(i.daily_dose) if i.daily_dose else None)
            for i in reading.items if i.daily_dose is not None] == [w for w in want if w[1]]
    # refused (Arsanyl: no list names it, no INN stem), or read as not in the catalogue
    # (levetiracetam, on the WHO Model List; flecainide, in the drug vocabulary): never the
    # drug named before
    others = [(o.name, str(o.daily_dose)) for o in reading.not_in_catalogue]
    assert others == ([other] if other else [])
    assert others or any("not given to another drug" in f.finding.message
                         for f in reading.findings)


def test_the_dose_with_no_name_still_refers_to_the_drug():
    text = "Morphine was started and the dose was increased to 20 mg twice daily."
    assert _daily_doses(text) == [("morphine", "40 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    ("He took metoclopramide for gastrointestinal disorder in a regimen of 30 mg per day for a "
     "total of about 260 days.", [("metoclopramide", "30 mg/day")]),
    ("She received morphine 10 mg twice daily for a total of 3 weeks.",
     [("morphine", "20 mg/day")]),
])
def test_a_total_of_days_is_a_duration_not_a_total_amount(text, want):
    assert _daily_doses(text) == want, text


def test_a_total_of_an_amount_is_still_a_total():
    assert _daily_doses("She received a total of 600 mg of morphine.") == [("morphine", None)]


@pytest.mark.parametrize(("text", "want"), [
    ("Medical treatment was initiated at a daily dose of 20 mg paroxetine and 1.2 mg alprazolam.",
     [("paroxetine", "20 mg/day"), ("alprazolam", "1.2 mg/day")]),
    ("The daily dosage was 10 mg oxycodone, 300 mg gabapentin and 2 mg dexamethasone.",
     [("oxycodone", "10 mg/day"), ("gabapentin", "300 mg/day"), ("dexamethasone", "2 mg/day")]),
])
def test_a_daily_dose_of_a_list_is_each_drugs_daily_amount(text, want):
    assert _daily_doses(text) == want, text


def test_a_list_without_daily_words_has_no_daily_amounts():
    assert _daily_doses("He was given 20 mg paroxetine and 1.2 mg alprazolam.") == [
        ("paroxetine", None), ("alprazolam", None)]


@pytest.mark.parametrize(("text", "daily"), [
    ("He was treated with lidocaine 50 mg intravenously followed by infusion 1500 mg in dextrose "
     "5%/24 hour.", "1500 mg/day"),
    ("Morphine infusion 20 mg in normal saline 0.9%/24 hours was started.", "20 mg/day"),
])
def test_the_time_after_the_solutions_strength_is_the_infusions(text, daily):
    reading = read_course(text)
    assert daily in [str(i.daily_dose) for i in reading.items], text
    assert any("solution" in n.why for n in reading.not_doses)
    assert not any(re.match(r"\d+(?:\.\d+)?\s*%", i.as_written) for i in reading.items)


def test_a_strength_without_a_time_after_a_solution_gives_no_rate():
    text = "Morphine 20 mg in dextrose 5% was infused."
    assert all(i.daily_dose is None for i in read_course(text).items)


def test_drugs_named_in_a_discussion_section_are_not_items():
    text = ("CASE SUMMARY: A 69-year-old woman was taking paroxetine 40 mg/day. Paroxetine was "
            "discontinued. DISCUSSION: Flecainide may cause delirium. A search revealed one study "
            "on the interaction between flecainide and paroxetine, a CYP2D6 inhibitor. "
            "CONCLUSIONS: Toxicity may occur when flecainide is prescribed with paroxetine.")
    states = read_course(text).states
    assert [(i.drug.name, str(i.daily_dose)) for i in states[0].items] == [
        ("paroxetine", "40 mg/day")]
    assert not states[-1].items


def test_a_dose_in_a_discussion_section_is_still_read():
    text = ("CASE: A man took tramadol. DISCUSSION: He had taken morphine 10 mg twice daily "
            "before admission.")
    assert ("morphine", "20 mg/day") in _daily_doses(text)


def test_a_case_heading_after_the_discussion_reads_the_case_again():
    text = ("CASE 1: A woman was given methadone 10 mg twice daily. DISCUSSION: Oxycodone may "
            "be an alternative. CASE 2: A man was given oxycodone. He improved.")
    assert [i.drug.name for i in read_course(text).items] == ["methadone", "oxycodone"]


def test_a_background_before_a_case_heading_names_no_item():
    text = ("BACKGROUND: Levobupivacaine, the pure S(-) enantiomer of bupivacaine, was developed "
            "to improve cardiac safety. CASE REPORT: Two patients were given levobupivacaine.")
    assert [i.drug.name for i in read_course(text).items] == ["levobupivacaine"]


def test_the_case_after_an_objective_with_no_heading_is_read():
    text = ("OBJECTIVE: To report a case of bleeding with warfarin. A woman was given warfarin "
            "5 mg daily. Warfarin was stopped.")
    assert _daily_doses(text)[0] == ("warfarin", "5 mg/day")


# -- patterns of the fresh10 passages (E3C case texts; first read 19/21, 1 invented, 1 unexpected
# item, 11 not in the state) ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "daily"), [
    ("A 60-kg man was given prednisone 1 mg/kg/day.", "60 mg/day"),
    ("She weighed 50 kg. Prednisone 1 mg/kg/day was given.", "50 mg/day"),
    ("On examination, a weight of 56 kg was noted. Prednisone 1 mg/kg/day was given.",
     "56 mg/day"),
    ("His body weight was 70 kg. He was given prednisone 0.5 mg/kg/day.", "35 mg/day"),
    ("An Asian multiparous woman weighing 47 kg was given prednisone 1 mg/kg/day.", "47 mg/day"),
    ("A 3-year-old boy (15 kg) was given morphine 0.1 mg/kg every 4 hours.", "9 mg/day"),
])
def test_a_weight_stated_as_the_patients_is_used_for_doses_per_kg(text, daily):
    assert _daily_doses(text)[0][1] == daily, text


@pytest.mark.parametrize("text", [
    # fresh10-021: a body mass index in kg/m² is never a weight
    "In 2011, he was treated 3 times with steroids (1mg/kg/day of prednisone). In December 2011, "
    "at physical exam, his body mass index was 17kg/m².",
    "He had a body weight loss of 6 kg. Prednisone 1 mg/kg/day was given.",
    "He lost 6 kg. Prednisone 1 mg/kg/day was given.",
    "Her ideal body weight of 50 kg was used. Prednisone 1 mg/kg/day was given.",
    "The baby was born weighing 3 kg. The mother was given prednisone 1 mg/kg/day.",
    "Weight loss was similar (14 kg). Prednisone 1 mg/kg/day was given.",
    # two weights: which one the dose was counted from is not said
    "She weighed 50 kg, and 44 kg at discharge. Prednisone 1 mg/kg/day was given.",
])
def test_a_mass_not_stated_as_the_patients_weight_gives_no_daily_amount(text):
    reading = read_course(text)
    (prednisone,) = [i for i in reading.items if i.drug.name == "prednisone"]
    assert prednisone.daily_dose is None and prednisone.weight_based is not None, text
    assert any(f.finding.code in ("weight-based", "not-a-weight") for f in reading.findings)


def test_a_body_mass_index_is_named_as_not_a_weight():
    reading = read_course("His body mass index was 17kg/m². He was given 1mg/kg/day of "
                          "prednisone.")
    (finding,) = [f for f in reading.findings if f.finding.code == "not-a-weight"]
    assert reading.text[finding.span[0]:finding.span[1]] == "17kg"
    assert reading.weight_kg is None


@pytest.mark.parametrize(("text", "want"), [
    # fresh10-007 (Previtera et al. 2010): the other drug of the list is not in the catalogue
    ("Ticlopidine was discontinued immediately, and aspirin 25 mg and dipyridamole 200 mg were "
     "given twice daily.", [("aspirin", "50 mg/day")]),
    ("Aspirin 25 mg and morphine 20 mg were given orally twice daily.",
     [("aspirin", "50 mg/day"), ("morphine", "40 mg/day")]),
    ("Oxycodone 10 mg, gabapentin 300 mg and senna 15 mg were started three times daily.",
     [("oxycodone", "30 mg/day"), ("gabapentin", "900 mg/day"),
      ("sennoside", "45 mg/day")]),  # senna: a catalogue name of sennoside since the audit
])
def test_the_schedule_after_the_plural_verb_of_a_list_of_doses_is_each_doses(text, want):
    reading = read_course(text)
    assert [(i.drug.name, str(i.daily_dose)) for i in reading.items] == want, text
    assert any(f.finding.code == "shared-schedule" for f in reading.findings)


@pytest.mark.parametrize(("text", "want"), [
    # a dose with its own schedule keeps it
    ("Aspirin 25 mg daily and morphine 20 mg were given twice daily.",
     [("aspirin", "25 mg/day"), ("morphine", "40 mg/day")]),
    # the schedule before the verb is the last dose's own
    ("Aspirin 25 mg and morphine 20 mg twice daily were given.",
     [("aspirin", None), ("morphine", "40 mg/day")]),
    # a singular verb: the list is not its subject
    ("Aspirin 25 mg and morphine 20 mg was given twice daily.",
     [("aspirin", None), ("morphine", "40 mg/day")]),
])
def test_a_schedule_not_said_of_the_whole_list_is_not_shared(text, want):
    assert _daily_doses(text) == want, text


@pytest.mark.parametrize(("text", "drug"), [
    # fresh10-031 (Nurdin et al. 2021): "gr" means gram there, but the grain elsewhere
    ("The patient was given citicoline 500mg/12 hours/IV, omeprazole 40mg/12 hours/IV, "
     "ceftriaxone 2gr/12 hours/IV and paracetamol 1gr/8 hours/intravenously.", "acetaminophen"),
    ("She took 5 grains of aspirin every 4 hours.", "aspirin"),
    ("Aspirin 5 gr every 4 hours was given.", "aspirin"),
])
def test_an_amount_in_gr_is_neither_grain_nor_gram(text, drug):
    reading = read_course(text)
    (item,) = [i for i in reading.items if i.drug.name == drug]
    assert item.daily_dose is None and item.per_dose is None, text
    # the drug's own finding (ceftriaxone's "2gr", a drug the catalogue lacks, has one too since
    # prosefix9293)
    (finding,) = [f for f in reading.findings if f.finding.code == "grain-or-gram"
                  and f"({drug})" in f.finding.message]
    assert re.fullmatch(r"\d+\s*gr(?:ains)?", text[finding.span[0]:finding.span[1]])
    assert "not read" in finding.finding.message


def test_the_dose_interval_route_form_is_read_beside_it():
    # fresh10-031: "40mg/12 hours/IV" is 40 mg every 12 hours, intravenously
    reading = read_course("The patient was given omeprazole 40mg/12 hours/IV and paracetamol "
                          "1gr/8 hours/intravenously.")
    omeprazole = next(i for i in reading.items if i.drug.name == "omeprazole")
    assert (str(omeprazole.daily_dose), omeprazole.route) == ("80 mg/day", Route.IV)


@pytest.mark.parametrize(("text", "then"), [
    # fresh10-033 (E3C; a pregnant patient with AAV), fresh7-036 (a MEDLINE abstract)
    ("Patient was treated with methylprednisolone IV followed by oral prednisone 70 mg daily.",
     "prednisone"),
    ("The patient was treated with methylprednisolone pulse therapy (1 g/day, for 3 days) "
     "followed by oral prednisolone.", "prednisolone"),
])
def test_a_drug_of_the_same_class_after_followed_by_is_the_next_step(text, then):
    reading = read_course(text)
    first, second = reading.states
    assert [i.drug.name for i in first.items] == ["methylprednisolone"]
    assert [i.drug.name for i in second.items] == [then]
    assert any(f.finding.code == "step-of-treatment" for f in reading.findings)


def test_a_drug_of_another_class_after_followed_by_is_added_beside():
    # fresh6-004: the oxycodone continues beside the naldemedine given for constipation
    text = ("Oxycodone hydrochloride hydrate 10 mg/day was additionally administered on "
            "postoperative day 11, followed by naldemedine 0.2 mg/day for OIC.")
    states = read_course(text).states
    assert {i.drug.name for i in states[-1].items} == {"oxycodone", "naldemedine"}


def test_a_single_dose_is_not_carried_into_the_next_state():
    # fresh10-019 (E3C): a stat dose is an event, not a regimen that continues
    text = ("Olanzapine 10 mg IM stat was given. On the third day the patient was started on "
            "lorazepam 1 mg at bedtime.")
    states = read_course(text).states
    assert [i.drug.name for i in states[0].items] == ["olanzapine"]
    assert [i.drug.name for i in states[-1].items] == ["lorazepam"]


def test_a_scheduled_dose_is_still_carried():
    text = ("Olanzapine 10 mg twice daily was given. On the third day the patient was started "
            "on lorazepam 1 mg at bedtime.")
    assert [i.drug.name for i in read_course(text).states[-1].items] == ["olanzapine",
                                                                        "lorazepam"]


@pytest.mark.parametrize("text", [
    # fresh10-034 (E3C): the treatment named as a cause was told before
    "He was responsive to oral prednisone (30 mg/day). The current bronchoscopy revealed a "
    "decrease in IgG4 expression, probably because of the intermittent prednisone treatment.",
    # fresh6-004: "OWS due to naldemedine administration was suspected"
    "Naldemedine 0.2 mg/day was given. Restlessness due to naldemedine was suspected.",
])
def test_a_drug_named_as_the_cause_of_an_event_is_no_item_again(text):
    reading = read_course(text)
    assert len(reading.items) == 1, [i.as_written for i in reading.items]
    assert any(f.finding.code == "named-not-given" and "cause" in f.finding.message
               for f in reading.findings)


def test_the_drugs_a_patient_is_discharged_on_are_the_regimen_at_discharge():
    # fresh10-005 (E3C): the other drugs of the ward are not carried into the discharge
    text = ("She was put on prednisone 40mg orally daily. On day 3 methylprednisolone was "
            "given. The patient made a full recovery by day 5 and discharged on Cetomacrogol "
            "and fluocinolone gel for scalp and 1% hydrocortisone ointment for the face.")
    reading = read_course(text)
    assert [i.drug.name for i in reading.states[-1].items] == ["hydrocortisone"]
    assert any(f.finding.code == "discharge-list" for f in reading.findings)


@pytest.mark.parametrize("text", [
    "She was put on prednisone 40mg orally daily. She was discharged on postoperative day 5 "
    "and gabapentin 300 mg daily was added.",
    "She was put on prednisone 40mg orally daily. She was discharged on the 12th October with "
    "gabapentin 300 mg daily.",
])
def test_a_day_of_discharge_names_no_discharge_regimen(text):
    assert "prednisone" in [i.drug.name for i in read_course(text).states[-1].items]


# -- patterns of the fresh11 passages (E3C case texts; first read 30/30, 2 invented, 1 unexpected
# item, 19 not in the state) ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "drug", "other"), [
    # fresh11-031 (Kasinathan et al. 2019): cyclosporine's amount was given to prednisolone
    ("He had been on long-term immunosuppressants since then consisting of orally administered "
     "prednisolone 10 mg daily and orally administered cyclosporine A 50 mg twice daily.",
     "prednisolone", "50 mg"),
    # fresh10-012 (E3C): the immunoglobulin's 2 g/kg was read as methylprednisolone's
    ("She received a treatment based on Methylprednisolone at initial dose of 500 mg and two "
     "others doses of 250 mg and Intravenous Immunoglobulin to 2g/kg/treatment.",
     "methylprednisolone", "2g/kg"),
    ("Prednisone 20 mg daily and tacrolimus 0.5 mg/day were continued.", "prednisone",
     "0.5 mg/day"),
    ("prednisone 20 mg daily, plus hydroxychloroquine 200 mg twice daily", "prednisone", "200 mg"),
])
def test_a_drug_with_its_own_amount_takes_no_amount_of_a_name_after_a_conjunction(text, drug,
                                                                                   other):
    reading = read_course(text)
    assert all(other not in i.as_written for i in reading.items if i.drug.name == drug), text
    assert any(i.drug.name == drug and i.per_dose is not None for i in reading.items)
    # set aside, or read as an item of a drug not in the catalogue (hydroxychloroquine)
    assert other in [n.as_written for n in reading.not_doses] \
        or any(other in o.as_written for o in reading.not_in_catalogue)
    assert any((f.finding.code == "unknown-name" and "not given to" in f.finding.message)
               or (f.finding.code == "not-in-catalogue" and other in f.finding.message)
               for f in reading.findings)


@pytest.mark.parametrize(("text", "want"), [
    # a split dose of the drug itself names nothing else between the conjunction and the amount;
    # parts at times of day are one item, their sum (the parts with schedules of their own stay
    # two items, each with its own day)
    ("morphine 10 mg every morning and 20 mg at night", [("morphine", "30 mg/day")]),
    ("oxycodone 10 mg twice daily and a further 5 mg at night",
     [("oxycodone", "20 mg/day"), ("oxycodone", "5 mg/day")]),
    ("morphine 10 mg twice daily, and 5 mg at night",
     [("morphine", "20 mg/day"), ("morphine", "5 mg/day")]),
])
def test_a_split_dose_of_the_same_drug_is_still_read(text, want):
    reading = read_course(text)
    assert [(i.drug.name, str(i.daily_dose)) for i in reading.items] == want, text
    assert not any(f.finding.code in NAME_NOT_CATALOGUED for f in reading.findings)


def test_a_decimal_comma_is_never_read_as_the_digits_after_it():
    # fresh11-029 (Moodley et al. 2021): "colchicine 0,5mg" was read as 5 mg, and given to aspirin
    text = ("The patient was discharged on day 12 on prednisone 20mg daily, aspirin 100mg daily, "
            "and colchicine 0,5mg twice daily (Table 1).")
    reading = read_course(text)
    assert _daily_doses(text) == [("prednisone", "20 mg/day"), ("aspirin", "100 mg/day")]
    # colchicine is a listed name since prosefix6869: its 0,5 mg is its own, 0.5 mg twice daily
    assert [(o.name, str(o.daily_dose)) for o in reading.not_in_catalogue] \
        == [("colchicine", "1 mg/day")]
    assert "decimal-comma" in {f.finding.code for f in reading.findings}


@pytest.mark.parametrize(("text", "daily"), [
    ("morphine 2,5 mg every 4 hours", "15 mg/day"),
    ("morphine 0,125 mg every 4 hours", "0.75 mg/day"),  # no thousands separator after a zero
    ("morphine 0,5 mg every 4 hours", "3 mg/day"),
    ("morphine 1,050 mg daily", None),  # three digits after a first group: a thousands separator
])
def test_a_decimal_comma_is_read_as_a_decimal_point(text, daily):
    reading = read_course(text)
    (item,) = reading.items
    if daily is None:
        assert str(item.daily_dose) == "1050 mg/day"
        assert not any(f.finding.code == "decimal-comma" for f in reading.findings)
    else:
        assert str(item.daily_dose) == daily, text
        assert any(f.finding.code == "decimal-comma" for f in reading.findings)


@pytest.mark.parametrize("text", [
    "morphine 1,5 and 10 mg every 4 hours",  # 1.5 and 10, or 1, 5 and 10?
    "morphine 5,10 and 20 mg every 4 hours",
    "morphine 0,5,1 mg every 4 hours",
])
def test_a_comma_number_that_may_be_a_list_is_not_read(text):
    reading = read_course(text)
    assert all(i.per_dose is None and i.daily_dose is None for i in reading.items), text
    assert any(f.finding.code == "comma-number" for f in reading.findings)


def test_a_list_with_thousands_separators_keeps_its_thousands():
    assert _daily_doses("morphine 1,000 and 2,000 mg daily") == [("morphine", "1000 mg/day"),
                                                                  ("morphine", "2000 mg/day")]


def test_after_the_day_of_discharge_a_second_on_opens_the_discharge_regimen():
    # fresh11-029: the enoxaparin of the ward is not carried into the discharge
    text = ("Aspirin (300mg daily) and a therapeutic dose of enoxaparin (60mg twice daily) were "
            "added. The patient was discharged on day 12 on prednisone 20mg daily and aspirin "
            "100mg daily.")
    reading = read_course(text)
    assert sorted(i.drug.name for i in reading.states[-1].items) == ["aspirin", "prednisone"]
    assert any(f.finding.code == "discharge-list" for f in reading.findings)


def test_after_completion_of_a_drug_it_ends():
    # fresh11-029: the methylprednisolone pulse ends where the prednisone starts
    text = ("An IV methylprednisolone pulse of 500mg daily for three days was initiated on day "
            "five. Prednisone 30mg daily was initiated on day eight after completion of "
            "methylprednisolone pulse.")
    assert [i.drug.name for i in read_course(text).states[-1].items] == ["prednisone"]


@pytest.mark.parametrize(("text", "amount"), [
    # fresh11-029: the immunoglobulin's dose per kg was given to the hydrocortisone before it
    ("Hydrocortisone was commenced on admission. Intravenous immunoglobulin (IVIG) was started "
     "at a total dose of 120g (2g/kg) over 72 hours.", "2g/kg"),
    # fresh11-033: the methotrexate's weekly dose was given to the prednisone before it
    ("We started a steroid therapy (prednisone: 1mg/kg/day). The symptoms began to improve. We "
     "used oral methotrexate in weekly dose of 10mg.", "10mg"),
])
def test_a_sentence_about_a_name_given_by_a_route_does_not_refer_back(text, amount):
    reading = read_course(text)
    assert all(amount not in i.as_written for i in reading.items), text
    # set aside, or read as an item of a drug not in the catalogue (methotrexate)
    assert amount in [n.as_written for n in reading.not_doses] \
        or any(amount in o.as_written for o in reading.not_in_catalogue)
    assert any(f.finding.code in NAME_NOT_CATALOGUED for f in reading.findings)


def test_a_route_before_a_word_for_a_dose_still_refers_back():
    text = "Morphine 10 mg/h IV was started. The intravenous dose was increased to 20 mg/h."
    assert _daily_doses(text) == [("morphine", "240 mg/day"), ("morphine", "480 mg/day")]


# -- patterns of the fresh12 passages (E3C case texts; first read 14/18, none invented) ----------

@pytest.mark.parametrize(("text", "want"), [
    # fresh12-030 (Vogt et al. 2008): the scheme morning-midday-evening, one dose at midday
    ("The athlete was subsequently treated by acetylsalicylic acid 100 mg (0-1-0), bisoprolol "
     "2.5 mg (1-0-0) and atorvastatin 10 mg (0-0-1).", [("aspirin", "100 mg/day")]),
    ("He took morphine 10 mg (1-0-1).", [("morphine", "20 mg/day")]),
    ("He took tramadol 50 mg (1-1-1-1).", [("tramadol", "200 mg/day")]),
    ("He took tramadol 50 mg (1 - 0 - 1).", [("tramadol", "100 mg/day")]),
    # a "2" may count tablets, not doses; no dose at all; a half: not read as a scheme
    ("He took aspirin 100 mg (2-0-0).", [("aspirin", None)]),
    ("He took aspirin 100 mg (0-0-0).", [("aspirin", None)]),
    ("He took aspirin 100 mg (½-0-½).", [("aspirin", None)]),
])
def test_a_dosing_scheme_of_ones_and_noughts_counts_the_doses_of_a_day(text, want):
    assert _daily_doses(text) == want, text


def test_daily_pulses_are_one_a_day():
    # fresh12-026 (Kechida et al. 2017): the count before "daily pulses" is of days
    text = ("Treatment consisted of 3 daily pulses of methylprednisolone (1g) followed by oral "
            "prednisone (1mg/kg daily) and 6 monthly pulses of cyclophosphamide.")
    assert _daily_doses(text) == [("methylprednisolone", "1 g/day"), ("prednisone", None)]


def test_a_count_of_daily_doses_is_not_a_schedule():
    # "two daily doses" may be two a day or one a day for two days: no daily amount
    reading = read_course("She received two daily doses of methylprednisolone (500 mg).")
    assert [i.daily_dose for i in reading.items] == [None]
    assert any(f.finding.code == "daily-doses-counted" for f in reading.findings)


@pytest.mark.parametrize(("text", "want"), [
    # fresh12-014 (Khan et al. 2011): a two-day course told day by day
    ("A 49-year-old Caucasian man developed acute myopathy after taking oral methylprednisolone "
     "for only two days, 24 mg on day 1 and 20 mg on day 2.",
     [("methylprednisolone", "24 mg/day"), ("methylprednisolone", "20 mg/day")]),
    ("Prednisone was tapered: 40 mg on the first day and 30 mg on the second day.",
     [("prednisone", "40 mg/day"), ("prednisone", "30 mg/day")]),
    # one amount on one day may be a single dose of that day
    ("Morphine 10 mg on day 3 was given.", [("morphine", None)]),
    ("He took prednisone 10 mg on day 3.", [("prednisone", None)]),
    # a schedule written with the amounts is the schedule
    ("He received morphine 5 mg every 4 hours on day 1 and 10 mg every 4 hours on day 2.",
     [("morphine", "30 mg/day"), ("morphine", "60 mg/day")]),
])
def test_amounts_told_day_by_day_are_each_that_days(text, want):
    assert _daily_doses(text) == want, text


# -- patterns of the fresh13 passages (E3C case texts; first read 25/26, 2 invented) -------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh13-005 (Ustuner et al. 2012): an amount "per day" given on 3 days of each week
    ("He was given intravenous 60mg/day methylprednisolone for 3 consecutive days a week for 6 "
     "months.", [("methylprednisolone", None)]),
    ("She received prednisolone 10 mg every other day.", [("prednisolone", None)]),
    ("She received prednisolone 10 mg on alternate days.", [("prednisolone", None)]),
    ("Methylprednisolone 500 mg was given weekly.", [("methylprednisolone", None)]),
    ("He was given methylprednisolone 1 g once a week.", [("methylprednisolone", None)]),
    ("He took dexamethasone 40 mg days 1-4, 9-12 and 17-20.", [("dexamethasone", None)]),
    ("He took dexamethasone 20 mg/day 3 days per week.", [("dexamethasone", None)]),
    ("He took dexamethasone 20 mg daily for 3 days each month.", [("dexamethasone", None)]),
    ("Morphine 30 mg was given every 2 weeks.", [("morphine", None)]),
    # not intermittent: a course of days in a row, a duration, another drug's schedule, a day
    # told by its number, a patch's change
    ("He received 1 g methylprednisolone daily for 3 consecutive days.",
     [("methylprednisolone", "1 g/day")]),
    ("He took prednisolone 60 mg daily for a week.", [("prednisolone", "60 mg/day")]),
    ("He was put on prednisone 40mg orally daily, vitamin D weekly.",
     [("prednisone", "40 mg/day")]),
    ("He received ketamine 500mg / 24 hours in day 3 to 5.", [("ketamine", "500 mg/day")]),
    ("A fentanyl 25 mcg/h patch was changed every 3 days.", [("fentanyl", "25 mcg/h")]),
])
def test_an_intermittent_schedule_gives_no_daily_amount(text, want):
    assert _daily_doses(text) == want, text


def test_an_intermittent_schedule_keeps_the_amount_of_a_day_it_is_given_and_says_so():
    text = "He was given intravenous 60mg/day methylprednisolone for 3 consecutive days a week."
    reading = read_course(text)
    [item] = reading.items
    assert str(item.per_dose) == "60 mg"
    assert "3 consecutive days a week" in (item.frequency or "")
    assert any(f.finding.code == "intermittent" and "3 consecutive days a week"
               in f.finding.message for f in reading.findings)


@pytest.mark.parametrize(("text", "want"), [
    # fresh13-009 (PAMJ 2020): "methyl prednisolone" is methylprednisolone, not prednisolone
    ("He was started on methyl prednisolone 50mg 12 hourly.",
     [("methylprednisolone", "100 mg/day")]),
    ("He received methyl-prednisolone 1 g daily.", [("methylprednisolone", "1 g/day")]),
    # a prefixed compound the catalogue does not know is not the name after the prefix
    ("He took ethyl morphine 30 mg twice daily.", []),
    ("Post-mortem blood held O-desmethyl tramadol 2 mg/L.", []),
    ("He took nor-buprenorphine 2 mg daily.", []),
    # "nor" as a word of English is not a prefix
    ("He received neither codeine nor morphine 10 mg daily.", [("morphine", "10 mg/day")]),
])
def test_a_chemical_prefix_word_before_a_name_is_not_that_drug(text, want):
    assert _daily_doses(text) == want, text


def test_a_prefix_joined_to_a_name_is_said():
    reading = read_course("He was started on methyl prednisolone 50mg 12 hourly.")
    assert [f.finding.code for f in reading.findings if f.finding.code.startswith("prefixed")] \
        == ["prefixed-name-joined"]
    reading = read_course("He took ethyl morphine 30 mg twice daily.")
    assert any(f.finding.code == "prefixed-name-unknown" and "ethylmorphine" in f.finding.message
               for f in reading.findings)


def test_an_unknown_name_before_infusion_keeps_the_amounts_from_the_story_drug():
    # fresh13-009 (PAMJ 2020): the adrenaline's amount was given to the heparin before it (the
    # passage's "Heparin was reversed by Protamine" now ends the heparin: a drug given instead)
    text = ("Heparin was given for the bypass. Adrenaline infusion (1.5mg/50mls) was started at "
            "0.5mls/hour.")
    reading = read_course(text)
    assert [(i.drug.name, i.per_dose) for i in reading.items] == [("heparin", None)]
    assert any(f.finding.code in NAME_NOT_CATALOGUED and "Adrenaline" in f.finding.message
               for f in reading.findings)
    # a word for the infusion itself still refers back
    assert _daily_doses("Morphine 10 mg/h IV was started. The infusion rate was increased to "
                        "20 mg/h.") == [("morphine", "240 mg/day"), ("morphine", "480 mg/day")]


# -- patterns of the fresh14 passages (E3C case texts; first read 27/34, 1 invented) -------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh14-021 (PAMJ 2013): R-CHOP's prednisone "100 mg/day during 5 days" of a 3-week cycle
    ("Six cycles of R-CHOP regimen (Rituximab 375 mg/ m 2, cyclophosphamide 750 mg/ m 2, "
     "doxorubicine 50 mg/m 2, vincristin 1.4 mg/ m 2 and prednisone 100 mg/day during 5 days; the "
     "protocol is repeated every 3 weeks) were given with complete response.",
     [("prednisone", None)]),
    ("He received six 21-day cycles of dexamethasone 40 mg daily on days 1 to 4.",
     [("dexamethasone", None)]),
    ("Prednisone 100 mg daily for 5 days was given every 3 weeks for 6 cycles.",
     [("prednisone", None)]),
    ("She took prednisone 60 mg/day in cycles of 28 days.", [("prednisone", None)]),
    # a repetition said of no cycle, or in another sentence, leaves the daily regimen alone
    ("He took oxycodone 10 mg twice daily; follow-up visits were every 3 weeks.",
     [("oxycodone", "20 mg/day")]),
    ("He took morphine 30 mg daily. The chemotherapy was repeated every 3 weeks.",
     [("morphine", "30 mg/day")]),
])
def test_a_cycle_repeated_at_an_interval_gives_no_daily_amount(text, want):
    assert _daily_doses(text) == want, text


def test_a_cycle_is_said_in_the_frequency_and_a_finding():
    reading = read_course("Prednisone 100 mg/day during 5 days; the protocol is repeated every 3 "
                          "weeks.")
    [item] = reading.items
    assert str(item.per_dose) == "100 mg" and item.daily_dose is None
    assert "repeated every 3 weeks" in (item.frequency or "")
    assert any(f.finding.code == "intermittent" for f in reading.findings)


@pytest.mark.parametrize(("text", "want"), [
    # fresh14-024 (PAMJ 2018): "6hrly", as British charts write "6-hourly"
    ("He was commenced on intravenous dexamethasone 4mg 6hrly for 48hrs.",
     [("dexamethasone", "16 mg/day")]),
    ("Morphine 10 mg 4 hrly was given.", [("morphine", "60 mg/day")]),
])
def test_hrly_is_hourly(text, want):
    assert _daily_doses(text) == want, text


@pytest.mark.parametrize(("text", "want"), [
    # fresh14-032 (PAMJ 2014): one "daily doses of" before two names each with an amount
    # ("ketiapin" is a misspelling the catalogue does not know: its amount is not read)
    ("She was inscribed daily doses of ketiapin 25 mg for anxiety disorder and venlafaxine 75 mg "
     "for both anxiety disorder and the chronic headaches.", [("venlafaxine", "75 mg/day")]),
    ("She was given daily doses of venlafaxine 75 mg and sertraline 50 mg.",
     [("venlafaxine", "75 mg/day"), ("sertraline", "50 mg/day")]),
    # a count of daily doses is no daily dose of each
    ("She received two daily doses of methylprednisolone 500 mg and prednisone 20 mg.",
     [("methylprednisolone", None), ("prednisone", None)]),
])
def test_daily_doses_of_a_list_of_names_with_amounts(text, want):
    assert _daily_doses(text) == want, text


def test_solumedrol_is_methylprednisolone():
    # fresh14-019 (PAMJ 2019): the French brand's spelling, SOLUMEDROL (HAS avis 2008)
    assert _daily_doses("The patient received a bolus of solumedrol 500 mg daily for 3 days.") \
        == [("methylprednisolone", "500 mg/day")]


def test_an_unknown_name_opening_a_bracket_keeps_its_amount():
    # fresh14-019: methotrexate's "15 mg/week" was given to the methylprednisolone before it
    text = ("The patient received a bolus of solumedrol 500 mg daily for 3 days and the "
            "antirheumatic treatment was initiated (methotrexate 15 mg/week).")
    reading = read_course(text)
    assert [(i.drug.name, str(i.per_dose)) for i in reading.items] \
        == [("methylprednisolone", "500 mg")]
    assert any(f.finding.code in NAME_NOT_CATALOGUED and "methotrexate" in f.finding.message
               for f in reading.findings)
    # a bracket right after a drug's name may hold its brand: not set aside by this rule
    # (fresh12-022: "methyl-prednisolone (Urbason 40 mg, Sanofi Aventis)")
    assert [(i.drug.name, str(i.per_dose)) for i in read_course(
        "He was treated with methyl-prednisolone (Urbason 40 mg, Sanofi Aventis).").items] \
        == [("methylprednisolone", "40 mg")]


def test_the_noun_of_a_verb_before_an_unknown_name_after_a_conjunction():
    # fresh14-024: cyclophosphamide's "50mg on alternate days" was given to the prednisolone
    text = ("Treatment was modified with reduction of tabs prednisolone to 20mg daily and "
            "addition of tabs cyclophosphamide 50mg daily.")
    assert _daily_doses(text) == [("prednisolone", "20 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh14-006 (BMC Gastroenterol 2012): the amount after "to" is the dose the reduction reached
    ("Remission was achieved after six months with significant reduction of prednisone to "
     "1.5 mg/day.", [("prednisone", "1.5 mg/day")]),
    # the size of a reduction is still no dose
    ("A reduction of 20 mg of morphine was made.", [("morphine", None)]),
])
def test_a_reduction_to_an_amount_reaches_it(text, want):
    assert _daily_doses(text) == want, text


# -- patterns of the fresh15 passages (E3C case texts; first read 16/20, 4 invented) -------------

def _unknown_names(text: str) -> list[str]:
    return [f.finding.message for f in read_course(text).findings
            if f.finding.code in NAME_NOT_CATALOGUED]


@pytest.mark.parametrize(("text", "want"), [
    # fresh15-009 (PAMJ 2020): "zinc" heads "90 mg per day", not the methylprednisolone before it
    ("Therapeutic management included methylprednisolone at 80 mg per day for 7 days, vitamin C "
     "1 gramme per day and zinc 90 mg per day.", [("methylprednisolone", "80 mg/day")]),
    # a vitamin with its letter, right before the amount
    ("She took morphine 10 mg twice daily and vitamin D 800 mg daily.",
     [("morphine", "20 mg/day")]),
    # fresh15-014 (PAMJ 2015): the name before "in dose of" heads the amount — in a sentence that
    # names no catalogue drug it is not the story drug's either
    ("The patient was maintained on Prednisone 10 mg/day. To prevent the neurological side "
     "effects of INH we prescribed a pyridoxine in dose of 50 mg per day.",
     [("prednisone", "10 mg/day")]),
    ("Morphine 10 mg was given every 4 hours, and gabapentinoid at a dose of 300 mg twice daily.",
     [("morphine", "60 mg/day")]),
    # an INN stem right before the amount after a drug with its own amount
    ("He received oxycodone 10 mg twice daily with ranitidine 150 mg daily.",
     [("oxycodone", "20 mg/day")]),
    # fresh15-034 (PAMJ 2017): a class noun before a bracket that opens with an amount takes it
    ("Proteinuria disappeared with prednisolone and angiotensin-converting enzyme inhibitor "
     "(150mg/day, Lopril).", [("prednisolone", None)]),
    ("She was given morphine and a beta blocker 50 mg daily.", [("morphine", None)]),
    # a capitalised word the catalogue does not know, right before the amount: a brand
    ("He took morphine 20 mg twice daily and Lopril 50 mg daily.", [("morphine", "40 mg/day")]),
])
def test_an_amount_headed_by_a_name_the_catalogue_lacks_is_that_names(text, want):
    assert _daily_doses(text) == want, text
    assert _unknown_names(text), text


@pytest.mark.parametrize(("text", "want"), [
    # the drug's own words between its name and the amount are no head
    ("Morphine at a dose of 10 mg twice daily was started.", [("morphine", "20 mg/day")]),
    ("Morphine sulfate 10 mg twice daily was started.", [("morphine", "20 mg/day")]),
    ("Prednisolone therapy (60 mg/day) was started.", [("prednisolone", "60 mg/day")]),
    # an adjective of the dose is no name: "steady" does not head "8000 mg/day"
    ("He took gabapentin 2400 mg/day. He remained on a steady dose of 8000 mg/day for 9 months.",
     [("gabapentin", "2400 mg/day"), ("gabapentin", "8000 mg/day")]),
    # fresh12-022: the brand in brackets right after the drug's name is the drug's
    ("He was treated with methyl-prednisolone (Urbason 40 mg twice daily).",
     [("methylprednisolone", "80 mg/day")]),
])
def test_a_drugs_own_words_do_not_head_its_amount(text, want):
    assert _daily_doses(text) == want, text


def test_an_amount_naming_no_drug_refers_to_the_drug_like_name_named_last():
    # fresh15-019 (J Med Case Rep 2008): the prophylactic dose is acyclovir's (an INN stem, -vir),
    # not the prednisolone's named before it
    text = ("She was given 15 mg of oral prednisolone daily. Her infliximab was discontinued and "
            "she was started on acyclovir, 800 mg five times daily for 2 weeks. She continued for "
            "2 months on a prophylactic dose of 400 mg bd.")
    reading = read_course(text)
    assert [(i.drug.name, str(i.daily_dose)) for i in reading.items] \
        == [("prednisolone", "15 mg/day")]
    assert any(f.finding.code == "reference-unclear" and "acyclovir" in f.finding.message
               for f in reading.findings)
    # with the catalogue drug named last, the dose is still its
    assert [str(i.daily_dose) for i in read_course(
        "Her infliximab was stopped. She was started on oxycodone 10 mg twice daily. The dose "
        "was increased to 20 mg twice daily.").items] == ["20 mg/day", "40 mg/day"]


def test_a_schedule_after_the_amount_beats_daily_dose_of():
    # "daily dose of" names the regimen of a day; the schedule after the amount is the dose's
    reading = read_course("He was started on a daily dose of morphine 10 mg every 4 hours.")
    assert [str(i.daily_dose) for i in reading.items] == ["60 mg/day"]
    assert any(f.finding.code == "schedule-after-amount" for f in reading.findings)
    # with no schedule after it, "daily dose of" still makes the amount a day's
    assert _daily_doses("He was started on a daily dose of morphine 60 mg.") \
        == [("morphine", "60 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh15-011 (PAMJ 2021): a weekly taper is the rhythm of the change, not of the giving
    ("The patient was commenced on high dose oral prednisolone of 100mg daily with a weekly "
     "taper over 7 weeks.", [("prednisolone", "100 mg/day")]),
    ("Prednisolone 40 mg daily was started, with weekly dose reductions.",
     [("prednisolone", "40 mg/day")]),
    # weekly giving is still intermittent, but only for the dose it is written with
    ("Methotrexate 15 mg weekly and prednisolone 10 mg daily were given.",
     [("prednisolone", "10 mg/day")]),
])
def test_a_weekly_change_is_no_intermittent_schedule(text, want):
    assert [w for w in _daily_doses(text) if w[0] != "methotrexate"] == want, text


def test_per_os_written_as_one_word_is_oral():
    # fresh15-017 (PAMJ 2018): "peros" (per os) was taken for a drug's name the catalogue lacks
    items = _items("She was taking prednisolone 5mg peros per day.")
    assert [(i.drug.name, str(i.daily_dose), i.route) for i in items] \
        == [("prednisolone", "5 mg/day", Route.ORAL)]


def test_from_one_dose_to_another_each_keeps_its_own_schedule():
    # fresh15-002 (Pain Ther 2012): the three-times-a-day of the old dose is not the new one's
    text = ("She decided to reduce her oxycodone (OxyContin) dosage from 20 mg three times a day "
            "to 20 mg two times a day.")
    assert [str(i.daily_dose) for s in read_course(text).states for i in s.items] \
        == ["60 mg/day", "40 mg/day"]


@pytest.mark.parametrize(("text", "want"), [
    # fresh15-023 (PAMJ 2020): "daily" written once after the last dose of a list is each dose's
    ("He was treated with Haloperidol 1.5 mg and Diazepam 5 mg daily.",
     [("haloperidol", "1.5 mg/day"), ("diazepam", "5 mg/day")]),
    # not where a dose has a schedule of its own
    ("He was treated with morphine 10 mg twice daily and diazepam 5 mg daily.",
     [("morphine", "20 mg/day"), ("diazepam", "5 mg/day")]),
    # nor where more words follow the schedule
    ("He was given morphine 10 mg and diazepam 5 mg daily for pain and anxiety.",
     [("morphine", None), ("diazepam", "5 mg/day")]),
])
def test_a_schedule_ending_a_list_of_doses_is_each_doses(text, want):
    assert _daily_doses(text) == want, text


# -- patterns of the fresh16 passages (E3C case texts; first read 17/22, 3 invented) -------------

@pytest.mark.parametrize(("text", "want", "frequency"), [
    # fresh16-011 (Cases J 2009): a split dose at two times of day sums to the day
    ("The patient began a course of physical therapy in conjunction with a regimen of naproxen "
     "440 mg in the morning and 220 mg at night, plus the omeprazole and acetaminophen 650 mg "
     "twice daily.", ("naproxen", "660 mg/day"), "bid (440 mg morning, 220 mg night)"),
    ("He took morphine 10 mg mane and 20 mg nocte.", ("morphine", "30 mg/day"),
     "bid (10 mg morning, 20 mg night)"),
    ("She received oxycodone 5 mg at 8 am and 10 mg at 8 pm.", ("oxycodone", "15 mg/day"),
     "bid (5 mg 8 am, 10 mg 8 pm)"),
    ("Gabapentin 300 mg in the morning, 300 mg at noon and 600 mg at night was given.",
     ("gabapentin", "1200 mg/day"), "tid (300 mg morning, 300 mg noon, 600 mg night)"),
])
def test_a_dose_split_over_the_day_sums_to_the_day(text, want, frequency):
    items = [i for i in _items(text) if i.drug.name == want[0]]
    assert [(i.drug.name, str(i.daily_dose)) for i in items] == [want], text
    assert items[0].per_dose is None and items[0].frequency == frequency
    assert any(f.finding.code == "split-dose" for f in read_course(text).findings)


@pytest.mark.parametrize("text", [
    # a part without its own time of day: the parts do not give the day
    "He took morphine 10 mg and 20 mg at night.",
    # two parts at one time of day
    "He took morphine 10 mg at night and 20 mg at night.",
    # an as-needed part
    "He took morphine 10 mg in the morning and 5 mg at night as needed.",
])
def test_a_split_dose_is_never_read_as_one_of_its_parts(text):
    reading = read_course(text)
    assert reading.items and all(i.daily_dose is None for i in reading.items), text
    assert any(f.finding.code == "split-dose-unclear" for f in reading.findings)


def test_amounts_without_a_time_of_day_are_no_split_dose():
    # "10 mg every 8 h and 5 mg at night": each part has a schedule of its own (no "at 8 h")
    assert _daily_doses("He took morphine 10 mg every 8 h and 5 mg at night.") \
        == [("morphine", "30 mg/day"), ("morphine", "5 mg/day")]


def test_an_opioid_reading_above_the_plausibility_ceiling_is_said():
    # fresh16-015 (PAMJ 2014): "fentanyl 3 mcg/kg/min" (a misprint for /h?) × 67 kg is 289 mg a
    # day, beyond any plausible dose: read as written, with a finding that says so
    text = ("A 23 year old female patient (weight 67kg, height 171cm) was admitted to the ICU, "
            "where sedation (midazolam 30 mcg/kg/hr c.iv), analgesia (fentanyl 3 mcg/kg/min "
            "c.iv) were initiated.")
    reading = read_course(text)
    flagged = [f for f in reading.findings if f.finding.code == "implausible-dose"]
    assert len(flagged) == 1 and "fentanyl" in text[slice(*flagged[0].span)]
    assert "misprint or a unit slip" in flagged[0].finding.message
    # a plausible opioid day is not flagged
    assert not any(f.finding.code == "implausible-dose"
                   for f in read_course("He took morphine 30 mg twice daily.").findings)


@pytest.mark.parametrize(("text", "want"), [
    # fresh16-002 (PAMJ 2015): an accented spelling and a decimal comma
    ("We prescribed amisulpiride (300mg/day) combined with a benzodiazepine (Lorazépam: "
     "7,5 mg/day).", [("lorazepam", "7.5 mg/day")]),
    ("Premedication consisted of cimétidine 200 mg twice daily.", [("cimetidine", "400 mg/day")]),
])
def test_a_name_written_with_diacritics_is_the_catalogues_name(text, want):
    assert _daily_doses(text) == want, text


def test_folding_diacritics_keeps_every_offset():
    text = "Lorazépam, Schönlein, モルヒネ, ドパミン, 5 µg"
    assert len(normalise(text)) == len(text)
    assert normalise(text).startswith("lorazepam, schonlein, モルヒネ, ドパミン")


# -- patterns of the fresh17 passages (E3C case texts, widened selection; first read 2/2, 1 invented)

@pytest.mark.parametrize(("text", "words"), [
    # fresh17-008 (Local Reg Anesth 2020): a rate per side of two catheters is not the day
    ("Bilateral posterior QL catheters were placed under sterile conditions with 20 mL of 0.25% "
     "bupivacaine per side. Continuous infusion of 0.2% ropivacaine was then started at "
     "10 mL/hour per side.", ["per side", "per side"]),
    ("Ropivacaine 0.2% was infused at 8 mL/h on each side.", ["on each side"]),
    ("Intranasal fentanyl 100 mcg per nostril every 4 hours as needed.", ["per nostril"]),
    ("Fentanyl 50 mcg was given in each nostril.", ["in each nostril"]),
    ("Lidocaine 1% 5 mL was injected bilaterally.", ["bilaterally"]),
    ("Morphine 2 mg per catheter was given twice daily.", ["per catheter"]),
])
def test_an_amount_given_at_each_of_several_sites_is_not_the_patients(text, words):
    reading = read_course(text)
    assert reading.items, text
    for item in reading.items:
        assert item.daily_dose is None and item.per_dose is None, (text, item)
        assert item.dose_range is None and item.max_daily_dose is None, (text, item)
    found = [f for f in reading.findings if f.finding.code == "per-site-amount"]
    assert [f.finding.message.split("': '")[1].split("'")[0] for f in found] == words, text
    assert all(f.finding.severity.value == "warning" for f in found)


def test_the_one_site_amount_is_kept_in_the_finding():
    reading = read_course("Ropivacaine 0.2% was infused at 8 mL/h on each side.")
    message = next(f.finding.message for f in reading.findings
                   if f.finding.code == "per-site-amount")
    assert "16 mg/h" in message and "384 mg/day at one site" in message


@pytest.mark.parametrize(("text", "want"), [
    # not a per-site amount: the site words belong to another clause
    ("He took morphine 10 mg every 4 hours and had pain on each side.",
     [("morphine", "60 mg/day")]),
    ("A patient with bilateral hip pain took oxycodone 10 mg twice daily.",
     [("oxycodone", "20 mg/day")]),
])
def test_site_words_of_another_clause_leave_the_amount_alone(text, want):
    assert _daily_doses(text) == want, text


@pytest.mark.parametrize(("text", "drug"), [
    # fresh17-007 (PAMJ 2017): eye drops before a list of two drugs are each drug's route
    ("Topical eyedrop of tobramycin 0.3% and dexamethasone 0.1% were prescribed four times a "
     "day.", "dexamethasone"),
    ("Eye drops of dexamethasone 0.1% were given.", "dexamethasone"),
    ("Dexamethasone ophthalmic 0.1% four times a day.", "dexamethasone"),
])
def test_eye_drops_are_never_read_as_oral(text, drug):
    reading = read_course(text)
    item = next(i for i in reading.items if i.drug.name == drug)
    assert item.route is Route.TOPICAL and item.daily_dose is None, text
    assert not any(f.finding.code == "route-assumed" for f in reading.findings), text


def test_eye_drops_before_a_list_are_not_lent_to_a_mass_dose():
    # a mass dose with its schedule after "and" is no drop's strength: its route is not lent
    reading = read_course("Eye drops of dexamethasone 0.1% and morphine 10 mg twice daily were "
                          "given.")
    morphine = next(i for i in reading.items if i.drug.name == "morphine")
    assert morphine.route is not Route.TOPICAL and str(morphine.daily_dose) == "20 mg/day"


# -- patterns of the fresh18 passages (published case reports of non-opioid catalogue drugs; first
# read 50/53, 2 invented) ------------------------------------------------------------------------

_MISS_B = ("“Miss B” was a depressed patient (depressed mood, anhedonia, anergia, binge eating, "
           "and suicide ideation) with partial remission of symptoms under duloxetine treatment "
           "(60 mg/day) for 1 year. However, she disliked the side effects of duloxetine "
           "(dizziness and sedation). Therefore, duloxetine was abruptly switched to bupropion "
           "150 mg/day.")


def test_the_amount_after_a_switch_to_a_name_the_catalogue_lacks_is_that_names():
    # fresh18-018 (J Neuropsychiatry Clin Neurosci): the bupropion's 150 mg/day was read as
    # duloxetine's
    reading = read_course(_MISS_B)
    assert [(i.drug.name, str(i.daily_dose)) for i in reading.items] == [("duloxetine", "60 mg/day")]
    assert reading.states[-1].items == ()  # the duloxetine switched from ends
    assert any(f.finding.code in NAME_NOT_CATALOGUED and "bupropion" in f.finding.message
               for f in reading.findings)


@pytest.mark.parametrize("words", [
    "Duloxetine was switched to bupropion 150 mg/day.",
    "Duloxetine was changed to bupropion 150 mg/day.",
    "Duloxetine was changed over to bupropion 150 mg daily.",
    "Duloxetine was converted to oral bupropion 150 mg/day.",
    "Duloxetine was replaced by bupropion 150 mg/day.",
    "Duloxetine was replaced with agomelatine 25 mg at night.",
    "Duloxetine was substituted with bupropion 150 mg daily.",
    "We switched her from duloxetine to bupropion 150 mg/day.",
])
def test_no_amount_after_a_switch_to_an_unknown_name_goes_to_the_drug_switched_from(words):
    reading = read_course("She took duloxetine 60 mg/day. " + words)
    assert [(i.drug.name, str(i.daily_dose)) for i in reading.items] == \
        [("duloxetine", "60 mg/day")], words
    assert reading.states[-1].items == (), words


@pytest.mark.parametrize(("text", "want"), [
    # what follows the switch is the same drug's, or a catalogue drug's: read as before
    ("Morphine was switched to subcutaneous route 10 mg every 4 hours.", [("morphine", "60 mg/day")]),
    ("Oxycodone 20 mg twice daily was changed to 30 mg twice daily.",
     [("oxycodone", "40 mg/day"), ("oxycodone", "60 mg/day")]),
    ("Oxycodone 20 mg twice daily was changed to tapentadol 100 mg twice daily.",
     [("oxycodone", "40 mg/day"), ("tapentadol", "200 mg/day")]),
])
def test_a_switch_to_a_catalogue_drug_or_a_new_dose_is_still_read(text, want):
    assert _daily_doses(text) == want, text


_HALOPERIDOL_INFUSIONS = (
    "Haloperidol infusions have been successfully used to treat delirium in the palliative and "
    "critical care setting at dosages up to 600 mg/day.")
_HALOPERIDOL_CASE = ("A 68-year-old female with metastatic hepatobiliary cancer was admitted with "
                     "altered mental status and severe agitation. A continuous infusion of "
                     "haloperidol was started at 1 mg/hour.")


@pytest.mark.parametrize("text", [
    # fresh18-019 (J Palliat Med case): headings written as sentences of their own
    f"Background. {_HALOPERIDOL_INFUSIONS} Case description. {_HALOPERIDOL_CASE}",
    # the same statement with no heading: the literature, in the present perfect
    f"{_HALOPERIDOL_INFUSIONS} {_HALOPERIDOL_CASE}",
    # a background section in capitals, its statement in the present tense
    f"BACKGROUND: Haloperidol is typically infused at 10 mg/hour. CASE REPORT: {_HALOPERIDOL_CASE}",
    f"Background. Haloperidol is typically infused at 10 mg/hour. Case presentation. "
    f"{_HALOPERIDOL_CASE}",
])
def test_the_amounts_of_a_background_or_of_the_literature_are_no_patients(text):
    assert _daily_doses(text) == [("haloperidol", "24 mg/day")], text
    assert any(f.finding.code == "not-a-regimen" for f in read_course(text).findings)


@pytest.mark.parametrize(("text", "want"), [
    # the background tells of one patient: read
    ("Background. A 68-year-old female on haloperidol 5 mg daily was admitted. Case description. "
     "She was agitated.", [("haloperidol", "5 mg/day")]),
    # a background with no heading of the case after it may be the case
    ("Background. Haloperidol 5 mg daily was started.", [("haloperidol", "5 mg/day")]),
    # the present perfect of the case, with no word of the literature's doses
    ("Morphine 10 mg every 4 hours has been given since admission.", [("morphine", "60 mg/day")]),
    # the patient's tests, not the literature's studies
    ("Laboratory studies showed a high INR on warfarin 5 mg daily.", [("warfarin", "5 mg/day")]),
])
def test_a_background_or_a_perfect_tense_that_may_tell_of_the_case_is_read(text, want):
    assert _daily_doses(text) == want, text


def test_what_studies_showed_is_the_literatures():
    # fresh18-026 (Bang J Psychiatry 2020)
    text = ("Studies showed that low dose risperidone (0.75-2mg/day, mean (±SD) dose 1.26(±0.42) "
            "led to significant increase of serum prolactin levels of different age group after "
            "4-12 weeks of treatment when no patient had other physical condition or adverse "
            "effects known to affect prolactin level.")
    assert _items(text) == []
    assert _items("Previous reports have described oxycodone 10 mg twice daily in such "
                  "patients.") == []


def test_what_a_label_advises_is_no_patients_regimen():
    # fresh18-029 (World J Clin Cases 2022): the label's 110 mg twice daily, then the patient's
    text = ("The drug instructions for dabigatran recommend adjusting the dosage to 110 mg twice "
            "daily for patients with bleeding risk, and performing at least one renal function "
            "test per year for patients with moderate renal impairment. A 76-year-old woman with "
            "a history of atrial fibrillation who took dabigatran 110 mg twice daily as directed "
            "to lessen the chance of stroke, was transported to the hospital with hematemesis.")
    reading = read_course(text)
    assert [i.as_written for i in reading.items] == ["dabigatran 110 mg twice daily"]
    assert _items("Current guidelines recommend apixaban 5 mg twice daily for most patients.") == []


@pytest.mark.parametrize(("text", "want"), [
    # fresh18-016 (bibliomed): a brand the catalogue lacks with the generic in brackets, and the
    # morning-noon-night scheme after the amount
    ("Tablet Nexito (escitalopram) 10 mg 1-0-0 was started as an antidepressant, and after 1 "
     "day, she developed fatigue due to hyponatremia.", [("escitalopram", "10 mg/day")]),
    ("Nexito (escitalopram oxalate) 10 mg daily was started.", [("escitalopram", "10 mg/day")]),
    ("She was given an antidepressant (sertraline) 50 mg daily.", [("sertraline", "50 mg/day")]),
    ("He took sertraline 50 mg 1-0-1.", [("sertraline", "100 mg/day")]),
    ("He took olanzapine 5 mg 0-0-1 and sertraline 50 mg 1-1-1.",
     [("olanzapine", "5 mg/day"), ("sertraline", "150 mg/day")]),
    ("He took quetiapine 25 mg tab 1-1-1-1.", [("quetiapine", "100 mg/day")]),
    # halves and counts of tablets are not read, nor a scheme that goes on
    ("He took olanzapine 5 mg ½-0-½.", [("olanzapine", None)]),
    ("He took sertraline 50 mg 2-0-0.", [("sertraline", None)]),
    ("He took sertraline 50 mg 1-0-0.5.", [("sertraline", None)]),
    ("He took sertraline 50 mg 1-0-1-2.", [("sertraline", None)]),
])
def test_a_generic_in_brackets_after_a_brand_and_a_scheme_after_the_amount(text, want):
    assert _daily_doses(text) == want, text


def test_a_scheme_of_ones_and_noughts_away_from_an_amount_is_no_schedule():
    assert _daily_doses("The score was 1-0-0 on escitalopram 10 mg.") == [("escitalopram", None)]


_OLANAZAPINE = ("He was medication–compliant and was prescribed olanazapine 10 mg a day and had "
                "initial remission of symptoms. Patient reported gaining weight of more than 5 "
                "kilograms since the initiation of the olanzapine treatment.")


@pytest.mark.parametrize("text", [
    _OLANAZAPINE,  # fresh18-023 (Eur Psychiatry congress abstract)
    "She took Olanzpaine 10 mg a day. Olanzapine was continued.",  # two letters swapped
    "She took olanzapin 10 mg daily; olanzapine was continued.",  # a letter dropped
])
def test_a_misspelt_name_of_a_drug_the_passage_names_is_that_drug(text):
    reading = read_course(text)
    assert next((i.drug.name, str(i.daily_dose)) for i in reading.items) == \
        ("olanzapine", "10 mg/day"), text
    assert [f.finding.code for f in reading.findings].count("misspelt-name") == 1


def test_a_misspelt_name_is_not_read_without_the_name_nor_near_two_drugs(tmp_path):
    # the passage does not name olanzapine as the catalogue spells it: nobody's
    assert _daily_doses("He was prescribed olanazapine 10 mg a day.") == []
    # a local name of another drug one edit from the word too: the word is nobody's
    names = (SHIPPED / "drug_names.csv").read_text(encoding="utf-8")
    local_name = {"name": "olanazapina", "drug": "quetiapine", "kind": "brand", "source": "test",
                  "grade": "S"}
    row = ",".join(local_name.get(column, "") for column in names.splitlines()[0].split(","))
    (tmp_path / "drug_names.csv").write_text(names + row + "\n", encoding="utf-8")
    local = Knowledge.load(tmp_path)
    reading = read_course(_OLANAZAPINE, knowledge=local)
    assert [(i.drug.name, i.daily_dose) for i in reading.items] == [("olanzapine", None)]
    assert not any(f.finding.code == "misspelt-name" for f in reading.findings)
    # a participle, or a word near a name shorter than eight letters, is never a misspelling
    for text in ("Morphine was given while the rash kept morphing.",
                 "He took codine 30 mg four times daily. Codeine was stopped."):
        reading = read_course(text)
        assert not any(f.finding.code == "misspelt-name" for f in reading.findings), text
        assert all(i.daily_dose is None for i in reading.items), text


@pytest.mark.parametrize(("text", "want"), [
    # fresh18-033 (Current Psychiatry): "each night", the drug named in the sentence before
    ("She prescribed trazodone, up to 100 mg/d as needed, for the insomnia. For the next 3 "
     "weeks, he took one 25 mg dose each night.", ("trazodone", "25 mg/day")),
    ("He took sertraline 50 mg each morning.", ("sertraline", "50 mg/day")),
    ("He took sertraline 50 mg each day.", ("sertraline", "50 mg/day")),
])
def test_each_night_and_each_morning_are_schedules(text, want):
    assert _daily_doses(text)[-1] == want, text


def test_a_class_of_antipsychotics_stopped_ends_its_drugs():
    # fresh18-006 (Eur Psychiatry congress abstract)
    reading = read_course("He had been on haloperidol and quetiapine treatment for several years. "
                          "The patient’s all antipsychotic treatment was discontinued.")
    assert reading.states[-1].items == ()
    reading = read_course("He took haloperidol 5 mg daily and sertraline 50 mg daily. "
                          "Neuroleptics were stopped.")
    assert [i.drug.name for i in reading.states[-1].items] == ["sertraline"]


@pytest.mark.parametrize(("text", "kept"), [
    # fresh18-030 (Case Rep Nephrol 2016): the drug whose effect was undone ends; the amount of
    # the antidote (a count before it) is the antidote's
    ("She took dabigatran 150 mg twice daily. Before immediate emergency surgery dabigatran was "
     "antagonised using idarucizumab 2 × 2.5 g.", []),
    # fresh13-009 (PAMJ 2020)
    ("Heparin was given for the bypass. Heparin was reversed by Protamine.", []),
    # the antidote itself, "reversed by" it, is given
    ("He received a moderate dose of fentanyl. This was successfully reversed by naloxone.",
     ["fentanyl", "naloxone"]),
])
def test_a_drug_whose_effect_was_reversed_ends(text, kept):
    reading = read_course(text)
    assert [i.drug.name for i in reading.states[-1].items] == kept, text
    assert all(i.daily_dose is None or i.drug.name == "dabigatran" for i in reading.items)


@pytest.mark.parametrize("text", [
    "She took dabigatran 150 mg twice daily, and was given idarucizumab 2 × 2.5 g.",
    # fresh11-034 (E3C): levofloxacin's 2 x 500 mg/day was read as another clarithromycin item
    "It was followed by peroral clarithromycin 2 x 500 mg/day and later by levofloxacin 2 x "
    "500 mg/day for 7 weeks.",
])
def test_a_count_before_the_amount_does_not_hide_the_name_that_heads_it(text):
    reading = read_course(text)
    assert len(reading.items) == 1, text
    assert any(f.finding.code in NAME_NOT_CATALOGUED for f in reading.findings), text


@pytest.mark.parametrize("text", [
    # fresh18-022 (Egypt J Neurol Psychiatry Neurosurg 2020): a misuse of the drug in brackets
    "A 52-year-old Caucasian male, diagnosed with epilepsy and benzodiazepine (diazepam) misuse, "
    "was admitted to a detoxification unit.",
    "He had a history of oxycodone abuse.",
    # fresh18-021 (Indian J Psychiatry 2019): what the literature holds
    "There is limited literature on the development of SS with linezolid, when used alone.",
    # fresh18-030: a measurement in a laboratory unit
    "Dabigatran concentration was not detectable 10 min after idarucizumab administration "
    "(<30 ng/mL).",
])
def test_a_drug_named_as_a_misuse_the_literature_or_a_measurement_is_no_item(text):
    assert _items(text) == [], text


def test_quitting_a_drug_stops_it():
    reading = read_course("She took duloxetine 60 mg/day. She felt dizzy after quitting "
                          "duloxetine.")
    assert reading.states[-1].items == ()


# -- patterns of the fresh19 passages (published case reports: steroids, paracetamol, antiemetics,
# H2 blockers; first read 20/24, 2 invented) -------------------------------------------------------

@pytest.mark.parametrize("text", [
    # fresh19-011 (Iran J Psychiatry Behav Sci 2017): buspirone's 15 mg per day was read as
    # fluoxetine's
    "She was treated with a fixed dose of fluoxetine and buspirone added with the amount of 15 mg "
    "per day.",
    "She was treated with fluoxetine and buspirone was added at 15 mg per day.",
    "She took fluoxetine and buspirone 15 mg per day.",
    "She took fluoxetine, buspirone 15 mg per day.",
    "She took fluoxetine and oral buspirone given at a dose of 15 mg daily.",
])
def test_an_amount_after_a_name_the_catalogue_lacks_joined_to_a_drug_is_not_the_drugs(text):
    reading = read_course(text)
    assert [(i.drug.name, i.daily_dose) for i in reading.items] == [("fluoxetine", None)], text
    assert any(f.finding.code in NAME_NOT_CATALOGUED and "buspirone" in f.finding.message
               for f in reading.findings), text


@pytest.mark.parametrize(("text", "want"), [
    # a catalogue drug after the conjunction takes the amount; a verb or a word of the dose after
    # the drug itself is no name
    ("She took fluoxetine and olanzapine added at 5 mg per day.",
     [("fluoxetine", None), ("olanzapine", "5 mg/day")]),
    ("She was started on morphine and titrated to 60 mg per day.", [("morphine", "60 mg/day")]),
    ("She took morphine and the dose was increased to 20 mg per day.",
     [("morphine", "20 mg/day")]),
    ("She took morphine and patient-controlled boluses of 1 mg were allowed.",
     [("morphine", None)]),
])
def test_an_amount_after_a_drug_joined_to_no_unknown_name_is_read_as_before(text, want):
    assert _daily_doses(text) == want, text


@pytest.mark.parametrize("text", [
    # fresh19-002 (Int J Clin Pharm 2012): diphenhydramine's next dose was read as
    # metoclopramide's
    "Metoclopramide was discontinued and diphenhydramine 50 mg was initially administered "
    "intravenously followed with 25 mg orally every 4 hours as needed.",
    "He took oxycodone 10 mg twice daily, then ranitidine 150 mg in the morning and 150 mg at "
    "night.",
    # fresh10-013 (E3C): the doxycycline's 200 mg/day after meglumine antimoniate's amount
    "The patient was cured after intolerance with intramuscular meglumine antimoniate (60 mg/kg/day "
    "for 7 days), and no response to doxycycline (200 mg/day for 6 weeks).",
])
def test_an_amount_after_an_unknown_names_amount_goes_to_no_drug_before_them(text):
    reading = read_course(text)
    assert all(i.daily_dose is None and i.per_dose is None for i in reading.items
               if i.drug.name != "oxycodone"), text
    # each amount refused, or both read as one item of a drug not in the catalogue (ranitidine's
    # split dose: 150 mg in the morning and 150 mg at night, 300 mg a day)
    assert sum(f.finding.code in NAME_NOT_CATALOGUED for f in reading.findings) >= (
        1 if reading.not_in_catalogue else 2), text


@pytest.mark.parametrize(("text", "want"), [
    # fresh19-026 (J Med Case Rep 2015): the ceiling was read as a dose of 1 g a day
    ("Subsequently, we used high-dose intravenous methylprednisolone pulse therapy (30mg/kg/day, "
     "with a maximum of 1g/day), which dramatically alleviated her abdominal symptoms.", None),
    ("Methylprednisolone 20 mg/kg/day (max. 1 g/day) was given.", None),
    ("Methylprednisolone 30 mg/kg/day up to a maximum of 1 g/day was given.", None),
    ("Paracetamol 15 mg/kg every 6 hours, not to exceed 4 g per day, was given.", None),
    ("Paracetamol 15 mg/kg every 6 hours, not exceeding 1 g per dose, was given.", None),
    # with the weight: the dose per kg is read where it stays below its ceiling …
    ("A 20-kg boy. Methylprednisolone 30 mg/kg/day (maximum of 1 g/day) was given.", 600),
    ("A 20-kg boy. Paracetamol 15 mg/kg every 6 hours, not exceeding 1 g per dose, was given.",
     1200),
    # … and not where it goes above it (what was given is not said)
    ("A 50-kg girl. Methylprednisolone 30 mg/kg/day (maximum of 1 g/day) was given.", None),
    ("An 80-kg man. Paracetamol 15 mg/kg every 6 hours, not exceeding 1 g per dose, was given.",
     None),
])
def test_a_ceiling_on_a_dose_per_kg_is_not_the_dose(text, want):
    reading = read_course(text)
    assert [i.daily_mg for i in reading.items] == [want], text
    assert any("ceiling" in n.why for n in reading.not_doses), text


def test_a_maximum_reached_is_still_a_dose_and_max_does_not_end_a_sentence():
    assert _daily_doses("Morphine was titrated up to a maximum of 60 mg/day.") == [
        ("morphine", "60 mg/day")]
    assert len(read_course("Dose 20 mg/kg/day (max. 1 g/day) of methylprednisolone.")
               .items) == 1


@pytest.mark.parametrize(("text", "want"), [
    # an amount "per dose" is a dose, never an amount a day ("per d" is a day)
    ("Morphine 10 mg per dose every 4 hours was given.", "60 mg/day"),
    ("Morphine 2 mg/dose every 4 hours was given.", "12 mg/day"),
    ("Oxycodone 5 mg per dose.", None),
    ("A 20-kg boy took morphine 0.1 mg/kg/dose every 4 hours.", "12 mg/day"),
    ("Morphine 10 mg per d.", "10 mg/day"),
])
def test_an_amount_per_dose_is_a_dose(text, want):
    assert _daily_doses(text) == [("morphine" if "orphine" in text else "oxycodone", want)], text


@pytest.mark.parametrize(("text", "want"), [
    # fresh19-006 (J Palliat Med 2015): the day's dose given at once at night, every night
    ("Patients whose nausea and vomiting had not responded adequately to other antiemetics were "
     "treated with olanzapine 5mg as a single dose at night.", ("olanzapine", "5 mg/day")),
    ("She took amitriptyline 25 mg as a single dose at bedtime.", ("amitriptyline", "25 mg/day")),
    ("She took olanzapine 5 mg in a single nightly dose.", ("olanzapine", "5 mg/day")),
    ("She took prednisolone 20 mg as a single dose in the morning.", ("prednisolone", "20 mg/day")),
    ("She took prednisolone 20 mg as a single morning dose.", ("prednisolone", "20 mg/day")),
    # a single dose with no time of day, or "a single dose of", is given once
    ("She was given olanzapine 5 mg as a single dose.", ("olanzapine", None)),
    ("A single dose of olanzapine 5 mg was given at night.", ("olanzapine", None)),
])
def test_as_a_single_dose_at_a_time_of_day_is_once_a_day(text, want):
    assert _daily_doses(text) == [want], text


@pytest.mark.parametrize(("text", "want"), [
    # fresh19-014 (delirium after a switch from cimetidine to famotidine): the days of a hospital
    # stay were read as an intermittent schedule
    ("Famotidine 20 mg was given twice daily orally on hospital days 4-7 and then injected "
     "intravenously.", "40 mg/day"),
    ("Famotidine 20 mg was given twice daily on postoperative days 1-3.", "40 mg/day"),
    ("Famotidine 20 mg was given twice daily on days 3-5 of hospitalization.", "40 mg/day"),
    # the days of a cycle are given on some days only
    ("Dexamethasone 40 mg daily on days 1-4.", None),
    ("He took dexamethasone 40 mg days 1-4, 9-12 and 17-20.", None),
    ("Dexamethasone 40 mg daily on hospital days 1-4, 9-12 and 17-20.", None),
])
def test_the_days_of_a_hospital_stay_are_no_intermittent_schedule(text, want):
    assert [d for _, d in _daily_doses(text)] == [want], text


def test_a_dose_given_on_the_days_of_a_stay_opens_their_state():
    reading = read_course("On hospital days 1-3, cimetidine 300 mg was injected intravenously "
                          "every eight hours. Famotidine 20 mg was given twice daily orally on "
                          "hospital days 4-7.")
    assert [s.label for s in reading.states] == ["day 1", "day 4"]


def test_a_switch_told_again_keeps_the_dose_given():
    reading = read_course("Cimetidine 300 mg was given every eight hours. Famotidine 20 mg was "
                          "given twice daily on hospital days 4-7. Six days after being switched "
                          "from cimetidine to famotidine, the woman's mental status deteriorated.")
    assert [(i.drug.name, str(i.daily_dose)) for i in reading.states[-1].items] == [
        ("famotidine", "40 mg/day")]
    assert any(f.finding.code == "switch-told-again" for f in reading.findings)
    # a switch with its own amount, or to a drug not yet in the state, is read as before
    reading = read_course("Cimetidine 300 mg was given every eight hours. She was switched from "
                          "cimetidine to famotidine.")
    assert [(i.drug.name, i.daily_dose) for i in reading.states[-1].items] == [
        ("famotidine", None)]


@pytest.mark.parametrize("words", [
    # fresh19-020 (Sheehan's syndrome): the drug given again was read as stopped
    "After improvement of acute psychosis with discontinuation, re-administration of "
    "prednisolone at a dose of 2.5 mg per day gave rise to agitation and insomnia.",
    "Prednisolone was restarted at 2.5 mg per day.",
    "Prednisolone was resumed at 2.5 mg per day.",
    "Prednisolone was re-introduced at 2.5 mg per day.",
    "Readministration of prednisolone at 2.5 mg per day caused agitation.",
])
def test_a_drug_given_again_is_started_again(words):
    reading = read_course("She had taken prednisolone 10 mg daily. Prednisolone was stopped. "
                          + words)
    assert [(i.drug.name, str(i.daily_dose)) for i in reading.states[-1].items] == [
        ("prednisolone", "2.5 mg/day")], words


@pytest.mark.parametrize(("text", "want"), [
    # fresh19-027 (ACG 2025 poster): an abbreviation of the chemical name, defined in brackets
    ("Introduction: Acute acetaminophen (APAP) toxicity is a cause of acute liver injury. The "
     "patient is a 73-year-old male. He had been self-medicating his back pain with APAP 7.5 "
     "grams daily for four weeks, believing it was aspirin.", [("acetaminophen", "7.5 g/day")]),
    ("She took aspirin (ASA). ASA 100 mg daily was continued.", [("aspirin", "100 mg/day")]),
    # fresh5-005: "transdermal fentanyl (TDF)" — TDF ends with the patch
    ("A transdermal fentanyl (TDF) was applied. TDF was discontinued.", [("fentanyl", None)]),
])
def test_an_abbreviation_the_text_defines_for_a_drug_by_its_chemical_name(text, want):
    assert _daily_doses(text)[-1:] == want, text


@pytest.mark.parametrize("text", [
    # capitals the text also defines for other words, of two letters, or starting with another
    # letter are not the drug's
    "Her aspartate aminotransferase (AST) rose on acetaminophen (AST). AST 500 mg daily was "
    "noted.",
    "She took acetaminophen (AX). AX 500 mg daily was taken.",
    "She took acetaminophen (NSQ). NSQ 500 mg daily was taken.",
])
def test_capitals_in_brackets_that_may_not_abbreviate_the_drug_are_not_it(text):
    assert all(d is None for _, d in _daily_doses(text)), text


@pytest.mark.parametrize("text", [
    "He had been self-medicating with acetaminophen, believing it was aspirin.",
    "He took acetaminophen, thinking that it was aspirin.",
    "He took the acetaminophen, mistaking it for aspirin.",
    "He had confused it with aspirin.",
    # fresh23-023: "believing them to be Valium" was an item of diazepam
    "He took three tablets of tramadol he had bought, believing them to be aspirin.",
])
def test_what_a_drug_was_believed_to_be_is_no_item(text):
    assert "aspirin" not in [i.drug.name for i in read_course(text).items], text


@pytest.mark.parametrize("text", [
    # fresh19-004 (J Intern Med 2003): other patients' overdoses
    "In patients who develop liver damage following moderate paracetamol overdose in the order "
    "of 5-10 g daily, recent fasting has been identified as a key precipitant.",
    "He took a paracetamol overdose of around 20 g.",
])
def test_the_amount_of_an_overdose_in_the_order_of_is_no_dose(text):
    assert _items(text) == [], text


@pytest.mark.parametrize("text", [
    # fresh19-006: the objective of a study states its subject
    "The study objective was to assess the efficacy of olanzapine in the management of nausea.",
    "The aim of this study is to describe olanzapine in nausea.",
])
def test_a_studys_objective_names_no_item(text):
    assert _items(text) == [], text


# -- patterns of the fresh20 passages (published case reports: methadone, fentanyl, tramadol,
# gabapentinoids, benzodiazepines; first read 27/30, 1 invented) -----------------------------------

@pytest.mark.parametrize("text", [
    # fresh20-002 (Anaesthesist 1997): the whole patch's rate was read as the rate applied
    "Having cut a fentanyl patch (50 micrograms/h) into pieces, he applied one-fourth of the "
    "patch; 60 min later the patient developed signs of opioid intoxication.",
    "He cut a fentanyl 50 mcg/h patch into pieces and applied one of them.",
    "He applied half a fentanyl 25 mcg/h patch every 72 hours.",
    "She applied one-half of a fentanyl patch (25 micrograms/h).",
    "She took a quarter of a 10 mg methadone tablet twice daily.",
    "She was given half of a morphine 30 mg tablet every 12 hours.",
    "She took 1/2 tablet of oxycodone 10 mg twice daily.",
])
def test_a_part_of_a_dosage_unit_is_no_dose_of_the_whole_units_strength(text):
    reading = read_course(text)
    assert [(i.per_dose, i.daily_dose) for i in reading.items] == [(None, None)], text
    assert any(f.finding.code == "part-of-unit" for f in reading.findings), text


@pytest.mark.parametrize(("text", "want"), [
    # the part's own amount, the part of another drug's unit, and words that only look alike
    ("She took methadone 5 mg (half a tablet) twice daily.", [("methadone", "10 mg/day")]),
    ("She took morphine 10 mg twice daily and half a tablet of paracetamol.",
     [("morphine", "20 mg/day"), ("acetaminophen", None)]),
    ("Morphine 10 mg twice daily was given; its half-life is long.", [("morphine", "20 mg/day")]),
    ("Oxycodone 20 mg daily was divided into two doses.", [("oxycodone", "20 mg/day")]),
    ("A fentanyl patch 25 mcg/h was applied every 72 hours.", [("fentanyl", "25 mcg/h")]),
])
def test_an_amount_with_no_part_of_its_unit_is_read_as_before(text, want):
    assert _daily_doses(text) == want, text


@pytest.mark.parametrize(("text", "drug", "want"), [
    # fresh20-023 (heart failure with pregabalin): "methadon" (the German and Dutch spelling)
    # was no drug, and its 10 mg daily was not read
    ("Since there was no improvement after 7 weeks, the pain team recommended methadon 10 mg "
     "daily and pregabalin 150 mg daily.", "methadone", "10 mg/day"),
    ("He took methadon 10 mg daily.", "methadone", "10 mg/day"),
    ("He took morphin 10 mg twice daily.", "morphine", "20 mg/day"),
    ("He took oxycodon 10 mg twice daily and methadone 5 mg daily.", "oxycodone", "20 mg/day"),
])
def test_a_name_written_without_its_final_e_is_the_drug(text, drug, want):
    reading = read_course(text)
    assert (drug, want) in _daily_doses(text), text
    assert any(f.finding.code == "misspelt-name" and "final 'e'" in f.finding.message
               for f in reading.findings), text



# -- patterns of the fresh21 passages (case reports; some scanned texts with OCR-garbled units) --

@pytest.mark.parametrize("text", [
    # fresh21-015 (tramadol and ciprofloxacin): the bound was read as 800 mg of tramadol a day
    "She gradually escalated her dosage and often took 600 mg to sometimes as much as 800 mg "
    "daily of tramadol.",
    "He took as much as 800 mg of tramadol daily.",
    "She took tramadol, sometimes as much as 800 mg daily.",
    "He took doses as high as 300 mg of tramadol a day.",
    "He was taking at most 200 mg tramadol daily.",
    "She took no more than 60 mg of morphine a day.",
    "He took not more than about 60 mg of morphine daily.",
])
def test_an_upper_bound_is_no_dose(text):
    assert all(daily is None for _, daily in _daily_doses(text)), text
    # ("no more than" is set aside already as a threshold: "more than")
    assert any("upper bound" in n.why or "threshold" in n.why
               for n in read_course(text).not_doses), text


@pytest.mark.parametrize(("text", "want"), [
    # "up to" names the dose reached; an amount after a bound's words in another place is read
    ("The quetiapine was titrated up to 800mg daily.", [("quetiapine", "800 mg/day")]),
    ("He took 800 mg of tramadol daily, as much as the label allows.", [("tramadol", "800 mg/day")]),
    ("She took morphine 10 mg every 4 hours, no more than 60 mg daily.",
     [("morphine", "60 mg/day")]),
])
def test_an_amount_not_after_a_bound_is_read_as_before(text, want):
    assert _daily_doses(text) == want, text


@pytest.mark.parametrize(("text", "drug", "want"), [
    # fresh21-004 (a medication list): "zolpidem12.5 mg nightly" was an unknown word
    ("Her regimen included duloxetine 60mg twice daily, and zolpidem12.5 mg nightly.",
     "zolpidem", "12.5 mg/day"),
    ("He took tramadol50mg twice daily.", "tramadol", "100 mg/day"),
    ("He took morphine10 mg every 4 hours.", "morphine", "60 mg/day"),
    ("She used a fentanyl25 mcg/h patch.", "fentanyl", "25 mcg/h"),
])
def test_a_name_run_into_its_amount_is_the_drug_and_its_amount(text, drug, want):
    assert (drug, want) in _daily_doses(text), text


@pytest.mark.parametrize("text", [
    # a name run into a number that is no amount with its unit stays an unknown word
    "The morphine3 group received placebo.",
    "Tramadol2 was the second arm of the study.",
])
def test_a_name_run_into_a_bare_number_is_no_drug(text):
    assert _daily_doses(text) == [], text


@pytest.mark.parametrize(("text", "want"), [
    # fresh21-006 (Anesthesiology 1995): "micro gram/h", written apart, was no unit
    ("At a fentanyl infusion of 600 micro gram/h, the decision was made to place an epidural "
     "catheter.", "14400 mcg/day"),
    ("Fentanyl was infused intravenously at 50 micro grams/h.", "1200 mcg/day"),
    ("She received intravenous fentanyl 100 micro gram per hour.", "2400 mcg/day"),
])
def test_micro_gram_written_apart_is_a_microgram(text, want):
    assert ("fentanyl", want) in _daily_doses(text), text


@pytest.mark.parametrize(("text", "want"), [
    # fresh21-001/-002 (a scanned 1992 case report): the slash of "mg/hr" scanned as an "l"
    ("Initial treatment on admission for pain was hydromorphone 4 mg/4 hr orally around the clock "
     "(ATC) with 3 mglhr orally as required for breakthrough pain.",
     [("hydromorphone", "24 mg/day"), ("hydromorphone", None)]),
    ("6 days later, the haloperidol was again increased to 3 mgl6 hr SC every 6 hr.",
     [("haloperidol", "12 mg/day")]),
    ("The methotrimeprazine was given as 10 mgl6 hr SC.", [("levomepromazine", "40 mg/day")]),
    ("Morphine 10mgl4h orally was given.", [("morphine", "60 mg/day")]),
])
def test_a_slash_scanned_as_l_in_mg_per_hours_is_read(text, want):
    assert _daily_doses(text) == want, text


@pytest.mark.parametrize("text", [
    # "mgl" anywhere else is left as written (no number before it, or no hour after it)
    "Morphine 10 mgl daily was given.",
    "Morphine 10 mgl2 daily was given.",
    "Morphine 10 mgl hourly was given.",
    "The mglhr code was noted; morphine was stopped.",
])
def test_mgl_elsewhere_is_not_read_as_a_slash(text):
    assert all(daily is None for _, daily in _daily_doses(text)), text


@pytest.mark.parametrize(("text", "want"), [
    # fresh21-004: "prednisone 10mg for 5 days" in a list of doses each with its frequency
    ("Her medication regimen included bumetanide 1mg daily, metoprolol succinate 100mg daily, "
     "prednisone 10mg for 5 days, clonazepam 1mg three times daily, and duloxetine 60mg twice "
     "daily.", ("prednisone", "10 mg/day")),
    ("Her medications were morphine 10 mg every 4 hours, prednisone 20 mg for 1 week, and "
     "gabapentin 300 mg three times daily.", ("prednisone", "20 mg/day")),
])
def test_a_course_of_days_in_a_list_of_regimens_is_an_amount_a_day(text, want):
    assert want in _daily_doses(text), text


@pytest.mark.parametrize("text", [
    # alone, with a frequency of its own, or not a list of regimens: as before
    "She received prednisone 10mg for 5 days.",
    "She was given prednisone 10mg for 5 days and clonazepam 1mg three times daily.",
    "Her regimen included prednisone 10mg for 5 days as needed, clonazepam 1mg three times daily, "
    "and duloxetine 60mg twice daily.",
])
def test_a_course_of_days_elsewhere_is_no_amount_a_day(text):
    assert ("prednisone", None) in _daily_doses(text) or all(
        d != "prednisone" for d, _ in _daily_doses(text)), text


# -- patterns of the fresh22 passages (case reports of steroid and antidepressant courses) -------

@pytest.mark.parametrize("text", [
    # fresh22-004: "0.5 or 2 mg dexamethasone … 4 times a day" was read as 2 and 8 mg a day
    "For the two tests, 0.5 or 2 mg dexamethasone was given 4 times a day for 2 days.",
    "She was given 5 or 10 mg of morphine every 4 hours.",
    "Oxycodone 10, 20 or 40 mg twice daily was offered.",
])
def test_amounts_joined_by_or_are_no_one_dose(text):
    reading = read_course(text)
    assert len(reading.items) == 1, text
    (item,) = reading.items
    assert item.daily_dose is None and item.per_dose is None, text
    assert "alternatives" in {f.finding.code for f in reading.findings}, text


def test_amounts_joined_by_or_keep_the_mention_they_are_written_with():
    text = _passage("fresh22-004")
    (item,) = read_course(text).items
    assert item.drug.name == "dexamethasone" and item.daily_dose is None
    assert text[:item.drug_span[1]].endswith("0.5 or 2 mg dexamethasone")


def test_amounts_joined_by_and_are_read_as_before():
    assert _daily_doses("Fentanyl was given at 200, 500, and 650 μg/hr, respectively.") == [
        ("fentanyl", "4800 mcg/day"), ("fentanyl", "12000 mcg/day"), ("fentanyl", "15600 mcg/day")]


@pytest.mark.parametrize("text", [
    # fresh22-005: "(15.8 mg/m 2 ·d)", the superscript broken, was read as 15.8 mg a day
    "She was given hydrocortisone 15 mg/m2 daily.",
    "She was given hydrocortisone 15 mg/m 2 ·d.",
    "She was given hydrocortisone 15 mg/m² per day.",
    "She was given dexamethasone 10 mg/m(2)/day for 4 weeks.",
])
def test_a_dose_per_body_surface_has_no_daily_amount(text):
    (item,) = read_course(text).items
    assert item.daily_dose is None and item.per_dose is None, text
    assert "per-body-surface" in {f.finding.code for f in read_course(text).findings}, text


@pytest.mark.parametrize(("text", "want"), [
    ("She was using 30 mg hydrocortisone daily in three divided doses (15.8 mg/m 2 ·d).",
     [("hydrocortisone", "30 mg/day")]),
    ("She took 20 mg hydrocortisone daily (12 mg/m2/day).", [("hydrocortisone", "20 mg/day")]),
])
def test_a_dose_per_body_surface_in_brackets_restates_the_dose_before(text, want):
    assert _daily_doses(text) == want, text


def test_the_fresh22_body_surface_restatement_is_not_an_item():
    items = [i for i in _items(_passage("fresh22-005")) if i.drug.name == "hydrocortisone"]
    assert [str(i.daily_dose) for i in items] == ["30 mg/day"]


@pytest.mark.parametrize("text", [
    # fresh22-005: "7/5 mg prednisolone in the morning and 5 mg at night" was read as 5 mg a day
    "Her dose was changed to 7/5 mg prednisolone in the morning and 5 mg at night.",
    "She took 5/2 mg prednisone in the morning and 10 mg in the evening.",
])
def test_a_part_of_a_split_day_after_an_unread_part_is_no_daily_amount(text):
    assert all(daily is None for _, daily in _daily_doses(text)), text


def test_a_split_day_whose_parts_are_read_still_sums():
    assert _daily_doses("She took prednisolone 10 mg in the morning and 5 mg at night.") == [
        ("prednisolone", "15 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh22-006/-007: "(minimum dose 0.5 mg/day to maximum dose 1.0 mg/day)" was two amounts a day
    ("She took dexamethasone (minimum dose 0.5 mg/day to maximum dose 1.0 mg/day) after surgery.",
     (0.5, 1.0, "mg/day")),
    ("He was given prednisolone at a minimum dose of 10 mg/day to a maximum dose of 20 mg/day.",
     (10, 20, "mg/day")),
    ("Morphine was taken (minimal dose 5 mg - maximal dose 15 mg) as needed.", (5, 15, "mg")),
])
def test_a_dose_between_a_minimum_and_a_maximum_is_a_range(text, want):
    (item,) = read_course(text).items
    assert item.dose_range == want and item.daily_dose is None, text


def test_the_fresh22_minimum_and_maximum_doses_are_no_daily_amounts():
    for id_ in ("fresh22-006", "fresh22-007"):
        ranged = [i for i in _items(_passage(id_)) if i.dose_range is not None]
        assert ranged and all(i.daily_dose is None for i in ranged), id_
    assert ("prednisolone", "15 mg/day") in _daily_doses(_passage("fresh22-007"))


@pytest.mark.parametrize(("text", "want"), [
    # fresh22-016: "from 37.5 mg to 75 mg a day": the "a day" is both amounts'
    ("The dosage of venlafaxine was increased from 37.5 mg to 75 mg a day.",
     [("venlafaxine", "37.5 mg/day"), ("venlafaxine", "75 mg/day")]),
    ("Sertraline was reduced from 100 mg to 50 mg/day.",
     [("sertraline", "100 mg/day"), ("sertraline", "50 mg/day")]),
])
def test_a_time_after_the_second_amount_of_a_change_is_the_firsts_too(text, want):
    assert _daily_doses(text) == want, text


def test_a_change_with_its_own_schedules_is_read_as_before():
    # no time of day in the unit: the schedule after the second amount is not carried back
    assert _daily_doses("Oxycodone was increased from 10 mg to 20 mg twice daily.")[0] == (
        "oxycodone", None)
    assert ("venlafaxine", "37.5 mg/day") in _daily_doses(_passage("fresh22-016"))



@pytest.mark.parametrize("text", [
    # fresh22-034: "have presented MIR-associated restless legs syndrome" was an item
    "Several reports have presented mirtazapine-associated restless legs syndrome. She was given "
    "mirtazapine 15 mg at night.",
    "Heparin-associated thrombocytopenia was suspected. Heparin was stopped.",
])
def test_a_drug_named_before_associated_is_a_condition(text):
    reading = read_course(text)
    assert all(not reading.text[i.span[0]:i.span[1]].lower().endswith("-associated")
               for i in reading.items)
    assert "named-not-given" in {f.finding.code for f in reading.findings}, text


def test_a_case_the_authors_experienced_is_the_reports_summary():
    text = ("We experienced two cases that did not show restless legs after re-administration of "
            "mirtazapine. A 56-year-old woman received mirtazapine 15 mg at night.")
    (item,) = read_course(text).items
    assert text[item.span[0]:item.span[1]].startswith("mirtazapine 15 mg")
    assert str(item.daily_dose) == "15 mg/day"


def test_the_fresh22_abbreviation_is_read_where_the_case_tells_of_it():
    text = _passage("fresh22-034")
    first = read_course(text).states[0].items[0]
    assert first.drug.name == "mirtazapine"
    assert text[first.span[0]:first.span[1] + 10].startswith("MIR treatment")


# -- patterns of the fresh23 passages (case reports of non-opioid and opioid courses) ------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh23-017: "(maximum recommended dose, 180 mg/d)" was read as the patient's 180 mg a day
    ("She took loxoprofen 60 mg three times a day (maximum recommended dose, 180 mg/d).",
     [("loxoprofen", "180 mg/day")]),
    ("He took 100 mg/d of tramadol (maximum allowed dose: 400 mg/d) for back pain.",
     [("tramadol", "100 mg/day")]),
    ("He was given paracetamol 1 g twice daily; the recommended daily dose of paracetamol is 4 g.",
     [("acetaminophen", "2 g/day")]),
    ("She took celecoxib 100 mg daily (the labelled maximum daily dose being 400 mg).",
     [("celecoxib", "100 mg/day")]),
    ("Tramadol 50 mg twice daily was started (maximum dose recommended, 400 mg/day).",
     [("tramadol", "100 mg/day")]),
])
def test_a_recommended_or_allowed_dose_is_said_of_the_drug(text, want):
    assert _daily_doses(text) == want, text
    assert any("recommended, usual or allowed" in n.why for n in read_course(text).not_doses), text


@pytest.mark.parametrize(("text", "want"), [
    # a dose given at the recommended dose, and a bare maximum, are the patient's
    ("She was receiving paracetamol at recommended dosage (4 g daily).", [("acetaminophen", "4 g/day")]),
    ("He took paracetamol at the maximum recommended dose of 4 g daily.",
     [("acetaminophen", "4 g/day")]),
    ("She took oral prednisolone (maximum dose, 30 mg/day).", [("prednisolone", "30 mg/day")]),
    ("Her morphine was increased to a maximum dose of 60 mg/day.", [("morphine", "60 mg/day")]),
])
def test_a_dose_given_at_a_recommended_dose_or_a_bare_maximum_is_read(text, want):
    assert _daily_doses(text) == want, text


def test_the_fresh23_recommended_maximum_is_no_dose():
    assert ("loxoprofen", "180 mg/day") not in _daily_doses(_passage("fresh23-017"))
    assert ("loxoprofen", "120 mg/day") in _daily_doses(_passage("fresh23-017"))


@pytest.mark.parametrize(("text", "want"), [
    # fresh23-011: "from 50 mg to 400 mg daily": the "daily" is both amounts'
    ("She increased her tramadol from 100 mg to 300 mg daily.",
     [("tramadol", "100 mg/day"), ("tramadol", "300 mg/day")]),
    ("The dose of morphine was raised from 30 mg to 60 mg every day.",
     [("morphine", "30 mg/day"), ("morphine", "60 mg/day")]),
    ("Pregabalin was reduced from 300 mg to 150 mg each day.",
     [("pregabalin", "300 mg/day"), ("pregabalin", "150 mg/day")]),
    ("Tramadol was increased from 50 mg to 200 mg/d.",
     [("tramadol", "50 mg/day"), ("tramadol", "200 mg/day")]),
    ("Ketamine was increased from 100 mg to 300 mg per 24 h.",
     [("ketamine", "100 mg/day"), ("ketamine", "300 mg/day")]),
])
def test_a_word_of_the_day_after_the_second_amount_of_a_change_is_the_firsts_too(text, want):
    assert _daily_doses(text) == want, text


def test_a_count_of_doses_after_a_change_is_not_carried_back():
    assert _daily_doses("Pregabalin was increased from 75 mg to 150 mg twice daily.")[0] == (
        "pregabalin", None)
    assert ("tapentadol", "50 mg/day") in _daily_doses(_passage("fresh23-011"))


@pytest.mark.parametrize("text", [
    # fresh23-019: "plasma concentrations of loxoprofen … were 52 and 24 μg/mL" were eight items
    "He took 20 tablets of tramadol. His plasma concentrations of tramadol and its metabolite "
    "were 5.2 and 2.4 μg/mL at 4 h.",
    "She was given lidocaine. Her serum lidocaine levels were 3 and 6 mcg/mL.",
    "He took carbamazepine. The concentration of carbamazepine in the blood was 12 μg/mL.",
])
def test_a_level_in_blood_plasma_or_serum_is_a_measurement(text):
    reading = read_course(text)
    assert all("/ml" not in reading.text[i.span[0]:i.span[1]].lower() for i in reading.items), text
    assert any("measured level" in n.why for n in reading.not_doses), text


def test_a_preparations_strength_is_read_as_before():
    # no level of blood, plasma or serum: a concentration with its rate is a dose
    assert _daily_doses("Morphine 1 mg/mL was infused at 2 mL/h.") == [("morphine", "48 mg/day")]
    assert not any(i.drug.name == "loxoprofen" and i.per_dose is None
                   for i in _items(_passage("fresh23-019")))


def test_the_fresh23_believed_brand_is_no_item():
    assert "diazepam" not in [i.drug.name for i in _items(_passage("fresh23-023"))]


@pytest.mark.parametrize(("text", "want"), [
    ("Sertraline was started for her low mood, and after two weeks of sertraline she had nausea "
     "and dizziness at a dose of 100 mg/day.", ("sertraline", "100 mg/day")),
    ("Gabapentin was begun; on day 10 the patient reported tremor at a daily dose of 900 mg/day.",
     ("gabapentin", "900 mg/day")),
])
def test_a_symptom_before_the_words_of_a_dose_is_no_name(text, want):
    assert want in _daily_doses(text), text
    assert not any(f.finding.code in NAME_NOT_CATALOGUED for f in read_course(text).findings), text


def test_a_symptom_dose_among_several_drugs_is_left_unattached():
    text = "Morphine and sertraline were given; later nausea at a dose of 100 mg/day appeared."
    reading = read_course(text)
    assert all(i.daily_dose is None for i in reading.items)
    assert any(f.finding.code == "amount-not-attached" for f in reading.findings)
    # a name before the words of a dose still heads the amount
    assert ("sertraline", "100 mg/day") not in _daily_doses(
        "Sertraline was given, and pyridoxine at a dose of 100 mg/day.")


@pytest.mark.parametrize("subject", ["this medication", "the drug", "the same medicine",
                                     "This medication"])
def test_this_medication_as_the_subject_of_a_change_refers_back(subject):
    text = f"Sertraline was started at 50 mg/day. On day 12, {subject} was increased to 100 mg/day."
    assert _daily_doses(text) == [("sertraline", "50 mg/day"), ("sertraline", "100 mg/day")]


def test_this_medication_is_not_read_when_the_story_has_several_drugs_or_no_change():
    several = ("Morphine 10 mg every 4 hours and sertraline 50 mg/day were started. Later this "
               "medication was increased to 100 mg/day.")
    assert ("sertraline", "100 mg/day") not in _daily_doses(several)
    assert ("morphine", "100 mg/day") not in _daily_doses(several)
    new_drug = "Sertraline was started at 50 mg/day. A new medication was started at 20 mg/day."
    assert _daily_doses(new_drug) == [("sertraline", "50 mg/day")]


def test_the_fresh24_venlafaxine_doses_are_read():
    doses = _daily_doses(_passage("fresh24-004"))
    assert ("venlafaxine", "112.5 mg/day") in doses and ("venlafaxine", "150 mg/day") in doses


# -- fresh25: the drug of an amount named after "daily of" and as the object of a change ----------

def test_the_name_after_an_amount_daily_of_is_the_drug_of_the_amount():
    text = ("She takes 20 mg daily of paroxetine for anxiety, and 2 mg daily of pramipexole for "
            "restless legs.")
    assert _daily_doses(text) == [("paroxetine", "20 mg/day")]
    assert "pramipexole" in " ".join(_unknown_names(text))
    assert _daily_doses("He takes 10 mg daily of oxycodone.") == [("oxycodone", "10 mg/day")]


@pytest.mark.parametrize("verb", ["increased her", "reduced his", "titrated the"])
def test_the_object_of_a_change_of_dose_owns_its_amounts(verb):
    text = (f"Morphine 10 mg every 4 hours was continued. Her neurologist {verb} pramipexole "
            "from 1 mg to 3 mg daily.")
    assert _daily_doses(text) == [("morphine", "60 mg/day")]
    # a catalogue drug as the object still takes the amounts
    known = "Her physician increased her sertraline from 50 mg to 100 mg daily."
    assert ("sertraline", "100 mg/day") in _daily_doses(known)
    # a share is no dose of the thing that was raised
    assert not _unknown_names("Oxygen was given, which increased saturation to 99 %.")


def test_the_fresh25_ropinirole_amounts_go_to_no_other_drug():
    assert ("fluoxetine", "6 mg/day") not in _daily_doses(_passage("fresh25-019"))
    doses = _daily_doses(_passage("fresh25-031"))
    assert ("quetiapine", "2 mg/day") not in doses and ("quetiapine", "6 mg/day") not in doses


@pytest.mark.parametrize(("text", "want"), [
    ("Sertraline was increased to 50 mg morning and 100 mg bedtime.", 150.0),
    ("Paroxetine 10 mg morning and 20 mg evening was given.", 30.0),
])
def test_bare_times_of_day_after_amounts_split_the_dose(text, want):
    items = _items(text)
    assert len(items) == 1 and items[0].daily_dose is not None
    assert items[0].daily_dose.value == want


@pytest.mark.parametrize(("freq", "want"), [("once a day", "200 mg/day"),
                                            ("once daily", "200 mg/day"),
                                            ("twice daily", None)])
def test_once_a_day_after_a_change_is_both_amounts(freq, want):
    text = f"Her quetiapine was increased from 200 mg to 400 mg {freq} for agitation."
    first = _daily_doses(text)[0]
    assert first == ("quetiapine", want)


def test_the_fresh25_fluvoxamine_split_and_quetiapine_once_a_day_are_read():
    assert ("fluvoxamine", "150 mg/day") in _daily_doses(_passage("fresh25-001"))
    assert ("quetiapine", "200 mg/day") in _daily_doses(_passage("fresh25-019"))


# -- fresh26: an amount written with a hyphen, an adjective before the drug it qualifies ------

@pytest.mark.parametrize(("text", "want"), [
    ("He resumed his nightly 200-mg amitriptyline dose.", [("amitriptyline", "200 mg/day")]),
    ("She takes her daily 10-mg escitalopram tablet.", [("escitalopram", "10 mg/day")]),
    ("Oxycodone 5 mg was given with a 2.5-mg morphine tablet twice daily.",
     [("oxycodone", None), ("morphine", "5 mg/day")]),
])
def test_a_hyphenated_amount_before_the_drug_is_its_amount(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "per_dose"), [
    ("He swallowed three 10-mg tablets of haloperidol.", "30 mg"),
    ("Priapism followed a single 100-mg dose of trazodone.", "100 mg"),
])
def test_a_hyphenated_amount_before_tablets_or_a_dose_of_the_drug_is_read(text, per_dose):
    items = _items(text)
    assert len(items) == 1 and str(items[0].per_dose) == per_dose
    assert items[0].daily_dose is None  # taken once: no daily amount


@pytest.mark.parametrize("text", [
    "Morphine 200 mg IV every 6 hours was given, his wife giving each 200-mg dose slowly.",
    "She took duloxetine 15 mg, discarding half of the 30-mg capsule.",
    "The dose of methadone was increased in 0.25-mg increments.",
])
def test_a_hyphenated_amount_that_names_no_drug_of_its_own_is_not_read(text):
    spans = [item.as_written for item in _items(text)]
    assert not any(re.search(r"\d-mg", span) for span in spans)


def test_the_fresh26_amitriptyline_resumed_nightly_is_read():
    assert ("amitriptyline", "200 mg/day") in _daily_doses(_passage("fresh26-016"))


# -- fresh26: an amount in brackets before "treatment/therapy of|with" a drug ----------------------

@pytest.mark.parametrize(("text", "want"), [
    ("Her QT interval lengthened on low-dose (5 mg/day) treatment of escitalopram.",
     [("escitalopram", "5 mg/day")]),
    ("He was kept on high-dose (20 mg/day) therapy with oral olanzapine.",
     [("olanzapine", "20 mg/day")]),
    ("A short (300 mg/day) regimen of gabapentin was tried.", [("gabapentin", "300 mg/day")]),
])
def test_an_amount_in_brackets_before_the_treatment_of_a_drug_is_its(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize("text", [
    "She had (5 mg/day) treatment of escitalopram and quetiapine.",
    "She had (5 mg/day) treatment of escitalopram, quetiapine for a week.",
    "Morphine (10 mg/day) therapy with olanzapine was given.",
])
def test_an_amount_in_brackets_two_drugs_compete_for_is_left_unattached(text):
    assert all(daily is None for _, daily in _daily_doses(text))
    codes = [f.finding.code for f in read_course(text).findings]
    assert "amount-not-attached" in codes


def test_the_fresh26_escitalopram_in_brackets_is_read():
    assert ("escitalopram", "5 mg/day") in _daily_doses(_passage("fresh26-027"))


# -- fresh26: one study as the subject of a statement of the literature --------------------------

@pytest.mark.parametrize("text", [
    "Although a previous study reported that sertraline doses ranging from 50 to 200 mg were "
    "well tolerated, agitation may worsen.",
    "A recent randomized trial found that olanzapine 10 mg daily reduced nausea.",
    "One case report described escitalopram 20 mg/day with QT prolongation.",
])
def test_one_study_as_the_subject_is_a_statement_of_the_literature(text):
    assert _items(text) == []
    assert "not-a-regimen" in [f.finding.code for f in read_course(text).findings]


def test_a_study_of_the_patient_is_still_read():
    # a sleep study of the patient, not the literature's: its sentence is read
    text = "A sleep study was normal, and she was started on sertraline 50 mg daily."
    assert _daily_doses(text) == [("sertraline", "50 mg/day")]


# -- fresh27: bounds of advice and of taking, lower bounds, ceilings after a count -----------------

@pytest.mark.parametrize(("text", "drug"), [
    ("He was advised gabapentin up to 900 mg/day for his back pain.", "gabapentin"),
    ("She was told to take paracetamol up to 3 g a day.", "acetaminophen"),
    ("The patient took up to 600 mg pregabalin per day.", "pregabalin"),
    ("He took tramadol up to 400 mg daily.", "tramadol"),
])
def test_up_to_in_a_clause_of_advice_or_taking_is_a_bound_not_a_dose(text, drug):
    assert _daily_doses(text) == [(drug, None)]


@pytest.mark.parametrize(("text", "want"), [
    ("He increased the dose of gabapentin up to 1200 mg/day.", [("gabapentin", "1200 mg/day")]),
    ("She took sertraline, and it was titrated up to 100 mg/day.", [("sertraline", "100 mg/day")]),
])
def test_up_to_after_a_verb_of_change_is_still_the_dose_reached(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize("text", [
    "He had been taking pregabalin doses upwards of 3 g/day.",
    "She was consuming tramadol upward of 600 mg/day.",
])
def test_an_amount_after_upwards_of_is_a_lower_bound(text):
    assert all(daily is None for _, daily in _daily_doses(text))
    assert [drug for drug, _ in _daily_doses(text)] != []


def test_a_ceiling_after_a_count_of_tablets_is_not_a_daily_amount():
    text = "She took paracetamol 500 mg prn, not exceeding 6 tablets (3000 mg) per day."
    assert _daily_doses(text) == [("acetaminophen", None)]
    assert any(n.as_written.startswith("3000") for n in read_course(text).not_doses)


@pytest.mark.parametrize("text", [
    "His usual dose of pregabalin was 2.400 mg/day.",
    "She took about 1.250 mg of gabapentin a day.",
])
def test_a_point_with_three_digits_is_not_read(text):
    assert all(daily is None for _, daily in _daily_doses(text))
    assert "point-thousands" in [f.finding.code for f in read_course(text).findings]


def test_a_decimal_point_with_fewer_digits_is_still_read():
    assert _daily_doses("He took pregabalin 37.5 mg twice daily.") == [("pregabalin", "75 mg/day")]


@pytest.mark.parametrize("text", [
    "Olanzapine 5 mg daily was started. Donepezil was increased from 5 mg/day to 10 mg/day.",
    "Olanzapine 5 mg daily was started. Rivastigmine, a cholinesterase inhibitor, was "
    "increased from 3 mg/day to 6 mg/day.",
])
def test_amounts_of_an_unknown_subject_of_a_change_go_to_no_other_drug(text):
    assert _daily_doses(text) == [("olanzapine", "5 mg/day")]
    assert NAME_NOT_CATALOGUED & {f.finding.code for f in read_course(text).findings}


def test_a_known_subject_of_a_change_is_still_read():
    text = "Olanzapine 5 mg daily was started. Sertraline was increased from 50 mg/day to " \
           "100 mg/day."
    assert ("sertraline", "100 mg/day") in _daily_doses(text)


def test_the_fresh27_passages_invent_no_amount():
    assert _daily_doses(_passage("fresh27-021")) == [("pregabalin", "150 mg/day")]
    # memantine's 10 and 15 mg/day go to no catalogue drug
    assert all(daily not in ("10 mg/day", "15 mg/day")
               for _, daily in _daily_doses(_passage("fresh27-027")))


@pytest.mark.parametrize(("text", "want"), [
    ("Quetiapine 25 mg each evening was started.", [("quetiapine", "25 mg/day")]),
    ("She took sertraline 50 mg every evening.", [("sertraline", "50 mg/day")]),
])
def test_each_evening_is_once_a_day(text, want):
    assert _daily_doses(text) == want


def test_the_fresh27_olanzapine_each_evening_is_read():
    doses = _daily_doses(_passage("fresh27-027"))
    assert ("olanzapine", "2.5 mg/day") in doses and ("olanzapine", "5 mg/day") in doses


@pytest.mark.parametrize(("text", "want"), [
    ("He was taking warfarin 5mg daily; apixaban 5mg twice daily was added for a 10-day course.",
     [("warfarin", "5 mg/day"), ("apixaban", "10 mg/day")]),
    ("She was given prednisolone 30 mg daily as a 14-day course.",
     [("prednisolone", "30 mg/day")]),
])
def test_one_course_of_days_is_a_duration_not_a_cycle(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize("text", [
    "Prednisone 100 mg daily was given in 21-day courses.",
    "Prednisone 100 mg daily was given on days 1 to 5 of each 21-day course.",
])
def test_courses_repeated_are_still_cycles(text):
    assert _daily_doses(text) == [("prednisone", None)]


@pytest.mark.parametrize(("text", "want"), [
    ("He received daily administration of 40 mg pantoprazole.", [("pantoprazole", "40 mg/day")]),
    ("She had six-hourly administration of 10 mg of morphine orally.",
     [("morphine", "40 mg/day")]),
    ("He was given twice daily administration of oxycodone 10 mg.", [("oxycodone", "20 mg/day")]),
])
def test_a_frequency_joined_by_administration_of_is_the_dose_schedule(text, want):
    assert _daily_doses(text) == want


def test_administration_of_without_a_frequency_gives_no_daily_amount():
    assert _daily_doses("He received administration of 40 mg pantoprazole.") == [
        ("pantoprazole", None)]


def test_the_fresh28_general_gaps_are_read():
    assert _daily_doses(_passage("fresh28-004")) == [("cyclizine", "150 mg/day")]
    assert _daily_doses(_passage("fresh28-008")) == [("omeprazole", "20 mg/day")]
    assert _daily_doses(_passage("fresh28-020")) == [("aspirin", "81 mg/day"),
                                                     ("clopidogrel", "75 mg/day")]


# -- prosefix29: 'twice/day', an amount after 'receiving', 'A 20 + B 30 mg' ----------------------

@pytest.mark.parametrize(("text", "want"), [
    ("He was given tramadol/acetaminophen 37.5/325 mg twice/day.",
     [("tramadol", "75 mg/day"), ("acetaminophen", "650 mg/day")]),
    ("She took morphine 10 mg once/day.", [("morphine", "10 mg/day")]),
    ("Codeine 30 mg three times / day was started.", [("codeine", "90 mg/day")]),
    ("He took gabapentin 300 mg thrice/day.", [("gabapentin", "900 mg/day")]),
])
def test_a_count_of_times_per_slash_day_is_a_frequency(text, want):
    assert _daily_doses(text) == want


def test_the_fresh27_oxycodone_naloxone_twice_per_slash_day_is_read():
    doses = _daily_doses(_passage("fresh27-010"))
    for want in (("oxycodone", "10 mg/day"), ("naloxone", "5 mg/day"),
                 ("oxycodone", "15 mg/day"), ("naloxone", "7.5 mg/day")):
        assert want in doses


@pytest.mark.parametrize(("text", "want"), [
    ("He was on buprenorphine for opioid use disorder, 16 mg daily.",
     [("buprenorphine", "16 mg/day")]),
    ("She was treated with diazepam for benzodiazepine withdrawal, receiving 30 mg/day.",
     [("diazepam", "30 mg/day")]),
])
def test_a_class_word_before_a_condition_names_no_drug(text, want):
    assert _daily_doses(text) == want


def test_a_class_word_naming_a_drug_still_stops_the_amount():
    assert _daily_doses("She took morphine and an opioid, 10 mg daily.") == [("morphine", None)]


def test_the_fresh27_methadone_for_opioid_addiction_is_read():
    assert _daily_doses(_passage("fresh27-014")) == [("methadone", "130 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    ("She took rabeprazole 20 + domperidone 30 mg once daily.",
     [("rabeprazole", "20 mg/day"), ("domperidone", "30 mg/day")]),
    ("He was given tablet Gastrozed (pantoprazole 40+ domperidone 10 mg) twice daily.",
     [("pantoprazole", "80 mg/day"), ("domperidone", "20 mg/day")]),
    ("She took (morphine 10 mg + paracetamol 1 g) every 6 hours.",
     [("morphine", "40 mg/day"), ("acetaminophen", "4 g/day")]),
])
def test_a_bare_strength_before_plus_takes_the_unit_after_and_shares_the_schedule(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize("text", [
    "She took rabeprazole 20 + simethicone 40 mg once daily.",  # no catalogue drug after '+'
    "She took rabeprazole 20, domperidone 30 mg once daily.",  # no '+'
])
def test_a_bare_number_without_a_catalogue_drug_after_plus_is_no_strength(text):
    assert ("rabeprazole", "20 mg/day") not in _daily_doses(text)


def test_an_amount_in_the_brackets_of_an_unknown_brand_with_no_drug_is_still_not_read():
    assert _daily_doses("He was given tablet Gastrozed (40 mg) daily with morphine 10 mg daily.") \
        == [("morphine", "10 mg/day")]


def test_the_fresh28_rabeprazole_plus_domperidone_od_is_read():
    doses = _daily_doses(_passage("fresh28-013"))
    assert ("rabeprazole", "20 mg/day") in doses and ("domperidone", "30 mg/day") in doses


# -- prosefix30: 'IV over 24 hours', a change on a day's basis, a name before 'added (…)', a
# count of units before the name, 'mg.8 h-1', 'a single bedtime dose of' -----------------------

@pytest.mark.parametrize(("text", "want"), [
    ("He was started on metoclopramide 40mg IV over 24 hours.", [("metoclopramide", "40 mg/day")]),
    ("She received morphine 30 mg subcutaneously over 24 hours.", [("morphine", "30 mg/day")]),
    ("She was given 20 mg of oxycodone sc over a 24-hour period.", [("oxycodone", None)]),
])
def test_an_amount_over_24_hours_after_a_route_is_a_day(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("He was started on metoclopramide 40 mg IV over 24 hours; the dose was increased to 60mg.",
     [("metoclopramide", "40 mg/day"), ("metoclopramide", "60 mg/day")]),
    ("She was on morphine 30 mg/day. The dose was later increased to 45 mg.",
     [("morphine", "30 mg/day"), ("morphine", "45 mg/day")]),
    ("Oxycodone 40 mg/day was reduced to 20 mg.",
     [("oxycodone", "40 mg/day"), ("oxycodone", "20 mg/day")]),
])
def test_a_change_of_a_days_amount_to_a_bare_mass_is_a_day(text, want):
    assert _daily_doses(text) == want
    assert any(f.finding.code == "basis-from-change" for f in read_course(text).findings)


@pytest.mark.parametrize(("text", "want"), [
    # a dose with a schedule of doses lends nothing: 20 mg a dose or a day?
    ("She was on morphine 10 mg twice daily. The dose was increased to 20 mg.",
     [("morphine", "20 mg/day"), ("morphine", None)]),
    # added, not changed: a dose of its own
    ("She was on morphine 30 mg/day. Morphine 10 mg was also given.",
     [("morphine", "30 mg/day"), ("morphine", None)]),
    # the new amount has its own schedule
    ("She was on morphine 30 mg/day. It was increased to 20 mg twice daily.",
     [("morphine", "30 mg/day"), ("morphine", "40 mg/day")]),
])
def test_a_change_takes_no_day_basis_from_a_dose_with_a_schedule_or_a_new_dose(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize("text", [
    "He was on morphine 40 mg/day and later oral baclofen added (10mg three times a day).",
    "He took oxycodone 10 mg twice daily; later oral mexiletine was started at 200 mg three "
    "times a day.",
    "She was on morphine 40 mg/day, and intravenous ondansertib was given (8 mg twice daily).",
])
def test_a_name_before_a_participle_of_giving_heads_the_amount_after_it(text):
    reading = read_course(text)
    assert all(i.daily_dose is None or i.daily_dose.value != 30 for i in reading.items)
    assert [i.drug.name for i in reading.items if i.daily_dose is not None
            and str(i.daily_dose) not in ("40 mg/day", "20 mg/day")] == []
    assert any(f.finding.code in NAME_NOT_CATALOGUED for f in reading.findings)


@pytest.mark.parametrize(("text", "want"), [
    # a catalogue drug before the participle still takes its amount
    ("Later oral morphine was started at 10 mg every 4 hours.", [("morphine", "60 mg/day")]),
    # a way of giving, not a drug, before it: the amount is the story drug's
    ("She was on morphine 10 mg every 4 hours; oral intake was started and the dose was "
     "increased to 15 mg every 4 hours.",
     [("morphine", "60 mg/day"), ("morphine", "90 mg/day")]),
])
def test_a_participle_after_a_catalogue_drug_or_a_kind_of_giving_names_no_other_drug(text, want):
    assert _daily_doses(text) == want


def test_the_fresh29_baclofen_amount_is_not_given_to_metoclopramide():
    doses = _daily_doses(_passage("fresh29-006"))
    assert ("metoclopramide", "30 mg/day") not in doses
    assert ("metoclopramide", "40 mg/day") in doses and ("metoclopramide", "60 mg/day") in doses


@pytest.mark.parametrize(("text", "want"), [
    ("A physical examination, two patches, Duragesic® (25 μg/h) were found.", [("fentanyl", None)]),
    ("He was given two patches of fentanyl 25 mcg/h.", [("fentanyl", None)]),
    ("She took three tablets of oxycodone (10 mg) twice daily.", [("oxycodone", None)]),
    ("She took 2 tablets of paracetamol (1 g) four times a day.", [("acetaminophen", None)]),
])
def test_a_count_of_units_before_the_name_leaves_the_day_unread(text, want):
    reading = read_course(text)
    assert [(i.drug.name, str(i.daily_dose) if i.daily_dose else None)
            for i in reading.items] == want
    assert any(f.finding.code == "unit-count-not-read" for f in reading.findings)


@pytest.mark.parametrize(("text", "want"), [
    ("He was given two 25 mcg/h fentanyl patches.", [("fentanyl", "50 mcg/h")]),  # count × strength
    ("She took oxycodone 10 mg, one tablet twice daily.", [("oxycodone", "20 mg/day")]),
    ("She took two doses of oxycodone 10 mg.", [("oxycodone", None)]),
])
def test_a_count_right_before_the_strength_is_still_read(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("The patient was treated with gabapentin (150 mg.8 h−1).", [("gabapentin", "450 mg/day")]),
    ("She took morphine 10 mg.4 h-1.", [("morphine", "60 mg/day")]),
    ("He received pregabalin 75 mg·12 h-1 orally.", [("pregabalin", "150 mg/day")]),
])
def test_mg_dot_n_hours_to_the_minus_one_is_every_n_hours(text, want):
    assert _daily_doses(text) == want


def test_mg_dot_hours_beyond_twelve_is_not_a_schedule():
    assert _daily_doses("She wore fentanyl 25 mcg.72 h-1.") != [("fentanyl", "25 mcg/h")]


@pytest.mark.parametrize(("text", "want"), [
    ("Amitriptyline was titrated up to a single bedtime dose of 40mg.",
     [("amitriptyline", "40 mg/day")]),
    ("Quetiapine was increased to a single nightly dose of 100 mg.", [("quetiapine", "100 mg/day")]),
    ("She was given a single dose of 40 mg of amitriptyline.", [("amitriptyline", None)]),
])
def test_a_single_bedtime_dose_of_is_each_nights_dose(text, want):
    assert _daily_doses(text) == want


def test_the_fresh29_general_gaps_are_read():
    assert ("gabapentin", "450 mg/day") in _daily_doses(_passage("fresh29-007"))
    assert ("amitriptyline", "40 mg/day") in _daily_doses(_passage("fresh29-009"))
    assert [d for n, d in _daily_doses(_passage("fresh29-011")) if n == "fentanyl"] == [None, None]


# -- fresh30's gaps (first read 44/59; see tests/data/README.md) ---------------------------------

def _states(text: str) -> list[list[tuple[str, str | None]]]:
    return [[(i.drug.name, str(i.daily_dose) if i.daily_dose is not None else None)
             for i in state.items] for state in read_course(text).states]


def _codes(text: str) -> set[str]:
    return {f.finding.code for f in read_course(text).findings}


@pytest.mark.parametrize(("text", "want"), [
    ("She was started on fluoxetine 20 mg daily and after three weeks the dose raise to 40 mg.",
     [("fluoxetine", "20 mg/day"), ("fluoxetine", "40 mg/day")]),
    ("Amitriptyline 10 mg at night was started. Two weeks later it was increased to 25 mg.",
     [("amitriptyline", "10 mg/day"), ("amitriptyline", "25 mg/day")]),
    ("Paroxetine 10 mg every morning was given; the dose was raised to 20 mg.",
     [("paroxetine", "10 mg/day"), ("paroxetine", "20 mg/day")]),
])
def test_a_dose_given_once_a_day_lends_its_schedule_to_the_bare_mass_it_changes_to(text, want):
    assert _daily_doses(text) == want
    assert "basis-from-change" in _codes(text)


@pytest.mark.parametrize("text", [
    "Oxycodone 10 mg twice daily was started; the dose was increased to 20 mg.",
    "Morphine 10 mg every 4 hours was given, later increased to 15 mg.",
])
def test_a_dose_given_more_than_once_a_day_still_lends_nothing(text):
    assert _daily_doses(text)[-1][1] is None


@pytest.mark.parametrize(("text", "want"), [
    ("Amitriptyline 25 mg hs was started.", [("amitriptyline", "25 mg/day")]),
    ("Trazodone 50 mg h.s. was given.", [("trazodone", "50 mg/day")]),
    ("The dosing schedule was changed to 20 mg hs.", []),  # no drug named: nothing invented
])
def test_hs_after_an_amount_is_at_bedtime(text, want):
    assert _daily_doses(text) == want


def test_hs_crp_is_no_schedule():
    assert _daily_doses("hs-CRP was 5 mg/L. Sertraline 50 mg was given.") == [("sertraline", None)]


def test_the_fresh30_paroxetine_moved_to_bedtime_is_read():
    assert _states(_passage("fresh30-013"))[-1] == [("paroxetine", "20 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh28-014 and fresh37-017: two writers read a fraction of a tablet of the strength
    # written as that fraction of the strength (prosefix37; before, `part-of-unit`, unread)
    ("She was prescribed Tab. CLONAZEPAM (2.5 mg, ½ Tab, hs) for 4 days.",
     [("clonazepam", "1.25 mg/day")]),
    ("She was prescribed clonazepam 2.5 mg, ¼ tablet twice daily.", [("clonazepam", "1.25 mg/day")]),
    ("She took morphine 10 mg ½ tablet every 12 hours.", [("morphine", "10 mg/day")]),
    ("She took morphine 10 mg 1/2 tablet every 12 hours.", [("morphine", "10 mg/day")]),
    ("She took oxycodone 20 mg ¼ de tablet every 24 hours.", [("oxycodone", "5 mg/day")]),
    ("She took half a 10 mg tablet of oxycodone every 6 hours.", [("oxycodone", "20 mg/day")]),
])
def test_a_fraction_of_a_tablet_of_the_strength_written_is_that_part_of_it(text, want):
    assert _daily_doses(text) == want
    assert "fraction-of-unit" in _codes(text)
    assert "part-of-unit" not in _codes(text)


@pytest.mark.parametrize("text", [
    # a patch or a capsule cut, a rate, a fraction before another drug's amount: not read
    "He applied ½ patch of fentanyl 25 mcg/h every 72 hours.",
    "She took lamotrigine 50 mg ½ tablet every 24 hours and morphine 10 mg every 12 hours.",
    "She took morphine 10 mg/h ½ tablet.",
])
def test_a_fraction_of_a_tablet_is_read_only_right_after_a_plain_strength(text):
    reading = read_course(text)
    for item in reading.items:
        if item.drug.name == "morphine" and "every 12 hours" in item.as_written:
            assert item.daily_dose is not None and str(item.daily_dose) == "20 mg/day"
        elif item.drug.name in ("fentanyl", "morphine"):
            assert item.daily_dose is None, text
    assert "fraction-of-unit" not in {
        f.finding.code for f in reading.findings if "morphine" in f.finding.message}, text


def test_a_fraction_glyph_after_a_digit_is_a_count_not_a_part():
    text = "She was given clonazepam 2.5 mg, 1½ tablets at night."
    assert _daily_doses(text) == [("clonazepam", None)]
    assert "part-of-unit" not in _codes(text)


@pytest.mark.parametrize(("text", "want"), [
    ("Sertraline 100 mg daily was taken. She was changed to escitalopram 10 mg daily.",
     [[("sertraline", "100 mg/day")], [("escitalopram", "10 mg/day")]]),
    ("She was started on fluoxetine 20 mg daily. She was switched to sertraline 50 mg daily.",
     [[("fluoxetine", "20 mg/day")], [("sertraline", "50 mg/day")]]),
])
def test_a_switch_with_no_from_replaces_the_one_drug_of_its_class(text, want):
    assert _states(text) == want
    assert "switch-same-class" in _codes(text)


@pytest.mark.parametrize("text", [
    # two of the class in the state: which one is replaced is not said
    "He took sertraline 50 mg daily and trazodone 100 mg daily. He was changed to escitalopram "
    "10 mg daily.",
    # another class: added beside it
    "He took sertraline 50 mg daily. He was switched to pregabalin 75 mg twice daily.",
])
def test_a_switch_with_no_from_keeps_drugs_it_cannot_tell_it_replaces(text):
    assert "sertraline" in [name for name, _ in _states(text)[-1]]
    assert "switch-same-class" not in _codes(text)


def test_a_switch_from_a_named_drug_replaces_only_that_drug():
    text = ("He took sertraline 50 mg daily and trazodone 100 mg daily. He was switched from "
            "sertraline to escitalopram 10 mg daily.")
    assert sorted(name for name, _ in _states(text)[-1]) == ["escitalopram", "trazodone"]


@pytest.mark.parametrize(("text", "kept", "gone"), [
    ("He took escitalopram 20 mg/d and trazodone 100 mg/d. On day 24, quetiapine 150 mg/d "
     "replaced trazodone.", "escitalopram", "trazodone"),
    ("She took oxycodone 10 mg twice daily and gabapentin 300 mg daily. Pregabalin 75 mg twice "
     "daily was started, replacing gabapentin.", "oxycodone", "gabapentin"),
])
def test_the_drug_after_an_active_replaced_is_the_one_replaced(text, kept, gone):
    last = [name for name, _ in _states(text)[-1]]
    assert kept in last and gone not in last


def test_the_fresh30_switch_told_as_replaced_keeps_escitalopram():
    last = [name for name, _ in _states(_passage("fresh30-029"))[-1]]
    assert last == ["escitalopram", "quetiapine"]


@pytest.mark.parametrize(("text", "want"), [
    ("She started taking venlafaxine at a mean dose of 75 mg/day.", [("venlafaxine", "75 mg/day")]),
    ("The patient took morphine at an average daily dose of 60 mg.", [("morphine", "60 mg/day")]),
])
def test_one_patients_mean_dose_is_read(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize("text", [
    "Patients received morphine at a mean dose of 60 mg/day.",
    "He received morphine at a mean dose of 60 mg/day, as did the other patients.",
    "The median dose of morphine was 60 mg/day.",
])
def test_a_groups_mean_dose_stays_a_series_figure(text):
    assert all(dose is None for _, dose in _daily_doses(text))


@pytest.mark.parametrize(("text", "want"), [
    ("Prednisone 40 mg/d was given. It was tapered to 35 then 30 mg/d over 2-week intervals.",
     [[("prednisone", "40 mg/day")], [("prednisone", "35 mg/day")], [("prednisone", "30 mg/day")]]),
    ("Morphine 10 mg was given. It was increased to 20 and then 30 mg every 4 hours.",
     [[("morphine", None)], [("morphine", "120 mg/day")], [("morphine", "180 mg/day")]]),
])
def test_amounts_in_succession_after_a_change_share_the_unit_written_last(text, want):
    assert _states(text) == want


def test_a_number_then_an_amount_not_after_a_change_is_no_list():
    text = "Her pain score fell from 8 to 3 then 10 mg morphine was given."
    assert ("morphine", None) in _daily_doses(text)
    assert all(i.per_dose is None or i.per_dose.value == 10 for i in read_course(text).items)


@pytest.mark.parametrize(("text", "want"), [
    ("She was on escitalopram; after raising drug dose from 10 mg/day to 15 mg/day, bruises "
     "appeared.", [("escitalopram", "10 mg/day"), ("escitalopram", "15 mg/day")]),
    ("He took sertraline, and the medication dose was lowered to 50 mg/day.",
     [("sertraline", "50 mg/day")]),
])
def test_drug_or_medication_before_dose_is_the_dose_of_the_drug_named_before(text, want):
    assert [d for d in _daily_doses(text) if d[1] is not None] == want


def test_a_class_word_that_names_a_class_still_stops_the_search():
    # "opioid" before the amount: not the gabapentin's dose
    assert _daily_doses("Gabapentin was given and the opioid dose was 30 mg/day.") == [
        ("gabapentin", None)]


@pytest.mark.parametrize(("text", "want"), [
    # the sites of a symptom behind another amount are not the dose's sites
    ("She was on escitalopram, and after raising drug dose from 10 mg/day to 15 mg/day, lesions "
     "appeared in both arms; and when the dose was lowered to 10 mg/day, they declined.",
     ["10 mg/day", "15 mg/day", "10 mg/day"]),
])
def test_sites_behind_another_amount_or_a_clause_are_not_the_doses(text, want):
    assert [d for _, d in _daily_doses(text)] == want


def test_sites_right_by_the_amount_still_make_it_per_site():
    text = "Morphine 10 mg daily was given; later, morphine 2 mg per catheter was given twice daily."
    assert _daily_doses(text) == [("morphine", "10 mg/day"), ("morphine", None)]
    assert "per-site-amount" in _codes(text)


@pytest.mark.parametrize(("text", "want"), [
    ("She took sertraline 50 mg daily. Sertraline was, then, withdrawn and the symptoms ceased.",
     [[("sertraline", "50 mg/day")], []]),
    ("Sertraline was, subsequently, stopped.", [[]]),
])
def test_an_adverb_set_off_by_commas_does_not_break_a_passive_verb(text, want):
    assert _states(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("He took quetiapine 100 mg daily and duloxetine 60 mg daily. Both quetiapine and duloxetine "
     "were discontinued and he was switched to mirtazapine.", [("mirtazapine", None)]),
    ("He took haloperidol 5 mg daily, lorazepam 1 mg daily and morphine 10 mg daily. The "
     "haloperidol, lorazepam and morphine were stopped.", []),
])
def test_names_joined_before_a_plural_verb_share_it(text, want):
    assert _states(text)[-1] == want


def test_names_joined_before_a_singular_verb_do_not_share_it():
    text = "He took quetiapine 100 mg daily. Quetiapine and then duloxetine was started."
    assert "quetiapine" in [name for name, _ in _states(text)[-1]]


def test_the_fresh30_catalogue_amounts_are_all_read():
    want = {"fresh30-009": ("prednisone", "35 mg/day"), "fresh30-013": ("paroxetine", "20 mg/day"),
            "fresh30-016": ("venlafaxine", "75 mg/day"), "fresh30-019": ("fluoxetine", "40 mg/day")}
    for id_, dose in want.items():
        assert dose in _daily_doses(_passage(id_)), id_
    assert [d for _, d in _daily_doses(_passage("fresh30-021"))] == [
        "10 mg/day", "15 mg/day", "10 mg/day"]


# -- fresh31's and fresh32's gaps (first read 7/17, 1 invented, and 19/51; see tests/data/README.md)

@pytest.mark.parametrize("text", [
    "The unique new prescribed drug is paracetamol (1g) only if pain appears and with maximum "
    "dose of 3g per day.",
    "Morphine 5 mg as needed, with a maximum of 30 mg per day, was prescribed.",
    "Paracetamol 1 g if needed, maximum dose of 4 g per day.",
    "Oxycodone 5 mg for breakthrough pain (maximum 30 mg/day) was given.",
    "Oxycodone 5 mg every 2 hours as needed (max. 30 mg per day) was prescribed.",
])
def test_the_maximum_after_a_dose_is_its_ceiling_not_an_intake(text):
    assert all(dose is None for _, dose in _daily_doses(text))
    assert "dose-ceiling" in _codes(text)


def test_pain_appearing_is_a_word_of_as_needed():
    items = _items("Paracetamol 1 g only if pain appears was prescribed.")
    assert [i.prn for i in items] == [True]


@pytest.mark.parametrize(("text", "want"), [
    # a verb of change before the maximum: the dose reached
    ("Morphine 10 mg every 4 hours was titrated to a maximum of 120 mg/day.",
     [("morphine", "60 mg/day"), ("morphine", "120 mg/day")]),
    # a maximum with no dose before it: the patient's highest dose, as before
    ("Prednisolone (maximum dose, 30 mg/day) was tapered.", [("prednisolone", "30 mg/day")]),
])
def test_a_maximum_reached_is_still_a_dose(text, want):
    assert _daily_doses(text) == want
    assert "dose-ceiling" not in _codes(text)


def test_the_fresh31_paracetamol_ceiling_is_not_read_as_taken():
    assert ("acetaminophen", None) in _daily_doses(_passage("fresh31-001"))
    assert ("acetaminophen", "3 g/day") not in _daily_doses(_passage("fresh31-001"))


@pytest.mark.parametrize(("text", "want"), [
    ("Daily medications:\n- Sertraline 50 mg\n- Omeprazole 20 mg\n",
     [("sertraline", "50 mg/day"), ("omeprazole", "20 mg/day")]),
    ("She takes every day:\n• Mirtazapine 15 mg\n• Oxycodone 5 mg as needed\n",
     [("mirtazapine", "15 mg/day"), ("oxycodone", None)]),  # a line's own PRN is kept
    ("His daily medication:\n1. Pregabalin 75 mg twice daily\n2. Lorazepam 1 mg\n",
     [("pregabalin", "150 mg/day"), ("lorazepam", "1 mg/day")]),
])
def test_a_list_under_a_heading_that_says_daily_is_an_amount_a_day(text, want):
    assert _daily_doses(text) == want
    assert "daily-list" in _codes(text)


@pytest.mark.parametrize("text", [
    "Medications:\n- Sertraline 50 mg\n- Omeprazole 20 mg\n",  # the heading says no day
    "He takes twice daily:\n- Sertraline 50 mg\n- Omeprazole 20 mg\n",  # a count of doses
    # the list ended before the drug: a sentence that is not a line of the list
    "Daily medications:\n- Sertraline 50 mg\nLater omeprazole 20 mg was given.\n",
])
def test_a_list_without_such_a_heading_gives_no_day(text):
    doses = dict(_daily_doses(text))
    assert doses.get("omeprazole") is None


def test_the_fresh31_daily_list_is_read():
    doses = _daily_doses(_passage("fresh31-001"))
    for want in [("mirtazapine", "30 mg/day"), ("escitalopram", "15 mg/day"),
                 ("lorazepam", "5 mg/day"), ("omeprazole", "20 mg/day")]:
        assert want in doses


@pytest.mark.parametrize(("text", "want"), [
    ("Hydrocortisone replacement (10/5/5 mg) was commenced.", "20 mg/day"),
    ("She was started on hydrocortisone 10mg/5mg/5mg.", "20 mg/day"),
    ("He was on oral hydrocortisone (15 mg/5 mg/5 mg).", "25 mg/day"),
    ("Hydrocortisone 10/5/5 mg three times daily was continued.", "20 mg/day"),
    ("Pregabalin was increased to 150-50-150mg daily.", "350 mg/day"),
    ("Gabapentin was reduced to 300-300mg daily.", "600 mg/day"),
])
def test_doses_of_a_day_written_in_order_sum_to_the_day(text, want):
    assert [d for _, d in _daily_doses(text)] == [want]
    assert "divided-doses" in _codes(text)


@pytest.mark.parametrize("text", [
    "Gabapentin 300-300mg was given.",  # two equal doses, no day said
    "Morphine was titrated 10-20-30 mg daily.",  # rising at every step: a titration's steps
    "Hydrocortisone 10/5/5 mg twice daily was given.",  # three doses, two a day: which?
    "Hydrocortisone 10/5/5 mg every 2 days was given.",  # not every day
    "Pregabalin 150-50-150mg as needed.",
])
def test_doses_in_order_the_text_does_not_make_one_day_are_not_summed(text):
    assert all(d is None for _, d in _daily_doses(text))


@pytest.mark.parametrize("text", [
    # three strengths after names joined by a slash: a combination, never one drug's day
    "She took paracetamol/codeine/caffeine 500/30/50 mg twice daily.",
    # three strengths after a product the catalogue does not know, not the drug before it
    "He took morphine 10 mg daily and Exforge HCT 5/160/12.5 mg.",
    "Morphine 10 mg daily was given; on days 1/2/3 mg.",
])
def test_strengths_with_slashes_not_right_after_one_drug_are_not_its_doses(text):
    doses = _daily_doses(text)
    assert all(d in (None, "10 mg/day") for _, d in doses)


def test_a_range_is_still_a_range():
    assert _daily_doses("Pregabalin 150-300mg daily was given.") == [("pregabalin", None)]


def test_the_fresh32_doses_of_a_day_in_order_are_read():
    want = {"fresh32-010": ("pregabalin", "350 mg/day"), "fresh32-011": ("pregabalin", "300 mg/day"),
            "fresh32-026": ("hydrocortisone", "20 mg/day"),
            "fresh32-044": ("hydrocortisone", "20 mg/day"),
            "fresh32-047": ("hydrocortisone", "20 mg/day")}
    for id_, dose in want.items():
        assert dose in _daily_doses(_passage(id_)), id_


@pytest.mark.parametrize(("text", "want"), [
    ("Her medications were olanzapine 5 mg, duloxetine 90 mg, and rosuvastatin 5 mg daily.",
     [("olanzapine", "5 mg/day"), ("duloxetine", "90 mg/day")]),
    ("He took sertraline 50 mg and atorvastatin 20 mg daily.", [("sertraline", "50 mg/day")]),
    ("Her medications were olanzapine 5 mg, duloxetine 90 mg, and morphine 5 mg daily.",
     [("olanzapine", "5 mg/day"), ("duloxetine", "90 mg/day"), ("morphine", "5 mg/day")]),
])
def test_a_schedule_ending_a_list_closed_by_and_is_each_doses(text, want):
    assert _daily_doses(text) == want
    assert "shared-schedule" in _codes(text)


@pytest.mark.parametrize("text", [
    # commas alone, the last a name the catalogue does not know: the schedule may be its only
    "Patient was treated with amlodipine 5 mg, aspirin 100 mg, chlorimipramine 25 mg twice a day.",
    # a dose with a schedule of its own in the list: the last schedule is the last dose's
    "She took olanzapine 5 mg, sertraline 50 mg OD, and rosuvastatin 5 mg daily.",
    # "and then": a change, not a list
    "She took olanzapine 5 mg and then 10 mg daily.",
])
def test_a_schedule_ending_other_lists_is_not_shared(text):
    doses = dict(_daily_doses(text))
    assert doses.get("aspirin") is None and doses.get("olanzapine") in (None, "10 mg/day")
    assert _daily_doses(text)[0][1] is None


def test_the_fresh32_list_with_one_daily_is_read():
    doses = _daily_doses(_passage("fresh32-038"))
    assert ("olanzapine", "5 mg/day") in doses and ("duloxetine", "90 mg/day") in doses


@pytest.mark.parametrize(("text", "want"), [
    ("Her regular medication included codeine phosphate (240mg daily total), morphine sulphate "
     "(60mg daily total).", [("codeine", "240 mg/day"), ("morphine", "60 mg/day")]),
    ("He took tramadol 200 mg a day in total.", [("tramadol", "200 mg/day")]),
])
def test_a_day_total_right_after_an_amount_is_the_drugs_daily_amount(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize("text", [
    "He received morphine 60 mg in total.",  # no word of the day: a cumulative total
    "The total dose of morphine was 600 mg.",
])
def test_a_total_without_a_day_stays_a_total(text):
    assert all(d is None for _, d in _daily_doses(text))


def test_the_fresh32_day_totals_in_brackets_are_read():
    doses = _daily_doses(_passage("fresh32-025"))
    assert ("codeine", "240 mg/day") in doses and ("morphine", "60 mg/day") in doses


@pytest.mark.parametrize(("text", "want"), [
    ("He had been taking acetylsalicylate (300 mg/day) since then.", [("aspirin", "300 mg/day")]),
    ("She took acetylsalicylate 100 mg daily.", [("aspirin", "100 mg/day")]),
])
def test_an_acid_written_as_its_anion_is_that_drug(text, want):
    assert _daily_doses(text) == want
    assert "acid-as-anion" in _codes(text)


def test_an_anion_of_an_acid_the_catalogue_lacks_is_no_drug():
    # "salicylate" would be salicylic acid, which the catalogue does not hold: nothing read
    assert _daily_doses("She took salicylate 500 mg daily.") == []


def test_the_fresh32_acetylsalicylate_is_aspirin():
    assert ("aspirin", "300 mg/day") in _daily_doses(_passage("fresh32-007"))


# -- fresh33's gaps (first read 15/34, none invented; see tests/data/README.md) -------------------

@pytest.mark.parametrize(("text", "want"), [
    ("A solution of bupivacaine (1 mg/mL) and morphine (0.1 mg/mL) was prepared. This solution "
     "was given 5 mL three times daily via the epidural catheter.",
     [("bupivacaine", "15 mg/day"), ("morphine", "1.5 mg/day")]),
    ("The pump contained a mixture of ketamine (2 mg/mL) and morphine (1 mg/mL). The mixture was "
     "given 3 mL twice daily.", [("ketamine", "12 mg/day"), ("morphine", "6 mg/day")]),
])
def test_a_sentence_on_the_solution_gives_its_drugs_volume(text, want):
    assert _daily_doses(text) == want
    assert "solution-continued" in _codes(text)


@pytest.mark.parametrize("text", [
    # the next sentence names a drug of its own: not the solution's volume
    "A solution of bupivacaine (1 mg/mL) was prepared. This solution and morphine 5 mL were given.",
    # the sentence before already has a volume
    "Bupivacaine (1 mg/mL) 10 mL was injected. This solution was given 5 mL twice daily.",
    # no "this solution": another sentence
    "A solution of bupivacaine (1 mg/mL) was prepared. Then 5 mL twice daily was given.",
])
def test_other_sentences_are_not_joined_to_a_solution(text):
    assert "solution-continued" not in _codes(text)


def test_the_fresh33_epidural_mixture_is_read():
    doses = _daily_doses(_passage("fresh33-018"))
    assert doses == [("bupivacaine", "4 mg/day"), ("morphine", "4 mg/day"), ("ketamine", "4 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    ("On day 1, she received morphine 30 mg and haloperidol 5 mg. On day 2, she received "
     "morphine 40 mg.", [("morphine", "30 mg/day"), ("haloperidol", "5 mg/day"),
                         ("morphine", "40 mg/day")]),
    ("On the first day, he was given oxycodone, 20 mg. On the second day, he was given "
     "oxycodone, 25 mg.", [("oxycodone", "20 mg/day"), ("oxycodone", "25 mg/day")]),
])
def test_days_told_in_turn_give_each_days_amounts(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize("text", [
    # one day alone: its amount may be one dose of that day
    "On day 1, she received morphine 30 mg.",
    # a verb that starts or changes a regimen: a dose, not a day's account
    "On day 1, morphine 10 mg was started. On day 2, it was increased to 15 mg.",
])
def test_other_day_sentences_are_not_day_totals(text):
    assert all(dose is None for _, dose in _daily_doses(text))


def test_a_days_account_is_not_carried_to_the_next_day():
    reading = read_course("On day 1, she received morphine 30 mg and haloperidol 5 mg. On day 2, "
                          "she received morphine 40 mg.")
    assert [i.drug.name for i in reading.states[-1].items] == ["morphine"]


def test_the_fresh33_day_totals_are_read():
    doses = _daily_doses(_passage("fresh33-014"))
    assert ("haloperidol", "20 mg/day") in doses and ("lorazepam", "9 mg/day") in doses
    assert ("trazodone", "100 mg/day") in doses
    assert read_course(_passage("fresh33-014")).states[-1].items[-1].carried is False


@pytest.mark.parametrize("text", [
    "A 70-year-old man (ASA II) took paracetamol 1 g three times daily.",
    "She was classified as ASA class 3 and received morphine 10 mg.",
    "An ASA physical status IV patient was given fentanyl 50 mcg.",
    "We present the case of 48-year-old-female (ASA I, 56 kg, and 165 cm).",
])
def test_the_asa_physical_status_is_not_aspirin(text):
    assert "aspirin" not in [drug for drug, _ in _daily_doses(text)]


@pytest.mark.parametrize(("text", "want"), [
    ("She took ASA 81 mg daily.", [("aspirin", "81 mg/day")]),
    ("He received ASA IV 500 mg once.", [("aspirin", None)]),  # aspirin intravenously
])
def test_asa_with_a_dose_is_still_aspirin(text, want):
    assert _daily_doses(text) == want


def test_the_fresh33_asa_class_is_not_aspirin():
    assert "aspirin" not in [drug for drug, _ in _daily_doses(_passage("fresh33-010"))]


@pytest.mark.parametrize("text", [
    "In Japan, the maximum daily dose of duloxetine is 60 mg.",
    "The maximum dose of paracetamol is 4 g per day.",
])
def test_a_drugs_maximum_said_in_the_present_is_a_label_not_a_dose(text):
    assert _daily_doses(text) == []
    assert "named-not-given" in _codes(text)


def test_the_patients_maximum_in_the_past_is_still_a_dose():
    assert _daily_doses("The maximum daily dose of morphine was 96 mg/day.") == [
        ("morphine", "96 mg/day")]


def test_the_fresh33_duloxetine_limit_is_not_an_item():
    assert _daily_doses(_passage("fresh33-009")) == [("duloxetine", "120 mg/day")]


@pytest.mark.parametrize("text", [
    "She has a history of intolerable side effects with fluoxetine (nausea) and citalopram "
    "(weight gain).",
    "He had a history of allergy to codeine.",
    "She has a history of adverse reactions to tramadol, codeine or morphine.",
])
def test_drugs_of_a_past_intolerance_are_not_items(text):
    assert _daily_doses(text) == []


def test_a_drug_after_a_past_intolerance_is_still_an_item():
    text = "She has a history of allergy to codeine, and she now takes oxycodone."
    assert _daily_doses(text) == [("oxycodone", None)]
    # side effects that end a drug now are not a history: the drug stays (its stop is read)
    assert ("morphine", None) in _daily_doses(
        "She developed side effects with morphine and was switched to oxycodone 10 mg twice daily.")


def test_the_fresh33_past_intolerances_are_not_items():
    assert _daily_doses(_passage("fresh33-008")) == [("venlafaxine", "300 mg/day")]


# -- fresh34's gaps (first read 19/39, 2 invented; see tests/data/README.md) ---------------------

@pytest.mark.parametrize(("text", "want"), [
    # the full stop of a dotted schedule ends the sentence before a capitalised word
    ("Morphine was raised to 10 mg h.s. Oxycodone was added.", [("morphine", "10 mg/day"),
                                                                   ("oxycodone", None)]),
    ("He took tramadol 50 mg b.i.d. Gabapentin was added.", [("tramadol", "100 mg/day"),
                                                             ("gabapentin", None)]),
])
def test_a_dotted_schedule_ends_its_sentence_before_a_capital(text, want):
    assert _daily_doses(text) == want


def test_a_dotted_schedule_before_a_small_letter_or_capitals_does_not_end_it():
    from mpsdose.io.prose.text import normalise, sentences
    for text in ("Oxycodone 10 mg b.i.d. orally was given.", "Morphine 2 mg i.v. PCA was started."):
        assert len(sentences(text, normalise(text))) == 1, text
    text = "Morphine 10 mg h.s. Oxycodone was stopped."
    assert len(sentences(text, normalise(text))) == 2


def test_the_fresh34_bedtime_dose_is_not_given_to_the_next_sentences_drug():
    doses = _daily_doses(_passage("fresh34-018"))
    assert all(dose is None for drug, dose in doses if drug == "risperidone")


@pytest.mark.parametrize(("text", "want"), [
    # a bolus, then an infusion of another solution: the rate is the infusion's only
    ("A bolus of 20 ml 0.25% levobupivacaine was injected followed by an infusion of "
     "ropivacaine 0.2% 5 ml/hr.", [("levobupivacaine", None), ("ropivacaine", "240 mg/day")]),
    ("20 ml of 0.5% bupivacaine was given, then 0.1% bupivacaine at 10 ml/h.",
     [("bupivacaine", None), ("bupivacaine", "240 mg/day")]),
    # two drugs of one bag: the rate is each drug's
    ("An infusion of ropivacaine 0.1% with fentanyl 2 mcg/ml at 5 ml/hr was started.",
     [("ropivacaine", "120 mg/day"), ("fentanyl", "240 mcg/day")]),
    ("Ropivacaine 0.2% was mixed with clonidine 1 mcg/ml and infused at 10 ml/h.",
     [("ropivacaine", "480 mg/day"), ("clonidine", "240 mcg/day")]),
])
def test_a_rate_goes_with_the_concentrations_of_its_solution_only(text, want):
    assert _daily_doses(text) == want


def test_the_fresh34_bolus_does_not_take_the_infusions_rate():
    doses = _daily_doses(_passage("fresh34-002"))
    assert ("levobupivacaine", None) in doses
    assert ("bupivacaine", "300 mg/day") in doses
    assert not any(drug == "levobupivacaine" and dose for drug, dose in doses)


@pytest.mark.parametrize(("text", "want"), [
    ("Over the course of 10 days, the morphine dose was increased to 60 mg/day.",
     [("morphine", "60 mg/day")]),
    ("Gabapentin was titrated over the course of 3 weeks to 900 mg/day.", [("gabapentin", "900 mg/day")]),
])
def test_the_course_of_days_is_a_stretch_of_time_not_a_cycle(text, want):
    assert _daily_doses(text) == want


def test_cycles_of_days_are_still_cycles():
    # a repeated course is still a cycle: its day's amount is not the regimen's
    assert _daily_doses("Prednisone 100 mg/day was given in cycles of 21 days.") == [("prednisone", None)]


@pytest.mark.parametrize(("text", "want"), [
    ("Morphine was stopped, and oxycodone 20 mg/day and gabapentin 900 mg/day were started.",
     [("oxycodone", "20 mg/day"), ("gabapentin", "900 mg/day")]),
])
def test_a_list_of_daily_doses_takes_its_plural_verb(text, want):
    assert _daily_doses(text) == want


def test_the_fresh34_switch_and_titrations_are_read():
    doses = _daily_doses(_passage("fresh34-014"))
    assert ("escitalopram", "10 mg/day") in doses and ("amitriptyline", "50 mg/day") in doses
    assert ("olanzapine", "80 mg/day") in _daily_doses(_passage("fresh34-031"))


@pytest.mark.parametrize(("text", "want"), [
    ("He had been using 2 g of heroin daily.", [("diamorphine", "2 g/day")]),
    ("She was taking heroin 500 mg twice daily.", [("diamorphine", "1000 mg/day")]),
])
def test_heroin_with_an_amount_is_diamorphine(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize("text", [
    "He was a previous heroin user and now takes methadone 60 mg daily.",
    "She reported active use of several substances (alcohol, heroin, cocaine).",
    "He presented after intravenous heroin and was given methadone 20 mg daily.",
])
def test_heroin_named_without_an_amount_is_substance_use(text):
    assert "diamorphine" not in [drug for drug, _ in _daily_doses(text)]
    assert "illicit-name-without-amount" in _codes(text)
    # the drug's own name, without an amount, is still an item (dose unknown)
    assert ("diamorphine", None) in _daily_doses("He was given diamorphine for pain.")


def test_the_fresh34_heroin_is_read_as_diamorphine():
    assert ("diamorphine", "1.5 g/day") in _daily_doses(_passage("fresh34-001"))


# -- drugs the catalogue does not know: read, not totalled, not checked -------------------------
def _others(text: str) -> list[tuple[str, str | None]]:
    return [(o.name, None if o.daily_dose is None else str(o.daily_dose))
            for o in read_course(text).not_in_catalogue]


@pytest.mark.parametrize(("text", "want"), [
    # on the WHO Model List (other_drug_names.csv): 500 mg twice daily is 1000 mg a day
    ("He took morphine 10 mg every 4 hours and metformin 500 mg twice daily.",
     [("metformin", "1000 mg/day")]),
    # a WHO INN stem (-pril), and a change that refers back to it in the next sentence
    ("Morphine 10 mg every 4 hours was continued. Perindopril 2 mg daily was started. The dose "
     "was increased to 4 mg/day.", [("perindopril", "2 mg/day"), ("perindopril", "4 mg/day")]),
    # a dose split over the day sums to the day, as a catalogue drug's does
    ("He took oxycodone 10 mg twice daily, then ranitidine 150 mg in the morning and 150 mg at "
     "night.", [("ranitidine", "300 mg/day")]),
    # an alias with its salt: divalproex sodium is valproic acid
    ("She took morphine 30 mg twice daily and divalproex sodium 250 mg three times daily.",
     [("valproic acid", "750 mg/day")]),
    # a weekly dose has no daily amount (weekly methotrexate read as daily is a fatal error)
    ("She took morphine 30 mg twice daily and methotrexate 15 mg weekly.",
     [("methotrexate", None)]),
    # as needed: a dose, no daily amount
    ("She took morphine 30 mg twice daily and chlorphenamine 4 mg every 6 hours as needed.",
     [("chlorphenamine", None)]),
])
def test_an_amount_of_a_drug_the_catalogue_lacks_is_read_as_not_in_the_catalogue(text, want):
    assert _others(text) == want, text


def test_an_item_not_in_the_catalogue_keeps_its_words_route_and_dose():
    text = "She took morphine 30 mg twice daily and chlorphenamine 4 mg every 6 hours as needed."
    other = read_course(text).not_in_catalogue[0]
    assert text[other.span[0]:other.span[1]] == other.as_written
    assert text[other.name_span[0]:other.name_span[1]] == "chlorphenamine"
    assert other.prn and str(other.per_dose) == "4 mg" and other.drug_class == "antiallergic"


def test_items_not_in_the_catalogue_change_no_catalogue_item_or_total():
    # the same morphine with and without the drugs the catalogue lacks around it
    alone = read_course("He took morphine 10 mg every 4 hours.")
    mixed = read_course("He took morphine 10 mg every 4 hours, metformin 500 mg twice daily "
                        "and amlodipine 5 mg daily.")
    assert [(i.drug.name, str(i.daily_dose)) for i in mixed.items] \
        == [(i.drug.name, str(i.daily_dose)) for i in alone.items] == [("morphine", "60 mg/day")]
    assert [s.total_ome_mg_per_day for s in mixed.states] \
        == [s.total_ome_mg_per_day for s in alone.states] == [60.0]
    assert {o.name for o in mixed.not_in_catalogue} == {"metformin", "amlodipine"}
    assert all(i.drug.name not in ("metformin", "amlodipine") for i in mixed.items)


def test_an_item_not_in_the_catalogue_has_an_info_finding_not_a_warning():
    reading = read_course("He took morphine 10 mg every 4 hours and metformin 500 mg twice daily.")
    said = [f.finding for f in reading.findings if "metformin" in f.finding.message]
    assert [(f.code, f.severity.value) for f in said] == [("not-in-catalogue", "info")]
    assert "not totalled, not checked" in said[0].message


@pytest.mark.parametrize("text", [
    # on no list (nor in the drug vocabulary) and with no INN stem: refused as before, with its
    # warning (Arsanyl, a Chinese mucosal protective of fresh51-014; Nitrocontin, an Indian brand
    # of glyceryl trinitrate, fresh43-007)
    "He took morphine 10 mg every 4 hours and Arsanyl 100 mg twice daily.",
    "Paroxetine was discontinued and the dose of Nitrocontin was reduced to 2.6 mg twice daily.",
])
def test_a_name_on_no_list_stays_unread_with_its_warning(text):
    reading = read_course(text)
    assert not reading.not_in_catalogue, text
    assert any(f.finding.code == "unknown-name" for f in reading.findings), text


@pytest.mark.parametrize("text", [
    # a capitalised brand the list does not know is not enough
    "He took morphine 10 mg every 4 hours and Lopril 150 mg daily.",
    # a word with an INN stem's ending that names a class of substances
    "He took morphine 10 mg every 4 hours and a peptide 20 mg daily.",
    # words that are no drug's name before an amount
    "He took morphine 10 mg every 4 hours. His weight was 70 kg and he drank water 500 ml daily.",
])
def test_a_word_that_is_no_drug_before_an_amount_is_never_an_item(text):
    reading = read_course(text)
    assert not reading.not_in_catalogue, text
    assert [i.drug.name for i in reading.items] == ["morphine"], text


def test_a_combination_products_amount_is_no_components():
    # fresh16-003: "amoxicillin-clavulanic acid 1g/12h" is the product's, not clavulanic acid's
    # (since prosefix4647 the product is on the list: read as the combination's, never a part's)
    text = ("She was discharged under amoxicillin-clavulanic acid 1g/12h and paracetamol 1g/8h "
            "orally.")
    assert _others(text) == [("amoxicillin + clavulanic acid", "2 g/day")]
    assert [(i.drug.name, str(i.daily_dose)) for i in read_course(text).items] \
        == [("acetaminophen", "3 g/day")]


def test_an_amount_after_another_name_is_not_the_drug_before_it():
    # fresh10-016 (E3C): sucralfate is named between doxycycline and "1 g qid" (its own
    # "doxycycline capsules100 mg twice a day" earlier is read: 200 mg a day); since
    # prosefix4041 sucralfate is on the list, and "1 g qid" is read as its own, never doxycycline's
    text = _passage("fresh10-016")
    assert [(o.name, str(o.daily_dose)) for o in read_course(text).not_in_catalogue] \
        == [("doxycycline", "200 mg/day"), ("sucralfate", "4 g/day")]


#: Drugs read among the items not in the catalogue until they joined it (gaps: the CYP3A4
#: inducers), whose tests of the reading now find them among the items, with the same amounts.
_JOINED_CATALOGUE = frozenset({"carbamazepine", "phenytoin", "rifampicin"})


@pytest.mark.parametrize(("id_", "want"), [
    # fresh30-001: "chlorpromazine (3 mg every eight hours) and carbamazepine (200 mg every eight
    # hours)" — 9 and 600 mg a day, as the set's expected reading gives them
    ("fresh30-001", [("carbamazepine", 600.0), ("chlorpromazine", 9.0)]),
    # fresh33-016: "the clozapine dosage was increased to 300 mg/day"
    ("fresh33-016", [("clozapine", 300.0)]),
    # fresh31-003: three anticonvulsants, each with its daily amount
    ("fresh31-003", [("carbamazepine", 1200.0), ("lamotrigine", 300.0),
                     ("levetiracetam", 2500.0)]),
])
def test_real_passages_read_their_drugs_not_in_the_catalogue(id_, want):
    text = _passage(id_)
    reading = read_course(text)
    # carbamazepine joined the catalogue (gaps, a CYP3A4 inducer): read as an item, same amount
    joined = [(i.drug.name, float(str(i.daily_dose).split()[0])) for i in reading.items
              if i.drug.name in _JOINED_CATALOGUE and i.daily_dose is not None]
    assert sorted([(o.name, o.daily_mg) for o in reading.not_in_catalogue] + joined) == want
    for other in reading.not_in_catalogue:
        assert text[other.span[0]:other.span[1]] == other.as_written
        assert other.daily_dose is not None and other.daily_dose.unit == "mg/day"


def test_items_not_in_the_catalogue_are_in_the_json_and_valid_under_its_schema():
    from tests.jsoncheck import validate

    text = "He took morphine 10 mg every 4 hours and metformin 500 mg twice daily."
    document = reading_json(read_course(text))
    validate("read", document)
    state = document["states"][0]
    assert [i["drug"] for i in state["items"]] == ["morphine"]
    other = state["not_in_catalogue"][0]
    assert (other["name"], other["daily_dose"], other["as_written"]) \
        == ("metformin", {"value": 1000.0, "unit": "mg/day"}, "metformin 500 mg twice daily")
    assert text[other["span"][0]:other["span"][1]] == other["as_written"]
    assert state["total_ome_mg_per_day"] == 60.0


def test_a_course_file_names_items_not_in_the_catalogue_and_reads_back():
    reading = read_course("He took morphine 10 mg every 4 hours and metformin 500 mg twice daily.")
    written = dumps(reading.course("case"))
    assert "metformin" in written and "not checked" in written
    course = loads(written)
    assert [item.drug.name for state in course.states for item in state.regimen.items] \
        == ["morphine"]
    assert dumps(course) == written


# -- prosefix37: the fresh35-37 rounds -----------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh36-012: a frequency before the first of two doses joined by "and" ending the sentence
    ("The patient was prescribed daily edoxaban 15 mg and pantoprazole 20 mg.",
     [("edoxaban", "15 mg/day"), ("pantoprazole", "20 mg/day")]),
    ("She was given daily aspirin 100 mg, and pantoprazole 20 mg.",
     [("aspirin", "100 mg/day"), ("pantoprazole", "20 mg/day")]),
    # not after an amount (the dose before's), nor with words after the list, nor a dose with
    # its own schedule
    ("She took morphine 10 mg daily and pantoprazole 20 mg.",
     [("morphine", "10 mg/day"), ("pantoprazole", None)]),
    ("She took daily edoxaban 15 mg and pantoprazole 20 mg for reflux.",
     [("edoxaban", "15 mg/day"), ("pantoprazole", None)]),
    ("She took daily edoxaban 15 mg and pantoprazole 20 mg twice daily.",
     [("edoxaban", "15 mg/day"), ("pantoprazole", "40 mg/day")]),
])
def test_a_schedule_before_the_first_of_a_list_of_doses_is_each_doses(text, want):
    assert _daily_doses(text) == want


def _others(text: str) -> list[tuple[str, str | None]]:
    return [(o.name, None if o.daily_dose is None else str(o.daily_dose))
            for o in read_course(text).not_in_catalogue]


@pytest.mark.parametrize(("text", "want"), [
    # fresh37-017: components named by a slash, each a drug the list knows
    ("Cetirizine/pseudoephedrine 10/120 mg every 24 hours PO was administered.",
     [("cetirizine", "10 mg/day"), ("pseudoephedrine", "120 mg/day")]),
    # one amount after two names is the product's, no component's: read where the list names
    # the product (prosefix4647), else not read
    ("He took amoxicillin/clavulanic acid 1g twice daily.",
     [("amoxicillin + clavulanic acid", "2 g/day")]),
    ("He took amoxicillin/metronidazole 1g twice daily.", []),
])
def test_components_the_list_knows_are_read_by_their_strengths(text, want):
    assert _others(text) == want


def test_strengths_in_another_order_than_the_names_are_not_read():
    # fresh37-007: "trimethoprim sulfamethoxazole (tab 800/160 mg …)" — the strengths run in
    # the reverse order of the names, and no slash joins the names: not read, with a finding
    text = "She took trimethoprim sulfamethoxazole (tab 800/160 mg every 12 hours)."
    assert _others(text) == []
    assert "combination-not-read" in _codes(text)


@pytest.mark.parametrize(("text", "want"), [
    ("She took losartan 50 mg daily.", [("losartan", "50 mg/day")]),
    ("Citicoline 500 mg twice daily was started.", [("citicoline", "1000 mg/day")]),
    ("She took cetirizine 10 mg daily.", [("cetirizine", "10 mg/day")]),
])
def test_names_added_to_the_list_with_their_labels(text, want):
    assert _others(text) == want


def test_a_dose_to_be_taken_on_an_as_needed_basis_has_no_daily_amount():
    # fresh34-032: "cetirizine, 10 mg b.i.d., to be taken on an as-needed basis"
    text = "She was prescribed morphine, 10 mg b.i.d., to be taken on an as-needed basis."
    assert [(i.prn, i.daily_dose) for i in read_course(text).items] == [(True, None)]


def test_the_amount_a_change_is_from_is_the_state_before():
    # fresh37-009, as the earlier sets' expected readings write it (fresh8-013, fresh18-027 …)
    text = "The dose of dexamethasone was decreased from 8 mg/d to 4mg/d."
    assert _states(text) == [[("dexamethasone", "8 mg/day")], [("dexamethasone", "4 mg/day")]]


# -- prosefix38: the fresh38 round ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh38-014: "up to" after a plural "doses" bounds a range of doses, not one dose
    ("All were started on 300 mg gabapentin three times per day, though daily doses of up to "
     "2400 mg were required.", [("gabapentin", "900 mg/day")]),
    ("Gabapentin was given in doses up to 3600 mg/day.", [("gabapentin", None)]),
    # the singular dose reached stays read
    ("He gradually increased the dose of gabapentin up to 1200 mg/day.",
     [("gabapentin", "1200 mg/day")]),
])
def test_up_to_after_plural_doses_is_a_bound_not_a_dose(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh38-005: "6th hourly" is every 6 hours (British and Indian prescriptions), not hourly
    ("Morphine 10 mg 6th hourly was given.", [("morphine", "40 mg/day")]),
    ("Morphine 10 mg 4th hourly was given.", [("morphine", "60 mg/day")]),
    ("Morphine 10 mg 8th-hourly was given.", [("morphine", "30 mg/day")]),
    ("Morphine 10 mg 12th hourly was given.", [("morphine", "20 mg/day")]),
])
def test_an_ordinal_hourly_is_every_that_many_hours(text, want):
    assert _daily_doses(text) == want


def test_an_ordinal_hourly_of_a_drug_the_catalogue_lacks():
    text = "She was treated with Propranolol 40 mg 6th hourly and Prednisolone 40 mg od."
    assert _others(text) == [("propranolol", "160 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh38-001 and -004: names added to the list with their labels
    ("She received oxcarbazepine 2.1 g/day.", [("oxcarbazepine", "2.1 g/day")]),
    ("Zonisamide 100 mg twice daily was added.", [("zonisamide", "200 mg/day")]),
    ("Colestyramine 4 g twice daily was started.", [("colestyramine", "8 g/day")]),
    # USAN and former names are aliases of one drug, each with its source: the INN is the name
    ("He was discharged on oral valacyclovir 1 g 3 times per day.", [("valaciclovir", "3 g/day")]),
    ("Cholestyramine 4 g once daily was started.", [("colestyramine", "4 g/day")]),
    ("She took acyclovir 400 mg twice daily.", [("aciclovir", "800 mg/day")]),
    ("He took frusemide 40 mg daily.", [("furosemide", "40 mg/day")]),
    ("He took cyclosporin 100 mg twice daily.", [("ciclosporin", "200 mg/day")]),
    ("She took thyroxine 100 micrograms daily.", [("levothyroxine", "100 mcg/day")]),
])
def test_usan_and_former_names_are_aliases_of_the_inn(text, want):
    assert _others(text) == want


_AMOUNT_FIRST_LIST = ("The following medications were commenced:\n"
                      "4g once daily Cholestyramine 2weeks\n"
                      "20 mg twice daily Carbimazole\n"
                      "20 mg three times a day Propranolol (following stat-dose 40 mg in ED)\n"
                      "Furosemide 40 mg once daily He was followed up in clinic.")


def test_each_line_of_a_list_written_amount_first_is_read_on_its_own():
    # fresh38-004: neither a line's amount nor its schedule reaches the next line's drug
    assert _others(_AMOUNT_FIRST_LIST) == [
        ("colestyramine", "4 g/day"), ("carbimazole", "40 mg/day"), ("propranolol", "60 mg/day"),
        ("propranolol", None), ("furosemide", "40 mg/day")]


def test_a_line_that_begins_with_an_amount_after_prose_is_a_wrapped_sentence():
    # no colon before it and no list line: the line break is a wrapped sentence's
    text = "He was given morphine\n10 mg every 4 hours for his pain."
    assert _daily_doses(text) == [("morphine", "60 mg/day")]


@pytest.mark.parametrize("text", [
    "Morphine 10 mg three times a day (following stat-dose 40 mg in ED).",
    "Morphine 10 mg three times a day (following a stat dose of 40 mg in ED).",
])
def test_a_stat_dose_in_brackets_does_not_take_the_schedule_before_it(text):
    # fresh38-004: the bracket tells of another dose of the same drug, given once
    assert _daily_doses(text) == [("morphine", "30 mg/day"), ("morphine", None)]
    assert next(i.as_written for i in read_course(text).items) == "Morphine 10 mg three times a day"


@pytest.mark.parametrize("text", [
    # fresh38-002: an abbreviation in capitals the text does not define, "in a dosage of"
    "He had seizures on carbamazepine (CBZ) monotherapy. Add-on LEV in a dosage of 2000 mg/day "
    "since 2001.",
    "He was on morphine 10 mg every 4 hours. Ziconotide at a dose of 2.4 mcg/day was added.",
])
def test_a_name_before_in_a_dose_of_keeps_the_amount_from_the_story_drug(text):
    reading = read_course(text)
    assert [(o.name, str(o.daily_dose)) for o in reading.not_in_catalogue
            if o.daily_dose is not None and o.name == "carbamazepine"] == []
    # carbamazepine joined the catalogue (gaps): named without a dose, kept with none
    assert [(i.drug.name, str(i.daily_dose)) for i in reading.items if not i.carried] in (
        [], [("morphine", "60 mg/day")], [("carbamazepine", "None")])


def test_a_sentence_that_refers_back_without_a_name_is_still_read():
    text = "He was on morphine 10 mg every 4 hours. The dose was increased to 90 mg/day."
    assert ("morphine", "90 mg/day") in _daily_doses(text)


# -- prosefix39: the fresh39 round ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh39-002, -007 and -008: names added to the list with their labels
    ("She took cilostazol 100 mg twice daily.", [("cilostazol", "200 mg/day")]),
    ("She was treated with clorazepate 15 mg/day.", [("clorazepic acid", "15 mg/day")]),
    ("He took clorazepate dipotassium 7.5 mg three times daily.",
     [("clorazepic acid", "22.5 mg/day")]),
    # the USAN of ciclosporin, as US labels write it
    ("He received cyclosporine 200 mg daily.", [("ciclosporin", "200 mg/day")]),
])
def test_names_added_to_the_list_for_fresh39(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh39-002: one schedule closes a bracket holding only a list of doses
    ("She was treated with triple therapy (aspirin 100 mg, clopidogrel 75 mg, and cilostazol "
     "200 mg daily).", [("aspirin", "100 mg/day"), ("clopidogrel", "75 mg/day")]),
    ("He was on dual therapy (aspirin 100 mg and clopidogrel 75 mg daily) after the stent.",
     [("aspirin", "100 mg/day"), ("clopidogrel", "75 mg/day")]),
    # a dose with a schedule of its own keeps it
    ("He was on dual therapy (aspirin 100 mg twice daily and clopidogrel 75 mg daily).",
     [("aspirin", "200 mg/day"), ("clopidogrel", "75 mg/day")]),
    # words after the schedule in the bracket, a verb in the list, a word before the first dose
    ("He was on dual therapy (aspirin 100 mg, and clopidogrel 75 mg daily for 6 months).",
     [("aspirin", None), ("clopidogrel", "75 mg/day")]),
    ("He was on therapy (aspirin 100 mg was given, and clopidogrel 75 mg daily).",
     [("aspirin", None), ("clopidogrel", "75 mg/day")]),
    ("He was on therapy (started on aspirin 100 mg and clopidogrel 75 mg daily).",
     [("aspirin", None), ("clopidogrel", "75 mg/day")]),
    ("He was given aspirin 100 mg (and clopidogrel 75 mg daily).",
     [("aspirin", None), ("clopidogrel", "75 mg/day")]),
])
def test_a_schedule_that_ends_a_bracketed_list_is_each_doses(text, want):
    assert _daily_doses(text) == want


def test_the_last_of_a_bracketed_list_may_be_a_drug_the_catalogue_lacks():
    text = ("She was treated with triple therapy (aspirin 100 mg, clopidogrel 75 mg, and "
            "cilostazol 200 mg daily).")
    assert _others(text) == [("cilostazol", "200 mg/day")]
    assert "shared-schedule" in _codes(text)


@pytest.mark.parametrize(("text", "want"), [
    # fresh39-006: the count of units and their total point to the one drug whose tablets the
    # story named
    ("Morphine 2.5 mg tablets were prescribed. She took 4 tablets (10 mg) daily for 1 week.",
     [("morphine", None), ("morphine", "10 mg/day")]),
    # the count times the strength is not the total
    ("Morphine 2.5 mg tablets were prescribed. She took 3 tablets (10 mg) daily.",
     [("morphine", None)]),
    # two drugs' tablets named: which is not said
    ("Morphine 2.5 mg tablets and oxycodone 5 mg tablets were prescribed. She took 4 tablets "
     "(10 mg) daily.", [("morphine", None), ("oxycodone", None)]),
    # units of another form
    ("Morphine 2.5 mg tablets were prescribed. She took 4 capsules (10 mg) daily.",
     [("morphine", None)]),
])
def test_a_count_of_units_with_its_total_is_the_drug_whose_units_the_story_named(text, want):
    assert _daily_doses(text) == want


def test_a_count_of_tablets_of_a_drug_the_catalogue_lacks():
    text = ("A physician added methotrexate 10 mg weekly to her daily prednisone regimen. "
            "Methotrexate 2.5 mg tablets were prescribed. She took 4 tablets (10 mg) daily for "
            "1 week.")
    assert ("methotrexate", "10 mg/day") in _others(text)
    item = next(o for o in read_course(text).not_in_catalogue if o.daily_dose is not None)
    assert item.as_written == "4 tablets (10 mg) daily"


@pytest.mark.parametrize(("text", "want"), [
    # fresh39-008: a salt word before the name and a bracketed remark between name and amount
    ("A man was treated with dipotassium clorazepate (metabolized to nordazepam) 200 mg per day.",
     [("clorazepic acid", "200 mg/day")]),
    # fresh38-003: the other spelling in brackets
    ("He took frusemide (furosemide) 80 mg once daily.", [("furosemide", "80 mg/day")]),
    # a bracket with an amount is not a remark: its amount is its own
    ("A man was treated with clorazepate (then nordazepam 5 mg) 200 mg per day.",
     [("nordazepam", None)]),
])
def test_a_bracketed_remark_between_a_name_and_its_amount_keeps_them_bound(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh39-008: a stretch from one day to another is days in a row
    ("He was treated with morphine 20 mg per day from days 1 to 6.", [("morphine", "20 mg/day")]),
    # the days of a cycle are some days only, and a cycle told makes any amount intermittent
    ("He received dexamethasone 40 mg daily on days 1 to 4.", [("dexamethasone", None)]),
    ("He received dexamethasone 40 mg daily from days 1 to 4 of each 21-day cycle.",
     [("dexamethasone", None)]),
    ("He received morphine 20 mg daily from days 1-4, 9-12 and 17-20.", [("morphine", None)]),
])
def test_from_one_day_to_another_is_a_course_of_days_in_a_row(text, want):
    assert _daily_doses(text) == want


# -- prosefix4041: the fresh40 and fresh41 rounds --------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh41-032: the rate after another drug's drip, a name the catalogue lacks, is that drug's
    ("The lidocaine drip remained at 4mg/minute and the amiodarone drip at 1mg/minute.",
     [("lidocaine", "5760 mg/day")]),
    ("The morphine drip remained at 4 mg/hour and the metformin drip at 1 mg/hour.",
     [("morphine", "96 mg/day")]),
])
def test_a_rate_after_another_drugs_drip_is_never_the_drug_before(text, want):
    assert _daily_doses(text) == want


def test_the_other_drugs_drip_is_read_as_its_own():
    text = "The lidocaine drip remained at 4mg/minute and the amiodarone drip at 1mg/minute."
    assert _others(text) == [("amiodarone", "1440 mg/day")]
    item = next(i for i in read_course(text).items)
    assert item.as_written == "lidocaine drip remained at 4mg/minute"


@pytest.mark.parametrize(("text", "want"), [
    # fresh41-003, -017, -025 and -026: names added to the list with their labels
    ("His medications were ferrous sulfate (324 mg daily) and a multivitamin.",
     [("ferrous sulfate", "324 mg/day")]),
    ("She took sucralfate 1 g twice a day.", [("sucralfate", "2 g/day")]),
    ("She took midodrine 10 mg three times a day.", [("midodrine", "30 mg/day")]),
    ("He was started on sirolimus 5 mg once a day.", [("sirolimus", "5 mg/day")]),
    ("He took mycophenolate mofetil 500 mg twice daily.", [("mycophenolate mofetil", "1000 mg/day")]),
    ("She took oral isoprinosine 500 mg three times daily.", [("inosine pranobex", "1500 mg/day")]),
    ("He received cefoperazone sulbactam 1 g twice daily.", [("cefoperazone + sulbactam", "2 g/day")]),
    # fresh40-004: the USAN of ethinylestradiol, as US labels write it
    ("She took ethinyl estradiol 0.02 mg daily.", [("ethinylestradiol", "0.02 mg/day")]),
])
def test_names_added_to_the_list_for_fresh40_and_fresh41(text, want):
    assert _others(text) == want


def test_an_ions_adjective_alone_is_not_the_salt_the_list_names():
    # "ferrous citrate" is not "ferrous sulfate": the salt word is not left off an ion's adjective
    text = "She took ferrous citrate 100 mg daily."
    assert _others(text) == []


@pytest.mark.parametrize(("text", "want"), [
    # fresh41-006: "then" ends the dose before; its "once" is not the next dose's
    ("Hydrocortisone 100 mg once then 50 mg every six hours was recommended.",
     [("hydrocortisone", None), ("hydrocortisone", "200 mg/day")]),
    # fresh41-002: what follows "as well as" is another thing given, with its own schedule
    ("He was started on intravenous methylprednisolone at 125 mg every 6 hours as well as daily "
     "or every other day hemodialysis.", [("methylprednisolone", "500 mg/day")]),
])
def test_a_dose_after_then_or_before_as_well_as_keeps_its_own_schedule(text, want):
    assert [d for d in _daily_doses(text)] == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh41-011: a list of doses written amount first, the schedule at its end
    ("In April she was taking both 20 mg prednisone and 10 mg morphine daily.",
     [("prednisone", "20 mg/day"), ("morphine", "10 mg/day")]),
    # fresh40-034: a salt word after the name; the last dose's "per day" ends the sentence
    ("He was receiving treatment with dexamethasone 100 μg and morphine sulfate 10 mg per day.",
     [("dexamethasone", "100 mcg/day"), ("morphine", "10 mg/day")]),
    # not where the sentence goes on after it, nor where the orders differ
    ("He was receiving dexamethasone 100 μg and morphine 10 mg per day for pain.",
     [("dexamethasone", None), ("morphine", "10 mg/day")]),
    ("He was receiving 20 mg prednisone and morphine 10 mg daily.",
     [("prednisone", None), ("morphine", "10 mg/day")]),
])
def test_a_schedule_that_ends_a_list_of_doses_in_either_order(text, want):
    assert _daily_doses(text) == want


def test_the_last_dose_of_such_a_list_may_be_a_drug_the_catalogue_lacks():
    text = "In April 2013, she was taking both 20 mg prednisone and 50 mg azathioprine daily."
    assert _daily_doses(text) == [("prednisone", "20 mg/day")]
    assert _others(text) == [("azathioprine", "50 mg/day")]


def test_a_units_symbol_in_brackets_after_the_unit_spelt_out():
    # fresh40-025
    text = "The patient was defaulted to 81 milligrams (mg) of aspirin daily."
    assert _daily_doses(text) == [("aspirin", "81 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh41-007 and -008: "3×500 mg" is 500 mg three times a day, "6 mg 1×1" once a day,
    # where the passage writes two doses or more so
    ("She was given dexamethasone injection (6 mg 1×1) and morphine 3×10 mg.",
     [("dexamethasone", "6 mg/day"), ("morphine", "30 mg/day")]),
    # a lone "3×10 mg", or one beside another schedule, may count units of one dose: not read
    ("He took morphine 3×10 mg.", [("morphine", None)]),
    # ... but a lone "1×1" is one dose of one unit whichever number counts the doses: once a
    # day (prosefix99102, fresh102-003; it was left unread before)
    ("She was given dexamethasone injection (6 mg 1×1).", [("dexamethasone", "6 mg/day")]),
    ("She was given dexamethasone injection (6 mg 2×1).", [("dexamethasone", None)]),
    ("She took paracetamol 2×500 mg twice daily and morphine 3×10 mg.",
     [("acetaminophen", None), ("morphine", "30 mg/day")]),
    ("He took 2×500 mg paracetamol at once and morphine 3×10 mg.",
     [("acetaminophen", None), ("morphine", "30 mg/day")]),
    # with a space, "2 x 25 mcg/h" counts units (count-times-strength), as before
    ("He wore fentanyl 2 x 25 mcg/h.", [("fentanyl", "1200 mcg/day")]),
    # never before a count of tablets
    ("He took morphine 2x10 mg tablets.", [("morphine", None)]),
])
def test_the_count_of_doses_a_day_before_a_multiplication_sign(text, want):
    assert _daily_doses(text) == want


def test_the_multiplication_sign_notation_is_said():
    assert "n-times-notation" in _codes("He took morphine 3×10 mg and ceftriaxone 2×1 g.")
    lone = _codes("He took morphine 3×10 mg.")
    assert "n-times-unclear" in lone and "n-times-notation" not in lone


def test_a_dose_of_another_name_after_a_count_the_reader_cannot_read_is_never_the_drug_before():
    # fresh41-008: "5000 unit" is heparin's own (read since prosefixunits: 2 × 5000 units a
    # day); cilostazol's 100 mg is cilostazol's
    text = "She received subcutaneous heparin 2×5000 unit and oral cilostazol 1×100 mg."
    assert _daily_doses(text) == [("heparin", "10000 units/day")]
    assert _others(text) == [("cilostazol", "100 mg/day")]


def test_gr_before_a_route_and_the_name_is_said_not_read():
    # fresh40-029: "gr" (grain or gram) is not read, and the reader says why
    text = "Postoperative analgesia was ordered as 1 gr intravenous paracetamol every 8 hours."
    assert _daily_doses(text) == [("acetaminophen", None)]
    assert "grain-or-gram" in _codes(text)


def test_the_multiplication_sign_notation_is_said_for_a_drug_the_catalogue_lacks():
    text = "She got metronidazole 3×500 mg and ceftriaxone 2×1 g."
    assert _others(text) == [("metronidazole", "1500 mg/day"), ("ceftriaxone", "2 g/day")]
    assert "n-times-notation" in _codes(text)


# -- prosefix4243: the fresh42 and fresh43 rounds --------------------------------------------------

def test_a_bracketed_amount_after_a_drugs_own_closed_bracket_is_never_that_drugs():
    # fresh42-002: "precipitated calcium carbonate (3000 mg/day)" gave its amount to lansoprazole
    text = ("His oral medications included lansoprazole (15 mg/day), precipitated calcium "
            "carbonate (3000 mg/day), and aspirin (100 mg/day).")
    assert _daily_doses(text) == [("lansoprazole", "15 mg/day"), ("aspirin", "100 mg/day")]
    # the amount is calcium carbonate's, a drug the catalogue lacks (listed since prosefix7879;
    # before, it was bound to no drug, `amount-not-attached`)
    assert _others(text) == [("calcium carbonate", "3000 mg/day")]
    # a bracket that is the drug's own, right after its name, is still read
    assert _daily_doses("She took lansoprazole (15 mg/day).") == [("lansoprazole", "15 mg/day")]


def test_the_dose_before_a_change_from_to_of_a_dosed_drug_is_no_new_state():
    # fresh43-025: "an increase in bupropion dose from 300 mg to 450 mg" after the increase to 450
    text = ("She increased the dose of morphine to 450 mg/day. Following such an increase in "
            "morphine dose from 300 mg to 450 mg, after 3 days, she was ill.")
    reading = read_course(text)
    assert [str(i.daily_dose) for s in reading.states for i in s.items] == ["450 mg/day",
                                                                             "450 mg/day"]
    assert "dose-before-change" in _codes(text)
    # where the story holds no dose yet, the amount after "from" is still the state before's
    text = "Morphine was increased from 300 mg to 450 mg daily."
    assert [str(i.daily_dose) for s in read_course(text).states for i in s.items] == [
        "300 mg/day", "450 mg/day"]
    assert "dose-before-change" not in _codes(text)


def test_a_class_apposition_between_the_name_and_the_schedule_is_passed():
    # fresh42-010
    text = ("He received 80 mg subcutaneous enoxaparin, a low molecular weight heparin (LMWH), "
            "administered twice a day.")
    assert _daily_doses(text) == [("enoxaparin", "160 mg/day")]
    # an apposition followed by another drug still ends the item
    text = "He took morphine, an opioid, and paracetamol 1 g four times daily."
    assert _daily_doses(text) == [("morphine", None), ("acetaminophen", "4 g/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh42-002, fresh43-024, -027 and -032: names added to the list with their labels
    ("He took carvedilol (2.5 mg/day).", [("carvedilol", "2.5 mg/day")]),
    ("He took rosuvastatin calcium (5 mg/day).", [("rosuvastatin", "5 mg/day")]),
    ("He took nicorandil (15 mg/day).", [("nicorandil", "15 mg/day")]),
    ("She took paliperidone 12 mg/day.", [("paliperidone", "12 mg/day")]),
    ("She took chlordiazepoxide 10 mg twice daily.", [("chlordiazepoxide", "20 mg/day")]),
    ("He was given rifampin 600 mg daily.", [("rifampicin", "600 mg/day")]),
])
def test_names_added_to_the_list_for_fresh42_and_fresh43(text, want):
    # rifampicin joined the catalogue (gaps): read among the items, with the same amount
    assert sorted(_others(text) + _daily_doses(text)) == sorted(want)


# -- prosefix4445: the fresh44 and fresh45 rounds --------------------------------------------------

def test_a_class_apposition_between_the_name_and_its_amount_is_passed():
    # fresh44-025: "mirtazapine, a noradrenergic and specific serotonergic antidepressant (NaSSA)
    # 30 mg/day"
    text = ("She takes mirtazapine, a noradrenergic and specific serotonergic antidepressant "
            "(NaSSA) 30 mg/day at bedtime.")
    reading = read_course(text)
    assert _daily_doses(text) == [("mirtazapine", "30 mg/day")]
    assert reading.items[0].as_written.startswith("mirtazapine, a noradrenergic")
    # a class word with no apposition's comma and article before it still names no drug
    text = "She takes mirtazapine and an antidepressant 30 mg/day."
    assert _daily_doses(text) == [("mirtazapine", None)]
    # nor does an apposition followed by words that are not the amount
    text = "She takes mirtazapine, an antidepressant given 30 mg/day."
    assert ("mirtazapine", "30 mg/day") not in _daily_doses(text)


def test_each_after_a_bracketed_amount_gives_it_to_both_names():
    # fresh45-033: "a fixed dose combination of atorvastatin and ezetimibe (10 mg each), once a day"
    text = ("He was prescribed a fixed dose combination of atorvastatin and ezetimibe "
            "(10 mg each), once a day.")
    assert _others(text) == [("atorvastatin", "10 mg/day"), ("ezetimibe", "10 mg/day")]
    assert _daily_doses("He was given morphine and ketamine (10 mg each), once a day.") == [
        ("morphine", "10 mg/day"), ("ketamine", "10 mg/day")]
    # without "each" the bracket is the second name's only
    text = "He was given morphine and ketamine (10 mg), once a day."
    assert _daily_doses(text) == [("morphine", None), ("ketamine", "10 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh44-003/-004, -016, fresh45-004, -011, -014/-015, -017/-018, -027, -033: names added
    # to the list with their labels; USAN and other spellings as aliases
    ("He took tacrolimus at 3.5 mg twice daily.", [("tacrolimus", "7 mg/day")]),
    ("She was given piperacillin/tazobactam 4.5 g every 6 hours.",
     [("piperacillin + tazobactam", "18 g/day")]),
    ("He was given meropenem (3g/day).", [("meropenem", "3 g/day")]),
    ("He was prescribed ticlopidin 250 mg twice daily.", [("ticlopidine", "500 mg/day")]),
    ("He took chlorthalidone (25 mg/day).", [("chlortalidone", "25 mg/day")]),
    ("He took chlortalidone (25 mg/day).", [("chlortalidone", "25 mg/day")]),
    ("She was started on hydroxyurea 1,000 mg twice daily.", [("hydroxycarbamide", "2000 mg/day")]),
    ("He was started on IV cefepime 1 g Q24 hours.", [("cefepime", "1 g/day")]),
    ("He was continued on sodium bicarbonate 1300 mg Q8H.", [("sodium bicarbonate", "3900 mg/day")]),
    ("He took ezetimibe 10 mg daily.", [("ezetimibe", "10 mg/day")]),
])
def test_names_added_to_the_list_for_fresh44_and_fresh45(text, want):
    assert _others(text) == want


def test_bicarbonate_alone_is_no_drug_name():
    # a blood-gas value: only "sodium bicarbonate" is the listed medicine
    assert _others("Her bicarbonate was 12 mmol/L and she took 1300 mg of it.") == []


# -- prosefix4647: the fresh46 and fresh47 rounds --------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh46-006: a schedule of one dose a day set off by a comma after a list closed by "and",
    # ending the clause at a semicolon, is each dose's
    ("He was taking hydromorphone 2 mg, morphine 20 mg, and aspirin 100 mg, once a day; "
     "and more.",
     [("hydromorphone", "2 mg/day"), ("morphine", "20 mg/day"), ("aspirin", "100 mg/day")]),
    # written straight after the last dose, as before (fresh15-023, fresh39-002)
    ("He was treated with haloperidol 1.5 mg and diazepam 5 mg daily.",
     [("haloperidol", "1.5 mg/day"), ("diazepam", "5 mg/day")]),
    # fresh47-028: a schedule that counts more doses a day is the last dose's only
    ("She took haloperidol 1.5 mg and diazepam 5 mg twice daily.",
     [("haloperidol", None), ("diazepam", "10 mg/day")]),
    ("(haloperidol 1.5 mg, morphine 10 mg and diazepam 5 mg every 8 hours)",
     [("haloperidol", None), ("morphine", None), ("diazepam", "15 mg/day")]),
    # fresh43-007, fresh27-010: after a list of commas alone, the last dose's only
    ("She took haloperidol 1.5 mg, diazepam 5 mg daily.",
     [("haloperidol", None), ("diazepam", "5 mg/day")]),
])
def test_a_schedule_after_a_list_of_doses_is_shared_as_the_writers_share_it(text, want):
    assert _daily_doses(text) == want
    if any(dose is None for _, dose in want):
        assert "list-schedule-last-only" in _codes(text)
    else:
        assert "list-schedule-last-only" not in _codes(text)


def test_a_list_schedule_not_shared_is_said_for_a_drug_the_catalogue_lacks():
    # fresh47-028: "Ramipril 5 mg and Carvedilol 6.25 mg twice daily" gave ramipril 10 mg/day
    text = "He was on ramipril 5 mg and carvedilol 6.25 mg twice daily."
    assert _others(text) == [("ramipril", None), ("carvedilol", "12.5 mg/day")]
    assert "list-schedule-last-only" in _codes(text)


def test_a_days_own_amount_takes_no_list_schedule():
    # fresh9-008: "paroxetine 40 mg/day, and flecainide 100 mg twice daily"
    text = "He took warfarin 2 mg/day, paroxetine 40 mg/day, and flecainide 100 mg twice daily."
    assert _daily_doses(text) == [("warfarin", "2 mg/day"), ("paroxetine", "40 mg/day")]
    assert not {"shared-schedule", "list-schedule-last-only"} & _codes(text)


def test_a_count_of_days_of_a_dose_is_one_dose_a_day():
    # fresh47-012: "three days of 1 g intravenous methylprednisolone followed by 500 mg daily"
    text = ("He received three days of 1 g intravenous methylprednisolone followed by 500 mg "
            "daily for six days.")
    assert _daily_doses(text) == [("methylprednisolone", "1 g/day"),
                                  ("methylprednisolone", "500 mg/day")]
    assert "days-of-dose" in _codes(text)
    # a schedule written after the amount is the dose's
    text = "He received three days of 1 g methylprednisolone every 12 hours."
    assert _daily_doses(text) == [("methylprednisolone", "2 g/day")]
    assert "days-of-dose" not in _codes(text)
    # a count of doses is no schedule (prosefix4445)
    text = "He received three doses of 1 g intravenous methylprednisolone."
    assert _daily_doses(text) == [("methylprednisolone", None)]


@pytest.mark.parametrize(("text", "want"), [
    # fresh46-011: a release word between a listed name and its amount, as for catalogue drugs
    ("Patient was on nifedipine retard 20 mg tid.", [("nifedipine", "60 mg/day")]),
    ("He took prazosin XL 5 mg bid.", [("prazosin", "10 mg/day")]),
    # fresh47-004/-005: an ester written after the name as a salt is
    ("She took olmesartan medoxomil 40mg qd.", [("olmesartan", "40 mg/day")]),
    ("She took candesartan cilexetil 8 mg daily.", [("candesartan", "8 mg/day")]),
])
def test_release_and_ester_words_after_a_listed_name(text, want):
    assert _others(text) == want


def test_retard_is_a_release_word_for_catalogue_drugs_too():
    reading = read_course("Patient was on morphine retard 20 mg tid.")
    assert [(i.drug.name, str(i.daily_dose), i.release) for i in reading.items] == [
        ("morphine", "60 mg/day", "er")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh46-011, fresh47-010, -019, -022, -025: names added to the list with their labels
    ("He took torsemide 20 mg bid.", [("torasemide", "40 mg/day")]),
    ("He took torasemide 10 mg daily.", [("torasemide", "10 mg/day")]),
    ("She took buspirone 15 mg twice daily.", [("buspirone", "30 mg/day")]),
    ("She was given 100 mg micafungin intravenous every 24 hours.", [("micafungin", "100 mg/day")]),
    ("She was on Imuran 100 mg daily.", [("azathioprine", "100 mg/day")]),
    ("He took Amoxycillin-Clavulanic acid (1 gm b.i.d. for 10 days).",
     [("amoxicillin + clavulanic acid", "2 g/day")]),
])
def test_names_added_to_the_list_for_fresh46_and_fresh47(text, want):
    assert _others(text) == want


def test_a_listed_name_of_two_words_may_be_written_with_a_hyphen():
    # fresh47-007: "liposomal amphotericin-B"; the name is read (its per-kg amount has no weight)
    text = "She was given amphotericin-B 300 mg daily."
    assert _others(text) == [("amphotericin b", "300 mg/day")]


# -- prosefix4849: the fresh48 and fresh49 rounds --------------------------------------------------

def test_no_later_amount_across_and_and_a_brands_capitals():
    # fresh48-026: "Pantoprazole 40mg PO twice daily and Tagamet HB 200mg PO three times daily"
    # gave pantoprazole 600 mg/day; a name the catalogue does not know with capitals after it
    text = "She was given pantoprazole 40mg PO twice daily and Zantrel HB 200mg PO three times daily."
    assert _daily_doses(text) == [("pantoprazole", "80 mg/day")]
    assert "unknown-name" in _codes(text)
    # and the brand itself, with its label, is cimetidine's
    text = "She was given pantoprazole 40mg PO twice daily and Tagamet HB 200mg PO three times daily."
    assert _daily_doses(text) == [("pantoprazole", "80 mg/day"), ("cimetidine", "600 mg/day")]


def test_no_later_amount_across_and_the_dose_of_another_name():
    # fresh49-005: "... and the dose of Fludrocortisone—increased (0.1 mg/day)" gave
    # hydrocortisone 0.1 mg/day
    text = ("The dose of hydrocortisone was reduced (25 mg daily) and the dose of Zelbrotone "
            "increased (0.1 mg/day).")
    assert _daily_doses(text) == [("hydrocortisone", "25 mg/day")]
    # the dose of the drug itself after "and" is still its own
    text = "Morphine 10 mg daily was given and the dose increased (20 mg daily)."
    assert [dose for _, dose in _daily_doses(text)] == ["10 mg/day", "20 mg/day"]


def test_an_em_dash_between_words_parts_them():
    # fresh49-005: "Fludrocortisone—increased" was read as one word, not the listed name
    text = ("The dose of hydrocortisone was reduced (25 mg daily) and the dose of "
            "Fludrocortisone\u2014increased (0.1 mg/day).")
    assert _daily_doses(text) == [("hydrocortisone", "25 mg/day")]
    assert _others(text) == [("fludrocortisone", "0.1 mg/day")]


def test_am_pm_and_hs_after_the_parts_of_a_split_dose():
    # fresh48-025: "Quetiapine 150mg AM and 300mg HS" gave quetiapine 300 mg/day
    text = "Her list included quetiapine 150mg AM and 300mg HS."
    assert _daily_doses(text) == [("quetiapine", "450 mg/day")]
    assert "split-dose" in _codes(text)
    assert _daily_doses("She took morphine 10 mg am and 20 mg pm.") == [("morphine", "30 mg/day")]


def test_the_dose_a_taper_began_at_gives_no_daily_amount():
    # fresh48-022: "a 7-week weaning course of prednisone (from 35 mg daily)" gave 35 mg/day
    text = "She was on a 7-week weaning course of prednisone (from 35 mg daily) for a flare."
    assert _daily_doses(text) == [("prednisone", None)]
    assert "taper-start" in _codes(text)
    text = "Prednisone was tapered from 40 mg daily to 10 mg daily."
    assert "taper-start" not in _codes(text)
    # "from" with no taper is as before
    assert "taper-start" not in _codes("Morphine was increased from 40 mg daily.")


def test_a_route_in_brackets_does_not_hide_an_intermittent_schedule():
    # fresh49-003: "prednisone 5 mg oral (p.o.) on alternate days" gave 2.5 mg/day
    text = "She maintained remission with prednisone 5 mg oral (p.o.) on alternate days."
    assert _daily_doses(text) == [("prednisone", None)]
    assert "intermittent" in _codes(text)


@pytest.mark.parametrize(("text", "want"), [
    ("Cisapride 30 mg daily was given.", ("cisapride", "30 mg/day")),
    ("Baclofen 30 mg daily was given.", ("baclofen", "30 mg/day")),
    ("He took prucalopride 2 mg daily.", ("prucalopride", "2 mg/day")),
    ("He took lurasidone 60 mg daily.", ("lurasidone", "60 mg/day")),
    ("He took guanfacine 0.5 mg twice daily.", ("guanfacine", "1 mg/day")),
    ("He took perphenazine 4mg daily.", ("perphenazine", "4 mg/day")),
    ("He took Vistaril 25 mg three times daily.", ("hydroxyzine", "75 mg/day")),
])
def test_names_added_with_their_labels(text, want):
    assert _others(text) == [want]


def test_phenobarbitone_is_the_catalogue_phenobarbital():
    # a name of other_drug_names.csv until gaps129130 put phenobarbital in the catalogue
    assert _daily_doses("He received Phenobarbitone 50 mg/day.") == [("phenobarbital", "50 mg/day")]


def test_gabapentine_is_gabapentin():
    # fresh48-010: "Gabapentine 300 mg daily" (the French name of the INN)
    assert _daily_doses("Gabapentine 300 mg daily was added.") == [("gabapentin", "300 mg/day")]


# -- prosefix5051: the fresh50 and fresh51 rounds --------------------------------------------------

def test_a_name_set_off_by_a_comma_after_a_semicolon_takes_its_own_amount():
    # fresh50-032: "(oral prednisolone, 50 mg per day; dapsone, 125 mg per day)" gave
    # prednisolone 125 mg/day
    text = ("Combined systemic (oral prednisolone, 50 mg per day; dapsone, 125 mg per day) "
            "and topical treatment was initiated.")
    assert _daily_doses(text) == [("prednisolone", "50 mg/day")]
    assert ("dapsone", "125 mg/day") in _others(text)
    # a name the list does not know: the amount is set aside, not prednisolone's
    text = "She took prednisolone, 50 mg per day; zorbamix, 125 mg per day."
    assert _daily_doses(text) == [("prednisolone", "50 mg/day")]
    assert "unknown-name" in _codes(text)
    # the drug's own split dose still is its own
    assert _daily_doses("She took morphine, 10 mg in the morning; at night, 20 mg.") \
        != [("morphine", "20 mg/day")]


def test_a_name_then_what_it_is_after_a_conjunction_takes_the_amount():
    # fresh51-014: "esomeprazole 20 mg p.o. Bid and Arsanyl, a kind of mucosal protective
    # 100 mg p.o. Tid" (once read in one sentence) would give esomeprazole 300 mg/day
    text = ("She was prescribed esomeprazole 20 mg p.o. Bid and Arsanyl, a kind of mucosal "
            "protective 100 mg p.o. Tid and went back to her hometown.")
    assert _daily_doses(text) == [("esomeprazole", "40 mg/day")]
    assert "unknown-name" in _codes(text)


def test_a_capital_schedule_after_a_dotted_route_does_not_start_a_sentence():
    # fresh51-014: "esomeprazole 20 mg p.o. Bid" lost its schedule to a new sentence
    assert _daily_doses("She was prescribed esomeprazole 20 mg p.o. Bid at home.") == [
        ("esomeprazole", "40 mg/day")]
    assert _daily_doses("He took morphine 10 mg p.o. Tid for pain.") == [
        ("morphine", "30 mg/day")]
    # a word that starts a sentence still does
    text = "He took morphine 10 mg p.o. Oxycodone was stopped."
    assert ("morphine", None) in _daily_doses(text)


@pytest.mark.parametrize("text", [
    # fresh50-026: "proteinuria remains still heavy (4 g per day)" gave methylprednisolone 4 g/day
    "Methylprednisolone 500 mg was given on day 1; despite this therapy, proteinuria remains "
    "still heavy (4 g per day).",
    "Prednisolone 60 mg daily was started; the urine output was 800 ml per day.",
    "Prednisolone 60 mg daily was started; urinary protein was 3.5 g/day.",
])
def test_an_amount_after_a_urine_quantity_is_a_lab_value(text):
    assert all(dose != "4 g/day" and dose != "3.5 g/day" and (dose or "").find("ml") < 0
               for _, dose in _daily_doses(text))
    assert len(_daily_doses(text)) == 1


def test_a_dose_given_after_a_urine_quantity_is_still_read():
    # fresh13-009: "poor urine output and was placed on continuous furosemide infusion (20mg…"
    text = ("He had proteinuria and was started on prednisolone 60 mg daily.")
    assert _daily_doses(text) == [("prednisolone", "60 mg/day")]
    text = "For proteinuria, 60 mg of prednisolone daily was given."
    assert _daily_doses(text) == [("prednisolone", "60 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    ("She took desmopressin 0.1 mg twice daily.", ("desmopressin", "0.2 mg/day")),
    ("He took vemurafenib 960 mg twice daily.", ("vemurafenib", "1920 mg/day")),
    ("He took mesalazine 1 g three times daily.", ("mesalazine", "3 g/day")),
    ("He took mesalamine 1.2 g daily.", ("mesalazine", "1.2 g/day")),
])
def test_names_added_with_their_labels_5051(text, want):
    assert _others(text) == [want]


def test_a_route_glued_by_a_slash_to_the_unit_is_the_route():
    # fresh50-010: "375 mg/m2/d/iv rituximab" was read as no amount of rituximab, and the
    # amount went back to vemurafenib named before it
    text = "He received eight doses of 375 mg/m2/d/iv rituximab."
    assert [name for name, _ in _others(text)] == ["rituximab"]
    assert _daily_doses("Morphine 10 mg/iv every 4 hours.") == [("morphine", "60 mg/day")]


# -- prosefixunits: amounts in units ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # a drug dosed in units: its daily amount in units, never in mg
    ("She received subcutaneous heparin 5000 units twice daily.", ("heparin", "10000 units/day")),
    ("Dalteparin 5000 IU sc once daily was given.", ("dalteparin", "5000 units/day")),
    ("Heparin 5,000 international units sc every 8 hours.", ("heparin", "15000 units/day")),
    ("Heparin 5000 U sc every 12 hours.", ("heparin", "10000 units/day")),
    # a continuous rate, times 24 hours
    ("A heparin infusion (1000 units/h) was started.", ("heparin", "24000 units/day")),
])
def test_an_amount_in_units_of_a_drug_dosed_in_units_is_read_in_units(text, want):
    reading = read_course(text)
    assert _daily_doses(text) == [want]
    assert all(i.daily_mg is None for i in reading.items)  # units are never mg


def test_units_of_a_heparin_group_drug_dosed_in_mg_are_read_and_the_refusal_said():
    # fresh42-014: enoxaparin is written in mg by the item language, in IU by its EU label: the
    # amount is read in units, never converted, and the finding says the item language refuses it
    text = "She was given subcutaneous enoxaparin (4000 U/day)."
    assert _daily_doses(text) == [("enoxaparin", "4000 units/day")]
    assert "not-an-item" in _codes(text)


def test_an_opioid_in_units_is_refused_with_a_finding():
    text = "Oxycodone 10 units twice daily was given."
    assert _daily_doses(text) == [("oxycodone", None)]
    assert "opioid-in-units" in _codes(text)


@pytest.mark.parametrize("text", [
    # units after another drug's dose are another drug's (fresh22-001: insulin's, not aspirin's)
    "She took 100 mg of aspirin per day and injected 30 units of insulin in the morning and "
    "20 units in the evening.",
    "Aspirin 100 mg daily; 20 units at night.",
])
def test_units_are_never_given_to_a_drug_dosed_in_mass(text):
    assert _daily_doses(text) == [("aspirin", "100 mg/day")]


@pytest.mark.parametrize("text", [
    # blood products counted in units are not doses
    "He received 8 units PRBCs and 2 units of FFP while on heparin 5000 units twice daily.",
    "She was transfused 2 units of packed red blood cells; heparin 5000 units twice daily.",
    "Heparin 5000 units twice daily; 6 units of platelets and 10 units of cryoprecipitate.",
])
def test_units_of_blood_products_are_not_doses(text):
    assert _daily_doses(text) == [("heparin", "10000 units/day")]


@pytest.mark.parametrize("text", [
    # levels in units are not doses
    "Heparin infusion was titrated to an anti-Xa level of 0.3–0.7 U/mL.",
    "Heparin was started; amylase was 281 UI/L and the level 284 UI/ml.",
])
def test_levels_in_units_are_not_doses(text):
    assert _daily_doses(text) == [("heparin", None)]


@pytest.mark.parametrize("text", [
    # a level or a reference range in units per volume, in any spelling, is silent, as one in mg
    # per dL is (fresh11-011, fresh11-033, fresh15-026, fresh16-020, fresh18-006, fresh23-017)
    "ALT 1565 unit/L (0-55 unit/L); heparin 5000 units twice daily.",
    "AST: 56 IU/l, ALT: 53IU/l (normal value: 10 to 40IU/l); heparin 5000 units twice daily.",
    "CK 3200 U/L (normal: 39-308 U/L); heparin 5000 units twice daily.",
    "CK levels were elevated (2928 - 11462 U/l); heparin 5000 units twice daily.",
    "GGT 151 IU/L (nl, 13–33 IU/L), 35 IU per litre; heparin 5000 units twice daily.",
    # arbitrary units are a laboratory's (fresh14-019)
    "Anti-CCP (275.3 U.A.), 12 AU; heparin 5000 units twice daily.",
])
def test_levels_and_reference_ranges_in_units_are_silent_not_doses(text):
    reading = read_course(text)
    assert _daily_doses(text) == [("heparin", "10000 units/day")]
    assert not {"amount-not-attached", "zero-amount"} & _codes(text)
    assert all("laboratory" in n.why for n in reading.not_doses)


def test_units_of_a_transfusion_are_blood_not_a_dose():
    # fresh41-025: "a history of blood transfusion (6 units)"
    text = ("He had a history of blood transfusion (6 units); he was transfused 2 units. "
            "Heparin 5000 units twice daily.")
    assert _daily_doses(text) == [("heparin", "10000 units/day")]
    assert "amount-not-attached" not in _codes(text)


@pytest.mark.parametrize(("text", "want"), [
    ("Home medications included insulin glargine 25 units twice daily.",
     ("insulin glargine", "50 units/day")),
    ("He was on subcutaneous insulin (30 units/day).", ("insulin", "30 units/day")),
    ("Insulin detemir 10 units at night was added.", ("insulin detemir", "10 units/day")),
])
def test_insulins_are_named_and_their_units_read(text, want):
    assert _others(text) == [want]
    assert all(o.daily_mg is None for o in read_course(text).not_in_catalogue)


def test_micrograms_written_ug_are_not_units():
    assert _daily_doses("Fentanyl 25 ug/h transdermal patch.") == [("fentanyl", "25 mcg/h")]


def test_units_after_a_comma_in_a_list_written_amount_first_head_the_next_item():
    # fresh26-009: "35 U/day" went to captopril, whose own amount is written before its name
    text = ("He was an outpatient on 67.5 mg/day Captopril®, 35 U/day NPH insulin and 50 mg/day "
            "sertraline hydrochloride.")
    assert ("captopril", "35 units/day") not in _others(text)
    assert _daily_doses(text) == [("sertraline", "50 mg/day")]


def test_a_bracket_round_an_item_closes_its_span_before_a_route():
    # fresh50-032: the dapsone's words ran past ")" and took "topical" from the next phrase
    text = ("Combined systemic (oral prednisolone, 50 mg per day; dapsone, 125 mg per day) and "
            "topical treatment (clobetasol propionate, twice daily) was initiated.")
    dapsone = next(o for o in read_course(text).not_in_catalogue if o.name == "dapsone")
    assert dapsone.as_written == "dapsone, 125 mg per day"
    assert dapsone.route is None


def test_a_schedule_after_a_bracket_of_components_is_still_theirs():
    text = "She took tablet esogard (rabeprazole 20+ domperidone 30 mg) OD."
    assert ("domperidone", "30 mg/day") in _daily_doses(text)



# -- prosefix5253: the fresh52 and fresh53 rounds --------------------------------------------------
@pytest.mark.parametrize(("text", "want"), [
    # fresh53-005: "eighth hourly" was read as hourly (1200 μg of fentanyl a day)
    ("Fentanyl 50 mcg was injected through the epidural catheter eighth hourly.",
     ("fentanyl", "150 mcg/day")),
    ("Morphine 5 mg sixth-hourly.", ("morphine", "20 mg/day")),
    ("Morphine 5 mg eight hourly.", ("morphine", "15 mg/day")),
    ("Morphine 5 mg four-hourly.", ("morphine", "30 mg/day")),
    # a number the reader cannot read before "hourly": no schedule, never hourly
    ("Morphine 5 mg twentieth hourly.", ("morphine", None)),
    ("Morphine 5 mg 13th hourly.", ("morphine", None)),
])
def test_ordinals_and_number_words_before_hourly_are_every_n_hours(text, want):
    assert _daily_doses(text) == [want]


@pytest.mark.parametrize(("text", "want"), [
    # fresh53-003: "40 mg + 30 mg daily" was read as the last amount alone (30 mg a day)
    ("He was treated with intravenous (IV) Medrol 40 mg + 30 mg daily.",
     ("methylprednisolone", "70 mg/day")),
    ("Prednisolone 10 mg + 5 mg twice daily.", ("prednisolone", "15 mg/day")),
    # the day not said (three doses a day for two amounts): not known, never the last alone
    ("Prednisolone 10 mg + 5 mg every 8 hours.", ("prednisolone", None)),
])
def test_amounts_joined_by_plus_before_a_schedule_are_the_doses_of_a_day(text, want):
    assert _daily_doses(text) == [want]
    assert "divided-doses" in _codes(text) or "divided-doses-unread" in _codes(text)


@pytest.mark.parametrize("text", [
    # fresh52-018: the amount after "vitamin B6" (a variant letter and its number) went back
    # to aspirin, first of the list
    "She had been taking baby aspirin, levothyroxine, multivitamin, and vitamin Q6 100 mg daily.",
    "She had been taking aspirin 100 mg and vitamin Q12 1000 mcg daily.",
])
def test_an_amount_after_a_name_with_a_variant_letter_and_number_is_not_the_drug_befores(text):
    assert _daily_doses(text) == [("aspirin", None)]
    assert "unknown-name" in _codes(text)


@pytest.mark.parametrize(("text", "want"), [
    ("Vitamin B6 100 mg daily was given.", [("pyridoxine", "100 mg/day")]),
    ("Cephalexin 500 mg twice daily for 1 week.", [("cefalexin", "1000 mg/day")]),
    ("Melatonin 10 mg daily.", [("melatonin", "10 mg/day")]),
])
def test_names_added_with_their_sources(text, want):
    assert _others(text) == want


# -- prosefix5457: the fresh54 to fresh57 rounds --------------------------------------------------
@pytest.mark.parametrize("text", [
    # fresh57-020: a block of chemotherapy gives each drug on its own day; the amounts of
    # different drugs on different days are not one drug told day by day
    "The patient received morphine 10 mg on day 1; oxycodone 5 mg on day 5.",
    "He received (morphine 10 mg on day 1; vincristine 1.5 mg on day 1 and day 6; "
    "cytarabine 1000 mg on day 5; dexamethasone 2.5 mg on day 1).",
])
def test_amounts_of_different_drugs_on_different_days_are_single_doses(text):
    assert all(daily is None for _, daily in _daily_doses(text) + _others(text))
    assert "day-amount" not in _codes(text)


def test_one_drug_told_day_by_day_is_still_each_days_amount():
    text = "Methadone was given: 24 mg on day 1 and 20 mg on day 2."
    assert _daily_doses(text) == [("methadone", "24 mg/day"), ("methadone", "20 mg/day")]
    assert "day-amount" in _codes(text)


@pytest.mark.parametrize(("text", "want"), [
    # fresh54-024: the target a titration aims at is a bound, never the dose taken
    ("Morphine 10 mg/day was started, doubling the dose every 7 days until reaching a target "
     "dose of 2 × 40 mg/day.", [("morphine", "10 mg/day")]),
    ("Morphine 10 mg/day was started, increasing by 10 mg/day to reach the target dose of "
     "60 mg/day.", [("morphine", "10 mg/day")]),
    ("Morphine 10 mg/day was started, with a goal dose of 60 mg/day.", [("morphine", "10 mg/day")]),
])
def test_a_target_dose_is_a_bound_not_the_dose_taken(text, want):
    assert _daily_doses(text) == want


def test_two_times_an_amount_a_day_is_the_days_doses():
    # fresh54-024: "2 × 7.5 mg/day": the day is written, "2 ×" counts its doses
    assert _others("Zofenopril 2 × 7.5 mg/day was added.") == [("zofenopril", "15 mg/day")]


@pytest.mark.parametrize("text", [
    # fresh54-030: a further step of a taper after "then by" is a step, not a dose
    "Prednisolone 40 mg/day was started. The dose was decreased by 10 mg every week, then by "
    "2.5 mg every week.",
    "Prednisolone 40 mg/day was started. It was reduced by 10 mg, and by 5 mg a week later.",
])
def test_a_further_step_of_a_taper_is_not_a_dose(text):
    assert _daily_doses(text) == [("prednisolone", "40 mg/day")]


def test_an_amount_before_dosage_of_a_name_is_the_drugs():
    # fresh54-029: "a 7.5 mg dosage of prednisolone daily", as "a 7.5 mg dose of" is; the
    # schedule of that sentence no longer goes to an earlier dose with no schedule
    text = ("The prednisolone dose was decreased to 30 mg, and to 15 mg subsequently. She was "
            "discharged with a 7.5 mg dosage of prednisolone daily.")
    assert _daily_doses(text)[-1] == ("prednisolone", "7.5 mg/day")
    assert ("prednisolone", "15 mg/day") not in _daily_doses(text)


@pytest.mark.parametrize("text", [
    # fresh55-024: "OD" (once daily) and "twice a day" side by side: which was meant is not
    # written, so neither is chosen
    "She got clarithromycin 250mg OD twice a day for 7 days.",
    "Morphine 10 mg twice daily three times a day.",
])
def test_two_schedules_that_contradict_each_other_give_no_daily_amount(text):
    assert all(daily is None for _, daily in _daily_doses(text))
    finding = next(f for f in read_course(text).findings if f.finding.code == "schedules-contradict")
    assert finding.finding.severity.value == "warning"


def test_a_schedule_and_the_days_it_is_given_do_not_contradict():
    text = "Morphine 10 mg daily every four days."
    assert "schedules-contradict" not in _codes(text)
    assert "intermittent" in _codes(text)


@pytest.mark.parametrize(("text", "want"), [
    # names added to other_drug_names.csv, each with a label seen (prosefix5457)
    ("Labetalol 100 mg two times daily was added.", [("labetalol", "200 mg/day")]),
    ("Tetrabenazine 25 mg twice daily was started.", [("tetrabenazine", "50 mg/day")]),
    ("Desloratadine 5 mg once daily was given.", [("desloratadine", "5 mg/day")]),
    ("Anakinra 100 mg daily was started.", [("anakinra", "100 mg/day")]),
])
def test_names_added_with_a_label_are_read_as_items_not_in_the_catalogue(text, want):
    assert _others(text) == want


# -- prosefix5859: the fresh58 and fresh59 rounds --------------------------------------------------

def test_a_rate_a_minute_after_at_a_rate_of_with_a_dose_before_it_is_no_daily_amount():
    # fresh59-010: "phenytoin 20 mg/kg was administered at a rate of 50 mg/minute" was 72000
    # mg a day; the rate is the speed the loading dose is given at
    text = ("Intravenous phenytoin 20 mg/kg was administered at a rate of 50 mg/minute, while "
            "the patient was monitored.")
    assert all(daily is None for _, daily in _others(text))
    assert "giving-speed" in _codes(text)


def test_a_drip_a_minute_is_still_a_rate_a_day():
    # the rule needs "at a rate of" and a dose before it: a drip's rate runs all day
    text = "The lidocaine drip remained at 4mg/minute."
    assert _daily_doses(text) == [("lidocaine", "5760 mg/day")]


def test_a_possessive_unknown_name_owns_the_dose_it_was_titrated_to():
    # fresh58-029: "His mycophenolic acid was titrated to 1,000 mg every 12 hours" was
    # prednisone's 2000 mg a day
    text = ("He was discharged on prednisone 20 mg four times a day and azathioprine 50 mg daily. "
            "His azathioprinum was titrated to 1,000 mg every 12 hours.")
    assert ("prednisone", "2000 mg/day") not in _daily_doses(text)
    assert _daily_doses(text) == [("prednisone", "80 mg/day")]


def test_a_mass_in_brackets_after_a_volume_is_the_volumes_drugs():
    # fresh58-032: "donepezil syrup 2.5 ml BD (2.5 mg BD) and L-Carnosine syrup 5 ml BD (100 mg
    # BD)" gave lorazepam 5 and 200 mg a day
    text = ("He was started on lorazepam 2 mg OD at night, donepezil syrup 2.5 ml BD (2.5 mg BD) "
            "and L-Carnosine syrup 5 ml BD (100 mg BD).")
    assert _daily_doses(text) == [("lorazepam", "2 mg/day")]
    assert _others(text) == [("donepezil", "5 mg/day"), ("carnosine", "200 mg/day")]


@pytest.mark.parametrize("text", [
    # fresh58-023: the day of a transplant's course after the amount
    "A short course of methotrexate (24mg/day, +4 day, 16mg/day, +6day, and 18mg/day, +9 day).",
    "Methotrexate 15 mg day +1 was given.",
])
def test_an_amount_on_one_day_of_a_course_is_no_daily_amount(text):
    assert all(daily is None for _, daily in _others(text))
    assert "course-day" in _codes(text)


def test_an_hourly_rate_during_a_procedure_is_no_daily_amount():
    # fresh59-019: "heparin saline was given continuously of 1,000 U/hour during the procedure"
    # was 24000 units a day
    text = ("The patient underwent endovascular therapy, and heparin saline was given "
            "continuously of 1,000 U/hour during the procedure.")
    assert all(daily is None for _, daily in _daily_doses(text))
    assert "procedure-rate" in _codes(text)
    # an infusion not bounded to a procedure keeps its amount a day
    assert _daily_doses("A heparin infusion (1000 units/h) was started.") == [
        ("heparin", "24000 units/day")]


def test_a_stem_word_with_a_listed_names_letters_rearranged_is_no_drug():
    # fresh59-022: "metrodinazole" (metronidazole's letters, misspelt) was read as a drug of its
    # own by its stem; it is neither that nor metronidazole, which the text does not write
    text = "Antibiotics of cefuroxime and metrodinazole 1500 mg/day were administered."
    assert _others(text) == []
    assert "unknown-name" in _codes(text)


@pytest.mark.parametrize(("text", "want"), [
    # names added to other_drug_names.csv, each with a label seen (prosefix5859)
    ("Mycophenolic acid 500 mg twice a day was given.", [("mycophenolic acid", "1000 mg/day")]),
    ("Doxazosin 4 mg twice daily was added.", [("doxazosin", "8 mg/day")]),
    ("Temozolomide 120 mg daily was started.", [("temozolomide", "120 mg/day")]),
    ("Ruxolitinib 5 mg twice daily was started.", [("ruxolitinib", "10 mg/day")]),
    ("Ursodeoxycholic acid 500 mg twice daily was given.",
     [("ursodeoxycholic acid", "1000 mg/day")]),
    ("Fondaparinux 2.5 mg once daily was given.", [("fondaparinux", "2.5 mg/day")]),
    ("Topiramate 50 mg twice daily was started.", [("topiramate", "100 mg/day")]),
])
def test_names_added_in_prosefix5859_are_read_as_items_not_in_the_catalogue(text, want):
    assert _others(text) == want


# -- prosefix6061: the fresh60 and fresh61 rounds --------------------------------------------------


@pytest.mark.parametrize(("text", "want"), [
    # fresh60-015: as many names as amounts, each joined by "and": paired in order, one state
    ("The doses of morphine and oxycodone were gradually increased to 60 and 40 mg/day, "
     "respectively.", [("morphine", "60 mg/day"), ("oxycodone", "40 mg/day")]),
    ("The doses of morphine and oxycodone were increased to 60 and 40 mg/day.",
     [("morphine", "60 mg/day"), ("oxycodone", "40 mg/day")]),
    # the counts differ: whose is which is not written, neither drug takes an amount
    ("Morphine and oxycodone were increased to 60, 80 and 100 mg/day.",
     [("morphine", None), ("oxycodone", None)]),
])
def test_a_list_of_amounts_after_a_list_of_names_is_paired_in_order(text, want):
    assert _daily_doses(text) == want


def test_a_list_of_amounts_is_paired_with_names_not_in_the_catalogue():
    # fresh60-015: "topiramate 1050 mg/day" was the first amount given to the last name
    text = ("The doses of oxcarbazepine and topiramate were gradually increased to 1050 and "
            "200 mg/day, respectively.")
    assert _others(text) == [("oxcarbazepine", "1050 mg/day"), ("topiramate", "200 mg/day")]


def test_a_name_with_its_abbreviation_in_brackets_heads_its_amount():
    # fresh61-027: "cyclophosphamide (CY) at 50 mg/day" was prednisolone's 50 mg/day
    text = "Oral prednisolone (PSL) at 30 mg/day and cyclophosphamide (CY) at 50 mg/day."
    assert _daily_doses(text) == [("prednisolone", "30 mg/day")]
    assert _others(text) == [("cyclophosphamide", "50 mg/day")]
    # a bracket after a word that is no drug's name heads nothing
    assert "unknown-name" not in _codes("Ejection fraction (LVEF) at 50-55% on morphine 10 mg.")


def test_a_step_after_the_dose_is_tapered_by_is_no_dose():
    # fresh61-003: "Tapering the dose by 10 mg per month" was prednisone 10 mg/day
    text = ("Prednisone was started at 60 mg daily. Tapering the dose by 10 mg per month "
            "resulted in relapse.")
    assert _daily_doses(text) == [("prednisone", "60 mg/day")]


def test_maintained_on_an_amount_is_the_story_drugs_dose():
    # fresh61-003: "The patient was therefore maintained on 50 mg daily" (prednisone's)
    text = ("The patient was started on prednisone at 60 mg daily. The patient was therefore "
            "maintained on 50 mg daily.")
    assert _daily_doses(text) == [("prednisone", "60 mg/day"), ("prednisone", "50 mg/day")]


@pytest.mark.parametrize("text", [
    # fresh61-011: one letter changed from a listed name: a misspelling, not an INN of its own
    "Prophylaxis was trimethoprim/sulfamethaxazole [160/800 mg] once a day.",
    "Prophylaxis was gancyclovir 1 g thrice a day.",
    "He was given methyprednisolone 1g/day.",  # one letter left out
])
def test_a_stem_word_one_letter_from_a_listed_name_is_no_drug(text):
    assert _others(text) == []
    assert all(daily is None for _, daily in _daily_doses(text))


# -- prosefix6263: the fresh62 and fresh63 rounds --------------------------------------------------


@pytest.mark.parametrize("text", [
    # fresh62-012: "0.3% ropivacaine at a rate of 4-6 ml/h" was ropivacaine 288 mg/day (the
    # low end of the range times 24 h)
    "Continuous infusion of 0.3% ropivacaine at a rate of 4-6 ml/h was given epidurally.",
    "Bupivacaine 0.1% at 4 to 6 mL/h was given epidurally.",
])
def test_a_concentration_times_a_range_of_rates_is_no_daily_amount(text):
    assert all(daily is None for _, daily in _daily_doses(text))
    assert "concentration-times-rate-range" in _codes(text)


def test_a_concentration_times_one_rate_is_still_a_day():
    text = "Continuous infusion of 0.2% ropivacaine at a rate of 5 ml/h was given epidurally."
    assert _daily_doses(text) == [("ropivacaine", "240 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh62-022: "Lorazepam 1 mg. 4/day", a bare count over a day right after the amount
    ("Lorazepam 1 mg. 4/day was prescribed during the withdrawal.", [("lorazepam", "4 mg/day")]),
    ("Clonidine 0.1 mg. po 3/day was also prescribed.", [("clonidine", "0.3 mg/day")]),
    # fresh62-022: the count is each step's; "from 30 mg." has none of its own
    ("Morphine sulfate was titrated down from 30 mg. to 20 mg 3/day to 10 mg 3/day for two days "
     "at a time and then discontinued.",
     [("morphine", None), ("morphine", "60 mg/day"), ("morphine", "30 mg/day")]),
    # fresh12-011: "1g/0.73m 2 /day": the 2 is the square's, no count
    ("Methylprednisolone pulses 1g/0.73m 2 /day were given for 3 days.",
     [("methylprednisolone", None)]),
])
def test_a_bare_count_a_day_after_an_amount_counts_its_doses(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh62-013: "meropenem (0.5 g per 8 hours)": every 8 hours
    ("Oxycodone 5 mg per 4 hours was given.", [("oxycodone", "30 mg/day")]),
    ("5 mg morphine per 4 hours.", [("morphine", "30 mg/day")]),
    ("Morphine 100 mg per 24 hours was given.", [("morphine", "100 mg/day")]),
    # "per hour" is a rate, "per 1 hour" is not read as a schedule
    ("Morphine 2 mg per 1 hour was given.", [("morphine", None)]),
])
def test_a_dose_per_so_many_hours_is_every_so_many_hours(text, want):
    assert _daily_doses(text) == want


def test_meropenem_per_8_hours():
    text = "Infection was suspected and meropenem (0.5 g per 8 hours) was administered."
    assert _others(text) == [("meropenem", "1.5 g/day")]


def test_a_list_closed_by_a_schedule_then_a_duration_shares_the_schedule():
    # fresh63-005: "… and triazolam 0.25 mg daily for several months": each dose a day
    text = ("She had been taking tramadol hydrochloride 187.5 mg, acetaminophen 325 mg, "
            "pregabalin 150 mg, duloxetine 60 mg, and triazolam 0.25 mg daily for several months.")
    assert _daily_doses(text) == [("tramadol", "187.5 mg/day"), ("acetaminophen", "325 mg/day"),
                                  ("pregabalin", "150 mg/day"), ("duloxetine", "60 mg/day")]
    # a purpose after the schedule is still the last dose's only
    assert _daily_doses("She took haloperidol 1.5 mg and diazepam 5 mg daily for anxiety.") \
        == [("haloperidol", None), ("diazepam", "5 mg/day")]


def test_continued_at_an_amount_is_the_story_drugs_dose():
    # fresh62-005: "She then continued at 10 mg daily … with a total course of 7 days"
    text = ("Oral prednisone was started at 30 mg on day 1 and was tapered to 20 mg on the next "
            "day. She then continued at 10 mg daily for the next 5 days with a total course of "
            "7 days.")
    assert _daily_doses(text) == [("prednisone", None), ("prednisone", None),
                                  ("prednisone", "10 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh63-001: a fentanyl patch named in micrograms, a marketed release rate: mcg/h, warned
    ("Transdermal fentanyl patch therapy (100 μg patch applied every 72 h) was rotated.",
     "100 mcg/h"),
    ("He used a fentanyl 25 mcg patch.", "25 mcg/h"),
    # not a marketed rate, a content in mg, or no patch named by it: no rate
    ("He used a fentanyl 30 mcg patch.", None),
    ("He used a 2.5 mg fentanyl patch.", None),
    ("Analgesics were tried (fentanyl 25 μg transdermally).", None),  # fresh42-013
])
def test_a_fentanyl_patch_in_micrograms_is_its_release_rate_only_at_a_marketed_rate(text, want):
    assert _daily_doses(text) == [("fentanyl", want)]
    assert ("patch-rate-assumed" in _codes(text)) == (want is not None)


@pytest.mark.parametrize(("text", "want"), [
    ("Then, acarbose (50 mg three times daily) was applied.", [("acarbose", "150 mg/day")]),
    ("She was given arbidol 0.3 g twice daily.", [("umifenovir", "0.6 g/day")]),
    ("UDCA (250 mg, three times per day) was initiated.", [("ursodeoxycholic acid", "750 mg/day")]),
    ("Human immunoglobulin 5 g once daily was given.", [("immunoglobulin", "5 g/day")]),
])
def test_names_added_with_their_labels_are_read(text, want):
    assert _others(text) == want


# -- prosefix6467: the fresh64 to fresh67 rounds --------------------------------------------------

def test_pro_re_nata_after_the_schedule_makes_the_dose_as_needed():
    # fresh64-001: the Latin written out after the schedule, with its translations: an hourly
    # dose as needed is never 24 doses a day
    text = ("Starting dose was 20 mg IV hydromorphone and titration to 120 mg three times a day "
            "(TID), 32 mg every hour (q1h) pro re nata (as needed) (PRN) oral hydromorphone.")
    assert _daily_doses(text) == [("hydromorphone", None), ("hydromorphone", "360 mg/day"),
                                  ("hydromorphone", None)]
    assert "prn-daily-unknown" in _codes(text)
    text = "She took hydromorphone 32 mg every hour, pro re nata."
    assert _daily_doses(text) == [("hydromorphone", None)]
    assert "prn-daily-unknown" in _codes(text)


def test_an_amount_after_a_name_and_its_bracketed_abbreviation_is_that_names():
    # fresh64-028: "intravenous immunoglobulins (IVIGs) 16 g per day" is not methylprednisolone's
    text = ("She received i.v. methylprednisolone 1 g per day and 5 days intravenous "
            "immunoglobulins (IVIGs) 16 g per day.")
    assert _daily_doses(text) == [("methylprednisolone", "1 g/day")]
    assert _others(text) == [("immunoglobulin", "16 g/day")]
    # a name the lists lack: the amount is set aside, never the drug's before it
    text = "She received methylprednisolone 1 g per day and intravenous foobarins (FB) 16 g per day."
    assert _daily_doses(text) == [("methylprednisolone", "1 g/day")]
    assert "unknown-name" in _codes(text)


def test_a_listed_names_plural_is_that_drug():
    assert _others("Intravenous immunoglobulins 20 g daily were given.") \
        == [("immunoglobulin", "20 g/day")]


def test_a_schedule_at_a_lists_end_is_not_shared_where_another_dose_has_its_own():
    # fresh65-025
    text = ("He was kept on morphine 20 mg, furosemide 40 mg once daily, oxycodone 10 mg, "
            "tramadol 25 mg, and valsartan 160 mg once daily.")
    assert _daily_doses(text) == [("morphine", None), ("oxycodone", None), ("tramadol", None)]
    # none of the list with a schedule of its own: shared as before
    assert _daily_doses("She was treated with haloperidol 1.5 mg and diazepam 5 mg daily.") \
        == [("haloperidol", "1.5 mg/day"), ("diazepam", "5 mg/day")]


@pytest.mark.parametrize("text", [
    # fresh65-034: "AA" is not defined in the text: its amount is no earlier drug's
    "She was started on morphine 10 mg twice daily. AA was started at a dose of 500 mg twice daily.",
    "She was started on morphine 10 mg twice daily. After thorough consideration of all other "
    "interventions, AA was started at a dose of 500 mg twice daily.",
])
def test_an_undefined_abbreviation_as_the_subject_owns_the_amount(text):
    assert _daily_doses(text) == [("morphine", "20 mg/day")]
    assert "unknown-name" in _codes(text)


@pytest.mark.parametrize(("text", "want"), [
    # fresh67-024: the amount's schedule, the noun of a dose, then the drug it names
    ("The patient received prednisone 1 g daily, 60 mg daily dose of morphine for 5 days.",
     [("prednisone", "1 g/day"), ("morphine", "60 mg/day")]),
    ("The patient received prednisone 1 g daily, 60 mg daily of morphine for 5 days.",
     [("prednisone", "1 g/day"), ("morphine", "60 mg/day")]),
    ("The patient received methylprednisolone 1 g daily, 60 mg dose of foobarin for 5 days.",
     [("methylprednisolone", "1 g/day")]),
])
def test_an_amount_before_the_words_of_a_dose_of_a_name_is_that_names(text, want):
    assert _daily_doses(text) == want


def test_a_course_in_a_list_of_as_needed_doses_is_not_an_amount_a_day():
    # fresh67-033: the list's frequencies are as needed: "4 mg for 5 days" gives no daily amount
    text = ("He was prescribed ibuprofen 600 mg every 6 h as needed, acetaminophen 325 mg every "
            "6 h as needed, and methylprednisolone 4 mg for 5 days.")
    assert ("methylprednisolone", None) in _daily_doses(text)
    assert "course-in-list" not in _codes(text)


@pytest.mark.parametrize(("text", "want"), [
    # names added to other_drug_names.csv, each with a label or official page seen
    ("He was started on methimazole 20 mg three times a day.", [("thiamazole", "60 mg/day")]),
    ("We administered L-carnitine 500 mg three times per day.", [("levocarnitine", "1500 mg/day")]),
    ("She received 60 mg daily dose of thymoglobulin for 5 days.",
     [("anti-thymocyte globulin", "60 mg/day")]),
])
def test_names_added_in_prosefix6467_are_read(text, want):
    assert _others(text) == want


def test_an_amount_after_an_unlisted_name_given_later_is_not_an_earlier_drugs():
    # fresh64-004: propofol named sentences before; L-carnitine's amount is never propofol's
    text = ("We discontinued propofol infusion. Thus we administrated L-carnitine, which mitigates "
            "the effects of PRIS by supporting free fatty acid metabolism, at a dose of 500 mg "
            "three times per day.")
    assert all(name != "propofol" or daily is None for name, daily in _others(text))


@pytest.mark.parametrize(("text", "want"), [
    # fresh66-008: "qDay" is once a day
    ("Dual antiplatelet therapy (acetylsalicylic acid 100 mg p.o. qDay plus clopidogrel 75 mg p.o. "
     "qDay) was given.", [("aspirin", "100 mg/day"), ("clopidogrel", "75 mg/day")]),
    # fresh65-031: "/die" is a day (Latin, Italian)
    ("She was also administered hydrocortisone 200 mg/die.", [("hydrocortisone", "200 mg/day")]),
])
def test_qday_and_per_die_are_a_day(text, want):
    assert _daily_doses(text) == want


def test_ivgtt_is_the_intravenous_route():
    # fresh67-001: "(levofloxacin, 0.5 g, ivgtt, QD)": the drip's route does not end the item
    assert _others("Anti-infection (levofloxacin, 0.5 g, ivgtt, QD) was given.") \
        == [("levofloxacin", "0.5 g/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh67-012, fresh67-013: infusions of drugs the catalogue lacks, rates times a day
    ("Norepinephrine (18 μg/min) was given to maintain blood pressure.",
     [("norepinephrine", "25920 mcg/day")]),
    ("Postoperatively, levosimendan (1 mg/h) was given.", [("levosimendan", "24 mg/day")]),
])
def test_vasoactive_infusions_added_with_their_labels_are_read(text, want):
    assert _others(text) == want


# -- prosefix6869: the fresh68 and fresh69 rounds --------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh68-034: "N per day" after the item's amount, name and route counts doses a day
    ("Pain relieving medications (500 mg acetylsalicylic acid p.o., 2 per day; 1 g acetaminophen "
     "p.o., 4 per day) were tried.", [("aspirin", "1000 mg/day"), ("acetaminophen", "4 g/day")]),
])
def test_a_count_per_day_after_the_items_amount_counts_doses(text, want):
    assert _daily_doses(text) == want


def test_a_count_per_day_never_gives_its_day_to_an_amount():
    # a bare "2 per day" that follows no amount of its own item: not read as "per day"
    text = "Morphine 10 mg was given; she asked for it 2 per day."
    assert ("morphine", "10 mg/day") not in _daily_doses(text)


def test_an_unlisted_name_with_a_count_per_day_takes_the_count():
    text = "He was treated with Combivir (150 mg zidovudine p.o., 2 per day)."
    assert ("zidovudine", "300 mg/day") in _others(text)


def test_divided_units_are_never_an_earlier_drugs():
    # fresh69-011: "6/8/8 UI three times a day" is insulin lispro's, never enoxaparin's
    text = ("Enoxaparin 6000 UI BID, Insulin Lispro 6/8/8 UI three times a day (TID) and High Flow "
            "Nasal Cannula were started.")
    assert all(daily is None or "units" not in daily or name != "enoxaparin"
               or daily == "12000 units/day" for name, daily in _daily_doses(text))
    assert ("insulin lispro", "22 units/day") in _others(text)


@pytest.mark.parametrize(("text", "want"), [
    ("Methylprednisolone 20 mg bis in die (BID) was started.", [("methylprednisolone", "40 mg/day")]),
    ("Methylprednisolone 20 mg ter in die was started.", [("methylprednisolone", "60 mg/day")]),
    ("Methylprednisolone 8 mg quater in die was started.", [("methylprednisolone", "32 mg/day")]),
    ("Methylprednisolone 16 mg semel in die was started.", [("methylprednisolone", "16 mg/day")]),
])
def test_latin_schedules_written_out(text, want):
    assert _daily_doses(text) == want


def test_amount_schedule_then_name_list_gives_each_its_own_amount():
    # fresh66-027: meropenem takes its own "1 g q8h"; vancomycin only its own "1 g every 12 h"
    text = ("Continued intravenous drip of 1 g every 12 h (q12h) vancomycin and 1 g q8h meropenem, "
            "anticoagulant therapy were given.")
    assert sorted(_others(text)) == [("meropenem", "3 g/day"), ("vancomycin", "2 g/day")]


def test_hly_is_hourly():
    # fresh68-004: "vancomycin 1 g 12 hly" is every 12 hours
    assert _others("In the ICU, vancomycin 1 g 12 hly and imipenem 0.5 g 6 hly were administered.") \
        == [("vancomycin", "2 g/day"), ("imipenem", "2 g/day")]


def test_full_width_brackets_are_brackets():
    # fresh68-005: the manufacturer in full-width brackets between the name and its amount
    text = ("The patient was prescribed albendazole\uff08Tianjin Smith Kline &French Laboratorles "
            "Ltd\uff09 400\u00a0mg twice a day.")
    assert _others(text) == [("albendazole", "800 mg/day")]


def test_a_schedule_after_a_semicolon_in_the_amounts_bracket_is_its():
    # fresh68-029: "fluconazole (100 mg; twice daily)"
    text = "Itraconazole was substituted by fluconazole (100 mg; twice daily) peroral (PO)."
    assert ("fluconazole", "200 mg/day") in _daily_doses(text)


def test_a_drug_named_in_a_bracket_before_the_words_of_its_dose_owns_the_amount():
    # fresh69-024: "dyslipidemia (treated with atorvastatin at 40 mg OD)": atorvastatin's
    text = "The history revealed dyslipidemia (treated with atorvastatin at 40 mg OD)."
    assert _others(text) == [("atorvastatin", "40 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # names added to other_drug_names.csv, each with a label seen
    ("She was on fingolimod 0.5 mg daily for her multiple sclerosis.", [("fingolimod", "0.5 mg/day")]),
    ("He was treated with 0.5 mg colchicine twice daily.", [("colchicine", "1 mg/day")]),
    ("She took empagliflozin 10 mg/day.", [("empagliflozin", "10 mg/day")]),
])
def test_names_added_in_prosefix6869_are_read(text, want):
    assert _others(text) == want


# -- prosefix7071: the fresh70 and fresh71 rounds --------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh71-004: "imipenem and cilastatin sodium [0.5 g q8h]" is the product, never cilastatin
    ("Imipenem and cilastatin sodium [0.5 g every 8 h (q8h)] was given as anti-infective treatment.",
     [("imipenem + cilastatin", "1.5 g/day")]),
    # fresh71-005: a salt word after each part of the product's name
    ("Treatment included piperacillin sodium and tazobactam sodium (4.5 g q6h).",
     [("piperacillin + tazobactam", "18 g/day")]),
])
def test_the_two_parts_of_a_listed_combination_are_the_product(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh71-010: the analogue's name before "insulin" names the analogue, not plain insulin
    ("She took glargine insulin 18 units subcutaneous at bedtime.", [("insulin glargine", "18 units/day")]),
    ("She took aspart insulin 20 units subcutaneous 3 times daily before meals.",
     [("insulin aspart", "60 units/day")]),
    # fresh71-007: the analogue's name alone
    ("Home medications included Glargine 40 units OD and Lispro 9 units TID before meals.",
     [("insulin glargine", "40 units/day"), ("insulin lispro", "27 units/day")]),
    # plain insulin stays insulin
    ("She took insulin 10 units at bedtime.", [("insulin", "10 units/day")]),
])
def test_an_insulin_analogue_named_without_insulin_first_is_the_analogue(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh70-002: a dose on each of a count of days in a row is one dose a day
    ("The treatment was steroid pulse therapy using 500 mg methylprednisolone on five consecutive "
     "days.", [("methylprednisolone", "500 mg/day")]),
    # a schedule written beside it is the dose's; the days are the course's length
    ("He received methylprednisolone 500 mg every 12 hours on three consecutive days.",
     [("methylprednisolone", "1000 mg/day")]),
    # "for five consecutive days" stays a duration
    ("He received methylprednisolone 500 mg for five consecutive days.", [("methylprednisolone", None)]),
])
def test_a_dose_on_consecutive_days_is_one_a_day(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh64-008: "stat and 12 hourly" is the first dose at once, then every 12 hours
    ("He was given IV hydrocortisone 100 mg stat and 12 hourly, IV dopamine, and noradrenaline.",
     [("hydrocortisone", "200 mg/day")]),
    ("Morphine 5 mg stat then 4 hourly was given.", [("morphine", "30 mg/day")]),
    # "stat" alone stays one dose; another drug's schedule is not the stat dose's
    ("He was given morphine 10 mg stat.", [("morphine", None)]),
    ("Morphine 5 mg stat and oxycodone 5 mg 4 hourly were given.",
     [("morphine", None), ("oxycodone", "30 mg/day")]),
])
def test_a_schedule_after_stat_is_the_doses_that_go_on(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # names added to other_drug_names.csv, each with a label seen (prosefix7071)
    ("Hence, tigecycline 50 mg twice daily was added.", [("tigecycline", "100 mg/day")]),
    ("Caspofungin 50 mg once daily was added.", [("caspofungin", "50 mg/day")]),
    ("She took metolazone 5 mg once daily.", [("metolazone", "5 mg/day")]),
    ("He took cefuroxime 500 mg twice a day.", [("cefuroxime", "1000 mg/day")]),
    ("She took repaglinide 1 mg thrice daily.", [("repaglinide", "3 mg/day")]),
    ("She took gliclazide 80 mg twice daily.", [("gliclazide", "160 mg/day")]),
    # Vancocin is a vancomycin brand (its capsule label)
    ("Treatment included vancocin (1000 mg BID).", [("vancomycin", "2000 mg/day")]),
])
def test_names_added_in_prosefix7071_are_read(text, want):
    assert _others(text) == want


# -- prosefix7273: the fresh72 and fresh73 rounds --------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh73-008: "up to" with no word of a change of dose before it is a bound, not the dose
    ("Oral risperidone was initially prescribed up to 2 mg daily for 10 months.",
     [("risperidone", None)]),
    ("Treatment was replaced with quetiapine up to 1,000 mg daily for the following year.",
     [("quetiapine", None)]),
    # after a verb of change, "up to" is still the dose reached
    ("Quetiapine was titrated up to 300 mg daily.", [("quetiapine", "300 mg/day")]),
    ("The dose of quetiapine was then increased up to 100 mg three times daily.",
     [("quetiapine", "300 mg/day")]),
])
def test_up_to_without_a_change_of_dose_is_a_bound(text, want):
    assert _daily_doses(text) == want


def test_an_amount_in_a_clause_about_a_name_the_catalogue_lacks_is_that_names():
    # fresh73-008: "X was changed for Y, which was titrated up to 175 mg": Y's, never X's
    text = ("Quetiapine was changed for clozapine, which was titrated up to 175 mg, yielding an "
            "improvement.")
    reading = read_course(text)
    assert all(i.daily_dose is None for i in reading.items)
    assert [(o.name, o.per_dose.value if o.per_dose else None)
            for o in reading.not_in_catalogue] == [("clozapine", 175.0)]


@pytest.mark.parametrize(("text", "want"), [
    # fresh73-003: "1 ×" before a dose counts no units: once a day, even written once
    ("She was given LMWH (1 × 40 mg enoxaparin) on admission.", [("enoxaparin", "40 mg/day")]),
    # a count above one written once, with spaces, stays unread (it may count units)
    ("She was given dexamethasone (3 × 4 mg) for the oedema.", [("dexamethasone", None)]),
])
def test_a_count_of_one_before_a_multiplication_sign_is_once_a_day(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh72-028: "rescue therapy with infliximab" is a salvage treatment, not an as-needed dose
    ("The flare did not respond to intravenous steroids (100 mg four times a day of "
     "hydrocortisone) necessitating rescue therapy with infliximab.",
     [("hydrocortisone", "400 mg/day")]),
    # a rescue dose stays as needed
    ("She took morphine 5 mg as a rescue dose.", [("morphine", None)]),
])
def test_rescue_therapy_is_no_as_needed_word(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh73: names added with a label seen (other_drug_names.csv)
    ("I.V. anidulafungin 100 mg daily was also started.", [("anidulafungin", "100 mg/day")]),
    ("She was treated with I.V. lacosamide 200 mg bid.", [("lacosamide", "400 mg/day")]),
    ("Mefenamic acid 250mg QID PO was given.", [("mefenamic acid", "1000 mg/day")]),
    ("Therapy with 2 g/day ceftriaxone and 9 g/day sulbactam/ampicillin was maintained.",
     [("ampicillin + sulbactam", "9 g/day")]),
])
def test_names_added_in_the_fresh72_and_fresh73_rounds(text, want):
    assert [w for w in _others(text) if w[0] != "ceftriaxone"] == want


# -- prosefix7475: the fresh74 and fresh75 rounds --------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh75-006: a range of counts a day gives no daily amount (once read as its upper end)
    ("He took ibuprofen 400 mg two to three times a day.", [("ibuprofen", None)]),
    ("Oxycodone 10 mg 3-4 times daily was prescribed.", [("oxycodone", None)]),
    ("Morphine 10 mg every 4 to 6 hours was given orally.", [("morphine", None)]),
    ("She received naproxen 250 mg q6-8h.", [("naproxen", None)]),
    # one count is still a schedule
    ("He took ibuprofen 400 mg three times a day.", [("ibuprofen", "1200 mg/day")]),
])
def test_a_range_of_counts_a_day_gives_no_daily_amount(text, want):
    assert _daily_doses(text) == want


def test_a_range_of_intervals_as_needed_keeps_its_maximum():
    # as needed, the shorter interval still gives the most that may be taken
    item = _items("Oxycodone 5 mg every 4 to 6 hours as needed for pain.")[0]
    assert item.prn and item.daily_dose is None
    assert item.max_daily_dose is not None and item.max_daily_dose.value == pytest.approx(30)


@pytest.mark.parametrize(("text", "want"), [
    # fresh75-006: a second schedule after the verb of the dose contradicts its own
    ("Ibuprofen 400 mg t.i.d. was given twice a day for the pain.", [("ibuprofen", None)]),
    ("Naproxen 250 mg b.i.d. was administered two to three times a day.", [("naproxen", None)]),
    # and after the verb of a list of doses, each with its own schedule
    ("Both ibuprofen 400 mg t.i.d. and oxycodone 5 mg t.i.d. were given four times a day.",
     [("ibuprofen", None), ("oxycodone", None)]),
    # the same count after the verb agrees with it
    ("Ibuprofen 400 mg t.i.d. was given three times a day.", [("ibuprofen", "1200 mg/day")]),
    ("Ibuprofen 400 mg t.i.d. and oxycodone 5 mg t.i.d. were given three times a day.",
     [("ibuprofen", "1200 mg/day"), ("oxycodone", "15 mg/day")]),
])
def test_a_schedule_after_the_verb_that_differs_contradicts_the_doses_own(text, want):
    assert _daily_doses(text) == want


def test_a_schedule_after_the_verb_is_the_last_doses_where_it_has_none():
    # the list's last dose has no schedule of its own: the verb's is its, not a contradiction
    assert _daily_doses("Ibuprofen 400 mg t.i.d. and oxycodone 5 mg were given twice daily.") \
        == [("ibuprofen", "1200 mg/day"), ("oxycodone", "10 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh74-026: a combination's name with a space beside its dash or slash is the combination
    ("She received piperacillin\u2013 tazobactam 4.5 g every 8 hours.",
     [("piperacillin + tazobactam", "13.5 g/day")]),
    ("She received piperacillin / tazobactam 4.5 g every 6 hours.",
     [("piperacillin + tazobactam", "18 g/day")]),
    # an amount of one component, first in the brackets after the combination, is the
    # combination's dosed by that component, never the component given alone
    ("He was given sulfamethoxazole-trimethoprim (80 mg of trimethoprim component once daily).",
     [("sulfamethoxazole + trimethoprim", "80 mg/day")]),
    ("He was given piperacillin/tazobactam (4 g of piperacillin every 8 hours).",
     [("piperacillin + tazobactam", "12 g/day")]),
    # a component named with its own amount outside such brackets is that component
    ("He took co-trimoxazole and later 100 mg of trimethoprim daily.",
     [("trimethoprim", "100 mg/day")]),
    # fresh75-016: "compound sulfamethoxazole" (the Chinese pharmacopoeia's name) is the
    # combination, its amount the tablet's whole (800 + 160 mg)
    ("Compound sulfamethoxazole tablets (0.96 g twice daily) were given.",
     [("sulfamethoxazole + trimethoprim", "1.92 g/day")]),
])
def test_a_combination_dosed_by_a_component_or_written_with_spaces_is_the_combination(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh74-029: a name followed by its minimum inhibitory concentration is a test's result
    ("The MICs were vancomycin 1 mg/l, fluconazole \u22640.125 mg/l and linezolid 2 mg/l.", []),
    ("By E-test the isolate was susceptible to fluconazole (0.5 mg/L) and to fluconazole "
     "\u22642 mg/L by broth dilution.", []),
    # the drug given in the same sentence with a dose is an item
    ("The isolate was susceptible to fluconazole (MIC 0.5 mg/L) and she was treated with "
     "fluconazole 400 mg daily.", [("fluconazole", "400 mg/day")]),
    # a plasma level still counts as a measurement; a name alone in a susceptibility sentence
    # without a concentration after it stays an item
    ("The isolate was susceptible, and fluconazole was started.", [("fluconazole", None)]),
])
def test_a_name_with_its_minimum_inhibitory_concentration_is_no_item(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh75-002: millions of units are units, a million times the number written
    ("She was given benzylpenicillin (2 million IU every 6 h).",
     [("benzylpenicillin", "8000000 units/day")]),
    ("Benzylpenicillin 3 million units every 4 hours was started.",
     [("benzylpenicillin", "18000000 units/day")]),
    ("He received colistin 4.5 MU twice daily.", [("colistin", "9000000 units/day")]),
    ("He received nebulised colistin 1 MIU twice daily.", [("colistin", "2000000 units/day")]),
    # plain "penicillin" is the class, no drug of its own: its amount is not read
    ("She had penicillin 4 million units every 4 hours.", []),
])
def test_millions_of_units_are_read_as_units(text, want):
    assert _others(text) == want


# -- prosefix7677: the fresh76 and fresh77 rounds --------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh76-015: a taper's pace after "tapered at" is a step of the taper, not a dose
    ("Prednisolone 40 mg/day, tapered at 5 mg/day every week, was given.",
     [("prednisolone", "40 mg/day")]),
    ("Prednisone 30 mg daily was started and weaned at a rate of 5 mg per week.",
     [("prednisone", "30 mg/day")]),
    ("Dexamethasone 8 mg daily was tapered off at 2 mg every three days.",
     [("dexamethasone", "8 mg/day")]),
    # "tapered to" still names the dose reached
    ("Prednisone was tapered to 10 mg daily.", [("prednisone", "10 mg/day")]),
])
def test_a_tapers_pace_after_tapered_at_is_no_dose(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh77-019: the amount after "X was given at", X a name the catalogue does not know, is
    # X's — never the drug named before it
    ("Methylprednisolone 40 mg daily was given, and Xeltrova was given at 2 g/day.",
     [("methylprednisolone", "40 mg/day")]),
    ("Morphine 10 mg twice daily was started; zorbiline was administered at a dose of 50 mg "
     "daily.", [("morphine", "20 mg/day")]),
    # a pronoun is no name: the amount is the story's drug's
    ("Morphine was started; it was then given at 20 mg daily.", [("morphine", "20 mg/day")]),
])
def test_an_amount_after_an_unknown_name_was_given_at_is_that_names(text, want):
    assert _daily_doses(text) == want


def test_a_mass_a_day_equal_to_a_volume_a_day_times_its_stated_percentage_is_not_invented():
    # fresh76-011: "IV mannitol (20%)100 ml twice a day": 200 mL/day of 20% w/v is 40 g/day
    passage = {"expected": {"states": [{"items": [
        {"as_written": "IV sorbitol (10%) 250 ml daily", "drug": "sorbitol",
         "daily_dose": {"value": 250, "unit": "mL/day"}},
        {"as_written": "saline 1000 ml daily", "drug": "sodium chloride",
         "daily_dose": {"value": 1000, "unit": "mL/day"}}]}]}}
    assert volume_as_mass(passage) == [("sorbitol", pytest.approx(25000.0))]


@pytest.mark.parametrize(("text", "want"), [
    # fresh76-022: a route's full stop before a schedule's abbreviation ends no sentence
    ("Paracetamol 1 g IV. TDS was given.", [("acetaminophen", "3 g/day")]),
    ("She received paracetamol (1 g IV. QDS) for pain.", [("acetaminophen", "4 g/day")]),
    # before a word of a new sentence it still does
    ("Morphine 5 mg IV. He improved.", [("morphine", None)]),
    # a company's abbreviation before a closing bracket ends none either
    ("He was given intravenous 40-mg methylprednisolone (Solu-Medrol, Pfizer Inc.) daily.",
     [("methylprednisolone", "40 mg/day")]),
])
def test_a_routes_or_a_companys_full_stop_ends_no_sentence(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh76-008/-009: a hyphenated amount before a route word and the name
    ("She took a 5-mg oral prednisolone tablet daily.", [("prednisolone", "5 mg/day")]),
    ("He received 20-mg intravenous famotidine twice daily.", [("famotidine", "40 mg/day")]),
    # a bracket of brand, maker and place between the dose and its schedule
    ("She was given 20 mg oral famotidine (Pepcid, Merck) twice daily.",
     [("famotidine", "40 mg/day")]),
    # a hyphenated amount with no name after it is still no dose
    ("She received a 200-mg dose daily.", []),
])
def test_a_hyphenated_amount_before_a_route_and_a_makers_bracket_before_the_schedule(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh76-009: a hyphenated amount of a drug the catalogue lacks
    ("He was given intravenous 500-mg meropenem (Meronem, AstraZeneca) three times daily.",
     [("meropenem", "1500 mg/day")]),
    # fresh76-025: a salt's word in a list after "daily doses of"
    ("He was on daily doses of amlodipine 10 mg and metoprolol tartrate 25 mg.",
     [("amlodipine", "10 mg/day"), ("metoprolol", "25 mg/day")]),
    # fresh76-017: a change of a once-daily dose of a drug the catalogue lacks keeps the schedule
    ("Meropenem was started at a daily dose of 1 g and was increased to 2 g on day 3.",
     [("meropenem", "1 g/day"), ("meropenem", "2 g/day")]),
    # a dose given twice a day lends nothing (2 g a dose or a day?)
    ("Ceftriaxone 1 g twice daily was started and increased to 2 g.",
     [("ceftriaxone", "2 g/day"), ("ceftriaxone", None)]),
])
def test_drugs_the_catalogue_lacks_by_hyphenated_amounts_salted_lists_and_changes(text, want):
    assert _others(text) == want


def test_a_salt_word_in_a_daily_doses_list_of_catalogue_drugs():
    assert _daily_doses("She was on daily doses of morphine sulfate 30 mg and gabapentin "
                        "300 mg.") == [("morphine", "30 mg/day"), ("gabapentin", "300 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh76-007: a class word's bracket holding one drug, then a comma and the amount
    ("He was given an opioid (oral morphine), 10 mg every 4 hours.", [("morphine", "60 mg/day")]),
    ("Steroids (oral prednisolone), 40 mg daily, were started.", [("prednisolone", "40 mg/day")]),
])
def test_a_class_words_bracketed_drug_heads_the_amount_after_it(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh77-012: a volume under a millilitre after the dose and a slash is a syringe's content
    ("Enoxaparin 40 mg/0.4 ml once daily was given.", [("enoxaparin", "40 mg/day")]),
    ("Heparin 5000 units/0.5 ml twice daily was given subcutaneously.",
     [("heparin", "10000 units/day")]),
    # a millilitre or more may be a liquid's strength: its dose is not read
    ("Oramorph 10 mg/5 ml every 4 hours.", [("morphine", None)]),
    # "one dose every N hours" is the schedule's count, not a single dose
    ("Enoxaparin 40 mg, one dose every 12 hours, was given.", [("enoxaparin", "80 mg/day")]),
    ("Morphine 10 mg was given as a single dose.", [("morphine", None)]),
])
def test_a_syringes_volume_and_one_dose_every_n_hours(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh77-019, -018, -002, -032: names added, each with its source
    ("Gamma globulin was given at 20 g/day for 5 days.", [("immunoglobulin", "20 g/day")]),
    ("She received \u03b3-globulin 10 g daily for three days.", [("immunoglobulin", "10 g/day")]),
    ("The patient was treated with r-globulin 10 g daily.", [("immunoglobulin", "10 g/day")]),
    ("Vitamin C 1 g daily and MgSO4 1 g/hour were given.",
     [("ascorbic acid", "1 g/day"), ("magnesium sulfate", "24 g/day")]),
    ("Mycamine 100 mg daily and Sulperazon 2 g every 12 hours were started.",
     [("micafungin", "100 mg/day"), ("cefoperazone + sulbactam", "4 g/day")]),
])
def test_names_added_in_prosefix7677(text, want):
    assert _others(text) == want


# -- prosefix7879: the fresh78 and fresh79 rounds --------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh78-023: a dose every N days, N > 1 written with two digits too, has no daily amount
    ("She continues on morphine 300 mg every 10 days.", [("morphine", None)]),
    ("Prednisone 50 mg every 14 days was given.", [("prednisone", None)]),
    ("Methylprednisolone 500 mg every fourteen days was given.", [("methylprednisolone", None)]),
    # every day, or every N hours, is still a schedule a day
    ("Morphine 10 mg every 4 hours was given.", [("morphine", "60 mg/day")]),
])
def test_a_dose_every_n_days_has_no_daily_amount(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh78-023: the same of a drug the catalogue lacks
    ("She continues to receive rituximab 1,000 mg every 15 days.", [("rituximab", None)]),
    ("Vancomycin 1 g every 10 days was continued.", [("vancomycin", None)]),
])
def test_a_dose_every_n_days_of_a_drug_the_catalogue_lacks(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh78-022: a list's closing "daily" is shared past a name the catalogue lacks that
    # stands after a comma, where the list is closed by "and"
    ("She was taking morphine 10 mg, lisinopril 20 mg, and gabapentin 300 mg daily.",
     [("morphine", "10 mg/day"), ("gabapentin", "300 mg/day")]),
    ("He was on omeprazole 20 mg, ranitidine 150 mg, amlodipine 5 mg and tramadol 50 mg daily; "
     "and albuterol.", [("omeprazole", "20 mg/day"), ("tramadol", "50 mg/day")]),
    # a list of commas alone: the schedule may be the last dose's only
    ("She was taking morphine 10 mg, lisinopril 20 mg, gabapentin 300 mg daily.",
     [("morphine", None), ("gabapentin", "300 mg/day")]),
])
def test_a_lists_closing_schedule_past_a_name_the_catalogue_lacks(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh78-030: "for a total of 4 doses" counts doses; no printed total
    ("Dexamethasone 6 mg every 12 h for a total of 4 doses was given.",
     [("dexamethasone", "12 mg/day")]),
    ("Betamethasone was given. The dose was 12 mg every 24 h for total of 2 doses.",
     [("betamethasone", None), ("betamethasone", "12 mg/day")]),
    # a total of an amount is still a printed total, not the dose
    ("Morphine 10 mg every 4 hours, a total of 60 mg, was given.", [("morphine", "60 mg/day")]),
])
def test_a_total_of_n_doses_is_a_count_not_an_amount(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh79-005: an amount spelt in words before a unit of mass spelt out
    ("Two grams of paracetamol per day were given.", [("acetaminophen", "2 g/day")]),
    ("He received ten milligrams of morphine every 4 hours.", [("morphine", "60 mg/day")]),
    # a number of more than one word is not read, never as its last word (no 5 mg, no 100 mg)
    ("Twenty-five milligrams of morphine daily were given.", [("morphine", None)]),
    ("One hundred and twenty-five milligrams of methylprednisolone daily",
     [("methylprednisolone", None)]),
    # ... but hundreds before the unit are (prosefix111113, fresh112-005)
    ("Five hundred milligrams of methylprednisolone daily",
     [("methylprednisolone", "500 mg/day")]),
    # a count of units is no amount
    ("She took two tablets of morphine.", [("morphine", None)]),
])
def test_an_amount_spelt_in_words(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh79-011, fresh78-032: "posology" and "dosing schedule" between the name and the
    # bracketed amount are nouns of the dose
    ("She was discharged on a reduced meropenem posology (3 g/day).",
     [("meropenem", "3 g/day")]),
    ("Despite a vancomycin dosing schedule [1 g intravenous (IV) every 12 h], fever "
     "persisted.", [("vancomycin", "2 g/day")]),
])
def test_posology_and_dosing_schedule_are_words_of_the_dose(text, want):
    assert _others(text) == want


def test_posology_of_a_catalogue_drug():
    assert _daily_doses("He was discharged on a reduced gabapentin posology (900 mg/day).") \
        == [("gabapentin", "900 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh79-031, -029: names added, each with its source
    ("She took colecalciferol 1000 IU daily.", [("cholecalciferol", "1000 units/day")]),
    ("Calcium carbonate 500 mg twice daily was added.", [("calcium carbonate", "1000 mg/day")]),
    ("He was given N-acetylcysteine 600 mg twice daily.", [("acetylcysteine", "1200 mg/day")]),
    ("N-acetyl cysteine (NAC) (200 mg every 8 h) was given.", [("acetylcysteine", "600 mg/day")]),
    # "calcium" alone is the element, not calcium carbonate
    ("Calcium 500 mg daily was added.", []),
])
def test_names_added_in_prosefix7879(text, want):
    assert _others(text) == want


# -- prosefix8081: the fresh80 and fresh81 rounds --------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh80-030: doses so many hours apart are doses every so many hours
    ("Two doses of dexamethasone (6 mg, 12 h apart) were given.", [("dexamethasone", "12 mg/day")]),
    ("Morphine 5 mg doses 4 hours apart were given.", [("morphine", "30 mg/day")]),
    ("Methylprednisolone 40 mg given eight hours apart.", [("methylprednisolone", "120 mg/day")]),
    # "apart" of anything else is no schedule
    ("The two scans, 24 h apart, were normal; she took morphine 10 mg.", [("morphine", None)]),
])
def test_doses_n_hours_apart_are_every_n_hours(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh80-024: a catalogue name written with its chemical prefix apart, the words after the
    # prefix no name of their own
    ("She was discharged on acetyl salicylic acid 75 mg once daily.", [("aspirin", "75 mg/day")]),
    ("Acetyl-salicylic acid 300 mg daily was started.", [("aspirin", "300 mg/day")]),
    # the prefix before a catalogue name still makes another substance
    ("Acetyl morphine 10 mg was found.", []),
])
def test_a_catalogue_name_with_its_chemical_prefix_apart(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh81-022: "once" with a time of the night is the nightly dose, not a single dose
    ("Amitriptyline 25 mg once nightly was continued.", [("amitriptyline", "25 mg/day")]),
    ("She took zolpidem 5 mg once at bedtime.", [("zolpidem", "5 mg/day")]),
    ("Morphine 30 mg once at night was added.", [("morphine", "30 mg/day")]),
])
def test_once_nightly_is_a_nightly_dose(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh80-023, fresh81-027: names added, each with its source
    ("Teicoplanin 400 mg daily was started.", [("teicoplanin", "400 mg/day")]),
    ("He received teicoplanin 600 mg every 12 hours.", [("teicoplanin", "1200 mg/day")]),
    ("Cyclobenzaprine 5 mg three times daily was prescribed.", [("cyclobenzaprine", "15 mg/day")]),
    ("She took cyclobenzaprine hydrochloride 10 mg daily.", [("cyclobenzaprine", "10 mg/day")]),
])
def test_names_added_in_prosefix8081(text, want):
    assert _others(text) == want


def test_the_measure_matches_a_misspelt_name_the_catalogue_lacks_by_its_words():
    # fresh81-026: a name the catalogue lacks, misspelt in the passage, matches the expected
    # item whose words it was read from, with the same amount, where the names are spelt alike
    text = "She was given molnupirivir 800 mg twice daily and zanamivir 10 mg twice daily."
    passage = {"text": text, "expected": {"states": [{"items": [
        {"as_written": "molnupirivir 800 mg twice daily", "drug": "molnupiravir",
         "daily_dose": {"value": 1600, "unit": "mg/day"}},
        {"as_written": "zanamivir 10 mg twice daily", "drug": "zanamivir",
         "daily_dose": {"value": 20, "unit": "mg/day"}}]}]}}
    first, second = read_course(text).not_in_catalogue
    assert first.name == "molnupirivir"
    assert _misspelt_match(passage, "molnupiravir", 1600.0, first)
    assert not _misspelt_match(passage, "molnupiravir", 800.0, first)  # another amount
    assert not _misspelt_match(passage, "molnupiravir", 1600.0, second)  # other words and name


# -- prosefix8283: the fresh82 and fresh83 rounds --------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh83-007: the amount a dose replaces ("instead of", "rather than", "in place of",
    # "(previously …)") is the former or usual dose, not given now
    ("Apixaban was resumed at 2.5 mg twice daily instead of 5 mg.", [("apixaban", "5 mg/day")]),
    ("She took warfarin 3 mg daily rather than 5 mg.", [("warfarin", "3 mg/day")]),
    ("Prednisolone 20 mg daily in place of the usual 40 mg was given.",
     [("prednisolone", "20 mg/day")]),
    ("Morphine 10 mg every 4 hours (previously 5 mg every 4 hours) was given.",
     [("morphine", "60 mg/day")]),
    # another drug named after the amount is the intended drug, an item of its own
    ("He was given 10 mg of hydromorphone IM instead of 10 mg of morphine.",
     [("hydromorphone", None), ("morphine", None)]),
])
def test_the_amount_a_dose_replaces_is_not_given(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh83-034: "and" joining two verbs of giving makes one verb of the dose; the schedule
    # after the second is the dose's
    ("Hydrocortisone 100 mg was started and given every 8 h.",
     [("hydrocortisone", "300 mg/day")]),
    ("Morphine 10 mg was continued and given twice daily.", [("morphine", "20 mg/day")]),
    ("Dexamethasone 4 mg was initiated and administered every 6 hours.",
     [("dexamethasone", "16 mg/day")]),
    # a verb of change after "and" is not a verb of giving: its interval is no schedule
    ("Morphine 10 mg was started and increased every 4 days.", [("morphine", None)]),
])
def test_two_verbs_of_giving_joined_by_and_are_one(text, want):
    assert _daily_doses(text) == want


def _states_not_carried(text: str) -> list[list[tuple[str, str | None]]]:
    return [[(i.drug.name, None if i.daily_dose is None else str(i.daily_dose))
             for i in state.items if not i.carried] for state in read_course(text).states]


@pytest.mark.parametrize(("text", "want"), [
    # fresh82-026: the same dose of a drug in two brackets, each holding the drug's name after
    # a course's name, is two courses of a list, one after the other: two states
    ("Earlier courses were A (hydrocortisone 100 mg every 8 hours), B (hydrocortisone 100 mg "
     "every 8 hours).",
     [[("hydrocortisone", "300 mg/day")], [("hydrocortisone", "300 mg/day")]]),
    ("He had VD (dexamethasone 20 mg/day) and then RD (dexamethasone 20 mg/day).",
     [[("dexamethasone", "20 mg/day")], [("dexamethasone", "20 mg/day")]]),
    # a bracket around the amount alone is no course: one state, as before
    ("He took morphine (10 mg every 4 hours) and morphine (5 mg as needed).",
     [[("morphine", "60 mg/day"), ("morphine", None)]]),
])
def test_courses_of_a_list_in_brackets_are_states_in_turn(text, want):
    assert _states_not_carried(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh82-026, -033, fresh83-016: names added, each with its source
    ("Melphalan 8 mg/day for 4 days was given.", [("melphalan", "8 mg/day")]),
    ("He took thalidomide (200 mg/day).", [("thalidomide", "200 mg/day")]),
    ("She took letrozole 2.5 mg daily.", [("letrozole", "2.5 mg/day")]),
    ("Valganciclovir 450 mg twice daily was started.", [("valganciclovir", "900 mg/day")]),
    ("Cisatracurium besylate (3 mg/hour) was infused.", [("cisatracurium", "72 mg/day")]),
])
def test_names_added_in_prosefix8283(text, want):
    assert _others(text) == want


# -- prosefix8485: the fresh84 and fresh85 rounds --------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh85-001: an abbreviation in capitals after a conjunction heads the amount after it,
    # never the drug before with its own amount
    ("Morphine 10 mg every 4 hours and GBP 300 mg three times daily were continued.",
     [("morphine", "60 mg/day")]),
    ("She took aspirin 100 mg daily, and CBZ 200 mg twice daily.", [("aspirin", "100 mg/day")]),
])
def test_an_abbreviation_after_a_conjunction_heads_its_amount(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh85-001: the same rule for the drugs the catalogue lacks (the second reading)
    ("His medicines were levetiracetam 500 mg twice daily and LTG 100 mg daily.",
     [("levetiracetam", "1000 mg/day")]),
    ("He took metformin 500 mg twice daily plus SGLT 10 mg daily.",
     [("metformin", "1000 mg/day")]),
])
def test_an_abbreviation_after_a_conjunction_heads_its_amount_of_others(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh85-010: "the ABBR dose" and "a dose reduction of Name" name whose dose changes: the
    # sentence's amounts are not the story drug's
    ("Morphine 10 mg every 4 hours was given. On day 3, the CBZ dose was reduced to 200 mg/day.",
     [("morphine", "60 mg/day")]),
    ("Morphine 10 mg every 4 hours was given. A dose reduction of Cyc was decided (from 100 mg "
     "to 50 mg/day).", [("morphine", "60 mg/day")]),
    ("Morphine 10 mg every 4 hours was given. A dose increase of Aza was made (to 100 mg/day).",
     [("morphine", "60 mg/day")]),
    # a sentence that names no one else still refers back to the story drug
    ("Morphine 10 mg every 4 hours was given. The dose was reduced to 30 mg/day.",
     [("morphine", "60 mg/day"), ("morphine", "30 mg/day")]),
    ("Morphine 10 mg every 4 hours was given. The morphine dose was reduced to 30 mg/day.",
     [("morphine", "60 mg/day"), ("morphine", "30 mg/day")]),
])
def test_a_dose_named_for_an_abbreviation_is_not_the_story_drugs(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh84-004: a schedule right after a verb of change is the rhythm of its steps, never
    # the schedule of the amounts after it (it made 500 mg "every 3 days" 166.7 mg a day)
    ("Methylprednisolone 500 mg was injected. Methylprednisolone dose was gradually decreased "
     "every 3 days as the following: 500 mg, 250 mg, and 100 mg.",
     [("methylprednisolone", None)] * 4),
    ("Prednisolone 60 mg daily was given. Prednisolone was tapered gradually every 5 days: "
     "40 mg, 30 mg, 20 mg.",
     [("prednisolone", "60 mg/day"), ("prednisolone", "40 mg/day"),
      ("prednisolone", "30 mg/day"), ("prednisolone", "20 mg/day")]),
    ("Morphine was titrated every 4 hours to 10 mg.", [("morphine", None)]),
    # a schedule after the amount is the dose's, as before
    ("Morphine was increased to 10 mg every 4 hours.", [("morphine", "60 mg/day")]),
])
def test_the_rhythm_of_a_change_is_no_schedule_of_its_steps(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh84-004: "mg/body/day" is mg a day for the whole patient ("/body" is no part of the unit)
    ("Dexamethasone 8 mg/body/day was given.", [("dexamethasone", "8 mg/day")]),
    ("Methylprednisolone 250 mg/body/day was injected intravenously.",
     [("methylprednisolone", "250 mg/day")]),
    ("Cyclophosphamide 500 mg/body was given once with morphine 10 mg/body/day.",
     [("morphine", "10 mg/day")]),
    # fresh85-022: "once every 12 h" is one dose at each interval, not a single dose
    ("He was given morphine (10 mg, intravenous drip, once every 12 h).",
     [("morphine", "20 mg/day")]),
    ("Hydrocortisone 50 mg IV once every 6 hours.", [("hydrocortisone", "200 mg/day")]),
    ("Fentanyl 100 mcg once was given.", [("fentanyl", None)]),
    # fresh84-003: "of systemic" between the amount and the drug's name
    ("She received 40 mg/day of systemic prednisolone.", [("prednisolone", "40 mg/day")]),
    ("He was given 10 mg systemic dexamethasone daily.", [("dexamethasone", "10 mg/day")]),
])
def test_per_body_once_every_and_systemic(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh85-031: an ordinal between a name and its next amount ("on first day") names no drug
    ("He was started on remdesivir 200 mg on first day followed by 100 mg once daily.",
     [("remdesivir", None), ("remdesivir", "100 mg/day")]),
    ("He took metformin 1000 mg on the first day, then 500 mg twice daily.",
     [("metformin", None), ("metformin", "1000 mg/day")]),
    ("Oseltamivir 150 mg on the second day and then 75 mg twice daily.",
     [("oseltamivir", None), ("oseltamivir", "150 mg/day")]),
])
def test_an_ordinal_names_no_drug(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh85-030: Wysolone, an Indian brand of prednisolone (drug_names.csv, with its source)
    ("Oral Wysolone 10 mg twice daily was started.", [("prednisolone", "20 mg/day")]),
    ("He was switched to wysolone 40 mg once daily.", [("prednisolone", "40 mg/day")]),
])
def test_names_added_in_prosefix8485(text, want):
    assert _daily_doses(text) == want


# -- prosefix8687: the fresh86 and fresh87 rounds --------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh86-002: a schedule after a concentration closes its item: the next item's volume is
    # its own solution's, never the concentration's before (it made furosemide 10 mg/mL 3000 mg
    # a day from mannitol's 100 mL)
    ("He received an injection of morphine 10 mg/mL intravenously every 8 hours, an injection "
     "of ketamine 2 mg/mL 10 mL intravenously every 6 hours.",
     [("morphine", None), ("ketamine", "80 mg/day")]),
    ("He received ondansetron 2 mg/mL every 8 hours and an injection of metoclopramide 5 mg/mL "
     "2 mL every 8 hours.", [("ondansetron", None), ("metoclopramide", "30 mg/day")]),
    # two concentrations of one solution with no schedule between still share the rate
    ("An epidural infusion of bupivacaine 0.1% with fentanyl 2 mcg/mL at 10 mL/h was started.",
     [("bupivacaine", "240 mg/day"), ("fentanyl", "480 mcg/day")]),
])
def test_a_schedule_closes_a_concentrations_item(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh86-025, fresh87-004: a point with three digits is a decimal point where the other
    # reading is no dose (a kilogram or more) or the decimals are an odd number of eighths
    ("Morphine 3.125 mg every 4 hours was given.", [("morphine", "18.75 mg/day")]),
    ("He took paracetamol 1.000 g every 6 hours.", [("acetaminophen", "4 g/day")]),
    # a round number of thousands stays unread, as before
    ("Heparin dose increased up to 24.000 units.", [("heparin", None)]),
    ("She took morphine 1.250 mg every 4 hours.", [("morphine", None)]),
])
def test_a_point_with_three_digits_read_where_only_a_decimal_point_is_a_dose(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # the same rule for the drugs the catalogue lacks (fresh86-025, fresh87-004)
    ("She took carvedilol 3.125 mg twice daily.", [("carvedilol", "6.25 mg/day")]),
    ("He was given piperacillin/tazobactam 4.500 g every 8 hours.",
     [("piperacillin + tazobactam", "13.5 g/day")]),
])
def test_a_point_with_three_digits_read_as_a_decimal_point_of_others(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh86-009: an amount "in divided doses" with no other schedule is the day's amount
    ("He was given morphine (30 mg in three divided doses).", [("morphine", "30 mg/day")]),
    ("She took gabapentin 900 mg in 3 divided doses for 2 weeks.", [("gabapentin", "900 mg/day")]),
    # ... not where the sentence gives the amount another span of time, or calls it a total
    ("Over 72 hours she received about 2400 mg of paracetamol in divided doses.",
     [("acetaminophen", None)]),
    ("He received a total of 3 g of paracetamol in divided doses.", [("acetaminophen", None)]),
    # ... nor a bolus
    ("A bolus of morphine 10 mg in two divided doses.", [("morphine", None)]),
])
def test_an_amount_in_divided_doses_is_a_days(text, want):
    assert _daily_doses(text) == want


def test_an_amount_in_divided_doses_is_a_days_of_others():
    # fresh86-009: the same for a drug the catalogue lacks
    assert _others("He took albendazole (800 mg in two divided doses).") \
        == [("albendazole", "800 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh87-028: each amount alone in brackets after its name, a list closed by "and", and
    # a schedule of one dose a day after the last: the schedule is each dose's
    ("He took morphine (10 mg) and paracetamol (1 g) daily.",
     [("morphine", "10 mg/day"), ("acetaminophen", "1 g/day")]),
    ("She took aspirin (100 mg), gabapentin (300 mg) and paracetamol (1 g) daily.",
     [("aspirin", "100 mg/day"), ("gabapentin", "300 mg/day"), ("acetaminophen", "1 g/day")]),
    # a count of doses a day stays the last dose's (prosefix list rule), as without brackets
    ("He took morphine (10 mg) and paracetamol (1 g) four times daily.",
     [("morphine", None), ("acetaminophen", "4 g/day")]),
])
def test_a_schedule_after_bracketed_amounts_of_a_list_is_each_doses(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh87-033: an em dash between a name and its amount is punctuation, not a hyphen
    ("She was given steroids (prednisolone—40 mg/day).", [("prednisolone", "40 mg/day")]),
    ("He was started on gabapentin—300 mg three times daily.", [("gabapentin", "900 mg/day")]),
])
def test_an_em_dash_between_a_name_and_its_amount(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh87-012: words of a course's sequence ("subsequent", "following", "next") between a
    # name and a later amount name no drug
    ("She received levetiracetam 500 mg twice a day, followed by two subsequent weeks of a "
     "750 mg twice a day regimen.",
     [("levetiracetam", "1000 mg/day"), ("levetiracetam", "1500 mg/day")]),
    # fresh87-021: nor do words comparing the dose ("higher", "lower")
    ("She was switched back to metformin at a lower dose of 500 mg twice daily.",
     [("metformin", "1000 mg/day")]),
    ("He was restarted on bromocriptine at a higher dose of 5 mg twice daily.",
     [("bromocriptine", "10 mg/day")]),
])
def test_words_of_sequence_and_comparison_name_no_drug(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("name", "same"), [
    # fresh86-002: a measurement convention: insulin named by its species is plain insulin;
    # an analogue is its own drug
    ("insulin human", True), ("Human insulin", True), ("insulin glargine", False),
])
def test_the_measure_compares_insulin_named_by_its_species_as_insulin(name, same):
    assert (other_name(name) == other_name("insulin")) is same


# -- prosefix8889: the fresh88 and fresh89 rounds ---------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh88-006: a route word between a part's amount and its time of day: the parts of a
    # split dose still sum to the day (each part was read as a day's amount)
    ("He took oxycodone 10 mg PO every morning and 20 mg PO every evening.",
     [("oxycodone", "30 mg/day")]),
    # a part without a time of day of its own: no part is the day's, as before
    ("He took oxycodone 10 mg PO every morning and 20 mg.",
     [("oxycodone", None), ("oxycodone", None)]),
])
def test_a_split_doses_time_of_day_may_follow_its_route_word(text, want):
    assert _daily_doses(text) == want


def test_a_split_doses_time_of_day_may_follow_its_route_word_of_others():
    # fresh88-006: the same for a drug the catalogue lacks
    assert _others("She took nifedipine 30 mg orally in the morning and 60 mg at night.") \
        == [("nifedipine", "90 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh88-006: a dose at each of the three meals and one at bedtime is four a day
    ("She took metoclopramide 10 mg before each meal and at bedtime.",
     [("metoclopramide", "40 mg/day")]),
    ("He took oxycodone 5 mg a.c. and h.s.", [("oxycodone", "20 mg/day")]),
    # meals alone are not counted: a day may have two or three
    ("She took metoclopramide 10 mg with meals.", [("metoclopramide", None)]),
])
def test_meals_and_bedtime_are_four_doses_a_day(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh89-028: "plus" joins a combination's components as "and" does
    ("He received piperacillin plus tazobactam 4.5 g every 6 hours.",
     [("piperacillin + tazobactam", "18 g/day")]),
    ("She took amoxicillin plus clavulanic acid 1 g twice daily.",
     [("amoxicillin + clavulanic acid", "2 g/day")]),
])
def test_a_combination_joined_by_plus_is_the_product(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh89-028: names added with their labels
    ("She took conjugated estrogen 0.625 mg daily.", [("conjugated estrogens", "0.625 mg/day")]),
    ("He received vitamin K1 10 mg daily.", [("phytomenadione", "10 mg/day")]),
    ("He received phytonadione 10 mg daily.", [("phytomenadione", "10 mg/day")]),
    # bare "vitamin K" may be menadione (K3): not read as phytomenadione
    ("He received vitamin K 10 mg daily.", []),
])
def test_conjugated_estrogens_and_vitamin_k1_are_named(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh89-006: "of" between a name of a list and its amount; the "a day" that ends the
    # list is each dose's
    ("He took oxycodone hydrochloride of 10 mg and aspirin of 100 mg a day.",
     [("oxycodone", "10 mg/day"), ("aspirin", "100 mg/day")]),
    ("He took morphine of 10 mg and gabapentin of 300 mg daily.",
     [("morphine", "10 mg/day"), ("gabapentin", "300 mg/day")]),
])
def test_of_between_a_lists_name_and_its_amount(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh89-024: words that say the dose held, and a duration or age in years, name no drug
    ("He kept taking metformin, but was on a stable dose of 500 mg twice daily.",
     [("metformin", "1000 mg/day")]),
    ("She took losartan from 2010 to age 60 years, and was on a usual dose of 50 mg daily.",
     [("losartan", "50 mg/day")]),
])
def test_words_of_a_held_dose_and_years_name_no_drug(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh88-003: "administration" right after the amount names the dose; its sig follows
    ("He began morphine 10 mg administration, one pill twice a day.", [("morphine", "20 mg/day")]),
    ("She started tramadol 50 mg administration every 8 hours.", [("tramadol", "150 mg/day")]),
])
def test_a_dose_named_administration_keeps_its_sig(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh88-004: "(500 mg × 3)" after doses of a list: the notation's doses a day, where
    # the passage writes two doses or more so
    ("He received morphine (10 mg × 3) and paracetamol (1 g × 4).",
     [("morphine", "30 mg/day"), ("acetaminophen", "4 g/day")]),
    # a lone one may count the doses of a course: not read
    ("He received morphine (10 mg × 3) and paracetamol (1 g).",
     [("morphine", None), ("acetaminophen", None)]),
    # a duration or a count of doses after the count is a course
    ("He received morphine (10 mg × 3 days) and paracetamol (1 g × 2 doses).",
     [("morphine", None), ("acetaminophen", None)]),
])
def test_a_count_after_a_dose_in_the_n_times_notation(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("written", "drug", "same"), [
    # fresh89-031: a measurement convention: the bare word "mycophenolate" matches either
    # product by its words; a product named matches its own
    ("mycophenolate 500 mg twice daily", "mycophenolate mofetil", True),
    ("mycophenolate 500 mg twice daily", "mycophenolic acid", True),
    ("mycophenolate sodium 360 mg twice daily", "mycophenolate mofetil", False),
])
def test_the_measure_matches_bare_mycophenolate_to_either_product(written, drug, same):
    text = f"She took {written}."
    item = read_course(text).not_in_catalogue[0]
    passage = {"text": text, "expected": {"states": [{"items": [
        {"drug": drug, "as_written": written,
         "daily_dose": {"value": 1000 if "500" in written else 720, "unit": "mg/day"}}]}]}}
    value = 1000.0 if "500" in written else 720.0
    assert _product_unnamed_match(passage, drug, value, item) is same


# -- prosefix9091: the fresh90 and fresh91 rounds ---------------------------------------------------

@pytest.mark.parametrize("text", [
    # fresh90-001/-034: every space a typesetter sets is a space (four-per-em, narrow no-break,
    # en quad, ideographic …)
    "He took oral oxycodone 10\u2005mg twice daily.",
    "He took oral oxycodone 10\u202fmg twice\u2005daily.",
    "He took oral oxycodone\u2000 10\u3000mg twice daily.",
    "He took oral oxycodone 10\u2006mg twice daily.",
])
def test_every_unicode_space_is_a_space(text):
    assert _daily_doses(text) == [("oxycodone", "20 mg/day")]
    assert len(normalise(text)) == len(text)


@pytest.mark.parametrize(("text", "want"), [
    # fresh90-034: a sentence that names a drug the catalogue lacks speaks of it: its amounts
    # are not the catalogue drug's of the sentence before
    ("She received betamethasone 12 mg once a day. Magnesium sulfate infusion 1 g/h i.v. was "
     "started.", [("betamethasone", "12 mg/day")]),
    ("He was on morphine 10 mg every 4 hours. The metformin dose was increased to 1 g twice "
     "daily.", [("morphine", "60 mg/day")]),
    # no such name: the dose still refers back to the story's drug, as before
    ("He was on morphine 10 mg every 4 hours. The dose was increased to 15 mg every 4 hours.",
     [("morphine", "60 mg/day"), ("morphine", "90 mg/day")]),
])
def test_a_sentence_naming_a_drug_the_catalogue_lacks_refers_back_to_no_other(text, want):
    assert _daily_doses(text) == want


def test_the_amount_of_a_drug_the_catalogue_lacks_is_its_own_after_a_catalogue_drug():
    # fresh90-034: read as the named drug's, never the betamethasone's
    assert _others("She received betamethasone 12 mg once a day. Magnesium sulfate infusion "
                   "1 g/h i.v. was started.") == [("magnesium sulfate", "24 g/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh90-034: a listed name written with a final "e" (the French and Italian INN)
    ("Cefazoline 1 g i.v. was given every 8 h.", [("cefazolin", "3 g/day")]),
    ("He received vancomycine 1 g every 12 hours.", [("vancomycin", "2 g/day")]),
    ("Bemiparine 3500 IU s.c. once a day was added.", [("bemiparin", "3500 units/day")]),
    # a word of fewer than eight letters is not read so ("heroine")
    ("The heroine took 5 mg daily.", []),
])
def test_a_listed_name_with_a_final_e_is_that_drug(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh91-020: a rate after words of the maximum that head its drug (or its list) is the
    # peak of a titration, not a day's amount
    ("He required maximum doses of norepinephrine (40 μg/min) and vasopressin (2.4 U/h).",
     [("norepinephrine", None), ("vasopressin", None)]),
    ("The peak rate of labetalol was 2 mg/min.", [("labetalol", None)]),
    # without such words the rate is read as the day's, as before
    ("He required norepinephrine (40 μg/min).", [("norepinephrine", "57600 mcg/day")]),
])
def test_a_rate_headed_by_words_of_the_maximum_has_no_daily_amount(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("She needed maximal rates of morphine (4 mg/h).", [("morphine", None)]),
    ("The peak rate of dexmedetomidine was 1.4 mcg/h.", [("dexmedetomidine", None)]),
    # an amount a day after a maximum is the patient's highest day, read as before
    ("The maximum daily dose of oxycodone was 40 mg per day.", [("oxycodone", "40 mg/day")]),
    ("She was on morphine 4 mg/h.", [("morphine", "96 mg/day")]),
])
def test_a_catalogue_drugs_peak_rate_has_no_daily_amount(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh90-001: "per N h", the hour written as its symbol, is every N hours
    ("She was given morphine 10 mg per 4 h.", [("morphine", "60 mg/day")]),
    ("He took oxycodone 20 mg per 12 h.", [("oxycodone", "40 mg/day")]),
    # fresh91-009: "one time a day" is once a day
    ("He took oxycodone 20 mg one time a day.", [("oxycodone", "20 mg/day")]),
    ("She was given enoxaparin 4000 UI one time daily.", [("enoxaparin", "4000 units/day")]),
    # fresh91-018: "once a daily" (sic) is once daily
    ("He was started on morphine 10 mg once a daily.", [("morphine", "10 mg/day")]),
    # fresh90-004: "IM" is the intramuscular route, as "IV" is the intravenous one
    ("She received haloperidol (2.5 mg, IM, q6hr).", [("haloperidol", "10 mg/day")]),
    ("He received morphine (10 mg, IM, every 4 hours).", [("morphine", "60 mg/day")]),
    # fresh91-007: a word of the dose's purpose between an amount and its drug
    ("The patient was started on daily 40 mg subcutaneous prophylactic enoxaparin.",
     [("enoxaparin", "40 mg/day")]),
    ("He was given 60 mg therapeutic enoxaparin twice daily.", [("enoxaparin", "120 mg/day")]),
])
def test_schedules_and_routes_of_the_fresh90_and_fresh91_rounds(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh90-001: the same for drugs the catalogue lacks
    ("Intravenous ampicillin/sulbactam 3 g per 6 h was initiated.",
     [("ampicillin + sulbactam", "12 g/day")]),
    ("Intravenous teicoplanin 400 mg one time a day was started.", [("teicoplanin", "400 mg/day")]),
    ("She took moxifloxacin (400 mg once a daily orally).", [("moxifloxacin", "400 mg/day")]),
])
def test_schedules_of_the_fresh90_and_fresh91_rounds_for_others(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh90-031: after "a reduction in the dose of", an amount in the bracket that names the
    # drug, or right after its name, is the dose reached, not the reduction's size
    ("He had a reduction in the dose of corticosteroid (prednisolone 4 mg/day).",
     [("prednisolone", "4 mg/day")]),
    ("She had a reduction in the dose of morphine (30 mg/day).", [("morphine", "30 mg/day")]),
    # the size of a reduction, after "by" or "of", stays no dose, as before
    ("He had a dose reduction of 5 mg of prednisolone.", [("prednisolone", None)]),
    ("He had a reduction of prednisolone by 5 mg.", [("prednisolone", None)]),
])
def test_an_amount_bracketed_with_its_drug_after_a_reduction_is_the_dose_reached(text, want):
    assert _daily_doses(text) == want


# -- prosefix9293: the fresh92 and fresh93 rounds ---------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh92-019: a dose the literature, a guideline or a label gives is no dose given, in a
    # sentence that names no drug (it referred back to the story's drug) or one that does
    ("She took gabapentin 300 mg at night. Although the starting dose described in previous "
     "reports is 900 mg/day, we chose 300 mg.", [("gabapentin", "300 mg/day"), ("gabapentin", None)]),
    ("She took gabapentin 300 mg at night. The usual dose in the literature was 600 mg/day.",
     [("gabapentin", "300 mg/day")]),
    ("She took gabapentin 300 mg at night. The literature reports a starting dose of 900 mg/day.",
     [("gabapentin", "300 mg/day")]),
    ("She took gabapentin 300 mg at night. The dose of gabapentin recommended by the guidelines "
     "is 900 mg/day.", [("gabapentin", "300 mg/day")]),
    # the patient's own doses are read as before, a source named after the amount or not at all
    ("She took gabapentin 300 mg at night. The dose was increased to 600 mg/day.",
     [("gabapentin", "300 mg/day"), ("gabapentin", "600 mg/day")]),
    ("She took gabapentin 300 mg at night. The dose was increased according to the guidelines to "
     "600 mg/day.", [("gabapentin", "300 mg/day"), ("gabapentin", "600 mg/day")]),
])
def test_a_dose_the_literature_gives_is_no_dose_given(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh92-007: a dose with no schedule of its own, then "and", "then" or a comma,
    # "continued" and a schedule: the dose went on at that schedule
    ("She was given morphine at 5 mg and continued every 4 hours.", [("morphine", "30 mg/day")]),
    ("He received dexamethasone 4 mg, then continued every 6 h.", [("dexamethasone", "16 mg/day")]),
    ("He received dexamethasone 4 mg and continued it every 12 hours.",
     [("dexamethasone", "8 mg/day")]),
    # not another amount after "continued" (another dose), nor a course with no schedule
    ("He received dexamethasone 8 mg and continued 4 mg every 6 h.",
     [("dexamethasone", None), ("dexamethasone", "16 mg/day")]),
    ("He received dexamethasone 8 mg and continued for 5 days.", [("dexamethasone", None)]),
    # nor a dose that has its own schedule
    ("He received dexamethasone 8 mg daily and continued every 6 h.",
     [("dexamethasone", "8 mg/day")]),
])
def test_a_dose_continued_at_a_schedule_takes_it(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize("text", [
    # fresh92-013: a combination named by its parts side by side, or by a slash, a hyphen or its
    # EU brand (other_drug_names.csv, from the Zavicefta product information)
    "He was on ceftazidime avibactam 2.5 g every 8 hours.",
    "He was on ceftazidime/avibactam 2.5 g q8h.",
    "He was on Ceftazidime-Avibactam 2.5gm 8 hourly.",
    "He was on Zavicefta 2.5 g three times a day.",
])
def test_ceftazidime_and_avibactam_side_by_side_is_the_combination(text):
    assert _others(text) == [("ceftazidime + avibactam", "7.5 g/day")]


def test_plain_ceftazidime_is_still_ceftazidime():
    assert _others("He was on ceftazidime 2 g every 8 hours.") == [("ceftazidime", "6 g/day")]


@pytest.mark.parametrize(("text", "drug"), [
    # fresh92-009: "gr" after a drug the catalogue lacks is said as after a catalogue drug's
    # name, and its amount is not read (a grain or a gram)
    ("She remained on meropenem 1 gr TID and vancomycin 1 g twice daily.", "meropenem"),
    ("She was given 2 gr of vancomycin daily.", "vancomycin"),
])
def test_grain_or_gram_is_said_for_a_drug_the_catalogue_lacks(text, drug):
    (finding,) = [f for f in read_course(text).findings if f.finding.code == "grain-or-gram"]
    assert f"({drug})" in finding.finding.message
    assert all(daily is None for name, daily in _others(text) if name == drug)


@pytest.mark.parametrize(("text", "name"), [
    # fresh93-018: an unread amount's word spelt within two letters of a catalogue name is said,
    # with that name, and never read as it
    ("He was given hydromorfone 2 mg every 4 hours.", "hydromorphone"),
    ("She took 500 mg of paracetemol every 6 hours.", "paracetamol (acetaminophen)"),
    ("She took pregabaline 75 mg twice daily.", "pregabalin"),
])
def test_a_word_spelt_like_a_catalogue_name_is_said_not_read(text, name):
    reading = read_course(text)
    (finding,) = [f for f in reading.findings if f.finding.code == "spelt-like"]
    assert f"spelt like {name} (" in finding.finding.message
    assert not reading.items


def test_a_word_far_from_any_catalogue_name_is_not_said_spelt_like():
    assert "spelt-like" not in _codes("He had haemoglobin 10 g/dL and took metformin 500 mg "
                                      "twice daily.")


# -- prosefix949596: the fresh94, fresh95 and fresh96 rounds -----------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh95-007: the kilogram of a dose per kg spelt out, or with the body weight it means,
    # is per kg: without a weight there is no daily amount ...
    ("He was given vancomycin 15 milligrams per kilogram every 12 hours.", [("vancomycin", None)]),
    ("Mebendazole 5 mg per kilogram per day was given.", [("mebendazole", None)]),
    ("Amikacin 15 mg/kg body weight once daily was started.", [("amikacin", None)]),
    ("Amikacin 15 mg/kg of body weight per day was started.", [("amikacin", None)]),
    ("Amikacin 15 mg/kg bw per day was started.", [("amikacin", None)]),
    ("She received gentamicin 5 mg per kilo once daily.", [("gentamicin", None)]),
    # ... and with the weight the text gives (in kg or kilograms), the dose times the weight
    ("He weighs 60 kg. Gentamicin 5 mg/kg of body weight once daily.",
     [("gentamicin", "300 mg/day")]),
    ("She weighed 50 kilograms. Amikacin 15 mg per kilogram of body weight per day was given.",
     [("amikacin", "750 mg/day")]),
    # per kg of an ideal (lean, adjusted) weight is never multiplied by the weight weighed
    ("She weighed 80 kg. Vancomycin 15 mg/kg of ideal body weight every 12 hours.",
     [("vancomycin", None)]),
])
def test_a_dose_per_kilogram_however_spelt_is_per_kg(text, want):
    assert _others(text) == want


def test_a_catalogue_drug_per_kilogram_spelt_out_has_no_daily_amount_without_a_weight():
    # fresh95-007, on a catalogue drug
    (item,) = _items("Ketamine 1 milligram per kilogram per hour was infused.")
    assert item.daily_dose is None
    assert "weight-based" in _codes("Ketamine 1 milligram per kilogram per hour was infused.")


@pytest.mark.parametrize(("text", "want"), [
    # fresh96-008: amounts listed after a count of dosage units and "each containing" are one
    # unit's strengths, times the count — never one unit's strength as the dose
    ("She took three tablets each containing 250 mg ethambutol, 75 mg isoniazid and 150 mg "
     "rifampicin once daily.",
     [("ethambutol", "750 mg/day"), ("isoniazid", "225 mg/day"), ("rifampicin", "450 mg/day")]),
    ("Two capsules each consisting of rifampicin 150 mg and isoniazid 75 mg were given once "
     "daily.", [("rifampicin", "300 mg/day"), ("isoniazid", "150 mg/day")]),
    ("He took 2 tablets, each of which contains 400 mg pyrazinamide, daily.",
     [("pyrazinamide", "800 mg/day")]),
    # units not counted: no daily amount
    ("He took tablets each containing 150 mg of rifampicin once daily.", [("rifampicin", None)]),
])
def test_amounts_each_unit_contains_are_times_the_count(text, want):
    # rifampicin joined the catalogue (gaps): read among the items, with the same amount
    assert sorted(_others(text) + _daily_doses(text)) == sorted(want)


@pytest.mark.parametrize(("text", "want"), [
    # fresh96-008, on catalogue drugs: "each of", "each tablet contains"
    ("Paracetamol 2 tablets each of 500 mg four times a day.", [("acetaminophen", "4000 mg/day")]),
    ("Three tablets (each tablet contains 5 mg oxycodone) twice daily.",
     [("oxycodone", "30 mg/day")]),
    # the list ends where a drug is named before its amount after amounts before names: the
    # next drug's dose is its own
    ("He took two tablets each containing 5 mg of oxycodone, and morphine 10 mg twice daily.",
     [("oxycodone", None), ("morphine", "20 mg/day")]),
])
def test_each_unit_contains_on_catalogue_drugs(text, want):
    assert _daily_doses(text) == want


def test_the_count_of_units_is_said_with_its_words():
    text = "Paracetamol 2 tablets each of 500 mg four times a day."
    (finding,) = [f for f in read_course(text).findings if f.finding.code == "count-times-strength"]
    assert "'2 tablets each of': 2 × 500 mg" in finding.finding.message


@pytest.mark.parametrize(("text", "want"), [
    # fresh95-011: a colon after a drug's name in brackets after a class word: the amount is
    # the drug's, not the class word's
    ("Therapy with a carbapenem (meropenem: 1 g every 8 hours) was given.",
     [("meropenem", "3 g/day")]),
    ("She was started on an aminoglycoside (gentamicin: 240 mg/day).", [("gentamicin", "240 mg/day")]),
])
def test_a_colon_after_the_name_in_brackets_keeps_the_amount_the_names(text, want):
    assert _others(text) == want


def test_a_colon_after_a_catalogue_name_in_brackets_after_a_class_word():
    # fresh95-011, on a catalogue drug
    assert _daily_doses("Treatment with an antidepressant (sertraline: 50 mg/day) was begun.") \
        == [("sertraline", "50 mg/day")]


# -- prosefix9798: the fresh97 and fresh98 rounds --------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh97-004: a slash or "+" after one name's amount begins the next name's pair: each
    # component is read at its own strength, the schedule after the last shared by both ...
    ("She took lisinopril 20 mg / hydrochlorothiazide 12.5 mg once daily.",
     [("lisinopril", "20 mg/day"), ("hydrochlorothiazide", "12.5 mg/day")]),
    ("He was on Zestoretic (enalapril 10 mg + HCTZ 12.5 mg) one tablet daily.",
     [("enalapril", "10 mg/day"), ("hydrochlorothiazide", "12.5 mg/day")]),
    # ... and a word the reader does not know after the slash still heads its own amount: the
    # first name never takes the second strength
    ("He took captopril 25 mg / Zorex 25 mg daily.", [("captopril", None)]),
    # "HCT" is hydrochlorothiazide only in capitals before a mass; "Hct 32%" is a haematocrit
    ("Hct 32% on admission; he took furosemide 40 mg daily.", [("furosemide", "40 mg/day")]),
    ("His HCT was 30 and valsartan 80 mg / HCT 12.5 mg once daily was given.",
     [("valsartan", "80 mg/day"), ("hydrochlorothiazide", "12.5 mg/day")]),
])
def test_a_slash_between_two_names_with_their_amounts_pairs_each(text, want):
    assert _others(text) == want


def test_a_slash_after_a_catalogue_drugs_amount_gives_the_next_strength_to_the_next_name():
    # fresh97-004, on a catalogue drug: tramadol never takes hydrochlorothiazide's 25 mg
    text = "He took tramadol 50 mg / HCT 25 mg daily."
    assert _daily_doses(text) == [("tramadol", None)]
    assert _others(text) == [("hydrochlorothiazide", "25 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh97-010: the two components of a listed combination side by side with a comma are
    # the combination, in either order, a final "e" allowed
    ("He received trimethoprim, sulfamethoxazole 960 mg twice daily.",
     [("sulfamethoxazole + trimethoprim", "1920 mg/day")]),
    ("Amoxicillin, clavulanic acid 1 g three times a day was given.",
     [("amoxicillin + clavulanic acid", "3 g/day")]),
    ("Piperacilline, tazobactam: 4.5 g every 8 hours was started.",
     [("piperacillin + tazobactam", "13.5 g/day")]),
    # the amount after one component alone stays that component's (fresh94-005 in CONTESTED)
    ("He took trimethoprim 200 mg daily, sulfamethoxazole was stopped.",
     [("trimethoprim", "200 mg/day")]),
])
def test_a_combinations_components_side_by_side_with_a_comma_are_the_combination(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("written", "drug", "same"), [
    # fresh97-024: a measurement convention: bare "tenofovir" matches either prodrug by its
    # words, as bare "mycophenolate" does; a product named matches its own
    ("tenofovir 245 mg/day", "tenofovir disoproxil", True),
    ("tenofovir 245 mg/day", "tenofovir alafenamide", True),
    ("tenofovir disoproxil fumarate 300 mg/day", "tenofovir alafenamide", False),
])
def test_the_measure_matches_bare_tenofovir_to_either_prodrug(written, drug, same):
    text = f"She took {written}."
    item = read_course(text).not_in_catalogue[0]
    value = 245.0 if "245" in written else 300.0
    passage = {"text": text, "expected": {"states": [{"items": [
        {"drug": drug, "as_written": written, "daily_dose": {"value": value, "unit": "mg/day"}}]}]}}
    assert _product_unnamed_match(passage, other_name(drug), value, item) is same


@pytest.mark.parametrize(("text", "want"), [
    # fresh98-011: a route word with its abbreviation in brackets is one route: the amount
    # written before it is the name's after it
    ("He received 10 mg intravenous (IV) morphine every 4 hours.", [("morphine", "60 mg/day")]),
    ("5000 units subcutaneous (SC) heparin twice daily.", [("heparin", "10000 units/day")]),
    # a bracket naming another route is left as written
    ("He received 10 mg oral (IV) morphine every 4 hours.", [("morphine", None)]),
])
def test_a_route_with_its_abbreviation_in_brackets_is_one_route(text, want):
    assert _daily_doses(text) == want


def test_a_route_with_its_abbreviation_in_brackets_on_a_drug_the_catalogue_lacks():
    # fresh98-011, on a listed drug; and the abbreviation stays defined for the text after it
    assert _others("2 g intravenous (IV) cefazolin every 8 hours was given.") \
        == [("cefazolin", "6 g/day")]
    (item,) = _items("He took doxycycline 100 mg per oral (PO) and linezolid 600 mg PO.")
    assert item.as_written == "linezolid 600 mg PO"


@pytest.mark.parametrize(("text", "want"), [
    # fresh98-017: after "a fixed(-dose) (drug) combination of", one schedule after the last
    # component is each component's, joined by "plus" or "and" as by "/" or "+"
    ("He was switched to a fixed-dose combination of perindopril 4 mg plus amlodipine 5 mg "
     "daily.", [("perindopril", "4 mg/day"), ("amlodipine", "5 mg/day")]),
    # "a combination of" alone may be drugs given together: the schedule stays the last one's
    ("A combination of cyclophosphamide (500 mg) and rituximab 375 mg weekly was given.",
     [("cyclophosphamide", None), ("rituximab", None)]),
])
def test_one_schedule_after_a_fixed_combinations_components_is_each_ones(text, want):
    assert _others(text) == want


def test_one_schedule_after_a_fixed_combination_of_catalogue_drugs():
    # fresh98-017, on catalogue drugs; without "fixed … combination of" the schedule stays
    # the last dose's
    assert _daily_doses("He took a fixed-dose combination of oxycodone 10 mg and naloxone 5 mg "
                        "twice daily.") == [("oxycodone", "20 mg/day"), ("naloxone", "10 mg/day")]
    assert _daily_doses("He took oxycodone 10 mg and naloxone 5 mg twice daily.") \
        == [("oxycodone", None), ("naloxone", "10 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh97-025: a listed name of eight letters or more written without its final "e"
    # (the German and Dutch spelling) is that drug
    ("He started lamivudin 150 mg twice daily.", [("lamivudine", "300 mg/day")]),
    ("She took zidovudin 300 mg twice daily.", [("zidovudine", "600 mg/day")]),
    ("She received ceftriaxon 2 g daily.", [("ceftriaxone", "2 g/day")]),
])
def test_a_listed_name_without_its_final_e_is_that_drug(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh97-023 and -013: "mgs", "milligrammes" and "grammes" are units of mass
    ("He took capecitabine 1000mgs twice daily.", [("capecitabine", "2000 mg/day")]),
    ("Vancomycin 1 gramme every 12 hours was given.", [("vancomycin", "2 g/day")]),
    ("She took mycophenolate (2 grammes a day).", [("mycophenolic acid", "2 g/day")]),
])
def test_mgs_and_grammes_are_units_of_mass(text, want):
    assert _others(text) == want


def test_milligrammes_on_a_catalogue_drug():
    assert _daily_doses("Morphine 10 milligrammes every 4 hours.") == [("morphine", "60 mg/day")]


def test_a_word_spelt_like_a_catalogue_name_after_the_amount_and_of_is_said():
    # fresh97-013: "of" before the amount is no name; the word after "of" is said
    text = "She had three injections of 8 milligrams of dexamethazone 12 hours apart."
    assert _daily_doses(text) == []
    (finding,) = [f for f in read_course(text).findings if f.finding.code == "spelt-like"]
    assert "dexamethasone" in finding.finding.message


@pytest.mark.parametrize(("text", "want"), [
    # fresh98-003: a kind of treatment after the name is no drug's name: the change after it
    # refers to the drug
    ("She was started on thyroxine replacement and the dose was gradually increased to 125 mcg "
     "daily.", [("levothyroxine", "125 mcg/day")]),
    ("He was started on metformin therapy and the dose was increased to 1000 mg twice daily.",
     [("metformin", "2000 mg/day")]),
])
def test_a_kind_of_treatment_after_the_name_keeps_the_change_the_drugs(text, want):
    assert _others(text) == want


def test_a_hyphened_chemical_name_heads_its_own_amount():
    # fresh12-027 (met while fixing fresh97-025): the 20 mg is the chemical name's, never the
    # listed drug's before it
    text = "He got ranitidin 50 mg iv and Butyl-Scopolamine 20 mg im."
    assert _others(text) == [("ranitidine", None)]


# -- prosefix99102: the fresh99 to fresh102 rounds ------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh99-018: a count with "every (each) day" is that many doses a day, never "every day"
    # alone (the reader once read "twice every day" as once)
    ("She took cefuroxime 500 mg twice every day.", [("cefuroxime", "1000 mg/day")]),
    ("Ceftriaxone 1 g once every day was continued.", [("ceftriaxone", "1 g/day")]),
])
def test_a_count_with_every_day_is_that_many_doses_a_day(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Morphine 10 mg three times each day was given.", [("morphine", "30 mg/day")]),
    ("Oxycodone 5 mg four times every day was given.", [("oxycodone", "20 mg/day")]),
])
def test_a_count_with_every_day_on_a_catalogue_drug(text, want):
    assert _daily_doses(text) == want


def test_clomiphene_is_the_usan_of_clomifene():
    # fresh99-002: the USAN (and its citrate) is the INN's alias, so the drug is named clomifene
    assert _others("She took clomiphene 100 mg daily for five days.") \
        == [("clomifene", "100 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh99-015: a change told after a drug's own dose in the same sentence refers back to
    # it past ordinary words ("after the operation"), as the catalogue's reading does ...
    ("Tranilast 300 mg/day was begun after the operation and maintained for 2 months, then "
     "lowered to 100 mg/day.", [("tranilast", "300 mg/day"), ("tranilast", "100 mg/day")]),
    # ... but never past a word that may name another drug (a capitalised brand)
    ("Imatinib 400 mg/day was started with Zorex, then reduced to 100 mg/day.",
     [("imatinib", "400 mg/day")]),
])
def test_a_change_after_a_drugs_own_dose_refers_back_to_it(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh99-008: "a total dose of" right before an amount and a schedule of doses a day is
    # the total of one dose of that schedule ...
    ("She was on risperidone, at a total dose of 2 mg twice daily.",
     [("risperidone", "4 mg/day")]),
    # ... while a total over a course stays a total
    ("She received morphine, a total dose of 120 mg over 3 days.", [("morphine", None)]),
])
def test_a_total_dose_before_a_schedule_is_each_doses(text, want):
    assert _daily_doses(text) == want


def test_a_total_dose_before_an_interval_on_a_drug_the_catalogue_lacks():
    assert _others("He received ceftriaxone at a total dose of 1 g every 12 hours.") \
        == [("ceftriaxone", "2 g/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh100-017: "× N days" after an amount a day is the course's length, not a factor ...
    ("He received dexamethasone 8 mg/day × 3 days.", [("dexamethasone", "8 mg/day")]),
    # ... unless the calculation goes on to its result
    ("He received dexamethasone 8 mg/day × 3 days = 24 mg.", [("dexamethasone", None)]),
])
def test_times_a_count_of_days_after_an_amount_a_day_is_a_course(text, want):
    assert _daily_doses(text) == want


def test_times_a_count_of_days_after_a_rate_per_24_hours():
    assert _others("Ceftriaxone (2 g / 24 h × 7 days) was given.") == [("ceftriaxone", "2 g/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh101-016: "mU" is the milliunit, and "mu" per minute or per kg is too — never a
    # million units (the reader once read "2 mU/min" as 2 million units a minute) ...
    ("Oxytocin was infused at 4 mU/min.", [("oxytocin", "5.76 units/day")]),
    ("Vasopressin was given at 0.5 mU/kg/min.", [("vasopressin", None)]),
    # ... while "MU" before a schedule stays a million units
    ("He received colistin 3 MU every 8 hours.", [("colistin", "9000000 units/day")]),
])
def test_milliunits_are_never_millions_of_units(text, want):
    assert _others(text) == want


def test_the_chemical_name_3_4_diaminopyridine_is_amifampridine():
    # fresh101-011: the locants "3,4-" are part of the name, no amount
    assert _others("He was maintained on 3,4-diaminopyridine 20 mg three times daily.") \
        == [("amifampridine", "60 mg/day")]


def test_grain_or_gram_is_said_past_a_word_of_the_day():
    # fresh102-025, on a listed drug: "gr" stays unread, and the warning names the drug after
    # "per day of"
    text = "She takes 2 gr per day of vancomycin."
    assert _others(text) == []
    (finding,) = [f for f in read_course(text).findings if f.finding.code == "grain-or-gram"]
    assert "vancomycin" in finding.finding.message


@pytest.mark.parametrize(("text", "want"), [
    # fresh102-003: "1 × 1" after a dose is once a day, before a full stop too ...
    ("He was given dexamethasone 4 mg 1×1.", [("dexamethasone", "4 mg/day")]),
    # ... but not before a decimal ("1×1.5": no such count)
    ("He was given dexamethasone 4 mg 1×1.5 tablets.", [("dexamethasone", None)]),
])
def test_one_times_one_after_a_dose_is_once_a_day(text, want):
    assert _daily_doses(text) == want


def test_one_times_one_on_a_drug_the_catalogue_lacks():
    assert _others("He was given letrozole, 2.5 mg 1 × 1.") == [("letrozole", "2.5 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh102-005: an amount set off by commas after its name, then the sentence's verb: the
    # verb's schedule is the drug's ...
    ("Morphine, 10 mg, was given every 6 hours.", [("morphine", "40 mg/day")]),
    # ... not where no comma opens the apposition
    ("Morphine 10 mg, was given every 6 hours.", [("morphine", None)]),
])
def test_an_amount_between_commas_keeps_the_verbs_schedule(text, want):
    assert _daily_doses(text) == want


def test_an_amount_between_commas_on_a_drug_the_catalogue_lacks():
    assert _others("Letrozole, 2.5 mg, was prescribed once a day.") == [("letrozole", "2.5 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh102-009: "daily intake of" names the day's amount of the drug after it ...
    ("His daily intake of diazepam, 20 mg.", [("diazepam", "20 mg/day")]),
    # ... and "intake" after another word is no dose's
    ("His fluid intake of 2 L and morphine 10 mg daily.", [("morphine", "10 mg/day")]),
])
def test_a_daily_intake_of_a_drug_is_its_daily_amount(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh102-024: a space as the thousands separator before units (two or three digits, a
    # space, three digits) ...
    ("Heparin 12 500 units twice daily was given.", [("heparin", "25000 units/day")]),
    # ... never after a word that counts, nor before a mass (two tablets of 500 mg)
    ("On day 14 500 units of heparin were given.", [("heparin", None)]),
])
def test_a_space_as_thousands_separator_before_units(text, want):
    assert _daily_doses(text) == want


def test_a_space_is_no_thousands_separator_before_a_mass():
    assert _others("She took 2 500 mg tablets of metformin.") == [("metformin", None)]


@pytest.mark.parametrize(("text", "want"), [
    # fresh102-014: the brand Increlex is mecasermin (its label and SmPC)
    ("She was started on Increlex 1 mg at bedtime.", [("mecasermin", "1 mg/day")]),
    ("She took Increlex 0.1 mg/kg twice daily.", [("mecasermin", None)]),
])
def test_increlex_is_mecasermin(text, want):
    assert _others(text) == want


# -- prosefix103109: the fresh103 to fresh109 rounds ------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh104-016: rates listed under "maximal vasopressor (inotropic) support" are the peak
    # rates a titration reached, as under "maximum doses of": no daily amount ...
    ("He needed maximal vasopressor support (dopamine 20 mcg/kg/min and phenylephrine 3 mg/h).",
     [("dopamine", None), ("phenylephrine", None)]),
    ("She required maximum inotropic support with milrinone 0.75 mg/h.", [("milrinone", None)]),
    # ... while a rate of support said without a word of the maximum is read over 24 hours
    ("He needed vasopressor support with phenylephrine 2 mg/h.", [("phenylephrine", "48 mg/day")]),
])
def test_rates_under_maximal_vasopressor_support_are_peak_rates(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh107-028: a lower-case chemical name of hyphened parts between an earlier drug and an
    # amount names the drug the amount is given to, never the earlier one ...
    ("She had stopped rituximab, and was on ethyl-zolpidate 20 mg twice daily.", []),
    ("He had been on valproate, then on methyl-lorinate 10 mg daily.", []),
    # ... while words of a form, hyphened or not, do not ("extended-release")
    ("She took metformin extended-release 500 mg twice daily.", [("metformin", "1000 mg/day")]),
])
def test_a_lower_case_hyphened_chemical_name_heads_the_amount_after_it(text, want):
    assert [(name, dose) for name, dose in _others(text) if dose is not None] == want


def test_a_listed_name_of_two_words_written_with_a_hyphen():
    # fresh107-028: "dimethyl-fumarate" is the listed "dimethyl fumarate"
    assert _others("He was switched to dimethyl-fumarate 120 mg twice daily.") \
        == [("dimethyl fumarate", "240 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh107-018: "up to" opening a bracket after a word of a test or trial is the protocol's
    # ceiling, not the patient's day ...
    ("A naproxen trial (up to 1000 mg/day) brought no relief.", [("naproxen", None)]),
    ("The naproxen test (up to 750 mg daily) was positive.", [("naproxen", None)]),
    # ... while "up to" in a bracket after the drug is still the dose reached
    ("She was given naproxen (up to 1000 mg/day).", [("naproxen", "1000 mg/day")]),
])
def test_up_to_in_a_test_bracket_is_a_bound(text, want):
    assert _daily_doses(text) == want


def test_up_to_in_a_test_bracket_on_a_drug_the_catalogue_lacks():
    assert [dose for _name, dose in _others(
        "An indometacin test (up to 150 mg/day orally) was negative.")] in ([], [None])


@pytest.mark.parametrize(("text", "want"), [
    # fresh108-022: "30 mg to 60 mg per day": the time after the upper end is the whole range's,
    # one range with no daily amount, never the upper end alone ...
    ("Morphine 20 mg to 40 mg per day was given.", [("morphine", None)]),
    ("She was on morphine 10 mg to 30 mg a day.", [("morphine", None)]),
    # ... while a change from one amount to another stays a change
    ("Morphine was increased from 20 mg to 40 mg per day.",
     [("morphine", "20 mg/day"), ("morphine", "40 mg/day")]),
])
def test_a_range_with_the_unit_on_both_ends_and_a_time_after(text, want):
    assert _daily_doses(text) == want


def test_a_range_with_a_time_after_on_a_drug_the_catalogue_lacks():
    assert _others("All were given cinacalcet in a dosage of 30 mg to 90 mg per day.") \
        == [("cinacalcet", None)]


@pytest.mark.parametrize(("text", "want"), [
    # fresh107-003: etidronate (and its disodium salt) is the INN etidronic acid
    ("She took etidronate 400 mg daily for 14 days.", [("etidronic acid", "400 mg/day")]),
    ("He was on disodium etidronate 200 mg twice daily.", [("etidronic acid", "400 mg/day")]),
])
def test_etidronate_is_etidronic_acid(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh106-029: "IE", the German "Internationale Einheiten", after a number is international
    # units ...
    ("Insulin detemir 10 IE twice daily was started.", [("insulin detemir", "20 units/day")]),
    # ... and "ie" with no number before it is no unit
    ("Insulin detemir 10 units daily, ie the basal dose, was started.",
     [("insulin detemir", "10 units/day")]),
])
def test_ie_after_a_number_is_international_units(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh108-019, fresh109-014: "supplement(ation)" after a drug's name is a kind of treatment,
    # as "therapy" is, no drug's name heading the amount
    ("After starting thiamine supplementation at 100 mg twice daily, she improved.",
     [("thiamine", "200 mg/day")]),
    ("He was treated with a riboflavin supplement (400 mg/d for 3 months).",
     [("riboflavin", "400 mg/day")]),
])
def test_a_supplement_is_a_kind_of_treatment(text, want):
    assert _others(text) == want


# -- prosefix111113: the fresh111 to fresh113 rounds ------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh111-015: a brand and its own medicine's name joined by a dash name that medicine twice,
    # not a combination's two parts: the amount after the second name is the medicine's own ...
    ("She was on Depakine – valproic acid 500 mg twice daily.", [("valproic acid", "1000 mg/day")]),
    ("He took Keppra - levetiracetam 500 mg twice daily.", [("levetiracetam", "1000 mg/day")]),
    # ... while two different medicines joined by a dash are still one combination product
    ("She was given amoxicillin-clavulanate 875 mg twice daily.",
     [("amoxicillin + clavulanic acid", "1750 mg/day")]),
])
def test_a_brand_dashed_to_its_own_medicine_is_one_mention(text, want):
    assert [(name, dose) for name, dose in _others(text) if dose is not None] == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh113-023: a slash right after one item's schedule closes that item; the name after it
    # opens an item of its own, not the second part of a combination's name ...
    ("She used colistin 1megaunit twice daily/tobramycin 300mg twice daily.",
     [("colistin", "2000000 units/day"), ("tobramycin", "600 mg/day")]),
    ("He took levetiracetam 500 mg bid / valproate 300 mg bid.",
     [("levetiracetam", "1000 mg/day"), ("valproic acid", "600 mg/day")]),
    # ... while a slash between two names with one amount after both is still a combination
    ("He took amoxicillin/clavulanic acid 1 g twice daily.",
     [("amoxicillin + clavulanic acid", "2 g/day")]),
])
def test_a_slash_after_a_schedule_opens_another_item(text, want):
    assert sorted((name, dose) for name, dose in _others(text) if dose is not None) == sorted(want)


@pytest.mark.parametrize(("text", "want"), [
    # fresh112-005: "N hundred" before a unit of mass written as a word is N times a hundred ...
    ("He took three hundred milligrams of valproate twice a day.", [("valproic acid", "600 mg/day")]),
    ("Nine hundred milligrams of levetiracetam daily was started.",
     [("levetiracetam", "900 mg/day")]),
    # ... while a longer number in words is still not read, never read as its last part
    ("Two hundred and fifty milligrams of valproate twice a day was started.", []),
])
def test_hundreds_in_words_before_a_unit_of_mass(text, want):
    assert [(name, dose) for name, dose in _others(text) if dose is not None] == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh112-005, -006: VPA is valproic acid (Bauer, Applied Clinical Pharmacokinetics) ...
    ("She was started on VPA 250 mg three times daily.", [("valproic acid", "750 mg/day")]),
    ("The dose of VPA was changed to 400 mg twice a day.", [("valproic acid", "800 mg/day")]),
    # ... and a serum level of VPA is no dose
    ("Serum VPA was 80 mg/L.", []),
])
def test_vpa_is_valproic_acid(text, want):
    assert [(name, dose) for name, dose in _others(text) if dose is not None] == want


# -- prosefix114117: the fresh114 to fresh117 rounds ------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh116-011: the drug a change puts out of use ("substituted for", "instead of", "in place
    # of", "rather than", an active "replacing") owns the amount after it — never the drug before
    ("Fluconazole 200 mg twice daily was substituted for cefepime 2 g every 12 hours.",
     [("fluconazole", "400 mg/day")]),
    ("She took fluconazole 400 mg daily instead of cefazolin 1 g daily.",
     [("fluconazole", "400 mg/day")]),
    ("Fluconazole 200 mg daily, in place of ceftazidime 2 g daily, was given.",
     [("fluconazole", "200 mg/day")]),
    ("Fluconazole 100 mg daily was started, replacing cefotaxime 1 g daily.",
     [("fluconazole", "100 mg/day")]),
])
def test_a_replaced_drug_owns_the_amount_after_it(text, want):
    assert [(name, dose) for name, dose in _daily_doses(text)] == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh116-013: an element's name and another anion name that other salt, not the listed one
    ("She was given magnesium citrate (1.5 g/day).", []),
    ("Zinc gluconate 50 mg daily was added.", [("zinc gluconate", "50 mg/day")]),
    # ... while the listed salt's own anion, in either spelling, is still its name
    ("She received magnesium sulphate 2 g daily.", [("magnesium sulfate", "2 g/day")]),
])
def test_another_anion_names_another_salt(text, want):
    assert [(name, dose) for name, dose in _others(text) if dose is not None] == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh114-011: "both", "each" or "all" before a schedule after a list of doses gives it to
    # every dose, whatever its count a day ...
    ("She takes morphine 10 mg and oxycodone 5 mg, both twice a day.",
     [("morphine", "20 mg/day"), ("oxycodone", "10 mg/day")]),
    ("He takes morphine 5 mg, tramadol 50 mg and oxycodone 10 mg, all once daily.",
     [("morphine", "5 mg/day"), ("tramadol", "50 mg/day"), ("oxycodone", "10 mg/day")]),
    ("She was on metoprolol 25 mg and ramipril 5 mg each twice daily.",
     [("metoprolol", "50 mg/day"), ("ramipril", "10 mg/day")]),
    # ... while a schedule of more doses a day after a plain list is still the last dose's only
    ("She takes morphine 10 mg and oxycodone 5 mg twice a day.",
     [("morphine", None), ("oxycodone", "10 mg/day")]),
])
def test_both_gives_the_schedule_to_every_dose(text, want):
    assert _daily_doses(text) + _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh115-003: a two-part combination named in the other order is the same product
    ("Tazobactam/piperacillin 4.5 g every 8 hours was given.",
     [("piperacillin + tazobactam", "13.5 g/day")]),
    ("He was given clavulanate-amoxicillin 625 mg three times daily.",
     [("amoxicillin + clavulanic acid", "1875 mg/day")]),
])
def test_a_combination_named_in_the_other_order(text, want):
    assert [(name, dose) for name, dose in _others(text) if dose is not None] == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh116-013: a chemical formula in the bracket after a name restates the name, spaced or not
    ("She took sodium bicarbonate (NaHCO3, 1 g/day).", [("sodium bicarbonate", "1 g/day")]),
    ("He took potassium chloride (KCl, 600 mg twice daily).",
     [("potassium chloride", "1200 mg/day")]),
    ("She took oral sodium bicarbonate (NaHCO 3 , 3 g/day).", [("sodium bicarbonate", "3 g/day")]),
])
def test_a_formula_in_brackets_restates_the_name(text, want):
    assert [(name, dose) for name, dose in _others(text) if dose is not None] == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh117-014: "A, B, C and then D unit", rising or falling in turn: each a dose in turn ...
    ("The morphine dose was 30, 20, 10 and then 5 mg/day.",
     [("morphine", "30 mg/day"), ("morphine", "20 mg/day"), ("morphine", "10 mg/day"),
      ("morphine", "5 mg/day")]),
    ("She needed intrathecal morphine (2, 3, 4 and then 6 mg/day).",
     [("morphine", "2 mg/day"), ("morphine", "3 mg/day"), ("morphine", "4 mg/day"),
      ("morphine", "6 mg/day")]),
    # ... never days counted before it, nor numbers that do not rise or fall in turn
    ("Morphine was given on days 1, 2, 3 and then 10 mg daily.", [("morphine", "10 mg/day")]),
    ("Morphine was given at 10, 5, 20 and then 10 mg/day.", [("morphine", "10 mg/day")]),
])
def test_a_titration_list_ending_and_then(text, want):
    assert _daily_doses(text) == want


# -- readgen: general causes of the remaining misses -----------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh64-006, fresh53-021: "once" with a meal, "once in a day" and "once at bed time" (the
    # two words apart) are a dose of every day, not a single dose ...
    ("She takes metformin 500 mg once after dinner.", [("metformin", "500 mg/day")]),
    ("He was on quetiapine 50 mg once at bed time.", [("quetiapine", "50 mg/day")]),
    ("Dalteparin 5000 units sc once in a day was given.", [("dalteparin", "5000 units/day")]),
    # fresh59-015, fresh48-013: "1time/day" written together, "/die" (the Latin day) ...
    ("Celecoxib 200 mg 1time/day for 10 days.", [("celecoxib", "200 mg/day")]),
    ("Pantoprazole 40 mg 1 time/die.", [("pantoprazole", "40 mg/day")]),
    ("Gabapentin 300 mg 3 times/die.", [("gabapentin", "900 mg/day")]),
    # fresh59-008: "s.i.d.", semel in die, written with its points ...
    ("Tramadol 50 mg s.i.d.", [("tramadol", "50 mg/day")]),
    # ... while "once" before anything else is still a single dose
    ("She took morphine 10 mg once before the procedure.", [("morphine", None)]),
])
def test_readgen_schedules_of_one_dose_a_day(text, want):
    assert [(name, dose) for name, dose in _daily_doses(text) + _others(text)] == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh61-011: "× N months" (or weeks) after a dose and its schedule is the course's length,
    # as "× N days" is — the dose was lost whole before ...
    ("He received gabapentin 300 mg three times a day x 3 months.", [("gabapentin", "900 mg/day")]),
    ("Levetiracetam 500 mg twice daily x 2 weeks.", [("levetiracetam", "1000 mg/day")]),
    ("She took celecoxib 200 mg once a day × 6 months.", [("celecoxib", "200 mg/day")]),
    # ... while a product written as a calculation is still no daily amount of its own
    ("Morphine 10 mg every 4 hours (10 mg × 6 = 60 mg/day).",
     [("morphine", "60 mg/day"), ("morphine", None), ("morphine", None)]),
])
def test_readgen_a_course_in_weeks_or_months_after_the_sign(text, want):
    assert [(name, dose) for name, dose in _daily_doses(text) + _others(text)] == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh54-016: "+" after an amount a day joins the next item of a list, each its own amount
    ("Ethambutol 0.8g/day + isoniazid 0.3g/day were started.",
     [("ethambutol", "0.8 g/day"), ("isoniazid", "0.3 g/day")]),
    ("Levofloxacin 500 mg/day + linezolid 1200 mg/day were given.",
     [("levofloxacin", "500 mg/day"), ("linezolid", "1200 mg/day")]),
])
def test_readgen_a_plus_after_a_daily_amount_opens_an_item(text, want):
    assert sorted(_daily_doses(text) + _others(text)) == sorted(want)


def test_readgen_a_plus_between_two_names_is_still_a_combination():
    # the rule above asks for an amount before the "+": two names the catalogue lacks joined by
    # it, one amount after both, give no component the product's amount (rifampicin, once the
    # example, joined the catalogue with gaps, and a catalogue drug takes the amount after it)
    text = "She took isoniazid + ethambutol 800 mg daily."
    assert [d for d in _daily_doses(text) + _others(text) if d[1] is not None] == []


@pytest.mark.parametrize(("text", "want"), [
    # fresh48-015: "medication" (or "medicine", "drug") right after a name is that name's noun,
    # as "therapy" is, and names no other drug ...
    ("He took sotalol medication (160 mg per day).", [("sotalol", "160 mg/day")]),
    ("She takes morphine medicine, 20 mg per day.", [("morphine", "20 mg/day")]),
    # ... while a class word with no name before it still names no drug
    ("He took his opioid medication (20 mg a day).", []),
])
def test_readgen_medication_after_a_name_is_its_noun(text, want):
    assert [(name, dose) for name, dose in _daily_doses(text) + _others(text)] == want


# -- prosefix118121: the fresh118 to fresh121 rounds ------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh120-022: an adverb of sequence ("then", "later" …) after a list's comma or "and" opens
    # the next item, as the comma alone does: the amount after the next name is that name's
    ("She took aspirin, then metformin 500 mg twice daily.",
     [("aspirin", None), ("metformin", "1000 mg/day")]),
    ("He was on paracetamol and later lisinopril 10 mg daily.",
     [("acetaminophen", None), ("lisinopril", "10 mg/day")]),
    # ... and where no list holds the next name, its amount is no one's, never the drug's before
    ("She took aspirin, then zorbanol 250 mg bid.", [("aspirin", None)]),
])
def test_a_name_after_then_owns_the_amount_after_it(text, want):
    assert sorted(_daily_doses(text) + _others(text)) == sorted(want)


@pytest.mark.parametrize(("text", "want"), [
    # fresh120-010: after "switched from X to", an amount is what the switch puts in place,
    # never X's
    ("She was switched from lithium to 900 mg/day quetiapine.", [("quetiapine", "900 mg/day")]),
    ("He was converted from morphine to 30 mg/day of a new agent.", [("morphine", None)]),
    # ... while X's own amount before the "to" is still X's
    ("He was switched from morphine 60 mg/day to oxycodone 40 mg/day.",
     [("morphine", "60 mg/day"), ("oxycodone", "40 mg/day")]),
])
def test_an_amount_after_switched_from_x_to_is_not_xs(text, want):
    assert [d for d in _daily_doses(text) + _others(text) if d[0] != "lithium"] == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh121-014: a bracket of amounts after a list of names, "respectively" inside it, pairs
    # the amounts with the names in order
    ("She started morphine and gabapentin (30 and 900 mg/day, respectively).",
     [("morphine", "30 mg/day"), ("gabapentin", "900 mg/day")]),
    ("He took metformin, lisinopril and atorvastatin (1000, 10 and 20 mg/day respectively).",
     [("metformin", "1000 mg/day"), ("lisinopril", "10 mg/day"), ("atorvastatin", "20 mg/day")]),
])
def test_respectively_in_a_bracket_pairs_amounts_with_names(text, want):
    assert _daily_doses(text) + _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh121-002: "daily" after "and" and right before a noun qualifies that noun, another
    # treatment, not the dose before the "and"
    ("He was given prednisolone 30 mg and daily wound dressings.", [("prednisolone", None)]),
    ("She took morphine 10 mg and daily physiotherapy.", [("morphine", None)]),
    # ... while "and daily" before an adverb of time or a preposition is still the dose's
    ("Prednisolone 30 mg and daily thereafter was continued.", [("prednisolone", "30 mg/day")]),
    ("He took prednisone 25 mg orally and daily for a week.", [("prednisone", "25 mg/day")]),
])
def test_daily_before_another_noun_is_that_nouns(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh120-009: a remark of what the infusion lacks ("with no boluses", "without boluses")
    # is passed over when looking for the words of one site of several after the rate
    ("Bupivacaine 0.125% ran at 6 ml/h with no boluses on each side.", [("bupivacaine", None)]),
    ("Ropivacaine 0.2% was infused at 6 ml/h without boluses on each side.",
     [("ropivacaine", None)]),
    # ... and without the words of sites the rate is the patient's
    ("Bupivacaine 0.125% ran at 6 ml/h with no boluses.", [("bupivacaine", "180 mg/day")]),
])
def test_one_sites_rate_after_a_negated_remark_is_no_daily_amount(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh118-009: a count of doses before "doses of", the amount, then "daily": each day's
    # doses, or the day's amount split? Not written, so no daily amount
    ("She took three doses of 200 mg daily of ibuprofen.", [("ibuprofen", None)]),
    ("He was given morphine, two doses of 10 mg daily.", [("morphine", None)]),
    # ... while the count of times a day after the amount is still a schedule
    ("She took ibuprofen 200 mg three times daily.", [("ibuprofen", "600 mg/day")]),
])
def test_a_count_of_doses_before_an_amount_daily_is_unclear(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh121-003: "day" right after the unit, no slash nor "per", is a day's amount
    ("He received sertraline 50 mg day for depression.", [("sertraline", "50 mg/day")]),
    ("Lamotrigine 100 mg day was increased to 200 mg day.",
     [("lamotrigine", "100 mg/day"), ("lamotrigine", "200 mg/day")]),
    # ... never the day of a cycle, a day counted, or a day named by what happens on it
    ("Etoposide 100 mg day 1 to 3.", [("etoposide", None)]),
    ("She took prednisone 40 mg day of surgery.", [("prednisone", None)]),
])
def test_mg_day_without_a_slash_is_a_days_amount(text, want):
    assert _daily_doses(text) + _others(text) == want


# -- prosefix122125: the fresh122 to fresh125 rounds ------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh122-007: a bracket that names the drug of a class word (or of its "treatment") is that
    # drug's for an amount further on, as the bare name would be
    ("An antipsychotic (haloperidol) was started with a dose of 2 mg twice daily.",
     [("haloperidol", "4 mg/day")]),
    ("Opioid therapy (oxycodone) was titrated to 20 mg twice daily.", [("oxycodone", "40 mg/day")]),
    ("A benzodiazepine (lorazepam) was begun at 1 mg three times daily.",
     [("lorazepam", "3 mg/day")]),
    # ... the bracket right before the amount, as before
    ("An opioid (morphine) 10 mg every 4 hours.", [("morphine", "60 mg/day")]),
])
def test_a_bracketed_name_after_a_class_word_owns_a_later_amount(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh123-005: a word of water of crystallisation is a salt word after a name or a product
    ("Piperacillin/tazobactam hydrate 4.5 g three times daily was given.",
     [("piperacillin + tazobactam", "13.5 g/day")]),
    ("Cefazolin sodium hydrate 1 g twice daily.", [("cefazolin", "2 g/day")]),
    ("He took morphine sulfate pentahydrate 10 mg every 4 hours.", [("morphine", "60 mg/day")]),
])
def test_a_hydrate_is_a_salt_word(text, want):
    assert _daily_doses(text) + _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh125-004: the verb after a modal ("could", "would", "must" …) is no drug's name
    # between a name and its amount
    ("She was given sunitinib, which she could only tolerate at 25 mg daily.",
     [("sunitinib", "25 mg/day")]),
    ("He was given morphine, which he could only tolerate at 10 mg daily.",
     [("morphine", "10 mg/day")]),
    ("He took lamotrigine, which he would then take at a dose of 100 mg twice daily.",
     [("lamotrigine", "200 mg/day")]),
])
def test_the_verb_after_a_modal_is_no_name(text, want):
    assert _daily_doses(text) + _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh125-023: "were" and a participle of giving after a list of doses make the schedule
    # after them every dose's, whatever its count a day
    ("Morphine (10 mg) and gabapentin (300 mg) were administered daily for two weeks.",
     [("morphine", "10 mg/day"), ("gabapentin", "300 mg/day")]),
    ("Morphine 10 mg and gabapentin 300 mg were given orally twice daily.",
     [("morphine", "20 mg/day"), ("gabapentin", "600 mg/day")]),
    # ... while without the verb a schedule of two doses a day is still the last dose's only
    ("Morphine 10 mg and gabapentin 300 mg twice daily.",
     [("morphine", None), ("gabapentin", "600 mg/day")]),
])
def test_a_schedule_after_were_given_is_the_whole_lists(text, want):
    assert _daily_doses(text) == want


# -- the lead, after prosefix122125: a clause about a name the catalogue does not know ---------------

@pytest.mark.parametrize(("text", "want"), [
    # "morphine, and X which he may take at 10 mg daily": the amount is said in a clause about X,
    # a name the catalogue does not know joined to morphine — never morphine's
    ("He was given morphine, and zorbanol which he may take at 10 mg daily.", [("morphine", None)]),
    ("He was given morphine, and zorbanol, which he took at 10 mg daily.", [("morphine", None)]),
    ("He was given morphine and zorbanol, which was continued at 10 mg daily.",
     [("morphine", None)]),
    # ... while a clause about the drug itself, or "this", still gives it the amount
    ("He was given morphine, which he took at 10 mg daily.", [("morphine", "10 mg/day")]),
    ("He was given morphine, and this was titrated to 10 mg daily.", [("morphine", "10 mg/day")]),
])
def test_a_clause_about_an_unknown_name_keeps_its_amount(text, want):
    assert _daily_doses(text) + _others(text) == want


# -- prosefix126127: the fresh126 and fresh127 rounds -------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh127-022: the ASA physical status, whatever the case of "grade", "class" or "physical
    # status", is never aspirin
    ("A man of ASA Grade II was listed for surgery.", []),
    ("She was ASA Physical Status I and healthy.", []),
    ("An ASA Class 3 patient was sedated.", []),
    # ... while ASA with an amount is still aspirin
    ("He took ASA 81 mg daily.", [("aspirin", "81 mg/day")]),
])
def test_the_asa_physical_status_in_any_case_is_no_aspirin(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh126-005: a measured quantity whose own change is told ("proteinuria finally decreased
    # to", "urinary protein excretion was reduced to") gives a laboratory value, never a dose
    ("Losartan 50 mg daily was started. Urinary protein excretion was reduced to 1.2 g/day.",
     [("losartan", "50 mg/day")]),
    ("Ramipril 5 mg daily was given. Proteinuria then fell to 0.5 g/day.",
     [("ramipril", "5 mg/day")]),
    ("Enalapril 10 mg daily was continued. Albuminuria has further declined to 0.3 g/day.",
     [("enalapril", "10 mg/day")]),
    # ... and "added", "switched" or "continued" after the quantity give the dose after them
    ("As proteinuria is a risk marker, we added spironolactone 25 mg/day.",
     [("spironolactone", "25 mg/day")]),
    ("Because of heavy proteinuria she was switched to losartan 100 mg/day.",
     [("losartan", "100 mg/day")]),
    # ... while a drug's own change is still a dose
    ("Losartan 50 mg daily was started. Proteinuria decreased, and losartan was reduced to 25 "
     "mg/day.", [("losartan", "50 mg/day"), ("losartan", "25 mg/day")]),
])
def test_a_measured_quantitys_own_change_is_a_lab_value(text, want):
    assert _daily_doses(text) + _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh127-003: "the use of X with a dose of N" is the dose the patient took, no total
    ("Seizures followed the long-term use of tramadol with a dose of 100 mg twice daily.",
     [("tramadol", "200 mg/day")]),
    ("Rash followed the use of morphine with a dose of 10 mg twice daily.",
     [("morphine", "20 mg/day")]),
    ("Nail changes appeared after the use of the hydroxyurea with a dose of 500 mg/day.",
     [("hydroxycarbamide", "500 mg/day")]),
])
def test_the_use_of_a_drug_with_a_dose_is_that_dose(text, want):
    assert _daily_doses(text) + _others(text) == want


# -- prosefix126128: the fresh126 to fresh128 rounds, second pass ---------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh127-004: a stop whose subject is a class word ("both the drugs", "the medications")
    # does not unsay the amounts the sentence gave before it
    ("He took amlodipine 10 mg OD for a year followed by metoprolol 50 mg bid for 4 months and "
     "both the drugs were stopped.", [("amlodipine", "10 mg/day"), ("metoprolol", "100 mg/day")]),
    ("She took sotalol 80 mg daily and the medications were stopped at admission.",
     [("sotalol", "80 mg/day")]),
    ("He received morphine 10 mg bid followed by oxycodone 20 mg bid and both drugs were "
     "stopped.", [("morphine", "20 mg/day"), ("oxycodone", "40 mg/day")]),
    # ... while a drug named without an amount is still stopped
    ("She took amlodipine daily and the medications were stopped at admission.", []),
])
def test_a_stop_of_the_drugs_keeps_their_amounts(text, want):
    got = _others(text) + [(i.drug.name, str(i.daily_dose) if i.daily_dose is not None else None)
                           for i in read_course(text).items]
    assert sorted(got) == sorted(want)


@pytest.mark.parametrize(("text", "want"), [
    # fresh127-011: the solution a drug is given in, between its name and its amount, names no
    # drug: the amount stays the name's
    ("The patient was given vitamin C in normal saline (1 g bid).", [("ascorbic acid", "2 g/day")]),
    ("She was given ceftriaxone in 5% dextrose, 2 g once daily.", [("ceftriaxone", "2 g/day")]),
    ("He received acetylcysteine in saline 600 mg twice daily.", [("acetylcysteine", "1200 mg/day")]),
    # ... but a volume after the vehicle is the solution's, never the drug's
    ("She was given vitamin C in normal saline (500 mL).", []),
])
def test_a_vehicle_between_a_name_and_its_amount(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh126-003: a feeding tube ("through ryles tube", "via a nasogastric tube") names no
    # drug, so the maintenance dose after "followed by" stays the drug's
    ("She was given amiodarone, a loading dose of 400 mg via a nasogastric tube followed by "
     "200 mg daily.", [("amiodarone", None), ("amiodarone", "200 mg/day")]),
    ("He was treated with digoxin, starting with a loading oral dose of 500 mcg through ryles "
     "tube followed by 125 mcg daily.", [("digoxin", None), ("digoxin", "125 mcg/day")]),
])
def test_a_feeding_tube_between_a_name_and_its_amount(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh126-014: ulipristal (other_drug_names.csv, the Esmya SmPC), and its abbreviation
    # defined in brackets in the passage
    ("Fibroids shrank on ulipristal acetate (UPA). She took 5 mg of UPA daily for 12 weeks.",
     [("ulipristal", "5 mg/day")]),
    ("She was given ulipristal 5 mg once daily.", [("ulipristal", "5 mg/day")]),
])
def test_ulipristal_and_its_bracketed_abbreviation(text, want):
    assert _others(text) == want


# -- prosefix129130: the fresh129 and fresh130 rounds ---------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh130-031: a rate an hour that its sentence, later, bounds to a dialysis or apheresis
    # session runs for hours, not a day: no daily amount
    ("Heparin 500 units/h was used to anticoagulate the circuit during each haemodialysis "
     "session.", [("heparin", None)]),
    ("Heparin 1,000 units/h was infused during plasma exchange.", [("heparin", None)]),
    # ... but continuous dialysis (CRRT) runs all day, and a session named apart from the rate
    # does not bound it
    ("Heparin 1000 units/h was given during continuous venovenous hemodialysis.",
     [("heparin", "24000 units/day")]),
    ("Heparin 1000 units/h was started and she had hemodialysis on day 3.",
     [("heparin", "24000 units/day")]),
])
def test_a_rate_during_a_dialysis_session_runs_no_day(text, want):
    assert _daily_doses(text) == want


def test_a_rate_of_a_name_the_catalogue_lacks_during_dialysis_is_no_daily_amount():
    # fresh130-031: never 720 mg a day
    text = "Nafamostat 30 mg/h was given as the anticoagulant during dialysis."
    assert all(a_day is None for _name, a_day in _others(text))


@pytest.mark.parametrize(("text", "want"), [
    # fresh130-007: millions of units spelt out are read as the digits are
    ("He was given benzylpenicillin four million units every 4 hours.",
     [("benzylpenicillin", "24000000 units/day")]),
    ("Colistin two million international units every eight hours was given.",
     [("colistin", "6000000 units/day")]),
    # ... and a single dose stays single
    ("She received two million units of penicillin G once.", [("benzylpenicillin", None)]),
])
def test_millions_of_units_spelt_out(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh129-015: dolutegravir + lamivudine (Dovato) is a product of its own; its two strengths
    # name no one amount of it, and never the second component's alone
    ("He took one dolutegravir/lamivudine (50/300 mg) tablet daily.", []),
    ("He took dolutegravir/lamivudine 50 mg/300 mg once daily.", []),
    # fresh129-009: ceftriaxone + sulbactam, dosed as the vial's total
    ("She received ceftriaxone-sulbactam 1.5 g twice daily.",
     [("ceftriaxone + sulbactam", "3 g/day")]),
    ("Ceftriaxone/sulbactam 1.5 g every 12 hours was given.",
     [("ceftriaxone + sulbactam", "3 g/day")]),
    # fresh129-026: S-amlodipine is levamlodipine, a drug of its own, never amlodipine
    ("He took S-amlodipine 5 mg once daily.", [("levamlodipine", "5 mg/day")]),
    ("He took amlodipine 5 mg once daily.", [("amlodipine", "5 mg/day")]),
])
def test_names_of_prosefix129130(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh129-021: a later clause "and it was given <schedule>" gives the sentence's one dose
    # its schedule
    ("Vancomycin 1 g was started for the infection, and it was given every 12 hours.",
     [("vancomycin", "2 g/day")]),
    ("A dose of 1 g of meropenem was administered, and it was given three times daily.",
     [("meropenem", "3 g/day")]),
    # ... not where another drug stands between (whose "it" is not known), nor across ";"
    ("Vancomycin 1 g was started and cefazolin was added, and it was given every 12 hours.",
     [("vancomycin", None)]),
    ("Ceftriaxone 2 g was given on admission; later it was given twice daily by the ward.",
     [("ceftriaxone", None)]),
])
def test_a_schedule_said_of_it_later_in_the_sentence(text, want):
    assert _others(text) == want


# -- prosefix131134: the fresh131 to fresh134 rounds ---------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh118-008: two names joined by "and" before one product word, then (past what it is
    # for and a bracket) one amount: the product's, never the one catalogue drug's
    ("She took lactulose and sorbitol syrup as a laxative (about 30 g/day).",
     [("lactulose", None)]),
    # senna is a catalogue name of sennoside since the audit (fixnames): with two catalogue names
    # before the product word the one amount is neither's to take — a known defect: the reader
    # gives it to the nearer (15 g/day of sennosides, no plausible dose; check flags it)
    pytest.param("He took lactulose and senna tablets (15 g/day).",
                 [("lactulose", None), ("sennoside", None)],
                 marks=pytest.mark.xfail(strict=True, reason="known defect: the amount after two "
                                         "catalogue names and one product word goes to the "
                                         "nearer name")),
    # ... while one name before the product word keeps its amount
    ("She took lactulose syrup as a laxative (about 30 g/day).", [("lactulose", "30 g/day")]),
])
def test_one_amount_after_two_names_and_a_product_word(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want_items", "want_others"), [
    # fresh133-007: "stop X and start Y <dose>": the dose is the started drug's, never the
    # stopped one's
    ("We discontinued phenytoin and started lacosamide 100 mg twice daily.",
     [], [("lacosamide", "200 mg/day")]),
    ("Phenytoin was stopped, and then started zonisamide 100 mg daily.",
     [], [("zonisamide", "100 mg/day")]),
    ("Morphine was continued and added lacosamide 100 mg twice daily.",
     [("morphine", None)], [("lacosamide", "200 mg/day")]),
    # ... and a catalogue drug started keeps its own dose, as before
    ("We stopped phenytoin and started carbamazepine 200 mg twice daily.",
     [("carbamazepine", "400 mg/day")], []),
])
def test_a_dose_after_and_start_is_the_started_drugs(text, want_items, want_others):
    assert _daily_doses(text) == want_items
    assert _others(text) == want_others


@pytest.mark.parametrize(("text", "want"), [
    # fresh134-021: "deoxycholate" after amphotericin B is its formulation, no drug of its own
    ("Amphotericin B deoxycholate 50 mg daily was given.", [("amphotericin b", "50 mg/day")]),
    ("She received amphotericin B deoxycholate (35 mg/day) for a week.",
     [("amphotericin b", "35 mg/day")]),
    # fresh134-027, fresh131-003: norethindrone (USAN) is norethisterone; Thyronorm is
    # levothyroxine
    ("Norethindrone 5 mg three times daily was prescribed.", [("norethisterone", "15 mg/day")]),
    ("She was started on Thyronorm 50 micrograms once daily.", [("levothyroxine", "50 mcg/day")]),
])
def test_names_of_prosefix131134(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh132-015: "<amount> + <amount>" after a combination's name are its components'
    # strengths: the second is never the product's amount, and they are not a day's doses
    ("Amoxicillin and clavulanic acid injections, 1000 mg + 200 mg, one vial per day, were "
     "given.", [("amoxicillin + clavulanic acid", None)]),
    ("He took amoxicillin/clavulanate 875 mg + 125 mg twice daily.", []),
    # ... while "+" between doses of one drug still sums a day's doses
    ("He took amoxicillin 500 mg + 250 mg daily.", [("amoxicillin", "750 mg/day")]),
])
def test_strengths_of_a_combination_joined_by_plus(text, want):
    assert _others(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh131-010: a backslash typed for the slash of a unit per time
    ("The dose of sertraline was increased to 100 mg\\day.", [("sertraline", "100 mg/day")]),
    ("She took sertraline 50 mg\\d.", [("sertraline", "50 mg/day")]),
    ("Heparin 1000 units\\h was infused.", [("heparin", "24000 units/day")]),
])
def test_a_backslash_for_the_slash_of_a_unit(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh131-011: "once/8 h" is one dose every 8 hours
    ("He received meropenem 2 g, once/8 h, by intravenous drip.", [("meropenem", "6 g/day")]),
    ("Vancomycin 1 g, once/12 h, was given.", [("vancomycin", "2 g/day")]),
])
def test_once_per_hours_is_every_hours(text, want):
    assert _others(text) == want


def test_once_per_hours_of_a_catalogue_drug():
    assert _daily_doses("Morphine 10 mg once/4 h was given.") == [("morphine", "60 mg/day")]


def test_a_backslash_elsewhere_is_left_alone():
    assert normalise("path C:\\day") == "path c:\\day"


@pytest.mark.parametrize(("text", "want"), [
    # fresh131-016: a dose diluted in a volume "and given … once a day": the schedule is the dose's
    ("For anticoagulation, 1500 U of heparin was added to 250 ml of saline and given as an "
     "intravenous drip once a day.", [("heparin", "1500 units/day")]),
    # ... not where another drug is the subject of the verb of giving
    ("Heparin 5000 units was added to 500 ml of saline and morphine was given once a day.",
     [("heparin", None), ("morphine", None)]),
])
def test_a_dose_diluted_and_given_on_a_schedule(text, want):
    assert _daily_doses(text) == want


def test_a_diluted_dose_of_a_drug_the_catalogue_lacks_takes_the_schedule():
    text = "Vancomycin 1 g was diluted in 200 ml of normal saline and infused every 12 hours."
    assert _others(text) == [("vancomycin", "2 g/day")]


@pytest.mark.parametrize(("text", "want_items", "want_others"), [
    # fresh134-020: the side of an equivalence is the amount after its phrase; "and <name>
    # <amount>" after it is the next item
    ("The child is on Carbamazepine equivalent to 20mg/kg/day daily dose and folic acid 5mg daily.",
     [("carbamazepine", None)], [("folic acid", "5 mg/day")]),
    ("He took morphine equivalent to 60 mg/day, and gabapentin 300 mg three times daily.",
     [("gabapentin", "900 mg/day")], []),
    # ... the sides themselves stay no doses
    ("Oxycodone 20 mg is equivalent to 30 mg of oral morphine and 10 mg of hydromorphone.",
     [("oxycodone", None)], []),
])
def test_an_item_after_the_side_of_an_equivalence(text, want_items, want_others):
    assert _daily_doses(text) == want_items
    assert _others(text) == want_others


@pytest.mark.parametrize(("text", "want"), [
    # fresh132-020: a measured level ("the level improved to 0.3 mcg/mL for itraconazole") is
    # no dose, and the drug it is of does not stop the sentence referring back to the story's drug
    ("He took itraconazole 200 mg twice daily. The dose was increased to 200 mg three times "
     "daily, and the level rose to 1.2 mcg/mL for itraconazole.",
     [("itraconazole", "400 mg/day"), ("itraconazole", "600 mg/day")]),
    ("He took itraconazole 200 mg twice daily. The dose was increased to 200 mg three times "
     "daily, and the level improved to 0.3 mcg/mL for itraconazole and 0.8 ug/mL for the "
     "hydroxyitraconazole level.", [("itraconazole", "400 mg/day"), ("itraconazole", "600 mg/day")]),
    # ... so a metabolite's level in the sentence before ("hydroxyitraconazole")
    ("He took itraconazole 200 mg twice daily. The hydroxyitraconazole level was 0.36 mcg/mL. "
     "The dose was increased to 200 mg three times daily.",
     [("itraconazole", "400 mg/day"), ("itraconazole", "600 mg/day")]),
    # ... but another drug's level names another drug: whose dose is not said
    ("He took itraconazole 200 mg twice daily. The dose was increased to 200 mg three times "
     "daily, and the level rose to 1.2 mcg/mL for voriconazole.", [("itraconazole", "400 mg/day")]),
])
def test_a_level_of_the_story_drug_does_not_stop_a_reference_back(text, want):
    assert _daily_doses(text) == want


def test_a_level_of_another_drug_named_last_takes_the_reference_back():
    text = ("He took itraconazole 200 mg twice daily. The voriconazole level was 2 mcg/mL. The dose "
            "was increased to 200 mg three times daily.")
    assert _daily_doses(text) == [("itraconazole", "400 mg/day")]


@pytest.mark.parametrize(("text", "want"), [
    # fresh132-030: the agents a susceptibility test tried, in a sentence that gives nothing
    ("The minimum inhibitory concentrations (MICs) of itraconazole, terbinafine and "
     "fluconazole were detected by microdilution.", []),
    ("The results showed MICs of 0.125 mg/L for itraconazole and 2 mg/L for fluconazole.", []),
    # ... a drug started in the same sentence stays a mention
    ("The isolate was susceptible to fluconazole, and fluconazole was started.",
     [("fluconazole", None)]),
])
def test_agents_of_a_susceptibility_test_are_not_given(text, want):
    assert _daily_doses(text) == want


# -- prosefix135: fresh135 -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # fresh135-018: "<amount> divided dose of <name>": "divided" is the dose's own adjective,
    # so the amount is the name's, never the drug of the clause before
    ("He had 500 mg of methylprednisolone for three days, then 30 mg/day divided dose of "
     "prednisolone.", [("methylprednisolone", None), ("prednisolone", "30 mg/day")]),
    ("Morphine was given first, followed by 60 mg/day divided dose of oxycodone.",
     [("morphine", None), ("oxycodone", "60 mg/day")]),
    ("She took 20 mg/day divided dosage of prednisolone.", [("prednisolone", "20 mg/day")]),
    # ... as without "divided", which was read so before
    ("Methylprednisolone 1 g was given, then 40 mg/day dose of prednisolone.",
     [("methylprednisolone", None), ("prednisolone", "40 mg/day")]),
    # ... and "divided" before any other word passes nothing: the drug before keeps its dose
    ("Prednisolone 40 mg/day divided in two doses was started.", [("prednisolone", "40 mg/day")]),
])
def test_an_amount_before_divided_dose_of_a_name_is_that_names(text, want):
    assert _daily_doses(text) == want


@pytest.mark.parametrize(("text", "want_items", "want_others"), [
    # fresh135-018, the other way: a name the catalogue does not know after "divided dose of"
    # takes the amount, never the catalogue drug before it
    ("He received 1 g of methylprednisolone, then 1000 mg/day divided dose of metformin.",
     [("methylprednisolone", None)], [("metformin", "1000 mg/day")]),
    ("Hydrocortisone was tapered, followed by 2 g/day divided dose of mycophenolate mofetil.",
     [("hydrocortisone", None)], [("mycophenolate mofetil", "2 g/day")]),
])
def test_an_amount_before_divided_dose_of_an_unknown_name(text, want_items, want_others):
    assert _daily_doses(text) == want_items
    assert _others(text) == want_others


@pytest.mark.parametrize(("text", "want_items", "want_others"), [
    # fresh135-014: "a total of nine medications, including X (800 mg/day)": the total counts
    # medicines, so the first amount after it is no total
    ("She takes a total of five drugs, including metformin (1000 mg/day) and morphine "
     "(60 mg/day).", [("morphine", "60 mg/day")], [("metformin", "1000 mg/day")]),
    ("He was on a total of 4 medicines, including morphine (30 mg/day) and gabapentin "
     "(900 mg/day).", [("morphine", "30 mg/day"), ("gabapentin", "900 mg/day")], []),
    # ... while a total of an amount stays a total, no day's dose
    ("She received a total of 60 mg of morphine.", [("morphine", None)], []),
])
def test_a_total_of_medicines_is_no_total_amount(text, want_items, want_others):
    assert _daily_doses(text) == want_items
    assert _others(text) == want_others


# -- prosefix6: restated lists, plural dose nouns ---------------------------------------------

def _labelled_states(text: str) -> list[tuple[str, list[tuple[str, str | None, str]]]]:
    return [(state.label, [(i.drug.name, None if i.daily_dose is None else str(i.daily_dose),
                            i.action) for i in state.items])
            for state in read_course(text).states]


@pytest.mark.parametrize(("text", "want"), [
    # the lead's case and fresh133-004: a list restated after one transition is ONE new state,
    # labelled by the transition, and the item restated at the same dose is continued
    ("She received oxycodone 10 mg twice daily and pregabalin 75 mg twice daily for 2 weeks "
     "followed by oxycodone 10 mg twice daily and pregabalin 150 mg twice daily for the "
     "following 3 months.",
     [("initial", [("oxycodone", "20 mg/day", "added"), ("pregabalin", "150 mg/day", "added")]),
      ("followed by", [("oxycodone", "20 mg/day", "continued"),
                       ("pregabalin", "300 mg/day", "changed")])]),
    ("He took morphine 10 mg every 4 hours and gabapentin 300 mg three times daily, then "
     "morphine 10 mg every 4 hours and gabapentin 600 mg three times daily.",
     [("initial", [("morphine", "60 mg/day", "added"), ("gabapentin", "900 mg/day", "added")]),
      ("then", [("morphine", "60 mg/day", "continued"), ("gabapentin", "1800 mg/day", "changed")])]),
    # a new drug after the transition, before the restated ones, enters the same new state
    ("He took morphine 10 mg every 4 hours and gabapentin 300 mg three times daily for a week, "
     "then paracetamol 1 g four times daily, morphine 10 mg every 4 hours and gabapentin 600 mg "
     "three times daily.",
     [("initial", [("morphine", "60 mg/day", "added"), ("gabapentin", "900 mg/day", "added")]),
      ("then", [("morphine", "60 mg/day", "continued"), ("gabapentin", "1800 mg/day", "changed"),
                ("acetaminophen", "4 g/day", "added")])]),
])
def test_a_list_restated_after_one_transition_is_one_new_state(text, want):
    assert _labelled_states(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # fresh133-004: "a 9-month total antimicrobial therapy including rifampin 600 mg daily":
    # "total" qualifies the course, so the amount is rifampin's dose, no printed total
    ("The patient was started on a 9-month total antimicrobial therapy including rifampin "
     "600 mg daily for 2 months followed by rifampin 600 mg daily for the following 7 months.",
     [[("rifampicin", "600 mg/day")], [("rifampicin", "600 mg/day")]]),
    ("He completed a total treatment course of morphine 10 mg every 4 hours.",
     [[("morphine", "60 mg/day")]]),
    ("She was given a total 6-month regimen including rifampin 450 mg daily.",
     [[("rifampicin", "450 mg/day")]]),
])
def test_total_before_a_course_of_treatment_is_no_total(text, want):
    assert _states(text) == want
    assert not [t for t in read_course(text).printed_totals if t.kind == "cumulative"]


def test_a_total_of_an_amount_stays_a_total_beside_the_course_rule():
    course = read_course("He received a total of 60 mg of morphine.")
    assert [t.kind for t in course.printed_totals] == ["cumulative"]


@pytest.mark.parametrize(("text", "want"), [
    # plural dose nouns: "<amount> (divided) doses of <name>", "in divided doses of <name>" give
    # the amount to the name after "of", as the singular "dose of" (prosefix135) does
    ("She was started on 60 mg/day divided doses of oxycodone.", [("oxycodone", "60 mg/day")]),
    ("She was started on 60 mg/day in divided doses of oxycodone.", [("oxycodone", "60 mg/day")]),
    ("She received 60 mg/day doses of oxycodone.", [("oxycodone", "60 mg/day")]),
    ("Morphine 30 mg/day was given; 900 mg/day in divided doses of gabapentin was added.",
     [("morphine", "30 mg/day"), ("gabapentin", "900 mg/day")]),
    # ... and the other way round stays right
    ("She was started on oxycodone 60 mg/day in divided doses.", [("oxycodone", "60 mg/day")]),
    ("Oxycodone 60 mg/day divided doses was started.", [("oxycodone", "60 mg/day")]),
])
def test_an_amount_before_plural_dose_nouns_of_a_name_is_that_names(text, want):
    assert _daily_doses(text) == want


# -- prosefix7: restated lists after a changing verb ---------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # the lead's case: the regimen restated after "was changed to" is ONE new state, labelled by
    # the verb; the drugs it names again are changed (not switched to, not added)
    ("Her regimen of morphine 10 mg every 4 hours and gabapentin 300 mg three times daily was "
     "changed to morphine 15 mg every 4 hours and gabapentin 600 mg three times daily.",
     [("initial", [("morphine", "60 mg/day", "added"), ("gabapentin", "900 mg/day", "added")]),
      ("changed to", [("morphine", "90 mg/day", "changed"),
                      ("gabapentin", "1800 mg/day", "changed")])]),
    ("Morphine 10 mg every 4 hours and gabapentin 300 mg three times daily were switched to "
     "morphine 15 mg every 4 hours and gabapentin 600 mg three times daily.",
     [("initial", [("morphine", "60 mg/day", "added"), ("gabapentin", "900 mg/day", "added")]),
      ("switched to", [("morphine", "90 mg/day", "changed"),
                       ("gabapentin", "1800 mg/day", "changed")])]),
    ("He was given morphine 10 mg every 4 hours and gabapentin 300 mg three times daily, which "
     "was adjusted to morphine 15 mg every 4 hours and gabapentin 300 mg three times daily.",
     [("initial", [("morphine", "60 mg/day", "added"), ("gabapentin", "900 mg/day", "added")]),
      ("adjusted to", [("morphine", "90 mg/day", "changed"),
                       ("gabapentin", "900 mg/day", "continued")])]),
    # the regimen before the verb told in an earlier sentence: the state holds the drugs
    ("He received morphine 10 mg every 4 hours and gabapentin 300 mg three times daily. The "
     "regimen was changed to morphine 15 mg every 4 hours and gabapentin 600 mg three times daily.",
     [("initial", [("morphine", "60 mg/day", "added"), ("gabapentin", "900 mg/day", "added")]),
      ("changed to", [("morphine", "90 mg/day", "changed"),
                      ("gabapentin", "1800 mg/day", "changed")])]),
    ("Morphine 10 mg every 4 hours was changed to morphine 15 mg every 4 hours.",
     [("initial", [("morphine", "60 mg/day", "added")]),
      ("changed to", [("morphine", "90 mg/day", "changed")])]),
    # a switch inside the list: the drug not named again leaves, the new one enters
    ("Morphine 10 mg every 4 hours and gabapentin 300 mg three times daily were converted to "
     "oxycodone 10 mg every 4 hours and gabapentin 600 mg three times daily.",
     [("initial", [("morphine", "60 mg/day", "added"), ("gabapentin", "900 mg/day", "added")]),
      ("converted to", [("gabapentin", "1800 mg/day", "changed"),
                        ("oxycodone", "60 mg/day", "switched")])]),
    # fresh105-014 (the catalogue's drug of it; ceftriaxone and levofloxacin are read apart):
    # rifampin restated after "was switched to" at the same dose is continued, not switched to
    ("Since cardiac surgery was considered as high risk, the patient was treated intravenously "
     "with ceftriaxone 2 g qd and rifampin 600 mg bid for 7 weeks and was switched to an oral "
     "therapy with levofloxacin 500 mg bid and rifampin 600 mg bid for an additional 6 months.",
     [("initial", [("rifampicin", "1200 mg/day", "added")]),
      ("switched to", [("rifampicin", "1200 mg/day", "continued")])]),
])
def test_a_list_restated_after_a_verb_of_change_is_one_new_state(text, want):
    assert _labelled_states(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # a true switch keeps its meaning: the old drug leaves, the new one enters
    ("Morphine 10 mg every 4 hours was switched to oxycodone 5 mg every 4 hours.",
     [("before the switch", [("morphine", "60 mg/day", "added")]),
      ("switched to oxycodone", [("oxycodone", "30 mg/day", "switched")])]),
    ("He was on morphine 10 mg every 4 hours and gabapentin 300 mg three times daily. Morphine "
     "was switched to oxycodone 5 mg every 4 hours.",
     [("initial", [("morphine", "60 mg/day", "added"), ("gabapentin", "900 mg/day", "added")]),
      ("switched to oxycodone", [("gabapentin", "900 mg/day", "added"),
                                 ("oxycodone", "30 mg/day", "switched")])]),
])
def test_a_true_switch_keeps_its_meaning_beside_the_restated_list(text, want):
    assert _labelled_states(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # a list after "was discharged on" (or "sent home on") is ONE state, "discharge"; the items
    # restated at the same dose are continued
    ("She was discharged on oxycodone 10 mg twice daily, pregabalin 75 mg twice daily and "
     "paracetamol 1 g four times daily.",
     [("discharge", [("oxycodone", "20 mg/day", "added"), ("pregabalin", "150 mg/day", "added"),
                     ("acetaminophen", "4 g/day", "added")])]),
    ("She was admitted on oxycodone 10 mg twice daily and pregabalin 75 mg twice daily and was "
     "discharged on oxycodone 10 mg twice daily, pregabalin 150 mg twice daily and paracetamol "
     "1 g four times daily.",
     [("admission", [("oxycodone", "20 mg/day", "added"), ("pregabalin", "150 mg/day", "added")]),
      ("discharge", [("oxycodone", "20 mg/day", "continued"),
                     ("pregabalin", "300 mg/day", "changed"),
                     ("acetaminophen", "4 g/day", "added")])]),
    ("She received oxycodone 10 mg twice daily and pregabalin 75 mg twice daily for 2 weeks and "
     "was discharged on oxycodone 10 mg twice daily, pregabalin 150 mg twice daily and "
     "paracetamol 1 g four times daily.",
     [("initial", [("oxycodone", "20 mg/day", "added"), ("pregabalin", "150 mg/day", "added")]),
      ("discharge", [("oxycodone", "20 mg/day", "continued"),
                     ("pregabalin", "300 mg/day", "changed"),
                     ("acetaminophen", "4 g/day", "added")])]),
    ("She was on oxycodone 10 mg twice daily and pregabalin 75 mg twice daily and was "
     "discharged home on oxycodone 10 mg twice daily and pregabalin 75 mg twice daily.",
     [("initial", [("oxycodone", "20 mg/day", "added"), ("pregabalin", "150 mg/day", "added")]),
      ("discharge", [("oxycodone", "20 mg/day", "continued"),
                     ("pregabalin", "150 mg/day", "continued")])]),
    ("She received oxycodone 10 mg twice daily and pregabalin 75 mg twice daily. She was sent "
     "home on oxycodone 10 mg twice daily, pregabalin 150 mg twice daily and paracetamol 1 g "
     "four times daily.",
     [("initial", [("oxycodone", "20 mg/day", "added"), ("pregabalin", "150 mg/day", "added")]),
      ("discharge", [("oxycodone", "20 mg/day", "continued"),
                     ("pregabalin", "300 mg/day", "changed"),
                     ("acetaminophen", "4 g/day", "added")])]),
])
def test_a_list_after_discharged_on_is_one_state(text, want):
    assert _labelled_states(text) == want



@pytest.mark.parametrize(("text", "want"), [
    # "sent home on / with" is the discharge: the drugs after it are the regimen at discharge,
    # and a carried item they do not name ends (fresh12-011's "sent home with prednisone and
    # cyclosporine")
    ("He received morphine 10 mg every 4 hours and gabapentin 300 mg three times daily. He was "
     "sent home with oxycodone 5 mg every 4 hours.",
     [("initial", [("morphine", "60 mg/day", "added"), ("gabapentin", "900 mg/day", "added")]),
      ("discharge", [("oxycodone", "30 mg/day", "added")])]),
    ("He received gabapentin 300 mg three times daily. He was sent home on gabapentin 300 mg "
     "three times daily and paracetamol 1 g four times daily.",
     [("initial", [("gabapentin", "900 mg/day", "added")]),
      ("discharge", [("gabapentin", "900 mg/day", "continued"),
                     ("acetaminophen", "4 g/day", "added")])]),
])
def test_sent_home_on_is_the_discharge(text, want):
    assert _labelled_states(text) == want


def test_sent_home_before_anything_else_is_no_discharge():
    states = _labelled_states("He received gabapentin 300 mg three times daily and was sent home "
                              "after three days.")
    assert [label for label, _ in states] == ["initial"]


def test_a_single_drug_restated_after_switched_to_is_changed():
    # fresh57-007: "The patient was prescribed oral prednisone at 30 mg daily. … The patient was
    # switched to oral prednisone at 20 mg daily …": the drug the state holds, restated after
    # "was switched to", is changed, not switched to itself
    states = _labelled_states(_passage("fresh57-007"))
    assert [[(drug, dose, action) for drug, dose, action in items] for _, items in states] == [
        [("prednisone", "30 mg/day", "added")], [("prednisone", "20 mg/day", "changed")],
        [("prednisone", "10 mg/day", "changed")]]


# -- prosefix8: several patients, MST, syringe drivers ---------------------------------------------
# (the pharmacist's audit, finding 3: Takamatsu's three cases read as one course; MST dropped;
# a syringe driver's second drug read as oral)

_SEVERAL = [
    # headings of their own
    "## Case 1\nShe was given oxycodone 20 mg/day and naproxen 300 mg/day.\n\n## Case 2\n"
    "She was given oxycodone 10 mg/day and loxoprofen 180 mg/day.",
    # "Case N:" inside the prose (fresh18-007, new-005)
    "Case 1: A 60-year-old woman took oxycodone 20 mg/day and naproxen 300 mg/day. Case 2: A "
    "70-year-old woman took oxycodone 10 mg/day and loxoprofen 180 mg/day.",
    "Case 1 : she took oxycodone 20 mg/day and naproxen 300 mg/day. Case 2 : she took oxycodone "
    "10 mg/day and loxoprofen 180 mg/day.",
    # "Patient N:" (fresh16-008)
    "Patient 1: a woman on oxycodone 20 mg/day and naproxen 300 mg/day.\nPatient 2: a woman on "
    "oxycodone 10 mg/day and loxoprofen 180 mg/day.",
    # a paragraph opening on the next patient
    "A 60-year-old woman took oxycodone 20 mg/day and naproxen 300 mg/day.\n\nThe second "
    "patient, a 70-year-old woman, took oxycodone 10 mg/day and loxoprofen 180 mg/day.",
]


@pytest.mark.parametrize("text", _SEVERAL)
def test_a_case_boundary_ends_the_course_and_nothing_is_carried_across_it(text):
    reading = read_course(text)
    assert len(reading.cases) == 2, text
    second = [s for s in reading.states if s.case == reading.cases[1]]
    assert second and all(not i.carried for s in second for i in s.items), text
    assert sorted(i.drug.name for i in second[0].items) == ["loxoprofen", "oxycodone"], text
    assert all(s.label.startswith(f"{s.case}: ") for s in reading.states), text
    assert "several-patients" in [f.finding.code for f in reading.findings]
    # a course file is one patient's: none for the whole text, one for a case named
    with pytest.raises(ValueError, match="several patients"):
        reading.course()
    course = reading.course(case=reading.cases[1])
    assert [sorted(i.name for i in s.regimen.items) for s in course.states] == [
        ["loxoprofen", "oxycodone"]]
    assert not course.states[0].label.startswith(reading.cases[1])


@pytest.mark.parametrize("text", [
    # one case, or the second case alone: no boundary (fresh123-023, fresh108-022)
    "Case 1: She took oxycodone 20 mg/day. The dose was increased to 40 mg/day.",
    "The second case was a woman on oxycodone 20 mg/day, later naproxen 300 mg/day.",
    # "Case 2" and "patient 2" inside a sentence, or heading no case, are no boundary
    "She took oxycodone 20 mg/day, as in case 2. Naproxen 300 mg/day was added.",
    "She took oxycodone 20 mg/day. Case 2 was similar; naproxen 300 mg/day was added.",
])
def test_no_case_boundary_where_the_text_tells_of_one_patient(text):
    reading = read_course(text)
    assert reading.cases == [], text
    assert all(s.case is None for s in reading.states)
    assert "several-patients" not in [f.finding.code for f in reading.findings]
    reading.course()  # one patient's course


@pytest.mark.skipif(not TAKAMATSU.exists(), reason="the paper's text is in ../shared/cases")
def test_takamatsu_read_whole_keeps_its_three_patients_apart(tmp_path):
    # the audit: Case 1's naproxen, pregabalin, betamethasone and rescue oxycodone were carried
    # into Case 2's first state, and `check -f` warned of two NSAIDs across patients
    from click.testing import CliRunner

    from mpsdose.cli import main

    text = TAKAMATSU.read_text(encoding="utf-8")
    reading = read_course(text)
    assert reading.cases == ["Case 1", "Case 2", "Case 3"]
    for case in (1, 2, 3):
        # each case reads as it reads alone (the shipped example test)
        alone = read_course(_cases()[f"Case {case}"])
        mine = [s for s in reading.states if s.case == f"Case {case}"]
        assert [s.label for s in mine] == [f"Case {case}: {s.label}" for s in alone.states]
        assert [sorted(map(_key, s.regimen.items), key=repr) for s in reading.course(
            case=f"Case {case}").states] == [
            sorted(map(_key, s.regimen.items), key=repr) for s in alone.course().states]
    first_of_2 = next(s for s in reading.states if s.case == "Case 2")
    assert sorted(i.drug.name for i in first_of_2.items) == [
        "acetaminophen", "loxoprofen", "oxycodone"]
    path = tmp_path / "course.toml"
    source = tmp_path / "takamatsu.txt"
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["read", str(source), "-o", str(path)])
    assert result.exit_code != 0 and not path.exists()
    assert "several patients" in result.output and "split the text" in result.output


@pytest.mark.parametrize(("text", "daily"), [
    ("He was on MST 30 mg bd, with oramorph 10 mg prn.", 60),
    ("He takes MST 60 mg twice daily.", 120),
    ("mst 30 mg bd was started.", 60),
])
def test_a_short_capital_brand_is_read_once_the_catalogue_knows_it(text, daily):
    # the audit: "MST 30 mg bd" dropped ("30 mg: no drug the catalogue knows"); MST is a name of
    # the shipped catalogue since fixnames (drug_names.csv) — no rule of the reader sets a short
    # capital name aside
    item = next(i for i in read_course(text).items if i.as_written.lower().startswith("mst"))
    assert (item.drug.name, item.daily_mg) == ("morphine", daily)
    assert item.item is not None and item.item.format().startswith("morphine er")


@pytest.mark.parametrize(("text", "second"), [
    ("He was on MST 30 mg bd. He was started on a syringe driver of diamorphine 30 mg/24h "
     "with midazolam 10 mg/24h.", "midazolam"),
    ("She had a syringe driver containing morphine 10 mg and midazolam 20 mg over 24 hours.",
     "midazolam"),
    ("CSCI of oxycodone 20 mg/24h with haloperidol 1.5 mg/24h.", "haloperidol"),
    ("A CSCI of morphine 20 mg with midazolam.", "midazolam"),
    ("A syringe driver of diamorphine 30 mg/24h plus levomepromazine 6.25 mg/24h and midazolam "
     "10 mg/24h.", "midazolam"),
])
def test_a_drug_joined_to_a_syringe_driver_item_shares_its_route(text, second):
    reading = read_course(text)
    item = next(i for i in reading.items if i.drug.name == second)
    assert item.route is Route.SC, text
    assert not any(f.finding.code == "route-assumed" and f.span == item.span
                   for f in reading.findings), text


@pytest.mark.parametrize("text", [
    # a schedule, or a route, of its own: not the driver's
    "A syringe driver of diamorphine 30 mg/24h with paracetamol 1 g qds.",
    "He had a syringe driver of diamorphine 30 mg/24h with oral paracetamol 1 g four times daily.",
])
def test_a_drug_with_a_schedule_or_route_of_its_own_is_not_the_drivers(text):
    item = next(i for i in read_course(text).items if i.drug.name == "acetaminophen")
    assert item.route is not Route.SC and item.daily_mg == 4000, text
