"""The work behind the CLI's verbs, kept out of cli.py so the commands stay thin.

The shared options (``--db``, ``--json``) and the store/settings helpers live here too, so
the commands registered from other packages (analyse, serve, watch) look and behave alike.
Heavy modules (pipeline, store) are imported inside the functions that need them:
``warlog --help`` must not load spaCy.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from warlog.errors import BadInputError
from warlog.models import Article, Report, Span
from warlog.settings import Settings, load_settings

if TYPE_CHECKING:
    from warlog.pipeline import IngestSummary
    from warlog.store import Store

__all__ = [
    "PIPED_WIDTH",
    "cli_settings",
    "data_console",
    "db_option",
    "event_detail",
    "events_table",
    "evidence_sentences",
    "ingest_paths",
    "json_option",
    "opened_store",
    "render_event",
]

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])

PIPED_WIDTH = 200
"""Table width when stdout is not a terminal: rich's 80 columns would fold every cell."""


def db_option(func: F) -> F:
    """The shared --db option: a SQLite file or a postgresql:// URL."""
    return click.option(
        "--db",
        "db",
        default=None,
        metavar="FILE|URL",
        help="SQLite file or postgresql:// URL (default: warlog.db, or WARLOG_DB).",
    )(func)


def json_option(func: F) -> F:
    """The shared --json flag: machine-readable output on stdout instead of a table."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(func)


def cli_settings(**overrides: Any) -> Settings:
    """Settings for the running command: defaults < --config file < WARLOG_* < flags."""
    ctx = click.get_current_context(silent=True)
    config: Path | None = ctx.find_root().params.get("config") if ctx is not None else None
    return load_settings(config, **overrides)


@contextmanager
def opened_store(settings: Settings) -> Iterator[Store]:
    """The configured store, closed however the command ends."""
    from warlog.store import open_store

    store = open_store(settings.db, settings)
    try:
        yield store
    finally:
        store.close()


def data_console() -> Console:
    """A console for data on stdout: the terminal's width, or a wide fixed one when piped."""
    return Console(width=None if sys.stdout.isatty() else PIPED_WIDTH)


def ingest_paths(
    paths: list[Path],
    settings: Settings,
    *,
    dask_scheduler: str | None = None,
    progress: bool = True,
    console: Console | None = None,
) -> IngestSummary:
    """Run the pipeline over ``paths`` into the configured store and print a summary."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from warlog.pipeline import run_ingest

    console = console or Console(stderr=True)
    reported: set[str] = set()

    def report_error(message: str) -> None:
        reported.add(message)
        console.print(f"[red]error[/red] {escape(message)}", highlight=False)

    with opened_store(settings) as store:
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=not progress,
            transient=True,
        ) as bar:
            task = bar.add_task("ingesting", total=None)

            def on_item(item: Article | BadInputError) -> None:
                if isinstance(item, BadInputError):
                    report_error(str(item))
                bar.advance(task)

            if dask_scheduler is not None:
                from warlog.pipeline_dask import run_ingest_dask

                scheduler = None if dask_scheduler == "local" else dask_scheduler
                summary = run_ingest_dask(paths, store, settings, scheduler, on_item=on_item)
            else:
                summary = run_ingest(paths, store, settings, on_item=on_item)
        totals = store.counts()
    for message in summary.errors:  # extraction and storage failures were not shown as they came
        if message not in reported:
            report_error(message)
    click.echo(
        f"articles: {summary.new} new, {summary.duplicate} already stored, {summary.failed} failed; "
        f"this run: {summary.reports} reports, {len(summary.event_ids)} events, {summary.claims} claims; "
        f"database {settings.db}: {totals.get('articles', 0)} articles, {totals.get('events', 0)} events, "
        f"{totals.get('claims', 0)} claims"
    )
    return summary


def evidence_sentences(text: str, evidence: dict[str, list[Span]]) -> list[dict[str, Any]]:
    """The sentences of ``text`` that hold the evidence spans, in text order, with their fields.

    A reader judges a value by its sentence, not by a three-word fragment; sentences are found
    by offset (not ``sentence_index``), so any extractor's spans work. Each entry has ``start``,
    ``end``, ``text``, ``fields`` and the ``spans`` inside it as offsets into the sentence.
    """
    from warlog.extract.sentences import split_sentences

    sentences = split_sentences(text)
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for field, spans in evidence.items():
        for span in spans:
            inside = [s for s in sentences if s.start < max(span.end, span.start + 1) and span.start < s.end]
            start = inside[0].start if inside else span.start
            end = inside[-1].end if inside else span.end
            entry = found.setdefault(
                (start, end), {"start": start, "end": end, "text": text[start:end], "fields": [], "spans": []}
            )
            if field not in entry["fields"]:
                entry["fields"].append(field)
            entry["spans"].append([span.start - start, span.end - start])
    return [found[key] for key in sorted(found)]


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event with its reports, their articles' sources and evidence sentences, as plain data."""
    event = store.get_event(event_id)
    if event is None:
        return None
    detail: dict[str, Any] = event.model_dump(mode="json")
    detail["reports"] = [_report_detail(store, report) for report in store.reports_of_event(event_id)]
    return detail


