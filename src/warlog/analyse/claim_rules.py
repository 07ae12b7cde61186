"""Claim-check rules, read once from ``data/claim_rules.yaml``: which events a claim counts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from warlog.errors import ConfigError

__all__ = ["CategoryRule", "ClaimRules", "load_claim_rules"]

_FILE = "data/claim_rules.yaml"


@dataclass(frozen=True)
class CategoryRule:
    name: str
    words: tuple[str, ...]
    measure: str  # "events" or "fatalities"
    event_types: frozenset[str]
    sub_event_types: frozenset[str]


@dataclass(frozen=True)
class ClaimRules:
    qualifiers: dict[str, str]  # qualifier as written -> at_least | at_most | about
    about_tolerance: float
    exact_tolerance: float
    categories: tuple[CategoryRule, ...]
    uncountable_words: tuple[str, ...]
    actors: dict[str, str]
    target_words: frozenset[str]
    agent_words: frozenset[str]
    place_words: frozenset[str]
    transparent_words: frozenset[str]
    countries: dict[str, str]  # lower-case name -> name as stored


def parse_claim_rules(raw: dict[str, Any]) -> ClaimRules:
    """Validate the YAML mapping into ClaimRules."""
    try:
        categories = tuple(
            CategoryRule(
                name=str(name),
                words=tuple(str(w).lower() for w in body["words"]),
                measure=str(body["measure"]),
                event_types=frozenset(body.get("event_types", ())),
                sub_event_types=frozenset(body.get("sub_event_types", ())),
            )
            for name, body in raw["categories"].items()
        )
        bad = [c.name for c in categories if c.measure not in ("events", "fatalities")]
        if bad:
            raise ConfigError(f"{_FILE}: categories {bad} need measure 'events' or 'fatalities'")
        return ClaimRules(
            qualifiers={str(q).lower(): kind for kind, words in raw["qualifiers"].items() for q in words},
            about_tolerance=float(raw["about_tolerance"]),
            exact_tolerance=float(raw["exact_tolerance"]),
            categories=categories,
            uncountable_words=tuple(str(w).lower() for w in raw["uncountable_words"]),
            actors={str(k).lower(): str(v) for k, v in raw["actors"].items()},
            target_words=frozenset(str(w).lower() for w in raw["target_words"]),
            agent_words=frozenset(str(w).lower() for w in raw["agent_words"]),
            place_words=frozenset(str(w).lower() for w in raw["place_words"]),
            transparent_words=frozenset(str(w).lower() for w in raw["transparent_words"]),
            countries={str(c).lower(): str(c) for c in raw["countries"]},
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"{_FILE}: malformed ({exc!r})") from exc


@cache
def load_claim_rules() -> ClaimRules:
    """The bundled rules, parsed once per process."""
    text = resources.files("warlog").joinpath(_FILE).read_text(encoding="utf-8")
    return parse_claim_rules(yaml.safe_load(text))
