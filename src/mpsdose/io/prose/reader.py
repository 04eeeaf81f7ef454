"""Read a case report's prose into the course it describes (CONTRACT.md §6).

A deterministic reader, in four passes over each sentence in story order:

1. **Tokens** (:mod:`.scan`): drug names the catalogue knows (and abbreviations the text itself
   defines, "morphine sulfate (MS)"), amounts with their units, and the words around them
   (routes, releases, forms, schedules, PRN and PCA words, verbs of change, negation, time).
2. **Numbers that are not doses** are set aside with the reason: laboratory values, totals the
   authors print (oral morphine equivalents, use, series medians and ranges), steps, marketed
   strengths, thresholds.
3. **Items**: each remaining amount is bound to the drug it belongs to — the drug right after it
   ("2 mg/day of morphine"), else the nearest drug before it in the sentence (skipping
   brackets), else, where the sentence refers back ("the dose was increased to …"), the drug the
   story is about, said in a finding. A drug named without an amount is an item with its dose
   unknown. Each item is written in the item language and parsed by it, so the same checks hold.
4. **The story**: verbs of change (started, added, increased, switched, stopped, continued) and
   time words open new states; a new state carries the items the text does not say changed, and
   says so.

Nothing is invented: a daily amount is given only where the text gives it (a rate, a daily
amount, a dose with its frequency, a concentration with its rate, a weight-based dose with the
weight the text gives); everything else is None with a finding saying why.

The passes live in modules of this package, each over the one :class:`.passage.Passage`:
:mod:`.whole_text` (what the whole text says before its sentences are read), :mod:`.not_doses`
(pass 2), :mod:`.binding` and :mod:`.unknown_names` (pass 3: amounts to drugs),
:mod:`.mentions` (drugs named without an amount), :mod:`.modifiers`, :mod:`.actions` and
:mod:`.sentence_items` (the words around an item, its verb, what a sentence's items share),
:mod:`.story` (pass 4), :mod:`.items` and :mod:`.amounts` (making an item and its numbers), with
:mod:`.words` the word lists several of them share. This module reads the whole text and each
sentence in turn.
"""

from __future__ import annotations

import attrs

from mpsdose.io.prose.actions import mark_switched_from, read_action
from mpsdose.io.prose.binding import (
    bind_amounts,
    drop_alternatives,
    level_of_metabolite,
    note_unit_strengths,
    report_unattached,
)
from mpsdose.io.prose.mentions import named_without_amount, not_given, of_the_story, route_named
from mpsdose.io.prose.modifiers import (
    attach_modifiers,
    read_peak_rate,
    read_taper_start,
    read_unit_count,
)
from mpsdose.io.prose.not_doses import note_grains, set_aside_numbers
from mpsdose.io.prose.others import other_names, read_other_items, set_aside_for_others
from mpsdose.io.prose.passage import Passage
from mpsdose.io.prose.result import Reading, ReadState
from mpsdose.io.prose.scan import DrugName, Token, scan
from mpsdose.io.prose.sentence_items import (
    attach_volumes,
    drop_preparation_strengths,
    merge_split_doses,
    share_component_schedule,
    share_infusion_day,
    share_infusion_route,
    share_list_schedule,
)
from mpsdose.io.prose.story import tell
from mpsdose.io.prose.text import sentences
from mpsdose.io.prose.whole_text import (
    GROUP_OF_PATIENTS,
    SUMMARY,
    case_starts,
    daily_list_lines,
    days_told_in_turn,
    define_abbreviations,
    misspelt_names,
    option_blocks,
    patient_weight,
    quiet_sections,
    series_statement,
    set_aside_sentence,
    solution_continued,
    why_set_aside,
)
from mpsdose.io.prose.words import INN_STEM, ONE_PATIENT
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.model.boundary import checked
from mpsdose.model.drugs import Drug
from mpsdose.model.errors import PatientError
from mpsdose.model.findings import Severity
from mpsdose.model.regimen import Patient

__all__ = ["read_course"]


