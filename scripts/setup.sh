#!/usr/bin/env bash
# Create .venv (if missing) and install mpsdose into it, editable, with the extras named as
# arguments (e.g. `bash scripts/setup.sh test`).
set -euo pipefail
cd "$(dirname "$0")/.."
extras=$(IFS=,; echo "$*")
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}"
