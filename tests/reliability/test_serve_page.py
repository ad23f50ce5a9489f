"""Issue 14: the query page of ``kg serve`` works offline, in a real browser.

Headless Debian Chromium (/usr/bin/chromium) driven by Playwright's Python
package, with background networking off; every request that does not go to
the ``kg serve`` under test is recorded and aborted, and the test fails if
there is one. The page's strict Content-Security-Policy is checked too: a
violation fails the test. A journalist's path through the page: pick a
ready-made question, fill its parameter, run it, sort the table, follow a
node's evidence, download CSV and JSON; then the SPARQL editor (YASGUI).
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .test_serve_hostile import kg_serve

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--no-first-run",
]
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""


@pytest.fixture(scope="module")
def page_url(cli_build: Path) -> Iterator[str]:
    with kg_serve(cli_build / "store", "--quiet") as (url, _):
        yield url


@dataclass
class Visit:
    """What a visit to the page saw besides what its steps checked."""

    outside: list[str] = field(default_factory=list)  # requests not to the server
    errors: list[str] = field(default_factory=list)  # console errors
    csp: list[str] = field(default_factory=list)  # Content-Security-Policy violations


def visit(page_url: str, steps: Callable[[Any], None]) -> Visit:
    """Open the page in headless Chromium and run ``steps(page)``.

    In a thread of its own: Playwright's sync API will not start inside a
    thread that runs another Playwright (the network view's browser tests keep
    one open for the session)."""
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    seen = Visit()

    def run() -> None:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                context = browser.new_context(accept_downloads=True)
                context.add_init_script(WATCH)

                def route(r: Any) -> None:
                    if r.request.url.startswith(page_url):
                        r.continue_()
                    else:
                        seen.outside.append(r.request.url)
                        r.abort()

                context.route("**/*", route)
                tab = context.new_page()
                tab.on(
                    "console", lambda m: seen.errors.append(m.text) if m.type == "error" else None
                )
                tab.on("pageerror", lambda e: seen.errors.append(str(e)))
                tab.goto(page_url)
                tab.wait_for_selector("body[data-ready='1']", timeout=30_000)
                steps(tab)
                seen.csp.extend(tab.evaluate("() => window.__csp"))
                context.close()
            finally:
                browser.close()

    with ThreadPoolExecutor(1) as thread:
        thread.submit(run).result()
    return seen


def until(check: Any, timeout: float = 30.0) -> None:
    """Poll ``check()`` until true (the page's CSP forbids the eval behind
    Playwright's wait_for_function)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the page did not get there"
        time.sleep(0.05)


def headers(tab: Any) -> list[str]:
    return tab.eval_on_selector_all("#kg-results th", "ths => ths.map(t => t.textContent)")


def rows(tab: Any) -> list[list[str]]:
    return tab.eval_on_selector_all(
        "#kg-results tbody tr",
        "trs => trs.map(tr => [...tr.cells].map(td => td.firstChild ? td.firstChild.textContent : ''))",
    )


def test_serve_page_ready_made_questions_offline(page_url):
    seen = visit(page_url, _ready_made_questions)
    assert seen.outside == []
    assert seen.csp == []
    assert seen.errors == []


def _ready_made_questions(tab: Any) -> None:
    names = tab.eval_on_selector_all("#kg-question option", "os => os.map(o => o.value)")
    assert "people-roles" in names and "force-timeline" in names and len(names) >= 20
    # a question with a parameter: a field for it, required
    tab.select_option("#kg-question", "force-timeline")
    field = tab.locator("#kg-params input[name='force']")
    assert field.get_attribute("required") is not None
    field.fill("Lancashire Constabulary")
    tab.click("#kg-run")
    tab.wait_for_selector("#kg-results tbody tr")
    assert "rows in" in tab.text_content("#kg-status")
    # sortable: the who column, both ways
    header = [
        t.strip()
        for t in tab.eval_on_selector_all("#kg-results th", "ths => ths.map(t => t.textContent)")
    ]
    who = header.index("who")
    tab.click(f"#kg-results th:nth-child({who + 1}) button")
    up = [r[who] for r in rows(tab)]
    assert up == sorted(up, key=str.casefold) or up == sorted(up)
    tab.click(f"#kg-results th:nth-child({who + 1}) button")
    down = [r[who] for r in rows(tab)]
    assert down == list(reversed(up))
    # people-roles, then a person's evidence
    tab.select_option("#kg-question", "people-roles")
    tab.click("#kg-run")
    until(lambda: headers(tab)[:1] == ["person"] and rows(tab))
    first_person = rows(tab)[0][0]
    tab.click("#kg-results tbody tr:first-child td:first-child a.kg-evidence")
    until(lambda: "sentence" in headers(tab) and rows(tab))
    assert tab.input_value("#kg-question") == "evidence"
    assert tab.input_value("#kg-params input[name='entity']") == first_person
    evidence = rows(tab)
    assert evidence and all(r[2] for r in evidence)  # every fact has its sentence
    # downloads of what is on screen
    with tab.expect_download() as got:
        tab.click("#kg-csv")
    text = Path(got.value.path()).read_text(encoding="utf-8")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:3] == ["fact", "factType", "sentence"] and len(table) == len(evidence) + 1
    with tab.expect_download() as got:
        tab.click("#kg-json")
    records = json.loads(Path(got.value.path()).read_text(encoding="utf-8"))
    assert len(records) == len(evidence) and "sentence" in records[0]


def test_serve_page_sparql_editor_offline(page_url):
    seen = visit(page_url, _sparql_editor)
    assert seen.outside == []
    assert seen.csp == []
    assert seen.errors == []


def _sparql_editor(tab: Any) -> None:
    tab.click("#kg-tab-editor")
    tab.wait_for_selector("#yasgui .CodeMirror", timeout=30_000)
    tab.click("#yasgui .yasqe_queryButton")
    tab.wait_for_selector("#yasgui .yasr table tbody tr", timeout=30_000)
    cells = tab.eval_on_selector_all(
        "#yasgui .yasr table tbody td", "tds => tds.map(t => t.textContent)"
    )
    assert any("Police and Crime Commissioner" in c for c in cells)
