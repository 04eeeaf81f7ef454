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


def test_main_called_with_arguments_leaves_the_callers_objects_to_the_collector(runner):
    """Start-up is frozen out of the garbage collector's way once per process; the freeze at the
    end of a run is the program's own (the console script), never a caller's ``main(args)``:
    a process that calls it many times (a test suite, a server) keeps collecting its garbage."""
    import gc

    assert runner.invoke(main, ["total", "oxycodone 20 mg/day"]).exit_code == 0
    frozen = gc.get_freeze_count()
    assert frozen > 0
    assert runner.invoke(main, ["total", "oxycodone 20 mg/day"]).exit_code == 0
    assert gc.get_freeze_count() == frozen


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
        "value": 4.0, "unit": "g/day", "mg_per_day": 4000.0, "complete": True, "not_counted": [],
        "once_mg": 0.0}


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


@pytest.mark.parametrize("command", ["total", "check"])
def test_a_release_that_contradicts_its_brand_is_one_line_naming_both(runner, command):
    result = runner.invoke(main, [command, "oxycontin ir 10 mg po q12h"])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert "'ir'" in lines[0] and "'oxycontin'" in lines[0]
    assert "extended-release" in lines[0]


def test_a_brand_sets_the_release_and_a_numbered_name_reads(runner):
    result = runner.invoke(main, ["total", "--json", "oxycontin 10 mg po q12h",
                                  "polyethylene glycol 3350 17 g po daily"])
    assert result.exit_code == 0, result.output
    first, second = json.loads(result.output)["items"]
    assert (first["drug"], first["item"]) == ("oxycodone", "oxycodone er 10 mg po q12h")
    assert second["drug"] == "macrogol"
    assert second["daily_dose"] == {"value": 17.0, "unit": "g/day"}


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


def test_total_json_has_the_contract_ome_keys(runner):
    result = runner.invoke(main, ["total", "--json", "oxycodone er 10 mg po q12h",
                                  "acetaminophen 1 g po qid"])
    document = json.loads(result.output)
    assert document["table"] == "cdc2022"
    oxycodone, acetaminophen = document["items"]
    assert oxycodone["ome_mg_per_day"] == pytest.approx(30.0)  # CONTRACT.md §2 example
    assert oxycodone["factor"] == 1.5
    assert oxycodone["factor_unit"] == "mg OME per mg/day"
    assert "CDC" in oxycodone["source"]
    assert acetaminophen["ome_mg_per_day"] is None and acetaminophen["factor"] is None
    assert acetaminophen["daily_dose"] == {"value": 4.0, "unit": "g/day"}
    assert document["total_ome_mg_per_day"] == pytest.approx(30.0)
    assert document["total_ome_mg_per_day_with_prn"] == pytest.approx(30.0)
    assert len(document["table_info"]["content_hash"]) == 64
    (by_route,) = document["ome_by_drug_route"]
    assert by_route == {"drug": "oxycodone", "route": "oral", "ome_mg_per_day_with_prn": 30.0,
                        "ome_lower_bound_mg_per_day_with_prn": 30.0,
                        "ome_range_mg_per_day_with_prn": None}


def test_total_json_no_factor_is_null(runner):
    result = runner.invoke(main, ["total", "--json", "buprenorphine 10 mcg/h td"])
    document = json.loads(result.output)
    assert document["items"][0]["ome_mg_per_day"] is None
    assert document["total_ome_mg_per_day"] is None
    assert "no-factor" in {f["code"] for f in document["findings"]}


