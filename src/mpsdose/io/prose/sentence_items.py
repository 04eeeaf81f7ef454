"""What the items of one sentence share, or make together.

A schedule written once after a list of doses, a product's components joined by "/", the route
or the "over 24 hours" of an infusion that heads or ends a list, rates and volumes in mL for the
concentrations of the sentence, a preparation's strength written before its dose, and a dose
split over the day ("440 mg in the morning and 220 mg at night").
"""

from __future__ import annotations

import itertools
import re

import attrs

from mpsdose.io.prose.actions import list_verb
from mpsdose.io.prose.amounts import rate_per_hour
from mpsdose.io.prose.modifiers import apply_modifier, contradict
from mpsdose.io.prose.passage import ItemReading, Passage
from mpsdose.io.prose.scan import Amount, Token, opening_bracket
from mpsdose.io.prose.words import NOT_A_NAME, SALTS, name_like
from mpsdose.model.findings import Severity
from mpsdose.model.regimen import Schedule
from mpsdose.model.vocabulary import Route

__all__ = [
    "attach_volumes",
    "drop_preparation_strengths",
    "merge_split_doses",
    "share_component_schedule",
    "share_infusion_day",
    "share_infusion_route",
    "share_list_schedule",
]

#: a time of day after a part of a split dose ("in the morning", "at night", "mane", "at 8 am",
#: "at 20:00"; "150mg AM and 300mg HS", a bare "am", "pm" or "hs" right after the amount):
#: the words, then what they name
_TIME_OF_DAY = re.compile(
    r"\s*(?:(?:(?:in\s+the|at|every|each|before|after|with)\s+)?"
    r"(?:(?P<morning>morning|mane|breakfast|a\.m\.|am)|(?P<noon>noon|midday|mid-day|lunch(?:time)?)"
    r"|(?P<afternoon>afternoon)|(?P<evening>evening|supper|dinner|p\.m\.|pm)"
    r"|(?P<night>night|bedtime|nocte|q?\.?h\.?s\b\.?))\b"
    r"|at\s+(?P<clock>\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|(?:am|pm|o'clock)\b)"
    r"|\d{2}:?\d{2}\s*(?:h|hrs?)\b|\d{2}:\d{2}\b))")
#: what may stand between the parts of a split dose: a comma, "and", or both
_SPLIT_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)")


def share_list_schedule(passage: Passage, tokens: list[Token], readings: list[ItemReading]) -> None:
    """ "aspirin 25 mg and dipyridamole 200 mg were given twice daily": the schedule (and
    the route) written after the plural verb of a list of doses, none with a schedule of
    its own, is each dose's; so is the schedule that ends the sentence after the last of a
    list of doses none of which has a schedule of its own ("treated with Haloperidol 1.5 mg
    and Diazepam 5 mg daily")."""
    for reading in readings:
        end = _list_end_schedule(passage, tokens, reading)
        if end is not None and reading.amount is not None and reading.amount.time is not None:
            end = None  # "paroxetine 40 mg/day, and flecainide 100 mg twice daily": a day's own
        if end is not None and _scheduled_item_before(passage, tokens, reading):
            end = None  # "furosemide 40 mg once daily, bisoprolol 10 mg, …, valsartan 160 mg
            # once daily": another dose of the list has a schedule of its own; each has its own
        unshared = None if end is None else _last_dose_only(passage, tokens, reading, end)
        if unshared is not None and reading.schedule is None and reading.schedule_word is None \
                and not reading.prn and not reading.bolus:
            reading.notes.append(("list-schedule-last-only", unshared, Severity.WARNING))
            continue
        if end is not None and reading.schedule is None and reading.schedule_word is None \
                and not reading.prn and not reading.bolus:
            if tokens[end].kind == "amount" and reading.amount is not None:
                reading.amount = attrs.evolve(reading.amount, per=("day",))
            else:
                apply_modifier(passage, reading, tokens[end], tokens)
            said = passage.text[tokens[reading.amount_token or end].start:tokens[end].end]
            reading.notes.append(("shared-schedule", f"the schedule at the end of the list "
                                  f"of doses ({said!r}) is read for this dose too",
                                  Severity.INFO))
            continue
        start = _list_start_schedule(passage, tokens, reading)
        if start is not None and reading.schedule is None and reading.schedule_word is None \
                and not reading.prn and not reading.bolus:
            apply_modifier(passage, reading, tokens[start], tokens)
            said = passage.text[tokens[start].start:tokens[start].end]
            reading.notes.append(("shared-schedule", f"the schedule before the first of the "
                                  f"list of doses ({said!r}) is read for this dose too",
                                  Severity.INFO))
            continue
        if reading.schedule is not None and reading.schedules_contradict is None \
                and not reading.prn:
            _list_schedule_contradicts(passage, tokens, reading)
        verb = list_verb(passage, tokens, reading)
        if verb is None or reading.schedule is not None or reading.schedule_word is not None \
                or reading.prn or reading.bolus:
            continue
        position, shared = verb + 1, None
        while position < len(tokens) and tokens[position].kind in ("route", "freq"):
            if tokens[position].kind == "freq":
                shared = position
            position += 1
        if shared is None:
            continue
        for token in tokens[verb + 1:shared + 1]:
            apply_modifier(passage, reading, token, tokens)
        reading.last = shared
        said = passage.text[tokens[verb - 1].start:tokens[shared].end]
        reading.notes.append(("shared-schedule", f"the schedule after the verb of the list "
                              f"of doses ({said!r}) is read for this dose too",
                              Severity.INFO))


