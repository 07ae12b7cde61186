"""When an event happened, from the words a report uses and the day it was published.

News dates are mostly relative ("late on Friday", "yesterday", "overnight", "earlier this
month"), so every cue is resolved against the publication date, and no resolved day may lie
after it (one day of slack for time zones). Windows ("since October 19") are not event
dates: ``resolve_since`` reads those for claims.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from calendar import monthrange
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["DateGuess", "default_date", "resolve_date", "resolve_since"]

log = logging.getLogger(__name__)

_DAY = dt.timedelta(days=1)
_SLACK = _DAY  # a report may be dated in another time zone than the event


@dataclass(frozen=True, slots=True)
class DateGuess:
    """A resolved date: the range it may be in, the best day, ACLED precision and the cue's offsets.

    ``time_precision``: 1 the day is known, 2 a few days or a week, 3 only the month.
    ``relative`` is True when the cue needed the publication date ("on Friday").
    ``reported`` is True when the cue dates a statement or an updated toll ("officials said on
    Monday", "the toll rose to 23 on Saturday"): the event was then, or before.
    """

    earliest: dt.date
    latest: dt.date
    event_date: dt.date
    time_precision: int
    start: int
    end: int
    text: str
    relative: bool
    reported: bool = False


_MONTH_NAMES = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
               "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}  # fmt: skip
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}  # fmt: skip

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
)
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_WEEKDAY = r"(?:[Mm]onday|[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ff]riday|[Ss]aturday|[Ss]unday)"
_PART = r"(?:night|evening|morning|afternoon|midnight)"
_WINDOW_BEFORE = re.compile(r"(?:\bsince|\buntil|\btill)\s+(?:the\s+)?$", re.IGNORECASE)
_FUTURE_BEFORE = re.compile(r"\b(?:next|coming)\s+$", re.IGNORECASE)
# A statement or a toll update dated by the cue, not the event: "said on Monday", "the toll
# rose to 23 on Saturday", "announced late Friday".
_REPORTED_BEFORE = re.compile(
    r"\b(?:said|says|told|reported|announced|added|stated|confirmed|wrote|posted|tweeted|declared|"
    r"(?:rose|risen|climbed|jumped|increased|reached|stood|stands)(?:\s+to)?\s+(?:at\s+)?[\d,]+)"
    r"(?:\s+\w+){0,3}?\s+(?:(?:late|early)\s+)?(?:on\s+)?(?:late\s+|early\s+)?$",
    re.IGNORECASE,
)


def _month_number(word: str) -> int:
    w = word.lower().rstrip(".")
    return _MONTH_NAMES.get(w) or _MONTH_ABBR[w]


@dataclass(frozen=True, slots=True)
class _Cue:
    """A candidate date cue: lower ``rank`` wins among cues of one precision."""

    guess: DateGuess
    rank: int


_Resolver = Callable[[re.Match[str], dt.date | None], tuple[dt.date, dt.date, dt.date, int] | None]


def _previous_weekday(anchor: dt.date, weekday: int) -> dt.date:
    """The latest ``weekday`` on or before ``anchor``."""
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def _year_for(month: int, day: int, anchor: dt.date | None) -> int | None:
    """The year making month/day the latest day not after the anchor (+slack)."""
    if anchor is None:
        return None
    for year in (anchor.year, anchor.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= anchor + _SLACK:
            return year
    return None


def _day_range(day: dt.date, part: str | None) -> tuple[dt.date, dt.date, dt.date, int]:
    """A night may run past midnight into the next day."""
    if part and part.lower() in ("night", "midnight"):
        return day, day + _DAY, day, 1
    return day, day, day, 1


def _explicit_md(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date, dt.date, int] | None:
    month = _month_number(m.group("month"))
    day = int(m.group("day"))
    year = int(m.group("year")) if m.group("year") else _year_for(month, day, anchor)
    if year is None:
        return None
    try:
        found = dt.date(year, month, day)
    except ValueError:
        return None
    return _day_range(found, m.groupdict().get("part"))


def _iso(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date, dt.date, int] | None:
    try:
        found = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return found, found, found, 1


def _month_only(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date, dt.date, int] | None:
    month = _month_number(m.group("month"))
    if m.group("year"):
        year = int(m.group("year"))
    elif anchor is not None:
        year = anchor.year if month <= anchor.month else anchor.year - 1
    else:
        return None
    first = dt.date(year, month, 1)
    last = dt.date(year, month, monthrange(year, month)[1])
    return _month_window(first, last, m.group("when"))


def _month_window(first: dt.date, last: dt.date, when: str | None) -> tuple[dt.date, dt.date, dt.date, int]:
    """'early'/'mid'/'late' narrow a month to its thirds; the best day is the window's middle."""
    w = (when or "").lower().rstrip("-")
    if w in ("early", "earlier"):
        last = first + dt.timedelta(days=9)
    elif w == "mid":
        first, last = first + dt.timedelta(days=9), first + dt.timedelta(days=19)
    elif w in ("late", "end"):
        first = first + dt.timedelta(days=20)
    middle = first + (last - first) / 2
    return first, last, middle, 3


def _weekday(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date, dt.date, int] | None:
    if anchor is None:
        return None
    day = _previous_weekday(anchor, _WEEKDAYS[m.group("weekday").lower()])
    if (m.group("which") or "").lower() == "last" and day == anchor:
        day -= 7 * _DAY
    if m.group("into"):
        end = _previous_weekday(anchor + 6 * _DAY, _WEEKDAYS[m.group("into").lower()])
        end = end if end > day else day + _DAY
        return day, end, day, 1
    return _day_range(day, m.group("part"))


def _relative_days(offset: int, spill: bool = False, precision: int = 1) -> _Resolver:
    def resolve(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date, dt.date, int] | None:
        if anchor is None:
            return None
        day = anchor - offset * _DAY
        return day, (day + _DAY if spill else day), day, precision

    return resolve


def _past_days(days: int) -> _Resolver:
    """ "over the past week": any day of the window up to the anchor, precision 2."""

    def resolve(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date, dt.date, int] | None:
        if anchor is None:
            return None
        first = anchor - days * _DAY
        return first, anchor, first + (anchor - first) / 2, 2

    return resolve


def _days_ago(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date, dt.date, int] | None:
    if anchor is None:
        return None
    from warlog.extract.numbers import parse_number

    n = parse_number(m.group("n"))
    if n is None or n > 60:
        return None
    day = anchor - n * _DAY
    return day, day, day, 1 if n <= 2 else 2


def _week(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date, dt.date, int] | None:
    if anchor is None:
        return None
    monday = anchor - anchor.weekday() * _DAY
    if m.group("which").lower() == "last":
        first, last = monday - 7 * _DAY, monday - _DAY
    else:
        first, last = monday, anchor
    return first, last, first + (last - first) / 2, 2


def _weekend(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date, dt.date, int] | None:
    if anchor is None:
        return None
    saturday = _previous_weekday(anchor, 5)
    if (m.group("which") or "").lower() == "last" and anchor.weekday() >= 5:
        saturday -= 7 * _DAY
    sunday = min(saturday + _DAY, anchor)
    return saturday, sunday, saturday, 2


def _month_relative(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date, dt.date, int] | None:
    if anchor is None:
        return None
    first = anchor.replace(day=1)
    if m.group("which").lower() == "last":
        last = first - _DAY
        return _month_window(last.replace(day=1), last, None)
    return _month_window(first, anchor, None)


_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_WD_PREFIX = rf"(?:{_WEEKDAY},?\s+(?:the\s+)?)?"
_PATTERNS: list[tuple[re.Pattern[str], _Resolver, int, bool]] = [
    # (pattern, resolver, rank, relative)
    (re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b"), _iso, 0, False),
    (
        re.compile(
            rf"\b{_WD_PREFIX}(?P<month>{_MONTH})(?:\s+|(?<=\.)(?=\d)){_D}(?![\d:]){_Y}(?:\s+(?:at\s+)?(?P<part>{_PART}))?"
        ),
        _explicit_md,
        0,
        False,
    ),
    (re.compile(rf"\b{_WD_PREFIX}{_D}\s+(?:of\s+)?(?P<month>{_MONTH})(?![a-z]){_Y}"), _explicit_md, 0, False),
    (
        re.compile(
            rf"\b(?:(?P<which>last|this|past)\s+)?(?P<weekday>{_WEEKDAY})(?:\s+(?P<part>{_PART}))?"
            rf"(?:\s+(?:into|to|and)\s+(?:early\s+)?(?P<into>{_WEEKDAY}))?"
        ),
        _weekday,
        1,
        True,
    ),
    (re.compile(r"\b(?:the\s+)?day\s+before\s+yesterday\b", re.IGNORECASE), _relative_days(2), 1, True),
    (re.compile(r"\byesterday(?:\s+(?P<part>night|evening))?\b", re.IGNORECASE), _relative_days(1), 1, True),
    (re.compile(r"\blast\s+night\b", re.IGNORECASE), _relative_days(1, spill=True), 1, True),
    (re.compile(r"\bovernight\b", re.IGNORECASE), _relative_days(1, spill=True), 2, True),
    (
        re.compile(
            r"\b(?:today|tonight|earlier\s+today|this\s+(?:morning|afternoon|evening))\b", re.IGNORECASE
        ),
        _relative_days(0),
        1,
        True,
    ),
    (
        re.compile(r"\b(?:at|before|after)\s+(?:dawn|daybreak|sunrise|first\s+light)\b", re.IGNORECASE),
        _relative_days(0),
        3,
        True,
    ),
    (
        re.compile(r"\b(?P<n>\w+|\d+)\s+days?\s+(?:ago|earlier|before(?=\s*(?:[,.;)]|$)))\b", re.IGNORECASE),
        _days_ago,
        1,
        True,
    ),
    (
        re.compile(
            r"\b(?:a\s+day\s+earlier|the\s+(?:day|night)\s+before|the\s+previous\s+(?:day|night))\b", re.I
        ),
        _relative_days(1),
        1,
        True,
    ),
    (re.compile(r"\b(?:earlier\s+)?(?P<which>last|this)\s+week\b", re.IGNORECASE), _week, 1, True),
    (
        re.compile(
            r"\b(?:over\s+|at\s+|during\s+)?(?:the\s+|(?P<which>last|this)\s+)weekend\b", re.IGNORECASE
        ),
        _weekend,
        1,
        True,
    ),
    (re.compile(r"\b(?:earlier\s+)?(?P<which>last|this)\s+month\b", re.IGNORECASE), _month_relative, 1, True),
    (
        re.compile(r"\b(?:over|during|in)\s+the\s+(?:past|last|previous)\s+(?:week|seven\s+days)\b", re.I),
        _past_days(7),
        1,
        True,
    ),
    (
        re.compile(
            rf"\b(?:(?:in|during)\s+)?(?:(?P<when>early|mid-?|late|the\s+end\s+of)\s*)?(?P<month>{_FULL_MONTH})"
            rf"(?!\s+\d{{1,2}}\b)(?:,?\s+(?P<year>(?:19|20)\d\d))?"
        ),
        _month_only,
        0,
        False,
    ),
]


# Every date pattern holds one of these (as a substring, lower case): a text without any has no date.
_DATE_WORDS = re.compile(
    r"day|night|week|month|ago|morning|afternoon|evening|dawn|sunrise|first light|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d\d-\d\d"
)


def _candidates(sentence: str, anchor: dt.date | None) -> Iterator[_Cue]:
    if _DATE_WORDS.search(sentence.lower()) is None:
        return
    for pattern, resolver, rank, relative in _PATTERNS:
        for m in pattern.finditer(sentence):
            before = sentence[: m.start()]
            if _WINDOW_BEFORE.search(before) or _FUTURE_BEFORE.search(before):
                continue
            if resolver is _month_only and not _is_month_cue(m, before):
                continue
            resolved = resolver(m, anchor)
            if resolved is None:
                continue
            earliest, latest, best, precision = resolved
            if anchor is not None:
                if earliest > anchor + _SLACK:
                    continue
                latest = min(latest, anchor + _SLACK)
                best = min(best, latest)
            text = m.group().rstrip()
            reported = relative and _REPORTED_BEFORE.search(before[-60:]) is not None
            guess = DateGuess(
                earliest, latest, best, precision, m.start(), m.start() + len(text), text, relative, reported
            )
            yield _Cue(guess, rank)


def _is_month_cue(m: re.Match[str], before: str) -> bool:
    """'May' and 'March' are also words; a bare month needs 'in', a year or a position word."""
    word = m.group("month")
    if word not in ("May", "March"):
        return True
    preposition = re.match(r"(?:in|during)\s", m.group(), re.IGNORECASE)
    return bool(m.group("year") or m.group("when") or preposition or re.search(r"\bof\s+$", before))


@lru_cache(maxsize=64)
def _anchor(published: dt.date | None, context: str) -> dt.date | None:
    """The publication date, else the latest full date the context gives (a dateline).

    Cached: every sentence of an undated article asks with the same context."""
    if published is not None or not context:
        return published
    days = [
        cue.guess.event_date
        for cue in _candidates(context, None)
        if cue.guess.time_precision == 1 and not cue.guess.relative
    ]
    return max(days) if days else None


def resolve_date(sentence: str, published: dt.date | None, context: str = "") -> DateGuess | None:
    """The event date a sentence gives, resolved against the publication date; None without a cue.

    A cue dating the event beats one dating a statement about it ("said on Monday"); then
    the most precise wins, then the most explicit, then the first.
    ``context`` (e.g. the article's opening) supplies an anchor when ``published`` is None.
    """
    anchor = _anchor(published, context)
    cues = list(_candidates(sentence, anchor))
    if not cues:
        return None
    best = min(cues, key=lambda c: (c.guess.reported, c.guess.time_precision, c.rank, c.guess.start))
    return best.guess


def default_date(published: dt.date | None) -> DateGuess | None:
    """The date of an event whose report gives no day: the publication date, precision 2.

    ACLED codes the report date when the source is silent and marks it imprecise; news
    reports events of that day or the day before, hence the range published-1..published.
    """
    if published is None:
        return None
    return DateGuess(published - _DAY, published, published, 2, 0, 0, "", True)


_SINCE = re.compile(r"\bsince\s+(?:the\s+)?", re.IGNORECASE)
_YEAR_START = re.compile(
    r"^(?:start|beginning|outset)\s+of\s+(?:the\s+|this\s+)?(?P<year>year|(?:19|20)\d\d)\b", re.IGNORECASE
)
_BARE_YEAR = re.compile(r"^(?:early\s+)?(?P<year>(?:19|20)\d\d)\b")


def resolve_since(text: str, published: dt.date | None) -> dt.date | None:
    """The start of a window: 'since October 19', 'since the start of the year', 'since the war in October'.

    Looks only at the words after the first 'since'; a month alone gives its first day.
    """
    m = _SINCE.search(text)
    if m is None:
        return None
    tail = text[m.end() : m.end() + 80]
    ys = _YEAR_START.match(tail)
    if ys:
        if ys.group("year").lower() == "year":
            return dt.date(published.year, 1, 1) if published else None
        return dt.date(int(ys.group("year")), 1, 1)
    by = _BARE_YEAR.match(tail)
    if by:
        return dt.date(int(by.group("year")), 1, 1)
    clause = re.split(r"[,;:]|\s(?:and|when|while|where|which)\s", tail, maxsplit=1)[0]
    for pattern, resolver, _rank, _relative in _PATTERNS:
        hit = pattern.search(clause)
        if hit is None:
            continue
        if resolver is _month_only:
            month = _month_number(hit.group("month"))
            year = int(hit.group("year")) if hit.group("year") else _year_for(month, 1, published)
            if year is None:
                continue
            return dt.date(year, month, 1)
        resolved = resolver(hit, published)
        if resolved is not None:
            return resolved[0]
    any_year = re.search(r"\b(?:19|20)\d\d\b", clause)
    return dt.date(int(any_year.group()), 1, 1) if any_year else None
