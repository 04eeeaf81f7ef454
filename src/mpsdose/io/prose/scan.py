"""Tokens of a sentence: drug names, amounts, and the words around them, each with its span."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from mpsdose.io.prose.lexicon import (
    ACTIVITY,
    AFTER_NUMBER_WORD,
    AMOUNT,
    AMOUNT_WORDS,
    COMBINATION,
    COMBINATION_UNITS,
    COMMA_THEN_LIST,
    DIVIDED_HYPHENS,
    DIVIDED_PLUS,
    DIVIDED_SLASH_UNITS,
    DIVIDED_UNITS,
    LAB,
    LIST,
    MILLION_UNITS,
    NUMBER,
    PER_KG,
    PER_OTHER_WEIGHT,
    PHRASES,
    RANGE,
    SCHEME_AFTER_AMOUNT,
    THEN_LIST,
    WORD_AMOUNT,
    number,
    scheme_schedule,
)
from mpsdose.model.drugs import Catalogue, Drug
from mpsdose.model.regimen import Schedule
from mpsdose.model.value import Value

__all__ = ["Amount", "DrugName", "Token", "Vocabulary", "apposition_between", "apposition_drug",
           "bracket_around", "opening_bracket", "scan"]


@attrs.frozen(repr=False, eq=False)
class Amount(Value):
    """An amount as written: one value, a range (``high``) or a list of values, in a unit.

    ``base`` is the mass or volume written (``mg``, ``mcg``, ``g``, ``ml``, ``%``) and ``per``
    what it is divided by, in order (``("kg", "h")`` for "mg/kg/h", ``("day",)``, ``("ml",)``).
    """

    values: tuple[float, ...]
    base: str
    per: tuple[str, ...] = ()
    high: float | None = None
    #: single, range, list, between, fromto, combination, divided (doses of one drug through a
    #: day, in order: "10/5/5 mg", "150-50-150mg", "150-150mg")
    kind: str = "single"
    over_24h: bool = False  #: the day was written "over 24 hours"
    #: per kg of an ideal, lean, adjusted or predicted weight ("1 g per kilogram of ideal body
    #: weight"): not the weight the text gives, which is never used for it
    other_weight: bool = False
    #: doses of a day written with hyphens ("150-50-150mg"): a day only where the text says one
    #: ("daily"), as a hyphen also joins the steps of a titration
    day_needed: bool = False

    @property
    def value(self) -> float:
        return self.values[0]

    @property
    def per_kg(self) -> bool:
        return "kg" in self.per

    @property
    def time(self) -> str | None:
        """``"h"``, ``"day"`` or ``"min"`` for a rate; None for an amount per dose."""
        for part in self.per:
            if part in ("h", "day", "min"):
                return part
        return None

    @property
    def concentration(self) -> bool:
        return self.base == "%" or (self.base != "ml" and "ml" in self.per)

    @property
    def volume(self) -> bool:
        return self.base == "ml" and not self.per

    @property
    def volume_rate(self) -> bool:
        return self.base == "ml" and self.time is not None

    @property
    def mass(self) -> bool:
        return self.base in ("mg", "mcg", "g") and not self.concentration

    @property
    def activity(self) -> bool:
        """An amount in units of activity ("5000 units", "1000 units/h"): never mass."""
        return self.base == "units"


@attrs.frozen(repr=False, eq=False)
class Token(Value):
    kind: str
    start: int
    end: int
    value: Any = None
    name_end: int | None = None  #: a drug named with its brand in brackets: the name's end

    @property
    def name_span(self) -> tuple[int, int]:
        return (self.start, self.name_end if self.name_end is not None else self.end)


@attrs.frozen(repr=False, eq=False)
class DrugName(Value):
    """A drug named in the text: by a catalogue name or an abbreviation the text defines."""

    drug: Drug
    name: str
    route: Any = None  #: a route the name implies ("TB": transdermal buprenorphine)
    #: the name as written in two words ("methyl prednisolone"), read as the joined name
    joined_from: str | None = None


@attrs.frozen(repr=False, eq=False)
class Vocabulary(Value):
    """The drug names to look for: the catalogue's, compiled once per catalogue; and, where
    given, names of drugs the catalogue does not know (``others``: name → an unlisted drug),
    read as drugs of their own."""

    catalogue: Catalogue
    pattern: re.Pattern[str]
    others: Mapping[str, Drug] = attrs.field(factory=dict)

    @classmethod
    def of(cls, catalogue: Catalogue, others: Mapping[str, Drug] | None = None) -> Vocabulary:
        others = dict(others or {})
        names = sorted({*catalogue.names, *others}, key=len, reverse=True)
        alternation = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names if len(n) > 1)
        # a name run into its amount ("zolpidem12.5 mg"): a digit after the name only where an
        # amount with its unit of mass or volume follows at once
        return cls(catalogue, re.compile(
            rf"(?<![a-z0-9])(?:{alternation})(?:(?![a-z0-9])|(?={_RUN_IN_AMOUNT}))"), others)


#: An amount written on to a name, without a space ("zolpidem12.5 mg", "tramadol50mg").
_RUN_IN_AMOUNT = r"\d+(?:\.\d+)?\s*(?:mg|mcg|µg|ug|micrograms?|microg|g|ml)(?![a-z])"
_BASE = {"mg": "mg", "milligram": "mg", "milligrams": "mg", "mcg": "mcg", "µg": "mcg", "ug": "mcg",
         "microg": "mcg", "microgram": "mcg", "micrograms": "mcg", "g": "g", "gm": "g",
         "gram": "g", "grams": "g", "ml": "ml", "%": "%",
         # the French and older British spelling (prosefix9798, fresh97-013)
         "milligramme": "mg", "milligrammes": "mg", "gramme": "g", "grammes": "g"}
#: One "per" part of an amount's suffix. "dose" is tried before "d" (a day): "2 g per dose" is a
#: dose, never 2 g a day (the reader once read "morphine 10 mg per dose every 4 hours" as 10 mg a
#: day).
_SUFFIX_PART = re.compile(
    rf"\s*(?:/|per\s+|over\s+(?:a\s+)?|an\s+|a\s+|•|\.)?\s*({PER_KG}|24\s*-?\s*h(?:ours?|rs?)?|hours?|hrs?|h|dose|"
    r"die|days?|d|ml|min(?:utes?)?|m\s*(?:2|²|\(\s*2\s*\)))(?:\s*-\s*1|\(\s*-\s*1\s*\))?")
_SPACE = re.compile(r"\s+")
_OME = next(pattern for kind, pattern, make in PHRASES
            if kind == "cue" and pattern.match("oral morphine equivalents"))
#: A chemical prefix written as a word of its own before a name ("methyl prednisolone", "nor-
#: buprenorphine", "hydroxy chloroquine", "dihydro codeine", "levo-methadone"): the compound is
#: another substance than the name after it. "nor", "des", "dex", "dexa" and "es" only with a
#: hyphen ("neither codeine nor morphine").
PREFIX = re.compile(r"(?P<locant>[a-z]\s*-\s*)?"
                    r"(?:methyl|ethyl|acetyl|hydroxy|dihydro|desmethyl|didesmethyl|levo|dextro|oxy)"
                    r"(?:\s*-\s*|\s+)|(?:nor|des|dexa|dex|es)\s*-\s*")
_WORD = re.compile(r"[a-z][a-z'\-]*|[0-9]+(?:\.[0-9]+)?|\S")


#: "/body" in "500 mg/body/day": the whole patient's dose, no part of the unit.
_PER_BODY = re.compile(r"\s*/\s*body(?![a-z])")


def _per(suffix: str) -> tuple[str, ...]:
    suffix = _PER_BODY.sub("", suffix)
    parts: list[str] = []
    for match in _SUFFIX_PART.finditer(suffix):
        unit = match.group(1)
        if unit.startswith(("kg", "kilo")):
            parts.append("kg")  # "per kilogram of body weight", "/kg bw": per kg
        elif unit.startswith(("24", "day")) or unit in ("d", "die"):
            parts.append("day")
        elif unit.startswith("h"):
            parts.append("h")
        elif unit.startswith("m") and not unit.startswith(("min", "ml")):
            parts.append("m2")  # "mg/m2", "mg/m 2", "mg/m²": per square metre of body surface
        elif unit.startswith("min"):
            parts.append("min")
        elif unit.startswith("ml"):
            parts.append("ml")
        else:
            parts.append(unit)
    return tuple(parts)


#: What follows a count of blood-product units ("8 units PRBCs", "2 units of fresh frozen
#: plasma", "units of packed red blood cells", "platelets", "cryoprecipitate"): not a dose.
_BLOOD_PRODUCT = re.compile(
    r"\s*(?:of\s+)?(?:\(\s*)?(?:packed|p?rbcs?|red\s+(?:blood\s+)?cells?|red\s+cell|ffp|fresh|frozen|"
    r"plasma|platelets?|plts?|cryo\w*|whole\s+blood|blood|erythrocytes?|concentrated|leuko\w*|"
    r"irradiated|transfus\w*|single\s+donor|apheresis|of\s+blood)(?![a-z])")
#: What stands right before a count of units that is blood ("transfusion (6 units)", "transfused
#: 2 units", "a transfusion of 4 units"): not a dose.
_TRANSFUSED_BEFORE = re.compile(r"transfus\w*\s*(?:[(\[]\s*|(?:of|with)\s+)?$")
#: What joins the two ends of a range whose unit is said twice ("10mg – 20mg", "0.2 mg to 0.8 mg").
_RANGE_JOIN = re.compile(r"\s*(?:-|to)\s*(?=\d|\.\d)")
#: A change written before two amounts joined by "to" makes them two amounts ("reduced 20 mg to
#: 10 mg"), not a range.
_CHANGED = re.compile(r"(?:increas|decreas|reduc|titrat|rais|escalat|chang|switch|convert|taper|"
                      r"went|rose|fell|dropp|lower|adjust|from)\w*[^.;]*$")


#: "(minimum dose 0.5 mg/day to maximum dose 1.0 mg/day)": a dose that varied between a stated
#: minimum and maximum is one range over time, as "0.5 to 0.75 mg" is a range.
_MINIMUM_BEFORE = re.compile(r"\bmin(?:imum|imal|\.)?\s+(?:daily\s+)?(?:dose|dosage)?\s*(?:of\s+)?$")
_MAXIMUM_JOIN = re.compile(r"\s*,?\s*(?:to|and|-)\s+(?:a\s+|the\s+)?max(?:imum|imal|\.)?\s+"
                           r"(?:daily\s+)?(?:dose|dosage)?\s*(?:of\s+)?(?=\d|\.\d)")


#: The noun a hyphenated amount qualifies, before the drug's name: "three 10-mg tablets of
#: haloperidol", "a single 100-mg dose of trazodone" (or the name itself: "200-mg amitriptyline",
#: also after a route word: "400-mg intravenous fluconazole", "5-mg oral prednisolone").
_QUALIFIED_NOUN = re.compile(r"\s+(?:(?:intravenous|oral|subcutaneous|intramuscular|iv|po|sc|im)"
                             r"\s+)?(?:(?:tablets?|capsules?|pills?|doses?)\s+of\s+)?")


def _qualifies_drug(normal: str, position: int, end: int, vocabulary: Vocabulary | None) -> bool:
    """Does a drug the catalogue knows follow a hyphenated amount ("200-mg amitriptyline",
    "10-mg tablets of haloperidol")? Only then is the amount, an adjective, read as a dose: the
    noun it qualifies is the drug's; "each 200-mg dose", "the 30-mg capsule", "0.25-mg
    increments" say no drug of their own."""
    noun = _QUALIFIED_NOUN.match(normal, position, end)
    return vocabulary is not None and noun is not None \
        and vocabulary.pattern.match(normal, noun.end(), end) is not None


