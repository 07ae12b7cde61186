"""link_reports: which stored event each new report joins, or a new event.

Guarantees (see docs in ``warlog.link``):

* a report joins an event only when it links (``pair_score`` >= threshold) with *every* report
  already in it (complete linkage), and never an event holding a report of its own article;
  among such events it takes the best mean score (ties: smallest event id);
* events are never merged or split, and a report never moves to another event;
* an event's id is a function of its members only: the hash of its *anchor*, the member with
  the smallest (publication day, article id, report id). The same members give the same id in
  any arrival order. When a report that sorts before the anchor joins, the event takes the new
  anchor's id and the old id becomes an alias (``LinkView.retire_event``) that keeps resolving.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from warlog.link.blocking import DateRange, event_block_key, hull, lookup_keys, place_key, report_range
from warlog.link.merge import build_event
from warlog.link.rules import LinkRules, load_rules
from warlog.link.scoring import pair_score
from warlog.link.view import LinkView
from warlog.models import Article, Event, Report

__all__ = ["anchor_key", "canonical_event_id", "event_id_for", "link_reports"]

log = logging.getLogger(__name__)

AnchorKey = tuple[dt.date, str, str]


@dataclass
class _Candidate:
    event: Event
    members: list[Report]


def anchor_key(report: Report, articles: Mapping[str, Article]) -> AnchorKey:
    """Arrival-independent order of an event's members: published (undated last), article, report."""
    article = articles.get(report.article_id)
    published = article.published if article is not None and article.published is not None else dt.date.max
    return published, report.article_id, report.report_id


def event_id_for(report_id: str) -> str:
    """The id of the event whose anchor is this report: a report is in one event, so ids never clash."""
    return "ev-" + hashlib.sha1(report_id.encode("utf-8")).hexdigest()[:16]


def canonical_event_id(members: Sequence[Report], articles: Mapping[str, Article]) -> str:
    """The id an event with these members has, whatever order they arrived in."""
    if not members:
        raise ValueError("an event needs at least one report")
    anchor = min(members, key=lambda m: anchor_key(m, articles))
    return event_id_for(anchor.report_id)


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

    for report in reports:
        joined = chosen.get(report.report_id)
        members = [*candidates[joined].members, report] if joined is not None else [report]
        event_id = canonical_event_id(members, articles)
        _save(view, event_id, members, articles, rules)
        if joined is not None and joined != event_id:
            view.retire_event(joined, event_id)
            log.debug("report %s joins event %s, now %s (anchor changed)", report.report_id, joined, event_id)
        elif joined is not None:
            log.debug("report %s joins event %s", report.report_id, event_id)
        else:
            log.debug("report %s founds event %s", report.report_id, event_id)
        view.assign_report(report.report_id, event_id)
        report.event_id = event_id
