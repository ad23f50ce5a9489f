"""kg/query.py and kg/store.py on a hand-written graph (tests/data/query/fixture.trig)."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import ExportError, InputError, QueryError, UsageError
from kg.query import (
    RESULT_FORMATS,
    QueryRefused,
    QueryTimeout,
    ResultTooLarge,
    bind_params,
    check_query,
    list_queries,
    load_query,
    param_term,
    parse_header,
    run_query,
)
from kg.store import is_store, load_file, open_store, write_store

DATA = Path(__file__).parent / "data" / "query"
FIXTURE = DATA / "fixture.trig"
LANCS = "Lancashire Constabulary"
SYP = "South Yorkshire Police"
# About 3 s on the fixture: long enough to time out, short enough that the
# abandoned thread (pyoxigraph cannot cancel) does not burn a core for the session.
SLOW = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . "
    "?g <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?i }"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture written as a persistent store, as `kg build` writes one."""
    return write_store(FIXTURE, tmp_path_factory.mktemp("q") / "store")


def rows(name: str, params: dict | None = None, source: object = FIXTURE) -> list[dict]:
    return run_query(source, name, params).records()  # type: ignore[arg-type]


def tuples(name: str, keys: str, params: dict | None = None) -> list[tuple]:
    return [tuple(r[k] for k in keys.split()) for r in rows(name, params)]


# ---------------------------------------------------------------------------
# The five queries other work relies on (issue 2's interface)


def test_query_people_roles_rows():
    assert tuples("people-roles", "person role organization") == [
        ("Alan Billings", "Police and Crime Commissioner", SYP),
        ("Amber Rudd", "Home Secretary", "Home Office"),
        ("Andy Rhodes", "Acting Chief Constable", LANCS),
        ("Clive Grunshaw", "Police and Crime Commissioner", LANCS),
        ("Dave Jones", "Interim Chief Constable", SYP),
        ("David Crompton", "Former Chief Constable", SYP),  # not the current holder
        ("John Smith", "Chief Executive", SYP),  # kgo:roleLabel, outside the scheme
        ("Mike Cunningham", "HM Inspector of Constabulary", "HMICFRS"),
        ("Peter McCall", "Police and Crime Commissioner", "Cumbria Constabulary"),
        ("Stephen Watson", "Chief Constable", SYP),
        ("Sunita Gamblin", "Deputy Chief Constable", LANCS),  # stated twice, one row
    ]


def test_query_organizations_rows():
    assert tuples("organizations", "organization type") == [
        ("Cleveland Police", "PoliceForce"),
        ("College of Policing", "Other"),
        ("Cumbria Constabulary", "PoliceForce"),
        ("HMICFRS", "Inspectorate"),
        ("Home Office", "GovernmentBody"),
        (LANCS, "PoliceForce"),
        (SYP, "PoliceForce"),
    ]  # Durham Constabulary is in the reference data but no article mentions it


def test_query_reports_rows():
    r = "https://w3id.org/kg-oversight/id/report/"
    assert tuples("reports", "report publisher subject published kind") == [
        (r + "r4", "HMICFRS", SYP, "2016", "PEEL assessment"),
        (r + "r3", "HMICFRS", "Cleveland Police", "2017-09", "child protection"),
        (r + "r3", "HMICFRS", "Cumbria Constabulary", "2017-09", "child protection"),
        (r + "r5", "HMICFRS", SYP, "2017-12-12", "legitimacy"),
        # two articles word r1 differently: one row, the kind from the scheme
        (r + "r1", "HMICFRS", LANCS, "2018-03-08", "child protection"),
        (r + "r2", "HMICFRS", LANCS, "2019-04-11", "post-inspection review"),
    ]


