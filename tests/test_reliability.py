"""Regressions of issue 14: every accepted input read right, every refused one refused cleanly,
no row and no file lost. One test (or a table of them) per defect class; the generated-input
suite over every surface is ``tests/test_fuzz.py``."""

from __future__ import annotations

import datetime
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

import mpsdose
from mpsdose import (
    ArgumentError,
    DoseError,
    ItemSyntaxError,
    MpsdoseError,
    RegimenFileError,
    parse_item,
)
from mpsdose.cli import main
from mpsdose.model.guards import (
    MAX_FILE_BYTES,
    MAX_ITEM_CHARS,
    MAX_ITEMS,
    MAX_NESTING,
    MAX_NUMBER_DIGITS,
    MAX_STATES,
)

pl = pytest.importorskip("polars")

from mpsdose.io.batch import (  # noqa: E402
    BatchError,
    batch_mme,
    check_paths,
    per_patient,
    read_table,
    run_in_chunks,
    write_table,
)

HEADER = "patient_id,drug,route,dose,unit,doses_per_day,days_supply\n"


def _csv(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def _one_error_line(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


# -- data loss ------------------------------------------------------------------------------------
@pytest.mark.parametrize("output", ["rx.csv", "./rx.csv", "link.csv"])
def test_batch_refuses_to_write_onto_its_input(runner, tmp_path, output):
    source = _csv(tmp_path / "rx.csv", ["1,oxycodone,oral,5,mg,4,30"])
    (tmp_path / "link.csv").symlink_to(source)
    before = source.read_bytes()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = runner.invoke(main, ["batch", "rx.csv", "-o", output])
        per = runner.invoke(main, ["batch", "rx.csv", "-o", output, "--per-patient"])
    finally:
        os.chdir(cwd)
    for outcome in (result, per):
        assert outcome.exit_code == 2
        assert "input file" in _one_error_line(outcome)
    assert source.read_bytes() == before


def test_a_parquet_input_is_refused_as_its_own_output(tmp_path):
    source = tmp_path / "rx.parquet"
    pl.DataFrame({"drug": ["oxycodone"], "dose": [5.0], "unit": ["mg"],
                  "doses_per_day": [4.0]}).write_parquet(source)
    with pytest.raises(BatchError, match="input file"):
        run_in_chunks(read_table(source), str(source), None, 1000, input_path=source)
    with pytest.raises(BatchError, match="input file"):
        check_paths(source, tmp_path / "." / "rx.parquet")
    assert pl.read_parquet(source).height == 1


def test_a_failure_midway_leaves_no_output_and_keeps_the_old_one(tmp_path, monkeypatch):
    import mpsdose.io.batch as batch

    source = _csv(tmp_path / "rx.csv", [f"{i},oxycodone,oral,5,mg,4,30" for i in range(3000)])
    target = tmp_path / "out.csv"
    target.write_text("the previous output\n")
    real = batch.batch_mme
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "batch_mme", failing)
    with pytest.raises(RuntimeError):
        run_in_chunks(read_table(source), str(target), None, 1000)
    assert target.read_text() == "the previous output\n"
    assert [p.name for p in tmp_path.iterdir()] == sorted(["rx.csv", "out.csv"]) or \
        sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "rx.csv"]


def test_written_outputs_are_ordinary_files(tmp_path):
    frame = pl.DataFrame({"drug": ["oxycodone"], "dose": [5.0], "unit": ["mg"],
                          "doses_per_day": [4.0], "days_supply": [3.0], "patient_id": [1]})
    target = tmp_path / "out.parquet"
    write_table(batch_mme(frame), target)
    mode = target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.parquet"]


@pytest.mark.parametrize("late", ["7.5", "x", "1e3", ""], ids=["float", "text", "exponent",
                                                                  "empty"])
