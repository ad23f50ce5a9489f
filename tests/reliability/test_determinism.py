"""Issue 6, part 3: the same corpus gives byte-identical exports, whatever order
its files are created, listed or read in.

Three builds of the 17 articles of ``corpus/`` with ``python -m kg build``:

- the session's build of ``corpus/`` itself (every core, cache on);
- a copy made in reverse order into shuffled subfolders, with scrambled
  modification times, listed in a random order (``os.scandir`` and
  ``os.listdir`` shuffled by a launcher), one process, no cache;
- a flat copy listed in reverse order, three worker processes, no cache.

Each runs with a different PYTHONHASHSEED, so set and dict order differ too.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from .conftest import CORPUS, EXPORTS, ROOT, kg_env, parse_export, snapshot

# Runs `kg` with every folder listing in the process in a shuffled order.
SHUFFLE_LAUNCHER = """
import os, random, sys

rng = random.Random(sys.argv[1])
real_scandir, real_listdir = os.scandir, os.listdir


class Shuffled:
    def __init__(self, it):
        self._it = it
        self._entries = list(it)
        rng.shuffle(self._entries)

    def __iter__(self):
        return self

    def __next__(self):
        if not self._entries:
            raise StopIteration
        return self._entries.pop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._it.close()


def scandir(path="."):
    return Shuffled(real_scandir(path))


def listdir(path="."):
    names = real_listdir(path)
    if sys.argv[2] == "reverse":
        return sorted(names, reverse=True)
    rng.shuffle(names)
    return names


os.scandir, os.listdir = scandir, listdir
from kg.cli import main

sys.exit(main(sys.argv[3:]))
"""


def _scattered_copy(dest: Path, seed: int) -> Path:
    """The corpus in reverse order, in nested subfolders, with scrambled mtimes."""
    rng = random.Random(seed)
    names = sorted(p.name for p in CORPUS.iterdir())
    for i, name in enumerate(reversed(names)):
        sub = dest / rng.choice(["z", "a/b", "m", "a", "q/r/s"])
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPUS / name, sub / name)
        stamp = 1_500_000_000 + rng.randrange(10**8) + i
        os.utime(sub / name, (stamp, stamp))
    return dest


@pytest.fixture(scope="module")
def other_builds(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    base = tmp_path_factory.mktemp("determinism")
    launcher = base / "shuffle.py"
    launcher.write_text(SHUFFLE_LAUNCHER, encoding="utf-8")
    flat = base / "flat"
    shutil.copytree(CORPUS, flat)
    runs = [
        (_scattered_copy(base / "scattered", 7), "shuffle", ("-j", "1", "--no-cache"), "11"),
        (flat, "reverse", ("-j", "3", "--no-cache", "--no-html"), "12"),
    ]
    outs, procs = [], []
    for i, (corpus, order, flags, seed) in enumerate(runs):
        out = base / f"out{i}"
        argv = [sys.executable, str(launcher), seed, order, "build", str(corpus), "--out", str(out)]
        procs.append(
            subprocess.Popen(
                [*argv, "--quiet", *flags],
                cwd=ROOT,
                env=kg_env(PYTHONHASHSEED=seed),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
        outs.append(out)
    for proc in procs:
        _out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
    return outs


def test_reliability_exports_identical_whatever_the_file_order(
    cli_build: Path, other_builds: list[Path]
) -> None:
    reference = snapshot(cli_build)
    assert sorted(reference) == sorted(EXPORTS)
    for out in other_builds:
        got = snapshot(out)
        for name in ("graph.ttl", "graph.trig", "graph.nt", "graph.jsonld"):
            assert got[name] == reference[name], f"{out.name}/{name} differs"


def test_reliability_the_compared_exports_hold_the_whole_corpus(cli_build: Path) -> None:
    """Identical files prove nothing if they are empty: every article is in them."""
    quads = parse_export(cli_build / "graph.trig")
    names = {
        q.object.value
        for q in quads
        if q.predicate.value == "https://w3id.org/kg-oversight/ontology#fileName"
        and isinstance(q.object, ox.Literal)
    }
    assert names == {p.name for p in CORPUS.iterdir()}


def test_reliability_page_identical_whatever_the_file_order(
    cli_build: Path, other_builds: list[Path]
) -> None:
    assert (other_builds[0] / "graph.html").read_bytes() == (cli_build / "graph.html").read_bytes()
