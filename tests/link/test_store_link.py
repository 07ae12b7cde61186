"""The same linking through the real SQLite store (its LinkView, its transaction)."""

from __future__ import annotations

from pathlib import Path

import pytest

from warlog.models import Extraction
from warlog.settings import Settings

from .factories import article, report

store_module = pytest.importorskip("warlog.store")


def test_store_links_two_outlets_into_one_event(tmp_path: Path) -> None:
    store = store_module.open_store(tmp_path / "t.db", Settings())
    a, b, c = article("a", "2024-02-02"), article("b", "2024-02-03"), article("c", "2024-02-03")
    try:
        for art, rep in (
            (a, report(a, fatalities=19, actor1="Unidentified aircraft")),
            (b, report(b, fatalities=23, actor1="Israel", hedge="likely")),
            (c, report(c, town="Hillford", fatalities=2)),
        ):
            store.add_article(art, Extraction(article_id=art.id, reports=[rep]))
        events = sorted(store.iter_events(), key=lambda e: len(e.report_ids))
        assert [len(e.report_ids) for e in events] == [1, 2]
        strike = events[1]
        assert (strike.fatalities_low, strike.fatalities_high) == (19, 23)
        assert strike.attribution == {"Unidentified aircraft": ["a"], "Israel": ["b"]}
        assert [h.fatalities for h in store.event_history(strike.event_id)] == [19, 23]
        assert {r.report_id for r in store.reports_of_event(strike.event_id)} == {"a/r1", "b/r1"}
    finally:
        store.close()


def test_store_grouping_and_ids_do_not_depend_on_order(tmp_path: Path) -> None:
    arts = [article(f"x{i}", "2024-02-03") for i in range(4)]
    towns = ["Riverton", "Hillford", "Riverton", "Hillford"]
    results = []
    for n, order in enumerate(([0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2])):
        store = store_module.open_store(tmp_path / f"t{n}.db", Settings())
        try:
            for i in order:
                rep = report(arts[i], town=towns[i], fatalities=i)
                store.add_article(arts[i], Extraction(article_id=arts[i].id, reports=[rep]))
            results.append({e.event_id: sorted(e.report_ids) for e in store.iter_events()})
        finally:
            store.close()
    assert results[0] == results[1] == results[2]
    assert sorted(map(len, results[0].values())) == [2, 2]
