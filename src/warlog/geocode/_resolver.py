"""Resolve one place phrase to a point, a province and an ACLED precision, saying why.

Candidates come from the transliteration key (exact), then a scored fuzzy match on keys of the
countries in context; each is scored by how well the name matches, the article's countries and
provinces, closeness to the report's other places, population and feature type.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

from warlog.geocode._context import Context
from warlog.geocode._gazetteer import Gazetteer, Region
from warlog.geocode._normalise import normalise_key
from warlog.geocode._relative import Descriptor, destination, haversine_km, parse_descriptor
from warlog.models import Place

__all__ = ["Candidate", "GeocodeResult", "resolve"]

FUZZY_MIN = 86.0  # key similarity (0-100) below which a name is not guessed at
ACCEPT_MIN = 0.75  # candidate score below which nothing is chosen


@dataclass(slots=True)
class Candidate:
    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    kind: str
    population: int
    score: float
    gazetteer_id: str
    match: str = "key"
    notes: list[str] = field(default_factory=list)


@dataclass
class GeocodeResult:
    query: str
    candidates: list[Candidate]
    chosen: Candidate | None
    place: Place | None
    why: str


def _country_name(gaz: Gazetteer, cc: str | None) -> str | None:
    return gaz.countries[cc].name if cc and cc in gaz.countries else cc


def _place_candidates(gaz: Gazetteer, idxs: list[int], match: str, base: float) -> list[Candidate]:
    return [
        Candidate(gaz.names[i], gaz.ccs[i], gaz.admin1[i], gaz.lats[i], gaz.lons[i], gaz.kinds[i],
                  gaz.populations[i], base, gaz.ids[i], match)
        for i in idxs
    ]


def _region_candidates(gaz: Gazetteer, idxs: list[int], match: str, base: float) -> list[Candidate]:
    out = []
    for i in idxs:
        r = gaz.regions[i]
        point = r.seat or r.point
        if point is None:
            continue
        out.append(Candidate(r.name, r.cc, r.name, point[0], point[1], "province", 0, base,
                             f"admin1:{r.cc}.{r.code}", match))
    return out


def _country_candidate(gaz: Gazetteer, cc: str, match: str, base: float) -> list[Candidate]:
    c = gaz.countries.get(cc)
    if c is None or c.point is None:
        return []
    return [Candidate(c.name, cc, None, c.point[0], c.point[1], "country", c.population, base,
                      f"country:{cc}", match)]


def _fuzzy_keys(gaz: Gazetteer, key: str, ctx: Context) -> list[tuple[str, float]]:
    pool: set[str] = set(gaz.facility_keys) | set(gaz.region_by_key)
    for cc in ctx.countries:
        pool |= gaz.keys_by_cc.get(cc, set())
    if len(key) < 4 or not pool:
        return []
    choices = sorted(k for k in pool if abs(len(k) - len(key)) <= 3)
    found = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=5)
    return [(choice, score) for choice, score, _ in found]


def _gather(gaz: Gazetteer, desc: Descriptor, full: str, ctx: Context) -> list[Candidate]:
    key = normalise_key(desc.core)
    cands: list[Candidate] = []
    full_key = normalise_key(full)
    if desc.facility or full_key in gaz.facility_keys:
        facility_hits = [i for i in gaz.by_key.get(full_key, []) if gaz.kinds[i] != "populated place"]
        cands += _place_candidates(gaz, facility_hits, "facility name", 1.3)
    if not key:
        return cands
    cands += _place_candidates(gaz, gaz.by_key.get(key, []), "key", 1.0)
    cands += _region_candidates(gaz, gaz.region_by_key.get(key, []), "province name",
                                1.4 if desc.level == "province" else 0.9)
    cc = gaz.country_by_key.get(key)
    if cc:
        cands += _country_candidate(gaz, cc, "country name", 2.0)
    if not cands:
        for fkey, score in _fuzzy_keys(gaz, key, ctx):
            base = 0.9 * score / 100
            cands += _place_candidates(gaz, gaz.by_key.get(fkey, []), f"fuzzy {score:.0f}", base)
            cands += _region_candidates(gaz, gaz.region_by_key.get(fkey, []), f"fuzzy {score:.0f}",
                                        base * (1.4 if desc.level == "province" else 0.9))
    return cands


def _score(gaz: Gazetteer, cand: Candidate, ctx: Context, desc: Descriptor) -> None:
    weight = ctx.country_weight(cand.country or "")
    if weight:
        cand.score += 0.2 + 0.6 * weight
        cand.notes.append(f"{cand.country} named in the article")
    elif ctx.countries:
        cand.score -= 0.3
    if cand.admin1 and any(gaz.regions[i].name == cand.admin1 and gaz.regions[i].cc == cand.country
                           for i in ctx.regions):
        cand.score += 0.3
        cand.notes.append(f"{cand.admin1} named in the article")
    if ctx.points:
        nearest = min(haversine_km(cand.lat, cand.lon, lat, lon) for lat, lon in ctx.points)
        if nearest < 50:
            cand.score += 0.4
            cand.notes.append(f"{nearest:.0f} km from another place in the report")
        elif nearest < 150:
            cand.score += 0.2
    if cand.population:
        cand.score += 0.25 * min(1.0, math.log10(cand.population + 1) / 6)
    if desc.facility and cand.kind not in ("populated place", "province", "country"):
        cand.score += 0.2
    if desc.level == "town" and cand.kind == "populated place":
        cand.score += 0.2


def _extent_km(region_poly: object, lat: float, lon: float, bearing: float) -> float:
    """How far the polygon reaches from (lat, lon) on a bearing, sampled every 5 km."""
    import shapely

    reach = 0.0
    for step in range(5, 600, 5):
        plat, plon = destination(lat, lon, bearing, step)
        if shapely.contains_xy(region_poly, plon, plat):
            reach = step
    return reach


def _place_for(gaz: Gazetteer, cand: Candidate, desc: Descriptor, written: str) -> Place:
    lat, lon = cand.lat, cand.lon
    precision: Literal[1, 2, 3] = 1
    radius = 2.0
    admin1 = cand.admin1
    why: list[str] = []
    region: Region | None = None
    if cand.kind == "country":
        precision, radius, admin1 = 3, 150.0, None
    elif cand.kind == "province" or desc.level == "province":
        precision, radius = 3, 60.0
        region = gaz.region_named(cand.country or "", cand.admin1 or "")
    elif desc.level == "town":
        precision, radius = 1, 3.0
    elif cand.kind not in ("populated place",):
        precision, radius = 1, 2.0
    if desc.bearing is not None:
        if desc.offset_km is not None:
            distance = desc.offset_km
            why.append(f"{distance:.0f} km on bearing {desc.bearing:.0f}")
        else:
            region = region or (gaz.region_named(cand.country or "", cand.admin1 or "")
                                if cand.kind == "province" or desc.radius_km or _is_seat(gaz, cand) else None)
            if region is not None and region.polygon is not None:
                reach = _extent_km(region.polygon, lat, lon, desc.bearing)
                distance = min(60.0, max(15.0, reach / 3))
                why.append(f"{distance:.0f} km towards the {desc.relation or 'side'} of {region.name}")
            elif cand.kind == "country":
                country = gaz.countries.get(cand.country or "")
                reach = (_extent_km(country.polygon, lat, lon, desc.bearing)
                         if country and country.polygon else 0.0)
                distance = reach / 2
            else:
                distance = desc.radius_km or 5.0
        lat, lon = destination(lat, lon, desc.bearing, distance)
        if precision == 1:
            precision = 2
        radius = max(radius, distance / 2, desc.radius_km or 0.0)
    if desc.radius_km is not None and precision == 1:
        precision, radius = 2, max(radius, desc.radius_km)
    if (lat, lon) != (cand.lat, cand.lon) or cand.admin1 is None:
        found = gaz.region_at(lat, lon)
        if found is not None:
            admin1 = found.name
        if cand.kind == "country":
            admin1 = found.name if found is not None and desc.bearing is not None else None
    return Place(
        name=written,
        country=_country_name(gaz, cand.country),
        admin1=admin1,
        location=cand.name,
        latitude=round(lat, 5),
        longitude=round(lon, 5),
        geo_precision=precision,
        radius_km=round(radius, 1),
        gazetteer_id=cand.gazetteer_id,
        kind=cand.kind,
        why="; ".join([f"{cand.match} -> {cand.name} ({cand.country})", *cand.notes, *why]),
    )


def _is_seat(gaz: Gazetteer, cand: Candidate) -> bool:
    region = gaz.region_named(cand.country or "", cand.admin1 or "")
    return bool(region and region.seat and haversine_km(*region.seat, cand.lat, cand.lon) < 5)


def resolve(gaz: Gazetteer, text: str, ctx: Context) -> GeocodeResult:
    """Candidates for ``text`` in this context, best first, with the chosen one as a ``Place``."""
    desc = parse_descriptor(text, gaz.descriptors)
    cands = _gather(gaz, desc, text, ctx)
    for cand in cands:
        _score(gaz, cand, ctx, desc)
    cands.sort(key=lambda c: (-c.score, -c.population, c.gazetteer_id))
    seen: set[str] = set()
    unique = []
    for cand in cands:
        if cand.gazetteer_id not in seen:
            seen.add(cand.gazetteer_id)
            unique.append(cand)
    if not unique or unique[0].score < ACCEPT_MIN:
        why = f"no gazetteer name matches '{desc.core}'" if not unique else (
            f"best candidate {unique[0].name} scored {unique[0].score:.2f} < {ACCEPT_MIN}")
        return GeocodeResult(text, unique[:10], None, None, why)
    chosen = unique[0]
    place = _place_for(gaz, chosen, desc, text)
    runner = f"; next {unique[1].name} ({unique[1].country}) {unique[1].score:.2f}" if len(unique) > 1 else ""
    place.why = f"{place.why}; score {chosen.score:.2f}{runner}"
    return GeocodeResult(text, unique[:10], chosen, place, place.why)
