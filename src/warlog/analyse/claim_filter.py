"""Turn a claim's category and words into a filter over stored events.

"67 attacks by pro-Iran militias on American bases in Syria": the category picks what is
counted (events of violent types), 'on American' names who was hit (actor2), 'in Syria' the
country. Words the rules do not know narrow nothing; a claim counting something events do
not hold (bases, troops, targets) cannot be checked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from warlog.analyse.claim_rules import CategoryRule, ClaimRules
from warlog.models import Claim, Event

__all__ = ["ClaimFilter", "filter_for"]

_WORD = re.compile(r"[a-z][a-z.'-]*[a-z]|[a-z]")
_COUNTRY_PREPS = frozenset({"in", "inside", "across", "within", "on", "and"})


@dataclass
class ClaimFilter:
    rule: CategoryRule
    actor1: list[str] = field(default_factory=list)
    actor2: list[str] = field(default_factory=list)
    either_actor: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)

    @property
    def needs_actors(self) -> bool:
        """Whether the filter reads actors (a tally must then group by them)."""
        return bool(self.actor1 or self.actor2 or self.either_actor)

    def accepts(self, event: Event) -> bool:
        country = event.place.country if event.place else None
        return self.accepts_row(
            {"event_type": event.event_type, "sub_event_type": event.sub_event_type,
             "actor1": event.actor1, "actor2": event.actor2, "country": country}
        )  # fmt: skip

    def accepts_row(self, row: Mapping[str, Any]) -> bool:
        """The same test on a tally row grouped by type, sub-type, country (and actors when needed)."""
        rule = self.rule
        if rule.event_types and row["event_type"] not in rule.event_types:
            return False
        if rule.sub_event_types and row["sub_event_type"] not in rule.sub_event_types:
            return False
        a1, a2 = (row.get("actor1") or "").casefold(), (row.get("actor2") or "").casefold()
        if self.actor1 and not any(f.casefold() in a1 for f in self.actor1):
            return False
        if self.actor2 and not any(f.casefold() in a2 for f in self.actor2):
            return False
        if self.either_actor and not any(f.casefold() in a1 or f.casefold() in a2 for f in self.either_actor):
            return False
        country = row["country"] or ""
        return not self.countries or country.casefold() in {c.casefold() for c in self.countries}

    def describe(self) -> str:
        parts = [self.rule.name]
        parts += [f"by {a}" for a in self.actor1] + [f"on {a}" for a in self.actor2]
        parts += [f"involving {a}" for a in self.either_actor]
        if self.countries:
            parts.append("in " + " or ".join(self.countries))
        return " ".join(parts)


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.casefold().replace("u.s.", "us"))


def _category(claim: Claim, rules: ClaimRules) -> tuple[CategoryRule, int] | None:
    """The rule for the claim and the token index of the counted noun (or -1)."""
    tokens = _tokens(claim.what)
    text = " ".join(tokens)
    by_name = {c.name: c for c in rules.categories}
    if claim.category and claim.category.casefold() in by_name:
        rule = by_name[claim.category.casefold()]
    else:
        found = [
            (text.find(w), -len(w), c)
            for c in rules.categories
            for w in c.words
            if re.search(rf"\b{w}\b", text)
        ]
        if not found:
            return None
        rule = min(found, key=lambda f: (f[0], f[1]))[2]
    noun = next((i for i, t in enumerate(tokens) if t in rule.words), -1)
    return rule, noun


def filter_for(claim: Claim, rules: ClaimRules) -> ClaimFilter | str:
    """The events filter a claim describes, or the reason it cannot be checked against events."""
    picked = _category(claim, rules)
    if picked is None:
        return f"no rule says which events count as {claim.category or claim.what!r}"
    rule, noun = picked
    tokens = _tokens(claim.what)
    head = " ".join(tokens[: max(noun, 0) + 3])
    for word in rules.uncountable_words:
        if re.search(rf"\b{re.escape(word)}\b", head):
            return f"it counts {word}, which events do not record"
    result = ClaimFilter(rule)
    mode = ""  # the role the last preposition gave: agent, target or place
    i = 0
    while i < len(tokens):
        pair = " ".join(tokens[i : i + 2])
        name = pair if pair in rules.actors or pair in rules.countries else tokens[i]
        i += len(name.split())
        if name in rules.agent_words:
            mode = "agent"
        elif name in rules.target_words:
            mode = "target"
        elif name in rules.place_words:
            mode = "place"
        elif name in rules.countries and (mode == "place" or (mode == "target" and name not in rules.actors)):
            result.countries.append(rules.countries[name])
        elif name in rules.actors:
            _add_actor(result, rules.actors[name], mode, before_noun=i - 1 < noun)
        elif name not in rules.transparent_words:
            mode = ""
    return result


def _add_actor(result: ClaimFilter, actor: str, mode: str, before_noun: bool) -> None:
    """'by X' acted, 'on X' was hit; before the noun, 'Israeli attacks' acted, 'civilians killed' died."""
    if mode == "agent" or (before_noun and result.rule.measure == "events"):
        result.actor1.append(actor)
    elif mode == "target" or (before_noun and result.rule.measure == "fatalities"):
        result.actor2.append(actor)
    else:
        result.either_actor.append(actor)
