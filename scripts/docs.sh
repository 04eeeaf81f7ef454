#!/usr/bin/env bash
# Set up .venv with mpsdose and the documentation tools, then build the documentation site into
# build/docs, strictly: any warning (a broken link, a docstring that names a parameter the
# function lacks, a public name no page documents) fails the build.
# Usage: bash scripts/docs.sh            build (what CI runs)
#        bash scripts/docs.sh serve      preview at http://127.0.0.1:8000 while editing
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh docs
# Material for MkDocs prints its end-of-life notice on every build (see docs/architecture.md).
export NO_MKDOCS_2_WARNING=1
if [ "${1:-}" = "serve" ]; then
  shift
  exec .venv/bin/mkdocs serve --strict "$@"
fi
.venv/bin/mkdocs build --strict "$@"
echo "documentation built: build/docs/index.html" >&2
