"""What the reader returns: the course a text describes, every number traced to its words."""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs

from mpsdose.io.prose.text import visible
from mpsdose.model.drugs import Drug
from mpsdose.model.errors import PatientError, RegimenFileError
from mpsdose.model.findings import Finding
from mpsdose.model.regimen import Course, Item, Patient, Regimen, State
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import Route

__all__ = [
    "Comparison",
    "Measure",
    "NotADose",
    "OtherItem",
    "PrintedTotal",
    "ReadFinding",
    "ReadItem",
    "ReadState",
    "Reading",
]


@attrs.frozen(repr=False, eq=False)
class Measure(Value):
    """A number and its unit as mpsdose writes it (``20 mg/day``, ``650 mcg/h``)."""

    value: float
    unit: str

    def to_json(self) -> dict[str, object]:
        return {"value": self.value, "unit": self.unit}

    def __str__(self) -> str:
        # a whole number in full ("9000000 units/day"; ":g" would round it to "9e+06")
        whole = math.isfinite(self.value) and self.value == int(self.value) \
            and abs(self.value) < 1e15
        return f"{int(self.value) if whole else format(self.value, 'g')} {self.unit}"


@attrs.frozen(repr=False, eq=False)
class ReadItem(Value):
    """One item as the text gives it.

    ``span`` is where it was read (``as_written`` is exactly ``text[span[0]:span[1]]``);
    ``drug_span`` is where its drug is named — inside ``span``, or earlier in the text where a
    sentence refers back to a drug ("the dose was increased to 200 microg/hour"), which a
    finding then says. ``daily_dose`` is None wherever the text does not give the daily amount
    (a dose unknown, a single dose, a PRN dose, a range, a patch labelled by its content, a
    weight-based dose without the weight); ``max_daily_dose`` is a PRN dose at the most its
    interval allows. ``item`` is the item-language item the course file gets (None where it
    cannot be written, e.g. an infusion whose route the text does not give).
    """

    as_written: str
    span: tuple[int, int]
    drug: Drug
    drug_span: tuple[int, int]
    route: Route | None
    route_from: str
    release: str | None
    form: str | None
    prn: bool
    per_dose: Measure | None
    dose_range: tuple[float, float, str] | None
    weight_based: Measure | None
    frequency: str | None
    daily_dose: Measure | None
    daily_mg: float | None
    max_daily_dose: Measure | None
    item: Item | None
    action: str
    carried: bool = False
    ome_mg_per_day: float | None = None
    #: where the amount it was read from stands (None: named without one)
    amount_span: tuple[int, int] | None = None

    def as_carried(self) -> ReadItem:
        return attrs.evolve(self, carried=True)


@attrs.frozen(repr=False, eq=False)
class OtherItem(Value):
    """An item of a drug the catalogue does not know, read as the text gives it — never
    totalled, never checked, never written as a course file's item.

    Its drug is named by ``other_drug_names.csv`` (a published list of medicines) or by a WHO
    INN stem (``drug_class`` None); its numbers are read by the same rules as a catalogue
    item's (``as_written`` is exactly ``text[span[0]:span[1]]``; ``daily_dose`` None wherever
    the text does not give the daily amount). ``daily_mg`` is the daily amount in mg/day where
    it is a mass.
    """

    as_written: str
    span: tuple[int, int]
    name: str
    name_span: tuple[int, int]
    amount_span: tuple[int, int]
    drug_class: str | None
    source: str
    route: Route | None
    prn: bool
    per_dose: Measure | None
    frequency: str | None
    daily_dose: Measure | None
    daily_mg: float | None
    action: str


@attrs.frozen(repr=False, eq=False)
class ReadState(Value):
    """One state of the story: a label, where the text tells it, and its items; and the items
    of drugs the catalogue does not know read from its words (``not_in_catalogue``: never in
    ``items`` or the totals)."""

    label: str
    span: tuple[int, int]
    items: tuple[ReadItem, ...]
    total_ome_mg_per_day: float | None = None
    total_ome_mg_per_day_with_prn: float | None = None
    ome_not_counted: tuple[str, ...] = ()
    note: str | None = None
    not_in_catalogue: tuple[OtherItem, ...] = ()
    #: the case of a report of several patients the state is of ("Case 2"); None where the text
    #: tells of one patient
    case: str | None = None


