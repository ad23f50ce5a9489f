"""Draw the graph as one self-contained HTML page that works offline.

The page inlines vis-network (``kg/static/vis-network.min.js``, the standalone
UMD build, which injects its own CSS) and a small script and stylesheet of our
own. It loads nothing from the network: no CDN, no Bootstrap, no fonts, and a
Content-Security-Policy that allows only the page's own hashed scripts.

pyvis is not used to write the page. Its template links Bootstrap from a CDN
even in ``in_line`` mode, renders tooltips as HTML, leaves ``heading`` and
select-menu ids unescaped and switches every tooltip to raw HTML as soon as one
contains "href"; its default physics never settles 5,000 nodes. Instead every
string from the graph travels as JSON in a ``<script type="application/json">``
block (with ``<``, ``>`` and ``&`` escaped) and the page's script puts it on
screen with ``textContent`` only; vis-network draws labels on a canvas and no
``title`` is ever handed to it.

Positions are computed here, deterministically, and the page starts with
physics off, so 5,000 nodes are interactive in about two seconds. The same graph
always gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.term import Node

from kg.errors import ExportError, QueryError, UsageError
from kg.vocab import KGO, OA, ORG, PREFIXES, PROV, SCHEMA, WD

__all__ = [
    "CLASSES",
    "RELATIONS",
    "ArticleRef",
    "EvidenceRef",
    "Network",
    "NodeClass",
    "VizEdge",
    "VizNode",
    "build_network",
    "render_html",
    "subgraph_from_construct",
    "write_html",
]


@dataclass(frozen=True, slots=True)
class NodeClass:
    """How one class of node looks: vis-network shape, colour and legend symbol."""

    key: str
    label: str
    color: str
    shape: str
    symbol: str


# The legend lists the classes in this order. A node typed with several
# classes takes the most specific one (see _classify).
CLASSES: tuple[NodeClass, ...] = (
    NodeClass("person", "Person", "#4e79a7", "dot", "\u25cf"),
    NodeClass("force", "Police force", "#e15759", "diamond", "\u25c6"),
    NodeClass("inspectorate", "Inspectorate", "#f28e2b", "triangle", "\u25b2"),
    NodeClass("government", "Government body", "#76b7b2", "triangleDown", "\u25bc"),
    NodeClass("organization", "Other organization", "#59a14f", "triangleDown", "\u25bc"),
    NodeClass("report", "Inspection report", "#edc948", "star", "\u2605"),
    NodeClass("article", "Article", "#9c9c9c", "square", "\u25a0"),
    NodeClass("quote", "Quotation", "#b07aa1", "hexagon", "\u2b22"),
)
_CLASS_INDEX = {c.key: i for i, c in enumerate(CLASSES)}
_ORG_CLASSES = frozenset({"force", "inspectorate", "government", "organization"})

# relation key -> (label, colour)
RELATIONS: dict[str, tuple[str, str]] = {
    "role": ("holds role at", "#4e79a7"),
    "published": ("published", "#f28e2b"),
    "about": ("about", "#e15759"),
    "said": ("said", "#b07aa1"),
    "mentions": ("mentions", "#c8c8c8"),
    "other": ("related", "#8c8c8c"),
}

# A Wikidata item as kg writes it: wd:Q6482989.
_RE_WIKIDATA = re.compile(re.escape(str(WD)) + r"(Q[0-9]+)")
# Predicates already drawn as a named relation, or structural links that would
# only duplicate one (a quotation is part of the article that also mentions
# its speaker; a report is derived from the articles that name it).
_STRUCTURAL = frozenset(
    {
        RDF.type,
        SCHEMA.mentions,
        SCHEMA.publisher,
        SCHEMA.about,
        SCHEMA.spokenByCharacter,
        SCHEMA.isPartOf,
        SCHEMA.sameAs,
        PROV.wasDerivedFrom,
        KGO.evidence,
    }
)
_ALIAS_PREDICATES = (SKOS.altLabel, SCHEMA.alternateName, SCHEMA.legalName)
_BIG = 1500  # from here on: no edge labels on the canvas, edges hidden while dragging


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """What the page says about an article wherever it cites one."""

    iri: str
    title: str
    date: str
    file_name: str
    url: str


@dataclass(frozen=True, slots=True)
class EvidenceRef:
    """One evidence sentence (``oa:exact``) and the article it was read in."""

    text: str
    article: str | None
    start: int = 0


@dataclass(slots=True)
class VizNode:
    iri: str
    cls: str
    label: str
    aliases: tuple[str, ...] = ()
    facts: list[tuple[str, str]] = field(default_factory=list)
    wikidata: str | None = None  # a Q-id, checked against _RE_WIKIDATA
    articles: tuple[str, ...] = ()  # IRIs of the articles that mention it

    @property
    def mentions(self) -> int:
        return len(self.articles)


@dataclass(frozen=True, slots=True)
class VizEdge:
    source: str
    target: str
    relation: str  # a key of RELATIONS
    label: str
    evidence: tuple[EvidenceRef, ...] = ()
    articles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Network:
    """The drawable view of a graph: nodes and edges in a fixed order."""

    nodes: tuple[VizNode, ...]
    edges: tuple[VizEdge, ...]
    articles: dict[str, ArticleRef]
    focus: str | None = None


# --- reading the graph -------------------------------------------------------


def _lang_rank(term: Node) -> tuple[int, str]:
    lang = term.language if isinstance(term, Literal) else None
    return (0 if lang in (None, "en") or (lang or "").startswith("en-") else 1, str(term))


def _first(graph: Graph, subject: Node, *predicates: URIRef) -> str:
    """The best value of the first predicate that has one: English or untagged first."""
    for p in predicates:
        values = sorted(graph.objects(subject, p), key=_lang_rank)
        if values:
            return str(values[0])
    return ""


def _all(graph: Graph, subject: Node, *predicates: URIRef) -> list[str]:
    seen: dict[str, None] = {}
    for p in predicates:
        for v in sorted(graph.objects(subject, p), key=_lang_rank):
            seen.setdefault(str(v), None)
    return list(seen)


def _classify(types: set[Node]) -> str | None:
    if SCHEMA.Quotation in types:
        return "quote"
    if SCHEMA.NewsArticle in types or SCHEMA.Article in types:
        return "article"
    if KGO.InspectionReport in types or SCHEMA.Report in types:
        return "report"
    if SCHEMA.Person in types:
        return "person"
    if KGO.PoliceForce in types:
        return "force"
    if KGO.Inspectorate in types:
        return "inspectorate"
    if KGO.GovernmentBody in types:
        return "government"
    if KGO.OtherOrganization in types or SCHEMA.Organization in types or ORG.Organization in types:
        return "organization"
    return None


def _compact(iri: str) -> str:
    best = iri
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) - len(ns) + len(prefix) + 1 < len(best):
            best = f"{prefix}:{iri[len(ns) :]}"
    return best


def _local_name(iri: str) -> str:
    tail = re.split(r"[/#]", iri.rstrip("/"))[-1]
    return tail.replace("-", " ").strip() or iri


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


class _Reader:
    """Caches the per-IRI look-ups that every node and edge repeats."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self._articles: dict[str, ArticleRef] = {}
        self._labels: dict[Node, str] = {}
        self._evidence: dict[Node, EvidenceRef] = {}

    def label(self, term: Node) -> str:
        if term not in self._labels:
            self._labels[term] = _first(
                self.g, term, SKOS.prefLabel, SCHEMA.name, KGO.roleLabel
            ) or _local_name(str(term))
        return self._labels[term]

    def article(self, iri: Node) -> ArticleRef:
        key = str(iri)
        if key not in self._articles:
            self._articles[key] = ArticleRef(
                iri=key,
                title=_first(self.g, iri, SCHEMA.name, SCHEMA.headline),
                date=_first(self.g, iri, SCHEMA.datePublished),
                file_name=_first(self.g, iri, KGO.fileName),
                url=_first(self.g, iri, SCHEMA.url),
            )
        return self._articles[key]

    def evidence(self, ev: Node, fallback_article: Node | None) -> EvidenceRef:
        if ev not in self._evidence:
            article = self.g.value(ev, KGO.inArticle) or fallback_article
            start = self.g.value(ev, OA.start)
            digits = str(start) if isinstance(start, Literal) else ""
            start_i = int(digits) if digits.isdigit() else 0
            self._evidence[ev] = EvidenceRef(
                text=_first(self.g, ev, OA.exact),
                article=str(article) if article is not None else None,
                start=start_i,
            )
            if article is not None:
                self.article(article)
        return self._evidence[ev]

    def evidence_of(self, claim: Node) -> tuple[tuple[EvidenceRef, ...], tuple[str, ...]]:
        derived = sorted(self.g.objects(claim, PROV.wasDerivedFrom), key=str)
        fallback = derived[0] if len(derived) == 1 else None
        evs = [self.evidence(e, fallback) for e in self.g.objects(claim, KGO.evidence)]
        for a in derived:
            self.article(a)
        return tuple(evs), tuple(str(a) for a in derived)


