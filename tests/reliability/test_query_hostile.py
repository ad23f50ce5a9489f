"""Issue 16: ``kg query`` safe under attack and load.

The real command (``kg.cli.main`` in this process, or ``python -m kg query``
where a signal, a crash or stdin matters) over the session's build of
``corpus/``: SERVICE in every spelling never calls out, a worker cannot open a
network socket at all, FROM of any IRI and every update are refused, deep
nesting is refused (it used to crash the engine), a query over its memory is
stopped with exit 3, SIGINT and SIGTERM stop a query at once, and a query run
while a build replaces the store never fails.
"""

from __future__ import annotations

import contextlib
import http.server
import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.cli import main

from .conftest import CORPUS, EXTRA, ROOT, SMALL, kg_argv, kg_env, make_corpus, run_kg

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
# Grows the worker's memory quickly: every long literal joined with every value, sorted.
HUNGRY = (
    "SELECT ?x WHERE { ?a ?b ?c . FILTER(isLiteral(?c) && STRLEN(STR(?c)) > 100) "
    "?d ?e ?f . BIND(CONCAT(" + "STR(?c), " * 16 + "STR(?f)) AS ?x) } ORDER BY ?x LIMIT 1"
)
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _query(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``kg query --store STORE --format csv ARGS`` through the CLI's entry point."""
    argv = ["query", "--store", str(store), "--format", "csv", *args]
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(argv)
    return subprocess.CompletedProcess(argv, code, stdout.getvalue(), stderr.getvalue())


def _one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    return lines[0]


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the http.server name)
        self.hits.append(self.path)
        body = (
            b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":'
            b'{"type":"literal","value":"from-the-remote"}}]}}'
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def remote() -> Iterator[tuple[str, list[str]]]:
    """A local SPARQL endpoint that answers and records every request: a
    SERVICE must never reach it."""
    hits: list[str] = []
    handler = type("Recorder", (_Recorder,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", hits
    finally:
        server.shutdown()
        server.server_close()


def service_spellings(url: str) -> list[str]:
    """SERVICE as the issue's reporter and pyoxigraph's parser allow it."""
    base = url.rsplit("/", 1)[0] + "/"
    return [
        f"PREFIX : <{url}> SELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <{base}> SELECT * WHERE {{ SERVICEex:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICESILENT<{url}>{{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE#comment\n<{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ sErViCe <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"BASE <{base}> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
        f'SELECT * WHERE {{ BIND("a\\u0022" AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} }}',
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    ]


def test_query_service_in_every_spelling_is_refused_and_never_called(
    cli_build: Path, remote: tuple[str, list[str]]
) -> None:
    url, hits = remote
    for sparql in service_spellings(url):
        done = _query(cli_build / "store", "-e", sparql)
        assert done.returncode == 2, (sparql, done.stdout, done.stderr)
        assert "refused" in _one_line_error(done), sparql
        assert "from-the-remote" not in done.stdout
    assert hits == []


def test_query_worker_cannot_open_a_network_socket(remote: tuple[str, list[str]]) -> None:
    """Below the check: a worker process cannot reach the network even if a
    SERVICE got past it (pyoxigraph called directly, no kg check)."""
    url, hits = remote
    script = f"""
import socket, sys
import pyoxigraph as ox
from kg.serve import deny_network
if not deny_network():
    sys.exit(77)
socket.socketpair(socket.AF_UNIX).__class__  # Unix sockets still work
try:
    socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sys.exit(1)
except PermissionError:
    pass
try:
    list(ox.Store().query("SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"))
    sys.exit(2)
except OSError:
    pass
sys.exit(0)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=kg_env(), capture_output=True, timeout=60
    )
    if done.returncode == 77:
        pytest.skip("no seccomp on this platform")
    assert done.returncode == 0, done.stderr
    assert hits == []


def test_query_from_any_iri_and_every_update_refused(cli_build: Path) -> None:
    for sparql in [
        "SELECT * FROM <https://w3id.org/kg-oversight/id/graph/reference> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "PREFIX ex: <http://example.org/> SELECT * FROM ex:g WHERE { ?s ?p ?o }",
        "SELECT*FROM<http://example.org/g>WHERE{?s ?p ?o}",
        "LOAD <http://example.org/data.ttl>",
        "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "CREATE GRAPH <http://x/g>",
        "ADD DEFAULT TO <http://x/g>",
    ]:
        done = _query(cli_build / "store", "-e", sparql)
        assert done.returncode == 2, (sparql, done.stdout, done.stderr)
        assert "refused" in _one_line_error(done), sparql


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000,
        "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
        "SELECT * WHERE { ?s ?p " + "[ ?p " * 5000 + "?o" + " ]" * 5000 + " }",
        "SELECT * WHERE { " + "OPTIONAL { ?s ?p ?o " * 2000 + "}" * 2000 + " }",
    ],
    ids=["braces", "parentheses", "blank-nodes", "optional"],
)
def test_query_deep_nesting_is_refused_not_a_crash(cli_build: Path, sparql: str) -> None:
    done = subprocess.run(
        kg_argv("query", "--store", str(cli_build / "store")),
        input=sparql,
        cwd=ROOT,
        env=kg_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, (done.returncode, done.stderr[-300:])
    assert "nests brackets" in _one_line_error(done)


def test_query_past_its_memory_is_stopped_with_exit_3(cli_build: Path) -> None:
    done = run_kg(
        "query", "--store", str(cli_build / "store"), "--max-memory", "128", "-e", HUNGRY,
        timeout=180,
    )  # fmt: skip
    assert done.returncode == 3, done.stderr
    assert "more than 128 MiB" in _one_line_error(done)


def test_query_worker_memory_has_a_kernel_cap_as_well() -> None:
    """The backstop below the 20 ms watch: a worker's data segment is capped at
    1.5 x its --max-memory plus 256 MiB (here 64 MiB -> 352 MiB)."""
    script = """
import sys
from kg.serve import harden
harden(64 << 20)
try:
    block = bytearray(600 << 20)
except MemoryError:
    sys.exit(0)
sys.exit(1)
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=kg_env(), timeout=60)
    assert done.returncode == 0


def _workers_left(marker: str) -> list[int]:
    """Processes whose command line holds ``marker`` (a forked worker keeps its parent's)."""
    left = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if marker.encode() in (entry / "cmdline").read_bytes():
                    left.append(int(entry.name))
    return left


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_query_stops_on_sigterm_and_sigint(cli_build: Path, sig: signal.Signals, code: int) -> None:
    marker = f"kg-signal-test-{sig.name}-{os.getpid()}"
    sparql = SLOW.replace("WHERE", f"# {marker}\nWHERE")
    proc = subprocess.Popen(
        kg_argv("query", "--store", str(cli_build / "store"), "-e", sparql),
        cwd=ROOT,
        env=kg_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # a suite started in the background passes SIGINT on ignored: Ctrl-C as at a terminal
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(2.0)  # the worker is computing
    assert proc.poll() is None
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == code, err
    assert "Traceback" not in err
    deadline = time.monotonic() + 10
    while _workers_left(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _workers_left(marker) == []


def test_query_has_a_default_timeout() -> None:
    done = run_kg("query", "--help")
    assert "--timeout SECONDS" in done.stdout
    assert "[default: 300" in done.stdout


def test_query_a_long_bare_name_is_a_one_line_error(cli_build: Path) -> None:
    done = _query(cli_build / "store", "q" * 300)
    assert done.returncode == 2
    line = _one_line_error(done)
    assert "no query named" in line and str(ROOT) not in line and "kg/queries" not in line


def test_query_during_rebuilds_never_fails(tmp_path: Path) -> None:
    """``kg query`` while ``kg build`` replaces the store (it failed 2 of 120
    times with ``RuntimeError: Corruption``): every run answers, from the old
    build or the new one."""
    corpus = make_corpus(tmp_path / "corpus", SMALL)
    out = tmp_path / "out"
    first = run_kg("build", str(corpus), "--out", str(out), "--quiet", "--no-html")
    assert first.returncode == 0, first.stderr
    counts: list[str] = []
    failures: list[str] = []
    stop = threading.Event()

    def ask() -> None:
        while not stop.is_set():
            done = _query(out / "store", "-e", COUNT)
            if done.returncode != 0:
                failures.append(done.stderr)
            else:
                counts.append(done.stdout.splitlines()[1])

    asker = threading.Thread(target=ask)
    asker.start()
    try:
        for round_ in range(2):
            if round_ % 2 == 0:
                shutil.copyfile(CORPUS / EXTRA, corpus / EXTRA)
            else:
                (corpus / EXTRA).unlink()
            built = run_kg("build", str(corpus), "--out", str(out), "--quiet", "--no-html")
            assert built.returncode == 0, built.stderr
    finally:
        stop.set()
        asker.join(120)
    assert failures == []
    assert len(counts) >= 3 and len(set(counts)) >= 2, counts
