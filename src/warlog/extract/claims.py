"""Aggregate claims: counts over a window or a set of places ("67 attacks since October 19").

A monitor records these apart from events: they are a source's running totals, useful to
check event tallies against, and recording them as events would double count. A sentence
is a claim when it counts conflict things (attacks, strikes, targets, the killed) and says
why the count is aggregate: a window ("since", "so far this year"), a counting verb
("documented"), the perfect aspect with plural attacks, an inventory ("has 24 bases"), a
large set of targets, or it follows a claim ("These attacks killed ..."). Breakdowns after
a colon, "N of them" and bulleted lines become the claim's parts. Words: claims.yaml.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from warlog.extract.dates import resolve_date, resolve_since
from warlog.extract.numbers import NumberMatch, find_numbers, parse_number
from warlog.extract.scan import FoldedPattern
from warlog.extract.sentences import Sentence
from warlog.models import Article, Claim, ClaimPart, Span

__all__ = ["claim_sentence_indices", "find_claims", "is_aggregate_sentence", "scan_claims"]

log = logging.getLogger(__name__)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|[,;:()•]")
_PERFECT = FoldedPattern(
    r"\b(?:has|have)\s+(?:(?:also|now|already|so\s+far|reportedly|since|together)\s+)?"
    r"(?:[a-z]+ed|[a-z]+en|left|hit|struck|shot|carried|made|put|fought|led|lost)\b",
    re.IGNORECASE,
)
_FOLLOW_UP = FoldedPattern(
    r"^(?:those|these|the|such)\s+(?:\w+\s+){0,2}?(?:attacks|strikes|raids|operations|bombardments)\b",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*[•\-*·–▪●]\s*")
_LABELLED = re.compile(r"^(?P<label>[^:]{2,80}):\s*(?P<num>[\w,]+)\.?\s*$")
_CLAUSE_END = re.compile(r"[,;:(]|\s(?:since|in which|which|that|when|while|according|where|as)\s")
_YEAR_WINDOW = re.compile(
    r"\b(?:in|over|during|throughout|for)\s+(?:the\s+(?:whole\s+|entire\s+)?(?:year\s+)?)?"
    r"(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_FIRST_SINCE = re.compile(  # "the first attack since May" dates one event, it counts nothing
    r"\b(?:first|deadliest|largest|biggest|worst|heaviest|only)\b[^,;.]*?\bsince\b[^,;]*", re.IGNORECASE
)
_THIS_YEAR = re.compile(r"\bthis\s+year\b", re.IGNORECASE)
_THIS_MONTH = re.compile(r"\bthis\s+month\b", re.IGNORECASE)
_PAST_SPAN = re.compile(r"\b(?:past|last)\s+(?P<n>\w+\s+)?(?P<unit>day|week|month|year)s?\b", re.IGNORECASE)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


@dataclass(frozen=True, slots=True)
class _Lexicon:
    event_nouns: dict[str, str]
    presence_nouns: dict[str, str]
    person_nouns: frozenset[str]
    civilian_nouns: frozenset[str]
    modifier_max_words: int
    fate_re: FoldedPattern  # group ``f{i}`` is fate_kinds[i]
    fate_kinds: tuple[str, ...]
    window_re: FoldedPattern
    documentation_re: FoldedPattern
    presence_re: FoldedPattern
    non_conflict_re: FoldedPattern
    breakdown_re: FoldedPattern
    scope_re: re.Pattern[str]
    min_target_count: int
    max_window_days: int
    sources: list[tuple[FoldedPattern, str]]
    monitor_re: FoldedPattern
    attribution_re: FoldedPattern


def _alternation_of(words: list[str]) -> str:
    return "|".join(re.escape(w.lower()).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _words_re(words: list[str]) -> FoldedPattern:
    return FoldedPattern(rf"(?<![\w.])(?:{_alternation_of(words)})(?![\w])")


_GENERIC_MONITOR = frozenset(
    {"the observatory", "war monitor", "the monitor", "britain-based monitor", "uk-based monitor"}
)


@cache
def _lexicon() -> _Lexicon:
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("warlog").joinpath("data/lexicons/claims.yaml").read_text(encoding="utf-8")
    )
    fate_kinds = tuple(str(kind) for kind in raw["fate_words"])
    fate_re = FoldedPattern(
        r"(?<![\w.])(?:"
        + "|".join(
            f"(?P<f{i}>{_alternation_of([str(w) for w in raw['fate_words'][kind]])})"
            for i, kind in enumerate(fate_kinds)
        )
        + r")(?![\w])"
    )
    sources = [
        (_words_re([str(alias)]), str(name))
        for name, aliases in raw["sources"].items()
        for alias in aliases
        if str(alias).lower() not in _GENERIC_MONITOR
    ]
    sources.sort(key=lambda pair: -len(pair[0].pattern))
    countries = [str(c) for c in raw["countries"]]
    country = "|".join(re.escape(c) for c in sorted(countries, key=len, reverse=True))
    return _Lexicon(
        event_nouns={str(k).lower(): str(v) for k, v in raw["event_nouns"].items()},
        presence_nouns={str(k).lower(): str(v) for k, v in raw["presence_nouns"].items()},
        person_nouns=frozenset(str(w).lower() for w in raw["person_nouns"]),
        civilian_nouns=frozenset(str(w).lower() for w in raw["civilian_nouns"]),
        modifier_max_words=int(raw["modifier_max_words"]),
        fate_re=fate_re,
        fate_kinds=fate_kinds,
        window_re=FoldedPattern("|".join(f"(?:{p})" for p in raw["window_patterns"])),
        documentation_re=_words_re([str(w) for w in raw["documentation_words"]]),
        presence_re=_words_re([str(w) for w in raw["presence_words"]]),
        non_conflict_re=_words_re([str(w) for w in raw["non_conflict_words"]]),
        breakdown_re=FoldedPattern("|".join(f"(?:{p})" for p in raw["breakdown_intro"])),
        scope_re=re.compile(
            rf"\b(?:strikes|airstrikes|attacks|raids|bombardment|shelling)\s+(?:[\w-]+\s+){{0,2}}?"
            rf"(?:in|across|throughout|inside|on)\s+(?:both\s+)?(?:{country})\b(?!['’]s)"
        ),
        min_target_count=int(raw["min_target_count"]),
        max_window_days=int(raw["max_window_days"]),
        sources=sources,
        monitor_re=_words_re(sorted(_GENERIC_MONITOR)),
        attribution_re=_words_re([str(w) for w in raw["attribution_words"]]),
    )


@dataclass(slots=True)
class _Count:
    """One counted number in a sentence: its value, the noun it counts and the category."""

    match: NumberMatch
    value: int
    noun: str
    noun_end: int
    category: str | None
    kind: str  # 'event', 'person', 'presence', 'elliptic', 'part'
    parts: list[ClaimPart] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Carry:
    """What a follow-up sentence inherits from the claim before it."""

    since: dt.date | None
    until: dt.date | None
    source: str | None
    index: int


def _core_value(m: NumberMatch) -> int | None:
    """The exact number, or None for vague words ("dozens") that make no claim."""
    core = m.text[len(m.qualifier) :].strip() if m.qualifier else m.text
    if m.high is not None:
        return m.value
    return parse_number(core)


def _noun_after(text: str, pos: int) -> tuple[str, int, list[str]]:
    """The first known noun within a few words after ``pos``: (noun, end offset, words before)."""
    lex = _lexicon()
    words = list(_WORD.finditer(text, pos))
    known = set(lex.event_nouns) | set(lex.presence_nouns) | lex.person_nouns
    seen: list[str] = []
    for k, w in enumerate(words[: lex.modifier_max_words + 1]):
        if w.group() in ",;:()•":
            break
        low = w.group().lower()
        if k + 1 < len(words):
            pair = f"{low} {words[k + 1].group().lower()}"
            if pair in known:
                return pair, words[k + 1].end(), seen
        if low in known:
            return low, w.end(), seen
        if low in ("in", "at", "of", "on", "from", "to") and k == 0:
            return low, w.end(), seen
        if low == "of":  # "three waves of strikes" counts waves
            break
        seen.append(low)
    return "", pos, seen


def _fate(text: str, start: int, end: int) -> str | None:
    """'killed' or 'wounded' for a count of people: the fate word nearest to it."""
    lex = _lexicon()
    best: tuple[int, int] | None = None  # (distance, kind); on a tie the kind listed first
    for m in lex.fate_re.finditer(text):
        if m.end() <= start:
            distance = start - m.end()
            distance = distance // 4 if distance < 25 else distance  # a verb just before binds
        else:
            distance = max(0, m.start() - end)
        found = (distance, int(str(m.lastgroup)[1:]))
        if best is None or found < best:
            best = found
    return None if best is None else lex.fate_kinds[best[1]]


def _counts(text: str) -> list[_Count]:
    """Fresh copies (callers attach parts to them) of the sentence's counted numbers."""
    return [replace(c, parts=[]) for c in _read_counts(text)]


