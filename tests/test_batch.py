"""Batch MME over prescription tables: equal to the per-item library, every row kept, bad rows
named, per-patient NIH HEAL definitions, streaming and Dask."""

from __future__ import annotations

import math
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pl = pytest.importorskip("polars")

from mpsdose import (  # noqa: E402
    DoseError,
    ItemSyntaxError,
    MpsdoseError,
    RouteError,
    UnitError,
    UnknownDrugError,
    oral_morphine_equivalent,
    parse_item,
)
from mpsdose.cli import main  # noqa: E402
from mpsdose.io import batch as batch_module  # noqa: E402
from mpsdose.io.batch import (  # noqa: E402
    OUTPUT_COLUMNS,
    batch_mme,
    per_patient,
    per_patient_mme,
    read_table,
)

#: Each example builds and runs a whole table: fewer than the other properties by default.
BATCH_EXAMPLES = int(os.environ.get("BATCH_EXAMPLES", "40"))

DRUGS = ["oxycodone", "morphine", "hydromorphone", "methadone", "tramadol", "codeine",
         "fentanyl", "buprenorphine", "acetaminophen", "oxycodne"]
ROUTES = ["oral", "po", "transdermal", "sc", "iv", None]
UNITS = ["mg", "g", "mcg", "mcg/h", "mg/h", "IU"]

rows = st.fixed_dictionaries({
    "patient_id": st.integers(1, 5),
    "drug": st.sampled_from(DRUGS),
    "route": st.sampled_from(ROUTES),
    "dose": st.one_of(st.floats(0.5, 400), st.sampled_from([0.0, -5.0])),
    "unit": st.sampled_from(UNITS),
    "doses_per_day": st.sampled_from([1.0, 2.0, 3.0, 4.0, 6.0]),
    "days_supply": st.sampled_from([7.0, 30.0]),
})

STATUS_OF = [(UnknownDrugError, "unknown-drug"), (RouteError, "bad-route"),
             (UnitError, "bad-unit"), (DoseError, "bad-dose")]


def library(row, table):
    """What the per-item library says of one row: (status, mme_per_day)."""
    route = row["route"] or ""
    if row["drug"] not in ("oxycodne",) and parse_item_drug(row["drug"]).is_opioid is False:
        return "not-opioid", None
    per_day = row["doses_per_day"]
    if row["unit"].endswith("/h"):  # a rate: the rows keep doses_per_day 1 (see below)
        text = f"{row['drug']} {row['dose']!r} {row['unit']} {route}"
    else:
        text = f"{row['drug']} {row['dose']!r} {row['unit']} {route} {per_day:g}x/day"
    try:
        item = parse_item(text)
    except (MpsdoseError, ItemSyntaxError) as error:
        for kind, status in STATUS_OF:
            if isinstance(error, kind):
                return status, None
        return "other", None
    result = oral_morphine_equivalent([item], table)
    (ome,) = result.items
    if ome.factor is None:
        return "no-factor", None
    return "ok", ome.ome.value


def parse_item_drug(name):
    from mpsdose import default_catalogue

    return default_catalogue().resolve(name)


def _one_per_day_for_rates(row):
    # In a batch row a rate's doses_per_day counts patches (or infusions) at once; the item
    # language writes that as a count, so the comparison keeps rates at one.
    return {**row, "doses_per_day": 1.0} if row["unit"].endswith("/h") else row


@settings(max_examples=BATCH_EXAMPLES)
@given(st.lists(rows.map(_one_per_day_for_rates), min_size=1, max_size=30),
       st.sampled_from(["cdc2022", "cdc2016", "nihheal"]))
def test_batch_equals_the_per_item_library(table_rows, table):
    frame = pl.DataFrame(table_rows, schema_overrides={"route": pl.String})
    out = batch_mme(frame, table)
    assert out.height == frame.height  # no row is ever dropped
    assert out.columns == [*frame.columns, *OUTPUT_COLUMNS]
    for row, got in zip(table_rows, out.iter_rows(named=True), strict=True):
        status, mme = library(row, table)
        if status == "other":
            continue
        if status == "ok":
            assert got["status"] == "ok", (row, got)
            assert got["mme_per_day"] == pytest.approx(mme, rel=1e-9)
        else:
            assert got["status"] == status, (row, got)
            assert got["mme_per_day"] is None or math.isnan(got["mme_per_day"])


