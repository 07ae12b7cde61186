"""The fetcher refuses what it must and gives up cleanly on hostile servers."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warlog.watch.fetch import Fetcher, FetchError, FetchPolicy, resolve_public

FEED_TYPES = ("application/rss+xml",)


def _fetcher(server: Any, **policy: object) -> Fetcher:
    return Fetcher(FetchPolicy(allow=(f"127.0.0.1:{server.port}",), **policy))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.7",
        "169.254.169.254",
        "::1",
        "0.0.0.0",
        "::ffff:127.0.0.1",
        "172.16.5.4",
        "fe80::1",
    ],
)
def test_special_addresses_are_refused(address: str) -> None:
    with pytest.raises(FetchError, match="non-public"):
        resolve_public("http://feeds.example/rss", resolver=lambda host, port: [address])


def test_a_public_address_passes() -> None:
    assert (
        resolve_public("https://news.example/rss", resolver=lambda h, p: ["93.184.216.34"]) == "93.184.216.34"
    )


@given(st.ip_addresses(network="10.0.0.0/8"))
def test_allowed_network_passes(address: object) -> None:
    resolved = resolve_public(
        "http://intranet.example/", allow=("10.0.0.0/8",), resolver=lambda h, p: [str(address)]
    )
    assert resolved == str(address)


def test_non_http_schemes_are_refused() -> None:
    with pytest.raises(FetchError, match="only http"):
        resolve_public("file:///etc/passwd")


def test_feed_fetch_and_conditional_get(feed_server: Any) -> None:
    fetcher = _fetcher(feed_server)
    first = fetcher.get(f"{feed_server.base}/feed.xml", accept=FEED_TYPES)
    assert first.status == 200 and first.etag == '"v1"' and b"item-1" in first.content
    again = fetcher.get(f"{feed_server.base}/feed.xml", accept=FEED_TYPES, etag=first.etag)
    assert again.not_modified


def test_loopback_without_permission_is_refused(feed_server: Any) -> None:
    with pytest.raises(FetchError, match="non-public"):
        Fetcher(FetchPolicy()).get(f"{feed_server.base}/feed.xml", accept=FEED_TYPES)


def test_redirect_to_loopback_is_refused(feed_server: Any) -> None:
    feed_server.redirect_target = "http://127.0.0.1:9/feed.xml"  # another port: not allowed
    with pytest.raises(FetchError, match="non-public"):
        _fetcher(feed_server).get(f"{feed_server.base}/redirect.xml", accept=FEED_TYPES)


def test_server_error_is_retryable(feed_server: Any) -> None:
    with pytest.raises(FetchError, match="HTTP 500") as info:
        _fetcher(feed_server).get(f"{feed_server.base}/error.xml", accept=FEED_TYPES)
    assert info.value.retryable


def test_huge_body_is_cut_at_the_cap(feed_server: Any) -> None:
    with pytest.raises(FetchError, match="cap"):
        _fetcher(feed_server, max_bytes=1_000_000).get(f"{feed_server.base}/huge.xml", accept=FEED_TYPES)


def test_slow_body_times_out(feed_server: Any) -> None:
    with pytest.raises(FetchError, match="s"):
        _fetcher(feed_server, timeout_seconds=1.0).get(f"{feed_server.base}/slow.xml", accept=FEED_TYPES)


def test_wrong_content_type_is_refused(feed_server: Any) -> None:
    with pytest.raises(FetchError, match="content type"):
        _fetcher(feed_server).get(f"{feed_server.base}/html-not-feed.xml", accept=FEED_TYPES)
