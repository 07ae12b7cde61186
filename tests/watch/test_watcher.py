"""The watcher end to end against a local feed server: new articles stored once, failures survived."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from warlog.settings import Settings
from warlog.store import open_store
from warlog.watch.config import FeedConfig, WatchConfig, load_watch_config
from warlog.watch.watcher import Watcher


def _watcher(tmp_path: Path, server: Any, *paths: str, **config: Any) -> tuple[Watcher, Any]:
    settings = Settings(db=str(tmp_path / "w.db"))
    store = open_store(settings.db, settings)
    feeds = [FeedConfig(url=f"{server.base}{p}", outlet="Test wire") for p in paths]
    watch_config = WatchConfig(
        feeds=feeds, allow=[f"127.0.0.1:{server.port}"], per_host_interval_seconds=0, **config
    )
    return Watcher(watch_config, store, settings, tmp_path / "state.json", sleep=lambda s: None), store


def test_new_articles_are_stored_once(tmp_path: Path, feed_server: Any) -> None:
    watcher, store = _watcher(tmp_path, feed_server, "/feed.xml")
    first = watcher.poll_once()
    assert first.new_articles == 2 and first.feeds_failed == 0
    assert store.counts()["articles"] == 2
    assert store.counts()["events"] >= 1
    watcher.state.feeds[f"{feed_server.base}/feed.xml"].next_poll = 0
    second = watcher.poll_once()
    assert second.new_articles == 0
    assert feed_server.hits["/page/1"] == 1, "an entry already stored was fetched again"
    store.close()


def test_restart_resumes_from_saved_state(tmp_path: Path, feed_server: Any) -> None:
    watcher, store = _watcher(tmp_path, feed_server, "/feed.xml")
    watcher.poll_once()
    store.close()
    again, store = _watcher(tmp_path, feed_server, "/feed.xml")
    assert again.poll_once().new_articles == 0
    assert store.counts()["articles"] == 2
    store.close()


@pytest.mark.parametrize("path", ["/error.xml", "/invalid.xml", "/huge.xml", "/slow.xml", "/redirect.xml"])
def test_a_bad_feed_is_logged_and_the_others_go_on(
    tmp_path: Path, feed_server: Any, path: str, caplog: pytest.LogCaptureFixture
) -> None:
    feed_server.redirect_target = "http://127.0.0.1:9/feed.xml"
    watcher, store = _watcher(
        tmp_path, feed_server, path, "/feed.xml", timeout_seconds=1.0, max_bytes=2_000_000
    )
    summary = watcher.poll_once()
    assert summary.feeds_failed == 1
    assert summary.new_articles == 2
    assert f"feed {feed_server.base}{path} failed" in caplog.text
    state = watcher.state.feeds[f"{feed_server.base}{path}"]
    assert state.failures == 1 and state.next_poll > 0
    store.close()


def test_feeds_file_accepts_plain_urls(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(
        "feeds:\n  - https://news.example/rss\n  - url: https://other.example/atom\n    outlet: Other\n"
    )
    config = load_watch_config(path)
    assert [f.url for f in config.feeds] == ["https://news.example/rss", "https://other.example/atom"]
