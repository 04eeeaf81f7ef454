"""Regimen and course files (CONTRACT.md §4): TOML or JSON in, TOML or JSON out.

A **regimen file** has an optional ``label``, ``items`` (item strings of the item language and/or
tables with ``drug``, ``route``, ``dose``, ``unit``, ``frequency``, ``prn``, ``max_prn_per_day``,
``form``, ``count``, ``duration_days``) and an optional ``[patient]`` table (``age``, ``weight_kg``,
``crcl_ml_min``, ``hepatic``, ``opioid_tolerant``, ``conditions``, ``setting``).

A FHIR R4 JSON document (``MedicationRequest``, ``MedicationStatement`` or a ``Bundle`` of them)
is read wherever a regimen file is, recognised by its ``resourceType`` (:mod:`mpsdose.io.fhir`).

A **course file** has ``[patient]`` once and ``[[states]]``, each with a ``label``, an optional
``date`` or ``day``, an optional ``note`` and its ``items``.

Saving writes items as item strings; loading what was saved gives an equal regimen or course.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from mpsdose.io.fhir import regimen_from_fhir
from mpsdose.io.language import format_item, parse_item
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.model.errors import MpsdoseError, RegimenFileError
from mpsdose.model.regimen import Course, Hepatic, Item, Patient, Regimen, State

__all__ = ["dumps", "load", "load_regimen", "loads", "save"]

_PATIENT_KEYS = ("age", "weight_kg", "crcl_ml_min", "hepatic", "opioid_tolerant", "conditions",
                 "setting")
_ITEM_KEYS = ("drug", "route", "dose", "unit", "frequency", "prn", "max_prn_per_day", "form",
              "count", "duration_days")
_REGIMEN_KEYS = ("label", "items", "patient")
_COURSE_KEYS = ("label", "patient", "states")
_STATE_KEYS = ("label", "date", "day", "note", "items")


def load(path: str | Path, *, allow_unlisted: bool = False,
         knowledge: Knowledge | None = None) -> Regimen | Course:
    """Read a regimen or course file (``.toml`` or ``.json``; ``-`` reads TOML or JSON from stdin).

    A FHIR R4 ``MedicationRequest``, ``MedicationStatement`` or ``Bundle`` of them (JSON, known by
    its ``resourceType``) is read as a regimen (needs ``mpsdose[fhir]``).

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
        A file that cannot be read, bad syntax, missing or unknown keys, or a bad item (the
        message names the file, the place and the item).
    """
    name = str(path)
    if name == "-":
        text = sys.stdin.read()
        syntax = "json" if text.lstrip().startswith(("{", "[")) else "toml"
        return loads(text, syntax, path="<stdin>", allow_unlisted=allow_unlisted,
                     knowledge=knowledge)
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise RegimenFileError(f"cannot read the file: {reason}", path=name) from None
    suffix = file.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise RegimenFileError("a regimen file ends in .toml or .json", path=name)
    return loads(text, suffix[1:], path=name, allow_unlisted=allow_unlisted, knowledge=knowledge)


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
        raise RegimenFileError(str(error.args[0]), path=path) from None
    return Regimen(chosen.regimen.items, chosen.label, course.patient)


def loads(text: str, syntax: str = "toml", *, path: str | None = None,
          allow_unlisted: bool = False, knowledge: Knowledge | None = None) -> Regimen | Course:
    """Parse the text of a regimen or course file (``syntax`` ``"toml"`` or ``"json"``).

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
    data = _decode(text, syntax, path)
    if not isinstance(data, Mapping):
        raise RegimenFileError("the top level must be a table (a JSON object)", path=path)
    if "resourceType" in data:  # a FHIR R4 MedicationRequest, MedicationStatement or Bundle
        try:
            return regimen_from_fhir(data, allow_unlisted=allow_unlisted, knowledge=knowledge)
        except MpsdoseError as error:
            raise RegimenFileError(str(error), path=path) from None
    reader = _Reader(path, allow_unlisted, resolve(knowledge))
    if "states" in data:
        return reader.course(data)
    return reader.regimen(data)


