"""Per-patient MME, Parquet in → Parquet out, against a hand-written polars job (not a test).

    python benchmarks/bench_patients.py [ROWS ...] [--runs N] [--dir DIR] [--before SRC]
    python benchmarks/bench_patients.py 20000000 50000000      # the issue's sizes

For each size, writes a synthetic prescription file (``_data.py``: ROWS rows of ROWS/5 patients,
about 3% bad rows) and times, each in a fresh process (so that peak memory is that job's own:
the maximum resident set size the kernel reports for the child), in interleaved rounds:

- **mpsdose**: ``write_table(per_patient_mme(read_table(IN)), OUT)`` (what
  ``mpsdose batch IN -o OUT --per-patient`` runs; ``per_patient(batch_mme(…))`` where
  ``per_patient_mme`` does not exist, to measure an older mpsdose);
- **hand**: the same job written by hand in polars: scan, join to a factor table, multiply, one
  ``group_by`` summing MME × days, days and MME per patient, sink to Parquet.

Prints medians of time, peak memory and CPU time, and the ratios to the hand job (target, issue
18: ≤ 1.5× of time and memory, flat as rows grow): for each round the ratio of the jobs run one
after the other, then the median and the spread of those paired ratios over the rounds; and the
load average (CPU time is the steadier measure on a busy machine).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent

OURS = """
import sys
from mpsdose.io.batch import read_table, write_table
try:
    from mpsdose.io.batch import per_patient_mme
except ImportError:  # before issue 18: the two calls
    from mpsdose.io.batch import batch_mme, per_patient

    def per_patient_mme(source, table):
        return per_patient(batch_mme(source, table))
write_table(per_patient_mme(read_table(sys.argv[1]), "cdc2022"), sys.argv[2])
"""

HAND = """
import sys
import polars as pl
from _data import FACTORS
mme = pl.col("dose") * pl.col("doses_per_day") * pl.col("factor")
(pl.scan_parquet(sys.argv[1])
 .join(FACTORS.lazy(), on=["drug", "route", "unit"], how="left")
 .with_columns(mme.alias("mme"))
 .group_by("patient_id")
 .agg((pl.col("mme") * pl.col("days_supply")).sum().alias("total_mme"),
      pl.col("days_supply").sum().alias("total_days"), pl.col("mme").sum().alias("mme_def4"))
 .sink_parquet(sys.argv[2]))
"""


def run(code: str, source: Path, output: Path,
        pythonpath: str | None = None) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in GiB, CPU seconds) of one job in a fresh process, importing
    mpsdose from ``pythonpath`` (default: this process's PYTHONPATH)."""
    # the jobs run in this folder: a relative PYTHONPATH (PYTHONPATH=src) is made absolute
    # here, else the child would import whatever mpsdose is installed instead
    given = os.environ.get("PYTHONPATH", "") if pythonpath is None else pythonpath
    path = [str(HERE)] + [os.path.abspath(p) for p in given.split(os.pathsep) if p]
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, str(source), str(output)],
                               cwd=HERE, env={**os.environ, "PYTHONPATH": os.pathsep.join(path)})
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"job failed ({status})")
    # ru_maxrss is in KiB on Linux
    return seconds, usage.ru_maxrss / 2**20, usage.ru_utime + usage.ru_stime


def _paired(results: dict[str, list[tuple[float, float, float]]], i: int, name: str,
            baseline: str = "hand") -> str:
    """The median, lowest and highest ratio ``name`` / ``baseline`` of measure ``i`` over the
    rounds (each round's jobs ran one after the other: paired, as the load of the machine
    changes from round to round)."""
    ratios = [a[i] / b[i] for a, b in zip(results[name], results[baseline], strict=True)]
    return f"{statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", nargs="*", type=int, default=[20_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", default=None, help="where to write the files (default: /tmp)")
    parser.add_argument("--before", default=None, metavar="SRC",
                        help="also time the mpsdose job importing mpsdose from SRC (another "
                             "checkout's src folder), interleaved, as the job 'before'")
    args = parser.parse_args()
    jobs = [("mpsdose", OURS, None), ("hand", HAND, None)]
    if args.before:
        jobs.insert(1, ("before", OURS, args.before))
    print(f"{'rows':>12} {'job':7} {'median s':>9} {'peak GiB':>9} {'CPU s':>6} "
          f"{'time × (spread)':>18} {'memory × (spread)':>18} {'CPU × (spread)':>18}")
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        for rows in args.rows:
            source = Path(folder) / f"prescriptions-{rows}.parquet"
            # written by a child process: the peak memory the kernel reports for a job counts
            # the memory of the process that started it (its pages before exec), so this one
            # stays small (generating 20M rows here had made every job's peak at least 1.28 GiB)
            subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                            "from _data import write_parquet; "
                            "write_parquet(int(sys.argv[1]), Path(sys.argv[2]))",
                            str(rows), str(source)], cwd=HERE, check=True)
            results: dict[str, list[tuple[float, float, float]]] = {name: [] for name, *_ in jobs}
            for _ in range(args.runs):
                for name, code, pythonpath in jobs:
                    output = Path(folder) / f"{name}.parquet"
                    results[name].append(run(code, source, output, pythonpath))
                    output.unlink()
            source.unlink()
            for name, values in results.items():
                seconds, peak, cpu = (statistics.median(r[i] for r in values) for i in range(3))
                ratios = [_paired(results, i, name) if name != "hand" else "1"
                          for i in range(3)]
                print(f"{rows:12,} {name:7} {seconds:9.2f} {peak:9.2f} {cpu:6.1f} "
                      f"{ratios[0]:>18} {ratios[1]:>18} {ratios[2]:>18}")
            if args.before:
                print(f"mpsdose / before: time {_paired(results, 0, 'mpsdose', 'before')}, "
                      f"memory {_paired(results, 1, 'mpsdose', 'before')}, "
                      f"CPU {_paired(results, 2, 'mpsdose', 'before')}")
            print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
