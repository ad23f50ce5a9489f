"""kg build (worker processes, the cache, files written part by part) against
kg.pipeline (everything in memory, in one process): the same bytes, whatever the
build reused."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from kg import pipeline
from kg.build import FORMATS, build_graph
from kg.formats import export_file

from .conftest import CORPUS, ROOT

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402

N = 40


@pytest.fixture(scope="module")
def scale_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scale")
    generate.write_corpus(folder, N, seed=7, jobs=1)
    for f in CORPUS.iterdir():  # and the real articles, with their odd shapes
        shutil.copy(f, folder / f.name)
    return folder


def _same_files(a: Path, b: Path) -> None:
    for fmt in FORMATS:
        assert export_file(a, fmt).read_bytes() == export_file(b, fmt).read_bytes(), fmt


def test_pipeline_and_build_write_the_same_bytes(scale_corpus, tmp_path, monkeypatch):
    import kg.validate

    # a corpus over the limit, so that the sampled shape check runs too
    monkeypatch.setattr(kg.validate, "CHECK_ALL_UP_TO", 20)
    monkeypatch.setattr(kg.validate, "CHECK_SAMPLE", 10)
    pipeline.write(scale_corpus, tmp_path / "plain")
    result = build_graph(scale_corpus, tmp_path / "fast", html=False, store=False, jobs=2)
    assert result.read == N + len(list(CORPUS.iterdir()))
    assert result.validated == 10 and any("sample" in n for n in result.notes)
    _same_files(tmp_path / "plain", tmp_path / "fast")


def test_pipeline_equals_every_kind_of_rebuild(tmp_path):
    """A rebuild after a change, from the cache and the last build's files, writes what
    the pipeline writes for the corpus as it now is."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "out"
    build_graph(corpus, out, html=False, jobs=1)
    changes = [
        lambda: (corpus / "beds-peel-2014.txt").write_text(
            (corpus / "beds-peel-2014.txt").read_text().replace("attacked", "criticised")
        ),
        lambda: (corpus / "cumbria-peel-2019.txt").unlink(),
        lambda: shutil.copy(CORPUS / "cumbria-peel-2019.txt", corpus / "cumbria-copy.txt"),
    ]
    for i, change in enumerate(changes):
        change()
        result = build_graph(corpus, out, html=False, jobs=1)
        assert result.rendered < result.read  # most of it came from the last build
        pipeline.write(corpus, tmp_path / f"plain-{i}")
        _same_files(tmp_path / f"plain-{i}", out)
