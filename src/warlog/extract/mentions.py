"""One sentence read as a possible event mention: cue, actors, places, date, toll, weapons.

A mention is not yet a report: ``grouping`` decides which mentions tell the same event.
Here a sentence is dropped when it tells no event of the day (background, denial,
statement, aggregate), and marked ``creates`` when it is concrete enough to found a report.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from warlog.extract.actors import ActorHit, RoledActor, assign_roles, find_actors
from warlog.extract.claims import is_aggregate_sentence
from warlog.extract.context import (
    country_matches,
    find_hedge,
    find_source,
    is_anaphoric,
    is_background,
    is_denial,
    is_no_claim,
    is_statement,
    source_spans,
)
from warlog.extract.cues import CueMatch, find_cues, is_generic, main_cue
from warlog.extract.dates import DateGuess, resolve_date
from warlog.extract.lexicons import lexicons
from warlog.extract.parse import parse_roles
from warlog.extract.places import PlaceHit, find_places
from warlog.extract.sentences import Sentence
from warlog.extract.tolls import Toll, TollNumber, find_tolls
from warlog.extract.weapons import find_weapons

__all__ = ["Mention", "read_sentence"]

_BACKGROUND_DAYS = 7
_HIT_VERB = re.compile(
    r"\b(?:hit|hits|struck|strikes|targeted|attacked|bombed|shelled|fired|launched|destroyed|exploded|landed|"
    r"came down|slammed|pounded|stormed|seized|captured|arrested|detained)\b",
    re.IGNORECASE,
)
_PLACE_AFTER_NUMBER = re.compile(
    r"^[^.;,\d]{0,45}?\b(?:in|at)\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?$", re.I
)


@dataclass
class Mention:
    sentence: Sentence
    cue: CueMatch | None
    modes: set[str]
    strong: bool
    actors: list[RoledActor]
    hedges: dict[int, str]  # hit start -> hedge
    denied: set[str]
    places: list[PlaceHit]
    date: DateGuess | None
    toll: Toll
    place_tolls: dict[str, TollNumber]
    weapons: list[tuple[str, int, int]]
    anaphoric: bool
    source: tuple[str, int, int] | None
    armed_target: bool | None
    countries: list[str]
    creates: bool = False
    kinds: set[str] = field(default_factory=set)  # modes of its cues that say what kind of event
    continues: bool = False  # "they also struck ...": the previous event's attacker acted again
    split_places: list[PlaceHit] = field(default_factory=list)
    tail: bool = False  # a clause after a link ("... hours after X attacked Y"): an aside event

    @property
    def specific_places(self) -> list[PlaceHit]:
        return [p for p in self.places if p.role in ("site", "relative")]


def _armed_target(text: str, cue: CueMatch | None, toll: Toll) -> bool | None:
    """Whether the attack hit armed people (a clash) or civilians; None when the text does not say."""
    lex = lexicons()
    for number in toll.killed + toll.numbers + toll.vague:
        after = text[number.start : number.end + 40]  # "a girl died": the victim may be inside
        civ = lex.civilian_targets.search(after)
        arm = lex.armed_targets.search(after)
        if civ or arm:
            if civ and arm:
                return arm.start() < civ.start()
            return bool(arm)
    tail = text[cue.end :] if cue else text
    civ = lex.civilian_targets.search(tail)
    arm = lex.armed_targets.search(tail)
    if civ and arm:
        return arm.start() < civ.start()
    if civ or arm:
        return bool(arm)
    return None


def _place_tolls(text: str, toll: Toll, places: list[PlaceHit]) -> dict[str, TollNumber]:
    """Per-place tolls: "10 of them in Deir ez-Zor city and 13 in al-Mayadin"."""
    found: dict[str, TollNumber] = {}
    for number in sorted(toll.killed + [p for p in toll.parts if p.kind == "killed"], key=lambda n: n.start):
        for place in places:
            if place.start > number.end and _PLACE_AFTER_NUMBER.match(text[number.end : place.start]):
                found.setdefault(place.name, number)
                break
    return found if len(found) >= 2 else {}


def _countries(text: str, blocked: list[tuple[int, int]]) -> list[str]:
    lex = lexicons()
    out = []
    for m in country_matches(text):
        if not any(m.start() < b1 and m.end() > b0 for b0, b1 in blocked):
            out.append(lex.countries[m.group().casefold()])
    return out


def _date(text: str, published: dt.date | None, context: str) -> DateGuess | None:
    """The sentence's date cue; a cue inside a word ("May" in "Mayadin") is no cue."""
    guess = resolve_date(text, published, context)
    if guess is None:
        return None
    inside = (guess.start > 0 and text[guess.start - 1].isalpha()) or (
        guess.end < len(text) and text[guess.end].isalpha()
    )
    return None if inside else guess


