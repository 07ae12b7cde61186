"""The geocode stage: fill each report's ``place`` from its mentions, its evidence or the article."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from warlog.geocode._anchor import anchor_in_article
from warlog.geocode._context import Context, build_context, iter_name_hits, written_as_villages
from warlog.geocode._gazetteer import Gazetteer, cached_gazetteer
from warlog.geocode._mentions import Resolved, mention_phrase, pick
from warlog.geocode._normalise import is_acronym, normalise_key
from warlog.geocode._relative import parse_descriptor
from warlog.geocode._resolver import Candidate, GeocodeResult, resolve
from warlog.models import Article, Extraction, Place, PlaceMention, Report, Span
from warlog.settings import Settings

__all__ = ["Geocoder"]

log = logging.getLogger(__name__)


class Geocoder:
    """Offline geocoder over the bundled gazetteer (loaded once per process)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.gazetteer: Gazetteer = cached_gazetteer(settings.user_places)
        self._lookup_cached = lru_cache(maxsize=50_000)(self._lookup_uncached)
        self._context = lru_cache(maxsize=256)(self._build_context)
        self._villages = lru_cache(maxsize=256)(self._written_as_villages)

    def _build_context(self, text: str) -> Context:
        return build_context(self.gazetteer, text)

    def _written_as_villages(self, text: str) -> dict[str, str]:
        return written_as_villages(text, self.gazetteer.descriptors.get("village_words", []))

    def lookup(self, text: str, context: str = "") -> GeocodeResult:
        """Candidates for one place phrase, the chosen one and why; ``context`` is article text."""
        return self._lookup_cached(text, context)

    def _lookup_uncached(self, text: str, context: str) -> GeocodeResult:
        ctx = self._context(context)
        phrase = _as_written(text, self._villages(context), self.gazetteer.descriptors)
        result = resolve(self.gazetteer, phrase, ctx)
        if result.place is not None or not context.strip():
            return result
        core = parse_descriptor(text, self.gazetteer.descriptors).core
        anchored = anchor_in_article(self.gazetteer, text, core, context,
                                     lambda phrase: resolve(self.gazetteer, phrase, ctx))
        return anchored or result

    def geocode_extraction(self, article: Article, extraction: Extraction) -> Extraction:
        """Fill ``report.place`` for every report; the mention used gets a span under 'place'."""
        ctx = build_context(self.gazetteer, f"{article.title or ''}\n{article.text}")
        for report in extraction.reports:
            try:
                self._geocode_report(article, report, ctx)
            except Exception:  # one bad report must not lose the article's others
                log.exception("geocoding failed for %s", report.report_id)
        return extraction

    def _geocode_report(self, article: Article, report: Report, ctx: Context) -> None:
        mentions = list(report.place_mentions)
        text = article.text
        chosen = self._best(mentions, ctx, text)
        if chosen is None:
            mentions = self._scan_mentions(article, [s for spans in report.evidence.values() for s in spans])
            chosen = self._best(mentions, ctx, text, exact_only=True)
        if chosen is None:
            mentions = self._scan_mentions(article, self._title_and_text_spans(article))
            chosen = self._best(mentions, ctx, text, exact_only=True)
        if chosen is None:
            log.debug("no place for %s", report.report_id)
            return
        mention, place = chosen
        report.place = place
        spans = report.evidence.setdefault("place", [])
        if not any(s.start == mention.span.start and s.end == mention.span.end for s in spans):
            spans.append(mention.span)

    def _best(self, mentions: list[PlaceMention], ctx: Context, text: str = "",
              exact_only: bool = False) -> tuple[PlaceMention, Place] | None:
        vocab = self.gazetteer.descriptors
        resolved: list[Resolved] = []
        for mention in mentions:
            phrase = mention_phrase(mention, vocab, text)
            result = resolve(self.gazetteer, phrase, ctx)
            if result.place is None or result.chosen is None:
                continue
            if exact_only and ("fuzzy" in result.chosen.match or not _located(result.chosen, ctx)):
                continue
            resolved.append(Resolved(mention, result.place, phrase))
        if not resolved:
            return None
        if len(resolved) > 1:
            # Second pass: each mention with the others as company, so "Suwayda near Jarablus" agrees.
            again = []
            for item in resolved:
                others = [(o.place.latitude, o.place.longitude, f"mention:{j}")
                          for j, o in enumerate(resolved)
                          if o is not item and o.place.latitude is not None and o.place.longitude is not None]
                result = resolve(self.gazetteer, item.phrase, ctx.with_points([*ctx.points, *others]))
                if result.place is not None:
                    again.append(Resolved(item.mention, result.place, item.phrase))
            resolved = again or resolved
        best = pick(self.gazetteer, resolved, text)
        return best.mention, best.place

    def _scan_mentions(self, article: Article, spans: list[Span]) -> list[PlaceMention]:
        """Gazetteer names inside the given spans, longest first, as mentions with their own spans."""
        gaz = self.gazetteer
        found: list[PlaceMention] = []
        taken: list[tuple[int, int]] = []
        for span in sorted(spans, key=lambda s: (s.start, s.end)):
            segment = article.text[span.start : span.end]
            for hit in iter_name_hits(segment):
                start, end = span.start + hit.start, span.start + hit.end
                if any(a < end and start < b for a, b in taken):
                    continue
                key = normalise_key(hit.text)
                if not _scannable(hit.text, key) or not gaz.has_key(key):
                    continue
                taken.append((start, end))
                found.append(PlaceMention(
                    name=hit.text,
                    span=Span(article_id=article.id, sentence_index=span.sentence_index, start=start, end=end,
                              text=article.text[start:end]),
                    role="site",
                ))
        return found

    def _title_and_text_spans(self, article: Article) -> list[Span]:
        # Imported here: the dashboard's map opens the gazetteer without loading the extract stage.
        from warlog.extract.sentences import split_sentences

        return [Span(article_id=article.id, sentence_index=s.index, start=s.start, end=s.end, text=s.text)
                for s in split_sentences(article.text)]


def _as_written(text: str, villages: dict[str, str], vocab: dict[str, Any]) -> str:
    """The phrase as the article sizes it: "Suwayda" written "the village of Suwayda" is a village."""
    if any(w.lower() in vocab["town_words"] for w in text.split()):
        return text
    word = villages.get(normalise_key(text))
    return f"{text} {word}" if word else text


def _located(cand: Candidate, ctx: Context) -> bool:
    """A name found by scanning counts only in a country the text writes as a place, or if curated."""
    return cand.country in ctx.located or not cand.gazetteer_id.startswith(("gn:", "admin1:", "country:"))


def _scannable(text: str, key: str) -> bool:
    """A name worth trying when scanning text: not a lone letter nor an acronym ("SDF", "U")."""
    return len(key) >= 3 and not is_acronym(text)
