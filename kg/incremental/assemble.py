"""Step 4 of a build, assemble: each export file from its parts, reusing the last build's.

A file in a union format (Turtle, N-Triples, JSON-LD, RDF/XML) is the *shared*
section (the build run, the reference data, and every triple of an article's
graph that is not local to it: people, reports, judgements) in
``kg.export.SHARED_BUCKETS`` buckets by subject, then each article's *local*
body, by graph IRI; a file in a quad format (TriG, N-Quads) is the default
graph (the build run, each graph's provenance), then every named graph by IRI
(``kg.export.Canonical`` says the order).

Each bucket keeps in the cache how many graphs state each of its triples, so a
rebuild counts the changed articles' shared triples out and in and writes
again only the buckets they touch. Every other part is copied, by the kernel,
from the file the last build wrote (checked to be that file: size,
modification time, inode), or from the spool of the bodies rendered in this
build; a part neither can give is written again from the cached triples.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.cache import BuildCache, code_version, key
from kg.errors import ExportError
from kg.export import SHARED_BUCKETS, Sections, StagedWriter, bucket_of, split_local, union_bodies
from kg.formats import EXTENSIONS, export_file
from kg.incremental.render import Rendered, Run
from kg.model import TripleKey
from kg.reference import reference_keys
from kg.vocab import AUDIT_SUFFIX, corrections_graph_iri, reference_graph_iri

if TYPE_CHECKING:
    from kg.validate import Violation

CHUNK_TRIPLES = 300_000  # shared triples held in memory before the buckets spill to disk
_BATCH = 10_000  # keys per pickle in a spilled bucket
QUAD_FORMATS = ("trig", "nquads")


@dataclass(frozen=True, slots=True)
class Bucket:
    """One bucket of the shared section, written in the union formats."""

    bodies: dict[str, bytes]
    size: int  # distinct triples


@dataclass(frozen=True, slots=True)
class State:
    """What a build wrote, for the next one to start from (``OUT/.cache/state``)."""

    version: str  # kg.cache.code_version() of the build
    runs: dict[str, str]  # graph IRI -> run key
    defaults: dict[str, tuple[dict[str, bytes], int]]  # graph IRI -> default-graph bodies, count
    totals: dict[str, int]  # run key -> triples in its named graph
    violations: dict[str, list[Violation]]  # graph IRI -> what the shape check found
    build: list[TripleKey]  # the build run's triples
    corrections: list[TripleKey]  # the corrections graph's
    audits: dict[str, int]  # run key -> triples in its audit graph (when it has one)
    matched: dict[str, frozenset[str]]  # run key -> the corrections it matched
    buckets: list[str]  # bucket -> its entry in "buckets" and "counts"
    store: str  # the folder OUT/store pointed to, or ""
    triples: int  # quads in all the graphs
    # format -> the export file's identity (size, mtime_ns, inode) and where each
    # body (by bucket entry or run key) is in it, to copy them from there
    exports: dict[str, tuple[tuple[int, int, int], dict[str, tuple[int, int]]]]


@dataclass
class StoreDelta:
    """How the store of the last build becomes this build's (``kg.store.update_store``)."""

    drop: list[str] = field(default_factory=list)  # named graphs to drop
    add: list[str] = field(default_factory=list)  # run keys whose graphs to add
    corrections: bool = False  # the corrections graph changed
    remove_runs: list[tuple[str, str]] = field(default_factory=list)  # (graph, run key) leaving
    shared_removed: list[TripleKey] = field(default_factory=list)
    shared_added: list[TripleKey] = field(default_factory=list)

    def empty(self) -> bool:
        return not (
            self.drop
            or self.add
            or self.remove_runs
            or self.shared_removed
            or self.shared_added
            or self.corrections
        )


class Stale(Exception):
    """The last build's state cannot be built on: assemble from scratch."""


