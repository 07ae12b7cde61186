"""A small real SQLite store: strikes on two bases and one article full of figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import make_article, make_claim, make_place, make_report
from warlog.models import Article, ClaimPart, Extraction, Report
from warlog.settings import Settings
from warlog.store import Store, open_store

BASES = {"Camp Alpha": ("Syria", "Hasakah", 36.5, 40.7), "Camp Bravo": ("Iraq", "Anbar", 33.8, 42.4)}


def strike(art: Article, base: str, day: str, actor2: str, dead: int | None) -> Report:
    return make_report(
        art, actor1="Militia Z", actor2=actor2, place=make_place(base, *BASES[base]), day=day, fatalities=dead
    )


@pytest.fixture
def db_file(tmp_path: Path) -> str:
    return str(tmp_path / "t.db")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    db = open_store(tmp_path / "t.db", Settings())
    days = ["2023-10-20", "2023-10-25", "2023-11-02", "2023-11-15", "2023-11-16"]
    for i, day in enumerate(days):
        art = make_article(f"n{i}", f"Drones hit a base on day {i}; the note is ours, number {i}.", day)
        target = "Military Forces of the United States" if i < 4 else "Local Guard"
        base = "Camp Alpha" if i % 2 == 0 else "Camp Bravo"
        db.add_article(art, Extraction(article_id=art.id, reports=[strike(art, base, day, target, i)]))
    text = (
        "The monitor counted 4 attacks on US forces in Syria and Iraq since October 19. "
        "It said 9 strikes: 5 by drones and 3 by rockets. "
        "It also said there were 8 US bases in the area."
    )
    art = make_article("tally", text, "2023-11-30")
    claims = [
        make_claim(art, 1, "4 attacks", 4, "attacks on US forces in Syria and Iraq", category="attacks",
                   since=dt.date(2023, 10, 19), until=dt.date(2023, 11, 30)),
        make_claim(art, 2, "9 strikes", 9, "strikes", category="strikes", since=dt.date(2023, 10, 19),
                   parts=[ClaimPart(value=5, what="by drones"), ClaimPart(value=3, what="by rockets")]),
        make_claim(art, 3, "8 US bases", 8, "US bases in the area", category="bases"),
    ]  # fmt: skip
    db.add_article(art, Extraction(article_id=art.id, claims=claims))
    yield db
    db.close()
