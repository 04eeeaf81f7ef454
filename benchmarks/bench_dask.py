"""Batch MME on a Dask cluster against one polars process, measured in the same run (not a test).

    python benchmarks/bench_dask.py [ROWS] [--runs N] [--files F]     # default 10,000,000 rows

Writes ROWS synthetic prescriptions (``_data.py``) as F Parquet files, then times, in
interleaved rounds, the same job — every row's MME, Parquet in, Parquet out:

- **polars**: one process, ``write_table(batch_mme(read_table(files)), out)`` (streaming);
- **dask ×1**, **dask ×2**: ``batch_dask(dd.read_parquet(folder)).to_parquet(out)`` on a
  distributed ``LocalCluster`` of one and of two worker processes (one thread each), each
  worker writing its own partitions. The cluster is started before the clock starts.

Prints medians, the speed-up from one worker to two, and each against one polars process; and
checks that every job wrote the same number of rows and the same total MME.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", nargs="?", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", type=int, default=20)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import dask.dataframe as dd
    import polars as pl
    from _data import prescriptions
    from distributed import Client, LocalCluster

    from mpsdose.io.batch import batch_dask, batch_mme, read_table, write_table

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in"
        source.mkdir()
        per_file = args.rows // args.files
        for i in range(args.files):
            prescriptions(per_file, max(args.rows // 5, 1), seed=i + 1).write_parquet(
                source / f"part-{i:03}.parquet")

        def polars_job(out: Path) -> None:
            write_table(batch_mme(read_table(str(source / "*.parquet")), "cdc2022"),
                        out / "rows.parquet")

        def dask_job(out: Path) -> None:
            batch_dask(dd.read_parquet(str(source)), "cdc2022").to_parquet(
                str(out), write_index=False)

        def written(out: Path) -> tuple[int, float]:
            table = pl.scan_parquet(str(out / "*.parquet"))
            rows, mme = table.select(pl.len(), pl.col("mme_per_day").sum()).collect().row(0)
            return rows, round(mme, 3)

        times: dict[str, list[float]] = {"polars": [], "dask ×1": [], "dask ×2": []}
        results: dict[str, tuple[int, float]] = {}
        # one thread per worker, and polars in each worker on one thread too: a worker is a
        # core (polars would otherwise start a thread per core in every worker)
        clusters = {name: LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR,
                                       env={"POLARS_MAX_THREADS": "1"})
                    for name, n in (("dask ×1", 1), ("dask ×2", 2))}
        try:
            for round_ in range(args.runs):
                for name in times:
                    out = Path(folder) / f"out-{name[-1]}-{round_}"
                    out.mkdir()
                    if name == "polars":
                        start = time.perf_counter()
                        polars_job(out)
                    else:
                        with Client(clusters[name]):
                            start = time.perf_counter()
                            dask_job(out)
                    times[name].append(time.perf_counter() - start)
                    results[name] = written(out)
        finally:
            for cluster in clusters.values():
                cluster.close()
        assert len(set(results.values())) == 1, results
        median = {name: statistics.median(values) for name, values in times.items()}
        print(f"{args.rows:,} rows in {args.files} Parquet files, {args.runs} interleaved rounds; "
              f"every job wrote {results['polars'][0]:,} rows, total MME {results['polars'][1]:,}")
        print(f"{'job':9} {'median s':>9} {'rows/s':>12} {'× polars':>9}")
        for name, seconds in median.items():
            print(f"{name:9} {seconds:9.2f} {args.rows / seconds:12,.0f} "
                  f"{seconds / median['polars']:9.2f}")
        print(f"dask 1 → 2 workers: {median['dask ×1'] / median['dask ×2']:.2f}× faster")


if __name__ == "__main__":
    main()