def test_bad_rows_are_named_and_the_rest_computed():
    frame = pl.DataFrame({
        "patient_id": [1, 1, 1, 1, 1],
        "drug": ["unobtainium", "fentanyl", "oxycodone", "oxycodone", "oxycodone"],
        "route": ["oral", "transdermal", "oral", "oral", "oral"],
        "dose": [5.0, 25.0, -5.0, 10.0, 10.0],
        "unit": ["mg", "mg/h", "mg", "mg", "mg"],
        "doses_per_day": [2.0, 1.0, 2.0, 2.0, 2.0],
        "days_supply": [30.0, 30.0, 30.0, None, 30.0],
    })
    out = batch_mme(frame, "cdc2022")
    assert out["status"].to_list() == ["unknown-drug", "bad-unit", "bad-dose",
                                       "missing-days-supply", "ok"]
    assert all(out["message"][:4].str.len_chars() > 0)
    assert out["mme_per_day"][4] == pytest.approx(10 * 2 * 1.5)  # CDC 2022 oxycodone 1.5


def test_frequency_column_in_the_item_language():
    frame = pl.DataFrame({"patient_id": [1], "drug": ["morphine"], "route": ["oral"],
                          "dose": [10.0], "unit": ["mg"], "frequency": ["q4h"],
                          "days_supply": [7.0]})
    assert batch_mme(frame)["mme_per_day"][0] == pytest.approx(60)


def test_methadone_tier_by_the_row_daily_dose():
    frame = pl.DataFrame({"patient_id": [1, 2], "drug": ["methadone", "methadone"],
                          "route": ["oral", "oral"], "dose": [10.0, 10.25], "unit": ["mg", "mg"],
                          "doses_per_day": [2.0, 2.0], "days_supply": [30.0, 30.0]})
    # CDC 2016 tiers: 20 mg/day ×4, 20.5 mg/day ×8
    assert batch_mme(frame, "cdc2016")["mme_per_day"].to_list() == [80.0, 164.0]


def test_per_patient_definitions_by_hand():
    frame = pl.DataFrame({
        "patient_id": ["a", "a", "b"],
        "drug": ["oxycodone", "buprenorphine", "buprenorphine"],
        "route": ["oral", "transdermal", "transdermal"],
        "dose": [10.0, 10.0, 5.0], "unit": ["mg", "mcg/h", "mcg/h"],
        "doses_per_day": [2.0, 1.0, 1.0], "days_supply": [10.0, 7.0, 7.0],
        "therapy_days": [20.0, 20.0, 7.0], "observation_window_days": [30.0, 30.0, 30.0],
    })
    result = {r["patient_id"]: r for r in per_patient(batch_mme(frame, "nihheal"))
              .iter_rows(named=True)}
    a, b = result["a"], result["b"]
    # NIH HEAL: oxycodone 10 mg × 2 × 1.5 = 30 MME/day for 10 days; buprenorphine 10 mcg/h × 2.2
    # = 22 MME/day for 7 days
    assert a["total_mme"] == pytest.approx(30 * 10 + 22 * 7)
    assert a["total_days"] == 17
    assert a["mme_def1"] == pytest.approx((300 + 154) / 17)
    assert a["mme_def2"] == pytest.approx(454 / 20)
    assert a["mme_def3"] == pytest.approx(454 / 30)
    assert a["mme_def4"] == pytest.approx(52)
    assert a["total_mme_no_bup"] == pytest.approx(300)
    assert a["mme_def4_no_bup"] == pytest.approx(30)
    # only buprenorphine: total 0, definition 1 null, 2–4 zero
    assert b["total_mme_no_bup"] == 0 and b["mme_def1_no_bup"] is None
    assert b["mme_def2_no_bup"] == 0 and b["mme_def4_no_bup"] == 0


def test_pyarrow_and_pandas_come_back_in_kind():
    pa = pytest.importorskip("pyarrow")
    pd = pytest.importorskip("pandas")
    frame = pl.DataFrame({"patient_id": [1], "drug": ["morphine"], "route": ["oral"],
                          "dose": [10.0], "unit": ["mg"], "doses_per_day": [6.0],
                          "days_supply": [7.0]})
    assert isinstance(batch_mme(frame.to_arrow()), pa.Table)
    assert isinstance(batch_mme(frame.to_pandas()), pd.DataFrame)


