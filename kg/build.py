"""``kg build``: a corpus folder -> the graph and its exports.

    read -> extract -> resolve -> render -> assemble -> check -> publish

``_build`` is that line, a step a paragraph. ``kg.pipeline`` does the same in
memory, in one process, with nothing kept; this is the same work spread over
worker processes (``jobs``, or any ``kg.executor.Executor``) with memory flat
as the corpus grows, redoing only what changed since the last build
(``kg.incremental``), and whatever it reused its files are byte for byte the
ones ``kg.pipeline.write`` writes (``tests/test_pipeline.py``).

Nothing in ``OUT`` changes until every file is written and checked: the files
are staged beside their destination and renamed at the end; the store is
written in a folder of its own and swapped in by one rename of a link.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg import corrections
from kg import store as kgstore
from kg.cache import CACHE_DIR, BuildCache, code_version
from kg.errors import ExportError, InputError
from kg.executor import Executor, make_executor
from kg.export import Sections, StagedWriter, commit, split_local
from kg.formats import DEFAULT_FORMATS, export_file, format_name
from kg.graph import build_run, corrections_graph
from kg.incremental import reuse, scratch
from kg.incremental.assemble import Assembly, State
from kg.incremental.render import (
    Rendered,
    RenderTask,
    Run,
    render,
    rendered,
    slice_bytes,
    slice_of,
)
from kg.ingest import DEFAULT_MAX_BYTES, corpus_entries
from kg.model import Correction, IngestError, Resolved, TripleKey
from kg.resolve import resolve

if TYPE_CHECKING:
    from kg.validate import Violation

FORMATS = DEFAULT_FORMATS
HTML_MAX_ARTICLES = 2000

# Progress: (step, done, total); steps "extract" and "render".
Progress = Callable[[str, int, int], None]


@dataclass
class BuildResult:
    read: int = 0
    skipped: list[IngestError] = field(default_factory=list)
    left_out: list[Violation] = field(default_factory=list)  # what the shapes refused
    read_notes: list[tuple[str, str]] = field(default_factory=list)  # (file, what ingest did)
    stale: list[Correction] = field(default_factory=list)  # corrections that match nothing
    facts: dict[str, int] = field(default_factory=dict)
    outputs: dict[str, Path] = field(default_factory=dict)
    triples: int = 0
    extracted: int = 0  # articles extracted afresh; the others came from the cache
    rendered: int = 0  # articles whose graph was rendered afresh
    validated: int = 0  # articles whose graphs the shape check saw
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step

    def summary(self) -> str:
        facts = ", ".join(f"{n} {k}" for k, n in self.facts.items())
        return (
            f"read {self.read} articles, skipped {len(self.skipped)}; "
            f"extracted {facts}; {self.triples} triples"
        )


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
    follow_links: bool = False,
    use_corrections: bool = True,
) -> BuildResult:
    """Read ``corpus``, extract, resolve, render, check and write into ``out``.

    Unreadable files are skipped and listed in the result (``skipped``); the
    claims of an article that the shapes refuse are left out and listed
    (``left_out``). ``jobs`` worker processes do the per-article work
    (default: every core; 1: all in this process), or ``executor`` does.
    ``cache=False`` neither reads nor keeps ``OUT/.cache``; ``full=True``
    ignores what it holds and refills it. A symbolic link that leads out of the
    corpus folder is refused without being opened, unless ``follow_links``. The
    corrections in ``CORPUS/corrections.yaml`` are applied unless not
    ``use_corrections``; those that match nothing are listed (``stale``).
    """
    formats = tuple(dict.fromkeys(format_name(f) for f in formats))
    files = _files(corpus, follow_links)  # raises InputError for a missing folder
    # a malformed corrections file ends the build before anything is written
    fixes = corrections.load(corrections.file_of(corpus)) if use_corrections else corrections.NONE
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportError(f"{out}: cannot create the folder: {e.strerror or e}") from e
    _warm_up(validate)
    work = scratch.make(out)
    bc = BuildCache(out / CACHE_DIR if cache else work / "cache", read=cache and not full)
    with scratch.terminate_as_exit():
        ex = executor or make_executor(jobs)
        job = _Job(corpus, out, work, bc, ex, formats, validate, html, store, max_bytes,
                   on_article, progress, fixes)  # fmt: skip
        try:
            keep = _build(job, files)
            if cache:
                bc.prune(keep)
            return job.result
        finally:
            if executor is None:
                ex.close()
            job.close()
            shutil.rmtree(work, ignore_errors=True)


@dataclass
class _Job:
    corpus: Path
    out: Path
    work: Path
    bc: BuildCache
    ex: Executor
    formats: tuple[str, ...]
    validate: bool
    html: bool
    store: bool
    max_bytes: int
    on_article: Callable[[str], None] | None
    progress: Progress | None
    corrections: corrections.Corrections
    result: BuildResult = field(default_factory=BuildResult)
    asm: Assembly | None = None

    def __post_init__(self) -> None:
        self.clock = _Clock(self.result.timings)

    def close(self) -> None:
        if self.asm is not None:
            self.asm.close()


def _build(job: _Job, files: reuse.Files) -> dict[str, set[str]]:
    """The build, step by step; returns the cache entries to keep."""
    result = job.result

    # read and extract: each file's claims, from the last build's pack when the file
    # is unchanged, else read and extracted by the workers
    corpus = reuse.read_and_extract(
        files, job.bc, job.ex, job.max_bytes, job.on_article, job.progress
    )
    result.read, result.skipped, result.extracted = (
        len(corpus.articles), corpus.skipped, corpus.extracted
    )  # fmt: skip
    if not corpus.articles:
        raise InputError(f"{job.corpus}: no article to build a graph of" + _why(corpus.skipped))
    result.read_notes = [
        (e.claims.article.file_name, note)
        for e in corpus.articles.values()
        for note in e.claims.article.notes
    ]
    job.clock.lap("extract")

    # resolve: one person, one report across the corpus; then a person's corrections
    # (CORPUS/corrections.yaml) to what resolution found
    extracted = resolve(corpus.claims)
    resolved = corrections.resolve(extracted, job.corrections)
    touched = corrections.touching(resolved, job.corrections)
    result.facts = _facts(corpus, resolved)
    job.clock.lap("resolve")

    # render: each changed article's graph, corrected, checked against the shapes and
    # written in every format, by the workers; the others keep the last build's
    previous = _previous(job)
    asm = job.asm = _render(job, corpus, resolved, previous, touched)
    job.clock.lap("render")

    # assemble: the shared section counted (again, for what changed), then the files
    # written part by part in the work folder, the store beside them
    asm.prepare()
    applied = {m for ids in asm.matched.values() for m in ids}
    result.stale = corrections.unmatched(extracted, job.corrections, applied)
    job.clock.lap("merge")
    keep = _entries_to_keep(job, corpus, asm)
    if asm.up_to_date(job.out, job.store, job.html, HTML_MAX_ARTICLES) and previous:
        result.triples = previous.triples
        result.outputs = _existing_outputs(job)
        result.notes.append("nothing changed since the last build; the files are as it left them")
        _report_left_out(job, asm)
        return keep
    staged, storing, page = _assemble(job, asm, resolved)
    try:
        # check: what the shapes refused (in each article checked as it was rendered)
        _report_left_out(job, asm)

        # publish: every file renamed into place, the store swapped in, the state kept
        _publish(job, asm, staged, storing, page)
    except BaseException:
        for w in staged:
            w.discard()
        raise
    return keep


def _files(corpus: Path, follow_links: bool) -> reuse.Files:
    """The files of the corpus as (path, name in the corpus), and the folders that could
    not be listed, in the order and with the names ``kg.ingest.read_corpus`` uses."""
    out: reuse.Files = []
    for path, error in corpus_entries(corpus, follow_links=follow_links):
        if path is not None:
            out.append((path, _relative(path, corpus)))
        elif error is not None:
            out.append(error)
    return out


def _why(skipped: list[IngestError]) -> str:
    """Why a corpus gave no article: the files that could not be read, the first few named."""
    if not skipped:
        return " (no files)"
    named = "; ".join(f"{e.file_name}: {e.reason}" for e in skipped[:3])
    more = f"; and {len(skipped) - 3} more" if len(skipped) > 3 else ""
    files = "1 file" if len(skipped) == 1 else f"{len(skipped)} files"
    return f" ({files} could not be read: {named}{more})"


def _relative(path: Path, folder: Path) -> str:
    """``path`` in ``folder`` as a POSIX path that can be printed (no lone surrogates)."""
    try:
        rel = path.relative_to(folder).as_posix() if folder.is_dir() else path.name
    except ValueError:
        rel = path.as_posix()
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _facts(corpus: reuse.Corpus, resolved: Resolved) -> dict[str, int]:
    claims = resolved.claims
    return {
        "people": len(resolved.people),
        "organizations": len(corpus.organizations()),
        "roles": sum(len(ac.roles) for ac in claims),
        "reports": len(resolved.reports),
        "quotes": sum(len(ac.quotes) for ac in claims),
    }


def _previous(job: _Job) -> State | None:
    """The last build's state, if it was made by this code."""
    state = job.bc.get("state", "build")
    return state if isinstance(state, State) and state.version == code_version() else None


