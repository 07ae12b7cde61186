"""From text to verdict: an article's own breakdowns that do not add up are reported."""

from __future__ import annotations

import datetime as dt
import hashlib

from warlog.analyse import check_claim_set
from warlog.extract.claims import find_claims
from warlog.extract.sentences import split_sentences
from warlog.models import Article


def _checks(text: str) -> dict[tuple[int, str], tuple[str, str]]:
    art = Article(
        id="b",
        published=dt.date(2024, 6, 30),
        text=text,
        content_hash=hashlib.sha1(text.encode()).hexdigest(),
    )
    claims = find_claims(art, split_sentences(text))
    checks = check_claim_set(claims, None, {"b": art})
    return {(c.claimed, c.check): (c.verdict, c.reason) for c in checks if c.check != "database"}


def test_a_count_owns_the_breakdown_after_its_colon() -> None:
    checks = _checks(
        "The monitor said jets hit the province 30 times since January, recording 12 raids: "
        "12 air strikes and 18 drone attacks."
    )
    verdict, reason = checks[(12, "parts")]
    assert verdict == "disagree" and "12 + 18 = 30, not 12" in reason and "30 is the total" in reason
    assert checks[(30, "siblings")][0] == "disagree"


def test_a_bulleted_breakdown_details_the_claim_its_intro_names() -> None:
    checks = _checks(
        "Since March, the monitor documented 40 raids that killed 20 fighters and three civilians. "
        "The fighters killed break down as follows:\n"
        "• Northern brigade: 8.\n"
        "• Eleven militiamen of the river front.\n"
        "• Two members of the hill guard.\n"
    )
    verdict, reason = checks[(20, "parts")]
    assert verdict == "disagree" and "8 + 11 + 2 = 21, not 20" in reason