@checked
def read_course(text: str, *, knowledge: Knowledge | None = None,
                table: str | None = None) -> Reading:
    """Read English case-report prose into the course it describes.

    Parameters
    ----------
    text
        A passage or a whole case presentation (any length; UTF-8 text).
    knowledge
        The catalogue and tables to read with (default: the shipped data).
    table
        The conversion table for each state's total OME (default ``cdc2022``); printed totals
        are compared under every table.

    Returns
    -------
    Reading
        States in story order with their items (``as_written == text[span]``), the totals the
        text prints compared with the computed ones, the numbers set aside as not doses, and a
        finding for every assumption.
    """
    books = resolve(knowledge)
    table_id = table or "cdc2022"
    books.conversion_table(table_id)  # an unknown table is an error before any reading
    passage = Passage(text, books, table_id)
    # the names of drugs the catalogue lacks are found first: a sentence that names one refers
    # back to no catalogue drug (binding._story_drug; prosefix9091)
    others = other_names(passage, books)
    reading = _read_passage(passage)
    if not others or not set_aside_for_others(passage):
        return reading
    # a second reading with the names of drugs the catalogue does not know as drugs of their
    # own: only its items of those drugs, from amounts the first reading set aside, are kept
    second = _read_passage(Passage(text, books, table_id, others=others))
    return read_other_items(reading, passage, second, books)


def _read_passage(passage: Passage) -> Reading:
    """Read the whole text: what it says as a whole first (abbreviations, the patient's weight,
    answer options, sections, summaries), then each sentence in turn."""
    spans = sentences(passage.text, passage.normal)
    define_abbreviations(passage, spans)
    misspelt_names(passage)
    names = {**passage.misspelt, **passage.defined}
    token_lists = [scan(passage.text, passage.normal, s.start, s.end, passage.vocabulary, names,
                        passage.defined_routes) for s in spans]
    spans, token_lists = solution_continued(passage, spans, token_lists)
    days_told_in_turn(passage, spans, token_lists)
    passage.weight = patient_weight(passage, spans, token_lists)
    daily_list_lines(passage, spans, token_lists)
    if any(t.kind == "amount" and t.value.per_kg for tokens in token_lists for t in tokens):
        for token, why in passage.masses_not_weight:
            passage.add_finding(Severity.INFO, "not-a-weight",
                                f"{passage.text[token.start:token.end]!r} is not read as the "
                                f"patient's weight ({why}): a dose per kg is not multiplied by it",
                                (token.start, token.end))
    if passage.weight is not None:
        try:
            Patient(weight_kg=passage.weight)
        except PatientError as error:
            passage.add_finding(Severity.INFO, "weight-not-carried",
                                f"{error}: the weight is used for doses per kg, but not written "
                                "as the course's patient", None)
    passage.options = option_blocks(passage.text)
    passage.group = GROUP_OF_PATIENTS.search(passage.normal) is not None
    passage.summaries = {s.index for s in spans
                         if SUMMARY.search(passage.normal[s.start:s.end])}
    passage.quiet_starts, passage.background_starts = quiet_sections(passage, spans, token_lists)
    passage.named = [{t.value.drug for t in tokens if t.kind == "drug"}
                     if why_set_aside(passage, s, tokens) is None and of_the_story(passage, tokens) else set()
                     for s, tokens in zip(spans, token_lists, strict=True)]
    #: the drugs each sentence names, whatever it tells
    passage.all_named = [{t.value.drug for t in tokens if t.kind == "drug"}
                         for tokens in token_lists]
    passage.routed = [{t.value.drug for p, t in enumerate(tokens)
                       if t.kind == "drug" and route_named(tokens, p)} & named
                      for tokens, named in zip(token_lists, passage.named, strict=True)]
    starts = case_starts(passage, spans)
    for sentence, tokens in zip(spans, token_lists, strict=True):
        if sentence.index in starts:
            _begin_case(passage, starts[sentence.index])
        aside = why_set_aside(passage, sentence, tokens)
        if aside is not None:
            set_aside_sentence(passage, tokens, aside)
            continue
        _read_sentence(passage, sentence.index, tokens)
    return _reading(passage)