def test_csv_cell_types_changing_after_the_first_rows_lose_no_row(runner, tmp_path, late):
    rows = [f"{i},oxycodone,oral,5,mg,4,30" for i in range(10_050)]
    rows[10_020] = f"10020,oxycodone,oral,{late},mg,4,30"
    source = _csv(tmp_path / "rx.csv", rows)
    target = tmp_path / "out.csv"
    result = runner.invoke(main, ["batch", str(source), "-o", str(target), "--chunk-rows",
                                  "1000"])
    assert result.exit_code == 0, result.output
    out = pl.read_csv(target, infer_schema=False)
    assert out.height == 10_050
    assert out["patient_id"].to_list() == [str(i) for i in range(10_050)]
    assert set(out["status"][:10_020]) == {"ok"}
    expected = {"7.5": "ok", "x": "bad-dose", "1e3": "ok", "": "bad-dose"}[late]
    assert out["status"][10_020] == expected
    if late == "7.5":
        assert float(out["mme_per_day"][10_020]) == pytest.approx(7.5 * 4 * 1.5)


def test_csv_passes_unread_columns_through_as_written(tmp_path):
    source = _csv(tmp_path / "rx.csv", ["007,oxycodone,oral,5,mg,4,30,0012.50"],
                  header=HEADER.strip() + ",cost\n")
    target = tmp_path / "out.csv"
    run_in_chunks(read_table(source), str(target), None, 1000)
    out = pl.read_csv(target, infer_schema=False)
    assert out["patient_id"][0] == "007" and out["cost"][0] == "0012.50"


# -- accepted and wrong: batch --------------------------------------------------------------------
def _rows(**columns):
    base = {"patient_id": [1], "drug": ["oxycodone"], "route": ["oral"], "dose": [10.0],
            "unit": ["mg"], "doses_per_day": [2.0], "days_supply": [30.0]}
    base.update(columns)
    n = max(len(v) for v in base.values())
    return pl.DataFrame({k: (v * n if len(v) == 1 else v) for k, v in base.items()},
                        strict=False)


@pytest.mark.parametrize("per_day", [float("nan"), float("inf"), -float("inf"), 0.0, -2.0])
def test_batch_doses_per_day_not_a_positive_number_is_a_status(per_day):
    out = batch_mme(_rows(doses_per_day=[per_day]))
    assert out["status"][0] == "bad-frequency"
    assert out["mme_per_day"][0] is None and out["daily_dose"][0] is None


@pytest.mark.parametrize("days", [float("nan"), float("inf"), 0.0])
def test_batch_days_supply_not_a_positive_number_is_a_status(days):
    assert batch_mme(_rows(days_supply=[days]))["status"][0] == "missing-days-supply"


def test_batch_amount_per_day_is_not_multiplied_by_doses_per_day():
    out = batch_mme(_rows(unit=["mg/day", "mg/day", "mg/day"], dose=[20.0, 20.0, 20.0],
                          doses_per_day=[3.0, 1.0, None]))
    assert out["status"].to_list() == ["bad-frequency", "ok", "ok"]
    assert out["mme_per_day"].to_list()[1:] == [pytest.approx(30.0)] * 2  # 20 × 1.5, never × 3


def test_batch_patch_interval_is_not_a_multiplier():
    frame = pl.DataFrame({"patient_id": [1, 1], "drug": ["fentanyl"] * 2,
                          "route": ["transdermal"] * 2, "dose": [25.0, 25.0],
                          "unit": ["mcg/h"] * 2, "frequency": ["q72h", None],
                          "days_supply": [30.0, 30.0]})
    out = batch_mme(frame, "cdc2022")
    assert out["status"].to_list() == ["ok", "ok"]
    assert out["mme_per_day"].to_list() == [pytest.approx(60.0)] * 2  # CDC 2022: 25 × 2.4


@pytest.mark.parametrize("value", [datetime.date(2024, 1, 5), True,
                                   datetime.datetime(2024, 1, 5, 8)],
                         ids=["date", "bool", "datetime"])
