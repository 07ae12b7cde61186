"""Strip page furniture (captions, agency markers, share bars, link lists) from article text.

Extraction reads every sentence it is given, so a photo caption printed twice
would be counted as two more reports of an event and a "Read more" list would
smuggle in other stories. The rules are conservative: a paragraph is dropped
only when it is furniture by its form (a pattern in ``data/boilerplate.yaml``,
a line printed twice, the title again, a dateline), never by its topic.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from warlog.errors import ConfigError
from warlog.ingest.dates import is_dateline
from warlog.ingest.text import normalise_for_hash

__all__ = ["BoilerplateRules", "Cleaned", "clean_text", "load_rules", "split_paragraphs", "strip_boilerplate"]

log = logging.getLogger(__name__)

_TERMINAL = tuple(".!?:;)\"”’'")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_KEY_EDGES = " \t.,;:!?-–—|\"'“”‘’()[]"
_MAX_HEADLINE_CHARS = 160
_MIN_WRAP_CHARS = 30
_MIN_DOUBLED_CHARS = 15


@dataclass(frozen=True)
class BoilerplateRules:
    """The compiled patterns of ``data/boilerplate.yaml``."""

    marker: re.Pattern[str]
    weak_credit: re.Pattern[str]
    furniture: re.Pattern[str]  # each family is one alternation: one scan per paragraph, not one per pattern
    related_headers: re.Pattern[str]
    caption_credits: re.Pattern[str]
    strip: tuple[tuple[str, re.Pattern[str]], ...]


@dataclass
class Cleaned:
    """What survived, and what was dropped and why (for logs and tests)."""

    paragraphs: list[str] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def _compile(patterns: Any, key: str) -> tuple[re.Pattern[str], ...]:
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise ConfigError(f"boilerplate.yaml: '{key}' must be a list of strings")
    try:
        return tuple(re.compile(p, re.I) for p in patterns)
    except re.error as exc:
        raise ConfigError(f"boilerplate.yaml: bad pattern in '{key}' ({exc})") from exc


def _one_of(patterns: Any, key: str) -> re.Pattern[str]:
    """The patterns as one alternation (each checked alone first, so a bad one is named)."""
    compiled = _compile(patterns, key)
    return re.compile("|".join(f"(?:{p.pattern})" for p in compiled) or "(?!)", re.I)


def _compile_strip(entries: Any) -> tuple[tuple[str, re.Pattern[str]], ...]:
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("when"), str) and isinstance(e.get("pattern"), str)
        for e in entries
    ):
        raise ConfigError("boilerplate.yaml: 'strip' must be a list of {when, pattern}")
    patterns = _compile([e["pattern"] for e in entries], "strip")
    return tuple((e["when"].casefold(), p) for e, p in zip(entries, patterns, strict=True))


@lru_cache(maxsize=1)
def load_rules() -> BoilerplateRules:
    """Read and validate the bundled rules once."""
    raw = yaml.safe_load(
        resources.files("warlog").joinpath("data/boilerplate.yaml").read_text(encoding="utf-8")
    )
    if not isinstance(raw, dict):
        raise ConfigError("boilerplate.yaml: expected a mapping")
    agencies = raw.get("agencies")
    if not isinstance(agencies, list) or not agencies:
        raise ConfigError("boilerplate.yaml: 'agencies' must be a non-empty list")
    names = "|".join(re.escape(str(a)) for a in sorted(agencies, key=lambda a: -len(str(a))))
    one = rf"(?:{names})"
    max_chars = int(raw.get("marker_max_chars", 6))
    marker = re.compile(rf"[-–—(\s]*{one}(?:\s*[/,&|]\s*{one})*[).\s]*|(?-i:[A-Z]{{2,{max_chars}}})", re.I)
    return BoilerplateRules(
        marker=marker,
        weak_credit=re.compile(rf"\(\s*{one}(?:\s*[/,]\s*{one})*\s*\)\s*\.?$", re.I),
        furniture=_one_of(raw.get("furniture"), "furniture"),
        related_headers=_one_of(raw.get("related_headers"), "related_headers"),
        caption_credits=_one_of(raw.get("caption_credits"), "caption_credits"),
        strip=_compile_strip(raw.get("strip", [])),
    )


@dataclass
class _Unit:
    block: int
    text: str


def _is_wrapped(lines: list[str]) -> bool:
    """A hard-wrapped paragraph: long lines broken mid-sentence, some continuing in lower case."""
    if len(lines) < 2:
        return False
    head = lines[:-1]
    if any(len(line) < _MIN_WRAP_CHARS for line in head):
        return False
    open_ends = sum(1 for line in head if not line.endswith(_TERMINAL))
    continues_lower = any(nxt[:1].islower() for nxt in lines[1:])
    return open_ends * 5 >= len(head) * 3 and continues_lower


def _units(text: str) -> list[_Unit]:
    blocks: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    units: list[_Unit] = []
    for index, lines in enumerate(b for b in blocks if b):
        if _is_wrapped(lines):
            units.append(_Unit(index, " ".join(lines)))
        else:
            units.extend(_Unit(index, line) for line in lines)
    return units


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs as warlog sees them: each non-blank line, hard-wrapped lines re-joined."""
    return [u.text for u in _units(text)]


