"""Linking thresholds and weights, read once from ``data/link_rules.yaml``.

Numbers that decide whether two reports are one event are data, so they can be tuned
(and reviewed) without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from warlog.errors import ConfigError

__all__ = ["BlockClass", "LinkRules", "load_rules"]

_RULES_FILE = "data/link_rules.yaml"


@dataclass(frozen=True)
class BlockClass:
    name: str
    max_span_days: int
    bucket_days: int


@dataclass(frozen=True)
class LinkRules:
    date_slack_days: int
    max_link_span_days: int
    max_distance_km: dict[int, float]
    link_threshold: float
    weights: dict[str, float]
    compatible_sub_event_types: frozenset[frozenset[str]]
    unidentified_actor_words: tuple[str, ...]
    actor1_vote: dict[str, float]
    shingle_words: int
    num_perm: int
    minhash_seed: int
    containment: float
    same_outlet_is_one_source: bool
    block_classes: tuple[BlockClass, ...]

    def weight(self, name: str) -> float:
        return self.weights[name]


_WEIGHTS = (
    "same_sub_event_type", "compatible_sub_event_type", "place", "admin1_only_place",
    "same_location_name", "same_day", "same_actor1", "same_actor2", "different_actor2",
    "different_actor2_same_type",
)  # fmt: skip


def _require(mapping: dict[str, Any], key: str, where: str) -> Any:
    if key not in mapping:
        raise ConfigError(f"{_RULES_FILE}: '{where}{key}' is missing")
    return mapping[key]


def parse_rules(raw: dict[str, Any]) -> LinkRules:
    """Validate a rules mapping (the YAML file's content) into LinkRules."""
    weights = {str(k): float(v) for k, v in _require(raw, "weights", "").items()}
    missing = [w for w in _WEIGHTS if w not in weights]
    if missing:
        raise ConfigError(f"{_RULES_FILE}: weights lack {', '.join(missing)}")
    dup = _require(raw, "near_duplicate", "")
    classes = tuple(
        BlockClass(str(c["name"]), int(c["max_span_days"]), int(c["bucket_days"]))
        for c in _require(raw, "block_classes", "")
    )
    if not classes or any(c.bucket_days < 1 or c.max_span_days < 0 for c in classes):
        raise ConfigError(f"{_RULES_FILE}: block_classes need max_span_days >= 0 and bucket_days >= 1")
    vote = {str(k): float(v) for k, v in _require(raw, "actor1_vote", "").items()}
    for key in ("named", "hedged", "unidentified"):
        _require(vote, key, "actor1_vote.")
    return LinkRules(
        date_slack_days=int(_require(raw, "date_slack_days", "")),
        max_link_span_days=int(_require(raw, "max_link_span_days", "")),
        max_distance_km={int(k): float(v) for k, v in _require(raw, "max_distance_km", "").items()},
        link_threshold=float(_require(raw, "link_threshold", "")),
        weights=weights,
        compatible_sub_event_types=frozenset(
            frozenset(pair) for pair in _require(raw, "compatible_sub_event_types", "")
        ),
        unidentified_actor_words=tuple(str(w).lower() for w in _require(raw, "unidentified_actor_words", "")),
        actor1_vote=vote,
        shingle_words=int(_require(dup, "shingle_words", "near_duplicate.")),
        num_perm=int(_require(dup, "num_perm", "near_duplicate.")),
        minhash_seed=int(_require(dup, "seed", "near_duplicate.")),
        containment=float(_require(dup, "containment", "near_duplicate.")),
        same_outlet_is_one_source=bool(_require(dup, "same_outlet_is_one_source", "near_duplicate.")),
        block_classes=classes,
    )


@cache
def load_rules() -> LinkRules:
    """The bundled rules, parsed once per process."""
    text = resources.files("warlog").joinpath(_RULES_FILE).read_text(encoding="utf-8")
    return parse_rules(yaml.safe_load(text))
