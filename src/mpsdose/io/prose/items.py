"""Making an item: its words, route, release and form, its numbers and its item-language form.

Each item is written in the item language and parsed by it, so the same checks hold; the words
of an intermittent schedule, or of an amount given at each of several sites, are looked for
around it; every assumption is a finding.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from mpsdose.io.language import parse_item
from mpsdose.io.prose.amounts import DoseNumbers
from mpsdose.io.prose.passage import ItemReading, Passage
from mpsdose.io.prose.result import ReadItem
from mpsdose.io.prose.scan import Amount, DrugName, Token, apposition_between
from mpsdose.io.prose.words import MODIFIERS
from mpsdose.model.errors import MpsdoseError
from mpsdose.model.findings import Severity
from mpsdose.model.numbers import plain
from mpsdose.model.regimen import Item, Schedule
from mpsdose.model.vocabulary import Route

__all__ = ["make_item", "rebuild_with_schedule", "token_span"]

#: A schedule that gives a drug on some days only: "3 consecutive days a week", "weekly", "once a
#: week", "15 mg/week", "every other day", "on alternate days", "every 2 weeks", "days 1-4",
#: "3 days per week", "for 3 days each month". The amount "a day" of such a regimen is the amount
#: of a day it is given, not its daily amount (weekly methotrexate read as daily is a classic fatal
#: error). "for a week", "for 3 consecutive days" (a course of days in a row) are durations: not
#: matched; nor is the rhythm of a change ("a weekly taper", "weekly dose reductions").
_INTERMITTENT = re.compile(
    r"\b(?:(?:once|bi|twice|thrice)\s*-?\s*)?(?:weekly|fortnightly|monthly)\b"
    r"(?!\s+(?:dose\s+)?(?:taper|tapering|tapers|reductions?|decrements?|decreases?|"
    r"increments?|increases?|titrations?|steps?|follow))"
    r"|\b(?:once|twice|thrice|(?:\d+|one|two|three|four|five|six)\s*(?:times|x|×))\s+"
    r"(?:a|per|each|every)\s+(?:week|month|cycle)\b"
    r"|\b(?:\d+|one|two|three|four|five|six|seven)\s*(?:consecutive\s+|successive\s+)?"
    r"days?\s+(?:a|per|each|every|of\s+(?:the|each|every)|in\s+(?:a|each|every))\s+"
    r"(?:week|month|cycle)\b"
    r"|(?:/\s*|\bper\s+|\beach\s+)(?:\d+\s*)?(?:weeks?|wks?|months?)\b"
    r"|\bevery\s+(?:(?:\d+|one|two|three|four|five|six|other|second|third)\s+)?(?:weeks?|months?)\b"
    # "every 3 days", "every 12 days", "every fourteen days": a dose every N days, N > 1
    r"|\bevery\s+(?:other|second|third|alternate|(?:[2-9]|[1-9]\d+|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty)"
    r"(?:\s*(?:-|to)\s*\w+)?)\s+days?\b|\balternate\s+days?\b"
    # "days 1-4", "days 1-4, 9-12 and 17-20" — but not the days of a stay, in a row ("on hospital
    # days 4-7", "postoperative days 1-3": the drug was given every one of them), nor a stretch
    # of days from one to another ("200 mg per day from days 1 to 6")
    r"|(?<!hospital\s)(?<!operative\s)(?<!\bfrom\s)\bdays\s+\d+\s*(?:-|–|to|and|,|&)\s*\d+\b"
    r"(?!\s+of\s+(?:the\s+|his\s+|her\s+)?(?:hospital|admission|hospitali[sz]ation|stay)\b)")
#: Days listed in ranges, "(hospital) days 1-4, 9-12 and 17-20": some days only, whatever they
#: are days of (looked for past the punctuation that ends an item's words).
_DAYS_LISTED = re.compile(r"\bdays\s+\d+\s*(?:-|–|to)\s*\d+\s*(?:,|and|&)\s*\d")
#: A treatment given in cycles repeated at an interval ("the protocol is repeated every 3 weeks",
#: "six cycles every 3 weeks", "cycles of 21 days", "21-day cycles", "every 3 weeks for 6
#: cycles"; but one "21-day course" is a duration): an amount "a day" in the sentence is the
#: amount of a day of the cycle, not the regimen's daily amount (R-CHOP's "prednisone 100
#: mg/day during 5 days"). A repetition said of no cycle, course, protocol or regimen
#: ("follow-up every 3 weeks") is not one, nor is "(over) the course of 4 weeks", a stretch of
#: time ("increased over the course of 4 weeks to 80 mg/d").
_CYCLE_INTERVAL = (r"(?:(?:\d+|two|three|four|five|six|seven|eight)\s+(?:days|weeks|months)"
                   r"|(?:other\s+|second\s+|third\s+)?(?:week|month)|(?:other|alternate)\s+day)\b")
_CYCLE_NUMBER = r"(?:\d+|two|three|four|five|six|seven|eight|ten|twelve)"
_CYCLE_REPEATED = re.compile(
    r"\b(?:cycles?|courses?|protocol|regimen)\b[^.;:]{0,60}?\b(?:repeated|given|administered|"
    r"delivered|recurring)\s+(?:every|each)\s+" + _CYCLE_INTERVAL
    # "(over) the course of 10 days" is a stretch of time, not a cycle; so is "a total course
    # of 7 days", the length of the whole treatment
    + r"|(?<!\bthe\s)(?<!\btotal\s)\b(?:cycles?|courses?)\s+(?:of|every)\s+" + _CYCLE_NUMBER
    + r"\s+(?:days|weeks)\b"
    + r"|\b" + _CYCLE_NUMBER + r"\s*-?\s*(?:day|week)\s+(?:cycles?|courses)\b"
    # one course of days is a duration ("clopidogrel 75mg daily was added for a 21-day course");
    # a course repeated is a cycle ("each 28-day course")
    + r"|\b(?:each|every|per)\s+" + _CYCLE_NUMBER + r"\s*-?\s*(?:day|week)\s+course\b"
    + r"|\brepeated\s+(?:every|each)\s+" + _CYCLE_INTERVAL + r"[^.;:]{0,40}?\b(?:cycles|courses)\b"
    + r"|\bevery\s+" + _CYCLE_INTERVAL + r"\s+for\s+" + _CYCLE_NUMBER + r"\s+(?:cycles|courses)\b")
#: the word right after an amount that makes it a patch's label ("100 μg patch")
_NAMES_A_PATCH = re.compile(r"\s*(?:transdermal\s+)?(?:patch(?:es)?|tapes?)\b")


def _patch_rate_in_micrograms(passage: Passage, reading: ItemReading,
                              notes: list[tuple[str, str, Severity]]) -> None:
    """ "transdermal fentanyl patch therapy (100 μg patch applied every 72 h)": a patch written
    in micrograms with no "/h" is read as its release rate where the number is one of the rates
    the patches of its drug are marketed at (patch_products.csv: 12.5, 25, 50, 75, 100 mcg/h
    for fentanyl) — those patches are labelled by that rate, and no patch holds so few
    micrograms — with a warning that says so (finding `patch-rate-assumed`). Only where the
    amount names the patch, the word "patch" (or "tape") right after it; "fentanyl 25 μg
    transdermally" is no rate (fresh42-013's writer: null). Any other number, and any amount in
    mg, stays a content, which gives no rate (`patch-content`)."""
    amount = reading.amount
    if amount is None or amount.base != "mcg" or amount.per or amount.kind != "single" \
            or amount.high is not None:
        return
    where = _amount_span(passage, reading)
    if where is None or not _NAMES_A_PATCH.match(passage.normal, where[1]):
        return  # "fentanyl 25 μg transdermally": a dose, not a patch named by its label
    rates = {p.release_mcg_h for p in passage.knowledge.products.patches
             if p.drug == reading.drug.name}
    if not any(abs(rate - amount.value) < 1e-9 for rate in rates):
        return
    reading.amount = attrs.evolve(amount, per=("h",))
    notes.append(("patch-rate-assumed", f"a {reading.drug.name} patch written as "
                  f"{plain(amount.value)} mcg with no '/h': read as the release rate "
                  f"{plain(amount.value)} mcg/h, the rate its patches are labelled by "
                  "(patch_products.csv); the text does not write the rate", Severity.WARNING))


#: An amount given to one of several sites of the body ("20 mL per side", "one drop in each eye",
#: "50 mcg in each nostril", "bilaterally"): not the patient's amount, and how many sites is not
#: read, so no dose and no daily amount.
_PER_SITE = re.compile(
    r"\b(?:(?:on|in|into|to|at|for|of)\s+)?(?:per|each|both|either|every)\s+"
    r"(?:sides?|catheters?|limbs?|legs?|arms?|eyes?|nostrils?|nares|naris|ears?|sites?|"
    r"levels?|knees?|hips?|shoulders?|joints?|feet|foot|hands?|breasts?|blocks?|lesions?|"
    r"segments?|injection\s+sites?|portals?)\b"
    r"|\bbilaterally\b"
    r"|\bbilateral\s+(?:[a-z-]+\s+){0,3}?(?:blocks?|catheters?|injections?|infiltrations?)\b")
#: A part of a dosage unit ("one-fourth of the patch", "half a tablet", "a quarter of a 10 mg
#: tablet", "cut a fentanyl patch into pieces"): the strength written is the whole unit's, not
#: the amount given, so no dose and no daily amount.
_UNIT = (r"(?:patch(?:es)?|tablets?|tabs?|pills?|capsules?|films?|lozenges?|suppositor(?:y|ies)|"
         r"ampoules?|ampules?|vials?|sachets?|strips?)")
_PART_OF_UNIT = re.compile(
    # a fraction glyph too ("2.5 mg, ½ Tab, hs"), not after a digit ("1½ tablets" is a count)
    r"(?:\b(?:(?:one|a)[\s-]+(?:half|quarter|third|fourth|fifth)|half|quarter|"
    r"(?:two|three)[\s-]+(?:thirds|quarters|fourths)|\d\s*/\s*[2-8](?!\d))\s+"
    r"|(?<![\d\w.,])[½⅓⅔¼¾⅕⅛]\s*)(?:of\s+)?"
    r"(?:(?:a|an|the|one|each|his|her|their)\s+)?(?:[^\s.;,]+\s+){0,4}?" + _UNIT + r"\b"
    r"|\b(?:cut|cutting|halved|quartered|broke|broken|breaking)\b[^.;]{0,60}?\b" + _UNIT
    + r"\b[^.;]{0,40}?\b(?:in(?:to)?\s+(?:pieces|halves|quarters|parts|half|two|three|four))\b")
_GIVEN_AT = re.compile(r"\s*(?:(?:was|were|is|are|being)\s+)?(?:(?:then\s+)?(?:given|applied|"
                       r"injected|instilled|administered|infused|delivered|sprayed|placed)\s+)?")
#: Eye or ear drops, named before a list of drugs ("topical eyedrop of tobramycin 0.3% and
#: dexamethasone 0.1%"): each drug's route.
_LOCAL_FORM = re.compile(r"\b(?:eye|ear)\s*-?\s*drops?\b|\bophthalmic\b|\botic\b|\bcollyri")


def make_item(passage: Passage, reading: ItemReading, previous: ReadItem | None, *,
              high: bool = False) -> ReadItem:
    """The item that an item being read makes: its words, route, release and form (those of
    ``previous``, the item it changes or continues, where the text does not say them again), its
    numbers and its item-language item; each note a finding. ``high``: the upper end of "from …
    to …"."""
    start, end = token_span(passage, reading)
    owned = reading.drug_span not in passage.owned and not reading.from_earlier
    far = reading.amount_token is not None and abs(
        reading.amount_token - _drug_token(passage, reading)) > 8 and not apposition_between(
        passage.normal, passage.tokens, _drug_token(passage, reading), reading.amount_token)
    if reading.amount_token is not None and (not owned or far):
        start = _amount_phrase_start(passage, reading)
        if reading.from_earlier and any(note[0] == "counted-units" for note in reading.notes):
            start = min(start, passage.tokens[reading.first].start)  # "4 tablets (10 mg) daily"
    elif not reading.from_earlier:
        start = min(start, reading.drug_span[0])
        end = max(end, reading.drug_span[1])
    if owned:
        passage.owned.add(reading.drug_span)
    start, end = _balanced(passage.text, start, end)
    span = (start, end)
    notes: list[tuple[str, str, Severity]] = []
    if reading.route is None and not reading.from_earlier:
        _local_form_heading(passage, reading, notes)
    route, route_from = _route(passage, reading, previous, notes)
    release = reading.release or (previous.release if previous is not None
                                  and reading.action in ("update", "continue") else None)
    form = reading.form or (previous.form if previous is not None
                            and reading.action in ("update", "continue") else None)
    if release is None and route in (None, Route.ORAL) and form != "injection":
        release = _brand_release(passage, reading)  # "OxyContin 20 mg": an ER dose
    if route is Route.TRANSDERMAL and form is None:
        form = "patch"
    if reading.from_earlier:
        notes.append(("drug-from-earlier",
                      f"the sentence names no drug; {reading.drug.name} is the drug the story "
                      f"is about ({passage.text[slice(*reading.drug_span)]!r} at "
                      f"{reading.drug_span[0]})", Severity.WARNING))
    notes.extend(reading.notes)
    reading.intermittent = _intermittent(passage, reading)
    reading.per_site = _per_site(passage, reading)
    reading.part_of_unit = _part_of_unit(passage, reading)
    transdermal = route is Route.TRANSDERMAL or form == "patch"
    if transdermal:
        _patch_rate_in_micrograms(passage, reading, notes)
    dose = DoseNumbers.read(reading, passage.weight, high=high, notes=notes,
                            transdermal=transdermal)
    if reading.amount is not None and reading.amount.activity and reading.drug.is_opioid:
        # "oxycodone 10 units": an opioid in U/IU is an input error (CONTRACT.md §1), not a dose
        notes.append(("opioid-in-units", f"an opioid's dose written in units "
                      f"({passage.text[slice(*_amount_span(passage, reading) or (0, 0))]!r}): "
                      "opioids are dosed in mass; not read, no daily amount", Severity.WARNING))
        dose = DoseNumbers()
    item = _item_language(passage, reading, dose, route, release, form, notes)
    if route is None and item is not None and item.route_stated:
        route, route_from = item.route, "form"  # a patch is transdermal
    if item is not None and not item.route_stated:
        notes.append(("route-assumed", f"route not written; {item.route.value} assumed (the "
                      "drug's oral form), as the item language does", Severity.INFO))
    for code, message, severity in notes:
        passage.add_finding(severity, code, f"{passage.text[span[0]:span[1]]!r}: {message}", span)
    action = {"add": "added", "update": "changed", "switch": "switched",
              "continue": "continued", "stop": "stopped"}[reading.action]
    return ReadItem(
        as_written=passage.text[span[0]:span[1]], span=span, drug=reading.drug,
        drug_span=reading.drug_span, route=route if isinstance(route, Route) else None,
        route_from=route_from, release=release, form=form, prn=reading.prn,
        per_dose=dose.per_dose, dose_range=dose.dose_range, weight_based=dose.weight_based,
        frequency=dose.frequency, daily_dose=dose.daily, daily_mg=dose.daily_mg,
        max_daily_dose=dose.max_daily, item=item, action=action,
        amount_span=_amount_span(passage, reading))


