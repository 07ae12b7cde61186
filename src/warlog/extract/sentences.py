"""Sentence splitting with character offsets into the article text.

Offsets matter more than linguistic finesse here: every span warlog stores
points back into ``Article.text``, so a sentence is always ``text[start:end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and
# an upper-case letter, digit, opening quote or hashtag, or at a blank line / line break.
_BOUNDARY = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[#@]?[A-Z0-9])|\n\s*""")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "st",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "vs",
        "approx",
        "est",
    ]
)


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


def _ends_with_abbreviation(chunk: str) -> bool:
    word = chunk.rstrip(".!?\"'”’)] ").rsplit(maxsplit=1)[-1:] or [""]
    token = word[0].lower().rstrip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences whose offsets index ``text`` exactly."""
    sentences: list[Sentence] = []
    start = 0
    pending_start: int | None = None
    for match in _BOUNDARY.finditer(text):
        chunk_start = start if pending_start is None else pending_start
        chunk = text[chunk_start : match.start()]
        if "\n" not in match.group() and _ends_with_abbreviation(chunk):
            pending_start = chunk_start
            start = match.end()
            continue
        _append(sentences, text, chunk_start, match.start())
        pending_start = None
        start = match.end()
    _append(sentences, text, start if pending_start is None else pending_start, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end, text[start:end]))
