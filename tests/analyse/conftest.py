"""A small real SQLite store: strikes on two bases and one article full of figures."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from warlog.models import Article, Claim, ClaimPart, Extraction, Place, Report, Span
from warlog.settings import Settings

store_module = pytest.importorskip("warlog.store")

BASES = {"Camp Alpha": ("Syria", "Hasakah", 36.5, 40.7), "Camp Bravo": ("Iraq", "Anbar", 33.8, 42.4)}


def make_article(article_id: str, published: str, text: str) -> Article:
    return Article(
        id=article_id,
        outlet=f"outlet {article_id}",
        published=dt.date.fromisoformat(published),
        text=text,
        content_hash=hashlib.sha1(text.encode()).hexdigest(),
    )


def strike(art: Article, n: int, base: str, day: str, actor2: str, dead: int | None) -> Report:
    country, admin1, lat, lon = BASES[base]
    when = dt.date.fromisoformat(day)
    return Report(
        report_id=f"{art.id}/r{n}",
        article_id=art.id,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1="Militia Z",
        actor2=actor2,
        place=Place(name=base, country=country, admin1=admin1, location=base, latitude=lat, longitude=lon,
                    geo_precision=1),
        event_date=when,
        date_earliest=when,
        date_latest=when,
        time_precision=1,
        fatalities=dead,
    )  # fmt: skip


def claim(art: Article, n: int, phrase: str, value: int, what: str, **fields: object) -> Claim:
    start = art.text.index(phrase)
    span = Span(article_id=art.id, sentence_index=0, start=start, end=start + len(phrase), text=phrase)
    return Claim(claim_id=f"{art.id}/c{n}", article_id=art.id, value=value, what=what, span=span, **fields)


@pytest.fixture
def db_file(tmp_path: Path) -> str:
    return str(tmp_path / "t.db")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[object]:
    db = store_module.open_store(tmp_path / "t.db", Settings())
    days = ["2023-10-20", "2023-10-25", "2023-11-02", "2023-11-15", "2023-11-16"]
    for i, day in enumerate(days):
        art = make_article(f"n{i}", day, f"Drones hit a base on day {i}; the note is ours, number {i}.")
        target = "Military Forces of the United States" if i < 4 else "Local Guard"
        base = "Camp Alpha" if i % 2 == 0 else "Camp Bravo"
        db.add_article(art, Extraction(article_id=art.id, reports=[strike(art, 1, base, day, target, i)]))
    text = (
        "The monitor counted 4 attacks on US forces in Syria and Iraq since October 19. "
        "It said 9 strikes: 5 by drones and 3 by rockets. "
        "It also said there were 8 US bases in the area."
    )
    art = make_article("tally", "2023-11-30", text)
    claims = [
        claim(art, 1, "4 attacks", 4, "attacks on US forces in Syria and Iraq", category="attacks",
              since=dt.date(2023, 10, 19), until=dt.date(2023, 11, 30)),
        claim(art, 2, "9 strikes", 9, "strikes", category="strikes", since=dt.date(2023, 10, 19),
              parts=[ClaimPart(value=5, what="by drones"), ClaimPart(value=3, what="by rockets")]),
        claim(art, 3, "8 US bases", 8, "US bases in the area", category="bases"),
    ]  # fmt: skip
    db.add_article(art, Extraction(article_id=art.id, claims=claims))
    yield db
    db.close()
