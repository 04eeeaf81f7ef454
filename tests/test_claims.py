"""Claims rows in a batch table: a product code, a quantity dispensed and a days supply.

The products here are a tiny ``ndc_products.csv`` of the tests' own (fake NDCs) over the shipped
catalogue and conversion tables; the shipped NDC table and ``cdc2018`` are checked against the
CDC file's own numbers in ``tests/shipped/test_claims_cdc2018.py``.
"""

from __future__ import annotations

import math

import pytest

pl = pytest.importorskip("polars")

from mpsdose.cli import main  # noqa: E402
from mpsdose.io.batch import batch_mme, per_patient  # noqa: E402
from mpsdose.io.claims import product_of  # noqa: E402
from mpsdose.knowledge.bundle import Knowledge  # noqa: E402

NDC_HEADER = ("ndc,product,ingredient,combination,strength,unit,route,form,release,wear_days,"
              "file_factor,source,grade\n")
NDC_ROWS = {
    "11111111111": "OXY TEST,oxycodone,,10,mg,oral,tablet,,,,test,S",
    "22222222222": "FENT TEST,fentanyl,,25,mcg/h,transdermal,patch,,3,,test,S",
    "33333333333": "BUP TEST,buprenorphine,,8,mg,sublingual,tablet,,,,test,S",
    "44444444444": "IMPLANT TEST,buprenorphine,,,,,,,,,test,S",
    "55555555555": "MORPHINE SOLN TEST,morphine,,2,mg/mL,oral,liquid,,,,test,S",
    "66666666666": "OLD TEST,propoxyphene,,65,mg,oral,capsule,,,,test,S",
}


@pytest.fixture
def knowledge(tmp_path):
    (tmp_path / "ndc_products.csv").write_text(
        NDC_HEADER + "".join(f"{ndc},{row}\n" for ndc, row in NDC_ROWS.items()))
    return Knowledge.load(tmp_path)


def run(knowledge, rows, table="cdc2022"):
    frame = pl.DataFrame(rows, schema_overrides={"ndc": pl.String, "rxcui": pl.String})
    return batch_mme(frame, table, knowledge=knowledge).to_dicts()


def test_the_cdc_formula(knowledge):
    out = run(knowledge, [
        {"ndc": "11111111111", "rxcui": None, "quantity": 120, "days_supply": 30},
        {"ndc": "22222222222", "rxcui": None, "quantity": 10, "days_supply": 30},
        {"ndc": "55555555555", "rxcui": None, "quantity": 300, "days_supply": 30},
    ])
    # strength per unit × quantity / days supply × factor
    assert [r["mme_per_day"] for r in out] == [
        pytest.approx(10 * 120 / 30 * 1.5),
        pytest.approx(25 * 10 * 3 / 30 * 2.4),  # 25 mcg/h worn on average, 2.4 per mcg/h
        pytest.approx(2 * 300 / 30 * 1)]
    assert [r["status"] for r in out] == ["ok"] * 3
    assert [r["daily_dose_unit"] for r in out] == ["mg/day", "mcg/h", "mg/day"]
    assert "120" in out[0]["message"] and "OXY TEST" in out[0]["message"]
    assert [r["product_drug"] for r in out] == ["oxycodone", "fentanyl", "morphine"]


@pytest.mark.parametrize(("ndc", "status"), [
    ("12345678901", "unknown-ndc"), ("1234", "unknown-ndc"), ("ABCDE-1234-12", "unknown-ndc"),
    ("33333333333", "no-factor"), ("44444444444", "no-strength"),
    ("66666666666", "unknown-drug")])
def test_statuses_of_products(knowledge, ndc, status):
    (row,) = run(knowledge, [{"ndc": ndc, "rxcui": None, "quantity": 30, "days_supply": 30}])
    assert row["status"] == status, row["message"]
    assert row["mme_per_day"] is None and row["daily_dose"] is None  # never 0
    assert row["message"]


@pytest.mark.parametrize(("quantity", "days", "status"), [
    (0, 30, "bad-quantity"), (-5, 30, "bad-quantity"), (None, 30, "bad-quantity"),
    (float("nan"), 30, "bad-quantity"), (float("inf"), 30, "bad-quantity"),
    (30, 0, "bad-days-supply"), (30, None, "bad-days-supply"), (30, -1, "bad-days-supply")])
def test_bad_quantities(knowledge, quantity, days, status):
    (row,) = run(knowledge, [{"ndc": "11111111111", "rxcui": None, "quantity": quantity,
                              "days_supply": days}])
    assert row["status"] == status and row["mme_per_day"] is None


