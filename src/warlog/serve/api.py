"""The HTTP API and the dashboard, one FastAPI app over one SQLite database.

Reads go through read-only connections (`queries.py`); writes (POST) need the bearer token
and go through the pipeline and `warlog.store`. Without a token the server is read-only.
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from warlog.errors import BadInputError, ConfigError, WarlogError
from warlog.serve import queries
from warlog.serve.basemap import admin1_geojson
from warlog.serve.cache import ChangeCache
from warlog.serve.feeds import FeedsFile
from warlog.serve.filters import BadQueryError, EventFilter
from warlog.serve.security import SecurityHeaders, check_token
from warlog.serve.streaming import stream_writer
from warlog.serve.writes import ArticleIn, Ingestor
from warlog.settings import Settings

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
) -> EventFilter:
    return EventFilter.parse(
        since=since, until=until, event_type=event_type, sub_event_type=sub_event_type, actor=actor,
        country=country, admin1=admin1, bbox=bbox, q=q,
    )  # fmt: skip


def _connection(request: Request) -> Iterator[sqlite3.Connection]:
    with request.app.state.pool.connection() as connection:
        yield connection


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    check_token(request.app.state.settings.token, authorization)


Conn = Annotated[sqlite3.Connection, Depends(_connection)]
Filter = Annotated[EventFilter, Depends(event_filter)]


def create_app(db_path: str, settings: Settings, feeds_file: Path | None = None) -> FastAPI:
    """The app for ``db_path`` (created with the current schema if missing).

    ``feeds_file`` is the watch feeds YAML that POST /api/feeds appends to
    (default: feeds.yaml beside the database).
    """
    _prepare_database(db_path, settings)
    pool = queries.ReadPool(db_path)
    cache = ChangeCache(db_path)
    ingestor = Ingestor(db_path, settings)
    feeds = FeedsFile(feeds_file or Path(db_path).resolve().parent / "feeds.yaml")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        pool.close()

    app = FastAPI(
        title="warlog",
        summary="Conflict events from news reports, every field with its source sentence.",
        version=_version(),
        docs_url=None,  # Swagger UI loads from a CDN: useless offline; the spec is at /openapi.json
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(SecurityHeaders)
    app.state.pool = pool
    app.state.settings = settings

    @app.exception_handler(BadQueryError)
    async def bad_query(request: Request, exc: BadQueryError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(WarlogError)
    async def bad_input(request: Request, exc: WarlogError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422 if isinstance(exc, BadInputError) else 400)

    @app.get("/api/events", tags=["events"])
    def list_events(
        c: Conn, flt: Filter,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Events, newest first; follow `next_cursor` for the next page."""
        events, next_cursor = queries.list_events(c, flt, limit, cursor, fts=pool.has_fts)
        return {"events": events, "next_cursor": next_cursor, "limit": limit}

    @app.get("/api/events/{event_id:path}", tags=["events"])
    def get_event(c: Conn, event_id: str) -> dict[str, Any]:
        """One event with its reports, sources, evidence spans, toll range and toll history."""
        event = queries.get_event(c, event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return event

    @app.get("/api/tallies", tags=["events"])
    def tallies(
        c: Conn, flt: Filter,
        by: Annotated[str, Query(description=", ".join(queries.TALLY_KEYS))] = "month",
    ) -> dict[str, Any]:  # fmt: skip
        """Events and deaths per period or category, with the same filters as /api/events."""
        rows = cache.get(("tallies", by, flt), lambda: queries.tallies(c, flt, by, fts=pool.has_fts))
        return {"by": by, "tallies": rows}

    @app.get("/api/claims", tags=["claims"])
    def claims(
        c: Conn,
        article_id: str | None = None,
        category: str | None = None,
        since: str | None = None,
        until: str | None = None,
        check: Annotated[bool, Query(description="also check claims against stored events")] = False,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        """Aggregate claims ("67 attacks since ..."): never events, kept with their sentence."""
        flt = EventFilter.parse(since=since, until=until)
        rows, next_cursor = queries.list_claims(
            c, article_id=article_id, category=category, since=flt.since, until=flt.until,
            limit=limit, cursor=cursor,
        )  # fmt: skip
        result: dict[str, Any] = {"claims": rows, "next_cursor": next_cursor}
        if check:
            result["checks"] = _claim_checks(db_path, settings, {r["claim_id"] for r in rows})
        return result

    @app.get("/api/articles/{article_id:path}", tags=["sources"])
    def get_article(c: Conn, article_id: str) -> dict[str, Any]:
        """The source text (for highlighting evidence), with the reports and claims read from it."""
        article = queries.get_article(c, article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return article

    @app.get("/api/stats", tags=["meta"])
    def stats(c: Conn) -> dict[str, Any]:
        """Counts, date span, known types and places; whether writes are enabled."""
        result = dict(cache.get("stats", lambda: queries.stats(c)))
        result["read_only"] = not settings.token
        result["full_text"] = pool.has_fts
        return result

    @app.get("/api/export.{fmt}", tags=["export"])
    def export(
        fmt: Literal["csv", "geojson", "json"],
        what: Literal["events", "reports", "claims"] = "events",
    ) -> StreamingResponse:
        """The whole table, streamed (CSV, GeoJSON or JSON), as `warlog export` writes it."""
        from warlog.serve.export import export as run_export
        from warlog.store import open_store

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


def _prepare_database(db_path: str, settings: Settings) -> None:
    """Create or migrate the database through the store, the one module that writes schema."""
    from warlog.store import open_store

    if "://" in db_path:
        raise ConfigError(f"{db_path}: warlog serve reads SQLite files only (export from PostgreSQL first)")
    try:
        open_store(db_path, settings).close()
    except WarlogError as exc:
        if not Path(db_path).exists():
            raise
        log.warning("%s: could not migrate (%s); serving it as it is", db_path, exc)


def _claim_checks(db_path: str, settings: Settings, claim_ids: set[str]) -> list[dict[str, Any]] | None:
    """Claim checks from `warlog.analyse` when it offers them; None when it does not."""
    try:
        from warlog.analyse import check_claims
    except ImportError:
        return None
    from warlog.store import open_store

    store = open_store(db_path, settings)
    try:
        checks = check_claims(store)
    finally:
        store.close()
    out = []
    for check in checks:
        data = dataclasses.asdict(check) if dataclasses.is_dataclass(check) else dict(vars(check))
        if not claim_ids or data.get("claim_id") in claim_ids:
            out.append(data)
    return out


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("warlog")
    except PackageNotFoundError:
        return "0"
