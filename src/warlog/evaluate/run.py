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
from warlog.models import Claim, Report
from warlog.settings import Settings

__all__ = ["claim_row", "default_corpus", "load_gold", "predict_corpus", "report_row", "run_eval"]

log = logging.getLogger(__name__)


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def report_row(report: Report) -> dict[str, Any]:
    """A report as a row of the report-level JSON export (the scorer's input)."""
    place = report.place
    return {
        "report_id": report.report_id,
        "event_id": report.event_id,
        "article_id": report.article_id,
        "event_date": _iso(report.event_date),
        "date_earliest": _iso(report.date_earliest),
        "date_latest": _iso(report.date_latest),
        "event_type": report.event_type,
        "sub_event_type": report.sub_event_type,
        "actor1": report.actor1,
        "actor2": report.actor2,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "location": (place.location or place.name) if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": place.geo_precision if place else None,
        "fatalities": report.fatalities,
        "fatalities_high": report.fatalities_high,
        "weapons": list(report.weapons),
        "evidence": {k: [s.model_dump() for s in spans] for k, spans in report.evidence.items()},
    }


def claim_row(claim: Claim) -> dict[str, Any]:
    """A claim as the scorer reads it."""
    return {
        "claim_id": claim.claim_id,
        "article_id": claim.article_id,
        "value": claim.value,
        "qualifier": claim.qualifier,
        "what": claim.what,
        "since": _iso(claim.since),
        "until": _iso(claim.until),
        "source": claim.source,
    }


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
            reports = [report_row(r) for r in store.iter_reports()]
            claims = [claim_row(c) for c in store.iter_claims()]
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
