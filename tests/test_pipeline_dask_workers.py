"""Workers commit their own batches: same store as the plain pipeline, nothing lost or doubled.

Short articles written here; PostgreSQL runs only with WARLOG_TEST_PG_URL (scripts/postgres.sh).
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from warlog.errors import ConfigError
from warlog.models import Article
from warlog.settings import Settings, load_settings
from warlog.store import Store, open_store

PG_URL = os.environ.get("WARLOG_TEST_PG_URL", "")
SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

_TOWNS = [("Mayadin", "Deir ez-Zor"), ("Sarmin", "Idlib"), ("Douma", "Rif Dimashq"), ("Tafas", "Daraa")]


def _articles() -> list[dict[str, Any]]:
    """Two outlets telling each of four incidents, plus one article with no event."""
    records = []
    for n, (town, province) in enumerate(_TOWNS):
        day = f"2024-05-{n + 8:02d}"
        records.append({
            "id": f"w-{n}a", "outlet": "example-wire.test", "published": day,
            "title": f"Shelling in {town}",
            "text": f"Artillery shelled the town of {town} in {province} province on Monday, "
                    f"killing {n + 2} civilians, rescuers said.",
        })
        records.append({
            "id": f"w-{n}b", "outlet": "other-news.test", "published": day,
            "title": f"{n + 2} dead in {town}",
            "text": f"{n + 2} civilians were killed on Monday when shells hit {town}, "
                    f"in {province}, local sources said.",
        })
    records.append({
        "id": "w-quiet", "outlet": "other-news.test", "published": "2024-05-09",
        "title": "Ministers meet", "text": "Trade ministers met in Damascus on Tuesday to discuss grain.",
    })
    return records


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _snapshot(store: Store) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]], int]:
    """Events by id, tolls and members, and every report's event: what must match plain ingest."""
    events = {
        (e.event_id, e.fatalities_low, e.fatalities_best, e.fatalities_high, frozenset(e.report_ids))
        for e in store.iter_events()
    }
    reports = {(r.report_id, r.event_id, r.fatalities) for r in store.iter_reports()}
    return events, reports, store.counts()["articles"]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    distributed = pytest.importorskip("dask.distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def targets(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty stores of one backend: one for plain ingest, one for Dask."""
    if request.param == "sqlite":
        yield str(tmp_path / "plain.db"), str(tmp_path / "dask.db")
        return
    if not PG_URL:
        pytest.skip("WARLOG_TEST_PG_URL is not set (run scripts/postgres.sh)")
    psycopg = pytest.importorskip("psycopg")
    schemas = [f"t_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        for schema in schemas:
            admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            sep = "&" if "?" in PG_URL else "?"
            urls = [f"{PG_URL}{sep}options={quote(f'-csearch_path={s},public')}" for s in schemas]
            yield urls[0], urls[1]
        finally:
            for schema in schemas:
                admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _settings(db: str) -> Settings:
    return load_settings(environ={}, db=db)


@pytest.mark.slow
def test_two_workers_store_what_the_plain_pipeline_stores(
    client: Any, targets: tuple[str, str], tmp_path: Path
) -> None:
    from warlog.ingest import iter_articles
    from warlog.pipeline import run_ingest
    from warlog.pipeline_dask import store_articles_dask

    corpus = _write(tmp_path / "a.jsonl", _articles())
    plain_db, dask_db = targets
    with open_store(plain_db, _settings(plain_db)) as plain:
        expected_summary = run_ingest([corpus], plain, _settings(plain_db))
        expected = _snapshot(plain)
    settings = _settings(dask_db)
    with open_store(dask_db, settings) as store:
        summary = store_articles_dask(iter_articles([corpus], settings), store, settings, client, 2)
        got = _snapshot(store)
        again = store_articles_dask(iter_articles([corpus], settings), store, settings, client, 2)

    assert got == expected
    assert expected[2] == len(_articles())
    assert (summary.new, summary.failed, summary.reports, summary.claims) == (
        expected_summary.new, 0, expected_summary.reports, expected_summary.claims)
    assert summary.event_ids == expected_summary.event_ids
    assert (again.new, again.duplicate) == (0, len(_articles()))


@pytest.mark.slow
@pytest.mark.parametrize("batch_size", [1, 32])
def test_shared_corpus_gives_the_plain_pipelines_events(client: Any, tmp_path: Path, batch_size: int) -> None:
    """Seed and dev corpora (read, never copied) through two workers: same event ids, tolls, members."""
    from warlog.pipeline import run_ingest
    from warlog.pipeline_dask import store_articles_dask

    paths = sorted(SHARED_CORPUS.glob("*/articles.jsonl"))
    if not paths:
        pytest.skip(f"no corpus under {SHARED_CORPUS}")
    from warlog.ingest import iter_articles

    plain_db, dask_db = str(tmp_path / "plain.db"), str(tmp_path / "dask.db")
    with open_store(plain_db, _settings(plain_db)) as plain:
        run_ingest(paths, plain, _settings(plain_db))
        expected = _snapshot(plain)
    settings = _settings(dask_db)
    with open_store(dask_db, settings) as store:
        store_articles_dask(iter_articles(paths, settings), store, settings, client, batch_size)
        assert _snapshot(store) == expected


@pytest.mark.slow
def test_an_id_sent_twice_in_different_batches_is_stored_once(client: Any, tmp_path: Path) -> None:
    from warlog.pipeline_dask import store_articles_dask

    first = Article.model_validate(_articles()[0] | {"content_hash": "h-first"})
    edited = first.model_copy(update={"text": first.text + " More to follow.", "content_hash": "h-edited"})
    settings = _settings(str(tmp_path / "w.db"))
    with open_store(settings.db, settings) as store:
        summary = store_articles_dask([first, edited] * 3, store, settings, client, batch_size=1)
        assert store.counts()["articles"] == 1
    assert (summary.new, summary.duplicate, summary.failed) == (1, 5, 0)


@pytest.mark.slow
def test_two_clients_at_once_never_double_an_article_or_event(client: Any, tmp_path: Path) -> None:
    from warlog.ingest import iter_articles
    from warlog.pipeline import run_ingest
    from warlog.pipeline_dask import store_articles_dask

    corpus = _write(tmp_path / "a.jsonl", _articles())
    plain_db = str(tmp_path / "plain.db")
    with open_store(plain_db, _settings(plain_db)) as plain:
        run_ingest([corpus], plain, _settings(plain_db))
        expected = _snapshot(plain)
    settings = _settings(str(tmp_path / "w.db"))
    summaries = []

    def ingest() -> None:
        with open_store(settings.db, settings) as store:
            items = iter_articles([corpus], settings)
            summaries.append(store_articles_dask(items, store, settings, client, 1))

    threads = [threading.Thread(target=ingest) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    with open_store(settings.db, settings) as store:
        assert _snapshot(store) == expected
    assert sum(s.new for s in summaries) == len(_articles())
    assert sum(s.new + s.duplicate for s in summaries) == 2 * len(_articles())


@pytest.mark.slow
def test_a_worker_killed_mid_batch_is_reported_and_a_rerun_completes(tmp_path: Path) -> None:
    import dask
    from dask.distributed import Client, LocalCluster

    from warlog.ingest import iter_articles
    from warlog.pipeline_dask import store_articles_dask

    # long articles so the batch is still on its worker when it dies; no retry elsewhere
    padding = " ".join(f"A witness called {_letters(k)} described the damage." for k in range(400))
    records = [r | {"text": f"{r['text']}\n\n{padding}"} for r in _articles()]
    corpus = _write(tmp_path / "long.jsonl", records)
    settings = _settings(str(tmp_path / "w.db"))
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as dask_client,
        open_store(settings.db, settings) as store,
    ):
        pids: dict[str, int] = dask_client.run(os.getpid)
        killed: list[str] = []

        def kill_a_busy_worker(item: object) -> None:
            if killed:
                return
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                busy = [w for w, tasks in dask_client.processing().items() if tasks]
                if busy:  # assigned is enough: Dask counts a dead worker's tasks as failed
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.append(busy[0])
                    return
                time.sleep(0.01)

        items = list(iter_articles([corpus], settings))
        feed = [*items[:4], _Tap(kill_a_busy_worker), *items[4:]]
        summary = store_articles_dask(_untap(feed), store, settings, dask_client, batch_size=4)
        stored = store.counts()["articles"]
        rerun = store_articles_dask(iter_articles([corpus], settings), store, settings, dask_client, 4)
        total = store.counts()["articles"]

    assert killed
    assert summary.new + summary.failed == len(records) == stored + summary.failed
    assert summary.failed >= 1
    assert all("worker failed" in e for e in summary.errors)
    assert (rerun.new, rerun.duplicate, total) == (summary.failed, summary.new, len(records))


def _letters(n: int) -> str:
    """A name with no digits (digits could be read as tolls or dates)."""
    return "".join("abcdefghij"[int(d)] for d in str(n)).capitalize()


class _Tap:
    """A marker in the input: the callback runs when the reader reaches it."""

    def __init__(self, action: Any) -> None:
        self.action = action


def _untap(items: list[Any]) -> Iterator[Any]:
    for item in items:
        if isinstance(item, _Tap):
            item.action(None)
        else:
            yield item


def test_sqlite_with_workers_on_another_machine_is_refused(tmp_path: Path) -> None:
    from warlog.pipeline_dask import store_articles_dask

    class ElsewhereClient:
        def run(self, function: Any, *args: Any) -> dict[str, Any]:
            return {"tcp://10.0.0.9:4000": "another-host"}

    settings = _settings(str(tmp_path / "w.db"))
    with open_store(settings.db, settings) as store, pytest.raises(ConfigError, match="postgresql"):
        store_articles_dask([], store, settings, ElsewhereClient())


def test_an_in_memory_store_cannot_be_shared_with_workers(client: Any) -> None:
    from warlog.pipeline_dask import store_articles_dask

    settings = _settings(":memory:")
    with open_store(":memory:", settings) as store, pytest.raises(ConfigError, match="memory"):
        store_articles_dask([], store, settings, client)


@pytest.mark.slow
def test_cli_dask_ingest_counts_a_bad_input_and_fails(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from warlog.cli import main

    corpus = _write(tmp_path / "a.jsonl", _articles())
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x", "text": \n', encoding="utf-8")
    db = str(tmp_path / "w.db")
    args = ["ingest", str(corpus), str(broken), "--db", db, "--no-progress", "--dask"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert f"{len(_articles())} new, 0 already stored, 1 failed" in result.output
    with open_store(db, _settings(db)) as store:
        assert store.counts()["articles"] == len(_articles())
