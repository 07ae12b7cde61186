"""Behaviour of warlog.extract on short texts written for these tests, one trap each."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from warlog.extract import extract
from warlog.models import VIOLENT_EVENT_TYPES, Article, Extraction
from warlog.settings import Settings


def _run(text: str, published: dt.date | None = dt.date(2024, 3, 10), aid: str = "t-1") -> Extraction:
    article = Article(
        id=aid, text=text, published=published, content_hash=hashlib.sha256(text.encode()).hexdigest()
    )
    return extract(article, Settings(use_parser=False))


def _violent(ex: Extraction) -> list:
    return [r for r in ex.reports if r.event_type in VIOLENT_EVENT_TYPES]


def test_relative_date_friday_night_in_sunday_article() -> None:
    # 2024-03-10 is a Sunday; "Friday night" is 2024-03-08
    ex = _run(
        "Warplanes struck a weapons depot in the town of Qaryatayn on Friday night, killing four fighters."
    )
    (report,) = ex.reports
    assert report.sub_event_type == "Air/drone strike"
    assert report.date_earliest is not None and report.date_latest is not None
    assert report.date_earliest <= dt.date(2024, 3, 8) <= report.date_latest
    assert report.fatalities == 4


def test_toll_written_in_words() -> None:
    ex = _run("Twenty-five soldiers were killed when insurgents ambushed a convoy near the town of Kidal.")
    (report,) = ex.reports
    assert report.event_type == "Battles"
    assert report.fatalities == 25


def test_aggregate_claim_is_not_an_event() -> None:
    ex = _run("The monitor has counted 48 attacks on army posts in the province of Kunar since January 3.")
    assert _violent(ex) == []
    assert [c.value for c in ex.claims] == [48]


def test_quiet_article_gives_no_violent_event() -> None:
    text = (
        "The foreign minister said on Monday that all weapons must be under the control of the state. "
        "He met delegates in the capital to discuss reconstruction after years of conflict and aggression. "
        "Aid trucks crossed the border at Bab Salama after the earthquake, officials said."
    )
    assert _violent(_run(text)) == []


def test_roundup_of_three_incidents_in_three_places() -> None:
    text = (
        "Artillery shells hit the village of Kafr Nabl, killing two civilians. "
        "In a separate incident, gunmen shot dead a teacher in the town of Nawa. "
        "A roadside bomb exploded near a patrol outside the town of Mayadin, wounding three soldiers."
    )
    ex = _run(text)
    kinds = sorted(r.sub_event_type for r in ex.reports)
    assert kinds == ["Attack", "Remote explosive/landmine/IED", "Shelling/artillery/missile attack"]
    places = {r.place_mentions[0].name for r in ex.reports}
    assert places == {"Kafr Nabl", "Nawa", "Mayadin"}


def test_revised_toll_in_one_article_is_one_report() -> None:
    text = (
        "A drone strike hit a market in the town of Sarmada on Saturday, killing nine people. "
        "The death toll from the strike later rose to 14, a local doctor said. "
        "The drone attack on Sarmada was the deadliest in weeks."
    )
    ex = _run(text)
    (report,) = ex.reports
    assert report.fatalities == 14
    assert report.sub_event_type == "Air/drone strike"


def test_hedged_attribution_sets_actor_and_hedge() -> None:
    ex = _run(
        "Air strikes likely carried out by Israel hit a warehouse near the town of Qusayr, "
        "killing three fighters."
    )
    (report,) = ex.reports
    assert report.actor1 == "Military Forces of Israel"
    assert report.actor1_hedge == "likely"


def test_unidentified_attacker_gets_a_stand_in() -> None:
    ex = _run(
        "Unknown gunmen opened fire on a checkpoint in the town of Busra, killing two policemen in Syria."
    )
    (report,) = ex.reports
    assert report.actor1 is not None and report.actor1.startswith("Unidentified Armed Group")
    assert report.event_type == "Battles"


def test_wounded_only_gives_zero_dead() -> None:
    ex = _run("A rocket struck a house in the village of Taybeh, wounding five residents.")
    (report,) = ex.reports
    assert report.fatalities == 0
    assert report.wounded == 5


def test_denied_actor_is_not_the_attacker() -> None:
    text = (
        "Unidentified jets bombed militia posts in the town of Qaim overnight, killing six fighters. "
        "A US official said the United States was not involved in the raid."
    )
    (report,) = _run(text).reports
    assert report.actor1 == "Unidentified Military Forces"


def test_background_sentence_is_not_an_event() -> None:
    text = (
        "Israel often targets sites in the province of Quneitra. "
        "Israel has carried out hundreds of strikes there."
    )
    assert _violent(_run(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Suicide bombers attacked a police station in the city of Quetta, killing 12 officers.",
        "Rebels clashed with the army in the town of Bunia, leaving seven fighters dead.",
        "Police arrested 30 protesters in the city of Lahore on Tuesday.",
    ],
)
def test_evidence_spans_index_the_text(text: str) -> None:
    ex = _run(text)
    assert ex.reports
    for report in ex.reports:
        assert report.report_id.startswith("t-1/r")
        assert report.place is None
        assert "event" in report.evidence and "place" in report.evidence
        for spans in report.evidence.values():
            for span in spans:
                assert text[span.start : span.end] == span.text
        for mention in report.place_mentions:
            assert text[mention.span.start : mention.span.end] == mention.name


def test_article_without_publication_date_still_extracts() -> None:
    ex = _run("Mortar shells hit the village of Kabani on 4 March 2024, killing a shepherd.", published=None)
    (report,) = ex.reports
    assert report.event_date == dt.date(2024, 3, 4)