def _decode(text: str, syntax: str, path: str | None) -> Any:
    if syntax == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise RegimenFileError(f"bad JSON: {error.msg}", path=path,
                                   where=f"line {error.lineno}, column {error.colno}") from None
    if syntax == "toml":
        import tomllib

        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise RegimenFileError(f"bad TOML: {error}", path=path) from None
    raise ValueError(f"syntax is 'toml' or 'json', not {syntax!r}")


class _Reader:
    def __init__(self, path: str | None, allow_unlisted: bool, knowledge: Knowledge) -> None:
        self.path = path
        self.allow_unlisted = allow_unlisted
        self.knowledge = knowledge

    def fail(self, message: str, where: str | None = None) -> RegimenFileError:
        return RegimenFileError(message, path=self.path, where=where)

    def keys(self, data: Mapping[str, Any], allowed: Sequence[str], where: str | None) -> None:
        unknown = sorted(set(data) - set(allowed))
        if unknown:
            raise self.fail(f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(allowed)}",
                            where)

    def regimen(self, data: Mapping[str, Any]) -> Regimen:
        self.keys(data, _REGIMEN_KEYS, None)
        return Regimen(self.items(data.get("items", []), "items"), self.text(data, "label", None),
                       self.patient(data.get("patient", {})))

    def course(self, data: Mapping[str, Any]) -> Course:
        self.keys(data, _COURSE_KEYS, None)
        raw_states = data["states"]
        if not isinstance(raw_states, list) or not raw_states:
            raise self.fail("'states' must be a non-empty list of tables", "states")
        states: list[State] = []
        for index, raw in enumerate(raw_states):
            where = f"states[{index}]"
            if not isinstance(raw, Mapping):
                raise self.fail("a state is a table", where)
            self.keys(raw, _STATE_KEYS, where)
            label = self.text(raw, "label", where)
            if label is None:
                raise self.fail("a state needs a 'label'", where)
            if any(state.label.lower() == label.lower() for state in states):
                raise self.fail(f"two states are labelled {label!r}", where)
            day = raw.get("day")
            if day is not None and (isinstance(day, bool) or not isinstance(day, int | float)
                                    or not math.isfinite(day)):
                raise self.fail("'day' must be a number", where)
            date = raw.get("date")
            if date is not None:
                date = str(date)  # TOML dates arrive as datetime.date
            regimen = Regimen(self.items(raw.get("items", []), f"{where}.items"), label)
            states.append(State(label, regimen, date, day, self.text(raw, "note", where)))
        return Course(tuple(states), self.patient(data.get("patient", {})),
                      self.text(data, "label", None))

    def text(self, data: Mapping[str, Any], key: str, where: str | None) -> str | None:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise self.fail(f"{key!r} must be a string", where)
        return value

    def items(self, raw: Any, where: str) -> tuple[Item, ...]:
        if not isinstance(raw, list):
            raise self.fail("'items' must be a list", where)
        items = []
        for index, entry in enumerate(raw):
            here = f"{where}[{index}]"
            if isinstance(entry, Mapping):
                self.keys(entry, _ITEM_KEYS, here)
                entry = _item_text(entry, lambda m, h=here: self.fail(m, h))
            if not isinstance(entry, str):
                raise self.fail("an item is a string or a table", here)
            try:
                items.append(parse_item(entry, allow_unlisted=self.allow_unlisted,
                                        knowledge=self.knowledge))
            except MpsdoseError as error:
                raise self.fail(str(error), here) from None
        return tuple(items)

    def patient(self, raw: Any) -> Patient:
        if not isinstance(raw, Mapping):
            raise self.fail("'patient' must be a table", "patient")
        self.keys(raw, _PATIENT_KEYS, "patient")
        values: dict[str, Any] = {}
        for key in ("age", "weight_kg", "crcl_ml_min"):
            value = raw.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
                raise self.fail(f"{key} must be a number", "patient")
            values[key] = None if value is None else float(value)
        hepatic = raw.get("hepatic")
        if hepatic is not None:
            try:
                values["hepatic"] = Hepatic(str(hepatic).lower())
            except ValueError:
                raise self.fail(
                    f"hepatic {hepatic!r}; use one of {', '.join(h.value for h in Hepatic)}",
                    "patient") from None
        tolerant = raw.get("opioid_tolerant")
        if tolerant is not None and not isinstance(tolerant, bool):
            raise self.fail("opioid_tolerant must be true or false", "patient")
        values["opioid_tolerant"] = tolerant
        conditions = raw.get("conditions", [])
        if not isinstance(conditions, list) or not all(isinstance(c, str) for c in conditions):
            raise self.fail("conditions must be a list of strings", "patient")
        values["conditions"] = tuple(c.strip().lower() for c in conditions)
        setting = raw.get("setting")
        if setting is not None and not isinstance(setting, str):
            raise self.fail("setting must be a string (e.g. 'end-of-life')", "patient")
        values["setting"] = setting
        try:
            return Patient(**values)
        except MpsdoseError as error:
            raise self.fail(str(error), "patient") from None


