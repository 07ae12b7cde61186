"""Which mentions tell the same event: one event told in five sentences is one report.

Mentions that found a report ("creators") are grouped first, by event family, place and
date; the rest (tolls, "the strikes hit ...") then join the report they refer to. Places
decide: the same site is the same event, another site is another event, a mention that
names no site belongs to the report it refers back to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from warlog.extract.actors import RoledActor
from warlog.extract.areas import contains, country_codes, is_admin1, is_gazetteer_place, same_name
from warlog.extract.cues import is_generic
from warlog.extract.mentions import Mention
from warlog.extract.places import PlaceHit, place_key

__all__ = ["Group", "family", "group_mentions"]

_FAMILIES = {
    "air": "explosion", "drone": "explosion", "missile": "explosion", "ballistic": "explosion",
    "shelling": "explosion",
    "ied": "explosion", "suicide": "explosion", "grenade": "explosion", "chemical": "explosion",
    "clash": "fight", "direct": "fight", "takeover": "fight", "regain": "fight",
    "abduction": "fight", "sexual": "fight",
    "protest": "protest", "protest_force": "protest", "riot": "riot", "mob": "riot",
    "arrest": "arrest", "looting": "looting", "disrupted": "disrupted",
}  # fmt: skip
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:towns?\s+|villages?\s+|cities\s+)?(?:of\s+)?$", re.I)
_COORDINATION = re.compile(r"^\s*(?:,\s*and|,|and|or)\s*$")
_LOCATIVE = re.compile(r"\b(?:in|near|at|on|around|outside)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$", re.IGNORECASE)


def family(mode: str) -> str:
    return _FAMILIES[mode]


@dataclass
class Group:
    """The mentions of one event, plus the place the group stands for when it was split."""

    mentions: list[Mention] = field(default_factory=list)
    only_place: PlaceHit | None = None
    toll_override: int | None = None
    shared_toll: bool = False
    ambiguous_tolls: set[int] = field(default_factory=set)
    borrowed: tuple[Mention, RoledActor] | None = None  # the attacker of the event it goes on from
    lent_places: list[tuple[Mention, PlaceHit]] = field(default_factory=list)  # from a sibling clause
    lent_dates: list[Mention] = field(default_factory=list)  # the sibling clause's dated mentions

    @property
    def families(self) -> set[str]:
        """What kind of event the founders tell; a bare "killed" or "attack" does not say."""
        return {
            family(m.cue.mode)
            for m in self.mentions
            if m.cue is not None and m.creates and not is_generic(m.cue)
        }

    def specific_keys(self) -> set[str]:
        if self.only_place is not None:
            return {place_key(self.only_place.name)}
        return {place_key(p.name) for m in self.mentions for p in m.specific_places}

    def site_names(self) -> set[str]:
        if self.only_place is not None:
            return {self.only_place.name}
        return {p.name for m in self.mentions for p in m.specific_places}

    def site_hits(self) -> list[PlaceHit]:
        if self.only_place is not None:
            return [self.only_place]
        return [p for m in self.mentions for p in m.specific_places]

    def area_names(self) -> set[str]:
        return {p.name for m in self.mentions for p in m.places if p.role == "area"}

    def tolls(self) -> set[int]:
        return {n.value for m in self.mentions for n in m.toll.killed}

    def area_keys(self) -> set[str]:
        return {place_key(p.name) for m in self.mentions for p in m.places if p.role == "area"}

    @property
    def first_index(self) -> int:
        return min(m.sentence.index for m in self.mentions)


def _same(a: set[str], b: set[str]) -> bool:
    return any(x == y or fuzz.ratio(x, y) >= 85 for x in a for y in b)


def _mention_families(m: Mention) -> set[str]:
    """The kinds of event a mention tells; its strong cues decide over weak words ("killed")."""
    return {family(mode) for mode in m.kinds}


def _dates_clash(group: Group, m: Mention) -> bool:
    if m.date is None:
        return False
    for other in group.mentions:
        if (
            other.date is not None
            and not (m.date.reported or other.date.reported)
            and (
                (m.date.earliest - other.date.latest).days > 1
                or (other.date.earliest - m.date.latest).days > 1
            )
        ):
            return True
    return False


def _sibling(group: Group, m: Mention) -> bool:
    """Another clause of the same sentence is in the group: one sentence, two events."""
    return any(
        o.sentence.index == m.sentence.index and o.sentence.start != m.sentence.start for o in group.mentions
    )


_TOWN_WORDS = frozenset({"city", "town", "village", "neighbourhood", "neighborhood", "district", "camp"})


def _admin_only(hits: list[PlaceHit]) -> bool:
    """Every site is written like a province ("in Deir Ezzor"), none as a town ("Idlib city")."""
    return bool(hits) and all(is_admin1(h.name) and h.relation not in _TOWN_WORDS for h in hits)


def _inside(m: Mention, group: Group) -> bool:
    """Names that differ but can be one place: a site named like the other's area ("the
    al-Bukamal desert"), or a province and a site inside it. Two towns are never one place."""
    sites, areas = group.site_names(), group.area_names()
    mine_sites = {p.name for p in m.specific_places}
    mine_areas = {p.name for p in m.places if p.role == "area"}
    if any(same_name(a, b) for a in mine_sites for b in areas):
        return True
    towns = {h.name for h in group.site_hits() if h.relation in _TOWN_WORDS}
    if any(same_name(a, b) for a in mine_areas for b in sites if not mine_sites or b not in towns):
        return True  # "the base in the Rumailan countryside" and "the Rumailan base"; not "Idlib city"
    if (not mine_sites or _admin_only(m.specific_places)) and any(
        contains(a, b) for a in mine_sites | mine_areas for b in sites
    ):
        return True
    if not sites or _admin_only(group.site_hits()):
        return any(contains(b, a) for b in sites | areas for a in mine_sites)
    return False


