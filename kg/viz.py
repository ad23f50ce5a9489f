"""Draw the graph as one self-contained HTML page that works offline, with pyvis.

pyvis builds the network: a ``pyvis.network.Network`` holds the vis-network
node and edge items and the drawing options, renders kg's own Jinja template
(``kg/static/viz.html``) with ``generate_html``, and supplies vis-network: the
standalone build bundled inside the pyvis package is inlined in the page (kg
vendors no copy of its own). The items are put in its node and edge lists
directly: ``add_node``/``add_edge`` scan every existing edge and take seconds
on big graphs. Nothing of pyvis's own template is used: it links Bootstrap from
a CDN even in ``in_line`` mode, renders tooltips as HTML, leaves ``heading``
and select-menu ids unescaped and switches every tooltip to raw HTML as soon as
one contains "href". Its ``write_html`` writes in place in the locale's
encoding, so the page is written here instead, atomically and in UTF-8.

The page loads nothing from the network: no CDN, no Bootstrap, no fonts, and a
Content-Security-Policy that allows only the page's own hashed scripts. Every
string from the graph travels as JSON in ``<script type="application/json">``
blocks (with ``<``, ``>`` and ``&`` escaped) and the page's script puts it on
screen with ``textContent`` only; vis-network draws labels on a canvas and no
``title`` is ever handed to it.

Legibility: positions are computed here, deterministically. A force layout
places the nodes, then each node's box (its shape and its label under it,
measured with Arial's advance widths, which Liberation Sans and Arimo share) is
pushed apart from every box it overlaps until none does. vis-network scales
positions and letters alike, so labels that do not overlap at one zoom overlap
at none. Canvas units are screen pixels at the legible zoom: there the labels
of people, organizations and reports are 12 px; those of articles and
quotations are smaller and drawn only once zoomed in past it, where they too
reach 11-12 px. The first view is the whole graph when it fits the window at
that zoom (nearly so), else the focus (``--focus``, or the most linked node)
at that zoom. The page starts with physics off, so 5,000 nodes are interactive
in about two seconds on a quiet 2-core machine (``bench/bench_viz.py``; its
Chromium spends most of them making vis-network's 5,000 node objects). The
same graph always gives the same bytes.

The graph comes as kg's plain triples (``kg.model.TripleKey``, possibly
repeated) or as an rdflib Graph or Dataset (all its graphs); evidence is read
in both of kg's shapes: ``kgo:Evidence`` with ``oa:exact`` and
``kgo:inArticle``, and W3C Web Annotation (``oa:Annotation`` -> target with
``oa:hasSource`` -> ``oa:TextQuoteSelector`` and ``oa:TextPositionSelector``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ExportError, QueryError, UsageError
from kg.model import RDF_TYPE, TermKey, TripleKey
from kg.vocab import KGO, OA, ORG, PREFIXES, PROV, SCHEMA, WD

if TYPE_CHECKING:
    from rdflib import Graph

    GraphInput = Iterable[TripleKey] | Graph
else:
    GraphInput = Any

__all__ = [
    "CLASSES",
    "LEGIBLE_PX",
    "RELATIONS",
    "ArticleRef",
    "EvidenceRef",
    "Network",
    "NodeClass",
    "VizEdge",
    "VizNode",
    "build_network",
    "canvas_label",
    "draw",
    "layout",
    "read_endpoint",
    "read_graph",
    "render_html",
    "subgraph_from_construct",
    "write_html",
]


@dataclass(frozen=True, slots=True)
class NodeClass:
    """How one class of node looks: vis-network shape, colour, legend symbol and label.

    ``font`` is the label's size in canvas units (screen pixels at the legible
    zoom); a ``zoomed`` class shows its labels only once zoomed in past that.
    ``line_em`` is the widest a label line may be, in ems, ``lines`` how many
    lines it may take before it is cut with an ellipsis.
    """

    key: str
    label: str
    color: str
    shape: str
    symbol: str
    font: int = 12
    line_em: float = 13.0
    lines: int = 2
    zoomed: bool = False


# The legend lists the classes in this order. A node typed with several
# classes takes the most specific one (see _classify).
CLASSES: tuple[NodeClass, ...] = (
    NodeClass("person", "Person", "#4e79a7", "dot", "\u25cf"),
    NodeClass("force", "Police force", "#e15759", "diamond", "\u25c6"),
    NodeClass("inspectorate", "Inspectorate", "#f28e2b", "triangle", "\u25b2"),
    NodeClass("government", "Government body", "#76b7b2", "triangleDown", "\u25bc"),
    NodeClass("organization", "Other organization", "#59a14f", "triangleDown", "\u25bc"),
    NodeClass("report", "Inspection report", "#edc948", "star", "\u2605", lines=3),
    NodeClass("article", "Article", "#9c9c9c", "square", "\u25a0", 9, 14.0, 2, True),
    NodeClass("quote", "Quotation", "#b07aa1", "hexagon", "\u2b22", 9, 13.0, 1, True),
)
_CLASS_INDEX = {c.key: i for i, c in enumerate(CLASSES)}
_CLASS = {c.key: c for c in CLASSES}
_ORG_CLASSES = frozenset({"force", "inspectorate", "government", "organization"})

# On-screen size of the labels at the legible zoom (canvas units are pixels there).
LEGIBLE_PX = 12
# A zoomed class's labels are drawn from this size on screen (vis-network hides
# a label while its size on screen is under drawThreshold - 1).
_ZOOMED_FROM_PX = 11
_FACE = "Arial, 'Liberation Sans', Arimo, Helvetica, sans-serif"

# relation key -> (label, colour)
RELATIONS: dict[str, tuple[str, str]] = {
    "role": ("holds role at", "#4e79a7"),
    "published": ("published", "#f28e2b"),
    "about": ("about", "#e15759"),
    "said": ("said", "#b07aa1"),
    "mentions": ("mentions", "#c8c8c8"),
    "other": ("related", "#8c8c8c"),
}

_BIG = 1500  # from here on: edges hidden while dragging or zooming, no curved edges

# --- the terms read, as plain IRIs ----------------------------------------------------

_SKOS = PREFIXES["skos"]
_PREF_LABEL = _SKOS + "prefLabel"
_ALT_LABEL = _SKOS + "altLabel"
_NAME = str(SCHEMA.name)
_HEADLINE = str(SCHEMA.headline)
_ALTERNATE_NAME = str(SCHEMA.alternateName)
_LEGAL_NAME = str(SCHEMA.legalName)
_MENTIONS = str(SCHEMA.mentions)
_PUBLISHER = str(SCHEMA.publisher)
_ABOUT = str(SCHEMA.about)
_SPOKEN_BY = str(SCHEMA.spokenByCharacter)
_PART_OF = str(SCHEMA.isPartOf)
_SAME_AS = str(SCHEMA.sameAs)
_TEXT = str(SCHEMA.text)
_DATE_PUBLISHED = str(SCHEMA.datePublished)
_URL = str(SCHEMA.url)
_DERIVED = str(PROV.wasDerivedFrom)
_MEMBER = str(ORG.member)
_ORGANIZATION = str(ORG.organization)
_ROLE = str(ORG.role)
_EVIDENCE = str(KGO.evidence)
_IN_ARTICLE = str(KGO.inArticle)
_FILE_NAME = str(KGO.fileName)
_ROLE_LABEL = str(KGO.roleLabel)
_QUALIFIER = str(KGO.qualifier)
_REPORT_KIND = str(KGO.reportKind)
_KIND_TEXT = str(KGO.kindText)
_PUBLISHER_NAME = str(KGO.publisherName)
_JUDGEMENT = str(KGO.judgement)
_GRADED_FORCE = str(KGO.gradedForce)
_AREA = str(KGO.area)
_GRADE = str(KGO.grade)
_FOLLOWS_UP = str(KGO.followsUp)
_FIELDWORK = str(KGO.fieldwork)
_REVISIT = str(KGO.revisit)
_POLICE_AREA = str(KGO.policeArea)
_POLICE_UK_ID = str(KGO.dataPoliceUkId)
_EXACT = str(OA.exact)
_START = str(OA.start)
_END = str(OA.end)
_HAS_BODY = str(OA.hasBody)
_HAS_TARGET = str(OA.hasTarget)
_HAS_SOURCE = str(OA.hasSource)
_HAS_SELECTOR = str(OA.hasSelector)
_TYPE = ""  # rdf:type, as TripleKey writes it

_QUOTATION = str(SCHEMA.Quotation)
_NEWS_ARTICLE = str(SCHEMA.NewsArticle)
_ARTICLE = str(SCHEMA.Article)
_INSPECTION_REPORT = str(KGO.InspectionReport)
_REPORT = str(SCHEMA.Report)
_PERSON = str(SCHEMA.Person)
_POLICE_FORCE = str(KGO.PoliceForce)
_INSPECTORATE = str(KGO.Inspectorate)
_GOVERNMENT_BODY = str(KGO.GovernmentBody)
_OTHER_ORGANIZATION = str(KGO.OtherOrganization)
_SCHEMA_ORGANIZATION = str(SCHEMA.Organization)
_ORG_ORGANIZATION = str(ORG.Organization)

# A Wikidata item as kg writes it: wd:Q6482989.
_RE_WIKIDATA = re.compile(re.escape(str(WD)) + r"(Q[0-9]+)")
# Predicates already drawn as a named relation, or structural links that would
# only duplicate one (a quotation is part of the article that also mentions
# its speaker; a report is derived from the articles that name it).
_STRUCTURAL = frozenset(
    {
        _TYPE,
        _MENTIONS,
        _PUBLISHER,
        _ABOUT,
        _SPOKEN_BY,
        _PART_OF,
        _SAME_AS,
        _DERIVED,
        _EVIDENCE,
    }
)
_ALIAS_PREDICATES = (_ALT_LABEL, _ALTERNATE_NAME, _LEGAL_NAME)


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


def _keys(graph: GraphInput) -> list[TripleKey]:
    """The triples of ``graph``, each once, sorted (which makes every list below sorted)."""
    rdflib = sys.modules.get("rdflib")  # no rdflib object can exist unless it was imported
    if rdflib is not None and isinstance(graph, rdflib.Graph):
        from kg.export import union_keys

        return union_keys(graph)
    return sorted(set(graph))  # type: ignore[arg-type]  # an rdflib Graph went above


def _lang_rank(term: TermKey) -> tuple[int, str]:
    lang = term[2] if term[0] == '"' else ""
    return (0 if lang in ("", "en") or lang.startswith("en-") else 1, term[1])


class _Index:
    """The triples by subject and predicate; for the few predicates read the other
    way round, also by predicate and by (predicate, object IRI)."""

    _ACROSS = frozenset({_TYPE, _PUBLISHER, _MENTIONS, _MEMBER, _HAS_BODY})

    def __init__(self, keys: Iterable[TripleKey]) -> None:
        self.out: dict[str, dict[str, list[TermKey]]] = {}
        self.by_predicate: dict[str, list[tuple[str, TermKey]]] = defaultdict(list)
        self.inverse: dict[tuple[str, str], list[str]] = defaultdict(list)
        across = self._ACROSS
        out = self.out
        for s, p, o in keys:
            props = out.get(s)
            if props is None:
                props = out[s] = {}
            values = props.get(p)
            if values is None:
                props[p] = [o]
            else:
                values.append(o)
            if p in across:
                self.by_predicate[p].append((s, o))
                if o[0] == "<":
                    self.inverse[(p, o[1])].append(s)

    def values(self, s: str, p: str) -> list[TermKey]:
        props = self.out.get(s)
        return props.get(p, []) if props else []

    def has(self, s: str, p: str) -> bool:
        return bool(self.values(s, p))

    def iris(self, s: str, p: str) -> list[str]:
        return [o[1] for o in self.values(s, p) if o[0] == "<"]

    def iri(self, s: str, p: str) -> str | None:
        for o in self.values(s, p):
            if o[0] == "<":
                return o[1]
        return None

    def subjects(self, p: str, o: str) -> list[str]:
        return self.inverse.get((p, o), [])

    def first(self, s: str | None, *predicates: str) -> str:
        """The best value of the first predicate that has one: English or untagged first."""
        if s is None:
            return ""
        for p in predicates:
            values = self.values(s, p)
            if values:
                return min(values, key=_lang_rank)[1]
        return ""

    def all(self, s: str, *predicates: str) -> list[str]:
        seen: dict[str, None] = {}
        for p in predicates:
            for v in sorted(self.values(s, p), key=_lang_rank):
                seen.setdefault(v[1], None)
        return list(seen)


def _classify(types: set[str]) -> str | None:
    if _QUOTATION in types:
        return "quote"
    if _NEWS_ARTICLE in types or _ARTICLE in types:
        return "article"
    if _INSPECTION_REPORT in types or _REPORT in types:
        return "report"
    if _PERSON in types:
        return "person"
    if _POLICE_FORCE in types:
        return "force"
    if _INSPECTORATE in types:
        return "inspectorate"
    if _GOVERNMENT_BODY in types:
        return "government"
    if types & {_OTHER_ORGANIZATION, _SCHEMA_ORGANIZATION, _ORG_ORGANIZATION}:
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


def _integer(term: TermKey | None) -> int:
    text = term[1].strip() if term is not None and term[0] == '"' else ""
    return int(text) if text.isdigit() else 0


class _Reader:
    """Caches the per-IRI look-ups that every node and edge repeats."""

    def __init__(self, index: _Index) -> None:
        self.g = index
        self._articles: dict[str, ArticleRef] = {}
        self._labels: dict[str, str] = {}
        self._evidence: dict[tuple[str, str | None], EvidenceRef] = {}

    def label(self, iri: str) -> str:
        if iri not in self._labels:
            self._labels[iri] = self.g.first(iri, _PREF_LABEL, _NAME, _ROLE_LABEL) or _local_name(
                iri
            )
        return self._labels[iri]

    def article(self, iri: str) -> ArticleRef:
        if iri not in self._articles:
            g = self.g
            self._articles[iri] = ArticleRef(
                iri=iri,
                title=g.first(iri, _NAME, _HEADLINE),
                date=g.first(iri, _DATE_PUBLISHED),
                file_name=g.first(iri, _FILE_NAME),
                url=g.first(iri, _URL),
            )
        return self._articles[iri]

    def evidence(self, ev: str, fallback_article: str | None) -> EvidenceRef:
        """Either shape: the node itself holds the sentence (kgo:Evidence), or it is an
        annotation whose target names the article and whose selectors hold the sentence
        (oa:TextQuoteSelector) and its offsets (oa:TextPositionSelector)."""
        key = (ev, fallback_article)
        if key not in self._evidence:
            g = self.g
            parts = [ev]
            for target in g.iris(ev, _HAS_TARGET):
                parts.append(target)
                parts.extend(g.iris(target, _HAS_SELECTOR))
            text = next((t for t in (g.first(x, _EXACT) for x in parts) if t), "")
            start = next((v[0] for v in (g.values(x, _START) for x in parts) if v), None)
            article = next(
                (a for x in parts for p in (_IN_ARTICLE, _HAS_SOURCE) if (a := g.iri(x, p))),
                fallback_article,
            )
            self._evidence[key] = EvidenceRef(text=text, article=article, start=_integer(start))
            if article is not None:
                self.article(article)
        return self._evidence[key]

    def evidence_of(self, claim: str) -> tuple[tuple[EvidenceRef, ...], tuple[str, ...]]:
        g = self.g
        derived = g.iris(claim, _DERIVED)
        fallback = derived[0] if len(derived) == 1 else None
        found = sorted(set(g.iris(claim, _EVIDENCE)) | set(g.subjects(_HAS_BODY, claim)))
        evs = [self.evidence(e, fallback) for e in found]
        for a in derived:
            self.article(a)
        return tuple(evs), tuple(derived)


def build_network(
    graph: GraphInput,
    *,
    show_articles: bool = True,
    show_quotes: bool = True,
    focus: str | None = None,
    hops: int = 2,
) -> Network:
    """The nodes and edges `render_html` draws, in the order it draws them.

    ``graph`` is an iterable of kg's triples (``kg.model.TripleKey``; repeats
    are fine), or an rdflib Graph or Dataset (all its graphs are read).
    Organizations are drawn only when something links to them (a mention, a
    role, a report, a quotation): the reference data lists every force, most of
    which a small corpus never names. News publishers are never drawn.
    ``show_articles``/``show_quotes`` leave those nodes out of the view
    altogether (the page can still hide the ones it has). ``focus`` is a node's
    IRI, prefixed IRI (``orgs:lancashire``) or label/alias; it raises
    UsageError when nothing or more than one node matches.
    """
    if hops < 0:
        raise UsageError(f"--hops must be 0 or more, not {hops}")
    return _build(_Index(_keys(graph)), show_articles, show_quotes, focus, hops)


def _build(
    g: _Index, show_articles: bool, show_quotes: bool, focus: str | None, hops: int
) -> Network:
    r = _Reader(g)
    types: dict[str, set[str]] = defaultdict(set)
    for s, t in g.by_predicate.get(_TYPE, ()):
        if t[0] == "<":
            types[s].add(t[1])
    cls: dict[str, str] = {}
    for s, ts in types.items():
        c = _classify(ts)
        if c is not None:
            cls[s] = c
    # a news publisher is a schema:Organization too; it is not an entity of the story
    for pub in sorted({o[1] for _, o in g.by_predicate.get(_PUBLISHER, ()) if o[0] == "<"}):
        if cls.get(pub) == "organization":
            publishes_articles = any(cls.get(s) == "article" for s in g.subjects(_PUBLISHER, pub))
            if publishes_articles and not g.subjects(_MENTIONS, pub):
                del cls[pub]

    edges: dict[tuple[str, str, str, str], tuple[set[EvidenceRef], set[str]]] = {}

    def add_edge(
        s: str,
        o: str,
        relation: str,
        label: str,
        evidence: Iterable[EvidenceRef] = (),
        articles: Iterable[str] = (),
    ) -> None:
        entry = edges.setdefault((s, o, relation, label), (set(), set()))
        entry[0].update(evidence)
        entry[1].update(articles)

    mentioned_by: dict[str, set[str]] = defaultdict(set)
    for a, e in g.by_predicate.get(_MENTIONS, ()):
        if e[0] == "<" and cls.get(a) == "article" and e[1] in cls:
            add_edge(a, e[1], "mentions", RELATIONS["mentions"][0], (), (a,))
            mentioned_by[e[1]].add(a)
            r.article(a)

    roles: dict[str, list[str]] = defaultdict(list)
    for m in sorted({s for s, _ in g.by_predicate.get(_MEMBER, ())}):
        member = g.iri(m, _MEMBER)
        org = g.iri(m, _ORGANIZATION)
        role = g.iri(m, _ROLE)
        # the scheme's label; for a role outside the scheme, the article's words
        named = role is not None and (g.has(role, _PREF_LABEL) or g.has(role, _NAME))
        role_label = (
            r.label(role)
            if named and role is not None
            else g.first(m, _ROLE_LABEL) or (r.label(role) if role is not None else "")
        ) or "a role"
        qualifier = g.first(m, _QUALIFIER)
        label = f"{qualifier} {role_label}".strip()
        if member is None:
            continue
        roles[member].append(label + (f" at {r.label(org)}" if org is not None else ""))
        if member in cls and org is not None and org in cls:
            evidence, articles = r.evidence_of(m)
            add_edge(member, org, "role", label, evidence, articles)

    for rep, c in sorted(cls.items()):
        if c == "report":
            evidence, articles = r.evidence_of(rep)
            mentioned_by[rep].update(articles)
            for pub in g.iris(rep, _PUBLISHER):
                if pub in cls:
                    add_edge(pub, rep, "published", "published", evidence, articles)
            for about in g.iris(rep, _ABOUT):
                if about in cls:
                    add_edge(rep, about, "about", "about", evidence, articles)
        elif c == "quote":
            evidence, articles = r.evidence_of(rep)
            part_of = [r.article(p).iri for p in g.iris(rep, _PART_OF)]
            mentioned_by[rep].update(articles, part_of)
            for speaker in g.iris(rep, _SPOKEN_BY):
                if speaker in cls:
                    add_edge(speaker, rep, "said", "said", evidence, (*articles, *part_of))

    # organizations only when something links to them
    linked = {k[0] for k in edges} | {k[1] for k in edges}
    for s in [s for s, c in cls.items() if c in _ORG_CLASSES and s not in linked]:
        del cls[s]

    # anything else that links two drawn nodes, e.g. from a CONSTRUCT query
    for s in sorted(cls):
        for p, objects in sorted(g.out.get(s, {}).items()):
            if p in _STRUCTURAL:
                continue
            for o in objects:
                if o[0] == "<" and o[1] in cls and o[1] != s:
                    add_edge(s, o[1], "other", _compact(p))

    hidden = {"article"} if not show_articles else set()
    if not show_quotes:
        hidden.add("quote")
    node_iris = sorted(
        (s for s, c in cls.items() if c not in hidden),
        key=lambda s: (_CLASS_INDEX[cls[s]], s),
    )
    nodes = {s: _make_node(r, s, cls[s], roles, mentioned_by) for s in node_iris}
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
        keep = _neighbourhood(edge_list, focus_iri, hops)
        nodes = {k: v for k, v in nodes.items() if k in keep}
        edge_list = [e for e in edge_list if e.source in keep and e.target in keep]

    cited = {a for n in nodes.values() for a in n.articles}
    for edge in edge_list:
        cited.update(edge.articles)
        cited.update(ev.article for ev in edge.evidence if ev.article)
    refs = {a: r.article(a) for a in sorted(cited)}
    return Network(tuple(nodes.values()), tuple(edge_list), refs, focus_iri)


def _article_sort_key(r: _Reader, iri: str | None) -> tuple[str, str]:
    if iri is None:
        return ("\uffff", "")
    a = r.article(iri)
    return (a.file_name or "\uffff", iri)


def _make_node(
    r: _Reader,
    s: str,
    c: str,
    roles: dict[str, list[str]],
    mentioned_by: dict[str, set[str]],
) -> VizNode:
    g = r.g
    facts: list[tuple[str, str]] = []
    aliases: list[str] = []
    if c == "article":
        a = r.article(s)
        label = _shorten(a.title or a.file_name or _local_name(s), 120)
        facts += [("Title", a.title), ("Date", a.date), ("File", a.file_name), ("URL", a.url)]
        pub = g.iri(s, _PUBLISHER)
        if pub is not None:
            facts.append(("Publisher", r.label(pub)))
    elif c == "quote":
        text = g.first(s, _TEXT)
        label = "\u201c" + _shorten(text, 120) + "\u201d"
        facts.append(("Text", text))
        for speaker in g.iris(s, _SPOKEN_BY):
            facts.append(("Speaker", r.label(speaker)))
    elif c == "report":
        kind = g.iri(s, _REPORT_KIND)
        kind_text = g.all(s, _KIND_TEXT)
        kind_label = g.first(kind, _PREF_LABEL) or (
            kind_text[0] if kind_text else "Inspection report"
        )
        date = g.first(s, _DATE_PUBLISHED)
        about = [r.label(o) for o in g.iris(s, _ABOUT)]
        # the report's own readable title when the graph gives one
        label = g.first(s, _PREF_LABEL, _NAME)
        if not label:
            subject = ", ".join(about[:2]) + (" \u2026" if len(about) > 2 else "")
            label = kind_label[:1].upper() + kind_label[1:]
            if subject:
                label += f": {subject}"
            if date:
                label += f" ({date})"
        facts += [("Kind", kind_label), ("Date", date)]
        facts += [("Described as", t) for t in kind_text]
        # the name the publisher bore on the report's date (HMIC before July 2017)
        then = g.all(s, _PUBLISHER_NAME)
        facts += [("Publisher", then[0] if then else r.label(p)) for p in g.iris(s, _PUBLISHER)]
        facts += [("About", a) for a in about]
        facts += [("Grade", g_) for g_ in _grades(r, s)]
        facts += [("Fieldwork", x) for x in g.all(s, _FIELDWORK)]
        facts += [("Revisit", x) for x in g.all(s, _REVISIT)]
        facts += [("Follows up", r.label(o)) for o in g.iris(s, _FOLLOWS_UP)]
    else:
        label = r.label(s)
        aliases = [a for a in g.all(s, *_ALIAS_PREDICATES) if a != label]
        facts.append(("Police area", g.first(s, _POLICE_AREA)))
        facts.append(("data.police.uk id", g.first(s, _POLICE_UK_ID)))
        facts += [("Role", x) for x in sorted(set(roles.get(s, ())))]
    wikidata = None
    for same in g.iris(s, _SAME_AS):
        m = _RE_WIKIDATA.fullmatch(same)
        if m:
            wikidata = m.group(1)
            break
    return VizNode(
        iri=s,
        cls=c,
        label=label or _local_name(s),
        aliases=tuple(aliases),
        facts=[(k, v) for k, v in facts if v],
        wikidata=wikidata,
        articles=tuple(sorted(mentioned_by.get(s, ()))),
    )


def _grades(r: _Reader, report: str) -> list[str]:
    """ "Cumbria Constabulary — effectiveness: good", one per judgement, sorted."""
    g = r.g
    out = []
    for j in g.iris(report, _JUDGEMENT):
        force = g.iri(j, _GRADED_FORCE)
        area = g.iri(j, _AREA)
        grade = g.iri(j, _GRADE)
        if force is None or area is None or grade is None:
            continue
        out.append(
            f"{r.label(force)} — {g.first(area, _PREF_LABEL)}: {g.first(grade, _PREF_LABEL)}"
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


def _neighbourhood(edges: Sequence[VizEdge], centre: str, hops: int) -> set[str]:
    """The nodes at most ``hops`` links from ``centre``, either way (networkx's
    breadth-first distances)."""
    import networkx as nx

    links: nx.Graph = nx.Graph()
    links.add_node(centre)
    links.add_edges_from((e.source, e.target) for e in edges)
    return set(nx.single_source_shortest_path_length(links, centre, cutoff=hops))


# --- CONSTRUCT ----------------------------------------------------------------

# What a drawn node needs besides the CONSTRUCT's own triples: its class, name,
# aliases and identifiers, and for an article the fields the page cites.
_DESCRIBE = (
    _TYPE,
    _PREF_LABEL,
    _ALT_LABEL,
    _NAME,
    _ALTERNATE_NAME,
    _LEGAL_NAME,
    _SAME_AS,
    _DATE_PUBLISHED,
    _URL,
    _TEXT,
    _POLICE_UK_ID,
    _POLICE_AREA,
    _FILE_NAME,
    _KIND_TEXT,
    _REPORT_KIND,
    _ROLE_LABEL,
    _QUALIFIER,
    _EVIDENCE,
    _DERIVED,
)
# An evidence node, an annotation, its target and its selectors: all of it.
_EVIDENCE_LINKS = (_HAS_TARGET, _HAS_SELECTOR)
_EVIDENCE_FIELDS = (_TYPE, _EXACT, _START, _END, _IN_ARTICLE, _HAS_SOURCE, _HAS_BODY)
_ARTICLE_FIELDS = (_NAME, _HEADLINE, _DATE_PUBLISHED, _FILE_NAME, _URL)  # cited, not drawn


def subgraph_from_construct(graph: GraphInput, query_text: str) -> list[TripleKey]:
    """Run a SPARQL CONSTRUCT on ``graph`` and return something `render_html` can draw.

    The result holds the constructed triples plus, for every IRI in them, its
    type, labels, aliases and identifiers from ``graph``, the evidence it
    cites (either shape) and the articles that comes from, so that nodes get
    their classes and names and edges their evidence.

    The query runs on pyoxigraph through `kg.query.run_query`, which refuses
    updates, SERVICE and FROM <file:...> (QueryRefused, a QueryError); a query
    that is not a CONSTRUCT, or that makes blank nodes, is a QueryError too.
    """
    import pyoxigraph as ox

    from kg.export import ox_key
    from kg.query import query_form, run_query

    form = query_form(query_text)
    if form != "CONSTRUCT":
        raise QueryError(f"a CONSTRUCT query is needed to draw, not {form or 'this'}")
    keys = _keys(graph)
    store = ox.Store()
    try:
        store.bulk_extend(_ox_quad(k) for k in keys)
    except (ValueError, SyntaxError) as e:
        raise QueryError(f"the graph cannot be queried: {' '.join(str(e).split())}") from None
    result = run_query(store, query_text)
    made: set[TripleKey] = set()
    for t in result.triples:
        try:
            made.add(ox_key(t.subject, t.predicate, t.object))  # type: ignore[arg-type]
        except ExportError as e:
            raise QueryError(f"the CONSTRUCT made a triple kg cannot draw: {e}") from None
    g = _Index(keys)
    out = set(made)
    iris = {s for s, _, _ in made} | {o[1] for _, _, o in made if o[0] == "<"}
    evidence: list[str] = []
    kinds: set[str] = set()
    for iri in sorted(iris):
        for p in _DESCRIBE:
            for o in g.values(iri, p):
                out.add((iri, p, o))
        evidence += g.iris(iri, _EVIDENCE)
        evidence += g.subjects(_HAS_BODY, iri)
        kinds.update(g.iris(iri, _REPORT_KIND))
    for kind in sorted(kinds):
        out.update((kind, _PREF_LABEL, o) for o in g.values(kind, _PREF_LABEL))
    articles: set[str] = set()
    seen: set[str] = set()
    while evidence:
        ev = evidence.pop()
        if ev in seen:
            continue
        seen.add(ev)
        for p in (*_EVIDENCE_FIELDS, *_EVIDENCE_LINKS):
            for o in g.values(ev, p):
                out.add((ev, p, o))
        evidence += [o for p in _EVIDENCE_LINKS for o in g.iris(ev, p)]
        articles.update(g.iris(ev, _IN_ARTICLE), g.iris(ev, _HAS_SOURCE))
    for iri in iris:
        articles.update(g.iris(iri, _DERIVED))
    for a in sorted(articles):
        for p in _ARTICLE_FIELDS:
            out.update((a, p, o) for o in g.values(a, p))
    return sorted(out)


def _ox_quad(key: TripleKey) -> Any:
    import pyoxigraph as ox

    s, p, o = key
    if o[0] == "<":
        obj: Any = ox.NamedNode(o[1])
    elif o[2]:
        obj = ox.Literal(o[1], language=o[2])
    elif o[3]:
        obj = ox.Literal(o[1], datatype=ox.NamedNode(o[3]))
    else:
        obj = ox.Literal(o[1])
    return ox.Quad(ox.NamedNode(s), ox.NamedNode(p or RDF_TYPE), obj)


# --- reading a graph to draw -----------------------------------------------------

_EVERYTHING = "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


def read_graph(path: Path) -> list[TripleKey]:
    """Every triple of an RDF file kg writes (all graphs of a TriG file), as keys.

    Read by pyoxigraph; raises InputError naming the file if it cannot be read.
    """
    from kg.export import read_quads

    return [key for key, _graph in read_quads(path)]


def read_endpoint(url: str) -> list[TripleKey]:
    """Every triple a SPARQL 1.1 endpoint holds (all its graphs), as keys."""
    import pyoxigraph as ox

    from kg.errors import InputError
    from kg.export import ox_key
    from kg.remote import construct

    data = construct(url, _EVERYTHING)
    try:
        return [
            ox_key(t.subject, t.predicate, t.object)
            for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        ]
    except (SyntaxError, ValueError, ExportError) as e:
        raise InputError(
            f"{url}: cannot read its answer: {' '.join(str(e).split())[:300]}"
        ) from None


def draw(
    out: str | os.PathLike[str],
    *,
    graph_file: Path | None = None,
    endpoint: str | None = None,
    query: Path | None = None,
    **kw: Any,
) -> Path:
    """`kg viz`: the graph of ``graph_file`` (or of ``endpoint``), or the part of it a
    CONSTRUCT ``query`` (an .rq file) draws, written to ``out`` by `write_html`
    (whose keyword arguments ``kw`` are)."""
    from kg.errors import InputError

    if endpoint is not None:
        keys = read_endpoint(endpoint)
    elif graph_file is not None:
        keys = read_graph(graph_file)
    else:
        raise UsageError("give a graph file or an endpoint to draw")
    if query is not None:
        try:
            text = query.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(f"{query}: {getattr(e, 'strerror', None) or e}") from None
        keys = subgraph_from_construct(keys, text)
    return write_html(keys, out, **kw)


# --- labels on the canvas ------------------------------------------------------

# Advance widths of Arial (and of Liberation Sans and Arimo, made to match it) in
# thousandths of an em, for " " to "~"; measured in Chromium with canvas measureText.
_ASCII_WIDTHS = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 "
    "556 556 556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 "
    "722 278 500 667 556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 "
    "278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 "
    "556 556 333 500 278 556 500 722 500 500 500 334 260 334 584"
)
_WIDTHS: dict[str, int] = {chr(32 + i): int(w) for i, w in enumerate(_ASCII_WIDTHS.split())} | {
    "\u2026": 1000,
    "\u201c": 333,
    "\u201d": 333,
    "\u2018": 222,
    "\u2019": 222,
}
# Another sans-serif (DejaVu Sans, where Arial and its clones are missing) runs
# about 10% wider: labels are given that much room.
_SLACK = 1.1


@cache
def _char_width(ch: str) -> int:
    w = _WIDTHS.get(ch)
    if w is not None:
        return w
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc"):
        return 0
    return 1000 if unicodedata.east_asian_width(ch) in ("W", "F") else 600


def _text_width(text: str, font: float) -> float:
    """Pixels ``text`` takes at ``font`` pixels, with room for a wider font."""
    return sum(map(_char_width, text)) * font * _SLACK / 1000


def _cut(text: str, font: float, width: float) -> str:
    """``text`` cut to fit ``width`` with an ellipsis (unchanged if it fits)."""
    if _text_width(text, font) <= width:
        return text
    room = (width - _text_width("\u2026", font)) * 1000 / (font * _SLACK)
    used = 0
    for end, ch in enumerate(text):
        used += _char_width(ch)
        if used > room:
            return text[:end].rstrip() + "\u2026"
    return text


def canvas_label(text: str, cls: str) -> tuple[str, float, int]:
    """The label drawn for a node of class ``cls``: wrapped into at most the class's
    lines at word boundaries (a line break in the text is a space), cut with an
    ellipsis; with its width in pixels and its number of lines."""
    c = _CLASS[cls]
    font = c.font
    width = c.line_em * font
    lines: list[str] = []
    words = text.split()
    i = 0
    while i < len(words) and len(lines) < c.lines:
        line = _cut(words[i], font, width)
        i += 1
        while i < len(words) and _text_width(line + " " + words[i], font) <= width:
            line += " " + words[i]
            i += 1
        lines.append(line)
    if i < len(words) and lines:
        rest = lines[-1] + " " + " ".join(words[i:])
        lines[-1] = _cut(rest, font, width)
    if not lines:
        lines = [""]
    return "\n".join(lines), max(_text_width(x, font) for x in lines), len(lines)


# A label is drawn this far under its node's shape (vis-network 9.1, measured).
_LABEL_GAP = 10
_PAD_X = 4
_PAD_Y = 2


def _box(size: float, label_width: float, lines: int, font: float) -> tuple[float, ...]:
    """A node's extent around its centre, shape and label: (left, top, right, bottom)."""
    half = max(size, label_width / 2) + _PAD_X
    bottom = size + (_LABEL_GAP + lines * font if label_width else 0) + _PAD_Y
    return (-half, -size - _PAD_Y, half, bottom)


