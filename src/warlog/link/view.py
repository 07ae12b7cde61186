"""What the store offers linking: reads by blocking key and writes of decisions.

The store implements ``LinkView`` inside its per-article transaction; ``MemoryLinkView`` is a
dict-backed one for tests and benchmarks (and a reference for the semantics).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from warlog.link.members import LinkCache, MembersCache, member_order
from warlog.models import Article, Event, Report

__all__ = ["LinkView", "MemoryLinkView"]


class LinkView(Protocol):
    def events_in_blocks(self, keys: Sequence[str]) -> list[Event]:
        """Events filed under any of these blocking keys."""
        ...

    def event_versions(self, keys: Sequence[str]) -> dict[str, int]:
        """Event id -> members version, for the events filed under any of these blocking keys.

        The version changes whenever the event's members do (``save_event``), and never returns
        to an earlier value for that id, even after the id is retired and given back."""
        ...

    def reports_of_event(self, event_id: str) -> list[Report]:
        """The reports currently assigned to the event (by publication day, then report id)."""
        ...

    def articles(self, ids: Sequence[str]) -> dict[str, Article]:
        """The stored articles with these ids (missing ids are left out)."""
        ...

    def save_event(self, event: Event, block_key: str, rewrite: bool = False) -> int:
        """Insert or replace the event row (filed under block_key) and its history rows; an id that
        was an alias stops being one. ``rewrite``: members may have moved in or out, not only joined.
        Returns the event's new members version."""
        ...

    def assign_report(self, report_id: str, event_id: str) -> None:
        """Record that the report belongs to the event."""
        ...

    def retire_event(self, old_id: str, new_id: str) -> None:
        """The event ``old_id`` is now ``new_id`` (already saved): move its reports to it, drop the
        old row and keep ``old_id`` (and every alias of it) resolving to ``new_id`` forever."""
        ...

    @property
    def link_cache(self) -> MembersCache:
        """Where linking keeps events' members between joins (see ``warlog.link.members``)."""
        ...


class MemoryLinkView:
    """A LinkView over plain dicts: what a store does, without a database."""

    def __init__(self) -> None:
        self.events: dict[str, Event] = {}
        self.block_of: dict[str, str] = {}
        self.blocks: dict[str, set[str]] = {}
        self.reports: dict[str, Report] = {}
        self.members: dict[str, list[str]] = {}
        self.article_store: dict[str, Article] = {}
        self.aliases: dict[str, str] = {}
        self.versions: dict[str, int] = {}  # kept after retiring, so a returning id moves on
        self.cache = LinkCache()

    @property
    def link_cache(self) -> MembersCache:
        return self.cache

    def add_article(self, article: Article, reports: Sequence[Report]) -> None:
        """Store the article and its (not yet linked) reports, as the store does before linking."""
        self.article_store[article.id] = article
        for report in reports:
            self.reports[report.report_id] = report

    def events_in_blocks(self, keys: Sequence[str]) -> list[Event]:
        ids = sorted({e for key in keys for e in self.blocks.get(key, ())})
        return [self.events[i] for i in ids]

    def event_versions(self, keys: Sequence[str]) -> dict[str, int]:
        return {e.event_id: self.versions.get(e.event_id, 0) for e in self.events_in_blocks(keys)}

    def reports_of_event(self, event_id: str) -> list[Report]:
        members = [self.reports[r] for r in self.members.get(event_id, [])]
        return sorted(members, key=lambda r: member_order(r, self.article_store))

    def articles(self, ids: Sequence[str]) -> dict[str, Article]:
        return {i: self.article_store[i] for i in ids if i in self.article_store}

    def save_event(self, event: Event, block_key: str, rewrite: bool = False) -> int:
        self.aliases.pop(event.event_id, None)
        self.versions[event.event_id] = self.versions.get(event.event_id, 0) + 1
        old = self.block_of.get(event.event_id)
        if old is not None:
            self.blocks[old].discard(event.event_id)
        self.events[event.event_id] = event.model_copy(deep=True)
        self.block_of[event.event_id] = block_key
        self.blocks.setdefault(block_key, set()).add(event.event_id)
        return self.versions[event.event_id]

    def assign_report(self, report_id: str, event_id: str) -> None:
        report = self.reports[report_id]
        if report.event_id is not None and report.event_id != event_id:
            self.members[report.event_id].remove(report_id)
        report.event_id = event_id
        members = self.members.setdefault(event_id, [])
        if report_id not in members:
            members.append(report_id)

    def retire_event(self, old_id: str, new_id: str) -> None:
        members = self.members.setdefault(new_id, [])
        for report_id in self.members.pop(old_id, []):
            self.reports[report_id].event_id = new_id
            if report_id not in members:
                members.append(report_id)
        old_key = self.block_of.pop(old_id, None)
        if old_key is not None:
            self.blocks[old_key].discard(old_id)
        self.events.pop(old_id, None)
        for alias, target in self.aliases.items():
            if target == old_id:
                self.aliases[alias] = new_id
        self.aliases[old_id] = new_id

    def resolve(self, event_id: str) -> str | None:
        """The current id of an event known by this id or an old one."""
        current = self.aliases.get(event_id, event_id)
        return current if current in self.events else None