class Spool:
    """The bodies rendered in this build, one scratch file per format, in the order
    they came (graph order), to be copied into the exports by range."""

    def __init__(self, work: Path, formats: Iterable[str]) -> None:
        self.files: dict[str, Any] = {}
        self.spans: dict[str, dict[str, tuple[int, int]]] = {}
        for fmt in formats:
            path = work / f"spool.{EXTENSIONS[fmt]}"
            with _writing(path):
                self.files[fmt] = open(path, "w+b")  # noqa: SIM115 (closed by close())
            self.spans[fmt] = {}

    def put(self, run_key: str, bodies: dict[str, bytes]) -> None:
        for fmt, f in self.files.items():
            body = bodies.get(fmt, b"")
            with _writing(Path(f.name)):
                offset = f.tell()
                f.write(body)
            self.spans[fmt][run_key] = (offset, len(body))

    def source(self, fmt: str, run_key: str) -> tuple[int, int, int] | None:
        """(fd, offset, length) of a body spooled here."""
        span = self.spans.get(fmt, {}).get(run_key)
        if span is None:
            return None
        f = self.files[fmt]
        f.flush()
        return f.fileno(), span[0], span[1]

    def close(self) -> None:
        for f in self.files.values():
            with contextlib.suppress(OSError):
                f.close()


