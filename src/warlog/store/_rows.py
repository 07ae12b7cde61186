"""Flat rows for exports and the API: one dict per report, event or claim, streamed.

Event rows use ACLED's public column names where a column means the same thing (so an
analyst's ACLED scripts read them), then warlog's extras: the toll range, the sources and
the history of what each source said.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from warlog.models import Article, Event, Report, Span
from warlog.store._codec import place_columns, report_place_name

if TYPE_CHECKING:
    from warlog.store._base import Store

__all__ = ["DISORDER_TYPES", "claim_rows", "event_notes", "event_rows", "evidence_sentence", "report_rows"]

# ACLED's disorder_type: which of its three families an event type belongs to.
DISORDER_TYPES = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_PAGE = 200
_SPACE = re.compile(r"\s+")


def _evidence_list(report: Report) -> list[dict[str, Any]]:
    return [
        {"field": field, "sentence_index": s.sentence_index, "start": s.start, "end": s.end, "text": s.text}
        for field, spans in report.evidence.items()
        for s in spans
    ]


def report_rows(store: Store) -> Iterator[dict[str, Any]]:
    """One row per report in report_id order, with its evidence spans and its article's outlet."""
    select = (
        "SELECT r.report_id, r.event_id, r.record, a.outlet, a.url, a.published "
        "FROM reports r JOIN articles a ON a.article_id = r.article_id"
    )
    for row in store._paged(select, "r.report_id"):
        report = Report.model_validate_json(row["record"])
        place = report.place
        yield {
            "report_id": report.report_id,
            "event_id": row["event_id"],
            "article_id": report.article_id,
            "event_date": _iso(report.event_date),
            "date_earliest": _iso(report.date_earliest),
            "date_latest": _iso(report.date_latest),
            "time_precision": report.time_precision,
            "event_type": report.event_type,
            "sub_event_type": report.sub_event_type,
            "actor1": report.actor1,
            "actor1_type": report.actor1_type,
            "actor1_hedge": report.actor1_hedge,
            "actor2": report.actor2,
            "actor2_type": report.actor2_type,
            "place_name": report_place_name(report),
            **place_columns(place),
            "fatalities": report.fatalities,
            "fatalities_high": report.fatalities_high,
            "wounded": report.wounded,
            "weapons": list(report.weapons),
            "source": report.source,
            "outlet": row["outlet"],
            "url": row["url"],
            "published": row["published"],
            "extractor": report.extractor,
            "notes": report.notes,
            "evidence": _evidence_list(report),
        }


def claim_rows(store: Store) -> Iterator[dict[str, Any]]:
    """One row per aggregate claim, with the sentence span it was read from."""
    select = (
        "SELECT c.*, a.outlet, a.url, a.published "
        "FROM claims c JOIN articles a ON a.article_id = c.article_id"
    )
    for row in store._paged(select, "c.claim_id"):
        yield {
            "claim_id": row["claim_id"],
            "article_id": row["article_id"],
            "value": row["value"],
            "qualifier": row["qualifier"],
            "what": row["what"],
            "category": row["category"],
            "since": row["since"],
            "until": row["until"],
            "source": row["source"],
            "parts": json.loads(row["parts"]),
            "outlet": row["outlet"],
            "url": row["url"],
            "published": row["published"],
            "evidence": [
                {
                    "field": "claim",
                    "sentence_index": row["sentence_index"],
                    "start": row["char_start"],
                    "end": row["char_end"],
                    "text": row["quote"],
                }
            ],
        }


def event_rows(store: Store) -> Iterator[dict[str, Any]]:
    """One row per event in event_id order: ACLED columns, then ranges, sources and history."""
    page: list[Event] = []
    for event in store.iter_events():
        page.append(event)
        if len(page) == _PAGE:
            yield from _event_page(store, page)
            page = []
    yield from _event_page(store, page)


