"""Admin-1 boundaries for the dashboard map, cut from the bundled gazetteer on demand.

The gazetteer already ships every first-level division as WKB; shipping a second copy for
the map would double the package. The server simplifies the countries the data covers
(a few hundred KB) once and keeps them in memory.
"""

from __future__ import annotations

import functools
import logging
import threading
from typing import Any

from shapely.geometry import mapping

from warlog.geocode import cached_gazetteer

__all__ = ["admin1_geojson", "country_codes"]

log = logging.getLogger(__name__)

_TOLERANCE_DEG = 0.01


@functools.cache
def country_codes() -> dict[str, str]:
    """Country name (as events store it) -> ISO code."""
    return {country.name: iso for iso, country in cached_gazetteer().countries.items()}


_FEATURES: dict[str, tuple[dict[str, Any], ...]] = {}
_LOCK = threading.Lock()


def _load_admin1(isos: set[str]) -> None:
    """Simplify the missing countries' provinces once and keep them."""
    gaz = cached_gazetteer()
    for iso in sorted(isos):
        features = []
        for region, shape in gaz.region_shapes(iso):
            simple = shape.simplify(_TOLERANCE_DEG, preserve_topology=True)
            features.append(
                {
                    "type": "Feature",
                    "properties": {"country": iso, "admin1": region.name},
                    "geometry": _rounded(mapping(simple)),
                }
            )
        if not features:
            log.warning("no admin-1 boundaries for %s in the gazetteer: the map shows countries only", iso)
        _FEATURES[iso] = tuple(features)


def _rounded(value: Any) -> Any:
    """Three decimals (~100 m) is finer than the simplification and halves the JSON."""
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def admin1_geojson(countries: list[str], max_countries: int = 30) -> dict[str, Any]:
    """A FeatureCollection of the admin-1 boundaries of the named countries (names or ISO codes)."""
    codes = country_codes()
    wanted = []
    for name in countries[:max_countries]:
        iso = codes.get(name) or (name if len(name) == 2 and name.isupper() else None)
        if iso and iso not in wanted:
            wanted.append(iso)
    with _LOCK:
        missing = {iso for iso in wanted if iso not in _FEATURES}
        if missing:
            _load_admin1(missing)
    features = [f for iso in wanted for f in _FEATURES[iso]]
    return {"type": "FeatureCollection", "features": features}
