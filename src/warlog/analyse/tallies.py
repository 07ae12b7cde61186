"""Tallies: how many events (and how many dead) by month, type, actor or place.

Computed over ``store.iter_events()``, the store's public API, so it works on every backend.
``where`` filters match whole values (case-insensitive), except actors and places, which
match a fragment: ``actor2=United States`` finds 'Military Forces of the United States'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from warlog.models import Event

__all__ = ["FIELDS", "EventStore", "TallyRow", "event_day", "event_value", "matches", "tally", "tally_events"]


class EventStore(Protocol):
    def iter_events(self) -> Iterator[Event]: ...


def event_day(event: Event) -> dt.date | None:
    """The day an event is counted on: its date, else the start of its range."""
    return event.event_date or event.date_earliest


def _day_field(fmt: Callable[[dt.date], str]) -> Callable[[Event], str | None]:
    def get(event: Event) -> str | None:
        day = event_day(event)
        return fmt(day) if day is not None else None

    return get


def _place_field(name: str) -> Callable[[Event], str | None]:
    def get(event: Event) -> str | None:
        value = getattr(event.place, name, None) if event.place is not None else None
        return str(value) if value is not None else None

    return get


FIELDS: dict[str, Callable[[Event], str | None]] = {
    "day": _day_field(lambda d: d.isoformat()),
    "week": _day_field(lambda d: f"{d.isocalendar().year}-W{d.isocalendar().week:02d}"),
    "month": _day_field(lambda d: d.strftime("%Y-%m")),
    "year": _day_field(lambda d: str(d.year)),
    "event_type": lambda e: e.event_type,
    "sub_event_type": lambda e: e.sub_event_type,
    "actor1": lambda e: e.actor1,
    "actor2": lambda e: e.actor2,
    "country": _place_field("country"),
    "admin1": _place_field("admin1"),
    "admin2": _place_field("admin2"),
    "location": _place_field("location"),
}
"""Fields to group (``by``) or filter (``where``) on."""

_FRAGMENT_FIELDS = frozenset({"actor1", "actor2", "location", "admin1", "admin2"})


@dataclass
class TallyRow:
    key: dict[str, str | None]
    count: int = 0
    fatalities_low: int = 0
    fatalities_best: int = 0
    fatalities_high: int = 0
    with_toll: int = 0  # events that give any toll: sums over few of them say little

    def add(self, event: Event) -> None:
        self.count += 1
        if event.fatalities_best is not None or event.fatalities_low is not None:
            self.with_toll += 1
        self.fatalities_low += event.fatalities_low or 0
        self.fatalities_best += event.fatalities_best or 0
        self.fatalities_high += event.fatalities_high or event.fatalities_best or 0


def event_value(event: Event, name: str) -> str | None:
    """The event's value for a tally field; unknown field names raise ValueError."""
    try:
        return FIELDS[name](event)
    except KeyError:
        raise ValueError(f"unknown field {name!r}; choose from {', '.join(FIELDS)}") from None


def matches(event: Event, where: Mapping[str, str]) -> bool:
    """True when the event passes every FIELD=VALUE filter."""
    for name, wanted in where.items():
        value = event_value(event, name)
        if value is None:
            return False
        got, want = value.casefold(), wanted.casefold()
        if not (want in got if name in _FRAGMENT_FIELDS else got == want):
            return False
    return True


def _in_window(event: Event, since: dt.date | None, until: dt.date | None) -> bool:
    if since is None and until is None:
        return True
    day = event_day(event)
    if day is None:
        return False
    return (since is None or day >= since) and (until is None or day <= until)


def tally_events(
    events: Iterable[Event],
    by: Sequence[str] = ("month",),
    since: dt.date | None = None,
    until: dt.date | None = None,
    where: Mapping[str, str] | None = None,
) -> list[TallyRow]:
    """Group events by the given fields and sum them; rows sorted by key (unknown values last)."""
    for name in [*by, *(where or {})]:
        if name not in FIELDS:
            raise ValueError(f"unknown field {name!r}; choose from {', '.join(FIELDS)}")
    rows: dict[tuple[str | None, ...], TallyRow] = {}
    for event in events:
        if not _in_window(event, since, until) or not matches(event, where or {}):
            continue
        key = tuple(FIELDS[name](event) for name in by)
        rows.setdefault(key, TallyRow(dict(zip(by, key, strict=True)))).add(event)
    return [rows[k] for k in sorted(rows, key=lambda k: tuple((v is None, v or "") for v in k))]


def tally(
    store: EventStore,
    by: Sequence[str] = ("month",),
    since: dt.date | None = None,
    until: dt.date | None = None,
    where: Mapping[str, str] | None = None,
) -> list[TallyRow]:
    """Event counts and toll sums over the store, grouped by ``by`` (e.g. month, event_type)."""
    return tally_events(store.iter_events(), by, since, until, where)
