"""Small builders for articles and geocoded reports, written for these tests."""

from __future__ import annotations

import hashlib

from tests.factories import make_article, make_place, make_report
from warlog.models import Article, Place, Report

TOWNS = {
    # name: (country, admin1, lat, lon)
    "Riverton": ("Syria", "Deir ez-Zor", 34.45, 40.92),
    "Riverton North": ("Syria", "Deir ez-Zor", 34.55, 40.95),  # ~11 km from Riverton
    "Hillford": ("Syria", "Deir ez-Zor", 35.02, 40.45),  # ~75 km from Riverton
    "Lakeside": ("Syria", "Homs", 34.72, 36.72),
}


_WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"]
_WORDS += ["hotel", "india", "juliet", "kilo", "lima", "mike", "november"]


def _distinct_text(seed: str) -> str:
    """A text that shares no five-word run with another seed's: separate articles, not copies."""
    digest = hashlib.sha256(seed.encode()).digest()
    return " ".join(_WORDS[b % len(_WORDS)] for b in digest)


def article(article_id: str, published: str, outlet: str | None = None, text: str | None = None) -> Article:
    return make_article(article_id, text or _distinct_text(article_id), published,
                        outlet=outlet or f"outlet-{article_id}", url=f"https://example.test/{article_id}")


def place(town: str, precision: int = 1) -> Place:
    return make_place(town, *TOWNS[town], precision=precision)


def report(
    art: Article,
    n: int = 1,
    town: str | None = "Riverton",
    day: str = "2024-02-02",
    latest: str | None = None,
    sub: str = "Air/drone strike",
    event_type: str = "Explosions/Remote violence",
    fatalities: int | None = None,
    fatalities_high: int | None = None,
    actor1: str | None = None,
    hedge: str | None = None,
    actor2: str | None = None,
    precision: int = 1,
) -> Report:
    return make_report(art, n=n, event_type=event_type, sub_event_type=sub, actor1=actor1, actor2=actor2,
                       place=place(town, precision) if town else None, day=day, latest=latest,
                       fatalities=fatalities, fatalities_high=fatalities_high, actor1_hedge=hedge)