def _amount_span(passage: Passage, reading: ItemReading) -> tuple[int, int] | None:
    """Where the reading's amount stands in the text (None: a drug named without one, or one
    referred back to)."""
    if reading.amount_token is None or reading.amount_token >= len(passage.tokens):
        return None
    token = passage.tokens[reading.amount_token]
    return (token.start, token.end) if token.kind == "amount" else None


def rebuild_with_schedule(passage: Passage, old: ReadItem, schedule: Schedule | None,
                          reading: ItemReading) -> ReadItem:
    """An earlier item with the schedule a later sentence gives."""
    per = old.per_dose
    assert per is not None
    fake = ItemReading(old.drug, old.drug_span, reading.sentence, reading.first, reading.last,
                       amount=Amount((per.value,), per.unit), schedule=schedule,
                       release=old.release, form=old.form, route=old.route,
                       route_from=old.route_from, prn=old.prn)
    notes: list[tuple[str, str, Severity]] = []
    dose = DoseNumbers.read(fake, passage.weight, notes=notes, transdermal=old.route is Route.TRANSDERMAL)
    item = _item_language(passage, fake, dose, old.route, old.release, old.form, notes)
    where = token_span(passage, reading)
    passage.add_finding(Severity.INFO, "schedule-from-later-sentence",
                        f"{old.as_written!r}: its schedule ({dose.frequency}) is read from a later "
                        f"sentence: {passage.text[where[0]:where[1]]!r}", where)
    return attrs.evolve(old, frequency=dose.frequency, daily_dose=dose.daily,
                        daily_mg=dose.daily_mg, max_daily_dose=dose.max_daily, item=item,
                        carried=False)


