"""The words around an item: route, release, form, schedule, as needed, PCA, infusion, lockout, units.

An item's words run from its drug's name and amount out to the modifiers beside them, stopping
at another item's words, a clause boundary or a word that is no modifier; a dose that shares its
drug's name with a dose before it does not take that dose's modifiers. Counts of dosage units
("two 25 mcg/h patches", "; 1 capsule …") are read here too.
"""

from __future__ import annotations

import re

import attrs

from mpsdose.io.prose.lexicon import WORD_NUMBERS
from mpsdose.io.prose.passage import ItemReading, Passage
from mpsdose.io.prose.scan import Token
from mpsdose.io.prose.words import (
    COUNTED,
    DESCRIPTORS,
    GLUE,
    MODIFIERS,
    NOT_A_NAME,
    ROUTE_NOUNS,
    SALTS,
    name_like,
    unit_count,
)
from mpsdose.model.drugs import Drug
from mpsdose.model.findings import Severity
from mpsdose.model.regimen import Schedule, ScheduleKind
from mpsdose.model.value import Value

__all__ = ["apply_modifier", "attach_modifiers", "read_peak_rate", "read_taper_start",
           "read_unit_count", "volume_of_dose"]


@attrs.frozen(repr=False, eq=False)
class _Others(Value):
    """Token positions where another item's words begin or end (an item's words stop there)."""

    bounds: dict[int, list[tuple[Drug, int | None]]]
    owner: tuple[Drug, int | None]

    def __contains__(self, position: object) -> bool:
        owners = self.bounds.get(position)  # type: ignore[call-overload]
        return owners is not None and any(owner != self.owner for owner in owners)


def attach_modifiers(passage: Passage, tokens: list[Token], reading: ItemReading,
                     bounds: dict[int, list[tuple[Drug, int | None]]]) -> None:
    """Widen an item's words to the modifiers around it and read them; ``bounds`` holds where
    each item of the sentence begins and ends, which another item's words do not cross."""
    others = _Others(bounds, (reading.drug, reading.amount_token))
    first = reading.first
    shared_from, shared_until = _shared_name(tokens, reading, bounds)
    position = first - 1
    while position >= 0:
        token = tokens[position]
        if token.kind == "freq" and _rhythm_of_change(passage, tokens, position):
            break  # "was gradually decreased every 3 days as the following: 500 mg, …"
        if token.kind in MODIFIERS or token.kind in ("open", "close") or (
                token.kind == "word" and token.value in GLUE) or token.kind == "approx" \
                or token.kind == "bound" or _joins_route(passage, tokens, position) \
                or _daily_intake(passage, tokens, position):
            first = position
            position -= 1
            continue
        break
    last = reading.last
    position = last + 1
    switched_from = reading.first > 0 and passage.normal[
        tokens[reading.first - 1].start:tokens[reading.first - 1].end] == "from"
    while position < len(tokens):
        token = tokens[position]
        if position in others or token.kind in ("drug", "class", "clause"):
            break
        if token.kind == "close" and any(t.kind == "route" for t in tokens[position + 1:position + 3]) \
                and _closes_around(tokens, reading, position):
            break  # "(…; dapsone, 125 mg per day) and topical treatment": the route is not its
        if switched_from and token.kind == "word" and token.value == "to":
            break  # "from FP to continuous intravenous infusion of morphine": the target's
        if token.kind == "amount" and position != reading.amount_token:
            if position - 1 >= 0 and tokens[position - 1].kind == "open":
                position += 1  # its bracketed alternative
                continue
            break
        if position + 1 < len(tokens) and tokens[position + 1].kind == "amount" \
                and volume_of_dose(passage, tokens, reading, position + 1):
            position += 2  # "enoxaparin (60 mg/0.6 ml) a dose every 24 h": the syringe's
            continue
        if token.kind == "verb" and passage.word(token) == "administration" \
                and position == last + 1 and reading.amount_token == last:
            last = position  # "500 mg administration, one pill twice a day": the noun of
            position += 1  # giving names the dose; its sig follows (prosefix8889, fresh88-003)
            continue
        if token.kind == "punct" and token.value in ";,:" and position == last + 1 \
                and reading.amount_token is not None and reading.amount_token <= last \
                and reading.count is None and (count := _sig_count(tokens, position)):
            reading.count = count  # "600mg; 1 capsule by mouth 3 times daily"
            last = position + 1
            position += 2
            continue
        if token.kind == "punct" and token.value == ";" and position == last + 1 \
                and reading.amount_token == last and last >= 1 \
                and tokens[last - 1].kind == "open" and position + 2 < len(tokens) \
                and tokens[position + 1].kind == "freq" and tokens[position + 2].kind == "close":
            last = position + 1  # "fluconazole (100 mg; twice daily)": the bracket's schedule
            position += 2
            continue
        if token.kind == "punct" and token.value == ";":
            break
        if token.kind == "cue" and token.value == "each" and position - 1 == reading.amount_token \
                and position + 1 < len(tokens) and tokens[position + 1].kind == "close":
            last = position  # "atorvastatin and ezetimibe (10 mg each), once a day"
            position += 1
            continue
        if position == last + 1 and (end := _class_apposition(passage, tokens, position)):
            position = end + 1  # "enoxaparin, a low molecular weight heparin (LMWH), given …"
            continue
        if position == last + 1 and (end := _maker_bracket(passage, tokens, position,
                                                           reading.drug)):
            position = end + 1  # "fluconazole (Oneflu, Choongwae Pharma, Seoul, Korea) daily"
            continue
        if _as_well_as(passage, tokens, position):
            break  # "125 mg every 6 hours as well as daily or every other day hemodialysis"
        if _joins_verbs_of_giving(tokens, position) and _modifier_ahead(tokens, position, others):
            position += 1  # "100 mg was started and given every 8 h": one verb of the dose
            continue
        if position == last + 1 and (ahead := _continued_on(passage, tokens, reading,
                                                            position)) is not None:
            last = position = ahead  # "hydrocortisone at 100 mg and continued every 8 h"
            continue
        if token.kind in ("punct", "plus") and (_another_follows(tokens, position)
                                               or _unknown_name_follows(tokens, position)) \
                and not _apposed_amount(passage, tokens, reading, position):
            break
        if token.kind in ("route", "release", "form") and _premodifies_drug(tokens,
                                                                        position):
            break
        if _single_dose_ahead(tokens, position, reading):
            break  # "(following stat-dose 40 mg in ED)": the stat dose's, not this item's
        if token.kind == "plus" and passage.word(token) == "and" \
                and _attributive_schedule(passage, tokens, position + 1):
            break  # "prednisone 25 mg and daily plasma exchange": the exchange's schedule
        if ((token.kind == "word" and token.value not in GLUE) or token.kind in (
                "verb", "time", "number", "cue", "neg", "bound", "weight", "lab")) \
                and not _modifier_ahead(tokens, position, others):
            break
        last = position
        position += 1
    while last > reading.last and tokens[last].kind not in (MODIFIERS | {"close"}):
        last -= 1
    while first < reading.first and (tokens[first].kind in ("punct", "plus", "close") or (
            tokens[first].kind == "word" and tokens[first].value in GLUE)):
        first += 1
    # balance brackets at the edges
    opened = sum(1 for t in tokens[first:last + 1] if t.kind == "open")
    closed = sum(1 for t in tokens[first:last + 1] if t.kind == "close")
    while opened > closed and last + 1 < len(tokens) and tokens[last + 1].kind == "close":
        last += 1
        closed += 1
    while closed > opened and tokens[first].kind == "close":
        first += 1
        closed -= 1
    while closed > opened and last > reading.last and tokens[last].kind == "close":
        last -= 1
        closed -= 1
    reading.first, reading.last = first, last
    for position in range(first, last + 1):
        token = tokens[position]
        if position <= shared_until and (token.kind in ("prn", "freq", "lockout") or (
                position > shared_from and token.kind in ("route", "release", "form"))):
            continue  # the dose before's, which shares the name
        if token.kind == "freq" and reading.amount_token is not None \
                and position < reading.amount_token and _rhythm_of_change(passage, tokens, position):
            continue  # "X dose was decreased every 3 days: 500 mg, …": the steps' rhythm
        apply_modifier(passage, reading, token, tokens)
    if reading.schedule is None and (said := _schedule_said_of_it(passage, tokens, reading)):
        apply_modifier(passage, reading, tokens[said], tokens)
    if reading.name_route is not None and reading.route is None:
        reading.route, reading.route_from = reading.name_route, "text"
    if reading.bolus and not reading.prn:
        if any(t.kind == "pca" for t in tokens) or reading.lockout is not None:
            reading.prn = True
        elif reading.schedule is None:
            reading.schedule = Schedule(ScheduleKind.ONCE)


