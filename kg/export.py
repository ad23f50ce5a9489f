"""Write the graph as Turtle, TriG, JSON-LD and N-Triples, byte-identical for the same content.

The triples are converted to pyoxigraph terms, sorted in Python and written by
pyoxigraph: on 180k triples the four files take about 5 s, where rdflib needs
8 s for Turtle alone and 30 s for its canonical ``longturtle``. Sorting makes the
files depend on the content only, not on the order triples were added in; that
holds because kg graphs have no blank nodes, so a blank node is refused rather
than written under a name that would change from run to run.

Each file is first written beside its destination under a temporary name,
flushed to disk and parsed back with pyoxigraph; only when every file has
passed are they renamed into place. A failure leaves the previous exports as
they were. The renames themselves are not one transaction: if the disk fails
between two of them, some files are new and some old, each one whole.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NoReturn

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from kg.errors import ExportError, InputError
from kg.formats import DEFAULT_FORMATS, FORMATS, export_file, format_name
from kg.model import RDF_TYPE, TermKey, TripleKey
from kg.vocab import PREFIXES, graph_scope, is_audit_graph, scope_of

_QUAD_FORMATS = frozenset({"trig", "nquads"})  # the others hold the union of all graphs


Writer = Callable[[IO[bytes]], object]


def write_exports(
    dataset: Graph,
    out_dir: Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
) -> dict[str, Path]:
    """Write an rdflib graph's exports into ``out_dir`` (``write_graphs``)."""
    return write_graphs(_graph_keys(dataset).items(), out_dir, formats)


def write_graphs(
    graphs: Iterable[tuple[str, Iterable[TripleKey]]],
    out_dir: Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
) -> dict[str, Path]:
    """Write ``graph.<extension>`` for each format into ``out_dir`` from the graphs
    (name, keys; "" names the default graph); return their paths by format.

    Raises ExportError, naming the file, if any cannot be written or does not
    parse back; then no export has changed.
    """
    formats = [format_name(f) for f in formats]
    content = content_of(graphs)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportError(f"{out_dir}: cannot create the folder: {e.strerror or e}") from e
    staged: list[_Staged] = []
    try:
        for fmt in dict.fromkeys(formats):
            expected = (
                sum(len(k) for _, k in content.graphs)
                if fmt in _QUAD_FORMATS
                else (len(content.shared) + sum(len(k) for _, k in content.local))
            )
            staged.append(
                _stage_bodies(
                    export_file(out_dir, fmt), fmt, canonical_bodies(content, fmt), expected
                )
            )
        commit(staged)
    except BaseException:
        for s in staged:
            s.discard()
        raise
    return {fmt: export_file(out_dir, fmt) for fmt in dict.fromkeys(formats)}


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once: readers see the old file or the new one.

    The data is fsynced before the rename, and the folder after it. Raises ExportError.
    """
    staged = _stage(path, lambda f: f.write(data))
    try:
        commit([staged])
    except BaseException:
        staged.discard()
        raise


@dataclass(slots=True)
class _Staged:
    """A complete temporary file waiting to be renamed to ``final``."""

    final: Path
    temp: Path

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.temp.unlink()


# Terms and triples are kg.model's keys. Two rdflib terms for one RDF term ("x" and
# "x"^^xsd:string) get one key, so duplicates are removed and the order fixed on
# keys, before pyoxigraph sees them.
_TYPE = RDF_TYPE
_STRING = str(XSD.string)


SHARED_BUCKETS = 512


def bucket_of(subject: str) -> int:
    """The bucket of a shared subject. The shared section is sorted by bucket, then
    by key, so that a rebuild rewrites only the buckets whose triples changed."""
    return zlib.crc32(subject.encode("utf-8", "surrogatepass")) % SHARED_BUCKETS


@dataclass(frozen=True, slots=True)
class Canonical:
    """A dataset's content as sorted keys, in the order kg writes it.

    ``graphs`` lists the default graph (named ""), then the named graphs by IRI,
    each with its sorted keys: the order of TriG. The union formats (Turtle,
    N-Triples, JSON-LD) hold ``shared``, the union of every triple that is not
    *local*, sorted by the bucket of its subject (``bucket_of``) and then by key,
    then each article graph's local triples (``local``, by graph IRI). A triple
    is local to the article its subject was minted for (``kg.vocab.scope_of``),
    wherever it is stated: every statement about a quote or a piece of
    evidence is made in one article's graph (or, for the graph itself, in the
    default graph), so its lines can be written, cached and spliced per
    article, and a rebuild after one article changed rewrites a few sections,
    not the whole file.
    """

    shared: list[TripleKey]
    local: list[tuple[str, list[TripleKey]]]
    graphs: list[tuple[str, list[TripleKey]]]

    @property
    def triples(self) -> list[ox.Triple]:
        """The union, in the order of the union formats."""
        terms = _Terms()
        out = terms.triples(self.shared)
        for _, keys in self.local:
            out += terms.triples(keys)
        return out

    def quads(self) -> list[ox.Quad]:
        """Every graph's triples, in the order of TriG."""
        terms = _Terms()
        return [q for name, keys in self.graphs for q in terms.quads(keys, name)]


