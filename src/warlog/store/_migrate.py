"""Find the schema migrations that apply to a backend, in the order they must run.

A migration is a file in ``store/migrations``: ``NNNN_name.sql`` runs on every backend,
``NNNN_name.sqlite.sql`` or ``NNNN_name.postgres.sql`` on one. Each runs once; the store
records ``(version, name)`` in ``schema_migrations`` inside the same transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Literal

from warlog.errors import StoreError

__all__ = ["BACKENDS", "Backend", "Migration", "discover_migrations", "parse_migration_name"]

Backend = Literal["sqlite", "postgres"]
BACKENDS: tuple[Backend, ...] = ("sqlite", "postgres")

_FILE_NAME = re.compile(r"^(?P<version>\d{4})_(?P<name>[a-z0-9_]+?)(?:\.(?P<backend>sqlite|postgres))?\.sql$")

SCHEMA_MIGRATIONS_DDL = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER NOT NULL,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (version, name)
)
"""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    backend: Backend | None
    sql: str

    @property
    def key(self) -> tuple[int, str]:
        return (self.version, self.name)


def parse_migration_name(file_name: str) -> tuple[int, str, Backend | None] | None:
    """``0002_fts.sqlite.sql`` -> (2, 'fts', 'sqlite'); None for a file that is not a migration."""
    match = _FILE_NAME.match(file_name)
    if match is None:
        return None
    backend = match.group("backend")
    return int(match.group("version")), match.group("name"), backend  # type: ignore[return-value]


def discover_migrations(backend: Backend, folder: Traversable | None = None) -> list[Migration]:
    """Every migration for ``backend``, sorted by (version, name); a malformed name is an error."""
    root = folder if folder is not None else resources.files("warlog.store").joinpath("migrations")
    found: list[Migration] = []
    for entry in root.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        parsed = parse_migration_name(entry.name)
        if parsed is None:
            raise StoreError(
                f"store/migrations/{entry.name}: not a migration name (want NNNN_name[.backend].sql)"
            )
        version, name, only = parsed
        if only is not None and only != backend:
            continue
        found.append(Migration(version, name, only, entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.key)
    keys = [m.key for m in found]
    if len(set(keys)) != len(keys):
        raise StoreError(f"store/migrations: two files share a version and name for {backend}")
    return found