#: Words that may follow a schedule written as one adjective ("daily") and still leave it the
#: dose's: prepositions and adverbs of time ("… and daily thereafter", "… and daily for a week").
_AFTER_SCHEDULE = frozenset({"thereafter", "afterwards", "afterward", "thereon", "until", "since",
                             "from", "for", "during", "after", "before", "on", "at", "in", "with",
                             "to", "till", "or", "and", "then", "onwards", "onward", "as",
                             "by", "via", "orally", "intravenously", "subcutaneously"})


def _attributive_schedule(passage: Passage, tokens: list[Token], position: int) -> bool:
    """ "prednisone 25 mg and daily plasma exchange (PLEX) therapy", "… 10 mg and daily wound
    dressing": a schedule written as one adjective ("daily", "weekly", "nightly") after "and"
    and right before a noun — a word no preposition, adverb of time or word of a dose — is that
    noun's: it qualifies the next noun phrase, another treatment, never the dose before the
    "and" (prosefix118121, fresh121-002: prednisone 25 mg once read as 25 mg a day). "… 25 mg
    and daily thereafter", "… and daily for a week" are still the dose's."""
    if position + 1 >= len(tokens) or tokens[position].kind != "freq":
        return False
    said = passage.normal[tokens[position].start:tokens[position].end]
    if said not in ("daily", "weekly", "nightly", "monthly", "hourly"):
        return False
    after = tokens[position + 1]
    word = passage.word(after)
    return after.kind == "word" and word.isalpha() and word not in GLUE \
        and word not in _AFTER_SCHEDULE


def apply_modifier(passage: Passage, reading: ItemReading, token: Token, tokens: list[Token]) -> None:
    """Read one token around an item into it: the first route, release, form and schedule
    written are kept; a bolus, as needed, PCA, infusion, device or lockout is set."""
    kind, value = token.kind, token.value
    if kind == "route":
        if reading.route is None:
            reading.route, reading.route_from = value, "text"
    elif kind == "release":
        reading.release = reading.release or value
    elif kind == "form":
        if value in ("tablet", "capsule", "liquid", "patch", "suppository", "injection"):
            reading.form = reading.form or value
        if value == "3-day":
            reading.form = reading.form or "patch"
    elif kind == "prn":
        if value == "bolus":
            reading.bolus = True
        else:
            reading.prn = True
    elif kind == "pca":
        reading.device = reading.device or "pca"
    elif kind == "infusion":
        reading.infusion = True
    elif kind == "device":
        if reading.device != "pca":  # "PCA pump": the pump is the PCA's
            reading.device = value
        reading.infusion = True
    elif kind == "lockout":
        reading.lockout = value
    elif kind == "freq":
        if isinstance(value, Schedule) and (_counted_daily_doses(passage, tokens, token)
                                            or _doses_counted_before(passage, tokens, token)):
            passage.add_finding(Severity.INFO, "daily-doses-counted",
                                f"{passage.text[token.start:token.end]!r} after a count: the doses may "
                                "be so many a day or one a day; not read as a schedule",
                                (token.start, token.end))
        elif isinstance(value, Schedule) and _n_times_unclear(passage, reading, token, tokens):
            pass  # "2×500 mg" alone, or beside another schedule: doses a day or units a dose
        elif isinstance(value, Schedule) \
                and _ON_DAYS.search(passage.normal, token.start, token.end):
            if reading.schedule is None:  # else "every 12 hours on three consecutive days":
                # the days are the course's length, the schedule written is the dose's
                reading.schedule = value
                reading.notes.append(("days-of-dose", f"{passage.text[token.start:token.end]!r}: "
                                      "a dose on each of so many days in a row, read as one "
                                      "dose a day", Severity.INFO))
        elif isinstance(value, Schedule):
            if reading.schedule is None and _DAYS_OF.search(passage.normal, token.start, token.end):
                reading.days_of = True  # "three days of 1 g …": one a day, unless written after
                reading.notes.append(("days-of-dose", f"{passage.text[token.start:token.end]!r} "
                                      "before the amount: a count of days of the dose, read as "
                                      "one dose a day", Severity.INFO))
            elif reading.days_of and reading.amount_token is not None \
                    and token.start > tokens[reading.amount_token].start:
                # "three days of 1 g methylprednisolone every 12 hours": the schedule written
                # after the amount is the dose's; the count of days is the course's length
                reading.schedule, reading.days_of = None, False
                reading.notes = [n for n in reading.notes if n[0] != "days-of-dose"]
            if reading.schedule is None and _adjective_daily(passage, tokens, token):
                reading.schedule_adjective = True
            elif reading.schedule_adjective and reading.amount_token is not None \
                    and token.start > tokens[reading.amount_token].start \
                    and value != reading.schedule:
                # "a daily dose of morphine 10 mg every 4 hours": the schedule written after
                # the amount is the dose's; "daily" before it says the regimen is a day's
                reading.schedule, reading.schedule_adjective = value, False
                reading.notes.append((
                    "schedule-after-amount", f"{passage.text[token.start:token.end]!r} after "
                    "the amount is its schedule; 'daily' before it names the regimen of a "
                    "day, not the amount", Severity.INFO))
            if reading.schedule is None and _N_TIMES.fullmatch(passage.text[token.start:token.end]):
                reading.n_times = True
                reading.notes.append((
                    "n-times-notation", f"{passage.text[token.start:token.end]!r}: read as "
                    "so many times a day, as Indonesian and German prescriptions write it "
                    "(\"3×500 mg\": 500 mg three times a day; \"1×1\": once a day)", Severity.INFO))
            if _after_stat(passage, reading, token, tokens):
                # "100 mg stat and 12 hourly": the dose at once, then the schedule that goes
                # on; the day's amount is the schedule's
                reading.schedule = value
                reading.notes.append(("stat-then-schedule", f"{passage.text[token.start:token.end]!r}"
                                      " after 'stat': the first dose given at once, then this "
                                      "schedule; the daily amount is the schedule's",
                                      Severity.INFO))
            if reading.schedule is not None and reading.schedules_contradict is None:
                _contradicting(passage, reading, token, tokens)
            if reading.schedule is None and schedule_range(passage, token) is not None:
                reading.schedule_range = passage.text[token.start:token.end]
            reading.schedule = reading.schedule or value
        else:
            reading.schedule_word = reading.schedule_word or value
            if value == "divided":
                sentence = passage.normal[tokens[0].start:tokens[-1].end]
                other = _OTHER_SPAN.search(sentence)
                reading.divided_over = other.group(0) if other else None


