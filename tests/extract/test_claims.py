"""Aggregate claims: one short invented article per pattern, and the sentences that are not claims."""

from __future__ import annotations

import datetime as dt

import pytest

from warlog.extract.claims import claim_sentence_indices, find_claims, is_aggregate_sentence
from warlog.extract.sentences import split_sentences
from warlog.models import Article, Claim

PUBLISHED = dt.date(2024, 5, 20)


def _claims(text: str) -> list[Claim]:
    article = Article(id="t1", text=text, published=PUBLISHED, content_hash="h")
    claims = find_claims(article, split_sentences(text))
    for claim in claims:
        assert text[claim.span.start : claim.span.end] == claim.span.text
    return claims


def test_documented_attacks_since_a_date() -> None:
    [claim] = _claims(
        "The Syrian Observatory for Human Rights documented 41 attacks on army posts since March 2."
    )
    assert (claim.value, claim.category, claim.source) == (41, "attacks", "SOHR")
    assert (claim.since, claim.until) == (dt.date(2024, 3, 2), PUBLISHED)
    assert claim.claim_id == "t1/c1"


def test_perfect_aspect_with_qualifier_and_no_window() -> None:
    [claim] = _claims("Rebel groups have launched more than 250 attacks on supply convoys in the north.")
    assert (claim.value, claim.qualifier, claim.category, claim.source) == (250, "more than", "attacks", None)


def test_times_since_an_event() -> None:
    [claim] = _claims("The militia has shelled the valley 33 times since the truce collapsed in April.")
    assert (claim.value, claim.since) == (33, dt.date(2024, 4, 1))


def test_colon_breakdown_belongs_to_the_count_before_the_colon() -> None:
    """The breakdown stays with its own count even when it adds up to another one, so the
    claim check can report the article's inconsistency (12 != 12 + 18 = 30)."""
    text = (
        "The monitor said jets hit the province 30 times since January, recording 12 raids: "
        "12 air strikes and 18 drone attacks."
    )
    total, raids = _claims(text)
    assert (total.value, total.parts) == (30, [])
    assert raids.value == 12
    assert [p.value for p in raids.parts] == [12, 18]


def test_follow_up_sentence_inherits_window_and_source() -> None:
    text = (
        "SOHR counted 52 raids on the coast since the start of the year. "
        "Those raids destroyed 19 targets and left 40 fighters and three civilians dead."
    )
    claims = _claims(text)
    assert [(c.value, c.category) for c in claims] == [
        (52, "strikes"),
        (19, "targets"),
        (40, "killed"),
        (3, "civilians_killed"),
    ]
    assert all(c.source == "SOHR" and c.since == dt.date(2024, 1, 1) for c in claims)


def test_inventory_of_bases_with_parts() -> None:
    [claim] = _claims(
        "There are seven foreign bases in the region: four in the north and three in the south."
    )
    assert (claim.value, claim.category) == (7, "bases")
    assert [(p.value, p.what) for p in claim.parts] == [(4, "in the north"), (3, "in the south")]


def test_troop_numbers_with_an_elliptic_second_count() -> None:
    claims = _claims("The alliance has about 1,800 troops stationed in Mali and some 600 in Niger.")
    assert [(c.value, c.qualifier, c.category) for c in claims] == [
        (1800, "about", "troops"),
        (600, "some", "troops"),
    ]


def test_bulleted_breakdown_becomes_parts() -> None:
    text = (
        "Since May 1, shelling on the enclave has killed 11 people, as follows:\n"
        "• Eight in artillery fire on the market\n"
        "• A woman in a drone strike\n"
        "• Two militiamen at the front\n"
        "The army later withdrew."
    )
    [claim] = _claims(text)
    assert (claim.value, claim.category) == (11, "killed")
    assert [p.value for p in claim.parts] == [8, 1, 2]
    article = Article(id="t1", text=text, published=PUBLISHED, content_hash="h")
    assert claim_sentence_indices(article, split_sentences(text)) == {0, 1, 2, 3}


def test_labelled_lines_become_parts_of_the_claim_above() -> None:
    text = (
        "The monitor has recorded 9 attacks on the pipeline since March.\nBy station, the tally is:\n"
        "North station: five.\nSouth station: 4.\nOfficials declined to comment."
    )
    [claim] = _claims(text)
    assert [(p.value, p.what) for p in claim.parts] == [(5, "North station"), (4, "South station")]


def test_year_total_and_n_of_them_parts() -> None:
    [claim] = _claims(
        "Over 2023 the group documented 64 strikes, 40 of them by drones and 24 of them by jets."
    )
    assert (claim.value, claim.since, claim.until) == (64, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert [p.value for p in claim.parts] == [40, 24]


def test_large_set_of_targets_without_window() -> None:
    [claim] = _claims("The command said its aircraft struck over 60 targets across the country.")
    assert (claim.value, claim.qualifier, claim.category) == (60, "over", "targets")


def test_same_count_repeated_is_one_claim() -> None:
    text = "Monitor counts 18 attacks since March.\nA monitor said 18 attacks were counted since March 3."
    assert [c.value for c in _claims(text)] == [18]


@pytest.mark.parametrize(
    "text",
    [
        "Twelve fighters were killed in air strikes late on Friday near the river.",
        "Gunmen carried out two attacks on a checkpoint, wounding four.",
        "The strikes hit two positions and a depot.",
        "Four civilians died in the first attack on the town since May.",
        "The earthquake toll has risen to 2,300 since Monday.",
        "The drone struck three waves of strikes ago.",
        "Officials met 12 envoys in the capital.",
    ],
)
def test_not_claims(text: str) -> None:
    assert _claims(text) == []
    assert not is_aggregate_sentence(text)


def test_background_war_total_is_aggregate_but_not_recorded() -> None:
    text = "Around half a million people have been killed since the war began in 2011."
    assert is_aggregate_sentence(text)
    assert _claims(text) == []


def test_is_aggregate_sentence() -> None:
    assert is_aggregate_sentence("Insurgents have carried out at least 90 attacks since January.")
    assert not is_aggregate_sentence("Insurgents attacked a base on Monday, killing 9 soldiers.")


@pytest.mark.parametrize(("text", "category"), [
    ("Organisers said more than 30 protests have taken place across the country since January.", "protests"),
    ("Rights groups recorded 12 abductions in the province since March 1.", "abductions"),
    ("Police made 45 arrests in the capital so far this year.", "arrests"),
])
def test_protests_arrests_and_abductions_are_counted(text: str, category: str) -> None:
    [claim] = _claims(text)
    assert claim.category == category
