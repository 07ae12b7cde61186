"""Several writers at once, and a writer killed mid-run: nothing duplicated, nothing half-stored."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from warlog.models import Article, Extraction
from warlog.settings import Settings
from warlog.store import AddResult, Store, open_store

from .factories import StoreFactory, block_linker, shelling

ROOT = Path(__file__).resolve().parents[2]


def _articles(count: int) -> list[tuple[Article, Extraction]]:
    """Three blocks (one per day): every article of a day reports the same shelling."""
    days = ["2024-03-02", "2024-03-03", "2024-03-04"]
    return [shelling(f"w{i:03d}", killed=i + 1, published=days[i % 3]) for i in range(count)]


def test_concurrent_writers_never_duplicate_articles_or_events(make_store: StoreFactory) -> None:
    work = _articles(18)
    stores = [make_store(block_linker) for _ in range(3)]
    results: list[AddResult] = []
    errors: list[BaseException] = []
    start = threading.Barrier(len(stores))

    def writer(store: Store, seed: int) -> None:
        order = work[:]
        random.Random(seed).shuffle(order)
        start.wait()
        try:
            for article, extraction in order:
                results.append(store.add_article(article, extraction))
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(s, n)) for n, s in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert sorted(r.article_id for r in results if r.status == "new") == sorted(a.id for a, _ in work)
    assert sum(r.status == "duplicate" for r in results) == 2 * len(work)
    reader = stores[0]
    assert reader.counts() == {"articles": 18, "reports": 18, "events": 3, "claims": 18}
    events = list(reader.iter_events())
    assert sorted(len(e.report_ids) for e in events) == [6, 6, 6]
    assert all(r.event_id is not None for r in reader.iter_reports())


_CHILD = """
import sys
sys.path.insert(0, {root!r})
from tests.store.factories import shelling
from warlog.settings import Settings
from warlog.store import open_store
store = open_store({target!r}, Settings())
for i in range({count}):
    store.add_article(*shelling(f"k{{i:04d}}", killed=i % 7 + 1, published=f"2024-03-{{i % 28 + 1:02d}}"))
    print(i, flush=True)
"""


def test_killed_writer_loses_nothing_committed_and_a_rerun_completes(target: str) -> None:
    count = 150
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD.format(root=str(ROOT), target=target, count=count)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    seen = 0
    deadline = time.monotonic() + 60
    while seen < 10 and time.monotonic() < deadline:  # let it commit some articles, then kill -9
        if child.stdout.readline():
            seen += 1
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert seen == 10

    store = open_store(target, Settings())
    try:
        stored = store.counts()
        assert 10 <= stored["articles"] < count
        # every committed article is whole: its report, claim and event link are all there
        assert stored["reports"] == stored["claims"] == stored["articles"]
        assert all(r.event_id for r in store.iter_reports())

        statuses = [
            store.add_article(*shelling(f"k{i:04d}", killed=i % 7 + 1, published=f"2024-03-{i % 28 + 1:02d}"))
            for i in range(count)
        ]
        assert sum(r.status == "duplicate" for r in statuses) == stored["articles"]
        assert store.counts()["articles"] == count
    finally:
        store.close()
