"""The dashboard in a real browser (Debian's chromium via playwright) against `warlog serve`.

Run scripts/browser.sh first. Skipped only when chromium is absent and CI is not set.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .conftest import HOSTILE, build_database

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parents[2] / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (scripts/browser.sh installs it)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "b.db"
    build_database(db)
    port = free_port()
    env = {**os.environ, "WARLOG_TOKEN": ""}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from warlog.serve.cli import serve_command; serve_command()",
         "--db", str(db), "--port", str(port)],
        env=env,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(url + "/api/stats", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("warlog serve did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def test_dashboard_filter_open_event_and_sources(server: str) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    expect = playwright.expect  # waits without eval(): the page's CSP forbids it
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 850})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(server + "/")
        page.wait_for_selector("#events tbody tr")
        assert page.locator("#events tbody tr").count() == 3
        assert "3 events" in page.locator("#stats").inner_text()

        page.select_option("select[name=event_type]", "Battles")
        expect(page.locator("#events tbody tr")).to_have_count(1)
        assert "Stonebridge" in page.locator("#events tbody tr").inner_text()

        page.click("button[type=reset]")
        expect(page.locator("#events tbody tr")).to_have_count(3)
        page.locator("#events tbody tr", has_text="Riverton").click()
        page.wait_for_selector("#tab-detail .source mark")
        detail = page.locator("#tab-detail")
        assert "Daily Lantern" in detail.inner_text()
        assert page.locator("#tab-detail mark").first.inner_text() != ""
        # hostile markup in the source is shown as text and never runs
        assert HOSTILE in page.locator("#tab-detail .article-text").inner_text()
        assert page.evaluate("window.pwned") is None
        assert page.locator("#tab-detail script, #tab-detail img").count() == 0

        page.wait_for_timeout(600)  # let the map finish panning before the picture
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "dashboard.png"))
        browser.close()
    assert not [e for e in errors if "Content Security Policy" in e or "TypeError" in e], errors