def test_batch_parquet_dose_of_a_non_number_type_is_a_status(tmp_path, value):
    source = tmp_path / "rx.parquet"
    _rows(dose=[value]).write_parquet(source)
    out = batch_mme(read_table(source)).collect()
    assert out["status"][0] == "bad-dose"
    assert "dose column" in out["message"][0]
    assert out["mme_per_day"][0] is None


def test_batch_extra_columns_pass_through_and_change_nothing():
    plain = batch_mme(_rows())
    extra = _rows(_scale=[1000.0], status=["x"], message=["y"], factor=[9.0],
                  mme_per_day=[1.0], _mps_kd=["z"], status_input=["taken"])
    out = batch_mme(extra)
    assert out["mme_per_day"][0] == plain["mme_per_day"][0] == pytest.approx(30.0)
    assert out["status"][0] == "ok"
    assert out["_scale"][0] == 1000.0 and out["status_input2"][0] == "x"
    assert out["message_input"][0] == "y" and out["factor_input"][0] == 9.0
    assert out["status_input"][0] == "taken" and out["_mps_kd"][0] == "z"


def test_batch_frequency_q0h_is_a_row_status_not_a_refused_file():
    frame = pl.DataFrame({"patient_id": [1, 2], "drug": ["oxycodone"] * 2,
                          "route": ["oral"] * 2, "dose": [5.0, 5.0], "unit": ["mg"] * 2,
                          "frequency": ["q0h", "q6h"], "days_supply": [30.0, 30.0]})
    out = batch_mme(frame)
    assert out["status"].to_list() == ["bad-frequency", "ok"]


def test_batch_implausible_daily_total_is_a_status():
    out = batch_mme(_rows(dose=[35.0], unit=["g"], doses_per_day=[6.0]))  # 210 g a day
    assert out["status"][0] == "bad-dose"


def test_per_patient_whose_every_row_failed_has_no_total_not_zero():
    rows = batch_mme(pl.DataFrame({
        "patient_id": ["a", "a", "b", "b", "c"],
        "drug": ["unobtainium", "oxycodone", "oxycodone", "unobtainium", "acetaminophen"],
        "route": ["oral"] * 5, "dose": [5.0, -1.0, 10.0, 5.0, 500.0], "unit": ["mg"] * 5,
        "doses_per_day": [2.0] * 5, "days_supply": [10.0] * 5}))
    out = {r["patient_id"]: r for r in per_patient(rows).iter_rows(named=True)}
    assert out["a"]["status"] == "no-mme"
    assert all(out["a"][c] is None for c in ("total_mme", "total_days", "mme_def1", "mme_def4"))
    assert out["b"]["status"] == "incomplete" and out["b"]["total_mme"] == pytest.approx(300)
    assert "1 of 2" in out["b"]["message"]
    assert out["c"]["status"] == "ok" and out["c"]["total_mme"] == 0  # no opioid: a true 0


def test_batch_output_numbers_have_no_float_noise():
    out = batch_mme(_rows(dose=[0.1], doses_per_day=[3.0]))  # 0.1 × 3 = 0.30000000000000004
    assert out["daily_dose"][0] == 0.3


# -- accepted and wrong: the item language and the model ------------------------------------------
@pytest.mark.parametrize("frequency", ["q4-6h", "q6-4h", "q 6 - 4 h", "every 6-4 hours"])
def test_an_interval_range_is_read_as_its_shorter_interval(frequency):
    item = parse_item(f"oxycodone 5 mg po {frequency} prn")
    assert item.max_doses_per_day == pytest.approx(6)


@pytest.mark.parametrize("text", [
    "oxycodone 10 mg po q0.001h",  # 240,000 mg a day
    "oxycodone 10 mg po 24000x/day",
    "acetaminophen 2 g po q0.2h",  # 240 g a day
    "oxycodone 150 g po bid",  # 300 g a day
    "oxycodone 5 mg po prn max 50000/day",
])
def test_an_implausible_daily_total_is_refused(text):
    with pytest.raises(DoseError, match="implausibly large"):
        parse_item(text)


