"""`warlog serve`: the HTTP API and the dashboard on one port."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

import click

from warlog.cli_utils import cli_settings, db_option
from warlog.errors import MissingExtraError

__all__ = ["generate_command", "serve_command"]

log = logging.getLogger(__name__)


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on."
)
@click.option(
    "--feeds",
    "feeds_file",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Watch feeds file that POST /api/feeds appends to (default: feeds.yaml beside the database).",
)
def serve_command(db: str | None, host: str, port: int, feeds_file: Path | None) -> None:
    """Serve the dashboard at / and the JSON API at /api (spec: /openapi.json).

    Reads need nothing; writes (POST /api/articles, POST /api/feeds) need
    WARLOG_TOKEN set on the server and 'Authorization: Bearer <token>' on the request.

    Example:

        WARLOG_TOKEN=s3cret warlog serve --db warlog.db --port 8000
    """
    try:
        import uvicorn

        from warlog.serve.api import create_app
    except ImportError as exc:
        raise MissingExtraError("warlog serve", "serve") from exc
    settings = cli_settings(db=db)
    app = create_app(settings.db, settings, feeds_file=feeds_file)
    if host not in ("127.0.0.1", "localhost", "::1") and not settings.token:
        log.warning("listening on %s without WARLOG_TOKEN: the server is read-only", host)
    log.info("serving %s on http://%s:%d/", settings.db, host, port)
    # Everything loaded so far lives as long as the server: keep it out of every later full
    # garbage collection, which otherwise pauses requests for tens of milliseconds.
    gc.collect()
    gc.freeze()
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


@click.command("generate")
@click.option(
    "--db",
    "db",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="SQLite database to add the events to (created if missing).",
)
@click.option(
    "--events",
    "n",
    type=click.IntRange(1),
    default=1_000_000,
    show_default=True,
    help="How many synthetic events to add.",
)
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed (same seed, same events).")
@click.option(
    "--sources-every",
    type=click.IntRange(1),
    default=100,
    show_default=True,
    help="One event in N gets a source article with evidence.",
)
def generate_command(db: Path, n: int, seed: int, sources_every: int) -> None:
    """Add synthetic events to a database, for benchmarks and for trying the dashboard.

    The events are plainly fake (ids 'syn-...'); never mix them into a real database.

    Example:

        warlog generate --db big.db --events 1000000
    """
    from warlog.serve.synthetic import generate_events

    generate_events(db, n, seed=seed, sources_every=sources_every)
    click.echo(f"added {n} synthetic events to {db}")
