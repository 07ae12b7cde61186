"""Traps found in round 3, one short self-written text each."""

from __future__ import annotations

import datetime as dt
import hashlib

from hypothesis import given
from hypothesis import strategies as st

from warlog.extract import extract
from warlog.extract.clauses import split_clauses
from warlog.extract.sentences import Sentence
from warlog.models import VIOLENT_EVENT_TYPES, Article, Extraction, Report
from warlog.settings import Settings


def _run(text: str, title: str | None = None) -> Extraction:
    article = Article(
        id="r3",
        text=text,
        title=title,
        published=dt.date(2024, 5, 12),
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )
    return extract(article, Settings())


def _violent(text: str, title: str | None = None) -> list[Report]:
    return [r for r in _run(text, title).reports if r.event_type in VIOLENT_EVENT_TYPES]


def _one(text: str) -> Report:
    reports = _violent(text)
    assert len(reports) == 1, reports
    return reports[0]


def _places(report: Report) -> set[str]:
    return {p.name for p in report.place_mentions}


def test_an_after_clause_is_an_event_of_its_own() -> None:
    reports = _violent(
        "Houthi fighters launched drones at a base near the town of Marib after 12 fighters were "
        "killed in Saudi air strikes on the town of Saada."
    )
    assert len(reports) == 2, reports
    drones = next(r for r in reports if "Marib" in _places(r))
    strikes = next(r for r in reports if "Saada" in _places(r))
    assert drones.actor1 == "Houthis" and drones.fatalities is None
    assert strikes.actor1 == "Military Forces of Saudi Arabia" and strikes.fatalities == 12
    for report in reports:
        for spans in report.evidence.values():
            assert all(s.text for s in spans)


def test_a_motive_clause_lends_no_toll() -> None:
    report = _one(
        "Government forces shelled the town of Kalaa on Monday in retaliation for an ambush that "
        "killed nine soldiers."
    )
    assert report.fatalities is None


def test_a_province_and_a_town_inside_it_are_one_event() -> None:
    report = _one(
        "A Russian missile hit the town of Kramatorsk on Sunday, killing four civilians. "
        "The missile attack in Donetsk also wounded ten people."
    )
    assert report.fatalities == 4
    assert "Kramatorsk" in _places(report)


def test_two_towns_stay_two_events() -> None:
    reports = _violent(
        "Army shells hit the town of Ariha on Monday, killing two children. "
        "Army shells also hit the town of Sarmin in Idlib province, killing one man."
    )
    assert len(reports) == 2, reports


def test_also_struck_keeps_the_previous_attacker() -> None:
    reports = _violent(
        "Russian jets bombed the town of Ariha on Friday. "
        "In the town of Sarmin, a market and a bakery were also struck."
    )
    assert len(reports) == 2, reports
    assert {r.actor1 for r in reports} == {"Military Forces of Russia"}
    assert all("actor1" in r.evidence for r in reports)


def test_fighters_killed_in_strikes_are_the_target() -> None:
    report = _one(
        "The number of Houthi fighters killed in Saudi air strikes on the town of Saada rose to 14 on Sunday."
    )
    assert report.actor1 == "Military Forces of Saudi Arabia"
    assert report.actor2 == "Houthis"


def test_no_one_claiming_the_attack_clears_no_one() -> None:
    report = _one(
        "US aircraft struck a depot near the town of Qaim on Friday. "
        "Washington blamed an earlier attack, which no group claimed, on the militias."
    )
    assert report.actor1 == "Military Forces of the United States"


def test_a_helicopter_raid_with_an_exchange_of_fire_is_a_clash() -> None:
    report = _one(
        "US forces carried out a helicopter raid on a house in the village of Atmeh on Thursday, "
        "killing two gunmen in an exchange of fire."
    )
    assert (report.event_type, report.sub_event_type) == ("Battles", "Armed clash")


def test_where_a_monitor_is_based_is_no_event_place() -> None:
    report = _one(
        "Headquartered in Paris, the monitor said an air strike hit the town of Binnish, killing three."
    )
    assert "Paris" not in _places(report)