def test_an_interval_too_small_to_be_a_frequency_is_refused():
    with pytest.raises(MpsdoseError):
        parse_item("oxycodone 0.001 mg po q0." + "0" * 30 + "1h")


def test_check_refuses_an_implausible_total_at_the_cli(runner):
    result = runner.invoke(main, ["check", "oxycodone 10 mg po q0.001h"])
    assert result.exit_code == 2
    assert "implausibly large" in _one_error_line(result)


@pytest.mark.parametrize("text", [
    "oxycodone " + "1" * 900 + " mg po q4h",
    "oxycodone 1" + "0" * MAX_NUMBER_DIGITS + " mg po q4h",
    "oxycodone 5 mg po q" + "4" * 50 + "h",
    "oxycodone 5." + "1" * 60 + " mg po q4h",
])
def test_a_number_longer_than_any_dose_is_refused(text):
    with pytest.raises(ItemSyntaxError, match="too long"):
        parse_item(text)


def test_every_number_mpsdose_writes_reads_back():
    item = parse_item("acetaminophen 0.0029100000000000003 g po q4h")  # 17 digits, as repr
    assert parse_item(item.format()) == item


def test_an_item_longer_than_the_limit_is_refused():
    with pytest.raises(ItemSyntaxError, match=f"at most {MAX_ITEM_CHARS} characters"):
        parse_item("oxycodone 5 mg po q4h " + "x" * MAX_ITEM_CHARS)


def test_model_fields_of_the_wrong_type_are_refused_naming_the_field():
    item = parse_item("oxycodone 5 mg po q4h")
    import attrs

    with pytest.raises(ArgumentError, match="prn"):
        attrs.evolve(item, prn="false")
    with pytest.raises(ArgumentError, match="items"):
        mpsdose.Regimen(items=["oxycodone 5 mg po q4h"])
    with pytest.raises(ArgumentError, match="lines"):
        mpsdose.Regimen.parse("oxycodone 5 mg po q4h")
    with pytest.raises(ArgumentError):
        mpsdose.Schedule(mpsdose.ScheduleKind.INTERVAL, None)
    with pytest.raises(MpsdoseError):
        mpsdose.Dose(float("nan"), item.ingredients[0].dose.unit)


@pytest.mark.parametrize(("call", "argument"), [
    (lambda: mpsdose.daily_totals("oxycodone 20 mg/day"), "regimen"),
    (lambda: mpsdose.check(mpsdose.Regimen(), patient="no"), "patient"),
    (lambda: mpsdose.oral_morphine_equivalent(mpsdose.Regimen(), table=5), "table"),
    (lambda: mpsdose.convert(mpsdose.Regimen(), "morphine po", reduction="25%"), "reduction"),
    (lambda: mpsdose.titrate(mpsdose.Regimen(), rescue_used_mg=float("nan")), "rescue_used_mg"),
    (lambda: mpsdose.parse_item(b"oxycodone 5 mg"), "text"),
    (lambda: mpsdose.load(42), "path"),
    (lambda: mpsdose.loads("items = []", syntax=None), "syntax"),
    (lambda: mpsdose.methadone_switch(mpsdose.Regimen(), knowledge="data/"), "knowledge"),
])
def test_wrong_types_at_the_api_are_argument_errors_naming_the_argument(call, argument):
    with pytest.raises(ArgumentError, match=rf"\b{argument} must be") as caught:
        call()
    assert isinstance(caught.value, TypeError)
    assert caught.value.argument == argument


def test_an_unknown_market_is_refused_not_a_dose_of_nothing():
    with pytest.raises(MpsdoseError, match="market"):
        mpsdose.convert(mpsdose.Regimen.parse(["oxycodone 60 mg/day"]), "morphine po",
                        market="fr")


# -- accepted and wrong: regimen files ------------------------------------------------------------
ITEM = {"drug": "oxycodone", "dose": 5, "unit": "mg", "route": "po", "frequency": "q4h"}


