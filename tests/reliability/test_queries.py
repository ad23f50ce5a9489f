"""Issue 6, part 6: queries cannot break out, hang, or be rewritten by their values.

Run through the ``kg query`` command (``kg.cli.main``, in this process for speed;
as ``python -m kg query`` for the timeout and for bytes on stdin) and through
``kg serve`` for the same refusals, over the session's build of ``corpus/``:
malformed SPARQL gets one line and exit 2;
``--timeout`` stops a query (exit 3); ``FROM <file:...>``, ``SERVICE`` and
updates are refused (exit 2) before anything is read, called or changed; a
parameter value is a value, never query text.
"""

from __future__ import annotations

import contextlib
import http.server
import io
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.cli import main

from .conftest import ROOT, kg_env, run_kg, store_quads

PROBE = 'nobody" || true || "'
SECRET = "kg-secret-4242"


def _query(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``kg query --store OUT/store --format csv ARGS`` through the CLI's entry point."""
    argv = ["query", "--store", str(out / "store"), "--format", "csv", *args]
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(argv)
    return subprocess.CompletedProcess(argv, code, stdout.getvalue(), stderr.getvalue())


def _rows(csv: str) -> list[str]:
    return csv.splitlines()[1:]


def _one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    return lines[0]


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * WHERE { ?s ?p ",
        "SELEKT ?s WHERE { ?s ?p ?o }",
        "SELECT ?s WHERE { ?s ?p ?o } LIMIT x",
        'PREFIX : <http://x/> SELECT * WHERE { ?s :p "unterminated }',
        "SELECT * WHERE { ?s ?p ?o } \x00",
    ],
)
def test_reliability_malformed_query_one_line_exit_2(cli_build: Path, sparql: str) -> None:
    done = _query(cli_build, "-e", sparql)
    assert done.returncode == 2
    assert re.search(r"malformed|syntax|parse", _one_line_error(done), re.I)


def test_reliability_malformed_bytes_on_stdin(cli_build: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kg", "query", "--store", str(cli_build / "store")],
        input=b"SELECT \xff\xfe\x00 \xed\xa0\x80 WHERE {",
        cwd=ROOT,
        env=kg_env(),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 2
    lines = done.stderr.decode("utf-8", "replace").splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), lines
    assert done.stdout == b""


def test_reliability_query_timeout_stops_it(cli_build: Path) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    done = run_kg(
        "query", "--store", str(cli_build / "store"), "-e", slow, "--timeout", "0.5", timeout=120
    )
    took = time.monotonic() - started
    assert done.returncode == 3, done.stderr
    assert "timed out" in _one_line_error(done)
    assert took < 15, f"a 0.5 s timeout took {took:.1f} s"


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("secret") / "secret.ttl"
    path.write_text(f'<http://x/s> <http://x/p> "{SECRET}" .\n', encoding="utf-8")
    return path


def _local_file_queries(secret: Path) -> list[str]:
    iri = secret.as_uri()
    folder = secret.parent.as_uri() + "/"
    return [
        f"SELECT * FROM <{iri}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"select * from <{iri.upper().replace('FILE:', 'FILE:')}> where {{ ?s ?p ?o }}",
        f"PREFIX f: <{folder}> SELECT * FROM f:secret.ttl WHERE {{ ?s ?p ?o }}",
        f"BASE <{folder}> SELECT * FROM <secret.ttl> WHERE {{ ?s ?p ?o }}",
        f"CONSTRUCT {{ ?s ?p ?o }} FROM <{iri}> WHERE {{ ?s ?p ?o }}",
        f'ASK FROM <{iri}> {{ ?s ?p "{SECRET}" }}',
    ]


def test_reliability_from_file_refused(cli_build: Path, secret_file: Path) -> None:
    for sparql in _local_file_queries(secret_file):
        done = _query(cli_build, "-e", sparql)
        assert done.returncode == 2, (sparql, done.stdout, done.stderr)
        assert "refused" in _one_line_error(done)
        assert SECRET not in done.stdout + done.stderr


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the http.server name)
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request: a SERVICE must never reach it."""
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


def test_reliability_service_refused_and_never_called(
    cli_build: Path, listener: tuple[str, list[str]]
) -> None:
    url, hits = listener
    for sparql in [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        f"PREFIX e: <{url.rsplit('/', 1)[0]}/> SELECT * WHERE {{ SERVICE e:sparql {{ ?s ?p ?o }} }}",
    ]:
        done = _query(cli_build, "-e", sparql)
        assert done.returncode == 2, (sparql, done.stdout, done.stderr)
        assert "refused" in _one_line_error(done)
    assert hits == []


def test_reliability_updates_refused_and_store_unchanged(
    cli_build: Path, secret_file: Path
) -> None:
    before = store_quads(cli_build / "store")
    for sparql in [
        "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "DROP ALL",
        "CLEAR DEFAULT",
        f"LOAD <{secret_file.as_uri()}>",
    ]:
        done = _query(cli_build, "-e", sparql)
        assert done.returncode == 2, (sparql, done.stderr)
        assert "refused" in _one_line_error(done)
    assert store_quads(cli_build / "store") == before


def test_reliability_parameter_probe_returns_no_rows(cli_build: Path) -> None:
    real = _query(cli_build, "force-timeline", "--param", "force=Cumbria Constabulary")
    assert real.returncode == 0, real.stderr
    assert len(_rows(real.stdout)) > 0  # the parameter works with a true value
    for query, param in [
        ("force-timeline", "force"),
        ("role-holders", "role"),
        ("articles-mentioning", "entity"),
        ("pcc-statements", "force"),
    ]:
        done = _query(cli_build, query, "--param", f"{param}={PROBE}")
        assert done.returncode == 0, done.stderr
        assert _rows(done.stdout) == [], (query, done.stdout)
        assert done.stdout.splitlines()[0].count(",") >= 1  # the header is there


@pytest.mark.parametrize(
    "value",
    [
        "<x:y> } UNION { ?s ?p ?o",
        '" . } UNION { ?s ?p ?o } #',
        'Cumbria Constabulary" } ; DROP ALL ; #',
        "\\u0022 || true || \\u0022",
    ],
)
def test_reliability_parameter_values_cannot_change_the_query(cli_build: Path, value: str) -> None:
    done = _query(cli_build, "force-timeline", "--param", f"force={value}")
    assert done.returncode in (0, 2), done.stderr
    if done.returncode == 0:
        assert _rows(done.stdout) == [], done.stdout
    else:
        _one_line_error(done)


@pytest.fixture(scope="module")
def server(cli_build: Path) -> Iterator[str]:
    """``kg serve`` over the session's store on a free port; yields the endpoint URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(cli_build / "store"), "--port", "0"],
        cwd=ROOT,
        env=kg_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        found = re.search(r"SPARQL endpoint (\S+?)\)", line)
        assert found is not None, line + (proc.stderr.read() if proc.stderr else "")
        yield found.group(1)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _ask_server(url: str, sparql: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(
            url + "?" + urllib.parse.urlencode({"query": sparql}), timeout=30
        ) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def test_reliability_serve_refuses_the_same(
    server: str, secret_file: Path, listener: tuple[str, list[str]]
) -> None:
    url, hits = listener
    for sparql in [
        *_local_file_queries(secret_file),
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ]:
        status, body = _ask_server(server, sparql)
        assert status in (400, 403), (sparql, status, body)
        assert "refused" in body and SECRET not in body
    assert hits == []
    status, body = _ask_server(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert status == 200 and '"n"' in body
