"""Bridging reports through the real stores: reports move between events, every id keeps resolving."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from warlog.models import Extraction
from warlog.settings import Settings
from warlog.store import open_store

from .test_bridging import BASELINE, _stream

PG_URL = os.environ.get("WARLOG_TEST_PG_URL", "")
ORDERS = ([0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [4, 0, 2, 5, 1, 3], [2, 3, 4, 0, 1, 5])


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh SQLite file, or a private schema in the test PostgreSQL (dropped afterwards)."""
    if request.param == "sqlite":
        yield str(tmp_path / "t.db")
        return
    if not PG_URL:
        pytest.skip("WARLOG_TEST_PG_URL is not set (run scripts/postgres.sh)")
    psycopg = pytest.importorskip("psycopg")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            separator = "&" if "?" in PG_URL else "?"
            yield f"{PG_URL}{separator}options={quote(f'-csearch_path={schema},public')}"
        finally:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.mark.parametrize("order", ORDERS)
def test_store_bridging_is_order_free_and_ids_resolve(target: str, order: list[int]) -> None:
    store = open_store(target, Settings())
    try:
        issued: set[str] = set()
        for art, reports in (_stream()[i] for i in order):
            store.add_article(art, Extraction(article_id=art.id, reports=reports))
            issued |= {e.event_id for e in store.iter_events()}
        events = {e.event_id: sorted(e.report_ids) for e in store.iter_events()}
        assert events == BASELINE
        for old in issued:
            current = store.resolve_event_id(old)
            assert current in events
            assert store.get_event(old) is not None
        for event_id, members in events.items():
            assert sorted(r.report_id for r in store.reports_of_event(event_id)) == members
            assert sorted(h.report_id for h in store.event_history(event_id)) == members
    finally:
        store.close()
