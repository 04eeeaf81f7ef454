"""Regimen and course files (CONTRACT.md §4): TOML or JSON in, TOML or JSON out.

A **regimen file** has an optional ``label``, ``items`` (item strings of the item language and/or
tables with ``drug``, ``route``, ``dose``, ``unit``, ``frequency``, ``prn``, ``max_prn_per_day``,
``form``, ``count``, ``duration_days``) and an optional ``[patient]`` table (``age``, ``weight_kg``,
``crcl_ml_min``, ``hepatic``, ``opioid_tolerant``, ``conditions``, ``setting``).

A FHIR R4 JSON document (``MedicationRequest``, ``MedicationStatement`` or a ``Bundle`` of them)
is read wherever a regimen file is, recognised by its ``resourceType``, and so is a CDS Hooks
request body (``context`` with ``draftOrders``, ``prefetch``): the regimen of the orders in force
(:mod:`mpsdose.io.fhir`).

A **course file** has ``[patient]`` once and ``[[states]]``, each with a ``label``, an optional
``date`` or ``day``, an optional ``note`` and its ``items``.

Saving writes items as item strings; loading what was saved gives an equal regimen or course.
"""

from __future__ import annotations

import datetime
import functools
import json
import math
import os
import re
import sys
import tempfile
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from mpsdose.io.atomic import into_place
from mpsdose.io.fhir import is_fhir_document, regimen_from_fhir
from mpsdose.io.language import format_item, parse_frequency, parse_item
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.model.boundary import checked
from mpsdose.model.errors import MpsdoseError, RegimenFileError
from mpsdose.model.guards import (
    MAX_FILE_BYTES,
    MAX_FILE_ITEMS,
    MAX_ITEMS,
    MAX_NESTING,
    MAX_NUMBER_CHARS,
    MAX_STATES,
)
from mpsdose.model.numbers import plain
from mpsdose.model.regimen import Course, Item, Patient, Regimen, Schedule, State
from mpsdose.model.units import lookup_unit
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import FORMS, RELEASES, ROUTE_SPELLINGS, parse_form, parse_route

if TYPE_CHECKING:  # pragma: no cover
    import cattrs

__all__ = ["dumps", "load", "load_regimen", "loads", "save"]

_PATIENT_KEYS = ("age", "weight_kg", "crcl_ml_min", "hepatic", "opioid_tolerant", "conditions",
                 "setting")


# -- the file formats, as attrs classes that cattrs fills strictly ------------------------------
@attrs.frozen(repr=False, eq=False)
class _PatientData(Value):
    age: float | None = None
    weight_kg: float | None = None
    crcl_ml_min: float | None = None
    hepatic: str | None = None
    opioid_tolerant: bool | None = None
    conditions: list[str] = attrs.Factory(list)
    setting: str | None = None


@attrs.frozen(repr=False, eq=False)
class _ItemTable(Value):
    """An item written as a table: each key holds exactly one thing of its kind."""

    drug: str
    route: str | None = None
    dose: float | str | None = None
    unit: str | None = None
    frequency: str | None = None
    prn: bool = False
    max_prn_per_day: float | None = None
    form: str | None = None
    count: float | None = None
    duration_days: float | None = None


_Entry = str | _ItemTable


@attrs.frozen(repr=False, eq=False)
class _RegimenData(Value):
    label: str | None = None
    items: list[_Entry] = attrs.Factory(list)
    patient: _PatientData = _PatientData()


@attrs.frozen(repr=False, eq=False)
class _StateData(Value):
    label: str
    date: str | None = None
    day: float | None = None
    note: str | None = None
    items: list[_Entry] = attrs.Factory(list)


@attrs.frozen(repr=False, eq=False)
class _CourseData(Value):
    states: list[_StateData]
    label: str | None = None
    patient: _PatientData = _PatientData()


class _Bad(ValueError):
    """A value cattrs refuses, with the message the user sees."""


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"the string {value[:40]!r}"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {str(value)[:40]}"


