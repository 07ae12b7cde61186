"""Claim checks: a report's own arithmetic, and its figures against the stored events."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from click.testing import CliRunner

from warlog.analyse import ClaimCheck, check_claim_set, check_claims
from warlog.analyse.claim_rules import load_claim_rules
from warlog.analyse.claims_check import compare
from warlog.analyse.cli import claims_command
from warlog.models import Claim, ClaimPart, Span


def by_claim(checks: list[ClaimCheck]) -> dict[tuple[str, str], ClaimCheck]:
    return {(c.claim_id, c.check): c for c in checks}


def test_documented_count_agrees(store: Any) -> None:
    check = by_claim(check_claims(store))[("tally/c1", "database")]
    assert (check.verdict, check.found) == ("agree", 4), check.reason


def test_parts_that_do_not_add_up_disagree(store: Any) -> None:
    check = by_claim(check_claims(store))[("tally/c2", "parts")]
    assert (check.verdict, check.found) == ("disagree", 8)
    assert "5 + 3 = 8" in check.reason


def test_uncountable_claim_cannot_be_checked(store: Any) -> None:
    check = by_claim(check_claims(store))[("tally/c3", "database")]
    assert check.verdict == "cannot check"


def _claim(n: int, value: int, what: str, start: int, parts: tuple[int, ...] = (), **kw: Any) -> Claim:
    span = Span(article_id="a", sentence_index=0, start=start, end=start + 2, text="xx")
    return Claim(
        claim_id=f"a/c{n}", article_id="a", value=value, what=what, span=span,
        parts=[ClaimPart(value=p, what=f"kind {i}") for i, p in enumerate(parts)], **kw,
    )  # fmt: skip


def test_breakdown_matching_a_sibling_total_is_named() -> None:
    # "struck 45 times ... 28 attacks: 28 by air and 17 by rockets"
    total = _claim(1, 45, "times the army struck", 0)
    wrong = _claim(2, 28, "attacks", 10, parts=(28, 17))
    checks = by_claim(check_claim_set([total, wrong], None, {"a": None}))
    parts = checks[("a/c2", "parts")]
    assert parts.verdict == "disagree"
    assert "28 + 17 = 45, not 28" in parts.reason and "times the army struck" in parts.reason
    sibling = checks[("a/c1", "siblings")]
    assert (sibling.verdict, sibling.found) == ("disagree", 28) and "28 + 17 = 45" in sibling.reason


def test_two_totals_for_one_thing_in_a_sentence_disagree() -> None:
    first = _claim(1, 12, "raids on the village", 0)
    second = _claim(2, 14, "raids on the village", 30)
    checks = by_claim(check_claim_set([first, second], None, {"a": None}))
    assert checks[("a/c2", "siblings")].verdict == "disagree"


def test_an_example_part_is_not_a_breakdown() -> None:
    # "ten civilians, a child among them"
    (check,) = check_claim_set([_claim(1, 10, "civilians killed", 0, parts=(1,))], None, {"a": None})
    assert check.check == "database"


def test_different_things_in_one_sentence_are_not_compared() -> None:
    first = _claim(1, 2500, "troops in the north", 0)
    second = _claim(2, 900, "troops in the north and the south", 30)
    assert not [c for c in check_claim_set([first, second], None, {"a": None}) if c.check == "siblings"]


def test_window_without_events_cannot_be_checked() -> None:
    lone = _claim(1, 3, "attacks", 0, since=dt.date(2020, 1, 1), until=dt.date(2020, 2, 1))
    (check,) = check_claim_set([lone], None, {"a": None})
    assert check.verdict == "cannot check"


def test_qualifiers() -> None:
    rules = load_claim_rules()
    assert compare(70, 67, "over", rules) and not compare(60, 67, "over", rules)
    assert compare(95, 100, "about", rules) and not compare(80, 100, "about", rules)
    assert compare(10, 12, "up to", rules) and not compare(12, 10, None, rules)


def test_cli_json(store: Any, db_file: str) -> None:
    result = CliRunner().invoke(claims_command, ["--check", "--format", "json", "--db", db_file])
    assert result.exit_code == 0, result.output
    verdicts = {(r["claim_id"], r["check"]): r["verdict"] for r in json.loads(result.output)}
    assert verdicts[("tally/c1", "database")] == "agree"
    assert verdicts[("tally/c2", "parts")] == "disagree"


def _window_claim(n: int, value: int, qualifier: str | None = None) -> Claim:
    return _claim(n, value, "attacks on US forces", 0, qualifier=qualifier, category="attacks",
                  since=dt.date(2023, 10, 19), until=dt.date(2023, 11, 30))  # fmt: skip


def test_documenting_fewer_than_claimed_is_not_a_disagreement(store: Any) -> None:
    (check,) = check_claim_set([_window_claim(1, 10)], store, {"a": None})
    assert (check.verdict, check.found) == ("cannot check", 4)
    assert "4 of the 10 claimed" in check.reason and "may not cover" in check.reason


def test_documenting_more_than_claimed_disagrees(store: Any) -> None:
    (check,) = check_claim_set([_window_claim(1, 2)], store, {"a": None})
    assert (check.verdict, check.found) == ("disagree", 4)
    assert "undercounts" in check.reason


def test_a_qualified_claim_agrees_within_its_qualifier(store: Any) -> None:
    checks = check_claim_set([_window_claim(1, 3, "over"), _window_claim(2, 6, "up to")], store, {"a": None})
    assert [c.verdict for c in checks if c.check == "database"] == ["agree", "agree"]


def test_a_protest_count_counts_protests_only(tmp_path: Any) -> None:
    from tests.factories import make_article, make_claim, make_place, make_report
    from warlog.models import Extraction
    from warlog.settings import Settings
    from warlog.store import open_store

    events = [("Protests", "Peaceful protest", "Riverton", 12.6),
              ("Protests", "Peaceful protest", "Hillford", 14.1),
              ("Battles", "Armed clash", "Lakeside", 15.3)]
    with open_store(tmp_path / "p.db", Settings()) as db:
        for i, (event_type, sub, town, lat) in enumerate(events):
            day = f"2025-01-{3 * i + 2:02d}"
            art = make_article(f"p{i}", f"Crowds gathered in {town}, note {i} of ours.", day)
            report = make_report(art, event_type=event_type, sub_event_type=sub,
                                 place=make_place(town, "Mali", "Bamako", lat, -8.0))
            db.add_article(art, Extraction(article_id=art.id, reports=[report]))
        text = "Organisers counted 2 protests in Mali since January 1."
        art = make_article("count", text, "2025-01-20")
        claim = make_claim(art, 1, "2 protests", 2, "protests in Mali", category="protests",
                           since=dt.date(2025, 1, 1), until=dt.date(2025, 1, 20))
        db.add_article(art, Extraction(article_id=art.id, claims=[claim]))
        check = by_claim(check_claims(db))[("count/c1", "database")]
    assert (check.verdict, check.found) == ("agree", 2), check.reason
