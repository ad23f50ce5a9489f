"""``kg build``: a corpus folder -> the graph and its exports.

The build runs in four steps, so that it uses every core, keeps memory flat
as the corpus grows, and redoes only what changed since the last build:

1. **Read and extract** each file, in worker processes (``jobs``, default every
   core). An article whose bytes, file name and extractor code are unchanged
   takes its claims from the last build instead: a pack of slim claims (no
   text) in ``OUT/.cache/pack``, found by the file's size, modification time
   and inode (or, when those changed, by the hash of its bytes).
2. **Resolve** people and reports across the corpus (``kg.resolve``), here.
3. **Render** each article's named graph (``kg.graph.add_article``), in the
   workers, given the slice of the resolution it uses, and write it at once
   in every format (``kg.export.graph_bodies``): its *local* triples (those
   about its quotes, evidence, memberships...) as Turtle, N-Triples and
   JSON-LD bodies, its whole graph as a TriG body, and its *shared* triples
   (people, reports, judgements) as keys. An article whose claims and slice
   are unchanged is not rendered again.
4. **Assemble** each file as the shared section, then every article's body in
   graph order (``kg.export.Canonical`` says the order). The shared triples
   are counted into buckets by subject; a rebuild counts the changed
   articles' triples out and in and writes again only the buckets they touch.
   Every other body is copied from the file the last build wrote (or from
   the cache), so a rebuild after one article changed costs a copy of the
   files, not a serialization. The store is the last one with the changed
   graphs swapped (``kg.store.update_store``), or a new one loaded from the
   TriG and N-Triples files (``kg.store.write_store_files``).

The files are byte-identical to those ``kg.export.write_exports`` writes from
``kg.graph.build_dataset`` for the same corpus, whatever was cached
(``tests/test_scale.py`` and ``tests/test_incremental.py`` check it).

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
from typing import Any, cast

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from kg.cache import CACHE_DIR, BuildCache, render_version
from kg.errors import ExportError, InputError, UsageError, ValidationFailed
from kg.executor import Executor, SerialExecutor, make_executor
from kg.extract import extract_article
from kg.ingest import DEFAULT_MAX_BYTES, corpus_entries, read_article, read_corpus
from kg.model import Article, ArticleClaims, IngestError, Resolved, Span
from kg.resolve import resolve

FORMATS = ("ttl", "trig", "jsonld", "nt")
VALIDATE_ALL_UP_TO = 100
VALIDATE_SAMPLE = 50
HTML_MAX_ARTICLES = 2000
CHUNK_TRIPLES = 300_000  # shared triples held in memory before the buckets spill to disk
_BATCH = 10_000  # keys per pickle in a spilled bucket

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
    scanned = time.time_ns()
    pack = _load_pack(bc)
    known = [_known(t, pack) for t in tasks] if pack else [None] * len(tasks)
    fresh = iter(ex.map(_read_extract, [t for t, k in zip(tasks, known, strict=True) if not k]))
    results = zip(tasks, (k or next(fresh) for k in known), strict=True)
    slim: list[ArticleClaims] = []
    claims_keys: dict[int, str] = {}  # id(slim claims) -> claims key
    orgs_of: dict[int, frozenset[str]] = {}  # id(slim claims) -> its organizations
    paths: dict[str, str] = {}  # claims key -> the file
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
            paths[item.key] = task.path
            orgs |= item.orgs
            orgs_of[id(item.claims)] = item.orgs
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
    previous: _State | None = bc.get("state", "build")
    if not isinstance(previous, _State) or previous.version != render_version():
        previous = None
    made = set(previous.totals) if previous else set()  # runs the last build kept
    runs: list[tuple[str, str]] = []  # (graph IRI, run key), by graph IRI
    render: list[_RenderTask] = []
    article_of: dict[str, ArticleClaims] = {}  # run key -> claims, to render again if need be
    for ac in resolved.claims:
        ckey = claims_keys[id(ac)]
        part = _slice(ac, resolved)
        rkey = bc.run_key(ckey, repr(_slice_repr(part)).encode())
        runs.append((str(_graph_iri(ac.article.id)), rkey))
        article_of[rkey] = ac
        if rkey not in made and not bc.has("runs", rkey):
            render.append(_RenderTask(bc, ckey, rkey, part, paths[ckey], max_bytes))
    runs.sort()

    def load(rkey: str) -> _Run:
        """A run from the cache; one gone or damaged since is rendered again here."""
        try:
            run = bc.load("runs", rkey)
            if isinstance(run, _Run):
                return run
        except Exception:
            pass
        ac = article_of[rkey]
        ckey = claims_keys[id(ac)]
        task = _RenderTask(bc, ckey, rkey, _slice(ac, resolved), paths[ckey], max_bytes)
        again, run = _render_run(task)
        result.extracted += again
        bc.put("runs", rkey, run)
        return run

    # (the shared section is counted here as the workers render)
    asm = _Assembly(work, bc, load, runs, _build_run_keys(resolved), previous)
    for done, (rendered, (again, shared)) in enumerate(
        zip(render, ex.map(_render, render), strict=True), 1
    ):
        result.extracted += again
        asm.offer(rendered.run_key, shared)
        if progress:
            progress("render", done, len(render))
    result.rendered = len(render)
    clock.lap("render")

    # 4. assemble: the shared section of the union, then every article's bodies
    asm.prepare()
    clock.lap("merge")
    if previous is not None and asm.up_to_date(out, formats, store, html):
        result.triples = previous.triples
        result.outputs.update({fmt: out / f"graph.{fmt}" for fmt in dict.fromkeys(formats)})
        result.outputs.update({n: out / n for n in ("store", "graph.html") if (out / n).exists()})
        result.notes.append("nothing changed since the last build; the files are as it left them")
        packed = _save_pack(bc, slim, claims_keys, orgs_of, paths, scanned)
        keep = {"claims": set(claims_keys.values()), "runs": {k for _, k in runs}, "pack": packed}
        keep["buckets"] = keep["counts"] = set(asm.buckets)
        return result, keep

    # The SHACL check and the store run in workers while this process writes the
    # files; nothing is replaced until all three have succeeded.
    checking: Future[list[str]] | None = None
    if validate:
        sample = _validation_sample(resolved)
        if sample is not None and previous is not None:
            # a rebuild checked by the same shapes: what is new is what was rendered
            sample = _validation_sample(resolved, {task.run_key for task in render}, runs)
        result.validated = len(resolved.claims) if sample is None else len(sample)
        by_id = {ac.article.id: ac for ac in resolved.claims}

        def keys_of(article_id: str) -> tuple[list[TripleKey], list[TripleKey]]:
            ac = by_id[article_id]
            ckey = claims_keys[id(ac)]
            claims, again = _claims(bc, ckey, paths[ckey], max_bytes)
            result.extracted += again
            return _render_keys(claims, _slice(ac, resolved))

        if sample is None or sample:
            checking = ex.submit(_check_sample, asm.sample(sample or set(by_id), keys_of))
        if sample is not None:
            result.notes.append(
                f"SHACL check on a sample of {len(sample)} of {len(resolved.claims)} articles"
                + (" (those drawn again since the last build)" if previous is not None else "")
            )
    storing = _store_update(ex, out, work, asm, previous) if store else None
    clock.lap("validate")
    writers: dict[str, Any] = {}  # format -> kg.export.StagedWriter
    try:
        wanted = list(dict.fromkeys(formats))
        for fmt in (("trig", "nt") if store and storing is None else ()) + (
            ("trig",) if html else ()
        ):
            if fmt not in wanted:
                wanted.append(fmt)  # for the store and the page only, written in work
        for fmt in wanted:
            writers[fmt] = _open_stage((out if fmt in formats else work) / f"graph.{fmt}")
        result.triples = asm.write(writers, out, formats)
        temp = {fmt: w.close().temp for fmt, w in writers.items()}
        clock.lap("export")
        if store:
            storing = storing or _store_new(ex, work, temp)
        if checking is not None:
            problems = checking.result()
            clock.lap("validate")
            if problems:
                raise ValidationFailed(problems[0])
        page = _draw(temp["trig"], len(resolved.claims), work, result.notes) if html else None
        clock.lap("html")
        if storing is not None:
            storing.result()
            clock.lap("store")
        _commit([w.staged for fmt, w in writers.items() if fmt in formats])
    except BaseException:
        for w in writers.values():
            w.discard()
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
    stored = result.outputs.get("store")
    bc.put("state", "build", asm.state(os.readlink(stored) if stored else "", out))
    packed = _save_pack(bc, slim, claims_keys, orgs_of, paths, scanned)
    keep = {"claims": set(claims_keys.values()), "runs": {k for _, k in runs}, "pack": packed}
    keep["buckets"] = keep["counts"] = set(asm.buckets)
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


@dataclass(frozen=True, slots=True)
class _Pack:
    """The claims of the last build, read from a few files rather than one per
    article; and what each file was, to know it unchanged without reading it."""

    claims: dict[str, tuple[ArticleClaims, frozenset[str]]]  # claims key -> slim, orgs
    files: dict[str, tuple[int, int, int, str]]  # path -> size, mtime_ns, inode, claims key
    scanned: int  # time.time_ns() when that build began reading the files


@dataclass(frozen=True, slots=True)
class _PackIndex:
    files: dict[str, tuple[int, int, int, str]]
    scanned: int
    shards: list[str]  # entries of the "pack" kind, each a dict of some claims


_PACK_SHARDS = 64  # by claims key: a rebuild writes again only the shards that changed


def _load_pack(bc: BuildCache) -> _Pack | None:
    index = bc.get("state", "pack")
    if not isinstance(index, _PackIndex):
        return None
    claims: dict[str, tuple[ArticleClaims, frozenset[str]]] = {}
    for entry in index.shards:
        shard = bc.get("pack", entry)
        if not isinstance(shard, dict):
            return None
        claims.update(shard)
    return _Pack(claims, index.files, index.scanned)


def _save_pack(
    bc: BuildCache,
    slim: list[ArticleClaims],
    claims_keys: dict[int, str],
    orgs_of: dict[int, frozenset[str]],
    paths: dict[str, str],
    scanned: int,
) -> set[str]:
    """Keep this build's claims for the next; return the pack entries in use."""
    from kg.cache import key

    shards: list[dict[str, tuple[ArticleClaims, frozenset[str]]]] = [
        {} for _ in range(_PACK_SHARDS)
    ]
    for ac in slim:
        k = claims_keys[id(ac)]
        shards[int(k[:4], 16) % _PACK_SHARDS][k] = (ac, orgs_of[id(ac)])
    entries = []
    for shard in shards:  # named by what they hold: claims keys are content hashes
        entry = key("pack", *sorted(shard))
        if not bc.has("pack", entry):
            bc.put("pack", entry, shard)
        entries.append(entry)
    files = {}
    for k, path in paths.items():
        with contextlib.suppress(OSError):
            st = os.stat(path)
            files[path] = (st.st_size, st.st_mtime_ns, st.st_ino, k)
    bc.put("state", "pack", _PackIndex(files, scanned, entries))
    return set(entries)