def _spooled_formats(job: _Job) -> tuple[str, ...]:
    """The formats written: the user's, and TriG and N-Triples for the store."""
    extra = ("trig", "ntriples") if job.store else ()
    return tuple(dict.fromkeys((*job.formats, *extra)))


def _render(
    job: _Job,
    corpus: reuse.Corpus,
    resolved: Resolved,
    previous: State | None,
    touched: dict[str, tuple[corrections.Entry, ...]],
) -> Assembly:
    """Render the articles whose claims or resolution changed, in the workers, and hand
    each run to the assembly as it comes (in graph order). An article a correction
    touches is corrected in the worker, and its run key names the corrections."""
    from kg.validate import sampled
    from kg.vocab import graph_iri

    formats = _spooled_formats(job)
    checked = sampled(ac.article.id for ac in resolved.claims) if job.validate else set()
    if checked:
        job.result.notes.append(
            f"shape check on a sample of {len(checked)} of {len(resolved.claims)} articles"
        )
    with_keys = job.html and len(resolved.claims) <= HTML_MAX_ARTICLES
    made = set(previous.runs.values()) if previous else set()
    runs: list[tuple[str, str]] = []
    tasks: dict[str, RenderTask] = {}  # run key -> its task, to render it again if need be
    for ac in resolved.claims:
        e = corpus.articles[ac.article.id]
        fixes = touched.get(ac.article.id, ())
        # what the corrections assert names people and reports the extractors did not
        part = slice_of(corrections.apply(ac, fixes, resolved) if fixes else ac, resolved)
        check = job.validate and (checked is None or ac.article.id in checked)
        facts = slice_bytes(part) + (b"checked" if check else b"")
        facts += "".join(f.correction.id for f in fixes).encode()
        rkey = job.bc.run_key(e.key, facts)
        iri = str(graph_iri(ac.article.id))
        runs.append((iri, rkey))
        tasks[rkey] = RenderTask(job.bc, e.key, rkey, part, corpus.paths[e.key], job.max_bytes,
                                 check, formats, with_keys, fixes)  # fmt: skip
    runs.sort()
    result = job.result

    def load(iri: str, rkey: str) -> Rendered:
        """A run this build did not render: from the cache, or rendered again here."""
        try:
            run = job.bc.load("runs", rkey)
            if isinstance(run, Run):
                return rendered(run, rkey, iri, tasks[rkey])
        except Exception:
            pass
        again = render(tasks[rkey])
        result.extracted += again.extracted
        return again

    fixes_graph = corrections_graph(resolved) if resolved.corrections else []
    asm = Assembly(job.work, job.bc, runs, build_run(resolved), previous, formats, load,
                   fixes_graph)  # fmt: skip
    fresh = [tasks[rkey] for _, rkey in runs if rkey not in made and not job.bc.has("runs", rkey)]
    for done, run in enumerate(job.ex.map(render, fresh), 1):
        result.extracted += run.extracted
        asm.offer(run)
        if job.progress:
            job.progress("render", done, len(fresh))
    result.rendered = len(fresh)
    result.validated = sum(t.check for t in fresh)
    return asm