def test_total_with_table_and_table_file(runner, tmp_path):
    result = runner.invoke(main, ["total", "--json", "--table", "cms2018", "tramadol 200 mg/day"])
    assert json.loads(result.output)["total_ome_mg_per_day"] == pytest.approx(20)
    path = tmp_path / "mine.csv"
    path.write_text("table,drug,route,form,unit,factor,source\n"
                    "local,tramadol,oral,,mg/day,0.25,our formulary\n")
    result = runner.invoke(main, ["total", "--json", "--table-file", str(path),
                                  "tramadol 200 mg/day"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["total_ome_mg_per_day"] == pytest.approx(50)


def test_unknown_table_is_exit_2(runner):
    result = runner.invoke(main, ["total", "--table", "cdc2099", "tramadol 200 mg/day"])
    assert result.exit_code == 2
    assert "cdc2099" in result.output and "cdc2022" in result.output


def test_bad_table_file_is_exit_2_with_line(runner, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("table,drug,route,form,unit,factor,source\nlocal,tramadol,oral,,mg,0.25,x\n")
    result = runner.invoke(main, ["total", "--table-file", str(path), "tramadol 200 mg/day"])
    assert result.exit_code == 2
    assert f"{path}:2" in result.output


def test_tables_command(runner):
    result = runner.invoke(main, ["tables", "--json"])
    ids = {t["id"] for t in json.loads(result.output)["tables"]}
    assert {"cdc2022", "cdc2016", "nihheal", "anzca2021"} <= ids
    result = runner.invoke(main, ["tables", "--rows", "cdc2016"])
    assert result.exit_code == 0
    assert "methadone" in result.output


def test_thresholds_option(runner):
    result = runner.invoke(main, ["total", "--json", "--thresholds", "cdc2016",
                                  "oxycodone 80 mg/day"])
    codes = {f["code"] for f in json.loads(result.output)["findings"]}
    assert "ome-threshold-cdc2016" in codes


# One malformed command of each kind: one clear line on stderr naming the input, exit 2.
MALFORMED_COMMANDS = [
    (["total", "oxycodne 5 mg po bid"], "oxycodne"),
    (["total", "oxycodone 5 furlongs po bid"], "furlongs"),
    (["total", "fentanyl 25 mg/h td"], "mg/h"),
    (["total", "oxycodone -5 mg po bid"], "-5"),
    (["total", "oxycodone 0 mg po bid"], "zero"),
    (["total", "oxycodone nan mg po bid"], "nan"),
    (["total", "oxycodone 1000000 mg po bid"], "1000000"),
    (["total", "-f", "no-such-file.toml"], "no-such-file.toml"),
    (["total", "--table", "nosuchtable", "oxycodone 20 mg/day"], "nosuchtable"),
    (["convert", "oxycodone 20 mg/day"], "--to"),
    (["convert", "oxycodone 20 mg/day", "--to", "unobtainium po"], "unobtainium"),
    (["methadone", "oxycodone 20 mg/day", "--method", "guess"], "guess"),
    (["check", "oxycodone 20 mg/day", "--hepatic", "awful"], "awful"),
    (["check", "oxycodone 20 mg/day", "--weight", "nan"], "nan"),
    (["check", "oxycodone 20 mg/day", "--age", "-3"], "--age"),
    (["total", "oxycodone 20 mg/day", "--format", "nope"], "nope"),
    (["total", "oxycodone 1e3 mg/day"], "1e3"),
    (["total", "--bogus"], "--bogus"),
    (["prescribe", "oxycodone 20 mg/day"], "prescribe"),
]


@pytest.mark.parametrize(("args", "named"), MALFORMED_COMMANDS,
                         ids=[" ".join(a) for a, _ in MALFORMED_COMMANDS])
def test_malformed_commands_fail_cleanly(runner, args, named):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines  # click's usage errors too: no usage block
    assert lines[0].startswith("mpsdose: error: ")
    assert named in lines[0]


def test_bad_toml_is_one_line_on_stderr(runner, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("items = [\n")
    result = runner.invoke(main, ["total", "-f", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0]


def test_every_command_has_a_worked_example_in_its_help(runner):
    for command in ("total", "convert", "methadone", "check", "compare", "tables"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output and "mpsdose " + command in result.output


def test_json_has_no_colour(runner):
    result = runner.invoke(main, ["check", "acetaminophen 1 g po q4h", "--json"], color=True)
    assert "\x1b[" not in result.stdout
    json.loads(result.stdout)


def test_colour_only_when_asked_for(runner):
    plain = runner.invoke(main, ["check", "acetaminophen 1 g po q4h"])
    coloured = runner.invoke(main, ["check", "acetaminophen 1 g po q4h"], color=True)
    assert "\x1b[" not in plain.stdout
    assert "\x1b[" in coloured.stdout


def test_strict_exits_1_on_an_error_finding(runner, tmp_path):
    path = tmp_path / "naive.toml"
    path.write_text('items = ["morphine 90 mg/day"]\n[patient]\nopioid_tolerant = false\n')
    args = ["convert", "-f", str(path), "--to", "fentanyl patch"]
    assert runner.invoke(main, args).exit_code == 0
    strict = runner.invoke(main, [*args, "--strict", "--json"])
    assert strict.exit_code == 1
    assert "patch-opioid-naive" in {f["code"] for f in json.loads(strict.stdout)["findings"]}
    assert runner.invoke(main, ["total", "--strict", "oxycodone 20 mg/day"]).exit_code == 0


# -- Japanese prescriptions and --market jp ----------------------------------------------------------
def test_a_japanese_prescription_is_echoed_as_written_and_read_in_english(runner):
    written = "オキシコンチンTR錠10mg　1回1錠　1日2回"
    result = runner.invoke(main, ["total", "--json", written])
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.output)["items"]
    assert item["input"] == written
    assert item["drug"] == "oxycodone" and item["daily_dose"] == {"value": 20.0, "unit": "mg/day"}


def test_an_unreadable_japanese_prescription_is_one_line_and_exit_2(runner):
    result = runner.invoke(main, ["total", "フェントステープ3mg 1枚 1日1回"])
    assert result.exit_code == 2
    assert "patch_products.csv" in result.stderr and "Traceback" not in result.output


def test_check_market_jp_names_the_labels(runner):
    args = ["check", "--json", "--market", "jp", "トラマールOD錠50mg 1回3錠 1日3回"]
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output  # 150 mg a dose, 450 mg/day: above the label
    document = json.loads(result.output)
    assert document["market"] == "jp"
    (label,) = [f for f in document["findings"] if f["code"] == "tramadol-above-max"]
    assert "JP source" in label["message"] and "igaku-shoin" in label["source"]
    plain = json.loads(runner.invoke(main, [a for a in args if a not in ("--market", "jp")]).output)
    assert not any("JP source" in f["message"] for f in plain["findings"]
                   if f["code"] == "tramadol-above-max")


def test_convert_and_methadone_market_jp(runner):
    result = runner.invoke(main, ["convert", "--json", "--market", "jp", "--to", "fentanyl patch",
                                  "オキシコンチンTR錠20mg 1回1錠 1日2回"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["result"]["daily_dose"]["value"] == 25
    assert "fentos-insert" in json.dumps(document["result"]["steps"], ensure_ascii=False)
    result = runner.invoke(main, ["methadone", "--json", "--market", "jp", "morphine 200 mg/day"])
    assert result.exit_code == 0, result.output
    methods = {m["method"]: m for m in json.loads(result.output)["methods"]}
    assert methods["jp-label"]["daily_dose_mg"] == 30


def test_total_table_jspm2020_says_why_it_has_no_rows(runner):
    result = runner.invoke(main, ["total", "morphine 60 mg/day", "--table", "jspm2020"])
    assert result.exit_code == 2
    assert "no rows" in result.stderr and "jspm2010" in result.stderr


# -- serve ---------------------------------------------------------------------------------------
def test_serve_options_are_checked_before_it_starts(runner, tmp_path, monkeypatch):
    import mpsdose.serve

    started = []
    monkeypatch.setattr(mpsdose.serve, "start", lambda **kwargs: started.append(kwargs))
    result = runner.invoke(main, ["serve", "--jwks", "keys.json"])
    assert result.exit_code == 2 and "--allowed-issuer" in result.output
    result = runner.invoke(main, ["serve", "--allowed-issuer", "https://ehr.example"])
    assert result.exit_code == 2 and "--jwks" in result.output
    result = runner.invoke(main, ["serve", "--port", "70000"])
    assert result.exit_code == 2
    assert runner.invoke(main, ["serve", "--port", "8123"]).exit_code == 0
    assert started == [{"host": "127.0.0.1", "port": 8123, "jwks": None, "issuers": (),
                        "public_url": None, "cors_origins": (), "access_log": False,
                        "knowledge": None}]


def test_serve_with_a_bad_jwks_file_is_one_line(runner, tmp_path):
    pytest.importorskip("starlette")
    bad = tmp_path / "jwks.json"
    bad.write_text("{}")
    result = runner.invoke(main, ["serve", "--jwks", str(bad), "--allowed-issuer", "x"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "JWK Set" in result.output


def test_serve_without_its_extra_says_how_to_install_it(runner, monkeypatch):
    import mpsdose.serve

    monkeypatch.setattr(mpsdose.serve, "missing_requirements", lambda: ["starlette"])
    result = runner.invoke(main, ["serve"])
    assert result.exit_code == 2
    assert 'pip install "mpsdose[serve]"' in result.output and "starlette" in result.output


# -- mpsdose read ---------------------------------------------------------------------------------

_PARAGRAPH = Path(__file__).parent.parent / "examples" / "case-report-paragraph.txt"


def test_read_prints_a_table_per_state_and_the_findings(runner):
    result = runner.invoke(main, ["read", str(_PARAGRAPH), "--format", "simple"])
    assert result.exit_code == 0, result.output
    assert "State 3: fentanyl increased" in result.stdout
    assert "1000 mcg/h" in result.stdout and "carried-forward" in result.stdout


def test_read_json_spans_are_the_words_of_the_text(runner):
    text = _PARAGRAPH.read_text(encoding="utf-8")
    result = runner.invoke(main, ["read", "-", "--json"], input=text)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    items = [item for state in document["states"] for item in state["items"]]
    assert items and all(text[i["span"][0]:i["span"][1]] == i["as_written"] for i in items)
    last = document["states"][-1]
    assert last["total_ome_mg_per_day"] == 2400  # 1000 mcg/h × 2.4 (cdc2022)
    assert {i["drug"]: i["daily_dose"] for i in last["items"]}["fentanyl"] == {
        "value": 1000, "unit": "mcg/h"}


def test_read_writes_a_course_file_the_other_commands_read(runner, tmp_path):
    course = tmp_path / "case.toml"
    result = runner.invoke(main, ["read", str(_PARAGRAPH), "-o", str(course)])
    assert result.exit_code == 0, result.output
    compare = runner.invoke(main, ["compare", str(course), "--json"])
    assert compare.exit_code == 0, compare.output
    states = json.loads(compare.stdout)["states"]
    assert len(states) == 3
    total = runner.invoke(main, ["total", "-f", str(course), "--json"])
    assert json.loads(total.stdout)["total_ome_mg_per_day"] == 2400


def test_read_refusals_are_one_line_exit_2(runner, tmp_path):
    missing = runner.invoke(main, ["read", str(tmp_path / "nowhere.txt")])
    assert missing.exit_code == 2 and missing.stderr.startswith("mpsdose: error:")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("morphine 10 mg q4h, caf\xe9".encode("latin-1"))
    assert runner.invoke(main, ["read", str(latin)]).exit_code == 2
    wrong = runner.invoke(main, ["read", str(_PARAGRAPH), "-o", str(tmp_path / "case.txt")])
    assert wrong.exit_code == 2
    empty = runner.invoke(main, ["read", "-", "-o", str(tmp_path / "c.toml")], input="No drugs.")
    assert empty.exit_code == 2 and "no regimen" in empty.stderr
    assert not (tmp_path / "c.toml").exists()
    table = runner.invoke(main, ["read", str(_PARAGRAPH), "--table", "nosuch"])
    assert table.exit_code == 2


def test_read_with_no_regimen_says_so(runner):
    result = runner.invoke(main, ["read", "-"], input="A 61 year old woman, NRS 7/10.")
    assert result.exit_code == 0
    assert "No regimen found" in result.stdout


def test_python_dash_m_runs_the_same_command_line():
    """``python -m mpsdose`` is the ``mpsdose`` script: same program name, same commands."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "mpsdose", "total", "--json", "morphine 10 mg po q4h"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total_ome_mg_per_day"] == 60  # oral morphine: its own equivalent
    usage = subprocess.run([sys.executable, "-m", "mpsdose", "nonsense"],
                           capture_output=True, text=True, check=False)
    assert usage.returncode == 2
    assert usage.stderr.startswith("mpsdose: error: ")  # the program is named, not __main__.py
