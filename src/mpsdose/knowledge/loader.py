"""The one reader of data files: a CSV file checked against its schema, cell by cell.

:func:`read_table` returns the rows of a file as :class:`Row` objects whose cells are already typed
(numbers, routes, intervals, canonical drug names), or raises :class:`~mpsdose.model.errors.DataError`
naming the file, the line and the column. What is checked here is what every file shares: the
header (no required column missing, no unknown column), empty cells, types, choices, ranges
(``<name>_low ≤ <name> ≤ <name>_high``) and the file's key. What a row *means* is checked where it
becomes an object (``from_row`` of each record type).
"""

from __future__ import annotations

import csv
import math
import operator
import os
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from mpsdose.knowledge.schema import GRADES, Column, Kind, Schema, parse_interval
from mpsdose.model.errors import DataError
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import FORMS, ROUTE_GROUPS, Route, parse_route, parse_setting

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["DATA_DIR", "Row", "data_file", "read_table"]  # and DATA, made on first use

#: ``data/`` beside the package: a real folder in the wheel, a symlink to the top-level ``data/``
#: in a checkout (an editable install). Found from ``__file__``: mpsdose is never run from a zip.
#: (A string: pathlib, with what it imports, costs every command's start-up; :data:`DATA` is the
#: same folder as a :class:`~pathlib.Path`.)
DATA_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")


def __getattr__(name: str) -> Any:
    if name == "DATA":  # ``data/`` as a Path, made on first use
        from pathlib import Path

        return Path(DATA_DIR)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Largest data file read, as a guard against reading something that is not a data file [bytes].
MAX_FILE_BYTES = 20_000_000


def data_file(name: str) -> Path:
    """Path of a file shipped in ``data/``."""
    from pathlib import Path

    return Path(DATA_DIR) / name


@attrs.frozen(repr=False, eq=False)
class Row(Value):
    """One data row: its typed cells by column name, and where it was read."""

    file: str
    line: int
    cells: Mapping[str, Any]

    def __getitem__(self, column: str) -> Any:
        return self.cells[column]

    def get(self, column: str, default: Any = None) -> Any:
        value = self.cells.get(column)
        return default if value is None else value

    def names(self, column: str) -> frozenset[str]:
        """A cell of names separated by ``|`` (``"Butrans|Norspan"``), each lower case with its
        spaces normalised; empty where the cell is."""
        return frozenset(" ".join(name.strip().lower().split())
                         for name in (self.get(column) or "").split("|") if name.strip())

    @property
    def where(self) -> str:
        """``file:line``."""
        return f"{self.file}:{self.line}"

    def error(self, message: str, column: str | None = None) -> DataError:
        """A :class:`DataError` at this row (and column)."""
        return DataError(message, path=self.file, line=self.line, column=column)


def _number(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{text!r} is not a finite number")
    return number


def _positive(text: str) -> float:
    number = _number(text)
    if number <= 0:
        raise ValueError(f"{text!r} must be positive")
    return number


def _nonnegative(text: str) -> float:
    number = _number(text)
    if number < 0:
        raise ValueError(f"{text!r} must not be negative")
    return number


def _numbers(text: str) -> tuple[float, ...]:
    return tuple(sorted(_positive(word) for word in text.split()))


def _route_or_group(text: str) -> str:
    """A group's name (``parenteral``) or a route's canonical value."""
    key = text.lower()
    return key if key in ROUTE_GROUPS else parse_route(key).value


def _routes(text: str) -> frozenset[Route]:
    routes = []
    for word in text.split():
        try:
            routes.append(Route(word))
        except ValueError:
            raise ValueError(f"unknown route {word!r}; routes: "
                             f"{', '.join(r.value for r in Route)}") from None
    return frozenset(routes)


def _form(text: str) -> str:
    if FORMS.get(text) != text:
        raise ValueError(f"unknown form {text!r}; forms: {', '.join(sorted(set(FORMS.values())))}")
    return text


def _forms(text: str) -> frozenset[str]:
    return frozenset(_form(word) for word in text.split())


def _release(text: str) -> str:
    if text not in ("ir", "er"):
        raise ValueError(f"release {text!r}; use ir or er")
    return text


def _grade(text: str) -> str:
    if text not in GRADES:
        raise ValueError(f"grade {text!r}; use " + " or ".join(
            f"{key} ({meaning})" for key, meaning in GRADES.items()))
    return text


def _date(text: str) -> str:
    """An ISO date, or as much of one as the source gives: YYYY-MM-DD, YYYY-MM or YYYY."""
    import datetime

    padded = {4: "-01-01", 7: "-01", 10: ""}.get(len(text))
    try:
        if padded is None:
            raise ValueError
        datetime.date.fromisoformat(text + padded)
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)") from None
    return text


