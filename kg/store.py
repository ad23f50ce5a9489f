"""The persistent graph store that ``kg query`` and ``kg serve`` open without
re-parsing Turtle: a pyoxigraph (RocksDB) directory, usually ``exports/store/``.

Layout. Each named graph of the input (``id:graph/reference``, one per article)
is kept as it is, for ``GRAPH`` queries, and the default graph holds the union
of every graph as a set. The union is stored rather than computed with
pyoxigraph's ``use_default_graph_as_union`` because that option has bag
semantics: a person named in five articles' graphs would match five times, and
every ``COUNT`` would be inflated. A graph read from a triples-only file
(Turtle, N-Triples, RDF/XML, JSON-LD) is simply the default graph.

``write_store`` builds into a temporary directory beside the target and swaps
it into place, so a failed build leaves the previous store untouched. Opening
is read-only, so a query can never change the store; several processes may
open it at once (``kg serve`` does).
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import ExportError, InputError

# File extension -> pyoxigraph format. ".json" is read as JSON-LD.
_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ntriples": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nquads": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}
_QUAD_FORMATS = {f for f in set(_FORMATS.values()) if f.supports_datasets}
_DEFAULT = ox.DefaultGraph()
# rdflib's name for the default graph of a Dataset / ConjunctiveGraph.
_RDFLIB_DEFAULT_GRAPHS = {"urn:x-rdflib:default"}


def rdf_format(path: str | os.PathLike[str]) -> ox.RdfFormat:
    """The RDF format of a file, from its extension; raises InputError if unknown."""
    suffix = Path(path).suffix.lower()
    try:
        return _FORMATS[suffix]
    except KeyError:
        known = ", ".join(sorted(_FORMATS))
        raise InputError(
            f"{path}: unknown RDF file extension {suffix!r} (known: {known})"
        ) from None


def is_store(path: str | os.PathLike[str]) -> bool:
    """True if ``path`` is a directory that looks like a pyoxigraph store."""
    p = Path(path)
    return p.is_dir() and (p / "CURRENT").is_file()


def open_store(path: str | os.PathLike[str]) -> ox.Store:
    """Open a store written by ``write_store``, read-only."""
    p = Path(path)
    if not is_store(p):
        raise InputError(f"{p}: not a kg store (no such directory, or no CURRENT file in it)")
    try:
        return ox.Store.read_only(str(p))
    except OSError as e:
        raise InputError(f"{p}: cannot open the store: {_one_line(str(e))}") from e


def load_file(path: str | os.PathLike[str], format: ox.RdfFormat | None = None) -> ox.Store:
    """Parse an RDF file into a new in-memory store laid out as ``write_store``
    lays out a persistent one (named graphs kept, default graph = their union)."""
    p = Path(path)
    fmt = format or rdf_format(p)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    store = ox.Store()
    try:
        if fmt in _QUAD_FORMATS:
            store.bulk_extend(_with_union(ox.parse(path=str(p), format=fmt)))
        else:
            store.bulk_load(path=str(p), format=fmt)
    except SyntaxError as e:
        raise InputError(f"{p}: not valid {_format_name(fmt)}: {_one_line(str(e))}") from e
    except (OSError, ValueError) as e:
        raise InputError(f"{p}: cannot read: {_one_line(str(e))}") from e
    return store


def write_store(data: Any, path: str | os.PathLike[str]) -> Path:
    """Write ``data`` as a persistent store at ``path``, replacing any store there.

    ``data`` may be an rdflib ``Dataset``/``Graph``, a pyoxigraph ``Store`` or
    ``Dataset``, an iterable of pyoxigraph ``Quad``/``Triple`` or of rdflib
    ``(s, p, o)`` / ``(s, p, o, g)`` tuples, or the path of an RDF file.
    ``path`` must not exist or be a store (a non-store directory is refused
    rather than deleted). Returns ``path``.
    """
    target = Path(path)
    if target.exists() and not is_store(target):
        raise ExportError(f"{target}: exists and is not a kg store; not replacing it")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        store = ox.Store(str(tmp))
        if isinstance(data, str | os.PathLike):
            src = Path(data)
            fmt = rdf_format(src)
            if fmt in _QUAD_FORMATS:
                store.bulk_extend(_with_union(ox.parse(path=str(src), format=fmt)))
            else:
                store.bulk_load(path=str(src), format=fmt)
        else:
            store.bulk_extend(_with_union(_quads(data)))
        store.flush()
        store.optimize()
        del store
        gc.collect()  # the RocksDB handle closes when the Store is dropped
        _make_readable(tmp)
        _swap_into_place(tmp, target)
    except BaseException as e:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(e, ExportError | InputError) or not isinstance(e, Exception):
            raise
        raise ExportError(f"{target}: could not write the store: {_one_line(str(e))}") from e
    return target


def _make_readable(folder: Path) -> None:
    # mkdtemp makes a private (0700) folder; give the store the usual umask modes.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(folder, 0o777 & ~umask)
    for child in folder.iterdir():
        if child.is_file():
            os.chmod(child, 0o666 & ~umask)


def _swap_into_place(tmp: Path, target: Path) -> None:
    swap_dir(tmp, target)


def swap_dir(new: Path, target: Path) -> Path:
    """Put the folder ``new`` at ``target`` in one atomic step.

    A directory cannot atomically replace a non-empty one, so ``target`` is a
    symbolic link to a hidden folder beside it (``.store-<id>``), and a new link
    replaces it with one ``rename``: a reader, or a build killed at any moment,
    finds the old store or the new one, never none. A ``target`` that is still
    a real folder (an older layout) is moved aside first, once.
    """
    if new.is_symlink():  # a store already swapped into place elsewhere: move its folder
        link_to_real = new
        new = new.resolve()
        link_to_real.unlink()
    parent = target.parent
    stamp = f"{os.getpid()}-{time.monotonic_ns()}"
    home = parent / f".{target.name}-{stamp}"
    link = parent / f".{target.name}.link-{stamp}"
    os.rename(new, home)
    os.symlink(home.name, link)
    previous: Path | None = None
    try:
        if target.is_symlink():
            previous = parent / os.readlink(target)
        elif target.exists():
            previous = parent / f".{target.name}.old-{stamp}"
            os.rename(target, previous)
        os.replace(link, target)
    except OSError:
        link.unlink(missing_ok=True)
        raise
    if previous is not None and previous.resolve() != home.resolve():
        shutil.rmtree(previous, ignore_errors=True)
    return target


def _with_union(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """Each quad, and for one in a named graph also its triple in the default graph."""
    for q in quads:
        yield q
        if not isinstance(q.graph_name, ox.DefaultGraph):
            yield ox.Quad(q.subject, q.predicate, q.object, _DEFAULT)


def _quads(data: Any) -> Iterator[ox.Quad]:
    if isinstance(data, ox.Store | ox.Dataset):
        yield from data
        return
    if hasattr(data, "serialize") and hasattr(data, "triples"):  # rdflib
        conv = _RdflibConverter()
        if hasattr(data, "contexts"):  # a Dataset or ConjunctiveGraph: keep its graphs
            for s, p, o, g in data.quads((None, None, None, None)):
                yield ox.Quad(conv.term(s), conv.term(p), conv.term(o), conv.graph(g))
        else:  # a Graph: its identifier is arbitrary, so it becomes the default graph
            for s, p, o in data.triples((None, None, None)):
                yield ox.Quad(conv.term(s), conv.term(p), conv.term(o), _DEFAULT)
        return
    conv = _RdflibConverter()
    for item in data:
        if isinstance(item, ox.Quad):
            yield item
        elif isinstance(item, ox.Triple):
            yield ox.Quad(item.subject, item.predicate, item.object, _DEFAULT)
        elif len(item) == 3:
            s, p, o = item
            yield ox.Quad(conv.term(s), conv.term(p), conv.term(o), _DEFAULT)
        else:
            s, p, o, g = item
            yield ox.Quad(conv.term(s), conv.term(p), conv.term(o), conv.graph(g))


class _RdflibConverter:
    """rdflib terms -> pyoxigraph terms, with a cache for the (many) repeated IRIs."""

    def __init__(self) -> None:
        self._iris: dict[str, ox.NamedNode] = {}

    def iri(self, value: str) -> ox.NamedNode:
        node = self._iris.get(value)
        if node is None:
            node = self._iris[value] = ox.NamedNode(value)
        return node

    def term(self, t: Any) -> Any:
        from rdflib import BNode, Literal, URIRef

        if isinstance(t, URIRef):
            return self.iri(str(t))
        if isinstance(t, Literal):
            if t.language:
                return ox.Literal(str(t), language=t.language)
            if t.datatype is not None:
                return ox.Literal(str(t), datatype=self.iri(str(t.datatype)))
            return ox.Literal(str(t))
        if isinstance(t, BNode):
            return ox.BlankNode(str(t))
        raise ExportError(f"cannot store the term {t!r}")

    def graph(self, g: Any) -> Any:
        if g is None:
            return _DEFAULT
        ident = getattr(g, "identifier", g)
        if str(ident) in _RDFLIB_DEFAULT_GRAPHS:
            return _DEFAULT
        return self.term(ident)


def _format_name(fmt: ox.RdfFormat) -> str:
    return fmt.name


def _one_line(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
