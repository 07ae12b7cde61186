"""What linking keeps of an event between two joins, so a join costs little however big the event.

Without it every join re-reads all members (reports and article texts), re-scores the newcomer
against each and recompares every pair of articles for syndicated copies. ``EventMembers`` holds
the members (without their evidence), their articles (without text), the source groups with the
articles' signatures, and the hull and anchor; a join extends it by one report. ``LinkCache``
keeps them by event id and *members version*: the store bumps an event's version whenever its
membership changes (a join or a regrouping), so an entry is reused only while no writer, this
process or another on the same database, has changed that event's members since. Size alone
would not do: a regrouping can move reports between events and keep an id and its size.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import OrderedDict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from warlog.link.blocking import DateRange, place_key, report_range
from warlog.link.rules import LinkRules
from warlog.link.scoring import pair_key, pair_score
from warlog.link.sources import SourceIndex
from warlog.models import Article, Report

__all__ = [
    "AnchorKey",
    "EventMembers",
    "LinkCache",
    "MembersCache",
    "StagedLinkCache",
    "anchor_key",
    "member_order",
]

AnchorKey = tuple[dt.date, str, str]


def member_order(report: Report, articles: Mapping[str, Article]) -> tuple[dt.date, str]:
    """How the store lists an event's reports: publication day (undated last), then report id."""
    article = articles.get(report.article_id)
    published = article.published if article is not None and article.published is not None else dt.date.max
    return published, report.report_id


def anchor_key(report: Report, articles: Mapping[str, Article]) -> AnchorKey:
    """Arrival-independent order of an event's members: published (undated last), article, report."""
    published, report_id = member_order(report, articles)
    return published, report.article_id, report_id


def _lean_report(report: Report) -> Report:
    """Linking never reads evidence or mentions: the cache need not hold them."""
    return report.model_copy(update={"evidence": {}, "place_mentions": []})


def _lean_article(article: Article) -> Article:
    """Once signed, an article's text is not needed again (the signature lives in the SourceIndex)."""
    return article.model_copy(update={"text": ""})


def _widen(hull: DateRange | None, span: DateRange | None) -> DateRange | None:
    if span is None:
        return hull
    if hull is None:
        return span
    return min(hull[0], span[0]), max(hull[1], span[1])


@dataclass(frozen=True)
class EventMembers:
    """An event's members in store order, with what scoring a newcomer and saving need."""

    members: tuple[Report, ...]
    article_ids: frozenset[str]  # of every member, even one whose article could not be read
    articles: Mapping[str, Article]  # member articles, without text
    sources: SourceIndex
    spans: tuple[DateRange | None, ...]  # report_range of each member
    keys: tuple[Hashable, ...]  # pair_key of each member
    order: tuple[tuple[dt.date, str], ...]  # member_order of each member (sorted)
    anchor: AnchorKey
    hull: DateRange | None
    linkable: bool  # every member has a province (only then is the event filed for lookup)

    @property
    def size(self) -> int:
        return len(self.members)

    def has_article(self, article_id: str) -> bool:
        return article_id in self.article_ids

    @classmethod
    def of(cls, members: Sequence[Report], articles: Mapping[str, Article], rules: LinkRules) -> EventMembers:
        """Built from scratch (a cache miss): the members as the store lists them."""
        result: EventMembers | None = None
        ordered = sorted(members, key=lambda m: member_order(m, articles))
        for report in ordered:
            article = articles.get(report.article_id)
            result = (
                cls.first(report, article, rules) if result is None else result.plus(report, article, rules)
            )
        if result is None:
            raise ValueError("an event needs at least one report")
        return result

    @classmethod
    def first(cls, report: Report, article: Article | None, rules: LinkRules) -> EventMembers:
        """The members of an event founded by this report."""
        articles = {article.id: _lean_article(article)} if article is not None else {}
        span = report_range(report, article)
        sources = SourceIndex.empty(rules)
        return cls(
            members=(_lean_report(report),),
            article_ids=frozenset((report.article_id,)),
            articles=articles,
            sources=sources.with_article(article, rules) if article is not None else sources,
            spans=(span,),
            keys=(pair_key(report, span),),
            order=(member_order(report, articles),),
            anchor=anchor_key(report, articles),
            hull=span,
            linkable=place_key(report) is not None,
        )

    def plus(self, report: Report, article: Article | None, rules: LinkRules) -> EventMembers:
        """These members and one more report (from an article not yet among them)."""
        articles = dict(self.articles)
        sources = self.sources
        if article is not None:
            articles[article.id] = _lean_article(article)
            sources = sources.with_article(article, rules)
        span = report_range(report, article)
        position = member_order(report, articles)
        at = bisect.bisect_right(self.order, position)
        return EventMembers(
            members=(*self.members[:at], _lean_report(report), *self.members[at:]),
            article_ids=self.article_ids | {report.article_id},
            articles=articles,
            sources=sources,
            spans=(*self.spans[:at], span, *self.spans[at:]),
            keys=(*self.keys[:at], pair_key(report, span), *self.keys[at:]),
            order=(*self.order[:at], position, *self.order[at:]),
            anchor=min(self.anchor, anchor_key(report, articles)),
            hull=_widen(self.hull, span),
            linkable=self.linkable and place_key(report) is not None,
        )

    def mean_score(self, report: Report, span: DateRange | None, rules: LinkRules) -> float | None:
        """Mean pair score when the report links with every member (complete linkage), else None.

        Members sharing a ``pair_key`` share a score, so each key is scored once; the mean adds
        the scores in member order, as scoring each member would.
        """
        scored: dict[Hashable, float] = {}
        for key, member, member_span in zip(self.keys, self.members, self.spans, strict=True):
            if key in scored:
                continue
            score = pair_score(report, member, span, member_span, rules)
            if score is None or score < rules.link_threshold:
                return None
            scored[key] = score
        if not scored:
            return None
        return sum(scored[key] for key in self.keys) / len(self.keys)