def test_streaming_file_to_file_equals_eager(tmp_path):
    frame = pl.DataFrame({
        "patient_id": list(range(2000)), "drug": ["oxycodone", "fentanyl"] * 1000,
        "route": ["oral", "transdermal"] * 1000, "dose": [10.0, 25.0] * 1000,
        "unit": ["mg", "mcg/h"] * 1000, "doses_per_day": [2.0, 1.0] * 1000,
        "days_supply": [30.0] * 2000})
    source = tmp_path / "rx.parquet"
    frame.write_parquet(source)
    lazy = batch_mme(read_table(str(source)))
    assert isinstance(lazy, pl.LazyFrame)
    target = tmp_path / "out.parquet"
    lazy.sink_parquet(target)
    assert pl.read_parquet(target).equals(batch_mme(frame))


def test_cli_batch_rows_and_per_patient(runner, tmp_path):
    source = tmp_path / "rx.csv"
    pl.DataFrame({"patient_id": [1, 1, 2], "drug": ["oxycodone", "unobtainium", "morphine"],
                  "route": ["oral", "oral", "oral"], "dose": [10.0, 5.0, 10.0],
                  "unit": ["mg", "mg", "mg"], "doses_per_day": [2.0, 2.0, 6.0],
                  "days_supply": [30.0, 30.0, 7.0]}).write_csv(source)
    out = tmp_path / "out.csv"
    result = runner.invoke(main, ["batch", str(source), "-o", str(out), "--chunk-rows", "1000"])
    assert result.exit_code == 0, result.output
    table = pl.read_csv(out)
    assert table["status"].to_list() == ["ok", "unknown-drug", "ok"]
    assert "2 ok" in result.stderr and "1 unknown-drug" in result.stderr
    patients = tmp_path / "patients.parquet"
    result = runner.invoke(main, ["batch", str(source), "-o", str(patients), "--per-patient"])
    assert result.exit_code == 0
    assert pl.read_parquet(patients)["mme_def4"].to_list() == [30.0, 60.0]


def _broken_parquet(tmp_path):
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 not really")
    return path


def _rows_without_patients(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("drug,dose,unit,doses_per_day\noxycodone,5,mg,2\n")
    return path


@pytest.mark.parametrize(("make_input", "output", "extra", "words"), [
    (lambda tmp: tmp / "absent.csv", "out.csv", [], ["absent.csv", "no such file"]),
    (_broken_parquet, "out.csv", [], ["broken.parquet", "parquet"]),
    (_rows_without_patients, "missing-dir/out.csv", [], ["out.csv", "no such file"]),
    (_rows_without_patients, "out.csv", ["--per-patient"], ["patient_id", "days_supply"]),
], ids=["missing input", "corrupt parquet", "unwritable output", "per-patient columns"])
def test_cli_batch_file_problems_are_one_line_not_a_traceback(runner, tmp_path, make_input,
                                                                output, extra, words):
    source = make_input(tmp_path)
    result = runner.invoke(main, ["batch", str(source), "-o", str(tmp_path / output), *extra])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("mpsdose:")]
    assert len(error_lines) == 1
    for word in words:
        assert word.lower() in error_lines[0].lower()


@pytest.mark.slow
def test_dask_local_cluster_equals_one_machine():
    pytest.importorskip("distributed")
    dd = pytest.importorskip("dask.dataframe")
    from distributed import Client, LocalCluster

    from mpsdose.io.batch import batch_dask

    frame = pl.DataFrame({
        "patient_id": list(range(400)),
        "drug": ["oxycodone", "fentanyl", "methadone", "unobtainium"] * 100,
        "route": ["oral", "transdermal", "oral", "oral"] * 100,
        "dose": [10.0, 25.0, 10.25, 5.0] * 100, "unit": ["mg", "mcg/h", "mg", "mg"] * 100,
        "doses_per_day": [2.0, 1.0, 2.0, 2.0] * 100, "days_supply": [30.0] * 400,
    }).to_pandas()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster):
        out = batch_dask(dd.from_pandas(frame, npartitions=4), "cdc2016").compute()
    expected = batch_mme(frame, "cdc2016")
    assert list(out["status"]) == list(expected["status"])
    assert out["mme_per_day"].fillna(-1).tolist() == expected["mme_per_day"].fillna(-1).tolist()


