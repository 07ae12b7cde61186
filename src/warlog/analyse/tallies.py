"""Tallies: how many events (and how many dead) by month, type, actor or place.

The counting is SQL inside the store (``Store.tally``), the same code `warlog tally` and
GET /api/tallies use, on SQLite and PostgreSQL alike. ``where`` filters match whole values
(any case), except actors and places, which match a fragment: ``actor2=United States``
finds 'Military Forces of the United States'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from warlog.store import TALLY_FIELDS

__all__ = ["FIELDS", "TallyRow", "TallyStore", "tally"]

FIELDS = TALLY_FIELDS
"""Fields to group (``by``) or filter (``where``) on."""


class TallyStore(Protocol):
    """What a tally needs of a store: ``Store.tally`` (SQL over the stored events)."""

    def tally(
        self,
        by: Sequence[str] = ...,
        since: dt.date | None = ...,
        until: dt.date | None = ...,
        where: Mapping[str, str] | None = ...,
    ) -> list[dict[str, Any]]: ...


@dataclass
class TallyRow:
    key: dict[str, str | None]
    count: int = 0
    fatalities_low: int = 0
    fatalities_best: int = 0
    fatalities_high: int = 0
    with_toll: int = 0  # events that give any toll: sums over few of them say little


def tally(
    store: TallyStore,
    by: Sequence[str] = ("month",),
    since: dt.date | None = None,
    until: dt.date | None = None,
    where: Mapping[str, str] | None = None,
) -> list[TallyRow]:
    """Event counts and toll sums over the store, grouped by ``by`` (e.g. month, event_type).

    Unknown field names raise ValueError naming the choices.
    """
    rows = store.tally(by, since, until, where)
    fields = list(dict.fromkeys(by))
    return [
        TallyRow(
            key={name: row[name] for name in fields},
            count=row["events"],
            fatalities_low=row["fatalities_low"],
            fatalities_best=row["fatalities_best"],
            fatalities_high=row["fatalities_high"],
            with_toll=row["with_toll"],
        )
        for row in rows
    ]
