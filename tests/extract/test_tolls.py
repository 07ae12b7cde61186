"""Tolls in one sentence: counts joined by "and" share their verb, and the whole is one toll."""

from __future__ import annotations

import datetime as dt

import pytest

from warlog.extract import extract
from warlog.extract.tolls import find_tolls
from warlog.models import Article
from warlog.settings import Settings


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Seven soldiers and at least 15 militants were killed in the fighting.", [(22, "killed")]),
    ("Two children and three women died when the shell landed.", [(5, "killed")]),
    ("Four civilians and two policemen were wounded.", [(6, "wounded")]),
    ("The raid killed 3 civilians and wounded 5 others.", [(3, "killed"), (5, "wounded")]),
])
def test_coordinated_counts(sentence: str, expected: list[tuple[int, str]]) -> None:
    assert [(n.value, n.kind) for n in find_tolls(sentence).numbers] == expected


def test_an_event_takes_the_summed_toll_with_its_whole_span() -> None:
    text = ("Gunmen stormed an army post near Beledweyne in Somalia on Thursday. "
            "Seven soldiers and at least 15 militants were killed in the clashes that followed.")
    article = Article(id="t", text=text, published=dt.date(2024, 6, 14), content_hash="h")
    [report] = extract(article, Settings()).reports
    assert report.fatalities == 22
    assert [s.text for s in report.evidence["fatalities"]] == ["Seven soldiers and at least 15"]
