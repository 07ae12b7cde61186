"""Actor mentions in a sentence and the part each plays: attacker (actor1) or target (actor2).

Roles come from the words around a mention, not from its name: "Israeli strikes" and
"strikes by Israel" make Israel the attacker, "strikes on Israeli posts" the target. Sources
("the Observatory said") are never actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from warlog.extract.context import source_spans
from warlog.extract.lexicons import TOKEN, ActorEntry, lexicons

__all__ = ["ActorHit", "RoledActor", "actor_name", "assign_roles", "find_actors", "find_claimant"]

# People and arms written after an actor's name before its verb: "Houthi fighters launched".
_ACTOR_NOUN = (
    r"(?:fighters|militants|forces|troops|gunmen|rebels|militiamen|soldiers|units|jets?|warplanes?|aircraft|"
    r"drones?|planes?|helicopters?|artillery|navy|police|guerrillas|insurgents|bandits|jihadists|extremists|"
    r"paramilitaries|commandos|marines|special forces|warships?|gunboats?|snipers?)"
)
# Weapon and manner words between an attacker and its cue: "Russian Shahed drones", "Israeli air strikes".
_GAP_WORD = (
    r"(?:air|aerial|drone|missile|rocket|artillery|military|army|naval|ground|suicide|explosive|fighter|war|attack|"
    r"helicopter|deadly|heavy|new|overnight|guided|glide|ballistic|cruise|kamikaze|one-way|fpv|shahed|"
    r"geran|lancet|iskander|kalibr|kinzhal|grad|himars|atacms|artillery|tank|mortar|sniper|precision|retaliatory|"
    r"separate|twin|double|coordinated|massive|combined)"
)
_ATTACK_VERB = re.compile(
    r"^[\s,\"\u201d\u2019)]*(?:and\s+(?:the\s+)?(?-i:[A-Z])[\w.-]*\s+)?(?:" + _ACTOR_NOUN + r"\s+)?"
    r"(?:(?:also|then|later|reportedly|allegedly|had|has|have|on \w+|\w+ly)\s+){0,3}"
    r"(?:launched|carried out|conducted|struck|strikes|hit|hits|attacked|attacks|shelled|fired|bombed|"
    r"ambushed|shot|killed|kills|targeted|targets|opened fire|sent|stormed|assaulted|raided|seized|"
    r"captured|arrested|detained|used|mounted|staged|blew up|executed|abducted|kidnapped|detonated|"
    r"planted|fought|clashed|gunned down|ambushes|struck at|pounded|hit back|dropped|slammed|bombarded|"
    r"overran|torched|burned|looted|massacred|besieged|advanced|counterattacked|recaptured|retook|kidnap|abduct|storm|attack|ambush|shell|bomb|fire)\b",
    re.IGNORECASE,
)
_PASSIVE_AFTER = re.compile(
    r"^[\s,]*(?:\w+\s+){0,4}?(?:was|were|been|being|is|are)\s+(?:\w+\s+)?"
    r"(?:killed|hit|targeted|struck|wounded|injured|attacked|shelled|bombed)\b",
    re.I,
)
_PARTICIPLE_AFTER = re.compile(
    r"^\s*(?:"
    + _ACTOR_NOUN
    + r"\s+)?(?:killed|shot|hit|targeted|struck|wounded|injured|detained|arrested|abducted|kidnapped)\s*"
    r"(?:[,.;]|$|(?:in|by|during|when|on|at|after|while|as|near|overnight|since|from|and)\b)",
    re.IGNORECASE,
)
_BY_BEFORE = re.compile(
    r"(?:(?<!used )(?<!held )(?<!backed )(?<!run )(?<!controlled )(?<!operated )(?<!owned )(?<!led )"
    r"(?<!supported )(?<!funded )(?<!manned )(?<!allied )(?<!linked )(?<!followed )\bby|"
    r"attributed to|blamed (?:it )?on|claimed by|carried out by|launched by|points to|blamed)"
    r"\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_RESPONSIBLE_AFTER = re.compile(
    r"^[\s,]*(?:[\w-]+\s+){0,3}?(?:(?:was|were|is|are|may be|might be|could be)\s+(?:\w+\s+)?behind|"
    r"claimed (?:responsibility|the attack|it)|"
    r"(?:said|says|announced|stated)(?:\s+(?:late\s+|early\s+)?on\s+\w+)?(?:\s+that)?\s+(?:it|they)\s+"
    r"(?:was responsible|were responsible|had|have|has|carried out|attacked|launched|hit|killed|shot down)|"
    r"took responsibility|(?:was|were) responsible|as the party behind|(?:was|were) to blame)",
    re.IGNORECASE,
)
_TARGET_BEFORE = re.compile(
    r"(?:\bon|against|targeting|\bat|hit|hitting|struck|striking|attacked|attacking|killing|killed|shelled|"
    r"bombed|targeted|into|ambushed|positions of|posts of|bases of|headquarters of|members of|fighters of|"
    r"belonging to|used by|held by)\s+(?:the\s+|a\s+|an\s+|its\s+|\d+\s+|[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
_VICTIM_AFTER = re.compile(
    r"^[\s,]*(?:[\w'-]+\s+){0,3}?(?:were|was|have been|had been|has been)?\s*"
    r"(?:killed|died|dead|wounded|injured|hurt)\b",
    re.IGNORECASE,
)
_NUMBER_BEFORE = re.compile(
    r"(?:\b\d+(?:,\d{3})*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|dozens|"
    r"several|many|some|a|an|more|other))\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_MODIFIER_GAP = re.compile(r"^\s*(?:(?:" + _GAP_WORD + r"s?|and)(?:\s+|$)){0,3}\s*$", re.IGNORECASE)
# A nationality describing a place, not an actor: "the Ukrainian city of", "Russian-held town".
_PLACE_AFTER = re.compile(
    r"^\s+(?:(?:port|border|frontline|front-line|capital|coastal|southern|northern|eastern|western|"
    r"central|industrial|border)\s+)?(?:city|town|village|region|province|oblast|capital|territory|"
    r"side|soil|airspace|border|coast|port)\b",
    re.I,
)
# A capitalised word (not the first of the sentence) just before: the alias is part of a name.
_PROPER_BEFORE = re.compile(r"(?<=[\w,;:] )([A-Z][\w'-]+)\s+$")
_FOUGHT_BEFORE = re.compile(
    r"\b(?:fought|clashed with|battled|engaged|fighting|(?:gun ?)?battles? with|clash(?:es)? with|"
    r"firefights? with|exchanges? of fire with|skirmish(?:es)? with)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
_MODIFIER_AFTER = re.compile(
    r"^\s+(?:air|aerial|drone|missile|rocket|artillery|military|army|naval|ground|forces|troops|jets|warplanes|"
    r"aircraft|strikes?|raids?|attacks?|shelling|bombardment|fire)\b",
    re.IGNORECASE,
)
_APPOSITIVE = re.compile(r"^\s*,[^,.;]{3,140},\s*")
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|inside|into|across|of|from|to|near|over|within|toward|towards)\s+$|"
    r"\b(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+$",
    re.I,
)
# "fighting between the army and the RSF": the first party acted, the second was fought.
_BETWEEN_FIRST = re.compile(r"\bbetween\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_BETWEEN_SECOND = re.compile(r"\bbetween\s[^,;.]{2,60}?\sand\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
# The mention is who said something, not who acted: "police said", "the army said three died".
_SPEAKS_AFTER = re.compile(
    r"^\s*(?:(?:officials?|spokes(?:man|woman|person)|sources?|commanders?|officers?|media|statement|"
    r"television|tv|channel|radio|outlets?)\s+)?(?:said|says|told|reported|announced|stated|added|"
    r"confirmed|wrote|posted)\b",
    re.I,
)
# "struck Houthi targets": an actor's name before what it owns, after the verb that hit it.
_OWNED_AFTER = re.compile(
    r"^\s+(?:military\s+)?(?:targets|positions|sites|bases|posts|facilities|depots|infrastructure|"
    r"headquarters|checkpoints?|outposts?|vehicles?|boats?|launchers?|fighters|militants|commanders?)\b",
    re.I,
)
_HIT_BEFORE = re.compile(
    r"\b(?:hit|hitting|struck|striking|attacked|attacking|targeted|targeting|bombed|shelled|pounded|on|against|at)"
    r"\s+(?:the\s+|a\s+|an\s+|several\s+|\w+\s+)?$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ActorHit:
    entry: ActorEntry
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class RoledActor:
    hit: ActorHit
    role: str  # 'actor1' | 'actor2'
    score: int


def find_actors(text: str) -> list[ActorHit]:
    """Actor mentions, longest first where they overlap, minus sources and bare country places."""
    return list(_find_actors(text))


@lru_cache(maxsize=256)
def _find_actors(text: str) -> tuple[ActorHit, ...]:
    """Cached: mentions, denials, claimants and countries read the same sentences."""
    lex = lexicons()
    raw = _token_matches(text)
    raw.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    blocked = source_spans(text)
    hits: list[ActorHit] = []
    for start, end, entry in raw:
        if any(start < b_end and end > b_start for b_start, b_end in blocked):
            continue
        written = text[start:end]
        if (
            written.casefold() in lex.countries
            and _LOCATIVE_BEFORE.search(text[max(0, start - 12) : start])
            and not _MODIFIER_AFTER.match(text[end : end + 20])
        ):
            continue  # "in Israel" is a place; "in Saudi air strikes" names the attacker
        if written.casefold() in lex.countries and _PLACE_AFTER.match(text[end : end + 40]):
            continue  # "the Ukrainian city of Kharkiv" describes a place
        if "{country}" in entry.name and written[:1].isupper() and _inside_name(text, start):
            continue  # "Balochistan Liberation Army": a generic word inside a name is no generic actor
        hits.append(ActorHit(entry, start, end, written))
        blocked.append((start, end))
    return tuple(_national_forces(text, sorted(hits, key=lambda h: h.start)))


def _inside_name(text: str, start: int) -> bool:
    """A capitalised word that is no nationality ends just before: the alias is part of a name."""
    before = _PROPER_BEFORE.search(text[max(0, start - 40) : start])
    return before is not None and before.group(1).casefold() not in lexicons().countries


def _national_forces(text: str, hits: list[ActorHit]) -> list[ActorHit]:
    """ "Turkish police", "Pakistani security forces": a nationality before a generic force
    names that country's force, not its army ("Turkish" alone is the Turkish military)."""
    countries = lexicons().countries
    out: list[ActorHit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if (
            prev is not None
            and "{country}" in hit.entry.name
            and hit.entry.type == "State forces"
            and "{country}" not in prev.entry.name
            and prev.text.casefold() in countries
            and not text[prev.end : hit.start].strip()
        ):
            out[-1] = ActorHit(hit.entry, prev.start, hit.end, text[prev.start : hit.end])
            continue
        out.append(hit)
    return out


def _token_matches(text: str) -> list[tuple[int, int, ActorEntry]]:
    """Every alias found as a run of whole words; a hyphen next to the run breaks it ("Iran-backed")."""
    lex = lexicons()
    table, lengths = lex.actor_by_tokens, lex.actor_lengths
    words = TOKEN.findall(text)
    starts = [i for i, w in enumerate(words) if w in lengths or w.casefold() in lengths]
    if not starts:
        return []
    folded = [w.casefold() for w in words]
    spans = [m.span() for m in TOKEN.finditer(text)]
    found = []
    for i in starts:
        sizes = sorted(set(lengths.get(folded[i], ())) | set(lengths.get(words[i], ())), reverse=True)
        for n in sizes:
            if i + n > len(words):
                continue
            entry = table.get(tuple(folded[i : i + n])) or table.get(tuple(words[i : i + n]))
            if entry is None:
                continue
            start, end = spans[i][0], spans[i + n - 1][1]
            if (start > 0 and text[start - 1] == "-") or text[end : end + 1] == "-":
                continue
            last = words[i + n - 1]
            if text[end : end + 1] == "." and len(last) == 1 and last.isupper():
                end += 1  # "U.S." keeps its last dot
            found.append((start, end, entry))
            break
    return found


def _acts(after: str) -> bool:
    """The mention is the subject of an attack verb, directly or past an appositive; "fighters
    killed in the strikes" are the killed, not the killers."""
    if _PARTICIPLE_AFTER.match(after):
        return False
    if _ATTACK_VERB.match(after) and not _PASSIVE_AFTER.match(after):
        return True
    skip = _APPOSITIVE.match(after)
    return bool(
        skip and _ATTACK_VERB.match(after[skip.end() :]) and not _PASSIVE_AFTER.match(after[skip.end() :])
    )


def _score(text: str, hit: ActorHit, cue_start: int, cue_end: int) -> tuple[int, int]:
    """(attacker score, target score) for one mention."""
    before = text[max(0, hit.start - 60) : hit.start]
    after = text[hit.end : hit.end + 80]
    attacker = target = 0
    skip = _APPOSITIVE.match(after)
    past_appositive = after[skip.end() :] if skip else ""
    if (
        _RESPONSIBLE_AFTER.match(after)
        or _BY_BEFORE.search(before)
        or (skip and _RESPONSIBLE_AFTER.match(past_appositive))
    ):
        attacker = 4
    elif _SPEAKS_AFTER.match(after):
        return 0, 0
    elif _OWNED_AFTER.match(after) and _HIT_BEFORE.search(before):
        return 0, 3
    elif _BETWEEN_FIRST.search(before):
        attacker = 3
    elif _BETWEEN_SECOND.search(before):
        target = 3
    elif hit.end <= cue_start and _MODIFIER_GAP.match(text[hit.end : cue_start]):
        attacker = 3  # "Israeli strikes", "regime rockets", "ISIS gunmen"
    elif _acts(after):
        attacker = 3
    if _VICTIM_AFTER.match(after) or (_NUMBER_BEFORE.search(before[-25:]) and hit.start > cue_end):
        target = 3
    elif _TARGET_BEFORE.search(before) or _FOUGHT_BEFORE.search(before):
        target = 2
    if hit.entry.victim:
        attacker = 0
        target = max(target, 1)
    return attacker, target


def assign_roles(text: str, hits: list[ActorHit], cue_start: int, cue_end: int) -> list[RoledActor]:
    """Each mention with the role its context gives it; mentions with no role are left out."""
    roled: list[RoledActor] = []
    for hit in hits:
        attacker, target = _score(text, hit, cue_start, cue_end)
        if attacker == target == 0:
            continue
        if attacker > target or (attacker == target and hit.start < cue_start):
            roled.append(RoledActor(hit, "actor1", attacker - (2 if hit.entry.unidentified else 0)))
        else:
            roled.append(RoledActor(hit, "actor2", target - (1 if hit.entry.unidentified else 0)))
    return roled


def actor_name(entry: ActorEntry, country: str | None) -> str:
    """The canonical name, with the event's country where the name needs one."""
    if "{country}" not in entry.name:
        return entry.name
    if country:
        return entry.name.format(country=country)
    return entry.name.replace(" ({country})", "").replace(" of {country}", "")


def find_claimant(text: str) -> ActorHit | None:
    """The actor a sentence says owned an event ("X said it was responsible for the attack").

    The subject comes first, so the first named actor before the claim is the claimant; an
    appositive ("X, an umbrella of militias backed by Y, said it ...") does not move it.
    """
    lex = lexicons()
    claim = lex.responsibility.search(text)
    if claim is None or lex.no_claim.search(text) or lex.denial.search(text):
        return None
    before = [h for h in find_actors(text) if h.end <= claim.start() and not h.entry.victim]
    named = [h for h in before if not h.entry.unidentified]
    pool = named or before
    return pool[0] if pool else None
