"""The graph in a SPARQL 1.1 server: push named graphs over the Graph Store
HTTP Protocol, read through the SPARQL 1.1 Protocol.

``push`` sends one named graph per article with PUT, so sending an article
again replaces exactly its own graph (idempotent), plus the reference graph
and the default graph (provenance). It remembers what the server holds in a
manifest beside the exports (``.remote/<server>.json``: graph IRI -> SHA-256
of its sorted N-Triples) and sends only graphs that changed, deletes graphs
of articles that are gone, and records a graph only once the server accepted
it: a failed article is reported, and the next push sends it (alone, if
nothing else changed). Requests are retried with exponential backoff on
connection errors, 429 and 5xx; other 4xx answers are final.

Plain HTTP through the standard library's client: no extra dependency, and
any Graph Store endpoint works (Oxigraph, Fuseki, GraphDB, Virtuoso, Neptune).
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import InputError, KgError, QueryError

DEFAULT = "default"  # the manifest's name for the default graph


class RemoteError(KgError):
    """The server refused or could not be reached."""


@dataclass
class PushResult:
    sent: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (graph, reason)

    def summary(self) -> str:
        return (
            f"sent {len(self.sent)} graphs, {self.unchanged} unchanged, "
            f"deleted {len(self.deleted)}, failed {len(self.failed)}"
        )


def _graphs(export: Path) -> dict[str, bytes]:
    """graph name -> its triples as sorted N-Triples, from a TriG or N-Quads export."""
    if not export.is_file():
        raise InputError(f"{export}: no such export (run `kg build` first)")
    fmt = ox.RdfFormat.TRIG if export.suffix == ".trig" else ox.RdfFormat.N_QUADS
    lines: dict[str, list[str]] = defaultdict(list)
    for q in ox.parse(path=str(export), format=fmt):
        name = DEFAULT if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        lines[name].append(f"{q.subject} {q.predicate} {q.object} .")
    return {g: ("\n".join(sorted(ls)) + "\n").encode() for g, ls in lines.items()}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class GraphStore:
    """A Graph Store HTTP Protocol endpoint (``http://host:port/store``)."""

    def __init__(
        self,
        url: str,
        *,
        retries: int = 4,
        backoff: float = 0.25,
        timeout: float = 30.0,
        opener: Callable[..., Any] = urllib.request.urlopen,
    ) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise KgError(f"--store {url!r}: not an http(s) URL of a Graph Store endpoint")
        self.url = url
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self._open = opener

    def _target(self, graph: str) -> str:
        sep = "&" if "?" in self.url else "?"
        if graph == DEFAULT:
            return f"{self.url}{sep}default"
        return f"{self.url}{sep}graph={urllib.parse.quote(graph, safe='')}"

    def _request(self, method: str, graph: str, data: bytes | None = None) -> int:
        req = urllib.request.Request(self._target(graph), data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/n-triples")
        delay = self.backoff
        for attempt in range(self.retries + 1):
            try:
                with self._open(req, timeout=self.timeout) as resp:
                    return int(resp.status)
            except urllib.error.HTTPError as e:
                if method == "DELETE" and e.code == 404:
                    return 404  # already gone
                if e.code != 429 and e.code < 500 or attempt == self.retries:
                    raise RemoteError(f"{method} {graph}: HTTP {e.code} {e.reason}") from None
            except (urllib.error.URLError, OSError) as e:
                if attempt == self.retries:
                    reason = getattr(e, "reason", e)
                    raise RemoteError(f"{method} {graph}: {reason}") from None
            time.sleep(delay)
            delay *= 2
        raise RemoteError(f"{method} {graph}: no answer")  # pragma: no cover

    def put(self, graph: str, ntriples: bytes) -> None:
        self._request("PUT", graph, ntriples)

    def delete(self, graph: str) -> None:
        self._request("DELETE", graph)


def manifest_path(out: Path, url: str) -> Path:
    name = urllib.parse.quote(url, safe="")[:150] + "-" + _digest(url.encode())[:8]
    return out / ".remote" / f"{name}.json"


def push(
    export: Path,
    url: str,
    manifest: Path,
    *,
    only: set[str] | None = None,
    store: GraphStore | None = None,
    on_graph: Callable[[str], None] | None = None,
) -> PushResult:
    """Send the graphs of ``export`` (graph.trig) that the server does not hold yet.

    ``only``: send just these graphs (IRIs or article file names' graphs), changed or not.
    """
    gs = store or GraphStore(url)
    graphs = _graphs(export)
    held: dict[str, str] = {}
    if manifest.is_file():
        try:
            held = json.loads(manifest.read_text(encoding="utf-8"))
        except ValueError:
            held = {}  # an unreadable manifest: send everything again
    result = PushResult()
    for name in sorted(graphs):
        data = graphs[name]
        sha = _digest(data)
        if only is not None and name not in only:
            result.unchanged += 1
            continue
        if only is None and held.get(name) == sha:
            result.unchanged += 1
            continue
        try:
            gs.put(name, data)
        except RemoteError as e:
            result.failed.append((name, str(e)))
            held.pop(name, None)
            continue
        held[name] = sha
        result.sent.append(name)
        if on_graph:
            on_graph(name)
    if only is None:
        for name in sorted(set(held) - set(graphs)):
            try:
                gs.delete(name)
            except RemoteError as e:
                result.failed.append((name, str(e)))
                continue
            held.pop(name)
            result.deleted.append(name)
    _write_manifest(manifest, held)
    return result


def _write_manifest(path: Path, held: dict[str, str]) -> None:
    from kg.export import write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(held, indent=1, sort_keys=True).encode())


def _post_query(endpoint: str, query: str, accept: str, timeout: float) -> bytes:
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(endpoint, data=data, method="POST")
    req.add_header("Content-Type", "application/x-www-form-urlencoded")
    req.add_header("Accept", accept)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return bytes(resp.read())
    except urllib.error.HTTPError as e:
        detail = e.read().decode("utf-8", "replace").strip().splitlines()
        raise QueryError(
            f"{endpoint}: HTTP {e.code}: {detail[0] if detail else e.reason}"
        ) from None
    except (urllib.error.URLError, OSError) as e:
        raise RemoteError(f"{endpoint}: {getattr(e, 'reason', e)}") from None


def select(endpoint: str, query: str, *, timeout: float = 60.0) -> Iterator[dict[str, str | None]]:
    """Rows of a SELECT over the SPARQL 1.1 Protocol, as {variable: lexical value}."""
    body = json.loads(_post_query(endpoint, query, "application/sparql-results+json", timeout))
    names = body.get("head", {}).get("vars", [])
    for b in body.get("results", {}).get("bindings", []):
        yield {n: (b[n]["value"] if n in b else None) for n in names}


def construct(endpoint: str, query: str, *, timeout: float = 60.0) -> bytes:
    """The N-Triples of a CONSTRUCT over the SPARQL 1.1 Protocol."""
    return _post_query(endpoint, query, "application/n-triples", timeout)
