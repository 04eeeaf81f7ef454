"""Synthetic prescription tables for the batch benchmarks (run on demand; never a test).

Rows as an outpatient claims extract has them: mostly good, with about 3% of the problems real
extracts hold (a misspelt or unknown drug, a non-opioid, a drug the table has no factor for, a
zero dose, an empty days supply, a route written ``PO``), so that statuses and messages cost what
they cost in real use.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

#: (drug, route, unit, cdc2022 factor or None, share of rows)
DRUGS = [
    ("oxycodone", "oral", "mg", 1.5, 0.30), ("hydrocodone", "oral", "mg", 1.0, 0.20),
    ("morphine", "oral", "mg", 1.0, 0.12), ("tramadol", "oral", "mg", 0.2, 0.12),
    ("hydromorphone", "oral", "mg", 5.0, 0.05), ("fentanyl", "transdermal", "mcg/h", 2.4, 0.05),
    ("methadone", "oral", "mg", 4.7, 0.03), ("codeine", "oral", "mg", 0.15, 0.03),
    ("tapentadol", "oral", "mg", 0.4, 0.03), ("oxymorphone", "oral", "mg", 3.0, 0.02),
    ("oxycodone", "PO", "mg", 1.5, 0.02),            # a spelling the library reads, a join does not
    ("buprenorphine", "transdermal", "mcg/h", None, 0.01),  # no factor in cdc2022
    ("acetaminophen", "oral", "mg", None, 0.01),     # not an opioid
    ("oxycodne", "oral", "mg", None, 0.01),          # unknown drug
]

FACTORS = pl.DataFrame(
    [(d, r, u, f) for d, r, u, f, _ in DRUGS if f is not None and r == r.lower()],
    schema={"drug": pl.String, "route": pl.String, "unit": pl.String, "factor": pl.Float64},
    orient="row",
)


def prescriptions(rows: int, patients: int | None = None, seed: int = 1) -> pl.DataFrame:
    """``rows`` prescriptions of ``patients`` patients (default rows // 5)."""
    rng = np.random.default_rng(seed)
    patients = patients or max(rows // 5, 1)
    shares = np.array([d[4] for d in DRUGS])
    pick = rng.choice(len(DRUGS), size=rows, p=shares / shares.sum())
    pick_series = pl.Series("pick", pick, dtype=pl.UInt32)

    def column(index: int) -> pl.Series:
        values = pl.Series([d[index] for d in DRUGS], dtype=pl.String)
        return values.gather(pick_series)

    dose = rng.choice([5.0, 10.0, 12.5, 15.0, 25.0, 50.0], rows)
    dose[rng.random(rows) < 0.002] = 0.0  # a zero dose
    days = rng.choice([7.0, 14.0, 28.0, 30.0], rows)
    days[rng.random(rows) < 0.003] = np.nan  # an empty days supply
    return pl.DataFrame({
        "patient_id": rng.integers(0, patients, rows, dtype=np.int64),
        "drug": column(0), "route": column(1),
        "dose": dose, "unit": column(2),
        "doses_per_day": rng.choice([1.0, 2.0, 3.0, 4.0], rows),
        "days_supply": pl.Series(days).fill_nan(None),
    })


def write_parquet(rows: int, path: Path, patients: int | None = None,
                  chunk: int = 5_000_000) -> Path:
    """Write ``rows`` prescriptions to a Parquet file, chunk by chunk (bounded memory)."""
    import pyarrow.parquet as pq

    writer = None
    try:
        for seed, start in enumerate(range(0, rows, chunk), start=1):
            part = prescriptions(min(chunk, rows - start), patients or max(rows // 5, 1), seed)
            table = part.to_arrow()
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema)
            writer.write_table(table, row_group_size=1_000_000)
    finally:
        if writer is not None:
            writer.close()
    return path
