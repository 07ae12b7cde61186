"""The work behind the CLI's verbs, kept out of cli.py so the commands stay thin."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from warlog.errors import BadInputError, WarlogError
from warlog.models import Article
from warlog.pipeline import IngestSummary, run_ingest
from warlog.settings import Settings
from warlog.store import Store, open_store

__all__ = ["event_detail", "events_table", "ingest_paths", "render_event"]

log = logging.getLogger(__name__)


def ingest_paths(
    paths: list[Path],
    settings: Settings,
    *,
    dask_scheduler: str | None = None,
    progress: bool = True,
    console: Console | None = None,
) -> IngestSummary:
    """Run the pipeline over ``paths`` into the configured store and print a summary."""
    console = console or Console(stderr=True)
    try:
        store = open_store(settings.db, settings)
    except WarlogError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
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
                    console.print(f"[red]error[/red] {item}", highlight=False, markup=True)
                bar.advance(task)

            if dask_scheduler is not None:
                from warlog.pipeline_dask import run_ingest_dask

                scheduler = None if dask_scheduler == "local" else dask_scheduler
                summary = run_ingest_dask(paths, store, settings, scheduler, on_item=on_item)
            else:
                summary = run_ingest(paths, store, settings, on_item=on_item)
        totals = store.counts()
    finally:
        store.close()
    click.echo(
        f"articles: {summary.new} new, {summary.duplicate} already stored, {summary.failed} failed; "
        f"this run: {summary.reports} reports, {len(summary.event_ids)} events, {summary.claims} claims; "
        f"database {settings.db}: {totals.get('articles', 0)} articles, {totals.get('events', 0)} events, "
        f"{totals.get('claims', 0)} claims"
    )
    return summary


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event with its reports, their articles' sources and evidence, as plain data."""
    event = store.get_event(event_id)
    if event is None:
        return None
    reports = store.reports_of_event(event_id)
    detail: dict[str, Any] = event.model_dump(mode="json")
    detail["reports"] = []
    for report in reports:
        article = store.get_article(report.article_id)
        row = report.model_dump(mode="json", exclude={"place_mentions"})
        row["outlet"] = article.outlet if article else None
        row["url"] = article.url if article else None
        row["published"] = article.published.isoformat() if article and article.published else None
        row["title"] = article.title if article else None
        detail["reports"].append(row)
    return detail


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
        lines = [f"{report['report_id']}: toll {report.get('fatalities')}, actor1 {report.get('actor1')}"]
        seen: set[str] = set()
        for spans in report.get("evidence", {}).values():
            for span in spans:
                if span["text"] not in seen:
                    seen.add(span["text"])
                    lines.append(f"  > {span['text']}")
        if report.get("url"):
            lines.append(f"  {report['url']}")
        table.add_row(Text(header), Text("\n".join(lines)))
    return table


def _toll_range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "not reported"
    if low == high or high is None:
        return str(low)
    return f"{low}-{high}"


def events_table(store: Store, limit: int) -> Table:
    """The newest ``limit`` events as a table, one line each."""
    rows = sorted(store.iter_events(), key=lambda e: (e.event_date or dt.date.min, e.event_id), reverse=True)
    table = Table(title=f"{len(rows)} events" + (f" (newest {limit})" if len(rows) > limit else ""))
    for column in ("event", "date", "type", "place", "actor1", "actor2", "fatalities", "sources"):
        table.add_column(column, overflow="fold")
    for event in rows[:limit]:
        place = event.place
        where = ", ".join(p for p in (place.location, place.admin1) if p) if place else ""
        table.add_row(
            event.event_id,
            str(event.event_date or ""),
            event.sub_event_type,
            where,
            event.actor1 or "",
            event.actor2 or "",
            _toll_range(event.fatalities_low, event.fatalities_high),
            str(event.n_independent_sources),
        )
    return table
