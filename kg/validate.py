"""Check a graph against ``ontology/shapes.ttl`` and name the article behind each problem.

Two entry points:

- ``validate_graph`` checks a whole rdflib graph (``kg validate FILE``): the
  union of every graph given, because a membership in an article's graph
  points at a force typed in the reference graph.
- ``check_article`` checks one article's graph as the build renders it (keys,
  ``kg.model.TripleKey``), with the types the reference data gives the
  organizations and concepts it points at. The build checks every article of
  a corpus of up to ``CHECK_ALL_UP_TO`` articles, and a fixed sample of
  ``CHECK_SAMPLE`` above that (``sampled``): pySHACL takes about 0.15 ms a
  triple, so a 10,000-article graph would take minutes.

No inference is done: the shapes match organizations by their kgo classes (see
the header of ``shapes.ttl``), so the ontology is not needed.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import pyshacl
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.errors import OntologyError
from kg.graph import ARTICLE, Claim, article_graph
from kg.model import RDF_TYPE, ArticleClaims, Resolved, TripleKey
from kg.reference import reference_keys
from kg.vocab import KGO, OA, PREFIXES, PROV, SCHEMA, ontology_dir

CHECK_ALL_UP_TO = 100
CHECK_SAMPLE = 50

# The links from a claim, a quotation or a piece of evidence towards its article,
# followed up to four steps (a membership's kgo:evidence, the annotation's
# target, the target's source), and the links followed backwards (a selector
# is its target's).
_ARTICLE_LINKS = (
    PROV.wasDerivedFrom,
    SCHEMA.isPartOf,
    KGO.evidence,
    OA.hasTarget,
    OA.hasSource,
)
_ARTICLE_LINKS_BACK = (OA.hasSelector,)


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
    return _validate(data, graph)


def check_article(keys: Iterable[TripleKey], file_name: str | None = None) -> list[Violation]:
    """Every violation of the shapes in one article's graph, sorted (empty: it conforms).

    The types the reference data gives the organizations, grades, areas and
    polarities the graph points at are added, as ``sh:class`` needs them.
    ``file_name`` names the article in each violation.
    """
    keys = list(keys)
    data = Graph()
    types = _reference_types()
    iris: dict[str, URIRef] = {}

    def iri(value: str) -> URIRef:
        node = iris.get(value)
        if node is None:
            node = iris[value] = URIRef(value)
        return node

    for s, p, o in keys:
        data.add((iri(s), iri(p or RDF_TYPE), _term(o, iri)))
        if o[0] == "<":
            for t in types.get(o[1], ()):
                data.add((iri(o[1]), RDF.type, iri(t)))
    found = _validate(data, data)
    if file_name is None:
        return found
    return [
        Violation(file_name, v.focus, v.path, v.message) if v.article is None else v for v in found
    ]


def conforming_graph(
    ac: ArticleClaims, resolved: Resolved
) -> tuple[list[TripleKey], list[Violation]]:
    """An article's graph that conforms to the shapes, and the violations of the graph
    first made, if any: the claims that made a failing node are left out, or,
    when that does not make it conform (or the article node itself fails), the
    whole graph (no triples)."""
    origins: dict[str, set[Claim]] = {}
    keys = article_graph(ac, resolved, origins=origins)
    found = check_article(keys, ac.article.file_name)
    if not found:
        return keys, []
    omit: set[Claim] = set()
    for v in found:
        claims = origins.get(v.focus)
        if not claims or ARTICLE in claims:
            return [], found
        omit |= claims
    keys = article_graph(ac, resolved, frozenset(omit))
    return (keys, found) if not check_article(keys) else ([], found)


def sampled(article_ids: Iterable[str]) -> set[str] | None:
    """The articles whose graphs the build checks: all (None) for a corpus of up to
    ``CHECK_ALL_UP_TO`` articles, else a stable sample (by a hash of the id, so the
    sample changes little as articles come and go)."""
    ids = sorted(article_ids)
    if len(ids) <= CHECK_ALL_UP_TO:
        return None
    return set(sorted(ids, key=lambda a: hashlib.sha256(a.encode()).digest())[:CHECK_SAMPLE])


def format_violation(v: Violation) -> str:
    """``003_x.txt: <focus> schema:text: Quotation needs exactly one text``."""
    head = f"{v.article or '(no article)'}: <{v.focus}>"
    if v.path is not None:
        head += " " + compact(v.path)
    return f"{head}: {v.message}"


def _term(o: tuple[str, ...], iri: object) -> Node:
    if o[0] == "<":
        return iri(o[1])  # type: ignore[operator]
    _, value, language, datatype = o
    return Literal(value, lang=language or None, datatype=URIRef(datatype) if datatype else None)


@functools.cache
def _reference_types() -> dict[str, tuple[str, ...]]:
    """Subject IRI -> its classes, in the reference data."""
    out: dict[str, list[str]] = {}
    for s, p, o in reference_keys():
        if not p and o[0] == "<":
            out.setdefault(s, []).append(o[1])
    return {s: tuple(ts) for s, ts in out.items()}


def _validate(data: Graph, given: Graph) -> list[Violation]:
    _conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=False,
        allow_warnings=False,
    )
    assert isinstance(report, Graph)
    found = {
        _violation(report, result, data, given)
        for result in report.subjects(RDF.type, SH.ValidationResult)
    }
    return sorted(found, key=lambda v: (v.article or "", v.focus, v.path or "", v.message))


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
    return f"fails {compact(str(component))}" if component else "fails a shape"


def _article_of(data: Graph, focus: Node | None) -> str | None:
    """The file name of the article ``focus`` is, or is linked to; None if there is none.
    The nearest article wins; among equally near ones, the first file name.
    """
    if focus is None:
        return None
    step = [focus]
    for _ in range(5):
        if names := [n for node in step for n in _file_names(data, node)]:
            return min(names)
        step = [o for node in step for link in _ARTICLE_LINKS for o in data.objects(node, link)] + [
            s for node in step for link in _ARTICLE_LINKS_BACK for s in data.subjects(link, node)
        ]
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


def compact(iri: str) -> str:
    """``https://schema.org/text`` -> ``schema:text``; the longest namespace wins."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return f"<{iri}>"
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best) :]}"