def canonical(dataset: Graph) -> Canonical:
    """The content of an rdflib graph (a plain Graph counts as a default graph), put in
    order. Raises ExportError on a blank node or a malformed IRI."""
    return content_of(_graph_keys(dataset).items())


def _graph_keys(dataset: Graph) -> dict[str, set[TripleKey]]:
    by_graph: dict[str, set[TripleKey]] = {}
    for name, graph in _graphs(dataset):
        by_graph.setdefault(name, set()).update(_triple_key(s, p, o) for s, p, o in graph)
    return by_graph


def content_of(graphs: Iterable[tuple[str, Iterable[TripleKey]]]) -> Canonical:
    """The content of graphs (name, keys; "" for the default graph), put in order.

    Raises ExportError on a malformed IRI or literal.
    """
    by_graph: dict[str, set[TripleKey]] = {}
    for name, keys in graphs:
        by_graph.setdefault(name, set()).update(keys)
    ordered = [(name, sorted(keys)) for name, keys in sorted(by_graph.items()) if keys]
    # (an audit graph of claims a correction took out is in TriG, never in the union)
    union = [(name, keys) for name, keys in ordered if not is_audit_graph(name)]
    scopes = {scope: name for name, _ in union if (scope := graph_scope(name))}
    sections: dict[str, set[TripleKey]] = {}
    for _, keys in union:
        for k in keys:
            home = scopes.get(scope_of(k[0]) or "", "")
            sections.setdefault(home, set()).add(k)
    shared = sorted(sections.pop("", ()), key=lambda k: (bucket_of(k[0]), k))
    local = [(name, sorted(sections[name])) for name in sorted(sections)]
    canon = Canonical(shared, local, ordered)
    canon.triples  # noqa: B018  (raises ExportError on a malformed IRI or literal, now)
    return canon


def split_local(graph: str, keys: Iterable[TripleKey]) -> tuple[list[TripleKey], list[TripleKey]]:
    """One graph's keys as (local, shared), each in the order given (see ``Canonical``).

    Raises ExportError for a triple about another article's subject, which kg
    never states (its section would be another article's).
    """
    scope = graph_scope(graph)
    if scope is None:
        return [], list(keys)
    local: list[TripleKey] = []
    shared: list[TripleKey] = []
    seen: dict[str, bool] = {}
    for k in keys:
        mine = seen.get(k[0])
        if mine is None:
            other = scope_of(k[0])
            if other is not None and other != scope:
                raise ExportError(f"<{graph}> states a triple about <{k[0]}> of another article")
            mine = seen[k[0]] = other == scope
        (local if mine else shared).append(k)
    return local, shared


@dataclass(frozen=True, slots=True)
class GraphBodies:
    """One article's graph, written (see ``Canonical``)."""

    bodies: dict[str, bytes]  # union formats: its local triples; quad formats: the named graph
    default: dict[str, bytes]  # quad formats: its default-graph triples (its provenance)
    default_count: int
    local: int  # triples in the union formats' bodies
    total: int  # triples in its named graph
    shared: list[TripleKey]  # its triples that are not local


