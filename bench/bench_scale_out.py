"""Scale out, measured: the scale corpus built with ``--executor dask`` on a local
2-worker cluster against ``--jobs 2``, and the graph loaded into an Oxigraph
server (Graph Store protocol, one PUT per article) against the embedded store.

    python bench/bench_scale_out.py [-n 10000] [--repeat 1]

Prints each figure with its ratio to the baseline measured in the same run
(the baseline row has ratio 1.00). Needs `pip install 'kg[dask,server]'`.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write_corpus  # noqa: E402

from kg.build import build_graph  # noqa: E402
from kg.distributed import DaskExecutor  # noqa: E402
from kg.executor import ProcessExecutor  # noqa: E402
from kg.remote import manifest_path, push  # noqa: E402


def _median(fn: Callable[[], float], repeat: int) -> float:
    return statistics.median(fn() for _ in range(repeat))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-scale-out-"))
    try:
        corpus = tmp / "corpus"
        write_corpus(corpus, args.n, seed=0)
        rows: list[tuple[str, float, float]] = []

        def build_jobs() -> float:
            out = tmp / "jobs"
            shutil.rmtree(out, ignore_errors=True)
            with ProcessExecutor(2) as ex:
                t = time.perf_counter()
                build_graph(corpus, out, html=False, cache=False, executor=ex, validate=True)
                return time.perf_counter() - t

        t0 = time.perf_counter()
        ex = DaskExecutor(jobs=2)
        start = time.perf_counter() - t0

        def build_dask() -> float:
            out = tmp / "dask"
            shutil.rmtree(out, ignore_errors=True)
            t = time.perf_counter()
            build_graph(corpus, out, html=False, cache=False, executor=ex, validate=True)
            return time.perf_counter() - t

        base = _median(build_jobs, args.repeat)
        dask_t = _median(build_dask, args.repeat)
        ex.close()
        same = all(
            (tmp / "jobs" / f).read_bytes() == (tmp / "dask" / f).read_bytes()
            for f in ("graph.ttl", "graph.trig", "graph.nt")
        )
        rows += [
            (f"build --jobs 2 ({args.n} articles)", base, 1.0),
            (
                f"build --executor dask, 2 workers (+{start:.1f} s cluster start)",
                dask_t,
                dask_t / base,
            ),
        ]

        trig = tmp / "jobs" / "graph.trig"
        import pyoxigraph as ox

        def load_embedded() -> float:
            t = time.perf_counter()
            store = ox.Store(str(tmp / f"embedded-{time.monotonic_ns()}"))
            store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
            store.flush()
            return time.perf_counter() - t

        oxigraph = shutil.which("oxigraph")
        embedded = _median(load_embedded, args.repeat)
        rows.append(("load into the embedded store (bulk load)", embedded, 1.0))
        if oxigraph:

            def load_server() -> float:
                port = _free_port()
                data = tmp / f"server-{port}"
                proc = subprocess.Popen(
                    [oxigraph, "serve", "--location", str(data), "--bind", f"127.0.0.1:{port}"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                base_url = f"http://127.0.0.1:{port}"
                try:
                    for _ in range(100):
                        try:
                            urllib.request.urlopen(base_url + "/query?query=ASK%7B%7D").close()
                            break
                        except OSError:
                            time.sleep(0.1)
                    t = time.perf_counter()
                    result = push(trig, base_url + "/store", manifest_path(data, "bench"))
                    assert not result.failed, result.failed[:3]
                    return time.perf_counter() - t
                finally:
                    proc.terminate()
                    proc.wait()

            server = _median(load_server, args.repeat)
            rows.append(
                ("push to an Oxigraph server (one PUT per article)", server, server / embedded)
            )
        quads = sum(1 for _ in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
        print(f"scale corpus: {args.n} articles, {quads:,} quads; exports identical: {same}")
        print(f"{'figure':<72} {'seconds':>9} {'ratio':>7}")
        for name, secs, ratio in rows:
            print(f"{name:<72} {secs:9.2f} {ratio:7.2f}")
        return 0 if same else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
