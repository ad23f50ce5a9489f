"""ontology/shapes.ttl and kg/validate.py: each shape against a tiny conforming and a tiny
violating graph from tests/data/shapes/."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg.validate import Violation, format_violation, shapes_graph, validate_graph
from kg.vocab import ID, KGO, ORG, ORGS, PREFIXES, PROV, ROLE, SCHEMA

DATA = Path(__file__).parent / "data" / "shapes"
SHAPES = (
    "article",
    "person",
    "membership",
    "report",
    "quotation",
    "evidence",
    "judgement",
    "finding",
    "figure",
)

# For each violating fixture: (focus, path) of every violation it must give, no more.
EXPECTED: dict[str, set[tuple[str, str]]] = {
    "article": {
        ("article-no-file", "kgo:fileName"),
        ("article-two-files", "kgo:fileName"),
        ("article-month-date", "schema:datePublished"),
        ("article-two-dates", "schema:datePublished"),
        ("article-two-titles", "schema:name"),
        ("article-plain-url", "schema:url"),
    },
    "person": {
        ("person-nameless", "schema:name"),
        ("person-blank", "schema:name"),
        ("person-two-names", "schema:name"),
    },
    "membership": {
        ("membership-no-member", "org:member"),
        ("membership-org-as-member", "org:member"),
        ("membership-untyped-org", "org:organization"),
        ("membership-two-orgs", "org:organization"),
        ("membership-no-role", "org:role"),
        ("membership-no-evidence", "kgo:evidence"),
        ("membership-untyped-evidence", "kgo:evidence"),
    },
    "report": {
        ("report-no-publisher", "schema:publisher"),
        ("report-two-publishers", "schema:publisher"),
        ("report-about-a-string", "schema:about"),
        ("report-string-date", "schema:datePublished"),
        ("report-two-dates", "schema:datePublished"),
        ("report-no-evidence", "kgo:evidence"),
    },
    "quotation": {
        ("quote-no-text", "schema:text"),
        ("quote-blank-text", "schema:text"),
        ("quote-two-texts", "schema:text"),
        ("quote-no-speaker", "schema:spokenByCharacter"),
        ("quote-not-in-article", "schema:isPartOf"),
        ("quote-no-evidence", "kgo:evidence"),
    },
    "evidence": {
        ("annotation-no-body", "oa:hasBody"),
        ("annotation-literal-body", "oa:hasBody"),
        ("annotation-no-target", "oa:hasTarget"),
        ("target-no-article", "oa:hasSource"),
        ("target-untyped-article", "oa:hasSource"),
        ("target-no-words", "oa:hasSelector"),
        ("target-no-offsets", "oa:hasSelector"),
        ("quote-no-exact", "oa:exact"),
        ("position-negative-start", "oa:start"),
        ("position-string-start", "oa:start"),
        ("position-empty-span", "oa:start"),
        ("position-backwards", "oa:start"),
        ("position-no-end", "oa:end"),
        ("position-decimal-end", "oa:end"),
    },
    "judgement": {
        ("judgement-no-force", "kgo:gradedForce"),
        ("judgement-two-grades", "kgo:grade"),
        ("judgement-no-area", "kgo:area"),
        ("judgement-no-evidence", "kgo:evidence"),
    },
    "finding": {
        ("finding-blank", "schema:text"),
        ("finding-no-polarity", "kgo:polarity"),
        ("finding-no-evidence", "kgo:evidence"),
    },
    "figure": {
        ("figure-no-count", "kgo:count"),
        ("figure-zero-total", "kgo:total"),
        ("figure-nothing-counted", "kgo:counted"),
        ("figure-no-evidence", "kgo:evidence"),
    },
}


def _load(name: str) -> Graph:
    return Graph().parse(DATA / f"{name}.ttl", format="turtle")


def _curie(iri: str) -> str:
    prefix, ns = max(
        ((p, ns) for p, ns in PREFIXES.items() if iri.startswith(ns)), key=lambda x: len(x[1])
    )
    return f"{prefix}:{iri[len(ns) :]}"


def _local(iri: str) -> str:
    return iri.removeprefix(str(ID))


def _messages(path: str) -> set[str]:
    shapes = shapes_graph()
    return {
        str(m)
        for shape in shapes.subjects(SH.path, URIRef(path))
        for m in shapes.objects(shape, SH.message)
    }


@pytest.mark.parametrize("shape", SHAPES)
def test_shapes_conforming_fixture_conforms(shape: str) -> None:
    violations = validate_graph(_load(f"{shape}-ok"))
    assert violations == [], "\n".join(map(format_violation, violations))


@pytest.mark.parametrize("shape", SHAPES)
def test_shapes_violating_fixture_gives_exactly_its_violations(shape: str) -> None:
    violations = validate_graph(_load(f"{shape}-bad"))
    found = {(_local(v.focus), _curie(v.path or "")) for v in violations}
    assert found == EXPECTED[shape], "\n".join(map(format_violation, violations))
    for v in violations:
        assert v.message in _messages(v.path or ""), v


def test_shapes_every_property_shape_is_exercised() -> None:
    shapes = shapes_graph()
    exercised = {path for expected in EXPECTED.values() for _focus, path in expected}
    declared = {_curie(str(p)) for p in shapes.objects(None, SH.path)}
    assert declared == exercised


def test_shapes_every_shape_is_labelled_and_every_property_shape_has_a_message() -> None:
    shapes = shapes_graph()
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(shapes.subjects(RDF.type, SH.PropertyShape))
    # one fixture pair a shape; "evidence" exercises the annotation's four shapes
    assert len(node_shapes) == len(SHAPES) + 3
    for shape in node_shapes | property_shapes:
        assert shapes.value(shape, RDFS.label), shape
    for shape in property_shapes:
        assert shapes.value(shape, SH.message), shape
    linked = set(shapes.objects(None, SH.property))
    assert linked == property_shapes


def test_shapes_organization_needs_no_reasoning() -> None:
    """A force typed only kgo:PoliceForce passes; one typed only org:FormalOrganization
    (the superclass) does not, since the shapes match the four kgo classes."""
    g = _load("membership-ok")
    g.remove((ORGS.lancashire, RDF.type, KGO.PoliceForce))
    g.add((ORGS.lancashire, RDF.type, ORG.FormalOrganization))
    found = {(_local(v.focus), _curie(v.path or "")) for v in validate_graph(g)}
    assert found == {("membership-1", "org:organization")}


def test_validate_names_the_article_of_each_violation() -> None:
    by_focus = {_local(v.focus): v.article for v in validate_graph(_load("quotation-bad"))}
    assert by_focus["quote-two-texts"] == "001_article.txt"  # schema:isPartOf
    assert by_focus["quote-not-in-article"] == "001_article.txt"  # through its kgo:evidence
    by_focus = {_local(v.focus): v.article for v in validate_graph(_load("membership-bad"))}
    assert by_focus["membership-no-member"] == "001_article.txt"  # prov:wasDerivedFrom
    assert by_focus["membership-no-role"] == "001_article.txt"  # kgo:evidence ... oa:hasSource
    assert by_focus["membership-no-evidence"] is None
    by_focus = {_local(v.focus): v.article for v in validate_graph(_load("evidence-bad"))}
    assert by_focus["position-backwards"] == "001_article.txt"  # its target's oa:hasSource
    assert by_focus["target-no-words"] == "001_article.txt"  # oa:hasSource


def test_validate_format_violation_is_one_line() -> None:
    v = Violation("003_x.txt", str(ID["quote-1"]), str(SCHEMA.text), "Quotation needs a text")
    assert format_violation(v) == (
        "003_x.txt: <https://w3id.org/kg-oversight/id/quote-1> schema:text: Quotation needs a text"
    )
    v = Violation(None, str(ID["x"]), None, "fails")
    assert format_violation(v) == "(no article): <https://w3id.org/kg-oversight/id/x>: fails"


def _dataset() -> Dataset:
    """An article's graph whose membership points at a force typed only in the reference
    graph, and a nameless person known only from the article's graph."""
    ds = Dataset()
    ref = ds.graph(ID["graph/reference"])
    ref.add((ORGS.lancashire, RDF.type, KGO.PoliceForce))
    article, graph = ID["article-1"], ID["graph/article-1"]
    ds.default_graph.add((graph, PROV.wasDerivedFrom, article))
    g = ds.graph(graph)
    g += _load("evidence-ok")
    g.add((ID["person-1"], RDF.type, SCHEMA.Person))
    g.add((ID["membership-1"], RDF.type, ORG.Membership))
    g.add((ID["membership-1"], ORG.member, ID["person-1"]))
    g.add((ID["membership-1"], ORG.organization, ORGS.lancashire))
    g.add((ID["membership-1"], ORG.role, ROLE["chief-constable"]))
    g.add((ID["membership-1"], KGO.evidence, ID["evidence-1"]))
    return ds


def test_validate_dataset_is_checked_as_the_union_of_its_graphs() -> None:
    violations = validate_graph(_dataset())
    assert [(_local(v.focus), _curie(v.path or ""), v.article) for v in violations] == [
        ("person-1", "schema:name", "001_article.txt")  # found through the graph's provenance
    ]


def test_validate_person_name_fix_makes_the_dataset_conform() -> None:
    ds = _dataset()
    ds.graph(ID["graph/article-1"]).add((ID["person-1"], SCHEMA.name, Literal("Sunita Gamblin")))
    assert validate_graph(ds) == []
