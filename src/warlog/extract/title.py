"""The headline as a hint: "US warplanes hit sites in ..." says who struck, when the body only
names the attacker in passing.

A title is not in ``Article.text``, so no span can point into it: it only chooses among actors
the text itself names, and the span is that mention in the text.
"""

from __future__ import annotations

from warlog.extract.actors import assign_roles, find_actors
from warlog.extract.cues import find_cues, main_cue
from warlog.extract.grouping import family
from warlog.extract.reports import Claimant
from warlog.extract.sentences import Sentence

__all__ = ["title_attacker"]


def title_attacker(title: str | None, sentences: list[Sentence]) -> Claimant | None:
    """The headline's attacker as the text first names it (not as a target), with the kind of
    event the headline tells; None when the headline names none or the text never does."""
    if not title:
        return None
    cue = main_cue(find_cues(title))
    if cue is None:
        return None
    roled = assign_roles(title, find_actors(title), cue.start, cue.end)
    named = [
        r.hit.entry.name
        for r in roled
        if r.role == "actor1" and r.score >= 3 and not r.hit.entry.unidentified and not r.hit.entry.victim
    ]
    if not named:
        return None
    for sentence in sentences:
        hits = [h for h in find_actors(sentence.text) if h.entry.name == named[0]]
        if not hits:
            continue
        sentence_cue = main_cue(find_cues(sentence.text))
        if sentence_cue is not None:
            roles = assign_roles(sentence.text, hits, sentence_cue.start, sentence_cue.end)
            if any(r.role == "actor2" for r in roles):
                continue  # named here as a target, not as the attacker
        return Claimant(sentence, hits[0], family(cue.mode))
    return None
