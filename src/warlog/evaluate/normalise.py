"""Comparisons the scorer needs: names with case and punctuation ignored, dates, distances.

Gold and predictions arrive as JSON-ish dicts (dates as ISO strings or ``date`` objects,
numbers as int/float/str), so every reader here is lenient about type and strict about value.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

__all__ = ["as_date", "as_float", "as_int", "haversine_km", "name_in", "norm_name"]

_EARTH_RADIUS_KM = 6371.0088
_NOT_ALNUM = re.compile(r"[\W_]+")


def norm_name(text: str) -> str:
    """Case, accents, punctuation and spacing ignored: 'Al-Bukamal' == 'al bukamal' == 'ALBUKAMAL'.

    Spacing goes too because outlets hyphenate, space or join the same name ('air-force').
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_ALNUM.sub("", plain.casefold())


def name_in(name: str | None, accepted: Iterable[str]) -> bool:
    """True when ``name`` equals one of ``accepted`` once normalised; None never matches."""
    if name is None:
        return False
    key = norm_name(name)
    return bool(key) and any(key == norm_name(a) for a in accepted if a)


def as_date(value: Any) -> dt.date | None:
    """An ISO date (or datetime) string, a date, or None; anything unreadable is None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def as_float(value: Any) -> float | None:
    """A finite number or None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def as_int(value: Any) -> int | None:
    """A whole number or None (a float like 4.0 is accepted, 4.5 is not)."""
    number = as_float(value)
    if number is None or number != int(number):
        return None
    return int(number)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlam = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
