"""Pair predicted reports with gold events, one to one, greedy and best first (SPEC.md).

A pair is *compatible* when the date, the place and the event type agree; among
compatible pairs the one agreeing on most fields is taken first, so a prediction is
credited to the gold event it describes best.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from warlog.evaluate.normalise import as_date, as_float, as_int, haversine_km, name_in, norm_name

__all__ = [
    "FIELDS",
    "GoldEvent",
    "PredEvent",
    "compatible",
    "field_checks",
    "greedy_match",
]

FIELDS = ("sub_event_type", "actor1", "actor2", "fatalities", "date", "location", "admin1")
"""Fields whose accuracy is scored over matched pairs, in table order."""

_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class GoldEvent:
    id: str
    event_type: str
    sub_event_type: str
    earliest: dt.date | None
    latest: dt.date | None
    actor1: tuple[str, ...] | None
    actor2: tuple[str, ...] | None
    names: tuple[str, ...]
    lat: float | None
    lon: float | None
    tolerance_km: float
    admin1: tuple[str, ...]
    fatalities: tuple[int, int] | None
    optional: bool = False

    @classmethod
    def from_json(cls, record: dict[str, Any], optional: bool = False) -> GoldEvent:
        date = record.get("date") or {}
        loc = record.get("location") or {}
        fat = record.get("fatalities")
        fatalities = None
        if isinstance(fat, dict):
            low, high = as_int(fat.get("low")), as_int(fat.get("high"))
            if low is not None:
                fatalities = (low, high if high is not None else low)
        return cls(
            id=str(record["id"]),
            event_type=str(record["event_type"]),
            sub_event_type=str(record.get("sub_event_type") or ""),
            earliest=as_date(date.get("earliest")),
            latest=as_date(date.get("latest")) or as_date(date.get("earliest")),
            actor1=_actor(record.get("actor1")),
            actor2=_actor(record.get("actor2")),
            names=tuple(str(n) for n in loc.get("names") or ()),
            lat=as_float(loc.get("lat")),
            lon=as_float(loc.get("lon")),
            tolerance_km=as_float(loc.get("tolerance_km")) or 0.0,
            admin1=tuple(str(a) for a in loc.get("admin1") or ()),
            fatalities=fatalities,
            optional=optional,
        )


def _actor(value: Any) -> tuple[str, ...] | None:
    if not isinstance(value, dict) or not value.get("name"):
        return None
    return (str(value["name"]), *(str(a) for a in value.get("aliases") or ()))


@dataclass(frozen=True)
class PredEvent:
    report_id: str
    article_id: str
    event_id: str | None
    event_type: str
    sub_event_type: str
    event_date: dt.date | None
    date_earliest: dt.date | None
    date_latest: dt.date | None
    actor1: str | None
    actor2: str | None
    location: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    fatalities: int | None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> PredEvent:
        return cls(
            report_id=str(row.get("report_id")),
            article_id=str(row.get("article_id")),
            event_id=None if row.get("event_id") is None else str(row["event_id"]),
            event_type=str(row.get("event_type") or ""),
            sub_event_type=str(row.get("sub_event_type") or ""),
            event_date=as_date(row.get("event_date")),
            date_earliest=as_date(row.get("date_earliest")),
            date_latest=as_date(row.get("date_latest")),
            actor1=_text(row.get("actor1")),
            actor2=_text(row.get("actor2")),
            location=_text(row.get("location")),
            admin1=_text(row.get("admin1")),
            lat=as_float(row.get("latitude")),
            lon=as_float(row.get("longitude")),
            fatalities=as_int(row.get("fatalities")),
            raw=row,
        )

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def distance_km(pred: PredEvent, gold: GoldEvent) -> float | None:
    if pred.lat is None or pred.lon is None or gold.lat is None or gold.lon is None:
        return None
    return haversine_km(pred.lat, pred.lon, gold.lat, gold.lon)


def _date_ok(pred: PredEvent, gold: GoldEvent, slack: dt.timedelta) -> bool:
    """The predicted event_date in the gold range; without one, the predicted range inside it."""
    if gold.earliest is None or gold.latest is None:
        return True
    low, high = gold.earliest - slack, gold.latest + slack
    if pred.event_date is not None:
        return low <= pred.event_date <= high
    if pred.date_earliest is not None and pred.date_latest is not None:
        return low <= pred.date_earliest and pred.date_latest <= high
    return False


def _place_ok(pred: PredEvent, gold: GoldEvent) -> bool:
    """Within tolerance of the gold point; with no point on either side, by admin1 or name."""
    dist = distance_km(pred, gold)
    if dist is not None:
        return dist <= gold.tolerance_km
    if name_in(pred.admin1, gold.admin1):
        return True
    return gold.lat is None and name_in(pred.location, gold.names)


def compatible(pred: PredEvent, gold: GoldEvent) -> list[str]:
    """Why the pair cannot match (empty when it can): 'type', 'date', 'place'."""
    failures = []
    if norm_name(pred.event_type) != norm_name(gold.event_type):
        failures.append("type")
    if not _date_ok(pred, gold, _ONE_DAY):
        failures.append("date")
    if not _place_ok(pred, gold):
        failures.append("place")
    return failures


def _actor_ok(predicted: str | None, gold: tuple[str, ...] | None) -> bool:
    # gold null means the report does not say: right only when the prediction says nothing either
    if gold is None:
        return predicted is None
    return name_in(predicted, gold)


def _location_ok(pred: PredEvent, gold: GoldEvent) -> bool:
    dist = distance_km(pred, gold)
    if dist is not None:
        return dist <= gold.tolerance_km
    return name_in(pred.location, gold.names)


def _admin1_ok(pred: PredEvent, gold: GoldEvent) -> bool:
    if not gold.admin1:
        return pred.admin1 is None
    return name_in(pred.admin1, gold.admin1)


def _fatalities_ok(pred: PredEvent, gold: GoldEvent) -> bool:
    if gold.fatalities is None:
        return pred.fatalities is None
    low, high = gold.fatalities
    return pred.fatalities is not None and low <= pred.fatalities <= high


def field_checks(pred: PredEvent, gold: GoldEvent) -> dict[str, bool]:
    """Per-field correctness of a matched pair, keyed by ``FIELDS``."""
    return {
        "sub_event_type": norm_name(pred.sub_event_type) == norm_name(gold.sub_event_type),
        "actor1": _actor_ok(pred.actor1, gold.actor1),
        "actor2": _actor_ok(pred.actor2, gold.actor2),
        "fatalities": _fatalities_ok(pred, gold),
        "date": _date_ok(pred, gold, dt.timedelta(0)),
        "location": _location_ok(pred, gold),
        "admin1": _admin1_ok(pred, gold),
    }


def _quality(pred: PredEvent, gold: GoldEvent) -> tuple[int, float]:
    """Higher is better: fields agreeing, then closeness relative to the tolerance."""
    agree = sum(field_checks(pred, gold).values())
    dist = distance_km(pred, gold)
    closeness = 0.0 if dist is None else -dist / max(gold.tolerance_km, 1.0)
    return agree, closeness


def greedy_match(preds: list[PredEvent], golds: list[GoldEvent]) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index), best pairs first; ties keep input order."""
    candidates = []
    for i, pred in enumerate(preds):
        for j, gold in enumerate(golds):
            if not compatible(pred, gold):
                agree, closeness = _quality(pred, gold)
                candidates.append((-agree, -closeness, i, j))
    candidates.sort()
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i in used_pred or j in used_gold:
            continue
        used_pred.add(i)
        used_gold.add(j)
        pairs.append((i, j))
    return pairs
