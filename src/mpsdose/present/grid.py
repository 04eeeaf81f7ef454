"""The CLI's default table format, drawn without importing tabulate.

``tabulate`` reads its own package metadata when it is imported, which costs more start-up time
than everything ``mpsdose total`` computes. Its ``grid`` format is simple to draw, so the common
tables are drawn here, byte for byte as ``tabulate(rows, headers, tablefmt="grid",
disable_numparse=True)`` draws them (``tests/test_grid.py`` holds the two equal on a spread of
tables). What this does not cover (a cell on several lines, terminal colour codes, characters
whose width on a terminal is not one column — tabulate measures those with ``wcwidth`` where it
is installed — or a cell to be wrapped) returns None, and the CLI hands that table to tabulate.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["grid"]

#: Characters besides printable ASCII that mpsdose writes in its tables, each one terminal
#: column wide whether or not tabulate measures it with wcwidth.
_ONE_COLUMN = frozenset("≥≤→←–—≈×µμ…’‘“”±°·")


def _plain(text: str) -> bool:
    """Whether tabulate would measure ``text`` as ``len(text)`` and draw it on one line."""
    return (text.isascii() and text.isprintable()) or all(
        (" " <= c <= "~") or c in _ONE_COLUMN for c in text)


def grid(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str | None:
    """``headers`` and ``rows`` as tabulate's ``grid`` format draws them (cells stripped and
    aligned left, every column at least two wider than its header), or None where the table
    needs tabulate (see the module notes).

    Parameters
    ----------
    headers
        The column titles.
    rows
        The cells, as text, one list per row, each as long as ``headers``.

    Returns
    -------
    str or None
        The table, lines joined by newlines (no newline at the end); None: use tabulate.
    """
    if not rows or any(not isinstance(h, str) or not _plain(h) for h in headers):
        return None
    cells = []
    for row in rows:
        if len(row) != len(headers) or any(not isinstance(c, str) or not _plain(c) for c in row):
            return None
        cells.append([c.strip() for c in row])
    widths = [max(len(header) + 2, *(len(row[i]) for row in cells))
              for i, header in enumerate(headers)]
    rule = "+" + "+".join("-" * (width + 2) for width in widths) + "+"

    def line(texts: Sequence[str]) -> str:
        return "|" + "|".join(f" {text:<{width}} " for text, width in zip(texts, widths,
                                                                          strict=True)) + "|"

    lines = [rule, line(headers), rule.replace("-", "=")]
    for row in cells:
        lines += [line(row), rule]
    return "\n".join(lines)
