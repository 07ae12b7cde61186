"""Writes need the bearer token; without a configured token the server refuses them all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from warlog.serve.api import create_app
from warlog.settings import Settings

from .conftest import build_database

TOKEN = "test-token-123"
ARTICLE = {
    "id": "posted-1",
    "outlet": "Hand Written News",
    "url": "https://news.example/posted-1",
    "published": "2024-05-02",
    "title": "Clash near Millbrook",
    "text": "Fighters of the Hill Brigade attacked an army checkpoint in Millbrook on Wednesday. "
    "Four soldiers were killed, officials said.",
}


@pytest.fixture()
def writable(tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    db = tmp_path / "w.db"
    build_database(db)
    feeds = tmp_path / "feeds.yaml"
    with TestClient(create_app(str(db), Settings(db=str(db), token=TOKEN), feeds_file=feeds)) as client:
        yield client, feeds


def test_read_only_server_refuses_writes(client: TestClient) -> None:
    for path, body in (("/api/articles", ARTICLE), ("/api/feeds", {"url": "https://news.example/rss"})):
        r = client.post(path, json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 403
        assert "read-only" in r.json()["detail"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic dGVzdA==", "Bearer "])
def test_writes_need_the_right_token(writable: tuple[TestClient, Path], header: str | None) -> None:
    client, feeds = writable
    headers = {"Authorization": header} if header is not None else {}
    r = client.post("/api/feeds", json={"url": "https://news.example/rss"}, headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert not feeds.exists()


def test_add_feed(writable: tuple[TestClient, Path]) -> None:
    client, feeds = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post("/api/feeds", json={"url": "https://news.example/rss", "outlet": "Example"}, headers=auth)
    assert r.status_code == 201 and r.json()["created"] is True
    again = client.post("/api/feeds", json={"url": "https://news.example/rss"}, headers=auth)
    assert again.status_code == 200 and again.json()["created"] is False
    assert yaml.safe_load(feeds.read_text())["feeds"] == [
        {"url": "https://news.example/rss", "outlet": "Example"}
    ]
    assert client.get("/api/feeds").json()["feeds"][0]["url"] == "https://news.example/rss"
    bad = client.post("/api/feeds", json={"url": "file:///etc/passwd"}, headers=auth)
    assert bad.status_code == 422


def test_post_article_runs_the_pipeline(writable: tuple[TestClient, Path]) -> None:
    try:
        import warlog.pipeline  # noqa: F401
    except ImportError as exc:  # the extract/geocode stages are still being written
        pytest.skip(f"pipeline not importable: {exc}")
    client, _ = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post("/api/articles", json=ARTICLE, headers=auth)
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["article_id"], body["status"]) == ("posted-1", "new")
    assert client.get("/api/articles/posted-1").json()["text"] == ARTICLE["text"]
    assert client.post("/api/articles", json=ARTICLE, headers=auth).json()["status"] == "duplicate"
    assert client.post("/api/articles", json={"text": ""}, headers=auth).status_code == 422


def test_an_oversized_body_is_refused_before_it_is_read(tmp_path: Path) -> None:
    db = tmp_path / "small.db"
    settings = Settings(db=str(db), token=TOKEN, max_file_mb=0.01)
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    big = dict(ARTICLE, text="Shelling hit the town again. " * 10_000)
    with TestClient(create_app(str(db), settings)) as client:
        declared = client.post("/api/articles", json=big, headers=auth)
        streamed = client.post("/api/articles", content=iter([b"{" + b" " * 50_000] * 4), headers=auth)
        lying = client.post("/api/articles", content=b"{}", headers={**auth, "Content-Length": "nope"})
        fine = client.post("/api/articles", json=ARTICLE, headers=auth)
    assert declared.status_code == streamed.status_code == 413
    assert "byte limit" in declared.json()["detail"]
    assert declared.headers["content-security-policy"]
    assert lying.status_code in (400, 413)
    assert fine.status_code == 201
