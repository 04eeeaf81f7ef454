"""Measure `mpsdose read` on the case-report passages of tests/data/prose/.

For each part (dev, test: the r16 passages split by report; new, fresh and fresh2 to fresh21:
passages added later, their expected items written and committed before the reader ran on them;
fresh18's to fresh21's are passages of published case reports, mostly of non-opioid catalogue
drugs, from the search tool's stored pages; fresh10's to fresh17's are case texts of the E3C corpus
(English); fresh9's are whole title-and-abstract records of the BioCreative V CDR corpus;
fresh7's and fresh8's are sentences of MEDLINE abstracts from the ADE corpus, grouped by PubMed
ID), it prints:

- read: items whose daily amount the text gives (an expected daily dose, not marked as carried
  from an earlier state), read with that amount (same drug, daily amount within 1%) — the issue's
  measure;
- invented: items the reader gives a daily amount the passage's expected items do not have (same
  drug and amount);
- unexpected-drug: items of a drug the passage's expected reading does not name at all;
- unexpected: items (with or without an amount) read from words where the pharmacist reads no
  item of that drug — a drug named in the history, a series' summary, a general statement, a plan,
  an answer option, a negation (the item's words do not overlap the words of any expected item of
  the same drug);
- unexpected in state (parts whose expected readings list every drug of each state,
  ``"states_complete": true``): items, carried ones included, of a drug the pharmacist's state
  does not hold. A state of the reading is matched to the expected state whose items' words its
  own items were read from (where none is, the state matched before it, or the first matched
  state for the states before it);
- as_written: every item's `as_written` is `text[span]` (always).

An expected item whose drug is not a catalogue drug is matched by an item of a drug the catalogue
does not know (`not_in_catalogue`) of the same name, names compared through
other_drug_names.csv's aliases (and drug_vocabulary.csv's names) and without salt words ("divalproex
sodium" is valproic acid), and
the same daily amount within 1%; such items the passage does not expect count as invented, as
catalogue items do — in the parts whose expected readings list drugs the catalogue lacks (fresh,
fresh5, fresh29 and after). The parts before them list the catalogue's drugs only, so there such an
item with a daily amount is counted apart, as "not judged", and shown with --show. Two figures are
printed: the daily amounts read among the catalogue's drugs, and among all drugs (the issue's
measure).

A passage that misspells a drug the catalogue lacks ("favirapiravir" for favipiravir): the reader
gives such a name as written and cannot know the spelling, so an item of a name the catalogue
lacks matches the expected item of a drug the catalogue lacks whose words (``as_written``) its own
words overlap, with the same daily amount, where the two names are spelt alike (difflib's ratio
0.85 or more) — a measurement convention (prosefix8081, fresh81-026). It is never applied to the
catalogue's drugs: there a misspelling is no drug unless the passage spells the name right
elsewhere, and a reading under another name is invented.

Insulin named by its species: an expected "insulin human" (or "human insulin") is compared as
plain "insulin", the name other_drug_names.csv gives the WHO Model List's soluble insulin (species
unnamed) and the name every other set gives such insulin — a naming choice of the set, not a
second drug (prosefix8687, fresh86-002's "human mixtard insulin 12 units … every 12 hours"). An
analogue (glargine, aspart, lispro, detemir) is compared by its own name.

Mycophenolate named without its product: the bare word "mycophenolate" (no "mofetil" or
"sodium" after it) names neither product; the reader gives it the name other_drug_names.csv
derives from "mycophenolate sodium" (mycophenolic acid) and the sets name it either way, so a
reading of the bare word matches the expected item of either product whose words it overlaps, with
the same daily amount — a measurement convention (prosefix8889, fresh89-031/-032). So does
"tenofovir" alone (no "disoproxil" or "alafenamide" after it), which names neither prodrug: the
list holds the bare word as a drug of its own, the sets name it the disoproxil (its labelled
amount, 245 mg, is "tenofovir 245 mg/day" as written), and a reading of it matches the expected
item of either product whose words it overlaps, with the same daily amount (prosefix9798,
fresh97-024). Names are compared as other_drug_names.csv resolves them ("tenofovir disoproxil"
is its "tenofovir disoproxil fumarate").

Amounts in units: an expected daily amount in units (``units/day``) matches only a reading in
units (heparin 10000 units/day), never one in mg. The parts before fresh25 were written when the
reader and the item language read no amount in units, and their expected readings give such a
drug no daily amount ("15,000 units a day: an amount in units, not a mass; … no daily amount is
expected"); there a reading in units of a drug the expected reading holds with no daily amount is
counted apart, as "not judged" (shown with --show), not as invented. Any other reading in units
(of a drug given a daily amount in mg, or in the parts from fresh25 on) is judged as every
reading is.

Amounts by volume or in equivalents: an expected daily amount by volume alone (``mL/day``: an
infusion fluid, "500 ml iv. drip qd") or in milliequivalents or millimoles (``mEq/day``,
``mmol/day``: a salt, "potassium chloride 40 mEq daily") has no mass or units of activity to
compare a reading with; it is left out of the count (neither read nor missed); a reading of that
drug with a daily amount is judged as every reading is — except a mass a day that equals that
volume a day times a concentration in per cent the item's own words state ("IV mannitol
(20%)100 ml twice a day": 200 mL/day of 20% w/v, 20 g per 100 mL, is 40 g/day). That reading is
the same amount by its mass, the reader's arithmetic on the passage's own numbers, so it is not
counted as invented; it is still left out of the count, as the volume is (prosefix7677,
fresh76-011).

Usage: python scripts/measure_reader.py
    [--part dev|test|new|fresh|fresh2|fresh3|fresh4|fresh5|fresh6|fresh7|fresh8|fresh9|fresh10|
            fresh11|fresh12|fresh13|fresh14|fresh15|fresh16|fresh17|fresh18|fresh19|fresh20|
            fresh28|fresh29|fresh30|fresh31|fresh32|fresh33|fresh34|fresh35|
            fresh36|fresh37|fresh38|fresh39|fresh40|fresh41|fresh42|fresh43|
            fresh44|fresh45|fresh46|fresh47|fresh48|fresh49|fresh50|fresh51|
            fresh52|fresh53|fresh54|fresh55|fresh56|fresh57|fresh58|fresh59|
            fresh60|fresh61|fresh62|fresh63|fresh64|fresh65|fresh66|fresh67|
            fresh68|fresh69|fresh70|fresh71|fresh72|fresh73|fresh74|fresh75|
            fresh76|fresh77|fresh78|fresh79|fresh80|fresh81|
            fresh82|fresh83|fresh84|fresh85|fresh86|fresh87|
            fresh88|fresh89|fresh90|fresh91|fresh92|fresh93|fresh94|fresh95|fresh96|fresh97|fresh98|
            fresh99|fresh100|fresh101|fresh102|fresh103|fresh104|fresh105|fresh106|fresh107|fresh108|fresh109|fresh110|fresh111|fresh112|fresh113|
            fresh114|fresh115|fresh116|fresh117|fresh118|fresh119|
            fresh120|fresh121|fresh122|fresh123|fresh124|fresh125|fresh126|fresh127|fresh128|fresh129|fresh130|fresh131|fresh132|fresh133|fresh134|fresh135|
            all]
            [--show]
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
from pathlib import Path

from mpsdose.io.prose import read_course
from mpsdose.knowledge.bundle import resolve
from mpsdose.model.drugs import without_salt

_KNOWLEDGE = resolve(None)

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "prose"
_TO_MG_DAY = {"mg/day": 1.0, "mg/24 h": 1.0, "g/day": 1000.0, "mcg/day": 1e-3, "mcg/h": 24e-3,
              "mg/h": 24.0, "mcg/24 h": 1e-3, "μg/day": 1e-3, "µg/day": 1e-3}
PARTS = ("dev", "test", "new", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6",
         "fresh7", "fresh8", "fresh9", "fresh10", "fresh11", "fresh12",
         "fresh13", "fresh14", "fresh15", "fresh16", "fresh17", "fresh18", "fresh19", "fresh20", "fresh21",
         "fresh22", "fresh23", "fresh24",
         "fresh25", "fresh26", "fresh27", "fresh28", "fresh29", "fresh30", "fresh31",
         "fresh32", "fresh33", "fresh34", "fresh35", "fresh36", "fresh37", "fresh38", "fresh39",
         "fresh40", "fresh41", "fresh42", "fresh43", "fresh44", "fresh45", "fresh46", "fresh47",
         "fresh48", "fresh49", "fresh50", "fresh51", "fresh52", "fresh53",
         "fresh54", "fresh55", "fresh56", "fresh57", "fresh58", "fresh59", "fresh60", "fresh61",
         "fresh62", "fresh63", "fresh64", "fresh65", "fresh66", "fresh67", "fresh68", "fresh69",
         "fresh70", "fresh71", "fresh72", "fresh73", "fresh74", "fresh75",
         "fresh76", "fresh77", "fresh78", "fresh79",
         "fresh80", "fresh81", "fresh82", "fresh83",
         "fresh84", "fresh85", "fresh86", "fresh87", "fresh88", "fresh89",
         "fresh90", "fresh91", "fresh92", "fresh93", "fresh94", "fresh95", "fresh96",
         "fresh97", "fresh98", "fresh99", "fresh100", "fresh101", "fresh102",
         "fresh103", "fresh104", "fresh105", "fresh106", "fresh107", "fresh108",
         "fresh109", "fresh110", "fresh111", "fresh112", "fresh113",
         "fresh114", "fresh115", "fresh116", "fresh117",
         "fresh118", "fresh119", "fresh120", "fresh121",
         "fresh122", "fresh123", "fresh124", "fresh125",
         "fresh126", "fresh127", "fresh128", "fresh129", "fresh130",
         "fresh131", "fresh132", "fresh133", "fresh134",
         "fresh135")
FILES = ("r16_passages.jsonl", "new_passages.jsonl", "fresh_passages.jsonl",
         "fresh2_passages.jsonl", "fresh3_passages.jsonl", "fresh4_passages.jsonl",
         "fresh5_passages.jsonl", "fresh6_passages.jsonl", "fresh7_passages.jsonl", "fresh8_passages.jsonl",
         "fresh9_passages.jsonl", "fresh10_passages.jsonl", "fresh11_passages.jsonl",
         "fresh12_passages.jsonl", "fresh13_passages.jsonl",
         "fresh14_passages.jsonl", "fresh15_passages.jsonl",
         "fresh16_passages.jsonl", "fresh17_passages.jsonl", "fresh18_passages.jsonl",
         "fresh19_passages.jsonl", "fresh20_passages.jsonl",
         "fresh21_passages.jsonl", "fresh22_passages.jsonl",
         "fresh23_passages.jsonl", "fresh24_passages.jsonl",
         "fresh25_passages.jsonl", "fresh26_passages.jsonl",
         "fresh27_passages.jsonl", "fresh28_passages.jsonl", "fresh29_passages.jsonl",
         "fresh30_passages.jsonl", "fresh31_passages.jsonl", "fresh32_passages.jsonl",
         "fresh33_passages.jsonl", "fresh34_passages.jsonl",
         "fresh35_passages.jsonl", "fresh36_passages.jsonl",
         "fresh37_passages.jsonl", "fresh38_passages.jsonl",
         "fresh39_passages.jsonl", "fresh40_passages.jsonl", "fresh41_passages.jsonl",
         "fresh42_passages.jsonl", "fresh43_passages.jsonl", "fresh44_passages.jsonl",
         "fresh45_passages.jsonl", "fresh46_passages.jsonl", "fresh47_passages.jsonl",
         "fresh48_passages.jsonl", "fresh49_passages.jsonl", "fresh50_passages.jsonl",
         "fresh51_passages.jsonl", "fresh52_passages.jsonl", "fresh53_passages.jsonl",
         "fresh54_passages.jsonl", "fresh55_passages.jsonl", "fresh56_passages.jsonl",
         "fresh57_passages.jsonl", "fresh58_passages.jsonl", "fresh59_passages.jsonl",
         "fresh60_passages.jsonl", "fresh61_passages.jsonl", "fresh62_passages.jsonl",
         "fresh63_passages.jsonl", "fresh64_passages.jsonl", "fresh65_passages.jsonl",
         "fresh66_passages.jsonl", "fresh67_passages.jsonl", "fresh68_passages.jsonl",
         "fresh69_passages.jsonl", "fresh70_passages.jsonl", "fresh71_passages.jsonl",
         "fresh72_passages.jsonl", "fresh73_passages.jsonl", "fresh74_passages.jsonl",
         "fresh75_passages.jsonl", "fresh76_passages.jsonl", "fresh77_passages.jsonl",
         "fresh78_passages.jsonl", "fresh79_passages.jsonl",
         "fresh80_passages.jsonl", "fresh81_passages.jsonl",
         "fresh82_passages.jsonl", "fresh83_passages.jsonl",
         "fresh84_passages.jsonl", "fresh85_passages.jsonl",
         "fresh86_passages.jsonl", "fresh87_passages.jsonl",
         "fresh88_passages.jsonl", "fresh89_passages.jsonl",
         "fresh90_passages.jsonl", "fresh91_passages.jsonl",
         "fresh92_passages.jsonl", "fresh93_passages.jsonl",
         "fresh94_passages.jsonl", "fresh95_passages.jsonl", "fresh96_passages.jsonl",
         "fresh97_passages.jsonl", "fresh98_passages.jsonl", "fresh99_passages.jsonl",
         "fresh100_passages.jsonl", "fresh101_passages.jsonl", "fresh102_passages.jsonl",
         "fresh103_passages.jsonl", "fresh104_passages.jsonl", "fresh105_passages.jsonl",
         "fresh106_passages.jsonl", "fresh107_passages.jsonl", "fresh108_passages.jsonl",
         "fresh109_passages.jsonl", "fresh110_passages.jsonl", "fresh111_passages.jsonl",
         "fresh112_passages.jsonl", "fresh113_passages.jsonl", "fresh114_passages.jsonl",
         "fresh115_passages.jsonl", "fresh116_passages.jsonl", "fresh117_passages.jsonl",
         "fresh118_passages.jsonl", "fresh119_passages.jsonl", "fresh120_passages.jsonl",
         "fresh121_passages.jsonl", "fresh122_passages.jsonl", "fresh123_passages.jsonl",
         "fresh124_passages.jsonl", "fresh125_passages.jsonl",
         "fresh126_passages.jsonl", "fresh127_passages.jsonl",
         "fresh128_passages.jsonl", "fresh129_passages.jsonl",
         "fresh130_passages.jsonl", "fresh131_passages.jsonl",
         "fresh132_passages.jsonl", "fresh133_passages.jsonl",
         "fresh134_passages.jsonl", "fresh135_passages.jsonl")


def passages() -> list[dict]:
    found = []
    for name in FILES:
        path = DATA / name
        if path.exists():
            found += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return found


def expected_daily(passage: dict) -> list[tuple[str, float]]:
    out = []
    for state in passage["expected"]["states"]:
        for item in state["items"]:
            daily = item.get("daily_dose")
            if daily and item.get("drug") and not item.get("carried"):
                if daily["unit"] in _VOLUME_DAY:  # a fluid by volume, a salt in mEq: not counted
                    continue
                if daily["unit"] in _UNITS_DAY:  # heparins: units a day, compared in units
                    out.append((item["drug"], -float(daily["value"]) * _UNITS_DAY[daily["unit"]]))
                else:
                    out.append((item["drug"], daily["value"] * _TO_MG_DAY[daily["unit"]]))
    return out


def _words_of(passage: dict, drug: str, value: float) -> list[tuple[int, int]]:
    """Spans of the words of the expected items of ``drug`` with the daily amount ``value`` (as
    `expected_daily` gives it)."""
    spans: list[tuple[int, int]] = []
    for state in passage["expected"]["states"]:
        for item in state["items"]:
            daily = item.get("daily_dose")
            named = item.get("drug")
            # the set's name, or the name other_drug_names.csv gives it ("tenofovir disoproxil":
            # tenofovir disoproxil fumarate)
            if not named or (named != drug and other_name(named) != drug) or not daily \
                    or not item.get("as_written"):
                continue
            if daily["unit"] in _UNITS_DAY:
                amount = -float(daily["value"]) * _UNITS_DAY[daily["unit"]]
            elif daily["unit"] in _TO_MG_DAY:
                amount = daily["value"] * _TO_MG_DAY[daily["unit"]]
            else:
                continue
            if abs(amount - value) <= 0.01 * abs(value):
                spans += _spans(passage["text"], item["as_written"])
    return spans


#: How alike (difflib's ratio) a name read as written must be to the expected name of a drug the
#: catalogue lacks to match it as a misspelling of that name ("favirapiravir", favipiravir: 0.92).
_SPELT_ALIKE = 0.85


def _misspelt_match(passage: dict, drug: str, value: float, item) -> bool:
    """A reading of a name the catalogue lacks matches the expected item of another drug the
    catalogue lacks where the passage misspells that drug: the reading's words overlap the
    expected item's words, its daily amount is the same and its name is spelt alike."""
    read = " ".join(item.name.lower().split())
    alike = difflib.SequenceMatcher(None, read, drug.lower()).ratio() >= _SPELT_ALIKE
    return (alike and abs(_daily(item) - value) <= 0.01 * abs(value)
            and _overlaps(item.span, _words_of(passage, drug, value)))


