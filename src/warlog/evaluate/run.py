"""Run the real pipeline over a gold file's corpus and score what it stored.

The store is a throwaway SQLite file, so an evaluation never touches the user's database
and always starts from nothing (linking sees exactly the corpus, in file order).
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from warlog.errors import BadInputError
from warlog.evaluate.score import EvalResult, score
from warlog.settings import Settings

__all__ = ["default_corpus", "load_gold", "predict_corpus", "run_eval"]

log = logging.getLogger(__name__)


def predict_corpus(
    corpus_jsonl: Path, settings: Settings
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Ingest a corpus into a temporary SQLite store; return its report rows and claim rows."""
    from warlog.pipeline import run_ingest
    from warlog.store import open_store

    with tempfile.TemporaryDirectory(prefix="warlog-eval-") as tmp:
        store = open_store(str(Path(tmp) / "eval.db"), settings)
        try:
            summary = run_ingest([corpus_jsonl], store, settings)
            for error in summary.errors:
                log.warning("%s", error)
            reports = list(store.report_rows())  # exactly what `warlog export --what reports` gives
            claims = list(store.claim_rows())
        finally:
            store.close()
    log.info("%s: %d reports, %d claims", corpus_jsonl, len(reports), len(claims))
    return reports, claims


def load_gold(path: Path) -> dict[str, Any]:
    """Read a gold file; a broken one is bad input naming the file."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise BadInputError(str(path), f"cannot read gold file ({exc})") from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("articles"), list):
        raise BadInputError(str(path), "not a gold file: no 'articles' list (see gold/SPEC.md)")
    return gold


def default_corpus(gold_path: Path, gold: dict[str, Any]) -> Path:
    """``<gold dir>/../corpus/<corpus>/articles.jsonl``, as the gold README lays it out."""
    return gold_path.resolve().parent.parent / "corpus" / str(gold.get("corpus")) / "articles.jsonl"


def run_eval(gold_paths: Sequence[Path], corpus: Path | None, settings: Settings) -> list[EvalResult]:
    """Score the pipeline on each gold file (``corpus`` overrides the default for all of them)."""
    results = []
    for gold_path in gold_paths:
        gold = load_gold(gold_path)
        corpus_path = corpus or default_corpus(gold_path, gold)
        if not corpus_path.is_file():
            raise BadInputError(str(corpus_path), f"corpus for {gold_path.name} not found (use --corpus)")
        reports, claims = predict_corpus(corpus_path, settings)
        results.append(score(gold, reports, claims, name=gold_path.name.removesuffix(".gold.json")))
    return results
