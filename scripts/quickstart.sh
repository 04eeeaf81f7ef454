#!/usr/bin/env bash
# Set up a virtual environment (.venv) with mpsdose, then total a shipped example:
# case 1 of Takamatsu 2018 (malignant psoas syndrome) on admission.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/mpsdose total -f examples/takamatsu2018-case1.toml --state admission
