"""Scaling out for real: an Oxigraph server and a Dask LocalCluster started here, on
loopback only, and stopped at the end."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build_graph
from kg.remote import DEFAULT, manifest_path, push, select

from ..conftest import CORPUS

# the server's command, beside this Python first: a venv used without activating it
# (`.venv/bin/python -m pytest`, as CI runs) is not on PATH
OXIGRAPH = shutil.which(
    "oxigraph", path=os.pathsep.join((os.path.dirname(sys.executable), os.environ.get("PATH", "")))
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """An Oxigraph server on a free loopback port with its own data folder."""
    if OXIGRAPH is None:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [
            OXIGRAPH,
            "serve",
            "--location",
            str(tmp_path / "oxdata"),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the oxigraph server did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _remote_quads(base: str) -> set[str]:
    """The server's named graphs (SPARQL) and its own default graph (Graph Store GET)."""
    rows = select(base + "/query", "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    out = {f"{r['g']} {r['s']} {r['p']} {r['o']}" for r in rows}
    req = urllib.request.Request(
        base + "/store?default", headers={"Accept": "application/n-triples"}
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        for q in ox.parse(resp.read(), format=ox.RdfFormat.N_TRIPLES):
            out.add(f"None {q.subject.value} {q.predicate.value} {q.object.value}")
    return out


def _local_quads(trig: Path) -> set[str]:
    out = set()
    for q in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG):
        g = None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        out.add(f"{g} {q.subject.value} {q.predicate.value} {q.object.value}")
    return out


def test_scale_out_dask_build_is_byte_identical(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from kg.distributed import DaskExecutor

    build_graph(CORPUS, tmp_path / "local", html=False, cache=False, jobs=1)
    with DaskExecutor(jobs=2) as ex:
        assert ex.jobs == 2
        build_graph(CORPUS, tmp_path / "dask", html=False, cache=False, executor=ex)
    for name in ("graph.ttl", "graph.trig", "graph.nt", "graph.jsonld"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


def test_scale_out_remote_store_equals_local_and_updates_one_article(
    tmp_path: Path, server: str
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "out"
    build_graph(corpus, out, html=False, jobs=1)
    store = server + "/store"
    manifest = manifest_path(out, store)
    first = push(out / "graph.trig", store, manifest)
    assert not first.failed and len(first.sent) == 19  # 17 articles, reference, default
    assert _remote_quads(server) == _local_quads(out / "graph.trig")

    # nothing changed: nothing sent
    assert push(out / "graph.trig", store, manifest).sent == []

    # one article changed: only its graph (and the build's provenance) is sent again
    changed = corpus / "durham-efficiency-2016.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("Mike Barton", "Jo Farrell"), encoding="utf-8"
    )
    build_graph(corpus, out, html=False, jobs=1)
    again = push(out / "graph.trig", store, manifest)
    assert len(again.sent) == 2 and DEFAULT in again.sent
    assert any("durham-efficiency-2016" in g for g in again.sent)
    assert _remote_quads(server) == _local_quads(out / "graph.trig")


def test_scale_out_failed_graph_is_reported_and_resent(tmp_path: Path, server: str) -> None:
    out = tmp_path / "out"
    build_graph(CORPUS, out, html=False, jobs=1)
    store = server + "/store"
    manifest = manifest_path(out, store)
    from kg.remote import GraphStore, RemoteError

    class Flaky(GraphStore):
        def put(self, graph: str, ntriples: bytes) -> None:
            if "beds-peel-2014" in graph:
                raise RemoteError(f"PUT {graph}: HTTP 503 Service Unavailable")
            super().put(graph, ntriples)

    first = push(out / "graph.trig", store, manifest, store=Flaky(store, retries=0))
    assert (
        len(first.failed) == 1
        and "beds-peel-2014" in first.failed[0][0]
        and "503" in first.failed[0][1]
    )
    second = push(out / "graph.trig", store, manifest)
    assert len(second.sent) == 1 and "beds-peel-2014" in second.sent[0]
    assert _remote_quads(server) == _local_quads(out / "graph.trig")


def test_scale_out_unreachable_store_is_one_error(tmp_path: Path) -> None:
    from kg.remote import GraphStore

    out = tmp_path / "out"
    build_graph(CORPUS, out, html=False, jobs=1)
    url = f"http://127.0.0.1:{_free_port()}/store"
    result = push(
        out / "graph.trig",
        url,
        manifest_path(out, url),
        store=GraphStore(url, retries=1, backoff=0.01),
    )
    assert len(result.failed) == 19 and not result.sent
    assert all("refused" in reason.lower() for _, reason in result.failed)


def test_scale_out_queries_answer_the_same_remotely(tmp_path: Path, server: str) -> None:
    from kg.query import run_query, run_remote

    out = tmp_path / "out"
    build_graph(CORPUS, out, html=False, jobs=1)
    push(out / "graph.trig", server + "/store", manifest_path(out, server))
    for name in ("people-roles", "organizations", "reports", "quotes", "articles", "grades"):
        local = run_query(out / "graph.ttl", name).records()
        remote = run_remote(server + "/query", name).records()
        assert sorted(map(repr, remote)) == sorted(map(repr, local)), name


def test_scale_out_cli_build_with_dask_and_store(tmp_path: Path, server: str) -> None:
    import subprocess
    import sys

    pytest.importorskip("distributed")
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "kg",
        "build",
        str(CORPUS),
        "--out",
        str(out),
        "--no-html",
        "--executor",
        "dask",
        "--jobs",
        "2",
        "--store",
        server + "/store",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "sent 19 graphs" in done.stdout
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and "sent 0 graphs, 19 unchanged" in again.stdout
    assert _remote_quads(server) == _local_quads(out / "graph.trig")