#: Words that give an amount "in divided doses" a span of time other than a day ("over 72 hours
#: she received about 2400 mg of paracetamol in divided doses", "a total of 3 g in divided
#: doses", "in divided doses over 3 days"): a total, not a day's amount (prosefix8687).
_OTHER_SPAN = re.compile(
    r"\b(?:over|within|during|in)\s+(?:the\s+)?(?:(?:first|last|past|next)\s+)?"
    r"(?:\d+|two|three|four|five|six|seven|several|a\s+few)\s*-?\s*"
    r"(?:hours?|hrs?|h|days?|weeks?|months?)\b"
    r"|\b(?:total(?:\s+of)?|in\s+total|cumulative|altogether)\b")


def _after_stat(passage: Passage, reading: ItemReading, token: Token,
                tokens: list[Token]) -> bool:
    """Is the schedule written right after "stat" and "and", "then" or "followed by" ("100 mg
    stat and 12 hourly", "1 gm stat and 8 hourly"), the schedule that goes on after the first
    dose (fresh64)?"""
    position = tokens.index(token)
    before = next((t for t in reversed(tokens[:position]) if t.kind == "freq"), None)
    return (before is not None and reading.schedule == before.value
            and isinstance(before.value, Schedule) and before.value.kind is ScheduleKind.ONCE
            and passage.normal[before.start:before.end] == "stat"
            and _STAT_THEN.fullmatch(passage.normal, before.end, token.start) is not None)


def _contradicting(passage: Passage, reading: ItemReading, token: Token,
                   tokens: list[Token]) -> None:
    """ "clarithromycin 250mg OD twice a day": a schedule written right after another (nothing
    but spaces between) that gives another number of doses a day contradicts it; which one the
    author meant is not written, so neither is chosen (fresh55-024). So does one written after
    the verb the dose is the subject of ("tramadol 50 mg q.i.d. was given three to four times a
    day"), and a range of counts beside a count (prosefix7475, fresh75-006)."""
    position = tokens.index(token)
    before = next((t for t in reversed(tokens[:position]) if t.kind == "freq"), None)
    if before is None or not isinstance(before.value, Schedule) \
            or before.value != reading.schedule:
        return
    between = passage.normal[before.end:token.start]
    if between.strip() and not _GIVEN_BETWEEN.fullmatch(between):
        return
    contradict(passage, reading, before, token)


def contradict(passage: Passage, reading: ItemReading, before: Token, token: Token) -> None:
    """Note the schedules of ``before`` and ``token``, both written for the doses of
    ``reading``, as contradicting each other where they give different counts a day, or where
    one is a range of counts and the other is not the same range."""
    one, other = before.value.doses_per_day, token.value.doses_per_day
    if one is None or other is None or min(one, other) < 1:
        return  # "10 mg daily every four days": the days it is given (intermittent)
    ranges = (schedule_range(passage, before), schedule_range(passage, token))
    if one == other and ranges[0] == ranges[1]:
        return
    reading.schedules_contradict = (f"{passage.text[before.start:before.end]!r} and "
                                    f"{passage.text[token.start:token.end]!r}")


#: A range of counts or of intervals in a schedule's words ("three to four times a day", "3-4
#: times daily", "every 4 to 6 hours", "q4-6h", "4-6 hourly", "/4-6 h"): its two ends.
_SCHEDULE_RANGE = re.compile(
    r"(?:every\s+|q\s*|/\s*)?(one|two|three|four|five|six|eight|twelve|\d+)\s*(?:-|to)\s*"
    r"(one|two|three|four|five|six|eight|twelve|\d+)\s*(?:-?\s*h|times|x|×)")


def schedule_range(passage: Passage, token: Token) -> tuple[str, str] | None:
    """The two ends of a schedule written as a range ("three to four times a day": ("three",
    "four")), or None; a dose not as needed so written gets no daily amount."""
    found = _SCHEDULE_RANGE.match(passage.normal, token.start, token.end)
    if found is None or found.group(1) == found.group(2):
        return None
    return found.group(1), found.group(2)


#: What may stand between a dose's schedule and a second one written after its verb: the verb
#: of giving in the passive, with an adverb of route or time ("were administered", "was given
#: orally").
_GIVEN_BETWEEN = re.compile(
    r"\s*(?:was|were|is|are)\s+(?:(?:then|also|both|each|\w+ly)\s+)?"
    r"(?:given|administered|taken|prescribed|continued|used|dosed)(?:\s+\w+ly)?\s*")


#: A count of days of a dose, read as one dose a day ("three days of"; lexicon.PHRASES).
_DAYS_OF = re.compile(r"days\s+of$")
#: Between "stat" and the schedule that goes on after it ("stat and 12 hourly").
_STAT_THEN = re.compile(r"\s*,?\s*(?:and(?:\s+then)?|then|followed\s+by)\s+")
#: "on five consecutive days" (lexicon.PHRASES): a dose on each of a count of days in a row.
_ON_DAYS = re.compile(r"on\s+\S+\s+(?:consecutive|successive)\s+days$")
#: The count of doses a day before a multiplication sign ("3×", "1×1"; lexicon.PHRASES).
_N_TIMES = re.compile(r"[1-6]\s*[x×]\s*(?:1)?|[x×]\s*[2-6]")
#: "1 ×" before a dose, and "1 × 1" after one: once a day, whether or not the passage writes
#: the notation again — a count of one counts no units of a dose, and "1 × 1" is one dose of one
#: unit whichever number counts the doses (prosefix99102, fresh102-003: "bicalutamide, 50 mg
#: 1 × 1").
_ONCE_TIMES = re.compile(r"1\s*[x×]\s*(?:1)?")


def _n_times_unclear(passage: Passage, reading: ItemReading, token: Token,
                     tokens: list[Token]) -> bool:
    """Whether a schedule token leaves "N×" before a dose unread: the notation counts doses a
    day only where the passage writes it for two doses or more (the author's way of writing a
    regimen: "ceftriaxone 2×1 g, metronidazole 3×500 mg") and the item has no other schedule. A
    lone "2×500 mg", or one beside "twice daily", "once" or "stat", may as well count units of
    one dose (two 500 mg tablets): neither is guessed, and the item gets no daily amount."""
    text = passage.text[token.start:token.end]
    if reading.n_times_unclear is not None:
        return True
    if _N_TIMES.fullmatch(text):
        if reading.n_times:  # a second "N×" in the item's words is a later dose's
            return True
        written = sum(1 for t in tokens if t.kind == "freq"
                      and _N_TIMES.fullmatch(passage.text[t.start:t.end]))
        if written < 2 and not _ONCE_TIMES.fullmatch(text):
            # "1 × 40 mg": a count of one counts no units of a dose, so it is the notation's
            # once a day even where the passage writes it once
            reading.n_times_unclear = (f"{text!r} is the only dose of the passage so written: it "
                                       "may count doses a day or units of one dose")
        elif reading.schedule is not None:
            reading.n_times_unclear = (f"{text!r} beside another schedule: it may count doses "
                                       "a day or units of one dose")
    elif reading.n_times:
        reading.n_times_unclear = (f"{text!r} beside a count before a multiplication sign: the "
                                   "count may be of doses a day or of units of one dose")
    if reading.n_times_unclear is not None:
        reading.schedule, reading.n_times = None, False
        reading.notes = [n for n in reading.notes if n[0] != "n-times-notation"]
        return True
    return False


