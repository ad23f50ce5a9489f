"""The scale corpus generator and the parallel build, on small N (the big runs are in
``bench/``; that the build writes the bytes of ``kg.pipeline`` is tests/test_pipeline.py)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from kg.build import FORMATS, build_graph
from kg.executor import ProcessExecutor, SerialExecutor, map_articles
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


def test_scale_generator_is_deterministic_by_seed():
    assert generate.article(3, 41) == generate.article(3, 41)
    assert generate.article(3, 41) != generate.article(4, 41)
    # article i does not depend on N: a small corpus is the start of a big one
    assert [a for a in generate.generate(5, seed=3)] == [generate.article(3, i) for i in range(5)]


def test_scale_generator_covers_the_reference_data():
    from kg.model import OrgType
    from kg.reference import lexicon

    text = "\n".join(t for _, t in generate.generate(600, seed=0))
    forces = lexicon().orgs_of(OrgType.POLICE_FORCE)
    missing = [f.key for f in forces if not any(label in text for label in f.labels)]
    assert not missing
    assert "Police and Crime Commissioner" in text and "HMICFRS" in text and "HMIC " in text
    assert "Related Stories" in text and "Sign up to" in text and "---\ntitle:" in text
    names = [n for n, _ in generate.generate(600, seed=0)]
    assert any(n.endswith(".html") for n in names) and len(set(names)) == 600


def test_scale_articles_are_about_two_kilobytes():
    sizes = [len(t.encode()) for _, t in generate.generate(200, seed=1)]
    assert 1500 < sum(sizes) / len(sizes) < 3500


def test_scale_jobs_do_not_change_the_bytes(scale_corpus, tmp_path):
    one = build_graph(scale_corpus, tmp_path / "one", html=False, store=False, jobs=1, cache=False)
    two = build_graph(scale_corpus, tmp_path / "two", html=False, store=False, jobs=2, cache=False)
    assert one.summary() == two.summary()
    for fmt in FORMATS:
        one_bytes = export_file(tmp_path / "one", fmt).read_bytes()
        assert one_bytes == export_file(tmp_path / "two", fmt).read_bytes()
    assert not (tmp_path / "one" / ".cache").exists()


def test_scale_small_corpus_gets_the_same_page_and_store(tmp_path):
    from kg.store import open_store

    result = build_graph(CORPUS, tmp_path, jobs=1)
    assert result.validated == result.read == 17 and not result.notes
    assert {"html", "store"} <= set(result.outputs)
    store = open_store(tmp_path / "store")
    assert len(store) > result.triples  # the named graphs and their union


def _square(x: int) -> int:
    return x * x


def test_executor_map_keeps_the_order_of_items():
    items = list(range(100))
    with ProcessExecutor(2, batch=3, window=2) as ex:
        assert list(ex.map(_square, items)) == [x * x for x in items]
        assert ex.submit(_square, 12).result() == 144
    with SerialExecutor() as ex:
        assert list(ex.map(_square, items)) == [x * x for x in items]
    assert map_articles(_square, items, jobs=2) == [x * x for x in items]
