"""kg/export.py: canonical bytes, parse-back with pyoxigraph, and atomic replacement."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from kg import export
from kg.errors import ExportError, UsageError
from kg.export import canonical, sorted_quads, write_atomic, write_exports
from kg.formats import FORMATS, export_file, format_name
from kg.vocab import ID, KGO, OA, ORGS, PROV, SCHEMA

Quad = tuple[Node, Node, Node, URIRef | None]

ARTICLE = ID["article/003-x"]
GRAPH = ID["graph/003-x"]
QUOTE = ID["quote/003-x/120"]
TRICKY = (
    'He said "it\'s \'fine\'" \\ then\nleft;\r\n\ttab <script>alert("x")</script> '
    "\u200fמשטרה\u200e \U0001f6a8 é\u0301 ]]> --> \u2028end"
)


def _quads() -> list[Quad]:
    """A small kg-shaped dataset: reference data, one article's graph, its provenance."""
    ref = ID["graph/reference"]
    return [
        (ORGS.lancashire, RDF.type, KGO.PoliceForce, ref),
        (ORGS.lancashire, KGO.policeArea, Literal("Lancashire"), ref),
        (ORGS.lancashire, SCHEMA.name, Literal("Lancashire Constabulary", lang="en"), ref),
        (GRAPH, PROV.wasDerivedFrom, ARTICLE, None),
        (ARTICLE, RDF.type, SCHEMA.NewsArticle, GRAPH),
        (ARTICLE, KGO.fileName, Literal("003_x.txt"), GRAPH),
        (ARTICLE, SCHEMA.datePublished, Literal("2018-03-08", datatype=XSD.date), GRAPH),
        (ARTICLE, SCHEMA.mentions, ORGS.lancashire, GRAPH),
        (QUOTE, RDF.type, SCHEMA.Quotation, GRAPH),
        (QUOTE, SCHEMA.text, Literal(TRICKY), GRAPH),
        (QUOTE, SCHEMA.isPartOf, ARTICLE, GRAPH),
        (ID["evidence/003-x/120-245"], OA.start, Literal(120), GRAPH),
        (ID["evidence/003-x/120-245"], OA.end, Literal(245), GRAPH),
        # the same triple in two graphs: once in the union, twice in TriG
        (ARTICLE, RDF.type, SCHEMA.NewsArticle, None),
    ]


def _dataset(quads: list[Quad]) -> Dataset:
    ds = Dataset()
    for s, p, o, g in quads:
        (ds.default_graph if g is None else ds.graph(g)).add((s, p, o))
    return ds


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.fixture
def written(tmp_path: Path) -> Path:
    write_exports(_dataset(_quads()), tmp_path / "exports")
    return tmp_path / "exports"


def test_export_writes_the_four_files(tmp_path: Path) -> None:
    paths = write_exports(_dataset(_quads()), tmp_path / "exports")
    assert paths == {
        "turtle": tmp_path / "exports" / "graph.ttl",
        "trig": tmp_path / "exports" / "graph.trig",
        "jsonld": tmp_path / "exports" / "graph.jsonld",
        "ntriples": tmp_path / "exports" / "graph.nt",
    }
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == sorted(
        p.name for p in paths.values()
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_export_is_byte_identical_whatever_the_insertion_order(tmp_path: Path, seed: int) -> None:
    quads = _quads()
    write_exports(_dataset(quads), tmp_path / "a")
    random.Random(seed).shuffle(quads)
    write_exports(_dataset(quads), tmp_path / "b")
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_export_is_byte_identical_across_processes(tmp_path: Path, written: Path) -> None:
    """Python's string hashing (set order) and pyoxigraph's prefix table change nothing."""
    script = (
        "import sys; from pathlib import Path; from tests.test_export import _dataset, _quads; "
        "from kg.export import write_exports; write_exports(_dataset(_quads()), Path(sys.argv[1]))"
    )
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "other")], check=True, cwd=root, env=env
    )
    assert _files(tmp_path / "other") == _files(written)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_each_file_parses_back_with_pyoxigraph(tmp_path: Path, fmt: str) -> None:
    write_exports(_dataset(_quads()), tmp_path, [fmt])
    parsed = set(ox.parse(path=export_file(tmp_path, fmt), format=FORMATS[fmt]))
    expected = set(sorted_quads(_dataset(_quads())))
    if fmt not in ("trig", "nquads"):
        expected = {ox.Quad(q.subject, q.predicate, q.object) for q in expected}
    assert parsed == expected


