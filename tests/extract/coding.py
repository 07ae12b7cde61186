"""What a careful ACLED coder records for a short report, and the check the generalisation suites share."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from warlog.extract import extract
from warlog.models import VIOLENT_EVENT_TYPES, Article, Extraction, Report
from warlog.settings import Settings

ANY = object()  # the field is not asserted: coders could fairly differ


@dataclass(frozen=True)
class Expect:
    sub_event_type: str
    actor1: str | frozenset[str] | object | None
    actor2: str | frozenset[str] | object | None
    place: str
    date: str | tuple[str, str]  # a day, or a range any day of which is right
    fatalities: int | object | None


@dataclass(frozen=True)
class Case:
    name: str
    published: str
    text: str
    events: list[Expect] = field(default_factory=list)
    claims: list[int] = field(default_factory=list)
    title: str | None = None


SUB_TO_TYPE = {
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Armed clash": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Government regains territory": "Battles",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Arrests": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
}


def run(case: Case) -> Extraction:
    article = Article(
        id=case.name,
        text=case.text,
        title=case.title,
        published=dt.date.fromisoformat(case.published),
        content_hash=hashlib.sha256(case.text.encode()).hexdigest(),
    )
    return extract(article, Settings())


def _agrees(value: object, expected: object) -> bool:
    if expected is ANY:
        return True
    if isinstance(expected, frozenset):
        return value in expected
    return value == expected


def _date_ok(report: Report, want: str | tuple[str, str]) -> bool:
    low, high = (want, want) if isinstance(want, str) else want
    day = report.event_date
    return day is not None and dt.date.fromisoformat(low) <= day <= dt.date.fromisoformat(high)


def _problems(report: Report, want: Expect) -> list[str]:
    got = {"event_type": report.event_type, "sub_event_type": report.sub_event_type, "actor1": report.actor1,
           "actor2": report.actor2, "fatalities": report.fatalities}
    expected = {"event_type": SUB_TO_TYPE[want.sub_event_type], "sub_event_type": want.sub_event_type,
                "actor1": want.actor1, "actor2": want.actor2, "fatalities": want.fatalities}
    problems = [f"{k}: got {got[k]!r}, want {v!r}" for k, v in expected.items() if not _agrees(got[k], v)]
    if not _date_ok(report, want.date):
        problems.append(f"date: got {report.event_date}, want {want.date}")
    return problems


def assert_coded(case: Case, mentions: int = 1) -> None:
    """The violent reports are the expected ones, each as a coder records it, and the claims' values.

    A report is found by its place: one of its first ``mentions`` place mentions (2 lets the
    town right after a named facility count).
    """
    extraction = run(case)
    violent = [r for r in extraction.reports if r.event_type in VIOLENT_EVENT_TYPES]
    want_violent = [e for e in case.events if SUB_TO_TYPE[e.sub_event_type] in VIOLENT_EVENT_TYPES]
    assert len(violent) == len(want_violent), [
        (r.sub_event_type, [p.name for p in r.place_mentions]) for r in violent
    ]
    for want in case.events:
        found = [r for r in extraction.reports if want.place in [p.name for p in r.place_mentions[:mentions]]]
        assert found, (
            f"no report at {want.place}: {[[p.name for p in r.place_mentions] for r in extraction.reports]}"
        )
        problems = _problems(found[0], want)
        assert not problems, problems
    assert sorted(c.value for c in extraction.claims) == sorted(case.claims)


def assert_spans_quote_the_text(case: Case) -> None:
    for report in run(case).reports:
        for spans in report.evidence.values():
            for span in spans:
                assert case.text[span.start : span.end] == span.text
