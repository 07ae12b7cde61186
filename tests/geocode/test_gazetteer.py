"""The bundled SQLite gazetteer: up to date with its curated tables, cheap to open, strict on bad rows."""

import sqlite3
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from warlog.errors import ConfigError
from warlog.geocode._gazetteer import DB_NAME, _data_dir, load_gazetteer
from warlog.geocode._relative import parse_descriptor
from warlog.geocode._store import CURATED_FILES, curated_digest, read_curated


def test_bundled_database_matches_the_curated_tables() -> None:
    directory = _data_dir()
    with sqlite3.connect(f"file:{directory / DB_NAME}?mode=ro", uri=True) as db:
        stored = db.execute("SELECT value FROM meta WHERE key = 'curated_digest'").fetchone()[0]
    assert stored == curated_digest(directory), "run python scripts/build_gazetteer.py --curated-only"


def test_every_curated_table_reads() -> None:
    ids = [row.id for name in CURATED_FILES
           for row in read_curated((_data_dir() / name).read_text(encoding="utf-8"), name)]
    assert len(ids) == len(set(ids)) and len(ids) > 300


def test_opening_reads_no_places() -> None:
    gaz = load_gazetteer()
    assert gaz.places.cache_info().currsize == 0 and len(gaz.regions) > 1000
    assert {r.cc for r in gaz.places("hama")} >= {"SY"}


def test_bad_curated_line_names_the_file_and_line() -> None:
    with pytest.raises(ConfigError, match=r"mine.tsv line 2: .*numbers"):
        list(read_curated("# header\nx:1\tPlace\t\ttown\tnorth\t36.0\tSY\n", "mine.tsv"))


def test_unreadable_user_places_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="user_places"):
        load_gazetteer(str(tmp_path / "missing.tsv"))


_VOCAB = yaml.safe_load((_data_dir() / "descriptors.yaml").read_text(encoding="utf-8"))
_PHRASE = st.lists(st.sampled_from(["near", "the", "eastern", "of", "Homs", "base", "in", "Jordan", "six",
                                    "villages", "countryside", "30", "km", "west", "al-Tanf", "bank", "'s"]),
                   min_size=1, max_size=7).map(" ".join)


@given(_PHRASE)
def test_descriptor_parser_keeps_a_core_from_the_text(text: str) -> None:
    desc = parse_descriptor(text, _VOCAB)
    assert desc.core and all(word in text for word in desc.core.split())