def test_export_trig_keeps_named_graphs_and_union_files_merge_them(written: Path) -> None:
    trig = list(ox.parse(path=written / "graph.trig", format=ox.RdfFormat.TRIG))
    union = list(ox.parse(path=written / "graph.nt", format=ox.RdfFormat.N_TRIPLES))
    assert len(trig) == len(_quads())
    assert len(union) == len(_quads()) - 1
    graphs = {q.graph_name for q in trig}
    assert graphs == {
        ox.DefaultGraph(),
        ox.NamedNode(str(GRAPH)),
        ox.NamedNode(str(ID["graph/reference"])),
    }


@pytest.mark.parametrize(
    "fmt,rdflib_format",
    [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"), ("rdfxml", "xml")],
)
def test_export_tricky_literal_round_trips(tmp_path: Path, fmt: str, rdflib_format: str) -> None:
    """Quotes, backslashes, line breaks, markup, RTL marks, emoji and combining marks come
    back as they went in, through pyoxigraph and through rdflib."""
    write_exports(_dataset(_quads()), tmp_path, [fmt])
    texts = {
        q.object.value
        for q in ox.parse(path=export_file(tmp_path, fmt), format=FORMATS[fmt])
        if q.predicate == ox.NamedNode(str(SCHEMA.text))
    }

    # An XML parser may read a carriage return as a line end (pyoxigraph's does not
    # escape it): kg's texts have none, as ingest makes every line end "\n"
    def norm(t: str) -> str:
        return t.replace("\r\n", "\n") if fmt == "rdfxml" else t

    assert {norm(t) for t in texts} == {norm(TRICKY)}
    g = Graph().parse(export_file(tmp_path, fmt), format=rdflib_format)
    assert {norm(str(o)) for o in g.objects(QUOTE, SCHEMA.text)} == {norm(TRICKY)}


def test_export_trig_tricky_literal_round_trips_through_rdflib(written: Path) -> None:
    ds = Dataset().parse(written / "graph.trig", format="trig")
    assert {str(o) for o in ds.graph(GRAPH).objects(QUOTE, SCHEMA.text)} == {TRICKY}


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=30))
def test_export_any_text_round_trips(text: str) -> None:
    ds = _dataset([(QUOTE, SCHEMA.text, Literal(text), GRAPH)])
    c = canonical(ds)
    for fmt in ("turtle", "trig", "ntriples"):
        data = ox.serialize(c.quads() if fmt == "trig" else c.triples, None, FORMATS[fmt])
        assert [q.object.value for q in ox.parse(data, FORMATS[fmt])] == [text]
    ttl = ox.serialize(c.triples, None, ox.RdfFormat.TURTLE, prefixes=export._prefixes())
    assert [str(o) for o in Graph().parse(data=ttl, format="turtle").objects()] == [text]


def test_export_refuses_text_that_is_not_unicode(written: Path) -> None:
    """A lone surrogate (from bytes decoded with surrogateescape) cannot be written as UTF-8."""
    before = _files(written)
    with pytest.raises(ExportError, match="literal"):
        write_exports(_dataset([(QUOTE, SCHEMA.text, Literal("caf\udce9"), GRAPH)]), written)
    assert _files(written) == before


def test_export_plain_graph_is_the_default_graph(tmp_path: Path) -> None:
    g = Graph()
    g.add((ARTICLE, KGO.fileName, Literal("003_x.txt")))
    write_exports(g, tmp_path, ["trig"])  # type: ignore[arg-type]
    quads = list(ox.parse(path=tmp_path / "graph.trig", format=ox.RdfFormat.TRIG))
    assert [q.graph_name for q in quads] == [ox.DefaultGraph()]


def test_export_plain_and_xsd_string_literals_are_one_term(tmp_path: Path) -> None:
    ds = _dataset([(ARTICLE, KGO.fileName, Literal("003_x.txt"), None)])
    ds.default_graph.add((ARTICLE, KGO.fileName, Literal("003_x.txt", datatype=XSD.string)))
    assert len(canonical(ds).triples) == 1
    write_exports(ds, tmp_path, ["ntriples"])
    assert (tmp_path / "graph.nt").read_bytes().count(b"\n") == 1


