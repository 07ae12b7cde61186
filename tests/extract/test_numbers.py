"""Counts in text: digits, words, qualifiers, and the numbers that are not counts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warlog.extract.numbers import find_numbers, parse_number

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_thousand(n: int, with_and: bool) -> str:
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        words.append(f"{_UNITS[hundreds]} hundred")
    if rest or not hundreds:
        if hundreds and with_and:
            words.append("and")
        if rest < 20:
            words.append(_UNITS[rest])
        else:
            tens, unit = divmod(rest, 10)
            words.append(_TENS[tens] + (f"-{_UNITS[unit]}" if unit else ""))
    return " ".join(words)


def _in_words(n: int, with_and: bool) -> str:
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return _below_thousand(rest, with_and)
    head = f"{_below_thousand(thousands, with_and)} thousand"
    return head if rest == 0 else f"{head} {_below_thousand(rest, with_and)}"


@given(st.integers(min_value=0, max_value=999_999), st.booleans())
def test_numbers_in_words_round_trip(n: int, with_and: bool) -> None:
    assert parse_number(_in_words(n, with_and)) == n


@given(st.integers(min_value=0, max_value=10**9))
def test_digits_with_commas_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@given(st.integers(min_value=1, max_value=999_999))
def test_number_in_a_sentence_is_found_at_its_offsets(n: int) -> None:
    words = _in_words(n, with_and=True)
    text = f"Officials said {words} fighters were killed."
    [match] = find_numbers(text)
    assert match.value == n
    assert text[match.start : match.end] == match.text == words


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("twenty-five", 25),
        ("one hundred and three", 103),
        ("a dozen", 12),
        ("two", 2),
        ("a", 1),
        ("half a dozen", 6),
        ("3.5 million", 3_500_000),
        ("a hundred", 100),
    ],
)
def test_parse_number(phrase: str, value: int) -> None:
    assert parse_number(phrase) == value


@pytest.mark.parametrize("phrase", ["dozens", "scores", "several", "many", "one two", "the", ""])
def test_vague_or_bad_phrases_are_not_numbers(phrase: str) -> None:
    assert parse_number(phrase) is None


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("at least 12 soldiers died", 12, "at least"),
        ("over 300 raids", 300, "over"),
        ("more than a dozen wounded", 12, "more than"),
        ("about forty homes", 40, "about"),
        ("nearly 90 people", 90, "nearly"),
        ("up to 7 drones", 7, "up to"),
        ("some 1,200 troops", 1200, "some"),
        ("as many as 15 rockets", 15, "as many as"),
    ],
)
def test_qualifier_is_kept_and_inside_the_span(text: str, value: int, qualifier: str) -> None:
    [match] = find_numbers(text)
    assert (match.value, match.qualifier) == (value, qualifier)
    assert match.start == 0 and text[match.start : match.end] == match.text


def test_vague_words_are_flagged_approximate() -> None:
    matches = find_numbers("Dozens were hurt and several houses burned.")
    assert [m.text for m in matches] == ["Dozens", "several"]
    assert all(m.approximate for m in matches)


def test_range_gives_low_and_high() -> None:
    [match] = find_numbers("Between 10-15 guards were seized.")
    assert (match.value, match.high) == (10, 15)


@pytest.mark.parametrize(
    "text",
    [
        "The shelling began in 2019 and resumed.",
        "It happened on March 3 near the border.",
        "It happened on 3 March near the border.",
        "Sirens sounded at 17:12 local time.",
        "Troops of the 52nd Brigade moved in.",
        "The attack on Tower 22 was condemned.",
        "Prices rose 40% in a month.",
        "The convoy was 30 km from the town.",
        "A 14-year-old boy was detained.",
        "The F-16 flew low.",
        "Talks on resolution 2254 resumed.",
        "No one was hurt.",
        "The blast was reported on 2021-06-14.",
    ],
)
def test_things_that_are_not_counts(text: str) -> None:
    assert find_numbers(text) == []