@pytest.mark.slow
def test_dask_on_a_distributed_cluster_writes_parquet_partition_wise(tmp_path):
    """Issue 18: ``batch_dask(...).to_parquet()`` on worker processes writes each partition
    where it is computed, with every row, status and MME of one process."""
    pytest.importorskip("distributed")
    dd = pytest.importorskip("dask.dataframe")
    from distributed import Client, LocalCluster

    from mpsdose.io.batch import batch_dask

    n = 2_000
    frame = pl.DataFrame({
        "patient_id": list(range(n)),
        "drug": (["oxycodone", "Fentanyl", "methadone", "unobtainium", "acetaminophen"] * n)[:n],
        "route": (["oral", "transdermal", "po", None, "oral"] * n)[:n],
        "dose": ([10.0, 25.0, 10.25, 5.0, 0.0, 7.5, 30.0] * n)[:n],
        "unit": (["mg", "mcg/h", "mg"] * n)[:n],
        "doses_per_day": ([2.0, 1.0, None, 3.0] * n)[:n],
        "days_supply": ([30.0, None, 7.0] * n)[:n],
    }).to_pandas()
    source = dd.from_pandas(frame, npartitions=6)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        batch_dask(source, "cdc2016").to_parquet(tmp_path / "out", write_index=False)
    written = sorted((tmp_path / "out").glob("part.*.parquet"),
                     key=lambda path: int(path.stem.split(".")[1]))
    assert len(written) == 6  # one file per partition: nothing gathered in one place
    out = pl.concat([pl.read_parquet(path) for path in written])
    expected = pl.from_pandas(batch_mme(frame, "cdc2016"))
    assert out.height == n
    assert out["status"].to_list() == expected["status"].to_list()
    assert out["message"].to_list() == expected["message"].to_list()
    assert out["mme_per_day"].fill_null(-1).to_list() == \
        expected["mme_per_day"].fill_null(-1).to_list()


key_rows = st.fixed_dictionaries({
    "patient_id": st.integers(1, 4),
    "drug": st.sampled_from([*DRUGS, "Oxycodone", " morphine", "", None]),
    "route": st.sampled_from([*ROUTES, "PO", ""]),
    "dose": st.sampled_from([5.0, 10.0, 0.0, None]),
    "unit": st.sampled_from([*UNITS, "MG", "", None]),
    "doses_per_day": st.sampled_from([1.0, 2.0, None]),
    "days_supply": st.sampled_from([7.0, 30.0, None]),
})


@settings(max_examples=BATCH_EXAMPLES)
@given(st.lists(key_rows, min_size=1, max_size=40), st.booleans())
def test_keys_looked_up_by_hash_equal_keys_joined_as_text(table_rows, categorical):
    # _distinct_keys finds each row's key by a hash of its cells; joined on the text, as it is
    # where two keys share a hash, every row must say the same, rows and per patient
    schema = {"drug": pl.Categorical if categorical else pl.String, "route": pl.String,
              "unit": pl.String, "dose": pl.Float64, "doses_per_day": pl.Float64,
              "days_supply": pl.Float64, "patient_id": pl.Int64}
    frame = pl.DataFrame(table_rows, schema=schema)

    def refused(*args):
        raise AssertionError("the keys were to be found by hash")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(batch_module, "_joined_keys", refused)
        hashed = batch_mme(frame, "cdc2022"), per_patient_mme(frame, "cdc2022")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(batch_module, "_HASHED_KEYS", False)
        joined = batch_mme(frame, "cdc2022"), per_patient_mme(frame, "cdc2022")
    assert hashed[0].equals(joined[0])
    assert hashed[1].sort("patient_id").equals(joined[1].sort("patient_id"))


