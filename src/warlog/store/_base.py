"""The Store: one implementation of warlog's storage over any SQL backend.

Backends (SQLite, PostgreSQL) supply only a connection, a write transaction, per-block locks
and error types; every statement is shared and written with ``?`` placeholders. That keeps
the two backends from drifting apart: a behaviour tested on one is the code run on the other.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

from warlog.errors import StoreError
from warlog.models import Article, Claim, Event, Extraction, Report, TollRecord
from warlog.settings import Settings
from warlog.store import _codec as codec
from warlog.store._filters import EventQuery
from warlog.store._migrate import SCHEMA_MIGRATIONS_DDL, Backend, discover_migrations

if TYPE_CHECKING:
    from warlog.link.members import LinkCache, StagedLinkCache

__all__ = ["AddResult", "Linker", "Store", "StoreLinkView"]

log = logging.getLogger(__name__)

T = TypeVar("T")
_PAGE = 500
_CURRENT_ID = "coalesce((SELECT al.event_id FROM event_aliases al WHERE al.alias_id = ?), ?)"
"""SQL for the current id of an event given any id it ever had (bind the id twice)."""


@dataclass
class AddResult:
    """What ``add_article`` did: a 'duplicate' article changed nothing."""

    status: Literal["new", "duplicate"]
    article_id: str
    report_ids: list[str] = field(default_factory=list)
    claim_ids: list[str] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)


Linker = Callable[["StoreLinkView", list[Report], Article], None]
"""``warlog.link.link_reports``: decides which stored event each new report joins."""


def _default_linker() -> Linker:
    from warlog.link import link_reports  # a later stage's policy, bound only when first needed

    return link_reports


def _placeholders(count: int) -> str:
    return ", ".join("?" * count)


def _insert_sql(table: str, columns: Sequence[str], on_conflict: str = "") -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({_placeholders(len(columns))}) {on_conflict}"


class Store(ABC):
    """Articles, reports, claims and linked events in one database; see docs/ARCHITECTURE.md."""

    backend: ClassVar[Backend]
    _collate: ClassVar[str] = ""  # appended to text keys so ORDER BY and keyset paging agree

    def __init__(self, settings: Settings, linker: Linker | None = None) -> None:
        self.settings = settings
        self._linker = linker
        self._lock = threading.RLock()
        self._link_cache: LinkCache | None = None  # linked events' members, kept between articles

    # --- what a backend provides -------------------------------------------------------------

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[dict[str, Any]], int]:
        """Run one statement with ``?`` placeholders; return (rows as dicts, rowcount)."""

    @abstractmethod
    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    @abstractmethod
    def _run_script(self, sql: str) -> None:
        """Run several statements inside the current transaction (a migration file)."""

    @abstractmethod
    def _write_transaction(self) -> AbstractContextManager[None]:
        """A transaction that commits on success and rolls back on any exception."""

    @abstractmethod
    def _lock_keys(self, keys: Sequence[str]) -> None:
        """Serialise concurrent writers on these keys until the transaction ends."""

    _conn: Any  # the writer connection
    _readers: queue.LifoQueue[Any]  # idle read-only connections

    def _close(self) -> None:
        """Close the idle readers, then the writer."""
        while True:
            try:
                self._readers.get_nowait().close()
            except queue.Empty:
                break
        self._conn.close()

    _database_errors: ClassVar[tuple[type[Exception], ...]] = ()

    def _retrying(self, work: Callable[[], T]) -> T:
        """Run a write; a backend whose transactions can be chosen as victims retries here."""
        return work()

    # --- schema ------------------------------------------------------------------------------

    def _migrate(self) -> list[str]:
        """Apply pending migrations in one transaction; return the names applied."""
        applied_now: list[str] = []
        with self._lock, self._write_transaction():
            self._lock_keys(["warlog:schema_migrations"])
            self._run_script(SCHEMA_MIGRATIONS_DDL)
            rows, _ = self._execute("SELECT version, name FROM schema_migrations")
            applied = {(row["version"], row["name"]) for row in rows}
            for migration in discover_migrations(self.backend):
                if migration.key in applied:
                    continue
                log.info("applying migration %04d_%s", migration.version, migration.name)
                self._run_script(migration.sql)
                self._execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, codec.now_iso()),
                )
                applied_now.append(f"{migration.version:04d}_{migration.name}")
        return applied_now

    def applied_migrations(self) -> list[tuple[int, str]]:
        rows, _ = self._execute("SELECT version, name FROM schema_migrations ORDER BY version, name")
        return [(row["version"], row["name"]) for row in rows]

    # --- writing -----------------------------------------------------------------------------

    batch_transactions: ClassVar[bool] = False
    """Whether ``add_articles`` writes a batch in one transaction, a savepoint per article."""

    def add_article(self, article: Article, extraction: Extraction) -> AddResult:
        """Store an article with its reports, claims and links in one transaction, or nothing."""
        codec.check_extraction(article, extraction)
        try:
            return self._retrying(lambda: self._add_article(article, extraction))
        except self._database_errors as exc:
            raise StoreError(f"article {article.id}: not stored ({exc})") from exc

    def add_articles(self, items: Sequence[tuple[Article, Extraction]]) -> list[AddResult | StoreError]:
        """Store several articles, each whole or not at all; one's failure is its own, in the list.

        Where the backend commits cheaply only in bulk (SQLite flushes its journal and full-text
        indexes at every commit), the batch shares one transaction with a savepoint per article.
        """
        done: dict[int, AddResult | StoreError] = {}
        valid: list[int] = []
        for index, (article, extraction) in enumerate(items):
            try:
                codec.check_extraction(article, extraction)
            except StoreError as exc:
                done[index] = exc
            else:
                valid.append(index)
        if self.batch_transactions and len(valid) > 1:
            try:
                batch = self._retrying(lambda: self._add_batch([items[i] for i in valid]))
            except self._database_errors as exc:  # the batch as a whole failed: each on its own
                log.warning("a batch of %d articles failed (%s); storing them one by one", len(valid), exc)
            else:
                done.update(zip(valid, batch, strict=True))
                valid = []
        for index in valid:
            try:
                done[index] = self.add_article(*items[index])
            except StoreError as exc:
                done[index] = exc
        return [done[index] for index in range(len(items))]

    def _add_article(self, article: Article, extraction: Extraction) -> AddResult:
        with self._lock, self._write_transaction():
            result, view = self._write_article(article, extraction)
        if view is not None:
            view.committed()
        return result

    def _add_batch(self, items: Sequence[tuple[Article, Extraction]]) -> list[AddResult | StoreError]:
        results: list[AddResult | StoreError] = []
        views: list[StoreLinkView] = []
        with self._lock, self._write_transaction():
            for article, extraction in items:
                self._execute("SAVEPOINT warlog_article")
                try:
                    result, view = self._write_article(article, extraction)
                except self._database_errors as exc:
                    self._execute("ROLLBACK TO SAVEPOINT warlog_article")
                    results.append(StoreError(f"article {article.id}: not stored ({exc})"))
                else:
                    results.append(result)
                    views.extend([view] if view is not None else [])
                self._execute("RELEASE SAVEPOINT warlog_article")
        for view in views:
            view.committed()
        return results

    def _write_article(
        self, article: Article, extraction: Extraction
    ) -> tuple[AddResult, StoreLinkView | None]:
        """The writes of one article inside an open transaction, and the view its linking used."""
        row = codec.article_row(article)
        _, inserted = self._execute(
            _insert_sql("articles", codec.ARTICLE_COLUMNS, "ON CONFLICT DO NOTHING"),
            [row[c] for c in codec.ARTICLE_COLUMNS],
        )
        if inserted == 0:
            rows, _ = self._execute(
                "SELECT article_id FROM articles WHERE article_id = ? OR content_hash = ?",
                (article.id, article.content_hash),
            )
            stored_id = rows[0]["article_id"] if rows else article.id
            log.info("article %s already stored as %s", article.id, stored_id)
            return AddResult("duplicate", stored_id), None
        self._insert_rows("reports", codec.REPORT_COLUMNS, map(codec.report_row, extraction.reports))
        self._insert_rows(
            "evidence",
            codec.EVIDENCE_COLUMNS,
            chain.from_iterable(map(codec.evidence_rows, extraction.reports)),
        )
        self._insert_rows("claims", codec.CLAIM_COLUMNS, map(codec.claim_row, extraction.claims))
        view = StoreLinkView(self, (r.report_id for r in extraction.reports))
        try:
            if extraction.reports:
                linker = self._linker or _default_linker()
                linker(view, list(extraction.reports), article)
        finally:
            view.closed = True
        result = AddResult(
            "new",
            article.id,
            report_ids=[r.report_id for r in extraction.reports],
            claim_ids=[c.claim_id for c in extraction.claims],
            event_ids=list(dict.fromkeys(view.assigned.values())),
        )
        return result, view

    def _insert_rows(
        self, table: str, columns: Sequence[str], rows: Iterable[Mapping[str, Any]], on_conflict: str = ""
    ) -> None:
        values = [[row[c] for c in columns] for row in rows]
        if values:
            self._executemany(_insert_sql(table, columns, on_conflict), values)

    # --- reading -----------------------------------------------------------------------------

    def has_article(self, article_id: str, content_hash: str | None = None) -> bool:
        rows, _ = self._execute(
            "SELECT 1 AS hit FROM articles WHERE article_id = ? OR content_hash = ?",
            (article_id, content_hash),
        )
        return bool(rows)

    def get_article(self, article_id: str) -> Article | None:
        rows, _ = self._execute("SELECT * FROM articles WHERE article_id = ?", (article_id,))
        return codec.article_from_row(rows[0]) if rows else None

    def articles(self, article_ids: Iterable[str]) -> dict[str, Article]:
        ids = sorted(set(article_ids))
        found: dict[str, Article] = {}
        for chunk in _chunks(ids):
            rows, _ = self._execute(
                f"SELECT * FROM articles WHERE article_id IN ({_placeholders(len(chunk))})", chunk
            )
            found.update((row["article_id"], codec.article_from_row(row)) for row in rows)
        return found

    def _paged(
        self, select: str, key: str, where: str = "", params: Sequence[Any] = ()
    ) -> Iterator[dict[str, Any]]:
        """Stream a table in key order, a page at a time, without holding a cursor open."""
        last: Any = None
        while True:
            conditions = [where] if where else []
            args = list(params)
            if last is not None:
                conditions.append(f"{key}{self._collate} > ?")
                args.append(last)
            clause = f" WHERE {' AND '.join(conditions)}" if conditions else ""
            rows, _ = self._execute(f"{select}{clause} ORDER BY {key}{self._collate} LIMIT {_PAGE}", args)
            yield from rows
            if len(rows) < _PAGE:
                return
            last = rows[-1][key.rsplit(".", 1)[-1]]

    def iter_articles(self) -> Iterator[Article]:
        for row in self._paged("SELECT * FROM articles", "article_id"):
            yield codec.article_from_row(row)

    def iter_reports(self) -> Iterator[Report]:
        for row in self._paged("SELECT report_id, event_id, record FROM reports", "report_id"):
            yield codec.report_from_row(row)

    def iter_claims(self) -> Iterator[Claim]:
        for row in self._paged("SELECT * FROM claims", "claim_id"):
            yield codec.claim_from_row(row)

    def iter_events(self) -> Iterator[Event]:
        page: list[dict[str, Any]] = []
        for row in self._paged("SELECT event_id, record FROM events", "event_id"):
            page.append(row)
            if len(page) == _PAGE:
                yield from self._events_from_rows(page)
                page = []
        yield from self._events_from_rows(page)

    def _events_from_rows(self, rows: list[dict[str, Any]]) -> list[Event]:
        linked: dict[str, list[str]] = {row["event_id"]: [] for row in rows}
        for chunk in _chunks(list(linked)):
            found, _ = self._execute(
                f"SELECT event_id, report_id FROM reports WHERE event_id IN ({_placeholders(len(chunk))}) "
                f"ORDER BY report_id{self._collate}",
                chunk,
            )
            for hit in found:
                linked[hit["event_id"]].append(hit["report_id"])
        return [codec.event_from_row(row, linked[row["event_id"]]) for row in rows]

    def resolve_event_id(self, event_id: str) -> str | None:
        """The current id of the event known by ``event_id`` or by an id it had before; None if unknown."""
        rows, _ = self._execute(
            f"SELECT event_id FROM events WHERE event_id = {_CURRENT_ID}", (event_id, event_id)
        )
        return rows[0]["event_id"] if rows else None

    def event_aliases(self, event_id: str) -> list[str]:
        """Every earlier id of the event (any of its ids may be given); each still resolves to it."""
        rows, _ = self._execute(
            f"SELECT alias_id FROM event_aliases WHERE event_id = {_CURRENT_ID}"
            f" ORDER BY created_at, alias_id{self._collate}",
            (event_id, event_id),
        )
        return [row["alias_id"] for row in rows]

    def get_event(self, event_id: str) -> Event | None:
        """The event with this id, or with this earlier id (then the event carries its current id)."""
        rows, _ = self._execute(
            f"SELECT event_id, record FROM events WHERE event_id = {_CURRENT_ID}", (event_id, event_id)
        )
        return self._events_from_rows(rows)[0] if rows else None

    def reports_of_event(self, event_id: str) -> list[Report]:
        rows, _ = self._execute(
            "SELECT r.report_id, r.event_id, r.record FROM reports r "
            "JOIN articles a ON a.article_id = r.article_id "
            f"WHERE r.event_id = {_CURRENT_ID} ORDER BY a.published NULLS LAST, r.report_id{self._collate}",
            (event_id, event_id),
        )
        return [codec.report_from_row(row) for row in rows]

    def event_history(self, event_id: str) -> list[TollRecord]:
        """Which source gave which toll and attribution for an event, in the order linking kept."""
        rows, _ = self._execute(
            f"SELECT * FROM event_history WHERE event_id = {_CURRENT_ID} ORDER BY position",
            (event_id, event_id),
        )
        return [codec.toll_from_row(row) for row in rows]

    def has_postgis(self) -> bool:
        """Whether events carry a PostGIS geography column (only PostgreSQL with the extension)."""
        return False

    def counts(self) -> dict[str, int]:
        """Rows per table; events from the tally table (exact, and no scan of a million rows)."""
        tables = ("articles", "reports", "claims")
        sql = " UNION ALL ".join(f"SELECT '{t}' AS name, COUNT(*) AS n FROM {t}" for t in tables)
        sql += " UNION ALL SELECT 'events' AS name, CAST(coalesce(sum(n), 0) AS BIGINT) AS n FROM tally_day"
        rows, _ = self._read(sql)
        found = {row["name"]: int(row["n"]) for row in rows}
        return {t: found[t] for t in ("articles", "reports", "events", "claims")}

    # --- queries (tallies and the HTTP API's reads) -------------------------------------------

    def _read(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[dict[str, Any]], int]:
        """Run a read-only statement; backends may answer it from a pool of reader connections."""
        return self._execute(sql, params)

    def _read_tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Like ``_read`` but rows as tuples in column order: cheaper for thousands of rows."""
        rows, _ = self._read(sql, params)
        return [tuple(row.values()) for row in rows]

    def change_stamp(self) -> Hashable | None:
        """A value that changes whenever the data may have changed; None when it cannot be told cheaply."""
        return None

    def tally(
        self,
        by: Sequence[str] = ("month",),
        since: dt.date | None = None,
        until: dt.date | None = None,
        where: Mapping[str, str] | None = None,
        query: EventQuery | None = None,
    ) -> list[dict[str, Any]]:
        """Event counts and toll sums grouped by ``by`` (see ``warlog.store.TALLY_FIELDS``).

        Filter with ``since``/``until``/``where`` (``warlog tally``) or a full ``query``.
        Rows: the ``by`` fields, then events, fatalities_low/best/high, with_toll; sorted by key.
        Unknown fields raise ValueError.
        """
        from warlog.store._tally import tally

        if query is None:
            query = EventQuery.from_where(where, since, until)
        return tally(self, by, query)

    def list_events(
        self, query: EventQuery, limit: int = 100, after: tuple[str | None, str] | None = None
    ) -> tuple[list[dict[str, Any]], tuple[str | None, str] | None]:
        """A page of events (flat dicts), newest first; returns (page, key to continue after)."""
        from warlog.store._reads import list_events

        return list_events(self, query, limit, after)

    def event_detail(self, event_id: str) -> dict[str, Any] | None:
        """An event with its reports, sources, evidence spans and toll history, as plain data."""
        from warlog.store._reads import event_detail

        return event_detail(self, event_id)

    def article_detail(self, article_id: str) -> dict[str, Any] | None:
        """An article's text and metadata with the reports and claims read from it."""
        from warlog.store._reads import article_detail

        return article_detail(self, article_id)

    def list_claims(self, **filters: Any) -> tuple[list[dict[str, Any]], str | None]:
        """A page of claims; see ``warlog.store._reads.list_claims`` for the filters."""
        from warlog.store._reads import list_claims

        return list_claims(self, **filters)

    def read_stats(self) -> dict[str, Any]:
        """Counts, date span, known types and places, for the dashboard header."""
        from warlog.store._reads import read_stats

        return read_stats(self)

    # --- flat rows for exports ---------------------------------------------------------------

    def report_rows(self) -> Iterator[dict[str, Any]]:
        from warlog.store._rows import report_rows

        return report_rows(self)

    def event_rows(self) -> Iterator[dict[str, Any]]:
        from warlog.store._rows import event_rows

        return event_rows(self)

    def claim_rows(self) -> Iterator[dict[str, Any]]:
        from warlog.store._rows import claim_rows

        return claim_rows(self)

    # --- lifetime ----------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class StoreLinkView:
    """What linking may read and write, bound to the transaction of one ``add_article``."""

    def __init__(self, store: Store, fresh: Iterable[str] = ()) -> None:
        self._store = store
        self._fresh = frozenset(fresh)  # the reports being added: no history row has them yet
        self.assigned: dict[str, str] = {}
        self.closed = False
        self._staged: StagedLinkCache | None = None

    def _usable(self) -> Store:
        if self.closed:
            raise StoreError("the link view of an earlier add_article was used after its transaction ended")
        return self._store

    def events_in_blocks(self, keys: Iterable[str]) -> list[Event]:
        store = self._usable()
        wanted = sorted(set(keys))
        store._lock_keys(wanted)
        events: list[Event] = []
        for chunk in _chunks(wanted):
            rows, _ = store._execute(
                f"SELECT event_id, record FROM events WHERE block_key IN ({_placeholders(len(chunk))}) "
                f"ORDER BY event_id{store._collate}",
                chunk,
            )
            events.extend(store._events_from_rows(rows))
        return events

    def event_versions(self, keys: Iterable[str]) -> dict[str, int]:
        """Event id -> members version: what the link cache checks its entries against."""
        store = self._usable()
        wanted = sorted(set(keys))
        store._lock_keys(wanted)
        versions: dict[str, int] = {}
        for chunk in _chunks(wanted):
            rows, _ = store._execute(
                "SELECT event_id, members_version FROM events "
                f"WHERE block_key IN ({_placeholders(len(chunk))})",
                chunk,
            )
            versions.update((row["event_id"], int(row["members_version"])) for row in rows)
        return versions

    @property
    def link_cache(self) -> StagedLinkCache:
        """The store's cache of linked events, written through only when the transaction commits."""
        if self._staged is None:
            from warlog.link.members import LinkCache, StagedLinkCache

            store = self._usable()
            if store._link_cache is None:
                store._link_cache = LinkCache()
            self._staged = StagedLinkCache(store._link_cache)
        return self._staged

    def committed(self) -> None:
        """The transaction committed: what linking learnt about events may now be reused."""
        if self._staged is not None:
            self._staged.commit()

    def reports_of_event(self, event_id: str) -> list[Report]:
        return self._usable().reports_of_event(event_id)

    def articles(self, ids: Iterable[str]) -> dict[str, Article]:
        return self._usable().articles(ids)

    def save_event(self, event: Event, block_key: str, rewrite: bool = False) -> int:
        """Insert or update the event row and its history; returns its new members version."""
        store = self._usable()
        store._lock_keys([block_key])
        row = codec.event_row(event, block_key)
        found, _ = store._execute(
            f"SELECT {_COMPARED_SQL}, members_version FROM events WHERE event_id = ?", (event.event_id,)
        )
        if not found:
            # a regrouping may give a retired id back to an event: it is then no longer an alias,
            # and its version continues from the retired row's (kept by the alias)
            alias, _ = store._execute(
                "SELECT members_version FROM event_aliases WHERE alias_id = ?", (event.event_id,)
            )
            version = (int(alias[0]["members_version"]) if alias else 0) + 1
            store._execute("DELETE FROM event_aliases WHERE alias_id = ?", (event.event_id,))
            columns = (*codec.EVENT_COLUMNS, "members_version")
            store._execute(_insert_sql("events", columns), [*(row[c] for c in codec.EVENT_COLUMNS), version])
        else:
            # Set only what changed: a column left out of SET fires no trigger (tallies, full text).
            changed = [c for c in _COMPARED if found[0][c] != row[c]] + ["record"]
            version = int(found[0]["members_version"]) + 1
            store._execute(
                f"UPDATE events SET {', '.join(f'{c} = ?' for c in changed)}, members_version = ? "
                "WHERE event_id = ?",
                [*(row[c] for c in changed), version, event.event_id],
            )
        self._save_history(store, event, rewrite)
        return version

    def _save_history(self, store: Store, event: Event, rewrite: bool = False) -> None:
        """Bring the event's history rows in line: usually one new row, not a rewrite of them all.

        A row's values come from its report and article, which never change: only positions move
        (when an older report joins late) and rows come and go.
        """
        rows = list(codec.history_rows(event))
        joining = [row for row in rows if row["report_id"] in self._fresh]
        counted, _ = store._execute(
            "SELECT COUNT(*) AS n FROM event_history WHERE event_id = ?", (event.event_id,)
        )
        if not rewrite and len(joining) == 1 and int(counted[0]["n"]) == len(rows) - 1:
            # the usual join: the stored rows are the other members, in order; make room for one
            row = joining[0]
            store._execute(
                "UPDATE event_history SET position = position + 1 WHERE event_id = ? AND position >= ?",
                (event.event_id, row["position"]),
            )
            store._insert_rows("event_history", codec.HISTORY_COLUMNS, [row])
            return
        found, _ = store._execute(
            "SELECT report_id, position FROM event_history WHERE event_id = ?", (event.event_id,)
        )
        stored = {row["report_id"]: row["position"] for row in found}
        wanted = {row["report_id"] for row in rows}
        gone = sorted(set(stored) - wanted)
        for chunk in _chunks(gone):
            marks = _placeholders(len(chunk))
            store._execute(
                f"DELETE FROM event_history WHERE event_id = ? AND report_id IN ({marks})",
                [event.event_id, *chunk],
            )
        moved = [
            (row["position"], event.event_id, row["report_id"])
            for row in rows
            if row["report_id"] in stored and stored[row["report_id"]] != row["position"]
        ]
        if moved:
            store._executemany(
                "UPDATE event_history SET position = ? WHERE event_id = ? AND report_id = ?", moved
            )
        store._insert_rows(
            "event_history",
            codec.HISTORY_COLUMNS,
            (row for row in rows if row["report_id"] not in stored),
            "ON CONFLICT DO NOTHING",
        )

    def assign_report(self, report_id: str, event_id: str) -> None:
        store = self._usable()
        _, changed = store._execute(
            "UPDATE reports SET event_id = ? WHERE report_id = ?", (event_id, report_id)
        )
        if changed == 0:
            raise StoreError(f"linking assigned unknown report {report_id!r} to event {event_id!r}")
        self.assigned[report_id] = event_id

    def retire_event(self, old_id: str, new_id: str) -> None:
        store = self._usable()
        store._execute("UPDATE reports SET event_id = ? WHERE event_id = ?", (new_id, old_id))
        store._execute("UPDATE event_aliases SET event_id = ? WHERE event_id = ?", (new_id, old_id))
        retired, _ = store._execute("SELECT members_version FROM events WHERE event_id = ?", (old_id,))
        version = int(retired[0]["members_version"]) if retired else 0  # kept for a returning id
        store._execute(
            _insert_sql("event_aliases", ("alias_id", "event_id", "created_at", "members_version")),
            (old_id, new_id, codec.now_iso(), version),
        )
        store._execute("DELETE FROM event_history WHERE event_id = ?", (old_id,))
        _, deleted = store._execute("DELETE FROM events WHERE event_id = ?", (old_id,))
        if deleted == 0:
            raise StoreError(f"linking retired unknown event {old_id!r} (for {new_id!r})")
        self.assigned = {r: new_id if e == old_id else e for r, e in self.assigned.items()}


_COMPARED = tuple(c for c in codec.EVENT_COLUMNS if c not in ("event_id", "record"))
_COMPARED_SQL = ", ".join(_COMPARED)
"""An event row's columns but its id and record: compared before an update, to set only those that moved."""


def _chunks(items: Sequence[str], size: int = 400) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
