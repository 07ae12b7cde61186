"""Event ids: a function of the members (any arrival order), and every id issued keeps resolving."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from warlog.link import MemoryLinkView, canonical_event_id, link_reports
from warlog.models import Article, Event, Extraction, Report
from warlog.settings import Settings
from warlog.store import open_store

from .factories import article, report


def _stream() -> list[tuple[Article, list[Report]]]:
    """Three well-separated events whose outlets publish on different days (anchors differ by order)."""
    items: list[tuple[Article, list[Report]]] = []
    for i, (published, toll) in enumerate((("2024-02-04", 7), ("2024-02-02", 5), ("2024-02-03", 9))):
        art = article(f"river{i}", published, f"river outlet {i}")
        items.append((art, [report(art, fatalities=toll)]))
    for i, published in enumerate(("2024-02-05", "2024-02-03")):
        art = article(f"hill{i}", published, f"hill outlet {i}")
        items.append((art, [report(art, town="Hillford", day="2024-02-03", fatalities=i)]))
    art = article("lake0", "2024-02-03", "lake outlet")
    items.append((art, [report(art, town="Lakeside", event_type="Battles", sub="Armed clash", fatalities=2)]))
    return items


def _summary(events: list[Event]) -> dict[str, tuple[object, ...]]:
    return {
        e.event_id: (
            tuple(e.report_ids),
            (e.fatalities_low, e.fatalities_best, e.fatalities_high),
            tuple(s.article_id for s in e.sources),
            tuple(h.report_id for h in e.history),
        )
        for e in events
    }


def _run(order: list[int]) -> MemoryLinkView:
    stream = _stream()
    view = MemoryLinkView()
    for i in order:
        art, reports = stream[i]
        view.add_article(art, reports)
        link_reports(view, reports, art)
    return view


BASELINE = _summary(list(_run(list(range(len(_stream())))).events.values()))


def test_ids_are_those_of_the_earliest_published_member() -> None:
    view = _run([0, 1, 2, 3, 4, 5])
    ids = {tuple(e.report_ids): e.event_id for e in view.events.values()}
    river = ("river0/r1", "river1/r1", "river2/r1")
    assert ids[river] == canonical_event_id([view.reports["river1/r1"]], view.article_store)
    assert sorted(map(len, ids)) == [1, 2, 3]


@settings(max_examples=60, deadline=None)
@given(st.permutations(list(range(len(_stream())))))
def test_any_order_gives_identical_events(order: list[int]) -> None:
    view = _run(order)
    assert _summary(list(view.events.values())) == BASELINE
    for old, new in view.aliases.items():  # every id handed out on the way still resolves
        assert view.resolve(old) == new and new in view.events


def test_an_earlier_report_renames_the_event_and_the_old_id_resolves(tmp_path: Path) -> None:
    store = open_store(tmp_path / "t.db", Settings())
    late, early, earliest = (
        article(x, d) for x, d in (("b", "2024-02-04"), ("c", "2024-02-03"), ("a", "2024-02-02"))
    )
    try:
        issued = []
        for art, toll in ((late, 3), (early, 4), (earliest, 5)):
            result = store.add_article(
                art, Extraction(article_id=art.id, reports=[report(art, fatalities=toll)])
            )
            issued.extend(result.event_ids)
        (event,) = list(store.iter_events())
        assert len(set(issued)) == 3 and issued[-1] == event.event_id
        for old in issued:
            assert store.resolve_event_id(old) == event.event_id
            found = store.get_event(old)
            assert found is not None and found.report_ids == ["a/r1", "b/r1", "c/r1"]
            assert [r.report_id for r in store.reports_of_event(old)] == ["a/r1", "c/r1", "b/r1"]
            assert [h.fatalities for h in store.event_history(old)] == [5, 4, 3]
            detail = store.event_detail(old)
            assert detail is not None and detail["event_id"] == event.event_id
            assert sorted(detail["aliases"]) == sorted(issued[:2])
        assert sorted(store.event_aliases(event.event_id)) == sorted(issued[:2])
        assert store.resolve_event_id("ev-unknown") is None
        assert store.counts()["events"] == 1
        assert store.tally(["day"])[0]["events"] == 1
    finally:
        store.close()
