"""Admin-1 boundaries for the dashboard map, cut from the bundled gazetteer on demand.

The gazetteer already ships every first-level division as WKB; shipping a second copy for
the map would double the package. The server simplifies the countries the data covers
(a few hundred KB) once and keeps them in memory.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import logging
import threading
from importlib import resources
from typing import Any

__all__ = ["admin1_geojson", "country_codes"]

log = logging.getLogger(__name__)

_TOLERANCE_DEG = 0.01


def _rows(path: str) -> list[dict[str, str]]:
    source = resources.files("warlog").joinpath("data/gazetteer").joinpath(path)
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        log.warning("no %s in the gazetteer: the map shows countries only", path)
        return []
    csv.field_size_limit(1 << 30)
    with gzip.open(io.BytesIO(data), "rt", encoding="utf-8") as text:
        return list(csv.DictReader(text, delimiter="\t", quoting=csv.QUOTE_NONE))


@functools.cache
def country_codes() -> dict[str, str]:
    """Country name (as events store it) -> ISO code."""
    return {row["name"]: row["iso"] for row in _rows("countries.tsv.gz")}


_FEATURES: dict[str, tuple[dict[str, Any], ...]] = {}
_LOCK = threading.Lock()


def _load_admin1(isos: set[str]) -> None:
    """Read the gazetteer once for all the missing countries and keep their simplified shapes."""
    from shapely import wkb
    from shapely.geometry import mapping

    found: dict[str, list[dict[str, Any]]] = {iso: [] for iso in isos}
    for row in _rows("admin1.tsv.gz"):
        if row["cc"] not in found or not row.get("wkb"):
            continue
        try:
            shape = wkb.loads(bytes.fromhex(row["wkb"]))
        except (ValueError, TypeError) as exc:
            log.warning("admin1 %s-%s: unreadable boundary (%s)", row["cc"], row["code"], exc)
            continue
        simple = shape.simplify(_TOLERANCE_DEG, preserve_topology=True)
        found[row["cc"]].append(
            {
                "type": "Feature",
                "properties": {"country": row["cc"], "admin1": row["name"]},
                "geometry": _rounded(mapping(simple)),
            }
        )
    for iso, features in found.items():
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
