"""Visible text without a tree: a feed entry's HTML, or the prose of a page trafilatura cannot read.

A streaming parser builds no tree, so no depth or size of markup defeats it. From a page only
paragraphs that read like prose are kept (enough words, a sentence end): a menu or a link
list alone still yields nothing, and the page is refused as before.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["prose_paragraphs", "visible_text"]

_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head", "nav", "footer", "form"})
_BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
                     "blockquote", "tr", "td", "header", "main", "aside", "figcaption", "pre"})
_MIN_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.paragraphs.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)


def _paragraphs(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    parser.close()
    parser._flush()
    return parser.paragraphs


def visible_text(html: str) -> str:
    """All visible text of a fragment (a feed entry's summary), a blank line between blocks."""
    return "\n\n".join(_paragraphs(html))


def prose_paragraphs(html: str) -> list[str]:
    """Paragraphs of the page's visible text that read like sentences."""
    return [p for p in _paragraphs(html) if len(p.split()) >= _MIN_WORDS and _SENTENCE_END.search(p)]
