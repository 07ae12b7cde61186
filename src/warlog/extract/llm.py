"""Optional extraction by a language model behind any OpenAI-compatible server.

The model may phrase things freely but may not invent them: every field comes with a quote,
the quote must be found in the article (exactly or up to whitespace, case and quote marks)
and becomes the field's Span; a field whose quote is not in the text is dropped, and an
event without a grounded evidence quote is dropped whole. Answers are cached on disk by
(model, article content hash), so re-running costs nothing. The rule-based extractor stays
the default; this one is chosen with ``extractor = "llm"`` in the settings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from pathlib import Path
from typing import Any

from warlog.errors import MissingExtraError, WarlogError
from warlog.extract.numbers import find_numbers
from warlog.extract.sentences import Sentence, split_sentences
from warlog.models import Article, Claim, Extraction, PlaceMention, Report, Span

__all__ = ["EXTRACTION_SCHEMA", "LLMError", "LLMExtractor"]

log = logging.getLogger(__name__)

_ONTOLOGY: dict[str, list[str]] = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": ["Air/drone strike", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Chemical weapon"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance", "Sexual violence"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other"],
}  # fmt: skip

_SUB_EVENT_TYPES = sorted({sub for subs in _ONTOLOGY.values() for sub in subs})
_QUOTED = {"type": ["string", "null"], "description": "exact words copied from the article"}
_EVENT = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "event_type",
        "sub_event_type",
        "evidence_quote",
        "date",
        "date_quote",
        "actor1",
        "actor1_quote",
        "actor2",
        "actor2_quote",
        "place",
        "place_quote",
        "fatalities",
        "fatalities_quote",
        "weapons",
    ],
    "properties": {
        "event_type": {"type": "string", "enum": list(_ONTOLOGY)},
        "sub_event_type": {"type": "string", "enum": _SUB_EVENT_TYPES},
        "evidence_quote": {"type": "string", "description": "the reporting sentence, copied exactly"},
        "date": {"type": ["string", "null"], "description": "YYYY-MM-DD"},
        "date_quote": _QUOTED,
        "actor1": {"type": ["string", "null"]},
        "actor1_quote": _QUOTED,
        "actor2": {"type": ["string", "null"]},
        "actor2_quote": _QUOTED,
        "place": {"type": ["string", "null"], "description": "the place as written"},
        "place_quote": _QUOTED,
        "fatalities": {"type": ["integer", "null"]},
        "fatalities_quote": _QUOTED,
        "weapons": {"type": "array", "items": {"type": "string"}},
    },
}
_CLAIM = {
    "type": "object",
    "additionalProperties": False,
    "required": ["value", "qualifier", "what", "since", "until", "source", "quote"],
    "properties": {
        "value": {"type": "integer"},
        "qualifier": {"type": ["string", "null"]},
        "what": {"type": "string"},
        "since": {"type": ["string", "null"], "description": "YYYY-MM-DD"},
        "until": {"type": ["string", "null"], "description": "YYYY-MM-DD"},
        "source": {"type": ["string", "null"]},
        "quote": {"type": "string", "description": "the sentence stating the count, copied exactly"},
    },
}
EXTRACTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["events", "claims"],
    "properties": {
        "events": {"type": "array", "items": _EVENT},
        "claims": {"type": "array", "items": _CLAIM},
    },
}

_SYSTEM = (
    "You code conflict events from one news article in ACLED's ontology. Record each distinct "
    "real-world event the article reports (one event per place and day), and separately every aggregate "
    "claim (a count over a period or many places, e.g. '67 attacks since October 19'), never as an event. "
    "Fatalities are the dead only. For every field copy the words that support it exactly from the article "
    "into the matching *_quote field; use null when the article does not say. Dates are YYYY-MM-DD, "
    "resolved against the publication date."
)


class LLMError(WarlogError):
    """The language-model server failed or answered something that is not the schema."""


def _quote_pattern(quote: str) -> re.Pattern[str] | None:
    """Whitespace-, case- and quote-mark-tolerant pattern for a quote."""
    words = quote.split()
    if not words:
        return None
    marks = str.maketrans(
        {"'": "['’‘]", "’": "['’‘]", "‘": "['’‘]", '"': '["“”]', "“": '["“”]', "”": '["“”]'}
    )
    escaped = [re.escape(w).translate(marks) for w in words]
    return re.compile(r"\s+".join(escaped), re.IGNORECASE)


class _Grounder:
    """Turns quotes into Spans of one article, or refuses them."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.sentences: list[Sentence] = split_sentences(article.text)

    def span(self, quote: str | None, within: Span | None = None) -> Span | None:
        if not quote or not quote.strip():
            return None
        text = self.article.text
        lo, hi = (within.start, within.end) if within else (0, len(text))
        start = text.find(quote.strip(), lo, hi)
        if start != -1:
            end = start + len(quote.strip())
        else:
            pattern = _quote_pattern(quote)
            found = pattern.search(text, lo, hi) if pattern else None
            if found is None:
                return None
            start, end = found.span()
        index = next((s.index for s in self.sentences if s.start <= start < s.end), 0)
        return Span(
            article_id=self.article.id, sentence_index=index, start=start, end=end, text=text[start:end]
        )


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _count_in(span: Span, value: int) -> bool:
    return any(m.value == value or m.high == value for m in find_numbers(span.text)) or (
        value == 0 and re.search(r"\bno\b|\bnone\b|\bnobody\b", span.text, re.IGNORECASE) is not None
    )


