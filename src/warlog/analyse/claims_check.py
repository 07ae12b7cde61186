"""Check aggregate claims: against their own arithmetic, and against the events we document.

Three checks, each with a verdict (agree / disagree / cannot check) and a reason:

* parts: a breakdown ("30 attacks: 30 airstrikes and 12 rocket attacks") must add up to its
  total; when it adds up to another figure of the sentence instead, the reason names it;
* siblings: two figures for the same thing, window and source in one sentence must be equal;
  a figure that another count's breakdown adds up to (while that count says otherwise) disagrees;
* database: the stored events matching the claim's category and words in its window (until the
  claim's end, else the article's publication day), counted in SQL (``Store.tally``). Our
  coverage is only what was ingested: documenting *fewer* events than claimed is no evidence
  against the claim ('cannot check'); documenting *more* than claimed is ('disagree', the claim
  undercounts); equal, or within the qualifier ('over 100' and 104), agrees.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from rapidfuzz import fuzz

from warlog.analyse.claim_filter import ClaimFilter, filter_for
from warlog.analyse.claim_rules import ClaimRules, load_claim_rules
from warlog.analyse.tallies import TallyStore
from warlog.models import Article, Claim

__all__ = ["ClaimCheck", "ClaimStore", "Verdict", "check_claim_set", "check_claims", "compare"]

Verdict = Literal["agree", "disagree", "cannot check"]
_DIGITS = re.compile(r"\d+")


class ClaimStore(TallyStore, Protocol):
    """What checking every stored claim needs: the claims, their articles and ``Store.tally``."""

    def iter_claims(self) -> Iterator[Claim]: ...

    def articles(self, article_ids: Iterable[str]) -> dict[str, Article]: ...


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


def _sentence_first(claim: Claim, others: Sequence[Claim]) -> list[Claim]:
    """The other claims of the article, those of the claim's own sentence first."""
    rest = [o for o in others if o.claim_id != claim.claim_id]
    return sorted(rest, key=lambda o: o.span.sentence_index != claim.span.sentence_index)


def _breakdown(claim: Claim) -> tuple[int, str] | None:
    """(sum, 'a + b') of a real breakdown; one part alone ('including a child') is an example."""
    if not claim.parts or (len(claim.parts) == 1 and claim.parts[0].value <= claim.value):
        return None
    return sum(p.value for p in claim.parts), " + ".join(str(p.value) for p in claim.parts)


def _parts_check(claim: Claim, siblings: Sequence[Claim], rules: ClaimRules) -> ClaimCheck | None:
    """A breakdown must add up to the count that introduces it."""
    breakdown = _breakdown(claim)
    if breakdown is None:
        return None
    total, sums = breakdown
    if compare(total, claim.value, claim.qualifier, rules):
        return _check(claim, "parts", "agree", total, f"its parts add up: {sums} = {total}")
    reason = f"{sums} = {total}, not {_said(claim)}"
    echo = next((s for s in _sentence_first(claim, siblings) if s.value == total), None)
    if echo is not None:
        reason += f" (and {total} is the total the article gives for '{echo.what}')"
    elif total < claim.value:
        reason += " (unless the breakdown leaves some out)"
    return _check(claim, "parts", "disagree", total, reason)


def _echo_checks(claims: Sequence[Claim]) -> Iterator[ClaimCheck]:
    """A figure that a sibling's breakdown adds up to, while the sibling itself says otherwise."""
    for claim in claims:
        breakdown = _breakdown(claim)
        if breakdown is None or breakdown[0] == claim.value:
            continue
        total, sums = breakdown
        for other in claims:
            if (
                other.span.sentence_index == claim.span.sentence_index
                and other.value == total
                and other is not claim
            ):
                yield _check(
                    other, "siblings", "disagree", claim.value,
                    f"the same sentence gives {_said(claim)} for '{claim.what}', whose own breakdown "
                    f"{sums} = {total} matches this figure instead",
                )  # fmt: skip


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


@dataclass(frozen=True)
class _Counted:
    in_window: int
    events: int
    dead: int


