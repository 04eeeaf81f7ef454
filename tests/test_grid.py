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
    "two\nlines", "tab\there", "\x1b[31mred\x1b[0m", "オキシコンチン", "ｆｕｌｌ", "e\u0301",
    "thin\u2009space",
], ids=["newline", "tab", "colour", "kana", "full-width", "combining", "thin-space"])
def test_what_only_tabulate_draws_is_left_to_it(cell):
    assert grid(["a"], [[cell]]) is None


def test_a_table_without_rows_or_of_uneven_rows_is_left_to_tabulate():
    assert grid(["a"], []) is None
    assert grid(["a", "b"], [["x"]]) is None


WORDS = st.lists(st.one_of(
    st.text(alphabet=st.sampled_from(list("abcdefghij-/.,;:()0123456789")), min_size=1,
            max_size=12),
    st.text(alphabet=st.sampled_from(list("xyz-")), min_size=90, max_size=250),  # long words
    st.sampled_from(["≥", "×", "÷", "→", "—", "µg", "10–20", "", " "])),
    max_size=60).map(" ".join)


@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    st.lists(CELL, min_size=n, max_size=n),
    st.lists(st.tuples(st.lists(CELL, min_size=n - 1, max_size=n - 1), WORDS)
             .map(lambda row: [*row[0], row[1]]), min_size=1, max_size=6))),
    st.sampled_from([100, 40, 12]))
def test_grid_wraps_the_last_column_as_tabulate_does(table, width):
    headers, rows = table
    expected = tabulate(rows, headers=list(headers), tablefmt="grid", disable_numparse=True,
                        maxcolwidths=[None] * (len(headers) - 1) + [width])
    assert grid(headers, rows, wrap=width) == expected


COMMANDS = [
    ["total", "oxycodone er 10 mg po q12h", "rescue oxycodone 5 mg po prn max 4/day",
     "acetaminophen 1 g po qid", "fentanyl 25 mcg/h td"],
    ["convert", "oxycodone 60 mg/day", "--to", "morphine po"],
    ["convert", "morphine 90 mg/day", "--to", "fentanyl patch"],
    ["methadone", "morphine 200 mg/day"],
    ["check", "oxycodone 20 mg/day", "naproxen 500 mg po bid", "dexamethasone 4 mg/day",
     "--age", "80", "--crcl", "25"],
    ["compare", "examples/takamatsu2018-case1.toml"],
    ["drugs", "--class", "opioid"],
    ["tables"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: args[0])
def test_cli_output_is_what_tabulate_draws(args, monkeypatch):
    from click.testing import CliRunner

    from mpsdose.cli import main
    from mpsdose.present import grid as module

    ours = CliRunner().invoke(main, args)
    monkeypatch.setattr(module, "grid", lambda *a, **k: None)  # every table to tabulate
    theirs = CliRunner().invoke(main, args)
    assert ours.exit_code == theirs.exit_code
    assert ours.stdout == theirs.stdout


def test_the_common_commands_do_not_import_tabulate():
    import subprocess
    import sys

    # (a patch conversion cites the Japanese insert's words: those tables go to tabulate)
    common = [c for c in COMMANDS if c[0] in ("total", "convert", "methadone", "check")
              and "fentanyl patch" not in c]
    code = ("import sys\nfrom mpsdose.cli import main\n"
            f"for args in {common!r}:\n"
            "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
            "print('tabulate' in sys.modules, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stderr.strip().splitlines()[-1] == "False"
