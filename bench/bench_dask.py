#!/usr/bin/env python3
"""Dask ingest throughput: articles/s with 1 and 2 workers (and in-process for reference).

usage: .venv/bin/python bench/bench_dask.py [--n 2000] [--workers 1,2] [--batch 32]
       [--runs 3] [--db postgresql://...] [--check]

Repeats ../shared/corpus to --n distinct articles. For each worker count a LocalCluster
(``warlog.pipeline_dask.local_cluster``: processes, one thread each) is started and warmed
(models loaded, store opened) before the clock starts, so the figure is steady-state
throughput. Every run writes a fresh store (a temporary SQLite file, or a fresh schema of
--db); the workers commit into it, as ``warlog ingest --dask`` does, and this process only
reads, schedules and sums. The corpus holds few distinct texts, and extraction keeps
per-process caches of what it has read (a text's first pass costs several times its
repeats), so each process (in-process, and every worker) first extracts the distinct texts
once, unstored, before the clock: 1 and 2 workers are compared at the same steady state.
--cold skips that; each worker then pays the first pass. With --runs N each figure is the
median of N runs. "other" is the CPU that processes outside the run used meanwhile (in
cores): on a shared 2-core machine a run is only as fast as what the others leave it.
--check compares every run's events (ids, tolls, members) with the in-process run's.
Skips (exit 0) when ../shared/corpus is absent.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from _corpus import SHARED_CORPUS, load_seed_records, peak_rss_mb, write_repeated

from warlog.ingest import iter_articles
from warlog.models import Article
from warlog.pipeline import IngestSummary, process_article, store_articles
from warlog.pipeline_dask import local_cluster, store_articles_dask, warm_worker
from warlog.settings import Settings, load_settings
from warlog.store import Store, open_store


@dataclass
class Run:
    seconds: float
    summary: IngestSummary
    client_cpu: float = 0.0
    workers_cpu: float = 0.0
    other_cores: float = 0.0
    events: frozenset[tuple[Any, ...]] = frozenset()


def _cpu_seconds() -> float:
    """User + system CPU of the calling process (a worker, when sent with client.run)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _machine_busy_seconds() -> float:
    """CPU seconds every process on the machine has used (Linux /proc/stat; 0 elsewhere)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _set_warlog_log_level(level: int) -> None:
    logging.getLogger("warlog").setLevel(level)


def _events(store: Store) -> frozenset[tuple[Any, ...]]:
    return frozenset(
        (e.event_id, e.fatalities_low, e.fatalities_best, e.fatalities_high, frozenset(e.report_ids))
        for e in store.iter_events()
    )


@contextmanager
def _fresh_target(tmp: Path, name: str, pg_url: str | None) -> Iterator[str]:
    """A new SQLite file, or a new schema of ``pg_url`` dropped afterwards."""
    if not pg_url:
        yield str(tmp / f"{name}.db")
        return
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            sep = "&" if "?" in pg_url else "?"
            yield f"{pg_url}{sep}options={quote(f'-csearch_path={schema},public')}"
        finally:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _plain(corpus: Path, target: str, settings: Settings, check: bool, warm: list[Article]) -> Run:
    from warlog.geocode import Geocoder

    geocoder = Geocoder(settings)
    for article in warm:
        process_article(article, settings, geocoder)
    with open_store(target, settings) as store:
        busy, own = _machine_busy_seconds(), _cpu_seconds()
        start = time.perf_counter()
        summary = store_articles(iter_articles([corpus], settings), store, settings, geocoder)
        elapsed = time.perf_counter() - start
        own = _cpu_seconds() - own
        other = max(0.0, _machine_busy_seconds() - busy - own) / elapsed
        return Run(elapsed, summary, own, 0.0, other, _events(store) if check else frozenset())


def _dask(
    corpus: Path, target: str, settings: Settings, client: Any, batch: int, check: bool, warm: list[Article]
) -> Run:
    client.run(_set_warlog_log_level, logging.getLogger().getEffectiveLevel())
    with open_store(target, settings) as store:
        client.run(warm_worker, settings, target, warm)
        workers_before = sum(client.run(_cpu_seconds).values())
        client_before = _cpu_seconds()
        busy = _machine_busy_seconds()
        start = time.perf_counter()
        summary = store_articles_dask(iter_articles([corpus], settings), store, settings, client, batch)
        elapsed = time.perf_counter() - start
        busy = _machine_busy_seconds() - busy
        client_cpu = _cpu_seconds() - client_before
        workers_cpu = sum(client.run(_cpu_seconds).values()) - workers_before
        other = max(0.0, busy - client_cpu - workers_cpu) / elapsed
        return Run(elapsed, summary, client_cpu, workers_cpu, other, _events(store) if check else frozenset())


def _median_run(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="warlog Dask ingest throughput")
    parser.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--batch", type=int, default=32, help="articles per Dask task (default 32)")
    parser.add_argument("--runs", type=int, default=1, help="runs per figure; the median is shown")
    parser.add_argument("--db", default=None, help="PostgreSQL URL: fresh schemas there, not SQLite")
    parser.add_argument("--no-plain", action="store_true", help="skip the in-process reference run")
    parser.add_argument("--cold", action="store_true", help="no cache warm-up on the distinct texts")
    parser.add_argument("--check", action="store_true", help="compare every run's events with in-process")
    parser.add_argument("--same-dates", action="store_true",
                        help="keep every copy's publication date (all copies pile onto the same events)")
    parser.add_argument("--log", action="store_true", help="show warlog's error log (quiet by default)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR if args.log else logging.CRITICAL)
    records = load_seed_records()
    if not records:
        sys.stdout.write(f"skipped: no corpus under {SHARED_CORPUS}\n")
        return 0
    from dask.distributed import Client

    counts = [int(w) for w in args.workers.split(",") if w.strip()]
    results: dict[str, list[Run]] = {}
    settings = load_settings()
    with tempfile.TemporaryDirectory(prefix="warlog-bench-dask-") as tmp_name:
        tmp = Path(tmp_name)
        corpus = write_repeated(records, args.n, tmp / "articles.jsonl", not args.same_dates)
        distinct = write_repeated(records, len(records), tmp / "distinct.jsonl", False)
        warm = [] if args.cold else [a for a in iter_articles([distinct], settings) if isinstance(a, Article)]
        for k in range(max(1, args.runs)):
            if not args.no_plain or args.check:
                with _fresh_target(tmp, f"plain{k}", args.db) as target:
                    run = _plain(corpus, target, settings, args.check, warm)
                results.setdefault("in-process", []).append(run)
            for workers in counts:
                with (
                    local_cluster(workers) as cluster,
                    Client(cluster) as client,
                    _fresh_target(tmp, f"dask{workers}-{k}", args.db) as target,
                ):
                    run = _dask(corpus, target, settings, client, args.batch, args.check, warm)
                results.setdefault(f"dask {workers} worker(s)", []).append(run)
    _print(results, args)
    return 0


def _print(results: dict[str, list[Run]], args: argparse.Namespace) -> None:
    out = sys.stdout
    rows = {name: _median_run(runs) for name, runs in results.items()}
    base = rows.get("dask 1 worker(s)") or next(iter(rows.values()))
    base_rate = base.summary.new / base.seconds if base.seconds else 0.0
    store = "PostgreSQL" if args.db else "SQLite"
    warm = "cold caches" if args.cold else "caches warmed on the distinct texts"
    runs = max(1, args.runs)
    out.write(f"{args.n} articles, batch {args.batch}, {store}, {warm}, median of {runs} run(s)\n")
    header = ("run", "run s", "art/s", "speedup", "other", "new", "events", "all art/s")
    out.write("{:<18} {:>7} {:>7} {:>8} {:>6} {:>6} {:>7}  {}\n".format(*header))
    for name, run in rows.items():
        rate = run.summary.new / run.seconds if run.seconds else 0.0
        each = " ".join(f"{r.summary.new / r.seconds:.1f}" for r in results[name] if r.seconds)
        out.write(
            f"{name:<18} {run.seconds:7.1f} {rate:7.1f} {rate / base_rate if base_rate else 0:7.2f}x "
            f"{run.other_cores:6.2f} {run.summary.new:6d} {len(run.summary.event_ids):7d}  {each}\n"
        )
    out.write(f"client peak RSS: {peak_rss_mb():.0f} MB (speedup is against dask 1 worker)\n")
    n = max(1, args.n)
    for name, runs in results.items():
        if name.startswith("dask"):
            client = statistics.median(r.client_cpu for r in runs)
            workers = statistics.median(r.workers_cpu for r in runs)
            out.write(
                f"{name}: CPU ms/article: client (read, schedule) {1000 * client / n:.2f}, "
                f"workers (extract, geocode, store) {1000 * workers / n:.2f}\n"
            )
    if args.check and "in-process" in results:
        expected = results["in-process"][0].events
        for name, runs in results.items():
            same = sum(r.events == expected for r in runs)
            out.write(f"{name}: events equal to in-process in {same}/{len(runs)} run(s)\n")


if __name__ == "__main__":
    sys.exit(main())
