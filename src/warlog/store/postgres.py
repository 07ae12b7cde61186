"""PostgreSQL backend, for many writers at once (``warlog[postgres]``, psycopg 3).

Same schema and statements as SQLite. Concurrency: an article is claimed by
``INSERT ... ON CONFLICT DO NOTHING`` on its id and content hash, so two writers never both
store it; linking holds a transaction-level advisory lock per block key, so two writers never
both create the same event. A transaction PostgreSQL picks as a deadlock or serialisation
victim is retried from the start.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, ClassVar, TypeVar

from warlog.errors import MissingExtraError, StoreError
from warlog.settings import Settings
from warlog.store._base import Linker, Store

__all__ = ["PostgresStore", "advisory_key"]

log = logging.getLogger(__name__)

T = TypeVar("T")
MAX_ATTEMPTS = 8
READERS = 4  # idle reader connections kept for concurrent readers (the HTTP API's threads)

try:
    import psycopg
    from psycopg import errors as pg_errors
    from psycopg.rows import dict_row
except ImportError as exc:  # pragma: no cover - depends on the install
    raise MissingExtraError("PostgreSQL storage", "postgres") from exc

_RETRYABLE = (pg_errors.SerializationFailure, pg_errors.DeadlockDetected)
_QMARK = re.compile(r"\?")


@lru_cache(maxsize=512)
def _to_format_style(sql: str) -> str:
    """``?`` -> ``%s``; the shared statements contain no literal ``%`` or ``?``."""
    return _QMARK.sub("%s", sql)


def advisory_key(text: str) -> int:
    """A stable signed 64-bit key for pg_advisory_xact_lock (same in every process and version)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def _redact(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


class PostgresStore(Store):
    backend = "postgres"
    _collate = ' COLLATE "C"'
    _database_errors: ClassVar[tuple[type[Exception], ...]] = (psycopg.Error,)

    def __init__(self, url: str, settings: Settings, linker: Linker | None = None) -> None:
        super().__init__(settings, linker)
        self.url = url
        self._readers: queue.LifoQueue[Any] = queue.LifoQueue()
        try:
            self._conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
            self._retrying(self._migrate)
        except psycopg.Error as exc:
            raise StoreError(f"{_redact(url)}: cannot open the database ({exc})") from exc

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[dict[str, Any]], int]:
        with self._lock, self._conn.cursor() as cursor:
            cursor.execute(_to_format_style(sql), params)
            rows = cursor.fetchall() if cursor.description else []
            return rows, cursor.rowcount

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._lock, self._conn.cursor() as cursor:
            cursor.executemany(_to_format_style(sql), rows)

    def _run_script(self, sql: str) -> None:
        # Without parameters psycopg sends the script as one simple query: several statements run.
        self._conn.execute(sql.encode("utf-8"))

    @contextmanager
    def _write_transaction(self) -> Iterator[None]:
        with self._lock, self._conn.transaction():
            yield

    def _lock_keys(self, keys: Sequence[str]) -> None:
        for key in sorted(set(keys)):
            self._execute("SELECT pg_advisory_xact_lock(?)", (advisory_key(key),))

    def _retrying(self, work: Callable[[], T]) -> T:
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                return work()
            except _RETRYABLE as exc:
                if attempt == MAX_ATTEMPTS:
                    raise
                log.info("transaction retried (%s), attempt %d", type(exc).__name__, attempt + 1)
                time.sleep(0.01 * attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _read(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[dict[str, Any]], int]:
        """Reads run on pooled autocommit connections, in parallel with each other and with writers."""
        if self._conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            return self._execute(sql, params)
        try:
            conn = self._readers.get_nowait()
        except queue.Empty:
            conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row)
        try:
            with conn.cursor() as cursor:
                cursor.execute(_to_format_style(sql), params)
                rows = cursor.fetchall() if cursor.description else []
                count = cursor.rowcount
        except BaseException:
            conn.close()
            raise
        if self._readers.qsize() < READERS:
            self._readers.put(conn)
        else:
            conn.close()
        return rows, count

    def has_postgis(self) -> bool:
        rows, _ = self._execute("SELECT 1 AS hit FROM pg_extension WHERE extname = 'postgis'")
        return bool(rows)
