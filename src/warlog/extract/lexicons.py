"""The extraction lexicons under ``data/``: loaded once, validated, compiled.

Every word list the rules use lives in a YAML file so that adding a cue, an actor alias or a
weapon is a data change; a malformed file fails loudly at first use, naming the file.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from warlog.errors import ConfigError
from warlog.extract.scan import FoldedPattern, WordScanner, has_upper_literal

__all__ = ["TOKEN", "ActorEntry", "Cue", "Lexicons", "alias_tokens", "lexicons", "word_regex"]

log = logging.getLogger(__name__)

_M = TypeVar("_M", bound=BaseModel)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _CueRow(_Strict):
    mode: str
    strength: int
    pattern: str


class _CueFile(_Strict):
    cues: list[_CueRow]
    generic: str
    fixed: dict[str, tuple[str, str]]
    precedence: list[str]


class _ActorRow(_Strict):
    name: str
    type: str
    aliases: list[str]
    air: bool = False
    role: str | None = None
    unidentified: bool = False


class _ActorFile(_Strict):
    actors: list[_ActorRow]


class _SourceRow(_Strict):
    name: str
    pattern: str


class _ContextFile(_Strict):
    background: list[str]
    denial: list[str]
    no_claim: list[str]
    responsibility: str
    country_asides: str
    single_victims: str
    statement: list[str]
    hedges: list[str]
    sources: list[_SourceRow]
    anaphora: list[str]
    armed_targets: str
    civilian_targets: str
    killed_words: str
    wounded_words: str
    no_casualty: str
    not_victims: str
    part_of: str
    clause_links: str
    motive_links: str
    not_clause_heads: str
    coordination_links: str
    continuation: str
    social_embed: str


class _PlaceFile(_Strict):
    locatives: str
    not_event_places: str
    relative: str
    area_words: str
    site_words: str
    particles: str
    not_places: str
    not_place_prefixes: str
    not_place_suffixes: str


class _CountryFile(_Strict):
    countries: dict[str, list[str]]


class _WeaponFile(_Strict):
    weapons: dict[str, str]


@dataclass(frozen=True, slots=True)
class Cue:
    mode: str
    strength: int
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class ActorEntry:
    name: str
    type: str
    air: bool
    victim: bool
    unidentified: bool


@dataclass(frozen=True)
class Lexicons:
    """Everything the rules read, compiled."""

    acled: dict[str, frozenset[str]]
    cues: tuple[Cue, ...]
    cue_scanner: WordScanner  # every cue, strongest first: one scan a sentence
    cue_rows: tuple[int, ...]  # scanner row -> index in ``cues``
    generic_cue: re.Pattern[str]
    fixed: dict[str, tuple[str, str]]
    precedence: dict[str, int]
    actor_by_tokens: dict[tuple[str, ...], ActorEntry]
    actor_max_tokens: int
    actor_first_tokens: frozenset[str]
    actor_lengths: dict[str, tuple[int, ...]]  # first token -> alias lengths (in tokens) it starts
    background: FoldedPattern
    denial: FoldedPattern
    no_claim: FoldedPattern
    responsibility: FoldedPattern
    country_aside: re.Pattern[str]
    single_victim: FoldedPattern
    statement: FoldedPattern
    hedges: tuple[re.Pattern[str], ...]
    sources: tuple[tuple[str, re.Pattern[str]], ...]
    any_source: FoldedPattern
    anaphora: FoldedPattern
    armed_targets: FoldedPattern
    civilian_targets: FoldedPattern
    killed_words: FoldedPattern
    wounded_words: FoldedPattern
    no_casualty: FoldedPattern
    not_victims: FoldedPattern
    part_of: re.Pattern[str]
    clause_link: re.Pattern[str]
    coordination: re.Pattern[str]
    continuation: FoldedPattern
    social_embed: re.Pattern[str]
    places: _PlaceFile
    countries: dict[str, str]
    country_regex: re.Pattern[str]
    weapons: tuple[tuple[str, re.Pattern[str]], ...]
    weapon_names: tuple[str, ...]
    weapon_scanner: WordScanner  # row i is weapon_names[i]
    source_names: tuple[str, ...]
    source_scanner: WordScanner  # row i is source_names[i]


def word_regex(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """``pattern`` matched as whole words (hyphenated words count as one word)."""
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", flags)


def _words(pattern: str) -> FoldedPattern:
    """Whole words, any case."""
    return FoldedPattern(rf"(?<![\w-])(?:{pattern})(?![\w-])")


def _any(patterns: list[str]) -> FoldedPattern:
    return _words("|".join(f"(?:{p})" for p in patterns))


def _read(path: str) -> Any:
    text = resources.files("warlog").joinpath(path).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _load(path: str, model: type[_M]) -> _M:
    try:
        return model.model_validate(_read(path))
    except (ValidationError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: invalid lexicon ({exc})") from exc


def _case_sensitive(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


TOKEN = re.compile(r"\w+")


def alias_tokens(alias: str) -> tuple[str, ...]:
    """Word tokens of an alias as looked up: capitals kept for all-capital aliases ("IS")."""
    words = TOKEN.findall(alias)
    return tuple(words) if _case_sensitive(alias) else tuple(w.casefold() for w in words)


def _compile_actors(rows: list[_ActorRow]) -> dict[tuple[str, ...], ActorEntry]:
    by_tokens: dict[tuple[str, ...], ActorEntry] = {}
    for row in rows:
        entry = ActorEntry(row.name, row.type, row.air, row.role == "victim", row.unidentified)
        for alias in row.aliases:
            key = alias_tokens(alias)
            if key in by_tokens and by_tokens[key] != entry:
                raise ConfigError(
                    f"actors.yaml: alias {alias!r} names both {by_tokens[key].name} and {row.name}"
                )
            by_tokens[key] = entry
    return by_tokens


def _alias_lengths(by_tokens: dict[tuple[str, ...], ActorEntry]) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for key in by_tokens:
        lengths.setdefault(key[0], set()).add(len(key))
    return {first: tuple(sorted(n, reverse=True)) for first, n in lengths.items()}


def _check_types(acled: dict[str, frozenset[str]], fixed: dict[str, tuple[str, str]]) -> None:
    for mode, (etype, sub) in fixed.items():
        if sub not in acled.get(etype, frozenset()):
            raise ConfigError(
                f"event_cues.yaml: mode {mode!r} names {etype} / {sub}, not in acled_types.yaml"
            )


@cache
def lexicons() -> Lexicons:
    """Load and compile every lexicon once per process."""
    raw_types = _read("data/acled_types.yaml")
    acled = {str(k): frozenset(str(s) for s in v) for k, v in raw_types.items()}
    cue_file = _load("data/lexicons/event_cues.yaml", _CueFile)
    _check_types(acled, cue_file.fixed)
    unknown = {c.mode for c in cue_file.cues} - set(cue_file.precedence)
    if unknown:
        raise ConfigError(f"event_cues.yaml: modes {sorted(unknown)} missing from precedence")
    context = _load("data/lexicons/context.yaml", _ContextFile)
    by_tokens = _compile_actors(_load("data/lexicons/actors.yaml", _ActorFile).actors)
    countries_file = _load("data/lexicons/countries.yaml", _CountryFile)
    countries = {
        alias.casefold(): name for name, aliases in countries_file.countries.items() for alias in aliases
    }
    weapons = _load("data/lexicons/weapons.yaml", _WeaponFile)
    cue_order = _cue_order(cue_file.cues, cue_file.precedence)
    _lower_case("event_cues.yaml", [c.pattern for c in cue_file.cues])
    lex = Lexicons(
        acled=acled,
        cues=tuple(Cue(c.mode, c.strength, word_regex(c.pattern)) for c in cue_file.cues),
        cue_scanner=WordScanner([cue_file.cues[i].pattern for i in cue_order]),
        cue_rows=tuple(cue_order),
        generic_cue=re.compile(rf"(?:{cue_file.generic})", re.IGNORECASE),
        fixed=cue_file.fixed,
        precedence={mode: i for i, mode in enumerate(cue_file.precedence)},
        actor_by_tokens=by_tokens,
        actor_max_tokens=max(len(k) for k in by_tokens),
        actor_first_tokens=frozenset(k[0] for k in by_tokens),
        actor_lengths=_alias_lengths(by_tokens),
        background=_any(context.background),
        denial=_any(context.denial),
        no_claim=_any(context.no_claim),
        responsibility=_words(context.responsibility),
        country_aside=re.compile(rf"\b(?:{context.country_asides})\s+(?:the\s+)?$", re.IGNORECASE),
        single_victim=FoldedPattern(
            rf"(?:(?:{context.killed_words})\s+(?:an?|one)\s+(?:[\w-]+\s+){{0,3}}?(?:{context.single_victims})\b"
            rf"|\b(?:an?|one)\s+(?:[\w-]+\s+){{0,3}}?(?:{context.single_victims})\s+(?:was\s+)?"
            rf"(?:killed|died|shot dead|slain|executed|murdered))(?![\w-])",
        ),
        statement=_any(context.statement),
        hedges=tuple(word_regex(h) for h in context.hedges),
        sources=tuple((s.name, word_regex(s.pattern)) for s in context.sources),
        any_source=_any([s.pattern for s in context.sources]),
        anaphora=FoldedPattern("|".join(f"(?:{p})" for p in context.anaphora)),
        armed_targets=_words(context.armed_targets),
        civilian_targets=_words(context.civilian_targets),
        killed_words=_words(context.killed_words),
        wounded_words=_words(context.wounded_words),
        no_casualty=_words(context.no_casualty),
        not_victims=FoldedPattern(rf"^\s*(?:[\w-]+\s+){{0,2}}?(?:{context.not_victims})(?![\w-])"),
        part_of=re.compile(rf"(?:{context.part_of})\s*,?\s*$", re.IGNORECASE),
        clause_link=_clause_link(context),
        coordination=re.compile(rf"(?:{context.coordination_links})\s+", re.IGNORECASE),
        continuation=FoldedPattern(context.continuation),
        social_embed=re.compile(context.social_embed),
        places=_load("data/lexicons/places.yaml", _PlaceFile),
        countries=countries,
        country_regex=re.compile(rf"(?<![\w-])(?:{_alternation(_country_aliases(countries_file))})(?![\w-])"),
        weapons=tuple((name, word_regex(p)) for name, p in weapons.weapons.items()),
        weapon_names=tuple(weapons.weapons),
        weapon_scanner=WordScanner(_lower_case("weapons.yaml", list(weapons.weapons.values()))),
        source_names=tuple(src.name for src in context.sources),
        source_scanner=WordScanner(_lower_case("context.yaml", [src.pattern for src in context.sources])),
    )
    log.debug("lexicons loaded: %d cues, %d actor aliases", len(lex.cues), len(by_tokens))
    return lex


def _cue_order(rows: list[_CueRow], precedence: list[str]) -> list[int]:
    """Stronger rows, then modes earlier in the precedence, first: where two cues start at one
    word, that one is matched."""
    return sorted(range(len(rows)), key=lambda i: (-rows[i].strength, precedence.index(rows[i].mode)))


def _lower_case(path: str, patterns: list[str]) -> list[str]:
    """Scanned patterns meet lower-cased text, so they must be written in lower case."""
    for pattern in patterns:
        if has_upper_literal(pattern):
            raise ConfigError(f"{path}: pattern {pattern!r} must be written in lower case")
    return patterns


def _clause_link(context: _ContextFile) -> re.Pattern[str]:
    """A link between two clauses: group ``motive`` or ``link``, not before a time or a gerund."""
    return re.compile(
        rf"(?:,\s*|\s)(?:(?P<motive>{context.motive_links})|(?P<link>{context.clause_links}))\s+"
        rf"(?!(?:{context.not_clause_heads})\b)(?![a-z]+ing\b)",
        re.IGNORECASE,
    )


def _country_aliases(countries_file: _CountryFile) -> list[str]:
    return [alias for aliases in countries_file.countries.values() for alias in aliases]
