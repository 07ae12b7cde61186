"""Resolve one place phrase to a point, a province and an ACLED precision, saying why.

Candidates come from the whole phrase as a name ("Green Village"), then the name inside the
description ("eastern Homs countryside" -> Homs), then a described facility ("the US base in
Jordan"), then a scored fuzzy match on keys of the countries in context. Each is scored by how
well the name matches, the article's countries and provinces (never counting the name itself),
closeness to the other towns the text names, an "in Y" the phrase gives, population and type.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import numpy as np
import shapely
from rapidfuzz import fuzz, process

from warlog.geocode._border import border_countries, border_point
from warlog.geocode._context import Context
from warlog.geocode._gazetteer import Gazetteer, PlaceRow, Region
from warlog.geocode._normalise import is_acronym, normalise_key
from warlog.geocode._relative import Descriptor, destination, haversine_km, parse_descriptor
from warlog.models import Place

__all__ = ["Candidate", "GeocodeResult", "resolve"]

FUZZY_MIN = 86.0  # key similarity (0-100) below which a name is not guessed at
ACCEPT_MIN = 0.75  # candidate score below which nothing is chosen
_POINT_KINDS = ("populated place", "province", "country")
_SAME_SITE_KM = 5.0  # facility rows this close are one site listed twice
_FAR_KM = 250.0  # a village this far from every other place named is likely a namesake
_SMALL_TOWN = 20_000
_BORDER_RADIUS_KM = 25.0  # "near the X border": somewhere along a stretch, not one spot
_NAMED_AFTER_KM = 8.0  # a camp or checkpoint named after a town lies at or near it (precision 2)


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
    radius_km: float | None = None


@dataclass
class GeocodeResult:
    query: str
    candidates: list[Candidate]
    chosen: Candidate | None
    place: Place | None
    why: str


@dataclass(slots=True)
class _Area:
    """Where an "in Y" says the place lies: a country, or a province of one."""

    cc: str
    region: Region | None
    name: str


def _country_name(gaz: Gazetteer, cc: str | None) -> str | None:
    return gaz.countries[cc].name if cc and cc in gaz.countries else cc


def _row_candidates(rows: tuple[PlaceRow, ...] | list[PlaceRow], match: str, base: float) -> list[Candidate]:
    return [Candidate(r.name, r.cc, r.admin1, r.lat, r.lon, r.kind, r.population, base, r.gid, match,
                      radius_km=r.radius_km) for r in rows]


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


_Buckets = tuple[tuple[int, tuple[str, ...]], ...]
"""Keys grouped by length, shortest first."""


def _bucketed(keys: set[str] | frozenset[str]) -> _Buckets:
    by_length: dict[int, list[str]] = {}
    for key in keys:
        by_length.setdefault(len(key), []).append(key)
    return tuple((size, tuple(group)) for size, group in sorted(by_length.items()))


def _may_reach(a: int, b: int) -> bool:
    """Whether strings of these lengths can score FUZZY_MIN with fuzz.ratio.

    ratio = 100 * (1 - indel / (a + b)) and indel >= |a - b|: only near-equal lengths can match,
    so scanning those buckets alone gives the answer a scan of every key gives.
    """
    return 100.0 * (1.0 - abs(a - b) / (a + b)) >= FUZZY_MIN - 1e-6


@lru_cache(maxsize=512)
def _fuzzy_buckets(gaz: Gazetteer, cc: str | None) -> _Buckets:
    """One country's keys (None: facilities and provinces, always in the pool), by length."""
    if cc is None:
        return _bucketed(set(gaz.facility_keys) | set(gaz.region_by_key))
    return _bucketed(gaz.keys_in_country(cc))


def _fuzzy_keys(gaz: Gazetteer, key: str, ctx: Context) -> list[tuple[str, float]]:
    if len(key) < 4:
        return []
    return list(_fuzzy_matches(gaz, key, frozenset(ctx.countries)))


