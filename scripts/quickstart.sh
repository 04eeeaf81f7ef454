#!/usr/bin/env bash
# Set up .venv with mpsdose, then total a shipped example: case 1 of Takamatsu 2018
# (malignant psoas syndrome) on admission, with oral morphine equivalents.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/mpsdose total -f examples/takamatsu2018-case1.toml --state admission
