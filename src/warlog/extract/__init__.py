"""Extract: an article's text -> Reports (one per event it tells) and Claims, with spans.

Rules over lexicons (``data/lexicons``): sentences are read as event mentions, mentions of
one event are grouped, each group becomes a Report whose every field carries the span it
was read from. Aggregate statements become Claims and never events.
"""

from __future__ import annotations

import logging
from collections import Counter

from warlog.extract.actors import find_actors, find_claimant
from warlog.extract.claims import scan_claims
from warlog.extract.clauses import split_clauses
from warlog.extract.context import country_matches, is_denial
from warlog.extract.cues import find_cues, main_cue
from warlog.extract.dates import default_date
from warlog.extract.grouping import Group, family, group_mentions
from warlog.extract.lexicons import lexicons
from warlog.extract.mentions import Mention, read_sentence
from warlog.extract.reports import Claimant, build_report
from warlog.extract.sentences import Sentence, split_sentences
from warlog.extract.title import title_attacker
from warlog.models import Article, Extraction, Report
from warlog.settings import Settings

__all__ = ["extract"]

log = logging.getLogger(__name__)

_DENIER_REACH = 60  # characters between the denier and its denial ("Iran, however, denied ...")


def _denied_actors(sentences: list[str]) -> set[str]:
    """Actors an article says did not act ("the United States was not involved in the raid")."""
    denied: set[str] = set()
    for text in sentences:
        denial = is_denial(text)
        if denial:  # the denier is the subject: the last actor named before the denial
            before = [
                h
                for h in find_actors(text)
                if h.end <= denial.start() and denial.start() - h.end < _DENIER_REACH
            ]
            if before:
                denied.add(before[-1].entry.name)
    return denied


def _claimants(clauses: list[Sentence]) -> list[Claimant]:
    """Actors the article says owned an event, with the kind of event where the claim names it.

    Read clause by clause: in "the strikes came hours after X said it had attacked a base",
    X owns the attack on the base, not the strikes."""
    found = []
    for clause in clauses:
        hit = find_claimant(clause.text)
        if hit is None:
            continue
        cue = main_cue([c for c in find_cues(clause.text) if c.strength >= 2])
        found.append(Claimant(clause, hit, family(cue.mode) if cue else None))
    return found


def _clause_key(clause: Sentence) -> tuple[int, int]:
    return clause.index, clause.start


def _claimants_of(group: Group, claimants: list[Claimant], read: set[tuple[int, int]]) -> list[Claimant]:
    """A claim made in a clause read as a mention belongs to the event that mention joined (if
    any); a claim told apart ("X claimed the attack") may own any event of its kind."""
    mine = {_clause_key(m.sentence) for m in group.mentions}
    return [c for c in claimants if _clause_key(c.sentence) in mine or _clause_key(c.sentence) not in read]


def _article_countries(sentences: list[Sentence]) -> Counter[str]:
    """Countries the article names; inside an actor name ("Syrian regime") a name counts less."""
    lex = lexicons()
    found: Counter[str] = Counter()
    for sentence in sentences:
        text = sentence.text
        matches = country_matches(text)
        if not matches:
            continue  # most sentences name no country: spare the actor scan
        blocked = [(h.start, h.end) for h in find_actors(text)]
        for m in matches:
            inside = any(m.start() < b1 and m.end() > b0 for b0, b1 in blocked)
            found[lex.countries[m.group().casefold()]] += 1 if inside else 3
    return found


def _carry_dates(text: str, groups: list[Group], mentions: list[Mention]) -> None:
    """A round-up dates its first event and lets the rest of the paragraph run on ("On
    Saturday, drones struck X. Artillery shelled Y."): an undated event takes the date of the
    last dated mention before it in the same paragraph."""
    dated = [m for m in mentions if m.date is not None and not m.date.reported]
    for group in groups:
        if group.lent_dates or any(m.date is not None for m in group.mentions):
            continue
        first = min(group.mentions, key=lambda m: m.sentence.start)
        before = [m for m in dated if m.sentence.end <= first.sentence.start]
        if before:
            last = max(before, key=lambda m: m.sentence.start)
            if "\n" not in text[last.sentence.end : first.sentence.start]:
                group.lent_dates = [last]


def extract(article: Article, settings: Settings) -> Extraction:
    """Reports and claims of one article; ids ``{article.id}/r{n}`` and ``{article.id}/c{n}``."""
    sentences = split_sentences(article.text)
    context = article.text[:300]
    # claim sentences, their follow-ups ("Those strikes killed 77") and bullet breakdowns
    claims, claimed = scan_claims(article, sentences)
    claimed |= {c.span.sentence_index for c in claims}
    mentions: list[Mention] = []
    clauses: list[Sentence] = []
    for sentence in sentences:
        parts = split_clauses(sentence)
        clauses.extend(parts)
        if sentence.index in claimed:
            continue  # an aggregate statement is a claim, never an event
        for n, clause in enumerate(parts):
            mention = read_sentence(clause, article.published, context, settings.use_parser, tail=n > 0)
            if mention is not None:
                mentions.append(mention)
    denied = _denied_actors([s.text for s in sentences])
    countries = _article_countries(sentences)
    claimants = _claimants(clauses)
    headline = title_attacker(article.title, sentences)
    fallback = default_date(article.published)
    reports: list[Report] = []
    groups = group_mentions(mentions)
    _carry_dates(article.text, groups, mentions)
    read = {_clause_key(m.sentence) for m in mentions}
    for group in groups:
        report = build_report(
            article,
            group,
            len(reports) + 1,
            denied,
            countries,
            fallback,
            alone=len(groups) == 1,
            claimants=_claimants_of(group, claimants, read),
            headline=headline,
        )
        if report is not None:
            reports.append(report)
    log.debug("%s: %d mentions, %d reports, %d claims", article.id, len(mentions), len(reports), len(claims))
    return Extraction(article_id=article.id, reports=reports, claims=claims)