def graph_bodies(
    graph: str,
    keys: Sequence[TripleKey],
    provenance: Sequence[TripleKey],
    formats: Iterable[str] = FORMATS,
) -> GraphBodies:
    """One article graph's sorted ``keys`` and the sorted default-graph triples about
    it (``provenance``, all local), written in every format.

    The bodies are not parsed back here (that was a third of the time of a build's
    rendering): every IRI is checked as pyoxigraph makes its term, every literal
    is escaped by pyoxigraph's writer, and tests/reliability parses every export
    of hostile text with three parsers.
    """
    local, shared = split_local(graph, keys)
    if any(scope_of(k[0]) != graph_scope(graph) for k in provenance):
        raise ExportError(f"<{graph}>: its provenance is about another subject")
    local = sorted(set(local).union(provenance))
    terms = _Terms()
    # every key made a pyoxigraph term once: the named graph's, then the union's
    made = dict(zip(keys, terms.triples(keys), strict=True))
    name = terms.iri(graph)
    named = [ox.Quad(t.subject, t.predicate, t.object, name) for t in made.values()]
    extra = [k for k in local if k not in made]
    made.update(zip(extra, terms.triples(extra), strict=True))
    union = [made[k] for k in local]
    bodies = {}
    for fmt in formats:
        sections = Sections(fmt)
        if sections.quads:
            bodies[fmt] = sections.serialize(named, check=False)
        elif fmt == "jsonld":
            bodies[fmt] = jsonld_body(local)
        else:
            bodies[fmt] = sections.serialize(union, check=False)
    defaults = terms.quads(provenance, "")
    default = {fmt: Sections(fmt).serialize(defaults, check=False) for fmt in _QUAD_FORMATS}
    return GraphBodies(bodies, default, len(provenance), len(local), len(keys), shared)


def union_bodies(keys: Sequence[TripleKey], formats: Iterable[str]) -> dict[str, bytes]:
    """The bodies of sorted keys in union formats; the Turtle one is parsed back."""
    triples = _Terms().triples(keys)
    return {
        fmt: jsonld_body(keys)
        if fmt == "jsonld"
        else Sections(fmt).serialize(triples, check=fmt == "turtle")
        for fmt in formats
    }


# --- compact JSON-LD -----------------------------------------------------------------


@functools.cache
def jsonld_context() -> dict[str, object]:
    """The JSON-LD context of kg's files: ``ontology/context.jsonld``, published with the
    ontology, and inlined at the head of every graph.jsonld so that it reads offline."""
    from kg.vocab import ontology_dir

    data = json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))
    context: dict[str, object] = data["@context"]
    return context


@functools.cache
def _compactor() -> list[tuple[str, str]]:
    """(namespace, prefix) of the context, longest namespace first."""
    pairs = [(ns, p) for p, ns in jsonld_context().items() if isinstance(ns, str)]
    return sorted(pairs, key=lambda x: -len(x[0]))


@functools.lru_cache(maxsize=1 << 16)
def _compact(iri: str) -> str:
    """``https://schema.org/name`` -> ``schema:name``; an IRI under no prefix as it is."""
    for ns, prefix in _compactor():
        if iri.startswith(ns):
            rest = iri[len(ns) :]
            if rest and not rest.startswith("/") and ":" not in rest.split("/", 1)[0]:
                return f"{prefix}:{rest}"
    return iri


def _jsonld_value(o: TermKey) -> object:
    if o[0] == "<":
        return {"@id": _compact(o[1])}
    _, value, language, datatype = o
    if language:
        return {"@value": value, "@language": language}
    if datatype:
        return {"@value": value, "@type": _compact(datatype)}
    return value


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def jsonld_body(keys: Sequence[TripleKey]) -> bytes:
    """Sorted keys as compact JSON-LD node objects (one per subject, properties and
    values in key order), joined by commas, for the ``"@graph"`` array of a file
    whose head carries ``jsonld_context``. Every subject's triples must be
    together, as they are in a body (see ``Canonical``)."""
    nodes: list[bytes] = []
    subject = None
    node: dict[str, object] = {}
    for s, p, o in keys:
        if s != subject:
            if node:
                nodes.append(_json(node))
            subject, node = s, {"@id": _compact(s)}
        if not p:
            types = node.setdefault("@type", [])
            assert isinstance(types, list)
            types.append(_compact(o[1]))
            continue
        name = _compact(p)
        value = _jsonld_value(o)
        have = node.get(name)
        if have is None:
            node[name] = value
        elif isinstance(have, list):
            have.append(value)
        else:
            node[name] = [have, value]
    if node:
        nodes.append(_json(node))
    return b",".join(nodes)


def sorted_quads(dataset: Graph) -> list[ox.Quad]:
    """Every quad of ``dataset`` once, in the canonical order of :func:`canonical`."""
    return canonical(dataset).quads()


