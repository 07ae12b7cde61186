"""A report that links with members of two events: the grouping depends on the set, not the order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from warlog.link import MemoryLinkView, link_reports
from warlog.models import Article, Report

from .factories import article, report


def _stream() -> list[tuple[Article, list[Report]]]:
    """Two strikes four days apart in one town, each told twice, and two vague reports that
    span both days (they link with either strike's reports, and with each other)."""
    items: list[tuple[Article, list[Report]]] = []
    for name, day in (("a1", "2024-03-01"), ("a2", "2024-03-01"), ("b1", "2024-03-05"), ("b2", "2024-03-06")):
        art = article(name, day)
        items.append((art, [report(art, day=day, fatalities=3)]))
    for name, published in (("w1", "2024-03-06"), ("w2", "2024-03-07")):
        art = article(name, published)
        items.append((art, [report(art, day="2024-03-01", latest="2024-03-06")]))
    return items


def _run(order: list[int]) -> tuple[dict[str, list[str]], MemoryLinkView, list[str]]:
    stream = _stream()
    view = MemoryLinkView()
    issued: list[str] = []
    for i in order:
        art, reports = stream[i]
        view.add_article(art, reports)
        link_reports(view, reports, art)
        issued.extend(r.event_id for r in reports if r.event_id is not None)
    return {eid: sorted(e.report_ids) for eid, e in view.events.items()}, view, issued


BASELINE = _run(list(range(len(_stream()))))[0]


def test_the_stream_bridges() -> None:
    # a strike's two reports are one event, and the two strikes are not
    by_report = {r: eid for eid, members in BASELINE.items() for r in members}
    assert by_report["a1/r1"] == by_report["a2/r1"]
    assert by_report["a1/r1"] != by_report["b1/r1"]


@settings(max_examples=60, deadline=None)
@given(st.permutations(list(range(len(_stream())))))
def test_any_order_gives_same_events(order: list[int]) -> None:
    events, view, issued = _run(order)
    assert events == BASELINE
    # every id a report was ever given still resolves to the event holding that report now
    stream = dict((art.id, reps) for art, reps in _stream())
    assert all(view.resolve(eid) is not None for eid in issued)
    for reps in stream.values():
        for rep in reps:
            current = view.reports[rep.report_id].event_id
            assert current is not None and rep.report_id in view.events[current].report_ids
