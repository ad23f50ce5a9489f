"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the graph, and
the worker processes that ``kg query`` and ``kg serve`` run queries in.

Why a small ``http.server`` and not an existing server. Oxigraph's own server
(``oxigraph serve-read-only``) is read-only and has a timeout, but a query that
times out comes back as HTTP 200 with a cut-off body, which a client cannot
tell from a complete answer; it has no result-size limit and would follow
SERVICE. rdflib-endpoint answers any origin with credentials, has no timeout
and its engine (rdflib) is 14-50x slower and reads ``FROM <file:...>``. So
this module speaks the protocol itself (GET and POST, URL-encoded or
``application/sparql-query`` bodies, content negotiation) over
``kg.query.run_query``, on pyoxigraph.

Every query runs in a worker process that the caller can stop:

- screened first: ``kg.query.check_query`` reads the query's syntax tree and
  refuses updates, SERVICE, FROM / FROM NAMED and deep nesting before the
  engine sees it; on Linux (x86-64, arm64) a worker also cannot open a network
  socket at all (a seccomp filter), so a SERVICE that got past the check could
  not call out either;
- bounded in time: the deadline starts when a worker takes the query (time
  spent waiting for one does not count); past it the worker is killed and
  replaced, and the client gets 503 (``kg query``: exit 3), never a partial 200;
- bounded in memory: the worker's resident memory is read every 20 ms and past
  ``max_memory`` (1 GiB by default) it is killed: 503 (``kg query``: exit 3).
  The data segment is also capped by the kernel (``RLIMIT_DATA``) at 1.5 x that
  plus 256 MiB, so no query takes a process past 2 GiB;
- bounded in size: a result past ``max_rows`` rows or ``max_bytes`` bytes of
  values stops as it is read (422);
- consistent: a worker holds one build's store (``kg.store.Snapshot``) for its
  life; after a rebuild new workers open the new store, and once they are
  ready every later request goes to them; a request in flight finishes on the
  store it began with.

The server: ``--workers`` queries (2) may use more than a quarter of a
second of CPU at once; they are lowered in priority (nice 19) and two more workers
stay for short queries, so a light query is answered at once while heavy ones
run. A further query that runs long while ``--workers`` heavy ones do is
stopped with 503 and ``Retry-After``; a query that finds no free worker
within ``queue_wait`` seconds also gets 503. The listen backlog is 128,
connections past 256 are closed, and a connection that sends no complete
request within 10 s, or stops reading an answer for 10 s, is closed.

What it serves: ``/sparql`` (GET and POST, every SPARQL result format and
Turtle, N-Triples, N-Quads, TriG, JSON-LD and RDF/XML for CONSTRUCT and
DESCRIBE; without a query, a SPARQL 1.1 Service Description), ``/`` the query
page (``kg/web``: the ready-made questions, and YASGUI as the editor, all
served from here under a Content-Security-Policy that lets the page load and
ask nothing else), ``/queries`` the ready-made queries as JSON,
``/query/NAME?PARAM=VALUE&format=csv`` one of them run, and ``/graph.html``.