def test_the_same_toll_told_twice_is_one_event() -> None:
    report = _one(
        "A drone hit a rebel camp near the town of Kafr Nabl on Sunday, killing six fighters. "
        "The group said the attack on its Falcon Academy killed six of its men."
    )
    assert report.fatalities == 6


def test_a_breakdown_does_not_hide_the_toll() -> None:
    report = _one(
        "Air strikes hit the town of Kafr Nabl on Sunday: 13 fighters, nine of them foreigners, died."
    )
    assert report.fatalities == 13


def test_a_coordinated_clause_with_its_own_toll_is_its_own_event() -> None:
    reports = _violent(
        "Clashes in the village of Tal Abyad killed three soldiers on Monday, and one civilian was "
        "killed by army shelling."
    )
    kinds = {r.sub_event_type for r in reports}
    assert kinds == {"Armed clash", "Shelling/artillery/missile attack"}, reports
    shelling = next(r for r in reports if r.event_type == "Explosions/Remote violence")
    assert shelling.fatalities == 1 and "Tal Abyad" in _places(shelling)


def test_the_headline_picks_the_attacker_the_text_names() -> None:
    text = (
        "A drone struck a car near the town of Amuda on Monday, killing two fighters. "
        "Turkey has not commented."
    )
    [report] = _violent(text, title="Turkish drone strike kills two fighters near Amuda")
    assert report.actor1 == "Military Forces of Turkey"
    [span] = report.evidence["actor1"]
    assert text[span.start : span.end] == "Turkey"
    [untitled] = _violent(text)
    assert untitled.actor1 != "Military Forces of Turkey"


def test_a_quoted_post_founds_no_event() -> None:
    reports = _violent(
        "A car bomb exploded in the town of Azaz on Friday, killing five people. "
        "#BREAKING: #Turkey-backed militants carried out today's bombing in #Azaz."
    )
    assert len(reports) == 1 and reports[0].actor1 != "Military Forces of Turkey"


def test_a_stray_bullet_killing_a_girl_is_violence_against_civilians() -> None:
    report = _one(
        "A stray bullet struck and killed a girl on Saturday in the town of Mayadin, an area held by "
        "government forces."
    )
    assert (report.event_type, report.sub_event_type) == ("Violence against civilians", "Attack")
    assert report.fatalities == 1


def test_a_month_glued_to_its_day_is_a_date() -> None:
    report = _one("On May.9, an air strike near the town of Binnish killed four people.")
    assert report.event_date == dt.date(2024, 5, 9)


_FRAGMENTS = [
    "Militants shelled the town of Kalaa",
    "after 12 fighters were killed in air strikes",
    "in retaliation for an ambush",
    ", and one civilian was killed by shelling",
    "following the attack",
    "on Monday",
    "; drones hit a base",
    "after midnight",
]


@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=6), st.integers(0, 40))
def test_clauses_are_exact_slices_of_the_article(parts: list[str], offset: int) -> None:
    body = " ".join(parts) + "."
    text = "x" * offset + " " + body
    sentence = Sentence(3, offset + 1, offset + 1 + len(body), body)
    for clause in split_clauses(sentence):
        assert clause.index == 3
        assert text[clause.start : clause.end] == clause.text
        assert sentence.start <= clause.start < clause.end <= sentence.end


def test_two_towns_with_the_same_toll_stay_two_events() -> None:
    reports = _violent(
        "Army shelling hit the town of Ariha on Monday, killing three civilians. "
        "Army shelling also hit the town of Sarmin on Monday, killing three civilians."
    )
    assert len(reports) == 2, reports


def test_a_hedged_attribution_joins_the_event_of_that_attacker() -> None:
    reports = _violent(
        "Houthi fighters launched drones at a base near the town of Marib after 12 fighters were "
        "killed in Saudi air strikes on the town of Saada. Monitors said Saudi jets may be behind the attack."
    )
    strikes = next(r for r in reports if "Saada" in _places(r))
    assert strikes.actor1 == "Military Forces of Saudi Arabia"
    assert strikes.actor1_hedge == "may be behind"