def _report_detail(store: Store, report: Report) -> dict[str, Any]:
    article = store.get_article(report.article_id)
    row = report.model_dump(mode="json", exclude={"place_mentions"})
    row["outlet"] = article.outlet if article else None
    row["url"] = article.url if article else None
    row["published"] = article.published.isoformat() if article and article.published else None
    row["title"] = article.title if article else None
    row["evidence_sentences"] = evidence_sentences(article.text, report.evidence) if article else []
    return row


def render_event(detail: dict[str, Any]) -> Table:
    """A readable card: the event's fields, then each report with its evidence sentences."""
    place = detail.get("place") or {}
    table = Table(title=f"event {detail['event_id']}", show_header=False, expand=True)
    table.add_column("field", style="bold")
    table.add_column("value")
    toll = _toll_range(detail.get("fatalities_low"), detail.get("fatalities_high"))
    dates = f"{detail.get('event_date')} ({detail.get('date_earliest')} .. {detail.get('date_latest')})"
    where = ", ".join(str(p) for p in (place.get("location"), place.get("admin1"), place.get("country")) if p)
    for field, value in (
        ("type", f"{detail['event_type']} / {detail['sub_event_type']}"),
        ("date", dates),
        ("actor1", detail.get("actor1") or "-"),
        ("actor2", detail.get("actor2") or "-"),
        ("place", where or "-"),
        ("fatalities", toll),
        ("sources", str(detail.get("n_independent_sources", 0))),
    ):
        table.add_row(field, Text(str(value)))
    for report in detail["reports"]:
        header = f"{report.get('outlet') or report['article_id']} ({report.get('published') or 'undated'})"
        table.add_row(Text(header), _report_card(report))
    return table


def _report_card(report: dict[str, Any]) -> Text:
    """The report's values, then each evidence sentence with its spans in bold."""
    card = Text(f"{report['report_id']}: toll {report.get('fatalities')}, actor1 {report.get('actor1')}")
    for sentence in report.get("evidence_sentences", []):
        line = Text(sentence["text"])
        for start, end in sentence["spans"]:
            line.stylize("bold", max(0, start), max(0, end))
        card.append("\n  ")
        card.append(f"[{', '.join(sentence['fields'])}] ", style="dim")
        card.append_text(line)
    if report.get("url"):
        card.append(f"\n  {report['url']}")
    return card


def _toll_range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "not reported"
    if low == high or high is None:
        return str(low)
    return f"{low}-{high}"


def events_table(rows: list[dict[str, Any]], total: int) -> Table:
    """Event rows (``Store.list_events``) as a table, one line each."""
    shown = f" (newest {len(rows)})" if total > len(rows) else ""
    table = Table(title=f"{total} events{shown}")
    for column in ("event", "date", "type", "place", "actor1", "actor2", "fatalities", "sources"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row["event_id"],
            str(row.get("event_date") or ""),
            row["sub_event_type"],
            ", ".join(p for p in (row.get("location"), row.get("admin1")) if p),
            row.get("actor1") or "",
            row.get("actor2") or "",
            _toll_range(row.get("fatalities_low"), row.get("fatalities_high")),
            str(row.get("n_independent_sources") or 0),
        )
    return table
