#!/usr/bin/env python3
"""Does ingestion order change the events? Ingest the corpora in N shuffled orders and compare.

usage: .venv/bin/python eval/link_order.py [--orders 5] [--seed 1] [--corpus-dir DIR] [--verbose]

Each order runs the real pipeline (ingest, extract, geocode, store with linking) into its own
temporary SQLite store, then the events are compared with those of the file order: ids, member
reports, toll low/best/high and sources. Prints "identical k/N" (k orders equal to the file
order's) and, with --verbose, what differs. Skips (exit 0) when ../shared/corpus is absent.
Evaluation, not a unit test: it prints numbers and never fails a build.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from warlog.errors import BadInputError
from warlog.geocode import Geocoder
from warlog.ingest import iter_articles
from warlog.models import Article
from warlog.pipeline import store_articles
from warlog.settings import Settings, load_settings
from warlog.store import open_store

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
CORPORA = ("seed", "dev")

EventKey = tuple[tuple[str, ...], tuple[int | None, int | None, int | None], tuple[str, ...]]


def _events(articles: Sequence[Article], settings: Settings, geocoder: Geocoder) -> dict[str, EventKey]:
    """Ingest the articles in this order into a fresh store; event id -> (members, tolls, sources)."""
    with tempfile.TemporaryDirectory(prefix="warlog-order-") as tmp:
        store = open_store(str(Path(tmp) / "order.db"), settings)
        try:
            store_articles(list(articles), store, settings, geocoder=geocoder)
            return {
                e.event_id: (
                    tuple(sorted(e.report_ids)),
                    (e.fatalities_low, e.fatalities_best, e.fatalities_high),
                    tuple(sorted(s.article_id for s in e.sources)),
                )
                for e in store.iter_events()
            }
        finally:
            store.close()


def _differences(base: dict[str, EventKey], other: dict[str, EventKey]) -> list[str]:
    notes = [f"id {i} only in the file order: {base[i][0]}" for i in sorted(set(base) - set(other))]
    notes += [f"id {i} only in this order: {other[i][0]}" for i in sorted(set(other) - set(base))]
    notes += [
        f"event {i}: {base[i]} vs {other[i]}" for i in sorted(set(base) & set(other)) if base[i] != other[i]
    ]
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=5, help="shuffled orders to try (default 5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--verbose", action="store_true", help="print what differs")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    paths = [args.corpus_dir / name / "articles.jsonl" for name in CORPORA]
    paths = [p for p in paths if p.is_file()]
    if not paths:
        sys.stdout.write(f"skipped: no corpus under {args.corpus_dir}\n")
        return 0
    settings = load_settings()
    articles = [a for a in iter_articles(paths, settings) if not isinstance(a, BadInputError)]
    geocoder = Geocoder(settings)
    base = _events(articles, settings, geocoder)
    rng = random.Random(args.seed)
    identical = 0
    for n in range(1, args.orders + 1):
        order = list(articles)
        rng.shuffle(order)
        diffs = _differences(base, _events(order, settings, geocoder))
        identical += not diffs
        sys.stdout.write(f"order {n}: {'identical' if not diffs else f'{len(diffs)} differences'}\n")
        if args.verbose:
            sys.stdout.write("".join(f"  {d}\n" for d in diffs))
    linked = sum(len(v[0]) > 1 for v in base.values())
    sys.stdout.write(
        f"{len(articles)} articles, {len(base)} events ({linked} with several reports); "
        f"identical {identical}/{args.orders} shuffled orders\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