def _fail_on(fmt: ox.RdfFormat, monkeypatch: pytest.MonkeyPatch, write_partial: bytes) -> None:
    """Make pyoxigraph write part of ``fmt`` and then fail, as a full disk would."""
    real = ox.serialize

    def serialize(items: object, out: object, format: ox.RdfFormat, **kw: object) -> object:
        if format == fmt:
            out.write(write_partial)  # type: ignore[attr-defined]
            raise OSError(28, "No space left on device")
        return real(items, out, format, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(export.ox, "serialize", serialize)


def test_export_failure_mid_write_keeps_previous_files(
    written: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _files(written)
    _fail_on(ox.RdfFormat.TRIG, monkeypatch, b"@prefix id: <https://w3id.org/kg-ov")
    changed = _dataset([*_quads(), (ARTICLE, SCHEMA.name, Literal("New title"), GRAPH)])
    with pytest.raises(ExportError, match=r"graph\.trig.*No space left on device"):
        write_exports(changed, written)
    assert _files(written) == before  # graph.ttl was staged before graph.trig, not committed


def test_export_truncated_file_fails_its_check(
    written: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that parses but lost statements is caught by the count."""
    real = ox.serialize

    def truncating(items: list[ox.Triple], out: object, format: ox.RdfFormat, **kw: object) -> None:
        real(items[:-1] if format == ox.RdfFormat.N_TRIPLES else items, out, format, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(export.ox, "serialize", truncating)
    before = _files(written)
    changed = _dataset([*_quads(), (ARTICLE, SCHEMA.name, Literal("New title"), GRAPH)])
    with pytest.raises(ExportError, match=r"graph\.nt: .* holds \d+ statements, not \d+"):
        write_exports(changed, written)
    assert _files(written) == before


def test_export_unparsable_file_fails_its_check(
    written: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(items: object, out: object, format: ox.RdfFormat, **kw: object) -> None:
        out.write(b"<not a triple")  # type: ignore[attr-defined]

    monkeypatch.setattr(export.ox, "serialize", broken)
    before = _files(written)
    with pytest.raises(ExportError, match=r"graph\.ttl: the written file does not parse back"):
        write_exports(_dataset(_quads()), written)
    assert _files(written) == before


def test_export_refuses_blank_nodes(written: Path) -> None:
    before = _files(written)
    with pytest.raises(ExportError, match="BNode"):
        write_exports(_dataset([*_quads(), (BNode(), RDF.type, KGO.Evidence, GRAPH)]), written)
    with pytest.raises(ExportError, match="BNode"):
        write_exports(_dataset([*_quads(), (ARTICLE, KGO.evidence, BNode(), GRAPH)]), written)
    assert _files(written) == before


def test_export_refuses_a_malformed_iri(written: Path) -> None:
    before = _files(written)
    with pytest.raises(ExportError, match="IRI"):
        write_exports(_dataset([(URIRef("https://x/a b"), RDF.type, KGO.Evidence, None)]), written)
    assert _files(written) == before


def test_export_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="'yaml'.*turtle"):
        write_exports(_dataset(_quads()), tmp_path, ["ttl", "yaml"])
    assert list(tmp_path.iterdir()) == []


def test_export_only_the_formats_asked_for(tmp_path: Path) -> None:
    assert write_exports(_dataset(_quads()), tmp_path, ["nt"]) == {
        "ntriples": tmp_path / "graph.nt"
    }
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]


@pytest.mark.parametrize(
    ("given", "name"),
    [("ttl", "turtle"), ("Turtle", "turtle"), ("nt", "ntriples"), ("nq", "nquads"),
     ("json-ld", "jsonld"), ("xml", "rdfxml"), ("rdf", "rdfxml"), ("trig", "trig")],
)  # fmt: skip
def test_export_format_names_and_their_aliases(given: str, name: str) -> None:
    assert format_name(given) == name


def test_write_atomic_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "view.html"
    write_atomic(target, b"one")
    assert target.read_bytes() == b"one"
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o600)
    write_atomic(target, "twö".encode())
    assert target.read_bytes() == "twö".encode()
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["view.html"]


def test_write_atomic_failure_before_rename_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "view.html"
    target.write_bytes(b"old")

    def no_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(export.os, "fsync", no_fsync)
    with pytest.raises(ExportError, match=r"view\.html: cannot write: Input/output error"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["view.html"]


def test_write_atomic_missing_folder_is_an_export_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="view.html"):
        write_atomic(tmp_path / "missing" / "view.html", b"x")


def test_export_jsonld_is_compact_with_the_published_context(tmp_path: Path) -> None:
    """graph.jsonld is compact JSON-LD: the context published in ontology/ inlined, node
    objects with prefixed names; it holds the very triples of graph.nt."""
    import json

    from kg.vocab import ontology_dir

    write_exports(_dataset(_quads()), tmp_path, ["jsonld", "ntriples"])
    doc = json.loads((tmp_path / "graph.jsonld").read_text(encoding="utf-8"))
    published = json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == published["@context"]
    assert doc["@context"]["schema"] == "https://schema.org/"
    quote = next(n for n in doc["@graph"] if n["@id"].startswith("id:quote/"))
    assert quote["@type"] == ["schema:Quotation"] and quote["schema:text"] == TRICKY
    jsonld = set(ox.parse(path=tmp_path / "graph.jsonld", format=ox.RdfFormat.JSON_LD))
    nt = set(ox.parse(path=tmp_path / "graph.nt", format=ox.RdfFormat.N_TRIPLES))
    assert jsonld == nt
