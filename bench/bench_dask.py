#!/usr/bin/env python3
"""Dask ingest throughput: articles/s with 1 and 2 workers (and in-process for reference).

usage: .venv/bin/python bench/bench_dask.py [--n 5000] [--workers 1,2] [--batch 32]

Repeats ../shared/corpus to --n distinct articles. For each worker count a LocalCluster
(processes, one thread each) is started and warmed (models loaded) before the clock
starts, so the figure is steady-state throughput; startup time is printed apart.
Every run writes a fresh temporary SQLite store from this process, as ``warlog ingest
--dask`` does. Skips (exit 0) when ../shared/corpus is absent.
"""

from __future__ import annotations

import argparse
import logging
import resource
import sys
import tempfile
import time
from pathlib import Path

from _corpus import SHARED_CORPUS, load_seed_records, peak_rss_mb, write_repeated

from warlog.ingest import iter_articles
from warlog.pipeline import IngestSummary, store_articles
from warlog.pipeline_dask import store_articles_dask, warm_worker
from warlog.settings import Settings, load_settings
from warlog.store import open_store


def _plain(corpus: Path, db: Path, settings: Settings) -> tuple[float, float, IngestSummary]:
    from warlog.geocode import Geocoder

    start = time.perf_counter()
    geocoder = Geocoder(settings)
    setup = time.perf_counter() - start
    store = open_store(str(db), settings)
    try:
        start = time.perf_counter()
        summary = store_articles(iter_articles([corpus], settings), store, settings, geocoder)
        return setup, time.perf_counter() - start, summary
    finally:
        store.close()


def _cpu_seconds() -> float:
    """User + system CPU of the calling process (a worker, when sent with client.run)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


CPU: dict[str, tuple[float, float]] = {}
"""Run name -> (client CPU s, workers' CPU s) spent during the timed run."""


def _set_warlog_log_level(level: int) -> None:
    logging.getLogger("warlog").setLevel(level)


def _dask(
    corpus: Path, db: Path, settings: Settings, workers: int, batch: int
) -> tuple[float, float, IngestSummary]:
    from dask.distributed import Client, LocalCluster

    start = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(_set_warlog_log_level, logging.getLogger().getEffectiveLevel())
        client.run(warm_worker, settings)
        setup = time.perf_counter() - start
        store = open_store(str(db), settings)
        try:
            workers_before = sum(client.run(_cpu_seconds).values())
            client_before = _cpu_seconds()
            start = time.perf_counter()
            summary = store_articles_dask(iter_articles([corpus], settings), store, settings, client, batch)
            elapsed = time.perf_counter() - start
            CPU[f"dask {workers} worker(s)"] = (
                _cpu_seconds() - client_before,
                sum(client.run(_cpu_seconds).values()) - workers_before,
            )
            return setup, elapsed, summary
        finally:
            store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="warlog Dask ingest throughput")
    parser.add_argument("--n", type=int, default=5000, help="articles (default 5000)")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--batch", type=int, default=32, help="articles per Dask task (default 32)")
    parser.add_argument("--no-plain", action="store_true", help="skip the in-process reference run")
    parser.add_argument("--same-dates", action="store_true",
                        help="keep every copy's publication date (all copies pile onto the same events)")
    parser.add_argument("--log", action="store_true", help="show warlog's error log (quiet by default)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR if args.log else logging.CRITICAL)
    records = load_seed_records()
    if not records:
        sys.stdout.write(f"skipped: no corpus under {SHARED_CORPUS}\n")
        return 0
    counts = [int(w) for w in args.workers.split(",") if w.strip()]
    rows: list[tuple[str, float, float, IngestSummary]] = []
    with tempfile.TemporaryDirectory(prefix="warlog-bench-dask-") as tmp:
        corpus = write_repeated(records, args.n, Path(tmp) / "articles.jsonl", not args.same_dates)
        settings = load_settings()
        if not args.no_plain:
            rows.append(("in-process", *_plain(corpus, Path(tmp) / "plain.db", settings)))
        for workers in counts:
            db = Path(tmp) / f"dask{workers}.db"
            rows.append((f"dask {workers} worker(s)", *_dask(corpus, db, settings, workers, args.batch)))
    base = next((r for r in rows if r[0].startswith("dask 1 ")), rows[0])
    base_rate = base[3].new / base[2] if base[2] else 0.0
    sys.stdout.write(f"{args.n} articles, batch {args.batch}\n")
    header = ("run", "setup s", "run s", "art/s", "speedup", "new", "events")
    sys.stdout.write("{:<18} {:>8} {:>8} {:>8} {:>8} {:>6} {:>7}\n".format(*header))
    for name, setup, elapsed, summary in rows:
        rate = summary.new / elapsed if elapsed else 0.0
        speedup = rate / base_rate if base_rate else 0.0
        sys.stdout.write(
            f"{name:<18} {setup:8.1f} {elapsed:8.1f} {rate:8.1f} {speedup:7.2f}x {summary.new:6d} "
            f"{len(summary.event_ids):7d}\n"
        )
    sys.stdout.write(f"client peak RSS: {peak_rss_mb():.0f} MB (speedup is against dask 1 worker)\n")
    for name, (client_cpu, workers_cpu) in CPU.items():
        n = max(1, args.n)
        sys.stdout.write(
            f"{name}: CPU per article: client (read, store, scheduler) {1000 * client_cpu / n:.2f} ms, "
            f"workers (extract, geocode) {1000 * workers_cpu / n:.2f} ms\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
