"""Build an ``Article`` from a record, an HTML page or a piece of a text file.

Every builder raises ``BadInputError`` naming the source (and line) when the
input cannot become an article; ``iter_articles`` turns that into a yielded
error so one bad input never stops a run.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from typing import Any, Literal
from urllib.parse import urlsplit

from warlog.errors import BadInputError
from warlog.ingest.boilerplate import strip_boilerplate
from warlog.ingest.dates import parse_date, published_from_lines
from warlog.ingest.html_text import prose_paragraphs
from warlog.ingest.text import content_hash
from warlog.models import Article

__all__ = [
    "HTML_FALLBACK_FLAG",
    "NO_DATE_FLAG",
    "article_from_html",
    "article_from_record",
    "build_article",
    "parse_published",
]

log = logging.getLogger(__name__)

NO_DATE_FLAG = "no-publication-date"
HTML_FALLBACK_FLAG = "html-prose-fallback"  # trafilatura read nothing; the page's prose paragraphs were kept
PublishedSource = Literal["record", "html", "text", "unknown"]


def build_article(
    body: str,
    source: str,
    *,
    title: str | None = None,
    record_id: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    published_source: PublishedSource = "unknown",
    line: int | None = None,
    flags: Sequence[str] = (),
) -> Article:
    """Clean the body, date it (record/html first, then a dateline in the text) and hash it."""
    cleaned = strip_boilerplate(body, title)
    if not cleaned.paragraphs:
        raise BadInputError(source, "no article text left after removing page furniture", line)
    flags = list(flags)
    if published is None:
        published = published_from_lines(body.splitlines())
        published_source = "text" if published else "unknown"
    if published is None:
        flags.append(NO_DATE_FLAG)
        log.info("%s: no publication date found", source if line is None else f"{source} line {line}")
    text = cleaned.text
    digest = content_hash(text)
    return Article(
        id=record_id or "a" + digest[:16],
        outlet=outlet or _outlet_from_url(url),
        url=url,
        published=published,
        published_source=published_source,
        title=title or None,
        text=text,
        content_hash=digest,
        source_path=source,
        flags=flags,
    )


def _outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    return host.removeprefix("www.") or None


def parse_published(value: Any, source: str, line: int | None) -> dt.date | None:
    """A record's 'published': ISO date or datetime, or a written date; anything else is an error."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 10 or text[10:11] in ("T", " "):
            try:
                return dt.date.fromisoformat(text[:10])
            except ValueError:
                pass
        parsed = parse_date(text)
        if parsed is not None:
            return parsed
    raise BadInputError(source, f"'published' is not a date (got {value!r})", line)


def _optional_str(record: Mapping[str, Any], key: str, source: str, line: int | None) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise BadInputError(source, f"'{key}' must be a string (got {type(value).__name__})", line)
    return str(value).strip() or None


def article_from_record(record: Mapping[str, Any], source: str, line: int | None = None) -> Article:
    """A JSON record (id, outlet, url, published, title, text; other keys ignored) as an Article."""
    if not isinstance(record, Mapping):
        raise BadInputError(source, f"expected a JSON object (got {type(record).__name__})", line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadInputError(source, "'text' is missing or empty", line)
    published = parse_published(record.get("published"), source, line)
    return build_article(
        text,
        source,
        title=_optional_str(record, "title", source, line),
        record_id=_optional_str(record, "id", source, line),
        outlet=_optional_str(record, "outlet", source, line),
        url=_optional_str(record, "url", source, line),
        published=published,
        published_source="record" if published else "unknown",
        line=line,
    )


def article_from_html(html: str, source: str, url: str | None = None) -> Article:
    """The main text of an HTML page (trafilatura) with its title, site and date metadata."""
    import trafilatura  # heavy import, only when HTML is read

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its parse errors are ours to report
    try:
        body = trafilatura.extract(
            html,
            url=url,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            output_format="txt",
        )
        meta = trafilatura.extract_metadata(html, default_url=url, extensive=False)
    except Exception as exc:  # lxml/trafilatura fail in many ways on broken markup
        raise BadInputError(source, f"cannot parse the HTML ({exc})") from exc
    flags: list[str] = []
    if not body or not body.strip():
        body = "\n\n".join(prose_paragraphs(html))
        if not body:
            raise BadInputError(source, "no article text found in the HTML")
        flags.append(HTML_FALLBACK_FLAG)
        log.info("%s: main text not found; kept the page's prose paragraphs", source)
    # trafilatura gives no metadata at all for a page it could not parse
    title, outlet, page_url, page_date = (
        (meta.title, meta.sitename or meta.hostname, meta.url, meta.date) if meta is not None else (None,) * 4
    )
    published = parse_published(page_date, source, None) if page_date else None
    return build_article(
        body,
        source,
        title=(title or "").strip() or None,
        outlet=outlet,
        url=url or page_url,
        published=published,
        published_source="html" if published else "unknown",
        flags=flags,
    )
