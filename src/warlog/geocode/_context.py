"""What an article says about where it is: the countries, provinces and towns it names.

A bare "Tripoli" or "Suwayda" is resolved by the company it keeps, so the article (title and
text) is scanned once for country names, demonyms, province names and towns that are not in
doubt. A country written as a location ("in Syria", "eastern Syria") counts fully; one used as an
adjective or an actor ("US forces", "Syrian") counts half.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from warlog.geocode._gazetteer import Gazetteer
from warlog.geocode._normalise import fold, normalise_key
from warlog.geocode._relative import haversine_km

__all__ = ["Context", "NameHit", "build_context", "iter_name_hits", "written_as_villages"]

# A run of capitalised words (with the small words place names carry inside them).
_NAME_RUN = re.compile(
    r"(?:(?:al|el|ad|ar|as|az|an|at|ash|ez|Al|El|Ad|Ar|As|Az|An|At|Ash|Ez)[-\s])?"
    r"[A-Z][\w'’ʿ]*(?:[-\s](?:(?:al|el|ad|ar|as|az|an|at|ash|ez|de|of|bin)[-\s])?[A-Z0-9][\w'’ʿ]*)*"
)
_WORD_BEFORE = re.compile(r"([A-Za-z-]+)\W*$")
# A town named in the article counts as company when its candidates lie within this of each other.
_ONE_PLACE_KM = 25.0


@dataclass(slots=True)
class NameHit:
    start: int
    end: int
    text: str


@dataclass
class Context:
    countries: dict[str, float] = field(default_factory=dict)
    regions: Counter[int] = field(default_factory=Counter)
    # which name keys named each country / region / point, so a name is never its own evidence
    country_keys: dict[str, set[str]] = field(default_factory=dict)
    region_keys: dict[int, set[str]] = field(default_factory=dict)
    points: list[tuple[float, float, str]] = field(default_factory=list)
    located: set[str] = field(default_factory=set)  # countries written as places ("in Syria", "in Homs")

    def country_weight(self, cc: str, own_key: str = "") -> float:
        """0..1: named once as a place is enough (actors are named far more often than places)."""
        if cc not in self.countries or self.country_keys.get(cc, set()) <= {own_key}:
            return 0.0
        return min(1.0, self.countries[cc])

    def names_region(self, idx: int, own_key: str = "") -> bool:
        return idx in self.regions and not self.region_keys.get(idx, set()) <= {own_key}

    def nearest_km(self, lat: float, lon: float, own_key: str = "") -> float | None:
        dists = [haversine_km(lat, lon, plat, plon) for plat, plon, key in self.points if key != own_key]
        return min(dists) if dists else None

    def with_points(self, points: list[tuple[float, float, str]]) -> Context:
        return replace(self, points=points)


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


def _as_location(text: str, start: int, vocab: set[str]) -> bool:
    before = _WORD_BEFORE.search(text[max(0, start - 30):start])
    return bool(before and before.group(1).lower() in vocab)


def build_context(gaz: Gazetteer, text: str) -> Context:
    """Count the countries and provinces ``text`` names, then the towns there that are not in doubt."""
    ctx = Context()
    generic = set(gaz.descriptors.get("directions", {})) | set(gaz.descriptors.get("generic_names", []))
    location_words = {*gaz.descriptors.get("location_words", []), *gaz.descriptors.get("directions", {})}
    towns: list[tuple[NameHit, str]] = []
    taken: list[tuple[int, int]] = []
    for hit in iter_name_hits(text, max_words=3):
        if any(a < hit.end and hit.start < b for a, b in taken):
            continue
        key = normalise_key(hit.text)
        if not key or fold(hit.text) in generic:
            continue
        cc = gaz.country_by_key.get(key)
        demonym = gaz.demonym_by_key.get(key)
        if cc or demonym:
            # a demonym ("Syrian forces") counts half even where it stands before a place word
            _count_country(ctx, cc or demonym or "", key, _as_location(text, hit.start, location_words),
                           full=bool(cc))
            taken.append((hit.start, hit.end))
            continue
        territory = gaz.territory_by_key.get(key)
        if territory:
            # "the war in Gaza" puts the article in Palestine, never in Mozambique's Gaza province.
            _count_country(ctx, territory, key, _as_location(text, hit.start, location_words))
        regions = [i for i in gaz.region_by_key.get(key, []) if territory in (None, gaz.regions[i].cc)]
        if regions and _as_location(text, hit.start, location_words):
            ctx.located.update(gaz.regions[idx].cc for idx in regions)
        for idx in regions:
            ctx.regions[idx] += 1
            ctx.region_keys.setdefault(idx, set()).add(key)
            iso = gaz.regions[idx].cc
            ctx.countries[iso] = ctx.countries.get(iso, 0.0) + 0.5
            ctx.country_keys.setdefault(iso, set()).add(key)
        if regions:
            taken.append((hit.start, hit.end))
        elif len(key) >= 4 and gaz.places(key):
            towns.append((hit, key))
            taken.append((hit.start, hit.end))
    ctx.points = _town_points(gaz, ctx, towns)
    return ctx


def _count_country(ctx: Context, iso: str, key: str, as_place: bool, full: bool = True) -> None:
    """One naming of a country: a full count written as a place ("in Syria"), half otherwise."""
    if as_place:
        ctx.located.add(iso)
    ctx.countries[iso] = ctx.countries.get(iso, 0.0) + (1.0 if full and as_place else 0.5)
    ctx.country_keys.setdefault(iso, set()).add(key)


def written_as_villages(text: str, words: list[str]) -> dict[str, str]:
    """Names the text calls a village ("the village of X", "X village"): never a city of that name."""
    if not words:
        return {}
    word = "|".join(re.escape(w) for w in words)
    name = r"(?P<name>(?:(?:al|el|ad|ar|as|az|an|at|ash)[-\s])?[A-Z][\w'’ʿ]*(?:[-\s][A-Z][\w'’ʿ]*)*)"
    found: dict[str, str] = {}
    for pattern in (rf"\b(?P<word>{word})\s+of\s+(?:the\s+)?{name}", rf"{name}\s+(?P<word>{word})\b"):
        for match in re.finditer(pattern, text):
            found.setdefault(normalise_key(match.group("name")), match.group("word"))
    return found


def _town_points(gaz: Gazetteer, ctx: Context,
                 towns: list[tuple[NameHit, str]]) -> list[tuple[float, float, str]]:
    """Towns in the article's countries whose every candidate is one place: company for the others."""
    points: list[tuple[float, float, str]] = []
    seen: set[str] = set()
    for _hit, key in towns:
        if key in seen:
            continue
        seen.add(key)
        rows = [r for r in gaz.places(key) if (r.cc in ctx.countries or not ctx.countries)
                and (r.radius_km or 0) <= 10]
        if not rows:
            continue
        first = rows[0]
        if all(haversine_km(first.lat, first.lon, r.lat, r.lon) <= _ONE_PLACE_KM for r in rows[1:]):
            points.append((first.lat, first.lon, key))
    return points