def read_unit_count(passage: Passage, tokens: list[Token], reading: ItemReading) -> None:
    """How many units make a dose, where the sig does not say it after a semicolon: "two
    25 mcg/h fentanyl patches", "2 x 25 mcg/h" (2 to 4 before the amount: read, with a
    finding); "50 mg 1-2 tablets", "10 mg, 2 tablets" (a count of tablets after the amount
    that is not read: the 10 mg may be the dose or one tablet's, so no daily amount; in
    brackets, "20 mg (2 tablets)", it says what the amount is made of)."""
    index = reading.amount_token
    if index is None or reading.count is not None or reading.combination:
        return
    taken = _doses_taken(passage, tokens, index)
    if taken is not None:  # "8 doses of 5 mg oxycodone per day": doses taken, not a schedule
        reading.doses_taken = taken
        return
    each = _each_unit_contains(passage, tokens, index)
    if each is not None:  # "four tablets … each containing 150 mg rifampicin, 75 mg isoniazid"
        count, words = each
        if count is None:
            reading.units_unread = words  # "tablets each containing 150 mg": how many, not said
        else:
            reading.count, reading.count_before, reading.count_words = count, True, words
        return
    position = index - 1
    if position >= 1 and tokens[position].kind == "word" and tokens[position].value in (
            "x", "×") and tokens[position].end == tokens[index].start - 1:
        position -= 1
        count = unit_count(tokens[position])
    else:
        count = unit_count(tokens[position]) if position >= 0 and tokens[position].kind == "word" \
            else None
    if count is not None and count > 1 and (position == 0 or tokens[position - 1].kind not in (
            "number", "amount", "time")):
        reading.count, reading.count_before = count, True
        reading.first = min(reading.first, position)
        return
    apart = _count_before_name(passage, tokens, reading, index)
    if apart is not None:  # "two patches, Duragesic® (25 μg/h)": one unit's strength
        reading.units_unread = apart
        return
    for position in range(index + 1, reading.last + 1):
        token = tokens[position]
        if (unit_count(token) is None and token.kind != "number") or tokens[position - 1].kind == "open":
            continue  # "20 mg (2 tablets)", "1,050 µg/hr (20 patches)": what the amount is made of
        ahead = tokens[position + 1:position + 5]
        form = next((t for t in ahead if t.kind == "form"), None)
        if form is None or form.value not in COUNTED:
            continue
        words = passage.text[token.start:form.end]
        if unit_count(token) == 1 and form is tokens[position + 1]:
            continue  # "10 mg 1 tablet twice daily"
        reading.units_unread = words
        return


#: Dosage units, then what EACH of them contains: "four tablets of fixed dose combination
#: antituberculosis drugs each consisted 150 mg rifampicin, 75mg isoniazid …", "2 capsules, each
#: containing 250 mg", "three tablets, each of which contains", "tablets (each tablet contains",
#: "2 tablets each of 500 mg".
#: The count before the units, where written (a number or a word), is group ``count``.
_EACH_CONTAINS = re.compile(
    r"(?:(?<![\w.,/])(?P<count>\d+|" + "|".join(
        w for w in sorted(WORD_NUMBERS, key=len, reverse=True)
        if w not in ("once", "twice", "thrice")) + r")\s+(?:[a-z\-]+\s+){0,2})?"
    r"(?P<unit>tablets?|tabs?|capsules?|caps?|pills?|sachets?|suppositor(?:y|ies)|ampoules?|vials?)"
    r"(?![a-z])[^.;:]{0,100}?\beach\s*(?:of\s+(?:which|them)\s+|(?:tablet|tab|capsule|cap|pill|"
    r"sachet|suppository|ampoule|vial)\s+)?(?:contain(?:s|ing|ed)?|consist(?:s|ing|ed)?(?:\s+of)?"
    r"|compris(?:es|ing|ed)(?:\s+of)?|with|ha[sd]|having|of)(?![a-z])")
#: The words that join the pairs of a list of what each unit contains: a comma, "and".
_EACH_JOINS = (",", "and")


def _each_unit_contains(passage: Passage, tokens: list[Token],
                        index: int) -> tuple[int | None, str] | None:
    """ "four tablets of fixed dose combination antituberculosis drugs each consisted 150 mg
    rifampicin, 75mg isoniazid, 275 mg etambuthol, and 400 mg pyrazinamide were given once
    daily": an amount in the list after dosage units and "each containing" (or "each consisting
    of", "each of which contains", "each tablet contains", "each with", "each of") is one
    unit's strength, never the dose. The list is of pairs, each an amount and a name (listed or
    not: "275 mg etambuthol") in one order throughout, joined by commas and "and" (brackets and
    "of" aside); anything else — a verb, a schedule, a name before an amount after pairs of
    amounts before names — ends it. The count before the units (None where they are not
    counted) and the words from the count to "each …"; None where the amount is not in such a
    list (prosefix949596, fresh96-008)."""
    start = tokens[0].start if tokens else 0
    found = None
    for match in _EACH_CONTAINS.finditer(passage.normal, start, tokens[index].start):
        found = match
    if found is None:
        return None
    groups: list[list[str]] = [[]]
    for token in tokens[:index + 1]:
        said = passage.word(token)
        if token.start < found.end() or token.kind in ("open", "close") or said == "of":
            continue
        if said in _EACH_JOINS and token.kind in ("punct", "plus"):
            if groups[-1]:
                groups.append([])
            continue
        if token.kind == "amount":
            groups[-1].append("amount")
        elif token.kind == "drug" or (token.kind == "word" and name_like(said)):
            if groups[-1][-1:] != ["name"]:  # "rifampicin sodium", "co-trimoxazole forte": one
                groups[-1].append("name")
        else:
            return None  # "were given", "twice daily": the list has ended
    first = groups[0]
    if first not in (["amount", "name"], ["name", "amount"], ["amount"]):
        return None
    order = ["amount", "name"] if first[0] == "amount" else ["name", "amount"]
    last = groups[-1]
    if any(group != order for group in groups[:-1]) \
            or last != (["amount"] if order[0] == "amount" else order):
        return None
    said = found.group("count")
    count = None
    if said is not None:
        count = int(said) if said.isdigit() else WORD_NUMBERS.get(said)
    if count is not None and not 1 <= count <= 10:
        return None  # no count of units one takes at once
    return count, passage.text[found.start():found.end()]


#: Dosage units a count before a drug's name counts ("two patches, Duragesic® (25 μg/h)").
_UNITS = COUNTED | {"patch"}


