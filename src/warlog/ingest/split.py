"""Split a plain-text file that holds several articles, one after another.

Copy-pasted pages separate stories with a run of blank lines and start each
with its headline. A new article starts at a headline-like line after two or
more blank lines, when the text before it already had body paragraphs and the
text after it has some too; a Title Case headline qualifies, a sentence-case
one only when it is printed again below (as pages do). A plain single-article
file (or one with a subheading after a gap) stays whole. Nothing is dropped
here: every line ends up in some article's title or body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warlog.ingest.dates import is_dateline
from warlog.ingest.text import normalise_for_hash

__all__ = ["RawArticle", "is_title_like", "split_articles"]

_MAX_TITLE_CHARS = 150
_MIN_GAP = 2
_MIN_BODY_WORDS = 8
_TITLE_CASE_SHARE = 0.5
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_BULLET = re.compile(r"^(?:[-*•·–—]|\d+[.)])\s")


@dataclass(frozen=True)
class RawArticle:
    """One article's lines as found in the file; ``first_line`` is 1-based."""

    title: str | None
    body: str
    first_line: int


def is_title_like(line: str) -> bool:
    """Short, no final full stop, starts like a headline, not a dateline or a bullet."""
    text = line.strip()
    if not text or len(text) > _MAX_TITLE_CHARS or len(text.split()) < 2:
        return False
    if text[-1] in ".,;:" or _BULLET.match(text) or is_dateline(text):
        return False
    return text[0].isupper() or text[0].isdigit() or text[0] in "\"'“‘"


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) >= 4]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= _TITLE_CASE_SHARE


def _is_body(line: str) -> bool:
    text = line.strip()
    return bool(_SENTENCE_END.search(text)) and len(text.split()) >= _MIN_BODY_WORDS


def _gap_before(lines: list[str], i: int) -> int:
    gap = 0
    while i - gap - 1 >= 0 and not lines[i - gap - 1].strip():
        gap += 1
    return gap if i - gap > 0 else 0


def _boundaries(lines: list[str]) -> list[int]:
    candidates = [
        i for i, line in enumerate(lines) if _gap_before(lines, i) >= _MIN_GAP and is_title_like(line)
    ]
    bodies = [0]  # bodies[k]: how many body paragraphs are in lines[:k]
    for line in lines:
        bodies.append(bodies[-1] + _is_body(line))
    starts = [0]
    for n, i in enumerate(candidates):
        end = candidates[n + 1] if n + 1 < len(candidates) else len(lines)
        key = normalise_for_hash(lines[i])
        repeated = any(normalise_for_hash(line) == key for line in lines[i + 1 : end])
        if (
            (repeated or _title_case(lines[i]))
            and bodies[i] > bodies[starts[-1]]
            and bodies[end] > bodies[i + 1]
        ):
            starts.append(i)
    return starts


def split_articles(text: str) -> list[RawArticle]:
    """The articles in ``text``, in file order; a title only when the first line looks like one."""
    lines = text.splitlines()
    starts = _boundaries(lines)
    articles: list[RawArticle] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        chunk = lines[start:end]
        first = next((k for k, line in enumerate(chunk) if line.strip()), None)
        if first is None:
            continue
        title: str | None = None
        body_from = first
        if is_title_like(chunk[first]) and any(line.strip() for line in chunk[first + 1 :]):
            title = chunk[first].strip()
            body_from = first + 1
        body = "\n".join(chunk[body_from:]).strip("\n")
        articles.append(RawArticle(title=title, body=body, first_line=start + first + 1))
    return articles
