"""A careful HTTP fetcher for feeds and article pages from hostile or flaky sites.

Every hop is resolved first and refused when it lands on a private, loopback,
link-local or otherwise special address (unless the feed file allows it), and the
request then goes to the checked address itself, so DNS cannot change its answer
between the check and the connection. Bodies are capped, time-outs are short and
content types are checked.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from warlog.errors import FetchError

__all__ = ["FetchError", "FetchPolicy", "FetchResult", "Fetcher", "resolve_public"]

log = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class FetchPolicy:
    max_bytes: int = 5_000_000
    timeout_seconds: float = 20.0
    max_redirects: int = 5
    user_agent: str = "warlog/0.1 (+conflict-event monitor)"
    allow: tuple[str, ...] = ()
    """Exceptions to the public-address rule: networks ('10.0.0.0/8') or exact 'host:port' origins."""


@dataclass
class FetchResult:
    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def _is_special(address: IPAddress) -> bool:
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or (
            isinstance(address, ipaddress.IPv6Address)
            and address.ipv4_mapped is not None
            and _is_special(address.ipv4_mapped)
        )
    )


def _allowed(address: IPAddress, host: str, port: int, allow: Sequence[str]) -> bool:
    for rule in allow:
        if "/" in rule:
            if address in ipaddress.ip_network(rule, strict=False):
                return True
        elif rule.lower() in {f"{host}:{port}".lower(), f"{address}:{port}"}:
            return True
    return False


def resolve_public(url: str, allow: Sequence[str] = (), resolver: Resolver = _system_resolver) -> str:
    """The address to connect to for ``url``; refuses special addresses not explicitly allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(url, "only http(s) URLs with a host are fetched")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = resolver(parts.hostname, port)
    except (OSError, UnicodeError) as exc:
        raise FetchError(url, f"cannot resolve {parts.hostname} ({exc})", retryable=True) from exc
    if not addresses:
        raise FetchError(url, f"{parts.hostname} has no address", retryable=True)
    for text in addresses:
        address = ipaddress.ip_address(text.split("%")[0])
        if _is_special(address) and not _allowed(address, parts.hostname, port, allow):
            raise FetchError(url, f"refused: {parts.hostname} resolves to non-public address {address}")
    return addresses[0]


class Fetcher:
    """GET with SSRF checks on every hop, conditional headers, a size cap and a time-out."""

    def __init__(self, policy: FetchPolicy, resolver: Resolver = _system_resolver) -> None:
        self.policy = policy
        self.resolver = resolver
        self.client = httpx.Client(
            timeout=httpx.Timeout(policy.timeout_seconds),
            follow_redirects=False,
            headers={"User-Agent": policy.user_agent},
        )

    def close(self) -> None:
        self.client.close()

    def get(
        self,
        url: str,
        *,
        accept: Sequence[str],
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        redirects: list[str] = []
        current = url
        for _ in range(self.policy.max_redirects + 1):
            response_or_next = self._hop(current, etag=etag, last_modified=last_modified, accept=accept)
            if isinstance(response_or_next, FetchResult):
                response_or_next.redirects = redirects
                return response_or_next
            redirects.append(response_or_next)
            current = response_or_next
        raise FetchError(url, f"more than {self.policy.max_redirects} redirects")

    def _hop(
        self, url: str, *, etag: str | None, last_modified: str | None, accept: Sequence[str]
    ) -> FetchResult | str:
        parts = urlsplit(url)
        address = resolve_public(url, self.policy.allow, self.resolver)
        host = parts.hostname or ""
        netloc_ip = f"[{address}]" if ":" in address else address
        if parts.port:
            netloc_ip += f":{parts.port}"
        pinned = urlunsplit((parts.scheme, netloc_ip, parts.path or "/", parts.query, ""))
        headers = {"Host": parts.netloc.rsplit("@", 1)[-1], "Accept": ", ".join(accept) + ", */*;q=0.1"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
        try:
            with self.client.stream("GET", pinned, headers=headers, extensions=extensions) as response:
                if response.status_code == 304:
                    return FetchResult(url, 304, b"", "", etag, last_modified)
                if response.is_redirect:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(url, f"HTTP {response.status_code} redirect without a Location")
                    return urljoin(url, location)
                if response.status_code >= 400:
                    raise FetchError(
                        url,
                        f"HTTP {response.status_code}",
                        retryable=response.status_code >= 500 or response.status_code == 429,
                    )
                content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if (
                    accept
                    and content_type
                    and not any(
                        content_type == a or (a.endswith("/*") and content_type.startswith(a[:-1]))
                        for a in accept
                    )
                ):
                    raise FetchError(url, f"unexpected content type {content_type!r}")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.policy.max_bytes:
                    raise FetchError(url, f"body of {declared} bytes is over the {self.policy.max_bytes} cap")
                body = bytearray()
                deadline = time.monotonic() + self.policy.timeout_seconds
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if time.monotonic() > deadline:
                        raise FetchError(
                            url, f"body took over {self.policy.timeout_seconds:g}s", retryable=True
                        )
                    if len(body) > self.policy.max_bytes:
                        raise FetchError(url, f"body over the {self.policy.max_bytes}-byte cap")
                return FetchResult(
                    url,
                    response.status_code,
                    bytes(body),
                    content_type,
                    response.headers.get("etag"),
                    response.headers.get("last-modified"),
                )
        except httpx.TimeoutException as exc:
            raise FetchError(
                url, f"timed out after {self.policy.timeout_seconds:g}s", retryable=True
            ) from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"{type(exc).__name__}: {exc}", retryable=True) from exc