def test_query_quotes_rows_every_speaker():
    got = tuples("quotes", "speaker speakerType article text")
    assert [(s, k, a) for s, k, a, _ in got] == [
        ("Sunita Gamblin", "Person", "a1_lancashire-2018.txt"),
        (LANCS, "Organization", "a1_lancashire-2018.txt"),  # "The force said: ..."
        ("Sunita Gamblin", "Person", "a2_lancashire-2019.txt"),
        ("HMICFRS", "Report", "a2_lancashire-2019.txt"),  # "The review says ...": its publisher
        ("Clive Grunshaw", "Person", "a2_lancashire-2019.txt"),
        ("Mike Cunningham", "Person", "a3_cumbria-2017.html"),
        ("Peter McCall", "Person", "a3_cumbria-2017.html"),
        ("Alan Billings", "Person", "a4_south-yorks-2016.txt"),
        ("Home Office", "Organization", "a4_south-yorks-2016.txt"),
        ("Stephen Watson", "Person", "a5_south-yorks-2017.md"),
    ]
    assert got[0][3] == "The findings are concerning and we are acting on them."


def test_query_articles_rows():
    assert tuples("articles", "article title published publisher") == [
        (
            "a1_lancashire-2018.txt",
            "Lancashire child protection found inadequate",
            "2018-03-08",
            "BBC",
        ),
        (
            "a2_lancashire-2019.txt",
            "Lancashire praised for progress on child protection",
            "2019-04-11",
            LANCS,
        ),
        (
            "a3_cumbria-2017.html",
            "Child protection inspections of Cumbria and Cleveland",
            None,
            "Police Professional",
        ),
        (
            "a4_south-yorks-2016.txt",
            "South Yorkshire Police told it requires improvement",
            "2016-11-03",
            None,
        ),
        (
            "a5_south-yorks-2017.md",
            "South Yorkshire Police rated good for legitimacy",
            "2017-12-12",
            "Yorkshire Post",
        ),
    ]


# ---------------------------------------------------------------------------
# The wider competency queries


def test_query_statements_every_speaker_kind():
    got = tuples("statements", "speakerType speaker article")
    assert ("Organization", LANCS, "a1_lancashire-2018.txt") in got
    assert ("Organization", "Home Office", "a4_south-yorks-2016.txt") in got
    assert ("Report", "HMICFRS", "a2_lancashire-2019.txt") in got  # (the fixture's r2 has no title)
    assert len(got) == 10
    assert {k for k, *_ in got} == {"Person", "Organization", "Report"}


def test_query_force_timeline_in_date_order():
    got = tuples("force-timeline", "date event who article", {"force": "lancashire constabulary"})
    assert got == [
        ("2018-03-08", "report", "HMICFRS", "a1_lancashire-2018.txt"),
        ("2018-03-08", "statement", LANCS, "a1_lancashire-2018.txt"),
        ("2018-03-08", "statement", "Sunita Gamblin", "a1_lancashire-2018.txt"),
        ("2019-04-11", "report", "HMICFRS", "a2_lancashire-2019.txt"),
        ("2019-04-11", "statement", "Clive Grunshaw", "a2_lancashire-2019.txt"),
        ("2019-04-11", "statement", "HMICFRS", "a2_lancashire-2019.txt"),  # quoted from its report
        ("2019-04-11", "statement", "Sunita Gamblin", "a2_lancashire-2019.txt"),
    ]


def test_query_force_timeline_by_iri():
    by_iri = rows(
        "force-timeline", {"force": param_term("<https://w3id.org/kg-oversight/id/org/lancashire>")}
    )
    assert by_iri == rows("force-timeline", {"force": LANCS})


def test_query_force_spokespeople_rows():
    assert tuples("force-spokespeople", "organization person role quotes") == [
        ("Cumbria Constabulary", "Peter McCall", "Police and Crime Commissioner", 1),
        (LANCS, "Sunita Gamblin", "Deputy Chief Constable", 2),
        (LANCS, "Clive Grunshaw", "Police and Crime Commissioner", 1),
        (SYP, "Alan Billings", "Police and Crime Commissioner", 1),
        (SYP, "Stephen Watson", "Chief Constable", 1),
    ]
    assert len(rows("force-spokespeople", {"force": "Cumbria Constabulary"})) == 1


