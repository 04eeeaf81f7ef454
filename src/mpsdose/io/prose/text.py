"""Text with offsets: a normalised copy of the same length, sentences, and character spans.

Every reading keeps character offsets into the text as given, so that ``text[start:end]`` is the
words a number came from. The reader therefore works on a copy of the text that has exactly the
same length: lower case, Unicode hyphens and dashes as ``-``, both micro signs as ``µ``, the many
spaces as `` `` (and a full stop typeset between a number and its unit, "200.µg"), a Latin letter
with a diacritic as its plain letter ("Lorazépam" → "lorazepam": the catalogue's Latin names are
plain ASCII, so a folded name matches only the name it spells) — one character for one character,
never an insertion or a deletion.
"""

from __future__ import annotations

import re
import unicodedata

import attrs

from mpsdose.model.value import Value

__all__ = ["Sentence", "normalise", "sentences", "visible"]

_SAME = {
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-"),
    "\u03bc": "\u00b5",  # Greek mu as the micro sign
    # every space a typesetter uses (Unicode's space separators: no-break, en and em quads and
    # spaces, three-, four- and six-per-em, figure, punctuation, thin, hair, narrow no-break,
    # medium mathematical and ideographic space; "3\u2005g per 6\u2005h", "1\u202fg/h") and the
    # control characters of white space
    **dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                    "\u2009\u200a\u202f\u205f\u3000\n\r\t\f\v", " "),
    **dict.fromkeys("\u2018\u2019\u2032\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d\u2033", '"'),
    **dict.fromkeys("\u00ae\u2122\u00a9", " "),  # OxiNorm® → "oxinorm "
    **dict.fromkeys("\u00b7\u2219\u22c5\u2022", "\u2022"),  # bullets in "mg •d-1"
    # full-width brackets and commas, as Chinese and Japanese text sets them ("albendazole（…
    # Ltd） 400 mg"): the ASCII ones
    "\uff08": "(", "\uff09": ")", "\uff0c": ",", "\uff1b": ";",
}


def _plain_letter(char: str) -> str:
    """ "é" → "e", "Ö" → "O": a precomposed Latin letter with diacritics as its ASCII letter; any
    other character as it is (a micro sign, a katakana with its voicing mark)."""
    if char.isascii():
        return char
    parts = unicodedata.normalize("NFD", char)
    if len(parts) > 1 and parts[0].isascii() and parts[0].isalpha() \
            and all(unicodedata.combining(mark) for mark in parts[1:]):
        return parts[0]
    return char


#: An em dash or a horizontal bar, which English sets between words as punctuation, never as
#: the hyphen of a compound.
_DASHES = frozenset("\u2014\u2015")


def normalise(text: str) -> str:
    """A copy of ``text`` of the same length, for matching: see the module notes."""
    out = []
    for position, char in enumerate(text):
        if char in _DASHES and 0 < position < len(text) - 1 and text[position - 1].isalpha() \
                and text[position + 1].isalnum():
            # "Fludrocortisone\u2014increased": two words, not one; "(methylprednisolone\u20141
            # g/day)": a name, then its amount (prosefix8687), never "name-1"
            out.append(" ")
            continue
        char = _plain_letter(_SAME.get(char, char))
        lower = char.lower()
        out.append(lower if len(lower) == 1 else char)
    return _SPACE_THOUSANDS.sub(_thousands_comma, _ROUTE_SLASH.sub(
        " ", _BACKSLASH.sub("/", _OCR_SLASH.sub("/", _STRAY_POINT.sub(" ", "".join(out))))))


#: A space as the thousands separator (the SI's and ISO 80000's digit grouping: "16 800 IU
#: vitamin D daily", "50 000 units"), read as a comma only where it cannot be two numbers: two or
#: three digits (not zero first), one space, exactly three digits, then a unit of activity
#: (IU, units: amounts in thousands, which a count of doses before a strength is not: "2 500 mg"
#: may be two 500 mg tablets, and stays two numbers). Not after a word that counts ("day 14 500
#: IU", "cycle 12 …", "grade"). The space becomes a comma in the normalised copy, one character
#: for one (prosefix99102, fresh102-024).
_SPACE_THOUSANDS = re.compile(
    r"(?<![\d.,])(?<!\d )(?P<before>[a-z]+\s+)?([1-9]\d{1,2}) (\d{3})(?![\d.,]|\s\d)"
    r"(?=\s*(?:international\s+units?|units?|iu|ui|u)(?![a-z]))")
