"""Ingest on a Dask cluster: workers extract and geocode, the client process stores.

The store is single-writer, so only this process touches it: workers return each
article's ``Extraction`` and the client commits them as they arrive (``as_completed``).
Articles travel in batches so task overhead is paid once per batch, and each worker
loads its Geocoder (and, through ``extract``, its models) once, not once per task.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warlog.errors import BadInputError, MissingExtraError
from warlog.models import Article, Extraction
from warlog.pipeline import IngestSummary, commit_outcome, new_articles, process_article
from warlog.settings import Settings
from warlog.store import Store

if TYPE_CHECKING:
    from warlog.geocode import Geocoder

__all__ = ["DEFAULT_BATCH_SIZE", "process_batch", "run_ingest_dask", "store_articles_dask", "warm_worker"]

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 32
_IN_FLIGHT_PER_WORKER = 3
"""Batches queued per worker: enough to keep it busy, few enough to bound client memory."""

_GEOCODERS: dict[str, Geocoder] = {}
"""Per-process cache: one Geocoder per distinct Settings, built on first use in a worker."""

BatchResult = list[tuple[Article, Extraction | str]]


def _worker_geocoder(settings: Settings) -> Geocoder:
    from warlog.geocode import Geocoder

    key = settings.model_dump_json()
    if key not in _GEOCODERS:
        _GEOCODERS[key] = Geocoder(settings)
    return _GEOCODERS[key]


def warm_worker(settings: Settings) -> None:
    """Load the per-worker state up front, so the first batches are not slow."""
    _worker_geocoder(settings)


def process_batch(articles: list[Article], settings: Settings) -> BatchResult:
    """Extract and geocode a batch; one article's failure is returned as text, not raised."""
    geocoder = _worker_geocoder(settings)
    results: BatchResult = []
    for article in articles:
        try:
            results.append((article, process_article(article, settings, geocoder)))
        except Exception as exc:  # one article's failure must not lose the batch
            log.exception("extraction failed for %s", article.id)
            results.append((article, f"extraction failed ({exc})"))
    return results


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _commit(results: BatchResult, store: Store, summary: IngestSummary) -> None:
    for article, outcome in results:
        commit_outcome(article, outcome, store, summary)


def store_articles_dask(
    items: Iterable[Article | BadInputError],
    store: Store,
    settings: Settings,
    client: Any,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_item: Callable[[Article | BadInputError], None] | None = None,
    ordered: bool = True,
) -> IngestSummary:
    """Like ``pipeline.store_articles`` but extraction runs on ``client``'s workers.

    Batches finish in any order; with ``ordered`` (default) results wait for earlier batches
    so the store links articles in input order, exactly as the plain pipeline does; without
    it each batch is committed on arrival (a little faster, linking may differ slightly).
    """
    from dask.distributed import as_completed

    summary = IngestSummary()
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    limit = workers * _IN_FLIGHT_PER_WORKER
    client.run(warm_worker, settings)

    queue = as_completed()
    batch_of: dict[Any, tuple[int, list[Article]]] = {}
    ready: dict[int, BatchResult] = {}
    next_seq = 0

    def collect(future: Any) -> None:
        nonlocal next_seq
        seq, batch = batch_of.pop(future)
        try:
            results: BatchResult = future.result()
        except Exception as exc:  # a lost worker fails its batch, not the run
            log.error("batch of %d articles failed on the cluster: %s", len(batch), exc)
            results = [(a, f"worker failed ({exc})") for a in batch]
        if not ordered:
            _commit(results, store, summary)
            return
        ready[seq] = results
        while next_seq in ready:
            _commit(ready.pop(next_seq), store, summary)
            next_seq += 1

    for seq, batch in enumerate(_batches(new_articles(items, store, summary, on_item), batch_size)):
        future = client.submit(process_batch, batch, settings, pure=False)
        batch_of[future] = (seq, batch)
        queue.add(future)
        while len(batch_of) >= limit:
            collect(next(queue))
    for future in queue:
        collect(future)
    summary.resolve_event_ids(store)
    return summary


def run_ingest_dask(
    paths: Sequence[Path],
    store: Store,
    settings: Settings,
    scheduler: str | None = None,
    workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_item: Callable[[Article | BadInputError], None] | None = None,
    ordered: bool = True,
) -> IngestSummary:
    """Read ``paths`` here, extract on Dask, store here.

    ``scheduler`` is a scheduler address; without one a LocalCluster of ``workers``
    processes (default: one per core), one thread each, runs for the call.
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingExtraError("Dask ingest", "dask") from exc
    from warlog.ingest import iter_articles

    items = iter_articles(paths, settings)
    if scheduler is not None:
        with Client(scheduler) as client:
            return store_articles_dask(items, store, settings, client, batch_size, on_item, ordered)
    n_workers = workers or os.cpu_count() or 1
    with (
        LocalCluster(
            n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        log.info("Dask LocalCluster: %d workers", n_workers)
        return store_articles_dask(items, store, settings, client, batch_size, on_item, ordered)
