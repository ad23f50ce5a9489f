"""kg.viz on a small hand-made graph: what is drawn, escaping, offline, determinism,
both evidence shapes, plain triples and rdflib input alike; labels and layout."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from kg import viz
from kg.errors import InputError, QueryError, UsageError
from kg.vocab import ORGS, person_iri
from tests.browser.vizgraphs import (
    EVIDENCE_SENTENCE,
    KIND_LABEL,
    XSS,
    sample_graph,
    to_rdflib,
)

BLOCK_RE = r'<script type="application/json" id="{}">(.*?)</script>'


def page_block(page: str, name: str = "kg-data") -> object:
    m = re.search(BLOCK_RE.format(name), page, re.S)
    assert m, f"no {name} block"
    return json.loads(m.group(1))


class _Elements(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def scripts(page: str) -> list[str | None]:
    """The type of each <script> element a browser makes of the page (None: a script)."""
    return [a.get("type") for t, a in _Elements(page).tags if t == "script"]


def page_data(page: str) -> dict:
    data = page_block(page)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def graph() -> list:
    return sample_graph()


@pytest.fixture(scope="module")
def page(graph: list) -> str:
    return viz.render_html(graph)


def test_viz_nodes_and_edges(graph: list) -> None:
    net = viz.build_network(graph)
    assert Counter(n.cls for n in net.nodes) == {
        "person": 2,
        "force": 2,
        "inspectorate": 1,
        "report": 1,
        "article": 2,
        "quote": 1,
    }
    assert Counter(e.relation for e in net.edges) == {
        "mentions": 6,
        "role": 3,
        "published": 1,
        "about": 1,
        "said": 1,
    }
    iris = {n.iri for n in net.nodes}
    assert str(ORGS["durham"]) not in iris  # reference data that no article names
    assert not any("publisher/bbc" in i for i in iris)  # a news publisher


def test_viz_labels_details_and_size(graph: list) -> None:
    net = viz.build_network(graph)
    by_label = {n.label: n for n in net.nodes}
    lancs = by_label["Lancashire Constabulary"]
    assert lancs.wikidata == "Q6482989"
    assert ("data.police.uk id", "lancashire") in lancs.facts
    assert "Lancashire Police" in lancs.aliases
    sunita = by_label["Sunita Gamblin"]
    assert sunita.mentions == 2 and by_label["Jane Doe"].mentions == 1
    assert ("Role", "acting Deputy Chief Constable at Lancashire Constabulary") in sunita.facts


def test_viz_report_takes_its_title_and_shows_its_kind(graph: list) -> None:
    (report,) = [n for n in viz.build_network(graph).nodes if n.cls == "report"]
    assert report.label == "PEEL inspection of Lancashire Constabulary (2018)"  # skos:prefLabel
    assert ("Kind", KIND_LABEL) in report.facts  # kgo:reportKind's skos:prefLabel
    assert ("Described as", "PEEL " + XSS) in report.facts
    # without a title of its own, one is made of its kind, subject and date
    untitled = [k for k in graph if not (k[0] == report.iri and k[1].endswith("#prefLabel"))]
    (report,) = [n for n in viz.build_network(untitled).nodes if n.cls == "report"]
    assert report.label == "PEEL inspection: Lancashire Constabulary (2018-03)"


@pytest.mark.parametrize("shape", ["evidence", "annotation"])
def test_viz_role_edge_carries_its_evidence(shape: str) -> None:
    net = viz.build_network(sample_graph(evidence=shape))
    (edge,) = [e for e in net.edges if e.relation == "role" and e.label == "Deputy Chief Constable"]
    assert edge.source == str(person_iri("sunita-gamblin"))
    assert edge.target == str(ORGS["lancashire"])
    assert [e.text for e in edge.evidence][0] == EVIDENCE_SENTENCE
    assert [e.start for e in edge.evidence] == [120, 10]
    assert len(edge.evidence) == 2  # one membership per article, merged into one edge
    first = net.articles[edge.evidence[0].article or ""]
    assert (first.file_name, first.date) == ("001_aaaa.txt", "2018-03-08")
    assert first.title.startswith("Police criticised")


def test_viz_both_evidence_shapes_draw_the_same_page() -> None:
    assert viz.render_html(sample_graph(evidence="annotation")) == viz.render_html(sample_graph())


def test_viz_reads_rdflib_graphs_and_datasets_as_triples(graph: list, page: str) -> None:
    g = to_rdflib(graph)
    assert isinstance(g, Graph)
    assert viz.render_html(g) == page
    ds = Dataset()
    named = ds.graph(URIRef("https://w3id.org/kg-oversight/id/graph/x"))
    for t in g:
        named.add(t)
    assert len(viz.build_network(ds).nodes) == 9
    assert ds.default_union is False  # left as it was


def test_viz_page_holds_every_node_and_edge(graph: list, page: str) -> None:
    net = viz.build_network(graph)
    data = page_data(page)
    assert len(data["nodes"]) == len(net.nodes) == 9
    assert len(data["edges"]) == len(net.edges) == 12
    assert [n[0] for n in data["nodes"]] == [n.label for n in net.nodes]
    items = page_block(page, "kg-nodes")
    assert isinstance(items, list)
    assert [(n["id"], n["group"]) for n in items] == [(i, n.cls) for i, n in enumerate(net.nodes)]
    edges = page_block(page, "kg-edges")
    assert isinstance(edges, list) and len(edges) == 12


def test_viz_vis_network_comes_from_pyvis(page: str) -> None:
    import pyvis

    bundled = sorted(Path(pyvis.__file__).parent.glob("templates/lib/vis-*/vis-network.min.js"))
    assert bundled, "pyvis bundles no vis-network"
    assert bundled[-1].read_text(encoding="utf-8") in page
    assert not (Path(viz.__file__).parent / "static" / "vis-network.min.js").exists()


def test_viz_escapes_article_strings(page: str) -> None:
    # the payload survives as data, never as markup
    assert "window.__pwned" in page
    assert "<script>window" not in page
    assert "<img" not in page
    assert 'onerror=\\"' not in page.split('id="kg-nodes">')[0]
    assert scripts(page) == ["application/json"] * 4 + [None, None]  # data, vis-network, ours
    assert page.count("</script>") == 6
    strings = json.dumps(page_data(page)) + json.dumps(page_block(page, "kg-nodes"))
    assert json.dumps(XSS)[1:-1] in strings  # round-trips exactly


def test_viz_escapes_a_closing_script_tag_and_title() -> None:
    g = sample_graph("</script><script>alert(1)</script><!--")
    page = viz.render_html(g, title="<b>kg</b> & </title>")
    assert scripts(page) == ["application/json"] * 4 + [None, None]
    assert page.count("</script>") == 6
    assert "<!--" not in page
    assert "<title>&lt;b&gt;kg&lt;/b&gt; &amp; &lt;/title&gt;</title>" in page


def test_viz_loads_nothing_from_the_network(page: str) -> None:
    loads = re.findall(r"""(?:\bsrc|\bhref|\baction)\s*=\s*["']?\s*(?:https?:)?//""", page)
    assert loads == []
    assert re.findall(r"""url\(\s*["']?\s*(?:https?:)?//""", page) == []
    assert "@import" not in page
    assert not re.search(r"<link\b", page)
    assert re.findall(r"<script\b[^>]*\bsrc=", page) == []
    assert "bootstrap" not in page.lower()
    assert "default-src 'none'" in page and "connect-src 'none'" in page