def test_query_role_holders_history_with_dates():
    assert tuples(
        "role-holders", "date person position organization", {"role": "Chief Constable"}
    ) == [
        ("2016-11-03", "Dave Jones", "Interim Chief Constable", SYP),
        ("2016-11-03", "David Crompton", "Former Chief Constable", SYP),
        ("2017-12-12", "Stephen Watson", "Chief Constable", SYP),
        ("2018-03-08", "Andy Rhodes", "Acting Chief Constable", LANCS),
    ]
    # an abbreviation (skos:altLabel) and a force
    assert tuples("role-holders", "person date", {"role": "pcc", "force": LANCS}) == [
        ("Clive Grunshaw", "2019-04-11")
    ]
    # undated: the article gave no date
    assert tuples(
        "role-holders", "person date", {"role": "PCC", "force": "Cumbria Constabulary"}
    ) == [("Peter McCall", None)]


def test_query_reports_per_inspectorate_year():
    assert tuples("reports-per-inspectorate-year", "inspectorate year reports") == [
        ("HMICFRS", "2016", 1),
        ("HMICFRS", "2017", 2),
        ("HMICFRS", "2018", 1),
        ("HMICFRS", "2019", 1),
    ]


def test_query_critical_then_later():
    got = tuples("critical-then-later", "force criticalPublished nextPublished laterReports")
    assert got == [
        (LANCS, "2018-03-08", "2019-04-11", 1),
        (SYP, "2016", "2017-12-12", 1),
    ]
    why = [r["why"] for r in rows("critical-then-later")]
    assert "inadequate" in why[0] and "requires improvement" in why[1]


def test_query_articles_mentioning_by_alias_and_person():
    assert tuples("articles-mentioning", "article name", {"entity": "Lancashire Police"}) == [
        ("a1_lancashire-2018.txt", LANCS),
        ("a2_lancashire-2019.txt", LANCS),
    ]
    assert tuples("articles-mentioning", "article type", {"entity": "sunita gamblin"}) == [
        ("a1_lancashire-2018.txt", "Person"),
        ("a2_lancashire-2019.txt", "Person"),
    ]


def test_query_co_mentioned():
    assert tuples("co-mentioned", "first second articles", {"entity": "Sunita Gamblin"}) == [
        ("Sunita Gamblin", "HMICFRS", 2),
        ("Sunita Gamblin", LANCS, 2),
        ("Sunita Gamblin", "Andy Rhodes", 1),
        ("Sunita Gamblin", "Clive Grunshaw", 1),
    ]
    pairs = tuples("co-mentioned", "first second")
    assert len(pairs) == len(set(pairs)) == len({frozenset(p) for p in pairs})


def test_query_evidence_for_a_fact_and_an_entity():
    report = param_term("<https://w3id.org/kg-oversight/id/report/r1>")
    assert tuples("evidence", "factType article start end", {"fact": report}) == [
        ("report", "a1_lancashire-2018.txt", 81, 200),
        ("report", "a2_lancashire-2019.txt", 71, 150),
    ]
    got = rows("evidence", {"entity": "Sunita Gamblin"})
    assert [r["factType"] for r in got] == ["membership", "quotation", "membership", "quotation"]
    assert got[0]["sentence"].startswith("Lancashire Constabulary's Deputy Chief Constable")


def test_query_pcc_statements():
    assert tuples("pcc-statements", "pcc organization article") == [
        ("Peter McCall", "Cumbria Constabulary", "a3_cumbria-2017.html"),
        ("Alan Billings", SYP, "a4_south-yorks-2016.txt"),
        ("Clive Grunshaw", LANCS, "a2_lancashire-2019.txt"),
    ]


