"""Pass 4: the story — states opened by verbs of change and time words, and what each does.

Items are added, changed, switched, stopped and continued in story order; a new state carries
the items the text does not say changed, and says so; a stop or a switch ends the items it names
(a class's, for "opioids were stopped"); a later sentence may give an earlier dose its schedule;
the drugs a patient was discharged on are the regimen at discharge.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from mpsdose.io.prose.amounts import amount_unit
from mpsdose.io.prose.items import make_item, rebuild_with_schedule, token_span
from mpsdose.io.prose.passage import ItemReading, Passage
from mpsdose.io.prose.result import ReadItem
from mpsdose.io.prose.scan import Token, bracket_around
from mpsdose.model.drugs import Drug
from mpsdose.model.findings import Severity
from mpsdose.model.numbers import plain
from mpsdose.model.regimen import Item, Schedule, ScheduleKind
from mpsdose.model.vocabulary import Route

__all__ = ["tell"]

#: The time words a new state is labelled by, the first of them the sentence has in this order.
_TIME_ORDER = ("day", "admission", "discharge", "outpatient", "perioperative", "initial",
               "before")


def tell(passage: Passage, sentence: int, tokens: list[Token], readings: list[ItemReading]) -> None:
    """Pass 4 for one sentence: its items applied to the story in order — a state opened where a
    verb of change or a time word says so, the drug a switch is from placed before it, a class
    stopped, the regimen at discharge — and the drugs it told of kept for a later sentence that
    refers back."""
    story = passage.story
    classes = [(t, _class_action(tokens, i)) for i, t in enumerate(tokens)
               if t.kind == "class"]
    for token, action in classes:
        if action is None and token.value != "*" and not passage.normal[
                token.end:token.end + 9].startswith(("-induced", " induced", "-related")):
            passage.add_finding(Severity.INFO, "class-without-drug",
                                f"{passage.text[token.start:token.end]!r} names no drug: not an item",
                                (token.start, token.end))
    present = {item.drug for item in story.states[-1]["items"]} if story.states else set()
    readings = [r for r in readings if not _reference(r, present)]
    dosed = {item.drug for item in story.states[-1]["items"]
             if item.daily_dose is not None or item.per_dose is not None} if story.states else set()
    readings = [r for r in readings if not _dose_before_change(passage, tokens, r, readings,
                                                               dosed)]
    relist = _restated_list(passage, tokens, readings, dosed)
    froms = [r for r in readings if r.role == "from"]
    rest = [r for r in readings if r.role != "from"]
    held = story.states[-1]["items"] if story.states else []
    for reading in rest:
        # "famotidine 20 mg was given twice daily … Six days after being switched from
        # cimetidine to famotidine": a switch to a drug the state already holds with its dose,
        # from another drug the sentence names, with no amount or route of its own, tells again
        # a switch told before — the dose stands (the drug switched from ends)
        reading.told_again = reading.action == "switch" and reading.amount is None \
            and reading.route is None and bool(froms) \
            and all(other.drug != reading.drug for other in froms) \
            and any(item.drug == reading.drug and not item.prn
                    and (item.daily_dose is not None or item.per_dose is not None)
                    for item in held)
    passage.added_now = set()
    if not readings:  # "required the introduction of intravenous PCA": a route for later
        routes = [t for t in tokens if t.kind == "route" and isinstance(t.value, Route)]
        if routes and any(t.kind in ("pca", "infusion", "device") for t in tokens):
            passage.route_events.append((sentence, routes[0].value,
                                         (routes[0].start, routes[0].end)))
    if froms:
        if not story.states:
            _new_state(passage, tokens, [], carry=False, label="before the switch")
        # "The patient with methadone substitution initially needed 300 mg ketamine per day
        # … and was changed to …": a drug named without an amount before what was given
        # before the switch was given then too
        first = min(r.first for r in froms)
        named = [r for r in rest if r.amount is None and r.action != "stop" and r.first < first
                 and not any(t.kind == "verb" for t in tokens[:r.first])]  # not "a switch to FP"
        for reading in [*named, *froms]:  # "a switch to FP from oxycodone": given before
            if not any(item.drug == reading.drug for item in story.states[-1]["items"]):
                _apply(passage, attrs.evolve(reading, action="add", role=""))
    listed = _discharge_list(passage, tokens, rest)
    opens = _opens_state(passage, tokens, rest, classes) or bool(froms and rest) \
        or listed is not None
    states_before = len(story.states)
    # (a sentence whose list is restated after a verb of transition labels its first state by
    # the words before that verb: "admitted on A … and discharged on A'" opens "admission")
    head = tokens[:relist.at] if relist is not None and relist.before else tokens
    if not story.states and (rest or any(a for _, a in classes)):
        _new_state(passage, head, rest, carry=False, classes=classes)
    elif opens and story.states:
        _new_state(passage, head, rest, carry=True, classes=classes)
    if not story.states:
        return
    passage.added_now = set()
    if froms and rest:
        drop = {r.drug for r in froms}
        story.states[-1]["items"] = [i for i in story.states[-1]["items"] if i.drug not in drop]
    for token, action in classes:
        if action in ("stop", "switch"):
            _stop_class(passage, token.value, tokens, readings, action)
    earlier: dict[tuple[Drug, bool], ItemReading] = {}
    # "changed to oral hydromorphone … with the continuation of methadone": a switch in the
    # sentence does not end what the same sentence says continues
    passage.continued_now = {r.drug for r in rest if r.action == "continue"}
    passage.switch_from_now = bool(froms)
    openings = {} if relist is not None else _transition_openings(passage, tokens, rest)
    opened_at: int | None = None  # the transition whose state this sentence opened
    for position, reading in enumerate(rest):
        when = _time_of(tokens, reading)
        current = story.states[-1]
        later = when is not None and not current["label"].startswith(when) and (
            current["items"] or len(story.states) > 1)
        step = _step_of_treatment(passage, tokens, rest[:position], reading)
        if relist is not None and reading.first > relist.at:
            if reading is relist.after[0]:
                # "A and B were changed to A' and B'", "… and was discharged on A and B'":
                # the list after one verb of transition is ONE new state, labelled by it
                if later:
                    _new_state(passage, tokens, [reading], carry=True, label=when)
                elif relist.before or len(story.states) == states_before:
                    _new_state(passage, tokens, [reading], carry=True, label=relist.label)
                else:  # the sentence opened its state already: that state is the list's
                    story.states[-1]["label"] = _unique(passage, relist.label)
                passage.added_now = set()
                _replace_left(passage, relist)
            elif later:
                _new_state(passage, tokens, [reading], carry=True, label=when)
                passage.added_now = set()
            _apply(passage, reading)
            if reading.amount is not None:
                earlier[(reading.drug, reading.prn)] = reading
            continue
        boundary = openings.get(position)
        if boundary is not None and not later and boundary != opened_at:
            # "A and B for 2 weeks followed by A and B' …": the items one transition
            # introduces enter one new state, labelled by the transition
            _new_state(passage, tokens, [reading], carry=True,
                       label=passage.text[tokens[boundary].start:tokens[boundary].end].lower())
            passage.added_now = set()
            opened_at = boundary
        restated = (boundary is not None and not later) or (
            opened_at is not None and not later
            and _transition(tokens, reading, earlier) == opened_at)
        broke = False
        if not restated and (_sequence_break(passage, tokens, reading, earlier) or later):
            _new_state(passage, tokens, [reading], carry=True, label=when)
            passage.added_now = set()
            broke = True
        if step is not None and not broke:
            if not restated:  # (the transition's state, when open, is the step's)
                _new_state(passage, tokens, [reading], carry=True)
                passage.added_now = set()
            story.states[-1]["items"] = [i for i in story.states[-1]["items"]
                                         if i.drug != step.drug]
            reading.notes.append(("step-of-treatment", f"'{step.drug.name} … followed by "
                                  f"{reading.drug.name}', of the same class "
                                  f"({reading.drug.drug_class}): the next step of one "
                                  f"treatment, {step.drug.name} ended", Severity.INFO))
        if reading.amount is not None and reading.amount.kind == "list" \
                and reading.value_index > 0 and not reading.paired:
            _new_state(passage, tokens, [reading], carry=True)
            passage.added_now = set()
        _apply(passage, reading)
        if reading.amount is not None and reading.amount.kind == "fromto":
            _new_state(passage, tokens, [reading], carry=True)
            passage.added_now = set()
            _apply(passage, attrs.evolve(reading, action="update"), high=True)
        if reading.amount is not None:
            earlier[(reading.drug, reading.prn)] = reading
    if listed is not None and len(story.states) > states_before > 0:
        state = story.states[-1]
        discharged_on = {r.drug for r in rest}
        ended = [i for i in state["items"] if i.carried and i.drug not in discharged_on]
        if ended:
            state["items"] = [i for i in state["items"] if not any(i is e for e in ended)]
            passage.add_finding(Severity.INFO, "discharge-list",
                                f"{listed!r}: the drugs the patient was discharged on are the "
                                f"regimen at discharge; not carried into it: "
                                f"{', '.join(str(i.drug.name) for i in ended)}",
                                (tokens[0].start, tokens[-1].end))
    told = [(r.drug, r.drug_span, _device(r), r.route if isinstance(r.route, Route)
             else r.earlier_route) for r in rest]
    if told:
        story.focus.append(told)


def _discharge_list(passage: Passage, tokens: list[Token], readings: list[ItemReading]) -> str | None:
    """ "The patient … discharged on Cetomacrogol and fluocinolone gel … and 1%
    hydrocortisone ointment": the words that name the regimen at discharge (the drugs after
    "discharged on / with", every item of the sentence among them, none stopped), or None
    ("discharged on postoperative day 5" names a day, not a regimen; "discharged on day 12
    on prednisone 20mg daily, aspirin …": the day, then the regimen after a second "on")."""
    for position, token in enumerate(tokens[:-1]):
        if token.kind != "time" or token.value != "discharge" \
                or passage.word(tokens[position + 1]) not in ("on", "with"):
            continue
        joint = position + 1
        if joint + 3 < len(tokens) and passage.word(tokens[joint]) == "on" \
                and tokens[joint + 1].kind == "time" \
                and str(tokens[joint + 1].value).startswith("day") \
                and passage.word(tokens[joint + 2]) == "on":
            joint += 2  # "discharged on day 12 on …"
        if joint + 1 >= len(tokens) or tokens[joint + 1].kind in ("time", "number") \
                or passage.word(tokens[joint + 1]) in ("the", "a", "an", "day"):
            return None
        if readings and all(r.first > joint and r.action in ("add", "continue")
                            for r in readings):
            return passage.text[token.start:tokens[joint].end]
        return None
    return None


def _time_of(tokens: list[Token], reading: ItemReading) -> str | None:
    """The day an amount is given for: "100mg / 24 hours in day 1", "on day 5, … to
    1,800mg/day", "initiated on hospital day 1 at 100 micrograms/h", and right after the
    item's words: "famotidine 20 mg was given twice daily orally on hospital days 4-7"."""
    if reading.amount_token is None:
        return None
    after = reading.amount_token + 1
    while after < len(tokens) and tokens[after].kind == "word" and tokens[after].value in (
            "in", "on", "at", "from"):
        after += 1
    window = [after, *range(reading.amount_token - 1, reading.first - 1, -1)]
    end = reading.last + 1
    if end + 1 < len(tokens) and end > reading.amount_token + 1 \
            and tokens[end].kind == "word" and tokens[end].value in ("on", "from"):
        window.append(end + 1)
    for position in window:
        if 0 <= position < len(tokens):
            token = tokens[position]
            if token.kind == "time" and isinstance(token.value, str) \
                    and token.value.startswith("day"):
                return str(token.value)
    return None


def _reference(reading: ItemReading, present: set[Drug]) -> bool:
    """ "after starting the ketamine infusion": a drug of the state named again with no
    amount, schedule or change is a reference, not an event."""
    return (reading.amount is None and reading.drug in present
            and reading.action in ("add",) and reading.schedule is None
            and reading.schedule_word is None and not reading.prn)


def _dose_before_change(passage: Passage, tokens: list[Token], reading: ItemReading,
                        readings: list[ItemReading], dosed: set[Drug]) -> bool:
    """ "… increased the dose of bupropion to 450 mg/day. Following such an increase in
    bupropion dose from 300 mg to 450 mg, …": the amount after "from" in a change "from X to Y"
    of a drug the story already holds with a dose is the dose before the change — told again, not an item
    of a new state (the reader once read fresh43-025's bupropion 300 mg/day as the state after
    the increase). Said in a finding; where the story does not yet hold the drug, the amount is
    still the state before the change's, as before (and so where it holds the drug without a
    dose: "switched to tapentadol … increased the dose from 50 mg to 400 mg daily")."""
    at = reading.amount_token
    if reading.amount is None or reading.drug not in dosed or at is None or at < 1 \
            or reading.amount.kind in ("fromto", "list") or passage.word(tokens[at - 1]) != "from":
        return False
    head = tokens[max(0, at - 8):at]
    if not any(t.kind == "verb" and t.value in ("increase", "decrease", "titrate") for t in head):
        return False
    new = [r for r in readings if r.drug == reading.drug and r.amount_token is not None
           and r.amount_token > at and any(passage.word(t) == "to"
                                            for t in tokens[at + 1:r.amount_token])]
    if not new:
        return False
    said = passage.text[tokens[at].start:tokens[at].end]
    passage.add_finding(Severity.INFO, "dose-before-change",
                        f"{said!r}: the dose before the change 'from … to …' of "
                        f"{reading.drug.name}, which the story already holds with a dose: told again, not an "
                        "item of the state after the change", (tokens[at].start, tokens[at].end))
    return True


def _sequence_break(passage: Passage, tokens: list[Token], reading: ItemReading,
                    earlier: dict[tuple[Drug, bool], ItemReading]) -> bool:
    """A second amount for the same item in one sentence is a later state when a change or
    a time comes between ("10 mg twice daily and was increased to 80 mg twice daily",
    "100mg / 24 hours in day 1, 300mg / 24 hours in day 2"), or when each stands in a bracket of
    its own ("VAD (… dexamethasone 40 mg/day …), BD (… dexamethasone 40 mg/day …)": courses of
    a list, one after the other). So is the first of amounts in succession ("Morphine 10 mg was
    increased to 20 then 30 mg": 20 mg is a change too)."""
    if reading.amount is None:
        return False
    if reading.amount.kind == "list":
        at = reading.amount_token
        return reading.value_index == 0 and at is not None and 0 <= at < len(tokens) \
            and re.search(r"\bthen\b", passage.word(tokens[at])) is not None \
            and _sequence_break_of_one(tokens, reading, earlier)
    return _sequence_break_of_one(tokens, reading, earlier)


@attrs.define
class _Relist:
    """A list restated after one verb of transition (:func:`_restated_list`)."""

    at: int  # the position of the verb (or of "discharged")
    label: str
    before: list[ItemReading]  # the sentence's items before it, with their amounts
    after: list[ItemReading]  # the items after it, in order
    left: set[Drug]  # the drugs before it the list does not name: they leave


#: The passive verbs of change whose object ("… was changed to A and B") is the new regimen.
_CHANGED_TO = frozenset({"changed", "switched", "adjusted", "converted"})


def _restated_list(passage: Passage, tokens: list[Token], readings: list[ItemReading],
                   dosed: set[Drug]) -> _Relist | None:
    """ "Her regimen of morphine 10 mg every 4 hours and gabapentin 300 mg three times
    daily was changed to morphine 15 mg every 4 hours and gabapentin 600 mg three times
    daily", "admitted on A and B and was discharged on A and B' and C": the items after ONE
    verb phrase of transition — a passive "was changed / switched / adjusted / converted to",
    "was discharged (home) on / with", "was sent home on / with" — enter ONE new state,
    labelled by it ("changed to", "discharge"), where that list restates with its amount a
    drug the sentence (or, for a change, the state) held with an amount before it. The drugs
    before the verb are the regimen before it; those the list names again are changed
    (continued at the same dose), those it does not name leave (a true switch: "morphine … and
    gabapentin … were converted to oxycodone … and gabapentin …"), new ones enter. None where
    the sentence has no such phrase, its list restates nothing, or an amount is a list of
    values or "from … to" (their own rules)."""
    if any(r.amount is not None and r.amount.kind in ("list", "fromto") for r in readings):
        return None
    for at, token in enumerate(tokens):
        word = passage.word(token)
        label = None
        if word in _CHANGED_TO and at + 1 < len(tokens) and at > 0 \
                and passage.word(tokens[at + 1]) == "to" \
                and passage.word(tokens[at - 1]) in ("was", "were", "is", "are", "been", "then",
                                                      "later", "subsequently"):
            label = f"{word} to"
        elif token.kind == "time" and token.value == "discharge" and at + 1 < len(tokens):
            following = [passage.word(t) for t in tokens[at + 1:at + 3]]
            if following[:1] in (["on"], ["with"]) or following == ["home", "on"]:
                label = "discharge"
        if label is None:
            continue
        before = [r for r in readings if r.last < at and r.amount is not None]
        after = [r for r in readings if r.first > at and r.role != "from"]
        if not after or any(r.first < at < r.last for r in readings):
            return None
        named = {r.drug for r in after if r.amount is not None}
        held = {r.drug for r in before} or (dosed if label != "discharge" else set())
        if not named & held:
            return None
        for reading in before:  # the regimen before the verb: given, not switched from
            reading.role = ""
            if reading.action == "switch":
                reading.action = "add"
        left = {r.drug for r in before} - {r.drug for r in after}
        for reading in after:
            reading.role = ""
            if reading.drug in held and reading.amount is not None:
                reading.action = "update"
            elif reading.action in ("switch", "update"):
                reading.action = "switch" if left else "add"
        return _Relist(at, label, before, after, left)
    return None


def _replace_left(passage: Passage, relist: _Relist) -> None:
    """The drugs of the regimen before a restated list that the list does not name leave the
    new state (finding `restated-list`)."""
    state = passage.story.states[-1]
    gone = [i for i in state["items"] if i.drug in relist.left]
    if not gone:
        return
    state["items"] = [i for i in state["items"] if i.drug not in relist.left]
    passage.add_finding(Severity.INFO, "restated-list",
                        f"state {state['label']!r}: the list after {relist.label!r} names the "
                        f"regimen after it; not named again, so ended: "
                        f"{', '.join(sorted({str(i.drug.name) for i in gone}))}",
                        state["span"])


def _transition(tokens: list[Token], reading: ItemReading,
                earlier: dict[tuple[Drug, bool], ItemReading]) -> int | None:
    """The word of a transition between a reading and the last amount of its item in the
    sentence ("followed by", "then", "later"; a time word as the scanner marks it): the last
    time token between them, or None."""
    before = earlier.get((reading.drug, reading.prn))
    if reading.amount is None or before is None or before.amount_token is None \
            or reading.amount_token is None:
        return None
    times = [i for i in range(before.amount_token + 1, min(reading.first, reading.amount_token))
             if tokens[i].kind == "time" and tokens[i].value == "later"]
    return times[-1] if times else None


def _transition_openings(passage: Passage, tokens: list[Token],
                         readings: Sequence[ItemReading]) -> dict[int, int]:
    """ "oxycodone 10 mg twice daily and pregabalin 75 mg twice daily for 2 weeks followed by
    oxycodone 10 mg twice daily and pregabalin 150 mg twice daily": where items are restated
    with their amounts after a word of transition, the items after that word (up to the end of
    the sentence's list) enter ONE new state, opened at the first reading after the word —
    not one state per restated item. The position of that first reading → the transition
    token. Only lists (plain amounts, no list of values or "from … to")."""
    earlier: dict[tuple[Drug, bool], ItemReading] = {}
    openings: dict[int, int] = {}
    for position, reading in enumerate(readings):
        if reading.amount is not None and reading.amount.kind in ("list", "fromto"):
            return {}
        boundary = _transition(tokens, reading, earlier)
        if boundary is not None and boundary not in openings.values():
            first = next(p for p in range(position + 1)
                         if readings[p].first > boundary)
            openings[first] = boundary
        if reading.amount is not None:
            earlier[(reading.drug, reading.prn)] = reading
    return openings


def _sequence_break_of_one(tokens: list[Token], reading: ItemReading,
                           earlier: dict[tuple[Drug, bool], ItemReading]) -> bool:
    before = earlier.get((reading.drug, reading.prn))  # its last amount in the sentence
    if before is not None and before.amount_token is not None \
            and reading.amount_token is not None:
        between = tokens[before.amount_token + 1:reading.amount_token]
        if reading.action == "update" or any(t.kind == "time" for t in between) or any(
                t.kind == "verb" and t.value in ("increase", "decrease", "titrate", "reach",
                                                 "switch") for t in between):
            return True
        # "VAD (… dexamethasone 40 mg/day …), BD (… dexamethasone 40 mg/day …)": each with
        # its name in a bracket of its own: another course of a list of courses
        first, second = _named_in_bracket(tokens, before), _named_in_bracket(tokens, reading)
        if first is not None and second is not None and first != second:
            return True
    return False


def _named_in_bracket(tokens: list[Token], reading: ItemReading) -> tuple[int, int] | None:
    """The bracket that holds both the reading's drug name and its amount (the course of a
    list, "BD (bortezomib … + dexamethasone 40 mg/day …)"), or None — not a bracket around
    the amount alone ("300 mg lidocaine (6 mg/kg)")."""
    at = reading.amount_token
    if at is None:
        return None
    around = bracket_around(tokens, at)
    named = next((i for i, t in enumerate(tokens) if t.kind == "drug"
                  and (t.start, t.end) == reading.drug_span), None)
    if around is None or named is None or not around[0] < named < around[1]:
        return None
    return around


def _step_of_treatment(passage: Passage, tokens: list[Token], before: Sequence[ItemReading],
                       reading: ItemReading) -> ItemReading | None:
    """ "methylprednisolone IV followed by oral prednisone 70 mg daily", "methylprednisolone
    pulse therapy (1 g/day, for 3 days) followed by oral prednisolone": a drug of the same
    class as the one named just before "followed by" is the next step of one treatment,
    given after it, not beside it (a drug of another class, "oxycodone 10 mg/day …, followed
    by naldemedine 0.2 mg/day", is added beside it). The reading it follows, or None."""
    if not before or reading.action != "add" or reading.drug.drug_class is None:
        return None
    previous = before[-1]
    if previous.drug == reading.drug or previous.drug.drug_class != reading.drug.drug_class \
            or previous.action not in ("add", "continue"):
        return None
    between = tokens[previous.last + 1:reading.first]
    if len(between) > 3 or not any(passage.word(t).startswith("followed") for t in between):
        return None
    return previous


def _class_action(tokens: list[Token], index: int) -> str | None:
    for position in list(range(index + 1, min(len(tokens), index + 6))) + list(
            range(index - 1, max(-1, index - 4), -1)):
        token = tokens[position]
        if token.kind == "clause":
            break
        if token.kind == "verb" and token.value in ("stop", "switch"):
            return str(token.value)
    return None


def _opens_state(passage: Passage, tokens: list[Token], readings: list[ItemReading],
                 classes: list[tuple[Token, str | None]]) -> bool:
    if not passage.story.states:
        return False
    current = passage.story.states[-1]["items"]
    if not current:
        return any(r.action != "stop" for r in readings)
    present = {item.drug for item in current}
    for reading in readings:
        if reading.action in ("switch", "stop") and (reading.drug in present
                                                     or reading.action == "switch"):
            return True
        if reading.action == "update" and reading.amount is not None:
            return True
        if reading.action == "add" and reading.amount is not None and reading.drug in present:
            return True
        if reading.action == "add" and _explicit_start(tokens, reading):
            return True
        if reading.action == "continue" and reading.amount is not None:
            return True
    if any(action in ("stop", "switch") for _, action in classes):
        return True
    head = tokens[:4]
    return bool(readings) and any(t.kind == "time" and t.value not in ("before", "initial")
                                  for t in head)


def _explicit_start(tokens: list[Token], reading: ItemReading) -> bool:
    window = tokens[max(0, reading.first - 6):reading.last + 4]
    return any(t.kind == "verb" and t.value in ("start", "add") for t in window)


def _new_state(passage: Passage, tokens: list[Token], readings: Sequence[ItemReading], *, carry: bool,
               classes: Sequence[tuple[Token, str | None]] = (),
               label: str | None = None) -> None:
    story = passage.story
    label = _unique(passage, label) if label else _label(passage, tokens, readings, classes)
    items: list[ReadItem] = []
    if carry and story.states:
        stale = story.states[-1]["stale"]
        for item in story.states[-1]["items"]:
            if item.frequency == "once" and not item.prn and item.daily_dose is None:
                continue  # "Olanzapine 10 mg IM stat": a single dose is given, not continued
            if any(item.span[0] <= start < item.span[1] for start in passage.days_in_turn):
                continue  # "On day 2, he receives olanzapine, 20 mg": that day's, not the next's
            copy = item if item.carried else item.as_carried()
            if item.drug.name in stale and not item.prn:
                copy = attrs.evolve(copy, daily_dose=None, daily_mg=None, per_dose=None,
                                    frequency=None, item=_unknown(copy.item))
            items.append(copy)
    start = tokens[0].start if tokens else 0
    end = tokens[-1].end if tokens else 0
    story.states.append({"label": label, "items": items, "span": (start, end),
                         "carried_from": story.states[-1]["label"] if carry and story.states
                         else None, "stale": set()})


def _label(passage: Passage, tokens: list[Token], readings: Sequence[ItemReading],
           classes: Sequence[tuple[Token, str | None]] = ()) -> str:
    times = [t.value for t in tokens if t.kind == "time" and isinstance(t.value, str)
             and t.value != "later"]
    base = None
    for wanted in _TIME_ORDER:
        found = [t for t in times if t.startswith(wanted) or t.endswith(wanted)]
        if found:
            base = found[0]
            break
    if base is None and times:
        base = times[0]
    if base is None:
        events = []
        for token, action in classes:
            if action in ("stop", "switch"):
                events.append(f"{passage.text[token.start:token.end].lower()} "
                              f"{'stopped' if action == 'stop' else 'changed'}")
        for reading in readings:
            verb = {"increase": "increased", "decrease": "decreased", "titrate": "titrated",
                    "reach": "increased", "start": "started", "add": "added",
                    "stop": "stopped", "continue": "continued", "give": "given",
                    "switch": "switch"}.get(reading.verb, "given")
            event = (f"switched to {reading.drug.name}" if verb == "switch"
                     else f"{reading.drug.name} {verb}")
            if event not in events:
                events.append(event)
        base = ", ".join(events[:2]) or None
    if not passage.story.states and not times:
        base = "initial"
    return _unique(passage, base or f"state {len(passage.story.states) + 1}")


def _unique(passage: Passage, base: str) -> str:
    labels = {s["label"].lower() for s in passage.story.states}
    label, n = base, 2
    while label.lower() in labels:
        label = f"{base} ({n})"
        n += 1
    return label


def _stop_class(passage: Passage, drug_class: str, tokens: list[Token], readings: list[ItemReading],
                action: str) -> None:
    state = passage.story.states[-1]
    regular = any(passage.normal[t.start:t.end].startswith("regular") for t in tokens)
    targets = {r.drug for r in readings}
    kept = []
    for item in state["items"]:
        matches = drug_class == "*" or item.drug.drug_class == drug_class
        if action == "switch" and drug_class == "*":
            matches = True
        if regular and item.prn:
            matches = False
        if matches and item.drug not in targets:
            continue
        kept.append(item)
    state["items"] = kept


def _apply(passage: Passage, reading: ItemReading, *, high: bool = False) -> None:
    state = passage.story.states[-1]
    items: list[ReadItem] = state["items"]
    if reading.told_again:
        span = token_span(passage, reading)
        passage.add_finding(Severity.INFO, "switch-told-again",
                            f"{passage.text[span[0]:span[1]]!r}: the switch to "
                            f"{reading.drug.name} was told before, with its dose; that dose "
                            "stands", span)
        return
    same = [i for i, item in enumerate(items) if item.drug == reading.drug]
    if reading.action == "stop":
        stopped = _stopped(passage, reading, [items[i] for i in same])
        state["items"] = [item for item in items if not any(item is s for s in stopped)]
        return
    if reading.action == "switch" and reading.role != "from":
        drop = {i for i in same if id(items[i]) not in passage.added_now}
        if reading.drug.is_opioid:
            drop |= {i for i, item in enumerate(items) if item.drug.is_opioid
                     and id(item) not in passage.added_now
                     and item.drug not in passage.continued_now}
        drop |= _replaced_of_class(passage, items, reading)
        items = [item for i, item in enumerate(items) if i not in drop]
        state["items"] = items
        same = [i for i, item in enumerate(items) if item.drug == reading.drug]
    previous = _previous(items, same, reading)
    if reading.amount is None and reading.action in ("update",) and previous is not None:
        stale = items[previous]
        span = token_span(passage, reading)
        if stale.carried:
            items[previous] = attrs.evolve(stale, carried=False, action="changed",
                                           daily_dose=None, daily_mg=None, per_dose=None,
                                           frequency=None, max_daily_dose=None,
                                           item=_unknown(stale.item), span=span,
                                           as_written=passage.text[span[0]:span[1]])
            passage.add_finding(Severity.WARNING, "change-without-amount",
                                f"{passage.text[span[0]:span[1]]!r}: {reading.drug.name} changed, and "
                                "the text gives no new amount: its dose is unknown from here",
                                span)
            return
        passage.add_finding(Severity.WARNING, "change-without-amount",
                            f"{passage.text[span[0]:span[1]]!r}: {reading.drug.name} changed, and the "
                            "text gives no new amount; later states carry it with its dose unknown",
                            span)
        state["stale"].add(stale.drug.name)
        return
    if reading.amount is None and previous is not None:
        if _complement(passage, items, previous, reading):
            return
        if reading.action == "continue" or reading.prn == items[previous].prn:
            if reading.action == "continue":
                items[previous] = attrs.evolve(items[previous], carried=False,
                                               action="continued")
            return
    if previous is not None and reading.amount is not None and reading.action == "add" \
            and items[previous].prn == reading.prn and id(items[previous]) not in passage.added_now:
        reading.action = "update"  # a new amount for an item of the state
    if previous is not None:
        _change_on_a_day(reading, items[previous])
    item = make_item(passage, reading, items[previous] if previous is not None else None, high=high)
    if previous is not None and reading.amount is not None and (
            reading.action in ("update", "continue", "switch")
            or item.prn == items[previous].prn) and id(items[previous]) not in passage.added_now:
        if reading.action in ("add", "update") and _same_reading(item, items[previous]):
            # "… followed by oxycodone 10 mg twice daily" of a state that holds it so: the
            # same item restated, continued at its dose, not added or changed
            item = attrs.evolve(item, action="continued")
        items[previous] = item
    elif any(id(other) in passage.added_now and _same_reading(other, item) for other in items):
        return  # the same item said twice in one sentence
    else:
        items.append(item)
    passage.added_now.add(id(item))
    passage.item_sentence[id(item)] = passage.sentence
    state["items"] = items


def _replaced_of_class(passage: Passage, items: list[ReadItem], reading: ItemReading) -> set[int]:
    """ "She was changed to sertraline" (on fluoxetine): a switch to a drug that names no drug
    it is from replaces the one other drug of its class the state holds (finding
    `switch-same-class`). Where the state holds two or more other drugs of the class, which
    one is replaced is not said: none is. Opioids replace the opioids (above)."""
    drug = reading.drug
    if drug.is_opioid or not drug.listed or passage.switch_from_now:
        return set()
    others = {i: item for i, item in enumerate(items)
              if item.drug != drug and item.drug.listed and item.drug.drug_class == drug.drug_class
              and id(item) not in passage.added_now and item.drug not in passage.continued_now}
    if len({item.drug for item in others.values()}) != 1:
        return set()
    replaced = next(iter(others.values())).drug
    span = token_span(passage, reading)
    passage.add_finding(Severity.INFO, "switch-same-class",
                        f"{passage.text[span[0]:span[1]]!r}: the switch to {drug.name} names no drug "
                        f"it is from; it replaces {replaced.name}, the one other "
                        f"{drug.drug_class} of the state", span)
    return set(others)


def _change_on_a_day(reading: ItemReading, old: ReadItem) -> None:
    """ "metoclopramide 40mg IV over 24 hours; dose was increased to 60mg": the amount a dose
    written as a day's amount (per day, over 24 hours; no schedule of doses) is changed to, a
    bare mass with no time or schedule of its own, is on the same basis: 60 mg a day (finding
    `basis-from-change`). A dose with a schedule of doses ("10 mg twice daily … increased to
    20 mg": 20 mg a dose or a day?) lends nothing."""
    amount = reading.amount
    if reading.verb not in ("increase", "decrease", "titrate", "reach") or amount is None \
            or not amount.mass or amount.per or amount.kind != "single" or amount.high is not None \
            or reading.schedule is not None or reading.schedule_word is not None \
            or reading.prn or reading.bolus or reading.lockout is not None or reading.count \
            or reading.split is not None or reading.split_unclear is not None:
        return
    per = old.per_dose
    if old.prn or old.daily_dose is None or per is None:
        return
    once = _once_a_day(old)
    if once is not None and per.unit in ("mg", "mcg", "g"):
        # "fluoxetine 20 mg daily … the dose raised to 40 mg": a dose given once a day is the
        # day's amount too, so the new amount is a dose on the same schedule either way
        reading.schedule = once
        reading.notes.append(("basis-from-change", f"the dose changed was given once a day "
                              f"({plain(per.value)} {per.unit}, {old.frequency}), and the new "
                              "amount has no time or schedule of its own: read on the same "
                              "schedule", Severity.INFO))
        return
    if old.frequency is not None or per.unit not in ("mg/day", "mcg/day", "g/day"):
        return
    reading.amount = attrs.evolve(amount, per=("day",))
    reading.notes.append(("basis-from-change", f"the dose changed was a day's amount "
                          f"({plain(per.value)} {per.unit}), and the new amount has no time or "
                          "schedule of its own: read as a day's amount too", Severity.INFO))


#: The words of the once-a-day schedules (:meth:`Schedule.format`).
_ONCE_WORDS = {"daily": Schedule.times_per_day(1), "q24h": Schedule.every(24),
               "at night": Schedule(ScheduleKind.AT_NIGHT)}


def _once_a_day(old: ReadItem) -> Schedule | None:
    """The schedule of a dose given once a day (daily, every morning, at night), else None. An
    item the item language cannot write (a drug the catalogue does not know, read by the second
    reading) is judged by its frequency's words, as the schedule writes them ("daily", "q24h",
    "at night"; fresh76-017's ganciclovir "daily dose of 200 mg, but was increased to 400 mg")."""
    schedule = old.item.schedule if old.item is not None else None
    if schedule is None and old.item is None:
        schedule = _ONCE_WORDS.get(old.frequency or "")
    if schedule is None:
        return None
    if schedule.kind is ScheduleKind.AT_NIGHT or (
            schedule.kind is ScheduleKind.TIMES_PER_DAY and schedule.value == 1) or (
            schedule.kind is ScheduleKind.INTERVAL and schedule.value == 24):
        return schedule
    return None


def _stopped(passage: Passage, reading: ItemReading, candidates: list[ReadItem]) -> list[ReadItem]:
    """The items a stop is about: all of the drug's, unless the text says which one ("the
    oxycodone 5 mg capsule was discontinued": not the 10 mg controlled-release tablet)."""
    if len(candidates) < 2:
        return candidates
    amount = reading.amount
    strength = (amount.value, amount_unit(amount)) if amount is not None and amount.mass \
        and amount.kind == "single" else None
    form = reading.form if reading.form in ("tablet", "capsule", "liquid", "patch",
                                             "suppository", "injection") else None
    if strength is None and form is None and reading.release is None and not reading.prn:
        return candidates
    chosen = [item for item in candidates if (
        (strength is None or (item.per_dose is not None
                              and (item.per_dose.value, item.per_dose.unit) == strength))
        and (form is None or item.form in (None, form))
        and (reading.release is None or item.release in (None, reading.release))
        and (not reading.prn or item.prn))]
    if not chosen or len(chosen) == len(candidates):
        return candidates
    span = token_span(passage, reading)
    passage.add_finding(Severity.INFO, "stopped-one-of-several",
                        f"{passage.text[span[0]:span[1]]!r}: only the {reading.drug.name} item the text "
                        "describes is stopped; the drug's other items continue", span)
    return chosen


def _previous(items: list[ReadItem], same: list[int], reading: ItemReading) -> int | None:
    if not same:
        return None
    wanted_prn = reading.prn
    for index in reversed(same):
        if items[index].prn == wanted_prn:
            return index
    if reading.amount is None:
        return same[-1]
    return None


def _complement(passage: Passage, items: list[ReadItem], previous: int, reading: ItemReading) -> bool:
    """A later sentence gives the schedule of a dose named earlier ("oxycodone 5 mg was
    given …; oxycodone was given four times a day")."""
    old = items[previous]
    if reading.schedule_adjective:
        return False  # "a daily morphine dose of up to 1 mg …": no schedule of giving
    if reading.schedule is None or old.frequency not in (None, "once") or old.per_dose is None \
            or old.per_dose.unit not in ("mg", "mcg", "g"):
        return False
    if old.prn:
        return False
    replaced = rebuild_with_schedule(passage, old, reading.schedule, reading)
    items[previous] = replaced
    if reading.prn:
        items.append(attrs.evolve(rebuild_with_schedule(passage, old, None, reading), prn=True,
                                  frequency=None, daily_dose=None, daily_mg=None,
                                  carried=False, action="added"))
        passage.add_finding(Severity.INFO, "prn-same-strength",
                            f"{old.drug.name}: the rescue dose is read as the same strength as the "
                            f"regular dose ({old.per_dose}), as the text gives no other",
                            token_span(passage, reading))
    return True


def _same_reading(one: ReadItem, other: ReadItem) -> bool:
    return (one.drug, one.prn, one.route, one.per_dose, one.frequency, one.daily_dose) == (
        other.drug, other.prn, other.route, other.per_dose, other.frequency, other.daily_dose)


def _device(reading: ItemReading) -> str | None:
    if reading.device == "pca":
        return "pca"
    if reading.form == "patch" or reading.route is Route.TRANSDERMAL:
        return "patch"
    if reading.infusion or reading.device:
        return "infusion"
    return None


def _unknown(item: Item | None) -> Item | None:
    """The same item with its dose unknown (a change the text gives no amount for)."""
    if item is None:
        return None
    return attrs.evolve(item, ingredients=tuple(attrs.evolve(i, dose=None, dose_range=None)
                                                for i in item.ingredients),
                        schedule=Schedule(), prn=item.prn, max_prn_per_day=None, count=None)