def test_ndc_spellings(knowledge):
    assert product_of(knowledge, "11111-1111-11")["_c_product"] == "OXY TEST"  # 5-4-2
    padded = product_of(knowledge, "1111-1111-11")  # 4-4-2 → 01111-1111-11
    assert padded["_c_pstatus"] == "unknown-ndc" and "01111111111" in padded["_c_pmessage"]
    assert product_of(knowledge, "1111111111")["_c_pstatus"] == "unknown-ndc"  # 10 bare digits


def test_an_ndc_column_read_as_numbers_is_padded_and_says_so(knowledge):
    frame = pl.DataFrame({"ndc": [11111111111, 2222222222], "quantity": [30, 10],
                          "days_supply": [30, 30]})
    first, second = batch_mme(frame, "cdc2022", knowledge=knowledge).to_dicts()
    assert first["status"] == "ok"
    assert second["status"] == "unknown-ndc"  # 02222222222 is no product here
    assert "leading zeros" in second["message"] or "02222222222" in second["message"]


def test_rxcui_rows_use_the_shipped_rxnorm_table(knowledge):
    # RxCUI 1049502: 12 HR oxycodone hydrochloride 10 MG Extended Release Oral Tablet (OMTK)
    out = run(knowledge, [{"ndc": None, "rxcui": "1049502", "quantity": 60, "days_supply": 30},
                          {"ndc": None, "rxcui": "999999999", "quantity": 60,
                           "days_supply": 30}])
    assert out[0]["mme_per_day"] == pytest.approx(10 * 60 / 30 * 1.5)
    assert out[1]["status"] == "unknown-rxcui" and out[1]["mme_per_day"] is None


def test_claims_and_dose_rows_together_in_order(knowledge):
    frame = pl.DataFrame({
        "patient_id": ["a", "a", "b", "c"],
        "ndc": [None, "11111111111", "33333333333", "99999999999"],
        "drug": ["morphine", None, None, None], "route": ["oral", None, None, None],
        "dose": [10.0, None, None, None], "unit": ["mg", None, None, None],
        "doses_per_day": [3.0, None, None, None],
        "quantity": [None, 60, 30, 30], "days_supply": [30, 30, 30, 30]},
        schema_overrides={"ndc": pl.String})
    rows = batch_mme(frame, "cdc2022", knowledge=knowledge)
    assert rows["status"].to_list() == ["ok", "ok", "no-factor", "unknown-ndc"]
    assert rows["mme_per_day"].to_list()[:2] == [pytest.approx(30), pytest.approx(30)]
    patients = {r["patient_id"]: r for r in per_patient(rows, knowledge=knowledge).to_dicts()}
    assert patients["a"]["total_mme"] == pytest.approx(60 * 30)
    assert patients["a"]["status"] == "ok"
    for pid in ("b", "c"):  # nothing computable: empty, never 0
        assert patients[pid]["status"] == "no-mme"
        assert all(patients[pid][c] is None for c in ("total_mme", "mme_def1", "mme_def4",
                                                      "total_mme_no_bup"))


def test_buprenorphine_by_product_is_left_out_of_no_bup(knowledge, tmp_path):
    frame = pl.DataFrame({"patient_id": ["a", "a"], "ndc": ["11111111111", "33333333333"],
                          "quantity": [60, 30], "days_supply": [30, 30]})
    rows = batch_mme(frame, "nihheal", knowledge=knowledge)  # NIH HEAL has a buprenorphine factor
    assert rows["status"].to_list() == ["ok", "ok"]
    (patient,) = per_patient(rows, knowledge=knowledge).to_dicts()
    assert patient["mme_def4_no_bup"] == pytest.approx(rows["mme_per_day"][0])
    assert patient["mme_def4"] > patient["mme_def4_no_bup"]


def test_cli_keeps_leading_zeros(runner, tmp_path, knowledge):
    (tmp_path / "in").mkdir()
    source = tmp_path / "in" / "claims.csv"
    source.write_text("patient_id,ndc,quantity,days_supply\np,01111111111,30,30\n"
                      "p,11111111111,120,30\n")
    output = tmp_path / "in" / "out.csv"
    result = runner.invoke(main, ["batch", str(source), "-o", str(output), "--knowledge",
                                  str(knowledge.folder)])
    assert result.exit_code == 0, result.output
    out = pl.read_csv(output, schema_overrides={"ndc": pl.String})
    assert out["ndc"].to_list() == ["01111111111", "11111111111"]
    assert out["status"].to_list() == ["unknown-ndc", "ok"]
    assert math.isclose(out["mme_per_day"][1], 60)