def token_span(passage: Passage, reading: ItemReading) -> tuple[int, int]:
    """The reading's words in the sentence being read."""
    first = passage.tokens[reading.first]
    last = passage.tokens[reading.last]
    return first.start, last.end


def _intermittent(passage: Passage, reading: ItemReading) -> str | None:
    """The words of an intermittent schedule around the reading's amount, within its words, up
    to eight tokens after them and three before, stopping at punctuation, brackets, a clause
    boundary, another amount or another drug; or a cycle repeated at an interval anywhere in
    the sentence."""
    tokens = passage.tokens
    at = reading.amount_token
    if reading.amount is None or at is None or not tokens:
        return None
    cycle = _CYCLE_REPEATED.search(passage.normal, tokens[0].start, tokens[-1].end)
    if cycle is not None:  # the sentence's treatment is given in cycles
        return passage.text[cycle.start():cycle.end()]
    if reading.from_earlier or not 0 <= reading.first <= at <= reading.last < len(tokens):
        return None
    own = passage.token_at.get(reading.drug_span[0])
    start, end = tokens[at].start, tokens[at].end
    lowest, highest = max(0, reading.first - 3), min(len(tokens) - 1, reading.last + 8)
    for step in (-1, 1):
        position = at + step
        while lowest <= position <= highest:
            token = tokens[position]
            words_only = _words_bracket(tokens, position, step)
            if words_only is not None:  # "5 mg oral (p.o.) on alternate days": the route's
                start, end = min(start, tokens[words_only].start), max(end, tokens[words_only].end)
                position = words_only + step
                continue
            if token.kind in ("punct", "clause", "amount", "open", "close") or (
                    token.kind == "drug" and position != own) or (
                    # "Methotrexate 15 mg weekly and prednisolone 10 mg daily": a conjunction
                    # before the drug's name ends its words
                    step < 0 and own is not None and position < own and token.kind == "plus") or (
                    # "125 mg every 6 hours as well as daily or every other day hemodialysis":
                    # "as well as" joins another thing given, whose schedule is its own
                    step > 0 and token.kind == "plus"
                    and " ".join(passage.normal[token.start:token.end].split()) == "as well as"):
                break
            start, end = min(start, token.start), max(end, token.end)
            position += step
    found = _INTERMITTENT.search(passage.normal, start, end)
    if found is None:
        found = _DAYS_LISTED.search(passage.normal, start, tokens[-1].end)
        if found is not None and found.start() >= end:
            found = None
    return None if found is None else passage.text[found.start():found.end()]


