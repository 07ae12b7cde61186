#!/usr/bin/env python3
"""Score the pipeline on every gold file in ../shared/gold and print the table.

usage: .venv/bin/python eval/run_eval.py [--gold-dir DIR] [--json OUT.json] [--verbose]

Skips (exit 0, says so) when the gold folder is absent, so it is safe in CI.
The same scores come from ``warlog eval GOLD.json...``; this script runs them all at once
and can keep a JSON copy to compare runs.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from warlog.evaluate import format_table, results_to_json, run_eval
from warlog.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "gold"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--json", type=Path, default=None, help="also write the scores here")
    parser.add_argument("--verbose", action="store_true", help="per-article misses and false positives")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    golds = sorted(args.gold_dir.glob("*.gold.json"))
    if not golds:
        sys.stdout.write(f"skipped: no *.gold.json in {args.gold_dir}\n")
        return 0
    results = run_eval(golds, None, load_settings())
    sys.stdout.write(format_table(results, verbose=args.verbose) + "\n")
    if args.json is not None:
        args.json.write_text(json.dumps(results_to_json(results, details=True), indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
