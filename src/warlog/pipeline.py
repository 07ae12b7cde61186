"""Compose the stages: ingest -> extract -> geocode, then hand each article to the store.

``process_article`` is pure (no database), so it can run anywhere; ``ingest_article`` adds the
commit, so any process holding a store (this one, or each Dask worker) can run the whole path.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from warlog.errors import BadInputError, ConfigError, StoreError
from warlog.extract import extract
from warlog.extract.llm import LLMExtractor
from warlog.geocode import Geocoder
from warlog.ingest import iter_articles
from warlog.models import Article, Extraction
from warlog.settings import Settings
from warlog.store import Store

__all__ = [
    "IngestSummary",
    "commit_outcome",
    "ingest_article",
    "new_articles",
    "process_article",
    "run_ingest",
    "store_articles",
]

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    reports: int = 0
    claims: int = 0
    event_ids: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)

    def merge(self, other: IngestSummary) -> None:
        """Add another run's counts (e.g. one Dask batch's) to these."""
        self.new += other.new
        self.duplicate += other.duplicate
        self.failed += other.failed
        self.reports += other.reports
        self.claims += other.claims
        self.event_ids |= other.event_ids
        self.errors.extend(other.errors)

    def resolve_event_ids(self, store: Store) -> None:
        """Count events under their current ids: linking may rename an event mid-run."""
        self.event_ids = {store.resolve_event_id(e) or e for e in self.event_ids}


def process_article(article: Article, settings: Settings, geocoder: Geocoder) -> Extraction:
    """Extract and geocode one article: no database, so it is safe to run on any worker."""
    if settings.extractor == "llm":
        extraction = _llm_extractor(settings.llm_url, settings.llm_model, settings.llm_cache_dir).extract(
            article
        )
    elif settings.extractor == "rules":
        extraction = extract(article, settings)
    else:
        raise ConfigError(f"unknown extractor {settings.extractor!r}: use 'rules' or 'llm'")
    return geocoder.geocode_extraction(article, extraction)


@functools.lru_cache(maxsize=4)
def _llm_extractor(url: str, model: str, cache_dir: str) -> LLMExtractor:
    if not url or not model:
        raise ConfigError(
            "the llm extractor needs --llm-url and --llm-model (or llm_url / llm_model settings)"
        )
    return LLMExtractor(url, model, Path(cache_dir) if cache_dir else None)


def store_articles(
    items: Iterable[Article | BadInputError],
    store: Store,
    settings: Settings,
    geocoder: Geocoder | None = None,
    on_item: Callable[[Article | BadInputError], None] | None = None,
) -> IngestSummary:
    """Process and commit articles one by one; a bad input is counted and skipped."""
    if settings.extractor == "llm":  # a misconfigured backend fails once, not once per article
        _llm_extractor(settings.llm_url, settings.llm_model, settings.llm_cache_dir)
    geocoder = geocoder or Geocoder(settings)
    summary = IngestSummary()
    for item in new_articles(items, store, summary, on_item):
        ingest_article(item, store, settings, geocoder, summary)
    summary.resolve_event_ids(store)
    return summary


def ingest_article(
    article: Article, store: Store, settings: Settings, geocoder: Geocoder, summary: IngestSummary
) -> None:
    """Extract, geocode and commit one article, counting the outcome; never raises for it."""
    try:
        extraction = process_article(article, settings, geocoder)
    except Exception as exc:  # one article's failure must not stop the run
        log.exception("extraction failed for %s", article.id)
        commit_outcome(article, f"extraction failed ({exc})", store, summary)
        return
    commit_outcome(article, extraction, store, summary)


def new_articles(
    items: Iterable[Article | BadInputError],
    store: Store,
    summary: IngestSummary,
    on_item: Callable[[Article | BadInputError], None] | None = None,
) -> Iterator[Article]:
    """The articles still to process: bad inputs and articles already stored are counted, not yielded."""
    for item in items:
        if on_item is not None:
            on_item(item)
        if isinstance(item, BadInputError):
            summary.failed += 1
            summary.errors.append(str(item))
            log.error("%s", item)
        elif store.has_article(item.id, item.content_hash):
            summary.duplicate += 1
        else:
            yield item


def commit_outcome(article: Article, outcome: Extraction | str, store: Store, summary: IngestSummary) -> None:
    """Store one processed article (or count why it failed); never raises for one article."""
    if isinstance(outcome, str):
        summary.failed += 1
        summary.errors.append(f"{article.source_path or article.id}: {outcome}")
        return
    try:
        result = store.add_article(article, outcome)
    except StoreError as exc:  # rolled back: this article only, the rest go on
        summary.failed += 1
        summary.errors.append(f"{article.source_path or article.id}: not stored ({exc})")
        log.error("%s: not stored (%s)", article.source_path or article.id, exc)
        return
    if result.status == "duplicate":
        summary.duplicate += 1
        return
    summary.new += 1
    summary.reports += len(outcome.reports)
    summary.claims += len(outcome.claims)
    summary.event_ids.update(result.event_ids)


def run_ingest(
    paths: Sequence[Path],
    store: Store,
    settings: Settings,
    on_item: Callable[[Article | BadInputError], None] | None = None,
) -> IngestSummary:
    """Read every path and store what it holds."""
    return store_articles(iter_articles(paths, settings), store, settings, on_item=on_item)
