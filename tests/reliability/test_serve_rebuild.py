"""Issues 14 and 16: ``kg serve`` across rebuilds.

``kg serve`` used to keep answering from a deleted store after a rebuild, then
alternate between old and new counts. Now each worker holds one build's store
(``kg.store.Snapshot``); after a rebuild the server starts workers on the new
store and switches to them between requests: no request fails, and once a
count from the new build has been answered no later answer comes from the old.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

from .conftest import CORPUS, EXTRA, SMALL, make_corpus, run_kg
from .test_serve_hostile import ask, kg_serve

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _count(url: str) -> tuple[int, int | None]:
    status, body = ask(url, COUNT, timeout=30)
    if status != 200:
        return status, None
    return status, int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_serve_switches_to_a_rebuilt_store_between_requests(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", SMALL)
    out = tmp_path / "out"
    built = run_kg("build", str(corpus), "--out", str(out), "--quiet", "--no-html")
    assert built.returncode == 0, built.stderr
    with kg_serve(out / "store", "--quiet") as (url, _):
        status, before = _count(url)
        assert status == 200 and before
        seen: list[tuple[int, int | None]] = []
        stop = threading.Event()

        def poll() -> None:
            while not stop.is_set():
                seen.append(_count(url))
                time.sleep(0.02)

        poller = threading.Thread(target=poll)
        poller.start()
        try:
            shutil.copyfile(CORPUS / EXTRA, corpus / EXTRA)
            built = run_kg("build", str(corpus), "--out", str(out), "--quiet", "--no-html")
            assert built.returncode == 0, built.stderr
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and (not seen or seen[-1][1] == before):
                time.sleep(0.1)
            time.sleep(0.5)  # a few more answers after the switch
        finally:
            stop.set()
            poller.join(60)
        statuses = {s for s, _ in seen}
        counts = [n for _, n in seen]
        after = counts[-1]
        assert statuses == {200}, seen
        assert after is not None and after > before
        switch = counts.index(after)
        assert set(counts[:switch]) == {before} and set(counts[switch:]) == {after}, counts
        # a second rebuild: the previous store folder, no longer held, is removed
        (corpus / EXTRA).unlink()
        built = run_kg("build", str(corpus), "--out", str(out), "--quiet", "--no-html")
        assert built.returncode == 0, built.stderr
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _count(url) != (200, before):
            time.sleep(0.1)
        assert _count(url) == (200, before)
        folders = [p for p in out.glob(".store-*") if p.is_dir()]
        assert len(folders) <= 2, folders  # the current one and the one being let go
