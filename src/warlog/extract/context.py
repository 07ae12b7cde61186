"""What the words around a cue say about it: background, denial, statement, hedge, source.

These decide whether a sentence tells today's event at all, which is where a keyword
matcher goes wrong: "Israel often targets ...", "the US carried out no strikes".
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from warlog.extract.lexicons import lexicons

__all__ = [
    "country_matches",
    "find_hedge",
    "find_source",
    "is_anaphoric",
    "is_background",
    "is_country_aside",
    "is_denial",
    "is_no_claim",
    "is_statement",
]

_PAST_YEAR = re.compile(
    r"\b(?:in|since|during|until)\s+(?:early\s+|late\s+|mid-?)?((?:19|20)\d\d)\b", re.IGNORECASE
)


def is_background(text: str, published: dt.date | None) -> bool:
    """History, habits, generalities, intentions: not an event of the day."""
    if lexicons().background.search(text):
        return True
    if published is not None:
        return any(int(m.group(1)) < published.year for m in _PAST_YEAR.finditer(text))
    return False


def country_matches(text: str) -> list[re.Match[str]]:
    """Country names that say where or whose an event is: asides ("banned in Russia") and
    parentheses are left out."""
    return list(_country_matches(text))


@lru_cache(maxsize=256)
def _country_matches(text: str) -> tuple[re.Match[str], ...]:
    """Cached: the article's countries and each mention's read the same sentences."""
    lex = lexicons()
    return tuple(m for m in lex.country_regex.finditer(text) if not is_country_aside(text, m.start()))


def is_country_aside(text: str, start: int) -> bool:
    """The country name at ``start`` sits in an aside or in parentheses."""
    if lexicons().country_aside.search(text[max(0, start - 60) : start]):
        return True
    return text.rfind("(", 0, start) > text.rfind(")", 0, start)


def is_denial(text: str) -> re.Match[str] | None:
    """An actor's part in the event denied: actors written before the match did not act."""
    return lexicons().denial.search(text)


def is_no_claim(text: str) -> bool:
    """Nobody owned the event yet, or a party would not comment: no event, no one cleared."""
    return lexicons().no_claim.search(text) is not None


def is_statement(text: str) -> bool:
    return lexicons().statement.search(text) is not None


def is_anaphoric(text: str) -> bool:
    """The sentence refers back to an event already told ("the strikes", "the death toll")."""
    return lexicons().anaphora.search(text) is not None


def find_hedge(text: str, start: int, end: int, window: int = 45) -> str | None:
    """The hedge written near an attacker mention at text[start:end], as written."""
    lo, hi = max(0, start - window), min(len(text), end + window)
    best: tuple[int, str] | None = None
    for regex in lexicons().hedges:
        for m in regex.finditer(text, lo, hi):
            distance = start - m.end() if m.end() <= start else m.start() - end
            if best is None or distance < best[0]:
                best = (distance, m.group().lower())
    return best[1] if best else None


def find_source(text: str) -> tuple[str, int, int] | None:
    """The first cited source in ``text``: (name, start, end)."""
    lex = lexicons()
    found = lex.source_scanner.search(text)
    if found is None:
        return None
    row, start, end = found
    return lex.source_names[row], start, end


def source_spans(text: str) -> list[tuple[int, int]]:
    """Where sources are cited: actor mentions inside these are not actors."""
    return list(_source_spans(text))


@lru_cache(maxsize=256)
def _source_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in lexicons().any_source.finditer(text))
