#!/usr/bin/env bash
# Everything the tests need, then the tests: install, start PostgreSQL and install Chromium
# (Debian packages, via our own scripts), lint, type-check, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
eval "$(scripts/postgres.sh)"   # starts a throwaway cluster, exports WARLOG_TEST_PG_URL
scripts/browser.sh
.venv/bin/ruff check src tests eval bench scripts
.venv/bin/mypy
.venv/bin/pytest -q -p no:cacheprovider "$@"
