"""The item language of CONTRACT.md §1: every example parses to what a pharmacist reads in it."""

from __future__ import annotations

import pytest
from hypothesis import given

from mpsdose import (
    DoseError,
    ItemSyntaxError,
    MpsdoseError,
    Route,
    RouteError,
    UnitError,
    UnknownDrugError,
    format_item,
    parse_item,
)
from tests.strategies import items

# (item, drug, route, prn, daily amount [mg/day] worked out by hand; None = cannot be known)
CONTRACT_EXAMPLES = [
    ("oxycodone 20 mg/day", "oxycodone", Route.ORAL, False, 20),
    ("oxycodone er 10 mg po q12h", "oxycodone", Route.ORAL, False, 10 * 2),
    ("rescue oxycodone 5 mg po prn", "oxycodone", Route.ORAL, True, None),  # no max, no interval
    ("oxycodone ir 5 mg po prn max 6/day", "oxycodone", Route.ORAL, True, 5 * 6),
    ("tramadol 200 mg/day", "tramadol", Route.ORAL, False, 200),
    ("loxoprofen 60 mg po tid", "loxoprofen", Route.ORAL, False, 60 * 3),
    ("acetaminophen 1 g po qid", "acetaminophen", Route.ORAL, False, 1000 * 4),
    ("acetaminophen 4 g/day", "acetaminophen", Route.ORAL, False, 4000),
    ("pregabalin 75 mg/day", "pregabalin", Route.ORAL, False, 75),
    ("betamethasone 4 mg/day", "betamethasone", Route.ORAL, False, 4),
    ("olanzapine 2.5 mg po at night", "olanzapine", Route.ORAL, False, 2.5),
    ("fentanyl 25 mcg/h td q72h", "fentanyl", Route.TRANSDERMAL, False, 25 * 24 / 1000),
    ("morphine 10 mg/day sc continuous", "morphine", Route.SC, False, 10),
    ("hydromorphone 1 mg/h sc continuous", "hydromorphone", Route.SC, False, 24),
    ("methadone 5 mg po q8h", "methadone", Route.ORAL, False, 5 * 3),
    ("codeine 15 mg po 4x/day", "codeine", Route.ORAL, False, 15 * 4),
    ("1 tab oxycodone er 30 mg po q12h", "oxycodone", Route.ORAL, False, 30 * 2),
    ("ketorolac 30 mg iv q6h for 7 days", "ketorolac", Route.IV, False, 30 * 4),
]


@pytest.mark.parametrize(
    ("text", "drug", "route", "prn", "daily"), CONTRACT_EXAMPLES, ids=[e[0] for e in CONTRACT_EXAMPLES]
)
def test_contract_examples(text, drug, route, prn, daily):
    item = parse_item(text)
    assert item.drug.name == drug
    assert item.route is route
    assert item.prn is prn
    if daily is None:
        assert item.daily() is None
    else:
        assert item.daily() == pytest.approx(daily)


MORE_EXAMPLES = [
    # Case-report phrasings (Takamatsu 2018) and other spellings a pharmacist types.
    ("oral long-acting oxycodone 20 mg/day", "oxycodone", Route.ORAL, 20),
    ("20mg oxycodone po bid", "oxycodone", Route.ORAL, 40),
    ("paracetamol 500 mg po q6h", "acetaminophen", Route.ORAL, 2000),
    ("pethidine 50 mg im q4h", "meperidine", Route.IM, 300),
    ("morphine 2 mL of 10 mg/mL po q4h", "morphine", Route.ORAL, 2 * 10 * 6),
    ("fentanyl patch 12 mcg/h", "fentanyl", Route.TRANSDERMAL, 12 * 24 / 1000),
    ("2 tab oxycodone/acetaminophen 5/325 mg po q6h", "oxycodone", Route.ORAL, 2 * 5 * 4),
    ("Oxycodone ER 10MG PO Q12H", "oxycodone", Route.ORAL, 20),
    ("morphine 5 mg sc q4h prn max 6/day", "morphine", Route.SC, 30),
    ("gabapentin 300 mg po three times a day", "gabapentin", Route.ORAL, 900),
    ("dexamethasone 8 mg po once daily", "dexamethasone", Route.ORAL, 8),
    ("haloperidol 0.5 mg sc q8h", "haloperidol", Route.SC, 1.5),
    ("oxycodone 5 mg po q4-6h prn", "oxycodone", Route.ORAL, 30),  # at most every 4 h
]


