"""The CLI's default table format, drawn without importing tabulate.

``tabulate`` reads its own package metadata when it is imported, which costs more start-up time
than everything ``mpsdose total`` computes. Its ``grid`` format is simple to draw, so the CLI's
tables are drawn here, byte for byte as ``tabulate(rows, headers, tablefmt="grid",
disable_numparse=True, maxcolwidths=[None, …, width])`` draws them, the last column wrapped
to ``width`` as tabulate wraps it (``tests/test_grid.py`` holds the two equal on a spread of
tables). A table this does not cover returns None, and the CLI hands it to tabulate: a cell on
several lines, terminal colour codes, or a character that is not certainly one column wide on
a terminal (tabulate measures those with ``wcwidth`` where it is installed: CJK, combining
marks, invisible spaces).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

__all__ = ["grid"]


def _one_column(character: str) -> bool:
    """Printable, one terminal column wide whether measured by ``len`` or by ``wcwidth``, and
    not whitespace that ``str.strip`` would take: ASCII, Latin-1 and Greek letters and signs,
    general punctuation, arrows, mathematical operators."""
    code = ord(character)
    return (0x20 <= code <= 0x7E or (0xA1 <= code <= 0xFF and code != 0xAD)
            or 0x391 <= code <= 0x3C9 or 0x2010 <= code <= 0x2027 or 0x2030 <= code <= 0x205E
            or 0x2190 <= code <= 0x22FF)


def _plain(text: object) -> bool:
    return isinstance(text, str) and ((text.isascii() and text.isprintable())
                                      or all(map(_one_column, text)))


class _Wrapper(textwrap.TextWrapper):
    """Python's wrapper as tabulate uses it: a word longer than a line is cut where the line
    is full, not after a hyphen in it."""

    def _handle_long_word(self, reversed_chunks: list[str], cur_line: list[str], cur_len: int,
                          width: int) -> None:
        space_left = 1 if width < 1 else width - cur_len
        if self.break_long_words and space_left > 0:
            chunk = reversed_chunks[-1]
            cur_line.append(chunk[:space_left])
            reversed_chunks[-1] = chunk[space_left:]
        elif not cur_line:
            cur_line.append(reversed_chunks.pop())


def _wrapped(text: str, width: int) -> str:
    wrapper = _Wrapper(width=width)
    return "\n".join("\n".join(wrapper.wrap(line)) for line in text.splitlines()
                     if line.strip() != "")


def grid(headers: Sequence[str], rows: Sequence[Sequence[str]],
         wrap: int | None = None) -> str | None:
    """``headers`` and ``rows`` as tabulate's ``grid`` format draws them (cells stripped and
    aligned left, every column at least two wider than its header), or None where the table
    needs tabulate (see the module notes).

    Parameters
    ----------
    headers
        The column titles.
    rows
        The cells, as text, one list per row, each as long as ``headers``.
    wrap
        The width the last column's cells are wrapped to (tabulate's ``maxcolwidths``), or
        None.

    Returns
    -------
    str or None
        The table, lines joined by newlines (no newline at the end); None: use tabulate.
    """
    if not rows or not all(map(_plain, headers)):
        return None
    cells: list[list[list[str]]] = []  # row → cell → its lines
    for row in rows:
        if len(row) != len(headers) or not all(map(_plain, row)):
            return None
        if wrap is not None:
            if row[-1] in ("True", "False"):  # tabulate reads these as bools before wrapping
                return None
            row = [*row[:-1], _wrapped(row[-1], wrap)]
        cells.append([cell.strip().split("\n") for cell in row])
    widths = [max(len(header) + 2, *(len(line) for row in cells for line in row[i]))
              for i, header in enumerate(headers)]
    rule = "+" + "+".join("-" * (width + 2) for width in widths) + "+"

    def line(texts: Sequence[str]) -> str:
        return "|" + "|".join(f" {text:<{width}} " for text, width in zip(texts, widths,
                                                                          strict=True)) + "|"

    lines = [rule, line(headers), rule.replace("-", "=")]
    several = any(len(cell) > 1 for row in cells for cell in row)
    for drawn in cells:
        # a cell of several lines makes its row that tall; in such a table an empty cell is no
        # line at all, as in tabulate (so a row of empty cells is no line either)
        tall = [cell if cell != [""] or not several else [] for cell in drawn]
        height = max(map(len, tall))
        for n in range(height):
            lines.append(line([cell[n] if n < len(cell) else "" for cell in tall]))
        lines.append(rule)
    return "\n".join(lines)
