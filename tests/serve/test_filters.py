"""Query-string parsing: whatever an analyst types must give a valid query or a clear 400."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warlog.serve.filters import (
    BadQueryError,
    EventFilter,
    decode_cursor,
    encode_cursor,
    fts_query,
    parse_bbox,
)


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5 (body)")
    conn.execute("INSERT INTO t VALUES ('shelling near the old bridge')")
    return conn


@given(st.text(max_size=60))
def test_any_text_is_a_valid_fts_query(fts: sqlite3.Connection, text: str) -> None:
    query = fts_query(text)
    if query is not None:
        fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (query,)).fetchone()


def test_fts_query_matches_prefixes_of_every_word(fts: sqlite3.Connection) -> None:
    def hits(text: str) -> int:
        return fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (fts_query(text),)).fetchone()[0]

    assert hits("shell bridg") == 1
    assert hits('"bridge" NEAR(') == 1
    assert hits("shelling harbour") == 0


@given(st.one_of(st.none(), st.text(max_size=20)), st.text(max_size=40))
def test_cursor_round_trip(day: str | None, key: str) -> None:
    assert decode_cursor(encode_cursor(day, key)) == (day, key)


@pytest.mark.parametrize("token", ["", None])
def test_no_cursor(token: str | None) -> None:
    assert decode_cursor(token) is None


@given(st.text(max_size=30))
def test_bad_cursors_are_bad_queries(token: str) -> None:
    with contextlib.suppress(BadQueryError):
        decode_cursor(token)


@given(
    st.floats(-180, 180), st.floats(-90, 90), st.floats(-180, 180), st.floats(-90, 90),
)  # fmt: skip
def test_bbox_parses_or_refuses(a: float, b: float, c: float, d: float) -> None:
    text = f"{a},{b},{c},{d}"
    if b <= d:
        assert parse_bbox(text) == (a, b, c, d)
    else:
        with pytest.raises(BadQueryError):
            parse_bbox(text)


def test_until_a_month_means_its_last_day() -> None:
    assert EventFilter.parse(until="2024-02").until == "2024-02-29"
    assert EventFilter.parse(until="2023").until == "2023-12-31"
    with pytest.raises(BadQueryError, match="since"):
        EventFilter.parse(since="2024-13-01")


def test_like_wildcards_in_actor_are_literal() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE events (actor1 TEXT, actor2 TEXT)")
    conn.executemany("INSERT INTO events VALUES (?, ?)", [("Army_1", None), ("Army 100%", None)])
    for actor, n in (("_", 1), ("%", 1), ("army", 2)):
        where, params = EventFilter.parse(actor=actor).where("e")
        assert conn.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0] == n
