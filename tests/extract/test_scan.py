"""The dispatched scanner finds exactly what one case-insensitive alternation finds."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from warlog.extract.lexicons import lexicons
from warlog.extract.scan import FoldedPattern, WordScanner, has_upper_literal

_PATTERNS = ["drone (?:strikes?|attacks?)|drones?", "air ?strikes?", "shell(?:ed|ing)", "(?:hand )?grenades?"]
_WORDS = [
    "drone",
    "Drones",
    "strike",
    "air",
    "airstrikes",
    "shelled",
    "hand",
    "grenade",
    "the",
    "İstanbul",
    "-",
    ",",
]


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    body = "|".join(f"(?P<r{i}>{p})" for i, p in enumerate(patterns))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.sampled_from([" ", "  ", "\n"]))
def test_scanner_matches_the_alternation(words: list[str], gap: str) -> None:
    text = gap.join(words)
    expected = [
        (int(str(m.lastgroup)[1:]), m.start(), m.end()) for m in _alternation(_PATTERNS).finditer(text)
    ]
    assert WordScanner(_PATTERNS).scan(text) == expected


@given(st.text(alphabet="abdegilnorstuİDSK -,", max_size=40))
def test_folded_pattern_offsets_index_the_text(text: str) -> None:
    folded = FoldedPattern(r"(?<![\w-])(?:killed|dead)(?![\w-])")
    plain = re.compile(r"(?<![\w-])(?:killed|dead)(?![\w-])", re.IGNORECASE)
    assert [m.span() for m in folded.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_upper_case_literals_are_told_from_escapes_and_group_names() -> None:
    assert not has_upper_literal(r"(?P<r0>\W\S drones?)")
    assert has_upper_literal("Grad rockets")


def test_the_cue_lexicon_scans_like_its_alternation() -> None:
    lex = lexicons()
    text = "Russian Shahed drones and Iskander ballistic missiles hit Kharkiv; artillery shelled Kupiansk."
    modes = [lex.cues[lex.cue_rows[row]].mode for row, _, _ in lex.cue_scanner.scan(text)]
    assert modes[:2] == ["drone", "ballistic"] and "shelling" in modes