def _count_before_name(passage: Passage, tokens: list[Token], reading: ItemReading,
                       index: int) -> str | None:
    """ "two patches, Duragesic® (25 μg/h) were found", "three tablets of oxycodone (10 mg)",
    "4 Escitalopram tablets of 10 mg": a count of dosage units written before the drug's name,
    apart from the strength after the name — the strength is one unit's, or the dose the units
    make (the text does not say which: "two tablets of paracetamol (1 g)"). The words from the
    count to the unit, or None. Only the unit, the name, "of", commas, brackets, salts, route
    and release words stand between the count and the amount."""
    own = passage.token_at.get(reading.drug_span[0])
    if own is None or own >= index or reading.from_earlier:
        return None
    position = index - 1
    while position >= max(0, index - 8):
        token = tokens[position]
        if token.kind in ("open", "close", "form", "route", "release") or position == own or (
                token.kind == "punct" and token.value == ",") or (
                token.kind == "word" and token.value in SALTS | {"of"}):
            position -= 1
            continue
        break
    if position < 0 or position >= own:
        return None
    count = _count_of(passage, tokens[position])
    unit = next((p for p in range(position + 1, index)
                 if tokens[p].kind == "form" and tokens[p].value in _UNITS), None)
    if count is None or count < 2 or unit is None or position + 1 not in (unit, own):
        return None
    return passage.text[tokens[position].start:tokens[unit].end]


def _count_of(passage: Passage, token: Token) -> int | None:
    """A count written as a whole number or a word ("two", "30"), or None."""
    if token.kind == "number" and float(token.value).is_integer():
        return int(token.value)
    said = passage.word(token)
    if token.kind == "word" and said in WORD_NUMBERS and said not in ("once", "twice", "thrice"):
        return WORD_NUMBERS[said]
    return None


def _shared_name(tokens: list[Token], reading: ItemReading,
                 bounds: dict[int, list[tuple[Drug, int | None]]]) -> tuple[int, int]:
    """ "oxycodone 5 mg as needed and 10 mg twice daily", "morphine PCA: bolus 1 mg, lockout
    10 min, background infusion 0.5 mg/h", "hydromorphone 2 mg po q3h prn and 0.5 mg IV":
    a dose that shares its drug's name with a dose before it does not take that dose's
    schedule, as-needed or lockout, nor the route, release or form written after that dose's
    amount. The first dose's amount and the last position that belongs to the doses before
    (the list's separator before this amount); (-1, -1) for a name of one dose."""
    if reading.amount_token is None:
        return -1, -1
    before = [amount for drug, amount in bounds.get(reading.first, [])
              if drug == reading.drug and amount is not None and amount < reading.amount_token]
    if not before:
        return -1, -1
    until = max(before)
    for position in range(until + 1, reading.amount_token):
        token = tokens[position]
        # "and", a comma, or the "to" of a change ("from 20 mg three times a day to 20 mg
        # two times a day": the schedule before "to" is the old dose's), or a bracket opened
        # after the dose before ("Propranolol 20 mg three times a day (following stat-dose 40
        # mg in ED)": the bracket tells of another dose, which the schedule before it is not)
        # "then" or "later" between them ("hydrocortisone 100 mg once then 50 mg every six
        # hours": the "once" is the first dose's)
        if token.kind in ("plus", "open") or (token.kind == "punct" and token.value in ",;") or (
                token.kind == "word" and token.value == "to") or (
                token.kind == "time" and token.value == "later"):
            until = position
    return min(before), until


def _counted_daily_doses(passage: Passage, tokens: list[Token], token: Token) -> bool:
    """ "two daily doses of methylprednisolone (500 mg)", "3 daily injections": a count before
    "daily" and a word for doses may count the doses of a day or the days: not a schedule."""
    if passage.normal[token.start:token.end] != "daily":
        return False
    position = passage.token_at.get(token.start)
    if position is None or position < 1 or position + 1 >= len(tokens):
        return False
    count, following = tokens[position - 1], tokens[position + 1]
    counted = passage.normal[count.start:count.end]
    number_before = (count.kind == "number" and float(count.value) >= 2) or (
        WORD_NUMBERS.get(counted, 0) >= 2 and counted not in ("twice", "thrice"))
    return number_before and passage.normal[following.start:following.end] in (
        "doses", "injections", "infusions", "boluses", "administrations", "tablets", "capsules")


#: Nouns that count doses ("two oral doses of 500 mg daily").
_DOSE_NOUNS = frozenset({"doses", "injections", "infusions", "boluses", "administrations"})


def _doses_counted_before(passage: Passage, tokens: list[Token], token: Token) -> bool:
    """ "two oral doses of 500 mg daily", "3 doses of 1 g daily": a count of doses (two or more)
    before "doses of", the amount, then "daily" — the count may be the doses of each day (1000
    mg a day) or the day's amount split (500 mg a day); which is not written, so "daily" is not
    read as a schedule (prosefix118121, fresh118-009), as for "two daily doses of …"."""
    if passage.normal[token.start:token.end] != "daily":
        return False
    position = passage.token_at.get(token.start)
    if position is None or position < 4 or tokens[position - 1].kind != "amount" \
            or passage.word(tokens[position - 2]) != "of" \
            or passage.word(tokens[position - 3]) not in _DOSE_NOUNS:
        return False
    back = position - 4
    while back >= 0 and tokens[back].kind in ("route", "release", "form"):
        back -= 1
    if back < 0:
        return False
    count = tokens[back]
    counted = passage.normal[count.start:count.end]
    return (count.kind == "number" and float(count.value) >= 2) or (
        WORD_NUMBERS.get(counted, 0) >= 2 and counted not in ("twice", "thrice"))


def _adjective_daily(passage: Passage, tokens: list[Token], token: Token) -> bool:
    """ "a daily morphine dose of …", "the daily dose": "daily" before a drug's name or a
    word for an amount describes that amount; it does not say the drug was given daily."""
    if passage.normal[token.start:token.end] != "daily":
        return False
    position = passage.token_at.get(token.start)
    if position is None or position + 1 >= len(tokens):
        return False
    following = tokens[position + 1]
    return following.kind == "drug" or (following.kind in ("word", "cue") and passage.normal[
        following.start:following.end] in ("dose", "doses", "dosage", "requirement",
                                           "requirements", "consumption", "intake", "amount"))


def _closes_around(tokens: list[Token], reading: ItemReading, position: int) -> bool:
    """Does the bracket closing at ``position`` close one opened before the item's drug and its
    words, so that the item lies inside it? Such a bracket closes the item's span where a route
    follows it: the route ("and topical treatment") is the next phrase's. (A schedule after it
    is still the item's: "esogard (rabeprazole 20 + domperidone 30 mg) OD".)"""
    drug = next((i for i, t in enumerate(tokens) if t.kind == "drug"
                 and t.start == reading.drug_span[0]), None)
    if drug is None:
        return False
    depth = 0
    for token in tokens[min(drug, reading.first):position]:
        depth += {"open": 1, "close": -1}.get(token.kind, 0)
    return depth <= 0 and any(t.kind == "open" for t in tokens[:min(drug, reading.first)])


def _as_well_as(passage: Passage, tokens: list[Token], position: int) -> bool:
    """ "as well as" joins another thing given, whose words ("daily or every other day
    hemodialysis") are not the item's."""
    token = tokens[position]
    return token.kind == "plus" and " ".join(passage.normal[token.start:token.end].split()) \
        == "as well as"


