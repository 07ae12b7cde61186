"""Benchmark `warlog serve` over a large synthetic database: API latency, dashboard load, memory.

Usage: python bench/bench_serve.py [--db /tmp/warlog-bench.db] [--n 1000000] [--repeat 20]
The database is generated once (`warlog generate` does the same) and reused. Per query: the
very first call, then `repeat` uncached calls (the database file is touched before each, which
empties the server's answer cache without changing data) and `repeat` cached calls.
Goals: tallies and filtered lists p95 < 50 ms, dashboard first load < 1 s, server RSS < 1 GB.
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from warlog.serve.synthetic import generate_events

log = logging.getLogger("bench_serve")

QUERIES: list[tuple[str, str, dict[str, str]]] = [
    ("list newest", "/api/events", {"limit": "100"}),
    ("list type", "/api/events", {"limit": "100", "event_type": "Battles"}),
    ("list country+type", "/api/events", {"limit": "100", "country": "Syria", "event_type": "Protests"}),
    ("list admin1", "/api/events", {"limit": "100", "country": "Iraq", "admin1": "Baghdad"}),
    ("list date range", "/api/events", {"limit": "100", "since": "2019-03-01", "until": "2019-03-31"}),
    ("list actor", "/api/events", {"limit": "100", "actor": "Military Forces of"}),
    ("list bbox", "/api/events", {"limit": "100", "bbox": "35,32,38,37"}),
    ("list q", "/api/events", {"limit": "100", "q": "Aleppo killed"}),
    ("list 1000", "/api/events", {"limit": "1000"}),
    ("tally month", "/api/tallies", {"by": "month"}),
    ("tally day", "/api/tallies", {"by": "day"}),
    ("tally type", "/api/tallies", {"by": "event_type"}),
    ("tally admin1", "/api/tallies", {"by": "admin1"}),
    ("tally month|country", "/api/tallies", {"by": "month", "country": "Syria"}),
    ("tally day|type", "/api/tallies", {"by": "day", "event_type": "Battles"}),
    ("tally type|year", "/api/tallies", {"by": "event_type", "since": "2020-01-01", "until": "2020-12-31"}),
    ("event detail", "/api/events/syn-0000101", {}),
    ("stats", "/api/stats", {}),
]

DASHBOARD_ASSETS = [
    "/", "/static/app.css", "/static/vendor/leaflet/leaflet.css", "/static/vendor/leaflet/leaflet.js",
    "/static/vendor/markercluster/leaflet.markercluster.js", "/static/dom.js", "/static/timeline.js",
    "/static/detail.js", "/static/app.js",
]  # fmt: skip
DASHBOARD_API = [
    ("/api/stats", {}),
    ("/api/tallies", {"by": "event_type"}),
    ("/api/events", {"limit": "1000"}),
    ("/api/tallies", {"by": "day"}),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        fields[name] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def p95(samples: list[float]) -> float:
    return sorted(samples)[max(0, round(0.95 * len(samples)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/warlog-bench.db"))
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if not args.db.exists():
        started = time.perf_counter()
        generate_events(args.db, args.n)
        log.info("generated %d events in %.0f s", args.n, time.perf_counter() - started)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from warlog.serve.cli import serve_command; serve_command()",
         "--db", str(args.db), "--port", str(port)],
        env={**os.environ, "WARLOG_TOKEN": ""},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(300):
                try:
                    client.get("/api/stats")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            rows = []
            for name, path, params in QUERIES:
                first = timed(client, path, params)[0]
                cold = [timed(client, path, params, touch=args.db)[0] for _ in range(args.repeat)]
                warm, size = zip(*(timed(client, path, params) for _ in range(args.repeat)), strict=True)
                rows.append((name, first, statistics.median(cold), p95(cold), p95(list(warm)), size[-1]))
            loads = []
            for _ in range(5):
                os.utime(args.db)  # a first load after new data: nothing cached
                loads.append(dashboard_load(base))
            current, peak = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(10)
    print(f"{'query':<22}{'first ms':>9}{'cold p50':>9}{'cold p95':>9}{'warm p95':>9}{'bytes':>10}")
    for name, first, p50, cold_p95, warm_p95, size in rows:
        flag = "" if max(cold_p95, warm_p95) < 50 else "  > 50 ms"
        print(f"{name:<22}{first:>9.1f}{p50:>9.1f}{cold_p95:>9.1f}{warm_p95:>9.1f}{size:>10}{flag}")
    print(f"dashboard first load, uncached (assets + 4 API calls, 6 parallel): best {min(loads):.0f} ms, "
          f"median {statistics.median(loads):.0f} ms")  # fmt: skip
    print(f"server RSS: {current:.0f} MB now, {peak:.0f} MB peak")


def timed(
    client: httpx.Client, path: str, params: dict[str, str], touch: Path | None = None
) -> tuple[float, int]:
    """(milliseconds, response bytes) of one call; ``touch`` first invalidates the server's cache."""
    if touch is not None:
        os.utime(touch)
    started = time.perf_counter()
    r = client.get(path, params=params)
    elapsed = (time.perf_counter() - started) * 1000
    r.raise_for_status()
    return elapsed, len(r.content)


def dashboard_load(base: str) -> float:
    """What a browser fetches before the dashboard shows data, six connections at a time."""
    started = time.perf_counter()
    with httpx.Client(base_url=base, timeout=60) as client, ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda path: client.get(path).raise_for_status(), DASHBOARD_ASSETS))
        list(pool.map(lambda call: client.get(call[0], params=call[1]).raise_for_status(), DASHBOARD_API))
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()