def _list_schedule_contradicts(passage: Passage, tokens: list[Token],
                               reading: ItemReading) -> None:
    """ "Both diclofenac 50 mg q.i.d. and tramadol 50 mg q.i.d. were administered three to
    four times a day": where every dose of a list has a schedule of its own, the last one's
    too, a schedule written after the list's verb is said again of each; where it gives another
    count a day than a dose's own (or one is a range of counts), the two contradict each other
    and neither is chosen (prosefix7475, fresh75-006)."""
    verb = list_verb(passage, tokens, reading, any_amount=True, schedules=True)
    if verb is None:
        return
    last = verb - 1
    while last > 0 and passage.word(tokens[last]) in ("were", "are", "then", "also", "both",
                                                       "immediately", "each"):
        last -= 1
    if tokens[last].kind != "freq":
        return  # "aspirin 25 mg daily and morphine 20 mg were given twice daily": the
        # schedule after the verb is the last dose's, which has none of its own
    own = next((t for t in reversed(tokens[reading.first:reading.last + 1])
                if t.kind == "freq" and t.value == reading.schedule), None)
    position = verb + 1
    while position < len(tokens) and tokens[position].kind == "route":
        position += 1
    if own is None or position >= len(tokens) or tokens[position].kind != "freq" \
            or not isinstance(tokens[position].value, Schedule):
        return
    contradict(passage, reading, own, tokens[position])


#: The words that say the names after them are one product's components: "a fixed drug
#: combination of", "a fixed-dose combination of", "fixed combination tablets containing" — not
#: "a combination of", which may be drugs given together (prosefix9798,
#: fresh98-017: "a fixed drug combination of amlodipine 5mg plus indapamide 1.5mg … daily").
_FIXED_COMBINATION_OF = re.compile(
    r"\bfixed[\s-]+(?:(?:dose|drug)[\s-]+)?combination\s+(?:(?:tablet|pill|product|drug)s?\s+)?"
    r"(?:of|containing|with)\s+$")


def share_component_schedule(passage: Passage, tokens: list[Token], readings: list[ItemReading]) -> None:
    """ "4 mg buprenorphine/1 mg naloxone (three times/day)", "oxycodone 5 mg/acetaminophen
    325 mg every 6 hours", "(rabeprazole 20 mg + domperidone 30 mg) OD": the components of one
    product, each with its strength, joined by a slash or "+"; the schedule (as needed, count of
    units) written after the last is each component's."""
    ordered = sorted((r for r in readings if r.amount is not None), key=lambda r: r.first)
    for head, following in itertools.pairwise(ordered):
        joiner = tokens[head.last + 1] if following.first == head.last + 2 else None
        if joiner is None or head.drug == following.drug:
            continue
        if not (joiner.kind == "word" and joiner.value in ("/", "+")) and not (
                passage.word(joiner) in ("plus", "and") and _FIXED_COMBINATION_OF.search(
                    passage.normal, max(0, tokens[head.first].start - 60), tokens[head.first].start)):
            continue
        if not all(r.amount is not None and r.amount.mass and r.amount.time is None
                   and not r.amount.per_kg and r.amount.kind == "single"
                   for r in (head, following)):
            continue
        if head.schedule is not None or head.schedule_word is not None or head.prn \
                or head.bolus or head.count is not None:
            continue
        if following.schedule is None and following.schedule_word is None \
                and not following.prn:
            continue
        head.schedule, head.schedule_word = following.schedule, following.schedule_word
        head.prn, head.bolus, head.lockout = following.prn, following.bolus, following.lockout
        head.count, head.count_before = following.count, following.count_before
        head.units_unread = head.units_unread or following.units_unread
        head.doses_taken = head.doses_taken or following.doses_taken
        if head.route is None and following.route is not None:
            head.route, head.route_from = following.route, following.route_from
        joined = passage.word(joiner)
        # "a fixed-dose combination of A 10 mg and B 5 mg twice daily": the schedule is no
        # longer the last dose's only
        head.notes[:] = [note for note in head.notes if note[0] != "list-schedule-last-only"]
        head.last = following.last
        head.combination = following.combination = True
        said = passage.text[tokens[head.last].start:tokens[head.last].end]
        what = ("one product's components" if joined != "+" else
                "one product's components or drugs given together")
        head.notes.append(("combination-components", f"the strengths of {what}, joined by "
                           f"{joined!r}: the schedule written after the last ({said!r}) is read "
                           "for this one too", Severity.INFO))


