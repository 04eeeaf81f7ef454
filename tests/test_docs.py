"""The documentation cannot drift from the code: the item-language page's examples parse (and mean
what the page says), its refused examples are refused, and the examples in the docstrings run.

The site itself is built by ``scripts/docs.sh`` in CI (``mkdocs build --strict``); its generated
pages (data-file schemas, CLI, vocabulary) are made from the code at build time.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import mpsdose
from mpsdose.model import errors

ROOT = Path(__file__).parent.parent
LANGUAGE = ROOT / "docs" / "language.md"


def _table_after(marker: str) -> list[list[str]]:
    """The rows (cells, stripped) of the first Markdown table after ``<!-- examples: marker -->``."""
    text = LANGUAGE.read_text(encoding="utf-8")
    start = text.index(f"<!-- examples: {marker} -->")
    rows = []
    for line in text[start:].splitlines()[1:]:
        if not line.strip() and rows:
            break
        if line.startswith("|") and not set(line) <= set("|-: "):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows[1:]  # without the header


def _code(cell: str) -> str:
    match = re.fullmatch(r"`([^`]+)`", cell)
    assert match, f"an example is one code span: {cell!r}"
    return match.group(1)


PARSE = _table_after("parse")
REFUSE = _table_after("refuse")


def test_the_page_has_its_examples():
    assert len(PARSE) >= 20
    assert len(REFUSE) >= 10


def test_the_contract_examples_are_on_the_page():
    """CONTRACT §1 names examples that must parse; the page shows each."""
    shown = {_code(row[0]) for row in PARSE}
    for example in ("oxycodone 20 mg/day", "oxycodone er 10 mg po q12h",
                    "rescue oxycodone 5 mg po prn", "oxycodone ir 5 mg po prn max 6/day",
                    "tramadol 200 mg/day", "loxoprofen 60 mg po tid", "acetaminophen 1 g po qid",
                    "acetaminophen 4 g/day", "pregabalin 75 mg/day", "betamethasone 4 mg/day",
                    "olanzapine 2.5 mg po at night", "fentanyl 25 mcg/h td q72h",
                    "morphine 10 mg/day sc continuous", "hydromorphone 1 mg/h sc continuous",
                    "methadone 5 mg po q8h", "codeine 15 mg po 4x/day",
                    "1 tab oxycodone er 30 mg po q12h", "ketorolac 30 mg iv q6h for 7 days"):
        assert example in shown, example


@pytest.mark.parametrize("row", PARSE, ids=[_code(row[0]) for row in PARSE])
def test_each_example_parses_to_the_daily_amount_the_page_states(row):
    text, _, stated = row
    item = mpsdose.parse_item(_code(text))
    expected = {}
    for part in stated.split(";"):
        drug, _, amount = part.strip().partition(" ")
        expected[drug] = None if amount == "not known" else float(amount)
    got = {ingredient.drug.name: item.daily(ingredient) for ingredient in item.ingredients}
    assert got.keys() == expected.keys()
    for drug, amount in expected.items():
        if amount is None:
            assert got[drug] is None, drug
        else:
            assert got[drug] == pytest.approx(amount), drug
    assert mpsdose.parse_item(item.format()) == item, "and it formats back to an equal item"


@pytest.mark.parametrize("row", REFUSE, ids=[_code(row[0]) for row in REFUSE])
def test_each_refused_example_raises_the_error_the_page_names(row):
    text, error, _ = row
    expected = getattr(errors, _code(error))
    with pytest.raises(expected) as raised:
        mpsdose.parse_item(_code(text))
    assert type(raised.value) is expected
    assert _code(text) in str(raised.value), "the message names the item"


def _modules() -> list[str]:
    names = [mpsdose.__name__]
    for info in pkgutil.walk_packages(mpsdose.__path__, prefix="mpsdose."):
        if info.name not in ("mpsdose.batch", "mpsdose.fhir"):  # re-exports of io.*
            names.append(info.name)
    return names


@pytest.mark.parametrize("name", _modules())
def test_the_docstring_examples_hold(name, monkeypatch):
    """Every ``>>>`` example in a docstring runs and prints what it says (from the repository
    root, where the examples' files are)."""
    monkeypatch.chdir(ROOT)
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_the_contract_page_regimen_file_loads_as_it_says():
    text = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", text, re.S)
    assert block, "the contract page shows a regimen file"
    regimen = mpsdose.loads(block.group(1), "toml")
    assert isinstance(regimen, mpsdose.Regimen)
    assert [item.name for item in regimen] == ["oxycodone", "oxycodone", "acetaminophen"]
    assert regimen.items[2].daily() == 4000.0
    assert (regimen.patient.age, regimen.patient.weight_kg, regimen.patient.crcl_ml_min) == (
        60, 55, 80)
