"""Shared by the benchmarks: the shared corpus repeated to N articles, each copy distinct.

Copies get their own id and url and one extra closing line with a letters-only code (no
digits, so no toll or date can be read from it), so exact-dedup does not skip them. With
``spread`` each round of copies is published a year later, so dates read relative to
publication fall apart and the store grows many events, as a real archive does, instead of
piling every copy onto the same few events (the worst case for linking).
"""

from __future__ import annotations

import datetime as dt
import json
import resource
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


def _code(n: int) -> str:
    letters = []
    n += 26 * 26
    while n:
        n, rem = divmod(n, 26)
        letters.append("abcdefghijklmnopqrstuvwxyz"[rem])
    return "".join(reversed(letters))


def load_seed_records(corpus_dir: Path = SHARED_CORPUS) -> list[dict[str, Any]]:
    """Every record of every articles.jsonl under the shared corpus (empty when absent)."""
    records = []
    for path in sorted(corpus_dir.glob("*/articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    return records


def _later(published: str, years: int) -> str:
    day = dt.date.fromisoformat(published)
    try:
        return day.replace(year=day.year + years).isoformat()
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28).isoformat()


def write_repeated(records: list[dict[str, Any]], n: int, out: Path, spread: bool = True) -> Path:
    """Write ``n`` distinct copies of ``records`` (cycled) as one JSONL file."""
    with out.open("w", encoding="utf-8") as fh:
        for k in range(n):
            base = records[k % len(records)]
            copy = dict(base)
            copy["id"] = f"{base['id']}-b{k}"
            if copy.get("url"):
                copy["url"] = f"{copy['url']}?copy={k}"
            copy["text"] = f"{base['text']}\n\nDesk reference {_code(k)}."
            if spread and copy.get("published"):
                copy["published"] = _later(copy["published"], k // len(records))
            fh.write(json.dumps(copy, ensure_ascii=False) + "\n")
    return out


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