@lru_cache(maxsize=256)
def _read_counts(text: str) -> tuple[_Count, ...]:
    """Cached: claims and event extraction both ask of the same sentence."""
    lex = _lexicon()
    counts: list[_Count] = []
    for m in find_numbers(text):
        value = _core_value(m)
        if value is None:
            continue
        noun, noun_end, _ = _noun_after(text, m.end)
        after = text[m.end : m.end + 12].lower()
        if re.match(r"^\s+of\s+(?:them|whom|those|these)\b", after):
            counts.append(_Count(m, value, noun, noun_end, None, "part"))
            continue
        if noun in ("in", "at", "on", "from"):
            counts.append(_Count(m, value, noun, noun_end, None, "elliptic"))
        elif noun in lex.event_nouns:
            counts.append(_Count(m, value, noun, noun_end, lex.event_nouns[noun], "event"))
        elif noun in lex.presence_nouns and not _fate(text, m.start, noun_end):
            counts.append(_Count(m, value, noun, noun_end, lex.presence_nouns[noun], "presence"))
        elif noun in lex.person_nouns:
            fate = _fate(text, m.start, noun_end)
            if fate is None:
                continue
            civilian = noun in lex.civilian_nouns
            category = f"civilians_{fate}" if civilian else fate
            counts.append(_Count(m, value, noun, noun_end, category, "person"))
    return tuple(counts)