# ---------------------------------------------------------------------------
# The catalogue


def test_query_catalogue_headers():
    named = list_queries()
    assert len(named) >= 12
    for q in named:
        assert q.path is not None and q.name == q.path.stem
        assert q.question.strip(), q.name
        assert q.text.lstrip().startswith("# name:")


@pytest.mark.parametrize("named", list_queries(), ids=lambda q: q.name)
def test_query_every_file_runs_on_fixture(named, store):
    params = {p.name: "x" for p in named.params if p.required}
    on_file = run_query(FIXTURE, named, params)
    on_store = run_query(store, named, params)
    assert on_file.kind == "select"
    assert on_file.rows == on_store.rows
    # every parameter can be bound at once (a BIND of a bound variable would not parse)
    run_query(FIXTURE, named, {p.name: "x" for p in named.params})


def test_query_parse_header_params():
    q = parse_header("# name: t\n# question: Q?\n# params: a - first; b? - second;\n#   c\nSELECT")
    assert [(p.name, p.required) for p in q.params] == [("a", True), ("b", False), ("c", True)]
    assert q.params[1].description == "second"


def test_query_load_unknown_name():
    with pytest.raises(UsageError, match="no query named"):
        load_query("no-such-query")


# ---------------------------------------------------------------------------
# Parameters


def test_query_injection_probe_finds_nothing():
    probe = 'nobody" || true || "'
    for name, key in [("articles-mentioning", "entity"), ("force-timeline", "force")]:
        assert rows(name, {key: probe}) == []
    assert rows("role-holders", {"role": probe}) == []
    text, _, _ = bind_params("SELECT * WHERE { ?s ?p ?o }", {"x": probe})
    assert '"nobody\\" || true || \\""' in text


def test_query_params_are_checked():
    with pytest.raises(UsageError, match="needs --param force"):
        run_query(FIXTURE, "force-timeline")
    with pytest.raises(UsageError, match="no parameter colour"):
        run_query(FIXTURE, "people-roles", {"colour": "red"})
    with pytest.raises(UsageError, match="bad parameter name"):
        run_query(FIXTURE, "SELECT * WHERE { ?s ?p ?o }", {"a b": "x"})


def test_query_params_typed_terms():
    q = "SELECT ?v WHERE { BIND (DATATYPE(?x) AS ?v) }"
    assert run_query(FIXTURE, q, {"x": 3}).records() == [
        {"v": "http://www.w3.org/2001/XMLSchema#integer"}
    ]
    assert param_term("<https://example.org/a>") == ox.NamedNode("https://example.org/a")
    assert param_term("plain") == ox.Literal("plain")


def test_query_values_go_into_the_where_group():
    text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    bound, at, _ = bind_params(text, {"s": ox.NamedNode("http://a")})
    assert at == text.index("WHERE {") + len("WHERE {")
    assert bound.count("VALUES") == 1


# ---------------------------------------------------------------------------
# Refusals, errors, limits


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { service silent ?x { ?s ?p ?o } }",
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        "PREFIX f: <file:///etc/> SELECT * FROM NAMED f:passwd WHERE { GRAPH ?g { ?s ?p ?o } }",
        "BASE <file:///etc/> SELECT * FROM <passwd> WHERE { ?s ?p ?o }",
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "PREFIX x: <http://x/> DROP ALL",
        "LOAD <file:///etc/passwd>",
        "SELECT * WHERE { \\u0053ERVICE <http://example.org/s> { ?s ?p ?o } }",
        "SELECT * FROM <\\u0066ile:///etc/passwd> WHERE { ?s ?p ?o }",
        # issue 16: FROM of any IRI, and SERVICE run together with a name
        "SELECT * FROM <https://w3id.org/kg-oversight/id/graph/a1> WHERE { ?s ?p ?o } LIMIT 1",
        "PREFIX : <http://example.org/> SELECT * WHERE { SERVICE:x { ?s ?p ?o } }",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { SERVICEex:x { ?s ?p ?o } }",
    ],
)
def test_query_refused(text):
    with pytest.raises(QueryRefused):
        run_query(FIXTURE, text)


