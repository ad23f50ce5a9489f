"""Time-to-interactive of kg's graph page, against pyvis's defaults, in headless Chromium.

    python bench/bench_viz.py [--nodes 5000] [--baseline-nodes 300] [--runs 3]

Also measured at the first view of each page: the size on screen of the labels
drawn (median and smallest, in pixels) and how many pairs of them overlap (a
label over another label or over another node).

For kg's page, "interactive" is: from navigation until a click on a node has
put that node's details on screen. pyvis's default page (in_line resources,
default physics, node and edge lists filled directly) has no click handler of
its own, so for it the figure is the time until its physics has settled (the
drawing appears earlier, once the 1,000 stabilisation iterations are done;
that is printed too). Every network request is aborted in both: pyvis's
Bootstrap link fails fast instead of hanging.

Needs Debian's chromium at /usr/bin/chromium and the playwright Python package.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg import viz  # noqa: E402
from tests.browser.conftest import CHROMIUM, launch  # noqa: E402
from tests.browser.test_viz_browser import DRAWN_LABELS, overlapping_labels  # noqa: E402
from tests.browser.vizgraphs import synthetic_graph  # noqa: E402

CLICK_NODE = """(id) => {
  const n = kgViz.network, q = n.canvasToDOM(n.getPositions([id])[id]);
  return {x: q.x, y: q.y, hit: n.getNodeAt(q)};
}"""


def _page(browser: Any, path: Path) -> tuple[Any, Any, list[str]]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    asked: list[str] = []
    url = path.as_uri()

    def route(r: Any) -> None:
        if r.request.url == url:
            r.continue_()
        else:
            asked.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    return ctx, ctx.new_page(), asked


def legibility(page: Any) -> str:
    """The labels drawn at this view: their size on screen, and the pairs that overlap."""
    seen = page.evaluate(DRAWN_LABELS)
    sizes = [d["px"] for d in seen["drawn"]]
    if not sizes:
        return "no label drawn"
    return (
        f"{len(sizes)} labels drawn at {statistics.median(sizes):.1f} px "
        f"(smallest {min(sizes):.1f}), {len(overlapping_labels(seen['drawn']))} overlapping pairs"
    )


def kg_interactive(
    browser: Any, path: Path, net: viz.Network, measure: bool = False
) -> tuple[float, float, int, str]:
    """Seconds to the ready signal, seconds to a handled click, requests made, and
    (if ``measure``) the labels at the first view."""
    ctx, page, asked = _page(browser, path)
    try:
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("window.kgReady === true", timeout=120_000)
        ready = time.perf_counter() - start
        # the node the first view is centred on (a big graph opens on part of itself)
        point = page.evaluate(CLICK_NODE, page.evaluate("kgViz.data.home"))
        box = page.locator("#kg-network canvas").bounding_box()
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_function(
            "(label) => document.querySelector('#kg-details h3')?.textContent === label",
            arg=net.nodes[point["hit"]].label,
        )
        clicked = time.perf_counter() - start
        return ready, clicked, len(asked), legibility(page) if measure else ""
    finally:
        ctx.close()


def pyvis_page(net: viz.Network, path: Path) -> None:
    from pyvis.network import Network

    ids = {n.iri: i for i, n in enumerate(net.nodes)}
    p = Network(cdn_resources="in_line", directed=True)
    p.nodes = [
        {"id": i, "label": n.label, "shape": "dot", "size": 10} for i, n in enumerate(net.nodes)
    ]
    p.node_ids = list(range(len(net.nodes)))
    p.edges = [{"from": ids[e.source], "to": ids[e.target], "arrows": "to"} for e in net.edges]
    p.write_html(str(path))


def pyvis_settled(browser: Any, path: Path, limit_s: float) -> tuple[float, float | None, str]:
    """Seconds until pyvis's first drawing, and until its physics settles (None: not in
    time); its labels once settled (or when the time ran out)."""
    ctx, page, _ = _page(browser, path)
    try:
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function(
            "typeof network !== 'undefined' && network && network.physics.ready === true",
            timeout=limit_s * 1000,
            polling=100,
        )
        drawn = time.perf_counter() - start
        try:
            page.wait_for_function(
                "network.physics.stabilized === true",
                timeout=max(1.0, limit_s - drawn) * 1000,
                polling=100,
            )
        except Exception:  # playwright's TimeoutError
            return drawn, None, legibility(page)
        return drawn, time.perf_counter() - start, legibility(page)
    finally:
        ctx.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--baseline-nodes", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--limit", type=float, default=120.0, help="seconds to wait for pyvis")
    args = ap.parse_args()
    if not Path(CHROMIUM).is_file():
        print(f"no Chromium at {CHROMIUM}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench_viz_"))
    rows: list[tuple[str, str]] = []
    with sync_playwright() as p:
        browser = launch(p)
        try:
            results: dict[int, float] = {}
            for n in dict.fromkeys((args.nodes, args.baseline_nodes)):
                g = synthetic_graph(n)
                t0 = time.perf_counter()
                net = viz.build_network(g)
                page = tmp / f"kg-{n}.html"
                viz.write_html(g, page)
                built = time.perf_counter() - t0
                runs = [kg_interactive(browser, page, net) for _ in range(args.runs)]
                labels = kg_interactive(browser, page, net, measure=True)[3]
                ready = statistics.median(r[0] for r in runs)
                click = statistics.median(r[1] for r in runs)
                results[n] = click
                size = page.stat().st_size / 1e6
                rows.append(
                    (
                        f"kg, {len(net.nodes)} nodes / {len(net.edges)} edges",
                        f"interactive {click:.2f} s (drawn {ready:.2f} s), median of "
                        f"{args.runs}; written in {built:.1f} s, {size:.1f} MB; "
                        f"requests {max(r[2] for r in runs)}; first view: {labels}",
                    )
                )
            g = synthetic_graph(args.baseline_nodes)
            net = viz.build_network(g)
            page = tmp / f"pyvis-{args.baseline_nodes}.html"
            pyvis_page(net, page)
            drawn, settled, pyvis_labels = pyvis_settled(browser, page, args.limit)
            settled_s = f"{settled:.2f} s" if settled is not None else f"> {args.limit:.0f} s"
            rows.append(
                (
                    f"pyvis defaults, {len(net.nodes)} nodes / {len(net.edges)} edges",
                    f"settled {settled_s} (first drawn {drawn:.2f} s); then: {pyvis_labels}",
                )
            )
            base = settled if settled is not None else args.limit
            ours = results[args.baseline_nodes]
            at_least = "" if settled is not None else " (at least)"
            rows.append(
                (
                    "ratio",
                    f"pyvis {args.baseline_nodes} nodes settled / kg {args.baseline_nodes} nodes "
                    f"interactive = {base / ours:.0f}x{at_least}; "
                    f"/ kg {args.nodes} nodes = {base / results[args.nodes]:.1f}x",
                )
            )
        finally:
            browser.close()
    width = max(len(r[0]) for r in rows)
    for name, figure in rows:
        print(f"{name:<{width}}  {figure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
