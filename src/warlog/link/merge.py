"""An event's fields, recomputed from all its reports each time one joins.

Recomputing from the members (rather than patching the stored aggregate) keeps the result
independent of the order reports arrived in. What is kept and why:

* tolls: ``low`` / ``high`` span every report; ``best`` is the value given by the most
  independent sources (each source votes once, with its latest report), ties going to the most
  recently published value: it resists one outlier and follows revisions when sources disagree;
* history: one TollRecord per report, oldest first, so revisions stay visible;
* attribution: every actor1 named, with the articles naming it; the event's actor1 is the
  weighted vote (named > hedged > unidentified), ties to the latest source;
* place: the most precise report's; dates: the intersection of the reports' ranges.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from warlog.link.blocking import DateRange, report_range
from warlog.link.rules import LinkRules
from warlog.link.scoring import is_unidentified
from warlog.link.sources import independent_source_groups
from warlog.models import Article, Event, EventSource, Report, TollRecord

__all__ = ["build_event"]

T = TypeVar("T")
_FAR_FUTURE = dt.date.max


def _published(article: Article | None) -> dt.date:
    return article.published if article is not None and article.published is not None else _FAR_FUTURE


def _vote(values: Sequence[tuple[T, float]]) -> T | None:
    """Heaviest value; ties go to the one seen last (inputs are oldest first)."""
    weights: dict[T, float] = {}
    last: dict[T, int] = {}
    for i, (value, weight) in enumerate(values):
        weights[value] = weights.get(value, 0.0) + weight
        last[value] = i
    if not weights:
        return None
    return max(weights, key=lambda v: (weights[v], last[v]))


def _dates(
    members: Sequence[Report], ranges: Sequence[DateRange | None]
) -> tuple[dt.date | None, dt.date | None, dt.date | None]:
    known = [r for r in ranges if r is not None]
    if not known:
        return None, None, None
    earliest, latest = max(r[0] for r in known), min(r[1] for r in known)
    if earliest > latest:  # linked with a day's slack: fall back on the narrowest report's range
        earliest, latest = min(known, key=lambda r: ((r[1] - r[0]).days, r[0]))
    cited = Counter(m.event_date for m in members if m.event_date and earliest <= m.event_date <= latest)
    event_date = max(cited, key=lambda d: (cited[d], -d.toordinal())) if cited else earliest
    return event_date, earliest, latest


def _latest_per_source(
    members: Sequence[Report], source_of: Mapping[str, int], value: Callable[[Report], T | None]
) -> list[T]:
    """Each independent source's latest non-empty value, sources ordered by that report's date."""
    latest: dict[int, tuple[int, T]] = {}
    for i, report in enumerate(members):  # members are oldest first
        v = value(report)
        if v is not None:
            latest[source_of[report.article_id]] = (i, v)
    return [v for _, v in sorted(latest.values(), key=lambda item: item[0])]


def _fatalities(
    members: Sequence[Report], source_of: Mapping[str, int]
) -> tuple[int | None, int | None, int | None]:
    given = [m for m in members if m.fatalities is not None]
    if not given:
        return None, None, None
    low = min(m.fatalities for m in given if m.fatalities is not None)
    high = max(max(m.fatalities or 0, m.fatalities_high or 0) for m in given)
    best = _vote([(v, 1.0) for v in _latest_per_source(members, source_of, lambda r: r.fatalities)])
    return low, best, high


def _actor1(members: Sequence[Report], source_of: Mapping[str, int], rules: LinkRules) -> str | None:
    def weighted(report: Report) -> tuple[str, float] | None:
        if not report.actor1:
            return None
        if is_unidentified(report.actor1, rules):
            return report.actor1, rules.actor1_vote["unidentified"]
        kind = "hedged" if report.actor1_hedge else "named"
        return report.actor1, rules.actor1_vote[kind]

    return _vote(_latest_per_source(members, source_of, weighted))


def build_event(
    event_id: str,
    members: Sequence[Report],
    articles: Mapping[str, Article],
    rules: LinkRules,
    source_groups: Sequence[Sequence[str]] | None = None,
) -> Event:
    """The event that these reports (one or more, from different articles) describe.

    ``source_groups`` is ``independent_source_groups`` of the members' articles when the caller
    keeps it up to date (the linker does, one article at a time); otherwise it is computed here.
    """
    if not members:
        raise ValueError(f"event {event_id} has no reports")
    ordered = sorted(members, key=lambda r: (_published(articles.get(r.article_id)), r.report_id))
    article_ids = sorted({r.article_id for r in ordered})
    known = [articles[a] for a in article_ids if a in articles]
    groups = independent_source_groups(known, rules) if source_groups is None else source_groups
    source_of = {a: i for i, group in enumerate(groups) for a in group}
    for article_id in article_ids:  # an article we cannot read is its own source
        source_of.setdefault(article_id, len(source_of) + len(groups))
    ranges = [report_range(r, articles.get(r.article_id)) for r in ordered]
    event_date, earliest, latest = _dates(ordered, ranges)
    low, best, high = _fatalities(ordered, source_of)
    placed = [r for r in ordered if r.place is not None]
    most_precise = min(
        placed,
        key=lambda r: (r.place.geo_precision or 9, r.place.radius_km or 1e9) if r.place else (9, 1e9),
        default=None,
    )
    attribution: dict[str, set[str]] = {}
    for report in ordered:
        if report.actor1:
            attribution.setdefault(report.actor1, set()).add(report.article_id)
    published = sorted(a.published for a in known if a.published is not None)
    sources = sorted(
        (EventSource(article_id=a.id, outlet=a.outlet, url=a.url, published=a.published) for a in known),
        key=lambda s: (s.published or _FAR_FUTURE, s.article_id),
    )
    precisions = [r.time_precision for r in ordered if r.time_precision is not None]
    return Event(
        event_id=event_id,
        event_type=ordered[0].event_type,
        sub_event_type=_vote([(r.sub_event_type, 1.0) for r in reversed(ordered)])
        or ordered[0].sub_event_type,
        event_date=event_date,
        date_earliest=earliest,
        date_latest=latest,
        time_precision=min(precisions) if precisions else None,
        actor1=_actor1(ordered, source_of, rules),
        actor2=_vote([(a, 1.0) for a in _latest_per_source(ordered, source_of, lambda r: r.actor2)]),
        place=most_precise.place if most_precise is not None else None,
        fatalities_low=low,
        fatalities_best=best,
        fatalities_high=high,
        weapons=sorted({w for r in ordered for w in r.weapons}),
        report_ids=sorted(r.report_id for r in ordered),
        sources=sources,
        n_independent_sources=len(set(source_of.values())),
        attribution={k: sorted(v) for k, v in attribution.items()},
        history=[
            TollRecord(
                report_id=r.report_id,
                article_id=r.article_id,
                outlet=articles[r.article_id].outlet if r.article_id in articles else None,
                published=articles[r.article_id].published if r.article_id in articles else None,
                fatalities=r.fatalities,
                fatalities_high=r.fatalities_high,
                actor1=r.actor1,
                actor1_hedge=r.actor1_hedge,
            )
            for r in ordered
        ],
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
    )