#: Words after which a number counts something else (a day, a cycle) rather than the amount.
_COUNTING_WORDS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years",
                             "cycle", "cycles", "course", "courses", "dose", "doses", "grade",
                             "stage", "score", "group", "patients", "age", "aged", "n", "no",
                             "number", "times", "x"})


def _thousands_comma(match: re.Match[str]) -> str:
    before = match.group("before") or ""
    if before.split() and before.split()[0] in _COUNTING_WORDS:
        return match.group(0)
    return f"{before}{match.group(2)},{match.group(3)}"


#: A route's abbreviation glued by a slash to the unit of the amount before it ("375
#: mg/m2/d/iv rituximab", "40 mg/iv"): no unit is "iv", "sc" or "im", so the slash separates
#: the amount from the way it is given, and is read as a space.
_ROUTE_SLASH = re.compile(r"(?<=[a-z0-9])/(?=(?:iv|sc|im|po)(?![a-z0-9/]))")


#: A full stop between a number and its unit, a typesetting slip ("TFP 200.µg per hour"): read as
#: the space it stands for (a decimal point is followed by a digit, never by a unit).
_STRAY_POINT = re.compile(r"(?<=\d)\.(?=(?:µg|mcg|ug|mg|ng|ml)(?![a-z]))")


#: A slash scanned as an "l" in a dose per interval ("3 mglhr" for 3 mg/hr, "10 mgl6 hr" for
#: 10 mg/6 hr): only right after a number's "mg", and only before an hour ("hr", "h", "hours")
#: or a count of hours, where "mgl" can be nothing else (no word starts so).
_OCR_SLASH = re.compile(r"(?<=\d mg)l(?=(?:\d{1,2}\s?)?h(?:rs?|ours?)?(?![a-z]))"
                        r"|(?<=\dmg)l(?=(?:\d{1,2}\s?)?h(?:rs?|ours?)?(?![a-z]))")


#: A backslash typed for the slash of a unit per time ("100 mg\day", "5 mg\kg\d"): right
#: after a unit of mass, volume or activity and before a unit of time or weight, no other
#: reading of it is possible (prosefix131134, fresh131-010).
_BACKSLASH = re.compile(r"(?:(?<=mg)|(?<=mcg)|(?<=µg)|(?<=ug)|(?<=ml)|(?<=iu)|(?<=\dg)|(?<=\d g)|(?<=units))"
                        r"\\(?=\s?(?:day|d|24\s?h|h|hr|hours?|kg|min|week|wk)(?![a-z]))")


@attrs.frozen(repr=False, eq=False)
class Sentence(Value):
    """One sentence: its span in the text, and its index in story order."""

    index: int
    start: int
    end: int


# Words whose full stop does not end a sentence ("max. 1 g/day": the ceiling is the sentence's).
_ABBREVIATIONS = frozenset({
    "approx", "e.g", "i.e", "i.v", "p.o", "s.c", "i.m", "p.r.n", "b.i.d", "t.i.d", "q.i.d",
    "vs", "dr", "fig", "no", "al", "et", "ca", "mr", "mrs", "ms", "st", "resp", "incl",
    "cf", "max",
})
#: The dotted abbreviations of a schedule or a route written after a dose ("10 mg h.s.",
#: "2 mg b.i.d.", "5 mg i.v."): their full stop ends the sentence where a word of a capital and
#: small letters follows ("… and 10 mg h.s. Risperidone was tapered off", "… 2 mg b.i.d. He was
#: discharged"), as the full stop of any other last word does; not before a word in capitals
#: ("5 mg i.v. PCA") nor before a small letter ("10 mg b.i.d. orally").
_SIG_ABBREVIATIONS = frozenset({
    "b.i.d", "t.i.d", "q.i.d", "h.s", "q.h.s", "p.r.n", "q.d", "o.d", "p.o", "i.v", "s.c", "i.m",
})
#: The units whose full stop ("1 mg.") is an abbreviation's where a count of doses a day
#: follows ("Lorazepam 1 mg. 4/day was prescribed"): the count is the dose's.
_UNITS = frozenset({"mg", "mcg", "g", "ml", "gm"})
_COUNT_A_DAY = re.compile(r"[1-6]\s*/\s*(?:day|d)(?![A-Za-z\d])")
_STARTS_SENTENCE = re.compile(r"[A-Z][a-z]+\b")
#: A schedule's abbreviation written with a capital after a dotted route ("esomeprazole 20 mg
#: p.o. Bid", "100 mg p.o. Tid"): the dose's schedule, not the first word of a sentence.
_CAPITAL_SCHEDULE = re.compile(r"(?:Bid|Tid|Qid|Qd|Bd|Prn|Qhs)\b")
#: The route abbreviations written undotted with one full stop ("1 g IV. TDS", "400 mg PO. BD"):
#: before a schedule's abbreviation the stop is the route's, not a sentence's end.
_ROUTES = frozenset({"iv", "im", "sc", "po"})
_SCHEDULE_AFTER = re.compile(r"(?:bid|bd|tid|tds|qid|qds|od|qd|hs|qhs|prn|stat|sos|q\d{1,2}h)"
                             r"(?![A-Za-z])", re.IGNORECASE)