class _Counter:
    """Counts stored events per claim filter in SQL; one tally per window and grouping."""

    def __init__(self, store: TallyStore) -> None:
        self.store = store
        self._cache: dict[tuple[dt.date, dt.date, bool], list[dict[str, Any]]] = {}

    def count(self, described: ClaimFilter, since: dt.date, until: dt.date) -> _Counted:
        key = (since, until, described.needs_actors)
        if key not in self._cache:
            by = list(_GROUP_BY) + (["actor1", "actor2"] if described.needs_actors else [])
            self._cache[key] = self.store.tally(by, since, until)
        rows = self._cache[key]
        hits = [row for row in rows if described.accepts_row(row)]
        return _Counted(
            in_window=sum(int(row["events"]) for row in rows),
            events=sum(int(row["events"]) for row in hits),
            dead=sum(int(row["fatalities_best"] or 0) for row in hits),
        )


_GROUP_BY = ("event_type", "sub_event_type", "country")


def _database_checks(
    claims: Sequence[Claim],
    counter: _Counter | None,
    articles: Mapping[str, Article | None],
    rules: ClaimRules,
) -> Iterator[ClaimCheck]:
    for claim in claims:
        described = filter_for(claim, rules)
        window = _window(claim, articles.get(claim.article_id))
        if isinstance(described, str) or isinstance(window, str):
            reason = described if isinstance(described, str) else str(window)
            yield _check(claim, "database", "cannot check", None, reason)
        elif counter is None:
            yield _check(claim, "database", "cannot check", None, "no database to count events in")
        else:
            yield _against_events(claim, described, window, counter, rules)


def _against_events(
    claim: Claim,
    described: ClaimFilter,
    window: tuple[dt.date, dt.date],
    counter: _Counter,
    rules: ClaimRules,
) -> ClaimCheck:
    since, until = window
    counted = counter.count(described, since, until)
    span = f"{since.isoformat()} to {until.isoformat()}"
    if counted.in_window == 0:
        return _check(claim, "database", "cannot check", None, f"no events stored from {span}")
    fatal = described.rule.measure == "fatalities"
    found = counted.dead if fatal else counted.events
    what = f"{found} dead in {counted.events} events" if fatal else f"{found} events"
    scope = f"({described.describe()}) from {span}, of {counted.in_window} stored in that window"
    if compare(found, claim.value, claim.qualifier, rules):
        reason = f"we document {what} {scope}; the claim says {_said(claim)}"
        return _check(claim, "database", "agree", found, reason)
    if found > claim.value:
        reason = f"we document {what} {scope}, more than the claim's {_said(claim)}: it undercounts"
        return _check(claim, "database", "disagree", found, reason)
    reason = f"we document {found} of the {_said(claim)} claimed {scope}; the database may not cover them all"
    return _check(claim, "database", "cannot check", found, reason)


def check_claim_set(
    claims: Sequence[Claim],
    store: TallyStore | None,
    articles: Mapping[str, Article | None],
    rules: ClaimRules | None = None,
) -> list[ClaimCheck]:
    """All checks for these claims (events counted in ``store``; None: no database check)."""
    rules = rules or load_claim_rules()
    counter = _Counter(store) if store is not None else None
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
        results.extend(_echo_checks(group))
        results.extend(_database_checks(group, counter, articles, rules))
    order = {c.claim_id: i for i, c in enumerate(claims)}
    kinds = {"parts": 0, "siblings": 1, "database": 2}
    return sorted(results, key=lambda r: (r.article_id, order.get(r.claim_id, 0), kinds[r.check]))


def check_claims(store: ClaimStore, rules: ClaimRules | None = None) -> list[ClaimCheck]:
    """Check every stored claim; see the module docstring for the three checks."""
    claims = list(store.iter_claims())
    found = store.articles({c.article_id for c in claims}) if claims else {}
    articles: dict[str, Article | None] = {a: found.get(a) for a in {c.article_id for c in claims}}
    return check_claim_set(claims, store, articles, rules)