@pytest.mark.parametrize(("change", "key"), [
    ({"prn": "false"}, "prn"),
    ({"prn": 0}, "prn"),
    ({"route": "po prn max 20/day"}, "route"),
    ({"drug": "oxycodone prn"}, "prn"),
    ({"drug": "oxycodone q6h"}, "schedule"),
    ({"frequency": "q4h prn"}, "frequency"),
    ({"unit": "mg q6h"}, "unit"),
    ({"form": "er prn"}, "form"),
    ({"dose": "5 mg po"}, "dose"),
    ({"dose": True}, "dose"),
    ({"max_prn_per_day": "4"}, "max_prn_per_day"),
    ({"duration_days": [7]}, "duration_days"),
    ({"extra": 1}, "items[0]"),
], ids=lambda v: json.dumps(v) if isinstance(v, dict) else v)
def test_each_key_of_an_item_table_holds_only_its_own_value(change, key):
    text = json.dumps({"items": [{**ITEM, **change}]})
    with pytest.raises(RegimenFileError) as caught:
        mpsdose.loads(text, "json")
    assert key in str(caught.value)


def test_an_item_table_reads_as_its_keys_say():
    table = {**ITEM, "prn": True, "max_prn_per_day": 4, "form": "ir"}
    (item,) = mpsdose.loads(json.dumps({"items": [table]}), "json").items
    assert item.prn and item.max_prn_per_day == 4 and item.release == "ir"
    assert item.daily() == pytest.approx(20.0)


@pytest.mark.parametrize(("text", "words"), [
    ('{"items": ["oxycodone 5 mg po q4h"], "items": []}', "twice"),
    ('{"label": "a", "label": "b"}', "twice"),
    ('{"patient": {"age": 1' + "0" * 400 + "}}", "too long"),
    ('{"items": [{"drug": "oxycodone", "dose": 1' + "0" * 400 + ', "unit": "mg"}]}', "too long"),
    ('{"items": [{"drug": "oxycodone", "dose": NaN, "unit": "mg"}]}', "NaN"),
    ('{"patient": {"age": Infinity}}', "Infinity"),
    ("[" * 100_000 + "]" * 100_000, "JSON"),
    ('{"a": ' + "[" * (MAX_NESTING + 5) + "]" * (MAX_NESTING + 5) + "}", "nested"),
    ('{"patient": {"opioid_tolerant": "no"}}', "true or false"),
    ('{"patient": {"hepatic": 3}}', "string"),
    ('{"items": "oxycodone 5 mg po q4h"}', "list"),
    ('{"states": [{"label": "a"}, "b"]}', "table"),
], ids=["duplicate items", "duplicate label", "400-digit age", "400-digit dose", "NaN",
        "Infinity", "deep JSON", "deep tables", "string bool", "number for text",
        "string for list", "string for state"])
def test_json_regimen_files_refused_cleanly(text, words):
    with pytest.raises(RegimenFileError, match=words):
        mpsdose.loads(text, "json")


@pytest.mark.parametrize(("text", "words"), [
    ("a = 1" + "0" * 5000, "TOML"),
    ("a = " + "[" * 5000 + "]" * 5000, "TOML"),
    ("items = [1]", "string or a table"),
    ("[patient]\nage = true", "number"),
    ('[[states]]\nlabel = "a"\n[[states]]\nlabel = "A"', "two states"),
])
def test_toml_regimen_files_refused_cleanly(text, words):
    with pytest.raises(RegimenFileError, match=words):
        mpsdose.loads(text, "toml")


@pytest.mark.parametrize("syntax", ["toml", "json"])
def test_a_byte_order_mark_is_ignored(tmp_path, syntax):
    body = ('items = ["oxycodone 5 mg po q4h"]' if syntax == "toml"
            else '{"items": ["oxycodone 5 mg po q4h"]}')
    path = tmp_path / f"r.{syntax}"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode())
    assert mpsdose.load(path).items[0].daily() == pytest.approx(30)