@pytest.mark.parametrize(
    "text",
    [
        'SELECT ?x WHERE { BIND ("SERVICE <http://x> { }" AS ?x) }',
        "SELECT ?x # SERVICE <http://x>\nWHERE { BIND (<http://example.org/SERVICE> AS ?x) }",
        "SELECT * WHERE { GRAPH <https://w3id.org/kg-oversight/id/graph/a1> { ?s ?p ?o } } LIMIT 1",
        "SELECT * WHERE { ?s ?p ?o FILTER (?o < 3 && ?o > 1) }",
    ],
)
def test_query_not_refused(text):
    check_query(text)
    run_query(FIXTURE, text)


def test_query_malformed_has_position():
    with pytest.raises(QueryError, match=r"line 2, column 16") as err:
        run_query(FIXTURE, "SELECT *\nWHERE { ?s ?p }")
    assert "\n" not in str(err.value)


def test_query_malformed_position_ignores_bound_values():
    # the VALUES block goes in after "{" on line 1; the error column is as written
    text = "SELECT * WHERE { ?s ?p }"
    with pytest.raises(QueryError) as plain:
        run_query(FIXTURE, text)
    with pytest.raises(QueryError) as bound:
        run_query(FIXTURE, text, {"p": "a long value " * 5})
    assert str(plain.value) == str(bound.value)
    assert "line 1, column 25" in str(plain.value)


def test_query_timeout():
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="timed out after 0.3 s"):
        run_query(FIXTURE, SLOW, timeout=0.3)
    assert time.monotonic() - started < 2
    assert QueryTimeout.exit_code == 3


def test_query_max_rows():
    with pytest.raises(ResultTooLarge, match="more than 5 rows"):
        run_query(FIXTURE, "SELECT * WHERE { ?s ?p ?o }", max_rows=5)
    assert len(run_query(FIXTURE, "SELECT * WHERE { ?s ?p ?o } LIMIT 5", max_rows=5)) == 5


# ---------------------------------------------------------------------------
# Graph sources and the store


def test_store_default_graph_is_a_set_union(store):
    # Sunita Gamblin is named in two article graphs; she matches once.
    q = 'SELECT (COUNT(*) AS ?n) WHERE { ?p <https://schema.org/name> "Sunita Gamblin" }'
    assert run_query(store, q).records() == [{"n": 1}]
    assert run_query(FIXTURE, q).records() == [{"n": 1}]
    per_graph = 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?p <https://schema.org/name> "Sunita Gamblin" } }'
    assert run_query(store, per_graph).records() == [{"n": 2}]


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf"])
def test_query_any_rdf_file(tmp_path, suffix):
    quads = list(ox.parse(path=str(FIXTURE)))
    path = tmp_path / f"graph{suffix}"
    fmt = ox.RdfFormat.from_extension(suffix[1:]) or ox.RdfFormat.RDF_XML
    if fmt.supports_datasets:
        ox.serialize(quads, str(path), fmt)
    else:
        ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), str(path), fmt)
    assert rows("people-roles", source=path) == rows("people-roles")


