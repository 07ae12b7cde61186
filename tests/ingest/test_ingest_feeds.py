"""Saved RSS and Atom files: one article per entry, with the entry's own date, link and the feed's name."""

from __future__ import annotations

from pathlib import Path

from warlog.errors import BadInputError
from warlog.ingest import iter_articles
from warlog.models import Article
from warlog.settings import Settings

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Frontline Wire</title>
<item><title>Shells hit a market</title><link>https://example.test/1</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Artillery shells hit a market in a hill town on Monday, killing three people.&lt;/p&gt;
</description></item>
<item><title>Only a headline</title><link>https://example.test/2</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Monitor</title>
<entry><title>Drone strike on a convoy</title><link href="https://example.test/a"/>
<updated>2024-04-02T08:00:00Z</updated><id>tag:example.test,2024:a</id>
<content type="html">A drone struck a convoy near a river crossing on Sunday, a monitor said.
</content></entry>
</feed>"""


def _read(tmp_path: Path, name: str, body: str) -> list[Article | BadInputError]:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return list(iter_articles([path], Settings()))


def test_rss_entries_become_articles_and_an_empty_entry_an_error(tmp_path: Path) -> None:
    article, error = _read(tmp_path, "wire.rss", RSS)
    assert isinstance(article, Article) and isinstance(error, BadInputError)
    assert article.text == "Artillery shells hit a market in a hill town on Monday, killing three people."
    assert (str(article.published), article.url, article.outlet) == (
        "2024-03-05", "https://example.test/1", "Example Frontline Wire"
    )
    assert "entry 2" in str(error)


def test_atom_file_saved_as_xml(tmp_path: Path) -> None:
    (article,) = _read(tmp_path, "monitor.xml", ATOM)
    assert isinstance(article, Article)
    assert str(article.published) == "2024-04-02" and article.title == "Drone strike on a convoy"


def test_an_xml_file_that_is_no_feed_is_refused(tmp_path: Path) -> None:
    (error,) = _read(tmp_path, "sitemap.xml", "<urlset><url><loc>https://example.test/</loc></url></urlset>")
    assert isinstance(error, BadInputError) and error.source.endswith("sitemap.xml")
    (broken,) = _read(tmp_path, "broken.rss", "<rss><channel><item><title>unclosed")
    assert isinstance(broken, BadInputError)
