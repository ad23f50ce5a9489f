"""The persistent graph store that ``kg query`` and ``kg serve`` open without
re-parsing Turtle: a pyoxigraph (RocksDB) directory, usually ``exports/store/``.

Layout. Each named graph of the input (``id:graph/reference``, one per article)
is kept as it is, for ``GRAPH`` queries, and the default graph holds the union
of every graph as a set. The union is stored rather than computed with
pyoxigraph's ``use_default_graph_as_union`` because that option has bag
semantics: a person named in five articles' graphs would match five times, and
every ``COUNT`` would be inflated. A graph read from a triples-only file
(Turtle, N-Triples, RDF/XML, JSON-LD) is simply the default graph.

``write_store`` and ``write_store_files`` build into a temporary directory
beside the target and swap it into place, so a failed build leaves the previous
store untouched. ``update_store`` makes the next store from the previous one
(a RocksDB checkpoint: hard links to its immutable files, taken through a
read-only open, so the previous store is never opened for writing) and changes
only the graphs that changed. Opening is read-only, so a query can never change
the store; several processes may open it at once (``kg serve`` does).

Memory. Files are loaded in blocks of ``_BLOCK_BYTES`` of N-Triples/N-Quads,
each by one ``Store.bulk_load``, two at a time: a single ``bulk_load`` of a big
file holds batches of a million quads per thread (1.6 GB at 4.6M quads), a
32 MB block about 250 MB. Other formats are turned into N-Quads blocks by
pyoxigraph's own parser and serializer, with no Python per quad.

Blank nodes. ``bulk_load`` gives every call fresh blank nodes, which would split
one blank node across blocks, and between a quads file and its union file. A
block that mentions ``_:`` is therefore parsed with its labels kept and added
with ``bulk_extend``; kg's own graphs have none (every node is an IRI).
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

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
# Line formats: a cut after any newline is a statement boundary.
_LINE_FORMATS = {ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS}
_BLOCK_BYTES = 32 << 20  # ~180k kg quads; one bulk_load of it peaks near 250 MB
_BLOCK_QUADS = 150_000  # the same, for formats parsed into blocks
_LOADERS = 2  # blocks loaded at once (bulk_load releases the GIL)
# Below this a block goes in one transaction: a bulk load writes and ingests
# a set of SST files, ~100 ms even for the 150 quads of one article.
_SMALL_BYTES = 1 << 20
# pyoxigraph's parse errors: "Parser error at line 3 column 23: ...".
_RE_PARSE_POSITION = re.compile(r"^Parser error at line \d+ column \d+: ")


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


_READERS = "kg-readers.lock"  # in a store folder: readers hold a shared lock on it


class Snapshot:
    """One build's store, held open for as long as a reader needs it.

    ``OUT/store`` is a link that each build swaps to a new folder. A reader
    resolves the link once, takes a shared lock in that folder and opens it
    read-only; the build that replaces it removes an old folder only when it
    can take the lock exclusively, so no reader ever sees its files go (a
    query that began before a rebuild finishes on the store it began with).
    An old folder still in use is removed by a later build. Use as a context
    manager, or call ``close``.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        link = Path(path)
        for _ in range(20):  # a build may swap the link (and remove its old folder) meanwhile
            folder = link.resolve()
            try:
                fd = os.open(folder / _READERS, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
            except OSError:
                if not is_store(link):
                    raise InputError(
                        f"{link}: not a kg store (no such directory, or no CURRENT file in it)"
                    ) from None
                continue  # the folder went between resolving and opening: resolve again
            fcntl.flock(fd, fcntl.LOCK_SH)
            if is_store(folder):
                break
            os.close(fd)  # removed while we waited for the lock
        else:
            raise InputError(f"{link}: the store keeps changing; try again")
        self.link, self.folder = link, folder
        self._fd: int | None = fd
        try:
            self.store = ox.Store.read_only(str(folder))
        except OSError as e:
            self.close()
            raise InputError(f"{link}: cannot open the store: {_one_line(str(e))}") from e

    def stale(self) -> bool:
        """Whether a newer build has replaced this store since it was opened."""
        try:
            return self.link.resolve() != self.folder
        except OSError:
            return True

    def close(self) -> None:
        self.store = None  # type: ignore[assignment]
        gc.collect()  # the RocksDB handle closes when the Store is dropped
        if self._fd is not None:
            os.close(self._fd)  # releases the lock
            self._fd = None

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def remove_unused(folder: Path) -> bool:
    """Remove a store folder no reader holds; return whether it went."""
    try:
        fd = os.open(folder / _READERS, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return not folder.exists()
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False  # a reader has it: a later build removes it
    try:
        shutil.rmtree(folder, ignore_errors=True)
    finally:
        os.close(fd)
    return not folder.exists()


def remove_old_stores(link: Path) -> None:
    """Every old store folder beside ``link`` that nothing points to or reads."""
    current = link.resolve() if link.is_symlink() else None
    for entry in link.parent.glob(f".{link.name}-*"):
        if entry.is_dir() and entry.resolve() != current and is_store(entry):
            remove_unused(entry)


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

    A file is loaded in blocks; for a file with named graphs, each block's
    named-graph quads are also written out as N-Triples, a generator in Python,
    and loaded into the default graph (``write_store_files`` is the way
    without Python). Python data is written out as N-Quads blocks of
    ``_BLOCK_QUADS`` quads, loaded as a file's blocks are.
    """
    target = Path(path)

    def fill(store: ox.Store) -> None:
        if not isinstance(data, str | os.PathLike):
            quads = _with_union(_quads(data))
            blocks = iter(lambda: _nquads(quads), b"")
            _load(store, ((_DATA, _Block(b, ox.RdfFormat.N_QUADS, 1)) for b in blocks))
            return
        src = Path(data)
        fmt = rdf_format(src)
        _load(store, _file_blocks([_Source(src, fmt, False, with_union=fmt in _QUAD_FORMATS)]))

    return _build(target, _new_store, fill, optimize=True)


def write_store_files(quads: Path, union: Path, target: Path) -> Path:
    """Write the store of a dataset from the two files a build writes: ``quads``,
    every graph (TriG, N-Quads, or any RDF file; by extension), and ``union``,
    the union of all graphs as triples (N-Triples, or another triples format),
    which goes into the default graph. Returns ``target``.

    The default graph's own triples are in both files; a store is a set, so
    they are stored once. Nothing passes through Python quad by quad, and
    memory stays flat (blocks, see the module docstring). ``target`` must not
    exist or be a store, as for ``write_store``; a file that cannot be read or
    parsed raises ExportError naming it, and the previous store stays.
    """
    target = Path(target)
    sources = [_source(Path(quads), to_default=False), _source(Path(union), to_default=True)]

    def fill(store: ox.Store) -> None:
        _load(store, _file_blocks(sources))

    return _build(target, _new_store, fill, optimize=True)


def update_store(
    previous: Path,
    target: Path,
    *,
    drop_graphs: Iterable[str],
    add_quads: Path | None,
    union_remove: Path | None,
    union_add: Path | None,
) -> Path:
    """A new store at ``target``: ``previous`` with the named graphs
    ``drop_graphs`` (IRIs) removed, the quads of ``add_quads`` added, then the
    triples of ``union_remove`` removed from the default graph and those of
    ``union_add`` added to it. Returns ``target``.

    ``previous`` is only ever opened read-only (a ``kg serve`` may have it open
    too) and checkpointed with ``Store.backup``: beside it on the same file
    system, that is hard links to its SST files (which RocksDB never rewrites)
    and a copy of its small manifest, so the copy costs milliseconds, not a
    rewrite. The changes are made in the copy, which is swapped in at
    ``target`` as ``write_store_files`` does; ``target`` may be ``previous``
    itself (the link it is reached through). It is not compacted: RocksDB
    compacts the few small files an update adds in the background.

    Removing ``union_remove`` is a loop over its triples (``Store.remove``; pyoxigraph
    has no bulk removal), so it is meant for the few triples of changed articles.
    """
    previous, target = Path(previous), Path(target)
    drop = [ox.NamedNode(iri) for iri in drop_graphs]
    if not is_store(previous):
        raise ExportError(f"{previous}: not a kg store; nothing to update")
    adding = [] if add_quads is None else [_source(Path(add_quads), to_default=False)]
    removing = None if union_remove is None else _source(Path(union_remove), to_default=True)
    union = [] if union_add is None else [_source(Path(union_add), to_default=True)]

    def copy(db: Path) -> ox.Store:
        try:
            ox.Store.read_only(str(previous)).backup(str(db))
            gc.collect()  # close the read-only handle
            # A checkpoint taken through a read-only open leaves out the write-ahead
            # logs, and with them any write not yet flushed to an SST file (measured:
            # one quad added without flush() was lost). RocksDB replays the ones that
            # are still live when the copy is opened, and ignores the rest.
            for log in previous.resolve().glob("*.log"):
                if not (db / log.name).exists():
                    shutil.copyfile(log, db / log.name)
        except OSError as e:
            raise ExportError(f"{previous}: cannot copy the store: {_one_line(str(e))}") from e
        return ox.Store(str(db))

    def fill(store: ox.Store) -> None:
        for graph in drop:
            store.remove_graph(graph)
        _load(store, _file_blocks(adding))
        if removing is not None:
            for block in _blocks(removing):
                try:
                    for quad in ox.parse(input=block.data, format=block.format):
                        store.remove(quad)
                except SyntaxError as e:
                    raise _syntax_error(removing.path, e, block.first_line) from e
        _load(store, _file_blocks(union))

    return _build(target, copy, fill, optimize=False)


class _Source(NamedTuple):
    path: Path
    format: ox.RdfFormat
    to_default: bool  # a union file: its triples go to the default graph
    with_union: bool = False  # also copy its named graphs' triples to the default graph


class _Block(NamedTuple):
    data: bytes
    format: ox.RdfFormat  # N-Triples or N-Quads
    first_line: int  # of the file, for error messages (1 when not a line format)


def _source(path: Path, *, to_default: bool) -> _Source:
    """A file to load, checked before any work starts."""
    try:
        fmt = rdf_format(path)
    except InputError as e:
        raise ExportError(str(e)) from None
    if to_default and fmt in _QUAD_FORMATS:
        raise ExportError(f"{path}: a union file holds triples; {_format_name(fmt)} has graphs")
    if not path.is_file():
        raise ExportError(f"{path}: no such file")
    return _Source(path, fmt, to_default=to_default)


def _new_store(db: Path) -> ox.Store:
    return ox.Store(str(db))


def _build(
    target: Path,
    make: Callable[[Path], ox.Store],
    fill: Callable[[ox.Store], None],
    *,
    optimize: bool,
) -> Path:
    """Make a store in a scratch folder beside ``target`` and swap it into place.

    ``make`` opens the new store at the path it is given (which does not exist
    yet: ``Store.backup`` wants to create it) and ``fill`` writes into it. On
    any failure the scratch folder goes and ``target`` is unchanged.
    """
    if target.exists() and not is_store(target):
        raise ExportError(f"{target}: exists and is not a kg store; not replacing it")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    store: ox.Store | None = None
    try:
        db = tmp / "db"
        store = make(db)
        fill(store)
        store.flush()
        if optimize:
            store.optimize()
        store = None
        gc.collect()  # the RocksDB handle closes when the Store is dropped
        _make_readable(db)
        swap_dir(db, target)
    except BaseException as e:
        store = None
        gc.collect()
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(e, ExportError | InputError) or not isinstance(e, Exception):
            raise
        raise ExportError(f"{target}: could not write the store: {_one_line(str(e))}") from e
    shutil.rmtree(tmp, ignore_errors=True)
    return target


def _file_blocks(sources: Iterable[_Source]) -> Iterator[tuple[_Source, _Block]]:
    for source in sources:
        for block in _blocks(source):
            yield source, block


def _load(store: ox.Store, blocks: Iterable[tuple[_Source, _Block]]) -> None:
    """Load the blocks into ``store``, ``_LOADERS`` at a time."""
    pending: deque[tuple[Future[None], _Source, _Block]] = deque()

    def settle(job: tuple[Future[None], _Source, _Block]) -> None:
        future, source, block = job
        try:
            future.result()
        except SyntaxError as e:
            raise _syntax_error(source.path, e, block.first_line) from e

    with ThreadPoolExecutor(_LOADERS, thread_name_prefix="kg-store") as pool:
        try:
            for source, block in blocks:
                if len(pending) >= _LOADERS:
                    settle(pending.popleft())
                future = pool.submit(_load_block, store, block, source)
                pending.append((future, source, block))
            while pending:
                settle(pending.popleft())
        finally:
            for future, _, _ in pending:
                future.cancel()


def _load_block(store: ox.Store, block: _Block, source: _Source) -> None:
    to_graph = _DEFAULT if source.to_default else None
    if len(block.data) < _SMALL_BYTES:  # parse keeps blank node labels
        store.extend(ox.parse(input=block.data, format=block.format))
    elif b"_:" in block.data:  # keep blank node labels (see the module docstring)
        store.bulk_extend(ox.parse(input=block.data, format=block.format))
    else:
        store.bulk_load(input=block.data, format=block.format, to_graph=to_graph)
    if source.with_union:
        union = ox.serialize(
            (
                ox.Triple(q.subject, q.predicate, q.object)
                for q in ox.parse(input=block.data, format=block.format)
                if not isinstance(q.graph_name, ox.DefaultGraph)
            ),
            format=ox.RdfFormat.N_TRIPLES,
        )
        if union:
            _load_block(store, _Block(union, ox.RdfFormat.N_TRIPLES, 1), _UNION)


_UNION = _Source(Path("union.nt"), ox.RdfFormat.N_TRIPLES, to_default=True)
_DATA = _Source(Path("data.nq"), ox.RdfFormat.N_QUADS, to_default=False)


def _nquads(quads: Iterator[ox.Quad]) -> bytes:
    """The next ``_BLOCK_QUADS`` quads as N-Quads; empty at the end."""
    return ox.serialize(islice(quads, _BLOCK_QUADS), format=ox.RdfFormat.N_QUADS) or b""


def _blocks(source: _Source) -> Iterator[_Block]:
    """The file as N-Triples/N-Quads blocks of about ``_BLOCK_BYTES``.

    A line format is cut after a newline (N-Triples and N-Quads have one
    statement per line, and no raw newline inside a literal); anything else is
    parsed by pyoxigraph and written out as N-Quads ``_BLOCK_QUADS`` at a time.
    """
    path, fmt = source.path, source.format
    try:
        if fmt in _LINE_FORMATS:
            with path.open("rb") as f:
                line, rest = 1, b""
                while chunk := f.read(_BLOCK_BYTES):
                    chunk = rest + chunk
                    cut = chunk.rfind(b"\n") + 1
                    rest = chunk[cut:]
                    if cut:
                        data = chunk[:cut]
                        yield _Block(data, fmt, line)
                        line += data.count(b"\n")
                if rest.strip():
                    yield _Block(rest, fmt, line)
            return
        quads = ox.parse(path=str(path), format=fmt)
        while nquads := _nquads(quads):
            yield _Block(nquads, ox.RdfFormat.N_QUADS, 1)
    except SyntaxError as e:
        raise _syntax_error(path, e, 1) from e
    except (OSError, ValueError) as e:
        raise ExportError(f"{path}: cannot read: {_one_line(str(e))}") from e


def _syntax_error(path: Path, e: SyntaxError, first_line: int) -> ExportError:
    """ExportError naming the file, with the line counted from the file's start."""
    message = _RE_PARSE_POSITION.sub("", e.msg or str(e))
    if e.lineno is not None:
        message = f"line {e.lineno + first_line - 1} column {e.offset}: {message}"
    fmt = rdf_format(path)
    return ExportError(f"{path}: not valid {_format_name(fmt)}: {_one_line(message)}")


def _make_readable(folder: Path) -> None:
    # mkdtemp makes a private (0700) folder; give the store the usual umask modes.
    # A hard-linked file shares its mode with the previous store: change it only
    # if it must change.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(folder, 0o777 & ~umask)
    for child in folder.iterdir():
        if child.is_file() and (child.stat().st_mode & 0o777) != 0o666 & ~umask:
            os.chmod(child, 0o666 & ~umask)


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
        if is_store(previous):
            remove_unused(previous)  # left for a later build while a reader holds it
        else:
            shutil.rmtree(previous, ignore_errors=True)
    remove_old_stores(target)
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


# --- writing a store beside the build: ``python -m kg.store`` -----------------------


def in_background(args: list[str], target: Path, *, here: bool = False) -> Future[Path]:
    """Run ``python -m kg.store ARGS`` (``write`` or ``update``, see ``main``) beside
    this process; the future gives ``target`` when it is written, or raises
    ExportError with the child's last line. Cancelling it kills the child.

    A child interpreter of its own, not a forked worker: RocksDB's threads do
    not survive a fork, so a worker forked from a process that has opened a
    store (a test run, a server) hangs in it. ``here`` runs it in this process
    instead (a build with one job).
    """
    if here:
        future: Future[Path] = Future()
        try:
            _run(args)
            future.set_result(target)
        except BaseException as e:  # handed to whoever asks for the result
            future.set_exception(e)
        return future
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)  # import this kg, not another
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.store", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    child = _ChildFuture(proc)

    def wait() -> None:
        _, err = proc.communicate()
        if proc.returncode == 0:
            child.set_result(target)
        else:
            lines = err.decode("utf-8", "replace").strip().splitlines() or ["no message"]
            child.set_exception(ExportError(f"{target}: could not write the store: {lines[-1]}"))

    threading.Thread(target=wait, name="kg-store", daemon=True).start()
    return child


class _ChildFuture(Future[Path]):
    """A future for a child process; cancelling it kills the process."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        super().__init__()
        self.proc = proc

    def cancel(self) -> bool:
        with contextlib.suppress(OSError):
            self.proc.kill()
        self.proc.wait()
        return True


def _run(args: list[str]) -> None:
    command, *rest = args
    if command == "write":
        quads, union, target = rest
        write_store_files(Path(quads), Path(union), Path(target))
    elif command == "update":
        previous, target, drop, add, remove, union_add = rest
        graphs = Path(drop).read_text(encoding="utf-8").split()
        update_store(
            Path(previous),
            Path(target),
            drop_graphs=graphs,
            add_quads=Path(add),
            union_remove=Path(remove),
            union_add=Path(union_add),
        )
    else:
        raise ExportError(f"kg.store: unknown command {command!r}")


def main(argv: list[str] | None = None) -> int:
    """``python -m kg.store write QUADS UNION TARGET`` writes a store from a build's
    files (``write_store_files``); ``python -m kg.store update PREVIOUS TARGET DROP ADD
    REMOVE UNION_ADD`` makes one from the last (``update_store``; DROP is a file of
    graph IRIs, one a line)."""
    args = sys.argv[1:] if argv is None else argv
    try:
        _run(args)
    except (ExportError, InputError, ValueError) as e:
        print(f"kg.store: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
