"""CLI start-up against a baseline, measured in the same run (a script, not a test).

    python benchmarks/bench_startup.py [RUNS]

Compiles the package's bytecode first (as an installed user has it: pip compiles on install,
while an editable install under ``PYTHONDONTWRITEBYTECODE=1`` never does), then times the common
commands and ``python -c "import click, tabulate, attrs"`` (the libraries any such CLI loads)
in interleaved rounds, so that a busy machine slows both alike, and prints medians and ratios.
Target (issue 18): every common command within 1.2× of the baseline. On a shared machine the
ratio of each round (command and baseline run back to back) is steadier than the ratio of the
medians; both are printed, with the quartiles of the per-round ratio as the noise.
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import mpsdose

COMMANDS = {
    "total": ["total", "oxycodone 20 mg/day"],
    "check": ["check", "oxycodone 20 mg/day"],
    "convert": ["convert", "oxycodone 60 mg/day", "--to", "morphine po"],
    "methadone": ["methadone", "morphine 200 mg/day"],
    "--help": ["--help"],
}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    compileall.compile_dir(str(Path(mpsdose.__file__).parent), quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    script = shutil.which("mpsdose") or str(Path(sys.executable).parent / "mpsdose")
    commands = {"baseline": [sys.executable, "-c", "import click, tabulate, attrs"]}
    commands |= {name: [script, *args] for name, args in COMMANDS.items()}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # warm the file cache
        subprocess.run(command, check=False, capture_output=True, env=env)
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, check=False, capture_output=True, env=env)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["baseline"])
    print(f"{'command':12} {'median ms':>10} {'× baseline':>11} {'ratio per round':>16}   "
          f"({runs} interleaved rounds; per round: median and quartiles of command/baseline)")
    for name, values in times.items():
        median = statistics.median(values)
        ratios = sorted(v / b for v, b in zip(values, times["baseline"], strict=True))
        low, mid, high = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else ratios * 3
        print(f"{name:12} {median * 1000:10.1f} {median / base:11.2f} "
              f"{mid:7.2f} ({low:.2f}–{high:.2f})")


if __name__ == "__main__":
    main()
