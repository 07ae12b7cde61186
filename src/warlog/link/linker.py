"""link_reports: which stored event each new report joins, or a new event.

Guarantees (see docs in ``warlog.link``):

* a report joins an event only when it links (``pair_score`` >= threshold) with *every* report
  already in it (complete linkage), and never an event holding a report of its own article;
  among such events it takes the best mean score (ties: smallest event id);
* a bridge (a report linking with members of two events, or with only some of one) instead
  regroups the touched events and the new reports by ``recluster.canonical_groups``, an
  order-free rule: reports may move between those events, and dropped ids become aliases;
* an event's id is a function of its members only: the hash of its *anchor*, the member with
  the smallest (publication day, article id, report id). When the anchor changes the event takes
  the new anchor's id and the old id becomes an alias (``LinkView.retire_event``).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence

from warlog.link.blocking import DateRange, event_block_key, lookup_keys, place_key, report_range
from warlog.link.members import EventMembers, MembersCache, anchor_key
from warlog.link.merge import build_event
from warlog.link.recluster import canonical_groups, touches
from warlog.link.rules import LinkRules, load_rules
from warlog.link.view import LinkView
from warlog.models import Article, Report

__all__ = ["anchor_key", "canonical_event_id", "event_id_for", "link_reports"]

log = logging.getLogger(__name__)


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
    cache = view.link_cache
    candidates = _candidates(view, view.event_versions(sorted(keys)) if keys else {}, cache, rules)

    options: list[tuple[float, str, str]] = []
    for report in reports:
        span = spans[report.report_id]
        if not _linkable(report, span, rules):
            continue
        for event_id, cand in candidates.items():
            if cand.has_article(article.id):
                continue
            score = cand.mean_score(report, span, rules)
            if score is not None:
                options.append((score, report.report_id, event_id))

    touched = _touched(candidates, reports, spans, article, rules)
    if _bridging(touched, options):
        _regroup(view, reports, article, touched, candidates, rules)
        return

    # best pairs first; each event takes at most one report of this article
    chosen: dict[str, str] = {}
    taken: set[str] = set()
    for _score, report_id, event_id in sorted(options, key=lambda o: (-o[0], o[1], o[2])):
        if report_id not in chosen and event_id not in taken:
            chosen[report_id] = event_id
            taken.add(event_id)

    for report in reports:
        joined = chosen.get(report.report_id)
        if joined is not None:
            grown = candidates[joined].plus(report, article, rules)
        else:
            grown = EventMembers.first(report, article, rules)
        event_id = event_id_for(grown.anchor[2])
        version = _save(view, event_id, grown, rules)
        if joined is not None and joined != event_id:
            view.retire_event(joined, event_id)
            cache.drop(joined)
            log.debug("report %s joins event %s, now %s (anchor changed)", report.report_id, joined, event_id)
        elif joined is not None:
            log.debug("report %s joins event %s", report.report_id, event_id)
        else:
            log.debug("report %s founds event %s", report.report_id, event_id)
        view.assign_report(report.report_id, event_id)
        report.event_id = event_id
        cache.put(event_id, grown, version)


def _candidates(
    view: LinkView, versions: Mapping[str, int], cache: MembersCache, rules: LinkRules
) -> dict[str, EventMembers]:
    """The members of each event the report may join: from the cache, else read through the view."""
    found: dict[str, EventMembers] = {}
    missing: list[str] = []
    for event_id in sorted(versions):
        cached = cache.get(event_id, versions[event_id])
        if cached is None:
            missing.append(event_id)
        else:
            found[event_id] = cached
    if missing:
        loaded = {event_id: view.reports_of_event(event_id) for event_id in missing}
        articles = view.articles(sorted({m.article_id for members in loaded.values() for m in members}))
        for event_id, members in loaded.items():
            if members:
                found[event_id] = EventMembers.of(members, articles, rules)
                cache.put(event_id, found[event_id], versions[event_id])
    return dict(sorted(found.items()))


def _save(
    view: LinkView, event_id: str, grown: EventMembers, rules: LinkRules, rewrite: bool = False
) -> int:
    """Save the event; its new members version (what the cache may keep it under)."""
    event = build_event(event_id, grown.members, grown.articles, rules, grown.sources.groups())
    # every member of an event shares the province (pair_score asks it), so the first one's will do
    where = place_key(grown.members[0]) if grown.linkable else None
    key = event_block_key(event.event_type, where, grown.hull, rules)
    if rewrite:
        return view.save_event(event, key, rewrite=True)
    return view.save_event(event, key)


def _touched(
    candidates: Mapping[str, EventMembers],
    reports: Sequence[Report],
    spans: Mapping[str, DateRange | None],
    article: Article,
    rules: LinkRules,
) -> dict[str, set[str]]:
    """Report id -> the candidate events with at least one member it links with."""
    found: dict[str, set[str]] = {}
    for report in reports:
        span = spans[report.report_id]
        if not _linkable(report, span, rules):
            continue
        hits = {
            event_id
            for event_id, cand in candidates.items()
            if not cand.has_article(article.id) and touches(cand, report, span, rules)
        }
        if hits:
            found[report.report_id] = hits
    return found


def _bridging(touched: Mapping[str, set[str]], options: Sequence[tuple[float, str, str]]) -> bool:
    """Whether a plain join could depend on arrival order: a report touching two events, or one
    only in part, or two reports of this article touching one event."""
    full = {(report_id, event_id) for _score, report_id, event_id in options}
    seen: set[str] = set()
    for report_id, hits in touched.items():
        if len(hits) > 1 or any((report_id, e) not in full for e in hits) or hits & seen:
            return True
        seen |= hits
    return False


def _regroup(
    view: LinkView,
    reports: Sequence[Report],
    article: Article,
    touched: Mapping[str, set[str]],
    candidates: Mapping[str, EventMembers],
    rules: LinkRules,
) -> None:
    """Regroup the touched events' members and the new reports by the order-free rule, then save:
    groups take their anchor's id, reports move, and a dropped id becomes an alias of the group
    holding its old anchor."""
    cache = view.link_cache
    old_ids = sorted({e for hits in touched.values() for e in hits})
    owner = {m.report_id: e for e in old_ids for m in candidates[e].members}
    pool = [m for e in old_ids for m in candidates[e].members]
    pool += [r for r in reports if r.report_id in touched]
    lean: dict[str, Article] = {article.id: article}
    for e in old_ids:
        lean.update(candidates[e].articles)
    full: dict[str, Article] | None = None
    placed: dict[str, str] = {}
    for group in canonical_groups(pool, lean, rules):
        kept = _kept_event(group, owner, candidates)
        fresh = [r for r in group if r.report_id not in owner]
        if kept is not None:
            members = candidates[kept]
            for report in fresh:
                members = members.plus(report, article, rules)
        else:
            if full is None:
                full = dict(view.articles(sorted({m.article_id for m in pool} - {article.id})))
                full[article.id] = article
            members = EventMembers.of(group, full, rules)
        event_id = event_id_for(members.anchor[2])
        placed.update((r.report_id, event_id) for r in group)
        if kept == event_id and not fresh:
            continue  # the regrouping left this event as it was
        version = _save(view, event_id, members, rules, rewrite=kept is None)
        for report in group:
            if owner.get(report.report_id) != event_id:
                view.assign_report(report.report_id, event_id)
        cache.put(event_id, members, version)
    for old_id in old_ids:
        if old_id not in placed.values():
            target = placed[candidates[old_id].anchor[2]]
            view.retire_event(old_id, target)
            cache.drop(old_id)
            log.debug("event %s regrouped into %s", old_id, target)
    for report in reports:
        if report.report_id in placed:
            report.event_id = placed[report.report_id]
        else:
            grown = EventMembers.first(report, article, rules)
            event_id = event_id_for(grown.anchor[2])
            version = _save(view, event_id, grown, rules)
            view.assign_report(report.report_id, event_id)
            report.event_id = event_id
            cache.put(event_id, grown, version)


def _kept_event(
    group: Sequence[Report], owner: Mapping[str, str], candidates: Mapping[str, EventMembers]
) -> str | None:
    """The old event whose members are exactly this group's stored reports, if there is one."""
    owners = {owner[r.report_id] for r in group if r.report_id in owner}
    if len(owners) != 1:
        return None
    event_id = owners.pop()
    stored = sum(1 for r in group if r.report_id in owner)
    return event_id if candidates[event_id].size == stored else None
