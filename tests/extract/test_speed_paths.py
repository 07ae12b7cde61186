"""Fast paths give exactly what the plain regex gives (speed work must not change output)."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from warlog.extract.dates import resolve_date
from warlog.extract.places import place_key
from warlog.extract.scan import FoldedPattern, WordScanner

# one first letter (the fast path), several (plain search), a lookbehind guarding one branch only
_PATTERNS = [
    r"(?<![\w-])(?:syrian\s+observatory|sohr)(?![\w])",
    r"(?<![\w.])(?:u\.n\.)(?![\w])",
    r"(?<![\w-])(?:shelled|struck|shot)",
    r"(?<![\w-])(?:killed|dead)(?![\w-])",
    r"(?<![\w-])sohr|observatory",
    r"(?<![\w.])(?:s?o)",
]
_WORDS = ["Syrian", "observatory", "SOHR", "sohr-", "-sohr", "u.n.", "U.N.", "xu.n.", ".sohr"]
_WORDS += ["shelled", "struck", "killed", "Dead", "İs", "o", "so", "the", ",", "-"]


@given(
    st.sampled_from(_PATTERNS),
    st.lists(st.sampled_from(_WORDS), max_size=12),
    st.sampled_from([" ", "", "\n", " - "]),
    st.integers(min_value=0, max_value=30),
)
def test_search_finds_what_the_case_insensitive_regex_finds(
    pattern: str, words: list[str], gap: str, pos: int
) -> None:
    text = gap.join(words)
    got = FoldedPattern(pattern).search(text, pos)
    want = re.compile(pattern, re.IGNORECASE).search(text, pos)
    assert (got.span() if got else None) == (want.span() if want else None)


def test_search_respects_endpos() -> None:
    folded = FoldedPattern(r"(?<![\w-])(?:sohr)(?![\w])")
    assert folded.search("per SOHR today", 0, 6) is None
    found = folded.search("per SOHR today", 0, 8)
    assert found is not None and found.span() == (4, 8)


def test_undated_articles_resolve_against_their_dateline_every_time() -> None:
    context = "BEIRUT, 3 March 2024 - reports came in."
    first = resolve_date("The strike happened yesterday.", None, context)
    again = resolve_date("The strike happened yesterday.", None, context)
    assert first is not None and first == again
    assert first.event_date == dt.date(2024, 3, 2)


def test_place_key_ignores_spelling_and_answers_alike_when_asked_again() -> None:
    keys = [place_key(n) for n in ("Al-Bukamal", "Albukamal", "al Bukamal", "Al-Bukamal")]
    assert keys == ["bukamal"] * 4
    assert place_key("Alep") == "alep"  # too short to lose its 'al'


@given(
    st.lists(
        st.sampled_from(["drone", "Drones", "strike", "air", "airstrikes", "İ", "the", "-"]), max_size=10
    )
)
def test_scanner_search_is_the_first_of_the_scan(words: list[str]) -> None:
    scanner = WordScanner(["drone (?:strikes?|attacks?)|drones?", "air ?strikes?", "the"])
    text = " ".join(words)
    found = scanner.scan(text)
    assert scanner.search(text) == (found[0] if found else None)
