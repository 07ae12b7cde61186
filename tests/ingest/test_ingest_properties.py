"""Properties of the normaliser, the hash, the splitter, the cleaner and the date parser."""

from __future__ import annotations

import datetime as dt
import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from warlog.ingest import clean_text, content_hash, normalise_for_hash, split_articles
from warlog.ingest.dates import parse_date

WORDS = st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=8)
SPACES = st.sampled_from([" ", "  ", "\t", "\n", " \n ", "\u00a0"])


@given(st.lists(WORDS, min_size=1, max_size=30), st.data())
def test_hash_ignores_whitespace_and_case(words: list[str], data: st.DataObject) -> None:
    plain = " ".join(words)
    spaced = "".join(w + data.draw(SPACES) for w in words)
    assert content_hash(spaced) == content_hash(plain)
    assert content_hash(plain.casefold()) == content_hash(plain)
    assert normalise_for_hash(normalise_for_hash(spaced)) == normalise_for_hash(spaced)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ", max_size=40))
def test_hash_ignores_case(text: str) -> None:
    assert content_hash(text.upper()) == content_hash(text.lower())


def test_hash_tells_different_texts_apart() -> None:
    assert content_hash("Two killed in the north.") != content_hash("Three killed in the north.")
    assert content_hash("ｆｕｌｌ width") == content_hash("full width")


LOWER = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)
SENTENCE = st.builds(
    lambda first, rest: "S" + first + " " + " ".join(rest) + ".",
    LOWER,
    st.lists(LOWER, min_size=8, max_size=20),
)
TITLE_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9).map(lambda w: "T" + w)
TITLE = st.lists(TITLE_WORD, min_size=2, max_size=8).map(" ".join)
ARTICLE = st.tuples(TITLE, st.lists(SENTENCE, min_size=1, max_size=5))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@settings(max_examples=60)
@given(st.lists(ARTICLE, min_size=1, max_size=4), st.integers(min_value=2, max_value=4))
def test_splitter_never_loses_text(articles: list[tuple[str, list[str]]], gap: int) -> None:
    text = ("\n" * (gap + 1)).join(title + "\n\n" + "\n\n".join(body) for title, body in articles)
    parts = split_articles(text)
    rebuilt = [line for p in parts for line in ([p.title] if p.title else []) + _lines(p.body)]
    assert rebuilt == _lines(text)
    assert [p.title for p in parts] == [title for title, _ in articles]


FURNITURE = st.sampled_from(["TT", "Share", "3 min read", "Read more:", "AFP", "Live Story"])


@settings(max_examples=50)
@given(st.lists(SENTENCE, max_size=6, unique=True), st.lists(FURNITURE, max_size=6), st.randoms())
def test_cleaner_only_removes_and_keeps_every_sentence(
    sentences: list[str], furniture: list[str], rnd: random.Random
) -> None:
    lines = sentences + furniture
    rnd.shuffle(lines)
    text = "\n\n".join(lines)
    cleaned = clean_text(text)
    paragraphs = cleaned.split("\n\n") if cleaned else []
    assert cleaned == cleaned.strip() and "\n\n\n" not in cleaned
    assert all(p in lines for p in paragraphs)
    assert sorted(paragraphs) == sorted(sentences)


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]  # fmt: skip


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)), st.integers(0, 4))
def test_written_dates_parse_back(date: dt.date, style: int) -> None:
    month = MONTHS[date.month - 1]
    written = [
        date.isoformat(),
        f"{month} {date.day}, {date.year}",
        f"{date.day} {month} {date.year}",
        f"{month[:3]} {date.day}, {date.year}",
        f"{date.strftime('%A')}, {date.day} {month}, {date.year}",
    ][style]
    assert parse_date(written) == date


@given(st.text(max_size=40))
def test_parse_date_never_raises(text: str) -> None:
    result = parse_date(text)
    assert result is None or re.search(str(result.year), text)


@given(st.lists(WORDS, min_size=1, max_size=20), st.sampled_from(["p", "div", "span", "b", "li"]))
def test_visible_text_keeps_every_word_and_no_markup(words: list[str], tag: str) -> None:
    from warlog.ingest.html_text import visible_text

    text = " ".join(words)
    html = f"<{tag}>{text}</{tag}><script>var hidden = 1;</script>"
    assert visible_text(html) == text
    assert visible_text(text) == text


@given(st.text(max_size=300))
def test_visible_text_never_raises(html: str) -> None:
    from warlog.ingest.html_text import prose_paragraphs, visible_text

    assert isinstance(visible_text(html), str)
    assert all(len(p.split()) >= 8 for p in prose_paragraphs(html))