#: Adverbs between a verb of change and the rhythm of its steps ("decreased gradually every 3 days").
_CHANGE_ADVERBS = frozenset({"gradually", "further", "then", "slowly", "rapidly", "again",
                             "progressively", "subsequently", "steadily"})


def _rhythm_of_change(passage: Passage, tokens: list[Token], position: int) -> bool:
    """ "was gradually decreased every 3 days as the following: 500 mg, 250 mg …", "tapered
    weekly: 40 mg, 30 mg …": a schedule right after a verb of change (increase, decrease,
    titrate; adverbs between) is the rhythm of the change's steps, not the schedule of a dose
    written after it (prosefix8485, fresh84-004: "every 3 days" made 500 mg a day 166.7)."""
    before = position - 1
    while before >= 0 and tokens[before].kind == "word" \
            and passage.word(tokens[before]) in _CHANGE_ADVERBS:
        before -= 1
    return before >= 0 and tokens[before].kind == "verb" \
        and tokens[before].value in ("increase", "decrease", "titrate")


def _unknown_name_follows(tokens: list[Token], position: int) -> bool:
    """After "," or "and": a name the catalogue does not know starts another item
    ("oxycodone 10 mg, senna 2 tablets at night": the night is senna's, not oxycodone's; "and
    the amiodarone drip": an article may open it)."""
    if position + 2 < len(tokens) and tokens[position + 1].kind == "word" \
            and tokens[position + 1].value in ("the", "a", "an"):
        position += 1
    if position + 1 >= len(tokens):
        return False
    following = tokens[position + 1]
    return following.kind == "word" and name_like(str(following.value)) \
        and following.value not in NOT_A_NAME


def _daily_intake(passage: Passage, tokens: list[Token], position: int) -> bool:
    """ "her daily intake of zopiclone, 30 mg", "a daily intake of 2 g of paracetamol": "intake"
    between a schedule and "of" is the noun of the doses taken, as "dose" is in "daily dose
    of"; the schedule before it is the drug's (prosefix99102, fresh102-009). Not "intake" alone
    ("fluid intake"), nor after a word that is no schedule ("alcohol intake of")."""
    return passage.word(tokens[position]) == "intake" and 0 < position < len(tokens) - 1 \
        and tokens[position - 1].kind == "freq" and passage.word(tokens[position + 1]) == "of"


def _joins_route(passage: Passage, tokens: list[Token], position: int) -> bool:
    """ "subcutaneous infusion with morphine", "intravenous administration of morphine",
    "subcutaneous instillation of lidocaine": the word that joins a route (or a device) to
    the drug it is for; "daily administration of 20 mg omeprazole", "eight-hourly
    administration of 50 mg of cyclizine": the word that joins a schedule to the dose."""
    token = tokens[position]
    word = passage.normal[token.start:token.end]
    if position == 0:
        return False
    before = tokens[position - 1]
    if token.kind == "plus" and word == "with":
        return before.kind in ("infusion", "device", "pca")
    if word in ROUTE_NOUNS and position + 1 < len(tokens):
        after = tokens[position + 1]
        return before.kind in ("route", "freq") and (
            (after.kind == "word" and after.value == "of")
            or (after.kind == "plus" and passage.normal[after.start:after.end] == "with"))
    return False


def _sig_count(tokens: list[Token], position: int) -> int | None:
    """After a strength: "; 1 capsule by mouth …", "; two tablets every 4 hours": how many
    units make one dose (1 to 4), where a schedule, a route or "as needed" follows. Only a
    semicolon (a medication list's sig) says the strength is one unit's; after a comma, a
    count above one is not read ("60 mg, 2 tablets" may be a dose of two 30 mg tablets)."""
    if position + 2 >= len(tokens):
        return None
    count, unit = unit_count(tokens[position + 1]), tokens[position + 2]
    if count is None or unit.kind != "form" or unit.value not in COUNTED:
        return None
    if count > 1 and tokens[position].value != ";":
        return None  # "morphine 60 mg, 2 tablets twice daily": the 60 mg may be the dose
    rest = tokens[position + 3:position + 6]
    if not any(t.kind in ("route", "freq", "prn") for t in rest):
        return None
    return count


def _premodifies_drug(tokens: list[Token], position: int) -> bool:
    """ "… for oral methadone": a route or release word right before a drug is that drug's."""
    ahead = position + 1
    while ahead < len(tokens) and tokens[ahead].kind in ("route", "release", "form"):
        ahead += 1
    return ahead < len(tokens) and tokens[ahead].kind == "drug"


def _single_dose_ahead(tokens: list[Token], position: int, reading: ItemReading) -> bool:
    """ "stat-dose 40 mg", "stat dose of 100 mg", "single dose of 5 mg": a word of a single dose
    right before another amount ("-", "dose" and "of" between) is that amount's — never the
    schedule of the item before it, and where this item takes it, that amount is left with the
    item's own schedule (the reader once read fresh38-004's "Propranolol (following stat-dose 40
    mg in ED)" as 40 mg three times a day, from the line's "three times a day")."""
    token = tokens[position]
    if token.kind != "freq" or not isinstance(token.value, Schedule) \
            or token.value.kind is not ScheduleKind.ONCE:
        return False
    ahead = position + 1
    while ahead < len(tokens) and tokens[ahead].kind == "word" and tokens[ahead].value in (
            "-", "dose", "of"):
        ahead += 1
    return ahead < len(tokens) and ahead > position + 1 and tokens[ahead].kind == "amount" \
        and ahead != reading.amount_token


def _class_apposition(passage: Passage, tokens: list[Token], position: int) -> int | None:
    """ "80 mg subcutaneous enoxaparin, a low molecular weight heparin (LMWH), administered twice
    a day": right after the item's words, an apposition between commas that opens with "a",
    "an" or "the" and names the drug's class (a class word, perhaps its abbreviation in
    brackets; no drug, amount or verb) says what the drug is, and the item's words go on past
    it (before, the schedule after it was lost; fresh42-010). The position of the comma that
    closes it, or None."""
    if tokens[position].kind != "punct" or tokens[position].value != "," \
            or position + 2 >= len(tokens) \
            or passage.word(tokens[position + 1]) not in ("a", "an", "the"):
        return None
    named = False
    for ahead in range(position + 2, min(len(tokens), position + 12)):
        token = tokens[ahead]
        if token.kind == "punct" and token.value == ",":
            return ahead if named and ahead + 1 < len(tokens) else None
        if token.kind == "class":
            named = True
        elif token.kind not in ("word", "open", "close"):
            return None
    return None


def volume_of_dose(passage: Passage, tokens: list[Token], reading: ItemReading,
                    position: int) -> bool:
    """ "enoxaparin (60 mg/0.6 ml) a dose every 24 h", "5000 units/0.5 mL twice daily": a
    volume under a millilitre written after the item's own amount and a slash is the volume that
    one dose comes in (a prefilled syringe's), not another amount; the item's words go on past
    it, to the schedule after it (fresh77-012 lost "a dose every 24 h"). A volume of a
    millilitre or more ("Oramorph 10 mg/5 ml") may be a liquid's strength, whose dose is a
    volume the text may not give: not so read."""
    amount = tokens[position].value
    return reading.amount_token is not None and position == reading.amount_token + 2 \
        and bool(amount.volume) and not amount.per and amount.kind == "single" \
        and 0 < amount.values[0] < 1 \
        and passage.word(tokens[position - 1]) == "/" \
        and tokens[reading.amount_token].value.base in ("mg", "g", "mcg", "units")


