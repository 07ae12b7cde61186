"""The storage contract, run the same on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from warlog.errors import StoreError
from warlog.models import Article, Extraction, Report
from warlog.store import Store, StoreLinkView

from .factories import StoreFactory, block_linker, make_article, make_report, shelling


def test_round_trip_keeps_article_reports_claims_and_spans(make_store: StoreFactory) -> None:
    store = make_store(block_linker)
    article, extraction = shelling("a1")
    result = store.add_article(article, extraction)

    assert result.status == "new"
    assert result.report_ids == ["a1/r1"] and result.claim_ids == ["a1/c1"]
    assert len(result.event_ids) == 1
    assert store.has_article("a1") and store.has_article("other", article.content_hash)
    assert store.get_article("a1") == article
    assert store.get_article("missing") is None
    [report] = store.iter_reports()
    expected = extraction.reports[0].model_copy(update={"event_id": result.event_ids[0]})
    assert report == expected
    for spans in report.evidence.values():
        for span in spans:
            assert article.text[span.start : span.end] == span.text
    assert list(store.iter_claims()) == extraction.claims
    assert store.counts() == {"articles": 1, "reports": 1, "events": 1, "claims": 1}


def test_event_is_read_back_with_its_reports_and_history(make_store: StoreFactory) -> None:
    store = make_store(block_linker)
    for article_id, killed in (("a1", 3), ("a2", 5)):
        store.add_article(*shelling(article_id, killed=killed))
    [event] = list(store.iter_events())
    assert store.get_event(event.event_id) == event
    assert event.report_ids == ["a1/r1", "a2/r1"]
    assert (event.fatalities_low, event.fatalities_high) == (3, 5)
    assert [r.report_id for r in store.reports_of_event(event.event_id)] == ["a1/r1", "a2/r1"]
    assert [t.fatalities for t in store.event_history(event.event_id)] == [3, 5]
    assert [s.article_id for s in event.sources] == ["a1", "a2"]


def test_same_article_again_is_a_duplicate_and_changes_nothing(make_store: StoreFactory) -> None:
    store = make_store(block_linker)
    article, extraction = shelling("a1")
    store.add_article(article, extraction)
    before = (store.counts(), list(store.iter_events()), list(store.iter_reports()))

    again = store.add_article(article, extraction)
    renamed = article.model_copy(update={"id": "a1-copy"})
    copy = store.add_article(renamed, Extraction(article_id="a1-copy"))

    assert (again.status, again.article_id, again.event_ids) == ("duplicate", "a1", [])
    assert (copy.status, copy.article_id) == ("duplicate", "a1")
    assert (store.counts(), list(store.iter_events()), list(store.iter_reports())) == before


def test_failure_inside_an_article_rolls_back_that_article_only(make_store: StoreFactory) -> None:
    store = make_store(block_linker)
    store.add_article(*shelling("good"))
    before = store.counts()

    article, extraction = shelling("bad", town="Hillford")
    twin = extraction.reports[0].model_copy()  # same report_id twice: the second insert fails
    broken = extraction.model_copy(update={"reports": [extraction.reports[0], twin]})
    with pytest.raises(StoreError, match="bad"):
        store.add_article(article, broken)
    assert store.counts() == before
    assert not store.has_article("bad")

    def failing_linker(view: StoreLinkView, reports: list[Report], art: Article) -> None:
        block_linker(view, reports, art)
        raise RuntimeError("linking broke after writing")

    with pytest.raises(RuntimeError):
        make_store(failing_linker).add_article(article, extraction)
    assert store.counts() == before

    assert store.add_article(article, extraction).status == "new"  # a rerun continues
    assert store.counts()["articles"] == before["articles"] + 1


def test_spans_that_do_not_quote_the_article_are_refused(store: Store) -> None:
    article = make_article("a1", "Artillery units shelled Riverton. 3 people died.")
    report = make_report(article)
    report.evidence["place"][0] = report.evidence["place"][0].model_copy(update={"start": 0})
    with pytest.raises(StoreError, match="does not quote"):
        store.add_article(article, Extraction(article_id="a1", reports=[report]))
    assert store.counts()["articles"] == 0


def test_article_without_reports_is_stored_without_linking(make_store: StoreFactory) -> None:
    def no_call(view: StoreLinkView, reports: list[Report], article: Article) -> None:
        raise AssertionError("linking called without reports")

    store = make_store(no_call)
    article = make_article("quiet", "Nothing happened in Riverton today.", published=None)
    assert store.add_article(article, Extraction(article_id="quiet")).status == "new"
    assert store.get_article("quiet") == article


def test_link_view_sees_blocks_reports_and_articles(make_store: StoreFactory) -> None:
    seen: dict[str, object] = {}

    def probing_linker(view: StoreLinkView, reports: list[Report], article: Article) -> None:
        seen["articles"] = sorted(view.articles(["a1", article.id, "missing"]))
        seen["events"] = [
            e.event_id for e in view.events_in_blocks(["2024-03-02|Lakeshore|Explosions/Remote violence"])
        ]
        block_linker(view, reports, article)

    store = make_store(block_linker)
    store.add_article(*shelling("a1"))
    [first] = list(store.iter_events())
    store2 = make_store(probing_linker)
    store2.add_article(*shelling("a2"))
    assert seen == {"articles": ["a1", "a2"], "events": [first.event_id]}


def test_linking_through_the_real_linker_groups_two_outlets(store: Store) -> None:
    pytest.importorskip("warlog.link")
    for article_id in ("a1", "a2"):
        article, extraction = shelling(article_id)
        article.outlet = f"Outlet {article_id}"
        assert store.add_article(article, extraction).status == "new"
    events = list(store.iter_events())
    assert len(events) == 1
    assert sorted(events[0].report_ids) == ["a1/r1", "a2/r1"]


def test_iterators_page_through_many_rows_in_order(make_store: StoreFactory) -> None:
    store = make_store(lambda view, reports, article: None)
    ids = [f"n{i:04d}" for i in range(1003)]
    for article_id in ids:
        text = f"Report {article_id}: quiet day."
        store.add_article(make_article(article_id, text), Extraction(article_id=article_id))
    assert [a.id for a in store.iter_articles()] == ids


def test_linking_errors_are_reported_and_the_view_dies_with_its_transaction(make_store: StoreFactory) -> None:
    kept: list[StoreLinkView] = []

    def wrong_report(view: StoreLinkView, reports: list[Report], article: Article) -> None:
        kept.append(view)
        block_linker(view, reports, article)
        view.assign_report("no-such/r9", "whatever")

    store = make_store(wrong_report)
    with pytest.raises(StoreError, match="no-such/r9"):
        store.add_article(*shelling("a1"))
    assert store.counts() == {"articles": 0, "reports": 0, "events": 0, "claims": 0}
    with pytest.raises(StoreError, match="after its transaction"):
        kept[0].events_in_blocks(["any"])


def test_a_batch_stores_each_article_whole_and_isolates_a_failure(make_store: StoreFactory) -> None:
    store = make_store(block_linker)
    store.add_article(*shelling("a1"))
    good, extraction = shelling("a2", town="Hillford")
    clash, bad_extraction = shelling("a3", town="Lakeside")
    # a3's report reuses a stored report id: the database refuses it, and only it
    reused = bad_extraction.reports[0].model_copy(update={"report_id": "a1/r1"})
    bad_extraction = bad_extraction.model_copy(update={"reports": [reused]})
    later, later_extraction = shelling("a4", town="Riverton", killed=7)

    results = store.add_articles(
        [(good, extraction), (clash, bad_extraction), (good, extraction), (later, later_extraction)]
    )

    assert [getattr(r, "status", "error") for r in results] == ["new", "error", "duplicate", "new"]
    assert isinstance(results[1], StoreError) and "a3" in str(results[1])
    assert not store.has_article("a3")
    assert store.counts()["articles"] == 3
    # linking inside the batch saw the earlier articles of the batch, and not the refused one
    [event] = list(store.iter_events())
    assert event.report_ids == ["a1/r1", "a2/r1", "a4/r1"]
    assert [t.fatalities for t in store.event_history(event.event_id)] == [3, 3, 7]


def test_a_batch_refuses_broken_provenance_before_writing(make_store: StoreFactory) -> None:
    store = make_store(block_linker)
    article, extraction = shelling("a1")
    other, wrong = shelling("a2")
    broken = wrong.model_copy(update={"article_id": "zz"})
    results = store.add_articles([(article, extraction), (other, broken)])
    assert getattr(results[0], "status", None) == "new" and isinstance(results[1], StoreError)
    assert store.counts()["articles"] == 1
