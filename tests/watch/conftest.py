"""A local HTTP server for the watcher tests: each path is a behaviour (feed, 500, slow, huge, redirect)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test wire</title><link>{base}/</link><description>t</description>
<item><guid>item-1</guid><title>Drone strike hits depot near Manbij</title><link>{base}/page/1</link>
<pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>
<description>A drone strike hit an ammunition depot near Manbij on Monday night, killing two fighters.
</description></item>
<item><guid>item-2</guid><title>Council discusses water prices</title><link>{base}/page/2</link>
<pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate>
<description>The town council met on Monday to discuss the price of water.</description></item>
</channel></rss>"""

PAGE = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>{body}</p><p>Local residents said the area had been calm in recent weeks before the incident.</p>
</article></body></html>"""

PAGES = {
    "1": (
        "Drone strike hits depot near Manbij",
        "A drone strike hit an ammunition depot near the town of Manbij in Aleppo province on Monday night, "
        "killing two fighters, a local monitor said.",
    ),
    "2": ("Council discusses water prices", "The town council met on Monday to discuss the price of water."),
}


@dataclass
class FeedServer:
    base: str
    port: int
    hits: dict[str, int] = field(default_factory=dict)
    redirect_target: str = ""


def _handler(server_state: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, code: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path
            server_state.hits[path] = server_state.hits.get(path, 0) + 1
            if path == "/feed.xml":
                if self.headers.get("If-None-Match") == '"v1"':
                    self.send_response(304)
                    self.end_headers()
                    return
                body = FEED.format(base=server_state.base).encode()
                self._send(200, body, "application/rss+xml", {"ETag": '"v1"'})
            elif path.startswith("/page/"):
                title, body = PAGES[path.rsplit("/", 1)[1]]
                self._send(200, PAGE.format(title=title, body=body).encode(), "text/html; charset=utf-8")
            elif path == "/error.xml":
                self._send(500, b"oops", "text/plain")
            elif path == "/slow.xml":
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.end_headers()
                for _ in range(30):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.2)
            elif path == "/huge.xml":
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.end_headers()
                chunk = b"<x>" + b"a" * 65536 + b"</x>"
                try:
                    for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass
            elif path == "/invalid.xml":
                self._send(200, b"<rss><channel><item><title>broken", "application/rss+xml")
            elif path == "/html-not-feed.xml":
                self._send(200, b"<html></html>", "image/png")
            elif path == "/redirect.xml":
                self.send_response(302)
                self.send_header("Location", server_state.redirect_target)
                self.end_headers()
            else:
                self._send(404, b"no", "text/plain")

    return Handler


@pytest.fixture()
def feed_server() -> Iterator[FeedServer]:
    state = FeedServer(base="", port=0)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    state.base = f"http://127.0.0.1:{state.port}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()