#: A verb of change and "to" right before an amount ("was tapered to", "increased the dose to"),
#: not "from 8 to" (a change of something else, "pain fell from 8 to 3").
_LIST_OF_DAYS = re.compile(r"\b(?:days?|weeks?|months?|cycles?|levels?|grades?|stages?|"
                           r"vertebrae|[ltc]\s*-?)\s*$|\d\s*,\s*$")


def _titration_list(normal: str, position: int, end: int) -> re.Match[str] | None:
    """ "intrathecal baclofen (950, 1050, 1200 and then 1300 micrograms/day)": three amounts or
    more, "and then" before the last and the unit once (:data:`.lexicon.COMMA_THEN_LIST`), are
    the doses of a titration in turn — read as a list where every amount rises, or every one
    falls, from the one before, and no day, week, cycle or level is named right before the first
    (days "1, 2 and then 3" or vertebrae "L3, L4 and then L5" count no dose). None otherwise."""
    listed = COMMA_THEN_LIST.match(normal, position, end)
    if listed is None or _LIST_OF_DAYS.search(normal, max(0, position - 20), position):
        # (nor a list's later part: its first number's words decide)
        return None
    after = re.match(NUMBER, normal[listed.end():end])
    if after is None:
        return None
    values = [number(v) for v in re.findall(NUMBER, listed.group("first"))]
    values.append(number(after.group(0)))
    steps = [b - a for a, b in itertools.pairwise(values)]
    if not (all(step > 0 for step in steps) or all(step < 0 for step in steps)):
        return None
    return listed