def attach_volumes(passage: Passage, sentence: int, tokens: list[Token], readings: list[ItemReading],
                   used: set[int]) -> None:
    """A rate in mL/h or a volume in mL goes with the concentrations of its sentence that are
    of one solution (:func:`_one_solution`)."""
    every = [r for r in readings if r.amount is not None and r.amount.concentration]
    for index, token in enumerate(tokens):
        if token.kind != "amount" or index in used:
            continue
        amount: Amount = token.value
        if not (amount.volume or amount.volume_rate):
            continue
        if not every:
            continue
        concentrations = _one_solution(passage, tokens, every, index)
        used.add(index)
        if amount.volume_rate:
            for reading in concentrations:
                if reading.rate_ml_h is None and not reading.bolus:
                    reading.rate_ml_h = rate_per_hour(amount)
                    if amount.high is not None or len(amount.values) > 1:
                        reading.rate_ml_h_high = rate_per_hour(attrs.evolve(
                            amount, values=(amount.high if amount.high is not None
                                            else max(amount.values),)))
                    reading.last = max(reading.last, index)
                    reading.first = min(reading.first, index)
                    reading.infusion = True
        else:
            prn = any(t.kind == "prn" for t in tokens[max(0, index - 3):index + 4])
            for reading in list(concentrations):
                if reading.volume_ml is None and reading.rate_ml_h is None:
                    reading.volume_ml = (amount.value, amount.high)
                    reading.last = max(reading.last, index)
                    for extra in tokens[index + 1:index + 4]:
                        apply_modifier(passage, reading, extra, tokens)
                elif prn:
                    bolus = attrs.evolve(reading, volume_ml=(amount.value, amount.high),
                                         rate_ml_h=None, prn=True, bolus=True,
                                         first=index, last=index, infusion=False,
                                         schedule=None, notes=[])
                    bolus_prn = index - 1 if index and tokens[index - 1].kind == "prn" else index
                    bolus.first = min(bolus_prn, index)
                    readings.append(bolus)


#: Words between two concentrations that tell of a second solution given apart ("a bolus of
#: 30 ml 0.25% levobupivacaine was injected followed by infusion of bupivacaine 0.125% …"):
#: a verb in the passive, a word of sequence, a semicolon.
_APART = re.compile(r"\b(?:was|were|followed|then|after|later|before|subsequently)\b|;")
#: Words that join two concentrations into one solution ("ropivacaine 0.2% was mixed with
#: fentanyl 2 mcg/ml"), whatever else stands between them.
_MIXED = re.compile(r"\b(?:mix\w*|combin\w*|contain\w*|plus|admix\w*)\b|\+")


def _one_solution(passage: Passage, tokens: list[Token], concentrations: list[ItemReading],
                  index: int) -> list[ItemReading]:
    """The concentrations a volume or rate at token ``index`` goes with: the one nearest before
    it (or, where none is before it, nearest after it) and those joined to it as one solution
    ("ropivacaine 0.1% with fentanyl 2 mcg/ml at 5 ml/hr": both). Two concentrations are of
    different solutions where the words between them tell of a second one given apart
    (:data:`_APART`, and not :data:`_MIXED`) or another volume or rate stands between them: a
    bolus's concentration never takes the rate of the infusion that follows it."""
    ordered = sorted(concentrations, key=lambda r: r.amount_token or 0)
    groups: list[list[ItemReading]] = [[ordered[0]]]
    for earlier, later in itertools.pairwise(ordered):
        first, second = earlier.amount_token or 0, later.amount_token or 0
        between = passage.normal[tokens[first].end:tokens[second].start]
        volume_between = any(t.kind == "amount" and (t.value.volume or t.value.volume_rate)
                             for t in tokens[first + 1:second])
        # "furosemide 10 mg/mL intravenously every 8 hours, an injection of mannitol 20%
        # 100 mL": a schedule after the first closes its item, so the second is given apart
        # (prosefix8687)
        schedule_between = any(t.kind == "freq" for t in tokens[first + 1:second])
        if volume_between or schedule_between or (_APART.search(between)
                                                  and not _MIXED.search(between)):
            groups.append([later])
        else:
            groups[-1].append(later)
    before = [g for g in groups if (g[0].amount_token or 0) < index]
    return before[-1] if before else groups[0]


def drop_preparation_strengths(passage: Passage, tokens: list[Token],
                               readings: list[ItemReading]) -> list[ItemReading]:
    """ "morphine oral solution 2 mg/mL, 5 mg every 4 hours": a concentration with no rate or
    volume, before a dose of the same drug in its sentence, is the strength of the
    preparation, not an item of its own."""
    kept = []
    for reading in readings:
        amount = reading.amount
        if amount is not None and amount.concentration and reading.rate_ml_h is None \
                and reading.volume_ml is None and reading.amount_token is not None \
                and any(other.drug == reading.drug and other.amount is not None
                        and not other.amount.concentration
                        and (other.amount_token or 0) > reading.amount_token
                        for other in readings):
            passage.add_not_dose(tokens[reading.amount_token],
                                 "the strength of the preparation; its dose is written apart")
            continue
        kept.append(reading)
    return kept


