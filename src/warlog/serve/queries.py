"""Read-only SQL for the HTTP API, against the SQLite schema (migrations 0001-0003).

The API never writes through these connections: they are opened `mode=ro` with
`query_only`, so a bug here cannot damage the database. Writes go through `warlog.store`.
"""

from __future__ import annotations

import json
import logging
import queue
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from warlog.serve.filters import BadQueryError, EventFilter, decode_cursor, encode_cursor

__all__ = [
    "EVENT_COLUMNS",
    "TALLY_KEYS",
    "ReadPool",
    "get_article",
    "get_event",
    "list_claims",
    "list_events",
    "stats",
    "tallies",
]

log = logging.getLogger(__name__)

EVENT_COLUMNS = (
    "event_id", "event_date", "date_earliest", "date_latest", "time_precision", "event_type",
    "sub_event_type", "actor1", "actor2", "country", "admin1", "admin2", "location", "latitude",
    "longitude", "geo_precision", "fatalities_low", "fatalities_best", "fatalities_high",
    "n_reports", "n_independent_sources", "first_reported", "last_reported",
)  # fmt: skip
_EVENT_SELECT = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)

TALLY_KEYS: dict[str, str] = {
    "day": "e.event_date",
    "week": "date(e.event_date, '-6 days', 'weekday 1')",
    "month": "substr(e.event_date, 1, 7)",
    "year": "substr(e.event_date, 1, 4)",
    "event_type": "e.event_type",
    "sub_event_type": "e.sub_event_type",
    "country": "e.country",
    "admin1": "e.admin1",
    "actor1": "e.actor1",
    "actor2": "e.actor2",
}
"""What `/api/tallies?by=` accepts, and the SQL expression each groups on (Monday-start weeks)."""


class ReadPool:
    """A few read-only SQLite connections shared by the request threads."""

    def __init__(self, db_path: str, size: int = 4) -> None:
        self.db_path = db_path
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self._size = size
        self.has_fts = False
        with self.connection() as conn:
            self.has_fts = _has_table(conn, "events_fts")
        if not self.has_fts:
            log.warning("%s has no full-text index (migration 0002): q= falls back to LIKE", db_path)

    def _open(self) -> sqlite3.Connection:
        uri = Path(self.db_path).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=10)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA query_only = 1")
        conn.execute("PRAGMA cache_size = -16000")
        return conn

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = self._open()
        try:
            yield conn
        finally:
            if self._idle.qsize() < self._size:
                self._idle.put(conn)
            else:
                conn.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    return row is not None


def _json(value: str | None, default: Any) -> Any:
    if not value:
        return default
    try:
        return json.loads(value)
    except ValueError:
        return default


def _event_dict(row: sqlite3.Row) -> dict[str, Any]:
    return {c: row[c] for c in EVENT_COLUMNS}


