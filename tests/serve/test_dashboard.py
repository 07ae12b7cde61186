"""The dashboard's static side: served with a strict CSP, and its code never parses data as HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

STATIC = Path(__file__).parents[2] / "src" / "warlog" / "serve" / "static"
OWN_JS = sorted(p for p in STATIC.glob("*.js"))
UNSAFE = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(")


def test_page_has_strict_security_headers(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/stats").headers["content-security-policy"] == csp


def test_page_has_no_inline_script_and_every_asset_is_served(client: TestClient) -> None:
    html = client.get("/").text
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script> would be blocked by the CSP"
    assert not re.search(r"\son[a-z]+=", html), "inline event handlers would be blocked by the CSP"
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert len(assets) >= 8
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert client.get("/static/vendor/world-atlas/countries-50m.json").status_code == 200


@pytest.mark.parametrize("path", OWN_JS, ids=lambda p: p.name)
def test_own_code_never_parses_strings_as_html(path: Path) -> None:
    code = path.read_text(encoding="utf-8")
    assert not UNSAFE.findall(code), f"{path.name}: build the DOM with W.el / textContent"


def test_vendored_code_keeps_its_licences() -> None:
    for folder in ("leaflet", "markercluster", "topojson-client", "world-atlas"):
        licences = [p for p in (STATIC / "vendor" / folder).iterdir() if "LICEN" in p.name.upper()]
        assert licences, folder
