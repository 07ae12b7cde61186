"""Counts written in news text: "25", "2,500", "twenty-five", "a dozen", "over 100", "dozens".

Tolls and claims are counts, so this module finds counts and only counts: years, dates,
clock times, ordinals ("47th Regiment"), labels ("Tower 22", "T-22"), percentages, money
and measures ("30 km", "17-year-old") are skipped. Words live in data/lexicons/numbers.yaml.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["NumberMatch", "find_numbers", "parse_number"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A count found in text; ``start``/``end`` cover the qualifier too ("at least 25").

    ``approximate`` is set for vague words ("dozens" -> 12, ACLED's convention) and for
    blurring qualifiers ("about", "nearly"); ``high`` is the upper end of a range ("10-15").
    """

    start: int
    end: int
    value: int
    qualifier: str | None
    approximate: bool
    text: str
    high: int | None = None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    groups: dict[str, int]
    vague: dict[str, int]
    qualifiers: dict[str, bool]
    qualifier_re: re.Pattern[str]
    unit_re: re.Pattern[str]
    currency_re: re.Pattern[str]
    label_re: re.Pattern[str]
    starters: frozenset[str]  # words a written number can begin with: a cheap test before parsing
    any_number: re.Pattern[str]  # a digit or a number word somewhere: else the text has no count


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _lexicon() -> _Lexicon:
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("warlog").joinpath("data/lexicons/numbers.yaml").read_text(encoding="utf-8")
    )
    qualifiers = {str(k): bool(v) for k, v in raw["qualifiers"].items()}
    units = [str(u) for u in raw["measure_units"]]
    starters = {str(k).lower() for key in ("units", "tens", "vague") for k in raw[key]}
    starters |= {w.split()[0] for w in starters if " " in w} | {"a", "an", "half"}
    plain = sorted(w for w in starters if w not in ("a", "an"))
    scaled = [str(k) for key in ("scales", "groups") for k in raw[key]]
    any_number = re.compile(
        rf"\d|(?<![A-Za-z])(?:{_alternation(plain)}|an?\s+(?:{_alternation(scaled)}|few))(?![A-Za-z])",
        re.IGNORECASE,
    )
    return _Lexicon(
        starters=frozenset(starters),
        any_number=any_number,
        units={str(k): int(v) for k, v in raw["units"].items()},
        tens={str(k): int(v) for k, v in raw["tens"].items()},
        scales={str(k): int(v) for k, v in raw["scales"].items()},
        groups={str(k): int(v) for k, v in raw["groups"].items()},
        vague={str(k): int(v) for k, v in raw["vague"].items()},
        qualifiers=qualifiers,
        qualifier_re=re.compile(rf"(?<![A-Za-z])({_alternation(list(qualifiers))})\s+$", re.IGNORECASE),
        unit_re=re.compile(rf"^\s*-?\s*(?:{_alternation(units)})(?![A-Za-z])", re.IGNORECASE),
        currency_re=re.compile(rf"(?:{_alternation([str(c) for c in raw['currency_prefixes']])})\s*$"),
        label_re=re.compile(
            rf"(?<![A-Za-z])(?:{_alternation([str(w) for w in raw['label_words']])})\s*#?\s*$",
            re.IGNORECASE,
        ),
    )


_TIME_PREPOSITIONS = frozenset({"over", "under", "above", "around", "about", "up to"})
_TOKEN = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)|(?P<word>[A-Za-z]+)|(?P<punct>\S)")
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH_BEFORE = re.compile(rf"(?<![A-Za-z])(?:{_MONTHS})\.?\s*$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^(?:\s*of)?\s+(?:{_MONTHS})(?![A-Za-z])", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|to)\s*(\d{1,3}(?:,\d{3})+|\d+)(?![\d.:\w])")


@dataclass(slots=True)
class _Tok:
    """Not frozen: a frozen init costs five times more, and tokens never leave one parse."""

    kind: str
    text: str
    low: str
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    return [
        _Tok(m.lastgroup or "punct", word, word.lower(), m.start(), m.end())
        for m in _TOKEN.finditer(text)
        if (word := m.group())
    ]


