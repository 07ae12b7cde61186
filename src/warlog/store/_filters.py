"""Which events a read wants (``EventQuery``), turned into SQL for either backend.

One filter object serves the API (exact types and places, an actor fragment, a bbox, search
words) and ``warlog tally --where`` (FIELD=VALUE: whole values or fragments, any case). Every
value reaches the database as a bound parameter; column names come only from fixed tables here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from warlog.store._migrate import Backend

__all__ = [
    "FRAGMENT_FIELDS",
    "TALLY_FIELDS",
    "TIME_FIELDS",
    "EventQuery",
    "Where",
    "escape_like",
    "fts5_query",
    "search_words",
    "time_key",
]

TIME_FIELDS = ("day", "week", "month", "year")
TALLY_FIELDS = (
    *TIME_FIELDS, "event_type", "sub_event_type", "actor1", "actor2",
    "country", "admin1", "admin2", "location",
)  # fmt: skip
"""What a tally groups (``by``) or filters (``where``) on."""

FRAGMENT_FIELDS = frozenset({"actor1", "actor2", "location", "admin1", "admin2"})
"""``where`` on these matches a fragment ('United States' finds 'Military Forces of the United States')."""

_WORD = re.compile(r"\w+", re.UNICODE)
_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$", re.IGNORECASE)
MAX_WORDS = 16


def search_words(text: str | None) -> tuple[str, ...]:
    """The words of what an analyst typed; punctuation and query syntax are dropped."""
    return tuple(_WORD.findall(text or "")[:MAX_WORDS])


def fts5_query(words: tuple[str, ...]) -> str:
    """Every word quoted and prefix-matched, ANDed: user text never becomes FTS5 syntax."""
    return " ".join(f'"{w}"*' for w in words)


def _tsquery(words: tuple[str, ...]) -> str:
    """The PostgreSQL twin of ``fts5_query``: ``'w1':* & 'w2':*``."""
    return " & ".join("'" + w.replace("'", "''") + "':*" for w in words)


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _parse_week(value: str) -> str | None:
    """'2024-W10' -> the ISO day its Monday falls on (how weeks are keyed in SQL)."""
    match = _ISO_WEEK.match(value.strip())
    if match is None:
        return None
    try:
        return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1).isoformat()
    except ValueError:
        return None


def time_key(backend: Backend, name: str, day: str) -> str:
    """SQL for a period key of an ISO-day expression; weeks start on Monday (ISO weeks)."""
    if name == "day":
        return day
    if name == "month":
        return f"substr({day}, 1, 7)"
    if name == "year":
        return f"substr({day}, 1, 4)"
    if name == "week":
        if backend == "postgres":
            return f"to_char(date_trunc('week', CAST(nullif({day}, '') AS date)), 'YYYY-MM-DD')"
        return f"date({day}, '-6 days', 'weekday 1')"
    raise ValueError(f"not a time field: {name!r}")


@dataclass(frozen=True)
class EventQuery:
    """Filters on events, all ANDed; ``None`` or empty means no filter.

    ``since``/``until`` bound the event day (inclusive). ``event_type`` ... ``admin1`` are
    exact values (case-sensitive, index-friendly). ``actor`` is a fragment of actor1 or actor2,
    any case. ``bbox`` is (minlon, minlat, maxlon, maxlat). ``words`` are full-text search words.
    ``where`` holds ``warlog tally --where`` pairs: see ``FRAGMENT_FIELDS``; others match the
    whole value in any case.
    """

    since: dt.date | None = None
    until: dt.date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    words: tuple[str, ...] = ()
    where: tuple[tuple[str, str], ...] = field(default=())

    @classmethod
    def from_where(
        cls,
        where: Mapping[str, str] | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> EventQuery:
        """The query of ``warlog tally --where F=V ... --since --until``; unknown fields raise ValueError."""
        pairs = tuple((where or {}).items())
        for name, _ in pairs:
            if name not in TALLY_FIELDS:
                raise ValueError(f"unknown field {name!r}; choose from {', '.join(TALLY_FIELDS)}")
        return cls(since=since, until=until, where=pairs)

    def fields(self) -> set[str]:
        """Every field the filter reads ('day' for a time window)."""
        used = {name for name, value in self._exact() if value}
        used |= {"day" if name in TIME_FIELDS else name for name, _ in self.where}
        if self.since or self.until:
            used.add("day")
        if self.actor:
            used |= {"actor1", "actor2"}
        if self.bbox:
            used.add("bbox")
        if self.words:
            used.add("words")
        return used

    def _exact(self) -> tuple[tuple[str, str | None], ...]:
        return (
            ("event_type", self.event_type),
            ("sub_event_type", self.sub_event_type),
            ("country", self.country),
            ("admin1", self.admin1),
        )


class Where:
    """Builds the WHERE clause of ``query`` over one table (events or a tally table).

    ``columns`` maps field names to SQL expressions in that table; ``empty_is_null`` says the
    table stores unknown values as '' (the tally tables).
    """

    def __init__(self, backend: Backend, columns: Mapping[str, str], empty_is_null: bool = False) -> None:
        self.backend = backend
        self.columns = columns
        self.empty_is_null = empty_is_null
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def _add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " AND ".join(self.clauses) or "1 = 1"

    def build(self, query: EventQuery) -> Where:
        day = self.columns.get("day", "")
        if query.since:
            self._add(f"{day} >= ?", query.since.isoformat())
        if query.until:
            if self.empty_is_null:
                self.clauses.append(f"{day} <> ''")
            self._add(f"{day} <= ?", query.until.isoformat())
        for name, value in query._exact():
            if value:
                self._add(f"{self.columns[name]} = ?", value)
        for name, value in query.where:
            self._where_pair(name, value)
        if query.actor:
            pattern = "%" + escape_like(query.actor.lower()) + "%"
            a1, a2 = self.columns["actor1"], self.columns["actor2"]
            self._add(f"(lower({a1}) LIKE ? ESCAPE '\\' OR lower({a2}) LIKE ? ESCAPE '\\')", pattern, pattern)
        if query.bbox:
            self._bbox(query.bbox)
        if query.words:
            self._words(query.words)
        return self

    def _where_pair(self, name: str, value: str) -> None:
        wanted = value.strip()
        if name in TIME_FIELDS:
            if name == "week":
                wanted = _parse_week(wanted) or wanted
            self._add(f"{time_key(self.backend, name, self.columns['day'])} = ?", wanted)
        elif name in FRAGMENT_FIELDS:
            self._add(
                f"lower({self.columns[name]}) LIKE ? ESCAPE '\\'", "%" + escape_like(wanted.lower()) + "%"
            )
        else:
            self._add(f"lower({self.columns[name]}) = ?", wanted.lower())

    def _bbox(self, bbox: tuple[float, float, float, float]) -> None:
        minlon, minlat, maxlon, maxlat = bbox
        lat, lon = self.columns["latitude"], self.columns["longitude"]
        self._add(f"{lat} BETWEEN ? AND ?", minlat, maxlat)
        if minlon <= maxlon:
            self._add(f"{lon} BETWEEN ? AND ?", minlon, maxlon)
        else:  # crosses the antimeridian
            self._add(f"({lon} >= ? OR {lon} <= ?)", minlon, maxlon)

    def _words(self, words: tuple[str, ...]) -> None:
        """An event matches when all words occur in it, in one of its reports, or in one source text."""
        if self.backend == "postgres":
            self._add(f"{self.columns['event_id']} IN ({_PG_FULLTEXT})", *[_tsquery(words)] * 3)
        else:
            self._add(f"{self.columns['rowid']} IN ({_FTS5_EVENTS})", *[fts5_query(words)] * 3)


def events_columns(alias: str = "e") -> dict[str, str]:
    """Field -> SQL expression over ``events AS alias``."""
    names = ("event_id", "rowid", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
             "admin2", "location", "latitude", "longitude")  # fmt: skip
    return {"day": f"{alias}.event_date", **{n: f"{alias}.{n}" for n in names}}


_FTS5_EVENTS = """
SELECT rowid FROM events_fts WHERE events_fts MATCH ?
UNION
SELECT ev.rowid FROM reports_fts JOIN reports r ON r.rowid = reports_fts.rowid
  JOIN events ev ON ev.event_id = r.event_id WHERE reports_fts MATCH ?
