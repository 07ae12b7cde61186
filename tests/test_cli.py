"""The CLI end to end on texts we wrote: exit codes, stdout, and what lands in the database."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from warlog.cli import main

EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _ingest(runner: CliRunner, db: Path, *paths: Path | str) -> tuple[int, str]:
    result = runner.invoke(main, ["ingest", *map(str, paths), "--db", str(db), "--no-progress"])
    return result.exit_code, result.output


def test_ingest_examples_then_again_changes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    code, out = _ingest(runner, db, EXAMPLES)
    assert code == 0, out
    assert "6 new, 0 already stored, 0 failed" in out
    code, out = _ingest(runner, db, EXAMPLES)
    assert code == 0, out
    assert "0 new, 6 already stored, 0 failed" in out


def test_export_formats(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert _ingest(runner, db, EXAMPLES / "reports.jsonl")[0] == 0
    reports = json.loads(runner.invoke(main, ["export", "--db", str(db), "--what", "reports"]).output)
    assert {r["article_id"] for r in reports} >= {"ex-001", "ex-002"}
    assert not [r for r in reports if r["article_id"] == "ex-003"], "a quiet article gave an event"
    for key in (
        "report_id",
        "event_id",
        "event_date",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "country",
        "admin1",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "fatalities",
        "weapons",
        "evidence",
    ):
        assert key in reports[0]
    out = runner.invoke(main, ["export", "--db", str(db), "--what", "events", "--format", "csv"]).output
    header = next(csv.reader(io.StringIO(out)))
    assert {"event_id_cnty", "event_date", "year", "disorder_type", "admin1", "fatalities"} <= set(header)
    geo = json.loads(runner.invoke(main, ["export", "--db", str(db), "--format", "geojson"]).output)
    assert geo["type"] == "FeatureCollection" and geo["features"]
    claims = json.loads(runner.invoke(main, ["export", "--db", str(db), "--what", "claims"]).output)
    assert [c["value"] for c in claims if c["article_id"] == "ex-001"] == [40]


def test_show_event_prints_its_evidence(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    _ingest(runner, db, EXAMPLES / "reports.jsonl")
    reports = json.loads(runner.invoke(main, ["export", "--db", str(db), "--what", "reports"]).output)
    event_id = next(r["event_id"] for r in reports if r["article_id"] == "ex-002")
    result = runner.invoke(main, ["show", event_id, "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    detail = json.loads(result.output)
    assert detail["reports"][0]["fatalities"] == 3
    assert any("Ariha" in s["text"] for spans in detail["reports"][0]["evidence"].values() for s in spans)
    assert runner.invoke(main, ["show", "no-such-event", "--db", str(db)]).exit_code == 1


def test_bad_input_is_named_and_the_rest_is_stored(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert _ingest(runner, db, EXAMPLES / "reports.jsonl")[0] == 0
    bad = tmp_path / "bad.jsonl"
    good_line = json.dumps(
        {
            "id": "mine-1",
            "published": "2024-01-02",
            "title": "t",
            "text": "Gunmen killed two farmers in a village near Daraa on Monday.",
        }
    )
    bad.write_text("{not json\n" + good_line + "\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out = _ingest(runner, db, bad, empty, tmp_path / "missing.txt")
    assert code == 1
    assert "1 new" in out
    exported = json.loads(runner.invoke(main, ["export", "--db", str(db), "--what", "reports"]).output)
    assert {"ex-001", "ex-002", "mine-1"} <= {r["article_id"] for r in exported}


def test_usage_error_exits_2(runner: CliRunner) -> None:
    assert runner.invoke(main, ["export", "--format", "xml"]).exit_code == 2


def test_dask_option_refuses_a_path_for_an_address(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        main, ["ingest", "--dask", str(EXAMPLES), str(EXAMPLES), "--db", str(tmp_path / "w.db")]
    )
    assert result.exit_code == 2
    assert "put the paths before --dask" in result.output


def test_show_prints_the_sentence_of_each_span(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    text = (
        "Residents said the morning had been quiet. Gunmen killed two farmers in a village near Daraa "
        "on Monday, a local monitor said. The attackers fled on motorbikes."
    )
    record = {"id": "mine-2", "published": "2024-01-02", "title": "Farmers killed", "text": text}
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert _ingest(runner, db, source)[0] == 0
    rows = json.loads(runner.invoke(main, ["events", "--db", str(db), "--json"]).output)
    assert len(rows) == 1
    shown = runner.invoke(main, ["show", rows[0]["event_id"], "--db", str(db), "--json"])
    report = json.loads(shown.output)["reports"][0]
    sentences = report["evidence_sentences"]
    assert sentences and all(s["text"] == text[s["start"] : s["end"]] for s in sentences)
    quotes = [span["text"] for spans in report["evidence"].values() for span in spans]
    assert all(any(q in s["text"] for s in sentences) for q in quotes)
    assert any(
        s["text"].startswith("Gunmen killed two farmers") and s["text"].endswith("said.") for s in sentences
    )
    card = runner.invoke(main, ["show", rows[0]["event_id"], "--db", str(db)]).output
    assert "Gunmen killed two farmers in a village near Daraa on Monday, a local monitor said." in card


def test_a_warlog_error_is_one_line_and_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("db = [unclosed", encoding="utf-8")
    result = runner.invoke(main, ["--config", str(config), "events", "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 1
    assert str(config) in result.output and "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_geojson_claims_is_bad_usage(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        main, ["export", "--what", "claims", "--format", "geojson", "--db", str(tmp_path / "w.db")]
    )
    assert result.exit_code == 2
    assert "no coordinates" in result.output