def _outside(m: Mention, group: Group) -> bool:
    """The mention's towns lie outside every province the group names ("in Kharkiv" after an
    event in the Krasnodar region): another event. Unknown names prove nothing."""
    areas = group.area_names()
    sites = {p.name for p in m.specific_places}
    if not areas or not all(is_gazetteer_place(n) for n in sites):
        return False
    if all(is_admin1(a) for a in areas):
        return not any(contains(a, n) or same_name(a, n) for a in areas for n in sites)
    theirs = frozenset().union(*(country_codes(a) for a in areas))
    mine = frozenset().union(*(country_codes(n) for n in sites))
    return bool(theirs and mine) and not (theirs & mine)  # in different countries


def _attackers(group: Group) -> set[str]:
    """Who the group's mentions name as the attacker: a later "X may be behind the attack"
    belongs with the event X is already said to have carried out."""
    return {r.hit.entry.name for x in group.mentions for r in x.actors if r.role == "actor1"}


def _roles_clash(group: Group, m: Mention) -> bool:
    """The mention's target is the group's attacker (or the reverse): another event, the
    attack this one answered ("three US soldiers were killed in that drone attack")."""

    def named(mentions: list[Mention], role: str) -> set[str]:
        return {r.hit.entry.name for x in mentions for r in x.actors if r.role == role and r.score >= 3}

    attackers, targets = named(group.mentions, "actor1"), named(group.mentions, "actor2")
    if group.borrowed is not None:
        attackers.add(group.borrowed[1].hit.entry.name)
    mine1, mine2 = named([m], "actor1"), named([m], "actor2")
    return bool((mine2 & attackers) - targets or (mine1 & targets) - attackers)


