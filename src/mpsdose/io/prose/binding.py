"""Pass 3: each amount bound to the drug it belongs to.

The drug right after the amount ("2 mg/day of morphine"), else the nearest before it in its
sentence (brackets skipped), else — where the sentence refers back ("the dose was increased to
…") — the drug the story is about, said in a finding. Also: a combination's strengths, an
amount said again in brackets, the time written after a drug's name, route or vehicle ("0.4 mg
IV hydromorphone/hour"), lists of daily amounts and courses told day by day, doses of two drugs
joined by "or", and amounts bound to no drug.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import attrs

from mpsdose.io.prose.amounts import unit_spelling
from mpsdose.io.prose.modifiers import volume_of_dose
from mpsdose.io.prose.not_doses import regimen_list
from mpsdose.io.prose.passage import ItemReading, Passage
from mpsdose.io.prose.scan import Amount, DrugName, Token, apposition_drug
from mpsdose.io.prose.unknown_names import (
    after_unknown_name,
    changed_unknown_name,
    coordinated_unknown_name,
    daily_of_unknown_name,
    dose_of_name,
    dose_of_unknown_between,
    follows_unknown_dose,
    for_unknown_word,
    given_at_unknown_name,
    given_by_route,
    headed_by_unknown_name,
    infusion_of_name,
    name_at_a_dose,
    named_after_conjunction,
    relative_of_unknown_name,
    started_after_conjunction,
    subject_unknown_name,
    symptom_dose_among_drugs,
)
from mpsdose.io.prose.words import COUNTED, INN_STEM, NOT_A_NAME, SALTS, VEHICLES, unit_count
from mpsdose.model.drugs import Drug
from mpsdose.model.findings import Severity

__all__ = ["bind_amounts", "drop_alternatives", "level_of_metabolite", "mg_of", "note_unit_strengths",
           "report_unattached"]

#: Words that may stand between an amount and the drug written right after it ("0.5% plain
#: bupivacaine", "10 mg of morphine sulfate").
_TIGHT = frozenset({"of", "preservative-free", "isobaric", "hyperbaric", "plain", "high",
                    "concentration", "low", "dose", "dosage", "sulphate", "sulfate", "hydrochloride",
                    "citrate", "-", "release", "acting",
                    # "300 mg/day of systemic fluconazole": the drug given to the whole body
                    # (prosefix8485, fresh84-003)
                    "systemic",
                    # "daily 40 mg subcutaneous prophylactic enoxaparin": the purpose of the
                    # dose (prosefix9091, fresh91-007)
                    "prophylactic", "therapeutic"})
#: The time an amount is per, written after the drug it names ("0.4 mg IV hydromorphone/hour",
#: "0.25 mg of morphine sulfate per 24 hours", "10 mg morphine an hour").
_PER_TIME_AFTER_NAME = re.compile(
    r"(?:/\s*|per\s+)(?P<unit>24\s*-?\s*h(?:ours?|rs?)?|hours?|hrs?|h|days?|d|min(?:ute)?s?)"
    r"(?![a-z0-9/])|an?\s+(?P<word>hour|day)(?![a-z0-9/])"
    # "metoclopramide 40mg IV over 24 hours": the amount given over a day is the day's
    r"|over\s+(?:a\s+)?(?P<over>24)\s*-?\s*h(?:ours?|rs?)?(?![a-z0-9/])")
#: "in dextrose ", "in normal saline ": the solution an amount is given in, before its strength.
_IN_VEHICLE = re.compile(r"\s+in\s+" + VEHICLES + r"\s+")
#: "at a daily dose of", "the daily dosage was": the words before an amount a day.
_DAILY_DOSE_OF = re.compile(r"\bdaily\s+(?:dose|dosage)s?\s+(?:of\s+|was\s+|were\s+|:\s*)?$")
#: "two daily doses of …": a count of doses (or of days), not a daily dose of each.
_COUNTED_DAILY_DOSES = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|several|multiple|repeated)\s+daily\s+(?:dose|dosage)s?"
    r"\s+(?:of\s+)?$")
#: Words that end the words of what a listed dose is for.
_NAMED_LIST_STOPS = frozenset({"was", "were", "is", "are", "and", "with", "then", "but"})


def bind_amounts(passage: Passage, sentence: int, tokens: list[Token], used: set[int]) -> list[ItemReading]:
    """Each amount of the sentence that is not yet used (``used``, token positions), bound to
    its drug: an item being read for each of its values. The positions of the amounts bound or
    set aside here are added to ``used``."""
    readings: list[ItemReading] = []
    _daily_dose_list(passage, tokens)
    _course_in_list(passage, tokens)
    _day_by_day(passage, tokens)
    for index, token in enumerate(tokens):
        if token.kind != "amount" or index in used:
            continue
        amount: Amount = token.value
        if amount.volume or amount.volume_rate:
            continue  # read with the concentrations of the sentence (attach_volumes)
        if amount.kind == "fromto" and not any(
                t.kind == "verb" and t.value in ("increase", "decrease", "titrate", "reach")
                for t in tokens[max(0, index - 5):index]):
            amount = attrs.evolve(amount, kind="between")  # "doses ranged from 5 to 10 mg"
        if amount.kind == "combination" and len(amount.values) >= 3 \
                and _one_drug_right_before(passage, tokens, index):
            # "hydrocortisone replacement (10/5/5 mg)": three strengths or more and no
            # components named one by one — the doses of one drug through a day, in order
            amount = attrs.evolve(amount, kind="divided")
            tokens[index] = attrs.evolve(token, value=amount)
        if amount.kind == "divided" and "+" in passage.text[token.start:token.end] \
                and _combination_right_before(passage, tokens, index, len(amount.values)):
            # "amoxicillin/clavulanate 875 mg + 125 mg twice daily": after a combination's
            # name, amounts joined by "+" are its components' strengths, not the doses of a
            # day (prosefix131134)
            amount = attrs.evolve(amount, kind="combination")
            tokens[index] = attrs.evolve(token, value=amount)
        if amount.kind == "combination":
            used.add(index)
            readings.extend(_combination(passage, sentence, tokens, index))
            continue
        if _restates_amount_before(passage, tokens, index, readings):
            used.add(index)
            continue
        drug_index = _drug_right_after(tokens, index)
        if drug_index is None:
            treated = _treatment_named_after(passage, tokens, index)
            if treated == -1:
                continue  # two drugs compete for it: left unattached (amount-not-attached)
            drug_index = treated
        if drug_index is None and not any(t.kind == "drug" for t in tokens[:index]):
            # "the patient was given 20 mg b.i.d. omeprazole": no drug before the amount, so
            # its schedule may stand between it and the drug's name
            drug_index = _drug_right_after(tokens, index, schedule=True)
        if drug_index is None and _after_amount_first_item(tokens, index):
            # "1 g every 12 h (q12h) vancomycin and 1 g q8h meropenem": in a list written
            # amount, schedule, then name, the next amount is the next name's (prosefix6869)
            drug_index = _drug_right_after(tokens, index, schedule=True)
        if drug_index is None and index + 2 < len(tokens) and tokens[index + 1].kind == "freq" \
                and tokens[index + 2].kind == "word" and tokens[index + 2].value in (
                    "of", "dose", "dosage"):
            # "60 mg daily dose of morphine", "6 mg daily of X": the schedule, then the drug
            # the words of its dose name — never the drug before the amount
            drug_index = _drug_right_after(tokens, index, schedule=True)
        if drug_index is None and for_unknown_word(passage, tokens, index):
            continue
        if drug_index is None and (daily_of_unknown_name(passage, tokens, index)
                                   or changed_unknown_name(passage, tokens, index)):
            used.add(index)
            continue
        if drug_index is None and after_unknown_name(passage, tokens, index):
            used.add(index)
            continue
        if drug_index is None and given_at_unknown_name(passage, tokens, index):
            used.add(index)
            continue
        if drug_index is None:
            drug_index = _drug_before(passage, tokens, index)
            if drug_index is not None and _own_bracket_closed(tokens, drug_index, index):
                continue  # "X (15 mg/day), Y Z (3000 mg/day)": not X's (amount-not-attached)
            if drug_index is not None and _switched_from_then_to(passage, tokens, drug_index,
                                                                 index):
                continue  # "switched from X to 200 mg/day Y": not X's (amount-not-attached)
            if drug_index is not None and amount.activity \
                    and _amount_first_before(tokens, drug_index, index):
                continue  # "67.5 mg/day Captopril®, 35 U/day NPH insulin": not captopril's
            if drug_index is not None and amount.base == "%" and not amount.per \
                    and not _next_to(tokens, drug_index, index):
                drug_index = None  # "methadone was 2.3 days (95% CI …)": a share
            if drug_index is not None and dose_of_unknown_between(
                    passage, tokens, drug_index, index):
                used.add(index)
                continue
            if drug_index is not None and relative_of_unknown_name(
                    passage, tokens, drug_index, index):
                used.add(index)
                continue
            if drug_index is not None and named_after_conjunction(
                    passage, tokens, drug_index, index):
                used.add(index)
                continue
            if drug_index is not None and coordinated_unknown_name(
                    passage, tokens, drug_index, index):
                used.add(index)
                continue
            if drug_index is not None and started_after_conjunction(
                    passage, tokens, drug_index, index):
                used.add(index)
                continue
            if drug_index is not None and follows_unknown_dose(passage, tokens, drug_index, index):
                used.add(index)
                continue
            if drug_index is not None and headed_by_unknown_name(passage, tokens, drug_index, index):
                used.add(index)
                continue
            if drug_index is not None and symptom_dose_among_drugs(passage, tokens, index):
                continue
        if drug_index is not None and _second_strength(tokens, drug_index, index):
            # "amoxicillin and clavulanic acid …, 1000 mg + 200 mg, 5 vials (1 vial per day)":
            # the amount after "<amount> +" is the next component's strength, never the
            # product's (prosefix131134, fresh132-015)
            used.add(index)
            passage.add_not_dose(token, "the strength of a combination's next component, "
                                 "after '+'")
            passage.add_finding(Severity.INFO, "combination-not-read",
                                f"{passage.text[tokens[index - 2].start:token.end]!r}: the "
                                f"strengths of the components of {tokens[drug_index].value.drug.name}"
                                ": the second is no amount of the product",
                                (tokens[index - 2].start, token.end))
            continue
        both: list[int] = []
        if drug_index is not None:
            both = _coordinated(tokens, drug_index, index)
        targets = [drug_index, *both] if drug_index is not None else []
        if amount.activity and not all(_takes_units(tokens[t].value.drug)
                                       or (tokens[t].value.drug.is_opioid
                                           and _next_to(tokens, t, index)) for t in targets):
            continue  # "aspirin 100 mg … and 20 units [of insulin]": not aspirin's (not attached)
        if not targets:
            if headed_by_unknown_name(passage, tokens, -1, index) \
                    or subject_unknown_name(passage, tokens, index):
                used.add(index)
                continue
            focus = _story_drug(passage, tokens, amount)
            if focus is None:
                continue
            drug, drug_span, route = focus
            if amount.activity and not _takes_units(drug):
                continue
            used.add(index)
            # "4 tablets (10 mg) daily": the item's words begin at the count of units
            counted = _counted_units(passage, tokens, amount) is not None
            first = index - 3 if counted else index
            for value_index in range(1 if amount.kind == "divided" else len(amount.values)):
                readings.append(ItemReading(drug, drug_span, sentence, first, index, amount,
                                            value_index, index, from_earlier=True,
                                            earlier_route=route))
                if counted:
                    said = passage.text[tokens[first].start:tokens[index + 1].end]
                    readings[-1].notes.append((
                        "counted-units", f"{said!r}: the story named {tokens[index - 2].value}s "
                        f"of one drug only, {drug.name}, and the count times their strength is "
                        "the amount in brackets", Severity.INFO))
            continue
        paired = _paired_names(tokens, drug_index, index, passage) if amount.kind == "list" \
            and drug_index is not None and not both else None
        if paired is not None and len(paired) != len(amount.values):
            used.add(index)  # "A and B were increased to 60, 80 and 100 mg": whose is which?
            passage.add_not_dose(token, "amounts of a list after names of a list, the counts "
                                 "differing: no drug's amount")
            passage.add_finding(Severity.WARNING, "amount-not-attached",
                                f"{passage.text[token.start:token.end]!r}: {len(amount.values)} "
                                f"amounts after {len(paired)} names joined by 'and': which "
                                "amount is which drug's is not written, none is read",
                                (token.start, token.end))
            continue
        if paired is not None:
            # "oxcarbazepine and topiramate were increased to 1050 and 200 mg/day
            # (, respectively)": as many names as amounts, paired in order, one state
            used.add(index)
            for value_index, target in enumerate(paired):
                named: DrugName = tokens[target].value
                readings.append(ItemReading(named.drug, tokens[target].name_span, sentence,
                                            target, index, amount, value_index, index,
                                            name_route=named.route, paired=True))
            continue
        used.add(index)
        rate = _rate_after_name(passage, tokens, index, drug_index) if not both else None
        if rate is None:
            rate = _rate_after_route(passage, tokens, index)
        if rate is None:
            rate = _rate_after_vehicle(passage, tokens, index)
            if rate is not None:
                used.add(rate[1])
                passage.add_not_dose(tokens[rate[1]], "the strength of the solution the drug is "
                                     "given in, whose time is the dose's")
        if rate is not None:
            amount = attrs.evolve(amount, per=(*amount.per, rate[0]))
        for target in targets:
            name: DrugName = tokens[target].value
            first, last = min(target, index), max(target, index)
            if rate is not None:
                last = max(last, rate[1])
            for value_index in range(1 if amount.kind == "divided" else len(amount.values)):
                readings.append(ItemReading(name.drug, tokens[target].name_span,
                                            sentence, first, last, amount, value_index, index,
                                            name_route=name.route,
                                            daily_list=token.start in passage.daily_amounts,
                                            day_amount=token.start in passage.day_amounts,
                                            course=token.start in passage.course_amounts,
                                            ceiling=passage.ceilings.get(token.start)))
    return readings


def _combination_right_before(passage: Passage, tokens: list[Token], index: int,
                              parts: int) -> bool:
    """Whether the amount at ``index`` follows (past route, release and form words) the name of
    a combination product of ``parts`` components."""
    position = index - 1
    while position >= 0 and (tokens[position].kind in ("route", "release", "form")
                             or passage.word(tokens[position]) in SALTS):
        position -= 1
    return position >= 0 and tokens[position].kind == "drug" \
        and tokens[position].value.drug.name.count(" + ") + 1 == parts


def _second_strength(tokens: list[Token], drug_index: int, index: int) -> bool:
    """Whether the amount at ``index`` follows another amount and "+" ("1000 mg + 200 mg"),
    both after the name of a combination product (``drug_index``, a name of "a + b"): the
    strengths of its components in order, the second no amount of the product."""
    return drug_index < index - 2 and " + " in tokens[drug_index].value.drug.name \
        and tokens[index - 1].kind == "word" and tokens[index - 1].value == "+" \
        and tokens[index - 2].kind == "amount"


def drop_alternatives(passage: Passage, tokens: list[Token],
                      readings: list[ItemReading]) -> list[ItemReading]:
    """ "Diamorphine 40mg or morphine 60mg in syringe": doses of two drugs joined by "or"
    are a choice the text leaves open — neither is read as given (a finding says so)."""
    ordered = sorted((r for r in readings if r.amount_token is not None), key=lambda r: r.first)
    chosen: set[int] = set()
    for one, other in itertools.pairwise(ordered):
        between = tokens[one.last + 1:other.first]
        if one.drug != other.drug and len(between) == 1 and between[0].kind == "plus" \
                and passage.normal[between[0].start:between[0].end] == "or":
            chosen.update((id(one), id(other)))
            start, end = tokens[one.first].start, tokens[other.last].end
            passage.add_finding(Severity.INFO, "alternatives",
                                f"{passage.text[start:end]!r}: doses of {one.drug.name} or "
                                f"{other.drug.name}, a choice the text leaves open: neither is read "
                                "as given", (start, end))
    for reading in readings:
        if id(reading) in chosen and reading.amount_token is not None:
            passage.add_not_dose(tokens[reading.amount_token], "one of alternatives joined by 'or'")
            passage.owned.add(reading.drug_span)
    kept = [r for r in readings if id(r) not in chosen]
    if len(kept) < len(readings):  # their names are not mentions of their own either
        passage.negated_tokens.update(passage.token_at[r.drug_span[0]] for r in readings
                                      if id(r) in chosen and r.drug_span[0] in passage.token_at)
    return kept


def report_unattached(passage: Passage, tokens: list[Token], used: set[int],
                      readings: list[ItemReading]) -> None:
    """Amounts bound to no drug and not set aside before: not doses; each said in an ``amount-
    not-attached`` finding (a bare percentage, a share, without one)."""
    bound = {r.amount_token for r in readings}
    for index, token in enumerate(tokens):
        if token.kind != "amount" or index in used or index in bound:
            continue
        amount: Amount = token.value
        if any(r.first <= index <= r.last and volume_of_dose(passage, tokens, r, index)
               for r in readings):
            passage.add_not_dose(token, "the volume one dose comes in (a prefilled syringe's)")
            continue
        if amount.base == "%" and not amount.per:
            passage.add_not_dose(token, "a percentage not attached to a drug the catalogue knows")
            continue
        passage.add_not_dose(token, "no drug the catalogue knows is named for it")
        passage.add_finding(Severity.WARNING, "amount-not-attached",
                            f"{passage.text[token.start:token.end]!r}: no drug the catalogue knows is "
                            "named for it; not read as an item", (token.start, token.end))
        _note_spelt_like(passage, tokens, index)


def _note_spelt_like(passage: Passage, tokens: list[Token], index: int) -> None:
    """ "steroids (methylprednisone 40 mg Q12h)": the word an unread amount is written with —
    right before it, or after it and "of" — that no list knows but that is spelt within two
    letters of a catalogue name of seven letters or more is said in a finding naming that
    drug (``spelt-like``), so the pharmacist can check the text; it is never read as that drug
    (a misspelling may as well be another substance: "methylprednisone" is also meprednisone's
    chemical name, 16β-methylprednisone; prosefix9293, fresh93-018)."""
    # the word before, else the word after "of" ("injections of 12 milligrammes of
    # bethamethasone": "of" before the amount is no name; prosefix9798, fresh97-013)
    candidates = [at for at in (index - 1 if index >= 1 and tokens[index - 1].kind == "word"
                                else None,
                                index + 2 if index + 2 < len(tokens)
                                and passage.word(tokens[index + 1]) == "of"
                                and tokens[index + 2].kind == "word" else None)
                  if at is not None and _spelt_candidate(passage, tokens[at])]
    if not candidates:
        return
    at = candidates[0]
    word = passage.word(tokens[at])
    closest: dict[str, tuple[int, str]] = {}
    for name in passage.catalogue.names:
        if len(name) >= 7 and name.isalpha() and abs(len(name) - len(word)) <= 2 \
                and (edits := _edits(word, name)) <= 2:
            drug = passage.catalogue.resolve(name).name
            closest[drug] = min(closest.get(drug, (edits, name)), (edits, name))
    near = sorted(name if name == drug else f"{name} ({drug})"
                  for drug, (_, name) in closest.items())
    if near:
        passage.add_finding(Severity.WARNING, "spelt-like",
                            f"{passage.text[tokens[at].start:tokens[at].end]!r} is no name the "
                            f"catalogue knows, but is spelt like {' or '.join(near)} (two letters "
                            "or fewer apart): its amount is not read as that drug — check the "
                            "text", (tokens[at].start, tokens[at].end))


def _spelt_candidate(passage: Passage, token: Token) -> bool:
    """Could the word be a catalogue name misspelt: seven letters or more, no name the
    catalogue or either list knows?"""
    word = passage.word(token)
    return len(word) >= 7 and word.isalpha() and word not in NOT_A_NAME \
        and passage.catalogue.get(word) is None \
        and not any(low <= token.start < high for low, high in passage.other_name_spans)


def _edits(word: str, name: str) -> int:
    """How many letters added, dropped or changed make ``word`` of ``name`` (the Levenshtein
    distance), or 3 where it is more than two."""
    if word == name:
        return 0
    previous = list(range(len(name) + 1))
    for i, letter in enumerate(word, 1):
        current = [i]
        for j, other in enumerate(name, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (letter != other)))
        if min(current) > 2:
            return 3
        previous = current
    return min(previous[-1], 3)


def _daily_dose_list(passage: Passage, tokens: list[Token]) -> None:
    """ "a daily dose of 20 mg paroxetine and 1.2 mg alprazolam": "daily dose of" before a
    list of amounts each written before the name of a different drug says each is an amount
    a day."""
    for index, token in enumerate(tokens):
        if token.kind != "amount" or token.value.time is not None:
            continue
        if _DAILY_DOSE_OF.search(passage.normal[max(0, token.start - 40):token.start]) is None:
            continue
        listed = regimen_list(passage, tokens, index)
        passage.daily_amounts.update(tokens[position].start for position in listed)
    for index, token in enumerate(tokens):
        if token.kind not in ("drug", "word"):
            continue
        before = passage.normal[max(0, token.start - 40):token.start]
        if _DAILY_DOSE_OF.search(before) is None or _COUNTED_DAILY_DOSES.search(before):
            continue
        listed = _named_list(passage, tokens, index)
        if len(listed) >= 2:
            passage.daily_amounts.update(tokens[position].start for position in listed)


#: "prednisone 10mg for 5 days," : a course of days or weeks right after a dose, the item ending
#: there (a comma, a semicolon, "and", the sentence's end).
_COURSE_AFTER = re.compile(r"\s+for\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
                           r"fourteen)\s*-?\s*(?:days?|weeks?)\s*(?:[,;.]|and\b|$)")


def _course_in_list(passage: Passage, tokens: list[Token]) -> None:
    """ "Her medication regimen included amlodipine 5mg daily, …, prednisone 10mg for 5 days,
    …": in a list of regimens (at least two other doses of the sentence with a frequency), a
    dose of mass written right after its drug's name with a course of days after it and no
    frequency of its own is the course's amount a day, as a medication list records it. An
    as-needed frequency ("ibuprofen 6 mg every 6 h as needed, …, methylprednisolone 4 mg for 5
    days") is not a schedule of the list: a list of as-needed doses does not make the course's
    amount daily."""
    frequencies = sum(1 for index, token in enumerate(tokens) if token.kind == "freq"
                      and not any(t.kind == "prn" for t in tokens[index + 1:index + 4]))
    if frequencies < 2:
        return
    for index, token in enumerate(tokens):
        amount = token.value if token.kind == "amount" else None
        if amount is None or amount.per or amount.kind != "single" \
                or amount.base not in ("mg", "mcg", "g") or index == 0 \
                or tokens[index - 1].kind != "drug":
            continue
        if index + 1 < len(tokens) and tokens[index + 1].kind == "freq":
            continue
        if _COURSE_AFTER.match(passage.normal, token.end, tokens[-1].end + 1):
            passage.course_amounts.add(token.start)


def _named_list(passage: Passage, tokens: list[Token], index: int) -> list[int]:
    """ "daily doses of ketiapin 25 mg for anxiety disorder and venlafaxine 75 mg": names each
    right before an amount of its own (a salt's word between: "metoprolol succinate 50 mg"),
    joined by commas or "and", each with the words of what it is for ("for anxiety disorder"),
    one list from the name at ``index`` on. The positions of the list's amounts (amounts with a
    time of their own end the list)."""
    positions: list[int] = []
    position = index
    while position + 1 < len(tokens):
        name = tokens[position]
        ahead = position + 1
        while ahead + 1 < len(tokens) and tokens[ahead].kind == "word" \
                and tokens[ahead].value in SALTS:
            ahead += 1  # "metoprolol succinate 50 mg": the salt's word after the name
        amount = tokens[ahead]
        if name.kind not in ("drug", "word") or amount.kind != "amount" \
                or amount.value.time is not None:
            break
        positions.append(ahead)
        position = ahead + 1
        if position < len(tokens) and tokens[position].kind == "word" \
                and tokens[position].value == "for":  # what it is for
            position += 1
            while position < len(tokens) and tokens[position].kind in ("word", "cue") \
                    and tokens[position].value not in _NAMED_LIST_STOPS:
                position += 1
        if position < len(tokens) and ((tokens[position].kind == "punct"
                                        and tokens[position].value == ",")
                                       or (tokens[position].kind == "plus"
                                           and passage.word(tokens[position]) == "and")):
            position += 1
            continue
        break
    return positions


def _day_by_day(passage: Passage, tokens: list[Token]) -> None:
    """ "24 mg on day 1 and 20 mg on day 2", "40 mg on the first day and 30 mg on the second
    day": a sentence that gives amounts of a drug for two or more different days, each amount
    said to be given "on" its day, tells what was given each day: each amount is that day's.
    One amount on one day ("10 mg on day 3") may be a single dose of that day: not read so,
    nor are amounts of different drugs on different days, as a block of chemotherapy gives them
    ("vincristine 1.5 mg on day 1; cytarabine 1000 mg on day 5"): the days counted are those of
    one drug's amounts, another drug's name or a semicolon opening another's."""
    days: dict[int, str] = {}
    owner: dict[int, tuple[int, str]] = {}
    whose = (0, "")
    for index, token in enumerate(tokens):
        if token.kind == "drug":
            whose = (whose[0], token.value.drug.name)
        elif token.kind == "punct" and token.value == ";":
            whose = (whose[0] + 1, "")
        owner[index] = whose
        amount = token.value if token.kind == "amount" else None
        if amount is None or amount.per or amount.base not in ("mg", "mcg", "g") \
                or amount.high is not None or len(amount.values) != 1:
            continue
        after = tokens[index + 1:index + 3]
        if after and after[0].kind == "time" and passage.normal[after[0].start:after[0].end] \
                .startswith("on ") and after[0].value != "later":
            days[index] = str(after[0].value)
        elif len(after) == 2 and after[0].kind == "word" and after[0].value == "on" \
                and after[1].kind == "time" and str(after[1].value).startswith("day "):
            days[index] = str(after[1].value)
    for whose in set(owner[index] for index in days):
        mine = [index for index in days if owner[index] == whose]
        if len({days[index] for index in mine}) >= 2:
            passage.day_amounts.update(tokens[index].start for index in mine)


def _rate_after_name(passage: Passage, tokens: list[Token], index: int,
                     drug_index: int | None) -> tuple[str, int] | None:
    """ "0.4 mg IV hydromorphone/hour", "0.25 mg of morphine sulfate per 24 hours": a mass
    amount written before its drug, the time it is per written after the name. The time
    and the position of its last token, or None."""
    amount: Amount = tokens[index].value
    if drug_index is None or drug_index <= index or not amount.mass or amount.time is not None \
            or amount.kind not in ("single", "range"):
        return None
    position = drug_index + 1
    while position < len(tokens) and tokens[position].kind == "word" \
            and tokens[position].value in SALTS:
        position += 1
    if position >= len(tokens):
        return None
    return _time_written_at(passage, tokens, position)


def _next_to(tokens: list[Token], drug: int, amount: int) -> bool:
    """Is the amount written next to the drug's name ("0.2% ropivacaine", "lidocaine 2%",
    "ropivacaine (0.2%)"), with only route, release or form words or brackets between?"""
    low, high = min(drug, amount), max(drug, amount)
    return all(t.kind in ("route", "release", "form", "open", "close", "infusion")
               or (t.kind == "word" and t.value in _TIGHT)
               for t in tokens[low + 1:high]) and high - low <= 4


def _rate_after_route(passage: Passage, tokens: list[Token], index: int) -> tuple[str, int] | None:
    """ "a continuous infusion of morphine at 10 mg intravenously per hour": a mass amount,
    the route written after it, then the time it is per. The time and the position of its
    last token, or None."""
    amount: Amount = tokens[index].value
    if not amount.mass or amount.time is not None or amount.kind not in ("single", "range"):
        return None
    position = index + 1
    while position < len(tokens) and position <= index + 2 and tokens[position].kind == "route":
        position += 1
    if position == index + 1 or position >= len(tokens):
        return None
    return _time_written_at(passage, tokens, position)


def _time_written_at(passage: Passage, tokens: list[Token], position: int
                     ) -> tuple[str, int] | None:
    """The time an amount is per, written at ``position`` ("/hour", "per 24 hours", "an
    hour"): "h", "day" or "min", and the position of its last token; or None."""
    found = _PER_TIME_AFTER_NAME.match(passage.normal, tokens[position].start)
    if found is None:
        return None
    last = next((p for p in range(position, len(tokens)) if tokens[p].end == found.end()), None)
    if last is None:
        return None
    unit = found.group("unit") or found.group("word") or found.group("over")
    time = "day" if unit.startswith(("24", "d")) else "min" if unit.startswith("min") else "h"
    return time, last


def _rate_after_vehicle(passage: Passage, tokens: list[Token], index: int) -> tuple[str, int] | None:
    """ "infusion 1500 mg in dextrose 5%/24 hour": a mass amount, the solution it is given
    in, then that solution's strength with the time the amount is per. The time and the
    position of the strength, or None."""
    amount: Amount = tokens[index].value
    if not amount.mass or amount.time is not None or amount.kind not in ("single", "range"):
        return None
    found = _IN_VEHICLE.match(passage.normal, tokens[index].end)
    if found is None:
        return None
    position = next((p for p in range(index + 1, len(tokens))
                     if tokens[p].start >= found.end()), None)
    if position is None or tokens[position].kind != "amount" \
            or tokens[position].start != found.end():
        return None
    strength: Amount = tokens[position].value
    if strength.base != "%" or strength.time is None or len(strength.per) != 1:
        return None
    return strength.time, position


#: Nouns that may stand between a drug's name and its doses of a day: "hydrocortisone
#: replacement (10/5/5 mg)".
_DOSE_NOUNS = frozenset({"replacement", "dose", "doses", "dosing", "regimen", "therapy"})


def _one_drug_right_before(passage: Passage, tokens: list[Token], index: int) -> bool:
    """Is one catalogue drug named right before the strengths at ``index`` — only a bracket,
    route, release or form words and a noun of dosing ("replacement", "dose") between, and no
    other name joined to it by "/" or "-" ("paracetamol/codeine/caffeine 500/30/50 mg" is a
    combination, "Exforge HCT 5/160/12.5 mg" a product the catalogue does not know)?"""
    position = index - 1
    while position >= 0 and (tokens[position].kind in ("release", "route", "form", "open")
                             or passage.word(tokens[position]) in _DOSE_NOUNS):
        position -= 1
    if position < 0 or tokens[position].kind != "drug":
        return False
    return not (position >= 1 and tokens[position - 1].kind == "word"
                and tokens[position - 1].value in ("/", "-"))


def _combination(passage: Passage, sentence: int, tokens: list[Token], index: int) -> list[ItemReading]:
    """ "oxycodone/acetaminophen 5/325 mg, two tablets every 6 hours": one strength for each
    drug named before it, in order, and the tablets a dose — each component an item. A
    combination whose components the text does not name one by one (a brand) is not read."""
    amount: Amount = tokens[index].value
    position = index - 1
    while position >= 0 and tokens[position].kind in ("release", "route", "form", "approx",
                                                      "open"):
        position -= 1  # "oxycodone/acetaminophen tablets (5 mg/325 mg)"
    drugs: list[int] = []
    while position >= 0 and tokens[position].kind == "drug":
        drugs.insert(0, position)
        if position >= 2 and tokens[position - 1].kind == "word" \
                and tokens[position - 1].value in ("/", "-") and tokens[position - 2].kind == "drug":
            position -= 2
            continue
        break
    token = tokens[index]
    if len(drugs) != len(amount.values):
        passage.add_not_dose(token, "the strengths of a combination whose components are not named "
                             "one by one")
        passage.add_finding(Severity.WARNING, "combination-not-read",
                            f"{passage.text[token.start:token.end]!r}: the strengths of a combination "
                            "product, and the text does not name its components one by one: not "
                            "read", (token.start, token.end))
        return []
    count = _units_before(tokens, drugs[0]) or _units_after(tokens, index)
    around = None if count else _units_around(tokens, drugs[0], drugs[-1])
    count = count or around
    found = []
    for value_index, drug in enumerate(drugs):
        name: DrugName = tokens[drug].value
        start = drugs[0] - 1 if around and value_index == 0 else drug  # "2 oxycodone/…"
        found.append(ItemReading(name.drug, tokens[drug].name_span, sentence, start, index,
                                 amount, value_index, index, name_route=name.route,
                                 count=count, combination=True))
    return found


def _amount_first_before(tokens: list[Token], drug: int, index: int) -> bool:
    """In a list written amount first ("67.5 mg/day Captopril®, 35 U/day NPH insulin and 50
    mg/day sertraline"), the drug before an amount in units has its own amount right before its
    name, and a comma stands between: the units head the next item, never that drug's. (Read of
    units only: amounts in mg after such a drug are read as before.)"""
    return drug > 0 and tokens[drug - 1].kind == "amount" \
        and any(t.kind == "punct" and t.value == "," for t in tokens[drug + 1:index])


def _after_amount_first_item(tokens: list[Token], index: int) -> bool:
    """Does the amount at ``index`` follow, across only "and" or a comma, an item written amount
    first ("1 g every 12 h (q12h) vancomycin and 1 g q8h meropenem": its amount, schedule,
    route or brackets, then its name)? Then the amount heads the next item, the name after its
    schedule, never the drug before."""
    position = index - 1
    while position >= 0 and (tokens[position].kind == "plus" or (
            tokens[position].kind == "punct" and tokens[position].value == ",")):
        position -= 1
    if position == index - 1 or position < 1 or tokens[position].kind != "drug":
        return False
    position -= 1
    while position >= 0 and tokens[position].kind in ("freq", "open", "close", "route", "form",
                                                      "release"):
        position -= 1
    return position >= 0 and tokens[position].kind == "amount"


def _takes_units(drug: Drug) -> bool:
    """May an amount in units of activity be this drug's? A drug dosed in units (heparin), one
    of the heparin group (ATC B01AB: enoxaparin is labelled in IU beside mg) or a drug the
    catalogue does not list. Units written after any other drug are another's (the insulin's
    after aspirin's dose); only an opioid's name right next to them takes them, to be refused
    (CONTRACT.md §1)."""
    return drug.dosed_in_units or drug.atc_code.startswith("B01AB") or not drug.listed


def _units_before(tokens: list[Token], first: int) -> int | None:
    """ "2 tablets of oxycodone/acetaminophen": the units a dose, before the name."""
    position = first - 1
    if position >= 0 and tokens[position].kind == "word" and tokens[position].value == "of":
        position -= 1
    if position >= 1 and tokens[position].kind == "form" \
            and tokens[position].value in COUNTED:
        return unit_count(tokens[position - 1])
    return None


def _units_around(tokens: list[Token], first: int, last: int) -> int | None:
    """ "2 oxycodone/acetaminophen tablets (5 mg/325 mg)": a count before the names and the
    units after them."""
    if first >= 1 and last + 1 < len(tokens) and tokens[last + 1].kind == "form" \
            and tokens[last + 1].value in COUNTED:
        return unit_count(tokens[first - 1])
    return None


def _units_after(tokens: list[Token], index: int) -> int | None:
    """ "5/325 mg two tablets every 6 hours", "5/325 mg, 1 tab q6h", "(5 mg/325 mg) two
    tablets": the units a dose."""
    position = index + 1
    if position < len(tokens) and tokens[position].kind == "close":
        position += 1
    if position < len(tokens) and tokens[position].kind == "punct" \
            and tokens[position].value in ",;":
        position += 1
    if position + 1 < len(tokens) and tokens[position + 1].kind == "form" \
            and tokens[position + 1].value in COUNTED:
        return unit_count(tokens[position])
    return None


def _restates_amount_before(passage: Passage, tokens: list[Token], index: int,
                            readings: list[ItemReading]) -> bool:
    """ "0.2 mg/kg/h (288 mg/24 h)", "660mg (330mg every 12 hours)": an amount in brackets
    right after another is the same dose said again."""
    opening = index - 1
    while opening >= 0 and tokens[opening].kind == "approx":
        opening -= 1
    if opening < 1 or tokens[opening].kind != "open":
        return False
    previous = opening - 1
    skipped = 0
    while previous >= 0 and skipped < 4 and tokens[previous].kind in (
            "approx", "freq", "route", "form", "release"):
        previous -= 1
        skipped += 1
    if previous < 0 or tokens[previous].kind != "amount":
        return False
    if skipped and not tokens[index].value.per_kg:
        return _bracketed_daily(passage, tokens, previous, opening, index, readings)
    for reading in readings:
        if reading.amount_token == previous and reading.alt is None:
            close = index + 1
            while close < len(tokens) and tokens[close].kind != "close":
                close += 1
            reading.last = max(reading.last, min(close, len(tokens) - 1))
            main, alt = reading.amount, tokens[index].value
            scheduled = any(t.kind == "freq" for t in tokens[index + 1:close])
            if main is not None and main.mass and main.time is None and alt.mass \
                    and alt.time is None and scheduled:
                # "660mg (330mg every 12 hours)": the dose is in brackets, the total before
                reading.amount, reading.amount_token, reading.alt = alt, index, main
                passage.add_printed_total(reading.sentence, tokens, previous, previous, "daily",
                                          main.value, unit_spelling(main.base, ("day",)),
                                          drug=reading.drug.name,
                                          note="a daily total printed before the dose and its schedule")
            else:
                reading.alt = alt
            return True
    return False


def _bracketed_daily(passage: Passage, tokens: list[Token], previous: int, opening: int, index: int,
                     readings: list[ItemReading]) -> bool:
    """ "oxycodone 10 mg every 4 hours (60 mg/day)": a daily amount in brackets after a dose
    and its schedule is the daily total the text prints (compared with the one computed),
    not another item."""
    alt: Amount = tokens[index].value
    if alt.time != "day" or not alt.mass or alt.per_kg or not any(
            tokens[p].kind == "freq" for p in range(previous + 1, opening)):
        return False
    for reading in readings:
        main = reading.amount
        if reading.amount_token == previous and main is not None and main.mass \
                and main.time is None and not main.per_kg:
            close = index + 1
            while close < len(tokens) and tokens[close].kind != "close":
                close += 1
            reading.last = max(reading.last, min(close, len(tokens) - 1))
            passage.add_printed_total(reading.sentence, tokens, index, index, "daily", alt.value,
                                      unit_spelling(alt.base, ("day",)), drug=reading.drug.name,
                                      note="a daily total printed in brackets after the dose")
            return True
    return False


def _drug_right_after(tokens: list[Token], index: int, schedule: bool = False) -> int | None:
    """The drug right after an amount: "2 mg/day of morphine", "0.2% ropivacaine",
    "2 mg/mL (bupivacaine)", "150 microg/hr transdermal fentanyl", "81 milligrams (mg) of
    aspirin" (the unit's symbol in brackets after the unit spelt out is the amount's own)."""
    position = index + 1
    if position + 2 < len(tokens) and tokens[position].kind == "open" \
            and tokens[position + 2].kind == "close" and tokens[position + 1].kind == "word" \
            and tokens[position + 1].value in _UNIT_SYMBOLS:
        position += 3
    if position + 2 < len(tokens) and tokens[position].kind == "open" \
            and tokens[position + 1].kind == "drug" and tokens[position + 2].kind == "close":
        return position + 1
    steps = 0
    while position < len(tokens) and steps < 5:
        token = tokens[position]
        if token.kind == "drug":
            return position
        if schedule and token.kind == "open" and position + 2 < len(tokens) \
                and tokens[position + 1].kind == "freq" and tokens[position + 2].kind == "close":
            position += 3  # "1 g every 12 h (q12h) vancomycin": the schedule's abbreviation
            steps += 1
            continue
        if token.kind in ("route", "release", "form") or (schedule and token.kind == "freq") or (
                token.kind == "word" and token.value in _TIGHT) or token.kind == "approx" or (
                _divided_before_dose(tokens, position)) or _plural_dose_of(tokens, position):
            position += 1
            steps += 1
            continue
        return None
    return None


def _divided_before_dose(tokens: list[Token], position: int) -> bool:
    """ "40 mg/day divided dose of prednisolone", "60 mg/day divided doses of oxycodone":
    "divided" right before "dose", "dosage" or their plurals is part of the amount's noun
    phrase, so the drug named after "of" is the amount's (prosefix135, fresh135-018; the
    plural prosefix6); "divided" before any other word is not passed."""
    token = tokens[position]
    if token.kind != "word" or token.value != "divided" or position + 1 >= len(tokens):
        return False
    after = tokens[position + 1]
    return after.kind == "word" and after.value in ("dose", "dosage", "doses", "dosages")


def _plural_dose_of(tokens: list[Token], position: int) -> bool:
    """ "60 mg/day doses of oxycodone", "60 mg/day in divided doses of oxycodone": the plural
    dose noun ("doses", "dosages"; "in divided doses", a schedule word) right before "of" is,
    as the singular, part of the amount's noun phrase (prosefix6): the drug after "of" is the
    amount's. Not before any other word ("60 mg/day in divided doses, and oxycodone")."""
    token = tokens[position]
    if position + 1 >= len(tokens):
        return False
    after = tokens[position + 1]
    if after.kind != "word" or after.value != "of":
        return False
    return (token.kind == "word" and token.value in ("doses", "dosages")) or (
        token.kind == "freq" and token.value == "divided")


#: A unit's symbols, as written in brackets after the unit spelt out ("81 milligrams (mg)").
_UNIT_SYMBOLS = frozenset({"mg", "mcg", "µg", "μg", "ug", "g"})
#: The nouns of a course of treatment an amount in brackets may stand before ("low-dose (5
#: mg/day) treatment of escitalopram").
_TREATMENT_NOUNS = frozenset({"treatment", "therapy", "regimen"})


def _treatment_named_after(passage: Passage, tokens: list[Token], index: int) -> int | None:
    """ "low-dose (5 mg/day) treatment of escitalopram", "(10 mg/day) therapy with oral
    olanzapine": an amount alone in brackets right before "treatment", "therapy" or "regimen"
    and "of" or "with" a drug's name is that drug's. The name's position; None where the words
    are not so; -1 where another drug competes for the amount — one named right before the
    bracket ("morphine (10 mg/day) therapy with olanzapine") or joined to the name ("treatment
    of escitalopram and quetiapine").
    """
    if index < 1 or tokens[index - 1].kind != "open" or index + 4 >= len(tokens) \
            or tokens[index + 1].kind != "close":
        return None
    noun, link = tokens[index + 2], tokens[index + 3]
    if noun.kind != "word" or noun.value not in _TREATMENT_NOUNS \
            or passage.word(link) not in ("of", "with"):
        return None
    position = index + 4
    while position < len(tokens) and tokens[position].kind in ("route", "release", "form"):
        position += 1
    if position >= len(tokens) or tokens[position].kind != "drug":
        return None
    joined = tokens[position + 1:position + 3]
    if (index >= 2 and _names_a_drug(tokens[index - 2])) or (
            len(joined) == 2 and (joined[0].kind == "plus" or passage.word(joined[0]) in (",", "/"))
            and _names_a_drug(joined[1])):
        return -1
    return position


def _names_a_drug(token: Token) -> bool:
    """A catalogue drug, or a word with a drug's stem the catalogue does not know."""
    return token.kind == "drug" or (token.kind == "word" and INN_STEM.fullmatch(str(token.value))
                                    is not None)


def _drug_before(passage: Passage, tokens: list[Token], index: int) -> int | None:
    """The nearest drug before an amount in its sentence, brackets skipped; after "and was"
    (a predicate whose subject is the sentence's), the sentence's subject drug."""
    named = _named_in_brackets_before(tokens, index)
    if named is not None:
        return named
    position = index - 1
    clause_start = False
    while position >= 0:
        token = tokens[position]
        if token.kind == "close":
            named = _named_in_brackets_before(tokens, position + 1, walked=True)
            if named is not None:
                return named  # "LMWH treatment (Enoxaparin) initiated with a dose of 120 mg"
            depth = 1
            position -= 1
            while position >= 0 and depth:
                if tokens[position].kind == "close":
                    depth += 1
                elif tokens[position].kind == "open":
                    depth -= 1
                position -= 1
            continue
        if token.kind == "drug":
            if clause_start:
                subject = _subject(tokens)
                if subject is not None and subject < position:
                    return subject
            return position
        if token.kind == "class" and not _names_a_condition(passage, tokens, position) \
                and not _generic_dose(passage, tokens, position) \
                and not _name_noun(passage, tokens, position):
            return apposition_drug(passage.normal, tokens, position, index)
        if token.kind == "plus" and passage.normal[token.start:token.end] == "and" \
                and position + 1 < len(tokens) and tokens[position + 1].kind == "word" \
                and tokens[position + 1].value in ("was", "were"):
            clause_start = True
        position -= 1
    return None


def _switched_from_then_to(passage: Passage, tokens: list[Token], drug: int, index: int) -> bool:
    """ "she was switched from valproic acid to 200 mg/day CBZ", "changed from morphine to 60
    mg/day of a drug …": the drug after the "from" of a verb of switching (the verb up to four
    tokens back) is the one put out of use, and an amount after the "to" that follows it is what
    the switch puts in place — never the drug switched from (prosefix118121, fresh120-010). Not
    "increased from 10 mg to 20 mg" (a change of dose, no switch), nor "switched from X 10 mg
    to …" (X's own amount, before the "to")."""
    if drug < 1 or passage.word(tokens[drug - 1]) != "from":
        return False
    if not any(t.kind == "verb" and t.value == "switch" for t in tokens[max(0, drug - 5):drug - 1]):
        return False
    return any(passage.word(t) == "to" for t in tokens[drug + 1:index])


def _own_bracket_closed(tokens: list[Token], drug: int, index: int) -> bool:
    """ "lansoprazole (15 mg/day), precipitated calcium carbonate (3000 mg/day)": an amount that
    opens a bracket of its own is never the drug's whose own bracketed amount, right after its
    name, closed before it — the words between name another thing, perhaps one the catalogue
    does not know (the reader once read fresh42-002's lansoprazole 3000 mg/day so)."""
    if index == 0 or tokens[index - 1].kind != "open":
        return False
    position = drug + 1
    while position < index and tokens[position].kind == "word" \
            and tokens[position].value in SALTS:
        position += 1
    if position >= index or tokens[position].kind != "open":
        return False
    depth, has_amount = 0, False
    for later in range(position, index):
        kind = tokens[later].kind
        depth += kind == "open"
        depth -= kind == "close"
        has_amount = has_amount or kind == "amount"
        if depth == 0:
            return has_amount and later < index - 1
    return False


def _generic_dose(passage: Passage, tokens: list[Token], position: int) -> bool:
    """ "after raising drug dose from 10 mg/day to 15 mg/day", "the medication dose was
    lowered": "drug", "medication" or "medicine" as the word before "dose" or "dosage" names
    no drug of its own — it is the dose of the drug named before it."""
    token = tokens[position]
    return token.kind == "class" and token.value == "*" \
        and passage.word(token) in ("drug", "medication", "medicine") \
        and position + 1 < len(tokens) \
        and passage.word(tokens[position + 1]) in ("dose", "dosage", "doses", "dosages")


def _name_noun(passage: Passage, tokens: list[Token], position: int) -> bool:
    """ "prucalopride medication (2mg per day)", "morphine medicine, 20 mg a day": "medication",
    "medicine" or "drug" right after a drug's name is the noun that name qualifies, as
    "therapy" is ("morphine therapy (20 mg per day)"), and names no other drug (readgen,
    fresh48-015)."""
    token = tokens[position]
    return token.kind == "class" and token.value == "*" \
        and passage.word(token) in ("drug", "medication", "medicine") \
        and position >= 1 and tokens[position - 1].kind == "drug"


#: Nouns of a condition a class word can qualify: "opioid addiction", "benzodiazepine withdrawal".
_CONDITIONS = frozenset({"addiction", "dependence", "dependency", "abuse", "misuse", "withdrawal",
                         "overdose", "intoxication", "toxicity"})


def _names_a_condition(passage: Passage, tokens: list[Token], position: int) -> bool:
    """ "a methadone user for opioid addiction, receiving 130 mg/day": a class word before a
    noun of a condition (or "use disorder") names the condition, not a drug the amount after it
    could be given as."""
    rest = [passage.word(t) for t in tokens[position + 1:position + 3]]
    return bool(rest) and (rest[0] in _CONDITIONS or rest == ["use", "disorder"])


def _named_in_brackets_before(tokens: list[Token], index: int, walked: bool = False) -> int | None:
    """ "Tablet Nexito (escitalopram) 10 mg", "an antidepressant (escitalopram) 10 mg": a
    bracket right before the amount that holds only a catalogue drug's name (and its salt),
    after a word that is no drug — a brand the catalogue does not know, a class — names the
    drug the amount is given as. Also with a route word before the name and a comma after the
    bracket ("Corticosteroids (intravenous hydrocortisone), 100 mg thrice daily"; fresh76-007).
    ``walked``: the bracket closes at ``index - 1`` somewhere before the amount, words between —
    "LMWH treatment (Enoxaparin) initiated with a dose of 120 mg twice daily" (prosefix122125,
    fresh122-007): the bracket that names the drug of a class word or a brand is still that
    drug's, as the name written without the class word would be; the words between are what
    :func:`_drug_before` walks through for any name. The position of that name, or None."""
    close = index - 1
    if close >= 0 and tokens[close].kind == "punct" and tokens[close].value == ",":
        close -= 1
    if close < 3 or tokens[close].kind != "close":
        return None
    position = close - 1
    while position >= 0 and tokens[position].kind == "word" and tokens[position].value in SALTS:
        position -= 1
    opening = position - 1
    while opening >= 0 and tokens[opening].kind in ("route", "release"):
        opening -= 1
    if position < 2 or tokens[position].kind != "drug" or opening < 1 \
            or tokens[opening].kind != "open" or tokens[opening - 1].kind not in ("word", "class"):
        return None
    if close != index - 1 and tokens[opening - 1].kind != "class":
        return None  # the comma only after a class word's bracket
    if walked and (tokens[opening - 1].kind != "class" and not (
            opening >= 2 and tokens[opening - 1].kind == "word"
            and tokens[opening - 1].value in _TREATMENT_NOUNS
            and tokens[opening - 2].kind == "class")):
        return None  # walked to: only after a class word, or its "treatment" ("LMWH therapy")
    return position


def _subject(tokens: list[Token]) -> int | None:
    """The drug before the sentence's first verb ("An intravenous morphine infusion was
    initiated …"), if there is one."""
    for position, token in enumerate(tokens):
        if token.kind == "verb":
            return None
        if token.kind == "drug":
            rest = tokens[position + 1:position + 4]
            if any(t.kind == "word" and t.value in ("was", "were") for t in rest):
                return position
    return None


def _paired_names(tokens: list[Token], drug_index: int, amount_index: int,
                  passage: Passage | None = None) -> list[int] | None:
    """ "the doses of oxcarbazepine and topiramate were increased to 1050 and 200 mg/day": the
    names of a list (two or more joined by "and" or commas) before a list of amounts in the
    same clause, with no other drug, amount or number between — the token indices of the
    names, in order; None where the amount does not follow such a list of names. Also a list
    of amounts in a bracket that opens right after the last name and says "respectively"
    before it closes: "daclatasvir and asunaprevir (60 and 200 mg/day, respectively)"
    (prosefix118121, fresh121-014)."""
    if passage is not None and amount_index == drug_index + 2 \
            and tokens[drug_index + 1].kind == "open" and _respectively_in_bracket(
                passage, tokens, amount_index):
        pass  # the bracket's list of amounts, paired in order with the names before it
    elif drug_index >= amount_index or any(
            t.kind in ("drug", "amount", "number", "punct", "open", "close", "plus")
            for t in tokens[drug_index + 1:amount_index]):
        return None
    names = [drug_index]
    position = drug_index - 1
    while position >= 1:
        joins = position  # "," or "and" or ", and" between two names
        while joins >= 0 and joins > position - 2 and (
                (tokens[joins].kind == "plus" and tokens[joins].value == "and")
                or (tokens[joins].kind == "punct" and tokens[joins].value == ",")):
            joins -= 1
        if joins == position or joins < 0 or tokens[joins].kind != "drug":
            break
        names.insert(0, joins)
        position = joins - 1
    return names if len(names) >= 2 else None


def _respectively_in_bracket(passage: Passage, tokens: list[Token], amount_index: int) -> bool:
    """Does "respectively" follow the amount at ``amount_index`` before its bracket closes?"""
    for token in tokens[amount_index + 1:]:
        if token.kind == "close":
            return False
        if passage.word(token) == "respectively":
            return True
    return False


def _coordinated(tokens: list[Token], drug_index: int, amount_index: int) -> list[int]:
    """ "bupivacaine and morphine were both 1 mg/mL", "atorvastatin and ezetimibe (10 mg each)":
    the amount is each drug's — "both" or "each" between the names and the amount, or "each"
    right after an amount in brackets that closes at once, the bracket opened right after the
    second name."""
    between = tokens[min(drug_index, amount_index):max(drug_index, amount_index)]
    each_after = drug_index < amount_index and amount_index + 2 < len(tokens) \
        and tokens[amount_index - 1].kind == "open" and amount_index - 1 == drug_index + 1 \
        and tokens[amount_index + 1].kind == "cue" and tokens[amount_index + 1].value == "each" \
        and tokens[amount_index + 2].kind == "close"
    if not each_after and not any(t.kind == "cue" and t.value == "each" for t in between):
        return []
    if drug_index >= 2 and tokens[drug_index - 1].kind == "plus" \
            and tokens[drug_index - 2].kind == "drug":
        return [drug_index - 2]
    return []


#: "the patient was maintained on 50 mg daily", "She then continued at 10 mg daily": kept on
#: an amount of the story's drug.
_KEPT_ON = re.compile(r"\b(?:maintained\s+on|continued\s+(?:at|on))\s+(?:a\s+dose\s+of\s+)?\d")


def _story_drug(passage: Passage, tokens: list[Token], amount: Amount
                ) -> tuple[Drug, tuple[int, int], Any] | None:
    """The drug a sentence that names none refers back to ("the dose was increased to …",
    "her continuous rate was increased to 4mg/hour"): the sentence must speak of a dose, a
    rate, a device or a change, and the story must point to one drug — the drug of the
    device it names, or the one drug of the last sentence that had items."""
    if any((t.kind == "drug" and not _level_of_story_drug(passage, tokens, i))
           or (t.kind == "class" and not _refers_back(passage, tokens, i))
           for i, t in enumerate(tokens)) or passage.series \
            or (amount.base == "%" and not amount.per):
        return None  # a bare percentage is a share, never the story drug's concentration
    unknown = next((t for i, t in enumerate(tokens) if t.kind == "word"
                    and INN_STEM.fullmatch(str(t.value))
                    and not level_of_metabolite(passage, tokens, i)), None) \
        or dose_of_name(passage, tokens) or given_by_route(tokens) \
        or infusion_of_name(passage, tokens) or name_at_a_dose(passage, tokens) \
        or _other_name_in(passage, tokens)
    if unknown is not None:  # "Ziconotide was initiated at 0.5-1.0 µg/day"
        passage.add_finding(Severity.WARNING, "unknown-name",
                            f"{passage.text[unknown.start:unknown.end]!r} looks like a drug's name the "
                            "catalogue does not know: the sentence's amounts are not given to "
                            "another drug", (unknown.start, unknown.end))
        return None
    counted = _counted_units(passage, tokens, amount)
    if counted is not None:
        return counted
    words = {passage.normal[t.start:t.end] for t in tokens if t.kind in ("word", "verb")}
    devices = {t.value if t.kind != "form" else "patch" for t in tokens
               if t.kind in ("pca", "infusion", "device") or (t.kind == "form"
                                                              and t.value == "patch")}
    devices = {"pca" if d is None else d for d in devices}
    changes = any(t.kind == "verb" and t.value in ("increase", "decrease", "titrate", "reach")
                  for t in tokens)
    # "the patient was maintained on 50 mg daily": kept on an amount, a dose of the story's drug
    kept_on = _KEPT_ON.search(passage.normal, tokens[0].start, tokens[-1].end) is not None
    if not (words & {"dose", "dosage", "doses", "dosing", "rate", "prescription", "regimen"}
            or changes or devices or kept_on):
        return None
    if devices:
        for sentence in reversed(passage.story.focus):
            for drug, span, device, route in reversed(sentence):
                if device is not None and (device in devices or (
                        device == "pca" and "infusion" in devices)):
                    return _named_since(passage, tokens, drug, span, route)
    for sentence in reversed(passage.story.focus):
        drugs = {drug for drug, _, _, _ in sentence}
        if len(drugs) == 1:
            drug, span, _, route = sentence[-1]
            return _named_since(passage, tokens, drug, span, route)
        if drugs:
            passage.add_finding(Severity.INFO, "reference-unclear",
                                f"{passage.text[tokens[0].start:tokens[-1].end]!r} refers back to a "
                                "dose, but the story speaks of several drugs: not read",
                                (tokens[0].start, tokens[-1].end))
            return None
    return None


#: The nouns of a measured level written after the substance's name.
_LEVEL_WORDS = frozenset({"level", "levels", "concentration", "concentrations"})


def _subject_of_level(passage: Passage, tokens: list[Token], index: int) -> bool:
    """Whether the name at ``index`` follows "for" or "of" (and "the") right after a measured
    concentration set aside as a level ("0.8 ug/mL for the hydroxyitraconazole level")."""
    position = index - 1
    if position >= 0 and passage.word(tokens[position]) == "the":
        position -= 1
    if position < 1 or passage.word(tokens[position]) not in ("for", "of"):
        return False
    measured = tokens[position - 1]
    return measured.kind == "amount" and bool(measured.value.concentration) \
        and measured.value.base != "%" and (measured.start, measured.end) in passage.set_aside


def _level_of_story_drug(passage: Passage, tokens: list[Token], index: int) -> bool:
    """ "the dose was increased to 200 mg three times daily, and the level improved to 0.3
    mcg/mL for itraconazole": a drug named right after "for" (or "of") and a measured
    concentration is the level's, not a drug the sentence gives — where it is the drug the story
    is about (the one drug of the last sentence with items), or its metabolite
    (:func:`level_of_metabolite`), the sentence still refers back to it (prosefix131134,
    fresh132-020)."""
    if not _subject_of_level(passage, tokens, index):
        return False
    story = _story_drugs(passage)
    return story == {tokens[index].value.drug}


def _story_drugs(passage: Passage) -> set[Drug]:
    """The drugs of the last sentence with items."""
    for sentence in reversed(passage.story.focus):
        drugs = {drug for drug, _, _, _ in sentence}
        if drugs:
            return drugs
    return set()


def level_of_metabolite(passage: Passage, tokens: list[Token], index: int) -> bool:
    """ "hydroxyitraconazole level was 0.36 mcg/mL", "0.8 ug/mL for the hydroxyitraconazole
    level": a word that holds the name of a drug of its sentence or of the story's one drug (its
    metabolite: hydroxyitraconazole, norfentanyl), written before "level" or "concentration" or
    after a measured level, names no drug given (prosefix131134, fresh132-020)."""
    word = passage.word(tokens[index])
    following = passage.word(tokens[index + 1]) if index + 1 < len(tokens) else ""
    if following not in _LEVEL_WORDS and not _subject_of_level(passage, tokens, index):
        return False
    names = {t.value.drug.name for t in tokens if t.kind == "drug"} \
        | {drug.name for drug in _story_drugs(passage)}
    return any(name in word and name != word and " " not in name for name in names)


def _other_name_in(passage: Passage, tokens: list[Token]) -> Token | None:
    """ "Magnesium sulfate infusion (4 g i.v. over 20 min, then 1 g/h)": the first word of the
    sentence inside the name of a drug the catalogue does not know (a name of
    other_drug_names.csv or drug_vocabulary.csv, or a word with an INN stem) — the sentence
    speaks of that drug, so its amounts are never the story drug's (prosefix9091: the reader
    once gave fresh90-034's magnesium sulfate 1 g/h, 24 g a day, to the betamethasone of the
    sentence before)."""
    start, end = tokens[0].start, tokens[-1].end
    for low, high in passage.other_name_spans:
        if start <= low and high <= end:
            at = next((i for i, t in enumerate(tokens) if low <= t.start < high), None)
            if at is not None and level_of_metabolite(passage, tokens, at):
                continue  # "0.8 ug/mL for the hydroxyitraconazole level": a level's, not given
            return tokens[at] if at is not None \
                else Token("word", low, high, passage.normal[low:high])
    return None


#: Milligrams in one of each base unit of mass.
_MG = {"mg": 1.0, "g": 1000.0, "mcg": 1e-3}


def mg_of(amount: Amount) -> float | None:
    """The milligrams of one plain amount of mass (no time, no range, one value), or None."""
    if amount.kind != "single" or amount.per or len(amount.values) != 1 or amount.high is not None:
        return None
    scale = _MG.get(amount.base)
    return None if scale is None else amount.values[0] * scale


def note_unit_strengths(passage: Passage, tokens: list[Token], readings: list[ItemReading]) -> None:
    """ "Methotrexate 2.5 mg tablets were prescribed": where a drug's amount is written right
    before a form of unit (tablets, capsules), that amount is the strength of the drug's units
    the story names — kept for a later count of units that names no drug."""
    for reading in readings:
        at = reading.amount_token
        if at is None or reading.amount is None or at + 1 >= len(tokens) \
                or tokens[at + 1].kind != "form" or tokens[at + 1].value not in ("tablet", "capsule"):
            continue
        mg = mg_of(reading.amount)
        if mg is None:
            continue
        strengths, _ = passage.unit_strengths.setdefault(str(tokens[at + 1].value), {}).get(
            reading.drug, (set(), reading.drug_span))
        strengths.add(mg)
        passage.unit_strengths[str(tokens[at + 1].value)][reading.drug] = (strengths,
                                                                           reading.drug_span)


def _counted_units(passage: Passage, tokens: list[Token], amount: Amount
                   ) -> tuple[Drug, tuple[int, int], Any] | None:
    """ "She took 4 tablets (10 mg) daily", after "Methotrexate 2.5 mg tablets were
    prescribed": a count of units with their total in brackets right after it, in a sentence
    that names no drug, is the drug whose units of that form the story named — only where the
    story named units of that form for one drug, and the count times one of its strengths is
    the total. Else None."""
    at = next((i for i, t in enumerate(tokens) if t.kind == "amount" and t.value is amount), None)
    if at is None or at < 3 or at + 1 >= len(tokens) or tokens[at + 1].kind != "close" \
            or tokens[at - 1].kind != "open" or tokens[at - 2].kind != "form" \
            or tokens[at - 3].kind != "number":
        return None
    named = passage.unit_strengths.get(str(tokens[at - 2].value), {})
    total, count = mg_of(amount), tokens[at - 3].value
    if len(named) != 1 or total is None or not isinstance(count, float) or count <= 0:
        return None
    drug, (strengths, span) = next(iter(named.items()))
    if not any(abs(count * strength - total) <= 1e-6 * total for strength in strengths):
        return None
    return _named_since(passage, tokens, drug, span, None)


#: Words before "medication", "medicine" or "drug" that point back to one already named.
_POINTING_BACK = frozenset({"this", "that", "the", "same"})


def _refers_back(passage: Passage, tokens: list[Token], position: int) -> bool:
    """ "this medication was adjusted up to …", "the same drug was increased to …": a singular
    generic class noun after a word that points back, as the subject of a change of dose (a
    verb of change within the next three tokens), names no new drug, but the one already
    named."""
    token = tokens[position]
    said = passage.normal[token.start:token.end]
    return token.value == "*" and said in ("medication", "medicine", "drug") and position > 0 \
        and passage.word(tokens[position - 1]) in _POINTING_BACK \
        and any(t.kind == "verb" and t.value in ("increase", "decrease", "titrate", "reach")
                for t in tokens[position + 1:position + 4])


def _named_since(passage: Passage, tokens: list[Token], drug: Drug, span: tuple[int, int], route: Any
                 ) -> tuple[Drug, tuple[int, int], Any] | None:
    """ "… she was started on acyclovir, 800 mg five times daily. … She continued for 2
    months on a prophylactic dose of 400 mg bd.": an amount in a sentence that names no drug
    refers to the drug-like name the story named last; where that is a name the catalogue
    does not know, named after the drug the story was about, the amount is no catalogue
    drug's. Said in a finding; not read."""
    if passage.unknown_named_at <= span[0]:
        return drug, span, route
    start, end = tokens[0].start, tokens[-1].end
    name = re.match(r"[\w-]+", passage.text[passage.unknown_named_at:])
    said = name.group(0) if name is not None else "a name"
    passage.add_finding(Severity.WARNING, "reference-unclear",
                        f"{passage.text[start:end]!r} refers back to a dose, and the drug named last "
                        f"is {said!r}, a name the catalogue does not know (named after "
                        f"{drug.name}): not read", (start, end))
    return None
