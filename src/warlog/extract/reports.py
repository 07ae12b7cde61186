"""A group of mentions made into a Report: every field chosen with the span it came from."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from warlog.extract.actors import ActorHit, RoledActor, actor_name
from warlog.extract.areas import country_codes, country_name
from warlog.extract.cues import acled_type
from warlog.extract.dates import DateGuess
from warlog.extract.grouping import Group, family
from warlog.extract.lexicons import lexicons
from warlog.extract.mentions import Mention
from warlog.extract.places import PlaceHit, place_key
from warlog.extract.sentences import Sentence
from warlog.extract.tolls import TollNumber
from warlog.models import Article, PlaceMention, Report, Span, TimePrecision

__all__ = ["Claimant", "build_report"]

_VIOLENT_FIGHT = {"direct", "clash"}
_TERRITORY = {"takeover", "regain"}
_FOLLOW_UP_REACH = 2  # sentences after the founding one where an unmarked toll still belongs to it


@dataclass(frozen=True, slots=True)
class Claimant:
    """An actor that owned an event in the article, and the kind of event it owned (if said)."""

    sentence: Sentence
    hit: ActorHit
    family: str | None


def _claimant_for(claimants: list[Claimant], mode: str) -> Claimant | None:
    wanted = family(mode)
    fitting = [c for c in claimants if c.family in (None, wanted)]
    return fitting[0] if fitting else None


def _span(article: Article, m: Mention, start: int, end: int) -> Span:
    offset = m.sentence.start
    return Span(
        article_id=article.id,
        sentence_index=m.sentence.index,
        start=offset + start,
        end=offset + end,
        text=article.text[offset + start : offset + end],
    )


def _mode(group: Group) -> str | None:
    """The lead mention decides: the first sentence that founds the event, or refers back to
    it, with a cue that names the event says what it was; later sentences add detail
    ("positions were hit by shelling" during a clash), and asides tell other things."""
    rank = lexicons().precedence
    telling = [m for m in group.mentions if m.creates or m.anaphoric] or group.mentions
    strong = [c for m in telling if (c := m.cue) is not None and c.strength >= 2]
    pool = strong or [c for m in telling if (c := m.cue) is not None]
    if not pool:
        return None
    modes = {c.mode for c in pool}
    if "protest" in {mode for m in group.mentions for mode in m.modes} and modes & _VIOLENT_FIGHT:
        return "protest_force"
    if strong:
        return strong[0].mode
    return min(modes, key=lambda mode: rank[mode])


def _best_actor(
    group: Group, role: str, exclude: set[str], mode: str | None = None, prefer_armed: bool = False
) -> tuple[Mention, RoledActor] | None:
    """The best-attested mention for a role; only from sentences telling this kind of event."""
    best: tuple[tuple[int, int, int, int], Mention, RoledActor] | None = None
    wanted = family(mode) if mode else None
    for m in group.mentions:
        if wanted and m.cue is not None and family(m.cue.mode) != wanted and not m.anaphoric:
            continue
        for r in m.actors:
            if r.role != role or r.hit.entry.name in exclude:
                continue
            key = (
                0 if prefer_armed and r.hit.entry.victim else 1,
                r.score,
                1 if m.creates else 0,
                -m.sentence.index,
            )
            if best is None or key > best[0]:
                best = (key, m, r)
    if best is None:
        return None
    if role == "actor2" and _generic_state(best[2]):
        named = _named_state_target(group, exclude, wanted)
        if named is not None:
            return named
    return best[1], best[2]


def _generic_state(r: RoledActor) -> bool:
    """ "soldiers", "the army": state forces named only by the event's country."""
    return r.hit.entry.type == "State forces" and "{country}" in r.hit.entry.name


def _named_state_target(
    group: Group, exclude: set[str], wanted: str | None
) -> tuple[Mention, RoledActor] | None:
    """ "clashed with Israeli troops ... three of its soldiers were killed": the soldiers are
    the named force's, not an anonymous army of the country the event is in."""
    for m in group.mentions:
        if wanted and m.cue is not None and family(m.cue.mode) != wanted and not m.anaphoric:
            continue
        for r in m.actors:
            if (
                r.role == "actor2"
                and r.score >= 2
                and r.hit.entry.type == "State forces"
                and not _generic_state(r)
                and r.hit.entry.name not in exclude
            ):
                return m, r
    return None