def _words_bracket(tokens: list[Token], position: int, step: int) -> int | None:
    """ "(p.o.)", "(oral)": a bracket at ``position`` (its opening one, reading on; its
    closing one, reading back) that holds only a route, release or form word — the item's own
    words, not another thing's. The position of the bracket's other end, or None."""
    other = position + 2 * step
    opening, closing = ("open", "close") if step > 0 else ("close", "open")
    if not 0 <= other < len(tokens) or tokens[position].kind != opening \
            or tokens[other].kind != closing:
        return None
    return other if tokens[position + step].kind in ("route", "release", "form") else None


def _local_form_heading(passage: Passage, reading: ItemReading,
                        notes: list[tuple[str, str, Severity]]) -> None:
    """ "Topical eyedrop of tobramycin 0.3% and dexamethasone 0.1%": eye or ear drops written
    before a list of drugs are each drug's route (topical), so none is assumed oral. Looked
    for up to eight tokens before the drug's name, over names, amounts, "and" and commas,
    stopping at a verb, a clause boundary or a full stop; only for a drug written with a
    strength (a percentage, an amount per mL) or with none, never a mass dose."""
    own = passage.token_at.get(reading.drug_span[0])
    if own is None or (reading.amount is not None and not reading.amount.concentration):
        return  # a mass dose ("… and morphine 10 mg twice daily") is not a drop's strength
    for position in range(own - 1, max(-1, own - 9), -1):
        token = passage.tokens[position]
        if token.kind == "route":
            words = passage.text[token.start:token.end]
            if token.value is Route.TOPICAL and _LOCAL_FORM.search(passage.normal, token.start,
                                                                    token.end):
                reading.route, reading.route_from = Route.TOPICAL, "text"
                notes.append(("route-from-list", f"{words!r} before the list this drug is "
                              "in: read as its route", Severity.INFO))
            return
        if token.kind in ("verb", "clause") or (token.kind == "punct"
                                                and token.value not in (",",)):
            return


