"""The HTTP API and the dashboard, one FastAPI app over one store (a SQLite file or PostgreSQL).

Reads go through the store's query methods (read-only pooled connections); writes (POST) need
the bearer token and go through the pipeline and `warlog.store`. Without a token the server is
read-only.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from warlog import __version__
from warlog.errors import BadInputError, ConfigError, WarlogError
from warlog.serve.basemap import admin1_geojson
from warlog.serve.cache import ChangeCache
from warlog.serve.feeds import FeedsFile
from warlog.serve.filters import (
    BadQueryError,
    decode_cursor,
    encode_cursor,
    event_query,
    parse_day,
    parse_until,
)
from warlog.serve.security import BodyLimit, SecurityHeaders, check_token
from warlog.serve.streaming import stream_writer
from warlog.serve.writes import ArticleIn, Ingestor
from warlog.settings import Settings
from warlog.store import TALLY_FIELDS, EventQuery, Store, is_postgres_url, open_store

__all__ = ["create_app"]

log = logging.getLogger(__name__)

STATIC = Path(str(resources.files("warlog.serve").joinpath("static")))
MAX_LIMIT = 1000
_MEDIA = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json", "json": "application/json"}


class FeedIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(max_length=4000)
    name: str | None = Field(default=None, max_length=200)
    outlet: str | None = Field(default=None, max_length=200)


def event_filter(
    since: Annotated[str | None, Query(description="first day, YYYY[-MM[-DD]]")] = None,
    until: Annotated[str | None, Query(description="last day (a month or year means all of it)")] = None,
    event_type: Annotated[str | None, Query(description="ACLED event type")] = None,
    sub_event_type: Annotated[str | None, Query(description="ACLED sub-event type")] = None,
    actor: Annotated[str | None, Query(description="substring of actor1 or actor2")] = None,
    country: str | None = None,
    admin1: str | None = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
    q: Annotated[str | None, Query(description="full-text search: event, report and source text")] = None,
) -> EventQuery:
    return event_query(
        since=since, until=until, event_type=event_type, sub_event_type=sub_event_type, actor=actor,
        country=country, admin1=admin1, bbox=bbox, q=q,
    )  # fmt: skip


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    check_token(request.app.state.settings.token, authorization)


Filter = Annotated[EventQuery, Depends(event_filter)]


def create_app(db_path: str, settings: Settings, feeds_file: Path | None = None) -> FastAPI:
    """The app for ``db_path``, a SQLite file or a postgresql:// URL (created and migrated if needed).

    ``feeds_file`` is the watch feeds YAML that POST /api/feeds appends to
    (default: feeds.yaml beside a SQLite database, else in the working folder).
    """
    store = open_store(db_path, settings)
    cache = ChangeCache(store.change_stamp)
    ingestor = Ingestor(db_path, settings)
    default_feeds = (
        Path("feeds.yaml") if is_postgres_url(db_path) else Path(db_path).resolve().parent / "feeds.yaml"
    )
    feeds = FeedsFile(feeds_file or default_feeds)
    full_text = "fts5" if store.backend == "sqlite" else "postgres"

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        store.close()

    app = FastAPI(
        title="warlog",
        summary="Conflict events from news reports, every field with its source sentence.",
        version=__version__,
        docs_url=None,  # Swagger UI loads from a CDN: useless offline; the spec is at /openapi.json
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=4)  # 9 costs ~30 ms per 400 KB
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes(settings))
    app.add_middleware(SecurityHeaders)  # outermost: every answer gets the headers, a 413 too
    app.state.store = store
    app.state.settings = settings

    @app.exception_handler(BadQueryError)
    async def bad_query(request: Request, exc: BadQueryError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(WarlogError)
    async def bad_input(request: Request, exc: WarlogError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422 if isinstance(exc, BadInputError) else 400)

    @app.get("/api/events", tags=["events"])
    def list_events(
        flt: Filter,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
    ) -> Response:  # fmt: skip
        """Events, newest first; follow `next_cursor` for the next page."""
        events, last = store.list_events(flt, limit, decode_cursor(cursor))
        next_cursor = encode_cursor(*last) if last else None
        return json_response({"events": events, "next_cursor": next_cursor, "limit": limit})

    @app.get("/api/events/{event_id:path}", tags=["events"])
    def get_event(event_id: str) -> Response:
        """One event with its reports, sources, evidence spans, toll range and toll history."""
        return json_response(_found(store.event_detail(event_id), "event", event_id))

    @app.get("/api/tallies", tags=["events"])
    def tallies(
        flt: Filter,
        by: Annotated[str, Query(description=", ".join(TALLY_FIELDS))] = "month",
    ) -> Response:  # fmt: skip
        """Events and deaths (best estimate; low and high too) per period or category, with the
        same filters as /api/events. Weeks are ISO weeks ('2024-W10'); unknown keys are left out."""
        if by not in TALLY_FIELDS:
            raise BadQueryError(f"by: one of {', '.join(TALLY_FIELDS)} (got {by!r})")
        body = cache.get(
            ("tallies", by, flt), lambda: _encode({"by": by, "tallies": _tally_rows(store, by, flt)})
        )
        return Response(body, media_type="application/json")

    @app.get("/api/claims", tags=["claims"])
    def claims(
        article_id: str | None = None,
        category: str | None = None,
        since: str | None = None,
        until: str | None = None,
        check: Annotated[bool, Query(description="also check claims against stored events")] = False,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        """Aggregate claims ("67 attacks since ..."): never events, kept with their sentence."""
        after = decode_cursor(cursor)
        rows, last = store.list_claims(
            article_id=article_id, category=category, since=parse_day("since", since),
            until=parse_until(until),
            limit=limit, after=after[1] if after else None,
        )  # fmt: skip
        next_cursor = encode_cursor(None, last) if last else None
        result: dict[str, Any] = {"claims": rows, "next_cursor": next_cursor}
        if check:
            result["checks"] = _claim_checks(store, {r["claim_id"] for r in rows})
        return result

    @app.get("/api/articles/{article_id:path}", tags=["sources"])
    def get_article(article_id: str) -> Response:
        """The source text (for highlighting evidence), with the reports and claims read from it."""
        return json_response(_found(store.article_detail(article_id), "article", article_id))

    @app.get("/api/stats", tags=["meta"])
    def stats() -> dict[str, Any]:
        """Counts, date span, known types and places; whether writes are enabled."""
        result = dict(cache.get("stats", store.read_stats))
        result["read_only"] = not settings.token
        result["full_text"] = True
        result["full_text_engine"] = full_text
        result["backend"] = store.backend
        return result

    @app.get("/api/export.{fmt}", tags=["export"])
    def export(
        fmt: Literal["csv", "geojson", "json"],
        what: Literal["events", "reports", "claims"] = "events",
    ) -> StreamingResponse:
        """The whole table, streamed (CSV, GeoJSON or JSON), as `warlog export` writes it."""
        from warlog.serve.export import export as run_export

        def write(out: Any) -> None:
            store = open_store(db_path, settings)
            try:
                run_export(store, what, fmt, out)
            finally:
                store.close()

        return StreamingResponse(
            stream_writer(write),
            media_type=_MEDIA[fmt],
            headers={"Content-Disposition": f'attachment; filename="warlog-{what}.{fmt}"'},
        )

    @app.post("/api/articles", tags=["write"], status_code=201, dependencies=[Depends(require_token)])
    def post_article(article: ArticleIn) -> dict[str, Any]:
        """Ingest one report {id?, outlet, url, published, title, text} through the pipeline."""
        return ingestor.ingest(article)

    @app.get("/api/feeds", tags=["feeds"])
    def list_feeds() -> dict[str, Any]:
        """The feeds `warlog watch` polls."""
        return {"feeds": feeds.read(), "file": feeds.path.name}

    @app.post("/api/feeds", tags=["write"], status_code=201, dependencies=[Depends(require_token)])
    def post_feed(feed: FeedIn) -> JSONResponse:
        """Add a feed URL to the watch feeds file (200 if it was already there)."""
        try:
            entry, created = feeds.add(feed.url, feed.name, feed.outlet)
        except ConfigError as exc:
            raise HTTPException(422, str(exc)) from exc
        return JSONResponse({"feed": entry, "created": created}, status_code=201 if created else 200)

    @app.get("/api/basemap/admin1", tags=["meta"])
    def basemap_admin1(country: Annotated[list[str], Query()]) -> JSONResponse:
        """Simplified admin-1 boundaries (GeoJSON) of the named countries, for the dashboard map."""
        return JSONResponse(admin1_geojson(country), headers={"Cache-Control": "max-age=86400"})

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def max_body_bytes(settings: Settings) -> int:
    """The largest POST body: an article of ``max_file_mb`` plus room for JSON escapes and fields."""
    return int(settings.max_file_mb * 1_000_000 * 1.1) + 65_536


def _found(record: dict[str, Any] | None, kind: str, key: str) -> dict[str, Any]:
    if record is None:
        raise HTTPException(404, f"no {kind} {key!r}")
    return record


def _encode(data: Any) -> bytes:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def json_response(data: Any) -> Response:
    """JSON straight from ``json.dumps``: FastAPI's generic encoder costs more than the query on big pages."""
    return Response(_encode(data), media_type="application/json")


def _tally_rows(store: Store, by: str, flt: EventQuery) -> list[dict[str, Any]]:
    """The dashboard's shape of a tally: key, events, fatalities (best), low, high, with_toll."""
    return [
        {"key": row[by], "events": row["events"], "fatalities": row["fatalities_best"],
         "fatalities_low": row["fatalities_low"], "fatalities_high": row["fatalities_high"],
         "with_toll": row["with_toll"]}
        for row in store.tally([by], query=flt)
        if row[by] is not None
    ]  # fmt: skip


def _claim_checks(store: Store, claim_ids: set[str]) -> list[dict[str, Any]]:
    """Claim checks from `warlog.analyse`, for the claims on this page."""
    from warlog.analyse import check_claims

    if not claim_ids:
        return []
    return [dataclasses.asdict(c) for c in check_claims(store) if c.claim_id in claim_ids]
