"""Score warlog against gold annotations (../shared/gold/SPEC.md): ``warlog eval``.

``score`` is pure (dicts in, ``EvalResult`` out) so extraction work can be scored without
a store; ``run_eval`` runs the real pipeline into a temporary store first.
"""

from __future__ import annotations

from warlog.evaluate.report import format_details, format_table, results_to_json
from warlog.evaluate.run import default_corpus, load_gold, predict_corpus, run_eval
from warlog.evaluate.score import ArticleDetail, EvalResult, score

__all__ = [
    "ArticleDetail",
    "EvalResult",
    "default_corpus",
    "format_details",
    "format_table",
    "load_gold",
    "predict_corpus",
    "results_to_json",
    "run_eval",
    "score",
]