def _day_cue(text: str) -> bool:
    guess = resolve_date(text, dt.date(2000, 1, 1))
    return guess is not None and guess.time_precision == 1


def _aggregate_counts(text: str, follows_claim: bool) -> list[_Count]:
    """The counts that make claims in ``text``, parts attached; [] when it is no claim."""
    lex = _lexicon()
    counts = _counts(text)  # cached and usually empty: cheaper than the non-conflict scan
    if not counts or lex.non_conflict_re.search(text):
        return []
    window = bool(lex.window_re.search(_FIRST_SINCE.sub("", text)))
    documented = bool(lex.documentation_re.search(text))
    perfect = bool(_PERFECT.search(text))
    follow_up = follows_claim and (bool(_FOLLOW_UP.match(text)) or perfect) and not _day_cue(text)
    scope = bool(lex.scope_re.search(text)) and not _day_cue(text)
    presence = bool(lex.presence_re.search(text))
    chosen: list[_Count] = []
    for c in counts:
        if c.kind == "event":
            ok = (
                window
                or documented
                or perfect
                or follow_up
                or (c.category in ("targets", "sites") and c.value >= lex.min_target_count)
            )
            if c.category == "bases":
                ok = ok or presence
        elif c.kind == "person":
            ok = (
                (window and not _day_cue(_outside_since(text)))
                or follow_up
                or documented
                or (scope and c.category is not None)
            )
        elif c.kind == "presence":
            ok = presence
        elif c.kind == "elliptic":
            ok = bool(chosen) and c.match.start > chosen[-1].match.start
            if ok:
                c.category, c.noun = chosen[-1].category, chosen[-1].noun
        else:
            ok = False
        if ok:
            chosen.append(c)
    if not chosen:
        return []
    return _attach_parts(text, counts, chosen)


def _outside_since(text: str) -> str:
    """The sentence without its 'since ...' clause, whose date is a window, not the event day."""
    return re.sub(r"\bsince\b[^,;]*", "", text, flags=re.IGNORECASE)


