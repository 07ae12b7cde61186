"""Plain-text files: splitting several articles, titles, text datelines."""

from __future__ import annotations

from pathlib import Path

from warlog.errors import BadInputError
from warlog.ingest import NO_DATE_FLAG, iter_articles, split_articles
from warlog.models import Article
from warlog.settings import Settings

FIRST = """Rebels Shell Border Crossing Near Fictional Town

Trucks queue at the northern gate of the crossing. (AFP)
Trucks queue at the northern gate of the crossing. (AFP)
TT

Rebels Shell Border Crossing Near Fictional Town

Rebel artillery hit the customs hall at the Northgate crossing on Monday, killing two guards.

Officials said the crossing would stay closed until repairs were finished next week.
"""

SECOND = """Ministers Meet To Discuss Water Rights Along The River

Delegations from both capitals met in a lakeside hotel to talk about dam releases this summer.
The talks ended without a statement, and a second round is planned for the autumn.
"""


def _articles(items: list[Article | BadInputError]) -> list[Article]:
    assert not [i for i in items if isinstance(i, BadInputError)]
    return [i for i in items if isinstance(i, Article)]


def test_two_articles_in_one_file(tmp_path: Path) -> None:
    path = tmp_path / "pages.txt"
    path.write_text(FIRST + "\n\n\n" + SECOND, encoding="utf-8")
    first, second = _articles(list(iter_articles([path], Settings())))
    assert first.title == "Rebels Shell Border Crossing Near Fictional Town"
    assert first.text.startswith("Rebel artillery hit the customs hall")
    assert "Trucks queue" not in first.text
    assert "TT" not in first.text.split()
    assert first.title not in first.text
    assert second.title == "Ministers Meet To Discuss Water Rights Along The River"
    assert second.text.startswith("Delegations from both capitals")
    assert second.text.endswith("planned for the autumn.")
    assert first.id != second.id and first.id.startswith("a")
    assert first.published is None and NO_DATE_FLAG in first.flags
    assert first.source_path == str(path)


def test_single_article_with_a_gap_stays_whole() -> None:
    text = (
        "Curfew declared after night of clashes\n\n"
        "Police and armed residents clashed in the old quarter of a fictional port on Friday night.\n\n\n"
        "A second day of tension\n\n"
        "Shops stayed shut on Saturday while patrols moved through the empty streets of the quarter.\n"
    )
    parts = split_articles(text)
    assert len(parts) == 1
    assert parts[0].title == "Curfew declared after night of clashes"
    assert "A second day of tension" in parts[0].body


def test_first_line_sentence_is_not_taken_as_title() -> None:
    text = "Gunmen killed a shopkeeper in a fictional village on Tuesday, residents said.\n"
    (part,) = split_articles(text)
    assert part.title is None
    assert part.body.startswith("Gunmen killed")


def test_publication_date_from_a_dateline(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text(
        "Drone downed over fictional air base\n\nTuesday, March 5, 2024 | 10:12\n\n"
        "Air defences shot down a drone approaching the base on Tuesday, the army said.\n",
        encoding="utf-8",
    )
    (article,) = _articles(list(iter_articles([path], Settings())))
    assert str(article.published) == "2024-03-05"
    assert article.published_source == "text"
    assert not article.flags
    assert article.text == "Air defences shot down a drone approaching the base on Tuesday, the army said."


def test_date_inside_a_sentence_is_not_a_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text(
        "Talks resume in fictional capital\n\n"
        "The two sides first met on January 9, 2021 and agreed to meet again this month.\n",
        encoding="utf-8",
    )
    (article,) = _articles(list(iter_articles([path], Settings())))
    assert article.published is None
    assert article.published_source == "unknown"
    assert NO_DATE_FLAG in article.flags
