"""Reading the CSV files of ``data/``: where they are, and rows with their line numbers."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from mpsdose.model.errors import DataError

__all__ = ["data_file", "parse_float", "read_rows", "require"]


#: ``data/`` beside this module: a real folder in the wheel, a symlink to the top-level ``data/``
#: in a checkout (an editable install). Found from ``__file__``: mpsdose is never run from a zip.
DATA = Path(__file__).parent.parent / "data"


def data_file(name: str) -> Path:
    """Path of a file shipped in ``data/``."""
    return DATA / name


def read_rows(
    path: Path | str, required: Sequence[str], *, label: str | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` for each data row of a CSV file with a header line.

    Cells are stripped; blank lines and lines starting with ``#`` are skipped. A missing file, a
    missing required column or a ragged row is a :class:`DataError` naming ``file:line``.
    """
    path = Path(path)
    shown = label or path.name
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as error:
        raise DataError(f"cannot read: {error.strerror or error}", path=shown) from None
    with handle:
        reader = csv.reader(handle)
        header: list[str] | None = None
        for row in reader:
            line = reader.line_num
            if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
                continue
            if header is None:
                header = [cell.strip() for cell in row]
                missing = [column for column in required if column not in header]
                if missing:
                    raise DataError(
                        f"missing column(s) {', '.join(missing)}; the header is {header}",
                        path=shown, line=line,
                    )
                continue
            if len(row) != len(header):
                raise DataError(
                    f"{len(row)} cells where the header has {len(header)}", path=shown, line=line
                )
            yield line, {key: cell.strip() for key, cell in zip(header, row, strict=True)}
        if header is None:
            raise DataError("empty file (no header line)", path=shown)


def require(row: Mapping[str, str], column: str, *, path: str, line: int) -> str:
    """The non-empty value of ``column`` or a :class:`DataError` at ``path:line``."""
    value = row.get(column, "")
    if not value:
        raise DataError(f"empty {column!r}", path=path, line=line)
    return value


def parse_float(value: str, column: str, *, path: str, line: int) -> float | None:
    """A float cell (empty → None) or a :class:`DataError` naming the cell."""
    if value == "":
        return None
    try:
        number = float(value)
    except ValueError:
        raise DataError(f"{column} {value!r} is not a number", path=path, line=line) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise DataError(f"{column} {value!r} is not finite", path=path, line=line)
    return number
