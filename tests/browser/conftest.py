"""Headless Debian Chromium driven by Playwright, with the network cut off.

Nothing is downloaded: Playwright's Python package drives /usr/bin/chromium
(Debian's ``chromium``). Without either, every browser test skips.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--no-first-run",
    "--metrics-recording-only",
    # belt and braces: even a request that escaped routing resolves nowhere
    "--host-resolver-rules=MAP * ~NOTFOUND",
]

# Installed before any of the page's scripts: records CSP violations.
WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright Python package is not installed (pip install playwright)")
    with sync_playwright() as p:
        b = launch(p)
        try:
            yield b
        finally:
            b.close()


@dataclass
class Opened:
    page: Any
    requests: list[str] = field(default_factory=list)  # every request but the page itself
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0  # from navigation to the page's ready signal


@pytest.fixture
def open_page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    """open_page(html) -> Opened: the page loaded from a file, every request aborted."""
    contexts: list[Any] = []

    def open_(html: str, *, timeout_ms: int = 30_000) -> Opened:
        path = tmp_path / f"page{len(contexts)}.html"
        path.write_text(html, encoding="utf-8")
        url = path.as_uri()
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(ctx)
        page = ctx.new_page()
        opened = Opened(page)

        def route(r: Any) -> None:
            if r.request.url == url:
                r.continue_()
            else:
                r.abort()

        def record(request: Any) -> None:
            if request.url != url:
                opened.requests.append(request.url)

        ctx.route("**/*", route)
        page.on("request", record)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.add_init_script(WATCH)
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_function("window.kgReady === true", timeout=timeout_ms)
        opened.seconds = time.perf_counter() - start
        return opened

    yield open_
    for ctx in contexts:
        ctx.close()
