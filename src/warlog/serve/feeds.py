"""The feeds list behind POST /api/feeds: the same YAML file `warlog watch` polls.

One file, one format: an analyst adds a feed from the dashboard and the watcher picks it up
on its next start, with the same validation (`warlog.watch.config`).
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from warlog.errors import ConfigError

__all__ = ["FeedsFile"]

log = logging.getLogger(__name__)


class FeedsFile:
    """Read and append to a watch feeds file, one writer at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def read(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        from warlog.watch.config import load_watch_config

        return [feed.model_dump(exclude_none=True) for feed in load_watch_config(self.path).feeds]

    def add(
        self, url: str, name: str | None = None, outlet: str | None = None
    ) -> tuple[dict[str, Any], bool]:
        """Append a feed unless its URL is already there; returns (feed, created)."""
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(f"feed url: want an http(s) URL (got {url!r})")
        entry: dict[str, Any] = {"url": url.strip()}
        if name:
            entry["name"] = name
        if outlet:
            entry["outlet"] = outlet
        with self._lock:
            data = self._load_raw()
            feeds = data.setdefault("feeds", [])
            for feed in feeds:
                known = feed if isinstance(feed, str) else feed.get("url")
                if known == entry["url"]:
                    return ({"url": known} if isinstance(feed, str) else feed), False
            feeds.append(entry)
            self._write(data)
        log.info("added feed %s to %s", entry["url"], self.path)
        return entry, True

    def _load_raw(self) -> dict[str, Any]:
        if not self.path.exists():
            return {"feeds": []}
        try:
            data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"{self.path}: cannot read feeds file ({exc})") from exc
        if data is None:
            return {"feeds": []}
        if isinstance(data, list):
            return {"feeds": data}
        if not isinstance(data, dict):
            raise ConfigError(f"{self.path}: expected a mapping with a 'feeds' list")
        return data

    def _write(self, data: dict[str, Any]) -> None:
        """Write a temporary file and rename it, so the watcher never reads half a file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".feeds-", suffix=".yaml", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                yaml.safe_dump(data, out, sort_keys=False, allow_unicode=True)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
