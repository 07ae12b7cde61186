"""Whatever Reports and Claims extract makes, the store gives back exactly (hypothesis)."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warlog.models import Article, Claim, ClaimPart, Extraction, Place, PlaceMention, Report, Span
from warlog.store import StoreLinkView

from .factories import StoreFactory

# PostgreSQL text cannot hold NUL; surrogates are not text at all.
_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40)
_NAME = st.none() | _TEXT
_COUNT = st.none() | st.integers(0, 2**31 - 1)
_DAY = st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))
_ids = itertools.count()


def _no_linking(view: StoreLinkView, reports: list[Report], article: Article) -> None:
    """The property is about storage alone: reports stay unlinked."""


@st.composite
def _article_and_extraction(draw: st.DrawFn) -> tuple[Article, Extraction]:
    article_id = f"h{next(_ids)}-{draw(st.from_regex(r'[a-z0-9]{1,6}', fullmatch=True))}"
    text = draw(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=300))
    article = Article(
        id=article_id,
        outlet=draw(_NAME),
        url=draw(_NAME),
        published=draw(_DAY),
        title=draw(_NAME),
        text=text,
        content_hash=hashlib.sha256(f"{article_id}{text}".encode()).hexdigest(),
        flags=draw(st.lists(_TEXT, max_size=2)),
    )

    def span() -> Span:
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        return Span(
            article_id=article_id,
            sentence_index=draw(st.integers(0, 50)),
            start=start,
            end=end,
            text=text[start:end],
        )

    reports = []
    for n in range(1, draw(st.integers(0, 3)) + 1):
        place = draw(
            st.none()
            | st.builds(
                Place,
                name=_TEXT,
                country=_NAME,
                admin1=_NAME,
                location=_NAME,
                latitude=st.none() | st.floats(-90, 90),
                longitude=st.none() | st.floats(-180, 180),
                geo_precision=st.none() | st.sampled_from([1, 2, 3]),
                radius_km=st.none() | st.floats(0, 500),
                why=_NAME,
            )
        )
        reports.append(
            Report(
                report_id=f"{article_id}/r{n}",
                article_id=article_id,
                event_type=draw(_TEXT),
                sub_event_type=draw(_TEXT),
                actor1=draw(_NAME),
                actor1_hedge=draw(_NAME),
                actor2=draw(_NAME),
                place_mentions=[
                    PlaceMention(name=draw(_TEXT), span=span()) for _ in range(draw(st.integers(0, 2)))
                ],
                place=place,
                event_date=draw(_DAY),
                date_earliest=draw(_DAY),
                date_latest=draw(_DAY),
                time_precision=draw(st.none() | st.sampled_from([1, 2, 3])),
                fatalities=draw(_COUNT),
                fatalities_high=draw(_COUNT),
                wounded=draw(_COUNT),
                weapons=draw(st.lists(_TEXT, max_size=3)),
                evidence={
                    field: [span() for _ in range(draw(st.integers(1, 2)))]
                    for field in draw(
                        st.lists(st.sampled_from(["event", "place", "date", "actor1"]), unique=True)
                    )
                },
                source=draw(_NAME),
                notes=draw(_NAME),
            )
        )
    claims = [
        Claim(
            claim_id=f"{article_id}/c{n}",
            article_id=article_id,
            value=draw(st.integers(0, 2**31 - 1)),
            qualifier=draw(_NAME),
            what=draw(_TEXT),
            category=draw(_NAME),
            since=draw(_DAY),
            until=draw(_DAY),
            source=draw(_NAME),
            parts=[
                ClaimPart(value=draw(st.integers(0, 1000)), what=draw(_TEXT))
                for _ in range(draw(st.integers(0, 2)))
            ],
            span=span(),
        )
        for n in range(1, draw(st.integers(0, 2)) + 1)
    ]
    return article, Extraction(article_id=article_id, reports=reports, claims=claims)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(item=_article_and_extraction())
def test_reports_claims_and_articles_round_trip(
    make_store: StoreFactory, item: tuple[Article, Extraction]
) -> None:
    article, extraction = item
    store = make_store(_no_linking)
    assert store.add_article(article, extraction).status == "new"

    assert store.get_article(article.id) == article
    mine = article.id + "/"
    assert [r for r in store.iter_reports() if r.report_id.startswith(mine)] == sorted(
        extraction.reports, key=lambda r: r.report_id
    )
    assert [c for c in store.iter_claims() if c.claim_id.startswith(mine)] == sorted(
        extraction.claims, key=lambda c: c.claim_id
    )
    store.close()