def share_infusion_route(passage: Passage, tokens: list[Token], readings: list[ItemReading]) -> None:
    """ "a continuous subcutaneous infusion with morphine 30 mg and ketamine 100 mg/day":
    the route of an infusion that heads a list of drugs is each drug's.

    So is a syringe driver's, and a CSCI's, for a drug joined to its item by "with" as well as
    by "and", "plus" or a comma, where that drug's amount is one of 24 hours (or it has none, or
    one with no time and no schedule of its own): "a syringe driver of diamorphine 30 mg/24h with
    midazolam 10 mg/24h", "a syringe driver containing morphine 10 mg and midazolam 20 mg over
    24 hours", "CSCI of oxycodone 20 mg/24h with haloperidol 1.5 mg/24h" — the second drug is in
    the driver, not taken by mouth (prosefix8). A drug with a schedule of its own ("and
    paracetamol 1 g qds") or a route, form or route-naming name of its own keeps its own."""
    ordered = sorted(readings, key=lambda r: r.first)
    for head, following in itertools.pairwise(ordered):
        if following.route is not None or following.form is not None \
                or following.name_route is not None:
            continue
        driver = head.device == "syringe driver" and head.route is None
        continuous = head.infusion or head.device or _continuous_route(passage, tokens, head)
        from_text = isinstance(head.route, Route) and head.route_from == "text"
        if not continuous or not (driver or from_text):
            continue
        listed = _listed_after(passage, tokens, head, following)
        joined = listed or _joined_by_with(passage, tokens, head, following)
        if not joined:
            continue
        if (driver or not listed or not (head.infusion or head.device)) \
                and not _of_a_day_or_none(following):
            continue
        following.infusion = following.infusion or head.infusion
        following.device = following.device or head.device
        if driver:  # read as subcutaneous (CSCI) when the item is made, with its note
            continue
        following.route, following.route_from = head.route, "text"
        following.notes.append(("route-from-list", f"the route of the infusion "
                                f"({head.route.value}) that heads the list is read for this "
                                "drug too", Severity.INFO))


#: The words of a route that is a continuous infusion ("CSCI", "continuous subcutaneous").
_CONTINUOUS_ROUTE = re.compile(r"\b(?:csci|cive|civ|continuous|infusion)\b")


def _continuous_route(passage: Passage, tokens: list[Token], reading: ItemReading) -> bool:
    """Is the route written in the item's words, or right before them, a continuous
    infusion's ("a CSCI of morphine", "continuous subcutaneous morphine")?"""
    window = tokens[max(0, reading.first - 3):reading.last + 1]
    return any(t.kind == "route" and _CONTINUOUS_ROUTE.search(passage.normal[t.start:t.end])
               for t in window)


def _joined_by_with(passage: Passage, tokens: list[Token], one: ItemReading,
                    other: ItemReading) -> bool:
    """Is ``other`` joined to ``one``'s item by "with" alone ("diamorphine 30 mg/24h with
    midazolam 10 mg/24h")?"""
    if other.first <= one.last:
        return False
    between = tokens[one.last + 1:other.first]
    return len(between) == 1 and between[0].kind == "plus" \
        and passage.normal[between[0].start:between[0].end] == "with"


def _of_a_day_or_none(reading: ItemReading) -> bool:
    """An amount of 24 hours ("10 mg/24h", "20 mg over 24 hours"), none, or one with no time
    and no schedule of its own (the list's "over 24 hours" may follow); never as needed."""
    amount = reading.amount
    if reading.prn or reading.schedule is not None or reading.schedule_word is not None:
        return False
    if amount is None:
        return True
    if amount.over_24h or amount.per == ("day",):
        return True
    return amount.time is None and not amount.per and amount.kind == "single"


def share_infusion_day(passage: Passage, tokens: list[Token], readings: list[ItemReading]) -> None:
    """ "a subcutaneous infusion of diamorphine 20 mg and cyclizine 150 mg over 24 hours":
    the "over 24 hours" that ends a list of an infusion's drugs is each drug's; so is the
    "/day" of the next drug of the same infusion ("morphine 30 mg and ketamine 100 mg/day")."""
    by_amount = {r.amount_token: r for r in readings if r.amount_token is not None}
    for reading in readings:
        amount = reading.amount
        if amount is None or reading.amount_token is None or not amount.mass \
                or amount.time is not None or amount.kind != "single" \
                or not (reading.infusion or reading.device):
            continue
        for position in range(reading.amount_token + 1, len(tokens)):
            token = tokens[position]
            if token.kind == "clause" or (token.kind == "punct" and token.value == ";"):
                break
            if token.kind in ("verb", "class"):
                break
            if token.kind == "amount" and token.value.over_24h:
                reading.amount = attrs.evolve(amount, per=("day",))
                reading.notes.append(("shared-over-24-hours", "'over 24 hours' at the end of "
                                      "the list is read for this drug too", Severity.INFO))
                break
            if token.kind == "amount":
                other = by_amount.get(position)
                if other is not None and token.value.per == ("day",) and token.value.mass \
                        and other.drug != reading.drug and (other.infusion or other.device) \
                        and other.route == reading.route \
                        and _listed_after(passage, tokens, reading, other):
                    reading.amount = attrs.evolve(amount, per=("day",))
                    said = passage.text[token.start:token.end]
                    reading.notes.append(("shared-per-day", f"the '/day' of {said!r}, the "
                                          "next drug of the same infusion, is read for this "
                                          "drug too", Severity.INFO))
                break