def _repeats_toll(group: Group, m: Mention) -> bool:
    """The same toll (three or more dead) told twice is one event told twice; a sentence with
    several tolls says nothing by this."""
    mine = {n.value for n in m.toll.killed}
    if len(mine) != 1 or min(mine) < 3:
        return False
    told = [{n.value for n in o.toll.killed} for o in group.mentions]
    return any(t == mine for t in told)


def _same_toll_elsewhere(group: Group, m: Mention) -> bool:
    """One toll told at two differently named sites is one event only when one of the names
    is no town the gazetteer knows ("its academy" beside "the al-Omar field"): two towns with
    three dead each are two events."""
    if not _repeats_toll(group, m):
        return False
    mine = {p.name for p in m.specific_places}
    return not all(is_gazetteer_place(n) for n in mine) or not all(
        is_gazetteer_place(n) for n in group.site_names()
    )


def _score(group: Group, m: Mention) -> int | None:
    fams = group.families
    if fams and m.kinds and not (fams & _mention_families(m)) and not (m.anaphoric and not m.strong):
        return None
    if _dates_clash(group, m) or _sibling(group, m) or _roles_clash(group, m):
        return None
    mine = {place_key(p.name) for p in m.specific_places}
    theirs = group.specific_keys()
    my_areas = {p.name for p in m.places if p.role == "area"}
    if mine and theirs:
        if _same(mine, theirs):
            return 3
        if group.only_place is None and (_inside(m, group) or _same_toll_elsewhere(group, m)):
            return 2
        return 1 if m.anaphoric and not m.creates else None
    if mine:
        return 2 if not group.only_place and not _outside(m, group) else None
    if _repeats_toll(group, m):
        return 3
    their_areas = group.area_keys()
    if my_areas and their_areas and not _same({place_key(a) for a in my_areas}, their_areas):
        return 2 if _inside(m, group) else None
    if my_areas and theirs and _inside(m, group):
        return 2
    return 1


def _coordinated(m: Mention) -> list[PlaceHit]:
    """Sites written as one list after a locative: "in the Akashat and Al-Qaim regions"."""
    text = m.sentence.text
    places = sorted((p for p in m.places if p.role in ("site", "area", "relative")), key=lambda p: p.start)
    best: list[PlaceHit] = []
    run: list[PlaceHit] = []
    for place in places:
        if run and _COORDINATION.match(text[run[-1].end : place.start]):
            run.append(place)
            continue
        if len(run) > len(best):
            best = run
        before = text[max(0, place.start - 30) : place.start]
        # "on the road between X and Y" is one place between two, not two places
        run = [place] if _LOCATIVE.search(before) and not _BETWEEN.search(before) else []
    if len(run) > len(best):
        best = run
    return best if len(best) >= 2 else []


def _candidates(groups: list[Group], m: Mention) -> list[Group]:
    scored = [(s, g) for g in groups if (s := _score(g, m)) is not None]
    if not scored:
        return []
    top = max(s for s, _ in scored)
    return [g for s, g in scored if s == top]


def _told_first(candidates: list[Group]) -> list[Group]:
    """Between the event a report is about and one it names in passing ("... hours after X
    attacked a base"), an unplaced follow-up ("the toll rose to nine") is about the first."""
    main = [g for g in candidates if any(x.creates and not x.tail for x in g.mentions)]
    return main if main and len(candidates) > 1 else candidates


def _absorb_placeless(groups: list[Group]) -> list[Group]:
    """A report naming no site ("strikes in eastern Syria") joins the site reports it summarises.

    With one site report it is that event; with several its toll covers them together, so
    the toll is kept out (``ambiguous_tolls``).
    """
    specific = [g for g in groups if g.specific_keys()]
    kept = list(specific)
    for g in groups:
        if g.specific_keys():
            continue
        targets = [t for t in specific if all(_score(t, m) is not None for m in g.mentions)]
        if not targets:
            kept.append(g)
            continue
        for target in targets:
            target.mentions.extend(g.mentions)
            if len(targets) > 1:
                target.ambiguous_tolls.update(m.sentence.index for m in g.mentions)
    return sorted(kept, key=lambda g: g.first_index)