# --- layout --------------------------------------------------------------------


# How much of the drawing's area the boxes are meant to cover before they are
# pushed apart (which spreads them a little further).
_DENSITY = 0.5
# Overlaps covering more than this share of the boxes' area are cleared by spreading first.
_CROWDED = 0.5
# From this many nodes on, leaves are set in rings instead of being laid out one by one.
_RINGS_FROM = 400


def layout(
    n: int,
    edges: Sequence[tuple[int, int]],
    *,
    boxes: Sequence[tuple[float, ...]] | None = None,
    seed: int = 7,
) -> list[tuple[int, int]]:
    """Pixel positions for ``n`` nodes, the same on every machine for the same input.

    ``boxes`` are each node's extent around its centre, (left, top, right,
    bottom) in pixels (its shape and label); no two boxes overlap in the result.
    Fruchterman-Reingold in numpy places the nodes: up to 400 nodes every pair
    repels; above that, pairs closer than twice the ideal edge length repel
    exactly (the original paper's grid), the far field is estimated from 20
    random partners per node, and leaves (a quotation and its speaker, a person
    named once) are left out and set in a ring around their one neighbour
    afterwards, a node repelling the others by the room its box and its ring
    take. The drawing is scaled so that the boxes would cover half of it, then
    `_separate` pushes apart the boxes that overlap. Only element-wise
    arithmetic, ``bincount``, ``cumsum`` and ``math.fsum`` are used, so no sum's
    order depends on the CPU, and a seeded PCG64 draws the start and the samples.
    """
    import numpy as np

    if n == 0:
        return []
    extent = np.array(boxes if boxes is not None else [(-15.0, -15.0, 15.0, 15.0)] * n, float)
    neighbours: list[set[int]] = [set() for _ in range(n)]
    for a, b in edges:
        if a != b:
            neighbours[a].add(b)
            neighbours[b].add(a)
    leaves: dict[int, list[int]] = defaultdict(list)
    for v in range(n if n > _RINGS_FROM else 0):
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
    width = extent[:, 2] - extent[:, 0]
    height = extent[:, 3] - extent[:, 1]
    # a node's room: its box and those of the leaves set around it
    area = width * height
    room = area.copy()
    for parent, kids in leaves.items():
        room[parent] += math.fsum(area[kids])
    mass = np.sqrt(room[core] / np.median(room[core]))
    pos = np.zeros((n, 2))
    pos[core] = _force_layout(len(core), core_edges, np.random.default_rng(seed), mass)
    # pixels per ideal edge length: room for every box at about the density wanted
    span = pos[core].max(axis=0) - pos[core].min(axis=0)
    pos[core] *= math.sqrt(math.fsum(area) / _DENSITY / max(float(span[0] * span[1]), 1.0))
    for parent, kids in sorted(leaves.items()):
        # a ring as long as the kids' boxes side by side, clear of the parent's box
        around = float(np.hypot(width[parent], height[parent])) / 2
        reach = float(np.hypot(width[kids], height[kids]).max()) / 2
        ring = math.fsum(width[kids] + height[kids]) / 2 + 6 * len(kids)
        radius = max(around + reach, ring / (2 * math.pi))
        for m, kid in enumerate(kids):
            angle = 2 * math.pi * m / len(kids) + 0.5
            pos[kid, 0] = pos[parent, 0] + radius * math.cos(angle)
            pos[kid, 1] = pos[parent, 1] + radius * math.sin(angle)
    _separate(pos, extent)
    centre = (pos.min(axis=0) + pos.max(axis=0)) / 2
    return [(round(float(x)), round(float(y))) for x, y in pos - centre]