def merge_split_doses(passage: Passage, tokens: list[Token],
                      readings: list[ItemReading]) -> list[ItemReading]:
    """ "naproxen 440 mg in the morning and 220 mg at night", "10 mg mane and 20 mg nocte",
    "5 mg at 8 am and 5 mg at 8 pm": amounts of one drug, each at its own time of day, joined
    by "and" or a comma, are one dose split over the day: the parts sum to the day's amount
    (one item). Where a time of day is written for some part but the parts do not add up
    to a day (a part without its own time of day, two parts at one time, a part per kg, a
    range, an as-needed part, different units), no part is read as the day's amount: each
    keeps its amount and gets a finding — a split dose is never read as one of its parts."""
    amounts = sorted((r for r in readings if r.amount is not None
                      and r.amount_token is not None), key=lambda r: r.amount_token or 0)
    merged: set[int] = set()
    for index, head in enumerate(amounts):
        if id(head) in merged:
            continue
        chain = [head]
        for following in amounts[index + 1:]:
            before = chain[-1]
            if following.drug != head.drug or following.drug_span != head.drug_span:
                break
            start = _after_route_words(tokens, before.amount_token or 0)
            end = tokens[following.amount_token or 0].start
            time = _TIME_OF_DAY.match(passage.normal, start, end) if start < end else None
            if not _SPLIT_JOIN.fullmatch(passage.normal, time.end() if time else start, end):
                break
            chain.append(following)
        if len(chain) < 2:
            continue
        limit = tokens[-1].end
        times = [_TIME_OF_DAY.match(passage.normal,
                                    _after_route_words(tokens, part.amount_token or 0), limit)
                 for part in chain]
        if not any(times):
            continue  # "10 mg and 20 mg": no time of day says the dose is split
        merged.update(id(part) for part in chain)
        labels = [_time_label(time) if time else None for time in times]
        said = passage.text[tokens[head.amount_token or 0].start:tokens[
            chain[-1].amount_token or 0].end]
        why = _unsplit(chain, labels)
        if why is not None:
            for part in chain:
                part.split_unclear = (f"one part of a dose split over the day ({said!r}), "
                                      f"whose parts do not give the day's amount ({why}): "
                                      "no daily amount")
            continue
        last = times[-1]
        assert last is not None
        head.last = max([chain[-1].last, *(p for p, t in enumerate(tokens)
                                           if t.start < last.end())])
        head.split = tuple((part.amount.values[part.value_index], label or "")  # type: ignore[union-attr]
                           for part, label in zip(chain, labels, strict=True))
        head.schedule = Schedule.times_per_day(len(chain))
        head.schedule_word = None
        for part in chain[1:]:
            head.route = head.route or part.route
            head.route_from = head.route_from if head.route is not None else part.route_from
            head.form = head.form or part.form
            head.release = head.release or part.release
            head.notes.extend(part.notes)
    drop = {id(part) for part in amounts if id(part) in merged and part.split is None
            and part.split_unclear is None}
    _part_after_unread(passage, tokens, [r for r in amounts if id(r) not in merged], readings)
    return [r for r in readings if id(r) not in drop]


def _after_route_words(tokens: list[Token], at: int) -> int:
    """Where the words after the amount at ``at`` end, past the route, form and release words
    written right after it: "nifedipine ER 60 mg PO every morning and 90 mg every evening" gives
    its first part's time of day after "PO", as "60 mg every morning" gives it at once
    (prosefix8889, fresh88-006: the route word once made each part a day's amount)."""
    position = at + 1
    while position < len(tokens) and tokens[position].kind in ("route", "form", "release"):
        position += 1
    return tokens[position - 1].end


def _part_after_unread(passage: Passage, tokens: list[Token], single: list[ItemReading],
                       readings: list[ItemReading]) -> None:
    """ "7/5 mg prednisolone in the morning and 5 mg at night": where the part before a part
    of a day split by times of day is an amount the reader could not read, the day is not
    known — the readable part is not the day's amount (never the sum of the readable parts)."""
    bound = {r.amount_token for r in readings if r.amount_token is not None}
    for reading in single:
        at = reading.amount_token
        if at is None or reading.split_unclear is not None or not _TIME_OF_DAY.match(
                passage.normal, tokens[at].end, tokens[-1].end):
            continue
        previous = next((p for p in range(at - 1, -1, -1) if tokens[p].kind == "amount"), None)
        if previous is None or previous in bound:
            continue
        start, end = tokens[previous].end, tokens[at].start
        between = passage.normal[start:end]
        if start <= reading.drug_span[0] and reading.drug_span[1] <= end:  # the name between
            between = (passage.normal[start:reading.drug_span[0]]
                       + passage.normal[reading.drug_span[1]:end])
        time = _TIME_OF_DAY.match(between)
        if time is not None and _SPLIT_JOIN.fullmatch(between, time.end()):
            said = passage.text[tokens[previous].start:tokens[previous].end]
            reading.split_unclear = (f"one part of a dose split over the day, whose other part "
                                     f"({said!r}) is not read: no daily amount")


#: A time the whole list was taken for, written after the list's schedule and ending the
#: sentence ("… and triazolam 0.25 mg daily for several months."): of every dose alike, unlike a
#: purpose ("… and diazepam 5 mg daily for anxiety"), which is the last dose's
_LIST_DURATION = re.compile(
    r"\s*(?:for\s+(?:the\s+(?:past|last|previous)\s+)?(?:several|many|a\s+few|a|one|two|three|"
    r"four|five|six|\d+(?:\.\d+)?)\s+(?:days?|weeks?|months?|years?)|for\s+years)\s*\.?\s*")