def test_query_bad_sources(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        run_query(tmp_path / "missing.ttl", "people-roles")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n")
    with pytest.raises(InputError, match="bad.ttl: not valid Turtle"):
        run_query(bad, "people-roles")
    with pytest.raises(InputError, match="unknown RDF file extension"):
        load_file(tmp_path / "graph.docx")
    with pytest.raises(InputError, match="not a kg store"):
        run_query(tmp_path, "people-roles")
    with pytest.raises(InputError, match="no such file or store"):
        run_query(tmp_path / "nothing", "people-roles")


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_store_write_from_rdflib_dataset(tmp_path):
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(FIXTURE, format="trig")
    path = write_store(ds, tmp_path / "store")
    assert is_store(path)
    assert rows("people-roles", source=path) == rows("people-roles")
    assert rows("reports", source=path) == rows("reports")


def test_store_is_read_only(store):
    s = open_store(store)
    with pytest.raises(RuntimeError, match="read-write"):
        s.update("INSERT DATA { <http://a> <http://b> <http://c> }")
    assert not any(s.quads_for_pattern(ox.NamedNode("http://a"), None, None))


def test_store_replaces_atomically(tmp_path):
    target = write_store(FIXTURE, tmp_path / "store")

    def broken():
        yield from list(ox.parse(path=str(FIXTURE)))[:10]
        raise RuntimeError("disk full")

    with pytest.raises(ExportError, match="disk full"):
        write_store(broken(), target)
    assert rows("people-roles", source=target) == rows("people-roles")  # the old one, intact
    home = (tmp_path / "store").resolve()  # "store" links to its hidden folder
    left = sorted(p.name for p in tmp_path.iterdir() if p != home)
    assert left == ["store"]  # no temporary left behind
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "keep.txt").write_text("mine")
    with pytest.raises(ExportError, match="not a kg store"):
        write_store(FIXTURE, tmp_path / "notes")
    write_store(FIXTURE, target)  # replacing a store is fine
    assert is_store(target)


def test_query_default_graph_source(tmp_path, monkeypatch):
    from kg.query import default_graph_source

    with pytest.raises(InputError, match="run `kg build` first"):
        default_graph_source(tmp_path)
    (tmp_path / "graph.ttl").write_text("")
    assert default_graph_source(tmp_path) == tmp_path / "graph.ttl"
    write_store(FIXTURE, tmp_path / "store")
    assert default_graph_source(tmp_path) == tmp_path / "store"


# ---------------------------------------------------------------------------
# Output formats


def test_query_render_table_aligned():
    out = run_query(FIXTURE, "organizations").render("table")
    lines = out.splitlines()
    assert lines[0].split() == ["organization", "type"]
    assert lines[-1] == "(7 rows)"
    assert len({line.index("PoliceForce") for line in lines if "PoliceForce" in line}) == 1


def test_query_render_csv_and_tsv():
    res = run_query(FIXTURE, "articles")
    table = list(csv.reader(io.StringIO(res.render("csv"))))
    assert table[0] == ["article", "title", "published", "publisher"]
    assert table[4] == [
        "a4_south-yorks-2016.txt",
        "South Yorkshire Police told it requires improvement",
        "2016-11-03",
        "",
    ]
    assert res.render("csv").endswith("\r\n")
    tsv = run_query(FIXTURE, 'SELECT ?x WHERE { BIND ("a\\tb\\nc" AS ?x) }').render("tsv")
    assert tsv == "x\na\\tb\\nc\n"


def test_query_render_json_types_and_nulls():
    res = run_query(FIXTURE, "articles")
    data = json.loads(res.render("json"))
    assert data[2]["published"] is None and data[3]["publisher"] is None
    counts = json.loads(run_query(FIXTURE, "reports-per-inspectorate-year").render("json"))
    assert counts[0] == {"inspectorate": "HMICFRS", "year": "2016", "reports": 1}