# --- sections: a file is a header, bodies written one by one, and a footer ------------


class Sections:
    """Writes keys in one format as separate *bodies* that concatenate into one file.

    ``header() + body(a) + body(b) + footer()`` is the file pyoxigraph writes for
    ``a`` then ``b`` when no subject (and, in TriG, no graph) runs across the
    two; ``join`` puts the comma between JSON-LD bodies. Every body can be parsed
    back on its own (``check=True``), so a file assembled from checked bodies
    need not be parsed again whole.
    """

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.rdf = FORMATS[fmt]
        self.quads = fmt in _QUAD_FORMATS
        self.terms = _Terms()

    def header(self) -> bytes:
        return _header(self.fmt)

    def footer(self) -> bytes:
        if self.rdf == ox.RdfFormat.JSON_LD:
            return b"]}"
        return _RDF_XML_FOOTER if self.rdf == ox.RdfFormat.RDF_XML else b""

    def body(self, keys: Sequence[TripleKey], graph: str = "", *, check: bool = False) -> bytes:
        """The statements of ``keys`` (in ``graph``, for TriG), without header or footer."""
        if not keys:
            return b""
        if self.rdf == ox.RdfFormat.JSON_LD:
            data = jsonld_body(keys)
            if check:
                self.check(data, len(set(keys)))
            return data
        items = self.terms.quads(keys, graph) if self.quads else self.terms.triples(keys)
        return self.serialize(items, check=check)

    def serialize(self, items: Sequence[ox.Triple] | Sequence[ox.Quad], *, check: bool) -> bytes:
        """The body of pyoxigraph terms (quads for TriG, triples for the others)."""
        if not items:
            return b""
        buffer = io.BytesIO()
        try:
            ox.serialize(items, buffer, self.rdf, prefixes=_prefixes())
        except (SyntaxError, ValueError) as e:
            raise ExportError(f"graph.{self.fmt}: a term cannot be written: {e}") from e
        data = buffer.getvalue()
        # (what is not as expected is left for the parse-back check to name)
        if self.rdf == ox.RdfFormat.JSON_LD:
            if data.startswith(b"[") and data.endswith(b"]"):
                data = data[1:-1]
        elif data.startswith(head := self.header()):
            data = data[len(head) :]
            if self.rdf == ox.RdfFormat.RDF_XML:
                data = data.rstrip().removesuffix(_RDF_XML_FOOTER)
        if check:
            self.check(data, len(items))
        return data

    def check(self, body: bytes, expected: int) -> None:
        """Parse ``body`` back (with the header) and count its statements."""
        try:
            found = sum(1 for _ in ox.parse(self.header() + body + self.footer(), self.rdf))
        except (SyntaxError, ValueError) as e:
            raise ExportError(f"graph.{self.fmt}: a written part does not parse back: {e}") from e
        if found != expected:
            raise ExportError(
                f"graph.{self.fmt}: a written part holds {found} statements, not {expected}"
            )

    def join(self, bodies: Iterable[bytes]) -> Iterator[bytes]:
        """The header, the bodies (empty ones skipped) and the footer: the file's bytes."""
        yield self.header()
        first = True
        for body in bodies:
            if body:
                yield self.separator(first) + body
                first = False
        yield self.footer()

    def separator(self, first: bool) -> bytes:
        """What goes before a non-empty body: a comma between JSON-LD node objects."""
        return b"," if self.rdf == ox.RdfFormat.JSON_LD and not first else b""


