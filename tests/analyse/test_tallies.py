"""Tallies over stored events: by month, with windows and filters."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from click.testing import CliRunner

from warlog.analyse import tally
from warlog.analyse.cli import tally_command


def test_by_month_counts_and_sums(store: Any) -> None:
    rows = tally(store, ["month"])
    assert [(r.key["month"], r.count, r.fatalities_best) for r in rows] == [
        ("2023-10", 2, 1),
        ("2023-11", 3, 9),
    ]


def test_actor2_fragment_and_since(store: Any) -> None:
    rows = tally(store, ["month"], since=dt.date(2023, 10, 21), where={"actor2": "united states"})
    assert [(r.key["month"], r.count) for r in rows] == [("2023-10", 1), ("2023-11", 2)]


def test_by_country_until(store: Any) -> None:
    rows = tally(store, ["country", "event_type"], until=dt.date(2023, 11, 2))
    assert [(r.key["country"], r.count) for r in rows] == [("Iraq", 1), ("Syria", 2)]


def test_unknown_field_is_refused(store: Any) -> None:
    with pytest.raises(ValueError, match="unknown field 'colour'"):
        tally(store, ["colour"])


def test_cli_json(store: Any, db_file: str) -> None:
    result = CliRunner().invoke(
        tally_command,
        ["--by", "country", "--where", "actor2=United States", "--format", "json", "--db", db_file],
    )
    assert result.exit_code == 0, result.output
    assert [(r["country"], r["events"]) for r in json.loads(result.output)] == [("Iraq", 2), ("Syria", 2)]


def test_cli_bad_where_is_usage_error(store: Any, db_file: str) -> None:
    result = CliRunner().invoke(tally_command, ["--where", "actor2", "--db", db_file])
    assert result.exit_code == 2
