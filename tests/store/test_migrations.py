"""Migrations: discovered by name, filtered by backend, applied once and recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warlog.errors import StoreError
from warlog.store._migrate import discover_migrations, parse_migration_name

from .factories import StoreFactory


def test_opening_twice_applies_each_migration_once(make_store: StoreFactory, backend: str) -> None:
    first = make_store()
    expected = [m.key for m in discover_migrations(first.backend)]
    assert first.applied_migrations() == expected
    assert expected[0] == (1, "initial")

    first.close()
    again = make_store()
    assert again.applied_migrations() == expected
    rows, _ = again._execute("SELECT COUNT(*) AS n FROM schema_migrations")
    assert rows[0]["n"] == len(expected)


def test_backend_specific_files_run_only_on_their_backend(tmp_path: Path) -> None:
    for name in (
        "0001_base.sql",
        "0002_fts.sqlite.sql",
        "0002_geo.postgres.sql",
        "0003_more.sql",
        "README.md",
    ):
        (tmp_path / name).write_text("SELECT 1;", encoding="utf-8")
    sqlite = [(m.version, m.name) for m in discover_migrations("sqlite", tmp_path)]
    postgres = [(m.version, m.name) for m in discover_migrations("postgres", tmp_path)]
    assert sqlite == [(1, "base"), (2, "fts"), (3, "more")]
    assert postgres == [(1, "base"), (2, "geo"), (3, "more")]


def test_a_misnamed_migration_is_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "1_oops.sql").write_text("SELECT 1;", encoding="utf-8")
    with pytest.raises(StoreError, match=r"1_oops\.sql"):
        discover_migrations("sqlite", tmp_path)


@given(
    version=st.integers(0, 9999),
    name=st.from_regex(r"[a-z0-9_]{1,20}", fullmatch=True),
    backend=st.sampled_from([None, "sqlite", "postgres"]),
)
def test_migration_names_parse_back(version: int, name: str, backend: str | None) -> None:
    file_name = f"{version:04d}_{name}{'.' + backend if backend else ''}.sql"
    assert parse_migration_name(file_name) == (version, name, backend)


@given(st.text(max_size=30))
def test_other_names_are_not_migrations_or_parse_consistently(file_name: str) -> None:
    parsed = parse_migration_name(file_name)
    if parsed is not None:
        version, name, backend = parsed
        assert file_name == f"{version:04d}_{name}{'.' + backend if backend else ''}.sql"