#: The products a bare word names neither of: {the bare word as written (no product's word after
#: it): the products' names, as other_drug_names.csv resolves them}. The bare word is read as
#: the name the list gives it, and the sets name it as a product (prosefix8889, prosefix9798).
#:
#: - "mycophenolate": the mofetil (CellCept) or the sodium salt (Myfortic, which
#:   other_drug_names.csv lists as mycophenolic acid); the reader gives the bare word the name
#:   the list derives from "mycophenolate sodium" without its salt word (mycophenolic acid), and
#:   the sets name it either way (fresh53-027, fresh65-018 and fresh89-031/-032 the mofetil;
#:   fresh66-034, fresh73-018 and fresh84-011 the acid).
#: - "tenofovir": the disoproxil (as fumarate; "245 mg tenofovir disoproxil", the EU label's
#:   amount, is 300 mg of the fumarate) or the alafenamide (25 mg); the list holds the bare word
#:   as a drug of its own (the WHO Model List's "tenofovir"), and the sets name the bare word the
#:   disoproxil (fresh97-024 "tenofovir 245 mg/day", and its items without an amount).
_PRODUCTS_OF_BARE_WORD: dict[str, tuple[re.Pattern[str], frozenset[str]]] = {
    "mycophenolate": (re.compile(r"mycophenolate(?!\s*(?:mofetil|sodium))", re.IGNORECASE),
                      frozenset({"mycophenolate mofetil", "mycophenolic acid"})),
    "tenofovir": (re.compile(r"tenofovir(?![\s-]*(?:disoproxil|alafenamide|amibufenamide|df\b|"
                             r"tdf\b|taf\b))", re.IGNORECASE),
                  frozenset({"tenofovir disoproxil fumarate", "tenofovir alafenamide"})),
}


