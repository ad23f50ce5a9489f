"""``kg build``: a corpus folder -> the graph and its exports.

The build runs in four steps, so that it uses every core, keeps memory flat
as the corpus grows, and redoes only what changed since the last build:

1. **Read and extract** each file, in worker processes (``jobs``, default every
   core). An article whose bytes, file name and extractor code are unchanged
   takes its claims from the cache in ``OUT/.cache`` (``kg.cache``) instead.
   Only a slim copy of the claims (no text) comes back to this process.
2. **Resolve** people and reports across the corpus (``kg.resolve``), here.
3. **Render** each article's named graph (``kg.graph.add_article``), in the
   workers, given the slice of the resolution it uses; the sorted triples go
   to the cache. An article whose claims and slice are unchanged is not
   rendered again.
4. **Assemble** the exports by streaming: the union of every graph is merged
   from sorted runs spilled to disk, written once as N-Triples and handed to
   pyoxigraph, which writes Turtle, N-Triples, JSON-LD and TriG. No rdflib
   Dataset of the whole corpus is ever made.

The files are byte-identical to those ``kg.export.write_exports`` writes from
``kg.graph.build_dataset`` for the same corpus (``tests/test_scale.py`` checks
it): triples are put in the same canonical order (subject, predicate with
rdf:type first, object; literals keyed so that ``"x"`` and
``"x"^^xsd:string`` are one), and the same pyoxigraph serializers write them.

The SHACL check runs on the whole graph of a corpus of up to
``VALIDATE_ALL_UP_TO`` articles; above that, on the reference data and a fixed
sample of ``VALIDATE_SAMPLE`` articles (chosen by a hash of their ids, so the
sample is stable as articles are added), since pySHACL takes about 0.25 ms a
triple: a 10,000-article graph would take five minutes. ``graph.html`` is drawn
for corpora of up to ``HTML_MAX_ARTICLES`` articles.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import heapq
import importlib.util
import os
import pickle
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, cast

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from kg.cache import CACHE_DIR, BuildCache
from kg.errors import ExportError, InputError, UsageError, ValidationFailed
from kg.executor import Executor, SerialExecutor, make_executor
from kg.extract import extract_article
from kg.ingest import DEFAULT_MAX_BYTES, corpus_files, read_article, read_corpus
from kg.model import Article, ArticleClaims, IngestError, Resolved
from kg.resolve import resolve
from kg.vocab import ID, PROV

FORMATS = ("ttl", "trig", "jsonld", "nt")
VALIDATE_ALL_UP_TO = 100
VALIDATE_SAMPLE = 50
HTML_MAX_ARTICLES = 2000
CHUNK_TRIPLES = 300_000  # sorted in memory, then spilled to disk as one run
_BATCH = 10_000  # keys per pickle in a spilled run

# Progress: (stage, done, total); stages "extract" and "render".
Progress = Callable[[str, int, int], None]


@dataclass
class BuildResult:
    read: int = 0
    skipped: list[IngestError] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)
    outputs: dict[str, Path] = field(default_factory=dict)
    triples: int = 0
    extracted: int = 0  # articles extracted afresh; the others came from the cache
    rendered: int = 0  # articles whose graph was rendered afresh
    validated: int = 0  # articles whose graphs the SHACL check saw
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step

    def summary(self) -> str:
        facts = ", ".join(f"{n} {k}" for k, n in self.facts.items())
        return (
            f"read {self.read} articles, skipped {len(self.skipped)}; "
            f"extracted {facts}; {self.triples} triples"
        )


def extract_corpus(
    corpus: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_article: Callable[[str], None] | None = None,
) -> tuple[list[ArticleClaims], list[IngestError]]:
    """Every article's claims, in this process, without the cache."""
    claims: list[ArticleClaims] = []
    skipped: list[IngestError] = []
    for item in read_corpus(corpus, max_bytes):
        if isinstance(item, IngestError):
            skipped.append(item)
        elif isinstance(item, Article):
            claims.append(extract_article(item))
        if on_article:
            on_article(item.file_name)
    return claims, skipped


