"""Exports: ACLED column names in CSV, valid GeoJSON, JSON rows with their evidence."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import make_article, make_claim, make_place, make_report, span_of
from warlog.models import Article, Extraction, Report
from warlog.serve.export import EVENT_CSV_COLUMNS, export
from warlog.settings import Settings
from warlog.store import Store, open_store

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "actor2", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities",
]  # fmt: skip
REPORT_KEYS = {
    "report_id", "event_id", "article_id", "event_date", "date_earliest", "date_latest", "event_type",
    "sub_event_type", "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "fatalities", "fatalities_high", "weapons", "evidence", "source",
}  # fmt: skip


def _article(article_id: str, outlet: str, text: str) -> Article:
    return make_article(
        article_id, text, "2024-05-06", outlet=outlet, url=f"https://example.org/{article_id}"
    )


def _report(article: Article, town: str | None, killed: int) -> Report:
    place = make_place(town, "Freedonia", "Lakeshore", 10.5, 20.25) if town is not None else None
    evidence = {
        "event": [span_of(article, "drone struck")],
        "fatalities": [span_of(article, f"{killed} dead")],
    }
    return make_report(
        article, actor1="Southern Air Force", place=place, day="2024-05-05", fatalities=killed,
        weapons=["drone"], evidence=evidence,
    )  # fmt: skip


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "export.db", Settings())
    first = _article(
        "x1", "Gazette", "Early on Sunday a drone struck Millbrook market. Police counted 4 dead."
    )
    second = _article("x2", "Herald", "A drone struck the market in Millbrook, leaving 6 dead. More soon.")
    nowhere = _article("x3", "Courier", "Somewhere a drone struck again. At least 2 dead, it was said.")
    claim_text = "Over 30 strikes hit the region this month."
    counted = _article("x4", "Gazette", claim_text)
    claim = make_claim(counted, 1, claim_text, 30, "strikes", qualifier="over")
    for article, report in (
        (first, _report(first, "Millbrook", 4)),
        (second, _report(second, "Millbrook", 6)),
        (nowhere, _report(nowhere, None, 2)),
    ):
        store.add_article(article, Extraction(article_id=article.id, reports=[report]))
    store.add_article(counted, Extraction(article_id="x4", claims=[claim]))
    yield store
    store.close()


def _run(store: Store, what: str, fmt: str) -> tuple[int, str]:
    out = io.StringIO()
    count = export(store, what, fmt, out)
    return count, out.getvalue()


def test_events_csv_uses_acled_column_names_first(store: Store) -> None:
    count, text = _run(store, "events", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    header = next(csv.reader(io.StringIO(text)))
    assert header[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert header == list(EVENT_CSV_COLUMNS)
    assert {"fatalities_low", "fatalities_high", "n_sources", "sources", "history"} <= set(header)
    assert count == len(rows) == store.counts()["events"]
    located = [r for r in rows if r["location"] == "Millbrook"]
    assert located and all(r["disorder_type"] == "Political violence" for r in rows)
    for row in located:
        assert row["year"] == "2024"
        assert "drone struck" in row["notes"]  # the evidence sentence, whole
        assert row["source"] and all(url.startswith("https://") for url in row["sources"].split("; "))
        assert isinstance(json.loads(row["history"]), list)


def test_geojson_is_a_feature_collection_of_points_with_coordinates(store: Store) -> None:
    for what in ("events", "reports"):
        count, text = _run(store, what, "geojson")
        data = json.loads(text)
        assert data["type"] == "FeatureCollection"
        assert len(data["features"]) == count >= 1
        for feature in data["features"]:
            assert feature["type"] == "Feature"
            assert feature["geometry"]["type"] == "Point"
            lon, lat = feature["geometry"]["coordinates"]
            assert (lon, lat) == (20.25, 10.5)
            assert feature["properties"]["latitude"] == lat
    reports = json.loads(_run(store, "reports", "geojson")[1])["features"]
    assert {f["properties"]["report_id"] for f in reports} == {"x1/r1", "x2/r1"}  # x3 has no place


def test_report_json_rows_carry_the_listed_keys_and_exact_evidence(store: Store) -> None:
    count, text = _run(store, "reports", "json")
    rows = json.loads(text)
    assert count == len(rows) == 3
    for row in rows:
        assert set(row) >= REPORT_KEYS
        article = store.get_article(row["article_id"])
        assert article is not None
        for ev in row["evidence"]:
            assert set(ev) == {"field", "sentence_index", "start", "end", "text"}
            assert article.text[ev["start"] : ev["end"]] == ev["text"]


def test_event_json_has_sources_toll_range_and_history(store: Store) -> None:
    rows = json.loads(_run(store, "events", "json")[1])
    for row in rows:
        assert {"sources", "fatalities_low", "fatalities_best", "fatalities_high", "history"} <= set(row)
        assert len(row["history"]) == len(row["report_ids"])
        assert {s["article_id"] for s in row["sources"]} <= {"x1", "x2", "x3"}


def test_claims_export_as_json_and_csv_but_not_geojson(store: Store) -> None:
    count, text = _run(store, "claims", "json")
    [claim] = json.loads(text)
    assert count == 1 and claim["value"] == 30 and claim["evidence"][0]["start"] == 0
    _, table = _run(store, "claims", "csv")
    assert next(csv.reader(io.StringIO(table)))[:3] == ["claim_id", "article_id", "value"]
    with pytest.raises(ValueError, match="claims"):
        _run(store, "claims", "geojson")


def test_empty_store_gives_valid_empty_documents(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.db", Settings()) as empty:
        assert json.loads(_run(empty, "events", "json")[1]) == []
        assert json.loads(_run(empty, "reports", "geojson")[1]) == {
            "type": "FeatureCollection",
            "features": [],
        }
        assert _run(empty, "events", "csv") == (0, ",".join(EVENT_CSV_COLUMNS) + "\n")


def test_unknown_table_or_format_is_refused() -> None:
    with pytest.raises(ValueError, match="bogus"):
        export(None, "bogus", "json", io.StringIO())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="xml"):
        export(None, "events", "xml", io.StringIO())  # type: ignore[arg-type]
