"""The records that flow between warlog's stages.

Every stage takes and returns these, so their names and fields are the
contract between modules: ingest makes ``Article``; extract makes ``Report``
and ``Claim`` (each field with the ``Span`` it came from); geocode fills a
report's ``Place``; link groups reports into ``Event``; store keeps them all.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "VIOLENT_EVENT_TYPES",
    "Article",
    "Claim",
    "ClaimPart",
    "Event",
    "EventSource",
    "Extraction",
    "Place",
    "PlaceMention",
    "Report",
    "Span",
    "TollRecord",
]

VIOLENT_EVENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)

TimePrecision = Literal[1, 2, 3]
"""ACLED: 1 the day is known, 2 the week (or a range of a few days), 3 only the month."""

GeoPrecision = Literal[1, 2, 3]
"""ACLED: 1 the town itself, 2 near a town or a district, 3 only the province."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(_Record):
    """Where a value was read: the article, the sentence and the exact characters."""

    article_id: str
    sentence_index: int = Field(ge=0)
    start: int = Field(ge=0, description="character offset in the article's clean text")
    end: int = Field(ge=0)
    text: str = Field(description="the quoted characters, text[start:end]")


class Article(_Record):
    """One news article as ingested: clean text plus where it came from."""

    id: str
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_source: Literal["record", "html", "text", "unknown"] = "unknown"
    title: str | None = None
    text: str
    content_hash: str
    source_path: str | None = None
    flags: list[str] = Field(default_factory=list, description="e.g. 'no-publication-date'")


class PlaceMention(_Record):
    """A place as written in the report, before geocoding."""

    name: str
    span: Span
    role: Literal["site", "area", "country", "relative"] = "site"
    relation: str | None = Field(
        default=None, description="'countryside', 'eastern', '30 km east of', ... as written"
    )


class Place(_Record):
    """A resolved place in ACLED's terms."""

    name: str = Field(description="the place as written")
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = Field(default=None, description="canonical name of the resolved place")
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: GeoPrecision | None = None
    radius_km: float | None = None
    gazetteer_id: str | None = None
    kind: str | None = Field(default=None, description="populated place, military base, ...")
    why: str | None = Field(default=None, description="one line: how the resolver chose it")


class Report(_Record):
    """One article's account of one event, every field with its evidence."""

    report_id: str
    article_id: str
    event_id: str | None = None
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor1_type: str | None = None
    actor1_hedge: str | None = Field(
        default=None, description="hedge as written: 'likely', 'attributed to', 'suspected'"
    )
    actor2: str | None = None
    actor2_type: str | None = None
    place_mentions: list[PlaceMention] = Field(default_factory=list)
    place: Place | None = None
    event_date: dt.date | None = None
    date_earliest: dt.date | None = None
    date_latest: dt.date | None = None
    time_precision: TimePrecision | None = None
    fatalities: int | None = Field(
        default=None, description="deaths this report gives; None when it gives none"
    )
    fatalities_high: int | None = Field(default=None, description="upper end when the report gives a range")
    wounded: int | None = None
    weapons: list[str] = Field(default_factory=list)
    evidence: dict[str, list[Span]] = Field(
        default_factory=dict,
        description="field name ('event', 'actor1', 'place', 'date', 'fatalities', ...) -> spans",
    )
    source: str | None = Field(default=None, description="who the report cites: 'SOHR', 'SANA', ...")
    notes: str | None = None
    extractor: str = "rules"


class ClaimPart(_Record):
    value: int
    what: str


class Claim(_Record):
    """An aggregate statement ("67 attacks since 19 October"), never an event."""

    claim_id: str
    article_id: str
    value: int
    qualifier: str | None = Field(default=None, description="over / at least / about / nearly / up to")
    what: str
    category: str | None = Field(default=None, description="normalised: attacks, killed, strikes, bases ...")
    since: dt.date | None = None
    until: dt.date | None = None
    source: str | None = None
    parts: list[ClaimPart] = Field(default_factory=list)
    span: Span


class TollRecord(_Record):
    """One source's toll for an event, kept so revisions are history, not overwrites."""

    report_id: str
    article_id: str
    outlet: str | None
    published: dt.date | None
    fatalities: int | None
    fatalities_high: int | None = None
    actor1: str | None = None
    actor1_hedge: str | None = None


class EventSource(_Record):
    article_id: str
    outlet: str | None
    url: str | None
    published: dt.date | None


class Event(_Record):
    """One real-world event: the reports of it, with their disagreements kept."""

    event_id: str
    event_type: str
    sub_event_type: str
    event_date: dt.date | None = None
    date_earliest: dt.date | None = None
    date_latest: dt.date | None = None
    time_precision: TimePrecision | None = None
    actor1: str | None = None
    actor2: str | None = None
    place: Place | None = None
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    weapons: list[str] = Field(default_factory=list)
    report_ids: list[str] = Field(default_factory=list)
    sources: list[EventSource] = Field(default_factory=list)
    n_independent_sources: int = 0
    attribution: dict[str, list[str]] = Field(
        default_factory=dict, description="actor1 candidate -> article ids that name it"
    )
    history: list[TollRecord] = Field(default_factory=list)
    first_reported: dt.date | None = None
    last_reported: dt.date | None = None


class Extraction(_Record):
    """What extract (and then geocode) makes of one article."""

    article_id: str
    reports: list[Report] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
