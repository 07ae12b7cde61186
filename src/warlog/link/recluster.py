"""Order-independent regrouping of a small neighbourhood, for a report that bridges events.

When a new report links with members of more than one event, or with only some members of one,
the arrival order would decide where it goes. Instead the reports of the touched events and the
new ones are regrouped by one fixed rule: complete-linkage, visiting reports by ``anchor_key``
(publication day, article, report), each joining the best-scoring group it links with entirely
(ties: the earlier group), else founding one. The result depends only on the set of reports.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

from warlog.link.blocking import DateRange, report_range
from warlog.link.members import EventMembers, anchor_key
from warlog.link.rules import LinkRules
from warlog.link.scoring import pair_score
from warlog.models import Article, Report

__all__ = ["canonical_groups", "touches"]


def touches(event: EventMembers, report: Report, span: DateRange | None, rules: LinkRules) -> bool:
    """Whether the report links with at least one member of the event (equal pair keys score once)."""
    seen: set[Hashable] = set()
    for key, member, member_span in zip(event.keys, event.members, event.spans, strict=True):
        if key in seen:
            continue
        seen.add(key)
        score = pair_score(report, member, span, member_span, rules)
        if score is not None and score >= rules.link_threshold:
            return True
    return False


def canonical_groups(
    reports: Sequence[Report], articles: Mapping[str, Article], rules: LinkRules
) -> list[list[Report]]:
    """Complete-linkage groups of the reports, the same for any order of the input."""
    ordered = sorted(reports, key=lambda r: anchor_key(r, articles))
    spans = {r.report_id: report_range(r, articles.get(r.article_id)) for r in ordered}
    groups: list[list[Report]] = []
    for report in ordered:
        best: tuple[float, int] | None = None
        for index, group in enumerate(groups):
            mean = _mean_link(report, group, spans, rules)
            if mean is not None and (best is None or mean > best[0]):
                best = (mean, index)
        if best is None:
            groups.append([report])
        else:
            groups[best[1]].append(report)
    return groups


def _mean_link(
    report: Report, group: Sequence[Report], spans: Mapping[str, DateRange | None], rules: LinkRules
) -> float | None:
    total = 0.0
    for member in group:
        score = pair_score(report, member, spans[report.report_id], spans[member.report_id], rules)
        if score is None or score < rules.link_threshold:
            return None
        total += score
    return total / len(group)
