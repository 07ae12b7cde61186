"""Compose the stages: ingest -> extract -> geocode, then hand each article to the store.

``process_article`` is pure (no database), so it can run anywhere; ``ingest_in_batches`` adds the
commit, so any process holding a store (this one, or each Dask worker) can run the whole path.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TypeVar

from warlog.errors import BadInputError, ConfigError, StoreError
from warlog.extract import extract
from warlog.extract.llm import LLMExtractor
from warlog.geocode import Geocoder
from warlog.ingest import iter_articles
from warlog.models import Article, Extraction
from warlog.settings import Settings
from warlog.store import Store

__all__ = [
    "WRITE_BATCH",
    "IngestSummary",
    "batched",
    "ingest_in_batches",
    "new_articles",
    "process_article",
    "run_ingest",
    "store_articles",
]

log = logging.getLogger(__name__)

T = TypeVar("T")


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


WRITE_BATCH = 8
"""Articles extracted before they are stored together: a crash loses at most these, a rerun
stores them, and SQLite writes a batch in one transaction (a third less store time)."""


def store_articles(
    items: Iterable[Article | BadInputError],
    store: Store,
    settings: Settings,
    geocoder: Geocoder | None = None,
    on_item: Callable[[Article | BadInputError], None] | None = None,
) -> IngestSummary:
    """Process and commit articles in small batches; a bad input is counted and skipped."""
    if settings.extractor == "llm":  # a misconfigured backend fails once, not once per article
        _llm_extractor(settings.llm_url, settings.llm_model, settings.llm_cache_dir)
    geocoder = geocoder or Geocoder(settings)
    summary = IngestSummary()
    ingest_in_batches(new_articles(items, store, summary, on_item), store, settings, geocoder, summary)
    summary.resolve_event_ids(store)
    return summary


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest_in_batches(
    articles: Iterable[Article], store: Store, settings: Settings, geocoder: Geocoder, summary: IngestSummary
) -> None:
    """Process and commit ``articles`` in batches of ``WRITE_BATCH``, counting each outcome."""
    for batch in batched(articles, WRITE_BATCH):
        _ingest_batch(batch, store, settings, geocoder, summary)


def _ingest_batch(
    articles: Sequence[Article], store: Store, settings: Settings, geocoder: Geocoder, summary: IngestSummary
) -> None:
    """Extract and geocode each article, then commit them together, counting each outcome.

    Never raises for one article: a failed extraction or a refused write is counted with its reason.
    """
    processed: list[tuple[Article, Extraction]] = []
    for article in articles:
        try:
            processed.append((article, process_article(article, settings, geocoder)))
        except Exception as exc:  # one article's failure must not stop the run
            log.exception("extraction failed for %s", article.id)
            _count_failure(article, f"extraction failed ({exc})", summary)
    for (article, extraction), result in zip(processed, store.add_articles(processed), strict=True):
        if isinstance(result, StoreError):
            log.error("%s: not stored (%s)", article.source_path or article.id, result)
            _count_failure(article, f"not stored ({result})", summary)
        elif result.status == "duplicate":
            summary.duplicate += 1
        else:
            summary.new += 1
            summary.reports += len(extraction.reports)
            summary.claims += len(extraction.claims)
            summary.event_ids.update(result.event_ids)


def _count_failure(article: Article, reason: str, summary: IngestSummary) -> None:
    summary.failed += 1
    summary.errors.append(f"{article.source_path or article.id}: {reason}")


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
            if on_item is None:  # otherwise the caller reports it (the CLI prints it once)
                log.error("%s", item)
        elif store.has_article(item.id, item.content_hash):
            summary.duplicate += 1
        else:
            yield item


def run_ingest(
    paths: Sequence[Path],
    store: Store,
    settings: Settings,
    on_item: Callable[[Article | BadInputError], None] | None = None,
) -> IngestSummary:
    """Read every path and store what it holds."""
    return store_articles(iter_articles(paths, settings), store, settings, on_item=on_item)
