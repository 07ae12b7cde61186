"""One Settings object built from defaults, a file, the environment and flags.

No other module reads the environment: the CLI builds a Settings and passes it down.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from warlog.errors import ConfigError

__all__ = ["Settings", "load_settings"]


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    db: str = "warlog.db"
    max_file_mb: float = 50
    extractor: str = "rules"
    use_parser: bool = False
    llm_url: str = ""
    llm_model: str = ""
    llm_cache_dir: str = ".warlog-llm-cache"
    user_places: str = ""
    token: str = ""


def _defaults() -> dict[str, Any]:
    text = resources.files("warlog").joinpath("data/settings.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def load_settings(
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Defaults < config file < WARLOG_* environment < explicit overrides (flags)."""
    values = _defaults()
    if config_file is not None:
        try:
            values.update(tomllib.loads(config_file.read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{config_file}: cannot read settings ({exc})") from exc
    env = os.environ if environ is None else environ
    for name in Settings.model_fields:
        key = f"WARLOG_{name.upper()}"
        if key in env:
            values[name] = env[key]
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**values)
    except ValueError as exc:
        raise ConfigError(f"bad settings: {exc}") from exc