def list_events(
    conn: sqlite3.Connection, flt: EventFilter, limit: int = 100, cursor: str | None = None, fts: bool = True
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of events, newest first, in (event_date, event_id) order; undated events come last.

    Keyset pagination: the cursor is where the last page stopped, so a page costs the same
    however deep it is, and new events never shift the pages already read.
    """
    where, params = flt.where("e", fts=fts)
    after = decode_cursor(cursor)
    rows: list[sqlite3.Row] = []
    if after is None or after[0] is not None:
        keyset = "" if after is None else " AND (e.event_date, e.event_id) < (?, ?)"
        rows = conn.execute(
            f"SELECT {_EVENT_SELECT} FROM events e WHERE e.event_date IS NOT NULL AND {where}{keyset}"
            " ORDER BY e.event_date DESC, e.event_id DESC LIMIT ?",
            [*params, *(after or ()), limit + 1],
        ).fetchall()
    if len(rows) <= limit:
        keyset = "" if after is None or after[0] is not None else " AND e.event_id < ?"
        more = conn.execute(
            f"SELECT {_EVENT_SELECT} FROM events e WHERE e.event_date IS NULL AND {where}{keyset}"
            " ORDER BY e.event_id DESC LIMIT ?",
            [*params, *([after[1]] if keyset and after else []), limit + 1 - len(rows)],
        ).fetchall()
        rows += more
    page = rows[:limit]
    next_cursor = None
    if len(rows) > limit and page:
        last = page[-1]
        next_cursor = encode_cursor(last["event_date"], last["event_id"])
    return [_event_dict(r) for r in page], next_cursor


def tallies(conn: sqlite3.Connection, flt: EventFilter, by: str, fts: bool = True) -> list[dict[str, Any]]:
    """Events and deaths (best estimate) per `by` key, ordered by key; dated keys skip undated events."""
    if by not in TALLY_KEYS:
        raise BadQueryError(f"by: one of {', '.join(TALLY_KEYS)} (got {by!r})")
    key = TALLY_KEYS[by]
    where, params = flt.where("e", fts=fts)
    # Left alone, SQLite walks an index sorted by the group key and fetches every row from the
    # table (seconds on 1M events); the covering index of migration 0003 is read sequentially.
    covered = by in _COVERED and not (flt.actor or flt.bbox or flt.q) and _has_index(conn, "events_tally")
    hint = " INDEXED BY events_tally" if covered else ""
    rows = conn.execute(
        f"SELECT {key} AS key, count(*) AS events, coalesce(sum(e.fatalities_best), 0) AS fatalities"
        f" FROM events e{hint} WHERE {where} AND {key} IS NOT NULL GROUP BY 1 ORDER BY 1",
        params,
    ).fetchall()
    return [dict(r) for r in rows]


_COVERED = frozenset({"day", "week", "month", "year", "event_type", "country", "admin1"})


def _has_index(conn: sqlite3.Connection, name: str) -> bool:
    return _has_table(conn, name)


def get_event(conn: sqlite3.Connection, event_id: str) -> dict[str, Any] | None:
    """An event with every report, source article, evidence span and toll revision."""
    row = conn.execute(
        f"SELECT {_EVENT_SELECT}, e.weapons, e.attribution FROM events e WHERE e.event_id = ?", (event_id,)
    ).fetchone()
    if row is None:
        return None
    event = _event_dict(row)
    event["weapons"] = _json(row["weapons"], [])
    event["attribution"] = _json(row["attribution"], {})
    event["toll"] = {
        "low": row["fatalities_low"],
        "best": row["fatalities_best"],
        "high": row["fatalities_high"],
    }
    evidence: dict[str, list[dict[str, Any]]] = {}
    for ev in conn.execute(
        "SELECT ev.report_id, ev.field, ev.article_id, ev.sentence_index, ev.char_start, ev.char_end,"
        " ev.quote"
        " FROM evidence ev JOIN reports r ON r.report_id = ev.report_id WHERE r.event_id = ?"
        " ORDER BY ev.report_id, ev.char_start",
        (event_id,),
    ):
        evidence.setdefault(ev["report_id"], []).append(
            {
                "field": ev["field"],
                "article_id": ev["article_id"],
                "sentence_index": ev["sentence_index"],
                "start": ev["char_start"],
                "end": ev["char_end"],
                "text": ev["quote"],
            }
        )
    reports = []
    for r in conn.execute(
        "SELECT r.report_id, r.article_id, r.event_type, r.sub_event_type, r.actor1, r.actor1_type,"
        " r.actor1_hedge, r.actor2, r.actor2_type, r.place_name, r.location, r.admin1, r.country,"
        " r.event_date, r.fatalities, r.fatalities_high, r.wounded, r.weapons, r.source, r.notes,"
        " r.extractor, a.outlet, a.url, a.published, a.title"
        " FROM reports r JOIN articles a ON a.article_id = r.article_id WHERE r.event_id = ?"
        " ORDER BY a.published, r.report_id",
        (event_id,),
    ):
        report = dict(r)
        report["weapons"] = _json(r["weapons"], [])
        report["evidence"] = evidence.get(r["report_id"], [])
        reports.append(report)
    event["reports"] = reports
    sources: dict[str, dict[str, Any]] = {}
    for report in reports:
        sources.setdefault(
            report["article_id"],
            {k: report[k] for k in ("article_id", "outlet", "url", "published", "title")},
        )
    event["sources"] = list(sources.values())
    event["history"] = [
        dict(h)
        for h in conn.execute(
            "SELECT report_id, article_id, outlet, published, fatalities, fatalities_high, actor1,"
            " actor1_hedge"
            " FROM event_history WHERE event_id = ? ORDER BY position",
            (event_id,),
        )
    ]
    return event


def get_article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """The source text and where it came from, with the reports and claims read from it."""
    row = conn.execute(
        "SELECT article_id, outlet, url, published, published_source, title, text, flags, ingested_at"
        " FROM articles WHERE article_id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    article = dict(row)
    article["flags"] = _json(row["flags"], [])
    article["reports"] = [
        dict(r)
        for r in conn.execute(
            "SELECT report_id, event_id, event_type, sub_event_type FROM reports WHERE article_id = ?"
            " ORDER BY report_id",
            (article_id,),
        )
    ]
    article["claims"] = [
        {"claim_id": c["claim_id"], "value": c["value"], "what": c["what"], "start": c["char_start"],
         "end": c["char_end"]}
        for c in conn.execute(
            "SELECT claim_id, value, what, char_start, char_end FROM claims WHERE article_id = ?"
            " ORDER BY claim_id",
            (article_id,),
        )
    ]  # fmt: skip
    return article


def list_claims(
    conn: sqlite3.Connection,
    *,
    article_id: str | None = None,
    category: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
    cursor: str | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """Aggregate claims ("67 attacks since ..."), by claim id, with their quoted sentence."""
    clauses, params = ["1"], list[Any]()
    for column, op, value in (
        ("c.article_id", "=", article_id),
        ("c.category", "=", category),
        ("coalesce(c.until, a.published)", ">=", since),
        ("coalesce(c.since, a.published)", "<=", until),
    ):
        if value:
            clauses.append(f"{column} {op} ?")
            params.append(value)
    after = decode_cursor(cursor)
    if after is not None:
        clauses.append("c.claim_id > ?")
        params.append(after[1])
    rows = conn.execute(
        "SELECT c.claim_id, c.article_id, c.value, c.qualifier, c.what, c.category, c.since, c.until,"
        " c.source, c.parts, c.sentence_index, c.char_start, c.char_end, c.quote, a.outlet, a.published"
        f" FROM claims c JOIN articles a ON a.article_id = c.article_id WHERE {' AND '.join(clauses)}"
        " ORDER BY c.claim_id LIMIT ?",
        [*params, limit + 1],
    ).fetchall()
    claims = []
    for r in rows[:limit]:
        claim = dict(r)
        claim["parts"] = _json(r["parts"], [])
        claims.append(claim)
    next_cursor = encode_cursor(None, claims[-1]["claim_id"]) if len(rows) > limit and claims else None
    return claims, next_cursor


def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Table sizes and the date span, for the dashboard's header and for monitoring."""
    counts = {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("articles", "reports", "events", "claims")
    }
    first = conn.execute("SELECT min(event_date) FROM events").fetchone()[0]
    last = conn.execute("SELECT max(event_date) FROM events").fetchone()[0]
    ingested = conn.execute("SELECT max(ingested_at) FROM articles").fetchone()[0]
    types = [
        {"event_type": a, "sub_event_type": b}
        for a, b in _distinct_pairs(conn, "event_type", "sub_event_type")
    ]
    places = [{"country": a, "admin1": b} for a, b in _distinct_pairs(conn, "country", "admin1")]
    return {
        "counts": counts,
        "first_event_date": first,
        "last_event_date": last,
        "last_ingested_at": ingested,
        "types": types,
        "places": places,
    }


def _distinct_pairs(conn: sqlite3.Connection, first: str, second: str) -> list[tuple[Any, Any]]:
    """Distinct (first, second) values by hopping along their index (a loose index scan).

    `SELECT DISTINCT` would read every index entry; hopping costs one seek per pair.
    Both columns must come from a fixed list, never from a request.
    """
    pairs: list[tuple[Any, Any]] = []
    row = conn.execute(
        f"SELECT {first}, {second} FROM events WHERE {first} IS NOT NULL ORDER BY 1, 2 LIMIT 1"
    ).fetchone()
    while row is not None and len(pairs) < 5000:
        pairs.append((row[0], row[1]))
        if row[1] is None:
            row = (
                conn.execute(
                    f"SELECT {first}, {second} FROM events WHERE {first} = ? AND {second} IS NOT NULL"
                    " ORDER BY 1, 2 LIMIT 1",
                    (row[0],),
                ).fetchone()
                or conn.execute(
                    f"SELECT {first}, {second} FROM events WHERE {first} > ? ORDER BY 1, 2 LIMIT 1", (row[0],)
                ).fetchone()
            )
        else:
            row = conn.execute(
                f"SELECT {first}, {second} FROM events WHERE ({first}, {second}) > (?, ?)"
                " ORDER BY 1, 2 LIMIT 1",
                (row[0], row[1]),
            ).fetchone()
    return pairs
