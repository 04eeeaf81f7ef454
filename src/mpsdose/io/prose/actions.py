"""The verb that says what happened to an item, and the drug a switch is from.

Started, given, added, increased, titrated, switched, stopped or continued: the verb nearest the
item in its clause (a passive verb after it, the plural verb after a list of doses, a noun of
stopping before it); "from …" and "substituting … for" make the drug the one switched from.
"""

from __future__ import annotations

import re

from mpsdose.io.prose.not_doses import step_of_change
from mpsdose.io.prose.passage import ItemReading, Passage
from mpsdose.io.prose.scan import Token
from mpsdose.io.prose.words import NOT_NAMES, SALTS, name_like

__all__ = ["list_verb", "mark_switched_from", "read_action"]


def list_verb(passage: Passage, tokens: list[Token], reading: ItemReading, *,
              any_amount: bool = False, schedules: bool = False) -> int | None:
    """ "aspirin 25 mg and dipyridamole 200 mg were given twice daily": where a dose heads a
    list of doses (each a name, known to the catalogue or not, and an amount with no
    schedule of its own) that is the subject of a plural passive verb, the position of that
    verb; else None. With ``any_amount`` the amounts may have schedules of their own
    ("escitalopram 10 mg/d and amitriptyline 25 mg/day were started": the verb is still the
    whole list's, though no schedule is shared); with ``schedules`` the doses after it may be
    written with schedules of their own ("diclofenac 50 mg q.i.d. and tramadol 50 mg q.i.d.
    were administered …")."""
    if reading.amount_token is None or reading.amount_token > reading.last:
        return None
    position = reading.last + 1
    names = amounts = 0
    while position < len(tokens):
        token = tokens[position]
        word = passage.word(token)
        if (token.kind == "plus" and word == "and") or (token.kind == "punct"
                                                        and token.value == ","):
            pass
        elif token.kind == "drug" or (token.kind == "word" and name_like(word)
                                      and word not in ("were", "given")):
            names += 1
        elif token.kind == "amount":
            if not token.value.mass or (not any_amount and not (
                    token.value.time is None and token.value.kind == "single")):
                return None
            amounts += 1
        elif token.kind in ("route", "release", "form") or word in SALTS \
                or (schedules and token.kind == "freq"):
            pass
        else:
            break
        position += 1
    if not names or names != amounts or position >= len(tokens) \
            or passage.word(tokens[position]) not in ("were", "are"):
        return None
    position += 1
    while position < len(tokens) and passage.word(tokens[position]) in (
            "then", "also", "both", "immediately", "each"):
        position += 1
    if position < len(tokens) and tokens[position].kind == "verb" and tokens[
            position].value in ("give", "start", "add", "continue", "stop"):
        return position
    return None