_CHANGED_TO = re.compile(r"\b(?:increas|reduc|decreas|taper|titrat|lower|rais|wean|adjust|escalat)"
                         r"\w*\s+(?:[a-z]+\s+){0,4}?to\s+$")


def _amount(normal: str, position: int, end: int,
            vocabulary: Vocabulary | None = None) -> tuple[int, Amount] | None:
    """An amount at ``position``: a list, a "between … and …", a range or a single amount.
    An amount whose unit is joined to its number by a hyphen ("200-mg") only before the drug
    it qualifies (``vocabulary``'s names)."""
    prefix_values: list[float] = []
    kind = "single"
    start = position
    divided = DIVIDED_UNITS.match(normal, position, end) or DIVIDED_HYPHENS.match(normal, position, end) \
        or DIVIDED_PLUS.match(normal, position, end) or DIVIDED_SLASH_UNITS.match(normal, position, end)
    if divided:  # "10mg/5mg/5mg", "150-50-150mg", "40 mg + 30 mg daily": the doses of a day
        said = divided.group("values") if divided.re in (DIVIDED_PLUS, DIVIDED_SLASH_UNITS) \
            else divided.group(0)
        values = tuple(number(v) for v in re.findall(NUMBER, said))
        return divided.end(), Amount(values, "units" if divided.re is DIVIDED_SLASH_UNITS
                                     else _BASE[divided.group("unit")], (), None, "divided",
                                     day_needed=divided.re is not DIVIDED_UNITS)
    combination = COMBINATION.match(normal, position, end)
    if combination:  # "5/325 mg": one strength for each component of a combination product
        values = tuple(number(v) for v in re.split(r"\s*/\s*", combination.group("values")))
        return combination.end(), Amount(values, _BASE[combination.group("unit")], (),
                                         None, "combination")
    paired = COMBINATION_UNITS.match(normal, position, end)
    if paired and _BASE[paired.group("unit")] == _BASE[paired.group("unit2")]:
        # "5 mg/325 mg": the same, each strength with its unit
        return paired.end(), Amount((number(paired.group("first")), number(paired.group("second"))),
                                    _BASE[paired.group("unit")], (), None, "combination")
    between = RANGE.match(normal, position, end)
    if between and between.group("lowunit") and between.group("word") == "from" and not re.search(
            r"(?:rang(?:ed|es|ing|e)|var(?:ied|ies|ying|y))\s+$", normal[max(0, position - 12):position]):
        between = None  # "increased from 10 mg to 20 mg twice daily": two amounts, each its own
    if between:
        prefix_values = [number(between.group("low"))]
        kind = "between" if between.group("word") == "between" else "fromto"
        position = between.start("rest")
    else:
        listed = LIST.match(normal, position, end)
        if listed is None and _CHANGED_TO.search(normal[max(0, position - 60):position]):
            # "tapered to 35 then 30 mg/d": successive amounts, the unit written once
            listed = THEN_LIST.match(normal, position, end)
        if listed is None:
            listed = _titration_list(normal, position, end)
        if listed and re.search(r"\d,\d{1,2}(?!\d)", listed.group("first")):
            return None  # "1,5 and 10 mg", "5,10 and 20 mg": a decimal comma or a list? Neither
        if (listed and "," in listed.group("first")) or (listed and listed.group("first")):
            prefix_values = [number(v) for v in re.findall(NUMBER, listed.group("first"))]
            kind = "list"
            position = listed.end()
    match = AMOUNT.match(normal, position, end)
    if match is None:
        return None
    if match.group("hyphen") and not _qualifies_drug(normal, match.end(), end, vocabulary):
        return None
    unit = "".join(match.group("unit").split())  # "micro gram", written apart: "microgram"
    millions = re.fullmatch(MILLION_UNITS, match.group("unit")) is not None
    activity = millions or re.fullmatch(ACTIVITY, match.group("unit")) is not None
    if activity and _BLOOD_PRODUCT.match(normal, match.end(), end):
        return None  # "8 units PRBCs", "2 units of FFP": blood products, not a dose
    if activity and _TRANSFUSED_BEFORE.search(normal, max(0, start - 40), start):
        return None  # "a blood transfusion (6 units)", "transfused 2 units": blood, not a dose
    base = "units" if activity else _BASE.get(
        unit.replace("milliliter", "ml").replace("millilitre", "ml").rstrip("s")
        if unit not in _BASE else unit, "ml")
    per = _per(match.group("suffix"))
    if base == "units" and "ml" in per:
        return None  # "0.3–0.7 U/mL", "284 UI/ml": a level, not a dose (units are never a strength)
    over = "over" in match.group("suffix")
    value = number(match.group("number"))
    high = number(match.group("high")) if match.group("high") else None
    if millions:  # "3 million IU", "2 MU": units, a million times the number written
        value, high = value * 1e6, None if high is None else high * 1e6
        prefix_values = [v * 1e6 for v in prefix_values]
    if prefix_values:
        if high is not None:
            return None
        said = between.group("lowunit") if between else None
        if said is not None and _BASE.get(said, said) != base:
            return None  # "from 10 mg to 1 g": not one unit
        if kind == "list":
            return match.end(), Amount((*prefix_values, value), base, per, None, "list")
        return match.end(), Amount((prefix_values[0],), base, per, value, kind)
    del start
    if high is not None and high == value and match.group("sep") == "-" and not per:
        # "150-150mg daily": a range has two ends apart; two equal doses of a day, in order
        return match.end(), Amount((value, high), base, per, None, "divided", over,
                                   day_needed=True)
    if high is not None:
        return match.end(), Amount((value,), base, per, high, "range", over)
    joined = _RANGE_JOIN.match(normal, match.end(), end)
    ranged = joined is not None and not _CHANGED.search(normal[max(0, position - 40):position])
    if joined is None and _MINIMUM_BEFORE.search(normal[max(0, position - 30):position]):
        joined = _MAXIMUM_JOIN.match(normal, match.end(), end)
        ranged = joined is not None
    if joined is not None and ranged:
        upper = AMOUNT.match(normal, joined.end(), end)
        upper_per = _per(upper.group("suffix")) if upper is not None else per
        if upper is not None and upper.group("high") is None and (upper_per == per or not per) \
                and _BASE.get(upper.group("unit")) == base and number(upper.group("number")) > value:
            # "Midazolam 10mg – 20mg", "0.2 mg to 0.8 mg": one range, its unit said twice; "30 mg
            # to 60 mg per day": the time after the upper end is the whole range's, as it is
            # after "30 to 60 mg per day" (prosefix103109, fresh108-022: the upper end alone was
            # read as 60 mg a day)
            return upper.end(), Amount((value,), base, upper_per, number(upper.group("number")),
                                       "range", over or "over" in upper.group("suffix"))
    return match.end(), Amount((value,), base, per, over_24h=over)


