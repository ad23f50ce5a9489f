"""Issue 6, part 4: every export re-parses with independent strict parsers and
conforms to the SHACL shapes.

rdflib cannot be the judge: it accepts IRIs with spaces (and fails only when
it writes them) and 29 invalid documents of the W3C Turtle suite. pyoxigraph
parses here; Debian's ``rapper`` (raptor2-utils, installed by ``.ci/run``) and
``serdi`` parse too where they are installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import EXPORTS, assert_valid_iris, parse_export, run_kg

RAPPER = shutil.which("rapper")
SERDI = shutil.which("serdi")
RAPPER_SYNTAX = {".ttl": "turtle", ".nt": "ntriples", ".trig": "trig"}
SERDI_SYNTAX = {".ttl": "turtle", ".nt": "ntriples", ".trig": "trig"}


def _statements(out: Path, name: str) -> int:
    return len(parse_export(out / name))


def test_reliability_exports_parse_with_pyoxigraph(cli_build: Path) -> None:
    counts = {name: _statements(cli_build, name) for name in EXPORTS}
    # Turtle, N-Triples and JSON-LD hold the union; TriG the same triples by graph
    assert counts["graph.ttl"] == counts["graph.nt"] == counts["graph.jsonld"] > 1000
    assert counts["graph.trig"] >= counts["graph.ttl"]
    union = {(q.subject, q.predicate, q.object) for q in parse_export(cli_build / "graph.trig")}
    assert len(union) == counts["graph.ttl"]


def test_reliability_every_iri_is_a_valid_iri(cli_build: Path) -> None:
    assert assert_valid_iris(parse_export(cli_build / "graph.trig")) > 1000


@pytest.mark.skipif(RAPPER is None, reason="rapper (raptor2-utils) is not installed")
@pytest.mark.parametrize("name", ["graph.ttl", "graph.nt", "graph.trig"])
def test_reliability_exports_parse_with_rapper(cli_build: Path, name: str) -> None:
    path = cli_build / name
    assert RAPPER is not None
    done = subprocess.run(
        [RAPPER, "-i", RAPPER_SYNTAX[path.suffix], "-c", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr and "Warning" not in done.stderr, done.stderr
    found = re.search(r"returned (\d+) (?:triples|statements)", done.stderr)
    assert found is not None, done.stderr
    assert int(found.group(1)) == _statements(cli_build, name)


@pytest.mark.skipif(SERDI is None, reason="serdi is not installed")
@pytest.mark.parametrize("name", ["graph.ttl", "graph.nt", "graph.trig"])
def test_reliability_exports_parse_with_serdi(cli_build: Path, name: str) -> None:
    path = cli_build / name
    assert SERDI is not None
    done = subprocess.run(
        [SERDI, "-i", SERDI_SYNTAX[path.suffix], "-o", "ntriples", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert len(done.stdout.splitlines()) == _statements(cli_build, name)


def test_reliability_the_parsers_are_strict(tmp_path: Path) -> None:
    """What rdflib reads without a word is refused by the parsers the tests rely on."""
    bad = tmp_path / "bad.ttl"
    bad.write_text('<http://example.org/a b> <http://example.org/p> "x" .\n', encoding="utf-8")
    with pytest.raises(SyntaxError):
        parse_export(bad)
    if RAPPER is not None:
        done = subprocess.run(
            [RAPPER, "-i", "turtle", "-c", str(bad)], capture_output=True, text=True, timeout=60
        )
        assert done.returncode != 0


@pytest.mark.parametrize("name", ["graph.trig", "graph.ttl"])
def test_reliability_exports_conform_to_the_shapes(cli_build: Path, name: str) -> None:
    done = run_kg("validate", str(cli_build / name))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith("conforms to the shapes")