def _number(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Bad(f"must be a number, not {_describe(value)}")
    try:
        number = float(value)
    except OverflowError:
        raise _Bad("is a number too large to be one") from None
    if not math.isfinite(number):
        raise _Bad(f"must be a finite number, not {value!r}")
    return number


def _text(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise _Bad(f"must be a string, not {_describe(value)}")
    return value


def _flag(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise _Bad(f"must be true or false, not {_describe(value)}")
    return value


def _date(value: Any, _: Any) -> str:
    if isinstance(value, datetime.date | datetime.time):  # TOML dates and times
        return value.isoformat()
    return _text(value, None)


def _dose(value: Any, _: Any) -> float | str:
    if isinstance(value, str):
        if not _DOSE_TEXT.fullmatch(value):
            raise _Bad(f"must be a number, or strengths such as '5/325', not {_describe(value)}")
        return value
    return _number(value, None)


_DOSE_TEXT = re.compile(r"\s*\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)*\s*")


def _converter() -> cattrs.Converter:
    import cattrs  # here, not at the top: only reading a file pays for it
    import cattrs.cols
    import cattrs.gen

    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(float, _number)
    converter.register_structure_hook(str, _text)
    converter.register_structure_hook(bool, _flag)
    converter.register_structure_hook(float | str | None,
                                      lambda v, t: None if v is None else _dose(v, t))

    def strict_list(kind: Any) -> Any:
        default: Any = cattrs.cols.list_structure_factory(kind, converter)

        def structure(value: Any, _: Any) -> Any:
            if not isinstance(value, list):
                raise _Bad(f"must be a list, not {_describe(value)}")
            return default(value, kind)

        return structure

    def is_list(kind: Any) -> bool:
        return typing.get_origin(kind) is list

    converter.register_structure_hook_factory(is_list, strict_list)

    def entry(value: Any, _: Any) -> str | _ItemTable:
        if isinstance(value, str):
            return value
        if isinstance(value, Mapping):
            return converter.structure(value, _ItemTable)
        raise _Bad(f"an item is a string or a table, not {_describe(value)}")

    converter.register_structure_hook(_Entry, entry)

    def date(value: Any, _: Any) -> str | None:
        return None if value is None else _date(value, None)

    def table(cls: type, **overrides: Any) -> Any:
        default: Any = cattrs.gen.make_dict_structure_fn(cls, converter,
                                                        _cattrs_forbid_extra_keys=True, **overrides)

        def structure(value: Any, _: Any) -> Any:
            if not isinstance(value, Mapping):
                raise _Bad(f"must be a table, not {_describe(value)}")
            return default(value, cls)

        return structure

    converter.register_structure_hook(
        _StateData, table(_StateData, date=cattrs.gen.override(struct_hook=date)))
    for cls in (_PatientData, _ItemTable, _RegimenData, _CourseData):
        converter.register_structure_hook(cls, table(cls))
    return converter


@functools.cache
def _files() -> cattrs.Converter:
    return _converter()


def _message(error: BaseException, kind: Any) -> str:
    import cattrs

    if isinstance(error, _Bad):
        return str(error)
    if isinstance(error, KeyError):
        return "is required"
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        hint = ""
        if "items" in error.extra_fields:
            # TOML puts every key after a [table] header inside that table
            hint = ("; in TOML, write 'items = [...]' above the [patient] table (keys after a "
                    "[table] header belong to that table)")
        return (f"has unknown key(s) {', '.join(sorted(error.extra_fields))}; allowed: "
                f"{', '.join(f.name for f in attrs.fields(error.cl))}{hint}")
    return str(error) or type(error).__name__


def _structure(data: Any, cls: type[_T], path: str | None) -> _T:
    """Fill a file-format class from decoded data; the first problem is a RegimenFileError that
    names where it is (``items[2].prn``) and what is wrong."""
    import cattrs

    try:
        return _files().structure(data, cls)
    except (cattrs.BaseValidationError, _Bad) as error:
        problems = cattrs.transform_error(error, path="$", format_exception=_message) \
            if isinstance(error, cattrs.BaseValidationError) else [f"{error} @ $"]
        message, _, at = problems[0].rpartition(" @ ")
        where = at.removeprefix("$").lstrip(".") or None
        extra = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise RegimenFileError(f"{message}{extra}", path=path, where=where) from None


_T = typing.TypeVar("_T")


# -- reading ------------------------------------------------------------------------------------
@checked
def load(path: str | Path, *, allow_unlisted: bool = False,
         knowledge: Knowledge | None = None) -> Regimen | Course:
    """Read a regimen or course file (``.toml`` or ``.json``; ``-`` reads TOML or JSON from stdin).

    A FHIR R4 ``MedicationRequest``, ``MedicationStatement`` or ``Bundle`` of them (JSON, known by
    its ``resourceType``) is read as a regimen (needs ``mpsdose[fhir]``). A file larger than
    :data:`~mpsdose.model.guards.MAX_FILE_BYTES` is refused (at most that much is read).

    Parameters
    ----------
    path
        The file, or ``"-"`` for stdin.
    allow_unlisted
        Keep drugs the catalogue does not know (shown, never totalled) instead of raising.
    knowledge
        The clinical knowledge whose catalogue names the drugs; None: the shipped data.

    Returns
    -------
    Regimen or Course
        A course where the file has ``[[states]]``.

    Raises
    ------
    RegimenFileError
        A file that cannot be read, bad syntax, missing, unknown or mistyped keys, a bad item, or
        a file over a limit (the message names the file, the place and the item).
    """
    name = str(path)
    if name == "-":
        text = sys.stdin.read(MAX_FILE_BYTES + 1)
        if len(text) > MAX_FILE_BYTES:
            raise RegimenFileError(f"more than {MAX_FILE_BYTES:,} bytes: a regimen file is at "
                                   "most that", path="<stdin>")
        syntax = "json" if text.lstrip("\ufeff \t\r\n").startswith(("{", "[")) else "toml"
        return loads(text, syntax, path="<stdin>", allow_unlisted=allow_unlisted,
                     knowledge=knowledge)
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise RegimenFileError("a regimen file ends in .toml or .json", path=name)
    try:
        with file.open("rb") as stream:  # read at most the limit: a device or a pipe never ends
            data = stream.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise RegimenFileError(f"more than {MAX_FILE_BYTES:,} bytes: a regimen file is at "
                                   "most that", path=name)
    except OSError as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise RegimenFileError(f"cannot read the file: {reason}", path=name) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RegimenFileError(f"not UTF-8 text (byte {error.start}): save the file as UTF-8",
                               path=name) from None
    return loads(text, suffix[1:], path=name, allow_unlisted=allow_unlisted, knowledge=knowledge)


@checked
def load_regimen(path: str | Path, *, state: str | None = None,
                 allow_unlisted: bool = False, knowledge: Knowledge | None = None) -> Regimen:
    """The regimen of a file: the file's own, or one state of a course (the last by default).

    A state's regimen carries the course's patient and the state's label.

    Parameters
    ----------
    path
        A regimen or course file, or ``"-"`` for stdin.
    state
        The label of a course's state; None: the last state.
    allow_unlisted
        Keep drugs the catalogue does not know instead of raising.
    knowledge
        The clinical knowledge whose catalogue names the drugs; None: the shipped data.

    Returns
    -------
    Regimen

    Raises
    ------
    RegimenFileError
        As :func:`load`, or a ``state`` that is not in the course (or given for a plain regimen
        file).

    Examples
    --------
    >>> import mpsdose
    >>> mpsdose.load_regimen("examples/takamatsu2018-case1.toml", state="admission").label
    'admission'
    """
    loaded = load(path, allow_unlisted=allow_unlisted, knowledge=knowledge)
    if isinstance(loaded, Regimen):
        if state is not None:
            raise RegimenFileError("--state applies to a course file (with [[states]])",
                                   path=str(path))
        return loaded
    return regimen_of(loaded, state, path=str(path))


def regimen_of(course: Course, state: str | None = None, *, path: str | None = None) -> Regimen:
    """One state of a course as a regimen with the course's patient (the last state by default)."""
    try:
        chosen = course.last if state is None else course.state(state)
    except KeyError as error:
        raise RegimenFileError(str(error), path=path) from None
    return Regimen(chosen.regimen.items, chosen.label, course.patient)


@checked
def loads(text: str, syntax: str = "toml", *, path: str | None = None,
          allow_unlisted: bool = False, knowledge: Knowledge | None = None) -> Regimen | Course:
    """Parse the text of a regimen or course file (``syntax`` ``"toml"`` or ``"json"``).

    A UTF-8 byte-order mark at the start is ignored (Windows editors write one).

    Parameters
    ----------
    text
        The file's text.
    syntax
        ``"toml"`` or ``"json"``.
    path
        The name to give in errors.
    allow_unlisted
        Keep drugs the catalogue does not know instead of raising.
    knowledge
        The clinical knowledge whose catalogue names the drugs; None: the shipped data.

    Returns
    -------
    Regimen or Course

    Raises
    ------
    RegimenFileError
        As :func:`load`.
    """
    if len(text) > MAX_FILE_BYTES:
        raise RegimenFileError(f"more than {MAX_FILE_BYTES:,} characters: a regimen file is at "
                               "most that", path=path)
    data = _decode(text.removeprefix("\ufeff"), syntax, path)
    if not isinstance(data, Mapping):
        raise RegimenFileError("the top level must be a table (a JSON object)", path=path)
    if is_fhir_document(data):  # a FHIR R4 resource or Bundle, or a CDS Hooks request
        try:
            return regimen_from_fhir(data, allow_unlisted=allow_unlisted, knowledge=knowledge)
        except MpsdoseError as error:
            raise RegimenFileError(str(error), path=path) from None
        except RecursionError:
            raise RegimenFileError("nested too deeply", path=path) from None
    reader = _Reader(path, allow_unlisted, resolve(knowledge))
    if "states" in data:
        return reader.course(_structure(data, _CourseData, path))
    return reader.regimen(_structure(data, _RegimenData, path))


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _Duplicate(key)
        data[key] = value
    return data


class _Duplicate(Exception):
    """Internal: a JSON object with a key twice."""


def _json_number(text: str) -> float | int:
    digits = sum(character.isdigit() for character in text)
    if len(text) > MAX_NUMBER_CHARS or digits > MAX_NUMBER_CHARS:
        raise _TooLong(text)
    return float(text) if any(c in text for c in ".eE") else int(text)


class _TooLong(Exception):
    """Internal: a number longer than any dose is written."""


def _json_constant(name: str) -> Any:
    raise _Constant(name)


class _Constant(Exception):
    """Internal: NaN or Infinity, which JSON does not have."""


def _depth(data: Any, limit: int = MAX_NESTING) -> bool:
    """True where tables and lists nest no deeper than ``limit``."""
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(value, Mapping):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return True


def _decode(text: str, syntax: str, path: str | None) -> Any:
    if syntax == "json":
        try:
            data = json.loads(text, object_pairs_hook=_no_duplicates, parse_int=_json_number,
                              parse_float=_json_number, parse_constant=_json_constant)
        except json.JSONDecodeError as error:
            raise RegimenFileError(f"bad JSON: {error.msg}", path=path,
                                   where=f"line {error.lineno}, column {error.colno}") from None
        except _Duplicate as error:
            raise RegimenFileError(f"the key {error.args[0]!r} is written twice in one object; "
                                   "which one is meant?", path=path) from None
        except _TooLong as error:
            raise RegimenFileError(f"the number {error.args[0][:20]!r}… is too long: a number has "
                                   f"at most {MAX_NUMBER_CHARS} characters", path=path) from None
        except _Constant as error:
            raise RegimenFileError(f"{error.args[0]} is not a number", path=path) from None
        except (RecursionError, ValueError) as error:
            raise RegimenFileError(f"bad JSON: {_first_line(error)}", path=path) from None
    elif syntax == "toml":
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise RegimenFileError(f"bad TOML: {error}", path=path) from None
        except (RecursionError, ValueError) as error:  # e.g. an integer of 5000 digits
            raise RegimenFileError(f"bad TOML: {_first_line(error)}", path=path) from None
    else:
        raise RegimenFileError(f"syntax is 'toml' or 'json', not {syntax!r}", path=path)
    if not _depth(data):
        raise RegimenFileError(f"nested more than {MAX_NESTING} deep", path=path)
    return data


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__


class _Reader:
    def __init__(self, path: str | None, allow_unlisted: bool, knowledge: Knowledge) -> None:
        self.path = path
        self.allow_unlisted = allow_unlisted
        self.knowledge = knowledge
        self.count = 0

    def fail(self, message: str, where: str | None = None) -> RegimenFileError:
        return RegimenFileError(message, path=self.path, where=where)

    def regimen(self, data: _RegimenData) -> Regimen:
        return Regimen(self.items(data.items, "items"), data.label, self.patient(data.patient))

    def course(self, data: _CourseData) -> Course:
        if not data.states:
            raise self.fail("'states' must be a non-empty list of tables", "states")
        if len(data.states) > MAX_STATES:
            raise self.fail(f"a course has at most {MAX_STATES} states; this one has "
                            f"{len(data.states)}", "states")
        states: list[State] = []
        for index, raw in enumerate(data.states):
            where = f"states[{index}]"
            if any(state.label.lower() == raw.label.lower() for state in states):
                raise self.fail(f"two states are labelled {raw.label!r}", where)
            regimen = Regimen(self.items(raw.items, f"{where}.items"), raw.label)
            states.append(State(raw.label, regimen, raw.date, raw.day, raw.note))
        return Course(tuple(states), self.patient(data.patient), data.label)

    def items(self, raw: list[str | _ItemTable], where: str) -> tuple[Item, ...]:
        if len(raw) > MAX_ITEMS:
            raise self.fail(f"a regimen has at most {MAX_ITEMS} items; this one has {len(raw)}",
                            where)
        self.count += len(raw)
        if self.count > MAX_FILE_ITEMS:
            raise self.fail(f"a file holds at most {MAX_FILE_ITEMS} items in all", where)
        items = []
        for index, entry in enumerate(raw):
            here = f"{where}[{index}]"
            try:
                if isinstance(entry, _ItemTable):
                    items.append(self.table_item(entry, here))
                else:
                    items.append(parse_item(entry, allow_unlisted=self.allow_unlisted,
                                            knowledge=self.knowledge))
            except MpsdoseError as error:
                if isinstance(error, RegimenFileError):
                    raise
                raise self.fail(str(error), here) from None
        return tuple(items)

    def table_item(self, entry: _ItemTable, where: str) -> Item:
        """An item table, each key checked to hold one thing of its kind, read through the item
        language, and the reading checked against the keys (so no key can carry another's
        words: a route of "po prn" is refused, never read as PRN)."""
        books = self.knowledge.catalogue

        def fail(key: str, message: str) -> RegimenFileError:
            return self.fail(message, f"{where}.{key}")

        if not entry.drug.strip():
            raise fail("drug", "must name a drug")
        _check_drug_name(entry.drug, books, self.allow_unlisted, fail)
        route = None
        if entry.route is not None:
            try:
                route = parse_route(entry.route)
            except ValueError as error:
                raise fail("route", str(error)) from None
        schedule = Schedule()
        if entry.frequency is not None:
            parsed = parse_frequency(entry.frequency)
            if parsed is None:
                raise fail("frequency", f"{entry.frequency!r} is not one frequency of the item "
                                        "language (q6h, bid, daily, continuous …); PRN is its "
                                        "own key (prn = true)")
            schedule = parsed
        if entry.form is not None:
            try:
                parse_form(entry.form)
            except ValueError:
                raise fail("form", f"{entry.form!r} is not a form (tablet, patch, liquid …) or a "
                                   "release (ir, er)") from None
        if entry.unit is not None:
            try:
                lookup_unit(entry.unit)
            except MpsdoseError as error:
                raise fail("unit", str(error)) from None
        item = parse_item(_item_text(entry, lambda m: fail("dose", m)),
                          allow_unlisted=self.allow_unlisted, knowledge=self.knowledge)
        expected = {
            "prn": (item.prn, entry.prn),
            "frequency": (item.schedule, schedule),
            "max_prn_per_day": (item.max_prn_per_day, entry.max_prn_per_day),
            "duration_days": (item.duration_days, entry.duration_days),
            "count": (item.count, entry.count),
        }
        if route is not None:
            expected["route"] = (item.route, route)
        for key, (read, written) in expected.items():
            if read != written:
                raise fail(key, f"the item reads {key} as {_shown(read)}, but the table says "
                                f"{_shown(written)}: a key holds more than its own value")
        return item

    def patient(self, raw: _PatientData) -> Patient:
        # the Patient reads the strings (hepatic "Child-Pugh C", a condition's other names, the
        # setting) and refuses what it cannot read, naming the allowed values
        values: dict[str, Any] = {"age": raw.age, "weight_kg": raw.weight_kg,
                                  "crcl_ml_min": raw.crcl_ml_min,
                                  "opioid_tolerant": raw.opioid_tolerant,
                                  "hepatic": raw.hepatic,
                                  "conditions": tuple(raw.conditions),
                                  "setting": raw.setting}
        try:
            return Patient(**values)
        except MpsdoseError as error:
            raise self.fail(str(error), "patient") from None


def _shown(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Schedule):
        return value.format() or "none"
    if isinstance(value, float):
        return plain(value)
    return str(value)


def _check_drug_name(name: str, books: Any, allow_unlisted: bool, fail: Any) -> None:
    """The ``drug`` key names a drug, a combination (``a/b``) or a product, and nothing else."""
    key = " ".join(name.strip().lower().split())
    if books.get(key) is not None or books.product(key):
        return
    parts = [part.strip() for part in key.split("/")]
    if all(books.get(part) is not None for part in parts):
        return
    if not allow_unlisted:
        return  # the item language names the unknown drug and suggests the nearest
    for word in key.replace("/", " ").split():
        if (word in ROUTE_SPELLINGS or word in FORMS or word in RELEASES
                or parse_frequency(word) is not None or any(c.isdigit() for c in word)
                or word in ("prn", "rescue", "max")):
            raise fail("drug", f"{name!r} is more than a drug name ({word!r}); each part of an "
                               "item has its own key")


def _item_text(entry: _ItemTable, fail: Any) -> str:
    """Write an item table as an item string, so tables and strings share one parser."""
    words: list[str] = []
    form = entry.form
    if entry.count is not None:
        words.append(f"{plain(entry.count)} {form or 'tab'}")
        form = None
    words.append(entry.drug)
    if form:
        words.append(form)
    if entry.dose is None:
        words.append("dose unknown")
    else:
        if entry.unit is None:
            raise fail("an item table with a 'dose' needs its 'unit'")
        dose = entry.dose if isinstance(entry.dose, str) else plain(entry.dose)
        words.append(f"{dose.strip()} {entry.unit}")
    for value in (entry.route, entry.frequency):
        if value:
            words.append(value)
    if entry.prn:
        words.append("prn")
    if entry.max_prn_per_day is not None:
        words.append(f"max {plain(entry.max_prn_per_day)}/day")
    if entry.duration_days is not None:
        words.append(f"for {plain(entry.duration_days)} days")
    return " ".join(words)


# -- writing ---------------------------------------------------------------------------------
def _patient_data(patient: Patient) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in _PATIENT_KEYS:
        value = getattr(patient, key)
        if key == "hepatic" and value is not None:
            value = value.value
        if key == "conditions":
            value = list(value) or None
        if value is not None:
            data[key] = value
    return data


def to_data(obj: Regimen | Course) -> dict[str, Any]:
    """A regimen or course as plain data (the structure of the file formats)."""
    data: dict[str, Any] = {}
    if obj.label is not None:
        data["label"] = obj.label
    if isinstance(obj, Regimen):
        data["items"] = [format_item(item) for item in obj.items]
    else:
        states = []
        for state in obj.states:
            entry: dict[str, Any] = {"label": state.label}
            for key in ("date", "day", "note"):
                if getattr(state, key) is not None:
                    entry[key] = getattr(state, key)
            entry["items"] = [format_item(item) for item in state.regimen.items]
            states.append(entry)
        data["states"] = states
    patient = _patient_data(obj.patient)
    if patient:
        data["patient"] = patient
    return data


@checked
def dumps(obj: Regimen | Course, syntax: str = "toml") -> str:
    """The text of a regimen or course file, TOML (written by tomli-w) or JSON.

    :func:`loads` reads it back to an equal regimen or course.

    Parameters
    ----------
    obj
        A regimen or a course.
    syntax
        ``"toml"`` or ``"json"``.

    Returns
    -------
    str

    Raises
    ------
    RegimenFileError
        Another syntax.
    """
    data = to_data(obj)
    if syntax == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if syntax != "toml":
        raise RegimenFileError(f"syntax is 'toml' or 'json', not {syntax!r}")
    import tomli_w

    return tomli_w.dumps(data, multiline_strings=False)


@checked
def save(obj: Regimen | Course, path: str | Path) -> None:
    """Write a regimen or course file; the syntax follows the extension (.toml or .json).

    The file is written whole or not at all (a temporary file renamed into place).

    Parameters
    ----------
    obj
        A regimen or a course.
    path
        The file to write (replaced if it exists).

    Raises
    ------
    RegimenFileError
        An extension other than ``.toml`` or ``.json``, or a file that cannot be written.
    """
    file = Path(path)
    syntax = file.suffix.lower().lstrip(".")
    if syntax not in ("toml", "json"):
        raise RegimenFileError("a regimen file ends in .toml or .json", path=str(path))
    text = dumps(obj, syntax)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".part",
                                             dir=file.parent)
        with into_place(temporary, file), os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as error:
        raise RegimenFileError(f"cannot write the file: {error.strerror or error}",
                               path=str(path)) from None