def _product_unnamed_match(passage: dict, drug: str, value: float, item) -> bool:
    """A reading of a bare word that names no product (:data:`_PRODUCTS_OF_BARE_WORD`:
    "mycophenolate", "tenofovir") matches the expected item of any of its products whose words
    it overlaps, with the same daily amount: which product the bare word is, is the set's naming
    choice, not the reader's (prosefix8889, prosefix9798)."""
    read = other_name(item.name)
    for bare, (written, products) in _PRODUCTS_OF_BARE_WORD.items():
        if drug in products and (read in products or read == other_name(bare)) \
                and written.search(item.as_written) is not None \
                and abs(_daily(item) - value) <= 0.01 * abs(value) \
                and _overlaps(item.span, _words_of(passage, drug, value)):
            return True
    return False


def volume_as_mass(passage: dict) -> list[tuple[str, float]]:
    """(drug, mg/day) of each expected daily amount by volume whose words state its
    concentration in per cent (w/v: N g per 100 mL): that volume a day as a mass a day, which a
    reading may give instead (see the module's docstring)."""
    out = []
    for state in passage["expected"]["states"]:
        for item in state["items"]:
            daily = item.get("daily_dose")
            if not daily or not item.get("drug") or daily["unit"] not in ("mL/day", "ml/day"):
                continue
            for found in re.finditer(r"(\d+(?:\.\d+)?)\s*%", item.get("as_written") or ""):
                out.append((item["drug"], float(daily["value"]) * float(found.group(1)) * 10.0))
    return out