def _country(group: Group, article_countries: Counter[str]) -> str | None:
    lex = lexicons()
    votes: Counter[str] = Counter()
    for m in group.mentions:
        votes.update(lex.countries[p.name.casefold()] for p in m.places if p.role == "country")
        votes.update(m.countries)
    if votes:
        return votes.most_common(1)[0][0]
    if len(article_countries) > 1:  # an article about two countries: where the places lie decides
        by_places = _country_of_places(group)
        if by_places is not None and by_places in article_countries:
            return by_places
    if article_countries:
        return article_countries.most_common(1)[0][0]
    return _country_of_places(group)


def _country_of_places(group: Group) -> str | None:
    """When the text names no country ("Government forces shelled Ariha, in Idlib province"),
    the country most of the group's places lie in, if one country leads; else None."""
    names = {p.name for m in group.mentions for p in m.places if p.role != "country"}
    votes: dict[str, float] = {}
    for name in names:
        codes = country_codes(name)
        for code in codes:  # an ambiguous name votes less
            votes[code] = votes.get(code, 0.0) + 1 / len(codes)
    ranked = sorted(votes.items(), key=lambda item: (-item[1], item[0]))[:2]
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    gazetteer_name = country_name(ranked[0][0])
    if gazetteer_name is None:
        return None
    return lexicons().countries.get(gazetteer_name.casefold(), gazetteer_name)


def _date(group: Group, published_guess: DateGuess | None) -> tuple[DateGuess | None, Mention | None]:
    dated = [m for m in group.mentions if m.date is not None] or group.lent_dates
    if not dated:
        return published_guess, None
    best = min(
        dated,
        key=lambda m: (
            m.date.reported if m.date else True,
            0 if m.creates else 1,
            m.date.time_precision if m.date else 9,
            m.sentence.index,
        ),
    )
    return best.date, best


def _places(article: Article, group: Group) -> list[PlaceMention]:
    hits: list[tuple[int, Mention, PlaceHit]] = []
    order = {"site": 0, "relative": 1, "area": 2, "country": 3}
    for m in group.mentions:
        for p in m.places:
            if (
                group.only_place is not None
                and p.role in ("site", "relative")
                and place_key(p.name) != place_key(group.only_place.name)
            ):
                continue
            hits.append((order[p.role], m, p))
    if not any(role < 3 for role, _, _ in hits):
        hits.extend((order[p.role], m, p) for m, p in group.lent_places)
    hits.sort(key=lambda h: (h[0], 0 if h[1].creates else 1, h[1].sentence.index, h[2].start))
    seen: set[str] = set()
    out = []
    for _, m, p in hits:
        key = place_key(p.name)
        if key in seen:
            continue
        seen.add(key)
        out.append(
            PlaceMention(
                name=p.name, span=_span(article, m, p.start, p.end), role=p.role, relation=p.relation
            )
        )
    return out


def _fatalities(
    article: Article, group: Group, alone: bool
) -> tuple[int | None, int | None, int | None, list[Span]]:
    """(fatalities, fatalities_high, wounded, evidence) for the group.

    With other events in the article, a toll read next to this event's place beats a toll
    read elsewhere (which may count several events); alone, the highest toll is the latest.
    """
    keys = group.specific_keys()
    bound: list[tuple[TollNumber, Mention]] = []
    unbound: list[tuple[TollNumber, Mention]] = []
    vague: list[tuple[TollNumber, Mention]] = []
    wounded: list[int] = []
    zero: list[Span] = []
    unknown = hurt = False
    founders = [m.sentence.index for m in group.mentions if m.creates]
    for m in group.mentions:
        if m.toll.zero:
            zero.append(_span(article, m, *m.toll.zero))
        if m.sentence.index in group.ambiguous_tolls or _stray(m, founders):
            continue
        names_place = any(place_key(p.name) in keys for p in m.specific_places)
        for n in m.toll.killed:
            (bound if names_place else unbound).append((n, m))
        if alone:  # beside other events a vague toll ("several were killed") may count them together
            vague.extend((n, m) for n in m.toll.vague)
        wounded.extend(n.value for n in m.toll.wounded)
        unknown = unknown or m.toll.killed_without_number
        hurt = hurt or m.toll.hurt
    if group.toll_override is not None:
        source = next(
            (
                (n, m)
                for m in group.mentions
                for n in m.toll.killed + m.toll.parts
                if n.value == group.toll_override
            ),
            None,
        )
        spans = [_span(article, source[1], source[0].start, source[0].end)] if source else []
        return group.toll_override, None, max(wounded, default=None), spans
    if group.shared_toll:
        return None, None, None, []
    chosen = bound + unbound if alone else bound or unbound
    if chosen:
        best, where = max(chosen, key=lambda nm: (nm[0].value, nm[1].sentence.index))
        high = best.high if best.high and best.high > best.value else None
        return best.value, high, max(wounded, default=None), [_span(article, where, best.start, best.end)]
    if zero:
        return 0, None, max(wounded, default=None), zero
    if vague:  # "dozens were killed": ACLED's conventional count, when no exact toll is given
        best, where = max(vague, key=lambda nm: (nm[0].value, nm[1].sentence.index))
        return best.value, None, max(wounded, default=None), [_span(article, where, best.start, best.end)]
    if unknown:
        return None, None, max(wounded, default=None), []
    if wounded or hurt:  # ACLED: wounded and no dead is a toll of 0
        return 0, None, max(wounded, default=None), []
    return None, None, None, []


