"""Poll feeds and send new articles through the pipeline, resuming where a crash left off.

State (ETag / Last-Modified, entries already stored, back-off) is a small JSON file
rewritten atomically after every stored article, so a killed watcher neither loses
nor repeats work; the store's own dedup is the second guard.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, Field

from warlog.errors import BadInputError
from warlog.ingest import article_from_html
from warlog.ingest.feeds import article_from_entry, entry_date, parse_feed
from warlog.ingest.text import TextDecodeError, declared_charset, decode_bytes
from warlog.models import Article
from warlog.pipeline import store_articles
from warlog.settings import Settings
from warlog.store import Store
from warlog.watch.config import FeedConfig, WatchConfig
from warlog.watch.fetch import Fetcher, FetchError, FetchPolicy

__all__ = ["PollSummary", "Watcher"]

log = logging.getLogger(__name__)

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
    "application/feed+json",
)
PAGE_TYPES = ("text/html", "application/xhtml+xml")
SEEN_LIMIT = 5000


class FeedState(BaseModel):
    etag: str | None = None
    last_modified: str | None = None
    seen: list[str] = Field(default_factory=list)
    failures: int = 0
    next_poll: float = 0.0
    last_error: str | None = None


class WatchState(BaseModel):
    feeds: dict[str, FeedState] = Field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> WatchState:
        if not path.exists():
            return cls()
        try:
            return cls.model_validate_json(path.read_text(encoding="utf-8"))
        except ValueError:
            log.warning("%s: unreadable watch state, starting afresh", path)
            return cls()

    def save(self, path: Path) -> None:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(self.model_dump_json(), encoding="utf-8")
        os.replace(tmp, path)


@dataclass
class PollSummary:
    feeds_polled: int = 0
    feeds_failed: int = 0
    new_articles: int = 0
    duplicates: int = 0
    entries_failed: int = 0


class Watcher:
    def __init__(
        self,
        config: WatchConfig,
        store: Store,
        settings: Settings,
        state_path: Path,
        *,
        fetcher: Fetcher | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config
        self.store = store
        self.settings = settings
        self.state_path = state_path
        self.state = WatchState.load(state_path)
        self.fetcher = fetcher or Fetcher(
            FetchPolicy(
                max_bytes=config.max_bytes, timeout_seconds=config.timeout_seconds, allow=tuple(config.allow)
            )
        )
        self.clock = clock
        self.sleep = sleep
        self._last_request: dict[str, float] = {}

    def run(self, rounds: int | None = None) -> None:
        """Poll forever (or ``rounds`` times), sleeping until the next feed is due."""
        done = 0
        while rounds is None or done < rounds:
            self.poll_once()
            done += 1
            if rounds is not None and done >= rounds:
                break
            due = min((self._feed_state(f).next_poll for f in self.config.feeds), default=self.clock())
            self.sleep(max(1.0, due - self.clock()))

    def poll_once(self) -> PollSummary:
        summary = PollSummary()
        for feed in self.config.feeds:
            state = self._feed_state(feed)
            if state.next_poll > self.clock():
                continue
            summary.feeds_polled += 1
            try:
                self._poll_feed(feed, state, summary)
            except FetchError as exc:
                summary.feeds_failed += 1
                state.failures += 1
                state.last_error = str(exc)
                backoff = min(self.config.poll_seconds * 2**state.failures, self.config.max_backoff_seconds)
                state.next_poll = self.clock() + backoff
                log.warning("feed %s failed (%s); next try in %.0fs", feed.url, exc.reason, backoff)
            else:
                state.failures = 0
                state.last_error = None
                state.next_poll = self.clock() + self.config.poll_seconds
            self.state.save(self.state_path)
        return summary

    def _feed_state(self, feed: FeedConfig) -> FeedState:
        return self.state.feeds.setdefault(feed.url, FeedState())

    def _polite_get(self, url: str, accept: tuple[str, ...], **conditional: str | None) -> Any:
        host = urlsplit(url).netloc
        wait = self._last_request.get(host, 0.0) + self.config.per_host_interval_seconds - self.clock()
        if wait > 0:
            self.sleep(wait)
        self._last_request[host] = self.clock()
        return self.fetcher.get(url, accept=accept, **conditional)

    def _poll_feed(self, feed: FeedConfig, state: FeedState, summary: PollSummary) -> None:
        result = self._polite_get(feed.url, FEED_TYPES, etag=state.etag, last_modified=state.last_modified)
        if result.not_modified:
            log.info("feed %s not modified", feed.url)
            return
        try:
            parsed = parse_feed(result.content, feed.url)
        except BadInputError as exc:
            raise FetchError(feed.url, exc.reason) from exc
        state.etag, state.last_modified = result.etag, result.last_modified
        seen = set(state.seen)
        for entry in parsed.entries:
            key = str(entry.get("id") or entry.get("link") or entry.get("title") or "")
            if not key or key in seen:
                continue
            try:
                article = self._article(feed, entry)
            except BadInputError as exc:  # FetchError included
                summary.entries_failed += 1
                log.warning("feed %s entry %s skipped: %s", feed.url, key, exc)
                if isinstance(exc, FetchError) and exc.retryable:
                    continue  # try this entry again at the next poll
                self._mark_seen(state, key, seen)
                continue
            outcome = store_articles([article], self.store, self.settings)
            summary.new_articles += outcome.new
            summary.duplicates += outcome.duplicate
            summary.entries_failed += outcome.failed
            self._mark_seen(state, key, seen)
            self.state.save(self.state_path)

    def _mark_seen(self, state: FeedState, key: str, seen: set[str]) -> None:
        seen.add(key)
        state.seen.append(key)
        del state.seen[:-SEEN_LIMIT]

    def _article(self, feed: FeedConfig, entry: Any) -> Article:
        link = entry.get("link")
        published = entry_date(entry)
        if feed.fetch_pages and link:
            page = self._polite_get(link, PAGE_TYPES)
            try:
                html = decode_bytes(page.content, declared_charset(page.content))
            except TextDecodeError as exc:
                raise BadInputError(link, str(exc)) from exc
            article = article_from_html(html, source=link, url=link)
            updates: dict[str, Any] = {}
            if article.published is None and published is not None:
                updates.update(
                    published=published,
                    published_source="record",
                    flags=[f for f in article.flags if f != "no-publication-date"],
                )
            if feed.outlet and not article.outlet:
                updates["outlet"] = feed.outlet
            return article.model_copy(update=updates) if updates else article
        return article_from_entry(entry, source=link or feed.url, outlet=feed.outlet or feed.name)