def _roles(text: str, hits: list[ActorHit], cue: CueMatch | None, use_parser: bool) -> list[RoledActor]:
    """Roles from the words around each mention; where the parse places a mention, it decides."""
    if cue is None:
        return []
    roled = assign_roles(text, hits, cue.start, cue.end)
    if not use_parser or not hits:
        return roled
    parsed = parse_roles(text, [(h.start, h.end) for h in hits], cue.start, cue.end)
    if parsed is None:
        return roled
    by_hit = {(r.hit.start, r.hit.end): r for r in roled}
    out: list[RoledActor] = []
    for hit in hits:
        found = parsed.get((hit.start, hit.end))
        if found is None:
            if (hit.start, hit.end) in by_hit:
                out.append(by_hit[(hit.start, hit.end)])
            continue
        role, strength = found
        if hit.entry.victim and role == "actor1":
            role, strength = "actor2", 1
        out.append(RoledActor(hit, role, strength - (2 if hit.entry.unidentified else 0)))
    return out


def read_sentence(
    sentence: Sentence, published: dt.date | None, context: str, use_parser: bool = False, tail: bool = False
) -> Mention | None:
    """The sentence as an event mention, or None when it tells no event of the day.

    A ``tail`` clause ("... after 25 were killed in air strikes") tells an event of its own
    by construction, so it founds one even where it names no place.
    """
    text = sentence.text
    cues = find_cues(text)
    toll = find_tolls(text)
    if not cues and not toll.killed and toll.zero is None:
        return None
    if is_aggregate_sentence(text) or is_statement(text) or is_background(text, published):
        return None
    if lexicons().social_embed.search(text):
        return None  # a quoted post is someone's claim, not the report
    date = _date(text, published, context)
    if date is not None and published is not None and (published - date.latest).days > _BACKGROUND_DAYS:
        return None
    cue = main_cue(cues)
    hits = find_actors(text)
    denial = is_denial(text)
    denied = {h.entry.name for h in hits if denial and h.start < denial.start()} if denial else set()
    roled = [r for r in _roles(text, hits, cue, use_parser) if r.hit.entry.name not in denied]
    hedges = {
        r.hit.start: h for r in roled if r.role == "actor1" if (h := find_hedge(text, r.hit.start, r.hit.end))
    }
    blocked = [(h.start, h.end) for h in hits] + source_spans(text)
    places = find_places(text, blocked)
    anaphoric = is_anaphoric(text)
    mention = Mention(
        sentence=sentence,
        cue=cue,
        modes={c.mode for c in cues},
        strong=any(c.strength >= 2 for c in cues),
        actors=roled,
        hedges=hedges,
        denied=denied,
        places=places,
        date=date,
        toll=toll,
        place_tolls=_place_tolls(text, toll, places),
        weapons=find_weapons(text),
        anaphoric=anaphoric,
        source=find_source(text),
        armed_target=_armed_target(text, cue, toll),
        countries=_countries(text, blocked),
        continues=lexicons().continuation.search(text) is not None,
        kinds={c.mode for c in cues if not is_generic(c)},
    )
    if (denial or is_no_claim(text)) and not toll.killed and not mention.specific_places:
        return None
    has_place = bool(places)
    concrete = bool(toll.killed or toll.vague or toll.zero or toll.wounded or _HIT_VERB.search(text))
    mention.creates = (
        cue is not None
        and has_place
        and (mention.strong or concrete)
        and not (anaphoric and not mention.specific_places)
    ) or bool(toll.killed and mention.specific_places and not anaphoric)
    mention.tail = tail
    if tail:  # an aside founds an event when it says what happened: a strong cue or the dead
        mention.creates = cue is not None and (mention.strong or bool(toll.killed))
    return mention
