"""Tallies in the store, on both backends: the pre-aggregated tables always agree with the events.

Events are written as rows (as `warlog generate` does), then moved and deleted, so the
triggers' insert, update and delete paths are all exercised; the oracle is plain Python.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

import pytest

from warlog.store import EventQuery, Store
from warlog.store._tally import choose_cube, tally_sql

TYPES = [("Battles", "Armed clash"), ("Battles", "Government regains territory"),
         ("Explosions/Remote violence", "Air/drone strike"), ("Protests", "Peaceful protest")]  # fmt: skip
PLACES = [("Freedonia", "Lakeshore"), ("Freedonia", "Highlands"), ("Sylvania", "Delta"), (None, None)]
ACTORS = ["Northern Army", "Hill Brigade", "Military Forces of Sylvania", None]
# a bbox that keeps every located event, and forces the events table
EVERYWHERE = (-180.0, -90.0, 180.0, 90.0)


def _event(rng: random.Random, i: int) -> dict[str, Any]:
    event_type, sub = rng.choice(TYPES)
    country, admin1 = rng.choice(PLACES)
    day = None if rng.random() < 0.1 else (dt.date(2023, 12, 20) + dt.timedelta(days=rng.randrange(60)))
    best = None if rng.random() < 0.3 else rng.randrange(12)
    return {
        "event_id": f"e{i:03d}", "event_type": event_type, "sub_event_type": sub,
        "event_date": day.isoformat() if day else None,
        "actor1": rng.choice(ACTORS), "actor2": rng.choice(ACTORS),
        "country": country, "admin1": admin1, "location": f"{admin1 or 'Nowhere'} town",
        "latitude": 10.0, "longitude": 20.0, "fatalities_low": best, "fatalities_best": best,
        "fatalities_high": None if best is None or rng.random() < 0.5 else best + 2,
        "updated_at": "2024-01-01", "record": "{}",
    }  # fmt: skip


def _insert(store: Store, rows: list[dict[str, Any]]) -> None:
    columns = list(rows[0])
    with store._write_transaction():
        store._executemany(
            f"INSERT INTO events ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [[row[c] for c in columns] for row in rows],
        )


def _oracle(rows: list[dict[str, Any]], by: list[str], keep: Any = lambda r: True) -> list[dict[str, Any]]:
    def key(row: dict[str, Any], name: str) -> str | None:
        day = row["event_date"]
        if name in ("day", "week", "month", "year"):
            if day is None:
                return None
            d = dt.date.fromisoformat(day)
            iso = d.isocalendar()
            week = f"{iso.year}-W{iso.week:02d}"
            return {"day": day, "month": day[:7], "year": day[:4], "week": week}[name]
        return row[name]

    sums: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for row in rows:
        if not keep(row):
            continue
        total = sums[tuple(key(row, n) for n in by)]
        best, low, high = row["fatalities_best"], row["fatalities_low"], row["fatalities_high"]
        total[0] += 1
        total[1] += low or 0
        total[2] += best or 0
        total[3] += high if high is not None else (best or 0)
        total[4] += best is not None or low is not None
    measures = ("events", "fatalities_low", "fatalities_best", "fatalities_high", "with_toll")
    out = [dict(zip(by, k, strict=True)) | dict(zip(measures, v, strict=True)) for k, v in sums.items()]
    return sorted(out, key=lambda r: tuple((r[n] is None, r[n] or "") for n in by))


@pytest.fixture
def filled(store: Store) -> tuple[Store, list[dict[str, Any]]]:
    rng = random.Random(11)
    rows = [_event(rng, i) for i in range(150)]
    _insert(store, rows)
    # move some events (new day, place, toll) and delete others: the triggers' update and delete paths
    with store._write_transaction():
        for row in rows[:30]:
            moved = _event(rng, 0)
            for column in ("event_date", "country", "admin1", "fatalities_best", "fatalities_high",
                           "event_type", "sub_event_type"):  # fmt: skip
                row[column] = moved[column]
            store._execute(
                "UPDATE events SET event_date = ?, country = ?, admin1 = ?, fatalities_best = ?,"
                " fatalities_high = ?, event_type = ?, sub_event_type = ? WHERE event_id = ?",
                [row[c] for c in ("event_date", "country", "admin1", "fatalities_best", "fatalities_high",
                                  "event_type", "sub_event_type", "event_id")],
            )  # fmt: skip
        for row in rows[30:45]:
            store._execute("DELETE FROM events WHERE event_id = ?", (row["event_id"],))
    return store, rows[:30] + rows[45:]


GROUPINGS = [["day"], ["week"], ["month"], ["year"], ["event_type"], ["sub_event_type"],
             ["country", "admin1"], ["month", "event_type"], ["admin1"], ["actor1"],
             ["location"]]  # fmt: skip


@pytest.mark.parametrize("by", GROUPINGS, ids=",".join)
def test_tallies_match_the_events(filled: tuple[Store, list[dict[str, Any]]], by: list[str]) -> None:
    store, rows = filled
    assert store.tally(by) == _oracle(rows, by)
    assert store.tally(by, query=EventQuery(bbox=EVERYWHERE)) == _oracle(rows, by)  # the events table


def test_filters_on_the_tally_tables_and_the_events_agree(
    filled: tuple[Store, list[dict[str, Any]]],
) -> None:
    store, rows = filled
    query = EventQuery(since=dt.date(2024, 1, 1), until=dt.date(2024, 1, 31), country="Freedonia")
    assert choose_cube(["month"], query) is not None
    expected = _oracle(
        rows, ["month"],
        lambda r: r["country"] == "Freedonia" and "2024-01-01" <= (r["event_date"] or "") <= "2024-01-31",
    )  # fmt: skip
    assert store.tally(["month"], query=query) == expected
    assert store.tally(["month"], query=EventQuery(**{**query.__dict__, "bbox": EVERYWHERE})) == expected


def test_where_matches_fragments_of_actors_and_places_in_any_case(
    filled: tuple[Store, list[dict[str, Any]]],
) -> None:
    store, rows = filled
    got = store.tally(["country"], where={"actor2": "forces OF", "admin1": "shore"})
    expected = _oracle(
        rows,
        ["country"],
        lambda r: "forces of" in (r["actor2"] or "").lower() and "shore" in (r["admin1"] or ""),
    )
    assert got == expected and got
    assert store.tally(["year"], where={"event_type": "battles"}) == _oracle(
        rows, ["year"], lambda r: r["event_type"] == "Battles"
    )
    week = store.tally(["week"])[0]["week"]
    assert store.tally(["week"], where={"week": week}) == [store.tally(["week"])[0]]


def test_actor_filter_treats_like_wildcards_as_text(store: Store) -> None:
    rng = random.Random(3)
    rows = [_event(rng, i) for i in range(3)]
    for row, actor in zip(rows, ["Army_1", "Army 100%", "Armyx1"], strict=True):
        row["actor1"], row["actor2"] = actor, None
    _insert(store, rows)
    for actor, n in (("_", 1), ("%", 1), ("army", 3)):
        assert sum(r["events"] for r in store.tally(["year"], query=EventQuery(actor=actor))) == n


def test_unknown_fields_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown field 'colour'"):
        store.tally(["colour"])
    with pytest.raises(ValueError, match="unknown field 'colour'"):
        store.tally(["month"], where={"colour": "red"})


def test_cube_choice_follows_the_fields() -> None:
    assert choose_cube(["month"], EventQuery()).table == "tally_day"  # type: ignore[union-attr]
    cube = choose_cube(["event_type"], EventQuery(country="X"))
    assert cube is not None and cube.table == "tally_type_place"
    cube = choose_cube(["day"], EventQuery(event_type="X"))
    assert cube is not None and cube.table == "tally_day_type"
    cube = choose_cube(["admin1"], EventQuery(since=dt.date(2024, 1, 1)))
    assert cube is not None and cube.table == "tally_day_place"
    assert choose_cube(["actor1"], EventQuery()) is None
    assert choose_cube(["month"], EventQuery(words=("x",))) is None


def test_counts_and_stats_read_the_tally_tables(filled: tuple[Store, list[dict[str, Any]]]) -> None:
    store, rows = filled
    assert store.counts()["events"] == len(rows)
    stats = store.read_stats()
    dated = sorted(r["event_date"] for r in rows if r["event_date"])
    assert (stats["first_event_date"], stats["last_event_date"]) == (dated[0], dated[-1])
    assert {p["country"] for p in stats["places"]} == {r["country"] for r in rows if r["country"]}


@pytest.mark.parametrize(
    "query",
    [EventQuery(), EventQuery(event_type="Battles"), EventQuery(country="Freedonia"),
     EventQuery(admin1="Delta"), EventQuery(sub_event_type="Armed clash")],
    ids=["all", "type", "country", "admin1", "sub_type"],
)  # fmt: skip
def test_day_tallies_read_groups_in_index_order(
    filled: tuple[Store, list[dict[str, Any]]], query: EventQuery
) -> None:
    """The dashboard's timeline (thousands of days): no sort of the groups in SQLite (a temp B-tree)."""
    store, rows = filled
    if store.backend != "sqlite":
        pytest.skip("the plan is SQLite's")
    sql, params, cube = tally_sql(store.backend, ["day"], query)
    assert cube is not None
    plan = " | ".join(str(row["detail"]) for row in store._execute(f"EXPLAIN QUERY PLAN {sql}", params)[0])
    assert "TEMP B-TREE" not in plan, plan
    field, value = next(((n, v) for n, v in query._exact() if v), (None, None))
    expected = _oracle(rows, ["day"], lambda r: field is None or r[field] == value)
    assert store.tally(["day"], query=query) == expected
