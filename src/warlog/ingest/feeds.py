"""RSS and Atom entries as articles: the entry's content, else its summary, as plain text.

Shared by ``warlog ingest feed.xml`` (a saved feed) and ``warlog watch`` (a polled one), so an
entry becomes the same article either way.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from warlog.errors import BadInputError
from warlog.ingest.articles import article_from_record
from warlog.ingest.html_text import visible_text
from warlog.models import Article

__all__ = ["article_from_entry", "entry_date", "parse_feed"]


def parse_feed(data: bytes | str, source: str) -> Any:
    """The parsed feed; a BadInputError when it is not a feed at all."""
    from xml.sax import SAXException

    import feedparser  # only when a feed is read

    parsed = feedparser.parse(data)
    problem = parsed.get("bozo_exception")
    if parsed.bozo and (isinstance(problem, SAXException) or not parsed.entries):
        raise BadInputError(source, f"not a well-formed feed ({problem})")
    return parsed


def entry_date(entry: Any) -> dt.date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC).date()


def article_from_entry(entry: Any, source: str, outlet: str | None) -> Article:
    """One entry's text (HTML markup removed), title, link, date and outlet."""
    body = entry["content"][0].get("value", "") if entry.get("content") else entry.get("summary", "")
    published = entry_date(entry)
    record = {
        "title": entry.get("title"),
        "text": visible_text(body) if "<" in body else body,
        "url": entry.get("link"),
        "outlet": outlet,
        "published": published.isoformat() if published else None,
    }
    return article_from_record(record, source=source, line=None)