@pytest.mark.parametrize(("text", "drug", "route", "daily"), MORE_EXAMPLES,
                         ids=[e[0] for e in MORE_EXAMPLES])
def test_more_spellings(text, drug, route, daily):
    item = parse_item(text)
    assert item.drug.name == drug
    assert item.route is route
    assert item.daily() == pytest.approx(daily)


def test_combination_product_totals_each_component():
    item = parse_item("2 tab oxycodone/acetaminophen 5/325 mg po q6h")
    assert [d.name for d in item.drugs] == ["oxycodone", "acetaminophen"]
    oxycodone, acetaminophen = item.ingredients
    assert item.daily(oxycodone) == pytest.approx(40)  # CONTRACT.md §1
    assert item.daily(acetaminophen) == pytest.approx(2600)


def test_dose_unknown_is_kept_not_zero():
    item = parse_item("fentanyl iv continuous dose unknown")
    assert not item.dose_known
    assert item.daily() is None


def test_route_not_written_is_assumed_oral_and_recorded():
    item = parse_item("naproxen 300 mg/day")
    assert item.route is Route.ORAL
    assert item.route_stated is False


def test_brand_and_salt_names_resolve():
    assert parse_item("OxyContin 10 mg po q12h").drug.name == "oxycodone"
    assert parse_item("morphine sulfate 10 mg po q4h").drug.name == "morphine"


MALFORMED = [
    # (item, error class, words the message must contain)
    ("oxycodne 5 mg po bid", UnknownDrugError, ["oxycodne", "oxycodone"]),
    ("fentanyl 25 mg/h td", UnitError, ["mcg/h", "mg/h"]),
    ("oxycodone 10 mg/h td", RouteError, ["transdermal"]),
    ("fentanyl 25 mcg/h po", RouteError, ["oral"]),
    ("fentanyl 100 mcg", RouteError, ["route"]),
    ("oxycodone 20 u po bid", UnitError, ["'u'"]),
    ("morphine 10 IU po bid", UnitError, ["iu"]),
    ("morphine 5 cc po q4h", UnitError, ["mL"]),
    ("oxycodone -5 mg po bid", DoseError, ["negative"]),
    ("oxycodone 0 mg po bid", DoseError, ["zero"]),
    ("oxycodone nan mg po bid", DoseError, ["nan"]),
    ("oxycodone 200 g po bid", DoseError, ["implausibly large"]),
    ("oxycodone 5 mg po", ItemSyntaxError, ["frequency"]),
    ("oxycodone 20 mg/day bid", ItemSyntaxError, ["already a total"]),
    ("oxycodone 1,5 mg po bid", ItemSyntaxError, ["comma"]),
    ("oxycodone 1e3 mg po bid", ItemSyntaxError, ["scientific", "1e3"]),
    ("oxycodone 5 mg po bid please", ItemSyntaxError, ["please"]),
    ("oxycodone 5 po bid", ItemSyntaxError, ["no unit"]),
    ("oxycodone po bid", ItemSyntaxError, ["no amount"]),
    ("5 mg po bid", ItemSyntaxError, ["no drug"]),
    ("", ItemSyntaxError, ["empty"]),
    ("morphine 10 mg sc continuous", UnitError, ["rate"]),
    ("oxycodone 1 mg/h po", UnitError, ["infusion"]),
    ("morphine 2 mg/h im", UnitError, ["infusion", "im"]),
    ("oxycodone 5 mg po q4h q6h", ItemSyntaxError, ["repeats"]),
    ("oxycodone 5 mg 10 mg po bid", ItemSyntaxError, ["second amount"]),
    ("oxycodone 5 mg/kg po bid", UnitError, ["mg/kg"]),
    ("oxycodone 5 mg po bid max 4/day", ItemSyntaxError, ["prn"]),
    ("oxycodone/acetaminophen 5 mg po q6h", ItemSyntaxError, ["amount"]),
    ("fentanyl patch 25 mcg/h iv", RouteError, ["patch"]),
]


