"""Query-string parsing: whatever an analyst types must give a valid query or a clear 400."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warlog.serve.filters import BadQueryError, decode_cursor, encode_cursor, event_query, parse_bbox
from warlog.store import search_words
from warlog.store._filters import fts5_query


def fts_query(text: str) -> str | None:
    words = search_words(text)
    return fts5_query(words) if words else None


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
    assert event_query(until="2024-02").until == dt.date(2024, 2, 29)
    assert event_query(until="2023").until == dt.date(2023, 12, 31)
    with pytest.raises(BadQueryError, match="since"):
        event_query(since="2024-13-01")


def test_search_text_becomes_words_never_syntax() -> None:
    assert event_query(q='al-Bab "town" NEAR(').words == ("al", "Bab", "town", "NEAR")
    assert event_query(q="  ").words == ()