def test_viz_csp_allows_exactly_the_inline_scripts(page: str) -> None:
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp
    allowed = set(re.findall(r"'sha256-([^']+)'", csp.group(1)))
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    hashes = {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts}
    assert len(scripts) == 2 and hashes == allowed


def test_viz_is_deterministic(graph: list, page: str) -> None:
    shuffled = sorted(graph, key=lambda t: (t[2], t[1], t[0]), reverse=True)
    assert viz.render_html(shuffled + shuffled[:10]) == page


def test_viz_switches_articles_and_quotes_off(graph: list) -> None:
    net = viz.build_network(graph, show_articles=False, show_quotes=False)
    assert {n.cls for n in net.nodes} == {"person", "force", "inspectorate", "report"}
    assert len(net.nodes) == 6
    assert Counter(e.relation for e in net.edges) == {"role": 3, "published": 1, "about": 1}


@pytest.mark.parametrize(
    ("focus", "hops", "expected"),
    [
        ("Cumbria Constabulary", 1, {"Cumbria Constabulary", "Jane Doe", "Cumbria's new chief"}),
        ("orgs:cumbria", 1, {"Cumbria Constabulary", "Jane Doe", "Cumbria's new chief"}),
        (str(ORGS["cumbria"]), 0, {"Cumbria Constabulary"}),
        ("lancashire police", 0, {"Lancashire Constabulary"}),  # an alias, any case
    ],
)
def test_viz_focus_draws_a_neighbourhood(
    graph: list, focus: str, hops: int, expected: set[str]
) -> None:
    net = viz.build_network(graph, focus=focus, hops=hops, show_quotes=False)
    assert {n.label for n in net.nodes} == expected
    assert net.focus in {n.iri for n in net.nodes}
    page = viz.render_html(graph, focus=focus, hops=hops, show_quotes=False)
    data = page_data(page)
    assert data["nodes"][data["focus"]][2] == net.focus
    assert data["home"] == data["focus"]


