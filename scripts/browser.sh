#!/usr/bin/env bash
# What the browser tests need on a fresh machine: Debian's headless Chromium (apt) and axe-core
# (npm, into build/axe). The Playwright package comes with the test extra and drives this
# Chromium; it never downloads a browser of its own. Logs go to build/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "browser.sh: no chromium, and no apt-get as root to install it" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >build/apt.log 2>&1
  apt-get install -y chromium >>build/apt.log 2>&1
fi
echo "browser.sh: $(chromium --version 2>/dev/null)"
if [ ! -f build/axe/node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    npm install --prefix build/axe --no-audit --no-fund --silent axe-core@4.14.1 \
      >build/npm.log 2>&1 || echo "browser.sh: axe-core not installed (see build/npm.log)" >&2
  else
    echo "browser.sh: no npm: the accessibility check will be skipped" >&2
  fi
fi
