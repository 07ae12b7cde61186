"""HTML pages: body by trafilatura, title/site/date from metadata, broken pages refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from warlog.errors import BadInputError
from warlog.ingest import NO_DATE_FLAG, article_from_html, iter_articles
from warlog.models import Article
from warlog.settings import Settings

PARAGRAPHS = [
    "Artillery shells hit the main square of a fictional hill town on Wednesday, killing four people.",
    "A nurse at the town clinic said eleven more were wounded, two of them seriously.",
    "Neither side commented, and the regional council called for an inquiry into the shelling.",
]


def _page(head_extra: str = "", body_extra: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<html><head><title>Shells hit hill town square | Example Courier</title>"
        f'<meta property="og:site_name" content="Example Courier">{head_extra}</head>'
        "<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>Shells hit hill town square</h1>{body_extra}<p>Share on Facebook</p>"
        f"{paragraphs}</article><footer>Copyright 2022 Example Courier</footer></body></html>"
    )


def test_date_title_and_outlet_from_metadata() -> None:
    html = _page('<meta property="article:published_time" content="2022-07-14T08:30:00Z">')
    article = article_from_html(html, "page.html", url="https://example.com/news/1")
    assert str(article.published) == "2022-07-14" and article.published_source == "html"
    assert article.title == "Shells hit hill town square"
    assert article.outlet == "Example Courier"
    assert article.url == "https://example.com/news/1"
    assert article.text == "\n\n".join(PARAGRAPHS)


def test_no_date_anywhere_is_flagged() -> None:
    article = article_from_html(_page(), "page.html")
    assert article.published is None and NO_DATE_FLAG in article.flags


def test_dateline_in_the_page_text() -> None:
    article = article_from_html(_page(body_extra="<p>Published 14 July 2022</p>"), "page.html")
    assert str(article.published) == "2022-07-14"
    assert article.published_source in ("html", "text")
    assert "Published" not in article.text


@pytest.mark.parametrize("html", ["<html><body><div><p>", "<<<>>> </p></div> ;;", "<html></html>"])
def test_broken_html_without_body_is_an_error(tmp_path: Path, html: str) -> None:
    path = tmp_path / "broken.html"
    path.write_text(html, encoding="utf-8")
    (error,) = list(iter_articles([path], Settings()))
    assert isinstance(error, BadInputError) and error.source == str(path)


def test_html_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "saved.htm"
    path.write_text(_page(), encoding="utf-8")
    (article,) = list(iter_articles([path], Settings()))
    assert isinstance(article, Article) and article.source_path == str(path)


def test_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = (
        _page()
        .replace("<head>", '<head><meta charset="windows-1252">')
        .replace("Wednesday", "Wednesday \u2013 caf\u00e9")
    )
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1252"))
    (article,) = list(iter_articles([path], Settings()))
    assert isinstance(article, Article) and "\u2013 caf\u00e9" in article.text


def test_undeclared_legacy_bytes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    path.write_bytes(_page().replace("Wednesday", "Wednesday caf\u00e9").encode("cp1252"))
    (error,) = list(iter_articles([path], Settings()))
    assert isinstance(error, BadInputError) and "UTF-8 at byte" in str(error)


def test_markup_nested_too_deep_keeps_the_prose(tmp_path: Path) -> None:
    from warlog.ingest.articles import HTML_FALLBACK_FLAG

    page = "<html><body>" + "<div>" * 5000 + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page += "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>" + "</div>" * 5000 + "</body></html>"
    article = article_from_html(page, "deep.html")
    assert article.text == "\n\n".join(PARAGRAPHS) and HTML_FALLBACK_FLAG in article.flags


def test_a_page_of_menus_and_scripts_is_still_refused() -> None:
    page = "<html><head><script>var a = 'A long sentence inside a script, never shown to anyone.';"
    page += "</script></head><body><nav><a href='/'>Home</a> <a href='/about'>About us</a></nav>"
    page += "<p>Subscribe</p></body></html>"
    with pytest.raises(BadInputError, match="no article text"):
        article_from_html(page, "menus.html")
