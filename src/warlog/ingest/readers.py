"""One reader per file type; each yields Articles and BadInputErrors, never raises.

Size limits: .txt, .html, .json and feed (.rss, .atom, .xml) files are read whole, so a file larger than
``settings.max_file_mb`` is refused before reading. JSONL is streamed line by
line, so the file may be any size; the same limit applies to each line (one
record) instead.
"""

from __future__ import annotations

import codecs
import io
import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from warlog.errors import BadInputError
from warlog.ingest.articles import article_from_html, article_from_record, build_article
from warlog.ingest.feeds import article_from_entry, parse_feed
from warlog.ingest.split import split_articles
from warlog.ingest.text import TextDecodeError, declared_charset, decode_bytes, looks_binary
from warlog.models import Article
from warlog.settings import Settings

__all__ = ["READERS", "read_feed", "read_html", "read_json", "read_jsonl", "read_txt"]

log = logging.getLogger(__name__)

Item = Article | BadInputError
Reader = Callable[[Path, Settings], Iterator[Item]]
_MB = 1024 * 1024
_CHUNK = 1 << 16


def _limit_bytes(settings: Settings) -> int:
    return max(1, int(settings.max_file_mb * _MB))


def _read_bytes(path: Path, settings: Settings) -> bytes:
    """The whole file, after the size and emptiness checks."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > _limit_bytes(settings):
            raise BadInputError(
                source,
                f"file is {size / _MB:.2f} MB, over the {settings.max_file_mb:g} MB limit "
                "(max_file_mb); split it or raise the limit",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise BadInputError(source, f"cannot read ({exc.strerror or exc})") from exc
    if not data:
        raise BadInputError(source, "empty file")
    return data


def _read_text(path: Path, settings: Settings, html: bool = False) -> str:
    """The whole file as text, after the size, emptiness, binary and encoding checks.

    HTML may declare its charset in a <meta> tag; that declaration is honoured.
    """
    source = str(path)
    data = _read_bytes(path, settings)
    try:
        text = decode_bytes(data, declared_charset(data) if html else None)
    except TextDecodeError as exc:
        raise BadInputError(source, str(exc)) from exc
    if not text.strip():
        raise BadInputError(source, "empty file (only whitespace)")
    return text


def read_txt(path: Path, settings: Settings) -> Iterator[Item]:
    """A text file of one or more articles (see ``split``); the first line is the title."""
    try:
        text = _read_text(path, settings)
    except BadInputError as exc:
        yield exc
        return
    for raw in split_articles(text):
        try:
            yield build_article(raw.body, str(path), title=raw.title, line=raw.first_line)
        except BadInputError as exc:
            yield exc


def read_html(path: Path, settings: Settings) -> Iterator[Item]:
    """One saved web page."""
    try:
        yield article_from_html(_read_text(path, settings, html=True), str(path))
    except BadInputError as exc:
        yield exc


def read_json(path: Path, settings: Settings) -> Iterator[Item]:
    """A JSON file holding one record or a list of records (list items are numbered from 1)."""
    try:
        data = json.loads(_read_text(path, settings))
    except BadInputError as exc:
        yield exc
        return
    except json.JSONDecodeError as exc:
        yield BadInputError(str(path), f"not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
        return
    records = data if isinstance(data, list) else [data]
    for n, record in enumerate(records, start=1):
        try:
            yield article_from_record(record, str(path), n if isinstance(data, list) else None)
        except BadInputError as exc:
            yield exc


def read_feed(path: Path, settings: Settings) -> Iterator[Item]:
    """A saved RSS or Atom feed: one article per entry (numbered from 1 in errors)."""
    try:
        parsed = parse_feed(_read_bytes(path, settings), str(path))
    except BadInputError as exc:
        yield exc
        return
    if not parsed.entries:
        yield BadInputError(str(path), "a feed with no entries")
        return
    outlet = parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, start=1):
        try:
            yield article_from_entry(entry, f"{path} entry {n}", outlet)
        except BadInputError as exc:
            yield exc


def _lines(stream: BinaryIO, limit: int, utf16: bool) -> Iterator[tuple[int, int, str | bytes, bool]]:
    """(line number, byte offset, content, too long) for each line, reading at most ``limit`` at once."""
    if utf16:
        text_stream = io.TextIOWrapper(stream, encoding="utf-16", newline=None)
        number = 0
        while chunk := text_stream.readline(limit + 1):
            number += 1
            too_long = len(chunk) > limit and not chunk.endswith("\n")
            while too_long and (rest := text_stream.readline(_CHUNK)) and not rest.endswith("\n"):
                pass
            yield number, -1, chunk, too_long
        return
    number = 0
    offset = 0
    while raw := stream.readline(limit + 1):
        number += 1
        start = offset
        offset += len(raw)
        too_long = len(raw) > limit and not raw.endswith(b"\n")
        while too_long and (tail := stream.readline(_CHUNK)):
            offset += len(tail)
            if tail.endswith(b"\n"):
                break
        yield number, start, raw, too_long


def _decode_line(source: str, number: int, offset: int, raw: bytes) -> str | BadInputError:
    shift = 0
    if number == 1 and raw.startswith(codecs.BOM_UTF8):
        raw, shift = raw[len(codecs.BOM_UTF8) :], len(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        at = offset + shift + exc.start
        bad = raw[exc.start : exc.start + 1].hex()
        return BadInputError(source, f"not valid UTF-8 at byte {at} (0x{bad}); re-save it as UTF-8", number)


def _jsonl_item(source: str, number: int, offset: int, raw: str | bytes) -> Item | None:
    line = _decode_line(source, number, offset, raw) if isinstance(raw, bytes) else raw
    if isinstance(line, BadInputError):
        return line
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return BadInputError(source, f"not JSON ({exc.msg} at column {exc.colno})", number)
    try:
        return article_from_record(record, source, number)
    except BadInputError as exc:
        return exc


def read_jsonl(path: Path, settings: Settings) -> Iterator[Item]:
    """One JSON record per line, streamed; bad lines become errors and the rest go on."""
    source = str(path)
    limit = _limit_bytes(settings)
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield BadInputError(source, f"cannot read ({exc.strerror or exc})")
        return
    with stream:
        head = stream.read(8192)
        if not head:
            yield BadInputError(source, "empty file")
            return
        if looks_binary(head):
            yield BadInputError(source, "binary data, not text")
            return
        utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        stream.seek(0)
        records = 0
        try:
            for number, offset, line, too_long in _lines(stream, limit, utf16):
                if too_long:
                    yield BadInputError(
                        source, f"line is over the {settings.max_file_mb:g} MB limit (max_file_mb)", number
                    )
                    continue
                item = _jsonl_item(source, number, offset, line)
                if item is not None:
                    records += 1
                    yield item
        except (OSError, UnicodeDecodeError) as exc:
            yield BadInputError(source, f"cannot read ({exc})")
            return
    if records == 0:
        yield BadInputError(source, "empty file (no records)")


READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
}
