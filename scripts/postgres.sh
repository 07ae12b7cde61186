#!/usr/bin/env bash
# A throwaway PostgreSQL for warlog's tests: installs Debian's server (and PostGIS when the
# archive has it) if missing, runs a private cluster under .pg/ on 127.0.0.1, creates the
# test database and prints the URL on stdout. Idempotent; no input; run as root in CI.
#
#   eval "$(scripts/postgres.sh)"     # sets WARLOG_TEST_PG_URL
#   scripts/postgres.sh stop          # stops the cluster (the data stays in .pg/)
#   scripts/postgres.sh destroy       # stops it and deletes .pg/
#
# Environment: WARLOG_PG_DIR (default <repo>/.pg, or a folder under /tmp when the checkout is out
# of the postgres user's reach), WARLOG_PG_PORT (54329), WARLOG_PG_DB (warlog_test).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${WARLOG_PG_PORT:-54329}"
DB="${WARLOG_PG_DB:-warlog_test}"
ACTION="${1:-start}"

say() { echo "postgres.sh: $*" >&2; }

find_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; fi
}

APT_UPDATED=0
apt_install() {
    if [[ $(id -u) -ne 0 ]]; then
        say "need root to apt-get install $*"
        return 1
    fi
    if [[ $APT_UPDATED -eq 0 ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# Run a command as the cluster owner: 'postgres' when we are root (initdb refuses root).
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")  # from /: the caller's folder may be closed to it
    else
        "$@"
    fi
}

# Where the cluster lives. As root the server runs as 'postgres', which cannot enter a checkout
# in a private folder (mktemp -d makes it 0700): the cluster then goes under /tmp, named by the
# checkout's path so that start, stop and destroy find the same one.
cluster_dir() {
    if [[ -n "${WARLOG_PG_DIR:-}" ]]; then
        echo "$WARLOG_PG_DIR"
    elif [[ $(id -u) -eq 0 ]] && id postgres >/dev/null 2>&1 && ! as_owner test -x "$ROOT"; then
        echo "${TMPDIR:-/tmp}/warlog-pg-$(printf '%s' "$ROOT" | sha1sum | cut -c1-12)"
    else
        echo "$ROOT/.pg"
    fi
}

BIN="$(find_bin)"
if [[ "$ACTION" == "stop" || "$ACTION" == "destroy" ]]; then
    PGDIR="$(cluster_dir)"
    if [[ -n "$BIN" && -f "$PGDIR/data/PG_VERSION" ]] && as_owner "$BIN/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
        as_owner "$BIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >&2
    fi
    if [[ "$ACTION" == "destroy" ]]; then rm -rf "$PGDIR"; fi
    exit 0
fi
if [[ "$ACTION" != "start" ]]; then
    say "unknown action '$ACTION' (want start, stop or destroy)"
    exit 2
fi

if [[ -z "$BIN" ]]; then
    say "installing Debian's postgresql"
    apt_install postgresql
    BIN="$(find_bin)"
fi
VERSION="$(basename "$(dirname "$BIN")")"
if [[ ! -e "/usr/share/postgresql/$VERSION/extension/postgis.control" && $(id -u) -eq 0 ]]; then
    say "installing PostGIS (optional)"
    apt_install "postgresql-$VERSION-postgis-3" || say "PostGIS is not available; continuing without it"
fi

PGDIR="$(cluster_dir)"  # after the install: the postgres user may be new
mkdir -p "$PGDIR/run"
if [[ $(id -u) -eq 0 ]]; then chown -R postgres: "$PGDIR"; fi

if [[ ! -f "$PGDIR/data/PG_VERSION" ]]; then
    say "creating a cluster in $PGDIR/data"
    as_owner "$BIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi

if ! as_owner "$BIN/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
    say "starting PostgreSQL $VERSION on 127.0.0.1:$PORT"
    as_owner "$BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
        -o "-p $PORT -k $PGDIR/run -c listen_addresses=127.0.0.1 -c max_connections=100 -c fsync=off" start >&2
fi

PSQL=("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
if [[ "$("${PSQL[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]]; then
    say "creating database $DB"
    "${PSQL[@]}" -d postgres -c "CREATE DATABASE \"$DB\"" >/dev/null
fi

echo "export WARLOG_TEST_PG_URL=postgresql://postgres@127.0.0.1:$PORT/$DB"
