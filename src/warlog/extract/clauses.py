"""Two events told in one sentence: "X launched drones at the base after 25 were killed in Y".

The clause after a link word ("after", "following") tells an event of its own, with its own
actors, toll and places, so it is read as a mention apart; so is a coordinated clause with its
own cue and toll ("the fighting killed three, and a civilian was killed by shelling"). A clause
after a motive ("in retaliation for ...") tells an older event already reported elsewhere: it is
cut off, so its toll is not lent to the event the sentence reports.
"""

from __future__ import annotations

from warlog.extract.actors import find_actors
from warlog.extract.cues import find_cues, main_cue
from warlog.extract.lexicons import lexicons
from warlog.extract.numbers import find_numbers
from warlog.extract.places import find_places
from warlog.extract.sentences import Sentence

__all__ = ["split_clauses"]

_TERRITORY = frozenset({"takeover", "regain"})
_FIGHTS = frozenset({"clash", "direct"})
_SUBJECT_REACH = 12  # characters before a clause's subject ("the", "then", "later")


def _clause(sentence: Sentence, start: int, end: int) -> Sentence | None:
    text = sentence.text
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and text[end - 1] in " ,;":
        end -= 1
    if end <= start:
        return None
    return Sentence(sentence.index, sentence.start + start, sentence.start + end, text[start:end])


def _strong(text: str) -> bool:
    return any(c.strength >= 2 for c in find_cues(text))


def _tells_event(text: str) -> bool:
    """A clause that reports an event: a strong cue, someone killed, or an actor owning an attack."""
    lex = lexicons()
    return _strong(text) or bool(lex.killed_words.search(text) or lex.responsibility.search(text))


def _tells_toll(text: str) -> bool:
    """A clause with its own cue and its own dead: "one civilian was killed by shelling"."""
    lex = lexicons()
    return (
        _strong(text)
        and bool(lex.killed_words.search(text))
        and bool(find_numbers(text) or lex.single_victim.search(text))
    )


def _new_attacker(tail: str) -> bool:
    """A coordinated clause opening on its own attacker, with a strong cue and a place:
    "..., and Hezbollah fired rockets at a position near Metula" is an event of its own."""
    if not _strong(tail):
        return False
    hits = find_actors(tail)
    first = hits[0] if hits else None
    if first is None or first.start > _SUBJECT_REACH or first.entry.victim:
        return False
    return bool(find_places(tail, [(h.start, h.end) for h in hits]))


def _fight_that_won(head: str, tail: str) -> bool:
    """ "seized the town after heavy fighting": the fighting is how the town was taken, one event."""
    won = main_cue([c for c in find_cues(head) if c.strength >= 2])
    fight = main_cue([c for c in find_cues(tail) if c.strength >= 2])
    return won is not None and fight is not None and won.mode in _TERRITORY and fight.mode in _FIGHTS


def _split_at_link(sentence: Sentence) -> list[Sentence] | None:
    text = sentence.text
    link = lexicons().clause_link.search(text)
    if link is None:
        return None
    if link.group("motive"):
        if not find_cues(text[: link.start()]):
            return None
        kept = _clause(sentence, 0, link.start())
        return [kept] if kept else None
    if not _tells_event(text[link.end() :]) or _fight_that_won(text[: link.start()], text[link.end() :]):
        return None
    parts = [_clause(sentence, 0, link.start()), _clause(sentence, link.end(), len(text))]
    return [p for p in parts if p is not None]


def _split_coordination(sentence: Sentence) -> list[Sentence]:
    text = sentence.text
    for link in lexicons().coordination.finditer(text):
        head, tail = text[: link.start()], text[link.end() :]
        if (_tells_toll(tail) or _new_attacker(tail)) and (
            find_cues(head) or lexicons().killed_words.search(head)
        ):
            parts = [_clause(sentence, 0, link.start()), _clause(sentence, link.end(), len(text))]
            return [p for p in parts if p is not None]
    return [sentence]


def split_clauses(sentence: Sentence) -> list[Sentence]:
    """The sentence's event clauses (offsets stay those of the article); usually just itself."""
    parts = _split_at_link(sentence)
    if parts is None:
        return _split_coordination(sentence)
    return [c for part in parts for c in _split_coordination(part)]