def test_viz_focus_on_nothing_is_a_usage_error(graph: list) -> None:
    with pytest.raises(UsageError, match="no node"):
        viz.build_network(graph, focus="Nowhere Police")


def test_viz_home_is_the_most_linked_entity(graph: list, page: str) -> None:
    data = page_data(page)
    assert data["nodes"][data["home"]][0] == "Sunita Gamblin"  # 2 roles, 2 articles, 1 quote
    assert data["legible"] == viz.LEGIBLE_PX == 12


MEMBERSHIPS = """
CONSTRUCT { ?m org:member ?p ; org:organization ?o ; org:role ?r ; kgo:evidence ?e }
WHERE { ?m org:member ?p ; org:organization ?o ; org:role ?r ; kgo:evidence ?e }
"""


@pytest.mark.parametrize("shape", ["evidence", "annotation"])
def test_viz_draws_a_construct_result(shape: str) -> None:
    sub = viz.subgraph_from_construct(sample_graph(evidence=shape), MEMBERSHIPS)
    net = viz.build_network(sub)
    assert sorted(n.label for n in net.nodes) == [
        "Cumbria Constabulary",
        "Jane Doe",
        "Lancashire Constabulary",
        "Sunita Gamblin",
    ]
    assert {e.relation for e in net.edges} == {"role"}
    (edge,) = [e for e in net.edges if e.label == "Deputy Chief Constable"]
    assert edge.evidence[0].text == EVIDENCE_SENTENCE
    assert net.articles[edge.evidence[0].article or ""].file_name == "001_aaaa.txt"


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("SELECT ?s WHERE { ?s ?p ?o }", "a CONSTRUCT query is needed"),
        ("CONSTRUCT { ?s ?p ?o } FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM"),
        (
            "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
            "SERVICE",
        ),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ", "line 1"),
        ("CONSTRUCT { [] ?p ?o } WHERE { ?s ?p ?o }", "cannot draw"),
    ],
)
def test_viz_refuses_other_queries(graph: list, query: str, error: str) -> None:
    with pytest.raises(QueryError, match=error):
        viz.subgraph_from_construct(graph, query)


def test_viz_write_html_writes_the_page(graph: list, tmp_path: Path) -> None:
    out = viz.write_html(graph, tmp_path / "sub" / "graph.html", show_quotes=False)
    assert out == tmp_path / "sub" / "graph.html"
    assert out.read_text(encoding="utf-8") == viz.render_html(graph, show_quotes=False)
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]  # pyvis's lib/ is not copied


def test_viz_draw_reads_a_file_and_a_query(graph: list, trig: Path, tmp_path: Path) -> None:
    (tmp_path / "q.rq").write_text(MEMBERSHIPS, encoding="utf-8")
    whole = viz.draw(tmp_path / "all.html", graph_file=trig)
    assert whole.read_text(encoding="utf-8") == viz.render_html(graph)
    part = viz.draw(tmp_path / "part.html", graph_file=trig, query=tmp_path / "q.rq")
    assert len(page_data(part.read_text(encoding="utf-8"))["nodes"]) == 4
    with pytest.raises(InputError, match="nothing.trig"):
        viz.draw(tmp_path / "x.html", graph_file=tmp_path / "nothing.trig")


@pytest.mark.parametrize(
    ("text", "cls", "expected"),
    [
        ("Sunita Gamblin", "person", "Sunita Gamblin"),
        (
            "HMICFRS report on Lincolnshire Police (2017-03-02)",
            "report",
            "HMICFRS report on\nLincolnshire Police\n(2017-03-02)",
        ),
        ("a  line\nbreak", "person", "a line break"),
        (
            "The findings are concerning, said the inspector",
            "quote",
            "The findings are concer\u2026",
        ),
        ("Supercalifragilisticexpialidociouslylongnamewithoutspaces", "person", None),
    ],
)
def test_viz_canvas_label_wraps_and_cuts(text: str, cls: str, expected: str | None) -> None:
    label, width, lines = viz.canvas_label(text, cls)
    c = {k.key: k for k in viz.CLASSES}[cls]
    if expected is not None:
        assert label == expected
    assert lines == label.count("\n") + 1 <= c.lines
    assert 0 < width <= c.line_em * c.font * 1.001


