"""When the text names no country, actors take the country the event's places lie in."""

from __future__ import annotations

import datetime as dt
import hashlib

from warlog.extract import extract
from warlog.models import VIOLENT_EVENT_TYPES, Article, Report
from warlog.settings import Settings


def _violent(text: str) -> list[Report]:
    article = Article(
        id="ac",
        text=text,
        published=dt.date(2024, 6, 4),
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )
    return [r for r in extract(article, Settings()).reports if r.event_type in VIOLENT_EVENT_TYPES]


def test_government_forces_take_the_country_of_the_province() -> None:
    [report] = _violent(
        "Government forces shelled the town of Saraqib in the eastern Idlib countryside on Monday, "
        "killing two civilians, rescuers said."
    )
    assert report.actor1 == "Military Forces of Syria"
    assert report.actor2 == "Civilians (Syria)"


def test_a_name_found_in_several_countries_adds_no_country() -> None:
    [report] = _violent("Gunmen shot dead a shopkeeper in Riverton on Monday, police said.")
    assert report.actor1 == "Unidentified Armed Group"  # Riverton is in three countries
