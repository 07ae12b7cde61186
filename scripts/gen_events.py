"""Write N synthetic events into a warlog SQLite database (for benchmarks and demos).

Usage: python scripts/gen_events.py out.db 1000000 [--seed 7]
"""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path

from warlog.serve.synthetic import generate_events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sources-every", type=int, default=100, help="one event in N gets an article")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    started = time.perf_counter()
    generate_events(args.db, args.n, seed=args.seed, sources_every=args.sources_every)
    logging.info("%d events in %.1f s", args.n, time.perf_counter() - started)


if __name__ == "__main__":
    main()
