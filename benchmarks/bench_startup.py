"""CLI start-up against a baseline, measured in the same run (a script, not a test).

    python benchmarks/bench_startup.py

Prints the median wall time of ``mpsdose total "oxycodone 20 mg/day"`` and ``mpsdose --help``
against ``python -c "import click, tabulate, attrs"`` (the libraries any such CLI loads), and the
ratios. Target (issue 7): at most 1.5× the baseline.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from _timing import median_wall


def main() -> None:
    script = shutil.which("mpsdose") or str(Path(sys.executable).parent / "mpsdose")
    baseline = median_wall([sys.executable, "-c", "import click, tabulate, attrs"])
    total = median_wall([script, "total", "oxycodone 20 mg/day"])
    helped = median_wall([script, "--help"])
    print(f"baseline  python -c 'import click, tabulate, attrs': {baseline * 1000:6.1f} ms")
    print(f"mpsdose total 'oxycodone 20 mg/day':                {total * 1000:6.1f} ms "
          f"({total / baseline:.2f}x)")
    print(f"mpsdose --help:                                     {helped * 1000:6.1f} ms "
          f"({helped / baseline:.2f}x)")


if __name__ == "__main__":
    main()