def _per_site(passage: Passage, reading: ItemReading) -> str | None:
    """The words saying the reading's amount is given at each of several sites ("per side",
    "in each nostril", "bilaterally"): within its words, or up to four tokens after them and
    three before, stopping at punctuation, a clause boundary, a conjunction ("in both eyes and
    tablet Diamox 250 mg": the sites are the drug's before it) or another drug."""
    tokens = passage.tokens
    if reading.amount is None or reading.from_earlier or not tokens \
            or not 0 <= reading.first <= reading.last < len(tokens):
        return None
    own = passage.token_at.get(reading.drug_span[0])
    start, end = tokens[reading.first].start, tokens[reading.last].end
    # "… after raising drug dose from 10 mg/day to 15 mg/day lesions are advanced in both arms
    # …; and when the dose was lowered to … 10 mg/day": words of sites behind another amount
    # or a clause boundary within the reading's words are not about its amount
    at = reading.amount_token
    inner = None if at is None or not reading.first < at <= reading.last else next(
        (position for position in range(at - 1, reading.first - 1, -1)
         if tokens[position].kind in ("amount", "clause")
         or (tokens[position].kind == "punct" and tokens[position].value == ";")), None)
    if inner is not None:
        start = tokens[inner].end
    for step, lowest, highest in ((-1, max(0, reading.first - 3), reading.first - 1),
                                  (1, reading.last + 1, min(len(tokens) - 1, reading.last + 4))):
        if step < 0 and inner is not None:
            continue
        position = reading.first - 1 if step < 0 else reading.last + 1
        while lowest <= position <= highest:
            token = tokens[position]
            if step > 0 and (remark := _negated_remark(passage, tokens, position)):
                # "7 ml per hour basal rate only with no boluses on each side": a remark of what
                # the same infusion lacks is passed over, and the words after it are looked
                # at as far as those right after the dose are (prosefix118121)
                highest = min(len(tokens) - 1, max(highest, position + remark + 3))
                position += remark
                continue
            if token.kind in ("punct", "clause") or (token.kind == "drug" and position != own) \
                    or token.kind in ("verb", "plus"):
                break
            start, end = min(start, token.start), max(end, token.end)
            position += step
    found = _PER_SITE.search(passage.normal, start, end)
    if found is None:  # "50 mcg was given in each nostril": right after a verb of giving
        after = _GIVEN_AT.match(passage.normal, end)
        found = _PER_SITE.match(passage.normal, after.end()) if after is not None else None
    return None if found is None else passage.text[found.start():found.end()]


