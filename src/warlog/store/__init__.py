"""Storage: articles, reports, claims and linked events in SQLite or PostgreSQL.

``open_store`` picks the backend from the target (a path or a ``postgresql://`` URL) and
applies pending migrations; the rest of warlog sees only the ``Store`` interface.
"""

from __future__ import annotations

from pathlib import Path

from warlog.errors import MissingExtraError
from warlog.settings import Settings
from warlog.store._base import AddResult, Linker, Store, StoreLinkView
from warlog.store._filters import TALLY_FIELDS, EventQuery, search_words
from warlog.store.sqlite import SQLiteStore

__all__ = [
    "TALLY_FIELDS",
    "AddResult",
    "EventQuery",
    "Linker",
    "SQLiteStore",
    "Store",
    "StoreLinkView",
    "is_postgres_url",
    "open_store",
    "search_words",
]

_PG_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(target: str) -> bool:
    return target.startswith(_PG_SCHEMES)


def open_store(target: str | Path, settings: Settings, linker: Linker | None = None) -> Store:
    """Open (creating and migrating if needed) the store at a SQLite path or a PostgreSQL URL.

    ``linker`` replaces ``warlog.link.link_reports``, e.g. in tests of the store itself.
    """
    text = str(target)
    if is_postgres_url(text):
        try:
            from warlog.store.postgres import PostgresStore
        except ImportError as exc:
            raise MissingExtraError("PostgreSQL storage", "postgres") from exc
        return PostgresStore(text, settings, linker)
    return SQLiteStore(text.removeprefix("sqlite:///"), settings, linker)
