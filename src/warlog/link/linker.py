"""link_reports: which stored event each new report joins, or a new event.

Guarantees (see docs in ``warlog.link``):

* a report joins an event only when it links (``pair_score`` >= threshold) with *every* report
  already in it (complete linkage), and never an event holding a report of its own article;
  among such events it takes the best mean score (ties: smallest event id);
* event ids never change: an id is fixed when the event is founded and events are never merged;
  a late report that would bridge two events joins the better one only;
* the id is a hash of the founding report's *content* (type, province, place, dates), not of
  its article, so reports of one event that agree on those give the same id in any order.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from warlog.link.blocking import DateRange, event_block_key, hull, lookup_keys, place_key, report_range
from warlog.link.merge import build_event
from warlog.link.rules import LinkRules, load_rules
from warlog.link.scoring import pair_score
from warlog.link.view import LinkView
from warlog.models import Article, Event, Report

__all__ = ["event_id_for", "link_reports"]

log = logging.getLogger(__name__)


@dataclass
class _Candidate:
    event: Event
    members: list[Report]


def event_id_for(report: Report, span: DateRange | None, salt: str = "") -> str:
    """Content-derived id: the same for reports that agree on type, province, place and dates."""
    place = report.place
    where = ""
    if place is not None:
        spot = place.gazetteer_id or place.location or place.name
        where = f"{place.country}|{place.admin1}|{spot}|{place.geo_precision}"
    when = f"{span[0]}|{span[1]}" if span else ""
    identity = f"{report.event_type}|{where}|{when}|{salt}"
    return "ev-" + hashlib.sha1(identity.encode("utf-8")).hexdigest()[:16]


def _linkable(report: Report, span: DateRange | None, rules: LinkRules) -> bool:
    return (
        span is not None
        and place_key(report) is not None
        and (span[1] - span[0]).days <= rules.max_link_span_days
    )


def _mean_score(
    report: Report,
    span: DateRange | None,
    members: Sequence[Report],
    articles: dict[str, Article],
    rules: LinkRules,
) -> float | None:
    """Mean pair score when the report links with every member, else None."""
    scores: list[float] = []
    for member in members:
        score = pair_score(report, member, span, report_range(member, articles.get(member.article_id)), rules)
        if score is None or score < rules.link_threshold:
            return None
        scores.append(score)
    return sum(scores) / len(scores) if scores else None


def _save(
    view: LinkView, event_id: str, members: list[Report], articles: dict[str, Article], rules: LinkRules
) -> None:
    event = build_event(event_id, members, articles, rules)
    spans = [s for s in (report_range(m, articles.get(m.article_id)) for m in members) if s is not None]
    linkable = [m for m in members if place_key(m) is not None]
    key = event_block_key(
        event.event_type,
        place_key(linkable[0]) if len(linkable) == len(members) else None,
        hull(spans),
        rules,
    )
    view.save_event(event, key)


def link_reports(
    view: LinkView, reports: list[Report], article: Article, rules: LinkRules | None = None
) -> None:
    """Assign each of one article's reports to an existing event or a new one, and save the events."""
    if not reports:
        return
    rules = rules or load_rules()
    spans = {r.report_id: report_range(r, article) for r in reports}
    keys: set[str] = set()
    for report in reports:
        span, where = spans[report.report_id], place_key(report)
        if where is not None and span is not None and _linkable(report, span, rules):
            keys.update(lookup_keys(report.event_type, where, span, rules))
    events = view.events_in_blocks(sorted(keys)) if keys else []
    candidates = {e.event_id: _Candidate(e, view.reports_of_event(e.event_id)) for e in events}
    needed = {m.article_id for c in candidates.values() for m in c.members} | {article.id}
    articles = view.articles(sorted(needed))
    articles[article.id] = article

    options: list[tuple[float, str, str]] = []
    for report in reports:
        span = spans[report.report_id]
        if not _linkable(report, span, rules):
            continue
        for event_id, cand in candidates.items():
            if not cand.members or any(m.article_id == article.id for m in cand.members):
                continue
            score = _mean_score(report, span, cand.members, articles, rules)
            if score is not None:
                options.append((score, report.report_id, event_id))

    # best pairs first; each event takes at most one report of this article
    chosen: dict[str, str] = {}
    taken: set[str] = set()
    for _score, report_id, event_id in sorted(options, key=lambda o: (-o[0], o[1], o[2])):
        if report_id not in chosen and event_id not in taken:
            chosen[report_id] = event_id
            taken.add(event_id)

    known_ids = set(candidates)
    for report in reports:
        joined = chosen.get(report.report_id)
        if joined is not None:
            event_id = joined
            members = [*candidates[event_id].members, report]
            log.debug("report %s joins event %s", report.report_id, event_id)
        else:
            span = spans[report.report_id]
            event_id = event_id_for(report, span)
            # an unlinkable report never meets other events, so it cannot check for a clash:
            # its id includes its own report id. A linkable one sees every event founded from an
            # identical-looking report among its candidates, and only then needs the salt.
            if event_id in known_ids or not _linkable(report, span, rules):
                event_id = event_id_for(report, span, salt=report.report_id)
            members = [report]
            log.debug("report %s founds event %s", report.report_id, event_id)
        known_ids.add(event_id)
        _save(view, event_id, members, articles, rules)
        view.assign_report(report.report_id, event_id)
        report.event_id = event_id
