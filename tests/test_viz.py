"""kg.viz on a small hand-made graph: what is drawn, escaping, offline, determinism."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from kg import viz
from kg.errors import QueryError, UsageError
from kg.vocab import ORGS, person_iri
from tests.browser.vizgraphs import EVIDENCE_SENTENCE, XSS, sample_graph

DATA_RE = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def page_data(page: str) -> dict:
    m = DATA_RE.search(page)
    assert m, "no data block"
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def graph() -> Graph:
    return sample_graph()


@pytest.fixture(scope="module")
def page(graph: Graph) -> str:
    return viz.render_html(graph)


def test_viz_nodes_and_edges(graph: Graph) -> None:
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


def test_viz_labels_details_and_size(graph: Graph) -> None:
    net = viz.build_network(graph)
    by_label = {n.label: n for n in net.nodes}
    lancs = by_label["Lancashire Constabulary"]
    assert lancs.wikidata == "Q6482989"
    assert ("data.police.uk id", "lancashire") in lancs.facts
    assert "Lancashire Police" in lancs.aliases
    sunita = by_label["Sunita Gamblin"]
    assert sunita.mentions == 2 and by_label["Jane Doe"].mentions == 1
    assert ("Role", "acting Deputy Chief Constable at Lancashire Constabulary") in sunita.facts
    assert "PEEL inspection: Lancashire Constabulary (2018-03)" in by_label


def test_viz_role_edge_carries_its_evidence(graph: Graph) -> None:
    net = viz.build_network(graph)
    (edge,) = [e for e in net.edges if e.relation == "role" and e.label == "Deputy Chief Constable"]
    assert edge.source == str(person_iri("sunita-gamblin"))
    assert edge.target == str(ORGS["lancashire"])
    assert [e.text for e in edge.evidence][0] == EVIDENCE_SENTENCE
    assert len(edge.evidence) == 2  # one membership per article, merged into one edge
    first = net.articles[edge.evidence[0].article or ""]
    assert (first.file_name, first.date) == ("001_aaaa.txt", "2018-03-08")
    assert first.title.startswith("Police criticised")


def test_viz_page_holds_every_node_and_edge(graph: Graph, page: str) -> None:
    net = viz.build_network(graph)
    data = page_data(page)
    assert len(data["nodes"]) == len(net.nodes) == 9
    assert len(data["edges"]) == len(net.edges) == 12
    assert [n[0] for n in data["nodes"]] == [n.label for n in net.nodes]


def test_viz_escapes_article_strings(page: str) -> None:
    # the payload survives as data, never as markup
    assert "window.__pwned" in page
    assert "<script>window" not in page
    assert "<img" not in page
    assert 'onerror=\\"' not in page.split('id="kg-data">')[0]
    assert len(re.findall(r"<script\b", page)) == 3  # data, vis-network, ours
    assert page.count("</script>") == 3
    data = page_data(page)
    strings = json.dumps(data)
    assert json.dumps(XSS)[1:-1] in strings  # round-trips exactly


def test_viz_escapes_a_closing_script_tag_and_title() -> None:
    g = sample_graph("</script><script>alert(1)</script><!--")
    page = viz.render_html(g, title="<b>kg</b> & </title>")
    assert page.count("</script>") == 3
    assert "<!--" not in page
    assert "<title>&lt;b&gt;kg&lt;/b&gt; &amp; &lt;/title&gt;</title>" in page


def test_viz_loads_nothing_from_the_network(page: str) -> None:
    loads = re.findall(r"""(?:\bsrc|\bhref|\baction)\s*=\s*["']?\s*(?:https?:)?//""", page)
    assert loads == []
    assert re.findall(r"""url\(\s*["']?\s*(?:https?:)?//""", page) == []
    assert "@import" not in page
    assert not re.search(r"<link\b", page)
    assert re.findall(r"<script\b[^>]*\bsrc=", page) == []
    assert "default-src 'none'" in page and "connect-src 'none'" in page