def _union_view(graph: Graph) -> tuple[Graph, bool | None]:
    """A Dataset's triples in all its named graphs, not just the default one."""
    if isinstance(graph, Dataset) and not graph.default_union:
        graph.default_union = True
        return graph, False
    return graph, None


def build_network(
    graph: Graph,
    *,
    show_articles: bool = True,
    show_quotes: bool = True,
    focus: str | None = None,
    hops: int = 2,
) -> Network:
    """The nodes and edges `render_html` draws, in the order it draws them.

    Organizations are drawn only when something links to them (a mention, a
    role, a report, a quotation): the reference data lists every force, most of
    which a small corpus never names. News publishers are never drawn.
    ``show_articles``/``show_quotes`` leave those nodes out of the view
    altogether (the page can still hide the ones it has). ``focus`` is a node's
    IRI, prefixed IRI (``orgs:lancashire``) or label/alias; it raises
    UsageError when nothing or more than one node matches.
    """
    graph, restore = _union_view(graph)
    try:
        return _build(graph, show_articles, show_quotes, focus, hops)
    finally:
        if restore is not None and isinstance(graph, Dataset):
            graph.default_union = restore


def _build(
    graph: Graph, show_articles: bool, show_quotes: bool, focus: str | None, hops: int
) -> Network:
    r = _Reader(graph)
    types: dict[URIRef, set[Node]] = defaultdict(set)
    for s, t in graph.subject_objects(RDF.type):
        if isinstance(s, URIRef):
            types[s].add(t)
    cls: dict[Node, str] = {}
    for s, ts in types.items():
        c = _classify(ts)
        if c is not None:
            cls[s] = c
    # a news publisher is a schema:Organization too; it is not an entity of the story
    for pub in graph.objects(None, SCHEMA.publisher):
        if isinstance(pub, URIRef) and cls.get(pub) == "organization":
            publishes_articles = any(
                cls.get(s) == "article" for s in graph.subjects(SCHEMA.publisher, pub)
            )
            if publishes_articles and not any(True for _ in graph.subjects(SCHEMA.mentions, pub)):
                del cls[pub]

    edges: dict[tuple[str, str, str, str], list[Any]] = {}

    def add_edge(
        s: Node,
        o: Node,
        relation: str,
        label: str,
        evidence: Iterable[EvidenceRef] = (),
        articles: Iterable[str] = (),
    ) -> None:
        key = (str(s), str(o), relation, label)
        entry = edges.setdefault(key, [set(), set()])
        entry[0].update(evidence)
        entry[1].update(articles)

    mentioned_by: dict[str, set[str]] = defaultdict(set)
    for a, e in graph.subject_objects(SCHEMA.mentions):
        if cls.get(a) == "article" and e in cls:
            add_edge(a, e, "mentions", RELATIONS["mentions"][0], (), (str(a),))
            mentioned_by[str(e)].add(str(a))
            r.article(a)

    roles: dict[str, list[str]] = defaultdict(list)
    for m in sorted(set(graph.subjects(ORG.member, None)), key=str):
        member = graph.value(m, ORG.member)
        org = graph.value(m, ORG.organization)
        role = graph.value(m, ORG.role)
        # the scheme's label; for a role outside the scheme, the article's words
        named = role is not None and any(
            (role, p, None) in graph for p in (SKOS.prefLabel, SCHEMA.name)
        )
        role_label = (
            r.label(role)
            if named and role is not None
            else _first(graph, m, KGO.roleLabel) or (r.label(role) if role is not None else "")
        ) or "a role"
        qualifier = _first(graph, m, KGO.qualifier)
        label = f"{qualifier} {role_label}".strip()
        if member is None:
            continue
        roles[str(member)].append(label + (f" at {r.label(org)}" if org is not None else ""))
        if member in cls and org is not None and org in cls:
            evidence, articles = r.evidence_of(m)
            add_edge(member, org, "role", label, evidence, articles)

    for rep, c in sorted(cls.items()):
        if c == "report":
            evidence, articles = r.evidence_of(rep)
            mentioned_by[str(rep)].update(articles)
            for pub in sorted(graph.objects(rep, SCHEMA.publisher), key=str):
                if pub in cls:
                    add_edge(pub, rep, "published", "published", evidence, articles)
            for about in sorted(graph.objects(rep, SCHEMA.about), key=str):
                if about in cls:
                    add_edge(rep, about, "about", "about", evidence, articles)
        elif c == "quote":
            evidence, articles = r.evidence_of(rep)
            part_of = [str(r.article(p).iri) for p in graph.objects(rep, SCHEMA.isPartOf)]
            mentioned_by[str(rep)].update(articles, part_of)
            for speaker in sorted(graph.objects(rep, SCHEMA.spokenByCharacter), key=str):
                if speaker in cls:
                    add_edge(speaker, rep, "said", "said", evidence, (*articles, *part_of))

    # organizations only when something links to them
    linked = {k[0] for k in edges} | {k[1] for k in edges}
    for s in [s for s, c in cls.items() if c in _ORG_CLASSES and str(s) not in linked]:
        del cls[s]

    # anything else that links two drawn nodes, e.g. from a CONSTRUCT query
    for s in sorted(cls, key=str):
        for p, o in graph.predicate_objects(s):
            if p not in _STRUCTURAL and o in cls and o != s:
                add_edge(s, o, "other", _compact(str(p)))

    hidden = {"article"} if not show_articles else set()
    if not show_quotes:
        hidden.add("quote")
    node_iris = sorted(
        (s for s, c in cls.items() if c not in hidden),
        key=lambda s: (_CLASS_INDEX[cls[s]], str(s)),
    )
    nodes = {str(s): _make_node(r, s, cls[s], roles, mentioned_by) for s in node_iris}
    edge_list = [
        VizEdge(
            source=k[0],
            target=k[1],
            relation=k[2],
            label=k[3],
            evidence=tuple(
                sorted(v[0], key=lambda e: (_article_sort_key(r, e.article), e.start, e.text))
            ),
            articles=tuple(sorted(v[1])),
        )
        for k, v in sorted(edges.items())
        if k[0] in nodes and k[1] in nodes
    ]

    focus_iri = None
    if focus is not None:
        focus_iri = _resolve_focus(list(nodes.values()), focus)
        keep = _neighbourhood(list(nodes), edge_list, focus_iri, hops)
        nodes = {k: v for k, v in nodes.items() if k in keep}
        edge_list = [e for e in edge_list if e.source in keep and e.target in keep]

    cited = {a for n in nodes.values() for a in n.articles}
    for edge in edge_list:
        cited.update(edge.articles)
        cited.update(ev.article for ev in edge.evidence if ev.article)
    refs = {a: r.article(URIRef(a)) for a in sorted(cited)}
    return Network(tuple(nodes.values()), tuple(edge_list), refs, focus_iri)