#: Daily amounts counted in units (heparins), not in mg; an expected amount in units is kept
#: negative so that it can only match a reading in units (:func:`_daily`), never one in mg.
_UNITS_DAY = {"units/day": 1.0, "IU/day": 1.0, "unit/day": 1.0, "million units/day": 1e6,
              "wu/day": 1e4}  # wu: 万单位, ten thousand units (Chinese reports)
#: Daily amounts by volume alone (an infusion fluid) or in equivalents (a salt), which no reading
#: in mg or units can match.
_VOLUME_DAY = ("mL/day", "ml/day", "L/day", "mEq/day", "mmol/day")


def _daily(item) -> float | None:
    """The reader's daily amount: mg a day, or minus the units a day of a heparin."""
    if item.daily_mg is not None:
        return item.daily_mg
    daily = item.daily_dose
    if daily is not None and daily.unit in _UNITS_DAY:
        return -float(daily.value)
    return None


#: The first part whose expected readings give daily amounts in units (heparin 10000 units/day).
_UNITS_EXPECTED_FROM = 25


def _units_not_expected(passage: dict, item) -> bool:
    """A reading in units in a part written before amounts in units were expected, of a drug its
    expected reading holds with no daily amount (see the module's docstring)."""
    found = re.fullmatch(r"fresh(\d+)", passage.get("split", ""))
    if (found and int(found.group(1)) >= _UNITS_EXPECTED_FROM) or (_daily(item) or 0) >= 0:
        return False
    return any(expected.get("drug") == item.drug.name and expected.get("daily_dose") is None
               for state in passage["expected"]["states"] for expected in state["items"])


