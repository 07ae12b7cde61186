#!/usr/bin/env python3
"""Articles per second through the whole pipeline, with the time split by stage.

usage: .venv/bin/python bench/bench_pipeline.py [--n 5000] [--db FILE|postgresql://...]

Reads ../shared/corpus, repeats it to --n distinct articles, then times read (ingest),
extract, geocode and store (link + commit) for each article into a fresh SQLite store
(a temporary file unless --db). Prints articles/s, peak RSS and the split.
Skips (exit 0) when ../shared/corpus is absent.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TypeAlias

from _corpus import SHARED_CORPUS, load_seed_records, peak_rss_mb, write_repeated

from warlog.errors import BadInputError
from warlog.extract import extract
from warlog.geocode import Geocoder
from warlog.ingest import iter_articles
from warlog.models import Article, Extraction
from warlog.pipeline import WRITE_BATCH
from warlog.settings import load_settings
from warlog.store import open_store

STAGES = ("read", "extract", "geocode", "store")


Item: TypeAlias = Article | BadInputError


def _timed(items: Iterator[Item], split: dict[str, float]) -> Iterator[Item]:
    while True:
        start = time.perf_counter()
        try:
            item = next(items)
        except StopIteration:
            split["read"] += time.perf_counter() - start
            return
        split["read"] += time.perf_counter() - start
        yield item


def run(n: int, db: str, corpus: Path, spread: bool) -> dict[str, float]:
    records = load_seed_records()
    write_repeated(records, n, corpus, spread)
    settings = load_settings(db=db)
    split = dict.fromkeys(STAGES, 0.0)
    counts = {"articles": 0, "failed": 0, "reports": 0}

    start = time.perf_counter()
    geocoder = Geocoder(settings)
    store = open_store(db, settings)
    setup = time.perf_counter() - start
    try:
        begin = time.perf_counter()
        pending: list[tuple[Article, Extraction]] = []

        def flush() -> None:  # stored in batches, as pipeline.store_articles does
            t0 = time.perf_counter()
            store.add_articles(pending)
            split["store"] += time.perf_counter() - t0
            pending.clear()

        for item in _timed(iter(iter_articles([corpus], settings)), split):
            if isinstance(item, BadInputError):
                counts["failed"] += 1
                continue
            t0 = time.perf_counter()
            extraction = extract(item, settings)
            t1 = time.perf_counter()
            extraction = geocoder.geocode_extraction(item, extraction)
            t2 = time.perf_counter()
            split["extract"] += t1 - t0
            split["geocode"] += t2 - t1
            pending.append((item, extraction))
            counts["articles"] += 1
            counts["reports"] += len(extraction.reports)
            if len(pending) >= WRITE_BATCH:
                flush()
        flush()
        total = time.perf_counter() - begin
        stored = store.counts()
    finally:
        store.close()
    return {"setup_s": setup, "total_s": total, **split, **counts, "events": stored.get("events", 0)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="warlog pipeline throughput")
    parser.add_argument("--n", type=int, default=5000, help="articles to process (default 5000)")
    parser.add_argument("--db", default=None,
                        help="a new SQLite file or an empty postgresql:// database (default: temporary)")
    parser.add_argument("--same-dates", action="store_true",
                        help="keep every copy's publication date (all copies pile onto the same events)")
    parser.add_argument("--log", action="store_true", help="show warlog's error log (quiet by default)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR if args.log else logging.CRITICAL)
    if not load_seed_records():
        sys.stdout.write(f"skipped: no corpus under {SHARED_CORPUS}\n")
        return 0
    with tempfile.TemporaryDirectory(prefix="warlog-bench-") as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        if "://" not in db and Path(db).exists():
            sys.stdout.write(f"refusing to reuse {db}: give a new file\n")
            return 1
        r = run(args.n, db, Path(tmp) / "articles.jsonl", not args.same_dates)
    rate = r["articles"] / r["total_s"] if r["total_s"] else 0.0
    sys.stdout.write(
        f"articles: {r['articles']:.0f} ({r['failed']:.0f} failed), reports {r['reports']:.0f}, "
        f"events {r['events']:.0f}\n"
        f"setup (models, gazetteer, store): {r['setup_s']:.1f} s\n"
        f"whole pipeline: {r['total_s']:.1f} s = {rate:.1f} articles/s\n"
        f"peak RSS: {peak_rss_mb():.0f} MB\n"
    )
    for stage in STAGES:
        share = 100 * r[stage] / r["total_s"] if r["total_s"] else 0.0
        per = 1000 * r[stage] / max(r["articles"], 1)
        sys.stdout.write(f"  {stage:<8} {r[stage]:8.1f} s  {share:5.1f} %  {per:7.2f} ms/article\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
