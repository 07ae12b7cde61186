"""Tallies in SQL: event counts and toll sums grouped by time, type, actor or place.

The pre-aggregated tables of migration 0005 (kept in step with ``events`` by triggers) answer
every tally whose groups and filters they cover, reading thousands of rows instead of a
million; the rest (actors, admin2, location, bbox, search words) group the events table.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from warlog.store._filters import TALLY_FIELDS, TIME_FIELDS, EventQuery, Where, events_columns, time_key
from warlog.store._migrate import Backend

if TYPE_CHECKING:
    from warlog.store._base import Store

__all__ = ["CUBES", "MEASURES", "Cube", "tally", "tally_sql"]

log = logging.getLogger(__name__)

MEASURES = ("events", "fatalities_low", "fatalities_best", "fatalities_high", "with_toll")
"""The numbers of a tally row, after its key fields."""


@dataclass(frozen=True)
class Cube:
    """A pre-aggregated table and the fields it keeps (time fields all derive from 'day')."""

    table: str
    fields: frozenset[str]


CUBES = (
    Cube("tally_day", frozenset({"day"})),
    Cube("tally_type_place", frozenset({"event_type", "sub_event_type", "country", "admin1"})),
    Cube("tally_day_type", frozenset({"day", "event_type", "sub_event_type"})),
    Cube("tally_day_place", frozenset({"day", "country", "admin1"})),
)
"""Smallest first: the first that covers a tally answers it (schema: migration 0005)."""

_CUBE_SUMS = (
    "CAST(sum(t.n) AS BIGINT) AS events, CAST(sum(t.f_low) AS BIGINT) AS fatalities_low, "
    "CAST(sum(t.f_best) AS BIGINT) AS fatalities_best, CAST(sum(t.f_high) AS BIGINT) AS fatalities_high, "
    "CAST(sum(t.with_toll) AS BIGINT) AS with_toll"
)
_EVENT_SUMS = (
    "count(*) AS events, CAST(sum(coalesce(e.fatalities_low, 0)) AS BIGINT) AS fatalities_low, "
    "CAST(sum(coalesce(e.fatalities_best, 0)) AS BIGINT) AS fatalities_best, "
    "CAST(sum(coalesce(e.fatalities_high, e.fatalities_best, 0)) AS BIGINT) AS fatalities_high, "
    "CAST(sum(CASE WHEN e.fatalities_best IS NOT NULL OR e.fatalities_low IS NOT NULL THEN 1 ELSE 0 END)"
    " AS BIGINT) AS with_toll"
)


def _needed(by: Sequence[str], query: EventQuery) -> set[str]:
    return {"day" if name in TIME_FIELDS else name for name in by} | query.fields()


def choose_cube(by: Sequence[str], query: EventQuery) -> Cube | None:
    """The smallest pre-aggregated table that can answer, or None (group the events table)."""
    needed = _needed(by, query)
    return next((cube for cube in CUBES if needed <= cube.fields), None)


def tally(store: Store, by: Sequence[str], query: EventQuery) -> list[dict[str, Any]]:
    """Rows ``{<by fields>, events, fatalities_low, fatalities_best, fatalities_high, with_toll}``.

    Sorted by key, unknown values (None) last. Weeks are ISO weeks ('2024-W10'); an event is
    counted on its ``event_date`` (linking sets it whenever any date is known).
    """
    fields = list(dict.fromkeys(by))
    if not fields:
        raise ValueError(f"no field to group by; choose from {', '.join(TALLY_FIELDS)}")
    for name in fields:
        if name not in TALLY_FIELDS:
            raise ValueError(f"unknown field {name!r}; choose from {', '.join(TALLY_FIELDS)}")
    sql, params, cube = tally_sql(store.backend, fields, query)
    log.debug("tally by %s from %s", fields, cube.table if cube else "events")
    rows = _sorted(store._read_tuples(sql, params), len(fields))
    names = [*fields, *MEASURES]
    out = [dict(zip(names, row, strict=True)) for row in rows]
    if "week" in fields:
        for record in out:
            record["week"] = _week_label(record["week"])
    return out


def tally_sql(
    backend: Backend, fields: Sequence[str], query: EventQuery
) -> tuple[str, list[Any], Cube | None]:
    """The GROUP BY statement of a tally, its parameters, and the tally table it reads (None: events)."""
    cube = choose_cube(fields, query)
    if cube is not None:
        columns = {name: f"t.{name}" for name in cube.fields}
        where = Where(backend, columns, empty_is_null=True).build(query)
        source, sums = f"{cube.table} t", _CUBE_SUMS
    else:
        columns = events_columns("e")
        where = Where(backend, columns).build(query)
        source, sums = "events e", _EVENT_SUMS
    keys = [
        time_key(backend, name, columns["day"]) if name in TIME_FIELDS else columns[name] for name in fields
    ]
    # Group on the stored values, not on nullif(...) of them: a bare key column lets the primary key
    # or a (type|place, day) index deliver the groups in order, where an expression costs a sort.
    # '' <-> NULL is one-to-one, so the groups are the same.
    group = ", ".join(keys)
    if cube is not None:  # the tally tables store unknown values as ''
        keys = [f"nullif({key}, '')" for key in keys]
    select = ", ".join(f"{key} AS k{i}" for i, key in enumerate(keys))
    sql = f"SELECT {select}, {sums} FROM {source} WHERE {where.sql()} GROUP BY {group}"
    return sql, where.params, cube


def _sorted(rows: list[tuple[Any, ...]], width: int) -> list[tuple[Any, ...]]:
    """Rows by key: unknown values last, then code-point order, the same on both backends.

    Sorted here, not by ORDER BY, which can steer SQLite's planner onto a slower index. One key
    (the dashboard's case, thousands of days) sorts in C; a Python key function costs more than
    the query.
    """
    if width == 1:
        known = [row for row in rows if row[0] is not None]
        known.sort(key=itemgetter(0))
        return known + [row for row in rows if row[0] is None]
    rows.sort(key=lambda row: tuple((v is None, v or "") for v in row[:width]))
    return rows


def _week_label(monday: str | None) -> str | None:
    if not monday:
        return None
    year, week, _ = dt.date.fromisoformat(monday).isocalendar()
    return f"{year}-W{week:02d}"
