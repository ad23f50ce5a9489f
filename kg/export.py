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
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NoReturn

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from kg.errors import ExportError, UsageError
from kg.vocab import PREFIXES

FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES,
}
_QUAD_FORMATS = frozenset({"trig"})  # the others hold the union of all graphs

Writer = Callable[[IO[bytes]], object]


def write_exports(
    dataset: Dataset,
    out_dir: Path,
    formats: Sequence[str] = ("ttl", "trig", "jsonld", "nt"),
) -> dict[str, Path]:
    """Write ``graph.<format>`` for each format into ``out_dir``; return their paths by format.

    Raises ExportError, naming the file, if any cannot be written or does not
    parse back; then no export has changed.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(
            f"unknown export format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}"
        )
    content = canonical(dataset)
    quads = content.quads() if any(f in _QUAD_FORMATS for f in formats) else []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportError(f"{out_dir}: cannot create the folder: {e.strerror or e}") from e
    staged: list[_Staged] = []
    try:
        for fmt in dict.fromkeys(formats):
            items = quads if fmt in _QUAD_FORMATS else content.triples
            staged.append(_stage_export(out_dir / f"graph.{fmt}", FORMATS[fmt], items))
        _commit(staged)
    except BaseException:
        for s in staged:
            s.discard()
        raise
    return {fmt: out_dir / f"graph.{fmt}" for fmt in dict.fromkeys(formats)}


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once: readers see the old file or the new one.

    The data is fsynced before the rename, and the folder after it. Raises ExportError.
    """
    staged = _stage(path, lambda f: f.write(data))
    try:
        _commit([staged])
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


# A term as a sortable tuple: ("<", iri) or ('"', lexical form, language, datatype).
# Two rdflib terms for one RDF term ("x" and "x"^^xsd:string) get one key, so
# duplicates are removed and the order fixed on keys, before pyoxigraph sees them.
TermKey = tuple[str, ...]
TripleKey = tuple[str, str, TermKey]  # subject, predicate ("" for rdf:type, to sort it first)
_TYPE = str(RDF.type)
_STRING = str(XSD.string)


@dataclass(frozen=True, slots=True)
class Canonical:
    """A dataset's content as pyoxigraph terms in a canonical order.

    ``triples`` is the union of every graph, once each, sorted by subject,
    predicate (rdf:type first) and object. ``graphs`` lists the default graph,
    then the named graphs by IRI, each with the indexes of its triples.
    """

    triples: list[ox.Triple]
    graphs: list[tuple[ox.NamedNode | ox.DefaultGraph, list[int]]]

    def quads(self) -> list[ox.Quad]:
        t = self.triples
        return [
            ox.Quad(t[i].subject, t[i].predicate, t[i].object, name)
            for name, indexes in self.graphs
            for i in indexes
        ]


def canonical(dataset: Graph) -> Canonical:
    """The content of ``dataset`` (a plain Graph counts as a default graph), put in order.

    Raises ExportError on a blank node or a malformed IRI.
    """
    by_graph: dict[str, set[TripleKey]] = {}
    for name, graph in _graphs(dataset):
        by_graph.setdefault(name, set()).update(_triple_key(s, p, o) for s, p, o in graph)
    union = sorted(set().union(*by_graph.values()))
    rank = {k: i for i, k in enumerate(union)}
    terms = _Terms()
    graphs = [
        (terms.iri(name) if name else ox.DefaultGraph(), sorted(rank[k] for k in keys))
        for name, keys in sorted(by_graph.items())
        if keys
    ]
    return Canonical(terms.triples(union), graphs)


def sorted_quads(dataset: Graph) -> list[ox.Quad]:
    """Every quad of ``dataset`` once, in the canonical order of :func:`canonical`."""
    return canonical(dataset).quads()


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


def _stage_export(
    final: Path, fmt: ox.RdfFormat, items: list[ox.Quad] | list[ox.Triple]
) -> _Staged:
    def write(f: IO[bytes]) -> None:
        ox.serialize(items, f, fmt, prefixes=_prefixes())

    staged = _stage(final, write)
    try:
        _check(staged.temp, fmt, len(items), final.name)
    except BaseException:
        staged.discard()
        raise
    return staged


def _prefixes() -> dict[str, str]:
    return dict(sorted(PREFIXES.items()))


def _stage(final: Path, write: Writer) -> _Staged:
    """Write a temporary file beside ``final`` and fsync it; on failure remove it."""
    try:
        fd, name = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".tmp")
    except OSError as e:
        raise ExportError(
            f"{final.name}: cannot create a file in {final.parent}: {e.strerror or e}"
        ) from e
    staged = _Staged(final, Path(name))
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(staged.temp, _mode(final))
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


def _commit(staged: Iterable[_Staged]) -> None:
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