class StagedWriter:
    """A file written body by body beside its destination (see ``Sections``), fsynced
    on ``close``; ``staged`` is then ready for ``commit`` or ``discard``."""

    def __init__(self, final: Path, fmt: str) -> None:
        self.sections = Sections(fmt)
        self.staged, self._file = _open_staged(final)
        self._first = True
        self.size = 0  # bytes written so far
        # a copy not made yet: (source fd, its start, its end, where it goes here)
        self._pending: tuple[int, int, int, int] | None = None
        self.write_raw(self.sections.header())

    def write(self, body: bytes) -> tuple[int, int]:
        """Append a body; return where it is in the file (offset, length)."""
        if not body:
            return self.size, 0
        self._copy_pending()
        self.write_raw(self.sections.separator(self._first))
        self._first = False
        offset = self.size
        self.write_raw(body)
        return offset, len(body)

    def copy(self, fd: int, offset: int, length: int) -> tuple[int, int]:
        """Append the body at ``offset`` of the file ``fd`` (a file this class wrote);
        return where it is here. Bodies that follow each other there are copied
        as one range, by the kernel (``os.copy_file_range``) where it can."""
        if not length:
            return self.size, 0
        sep = self.sections.separator(self._first)
        p = self._pending
        if p is not None and p[0] == fd and offset == p[2] + len(sep):
            self._pending = (fd, p[1], offset + length, p[3])
        else:
            self._copy_pending()
            self.write_raw(sep)
            self._pending = (fd, offset, offset + length, self.size)
        self._first = False
        here = self._pending[3] + (offset - self._pending[1])
        self.size = here + length
        return here, length

    def settle(self) -> None:
        """Make the copy still pending (before its source is closed)."""
        self._copy_pending()

    def _copy_pending(self) -> None:
        if self._pending is None:
            return
        fd, start, end, _ = self._pending
        self._pending = None
        try:
            self._file.flush()
            out = self._file.fileno()
            while start < end:
                try:
                    done = os.copy_file_range(fd, out, end - start, start)
                except (AttributeError, OSError):  # not Linux, or not between these files
                    done = os.write(out, os.pread(fd, min(end - start, 1 << 24), start))
                if done <= 0:
                    raise OSError(f"the source ends before byte {end}")
                start += done
        except OSError as e:
            self.discard()
            raise ExportError(f"{self.staged.final.name}: cannot write: {_reason(e)}") from e

    def write_raw(self, data: bytes) -> None:
        try:
            self._copy_pending()
            self._file.write(data)
            self.size += len(data)
        except OSError as e:
            self.discard()
            raise ExportError(f"{self.staged.final.name}: cannot write: {_reason(e)}") from e

    def close(self) -> _Staged:
        self.write_raw(self.sections.footer())  # (makes any pending copy first)
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
        except OSError as e:
            self.discard()
            raise ExportError(f"{self.staged.final.name}: cannot write: {_reason(e)}") from e
        return self.staged

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self._file.close()
        self.staged.discard()


@functools.cache
def _header(fmt: str) -> bytes:
    rdf = FORMATS[fmt]
    if rdf == ox.RdfFormat.JSON_LD:
        return b'{"@context":' + _json(jsonld_context()) + b',"@graph":['

    if rdf in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
        return b""
    probe = ox.NamedNode("urn:kg:probe")
    data = ox.serialize([ox.Quad(probe, probe, probe)], None, rdf, prefixes=_prefixes()) or b""
    if rdf == ox.RdfFormat.RDF_XML:
        return data[: data.index(b"\t<rdf:Description")]
    return data[: data.index(b"<urn:kg:probe>")]


_RDF_XML_FOOTER = b"</rdf:RDF>"


def canonical_bodies(content: Canonical, fmt: str) -> Iterator[bytes]:
    """The bodies of one export of ``content``, in file order."""
    sections = Sections(fmt)
    if sections.quads:
        for name, keys in content.graphs:
            yield sections.body(keys, name)
    else:
        yield sections.body(content.shared)
        for _, keys in content.local:
            yield sections.body(keys)


def _graphs(dataset: Graph) -> Iterator[tuple[str, Graph]]:
    """Each graph with its name as a key: "" for the default graph."""
    if isinstance(dataset, Dataset):
        default, graphs = dataset.default_graph.identifier, dataset.graphs()
    elif isinstance(dataset, ConjunctiveGraph):  # its default graph is named by a blank node
        default, graphs = dataset.default_context.identifier, dataset.contexts()
    else:
        yield "", dataset
        return
    for graph in graphs:
        if graph.identifier == default:
            yield "", graph
        elif isinstance(graph.identifier, URIRef):
            yield str(graph.identifier), graph
        else:
            _refuse(graph.identifier)


def triple_key(s: Node, p: Node, o: Node) -> TripleKey:
    """An rdflib triple as a key (``kg.model.TripleKey``); raises ExportError on a blank node."""
    return _triple_key(s, p, o)


def to_rdflib(keys: Iterable[TripleKey]) -> Graph:
    """Keys as an rdflib Graph, for code that reads rdflib (a test, a user's script)."""
    g = Graph()
    for k in keys:
        g.add(_rdflib_triple(k))
    return g