def _force_layout(n: int, edges: Any, rng: Any, mass: Any = None) -> Any:
    """Fruchterman-Reingold: an (n, 2) array with an ideal edge length of 1.

    Two nodes repel each other in proportion to the product of their ``mass``
    (1 by default), so a node that needs more room gets it.
    """
    import numpy as np

    if n <= 1:
        return np.zeros((n, 2))
    mass = np.ones(n) if mass is None else mass
    src, dst = edges[:, 0], edges[:, 1]
    k = 1.0  # ideal edge length
    side = math.sqrt(n) * k
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    exact = n <= 400
    cutoff = 2.0 * k
    samples = 20
    iterations = 120 if exact else 50
    t = side / 8
    cool = (0.02 / t) ** (1.0 / iterations)
    idx = np.arange(n)
    gravity = 0.02  # holds separate components together
    fx = np.zeros(n)
    fy = np.zeros(n)
    if exact:  # every pair but each node with itself
        every_i, every_j = np.repeat(idx, n), np.tile(idx, n)
        every_i, every_j = every_i[every_i != every_j], every_j[every_i != every_j]

    def repel(i: Any, j: Any, weight: float, near: bool | None) -> None:
        dx = pos[i, 0] - pos[j, 0]
        dy = pos[i, 1] - pos[j, 1]
        d2 = dx * dx + dy * dy
        keep = i != j
        if near is True:
            keep &= d2 < cutoff * cutoff
        elif near is False:
            keep &= d2 >= cutoff * cutoff
        i, j, dx, dy = i[keep], j[keep], dx[keep], dy[keep]
        f = (k * k * weight) * mass[i] * mass[j] / np.maximum(d2[keep], 1e-4)
        fx[:] += np.bincount(i, weights=dx * f, minlength=n)
        fy[:] += np.bincount(i, weights=dy * f, minlength=n)

    for _ in range(iterations):
        fx[:] = 0.0
        fy[:] = 0.0
        if exact:
            repel(every_i, every_j, 1.0, None)
        else:
            cells = np.array([cutoff, cutoff])
            for i, j in _grid_pairs(pos, cells):
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