@lru_cache(maxsize=8192)
def _fuzzy_matches(gaz: Gazetteer, key: str, countries: frozenset[str]) -> tuple[tuple[str, float], ...]:
    """The five keys closest to ``key`` among facilities, provinces and the countries' places.

    Ties go alphabetically. Per-country pools are scanned apart (a key in two countries scores
    the same in both), so no pool is built per combination of countries. Names recur: cached.
    """
    found: dict[str, float] = {}
    for cc in (None, *sorted(countries)):
        choices = [k for size, group in _fuzzy_buckets(gaz, cc) if _may_reach(len(key), size) for k in group]
        for choice, score, _ in process.extract(
            key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=None
        ):
            found[choice] = score
    return tuple(sorted(found.items(), key=lambda hit: (-hit[1], hit[0]))[:5])


def _by_key(gaz: Gazetteer, key: str, desc: Descriptor, match: str, base: float) -> list[Candidate]:
    cands = _row_candidates(gaz.places(key), match, base)
    cands += _region_candidates(gaz, gaz.region_by_key.get(key, []), f"province {match}",
                                base + (0.4 if desc.level == "province" else -0.1))
    cc = gaz.country_by_key.get(key)
    if cc:
        cands += _country_candidate(gaz, cc, f"country {match}", base + 1.0)
    return cands


def _area(gaz: Gazetteer, text: str | None) -> _Area | None:
    """The country or province an "in Y" names."""
    if not text:
        return None
    key = normalise_key(text)
    cc = gaz.country_by_key.get(key)
    if cc:
        return _Area(cc, None, gaz.countries[cc].name)
    regions = gaz.region_by_key.get(key, [])
    if regions:
        region = gaz.regions[regions[0]]
        return _Area(region.cc, region, region.name)
    return None


def _described_facility(gaz: Gazetteer, desc: Descriptor, area: _Area) -> list[Candidate]:
    """"The base in Jordan": the one facility of that kind there, else the area itself."""
    kinds = set(gaz.descriptors.get("facility_families", {}).get(desc.facility_word or "", []))
    rows = [r for r in gaz.facilities() if r.kind in kinds and r.cc == area.cc
            and (area.region is None or r.admin1 == area.region.name)]
    if rows and all(haversine_km(rows[0].lat, rows[0].lon, r.lat, r.lon) <= _SAME_SITE_KM for r in rows):
        return _row_candidates(rows[:1], f"the only {desc.facility_word} in {area.name}", 1.6)
    note = f"{len(rows)} {desc.facility_word}s in {area.name}: the area only"
    if area.region is not None:
        return _region_candidates(gaz, [gaz.regions.index(area.region)], note, 1.2)
    return _country_candidate(gaz, area.cc, note, 1.2)


def _names_a_place(gaz: Gazetteer, desc: Descriptor) -> bool:
    """Whether the words before the facility word name a place ("Ain al-Asad base"), not an owner ("US")."""
    rest = desc.core[: len(desc.core) - len(desc.facility_word or "")].strip()
    key = normalise_key(rest)
    if not key or gaz.nation(key) or rest.isupper():
        return False
    return gaz.has_key(key) or gaz.has_key(normalise_key(desc.core))


def _gather(gaz: Gazetteer, desc: Descriptor, full: str, ctx: Context) -> tuple[list[Candidate], str, bool]:
    """Candidates, the key they were found under (never its own evidence), whether the whole phrase."""
    full_key = normalise_key(full)
    if full_key and gaz.has_key(full_key) and full_key != normalise_key(desc.core):
        return _by_key(gaz, full_key, Descriptor(core=full), "whole name", 1.2), full_key, True
    key = normalise_key(desc.core)
    cands: list[Candidate] = []
    area = _area(gaz, desc.within)
    if desc.facility_word and area is not None and not _names_a_place(gaz, desc):
        return _described_facility(gaz, desc, area), key, False
    if key:
        cands = _by_key(gaz, key, desc, "key", 1.0)
        if desc.facility:
            for cand in cands:
                if cand.kind not in _POINT_KINDS:
                    cand.score += 0.3
    if not cands and desc.facility_word and area is not None:
        return _described_facility(gaz, desc, area), key, False
    if not cands and key:
        for fkey, score in _fuzzy_keys(gaz, key, ctx):
            cands += _by_key(gaz, fkey, desc, f"fuzzy {score:.0f}", 0.9 * score / 100)
    if not cands and desc.facility:
        return _named_after(gaz, desc.core)
    return cands, key, False


