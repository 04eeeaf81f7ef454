"""The CLI's own grid (mpsdose.present.grid) draws what tabulate's grid draws, byte for byte."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpsdose.present.grid import grid

tabulate = pytest.importorskip("tabulate").tabulate

#: What mpsdose's cells hold: letters, digits, punctuation, spaces (also at the ends, which
#: tabulate strips from cells but not from headers), the symbols it prints, empty cells.
CELL = st.text(alphabet=st.sampled_from(
    list("abcXYZ019 .,:;()[]/%<>=+-_'\"#*&!?|") + list("≥≤→←–—≈×µμ…’‘“”±°·")), max_size=30)


def _tabulate(headers, rows):
    return tabulate(rows, headers=list(headers), tablefmt="grid", disable_numparse=True)


@given(st.integers(1, 6).flatmap(lambda n: st.tuples(
    st.lists(CELL, min_size=n, max_size=n),
    st.lists(st.lists(CELL, min_size=n, max_size=n), min_size=1, max_size=8))))
def test_grid_is_tabulate_grid_byte_for_byte(table):
    headers, rows = table
    assert grid(headers, rows) == _tabulate(headers, rows)


@pytest.mark.parametrize(("headers", "rows"), [
    (["Item", "Drug", "Daily dose", "OME"],
     [["oxycodone er 10 mg po q12h", "oxycodone", "20 mg/day", "30 mg/day"],
      ["rescue oxycodone 5 mg po prn max 4/day", "oxycodone", "≥ 20 mg/day", "—"]]),
    (["", "a"], [["", ""], ["   padded   ", "x"]]),           # empty header, stripped cells
    (["True", "1"], [["True", "2.5"], ["False", "1e3"]]),      # numbers and bools stay text
    (["Step", "Detail"], [["1", "60 mg/day × 1.5 = 90 mg OME/day (cdc2022: …)"]]),
], ids=["report", "blank-and-padding", "numeric-looking", "symbols"])
def test_grid_tables_like_the_reports(headers, rows):
    assert grid(headers, rows) == _tabulate(headers, rows)


@pytest.mark.parametrize("cell", [
    "two\nlines", "tab\there", "\x1b[31mred\x1b[0m", "オキシコンチン", "ｆｕｌｌ", "e\u0301", "thin\u2009space",
], ids=["newline", "tab", "colour", "kana", "full-width", "combining", "thin-space"])
def test_what_only_tabulate_draws_is_left_to_it(cell):
    assert grid(["a"], [[cell]]) is None


def test_a_table_without_rows_or_of_uneven_rows_is_left_to_tabulate():
    assert grid(["a"], []) is None
    assert grid(["a", "b"], [["x"]]) is None
