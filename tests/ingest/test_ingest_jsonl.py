"""JSONL: one record per line; a bad line is an error and the next line goes on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from warlog.errors import BadInputError
from warlog.ingest import article_from_record, iter_articles
from warlog.models import Article
from warlog.settings import Settings

TEXT_A = "Gunmen on motorbikes shot dead a village official in a fictional district on Monday."
TEXT_B = "An explosive device hidden in a cart wounded four people at a fictional market on Friday."


def _record(**extra: Any) -> str:
    base = {
        "id": "r-1",
        "outlet": "example.org",
        "url": "https://example.org/story/1",
        "published": "2023-05-02",
        "title": "Village official shot dead",
        "text": TEXT_A,
    }
    base.update(extra)
    return json.dumps(base)


def test_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        _record(),
        "",
        "{not json",
        "[1, 2]",
        _record(id="r-4", text="   "),
        _record(id="r-5", published="2023-13-40"),
        _record(id="r-6", text=TEXT_B, published=None, rewritten=True),
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_articles([path], Settings()))
    assert [type(i).__name__ for i in items] == [
        "Article",
        "BadInputError",
        "BadInputError",
        "BadInputError",
        "BadInputError",
        "Article",
    ]
    errors = [i for i in items if isinstance(i, BadInputError)]
    assert [e.line for e in errors] == [3, 4, 5, 6]
    assert str(errors[3]) == f"{path} line 6: 'published' is not a date (got '2023-13-40')"
    assert "not JSON" in str(errors[0])
    assert "expected a JSON object" in str(errors[1])
    assert "'text' is missing or empty" in str(errors[2])
    first, last = (i for i in items if isinstance(i, Article))
    assert (first.id, first.outlet, first.published_source) == ("r-1", "example.org", "record")
    assert str(first.published) == "2023-05-02"
    assert first.text == TEXT_A and first.title == "Village official shot dead"
    assert last.id == "r-6" and last.published is None and "no-publication-date" in last.flags


def test_record_without_id_or_outlet_gets_them_derived() -> None:
    article = article_from_record({"text": TEXT_B, "url": "https://www.example.net/a"}, "api")
    assert article.id == "a" + article.content_hash[:16]
    assert article.outlet == "example.net"


def test_iso_datetime_is_accepted() -> None:
    article = article_from_record({"text": TEXT_A, "published": "2023-05-02T21:40:00+03:00"}, "api")
    assert str(article.published) == "2023-05-02"


@pytest.mark.parametrize("value", ["yesterday", "2023-02-30", 20230502, "05/02/2023"])
def test_bad_dates_are_refused(value: object) -> None:
    with pytest.raises(BadInputError, match="'published' is not a date"):
        article_from_record({"text": TEXT_A, "published": value}, "api", 7)


def test_undecodable_line_names_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = _record().encode("utf-8") + b"\n"
    bad = b'{"text": "caf\xe9 owner shot dead in a fictional town on Monday."}\n'
    path.write_bytes(good + bad + _record(id="r-3", text=TEXT_B).encode() + b"\n")
    items = list(iter_articles([path], Settings()))
    assert isinstance(items[0], Article) and isinstance(items[2], Article)
    error = items[1]
    assert isinstance(error, BadInputError) and error.line == 2
    offset = len(good) + bad.index(b"\xe9")
    assert f"byte {offset}" in str(error)


def test_over_long_line_is_refused_and_the_next_read(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    long_text = "The convoy was ambushed on the desert road on Sunday. " * 100
    path.write_text(_record(text=long_text) + "\n" + _record(id="r-2", text=TEXT_B) + "\n", encoding="utf-8")
    items = list(iter_articles([path], Settings(max_file_mb=0.001)))
    assert isinstance(items[0], BadInputError) and items[0].line == 1
    assert "limit" in str(items[0])
    assert isinstance(items[1], Article) and items[1].id == "r-2"


def test_utf8_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + _record().encode() + b"\r\n")
    (article,) = list(iter_articles([path], Settings()))
    assert isinstance(article, Article) and article.id == "r-1"


def test_only_blank_lines_is_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n\n  \n", encoding="utf-8")
    (error,) = list(iter_articles([path], Settings()))
    assert isinstance(error, BadInputError) and "empty" in str(error)