def _named_after(gaz: Gazetteer, core: str) -> tuple[list[Candidate], str, bool]:
    """"Jabalia refugee camp", "Kafr Zita checkpoint": a site no list holds, at the town it is named after."""
    words = core.split()
    for end in range(len(words) - 1, 0, -1):
        name = " ".join(words[:end])
        key = normalise_key(name)
        if len(key) < 3 or is_acronym(name) or gaz.nation(key) or not gaz.places(key):
            continue
        cands = _row_candidates(gaz.places(key), f"'{core}' is named after the town", 0.9)
        for cand in cands:
            cand.radius_km = max(cand.radius_km or 0.0, _NAMED_AFTER_KM)
        return cands, key, False
    return [], normalise_key(core), False


def _score(gaz: Gazetteer, cand: Candidate, ctx: Context, desc: Descriptor, own_key: str,
           area: _Area | None) -> None:
    weight = ctx.country_weight(cand.country or "", own_key)
    if weight:
        cand.score += 0.3 + 0.5 * weight
        cand.notes.append(f"{cand.country} named in the article")
    elif ctx.countries and cand.country not in ctx.countries and cand.kind != "country":
        cand.score -= 0.5
    if cand.admin1 and any(gaz.regions[i].name == cand.admin1 and gaz.regions[i].cc == cand.country
                           and ctx.names_region(i, own_key) for i in ctx.regions):
        cand.score += 0.3
        cand.notes.append(f"{cand.admin1} named in the article")
    nearest = ctx.nearest_km(cand.lat, cand.lon, own_key)
    if nearest is not None and nearest < 150:
        cand.score += 0.5 if nearest < 25 else 0.3 if nearest < 60 else 0.1
        cand.notes.append(f"{nearest:.0f} km from another place named")
    elif nearest is not None and nearest > _FAR_KM and cand.gazetteer_id.startswith("gn:") and (
            "fuzzy" in cand.match or cand.population < _SMALL_TOWN):
        # A village or a guessed spelling keeps the company of the other places a report names.
        cand.score -= 1.5 if "fuzzy" in cand.match else 1.0
        cand.notes.append(f"{nearest:.0f} km from every other place named")
    if not cand.gazetteer_id.startswith(("gn:", "admin1:", "country:")):
        cand.score += 0.3  # curated: a place war reports name, over a same-named hamlet elsewhere
    if cand.population:
        cand.score += 0.25 * min(1.0, math.log10(cand.population + 1) / 6)
    if desc.level == "town":
        cand.score += 0.2 if cand.kind == "populated place" else -0.5 if cand.kind == "province" else 0.0
    if desc.small and (cand.population > gaz.descriptors.get("village_max_population", 30_000)
                       or cand.kind == "province" or _is_seat(gaz, cand)):
        cand.score -= 1.5
        cand.notes.append("a village is written, this is a city")
    if area is not None and cand.kind != "country":
        inside = cand.country == area.cc and (area.region is None or cand.admin1 == area.region.name)
        cand.score += 0.6 if inside else -0.6
        if inside:
            cand.notes.append(f"in {area.name} as written")


_STEPS_KM = np.arange(5.0, 600.0, 5.0)


def _extent_km(polygon: object, lat: float, lon: float, bearing: float) -> float:
    """How far the polygon reaches from (lat, lon) on a bearing, sampled every 5 km."""
    d = _STEPS_KM / 6371.0
    b, p1, l1 = math.radians(bearing), math.radians(lat), math.radians(lon)
    p2 = np.arcsin(math.sin(p1) * np.cos(d) + math.cos(p1) * np.sin(d) * math.cos(b))
    l2 = l1 + np.arctan2(math.sin(b) * np.sin(d) * math.cos(p1), np.cos(d) - math.sin(p1) * np.sin(p2))
    inside = shapely.contains_xy(polygon, (np.degrees(l2) + 540) % 360 - 180, np.degrees(p2))
    hits = np.flatnonzero(inside)
    return float(_STEPS_KM[hits[-1]]) if len(hits) else 0.0


