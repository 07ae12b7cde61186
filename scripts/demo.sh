#!/usr/bin/env bash
# Install warlog, ingest the bundled examples (and ../shared/corpus/seed when present), print the events.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
mkdir -p artifacts
db=artifacts/demo.db
rm -f "$db" "$db-wal" "$db-shm"
inputs=(examples)
if [ -f ../shared/corpus/seed/raw.txt ]; then inputs+=(../shared/corpus/seed/raw.txt); fi
.venv/bin/warlog ingest "${inputs[@]}" --db "$db" --no-progress
.venv/bin/warlog events --db "$db"
.venv/bin/warlog claims --db "$db" --check
