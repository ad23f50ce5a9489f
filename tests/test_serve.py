"""`kg serve` with real clients: SPARQLWrapper and curl against a server started
on a free loopback port (the server picks it: --port 0, and prints its URL)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.query import run_query
from kg.serve import negotiate

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

FIXTURE = Path(__file__).parent / "data" / "query" / "fixture.trig"
ROOT = Path(__file__).resolve().parent.parent
PERSON_NAMES = "SELECT ?n WHERE { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?n } ORDER BY ?n"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@contextlib.contextmanager
def running(args: list[str], cwd: Path) -> Iterator[str]:
    """`kg serve ARGS --port 0` in CWD; yields its base URL (ending in /)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", *args, "--port", "0", "--quiet"],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if "http://" not in line:
            proc.kill()
            err = proc.stderr.read() if proc.stderr else ""
            pytest.fail(f"kg serve did not start: {line}{err}")
        url = line.split(" at ", 1)[1].split()[0]
        assert url.startswith("http://127.0.0.1:")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`kg serve` on the fixture graph, with a graph.html to serve."""
    cwd = tmp_path_factory.mktemp("serve")
    (cwd / "exports").mkdir()
    (cwd / "exports" / "graph.html").write_text("<html><body>the network</body></html>")
    with running(["--graph", str(FIXTURE), "--timeout", "1", "--max-rows", "50"], cwd) as url:
        yield url


def sparql(endpoint: str, query: str, fmt: str, method: str = "GET") -> object:
    client = SPARQLWrapper.SPARQLWrapper(endpoint + "sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    client.setTimeout(20)
    return client.query().convert()


def curl(endpoint: str, *args: str) -> tuple[int, dict[str, str], str]:
    """Status, headers (lower-case names) and body of one curl call."""
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    out = subprocess.run(
        ["curl", "-s", "-S", "-i", "--max-time", "20", *args, endpoint],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")  # bytes: text mode would turn the CRLFs into LFs
    head, _, body = out.partition("\r\n\r\n")
    while head.split(" ", 2)[1] == "100":  # "Expect: 100-continue" for longer bodies
        head, _, body = body.partition("\r\n\r\n")
    lines = head.split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for h in lines[1:]:
        k, _, v = h.partition(":")
        headers[k.strip().lower()] = v.strip()
    return status, headers, body


# ---------------------------------------------------------------------------
# SPARQLWrapper


def test_serve_sparqlwrapper_json(endpoint):
    data = sparql(endpoint, PERSON_NAMES, SPARQLWrapper.JSON)
    names = [b["n"]["value"] for b in data["results"]["bindings"]]
    assert names[:3] == ["Alan Billings", "Amber Rudd", "Andy Rhodes"]
    assert len(names) == 11


def test_serve_sparqlwrapper_xml_post(endpoint):
    doc = sparql(endpoint, PERSON_NAMES, SPARQLWrapper.XML, method="POST")
    values = [e.firstChild.data for e in doc.getElementsByTagName("literal")]
    assert values[0] == "Alan Billings" and len(values) == 11


def test_serve_sparqlwrapper_csv_and_tsv(endpoint):
    csv_text = sparql(endpoint, PERSON_NAMES, SPARQLWrapper.CSV).decode()
    assert csv_text.splitlines()[:2] == ["n", "Alan Billings"]
    tsv_text = sparql(endpoint, PERSON_NAMES, SPARQLWrapper.TSV).decode()
    assert tsv_text.splitlines()[:2] == ["?n", '"Alan Billings"']


def test_serve_sparqlwrapper_ask_and_construct(endpoint):
    assert sparql(endpoint, "ASK { ?s a <https://schema.org/Person> }", SPARQLWrapper.JSON)[
        "boolean"
    ]
    q = "CONSTRUCT WHERE { ?p a <https://schema.org/Person> }"
    graph = sparql(endpoint, q, SPARQLWrapper.TURTLE)
    triples = list(ox.parse(graph, ox.RdfFormat.TURTLE))
    assert len(triples) == 11


def test_serve_sparqlwrapper_named_query_text(endpoint):
    from kg.query import load_query

    data = sparql(endpoint, load_query("people-roles").text, SPARQLWrapper.JSON)
    rows = {(b["person"]["value"], b["role"]["value"]) for b in data["results"]["bindings"]}
    assert ("Dave Jones", "Interim Chief Constable") in rows


def test_serve_sparqlwrapper_refusals(endpoint):
    with pytest.raises(urllib.error.HTTPError) as err:
        sparql(
            endpoint, "INSERT DATA { <http://a> <http://b> <http://c> }", SPARQLWrapper.JSON, "POST"
        )
    assert err.value.code == 403
    with pytest.raises(SPARQLWrapper.SPARQLExceptions.QueryBadFormed):
        sparql(endpoint, "SELECT * WHERE { ?s ?p", SPARQLWrapper.JSON)


# ---------------------------------------------------------------------------
# curl: formats


@pytest.mark.parametrize(
    ("accept", "media", "check"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", '"Alan Billings"'),
        ("application/sparql-results+xml", "application/sparql-results+xml", "<literal>Alan"),
        ("text/csv", "text/csv", "n\r\nAlan Billings\r\n"),
        ("text/tab-separated-values", "text/tab-separated-values", '?n\n"Alan Billings"\n'),
        ("*/*", "application/sparql-results+json", '"Alan Billings"'),
        ("text/html,application/xml;q=0.9,*/*;q=0.8", "application/xml", "<literal>Alan"),
    ],
)
def test_serve_curl_select_formats(endpoint, accept, media, check):
    status, headers, body = curl(
        endpoint + "sparql", "-H", f"Accept: {accept}", "--data-urlencode", f"query={PERSON_NAMES}"
    )
    assert status == 200
    assert headers["content-type"].startswith(media)
    assert check in body
    assert "access-control-allow-origin" not in headers


def test_serve_curl_get_and_sparql_query_body(endpoint):
    status, _, body = curl(endpoint + "sparql", "-G", "--data-urlencode", f"query={COUNT_ALL}")
    assert status == 200
    n = json.loads(body)["results"]["bindings"][0]["n"]["value"]
    status, _, body = curl(
        endpoint + "sparql",
        "-H",
        "Content-Type: application/sparql-query",
        "-H",
        "Accept: text/csv",
        "--data-binary",
        COUNT_ALL,
    )
    assert status == 200 and body.splitlines()[1] == n


def test_serve_curl_construct_turtle(endpoint):
    q = "CONSTRUCT WHERE { ?p <https://schema.org/name> ?n }"
    status, headers, body = curl(
        endpoint + "sparql", "-H", "Accept: text/turtle", "--data-urlencode", f"query={q}"
    )
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert len(list(ox.parse(body.encode(), ox.RdfFormat.TURTLE))) > 10
    status, _, _ = curl(
        endpoint + "sparql", "-H", "Accept: image/png", "--data-urlencode", f"query={q}"
    )
    assert status == 406


# ---------------------------------------------------------------------------
# curl: read-only, closed, bounded, local


def count(endpoint: str) -> str:
    _, _, body = curl(
        endpoint + "sparql", "-H", "Accept: text/csv", "--data-urlencode", f"query={COUNT_ALL}"
    )
    return body.splitlines()[1]


@pytest.mark.parametrize(
    "args",
    [
        ("-H", "Content-Type: application/sparql-update", "--data-binary", "CLEAR ALL"),
        ("--data-urlencode", "update=DROP ALL"),
        ("--data-urlencode", "update=LOAD <file:///etc/passwd>"),
        ("--data-urlencode", "query=INSERT DATA { <http://a> <http://b> <http://c> }"),
        ("--data-urlencode", "query=CLEAR DEFAULT"),
        (
            "--data-urlencode",
            "query=SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }",
        ),
        ("--data-urlencode", "query=SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"),
        ("--data-urlencode", "query=SELECT * FROM NAMED <file:///etc/hosts> WHERE { ?s ?p ?o }"),
    ],
)
def test_serve_curl_refusals_change_nothing(endpoint, args):
    before = count(endpoint)
    status, _, body = curl(endpoint + "sparql", *args)
    assert status == 403, body
    assert "refused" in body
    assert count(endpoint) == before


def test_serve_curl_timeout_is_an_error_not_a_partial_200(endpoint):
    started = time.monotonic()
    status, _, body = curl(endpoint + "sparql", "--data-urlencode", f"query={SLOW}")
    assert status == 503
    assert "timed out after 1 s" in body
    assert time.monotonic() - started < 5
    # the killed worker is replaced: the endpoint still answers
    deadline = time.monotonic() + 10
    while True:
        status, _, _ = curl(endpoint + "sparql", "--data-urlencode", f"query={COUNT_ALL}")
        if status == 200 or time.monotonic() > deadline:
            break
    assert status == 200


def test_serve_curl_result_size_limit(endpoint):
    status, _, body = curl(
        endpoint + "sparql", "--data-urlencode", "query=SELECT * WHERE { ?s ?p ?o }"
    )
    assert status == 422 and "more than 50 rows" in body
    status, _, _ = curl(
        endpoint + "sparql", "--data-urlencode", "query=SELECT * WHERE { ?s ?p ?o } LIMIT 50"
    )
    assert status == 200


def test_serve_curl_malformed_is_400_with_position(endpoint):
    status, _, body = curl(endpoint + "sparql", "--data-urlencode", "query=SELECT * WHERE {")
    assert status == 400 and "line 1, column" in body


def test_serve_curl_foreign_host_and_methods(endpoint):
    status, _, _ = curl(
        endpoint + "sparql", "-H", "Host: attacker.example", "--data-urlencode", "query=ASK {}"
    )
    assert status == 403
    status, headers, _ = curl(
        endpoint + "sparql", "-X", "OPTIONS", "-H", "Origin: https://x.example"
    )
    assert status == 405 and "access-control-allow-origin" not in headers
    status, _, _ = curl(endpoint + "sparql", "-X", "PUT", "--data", "x")
    assert status == 405


def test_serve_curl_pages(endpoint):
    # issue 14: the page is kg/web/index.html (the ready-made questions and YASGUI),
    # its files under /web/, the questions as JSON under /queries
    status, headers, body = curl(endpoint)
    assert status == 200 and 'id="kg-question"' in body and "/web/yasgui.min.js" in body
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "connect-src 'self'" in csp
    status, headers, _ = curl(endpoint + "web/kg-query.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript")
    status, _, body = curl(endpoint + "queries")
    named = {q["name"]: q for q in json.loads(body)}
    assert [p["name"] for p in named["force-timeline"]["params"]] == ["force"]
    status, _, body = curl(endpoint + "graph.html")
    assert status == 200 and "the network" in body
    for path in ("../etc/passwd", "web/../serve.py", "web/%2e%2e/serve.py", "static/query.js"):
        status, _, _ = curl(endpoint + path, "--path-as-is")
        assert status == 404, path


def test_serve_memory_mode_on_a_store(tmp_path):
    from kg.store import write_store

    store = write_store(FIXTURE, tmp_path / "store")
    with running(["--store", str(store), "--memory", "--workers", "1"], tmp_path) as url:
        data = sparql(url, PERSON_NAMES, SPARQLWrapper.JSON)
        assert len(data["results"]["bindings"]) == 11
        q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?p <https://schema.org/name> ?n } }"
        status, _, body = curl(
            url + "sparql", "-H", "Accept: text/csv", "--data-urlencode", f"query={q}"
        )
        assert status == 200 and int(body.splitlines()[1]) > 11  # named graphs kept


# ---------------------------------------------------------------------------
# Negotiation, without a server


@pytest.mark.parametrize(
    ("accept", "kind", "expected"),
    [
        (None, "select", "sparql-json"),
        ("application/sparql-results+xml", "select", "sparql-xml"),
        ("text/csv;q=0.5, application/sparql-results+json;q=0.4", "select", "csv"),
        ("text/*", "select", "csv"),
        ("*/*", "graph", "turtle"),
        ("application/n-triples", "graph", "ntriples"),
        ("image/png", "select", None),
        ("text/csv;q=0", "select", None),
    ],
)
def test_serve_negotiate(accept, kind, expected):
    chosen = negotiate(accept, kind)
    assert (chosen[1] if chosen else None) == expected


# ---------------------------------------------------------------------------
# Issue 14: an endpoint every client can use

PEOPLE = "CONSTRUCT WHERE { ?p a <https://schema.org/Person> }"
DESCRIBE = "DESCRIBE <https://w3id.org/kg-oversight/id/person/sunita-gamblin>"


def wrapper(endpoint: str, query: str, fmt: str | None = None, accept: str | None = None):
    client = SPARQLWrapper.SPARQLWrapper(endpoint + "sparql")
    client.setQuery(query)
    if fmt is not None:
        client.setReturnFormat(fmt)
    if accept is not None:
        client.setOnlyConneg(True)
        client.addCustomHttpHeader("Accept", accept)
    client.setTimeout(20)
    return client.query()


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_serve_sparqlwrapper_select_every_format(endpoint, fmt, method):
    client = SPARQLWrapper.SPARQLWrapper(endpoint + "sparql")
    client.setQuery(PERSON_NAMES)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    data = client.query().convert()
    if fmt == "json":
        names = [b["n"]["value"] for b in data["results"]["bindings"]]
    elif fmt == "xml":
        names = [e.firstChild.data for e in data.getElementsByTagName("literal")]
    else:
        lines = data.decode().splitlines()[1:]
        names = [line.strip('"') for line in lines]
    assert len(names) == 11 and names[0] == "Alan Billings"


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        (None, "application/rdf+xml"),  # SPARQLWrapper's default for CONSTRUCT (406 before)
        ("json-ld", "application/ld+json"),
        ("rdf+xml", "application/rdf+xml"),
        ("xml", "application/rdf+xml"),
        ("turtle", "text/turtle"),
        ("n3", "text/turtle"),
    ],
)
@pytest.mark.parametrize("query", [PEOPLE, DESCRIBE], ids=["construct", "describe"])
def test_serve_sparqlwrapper_graphs_every_format(endpoint, query, fmt, media):
    result = wrapper(endpoint, query, fmt)
    assert result.response.headers["Content-Type"].startswith(media)
    graph = result.convert()  # an rdflib Graph, parsed by SPARQLWrapper; Turtle stays bytes
    if isinstance(graph, bytes):
        graph = list(ox.parse(graph, ox.RdfFormat.TURTLE))
    expected = len(run_query(FIXTURE, query).triples)
    assert len(graph) == expected > 0


def test_serve_sparqlwrapper_ntriples_by_accept(endpoint):
    result = wrapper(endpoint, PEOPLE, accept="application/n-triples")
    assert result.response.headers["Content-Type"].startswith("application/n-triples")
    body = result.response.read()
    assert len(list(ox.parse(body, ox.RdfFormat.N_TRIPLES))) == 11


def test_serve_rdflib_sparqlstore(endpoint):
    from rdflib import Graph, Namespace
    from rdflib.namespace import RDF
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    schema = Namespace("https://schema.org/")
    graph = Graph(store=SPARQLStore(endpoint + "sparql"))
    names = [str(row.n) for row in graph.query(PERSON_NAMES)]
    assert len(names) == 11 and names[0] == "Alan Billings"
    assert graph.query("ASK { ?s a <https://schema.org/Person> }").askAnswer is True
    assert len(graph.query(PEOPLE).graph) == 11
    assert len(list(graph.triples((None, RDF.type, schema.Person)))) == 11


@pytest.mark.parametrize(
    ("accept", "media", "fmt"),
    [
        (None, "text/turtle", ox.RdfFormat.TURTLE),
        ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    ],
)
def test_serve_service_description(endpoint, accept, media, fmt):
    args = ["-H", f"Accept: {accept}"] if accept else []
    status, headers, body = curl(endpoint + "sparql", *args)
    assert status == 200 and headers["content-type"].startswith(media)
    sd = "http://www.w3.org/ns/sparql-service-description#"
    triples = list(ox.parse(body.encode(), fmt))
    values = {(t.predicate.value, t.object.value) for t in triples}
    assert (sd + "endpoint", endpoint + "sparql") in values
    assert (sd + "supportedLanguage", sd + "SPARQL11Query") in values
    assert (sd + "resultFormat", "http://www.w3.org/ns/formats/RDF_XML") in values
    status, headers, _ = curl(endpoint + "sparql", "-H", "Accept: text/html")
    assert status == 303 and headers["location"] == "/"


def test_serve_ask_follows_the_protocol(endpoint):
    ask = "query=ASK { ?s a <https://schema.org/Person> }"
    for accept in ("text/csv", "text/tab-separated-values", "text/turtle"):
        status, _, body = curl(
            endpoint + "sparql", "-H", f"Accept: {accept}", "--data-urlencode", ask
        )
        assert status == 406, (accept, body)
        assert "application/sparql-results+json" in body
    status, headers, body = curl(
        endpoint + "sparql", "-H", "Accept: text/csv, */*;q=0.1", "--data-urlencode", ask
    )
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+json")
    assert json.loads(body)["boolean"] is True
    status, headers, body = curl(
        endpoint + "sparql", "-H", "Accept: application/sparql-results+xml", "--data-urlencode", ask
    )
    assert status == 200 and "<boolean>true</boolean>" in body


def test_serve_format_parameter_uses_kg_names(endpoint):
    for fmt, media in [
        ("ttl", "text/turtle"),
        ("nt", "application/n-triples"),
        ("json-ld", "application/ld+json"),
        ("rdf", "application/rdf+xml"),
        ("nquads", "application/n-quads"),
        ("trig", "application/trig"),
    ]:
        status, headers, body = curl(
            endpoint + "sparql",
            "--data-urlencode",
            f"query={PEOPLE}",
            "--data-urlencode",
            f"format={fmt}",
        )
        assert status == 200 and headers["content-type"].startswith(media), (fmt, body[:200])


def test_serve_named_query_endpoint(endpoint):
    status, headers, body = curl(
        endpoint + "query/force-timeline?force=Lancashire%20Constabulary&format=csv"
    )
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert body.splitlines()[0] == "date,event,what,who,article"
    assert len(body.splitlines()) == 8
    status, headers, body = curl(endpoint + "query/people-roles?format=json")
    assert headers["content-type"].startswith("application/json")
    assert {"person", "role", "organization"} == set(json.loads(body)[0])
    status, _, body = curl(endpoint + "query/force-timeline")
    assert status == 400 and "needs --param force" in body
    status, _, _ = curl(endpoint + "query/no-such-query")
    assert status == 404


def test_serve_notices_a_rebuilt_store(tmp_path):
    """A new build's store is served without a restart and without a failed request."""
    import shutil

    from kg.store import swap_dir, write_store

    store = write_store(FIXTURE, tmp_path / "store")
    smaller = tmp_path / "smaller.ttl"
    smaller.write_text("<http://example.org/a> a <https://schema.org/Person> .\n")
    with running(["--store", str(store)], tmp_path) as url:
        assert count(url) != "1"
        fresh = tmp_path / "fresh"
        write_store(smaller, fresh)
        swap_dir(fresh, store)  # what a build does
        seen = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            status, _, body = curl(
                url + "sparql", "-H", "Accept: text/csv", "--data-urlencode", f"query={COUNT_ALL}"
            )
            seen.append((status, body.splitlines()[1] if status == 200 else body))
            if seen[-1] == (200, "1"):
                break
        assert {s for s, _ in seen} == {200}, seen
        assert seen[-1] == (200, "1")
    shutil.rmtree(tmp_path, ignore_errors=True)
