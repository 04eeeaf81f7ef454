"""The item language (CONTRACT.md §1): one regimen item per string, parsed and formatted.

::

    ITEM := [PRN] [COUNT] DRUG [FORM] AMOUNT [ROUTE] [FREQUENCY] [PRN] [MAXPRN] [DURATION]

Tokens may come in any order (case reports write "oral long-acting oxycodone 20 mg/day"), but each
kind at most once, and every token must be understood: a word that is neither a drug, a route, a
form, a frequency nor PRN is an error naming it, never skipped. Spaces between a number and its
unit are optional (``20mg``).
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from mpsdose.io.script import is_japanese
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.model.boundary import checked
from mpsdose.model.drugs import Catalogue, Drug
from mpsdose.model.errors import DoseError, ItemSyntaxError, RouteError, UnitError, UnknownDrugError
from mpsdose.model.guards import (
    MAX_ITEM_CHARS,
    MAX_NUMBER_CHARS,
    MAX_NUMBER_DIGITS,
    MAX_SCHEDULED_DOSES_PER_DAY,
)
from mpsdose.model.numbers import plain
from mpsdose.model.regimen import (
    Dose,
    DoseRange,
    Ingredient,
    Item,
    Schedule,
    ScheduleKind,
)
from mpsdose.model.units import ACTIVITY_SPELLINGS, REFUSED, SPELLINGS, Unit, UnitKind, lookup_unit
from mpsdose.model.vocabulary import FORMS, RELEASES, ROUTE_SPELLINGS, Route

if TYPE_CHECKING:
    from mpsdose.io.japanese import MixedName

__all__ = ["format_item", "parse_frequency", "parse_item"]

_NUM = r"(?:\d+(?:\.\d*)?|\.\d+)"
_END = r"(?![a-z0-9µμ])"
_MASS = r"(?:mg|mcg|µg|μg|ug|g|gm|grams?|milligrams?|micrograms?|microg)"
_UNITISH = (
    r"(?:mg|mcg|µg|μg|ug|gm|g|grams?|milligrams?|micrograms?|microg|ml|milliliters?|millilitres?|"
    r"international\s+units?|iu|u|units?|cc|tsp|tbsp|teaspoons?|drops?|gtt|grains?|gr|ng|mmol|meq|%)"
)
_ML = r"(?:ml|milliliters?|millilitres?)"
_RATE_SUFFIX = (
    r"(?:\s*/\s*(?:24\s*h(?:ours?|rs?)?|day|d|hour|hr|h|ml|kg|min)"
    r"|\s+(?:per|an|a)\s+(?:24\s*h(?:ours?|rs?)?|day|hour|hr|h|kg|min)" + _END + ")?"
)

_COUNT_WORDS = {
    "tab": "tablet", "tabs": "tablet", "tablet": "tablet", "tablets": "tablet",
    "cap": "capsule", "caps": "capsule", "capsule": "capsule", "capsules": "capsule",
    "patch": "patch", "patches": "patch",
    "supp": "suppository", "suppository": "suppository", "suppositories": "suppository",
}
_COUNT_FORMAT = {"tablet": "tab", "capsule": "caps", "patch": "patch", "suppository": "supp"}
#: A count of dosage units at the start of an item, before its name ("4 tab ", "1 caps ").
_COUNT_BEFORE_NAME = re.compile(
    r"\s*\d+(?:\.\d+)?\s*(?:" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True)) + r")\s+",
    re.IGNORECASE)

_TIMES = {
    "daily": 1, "once daily": 1, "once a day": 1, "once per day": 1, "qd": 1, "od": 1,
    "every day": 1, "qam": 1, "mane": 1, "in the morning": 1,
    # "om" (omni mane), the UK chart's "every morning"; its partner "on" (omni nocte) is not read:
    # "on" is an English word of the item language ("on alternate days")
    "om": 1,
    "bid": 2, "b.i.d.": 2, "bd": 2, "twice daily": 2, "twice a day": 2,
    "tid": 3, "t.i.d.": 3, "tds": 3, "three times daily": 3, "three times a day": 3,
    "qid": 4, "q.i.d.": 4, "qds": 4, "four times daily": 4, "four times a day": 4,
}
_NIGHT = ("at night", "nightly", "qhs", "nocte", "at bedtime", "every night")
_PRN = ("prn", "p.r.n.", "as needed", "as required", "when required", "rescue", "breakthrough")
_FILLER = ("of", "and", "with", "then", "to", "by")
#: "weekly" and "every other day" as intervals [h]: calendar facts, not clinical numbers.
_HOURS_A_WEEK = 7 * 24.0
_HOURS_IN_TWO_DAYS = 2 * 24.0


def _alternation(words: object) -> str:
    escaped = sorted((re.escape(str(w)).replace(r"\ ", r"\s+") for w in words),  # type: ignore[attr-defined]
                     key=len, reverse=True)
    return "(?:" + "|".join(escaped) + ")"


# -- Widened for prose (issue 16): dashes, thousands separators, minute lockouts --------------
#: Unicode hyphens and dashes read as "-": U+2010 hyphen, U+2011 non-breaking hyphen, U+2012
#: figure dash, U+2013 en dash, U+2014 em dash, U+2212 minus sign (so "−5 mg" stays negative).
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
#: A thousands separator only where it cannot be a decimal comma: one to three digits, then
#: groups of exactly three digits, then a unit ("1,050 mg", "31,600 mcg"); "1,5 mg" stays refused,
#: and so does "0,125 mg" (no thousands separator follows a zero: a decimal comma, 0.125).
_THOUSANDS = r"(?<![\d.,])([1-9]\d{0,2}(?:,\d{3})+)(?=\s*" + _UNITISH + r"(?![a-z]))"
#: A PCA lockout: "q10min", "every 10 minutes", "lockout 10 min", "10 minute lockout".
_INTERVAL_MINUTES = (
    rf"(?:(?:every|q)\s*({_NUM})\s*|lockout\s+(?:of\s+)?({_NUM})\s*|({_NUM})\s*-?\s*(?=\S+\s+lockout))"
    rf"(?:minutes?|mins?|min)(?:\s+lockout)?{_END}"
)


@functools.cache
def _thousands() -> re.Pattern[str]:
    return re.compile(_THOUSANDS)  # on first need: compiling every pattern costs start-up time


def _widened(normal: str) -> str:
    """The item with Unicode dashes as "-" and unambiguous thousands separators removed."""
    normal = normal.translate(_DASHES)
    if "," not in normal:
        return normal
    return _thousands().sub(lambda m: m.group(1).replace(",", ""), normal)


class _Pattern:
    """One pattern of the scanner, compiled on first use (compiling them all is a good part of
    every command's start-up, and an item needs only some), with what a match must begin with;
    where it cannot begin, the pattern is neither compiled nor tried:

    - ``starts``: the characters a match can start with (``digit``: any decimal digit, as ``\\d``
      reads one); None: anything;
    - ``prefixes``: words one of which every match begins with (``"once"`` for ``once daily``);
    - ``then``: for a pattern that begins with a number, the characters that can come after the
      number and its spaces (``"-t"`` for a range: ``5-10 mg``, ``5 to 10 mg``);
    - ``needs``: a word every match holds (``"min"`` for a lockout in minutes): not in the item,
      not tried.

    ``tests/test_language.py`` checks each of them against the pattern's own parse."""

    __slots__ = ("_compiled", "digit", "kind", "needs", "prefixes", "source", "starts", "then")

    def __init__(self, kind: str, source: str, starts: str | None,
                 prefixes: tuple[str, ...] | None = None, then: str | None = None,
                 needs: str | None = None) -> None:
        self.kind, self.source = kind, source
        self.digit = starts is not None and "." in starts  # a number: "." or a digit
        self.starts = None if starts is None else frozenset(starts)
        self.prefixes = prefixes
        self.then = None if then is None else frozenset(then)
        self.needs = needs
        self._compiled: re.Pattern[str] | None = None

    def can_start(self, character: str) -> bool:
        return self.starts is None or character in self.starts or (
            self.digit and character.isdecimal())

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled


def _firsts(words: object) -> str:
    """The first characters of an alternation's words."""
    return "".join(str(word)[0] for word in words)  # type: ignore[attr-defined]


def _first_words(words: object) -> tuple[str, ...]:
    """The first words of an alternation's phrases: a match begins with one of them."""
    return tuple(sorted({str(word).split()[0] for word in words}))  # type: ignore[attr-defined]


_PHRASES = ("by mouth", "per os", "per rectum", "long acting", "short acting",
            "immediate release", "extended release", "modified release", "sustained release",
            "controlled release", "prolonged release", "oral solution")

#: The first characters of the units an amount can be written in (``_UNITISH``).
_UNIT_FIRSTS = "mµμuginctd%"

# Each pattern is tried at the current position, in this order; the first that matches wins.
# After the kind and the pattern: what a match can start with ("." stands for a number: "." or a
# digit), the words it begins with, what can follow its leading number, and a word it holds
# (see _Pattern).
_PATTERNS: list[_Pattern] = [
    _Pattern(kind, pattern, starts, prefixes, then, *needs)
    for kind, pattern, starts, prefixes, then, *needs in (
        ("unknown", r"(?:dose\s+(?:unknown|not\s+(?:given|stated|known))|unknown\s+dose)" + _END,
         "du", ("dose", "unknown"), None),
        ("maxprn", rf"max(?:imum)?\.?\s*({_NUM})\s*(?:(?:x|times|doses?)\s*)?"
                   rf"(?:/|per|a|in)\s*(?:24\s*h(?:ours?)?|day|d){_END}", "m", ("max",), None),
        ("duration", rf"for\s+({_NUM})\s*(?:days?|d){_END}", "f", ("for",), None),
        ("maxprn_le", rf"(?:≤|<=)\s*({_NUM})\s*(?:(?:x|times|doses?)\s*)?"
                      rf"(?:/|per|a|in)\s*(?:24\s*h(?:ours?)?|day|d){_END}", "≤<", ("≤", "<="),
         None),
        ("interval_min", _INTERVAL_MINUTES, "eql.", None, None, "min"),
        # "q4-6h", "q6-4h" and "every 4 to 6 hours" alike: the shorter interval, the most doses
        # a day
        ("interval_h", rf"(?:every|q)\s*({_NUM})\s*(?:(?:-|to)\s*({_NUM})\s*)?"
                       rf"(?:hours?|hrs?|h){_END}", "eq", ("every", "q"), None),
        # UK and AU wording: "12-hourly", "12 hourly", "4-6 hourly" (the shorter interval)
        ("hourly", rf"({_NUM})\s*(?:(?:-|to)\s*({_NUM})\s*)?-?\s*hourly{_END}", ".", None,
         "-th"),
        ("weekly", r"(?:once\s+(?:a\s+)?week(?:ly)?|weekly|every\s+week)" + _END, "owe",
         ("once", "week", "every"), None),
        ("alternate_days", r"(?:on\s+alternate\s+days?|alternate\s+days?|every\s+other\s+day)"
         + _END,
         "oae", ("on", "alternate", "every"), None),
        ("interval_d", rf"(?:every|q)\s*({_NUM})\s*(?:days?|d){_END}", "eq", ("every", "q"), None),
        ("times", rf"({_NUM})\s*(?:x|times)\s*(?:/|a|per)?\s*(?:day|daily|d){_END}", ".", None,
         "xt"),
        ("times_word", _alternation(_TIMES) + _END, _firsts(_TIMES), _first_words(_TIMES), None),
        ("night", _alternation(_NIGHT) + _END, _firsts(_NIGHT), _first_words(_NIGHT), None),
        ("once", r"(?:once|stat|single\s+dose)" + _END, "os", ("once", "single", "stat"), None),
        ("continuous", r"(?:continuous(?:ly)?(?:\s+infusion)?|infusion)" + _END, "ci",
         ("continuous", "infusion"), None),
        ("prn", _alternation(_PRN) + r"(?![a-z0-9])", _firsts(_PRN), _first_words(_PRN), None),
        ("count", rf"({_NUM})\s*" + _alternation(_COUNT_WORDS) + _END + r"(?:\s+of" + _END + ")?",
         ".", None, _firsts(_COUNT_WORDS)),
        # "1-2 tabs", "1 to 2 tablets": read at the top, where the strength of one is written
        ("count_range", rf"({_NUM})\s*(?:-|to)\s*({_NUM})\s*" + _alternation(_COUNT_WORDS)
         + _END + r"(?:\s+of" + _END + ")?", ".", None, "-t"),
        # "5 ml of 10 mg/ml", and as UK labels write it "5 ml of 10 mg/5 ml"
        ("liquid", rf"({_NUM})\s*(?:ml|milliliters?|millilitres?)\s+of\s+({_NUM})\s*"
                   rf"({_MASS})\s*/\s*(?:({_NUM})\s*)?{_ML}{_END}", ".", None, "m", "of"),
        # the concentration first: "10 mg/5 ml 5 ml", "2 mg/ml 5 ml"
        ("concentration_liquid", rf"({_NUM})\s*({_MASS})\s*/\s*(?:({_NUM})\s*)?{_ML}\s+"
                                 rf"({_NUM})\s*{_ML}{_END}", ".", None, "mµμug", "/"),
        ("range", rf"({_NUM})\s*(?:-|to)\s*({_NUM})\s*({_UNITISH}{_RATE_SUFFIX}){_END}", ".",
         None, "-t"),
        ("amount", rf"({_NUM}(?:\s*/\s*{_NUM})*)\s*({_UNITISH}{_RATE_SUFFIX}){_END}", ".", None,
         "/" + _UNIT_FIRSTS),
        ("number", rf"{_NUM}(?:\s*/\s*{_NUM})*", ".", None, None),
        ("negative_amount", rf"-\s*({_NUM}(?:\s*/\s*{_NUM})*)\s*({_UNITISH}{_RATE_SUFFIX}){_END}",
         "-", None, None),
        ("negative", rf"-\s*{_NUM}", "-", None, None),
        ("phrase", _alternation(_PHRASES) + _END, _firsts(_PHRASES), _first_words(_PHRASES), None),
        ("word", r"[a-z\u00c0-\u024f][a-z0-9\u00c0-\u024f'\-\.]*(?:/[a-z][a-z0-9'\-\.]*)*"
                 r"|#\d+", None, None, None),  # "#3" as in "tylenol #3"
    )
]
#: A number and the spaces after it: what follows is what a pattern's ``then`` is matched with.
_NUMBER_LEAD = re.compile(rf"{_NUM}\s*")
_SPACE = re.compile(r"(?:[\s,;]|\.(?!\d))+")
_DECIMAL_COMMA = re.compile(r"\d,\d")
# Possessive quantifiers and a look-behind that starts a number only where one begins: a search
# that is linear in the length of a digit run (backtracking over one was quadratic).
_EXPONENT = re.compile(r"(?<![a-z#\d.])(?:\d++(?:\.\d*+)?+|\.\d++)e[+-]?\d")
_DIGIT_RUN = re.compile(r"\d++(?:\.\d*+)?+|\.\d++")


class _Parts:
    """What the scanner found, each kind at most once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.unknown = False
        self.amounts: list[float] | None = None
        self.unit: str | None = None
        self.liquid: tuple[float, float, str] | None = None
        self.range: tuple[float, float, str] | None = None
        self.count: float | None = None
        self.count_range: tuple[float, float] | None = None
        self.route: Route | None = None
        self.release: str | None = None
        self.release_written: str | None = None  # the release as written ("cr", "long-acting")
        self.form: str | None = None
        self.schedule: Schedule | None = None
        self.prn = False
        self.max_prn: float | None = None
        self.duration: float | None = None
        self.name_runs: list[list[str]] = []
        self._last_was_word = False

    def once(self, attribute: str, value: object, token: str) -> None:
        current = getattr(self, attribute)
        if current is not None and current != value:
            raise ItemSyntaxError(f"{token!r} repeats the {attribute.replace('_', ' ')}",
                                  text=self.text, token=token)
        setattr(self, attribute, value)


@checked
def parse_item(text: str, *, allow_unlisted: bool = False,
               knowledge: Knowledge | None = None) -> Item:
    """Parse one item of the item language into an :class:`~mpsdose.model.regimen.Item`.

    Parameters
    ----------
    text
        E.g. ``"oxycodone er 10 mg po q12h"``, ``"fentanyl 25 mcg/h td q72h"``,
        ``"rescue oxycodone 5 mg po prn max 6/day"``, ``"acetaminophen 4 g/day"``.
    allow_unlisted
        Keep a drug the catalogue does not know as an unlisted item (shown, never totalled)
        instead of raising :class:`~mpsdose.model.errors.UnknownDrugError`.
    knowledge
        The clinical knowledge whose catalogue names the drugs; None: the shipped data.

    Returns
    -------
    Item
        Checked as it is built: a route the drug lacks, a patch in mg/h, a frequency on an
        amount per day are errors, never guesses.

    Raises
    ------
    ItemSyntaxError, UnknownDrugError, UnitError, RouteError, DoseError
        Each naming the offending token and the item.

    Examples
    --------
    >>> import mpsdose
    >>> item = mpsdose.parse_item("rescue oxycodone 5 mg po prn max 6/day")
    >>> (item.name, item.prn, item.daily())
    ('oxycodone', True, 30.0)
    """
    if not isinstance(text, str):
        raise ItemSyntaxError(f"an item is a string, not {type(text).__name__}", text=str(text))
    read = text  # what the scanner reads; errors name ``text``
    mixed: MixedName | None = None
    if is_japanese(text):  # a Japanese prescription as written (mpsdose.io.japanese)
        from mpsdose.io.japanese import mixed_name, parse_japanese  # only for Japanese text

        # "4 tab マグミット 500 mg po tid": a count of units before the name, as the item
        # language writes it before a Latin name ("1 tab targin 10/5 mg")
        count = _COUNT_BEFORE_NAME.match(text)
        counted = count.group(0) if count is not None and is_japanese(text[count.end():]) else ""
        if len(text) <= MAX_ITEM_CHARS:
            mixed = mixed_name(text[len(counted):], knowledge)
        if mixed is None or not _in_item_language(mixed.rest):
            return parse_japanese(text, allow_unlisted=allow_unlisted, knowledge=knowledge)
        if mixed.unlisted is not None:
            raise UnknownDrugError(mixed.written, list(mixed.unlisted), text=text)
        if mixed.combination is not None:
            components, strengths = mixed.combination
            example = f"{'/'.join(components)} {'/'.join(plain(s) for s in strengths)} mg"
            raise ItemSyntaxError(
                f"{mixed.written} is a combination product: write its components in the item "
                f"language ('1 tab {example} po …') or the whole prescription in Japanese",
                text=text, token=mixed.written)
        # ナルサス 6 mg po daily: a Japanese name, then the item language; read as the drug's
        # own name would be, then held to the facts of the product the name gives
        read = f"{counted}{mixed.drug.name} {mixed.rest}"
    source = text
    if len(text) > MAX_ITEM_CHARS:
        raise ItemSyntaxError(f"an item is at most {MAX_ITEM_CHARS} characters; this one has "
                              f"{len(text)}", text=text[:60] + "…")
    normal = _widened(read.strip().lower().replace("×", "x").replace("\u2009", " "))
    if not normal:
        raise ItemSyntaxError("empty item", text=source)
    for run in _DIGIT_RUN.finditer(normal):
        _check_number_length(run.group(0), source)
    if _DECIMAL_COMMA.search(normal):
        raise ItemSyntaxError(
            "a comma inside a number is ambiguous (decimal or thousands?); write 1000 or 2.5",
            text=source, token=_DECIMAL_COMMA.search(normal).group(0),  # type: ignore[union-attr]
        )
    exponent = _EXPONENT.search(normal)
    if exponent:
        raise ItemSyntaxError(
            f"{exponent.group(0)!r} is in scientific notation; write the number in digits",
            text=source, token=exponent.group(0),
        )
    known = resolve(knowledge)
    named = _numbered_names(known)
    parts = _Parts(source)
    position = 0
    while position < len(normal):
        space = _SPACE.match(normal, position)
        if space:
            position = space.end()
            continue
        here = normal[position]
        if named is not None and here in named[0]:
            # a name that holds a number ("polyethylene glycol 3350") is read whole, longest
            # first, before its digits could be read as an amount
            whole = named[1].match(normal, position)
            if whole:
                _on_name(parts, whole.group(0))
                position = whole.end()
                continue
        after: str | None = None  # the character after a number here, and its spaces
        for pattern in _PATTERNS:
            if not pattern.can_start(here) or (
                    pattern.prefixes is not None
                    and not normal.startswith(pattern.prefixes, position)) or (
                    pattern.needs is not None and pattern.needs not in normal):
                continue
            if pattern.then is not None:
                if after is None:
                    lead = _NUMBER_LEAD.match(normal, position)
                    after = "" if lead is None else normal[lead.end():lead.end() + 1]
                if after not in pattern.then:
                    continue
            match = pattern.compiled.match(normal, position)
            if match:
                kind = pattern.kind
                _HANDLERS[kind](parts, match)
                parts._last_was_word = kind == "word" and _is_name_word(match.group(0))
                position = match.end()
                break
        else:
            token = normal[position:].split()[0]
            raise ItemSyntaxError(f"cannot read {token!r}", text=source, token=token)
    if mixed is not None:
        _take_product(parts, mixed)
    written = (mixed.written if mixed is not None
               else " ".join(parts.name_runs[0]) if parts.name_runs else None)
    if written is not None:
        _patch_content(parts, known, written)
    return _assemble(parts, known, allow_unlisted=allow_unlisted)


def _patch_content(parts: _Parts, known: Knowledge, written: str) -> None:
    """A patch written by the content of a content-labelled product (``fentos 2 mg td q24h``,
    ``フェントステープ 2 mg td q24h``): the mg is that product's content, read as the release rate
    its row of ``data/patch_products.csv`` gives (2 mg = 25 mcg/h), as the Japanese prescription
    ``フェントステープ2mg 1日1回`` is; the change interval is the label's (written, it must agree;
    ``daily`` is its 24 h). A content the product does not have is refused naming those it has; a
    patch with no such product (``fentanyl 2 mg td``) or in mg/h is left to the rate rule.
    """
    if parts.route is not Route.TRANSDERMAL or parts.amounts is None or len(parts.amounts) != 1:
        return
    rows = known.products.patch_rows(written)
    if not rows or parts.unit is None or parts.unit.strip() not in ("mg", "mcg", "g"):
        return
    text = parts.text
    content = parts.amounts[0] * lookup_unit(parts.unit.strip()).scale  # in mg
    listed = ", ".join(f"{plain(r.content_mg)} mg" for r in rows)
    row = known.products.patch(written, content)
    if row is None:
        raise UnitError(f"{written} {plain(content)} mg is not a content listed in "
                        f"data/patch_products.csv ({listed}): its release rate is not known",
                        unit="mg", allowed=["mcg/h"], text=text)
    schedule = parts.schedule
    if schedule is None or (schedule.kind is ScheduleKind.TIMES_PER_DAY
                            and schedule.value == 1 and row.interval_h == 24):
        schedule = Schedule.every(row.interval_h)
    if schedule.kind is ScheduleKind.INTERVAL and schedule.value != row.interval_h:
        raise ItemSyntaxError(f"{written} is changed every {plain(row.interval_h)} h by its label "
                              f"(data/patch_products.csv), not {schedule.format()}", text=text)
    parts.amounts, parts.unit, parts.schedule = [row.release_mcg_h], "mcg/h", schedule


#: The words that make a text after a Japanese name the item language (a route, a release, a
#: frequency, PRN): the Japanese reader reads none of them. Its own Latin count words (3T,
#: 2cap, 1A) and units do not count.
_ITEM_WORDS = frozenset({*ROUTE_SPELLINGS, *RELEASES, *FORMS, *_PRN, *_TIMES, *_NIGHT,
                         "continuous", "continuously", "infusion", "dose", "unknown", "max",
                         "maximum", "every", "once", "stat", "nightly", "daily"}
                        - {"t", "c", "a", "v", "cap", "caps"})
_ITEM_WORD = re.compile(r"[a-z][a-z.]*")
_LATIN_FREQUENCY = re.compile(r"(?<![a-z])(?:q\s*\d|\d+\s*x\s*/)")


def _in_item_language(rest: str) -> bool:
    """Whether the text after a Japanese name is the item language (``6 mg po daily``) rather
    than a Japanese prescription's Latin shorthand (``60mg 3T``), which the Japanese reader
    reads or refuses."""
    lower = rest.lower()
    return bool(_LATIN_FREQUENCY.search(lower)) or any(
        word.rstrip(".") in _ITEM_WORDS or word in _ITEM_WORDS
        for word in _ITEM_WORD.findall(lower))


#: Where an injection is given: a route written with an injection product must be one of these.
_PARENTERAL = frozenset({Route.IV, Route.SC, Route.IM, Route.EPIDURAL, Route.INTRATHECAL})


def _take_product(parts: _Parts, mixed: MixedName) -> None:
    """Hold an item written with a Japanese name to the facts of the products it names
    (``data/products.csv``): a form, route or release written must be one of theirs, and where
    the item writes none, theirs is taken where they have just one (``ナルサス 6 mg po daily``
    is ER, as ``narusus`` is; ``アンペック坐剤 10 mg q8h`` is rectal). A contradiction is refused
    naming both, never resolved by a guess.
    """
    if not mixed.shapes:
        return
    name, text = mixed.written, parts.text
    forms = sorted({form for _, _, form in mixed.shapes})
    if parts.form is not None and parts.form not in forms:
        raise ItemSyntaxError(f"{parts.form!r} contradicts {name!r}: {name} is listed as "
                              f"{' or '.join(forms)} (data/products.csv)", text=text,
                              token=parts.form)
    injection = any(route is None for route, _, _ in mixed.shapes)
    routes = {route for route, _, _ in mixed.shapes if route is not None}
    allowed = sorted(r.value for r in routes | (_PARENTERAL if injection else set()))
    if parts.route is None:
        if len(routes) == 1 and not injection:
            parts.route = routes.pop()
        elif mixed.name_route is not None and not routes:
            parts.route = mixed.name_route
        else:
            raise RouteError(f"{name} is given by more than one route: write the route",
                             allowed=allowed, text=text)
    route = parts.route
    fitting = [(r, release) for r, release, _ in mixed.shapes
               if r is route or (r is None and route in _PARENTERAL)]
    if not fitting:
        raise RouteError(f"{name} is not given {route.value} (data/products.csv)",
                         route=route.value, allowed=allowed, text=text)
    releases = {release for _, release in fitting}
    if len(releases) != 1 or None in releases:
        return
    (release,) = releases
    assert release is not None
    if parts.release is not None and parts.release != release:
        written = parts.release_written
        raise ItemSyntaxError(
            f"{written!r} contradicts {name!r}: {name} is {_RELEASE_NAMES[release]} product of "
            f"{mixed.drug.name} (data/products.csv); write {name!r} without {written!r}, or "
            f"the drug's name with the release meant ('{mixed.drug.name} {written} …')",
            text=text, token=written)
    parts.release = release


_NumberedNames = tuple[frozenset[str], re.Pattern[str]] | None
#: Per knowledge: its numbered names (made on first use, dropped with the knowledge).
_NUMBERED: weakref.WeakKeyDictionary[Knowledge, _NumberedNames] = weakref.WeakKeyDictionary()


def _numbered_names(knowledge: Knowledge) -> _NumberedNames:
    """The catalogue's names and products that hold a digit ("polyethylene glycol 3350"), as one
    pattern (longest first) with the characters they begin with; None where there are none."""
    try:
        return _NUMBERED[knowledge]
    except KeyError:
        books = knowledge.catalogue
        names = [name for name in (*books.names, *books.products)
                 if any(c.isdigit() for c in name)]
        found: _NumberedNames = None
        if names:
            pattern = r"(?<![a-z0-9])" + _alternation(names) + r"(?![a-z0-9µμ])"
            found = frozenset(name[0] for name in names), re.compile(pattern)
        _NUMBERED[knowledge] = found
        return found


def _on_name(parts: _Parts, name: str) -> None:
    """A catalogue name read whole: the words of the current name run, or a new run."""
    words = name.split()
    if parts._last_was_word and parts.name_runs:
        parts.name_runs[-1].extend(words)
    else:
        parts.name_runs.append(words)
    parts._last_was_word = True


def _check_number_length(number: str, source: str) -> None:
    """Refuse a number longer than any dose is written (see :mod:`mpsdose.model.guards`)."""
    whole, _, fraction = number.partition(".")
    significant = (whole + fraction.rstrip("0")).lstrip("0")
    if len(number) > MAX_NUMBER_CHARS or len(significant) > MAX_NUMBER_DIGITS:
        shown = number if len(number) <= 24 else number[:20] + "…"
        raise ItemSyntaxError(
            f"the number {shown!r} is too long: a number has at most {MAX_NUMBER_DIGITS} "
            f"significant digits and {MAX_NUMBER_CHARS} characters",
            text=source if len(source) <= 80 else source[:60] + "…", token=shown)


def _is_name_word(word: str) -> bool:
    word = word.rstrip(".")
    return not (word in ROUTE_SPELLINGS or word in RELEASES or word in FORMS
                or word in _FILLER or word in _PRN)


def _on_unknown(parts: _Parts, match: re.Match[str]) -> None:
    parts.unknown = True


def _on_maxprn(parts: _Parts, match: re.Match[str]) -> None:
    parts.once("max_prn", float(match.group(1)), match.group(0))


def _on_duration(parts: _Parts, match: re.Match[str]) -> None:
    parts.once("duration", float(match.group(1)), match.group(0))


def _on_schedule(schedule: Callable[[re.Match[str]], Schedule]) -> Callable[[_Parts, re.Match[str]],
                                                                               None]:
    def handle(parts: _Parts, match: re.Match[str]) -> None:
        try:
            value = schedule(match)
        except ValueError as error:
            raise ItemSyntaxError(str(error), text=parts.text, token=match.group(0)) from None
        parts.once("schedule", value, match.group(0))

    return handle


def _on_prn(parts: _Parts, match: re.Match[str]) -> None:
    parts.prn = True


def _on_count(parts: _Parts, match: re.Match[str]) -> None:
    parts.once("count", float(match.group(1)), match.group(0))
    word = match.group(0)[len(match.group(1)):].split()[0]
    parts.once("form", _COUNT_WORDS[word], match.group(0))


def _on_liquid(parts: _Parts, match: re.Match[str]) -> None:
    """ "5 ml of 10 mg/ml"; "5 ml of 10 mg/5 ml" is the same liquid at 2 mg/ml."""
    volume, strength, mass, per = match.groups()
    _take_liquid(parts, match, float(volume), float(strength), mass, per)


def _on_concentration_liquid(parts: _Parts, match: re.Match[str]) -> None:
    """ "10 mg/5 ml 5 ml": the concentration, then the volume given."""
    strength, mass, per, volume = match.groups()
    _take_liquid(parts, match, float(volume), float(strength), mass, per)


def _take_liquid(parts: _Parts, match: re.Match[str], volume: float, strength: float,
                 mass: str, per: str | None) -> None:
    if parts.amounts is not None or parts.liquid is not None:
        raise ItemSyntaxError(f"{match.group(0)!r} is a second amount", text=parts.text,
                              token=match.group(0))
    if per is not None and float(per) == 0:
        raise DoseError(f"{match.group(0)!r}: a concentration per 0 ml", value=per,
                        text=parts.text)
    per_ml = strength if per is None else strength / float(per)
    parts.liquid = (volume, per_ml, f"{mass}/ml")
    parts.form = parts.form or "liquid"


def _on_count_range(parts: _Parts, match: re.Match[str]) -> None:
    """ "1-2 tabs": a range of dosage units, read at its top (the strength must be written)."""
    low, high = float(match.group(1)), float(match.group(2))
    if not low < high:
        raise ItemSyntaxError(f"{match.group(0)!r}: a range goes from the lower to the higher "
                              "count", text=parts.text, token=match.group(0))
    word = match.group(0)[match.end(2) - match.start(0):].split()[0]
    parts.once("count", high, match.group(0))
    parts.once("form", _COUNT_WORDS[word], match.group(0))
    parts.count_range = (low, high)


def _on_amount(parts: _Parts, match: re.Match[str]) -> None:
    if parts.amounts is not None or parts.liquid is not None:
        raise ItemSyntaxError(f"{match.group(0)!r} is a second amount", text=parts.text,
                              token=match.group(0))
    parts.amounts = [float(n) for n in re.split(r"\s*/\s*", match.group(1))]
    parts.unit = match.group(2)


def _on_range(parts: _Parts, match: re.Match[str]) -> None:
    """ "0.5 to 0.75 mg", "5-10 mg": a range is kept as written and judged at its top."""
    if parts.amounts is not None or parts.liquid is not None or parts.range is not None:
        raise ItemSyntaxError(f"{match.group(0)!r} is a second amount", text=parts.text,
                              token=match.group(0))
    low, high = float(match.group(1)), float(match.group(2))
    if not low < high:
        raise ItemSyntaxError(f"{match.group(0)!r}: a range goes from the lower to the higher "
                              "amount", text=parts.text, token=match.group(0))
    parts.range = (low, high, match.group(3))


def _on_minutes(parts: _Parts, match: re.Match[str]) -> None:
    minutes = next(group for group in match.groups() if group is not None)
    _on_schedule(lambda m: Schedule.every(float(minutes) / 60))(parts, match)


def _on_number(parts: _Parts, match: re.Match[str]) -> None:
    after = match.string[match.end():].lstrip()
    hint = ""
    if re.match(r"(?:-|to\b)", after):  # "4-6 x", "4 to 6 x": a range with what the language lacks
        hint = ("; a range is written with its unit ('2.5-5 mg', '1-2 tabs') and a frequency "
                "range as 'q4-6h', 'every 4 to 6 hours' or '4-6 hourly'")
    elif re.match(r"(?:hr|hour|h\b|week|day|daily|time)", after):  # a frequency's words, not a unit
        hint = ("; a frequency is written 'q12h', 'every 12 hours' or '12-hourly', a count "
                "'2 tabs'")
    raise ItemSyntaxError(f"number {match.group(0)!r} has no unit (mg, g, mcg, mg/day, mcg/h; "
                          f"units for a heparin){hint}",
                          text=parts.text, token=match.group(0))


def _on_negative_amount(parts: _Parts, match: re.Match[str]) -> None:
    """A negative amount is read like any amount and refused with the other dose checks, after
    the drug and the unit (so the first error is the same in the item language and in batch)."""
    _on_amount(parts, match)
    parts.amounts = [-value for value in parts.amounts or []]


def _on_negative(parts: _Parts, match: re.Match[str]) -> None:
    raise DoseError(f"{match.group(0)!r} is negative", value=match.group(0), text=parts.text)


def _on_word(parts: _Parts, match: re.Match[str]) -> None:
    raw = match.group(0)
    if raw in ("nan", "inf", "infinity"):
        raise DoseError(f"{raw!r} is not a number", value=raw, text=parts.text)
    if raw in SPELLINGS or raw in ACTIVITY_SPELLINGS or raw in REFUSED:
        raise ItemSyntaxError(f"unit {raw!r} has no number before it", text=parts.text,
                              token=raw)
    word = raw if raw in ROUTE_SPELLINGS else raw.rstrip(".")
    word = " ".join(word.split())
    if word in ROUTE_SPELLINGS:
        parts.once("route", ROUTE_SPELLINGS[word], raw)
    elif word in RELEASES:
        parts.once("release", RELEASES[word], raw)
        parts.release_written = parts.release_written or raw
    elif word in FORMS:
        parts.once("form", FORMS[word], raw)
    elif word in _PRN:
        parts.prn = True
    elif word in _FILLER:
        pass
    elif parts._last_was_word and parts.name_runs:
        parts.name_runs[-1].append(word)
    else:
        parts.name_runs.append([word])


_HANDLERS: dict[str, Callable[[_Parts, re.Match[str]], None]] = {
    "unknown": _on_unknown,
    "maxprn": _on_maxprn,
    "maxprn_le": _on_maxprn,
    "interval_min": _on_minutes,
    "duration": _on_duration,
    "interval_h": _on_schedule(lambda m: Schedule.every(
        min(float(n) for n in m.groups() if n is not None))),
    "interval_d": _on_schedule(lambda m: Schedule.every(24 * float(m.group(1)))),
    "hourly": _on_schedule(lambda m: Schedule.every(
        min(float(n) for n in m.groups() if n is not None))),
    "weekly": _on_schedule(lambda m: Schedule.every(_HOURS_A_WEEK)),
    "alternate_days": _on_schedule(lambda m: Schedule.every(_HOURS_IN_TWO_DAYS)),
    "times": _on_schedule(lambda m: Schedule.times_per_day(float(m.group(1)))),
    "times_word": _on_schedule(
        lambda m: Schedule.times_per_day(_TIMES[" ".join(m.group(0).split())])
    ),
    "night": _on_schedule(lambda m: Schedule(ScheduleKind.AT_NIGHT)),
    "once": _on_schedule(lambda m: Schedule(ScheduleKind.ONCE)),
    "continuous": _on_schedule(lambda m: Schedule(ScheduleKind.CONTINUOUS)),
    "prn": _on_prn,
    "count": _on_count,
    "liquid": _on_liquid,
    "concentration_liquid": _on_concentration_liquid,
    "count_range": _on_count_range,
    "range": _on_range,
    "amount": _on_amount,
    "number": _on_number,
    "negative_amount": _on_negative_amount,
    "negative": _on_negative,
    "phrase": _on_word,
    "word": _on_word,
}


def _resolve(parts: _Parts, known: Knowledge, *,
             allow_unlisted: bool) -> tuple[list[Drug], str | None]:
    """The drugs an item names, and the combination product's name where it named one. A name
    the catalogue lacks is an error (a medicine the knowledge knows otherwise is named as one,
    with no suggestions), or an unlisted drug with ``allow_unlisted``."""
    text = parts.text
    books = known.catalogue
    if not parts.name_runs:
        raise ItemSyntaxError("no drug named", text=text)
    if len(parts.name_runs) > 1:
        extra = " ".join(parts.name_runs[1])
        first = " ".join(parts.name_runs[0])
        found = books.get(first)
        if found is None and books.get(extra) is not None:
            extra = first
        raise ItemSyntaxError(f"unexpected word(s) {extra!r}", text=text, token=extra)
    name = " ".join(parts.name_runs[0])
    whole = books.get(name)
    if whole is not None:
        return [whole], None
    products = books.product(name)
    if products:
        return [books.drugs[c] for c in products[0].components], products[0].name
    components = [part.strip() for part in name.split("/")] if "/" in name else [name]
    drugs = []
    for component in components:
        found = books.get(component)
        if found is None:
            if not allow_unlisted:
                raise known.unknown_drug(component, text=text)
            found = Drug.unlisted(component)
        drugs.append(found)
    return drugs, None


def _volume_alone(text: str, written: str, unit: Unit) -> UnitError:
    """The error for a volume written without its concentration ("lactulose 15 mL po bd"): it
    gives no amount of the drug, and mpsdose does not guess a liquid's strength (they differ
    between products and markets), so the message shows the item with the concentration's place
    marked, as the item language writes it ("15 mL of 10 mg/5 mL")."""
    found = re.search(rf"{_NUM}\s*{re.escape(written)}(?![a-z])", text, re.IGNORECASE)
    message = (f"{unit} is not a dose unit; a volume is read with its concentration, which the "
               "item does not give")
    if found is not None:
        shown = f"{text[:found.end()]} of STRENGTH{text[found.end():]}".strip()
        message += (f": write the concentration after the volume, as the label gives it: "
                    f"'{shown}' (e.g. 'of 10 mg/5 mL', 'of 2 mg/mL')")
    else:
        message += ": write a mass (mg), or a volume with its concentration ('2 mL of 10 mg/mL')"
    return UnitError(message, unit=unit.symbol, text=text)


def _assemble(parts: _Parts, known: Knowledge, *, allow_unlisted: bool) -> Item:
    text = parts.text
    books = known.catalogue
    drugs, product = _resolve(parts, known, allow_unlisted=allow_unlisted)
    if parts.count_range is not None and parts.amounts is None and parts.liquid is None:
        raise ItemSyntaxError(
            f"a range of {parts.form}s is read only with the strength of one written: write it "
            f"('oxycodone 5 mg {plain(parts.count_range[0])}-{plain(parts.count_range[1])} tabs')",
            text=text)
    doses: list[Dose | None]
    if parts.unknown:
        if parts.amounts is not None or parts.liquid is not None or parts.range is not None:
            raise ItemSyntaxError("an item has an amount or 'dose unknown', not both", text=text)
        doses = [None] * len(drugs)
    elif parts.range is not None:
        if len(drugs) != 1 or parts.amounts is not None or parts.liquid is not None:
            raise ItemSyntaxError("a dose range is for a single drug and a single amount",
                                  text=text)
        low, high, unit = parts.range
        doses = [Dose.of(high, lookup_unit(unit, text=text), text=text)]
    elif parts.liquid is not None:
        if len(drugs) != 1:
            raise ItemSyntaxError("a liquid volume is for a single drug", text=text)
        volume, strength, unit = parts.liquid
        doses = [Dose.liquid(volume, strength, unit.replace(" ", ""), text=text)]
    elif parts.amounts is not None:
        assert parts.unit is not None
        if len(parts.amounts) != len(drugs):
            raise ItemSyntaxError(
                f"{len(parts.amounts)} amount(s) for {len(drugs)} drug(s) "
                f"({'/'.join(d.name for d in drugs)})", text=text,
            )
        amount_unit = lookup_unit(parts.unit, text=text)
        if amount_unit.kind is UnitKind.VOLUME:
            raise _volume_alone(text, parts.unit, amount_unit)
        for drug in drugs:  # before the amounts: the unit as written is named
            drug.check_unit(amount_unit, written=parts.unit, text=text)
        given = [Dose.of(value, amount_unit, text=text) for value in parts.amounts]
        if product is not None:
            _check_product(books, product, given, text)
        doses = list(given)
    elif product is not None:
        doses = _product_strengths(books, product, text)
    else:
        raise ItemSyntaxError(
            "no amount; write one such as '20 mg', '20 mg/day', '25 mcg/h', or 'dose unknown'",
            text=text,
        )
    route, stated = _route(parts, drugs)
    item = Item(
        ingredients=tuple(Ingredient(d, dose) for d, dose in zip(drugs, doses, strict=True)),
        route=route,
        schedule=parts.schedule or Schedule(),
        prn=parts.prn,
        max_prn_per_day=parts.max_prn,
        release=_release(parts, books, drugs, product, route),
        form=parts.form,
        count=parts.count,
        count_low=None if parts.count_range is None else parts.count_range[0],
        duration_days=parts.duration,
        route_stated=stated,
        product=product,
        text=text,
    )
    _check_frequency(item, text)
    if parts.range is None:
        return item
    # Read at its top, the dose every limit and total judges (the safe reading for a maximum,
    # as the FHIR reader reads a doseRange: the CDC MME calculator's rule); the range is kept.
    low, high, unit = parts.range
    amount_unit = lookup_unit(unit, text=text)
    span = DoseRange(Dose.of(low, amount_unit, text=text), Dose.of(high, amount_unit, text=text))
    return attrs.evolve(item, ingredients=(Ingredient(drugs[0], span.high, span),))


#: How an error names a release.
_RELEASE_NAMES = {"er": "an extended-release (er)", "ir": "an immediate-release (ir)"}


def _release(parts: _Parts, books: Catalogue, drugs: list[Drug], product: str | None,
             route: Route) -> str | None:
    """The release the item writes, or else its brand's where the item is given by mouth.

    A brand whose every oral form has one release (``drug_names.csv`` column ``release``) sets
    it: ``oxycontin 10 mg po q12h`` is an ER item, as ``oxycodone er 10 mg po q12h`` is. A
    written release the brand does not have (``oxycontin ir 10 mg``) is refused, naming both:
    which of the two is meant is not guessed. A release written as the brand's stays as written.

    A combination product whose label gives its release (``combination_products.csv`` column
    ``release``) sets it in the same way, and so does a combination written with its components
    where every product of them has one release (``oxycodone/naloxone 10/5 mg po q12h`` is
    prolonged-release: Targin, Targinact and Targiniq ER all are).
    """
    if product is not None or len(drugs) > 1:
        combination = "/".join(drug.name for drug in drugs)
        if product is not None:
            brand = books.product_release(product)
            what = f"{product} is {_RELEASE_NAMES.get(brand or '')} product of {combination}"
        else:
            brand = books.combination_release([drug.name for drug in drugs])
            what = (f"every marketed {combination} product is "
                    f"{_RELEASE_NAMES.get(brand or '', '').removeprefix('an ')}")
        return _brand_release(parts, brand, product or combination, what,
                              "data/combination_products.csv", route)
    if len(drugs) != 1 or not parts.name_runs:
        return parts.release
    name = " ".join(parts.name_runs[0])
    brand = books.release(name)
    written = parts.release_written
    return _brand_release(
        parts, brand, name, f"{name} is {_RELEASE_NAMES.get(brand or '')} brand of "
        f"{drugs[0].name}", "data/drug_names.csv", route,
        f", or the drug's name with the release meant ('{drugs[0].name} {written} …')")


def _brand_release(parts: _Parts, brand: str | None, name: str, what: str, where: str,
                   route: Route, other: str = "") -> str | None:
    """The release of an item written with a brand (or a combination) whose release is
    ``brand``: as written where it agrees or ``brand`` is None, the brand's where none is written
    and the item is oral; a written release the brand does not have is refused (``what`` says
    why, ``where`` the data file, ``other`` how else to write it)."""
    if brand is None:
        return parts.release
    written = parts.release_written
    if parts.release is not None and parts.release != brand:
        raise ItemSyntaxError(
            f"{written!r} contradicts {name!r}: {what} ({where}); write {name!r} without "
            f"{written!r}{other}", text=parts.text, token=written)
    if parts.release is None and route is not Route.ORAL:
        return None  # the release is that of the brand's oral forms
    return brand


def _check_frequency(item: Item, text: str) -> None:
    """Refuse what no one writes on purpose: a PRN maximum its own interval cannot allow
    ("q2h prn max 48/day": at most 12), and a scheduled dose more often than every 30 minutes
    ("100x/day"). Typed text only: a FHIR document's timing is read as sent (its test vectors
    include a dose every 30 seconds) and judged by the checks."""
    allowed = item.schedule.doses_per_day
    spaced = item.schedule.kind is ScheduleKind.INTERVAL  # "qid prn max 6/day" is loose speech
    if item.max_prn_per_day is not None and allowed is not None and spaced \
            and item.max_prn_per_day > allowed * (1 + 1e-9):
        raise ItemSyntaxError(
            f"'max {plain(item.max_prn_per_day)}/day' is more doses than '{item.schedule}' "
            f"allows (at most {plain(allowed)} a day); write the one that is meant", text=text)
    if not item.prn and allowed is not None and allowed > MAX_SCHEDULED_DOSES_PER_DAY:
        raise DoseError(
            f"'{item.schedule}' is {plain(allowed)} scheduled doses a day, more often than every "
            f"{plain(24 * 60 / MAX_SCHEDULED_DOSES_PER_DAY)} minutes; write an infusion as a "
            "rate (mg/h) and a PCA bolus as PRN with its lockout", value=allowed, text=text)


def _product_strengths(books: Catalogue, name: str, text: str) -> list[Dose | None]:
    """The strengths of a product named without them: only where it has just one."""
    marketed = {row.strengths for row in books.product(name)}
    if len(marketed) != 1:
        listed = ", ".join(sorted("/".join(f"{s:g}" for s in row) + " mg" for row in marketed))
        raise ItemSyntaxError(f"{name} comes in several strengths; write one: {listed}",
                              text=text)
    (strengths,) = marketed
    return [Dose.of(value, "mg", text=text) for value in strengths]


def _check_product(books: Catalogue, name: str, doses: list[Dose], text: str) -> None:
    """A combination product's strengths must be one it is marketed in."""
    marketed = books.product(name)
    given = tuple(round(dose.canonical, 6) for dose in doses)
    if not any(given == tuple(round(s, 6) for s in row.strengths) for row in marketed):
        strengths = ", ".join(sorted({"/".join(f"{s:g}" for s in row.strengths) + " mg"
                                      for row in marketed}))
        raise ItemSyntaxError(f"{name} is not marketed as "
                              f"{'/'.join(f'{g:g}' for g in given)} mg; strengths: {strengths}",
                              text=text)


