"""A claims table of NDC rows with ``--table cdc2018``: each row's MME by the CDC formula.

Every expected number is computed here by hand from the CDC file's own numbers (its strength per
unit and factor on the row named, its formula "Strength per Unit X (Number of Units / Days Supply)
X MME conversion factor = MME/Day"), not from mpsdose.
"""

from __future__ import annotations

import pytest

pl = pytest.importorskip("polars")

from mpsdose.cli import main  # noqa: E402

CLAIMS = """patient_id,ndc,quantity,days_supply
p1,10544-0591-20,120,30
p1,00093690045,10,30
p2,00054039168,90,30
p2,00062065330,30,30
p3,00406330801,60,30
p3,00054017613,30,30
p4,00054017613,60,30
p4,99999999999,30,30
p5,10544059120,0,30
p5,10544059120,30,0
"""
EXPECTED = [
    ("ok", 10 * 120 / 30 * 1.5),  # Opioids!9488 OXYCONTIN 10 MG x1.5: the file's own example, 60
    ("ok", 25 * 10 / 30 * 7.2),  # Opioids!2188 fentanyl 25 MCG/HR x7.2: the file's example, 60
    ("ok", 10 * 90 / 30 * 3),  # Opioids!8148 methadone 10 MG/ML x3 → 90
    ("ok", 100 * 30 / 30 * 0.1),  # Opioids!13307 ULTRAM ER 100 MG x0.1 → 10
    ("ok", 8 * 60 / 30 * 4),  # Opioids!7667 hydromorphone 8 MG x4 → 64
    ("no-factor", None),  # Opioids!2 buprenorphine: no factor in the file
    ("no-factor", None),
    ("unknown-ndc", None),
    ("bad-quantity", None),
    ("bad-days-supply", None),
]


def test_a_claims_table_with_cdc2018(runner, tmp_path):
    source, output = tmp_path / "claims.csv", tmp_path / "mme.csv"
    source.write_text(CLAIMS)
    result = runner.invoke(main, ["batch", str(source), "-o", str(output), "--table",
                                  "cdc2018"])
    assert result.exit_code == 0, result.output
    rows = pl.read_csv(output, schema_overrides={"ndc": pl.String}).to_dicts()
    assert [r["ndc"] for r in rows] == [line.split(",")[1]
                                        for line in CLAIMS.splitlines()[1:]]  # in order
    for row, (status, mme) in zip(rows, EXPECTED, strict=True):
        assert row["status"] == status, row
        if mme is None:
            assert row["mme_per_day"] is None  # empty, never 0
        else:
            assert row["mme_per_day"] == pytest.approx(mme)


def test_per_patient_with_cdc2018(runner, tmp_path):
    source, output = tmp_path / "claims.csv", tmp_path / "patients.csv"
    source.write_text(CLAIMS)
    result = runner.invoke(main, ["batch", str(source), "-o", str(output), "--table",
                                  "cdc2018", "--per-patient"])
    assert result.exit_code == 0, result.output
    patients = {r["patient_id"]: r for r in pl.read_csv(output).to_dicts()}
    assert patients["p1"]["mme_def4"] == pytest.approx(60 + 60)
    assert patients["p3"]["mme_def4"] == pytest.approx(64)  # buprenorphine not counted as 0 MME
    for pid in ("p4", "p5"):
        assert patients[pid]["status"] == "no-mme"
        assert patients[pid]["total_mme"] is None and patients[pid]["mme_def4"] is None
