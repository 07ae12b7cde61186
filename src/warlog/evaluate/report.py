"""Show scores: a table for people, JSON for scripts, per-article detail for ``--verbose``."""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from warlog.evaluate.match import FIELDS
from warlog.evaluate.score import EvalResult

__all__ = ["format_details", "format_table", "results_to_json"]


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def _rows() -> list[tuple[str, Callable[[EvalResult], str]]]:
    rows: list[tuple[str, Callable[[EvalResult], str]]] = [
        ("articles", lambda r: str(len(r.articles))),
        ("gold events", lambda r: str(r.gold_events)),
        ("predicted events", lambda r: str(r.predicted_events)),
        ("matched (+optional)", lambda r: f"{r.matched} (+{r.optional_matched})"),
        ("violent false positives", lambda r: str(r.false_positives)),
        ("event precision %", lambda r: _pct(r.precision)),
        ("event recall %", lambda r: _pct(r.recall)),
        ("event F1 %", lambda r: _pct(r.f1)),
    ]
    for name in FIELDS:
        rows.append((f"  {name} acc %", lambda r, n=name: _pct(r.field_accuracy(n))))  # type: ignore[misc]
    rows += [
        ("quiet clean", lambda r: f"{r.quiet_clean}/{r.quiet_total}"),
        ("claims P %", lambda r: _pct(r.claims_precision)),
        ("claims R %", lambda r: _pct(r.claims_recall)),
        ("claims F1 %", lambda r: _pct(r.claims_f1)),
        ("linking P %", lambda r: f"{_pct(r.link_precision)} ({r.link_both}/{r.link_predicted})"),
        ("linking R %", lambda r: f"{_pct(r.link_recall)} ({r.link_both}/{r.link_true})"),
    ]
    return rows


def format_table(results: Sequence[EvalResult], verbose: bool = False) -> str:
    """One column per gold file, one row per measure; ``verbose`` adds per-article detail."""
    table = Table(title="warlog eval", show_lines=False)
    table.add_column("measure")
    for result in results:
        table.add_column(result.name, justify="right")
    for label, cell in _rows():
        table.add_row(label, *(cell(r) for r in results))
    buffer = io.StringIO()
    Console(file=buffer, width=100, color_system=None, force_terminal=False).print(table)
    if not verbose:
        return buffer.getvalue()
    return "\n\n".join([*(format_details(r) for r in results), buffer.getvalue()])


def format_details(result: EvalResult) -> str:
    """Per article: gold events missed, predictions unmatched and why, wrong fields."""
    lines = [f"== {result.name}"]
    for art in result.articles:
        quiet = {None: "", True: "  quiet: clean", False: "  quiet: NOT clean"}[art.quiet_clean]
        lines.append(
            f"{art.article_id}: {len(art.matched)}/{art.gold_events} matched, "
            f"{art.false_positives} violent FP{quiet}"
        )
        for pair in art.matched:
            if pair["wrong"]:
                lines.append(f"  ~ {pair['gold_id']} <- {pair['report_id']}: " + "; ".join(pair["wrong"]))
        lines.extend(f"  - missed {m['gold_id']} ({m['event_type']}): {m['why']}" for m in art.missed)
        for u in art.unmatched:
            tag = "FP" if u["violent"] else "unscored"
            lines.append(f"  + {tag} {u['report_id']} ({u['event_type']}): {u['why']}")
        lines.extend(f"  o optional {o['gold_id']} <- {o['report_id']}" for o in art.optional_matched)
        if art.claims_missed or art.claims_unmatched:
            lines.append(
                f"  claims: missed {_values(art.claims_missed)}, unmatched {_values(art.claims_unmatched)}"
            )
    if result.unknown_articles:
        lines.append(f"predictions for articles without gold: {', '.join(result.unknown_articles)}")
    return "\n".join(lines)


def _values(values: list[float]) -> str:
    return "[" + ", ".join("?" if math.isnan(v) else f"{v:g}" for v in values) + "]"


def _article_json(art: Any) -> dict[str, Any]:
    return {
        "article_id": art.article_id,
        "gold_events": art.gold_events,
        "quiet_clean": art.quiet_clean,
        "matched": [{k: v for k, v in m.items() if k != "fields"} for m in art.matched],
        "optional_matched": art.optional_matched,
        "missed": art.missed,
        "unmatched": art.unmatched,
        "claims": {
            "matched": art.claims_matched,
            "missed": art.claims_missed,
            "unmatched": [None if math.isnan(v) else v for v in art.claims_unmatched],
        },
    }


def results_to_json(results: Sequence[EvalResult], details: bool = False) -> list[dict[str, Any]]:
    """Scores (and counts behind them) as plain JSON-ready dicts, one per gold file."""
    out = []
    for r in results:
        item: dict[str, Any] = {
            "name": r.name,
            "articles": len(r.articles),
            "events": {
                "gold": r.gold_events,
                "predicted": r.predicted_events,
                "matched": r.matched,
                "optional_matched": r.optional_matched,
                "false_positives": r.false_positives,
                "precision": r.precision,
                "recall": r.recall,
                "f1": r.f1,
            },
            "fields": {name: r.field_accuracy(name) for name in FIELDS},
            "quiet": {"clean": r.quiet_clean, "total": r.quiet_total},
            "claims": {
                "gold": r.claims_gold,
                "predicted": r.claims_predicted,
                "matched": r.claims_matched,
                "precision": r.claims_precision,
                "recall": r.claims_recall,
                "f1": r.claims_f1,
            },
            "linking": {
                "truly": r.link_true,
                "predicted": r.link_predicted,
                "both": r.link_both,
                "precision": r.link_precision,
                "recall": r.link_recall,
            },
            "unknown_articles": r.unknown_articles,
        }
        if details:
            item["per_article"] = [_article_json(a) for a in r.articles]
        out.append(item)
    return out