def _settings(text: str) -> frozenset[str]:
    return frozenset(parse_setting(word) for word in text.split())


_READERS: dict[Kind, Callable[[str], Any]] = {
    Kind.TEXT: str,
    Kind.NUMBER: _number,
    Kind.POSITIVE: _positive,
    Kind.NONNEGATIVE: _nonnegative,
    Kind.NUMBERS: _numbers,
    Kind.ROUTE: parse_route,
    Kind.ROUTE_OR_GROUP: _route_or_group,
    Kind.ROUTES: _routes,
    Kind.FORM: _form,
    Kind.FORMS: _forms,
    Kind.RELEASE: _release,
    Kind.INTERVAL: parse_interval,
    Kind.GRADE: _grade,
    Kind.DATE: _date,
    Kind.SETTINGS: _settings,
}


def _reader(column: Column, names: Mapping[str, str] | None) -> Callable[[str], Any]:
    """The function that reads a (trimmed, non-empty) cell of ``column``: chosen once per
    column of a file, not once per cell."""
    if column.kind is Kind.CHOICE:
        choices = column.choices

        def choice(text: str) -> str:
            if text not in choices:
                raise ValueError(f"{text!r}; use one of: {', '.join(choices)}")
            return text

        return choice
    if column.kind is Kind.DRUG:
        if names is None:
            return str.lower
        known = names

        def drug(text: str) -> str:
            key = " ".join(text.lower().split())
            if key not in known:
                raise ValueError(f"unknown drug {text!r} (not in drugs.csv or drug_names.csv)")
            return known[key]

        return drug
    if column.kind is Kind.TEXT:
        return _same
    return _READERS[column.kind]


def _same(text: str) -> str:
    return text


def _lines(path: str, shown: str) -> Iterator[tuple[int, list[str]]]:
    try:
        size = os.stat(path).st_size
        if size > MAX_FILE_BYTES:
            raise DataError(f"{size} bytes: larger than a data file can be "
                            f"({MAX_FILE_BYTES} bytes)", path=shown)
        handle = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115 - closed below
    except OSError as error:
        raise DataError(f"cannot read: {error.strerror or error}", path=shown) from None
    except ValueError as error:  # a path no file can have ("embedded null byte")
        raise DataError(f"cannot read: {error}", path=shown) from None
    with handle:
        reader = csv.reader(handle)
        try:
            for row in reader:
                first = row[0] if row else ""
                # the common row first: its first cell begins with text (not a space or "#")
                if (not first or first[0].isspace() or first[0] == "#") and (
                        not row or not "".join(row).strip() or first.lstrip().startswith("#")):
                    continue
                yield reader.line_num, row
        except UnicodeDecodeError:
            raise DataError("not UTF-8 text", path=shown, line=reader.line_num + 1) from None
        except csv.Error as error:
            raise DataError(f"bad CSV: {error}", path=shown, line=reader.line_num) from None


