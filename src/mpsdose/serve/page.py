"""The pharmacist's page: a query string → totals, OME, findings, rotation, methadone, timeline.

The page's whole state is its query string (``/?items=…&items=…&age=80&crcl=25``), so a link
opens to the same check. This module turns a query into what the page shows, with the same library
functions and the same tables as the CLI (:func:`mpsdose.clinical.summary.summarize`,
:func:`mpsdose.check`, :func:`mpsdose.convert`, :func:`mpsdose.methadone_switch`,
:func:`mpsdose.timeline`, and :mod:`mpsdose.present.report` for the rows). It is the one place
that calls them for the page, so that the checks of the dose-range issue (13) and the reader of
case-report prose (16) are switched on here:

- the reader: :data:`Reader`, a function from a paragraph to a :class:`~mpsdose.Course`, given to
  :func:`build` (:func:`read_paragraph`, the case-report reader, by default; ``None``: the page
  says it reads no paragraph);
- the care setting (``end-of-life`` …): the patient's ``setting``, which :func:`mpsdose.check`
  uses.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from urllib.parse import urlencode

import attrs

from mpsdose.clinical.compare import timeline
from mpsdose.clinical.methadone import methadone_switch
from mpsdose.clinical.rotation import convert
from mpsdose.clinical.safety import check
from mpsdose.clinical.summary import summarize
from mpsdose.io.language import parse_item
from mpsdose.io.prose.reader import read_course
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.model.errors import MpsdoseError
from mpsdose.model.findings import Finding
from mpsdose.model.regimen import Course, Hepatic, Item, Patient, Regimen, State
from mpsdose.present.report import (
    Table,
    methadone_tables,
    rotation_tables,
    summary_tables,
    timeline_tables,
)

__all__ = ["MAX_ITEMS", "Page", "Query", "Reader", "build", "parse_query", "read_paragraph"]

#: A paragraph of a case report → the course it describes (the reader of issue 16).
Reader = Callable[[str, Knowledge], Course]

#: Most items (and previous items) a page reads; longest item; longest paragraph [characters].
MAX_ITEMS = 60
MAX_ITEM_CHARS = 300
MAX_TEXT_CHARS = 20_000
_HEPATIC = ("none", "mild", "moderate", "severe")
_TOLERANCE = ("tolerant", "naive")
_WORDS = re.compile(r"^[a-z][a-z0-9 \-]{0,39}$")
_URL = re.compile(r"https?://[^\s)\]>\"',;]+")


@attrs.frozen
class Query:
    """The page's input, as the query string gives it (strings, checked in :func:`build`)."""

    items: tuple[str, ...] = ()
    previous: tuple[str, ...] = ()
    text: str = ""
    age: str = ""
    weight: str = ""
    crcl: str = ""
    hepatic: str = ""
    tolerance: str = ""
    setting: str = ""
    conditions: str = ""
    table: str = ""
    to: str = ""
    methadone: bool = False

    @property
    def empty(self) -> bool:
        return not (self.items or self.text.strip())

    def link(self) -> str:
        """The query string that reopens this page (``items=…&items=…&age=…``)."""
        pairs: list[tuple[str, str]] = [("items", item) for item in self.items]
        pairs += [("previous", item) for item in self.previous]
        for name in ("text", "age", "weight", "crcl", "hepatic", "tolerance", "setting",
                     "conditions", "table", "to"):
            value = getattr(self, name)
            if value:
                pairs.append((name, value))
        if self.methadone:
            pairs.append(("methadone", "1"))
        return urlencode(pairs)


def _lines(values: Sequence[str]) -> tuple[str, ...]:
    """Items from repeated parameters, each of which may hold several lines (a textarea)."""
    found = [line.strip() for value in values for line in value.splitlines()]
    return tuple(line[:MAX_ITEM_CHARS] for line in found if line)[:MAX_ITEMS]


