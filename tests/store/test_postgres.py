"""What only the PostgreSQL backend does: PostGIS when present, a clear error without psycopg."""

from __future__ import annotations

import sys

import pytest

from warlog.errors import MissingExtraError
from warlog.settings import Settings
from warlog.store import open_store

from .factories import StoreFactory, block_linker, shelling


@pytest.fixture(params=[pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_postgis_point_follows_the_event_coordinates(make_store: StoreFactory) -> None:
    store = make_store(block_linker)
    if not store.has_postgis():
        pytest.skip("PostGIS is not installed on this server (optional)")
    store.add_article(*shelling("g1"))
    rows, _ = store._execute("SELECT ST_Y(geog::geometry) AS lat, ST_X(geog::geometry) AS lon FROM events")
    assert [(round(r["lat"], 6), round(r["lon"], 4)) for r in rows] == [(12.345678, 45.6789)]


def test_advisory_keys_are_stable_signed_64_bit() -> None:
    from warlog.store.postgres import advisory_key

    key = advisory_key("2024-03-02|Lakeshore|Battles")
    assert key == advisory_key("2024-03-02|Lakeshore|Battles") != advisory_key("2024-03-03|Lakeshore|Battles")
    assert -(2**63) <= key < 2**63


def test_without_psycopg_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.delitem(sys.modules, "warlog.store.postgres", raising=False)
    with pytest.raises(MissingExtraError, match=r"warlog\[postgres\]"):
        open_store("postgresql://nobody@127.0.0.1:1/none", Settings())
