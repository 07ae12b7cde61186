"""Records written by hand for tests (never corpus text), shared by every test folder.

One place builds an Article, a Span into its text, a Place, a Report and a Claim, so a model
change is fixed once. Spans are always found in the article text, so they pass the store's
provenance check (``text[start:end] == span.text``).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from warlog.models import Article, Claim, ClaimPart, Place, Report, Span

__all__ = ["make_article", "make_claim", "make_place", "make_report", "span_of"]

Day = dt.date | str


def _day(value: Day | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def make_article(
    article_id: str,
    text: str,
    published: Day | None = "2024-03-02",
    *,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Article:
    """An article dated by its record (undated and flagged when ``published`` is None)."""
    day = _day(published)
    return Article(
        id=article_id,
        outlet=outlet if outlet is not None else f"outlet {article_id}",
        url=url,
        published=day,
        published_source="record" if day else "unknown",
        title=title,
        text=text,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        flags=[] if day else ["no-publication-date"],
    )


def span_of(article: Article, quote: str, sentence_index: int = 0) -> Span:
    """The span of the first occurrence of ``quote`` in the article's text."""
    start = article.text.index(quote)
    return Span(
        article_id=article.id, sentence_index=sentence_index, start=start, end=start + len(quote), text=quote
    )


def make_place(name: str, country: str, admin1: str, lat: float, lon: float, precision: int = 1) -> Place:
    """A geocoded town (``location`` is the name as written)."""
    return Place(
        name=name,
        country=country,
        admin1=admin1,
        location=name,
        latitude=lat,
        longitude=lon,
        geo_precision=precision,  # type: ignore[arg-type]
    )


def make_report(
    article: Article,
    *,
    n: int = 1,
    event_type: str = "Explosions/Remote violence",
    sub_event_type: str = "Air/drone strike",
    actor1: str | None = None,
    actor2: str | None = None,
    place: Place | None = None,
    day: Day | None = None,
    fatalities: int | None = None,
    weapons: list[str] | None = None,
    evidence: dict[str, list[Span]] | None = None,
    source: str | None = None,
    latest: Day | None = None,
    **fields: object,
) -> Report:
    """Report ``n`` of ``article``, from ``day`` (the article's own unless given) to ``latest``."""
    when = _day(day) or article.published
    return Report(
        report_id=f"{article.id}/r{n}",
        article_id=article.id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=actor1,
        actor2=actor2,
        place=place,
        event_date=when,
        date_earliest=when,
        date_latest=_day(latest) or when,
        time_precision=1,
        fatalities=fatalities,
        weapons=weapons or [],
        evidence=evidence or {},
        source=source,
        **fields,  # type: ignore[arg-type]
    )


def make_claim(
    article: Article,
    n: int,
    quote: str,
    value: int,
    what: str,
    *,
    sentence_index: int = 0,
    parts: list[ClaimPart] | None = None,
    **fields: object,
) -> Claim:
    """Claim ``n`` of ``article``, its span the first occurrence of ``quote``."""
    return Claim(
        claim_id=f"{article.id}/c{n}",
        article_id=article.id,
        value=value,
        what=what,
        parts=parts or [],
        span=span_of(article, quote, sentence_index),
        **fields,  # type: ignore[arg-type]
    )
