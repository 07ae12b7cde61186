"""Candidate places as written: names after locative words, facility and admin patterns.

Generous on purpose: the geocoder decides which names resolve. NER labels are not used
(a small English model tags "al-Bukamal" as an organisation); the shape of the text is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from warlog.extract.context import is_country_aside
from warlog.extract.lexicons import lexicons

__all__ = ["PlaceHit", "find_places", "place_key"]

_UP = r"[A-Z\u00C0-\u00DE][\w'’\u00C0-\u024F]*"
_HYPH = r"(?:-[\w'’\u00C0-\u024F]+)*"


@dataclass(frozen=True, slots=True)
class PlaceHit:
    name: str
    start: int
    end: int
    role: Literal["site", "area", "country", "relative"]
    relation: str | None


@dataclass(frozen=True)
class _Patterns:
    name: re.Pattern[str]
    locative: re.Pattern[str]
    relative: re.Pattern[str]
    based: re.Pattern[str]
    area_after: re.Pattern[str]
    site_after: re.Pattern[str]
    not_places: frozenset[str]
    not_prefixes: frozenset[str]
    not_suffixes: frozenset[str]
    particles: frozenset[str]


@cache
def _patterns() -> _Patterns:
    lex = lexicons().places
    particles = lex.particles
    demonyms = "|".join(re.escape(w) for w in lex.not_place_prefixes.split())
    token = rf"(?:{_UP}{_HYPH}|(?:{particles})-{_UP}{_HYPH}|(?:{particles})-[a-z][\w'’]+(?=\s+{_UP}))"
    name = rf"{token}(?:\s+(?:(?:{particles}|\d+)\s+)?{token})*"
    return _Patterns(
        name=re.compile(name),
        locative=re.compile(
            rf"(?:^|(?<=[\s(\"“]))(?:{lex.locatives})\s+(?:the\s+)?(?:(?:[a-z][\w-]*|{_UP}'s|{demonyms})\s+){{0,3}}?$",
            re.IGNORECASE,
        ),
        based=re.compile(rf"\b(?:{lex.not_event_places})\s+(?:the\s+)?$", re.IGNORECASE),
        relative=re.compile(rf"(?:{lex.relative})\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?$", re.IGNORECASE),
        area_after=re.compile(rf"^(?:'s)?\s+(?:[a-z]+\s+)?({lex.area_words})\b", re.IGNORECASE),
        site_after=re.compile(rf"^(?:'s)?\s+(?:(?-i:[a-z]+)\s+)?({lex.site_words})\b", re.IGNORECASE),
        not_places=frozenset(lex.not_places.split()),
        not_prefixes=frozenset(lex.not_place_prefixes.split()),
        not_suffixes=frozenset(lex.not_place_suffixes.split("|")),
        particles=frozenset(particles.split("|")),
    )


_NOT_WORD = re.compile(r"[^\w]")
_WORD = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"['’]s\s+")


@lru_cache(maxsize=1024)
def place_key(name: str) -> str:
    """A spelling-insensitive key: 'Al-Bukamal', 'Albukamal', 'al Bukamal' -> 'bukamal'.

    Cached: grouping compares the same few names pairwise."""
    key = _NOT_WORD.sub("", name.casefold().replace("’", "'"))
    for prefix in ("al", "el", "ad", "as", "ash", "ar", "az", "an", "at"):
        if key.startswith(prefix) and len(key) > len(prefix) + 3:
            key = key[len(prefix) :]
            break
    return key


def _trim(text: str, start: int, end: int, pats: _Patterns) -> tuple[int, int]:
    """Drop leading words that never start a place ('The', 'Iranian') and a trailing "'s"."""
    words = list(_WORD.finditer(text[start:end]))
    while words and (
        words[0].group().rstrip("'’s") in pats.not_places
        or words[0].group() in pats.not_prefixes
        or words[0].group() in pats.particles
        or words[0].group().rsplit("-", 1)[-1].casefold() in pats.not_suffixes  # "Iranian-backed"
    ):
        words.pop(0)
    while words and words[-1].group().lower() in pats.particles:
        words.pop()
    if not words:
        return start, start
    new_start, new_end = start + words[0].start(), start + words[-1].end()
    if text[new_start:new_end].endswith(("'s", "’s")):
        new_end -= 2
    return new_start, new_end


def find_places(text: str, blocked: list[tuple[int, int]] | None = None) -> list[PlaceHit]:
    """Place mentions in ``text`` (offsets into it), best first: sites, areas, then countries.

    ``blocked`` spans (actor and source mentions) are never places.
    """
    pats = _patterns()
    countries = lexicons().countries
    blocked = blocked or []
    hits: list[PlaceHit] = []
    generic = _generic_words()
    for m_start, m_end in _name_spans(text, pats):
        whole = text[m_start:m_end]
        if " " in whole and whole.casefold() in countries:
            start, end = m_start, m_end  # "West Bank": a known name keeps its first word
        else:
            start, end = _trim(text, m_start, m_end, pats)
        if end <= start or any(start < b1 and end > b0 for b0, b1 in blocked):
            continue
        name = text[start:end]
        if name.casefold() in generic or name in pats.not_places or _is_demonym(name):
            continue
        if _is_adjective(name, pats) or (name.casefold() in countries and is_country_aside(text, start)):
            continue
        before = text[max(0, start - 60) : start]
        after = text[end : end + 40]
        area = pats.area_after.match(after)
        site = pats.site_after.match(after)
        locative = pats.locative.search(before)
        possessive = after.startswith(("'s", "’s"))
        if not (locative or area or site or (possessive and name.casefold() in countries)):
            continue
        if _ACCORDING.search(before) or pats.based.search(before):
            continue
        admin_of = _ADMIN_OF.search(before)
        role: Literal["site", "area", "country", "relative"]
        if name.casefold() in countries:
            role, relation = "country", _modifier(before)
        elif admin_of:
            role, relation = "area", admin_of.group(1).lower()
        elif area:
            role, relation = "area", area.group(1).lower()
        elif possessive and pats.name.match(text, end + 3):
            role, relation = "area", None  # "Balochistan's Kech district": the name holds the next
        else:
            rel = pats.relative.search(before)
            role = "relative" if rel else "site"
            relation = rel.group().strip() if rel else (site.group(1).lower() if site else None)
        hits.append(PlaceHit(name, start, end, role, relation))
    order = {"site": 0, "relative": 1, "area": 2, "country": 3}
    return sorted(hits, key=lambda h: (order[h.role], h.start))


_ADMIN_OF = re.compile(
    r"\b(province|governorate|region|state|county|countryside|district|oblast|department|prefecture) of\s+$",
    re.I,
)
_ACCORDING = re.compile(r"\baccording\s+to\s+$", re.I)


def _is_adjective(name: str, pats: _Patterns) -> bool:
    """ "SDF-held", "Friday-Saturday": hyphenated words that are no place name."""
    if "-" not in name or " " in name:
        return False
    parts = name.split("-")
    return parts[-1].casefold() in pats.not_suffixes or all(p in pats.not_places for p in parts)


def _is_demonym(name: str) -> bool:
    """ "Syrian", "Iraqis": adjectives and peoples, not places."""
    countries = lexicons().countries
    folded = name.casefold()
    for form in (folded, folded[:-1] if folded.endswith("s") else folded):
        if form in countries and countries[form].casefold() != form:
            return True
    return False


def _name_spans(text: str, pats: _Patterns) -> list[tuple[int, int]]:
    """Name matches, split at a possessive inside them ("Syria's al-Omar" -> "Syria", "al-Omar")."""
    spans = []
    for m in pats.name.finditer(text):
        start = m.start()
        for poss in _POSSESSIVE.finditer(m.group()):
            spans.append((start, m.start() + poss.start() + 2))
            start = m.start() + poss.end()
        spans.append((start, m.end()))
    return spans


@cache
def _generic_words() -> frozenset[str]:
    lex = lexicons().places
    words = f"{lex.area_words}|{lex.site_words}".split("|")
    return frozenset(w.casefold() for w in words)


def _modifier(before: str) -> str | None:
    m = re.search(
        r"\b(north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+$",
        before,
        re.IGNORECASE,
    )
    return m.group().strip().lower() if m else None
