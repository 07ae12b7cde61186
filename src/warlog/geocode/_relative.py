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
_WITHIN = re.compile(r"^(.+?)\s+(?:in|inside|within)\s+(?:the\s+)?([A-Z].+)$")
_POSSESSIVE_TAIL = re.compile(r"(?:'s|’s)\b.*$|\s+border\b.*$")
# "near the Iraqi border", "the Syrian-Iraqi border area", "along the border with Iraq"
_BORDER = re.compile(
    r"(?:^|\s*,?\s*(?:near|on|along|by|close to|at|across)\s+)(?:the\s+"
    r"([A-Za-z'’]+(?:\s*[-–/]\s*[A-Za-z]+|\s+and\s+[A-Za-z]+)?)\s+border(?:\s+(?:area|region|strip|zone))?"
    r"|(?:the|its)\s+border\s+with\s+([A-Z][A-Za-z'’-]+(?:\s+and\s+[A-Z][A-Za-z-]+)?))$",
    re.IGNORECASE,
)


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
    within: str | None = None  # "X in Y": the country or province Y the place must lie in
    facility_word: str | None = None  # "the US base in Jordan": a facility described, not named
    small: bool = False  # "X village": never a city or a province's seat


def parse_descriptor(text: str, vocab: dict[str, Any]) -> Descriptor:
    """Split a place phrase into the name to look up and what the words around it mean."""
    directions: dict[str, float] = vocab["directions"]
    text = " ".join(text.split()).strip(" ,.;:")
    desc = Descriptor(core=text)
    relation: list[str] = []
    border = _BORDER.search(text)
    if border:
        desc.border = border.group(1) or border.group(2)
        relation.append(border.group(0).strip(" ,"))
        text = text[: border.start()].strip(" ,")
    _split_description(text, vocab, desc, relation)
    text = desc.core
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
        for phrase, radius in _lead_phrases(vocab).get(lowered.split(" ", 1)[0], ()):
            if lowered.startswith(phrase + " "):
                relation.append(stripped[: len(phrase)])
                stripped = stripped[len(phrase) + 1 :]
                word = phrase.split()[0]
                if phrase == f"{word} of" and word in directions and desc.bearing is None:
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
    words = _facility_last(text, vocab).split()
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
            desc.small = desc.small or last in vocab.get("village_words", ())
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


def _lead_phrases(vocab: dict[str, Any]) -> dict[str, list[tuple[str, float]]]:
    """Words before a name that widen it, by first word, longest first: "near", "X of", "villages in"."""
    cached: dict[str, list[tuple[str, float]]] | None = vocab.get("_lead_phrases")
    if cached is not None:
        return cached
    phrases: dict[str, float] = {k: float(v) for k, v in vocab["near_words"].items()}
    phrases.update({k: float(v) for k, v in vocab.get("side_words", {}).items()})
    for word in vocab["directions"]:
        phrases.setdefault(f"{word} of", 15.0)
    for noun in vocab.get("plural_places", []):
        for link in ("in", "of", "around", "near", "across", "on"):
            phrases.setdefault(f"{noun} {link}", 20.0)
    for noun, radius in vocab["surroundings"].items():
        for link in ("near", "of", "around", "outside", "by", "east of", "west of", "north of", "south of"):
            phrases.setdefault(f"{noun} {link}", float(radius))
    cached = {}
    for phrase, radius in sorted(phrases.items(), key=lambda kv: -len(kv[0])):
        cached.setdefault(phrase.split(" ", 1)[0], []).append((phrase, radius))
    vocab["_lead_phrases"] = cached
    return cached


def _facility_near(vocab: dict[str, Any]) -> re.Pattern[str]:
    """"(the US) base near|at|on Y": one pattern over every facility word, built once."""
    cached: re.Pattern[str] | None = vocab.get("_facility_near")
    if cached is None:
        family = sorted(vocab.get("facility_families", {}), key=len, reverse=True)
        words = "|".join(re.escape(w) for w in family)
        cached = re.compile(rf"^(?:(.*?)\s)?({words})s?\s+(?:near|at|on)\s+(?:the\s+)?([A-Z].+)$",
                            re.IGNORECASE)
        vocab["_facility_near"] = cached
    return cached


def _facility_last(text: str, vocab: dict[str, Any]) -> str:
    """"the airport of Aleppo" is "Aleppo airport"."""
    found = _facility_of(vocab).match(text)
    return f"{found.group(2)} {found.group(1)}" if found else text


def _facility_of(vocab: dict[str, Any]) -> re.Pattern[str]:
    """"the airport of Y", "the oil field of Y": the facility word first, then the place it belongs to."""
    cached: re.Pattern[str] | None = vocab.get("_facility_of")
    if cached is None:
        words = "|".join(re.escape(w) for w in sorted(vocab["facility_words"], key=len, reverse=True))
        cached = re.compile(rf"^(?:the\s+)?({words})\s+of\s+(?:the\s+)?([A-Z].+)$", re.IGNORECASE)
        vocab["_facility_of"] = cached
    return cached


def _split_description(text: str, vocab: dict[str, Any], desc: Descriptor, relation: list[str]) -> None:
    """"X in Y" keeps Y as the area X must lie in; a counted plural ("six villages in") is dropped."""
    words = text.split()
    if len(words) > 2 and words[1].lower() in vocab.get("plural_places", []):
        relation.append(words[0])
        text = " ".join(words[1:])
    text = _facility_last(text, vocab)
    desc.core = text
    match = _WITHIN.match(text)
    if match is None:
        found = _facility_near(vocab).match(text)
        if found:
            word = found.group(2).lower()
            desc.facility, desc.facility_word = True, word
            desc.within = _POSSESSIVE_TAIL.sub("", found.group(3)).strip() or None
            desc.core = f"{found.group(1) or ''} {found.group(2)}".strip()
            relation.append(text[len(desc.core):].strip())
        return
    head, where = match.group(1), match.group(2)
    where = _POSSESSIVE_TAIL.sub("", where).strip()
    if head.lower() in vocab.get("plural_places", []):
        desc.core, desc.radius_km = where, 20.0
        relation.append(text[: len(text) - len(match.group(2))].strip())
        return
    desc.within = where or None
    desc.core = head
    relation.append(text[len(head):].strip())
    last = head.split()[-1].lower().rstrip("s")
    for word in vocab.get("facility_families", {}):
        if head.lower().endswith(word) or last == word:
            desc.facility, desc.facility_word = True, word.lower()
            break


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