def _negated_remark(passage: Passage, tokens: list[Token], position: int) -> int:
    """ "with no boluses", "without a bolus": "with" and a negation, or "without", and up to
    two words after it, none a drug, amount or verb — a remark of what the same dose lacks
    (prosefix118121, fresh120-009). The count of its tokens, or 0 where none opens here."""
    word = passage.word(tokens[position])
    if word == "with" and position + 1 < len(tokens) and tokens[position + 1].kind == "neg":
        length = 2
    elif word == "without":
        length = 1
    else:
        return 0
    words = 0
    while position + length < len(tokens) and words < 2 \
            and tokens[position + length].kind in ("prn", "word", "infusion") \
            and passage.word(tokens[position + length]).isalpha():
        length += 1
        words += 1
    return length if words else 0


def _part_of_unit(passage: Passage, reading: ItemReading) -> str | None:
    """The words saying only a part of a dosage unit was given ("he applied one-fourth of the
    patch", "half a 10 mg tablet", "cut a fentanyl patch into pieces"), anywhere in the
    reading's sentence with no other drug between them and its amount, in them or right after
    them ("half a tablet of paracetamol") — not where they stand
    in brackets, or after "as", right after the amount ("5 mg (half a tablet)": the part's own
    amount)."""
    tokens = passage.tokens
    if reading.amount is None or reading.from_earlier or reading.amount_token is None \
            or not tokens or not 0 <= reading.amount_token < len(tokens):
        return None
    own = passage.token_at.get(reading.drug_span[0])
    amount = tokens[reading.amount_token]
    for found in _PART_OF_UNIT.finditer(passage.normal, tokens[0].start, tokens[-1].end):
        fraction = _tablet_fraction(passage, reading, found)
        if fraction is not None:  # "lamotrigine 50 mg ½ tablet": 25 mg a dose
            reading.unit_fraction = (fraction, passage.text[found.start():found.end()])
            return None
    for found in _PART_OF_UNIT.finditer(passage.normal, tokens[0].start, tokens[-1].end):
        low, high = sorted((amount.start, found.start()))
        of = re.match(r"\s*(?:\(|of\s+)?", passage.normal[found.end():])
        named = found.end() + (of.end() if of is not None else 0)  # "half a tablet of X"
        if any(t.kind == "drug" and i != own and (low <= t.start < max(high, found.end())
                                                  or t.start == named)
               for i, t in enumerate(tokens)):
            continue
        between = passage.normal[amount.end:found.start()]
        if re.fullmatch(r"\s*(?:\(|\[|,?\s*as\b|=)\s*", between):
            continue
        if any(t.kind == "amount" and t is not amount and t.end <= found.start()
               and re.fullmatch(r"\s*,?\s*", passage.normal[t.end:found.start()])
               for t in tokens):
            continue  # "lamotrigine 50 mg ½ tablet … and morphine 10 mg": another amount's tablet
        return passage.text[found.start():found.end()]
    return None