def _article_sort_key(r: _Reader, iri: str | None) -> tuple[str, str]:
    if iri is None:
        return ("\uffff", "")
    a = r.article(URIRef(iri))
    return (a.file_name or "\uffff", iri)


def _make_node(
    r: _Reader,
    s: Node,
    c: str,
    roles: dict[str, list[str]],
    mentioned_by: dict[str, set[str]],
) -> VizNode:
    g = r.g
    iri = str(s)
    facts: list[tuple[str, str]] = []
    aliases: list[str] = []
    if c == "article":
        a = r.article(s)
        label = _shorten(a.title or a.file_name or _local_name(iri), 48)
        facts += [("Title", a.title), ("Date", a.date), ("File", a.file_name), ("URL", a.url)]
        pub = g.value(s, SCHEMA.publisher)
        if pub is not None:
            facts.append(("Publisher", r.label(pub)))
    elif c == "quote":
        text = _first(g, s, SCHEMA.text)
        label = "\u201c" + _shorten(text, 40) + "\u201d"
        facts.append(("Text", text))
        for speaker in sorted(g.objects(s, SCHEMA.spokenByCharacter), key=str):
            facts.append(("Speaker", r.label(speaker)))
    elif c == "report":
        kind = g.value(s, KGO.reportKind)
        kind_text = _all(g, s, KGO.kindText)
        kind_label = (
            _first(g, kind, SKOS.prefLabel)
            if kind is not None and (kind, SKOS.prefLabel, None) in g
            else ""
        ) or (kind_text[0] if kind_text else "Inspection report")
        date = _first(g, s, SCHEMA.datePublished)
        about = [r.label(o) for o in sorted(g.objects(s, SCHEMA.about), key=str)]
        subject = ", ".join(about[:2]) + (" \u2026" if len(about) > 2 else "")
        label = kind_label[:1].upper() + kind_label[1:]
        if subject:
            label += f": {subject}"
        if date:
            label += f" ({date})"
        facts += [("Kind", kind_label), ("Date", date)]
        facts += [("Described as", t) for t in kind_text]
        facts += [
            ("Publisher", r.label(p)) for p in sorted(g.objects(s, SCHEMA.publisher), key=str)
        ]
        facts += [("About", a) for a in about]
        facts += [("Grade", g_) for g_ in _grades(r, s)]
        facts += [("Fieldwork", x) for x in _all(g, s, KGO.fieldwork)]
        facts += [("Revisit", x) for x in _all(g, s, KGO.revisit)]
        facts += [("Follows up", r.label(o)) for o in sorted(g.objects(s, KGO.followsUp), key=str)]
    else:
        label = r.label(s)
        aliases = [a for a in _all(g, s, *_ALIAS_PREDICATES) if a != label]
        facts.append(("Police area", _first(g, s, KGO.policeArea)))
        facts.append(("data.police.uk id", _first(g, s, KGO.dataPoliceUkId)))
        facts += [("Role", x) for x in sorted(set(roles.get(iri, ())))]
    wikidata = None
    for same in sorted(g.objects(s, SCHEMA.sameAs), key=str):
        m = _RE_WIKIDATA.fullmatch(str(same))
        if m:
            wikidata = m.group(1)
            break
    return VizNode(
        iri=iri,
        cls=c,
        label=label or _local_name(iri),
        aliases=tuple(aliases),
        facts=[(k, v) for k, v in facts if v],
        wikidata=wikidata,
        articles=tuple(sorted(mentioned_by.get(iri, ()))),
    )


