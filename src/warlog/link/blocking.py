"""Blocking: the cheap keys under which events are filed and looked up.

A key is ``class|period|country|admin1|event_type``. An event is filed under one key, chosen from
the hull of its reports' date ranges (narrow hulls get day keys, wider ones week- or month-sized
buckets); a report looks up every key an event it could link with may be filed under. So a
report meets only events of its type, province and a few days around it: never all pairs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from warlog.link.rules import LinkRules
from warlog.models import Article, Report

__all__ = ["DateRange", "event_block_key", "lookup_keys", "place_key", "report_range"]

DateRange = tuple[dt.date, dt.date]
_EPOCH = dt.date(1970, 1, 1)
_NON_WORD = re.compile(r"[^0-9a-z]+")


def _norm(text: str | None) -> str:
    return _NON_WORD.sub("", text.casefold()) if text else ""


def place_key(report: Report) -> tuple[str, str] | None:
    """(country, admin1) normalised, or None when the report's province is unknown."""
    place = report.place
    if place is None or not place.admin1:
        return None
    return _norm(place.country), _norm(place.admin1)


def report_range(report: Report, article: Article | None) -> DateRange | None:
    """The days the report's event may have happened on; the publication day when it gives none."""
    earliest = report.date_earliest or report.event_date or report.date_latest
    latest = report.date_latest or report.event_date or earliest
    if earliest is None or latest is None:
        if article is None or article.published is None:
            return None
        return article.published, article.published
    return (earliest, latest) if earliest <= latest else (latest, earliest)


def _days(day: dt.date) -> int:
    return (day - _EPOCH).days


def _key(class_name: str, period: int | None, place: tuple[str, str], event_type: str) -> str:
    return f"{class_name}|{'' if period is None else period}|{place[0]}|{place[1]}|{event_type}"


def event_block_key(
    event_type: str, place: tuple[str, str] | None, hull: DateRange | None, rules: LinkRules
) -> str:
    """The one key an event is filed under (unlinkable events get a key nobody looks up)."""
    if place is None or hull is None:
        return f"-||||{event_type}"
    span = (hull[1] - hull[0]).days
    for block in rules.block_classes:
        if span <= block.max_span_days:
            return _key(block.name, _days(hull[0]) // block.bucket_days, place, event_type)
    return _key("X", None, place, event_type)


def lookup_keys(event_type: str, place: tuple[str, str], span: DateRange, rules: LinkRules) -> list[str]:
    """Every key under which an event linkable with a report of this type, place and dates may be filed.

    An event whose hull starts on day a and spans at most S days can meet the report's range
    [e, l] (with slack s) only when a lies in [e - s - S, l + s].
    """
    slack = rules.date_slack_days
    keys: list[str] = []
    for block in rules.block_classes:
        first = _days(span[0]) - slack - block.max_span_days
        last = _days(span[1]) + slack
        keys.extend(
            _key(block.name, period, place, event_type)
            for period in range(first // block.bucket_days, last // block.bucket_days + 1)
        )
    keys.append(_key("X", None, place, event_type))
    return keys


def hull(ranges: Iterable[DateRange]) -> DateRange | None:
    """Smallest range covering all the given ones."""
    items = list(ranges)
    if not items:
        return None
    return min(r[0] for r in items), max(r[1] for r in items)
