#!/usr/bin/env bash
# Everything the tests need, then the tests: install, start PostgreSQL and install Chromium
# (Debian packages, via our own scripts), lint, type-check, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
pg_env=$(scripts/postgres.sh)   # a throwaway cluster under .pg/; prints 'export WARLOG_TEST_PG_URL=...'
eval "$pg_env"
if [ -z "${WARLOG_TEST_PG_URL:-}" ]; then echo "test.sh: PostgreSQL did not start" >&2; exit 1; fi
scripts/browser.sh
.venv/bin/ruff check src tests eval bench scripts
.venv/bin/mypy
.venv/bin/pytest -q -p no:cacheprovider "$@"