#: A fraction written before a tablet, and its value.
_FRACTION_WORDS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                   "fourth": 4, "fourths": 4, "fifth": 5}
_FRACTION_GLYPHS = {"½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5,
                    "⅛": 1 / 8}
_TABLET_FRACTION = re.compile(
    r"(?:(?P<glyph>[½⅓⅔¼¾⅕⅛])|(?P<top>\d)\s*/\s*(?P<bottom>[2-8])|(?:(?:one|a)[\s-]+)?"
    r"(?P<one>half|quarter|third|fourth|fifth)|(?P<many>two|three)[\s-]+"
    r"(?P<parts>thirds|quarters|fourths))\s*(?:(?:of|de)\s+)?(?:(?:a|an|one)\s+)?"
    r"(?:(?:(?P<strength>[\d.]+\s*(?:-\s*)?(?:mg|mcg|µg|g))|(?P<other>[^\s.;,]+))\s+)?"
    r"(?:tablets?|tabs?|pills?)\b")


def _tablet_fraction(passage: Passage, reading: ItemReading, found: re.Match[str]) -> float | None:
    """The fraction of one tablet given, where the tablet's strength is the reading's amount,
    written right before the fraction ("lamotrigine 50 mg ½ tablet every 12 hours", "2.5 mg,
    ½ Tab, hs") or inside the words ("half a 10 mg tablet"): a plain mass, no rate, no range,
    no dose per kg. Tablets only: a patch or a capsule cut gives no amount the text says."""
    amount = reading.amount
    token = passage.tokens[reading.amount_token] if reading.amount_token is not None else None
    if amount is None or token is None or amount.per or amount.per_kg \
            or amount.kind not in ("single",) or amount.base not in ("mg", "mcg", "g"):
        return None
    words = _TABLET_FRACTION.fullmatch(passage.normal, found.start(), found.end())
    if words is None:
        return None
    inside = found.start() <= token.start < found.end()
    if words.group("other") is not None or inside != (words.group("strength") is not None):
        return None  # a word between that is not the strength ("½ the tablet")
    if not inside and (found.start() < token.end
                       or not re.fullmatch(r"\s*,?\s*", passage.normal[token.end:found.start()])):
        return None
    if words.group("glyph"):
        return _FRACTION_GLYPHS[words.group("glyph")]
    if words.group("top"):
        value = int(words.group("top")) / int(words.group("bottom"))
        return value if value < 1 else None
    if words.group("one"):
        return 1 / _FRACTION_WORDS[words.group("one")]
    value = (2 if words.group("many") == "two" else 3) / _FRACTION_WORDS[words.group("parts")]
    return value if value < 1 else None


#: Brackets, spaces and trademark signs around a brand in brackets ("(OxyContin®)").
_BRACKET_EDGES = re.compile(r"^[\s(\[]+|[\s)\]\u00ae\u2122]+$")


def _brand_release(passage: Passage, reading: ItemReading) -> str | None:
    """The release of the brand the reading's drug is named by (``drug_names.csv`` column
    ``release``: OxyContin er, OxyNorm ir), also in brackets after the drug ("oxycodone
    (Oxycontin)"), or None; as the item language reads it."""
    if reading.from_earlier or not passage.tokens:
        return None
    token = passage.tokens[_drug_token(passage, reading)]
    if token.kind != "drug" or not isinstance(token.value, DrugName):
        return None
    found = passage.catalogue.release(token.value.name)
    if found is None and token.name_end is not None:
        bracket = _BRACKET_EDGES.sub("", passage.text[token.name_end:token.end])
        found = passage.catalogue.release(bracket)
    return found


def _drug_token(passage: Passage, reading: ItemReading) -> int:
    return passage.token_at.get(reading.drug_span[0], reading.first)


def _amount_phrase_start(passage: Passage, reading: ItemReading) -> int:
    """Where an amount's own words start: the amount and the modifiers right before it."""
    assert reading.amount_token is not None
    position = reading.amount_token
    while position - 1 >= 0 and position - 1 >= reading.first:
        token = passage.tokens[position - 1]
        if token.kind in MODIFIERS or token.kind in ("bound",) or (
                token.kind == "word" and token.value in ("of", "at", "to", "a", "the")) or (
                token.kind == "verb" and token.value in ("increase", "decrease", "titrate",
                                                         "reach")):
            position -= 1
            continue
        break
    while position < reading.amount_token and passage.tokens[position].kind == "word" \
            and passage.tokens[position].value in ("of", "at", "a", "the"):
        position += 1
    return passage.tokens[position].start