def _route(parts: _Parts, drugs: list[Drug]) -> tuple[Route, bool]:
    implied = {drug.route_for_form(parts.form) for drug in drugs} - {None}
    if parts.route is not None:
        if implied and parts.route not in implied:
            raise RouteError(f"a {parts.form} is not given {parts.route.value}",
                             route=parts.route.value, text=parts.text)
        return parts.route, True
    if len(implied) == 1:
        return implied.pop(), True  # type: ignore[return-value]
    defaults = {drug.default_route for drug in drugs if drug.listed}
    if defaults == {Route.ORAL} or (not defaults and all(not d.listed for d in drugs)):
        return Route.ORAL, False
    names = "/".join(drug.name for drug in drugs)
    allowed = sorted({r.value for d in drugs for r in d.routes})
    raise RouteError(
        f"{names} has no oral form, and its routes differ in potency: write the route",
        allowed=allowed, text=parts.text,
    )


_FREQUENCY_KINDS = ("interval_h", "interval_d", "hourly", "weekly", "alternate_days", "times",
                    "times_word", "night", "continuous")


def parse_frequency(text: str) -> Schedule | None:
    """A frequency of the item language on its own (``"q6h"``, ``"tid"``, ``"3x/day"``, ``"at
    night"``), or None where the text is not exactly one.

    Parameters
    ----------
    text
        The frequency alone.

    Returns
    -------
    Schedule or None
    """
    phrase = " ".join(str(text).strip().lower().split())
    for pattern in _PATTERNS:
        if pattern.kind not in _FREQUENCY_KINDS or not phrase or not pattern.can_start(phrase[0]):
            continue
        match = pattern.compiled.fullmatch(phrase)
        if match is not None:
            parts = _Parts(phrase)
            try:
                _HANDLERS[pattern.kind](parts, match)
            except ItemSyntaxError:
                return None
            return parts.schedule
    return None