class LinkCache:
    """Recently linked events' members by id, checked against the event's current members version."""

    def __init__(self, max_reports: int = 50_000) -> None:
        self.max_reports = max_reports
        self._entries: OrderedDict[str, tuple[int, EventMembers]] = OrderedDict()
        self._reports = 0
        self.hits = 0
        self.misses = 0

    def get(self, event_id: str, version: int) -> EventMembers | None:
        found = self._entries.get(event_id)
        if found is None or found[0] != version:
            self.misses += 1
            return None
        self._entries.move_to_end(event_id)
        self.hits += 1
        return found[1]

    def put(self, event_id: str, members: EventMembers, version: int) -> None:
        self.drop(event_id)
        self._entries[event_id] = (version, members)
        self._reports += members.size
        while self._reports > self.max_reports and len(self._entries) > 1:
            _, (_, oldest) = self._entries.popitem(last=False)
            self._reports -= oldest.size

    def drop(self, event_id: str) -> None:
        old = self._entries.pop(event_id, None)
        if old is not None:
            self._reports -= old[1].size

    def clear(self) -> None:
        self._entries.clear()
        self._reports = 0


class MembersCache(Protocol):
    """What the linker asks of a cache: ``LinkCache`` itself, or one staged inside a transaction."""

    def get(self, event_id: str, version: int) -> EventMembers | None: ...

    def put(self, event_id: str, members: EventMembers, version: int) -> None: ...

    def drop(self, event_id: str) -> None: ...


class StagedLinkCache:
    """Reads through to a ``LinkCache``; writes wait for ``commit`` (a rolled-back join leaves none)."""

    def __init__(self, cache: LinkCache) -> None:
        self._cache = cache
        self._staged: dict[str, tuple[int, EventMembers] | None] = {}

    def get(self, event_id: str, version: int) -> EventMembers | None:
        if event_id in self._staged:
            staged = self._staged[event_id]
            return staged[1] if staged is not None and staged[0] == version else None
        return self._cache.get(event_id, version)

    def put(self, event_id: str, members: EventMembers, version: int) -> None:
        self._staged[event_id] = (version, members)

    def drop(self, event_id: str) -> None:
        self._staged[event_id] = None

    def commit(self) -> None:
        for event_id, staged in self._staged.items():
            if staged is None:
                self._cache.drop(event_id)
            else:
                self._cache.put(event_id, staged[1], staged[0])
        self._staged.clear()