def _entries_to_keep(job: _Job, corpus: reuse.Corpus, asm: Assembly) -> dict[str, set[str]]:
    packed = reuse.save_pack(job.bc, corpus)
    keep = {"claims": set(corpus.paths), "runs": {k for _, k in asm.runs}, "pack": packed}
    keep["buckets"] = keep["counts"] = set(asm.buckets)
    return keep


def _existing_outputs(job: _Job) -> dict[str, Path]:
    outputs = {fmt: export_file(job.out, fmt) for fmt in job.formats}
    outputs.update({n: job.out / n for n in ("store", "graph.html") if (job.out / n).exists()})
    return outputs


def _assemble(
    job: _Job, asm: Assembly, resolved: Resolved
) -> tuple[list[StagedWriter], Future[Path] | None, Path | None]:
    """Write every file in the work folder (the user's formats staged beside their
    destination), the store beside this process, and the page."""
    storing = _update_store(job, asm) if job.store else None
    written = _spooled_formats(job)
    writers = {
        fmt: StagedWriter(export_file(job.out if fmt in job.formats else job.work, fmt), fmt)
        for fmt in written
    }
    try:
        job.result.triples = asm.write(writers, job.out, job.formats)
        for w in writers.values():
            w.close()
        job.clock.lap("export")
        if job.store and storing is None:
            trig, nt = writers["trig"].staged.temp, writers["ntriples"].staged.temp
            storing = _new_store(job, trig, nt)
        page = _draw(job, asm, resolved) if job.html else None
        job.clock.lap("html")
        if storing is not None:
            storing.result()
            job.clock.lap("store")
    except BaseException:
        for w in writers.values():
            w.discard()
        if storing is not None and not storing.cancel():
            with contextlib.suppress(BaseException):
                storing.result()  # let it finish before its folder goes
        raise
    return [w for fmt, w in writers.items() if fmt in job.formats], storing, page


