"""The feeds file: which feeds to poll and how carefully (YAML, validated)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from warlog.errors import ConfigError

__all__ = ["FeedConfig", "WatchConfig", "load_watch_config"]


class FeedConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str
    name: str | None = None
    outlet: str | None = None
    fetch_pages: bool = Field(
        default=True, description="fetch the article page when the entry has no full text"
    )


class WatchConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    feeds: list[FeedConfig]
    poll_seconds: float = 300
    timeout_seconds: float = 20
    max_bytes: int = 5_000_000
    per_host_interval_seconds: float = 2.0
    max_backoff_seconds: float = 3600
    allow: list[str] = Field(
        default_factory=list,
        description="private networks ('10.0.0.0/8') or exact 'host:port' origins the fetcher may reach",
    )


def load_watch_config(path: Path) -> WatchConfig:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read feeds file ({exc})") from exc
    if isinstance(data, list):
        data = {"feeds": data}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping with a 'feeds' list")
    data["feeds"] = [{"url": f} if isinstance(f, str) else f for f in data.get("feeds") or []]
    try:
        return WatchConfig(**data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