class Assembly:
    """The exports of the whole graph, from this build's runs and the last build's files."""

    def __init__(
        self,
        work: Path,
        bc: BuildCache,
        runs: list[tuple[str, str]],
        build: list[TripleKey],
        previous: State | None,
        formats: tuple[str, ...],
        load: Callable[[str, str], Rendered],
        corrections: list[TripleKey] | None = None,
    ) -> None:
        self.work, self.bc, self.runs, self.build = work, bc, runs, build
        self.corrections = corrections or []
        self.audits: dict[str, int] = {}  # run key -> triples in its audit graph
        self.matched: dict[str, frozenset[str]] = {}  # run key -> corrections it matched
        self.previous, self.load = previous, load
        self.formats = formats
        self.union_formats = tuple(f for f in formats if f not in QUAD_FORMATS)
        self.quad_formats = tuple(f for f in formats if f in QUAD_FORMATS)
        self.reference_iri = str(reference_graph_iri())
        self.spool = Spool(work, formats)
        self.defaults: dict[str, tuple[dict[str, bytes], int]] = {}
        self.totals: dict[str, int] = {}
        self.violations: dict[str, list[Violation]] = {}
        self.buckets: list[str] = []
        self.spans: dict[str, dict[str, tuple[int, int]]] = {}
        self.delta: StoreDelta | None = None  # set by an incremental assembly
        self.iri_of = {rkey: iri for iri, rkey in runs}
        self.count = 0  # quads written
        self.offered: dict[str, list[TripleKey]] = {}  # run key -> its shared triples
        self.present: set[str] = set()  # run keys with a graph in this build
        self.rendered_keys: dict[str, list[TripleKey]] = {}  # for the network view
        self.counting = previous is None  # shared triples counted as runs come
        if self.counting:
            self._start()

    # --- runs come in ------------------------------------------------------------

    def offer(self, r: Rendered) -> None:
        """A run rendered in this build: spooled, and its shared triples counted at once
        when the build starts from nothing, kept for ``prepare`` when it starts from
        the last."""
        self.violations[r.graph] = r.violations
        if r.matched:
            self.matched[r.run_key] = r.matched
        if r.audit:
            self.audits[r.run_key] = r.audit_count
            self.spool.put(r.run_key + AUDIT_SUFFIX, r.audit)
        if r.keys is not None:
            self.rendered_keys[r.run_key] = r.keys
        if r.bodies is None:
            self.offered[r.run_key] = []
            return
        b = r.bodies
        self.present.add(r.run_key)
        self.spool.put(r.run_key, b.bodies)
        self.defaults[r.graph] = (b.default, b.default_count)
        self.totals[r.run_key] = b.total
        if self.counting:
            self._add(b.shared)
            self.offered[r.run_key] = []
        else:
            self.offered[r.run_key] = b.shared

    def prepare(self) -> None:
        """Take in the runs this build did not render, then fill the shared buckets:
        counted again from the last build where possible."""
        if self.previous is not None:
            try:
                self._update(self.previous)
                return
            except Stale:
                self._start()
                self.counting = True
                for shared in self.offered.values():
                    self._add(shared)
        self.delta = None
        for iri, rkey in self.runs:
            if rkey not in self.offered:
                self.offer(self.load(iri, rkey))
        self._fill()

    def _start(self) -> None:
        """Start counting every bucket afresh: the build run and the reference data."""
        self.lists: list[list[TripleKey]] = [[] for _ in range(SHARED_BUCKETS)]
        self.spills = self.work / "buckets"
        self.spills.mkdir(exist_ok=True)
        self.held = 0
        self._add(self.build)
        self._add(reference_keys())
        self._add(self.corrections)

    def _add(self, keys: list[TripleKey]) -> None:
        lists = self.lists
        for k in keys:
            lists[bucket_of(k[0])].append(k)
        self.held += len(keys)
        if self.held >= CHUNK_TRIPLES:  # spill: memory stays flat
            for b, items in enumerate(lists):
                if items:
                    _write_run(self.spills / f"{b}.pickle", items, append=True)
                    items.clear()
            self.held = 0

    def _fill(self) -> None:
        """Every bucket's counts from what ``_add`` gathered (and spilled)."""
        self.buckets = []
        for b, items in enumerate(self.lists):
            path = self.spills / f"{b}.pickle"
            if path.exists():
                items = list(_read_run(path)) + items
                path.unlink()
            counts: dict[TripleKey, int] = {}
            for k in items:
                counts[k] = counts.get(k, 0) + 1
            self.buckets.append(self._put_bucket(b, counts))

    def _update(self, previous: State) -> None:
        """The buckets of the last build, with the changed articles counted out and in."""
        now = dict(self.runs)
        delta = StoreDelta()
        counts: dict[TripleKey, int] = {}

        def count(keys: Iterable[TripleKey], by: int) -> None:
            for k in keys:
                counts[k] = counts.get(k, 0) + by

        for iri, rkey in previous.runs.items():
            if now.get(iri) == rkey:  # unchanged: as the last build left it
                if iri in previous.defaults:
                    self.defaults[iri] = previous.defaults[iri]
                    self.totals[rkey] = previous.totals[rkey]
                if iri in previous.violations:
                    self.violations[iri] = previous.violations[iri]
                if rkey in previous.audits:
                    self.audits[rkey] = previous.audits[rkey]
                if rkey in previous.matched:
                    self.matched[rkey] = previous.matched[rkey]
                continue
            old = self.load_previous("runs", rkey)
            if not isinstance(old, Run):
                raise Stale
            if old.keys:
                count(split_local(iri, old.keys)[1], -1)
                delta.drop.append(iri)
                delta.remove_runs.append((iri, rkey))
            if old.audit:
                delta.drop.append(iri + AUDIT_SUFFIX)
        for iri, rkey in self.runs:
            if previous.runs.get(iri) != rkey:
                if rkey not in self.offered:  # a run the cache had from an older build
                    self.offer(self.load(iri, rkey))
                count(self.offered[rkey], +1)
                if rkey in self.present:
                    delta.add.append(rkey)
            elif rkey not in self.present and iri in previous.defaults:
                self.present.add(rkey)
        count(previous.build, -1)
        count(self.build, +1)
        count(previous.corrections, -1)
        count(self.corrections, +1)
        if previous.corrections != self.corrections:
            delta.corrections = True
        by_bucket: dict[int, list[tuple[TripleKey, int]]] = {}
        for k, n in counts.items():
            if n:
                by_bucket.setdefault(bucket_of(k[0]), []).append((k, n))
        self.buckets = list(previous.buckets)
        for b, changes in sorted(by_bucket.items()):
            old_counts: dict[TripleKey, int] = self.load_previous("counts", previous.buckets[b])
            new = dict(old_counts)
            for k, n in changes:
                left = new.get(k, 0) + n
                if left < 0:
                    raise Stale
                if left:
                    new[k] = left
                else:
                    new.pop(k, None)
                if k in old_counts and k not in new:
                    delta.shared_removed.append(k)
                elif k in new and k not in old_counts:
                    delta.shared_added.append(k)
            self.buckets[b] = self._put_bucket(b, new)
        self.delta = delta

    def load_previous(self, kind: str, entry: str) -> Any:
        """An entry the last build kept; raises Stale if it is gone or damaged."""
        try:
            return self.bc.load(kind, entry)
        except Exception:  # the last build's entries are gone or damaged: start afresh
            raise Stale from None

    def _put_bucket(self, b: int, counts: dict[TripleKey, int]) -> str:
        keys = sorted(counts)
        digest = hashlib.sha256(pickle.dumps([(k, counts[k]) for k in keys])).hexdigest()
        entry = key("bucket", code_version(), ",".join(self.union_formats), str(b), digest)
        if not self.bc.has("counts", entry) or not self.bc.has("buckets", entry):
            bodies = union_bodies(keys, self.union_formats) if keys else {}
            self.bc.put("buckets", entry, Bucket(bodies, len(keys)))
            self.bc.put("counts", entry, counts)
        return entry

    # --- the files -----------------------------------------------------------------

    def up_to_date(self, out: Path, store: bool, html: bool, html_max: int) -> bool:
        """Whether the last build wrote exactly this graph and its files in ``out`` are
        still the ones it wrote: then there is nothing to write."""
        p, d = self.previous, self.delta
        if p is None or d is None or not d.empty() or self.build != p.build:
            return False
        if self.corrections != p.corrections:
            return False
        for fmt in self.formats:
            try:
                if fmt not in p.exports or _identity(export_file(out, fmt)) != p.exports[fmt][0]:
                    return False
            except OSError:
                return False
        link = out / "store"
        if store and not (p.store and link.is_symlink() and os.readlink(link) == p.store):
            return False
        return not (html and len(self.runs) <= html_max and not (out / "graph.html").is_file())

    def write(self, files: dict[str, StagedWriter], out: Path, kept: Iterable[str]) -> int:
        """Write every export into its writer; return the quad count.

        Where each body lands is kept in ``spans`` for the formats in ``kept``
        (the ones put in ``out``), for the next build to copy them from.
        """
        with contextlib.ExitStack() as stack:
            old = {
                fmt: stack.enter_context(_OldExport(self.previous, export_file(out, fmt), fmt))
                for fmt in files
            }
            self.count = self._write(files, old, set(kept))
            for w in files.values():
                w.settle()
        return self.count

    def _write(
        self, files: dict[str, StagedWriter], old: dict[str, _OldExport], kept: set[str]
    ) -> int:
        self.spans = {fmt: {} for fmt in files if fmt in kept}
        union = [fmt for fmt in files if fmt not in QUAD_FORMATS]
        quads = [fmt for fmt in files if fmt in QUAD_FORMATS]

        def put(fmt: str, key: str, body: bytes) -> None:
            span = files[fmt].write(body)
            if fmt in self.spans:
                self.spans[fmt][key] = span

        def copied(fmt: str, key: str) -> bool:
            """The body of ``key`` copied from the last build's file or this build's
            spool, if either has it."""
            source = old[fmt].source(key) or self.spool.source(fmt, key)
            if source is None:
                return False
            span = files[fmt].copy(*source)
            if fmt in self.spans:
                self.spans[fmt][key] = span
            return True

        for entry in self.buckets:
            bucket: Bucket | None = None
            for fmt in union:
                if not copied(fmt, entry):
                    bucket = bucket or self.load_previous("buckets", entry)
                    put(fmt, entry, bucket.bodies.get(fmt, b""))
        reference = reference_keys()
        count = len(self.build) + len(reference) + len(self.corrections)
        for fmt in quads:
            files[fmt].write(Sections(fmt).body(self.build, "", check=True))
        for iri, rkey in self.runs:
            if rkey not in self.present:
                continue
            bodies, n = self.defaults[iri]
            count += n
            for fmt in quads:
                files[fmt].write(bodies.get(fmt, b""))
        # then the named graphs by IRI: the articles' and their audit graphs, the
        # reference data's and the corrections'
        named: list[tuple[str, str, str]] = [(iri, "graph", rkey) for iri, rkey in self.runs]
        named += [
            (iri + AUDIT_SUFFIX, "audit", rkey)
            for iri, rkey in self.runs
            if rkey in self.audits and rkey in self.present
        ]
        named.append((self.reference_iri, "reference", ""))
        if self.corrections:
            named.append((str(corrections_graph_iri()), "corrections", ""))
        for iri, kind, rkey in sorted(named):
            if kind == "reference":
                for fmt in quads:
                    files[fmt].write(_reference_body(fmt))
            elif kind == "corrections":
                for fmt in quads:
                    files[fmt].write(Sections(fmt).body(self.corrections, iri, check=True))
            elif kind == "audit":
                akey = rkey + AUDIT_SUFFIX
                for fmt in quads:
                    if not copied(fmt, akey):
                        graph = iri.removesuffix(AUDIT_SUFFIX)
                        put(fmt, akey, self.load(graph, rkey).audit.get(fmt, b""))
                count += self.audits[rkey]
            elif rkey in self.present:
                again: Rendered | None = None
                for fmt in files:
                    if not copied(fmt, rkey):
                        again = again or self.load(iri, rkey)
                        assert again.bodies is not None
                        put(fmt, rkey, again.bodies.bodies[fmt])
                count += self.totals[rkey]
        return count

    def state(self, store: str, out: Path) -> State:
        """This build's state, once its files are in ``out``."""
        exports = {}
        for fmt, spans in self.spans.items():
            with contextlib.suppress(OSError):
                exports[fmt] = (_identity(export_file(out, fmt)), spans)
        runs = dict(self.runs)
        present = {iri for iri, rkey in self.runs if rkey in self.present}
        return State(
            code_version(),
            runs,
            {iri: d for iri, d in self.defaults.items() if iri in present},
            {rkey: self.totals[rkey] for iri, rkey in self.runs if iri in present},
            {iri: v for iri, v in self.violations.items() if iri in runs and v},
            self.build,
            self.corrections,
            {rkey: n for rkey, n in self.audits.items() if rkey in self.present},
            {rkey: m for rkey, m in self.matched.items() if rkey in set(runs.values())},
            self.buckets,
            store,
            self.count,
            exports,
        )

    def close(self) -> None:
        self.spool.close()


