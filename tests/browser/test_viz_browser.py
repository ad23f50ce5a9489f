"""The graph page in headless Chromium with every network request aborted: what it
holds, what clicks and searches show, that no article string runs, that labels are
legible at the first view and never overlap, and that 5,000 nodes stay interactive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg import viz
from tests.browser.vizgraphs import EVIDENCE_SENTENCE, sample_graph, synthetic_graph

# A DOM point (relative to the canvas) on edge `id`, away from any node.
POINT_ON_EDGE = """(id) => {
  const n = kgViz.network, e = kgViz.data.edges[id];
  const p = n.getPositions([e[0], e[1]]), a = p[e[0]], b = p[e[1]];
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.45, 0.55, 0.35, 0.65]) {
    const d = n.canvasToDOM({x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t});
    for (const dx of [0, 2, -2, 4, -4]) for (const dy of [0, 2, -2, 4, -4]) {
      const q = {x: d.x + dx, y: d.y + dy};
      if (n.getEdgeAt(q) === id && n.getNodeAt(q) === undefined) return q;
    }
  }
  return null;
}"""
# The DOM point (relative to the canvas) of node `id`'s centre, and the node drawn there.
POINT_ON_NODE = """(id) => {
  const n = kgViz.network, q = n.canvasToDOM(n.getPositions([id])[id]);
  return {x: q.x, y: q.y, hit: n.getNodeAt(q)};
}"""


def canvas_click(page: Any, point: dict[str, float]) -> None:
    box = page.locator("#kg-network canvas").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def assert_clean(opened: Any) -> None:
    assert opened.requests == [], "the page asked the network for something"
    assert opened.errors == []
    assert opened.page.evaluate("window.__cspViolations") == []


@pytest.fixture(scope="module")
def sample() -> tuple[viz.Network, str]:
    g = sample_graph()
    return viz.build_network(g), viz.render_html(g)


@pytest.fixture(scope="module")
def corpus_page(built: Path) -> tuple[viz.Network, str]:
    """The default corpus (`kg build corpus`) as its graph.html draws it."""
    keys = viz.read_graph(built / "graph.trig")
    return viz.build_network(keys), viz.render_html(keys)


def test_viz_browser_page_holds_every_node_and_edge(open_page: Any, sample: Any) -> None:
    net, html = sample
    opened = open_page(html)
    counts = opened.page.evaluate(
        """() => ({nodes: kgViz.nodes.length, edges: kgViz.edges.length,
                   drawnNodes: kgViz.network.body.nodeIndices.length,
                   drawnEdges: kgViz.network.body.edgeIndices.length})"""
    )
    assert counts == {
        "nodes": len(net.nodes),
        "drawnNodes": len(net.nodes),
        "edges": len(net.edges),
        "drawnEdges": len(net.edges),
    }
    assert (
        opened.page.text_content("#kg-counts") == f"{len(net.nodes)} nodes · {len(net.edges)} edges"
    )
    assert_clean(opened)


@pytest.mark.parametrize(
    ("query", "label"),
    [("Jane Doe", "Jane Doe"), ("lancashire police", "Lancashire Constabulary")],
)
def test_viz_browser_search_selects_the_node(
    open_page: Any, sample: Any, query: str, label: str
) -> None:
    net, html = sample
    opened = open_page(html)
    page = opened.page
    page.fill("#kg-search", query)
    page.press("#kg-search", "Enter")
    expected = [i for i, n in enumerate(net.nodes) if n.label == label]
    assert page.evaluate("kgViz.network.getSelectedNodes()") == expected
    assert page.text_content("#kg-details h3") == label
    assert page.text_content("#kg-search-status") == "1 of 1"
    assert_clean(opened)


def test_viz_browser_clicking_an_edge_shows_its_evidence(open_page: Any, sample: Any) -> None:
    net, html = sample
    opened = open_page(html)
    page = opened.page
    (edge_id,) = [
        i
        for i, e in enumerate(net.edges)
        if e.relation == "role" and e.label == "Deputy Chief Constable"
    ]
    point = page.evaluate(POINT_ON_EDGE, edge_id)
    assert point is not None, "no clickable point on the edge"
    canvas_click(page, point)
    assert page.evaluate("kgViz.network.getSelectedEdges()") == [edge_id]
    evidence = page.text_content("#kg-edge-evidence")
    assert EVIDENCE_SENTENCE in evidence
    assert "001_aaaa.txt" in evidence and "2018-03-08" in evidence
    assert "Police criticised" in evidence  # the article's title
    assert page.text_content("#kg-details h3") == "holds role at (Deputy Chief Constable)"
    assert_clean(opened)


def test_viz_browser_clicking_a_node_shows_its_details(open_page: Any, sample: Any) -> None:
    net, html = sample
    opened = open_page(html)
    page = opened.page
    (lancs,) = [i for i, n in enumerate(net.nodes) if n.label == "Lancashire Constabulary"]
    point = page.evaluate(POINT_ON_NODE, lancs)
    assert point["hit"] == lancs
    canvas_click(page, point)
    facts = page.text_content("#kg-node-facts")
    assert "Lancashire Police" in facts and "lancashire" in facts and "Q6482989" in facts
    link = page.locator("#kg-node-facts a")
    assert link.get_attribute("href") == "https://www.wikidata.org/wiki/Q6482989"
    assert "Police criticised" in page.text_content("#kg-node-articles")
    assert_clean(opened)


def test_viz_browser_article_payloads_run_nothing(open_page: Any, sample: Any) -> None:
    net, html = sample
    opened = open_page(html)
    page = opened.page
    # put every node's and edge's details on screen, hover tooltips too
    page.evaluate(
        """() => {
          kgViz.data.nodes.forEach((_, i) => kgViz.showNode(i));
          kgViz.data.edges.forEach((_, i) => kgViz.showEdge(i));
        }"""
    )
    for i, n in enumerate(net.nodes):
        point = page.evaluate(POINT_ON_NODE, i)
        if point["hit"] == i:
            box = page.locator("#kg-network canvas").bounding_box()
            page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
            page.wait_for_timeout(50)
            if "<script>" in n.label:
                assert "<script>" in page.text_content("#kg-tip")
    (sunita,) = [i for i, n in enumerate(net.nodes) if n.label == "Sunita Gamblin"]
    page.evaluate("(i) => kgViz.showNode(i)", sunita)
    page.fill("#kg-search", '<img src=x onerror="window.__pwned = 1">')
    page.press("#kg-search", "Enter")
    page.wait_for_timeout(300)  # time for an onerror to fire, were there an <img>
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("document.scripts.length") == 6  # 4 of data, vis-network, ours
    assert (
        page.evaluate("document.querySelectorAll('#kg-tip *, #kg-details blockquote *').length")
        == 0
    )
    # the payload is on screen as text
    page.evaluate("(i) => kgViz.showNode(i)", sunita)
    assert '<script>window.__pwned = "script"</script>' in page.text_content("#kg-node-facts")
    assert_clean(opened)


def test_viz_browser_filters_and_physics(open_page: Any, sample: Any) -> None:
    net, html = sample
    opened = open_page(html)
    page = opened.page
    page.uncheck("#kg-show-article")
    page.uncheck("#kg-show-quote")
    shown = page.evaluate("[kgViz.nodeView.length, kgViz.edgeView.length]")
    assert shown == [6, 5]
    page.check("#kg-show-article")
    assert page.evaluate("kgViz.nodeView.length") == 8
    assert page.evaluate("kgViz.network.physics.options.enabled") is False
    page.check("#kg-physics")
    assert page.evaluate("kgViz.network.physics.options.enabled") is True
    assert_clean(opened)


def test_viz_browser_5000_nodes_open_on_a_legible_part_and_answer_a_click(open_page: Any) -> None:
    # how fast is bench/bench_viz.py's business; here: drawn whole, first view legible
    opened = open_page(viz.render_html(synthetic_graph(5000)))
    page = opened.page
    assert page.evaluate("[kgViz.data.nodes.length, kgViz.nodes.length]") == [5000, 5000]
    assert page.evaluate("kgViz.network.body.nodeIndices.length") == 5000
    assert page.evaluate("kgViz.edges.length") == page.evaluate("kgViz.data.edges.length")
    assert page.evaluate("kgViz.firstView") == "part"
    assert page.evaluate("kgViz.network.getScale()") == 1
    home = page.evaluate("kgViz.data.home")
    point = page.evaluate(POINT_ON_NODE, home)
    assert point["hit"] == home
    canvas_click(page, point)
    page.wait_for_function(
        "(label) => document.querySelector('#kg-details h3')?.textContent === label",
        arg=page.evaluate("kgViz.data.nodes[kgViz.data.home][0]"),
    )
    assert_clean(opened)


# Every node whose label vis-network draws at this zoom, on screen or partly: its label's box
# and its shape's box (canvas units), and the label's size on screen in pixels.
# (bench/bench_viz.py measures pyvis's own page with it too.)
DRAWN_LABELS = """() => {
  const n = window.kgViz ? kgViz.network : window.network;  // kg's page, or pyvis's
  const scale = n.getScale();
  const c = n.canvas.frame.canvas, w = c.clientWidth, h = c.clientHeight;
  const a = n.DOMtoCanvas({x: 0, y: 0}), b = n.DOMtoCanvas({x: w, y: h});
  const out = [], ctx = n.canvas.getContext();
  // vis-network places a label when it draws it (after all nodes), and skips nodes off
  // screen: draw each once so that every label's box is where it is now
  for (const id of n.body.nodeIndices) {
    const later = n.body.nodes[id].draw(ctx);
    if (later && later.drawExternalLabel) later.drawExternalLabel();
  }
  n.redraw();
  for (const id of n.body.nodeIndices) {
    const node = n.body.nodes[id], lab = node.labelModule, s = lab.size;
    const px = lab.fontOptions.size * scale;
    const threshold = node.options.scaling.label.drawThreshold;
    if (!node.options.label || px < threshold - 1 || !s.width) continue;  // not drawn
    if (s.left > b.x || s.left + s.width < a.x || s.top > b.y || s.top + s.height < a.y) continue;
    const sh = node.shape;
    out.push({id: id, px: px, lines: node.options.label.split("\\n").length,
              label: [s.left, s.top, s.left + s.width, s.top + s.height],
              shape: [node.x - sh.width / 2, node.y - sh.height / 2,
                      node.x + sh.width / 2, node.y + sh.height / 2]});
  }
  return {scale: scale, drawn: out};
}"""


def overlap(a: list[float], b: list[float], slack: float = 0.5) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack


def overlapping_labels(drawn: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Pairs whose labels overlap, or where one's label covers the other's shape."""
    bad = []
    for k, p in enumerate(drawn):
        for q in drawn[k + 1 :]:
            if (
                overlap(p["label"], q["label"])
                or overlap(p["label"], q["shape"])
                or overlap(q["label"], p["shape"])
            ):
                bad.append((p["id"], q["id"]))
    return bad


