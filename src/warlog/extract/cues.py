"""Event cues in a sentence: which kind of violence (or protest, arrest ...) it tells.

A sentence may cue several modes ("drones and missiles"); the mode that ranks first in the
lexicon's precedence decides the ACLED type, so a drone that "attacked" is a drone strike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from warlog.extract.lexicons import lexicons

__all__ = ["CueMatch", "acled_type", "find_cues", "is_generic", "main_cue"]


@dataclass(frozen=True, slots=True)
class CueMatch:
    mode: str
    strength: int
    start: int
    end: int
    text: str


def find_cues(text: str) -> list[CueMatch]:
    """Every cue in ``text``, strongest first where two start at one word (one scan)."""
    return list(_find_cues(text))


@lru_cache(maxsize=256)
def _find_cues(text: str) -> tuple[CueMatch, ...]:
    """Cached: mentions, clauses, claimants and the headline ask of the same sentences."""
    lex = lexicons()
    found: list[CueMatch] = []
    for row, start, end in lex.cue_scanner.scan(text):
        cue = lex.cues[lex.cue_rows[row]]
        found.append(CueMatch(cue.mode, cue.strength, start, end, text[start:end]))
    return tuple(found)


def is_generic(cue: CueMatch) -> bool:
    """A weak cue that tells harm, not the kind of event ("killed", "hit")."""
    return cue.strength < 2 and lexicons().generic_cue.fullmatch(cue.text) is not None


def main_cue(cues: list[CueMatch]) -> CueMatch | None:
    """The cue that decides the sentence's mode: strongest first, then by precedence."""
    if not cues:
        return None
    rank = lexicons().precedence
    return min(cues, key=lambda c: (-c.strength, rank[c.mode], c.start))


def acled_type(mode: str, armed_target: bool | None, attacker_flies: bool) -> tuple[str, str]:
    """ACLED (event_type, sub_event_type) for a mode, given what was hit and who fired."""
    lex = lexicons()
    if mode == "missile" and attacker_flies:
        return lex.fixed["air"]
    if mode == "direct":
        if armed_target:
            return lex.fixed["clash"]
        return ("Violence against civilians", "Attack")
    return lex.fixed[mode]
