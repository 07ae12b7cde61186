"""Renamed events (an earlier report joined late): the old id keeps resolving, on both backends."""

from __future__ import annotations

from .factories import StoreFactory, shelling


def test_old_ids_resolve_to_the_renamed_event(make_store: StoreFactory) -> None:
    store = make_store()
    issued = []
    for article_id, published in (
        ("late", "2024-03-03"),
        ("early", "2024-03-02"),
        ("earliest", "2024-03-02"),
    ):
        article, extraction = shelling(article_id, published=published)
        issued += store.add_article(article, extraction).event_ids
    events = list(store.iter_events())
    assert len(events) == 1
    current = events[0].event_id
    assert len(set(issued)) == 3 and issued[2] == current  # renamed twice: 'earliest' < 'early'
    assert sorted(store.event_aliases(current)) == sorted(issued[:2])  # the chain is flattened
    for any_id in issued:
        assert store.resolve_event_id(any_id) == current
        event = store.get_event(any_id)
        assert event is not None and event.event_id == current
        assert {r.report_id for r in store.reports_of_event(any_id)} == {"late/r1", "early/r1", "earliest/r1"}
        assert len(store.event_history(any_id)) == 3
        detail = store.event_detail(any_id)
        assert (
            detail is not None
            and detail["event_id"] == current
            and sorted(detail["aliases"]) == sorted(issued[:2])
        )
    assert store.counts()["events"] == 1
    assert [row["events"] for row in store.tally(["month"])] == [1]
    assert store.resolve_event_id("ev-never-issued") is None and store.get_event("ev-never-issued") is None
