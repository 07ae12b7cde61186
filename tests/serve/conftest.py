"""A real SQLite database built through the store from hand-written records (never corpus text)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.factories import make_article, make_claim, make_place, make_report, span_of
from warlog.models import Article, Extraction, Report
from warlog.serve.api import create_app
from warlog.settings import Settings
from warlog.store import open_store

HOSTILE = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'


def _article(article_id: str, text: str, published: str, outlet: str) -> Article:
    title = f"Report {article_id} {HOSTILE}"
    return make_article(
        article_id, text, published, outlet=outlet, url=f"https://news.example/{article_id}", title=title
    )


def _report(
    article: Article,
    *,
    town: str,
    admin1: str,
    country: str,
    lat: float,
    lon: float,
    killed: int,
    day: str,
    event_type: str = "Explosions/Remote violence",
    sub_event_type: str = "Shelling/artillery/missile attack",
    actor1: str = "Northern Army",
    cue: str = "shelled",
) -> Report:
    evidence = {
        "event": [span_of(article, cue)],
        "place": [span_of(article, town)],
        "fatalities": [span_of(article, f"{killed} people")],
    }
    return make_report(
        article, event_type=event_type, sub_event_type=sub_event_type, actor1=actor1,
        place=make_place(town, country, admin1, lat, lon), day=day, fatalities=killed, evidence=evidence,
        source="Local monitors",
    )  # fmt: skip


def build_database(path: Path) -> dict[str, str]:
    """Three events in two countries; one source text carries markup a hostile site could send."""
    store = open_store(str(path), Settings(db=str(path)))
    a1 = _article(
        "t-1",
        f"The Northern Army shelled Riverton on Monday. 3 people were killed, monitors said. {HOSTILE} "
        "Over 40 attacks have hit the province since January.",
        "2024-03-04",
        "Daily Lantern",
    )
    a2 = _article(
        "t-2",
        "Gunmen of the Hill Brigade clashed with police in Stonebridge. 5 people died in the fighting.",
        "2024-04-10",
        "Evening Courier",
    )
    a3 = _article(
        "t-3",
        "Drones struck a depot near Marshfield. 0 people were hurt according to the governor.",
        "2023-11-20",
        "Coast Weekly",
    )
    r1 = _report(
        a1,
        town="Riverton",
        admin1="Lakeshore",
        country="Freedonia",
        lat=12.3,
        lon=45.6,
        killed=3,
        day="2024-03-04",
    )
    r2 = _report(
        a2,
        town="Stonebridge",
        admin1="Highlands",
        country="Freedonia",
        lat=14.0,
        lon=47.0,
        killed=5,
        day="2024-04-09",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Hill Brigade",
        cue="clashed",
    )
    r3 = _report(a3, town="Marshfield", admin1="Delta", country="Sylvania", lat=-3.5, lon=20.25,
                     killed=0, day="2023-11-19", sub_event_type="Air/drone strike", actor1="Unknown drones",
                     cue="struck")  # fmt: skip
    claim = make_claim(
        a1, 1, "Over 40 attacks", 40, "attacks since January", sentence_index=2, qualifier="over",
        category="attacks", since=dt.date(2024, 1, 1),
    )  # fmt: skip
    ids = {}
    for article, report, claims in ((a1, r1, [claim]), (a2, r2, []), (a3, r3, [])):
        result = store.add_article(
            article, Extraction(article_id=article.id, reports=[report], claims=claims)
        )
        ids[article.id] = result.event_ids[0]
    store.close()
    return ids


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("serve") / "test.db"
    return path, build_database(path)


@pytest.fixture()
def event_ids(built_db: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return built_db[1]


@pytest.fixture()
def client(built_db: tuple[Path, dict[str, str]]) -> Iterator[TestClient]:
    path = built_db[0]
    with TestClient(create_app(str(path), Settings(db=str(path)))) as test_client:
        yield test_client
