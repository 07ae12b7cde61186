"""Query parameters shared by the list and tally endpoints, parsed into the store's ``EventQuery``.

Parsing (days, bbox, cursor, search words) is kept apart from the store's SQL so it can be
tested on its own; every value reaches the database as a bound parameter, never as text.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json

from warlog.store import EventQuery, search_words

__all__ = [
    "BadQueryError",
    "decode_cursor",
    "encode_cursor",
    "event_query",
    "parse_bbox",
    "parse_day",
    "parse_until",
]


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


def parse_until(value: str | None) -> str | None:
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


def event_query(
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
) -> EventQuery:
    """The store's filter from raw query-string values; raises BadQueryError naming the parameter."""
    first, last = parse_day("since", since), parse_until(until)
    return EventQuery(
        since=dt.date.fromisoformat(first) if first else None,
        until=dt.date.fromisoformat(last) if last else None,
        event_type=event_type or None,
        sub_event_type=sub_event_type or None,
        actor=(actor or "").strip() or None,
        country=country or None,
        admin1=admin1 or None,
        bbox=parse_bbox(bbox),
        words=search_words(q),
    )
