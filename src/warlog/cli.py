"""warlog's command line: one click command per verb, data to stdout, progress and logs to stderr.

Exit codes: 0 ok, 1 failed or bad input (every ``WarlogError`` becomes a one-line message),
2 bad usage (click's own).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.logging import RichHandler

from warlog.cli_utils import cli_settings, data_console, db_option, json_option, opened_store
from warlog.errors import WarlogError

__all__ = ["main"]

log = logging.getLogger("warlog")
stderr = Console(stderr=True)


class WarlogGroup(click.Group):
    """Turns a ``WarlogError`` from any command into a clean message and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WarlogError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=WarlogGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
    help="Extract and store on a Dask cluster: a scheduler address (tcp://host:8786), or a local "
    "cluster when given alone (put it after the paths). Each worker writes to --db itself, so workers "
    "on other machines need a PostgreSQL URL.",
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

    PATHS are .txt, .html/.htm, .json and .jsonl files or folders of them (recursively).
    An article already stored is skipped; a bad input (a missing file too) is reported,
    the rest go on, and the exit code is 1.

    Example:

    \b
        warlog ingest ../shared/corpus/dev/articles.jsonl --db warlog.db
        warlog ingest reports/ --db postgresql://localhost/warlog --dask tcp://scheduler:8786
    """
    from warlog.cli_utils import ingest_paths

    if (
        dask_scheduler not in (None, "local")
        and "://" not in str(dask_scheduler)
        and Path(str(dask_scheduler)).exists()
    ):
        raise click.UsageError(
            f"--dask takes a scheduler address, not {dask_scheduler!r}: put the paths before --dask"
        )
    settings = cli_settings(db=db, extractor=extractor, llm_url=llm_url, llm_model=llm_model)
    summary = ingest_paths(
        list(paths),
        settings,
        dask_scheduler=dask_scheduler,
        progress=not no_progress and sys.stderr.isatty(),
        console=stderr,
    )
    if summary.failed:
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
def export(db: str | None, what: str, fmt: str, output: Path | None) -> None:
    """Export events, reports or claims as JSON, ACLED-style CSV or GeoJSON.

    Example:

        warlog export --what events --format csv -o events.csv
    """
    from warlog.serve.export import export as run_export

    if fmt == "geojson" and what == "claims":
        raise click.UsageError("claims have no coordinates: export them with --format json or csv")
    with opened_store(cli_settings(db=db)) as store:
        if output is None:
            count = run_export(store, what, fmt, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as out:
                count = run_export(store, what, fmt, out)
    log.info("exported %d %s", count, what)


@main.command()
@click.argument("event_id")
@db_option
@json_option
def show(event_id: str, db: str | None, as_json: bool) -> None:
    """Show one event with all its reports, sources and the sentences each field was read from.

    EVENT_ID is any id the event ever had (see `warlog events` or `warlog export`).

    Example:

        warlog show ev-3f9c2a1b0d4e --db warlog.db
    """
    from warlog.cli_utils import event_detail, render_event

    settings = cli_settings(db=db)
    with opened_store(settings) as store:
        detail = event_detail(store, event_id)
    if detail is None:
        raise click.ClickException(f"no event {event_id!r} in {settings.db}")
    if as_json:
        click.echo(json.dumps(detail, indent=2, default=str, ensure_ascii=False))
    else:
        data_console().print(render_event(detail))


@main.command()
@db_option
@click.option(
    "--limit", type=click.IntRange(1), default=200, show_default=True, help="At most this many events."
)
@json_option
def events(db: str | None, limit: int, as_json: bool) -> None:
    """List stored events, newest first: date, type, place, actors, toll and sources.

    Example:

        warlog events --db warlog.db --limit 20
    """
    from warlog.cli_utils import events_table
    from warlog.store import EventQuery

    with opened_store(cli_settings(db=db)) as store:
        rows, _ = store.list_events(EventQuery(), limit, None)
        total = store.counts()["events"]
    if as_json:
        click.echo(json.dumps(rows, indent=2, default=str, ensure_ascii=False))
    else:
        data_console().print(events_table(rows, total))


@main.command(name="eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--corpus",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Articles to run on (default: ../corpus/<corpus>/articles.jsonl beside the gold folder).",
)
@json_option
@click.option("--verbose", "detail", is_flag=True, help="Also list each missed and each spurious event.")
def eval_command(gold: tuple[Path, ...], corpus: Path | None, as_json: bool, detail: bool) -> None:
    """Score the pipeline against gold annotations (../shared/gold/SPEC.md).

    Runs the whole pipeline on the gold file's corpus in a temporary database and prints
    precision, recall, F1, per-field accuracy, quiet articles, claims and linking.

    Example:

        warlog eval ../shared/gold/seed.gold.json ../shared/gold/dev.gold.json
    """
    from warlog.evaluate import format_table, results_to_json, run_eval

    results = run_eval(list(gold), corpus, cli_settings())
    if as_json:
        click.echo(json.dumps(results_to_json(results, details=detail), indent=2))
    else:
        click.echo(format_table(results, verbose=detail))


def _register_stage_commands() -> None:
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


_register_stage_commands()