def _separate(pos: Any, extent: Any) -> None:
    """Push overlapping boxes apart, in place, until none overlaps.

    While more than one box in ten overlaps another, the drawing is first
    spread as a whole (a force layout leaves a crowded middle that pushing
    alone clears only slowly). Then each overlapping pair moves apart along the
    axis where it overlaps less, each box half the way (plus a pixel); a box in
    several overlaps takes the sum of its moves. The pairs near enough to
    matter are found on a grid, then pushed for some rounds before they are
    looked for again. Should pushes keep cancelling out, the drawing is spread
    a little, which ends every overlap in the end.
    """
    import numpy as np

    n = len(pos)
    if n < 2:
        return
    off = (extent[:, :2] + extent[:, 2:]) / 2  # box centre relative to the node
    half = (extent[:, 2:] - extent[:, :2]) / 2 + 0.5  # a pixel apart, once rounded
    margin = 8.0
    cells = 2 * half.max(axis=0) + margin

    def near(slack: float) -> tuple[Any, Any]:
        centre = pos + off
        found_i, found_j = [], []
        for i, j in _grid_pairs(centre, cells):
            keep = i < j
            i, j = i[keep], j[keep]
            close = (np.abs(centre[j] - centre[i]) < half[i] + half[j] + slack).all(axis=1)
            found_i.append(i[close])
            found_j.append(j[close])
        return np.concatenate(found_i), np.concatenate(found_j)

    middle = (pos.min(axis=0) + pos.max(axis=0)) / 2
    i, j = near(0.0)
    d = np.abs((pos + off)[j] - (pos + off)[i])
    area = 4 * half[:, 0] * half[:, 1]
    overlap = (half[i, 0] + half[j, 0] - d[:, 0]) * (half[i, 1] + half[j, 1] - d[:, 1])
    if math.fsum(overlap) > _CROWDED * math.fsum(area):
        # A crowded middle and a sparse fringe, as a force layout leaves a big graph:
        # each node keeps its direction from the middle and its rank by distance,
        # at the radius where the boxes nearer the middle fill a disc at _DENSITY.
        rel = pos - middle
        radius = np.hypot(rel[:, 0], rel[:, 1])
        order = np.argsort(radius, kind="stable")
        filled = np.cumsum(area[order]) - area[order] / 2
        target = np.empty(n)
        target[order] = np.sqrt(filled / (math.pi * _DENSITY))
        pos[:] = middle + rel * (target / np.maximum(radius, 1e-9))[:, None]
    best = n * n
    stalled = 0
    for _ in range(400):
        i, j = near(margin)
        overlaps = -1
        for _push in range(20):
            d = (pos + off)[j] - (pos + off)[i]
            over = half[i] + half[j] - np.abs(d)
            hit = (over[:, 0] > 0) & (over[:, 1] > 0)
            if overlaps < 0:
                overlaps = int(hit.sum())
            if not hit.any():
                break
            hi, hj, d, over = i[hit], j[hit], d[hit], over[hit]
            along_x = over[:, 0] <= over[:, 1]
            # away from each other; exactly level, the later node goes right or down
            step = (over + 1.0) / 2 * np.where(d >= 0, 1.0, -1.0)
            step[along_x, 1] = 0.0
            step[~along_x, 0] = 0.0
            for axis in (0, 1):
                push = np.bincount(hj, weights=step[:, axis], minlength=n)
                push -= np.bincount(hi, weights=step[:, axis], minlength=n)
                pos[:, axis] += push
        if overlaps == 0:  # every pair near enough to overlap was found: none does
            return
        # pushes that cancel out: give everything a little more room
        if overlaps < 0.95 * best:
            best, stalled = overlaps, 0
        else:
            stalled += 1
        if stalled >= 3:
            pos[:] = middle + (pos - middle) * 1.03


