"""Dask ingest stores what the plain pipeline stores (short articles written here)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from warlog.errors import MissingExtraError
from warlog.settings import Settings, load_settings

ARTICLES = [
    {
        "id": "t-1",
        "outlet": "example-wire.test",
        "published": "2024-05-08",
        "title": "Drone strike hits Mayadin",
        "text": (
            "A drone strike killed four fighters near Mayadin in Deir ez-Zor province on Tuesday, "
            "a war monitor said.\n\nThe monitor said the vehicle was hit on the road east of the town."
        ),
    },
    {
        "id": "t-2",
        "outlet": "other-news.test",
        "published": "2024-05-08",
        "title": "Four killed in strike near Mayadin",
        "text": (
            "Four gunmen died on Tuesday when a drone struck their car near the Syrian town of Mayadin "
            "in Deir ez-Zor, according to local sources."
        ),
    },
    {
        "id": "t-3",
        "outlet": "example-wire.test",
        "published": "2024-05-09",
        "title": "Shelling in Idlib",
        "text": (
            "Government artillery shelled the town of Sarmin in Idlib province on Wednesday, "
            "killing two civilians, rescuers said."
        ),
    },
    {
        "id": "t-4",
        "outlet": "other-news.test",
        "published": "2024-05-09",
        "title": "Ministers meet on trade",
        "text": "Trade ministers met in Damascus on Wednesday to discuss tariffs and grain imports.",
    },
]


def _stored(store: Any) -> tuple[set[tuple[Any, ...]], set[frozenset[str]], int]:
    reports = {
        (r.report_id, r.event_type, r.sub_event_type, r.fatalities, r.event_date,
         r.place.location if r.place else None)
        for r in store.iter_reports()
    }
    groups = {frozenset(r.report_id for r in store.reports_of_event(e.event_id)) for e in store.iter_events()}
    return reports, groups, len(list(store.iter_claims()))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dask") / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def _settings(db: Path) -> Settings:
    return load_settings(environ={}, db=str(db))


@pytest.mark.slow
def test_dask_ingest_stores_what_the_plain_pipeline_stores(
    corpus: Path, scheduler: str, tmp_path: Path
) -> None:
    from warlog.pipeline import run_ingest
    from warlog.pipeline_dask import run_ingest_dask
    from warlog.store import open_store

    plain_settings = _settings(tmp_path / "plain.db")
    plain = open_store(plain_settings.db, plain_settings)
    try:
        plain_summary = run_ingest([corpus], plain, plain_settings)
        expected = _stored(plain)
    finally:
        plain.close()

    dask_settings = _settings(tmp_path / "dask.db")
    store = open_store(dask_settings.db, dask_settings)
    try:
        summary = run_ingest_dask([corpus], store, dask_settings, scheduler, batch_size=1)
        got = _stored(store)
        again = run_ingest_dask([corpus], store, dask_settings, scheduler)
    finally:
        store.close()

    assert (summary.new, summary.failed) == (plain_summary.new, plain_summary.failed) == (len(ARTICLES), 0)
    assert summary.reports == plain_summary.reports
    assert got == expected
    assert (again.new, again.duplicate) == (0, len(ARTICLES))


def test_missing_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch, corpus: Path, tmp_path: Path) -> None:
    from warlog.pipeline_dask import run_ingest_dask

    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    settings = _settings(tmp_path / "x.db")
    with pytest.raises(MissingExtraError, match=r"warlog\[dask\]"):
        run_ingest_dask([corpus], store=None, settings=settings)  # type: ignore[arg-type]
