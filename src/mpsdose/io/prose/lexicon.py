"""The words of case-report prose the reader knows, as patterns over the normalised text.

Each entry is a token kind, a pattern, and the value the token carries. Patterns are tried in
the order written, at word boundaries; a longer phrase is written before the shorter one it
contains. The lists come from the words published case reports use (see
``tests/data/prose/README.md``); a word not listed here is an ordinary word, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from mpsdose.model.regimen import Schedule, ScheduleKind
from mpsdose.model.vocabulary import Route

__all__ = [
    "ACTIVITY",
    "AFTER_NUMBER_WORD",
    "AMOUNT",
    "AMOUNT_WORDS",
    "COMBINATION",
    "COMBINATION_UNITS",
    "DECIMAL_COMMA",
    "MILLION_UNITS",
    "NUMBER",
    "PER_KG",
    "PER_OTHER_WEIGHT",
    "PHRASES",
    "RANGE",
    "SCHEME_AFTER_AMOUNT",
    "COMMA_THEN_LIST",
    "THEN_LIST",
    "WORD_AMOUNT",
    "WORD_NUMBERS",
    "number",
    "scheme_schedule",
]

#: A number: digits with a decimal point, with thousands separators (groups of three after a
#: first group that is not zero: "1,050", never "0,125"), or with a decimal comma ("0,5", "2,5",
#: "0,125": one or two digits after the comma, or any after a zero, which no thousands separator
#: allows). A decimal comma is not read where the number goes on as a list ("5,10 and 20 mg",
#: "1,2, 4 mg"): there the digits are the list's.
NUMBER = (r"(?:[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?(?![\d,])"
          r"|(?:0,\d+|[1-9]\d*,\d{1,2})(?![\d,])(?!\s*,\s*\.?\d)(?!\s*,?\s*(?:and|or)\s+\.?\d)"
          r"|\d+(?:\.\d+)?|\.\d+)")
#: A number written with a decimal comma (see ``NUMBER``).
DECIMAL_COMMA = re.compile(r"(?:0,\d+|[1-9]\d*,\d{1,2})(?![\d,])")


def number(text: str) -> float:
    if DECIMAL_COMMA.fullmatch(text):
        return float(text.replace(",", "."))
    return float(text.replace(",", ""))


#: "mgs" is the milligram's plural as Indian and West African reports write it ("capecitabine
#: 1500mgs twice daily", prosefix9798, fresh97-023); "milligramme" and "gramme" the French and
#: older British spelling ("12 milligrammes of bethamethasone", fresh97-013).
_MASS = (r"(?:mgs|mg|mcg|µg|ug|micrograms?|micro\s+grams?|microg|milligram(?:me)?s?|gram(?:me)?s?"
         r"|gm|g|ml|millilit(?:er|re)s?|%)")
#: Units of activity ("5000 units", "4000 U/day", "20 IU", "2×5000 unit"): the dose unit of the
#: heparins and insulins, never converted to mg (CONTRACT.md §1).
#: "IE" is the German (and Dutch) "Internationale Einheiten", international units ("glargine
#: insulin (6 IE twice daily)", prosefix103109, fresh106-029), read only right after a number, as
#: every unit here is.
ACTIVITY = r"(?:international\s+units?|units?|iu|ui|ie|u)"
#: Millions of units of activity ("3 million IU", "1 million units (MU)", "2 MU", "9 MIU"), as
#: colistimethate and benzylpenicillin are dosed: read as units, times a million (prosefix7475).
MILLION_UNITS = r"(?:(?:million|mega)\s*(?:international\s+units?|units?|iu|ui|u)|miu|mu)"
#: The kilogram of a dose per kg, however it is spelt: "kg", "kilogram", "kilogramme", "kilo",
#: with the body weight it means said or not ("per kilogram of body weight", "/kg body weight",
#: "/kg bw", "/kg b.w."). A per-kg spelling not read would make the dose per kg the day's amount
#: (the reader once read "albendazole at a dose of 10mg per kilogram per day" as 10 mg a day,
#: fresh95-007; prosefix949596).
PER_KG = (r"(?:kg|kilo(?:gram(?:me)?)?s?)"
          r"(?:\s+(?:of\s+)?(?:(?:the\s+|his\s+|her\s+)?(?:(?:ideal|lean|adjusted|predicted|actual|total)"
          r"\s+)?body\s*-?\s*weight|bw(?![a-z])|b\.\s*w\.?|(?:ideal|lean|adjusted|predicted)\s+weight))?")
#: A dose per kg of a weight other than the body's as weighed (ideal, lean, adjusted,
#: predicted): a weight the text's "weighing 64 kg" is not (see ``PER_KG``).
PER_OTHER_WEIGHT = re.compile(r"\b(?:ideal|lean|adjusted|predicted)\s+(?:body\s*-?\s*)?weight\b")
#: "die" is the day in Latin and Italian ("hydrocortisone 200 mg/die").
_PER_UNIT = (rf"(?:{PER_KG}|24\s*h(?:ours?|rs?)?|hours?|hrs?|h|die|days?|d|dose|ml|min(?:utes?)?"
             r"|m\s*(?:2|²|\(\s*2\s*\))(?![\d.]))")  # "mg/m2", "mg/m 2", "mg/m²", "mg/m(2)"
#: "/kg", " per hour", "•h-1", " kg-1", ".day-1", " day(-1)", " over 24 hours", " an hour", " a day":
#: repeated.
_SUFFIX = (
    rf"(?:\s*/\s*{_PER_UNIT}(?![a-z])"
    rf"|\s+per\s+{_PER_UNIT}(?![a-z])"
    r"|\s*•?\s*(?:kg|h|d|min)\s*-\s*1(?![\d])"
    r"|\s*[.•]?\s*(?:kg|h|hr|day|d|min)\s*(?:-\s*1|\(\s*-\s*1\s*\))(?![\d])"
    r"|\s+over\s+(?:a\s+)?24(?:\s*-\s*|\s*)h(?:ours?|rs?)?(?![a-z])"
    r"|\s+(?:an|a)\s+(?:hour|day)(?![a-z])"
    r"|\s*•\s*(?:d|day)(?![a-z\d\-(]))"  # "mg/m 2 ·d": per day after a dose per m²
    # "imatinib 800 mg day": "day" right after the unit, with neither a slash nor "per", is a
    # day's amount — but never the day of a cycle or a count ("100 mg day 1", "mg day one",
    # "mg day -3", "mg day (D1)") nor a day named by what happens on it ("mg day of surgery",
    # "mg day before …") (prosefix118121, fresh121-003)
    r"|\s+day(?![a-z\d\-(/])(?!\s*(?:\d|[-–+(#]|(?:of|before|after|prior|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|zero|in|at|on|post|pre)\b))"
    # "500 mg/body/day": per body, the whole patient's dose (as Japanese reports write it, against
    # a dose per kg or m²): no part of the unit (prosefix8485, fresh84-004)
    r"|\s*/\s*body(?![a-z])"
)
#: One amount: a number (or a range "0.5 to 0.75", "2-3") and its unit with its "per" parts.
#: The unit may be joined to the number by a hyphen (``hyphen``), as an amount used as an
#: adjective is written ("his nightly 200-mg amitriptyline dose"); the scanner reads such an
#: amount only before the drug it qualifies.
AMOUNT = re.compile(
    rf"(?P<number>{NUMBER})(?:\s*(?P<sep>-|to)\s*(?P<high>{NUMBER}))?"
    rf"(?:\s*|(?P<hyphen>-)(?=[a-zµ]))(?P<unit>{_MASS}|{MILLION_UNITS}|{ACTIVITY})(?![a-z])"
    rf"(?P<suffix>(?:{_SUFFIX})*)"
)
#: An amount whose number is spelt out, before a unit spelt out: "One gram of methylprednisolone
#: per day", "two grams", "ten milligrams" (prosefix7879, fresh79-005). Only a unit of mass written
#: as a word ("one g", "two units", "one tablet" are not read so: a count, or blood's units), and
#: only a number of one word not after another ("twenty-five milligrams", "two hundred and fifty
#: milligrams": see ``AFTER_NUMBER_WORD``), or one to nine hundreds ("five hundred milligrams").
#: "six million units", "two million international units": millions of units spelt out as the
#: digits are ("6 million units"), units times a million (prosefix129130, fresh130-007).
AMOUNT_WORDS: Mapping[str, int] = MappingProxyType({
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50,
})
#: What ends the text before a word number that is the last part of a longer one ("twenty-five",
#: "one hundred and five", "2 five"): such an amount is not read, never read as its last word.
AFTER_NUMBER_WORD = re.compile(
    r"(?:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand)(?:\s+and)?|\d|[-–])\s*$")
#: "Five hundred milligrams of VPA twice per day" (prosefix111113, fresh112-005): a number of one
#: to nine hundreds, "hundred" its second word and the unit right after it, is the number times a
#: hundred; "two hundred and fifty milligrams" is still not read (the unit is not after
#: "hundred", and "fifty" after "and" is the end of a longer number).
WORD_AMOUNT = re.compile(
    r"(?P<number>" + "|".join(sorted(AMOUNT_WORDS, key=len, reverse=True)) + r")"
    r"(?:\s+(?P<hundred>hundred)(?<!ten hundred)(?<!twelve hundred)(?<!fifteen hundred)"
    r"(?<!twenty hundred)(?<!thirty hundred)(?<!forty hundred)(?<!fifty hundred))?(?:\s+|-)"
    r"(?P<unit>grams?|milligrams?|micrograms?|million\s+(?:international\s+)?units?)(?![a-z])"
    rf"(?P<suffix>(?:{_SUFFIX})*)"
)
#: "between 15 and 39 mg/day", "from 35 to 140 µg/h", "from 10 mg to 270 mg" (the unit said
#: twice, ``lowunit``), "200, 500, and 650 µg/hr".
RANGE = re.compile(
    rf"(?P<word>between|from)\s+(?P<low>{NUMBER})(?:\s*(?P<lowunit>{_MASS})(?![a-z]))?"
    rf"\s*(?:and|to|-)\s*(?=(?P<rest>{NUMBER}\s*{_MASS}))"
)
#: The strengths of a combination product, one per component: "5/325 mg", "10 / 325 mg".
COMBINATION = re.compile(
    rf"(?P<values>{NUMBER}(?:\s*/\s*{NUMBER})+)\s*(?P<unit>mg|mcg|µg|ug|g)(?![a-z/])"
)
#: The strengths with a unit each: "(5 mg/325 mg)", "7.5 mg / 325 mg" (the same unit twice).
COMBINATION_UNITS = re.compile(
    rf"(?P<first>{NUMBER})\s*(?P<unit>mg|mcg|µg|ug|g)\s*/\s*(?P<second>{NUMBER})\s*(?P<unit2>mg|mcg|µg|ug|g)"
    r"(?![a-z/])"
)
#: Doses of one drug through the day, in order, written with a slash and a unit each ("10mg/5mg/
#: 5mg", "10 mg/5 mg/5 mg", three parts or more, one unit) or with hyphens and the unit once
#: ("150-50-150mg", three parts or more: a range has two ends).
DIVIDED_UNITS = re.compile(
    rf"(?P<first>{NUMBER})\s*(?P<unit>mg|mcg|µg|ug|g)(?:\s*/\s*{NUMBER}\s*(?P=unit)){{2,}}(?![a-z/])"
)
DIVIDED_HYPHENS = re.compile(
    rf"(?P<values>{NUMBER}(?:\s*-\s*{NUMBER}){{2,}})\s*(?P<unit>mg|mcg|µg|ug|g)(?![a-z/])"
)
#: "Insulin Lispro 6/8/8 UI three times a day": three or more doses of units joined by "/", the
#: unit once — the doses of one day through it (read as DIVIDED_HYPHENS: their sum only with a
#: word of the day or as many doses a day as parts; prosefix6869). Units are no combination's
#: strengths.
DIVIDED_SLASH_UNITS = re.compile(
    rf"(?P<values>{NUMBER}(?:\s*/\s*{NUMBER}){{2,}})\s*(?P<unit>{ACTIVITY})(?![a-z/])"
)
#: "Medrol 40 mg + 30 mg daily": amounts of one unit joined by "+" before a schedule — the
#: doses of one day (read as DIVIDED_HYPHENS: their sum only with a word of the day or as many
#: doses a day as parts; otherwise no daily amount, never the last alone; prosefix5253)
DIVIDED_PLUS = re.compile(
    rf"(?P<values>{NUMBER}\s*(?P<unit>mg|mcg|µg|ug|g)(?:\s*\+\s*{NUMBER}\s*(?P=unit))+)(?![a-z/])"
    r"(?=\s*(?:\(?\s*(?:iv|i\.v\.|po|p\.o\.|orally|intravenously|im|sc)\s*\)?\s*)?"
    r"(?:daily|a\s+day|per\s+day|/\s*d(?:ay)?(?![a-z])|o\.?d(?![a-z])|once|twice|b\.?i\.?d|"
    r"b\.?d(?![a-z])|q\.?d(?![a-z])|every|each|t\.?i\.?d|t\.?d\.?s|three|four|in\s+the))"
)
LIST = re.compile(
    rf"(?P<first>{NUMBER}(?:\s*,\s*{NUMBER})*)\s*,?\s*(?:and|or)\s+(?={NUMBER}\s*{_MASS}(?![a-z]))"
)
#: Two amounts of a change in succession, the unit written after the second: "35 then 30 mg/d",
#: "60 and then 90 mg" — read (by the scanner) only right after "to": "tapered to 35 then
#: 30 mg/d" is 35 mg/d, then 30 mg/d.
#: A list of three amounts or more in succession, "and then" (or "then") before the last, the
#: unit written once: "baclofen (950, 1050, 1200 and then 1300 micrograms/day)" — the doses of a
#: titration in order, each read (prosefix114117; only where the amounts rise or fall in turn
#: and no day, week or level is counted just before them).
COMMA_THEN_LIST = re.compile(
    rf"(?P<first>{NUMBER}(?:\s*,\s*{NUMBER})+)\s*,?\s*(?:and\s+)?then\s+"
    rf"(?={NUMBER}\s*{_MASS}(?![a-z]))"
)
THEN_LIST = re.compile(rf"(?P<first>{NUMBER})\s+(?:and\s+)?then\s+(?={NUMBER}\s*{_MASS}(?![a-z]))")
#: A level in units of activity, alone or as a range ("993 unit/L", "39-308 U/L", "10 to 40IU/l",
#: "2928 - 11462 U/l", "35 IU per litre"), or in arbitrary units ("275.3 U.A.", "12 AU"): never a
#: dose, as "26 U/L" is not.
_LAB_ACTIVITY = (
    rf"{NUMBER}(?:\s*(?:-|–|to)\s*{NUMBER})?\s*(?:international\s+units?|units?|iu|ui|u)"
    r"(?:\s*/\s*|\s+per\s+)(?:dl|l|ml|(?:deci|milli)?lit(?:er|re)s?)(?![a-z])"
    rf"|{NUMBER}(?:\s*(?:-|–|to)\s*{NUMBER})?\s*(?:u\.\s*a\.|a\.\s*u\.|au(?![a-z])"
    r"|arbitrary\s+units?(?![a-z]))"
)
#: Laboratory units beside doses ("26 U/L", "1.2 mg/dL", "9.8 ng/ml"): never a dose.
LAB = re.compile(rf"{_LAB_ACTIVITY}"
                 rf"|{NUMBER}\s*(?:mg|g|µg|mcg|ng|mmol|µmol|meq|u|iu|ui|pg)\s*/\s*(?:dl|l)(?![a-z])"
                 rf"|{NUMBER}\s*(?:ng|pg|u|iu|ui|mmol|µmol|meq)\s*/\s*ml(?![a-z])"
                 rf"|{NUMBER}\s*(?:ng|pg|mmol|µmol|meq|gy|mmhg|bpm|cm|mm|kcal)(?![a-z])"
                 rf"|{NUMBER}\s*%\s*(?:ci|confidence\s+interval)(?![a-z])")  # "95% CI": a statistic

#: The dosing scheme morning-midday-evening[-night] written without brackets right after an
#: amount ("Tablet Nexito (escitalopram) 10 mg 1-0-0", "5 mg 1-0-1"), as South Asian and
#: European prescriptions write it: read only of ones and noughts, as in brackets ("½-0-½"
#: halves and "2-0-0" counts of tablets are not read), and only where the scheme ends there (not
#: "1-0-0.5", "1-0-1-2").
SCHEME_AFTER_AMOUNT = re.compile(
    r"(?!0\s*-\s*0\s*-\s*0(?:\s*-\s*0)?(?!\s*-))[01]\s*-\s*[01]\s*-\s*[01](?:\s*-\s*[01])?"
    r"(?!\s*-|\s*[\d½¼¾]|\.\d|/)")

WORD_NUMBERS: Mapping[str, int] = MappingProxyType({
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "twelve": 12,
    "once": 1, "twice": 2, "thrice": 3,
})


def _times(n: float) -> Schedule:
    return Schedule.times_per_day(n)


def scheme_schedule(scheme: str) -> Schedule:
    """The schedule of a dosing scheme of ones and noughts ("1-0-1"): the ones are the doses of
    a day."""
    return _times(scheme.count("1"))


def _every(hours: float) -> Schedule:
    return Schedule.every(hours)


_NUM = NUMBER
_W = r"(?:one|two|three|four|five|six|eight|twelve|\d+)"

Phrase = tuple[str, "re.Pattern[str]", Callable[["re.Match[str]"], Any]]


def _p(kind: str, pattern: str, value: Any = None) -> Phrase:
    compiled = re.compile(r"(?:" + pattern + r")(?:(?<![a-z0-9µ])|(?![a-z0-9µ]))")
    make = value if callable(value) else (lambda m, v=value: v)
    return (kind, compiled, make)


#: Ordinals and number words before "hourly" ("eighth hourly", "eight-hourly", "sixth hourly"):
#: every N hours, N from 2 to 12, as British and Indian clinical English writes it.
_HOUR_WORDS: Mapping[str, int] = MappingProxyType({
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
})
_HOUR_WORD = "|".join(sorted(_HOUR_WORDS, key=len, reverse=True))


def _hour_word(word: str) -> float:
    return float(_HOUR_WORDS[word])


def _hours(m: re.Match[str], group: int = 1) -> float:
    text = m.group(group)
    return float(WORD_NUMBERS.get(text, 0) or number(text))


#: Phrases in the order they are tried. Values: a Route, a release ("ir"/"er"), a form, a
#: Schedule or a schedule word, a verb class, a cue.
PHRASES: tuple[Phrase, ...] = (
    # -- frequencies ------------------------------------------------------------------------
    _p("freq", rf"q\s*({_NUM})\s*-\s*{_NUM}\s*h(?:ours?|rs?)?", lambda m: _every(_hours(m))),
    _p("freq", rf"q\s*({_NUM})\s*h(?:ours?|rs?|ourly)?", lambda m: _every(_hours(m))),
    _p("freq", rf"every\s+({_W})\s*(?:-|to)\s*{_W}\s*h(?:ours?|rs?)?", lambda m: _every(_hours(m))),
    _p("freq", rf"every\s+({_W})\s*h(?:ours?|rs?)?", lambda m: _every(_hours(m))),
    # "two doses of betamethasone (12 mg, 24 h apart)", "doses 8 hours apart": doses so many
    # hours apart are doses every so many hours (prosefix8081, fresh80-030)
    _p("freq", rf"({_W})\s*-?\s*h(?:ours?|rs?)?\s+apart", lambda m: _every(_hours(m))),
    # "meropenem (0.5 g per 8 hours)": a dose per a number of hours (two or more) is a dose
    # every so many hours ("per hour", "per 1 hour" is a rate, read with its unit); the hour
    # may be its symbol "h" ("3 g per 6 h", prosefix9091, fresh90-001)
    _p("freq", rf"per\s+(?!(?:1|one)\s*h)({_W})\s*-?\s*h(?:ours?|rs?)?(?![a-z])",
       lambda m: _every(_hours(m))),
    # "4 hourly", "6hrly" ("hrly": hourly, as British charts write it)
    _p("freq", rf"({_W})\s*(?:-|to)\s*{_W}\s*-?\s*h(?:ou)?rly", lambda m: _every(_hours(m))),
    # "vancomycin 1 g 12 hly" (hly: hourly, abbreviated; prosefix6869)
    _p("freq", rf"({_W})\s*-?\s*h(?:ou)?r?ly", lambda m: _every(_hours(m))),
    # "6th hourly", "8th-hourly": every 6 (8) hours, as British and Indian prescriptions write it
    # (the ordinal a number of hours, at most 12; the reader once read fresh38-005's "Propranolol
    # 40 mg 6th hourly" as hourly, 960 mg a day)
    _p("freq", r"((?:1[0-2]|[1-9]))\s*(?:st|nd|rd|th)\s*-?\s*h(?:ou)?rly", lambda m: _every(_hours(m))),
    # "eighth hourly", "sixth-hourly", "seven hourly": the same in words (prosefix5253; the
    # reader once read fresh53-005's "50 μg fentanyl ... eighth hourly" as hourly, 1200 μg a day)
    _p("freq", rf"({_HOUR_WORD})\s*-?\s*h(?:ou)?rly", lambda m: _every(_hour_word(m.group(1)))),
    # a number or ordinal before "hourly" the reader cannot read ("twentieth hourly", "13th
    # hourly", "nine or so hourly"): a word, never "hourly" alone — no schedule
    _p("word", r"(?:\d+\s*(?:st|nd|rd|th)|first|[a-z]*teenth|[a-z]*tieth|[a-z]*teen|twenty|thirty|"
               r"forty|fifty|sixty|seventy|eighty|ninety)\s*-?\s*h(?:ou)?rly", lambda m: m.group(0)),
    _p("freq", r"every\s+hour|h(?:ou)?rly(?:\s+prn)?", lambda m: _every(1)),
    # "5 mg/4 h", "20 mg/12 h": a dose every N hours ("/24 h" is a daily amount, read by AMOUNT;
    # "25 µg/72 h" is a patch's change, not a dose every 72 hours, so N is at most 12)
    _p("freq", r"/\s*((?:1[0-2]|[1-9]))\s*(?:-\s*(?:1[0-2]|[1-9])\s*)?h(?:ours?|rs?)?",
       lambda m: _every(_hours(m))),
    # "2 g, once/8 h", "once/12 h": one dose every N hours, as Chinese reports write it
    # (prosefix131134, fresh131-011); N at most 12, as after a slash
    _p("freq", r"once\s*/\s*((?:1[0-2]|[1-9]))\s*h(?:ours?|rs?)?(?![a-z])",
       lambda m: _every(_hours(m))),
    # "150 mg.8 h-1" (h−1 with a minus sign: per 8 hours, as journals write units): a dose
    # every N hours, N at most 12 as after a slash
    _p("freq", r"[.•·]\s*((?:1[0-2]|[1-9]))\s*h(?:ours?|rs?)?\s*(?:-\s*1|\(\s*-\s*1\s*\))(?![\d])",
       lambda m: _every(_hours(m))),
    _p("freq", rf"every\s+({_W})\s*days?", lambda m: _every(24 * _hours(m))),
    _p("freq", r"every\s+other\s+day|(?:on\s+)?alternate\s+days", lambda m: _every(48)),
    # "bis in die (BID)", "ter in die", "quater in die", "semel in die": the Latin the
    # abbreviations stand for, written out (prosefix6869)
    # ("s.i.d.", its abbreviation, written with its points — never the bare word "sid":
    # readgen, fresh59-008)
    _p("freq", r"semel\s+in\s+die|s\.i\.d\.?", lambda m: _times(1)),
    _p("freq", r"bis\s+in\s+die", lambda m: _times(2)),
    _p("freq", r"ter\s+in\s+die", lambda m: _times(3)),
    _p("freq", r"quater\s+in\s+die", lambda m: _times(4)),
    # "10 mg PO at meals and at bedtime", "before each meal and at bedtime", "a.c. and h.s.": a
    # dose with each of the three meals and one at bedtime, four a day (the Reglan label:
    # "10 to 15 mg orally up to four times daily 30 minutes before each meal and at bedtime";
    # prosefix8889, fresh88-006). Meals alone are not counted (a day may have two or three).
    _p("freq", r"(?:(?:at|with|before|after)\s+(?:each\s+|every\s+|all\s+)?meals?(?:times?)?"
               r"|a\.?c\.?)\s*(?:,\s*)?(?:and|&)\s+(?:at\s+)?(?:bedtime|night)(?![a-z])"
               r"|a\.c\.?\s*(?:and|&)\s*h\.s\.?", lambda m: _times(4)),
    # "three to four times a day", "3-4 times daily", "2 to 3 times per day": a range of counts
    # a day, read as its larger count as an interval's range is read as its shorter interval
    # (the as-needed maximum); a dose not as needed so written gets no daily amount
    # (modifiers.SCHEDULE_RANGE; prosefix7475: the reader once read "three to four times a
    # day" as four times, fresh75-006)
    _p("freq", rf"({_W})\s*(?:-|to)\s*({_W})\s*(?:times|x|×)\s*-?\s*(?:daily|a\s+day|per\s+day"
               r"|/\s*day|/\s*d)", lambda m: _times(max(_hours(m, 1), _hours(m, 2)))),
    # "twice every day", "three times each day": a count with "every (each) day" is that many
    # doses a day, never "every day" alone (prosefix99102: the reader once read fresh99-018's
    # "ampicillin/sulbactam (3 g intravenously) twice every day" as 3 g a day)
    _p("freq", r"twice\s*-?\s*(?:daily|a\s+day|per\s+day|(?:each|every)\s+day|/\s*day)|b\.?i\.?d\.?"
               r"|b\.?d\.?", lambda m: _times(2)),
    _p("freq", r"(?:three\s+times|thrice)\s*-?\s*(?:daily|a\s+day|per\s+day|(?:each|every)\s+day"
               r"|/\s*day)|t\.?i\.?d\.?|t\.?d\.?s\.?", lambda m: _times(3)),
    _p("freq", r"four\s+times\s*-?\s*(?:daily|a\s+day|per\s+day|(?:each|every)\s+day|/\s*day)"
               r"|q\.?i\.?d\.?|q\.?d\.?s\.?", lambda m: _times(4)),
    # ("/die": the Latin "in die", a day, as Italian prescriptions write it — readgen)
    _p("freq", rf"({_W})\s*(?:times|x|×)\s*(?:daily|a\s+day|per\s+day|(?:each|every)\s+day|/\s*day"
               r"|/\s*die|/\s*d)", lambda m: _times(_hours(m))),
    # "400 mg one time a day", "1 time daily": one time a day is once a day (prosefix9091,
    # fresh91-009); "1time/day" written together and "1 time/die" ("die", the Latin day) too
    # (readgen, fresh59-015, fresh48-013)
    _p("freq", r"(?:one\s+|(?<![\d.,])1\s*)time\s*-?\s*(?:daily|a\s+day|per\s+day|/\s*(?:day|die)"
               r"|(?:each|every)\s+day)",
       lambda m: _times(1)),
    # "x3 daily", "x 3/day", "× 3 per day": the count after the multiplication sign
    _p("freq", rf"(?:x|×)\s*({_W})\s*(?:times\s*)?(?:daily|a\s+day|per\s+day|/\s*day|/\s*d)",
       lambda m: _times(_hours(m))),
    # "metronidazole 3×500 mg", "ceftriaxone 2×1 g", "dexamethasone (6 mg 1×1)": the count of
    # doses a day before a multiplication sign, as Indonesian and German prescriptions write it
    # ("3x1": three times a day, one each time — BPOM, pom.go.id, as quoted by tempo.co; Dinas
    # Kesehatan Kota Yogyakarta, as quoted by detik.com). Read before a dose with its unit, or
    # as "N×1" after one; the sign written against the dose ("3×500 mg": "2 x 25 mcg/h", with a
    # space, counts units, read_unit_count), never before a rate ("/h") or a count of tablets
    # ("2x10 mg tablets": two tablets of 10 mg); said in a finding (n-times-notation)
    _p("freq", r"(?<![\d.,×x])([1-6])\s*[x×](?=\d+(?:[.,]\d+)?\s*(?:mg|g|mcg|µg|μg|units?|iu|ui)"
               r"(?![a-z0-9µ])(?!\s*/)(?!\s*(?:tablets?|tabs?|capsules?|caps?|patch(?:es)?|ampoules?|"
               r"vials?|sachets?|puffs?)))", lambda m: _times(_hours(m))),
    # "LMWH (1 × 40 mg enoxaparin)": a count of one before the sign, even with spaces, counts
    # no units (one unit of 40 mg is 40 mg) — it is the once-a-day of that notation
    _p("freq", r"(?<![\d.,×x/])(1)[ \u00a0]*[x×][ \u00a0]*(?=\d+(?:[.,]\d+)?[ \u00a0]*"
               r"(?:mg|g|mcg|µg|μg|units?|iu|ui)(?![a-z0-9µ])(?!\s*/)(?!\s*(?:tablets?|tabs?|capsules?|caps?|patch(?:es)?|ampoules?|"
               r"vials?|sachets?|puffs?)))", lambda m: _times(_hours(m))),
    # (a full stop or comma after the last 1 ends the sentence or clause, "50 mg 1 × 1.", unless
    # a digit follows: "1×1.5" is no such count; prosefix99102, fresh102-003)
    _p("freq", r"(?<![\d.,×x])([1-6])\s*[x×]\s*1(?![\d]|[.,]\d|\s*[x×]|\s*(?:mg|g|mcg|µg|μg|units?|iu|ui|ml|"
               r"cm|mm|m|kg|days?|weeks?|months?|hours?|h|min)(?![a-z]))", lambda m: _times(_hours(m))),
    # "Metronidazole (500 mg × 3), Imipenem (500 mg × 4)": the count after the sign, written
    # after a dose of mass (never per kg, "15 mg/kg×2 days"), as Italian and Romanian reports
    # write the doses of a day ("1 g x 3"); the same notation as "3×500 mg", read only where
    # the passage writes two doses or more so (modifiers._n_times_unclear); not before a unit,
    # a duration or a count of doses ("× 3 days", "× 2 doses", "× 3d": a course), nor "× 1"
    # (prosefix8889, fresh88-004)
    _p("freq", r"(?:(?<=mg)|(?<=mg )|(?<=[0-9 ]g)|(?<=[0-9] g )|(?<=mcg)|(?<=mcg )|(?<=µg)"
               r"|(?<=µg )|(?<=μg)|(?<=μg ))[x×] ?([2-6])(?![\d.,])"
               r"(?!\s*(?:[x×/]|[a-zµμ]))", lambda m: _times(_hours(m))),
    # "(0-1-0)", "(1-0-1)", "(1-1-1-1)": the dosing scheme morning-midday-evening[-night], each
    # place one dose or none; read only in brackets and only of ones and noughts (a "2" or a "½"
    # may count tablets, not doses): the ones are the doses of a day
    _p("freq", r"\((?!\s*0\s*-\s*0\s*-\s*0\s*(?:-\s*0\s*)?\))\s*[01]\s*-\s*[01]\s*-\s*[01]\s*"
               r"(?:-\s*[01]\s*)?\)", lambda m: _times(m.group(0).count("1"))),
    # "3 daily pulses of methylprednisolone (1 g)": a pulse is one dose, so daily pulses are one a
    # day (the count before them is of days); "two daily doses" is not read so (it may be two a day)
    _p("freq", r"daily\s+pulses?(?=\s+of\s)", lambda m: _times(1)),
    # "500 mg methylprednisolone on five consecutive days": a dose on each of a count of days in
    # a row is one dose a day ("for five consecutive days" stays a duration; "on 3 consecutive
    # days a week" is an intermittent schedule, items.INTERMITTENT)
    _p("freq", r"(?<![a-z])on\s+(?:two|three|four|five|six|seven|[2-9]|1[0-4])\s+"
               r"(?:consecutive|successive)\s+days(?![a-z])"
               r"(?!\s+(?:a|per|each|every|of\s+(?:the|each|every))\s+(?:week|month|cycle))",
       lambda m: _times(1)),
    # "He received three days of 1 g intravenous methylprednisolone": a count of days of a dose
    # is one dose a day (the words, right before the amount, stand for "daily"); "three doses of
    # 1 g" is not read so (a count of doses says nothing of the day)
    _p("freq", r"(?<![a-z0-9.,])(?:two|three|four|five|six|seven|[2-9]|1[0-4])\s+(?:consecutive\s+)?"
               r"days\s+of"
               r"(?=\s+\d+(?:\.\d+)?\s*(?:mg|g|gm|grams?|mcg|µg|μg)(?![a-z0-9µ/]))",
       lambda m: _times(1)),
    # "400 mg once a daily" (sic): "once daily" with a stray article, never two schedules
    # (prosefix9091, fresh91-018)
    # "once in a day" (sic) is once a day; "once before breakfast", "once after dinner": "once"
    # with a meal is the dose of every such meal, one a day, not a single dose (readgen,
    # fresh53-021, fresh64-006)
    _p("freq", r"once\s*-?\s*(?:daily|a\s+day|per\s+day|/\s*day|a\s+daily|(?:each|every)\s+day"
               r"|in\s+a\s+day|(?:before|after|with)\s+(?:breakfast|lunch|dinner|supper))"
               r"|every\s+day|daily"
               r"|o\.?d\.?"
               # "acetylsalicylic acid 100 mg p.o. qDay"
               r"|q\.?\s*day|q\.?d\.?|per\s+day|each\s+day", lambda m: _times(1)),
    _p("freq", r"(?:every|each)\s+(?:morning|evening)|mane", lambda m: _times(1)),
    # "20 mg hs", "5 mg h.s." (hora somni, at bedtime, as "qhs"); not "hs-CRP", "hs-troponin"
    # "once nightly", "once at bedtime": "once" with a time of the night is the nightly dose,
    # not a single dose (prosefix8081, fresh81-022)
    # ("at bed time", the two words apart, is "at bedtime": readgen, fresh64-006)
    _p("freq", r"(?:once\s+)?(?:(?:every|each)\s+night|at\s+night|nightly|at\s+bed\s*-?\s*time)"
               r"|q\.?h\.?s\.?|nocte"
               r"|h\.s\.?|hs(?!\s*-)", lambda m: Schedule(ScheduleKind.AT_NIGHT)),
    _p("freq", r"in\s+(?:two\s+|three\s+|\d+\s+)?divided\s+doses", "divided"),
    # "as a single dose at night", "in a single bedtime dose", "as a single dose in the morning":
    # the day's dose given all at once at that time of day, every day (not a dose given once)
    _p("freq", r"(?:as|in)\s+a\s+single\s+(?:daily\s+)?dose\s+(?:at\s+night|at\s+bedtime|nightly|"
               r"(?:every|each)\s+night|before\s+(?:bed(?:time)?|sleep))"
               r"|(?:as|in)\s+a\s+single\s+(?:nightly|bedtime|night\s*-?\s*time)\s+dose"
               # "titrated … up to a single bedtime dose of 40mg": the dose of each night
               r"|(?<![a-z])a\s+single\s+(?:nightly|bedtime|night\s*-?\s*time)\s+dose(?=\s+of\s)",
       lambda m: Schedule(ScheduleKind.AT_NIGHT)),
    _p("freq", r"(?:as|in)\s+a\s+single\s+(?:daily\s+)?dose\s+(?:in\s+the\s+(?:morning|evening)|"
               r"(?:every|each)\s+(?:morning|evening))"
               r"|(?:as|in)\s+a\s+single\s+(?:morning|evening|daily)\s+dose", lambda m: _times(1)),
    # "one dose every 12 hours", "a single dose each day": the count of each dose of a schedule,
    # which the schedule after it gives (not a dose given once)
    # "once every 12 h", "once every 8 hours": one dose at each interval, the interval's schedule
    # (prosefix8485, fresh85-022) — not a dose given once
    _p("freq", r"once(?!\s+(?:every|each)\s+\d)|stat"
               r"|(?:single|one)\s+dose(?!\s+(?:every|each|per|a\s+day|daily|q\s*\d))",
       lambda m: Schedule(ScheduleKind.ONCE)),
    _p("freq", r"regular(?:ly)?|periodically|around\s+the\s+clock|atc", "regular"),
    # -- PCA, lockouts, PRN ------------------------------------------------------------------
    _p("lockout", rf"({_NUM})\s*-?\s*min(?:ute)?s?\s+lock\s*-?\s*out"
                  rf"|lock\s*-?\s*out\s+(?:of\s+|time\s+(?:of\s+)?)?({_NUM})\s*min(?:ute)?s?",
       lambda m: float(m.group(1) or m.group(2))),
    # "2mg every 20 minutes (demand dose)", "q10min": an interval in minutes is a PCA's lockout or
    # an as-needed interval, never a schedule a day is counted from
    _p("lockout", rf"(?:every|q)\s*({_NUM})\s*-?\s*min(?:ute)?s?", lambda m: float(m.group(1))),
    _p("pca", r"patient\s*-?\s*control(?:led)?\s+(?:perineural\s+|epidural\s+|intravenous\s+)?analgesi(?:a|c)"
              r"|pcea|pca"),
    _p("prn", r"demand(?:\s+doses?)?|on\s+demand", "demand"),
    _p("prn", r"bolus(?:es)?(?:\s+doses?)?", "bolus"),
    # "32 mg every hour (q1h) pro re nata (as needed) (PRN)": the Latin, written out
    _p("prn", r"p\.?r\.?n\.?|pro\s+re\s+nata|"
              # "cetirizine, 10 mg b.i.d., to be taken on an as-needed basis": the dose's own sig
              r",\s*to\s+be\s+(?:taken|used|given)\s+(?:on\s+an?\s+)?as\s*-?\s*needed"
              r"(?:\s+basis)?|as\s*-?\s*needed|as\s+required|when\s+required|if\s+needed|if\s+required"
              # ("rescue therapy with infliximab": a salvage treatment, no as-needed dose)
              r"|rescue(?!\s+(?:therap(?:y|ies)|treatments?|regimens?)\b)(?:\s+doses?)?|for\s+(?:the\s+)?breakthrough(?:\s+pain)?|breakthrough|"
              r"supplement(?:al|ary)(?:\s+doses?)?|extra\s+doses?|top\s*-?\s*up"
              # "paracetamol (1g) only if pain appears": given when a symptom comes, as needed
              r"|(?:only\s+)?(?:if|when(?:ever)?)\s+(?:the\s+|there\s+is\s+)?pain\s+(?:appears|"
              r"occurs|arises|recurs|returns|is\s+present)", "prn"),
    # -- routes and devices ------------------------------------------------------------------
    _p("route", r"orally|oral|by\s+mouth|per\s*os|p\.?o\.?", Route.ORAL),
    # "levofloxacin, 0.5 g, ivgtt, QD": "ivgtt", intravenous guttae (a drip)
    _p("route", r"intravenous(?:ly)?|intra\s*-?\s*venous|i\.v\.?|iv\s*gtt|iv", Route.IV),
    _p("route", r"subcutaneous(?:ly)?|sub\s*-?\s*cutaneous|s\.c\.?|subcut|sq|s/c|csci|hypodermic(?:ally)?"
                r"|sc", Route.SC),
    # "haloperidol (2.5 mg, IM, q6hr)": "IM" as "IV" and "SC" are (prosefix9091, fresh90-004)
    _p("route", r"intramuscular(?:ly)?|i\.m\.?|im", Route.IM),
    _p("route", r"transdermal(?:ly)?|td", Route.TRANSDERMAL),
    _p("route", r"rectal(?:ly)?|per\s+rectum|p\.r\.", Route.RECTAL),
    _p("route", r"sublingual(?:ly)?|sl", Route.SUBLINGUAL),
    _p("route", r"buccal(?:ly)?", Route.BUCCAL),
    _p("route", r"intranasal(?:ly)?|nasal(?:ly)?", Route.INTRANASAL),
    _p("route", r"epidural(?:ly)?|peridural", Route.EPIDURAL),
    _p("route", r"intrathecal(?:ly)?|subarachnoid|via\s+lumbar\s+puncture", Route.INTRATHECAL),
    # "topical eyedrop of …", "ophthalmic solution", "ear drops": applied to the eye or ear, never
    # swallowed (before the "drops" of an oral liquid)
    _p("route", r"(?:topical\s+)?(?:eye|ear)\s*-?\s*drops?|ophthalmic|otic|collyri(?:um|a)",
       Route.TOPICAL),
    _p("route", r"topical(?:ly)?", Route.TOPICAL),
    _p("route", r"parenteral(?:ly)?", "parenteral"),
    _p("route", r"spinal|neuraxial(?:ly)?", "neuraxial"),
    _p("route", r"perineural(?:ly)?|(?:femoral|sciatic|brachial|peripheral)\s+(?:nerve|plexus)"
                r"(?:\s+(?:block|catheter))?|nerve\s+(?:block|catheter)", "perineural"),
    _p("device", r"syringe\s+driver|syringe\s+pump", "syringe driver"),
    # "continuous release morphine": a release word (MS Contin's), before "continuous" is an infusion's
    _p("release", r"continuous\s*-?\s*release", "er"),
    _p("infusion", r"continuous(?:ly)?\s+infusions?|infusions?|infused|continuous(?:ly)?|pumping|"
                   r"drip", "infusion"),
    _p("device", r"(?:elastomeric\s+|infusion\s+|implanted\s+|intrathecal\s+)?pumps?", "pump"),
    # -- release and forms -------------------------------------------------------------------
    _p("release", r"(?:immediate|normal|rapid|quick|fast)\s*-?\s*release|short\s*-?\s*acting|ir",
       "ir"),
    _p("release", r"(?:sustained|slow|controlled|extended|prolonged|modified)\s*-?\s*release"
                  r"|long\s*-?\s*acting|sustained|controlled|extended|prolonged|modified"
                  r"|er|sr|cr|mr|xr|xl|la"
                  # "nifedipine retard 20 mg": Adalat Retard 20 mg is a prolonged-release tablet
                  # (HPRA-authorised leaflet, myhealthbox.eu 'Adalat Retard 20 mg Prolonged-Release
                  # Tablets'; drugs.com/uk 'Adalat retard 20mg modified-release tablets')
                  r"|retard", "er"),
    _p("release", r"immediate", "ir"),
    _p("form", r"tablets?|tabs?|caplets?", "tablet"),
    _p("form", r"capsules?|caps?", "capsule"),
    _p("form", r"oral\s+solution|mixture|liquid|syrup|elixir|solution|drops", "liquid"),
    _p("form", r"(?:3|three|1|one|7|seven)\s*-\s*day\s*-\s*type\s+(?=transdermal|fentanyl|patch)", "3-day"),
    _p("form", r"patch(?:es)?|tapes?|plasters?|tts|transdermal\s+therapeutic\s+system", "patch"),
    _p("form", r"suppositor(?:y|ies)", "suppository"),
    _p("form", r"injections?|ampoules?|vials?|shots?", "injection"),
    _p("form", r"lozenges?|films?|sprays?|powders?", "other"),
    # -- verbs of the story ------------------------------------------------------------------
    _p("verb", r"up\s*-?\s*titrated|titrated\s+up(?:wards?)?|increased|increase|increasing|"
               r"escalated|escalating|raised|raise|raising|doubled|went\s+up|rose", "increase"),
    _p("verb", r"down\s*-?\s*titrated|down\s*-?\s*titration|decreased|decrease|reduced|reduction|"
               r"reduce|reducing|lowered|tapered|tapering|weaned|de\s*-?\s*escalated?|halved", "decrease"),
    _p("verb", r"titrated|titration|adjusted|adjustment", "titrate"),
    _p("verb", r"reached|reaching|attained", "reach"),
    _p("verb", r"switched|switching|switch|rotated|rotating|rotation|rotate|converted|conversion"
               r"|convert|substitut(?:ed|ing|ion|e)|replaced|replacing|replace|changed\s+over|changed"
               r"|change", "switch"),
    # "re-administration of prednisolone", "restarted", "resumed": given again, a start
    _p("verb", r"re\s*-?\s*(?:started|starting|start|initiated|initiation|introduced|introduction|"
               r"instituted|administered|administration|challenged|challenge)|resumed|resumption",
       "start"),
    _p("verb", r"started|starting|start|initiated|initiation|commenced|begun|began|introduced|"
               r"introduction|instituted|prescribed|placed\s+on|put\s+on", "start"),
    _p("verb", r"added|add|addition|adding|supplemented", "add"),
    # "dabigatran was antagonised using idarucizumab", "Heparin was reversed by Protamine": the
    # effect of the drug before the verb undone, that drug ended (only in the passive, and only
    # the subject's: "reversed by naloxone", "naloxone reversed the rigidity" give naloxone)
    _p("verb", r"(?:was|were|been)\s+(?:(?:immediately|rapidly|successfully|fully|then)\s+)?"
               r"(?:antagoni[sz]ed|neutrali[sz]ed|reversed)", "reverse"),
    _p("verb", r"discontinued|discontinuation|discontinuing|discontinue|stopped|stopping|stop|ceased|"
               r"cease|withdrawn|withdrew|withdraw|removed|held|suspended|omitted|completion\s+of|quit|quitting"
               r"|quitted", "stop"),
    _p("verb", r"continued|continuing|continuation|maintained|maintenance|remained|kept", "continue"),
    _p("verb", r"administered|administration|administer|given|give|received|receiving|receive|"
               r"taking|took|taken|take|treated|applied|"
               r"managed|controlled|(?:was|were|is|is\s+now|remained)\s+on", "give"),
    # -- negation, history, time -------------------------------------------------------------
    _p("neg", r"could\s+not|did\s+not|was\s+not|were\s+not|cannot|can't|didn't|wasn't|weren't|"
              r"unable\s+to|no|not|never|neither|nor|without|declined|refused|denied", "neg"),
    # "on hospital days 4-7", "postoperative days 1-3": the days of a stay, in a row
    _p("time", r"(?:hospital|post\s*-?\s*operative)\s+days\s*(\d+)\s*(?:-|to)\s*\d+",
       lambda m: "day " + m.group(1)),
    _p("time", r"(?:hospital\s+|post\s*-?\s*operative\s+)?day\s*(\d+)(?:\s*(?:-|to)\s*\d+)?",
       lambda m: "day " + m.group(1)),
    _p("time", r"(?:on\s+)?the\s+(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
               r"(?:\s+post\s*-?\s*operative)?\s+day", lambda m: m.group(1) + " day"),
    _p("time", rf"(?:after|over|within|for)\s+(?:the\s+next\s+)?{_W}\s+(?:days?|weeks?|months?|hours?)"
               r"|\d+\s+(?:days?|weeks?|months?)\s+(?:later|after)", "later"),
    _p("time", r"subsequently|thereafter|then|later|finally|eventually|afterwards?|next|followed\s+by",
       "later"),
    _p("time", r"at\s+discharge|on\s+discharge|discharged|sent\s+home(?=\s+(?:on|with)\b)",
       "discharge"),
    _p("time", r"(?:on|upon|at|after)\s+(?:hospital\s+)?admission|admitted|admission", "admission"),
    _p("time", r"out\s*-?\s*patient|at\s+home", "outpatient"),
    _p("time", r"initially|at\s+first|initial|at\s+the\s+start", "initial"),
    _p("time", r"had\s+been|had\s+taken|had\s+received|history\s+of|previously|prior\s+to", "before"),
    _p("time", r"post\s*-?\s*operative(?:ly)?|intra\s*-?\s*operative(?:ly)?|pre\s*-?\s*operative(?:ly)?"
               r"|in\s+the\s+ed|anaesthetic\s+record|anesthetic\s+record", "perioperative"),
    # -- cues of totals that are not items ---------------------------------------------------
    _p("cue", r"(?:total\s+)?(?:oral\s+|parenteral\s+|iv\s+|intravenous\s+)?morphine\s+(?:milligram\s+)?"
              r"(?:iv\s+)?equivalents?(?:\s+(?:daily\s+)?doses?)?|o\.?m\.?e\.?d?|m\.?m\.?e\.?|medd", "ome"),
    _p("cue", r"consumption|consumed|usage|use|used|requirements?|needed", "use"),
    _p("cue", r"median|mean|average|range|iqr|interquartile", "series"),
    _p("cue", r"increments?|steps?\s+of", "step"),
    _p("cue", r"available|marketed|strengths?", "available"),
    _p("cue", r"diluted|dilution", "dilution"),
    _p("cue", r"total(?:\s+dose)?|cumulative|in\s+total", "total"),
    _p("cue", r"respectively", "respectively"),
    _p("cue", r"both|each", "each"),
    _p("bound", r"≤|<=|up\s+to|as\s+much\s+as|maximum\s+(?:daily\s+)?(?:dose\s+)?(?:of\s+)?|"
                r"max\.?(?:imal)?(?:\s+dose)?(?:\s+of)?", "max"),
    _p("bound", r">|≥|>=|<|more\s+than|less\s+than|greater\s+than|in\s+excess\s+of|exceeding|over|"
                r"above|below|at\s+least|upwards?\s+of", "threshold"),
    _p("approx", r"approx\.?|approximately|about|around|~|ca\.", "approx"),
    _p("plus", r"plus|and|or|with|along\s+with|together\s+with|as\s+well\s+as|in\s+combination\s+with",
       "and"),
    _p("clause", r"but|however|although|though|whereas|while|which|because|since|after|before|when"
                 r"|until|despite|if", "clause"),
    _p("class", r"(?:strong|weak|other)\s+opioids?|opioids?|opiates?|narcotics?", "opioid"),
    _p("class", r"non\s*-?\s*steroidal\s+anti\s*-?\s*inflammatory\s+drugs?|nsaids?|anti\s*-?\s*"
                r"inflammator(?:y|ies)", "nsaid"),
    _p("class", r"antidepressants?", "antidepressant"),
    _p("class", r"antipsychotics?|neuroleptics?", "antipsychotic"),
    # a class, not (unfractionated) heparin: "low-molecular-weight heparin (LMWH)"
    _p("class", r"low\s*-?\s*molecular\s*-?\s*weight\s+heparins?|lmwhs?", "lmwh"),
    _p("class", r"corticosteroids?|steroids?", "corticosteroid"),
    _p("class", r"antiemetics?", "antiemetic"),
    _p("class", r"benzodiazepines?", "benzodiazepine"),
    _p("class", r"(?:adjuvant|conventional|standard(?:\s+oral)?|non\s*-?\s*opioid)\s+analgesics?|"
                r"adjuvants?|co\s*-?\s*analgesics?|analgesics?|analgesia|medications?|medicines?|"
                r"painkillers?|drugs?", "*"),
    # "weighing 64 kg", "a weight of 64 kilograms" (the kilogram spelt as a dose per kg's is)
    _p("weight", rf"({_NUM})\s*-?\s*(?:kg|kilo(?:gram(?:me)?)?s?)(?![a-z\-])(?!\s*-\s*1)",
       lambda m: number(m.group(1))),
)
