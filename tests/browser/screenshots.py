"""Screenshots of the graph page for the docs, in headless Chromium, offline.

    kg build corpus && python -m tests.browser.screenshots exports/graph.html docs

writes ``graph.png`` (the first view, which the README shows) and
``graph-search.png`` (after searching for SEARCH and zooming in until the
labels of quotations and articles show), both 1400 x 900, and prints the
label sizes measured on screen in each.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from tests.browser.conftest import CHROMIUM, launch
from tests.browser.test_viz_browser import DRAWN_LABELS

SEARCH = "Lancashire Constabulary"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("page", type=Path, nargs="?", default=Path("exports/graph.html"))
    ap.add_argument("out", type=Path, nargs="?", default=Path("docs"))
    ap.add_argument("--search", default=SEARCH)
    args = ap.parse_args()
    if not args.page.is_file():
        print(f"{args.page}: no such page (run `kg build corpus` first)", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).is_file():
        print(f"no Chromium at {CHROMIUM}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    url = args.page.resolve().as_uri()
    with sync_playwright() as p:
        browser = launch(p)
        try:
            ctx = browser.new_context(viewport={"width": 1400, "height": 900})
            ctx.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
            page = ctx.new_page()
            page.goto(url)
            page.wait_for_function("window.kgReady === true", timeout=60_000)
            shots = [("graph.png", "first view")]
            report(page, "first view")
            page.screenshot(path=str(args.out / "graph.png"))
            page.fill("#kg-search", args.search)
            page.press("#kg-search", "Enter")
            page.evaluate("kgViz.network.moveTo({scale: 1.4, animation: false})")
            page.evaluate("kgViz.network.redraw()")
            report(page, f"after searching {args.search!r}, zoom 1.4")
            page.screenshot(path=str(args.out / "graph-search.png"))
            shots.append(("graph-search.png", "search"))
            for name, _ in shots:
                print(f"wrote {args.out / name}")
        finally:
            browser.close()
    return 0


def report(page: object, what: str) -> None:
    seen = page.evaluate(DRAWN_LABELS)  # type: ignore[attr-defined]
    sizes = [d["px"] for d in seen["drawn"]]
    print(
        f"{what}: zoom {seen['scale']:.2f}, {len(sizes)} labels drawn, "
        f"{min(sizes):.1f}-{max(sizes):.1f} px (median {statistics.median(sizes):.1f})"
    )


if __name__ == "__main__":
    sys.exit(main())