class LLMExtractor:
    """Extraction through a model served at ``url`` (OpenAI chat-completions protocol)."""

    def __init__(self, url: str, model: str, cache_dir: Path | None = None, timeout: float = 300.0) -> None:
        self.url = url.rstrip("/")
        self.model = model
        self.cache_dir = cache_dir
        self.timeout = timeout

    def extract(self, article: Article) -> Extraction:
        """Ask the model (or the cache), then keep only what the article's own words support."""
        answer = self._answer(article)
        grounder = _Grounder(article)
        reports = [
            r for n, item in enumerate(answer.get("events", []))
            if (r := self._report(article, grounder, item, n + 1)) is not None
        ]  # fmt: skip
        for n, report in enumerate(reports, start=1):
            report.report_id = f"{article.id}/r{n}"
        claims = [
            c for item in answer.get("claims", []) if (c := self._claim(article, grounder, item)) is not None
        ]
        for n, claim in enumerate(claims, start=1):
            claim.claim_id = f"{article.id}/c{n}"
        return Extraction(article_id=article.id, reports=reports, claims=claims)

    def _cache_path(self, article: Article) -> Path | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha256(f"{self.model}\0{article.content_hash}".encode()).hexdigest()
        return self.cache_dir / f"{key}.json"

    def _answer(self, article: Article) -> dict[str, Any]:
        path = self._cache_path(article)
        if path is not None and path.exists():
            log.debug("%s: LLM answer from cache %s", article.id, path)
            cached: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return cached
        answer = self._ask(article)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
        return answer

    def _ask(self, article: Article) -> dict[str, Any]:
        try:
            import httpx
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise MissingExtraError("the LLM extractor", "llm") from exc
        published = article.published.isoformat() if article.published else "unknown"
        body = {
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": _SYSTEM},
                {
                    "role": "user",
                    "content": f"Published: {published}\nTitle: {article.title or ''}\n\n{article.text}",
                },
            ],
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "warlog_extraction", "strict": True, "schema": EXTRACTION_SCHEMA},
            },
        }
        try:
            response = httpx.post(f"{self.url}/v1/chat/completions", json=body, timeout=self.timeout)
            response.raise_for_status()
            content = response.json()["choices"][0]["message"]["content"]
            answer = json.loads(content)
        except httpx.HTTPError as exc:
            raise LLMError(f"{article.id}: LLM server {self.url} failed: {exc}") from exc
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise LLMError(f"{article.id}: LLM server {self.url} answered outside the schema: {exc}") from exc
        if not isinstance(answer, dict):
            raise LLMError(f"{article.id}: LLM answer is not a JSON object")
        return answer

    def _report(self, article: Article, grounder: _Grounder, item: dict[str, Any], n: int) -> Report | None:
        evidence = grounder.span(item.get("evidence_quote"))
        event_type, sub_type = item.get("event_type"), item.get("sub_event_type")
        if evidence is None or event_type not in _ONTOLOGY or sub_type not in _ONTOLOGY[event_type]:
            log.info(
                "%s: dropping an LLM event without grounded evidence or with an unknown type", article.id
            )
            return None
        report = Report(
            report_id=f"{article.id}/r{n}",
            article_id=article.id,
            event_type=event_type,
            sub_event_type=sub_type,
            evidence={"event": [evidence]},
            extractor=f"llm:{self.model}",
        )
        for role in ("actor1", "actor2"):
            span = grounder.span(item.get(f"{role}_quote"))
            if item.get(role) and span is not None:
                setattr(report, role, str(item[role]))
                report.evidence[role] = [span]
        place_quote = grounder.span(item.get("place_quote"))
        place = grounder.span(item.get("place"), within=place_quote) if place_quote else None
        if place is not None:
            report.place_mentions = [PlaceMention(name=place.text, span=place)]
            report.evidence["place"] = [place_quote] if place_quote else [place]
        self._fill_date(article, grounder, item, report)
        toll, toll_span = item.get("fatalities"), grounder.span(item.get("fatalities_quote"))
        if isinstance(toll, int) and toll >= 0 and toll_span is not None and _count_in(toll_span, toll):
            report.fatalities = toll
            report.evidence["fatalities"] = [toll_span]
        weapons = [
            str(w) for w in item.get("weapons") or [] if _quote_pattern(str(w)) and grounder.span(str(w))
        ]
        report.weapons = weapons
        return report

    def _fill_date(self, article: Article, grounder: _Grounder, item: dict[str, Any], report: Report) -> None:
        day, span = _date(item.get("date")), grounder.span(item.get("date_quote"))
        latest = article.published + dt.timedelta(days=1) if article.published else None
        if day is None or span is None or (latest is not None and day > latest):
            return
        report.event_date = report.date_earliest = report.date_latest = day
        report.time_precision = 1
        report.evidence["date"] = [span]

    def _claim(self, article: Article, grounder: _Grounder, item: dict[str, Any]) -> Claim | None:
        span = grounder.span(item.get("quote"))
        value = item.get("value")
        if span is None or not isinstance(value, int) or not _count_in(span, value):
            log.info("%s: dropping an LLM claim whose quote or value is not in the text", article.id)
            return None
        return Claim(claim_id=f"{article.id}/c0", article_id=article.id, value=value,
                     qualifier=item.get("qualifier"), what=str(item.get("what") or ""), category=None,
                     since=_date(item.get("since")), until=_date(item.get("until")) or article.published,
                     source=item.get("source"), span=span)  # fmt: skip
