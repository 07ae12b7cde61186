"""The same read API over PostgreSQL (`warlog serve --db postgresql://...`): lists, search, tallies, detail.

Skips without WARLOG_TEST_PG_URL (scripts/postgres.sh); each run uses its own schema.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from warlog.serve.api import create_app
from warlog.settings import Settings

from .conftest import build_database

PG_URL = os.environ.get("WARLOG_TEST_PG_URL", "")


@pytest.fixture(scope="module")
def pg_client() -> Iterator[tuple[TestClient, dict[str, str]]]:
    if not PG_URL:
        pytest.skip("WARLOG_TEST_PG_URL is not set (run scripts/postgres.sh)")
    psycopg = pytest.importorskip("psycopg")
    admin = psycopg.connect(PG_URL, autocommit=True)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE SCHEMA "{schema}"')
    url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}options={quote(f'-csearch_path={schema},public')}"
    try:
        ids = build_database(url)  # type: ignore[arg-type]
        with TestClient(create_app(url, Settings(db=url))) as client:
            yield client, ids
    finally:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()


pytestmark = pytest.mark.postgres


def _ids(body: dict) -> list[str]:
    return [e["event_id"] for e in body["events"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["t-2", "t-1", "t-3"]),
        ({"actor": "brigade"}, ["t-2"]),
        ({"q": "depot"}, ["t-3"]),  # a word only in the source text
        ({"q": "Stonebridg"}, ["t-2"]),  # prefix match on the place
        ({"q": "Hill Brigade", "country": "Sylvania"}, []),
        ({"since": "2024-01-01", "until": "2024-03"}, ["t-1"]),
        ({"bbox": "40,10,50,13"}, ["t-1"]),
    ],
)
def test_list_and_search(
    pg_client: tuple[TestClient, dict[str, str]], params: dict, expected: list[str]
) -> None:
    client, ids = pg_client
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    assert _ids(r.json()) == [ids[a] for a in expected]


def test_cursor_pages(pg_client: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = pg_client
    first = client.get("/api/events", params={"limit": 2}).json()
    second = client.get("/api/events", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert _ids(first) + _ids(second) == [ids["t-2"], ids["t-1"], ids["t-3"]]
    assert second["next_cursor"] is None


def test_tallies_detail_article_claims_stats(pg_client: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = pg_client
    weeks = client.get("/api/tallies", params={"by": "week"}).json()["tallies"]
    assert [t["key"] for t in weeks] == ["2023-W46", "2024-W10", "2024-W15"]
    by_country = client.get("/api/tallies", params={"by": "country", "actor": "army"}).json()["tallies"]
    assert [(t["key"], t["events"], t["fatalities"]) for t in by_country] == [("Freedonia", 1, 3)]
    event = client.get(f"/api/events/{ids['t-1']}").json()
    assert event["toll"]["best"] == 3 and [h["fatalities"] for h in event["history"]] == [3]
    article = client.get("/api/articles/t-1").json()
    for span in event["reports"][0]["evidence"]:
        assert article["text"][span["start"] : span["end"]] == span["text"]
    assert [c["claim_id"] for c in client.get("/api/claims").json()["claims"]] == ["t-1/c1"]
    stats = client.get("/api/stats").json()
    assert stats["counts"]["events"] == 3 and stats["backend"] == "postgres"
    assert (stats["first_event_date"], stats["last_event_date"]) == ("2023-11-19", "2024-04-09")