#: The abbreviations of a company's name ("Pfizer Inc.", "SUN Pharmaceutical Industries Ltd."):
#: before a comma or a closing bracket their full stop is the abbreviation's.
_COMPANIES = frozenset({"inc", "ltd", "co", "corp", "llc", "plc"})
#: Where a sentence ends: a full stop (with the exceptions below), a blank line, a line that
#: starts a heading ("# …", "Day 3 …") or an item of a list ("- …", "• …", "2. …").
_END = re.compile(r"[.!?](?=\s|$|[\"')\]]|[a-z]{2})|\n[ \t]*\n|"
                  r"\n(?=[ \t]*(?:#|day\s*\d|[-\u2022*][ \t]|\d{1,2}[.)][ \t]))")


def sentences(text: str, normal: str) -> list[Sentence]:
    """The sentences of a text (``normal`` is its :func:`normalise` copy), with their spans.

    A full stop ends a sentence unless it follows an abbreviation ("approx.", "i.v."), sits in
    a number, or is followed by a lower-case word in the text as written; one glued to the next
    sentence ("patients.One hour") still ends it. A blank line ends one too, and so does the
    line break before a heading or an item of a list (each line of a medication list is read on
    its own, so that an amount never reaches back to the drug of the line before).
    """
    found: list[Sentence] = []
    start = 0
    # the normalised copy has its line breaks as spaces; the breaks are read from the text
    lines = "".join("\n" if char in "\n\r" else same for char, same in zip(text, normal,
                                                                          strict=True))
    events = sorted([(m.start(), m.end(), m.group(0)) for m in _END.finditer(lines)]
                    + [(at, at + 1, "\n") for at in _list_line_breaks(lines)])
    for begin, end, mark in events:
        if begin < start:
            continue  # a break inside a stretch already ended
        if mark in ".!?":
            before = normal[start:begin]
            word = re.search(r"([a-z.]+)$", before)
            rest = text[end:end + 40].lstrip(" \t")
            if mark == "." and word and word.group(1).strip(".") in _SIG_ABBREVIATIONS \
                    and end < len(text) and text[end].isspace() and _STARTS_SENTENCE.match(rest) \
                    and not _CAPITAL_SCHEDULE.match(rest):
                _add(found, normal, start, end)  # "… and 10 mg h.s. Risperidone was tapered off"
                start = end
                continue
            if mark == "." and word and word.group(1).strip(".") in _ABBREVIATIONS:
                continue
            if mark == "." and word and word.group(1) in _ROUTES and _SCHEDULE_AFTER.match(rest):
                continue  # "meropenem (1 g IV. TDS)": the route's full stop, then the schedule
            if mark == "." and word and word.group(1) in _COMPANIES and text[end:end + 1] in ",)]":
                continue  # "(Solu-Medrol, Pfizer Inc.) daily": a maker's name in brackets
            if re.search(r"\b[a-z]\.[a-z]$", before):  # "i.v." inside
                continue
            if rest[:1].isalpha() and rest[:1].islower():
                continue  # "… et al. reported", "… 5 mg. daily"
            if word and word.group(1) in _UNITS and _COUNT_A_DAY.match(rest):
                continue  # "Lorazepam 1 mg. 4/day": the count of the dose, not a new sentence
            if rest[:1].isalpha() and end < len(text) and not text[end].isspace() \
                    and not _glued_sentence(text, begin):
                continue
        _add(found, normal, start, end)
        start = end
    _add(found, normal, start, len(normal))
    return found