def _rdflib_triple(k: TripleKey) -> tuple[URIRef, URIRef, Node]:
    s, p, o = k
    if o[0] == "<":
        obj: Node = URIRef(o[1])
    else:
        _, value, language, datatype = o
        obj = Literal(value, lang=language or None, datatype=URIRef(datatype) if datatype else None)
    return URIRef(s), URIRef(p or _TYPE), obj


def union_keys(graph: Graph) -> list[TripleKey]:
    """Every triple of an rdflib Graph, or of all the graphs of a Dataset, as keys, once."""
    return sorted({_triple_key(s, p, o) for _name, g in _graphs(graph) for s, p, o in g})


def ox_key(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> TripleKey:
    """A pyoxigraph triple as a key."""
    if isinstance(o, ox.NamedNode):
        obj: TermKey = ("<", o.value)
    elif isinstance(o, ox.Literal):
        dt = o.datatype.value
        obj = ('"', o.value, (o.language or "").lower(), "" if dt in _PLAIN else dt)
    else:
        raise ExportError(f"cannot read the {type(o).__name__} {o}: only IRIs and literals")
    if not isinstance(s, ox.NamedNode):
        raise ExportError(f"cannot read the {type(s).__name__} {s}: only IRIs as subjects")
    return s.value, "" if p.value == _TYPE else p.value, obj


_PLAIN = frozenset({_STRING, "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"})


def read_quads(path: Path) -> Iterator[tuple[TripleKey, str]]:
    """Every statement of an RDF file (by its extension) as (key, graph IRI or "" for the
    default graph). Raises InputError naming the file if it cannot be read."""
    from kg.store import rdf_format

    if not path.is_file():
        raise InputError(f"{path}: no such graph file (run `kg build` first)")
    fmt = rdf_format(path)
    try:
        for q in ox.parse(path=str(path), format=fmt):
            g = q.graph_name
            yield (
                ox_key(q.subject, q.predicate, q.object),
                "" if isinstance(g, ox.DefaultGraph) else g.value,
            )
    except (SyntaxError, ValueError, OSError) as e:
        raise InputError(f"{path}: cannot read: {' '.join(str(e).split())[:300]}") from None


def _triple_key(s: Node, p: Node, o: Node) -> TripleKey:
    if not isinstance(s, URIRef):
        _refuse(s)
    if not isinstance(p, URIRef):
        _refuse(p)
    if isinstance(o, URIRef):
        obj: TermKey = ("<", str(o))
    elif isinstance(o, Literal):
        dt = "" if o.datatype is None else str(o.datatype)
        obj = ('"', str(o), (o.language or "").lower(), "" if dt == _STRING else dt)
    else:
        _refuse(o)
    predicate = str(p)
    return str(s), "" if predicate == _TYPE else predicate, obj


def _refuse(term: Node) -> NoReturn:
    raise ExportError(
        f"cannot export the {type(term).__name__} {term.n3()}: kg graphs hold only IRIs "
        "and literals, which is what makes the exports canonical"
    )


class _Terms:
    """Keys back to pyoxigraph terms; IRIs are cached, as they repeat a lot."""

    def __init__(self) -> None:
        self._iris: dict[str, ox.NamedNode] = {"": ox.NamedNode(str(RDF.type))}

    def triples(self, keys: Iterable[TripleKey]) -> list[ox.Triple]:
        # The hot loop of an export: dict.get first, a call only for an IRI not seen yet.
        cached, iri = self._iris.get, self.iri
        return [
            ox.Triple(
                cached(s) or iri(s),
                cached(p) or iri(p),
                (cached(o[1]) or iri(o[1])) if o[0] == "<" else self.literal(o),
            )
            for s, p, o in keys
        ]

    def quads(self, keys: Iterable[TripleKey], graph: str) -> list[ox.Quad]:
        name: ox.NamedNode | ox.DefaultGraph = self.iri(graph) if graph else ox.DefaultGraph()
        return [ox.Quad(t.subject, t.predicate, t.object, name) for t in self.triples(keys)]

    def literal(self, k: TermKey) -> ox.Literal:
        _, value, language, datatype = k
        try:
            if language:
                return ox.Literal(value, language=language)
            if datatype:
                return ox.Literal(value, datatype=self.iri(datatype))
            return ox.Literal(value)
        except ValueError as e:
            raise ExportError(f"cannot export the literal {value!r}: {e}") from e

    def iri(self, iri: str) -> ox.NamedNode:
        node = self._iris.get(iri)
        if node is None:
            try:
                node = self._iris[iri] = ox.NamedNode(iri)
            except ValueError as e:
                raise ExportError(f"cannot export the IRI <{iri}>: {e}") from e
        return node


def _stage_bodies(final: Path, fmt: str, bodies: Iterable[bytes], expected: int | None) -> _Staged:
    """Stage ``final`` from the bodies of one format; parse it back whole unless
    ``expected`` is None (bodies checked one by one already)."""

    def write(f: IO[bytes]) -> None:
        for chunk in Sections(fmt).join(bodies):
            f.write(chunk)

    staged = _stage(final, write)
    if expected is not None:
        try:
            _check(staged.temp, FORMATS[fmt], expected, final.name)
        except BaseException:
            staged.discard()
            raise
    return staged


def _prefixes() -> dict[str, str]:
    return dict(sorted(PREFIXES.items()))


def _open_staged(final: Path) -> tuple[_Staged, IO[bytes]]:
    """A new temporary file beside ``final``, with the mode ``final`` will have."""
    try:
        fd, name = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".tmp")
    except OSError as e:
        raise ExportError(
            f"{final.name}: cannot create a file in {final.parent}: {e.strerror or e}"
        ) from e
    staged = _Staged(final, Path(name))
    try:
        os.chmod(staged.temp, _mode(final))
    except OSError as e:
        os.close(fd)
        staged.discard()
        raise ExportError(f"{final.name}: cannot write: {_reason(e)}") from e
    return staged, os.fdopen(fd, "wb")


