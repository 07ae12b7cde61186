"""The LLM backend against a fake OpenAI-compatible server: protocol, schema, cache, grounding."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from warlog.extract.llm import EXTRACTION_SCHEMA, LLMError, LLMExtractor
from warlog.models import Article

TEXT = (
    "Drones hit an army depot near Kafr Zita on Monday, killing four soldiers.\n"
    "The monitor has counted 31 drone attacks on the area since January."
)
ARTICLE = Article(id="a1", text=TEXT, published=dt.date(2024, 4, 9), content_hash="hash-1")

ANSWER: dict[str, Any] = {
    "events": [
        {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
         "evidence_quote": "Drones hit an army  depot near Kafr Zita on Monday, killing four soldiers.",
         "date": "2024-04-08", "date_quote": "on Monday", "actor1": None, "actor1_quote": None,
         "actor2": "Military Forces of Syria", "actor2_quote": "army depot", "place": "Kafr Zita",
         "place_quote": "near Kafr Zita", "fatalities": 4, "fatalities_quote": "killing four soldiers",
         "weapons": ["drone"]},
        {"event_type": "Battles", "sub_event_type": "Armed clash",
         "evidence_quote": "Rebels stormed the airport at dawn.", "date": None, "date_quote": None,
         "actor1": None, "actor1_quote": None, "actor2": None, "actor2_quote": None, "place": None,
         "place_quote": None, "fatalities": 12, "fatalities_quote": "12 were killed", "weapons": []},
    ],
    "claims": [
        {"value": 31, "qualifier": None, "what": "drone attacks", "since": "2024-01-01", "until": None,
         "source": "SOHR", "quote": "The monitor has counted 31 drone attacks on the area since January."},
        {"value": 90, "qualifier": None, "what": "invented", "since": None, "until": None, "source": None,
         "quote": "The monitor has counted 31 drone attacks on the area since January."},
    ],
}  # fmt: skip


class _FakeServer:
    def __init__(self, answer: dict[str, Any] | str) -> None:
        self.answer = answer
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append({"path": self.path, "body": body})
                content = fake.answer if isinstance(fake.answer, str) else json.dumps(fake.answer)
                payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]})
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(payload.encode())

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def server() -> Iterator[_FakeServer]:
    fake = _FakeServer(ANSWER)
    yield fake
    fake.close()


def test_protocol_and_schema(server: _FakeServer, tmp_path: Path) -> None:
    LLMExtractor(server.url, "tiny-model", cache_dir=tmp_path).extract(ARTICLE)
    [request] = server.requests
    assert request["path"] == "/v1/chat/completions"
    body = request["body"]
    assert body["model"] == "tiny-model"
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["schema"] == EXTRACTION_SCHEMA
    assert TEXT in body["messages"][-1]["content"]


def test_grounded_fields_become_spans_and_hallucinations_are_dropped(server: _FakeServer) -> None:
    extraction = LLMExtractor(server.url, "tiny-model", cache_dir=None).extract(ARTICLE)
    [report] = extraction.reports
    assert report.report_id == "a1/r1"
    assert (report.fatalities, report.event_date, report.actor2) == (
        4,
        dt.date(2024, 4, 8),
        "Military Forces of Syria",
    )
    assert [m.name for m in report.place_mentions] == ["Kafr Zita"]
    assert report.actor1 is None
    for spans in report.evidence.values():
        for span in spans:
            assert TEXT[span.start : span.end] == span.text
    assert report.evidence["event"][0].sentence_index == 0
    [claim] = extraction.claims
    assert (claim.claim_id, claim.value, claim.since, claim.until) == (
        "a1/c1",
        31,
        dt.date(2024, 1, 1),
        ARTICLE.published,
    )
    assert claim.span.sentence_index == 1


def test_answers_are_cached_by_model_and_content(server: _FakeServer, tmp_path: Path) -> None:
    first = LLMExtractor(server.url, "tiny-model", cache_dir=tmp_path).extract(ARTICLE)
    again = LLMExtractor(server.url, "tiny-model", cache_dir=tmp_path).extract(ARTICLE)
    assert first == again and len(server.requests) == 1
    LLMExtractor(server.url, "other-model", cache_dir=tmp_path).extract(ARTICLE)
    LLMExtractor(server.url, "tiny-model", cache_dir=tmp_path).extract(
        ARTICLE.model_copy(update={"content_hash": "h2"})
    )
    assert len(server.requests) == 3


def test_answer_outside_the_schema_is_an_error(tmp_path: Path) -> None:
    fake = _FakeServer("not json at all")
    try:
        with pytest.raises(LLMError, match="a1"):
            LLMExtractor(fake.url, "tiny-model", cache_dir=tmp_path).extract(ARTICLE)
    finally:
        fake.close()
    assert list(tmp_path.iterdir()) == []


def test_unreachable_server_is_an_error() -> None:
    with pytest.raises(LLMError, match="failed"):
        LLMExtractor("http://127.0.0.1:9", "tiny-model", timeout=2).extract(ARTICLE)
