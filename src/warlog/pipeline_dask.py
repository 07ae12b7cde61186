"""Ingest on a Dask cluster: each worker extracts, geocodes and commits its own batches.

A single writer in the client caps the speed-up (it competes with the workers for the
cores), so every worker opens its own store on the same database, once per process, and
runs the whole path (``pipeline.ingest_in_batches``). The stores take concurrent writers
(SQLite: WAL and one immediate transaction per write batch; PostgreSQL: advisory
locks per link block) and linking does not depend on commit order, so the result is the
plain pipeline's. The client reads the inputs (so bad inputs reach ``on_item`` in order),
skips stored articles, schedules batches and adds up their summaries.

A SQLite file can only be shared by processes on one machine: with workers elsewhere the
run is refused with a ``ConfigError`` that says to use PostgreSQL.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warlog.errors import BadInputError, ConfigError, MissingExtraError
from warlog.models import Article
from warlog.pipeline import IngestSummary, batched, ingest_in_batches, new_articles, process_article
from warlog.settings import Settings
from warlog.store import Store, is_postgres_url, open_store

if TYPE_CHECKING:
    from warlog.geocode import Geocoder

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "LEAN_CONFIG",
    "local_cluster",
    "run_ingest_dask",
    "store_articles_dask",
    "store_batch",
    "store_target",
    "warm_worker",
]

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 32
_IN_FLIGHT_PER_WORKER = 3
"""Batches queued per worker: enough to keep it busy, few enough to bound client memory."""

LEAN_CONFIG: dict[str, Any] = {
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.worker.profile.enabled": False,
    "distributed.scheduler.worker-saturation": "inf",
}
"""Dask's monitors poll every 20-500 ms in the scheduler, each nanny and each worker: about
a tenth of a core on a 2-core machine that this work needs; slower polls keep their use.
Without queuing on the scheduler, a worker holds its next batch before the current one ends
(the client bounds how many are in flight)."""

_GEOCODERS: dict[str, Geocoder] = {}
_STORES: dict[tuple[str, str], Store] = {}
"""Per-process caches: built on first use in a worker, kept for the worker's life."""


def _worker_geocoder(settings: Settings) -> Geocoder:
    from warlog.geocode import Geocoder

    key = settings.model_dump_json()
    if key not in _GEOCODERS:
        _GEOCODERS[key] = Geocoder(settings)
    return _GEOCODERS[key]


def _worker_store(target: str, settings: Settings) -> Store:
    key = (target, settings.model_dump_json())
    if key not in _STORES:
        _STORES[key] = open_store(target, settings)
    return _STORES[key]


def warm_worker(settings: Settings, target: str | None = None, articles: Sequence[Article] = ()) -> None:
    """Load the worker's gazetteer (and open its store) before the clock starts.

    ``articles`` are extracted once, nothing stored, to fill the extraction caches: a benchmark
    then compares worker counts at the same steady state.
    """
    geocoder = _worker_geocoder(settings)
    if target is not None:
        _worker_store(target, settings)
    for article in articles:
        process_article(article, settings, geocoder)


def store_batch(articles: list[Article], settings: Settings, target: str) -> IngestSummary:
    """Extract, geocode and commit a batch into ``target``; one article's failure is counted."""
    store = _worker_store(target, settings)
    geocoder = _worker_geocoder(settings)
    summary = IngestSummary()
    ingest_in_batches(articles, store, settings, geocoder, summary)
    return summary


def store_target(store: Store) -> str:
    """What a worker passes to ``open_store`` to reach ``store``'s database."""
    url = getattr(store, "url", None)
    if isinstance(url, str):
        return url
    path = getattr(store, "path", None)
    if not isinstance(path, str) or path == ":memory:":
        raise ConfigError("Dask ingest needs a database file or URL the workers can open, not :memory:")
    return str(Path(path).resolve())


def _check_reachable(client: Any, target: str) -> None:
    """Refuse a SQLite file when a worker runs on another machine: it cannot share the file."""
    if is_postgres_url(target):
        return
    here = socket.gethostname()
    elsewhere = sorted({host for host in client.run(socket.gethostname).values() if host != here})
    if elsewhere:
        raise ConfigError(
            f"Dask workers on {', '.join(elsewhere)} cannot write the SQLite file {target}: "
            "give every worker one database, --db postgresql://host/warlog"
        )


def _count_lost_batch(batch: list[Article], exc: BaseException, store: Store, summary: IngestSummary) -> None:
    """A batch whose worker died: what it committed first is stored, the rest is reported failed."""
    log.error("batch of %d articles failed on the cluster: %s", len(batch), exc)
    for article in batch:
        if store.has_article(article.id, article.content_hash):
            summary.new += 1  # committed before the failure (its reports are not counted)
        else:
            summary.failed += 1
            summary.errors.append(f"{article.source_path or article.id}: worker failed ({exc})")


def store_articles_dask(
    items: Iterable[Article | BadInputError],
    store: Store,
    settings: Settings,
    client: Any,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_item: Callable[[Article | BadInputError], None] | None = None,
) -> IngestSummary:
    """Like ``pipeline.store_articles``, but ``client``'s workers process and commit the articles.

    Workers write to ``store``'s database themselves; ``store`` is read here to skip articles
    already stored and to name the events under their ids at the end.
    """
    from dask.distributed import as_completed

    target = store_target(store)
    _check_reachable(client, target)
    client.run(warm_worker, settings, target)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    limit = workers * _IN_FLIGHT_PER_WORKER

    summary = IngestSummary()
    queue = as_completed()
    batch_of: dict[Any, list[Article]] = {}

    def collect(future: Any) -> None:
        batch = batch_of.pop(future)
        try:
            summary.merge(future.result())
        except Exception as exc:  # a lost worker fails its batch, not the run
            _count_lost_batch(batch, exc, store, summary)

    for batch in batched(new_articles(items, store, summary, on_item), batch_size):
        future = client.submit(store_batch, batch, settings, target, pure=False)
        batch_of[future] = batch
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
) -> IngestSummary:
    """Read ``paths`` here; process and store them on Dask workers.

    ``scheduler`` is a scheduler address; without one a LocalCluster of ``workers``
    processes (default: one per core), one thread each, runs for the call.
    """
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise MissingExtraError("Dask ingest", "dask") from exc
    from warlog.ingest import iter_articles

    items = iter_articles(paths, settings)
    if scheduler is not None:
        with Client(scheduler) as client:
            return store_articles_dask(items, store, settings, client, batch_size, on_item)
    n_workers = workers or os.cpu_count() or 1
    with local_cluster(n_workers) as cluster, Client(cluster) as client:
        log.info("Dask LocalCluster: %d workers", n_workers)
        return store_articles_dask(items, store, settings, client, batch_size, on_item)


@contextmanager
def local_cluster(n_workers: int) -> Iterator[Any]:
    """A LocalCluster of ``n_workers`` single-threaded processes, with Dask's polling slowed."""
    import dask
    from dask.distributed import LocalCluster

    with (
        dask.config.set(LEAN_CONFIG),
        LocalCluster(
            n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
    ):
        yield cluster
