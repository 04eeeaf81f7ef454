"""compare: two regimens side by side, a course as a timeline, and its picture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mpsdose import Regimen, load
from mpsdose.cli import main
from mpsdose.clinical.compare import compare, timeline

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_changes_started_stopped_and_percent():
    before = Regimen.parse(["oxycodone 20 mg/day", "naproxen 300 mg/day", "tramadol 200 mg/day"])
    after = Regimen.parse(["oxycodone 60 mg/day", "naproxen 300 mg/day",
                           "betamethasone 4 mg/day"])
    result = {c.drug: c for c in compare(before, after).changes}
    assert result["oxycodone"].status == "changed"
    assert result["oxycodone"].change_pct == pytest.approx(200)  # 20 → 60 mg/day
    assert result["naproxen"].status == "unchanged"
    assert result["tramadol"].status == "stopped"
    assert result["betamethasone"].status == "started"
    assert result["betamethasone"].change_pct is None


def test_unknown_dose_is_not_a_percentage():
    before = Regimen.parse(["oxycodone 20 mg/day"])
    after = Regimen.parse(["oxycodone iv continuous dose unknown"])
    (change,) = compare(before, after).changes
    assert change.status == "unknown" and change.change_pct is None


def test_course_timeline_of_takamatsu_case_1():
    line = timeline(load(EXAMPLES / "takamatsu2018-case1.toml"))
    assert line.labels == ["outpatient", "admission", "titrated"]
    last = {c.drug: c for c in line.steps[2].changes}
    assert last["oxycodone"].change_pct == pytest.approx(200)
    assert last["betamethasone"].status == "started"
    # CDC 2022: oxycodone 60 mg/day × 1.5 = 90 mg/day OME
    assert line.steps[2].ome_after.value == pytest.approx(90)


def test_cli_compare_two_files_json(runner, tmp_path):
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text('label = "before"\nitems = ["oxycodone 20 mg/day"]\n')
    b.write_text('label = "after"\nitems = ["oxycodone 30 mg/day", "pregabalin 75 mg/day"]\n')
    result = runner.invoke(main, ["compare", str(a), str(b), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    changes = {c["drug"]: c for c in document["changes"]}
    assert changes["oxycodone"]["change_pct"] == pytest.approx(50)
    assert changes["oxycodone"]["before"]["value"] == 20
    assert changes["pregabalin"]["status"] == "started"
    assert document["total_ome_before_mg_per_day"] == pytest.approx(30)
    assert document["total_ome_after_mg_per_day"] == pytest.approx(45)


def test_cli_compare_course_json_and_errors(runner, tmp_path):
    result = runner.invoke(main, ["compare", str(EXAMPLES / "takamatsu2018-case3.toml"),
                                  "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert [s["label"] for s in document["states"]] == ["initial", "switch"]
    assert document["states"][1]["total_ome_mg_per_day"] is None  # IV fentanyl, dose unknown
    single = tmp_path / "one.toml"
    single.write_text('items = ["oxycodone 20 mg/day"]\n')
    result = runner.invoke(main, ["compare", str(single)])
    assert result.exit_code == 2


def test_plot_is_a_png(runner, tmp_path):
    pytest.importorskip("matplotlib")
    target = tmp_path / "case1.png"
    result = runner.invoke(main, ["compare", str(EXAMPLES / "takamatsu2018-case1.toml"),
                                  "--plot", str(target)])
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000


@pytest.mark.parametrize(("name", "words"), [("case1.txt", "not supported"),
                                             ("case1", "extension")])
def test_plot_to_a_name_matplotlib_cannot_write_is_one_line(runner, tmp_path, name, words):
    pytest.importorskip("matplotlib")
    result = runner.invoke(main, ["compare", str(EXAMPLES / "takamatsu2018-case1.toml"),
                                  "--plot", str(tmp_path / name)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("mpsdose: error: ") and words in lines[0]
    assert list(tmp_path.iterdir()) == []  # nothing written under another name