def in_catalogue(name: str) -> bool:
    """Is the expected drug one the catalogue knows?"""
    return _KNOWLEDGE.catalogue.get(name) is not None


#: Insulin named by its species: "insulin human" (the INN of human insulin; "human mixtard
#: insulin", fresh86-002) is the insulin that other_drug_names.csv lists as plain "insulin" (the
#: WHO Model List's soluble insulin, by species unnamed), the name the sets give it everywhere
#: else (30 items). A naming choice of a set, not a second drug: an expected "insulin human" or
#: "human insulin" is compared as "insulin" (prosefix8687). An analogue ("insulin glargine",
#: "insulin aspart") is a drug of its own and is compared by its own name.
_SPECIES_OF_INSULIN = {"insulin human": "insulin", "human insulin": "insulin"}


def other_name(name: str) -> str:
    """A drug the catalogue does not know, by the name other_drug_names.csv gives it (its
    aliases and salts resolved), else drug_vocabulary.csv ("glycyrrhizin": glycyrrhizic acid);
    a name neither lists, lower case and without salt words. Insulin named by its species is
    plain insulin (:data:`_SPECIES_OF_INSULIN`)."""
    name = _SPECIES_OF_INSULIN.get(" ".join(name.lower().split()), name)
    for listed in (_KNOWLEDGE.other_drugs, _KNOWLEDGE.drug_vocabulary):
        for each in (" ".join(name.lower().split()), without_salt(name)):
            if each in listed:
                return listed[each].name
    return without_salt(name)


