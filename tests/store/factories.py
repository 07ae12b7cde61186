"""Records written by hand for the store tests (never corpus text), and a tiny test linker."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from tests.factories import make_article as shared_article
from tests.factories import span_of
from warlog.models import Article, Claim, Event, EventSource, Extraction, Place, Report, TollRecord
from warlog.store import Store, StoreLinkView

StoreFactory = Callable[..., Store]


def make_article(
    article_id: str, text: str, published: str | None = "2024-03-02", outlet: str = "Daily"
) -> Article:
    return shared_article(article_id, text, published, outlet=outlet, url=f"https://news.example/{article_id}",
                          title=f"Title of {article_id}")


def make_report(article: Article, n: int = 1, town: str = "Riverton", killed: int | None = 3) -> Report:
    evidence = {"event": [span_of(article, "shelled")], "place": [span_of(article, town)]}
    if killed is not None:
        evidence["fatalities"] = [span_of(article, f"{killed} people")]
    return Report(
        report_id=f"{article.id}/r{n}",
        article_id=article.id,
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1="Northern Army",
        place=Place(
            name=town,
            country="Freedonia",
            admin1="Lakeshore",
            location=town,
            latitude=12.345678,
            longitude=45.6789,
            geo_precision=1,
        ),
        event_date=article.published,
        date_earliest=article.published,
        date_latest=article.published,
        time_precision=1,
        fatalities=killed,
        weapons=["artillery"],
        evidence=evidence,
        source="Local monitors",
    )


def make_claim(article: Article, n: int = 1) -> Claim:
    return Claim(
        claim_id=f"{article.id}/c{n}",
        article_id=article.id,
        value=40,
        qualifier="over",
        what="attacks since January",
        category="attacks",
        since=dt.date(2024, 1, 1),
        span=span_of(article, "over 40 attacks"),
    )


def shelling_text(town: str = "Riverton", killed: int = 3, extra: str = "") -> str:
    return (
        f"Artillery units shelled {town} on Saturday. At least {killed} people died, officials said. "
        f"There have been over 40 attacks this year.{extra}"
    )


def shelling(
    article_id: str, town: str = "Riverton", killed: int = 3, published: str = "2024-03-02"
) -> tuple[Article, Extraction]:
    article = make_article(article_id, shelling_text(town, killed, extra=f" Ref {article_id}."), published)
    extraction = Extraction(
        article_id=article.id,
        reports=[make_report(article, town=town, killed=killed)],
        claims=[make_claim(article)],
    )
    return article, extraction


def block_linker(view: StoreLinkView, reports: list[Report], article: Article) -> None:
    """One event per (day, admin1, type) block, with a random id: races would show as two events."""
    for report in reports:
        place = report.place
        key = f"{report.event_date}|{place.admin1 if place else ''}|{report.event_type}"
        found = view.events_in_blocks([key])
        event = (
            found[0]
            if found
            else Event(
                event_id=f"ev-{uuid.uuid4().hex[:10]}",
                event_type=report.event_type,
                sub_event_type=report.sub_event_type,
                event_date=report.event_date,
                place=report.place,
            )
        )
        event.report_ids.append(report.report_id)
        event.sources.append(
            EventSource(
                article_id=article.id, outlet=article.outlet, url=article.url, published=article.published
            )
        )
        event.history.append(
            TollRecord(
                report_id=report.report_id,
                article_id=article.id,
                outlet=article.outlet,
                published=article.published,
                fatalities=report.fatalities,
            )
        )
        tolls = [h.fatalities for h in event.history if h.fatalities is not None]
        if tolls:
            event.fatalities_low, event.fatalities_high = min(tolls), max(tolls)
            event.fatalities_best = max(tolls)
        view.save_event(event, key)
        view.assign_report(report.report_id, event.event_id)