@pytest.mark.parametrize(("text", "error", "words"), MALFORMED, ids=[m[0] or "empty" for m in MALFORMED])
def test_malformed_items_are_rejected_with_a_clear_message(text, error, words):
    with pytest.raises(error) as caught:
        parse_item(text)
    assert isinstance(caught.value, MpsdoseError)
    message = str(caught.value)
    for word in words:
        assert word.lower() in message.lower()
    if text:
        assert repr(text) in message  # names the item


def test_unknown_drug_can_be_kept_as_unlisted():
    item = parse_item("foobarinib 10 mg po daily", allow_unlisted=True)
    assert not item.listed
    assert item.drug.drug_class == "unlisted"
    with pytest.raises(UnknownDrugError):
        parse_item("foobarinib 10 mg po daily")


@given(items)
def test_parse_format_parse_is_identity(item):
    text = format_item(item)
    assert parse_item(text) == item
    assert format_item(parse_item(text)) == text


def _first_characters(tree, state):
    """Whether the parsed pattern ``tree`` (re's own parse) can match the empty string; the
    characters it can start with are added to ``state`` as (kind, value) tests."""
    from re import _constants as c  # the parse tree's opcodes

    for op, argument in tree:
        if op is c.LITERAL:
            state.append(("literal", chr(argument)))
            return False
        if op is c.IN:
            state.append(("in", argument))
            return False
        if op in (c.ANY, c.NOT_LITERAL):
            state.append(("any", None))
            return False
        if op is c.BRANCH:
            nullable = False
            for branch in argument[1]:
                nullable |= _first_characters(branch, state)
            if not nullable:
                return False
        elif op is c.SUBPATTERN:
            if not _first_characters(argument[-1], state):
                return False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _, inner = argument
            if not _first_characters(inner, state) and low > 0:
                return False
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width
        else:
            state.append(("any", None))
            return False
    return True


def _may_start(tests, character):
    import re

    for kind, value in tests:
        if kind == "any" or (kind == "literal" and character == value):
            return True
        if kind == "in" and re.fullmatch(_in_pattern(value), character):
            return True
    return False


def _in_pattern(items):
    from re import _constants as c

    parts, negate = [], False
    for op, argument in items:
        if op is c.NEGATE:
            negate = True
        elif op is c.LITERAL:
            parts.append(re_escape(chr(argument)))
        elif op is c.RANGE:
            parts.append(f"{re_escape(chr(argument[0]))}-{re_escape(chr(argument[1]))}")
        elif op is c.CATEGORY:
            parts.append({c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s",
                          c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_DIGIT: r"\D",
                          c.CATEGORY_NOT_SPACE: r"\S", c.CATEGORY_NOT_WORD: r"\W"}[argument])
    return "[" + ("^" if negate else "") + "".join(parts) + "]"


def re_escape(character):
    import re

    return re.escape(character)


def test_each_pattern_is_tried_wherever_it_could_start():
    """The scanner skips a pattern at a character its set says it cannot start with: every
    character the pattern itself can start with (from re's parse of it) must be in that set."""
    import re._parser

    from mpsdose.io.language import _PATTERNS

    characters = [chr(code) for code in range(0x20, 0x3000)] + ["\uff10", "\uff19", "\u0661"]
    for pattern in _PATTERNS:
        tests: list = []
        _first_characters(re._parser.parse(pattern.source), tests)
        for character in characters:
            if _may_start(tests, character):
                assert pattern.can_start(character), (pattern.kind, character)