def _drugs(item: dict) -> set[str]:
    return {part.strip() for part in (item.get("drug") or "").split("+") if part.strip()}


def expected_drugs(passage: dict) -> set[str]:
    names: set[str] = set()
    for state in passage["expected"]["states"]:
        for item in state["items"]:
            names |= _drugs(item)
    return names


def _spans(text: str, words: str) -> list[tuple[int, int]]:
    return [(m.start(), m.start() + len(words)) for m in re.finditer(re.escape(words), text)]


def _overlaps(one: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(one[0] < end and start < one[1] for start, end in spans)


def expected_mentions(passage: dict, carried: bool = True
                      ) -> list[tuple[int, str, list[tuple[int, int]]]]:
    """(state index, drug, spans of its words) of every expected item (a carried item's words
    are those that say it continues, or where it was read before; left out with
    ``carried=False``)."""
    text = passage["text"]
    out = []
    for index, state in enumerate(passage["expected"]["states"]):
        for item in state["items"]:
            if not item.get("as_written") or (item.get("carried") and not carried):
                continue
            for drug in _drugs(item):
                out.append((index, drug, _spans(text, item["as_written"])))
    return out


def unexpected_items(passage: dict, reading) -> list:
    """Items read from words where the pharmacist reads no item of that drug."""
    mentions = expected_mentions(passage)
    found = []
    for item in reading.items:
        if not any(drug == item.drug.name and (_overlaps(item.span, spans)
                                                or _overlaps(item.drug_span, spans))
                   for _, drug, spans in mentions):
            found.append(item)
    return found


def unexpected_in_state(passage: dict, reading) -> list[tuple[str, object]]:
    """Items of a drug the matched expected state does not hold (passages whose expected states
    are complete); (state label, item) pairs."""
    states = passage["expected"]["states"]
    if not passage["expected"].get("states_complete"):
        return []
    mentions = expected_mentions(passage, carried=False)
    held = [set().union(*(_drugs(i) for i in s["items"])) if s["items"] else set()
            for s in states]
    matches: list[int | None] = []
    for state in reading.states:
        votes: dict[int, int] = {}
        for item in state.items:
            if item.carried:
                continue
            # the words the item was read from; where they are no expected item's, the words
            # that name its drug (an item changed later keeps the name it was first read with)
            hits = [index for index, drug, spans in mentions
                    if drug == item.drug.name and _overlaps(item.span, spans)] or [
                index for index, drug, spans in mentions
                if drug == item.drug.name and _overlaps(item.drug_span, spans)]
            for index in hits:
                votes[index] = votes.get(index, 0) + 1
        # the most votes; between equals, the later state (the story moves on)
        matches.append(max(votes, key=lambda i: (votes[i], i)) if votes else None)
    # a state with no item of the pharmacist's takes the match before it; the states before the
    # first match take the first match; with no match at all, the passage's states hold nothing
    first = next((m for m in matches if m is not None), None)
    found = []
    current = first
    for state, match in zip(reading.states, matches, strict=True):
        current = match if match is not None else current
        drugs = held[current] if current is not None else set()
        for item in state.items:
            if item.drug.name not in drugs:
                found.append((state.label, item))
    return found


def measure(part: str, show: bool = False) -> dict[str, int]:
    totals = {"passages": 0, "expected": 0, "read": 0, "invented": 0, "unexpected_drug": 0,
              "unexpected": 0, "unexpected_in_state": 0, "items": 0, "span_errors": 0,
              "expected_catalogue": 0, "read_catalogue": 0, "invented_catalogue": 0,
              "other_items": 0, "not_judged": 0}
    chosen = [p for p in passages() if part == "all" or p.get("split") == part]
    judged = any(not in_catalogue(d) for p in chosen for d in expected_drugs(p))
    for passage in passages():
        if part != "all" and passage.get("split") != part:
            continue
        totals["passages"] += 1
        text = passage["text"]
        reading = read_course(text)
        items = reading.items
        totals["items"] += len(items)
        for item in items:
            if text[item.span[0]:item.span[1]] != item.as_written:
                totals["span_errors"] += 1
        wanted = expected_daily(passage)
        totals["expected"] += len(wanted)
        listed = [(d, v) for d, v in wanted if in_catalogue(d)]
        others = [(other_name(d), v) for d, v in wanted if not in_catalogue(d)]
        totals["expected_catalogue"] += len(listed)
        unmatched = [i for i in items if _daily(i) is not None]
        missed = []
        for drug, value in listed:
            match = next((i for i in unmatched if i.drug.name == drug
                          and abs(_daily(i) - value) <= 0.01 * abs(value)), None)
            if match is None:
                missed.append((drug, value))
                continue
            unmatched.remove(match)
            totals["read_catalogue"] += 1
        # an extra reading of an expected amount (the same item in two states) is not invented
        by_mass = volume_as_mass(passage)
        invented = [i for i in unmatched if not any(
            d == i.drug.name and abs(_daily(i) - v) <= 0.01 * abs(v) for d, v in listed + by_mass)]
        before_units = [i for i in invented if _units_not_expected(passage, i)]
        invented = [i for i in invented if i not in before_units]
        totals["not_judged"] += len(before_units)
        totals["invented_catalogue"] += len(invented)
        other_items = reading.not_in_catalogue
        totals["other_items"] += len(other_items)
        for other in other_items:
            if text[other.span[0]:other.span[1]] != other.as_written:
                totals["span_errors"] += 1
        unmatched_others = [i for i in other_items if _daily(i) is not None]
        for drug, value in others:
            found = next((i for i in unmatched_others if other_name(i.name) == drug
                          and abs(_daily(i) - value) <= 0.01 * abs(value)), None)
            if found is None:  # the passage misspells the name: matched by its words
                found = next((i for i in unmatched_others
                              if _misspelt_match(passage, drug, value, i)), None)
            if found is None:  # "mycophenolate", "tenofovir" alone: a product, by its words
                found = next((i for i in unmatched_others
                              if _product_unnamed_match(passage, drug, value, i)), None)
            if found is None:
                missed.append((drug, value))
                continue
            unmatched_others.remove(found)
        others_by_mass = [(other_name(d), v) for d, v in by_mass if not in_catalogue(d)]
        invented_others = [i for i in unmatched_others if not any(
            d == other_name(i.name) and abs(_daily(i) - v) <= 0.01 * abs(v)
            for d, v in others + others_by_mass)]
        totals["read"] += len(wanted) - len(missed)
        if judged:
            totals["invented"] += len(invented) + len(invented_others)
        else:
            totals["invented"] += len(invented)
            totals["not_judged"] += len(invented_others)
        drugs = expected_drugs(passage)
        strangers = [i for i in items if i.drug.name not in drugs]
        totals["unexpected_drug"] += len(strangers)
        unexpected = unexpected_items(passage, reading)
        totals["unexpected"] += len(unexpected)
        in_state = unexpected_in_state(passage, reading)
        totals["unexpected_in_state"] += len(in_state)
        if show and (missed or invented or before_units or invented_others or unexpected or in_state):
            print(f"--- {passage['id']} ({passage['report']})")
            for drug, value in missed:
                print(f"    MISSED {drug} {abs(value):g} {'units' if value < 0 else 'mg'}/day")
            for item in invented:
                print(f"    INVENTED {item.drug.name} {item.daily_dose} from {item.as_written!r}")
            for item in before_units:
                print(f"    NOT JUDGED (units; expected before units were read) {item.drug.name} "
                      f"{item.daily_dose} from {item.as_written!r}")
            for other in invented_others:
                said = "INVENTED" if judged else "NOT JUDGED"
                print(f"    {said} (not in the catalogue) {other.name} {other.daily_dose} from "
                      f"{other.as_written!r}")
            for item in unexpected:
                where = "drug not in the passage" if item in strangers else "no expected item there"
                print(f"    UNEXPECTED {item.drug.name} {item.daily_dose} from {item.as_written!r}"
                      f" ({where})")
            for label, item in in_state:
                carried = " (carried)" if item.carried else ""
                print(f"    NOT IN STATE {label!r}: {item.drug.name}{carried} from "
                      f"{item.as_written!r}")
    return totals


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", default="all", choices=(*PARTS, "all"))
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    parts = PARTS if args.part == "all" else (args.part,)
    for part in parts:
        t = measure(part, args.show)
        share = 100 * t["read"] / t["expected"] if t["expected"] else 0.0
        listed = 100 * t["read_catalogue"] / t["expected_catalogue"] if t["expected_catalogue"] else 0.0
        print(f"{part:6} passages {t['passages']:3}  daily amounts read {t['read']}/{t['expected']} "
              f"({share:.1f}%; catalogue drugs {t['read_catalogue']}/{t['expected_catalogue']}, "
              f"{listed:.1f}%)  invented {t['invented']} (catalogue drugs {t['invented_catalogue']})  "
              f"not in the catalogue {t['other_items']} (not judged {t['not_judged']})  "
              f"unexpected items {t['unexpected']} "
              f"(drug not in the passage {t['unexpected_drug']}; not in the state "
              f"{t['unexpected_in_state']})  items {t['items']}  span errors {t['span_errors']}")


if __name__ == "__main__":
    main()
