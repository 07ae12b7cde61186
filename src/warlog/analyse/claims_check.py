"""Check aggregate claims: against their own arithmetic, and against the events we document.

Three checks, each with a verdict (agree / disagree / cannot check) and a reason:

* parts: a breakdown ("28 airstrikes and 17 rocket attacks") must add up to its total;
* siblings: two figures for the same thing, window and source in one sentence must be equal;
  and a breakdown that misses its own total but equals a sibling figure says so;
* database: the stored events matching the claim's category and words in its window (until the
  claim's end, else the article's publication day). Our coverage is only what was ingested, so
  a window with no stored events at all is 'cannot check', not 'disagree'.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from rapidfuzz import fuzz

from warlog.analyse.claim_filter import ClaimFilter, filter_for
from warlog.analyse.claim_rules import ClaimRules, load_claim_rules
from warlog.analyse.tallies import event_day
from warlog.models import Article, Claim, Event

__all__ = ["ClaimCheck", "ClaimStore", "Verdict", "check_claim_set", "check_claims", "compare"]

Verdict = Literal["agree", "disagree", "cannot check"]
_DIGITS = re.compile(r"\d+")


class ClaimStore(Protocol):
    def iter_claims(self) -> Iterator[Claim]: ...

    def iter_events(self) -> Iterator[Event]: ...

    def get_article(self, article_id: str) -> Article | None: ...


@dataclass
class ClaimCheck:
    claim_id: str
    article_id: str
    check: Literal["parts", "siblings", "database"]
    verdict: Verdict
    claimed: int
    found: int | None
    reason: str
    quote: str


def compare(found: int, claimed: int, qualifier: str | None, rules: ClaimRules) -> bool:
    """Whether a documented number is consistent with a claimed one and its qualifier."""
    kind = rules.qualifiers.get((qualifier or "").casefold().strip())
    if kind == "at_least":
        return found >= claimed
    if kind == "at_most":
        return found <= claimed
    tolerance = rules.about_tolerance if kind == "about" else rules.exact_tolerance
    return abs(found - claimed) <= tolerance * claimed


def _said(claim: Claim) -> str:
    return f"{claim.qualifier} {claim.value}" if claim.qualifier else str(claim.value)


def _check(claim: Claim, kind: Literal["parts", "siblings", "database"], verdict: Verdict,
           found: int | None, reason: str) -> ClaimCheck:  # fmt: skip
    return ClaimCheck(
        claim.claim_id, claim.article_id, kind, verdict, claim.value, found, reason, claim.span.text
    )


def _parts_check(claim: Claim, siblings: Sequence[Claim], rules: ClaimRules) -> ClaimCheck | None:
    """A breakdown must add up; one part alone ('including a child') is an example, not a breakdown."""
    if not claim.parts or (len(claim.parts) == 1 and claim.parts[0].value <= claim.value):
        return None
    total = sum(p.value for p in claim.parts)
    sums = " + ".join(str(p.value) for p in claim.parts)
    if compare(total, claim.value, claim.qualifier, rules):
        return _check(claim, "parts", "agree", total, f"its parts add up: {sums} = {total}")
    reason = f"its parts add up to {sums} = {total}, not {_said(claim)}"
    if total < claim.value:
        reason += " (unless the breakdown leaves some out)"
    echo = next((s for s in siblings if s.claim_id != claim.claim_id and s.value == total), None)
    if echo is not None:
        reason += f"; {total} is the article's own figure for '{echo.what}'"
    return _check(claim, "parts", "disagree", total, reason)


def _what_key(claim: Claim) -> str:
    return " ".join(_DIGITS.sub("", claim.what.casefold()).split())


def _sibling_checks(claims: Sequence[Claim]) -> Iterator[ClaimCheck]:
    """Two different totals for the same thing, window and source in one sentence."""
    for i, first in enumerate(claims):
        for second in claims[i + 1 :]:
            same_place = first.span.sentence_index == second.span.sentence_index
            same_frame = (first.since, first.until, first.source) == (
                second.since,
                second.until,
                second.source,
            )
            if not (same_place and same_frame) or first.value == second.value:
                continue
            if first.value in {p.value for p in second.parts} or second.value in {
                p.value for p in first.parts
            }:
                continue  # one is a part of the other
            if fuzz.ratio(_what_key(first), _what_key(second)) < 90:  # the same words, not a subset
                continue
            yield _check(
                second, "siblings", "disagree", first.value,
                f"the same sentence also gives {_said(first)} for '{first.what}'",
            )  # fmt: skip


def _window(claim: Claim, article: Article | None) -> tuple[dt.date, dt.date] | str:
    if claim.since is None:
        return "the claim gives no start date"
    until = claim.until or (article.published if article is not None else None)
    if until is None:
        return "the claim gives no end date and its article no publication date"
    return claim.since, until


def _database_checks(
    claims: Sequence[Claim], events: Sequence[Event], articles: dict[str, Article | None], rules: ClaimRules
) -> Iterator[ClaimCheck]:
    for claim in claims:
        described = filter_for(claim, rules)
        window = _window(claim, articles.get(claim.article_id))
        if isinstance(described, str) or isinstance(window, str):
            reason = described if isinstance(described, str) else str(window)
            yield _check(claim, "database", "cannot check", None, reason)
            continue
        yield _against_events(claim, described, window, events, rules)


def _against_events(
    claim: Claim,
    described: ClaimFilter,
    window: tuple[dt.date, dt.date],
    events: Sequence[Event],
    rules: ClaimRules,
) -> ClaimCheck:
    since, until = window
    in_window = [e for e in events if (day := event_day(e)) is not None and since <= day <= until]
    span = f"{since.isoformat()} to {until.isoformat()}"
    if not in_window:
        return _check(claim, "database", "cannot check", None, f"no events stored from {span}")
    hits = [e for e in in_window if described.accepts(e)]
    fatal = described.rule.measure == "fatalities"
    found = sum(e.fatalities_best or 0 for e in hits) if fatal else len(hits)
    what = f"{found} dead in {len(hits)} events" if fatal else f"{found} events"
    verdict: Verdict = "agree" if compare(found, claim.value, claim.qualifier, rules) else "disagree"
    reason = (
        f"we document {what} ({described.describe()}) from {span}, of {len(in_window)} stored "
        f"in that window; the claim says {_said(claim)}"
    )
    return _check(claim, "database", verdict, found, reason)


def check_claim_set(
    claims: Sequence[Claim],
    events: Sequence[Event],
    articles: dict[str, Article | None],
    rules: ClaimRules | None = None,
) -> list[ClaimCheck]:
    """All checks for these claims against these events, in claim order then check kind."""
    rules = rules or load_claim_rules()
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article_id].append(claim)
    results: list[ClaimCheck] = []
    for article_id in sorted(by_article):
        group = sorted(by_article[article_id], key=lambda c: (c.span.start, c.claim_id))
        for claim in group:
            parts = _parts_check(claim, group, rules)
            if parts is not None:
                results.append(parts)
        results.extend(_sibling_checks(group))
        results.extend(_database_checks(group, events, articles, rules))
    order = {c.claim_id: i for i, c in enumerate(claims)}
    kinds = {"parts": 0, "siblings": 1, "database": 2}
    return sorted(results, key=lambda r: (r.article_id, order.get(r.claim_id, 0), kinds[r.check]))


def check_claims(store: ClaimStore, rules: ClaimRules | None = None) -> list[ClaimCheck]:
    """Check every stored claim; see the module docstring for the three checks."""
    claims = list(store.iter_claims())
    events = list(store.iter_events()) if claims else []
    articles = {a: store.get_article(a) for a in sorted({c.article_id for c in claims})}
    return check_claim_set(claims, events, articles, rules)