def _grades(r: _Reader, report: Node) -> list[str]:
    """ "Cumbria Constabulary — effectiveness: good", one per judgement, sorted."""
    g = r.g
    out = []
    for j in g.objects(report, KGO.judgement):
        force = g.value(j, KGO.gradedForce)
        area = g.value(j, KGO.area)
        grade = g.value(j, KGO.grade)
        if force is None or area is None or grade is None:
            continue
        out.append(
            f"{r.label(force)} — {_first(g, area, SKOS.prefLabel)}: "
            f"{_first(g, grade, SKOS.prefLabel)}"
        )
    return sorted(out)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _resolve_focus(nodes: Sequence[VizNode], focus: str) -> str:
    wanted = focus.strip()
    if ":" in wanted and not wanted.startswith(("http:", "https:")):
        prefix, _, local = wanted.partition(":")
        if prefix in PREFIXES:
            wanted = PREFIXES[prefix] + local
    by_iri = [n for n in nodes if n.iri == wanted]
    if by_iri:
        return by_iri[0].iri
    key = _norm(focus)
    hits = [n for n in nodes if _norm(n.label) == key]
    if not hits:
        hits = [n for n in nodes if any(_norm(a) == key for a in n.aliases)]
    if len(hits) == 1:
        return hits[0].iri
    if not hits:
        raise UsageError(f"--focus {focus!r}: no node has that IRI, label or alias")
    names = ", ".join(n.iri for n in hits[:5])
    raise UsageError(f"--focus {focus!r} is ambiguous; give one of: {names}")