def _best_group(groups: list[Group], m: Mention) -> Group | None:
    scored = [(s, g) for g in groups if (s := _score(g, m)) is not None]
    if not scored:
        return None
    top = max(s for s, _ in scored)
    tied = [g for s, g in scored if s == top]
    index = m.sentence.index
    mine = {r.hit.entry.name for r in m.actors if r.role == "actor1"}
    return min(
        tied,
        key=lambda g: (not (mine & _attackers(g)), abs(g.first_index - index), g.first_index > index),
    )


def _attacker_before(groups: list[Group], m: Mention) -> tuple[Mention, RoledActor] | None:
    """For "they also struck X": the attacker of the event told just before, when the
    mention names none of its own."""
    if not m.continues or any(r.role == "actor1" for r in m.actors):
        return None
    for group in sorted(groups, key=lambda g: -max(x.sentence.index for x in g.mentions)):
        found = [(x, r) for x in group.mentions for r in x.actors if r.role == "actor1" and r.score >= 3]
        if found:
            return max(found, key=lambda xr: xr[1].score)
        if group.borrowed is not None:
            return group.borrowed
    return None


def _lend_places(groups: list[Group]) -> None:
    """A clause that names no place happened where, and when, its sentence's other clause did
    ("the fighting killed three, and a civilian was killed by shelling" in one village)."""
    for group in groups:
        if group.specific_keys() or group.area_keys():
            continue
        for m in group.mentions:
            sibling = next((g for g in groups if g is not group and _sibling(g, m)), None)
            if sibling is not None:
                group.lent_places = [
                    (x, p) for x in sibling.mentions for p in x.places if p.role != "country"
                ]
                group.lent_dates = [x for x in sibling.mentions if x.date is not None]
                break


def group_mentions(mentions: list[Mention]) -> list[Group]:
    """Group an article's mentions into events (text order)."""
    groups: list[Group] = []
    for m in (m for m in mentions if m.creates):
        if m.place_tolls:
            for place in m.specific_places:
                number = m.place_tolls.get(place.name)
                if number is not None:
                    target = next(
                        (
                            g
                            for g in groups
                            if g.only_place and _same(g.specific_keys(), {place_key(place.name)})
                        ),
                        None,
                    )
                    if target is None:
                        groups.append(Group([m], only_place=place, toll_override=number.value))
                    else:
                        target.mentions.append(m)
            continue
        split = _coordinated(m) if not m.anaphoric else []
        if split:
            for place in split:
                key = {place_key(place.name)}
                target = next((g for g in groups if _same(g.specific_keys(), key)), None)
                if target is None:
                    groups.append(Group([m], only_place=place, shared_toll=True))
                else:
                    target.mentions.append(m)
            continue
        target = _best_group(groups, m)
        if target is None:
            groups.append(Group([m], borrowed=_attacker_before(groups, m)))
        else:
            target.mentions.append(m)
    groups = _absorb_placeless(groups)
    for m in (m for m in mentions if not m.creates):
        candidates = _candidates(groups, m)
        if not candidates:
            continue
        if m.anaphoric and not m.specific_places:
            candidates = _told_first(candidates)
        if len(candidates) > 1 and m.anaphoric and not m.specific_places:
            # "the strikes killed 16" after strikes on two sites tells them together
            for target in candidates:
                target.mentions.append(m)
                if m.toll.killed:
                    target.ambiguous_tolls.add(m.sentence.index)
            continue
        target = _best_group(candidates, m)
        if target is None:
            continue
        target.mentions.append(m)
        if len(candidates) > 1 and not m.specific_places and m.toll.killed:
            target.ambiguous_tolls.add(m.sentence.index)
    _lend_places(groups)
    for g in groups:
        g.mentions.sort(key=lambda x: x.sentence.index)
    return groups