def _stray(m: Mention, founders: list[int]) -> bool:
    """A toll far from the event, neither founding it nor pointing back at it, counts
    something else (a war's total, another incident)."""
    if m.creates or m.anaphoric or not founders:
        return False
    return min(abs(m.sentence.index - i) for i in founders) > _FOLLOW_UP_REACH


def _harmed(group: Group) -> bool:
    return any(m.toll.killed or m.toll.wounded or m.toll.hurt for m in group.mentions)


def _attacker_flies(group: Group, actor1: RoledActor | None) -> bool:
    if actor1 is not None and actor1.hit.entry.air:
        return True
    return any("air" in m.modes and m.cue is not None and m.cue.mode == "air" for m in group.mentions)


def _armed_target(group: Group) -> bool | None:
    votes = [m.armed_target for m in group.mentions if m.armed_target is not None and m.creates]
    votes = votes or [m.armed_target for m in group.mentions if m.armed_target is not None]
    return votes[0] if votes else None


def build_report(
    article: Article,
    group: Group,
    number: int,
    denied: set[str],
    article_countries: Counter[str],
    published_guess: DateGuess | None,
    alone: bool = True,
    claimants: list[Claimant] | None = None,
    headline: Claimant | None = None,
) -> Report | None:
    """The report for one group, or None when it has no event type or no place below country."""
    mode = _mode(group)
    places = _places(article, group)
    if mode is None or not any(p.role != "country" for p in places):
        return None
    country = _country(group, article_countries)
    found1 = _best_actor(group, "actor1", denied, mode)
    if found1 is None and group.borrowed is not None and group.borrowed[1].hit.entry.name not in denied:
        found1 = group.borrowed
    roled1 = found1[1] if found1 else None
    claimant = _claimant_for(claimants or [], mode)
    if claimant is not None and claimant.hit.entry.name not in denied:
        found1, roled1 = None, RoledActor(claimant.hit, "actor1", 6)  # owning it beats being blamed
    elif (
        found1 is None
        and headline is not None
        and headline.family == family(mode)
        and headline.hit.entry.name not in denied
    ):  # the headline's attacker, as the text names it
        claimant, roled1 = headline, RoledActor(headline.hit, "actor1", 1)
    armed = _armed_target(group)
    event_type, sub_event_type = acled_type(mode, armed, _attacker_flies(group, roled1))
    evidence: dict[str, list[Span]] = {
        "event": [_span(article, m, m.cue.start, m.cue.end) for m in group.mentions if m.cue is not None]
    }
    actor1 = actor1_type = hedge = None
    if found1:
        m1, r1 = found1
        actor1, actor1_type = actor_name(r1.hit.entry, country), r1.hit.entry.type
        hedge = m1.hedges.get(r1.hit.start)
        evidence["actor1"] = [_span(article, m1, r1.hit.start, r1.hit.end)]
    elif roled1 is not None and claimant is not None:
        actor1, actor1_type = actor_name(roled1.hit.entry, country), roled1.hit.entry.type
        offset = claimant.sentence.start
        evidence["actor1"] = [
            Span(
                article_id=article.id,
                sentence_index=claimant.sentence.index,
                start=offset + claimant.hit.start,
                end=offset + claimant.hit.end,
                text=claimant.hit.text,
            )
        ]
    if mode in _TERRITORY and actor1_type is not None:  # who took it decides, not the verb
        event_type, sub_event_type = lexicons().fixed[
            "regain" if actor1_type == "State forces" else "takeover"
        ]
    exclude2 = {roled1.hit.entry.name} if roled1 else set()
    found2 = _best_actor(
        group, "actor2", exclude2, mode, prefer_armed=event_type != "Violence against civilians"
    )
    actor2 = actor2_type = None
    if found2:
        m2, r2 = found2
        actor2, actor2_type = actor_name(r2.hit.entry, country), r2.hit.entry.type
        evidence["actor2"] = [_span(article, m2, r2.hit.start, r2.hit.end)]
    if event_type == "Protests":
        if actor1 is None or actor1_type != "Protesters":
            actor2, actor2_type = (actor1, actor1_type) if mode == "protest_force" else (actor2, actor2_type)
            actor1, actor1_type, hedge = actor_name_for("Protesters ({country})", country), "Protesters", None
            evidence.pop("actor1", None)
        if sub_event_type == "Peaceful protest":  # no one intervened: ACLED leaves actor2 empty
            actor2 = actor2_type = None
            evidence.pop("actor2", None)
    elif actor1 is None and event_type in (
        "Explosions/Remote violence",
        "Battles",
        "Violence against civilians",
    ):
        air_only = mode == "air" and not any(w[0] == "drone" for m in group.mentions for w in m.weapons)
        actor1 = (
            "Unidentified Military Forces"
            if air_only
            else actor_name_for("Unidentified Armed Group ({country})", country)
        )
        actor1_type = "State forces" if air_only else "Rebel group"
    if actor2 is None and (
        event_type == "Violence against civilians"
        or (event_type == "Explosions/Remote violence" and armed is False and _harmed(group))
    ):  # the dead or hurt were civilians: ACLED names them as the target
        actor2, actor2_type = actor_name_for("Civilians ({country})", country), "Civilians"
    if event_type == "Riots" and actor1_type in (None, "Civilians"):
        actor1, actor1_type, hedge = actor_name_for("Rioters ({country})", country), "Rioters", None
        evidence.pop("actor1", None)
    fatalities, high, wounded, toll_spans = _fatalities(article, group, alone)
    if sub_event_type == "Protest with intervention" and fatalities:
        # lethal force against a protest: ACLED codes the force as actor1, the protesters as actor2
        sub_event_type = "Excessive force against protesters"
        actor1, actor1_type, actor2, actor2_type = actor2, actor2_type, actor1, actor1_type
        for a, b in (("actor1", "tmp"), ("actor2", "actor1"), ("tmp", "actor2")):
            if a in evidence:
                evidence[b] = evidence.pop(a)
    if toll_spans:
        evidence["fatalities"] = toll_spans
    date, date_mention = _date(group, published_guess)
    if date is not None and date_mention is not None and date.end > date.start:
        evidence["date"] = [_span(article, date_mention, date.start, date.end)]
    evidence["place"] = [p.span for p in places]
    weapons: list[str] = []
    weapon_spans: list[Span] = []
    for m in group.mentions:
        for name, start, end in m.weapons:
            if name not in weapons:
                weapons.append(name)
                weapon_spans.append(_span(article, m, start, end))
    if weapon_spans:
        evidence["weapons"] = weapon_spans
    source = next((m.source[0] for m in group.mentions if m.source), None)
    return Report(
        report_id=f"{article.id}/r{number}",
        article_id=article.id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=actor1,
        actor1_type=actor1_type,
        actor1_hedge=hedge,
        actor2=actor2,
        actor2_type=actor2_type,
        place_mentions=places,
        event_date=date.event_date if date else None,
        date_earliest=date.earliest if date else None,
        date_latest=date.latest if date else None,
        time_precision=_precision(date),
        fatalities=fatalities,
        fatalities_high=high,
        wounded=wounded,
        weapons=weapons,
        evidence=evidence,
        source=source,
    )


def _precision(date: DateGuess | None) -> TimePrecision | None:
    if date is None:
        return None
    value = date.time_precision
    return 1 if value <= 1 else 2 if value == 2 else 3


def actor_name_for(template: str, country: str | None) -> str:
    """A stand-in actor name ("Civilians (Syria)"), without the country when it is unknown."""
    return template.format(country=country) if country else template.replace(" ({country})", "")