def _neighbourhood(nodes: list[str], edges: Sequence[VizEdge], centre: str, hops: int) -> set[str]:
    if hops < 0:
        raise UsageError(f"--hops must be 0 or more, not {hops}")
    g: nx.Graph = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from((e.source, e.target) for e in edges)
    return set(nx.single_source_shortest_path_length(g, centre, cutoff=hops))


# --- CONSTRUCT ----------------------------------------------------------------

# What a drawn node needs besides the CONSTRUCT's own triples: its class, name,
# aliases and identifiers, and for an article the fields the page cites.
_DESCRIBE = (
    RDF.type,
    SKOS.prefLabel,
    SKOS.altLabel,
    SCHEMA.name,
    SCHEMA.alternateName,
    SCHEMA.legalName,
    SCHEMA.sameAs,
    SCHEMA.datePublished,
    SCHEMA.url,
    SCHEMA.text,
    KGO.dataPoliceUkId,
    KGO.policeArea,
    KGO.fileName,
    KGO.kindText,
    KGO.roleLabel,
    KGO.qualifier,
)
_EVIDENCE_FIELDS = (OA.exact, OA.start, OA.end, KGO.inArticle)


def _walk(node: object) -> Iterable[object]:
    yield node
    if isinstance(node, dict):
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list | tuple):
        for v in node:
            yield from _walk(v)