def _maker_bracket(passage: Passage, tokens: list[Token], position: int, drug: Drug
                   ) -> int | None:
    """ "400-mg intravenous fluconazole (Oneflu, Choongwae Pharma, Seoul, Korea) daily",
    "olanzapine (Oleanz®, SUN Pharmaceutical Industries Ltd., Mumbai, India) 5 mg": right after
    the item's words, a bracket of a product's brand, maker and place — two words or more, each
    written with a capital (or a maker's word: "pharma", "ltd", "inc"), commas between, no
    amount, number, schedule or other drug (the item's drug by its brand may stand in it) — says
    where the drug came from, and the item's words go on
    past it (the schedule after it was lost; fresh76-008). The position of the closing bracket,
    or None."""
    if tokens[position].kind != "open":
        return None
    names = 0
    for ahead in range(position + 1, min(len(tokens), position + 16)):
        token = tokens[ahead]
        if token.kind == "close":
            return ahead if names >= 2 and ahead + 1 < len(tokens) else None
        if token.kind == "punct" and token.value == ",":
            continue
        if token.kind == "drug" and token.value.drug == drug:
            names += 1  # "famotidine (Pepcid, Merck)": its brand
            continue
        said = passage.text[token.start:token.end]
        if token.kind == "word" and (said[:1].isupper() or token.value in _MAKER_WORDS
                                     or said in ("®", "™", ".", "&")):
            names += token.value not in ("®", "™", ".", "&")
            continue
        return None
    return None


#: Words of a maker's name written in small letters ("Sun pharma", "… Co., ltd.").
_MAKER_WORDS = frozenset({"pharma", "pharmaceutical", "pharmaceuticals", "ltd", "inc", "co",
                          "corp", "gmbh", "ag", "sa", "llc", "plc", "laboratories", "labs"})


def _modifier_ahead(tokens: list[Token], position: int, others: _Others) -> bool:
    """Past a word that is not a modifier ("for 1 week to relieve breakthrough pain"): is
    there a modifier of this item within three tokens? Not past a word that describes the
    next dose ("bolus 1 mg, lockout 10 min, background infusion 0.5 mg/h")."""
    if tokens[position].kind == "word" and tokens[position].value in DESCRIPTORS and any(
            tokens[ahead].kind == "amount" and ahead in others
            for ahead in range(position + 1, min(len(tokens), position + 4))):
        return False
    for ahead in range(position + 1, min(len(tokens), position + 4)):
        token = tokens[ahead]
        if _joins_verbs_of_giving(tokens, ahead):
            continue  # "was started and given every 8 h"
        if ahead in others or token.kind in ("drug", "class", "amount", "clause", "plus") or (
                token.kind == "punct"):
            return False
        if token.kind in MODIFIERS and token.kind != "approx":
            return True
    return False


#: What joins a dose to the schedule it went on at: "and", ", and", "and then", a comma.
_JOINS_CONTINUED = re.compile(r"\s*(?:,\s*)?(?:and(?:\s+then)?|then)?\s*")


def _continued_on(passage: Passage, tokens: list[Token], reading: ItemReading,
                  position: int) -> int | None:
    """ "a dose of hydrocortisone at 100 mg and continued every 8 h", "100 mg, then continued
    q8h", "and continued it every 6 h": a dose with no schedule of its own, then "and", "then"
    or a comma, "continued" and a schedule right after it — the dose went on at that schedule,
    so the schedule is the dose's (prosefix9293, fresh92-007), as "100 mg stat and 12 hourly"
    is. Not "and continued at 50 mg every 6 h" (another amount: another dose) nor "and
    continued for 5 days" (no schedule). Returns the schedule's position, or None."""
    if reading.amount_token is None or reading.amount_token >= position \
            or any(t.kind == "freq" for t in tokens[reading.first:position]):
        return None
    verb = position
    while verb < len(tokens) and tokens[verb].kind in ("plus", "punct", "time") \
            and verb - position < 3:
        verb += 1
    if verb == position or verb + 1 >= len(tokens) or tokens[verb].kind != "verb" \
            or passage.word(tokens[verb]) not in ("continued", "continuing") \
            or not _JOINS_CONTINUED.fullmatch(passage.normal, tokens[position].start,
                                               tokens[verb].start):
        return None
    schedule = verb + 1
    if passage.word(tokens[schedule]) == "it" and schedule + 1 < len(tokens):
        schedule += 1  # "and continued it every 6 h"
    if tokens[schedule].kind == "freq" and isinstance(tokens[schedule].value, Schedule):
        return schedule
    return None


#: ", and it was given twice daily", "and this was repeated every 8 hours": a later clause of the
#: sentence whose subject is a pronoun of the dose and whose verb is one of giving, a schedule
#: right after it
_IT_WAS_GIVEN = re.compile(r",?\s*(?:and|which)\s+(?:it|this|the\s+dose)\s+was\s+(?:then\s+)?"
                           r"(?:given|administered|repeated|continued|injected|infused)\s+$")

#: " was added to 250 ml of saline and given as an intravenous drip ": the dose diluted in a
#: volume (of a vehicle), and the verb of giving that shares its subject, a schedule right after
_DILUTED_AND_GIVEN = re.compile(
    r"^\s*(?:was|were)\s+(?:added\s+to|diluted\s+(?:in|with|to)|dissolved\s+in|mixed\s+with)\s+"
    r"[^;,]*?\s+and\s+(?:then\s+)?(?:was\s+)?(?:given|administered|infused|injected)"
    r"(?:\s+(?:as\s+an?|by)\s+(?:(?:intravenous|iv|i\.v\.|slow|continuous)\s+)*"
    r"(?:drip|infusion|injection))?\s+$")


def _schedule_said_of_it(passage: Passage, tokens: list[Token], reading: ItemReading) -> int | None:
    """ "An intravenous dose of 2 g of cefazolin was administered as a prophylactic antibiotic …,
    and it was given twice daily": a dose with no schedule of its own, the one amount and the one
    drug of its sentence, and a later clause "and it (this, the dose) was given" with a schedule
    right after it — the schedule is the dose's (prosefix129130, fresh129-021). So "1500 U of
    heparin was added to 250 ml of saline and given as an intravenous drip once a day": the
    volume it is diluted in, and a verb of giving joined to the dose's own (prosefix131134,
    fresh131-016). Not where another
    drug, class word or amount stands between (whose "it" that would be is not known). Returns the
    schedule's position, or None."""
    if reading.amount_token is None:
        return None
    diluted = False
    for position in range(reading.last + 1, len(tokens)):
        token = tokens[position]
        if token.kind == "amount" and token.value.volume and not diluted \
                and passage.word(tokens[position - 1]) in ("to", "in", "with"):
            diluted = True  # "was added to 250 ml of saline": the volume it is given in
            continue
        if token.kind in ("drug", "class", "amount", "clause") or (
                token.kind == "punct" and token.value == ";"):
            return None
        if token.kind == "freq" and isinstance(token.value, Schedule):
            between = passage.normal[tokens[reading.last].end:token.start]
            if (_DILUTED_AND_GIVEN if diluted else _IT_WAS_GIVEN).search(between) is None:
                return None
            if any(t.kind in ("drug", "class", "amount") for t in tokens[:reading.first]
                   if t is not tokens[reading.amount_token]):
                return None
            return position
    return None