def scan(text: str, normal: str, start: int, end: int, vocabulary: Vocabulary,
         defined: Mapping[str, DrugName] | None = None,
         defined_routes: Mapping[str, Any] | None = None) -> list[Token]:
    """The tokens of ``normal[start:end]`` (``text`` is the text as written, for the
    abbreviations it defines, which are matched in their own capitals only)."""
    tokens: list[Token] = []
    position = start
    defined = defined or {}
    defined_routes = defined_routes or {}
    abbreviation = (re.compile(r"(?<![A-Za-z])(" + "|".join(map(re.escape, sorted(
        [*defined, *defined_routes], key=len, reverse=True))) + r")(?![A-Za-z])")
        if defined or defined_routes else None)
    while position < end:
        space = _SPACE.match(normal, position)
        if space:
            position = space.end()
            continue
        scheme = SCHEME_AFTER_AMOUNT.match(normal, position, end) if _after_amount(tokens) else None
        if scheme is not None:  # "10 mg 1-0-0": one dose in the morning
            tokens.append(Token("freq", position, scheme.end(), scheme_schedule(scheme.group(0))))
            position = scheme.end()
            continue
        count = _COUNT_A_DAY.match(normal, position, end) if _after_amount(
            [t for t in tokens if not (t.kind == "word" and t.value == ".")][-3:]) else None
        if count is not None:  # "Lorazepam 1 mg. 4/day": a count of doses a day
            tokens.append(Token("freq", position, count.end(),
                                Schedule.times_per_day(int(count.group(1)))))
            position = count.end()
            continue
        per_day = _COUNT_PER_DAY.match(normal, position, end)
        if per_day is not None:  # "150 mg zidovudine p.o., 2 per day": a count of doses a day
            tokens.append(Token("freq", position, per_day.end(), Schedule.times_per_day(
                int(per_day.group(1)))) if _amount_of_item_before(tokens)
                else Token("word", position, per_day.end(), normal[position:per_day.end()]))
            position = per_day.end()
            continue
        token = _one(text, normal, position, end, vocabulary, defined, defined_routes, abbreviation)
        tokens.append(token)
        position = max(token.end, position + 1)
    return _component_amount(normal, _plus_shared_unit(normal, _from_to_shared_time(
        normal, _route_abbreviated(tokens))))


