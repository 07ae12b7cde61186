"""All of warlog's errors: one base class, a shallow tree by cause.

Every message names the input it is about (file, line, field) and, where it
can, says what to do next.
"""

from __future__ import annotations

__all__ = [
    "BadInputError",
    "ConfigError",
    "FetchError",
    "MissingExtraError",
    "StoreError",
    "WarlogError",
]


class WarlogError(Exception):
    """Base of every error warlog raises on purpose."""


class BadInputError(WarlogError):
    """An input (file, line, record, feed) cannot be read; other inputs go on."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = message
        where = f"{source} line {line}" if line is not None else source
        super().__init__(f"{where}: {message}")


class FetchError(BadInputError):
    """A feed or page could not be fetched (refused, failed, too big).

    ``retryable``: the cause may pass (time-out, 5xx), so back off and try again later.
    """

    def __init__(self, url: str, reason: str, *, retryable: bool = False) -> None:
        super().__init__(url, reason)
        self.url = url
        self.retryable = retryable


class ConfigError(WarlogError):
    """A settings file or option is wrong."""


class StoreError(WarlogError):
    """The database cannot be opened, migrated or written."""


class MissingExtraError(WarlogError):
    """An optional dependency is not installed; the message gives the pip line."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(f"{feature} needs an optional dependency: pip install 'warlog[{extra}]'")
