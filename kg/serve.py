"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the graph.

Why a small ``http.server`` and not an existing server. Oxigraph's own server
(``oxigraph serve-read-only``) is read-only and has a timeout, but a query that
times out comes back as HTTP 200 with a cut-off body, which a client cannot
tell from a complete answer; it has no result-size limit and would follow
SERVICE. rdflib-endpoint answers any origin with credentials, has no timeout
and its engine (rdflib) is 14-50x slower and reads ``FROM <file:...>``. So
this module speaks the protocol itself (GET and POST, URL-encoded or
``application/sparql-query`` bodies, content negotiation) over
``kg.query.run_query``, on pyoxigraph.

How it is kept safe:

- read-only: the store is opened read-only; updates (``update=``,
  ``application/sparql-update``, or INSERT/DELETE/LOAD/CLEAR/DROP... sent as
  a query) are refused with 403 before anything runs;
- bounded: each query runs in a worker *process*; past ``timeout`` seconds the
  worker is killed and replaced and the client gets 503, never a partial 200.
  Results are materialised before the first byte is sent: a SELECT with more
  than ``max_rows`` rows (or a CONSTRUCT with more triples) gets 422. Request
  bodies are capped at 1 MiB;
- closed: SERVICE and ``FROM`` anything but http(s) are refused (403) by
  ``kg.query.check_query``;
- local: it binds 127.0.0.1 unless told otherwise, sends no CORS headers (so
  no other origin's page can read answers), and while bound to loopback
  answers only requests whose Host is a loopback name (against DNS rebinding).

A graph file (``--graph``) is first written to a temporary store, so every
worker opens the same data read-only without parsing it again. With
``--memory`` each worker instead holds its own in-memory copy: faster
queries, more RAM, slower (re)starts.
"""

from __future__ import annotations

import html
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.errors import InputError, KgError, QueryError, UsageError
from kg.query import (
    QueryRefused,
    QueryResult,
    ResultTooLarge,
    check_query,
    list_queries,
    run_query,
)

MAX_BODY = 1 << 20
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}

# Media types offered, in the server's order of preference.
_RESULT_TYPES: list[tuple[str, str]] = [
    ("application/sparql-results+json", "sparql-json"),
    ("application/sparql-results+xml", "sparql-xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "sparql-tsv"),
    ("application/json", "sparql-json"),
    ("application/xml", "sparql-xml"),
]
_GRAPH_TYPES: list[tuple[str, str]] = [
    ("text/turtle", "turtle"),
    ("application/n-triples", "ntriples"),
    ("text/plain", "ntriples"),
]
# ?format= shortcuts, for browsers and curl
_FORMAT_PARAM = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
}


@dataclass(frozen=True)
class Reply:
    """What a worker sends back: an HTTP status, a media type and a body."""

    status: int
    content_type: str
    body: bytes


def _text(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode())


# ---------------------------------------------------------------------------
# Content negotiation


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
    offers = _GRAPH_TYPES if kind == "graph" else _RESULT_TYPES
    if not accept or not accept.strip():
        return offers[0]
    ranges = _parse_accept(accept)
    best: tuple[float, int, int] | None = None
    choice = None
    for index, (media, fmt) in enumerate(offers):
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
    return choice


def answer(
    store: Any, text: str, accept: str | None, max_rows: int | None, timeout: float | None = None
) -> Reply:
    """Run one query and render it for the client: the worker's whole job."""
    try:
        result: QueryResult = run_query(store, text, max_rows=max_rows, timeout=timeout)
    except QueryRefused as e:
        return _text(403, str(e))
    except ResultTooLarge as e:
        return _text(422, f"{e} (this endpoint's --max-rows is {max_rows})")
    except (QueryError, UsageError) as e:
        return _text(400, str(e))
    except KgError as e:
        return _text(500, str(e))
    chosen = negotiate(accept, result.kind)
    if chosen is None:
        offered = _GRAPH_TYPES if result.kind == "graph" else _RESULT_TYPES
        return _text(
            406, "not acceptable; this answer is offered as " + ", ".join(m for m, _ in offered)
        )
    media, fmt = chosen
    if result.kind == "ask" and fmt in ("csv", "sparql-tsv"):
        media, fmt = _RESULT_TYPES[0]
    body = result.render(fmt).encode("utf-8")
    return Reply(200, f"{media}; charset=utf-8", body)


# ---------------------------------------------------------------------------
# Worker processes


def _worker_main(fd: int, source: str, max_rows: int, memory: bool = False) -> None:
    """A worker: open the graph (read-only, or copied into memory), then
    answer jobs until EOF."""
    conn = Connection(fd)
    try:
        from kg.query import open_graph

        store = _into_memory(source) if memory else open_graph(source)
        conn.send(("ready", os.getpid()))
    except Exception as e:
        conn.send(("error", str(e)))
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        text, accept = job
        try:
            reply = answer(store, text, accept, max_rows)
        except Exception as e:  # never let one query kill the worker silently
            reply = _text(500, f"internal error: {type(e).__name__}: {e}")
        conn.send(reply)


def _into_memory(source: str) -> Any:
    """The graph in an in-memory pyoxigraph store: an RDF file parsed, or a
    persistent store copied through an N-Quads dump (Rust end to end)."""
    import pyoxigraph as ox

    from kg.store import is_store, load_file, open_store

    if not is_store(source):
        return load_file(source)
    disk = open_store(source)
    with tempfile.TemporaryDirectory(prefix="kg-serve-dump-") as tmp:
        dump = os.path.join(tmp, "graph.nq")
        disk.dump(dump, ox.RdfFormat.N_QUADS)
        memory = ox.Store()
        memory.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)
    return memory


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection


class WorkerPool:
    """Worker processes that each hold the store open; a query past its
    deadline gets its worker killed and replaced."""

    def __init__(self, source: Path, size: int, max_rows: int, memory: bool = False) -> None:
        self._source = str(source)
        self._max_rows = max_rows
        self._memory = memory
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        for _ in range(size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        parent, child = socket.socketpair()
        pkg_root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = pkg_root + os.pathsep + env.get("PYTHONPATH", "")
        code = (
            "import sys; from kg.serve import _worker_main; "
            "_worker_main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4] == '1')"
        )
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                code,
                str(child.fileno()),
                self._source,
                str(self._max_rows),
                "1" if self._memory else "0",
            ],
            pass_fds=(child.fileno(),),
            stdin=subprocess.DEVNULL,
            env=env,
        )
        child.close()
        conn = Connection(parent.detach())
        # Copying a large graph into memory takes a while (about 20 s per
        # million triples here); opening a store takes milliseconds.
        patience = 3600 if self._memory else 60
        if not conn.poll(patience):
            proc.kill()
            raise InputError(f"{self._source}: a query worker did not start within {patience} s")
        message = conn.recv()
        if message[0] != "ready":
            proc.wait()
            raise InputError(f"query worker: {message[1]}")
        worker = _Worker(proc, conn)
        with self._lock:
            self._all.add(worker)
        return worker

    def _kill(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.wait()
        worker.conn.close()
        with self._lock:
            self._all.discard(worker)

    def _replace(self) -> None:
        if self._closed:
            return
        try:
            self._idle.put(self._spawn())
        except KgError as e:
            print(f"kg serve: could not restart a worker: {e}", file=sys.stderr)

    def run(self, text: str, accept: str | None, timeout: float) -> Reply:
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return _text(503, f"busy: no worker became free within {timeout:g} s; try again")
        try:
            worker.conn.send((text, accept))
            if worker.conn.poll(max(0.0, deadline - time.monotonic())):
                reply: Reply = worker.conn.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError):
            self._kill(worker)
            threading.Thread(target=self._replace, daemon=True).start()
            return _text(500, "the query worker died; try again")
        self._kill(worker)
        threading.Thread(target=self._replace, daemon=True).start()
        return _text(503, f"query timed out after {timeout:g} s")

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for w in workers:
            self._kill(w)


