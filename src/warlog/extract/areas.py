"""Is a place inside another? "Deir ez-Zor" (a province) and "al-Mayadeen" (a town in it) can
be one event told twice; two towns cannot.

The bundled gazetteer knows each town's first-level division, so a province named in one
sentence is compatible with a site inside it named in another. Extract only asks whether two
names can be one place; choosing the place stays the geocoder's job.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from rapidfuzz import fuzz

from warlog.extract.places import place_key

__all__ = ["contains", "country_codes", "country_name", "is_admin1", "is_gazetteer_place", "same_name"]

log = logging.getLogger(__name__)


@cache
def _gazetteer() -> Any | None:
    """The geocoder's gazetteer, or None when it cannot be loaded (names are then compared only)."""
    try:
        from warlog.geocode import Geocoder  # the gazetteer is data here; imported late, once
        from warlog.settings import Settings

        return Geocoder(Settings()).gazetteer
    except Exception as exc:  # a missing gazetteer must not stop extraction
        log.warning("gazetteer unavailable, area compatibility by name only (%s)", exc)
        return None


@cache
def _key(name: str) -> str:
    from warlog.geocode import normalise_key

    return str(normalise_key(name))


@cache
def _admin1_of(name: str) -> frozenset[str]:
    """Keys of the first-level divisions a site of this name lies in (any country)."""
    gaz = _gazetteer()
    if gaz is None:
        return frozenset()
    rows = gaz.places(_key(name))
    return frozenset(_key(r.admin1) for r in rows if r.admin1)


@cache
def is_admin1(name: str) -> bool:
    """The name is a first-level division's (a province may share its name with its capital)."""
    gaz = _gazetteer()
    return gaz is not None and _key(name) in gaz.region_by_key


@cache
def is_gazetteer_place(name: str) -> bool:
    """The gazetteer knows the name (a town, a province); a facility named in passing
    ("its Commando Academy") it usually does not."""
    gaz = _gazetteer()
    return gaz is not None and (bool(gaz.places(_key(name))) or _key(name) in gaz.region_by_key)


def same_name(a: str, b: str) -> bool:
    """Two spellings of one name ("al-Bukamal", "Albukamal")."""
    x, y = place_key(a), place_key(b)
    return x == y or fuzz.ratio(x, y) >= 85


def contains(area: str, site: str) -> bool:
    """``area`` names a first-level division that ``site`` lies in."""
    return is_admin1(area) and _key(area) in _admin1_of(site)


@cache
def country_codes(name: str) -> frozenset[str]:
    """ISO codes of the countries a place of this name may be in: a province name means the
    province ("Daraa"), otherwise every country with a town of that name."""
    gaz = _gazetteer()
    if gaz is None:
        return frozenset()
    key = _key(name)
    regions = gaz.region_by_key.get(key, ())
    if regions:
        return frozenset(gaz.regions[i].cc for i in regions)
    return frozenset(row.cc for row in gaz.places(key))


def country_name(code: str) -> str | None:
    """The gazetteer's name for an ISO country code."""
    gaz = _gazetteer()
    country = gaz.countries.get(code) if gaz is not None else None
    return country.name if country is not None else None
