"""What an article says about where it is: the countries and provinces it names.

A bare "Tripoli" or "Suwayda" is resolved by the company it keeps, so the article (title and
text) is scanned once for country names, demonyms ("Syrian") and province names.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from warlog.geocode._gazetteer import Gazetteer
from warlog.geocode._normalise import fold, normalise_key

__all__ = ["Context", "NameHit", "build_context", "iter_name_hits"]

# A run of capitalised words (with the small words place names carry inside them).
_NAME_RUN = re.compile(
    r"(?:(?:al|el|ad|ar|as|az|an|at|ash|ez|Al|El|Ad|Ar|As|Az|An|At|Ash|Ez)[-\s])?"
    r"[A-Z][\w'’ʿ]*(?:[-\s](?:(?:al|el|ad|ar|as|az|an|at|ash|ez|de|of|bin)[-\s])?[A-Z0-9][\w'’ʿ]*)*"
)


@dataclass(slots=True)
class NameHit:
    start: int
    end: int
    text: str


@dataclass
class Context:
    countries: Counter[str] = field(default_factory=Counter)
    regions: Counter[int] = field(default_factory=Counter)
    points: list[tuple[float, float]] = field(default_factory=list)

    def country_weight(self, cc: str) -> float:
        if not self.countries or cc not in self.countries:
            return 0.0
        return self.countries[cc] / max(self.countries.values())


def iter_name_hits(text: str, max_words: int = 4) -> list[NameHit]:
    """Every sub-sequence (up to ``max_words``) of each capitalised run, longest first per run."""
    hits: list[NameHit] = []
    for match in _NAME_RUN.finditer(text):
        words = [(m.start() + match.start(), m.end() + match.start())
                 for m in re.finditer(r"[^\s-]+", match.group())]
        for n in range(min(max_words, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                start, end = words[i][0], words[i + n - 1][1]
                hits.append(NameHit(start, end, text[start:end].rstrip("'’")))
    return hits


def build_context(gaz: Gazetteer, text: str) -> Context:
    """Count the countries and provinces ``text`` names; demonyms count for their country."""
    ctx = Context()
    generic = set(gaz.descriptors.get("directions", {})) | set(gaz.descriptors.get("generic_names", []))
    for hit in iter_name_hits(text, max_words=3):
        key = normalise_key(hit.text)
        if not key or fold(hit.text) in generic:
            continue
        cc = gaz.country_by_key.get(key) or gaz.demonym_by_key.get(key)
        if cc:
            ctx.countries[cc] += 1
            continue
        for idx in gaz.region_by_key.get(key, []):
            ctx.regions[idx] += 1
            ctx.countries[gaz.regions[idx].cc] += 1
    return ctx