def _adjacent(text: str, left: _Tok, right: _Tok) -> bool:
    """Tokens separated by spaces only (no line break, no punctuation)."""
    gap = text[left.end : right.start]
    return gap.strip(" \t") == ""


def _digits_value(tok: _Tok) -> float:
    return float(tok.text.replace(",", ""))


def _word_number(text: str, toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """Parse number words from token ``i``; returns (value, index after last token) or None."""
    lex = _lexicon()
    total, current = 0, 0
    last: str | None = None  # 'a', 'unit', 'teen', 'ten', 'hundred', 'big', 'and', 'hyphen'
    best: tuple[int, int] | None = None
    j = i
    while j < len(toks):
        tok = toks[j]
        if j > i and last != "hyphen" and tok.text != "-" and not _adjacent(text, toks[j - 1], tok):
            break
        w = tok.low
        if w in ("a", "an") and last is None:
            nxt = toks[j + 1].low if j + 1 < len(toks) else ""
            if nxt not in lex.scales and nxt not in lex.groups:
                break
            current, last = 1, "a"
        elif (
            w in lex.units and lex.units[w] < 10 and last in (None, "ten", "big", "hundred", "and", "hyphen")
        ):
            if last == "hyphen" and lex.units[w] == 0:
                break
            current += lex.units[w]
            last = "unit"
        elif w in lex.units and last in (None, "big", "hundred", "and"):
            current += lex.units[w]
            last = "teen"
        elif w in lex.tens and last in (None, "big", "hundred", "and"):
            current += lex.tens[w]
            last = "ten"
        elif w == "hundred" and last in ("a", "unit", "teen") and 0 < current % 100 < 100:
            current = current - current % 100 + (current % 100) * 100
            last = "hundred"
        elif w in lex.scales and w != "hundred" and last in ("a", "unit", "teen", "ten", "hundred"):
            total += current * lex.scales[w]
            current = 0
            last = "big"
        elif w == "and" and last in ("hundred", "big"):
            last = "and"
            j += 1
            continue
        elif tok.text == "-" and last == "ten" and _adjacent(text, toks[j - 1], tok):
            last = "hyphen"
            j += 1
            continue
        elif w in lex.groups and last in ("a", "unit", "teen", "ten") and w == "dozen":
            current *= lex.groups[w]
            last = "big"
        elif w in lex.groups and last == "a" and _next_is(toks, j, "of"):
            current = lex.groups[w]
            last = "big"
        else:
            break
        j += 1
        if last != "a":
            best = (total + current, j)
    return best


def _halved_number(text: str, toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """'half a dozen' -> 6, 'half a million' -> 500000; otherwise a plain word number."""
    if toks[i].low == "half" and i + 1 < len(toks) and toks[i + 1].low in ("a", "an"):
        parsed = _word_number(text, toks, i + 1)
        return None if parsed is None else (parsed[0] // 2, parsed[1])
    return _word_number(text, toks, i)


def _next_is(toks: list[_Tok], j: int, word: str) -> bool:
    return j + 1 < len(toks) and toks[j + 1].low == word


def _vague(text: str, toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """'several', 'dozens', 'tens of thousands', 'a few' -> (conventional value, end index)."""
    lex = _lexicon()
    w = toks[i].low
    if w == "a" and i + 1 < len(toks) and toks[i + 1].low == "few":
        return lex.vague["a few"], i + 2
    if w not in lex.vague or w == "a few":
        return None
    if w in ("tens", "scores") and not _next_is(toks, i, "of"):
        return None
    if w == "many" and (_next_is(toks, i, "as") or (i > 0 and toks[i - 1].low in ("how", "so", "too", "as"))):
        return None  # "as many as 15" is a qualifier, "how many" a question
    value, j = lex.vague[w], i + 1
    if (
        _next_is(toks, i, "of")
        and i + 2 < len(toks)
        and toks[i + 2].low in ("hundreds", "thousands", "millions")
    ):
        value *= {"hundreds": 100, "thousands": 1000, "millions": 1_000_000}[toks[i + 2].low]
        j = i + 3
    return value, j


def _is_not_a_count(text: str, start: int, end: int, value: float, is_digits: bool) -> bool:
    lex = _lexicon()
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    if lex.unit_re.match(after) or lex.label_re.search(before) or lex.currency_re.search(before):
        return True
    if re.match(r"^-\s*[A-Za-z]+-old", after):
        return True
    if not is_digits:
        return (
            bool(re.search(r"(?<![A-Za-z])no\s+$", before, re.IGNORECASE))
            and text[start:end].lower() == "one"
        )
    if re.match(r"^(?:st|nd|rd|th)?[A-Za-z]", after) or re.match(r"^[:/.]\d", after):
        return True
    if re.search(r"(?:[A-Za-z]-?|\d[-/.:]|[#№])$", before):
        return True
    if value != int(value):
        return True
    if 1 <= value <= 31 and (_MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after)):
        return True
    if not 1900 <= value <= 2100 or "," in text[start:end]:
        return False
    qualifier = lex.qualifier_re.search(before)  # "at least 2000 troops"; but "over 2023" is a year
    return qualifier is None or qualifier.group(1).lower() in _TIME_PREPOSITIONS


def _qualified(text: str, start: int) -> tuple[int, str | None, bool]:
    lex = _lexicon()
    before = text[max(0, start - 30) : start]
    m = lex.qualifier_re.search(before)
    if not m:
        return start, None, False
    qualifier = m.group(1).lower()
    return start - len(before) + m.start(1), qualifier, lex.qualifiers[qualifier]


def find_numbers(text: str) -> list[NumberMatch]:
    """Every count in ``text``, in order; offsets index ``text``."""
    return list(_find_numbers(text))


@lru_cache(maxsize=256)
def _find_numbers(text: str) -> tuple[NumberMatch, ...]:
    """Cached: tolls, claims and clause splitting all read the same sentences."""
    lex = _lexicon()
    if lex.any_number.search(text) is None:
        return ()
    starters = lex.starters
    toks = _tokens(text)
    found: list[NumberMatch] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        value: int | None = None
        high: int | None = None
        vague = False
        end_index = i + 1
        if tok.kind == "num":
            raw = _digits_value(tok)
            if (
                i + 1 < len(toks)
                and toks[i + 1].low in _lexicon().scales
                and _adjacent(text, tok, toks[i + 1])
            ):
                raw *= _lexicon().scales[toks[i + 1].low]
                end_index = i + 2
            end = toks[end_index - 1].end
            if not _is_not_a_count(text, tok.start, end, raw, is_digits=end_index == i + 1):
                value = int(raw)
                rng = _RANGE_AFTER.match(text[end:])
                if rng and end_index == i + 1:
                    upper = int(rng.group(1).replace(",", ""))
                    if upper > value:
                        high = upper
                        end += rng.end()
                        end_index = next((k for k in range(i, len(toks)) if toks[k].start >= end), len(toks))
        elif tok.kind == "word" and tok.low in starters:
            parsed = _halved_number(text, toks, i)
            if parsed is None:
                parsed = _vague(text, toks, i)
                vague = parsed is not None
            if parsed is not None:
                value, end_index = parsed
                end = toks[end_index - 1].end
                if _is_not_a_count(text, tok.start, end, value, is_digits=False):
                    value = None
        if value is None:
            i += 1
            continue
        start, qualifier, blurred = _qualified(text, tok.start)
        end = toks[end_index - 1].end if high is None else end
        found.append(NumberMatch(start, end, value, qualifier, vague or blurred, text[start:end], high))
        i = end_index
    return tuple(found)


def parse_number(text: str) -> int | None:
    """The exact count a phrase spells ("twenty-five", "2,500", "a dozen", "a"), else None.

    Vague quantities ("dozens", "several") give None: they are not a number.
    """
    stripped = text.strip()
    if stripped.lower() in ("a", "an"):
        return 1
    toks = _tokens(stripped)
    if not toks:
        return None
    if toks[0].kind == "num":
        raw = _digits_value(toks[0])
        n = 1
        if len(toks) > 1 and toks[1].low in _lexicon().scales:
            raw *= _lexicon().scales[toks[1].low]
            n = 2
        return int(raw) if n == len(toks) and raw == int(raw) else None
    parsed = _halved_number(stripped, toks, 0)
    if parsed is None or parsed[1] != len(toks):
        return None
    return parsed[0]