def _new_store(job: _Job, trig: Path, nt: Path) -> Future[Path]:
    """Start writing a new store from the TriG and N-Triples files (named so that the
    store knows their format)."""
    for fmt, path in (("trig", trig), ("nt", nt)):
        (job.work / f"store-input.{fmt}").symlink_to(path.resolve())
    target = job.work / "store"
    args = ["write", str(job.work / "store-input.trig"), str(job.work / "store-input.nt")]
    return kgstore.in_background([*args, str(target)], target, here=job.ex.jobs <= 1)


def _update_store(job: _Job, asm: Assembly) -> Future[Path] | None:
    """Start making the store from the last build's with what changed applied, if that
    store is the one the last state names; else None."""
    previous, delta, link = asm.previous, asm.delta, job.out / "store"
    if not (
        delta is not None
        and previous is not None
        and previous.store
        and link.is_symlink()
        and os.readlink(link) == previous.store
    ):
        return None
    work = job.work
    paths = [
        work / n for n in ("delta-drop.txt", "delta-add.trig", "delta-remove.nt", "delta-add.nt")
    ]
    drop, add, remove, union_add = paths
    try:
        drop.write_text("".join(f"{iri}\n" for iri in delta.drop), encoding="utf-8")
        with open(add, "wb") as a, open(union_add, "wb") as u, open(remove, "wb") as r:
            a.write(Sections("trig").header())
            for rkey in delta.add:
                for fmt, f in (("trig", a), ("ntriples", u)):
                    source = asm.spool.source(fmt, rkey)
                    if source is not None:
                        fd, offset, length = source
                        f.write(os.pread(fd, length, offset))
            nt = Sections("ntriples")
            for iri, rkey in delta.remove_runs:
                old = asm.load_previous("runs", rkey)
                local, _ = split_local(iri, old.keys)
                r.write(nt.body(sorted({*local, *old.provenance})))
            r.write(nt.body(delta.shared_removed))
            u.write(nt.body(delta.shared_added))
    except OSError as e:
        raise ExportError(f"{work}: cannot write: {e.strerror or e}") from e
    target = work / "store"
    args = ["update", str(link), str(target), *map(str, paths)]
    return kgstore.in_background(args, target, here=job.ex.jobs <= 1)