def _item_text(entry: Mapping[str, Any], fail: Any) -> str:
    """Write an item table as an item string, so tables and strings share one parser."""
    drug = entry.get("drug")
    if not isinstance(drug, str) or not drug.strip():
        raise fail("an item table needs 'drug'")
    words: list[str] = []
    count = entry.get("count")
    form = entry.get("form")
    if count is not None:
        words.append(f"{count} {form or 'tab'}")
        form = None
    words.append(drug)
    if form:
        words.append(str(form))
    dose = entry.get("dose")
    if dose is None:
        words.append("dose unknown")
    else:
        if isinstance(dose, bool) or not isinstance(dose, int | float | str):
            raise fail("'dose' must be a number")
        unit = entry.get("unit")
        if not isinstance(unit, str):
            raise fail("an item table with a 'dose' needs its 'unit'")
        words.append(f"{dose} {unit}")
    for key in ("route", "frequency"):
        if entry.get(key):
            words.append(str(entry[key]))
    if entry.get("prn"):
        words.append("prn")
    if entry.get("max_prn_per_day") is not None:
        words.append(f"max {entry['max_prn_per_day']}/day")
    if entry.get("duration_days") is not None:
        words.append(f"for {entry['duration_days']} days")
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


def dumps(obj: Regimen | Course, syntax: str = "toml") -> str:
    """The text of a regimen or course file, TOML or JSON.

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
    ValueError
        Another syntax.
    """
    data = to_data(obj)
    if syntax == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if syntax != "toml":
        raise ValueError(f"syntax is 'toml' or 'json', not {syntax!r}")
    lines: list[str] = []
    patient = data.pop("patient", None)
    states = data.pop("states", None)
    for key, value in data.items():
        lines.append(f"{key} = {_toml_value(value)}")
    if patient:
        lines += ["", "[patient]"] + [f"{k} = {_toml_value(v)}" for k, v in patient.items()]
    for state in states or []:
        lines += ["", "[[states]]"] + [f"{k} = {_toml_value(v)}" for k, v in state.items()]
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        # A JSON string is a TOML basic string, except that TOML also forbids a raw DEL.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + "".join(f"  {_toml_value(v)},\n" for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def save(obj: Regimen | Course, path: str | Path) -> None:
    """Write a regimen or course file; the syntax follows the extension (.toml or .json).

    Parameters
    ----------
    obj
        A regimen or a course.
    path
        The file to write (replaced if it exists).

    Raises
    ------
    ValueError
        An extension other than ``.toml`` or ``.json``.
    OSError
        The file cannot be written.
    """
    file = Path(path)
    syntax = file.suffix.lower().lstrip(".")
    file.write_text(dumps(obj, syntax), encoding="utf-8")