def test_viz_layout_is_stable_and_leaves_no_box_overlapping() -> None:
    import numpy as np

    n = 500  # over 400: the far field is sampled
    edges = [(i, (i * 7 + 3) % n) for i in range(n)] + [(i, i + 1) for i in range(n - 1)]
    boxes = [(-(20 + i % 60), -10, 20 + i % 60, 10 + 12 * (i % 3)) for i in range(n)]
    a = viz.layout(n, edges, boxes=boxes)
    assert a == viz.layout(n, edges, boxes=boxes)
    centres = np.array(a, float)
    r = np.hstack([centres, centres]) + np.array(boxes, float)  # left, top, right, bottom
    left, top, right, bottom = r.T
    apart = (
        (left[:, None] >= right[None, :])
        | (left[None, :] >= right[:, None])
        | (top[:, None] >= bottom[None, :])
        | (top[None, :] >= bottom[:, None])
    )
    np.fill_diagonal(apart, True)
    assert apart.all(), f"{(~apart).sum() // 2} pairs of boxes overlap"
    assert viz.layout(0, []) == [] and viz.layout(1, []) == [(0, 0)]


def test_viz_report_details_list_its_grades(built: Path) -> None:
    net = viz.build_network(viz.read_graph(built / "graph.trig"))
    graded = {
        n.label: [v for k, v in n.facts if k == "Grade"]
        for n in net.nodes
        if n.cls == "report" and any(k == "Grade" for k, _ in n.facts)
    }
    durham = next(v for label, v in graded.items() if "Durham" in label)
    assert "Durham Constabulary \u2014 efficiency: outstanding" in durham


@pytest.fixture
def trig(graph: list, tmp_path: Path) -> Path:
    from kg.export import write_exports

    return dict(write_exports(to_rdflib(graph), tmp_path, ("trig",)))["trig"]  # type: ignore[arg-type]


def test_viz_cli_draws_a_file_a_focus_and_a_query(
    trig: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg.cli import main

    out = tmp_path / "lancs.html"
    argv = ["viz", "--graph", str(trig), "--out", str(out), "--focus", "orgs:lancashire"]
    assert main([*argv, "--hops", "1", "--no-articles"]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    labels = {n[0] for n in page_data(out.read_text(encoding="utf-8"))["nodes"]}
    assert labels == {
        "Lancashire Constabulary",
        "Sunita Gamblin",
        "PEEL inspection of Lancashire Constabulary (2018)",
    }
    (tmp_path / "q.rq").write_text(MEMBERSHIPS, encoding="utf-8")
    assert (
        main(["viz", "--graph", str(trig), "--out", str(out), "--query", str(tmp_path / "q.rq")])
        == 0
    )
    assert len(page_data(out.read_text(encoding="utf-8"))["nodes"]) == 4
    assert main(["viz", "--graph", str(trig), "--focus", "Nowhere Police"]) == 2
    assert "no node has that IRI, label or alias" in capsys.readouterr().err


def test_viz_cli_reads_a_sparql_endpoint(graph: list, trig: Path, tmp_path: Path) -> None:
    """`kg viz --endpoint`: everything the endpoint holds, over the SPARQL 1.1 Protocol."""
    import threading
    import urllib.parse
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    import pyoxigraph as ox

    from kg.cli import main

    store = ox.Store()
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    asked: list[str] = []

    class Endpoint(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"])).decode()
            query = urllib.parse.parse_qs(body)["query"][0]
            asked.append(self.headers["Accept"])
            answer = store.query(query, use_default_graph_as_union=True).serialize(
                format=ox.RdfFormat.N_TRIPLES
            )
            self.send_response(200)
            self.send_header("Content-Type", "application/n-triples")
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/query"
        out = tmp_path / "remote.html"
        assert main(["viz", "--endpoint", url, "--out", str(out)]) == 0
    finally:
        server.shutdown()
        server.server_close()
    assert asked == ["application/n-triples"]
    assert out.read_text(encoding="utf-8") == viz.render_html(graph)