def _literal_runs(items, prefix=""):
    """The literal text each way through a parsed pattern begins with, up to its first
    non-literal (a class, a repeat, a look-ahead)."""
    from re import _constants as c

    if not items:
        return {prefix}
    (op, argument), rest = items[0], list(items[1:])
    if op is c.LITERAL:
        return _literal_runs(rest, prefix + chr(argument))
    if op is c.SUBPATTERN:
        return _literal_runs(list(argument[-1]) + rest, prefix)
    if op is c.BRANCH:
        return set().union(*(_literal_runs(list(branch) + rest, prefix)
                             for branch in argument[1]))
    return {prefix}


def test_a_pattern_is_tried_only_where_its_first_word_is():
    """A pattern with ``prefixes`` is skipped where none of them begins the text: every way
    through the pattern (re's own parse) begins with one of them."""
    import re._parser

    from mpsdose.io.language import _PATTERNS

    with_prefixes = [pattern for pattern in _PATTERNS if pattern.prefixes is not None]
    assert {"times_word", "phrase", "once", "prn"} <= {p.kind for p in with_prefixes}
    for pattern in with_prefixes:
        for run in _literal_runs(list(re._parser.parse(pattern.source))):
            assert run.startswith(pattern.prefixes), (pattern.kind, run)


def test_a_number_led_pattern_is_tried_only_where_what_follows_the_number_fits():
    """A pattern with ``then`` is skipped where the character after the leading number and its
    spaces is not in it: every character the pattern allows there (re's own parse of the
    pattern without its leading number) is in ``then``; and none is a digit, "." or space, so
    the longest number and spaces the scanner reads are the ones the pattern reads too."""
    import re._parser

    from mpsdose.io.language import _NUM, _PATTERNS

    characters = [chr(code) for code in range(0x20, 0x3000)] + ["\uff10", "\u0661"]
    number_led = [pattern for pattern in _PATTERNS if pattern.then is not None]
    assert {"times", "hourly", "count", "count_range", "liquid", "concentration_liquid", "range",
            "amount"} == {p.kind for p in number_led}
    for pattern in number_led:
        assert pattern.source.startswith("(" + _NUM)
        tail = "(" + pattern.source[1 + len(_NUM):]  # the pattern after its leading number
        tests: list = []
        _first_characters(re._parser.parse(tail), tests)
        for character in characters:
            if _may_start(tests, character) and not character.isspace():
                assert character in pattern.then, (pattern.kind, character)
        for character in "0123456789.\uff10\u0661":
            assert not _may_start(tests, character) or character in " ", (pattern.kind, character)


def test_a_pattern_is_tried_only_in_an_item_holding_its_word():
    """A pattern with ``needs`` is skipped in an item without that word: the pattern has a part
    every match goes through (not optional) from which every way begins with the word."""
    import re._parser
    from re import _constants as c

    from mpsdose.io.language import _PATTERNS

    needing = [pattern for pattern in _PATTERNS if pattern.needs is not None]
    assert {"interval_min", "liquid", "concentration_liquid"} == {p.kind for p in needing}
    for pattern in needing:
        items = list(re._parser.parse(pattern.source))
        assert any(
            all(run.startswith(pattern.needs) for run in _literal_runs(items[i:]))
            for i in range(len(items))
            if items[i][0] not in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)
        ), pattern.kind


@given(items)
def test_a_schedules_interval_and_doses_a_day_make_a_day(item):
    """Hours between doses times doses a day is 24, for every schedule that says both."""
    schedule = item.schedule
    if schedule.interval_h is None:
        assert schedule.doses_per_day is None or schedule.doses_per_day == 0
    else:
        assert schedule.doses_per_day is not None
        assert schedule.interval_h * schedule.doses_per_day == pytest.approx(24.0)


@pytest.mark.parametrize(("text", "hours"), [("morphine 10 mg po q4h", 4.0),
                                             ("morphine 10 mg po tid", 8.0),
                                             ("olanzapine 2.5 mg po at night", 24.0),
                                             ("morphine 10 mg/day sc continuous", None)])
def test_a_schedules_interval_in_hours(text, hours):
    assert parse_item(text).schedule.interval_h == hours
