"""Linking behaviour: one event from many reports, and what the event keeps."""

from __future__ import annotations

from warlog.link import MemoryLinkView, link_reports
from warlog.models import Article, Event, Report

from .factories import article, report


def ingest(view: MemoryLinkView, art: Article, *reports: Report) -> None:
    view.add_article(art, reports)
    link_reports(view, list(reports), art)


def only_event(view: MemoryLinkView) -> Event:
    assert len(view.events) == 1, sorted(view.events)
    return next(iter(view.events.values()))


def test_two_outlets_one_strike_keep_both_tolls() -> None:
    view = MemoryLinkView()
    a, b = article("a", "2024-02-02", "Wire One"), article("b", "2024-02-03", "Daily Two")
    ingest(view, a, report(a, fatalities=19))
    ingest(view, b, report(b, fatalities=23))
    event = only_event(view)
    assert (event.fatalities_low, event.fatalities_high) == (19, 23)
    assert event.fatalities_best in (19, 23)
    assert [(h.article_id, h.fatalities) for h in event.history] == [("a", 19), ("b", 23)]
    assert event.n_independent_sources == 2
    assert (event.first_reported, event.last_reported) == (a.published, b.published)
    assert view.reports["a/r1"].event_id == view.reports["b/r1"].event_id == event.event_id


def test_best_toll_is_the_most_cited() -> None:
    view = MemoryLinkView()
    arts = [article(x, "2024-02-03") for x in "abc"]
    for art, toll in zip(arts, (12, 12, 30), strict=True):
        ingest(view, art, report(art, fatalities=toll))
    event = only_event(view)
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (12, 12, 30)


def test_attribution_change_is_kept_as_candidates() -> None:
    view = MemoryLinkView()
    a, b = article("a", "2024-02-02"), article("b", "2024-02-03")
    ingest(view, a, report(a, actor1="Unidentified aircraft", actor2="Militia X"))
    ingest(view, b, report(b, actor1="Israel", hedge="likely", actor2="Militia X"))
    event = only_event(view)
    assert event.attribution == {"Unidentified aircraft": ["a"], "Israel": ["b"]}
    assert event.actor1 == "Israel"
    assert [(h.actor1, h.actor1_hedge) for h in event.history] == [
        ("Unidentified aircraft", None),
        ("Israel", "likely"),
    ]


def test_distant_towns_are_two_events() -> None:
    view = MemoryLinkView()
    a, b = article("a", "2024-02-02"), article("b", "2024-02-02")
    ingest(view, a, report(a, town="Riverton"))
    ingest(view, b, report(b, town="Hillford"))
    assert len(view.events) == 2


def test_nearby_spot_links_but_another_province_does_not() -> None:
    view = MemoryLinkView()
    a, b, c = (article(x, "2024-02-02") for x in "abc")
    ingest(view, a, report(a, town="Riverton"))
    ingest(view, b, report(b, town="Riverton North"))
    ingest(view, c, report(c, town="Lakeside"))
    assert len(view.events) == 2


def test_province_only_report_joins_a_town_report() -> None:
    view = MemoryLinkView()
    a, b = article("a", "2024-02-02"), article("b", "2024-02-02")
    ingest(view, a, report(a, town="Riverton"))
    ingest(view, b, report(b, town="Hillford", precision=3))
    event = only_event(view)
    assert event.place is not None and event.place.location == "Riverton"  # the more precise place


def test_dates_more_than_a_day_apart_are_two_events() -> None:
    view = MemoryLinkView()
    a, b, c = (article(x, "2024-02-06") for x in "abc")
    ingest(view, a, report(a, day="2024-02-02"))
    ingest(view, b, report(b, day="2024-02-03"))  # a day's slack: same event
    ingest(view, c, report(c, day="2024-02-05"))
    assert sorted(len(view.members[e]) for e in view.events) == [1, 2]


def test_different_targets_nearby_or_types_are_not_linked() -> None:
    view = MemoryLinkView()
    a, b, c = (article(x, "2024-02-02") for x in "abc")
    ingest(view, a, report(a, actor2="Militia X"))
    ingest(view, b, report(b, town="Riverton North", day="2024-02-03", actor2="Army Y"))
    ingest(view, c, report(c, event_type="Battles", sub="Armed clash"))
    assert len(view.events) == 3


def test_a_different_target_alone_does_not_split_one_spot_and_day() -> None:
    # target names are the least reliable field: same sub-type, spot and day outweigh them
    view = MemoryLinkView()
    a, b = article("a", "2024-02-02"), article("b", "2024-02-02")
    ingest(view, a, report(a, actor2="Militia X"))
    ingest(view, b, report(b, actor2="Army Y"))
    assert len(view.events) == 1


def test_targets_named_differently_but_of_one_type_still_link() -> None:
    view = MemoryLinkView()
    a, b = article("a", "2024-02-02"), article("b", "2024-02-02")
    first, second = report(a, actor2="Militia X"), report(b, actor2="Brigade Q")
    first.actor2_type = second.actor2_type = "Political militia"
    ingest(view, a, first)
    ingest(view, b, second)
    assert len(view.events) == 1


def test_reports_of_one_article_stay_apart() -> None:
    view = MemoryLinkView()
    a, b = article("a", "2024-02-02"), article("b", "2024-02-02")
    ingest(view, a, report(a, n=1), report(a, n=2))
    assert len(view.events) == 2
    ingest(view, b, report(b, n=1))
    assert len(view.events) == 2
    assert sorted(len(m) for m in view.members.values()) == [1, 2]


def test_event_ids_do_not_change_when_reports_join() -> None:
    view = MemoryLinkView()
    arts = [article(x, "2024-02-02") for x in "abcd"]
    ingest(view, arts[0], report(arts[0]))
    first = only_event(view).event_id
    for art in arts[1:]:
        ingest(view, art, report(art, fatalities=3))
    assert only_event(view).event_id == first
    assert only_event(view).report_ids == sorted(f"{x}/r1" for x in "abcd")


def test_unplaced_report_stands_alone() -> None:
    view = MemoryLinkView()
    a, b = article("a", "2024-02-02"), article("b", "2024-02-02")
    ingest(view, a, report(a, town=None))
    ingest(view, b, report(b, town=None))
    assert len(view.events) == 2
