"""Stores to test against: a SQLite file and, when WARLOG_TEST_PG_URL is set, a real PostgreSQL.

Each PostgreSQL test gets its own schema (dropped afterwards), so tests never see each
other's rows and the server is set up once by scripts/postgres.sh.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from warlog.settings import Settings
from warlog.store import Linker, Store, open_store

from .factories import StoreFactory

PG_URL = os.environ.get("WARLOG_TEST_PG_URL", "")


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Any]:
    """An autocommit connection for creating and dropping test schemas."""
    if not PG_URL:
        pytest.skip("WARLOG_TEST_PG_URL is not set (run scripts/postgres.sh)")
    psycopg = pytest.importorskip("psycopg")
    conn = psycopg.connect(PG_URL, autocommit=True)
    has_postgis = conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'").fetchone()
    if has_postgis:  # once, in public, so per-test schemas never own (and drop) it
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public")
    yield conn
    conn.close()


def _pg_target(request: pytest.FixtureRequest) -> str:
    admin = request.getfixturevalue("pg_admin")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE SCHEMA "{schema}"')
    request.addfinalizer(lambda: admin.execute(f'DROP SCHEMA "{schema}" CASCADE'))
    separator = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{separator}options={quote(f'-csearch_path={schema},public')}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def target(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh, empty store lives for this test (a file or a URL with a private schema)."""
    if backend == "postgres":
        return _pg_target(request)
    return str(tmp_path / "warlog.db")


@pytest.fixture
def make_store(target: str) -> Iterator[StoreFactory]:
    opened: list[Store] = []

    def factory(linker: Linker | None = None) -> Store:
        store = open_store(target, Settings(), linker=linker)
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()


@pytest.fixture
def store(make_store: StoreFactory) -> Store:
    return make_store()