Local: it binds 127.0.0.1 unless told otherwise, sends no CORS headers (so no
other origin's page can read answers), and while bound to loopback answers
only requests with exactly one Host header naming a loopback host (against DNS
rebinding). A request body it does not read (GET, PUT, ...) closes the
connection, and ``Transfer-Encoding`` other than a lone ``chunked`` on POST is
refused, so nothing after a request is ever read as another request.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import multiprocessing
import os
import platform
import re
import resource
import select
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.errors import InputError, KgError, QueryError, UsageError
from kg.query import (
    OX_RDF_FORMATS,
    RDF_FORMATS,
    QueryRefused,
    QueryResult,
    QueryTimeout,
    ResultTooLarge,
    list_queries,
    param_term,
    remember_screened,
    run_query,
    screened_form,
    shipped_query,
)

MAX_BODY = 1 << 20
MAX_MEMORY = 1 << 30  # resident bytes a worker may use, by default
MAX_BYTES = 16 << 20  # bytes of values in one answer of kg serve, by default
HEAVY_AFTER = 0.25  # seconds of CPU: a query that has used more is a heavy one
RESERVE = 2  # workers kept for light queries beyond --workers
MAX_CONNECTIONS = 256
IO_TIMEOUT = 10.0  # seconds a connection may stay silent (idle, reading or not reading)
REQUEST_DEADLINE = 10.0  # seconds to send a whole request line, headers and body
_POLL = 0.02  # seconds between checks of a running worker
_CHUNK = 1 << 20
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


class QueryStopped(QueryError):
    """A query stopped for its memory, or because its worker died."""

    exit_code = 3


class Busy(KgError):
    """No worker could take the query in time."""

    exit_code = 3


# ---------------------------------------------------------------------------
# Content negotiation

# (media type, canonical format): the server's order of preference per answer kind.
_SELECT_TYPES: list[tuple[str, str]] = [
    ("application/sparql-results+json", "sparql-json"),
    ("application/sparql-results+xml", "sparql-xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "sparql-tsv"),
    ("application/json", "sparql-json"),
    ("application/xml", "sparql-xml"),
    ("text/xml", "sparql-xml"),
    ("application/javascript", "sparql-json"),
    ("text/javascript", "sparql-json"),
]
# CSV and TSV have no form for a boolean (SPARQL 1.1 Query Results CSV and TSV):
# an ASK that accepts only them gets 406.
_ASK_TYPES = [t for t in _SELECT_TYPES if t[1] in ("sparql-json", "sparql-xml")]
_GRAPH_TYPES: list[tuple[str, str]] = [
    ("text/turtle", "turtle"),
    ("application/n-triples", "ntriples"),
    ("application/rdf+xml", "rdfxml"),
    ("application/ld+json", "jsonld"),
    ("application/n-quads", "nquads"),
    ("application/trig", "trig"),
    ("application/turtle", "turtle"),
    ("application/x-turtle", "turtle"),
    ("text/n3", "turtle"),  # Turtle is N3
    ("text/rdf+n3", "turtle"),
    ("application/n3", "turtle"),
    ("text/plain", "ntriples"),
    ("application/x-json+ld", "jsonld"),
    ("application/xml", "rdfxml"),
    ("text/xml", "rdfxml"),
    ("application/json", "jsonld"),
]
#: The media type each canonical format is sent as.
MEDIA_TYPES: dict[str, str] = {
    "sparql-json": "application/sparql-results+json",
    "sparql-xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "sparql-tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
    "nquads": "application/n-quads",
    "trig": "application/trig",
}
# Types a client may ask for that are sent under their registered name.
_SENT_AS = {
    "application/javascript": "application/sparql-results+json",
    "text/javascript": "application/sparql-results+json",
    "application/turtle": "text/turtle",
    "application/x-turtle": "text/turtle",
    "text/n3": "text/turtle",
    "text/rdf+n3": "text/turtle",
    "application/n3": "text/turtle",
    "application/x-json+ld": "application/ld+json",
}
# ?format= values (any client's: SPARQLWrapper sends format=json, xml, n3,
# rdf+xml, json-ld, tsv, or a media type), per answer kind.
_RESULT_NAMES = {
    "json": "sparql-json",
    "sparql-json": "sparql-json",
    "srj": "sparql-json",
    "xml": "sparql-xml",
    "sparql-xml": "sparql-xml",
    "srx": "sparql-xml",
    "csv": "csv",
    "tsv": "sparql-tsv",
    "sparql-tsv": "sparql-tsv",
}
_GRAPH_NAMES = {**RDF_FORMATS, "n3": "turtle", "rdf+xml": "rdfxml", "json": "jsonld"}


def offers(kind: str) -> list[tuple[str, str]]:
    """The (media type, format) pairs an answer of this kind can be sent as."""
    return {"graph": _GRAPH_TYPES, "ask": _ASK_TYPES}.get(kind, _SELECT_TYPES)


def _parse_accept(header: str) -> list[tuple[str, float]]:
    out = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        out.append((fields[0].lower(), q))
    return out


def negotiate(accept: str | None, kind: str) -> tuple[str, str] | None:
    """The (media type, render format) to answer with, or None (406).

    No Accept header, or ``*/*``, gives the first offered type (SPARQL JSON
    for SELECT and ASK, Turtle for CONSTRUCT and DESCRIBE).
    """
    offered = offers(kind)
    if not accept or not accept.strip():
        return offered[0]
    ranges = _parse_accept(accept)
    best: tuple[float, int, int] | None = None
    choice = None
    for index, (media, fmt) in enumerate(offered):
        major = media.split("/")[0]
        for rng, q in ranges:
            if q <= 0:
                continue
            if rng == media:
                spec = 3
            elif rng == f"{major}/*":
                spec = 2
            elif rng == "*/*":
                spec = 1
            else:
                continue
            key = (q, spec, -index)
            if best is None or key > best:
                best, choice = key, (media, fmt)
    if choice is None:
        return None
    media, fmt = choice
    return _SENT_AS.get(media, media), fmt


def format_param(values: list[str], kind: str) -> tuple[str, str] | None | bool:
    """The answer format a ``format=`` parameter asks for: (media type, format);
    False if it names only formats of another kind (406); None if it names
    none kg knows (negotiate by Accept instead)."""
    names = _GRAPH_NAMES if kind == "graph" else _RESULT_NAMES
    other = _RESULT_NAMES if kind == "graph" else _GRAPH_NAMES
    wrong = False
    for raw in values:
        value = raw.strip().lower()
        if value in names and (kind != "ask" or names[value] in ("sparql-json", "sparql-xml")):
            return MEDIA_TYPES[names[value]], names[value]
        if "/" in value:
            chosen = negotiate(value, kind)
            if chosen is not None:
                return chosen
        wrong = wrong or value in other or value in names
    return False if wrong else None


# ---------------------------------------------------------------------------
# Replies


@dataclass(frozen=True)
class Reply:
    """What a worker sends back: an HTTP status, a media type and a body."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def _text(status: int, message: str, headers: tuple[tuple[str, str], ...] = ()) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode(), headers)


def answer(
    store: Any,
    text: str,
    accept: str | None,
    max_rows: int | None,
    timeout: float | None = None,
    *,
    params: Mapping[str, str] | None = None,
    fmt: list[str] | None = None,
    max_bytes: int | None = None,
    kg_format: str | None = None,
) -> Reply:
    """Run one query and render it for an HTTP client: a worker's whole job.
    ``params`` are typed as on the command line (``<iri>`` or a string)."""
    try:
        bound = {k: param_term(v) for k, v in (params or {}).items()}
        result: QueryResult = run_query(
            store, text, bound, max_rows=max_rows, timeout=timeout, max_bytes=max_bytes
        )
    except QueryRefused as e:
        return _text(403, str(e))
    except ResultTooLarge as e:
        return _text(422, str(e))
    except QueryTimeout as e:
        return _text(503, str(e))
    except (QueryError, UsageError) as e:
        return _text(400, str(e))
    except KgError as e:
        return _text(500, str(e))
    asked = format_param(fmt, result.kind) if fmt else None
    if kg_format:
        asked = _KG_FORMATS[kg_format]
        if (asked[1] in OX_RDF_FORMATS) != (result.kind == "graph"):
            asked = False
    chosen = negotiate(accept, result.kind) if asked is None else asked
    if not isinstance(chosen, tuple):
        return _text(
            406,
            f"not acceptable: this {'graph' if result.kind == 'graph' else result.kind.upper()} "
            "answer is offered as " + ", ".join(sorted({m for m, _ in offers(result.kind)})),
        )
    media, name = chosen
    body = result.render(name).encode("utf-8")
    if max_bytes is not None and len(body) > max_bytes:
        return _text(422, f"the answer is larger than {max_bytes:,} bytes; add a LIMIT")
    return Reply(200, f"{media}; charset=utf-8", body)


# ---------------------------------------------------------------------------
# Worker processes: the child's side


def deny_network() -> bool:
    """Forbid this thread, and every thread and process it starts from now
    on, to open a network socket (Unix sockets stay allowed); True if done.

    A seccomp filter (Linux, x86-64 or arm64): ``socket()`` of any family but
    AF_UNIX fails with EACCES, and io_uring, which could open sockets
    without that call, is unavailable. Elsewhere it does nothing.
    """
    arch = {
        "x86_64": (0xC000003E, 41),
        "amd64": (0xC000003E, 41),
        "aarch64": (0xC00000B7, 198),
        "arm64": (0xC00000B7, 198),
    }.get(platform.machine().lower())
    if sys.platform != "linux" or arch is None:
        return False
    audit_arch, nr_socket = arch
    nr_io_uring_setup = 425
    ld, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06
    allow, deny = 0x7FFF0000, 0x00050000 | 13  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EACCES
    # (code, jump-if-true label, jump-if-false label, k); labels resolved below
    program: list[tuple[int, str | int, str | int, int]] = [
        (ld, 0, 0, 4),  # the architecture
        (jeq, 0, "allow", audit_arch),
        (ld, 0, 0, 0),  # the system call number
    ]
    if audit_arch == 0xC000003E:
        program.append((jge, "deny", 0, 0x40000000))  # the x32 ABI
    program += [
        (jeq, "deny", 0, nr_io_uring_setup),
        (jeq, 0, "allow", nr_socket),
        (ld, 0, 0, 16),  # socket()'s first argument (low 32 bits): the family
        (jeq, "allow", "deny", 1),  # AF_UNIX
    ]
    labels = {"deny": len(program), "allow": len(program) + 1}
    program += [(ret, 0, 0, deny), (ret, 0, 0, allow)]

    class SockFilter(ctypes.Structure):
        _fields_ = [
            ("code", ctypes.c_uint16),
            ("jt", ctypes.c_uint8),
            ("jf", ctypes.c_uint8),
            ("k", ctypes.c_uint32),
        ]

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(SockFilter))]

    def offset(pc: int, target: str | int) -> int:
        return labels[target] - pc - 1 if isinstance(target, str) else target

    filters = (SockFilter * len(program))(
        *(
            SockFilter(code, offset(pc, jt), offset(pc, jf), k)
            for pc, (code, jt, jf, k) in enumerate(program)
        )
    )
    prog = SockFprog(len(program), filters)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        ulong = ctypes.c_ulong
        if libc.prctl(38, ulong(1), ulong(0), ulong(0), ulong(0)) != 0:  # PR_SET_NO_NEW_PRIVS
            return False
        # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
        return bool(libc.prctl(22, ulong(2), ctypes.byref(prog), ulong(0), ulong(0)) == 0)
    except (OSError, AttributeError):
        return False


def _hard_memory_limit(max_memory: int) -> int:
    return int(max_memory * 1.5) + (256 << 20)


def harden(max_memory: int) -> None:
    """What a worker does first: no network, a kernel cap on its memory, no
    core dumps, Ctrl-C left to its parent, stderr quiet (the parent reports)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    deny_network()
    limit = _hard_memory_limit(max_memory)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _open_source(source: str, memory: bool) -> tuple[Any, Any, str]:
    """(store, the Snapshot holding it or None, the folder or file it came from)."""
    from kg.store import Snapshot, is_store, load_file

    if not is_store(source):
        return load_file(source), None, source
    snap = Snapshot(source)
    if not memory:
        return snap.store, snap, str(snap.folder)
    import pyoxigraph as ox

    with tempfile.TemporaryDirectory(prefix="kg-serve-dump-") as tmp:
        dump = os.path.join(tmp, "graph.nq")
        snap.store.dump(dump, ox.RdfFormat.N_QUADS)
        copy = ox.Store()
        copy.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)
    folder = str(snap.folder)
    snap.close()
    return copy, None, folder


def _worker_main(conn: Connection, source: str, memory: bool, max_memory: int) -> None:
    """A worker: open the graph once (read-only; held for the worker's life),
    then answer jobs until told to stop or its parent goes."""
    harden(max_memory)
    try:
        store, _snapshot, folder = _open_source(source, memory)
        run_query(store, "ASK { ?s ?p ?o }")  # warm up the parser and the store's files
        conn.send(("ready", folder))
    except Exception as e:
        conn.send(("error", str(e) if isinstance(e, KgError) else f"{type(e).__name__}: {e}"))
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            head, body = _do_job(store, job)
        except MemoryError:
            head, body = {"error": "memory", "message": "", "exit": 3, "status": 503}, b""
        except Exception as e:  # never let one query kill the worker silently
            message = f"internal error: {type(e).__name__}: {e}"
            head, body = {"error": "internal", "message": message, "exit": 1, "status": 500}, b""
        head["size"] = len(body)
        try:
            conn.send(head)
            for at in range(0, len(body), _CHUNK):
                conn.send_bytes(body[at : at + _CHUNK])
        except (EOFError, OSError):
            return
        del body


def _do_job(store: Any, job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    if job["mode"] == "http":
        if job.get("screened"):  # another worker checked this very text
            remember_screened(job["text"], job["screened"])
        reply = answer(
            store,
            job["text"],
            job.get("accept"),
            job.get("max_rows"),
            params=job.get("params"),
            fmt=job.get("fmt"),
            max_bytes=job.get("max_bytes"),
            kg_format=job.get("kg_format"),
        )
        head = {"status": reply.status, "type": reply.content_type}
        head["screened"] = screened_form(job["text"])
        return head, reply.body
    # kg query: the result rendered for a terminal or a file
    try:
        bound = {k: param_term(v) for k, v in job["params"].items()}
        result = run_query(store, job["query"], bound, max_rows=job.get("max_rows"))
        fmt = job["fmt"] or (
            "turtle" if result.kind == "graph" else ("table" if job["tty"] else "csv")
        )
        body = result.render(fmt).encode("utf-8")
    except KgError as e:
        kind = type(e).__name__
        return {"error": kind, "message": str(e), "exit": e.exit_code, "status": 400}, b""
    return {"status": 200, "kind": result.kind}, body


# ---------------------------------------------------------------------------
# Worker processes: the parent's side


def _rss(pid: int) -> int | None:
    """Resident bytes of a process (Linux), or None."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _cpu(pid: int) -> float | None:
    """Seconds of CPU a process has used (Linux), or None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


class _Stop(Exception):
    """Why a worker was stopped: ``timeout``, ``memory``, ``died`` or ``busy``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason, self.detail = reason, detail


@dataclass(eq=False)
class Worker:
    """A worker process holding one graph open; jobs go through ``call``."""

    process: Any  # multiprocessing.Process
    conn: Connection
    folder: str
    generation: int = 0
    heavy: bool = False
    dead: bool = False

    @classmethod
    def start(
        cls,
        ctx: Any,
        source: str,
        *,
        memory: bool = False,
        max_memory: int = MAX_MEMORY,
        generation: int = 0,
        patience: float = 120.0,
    ) -> Worker:
        parent, child = ctx.Pipe(duplex=True)
        process = ctx.Process(
            target=_worker_main,
            args=(child, source, memory, max_memory),
            name="kg-query-worker",
            daemon=True,
        )
        process.start()
        child.close()
        # Copying a large graph into memory takes a while (about 20 s per
        # million triples here); opening a store takes milliseconds.
        wait = max(3600.0, patience) if memory else patience
        try:
            ready = parent.poll(wait)
            message = parent.recv() if ready else None
        except (EOFError, OSError):
            process.join(5)
            message = ("error", _start_failure(source, process.exitcode, max_memory))
        except BaseException:  # Ctrl-C while the graph loads
            process.kill()
            process.join()
            parent.close()
            raise
        if message is None or message[0] != "ready":
            process.kill()
            process.join()
            parent.close()
            if message is None:
                raise InputError(f"{source}: a query worker did not start within {wait:g} s")
            raise InputError(message[1])
        return cls(process, parent, message[1], generation)

    @property
    def pid(self) -> int:
        return int(self.process.pid)

    def call(
        self,
        job: dict[str, Any],
        timeout: float,
        max_memory: int,
        on_heavy: Callable[[Worker], None] | None = None,
    ) -> tuple[dict[str, Any], Iterator[bytes]]:
        """Send a job; return its head and its body's chunks. The deadline
        starts now. Raises _Stop (the worker is then dead) past the deadline,
        past ``max_memory``, if the worker dies, or if ``on_heavy`` (called
        once the job has used ``HEAVY_AFTER`` seconds of CPU: wall time would
        count the waits of a busy machine) raises it."""
        started = time.monotonic()
        deadline = started + timeout
        try:
            self.conn.send(job)
        except (OSError, ValueError):
            self.kill()
            raise _Stop("died") from None
        heavy_hook = on_heavy
        cpu_start = _cpu(self.pid)
        peak = 0

        def wait() -> None:
            nonlocal heavy_hook, peak
            while True:
                now = time.monotonic()
                if now >= deadline:
                    self.kill()
                    raise _Stop("timeout")
                if self.conn.poll(min(_POLL, deadline - now)):
                    return
                if not self.process.is_alive():
                    self.kill()
                    raise _Stop("died", _death(self.process.exitcode, peak, max_memory))
                rss = _rss(self.pid) or 0
                peak = max(peak, rss)
                if rss > max_memory:
                    self.kill()
                    raise _Stop("memory", f"{rss >> 20} MiB")
                if heavy_hook is not None:
                    cpu = _cpu(self.pid)
                    used = now - started if cpu is None or cpu_start is None else cpu - cpu_start
                    if used >= HEAVY_AFTER:
                        hook, heavy_hook = heavy_hook, None
                        hook(self)

        def receive() -> Any:
            wait()
            try:
                return self.conn.recv()
            except (EOFError, OSError):
                self.kill()
                raise _Stop("died", _death(self.process.exitcode, peak, max_memory)) from None

        head = receive()
        size = int(head.get("size", 0))

        def chunks() -> Iterator[bytes]:
            got = 0
            while got < size:
                wait()
                try:
                    chunk = self.conn.recv_bytes()
                except (EOFError, OSError):
                    self.kill()
                    raise _Stop("died", _death(self.process.exitcode, peak, max_memory)) from None
                got += len(chunk)
                yield chunk

        if head.get("error") == "memory":
            self.kill()
            raise _Stop("memory", "")
        return head, chunks()

    def renice(self, increment: int = 19) -> None:
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, self.pid, increment)

    def kill(self) -> None:
        self.dead = True
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.join(5)
        with contextlib.suppress(Exception):
            self.conn.close()

    def close(self) -> None:
        """Ask the worker to finish and wait a moment for it; kill it otherwise."""
        if not self.dead:
            with contextlib.suppress(Exception):
                self.conn.send(None)
            with contextlib.suppress(Exception):
                self.process.join(2)
        self.kill()


def _start_failure(source: str, exitcode: int | None, max_memory: int) -> str:
    if exitcode is not None and exitcode < 0 and -exitcode in (signal.SIGABRT, signal.SIGKILL):
        return (
            f"{source}: the query worker stopped while opening the graph; loading it may "
            f"need more memory than --max-memory {max_memory >> 20} allows"
        )
    return f"{source}: the query worker exited while opening the graph ({exitcode})"


def _death(exitcode: int | None, peak: int, max_memory: int) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if name == "SIGABRT" and peak > max_memory // 2:
            return "memory"
        return name
    return f"exit status {exitcode}"


def _stop_message(stop: _Stop, timeout: float, max_memory: int) -> str:
    if stop.reason == "timeout":
        return f"query timed out after {timeout:g} s"
    if stop.reason == "memory" or stop.detail == "memory":
        return (
            f"query stopped: it needed more than {max_memory >> 20} MiB of memory "
            "(ask for less: a LIMIT, fewer joined patterns)"
        )
    if stop.reason == "busy":
        return stop.detail
    return f"query stopped: the query engine failed ({stop.detail or 'no reason given'})"


def _context(fork_ok: bool) -> Any:
    """How to start workers: fork where that is safe (one thread, as in ``kg
    query``: the child starts with everything imported), else from a fork
    server that has imported kg once (a process with threads must not fork)."""
    methods = _methods()
    if fork_ok and threading.active_count() == 1 and "fork" in methods:
        return multiprocessing.get_context("fork")
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["kg.serve", "kg.store", "kg.vocab", "rdflib.plugins.sparql.parser"])
    return ctx


def _methods() -> list[str]:
    return multiprocessing.get_all_start_methods()


def run_isolated(
    source: str | Path,
    query: Any,
    params: Mapping[str, str] | None = None,
    *,
    fmt: str | None = None,
    tty: bool = False,
    timeout: float = 300.0,
    max_memory: int = MAX_MEMORY,
) -> Iterator[bytes]:
    """``kg query``'s run: the query in a worker process, its rendered answer
    in chunks. ``query`` is SPARQL, a ``NamedQuery`` or a shipped name; ``fmt``
    None picks turtle for a graph, else table (``tty``) or csv.

    Raises the query's own errors (QueryError, UsageError, InputError),
    QueryTimeout past ``timeout`` seconds of work and QueryStopped past
    ``max_memory`` bytes or if the engine dies; the worker is gone by then,
    and it is killed at once on KeyboardInterrupt (Ctrl-C, or SIGTERM as kg's
    CLI raises it).
    """
    if timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    ctx = _context(True)
    if ctx.get_start_method() == "fork":  # the child starts with these loaded
        import kg.store  # noqa: F401
        import kg.vocab  # noqa: F401
    # Loading an RDF file into memory may take minutes: the deadline is for the query.
    worker = Worker.start(ctx, str(source), max_memory=max_memory, patience=24 * 3600.0)
    job = {"mode": "cli", "query": query, "params": dict(params or {}), "fmt": fmt, "tty": tty}
    try:
        head, chunks = worker.call(job, timeout, max_memory)
        if "error" in head:
            raise _reported(head)
        yield from chunks
    except _Stop as stop:
        message = _stop_message(stop, timeout, max_memory)
        if stop.reason == "timeout":
            raise QueryTimeout(message) from None
        raise QueryStopped(message) from None
    except BaseException:  # Ctrl-C, SIGTERM, a closed pipe: stop the worker at once
        worker.kill()
        raise
    worker.close()


def _reported(head: Mapping[str, Any]) -> KgError:
    """The worker's error as the same kind of exception, with its exit status."""
    from kg import errors, query

    cls = getattr(query, head["error"], None) or getattr(errors, head["error"], None)
    if isinstance(cls, type) and issubclass(cls, KgError):
        return cls(head["message"])
    error = KgError(head["message"])
    error.exit_code = int(head.get("exit", 1))
    return error


class WorkerPool:
    """Worker processes that each hold the store open. A query past its
    deadline or its memory gets its worker killed and replaced; heavy queries
    (running past ``HEAVY_AFTER``) are limited to ``workers`` at once and run
    at lower priority, with ``RESERVE`` more workers kept for light ones."""

    def __init__(
        self,
        source: Path,
        size: int,
        max_rows: int,
        memory: bool = False,
        *,
        timeout: float = 30.0,
        max_memory: int = MAX_MEMORY,
        max_bytes: int = MAX_BYTES,
        queue_wait: float = 10.0,
        reserve: int = RESERVE,
    ) -> None:
        from kg.store import is_store

        self._source = str(source)
        self._link = self._source if is_store(self._source) else None
        self._memory = memory
        self.heavy_limit = max(1, size)
        self.total = self.heavy_limit + max(0, reserve)
        self.timeout, self.max_rows = timeout, max_rows
        self.max_memory, self.max_bytes, self.queue_wait = max_memory, max_bytes, queue_wait
        self._ctx = _context(False)
        self._cond = threading.Condition()
        self._idle: list[Worker] = []
        self._all: set[Worker] = set()
        self._heavy = 0
        self._screened: dict[bytes, str] = {}  # digest of a text that passed the check -> form
        self._generation = 0
        self._folder = ""
        self._switching = False
        self._closed = False
        first = self._spawn(self._source, 0)
        self._folder = first.folder
        self._idle.append(first)
        for _ in range(self.total - 1):
            self._idle.append(self._spawn(self._source, 0))

    # -- workers
    def _spawn(self, source: str, generation: int) -> Worker:
        worker = Worker.start(
            self._ctx,
            source,
            memory=self._memory,
            max_memory=self.max_memory,
            generation=generation,
        )
        with self._cond:
            self._all.add(worker)
        return worker

    def _replace(self) -> None:
        """Start a worker of the current build in the background."""

        def work() -> None:
            with self._cond:
                if self._closed:
                    return
                generation, source = self._generation, self._folder or self._source
            try:
                worker = self._spawn(source, generation)
            except KgError as e:
                if not self._closed:
                    print(f"kg serve: could not start a worker: {e}", file=sys.stderr)
                return
            with self._cond:
                if self._closed or worker.generation != self._generation:
                    stale = True
                else:
                    stale = False
                    self._idle.append(worker)
                    self._cond.notify()
            if stale:
                self._discard(worker)

        threading.Thread(target=work, name="kg-serve-spawn", daemon=True).start()

    def _discard(self, worker: Worker) -> None:
        worker.close()
        with self._cond:
            self._all.discard(worker)

    # -- rebuilds
    def check_rebuild(self) -> None:
        """If the store link now points at another build, start workers on it;
        once they are all ready, every later query goes to them."""
        if self._link is None:
            return
        try:
            folder = str(Path(self._link).resolve())
        except OSError:
            return
        with self._cond:
            if self._switching or self._closed or folder == self._folder:
                return
            self._switching = True
        threading.Thread(
            target=self._switch, args=(folder,), name="kg-serve-rebuild", daemon=True
        ).start()

    def _switch(self, folder: str) -> None:
        from kg.store import is_store

        fresh: list[Worker] = []
        try:
            generation = self._generation + 1
            if is_store(folder):
                for _ in range(self.total):
                    fresh.append(self._spawn(folder, generation))
        except KgError as e:
            print(f"kg serve: cannot open the new store yet: {e}", file=sys.stderr)
            for w in fresh:
                self._discard(w)
            fresh = []
        with self._cond:
            self._switching = False
            if self._closed or not fresh:
                old = fresh
            else:
                old, self._idle = self._idle, fresh
                self._generation, self._folder = generation, fresh[0].folder
                self._cond.notify_all()
        for w in old:
            self._discard(w)

    # -- queries
    def _acquire(self) -> Worker | None:
        deadline = time.monotonic() + self.queue_wait
        with self._cond:
            while not self._idle:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._closed:
                    return None
                self._cond.wait(remaining)
            return self._idle.pop()

    def _release(self, worker: Worker) -> None:
        with self._cond:
            if worker.heavy:
                self._heavy -= 1
            keep = (
                not worker.dead
                and not worker.heavy  # a reniced worker cannot be raised again
                and not self._closed
                and worker.generation == self._generation
                and (_rss(worker.pid) or 0) < self.max_memory // 2
            )
            if keep:
                self._idle.append(worker)
                self._cond.notify()
        if not keep:
            self._discard(worker)
            self._replace()

    def _on_heavy(self, worker: Worker) -> None:
        with self._cond:
            if self._heavy >= self.heavy_limit:
                over = True
            else:
                over = False
                self._heavy += 1
                worker.heavy = True
        if over:
            worker.kill()
            raise _Stop(
                "busy",
                f"busy: {self.heavy_limit} long-running queries are already running "
                f"(--workers {self.heavy_limit}); try again when they finish",
            )
        worker.renice()

    def run(
        self,
        job: dict[str, Any],
        reserve_bytes: Callable[[int], bool],
        wanted: Callable[[], bool] = lambda: True,
    ) -> Reply | None:
        """Run one HTTP job; ``reserve_bytes(n)`` says whether an answer of n
        bytes may be held now (the server's budget for answers being sent).
        None if, by the time a worker is free, ``wanted()`` says the client has gone."""
        self.check_rebuild()
        key = hashlib.sha256(job["text"].encode("utf-8", "surrogatepass")).digest()
        job = {
            **job,
            "mode": "http",
            "max_rows": self.max_rows,
            "max_bytes": self.max_bytes,
            "screened": self._screened.get(key),
        }
        worker = self._acquire()
        if worker is not None and not wanted():
            self._release(worker)
            return None
        if worker is None:
            return _text(
                503,
                f"busy: no worker became free within {self.queue_wait:g} s; try again",
                (("Retry-After", "2"),),
            )
        try:
            head, chunks = worker.call(job, self.timeout, self.max_memory, self._on_heavy)
            size = int(head.get("size", 0))
            if head.get("screened") and key not in self._screened:
                with self._cond:
                    if len(self._screened) >= 4096:
                        self._screened.pop(next(iter(self._screened)))
                    self._screened[key] = head["screened"]
            if "error" in head:
                for _ in chunks:
                    pass
                return _text(int(head.get("status", 500)), head.get("message") or "failed")
            if not reserve_bytes(size):
                for _ in chunks:
                    pass
                return _text(
                    503,
                    "busy: too many large answers are being sent; try again",
                    (("Retry-After", "2"),),
                )
            return Reply(int(head["status"]), head["type"], b"".join(chunks))
        except _Stop as stop:
            message = _stop_message(stop, self.timeout, self.max_memory)
            extra = (("Retry-After", "5"),) if stop.reason == "busy" else ()
            return _text(503, message, extra)
        finally:
            self._release(worker)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
            self._idle.clear()
            self._cond.notify_all()
        for w in workers:
            w.close()


# ---------------------------------------------------------------------------
# HTTP


WEB_DIR = Path(__file__).parent / "web"
_WEB_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
}
# The page may load its own files and ask this server; nothing else.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# kg's own format names on /query/NAME: (media type, render format)
_KG_FORMATS = {
    "csv": ("text/csv", "csv"),
    "tsv": ("text/tab-separated-values", "tsv"),
    "json": ("application/json", "json"),
    "table": ("text/plain", "table"),
    "sparql-json": ("application/sparql-results+json", "sparql-json"),
    "sparql-xml": ("application/sparql-results+xml", "sparql-xml"),
    "sparql-tsv": ("text/tab-separated-values", "sparql-tsv"),
    **{name: (MEDIA_TYPES[canon], canon) for name, canon in RDF_FORMATS.items()},
}


def web_files() -> dict[str, Path]:
    """The page's files by name (``kg/web``): only these are ever served."""
    return {p.name: p for p in sorted(WEB_DIR.iterdir()) if p.suffix in _WEB_TYPES}


def queries_json() -> bytes:
    """The ready-made queries for the page: name, question and parameters."""
    return json.dumps(
        [
            {
                "name": q.name,
                "question": q.question,
                "params": [
                    {"name": p.name, "required": p.required, "description": p.description}
                    for p in q.params
                ],
            }
            for q in list_queries()
        ],
        ensure_ascii=False,
    ).encode("utf-8")


def service_description(endpoint: str, fmt: str) -> bytes:
    """A SPARQL 1.1 Service Description of this endpoint, in an RDF format."""
    import pyoxigraph as ox

    sd = "http://www.w3.org/ns/sparql-service-description#"
    formats = "http://www.w3.org/ns/formats/"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    service, dataset, graph = ox.BlankNode("service"), ox.BlankNode("dataset"), ox.BlankNode("g")

    def n(iri: str) -> ox.NamedNode:
        return ox.NamedNode(iri)

    triples = [
        ox.Triple(service, rdf_type, n(sd + "Service")),
        ox.Triple(service, n(sd + "endpoint"), n(endpoint)),
        ox.Triple(service, n(sd + "supportedLanguage"), n(sd + "SPARQL11Query")),
        ox.Triple(
            service,
            n(sd + "defaultEntailmentRegime"),
            n("http://www.w3.org/ns/entailment/Simple"),
        ),
        ox.Triple(service, n(sd + "defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, n(sd + "Dataset")),
        ox.Triple(dataset, n(sd + "defaultGraph"), graph),
        ox.Triple(graph, rdf_type, n(sd + "Graph")),
        ox.Triple(
            service,
            n("http://purl.org/dc/terms/description"),
            ox.Literal(
                "kg: a read-only SPARQL 1.1 endpoint over a knowledge graph of UK police "
                "inspection news. The default graph is the union of every article's graph; "
                "SERVICE, FROM and updates are refused."
            ),
        ),
    ]
    for name in (
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "RDF_XML",
        "JSON-LD",
        "N-Quads",
        "TriG",
    ):
        triples.append(ox.Triple(service, n(sd + "resultFormat"), n(formats + name)))
    prefixes = {"sd": sd, "formats": formats}
    fmt_ox = {
        "turtle": ox.RdfFormat.TURTLE,
        "ntriples": ox.RdfFormat.N_TRIPLES,
        "nquads": ox.RdfFormat.N_QUADS,
        "trig": ox.RdfFormat.TRIG,
        "jsonld": ox.RdfFormat.JSON_LD,
        "rdfxml": ox.RdfFormat.RDF_XML,
    }[fmt]
    use = prefixes if fmt in ("turtle", "trig", "rdfxml") else None
    return ox.serialize(triples, format=fmt_ox, prefixes=use) or b""


@dataclass
class ServerConfig:
    pool: WorkerPool
    timeout: float
    max_rows: int
    html: Path | None
    allowed_hosts: set[str] | None  # None: any Host header
    quiet: bool = False
    max_bytes: int = MAX_BYTES
    inflight_budget: int = 8 * MAX_BYTES
    inflight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    request_deadline: float = REQUEST_DEADLINE

    def reserve(self, n: int) -> bool:
        with self.lock:
            if self.inflight and self.inflight + n > self.inflight_budget:
                return False
            self.inflight += n
            return True

    def release(self, n: int) -> None:
        with self.lock:
            self.inflight -= n


class _Refuse(Exception):
    """A request refused before it is routed: (status, message); the connection closes."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class _Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = IO_TIMEOUT  # every read and write of the connection
    cfg: ServerConfig  # set on a subclass by make_server
    server: _Server

    # -- plumbing
    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        if not self.cfg.quiet:
            sys.stderr.write(f"kg serve: {self.address_string()} {format % args}\n")

    def handle_one_request(self) -> None:
        # the reaper closes a connection that has not sent a whole request in time
        self.server.reading[self] = time.monotonic() + self.cfg.request_deadline
        try:
            super().handle_one_request()
        except (ConnectionError, TimeoutError, OSError):
            self.close_connection = True
        finally:
            self.server.reading.pop(self, None)

    def _done_reading(self) -> None:
        self.server.reading.pop(self, None)

    def _send(
        self, reply: Reply, extra: dict[str, str] | None = None, *, cache: bool = False
    ) -> None:
        self._done_reading()
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Cache-Control", "max-age=3600" if cache else "no-store")
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("Vary", "Accept")
            for k, v in (*reply.headers, *(extra or {}).items()):
                self.send_header(k, v)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                view = memoryview(reply.body)
                for at in range(0, len(view), 64 << 10):
                    self.wfile.write(view[at : at + (64 << 10)])
        except (ConnectionError, TimeoutError, OSError):
            self.close_connection = True  # the client went or stopped reading

    def _host_ok(self) -> bool:
        allowed = self.cfg.allowed_hosts
        hosts = self.headers.get_all("Host") or []
        if len(hosts) > 1:
            return False
        if allowed is None:
            return True
        host = (hosts[0] if hosts else "").strip().lower()
        if host.startswith("["):  # [::1]:7878
            name = host[1:].split("]", 1)[0]
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return name in allowed

    def _check_framing(self, body_expected: bool) -> int:
        """The body's length (0: none); raises _Refuse for a request whose
        framing a proxy could read differently (request smuggling)."""
        lengths = self.headers.get_all("Content-Length") or []
        codings = self.headers.get_all("Transfer-Encoding") or []
        if codings:
            if lengths:
                raise _Refuse(400, "both Transfer-Encoding and Content-Length")
            if [c.strip().lower() for c in ",".join(codings).split(",")] != ["chunked"]:
                raise _Refuse(501, "only Transfer-Encoding: chunked is understood")
            if not body_expected:
                raise _Refuse(400, f"{self.command} takes no body")
            return -1  # chunked
        if len(set(lengths)) > 1:
            raise _Refuse(400, "more than one Content-Length")
        if not lengths:
            return 0
        try:
            length = int(lengths[0])
        except ValueError:
            raise _Refuse(400, "bad Content-Length") from None
        if length < 0:
            raise _Refuse(400, "bad Content-Length")
        if length > MAX_BODY:
            raise _Refuse(413, f"request body larger than {MAX_BODY} bytes")
        if length and not body_expected:
            self.close_connection = True  # the body is never read as a request
        return length

    def _read_body(self, length: int) -> bytes:
        if length >= 0:
            return self.rfile.read(length)
        out = bytearray()
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise _Refuse(400, "bad chunked body") from None
            if size == 0:
                while self.rfile.readline(1024).strip():
                    pass  # trailers
                return bytes(out)
            if len(out) + size > MAX_BODY:
                raise _Refuse(413, f"request body larger than {MAX_BODY} bytes")
            out += self.rfile.read(size)
            if self.rfile.read(2) != b"\r\n":
                raise _Refuse(400, "bad chunked body")

    def _guard(self, body_expected: bool = False) -> int | None:
        """The body length if the request may go on, else None (refused and answered)."""
        try:
            if not self._host_ok():
                self.close_connection = True
                raise _Refuse(
                    403, "forbidden Host header (this server answers one loopback Host only)"
                )
            return self._check_framing(body_expected)
        except _Refuse as e:
            self.close_connection = True
            self._send(_text(e.status, str(e)))
            return None

    # -- methods
    def do_GET(self) -> None:
        self._get()

    def do_HEAD(self) -> None:
        self._get()

    def _get(self) -> None:
        if self._guard() is None:
            return
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        path = url.path
        if path in ("/", "/index.html"):
            page = Reply(200, _WEB_TYPES[".html"], (WEB_DIR / "index.html").read_bytes())
            self._send(page, {"Content-Security-Policy": PAGE_CSP})
        elif path.startswith("/web/"):
            found = web_files().get(path[len("/web/") :])
            if found is None:
                self._send(_text(404, "not found"))
            else:
                asset = Reply(200, _WEB_TYPES[found.suffix], found.read_bytes())
                self._send(asset, {"Content-Security-Policy": PAGE_CSP}, cache=True)
        elif path == "/queries":
            self._send(Reply(200, "application/json; charset=utf-8", queries_json()))
        elif path == "/about":
            cfg = self.cfg
            about = {
                "endpoint": "/sparql",
                "graph_html": cfg.html is not None and cfg.html.is_file(),
                "timeout": cfg.timeout,
                "max_rows": cfg.max_rows,
                "max_bytes": cfg.max_bytes,
            }
            self._send(Reply(200, "application/json; charset=utf-8", json.dumps(about).encode()))
        elif path.startswith("/query/"):
            self._named(urllib.parse.unquote(path[len("/query/") :]), params)
        elif path == "/graph.html":
            graph = self.cfg.html
            if graph is None or not graph.is_file():
                self._send(_text(404, "no graph.html: run `kg build` first"))
            else:
                self._send(Reply(200, _WEB_TYPES[".html"], graph.read_bytes()))
        elif path == "/sparql":
            if "update" in params:
                self._send(_text(403, "refused: this endpoint is read-only (no SPARQL update)"))
            elif "query" not in params:
                self._describe()
            else:
                self._query(params["query"][0], params)
        else:
            self._send(_text(404, "not found"))

    def _describe(self) -> None:
        """GET /sparql without a query: a browser goes to the page, any other
        client gets the SPARQL 1.1 Service Description."""
        accept = self.headers.get("Accept") or ""
        if "text/html" in accept:
            self._send(Reply(303, "text/plain; charset=utf-8", b"see /\n"), {"Location": "/"})
            return
        chosen = negotiate(accept, "graph")
        if chosen is None:
            self._send(_text(406, "the service description is offered in RDF formats only"))
            return
        media, fmt = chosen
        host = (self.headers.get("Host") or "").strip() or "{}:{}".format(
            *self.server.server_address[:2]
        )
        body = service_description(f"http://{host}/sparql", fmt)
        self._send(Reply(200, f"{media}; charset=utf-8", body))

    def _named(self, name: str, params: dict[str, list[str]]) -> None:
        """GET /query/NAME?PARAM=VALUE&format=csv: a ready-made query, its
        parameters typed as on the command line (``<iri>`` or a string)."""
        named = shipped_query(name) if name else None
        if named is None:
            self._send(_text(404, "no such query; GET /queries lists them"))
            return
        values = {k: v[0] for k, v in params.items() if k != "format"}
        fmt = (params.get("format") or [""])[0].strip().lower()
        if fmt and fmt not in _KG_FORMATS:
            known = ", ".join(_KG_FORMATS)
            self._send(_text(400, f"unknown format {fmt[:40]!r}; one of {known}"))
            return
        job = {
            "text": named.name,
            "params": values,
            "accept": self.headers.get("Accept"),
            "kg_format": fmt or None,
        }
        self._run(job)

    def do_POST(self) -> None:
        length = self._guard(body_expected=True)
        if length is None:
            return
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self.close_connection = True
            self._send(_text(404, "not found"))
            return
        if length == 0 and "Content-Length" not in self.headers:
            self.close_connection = True
            self._send(_text(411, "a Content-Length is required"))
            return
        try:
            body = self._read_body(length)
        except _Refuse as e:
            self.close_connection = True
            self._send(_text(e.status, str(e)))
            return
        self._done_reading()
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            self._send(_text(403, "refused: this endpoint is read-only (no SPARQL update)"))
        elif ctype == "application/sparql-query":
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                self._send(_text(400, "the query is not UTF-8"))
                return
            self._query(text, params)
        elif ctype == "application/x-www-form-urlencoded":
            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
            except UnicodeDecodeError:
                self._send(_text(400, "the form is not UTF-8"))
                return
            if "update" in form:
                self._send(_text(403, "refused: this endpoint is read-only (no SPARQL update)"))
            elif "query" not in form:
                self._send(_text(400, "missing query parameter"))
            else:
                self._query(form["query"][0], {**params, **form})
        else:
            self._send(
                _text(
                    415,
                    "send application/sparql-query or application/x-www-form-urlencoded",
                )
            )

    def _refuse_method(self) -> None:
        self.close_connection = True  # whatever body it sent is never read as a request
        if self._guard() is None:
            return
        self._send(_text(405, "method not allowed"), {"Allow": "GET, HEAD, POST"})

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse_method

    # -- queries
    def _query(self, text: str, params: dict[str, list[str]]) -> None:
        self._done_reading()
        if any(k in params for k in ("default-graph-uri", "named-graph-uri", "using-graph-uri")):
            self._send(
                _text(
                    403,
                    "refused: default-graph-uri / named-graph-uri: kg answers from its own graph",
                )
            )
            return
        job = {
            "text": text,
            "accept": self.headers.get("Accept"),
            "fmt": params.get("format") or None,
        }
        self._run(job)

    def _run(self, job: dict[str, Any]) -> None:
        reply = self.cfg.pool.run(job, self.cfg.reserve, self._client_waits)
        if reply is None:  # the client went while the query waited for a worker
            self.close_connection = True
            return
        try:
            self._send(reply)
        finally:
            if reply.status == 200:
                self.cfg.release(len(reply.body))

    def _client_waits(self) -> bool:
        """False once the client has closed its side of the connection."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return not readable or self.connection.recv(1, socket.MSG_PEEK) != b""
        except (OSError, ValueError):
            return False


class _Server(ThreadingHTTPServer):
    """Threads per connection, a long listen backlog, a cap on connections,
    a reaper for slow requests, and no tracebacks when a client hangs up."""

    request_queue_size = 128
    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[_Handler]) -> None:
        self.reading: dict[Any, float] = {}
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self._stopping = threading.Event()
        super().__init__(address, handler)
        threading.Thread(target=self._reap, name="kg-serve-reaper", daemon=True).start()

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)  # too many connections: close at once
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError | OSError):
            return
        sys.stderr.write(f"kg serve: {client_address[0]}: {type(error).__name__}: {error}\n")

    def _reap(self) -> None:
        while not self._stopping.wait(0.5):
            now = time.monotonic()
            for handler, deadline in list(self.reading.items()):
                if now > deadline:
                    self.reading.pop(handler, None)
                    with contextlib.suppress(OSError):
                        handler.connection.shutdown(socket.SHUT_RDWR)

    def server_close(self) -> None:
        self._stopping.set()
        super().server_close()