def test_viz_csp_allows_exactly_the_inline_scripts(page: str) -> None:
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp
    allowed = set(re.findall(r"'sha256-([^']+)'", csp.group(1)))
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    hashes = {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts}
    assert len(scripts) == 2 and hashes == allowed


def test_viz_is_deterministic(graph: Graph, page: str) -> None:
    shuffled = Graph()
    for t in sorted(graph, key=lambda t: tuple(reversed([str(x) for x in t]))):
        shuffled.add(t)
    assert viz.render_html(shuffled) == page


def test_viz_switches_articles_and_quotes_off(graph: Graph) -> None:
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
    graph: Graph, focus: str, hops: int, expected: set[str]
) -> None:
    net = viz.build_network(graph, focus=focus, hops=hops, show_quotes=False)
    assert {n.label for n in net.nodes} == expected
    assert net.focus in {n.iri for n in net.nodes}
    page = viz.render_html(graph, focus=focus, hops=hops, show_quotes=False)
    data = page_data(page)
    assert data["nodes"][data["focus"]][5] == net.focus


def test_viz_focus_on_nothing_is_a_usage_error(graph: Graph) -> None:
    with pytest.raises(UsageError, match="no node"):
        viz.build_network(graph, focus="Nowhere Police")


def test_viz_reads_all_named_graphs_of_a_dataset(graph: Graph) -> None:
    ds = Dataset()
    named = ds.graph(URIRef("https://w3id.org/kg-oversight/id/graph/x"))
    for t in graph:
        named.add(t)
    assert len(viz.build_network(ds).nodes) == 9
    assert ds.default_union is False  # left as it was


MEMBERSHIPS = """
CONSTRUCT { ?m org:member ?p ; org:organization ?o ; org:role ?r ; kgo:evidence ?e }
WHERE { ?m org:member ?p ; org:organization ?o ; org:role ?r ; kgo:evidence ?e }
"""


def test_viz_draws_a_construct_result(graph: Graph) -> None:
    sub = viz.subgraph_from_construct(graph, MEMBERSHIPS)
    net = viz.build_network(sub)
    assert sorted(n.label for n in net.nodes) == [
        "Cumbria Constabulary",
        "Jane Doe",
        "Lancashire Constabulary",
        "Sunita Gamblin",
    ]
    assert {e.relation for e in net.edges} == {"role"}
    assert any(ev.text == EVIDENCE_SENTENCE for e in net.edges for ev in e.evidence)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?s WHERE { ?s ?p ?o }",
        "CONSTRUCT { ?s ?p ?o } FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ",
    ],
)
def test_viz_refuses_other_queries(graph: Graph, query: str) -> None:
    with pytest.raises(QueryError):
        viz.subgraph_from_construct(graph, query)


def test_viz_write_html_writes_the_page(graph: Graph, tmp_path: Path) -> None:
    out = viz.write_html(graph, tmp_path / "sub" / "graph.html", show_quotes=False)
    assert out == tmp_path / "sub" / "graph.html"
    assert out.read_text(encoding="utf-8") == viz.render_html(graph, show_quotes=False)
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]


def test_viz_layout_is_stable_and_spread() -> None:
    edges = [(i, (i * 7 + 3) % 900) for i in range(900)] + [(i, i + 1) for i in range(899)]
    a = viz.layout(900, edges)
    assert a == viz.layout(900, edges)
    assert len(set(a)) == 900  # no two nodes on one spot
    assert viz.layout(0, []) == [] and viz.layout(1, []) == [(0, 0)]


def test_viz_report_details_list_its_grades(built) -> None:
    from kg.export import load_graph

    net = viz.build_network(load_graph(built / "graph.trig"))
    graded = {
        n.label: [v for k, v in n.facts if k == "Grade"]
        for n in net.nodes
        if n.cls == "report" and any(k == "Grade" for k, _ in n.facts)
    }
    durham = next(v for label, v in graded.items() if "Durham" in label)
    assert "Durham Constabulary \u2014 efficiency: outstanding" in durham