# ---------------------------------------------------------------------------
# HTTP


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL</title>
<style>
body {{ font: 15px/1.4 system-ui, sans-serif; margin: 1.5em auto; max-width: 70em;
       padding: 0 1em; }}
textarea {{ width: 100%; height: 16em; font: 13px/1.3 ui-monospace, monospace; }}
pre {{ background: #f4f4f4; padding: 1em; overflow: auto; max-height: 40em; }}
label, select, button {{ margin-right: 1em; }}
</style></head><body>
<h1>Ask the graph</h1>
<p>SPARQL endpoint: <code>{endpoint}</code> (GET or POST; read-only; {timeout:g} s and
{max_rows} rows at most). {graph_link}</p>
<form id="form" method="post" action="/sparql">
<label>Ready-made question <select id="named">
<option value="">(choose)</option>{options}</select></label>
<p id="question"></p>
<textarea id="query" name="query" spellcheck="false">{default_query}</textarea>
<p><label>Format <select id="accept">
<option>application/sparql-results+json</option><option>application/sparql-results+xml</option>
<option>text/csv</option><option>text/tab-separated-values</option><option>text/turtle</option>
</select></label><button type="submit">Run</button> <span id="status"></span></p>
</form>
<pre id="out"></pre>
<script type="application/json" id="queries">{queries_json}</script>
<script src="/static/query.js"></script>
</body></html>
"""

_SCRIPT = """\
"use strict";
const queries = JSON.parse(document.getElementById("queries").textContent);
const named = document.getElementById("named");
named.addEventListener("change", () => {
  const q = queries[named.value];
  if (q) {
    document.getElementById("query").value = q.text;
    document.getElementById("question").textContent = q.question;
  }
});
document.getElementById("form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = document.getElementById("status");
  const out = document.getElementById("out");
  status.textContent = "running...";
  const started = performance.now();
  const body = new URLSearchParams({query: document.getElementById("query").value});
  try {
    const response = await fetch("/sparql", {method: "POST", body,
      headers: {"Accept": document.getElementById("accept").value}});
    let text = await response.text();
    if ((response.headers.get("Content-Type") || "").includes("json")) {
      try { text = JSON.stringify(JSON.parse(text), null, 2); } catch (e) {}
    }
    out.textContent = text;
    const ms = Math.round(performance.now() - started);
    status.textContent = response.status + " " + response.statusText + " in " + ms + " ms";
  } catch (e) {
    status.textContent = "failed: " + e;
  }
});
"""

_PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


@dataclass
class ServerConfig:
    pool: WorkerPool
    timeout: float
    max_rows: int
    html: Path | None
    allowed_hosts: set[str] | None  # None: any Host header
    quiet: bool = False


def _page(cfg: ServerConfig) -> bytes:
    named = {q.name: {"text": q.text, "question": q.question} for q in list_queries()}
    options = "".join(
        f'<option value="{html.escape(n)}">{html.escape(n)}</option>' for n in sorted(named)
    )
    graph_link = (
        '<a href="/graph.html">The network view</a>.'
        if cfg.html is not None and cfg.html.is_file()
        else ""
    )
    queries_json = json.dumps(named).replace("<", "\\u003c").replace(">", "\\u003e")
    return _PAGE.format(
        endpoint="/sparql",
        timeout=cfg.timeout,
        max_rows=cfg.max_rows,
        graph_link=graph_link,
        options=options,
        default_query=html.escape("SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20"),
        queries_json=queries_json,
    ).encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    cfg: ServerConfig  # set on a subclass by make_server

    # -- plumbing
    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        if not self.cfg.quiet:
            sys.stderr.write(f"kg serve: {self.address_string()} {format % args}\n")

    def _send(self, reply: Reply, extra: dict[str, str] | None = None) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Vary", "Accept")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def _host_ok(self) -> bool:
        allowed = self.cfg.allowed_hosts
        if allowed is None:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        if host.startswith("["):  # [::1]:7878
            name = host[1:].split("]", 1)[0]
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return name in allowed

    def _guard(self) -> bool:
        if not self._host_ok():
            self.close_connection = True  # a request body may be left unread
            self._send(
                _text(403, "forbidden Host header (this server answers loopback names only)")
            )
            return False
        return True

    # -- methods
    def do_GET(self) -> None:
        self._get()

    def do_HEAD(self) -> None:
        self._get()

    def _get(self) -> None:
        if not self._guard():
            return
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path in ("/", "/index.html"):
            reply = Reply(200, "text/html; charset=utf-8", _page(self.cfg))
            self._send(reply, {"Content-Security-Policy": _PAGE_CSP})
        elif url.path == "/static/query.js":
            self._send(Reply(200, "text/javascript; charset=utf-8", _SCRIPT.encode()))
        elif url.path == "/graph.html":
            path = self.cfg.html
            if path is None or not path.is_file():
                self._send(_text(404, "no graph.html: run `kg build` first"))
            else:
                self._send(Reply(200, "text/html; charset=utf-8", path.read_bytes()))
        elif url.path == "/sparql":
            if "update" in params:
                self._send(_text(403, "refused: this endpoint is read-only (no SPARQL update)"))
            elif "query" not in params:
                if "text/html" in (self.headers.get("Accept") or ""):
                    self._send(
                        Reply(303, "text/plain; charset=utf-8", b"see /\n"), {"Location": "/"}
                    )
                else:
                    self._send(_text(400, "missing query parameter"))
            else:
                self._query(params["query"][0], params)
        else:
            self._send(_text(404, "not found"))

    def do_POST(self) -> None:
        if not self._guard():
            return
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self.close_connection = True
            self._send(_text(404, "not found"))
            return
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            self.close_connection = True
            self._send(_text(411, "a Content-Length is required"))
            return
        try:
            length = int(length_header)
        except ValueError:
            self.close_connection = True
            self._send(_text(400, "bad Content-Length"))
            return
        if length < 0 or length > MAX_BODY:
            self.close_connection = True
            self._send(_text(413, f"request body larger than {MAX_BODY} bytes"))
            return
        body = self.rfile.read(length)
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
        self._send(_text(405, "method not allowed"), {"Allow": "GET, HEAD, POST"})

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse_method

    # -- queries
    def _query(self, text: str, params: dict[str, list[str]]) -> None:
        if any(k in params for k in ("default-graph-uri", "named-graph-uri", "using-graph-uri")):
            self._send(_text(400, "dataset parameters are not supported; use FROM in the query"))
            return
        try:
            check_query(text)
        except QueryError as e:
            self._send(_text(403 if isinstance(e, QueryRefused) else 400, str(e)))
            return
        accept = self.headers.get("Accept")
        fmt = (params.get("format") or [""])[0].lower()
        if fmt:
            if fmt not in _FORMAT_PARAM:
                self._send(_text(400, f"unknown format {fmt!r}; one of {', '.join(_FORMAT_PARAM)}"))
                return
            accept = _FORMAT_PARAM[fmt]
        self._send(self.cfg.pool.run(text, accept, self.cfg.timeout))


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
) -> tuple[ThreadingHTTPServer, WorkerPool]:
    """A server and its worker pool over a store directory or, with
    ``memory``, an RDF file (not yet serving)."""
    if timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    if max_rows < 1:
        raise UsageError("--max-rows must be at least 1")
    pool = WorkerPool(store, max(1, workers), max_rows, memory)
    allowed = (_LOOPBACK_NAMES | {host.lower()}) if is_loopback(host) else None
    cfg = ServerConfig(pool, timeout, max_rows, html_file, allowed, quiet)
    handler = type("Handler", (_Handler,), {"cfg": cfg})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as e:
        pool.close()
        raise UsageError(f"cannot listen on {host}:{port}: {e.strerror or e}") from e
    server.daemon_threads = True
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
            source, host, port, timeout, max_rows, html_file, workers, quiet, memory
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
