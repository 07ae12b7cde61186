"""Tolls in a sentence: how many died, how many were hurt, or that no one was.

A number counts as dead only when the words around it say so ("25 were killed", "killing
six", "put the toll at nine") and it is not part of a breakdown ("five of them") nor a
count of things ("nine strikes").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from warlog.extract.lexicons import lexicons
from warlog.extract.numbers import NumberMatch, find_numbers

__all__ = ["Toll", "TollNumber", "find_tolls"]

_PART_AFTER = re.compile(
    r"^\s*(?:of (?:them|those|the dead|whom|the victims|the fighters|the soldiers))\b", re.I
)
_PART_BEFORE = re.compile(
    r"(?:\b(?:of the dead|among the dead|among them|including|of whom|the other|the remaining|another|"
    r"while|plus)\s*,?\s*(?:\w+\s+)?$)",
    re.IGNORECASE,
)
_ADJACENT_TAIL = re.compile(
    r"^\s*(?:(?:at|to|of|now at|stands at|stood at|put at|rose to|risen to|reached)\s*)?:?\s*$", re.I
)
# "several were killed or wounded": the dead are not told apart from the hurt
_EITHER = re.compile(
    r"^[^.;]{0,40}?\b(?:killed|dead|died)\s+(?:or|and/or)\s+(?:wounded|injured|hurt)\b", re.IGNORECASE
)
# between two counts of one subject: "seven soldiers and [at least] 15 militants"
_COORDINATED = re.compile(
    r"^\s+(?:[A-Za-z'-]+\s+){1,3}(?:and|as well as)\s+(?:(?:at least|some|about)\s+)?$", re.IGNORECASE
)
_CLAUSE_END = re.compile(r"[;.]|\s(?:while|but|whereas)\s")


@dataclass(frozen=True, slots=True)
class TollNumber:
    value: int
    high: int | None
    start: int
    end: int
    text: str
    kind: str  # 'killed' | 'wounded'


@dataclass
class Toll:
    numbers: list[TollNumber] = field(default_factory=list)
    parts: list[TollNumber] = field(default_factory=list)
    zero: tuple[int, int] | None = None
    # "dozens were killed": ACLED's conventional value (numbers.yaml ``vague``), used only where
    # the report gives no exact toll for the event
    vague: list[TollNumber] = field(default_factory=list)
    killed_without_number: bool = False
    hurt: bool = False  # wounded named, with or without a number

    @property
    def killed(self) -> list[TollNumber]:
        return [n for n in self.numbers if n.kind == "killed"]

    @property
    def wounded(self) -> list[TollNumber]:
        return [n for n in self.numbers if n.kind == "wounded"]


def _vague(match: NumberMatch) -> bool:
    return match.approximate and match.qualifier is None


def _kind_after(text: str, end: int, next_start: int) -> str | None:
    lex = lexicons()
    stop = _CLAUSE_END.search(text, end)
    limit = min(next_start, end + 70, stop.start() if stop else len(text))
    window = text[end:limit]
    kill = lex.killed_words.search(window)
    wound = lex.wounded_words.search(window)
    if kill and (not wound or kill.start() < wound.start()):
        return "killed"
    return "wounded" if wound else None


def _kind_adjacent(text: str, start: int) -> str | None:
    """A toll word right before the number: "killing 6", "the dead at 7", "wounded at 18"."""
    lex = lexicons()
    window = text[max(0, start - 30) : start]
    for kind, regex in (("killed", lex.killed_words), ("wounded", lex.wounded_words)):
        matches = list(regex.finditer(window))
        last = matches[-1] if matches else None
        if last and _ADJACENT_TAIL.match(window[last.end() :]):
            return kind
    return None


def _kind_before(text: str, start: int, prev_end: int, reach: int = 90) -> str | None:
    lex = lexicons()
    lo = max(prev_end, start - reach)
    window = text[lo:start]
    kills = list(lex.killed_words.finditer(window))
    wounds = list(lex.wounded_words.finditer(window))
    last_kill = kills[-1].end() if kills else -1
    last_wound = wounds[-1].end() if wounds else -1
    if last_kill < 0 and last_wound < 0:
        return None
    return "killed" if last_kill > last_wound else "wounded"


def find_tolls(text: str) -> Toll:
    """Dead and wounded counts in one sentence (offsets into ``text``)."""
    lex = lexicons()
    toll = Toll()
    zero = lex.no_casualty.search(text)
    if zero:
        toll.zero = (zero.start(), zero.end())
    found_numbers = find_numbers(text)
    numbers = [n for n in found_numbers if not _vague(n)]
    pending: list[NumberMatch] = []  # counts joined by "and" to the next one, waiting for its verb
    for i, num in enumerate(numbers):
        prev_end = numbers[i - 1].end if i else 0
        # a breakdown between a number and its verb ("11 fighters, six of them foreigners, died")
        # does not take the verb away from it
        following = (n for n in numbers[i + 1 :] if not _PART_AFTER.match(text[n.end : n.end + 40]))
        next_start = next((n.start for n in following), len(text))
        after = text[num.end : num.end + 40]
        if lex.not_victims.match(after):
            continue
        is_part = bool(
            _PART_AFTER.match(after) or _PART_BEFORE.search(text[max(0, num.start - 30) : num.start])
        )
        kind = (
            _kind_adjacent(text, num.start)
            or _kind_after(text, num.end, next_start)
            or _kind_before(text, num.start, prev_end)
        )
        if kind is None:
            gap = text[num.end : numbers[i + 1].start] if i + 1 < len(numbers) else ""
            if not is_part and _COORDINATED.match(gap):
                pending.append(num)  # "seven soldiers and 15 militants were killed": one toll of 22
            continue
        if pending and not is_part:
            first = pending[0]
            value = sum(n.value for n in pending) + num.value
            found = TollNumber(value, None, first.start, num.end, text[first.start : num.end], kind)
        else:
            found = TollNumber(num.value, num.high, num.start, num.end, num.text, kind)
        pending = []
        (toll.parts if is_part else toll.numbers).append(found)
    if not toll.killed and not toll.wounded and any(p.kind == "killed" for p in toll.parts):
        # "killing six of them" with no count before: the part is the whole toll of the sentence
        toll.numbers, toll.parts = [p for p in toll.parts if p.kind == "killed"], []
    if not toll.killed and not toll.parts:
        lone = lex.single_victim.search(text)
        if lone:  # "shot dead a regime officer": one victim, written without a number
            toll.numbers.append(TollNumber(1, None, lone.start(), lone.end(), lone.group(), "killed"))
    if not toll.killed and not toll.parts:
        toll.vague = _vague_dead(text, [n for n in found_numbers if _vague(n)])
    if not toll.killed and lex.killed_words.search(text) and not toll.zero:
        toll.killed_without_number = True
    toll.hurt = bool(lex.wounded_words.search(text))
    return toll


def _vague_dead(text: str, vague: list[NumberMatch]) -> list[TollNumber]:
    """Vague counts of the dead ("dozens of people were killed", "killing several")."""
    lex = lexicons()
    found = []
    for num in vague:
        after = text[num.end : num.end + 40]
        if lex.not_victims.match(after) or _PART_AFTER.match(after):
            continue
        kind = _kind_adjacent(text, num.start) or _kind_after(text, num.end, len(text))
        if kind == "killed" and not _EITHER.match(text[num.end : num.end + 60]):
            found.append(TollNumber(num.value, None, num.start, num.end, num.text, kind))
    return found
