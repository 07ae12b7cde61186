"""The read paths of the HTTP API as plain dicts: event pages, event and article detail, claims, stats.

Shared SQL for both backends, run through ``Store._read`` (read-only pooled connections on
SQLite). Pages use keyset pagination: a page costs the same however deep it is, and new
events never shift the pages already read.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from warlog.store._filters import EventQuery, Where, events_columns

if TYPE_CHECKING:
    from warlog.store._base import Store

__all__ = ["EVENT_COLUMNS", "article_detail", "event_detail", "list_claims", "list_events", "read_stats"]

EVENT_COLUMNS = (
    "event_id", "event_date", "date_earliest", "date_latest", "time_precision", "event_type",
    "sub_event_type", "actor1", "actor2", "country", "admin1", "admin2", "location", "latitude",
    "longitude", "geo_precision", "fatalities_low", "fatalities_best", "fatalities_high",
    "n_reports", "n_independent_sources", "first_reported", "last_reported",
)  # fmt: skip
_EVENT_SELECT = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)

Key = tuple[str | None, str]


def _json(value: str | None, default: Any) -> Any:
    if not value:
        return default
    try:
        return json.loads(value)
    except ValueError:
        return default


def list_events(
    store: Store, query: EventQuery, limit: int = 100, after: Key | None = None
) -> tuple[list[dict[str, Any]], Key | None]:
    """One page of events, newest first in (event_date, event_id) order, undated last.

    ``after`` is the (event_date, event_id) the previous page ended on; returns the page and
    the key to continue from (None on the last page).
    """
    where = Where(store.backend, events_columns("e")).build(query)
    cond, params = where.sql(), where.params
    rows: list[dict[str, Any]] = []
    if after is None or after[0] is not None:
        keyset = "" if after is None else " AND (e.event_date, e.event_id) < (?, ?)"
        rows, _ = store._read(
            f"SELECT {_EVENT_SELECT} FROM events e WHERE e.event_date IS NOT NULL AND {cond}{keyset}"
            f" ORDER BY e.event_date DESC, e.event_id{store._collate} DESC LIMIT ?",
            [*params, *(after or ()), limit + 1],
        )
    if len(rows) <= limit:
        keyset = "" if after is None or after[0] is not None else f" AND e.event_id{store._collate} < ?"
        more, _ = store._read(
            f"SELECT {_EVENT_SELECT} FROM events e WHERE e.event_date IS NULL AND {cond}{keyset}"
            f" ORDER BY e.event_id{store._collate} DESC LIMIT ?",
            [*params, *([after[1]] if keyset and after else []), limit + 1 - len(rows)],
        )
        rows += more
    page = rows[:limit]
    last = (page[-1]["event_date"], page[-1]["event_id"]) if len(rows) > limit and page else None
    return page, last


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """An event with every report, source article, evidence span and toll revision.

    ``event_id`` may be any id the event ever had; the detail carries its current id and the
    earlier ones (``aliases``).
    """
    aliases, _ = store._read(
        "SELECT alias_id, event_id FROM event_aliases WHERE event_id = "
        "coalesce((SELECT al.event_id FROM event_aliases al WHERE al.alias_id = ?), ?) ORDER BY alias_id",
        (event_id, event_id),
    )
    if aliases:
        event_id = aliases[0]["event_id"]
    found, _ = store._read(
        f"SELECT {_EVENT_SELECT}, e.weapons, e.attribution FROM events e WHERE e.event_id = ?", (event_id,)
    )
    if not found:
        return None
    row = found[0]
    event = {c: row[c] for c in EVENT_COLUMNS}
    event["aliases"] = [a["alias_id"] for a in aliases]
    event["weapons"] = _json(row["weapons"], [])
    event["attribution"] = _json(row["attribution"], {})
    event["toll"] = {
        "low": row["fatalities_low"],
        "best": row["fatalities_best"],
        "high": row["fatalities_high"],
    }
    spans, _ = store._read(
        "SELECT ev.report_id, ev.field, ev.article_id, ev.sentence_index, ev.char_start, ev.char_end,"
        " ev.quote"
        " FROM evidence ev JOIN reports r ON r.report_id = ev.report_id WHERE r.event_id = ?"
        f" ORDER BY ev.report_id{store._collate}, ev.char_start",
        (event_id,),
    )
    evidence: dict[str, list[dict[str, Any]]] = {}
    for ev in spans:
        evidence.setdefault(ev["report_id"], []).append(
            {"field": ev["field"], "article_id": ev["article_id"], "sentence_index": ev["sentence_index"],
             "start": ev["char_start"], "end": ev["char_end"], "text": ev["quote"]}
        )  # fmt: skip
    report_rows, _ = store._read(
        "SELECT r.report_id, r.article_id, r.event_type, r.sub_event_type, r.actor1, r.actor1_type,"
        " r.actor1_hedge, r.actor2, r.actor2_type, r.place_name, r.location, r.admin1, r.country,"
        " r.event_date, r.fatalities, r.fatalities_high, r.wounded, r.weapons, r.source, r.notes,"
        " r.extractor, a.outlet, a.url, a.published, a.title"
        " FROM reports r JOIN articles a ON a.article_id = r.article_id WHERE r.event_id = ?"
        f" ORDER BY a.published, r.report_id{store._collate}",
        (event_id,),
    )
    reports = []
    for r in report_rows:
        report = dict(r)
        report["weapons"] = _json(r["weapons"], [])
        report["evidence"] = evidence.get(r["report_id"], [])
        reports.append(report)
    event["reports"] = reports
    sources: dict[str, dict[str, Any]] = {}
    for report in reports:
        sources.setdefault(
            report["article_id"],
            {k: report[k] for k in ("article_id", "outlet", "url", "published", "title")},
        )
    event["sources"] = list(sources.values())
    history, _ = store._read(
        "SELECT report_id, article_id, outlet, published, fatalities, fatalities_high, actor1, actor1_hedge"
        " FROM event_history WHERE event_id = ? ORDER BY position",
        (event_id,),
    )
    event["history"] = history
    return event


def article_detail(store: Store, article_id: str) -> dict[str, Any] | None:
    """The source text and where it came from, with the reports and claims read from it."""
    found, _ = store._read(
        "SELECT article_id, outlet, url, published, published_source, title, text, flags, ingested_at"
        " FROM articles WHERE article_id = ?",
        (article_id,),
    )
    if not found:
        return None
    article = dict(found[0])
    article["flags"] = _json(article["flags"], [])
    article["reports"], _ = store._read(
        "SELECT report_id, event_id, event_type, sub_event_type FROM reports WHERE article_id = ?"
        f" ORDER BY report_id{store._collate}",
        (article_id,),
    )
    claims, _ = store._read(
        "SELECT claim_id, value, what, char_start, char_end FROM claims WHERE article_id = ?"
        f" ORDER BY claim_id{store._collate}",
        (article_id,),
    )
    article["claims"] = [
        {"claim_id": c["claim_id"], "value": c["value"], "what": c["what"], "start": c["char_start"],
         "end": c["char_end"]}
        for c in claims
    ]  # fmt: skip
    return article


def list_claims(
    store: Store,
    *,
    article_id: str | None = None,
    category: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
    after: str | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """Aggregate claims ("67 attacks since ..."), by claim id, with their quoted sentence.

    ``since``/``until`` are ISO days: a claim is kept when its window (else the article's
    publication day) overlaps them. Returns the page and the claim id to continue after.
    """
    clauses, params = ["1 = 1"], list[Any]()
    for column, op, value in (
        ("c.article_id", "=", article_id),
        ("c.category", "=", category),
        ("coalesce(c.until, a.published)", ">=", since),
        ("coalesce(c.since, a.published)", "<=", until),
        (f"c.claim_id{store._collate}", ">", after),
    ):
        if value:
            clauses.append(f"{column} {op} ?")
            params.append(value)
    rows, _ = store._read(
        "SELECT c.claim_id, c.article_id, c.value, c.qualifier, c.what, c.category, c.since, c.until,"
        " c.source, c.parts, c.sentence_index, c.char_start, c.char_end, c.quote, a.outlet, a.published"
        f" FROM claims c JOIN articles a ON a.article_id = c.article_id WHERE {' AND '.join(clauses)}"
        f" ORDER BY c.claim_id{store._collate} LIMIT ?",
        [*params, limit + 1],
    )
    claims = []
    for r in rows[:limit]:
        claim = dict(r)
        claim["parts"] = _json(r["parts"], [])
        claims.append(claim)
    return claims, (claims[-1]["claim_id"] if len(rows) > limit and claims else None)


def read_stats(store: Store) -> dict[str, Any]:
    """Table sizes, the date span, and the known types and places (from the tally tables: small)."""
    counts = store.counts()
    span, _ = store._read("SELECT min(day) AS first, max(day) AS last FROM tally_day WHERE day <> ''")
    ingested, _ = store._read("SELECT max(ingested_at) AS last FROM articles")
    pairs, _ = store._read(
        "SELECT DISTINCT event_type, sub_event_type, country, admin1 FROM tally_type_place"
    )
    types = sorted({(r["event_type"], r["sub_event_type"]) for r in pairs})
    places = sorted({(r["country"] or None, r["admin1"] or None) for r in pairs if r["country"]},
                    key=lambda p: (p[0] or "", p[1] is None, p[1] or ""))  # fmt: skip
    return {
        "counts": counts,
        "first_event_date": span[0]["first"] if span else None,
        "last_event_date": span[0]["last"] if span else None,
        "last_ingested_at": ingested[0]["last"] if ingested else None,
        "types": [{"event_type": a, "sub_event_type": b} for a, b in types],
        "places": [{"country": a, "admin1": b} for a, b in places],
    }
