"""Small builders for articles and geocoded reports, written for these tests."""

from __future__ import annotations

import datetime as dt
import hashlib

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
    body = text or _distinct_text(article_id)
    return Article(
        id=article_id,
        outlet=outlet or f"outlet-{article_id}",
        url=f"https://example.test/{article_id}",
        published=dt.date.fromisoformat(published),
        text=body,
        content_hash=hashlib.sha1(body.encode()).hexdigest(),
    )


def place(town: str, precision: int = 1) -> Place:
    country, admin1, lat, lon = TOWNS[town]
    return Place(
        name=town,
        country=country,
        admin1=admin1,
        location=town,
        latitude=lat,
        longitude=lon,
        geo_precision=precision,
    )


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
    first = dt.date.fromisoformat(day)
    return Report(
        report_id=f"{art.id}/r{n}",
        article_id=art.id,
        event_type=event_type,
        sub_event_type=sub,
        actor1=actor1,
        actor1_hedge=hedge,
        actor2=actor2,
        place=place(town, precision) if town else None,
        event_date=first,
        date_earliest=first,
        date_latest=dt.date.fromisoformat(latest) if latest else first,
        time_precision=1,
        fatalities=fatalities,
        fatalities_high=fatalities_high,
    )