def _draw(job: _Job, asm: Assembly, resolved: Resolved) -> Path | None:
    """``graph.html`` of a corpus small enough to draw whole, written in the work folder."""
    if len(resolved.claims) > HTML_MAX_ARTICLES:
        job.result.notes.append(
            f"graph.html not drawn: {len(resolved.claims)} articles is over "
            f"{HTML_MAX_ARTICLES}; draw part of the graph with `kg viz --focus`"
        )
        return None
    from kg.viz import write_html

    return write_html(_union(asm), job.work / "graph.html")


def _union(asm: Assembly) -> list[TripleKey]:
    """Every triple of the graph, as the network view reads them."""
    from kg.reference import reference_keys

    keys: set[TripleKey] = {*asm.build, *reference_keys(), *asm.corrections}
    for iri, rkey in asm.runs:
        rendered = asm.rendered_keys.get(rkey)
        if rendered is None:
            rendered = asm.load(iri, rkey).keys or []
        keys.update(rendered)
    return sorted(keys)


def _report_left_out(job: _Job, asm: Assembly) -> None:
    found = {v for iri, _ in asm.runs for v in asm.violations.get(iri, ())}
    job.result.left_out = sorted(found, key=lambda v: (v.article or "", v.focus, v.path or ""))


def _publish(
    job: _Job,
    asm: Assembly,
    staged: list[StagedWriter],
    storing: Future[Path] | None,
    page: Path | None,
) -> None:
    """Put everything in place (the renames are not one transaction) and keep the state."""
    out, result = job.out, job.result
    commit([w.staged for w in staged])
    result.outputs.update({fmt: export_file(out, fmt) for fmt in job.formats})
    if storing is not None:
        try:
            result.outputs["store"] = kgstore.swap_dir(job.work / "store", out / "store")
        except OSError as e:
            raise ExportError(
                f"{out / 'store'}: cannot replace the store: {e.strerror or e}"
            ) from e
    if page is not None:
        try:
            os.replace(page, out / "graph.html")
        except OSError as e:
            raise ExportError(f"{out / 'graph.html'}: cannot replace: {e.strerror or e}") from e
        result.outputs["html"] = out / "graph.html"
    stored = result.outputs.get("store")
    job.bc.put("state", "build", asm.state(os.readlink(stored) if stored else "", out))
    job.clock.lap("publish")


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
    from kg.extract import extract_article
    from kg.ingest import parse_article

    extract_article(parse_article("Chief Constable Ann Smith said: “Fine.”\n", "warm.txt", "text"))
    if validate:
        import kg.validate  # noqa: F401  (pySHACL takes a second to import)


__all__ = ["FORMATS", "HTML_MAX_ARTICLES", "BuildResult", "InputError", "build_graph"]
