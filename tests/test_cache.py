"""The build cache never serves stale bytes: its key is kg's version and a digest of all
of kg/ and ontology/, so a rebuild after an upgrade that changes how a file is written
equals a full build of the new code (it once kept the old bytes: export.py was not in
a hand-kept list of the files that matter)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from kg.formats import DEFAULT_FORMATS, export_file

from .conftest import CORPUS, ROOT


def _build(src: Path, corpus: Path, out: Path, *extra: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--no-html", "-q",
         "-j", "1", *extra],
        capture_output=True, text=True, cwd=src, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_cache_a_change_to_the_export_code_rebuilds_what_it_changes(tmp_path):
    src = tmp_path / "src"
    for part in ("kg", "ontology"):
        shutil.copytree(ROOT / part, src / part, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / "out"
    _build(src, CORPUS, out)
    before = export_file(out, "jsonld").read_bytes()
    # an upgrade that changes how JSON-LD is written, and nothing that extracts
    export = src / "kg" / "export.py"
    code = export.read_text(encoding="utf-8")
    assert 'separators=(",", ":")' in code
    export.write_text(code.replace('separators=(",", ":")', 'separators=(", ", ": ")'), "utf-8")
    _build(src, CORPUS, out)
    _build(src, CORPUS, tmp_path / "full", "--no-cache")
    assert export_file(out, "jsonld").read_bytes() != before
    for fmt in DEFAULT_FORMATS:
        assert (
            export_file(out, fmt).read_bytes() == export_file(tmp_path / "full", fmt).read_bytes()
        )


def test_cache_a_change_to_an_extractor_reextracts_files_untouched_for_long(tmp_path):
    """Files last modified long before the last build are known unchanged by their size,
    time and inode, without reading them; their claims still come from this code (the
    last build's pack of claims, made by the old extractors, once answered for them, so
    a rebuild after an upgrade kept the old quotations)."""
    src = tmp_path / "src"
    for part in ("kg", "ontology"):
        shutil.copytree(ROOT / part, src / part, ignore=shutil.ignore_patterns("__pycache__"))
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    long_ago = 1_600_000_000
    for f in corpus.iterdir():
        os.utime(f, (long_ago, long_ago))
    out = tmp_path / "out"
    _build(src, corpus, out)
    before = export_file(out, "turtle").read_bytes()
    # an upgrade of the extractors: no quotation is kept any more
    extract = src / "kg" / "extract" / "__init__.py"
    code = extract.read_text(encoding="utf-8")
    assert "quotes=tuple(quotes_)," in code
    extract.write_text(code.replace("quotes=tuple(quotes_),", "quotes=(),"), "utf-8")
    _build(src, corpus, out)
    _build(src, corpus, tmp_path / "full", "--no-cache")
    after = export_file(out, "turtle").read_bytes()
    assert after != before and b"schema:Quotation" in before and b"schema:Quotation" not in after
    for fmt in DEFAULT_FORMATS:
        assert (
            export_file(out, fmt).read_bytes() == export_file(tmp_path / "full", fmt).read_bytes()
        )