#: The tokens a list of doses is made of, read back from one of its doses.
_LIST_KINDS = frozenset({"drug", "amount", "freq", "route", "form", "release", "plus"})


def _scheduled_item_before(passage: Passage, tokens: list[Token], reading: ItemReading) -> bool:
    """Does a dose before this one in the same list (joined to it by commas or "and") carry a
    schedule of its own ("rosuvastatin 20 mg, furosemide 40 mg once daily, bisoprolol 10 mg, …
    and valsartan 160 mg once daily")? Then a schedule at the list's end is the last dose's,
    not one written once for the list."""
    position = reading.first - 1
    if position < 0 or not (tokens[position].kind == "plus"
                            or (tokens[position].kind == "punct" and tokens[position].value == ",")):
        return False
    while position >= 0:
        token = tokens[position]
        if token.kind == "freq":
            return True
        if token.kind in _LIST_KINDS or (token.kind == "punct" and token.value == ",") \
                or (token.kind == "word" and passage.word(token) in SALTS):
            position -= 1
            continue
        return False
    return False


def _list_end_schedule(passage: Passage, tokens: list[Token], reading: ItemReading) -> int | None:
    """ "treated with Haloperidol 1.5 mg and Diazepam 5 mg daily": where a dose (a name and
    a single amount with no schedule of its own, only route or form words after it) heads a
    list of such doses joined by "and" or commas, and the list's last dose is followed by a
    schedule that ends the sentence, the position of that schedule; else None. A salt word may
    follow a name ("dexamethasone 100 μg and Levothyroxine sodium 1 mg per day"); the doses may
    each be written amount first ("both 20 mg prednisone and 50 mg azathioprine daily"), every
    one of the list alike."""
    at = reading.amount_token
    if at is None:
        return None
    amount_first = at == reading.first and reading.last == at + 1 \
        and tokens[reading.last].kind == "drug"
    # "clopidogrel (75 mg) and aspirin (81 mg) daily": each amount alone in brackets after its
    # name, every one of the list alike (prosefix8687, fresh87-028)
    bracketed = not amount_first and at > 0 and reading.last == at + 1 \
        and tokens[at - 1].kind == "open" and tokens[at + 1].kind == "close"
    if at != reading.last and not amount_first and not bracketed:
        return None
    position = reading.last + 1
    doses = 0
    together = False
    while position < len(tokens):
        token = tokens[position]
        if token.kind in ("route", "form"):
            position += 1
            continue
        if doses and token.kind == "punct" and token.value == "," and position + 1 < len(tokens) \
                and tokens[position + 1].kind == "freq":
            position += 1  # "…, and acetylsalicylic acid 100 mg, once a day": set off by a comma
            break
        shared = _shared_back(passage, tokens, position) if doses else None
        together = shared is None and doses > 0 \
            and _given_together(passage, tokens, position) is not None
        if together:
            shared = _given_together(passage, tokens, position)
        if shared is not None:
            position = shared  # "furosemide 20 mg and levothyroxine 100 µg, both once daily"
            break
        if not ((token.kind == "plus" and passage.word(token) == "and")
                or (token.kind == "punct" and token.value == ",")):
            break
        position += 1
        if token.kind == "punct" and position < len(tokens) and tokens[position].kind == "plus" \
                and passage.word(tokens[position]) == "and":
            position += 1  # "olanzapine 5 mg, duloxetine 90 mg, and rosuvastatin 5 mg daily"
        # any dose of the list may be a name the catalogue does not know ("omeprazole 20 mg,
        # ranitidine 150 mg, and tramadol 50 mg daily"); in a list of commas alone ("aspirin
        # 100 mg, chlorimipramine 25 mg twice a day") the schedule may be the last dose's only
        # (_last_dose_only)
        if amount_first:
            amount_at, name_at = position, position + 1
        else:
            amount_at, name_at = position + 1, position
            # "warfarin potassium of 2 mg and aspirin of 100 mg a day": a salt word, and "of",
            # between a name and its amount (prosefix8889, fresh89-006)
            while amount_at < len(tokens) and (passage.word(tokens[amount_at]) in SALTS
                                               or passage.word(tokens[amount_at]) == "of"):
                amount_at += 1
            if bracketed:
                if amount_at + 2 >= len(tokens) or tokens[amount_at].kind != "open" \
                        or tokens[amount_at + 2].kind != "close":
                    return None
                amount_at += 1
        if max(amount_at, name_at) >= len(tokens) or not (
                tokens[name_at].kind == "drug"
                or _unknown_name(tokens[name_at])) \
                or tokens[amount_at].kind != "amount":
            return None
        amount: Amount = tokens[amount_at].value
        if amount.mass and amount.per == ("day",) and amount.kind == "single" \
                and not amount_first and not tokens[at].value.per \
                and not (reading.infusion or reading.device) and amount_at + 1 == len(tokens) - 1 \
                and passage.word(tokens[-1]) == ".":
            # "dexamethasone 100 μg and Levothyroxine sodium 1 mg per day.": the last dose's
            # "per day" ends the sentence as a schedule would (an infusion's drugs share it by
            # share_infusion_day)
            return amount_at
        if not (amount.mass and amount.time is None and amount.kind == "single"):
            return None
        doses += 1
        position = max(amount_at, name_at) + (2 if bracketed else 1)
    if not doses or position >= len(tokens) or tokens[position].kind != "freq" \
            or not isinstance(tokens[position].value, Schedule):
        return None
    after = tokens[position + 1:]
    if together:
        return position  # the list's own verb: the words after it are the clause's
    if after and not (len(after) == 1 and passage.word(after[0]) == ".") \
            and passage.word(after[0]) != ";" \
            and not _LIST_DURATION.fullmatch(passage.normal[tokens[position].end:after[-1].end]) \
            and not _bracket_holds_list(passage, tokens, at - 1, position):
        return None
    return position