class _OldExport:
    """The export a previous build wrote, to copy its bodies from, if it is still the
    file that build wrote (same size, modification time and inode)."""

    def __init__(self, previous: State | None, path: Path, fmt: str) -> None:
        self.fd: int | None = None
        self.spans: dict[str, tuple[int, int]] = {}
        self.size = 0
        if previous is None or fmt not in previous.exports:
            return
        identity, spans = previous.exports[fmt]
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return
        st = os.fstat(fd)
        if (st.st_size, st.st_mtime_ns, st.st_ino) != identity:
            os.close(fd)
            return
        self.fd, self.spans, self.size = fd, spans, st.st_size

    def source(self, key: str) -> tuple[int, int, int] | None:
        """(fd, offset, length) of the body of ``key`` in the file, if it is there."""
        span = self.spans.get(key)
        if span is None or self.fd is None or span[0] + span[1] > self.size:
            return None
        return self.fd, span[0], span[1]

    def __enter__(self) -> _OldExport:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _identity(path: Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_ino


@functools.cache
def _reference_body(fmt: str) -> bytes:
    return Sections(fmt).body(reference_keys(), str(reference_graph_iri()), check=True)


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[None]:
    """A failed write of a work file (disk full, file too large) names the file."""
    try:
        yield
    except OSError as e:
        raise ExportError(f"{path}: cannot write: {e.strerror or e}") from e


def _write_run(path: Path, keys: list[TripleKey], append: bool = False) -> None:
    with _writing(path), open(path, "ab" if append else "wb") as f:
        for i in range(0, len(keys), _BATCH):
            pickle.dump(keys[i : i + _BATCH], f, protocol=pickle.HIGHEST_PROTOCOL)


def _read_run(path: Path) -> Iterator[TripleKey]:
    with open(path, "rb") as f:
        while True:
            try:
                batch = pickle.load(f)
            except EOFError:
                return
            yield from batch