def _route_abbreviated(tokens: list[Token]) -> list[Token]:
    """ "4g intravenous (IV) ceftriaxone every 6 hours", "subcutaneous (SC) enoxaparin": a route
    word with its own abbreviation in brackets right after it is one route, whose words run to
    the closing bracket — so an amount written before it is joined to the name after it as past
    any route word (prosefix9798, fresh98-011: the bracket cut the amount from its drug). A
    bracket that names another route ("oral (IV)") is left as written."""
    merged: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        window = tokens[index:index + 4]
        if len(window) == 4 and token.kind == "route" and window[1].kind == "open" \
                and window[2].kind == "route" and window[3].kind == "close" \
                and window[2].value == token.value and token.end <= window[1].start:
            merged.append(Token("route", token.start, window[3].end, token.value))
            index += 4
            continue
        merged.append(token)
        index += 1
    return merged


def _component_amount(normal: str, tokens: list[Token]) -> list[Token]:
    """ "trimethoprim-sulfamethoxazole (160 mg of trimethoprim component twice daily)": a
    combination's amount written as one component's ("N mg of X", "of X component", first in
    the brackets right after the combination's name) is the combination's, dosed by that
    component — never X given alone (prosefix7475; fresh74-026 once read trimethoprim 320 mg
    a day)."""
    for index, token in enumerate(tokens):
        if token.kind != "drug" or index < 3 or normal[tokens[index - 1].start:tokens[
                index - 1].end] != "of" or tokens[index - 2].kind != "amount":
            continue
        back, bracket = index - 3, False
        while back >= 0 and index - back <= 6 and (
                tokens[back].kind == "route"
                or normal[tokens[back].start:tokens[back].end] in ("(", "[", "a", "the")):
            bracket = bracket or normal[tokens[back].start:tokens[back].end] in ("(", "[")
            back -= 1
        if back < 0 or tokens[back].kind != "drug" or not bracket:
            continue
        combination = tokens[back].value.drug
        if token.value.drug.name in combination.name.split(" + ") \
                and combination.name != token.value.drug.name:
            tokens[index] = attrs.evolve(token, value=attrs.evolve(token.value, drug=combination))
    return tokens