def _read_sentence(passage: Passage, index: int, tokens: list[Token]) -> None:
    """Read one sentence: its numbers that are not doses, its amounts bound to drugs, its drugs
    named without an amount, each item's words and verb, what its items share, and then the
    story it tells."""
    tokens = _merge_brands(tokens)
    if len(tokens) > 1 and tokens[0].kind == "verb" and tokens[1].kind == "punct" \
            and tokens[1].value == ":":  # "Introduction: …", "Treatment: …": a heading
        tokens = [attrs.evolve(tokens[0], kind="word", value=passage.normal[
            tokens[0].start:tokens[0].end]), *tokens[1:]]
    passage.tokens = tokens
    passage.token_at = {token.start: position for position, token in enumerate(tokens)}
    _prefixed_names(passage, tokens)
    passage.negated_tokens = set()
    passage.sentence = index
    said = passage.normal[tokens[0].start:tokens[-1].end] if tokens else ""
    one = ONE_PATIENT.search(said) is not None
    passage.series = series_statement(said) and not one and "respectively" not in said
    passage.total_tokens = set()
    passage.owned = set()
    used: set[int] = set()
    note_grains(passage, tokens)
    set_aside_numbers(passage, index, tokens, used)
    readings = bind_amounts(passage, index, tokens, used)
    readings = [r for r in readings if not not_given(passage, tokens, r)]
    readings = drop_alternatives(passage, tokens, readings)
    readings += named_without_amount(passage, index, tokens, readings)
    readings.sort(key=lambda r: (r.first, r.value_index))
    bounds: dict[int, list[tuple[Drug, int | None]]] = {}
    for reading in readings:
        for position in {reading.first, reading.last}:
            bounds.setdefault(position, []).append((reading.drug, reading.amount_token))
    for reading in readings:
        attach_modifiers(passage, tokens, reading, bounds)
        read_action(passage, tokens, reading)
    mark_switched_from(passage, tokens, readings)
    share_list_schedule(passage, tokens, readings)
    for reading in readings:
        read_unit_count(passage, tokens, reading)
        read_taper_start(passage, tokens, reading)
        read_peak_rate(passage, tokens, reading)
    share_component_schedule(passage, tokens, readings)
    attach_volumes(passage, index, tokens, readings, used)
    readings = drop_preparation_strengths(passage, tokens, readings)
    share_infusion_route(passage, tokens, readings)
    share_infusion_day(passage, tokens, readings)
    readings = merge_split_doses(passage, tokens, readings)
    report_unattached(passage, tokens, used, readings)
    note_unit_strengths(passage, tokens, readings)
    tell(passage, index, tokens, readings)
    for position, token in enumerate(tokens):
        if token.kind == "word" and len(str(token.value)) > 3 \
                and INN_STEM.fullmatch(str(token.value)) \
                and not level_of_metabolite(passage, tokens, position):
            passage.unknown_named_at = max(passage.unknown_named_at, token.start)
    if passage.story.states:
        passage.state_at[index] = len(passage.earlier_cases) + len(passage.story.states) - 1


def _begin_case(passage: Passage, name: str) -> None:
    """ "## Case 2", "Case 2: a 64-year-old man …": a report of several patients tells the
    next patient's course — the states read so far are the case before's, and the story starts
    again with nothing carried, no drug to refer back to, no earlier route (prosefix8)."""
    story = passage.story
    for state in story.states:
        state["case"] = passage.case
    passage.earlier_cases.extend(story.states)
    story.states = []
    story.focus = []
    passage.route_events = []
    passage.unit_strengths = {}
    passage.case = name


def _prefixed_names(passage: Passage, tokens: list[Token]) -> None:
    """ "methyl prednisolone", "ethyl morphine": a chemical prefix written apart from a
    catalogue name makes another substance. Read as the joined name where the catalogue knows
    it, else as a name it does not know — never as the name after the prefix. Said in a
    finding either way."""
    for token in tokens:
        written = passage.text[token.start:token.end]
        if token.kind == "drug" and isinstance(token.value, DrugName) \
                and token.value.joined_from is not None:
            passage.add_finding(Severity.INFO, "prefixed-name-joined",
                                f"{written!r}: a chemical prefix written apart from the name after "
                                f"it; read as {token.value.drug.name} (one word), not as "
                                f"{passage.normal[token.start:token.end].split()[-1].split('-')[-1]}",
                                (token.start, token.end))
        elif token.kind == "word" and token.value != passage.normal[token.start:token.end]:
            passage.add_finding(Severity.WARNING, "prefixed-name-unknown",
                                f"{written!r}: a chemical prefix before a catalogue name makes "
                                f"another substance ({token.value}), which the catalogue does not "
                                "know: not read as the name after the prefix",
                                (token.start, token.end))


