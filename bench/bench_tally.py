"""Benchmark `warlog tally` over a large database, cold: a new process each run, as an analyst runs it.

Usage: python bench/bench_tally.py [--db /tmp/warlog-bench.db] [--n 1000000] [--repeat 5]
The database is generated once (`warlog generate`) and reused; a postgresql:// URL works too
(then nothing is generated). Prints wall time per command (process start included) and which
table answered (a pre-aggregated tally table, or the events table).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import statistics
import subprocess
import sys
import time
from pathlib import Path

from warlog.store import EventQuery
from warlog.store._tally import choose_cube

log = logging.getLogger("bench_tally")

RUNS: list[tuple[str, list[str]]] = [
    ("by month", ["--by", "month"]),
    ("by day", ["--by", "day"]),
    ("by week", ["--by", "week"]),
    ("by event_type", ["--by", "event_type"]),
    ("by country,admin1", ["--by", "country,admin1"]),
    ("month where country", ["--by", "month", "--where", "country=Syria"]),
    ("type since..until", ["--by", "event_type", "--since", "2020-01-01", "--until", "2020-12-31"]),
    ("month where actor2", ["--by", "month", "--where", "actor2=Military Forces"]),
    ("by actor1", ["--by", "actor1"]),
]


def _query(options: list[str]) -> tuple[list[str], EventQuery]:
    """The grouping and filter a `warlog tally` command line asks for (to name the table that answers)."""
    pairs = dict(zip(options[::2], options[1::2], strict=True))
    where = dict(item.split("=", 1) for item in options[1::2] if "=" in item)
    day = {k: dt.date.fromisoformat(pairs[k]) for k in ("--since", "--until") if k in pairs}
    return pairs["--by"].split(","), EventQuery.from_where(where, day.get("--since"), day.get("--until"))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", default="/tmp/warlog-bench.db")
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if "://" not in args.db and not Path(args.db).exists():
        from warlog.serve.synthetic import generate_events

        generate_events(Path(args.db), args.n)
    baseline = _run([sys.executable, "-c", "import warlog.cli"])
    print(f"python + import warlog.cli alone: {baseline:.0f} ms")
    print(f"{'tally':<22}{'table':<18}{'p50 ms':>9}{'max ms':>9}{'rows':>7}")
    for name, options in RUNS:
        by, query = _query(options)
        cube = choose_cube(by, query)
        times, rows = [], 0
        for _ in range(args.repeat):
            command = [sys.executable, "-m", "warlog", "tally", *options, "--format", "csv", "--db", args.db]
            started = time.perf_counter()
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            times.append((time.perf_counter() - started) * 1000)
            rows = len(out.splitlines()) - 1
        table = cube.table if cube else "events"
        print(f"{name:<22}{table:<18}{statistics.median(times):>9.0f}{max(times):>9.0f}{rows:>7}")


def _run(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()