def _last_dose_only(passage: Passage, tokens: list[Token], reading: ItemReading,
                    end: int) -> str | None:
    """Why the schedule at ``end`` that ends a list of doses (:func:`_list_end_schedule`) is
    certainly the last dose's only, or None where it is each dose's. The case reports'
    writers give a schedule of one dose a day ("daily", "per day", "once a day", "at noon")
    written after the last dose of a list closed by "and" to every dose of the list (fresh15,
    fresh16, fresh28, fresh32, fresh39, fresh40, fresh41, fresh43, fresh46); a schedule that
    counts more doses a day ("… Ramipril 5 mg and Carvedilol 6.25 mg twice daily", fresh47)
    and any schedule after a list of commas alone ("aspirin 75 mg, clopidogrel 75 mg,
    metoprolol 25 mg, atorvastatin 20 mg daily", fresh14, fresh27, fresh32, fresh43) they give
    to the last dose only — the drugs of a list are taken once a day as a rule, a count of
    doses belongs to the drug it is written with. Where it is not shared, the dose's daily
    amount is not known (never a guess either way)."""
    schedule = tokens[end].value
    said = passage.text[tokens[reading.amount_token or end].start:tokens[end].end]
    if end >= 1 and passage.word(tokens[end - 1]) in _EVERY_ONE:
        return None  # "…, both once daily", "… each twice daily": every dose's, in words
    if any(end >= back and _given_together(passage, tokens, end - back) == end
           for back in (2, 3)):
        return None  # "X (900 mg) and Y (300 mg) were administered daily": the list's verb
    if not _closed_by_and(passage, tokens, reading, end):
        return (f"the schedule at the end of the list of doses ({said!r}) follows a list of "
                "commas alone: it may be the last dose's only, so this dose's daily amount is "
                "not known")
    per_day = schedule.doses_per_day if isinstance(schedule, Schedule) else None
    if per_day is not None and per_day > 1:
        return (f"the schedule at the end of the list of doses ({said!r}) counts "
                f"{per_day:g} doses a day: it is certainly the last dose's, and may be that "
                "dose's only, so this dose's daily amount is not known")
    return None


#: The words that give a schedule after a list of doses back to every dose of it.
_EVERY_ONE = frozenset({"both", "each", "all"})


def _shared_back(passage: Passage, tokens: list[Token], position: int) -> int | None:
    """ "oral furosemide 20 mg and levothyroxine 100 µg, both once daily", "… 5 mg, each twice a
    day": "both", "each" or "all" (a comma before it allowed) right before a schedule after the
    last dose of a list gives the schedule to every dose of the list, whatever its count of doses
    a day (prosefix114117, fresh114-011). The position of the schedule, or None."""
    if position < len(tokens) and tokens[position].kind == "punct" and tokens[position].value == ",":
        position += 1
    if position + 1 < len(tokens) and passage.word(tokens[position]) in _EVERY_ONE \
            and tokens[position + 1].kind == "freq":
        return position + 1
    return None


#: The participles of giving after "were" whose schedule is the schedule of the whole subject.
_GIVEN_TOGETHER = frozenset({"given", "administered", "prescribed", "taken", "continued",
                             "started", "commenced", "initiated", "used", "resumed"})


def _given_together(passage: Passage, tokens: list[Token], position: int) -> int | None:
    """ "Oral rifampicin (900 mg) and doxycycline (300 mg) were administered daily": "were" and
    a participle of giving right after the last dose of a list, then a schedule — the verb's
    subject is the whole list (plural "were"), so the schedule is every dose's, whatever its
    count a day, as "both" or "each" make it (prosefix122125, fresh125-023). The position of the
    schedule, or None. Without the verb ("X 10 mg and Y 20 mg twice daily") the line stays where
    :func:`_last_dose_only` draws it."""
    if position + 2 >= len(tokens) or passage.word(tokens[position]) != "were" \
            or passage.word(tokens[position + 1]) not in _GIVEN_TOGETHER:
        return None
    ahead = position + 2
    if tokens[ahead].kind == "route" and ahead + 1 < len(tokens):
        ahead += 1  # "… were given orally twice daily"
    if tokens[ahead].kind != "freq":
        return None
    return ahead


def _closed_by_and(passage: Passage, tokens: list[Token], reading: ItemReading, end: int) -> bool:
    """Is the list of doses that ends at ``end`` closed by "and" before its last dose (the last
    joiner between the dose ``reading`` and the schedule)?"""
    last_and = max((p for p in range(reading.last + 1, end)
                    if tokens[p].kind == "plus" and passage.word(tokens[p]) == "and"), default=None)
    if last_and is None:
        return False
    return not any(t.kind == "punct" and t.value == "," and passage.word(tokens[p + 1]) != "and"
                   for p, t in enumerate(tokens[last_and + 1:end - 1], start=last_and + 1))