def _known(task: _ReadTask, pack: _Pack) -> _Extracted | None:
    """The claims of an unchanged file from the last build's pack, without a worker.

    A file whose size, modification time and inode are those recorded, and
    that was last modified well before that build began reading, is taken as
    unchanged (as git does); any other is read and hashed.
    """
    path = Path(task.path)
    seen = pack.files.get(task.path)
    if seen is not None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        size, mtime, inode, key = seen
        if (st.st_size, st.st_mtime_ns, st.st_ino) == (size, mtime, inode) and (
            mtime < pack.scanned - 2_000_000_000 and key in pack.claims
        ):
            slim, orgs = pack.claims[key]
            return _Extracted(key, slim, orgs, True)
    data = _regular_file_bytes(path, task.max_bytes)
    if data is None:
        return None
    key = task.cache.claims_key(path.name, hashlib.sha256(data).hexdigest())
    hit = pack.claims.get(key)
    return None if hit is None else _Extracted(key, hit[0], hit[1], True)


def _entries(corpus: Path) -> list[tuple[Path, str] | IngestError]:
    """The files of the corpus as (path, name in the corpus), and the folders that
    could not be listed, in the order and with the names ``read_corpus`` uses."""
    out: list[tuple[Path, str] | IngestError] = []
    for path, error in corpus_entries(corpus):
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


