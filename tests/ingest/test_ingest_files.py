"""Folders, file checks (empty, binary, encoding, size) and dedup within one run."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from warlog.errors import BadInputError
from warlog.ingest import iter_articles
from warlog.models import Article
from warlog.settings import Settings

STORY = (
    "Mortar Fire Hits Fictional Refugee Camp\n\n"
    "Mortar rounds landed inside a fictional refugee camp on Wednesday, wounding six children.\n\n"
    "Camp managers said the shelling was the heaviest since the spring.\n"
)


def _run(*paths: Path, settings: Settings | None = None) -> list[Article | BadInputError]:
    return list(iter_articles(list(paths), settings or Settings()))


def _only_error(items: list[Article | BadInputError]) -> BadInputError:
    assert len(items) == 1 and isinstance(items[0], BadInputError), items
    return items[0]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    error = _only_error(_run(path))
    assert str(error) == f"{path}: empty file"


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl"])
def test_binary_junk(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"junk{suffix}"
    path.write_bytes(bytes(range(256)) * 8)
    error = _only_error(_run(path))
    assert error.source == str(path) and "binary" in str(error)


def test_random_bytes_without_nul_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes((i * 37 + 11) % 255 + 1 for i in range(4000)))
    assert "binary" in str(_only_error(_run(path)))


def test_undecodable_bytes_name_the_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    data = STORY.replace("Camp managers", "Caf\u00e9 managers").encode("cp1252")
    path.write_bytes(data)
    error = _only_error(_run(path))
    offset = data.index(b"\xe9")
    assert f"byte {offset}" in str(error)
    assert "UTF-8" in str(error)


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(STORY.encode("utf-16"))
    (article,) = _run(path)
    assert isinstance(article, Article) and article.text.startswith("Mortar rounds landed")


def test_file_over_the_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(STORY * 40, encoding="utf-8")
    error = _only_error(_run(path, settings=Settings(max_file_mb=0.001)))
    assert "MB limit" in str(error) and error.source == str(path)


def test_same_article_twice_in_one_run_is_yielded_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    title, body = STORY.split("\n\n", 1)
    record = {"id": "x-1", "title": title, "text": body.upper(), "published": "2024-01-10"}
    (tmp_path / "b.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        items = _run(tmp_path)
    assert len(items) == 1 and isinstance(items[0], Article)
    assert "same text" in caplog.text


def test_folder_order_hidden_and_unknown_files(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    sub = tmp_path / "b_sub"
    sub.mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".secret.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "notes.md").write_text("# notes", encoding="utf-8")
    (sub / "z.txt").write_text(STORY.replace("six", "seven"), encoding="utf-8")
    (tmp_path / "a.txt").write_text(STORY.replace("six", "five"), encoding="utf-8")
    (tmp_path / "c.txt").write_text(STORY.replace("six", "four"), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        items = _run(tmp_path)
    assert [Path(str(i.source_path)).name for i in items if isinstance(i, Article)] == [
        "a.txt",
        "c.txt",
        "z.txt",
    ]
    assert "notes.md" in caplog.text


def test_missing_path_and_explicit_unsupported_file(tmp_path: Path) -> None:
    odd = tmp_path / "story.docx"
    odd.write_bytes(b"PK")
    items = _run(tmp_path / "nowhere.txt", odd)
    assert all(isinstance(i, BadInputError) for i in items) and len(items) == 2
    assert "no such file" in str(items[0]) and "unsupported file type" in str(items[1])


def test_json_list_of_records(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    records = [{"id": "j1", "text": "Clashes broke out at a fictional border post on Sunday."}, {"id": "j2"}]
    path.write_text(json.dumps(records), encoding="utf-8")
    first, second = _run(path)
    assert isinstance(first, Article) and first.id == "j1"
    assert isinstance(second, BadInputError) and second.line == 2