def _stage(final: Path, write: Writer) -> _Staged:
    """Write a temporary file beside ``final`` and fsync it; on failure remove it."""
    staged, f = _open_staged(final)
    try:
        with f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
    except BaseException as e:
        staged.discard()
        if isinstance(e, Exception) and not isinstance(e, ExportError):
            raise ExportError(f"{final.name}: cannot write: {_reason(e)}") from e
        raise
    return staged


def _check(temp: Path, fmt: ox.RdfFormat, expected: int, name: str) -> None:
    """Parse ``temp`` back with pyoxigraph and count what it holds."""
    try:
        found = sum(1 for _ in ox.parse(path=temp, format=fmt))
    except (SyntaxError, ValueError, OSError) as e:
        raise ExportError(f"{name}: the written file does not parse back: {_reason(e)}") from e
    if found != expected:
        raise ExportError(f"{name}: the written file holds {found} statements, not {expected}")


def commit(staged: Iterable[_Staged]) -> None:
    """Rename staged files into place, then make the renames durable."""
    folders: set[Path] = set()
    for s in staged:
        try:
            os.replace(s.temp, s.final)
        except OSError as e:
            raise ExportError(f"{s.final.name}: cannot replace the file: {e.strerror or e}") from e
        folders.add(s.final.parent)
    for folder in folders:
        _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable; some systems cannot open a folder, and that is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _mode(final: Path) -> int:
    """Keep the mode of the file being replaced; a new file gets rw-r--r--
    (mkstemp would leave it readable by its owner only)."""
    try:
        return final.stat().st_mode & 0o777
    except OSError:
        return 0o644


def _reason(e: BaseException) -> str:
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    return str(e) or type(e).__name__


def load_graph(path: Path) -> Dataset:
    """Any RDF file kg reads (by its extension) as an rdflib Dataset, for the
    commands that work on a file a user gives (``kg validate``)."""
    from kg.store import rdf_format

    if not path.is_file():
        raise InputError(f"{path}: no such graph file (run `kg build` first)")
    fmt = rdf_format(path)
    ds = Dataset()
    name = {
        ox.RdfFormat.TURTLE: "turtle",
        ox.RdfFormat.TRIG: "trig",
        ox.RdfFormat.N_TRIPLES: "nt",
        ox.RdfFormat.N_QUADS: "nquads",
        ox.RdfFormat.JSON_LD: "json-ld",
        ox.RdfFormat.RDF_XML: "xml",
        ox.RdfFormat.N3: "n3",
    }[fmt]
    try:
        ds.parse(path, format=name)
    except Exception as e:  # rdflib raises many kinds
        message = " ".join(str(e).split()) or type(e).__name__
        raise InputError(f"{path}: cannot read as {fmt.name}: {message}") from None
    return ds
