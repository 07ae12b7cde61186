#!/usr/bin/env bash
# Make the dashboard's browser tests runnable: Debian's chromium (no browser download from
# playwright) and the playwright Python package in the project's virtualenv.
# Usage: scripts/browser.sh [python]   (default: .venv/bin/python)
set -euo pipefail
PY="${1:-.venv/bin/python}"

if ! command -v chromium >/dev/null 2>&1; then
    echo "installing Debian's chromium" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
fi

if ! "$PY" -c "import playwright" >/dev/null 2>&1; then
    echo "installing playwright (Python package only; the browser is Debian's)" >&2
    "$PY" -m pip install -q "playwright>=1.44"
fi

chromium --version >&2
echo "browser tests: $PY -m pytest -m browser tests/serve" >&2
