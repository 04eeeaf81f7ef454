"""The CLI: output, --json, exit codes and one-line errors (CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mpsdose import __version__
from mpsdose.cli import main

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_total_table(runner):
    result = runner.invoke(main, ["total", "oxycodone er 10 mg po q12h", "acetaminophen 1 g po qid"])
    assert result.exit_code == 0, result.output
    assert "20 mg/day" in result.output
    assert "4 g/day" in result.output


def test_total_json(runner):
    result = runner.invoke(main, ["total", "--json", "oxycodone er 10 mg po q12h"])
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert document["schema"] == "mpsdose/1"
    (item,) = document["items"]
    assert item["input"] == "oxycodone er 10 mg po q12h"
    assert item["drug"] == "oxycodone"
    assert item["route"] == "oral"
    assert item["prn"] is False
    assert item["daily_dose"] == {"value": 20.0, "unit": "mg/day"}
    assert isinstance(document["findings"], list)


def test_total_from_course_file_state(runner):
    path = EXAMPLES / "takamatsu2018-case1.toml"
    result = runner.invoke(main, ["total", "-f", str(path), "--state", "admission", "--json"])
    assert result.exit_code == 0, result.output
    drugs = {d["drug"]: d for d in json.loads(result.output)["drugs"]}
    assert drugs["oxycodone"]["scheduled"]["value"] == 20
    assert drugs["acetaminophen"]["scheduled"] == {
        "value": 4.0, "unit": "g/day", "mg_per_day": 4000.0, "complete": True, "not_counted": []}


def test_items_and_file_combine_and_stdin(runner):
    text = 'items = ["oxycodone 20 mg/day"]\n'
    result = runner.invoke(main, ["total", "-f", "-", "--json", "oxycodone 10 mg/day"], input=text)
    assert result.exit_code == 0, result.output
    (drug,) = json.loads(result.output)["drugs"]
    assert drug["scheduled"]["value"] == 30


BAD = [
    (["total", "oxycodne 5 mg po bid"], "oxycodne"),
    (["total", "fentanyl 25 mg/h td"], "mcg/h"),
    (["total", "oxycodone -5 mg po bid"], "negative"),
    (["total", "oxycodone 0 mg po bid"], "zero"),
    (["total", "oxycodone nan mg po bid"], "nan"),
    (["total", "oxycodone 1000000 mg po bid"], "implausibly"),
    (["total", "-f", "does-not-exist.toml"], "does-not-exist.toml"),
    (["total"], "give items"),
    (["drugs", "--class", "nonsense"], "nonsense"),
]


@pytest.mark.parametrize(("args", "words"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_is_one_line_and_exit_2(runner, args, words):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert words in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_bad_toml_file(runner, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("items = [")
    result = runner.invoke(main, ["total", "-f", str(path)])
    assert result.exit_code == 2
    assert "bad TOML" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_drugs(runner):
    result = runner.invoke(main, ["drugs", "--class", "opioid", "--json"])
    assert result.exit_code == 0
    names = {d["drug"] for d in json.loads(result.output)["drugs"]}
    assert {"morphine", "oxycodone", "fentanyl", "methadone"} <= names
    assert "acetaminophen" not in names
