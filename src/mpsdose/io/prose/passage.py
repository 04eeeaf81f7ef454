"""The state of one reading: the text, the knowledge it is read with, and what has been read.

:class:`Passage` is what every pass of the reader works on (what the one reader object held
before the reader was split into modules): the text and its normalised copy, the catalogue's
vocabulary, the states and findings of the story, the numbers set aside as not doses, the totals
the text prints, what the whole text says (the patient's weight, the abbreviations it defines,
the sentences that sum it up) and the sentence being read. :class:`ItemReading` is one item
while its sentence is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from mpsdose.io.prose.result import NotADose, PrintedTotal, ReadFinding
from mpsdose.io.prose.scan import Amount, DrugName, Token, Vocabulary
from mpsdose.io.prose.text import normalise, visible
from mpsdose.knowledge.bundle import Knowledge
from mpsdose.model.drugs import Catalogue, Drug
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.regimen import Schedule
from mpsdose.model.vocabulary import Route

__all__ = ["ItemReading", "Passage", "Story"]

_SOURCE = "mpsdose reader (deterministic; see README, 'Reading a case report')"


class Passage:
    """One text being read: its words, the knowledge it is read with, and what has been
    read of it so far (its story, findings, not-doses and printed totals, and the sentence
    being read)."""

    def __init__(self, text: str, knowledge: Knowledge, table: str,
                 others: Mapping[str, Drug] | None = None) -> None:
        self.text = text
        self.normal = normalise(text)
        self.knowledge = knowledge
        self.catalogue: Catalogue = knowledge.catalogue
        #: names of drugs the catalogue does not know, read as drugs of their own (the second
        #: reading of :mod:`.others`); empty in the reading of the catalogue's drugs
        self.vocabulary = Vocabulary.of(self.catalogue, others)
        #: the spans of the names of drugs the catalogue does not know that the text holds
        #: (:func:`.others.other_names`), known before the reading of the catalogue's drugs: a
        #: sentence that names one speaks of it, never of the story's drug
        self.other_name_spans: list[tuple[int, int]] = []
        self.table = table
        self.story = Story()
        #: the states of the cases before the one being read, in a report of several patients
        #: (each with its "case"), and the name of the case being read ("Case 2"; None before
        #: the first case's heading or where the text tells of one patient)
        self.earlier_cases: list[dict[str, Any]] = []
        self.case: str | None = None
        self.not_doses: list[NotADose] = []
        self.set_aside: set[tuple[int, int]] = set()  # the spans of the amounts that are not doses
        self.printed: list[tuple[PrintedTotal, int]] = []  # with the sentence index
        self.defined: dict[str, DrugName] = {}
        #: words the text misspells for a drug it also names ("olanazapine"), as written
        self.misspelt: dict[str, DrugName] = {}
        self.defined_routes: dict[str, Any] = {}
        self.weight: float | None = None
        #: masses in kg not read as the patient's weight, each with why
        self.masses_not_weight: list[tuple[Token, str]] = []
        self.tokens: list[Token] = []
        self.token_at: dict[int, int] = {}
        self.negated_tokens: set[int] = set()
        self.state_at: dict[int, int] = {}
        self.added_now: set[int] = set()
        self.continued_now: set[Drug] = set()
        #: the sentence names the drug a switch is from ("switched from A to B")
        self.switch_from_now = False
        self.total_tokens: set[int] = set()
        #: where amounts of a daily regimen list begin ("daily … requirements were 100 mg
        #: oramorph and 400 mg tramadol"): each is a daily amount
        self.daily_amounts: set[int] = set()
        #: where amounts of a course told day by day begin ("24 mg on day 1 and 20 mg on day 2")
        self.day_amounts: set[int] = set()
        #: where the amounts of sentences that each tell one day of a course begin ("On day 1,
        #: he receives haloperidol, 20 mg … On day 2, …"): a day's, never carried to the next
        self.days_in_turn: set[int] = set()
        #: where the amounts of a short course in a list of regimens begin ("prednisone 10mg for
        #: 5 days" among doses each with its frequency): an amount a day
        self.course_amounts: set[int] = set()
        #: the ceiling the text sets on a dose per kg ("30mg/kg/day, with a maximum of 1g/day"),
        #: by where the dose per kg begins
        self.ceilings: dict[int, Amount] = {}
        #: where the amounts of names the catalogue does not know begin (set aside as theirs)
        self.unknown_amounts: set[int] = set()
        self.owned: set[tuple[int, int]] = set()
        #: where the names begin whose amount the text leaves open ("0.5 or 2 mg dexamethasone"):
        #: that mention is the item, its dose unknown
        self.open_dose_names: set[int] = set()
        self.route_events: list[tuple[int, Route, tuple[int, int]]] = []
        self.item_sentence: dict[int, int] = {}
        self.sentence = 0
        self.series = False  # the sentence being read speaks of some patients of a series
        self.group = False  # the text reports on a group of patients, not on one
        self.summaries: set[int] = set()  # the sentences that sum the report up
        self.quiet_starts: set[int] = set()  # the sentences of sections that tell no event
        #: … and those of them of a section before the case ("BACKGROUND", "Background.")
        self.background_starts: set[int] = set()
        self.named: list[set[Drug]] = []  # the drugs each sentence of the story names
        self.all_named: list[set[Drug]] = []
        self.routed: list[set[Drug]] = []  # … and those it gives a route
        self.options: list[tuple[int, int]] = []
        #: where the story last named a drug-like name the catalogue does not know (a word with
        #: an INN stem, or the head of an amount): an amount in a later sentence that names no
        #: drug refers to it, not to a catalogue drug named before it
        self.unknown_named_at = -1
        #: the strengths of the units the story named for each drug ("Methotrexate 2.5 mg
        #: tablets"), by form: mg a unit, and where the drug was named
        self.unit_strengths: dict[str, dict[Drug, tuple[set[float], tuple[int, int]]]] = {}

    def word(self, token: Token) -> str:
        """The words of a token in the normalised text."""
        return self.normal[token.start:token.end]

    def add_finding(self, severity: Severity, code: str, message: str,
                    span: tuple[int, int] | None) -> None:
        """A finding of the reading, with the span of the words it is about (None: the whole
        text)."""
        self.story.findings.append(ReadFinding(Finding(severity, code, visible(message), _SOURCE),
                                                span))

    def add_not_dose(self, token: Token, why: str) -> None:
        """An amount set aside as not a dose, with why."""
        self.set_aside.add((token.start, token.end))
        self.not_doses.append(NotADose(self.text[token.start:token.end], (token.start, token.end),
                                       why))

    def add_unknown_amount(self, token: Token, why: str, message: str,
                           span: tuple[int, int]) -> None:
        """An amount that belongs to a name the catalogue does not know: set aside as not a
        dose (with why), remembered as that name's, and said in one ``unknown-name`` warning:
        not read, and never given to a catalogue drug."""
        self.add_not_dose(token, why)
        self.unknown_amounts.add(token.start)
        self.add_finding(Severity.WARNING, "unknown-name", message, span)

    def add_printed_total(self, sentence: int, tokens: list[Token], first: int, last: int, kind: str,
                          value: float, unit: str, drug: str | None = None, note: str = "") -> None:
        """A total the text prints (the tokens ``first`` to ``last`` of sentence
        ``sentence``), kept to be compared with the totals computed."""
        start, end = tokens[first].start, tokens[last].end
        self.printed.append((PrintedTotal(self.text[start:end], (start, end), kind, value, unit,
                                          drug, None, (), note), sentence))


@attrs.define
class ItemReading:
    """An item being read (mutable while the sentence is read)."""

    drug: Drug
    drug_span: tuple[int, int]
    sentence: int
    first: int  # token indices of the phrase, inclusive
    last: int
    amount: Amount | None = None
    value_index: int = 0
    amount_token: int | None = None
    #: one of a list of amounts paired in order with a list of names ("A and B … 1050 and
    #: 200 mg/day"): the amounts of one state, not a series of states
    paired: bool = False
    alt: Amount | None = None
    from_earlier: bool = False
    earlier_route: Any = None
    name_route: Any = None
    route: Any = None
    route_from: str = "unknown"
    release: str | None = None
    form: str | None = None
    prn: bool = False
    bolus: bool = False
    schedule: Schedule | None = None
    schedule_word: str | None = None
    #: the words of a span of time other than a day that the sentence gives an amount "in
    #: divided doses" ("over 72 hours", "a total of"): the amount is not read as a day's
    divided_over: str | None = None
    #: the schedule is the adjective of an amount ("a daily morphine dose of …"), not a
    #: schedule of giving: never lent to a dose of an earlier sentence
    schedule_adjective: bool = False
    #: the schedule is a count of days of the dose ("three days of 1 g methylprednisolone"): one
    #: dose a day, unless a schedule is written after the amount ("… every 12 hours")
    days_of: bool = False
    lockout: float | None = None
    #: the amount is one drug's of a list of daily amounts ("daily analgesic requirements were
    #: 150 µg/hr fentanyl, 100 mg oramorph and 400 mg tramadol"): an amount a day
    daily_list: bool = False
    #: the amount is one day's of a course told day by day ("24 mg on day 1 and 20 mg on day 2")
    day_amount: bool = False
    #: the amount is a short course's in a list of regimens ("prednisone 10mg for 5 days")
    course: bool = False
    #: the words of an intermittent schedule beside the amount ("3 consecutive days a week",
    #: "weekly", "days 1-4"): no daily amount
    intermittent: str | None = None
    count: int | None = None  #: dosage units per dose after the strength ("; 2 tablets")
    #: the count is written before the amount ("two 25 mcg/h patches", "2 x 25 mcg/h")
    count_before: bool = False
    #: the words of a count of units whose EACH the amount is ("four tablets … each consisted"):
    #: the count is ``count`` (``count_before``), said in the finding with these words
    count_words: str | None = None
    #: a count of units the reader does not read ("1-2 tablets", ", 2 tablets"): no daily amount
    units_unread: str | None = None
    #: the count before a multiplication sign was read as doses a day ("3×500 mg")
    n_times: bool = False
    #: why "N×" before a dose is not read (doses a day or units a dose): no daily amount
    n_times_unclear: str | None = None
    #: two schedules written one after the other that contradict each other ("250mg OD twice a
    #: day"): the words of both; no daily amount
    schedules_contradict: str | None = None
    #: the schedule was written as a range of counts or of intervals ("three to four times a
    #: day", "every 4 to 6 hours"): its words; no daily amount unless as needed (the maximum)
    schedule_range: str | None = None
    #: a count of doses taken before the amount ("8 doses of 5 mg … per day"): no daily amount
    doses_taken: str | None = None
    #: the dose a taper began at ("a weaning course of prednisone (from 35 mg daily)"): the
    #: words; no daily amount
    taper_start: str | None = None
    #: the words of a maximum that head a rate ("requiring maximum doses of norepinephrine (40
    #: μg/min)"): the highest rate a titration reached, not a day's; no daily amount
    peak_rate: str | None = None
    #: the ceiling the text sets on a dose per kg ("with a maximum of 1g/day")
    ceiling: Amount | None = None
    #: a switch told again ("Six days after being switched from cimetidine to famotidine"): the
    #: drug switched to is already in the state with its dose, which stands
    told_again: bool = False
    combination: bool = False  #: one component of a combination product ("5/325 mg")
    #: a split dose ("440 mg in the morning and 220 mg at night"): each part's amount and time
    #: of day; the parts sum to the day
    split: tuple[tuple[float, str], ...] | None = None
    #: one part of a split dose whose parts do not sum to a day the text allows: why
    split_unclear: str | None = None
    infusion: bool = False
    device: str | None = None
    rate_ml_h: float | None = None
    #: the rate was written as a range or a list ("at a rate of 4-6 ml/h"): its high end; the
    #: concentration times a range of rates is no daily amount
    rate_ml_h_high: float | None = None
    volume_ml: tuple[float, float | None] | None = None
    #: the words saying the amount is one site's of several ("per side", "in each eye"): no dose
    per_site: str | None = None
    #: the words saying only a part of a dosage unit was given ("one-fourth of the patch"):
    #: the amount is the whole unit's; no dose
    part_of_unit: str | None = None
    #: a written fraction of a tablet of the strength written ("50 mg ½ tablet", "half a 10 mg
    #: tablet"): the fraction and its words; the dose is that fraction of the strength
    unit_fraction: tuple[float, str] | None = None
    action: str = "add"
    verb: str = ""
    verb_word: str = ""
    role: str = ""
    notes: list[tuple[str, str, Severity]] = attrs.Factory(list)


@attrs.define
class Story:
    """The states read so far and the findings; and, for a sentence that refers back to a dose
    ("the dose was increased to …"), the drugs each sentence with items told of."""

    states: list[dict[str, Any]] = attrs.Factory(list)
    findings: list[ReadFinding] = attrs.Factory(list)
    #: per sentence with items, its (drug, drug span, device, route) in text order
    focus: list[list[tuple[Drug, tuple[int, int], str | None, Any]]] = attrs.Factory(list)
