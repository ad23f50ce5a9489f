"""Issue 16: ``kg serve`` safe under attack and load.

The real ``kg serve`` (``python -m kg serve``) over the session's build of
``corpus/``, or the same server made in this process (``kg.serve.make_server``)
where a test needs short connection timeouts. Clients are plain sockets and
urllib, on loopback only, in bounded loops.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import re
import socket
import struct
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kg.serve import make_server

from .conftest import ROOT, kg_argv, kg_env
from .test_query_hostile import HUNGRY, SLOW, service_spellings

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LIGHT = (
    "SELECT ?n WHERE { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?n } LIMIT 3"
)
# One row of about 2 MB: every literal of the graph joined.
BIG_ROW = (
    "SELECT (GROUP_CONCAT(STR(?o)) AS ?all) WHERE { ?s ?p ?o . ?t a <https://schema.org/Person> }"
)


@contextlib.contextmanager
def kg_serve(store: Path, *args: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``python -m kg serve --store STORE --port 0 ARGS``; yields its base URL and process."""
    proc = subprocess.Popen(
        kg_argv("serve", "--store", str(store), "--port", "0", *args),
        cwd=ROOT,
        env=kg_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        found = re.search(r" at (http://\S+/) ", line)
        assert found is not None, line + (proc.stderr.read() if proc.stderr else "")
        yield found.group(1), proc
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def server(cli_build: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    with kg_serve(
        cli_build / "store", "--timeout", "6", "--max-memory", "100", "--max-bytes", "1"
    ) as running:
        yield running


def ask(
    url: str,
    sparql: str,
    *,
    method: str = "GET",
    accept: str | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> tuple[int, str]:
    data = None
    target = url + "sparql"
    if method == "GET":
        target += "?" + urllib.parse.urlencode({"query": sparql})
    else:
        data = urllib.parse.urlencode({"query": sparql}).encode()
    request = urllib.request.Request(target, data=data, method=method)
    if accept:
        request.add_header("Accept", accept)
    for k, v in (headers or {}).items():
        request.add_header(k, v)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def raw(url: str, data: bytes, *, timeout: float = 15) -> bytes:
    """Send bytes on a fresh connection; everything the server sends until it closes."""
    host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.sendall(data)
        out = b""
        with contextlib.suppress(TimeoutError, ConnectionError):
            while chunk := s.recv(65536):
                out += chunk
    return out


def rss(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmRSS:\s+(\d+) kB", status)
    assert found is not None
    return int(found.group(1)) << 10


# ---------------------------------------------------------------------------
# closed: SERVICE, FROM, updates


def test_serve_service_in_every_spelling_refused_by_get_and_foreign_form_post(server, cli_build):
    url, _ = server
    hits: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_GET = do_POST

        def log_message(self, *args: object) -> None:
            pass

    remote = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=remote.serve_forever, daemon=True).start()
    try:
        endpoint = f"http://127.0.0.1:{remote.server_address[1]}/sparql"
        for sparql in service_spellings(endpoint):
            for method, headers in [
                ("GET", {}),
                ("POST", {"Origin": "https://attacker.example", "Referer": "https://x.example/"}),
            ]:
                status, body = ask(url, sparql, method=method, headers=headers)
                assert status == 403, (sparql, method, status, body)
                assert "refused" in body
    finally:
        remote.shutdown()
        remote.server_close()
    assert hits == []


def test_serve_from_any_iri_load_and_updates_refused(server):
    url, _ = server
    for sparql in [
        "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <https://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "LOAD <http://example.org/x.ttl>",
        "DROP ALL",
    ]:
        status, body = ask(url, sparql, method="POST")
        assert status == 403 and "refused" in body, (sparql, status, body)
    q = urllib.parse.urlencode({"query": COUNT, "default-graph-uri": "file:///etc/passwd"})
    reply = raw(
        url, f"GET /sparql?{q} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
    )
    assert reply.startswith(b"HTTP/1.1 403") and b"refused" in reply


# ---------------------------------------------------------------------------
# bounded: memory, answer size, nesting, long names


def test_serve_query_past_its_memory_gets_503_and_the_server_stays_up(server):
    url, proc = server
    status, body = ask(url, HUNGRY, timeout=120)
    assert status == 503, body
    assert "more than 100 MiB" in body
    assert proc.poll() is None
    status, _ = ask(url, COUNT)
    assert status == 200


def test_serve_answer_past_max_bytes_is_422(server):
    url, _ = server
    status, body = ask(url, BIG_ROW, timeout=60)
    assert status == 422, (status, body[:200])
    assert "larger than 1 MiB" in body or "larger than 1,048,576 bytes" in body
    status, _ = ask(url, LIGHT)
    assert status == 200


def test_serve_clients_that_never_read_hold_little_memory(cli_build):
    """60 clients ask for an answer of about 0.5 MB and never read it: the
    server holds at most its budget of answers (8 x --max-bytes), refuses the
    rest with 503, and answers everyone else."""
    with kg_serve(cli_build / "store", "--max-bytes", "1") as (url, proc):
        _clients_that_never_read(url, proc)


def _clients_that_never_read(url: str, proc: subprocess.Popen[str]) -> None:
    sparql = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5000"
    status, body = ask(url, sparql, accept="text/csv")
    assert status == 200 and len(body) > 500_000
    before = rss(proc.pid)
    request = (
        f"GET /sparql?{urllib.parse.urlencode({'query': sparql})} HTTP/1.1\r\n"
        f"Host: 127.0.0.1\r\nAccept: text/csv\r\n\r\n"
    ).encode()
    port = urllib.parse.urlsplit(url).port
    sockets = []
    try:
        for _ in range(60):
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            s.sendall(request)
            sockets.append(s)
        time.sleep(6)  # every one of them has been answered or refused by now
        grown = rss(proc.pid) - before
        status, _ = ask(url, LIGHT, timeout=30)
    finally:
        for s in sockets:
            s.close()
    assert grown < 150 << 20, f"the server grew by {grown >> 20} MiB"
    assert status == 200


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000,
        "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    ],
    ids=["braces", "parentheses"],
)
def test_serve_deep_nesting_refused_and_server_stays_up(server, sparql):
    url, proc = server
    status, body = ask(url, sparql, method="POST")
    assert status == 403 and "nests brackets" in body
    assert proc.poll() is None
    assert ask(url, COUNT)[0] == 200


def test_serve_long_bare_name_is_400_without_install_path(server):
    url, _ = server
    status, body = ask(url, "q" * 300)
    assert status == 400, body
    assert str(ROOT) not in body and "site-packages" not in body and "Traceback" not in body


# ---------------------------------------------------------------------------
# blocking: heavy and light, queueing, backlog, idle connections


def test_serve_light_query_answered_while_two_heavy_run(server):
    url, _ = server
    with ThreadPoolExecutor(2) as pool:
        heavy = [pool.submit(ask, url, SLOW) for _ in range(2)]
        time.sleep(1.0)  # both are running now, past the 0.25 s light limit
        assert not any(f.done() for f in heavy), [f.result() for f in heavy if f.done()]
        status, body = ask(url, LIGHT)
        answered_while_heavy_ran = not any(f.done() for f in heavy)
        results = [f.result() for f in heavy]
    assert status == 200 and '"n"' in body
    assert answered_while_heavy_ran
    assert [r[0] for r in results] == [503, 503]  # stopped at --timeout 6
    assert all("timed out after 6 s" in r[1] for r in results)


def test_serve_queue_time_does_not_count_against_the_timeout(cli_build):
    """One worker: a light query queued behind a heavy one that runs to its
    2 s deadline still gets its own 2 s once a worker takes it."""
    server, pool = make_server(
        cli_build / "store", port=0, timeout=2.0, workers=1, quiet=True, reserve=0
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with ThreadPoolExecutor(1) as side:
            heavy = side.submit(ask, url, SLOW)
            time.sleep(0.5)
            started = time.monotonic()
            status, body = ask(url, LIGHT)
            waited = time.monotonic() - started
            assert heavy.result()[0] == 503
        assert status == 200, body
        assert waited >= 1.0  # it did wait for the heavy one
    finally:
        server.shutdown()
        server.server_close()
        pool.close()


def test_serve_200_simultaneous_connections_all_answered(server):
    url, _ = server
    with ThreadPoolExecutor(200) as clients:
        results = list(clients.map(lambda _: ask(url, "ASK { ?s ?p ?o }", timeout=60), range(200)))
    assert [s for s, _ in results].count(200) == 200


def test_serve_half_open_and_slow_requests_are_closed(cli_build):
    server, pool = make_server(
        cli_build / "store", port=0, quiet=True, io_timeout=1.0, request_deadline=2.0
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    url = f"http://127.0.0.1:{port}/"
    try:
        silent = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(50)]
        slow = socket.create_connection(("127.0.0.1", port), timeout=10)
        started = time.monotonic()
        closed_slow = False
        for byte in b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n":
            try:
                slow.sendall(bytes([byte]))
            except OSError:
                closed_slow = True
                break
            time.sleep(0.5)  # under the 1 s idle limit, so only the deadline stops it
            if time.monotonic() - started > 6:
                break
        with contextlib.suppress(OSError):
            closed_slow = closed_slow or slow.recv(100) == b""
        for s in silent:
            assert s.recv(100) == b""  # closed by the server
            s.close()
        slow.close()
        assert closed_slow
        assert ask(url, COUNT)[0] == 200
    finally:
        server.shutdown()
        server.server_close()
        pool.close()


# ---------------------------------------------------------------------------
# HTTP edges: smuggling, Host, hang-ups


def test_serve_body_on_get_put_delete_is_never_a_second_request(server):
    url, _ = server
    inner = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    for method in ("GET", "PUT", "DELETE"):
        outer = (
            f"{method} /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Length: {len(inner)}\r\n\r\n"
        ).encode() + inner
        reply = raw(url, outer)
        assert reply.count(b"HTTP/1.1 ") == 1, (method, reply[:300])


def test_serve_transfer_encoding_is_never_misread(server):
    url, _ = server
    query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode()
    smuggled = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    both = (
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n"
        + f"Content-Length: {len(query)}\r\n".encode()
        + b"Transfer-Encoding: chunked\r\n\r\n"
        + f"{len(query):x}\r\n".encode()
        + query
        + b"\r\n0\r\n\r\n"
        + smuggled
    )
    reply = raw(url, both)
    assert reply.startswith(b"HTTP/1.1 400") and reply.count(b"HTTP/1.1 ") == 1, reply[:200]
    gzip = b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"
    assert raw(url, gzip).startswith(b"HTTP/1.1 501")
    chunked = (
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
        + f"{len(query):x}\r\n".encode()
        + query
        + b"\r\n0\r\n\r\n"
    )
    reply = raw(url, chunked)
    assert reply.startswith(b"HTTP/1.1 200") and b'"boolean": true' in reply, reply[:300]


def test_serve_two_host_headers_refused(server):
    url, _ = server
    for first, second in [("127.0.0.1", "attacker.example"), ("attacker.example", "127.0.0.1")]:
        reply = raw(
            url,
            f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {first}\r\nHost: {second}\r\n\r\n".encode(),
        )
        assert reply.startswith(b"HTTP/1.1 403"), reply[:200]


def test_serve_client_hanging_up_leaves_no_traceback(cli_build):
    with kg_serve(cli_build / "store", "--timeout", "3") as (url, proc):
        port = urllib.parse.urlsplit(url).port
        for sparql in (SLOW, "SELECT * WHERE { ?s ?p ?o }"):
            s = socket.create_connection(("127.0.0.1", port))
            q = urllib.parse.urlencode({"query": sparql})
            s.sendall(f"GET /sparql?{q} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.close()  # a reset, not a polite close
        time.sleep(4)
        assert ask(url, COUNT)[0] == 200
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert "Traceback" not in err, err[-2000:]


def test_serve_answers_are_json_with_no_cors(server):
    url, _ = server
    status, body = ask(url, COUNT, headers={"Origin": "https://attacker.example"})
    assert status == 200 and json.loads(body)["results"]["bindings"]