def read_action(passage: Passage, tokens: list[Token], reading: ItemReading) -> None:
    """The verb that says what happened to the item: the nearest in its clause."""
    best: tuple[int, str] | None = None
    words: dict[str, str] = {}
    for token in tokens[reading.first:reading.last + 1]:
        if token.kind == "verb":
            best = (-1, token.value)
            words[token.value] = passage.normal[token.start:token.end]
    right = _passive_verb(passage, tokens, reading)
    listed = list_verb(passage, tokens, reading, any_amount=True)
    if right is None and listed is not None:
        right = str(tokens[listed].value), passage.word(tokens[listed])
    if right is not None and (best is None or best[0] >= 0):
        best = (-1, right[0])
        words[right[0]] = right[1]
    for step in (-1, 1):
        if best is not None and best[0] < 0:
            break
        position = (reading.first if step < 0 else reading.last) + step
        distance = 0
        while 0 <= position < len(tokens) and distance < 8:
            token = tokens[position]
            if token.kind == "clause" or (token.kind == "punct" and token.value == ";"):
                break
            if step > 0 and (token.kind in ("drug", "amount") or token.kind == "punct"):
                break
            if step > 0 and token.kind == "class" and reading.amount is not None:
                # "… followed by pazopanib 800 mg OD for 4 months and both the drugs were
                # stopped": a class word ("the drugs", "both medications") is the later verb's
                # own subject; the stop does not unsay the amount given before it
                # (prosefix126128, fresh127-004)
                break
            if step < 0 and token.kind == "amount" and not step_of_change(passage, token):
                break
            if token.kind == "verb":
                if best is None or distance < best[0]:
                    best = (distance, token.value)
                    words[token.value] = passage.normal[token.start:token.end]
                break
            position += step
            distance += 1
    stop_of = _stop_noun_before(passage, tokens, reading)
    if stop_of is not None:  # "after withdrawal of olanzapine and substitution by …"
        best = (-1, "stop")
        words["stop"] = stop_of
    verb = best[1] if best else "add"
    if verb == "reverse":  # "dabigatran was antagonised …": the subject's effect undone
        undone = any(t.kind == "verb" and t.value == "reverse"
                     for t in tokens[reading.last + 1:reading.last + 4])
        verb = "stop" if undone else "give"
        words[verb] = words.get("reverse", "")
    reading.verb = verb
    reading.verb_word = words.get(verb, "")
    reading.action = {"start": "add", "give": "add", "add": "add", "increase": "update",
                      "decrease": "update", "titrate": "update", "reach": "update",
                      "switch": "switch", "stop": "stop", "continue": "continue"}.get(verb, "add")
    if reading.action == "switch":
        before = passage.normal[tokens[max(0, reading.first - 3)].start:tokens[reading.first].start]
        if (re.search(r"\bfrom\b", before) and not re.search(r"\bto\b", before)) \
                or re.search(r"\bfrom\s+(?:[a-z\-]+\s+)?$", before):
            reading.role = "from"  # "a switch to FP from oxycodone"
        wider = passage.normal[tokens[max(0, reading.first - 4)].start:tokens[reading.first].start]
        if re.search(r"substitut\w*\s+(?:\S+\s+){0,2}$", wider) and not re.search(
                r"\bfor\b", wider):
            reading.role = "from"  # "substituting morphine for oral methadone"
        if _object_of_active_replace(passage, tokens, reading):
            reading.role = "from"  # "quetiapine IR 150 mg/d replaced trazodone"


def _object_of_active_replace(passage: Passage, tokens: list[Token], reading: ItemReading) -> bool:
    """ "quetiapine 150 mg/d replaced trazodone", "…, replacing escitalopram": the drug named
    right after an active "replaced" / "replaces" / "replacing" (route, release and form words
    between) is the drug replaced — the one switched from. Not the passive "was replaced with",
    whose subject is the drug replaced."""
    position = reading.first - 1
    while position >= 0 and tokens[position].kind in ("route", "release", "form"):
        position -= 1
    if position < 0 or tokens[position].kind != "verb" or tokens[position].value != "switch" \
            or passage.word(tokens[position]) not in ("replaced", "replaces", "replacing"):
        return False
    before = passage.word(tokens[position - 1]) if position > 0 else ""
    return before not in ("was", "were", "is", "are", "be", "been", "being", "then", "later")


def mark_switched_from(passage: Passage, tokens: list[Token], readings: list[ItemReading]) -> None:
    """ "Morphine 60 mg/day was converted to methadone 10 mg/day", "120 mg/day of oral
    oxycodone, which was rotated to methadone …": the subject of a passive switch, with
    another drug after it, is the drug switched from (before, both were read into one state,
    as if given together)."""
    for reading in readings:
        if reading.role == "from":
            if reading.amount is None and not any(
                    other.drug != reading.drug and other.first > reading.last
                    for other in readings) \
                    and _replaced_by_unknown(passage, tokens, reading.last):
                # "switched her from duloxetine to bupropion 150 mg/day": what it was switched
                # to is no item, so the drug switched from stops
                reading.role, reading.action, reading.verb = "", "stop", "stop"
            continue
        drug_at = passage.token_at.get(reading.drug_span[0])
        verb_at = _passive_switch(passage, tokens, reading.last + 1)
        if verb_at is None and drug_at is not None and reading.amount is None:
            # "Duloxetine was converted to oral bupropion": the route after the verb was taken
            # into the item's words
            verb_at = _passive_switch(passage, tokens, drug_at + 1)
        if verb_at is None:
            continue
        if any(other.drug != reading.drug and other.first > verb_at
               and other.role != "from" for other in readings):
            reading.role = "from"
        elif reading.amount is None and _replaced_by_unknown(passage, tokens, verb_at):
            # "fluvoxamine was replaced with milnacipran 50 mg day(-1)": what replaces it is
            # no item, so the drug replaced stops
            reading.action, reading.verb = "stop", "stop"