def subgraph_from_construct(graph: Graph, query_text: str) -> Graph:
    """Run a SPARQL CONSTRUCT on ``graph`` and return something `render_html` can draw.

    The result holds the constructed triples plus, for every IRI in them, its
    type, labels, aliases and identifiers from ``graph``, the evidence
    sentences it cites and the articles those come from, so that nodes get
    their classes and names and edges their evidence.

    Queries with FROM/FROM NAMED or SERVICE are refused (QueryError): rdflib
    would read local files or call out to the network for them.
    """
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(query_text, initNs=PREFIXES)
    except Exception as e:  # pyparsing and rdflib raise many kinds
        raise QueryError(f"the query does not parse: {e}") from e
    algebra = prepared.algebra
    if algebra.name != "ConstructQuery":
        raise QueryError(f"a CONSTRUCT query is needed to draw, not {algebra.name}")
    if algebra.get("datasetClause"):
        raise QueryError("FROM and FROM NAMED are not allowed in a drawing query")
    for part in _walk(algebra):
        if getattr(part, "name", None) == "ServiceGraphPattern":
            raise QueryError("SERVICE is not allowed in a drawing query")
    source, restore = _union_view(graph)
    try:
        result = source.query(prepared)
        out = Graph()
        for prefix, ns in PREFIXES.items():
            out.bind(prefix, ns)
        assert result.graph is not None
        for t in result.graph:
            out.add(t)
        iris = {t for triple in list(out) for t in triple if isinstance(t, URIRef)}
        evidence: set[Node] = set()
        for iri in iris:
            for p in _DESCRIBE:
                for o in source.objects(iri, p):
                    out.add((iri, p, o))
            for claim_ev in source.objects(iri, KGO.evidence):
                out.add((iri, KGO.evidence, claim_ev))
                evidence.add(claim_ev)
            for a in source.objects(iri, PROV.wasDerivedFrom):
                out.add((iri, PROV.wasDerivedFrom, a))
        articles: set[Node] = set()
        for ev in evidence:
            for p in _EVIDENCE_FIELDS:
                for o in source.objects(ev, p):
                    out.add((ev, p, o))
                    if p == KGO.inArticle:
                        articles.add(o)
        for a in articles:
            for p in (SCHEMA.name, SCHEMA.datePublished, KGO.fileName, SCHEMA.url):
                for o in source.objects(a, p):
                    out.add((a, p, o))
        return out
    finally:
        if restore is not None and isinstance(source, Dataset):
            source.default_union = restore


# --- layout --------------------------------------------------------------------


def layout(n: int, edges: Sequence[tuple[int, int]], *, seed: int = 7) -> list[tuple[int, int]]:
    """Pixel positions for ``n`` nodes, the same on every machine for the same input.

    Leaves (a quotation and its speaker, a person named once) are set in a
    ring around their one neighbour afterwards; the rest is laid out by
    Fruchterman-Reingold in numpy. Up to 400 nodes every pair repels; above
    that, pairs closer than twice the ideal edge length repel exactly (the
    original paper's grid) and the far field is estimated from 30 random
    partners per node, so 5,000 nodes take about two seconds. Only
    element-wise arithmetic and ``bincount`` are used, so no sum's order
    depends on the CPU, and a seeded PCG64 draws the start and the samples.
    Without numpy the nodes are set on a sunflower spiral instead.
    """
    try:
        import numpy as np
    except ImportError:
        return _spiral(n)

    if n == 0:
        return []
    neighbours: list[set[int]] = [set() for _ in range(n)]
    for a, b in edges:
        if a != b:
            neighbours[a].add(b)
            neighbours[b].add(a)
    leaves: dict[int, list[int]] = defaultdict(list)
    for v in range(n):
        if len(neighbours[v]) == 1:
            (parent,) = neighbours[v]
            if len(neighbours[parent]) > 1:
                leaves[parent].append(v)
    is_leaf = np.zeros(n, dtype=bool)
    for kids in leaves.values():
        is_leaf[kids] = True
    core = np.flatnonzero(~is_leaf)
    renumber = np.full(n, -1, dtype=np.int64)
    renumber[core] = np.arange(len(core))
    pairs = {(min(a, b), max(a, b)) for a, b in edges if a != b}
    core_edges = np.array(
        sorted(
            (int(renumber[a]), int(renumber[b])) for a, b in pairs if not is_leaf[a] | is_leaf[b]
        ),
        dtype=np.int64,
    ).reshape(-1, 2)
    pos = np.zeros((n, 2))
    pos[core] = _force_layout(len(core), core_edges, np.random.default_rng(seed))
    for parent, kids in sorted(leaves.items()):
        # a ring that grows with the number of leaves, about 0.35 apart
        radius = max(0.6, 0.35 * len(kids) / (2 * math.pi))
        for m, kid in enumerate(kids):
            angle = 2 * math.pi * m / len(kids) + 0.5
            pos[kid, 0] = pos[parent, 0] + radius * math.cos(angle)
            pos[kid, 1] = pos[parent, 1] + radius * math.sin(angle)
    px = 160.0 if len(core) <= 400 else 110.0  # pixels per ideal edge length
    return [(round(float(x) * px), round(float(y) * px)) for x, y in pos]


