"""Check a graph against ``ontology/shapes.ttl`` and name the article behind each problem.

Validation runs on the union of every graph given, because a membership in an
article's graph points at a force typed in the reference graph. No inference
is done: the shapes match organizations by their kgo classes (see the header
of ``shapes.ttl``), so the ontology is not needed; a 6k-triple graph validates
in about 0.4 s.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pyshacl
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.reference import OntologyError, ontology_dir
from kg.vocab import KGO, PREFIXES, PROV, SCHEMA

# The links from a claim, a quotation or a piece of evidence towards its article,
# followed up to two steps (a membership's kgo:evidence, then its kgo:inArticle).
_ARTICLE_LINKS = (PROV.wasDerivedFrom, KGO.inArticle, SCHEMA.isPartOf, KGO.evidence)


@dataclass(frozen=True, slots=True, order=True)
class Violation:
    """One way a node fails a shape. ``article`` is the kgo:fileName it came from."""

    article: str | None
    focus: str
    path: str | None
    message: str


@functools.cache
def shapes_graph() -> Graph:
    """``ontology/shapes.ttl``, parsed once."""
    path = ontology_dir() / "shapes.ttl"
    try:
        return Graph().parse(path, format="turtle")
    except Exception as e:  # rdflib raises many kinds
        raise OntologyError(f"{path}: {e}") from e


def validate_graph(graph: Graph) -> list[Violation]:
    """Every violation of the shapes in ``graph`` (or the union of a Dataset's graphs), sorted.

    An empty list means the graph conforms.
    """
    data = _union(graph)
    _conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=False,
        allow_warnings=False,
    )
    assert isinstance(report, Graph)
    found = {
        _violation(report, result, data, graph)
        for result in report.subjects(RDF.type, SH.ValidationResult)
    }
    return sorted(found, key=lambda v: (v.article or "", v.focus, v.path or "", v.message))


def format_violation(v: Violation) -> str:
    """``003_x.txt: <focus> schema:text: Quotation needs exactly one text``."""
    head = f"{v.article or '(no article)'}: <{v.focus}>"
    if v.path is not None:
        head += " " + _compact(v.path)
    return f"{head}: {v.message}"


def _union(graph: Graph) -> Graph:
    """A plain Graph with every triple; pySHACL would check a Dataset's graphs one by one."""
    if not isinstance(graph, Dataset | ConjunctiveGraph):
        return graph
    union = Graph()
    for s, p, o, _g in graph.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _violation(report: Graph, result: Node, data: Graph, given: Graph) -> Violation:
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    message = report.value(result, SH.resultMessage)
    return Violation(
        article=_article_of(data, focus) or _graph_article(given, data, focus),
        focus=str(focus),
        path=str(path) if isinstance(path, URIRef) else None,
        message=str(message) if message is not None else _fallback_message(report, result),
    )


def _fallback_message(report: Graph, result: Node) -> str:
    component = report.value(result, SH.sourceConstraintComponent)
    return f"fails {_compact(str(component))}" if component else "fails a shape"


def _article_of(data: Graph, focus: Node | None) -> str | None:
    """The file name of the article ``focus`` is, or is linked to; None if there is none.
    The nearest article wins; among equally near ones, the first file name.
    """
    if focus is None:
        return None
    step = [focus]
    for _ in range(3):
        if names := [n for node in step for n in _file_names(data, node)]:
            return min(names)
        step = [o for node in step for link in _ARTICLE_LINKS for o in data.objects(node, link)]
    return None


def _graph_article(given: Graph, data: Graph, focus: Node | None) -> str | None:
    """For a node with no link to an article (a person), the article whose named graph
    describes it, through the graph's prov:wasDerivedFrom. The first file name when several do.
    """
    if focus is None or not isinstance(given, Dataset | ConjunctiveGraph):
        return None
    names: list[str] = []
    for _s, _p, _o, g in given.quads((focus, None, None, None)):
        for article in data.objects(g, PROV.wasDerivedFrom):
            names.extend(_file_names(data, article))
    return min(names, default=None)


def _file_names(data: Graph, node: Node) -> list[str]:
    return sorted(str(n) for n in data.objects(node, KGO.fileName) if isinstance(n, Literal))


def _compact(iri: str) -> str:
    """``https://schema.org/text`` -> ``schema:text``; the longest namespace wins."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return f"<{iri}>"
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best) :]}"
