#!/usr/bin/env bash
# Create .venv (if missing) and install mpsdose into it, editable, with the extras named as
# arguments (e.g. `bash scripts/setup.sh test`).
set -euo pipefail
cd "$(dirname "$0")/.."
extras=$(IFS=,; echo "$*")
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}"
# Compile mpsdose's bytecode, as pip does when it installs a wheel: an editable install never
# does, and with PYTHONDONTWRITEBYTECODE set (as in CI) Python never writes it either, so every
# command would compile the package again at start-up (tens of milliseconds; issue 18).
.venv/bin/python -m compileall -q src/mpsdose
