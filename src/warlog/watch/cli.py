"""`warlog watch`: poll the feeds in a YAML file and ingest what is new."""

from __future__ import annotations

from pathlib import Path

import click

from warlog.cli_utils import cli_settings, db_option, opened_store

__all__ = ["watch_command"]


@click.command()
@click.argument("feeds_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@click.option(
    "--state",
    "state_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to keep feed state (default: FEEDS_FILE with .state.json).",
)
@click.option(
    "--rounds",
    type=click.IntRange(1),
    default=None,
    help="Stop after this many polling rounds (default: never).",
)
def watch_command(feeds_file: Path, db: str | None, state_path: Path | None, rounds: int | None) -> None:
    """Poll RSS/Atom feeds and their article pages; new articles go through the pipeline.

    Conditional GET, per-host rate limits, back-off, size caps and time-outs; private and
    loopback addresses are refused unless the feeds file's `allow` list names them.
    A killed watcher resumes where it stopped.

    Example:

        warlog watch feeds.yaml --db warlog.db
    """
    from warlog.watch.config import load_watch_config
    from warlog.watch.watcher import Watcher

    settings = cli_settings(db=db)
    config = load_watch_config(feeds_file)
    state = state_path or feeds_file.with_suffix(".state.json")
    with opened_store(settings) as store:
        watcher = Watcher(config, store, settings, state)
        try:
            watcher.run(rounds)
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
        finally:
            watcher.fetcher.close()
