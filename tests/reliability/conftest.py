"""Helpers for the reliability suite: run the real ``kg`` command, snapshot and
re-parse an exports folder, and a few small corpora made from ``corpus/``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
EXPORTS = ("graph.ttl", "graph.trig", "graph.jsonld", "graph.nt")
OX_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".nt": ox.RdfFormat.N_TRIPLES,
}
# Three articles for builds that only need some graph, and a fourth that makes a
# later build's exports differ from an earlier one's.
SMALL = ("003_53badd724a3fb463.txt", "tvp-peel-2019.txt", "cumbria-peel-2019.txt")
EXTRA = "lincs-effectiveness-2018.txt"
# What RFC 3987 does not allow anywhere in an IRI.
RE_NOT_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')


def kg_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONHASHSEED", None)
    env.update({"PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"})
    env.update(extra)
    return env


def kg_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


def run_kg(
    *args: str, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m kg ARGS`` in the project folder, as a user would run it."""
    return subprocess.run(
        kg_argv(*args),
        cwd=ROOT,
        env=env or kg_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def make_corpus(folder: Path, names: Sequence[str] = SMALL) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(CORPUS / name, folder / name)
    return folder


def snapshot(out: Path) -> dict[str, bytes]:
    """The bytes of every export file in ``out``."""
    return {name: (out / name).read_bytes() for name in EXPORTS if (out / name).exists()}


def visible_entries(out: Path) -> set[str]:
    """What a user sees in ``out`` (hidden names are kg's own working files)."""
    return {p.name for p in out.iterdir() if not p.name.startswith(".")}


def assert_valid_iris(quads: Sequence[ox.Quad]) -> int:
    """Every IRI is absolute and holds no character RFC 3987 forbids; no blank nodes.
    Returns how many IRIs were seen."""
    seen = 0
    for quad in quads:
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            assert not isinstance(term, ox.BlankNode), "kg graphs have no blank nodes"
            if isinstance(term, ox.NamedNode):
                seen += 1
                assert re.match(r"[a-z][a-z0-9+.-]*:", term.value), term
                assert not RE_NOT_IRI.search(term.value), term
    return seen


def parse_export(path: Path) -> list[ox.Quad]:
    """Every statement of an export, parsed strictly by pyoxigraph (raises on any error)."""
    return list(ox.parse(path=str(path), format=OX_FORMATS[path.suffix]))


def store_quads(store: Path) -> int:
    """How many quads a persistent store holds; opening it read-only proves it is whole."""
    s = ox.Store.read_only(str(store))
    try:
        return len(s)
    finally:
        del s


@pytest.fixture(scope="session")
def cli_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default corpus built once with ``python -m kg build``; returns the exports folder."""
    out = tmp_path_factory.mktemp("reliability") / "exports"
    done = run_kg("build", str(CORPUS), "--out", str(out), "--quiet")
    assert done.returncode == 0, done.stderr
    return out
