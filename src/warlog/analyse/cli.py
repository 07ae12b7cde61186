"""`warlog tally` and `warlog claims`, registered in warlog.cli."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import Any

import click
from rich.table import Table

from warlog.cli_utils import cli_settings, data_console, db_option, json_option, opened_store

__all__ = ["claims_command", "tally_command"]


def _parse_day(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not a date (YYYY-MM-DD): {value!r}") from None


def _parse_where(ctx: click.Context, param: click.Parameter, values: Sequence[str]) -> dict[str, str]:
    where: dict[str, str] = {}
    for item in values:
        name, sep, wanted = item.partition("=")
        if not sep or not name.strip() or not wanted.strip():
            raise click.BadParameter(f"expected FIELD=VALUE, got {item!r}")
        where[name.strip()] = wanted.strip()
    return where


def _print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    table = Table(*headers)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    data_console().print(table)


def _format_option(choices: Sequence[str]) -> Any:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default="table",
        show_default=True,
        help="Output format (--json is short for --format json).",
    )


@click.command("tally")
@click.option(
    "--by",
    "by",
    default="month",
    show_default=True,
    metavar="FIELD,...",
    help="Group by these fields: day, week, month, year, event_type, sub_event_type, actor1, "
    "actor2, country, admin1, admin2, location.",
)
@click.option("--since", callback=_parse_day, help="Only events on or after this day (YYYY-MM-DD).")
@click.option("--until", callback=_parse_day, help="Only events on or before this day (YYYY-MM-DD).")
@click.option(
    "--where",
    "where",
    multiple=True,
    callback=_parse_where,
    metavar="FIELD=VALUE",
    help="Filter, repeatable; actors and places match a fragment, other fields the whole value.",
)
@_format_option(["table", "json", "csv"])
@json_option
@db_option
def tally_command(
    by: str,
    since: dt.date | None,
    until: dt.date | None,
    where: dict[str, str],
    fmt: str,
    as_json: bool,
    db: str | None,
) -> None:
    """Count events and sum their tolls, grouped by time, type, actor or place.

    Example:

        warlog tally --by month --since 2023-10-19 --where actor2=United States --where country=Syria
    """  # fmt: skip
    from warlog.analyse.tallies import tally

    fields = [f.strip() for f in by.split(",") if f.strip()]
    with opened_store(cli_settings(db=db)) as store:
        try:
            rows = tally(store, fields, since, until, where)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
    headers = [*fields, "events", "fatalities_low", "fatalities_best", "fatalities_high", "with_toll"]
    flat = [
        [*r.key.values(), r.count, r.fatalities_low, r.fatalities_best, r.fatalities_high, r.with_toll]
        for r in rows
    ]
    if as_json or fmt == "json":
        click.echo(json.dumps([dict(zip(headers, row, strict=True)) for row in flat], indent=2))
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(flat)
        click.echo(out.getvalue(), nl=False)
    else:
        _print_table(headers, flat)


@click.command("claims")
@click.option(
    "--check/--list",
    "check",
    default=True,
    show_default=True,
    help="Check each claim (arithmetic and against stored events), or only list the claims.",
)
@_format_option(["table", "json"])
@json_option
@db_option
def claims_command(check: bool, fmt: str, as_json: bool, db: str | None) -> None:
    """List aggregate claims ("67 attacks since 19 October") and check them: agree, disagree or cannot check.

    Example:

        warlog claims --check --db warlog.db
    """
    from warlog.analyse.claims_check import check_claims

    with opened_store(cli_settings(db=db)) as store:
        if check:
            records = [dataclasses.asdict(c) for c in check_claims(store)]
        else:
            records = [
                c.model_dump(mode="json", exclude={"span"}) | {"quote": c.span.text}
                for c in store.iter_claims()
            ]
    if as_json or fmt == "json":
        click.echo(json.dumps(records, indent=2, default=str))
        return
    if check:
        headers = ["claim_id", "check", "verdict", "claimed", "found", "reason"]
    else:
        headers = ["claim_id", "value", "qualifier", "what", "since", "until", "source"]
    _print_table(headers, [[r[h] for h in headers] for r in records])