@pytest.mark.parametrize(
    ("fmt", "rfmt"),
    [
        ("sparql-json", ox.QueryResultsFormat.JSON),
        ("sparql-xml", ox.QueryResultsFormat.XML),
        ("sparql-tsv", ox.QueryResultsFormat.TSV),
    ],
)
def test_query_render_standard_results_reparse(fmt, rfmt):
    q = (
        "SELECT ?s ?label ?n ?unbound WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> "
        "?label OPTIONAL { ?s <http://nothing> ?unbound } BIND (3 AS ?n) } ORDER BY ?s LIMIT 3"
    )
    res = run_query(FIXTURE, q)
    parsed = ox.parse_query_results(res.render(fmt).encode(), rfmt)
    assert [v.value for v in parsed.variables] == ["s", "label", "n", "unbound"]
    back = [tuple(sol[v] for v in ("s", "label", "n", "unbound")) for sol in parsed]
    assert back == [tuple(r) for r in res.rows]
    assert back[0][1].language == "en"
    ask = run_query(FIXTURE, "ASK { ?s a <https://schema.org/Person> }").render(fmt)
    if rfmt != ox.QueryResultsFormat.TSV:
        assert bool(ox.parse_query_results(ask.encode(), rfmt)) is True


def test_query_render_turtle_for_construct():
    q = "CONSTRUCT { ?p <https://schema.org/name> ?n } WHERE { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?n }"
    res = run_query(FIXTURE, q)
    assert res.kind == "graph"
    triples = list(ox.parse(res.render("turtle").encode(), ox.RdfFormat.TURTLE))
    assert len(triples) == len(res.triples) == 11
    with pytest.raises(QueryError, match="needs a SELECT or ASK"):
        res.render("sparql-json")
    with pytest.raises(QueryError, match="needs a CONSTRUCT or DESCRIBE"):
        run_query(FIXTURE, "people-roles").render("turtle")


def test_query_render_every_format_for_select():
    res = run_query(FIXTURE, "people-roles")
    for fmt in RESULT_FORMATS:
        assert "Sunita Gamblin" in res.render(fmt)


# ---------------------------------------------------------------------------
# The command


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_cli_query_json_interface():
    result = invoke("query", "people-roles", "--graph", str(FIXTURE), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data[0]) == {"person", "role", "organization"}


def test_cli_query_list():
    result = invoke("query", "--list")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == [q.name for q in list_queries()]
    assert "(--param force=...)" in result.stdout


def test_cli_query_param_and_stdin_and_file(tmp_path):
    result = invoke(
        "query", "force-timeline", "--graph", str(FIXTURE), "--param", f"force={LANCS}", "-f", "csv"
    )
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 8
    result = invoke("query", "--graph", str(FIXTURE), input="ASK { ?s ?p ?o }")
    assert result.stdout == "true\n"
    rq = tmp_path / "mine.rq"
    rq.write_text("SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n } ORDER BY ?n LIMIT 1")
    result = invoke("query", str(rq), "--graph", str(FIXTURE), "-f", "tsv")
    assert result.stdout == "n\nAlan Billings\n"