def test_a_small_json_dose_is_a_number_not_scientific_notation():
    text = json.dumps({"items": [{**ITEM, "dose": 0.00001}]})  # json writes 1e-05
    (item,) = mpsdose.loads(text, "json").items
    assert item.ingredients[0].dose.value == 0.00001


def test_file_size_items_and_states_are_limited(tmp_path):
    big = tmp_path / "big.json"
    big.write_text(" " * (MAX_FILE_BYTES + 1))
    with pytest.raises(RegimenFileError, match="at most"):
        mpsdose.load(big)
    many = json.dumps({"items": ["oxycodone 5 mg po q4h"] * (MAX_ITEMS + 1)})
    with pytest.raises(RegimenFileError, match=f"at most {MAX_ITEMS} items"):
        mpsdose.loads(many, "json")
    states = json.dumps({"states": [{"label": str(i)} for i in range(MAX_STATES + 1)]})
    with pytest.raises(RegimenFileError, match=f"at most {MAX_STATES} states"):
        mpsdose.loads(states, "json")


def test_the_toml_writer_round_trips_awkward_strings():
    regimen = mpsdose.Regimen.parse(["oxycodone 5 mg po q4h"],
                                    label='a "quoted"\nlabel\x7f with \\ and ü')
    text = mpsdose.dumps(regimen, "toml")
    assert mpsdose.loads(text, "toml") == regimen


def test_save_writes_whole_files_only(tmp_path):
    target = tmp_path / "r.toml"
    with pytest.raises(RegimenFileError):
        mpsdose.save(mpsdose.Regimen(), tmp_path / "r.txt")
    mpsdose.save(mpsdose.Regimen.parse(["oxycodone 5 mg po q4h"]), target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]


# -- accepted and wrong: outputs ------------------------------------------------------------------
def test_total_json_daily_dose_of_an_infusion_is_per_day(runner):
    result = runner.invoke(main, ["total", "--json", "hydromorphone 1 mg/h sc continuous",
                                  "fentanyl 25 mcg/h td"])
    items = json.loads(result.output)["items"]
    assert items[0]["daily_dose"] == {"value": 24.0, "unit": "mg/day"}
    assert items[0]["rate"] == {"value": 1.0, "unit": "mg/h"}
    assert items[1]["daily_dose"] == {"value": 600.0, "unit": "mcg/day"}


def test_compare_sees_a_prn_only_drug_change(runner, tmp_path):
    a = tmp_path / "a.toml"
    b = tmp_path / "b.toml"
    a.write_text('items = ["oxycodone 5 mg po prn max 4/day"]\n')
    b.write_text('items = ["oxycodone 5 mg po prn max 18/day"]\n')
    result = runner.invoke(main, ["compare", str(a), str(b), "--json"])
    (change,) = json.loads(result.output)["changes"]
    assert change["status"] == "changed"
    assert change["change_pct"] == pytest.approx((90 - 20) / 20 * 100)
    text = runner.invoke(main, ["compare", str(a), str(b)]).output
    assert "20 mg/day" in text and "90 mg/day" in text and "unchanged" not in text


def test_methadone_json_no_dose_is_null_with_a_reason(runner):
    result = runner.invoke(main, ["methadone", "morphine 1500 mg/day", "--json"])
    methods = {m["method"]: m for m in json.loads(result.output)["methods"]}
    for method in methods.values():
        for key in ("per_dose_mg", "daily_dose_mg"):
            assert method[key] is None or method[key] > 0
        for key in ("per_dose_range_mg", "daily_dose_range_mg"):
            assert method[key] is None or all(v is None or v > 0 for v in method[key])
    assert methods["ayonrinde"]["per_dose_mg"] is None
    assert "no dose" in methods["ayonrinde"]["no_dose_reason"]
    assert methods["fda-label"]["per_dose_range_mg"][0] is None
    assert methods["fda-label"]["no_dose_reason"]