def test_viz_browser_labels_are_legible_at_the_first_view(open_page: Any, corpus_page: Any) -> None:
    net, html = corpus_page
    assert len(net.nodes) > 100  # the default corpus: too big to read whole on one screen
    opened = open_page(html)
    page = opened.page
    seen = page.evaluate(DRAWN_LABELS)
    sizes = sorted(d["px"] for d in seen["drawn"])
    assert len(sizes) >= 15, "too few labels drawn at the first view"
    assert sizes[0] >= 11.5 and sizes[len(sizes) // 2] == pytest.approx(12, abs=0.5), sizes
    # what vis-network measured for a line of each label agrees (canvas units x zoom)
    for d in seen["drawn"]:
        line = (d["label"][3] - d["label"][1]) / d["lines"] * seen["scale"]
        assert line == pytest.approx(d["px"], abs=1), d
    assert overlapping_labels(seen["drawn"]) == []
    home = page.evaluate("kgViz.data.nodes[kgViz.data.home][0]")
    assert page.text_content("#kg-view").startswith(f"Showing the part around {home}")
    # Fit shows it all; the smaller labels are still apart
    page.click("#kg-fit")
    whole = page.evaluate(DRAWN_LABELS)
    assert whole["scale"] < seen["scale"]
    assert overlapping_labels(whole["drawn"]) == []
    assert_clean(opened)


@pytest.mark.parametrize("query", ["Lancashire Constabulary", "Sunita Gamblin", "HMICFRS"])
def test_viz_browser_no_labels_overlap_around_a_searched_node(
    open_page: Any, corpus_page: Any, query: str
) -> None:
    net, html = corpus_page
    opened = open_page(html)
    page = opened.page
    page.fill("#kg-search", query)
    page.press("#kg-search", "Enter")
    (selected,) = page.evaluate("kgViz.network.getSelectedNodes()")
    assert net.nodes[selected].label == query
    for zoom in (1.0, 1.5, 2.5):  # from 1.22 on, the labels of quotations and articles too
        page.evaluate("(z) => kgViz.network.moveTo({scale: z, animation: false})", zoom)
        page.evaluate("kgViz.network.redraw()")
        seen = page.evaluate(DRAWN_LABELS)
        ids = {d["id"] for d in seen["drawn"]}
        assert selected in ids
        if zoom > 1.3:
            assert {net.nodes[i].cls for i in ids} & {"quote", "article"}
        assert overlapping_labels(seen["drawn"]) == [], f"at zoom {zoom}"
        assert min(d["px"] for d in seen["drawn"]) >= 11
    assert_clean(opened)
