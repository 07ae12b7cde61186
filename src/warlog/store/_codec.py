"""Models to table rows and back, the same for every backend.

Rows are plain dicts keyed by column name; dates are ISO text and lists are JSON text, so one
set of SQL statements serves SQLite and PostgreSQL. Reports and events also keep their full
record as JSON: the columns are for querying, the record is what reads return.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from typing import Any

from warlog.errors import StoreError
from warlog.models import Article, Claim, ClaimPart, Event, Extraction, Place, Report, Span, TollRecord

__all__ = [
    "ARTICLE_COLUMNS",
    "CLAIM_COLUMNS",
    "EVENT_COLUMNS",
    "EVIDENCE_COLUMNS",
    "HISTORY_COLUMNS",
    "REPORT_COLUMNS",
    "article_from_row",
    "article_row",
    "check_extraction",
    "check_spans",
    "claim_from_row",
    "claim_row",
    "event_from_row",
    "event_row",
    "evidence_rows",
    "history_rows",
    "report_from_row",
    "report_row",
]

ARTICLE_COLUMNS = (
    "article_id", "content_hash", "outlet", "url", "published", "published_source", "title", "text",
    "source_path", "flags", "ingested_at",
)  # fmt: skip
REPORT_COLUMNS = (
    "report_id", "article_id", "event_id", "event_type", "sub_event_type", "actor1", "actor1_type",
    "actor1_hedge", "actor2", "actor2_type", "place_name", "country", "admin1", "admin2", "location",
    "latitude", "longitude", "geo_precision", "geo_radius_km", "event_date", "date_earliest", "date_latest",
    "time_precision", "fatalities", "fatalities_high", "wounded", "weapons", "source", "notes", "extractor",
    "record",
)  # fmt: skip
EVIDENCE_COLUMNS = ("report_id", "field", "article_id", "sentence_index", "char_start", "char_end", "quote")
CLAIM_COLUMNS = (
    "claim_id", "article_id", "value", "qualifier", "what", "category", "since", "until", "source", "parts",
    "sentence_index", "char_start", "char_end", "quote",
)  # fmt: skip
EVENT_COLUMNS = (
    "event_id", "event_type", "sub_event_type", "event_date", "date_earliest", "date_latest",
    "time_precision", "actor1", "actor2", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision",
    "fatalities_low", "fatalities_best", "fatalities_high", "weapons", "n_reports", "n_independent_sources",
    "attribution", "first_reported", "last_reported", "block_key", "updated_at", "record",
)  # fmt: skip
HISTORY_COLUMNS = (
    "event_id", "report_id", "article_id", "outlet", "published", "fatalities", "fatalities_high", "actor1",
    "actor1_hedge", "position",
)  # fmt: skip


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def article_row(article: Article) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "content_hash": article.content_hash,
        "outlet": article.outlet,
        "url": article.url,
        "published": _iso(article.published),
        "published_source": article.published_source,
        "title": article.title,
        "text": article.text,
        "source_path": article.source_path,
        "flags": _json(article.flags),
        "ingested_at": now_iso(),
    }


PLACE_COLUMNS = ("country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision")


def place_columns(place: Place | None) -> dict[str, Any]:
    """The flat place columns that reports, events and their exports share."""
    return {column: getattr(place, column) if place else None for column in PLACE_COLUMNS}


def report_place_name(report: Report) -> str | None:
    """The place as written: the resolved one's, else the extractor's best mention."""
    if report.place is not None:
        return report.place.name
    return report.place_mentions[0].name if report.place_mentions else None


def article_from_row(row: Mapping[str, Any]) -> Article:
    return Article(
        id=row["article_id"],
        outlet=row["outlet"],
        url=row["url"],
        published=_day(row["published"]),
        published_source=row["published_source"],
        title=row["title"],
        text=row["text"],
        content_hash=row["content_hash"],
        source_path=row["source_path"],
        flags=json.loads(row["flags"]),
    )


def report_row(report: Report) -> dict[str, Any]:
    """The event_id column starts empty: linking assigns it inside the same transaction."""
    place = report.place
    return {
        "report_id": report.report_id,
        "article_id": report.article_id,
        "event_id": None,
        "event_type": report.event_type,
        "sub_event_type": report.sub_event_type,
        "actor1": report.actor1,
        "actor1_type": report.actor1_type,
        "actor1_hedge": report.actor1_hedge,
        "actor2": report.actor2,
        "actor2_type": report.actor2_type,
        "place_name": report_place_name(report),
        **place_columns(place),
        "geo_radius_km": place.radius_km if place else None,
        "event_date": _iso(report.event_date),
        "date_earliest": _iso(report.date_earliest),
        "date_latest": _iso(report.date_latest),
        "time_precision": report.time_precision,
        "fatalities": report.fatalities,
        "fatalities_high": report.fatalities_high,
        "wounded": report.wounded,
        "weapons": _json(report.weapons),
        "source": report.source,
        "notes": report.notes,
        "extractor": report.extractor,
        "record": report.model_copy(update={"event_id": None}).model_dump_json(),
    }


def report_from_row(row: Mapping[str, Any]) -> Report:
    """The record, with the event the store linked it to."""
    report = Report.model_validate_json(row["record"])
    report.event_id = row["event_id"]
    return report


def evidence_rows(report: Report) -> Iterator[dict[str, Any]]:
    for field, spans in report.evidence.items():
        for span in spans:
            yield {
                "report_id": report.report_id,
                "field": field,
                "article_id": span.article_id,
                "sentence_index": span.sentence_index,
                "char_start": span.start,
                "char_end": span.end,
                "quote": span.text,
            }


def claim_row(claim: Claim) -> dict[str, Any]:
    return {
        "claim_id": claim.claim_id,
        "article_id": claim.article_id,
        "value": claim.value,
        "qualifier": claim.qualifier,
        "what": claim.what,
        "category": claim.category,
        "since": _iso(claim.since),
        "until": _iso(claim.until),
        "source": claim.source,
        "parts": _json([part.model_dump() for part in claim.parts]),
        "sentence_index": claim.span.sentence_index,
        "char_start": claim.span.start,
        "char_end": claim.span.end,
        "quote": claim.span.text,
    }


def claim_from_row(row: Mapping[str, Any]) -> Claim:
    return Claim(
        claim_id=row["claim_id"],
        article_id=row["article_id"],
        value=row["value"],
        qualifier=row["qualifier"],
        what=row["what"],
        category=row["category"],
        since=_day(row["since"]),
        until=_day(row["until"]),
        source=row["source"],
        parts=[ClaimPart(**part) for part in json.loads(row["parts"])],
        span=Span(
            article_id=row["article_id"],
            sentence_index=row["sentence_index"],
            start=row["char_start"],
            end=row["char_end"],
            text=row["quote"],
        ),
    )


def event_row(event: Event, block_key: str) -> dict[str, Any]:
    place = event.place
    return {
        "event_id": event.event_id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "event_date": _iso(event.event_date),
        "date_earliest": _iso(event.date_earliest),
        "date_latest": _iso(event.date_latest),
        "time_precision": event.time_precision,
        "actor1": event.actor1,
        "actor2": event.actor2,
        **place_columns(place),
        "fatalities_low": event.fatalities_low,
        "fatalities_best": event.fatalities_best,
        "fatalities_high": event.fatalities_high,
        "weapons": _json(event.weapons),
        "n_reports": len(event.report_ids),
        "n_independent_sources": event.n_independent_sources,
        "attribution": _json(event.attribution),
        "first_reported": _iso(event.first_reported),
        "last_reported": _iso(event.last_reported),
        "block_key": block_key,
        "updated_at": now_iso(),
        "record": event.model_dump_json(),
    }


def event_from_row(row: Mapping[str, Any], linked_report_ids: list[str]) -> Event:
    """The record; reports the store assigned to it but the record misses are appended."""
    event = Event.model_validate_json(row["record"])
    known = set(event.report_ids)
    event.report_ids.extend(rid for rid in linked_report_ids if rid not in known)
    return event


def history_rows(event: Event) -> Iterator[dict[str, Any]]:
    for position, toll in enumerate(event.history):
        yield {
            "event_id": event.event_id,
            "report_id": toll.report_id,
            "article_id": toll.article_id,
            "outlet": toll.outlet,
            "published": _iso(toll.published),
            "fatalities": toll.fatalities,
            "fatalities_high": toll.fatalities_high,
            "actor1": toll.actor1,
            "actor1_hedge": toll.actor1_hedge,
            "position": position,
        }


def toll_from_row(row: Mapping[str, Any]) -> TollRecord:
    return TollRecord(
        report_id=row["report_id"],
        article_id=row["article_id"],
        outlet=row["outlet"],
        published=_day(row["published"]),
        fatalities=row["fatalities"],
        fatalities_high=row["fatalities_high"],
        actor1=row["actor1"],
        actor1_hedge=row["actor1_hedge"],
    )


def check_spans(article: Article, spans: Iterator[tuple[str, Span]]) -> None:
    """Provenance is the store's guarantee: a span must quote the article it names, exactly."""
    for owner, span in spans:
        if span.article_id != article.id:
            raise StoreError(f"article {article.id}: {owner} has a span of article {span.article_id!r}")
        if span.end < span.start or article.text[span.start : span.end] != span.text:
            raise StoreError(
                f"article {article.id}: {owner} span {span.start}:{span.end} does not quote the text "
                f"(want {span.text!r})"
            )


def check_extraction(article: Article, extraction: Extraction) -> None:
    """Refuse, before any write, an extraction that would break provenance."""
    if extraction.article_id != article.id:
        raise StoreError(f"article {article.id}: extraction is for article {extraction.article_id!r}")
    spans: list[tuple[str, Span]] = []
    for report in extraction.reports:
        if report.article_id != article.id:
            raise StoreError(
                f"article {article.id}: report {report.report_id} names article {report.article_id!r}"
            )
        spans.extend(
            (f"report {report.report_id} {name}", s) for name, group in report.evidence.items() for s in group
        )
        spans.extend((f"report {report.report_id} place mention", m.span) for m in report.place_mentions)
    for claim in extraction.claims:
        if claim.article_id != article.id:
            raise StoreError(
                f"article {article.id}: claim {claim.claim_id} names article {claim.article_id!r}"
            )
        spans.append((f"claim {claim.claim_id}", claim.span))
    check_spans(article, iter(spans))