def _route(passage: Passage, reading: ItemReading, previous: ReadItem | None,
           notes: list[tuple[str, str, Severity]]) -> tuple[Any, str]:
    if reading.route is not None:
        if reading.route == "parenteral":
            notes.append(("route-ambiguous", "parenteral: intravenous or subcutaneous, the text "
                          "does not say which", Severity.INFO))
            return None, "text"
        if reading.route == "neuraxial":
            notes.append(("route-ambiguous", "spinal: epidural or intrathecal, the text does not "
                          "say which", Severity.INFO))
            return None, "text"
        if reading.route == "perineural":
            notes.append(("route-not-modelled", "perineural (a nerve catheter or block): not a "
                          "route mpsdose models; kept without an item-language item",
                          Severity.INFO))
            return None, "text"
        return reading.route, reading.route_from
    if reading.device == "syringe driver":
        notes.append(("route-from-device", "a syringe driver is read as subcutaneous (CSCI)",
                      Severity.INFO))
        return Route.SC, "device"
    if previous is not None and previous.route is not None and reading.action in (
            "update", "continue"):
        since = passage.item_sentence.get(id(previous), -1)
        changed = [event for event in passage.route_events
                   if event[0] > since and event[1] is not previous.route]
        if changed:
            _, route, where = changed[-1]
            notes.append(("route-from-context", f"the route is read from an earlier sentence "
                          f"({passage.text[where[0]:where[1]]!r}), not from {previous.route.value} "
                          "before it", Severity.WARNING))
            return route, "context"
        return previous.route, "earlier"
    if reading.from_earlier and isinstance(reading.earlier_route, Route):
        return reading.earlier_route, "earlier"
    return None, "unknown"


def _item_language(passage: Passage, reading: ItemReading, dose: DoseNumbers, route: Any, release: str | None,
                   form: str | None, notes: list[tuple[str, str, Severity]]) -> Item | None:
    words = [reading.drug.name]
    if release:
        words.append(release)
    if form in ("tablet", "capsule", "liquid", "patch", "suppository"):
        words.append(form)
    words.append(dose.item_amount or "dose unknown")
    if isinstance(route, Route):
        words.append(route.short)
    if dose.item_amount is not None and dose.item_schedule:
        words.append(dose.item_schedule)
    if reading.prn and dose.item_amount is not None:
        words.append("prn")
    text = " ".join(words)
    if route is None and (dose.item_schedule == "continuous" or reading.infusion
                          or reading.device in ("pca", "pump", "syringe driver")):
        # the item language would take the drug's oral form; an infusion is not oral
        notes.append(("route-not-given", "an infusion whose route the text does not give: "
                      "not written to the course file (no route is assumed for it)",
                      Severity.WARNING))
        return None
    try:
        return parse_item(text, knowledge=passage.knowledge)
    except MpsdoseError as error:
        if dose.item_amount is not None and isinstance(route, Route):
            fallback = [w for w in words if w not in (dose.item_amount, dose.item_schedule,
                                                      "prn")]
            fallback.insert(len([reading.drug.name, release] if release else
                                [reading.drug.name]), "dose unknown")
            try:
                item = parse_item(" ".join(w for w in fallback if w), knowledge=passage.knowledge)
            except MpsdoseError:
                item = None
            notes.append(("not-an-item", f"the item language refuses {text!r} ({error}); "
                          + ("kept with its dose unknown" if item is not None
                             else "not written to the course file"), Severity.WARNING))
            return item
        notes.append(("not-an-item", f"{text!r} cannot be written as an item ({error}); not "
                      "written to the course file", Severity.INFO))
        return None


def _balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without an unmatched bracket at either end."""
    piece = text[start:end]
    while piece and piece[-1] in ")]" and piece.count(piece[-1]) > piece.count(
            "(" if piece[-1] == ")" else "["):
        end -= 1
        piece = text[start:end].rstrip()
        end = start + len(piece)
    while piece and piece[0] in "([" and piece.count(piece[0]) > piece.count(
            ")" if piece[0] == "(" else "]"):
        start += 1
        stripped = text[start:end].lstrip()
        start = end - len(stripped)
        piece = stripped
    return start, end