#: A word of the day with no count of doses after an amount ("400 mg daily", "every day"), or
#: with a count of one ("once a day", "once daily"): the amount is a day's, as "400 mg/day" is
#: ("twice daily" counts two doses: not one).
_A_DAY = re.compile(r"(?:once\s+)?(?:daily|(?:every|each|a|per)\s+day|/\s*day)$")


def _from_to_shared_time(normal: str, tokens: list[Token]) -> list[Token]:
    """ "from 37.5 mg to 75 mg a day", "from 50 mg to 400 mg daily": the time written after the
    second amount of a change "from X to Y" is the first's too, where the first has none of its
    own and the same unit."""
    for index in range(1, len(tokens) - 2):
        first, join, second = tokens[index], tokens[index + 1], tokens[index + 2]
        if tokens[index - 1].kind != "word" or normal[tokens[index - 1].start:tokens[
                index - 1].end] != "from" or first.kind != "amount" or second.kind != "amount" \
                or normal[join.start:join.end] != "to":
            continue
        low, high = first.value, second.value
        if low.kind != "single" or high.kind != "single" or low.per or low.base != high.base:
            continue
        if high.per and all(p in ("day", "h") for p in high.per):
            tokens[index] = attrs.evolve(first, value=attrs.evolve(low, per=high.per,
                                                                    over_24h=high.over_24h))
        elif not high.per and index + 3 < len(tokens) and tokens[index + 3].kind == "freq" \
                and _A_DAY.fullmatch(normal[tokens[index + 3].start:tokens[index + 3].end]):
            tokens[index] = attrs.evolve(first, value=attrs.evolve(low, per=("day",)))
    return tokens


def _plus_shared_unit(normal: str, tokens: list[Token]) -> list[Token]:
    """ "rabeprazole 20 + domperidone 30 mg": a bare number right after a drug's name and before
    "+" and another drug's name with a mass is the first drug's strength, in the unit written
    after the second."""
    for index in range(1, len(tokens) - 3):
        before, bare, join, other, strength = tokens[index - 1:index + 4]
        if before.kind != "drug" or bare.kind != "number" or other.kind != "drug" \
                or strength.kind != "amount" or normal[join.start:join.end] != "+":
            continue
        amount: Amount = strength.value
        if amount.kind != "single" or not amount.mass or amount.per:
            continue
        tokens[index] = Token("amount", bare.start, bare.end, Amount((bare.value,), amount.base))
    return tokens


#: A bare count of one to six over a day, with no unit of its own, right after an amount (or
#: an amount and a route or form word): "Lorazepam 1 mg. 4/day", "clonidine 0.1 mg po 3/day" —
#: a count of doses a day, as "x3/day" is. Not after a body surface ("1g/0.73m 2 /day": the
#: "2" is the square's).
_COUNT_A_DAY = re.compile(r"(?<![\d.,×x/])(?<!m\s)(?<!m)([1-6])\s*/\s*(?:day|d)(?![a-z\d])")


#: A bare count of one to six before "per day", with no unit of its own ("1 g acetaminophen
#: p.o., 4 per day"): a count of doses a day after the item's amount (_amount_of_item_before);
#: elsewhere a word, so that no amount takes a day from the count's "per day".
_COUNT_PER_DAY = re.compile(r"(?<![\d.,×x/])([1-6])\s+per\s+day(?![a-z\d])")


def _amount_of_item_before(tokens: list[Token]) -> bool:
    """Do the tokens end with an amount followed only by the item's drug name, route or form
    words and commas ("500 mg acetylsalicylic acid p.o.,", "250 mg p.o.,")?"""
    for token in reversed(tokens[-5:]):
        if token.kind == "amount":
            return True
        if token.kind not in ("drug", "route", "form") and not (
                token.kind == "punct" and token.value == ","):
            return False
    return False


#: "mU" with a small m and a capital U, right after the number: the milliunit (SI's m).
_MILLIUNIT = re.compile(r"[\d.,]+\s*mU(?![A-Za-z])")
#: "mu" as the abbreviation of a million units (not "million units" or "MIU" spelt out).
_MU = re.compile(r"[\d.,]+\s*-?\s*mu(?![a-z])")


def _milliunits(text: str, position: int, stop: int, amount: Amount) -> bool:
    """Is an amount read in millions of units written "mU" or "mu" where it means milliunits?
    "oxytocin 2 mU/min", "insulin 40 mU/kg/min", "10 mu per minute": "mU" (a small m and a
    capital U) is the milliunit, and "mu" per minute or per kg is too — a million units a
    minute is no dose. Such an amount is read in milliunits (a thousandth of a unit), never a
    million units (the reader once read "Oxytocin was infused at 2 mU/min" as 2 million units a
    minute; it is 0.002 units a minute). "2 MU", "crystalline
    penicillin 2 mu 6 hourly" and "4 MU every 6 hours" stay millions of units (prosefix99102,
    fresh101-016)."""
    if amount.base != "units" or not _MU.match(text.lower(), position, stop):
        return False
    return _MILLIUNIT.match(text, position, stop) is not None \
        or "min" in amount.per or "kg" in amount.per


