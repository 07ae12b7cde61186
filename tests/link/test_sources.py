"""Syndicated copies of one wire story count as one source."""

from __future__ import annotations

from warlog.link import MemoryLinkView, independent_source_groups, link_reports, load_rules

from .factories import article, report

WIRE = (
    "Warplanes struck a depot on the edge of Riverton before dawn on Friday, residents said, "
    "and the blasts were heard across the valley. A monitoring group said nineteen fighters died "
    "and that rescuers were still searching the rubble of two buildings near the river crossing. "
    "No one claimed the raid, and officials in the capital declined to comment on it by evening."
)
OWN_WORDS = (
    "Residents of Riverton woke to explosions when aircraft hit a weapons store, according to locals "
    "we reached by phone. Our correspondent counted at least twenty-three dead fighters in the morgue."
)


def test_syndicated_copy_counts_once() -> None:
    view = MemoryLinkView()
    wire = article("w", "2024-02-02", "Wire Agency", WIRE)
    copy = article("c", "2024-02-02", "Regional Paper", "Regional Paper. " + WIRE[:-40] + " Updated later.")
    own = article("o", "2024-02-03", "Independent Daily", OWN_WORDS)
    for art, toll in ((wire, 19), (copy, 19), (own, 23)):
        view.add_article(art, [r := report(art, fatalities=toll)])
        link_reports(view, [r], art)
    (event,) = view.events.values()
    assert len(event.sources) == 3
    assert event.n_independent_sources == 2


def test_unrelated_texts_are_independent() -> None:
    rules = load_rules()
    one = article("1", "2024-02-02", "A", WIRE)
    two = article("2", "2024-02-02", "B", OWN_WORDS)
    assert independent_source_groups([one, two], rules) == [["1"], ["2"]]


def test_same_outlet_is_one_source() -> None:
    rules = load_rules()
    one = article("1", "2024-02-02", "Same Outlet", WIRE)
    two = article("2", "2024-02-03", "Same Outlet", OWN_WORDS)
    assert independent_source_groups([one, two], rules) == [["1", "2"]]