def _bracket_holds_list(passage: Passage, tokens: list[Token], first: int, schedule: int) -> bool:
    """ "(aspirin 100 mg, clopidogrel 75 mg, and cilostazol 200 mg daily)": does the schedule
    at ``schedule`` close a bracket that opens right before the first dose of the list the dose
    at ``first`` belongs to — the doses before it (each a name and one amount of mass with no
    schedule of its own) joined by "and" or commas, nothing else between the bracket and it?"""
    if tokens[first].kind != "drug" or schedule + 1 >= len(tokens) \
            or tokens[schedule + 1].kind != "close":
        return False
    opening = opening_bracket(tokens, schedule)
    if opening is None or opening_bracket(tokens, first) != opening:
        return False
    position = first
    while position - 1 > opening:
        joiner = position - 1
        while joiner > opening and ((tokens[joiner].kind == "plus" and passage.word(tokens[joiner]) == "and")
                                    or (tokens[joiner].kind == "punct" and tokens[joiner].value == ",")):
            joiner -= 1
        if joiner == position - 1 or joiner - 1 <= opening:
            return False
        amount = tokens[joiner].value if tokens[joiner].kind == "amount" else None
        if not isinstance(amount, Amount) or not (amount.mass and amount.time is None
                                                  and amount.kind == "single") \
                or not (tokens[joiner - 1].kind == "drug" or _unknown_name(tokens[joiner - 1])):
            return False
        position = joiner - 1
    return position - 1 == opening


def _list_start_schedule(passage: Passage, tokens: list[Token], reading: ItemReading) -> int | None:
    """ "the patient was prescribed daily edoxaban 15 mg and pantoprazole 20 mg.": where a dose
    (a catalogue drug's name and one amount of mass with no schedule of its own) is the last of
    a list of such doses joined by "and" or commas that ends the sentence, and a schedule stands
    right before the first dose's name (not after an amount: "… 10 mg daily edoxaban" is the
    dose before's), the position of that schedule; else None."""
    if reading.amount_token is None or reading.amount_token != reading.last \
            or reading.amount_token != reading.first + 1 or tokens[reading.first].kind != "drug":
        return None
    after = tokens[reading.last + 1:]
    if after and not (len(after) == 1 and passage.word(after[0]) == "."):
        return None
    position = reading.first - 1
    doses = 0
    while position >= 2:
        token = tokens[position]
        if not ((token.kind == "plus" and passage.word(token) == "and")
                or (token.kind == "punct" and token.value == ",")):
            break
        position -= 1
        if tokens[position].kind == "punct" and tokens[position].value == ",":
            position -= 1  # "… 15 mg, and pantoprazole 20 mg"
        amount = tokens[position].value if tokens[position].kind == "amount" else None
        if not isinstance(amount, Amount) or not (amount.mass and amount.time is None
                                                  and amount.kind == "single") \
                or tokens[position - 1].kind != "drug":
            return None
        doses += 1
        position -= 2
    if not doses or position < 0 or tokens[position].kind != "freq" \
            or not isinstance(tokens[position].value, Schedule):
        return None
    if position >= 1 and tokens[position - 1].kind in ("amount", "number", "freq"):
        return None
    return position


def _unknown_name(token: Token) -> bool:
    """A word that could be the name of a drug the catalogue does not know ("rosuvastatin"),
    a dose of the list all the same, its amount given to no drug."""
    return token.kind == "word" and name_like(str(token.value)) and token.value not in NOT_A_NAME


def _listed_after(passage: Passage, tokens: list[Token], one: ItemReading, other: ItemReading) -> bool:
    """Is ``other`` the next item of a list that ``one`` heads ("morphine 30 mg and
    ketamine 100 mg/day", "diamorphine 20 mg, cyclizine 150 mg")?"""
    if other.first <= one.last:
        return False
    between = tokens[one.last + 1:other.first]
    return bool(between) and all(
        (t.kind == "plus" and passage.normal[t.start:t.end] in ("and", "plus"))
        or (t.kind == "punct" and t.value == ",") for t in between)


def _unsplit(chain: list[ItemReading], labels: list[str | None]) -> str | None:
    """Why the parts of a split dose do not sum to a day, or None where they do."""
    if None in labels:
        return "a part has no time of day of its own"
    if len(set(labels)) < len(labels):
        return "two parts at one time of day"
    bases = set()
    for part in chain:
        amount = part.amount
        assert amount is not None
        if amount.kind != "single" or amount.per or amount.base not in ("mg", "mcg", "g"):
            return "a part is not one amount per dose"
        if part.prn or part.alt is not None or part.count is not None \
                or part.units_unread is not None or part.doses_taken is not None:
            return "a part is as needed or counted in units"
        bases.add(amount.base)
    if len(bases) > 1:
        return "the parts are in different units"
    return None


def _time_label(time: re.Match[str]) -> str:
    """What a time of day names: morning, noon, afternoon, evening, night, or the clock time."""
    for name in ("morning", "noon", "afternoon", "evening", "night"):
        if time.group(name):
            return name
    return " ".join(time.group("clock").split())
