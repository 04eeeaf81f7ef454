"""Batch MME at population scale against hand-written polars, measured in the same run.

    python benchmarks/bench_batch.py [ROWS]        # default 1,000,000

Prints, for ROWS synthetic prescriptions: the batch API vs a hand-written polars join-and-multiply
of the same factors (target ≤ 2×), per-patient definitions vs a hand-written polars group_by
(target ≤ 2×), and the peak memory of the process. Medians of 5 runs each.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time

import numpy as np
import polars as pl

from mpsdose.io.batch import batch_mme, per_patient

DRUGS = [("oxycodone", "oral", "mg", 1.5), ("morphine", "oral", "mg", 1.0),
         ("hydromorphone", "oral", "mg", 5.0), ("tramadol", "oral", "mg", 0.2),
         ("fentanyl", "transdermal", "mcg/h", 2.4), ("methadone", "oral", "mg", 4.7),
         ("codeine", "oral", "mg", 0.15), ("tapentadol", "oral", "mg", 0.4)]


def synthetic(rows: int) -> pl.DataFrame:
    rng = np.random.default_rng(1)
    pick = rng.integers(0, len(DRUGS), rows)
    return pl.DataFrame({
        "patient_id": rng.integers(0, rows // 5 + 1, rows),
        "drug": [DRUGS[i][0] for i in pick],
        "route": [DRUGS[i][1] for i in pick],
        "dose": rng.choice([5.0, 10.0, 12.0, 25.0, 50.0], rows),
        "unit": [DRUGS[i][2] for i in pick],
        "doses_per_day": rng.choice([1.0, 2.0, 3.0, 4.0], rows),
        "days_supply": rng.choice([7.0, 14.0, 30.0], rows),
    })


def median_seconds(function, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    frame = synthetic(rows)
    factors = pl.DataFrame({"drug": [d[0] for d in DRUGS], "route": [d[1] for d in DRUGS],
                            "unit": [d[2] for d in DRUGS], "factor": [d[3] for d in DRUGS]})

    def hand_rows() -> pl.DataFrame:
        return (frame.join(factors, on=["drug", "route", "unit"], how="left")
                .with_columns((pl.col("dose") * pl.col("doses_per_day") * pl.col("factor"))
                              .alias("mme_per_day")))

    def ours() -> pl.DataFrame:
        return batch_mme(frame, "cdc2022")

    check = ours()
    assert np.allclose(check["mme_per_day"].to_numpy(), hand_rows()["mme_per_day"].to_numpy())
    rows_ours, rows_hand = median_seconds(ours), median_seconds(hand_rows)
    done = hand_rows()

    def hand_patients() -> pl.DataFrame:
        return done.group_by("patient_id").agg(
            (pl.col("mme_per_day") * pl.col("days_supply")).sum().alias("total_mme"),
            pl.col("days_supply").sum().alias("total_days"),
            pl.col("mme_per_day").sum().alias("mme_def4"))

    pat_ours = median_seconds(lambda: per_patient(check))
    pat_hand = median_seconds(hand_patients)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{rows:,} rows, polars {pl.__version__}")
    print(f"batch_mme:   {rows_ours:6.3f} s  vs hand join-and-multiply {rows_hand:6.3f} s  "
          f"ratio {rows_ours / rows_hand:4.2f}x  ({rows / rows_ours:,.0f} rows/s)")
    print(f"per_patient: {pat_ours:6.3f} s  vs hand group_by          {pat_hand:6.3f} s  "
          f"ratio {pat_ours / pat_hand:4.2f}x")
    print(f"peak memory (max RSS): {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