@attrs.frozen(repr=False, eq=False)
class Comparison(Value):
    """A printed total against the one computed under one table (or for one drug)."""

    table: str | None
    computed: float | None
    computed_with_prn: float | None
    difference: float | None
    difference_pct: float | None
    agrees: bool | None
    why: str = ""


@attrs.frozen(repr=False, eq=False)
class PrintedTotal(Value):
    """A total the text prints: an OME, a drug's daily total or use, a change, a series figure.

    ``kind`` is ``ome``, ``parenteral-ome``, ``daily``, ``use``, ``cumulative``, ``change`` or
    ``series``; only ``ome``, ``daily`` and ``use`` totals are compared, with the state they
    follow (``state``, an index into the states).
    """

    as_written: str
    span: tuple[int, int]
    kind: str
    value: float
    unit: str
    drug: str | None
    state: int | None
    comparisons: tuple[Comparison, ...] = ()
    note: str = ""


@attrs.frozen(repr=False, eq=False)
class NotADose(Value):
    """A number beside the doses that the reader read as not a dose, and why."""

    as_written: str
    span: tuple[int, int]
    why: str


@attrs.frozen(repr=False, eq=False)
class ReadFinding(Value):
    """A finding with the span of the words it is about (None: the whole text)."""

    finding: Finding
    span: tuple[int, int] | None = None

    def to_json(self) -> dict[str, object]:
        data = self.finding.to_json()
        if self.span is not None:
            data["span"] = list(self.span)
        return data


@attrs.frozen(repr=False, eq=False)
class Reading(Value):
    """The course a text describes, with every assumption as a finding."""

    text: str
    states: tuple[ReadState, ...]
    printed_totals: tuple[PrintedTotal, ...]
    not_doses: tuple[NotADose, ...]
    findings: tuple[ReadFinding, ...]
    table: str
    weight_kg: float | None = None

    @property
    def items(self) -> Sequence[ReadItem]:
        """Every item read from the text (carried copies left out)."""
        return [item for state in self.states for item in state.items if not item.carried]

    @property
    def not_in_catalogue(self) -> Sequence[OtherItem]:
        """Every item of a drug the catalogue does not know, state by state."""
        return [item for state in self.states for item in state.not_in_catalogue]

    @property
    def cases(self) -> Sequence[str | None]:
        """The cases of a report of several patients the states are of, in story order (None:
        the words before the first case's heading); empty where the text tells of one patient."""
        return list(dict.fromkeys(state.case for state in self.states)) \
            if any(state.case is not None for state in self.states) else []

    def course(self, label: str | None = None, *, case: str | None = None) -> Course:
        """The course file's content (CONTRACT.md §4): every state with the items that can be
        written in the item language; the others are named in the state's note, and so are the
        items of drugs the catalogue does not know (never written as items: not checked).

        A course is one patient's: where the text tells of several (``cases``), name the one
        (``case="Case 2"``), whose states are written without the case's name; with none named,
        :class:`~mpsdose.model.errors.RegimenFileError` (a course that ran one patient's states
        into another's would be checked as one patient's switches and titrations)."""
        chosen = self.states
        if self.cases:
            if case is None or case not in self.cases:
                names = ", ".join(repr(c) for c in self.cases if c is not None)
                raise RegimenFileError(
                    f"the text tells of several patients ({names}): a course file holds one "
                    "patient's course; split the text, one case a file"
                    + ("" if case is None else f" (no case {case!r})"), path="<text>")
            chosen = tuple(attrs.evolve(state, label=state.label.removeprefix(f"{case}: "))
                           for state in self.states if state.case == case)
        states = []
        for state in chosen:
            items = tuple(item.item for item in state.items if item.item is not None)
            left = [item.as_written for item in state.items if item.item is None]
            notes = [state.note] if state.note else []
            if left:
                notes.append("not written as items (see `mpsdose read --json`): "
                              + "; ".join(visible(repr(text)) for text in left))
            if state.not_in_catalogue:
                notes.append("not in mpsdose's catalogue, not totalled, not checked: "
                              + "; ".join(f"{visible(repr(other.as_written))} ({other.name})"
                                          for other in state.not_in_catalogue))
            states.append(State(state.label, Regimen(items, state.label), note=" ".join(notes)
                                or None))
        try:
            patient = Patient(weight_kg=self.weight_kg)
        except PatientError:  # a weight mpsdose does not check (a child's): said at read time
            patient = Patient()
        return Course(tuple(states), patient, label)
