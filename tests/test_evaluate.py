"""The scorer on small gold files and predictions written here (never corpus text)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from warlog.evaluate import format_details, format_table, results_to_json, score
from warlog.evaluate.normalise import as_date, haversine_km, name_in, norm_name


def _event(eid: str, **over: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": eid,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "date": {"earliest": "2024-03-10", "latest": "2024-03-11"},
        "actor1": {"name": "Military Forces of Ruritania", "aliases": ["Ruritanian Air Force"]},
        "actor2": None,
        "location": {
            "names": ["Northtown", "North Town"],
            "lat": 10.0,
            "lon": 20.0,
            "tolerance_km": 10,
            "admin1": ["Upper Province", "Upper Prov."],
            "country": "Ruritania",
        },
        "fatalities": {"low": 3, "high": 5},
    }
    event.update(over)
    return event


def _gold(articles: list[dict[str, Any]], same_event: list[list[str]] | None = None) -> dict[str, Any]:
    return {"corpus": "toy", "articles": articles, "same_event": same_event or []}


def _article(aid: str, events: list[dict[str, Any]], **over: Any) -> dict[str, Any]:
    art: dict[str, Any] = {"article_id": aid, "events": events, "optional_events": [], "claims": []}
    art.update(over)
    return art


def _pred(rid: str, aid: str, **over: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "report_id": rid,
        "event_id": None,
        "article_id": aid,
        "event_date": "2024-03-10",
        "date_earliest": "2024-03-10",
        "date_latest": "2024-03-10",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "ruritanian air-force",
        "actor2": None,
        "country": "Ruritania",
        "admin1": "Upper Province",
        "location": "Northtown",
        "latitude": 10.02,
        "longitude": 20.01,
        "geo_precision": 1,
        "fatalities": 4,
        "fatalities_high": None,
        "weapons": [],
        "evidence": {},
    }
    row.update(over)
    return row


def test_perfect_prediction_scores_full_marks() -> None:
    gold = _gold([_article("a1", [_event("a1/e1")])])
    result = score(gold, [_pred("a1/r1", "a1")], [])
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)
    assert all(result.field_accuracy(f) == 1.0 for f in result.field_correct)


def test_wrong_type_date_or_place_do_not_match() -> None:
    gold = _gold([_article("a1", [_event("a1/e1")])])
    for bad in (
        {"event_type": "Battles", "sub_event_type": "Armed clash"},
        {"event_date": "2024-03-13"},
        {"latitude": 11.0},
    ):
        result = score(gold, [_pred("a1/r1", "a1", **bad)], [])
        assert result.matched == 0
        assert result.false_positives == 1
        assert result.articles[0].missed[0]["gold_id"] == "a1/e1"


def test_date_one_day_slack_matches_but_date_field_is_wrong() -> None:
    gold = _gold([_article("a1", [_event("a1/e1")])])
    result = score(gold, [_pred("a1/r1", "a1", event_date="2024-03-12")], [])
    assert result.matched == 1
    assert result.field_accuracy("date") == 0.0


def test_without_coordinates_admin1_alias_decides_the_match() -> None:
    gold = _gold([_article("a1", [_event("a1/e1")])])
    ok = _pred("a1/r1", "a1", latitude=None, longitude=None, admin1="upper prov")
    bad = _pred("a1/r1", "a1", latitude=None, longitude=None, admin1="Lower Province")
    assert score(gold, [ok], []).matched == 1
    assert score(gold, [bad], []).matched == 0


def test_unmatched_protest_is_not_a_false_positive_but_violent_is() -> None:
    gold = _gold([_article("a1", [_event("a1/e1")])])
    protest = _pred("a1/r2", "a1", event_type="Protests", sub_event_type="Peaceful protest", latitude=40.0)
    riot = _pred("a1/r3", "a1", event_type="Riots", sub_event_type="Mob violence")
    result = score(gold, [_pred("a1/r1", "a1"), protest, riot], [])
    assert result.matched == 1
    assert result.false_positives == 1
    assert result.precision == 0.5


def test_matching_is_one_to_one_and_best_first() -> None:
    gold = _gold([_article("a1", [_event("a1/e1")])])
    worse = _pred("a1/r1", "a1", actor1="someone else", fatalities=None)
    better = _pred("a1/r2", "a1")
    result = score(gold, [worse, better], [])
    assert result.matched == 1 and result.false_positives == 1
    assert result.articles[0].matched[0]["report_id"] == "a1/r2"
    assert "a1/e1 taken" in result.articles[0].unmatched[0]["why"]


def test_optional_events_absorb_without_reward_or_penalty() -> None:
    optional = _event("a1/o1", location={**_event("x")["location"], "lat": 12.0})
    gold = _gold([_article("a1", [_event("a1/e1")], optional_events=[optional])])
    extra = _pred("a1/r2", "a1", latitude=12.0, longitude=20.0)
    result = score(gold, [_pred("a1/r1", "a1"), extra], [])
    assert (result.matched, result.optional_matched, result.false_positives) == (1, 1, 0)
    assert result.recall == 1.0


def test_gold_nulls_are_right_only_when_prediction_is_empty() -> None:
    gold = _gold([_article("a1", [_event("a1/e1", fatalities=None, actor1=None)])])
    empty = score(gold, [_pred("a1/r1", "a1", fatalities=None, actor1=None)], [])
    filled = score(gold, [_pred("a1/r1", "a1", fatalities=2, actor1="Ruritanian Air Force")], [])
    assert empty.field_accuracy("fatalities") == 1.0 and empty.field_accuracy("actor1") == 1.0
    assert filled.field_accuracy("fatalities") == 0.0 and filled.field_accuracy("actor1") == 0.0


def test_fatalities_zero_needs_a_stated_zero() -> None:
    gold = _gold([_article("a1", [_event("a1/e1", fatalities={"low": 0, "high": 0})])])
    assert score(gold, [_pred("a1/r1", "a1", fatalities=0)], []).field_accuracy("fatalities") == 1.0
    assert score(gold, [_pred("a1/r1", "a1", fatalities=None)], []).field_accuracy("fatalities") == 0.0


def test_quiet_article_clean_only_without_violent_predictions() -> None:
    gold = _gold([_article("q1", []), _article("q2", [])])
    protest = _pred("q1/r1", "q1", event_type="Protests", sub_event_type="Peaceful protest")
    strike = _pred("q2/r1", "q2")
    result = score(gold, [protest, strike], [])
    assert (result.quiet_clean, result.quiet_total) == (1, 2)
    assert result.recall is None and result.precision == 0.0


def test_claims_match_by_value_within_the_article() -> None:
    gold = _gold(
        [
            _article("a1", [], claims=[{"value": 100, "qualifier": "over", "what": "attacks"},
                                       {"value": 7, "what": "bases"}]),
            _article("a2", [], claims=[]),
        ]
    )
    claims = [
        {"claim_id": "a1/c1", "article_id": "a1", "value": 100, "qualifier": None, "what": "attacks"},
        {"claim_id": "a2/c1", "article_id": "a2", "value": 7, "qualifier": None, "what": "bases"},
    ]
    result = score(gold, [], claims)
    assert (result.claims_matched, result.claims_predicted, result.claims_gold) == (1, 2, 2)
    assert result.claims_precision == 0.5 and result.claims_recall == 0.5


def test_linking_pairs_across_articles() -> None:
    gold = _gold(
        [
            _article("a1", [_event("a1/e1")]),
            _article("a2", [_event("a2/e1")]),
            _article("a3", [_event("a3/e1", location={**_event("x")["location"], "lat": 30.0})]),
        ],
        same_event=[["a1/e1", "a2/e1"]],
    )
    preds = [
        _pred("a1/r1", "a1", event_id="E1"),
        _pred("a2/r1", "a2", event_id="E1"),
        _pred("a3/r1", "a3", event_id="E1", latitude=30.0),
    ]
    result = score(gold, preds, [])
    assert (result.link_true, result.link_predicted, result.link_both) == (1, 3, 1)
    assert result.link_recall == 1.0 and result.link_precision == 1 / 3


def test_reports_table_json_and_details() -> None:
    gold = _gold([_article("a1", [_event("a1/e1"), _event("a1/e2", event_type="Battles")])])
    result = score(gold, [_pred("a1/r1", "a1", actor1="Nobody"), _pred("a1/r9", "zz")], [])
    table = format_table([result])
    assert "missed a1/e2" in format_table([result], verbose=True)
    assert "event recall %" in table and "50.0" in table
    details = format_details(result)
    assert "missed a1/e2" in details and "actor1: got 'Nobody'" in details and "zz" in details
    data = results_to_json([result], details=True)
    assert json.loads(json.dumps(data))[0]["events"]["recall"] == 0.5


@given(st.text(max_size=30))
def test_norm_name_ignores_case_and_punctuation(text: str) -> None:
    assert norm_name(text.upper() + "!") == norm_name(text.lower()) or not text.isascii()
    assert name_in(text, [text]) == bool(norm_name(text))


@given(st.dates(), st.booleans())
def test_as_date_reads_iso_and_dates(day: dt.date, as_text: bool) -> None:
    assert as_date(day.isoformat() if as_text else day) == day


@given(
    st.floats(-80, 80), st.floats(-179, 179), st.floats(-80, 80), st.floats(-179, 179)
)
def test_haversine_is_symmetric_and_bounded(a: float, b: float, c: float, d: float) -> None:
    there = haversine_km(a, b, c, d)
    assert abs(there - haversine_km(c, d, a, b)) < 1e-6
    assert 0 <= there <= 20_040