_NO_SPAN = Span(0, 0)


def _slim(ac: ArticleClaims) -> ArticleClaims:
    """What resolution reads: the people, roles, reports and quote speakers, without
    the article's text, its mentions, its assessments or any span (rendering reads
    the whole claims from the cache). Small, and quick to pickle 100,000 of."""
    no = _NO_SPAN
    return replace(
        ac,
        article=replace(ac.article, text="", body=(), clutter=()),
        organizations=(),
        people=tuple(replace(p, span=no, evidence=no) for p in ac.people),
        roles=tuple(replace(r, evidence=no) for r in ac.roles),
        reports=tuple(replace(r, evidence=no) for r in ac.reports),
        quotes=tuple(replace(q, text="", span=no, evidence=no, parts=()) for q in ac.quotes),
        grades=(),
        findings=(),
        figures=(),
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
    path: str  # the article's file, to extract again if its cached claims are damaged
    max_bytes: int


class _Sink:
    """Stands in for the rdflib Graph ``add_article`` fills: it only collects the triples."""

    __slots__ = ("triples",)

    def __init__(self) -> None:
        self.triples: list[tuple[Node, Node, Node]] = []

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        self.triples.append(triple)


@dataclass(frozen=True, slots=True)
class _Run:
    """An article's graph, written: its bodies in each format (the union formats:
    its local triples; TriG: the named graph), and how many triples they hold."""

    bodies: dict[str, bytes]
    local: int
    total: int
    shared: _Shared


@dataclass(frozen=True, slots=True)
class _Shared:
    """What the shared section and the default graph need of an article's graph."""

    keys: list[TripleKey]  # its triples that are not local (people, reports, ...)
    default: bytes  # TriG: its provenance in the default graph
    default_count: int
    total: int  # triples in its named graph


def _render_keys(
    claims: ArticleClaims, resolved: Resolved
) -> tuple[list[TripleKey], list[TripleKey]]:
    """An article's graph and its provenance in the default graph, as sorted keys."""
    from kg.graph import add_article, add_provenance

    graph, default = _Sink(), _Sink()
    add_article(cast(Graph, graph), claims, resolved)
    add_provenance(cast(Graph, default), claims)
    return _sorted_keys(graph.triples), _sorted_keys(default.triples)


def _render(task: _RenderTask) -> tuple[int, _Shared]:
    """Render one article's graph and keep it, written, in the cache; return 1 if its
    claims had to be extracted again (else 0), and what the shared section needs."""

    again, run = _render_run(task)
    task.cache.put("runs", task.run_key, run)
    return again, run.shared


def _render_run(task: _RenderTask) -> tuple[int, _Run]:
    from kg.export import graph_bodies

    claims, again = _claims(task.cache, task.claims_key, task.path, task.max_bytes)
    keys, provenance = _render_keys(claims, task.resolved)
    g = graph_bodies(str(_graph_iri(claims.article.id)), keys, provenance)
    shared = _Shared(g.shared, g.default, len(provenance), g.total)
    return int(again), _Run(g.bodies, g.local, g.total, shared)


def _claims(bc: BuildCache, key: str, path: str, max_bytes: int) -> tuple[ArticleClaims, bool]:
    """An article's cached claims, or, if the entry is gone or damaged, its claims
    extracted again (and cached); and whether they were."""
    try:
        claims = bc.load("claims", key)
        if isinstance(claims, ArticleClaims):
            return claims, False
    except Exception:
        pass
    claims = extract_article(read_article(Path(path), max_bytes))
    bc.put("claims", key, claims)
    return claims, True


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


# --- step 4: assemble -------------------------------------------------------------------


def _graph_iri(article_id: str) -> URIRef:
    from kg.vocab import graph_iri

    return graph_iri(article_id)


def _build_run_keys(resolved: Resolved) -> list[TripleKey]:
    """The default graph's triples about the build run (``kg.graph.add_build_run``)."""
    from kg.graph import add_build_run

    sink = _Sink()
    add_build_run(cast(Graph, sink), resolved)
    return _sorted_keys(sink.triples)


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


_UNION_FORMATS = tuple(f for f in FORMATS if f not in _QUAD_FORMATS)


@dataclass(frozen=True, slots=True)
class _Bucket:
    """One bucket of the shared section, written in the union formats."""

    bodies: dict[str, bytes]
    size: int  # distinct triples


@dataclass(frozen=True, slots=True)
class _State:
    """What a build wrote, for the next one to start from (``OUT/.cache/state``)."""

    version: str  # kg.cache.render_version() of the build
    runs: dict[str, str]  # graph IRI -> run key
    defaults: dict[str, tuple[bytes, int]]  # graph IRI -> its TriG default body, count
    totals: dict[str, int]  # run key -> triples in its named graph
    build: list[TripleKey]  # the build run's triples
    buckets: list[str]  # bucket -> its entry in "buckets" and "counts"
    store: str  # the folder OUT/store pointed to, or ""
    triples: int  # quads in all the graphs
    # format -> the export file's identity (size, mtime_ns, inode) and where each
    # body (by bucket entry or run key) is in it, to copy them from there
    exports: dict[str, tuple[tuple[int, int, int], dict[str, tuple[int, int]]]]


@dataclass
class _StoreDelta:
    """How the store of the last build becomes this build's (``kg.store.update_store``)."""

    drop: list[str] = field(default_factory=list)  # named graphs to drop
    add: list[str] = field(default_factory=list)  # run keys whose graphs to add
    remove_runs: list[str] = field(default_factory=list)  # run keys whose local triples go
    shared_removed: list[TripleKey] = field(default_factory=list)
    shared_added: list[TripleKey] = field(default_factory=list)


class _Assembly:
    """The exports of the whole graph: the shared section, then each article's bodies.

    The union formats hold the shared triples (the build run, the reference
    data, and every triple not local to its article: people, reports,
    judgements) in ``SHARED_BUCKETS`` buckets by subject, then each article's
    local body, by graph IRI; TriG holds the default graph, then every named
    graph by IRI (``kg.export.Canonical``). Each bucket keeps in the cache how
    many graphs state each of its triples, so a rebuild counts in and out the
    triples of the articles that changed and writes again only the buckets they
    touch; every other body is copied from the cache as it is.
    """

    def __init__(
        self,
        work: Path,
        bc: BuildCache,
        load: Callable[[str], _Run],
        runs: list[tuple[str, str]],
        build: list[TripleKey],
        previous: _State | None,
    ) -> None:
        from kg.vocab import reference_graph_iri

        self.work, self.bc, self.load, self.runs = work, bc, load, runs
        self.build, self.previous = build, previous
        self.reference_iri = str(reference_graph_iri())
        self.defaults: dict[str, tuple[bytes, int]] = {}
        self.totals: dict[str, int] = {}
        self.buckets: list[str] = []
        self.spans: dict[str, dict[str, tuple[int, int]]] = {}
        self.delta: _StoreDelta | None = None  # set by an incremental assembly
        self.iri_of = {rkey: iri for iri, rkey in runs}
        self.count = 0  # quads written
        self.offered: dict[str, _Shared] = {}
        if previous is None:
            self._start()

    def offer(self, rkey: str, shared: _Shared) -> None:
        """The shared triples of a run just rendered: counted at once when the build
        starts from nothing, kept for ``prepare`` when it starts from the last."""
        if self.previous is None:
            self._add_run(rkey, shared)
        else:
            self.offered[rkey] = shared

    def _shared(self, rkey: str) -> _Shared:
        return self.offered.get(rkey) or self.load(rkey).shared

    def prepare(self) -> None:
        """Fill the shared buckets: counted again from the last build where possible."""
        if self.previous is not None:
            try:
                self._update(self.previous)
                return
            except _Stale:
                self._start()
                for rkey, shared in self.offered.items():
                    self._add_run(rkey, shared)
        self.delta = None
        self._fill()

    def _start(self) -> None:
        """Start counting every bucket afresh: the build run and the reference data."""
        from kg.export import SHARED_BUCKETS

        self.lists: list[list[TripleKey]] = [[] for _ in range(SHARED_BUCKETS)]
        self.spills = self.work / "buckets"
        self.spills.mkdir(exist_ok=True)
        self.held = 0
        self.added: set[str] = set()
        self.defaults, self.totals = {}, {}
        self._add(self.build)
        self._add(_reference_keys())

    def _add(self, keys: list[TripleKey]) -> None:
        from kg.export import bucket_of

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

    def _add_run(self, rkey: str, shared: _Shared) -> None:
        if rkey in self.added:
            return
        self.added.add(rkey)
        self.totals[rkey] = shared.total
        self.defaults[self.iri_of[rkey]] = (shared.default, shared.default_count)
        self._add(shared.keys)

    def _fill(self) -> None:
        """Every bucket from every article's shared triples, spilled to ``work``."""
        for _, rkey in self.runs:
            if rkey not in self.added:
                self._add_run(rkey, self._shared(rkey))
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

    def _update(self, previous: _State) -> None:
        """The buckets of the last build, with the changed articles counted out and in."""
        from kg.export import bucket_of

        now = dict(self.runs)
        delta = _StoreDelta()
        counts: dict[TripleKey, int] = {}

        def count(keys: Iterable[TripleKey], by: int) -> None:
            for k in keys:
                counts[k] = counts.get(k, 0) + by

        self.defaults = dict(previous.defaults)
        self.totals = dict(previous.totals)
        for iri, rkey in previous.runs.items():
            if now.get(iri) != rkey:
                count(self.load_previous("runs", rkey).shared.keys, -1)
                delta.drop.append(iri)
                delta.remove_runs.append(rkey)
                del self.defaults[iri]
        for iri, rkey in self.runs:
            if previous.runs.get(iri) != rkey:
                shared = self._shared(rkey)
                count(shared.keys, +1)
                self.defaults[iri] = (shared.default, shared.default_count)
                self.totals[rkey] = shared.total
                delta.add.append(rkey)
        count(previous.build, -1)
        count(self.build, +1)
        by_bucket: dict[int, list[tuple[TripleKey, int]]] = {}
        for k, n in counts.items():
            if n:
                by_bucket.setdefault(bucket_of(k[0]), []).append((k, n))
        self.buckets = list(previous.buckets)
        for b, changes in sorted(by_bucket.items()):
            old: dict[TripleKey, int] = self.load_previous("counts", previous.buckets[b])
            new = dict(old)
            for k, n in changes:
                left = new.get(k, 0) + n
                if left < 0:
                    raise _Stale
                if left:
                    new[k] = left
                else:
                    new.pop(k, None)
                if k in old and k not in new:
                    delta.shared_removed.append(k)
                elif k in new and k not in old:
                    delta.shared_added.append(k)
            self.buckets[b] = self._put_bucket(b, new)
        self.delta = delta

    def load_previous(self, kind: str, key: str) -> Any:
        """An entry the last build kept; raises _Stale if it is gone or damaged."""
        try:
            return self.bc.load(kind, key)
        except Exception:  # the last build's entries are gone or damaged: start afresh
            raise _Stale from None

    def _put_bucket(self, b: int, counts: dict[TripleKey, int]) -> str:
        from kg.cache import key, render_version
        from kg.export import union_bodies

        keys = sorted(counts)
        digest = hashlib.sha256(pickle.dumps([(k, counts[k]) for k in keys])).hexdigest()
        entry = key("bucket", render_version(), str(b), digest)
        if not self.bc.has("counts", entry) or not self.bc.has("buckets", entry):
            bodies = union_bodies(keys, _UNION_FORMATS) if keys else {}
            self.bc.put("buckets", entry, _Bucket(bodies, len(keys)))
            self.bc.put("counts", entry, counts)
        return entry

    def write(self, files: dict[str, Any], out: Path, kept: Iterable[str]) -> int:
        """Write every export into its ``kg.export.StagedWriter``; return the quad count.

        A body the last build wrote into ``OUT/graph.<format>`` is copied from
        there (the file is checked to be the one it wrote); any other comes
        from the cache. Where each body lands is kept in ``spans`` for the
        formats in ``kept`` (the ones put in ``out``).
        """
        with contextlib.ExitStack() as stack:
            old = {fmt: stack.enter_context(_OldExport(self.previous, out, fmt)) for fmt in files}
            self.count = self._write(files, old, set(kept))
            for w in files.values():
                w.settle()
            return self.count

    def _write(self, files: dict[str, Any], old: dict[str, _OldExport], kept: set[str]) -> int:
        from kg.export import Sections

        self.spans = {fmt: {} for fmt in files if fmt in kept}
        union = {fmt: w for fmt, w in files.items() if not w.sections.quads}
        quads = {fmt: w for fmt, w in files.items() if w.sections.quads}

        def put(fmt: str, key: str, body: bytes) -> None:
            span = files[fmt].write(body)
            if fmt in self.spans:
                self.spans[fmt][key] = span

        def copied(fmt: str, key: str) -> bool:
            """The body of ``key`` copied from the last build's file, if it can be."""
            found = old[fmt].span(key)
            if found is None:
                return False
            span = files[fmt].copy(old[fmt].fd, *found)
            if fmt in self.spans:
                self.spans[fmt][key] = span
            return True

        for entry in self.buckets:
            bucket: _Bucket | None = None
            for fmt in union:
                if not copied(fmt, entry):
                    bucket = bucket or self.load_previous("buckets", entry)
                    put(fmt, entry, bucket.bodies.get(fmt, b""))
        reference = _reference_keys()
        count = len(self.build) + len(reference)
        build_body = Sections("trig").body(self.build, "", check=True)
        for w in quads.values():
            w.write(build_body)
        for iri, _ in self.runs:
            body, n = self.defaults[iri]
            count += n
            for w in quads.values():
                w.write(body)
        pending_reference = True
        for iri, rkey in self.runs:
            if pending_reference and iri > self.reference_iri:
                self._write_reference(quads)
                pending_reference = False
            run: _Run | None = None
            for fmt in files:
                if not copied(fmt, rkey):
                    run = run or self.load(rkey)
                    put(fmt, rkey, run.bodies[fmt])
            count += self.totals[rkey]
        if pending_reference:
            self._write_reference(quads)
        return count

    def _write_reference(self, quads: dict[str, Any]) -> None:
        for w in quads.values():
            w.write(_reference_body(w.sections.fmt))

    def state(self, store: str, out: Path) -> _State:
        """This build's state, once its files are in ``out``."""
        from kg.cache import render_version

        exports = {}
        for fmt, spans in self.spans.items():
            with contextlib.suppress(OSError):
                exports[fmt] = (_identity(out / f"graph.{fmt}"), spans)
        runs = dict(self.runs)
        totals = {rkey: self.totals[rkey] for rkey in runs.values()}
        return _State(
            render_version(),
            runs,
            self.defaults,
            totals,
            self.build,
            self.buckets,
            store,
            self.count,
            exports,
        )

    def up_to_date(self, out: Path, formats: tuple[str, ...], store: bool, html: bool) -> bool:
        """Whether the last build wrote exactly this graph and its files in ``out`` are
        still the ones it wrote: then there is nothing to write."""
        p, d = self.previous, self.delta
        if p is None or d is None or d.drop or d.add or d.shared_removed or d.shared_added:
            return False
        if self.build != p.build:
            return False
        for fmt in formats:
            try:
                if fmt not in p.exports or _identity(out / f"graph.{fmt}") != p.exports[fmt][0]:
                    return False
            except OSError:
                return False
        link = out / "store"
        if store and not (
            p.store and link.is_symlink() and os.readlink(link) == p.store and _is_store(link)
        ):
            return False
        return not (
            html and len(self.runs) <= HTML_MAX_ARTICLES and not (out / "graph.html").is_file()
        )

    def sample(
        self,
        article_ids: set[str],
        keys_of: Callable[[str], tuple[list[TripleKey], list[TripleKey]]],
    ) -> list[tuple[TripleKey, str]]:
        """Quads (key, graph IRI; "" for the default graph) of the reference graph,
        the given articles' graphs and provenance (``keys_of(article id)``) and
        the build run's."""
        out: list[tuple[TripleKey, str]] = [(k, "") for k in self.build]
        out += [(k, self.reference_iri) for k in _reference_keys()]
        for a in sorted(article_ids):
            keys, provenance = keys_of(a)
            iri = str(_graph_iri(a))
            out += [(k, iri) for k in keys] + [(k, "") for k in provenance]
        return out


class _OldExport:
    """The export a previous build wrote, to copy its bodies from, if it is still the
    file that build wrote (same size, modification time and inode)."""

    def __init__(self, previous: _State | None, out: Path, fmt: str) -> None:
        self.fd: int | None = None
        self.spans: dict[str, tuple[int, int]] = {}
        self.size = 0
        if previous is None or fmt not in previous.exports:
            return
        identity, spans = previous.exports[fmt]
        try:
            fd = os.open(out / f"graph.{fmt}", os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return
        st = os.fstat(fd)
        if (st.st_size, st.st_mtime_ns, st.st_ino) != identity:
            os.close(fd)
            return
        self.fd, self.spans, self.size = fd, spans, st.st_size

    def span(self, key: str) -> tuple[int, int] | None:
        """Where the body of ``key`` is in the file (offset, length), if it is there."""
        span = self.spans.get(key)
        if span is None or self.fd is None or span[0] + span[1] > self.size:
            return None
        return span

    def __enter__(self) -> _OldExport:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _is_store(path: Path) -> bool:
    from kg.store import is_store

    return is_store(path)


def _identity(path: Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_ino


class _Stale(Exception):
    """The last build's state cannot be built on: assemble from scratch."""


@functools.cache
def _reference_body(fmt: str) -> bytes:
    from kg.export import Sections
    from kg.vocab import reference_graph_iri

    return Sections(fmt).body(_reference_keys(), str(reference_graph_iri()), check=True)


def _validation_sample(
    resolved: Resolved,
    rendered: set[str] | None = None,
    runs: list[tuple[str, str]] | None = None,
) -> set[str] | None:
    """All articles (None) for a small corpus, else a stable sample of ids: of all
    articles, or of those whose runs are in ``rendered`` (a rebuild: the others
    passed the same check when they were drawn)."""
    ids = [ac.article.id for ac in resolved.claims]
    if len(ids) <= VALIDATE_ALL_UP_TO:
        return None
    if rendered is not None and runs is not None:
        fresh = {iri for iri, rkey in runs if rkey in rendered}
        ids = [a for a in ids if str(_graph_iri(a)) in fresh]
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


def _open_stage(final: Path) -> Any:
    from kg.export import StagedWriter

    return StagedWriter(final, final.suffix.lstrip("."))


def _draw(trig: Path, articles: int, work: Path, notes: list[str]) -> Path | None:
    """``graph.html`` of a corpus small enough to draw whole, written in ``work``."""
    if articles > HTML_MAX_ARTICLES:
        notes.append(
            f"graph.html not drawn: {articles} articles is over {HTML_MAX_ARTICLES}; "
            "draw part of the graph with `kg viz --focus`"
        )
        return None
    from kg.viz import write_html

    ds = Dataset()
    ds.parse(trig, format="trig")
    return write_html(ds, work / "graph.html")


def _write_store(quads: str, union: str, target: str) -> str:
    """The query store of the TriG file ``quads`` and the union ``union`` (N-Triples),
    written at ``target`` (in a worker)."""
    from kg.store import write_store_files

    return str(write_store_files(Path(quads), Path(union), Path(target)))


def _store_in_background(ex: Executor, quads: str, union: str, target: str) -> Future[str]:
    """``_write_store`` in a new interpreter of its own, beside this process.

    Not a forked worker: RocksDB's threads do not survive a fork, so a worker
    forked from a process that has opened a store (a test run, a server) hangs
    in it; and not ``multiprocessing``'s spawn, which re-runs the caller's main
    script. A serial build writes the store here.
    """
    if ex.jobs <= 1:
        return SerialExecutor().submit(_write_store, quads, union, target)
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)  # import this kg, not another
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    proc = subprocess.Popen(
        [sys.executable, "-c", _STORE_CHILD, quads, union, target],
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


_STORE_CHILD = "import sys; from kg.build import _write_store; _write_store(*sys.argv[1:4])"


def _store_update(
    ex: Executor, out: Path, work: Path, asm: _Assembly, previous: _State | None
) -> Future[str] | None:
    """Start making ``work/store`` from the last build's store with what changed applied,
    beside this process, if that store is the one the last state names; else None."""
    if importlib.util.find_spec("kg.store") is None:
        return None
    link = out / "store"
    delta = asm.delta
    if not (
        delta is not None
        and previous is not None
        and previous.store
        and link.is_symlink()
        and os.readlink(link) == previous.store
    ):
        return None
    files = _delta_files(work, asm, delta)
    return ex.submit(_update_store, str(link), str(work / "store"), delta.drop, files)


def _store_new(ex: Executor, work: Path, temp: dict[str, Path]) -> Future[str] | None:
    """Start writing a new ``work/store`` from the TriG and N-Triples files."""
    if importlib.util.find_spec("kg.store") is None:
        return None
    for fmt in ("trig", "nt"):  # named so that the store knows their format
        (work / f"store-input.{fmt}").symlink_to(temp[fmt].resolve())
    return _store_in_background(
        ex, str(work / "store-input.trig"), str(work / "store-input.nt"), str(work / "store")
    )


def _delta_files(work: Path, asm: _Assembly, delta: _StoreDelta) -> tuple[str, str, str]:
    """The changed graphs (TriG) and the triples leaving and joining the union
    (N-Triples), as files in ``work``."""
    from kg.export import Sections, StagedWriter

    paths = (work / "delta-add.trig", work / "delta-remove.nt", work / "delta-add.nt")
    writers = [StagedWriter(p, p.suffix.lstrip(".")) for p in paths]
    try:
        add, remove, union_add = writers
        for rkey in delta.add:
            run: _Run = asm.load(rkey)
            add.write(run.bodies["trig"])
            union_add.write(run.bodies["nt"])
        for rkey in delta.remove_runs:
            old: _Run = asm.load_previous("runs", rkey)  # counted out already: it is there
            remove.write(old.bodies["nt"])
        nt = Sections("nt")
        remove.write(nt.body(delta.shared_removed))
        union_add.write(nt.body(delta.shared_added))
        for w, p in zip(writers, paths, strict=True):
            os.replace(w.close().temp, p)
    except BaseException:
        for w in writers:
            w.discard()
        raise
    return str(paths[0]), str(paths[1]), str(paths[2])


def _update_store(previous: str, target: str, drop: list[str], files: tuple[str, str, str]) -> str:
    from kg.store import update_store

    add, remove, union_add = (Path(f) for f in files)
    update_store(
        Path(previous),
        Path(target),
        drop_graphs=drop,
        add_quads=add,
        union_remove=remove,
        union_add=union_add,
    )
    return target


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
    from kg.export import commit

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
