"""The read API over a real database: filters, pagination, event detail, tallies, claims, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warlog.serve.api import create_app
from warlog.serve.synthetic import generate_events
from warlog.settings import Settings

from .conftest import HOSTILE


def ids(response_json: dict) -> list[str]:
    return [e["event_id"] for e in response_json["events"]]


def test_events_newest_first(client: TestClient, event_ids: dict[str, str]) -> None:
    r = client.get("/api/events")
    assert r.status_code == 200
    assert ids(r.json()) == [event_ids["t-2"], event_ids["t-1"], event_ids["t-3"]]
    assert r.json()["next_cursor"] is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"event_type": "Battles"}, ["t-2"]),
        ({"sub_event_type": "Air/drone strike"}, ["t-3"]),
        ({"actor": "brigade"}, ["t-2"]),
        ({"country": "Sylvania"}, ["t-3"]),
        ({"admin1": "Lakeshore"}, ["t-1"]),
        ({"since": "2024-01-01", "until": "2024-03"}, ["t-1"]),
        ({"until": "2023"}, ["t-3"]),
        ({"bbox": "40,10,50,13"}, ["t-1"]),
        ({"q": "depot"}, ["t-3"]),  # a word only in the source text
        ({"q": "Stonebridg"}, ["t-2"]),  # prefix match on the place
        ({"q": "Hill Brigade", "country": "Sylvania"}, []),
    ],
)
def test_event_filters(
    client: TestClient, event_ids: dict[str, str], params: dict, expected: list[str]
) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    assert ids(r.json()) == [event_ids[a] for a in expected]


@pytest.mark.parametrize(
    "params",
    [{"bbox": "1,2,3"}, {"since": "March"}, {"limit": 1001}, {"cursor": "not-a-cursor"}, {"q": '"unclosed'}],
)
def test_bad_parameters_are_client_errors(client: TestClient, params: dict) -> None:
    r = client.get("/api/events", params=params)
    if "q" in params:  # odd quoting is not an error: the words are searched as typed
        assert r.status_code == 200
    else:
        assert r.status_code in (400, 422), r.text
        assert "detail" in r.json()


def test_cursor_walks_every_event_once(tmp_path: Path) -> None:
    db = tmp_path / "many.db"
    generate_events(db, 257, days=30, sources_every=50)
    with TestClient(create_app(str(db), Settings(db=str(db)))) as client:
        seen: list[tuple[str, str]] = []
        cursor = None
        while True:
            page = client.get("/api/events", params={"limit": 40, "cursor": cursor}).json()
            seen += [(e["event_date"], e["event_id"]) for e in page["events"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert len(seen) == 257 == len(set(seen))
        assert seen == sorted(seen, reverse=True)
        total = sum(t["events"] for t in client.get("/api/tallies", params={"by": "day"}).json()["tallies"])
        assert total == 257


def test_event_detail_has_sources_evidence_history(client: TestClient, event_ids: dict[str, str]) -> None:
    r = client.get(f"/api/events/{event_ids['t-1']}")
    assert r.status_code == 200
    event = r.json()
    assert event["toll"]["best"] == 3
    assert [s["outlet"] for s in event["sources"]] == ["Daily Lantern"]
    assert [h["fatalities"] for h in event["history"]] == [3]
    (report,) = event["reports"]
    fields = {e["field"] for e in report["evidence"]}
    assert {"event", "place", "fatalities"} <= fields
    article = client.get("/api/articles/t-1").json()
    for ev in report["evidence"]:
        assert article["text"][ev["start"] : ev["end"]] == ev["text"]


def test_missing_event_and_article_are_404(client: TestClient) -> None:
    assert client.get("/api/events/nope").status_code == 404
    assert client.get("/api/articles/nope").status_code == 404


def test_article_text_is_returned_as_json_data(client: TestClient) -> None:
    r = client.get("/api/articles/t-1")
    assert r.headers["content-type"].startswith("application/json")
    assert HOSTILE in r.json()["text"]  # kept verbatim as data; the dashboard renders it as text
    assert r.json()["claims"][0]["value"] == 40


@pytest.mark.parametrize(
    ("by", "keys"),
    [
        ("month", ["2023-11", "2024-03", "2024-04"]),
        ("year", ["2023", "2024"]),
        ("week", ["2023-W46", "2024-W10", "2024-W15"]),
        ("event_type", ["Battles", "Explosions/Remote violence"]),
        ("country", ["Freedonia", "Sylvania"]),
    ],
)
def test_tallies(client: TestClient, by: str, keys: list[str]) -> None:
    r = client.get("/api/tallies", params={"by": by})
    assert r.status_code == 200
    assert [t["key"] for t in r.json()["tallies"]] == keys


def test_tallies_follow_filters_and_sum_deaths(client: TestClient) -> None:
    tallies = client.get("/api/tallies", params={"by": "country", "country": "Freedonia"}).json()["tallies"]
    assert [(t["key"], t["events"], t["fatalities"]) for t in tallies] == [("Freedonia", 2, 8)]
    assert client.get("/api/tallies", params={"by": "colour"}).status_code == 400


def test_claims(client: TestClient) -> None:
    body = client.get("/api/claims").json()
    assert [(c["claim_id"], c["value"], c["qualifier"]) for c in body["claims"]] == [("t-1/c1", 40, "over")]
    assert client.get("/api/claims", params={"article_id": "t-2"}).json()["claims"] == []


def test_stats(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["counts"]["events"] == 3
    assert stats["read_only"] is True
    assert stats["full_text"] is True
    assert {p["country"] for p in stats["places"]} == {"Freedonia", "Sylvania"}
    assert (stats["first_event_date"], stats["last_event_date"]) == ("2023-11-19", "2024-04-09")


def test_openapi_lists_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/tallies", "/api/claims", "/api/stats",
                 "/api/export.{fmt}", "/api/articles", "/api/feeds"):  # fmt: skip
        assert path in paths


@pytest.mark.parametrize("fmt", ["csv", "geojson", "json"])
def test_export_streams(client: TestClient, fmt: str) -> None:
    r = client.get(f"/api/export.{fmt}", params={"what": "events"})
    assert r.status_code == 200, r.text
    assert "attachment" in r.headers["content-disposition"]
    if fmt == "csv":
        assert len(r.text.strip().splitlines()) == 4
    else:
        data = json.loads(r.text)
        rows = data["features"] if fmt == "geojson" else data
        assert len(rows) == 3