def _merge_brands(tokens: list[Token]) -> list[Token]:
    """ "oxycodone (OxiNorm®)": a brand in brackets after its drug is the same mention."""
    merged: list[Token] = []
    skip = 0
    for index, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        between = 0  # "fentanyl patch (FP)": a form may stand between the name and its bracket
        while token.kind == "drug" and index + between + 1 < len(tokens) \
                and tokens[index + between + 1].kind in ("form", "release") and between < 2:
            between += 1
        if (token.kind == "drug" and index + between + 3 < len(tokens)
                and tokens[index + between + 1].kind == "open"
                and tokens[index + between + 2].kind == "drug"
                and tokens[index + between + 3].kind == "close"
                and tokens[index + between + 2].value.drug == token.value.drug):
            if between:  # the form is kept, the bracketed name is the same mention
                merged.append(token)
                merged.extend(tokens[index + 1:index + between])
                merged.append(attrs.evolve(tokens[index + between],
                                           end=tokens[index + between + 3].end))
            else:
                merged.append(attrs.evolve(token, end=tokens[index + 3].end,
                                           name_end=token.end))
            skip = between + 3
            continue
        merged.append(token)
    return merged


def _reading(passage: Passage) -> Reading:
    """The result: the states with their totals, the printed totals compared, the numbers that
    are not doses and the findings."""
    from mpsdose.io.prose.totals import compare_totals, implausible_doses, state_totals

    states: list[ReadState] = []
    for raw in passage.story.states:
        raw["case"] = passage.case
    told = [*passage.earlier_cases, *passage.story.states]
    cases = list(dict.fromkeys(raw["case"] for raw in told))
    several = len(cases) > 1
    if several:
        passage.add_finding(Severity.WARNING, "several-patients",
                            "the text tells of several patients ("
                            + ", ".join(case or "before the first case" for case in cases)
                            + "): each case is read on its own, its states labelled by it and "
                            "nothing carried from one case into the next; a course file holds "
                            "one patient's — split the text to write one", None)
    for raw in told:
        if several:
            raw["label"] = f"{raw['case'] or 'before the first case'}: {raw['label']}"
            if raw["carried_from"]:
                raw["carried_from"] = f"{raw['case'] or 'before the first case'}: " \
                    f"{raw['carried_from']}"
        items = tuple(raw["items"])
        note = None
        carried = [item for item in items if item.carried]
        if carried and raw["carried_from"]:
            note = (f"carried forward from {raw['carried_from']!r} (the text does not say they "
                    "changed): " + "; ".join(item.item.format() if item.item is not None
                                             else item.drug.name for item in carried))
            passage.add_finding(Severity.INFO, "carried-forward",
                                f"state {raw['label']!r}: {note}", None)
        states.append(ReadState(raw["label"], raw["span"], items, note=note,
                                case=raw["case"] if several else None))
    states = [state_totals(state, passage.table, passage.knowledge) for state in states]
    for read, why in implausible_doses(states, passage.knowledge):
        passage.add_finding(Severity.WARNING, "implausible-dose",
                            f"{read.as_written!r}: read as {read.daily_dose or read.per_dose}, "
                            f"above the plausibility ceiling of the opioid dose ranges ({why}): "
                            "suspect a misprint or a unit slip in the text; check it",
                            read.span)
    printed = compare_totals(passage.printed, states, passage.state_at, passage.knowledge)
    return Reading(passage.text, tuple(states), tuple(printed), tuple(passage.not_doses),
                   tuple(passage.story.findings), passage.table, passage.weight)
