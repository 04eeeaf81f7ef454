"""Rules of fixleft (the first-use audit, finding 14).

- A single dose (``stat``, ``once``) in ``total`` is one dose: its row shows the dose and "once",
  never "no maximum stated"; the day's totals count it on the day it is given (as ``check``
  counts a single dose against a day's maximum) and say so (``once_mg``, "incl. … once",
  ``single_doses_counted``). ``Item.daily`` keeps None for it, and the checks' OME leaves it out
  as before: nothing is counted twice.
- ``batch --json`` prints a summary (counts by status, files, the table used) that validates
  against ``mpsdose schema batch``; its counts are the output file's.

Each rule is stated in general, on several inputs.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mpsdose import Regimen, daily_totals, oral_morphine_equivalent, parse_item
from mpsdose.cli import main
from mpsdose.clinical.summary import summarize
from mpsdose.present.contract import json_schema
from mpsdose.present.report import summary_json, summary_tables

jsonschema = pytest.importorskip("jsonschema")


# -- single doses in total ------------------------------------------------------------------
@pytest.mark.parametrize(("text", "dose", "shown"), [
    ("morphine 10 mg sc stat", 10.0, "10 mg once"),
    ("oxycodone 5 mg po once", 5.0, "5 mg once"),
    ("haloperidol 1.5 mg sc stat", 1.5, "1.5 mg once"),
    ("dexamethasone 8 mg iv stat", 8.0, "8 mg once"),
], ids=["morphine-sc", "oxycodone-po", "haloperidol", "dexamethasone"])
def test_a_single_dose_is_shown_as_that_dose_once(text: str, dose: float, shown: str) -> None:
    totals = daily_totals(Regimen.parse([text]))
    row = totals.items[0]
    assert row.item.daily() is None  # the model's meaning is unchanged
    assert row.daily.once_mg == pytest.approx(dose)
    assert row.daily.complete and row.daily.format() == shown
    drug = totals.drugs[0]
    assert drug.scheduled.format() == shown
    assert "no maximum" not in drug.scheduled.format()


@pytest.mark.parametrize(("items", "scheduled"), [
    (["morphine 10 mg sc stat", "morphine 10 mg po q4h"], "70 mg/day (incl. 10 mg once)"),
    (["morphine 5 mg sc stat", "morphine 2.5 mg sc stat", "morphine 10 mg po q4h"],
     "67.5 mg/day (incl. 7.5 mg once)"),
    (["morphine 10 mg po q4h"], "60 mg/day"),
], ids=["one-stat", "two-stats", "no-stat"])
def test_the_day_holds_its_single_doses_and_says_so(items: list[str], scheduled: str) -> None:
    drug = daily_totals(Regimen.parse(items)).drug("morphine")
    assert drug.scheduled.format() == scheduled


def test_a_prn_with_no_maximum_is_still_not_counted() -> None:
    drug = daily_totals(Regimen.parse(["morphine 10 mg sc prn"])).drug("morphine")
    assert not drug.with_prn.complete and drug.with_prn.once_mg == 0
    assert drug.with_prn.format() == "no maximum stated"


@pytest.mark.parametrize(("items", "with_once", "without"), [
    (["morphine 10 mg sc stat"], 20.0, None),
    (["morphine 10 mg sc stat", "morphine 10 mg po q4h"], 80.0, None),
    (["morphine 10 mg po q4h"], 60.0, 60.0),
], ids=["stat-alone", "stat-and-regular", "regular"])
def test_the_ome_of_a_single_dose_only_where_asked(items: list[str], with_once: float,
                                                  without: float | None) -> None:
    regimen = Regimen.parse(items)
    counted = oral_morphine_equivalent(regimen, "spcg", count_once=True)
    plain = oral_morphine_equivalent(regimen, "spcg")  # what the checks see: unchanged
    assert counted.scheduled.value == pytest.approx(with_once)
    assert plain.scheduled.value == (None if without is None else pytest.approx(without))
    # never both: the single dose is counted at most once in either sum
    if without is None:
        assert (plain.scheduled.known_value or 0.0) == pytest.approx(with_once - 20.0)


def test_total_tables_and_json_say_once() -> None:
    summary = summarize(Regimen.parse(["morphine 10 mg sc stat", "morphine 10 mg po q4h"]),
                        "spcg")
    items, drugs, ome = summary_tables(summary)
    stat = items[2][0]
    assert stat[5] == "once" and stat[6] == "10 mg once" and stat[7] == "20 mg once"
    assert drugs[2][0][3] == "70 mg/day (incl. 10 mg once)"
    assert any("incl. single doses" in row[0] for row in ome[2])
    document = summary_json(summary)
    jsonschema.validate(document, json_schema("total"))
    assert [i["once"] for i in document["items"]] == [True, False]
    assert document["single_doses_counted"] == ["morphine 10 mg sc stat"]
    assert document["drugs"][0]["scheduled"]["once_mg"] == pytest.approx(10.0)
    assert document["total_ome_mg_per_day"] == pytest.approx(80.0)


def test_check_still_counts_a_single_dose_apart() -> None:
    # the corticosteroid check speaks of a single dose itself; Item.daily did not change
    item = parse_item("dexamethasone 8 mg iv stat")
    assert item.daily() is None and item.per_dose() == pytest.approx(8.0)


# -- batch --json ---------------------------------------------------------------------------
_ROWS = [
    ["1", "oxycodone", "oral", "10", "mg", "2", "30"],
    ["1", "morphine", "oral", "10", "mg", "6", "30"],
    ["2", "fentanyl", "transdermal", "25", "mcg/h", "1", "30"],
    ["3", "blargh", "oral", "5", "mg", "2", "30"],
    ["4", "oxycodone", "oral", "-5", "mg", "2", "30"],
]


def _input(tmp_path: Path) -> Path:
    path = tmp_path / "in.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["patient_id", "drug", "route", "dose", "unit", "doses_per_day",
                         "days_supply"])
        writer.writerows(_ROWS)
    return path


@pytest.mark.parametrize("args", [[], ["--per-patient"], ["--table", "nihheal"]],
                         ids=["rows", "per-patient", "table"])
def test_batch_json_validates_and_counts_the_output_file(tmp_path: Path,
                                                         args: list[str]) -> None:
    pytest.importorskip("polars")
    source, out = _input(tmp_path), tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "--json", *args])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, json_schema("batch"))
    with out.open(newline="") as handle:
        written = list(csv.DictReader(handle))
    counted: dict[str, int] = {}
    for row in written:
        counted[row["status"]] = counted.get(row["status"], 0) + 1
    assert document["statuses"] == dict(sorted(counted.items()))
    assert document["rows"] == len(written)
    assert document["mode"] == ("per-patient" if args == ["--per-patient"] else "rows")
    assert document["table"] == ("nihheal" if "nihheal" in args else "cdc2022")
    assert document["output"] == str(out)


def test_batch_without_json_prints_nothing_on_stdout(tmp_path: Path) -> None:
    pytest.importorskip("polars")
    source, out = _input(tmp_path), tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