def _attach_parts(text: str, counts: list[_Count], chosen: list[_Count]) -> list[_Count]:
    """'30 attacks: 30 airstrikes and 12 rocket attacks', '76 attacks, 51 of them airstrikes'."""
    colon = text.find(":")
    heads: list[_Count] = []
    for c in counts:
        after_colon = colon != -1 and c.match.start > colon
        head_before_colon = [h for h in heads if h.match.start < colon] if after_colon else []
        if c.kind == "part" and heads:
            heads[-1].parts.append(ClaimPart(value=c.value, what=_part_what(text, c)))
        elif after_colon and head_before_colon:
            head_before_colon[-1].parts.append(ClaimPart(value=c.value, what=_part_what(text, c)))
        elif c in chosen:
            heads.append(c)
    return _reconcile(text, heads)


def _reconcile(text: str, heads: list[_Count]) -> list[_Count]:
    """A breakdown that adds up to another count of the sentence belongs to that count.

    Unless its own count introduces it ("N attacks: a by air and b by rockets"): then the
    breakdown is that count's, and when it does not add up the claim check must say so.
    """
    for head in list(heads):
        total = sum(p.value for p in head.parts)
        if head.parts and total != head.value and not _introduces_breakdown(text, head):
            owner = next((h for h in heads if h is not head and h.value == total and not h.parts), None)
            if owner is not None:
                owner.parts = head.parts
                heads.remove(head)
    return heads


def _introduces_breakdown(text: str, head: _Count) -> bool:
    """True when a colon follows the count's noun directly: "28 attacks: ..."."""
    return head.noun_end > head.match.end and text[head.noun_end :].lstrip().startswith(":")


def _part_what(text: str, c: _Count) -> str:
    rest = text[c.match.end :]
    rest = re.sub(r"^\s+of\s+(?:them|whom|those|these)\s+", "", rest)
    return _clip(re.split(r"\s+and\s+|,|;|\.$", rest, maxsplit=1)[0])


def _clip(phrase: str, words: int = 14) -> str:
    return " ".join(phrase.split()[:words]).strip(" .,;:\"'“”")


def _what(text: str, c: _Count) -> str:
    if c.noun in ("times", "occasions"):
        clause_start = max(text.rfind(",", 0, c.match.start), text.rfind(";", 0, c.match.start)) + 1
        return _clip(f"{c.noun} {text[clause_start : c.match.start]}")
    tail = text[c.match.end :]
    cut = _CLAUSE_END.search(tail, pos=len(tail) - len(tail.lstrip()) + len(c.noun))
    phrase = tail[: cut.start()] if cut else tail
    if c.kind == "elliptic":
        return _clip(f"{c.noun} {phrase}")
    if c.kind == "person" and c.category:
        phrase = re.split(r"\s+and\s+|\.\s*$", phrase, maxsplit=1)[0]
        fate = c.category.split("_")[-1]
        told = _fate(phrase, 0, 0) == fate
        return _clip(phrase if told else f"{_clip(phrase)} {fate}")
    return _clip(phrase)