def _after_amount(tokens: list[Token]) -> bool:
    """Do the tokens end with an amount, perhaps with one form or route word after it ("10 mg
    tablet", "5 mg orally")?"""
    if tokens and tokens[-1].kind in ("form", "route"):
        return len(tokens) > 1 and tokens[-2].kind == "amount"
    return bool(tokens) and tokens[-1].kind == "amount"


def _one(text: str, normal: str, position: int, end: int, vocabulary: Vocabulary,
         defined: Mapping[str, DrugName], defined_routes: Mapping[str, Any],
         abbreviation: re.Pattern[str] | None) -> Token:
    if abbreviation is not None:
        found = abbreviation.match(text, position, end)
        if found:
            word = found.group(1)
            if word in defined:
                return Token("drug", position, found.end(), defined[word])
            return Token("route", position, found.end(), defined_routes[word])
    if normal[position] in "0123456789.":
        lab = LAB.match(normal, position, end)
        if lab:
            return Token("lab", position, lab.end())
    if normal[position] in "0123456789.bf":
        found_amount = _amount(normal, position, end, vocabulary)
        if found_amount is not None and _milliunits(text, position, *found_amount):
            stop, amount = found_amount  # read as millions: a milliunit is a billionth of that
            found_amount = stop, attrs.evolve(
                amount, values=tuple(v / 1e9 for v in amount.values),
                high=None if amount.high is None else amount.high / 1e9)
        if found_amount is not None:
            stop, amount = found_amount
            if amount.per_kg and PER_OTHER_WEIGHT.search(normal, position, stop):
                amount = attrs.evolve(amount, other_weight=True)
            return Token("amount", position, stop, amount)
    spelt = WORD_AMOUNT.match(normal, position, end) if (
        position == 0 or not normal[position - 1].isalnum()) and not AFTER_NUMBER_WORD.search(
        normal, max(0, position - 20), position) else None
    if spelt is not None:  # "One gram of methylprednisolone per day": a number spelt out
        millions = spelt.group("unit").startswith("million")  # "six million units"
        return Token("amount", position, spelt.end(), Amount(
            (float(AMOUNT_WORDS[" ".join(spelt.group("number").split())])
             * (100 if spelt.group("hundred") else 1) * (1e6 if millions else 1),),
            "units" if millions else _BASE[spelt.group("unit")], _per(spelt.group("suffix")),
            other_weight=PER_OTHER_WEIGHT.search(spelt.group("suffix")) is not None))
    ome = _OME.match(normal, position, end)
    if ome:  # "oral morphine equivalents": a cue, not the drug
        return Token("cue", position, ome.end(), "ome")
    if position == 0 or not normal[position - 1].isalnum():
        prefixed = _prefixed(normal, position, end, vocabulary)
        if prefixed is not None:
            return prefixed
    drug = vocabulary.pattern.match(normal, position, end)
    if drug and _ASA_STATUS.match(text, position, end):
        # "ASA I", "ASA class III": the American Society of Anesthesiologists' physical status,
        # not aspirin
        return Token("word", position, drug.end(), normal[position:drug.end()])
    if drug:
        name = " ".join(drug.group(0).split())
        named = vocabulary.others.get(name) or vocabulary.catalogue.resolve(name)
        return Token("drug", position, drug.end(), DrugName(named, name))
    for kind, pattern, make in PHRASES:
        found = pattern.match(normal, position, end)
        if found and found.end() > position:
            return Token(kind, position, found.end(), make(found))
    word = _WORD.match(normal, position, end)
    stop = word.end() if word else position + 1
    piece = normal[position:stop]
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", piece):
        return Token("number", position, stop, float(piece))
    if piece in "()[]":
        return Token("open" if piece in "([" else "close", position, stop, piece)
    if piece in ",;:":
        return Token("punct", position, stop, piece)
    return Token("word", position, stop, piece)


#: "ASA I", "ASA III-E", "ASA class 2", "ASA physical status IV": the American Society of
#: Anesthesiologists' physical status classification. A bare "ASA IV" may be aspirin given
#: intravenously, so IV is read as a class only after "class", "grade" or "physical status"
#: (in any case: "ASA Grade I", "ASA Physical Status II"; prosefix126127, fresh127-022).
_ASA_STATUS = re.compile(
    r"ASA\s*(?:(?:I{1,3}|VI?)(?:\s*-?\s*E)?(?![A-Za-z0-9])"
    r"|(?i:class|grade|score|physical\s+status)\s*:?\s*(?:I{1,3}|IV|VI?|[1-6])(?![A-Za-z0-9])"
    r"|PS\s*:?\s*(?:I{1,3}|IV|VI?|[1-6])(?![A-Za-z0-9]))")


