"""POST /api/articles: one report through the same pipeline `warlog ingest` uses.

SQLite takes one writer at a time, so writes are serialised here; the geocoder (a loaded
gazetteer) is built once and kept, the store is opened per write and closed after.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from warlog.errors import BadInputError
from warlog.settings import Settings

if TYPE_CHECKING:
    from warlog.geocode import Geocoder

__all__ = ["ArticleIn", "Ingestor"]

log = logging.getLogger(__name__)


class ArticleIn(BaseModel):
    """A news report as posted: the fields of a JSONL ingest record."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(default=None, max_length=200)
    outlet: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=4000)
    published: dt.date | None = None
    title: str | None = Field(default=None, max_length=2000)
    text: str = Field(min_length=1)


class Ingestor:
    """Serialises writes and keeps the expensive pipeline parts between requests."""

    def __init__(self, db: str, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self._lock = threading.Lock()
        self._geocoder: Geocoder | None = None

    def ingest(self, record: ArticleIn) -> dict[str, Any]:
        """Store one article; returns its id, new/duplicate and what was found in it."""
        from warlog.ingest import article_from_record
        from warlog.pipeline import store_articles
        from warlog.store import open_store

        max_chars = int(self.settings.max_file_mb * 1_000_000)
        if len(record.text) > max_chars:
            raise BadInputError("POST /api/articles", f"text longer than {self.settings.max_file_mb} MB")
        raw = record.model_dump(exclude_none=True)
        if record.published is not None:
            raw["published"] = record.published.isoformat()
        article = article_from_record(raw, "POST /api/articles")
        with self._lock:
            if self._geocoder is None:
                from warlog.geocode import Geocoder

                self._geocoder = Geocoder(self.settings)
            store = open_store(self.db, self.settings)
            try:
                summary = store_articles([article], store, self.settings, geocoder=self._geocoder)
            finally:
                store.close()
        if summary.failed:
            raise BadInputError("POST /api/articles", "; ".join(summary.errors) or "could not be processed")
        status = "new" if summary.new else "duplicate"
        log.info("POST /api/articles: %s %s, %d reports", status, article.id, summary.reports)
        return {
            "article_id": article.id,
            "status": status,
            "reports": summary.reports,
            "claims": summary.claims,
            "event_ids": sorted(summary.event_ids),
        }
