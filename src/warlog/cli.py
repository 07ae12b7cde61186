"""warlog's command line: one click command per verb, data to stdout, progress and logs to stderr.

Exit codes: 0 ok, 1 failed or bad input, 2 bad usage (click's own).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.logging import RichHandler

from warlog.errors import WarlogError
from warlog.settings import Settings, load_settings

__all__ = ["main"]

log = logging.getLogger("warlog")
stderr = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    """The shared --db option: a SQLite file or a postgresql:// URL."""
    return click.option(
        "--db",
        "db",
        default=None,
        metavar="FILE|URL",
        help="SQLite file or postgresql:// URL (default: warlog.db, or WARLOG_DB).",
    )(func)


def get_settings(ctx: click.Context, **overrides: Any) -> Settings:
    config: Path | None = ctx.find_root().params.get("config")
    try:
        return load_settings(config, **overrides)
    except WarlogError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Settings file (TOML)."
)
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.version_option(package_name="warlog")
def main(config: Path | None, verbose: int, quiet: bool) -> None:
    """warlog: news reports in, a checked and sourced conflict-event database out.

    Example:

    \b
        warlog ingest articles.jsonl reports/ --db warlog.db
        warlog export --what events --format csv -o events.csv
    """
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(
        level=level,
        format="%(message)s",
        handlers=[RichHandler(console=stderr, show_time=False, show_path=False)],
        force=True,
    )


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option(
    "--dask",
    "dask_scheduler",
    is_flag=False,
    flag_value="local",
    default=None,
    metavar="[ADDRESS]",
    help="Extract on a Dask cluster: a scheduler address (tcp://host:8786), or a local cluster "
    "when given alone (put it after the paths).",
)
@click.option("--extractor", type=click.Choice(["rules", "llm"]), default=None, help="Extraction backend.")
@click.option("--llm-url", default=None, help="OpenAI-compatible server for --extractor llm.")
@click.option("--llm-model", default=None, help="Model name for --extractor llm.")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[Path, ...],
    db: str | None,
    dask_scheduler: str | None,
    extractor: str | None,
    llm_url: str | None,
    llm_model: str | None,
    no_progress: bool,
) -> None:
    """Read news reports and store the events, claims and evidence they hold.

    PATHS are .txt, .html/.htm and .jsonl files or folders of them (recursively).
    An article already stored is skipped; a bad input is reported and the rest go on.

    Example:

    \b
        warlog ingest ../shared/corpus/dev/articles.jsonl --db warlog.db
        warlog ingest reports/ --db postgresql://localhost/warlog --dask tcp://scheduler:8786
    """
    from warlog.cli_utils import ingest_paths

    if (
        dask_scheduler not in (None, "local")
        and "://" not in dask_scheduler
        and Path(dask_scheduler).exists()
    ):
        raise click.UsageError(
            f"--dask takes a scheduler address, not {dask_scheduler!r}: put the paths before --dask"
        )
    settings = get_settings(ctx, db=db, extractor=extractor, llm_url=llm_url, llm_model=llm_model)
    missing = [str(p) for p in paths if not p.exists()]
    for name in missing:
        log.error("%s: no such file or folder", name)
    existing = [p for p in paths if p.exists()]
    try:
        summary = ingest_paths(
            existing,
            settings,
            dask_scheduler=dask_scheduler,
            progress=not no_progress and sys.stderr.isatty(),
            console=stderr,
        )
    except WarlogError as exc:
        raise click.ClickException(str(exc)) from exc
    if missing or summary.failed:
        ctx.exit(1)


@main.command()
@db_option
@click.option(
    "--what",
    type=click.Choice(["events", "reports", "claims"]),
    default="events",
    show_default=True,
    help="Which records: merged events, each article's reports, or aggregate claims.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "geojson"]),
    default="json",
    show_default=True,
    help="JSON rows, CSV with ACLED's column names, or a GeoJSON FeatureCollection.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of stdout.",
)
@click.pass_context
def export(ctx: click.Context, db: str | None, what: str, fmt: str, output: Path | None) -> None:
    """Export events, reports or claims as JSON, ACLED-style CSV or GeoJSON.

    Example:

        warlog export --what events --format csv -o events.csv
    """
    from warlog.serve.export import export as run_export

    settings = get_settings(ctx, db=db)
    with _open_store(settings) as store:
        if output is None:
            count = run_export(store, what, fmt, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as out:
                count = run_export(store, what, fmt, out)
    log.info("exported %d %s", count, what)


@main.command()
@click.argument("event_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_context
def show(ctx: click.Context, event_id: str, db: str | None, as_json: bool) -> None:
    """Show one event with all its reports, sources and evidence sentences.

    Example:

        warlog show seed-1/r1
    """
    from warlog.cli_utils import event_detail, render_event

    settings = get_settings(ctx, db=db)
    with _open_store(settings) as store:
        detail = event_detail(store, event_id)
    if detail is None:
        raise click.ClickException(f"no event {event_id!r} in {settings.db}")
    if as_json:
        click.echo(json.dumps(detail, indent=2, default=str, ensure_ascii=False))
    else:
        Console().print(render_event(detail))


@main.command()
@db_option
@click.option("--limit", type=int, default=200, show_default=True, help="At most this many events.")
@click.pass_context
def events(ctx: click.Context, db: str | None, limit: int) -> None:
    """List stored events, newest first: date, type, place, actors, toll and sources.

    Example:

        warlog events --db warlog.db --limit 20
    """
    from warlog.cli_utils import events_table

    settings = get_settings(ctx, db=db)
    with _open_store(settings) as store:
        Console(width=160).print(events_table(store, limit))


@main.command(name="eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--corpus",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Articles to run on (default: ../corpus/<corpus>/articles.jsonl beside the gold folder).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
@click.option("--verbose", "detail", is_flag=True, help="Also list each missed and each spurious event.")
@click.pass_context
def eval_command(
    ctx: click.Context, gold: tuple[Path, ...], corpus: Path | None, as_json: bool, detail: bool
) -> None:
    """Score the pipeline against gold annotations (../shared/gold/SPEC.md).

    Runs the whole pipeline on the gold file's corpus in a temporary database and prints
    precision, recall, F1, per-field accuracy, quiet articles, claims and linking.

    Example:

        warlog eval ../shared/gold/seed.gold.json ../shared/gold/dev.gold.json
    """
    from warlog.evaluate import format_table, results_to_json, run_eval

    settings = get_settings(ctx)
    results = run_eval(list(gold), corpus, settings)
    if as_json:
        click.echo(json.dumps(results_to_json(results, details=detail), indent=2))
    else:
        click.echo(format_table(results, verbose=detail))


def _open_store(settings: Settings) -> Any:
    from warlog.store import open_store

    try:
        return open_store(settings.db, settings)
    except WarlogError as exc:
        raise click.ClickException(str(exc)) from exc


def _register_optional_commands() -> None:
    """Commands that live beside their stage; each module is imported only to register it."""
    from warlog.analyse.cli import claims_command, tally_command
    from warlog.geocode.cli import geocode_command
    from warlog.serve.cli import generate_command, serve_command
    from warlog.watch.cli import watch_command

    for command, name in (
        (geocode_command, "geocode"),
        (tally_command, "tally"),
        (claims_command, "claims"),
        (serve_command, "serve"),
        (generate_command, "generate"),
        (watch_command, "watch"),
    ):
        main.add_command(command, name=name)


_register_optional_commands()
