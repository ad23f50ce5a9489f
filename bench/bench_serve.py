"""Latency of a light query on ``kg serve``, idle and under load.

    python bench/bench_serve.py                    # builds corpus/ into a temporary folder
    python bench/bench_serve.py --store exports/store --seconds 30

Starts the real ``kg serve`` (``python -m kg serve``, default settings:
``--workers 2``, 30 s timeout) on a free loopback port, then:

1. idle: a probe sends ``--probes`` light queries one after another and the
   latency of each (connect, ask, read the whole answer) is recorded;
2. loaded: for ``--seconds``, two clients keep a heavy query running (a
   four-way cartesian count that runs until the timeout stops it, so two heavy
   queries run the whole time) and ``--clients`` clients (50) each send a light
   query, wait 0.5 s and send another; meanwhile the probe sends ``--probes``
   light queries again, spread over the phase.

The light query asks for the names of three people, with a number in a
comment that differs on every request, so the server parses each one afresh.
The heavy and the 50 clients run in another process than the probe, so the
probe's timings do not include waiting for the load generator's GIL. Every
loop is bounded in count and time, traffic stays on 127.0.0.1, and the server
is stopped at the end.

Prints p50, p90, p99 and the maximum of the probe's latencies, idle and
loaded, the ratio loaded / idle, and whether the loaded p99 is under 100 ms
(issue 16's target); also what the 50 clients and the heavy queries got.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing as mp
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHT = (
    "SELECT ?n WHERE {{ ?p a <https://schema.org/Person> ; <https://schema.org/name> ?n }} "
    "LIMIT 3 # {tag}"
)
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def ask(port: int, sparql: str, timeout: float = 60.0) -> tuple[int, float]:
    """(status, seconds) of one GET on a fresh connection, the answer read whole."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(
            "GET",
            "/sparql?" + urllib.parse.urlencode({"query": sparql}),
            headers={"Accept": "application/sparql-results+json"},
        )
        response = conn.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        conn.close()
    return status, time.perf_counter() - started


def load(port: int, clients: int, heavies: int, seconds: float, out: mp.Queue) -> None:  # type: ignore[type-arg]
    """The load: ``heavies`` heavy queries kept running and ``clients`` light clients."""
    stop = time.monotonic() + seconds
    light: list[tuple[int, float]] = []
    heavy: list[tuple[int, float]] = []
    lock = threading.Lock()

    def heavy_client() -> None:
        for _ in range(100):  # bounded; each runs until the server's timeout
            if time.monotonic() >= stop:
                return
            got = ask(port, HEAVY, timeout=120)
            with lock:
                heavy.append(got)

    def light_client(n: int) -> None:
        for i in range(10_000):
            if time.monotonic() >= stop:
                return
            got = ask(port, LIGHT.format(tag=f"client {n} request {i}"))
            with lock:
                light.append(got)
            time.sleep(0.5)

    threads = [threading.Thread(target=heavy_client) for _ in range(heavies)]
    threads += [threading.Thread(target=light_client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.put((light, heavy))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(latencies: list[float]) -> str:
    ms = [x * 1000 for x in latencies]
    return (
        f"{statistics.median(ms):7.1f} {percentile(ms, 90):7.1f} "
        f"{percentile(ms, 99):7.1f} {max(ms):7.1f}"
    )


def start_server(store: Path) -> tuple[subprocess.Popen[str], int]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0", "--quiet"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if found is None:
        proc.kill()
        sys.exit(f"kg serve did not start: {line}")
    return proc, int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="a kg store (default: build corpus/)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--heavy", type=int, default=2, help="heavy queries kept running")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--probes", type=int, default=200)
    args = parser.parse_args()

    tmp = None
    store = args.store
    if store is None:
        tmp = tempfile.TemporaryDirectory(prefix="kg-bench-serve-")
        out = Path(tmp.name) / "out"
        subprocess.run(
            [sys.executable, "-m", "kg", "build", "corpus", "--out", str(out), "--quiet"],
            cwd=ROOT,
            check=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        store = out / "store"
    load_before = os.getloadavg()[0]
    proc, port = start_server(store)
    try:
        for i in range(20):  # warm every worker
            ask(port, LIGHT.format(tag=f"warm {i}"))
        idle = [ask(port, LIGHT.format(tag=f"idle {i}")) for i in range(args.probes)]

        ctx = mp.get_context("spawn")
        results = ctx.Queue()
        loader = ctx.Process(
            target=load, args=(port, args.clients, args.heavy, args.seconds, results)
        )
        loader.start()
        time.sleep(2.0)  # the heavy queries are past their first quarter second
        gap = max(0.0, (args.seconds - 4.0) / args.probes)
        loaded = []
        for i in range(args.probes):
            loaded.append(ask(port, LIGHT.format(tag=f"probe {i}")))
            time.sleep(gap)
        light, heavy = results.get(timeout=args.seconds + 180)
        loader.join(60)
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
        if tmp is not None:
            tmp.cleanup()

    def ok(samples: list[tuple[int, float]]) -> list[float]:
        return [t for s, t in samples if s == 200]

    idle_ok, loaded_ok, light_ok = ok(idle), ok(loaded), ok(light)
    print(f"kg serve on {store}: a light query, idle and with {args.heavy} heavy")
    print(f"queries and {args.clients} clients running")
    print()
    print("| latency (ms) | answered | p50 | p90 | p99 | max |")
    print("|---|---|---|---|---|---|")
    rows = [("probe, idle", idle, idle_ok), ("probe, loaded", loaded, loaded_ok)]
    if light_ok:
        rows.append((f"the {args.clients} clients", light, light_ok))
    for name, samples, good in rows:
        cells = " | ".join(summary(good).split())
        print(f"| {name} | {len(good)}/{len(samples)} | {cells} |")
    print()
    p99_idle, p99_loaded = percentile(idle_ok, 99), percentile(loaded_ok, 99)
    print(f"p99 loaded / p99 idle: {p99_loaded / p99_idle:.2f}x")
    verdict = "under" if p99_loaded < 0.1 else "NOT under"
    print(f"p99 loaded: {p99_loaded * 1000:.1f} ms, {verdict} the 100 ms target")
    print(
        f"machine: {os.cpu_count()} cores, load average {load_before:.1f} before the run, "
        f"{os.getloadavg()[0]:.1f} after (other processes share the cores)"
    )
    statuses = sorted({s for s, _ in heavy})
    print(f"heavy queries: {len(heavy)} ended, statuses {statuses} (503: stopped at the timeout)")


if __name__ == "__main__":
    main()