def test_keys_that_share_a_first_hash_are_found_and_joined_as_text():
    # two keys whose first hash is the same would be taken for one: every key is given the
    # same first hash here (its second hash is its own), so the keys must be found as text,
    # and every row and patient must say what they say when nothing is shared
    frame = pl.DataFrame({
        "patient_id": [1, 1, 2, 2, 3], "drug": ["oxycodone", "morphine", "tramadol",
                                                 "oxycodne", "fentanyl"],
        "route": ["oral", "oral", "oral", "oral", "transdermal"],
        "dose": [10.0, 15.0, 50.0, 5.0, 25.0], "unit": ["mg", "mg", "mg", "mg", "mcg/h"],
        "doses_per_day": [2.0, 3.0, 4.0, 1.0, 1.0], "days_supply": [30.0, 7.0, 14.0, 7.0, 30.0]})
    real = batch_module._key_hash
    fell_back = []
    joined = batch_module._joined_keys

    def counted(*args):
        fell_back.append(True)
        return joined(*args)

    expected = batch_mme(frame, "cdc2022"), per_patient_mme(frame, "cdc2022")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(batch_module, "_key_hash",
                      lambda values, seed: real(values, seed) * 0 if seed == 11
                      else real(values, seed))
        patch.setattr(batch_module, "_joined_keys", counted)
        shared = batch_mme(frame, "cdc2022"), per_patient_mme(frame, "cdc2022")
    assert fell_back == [True, True]
    assert shared[0].equals(expected[0])
    assert shared[1].equals(expected[1])
    assert shared[1]["status"].to_list() == ["ok", "incomplete", "ok"]


patient_rows = st.fixed_dictionaries({
    "patient_id": st.integers(1, 4),
    "drug": st.sampled_from(["buprenorphine", "oxycodone", "morphine", "fentanyl",
                             "acetaminophen", "oxycodne"]),
    "route": st.sampled_from(["oral", "transdermal", "sublingual", "buccal"]),
    "dose": st.sampled_from([5.0, 7.3, 10.0, 0.0]),
    "unit": st.sampled_from(["mg", "mcg/h", "mg/day", "mcg/day"]),
    "doses_per_day": st.sampled_from([1.0, 3.0]),
    "days_supply": st.sampled_from([7.0, 30.0, None]),
    "therapy_days": st.sampled_from([20.0, 90.0]),
    "therapy_days_no_bup": st.sampled_from([15.0, 60.0]),
})


@settings(max_examples=BATCH_EXAMPLES)
@given(st.lists(patient_rows, min_size=1, max_size=30),
       st.sampled_from(["cdc2022", "nihheal", "cdc2016"]),
       st.sampled_from([(), ("therapy_days_no_bup",), ("therapy_days", "therapy_days_no_bup")]))
def test_per_patient_mme_equals_per_patient_of_the_rows(table_rows, table, dropped):
    # per_patient_mme makes the sums without buprenorphine once where no row of it can be
    # computed (cdc2022 has no factor for it); it must say what per_patient says of the rows
    frame = pl.DataFrame(table_rows).drop(dropped)
    direct = per_patient_mme(frame, table, therapy_days=30.0).sort("patient_id")
    of_rows = per_patient(batch_mme(frame, table), therapy_days=30.0).sort("patient_id")
    assert direct.columns == of_rows.columns
    for got, want in zip(direct.iter_rows(named=True), of_rows.iter_rows(named=True),
                         strict=True):
        for column, value in want.items():
            if isinstance(value, float):
                assert got[column] == pytest.approx(value, rel=1e-11), (column, got, want)
            else:
                assert got[column] == value, (column, got, want)


# -- a patient's counts, status and message ---------------------------------------------------

def _sentence(failed, total):
    return f"{failed} of {total} rows could not be computed (see their status)"


@settings(max_examples=200)
@given(st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), min_size=1, max_size=40),
       st.sampled_from([pl.UInt32, pl.Int64]))
def test_a_patients_message_is_its_sentence_for_any_counts(pairs, dtype):
    # patients with few rows find their message in a table made once, the others have it
    # formatted: on either side of the table's bound it must read as the sentence of its counts
    failed = [f for f, _ in pairs]
    total = [f + ok for f, ok in pairs]
    frame = pl.DataFrame({"f": failed, "t": total}, schema={"f": dtype, "t": dtype})
    got = frame.select(batch_module._count_message(pl, pl.col("f"), pl.col("t"))).to_series()
    assert got.to_list() == [_sentence(f, t) if f else "" for f, t in zip(failed, total,
                                                                           strict=True)]