def test_cli_query_errors_are_one_line():
    cases = [
        (("-e", "SELECT * WHERE {"), 2, r"malformed query at line 1, column \d+"),
        (("-e", "SELECT * WHERE { SERVICE <http://x> { ?s ?p ?o } }"), 2, "refused: SERVICE"),
        (("force-timeline",), 2, "needs --param force"),
        (("-e", SLOW, "--timeout", "0.3"), 3, "timed out"),
        (("people-roles", "--param", "oops"), 2, "NAME=VALUE"),
    ]
    for args, code, message in cases:
        result = invoke("query", *args, "--graph", str(FIXTURE))
        assert result.exit_code == code, (args, result.output)
        assert re.search(message, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1


def test_cli_query_no_graph(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("query", "people-roles")
    assert result.exit_code == 1
    assert "run `kg build` first" in result.stderr


# ---------------------------------------------------------------------------
# The real corpus, built once for the session by tests/conftest.py


def test_query_on_built_corpus(built):
    source = built / "store" if is_store(built / "store") else built / "graph.ttl"
    for name in ("people-roles", "organizations", "reports", "quotes", "articles"):
        assert run_query(source, name).rows, name
    timeline = run_query(source, "force-timeline", {"force": LANCS}).records()
    assert any(r["event"] == "report" for r in timeline)
    assert any(r["who"] == "Sunita Gamblin" for r in timeline)


# ---------------------------------------------------------------------------
# Issue 14: one set of format names, and the command's small edges


def test_query_rdf_format_names_are_one_table():
    from kg.query import FORMAT_NAMES, OX_RDF_FORMATS, RDF_FORMATS, format_name

    assert set(RDF_FORMATS.values()) == set(OX_RDF_FORMATS)
    for alias, canonical in {
        "ttl": "turtle",
        "nt": "ntriples",
        "nq": "nquads",
        "json-ld": "jsonld",
        "rdf": "rdfxml",
        "xml": "rdfxml",
        "TriG": "trig",
    }.items():
        assert format_name(alias) == canonical
    with pytest.raises(UsageError, match="unknown format 'n4'"):
        format_name("n4")
    option = next(p for p in cli.commands["query"].params if p.name == "fmt")
    assert set(option.type.choices) == set(FORMAT_NAMES)
    # kg build --format takes every RDF name too
    option = next(p for p in cli.commands["build"].params if p.name == "formats")
    assert set(option.type.choices) == set(RDF_FORMATS)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("turtle", ox.RdfFormat.TURTLE),
        ("ttl", ox.RdfFormat.TURTLE),
        ("nt", ox.RdfFormat.N_TRIPLES),
        ("nq", ox.RdfFormat.N_QUADS),
        ("trig", ox.RdfFormat.TRIG),
        ("json-ld", ox.RdfFormat.JSON_LD),
        ("jsonld", ox.RdfFormat.JSON_LD),
        ("rdf", ox.RdfFormat.RDF_XML),
        ("xml", ox.RdfFormat.RDF_XML),
        ("rdfxml", ox.RdfFormat.RDF_XML),
    ],
)
def test_cli_query_construct_in_every_rdf_format(name, fmt):
    q = "CONSTRUCT WHERE { ?p a schema:Person ; schema:name ?n }"
    result = invoke("query", "-e", q, "--graph", str(FIXTURE), "--format", name)
    assert result.exit_code == 0, result.stderr
    parsed = list(ox.parse(result.stdout.encode(), fmt))
    assert len(parsed) == 22  # 11 people, a type and a name each


def test_cli_query_select_with_a_graph_format_is_one_line_error():
    result = invoke("query", "people-roles", "--graph", str(FIXTURE), "--format", "ttl")
    assert result.exit_code == 2
    assert "needs a CONSTRUCT or DESCRIBE query" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_query_named_query_with_rq_suffix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no people-roles.rq here: the shipped one
    plain = invoke("query", "people-roles", "--graph", str(FIXTURE), "-f", "csv")
    suffixed = invoke("query", "people-roles.rq", "--graph", str(FIXTURE), "-f", "csv")
    assert suffixed.exit_code == 0, suffixed.stderr
    assert suffixed.stdout == plain.stdout and "Sunita Gamblin" in plain.stdout


def test_cli_query_dash_reads_stdin():
    result = invoke("query", "-", "--graph", str(FIXTURE), "-f", "csv", input=PERSON_COUNT)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["n", "11"]


PERSON_COUNT = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a schema:Person }"


def test_cli_query_unknown_prefix_is_named():
    result = invoke("query", "-e", "SELECT * WHERE { ?s foo:bar ?o }", "--graph", str(FIXTURE))
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "prefix foo: is not declared" in line and "\n" not in line
    assert "\\u{" not in line and "..=" not in line  # none of the parser's internals


def test_cli_query_malformed_message_has_no_parser_internals():
    result = invoke("query", "-e", "SELECT * WHERE { ?s ?p ", "--graph", str(FIXTURE))
    assert result.exit_code == 2
    assert re.search(r"malformed query at line 1, column \d+: expected", result.stderr)
    assert "\\u{" not in result.stderr and "..=" not in result.stderr