UNION
SELECT ev.rowid FROM articles_fts JOIN articles ar ON ar.rowid = articles_fts.rowid
  JOIN reports r ON r.article_id = ar.article_id JOIN events ev ON ev.event_id = r.event_id
  WHERE articles_fts MATCH ?
"""

# The expressions must equal those indexed by migration 0006_fulltext.postgres.sql.
_PG_FULLTEXT = """
SELECT ev.event_id FROM events ev WHERE to_tsvector('simple',
    coalesce(ev.event_type, '') || ' ' || coalesce(ev.sub_event_type, '') || ' '
    || coalesce(ev.actor1, '') || ' ' || coalesce(ev.actor2, '') || ' '
    || coalesce(ev.country, '') || ' ' || coalesce(ev.admin1, '') || ' '
    || coalesce(ev.admin2, '') || ' ' || coalesce(ev.location, '')) @@ to_tsquery('simple', ?)
UNION
SELECT r.event_id FROM reports r WHERE r.event_id IS NOT NULL AND to_tsvector('simple',
    coalesce(r.place_name, '') || ' ' || coalesce(r.source, '') || ' ' || coalesce(r.notes, '') || ' '
    || coalesce(r.actor1, '') || ' ' || coalesce(r.actor2, '')) @@ to_tsquery('simple', ?)
UNION
SELECT r.event_id FROM articles ar JOIN reports r ON r.article_id = ar.article_id
  WHERE r.event_id IS NOT NULL AND to_tsvector('simple',
    coalesce(ar.title, '') || ' ' || ar.text || ' ' || coalesce(ar.outlet, '')) @@ to_tsquery('simple', ?)
"""
