"""The store's linking cache never changes an outcome: restarts, second writers, rollbacks."""

from __future__ import annotations

from typing import Any

import pytest

from tests.link.factories import article, report
from warlog.link import link_reports
from warlog.link.blocking import event_block_key, place_key
from warlog.link.linker import event_id_for
from warlog.link.members import EventMembers
from warlog.link.merge import build_event
from warlog.link.rules import load_rules
from warlog.models import Article, Extraction, Report
from warlog.store import Store, StoreLinkView

from .factories import StoreFactory

# Five outlets on one strike (two of them copies of one wire text), then a strike elsewhere.
_WIRE = "Aircraft struck a fuel depot at dawn and the fire burned for hours near the southern gate"
_PLAN = [
    ("a1", "2024-02-03", "Wire", _WIRE, "Riverton", 4),
    ("a2", "2024-02-02", "Paper", "Paper reports. " + _WIRE, "Riverton", 5),
    ("a3", "2024-02-04", "Daily", None, "Riverton North", 6),
    ("a4", "2024-02-02", "Post", None, "Riverton", None),
    ("a5", "2024-02-03", "Times", None, "Hillford", 1),
    ("a6", "2024-02-01", "Herald", None, "Riverton", 5),
]


def _items() -> list[tuple[Article, Report]]:
    made = []
    for article_id, published, outlet, text, town, toll in _PLAN:
        art = article(article_id, published, outlet, text)
        made.append((art, report(art, town=town, fatalities=toll)))
    return made


def _snapshot(store: Store) -> list[Any]:
    return [
        (
            e.model_dump(exclude={"event_id"}),
            [h.model_dump() for h in store.event_history(e.event_id)],
            e.event_id,
        )
        for e in sorted(store.iter_events(), key=lambda e: e.report_ids)
    ]


def _wipe(store: Store) -> None:
    """Empty the database another store also writes to, and forget this store's cache."""
    for table in ("event_aliases", "event_history", "evidence", "claims", "reports", "events", "articles"):
        store._execute(f"DELETE FROM {table}")
    store._link_cache = None


def _add(store: Store, art: Article, rep: Report) -> None:
    store.add_article(art, Extraction(article_id=art.id, reports=[rep.model_copy(deep=True)]))


def test_restart_and_second_writer_give_what_one_writer_gives(make_store: StoreFactory) -> None:
    items = _items()
    one = make_store()
    for art, rep in items:
        _add(one, art, rep)
    expected = _snapshot(one)
    one.close()
    assert sorted(len(e[0]["report_ids"]) for e in expected) == [1, 5]  # a6 renames the event on the way

    # the same articles through two stores on one database, taking turns: each cache goes stale
    first, second = make_store(), make_store()
    _wipe(first)
    for n, (art, rep) in enumerate(items):
        _add(first if n % 2 == 0 else second, art, rep)
    assert _snapshot(first) == expected
    assert _snapshot(make_store()) == expected  # a fresh process reads it all back the same


def test_a_rolled_back_join_leaves_no_trace_in_the_cache(make_store: StoreFactory) -> None:
    failing = {"on": True}

    def linker(view: StoreLinkView, reports: list[Report], art: Article) -> None:
        link_reports(view, reports, art)
        if failing["on"] and art.id == "a3":
            raise RuntimeError("disk full")

    store = make_store(linker=linker)
    items = _items()
    for art, rep in items[:2]:
        _add(store, art, rep)
    with pytest.raises(RuntimeError):
        _add(store, *items[2])
    failing["on"] = False
    for art, rep in items[2:]:
        _add(store, art, rep)
    expected = _snapshot(store)
    clean = make_store()
    _wipe(clean)
    for art, rep in items:
        _add(clean, art, rep)
    assert _snapshot(clean) == expected


def test_history_rows_follow_publication_order_when_older_reports_arrive_late(store: Store) -> None:
    for art, rep in reversed(_items()):
        _add(store, art, rep)
    (strike,) = [e for e in store.iter_events() if len(e.report_ids) == 5]
    stored = [h.report_id for h in store.event_history(strike.event_id)]
    assert stored == [h.report_id for h in strike.history]
    published = [str(h.published) for h in strike.history]
    assert published == sorted(published)
    assert strike.n_independent_sources == 4  # the wire text and its copy are one source


def _swap(view: StoreLinkView, left: str, right: str, one: str, other: str) -> None:
    """Regroup two events as a second writer might: report ``one`` of ``left`` and ``other`` of
    ``right`` trade places, so both events keep their anchor (their id) and their size."""
    rules = load_rules()
    moved = {one: right, other: left}
    for event_id in (left, right):
        kept = [r for r in view.reports_of_event(event_id) if r.report_id not in moved]
        incoming = [
            r for e in (left, right) for r in view.reports_of_event(e) if moved.get(r.report_id) == event_id
        ]
        group = kept + incoming
        members = EventMembers.of(group, view.articles([r.article_id for r in group]), rules)
        event = build_event(event_id, members.members, members.articles, rules, members.sources.groups())
        key = event_block_key(event.event_type, place_key(members.members[0]), members.hull, rules)
        view.save_event(event, key, rewrite=True)
    for report_id, event_id in moved.items():
        view.assign_report(report_id, event_id)


def test_a_second_writer_sees_a_regrouping_that_keeps_an_events_id_and_size(make_store: StoreFactory) -> None:
    def regrouping(view: StoreLinkView, reports: list[Report], art: Article) -> None:
        link_reports(view, reports, art)
        if art.id == "swap":
            _swap(view, event_id_for("e1/r1"), event_id_for("f1/r1"), "e2/r1", "f2/r1")

    first, second = make_store(), make_store(linker=regrouping)
    early = [article(a, p) for a, p in (("e1", "2024-02-02"), ("e2", "2024-02-03"), ("late", "2024-02-04"))]
    later = [article(a, "2024-03-02") for a in ("f1", "f2")]
    for art in early[:2]:
        _add(first, art, report(art, day="2024-02-02"))  # the first writer caches this event
    for art in later:
        _add(second, art, report(art, day="2024-03-01"))
    elsewhere = article("swap", "2024-02-10")
    _add(second, elsewhere, report(elsewhere, town="Lakeside", day="2024-02-09"))
    (regrouped,) = [e for e in second.iter_events() if e.event_id == event_id_for("e1/r1")]
    assert sorted(regrouped.report_ids) == ["e1/r1", "f2/r1"]  # same id, same size, new members

    _add(first, early[2], report(early[2], day="2024-02-02"))  # links with e1 only: not with f2
    seen: list[str] = []
    for event in first.iter_events():
        members = sorted(r.report_id for r in first.reports_of_event(event.event_id))
        assert sorted(event.report_ids) == members
        seen += members
    assert sorted(seen) == sorted(set(seen))  # every report in one event only
    # the newcomer bridges the regrouped events: regrouping them again restores the order-free groups
    assert sorted(seen) == ["e1/r1", "e2/r1", "f1/r1", "f2/r1", "late/r1", "swap/r1"]
    groups = sorted(sorted(e.report_ids) for e in first.iter_events())
    assert groups == [["e1/r1", "e2/r1", "late/r1"], ["f1/r1", "f2/r1"], ["swap/r1"]]
