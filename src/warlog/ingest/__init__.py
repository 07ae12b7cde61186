"""Ingest: files and folders of news reports in, clean ``Article`` records out.

``iter_articles`` never raises for one bad input: it yields a ``BadInputError``
naming the file (and line) and goes on, so a run over a folder reports every
problem at once and still stores everything that was readable.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from warlog.errors import BadInputError
from warlog.ingest.articles import NO_DATE_FLAG, article_from_html, article_from_record
from warlog.ingest.boilerplate import clean_text, strip_boilerplate
from warlog.ingest.readers import READERS
from warlog.ingest.split import split_articles
from warlog.ingest.text import content_hash, normalise_for_hash
from warlog.models import Article
from warlog.settings import Settings

__all__ = [
    "NO_DATE_FLAG",
    "SUPPORTED_SUFFIXES",
    "article_from_html",
    "article_from_record",
    "clean_text",
    "content_hash",
    "iter_articles",
    "iter_input_files",
    "normalise_for_hash",
    "split_articles",
    "strip_boilerplate",
]

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = tuple(sorted(READERS))


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in sorted(files):
            path = Path(root) / name
            if _hidden(name):
                log.debug("skipping hidden file %s", path)
            elif path.suffix.lower() not in READERS:
                log.warning("skipping %s: unsupported file type", path)
            else:
                yield path


def iter_input_files(paths: Sequence[Path]) -> Iterator[Path | BadInputError]:
    """The files to read, in a deterministic order: folders recursively, sorted, hidden ones skipped."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from _walk(path)
        elif not path.exists():
            yield BadInputError(str(path), "no such file or directory")
        elif path.suffix.lower() not in READERS:
            yield BadInputError(
                str(path), f"unsupported file type (expected {', '.join(SUPPORTED_SUFFIXES)})"
            )
        else:
            yield path


def iter_articles(paths: Sequence[Path], settings: Settings) -> Iterator[Article | BadInputError]:
    """Every article in ``paths``; bad inputs are yielded as errors, repeats within the call skipped."""
    seen: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    for entry in iter_input_files(paths):
        if isinstance(entry, BadInputError):
            yield entry
            continue
        reader = READERS[entry.suffix.lower()]
        try:
            for item in reader(entry, settings):
                if isinstance(item, Article):
                    first = seen.get(item.content_hash)
                    if first is not None:
                        log.warning("%s: skipping %s, same text as %s", entry, item.id, first)
                        continue
                    seen[item.content_hash] = item.id
                    if seen_ids.setdefault(item.id, item.content_hash) != item.content_hash:
                        log.warning("%s: id %s is used again for a different text", entry, item.id)
                yield item
        except Exception as exc:  # a reader bug must not end the run
            log.exception("reading %s failed", entry)
            yield BadInputError(str(entry), f"cannot read ({type(exc).__name__}: {exc})")
