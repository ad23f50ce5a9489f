"""Step 1 of a build, read and extract, and what a rebuild reuses of it.

An article whose bytes, file name and kg's code are unchanged takes its claims
from the last build: a pack of *slim* claims (no text, spans or assessments:
what resolution needs) in ``OUT/.cache``, found by the file's size,
modification time and inode, as git does, or, when those changed, by the hash
of its bytes. Its whole claims stay in the cache (kind ``claims``), for the
render step to read again. Runs in worker processes: everything here is plain
data or a module-level function.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.cache import BuildCache, extract_version, key
from kg.errors import InputError
from kg.executor import Executor
from kg.extract import extract_article
from kg.ingest import read_article
from kg.model import ArticleClaims, IngestError, Span


@dataclass(frozen=True, slots=True)
class ReadTask:
    path: str
    rel: str  # the path in the corpus folder, as errors name the file
    max_bytes: int
    cache: BuildCache


@dataclass(frozen=True, slots=True)
class Extracted:
    key: str  # claims key in the cache
    claims: ArticleClaims  # without the text: what resolution needs
    orgs: frozenset[str]
    hit: bool


def read_extract(task: ReadTask) -> Extracted | IngestError:
    path = Path(task.path)
    bc = task.cache
    data = _regular_file_bytes(path, task.max_bytes) if bc.read else None
    if data is not None:
        key = bc.claims_key(path.name, hashlib.sha256(data).hexdigest())
        cached = bc.get("claims", key)
        if isinstance(cached, ArticleClaims):
            return Extracted(key, slim(cached), _orgs(cached), True)
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
    return Extracted(key, slim(claims), _orgs(claims), False)


@dataclass(frozen=True, slots=True)
class Pack:
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
    version: str  # kg.cache.extract_version() of the build that made it


_PACK_SHARDS = 64  # by claims key: a rebuild writes again only the shards that changed


def load_pack(bc: BuildCache) -> Pack | None:
    index = bc.get("state", "pack")
    # a pack made by other code is no guide: an unchanged file's claims in it are what
    # that code extracted (its files' keys name that code's version)
    if not isinstance(index, _PackIndex) or getattr(index, "version", None) != extract_version():
        return None
    claims: dict[str, tuple[ArticleClaims, frozenset[str]]] = {}
    for entry in index.shards:
        shard = bc.get("pack", entry)
        if not isinstance(shard, dict):
            return None
        claims.update(shard)
    return Pack(claims, index.files, index.scanned)


@dataclass
class Corpus:
    """What step 1 gives the others: each article read, in file order."""

    articles: dict[str, Extracted] = field(default_factory=dict)  # article id -> it
    paths: dict[str, str] = field(default_factory=dict)  # claims key -> its file
    skipped: list[IngestError] = field(default_factory=list)
    extracted: int = 0  # articles extracted afresh; the others came from the cache
    scanned: int = 0  # time.time_ns() when reading began

    @property
    def claims(self) -> list[ArticleClaims]:
        return [e.claims for e in self.articles.values()]

    def organizations(self) -> set[str]:
        return {o for e in self.articles.values() for o in e.orgs}


Files = list[tuple[Path, str] | IngestError]  # (path, name in the corpus), or a folder's error


def read_and_extract(
    files: Files,
    bc: BuildCache,
    ex: Executor,
    max_bytes: int,
    on_article: Callable[[str], None] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Corpus:
    """Every file's claims: from the last build's pack when the file is unchanged, else
    read and extracted by the workers. As ``kg.ingest.read_corpus``: in path order,
    and a file whose article id an earlier one has is skipped, so that two
    articles never become one."""
    out = Corpus(scanned=time.time_ns())
    tasks = [ReadTask(str(f[0]), f[1], max_bytes, bc) for f in files if isinstance(f, tuple)]
    pack = load_pack(bc)
    reused = [known(t, pack) for t in tasks] if pack else [None] * len(tasks)
    fresh = iter(ex.map(read_extract, [t for t, k in zip(tasks, reused, strict=True) if not k]))
    results = zip(tasks, (k or next(fresh) for k in reused), strict=True)
    firsts: dict[str, str] = {}  # article id -> the file it came from
    for done, entry in enumerate(files, 1):
        if isinstance(entry, IngestError):  # a folder that could not be listed
            item: Extracted | IngestError = entry
            rel = entry.file_name
        else:
            task, item = next(results)
            rel = task.rel
        if isinstance(item, Extracted) and item.claims.article.id in firsts:
            first = firsts[item.claims.article.id]
            item = IngestError(
                rel, f"same article id {item.claims.article.id!r} as {first}; rename one of them"
            )
        if isinstance(item, IngestError):
            out.skipped.append(item)
            name = item.file_name
        else:
            firsts[item.claims.article.id] = rel
            out.articles[item.claims.article.id] = item
            out.paths[item.key] = task.path
            out.extracted += not item.hit
            name = item.claims.article.file_name
        if on_article:
            on_article(name)
        if progress:
            progress("extract", done, len(files))
    return out


def save_pack(bc: BuildCache, corpus: Corpus) -> set[str]:
    """Keep this build's claims for the next; return the pack entries in use."""
    shards: list[dict[str, tuple[ArticleClaims, frozenset[str]]]] = [
        {} for _ in range(_PACK_SHARDS)
    ]
    for e in corpus.articles.values():
        shards[int(e.key[:4], 16) % _PACK_SHARDS][e.key] = (e.claims, e.orgs)
    entries = []
    for shard in shards:  # named by what they hold: claims keys are content hashes
        entry = key("pack", *sorted(shard))
        if not bc.has("pack", entry):
            bc.put("pack", entry, shard)
        entries.append(entry)
    files = {}
    for k, path in corpus.paths.items():
        with contextlib.suppress(OSError):
            st = os.stat(path)
            files[path] = (st.st_size, st.st_mtime_ns, st.st_ino, k)
    bc.put("state", "pack", _PackIndex(files, corpus.scanned, entries, extract_version()))
    return set(entries)


def known(task: ReadTask, pack: Pack) -> Extracted | None:
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
            return Extracted(key, slim, orgs, True)
    data = _regular_file_bytes(path, task.max_bytes)
    if data is None:
        return None
    key = task.cache.claims_key(path.name, hashlib.sha256(data).hexdigest())
    hit = pack.claims.get(key)
    return None if hit is None else Extracted(key, hit[0], hit[1], True)


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


_NO_SPAN = Span(0, 0)


def slim(ac: ArticleClaims) -> ArticleClaims:
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


def full_claims(
    bc: BuildCache, claims_key: str, path: str, max_bytes: int
) -> tuple[ArticleClaims, bool]:
    """An article's whole claims from the cache, or, if the entry is gone or damaged,
    extracted again (and cached); and whether they were."""
    try:
        claims = bc.load("claims", claims_key)
        if isinstance(claims, ArticleClaims):
            return claims, False
    except Exception:
        pass
    claims = extract_article(read_article(Path(path), max_bytes))
    bc.put("claims", claims_key, claims)
    return claims, True
