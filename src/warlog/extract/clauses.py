"""Two events told in one sentence: "X launched drones at the base after 25 were killed in Y".

The clause after a link word ("after", "following") tells an event of its own, with its own
actors, toll and places, so it is read as a mention apart. A clause after a motive ("in
retaliation for ...") tells an older event already reported elsewhere: it is cut off, so its
toll is not lent to the event the sentence reports.
"""

from __future__ import annotations

from warlog.extract.cues import find_cues
from warlog.extract.lexicons import lexicons
from warlog.extract.sentences import Sentence

__all__ = ["split_clauses"]


def _clause(sentence: Sentence, start: int, end: int) -> Sentence | None:
    text = sentence.text
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and text[end - 1] in " ,;":
        end -= 1
    if end <= start:
        return None
    return Sentence(sentence.index, sentence.start + start, sentence.start + end, text[start:end])


def _tells_event(text: str) -> bool:
    """A clause that reports an event: a strong cue, or someone killed."""
    lex = lexicons()
    return any(c.strength >= 2 for c in find_cues(text)) or bool(lex.killed_words.search(text))


def split_clauses(sentence: Sentence) -> list[Sentence]:
    """The sentence's event clauses (offsets stay those of the article); usually just itself."""
    text = sentence.text
    link = lexicons().clause_link.search(text)
    if link is None:
        return [sentence]
    head, tail = text[: link.start()], text[link.end() :]
    if not find_cues(head):
        return [sentence]
    if link.group("motive"):
        kept = _clause(sentence, 0, link.start())
        return [kept] if kept else [sentence]
    if not _tells_event(tail):
        return [sentence]
    parts = [_clause(sentence, 0, link.start()), _clause(sentence, link.end(), len(text))]
    return [p for p in parts if p is not None]
