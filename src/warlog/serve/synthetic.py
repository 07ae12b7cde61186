"""Synthetic events for benchmarks and demos, written straight into a warlog SQLite database.

Places come from the bundled gazetteer, types from ACLED's table, actors from the actor
lexicon, so the data looks like what ingest produces. One event in `sources_every` also
gets an article (generated sentences), a report, evidence spans and a toll history row,
so the event page and full-text search have something to show.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from warlog.geocode import cached_gazetteer
from warlog.settings import Settings

__all__ = ["generate_events"]

log = logging.getLogger(__name__)

_COUNTRIES = ("SY", "IQ", "YE", "UA", "SD", "ML", "BF", "NG", "CD", "SO", "MM", "AF", "LB", "PS", "ET")
_OUTLETS = ("Wire One", "Daily Monitor", "Field Post", "Evening Ledger", "Border Times")


@dataclass(frozen=True)
class _Place:
    name: str
    country: str
    admin1: str
    latitude: float
    longitude: float


def _data(path: str) -> Any:
    return resources.files("warlog").joinpath("data").joinpath(path)


def _places(per_country: int = 60) -> list[_Place]:
    """The most populous towns of each synthetic country, from the bundled gazetteer."""
    gaz = cached_gazetteer()
    places = [
        _Place(row.name, gaz.countries[cc].name, row.admin1, row.lat, row.lon)
        for cc in _COUNTRIES
        if cc in gaz.countries
        for row in gaz.largest_places(cc, per_country)
        if row.admin1
    ]
    if not places:
        raise RuntimeError("the bundled gazetteer has no places for the synthetic countries")
    return places


def _types() -> list[tuple[str, str]]:
    table = yaml.safe_load(_data("acled_types.yaml").read_text(encoding="utf-8"))
    return [(event_type, sub) for event_type, subs in table.items() for sub in subs]


def _actors() -> list[str]:
    rows = yaml.safe_load(_data("lexicons/actors.yaml").read_text(encoding="utf-8"))["actors"]
    return [row["name"] for row in rows if "{country}" not in row["name"] and row.get("role") != "victim"]


def _create_schema(db: Path, settings: Settings) -> None:
    from warlog.store import open_store

    open_store(str(db), settings).close()


def generate_events(
    db: Path,
    n: int,
    *,
    seed: int = 7,
    start: dt.date = dt.date(2016, 1, 1),
    days: int = 3650,
    sources_every: int = 100,
    settings: Settings | None = None,
) -> int:
    """Add ``n`` synthetic events (ids ``syn-0000001`` ...) to ``db``, created if missing; returns n."""
    _create_schema(db, settings or Settings(db=str(db)))
    rng = random.Random(seed)
    places, types, actors = _places(), _types(), _actors()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA synchronous = OFF")
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    start_index = conn.execute("SELECT count(*) FROM events WHERE event_id LIKE 'syn-%'").fetchone()[0]
    batch: dict[str, list[dict[str, Any]]] = {t: [] for t in ("events", "articles", "reports", "evidence",
                                                              "event_history")}  # fmt: skip
    with conn:
        for i in range(start_index, start_index + n):
            _one_event(rng, i, places, types, actors, sources_every, now, batch, start, days)
            if len(batch["events"]) >= 20000:
                _flush(conn, batch)
        _flush(conn, batch)
    conn.close()
    log.info("wrote %d synthetic events to %s", n, db)
    return n


def _one_event(
    rng: random.Random,
    i: int,
    places: list[_Place],
    types: list[tuple[str, str]],
    actors: list[str],
    sources_every: int,
    now: str,
    batch: dict[str, list[dict[str, Any]]],
    start: dt.date,
    days: int,
) -> None:
    event_id = f"syn-{i + 1:07d}"
    place = places[min(int(rng.paretovariate(1.2)) - 1, len(places) - 1) if rng.random() < 0.5
                   else rng.randrange(len(places))]  # fmt: skip
    event_type, sub_event_type = rng.choice(types)
    actor1, actor2 = rng.choice(actors), (rng.choice(actors) if rng.random() < 0.6 else None)
    day = (start + dt.timedelta(days=rng.randrange(days))).isoformat()
    deaths = int(rng.expovariate(0.3)) if rng.random() < 0.45 else 0
    high = deaths + (rng.randrange(4) if deaths and rng.random() < 0.2 else 0)
    lat = round(place.latitude + rng.uniform(-0.05, 0.05), 5)
    lon = round(place.longitude + rng.uniform(-0.05, 0.05), 5)
    has_source = sources_every > 0 and i % sources_every == 0
    n_reports = 1 if has_source else 0
    place_json = {"name": place.name, "country": place.country, "admin1": place.admin1,
                  "location": place.name,
                  "latitude": lat, "longitude": lon, "geo_precision": 1}  # fmt: skip
    event = {
        "event_id": event_id, "event_type": event_type, "sub_event_type": sub_event_type, "event_date": day,
        "date_earliest": day, "date_latest": day, "time_precision": 1, "actor1": actor1, "actor2": actor2,
        "fatalities_low": deaths, "fatalities_best": deaths, "fatalities_high": high,
        "first_reported": day, "last_reported": day,
    }  # fmt: skip
    article_id = f"syn-a{i + 1:07d}"
    report_id = f"{article_id}/r1"
    record = {**event, "place": place_json, "report_ids": [report_id] if has_source else []}
    batch["events"].append({
        **event, "country": place.country, "admin1": place.admin1, "location": place.name, "latitude": lat,
        "longitude": lon, "geo_precision": 1, "weapons": "[]", "n_reports": n_reports,
        "n_independent_sources": n_reports, "attribution": "{}",
        "block_key": f"{day}|{place.admin1}|{event_type}",
        "updated_at": now, "record": json.dumps(record),
    })  # fmt: skip
    if not has_source:
        return
    outlet = rng.choice(_OUTLETS)
    first = f"{actor1} carried out an attack ({sub_event_type.lower()}) near {place.name} on {day}."
    second = (
        f"{deaths} people were killed, local officials said." if deaths else "No one was reported killed."
    )
    text = f"{first} {second}"
    batch["articles"].append({
        "article_id": article_id, "content_hash": f"synthetic-{i + 1}", "outlet": outlet,
        "url": f"https://example.invalid/{article_id}", "published": day, "published_source": "record",
        "title": f"Attack near {place.name}", "text": text, "flags": '["synthetic"]', "ingested_at": now,
    })  # fmt: skip
    name_at = first.index(place.name)
    spans = [("event", 0, 0, len(first), first), ("place", 0, name_at, name_at + len(place.name), place.name),
             ("fatalities", 1, len(first) + 1, len(text), second)]  # fmt: skip
    report = {
        "report_id": report_id, "article_id": article_id, "event_id": event_id, "event_type": event_type,
        "sub_event_type": sub_event_type, "actor1": actor1, "actor2": actor2, "event_date": day,
        "fatalities": deaths, "extractor": "synthetic",
    }  # fmt: skip
    evidence = {f: [{"article_id": article_id, "sentence_index": si, "start": a, "end": b, "text": q}]
                for f, si, a, b, q in spans}  # fmt: skip
    batch["reports"].append({
        **report, "place_name": place.name, "country": place.country, "admin1": place.admin1,
        "location": place.name, "latitude": lat, "longitude": lon, "geo_precision": 1, "date_earliest": day,
        "date_latest": day, "time_precision": 1, "weapons": "[]",
        "record": json.dumps({**report, "place": place_json, "evidence": evidence}),
    })  # fmt: skip
    batch["evidence"] += [
        {"report_id": report_id, "field": f, "article_id": article_id, "sentence_index": si, "char_start": a,
         "char_end": b, "quote": q}
        for f, si, a, b, q in spans
    ]  # fmt: skip
    batch["event_history"].append({
        "event_id": event_id, "report_id": report_id, "article_id": article_id, "outlet": outlet,
        "published": day, "fatalities": deaths, "actor1": actor1, "position": 0,
    })  # fmt: skip


def _flush(conn: sqlite3.Connection, batch: dict[str, list[dict[str, Any]]]) -> None:
    """Insert each table's rows, naming only the columns this database has."""
    for table in ("events", "articles", "reports", "evidence", "event_history"):
        rows = batch[table]
        if not rows:
            continue
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        columns = [c for c in rows[0] if c in have]
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        conn.executemany(sql, [[row.get(c) for c in columns] for row in rows])
        rows.clear()
