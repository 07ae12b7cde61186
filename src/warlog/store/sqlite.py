"""SQLite backend: the default, one file, safe to kill at any moment.

WAL journal and one ``BEGIN IMMEDIATE`` transaction per article, or per batch given to
``add_articles`` (a savepoint per article): a crash loses at most what was being written, a
rerun stores it, and concurrent writers (threads or processes) wait for each other
instead of failing, up to the busy timeout. Writers on one machine first queue on an ``flock``
of ``<db>-writer`` (where the OS has it): the kernel wakes the next one as soon as the
lock is free, where SQLite's busy handler sleeps in steps of up to 100 ms (Dask workers
sharing one file spent a tenth of their time asleep on a free lock).
"""

from __future__ import annotations

import logging
import os
import queue
import sqlite3
from collections.abc import Hashable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, ClassVar

from warlog.errors import StoreError
from warlog.settings import Settings
from warlog.store._base import Linker, Store

try:
    import fcntl
except ImportError:  # Windows: SQLite's busy handler alone
    fcntl = None  # type: ignore[assignment]

__all__ = ["SQLiteStore"]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 60_000
READERS = 4  # idle read-only connections kept for concurrent readers (the HTTP API's threads)


def _statements(script: str) -> Iterator[str]:
    """Split a script into complete statements (trigger bodies with inner ';' stay whole)."""
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            buffer = ""
            if any(line.strip() and not line.strip().startswith("--") for line in statement.splitlines()):
                yield statement
    if buffer.strip(" \n\t;"):
        remainder = "\n".join(line for line in buffer.splitlines() if not line.strip().startswith("--"))
        if remainder.strip(" \n\t;"):
            raise StoreError(f"incomplete SQL statement in migration: {buffer.strip()[:80]!r}")


class SQLiteStore(Store):
    backend = "sqlite"
    batch_transactions = True  # each commit flushes the WAL and the full-text indexes: ~0.6 ms
    _database_errors: ClassVar[tuple[type[Exception], ...]] = (sqlite3.Error,)

    def __init__(self, path: str | Path, settings: Settings, linker: Linker | None = None) -> None:
        super().__init__(settings, linker)
        self.path = str(path)
        self._turn_fd: int | None = None
        self._readers: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        if self.path != ":memory:" and not Path(self.path).parent.exists():
            raise StoreError(f"{self.path}: folder {Path(self.path).parent} does not exist")
        try:
            self._conn = sqlite3.connect(
                self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
            self._conn.row_factory = sqlite3.Row
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from exc

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[dict[str, Any]], int]:
        with self._lock:
            cursor = self._conn.execute(sql, params)
            rows = [dict(row) for row in cursor.fetchall()] if cursor.description else []
            return rows, cursor.rowcount

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._lock:
            self._conn.executemany(sql, rows)

    def _run_script(self, sql: str) -> None:
        for statement in _statements(sql):
            self._conn.execute(statement)

    @contextmanager
    def _writer_turn(self) -> Iterator[None]:
        """Wait for this file's other writers (any process on this machine) without polling."""
        if self._turn_fd is None:
            try:
                self._turn_fd = os.open(self.path + "-writer", os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:  # e.g. a read-only folder: SQLite's own locking still holds
                log.debug("%s: no writer queue (%s)", self.path, exc)
                self._turn_fd = -1
        if self._turn_fd < 0:
            yield
            return
        fcntl.flock(self._turn_fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self._turn_fd, fcntl.LOCK_UN)

    def _close(self) -> None:
        super()._close()
        if self._turn_fd is not None and self._turn_fd >= 0:
            os.close(self._turn_fd)
            self._turn_fd = None

    @contextmanager
    def _write_transaction(self) -> Iterator[None]:
        queued = fcntl is not None and self.path != ":memory:"
        with self._lock, self._writer_turn() if queued else nullcontext():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _lock_keys(self, keys: Sequence[str]) -> None:
        """BEGIN IMMEDIATE already holds the one database write lock: nothing more to take."""

    def _open_reader(self) -> sqlite3.Connection:
        """A read-only connection: a bug in a read path cannot damage the database."""
        uri = Path(self.path).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA query_only = 1")
        conn.execute("PRAGMA cache_size = -16000")
        return conn

    def _read(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[dict[str, Any]], int]:
        """Reads run on pooled read-only connections, in parallel with each other and with a writer."""
        rows, count = self._on_reader(sql, params)
        return [dict(row) for row in rows], count

    def _read_tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Plain tuples straight from SQLite: no Row objects to build, copy and garbage-collect."""
        rows, _ = self._on_reader(sql, params, as_tuples=True)
        return rows

    def _on_reader(self, sql: str, params: Sequence[Any], as_tuples: bool = False) -> tuple[list[Any], int]:
        if self.path == ":memory:" or self._conn.in_transaction:
            with self._lock:
                return self._fetch(self._conn, sql, params, as_tuples)
        try:
            conn = self._readers.get_nowait()
        except queue.Empty:
            conn = self._open_reader()
        try:
            return self._fetch(conn, sql, params, as_tuples)
        finally:
            if self._readers.qsize() < READERS:
                self._readers.put(conn)
            else:
                conn.close()

    @staticmethod
    def _fetch(
        conn: sqlite3.Connection, sql: str, params: Sequence[Any], as_tuples: bool
    ) -> tuple[list[Any], int]:
        cursor = conn.cursor()
        if as_tuples:
            cursor.row_factory = None
        cursor.execute(sql, params)
        return (cursor.fetchall() if cursor.description else []), cursor.rowcount

    def change_stamp(self) -> Hashable | None:
        """Size and modification time of the database and its WAL: any commit, by any process, changes it."""
        if self.path == ":memory:":
            return None
        stamp: list[int] = []
        for name in (self.path, self.path + "-wal"):
            try:
                st = os.stat(name)
                stamp += [st.st_mtime_ns, st.st_size]
            except FileNotFoundError:
                stamp += [0, 0]
        return tuple(stamp)
