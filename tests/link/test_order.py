"""Arrival order does not change the grouping or the ids (well-separated events)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from warlog.link import MemoryLinkView, link_reports
from warlog.models import Article, Report

from .factories import article, report


def _stream() -> list[tuple[Article, list[Report]]]:
    items: list[tuple[Article, list[Report]]] = []
    # event 1: Riverton strike on 2 Feb, five outlets, tolls revised
    for i, toll in enumerate((4, 19, 23, 25, 6)):
        art = article(f"s{i}", f"2024-02-0{2 + i % 2}", f"outlet {i}")
        items.append((art, [report(art, fatalities=toll, actor2="Militia X")]))
    # event 2: Hillford strike on the same day; one of its articles also reports event 3
    for i in range(3):
        art = article(f"h{i}", "2024-02-03", f"outlet h{i}")
        reps = [report(art, town="Hillford", fatalities=i + 1)]
        if i == 0:
            reps.append(report(art, n=2, town="Lakeside", event_type="Battles", sub="Armed clash"))
        items.append((art, reps))
    # event 3 from another article; event 4: a later strike in Riverton
    art = article("l0", "2024-02-03", "outlet l")
    items.append((art, [report(art, town="Lakeside", event_type="Battles", sub="Armed clash", fatalities=2)]))
    art = article("r9", "2024-02-09", "outlet r")
    items.append((art, [report(art, day="2024-02-08")]))
    return items


def _run(order: list[int]) -> dict[str, list[str]]:
    stream = _stream()
    view = MemoryLinkView()
    for i in order:
        art, reports = stream[i]
        view.add_article(art, reports)
        link_reports(view, reports, art)
    return {eid: sorted(e.report_ids) for eid, e in view.events.items()}


BASELINE = _run(list(range(len(_stream()))))


def test_baseline_grouping() -> None:
    assert sorted(len(v) for v in BASELINE.values()) == [1, 2, 3, 5]


@settings(max_examples=40, deadline=None)
@given(st.permutations(list(range(len(_stream())))))
def test_any_order_gives_same_events_and_ids(order: list[int]) -> None:
    assert _run(order) == BASELINE
