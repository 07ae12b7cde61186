"""Query parameters shared by the list, tally and export endpoints, turned into SQL.

Kept apart from the SQL that uses them so parsing (bbox, cursor, full-text query) can be
tested on its own: every value reaches SQLite as a bound parameter, never as text.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

__all__ = [
    "BadQueryError",
    "EventFilter",
    "decode_cursor",
    "encode_cursor",
    "fts_query",
    "parse_bbox",
    "parse_day",
]

_WORD = re.compile(r"\w+", re.UNICODE)


class BadQueryError(ValueError):
    """A query parameter cannot be understood; the message names it (HTTP 400)."""


def parse_day(name: str, value: str | None) -> str | None:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD; return the ISO day it starts (or None)."""
    if value is None or value == "":
        return None
    text = value.strip()
    for fmt, size in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        if len(text) == size:
            try:
                return dt.datetime.strptime(text, fmt).date().isoformat()
            except ValueError:
                break
    raise BadQueryError(f"{name}: not a date (want YYYY-MM-DD, got {value!r})")


def _until_day(value: str | None) -> str | None:
    """`until=2024-03` means the whole of March: give the last day of the period."""
    start = parse_day("until", value)
    if start is None or value is None:
        return None
    text = value.strip()
    day = dt.date.fromisoformat(start)
    if len(text) == 4:
        return dt.date(day.year, 12, 31).isoformat()
    if len(text) == 7:
        next_month = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return (next_month - dt.timedelta(days=1)).isoformat()
    return start


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """`minlon,minlat,maxlon,maxlat` in degrees, as in GeoJSON and OGC APIs."""
    if value is None or value == "":
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise BadQueryError(f"bbox: want minlon,minlat,maxlon,maxlat (got {value!r})")
    try:
        minlon, minlat, maxlon, maxlat = (float(p) for p in parts)
    except ValueError as exc:
        raise BadQueryError(f"bbox: not numbers ({value!r})") from exc
    if not (-180 <= minlon <= 180 and -180 <= maxlon <= 180 and -90 <= minlat <= maxlat <= 90):
        raise BadQueryError(f"bbox: out of range or min > max ({value!r})")
    return minlon, minlat, maxlon, maxlat


def fts_query(text: str | None) -> str | None:
    """Turn what an analyst typed into a safe FTS5 query: every word quoted, prefix-matched, ANDed.

    FTS5 has its own syntax (NEAR, column filters, quotes); passing user text through
    raw would make ordinary input like `al-Bab "town"` a syntax error.
    """
    if not text:
        return None
    words = _WORD.findall(text)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words[:16])


def encode_cursor(event_date: str | None, key: str) -> str:
    """An opaque page token: where the previous page stopped in (date, id) order."""
    raw = json.dumps([event_date, key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str | None) -> tuple[str | None, str] | None:
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        value = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise BadQueryError("cursor: not a cursor this server gave out") from exc
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not (value[0] is None or isinstance(value[0], str))
        or not isinstance(value[1], str)
    ):
        raise BadQueryError("cursor: not a cursor this server gave out")
    return value[0], value[1]


@dataclass(frozen=True)
class EventFilter:
    """The event filters every read endpoint accepts; `where()` makes the SQL."""

    since: str | None = None
    until: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    country: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None

    @classmethod
    def parse(
        cls,
        *,
        since: str | None = None,
        until: str | None = None,
        event_type: str | None = None,
        sub_event_type: str | None = None,
        actor: str | None = None,
        country: str | None = None,
        admin1: str | None = None,
        bbox: str | None = None,
        q: str | None = None,
    ) -> EventFilter:
        """Validate raw query-string values; raises BadQueryError naming the parameter."""
        return cls(
            since=parse_day("since", since),
            until=_until_day(until),
            event_type=event_type or None,
            sub_event_type=sub_event_type or None,
            actor=(actor or "").strip() or None,
            country=country or None,
            admin1=admin1 or None,
            bbox=parse_bbox(bbox),
            q=fts_query(q),
        )

    def where(self, alias: str = "e", fts: bool = True) -> tuple[str, list[Any]]:
        """SQL condition over `events AS alias` and its parameters ('1' when nothing is set).

        With ``fts=False`` (no FTS tables in this database) `q` falls back to LIKE on actors
        and places, slower but still correct.
        """
        a = alias
        clauses: list[str] = []
        params: list[Any] = []
        if self.since:
            clauses.append(f"{a}.event_date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"{a}.event_date <= ?")
            params.append(self.until)
        for column, value in (
            ("event_type", self.event_type),
            ("sub_event_type", self.sub_event_type),
            ("country", self.country),
            ("admin1", self.admin1),
        ):
            if value:
                clauses.append(f"{a}.{column} = ?")
                params.append(value)
        if self.actor:
            pattern = "%" + _escape_like(self.actor) + "%"
            clauses.append(f"({a}.actor1 LIKE ? ESCAPE '\\' OR {a}.actor2 LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
        if self.bbox:
            minlon, minlat, maxlon, maxlat = self.bbox
            clauses.append(f"{a}.latitude BETWEEN ? AND ?")
            params += [minlat, maxlat]
            if minlon <= maxlon:
                clauses.append(f"{a}.longitude BETWEEN ? AND ?")
                params += [minlon, maxlon]
            else:  # crosses the antimeridian
                clauses.append(f"({a}.longitude >= ? OR {a}.longitude <= ?)")
                params += [minlon, maxlon]
        if self.q:
            if fts:
                clauses.append(f"{a}.rowid IN ({_FTS_EVENTS})")
                params += [self.q, self.q, self.q]
            else:
                words = re.findall(r'"(\w+)"', self.q)
                for word in words:
                    pattern = "%" + _escape_like(word) + "%"
                    ors = " OR ".join(
                        f"{a}.{c} LIKE ? ESCAPE '\\'"
                        for c in ("actor1", "actor2", "location", "admin1", "country")
                    )
                    clauses.append(f"({ors})")
                    params += [pattern] * 5
        return (" AND ".join(clauses) or "1"), params


_FTS_EVENTS = """
SELECT rowid FROM events_fts WHERE events_fts MATCH ?
UNION
SELECT ev.rowid FROM reports_fts JOIN reports r ON r.rowid = reports_fts.rowid
  JOIN events ev ON ev.event_id = r.event_id WHERE reports_fts MATCH ?
UNION
SELECT ev.rowid FROM articles_fts JOIN articles ar ON ar.rowid = articles_fts.rowid
  JOIN reports r ON r.article_id = ar.article_id JOIN events ev ON ev.event_id = r.event_id
  WHERE articles_fts MATCH ?
"""


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