def _prefixed(normal: str, position: int, end: int, vocabulary: Vocabulary) -> Token | None:
    """A chemical prefix word and a catalogue name after it: one name. Where the joined word is a
    catalogue name ("methyl prednisolone": methylprednisolone), that drug; otherwise a word the
    catalogue does not know ("ethyl morphine"), never the name after the prefix."""
    prefix = PREFIX.match(normal, position, end)
    if prefix is None:
        return None
    drug = vocabulary.pattern.match(normal, prefix.end(), end)
    if drug is None:
        return _split_name(normal, position, end, prefix, vocabulary)
    written = normal[position:drug.end()]
    locant = prefix.group("locant") or ""
    joined = "".join(locant.split()) + re.sub(r"[\s\-]+", "", written[len(locant):])
    found = vocabulary.catalogue.get(joined)
    if found is not None:
        return Token("drug", position, drug.end(), DrugName(found, joined, joined_from=written))
    return Token("word", position, drug.end(), joined)


def _split_name(normal: str, position: int, end: int, prefix: re.Match[str],
                vocabulary: Vocabulary) -> Token | None:
    """ "acetyl salicylic acid": a catalogue name written with its chemical prefix apart, the
    words after the prefix no name of their own. Read as the catalogue name where the prefix
    joined to the words after it begins with one ("acetylsalicylic acid": aspirin); otherwise
    not a name (prosefix8081, fresh80-024)."""
    locant = prefix.group("locant") or ""
    word = re.sub(r"[\s\-]+", "", normal[position + len(locant):prefix.end()])
    joined = word + normal[prefix.end():end]
    drug = vocabulary.pattern.match(joined)
    if drug is None or drug.end() <= len(word) or locant:
        return None
    stop = prefix.end() + drug.end() - len(word)
    name = " ".join(drug.group(0).split())
    found = vocabulary.catalogue.get(name)
    if found is None:
        return None
    return Token("drug", position, stop,
                 DrugName(found, name, joined_from=normal[position:stop]))


def opening_bracket(tokens: list[Token], index: int) -> int | None:
    """The position of the opening bracket the token at ``index`` stands in, or None."""
    depth = 0
    for position in range(index - 1, -1, -1):
        kind = tokens[position].kind
        if kind == "close":
            depth += 1
        elif kind == "open":
            if not depth:
                return position
            depth -= 1
    return None


def bracket_around(tokens: list[Token], index: int) -> tuple[int, int] | None:
    """The innermost pair of brackets around ``index`` (their positions), or None."""
    opening = opening_bracket(tokens, index)
    if opening is None:
        return None
    depth = 0
    for position in range(index + 1, len(tokens)):
        kind = tokens[position].kind
        if kind == "open":
            depth += 1
        elif kind == "close":
            if depth == 0:
                return opening, position
            depth -= 1
    return None


def words(tokens: Iterable[Token]) -> list[str]:
    """The kinds of tokens, for debugging."""
    return [f"{t.kind}:{t.value!r}" for t in tokens]


def apposition_drug(normal: str, tokens: list[Token], position: int, index: int) -> int | None:
    """ "mirtazapine, a noradrenergic and specific serotonergic antidepressant (NaSSA) 30 mg/day":
    a class word (at ``position``) that ends an apposition between a drug's name and its amount
    (at ``index``) — opened by a comma and "a", "an" or "the" right after the name, holding only
    words ("and" among them), and followed at once by the amount (the class's abbreviation in
    brackets between) — says what the drug is: the amount is the drug's. The drug's position,
    or None (fresh44-025)."""
    after = position + 1
    if after < index and tokens[after].kind == "open":
        after += 1
        while after < index and tokens[after].kind == "word":
            after += 1
        if after >= index or tokens[after].kind != "close":
            return None
        after += 1
    if after != index:
        return None
    back = position - 1
    while back > position - 10 and back >= 0 and (
            (tokens[back].kind == "word" and normal[tokens[back].start:tokens[back].end]
             not in _ARTICLES)
            or (tokens[back].kind == "plus" and normal[tokens[back].start:tokens[back].end] == "and")):
        back -= 1
    if back < 2 or tokens[back].kind != "word" \
            or normal[tokens[back].start:tokens[back].end] not in _ARTICLES \
            or tokens[back - 1].kind != "punct" or tokens[back - 1].value != "," \
            or tokens[back - 2].kind != "drug":
        return None
    return back - 2


def apposition_between(normal: str, tokens: list[Token], drug: int, index: int) -> bool:
    """Is the drug at ``drug`` named for the amount at ``index`` across a class apposition
    (:func:`apposition_drug`)?"""
    position = index - 1
    if position > drug and tokens[position].kind == "close":
        while position > drug and tokens[position].kind != "open":
            position -= 1
        position -= 1
    return position > drug and tokens[position].kind == "class" \
        and apposition_drug(normal, tokens, position, index) == drug


_ARTICLES = ("a", "an", "the")