#: A line that begins with an amount ("4g once daily Cholestyramine 2weeks", "20 mg twice daily
#: Carbimazole"): a line of a medication list written amount first, as charts and abstracts do.
_AMOUNT_FIRST = re.compile(r"[ \t]*\d+(?:[.,]\d+)?[ \t]*(?:mg|g|mcg|µg|micrograms?|milligrams?|grams?)"
                           r"(?![a-z])", re.IGNORECASE)


def _list_line_breaks(lines: str) -> list[int]:
    """The line breaks that bound a line of a list written amount first: a line that begins with
    an amount, after a line that ends with a colon ("the following medications were commenced:")
    or itself begins with one. Each such line is read on its own, so that neither its amount nor
    its schedule reaches the drug of the next line (the reader once gave fresh38-004's
    "three times a day" of propranolol's line to a stat dose on that line, and carbimazole's line
    the next line's amount). A line that begins with an amount after a line of prose ("… was given
    morphine\n10 mg every 4 hours", a wrapped sentence) is no such line."""
    starts = [0] + [m.end() for m in re.finditer(r"\n", lines)]
    rows = [(at, lines[at:next_at - 1] if next_at else lines[at:])
            for at, next_at in zip(starts, [*starts[1:], 0], strict=True)]
    breaks: set[int] = set()
    for index in range(1, len(rows)):
        at, row = rows[index]
        before = rows[index - 1][1]
        if _AMOUNT_FIRST.match(row) and (before.rstrip().endswith(":")
                                         or _AMOUNT_FIRST.match(before)):
            breaks.add(at - 1)  # the break before the line
            if index + 1 < len(rows):
                breaks.add(rows[index + 1][0] - 1)  # and the break after it
    return sorted(breaks)


def _glued_sentence(text: str, dot: int) -> bool:
    """ "patients.One hour", "(NSAIDs).Short", "dose.If": a full stop glued to a next sentence
    that starts with a capital (not "U.S." or "i.v.")."""
    if dot + 1 >= len(text) or dot < 2:
        return False
    after, before = text[dot + 1], text[dot - 1]
    return after.isupper() and (before.isalpha() or before in ")]") and text[dot - 2] != "."


#: Longest stretch read as one sentence [characters]: far beyond any sentence of a case report;
#: a longer one (a list pasted without full stops) is cut at its last comma, semicolon or space
#: before the limit, so that reading stays linear in the length of the text.
MAX_SENTENCE = 1500


def _add(found: list[Sentence], normal: str, start: int, end: int) -> None:
    while start < end and normal[start] in " \n":
        start += 1
    stop = end
    while stop > start and normal[stop - 1] in " \n":
        stop -= 1
    while stop - start > MAX_SENTENCE:
        window = normal[start:start + MAX_SENTENCE]
        cut = max(window.rfind(", "), window.rfind("; "))
        if cut < MAX_SENTENCE // 2:
            cut = window.rfind(" ")
        cut = cut + 1 if cut > 0 else MAX_SENTENCE
        found.append(Sentence(len(found), start, start + cut))
        start += cut
        while start < stop and normal[start] == " ":
            start += 1
    if stop > start:
        found.append(Sentence(len(found), start, stop))


# a whitespace character shown as Python's escape by a ``{text!r}`` quotation (a no-break space
# as \xa0, a line break as \n): not preceded by an escaped backslash of the text itself
_ESCAPED_SPACE = re.compile(
    r"(?<!\\)((?:\\\\)*)\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|[nrtfv])")


def visible(message: str) -> str:
    r"""A message whose quotations of the text show its whitespace as a space.

    The words of a case report are quoted as written (``'tramadol 200 mg/day'``), but a
    no-break space, a thin space or a line break inside them is shown as one space, not as the
    escape a Python quotation prints (``\xa0``, ``\n``); ``--json`` keeps ``as_written`` exact.
    """
    def space(match: re.Match[str]) -> str:
        code = match.group(2) or match.group(3)
        if code and not chr(int(code, 16)).isspace():
            return match.group(0)  # an escape of another character: left as it was
        after_space = not match.group(1) and message[max(match.start() - 1, 0)] == " "
        return match.group(1) + ("" if after_space else " ")  # one space for a run
    return _ESCAPED_SPACE.sub(space, message)