def _window(text: str, published: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    since = resolve_since(text, published)
    until = published
    if since is None:
        year = _YEAR_WINDOW.search(text)
        past = _PAST_SPAN.search(text)
        if year:
            since = dt.date(int(year.group("year")), 1, 1)
            end = dt.date(since.year, 12, 31)
            until = end if published is None or end < published else published
        elif published is not None and _THIS_YEAR.search(text):
            since = dt.date(published.year, 1, 1)
        elif published is not None and _THIS_MONTH.search(text):
            since = published.replace(day=1)
        elif published is not None and past:
            n = parse_number(past.group("n") or "one") or 1
            since = published - dt.timedelta(days=n * _UNIT_DAYS[past.group("unit").lower()])
        elif published is not None:
            guess = resolve_date(text, published)
            if guess is not None and guess.time_precision > 1:
                since, until = guess.earliest, guess.latest
    if since is not None and published is not None and since > published:
        since = None
    return since, until


def _source(text: str, article_text: str) -> str | None:
    lex = _lexicon()
    for pattern, name in lex.sources:
        if pattern.search(text):
            return name
    if lex.monitor_re.search(text):
        for pattern, name in lex.sources:
            if pattern.search(article_text):
                return name
    return None


def _breakdown_line(text: str) -> tuple[int, str] | None:
    """A bulleted or 'Label: N.' line of a breakdown: (value, what)."""
    bullet = _BULLET.match(text)
    if bullet:
        body = text[bullet.end() :]
        m = re.match(r"^(?:an?|one)\b", body, re.IGNORECASE)
        if m:
            return 1, _clip(body[m.end() :])
        numbers = find_numbers(body)
        if numbers and numbers[0].start == 0:
            value = _core_value(numbers[0])
            if value is not None:
                return value, _clip(body[numbers[0].end :])
        text = body  # "• Label: N."
    labelled = _LABELLED.match(text)
    if labelled:
        value = parse_number(labelled.group("num"))
        if value is not None:
            return value, _clip(labelled.group("label"))
    return None


def _breakdown_owner(intro: str, claims: list[Claim]) -> Claim:
    """Which claim of the last claim sentence a breakdown introduced on its own details:
    "The fighters killed break down as follows:" names it; ties go to the last claim."""
    last = [c for c in claims if c.span.sentence_index == claims[-1].span.sentence_index]
    words = set(re.findall(r"[a-z]+", intro.lower()))
    return max(reversed(last), key=lambda c: len(words & set(re.findall(r"[a-z]+", c.what.lower()))))


def is_aggregate_sentence(text: str) -> bool:
    """True when the sentence states an aggregate count (a claim), not one event's details."""
    return bool(_aggregate_counts(text, follows_claim=False))


def find_claims(article: Article, sentences: list[Sentence]) -> list[Claim]:
    """Every aggregate claim in the article, with window, source, parts and its sentence as span."""
    return _scan(article, sentences)[0]


def scan_claims(article: Article, sentences: list[Sentence]) -> tuple[list[Claim], set[int]]:
    """Claims and the sentences event extraction must skip, in one pass."""
    return _scan(article, sentences)


def claim_sentence_indices(article: Article, sentences: list[Sentence]) -> set[int]:
    """Indices of the sentences that state or break down a claim; event extraction skips them.

    Wider than ``is_aggregate_sentence``: it sees follow-ups ("Those strikes killed 77") and
    bulleted breakdown lines, which only make sense after the claim they continue.
    """
    return _scan(article, sentences)[1]


def _scan(article: Article, sentences: list[Sentence]) -> tuple[list[Claim], set[int]]:
    lex = _lexicon()
    indices: set[int] = set()
    claims: list[Claim] = []
    carry: _Carry | None = None
    breakdown_open = False
    owner: Claim | None = None  # the claim an open breakdown details (None: the last one)
    seen: set[tuple[int, str | None]] = set()
    for sentence in sentences:
        if breakdown_open and claims:
            part = _breakdown_line(sentence.text)
            if part is not None:
                (owner or claims[-1]).parts.append(ClaimPart(value=part[0], what=part[1]))
                indices.add(sentence.index)
                continue
        breakdown_open = False
        follows = carry is not None and sentence.index - carry.index <= 2
        counts = _aggregate_counts(sentence.text, follows_claim=follows)
        if not counts:
            if claims and carry is not None and sentence.index - carry.index <= 3:
                breakdown_open = bool(lex.breakdown_re.search(sentence.text))
                owner = _breakdown_owner(sentence.text, claims) if breakdown_open else None
            continue
        indices.add(sentence.index)
        since, until = _window(sentence.text, article.published)
        source = _source(sentence.text, article.text)
        if carry is not None and follows and since is None:
            since, until = carry.since, carry.until
            source = source or carry.source
        if since is not None and until is not None and (until - since).days > lex.max_window_days:
            log.debug("%s: skipping background total over %s..%s", article.id, since, until)
            continue
        span = Span(
            article_id=article.id,
            sentence_index=sentence.index,
            start=sentence.start,
            end=sentence.end,
            text=sentence.text,
        )
        for c in counts:
            key = (c.value, c.category)
            if key in seen:
                continue
            seen.add(key)
            claims.append(
                Claim(
                    claim_id=f"{article.id}/c{len(claims) + 1}",
                    article_id=article.id,
                    value=c.value,
                    qualifier=c.match.qualifier,
                    what=_what(sentence.text, c),
                    category=c.category,
                    since=since,
                    until=until,
                    source=source,
                    parts=c.parts,
                    span=span,
                )
            )
        carry = _Carry(since, until, source, sentence.index)
        breakdown_open = bool(lex.breakdown_re.search(sentence.text))
        owner = None
    return claims, indices