def parse_query(params: Mapping[str, Sequence[str]]) -> Query:
    """A :class:`Query` from query parameters (each name → its values, in order)."""
    def one(name: str, limit: int = 100) -> str:
        values = params.get(name) or []
        return values[-1].strip()[:limit] if values else ""

    return Query(
        items=_lines(params.get("items") or []),
        previous=_lines(params.get("previous") or []),
        text=(params.get("text") or [""])[-1][:MAX_TEXT_CHARS],
        age=one("age"), weight=one("weight"), crcl=one("crcl"), hepatic=one("hepatic"),
        tolerance=one("tolerance"), setting=one("setting"), conditions=one("conditions", 300),
        table=one("table"), to=one("to"), methadone=one("methadone") in ("1", "on", "true"),
    )


@attrs.frozen
class FindingView:
    severity: str
    code: str
    message: str
    source: str
    links: tuple[str, ...]


@attrs.frozen
class Page:
    """What the page shows for a query."""

    query: Query
    errors: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    ome_total: str = ""
    ome_explained: tuple[tuple[str, str], ...] = ()
    findings: Mapping[str, tuple[FindingView, ...]] = attrs.Factory(dict)
    rotation: tuple[Table, ...] = ()
    rotation_error: str = ""
    methadone: tuple[Table, ...] = ()
    methadone_error: str = ""
    course: tuple[Table, ...] = ()
    has_course: bool = False
    read_items: tuple[str, ...] = ()
    table_ids: tuple[str, ...] = ()
    reader_available: bool = False


def _number(name: str, text: str, errors: list[str]) -> float | None:
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        errors.append(f"{name}: {text!r} is not a number")
        return None
    if not math.isfinite(value) or value <= 0:
        errors.append(f"{name}: {text!r} must be a positive number")
        return None
    return value


def read_paragraph(text: str, knowledge: Knowledge) -> Course:
    """The course a case-report paragraph describes (:func:`mpsdose.read_course`): the page's
    reader."""
    return read_course(text, knowledge=knowledge).course()


def _patient(query: Query, errors: list[str]) -> Patient:
    age = _number("age", query.age, errors)
    weight = _number("weight", query.weight, errors)
    crcl = _number("CrCl", query.crcl, errors)
    hepatic = None
    if query.hepatic:
        if query.hepatic in _HEPATIC:
            hepatic = Hepatic(query.hepatic)
        else:
            errors.append(f"hepatic: {query.hepatic!r} is not one of {', '.join(_HEPATIC)}")
    tolerant = None
    if query.tolerance:
        if query.tolerance in _TOLERANCE:
            tolerant = query.tolerance == "tolerant"
        else:
            errors.append(f"tolerance: {query.tolerance!r} is not one of "
                          f"{', '.join(_TOLERANCE)}")
    conditions = tuple(dict.fromkeys(c.strip().lower() for c in query.conditions.split(",")
                                     if c.strip()))
    for condition in conditions:
        if not _WORDS.match(condition):
            errors.append(f"conditions: {condition!r} is not a condition name")
    setting = query.setting.lower() if _WORDS.match(query.setting.lower()) else None
    try:
        return Patient(age=age, weight_kg=weight, crcl_ml_min=crcl, hepatic=hepatic,
                       opioid_tolerant=tolerant,
                       conditions=tuple(c for c in conditions if _WORDS.match(c)),
                       setting=setting)
    except MpsdoseError as error:
        errors.append(str(error))
        return Patient()


def _items(lines: Sequence[str], what: str, errors: list[str],
           k: Knowledge) -> tuple[Item, ...]:
    items = []
    for number, line in enumerate(lines, start=1):
        try:
            items.append(parse_item(line, knowledge=k))
        except MpsdoseError as error:
            errors.append(f"{what} {number}: {error}")
    return tuple(items)


def _view(finding: Finding) -> FindingView:
    links = tuple(dict.fromkeys(url.rstrip(".") for url in _URL.findall(finding.source)))
    return FindingView(finding.severity.value, finding.code, finding.message, finding.source,
                       links)



