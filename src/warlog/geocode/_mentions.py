"""Turn a report's place mentions into phrases and rank what they resolve to.

The extractor gives names with relation words; the article around the span sometimes holds a
compass word the relation left out ("the northern Daraa countryside"). Among resolved mentions,
a place that only locates another ("X, east of Y", "X in Deir Ezzor") is never the site while
the other resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from warlog.geocode._gazetteer import Gazetteer
from warlog.geocode._normalise import normalise_key
from warlog.models import Place, PlaceMention

__all__ = ["Resolved", "demoted", "mention_phrase", "pick"]

_PRECISION_RANK = {1: 0, 2: 1, 3: 2, None: 3}
# Words that may stand between a place and the place that locates it: "X, in Y", "X near Y".
_LINK_WORDS = {"in", "near", "of", "the", "at", "on", "outside", "inside", "province", "governorate"}
_GAP_MAX = 40  # characters between a place and its locator


@dataclass(slots=True)
class Resolved:
    mention: PlaceMention
    place: Place
    phrase: str


def mention_phrase(mention: PlaceMention, vocab: dict[str, Any], text: str = "") -> str:
    """The mention as one phrase, its relation words put back where English writes them.

    "countryside", "oilfield", "border area" follow the name; "near", "30 km east of" precede it.
    A compass word just before the span that the relation lacks is added back.
    """
    relation = (mention.relation or "").strip()
    phrase = mention.name
    if relation and relation.lower() not in mention.name.lower():
        words = relation.lower().split()
        after = {*vocab["surroundings"], *vocab["province_words"], *vocab["town_words"],
                 *(w for p in vocab["facility_words"] for w in p.split())}
        phrase = f"{mention.name} {relation}" if words[0] in after or words[-1] in after else \
            f"{relation} {mention.name}"
    compass = _compass_before(mention, vocab, text)
    if compass and not any(w.lower().strip(",") in vocab["directions"] for w in phrase.split()):
        phrase = f"{compass} {phrase}"
    return phrase


def _compass_pattern(vocab: dict[str, Any]) -> re.Pattern[str]:
    cached: re.Pattern[str] | None = vocab.get("_compass_before")
    if cached is None:
        words = "|".join(sorted((re.escape(w) for w in vocab["directions"]), key=len, reverse=True))
        areas = "|".join(sorted((re.escape(w) for w in vocab["surroundings"]), key=len, reverse=True))
        cached = re.compile(rf"\b({words})\s+(?:(?:{areas})\s+(?:of|around|near)\s+)?(?:the\s+)?$",
                            re.IGNORECASE)
        vocab["_compass_before"] = cached
    return cached


def _compass_before(mention: PlaceMention, vocab: dict[str, Any], text: str) -> str | None:
    """"northern" in "the northern Daraa countryside" or "the eastern countryside of Salmiya"."""
    start = mention.span.start
    if not text or text[start:mention.span.end] != mention.span.text:
        return None
    found = _compass_pattern(vocab).search(text[max(0, start - 60):start])
    return found.group(1).lower() if found else None


def _is_locator(item: Resolved, others: list[Resolved], text: str) -> bool:
    """Whether the mention only locates an earlier one: "X, east of Y", "X in Y", "X near Y"."""
    start = item.mention.span.start
    relation = (item.mention.relation or "").lower()
    for other in others:
        end = other.mention.span.end
        if other is item or not 0 <= start - end <= _GAP_MAX or not text:
            continue
        gap = text[end:start].lower().replace(relation, " ") if relation else text[end:start].lower()
        words = [w for w in re.split(r"[\s,]+", gap) if w]
        if all(w in _LINK_WORDS for w in words):
            return True
    return False


def _is_container(gaz: Gazetteer, item: Resolved, others: list[Resolved]) -> bool:
    """A name that is also its province's ("Deir Ezzor") holds another mention resolved inside it."""
    if item.place.geo_precision != 1 or item.place.admin1 is None:
        return False
    if any(w in gaz.descriptors["town_words"] for w in (item.mention.relation or "").lower().split()):
        return False
    regions = gaz.region_by_key.get(normalise_key(item.mention.name), [])
    if not any(gaz.regions[i].name == item.place.admin1 for i in regions):
        return False
    return any(o is not item and o.place.admin1 == item.place.admin1 and o.place.geo_precision in (1, 2)
               and o.place.kind not in ("province", "country") for o in others)


def demoted(gaz: Gazetteer, item: Resolved, resolved: list[Resolved], text: str) -> bool:
    """Whether ``item`` only locates or contains another of ``resolved``: never the site then."""
    return _is_locator(item, resolved, text) or _is_container(gaz, item, resolved)


def pick(gaz: Gazetteer, resolved: list[Resolved], text: str) -> Resolved:
    """The site: not a mere locator or container, then the most precise, then the narrowest, then first."""

    def rank(pair: tuple[int, Resolved]) -> tuple[bool, int, bool, float, int]:
        index, item = pair
        precision = item.place.geo_precision
        radius = (item.place.radius_km or 0.0) if precision != 1 else 0.0
        kind_rank = item.place.kind == "country"
        return (demoted(gaz, item, resolved, text), _PRECISION_RANK[precision], kind_rank, radius, index)

    return min(enumerate(resolved), key=rank)[1]