def _key(text: str) -> str:
    return normalise_for_hash(text).strip(_KEY_EDGES)


def _is_doubled(key: str) -> bool:
    """One caption printed twice on one line: "X. X"."""
    half = len(key) // 2
    if key.find(key[:_MIN_DOUBLED_CHARS], max(1, half - 3)) < 0:
        return False  # the second copy would start with the first's opening characters
    for cut in range(max(1, half - 3), min(len(key), half + 4)):
        if key[cut - 1].isalnum() and key[cut].isalnum():
            continue  # a cut inside a word
        first, second = key[:cut].strip(_KEY_EDGES), key[cut:].strip(_KEY_EDGES)
        if len(first) >= _MIN_DOUBLED_CHARS and first == second:
            return True
    return False


def _headline_like(text: str) -> bool:
    return len(text) <= _MAX_HEADLINE_CHARS and len(text.split()) >= 2 and not _SENTENCE_END.search(text)


def _is_caption(text: str, rules: BoilerplateRules) -> bool:
    return rules.caption_credits.search(text) is not None


def _related_list(units: list[_Unit], start: int) -> list[int]:
    """Indexes of the headline lines after a 'Read more' header (its block, or the next one)."""
    header_block = units[start].block
    last_in_block = start + 1 >= len(units) or units[start + 1].block != header_block
    allowed = {header_block, header_block + 1} if last_in_block else {header_block}
    found: list[int] = []
    for j in range(start + 1, len(units)):
        if units[j].block not in allowed or not _headline_like(units[j].text):
            break
        found.append(j)
    return found


def _body_start(units: list[_Unit], keys: list[str], counts: Counter[str]) -> int:
    """Index of the first paragraph printed once that reads like a sentence (0 when none)."""
    for i, unit in enumerate(units):
        if counts[keys[i]] == 1 and _SENTENCE_END.search(unit.text) and len(unit.text.split()) >= 6:
            return i
    return 0


def _duplicate_drops(units: list[_Unit], keys: list[str], rules: BoilerplateRules) -> dict[int, str]:
    """Lines printed more than once: all copies go when they look like captions, else the repeats.

    Caption-like: a photo/agency credit, no sentence ending, or every copy above the body
    (pages print the lead photo's caption twice there). A body sentence printed twice keeps
    its first copy, so a duplicated paragraph never loses the event it reports.
    """
    counts = Counter(k for k in keys if k)
    body_start = _body_start(units, keys, counts)
    last_copy = {key: i for i, key in enumerate(keys)}
    drops: dict[int, str] = {}
    first_seen: set[str] = set()
    for i, key in enumerate(keys):
        if counts[key] < 2:
            continue
        text = units[i].text
        caption_like = (
            last_copy[key] < body_start
            or bool(rules.weak_credit.search(text))
            or _is_caption(text, rules)
            or not _SENTENCE_END.search(text)
        )
        if caption_like:
            drops[i] = "printed twice (caption)"
        elif key in first_seen:
            drops[i] = "repeated paragraph"
        first_seen.add(key)
    return drops


def _apply_strip(text: str, rules: BoilerplateRules) -> str:
    folded = text.casefold()
    for when, pattern in rules.strip:
        if when in folded:
            text = pattern.sub("", text)
    return text.strip()


def _furniture_reason(text: str, rules: BoilerplateRules) -> str | None:
    if rules.marker.fullmatch(text):
        return "agency marker"
    if rules.furniture.fullmatch(text):
        return "page furniture"
    if is_dateline(text):
        return "dateline"
    if _is_caption(text, rules):
        return "photo caption"
    return None


def strip_boilerplate(text: str, title: str | None = None) -> Cleaned:
    """Split ``text`` into paragraphs and drop the furniture; the title is kept out of the body."""
    rules = load_rules()
    units = _units(text)
    for unit in units:
        unit.text = _apply_strip(unit.text, rules)
    keys = [_key(u.text) for u in units]
    title_key = _key(title) if title else ""
    drops = _duplicate_drops(units, keys, rules)
    for i, unit in enumerate(units):
        if i in drops:
            continue
        if not unit.text:
            drops[i] = "embed"
            continue
        doubled = _is_doubled(keys[i])
        if title_key and (keys[i] == title_key or (doubled and title_key in keys[i])):
            drops[i] = "title repeated"
        elif doubled:
            drops[i] = "printed twice (caption)"
        elif rules.related_headers.fullmatch(unit.text):
            drops[i] = "related links"
            drops.update((j, "related links") for j in _related_list(units, i))
        elif reason := _furniture_reason(unit.text, rules):
            drops[i] = reason
    cleaned = Cleaned()
    for i, unit in enumerate(units):
        if i in drops:
            cleaned.dropped.append((drops[i], unit.text))
            log.debug("dropped (%s): %.80s", drops[i], unit.text)
        else:
            cleaned.paragraphs.append(unit.text)
    return cleaned


def clean_text(text: str, title: str | None = None) -> str:
    """The article's clean text: kept paragraphs joined by a blank line."""
    return strip_boilerplate(text, title).text
