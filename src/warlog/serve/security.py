"""Headers and token checks that keep the dashboard safe to point at hostile news text.

Report text comes from sites we do not control. The dashboard builds its DOM with
textContent only; the Content-Security-Policy below is the second wall: no inline
script, nothing loaded from anywhere but this server.
"""

from __future__ import annotations

import hmac

from fastapi import HTTPException, status
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response

__all__ = ["CSP", "SecurityHeaders", "check_token"]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class SecurityHeaders(BaseHTTPMiddleware):
    """Adds the strict headers to every response (API answers included)."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        for name, value in _HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def check_token(configured: str, authorization: str | None) -> None:
    """Writes need `Authorization: Bearer <token>`; with no token configured the server is read-only."""
    if not configured:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "this server is read-only: start it with WARLOG_TOKEN set to accept writes",
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "writes need an 'Authorization: Bearer <token>' header",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(given.strip().encode(), configured.encode()):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "wrong token", headers={"WWW-Authenticate": "Bearer"}
        )
