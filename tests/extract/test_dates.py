"""Event dates from relative and absolute cues, resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warlog.extract.dates import default_date, resolve_date, resolve_since

SUNDAY = dt.date(2024, 3, 10)
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))


def _range(sentence: str, published: dt.date) -> tuple[dt.date, dt.date, dt.date, int]:
    guess = resolve_date(sentence, published)
    assert guess is not None
    assert sentence[guess.start : guess.end] == guess.text
    return guess.earliest, guess.latest, guess.event_date, guess.time_precision


def test_friday_night_spills_past_midnight() -> None:
    assert _range("Jets struck depots late on Friday night.", SUNDAY) == (
        dt.date(2024, 3, 8),
        dt.date(2024, 3, 9),
        dt.date(2024, 3, 8),
        1,
    )


def test_weekday_on_the_day_of_publication_is_that_day() -> None:
    assert _range("On Sunday a car bomb went off.", SUNDAY)[2] == SUNDAY


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("Yesterday gunmen opened fire.", dt.date(2024, 3, 9)),
        ("Today a mine exploded.", SUNDAY),
        ("Shells fell at dawn.", SUNDAY),
        ("On Tuesday a checkpoint was stormed.", dt.date(2024, 3, 5)),
        ("The raid took place on 29 February.", dt.date(2024, 2, 29)),
        ("The raid took place on February 29.", dt.date(2024, 2, 29)),
        ("The raid took place on Feb. 29, 2024.", dt.date(2024, 2, 29)),
        ("Two days ago a patrol was ambushed.", dt.date(2024, 3, 8)),
    ],
)
def test_day_cues(sentence: str, day: dt.date) -> None:
    _, _, event_day, precision = _range(sentence, SUNDAY)
    assert (event_day, precision) == (day, 1)


def test_overnight_covers_the_night_before_publication() -> None:
    earliest, latest, _, _ = _range("Drones attacked a base overnight.", SUNDAY)
    assert (earliest, latest) == (dt.date(2024, 3, 9), SUNDAY)


def test_month_day_without_year_crosses_the_year_boundary() -> None:
    assert _range("Rockets hit on December 30.", dt.date(2024, 1, 2))[2] == dt.date(2023, 12, 30)


def test_last_week_and_earlier_this_month_are_ranges() -> None:
    assert _range("Clashes erupted last week.", SUNDAY)[:2] == (dt.date(2024, 2, 26), dt.date(2024, 3, 3))
    earliest, latest, _, precision = _range("A raid earlier this month killed two.", SUNDAY)
    assert (earliest, latest, precision) == (dt.date(2024, 3, 1), SUNDAY, 3)


def test_explicit_date_beats_a_mismatched_weekday() -> None:
    assert _range("Troops fired on Thursday, 14 September.", dt.date(2023, 9, 15))[2] == dt.date(2023, 9, 14)


def test_windows_and_modal_may_are_not_event_dates() -> None:
    assert resolve_date("Ten attacks were counted since October 19.", SUNDAY) is None
    assert resolve_date("Israel may be behind the raid.", SUNDAY) is None
    assert resolve_date("Talks resume next Monday.", SUNDAY) is None


def test_no_anchor_no_relative_date_but_context_can_anchor() -> None:
    assert resolve_date("On Friday a bomb exploded.", None) is None
    guess = resolve_date("On Friday a bomb exploded.", None, context="BEIRUT, March 10, 2024 --")
    assert guess is not None and guess.event_date == dt.date(2024, 3, 8)


def test_default_date_is_the_report_day_imprecise() -> None:
    guess = default_date(SUNDAY)
    assert guess is not None and (guess.event_date, guess.time_precision) == (SUNDAY, 2)
    assert default_date(None) is None


@pytest.mark.parametrize(
    ("text", "since"),
    [
        ("40 raids since October 19", dt.date(2023, 10, 19)),
        ("since the start of the year", dt.date(2024, 1, 1)),
        ("since the fighting began in November", dt.date(2023, 11, 1)),
        ("since the war broke out in 2011, when", dt.date(2011, 1, 1)),
    ],
)
def test_resolve_since(text: str, since: dt.date) -> None:
    assert resolve_since(text, dt.date(2024, 1, 5)) == since


_CUES = st.sampled_from(
    [
        "on {wd}",
        "late on {wd} night",
        "{wd} into {wd2}",
        "yesterday",
        "overnight",
        "today",
        "last week",
        "earlier this month",
        "on {md}",
        "in {month}",
        "last night",
        "over the weekend",
        "three days ago",
    ]
)


@given(_days, _CUES, st.sampled_from(_WEEKDAYS), st.sampled_from(_WEEKDAYS), _days)
def test_never_after_publication(published: dt.date, cue: str, wd: str, wd2: str, other: dt.date) -> None:
    text = (
        "Gunmen attacked a post "
        + cue.format(
            wd=wd, wd2=wd2, md=other.strftime("%B %d").replace(" 0", " "), month=other.strftime("%B")
        )
        + "."
    )
    guess = resolve_date(text, published)
    assert guess is not None
    limit = published + dt.timedelta(days=1)
    assert guess.earliest <= guess.event_date <= guess.latest <= limit


@given(_days, st.integers(min_value=0, max_value=6))
def test_weekday_lands_on_that_weekday_in_the_week_before(published: dt.date, weekday: int) -> None:
    guess = resolve_date(f"The strike came on {_WEEKDAYS[weekday]}.", published)
    assert guess is not None
    assert guess.event_date.weekday() == weekday
    assert 0 <= (published - guess.event_date).days < 7


def test_month_name_inside_a_place_name_is_not_a_date() -> None:
    published = dt.date(2024, 2, 3)
    guess = resolve_date("Jets struck depots in Mayadin and Marchaba late on Friday.", published)
    assert guess is not None and guess.event_date == dt.date(2024, 2, 2)