def read_table(path: str | os.PathLike[str], schema: Schema, *, label: str | None = None,
               names: Mapping[str, str] | None = None) -> tuple[Row, ...]:
    """Every data row of a CSV file, its cells typed by ``schema``.

    Parameters
    ----------
    path
        The file. Its first non-comment line is the header.
    schema
        What the file must hold (:data:`mpsdose.knowledge.schema.SCHEMAS`).
    label
        How errors name the file (default: its name).
    names
        Every known drug name → canonical name, to check and canonicalise ``drug`` columns.

    Raises
    ------
    DataError
        Naming ``file:line`` and the column: a missing or unknown column, an empty required cell,
        a cell of the wrong type or outside the choices, a range whose ends are out of order, a
        key that repeats an earlier row.
    """
    path = os.fspath(path)
    shown = label or os.path.basename(path)
    columns = {column.name: column for column in schema.columns}
    header: list[str] | None = None
    rows: list[Row] = []
    keys: dict[tuple[Any, ...], int] = {}
    plan: list[tuple[int, str, bool, Callable[[str], Any] | None, dict[str, Any]]] = []
    absent: dict[str, None] = {}
    width = 0
    ranges = [(base, f"{base}_low", f"{base}_high") for base in schema.ranges]
    key_of = _key_getter(schema.key)
    for line, raw in _lines(path, shown):
        if header is None:
            header = [cell.strip() for cell in raw]
            _check_header(header, schema, shown, line)
            # per column of the file, once: where it is, whether it is required, its reader
            # (None: the text as it is), and the values read so far: a typed column's cells
            # repeat (routes, units, drugs, numbers), so each text is read once per file and its
            # (immutable) value reused
            plan = [(i, name, columns[name].required, _reader(columns[name], names), {})
                    for i, name in enumerate(header) if name in columns]
            plan = [(i, name, required, None if read is _same else read, values)
                    for i, name, required, read, values in plan]
            absent = dict.fromkeys(name for name in columns if name not in header)
            width = len(header)
            continue
        if len(raw) != width:
            raise DataError(f"{len(raw)} cells where the header has {width}", path=shown,
                            line=line)
        cells: dict[str, Any] = {}
        for i, name, required, read, values in plan:
            text = raw[i].strip()
            if not text:
                if required:
                    raise DataError("empty, and this column is required", path=shown, line=line,
                                    column=name)
                cells[name] = None
            elif read is None:
                cells[name] = text
            elif text in values:
                cells[name] = values[text]
            else:
                try:
                    cells[name] = values[text] = read(text)
                except ValueError as error:
                    raise DataError(str(error), path=shown, line=line, column=name) from None
        if absent:
            cells.update(absent)
        row = Row(shown, line, cells)
        if ranges:
            _check_ranges(row, ranges)
        if key_of is not None:
            key = key_of(cells)
            if key in keys:
                raise row.error(f"repeats line {keys[key]} (same {', '.join(schema.key)})")
            keys[key] = line
        rows.append(row)
    if header is None:
        raise DataError("empty file (no header line)", path=shown)
    return tuple(rows)


def _key_getter(key: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]] | None:
    """A row's key (a tuple of its cells in ``key``) from its cells; None: the file has no key."""
    if not key:
        return None
    if len(key) == 1:
        name = key[0]
        return lambda cells: (cells[name],)
    return operator.itemgetter(*key)  # a tuple, at C speed


def _check_header(header: list[str], schema: Schema, shown: str, line: int) -> None:
    known = {column.name for column in schema.columns}
    unknown = [name for name in header if name not in known]
    if unknown and not schema.open:
        raise DataError(f"unknown column(s) {', '.join(unknown)}; {schema.file} has: "
                        f"{', '.join(c.name for c in schema.columns)}", path=shown, line=line)
    missing = [name for name in schema.required if name not in header]
    if missing:
        raise DataError(f"missing column(s) {', '.join(missing)}", path=shown, line=line)
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise DataError(f"column(s) {', '.join(repeated)} appear twice", path=shown, line=line)


def _check_ranges(row: Row, ranges: list[tuple[str, str, str]]) -> None:
    for base, low_name, high_name in ranges:
        low, high = row.get(low_name), row.get(high_name)
        point = row.get(base) if base in row.cells else None
        if (low is None) != (high is None):
            raise row.error(f"{base}_low and {base}_high go together",
                            low_name if low is None else high_name)
        if low is not None and high is not None:
            if low > high:
                raise row.error(f"{base}_low {low:g} is above {base}_high {high:g}", low_name)
            if point is not None and not low <= point <= high:
                raise row.error(f"{base} {point:g} is outside {base}_low–{base}_high", base)