def _spiral(n: int) -> list[tuple[int, int]]:
    golden = math.pi * (3 - math.sqrt(5))
    return [
        (
            round(60 * math.sqrt(i) * math.cos(i * golden)),
            round(60 * math.sqrt(i) * math.sin(i * golden)),
        )
        for i in range(n)
    ]


def _force_layout(n: int, edges: Any, rng: Any) -> Any:
    """Fruchterman-Reingold: an (n, 2) array with an ideal edge length of 1."""
    import numpy as np

    if n <= 1:
        return np.zeros((n, 2))
    src, dst = edges[:, 0], edges[:, 1]
    k = 1.0  # ideal edge length
    side = math.sqrt(n) * k
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    exact = n <= 400
    cutoff = 2.0 * k
    samples = 30
    iterations = 120 if exact else 80
    t = side / 8
    cool = (0.02 / t) ** (1.0 / iterations)
    idx = np.arange(n)
    gravity = 0.02  # holds separate components together
    fx = np.zeros(n)
    fy = np.zeros(n)

    def repel(i: Any, j: Any, weight: float, near: bool | None) -> None:
        dx = pos[i, 0] - pos[j, 0]
        dy = pos[i, 1] - pos[j, 1]
        d2 = dx * dx + dy * dy
        keep = i != j
        if near is True:
            keep &= d2 < cutoff * cutoff
        elif near is False:
            keep &= d2 >= cutoff * cutoff
        i, dx, dy = i[keep], dx[keep], dy[keep]
        f = (k * k * weight) / np.maximum(d2[keep], 1e-4)
        fx[:] += np.bincount(i, weights=dx * f, minlength=n)
        fy[:] += np.bincount(i, weights=dy * f, minlength=n)

    for _ in range(iterations):
        fx[:] = 0.0
        fy[:] = 0.0
        if exact:
            repel(np.repeat(idx, n), np.tile(idx, n), 1.0, None)
        else:
            for i, j in _grid_pairs(pos, idx, cutoff):
                repel(i, j, 1.0, True)
            repel(np.repeat(idx, samples), rng.integers(0, n, size=n * samples), n / samples, False)
        if len(src):
            dx = pos[src, 0] - pos[dst, 0]
            dy = pos[src, 1] - pos[dst, 1]
            d = np.sqrt(dx * dx + dy * dy) / k
            fx[:] -= np.bincount(src, weights=dx * d, minlength=n)
            fy[:] -= np.bincount(src, weights=dy * d, minlength=n)
            fx[:] += np.bincount(dst, weights=dx * d, minlength=n)
            fy[:] += np.bincount(dst, weights=dy * d, minlength=n)
        fx[:] -= gravity * pos[:, 0]
        fy[:] -= gravity * pos[:, 1]
        length = np.sqrt(fx * fx + fy * fy)
        scale = np.minimum(length, t) / np.maximum(length, 1e-9)
        pos[:, 0] += fx * scale
        pos[:, 1] += fy * scale
        t *= cool
    return pos


def _grid_pairs(pos: Any, idx: Any, cutoff: float) -> Iterable[tuple[Any, Any]]:
    """(i, j) index arrays of the nodes in the same or a neighbouring grid cell."""
    import numpy as np

    cell = np.floor(pos / cutoff).astype(np.int64)
    cell -= cell.min(axis=0) - 1
    width = int(cell[:, 1].max()) + 2
    key = cell[:, 0] * width + cell[:, 1]
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    for ox in (-1, 0, 1):
        for oy in (-1, 0, 1):
            nk = key + ox * width + oy
            lo = np.searchsorted(sorted_key, nk, "left")
            hi = np.searchsorted(sorted_key, nk, "right")
            count = hi - lo
            total = int(count.sum())
            if total == 0:
                continue
            i = np.repeat(idx, count)
            first = np.cumsum(count) - count
            j = order[np.repeat(lo - first, count) + np.arange(total)]
            yield i, j