@pytest.mark.parametrize("direct", [True, False], ids=["per_patient_mme", "per_patient"])
def test_patients_are_counted_whatever_their_number_of_rows(direct):
    # 40 rows (more than the table of messages holds), 5 rows, every row failed, only a drug
    # left out on purpose (not an opioid: neither computed nor failed)
    plan = {"many": ["oxycodone"] * 37 + ["oxycodne"] * 3,
            "few": ["morphine"] * 4 + ["oxycodne"],
            "none": ["oxycodne"] * 2,
            "skipped": ["acetaminophen"] * 2}
    drugs = [drug for rows in plan.values() for drug in rows]
    frame = pl.DataFrame({
        "patient_id": [p for p, rows in plan.items() for _ in rows], "drug": drugs,
        "route": ["oral"] * len(drugs), "dose": [10.0] * len(drugs), "unit": ["mg"] * len(drugs),
        "doses_per_day": [2.0] * len(drugs), "days_supply": [7.0] * len(drugs)})
    out = per_patient_mme(frame, "cdc2022") if direct else \
        per_patient(batch_mme(frame, "cdc2022"))
    got = {r["patient_id"]: r for r in out.iter_rows(named=True)}
    assert out["patient_id"].to_list() == sorted(plan)
    assert (got["many"]["status"], got["many"]["message"]) == ("incomplete", _sentence(3, 40))
    assert got["many"]["total_days"] == 37 * 7
    assert got["many"]["total_mme"] == pytest.approx(37 * 7 * 10 * 2 * 1.5)
    assert (got["few"]["status"], got["few"]["message"]) == ("incomplete", _sentence(1, 5))
    assert (got["none"]["status"], got["none"]["message"]) == ("no-mme", _sentence(2, 2))
    assert got["none"]["total_mme"] is None and got["none"]["mme_def4"] is None
    assert (got["skipped"]["status"], got["skipped"]["message"]) == ("ok", "")
    assert got["skipped"]["total_mme"] == 0 and got["skipped"]["mme_def1"] is None


# -- the rounding of the outputs (round_significant): polars's round_sig_figs, bit for bit --

def _bits(values):
    """Each value's IEEE bits (None for null): equal bits, not merely equal floats (-0.0 is not
    0.0 here, and a NaN must be the NaN polars gives)."""
    return pl.Series(values, dtype=pl.Float64).reinterpret(dtype=pl.UInt64).to_list()


def _double(bits):
    return pl.Series([bits], dtype=pl.UInt64).reinterpret(dtype=pl.Float64)[0]


sixteenths = st.builds(lambda k, j: k / 2**j, st.integers(-(2**62), 2**62), st.integers(0, 8))
doubles = st.one_of(
    st.integers(0, 2**64 - 1).map(_double),  # any double: every sign, binade, subnormal, NaN
    st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True),
    sixteenths,  # the values kept as they are, and their neighbours
    sixteenths.map(lambda x: math.nextafter(x, math.inf)),
    sixteenths.map(lambda x: math.nextafter(x, -math.inf)),
    st.sampled_from([1e8, -1e8, 1e8 - 1 / 16, 1e8 + 1 / 16, 1e8 - 1 / 32, 1e7 - 1 / 16, 1e4,
                     0.0625, 0.03125, 0.0, -0.0, math.inf, -math.inf, math.nan]),
    # the numbers of a batch: short decimals times factors
    st.builds(lambda a, b: a * b, st.decimals(0, 10_000, places=3).map(float),
              st.sampled_from([0.15, 0.2, 1.0, 1.5, 2.4, 3.0, 4.7, 5.0, 7.2])),
    st.none(),
)


@settings(max_examples=300)
@given(st.lists(doubles, min_size=1, max_size=60),
       st.sampled_from([12, 12, 12, 5, 8, 14, 15, 1, 17]))
def test_round_significant_is_round_sig_figs_bit_for_bit(values, digits):
    frame = pl.DataFrame({"x": pl.Series(values, dtype=pl.Float64)}).lazy()
    ours = batch_module.round_significant(pl, frame, {"y": pl.col("x") * 1.0}, digits,
                                          lambda name: "_t_" + name).collect()["y"]
    theirs = frame.select(pl.col("x").round_sig_figs(digits)).collect()["x"]
    assert _bits(ours) == _bits(theirs), [
        (v, a, b) for v, a, b in zip(values, ours, theirs, strict=True) if _bits([a]) != _bits([b])]
