"""Incremental linking state gives what recomputing from every member gives."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from warlog.link import load_rules
from warlog.link.blocking import report_range
from warlog.link.members import EventMembers, LinkCache, StagedLinkCache
from warlog.link.scoring import pair_score
from warlog.link.sources import SourceIndex, containment
from warlog.models import Article

from .factories import article, report

_STORY_TEXT = (
    "Rockets fell on the market square at noon and shopkeepers ran for the cellars while smoke rose "
    "over the old bridge and the fire brigade was slow to arrive because the road was blocked by trucks"
)
_OTHER_TEXT = (
    "A convoy of farmers drove tractors to the town hall asking for diesel subsidies and the mayor "
    "promised a meeting next week with officials from the ministry and the regional cooperative board"
)
_STORY, _OTHER = _STORY_TEXT.split(" "), _OTHER_TEXT.split(" ")


def _brute_groups(articles: list[Article]) -> list[list[str]]:
    """The definition: connected components of the 'one source' relation over every pair."""
    rules = load_rules()
    group = {a.id: {a.id} for a in articles}
    for a, b in itertools.combinations(articles, 2):
        same_outlet = bool(a.outlet and b.outlet and a.outlet.casefold() == b.outlet.casefold())
        if same_outlet or a.content_hash == b.content_hash or containment(a, b, rules) >= rules.containment:
            merged = group[a.id] | group[b.id]
            for member in merged:
                group[member] = merged
    return sorted(sorted(g) for g in {frozenset(g) for g in group.values()})


@st.composite
def _articles(draw: st.DrawFn) -> list[Article]:
    count = draw(st.integers(1, 6))
    made = []
    for i in range(count):
        cut = draw(st.integers(0, len(_STORY)))
        words = _STORY[:cut] + _OTHER[: draw(st.integers(0, len(_OTHER)))] if draw(st.booleans()) else _OTHER
        outlet = draw(st.sampled_from(["North Wire", "north wire", "Valley Post", "Hill Times"]))
        made.append(article(f"a{i}", "2024-02-02", outlet, " ".join(words) or "empty"))
    return made


@settings(max_examples=40, deadline=None)
@given(_articles(), st.randoms())
def test_source_groups_grow_to_the_pairwise_answer_in_any_order(arts: list[Article], rnd: object) -> None:
    rules = load_rules()
    order = list(arts)
    rnd.shuffle(order)  # type: ignore[attr-defined]
    index = SourceIndex.empty(rules)
    for art in order:
        index = index.with_article(art, rules)
    assert index.groups() == _brute_groups(arts)


def test_copy_and_own_words_make_two_sources() -> None:
    rules = load_rules()
    wire = article("w", "2024-02-02", "Wire", " ".join(_STORY))
    copy = article("c", "2024-02-02", "Paper", "Paper. " + " ".join(_STORY[:-3]))
    own = article("o", "2024-02-02", "Daily", " ".join(_OTHER))
    index = SourceIndex.of([wire, copy, own], rules)
    assert index.groups() == [["c", "w"], ["o"]]


def test_mean_score_scores_each_member_once_per_kind_and_averages_all() -> None:
    rules = load_rules()
    arts = [article(f"m{i}", "2024-02-02") for i in range(5)]
    towns = ["Riverton", "Riverton", "Riverton North", "Riverton", "Riverton North"]
    members: EventMembers | None = None
    reps = [report(a, town=t) for a, t in zip(arts, towns, strict=True)]
    for art, rep in zip(arts, reps, strict=True):
        members = EventMembers.first(rep, art, rules) if members is None else members.plus(rep, art, rules)
    assert members is not None
    newcomer_article = article("new", "2024-02-02")
    newcomer = report(newcomer_article)
    span = report_range(newcomer, newcomer_article)
    each = [pair_score(newcomer, m, span, report_range(m, None), rules) for m in members.members]
    assert all(s is not None for s in each)
    assert members.mean_score(newcomer, span, rules) == sum(s for s in each if s is not None) / len(each)
    far = report(article("far", "2024-02-02"), town="Lakeside")
    assert members.mean_score(far, span, rules) is None  # one member it cannot link with is enough


def test_members_keep_store_order_and_the_earliest_anchor() -> None:
    rules = load_rules()
    late, early = article("late", "2024-02-05"), article("early", "2024-02-01")
    members = EventMembers.first(report(late), late, rules).plus(report(early), early, rules)
    assert [m.report_id for m in members.members] == ["early/r1", "late/r1"]
    assert members.anchor[2] == "early/r1"
    assert members.has_article("late") and not members.has_article("other")


def test_cache_answers_only_for_the_same_version_and_stays_in_budget() -> None:
    rules = load_rules()
    cache = LinkCache(max_reports=2)
    one = article("one", "2024-02-02")
    members = EventMembers.first(report(one), one, rules)
    cache.put("ev-1", members, 1)
    assert cache.get("ev-1", 1) is members
    assert cache.get("ev-1", 2) is None  # another writer changed its members: read them again
    two = article("two", "2024-02-02")
    cache.put("ev-2", members.plus(report(two), two, rules), 1)
    assert cache.get("ev-1", 1) is None  # evicted: three reports exceed the budget of two


def test_staged_cache_forgets_what_a_rolled_back_transaction_learnt() -> None:
    rules = load_rules()
    cache = LinkCache()
    one = article("one", "2024-02-02")
    staged = StagedLinkCache(cache)
    staged.put("ev-1", EventMembers.first(report(one), one, rules), 1)
    assert staged.get("ev-1", 1) is not None
    assert staged.get("ev-1", 2) is None
    assert cache.get("ev-1", 1) is None  # not committed: nothing reaches the shared cache
    staged.commit()
    assert cache.get("ev-1", 1) is not None