def _grid_pairs(pos: Any, cells: Any) -> Iterable[tuple[Any, Any]]:
    """(i, j) index arrays of the points in the same or a neighbouring grid cell.

    ``cells`` is the cell's (width, height); every pair closer than that on
    both axes is among them (with each pair both ways, and each point with itself).
    """
    import numpy as np

    n = len(pos)
    idx = np.arange(n)
    cell = np.floor(pos / cells).astype(np.int64)
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

# (str.replace, once per character, is quicker than str.translate on megabytes)
_SCRIPT_UNSAFE = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def _json_for_script(data: object) -> str:
    """JSON that cannot end or comment its <script> block, whatever the strings hold."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in _SCRIPT_UNSAFE:
        text = text.replace(char, escaped)
    return text


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _static(name: str) -> str:
    return resources.files("kg").joinpath("static", name).read_text(encoding="utf-8")


@cache
def _vis_network_js() -> str:
    """The standalone vis-network that the installed pyvis bundles (its newest, if several)."""
    lib = resources.files("pyvis").joinpath("templates", "lib")
    found = []
    for folder in lib.iterdir():
        m = re.fullmatch(r"vis-([0-9]+(?:\.[0-9]+)*)", folder.name)
        script = folder.joinpath("vis-network.min.js")
        if m and script.is_file():
            found.append((tuple(int(x) for x in m.group(1).split(".")), script))
    if not found:
        raise ExportError(f"{lib}: the installed pyvis bundles no vis-network")
    text = max(found)[1].read_text(encoding="utf-8")
    # either would end (or, with "<script", escape the end of) the inline <script> early
    if "</script" in text.lower() or "<!--" in text:
        raise ExportError("pyvis's vis-network holds '</script' or '<!--': it cannot be inlined")
    return text


def _node_size(node: VizNode, max_mentions: int) -> float:
    if node.cls in ("article", "quote"):
        return 7.0
    if not max_mentions:
        return 10.0
    return round(10 + 14 * math.sqrt(node.mentions / max_mentions), 1)


def _vis_items(
    net: Network,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int | None, bool]:
    """vis-network's node and edge items, laid out; the node to show first; big or not."""
    node_ids = {n.iri: i for i, n in enumerate(net.nodes)}
    max_mentions = max((n.mentions for n in net.nodes), default=0)
    big = len(net.nodes) + len(net.edges) >= _BIG
    nodes: list[dict[str, Any]] = []
    boxes = []
    for i, n in enumerate(net.nodes):
        label, width, lines = canvas_label(n.label, n.cls)
        size = _node_size(n, max_mentions)
        boxes.append(_box(size, width, lines, _CLASS[n.cls].font))
        nodes.append({"id": i, "label": label, "group": n.cls, "size": size})
    links = [(node_ids[e.source], node_ids[e.target]) for e in net.edges]
    for node, (x, y) in zip(nodes, layout(len(nodes), links, boxes=boxes), strict=True):
        node["x"], node["y"] = x, y
    edges: list[dict[str, Any]] = []
    parallel: dict[tuple[int, int], int] = defaultdict(int)
    for i, (e, (a, b)) in enumerate(zip(net.edges, links, strict=True)):
        colour = RELATIONS.get(e.relation, RELATIONS["other"])[1]
        item: dict[str, Any] = {
            "id": i,
            "from": a,
            "to": b,
            "color": {"color": colour, "highlight": "#222222", "hover": "#555555"},
            "width": 1 if e.relation == "mentions" else 2,
        }
        if not big:
            # several edges between one pair of nodes: bend each one further out
            k = parallel[(min(a, b), max(a, b))] = parallel[(min(a, b), max(a, b))] + 1
            if k > 1:
                item["smooth"] = {
                    "type": "curvedCW" if k % 2 else "curvedCCW",
                    "roundness": 0.25 * (k // 2),
                }
        edges.append(item)
    # shown first when the whole graph is too big to read: the focus, else the most linked
    degree = [0] * len(nodes)
    for a, b in links:
        degree[a] += 1
        degree[b] += 1
    entities = [i for i, n in enumerate(net.nodes) if not _CLASS[n.cls].zoomed] or list(
        range(len(nodes))
    )
    home = node_ids[net.focus] if net.focus else None
    if home is None and entities:
        home = max(entities, key=lambda i: (degree[i], -i))
    return nodes, edges, home, big


# The view's classes and relations that a correction can name (kg.corrections.view_entry).
_FIX_NODES = {"person": "person", "report": "report", "quote": "quotation"}
_FIX_NODES.update({c: "organization" for c in _ORG_CLASSES})
_FIX_EDGES = {"role": "membership", "said": "speaker", "about": "subject"}


def _node_fix(n: VizNode, articles: list[str]) -> str:
    """The correction entry a user can copy for a node ("" where none applies)."""
    from kg.corrections import view_entry

    kind = _FIX_NODES.get(n.cls)
    if kind is None:
        return ""
    source = ""
    if kind == "quotation":
        source = next((v for k, v in n.facts if k == "Speaker"), "")
    return view_entry(kind, n.label, iri=n.iri, source=source, articles=articles)


def _edge_fix(e: VizEdge, labels: dict[str, str], articles: list[str]) -> str:
    """The correction entry a user can copy for an edge ("" where none applies)."""
    from kg.corrections import view_entry

    kind = _FIX_EDGES.get(e.relation)
    if kind is None:
        return ""
    source, target = labels.get(e.source, ""), labels.get(e.target, "")
    if kind == "speaker":  # "said" runs from the speaker to the quotation
        return view_entry(kind, target, source=source, articles=articles)
    return view_entry(kind, e.label, source=source, target=target, articles=articles)


def _options(big: bool) -> dict[str, Any]:
    """vis-network's options: looks by class, physics off, labels by zoom."""
    groups = {}
    for c in CLASSES:
        border = {"background": c.color, "border": "#000000"}
        group: dict[str, Any] = {
            "shape": c.shape,
            "color": {"background": c.color, "border": "#444444", "highlight": border},
            "font": {"size": c.font},
        }
        if c.zoomed:
            group["scaling"] = {"label": {"drawThreshold": _ZOOMED_FROM_PX + 1}}
        groups[c.key] = group
    return {
        "autoResize": True,
        "groups": groups,
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "physics": {"enabled": False, "solver": "forceAtlas2Based", "stabilization": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "multiselect": False,
            "keyboard": False,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
        },
        "nodes": {
            "borderWidth": 1,
            "font": {
                "size": LEGIBLE_PX,
                "face": _FACE,
                "color": "#222222",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "scaling": {"label": {"drawThreshold": 5, "maxVisible": 28}},
        },
        "edges": {
            "smooth": False if big else {"type": "continuous", "roundness": 0.15},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "selectionWidth": 2,
        },
    }


def _details(net: Network, home: int | None, big: bool) -> dict[str, Any]:
    """What the page's own script shows: legend, details, evidence, articles."""
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

    def files(iris: Iterable[str]) -> list[str]:
        return [net.articles[a].file_name for a in iris if a in net.articles]

    nodes = [
        [
            n.label,
            _CLASS_INDEX[n.cls],
            n.iri,
            list(n.aliases),
            [list(f) for f in n.facts],
            n.wikidata,
            [article_ids[a] for a in n.articles],
            _node_fix(n, files(n.articles)),
        ]
        for n in net.nodes
    ]
    labels = {n.iri: n.label for n in net.nodes}
    edges = [
        [
            node_ids[e.source],
            node_ids[e.target],
            e.relation,
            e.label,
            [ev_id(v) for v in e.evidence],
            [article_ids[a] for a in e.articles],
            _edge_fix(e, labels, files(e.articles)),
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
        "home": home,
        "big": big,
        "legible": LEGIBLE_PX,
    }


def _environment(extra: dict[str, Any]) -> Any:
    """kg's page template, autoescaped, with its JSON filter and ``extra`` as globals."""
    from jinja2 import Environment, PackageLoader, StrictUndefined
    from markupsafe import Markup

    env = Environment(
        loader=PackageLoader("kg", "static"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )

    def script_json(value: object) -> Markup:
        if isinstance(value, str):  # pyvis hands its options over as JSON text
            value = json.loads(value)
        return Markup(_json_for_script(value))

    env.filters["script_json"] = script_json
    env.globals.update(extra)
    return env


_CSP_SLOT = "@@KG_CSP@@"
_RE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def render_html(
    graph: GraphInput,
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
    from markupsafe import Markup
    from pyvis.network import Network as PyvisNetwork

    net = build_network(
        graph, show_articles=show_articles, show_quotes=show_quotes, focus=focus, hops=hops
    )
    nodes, edges, home, big = _vis_items(net)
    page = PyvisNetwork(directed=True, cdn_resources="in_line", heading=title)
    page.nodes = nodes
    page.node_ids = [n["id"] for n in nodes]
    page.node_map = {n["id"]: n for n in nodes}
    page.edges = edges
    page.options = _options(big)
    page.templateEnv = _environment(
        {
            "kg": _details(net, home, big),
            "vis_network": Markup(_vis_network_js()),
            "app_js": Markup(_static("viz.js")),
            "css": Markup(_static("viz.css")),
            "csp": _CSP_SLOT,
        }
    )
    page.path = "viz.html"
    html = page.generate_html()
    # The policy allows exactly the inline scripts the page holds, hashed as rendered.
    csp = (
        "default-src 'none'; "
        f"script-src {' '.join(_csp_hash(s) for s in _RE_SCRIPT.findall(html))}; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
        "connect-src 'none'; form-action 'none'; base-uri 'none'"
    )
    return html.replace(_CSP_SLOT, csp, 1)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_html(graph: GraphInput, path: str | os.PathLike[str], **kw: Any) -> Path:
    """Write `render_html`'s page to ``path`` (atomically); return the path.

    ``graph`` is an iterable of kg's triples or an rdflib Graph/Dataset.
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
