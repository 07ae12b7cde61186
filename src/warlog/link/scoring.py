"""Whether two reports (from different articles) describe one real-world event.

The decision is pairwise and looks only at the two reports, so it does not depend on what
else is stored or on arrival order. Hard conditions (type, dates, province, distance) make a
pair incompatible; softer evidence (sub-type, closeness, actors) adds to a score.
"""

from __future__ import annotations

import math
from collections.abc import Hashable

from rapidfuzz import fuzz

from warlog.link.blocking import DateRange, place_key
from warlog.link.rules import LinkRules
from warlog.models import Place, Report

__all__ = ["distance_km", "is_unidentified", "pair_key", "pair_score", "same_actor"]

_EARTH_RADIUS_KM = 6371.0


def distance_km(a: Place, b: Place) -> float | None:
    """Great-circle distance, or None when either place lacks coordinates."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def is_unidentified(actor: str | None, rules: LinkRules) -> bool:
    """True when the actor names nobody ('unidentified aircraft', None)."""
    if not actor:
        return True
    lowered = actor.casefold()
    return any(word in lowered for word in rules.unidentified_actor_words)


def same_actor(a: str, b: str) -> bool:
    """Tolerant name match: 'US forces' and 'U.S. forces', 'Hezbollah' in 'Lebanese Hezbollah'."""
    x, y = a.casefold().replace(".", ""), b.casefold().replace(".", "")
    return x == y or x in y or y in x or fuzz.token_set_ratio(x, y) >= 90


def _place_score(a: Report, b: Report, rules: LinkRules) -> float | None:
    pa, pb = a.place, b.place
    if pa is None or pb is None or place_key(a) is None or place_key(a) != place_key(b):
        return None
    same_name = bool(pa.location and pa.location == pb.location) or bool(
        pa.gazetteer_id and pa.gazetteer_id == pb.gazetteer_id
    )
    coarser = max(pa.geo_precision or 2, pb.geo_precision or 2)
    limit = rules.max_distance_km.get(coarser)
    dist = distance_km(pa, pb)
    if limit is None or dist is None:
        # province-level only: the same admin1 is all we can ask
        return rules.weight("same_location_name") if same_name else rules.weight("admin1_only_place")
    if dist > limit:
        return None
    closeness = rules.weight("place") * (1.0 - dist / limit)
    return max(closeness, rules.weight("same_location_name") if same_name else 0.0)


def _dates_overlap(ra: DateRange, rb: DateRange, slack: int) -> bool:
    return (ra[0] - rb[1]).days <= slack and (rb[0] - ra[1]).days <= slack


def _actor_score(a: Report, b: Report, rules: LinkRules) -> float:
    score = 0.0
    if not is_unidentified(a.actor2, rules) and not is_unidentified(b.actor2, rules):
        assert a.actor2 is not None and b.actor2 is not None
        if same_actor(a.actor2, b.actor2):
            score += rules.weight("same_actor2")
        elif a.actor2_type and a.actor2_type == b.actor2_type:
            score += rules.weight("different_actor2_same_type")
        else:
            score += rules.weight("different_actor2")
    # actor1 may differ: attribution changes between reports and is kept as candidates
    if (
        not is_unidentified(a.actor1, rules)
        and not is_unidentified(b.actor1, rules)
        and a.actor1 is not None
        and b.actor1 is not None
        and same_actor(a.actor1, b.actor1)
    ):
        score += rules.weight("same_actor1")
    return score


def pair_score(
    a: Report, b: Report, range_a: DateRange | None, range_b: DateRange | None, rules: LinkRules
) -> float | None:
    """Score of 'a and b are one event', or None when they cannot be (never from one article)."""
    if a.article_id == b.article_id or a.event_type != b.event_type:
        return None
    if range_a is None or range_b is None:
        return None
    for span in (range_a, range_b):
        if (span[1] - span[0]).days > rules.max_link_span_days:
            return None
    if not _dates_overlap(range_a, range_b, rules.date_slack_days):
        return None
    if a.sub_event_type == b.sub_event_type:
        score = rules.weight("same_sub_event_type")
    elif frozenset((a.sub_event_type, b.sub_event_type)) in rules.compatible_sub_event_types:
        score = rules.weight("compatible_sub_event_type")
    else:
        return None
    place = _place_score(a, b, rules)
    if place is None:
        return None
    score += place
    if range_a[0] == range_a[1] == range_b[0] == range_b[1]:
        score += rules.weight("same_day")
    return score + _actor_score(a, b, rules)


def pair_key(report: Report, span: DateRange | None) -> Hashable:
    """Every field of one side that ``pair_score`` reads, but its article: equal keys, equal scores.

    An event's members with one key are scored once against a newcomer (copies of a wire story
    are many members with one key). Keep in step with ``pair_score`` and the helpers it calls.
    """
    place = report.place
    where = (
        None
        if place is None
        else (
            place.country,
            place.admin1,
            place.location,
            place.gazetteer_id,
            place.geo_precision,
            place.latitude,
            place.longitude,
        )
    )
    return (
        report.event_type,
        report.sub_event_type,
        span,
        where,
        report.actor1,
        report.actor2,
        report.actor2_type,
    )
