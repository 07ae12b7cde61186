"""Export reports, events or claims as CSV, GeoJSON or JSON, streamed row by row.

Event CSV columns carry ACLED's public names where they mean the same thing, so tools
written for ACLED files read ours; warlog's extras (toll range, sources, history) follow.
Nothing is held in memory beyond one page of rows, whatever the size of the store.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterator
from typing import Any, Protocol, TextIO

__all__ = ["CLAIM_CSV_COLUMNS", "EVENT_CSV_COLUMNS", "FORMATS", "REPORT_CSV_COLUMNS", "WHATS", "export"]

log = logging.getLogger(__name__)

WHATS: tuple[str, ...] = ("events", "reports", "claims")
FORMATS: tuple[str, ...] = ("json", "csv", "geojson")

EVENT_CSV_COLUMNS = (
    # ACLED's names, ACLED's order
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "actor2", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities",
    # warlog's extras
    "fatalities_low", "fatalities_high", "n_sources", "n_reports", "date_earliest", "date_latest", "weapons",
    "sources", "history",
)  # fmt: skip
REPORT_CSV_COLUMNS = (
    "report_id", "event_id", "article_id", "event_date", "date_earliest", "date_latest", "time_precision",
    "event_type", "sub_event_type", "actor1", "actor1_type", "actor1_hedge", "actor2", "actor2_type",
    "place_name", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "fatalities", "fatalities_high", "wounded", "weapons", "source", "outlet", "url", "published",
    "extractor", "notes", "evidence",
)  # fmt: skip
CLAIM_CSV_COLUMNS = (
    "claim_id", "article_id", "value", "qualifier", "what", "category", "since", "until", "source", "parts",
    "outlet", "url", "published", "evidence",
)  # fmt: skip
_CSV_COLUMNS = {"events": EVENT_CSV_COLUMNS, "reports": REPORT_CSV_COLUMNS, "claims": CLAIM_CSV_COLUMNS}


class RowSource(Protocol):
    """What export needs of a store: its flat row generators."""

    def report_rows(self) -> Iterator[dict[str, Any]]: ...
    def event_rows(self) -> Iterator[dict[str, Any]]: ...
    def claim_rows(self) -> Iterator[dict[str, Any]]: ...


def _rows(store: RowSource, what: str) -> Iterator[dict[str, Any]]:
    if what == "events":
        return store.event_rows()
    if what == "reports":
        return store.report_rows()
    return store.claim_rows()


def export(store: RowSource, what: str, fmt: str, out: TextIO) -> int:
    """Write every row of ``what`` to ``out`` in ``fmt``; return how many rows (or features) went out."""
    if what not in WHATS:
        raise ValueError(f"export: cannot export {what!r} (want one of {', '.join(WHATS)})")
    if fmt not in FORMATS:
        raise ValueError(f"export: unknown format {fmt!r} (want one of {', '.join(FORMATS)})")
    if fmt == "geojson" and what == "claims":
        raise ValueError("export: claims have no coordinates; export them as json or csv")
    rows = _rows(store, what)
    if fmt == "csv":
        count = _write_csv(rows, _CSV_COLUMNS[what], out)
    elif fmt == "geojson":
        count = _write_geojson(rows, out)
    else:
        count = _write_json(rows, out)
    log.info("exported %d %s as %s", count, what, fmt)
    return count


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _write_json(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    count = 0
    out.write("[")
    for row in rows:
        out.write(",\n" if count else "\n")
        out.write(_json(row))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def _csv_cell(column: str, value: Any) -> Any:
    """Lists become '; '-joined text (sources: their URLs); nested records become JSON."""
    if value is None:
        return ""
    if column == "sources" and isinstance(value, list):
        return "; ".join(s.get("url") or s.get("article_id", "") for s in value if isinstance(s, dict))
    if column == "weapons" and isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, list | dict):
        return _json(value)
    return value


def _write_csv(rows: Iterator[dict[str, Any]], columns: tuple[str, ...], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([_csv_cell(c, row.get(c)) for c in columns])
        count += 1
    return count


def _write_geojson(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    """A FeatureCollection of Points; rows without coordinates are left out (and counted in the log)."""
    count = skipped = 0
    out.write('{"type":"FeatureCollection","features":[')
    for row in rows:
        lat, lon = row.get("latitude"), row.get("longitude")
        if lat is None or lon is None:
            skipped += 1
            continue
        feature = {
            "type": "Feature",
            "id": row.get("event_id") or row.get("report_id"),
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": row,
        }
        out.write(",\n" if count else "\n")
        out.write(_json(feature))
        count += 1
    out.write("\n]}\n" if count else "]}\n")
    if skipped:
        log.info("geojson: %d rows without coordinates left out", skipped)
    return count