@checked
def format_item(item: Item) -> str:
    """Write an item in the item language, canonically; :func:`parse_item` reads it back equal.

    Parameters
    ----------
    item
        An item.

    Returns
    -------
    str

    Raises
    ------
    UnitError
        A count on a form that is not counted, or a combination whose strengths differ in unit.

    Examples
    --------
    >>> import mpsdose
    >>> mpsdose.format_item(mpsdose.parse_item("Oxycodone ER 10mg PO every 12 hours"))
    'oxycodone er 10 mg po q12h'
    """
    words: list[str] = []
    form = item.form
    if item.count is not None:
        if form not in _COUNT_FORMAT:
            raise UnitError(f"a count needs a countable form ({', '.join(_COUNT_FORMAT)})",
                            text=item.text)
        low = "" if item.count_low is None else f"{plain(item.count_low)}-"
        words.append(f"{low}{plain(item.count)} {_COUNT_FORMAT[form]}")
        form = None
    words.append(item.product or item.name)
    if item.release:
        words.append(item.release)
    liquid = any(i.dose is not None and i.dose.volume_ml is not None for i in item.ingredients)
    if form and not (form == "liquid" and liquid):
        words.append(form)
    doses = [ingredient.dose for ingredient in item.ingredients]
    dose_range = item.ingredients[0].dose_range
    if len(doses) == 1 and dose_range is not None:
        words.append(dose_range.format())
    elif any(dose is None for dose in doses):
        words.append("dose unknown")
    elif len(doses) == 1:
        words.append(doses[0].format())  # type: ignore[union-attr]
    else:
        units = {dose.unit.symbol for dose in doses}  # type: ignore[union-attr]
        if len(units) != 1:
            raise UnitError("a combination's strengths must share one unit", text=item.text)
        numbers = "/".join(plain(dose.value) for dose in doses)  # type: ignore[union-attr]
        words.append(f"{numbers} {units.pop()}")
    if item.route_stated:
        words.append(item.route.short)
    if item.schedule.kind is not ScheduleKind.UNSTATED:
        words.append(item.schedule.format())
    if item.prn:
        words.append("prn")
    if item.max_prn_per_day is not None:
        words.append(f"max {plain(item.max_prn_per_day)}/day")
    if item.duration_days is not None:
        words.append(f"for {plain(item.duration_days)} days")
    return " ".join(words)