def make_server(
    store: Path,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 30.0,
    max_rows: int = 10_000,
    html_file: Path | None = None,
    workers: int = 2,
    quiet: bool = False,
    memory: bool = False,
    *,
    max_memory: int = MAX_MEMORY,
    max_bytes: int = MAX_BYTES,
    queue_wait: float = 10.0,
    reserve: int = RESERVE,
    io_timeout: float = IO_TIMEOUT,
    request_deadline: float = REQUEST_DEADLINE,
) -> tuple[ThreadingHTTPServer, WorkerPool]:
    """A server and its worker pool over a store directory or, with
    ``memory``, an RDF file (not yet serving). ``workers`` heavy queries may
    run at once, with ``reserve`` more workers for light ones; a connection
    silent for ``io_timeout`` seconds, or slower than ``request_deadline`` to
    send a request, is closed."""
    if timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    if max_rows < 1:
        raise UsageError("--max-rows must be at least 1")
    pool = WorkerPool(
        store,
        max(1, workers),
        max_rows,
        memory,
        timeout=timeout,
        max_memory=max_memory,
        max_bytes=max_bytes,
        queue_wait=queue_wait,
        reserve=reserve,
    )
    allowed = (_LOOPBACK_NAMES | {host.lower()}) if is_loopback(host) else None
    cfg = ServerConfig(
        pool,
        timeout,
        max_rows,
        html_file,
        allowed,
        quiet,
        max_bytes,
        8 * max_bytes,
        request_deadline=request_deadline,
    )
    handler = type("Handler", (_Handler,), {"cfg": cfg, "timeout": io_timeout})
    try:
        server = _Server((host, port), handler)
    except OSError as e:
        pool.close()
        raise UsageError(f"cannot listen on {host}:{port}: {e.strerror or e}") from e
    return server, pool