def build_graph(
    corpus: Path,
    out: Path,
    *,
    formats: tuple[str, ...] = FORMATS,
    validate: bool = True,
    html: bool = True,
    store: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_article: Callable[[str], None] | None = None,
    jobs: int | None = None,
    cache: bool = True,
    full: bool = False,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Read ``corpus``, extract, resolve, assemble, check and write into ``out``.

    Unreadable files are skipped and listed in the result. A graph that does not
    conform to the shapes raises ``ValidationFailed`` and writes nothing.

    ``jobs`` worker processes do the per-article work (default: every core; 1:
    all in this process), or ``executor`` does. ``cache=False`` neither reads
    nor keeps ``OUT/.cache``; ``full=True`` ignores what it holds and refills it.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(
            f"unknown export format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}"
        )
    files = _entries(corpus)  # raises InputError for a missing folder
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportError(f"{out}: cannot create the folder: {e.strerror or e}") from e
    _warm_up(validate)
    _remove_leftovers(out)
    try:
        work = Path(tempfile.mkdtemp(prefix=f"{_WORK_PREFIX}{os.getpid()}-", dir=out))
    except OSError as e:
        raise ExportError(f"{out}: cannot create a work folder: {e.strerror or e}") from e
    bc = BuildCache(out / CACHE_DIR if cache else work / "cache", read=cache and not full)
    with _terminate_as_exit():
        ex = executor or make_executor(jobs)
        try:
            result, keep = _build(files, out, work, bc, ex, formats, validate, html, store,
                                  max_bytes, on_article, progress)  # fmt: skip
            if cache:
                bc.prune(keep)
            return result
        finally:
            if executor is None:
                ex.close()
            shutil.rmtree(work, ignore_errors=True)


def _build(
    files: list[tuple[Path, str] | IngestError],
    out: Path,
    work: Path,
    bc: BuildCache,
    ex: Executor,
    formats: tuple[str, ...],
    validate: bool,
    html: bool,
    store: bool,
    max_bytes: int,
    on_article: Callable[[str], None] | None,
    progress: Progress | None,
) -> tuple[BuildResult, dict[str, set[str]]]:
    result = BuildResult()
    clock = _Clock(result.timings)

    # 1. read and extract
    # (as kg.ingest.read_corpus: in path order, and a file whose article id an
    # earlier one has is skipped, so that two articles never become one)
    tasks = [_ReadTask(str(f[0]), f[1], max_bytes, bc) for f in files if isinstance(f, tuple)]
    results = zip(tasks, ex.map(_read_extract, tasks), strict=True)
    slim: list[ArticleClaims] = []
    claims_keys: dict[int, str] = {}  # id(slim claims) -> claims key
    orgs: set[str] = set()
    ids: dict[str, str] = {}  # article id -> the file it came from
    for done, entry in enumerate(files, 1):
        if isinstance(entry, IngestError):  # a folder that could not be listed
            item: _Extracted | IngestError = entry
            task = _ReadTask("", entry.file_name, max_bytes, bc)
        else:
            task, item = next(results)
        if isinstance(item, _Extracted) and item.claims.article.id in ids:
            first = ids[item.claims.article.id]
            item = IngestError(
                task.rel,
                f"same article id {item.claims.article.id!r} as {first}; rename one of them",
            )
        if isinstance(item, IngestError):
            result.skipped.append(item)
            name = item.file_name
        else:
            ids[item.claims.article.id] = task.rel
            slim.append(item.claims)
            claims_keys[id(item.claims)] = item.key
            orgs |= item.orgs
            result.extracted += not item.hit
            name = item.claims.article.file_name
        if on_article:
            on_article(name)
        if progress:
            progress("extract", done, len(files))
    result.read = len(slim)
    clock.lap("extract")

    # 2. resolve
    resolved = resolve(slim)
    result.facts = {
        "people": len(resolved.people),
        "organizations": len(orgs),
        "roles": sum(len(ac.roles) for ac in slim),
        "reports": len(resolved.reports),
        "quotes": sum(len(ac.quotes) for ac in slim),
    }
    clock.lap("resolve")

    # 3. render the articles whose claims or resolution changed
    runs: list[tuple[str, str]] = []  # (graph IRI, run key) in resolved order
    render: list[_RenderTask] = []
    article_of: dict[str, ArticleClaims] = {}  # run key -> claims, to render again if need be
    for ac in resolved.claims:
        ckey = claims_keys[id(ac)]
        part = _slice(ac, resolved)
        rkey = bc.run_key(ckey, repr(_slice_repr(part)).encode())
        runs.append((str(_graph_iri(ac.article.id)), rkey))
        article_of[rkey] = ac
        if not bc.has("runs", rkey):
            render.append(_RenderTask(bc, ckey, rkey, part))
    for done, _ in enumerate(ex.map(_render, render), 1):
        if progress:
            progress("render", done, len(render))
    result.rendered = len(render)
    clock.lap("render")

    # 4. assemble: the default and reference graphs, then every run
    def load_run(rkey: str) -> list[TripleKey]:
        try:
            return list(bc.load("runs", rkey))
        except Exception:  # a cached run gone or damaged since: render it here
            ac = article_of[rkey]
            _render(_RenderTask(bc, claims_keys[id(ac)], rkey, _slice(ac, resolved)))
            try:
                return list(bc.load("runs", rkey))
            except Exception as e:
                raise ExportError(f"{bc.root}: cannot keep the build's work: {e}") from e

    asm = _Assembly(work, load_run, runs, _default_keys(resolved), _reference_keys())
    union_count = asm.write_union()
    quad_count = asm.write_quads()
    result.triples = quad_count
    clock.lap("merge")

    # The SHACL check and the store run in workers while this process writes the
    # files; nothing is replaced until all three have succeeded.
    checking: Future[list[str]] | None = None
    if validate:
        sample = _validation_sample(resolved)
        result.validated = len(resolved.claims) if sample is None else len(sample)
        checking = ex.submit(_check_sample, asm.sample(sample))
        if sample is not None:
            result.notes.append(
                f"SHACL check on a sample of {len(sample)} of {len(resolved.claims)} articles"
            )
    storing: Future[str] | None = None
    if store and importlib.util.find_spec("kg.store") is not None:
        storing = _store_in_background(ex, str(asm.nq), str(work / "store"))
    clock.lap("validate")
    staged = []
    try:
        for fmt in dict.fromkeys(formats):
            quads = fmt in _QUAD_FORMATS
            src = asm.nq if quads else asm.nt
            staged.append(_stage_file(out / f"graph.{fmt}", fmt, src, quad_count if quads
                                      else union_count))  # fmt: skip
        clock.lap("export")
        if checking is not None:
            problems = checking.result()
            clock.lap("validate")
            if problems:
                raise ValidationFailed(problems[0])
        page = _draw(asm, len(resolved.claims), work, result.notes) if html else None
        clock.lap("html")
        if storing is not None:
            storing.result()
            clock.lap("store")
        _commit(staged)
    except BaseException:
        for s in staged:
            s.discard()
        for pending in (checking, storing):
            if pending is not None and not pending.cancel():
                with contextlib.suppress(BaseException):
                    pending.result()  # let it finish before its folder goes
        raise
    # Everything is written: put it in place (the renames are not one transaction).
    result.outputs.update({fmt: out / f"graph.{fmt}" for fmt in dict.fromkeys(formats)})
    if storing is not None:
        result.outputs["store"] = _swap_dir(work / "store", out / "store")
    if page is not None:
        try:
            os.replace(page, out / "graph.html")
        except OSError as e:
            raise ExportError(f"{out / 'graph.html'}: cannot replace: {e.strerror or e}") from e
        result.outputs["html"] = out / "graph.html"
    keep = {"claims": set(claims_keys.values()), "runs": {k for _, k in runs}}
    return result, keep


_WORK_PREFIX = ".kg-build-"


def _remove_leftovers(out: Path) -> None:
    """The work folders of builds that were killed (their process is gone) and, when
    no other build is running in ``out``, the staging files they left."""
    live = False
    for entry in out.glob(f"{_WORK_PREFIX}*"):
        pid = entry.name.removeprefix(_WORK_PREFIX).split("-", 1)[0]
        if pid.isdigit() and _alive(int(pid)):
            live = True
        elif entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
    if not live:
        for entry in out.glob(".graph.*.tmp"):
            with contextlib.suppress(OSError):
                entry.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process
        return True
    return True


@contextlib.contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """While building, SIGTERM (timeout, systemd, a CI cancel) ends the build as
    Ctrl-C does: through its clean-up, with exit status 143."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Clock:
    def __init__(self, into: dict[str, float]) -> None:
        self.into = into
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.into[name] = self.into.get(name, 0.0) + now - self.last
        self.last = now


def _warm_up(validate: bool) -> None:
    """Load the ontology, compile the patterns and import what workers use, here, once,
    so that forked workers start with it."""
    import kg.graph  # noqa: F401
    from kg.ingest import parse_article

    extract_article(parse_article("Chief Constable Ann Smith said: “Fine.”\n", "warm.txt", "text"))
    if validate:
        import kg.validate  # noqa: F401  (pyshacl takes a second to import)


# --- step 1: read and extract (in a worker) ---------------------------------------------


@dataclass(frozen=True, slots=True)
class _ReadTask:
    path: str
    rel: str  # the path in the corpus folder, as errors name the file
    max_bytes: int
    cache: BuildCache


@dataclass(frozen=True, slots=True)
class _Extracted:
    key: str  # claims key in the cache
    claims: ArticleClaims  # without the text: what resolution needs
    orgs: frozenset[str]
    hit: bool


def _read_extract(task: _ReadTask) -> _Extracted | IngestError:
    path = Path(task.path)
    bc = task.cache
    data = _regular_file_bytes(path, task.max_bytes) if bc.read else None
    if data is not None:
        key = bc.claims_key(path.name, hashlib.sha256(data).hexdigest())
        cached = bc.get("claims", key)
        if isinstance(cached, ArticleClaims):
            return _Extracted(key, _slim(cached), _orgs(cached), True)
    try:
        article = read_article(path, task.max_bytes)
    except InputError as e:
        message, prefix = str(e), f"{path.name}: "
        if message.startswith(prefix):
            return IngestError(task.rel, message[len(prefix) :])
        return IngestError(task.rel, message.split(": ", 1)[-1])
    claims = extract_article(article)
    key = bc.claims_key(article.file_name, article.sha256)
    bc.put("claims", key, claims)
    return _Extracted(key, _slim(claims), _orgs(claims), False)


def _entries(corpus: Path) -> list[tuple[Path, str] | IngestError]:
    """The files of the corpus as (path, name in the corpus), and the folders that
    could not be listed, in the order and with the names ``read_corpus`` uses."""
    import kg.ingest

    listing = getattr(kg.ingest, "_corpus_entries", None)
    if listing is None:
        return [(p, _relative(p, corpus)) for p in corpus_files(corpus)]
    out: list[tuple[Path, str] | IngestError] = []
    for path, error in listing(corpus):
        if path is not None:
            out.append((path, _relative(path, corpus)))
        elif error is not None:
            out.append(error)
    return out


def _regular_file_bytes(path: Path, max_bytes: int) -> bytes | None:
    """The bytes of a regular file of at most ``max_bytes``, to look up the cache; None
    for anything else (read_article then says what is wrong). Never blocks: a FIFO
    in the corpus is opened without waiting for a writer and not read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read(max_bytes + 1)
        return data if len(data) <= max_bytes else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _relative(path: Path, folder: Path) -> str:
    """``path`` in ``folder`` as a POSIX path that can be printed (no lone surrogates)."""
    try:
        rel = path.relative_to(folder).as_posix() if folder.is_dir() else path.name
    except ValueError:
        rel = path.as_posix()
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _slim(ac: ArticleClaims) -> ArticleClaims:
    """What resolution reads: the claims without the article's text and mentions."""
    return replace(
        ac,
        article=replace(ac.article, text="", body=(), clutter=()),
        organizations=(),
        quotes=tuple(replace(q, text="", parts=()) for q in ac.quotes),
    )


def _orgs(ac: ArticleClaims) -> frozenset[str]:
    return frozenset(m.org for m in ac.organizations)


# --- step 3: render (in a worker) -------------------------------------------------------


def _slice(ac: ArticleClaims, resolved: Resolved) -> Resolved:
    """The part of the corpus-wide resolution that one article's graph uses."""
    a = ac.article.id
    names = (
        {p.name for p in ac.people}
        | {r.person for r in ac.roles}
        | {q.speaker for q in ac.quotes if q.speaker_kind == "Person"}
    )
    person_key = {(a, n): resolved.person_key[(a, n)] for n in sorted(names)}
    report_key = {(a, i): resolved.report_key[(a, i)] for i in range(len(ac.reports))}
    return Resolved(
        claims=(),
        people={k: resolved.people[k] for k in sorted(set(person_key.values()))},
        person_key=person_key,
        reports={k: resolved.reports[k] for k in sorted(set(report_key.values()))},
        report_key=report_key,
    )


def _slice_repr(part: Resolved) -> tuple[object, ...]:
    return (
        tuple(part.person_key.items()),
        tuple(part.people.items()),
        tuple(part.report_key.items()),
        tuple(part.reports.items()),
    )


@dataclass(frozen=True, slots=True)
class _RenderTask:
    cache: BuildCache
    claims_key: str
    run_key: str
    resolved: Resolved


class _Sink:
    """Stands in for the rdflib Graph ``add_article`` fills: it only collects the triples."""

    __slots__ = ("triples",)

    def __init__(self) -> None:
        self.triples: list[tuple[Node, Node, Node]] = []

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        self.triples.append(triple)


def _render(task: _RenderTask) -> int:
    from kg.graph import add_article

    claims = task.cache.load("claims", task.claims_key)
    sink = _Sink()
    add_article(cast(Graph, sink), claims, task.resolved)
    run = _sorted_keys(sink.triples)
    task.cache.put("runs", task.run_key, run)
    return len(run)


# --- canonical keys and N-Triples lines -------------------------------------------------

# A term as a sortable tuple: ("<", iri) or ('"', lexical form, language, datatype);
# a triple as (subject, predicate or "" for rdf:type, object). The same keys as
# kg.export.canonical, so the same order.
TermKey = tuple[str, ...]
TripleKey = tuple[str, str, TermKey]
_TYPE = str(RDF.type)
_STRING = str(XSD.string)
_QUAD_FORMATS = frozenset({"trig"})


def _triple_key(s: Node, p: Node, o: Node, strings: dict[str, str]) -> TripleKey:
    if not isinstance(s, URIRef) or not isinstance(p, URIRef):
        raise ExportError(f"cannot export the triple {s.n3()} {p.n3()}: only IRIs here")
    if isinstance(o, URIRef):
        obj: TermKey = ("<", strings.setdefault(str(o), str(o)))
    elif isinstance(o, Literal):
        dt = "" if o.datatype is None else str(o.datatype)
        obj = ('"', str(o), (o.language or "").lower(), "" if dt == _STRING else dt)
    else:
        raise ExportError(f"cannot export the {type(o).__name__} {o.n3()}: only IRIs and literals")
    pred = str(p)
    return (
        strings.setdefault(str(s), str(s)),
        "" if pred == _TYPE else strings.setdefault(pred, pred),
        obj,
    )


def _sorted_keys(triples: Iterable[tuple[Node, Node, Node]]) -> list[TripleKey]:
    strings: dict[str, str] = {}  # one string object per IRI: smaller pickles
    return sorted({_triple_key(s, p, o, strings) for s, p, o in triples})


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt_object(o: TermKey) -> str:
    if o[0] == "<":
        return f"<{o[1]}>"
    _, value, language, datatype = o
    lit = '"' + value.translate(_ESCAPES) + '"'
    if language:
        return f"{lit}@{language}"
    return f"{lit}^^<{datatype}>" if datatype else lit


def _nt_line(k: TripleKey, graph: str = "") -> str:
    s, p, o = k
    g = f" <{graph}>" if graph else ""
    return f"<{s}> <{p or _TYPE}> {_nt_object(o)}{g} .\n"


# --- step 4: assemble -------------------------------------------------------------------


def _graph_iri(article_id: str) -> URIRef:
    from kg.vocab import graph_iri

    return graph_iri(article_id)


def _default_keys(resolved: Resolved) -> list[TripleKey]:
    """The default graph: the build run and the provenance of each article's graph,
    as ``kg.graph.build_dataset`` makes them."""
    from kg import __version__
    from kg.vocab import KGO, PROV, SCHEMA, article_iri, build_iri, digest

    build = build_iri(digest(*(ac.article.sha256 or ac.article.id for ac in resolved.claims)))
    triples: list[tuple[Node, Node, Node]] = [
        (build, RDF.type, KGO.BuildRun),
        (build, RDF.type, PROV.Activity),
        (build, SCHEMA.softwareVersion, Literal(f"kg {__version__}")),
    ]
    for ac in resolved.claims:
        gid, art = _graph_iri(ac.article.id), article_iri(ac.article.id)
        triples += [
            (build, PROV.used, art),
            (gid, PROV.wasDerivedFrom, art),
            (gid, PROV.wasGeneratedBy, build),
        ]
    return _sorted_keys(triples)


@functools.cache
def _reference_keys() -> list[TripleKey]:
    from kg.reference import ontology_graph

    return _sorted_keys(ontology_graph())


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[None]:
    """A failed write of a work file (disk full, file too large) names the file."""
    try:
        yield
    except OSError as e:
        raise ExportError(f"{path}: cannot write: {e.strerror or e}") from e


def _write_run(path: Path, keys: list[TripleKey]) -> None:
    with _writing(path), open(path, "wb") as f:
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


def _dedupe(keys: Iterable[TripleKey]) -> Iterator[TripleKey]:
    last: TripleKey | None = None
    for k in keys:
        if k != last:
            yield k
            last = k


class _Assembly:
    """The sorted union and the sorted quads of the whole graph, as files in ``work``."""

    def __init__(
        self,
        work: Path,
        load: Callable[[str], list[TripleKey]],
        runs: list[tuple[str, str]],
        default: list[TripleKey],
        reference: list[TripleKey],
    ) -> None:
        from kg.vocab import reference_graph_iri

        self.work, self.load, self.runs = work, load, runs
        self.default, self.reference = default, reference
        self.reference_iri = str(reference_graph_iri())
        self.nt = work / "union.nt"
        self.nq = work / "graph.nq"

    def write_union(self) -> int:
        """Every graph's triples once, in canonical order, as N-Triples; return the count."""
        spills: list[Path] = []
        chunk: list[TripleKey] = list(self.default) + list(self.reference)

        def spill() -> None:
            chunk.sort()
            path = self.work / f"run-{len(spills)}.pickle"
            _write_run(path, list(_dedupe(chunk)))
            spills.append(path)
            chunk.clear()

        for _, rkey in self.runs:
            chunk.extend(self.load(rkey))
            if len(chunk) >= CHUNK_TRIPLES:
                spill()
        if chunk or not spills:
            spill()
        n = 0
        with _writing(self.nt), open(self.nt, "w", encoding="utf-8") as f:
            for k in _dedupe(heapq.merge(*(_read_run(p) for p in spills))):
                f.write(_nt_line(k))
                n += 1
        for p in spills:
            p.unlink()
        return n

    def _graphs(self) -> Iterator[tuple[str, Iterable[TripleKey]]]:
        """Each graph with its sorted keys: the default graph, then by IRI."""
        yield "", self.default
        by_iri: dict[str, list[str]] = {self.reference_iri: []}
        for iri, rkey in self.runs:
            by_iri.setdefault(iri, []).append(rkey)
        for iri in sorted(by_iri):
            if iri == self.reference_iri:
                parts = [self.reference] + [self.load(r) for r in by_iri[iri]]
            else:
                parts = [self.load(r) for r in by_iri[iri]]
            yield iri, parts[0] if len(parts) == 1 else _dedupe(heapq.merge(*parts))

    def write_quads(self) -> int:
        """Every graph's triples in its graph, as N-Quads in canonical order; return the count."""
        n = 0
        with _writing(self.nq), open(self.nq, "w", encoding="utf-8") as f:
            for iri, keys in self._graphs():
                for k in keys:
                    f.write(_nt_line(k, iri))
                    n += 1
        return n

    def sample(self, article_ids: set[str] | None) -> list[tuple[TripleKey, str]]:
        """Quads (key, graph IRI; "" for the default graph) of the reference graph,
        the given articles' graphs and the default graph's triples about them:
        every article's when ``article_ids`` is None."""
        if article_ids is None:
            return [(k, iri) for iri, keys in self._graphs() for k in keys]
        wanted = {str(_graph_iri(a)) for a in article_ids}
        articles = {str(_article_iri(a)) for a in article_ids}
        used, graphs = str(PROV.used), str(ID["graph/"])

        def about_sample(k: TripleKey) -> bool:
            # the build run's own triples, its prov:used of a sampled article,
            # and the provenance of a sampled article's graph
            s, p, o = k
            if p == used:
                return o[1] in articles
            return s in wanted or not s.startswith(graphs)

        out: list[tuple[TripleKey, str]] = []
        for iri, keys in self._graphs():
            if iri == "":
                out.extend((k, "") for k in keys if about_sample(k))
            elif iri == self.reference_iri or iri in wanted:
                out.extend((k, iri) for k in keys)
        return out


def _article_iri(article_id: str) -> URIRef:
    from kg.vocab import article_iri

    return article_iri(article_id)


def _validation_sample(resolved: Resolved) -> set[str] | None:
    """All articles (None) for a small corpus, else a stable sample of ids."""
    ids = [ac.article.id for ac in resolved.claims]
    if len(ids) <= VALIDATE_ALL_UP_TO:
        return None
    return set(sorted(ids, key=lambda a: hashlib.sha256(a.encode()).digest())[:VALIDATE_SAMPLE])


def _check_sample(quads: list[tuple[TripleKey, str]]) -> list[str]:
    """The violations of the graph of ``quads``, as one-line messages (empty: conforms)."""
    ds = Dataset()
    graphs: dict[str, Graph] = {}
    iris: dict[str, URIRef] = {}

    def iri(value: str) -> URIRef:
        node = iris.get(value)
        if node is None:
            node = iris[value] = URIRef(value)
        return node

    for (s, p, o), g in quads:
        graph = graphs.get(g)
        if graph is None:
            graph = graphs[g] = ds.default_graph if not g else ds.graph(iri(g))
        if o[0] == "<":
            obj: Node = iri(o[1])
        else:
            _, value, language, datatype = o
            obj = Literal(
                value, lang=language or None, datatype=iri(datatype) if datatype else None
            )
        graph.add((iri(s), iri(p or _TYPE), obj))
    try:
        check(ds)
    except ValidationFailed as e:
        return [str(e)]
    return []


def check(ds: Dataset) -> None:
    from kg.validate import format_violation, validate_graph

    violations = validate_graph(ds)
    if violations:
        first = format_violation(violations[0])
        raise ValidationFailed(
            f"the graph does not conform to the shapes "
            f"({len(violations)} violations); first: {first}"
        )


# --- writing files, as kg.export does: staged, checked, then renamed --------------------


def _stage_file(final: Path, fmt: str, source: Path, expected: int) -> Any:
    import pyoxigraph as ox

    from kg.export import FORMATS as OX_FORMATS
    from kg.export import _check, _prefixes, _stage

    src_fmt = ox.RdfFormat.N_QUADS if source.suffix == ".nq" else ox.RdfFormat.N_TRIPLES

    def write(f: IO[bytes]) -> None:
        try:
            items = ox.parse(path=str(source), format=src_fmt)
            ox.serialize(items, f, OX_FORMATS[fmt], prefixes=_prefixes())
        except SyntaxError as e:
            raise ExportError(f"{final.name}: a term cannot be written: {e}") from e

    staged = _stage(final, write)
    try:
        _check(staged.temp, OX_FORMATS[fmt], expected, final.name)
    except BaseException:
        staged.discard()
        raise
    return staged


def _draw(asm: _Assembly, articles: int, work: Path, notes: list[str]) -> Path | None:
    """``graph.html`` of a corpus small enough to draw whole, written in ``work``."""
    if articles > HTML_MAX_ARTICLES:
        notes.append(
            f"graph.html not drawn: {articles} articles is over {HTML_MAX_ARTICLES}; "
            "draw part of the graph with `kg viz --focus`"
        )
        return None
    from kg.viz import write_html

    ds = Dataset()
    ds.parse(asm.nq, format="nquads")
    return write_html(ds, work / "graph.html")


def _write_store(source: str, target: str) -> str:
    """The query store of the N-Quads file ``source``, written at ``target`` (in a worker)."""
    from kg.store import write_store

    return str(write_store(Path(source), Path(target)))


def _store_in_background(ex: Executor, source: str, target: str) -> Future[str]:
    """``_write_store`` in a new interpreter of its own, beside this process.

    Not a forked worker: RocksDB's threads do not survive a fork, so a worker
    forked from a process that has opened a store (a test run, a server) hangs
    in it; and not ``multiprocessing``'s spawn, which re-runs the caller's main
    script. A serial build writes the store here.
    """
    if ex.jobs <= 1:
        return SerialExecutor().submit(_write_store, source, target)
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)  # import this kg, not another
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    proc = subprocess.Popen(
        [sys.executable, "-c", _STORE_CHILD, source, target],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    future = _ProcessFuture(proc)

    def wait() -> None:
        _, err = proc.communicate()
        if proc.returncode == 0:
            future.set_result(target)
        else:
            lines = err.decode("utf-8", "replace").strip().splitlines() or ["no message"]
            future.set_exception(ExportError(f"{target}: could not write the store: {lines[-1]}"))

    threading.Thread(target=wait, name="kg-store", daemon=True).start()
    return future


class _ProcessFuture(Future[str]):
    """A future for a child process; cancelling it kills the process."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        super().__init__()
        self.proc = proc

    def cancel(self) -> bool:
        with contextlib.suppress(OSError):
            self.proc.kill()
        self.proc.wait()
        return True


_STORE_CHILD = "import sys; from kg.build import _write_store; _write_store(*sys.argv[1:3])"


def _swap_dir(new: Path, target: Path) -> Path:
    """Put the folder ``new`` where ``target`` is: atomically with ``kg.store.swap_dir``
    where there is one, else by two renames."""
    try:
        import kg.store

        swap: Callable[[Path, Path], Path] = getattr(kg.store, "swap_dir", _rename_in)
    except ImportError:
        swap = _rename_in
    try:
        return Path(swap(new, target))
    except OSError as e:
        raise ExportError(f"{target}: cannot replace the store: {e.strerror or e}") from e


def _rename_in(new: Path, target: Path) -> Path:
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rmdir(old)
        os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        if old is not None:
            os.rename(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return target


def _commit(staged: list[Any]) -> None:
    from kg.export import _commit as commit

    commit(staged)


def write_all(
    ds: Dataset, out: Path, formats: tuple[str, ...], *, html: bool, store: bool
) -> dict[str, Path]:
    """Write an rdflib Dataset's exports, store and page (the path for graphs made elsewhere)."""
    from kg.export import write_exports

    outputs = dict(write_exports(ds, out, formats))
    if store:
        try:
            from kg.store import write_store

            outputs["store"] = write_store(ds, out / "store")
        except ImportError:
            pass
    if html:
        from kg.viz import write_html

        outputs["html"] = write_html(ds, out / "graph.html")
    return outputs


def _eprint(msg: str) -> None:
    print(msg, file=sys.stderr)


def load_graph(path: Path) -> Dataset:
    """Any RDF file kg writes (ttl, trig, nt, nq, jsonld) as an rdflib Dataset."""
    from rdflib.util import guess_format

    if not path.is_file():
        raise InputError(f"{path}: no such graph file (run `kg build` first)")
    fmt = (
        {"jsonld": "json-ld", "nq": "nquads"}.get(path.suffix.lstrip("."))
        or guess_format(str(path))
        or "turtle"
    )
    ds = Dataset()
    try:
        ds.parse(path, format=fmt)
    except Exception as e:  # rdflib raises many kinds
        raise InputError(f"{path}: cannot read as {fmt}: {str(e).splitlines()[0][:200]}") from None
    return ds