# --- the page ----------------------------------------------------------------

_SCRIPT_UNSAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def _json_for_script(data: object) -> str:
    """JSON that cannot end or comment its <script> block, whatever the strings hold."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.translate(_SCRIPT_UNSAFE)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _static(name: str) -> str:
    return resources.files("kg").joinpath("static", name).read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _payload(net: Network, positions: Sequence[tuple[int, int]]) -> dict[str, Any]:
    article_ids = {iri: i for i, iri in enumerate(net.articles)}
    node_ids = {n.iri: i for i, n in enumerate(net.nodes)}
    evidence: list[list[Any]] = []
    evidence_ids: dict[EvidenceRef, int] = {}

    def ev_id(e: EvidenceRef) -> int:
        if e not in evidence_ids:
            evidence_ids[e] = len(evidence)
            a = article_ids.get(e.article) if e.article else None
            evidence.append([e.text, a])
        return evidence_ids[e]

    max_mentions = max((n.mentions for n in net.nodes), default=0)
    nodes = []
    for n, (x, y) in zip(net.nodes, positions, strict=True):
        size = 10 + 20 * math.sqrt(n.mentions / max_mentions) if max_mentions else 10
        if n.cls in ("article", "quote"):
            size = 7
        nodes.append(
            [
                n.label,
                _CLASS_INDEX[n.cls],
                x,
                y,
                round(size, 1),
                n.iri,
                list(n.aliases),
                [list(f) for f in n.facts],
                n.wikidata,
                [article_ids[a] for a in n.articles],
            ]
        )
    edges = [
        [
            node_ids[e.source],
            node_ids[e.target],
            e.relation,
            e.label,
            [ev_id(v) for v in e.evidence],
            [article_ids[a] for a in e.articles],
        ]
        for e in net.edges
    ]
    return {
        "classes": [[c.key, c.label, c.color, c.shape, c.symbol] for c in CLASSES],
        "relations": [[k, *v] for k, v in RELATIONS.items()],
        "articles": [[a.title, a.date, a.file_name, a.url, a.iri] for a in net.articles.values()],
        "evidence": evidence,
        "nodes": nodes,
        "edges": edges,
        "focus": node_ids.get(net.focus) if net.focus else None,
        "big": len(nodes) + len(edges) >= _BIG,
    }


def render_html(
    graph: Graph,
    *,
    show_articles: bool = True,
    show_quotes: bool = True,
    focus: str | None = None,
    hops: int = 2,
    title: str = "kg: people, forces and inspections",
) -> str:
    """The whole page as one string; see `build_network` for what is drawn.

    The output depends only on the graph's content: same graph, same bytes.
    """
    net = build_network(
        graph, show_articles=show_articles, show_quotes=show_quotes, focus=focus, hops=hops
    )
    node_ids = {n.iri: i for i, n in enumerate(net.nodes)}
    positions = layout(
        len(net.nodes), [(node_ids[e.source], node_ids[e.target]) for e in net.edges]
    )
    data = _json_for_script(_payload(net, positions))
    vis_js = _static("vis-network.min.js")
    app_js = _static("viz.js")
    scripts = [vis_js, app_js]
    csp = (
        "default-src 'none'; "
        f"script-src {' '.join(_csp_hash(s) for s in scripts)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
        "connect-src 'none'; form-action 'none'; base-uri 'none'"
    )
    parts = {
        "CSP": csp.replace('"', "&quot;"),
        "TITLE": _escape_html(title),
        "CSS": _static("viz.css"),
        "DATA": data,
        "VIS": vis_js,
        "APP": app_js,
    }
    return re.sub(r"@@KG_([A-Z]+)@@", lambda m: parts[m.group(1)], _static("viz.html"))


def _escape_html(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_html(graph: Graph, path: str | os.PathLike[str], **kw: Any) -> Path:
    """Write `render_html`'s page to ``path`` (atomically); return the path.

    Keyword arguments are `render_html`'s. Raises ExportError if the file
    cannot be written; a previous file at ``path`` is then left as it was.
    """
    target = Path(path)
    page = render_html(graph, **kw)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it 0600; the page is for sharing
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                f.write(page)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as e:
        raise ExportError(f"{target}: cannot write the page: {e.strerror or e}") from e
    return target