#: The verbs of giving a dose ("started", "given", "continued"), which "and" may join into one
#: verb of the dose before them ("was started and given every 8 h").
_VERBS_OF_GIVING = frozenset({"give", "start", "continue"})


def _apposed_amount(passage: Passage, tokens: list[Token], reading: ItemReading,
                    position: int) -> bool:
    """ "tamoxifen, 20 mg, was prescribed on a daily basis", "morphine, 10 mg, was given every
    4 hours": an amount set off by commas right after its drug's name is an apposition, and the
    comma that closes it, followed by the sentence's verb ("was", "were", "is" and a verb of
    giving), opens no other item — the verb and its schedule are the drug's (prosefix99102,
    fresh102-005). Not "morphine 10 mg, was …" (no comma before the amount) nor a comma before
    another name."""
    amount = reading.amount_token
    if amount is None or position != amount + 1 or amount < 2 \
            or tokens[position].kind != "punct" or tokens[position].value != "," \
            or tokens[amount - 1].kind != "punct" or tokens[amount - 1].value != ",":
        return False
    name = tokens[amount - 2]
    if not name.start <= reading.drug_span[0] < name.end:
        return False
    ahead = position + 1
    while ahead < len(tokens) and passage.word(tokens[ahead]) in ("was", "were", "is", "are"):
        ahead += 1
    return position + 1 < ahead < len(tokens) and tokens[ahead].kind == "verb"


def _joins_verbs_of_giving(tokens: list[Token], position: int) -> bool:
    """Is the token at ``position`` an "and" between two verbs of giving ("was started and
    given", "was prepared and administered" is not: "prepared" is no verb of the lexicon)?"""
    return tokens[position].kind == "plus" and 0 < position < len(tokens) - 1 and all(
        tokens[p].kind == "verb" and tokens[p].value in _VERBS_OF_GIVING
        for p in (position - 1, position + 1))


def _another_follows(tokens: list[Token], position: int) -> bool:
    """After "and" or a comma: does another item (a drug, a class, an amount) follow?"""
    position += 1
    while position < len(tokens):
        token = tokens[position]
        if token.kind in ("drug", "class", "amount"):
            return True
        if token.kind in ("prn", "release", "route", "form", "approx", "bound") or (
                token.kind == "word" and token.value in GLUE):
            position += 1
            continue
        return token.kind in ("plus", "verb")
    return False


#: The words of a course that lowers a dose step by step ("a 7-week weaning course",
#: "tapering", "tapered off").
_TAPER = re.compile(r"\b(?:taper\w*|wean\w*)\b")


#: A word of the maximum before a dose or rate and "of": "maximum doses of", "maximal rate of",
#: "peak dose of", "the highest doses of"; or before the support of drugs given to hold the
#: circulation, whose rates it lists: "maximal vasopressor support (norepinephrine 40 mcg/min,
#: …)", "maximum inotropic support with dobutamine" (prosefix103109).
_PEAK = re.compile(r"\b(?:max(?:imum|imal|\.)?|peak|highest|top)\s+(?:(?:infusion\s+)?"
                   r"(?:doses?|dosages?|rates?)\s+of\s+|(?:vaso(?:pressor|active)|pressor|"
                   r"inotrop(?:ic|e)|(?:haemo|hemo)dynamic|circulatory)\s+support\s*"
                   r"(?:(?:with|of|on)\s+|:\s*)?)")
#: What may stand between such words and the drug whose rate they head: the names, amounts,
#: routes and brackets of a list of drugs ("maximum doses of norepinephrine (40 μg/min) and
#: vasopressin (2.4 U/h)").
_IN_A_LIST = frozenset({"drug", "amount", "open", "close", "plus", "route", "release", "form",
                        "infusion", "punct"})


def read_peak_rate(passage: Passage, tokens: list[Token], reading: ItemReading) -> None:
    """ "requiring maximum doses of norepinephrine (40 μg/min) and vasopressin (2.4 U/h)", "the
    peak rate of dexmedetomidine was 1.4 mcg/kg/h": a rate (per hour or minute) after words of
    the maximum that head its drug, or a list of drugs it is one of, is the highest rate a
    titration reached — held for part of a day at most, so not a day's amount (no daily amount;
    the rate stays the item's dose). An amount a day is not read so ("a maximum daily dose of
    96 mg" is the patient's highest day, read as the amount of that day)."""
    index = reading.amount_token
    amount = reading.amount
    if index is None or amount is None or reading.from_earlier \
            or not any(p in ("h", "min") for p in amount.per):
        return
    name = reading.drug_span[0]
    found = next(reversed(list(_PEAK.finditer(passage.normal, tokens[0].start,
                                              min(name, tokens[index].start)))), None)
    if found is None:
        return
    between = [t for t in tokens if found.end() <= t.start < min(name, tokens[index].start)]
    if any(t.kind not in _IN_A_LIST for t in between):
        return
    reading.peak_rate = passage.text[found.start():found.end()].strip()


def read_taper_start(passage: Passage, tokens: list[Token], reading: ItemReading) -> None:
    """ "a 7-week weaning course of prednisone (from 35 mg daily)": an amount right after
    "from", with no "to" and an amount after it in its clause (or its bracket), in a sentence
    that speaks of a taper or a weaning before it, is where the course began — not the day's
    amount now, which the text does not give (no daily amount; the amount stays the item's
    dose)."""
    index = reading.amount_token
    if index is None or index < 1 or passage.word(tokens[index - 1]) != "from" \
            or reading.amount is None or reading.amount.kind != "single":
        return
    for position in range(index + 1, len(tokens)):
        token = tokens[position]
        if token.kind in ("drug", "clause", "close") or (token.kind == "punct"
                                                         and token.value in ";,"):
            break
        if token.kind == "word" and token.value in ("to", "until") and any(
                t.kind == "amount" for t in tokens[position + 1:position + 3]):
            return  # "from 35 mg to 5 mg daily": a change, whose end is read as the dose
    if not _TAPER.search(passage.normal, tokens[0].start, tokens[index].start):
        return
    reading.taper_start = passage.text[tokens[index - 1].start:tokens[index].end]


def _doses_taken(passage: Passage, tokens: list[Token], index: int) -> str | None:
    """ "8 doses of 5 mg", "four rescue doses of 10 mg", "5 doses daily of 60mg": the words,
    or None."""
    position = index - 1
    if position < 2 or passage.normal[tokens[position].start:tokens[position].end] != "of":
        return None
    position -= 1
    if tokens[position].kind == "freq" and passage.normal[
            tokens[position].start:tokens[position].end] in ("daily", "a day", "per day",
                                                             "each day") and position >= 2:
        position -= 1  # "5 doses daily of 60mg": the doses taken a day, not a schedule
    if not re.search(r"\bdoses?$", passage.normal[tokens[position].start:tokens[position].end]):
        return None  # "doses", "rescue doses" (one token)
    position -= 1
    if passage.normal[tokens[position].start:tokens[position].end] in (
            "rescue", "breakthrough", "extra", "additional", "daily") and position >= 1:
        position -= 1
    token = tokens[position]
    if not (token.kind == "number" or unit_count(token) is not None
            or (token.kind == "word" and token.value in WORD_NUMBERS)):
        return None
    return passage.text[token.start:tokens[index - 1].end]
