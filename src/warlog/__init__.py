"""warlog: an offline conflict-event monitor.

The public surface is the data model, settings and errors; the stages live in
``warlog.ingest``, ``warlog.extract``, ``warlog.geocode``, ``warlog.link``,
``warlog.store``, ``warlog.analyse`` and ``warlog.serve``, composed by ``warlog.pipeline``.
"""

from importlib.metadata import PackageNotFoundError, version

from warlog.errors import (
    BadInputError,
    ConfigError,
    FetchError,
    MissingExtraError,
    StoreError,
    WarlogError,
)
from warlog.models import Article, Claim, Event, Extraction, Place, PlaceMention, Report, Span
from warlog.settings import Settings, load_settings

try:
    __version__ = version("warlog")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"

__all__ = [
    "Article",
    "BadInputError",
    "Claim",
    "ConfigError",
    "Event",
    "Extraction",
    "FetchError",
    "MissingExtraError",
    "Place",
    "PlaceMention",
    "Report",
    "Settings",
    "Span",
    "StoreError",
    "WarlogError",
    "__version__",
    "load_settings",
]
