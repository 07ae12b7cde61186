"""Place a name no gazetteer holds where its article puts it: "the al-Hajana roundabout in al-Bukamal".

A monitor who cannot find a roundabout, a checkpoint or a hamlet on any map codes the nearest
place the report ties it to, at ACLED geo_precision 2. So when a phrase resolves to nothing, it
is found in its article and the places named in its own sentence stand in for it (the most
precise first, then the nearest in the text), else those of the few sentences before it ("the
town's roundabout" refers back). The reason is said, and the radius widened; with no article, or
no such place near the phrase, nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from warlog.geocode._context import iter_name_hits
from warlog.geocode._gazetteer import Gazetteer
from warlog.geocode._mentions import Resolved, demoted, mention_phrase
from warlog.geocode._normalise import fold, normalise_key
from warlog.geocode._resolver import GeocodeResult
from warlog.models import PlaceMention, Span

__all__ = ["anchor_in_article"]

ANCHOR_RADIUS_KM = 10.0  # the least radius of a place known only as "near" another
_SENTENCES_BACK = 3  # how far back a reference like "the town's" may reach
_KEY_SIMILARITY = 80.0  # a spelling of the phrase in the article, not a different name
_MIN_WORD = 3

Resolve = Callable[[str], GeocodeResult]


@dataclass(slots=True)
class _Anchor:
    item: Resolved
    result: GeocodeResult
    scope: str


def anchor_in_article(gaz: Gazetteer, text: str, core: str, article: str,
                      resolve: Resolve) -> GeocodeResult | None:
    """The place the article ties ``text`` to, as a geo_precision 2 result; None when it ties it to none."""
    if not any(c.isupper() or c.isdigit() for c in text):
        return None  # a description ("bases of the group"), not a name the article can tie to a place
    found = _find(text, core, article, gaz)
    if found is None:
        return None
    sentences = _sentences(article)
    here = next((i for i, (a, b) in enumerate(sentences) if a <= found[0] < b), None)
    if here is None:
        return None
    own_key = normalise_key(core)
    scopes = [(here, "its own sentence")]
    scopes += [(i, "a sentence before it") for i in range(here - 1, max(-1, here - 1 - _SENTENCES_BACK), -1)]
    for index, scope in scopes:
        anchors = list(_anchors(gaz, article, sentences[index], found, own_key, scope, resolve))
        if anchors:
            return _as_result(text, _best(gaz, anchors, found, article))
    return None


def _best(gaz: Gazetteer, anchors: list[_Anchor], found: tuple[int, int], article: str) -> _Anchor:
    """Not a mere locator ("X, Deir Ezzor, Syria"), then the most precise, then the nearest in the text."""
    items = [a.item for a in anchors]

    def rank(anchor: _Anchor) -> tuple[bool, int, int]:
        span = anchor.item.mention.span
        distance = min(abs(span.start - found[1]), abs(found[0] - span.end))
        return demoted(gaz, anchor.item, items, article), anchor.item.place.geo_precision or 3, distance

    return min(anchors, key=rank)


def _find(text: str, core: str, article: str, gaz: Gazetteer) -> tuple[int, int] | None:
    """Where the article writes the phrase: as written, as its name's key, or by its rarest proper word."""
    for written in (text, core):
        match = re.search(rf"(?<!\w){re.escape(written)}(?!\w)", article, re.IGNORECASE) if written else None
        if match:
            return match.start(), match.end()
    key = normalise_key(core)
    if len(key) >= 4:
        best: tuple[float, int, int] | None = None
        for hit in iter_name_hits(article, max_words=3):
            score = fuzz.ratio(key, normalise_key(hit.text))
            if score >= _KEY_SIMILARITY and (best is None or score > best[0]):
                best = (score, hit.start, hit.end)
        if best is not None:
            return best[1], best[2]
    generic = {*gaz.descriptors.get("generic_names", []), *gaz.descriptors.get("directions", {})}
    words = sorted((w for w in re.findall(r"[\w'’]+", text) if len(w) >= _MIN_WORD and w[0].isupper()
                    and fold(w) not in generic and not gaz.nation(normalise_key(w))), key=len, reverse=True)
    for word in words:
        match = re.search(rf"\b{re.escape(word)}\b", article)
        if match:
            return match.start(), match.end()
    return None


def _sentences(article: str) -> list[tuple[int, int]]:
    # Imported here, as the geocoder does: the dashboard's map opens the gazetteer without the extract stage.
    from warlog.extract.sentences import split_sentences

    return [(s.start, s.end) for s in split_sentences(article)]


def _anchors(gaz: Gazetteer, article: str, sentence: tuple[int, int], mention: tuple[int, int], own_key: str,
             scope: str, resolve: Resolve) -> Iterator[_Anchor]:
    """Places named in ``sentence`` (not the phrase itself, nor countries), resolved without guessing."""
    a, b = sentence
    taken: list[tuple[int, int]] = [mention]
    for hit in iter_name_hits(article[a:b], max_words=4):
        start, end = a + hit.start, a + hit.end
        if any(x < end and start < y for x, y in taken):
            continue
        key = normalise_key(hit.text)
        if len(key) < _MIN_WORD or key == own_key or gaz.nation(key):
            continue
        if not gaz.has_key(key) and key not in gaz.region_by_key:
            continue
        phrase = _phrase(gaz, article, start, end, hit.text)
        result = resolve(phrase)
        chosen, place = result.chosen, result.place
        if chosen is None or place is None or "fuzzy" in chosen.match or place.kind == "country":
            continue
        taken.append((start, end))
        yield _Anchor(Resolved(_mention(hit.text, start, end), place, phrase), result, scope)


def _phrase(gaz: Gazetteer, article: str, start: int, end: int, name: str) -> str:
    """The name with the words that place it: "northern Daraa countryside", not "Daraa"."""
    after = re.match(r"\s+(?:city\s+|town\s+)?([a-z]+)", article[end:end + 30])
    words = {*gaz.descriptors.get("surroundings", {}), *gaz.descriptors.get("province_words", [])}
    relation = after.group(1) if after and after.group(1) in words else None
    return mention_phrase(_mention(name, start, end, relation), gaz.descriptors, article)


def _mention(name: str, start: int, end: int, relation: str | None = None) -> PlaceMention:
    return PlaceMention(name=name, relation=relation,
                        span=Span(article_id="context", sentence_index=0, start=start, end=end, text=name))


def _as_result(text: str, anchor: _Anchor) -> GeocodeResult:
    chosen, place = anchor.result.chosen, anchor.result.place
    assert chosen is not None and place is not None
    why = (f"'{text}' is in no gazetteer; the article names it beside {place.name} in {anchor.scope}, "
           f"so it is placed there: {place.why}")
    located = replace(chosen, match=f"near {place.name}")
    placed = place.model_copy(update={
        "name": text,
        "geo_precision": max(2, place.geo_precision or 2),
        "radius_km": max(ANCHOR_RADIUS_KM, place.radius_km or 0.0),
        "why": why,
    })
    return GeocodeResult(text, [located, *anchor.result.candidates[1:9]], located, placed, why)
