"""kill -9 during ingest, then rerun: nothing lost, nothing duplicated."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

PLACES = ["Manbij", "Raqqa", "Deir ez-Zor", "Idlib", "Daraa", "Homs", "Aleppo", "Hasakah"]


def _articles(n: int) -> list[dict[str, str]]:
    rows = []
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        rows.append(
            {
                "id": f"rel-{i:04d}",
                "published": f"2024-0{1 + i % 9}-1{i % 10}",
                "title": f"Report {i}",
                "text": f"Gunmen attacked a checkpoint in {place} on Monday, killing {2 + i % 7} soldiers, "
                f"a local monitor said in its report number {i}.",
            }
        )
    return rows


def _counts(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        return tuple(
            conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
            for t in ("articles", "reports", "events")
        )


def _ingest(source: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "warlog", "-q", "ingest", str(source), "--db", str(db), "--no-progress"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.slow
def test_kill_during_ingest_then_rerun(tmp_path: Path) -> None:
    source = tmp_path / "many.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in _articles(400)) + "\n", encoding="utf-8")
    clean_db = tmp_path / "clean.db"
    assert _ingest(source, clean_db).wait(timeout=300) == 0

    db = tmp_path / "killed.db"
    process = _ingest(source, db)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if db.exists() and _article_count(db) >= 50:
            break
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = _article_count(db)
    assert 0 < partial < 400, "the kill came too late to test anything"

    assert _ingest(source, db).wait(timeout=300) == 0
    assert _counts(db) == _counts(clean_db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        dupes = conn.execute(
            "SELECT content_hash FROM articles GROUP BY content_hash HAVING COUNT(*) > 1"
        ).fetchall()
        assert not dupes


def _article_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