def serve(
    graph_source: str | Path,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 30.0,
    max_rows: int = 10_000,
    html_file: Path | None = None,
    workers: int = 2,
    quiet: bool = False,
    on_ready: Callable[[str], None] | None = None,
    memory: bool = False,
    *,
    max_memory: int = MAX_MEMORY,
    max_bytes: int = MAX_BYTES,
    queue_wait: float = 10.0,
) -> None:
    """Serve ``graph_source`` (a store directory or an RDF file) until
    interrupted (Ctrl-C or SIGTERM); ``on_ready`` gets the base URL.

    With ``memory`` each worker holds the graph in memory: queries run 3-8x
    faster than on the RocksDB store (bench/bench_query.py), at the cost of
    RAM per worker and a slower start (and restart after a timeout), about
    20 s per million triples.
    """
    from kg.store import is_store, write_store

    source = Path(graph_source)
    tmp: Path | None = None
    if not is_store(source) and not source.is_file():
        raise InputError(f"{source}: no such store or RDF file")
    if not is_store(source) and not memory:
        tmp = Path(tempfile.mkdtemp(prefix="kg-serve-"))
        write_store(source, tmp / "store")
        source = tmp / "store"
    previous = None
    try:
        server, pool = make_server(
            source,
            host,
            port,
            timeout,
            max_rows,
            html_file,
            workers,
            quiet,
            memory,
            max_memory=max_memory,
            max_bytes=max_bytes,
            queue_wait=queue_wait,
        )
        try:
            if threading.current_thread() is threading.main_thread():
                previous = signal.signal(signal.SIGTERM, _raise_interrupt)
            bound_host, bound_port = (str(x) for x in server.server_address[:2])
            shown = f"[{bound_host}]" if ":" in bound_host else bound_host
            if on_ready:
                on_ready(f"http://{shown}:{bound_port}/")
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
            pool.close()
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def is_loopback(host: str) -> bool:
    """True for the names and addresses that only this machine can reach."""
    return host in _LOOPBACK_NAMES or bool(re.match(r"127\.", host))
