""""Near the Iraqi border": a point on one country's stretch of border with another.

The stretch is where the site country's outline runs along the other country; the point is the
spot on it nearest the other places the article names (else its middle), moved a few km inside
the site country so that it falls in one of its provinces.
"""

from __future__ import annotations

import re
from typing import Any

import shapely
from shapely.ops import nearest_points

from warlog.geocode._context import Context
from warlog.geocode._gazetteer import Gazetteer
from warlog.geocode._normalise import normalise_key

__all__ = ["BorderPoint", "border_countries", "border_point"]

_TOUCH_DEG = 0.05  # how close the outlines must run to count as a shared border (simplified shapes)
_INSIDE_DEG = 0.05  # about 5 km inside the site country
_SPLIT = re.compile(r"\s*[-–/]\s*|\s+and\s+")


BorderPoint = tuple[float, float, bool]  # lat, lon, whether placed by the article's other places


def _country(gaz: Gazetteer, word: str) -> str | None:
    return gaz.nation(normalise_key(word))


def border_countries(gaz: Gazetteer, border: str, site_cc: str | None,
                     ctx: Context) -> tuple[str, str] | None:
    """(site country, the country across the border): "Syrian-Iraqi" names both, "Iraqi" only the far one."""
    named = [cc for cc in (_country(gaz, w) for w in _SPLIT.split(border) if w) if cc]
    if not named:
        return None
    if len(named) >= 2:
        first, second = named[0], named[1]
        return (second, first) if site_cc == second else (first, second)
    far = named[0]
    site = site_cc if site_cc and site_cc != far else None
    if site is None:
        ranked = sorted(((cc in ctx.located, weight, cc) for cc, weight in ctx.countries.items()
                         if cc != far), reverse=True)
        site = ranked[0][2] if ranked else None
    return (site, far) if site else None


def border_point(gaz: Gazetteer, site: str, far: str, ctx: Context) -> BorderPoint | None:
    """The point on ``site``'s border with ``far`` nearest the article's other places."""
    site_poly, far_poly = gaz.country_polygon(site), gaz.country_polygon(far)
    if site_poly is None or far_poly is None:
        return None
    stretch: Any = shapely.intersection(site_poly.boundary, shapely.buffer(far_poly, _TOUCH_DEG))
    if stretch.is_empty:
        return None
    target = _target(gaz, site, stretch, ctx)
    on_line = nearest_points(stretch, target)[0] if target is not None else \
        shapely.line_interpolate_point(shapely.line_merge(stretch), 0.5, normalized=True)
    if on_line.is_empty:
        on_line = stretch.representative_point()
    inner = shapely.buffer(site_poly, -_INSIDE_DEG)
    point = nearest_points(inner, on_line)[0] if not inner.is_empty else on_line
    return point.y, point.x, target is not None


def _target(gaz: Gazetteer, site: str, stretch: Any, ctx: Context) -> Any:
    """The article's named town or province (of the site country) nearest the border stretch, if any."""
    named = [(lat, lon) for lat, lon, _ in ctx.points]
    for idx in ctx.regions:
        region = gaz.regions[idx]
        point = region.seat or region.point
        if region.cc == site and point is not None:
            named.append(point)
    if not named:
        return None
    points = shapely.points([(lon, lat) for lat, lon in named])
    distances = shapely.distance(points, stretch)
    return points[int(distances.argmin())]