def _passive_switch(passage: Passage, tokens: list[Token], start: int) -> int | None:
    """The position of a passive verb of switching right after ``start`` (past ", which was",
    "was then", "was abruptly"), or None."""
    position = start
    passive = False
    while position < len(tokens) and position <= start + 4 and (
            (tokens[position].kind == "punct" and tokens[position].value == ",")
            or (tokens[position].kind == "clause"
                and passage.normal[tokens[position].start:tokens[position].end] == "which")
            or (tokens[position].kind == "word" and tokens[position].value in (
                "was", "were", "is", "been", "then", "subsequently", "later"))
            or (passive and tokens[position].kind == "word"
                and str(tokens[position].value).endswith("ly"))
            or (tokens[position].kind == "time" and tokens[position].value == "later")):
        passive = passive or passage.word(tokens[position]) in ("was", "were", "is", "been")
        position += 1
    before = passage.word(tokens[position - 1]) if position > start else ""
    if position >= len(tokens) or position == start \
            or tokens[position].kind != "verb" or tokens[position].value != "switch" \
            or not (before in ("was", "were", "is", "been", "then", "subsequently", "later")
                    or (passive and before.endswith("ly"))):
        return None
    return position


def _passive_verb(passage: Passage, tokens: list[Token], reading: ItemReading) -> tuple[str, str] | None:
    """ "morphine … was applied", "gabapentin were added": the verb right after; also for
    each of names joined by "and" or commas before a plural verb ("both quetiapine and
    duloxetine were discontinued": quetiapine too)."""
    position = reading.last + 1
    chained = False
    while position + 1 < len(tokens) and tokens[position + 1].kind == "drug" and (
            passage.word(tokens[position]) == "and"
            or (tokens[position].kind == "punct" and tokens[position].value == ",")):
        position, chained = position + 2, True
    if chained and (position >= len(tokens) or passage.word(tokens[position]) not in ("were", "are")):
        return None
    start = position - 1
    seen_be = False
    commas = 0
    while position < len(tokens) and position <= start + 4 + commas:
        token = tokens[position]
        if token.kind == "word" and token.value in ("was", "were", "is", "had", "been",
                                                    "be", "then", "also", "immediately",
                                                    "gradually", "eventually", "further"):
            seen_be = seen_be or token.value in ("was", "were", "is", "been", "be")
            position += 1
            continue
        if seen_be and ((token.kind == "punct" and token.value == ",")
                        or (token.kind == "time" and token.value == "later")):
            commas += token.kind == "punct"
            position += 1  # "Sertraline was, then, withdrawn": an adverb set off by commas
            continue
        if token.kind == "verb" and seen_be:
            return str(token.value), passage.normal[token.start:token.end]
        return None
    return None


def _stop_noun_before(passage: Passage, tokens: list[Token], reading: ItemReading) -> str | None:
    """ "withdrawal of olanzapine", "discontinuation of dalteparin": a noun of stopping with
    "of" just before the drug's name governs it, whatever verb follows ("… and substitution by
    a classical neuroleptic agent" names what replaced it). The noun's words, or None."""
    if reading.first < 2:
        return None
    noun, of = tokens[reading.first - 2], tokens[reading.first - 1]
    word = passage.word(noun)
    if passage.word(of) != "of":
        return None
    if word in ("withdrawal", "cessation") or (noun.kind == "verb" and noun.value == "stop"
                                and re.fullmatch(r"\w+(?:ion|ance)", word)):
        return word  # ("opioid withdrawal", a condition, has no "of" after it)
    return None


def _replaced_by_unknown(passage: Passage, tokens: list[Token], verb_at: int) -> bool:
    """After a passive switch verb (or the drug a switch is from), "with", "by" or "to" and a
    name the catalogue does not know ("was replaced with milnacipran", "from duloxetine to
    bupropion"): the drug before it is what was replaced. Not "was changed to 30 mg twice
    daily", nor "to the oral route"."""
    position = verb_at + 1
    if position + 1 >= len(tokens) or passage.word(tokens[position]) not in ("with", "by", "to"):
        return False
    position += 1
    while position + 1 < len(tokens) and tokens[position].kind in ("route", "release", "form"):
        position += 1  # "to oral bupropion"
    following = tokens[position]
    return following.kind == "word" and name_like(passage.word(following)) \
        and passage.word(following) not in NOT_NAMES