def test_json_numbers_have_no_float_noise(runner):
    result = runner.invoke(main, ["total", "--json", "oxycodone 0.1 mg po q8h"])
    assert "0.30000000000000004" not in result.output
    assert json.loads(result.output)["items"][0]["daily_dose"]["value"] == 0.3


# -- tracebacks and the terminal ------------------------------------------------------------------
def _mpsdose(*args, env=None, stdin=None):
    environment = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "mpsdose.cli", *args], capture_output=True,
                          env=environment, input=stdin)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "ascii"])
def test_a_terminal_that_cannot_show_every_character_degrades(encoding):
    items = ["oxycodone 5 mg po prn", "morphine 10 mg/day"]
    text = _mpsdose("total", *items, env={"PYTHONIOENCODING": encoding})
    assert text.returncode == 0, text.stderr
    assert b">= " in text.stdout or b"no maximum" in text.stdout
    document = _mpsdose("total", "--json", *items, env={"PYTHONIOENCODING": encoding})
    assert document.returncode == 0
    json.loads(document.stdout.decode(encoding))
    error = _mpsdose("total", "oxycodone→ 5 mg", env={"PYTHONIOENCODING": encoding})
    assert error.returncode == 2 and error.stderr.count(b"\n") == 1


def test_a_reader_that_stops_early_is_not_an_error():
    process = subprocess.Popen([sys.executable, "-m", "mpsdose.cli", "drugs"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    assert process.wait(timeout=60) == 0
    assert b"Traceback" not in process.stderr.read()


def test_no_color_is_honoured(runner):
    args = ["check", "tramadol 600 mg/day"]
    coloured = runner.invoke(main, args, color=True)
    assert "\x1b[" in coloured.output  # the test can fail: colour is there without NO_COLOR
    plain = runner.invoke(main, args, color=True, env={"NO_COLOR": "1"})
    assert "\x1b[" not in plain.output
    assert "ERROR" in plain.output


def test_an_unexpected_error_is_one_line_and_exit_3(runner, monkeypatch):
    import mpsdose.clinical.summary as summary

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero\nsecond line")

    monkeypatch.setattr(summary, "summarize", broken)
    result = runner.invoke(main, ["total", "oxycodone 20 mg/day"])
    assert result.exit_code == 3
    line = _one_error_line(result)
    assert "internal error" in line and "ZeroDivisionError" in line and "bug" in line


def test_a_batch_failure_is_one_stderr_line(runner, tmp_path):
    result = runner.invoke(main, ["batch", str(tmp_path / "absent.csv"), "-o",
                                  str(tmp_path / "out.csv")])
    assert result.exit_code == 2
    _one_error_line(result)


def test_no_infinite_total_is_ever_printed(runner):
    result = runner.invoke(main, ["check", "oxycodone 1" + "0" * 300 + " mg po q4h"])
    assert result.exit_code == 2
    assert "inf" not in result.stdout


def test_guards_are_sane():
    assert math.isfinite(MAX_FILE_BYTES) and MAX_ITEMS < MAX_FILE_BYTES


def test_a_table_path_no_file_can_have_is_a_data_error():
    # os.stat raises a plain ValueError for an embedded NUL (found by the fuzz suite)
    with pytest.raises(mpsdose.DataError, match="cannot read"):
        mpsdose.load_table_file("a\x00b")


def test_a_regimen_file_is_saved_whole_or_not_at_all(tmp_path, monkeypatch):
    target = tmp_path / "regimen.toml"
    mpsdose.save(mpsdose.Regimen.parse(["oxycodone 20 mg/day"]), target)
    mode = target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask  # an ordinary new file, not mkstemp's 0600
    before = target.read_text(encoding="utf-8")

    def broken(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(RegimenFileError):
        mpsdose.save(mpsdose.Regimen.parse(["morphine 30 mg/day"]), target)
    assert target.read_text(encoding="utf-8") == before  # the previous file stands
    assert sorted(p.name for p in tmp_path.iterdir()) == ["regimen.toml"]  # no .part left
