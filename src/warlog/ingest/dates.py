"""Publication dates written in a page's text: datelines such as "2024-02-03 | 06:51".

Only lines that are *mostly* a date count. A date inside a sentence near the top
("... in Damascus on December 22, 2024") says when something happened, not
when the article was published, so it is never taken.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

__all__ = ["find_dates", "is_dateline", "parse_date", "published_from_lines"]

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<{name}>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d])")
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)\b"
_MDY = re.compile(r"\b" + _MONTH.format(name="mon") + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I)
_DMY = re.compile(r"\b" + _DAY + r"\s+" + _MONTH.format(name="mon") + r",?\s+" + _YEAR, re.I)
_PATTERNS = (_ISO, _MDY, _DMY)

# What may surround a date on a dateline without making it a sentence.
_FILLER = re.compile(
    r"""\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b\.?        # weekdays
      | \b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?    # times
      | \b(?:gmt|utc|est|edt|cet|cest|eet|eest|ast|[+-]\d{2}:?\d{2})\b
      | \b(?:published|updated|posted|last|modified|on|at|date|time)\b:?
      | \([^)]{1,30}\)                                       # (AFP), (Reuters)
      | \b(?:"""
    + "|".join(_MONTHS)
    + r""")\b\.?\s*\d{0,2}  # a short date without year
      | [|,:;/·•\-–—]""",
    re.I | re.X,
)
_MAX_LEFTOVER_WORDS = 3
_MAX_DATELINE_CHARS = 120
_TOP_LINES = 12


def _to_date(y: str, m: str | int, d: str) -> dt.date | None:
    month = m if isinstance(m, int) else (int(m) if m.isdigit() else _MONTHS[m.lower().rstrip(".")])
    try:
        return dt.date(int(y), month, int(d))
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every full date (with a year) in ``text``: (start, end, date), in text order."""
    found: list[tuple[int, int, dt.date]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            date = _to_date(groups["y"], groups.get("mon") or groups["m"], groups["d"])
            if date is not None:
                found.append((m.start(), m.end(), date))
    found.sort()
    kept: list[tuple[int, int, dt.date]] = []
    for item in found:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def parse_date(value: str) -> dt.date | None:
    """A whole string that is one date ("2024-02-03", "Feb 3, 2024", "3 February 2024")."""
    value = value.strip()
    dates = find_dates(value)
    if len(dates) == 1 and is_dateline(value):
        return dates[0][2]
    return None


def is_dateline(line: str) -> bool:
    """True when the line is a date (plus time, weekday, place name, agency) and nothing more."""
    if len(line) > _MAX_DATELINE_CHARS:
        return False
    dates = find_dates(line)
    if not dates:
        return False
    rest = line
    for start, end, _ in reversed(dates):
        rest = rest[:start] + " " + rest[end:]
    words = _FILLER.sub(" ", rest).split()
    # a place name ("Beirut") may remain; a lower-case word means a sentence ("Three killed ...")
    return len(words) <= _MAX_LEFTOVER_WORDS and not any(w[:1].islower() for w in words)


def published_from_lines(lines: Iterable[str]) -> dt.date | None:
    """The first dateline among the first non-blank lines of an article."""
    seen = 0
    for line in lines:
        if not line.strip():
            continue
        seen += 1
        if seen > _TOP_LINES:
            break
        if is_dateline(line):
            return find_dates(line)[0][2]
    return None
