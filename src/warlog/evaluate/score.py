"""Score one gold file against predicted reports and claims, exactly as SPEC.md says.

Readings of the spec where it leaves room (also in eval/README.md):
- the predicted date is ``event_date``; a report with none is placed by its range
  (``date_earliest``..``date_latest`` inside the gold range ±1 day);
- actor1/actor2 gold ``null`` ("the report does not say") is right only when the
  prediction is also empty, as the spec says for a ``null`` toll;
- fatalities: ``fatalities`` must lie in [low, high]; a missing toll is wrong unless gold is null;
- location accuracy is the point within tolerance, or, without coordinates, the name
  among the gold names; admin1 is the name among the gold aliases;
- predictions matched to optional events take part in linking (same_event groups name them).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from warlog.evaluate.match import (
    FIELDS,
    GoldEvent,
    PredEvent,
    compatible,
    distance_km,
    field_checks,
    greedy_match,
)
from warlog.evaluate.normalise import as_float
from warlog.models import VIOLENT_EVENT_TYPES

__all__ = ["ArticleDetail", "EvalResult", "score"]


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ArticleDetail:
    """What happened in one article, for ``--verbose``."""

    article_id: str
    gold_events: int = 0
    quiet: bool = False
    matched: list[dict[str, Any]] = field(default_factory=list)
    optional_matched: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    unmatched: list[dict[str, Any]] = field(default_factory=list)
    claims_matched: list[float] = field(default_factory=list)
    claims_missed: list[float] = field(default_factory=list)
    claims_unmatched: list[float] = field(default_factory=list)

    @property
    def false_positives(self) -> int:
        return sum(1 for u in self.unmatched if u["violent"])

    @property
    def quiet_clean(self) -> bool | None:
        return self.false_positives == 0 if self.quiet else None


@dataclass
class EvalResult:
    """Scores for one gold file; the counts are kept so results can be summed or re-read."""

    name: str
    articles: list[ArticleDetail] = field(default_factory=list)
    gold_events: int = 0
    predicted_events: int = 0
    matched: int = 0
    optional_matched: int = 0
    false_positives: int = 0
    field_correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    quiet_total: int = 0
    quiet_clean: int = 0
    claims_gold: int = 0
    claims_predicted: int = 0
    claims_matched: int = 0
    link_true: int = 0
    link_predicted: int = 0
    link_both: int = 0
    unknown_articles: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return _ratio(self.matched, self.matched + self.false_positives)

    @property
    def recall(self) -> float | None:
        return _ratio(self.matched, self.gold_events)

    @property
    def f1(self) -> float | None:
        return _f1(self.precision, self.recall)

    def field_accuracy(self, name: str) -> float | None:
        return _ratio(self.field_correct[name], self.matched)

    @property
    def claims_precision(self) -> float | None:
        return _ratio(self.claims_matched, self.claims_predicted)

    @property
    def claims_recall(self) -> float | None:
        return _ratio(self.claims_matched, self.claims_gold)

    @property
    def claims_f1(self) -> float | None:
        return _f1(self.claims_precision, self.claims_recall)

    @property
    def link_precision(self) -> float | None:
        return _ratio(self.link_both, self.link_predicted)

    @property
    def link_recall(self) -> float | None:
        return _ratio(self.link_both, self.link_true)


def _why_missed(gold: GoldEvent, preds: list[PredEvent], taken: set[int]) -> str:
    """The predictions of the same type and what kept each from matching."""
    if not preds:
        return "no prediction in this article"
    same_type: list[str] = []
    for i, pred in enumerate(preds):
        failures = compatible(pred, gold)
        if "type" in failures:
            continue
        if failures:
            same_type.append(f"{pred.report_id}: {_describe(pred, gold, failures)}")
        elif i in taken:
            same_type.append(f"{pred.report_id} matched another event better")
    if same_type:
        return "; ".join(same_type)
    return f"no prediction of type {gold.event_type!r}"


def _describe(pred: PredEvent, gold: GoldEvent, failures: list[str]) -> str:
    parts = []
    if "type" in failures:
        parts.append(f"type {pred.event_type!r} != {gold.event_type!r}")
    if "date" in failures:
        shown = pred.event_date or f"{pred.date_earliest}..{pred.date_latest}"
        parts.append(f"date {shown} outside {gold.earliest}..{gold.latest} ±1")
    if "place" in failures:
        dist = distance_km(pred, gold)
        if dist is not None:
            parts.append(f"place {pred.location!r} {dist:.0f} km away (tolerance {gold.tolerance_km:g})")
        else:
            parts.append(f"no coordinates and admin1 {pred.admin1!r} not in gold")
    return ", ".join(parts)


def _why_unmatched(pred: PredEvent, golds: list[GoldEvent], taken: set[int]) -> str:
    if not golds:
        return "article has no gold event"
    same_type = [(j, g) for j, g in enumerate(golds) if g.event_type == pred.event_type]
    if not same_type:
        return f"no gold event of type {pred.event_type!r}"
    reasons = []
    for j, gold in same_type:
        failures = compatible(pred, gold)
        if not failures and j in taken:
            reasons.append(f"{gold.id} taken by a better prediction")
        elif failures:
            reasons.append(f"{gold.id}: {_describe(pred, gold, failures)}")
    return "; ".join(reasons)


def _score_claims(
    gold_claims: list[dict[str, Any]], pred_claims: list[dict[str, Any]], detail: ArticleDetail
) -> None:
    """Match by value, one to one; qualifiers ignored."""
    gold_values = Counter(v for v in (as_float(c.get("value")) for c in gold_claims) if v is not None)
    for claim in pred_claims:
        value = as_float(claim.get("value"))
        if value is not None and gold_values[value] > 0:
            gold_values[value] -= 1
            detail.claims_matched.append(value)
        else:
            detail.claims_unmatched.append(value if value is not None else float("nan"))
    detail.claims_missed.extend(sorted(gold_values.elements()))


def _score_article(
    record: dict[str, Any], preds: list[PredEvent], pred_claims: list[dict[str, Any]]
) -> tuple[ArticleDetail, list[tuple[PredEvent, str]]]:
    golds = [GoldEvent.from_json(e) for e in record.get("events") or ()]
    optionals = [GoldEvent.from_json(e, optional=True) for e in record.get("optional_events") or ()]
    detail = ArticleDetail(str(record["article_id"]), gold_events=len(golds), quiet=not golds)
    linked: list[tuple[PredEvent, str]] = []

    pairs = greedy_match(preds, golds)
    taken_pred = {i for i, _ in pairs}
    for i, j in pairs:
        checks = field_checks(preds[i], golds[j])
        detail.matched.append(
            {
                "gold_id": golds[j].id,
                "report_id": preds[i].report_id,
                "fields": checks,
                "wrong": [_wrong(name, preds[i], golds[j]) for name, ok in checks.items() if not ok],
            }
        )
        linked.append((preds[i], golds[j].id))

    rest = [i for i in range(len(preds)) if i not in taken_pred]
    optional_pairs = greedy_match([preds[i] for i in rest], optionals)
    absorbed = set()
    for k, j in optional_pairs:
        pred = preds[rest[k]]
        absorbed.add(rest[k])
        detail.optional_matched.append({"gold_id": optionals[j].id, "report_id": pred.report_id})
        linked.append((pred, optionals[j].id))

    taken_gold = {j for _, j in pairs}
    for j, gold in enumerate(golds):
        if j not in taken_gold:
            why = _why_missed(gold, preds, taken_pred)
            detail.missed.append({"gold_id": gold.id, "event_type": gold.event_type, "why": why})
    for i in rest:
        if i in absorbed:
            continue
        pred = preds[i]
        detail.unmatched.append(
            {
                "report_id": pred.report_id,
                "event_type": pred.event_type,
                "violent": pred.event_type in VIOLENT_EVENT_TYPES,
                "why": _why_unmatched(pred, golds, taken_gold),
            }
        )
    _score_claims(list(record.get("claims") or ()), pred_claims, detail)
    return detail, linked


def _wrong(name: str, pred: PredEvent, gold: GoldEvent) -> str:
    shown: dict[str, tuple[object, object]] = {
        "sub_event_type": (pred.sub_event_type, gold.sub_event_type),
        "actor1": (pred.actor1, gold.actor1[0] if gold.actor1 else None),
        "actor2": (pred.actor2, gold.actor2[0] if gold.actor2 else None),
        "fatalities": (pred.fatalities, gold.fatalities),
        "date": (pred.event_date, f"{gold.earliest}..{gold.latest}"),
        "location": (pred.location, gold.names[0] if gold.names else None),
        "admin1": (pred.admin1, gold.admin1[0] if gold.admin1 else None),
    }
    got, want = shown[name]
    return f"{name}: got {got!r}, gold {want!r}"


def _score_linking(result: EvalResult, gold: dict[str, Any], linked: list[tuple[PredEvent, str]]) -> None:
    group_of: dict[str, int] = {}
    for n, group in enumerate(gold.get("same_event") or ()):
        for gold_id in group:
            group_of[str(gold_id)] = n
    for (pa, ga), (pb, gb) in combinations(linked, 2):
        if pa.article_id == pb.article_id:
            continue
        truly = ga == gb or (ga in group_of and group_of.get(ga) == group_of.get(gb))
        predicted = pa.event_id is not None and pa.event_id == pb.event_id
        result.link_true += truly
        result.link_predicted += predicted
        result.link_both += truly and predicted


def score(
    gold: dict[str, Any],
    predicted_reports: list[dict[str, Any]],
    predicted_claims: list[dict[str, Any]],
    name: str | None = None,
) -> EvalResult:
    """Score report-level export rows and claim rows against one gold file."""
    result = EvalResult(name=name or str(gold.get("corpus") or "gold"))
    reports_by_article: dict[str, list[PredEvent]] = defaultdict(list)
    for row in predicted_reports:
        pred = PredEvent.from_row(row)
        reports_by_article[pred.article_id].append(pred)
    claims_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in predicted_claims:
        claims_by_article[str(claim.get("article_id"))].append(claim)

    gold_ids = {str(a["article_id"]) for a in gold.get("articles") or ()}
    result.unknown_articles = sorted((set(reports_by_article) | set(claims_by_article)) - gold_ids)
    linked: list[tuple[PredEvent, str]] = []
    for record in gold.get("articles") or ():
        aid = str(record["article_id"])
        preds = reports_by_article.get(aid, [])
        detail, article_links = _score_article(record, preds, claims_by_article.get(aid, []))
        linked.extend(article_links)
        result.articles.append(detail)
        result.gold_events += detail.gold_events
        result.predicted_events += len(preds)
        result.matched += len(detail.matched)
        result.optional_matched += len(detail.optional_matched)
        result.false_positives += detail.false_positives
        for pair in detail.matched:
            for field_name, ok in pair["fields"].items():
                result.field_correct[field_name] += ok
        if detail.quiet:
            result.quiet_total += 1
            result.quiet_clean += bool(detail.quiet_clean)
        result.claims_gold += len(detail.claims_matched) + len(detail.claims_missed)
        result.claims_predicted += len(detail.claims_matched) + len(detail.claims_unmatched)
        result.claims_matched += len(detail.claims_matched)
    _score_linking(result, gold, linked)
    return result
