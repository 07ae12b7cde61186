"""Read the words around a place name: "eastern Homs countryside", "30 km east of X", "X province".

The result says which name to look up (``core``) and how to move or widen the point found for it;
the vocabulary is data (``data/gazetteer/descriptors.yaml``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["Descriptor", "destination", "haversine_km", "parse_descriptor"]

_OFFSET = re.compile(
    r"^(?:some |about |around |nearly |approximately )?(\d+(?:\.\d+)?)\s*"
    r"(km|kms|kilometers|kilometres|miles|mi)\b"
    r"\s+(?:to the )?([a-z-]+)\s+of\s+(.+)$",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"(?:'s|’s)$")
_LEADING_THE = re.compile(r"^(?:the|in|at|on)\s+", re.IGNORECASE)
_BORDER = re.compile(r"\s*,?\s*(?:near|on|along|by|close to)\s+the\s+([A-Za-z-]+)\s+border$", re.IGNORECASE)


@dataclass(slots=True)
class Descriptor:
    core: str
    bearing: float | None = None
    offset_km: float | None = None
    radius_km: float | None = None
    level: str | None = None  # "town" | "province" | None
    facility: bool = False
    border: str | None = None  # demonym or country named in "near the X border"
    relation: str = ""


def parse_descriptor(text: str, vocab: dict[str, Any]) -> Descriptor:
    """Split a place phrase into the name to look up and what the words around it mean."""
    directions: dict[str, float] = vocab["directions"]
    text = " ".join(text.split()).strip(" ,.;:")
    desc = Descriptor(core=text)
    relation: list[str] = []
    border = _BORDER.search(text)
    if border:
        desc.border = border.group(1)
        relation.append(border.group(0).strip(" ,"))
        text = text[: border.start()].strip(" ,")
    offset = _OFFSET.match(text)
    if offset and offset.group(3).lower() in directions:
        value = float(offset.group(1))
        desc.offset_km = value * 1.609 if offset.group(2).lower().startswith("mi") else value
        desc.bearing = directions[offset.group(3).lower()]
        relation.append(text[: offset.start(4)].strip())
        text = offset.group(4)
    while True:
        stripped = _LEADING_THE.sub("", text)
        lowered = stripped.lower()
        for phrase, radius in sorted(vocab["near_words"].items(), key=lambda kv: -len(kv[0])):
            if lowered.startswith(phrase + " "):
                relation.append(stripped[: len(phrase)])
                stripped = stripped[len(phrase) + 1 :]
                word = phrase.split()[0]
                if word in directions and desc.bearing is None:
                    desc.bearing = directions[word]
                    desc.offset_km = desc.offset_km or float(radius)
                desc.radius_km = max(desc.radius_km or 0.0, float(radius))
                break
        first, _, rest = stripped.partition(" ")
        if rest and first.lower() in directions and desc.bearing is None:
            desc.bearing = directions[first.lower()]
            relation.append(first)
            stripped = rest
        if stripped == text:
            break
        text = stripped
    words = text.split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        last = _POSSESSIVE.sub("", words[-1]).lower()
        two = " ".join(w.lower() for w in words[-2:])
        if last in vocab["surroundings"]:
            desc.radius_km = max(desc.radius_km or 0.0, float(vocab["surroundings"][last]))
            relation.append(words.pop())
            changed = True
        elif last in vocab["province_words"]:
            desc.level = "province"
            relation.append(words.pop())
            changed = True
        elif last in vocab["town_words"]:
            desc.level = desc.level or "town"
            relation.append(words.pop())
            changed = True
        elif last in vocab["facility_words"] or two in vocab["facility_words"]:
            desc.facility = True
            break
        if words and _POSSESSIVE.search(words[-1]):
            words[-1] = _POSSESSIVE.sub("", words[-1])
    desc.core = " ".join(words) or desc.core
    desc.relation = " ".join(relation)
    return desc


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def destination(lat: float, lon: float, bearing_deg: float, km: float) -> tuple[float, float]:
    """The point ``km`` away from (lat, lon) on the given compass bearing."""
    d = km / 6371.0
    b = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180