def build(query: Query, *, knowledge: Knowledge | None = None,
          reader: Reader | None = None) -> Page:
    """Everything the page shows for ``query``; input errors are listed, never raised."""
    k = resolve(knowledge)
    table_ids = tuple(k.conversion_tables)
    errors: list[str] = []
    notes: list[str] = []
    patient = _patient(query, errors)
    lines = query.items
    course: Course | None = None
    read_items: tuple[str, ...] = ()
    if query.text.strip():
        if reader is None:
            notes.append("The case-report reader is not available in this version of mpsdose: "
                         "the paragraph was not read. Paste the items instead, one per line.")
        else:
            try:
                course = reader(query.text, k)
            except MpsdoseError as error:
                errors.append(f"paragraph: {error}")
            if course is not None and course.states:
                read_items = tuple(str(item) for item in course.last.regimen.items)
    items = _items(lines, "item", errors, k)
    if not lines and course is not None and course.states:
        items = course.last.regimen.items
    previous_items = _items(query.previous, "previous item", errors, k)
    table = query.table or None
    if table is not None and table not in k.conversion_tables:
        errors.append(f"table: {query.table!r} is not one of {', '.join(table_ids)}")
        table = None
    if query.setting and not _WORDS.match(query.setting.lower()):
        errors.append(f"setting: {query.setting!r} is not a setting name")
    page = Page(query, table_ids=table_ids, reader_available=reader is not None,
                read_items=read_items)
    if not items:
        return attrs.evolve(page, errors=tuple(errors), notes=tuple(notes))
    regimen = Regimen(items, patient=patient)
    previous = Regimen(previous_items, label="previous") if previous_items else None
    summary = summarize(regimen, table, judge_plausibility=False, knowledge=k)  # check judges
    found = [*summary.findings,
             *check(regimen, patient, previous=previous, table=table, knowledge=k)]
    by_severity: dict[str, list[FindingView]] = {"error": [], "warning": [], "info": []}
    for finding in dict.fromkeys(found):
        by_severity[finding.severity.value].append(_view(finding))
    equivalent = summary.equivalent
    ome_total = ""
    if equivalent.items:
        ome_total = (f"Total OME ({equivalent.table.id}): {equivalent.scheduled.format()} "
                     f"scheduled; {equivalent.with_prn.format()} with PRN doses at their maximum")
    explained = tuple((f"{row.item} — {row.ingredient.drug.name}", row.explanation)
                      for row in equivalent.items)
    page = attrs.evolve(page, tables=tuple(summary_tables(summary)), ome_total=ome_total,
                        ome_explained=explained,
                        findings={key: tuple(value) for key, value in by_severity.items()})
    if query.to.strip():
        try:
            rotation = convert(regimen, query.to, patient=patient, knowledge=k)
            page = attrs.evolve(page, rotation=tuple(rotation_tables(rotation)))
        except MpsdoseError as error:
            page = attrs.evolve(page, rotation_error=str(error))
    if query.methadone:
        try:
            switch = methadone_switch(regimen, knowledge=k)
            page = attrs.evolve(page, methadone=tuple(methadone_tables(switch)))
        except MpsdoseError as error:
            page = attrs.evolve(page, methadone_error=str(error))
    line_course = course_of(query, regimen, previous, course)
    if line_course is not None:
        page = attrs.evolve(page, course=tuple(timeline_tables(
            timeline(line_course, table, knowledge=k))), has_course=True)
    return attrs.evolve(page, errors=tuple(errors), notes=tuple(notes))


def course_of(query: Query, regimen: Regimen, previous: Regimen | None,
              course: Course | None) -> Course | None:
    """The course the page draws: the paragraph's (when its items are used), or previous →
    current; None for a single regimen."""
    if course is not None and len(course.states) > 1 and not query.items:
        return course
    if previous is not None:
        return Course((State("previous", previous), State("current", regimen)),
                      patient=regimen.patient)
    return None


def course_for_plot(query: Query, *, knowledge: Knowledge | None = None,
                    reader: Reader | None = None) -> Course | None:
    """The course of a query, for the plot; None where the query has none or is not valid."""
    k = resolve(knowledge)
    errors: list[str] = []
    course = None
    if query.text.strip() and reader is not None:
        try:
            course = reader(query.text, k)
        except MpsdoseError:
            return None
    items = _items(query.items, "item", errors, k)
    if not query.items and course is not None and course.states:
        items = course.last.regimen.items
    previous_items = _items(query.previous, "previous item", errors, k)
    if errors or not items:
        return None
    previous = Regimen(previous_items, label="previous") if previous_items else None
    return course_of(query, Regimen(items), previous, course)