def _precision_of(radius: float) -> Literal[1, 2, 3]:
    return 1 if radius <= 5 else 2 if radius <= 35 else 3


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
    elif cand.radius_km:
        radius = cand.radius_km
        precision = _precision_of(radius)
    elif desc.level == "town":
        precision, radius = 1, 3.0
    if desc.bearing is not None:
        if desc.offset_km is not None:
            distance = desc.offset_km
            why.append(f"{distance:.0f} km on bearing {desc.bearing:.0f}")
        else:
            region = region or (gaz.region_named(cand.country or "", cand.admin1 or "")
                                if cand.kind == "province" or desc.radius_km or _is_seat(gaz, cand) else None)
            polygon = gaz.region_polygon(region) if region is not None else None
            if region is not None and polygon is not None:
                reach = _extent_km(polygon, lat, lon, desc.bearing)
                # "western X countryside" lies most of a countryside's radius out, inside the province.
                distance = min(60.0, max(15.0, 0.8 * (desc.radius_km or 0.0), reach / 3))
                if reach >= 10:
                    distance = min(distance, 0.8 * reach)
                why.append(f"{distance:.0f} km towards the {desc.relation or 'side'} of {region.name}")
            elif cand.kind == "country":
                country_polygon = gaz.country_polygon(cand.country or "")
                reach = (_extent_km(country_polygon, lat, lon, desc.bearing)
                         if country_polygon is not None else 0.0)
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
        found = gaz.region_at(lat, lon, cand.country)
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
    cands, own_key, whole = _gather(gaz, desc, text, ctx)
    if whole:
        desc = Descriptor(core=text, facility=desc.facility)
    area = _area(gaz, desc.within)
    for cand in cands:
        _score(gaz, cand, ctx, desc, own_key, area)
    cands.sort(key=lambda c: (-c.score, -c.population, c.gazetteer_id))
    seen: set[str] = set()
    unique = []
    for cand in cands:
        if cand.gazetteer_id not in seen:
            seen.add(cand.gazetteer_id)
            unique.append(cand)
    if desc.border and (not unique or unique[0].score < ACCEPT_MIN or unique[0].kind == "country"):
        site = unique[0].country if unique and unique[0].kind == "country" else None
        border = _border_result(gaz, text, desc, site, ctx, unique)
        if border is not None:
            return border
    if not unique or unique[0].score < ACCEPT_MIN:
        why = f"no gazetteer name matches '{desc.core}'" if not unique else (
            f"best candidate {unique[0].name} scored {unique[0].score:.2f} < {ACCEPT_MIN}")
        return GeocodeResult(text, unique[:10], None, None, why)
    chosen = unique[0]
    place = _place_for(gaz, chosen, desc, text)
    runner = f"; next {unique[1].name} ({unique[1].country}) {unique[1].score:.2f}" if len(unique) > 1 else ""
    place.why = f"{place.why}; score {chosen.score:.2f}{runner}"
    return GeocodeResult(text, unique[:10], chosen, place, place.why)


def _border_result(gaz: Gazetteer, text: str, desc: Descriptor, site_cc: str | None, ctx: Context,
                   cands: list[Candidate]) -> GeocodeResult | None:
    """"Near the Iraqi border": the point of that border stretch nearest the article's other places."""
    pair = border_countries(gaz, desc.border or "", site_cc, ctx)
    found = border_point(gaz, *pair, ctx) if pair else None
    if pair is None or found is None:
        return None
    lat, lon, placed = found
    site, far = pair[0], _country_name(gaz, pair[1])
    region = gaz.region_at(lat, lon, site)
    chosen = Candidate(f"{_country_name(gaz, site)}-{far} border", site, region.name if region else None,
                       lat, lon, "border", 0, 1.0, f"border:{site}-{pair[1]}", "border")
    why = (f"border of {_country_name(gaz, site)} with {far}, "
           f"{'nearest the places named' if placed else 'its middle'}")
    place = Place(name=text, country=_country_name(gaz, site), admin1=chosen.admin1, location=chosen.name,
                  latitude=round(lat, 5), longitude=round(lon, 5), geo_precision=2,
                  radius_km=_BORDER_RADIUS_KM, gazetteer_id=chosen.gazetteer_id, kind="border", why=why)
    return GeocodeResult(text, [chosen, *cands[:9]], chosen, place, why)