def _event_page(store: Store, events: Sequence[Event]) -> Iterator[dict[str, Any]]:
    leads = {e.event_id: e.report_ids[0] for e in events if e.report_ids}
    reports = _reports_by_id(store, list(leads.values()))
    articles = store.articles({r.article_id for r in reports.values()})
    for event in events:
        lead = reports.get(leads.get(event.event_id, ""))
        sentence = None
        if lead is not None and lead.article_id in articles:
            sentence = evidence_sentence(articles[lead.article_id], _lead_span(lead))
        yield _event_row(event, event_notes(event, sentence))


def _reports_by_id(store: Store, report_ids: list[str]) -> dict[str, Report]:
    found: dict[str, Report] = {}
    for start in range(0, len(report_ids), 400):
        chunk = report_ids[start : start + 400]
        rows, _ = store._execute(
            "SELECT report_id, event_id, record FROM reports "
            f"WHERE report_id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        for row in rows:
            report = Report.model_validate_json(row["record"])
            report.event_id = row["event_id"]
            found[report.report_id] = report
    return found


def _lead_span(report: Report) -> Span | None:
    for field in ("event", "fatalities", "place", "date", "actor1"):
        if report.evidence.get(field):
            return report.evidence[field][0]
    return next((spans[0] for spans in report.evidence.values() if spans), None)


def evidence_sentence(article: Article, span: Span | None) -> str | None:
    """The whole sentence around a span, on one line (the span alone is often a few words)."""
    if span is None:
        return None
    from warlog.extract.sentences import split_sentences  # an earlier stage's splitter, same offsets

    for sentence in split_sentences(article.text):
        if sentence.start <= span.start < max(sentence.end, sentence.start + 1):
            return _SPACE.sub(" ", sentence.text).strip()
    return _SPACE.sub(" ", span.text).strip() or None


def event_notes(event: Event, sentence: str | None) -> str:
    """ACLED-style one-line note: what, who, where, when, toll; then the evidence sentence."""
    place = event.place
    where = (
        ", ".join(p for p in (place.location or place.name, place.admin1, place.country) if p)
        if place
        else ""
    )
    who = event.actor1 or "Unidentified actor"
    against = f" against {event.actor2}" if event.actor2 else ""
    when = f"On {event.event_date.isoformat()}, " if event.event_date else ""
    toll = _toll_text(event)
    summary = f"{when}{who}: {event.sub_event_type.lower()}{against}{f' in {where}' if where else ''}.{toll}"
    if event.n_independent_sources or event.sources:
        summary += f" Sources: {max(event.n_independent_sources, 1)} independent of {len(event.sources)}."
    if sentence:
        summary += f' Evidence: "{sentence}"'
    return _SPACE.sub(" ", summary).strip()


def _toll_text(event: Event) -> str:
    best, low, high = event.fatalities_best, event.fatalities_low, event.fatalities_high
    if best is None:
        return ""
    if low is not None and high is not None and low != high:
        return f" Fatalities: {best} (reported {low}-{high})."
    return f" Fatalities: {best}."


def _event_row(event: Event, notes: str) -> dict[str, Any]:
    place = event.place
    return {
        "event_id_cnty": event.event_id,
        "event_date": _iso(event.event_date),
        "year": event.event_date.year if event.event_date else None,
        "time_precision": event.time_precision,
        "disorder_type": DISORDER_TYPES.get(event.event_type),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        **place_columns(place),
        "location": (place.location or place.name) if place else None,
        "source": "; ".join(dict.fromkeys(s.outlet for s in event.sources if s.outlet)),
        "notes": notes,
        "fatalities": event.fatalities_best,
        "event_id": event.event_id,
        "fatalities_low": event.fatalities_low,
        "fatalities_best": event.fatalities_best,
        "fatalities_high": event.fatalities_high,
        "n_reports": len(event.report_ids),
        "n_sources": event.n_independent_sources,
        "date_earliest": _iso(event.date_earliest),
        "date_latest": _iso(event.date_latest),
        "first_reported": _iso(event.first_reported),
        "last_reported": _iso(event.last_reported),
        "weapons": list(event.weapons),
        "report_ids": list(event.report_ids),
        "attribution": dict(event.attribution),
        "sources": [s.model_dump(mode="json") for s in event.sources],
        "history": [h.model_dump(mode="json") for h in event.history],
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
