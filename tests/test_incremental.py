"""Incremental builds: after a change, only what changed is extracted again, and
the exports are the bytes a full build writes."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from kg.build import FORMATS, build_graph
from kg.formats import export_file

from .conftest import CORPUS, ROOT

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402

N = 15


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    generate.write_corpus(folder, N, seed=11, jobs=1)
    for f in sorted(CORPUS.iterdir())[:5]:
        shutil.copy(f, folder / f.name)
    return folder


def _build(corpus: Path, out: Path, **kw):
    return build_graph(corpus, out, html=False, store=False, jobs=1, **kw)


def _same_as_full(corpus: Path, out: Path, tmp_path: Path) -> None:
    full = tmp_path / "full"
    shutil.rmtree(full, ignore_errors=True)
    _build(corpus, full, cache=False)
    for fmt in FORMATS:
        assert export_file(out, fmt).read_bytes() == export_file(full, fmt).read_bytes(), fmt


def test_incremental_unchanged_corpus_extracts_nothing(corpus, tmp_path):
    out = tmp_path / "out"
    first = _build(corpus, out)
    assert first.extracted == first.read == N + 5
    again = _build(corpus, out)
    assert again.extracted == 0 and again.rendered == 0
    assert again.summary() == first.summary()
    _same_as_full(corpus, out, tmp_path)


def test_incremental_changed_added_removed_articles(corpus, tmp_path):
    out = tmp_path / "out"
    _build(corpus, out)
    names = sorted(p.name for p in corpus.iterdir())

    changed = corpus / names[3]
    changed.write_text(changed.read_text().replace("said", "says", 1))
    result = _build(corpus, out)
    assert result.extracted == 1
    _same_as_full(corpus, out, tmp_path)

    name, text = generate.article(11, N + 1)
    (corpus / name).write_text(text)
    result = _build(corpus, out)
    assert result.extracted == 1 and result.read == N + 6
    _same_as_full(corpus, out, tmp_path)

    (corpus / names[7]).unlink()
    result = _build(corpus, out)
    assert result.extracted == 0 and result.read == N + 5
    _same_as_full(corpus, out, tmp_path)


def test_incremental_person_renamed_elsewhere_rerenders_their_articles(tmp_path):
    """A change in one article can change how another resolves: those are rendered again."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Force praised\n\nDeputy Chief Constable Sunita Gamblin said: “We are pleased.”\n"
        "\nThe report by HMICFRS rated Lancashire Constabulary good.\n"
    )
    (corpus / "b.txt").write_text(
        "Force praised again\n\nMs Gamblin said: “We are very pleased indeed.”\n"
        "\nThe HMICFRS report on Lancashire Constabulary was published today.\n"
    )
    out = tmp_path / "out"
    _build(corpus, out)
    (corpus / "a.txt").write_text(
        (corpus / "a.txt").read_text().replace("Sunita Gamblin", "Sunita Gamblin-Hart")
    )
    result = _build(corpus, out)
    assert result.extracted == 1
    _same_as_full(corpus, out, tmp_path)


def test_incremental_full_rebuild_ignores_the_cache(corpus, tmp_path):
    out = tmp_path / "out"
    _build(corpus, out)
    result = _build(corpus, out, full=True)
    assert result.extracted == result.read
    _same_as_full(corpus, out, tmp_path)


def test_incremental_damaged_cache_entry_is_a_miss(corpus, tmp_path):
    out = tmp_path / "out"
    _build(corpus, out)
    entries = sorted((out / ".cache" / "claims").rglob("*.pickle"))
    entries[0].write_bytes(b"not a pickle")
    result = _build(corpus, out)
    assert result.extracted == 0  # nothing changed: the claims are not even read
    result = build_graph(corpus, out, html=True, store=False, jobs=1)
    assert result.extracted == 0  # the page is drawn from the cached graphs
    for run in (out / ".cache" / "runs").rglob("*.pickle"):
        run.write_bytes(b"not a pickle")
    (out / "graph.html").unlink()
    result = build_graph(corpus, out, html=True, store=False, jobs=1)
    assert result.extracted == 1  # every graph drawn again: one article's claims read again
    _same_as_full(corpus, out, tmp_path)


def test_incremental_cli_build_is_quiet_without_a_terminal(corpus, tmp_path):
    import subprocess

    out = tmp_path / "out"
    args = [sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--no-html"]
    proc = subprocess.run([*args, "--jobs", "2", "--verbose"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # no progress bar when stderr is not a terminal
    assert "extracted 20, reused 0" in proc.stdout
    proc = subprocess.run([*args, "--verbose"], capture_output=True, text=True)
    assert "extracted 0, reused 20" in proc.stdout
    proc = subprocess.run([*args, "--quiet"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout == "" and proc.stderr == ""


def test_incremental_damaged_rendered_run_is_rendered_again(corpus, tmp_path):
    out = tmp_path / "out"
    _build(corpus, out)
    runs = sorted((out / ".cache" / "runs").rglob("*.pickle"))
    runs[0].write_bytes(b"\x80\x05garbage")
    runs[1].unlink()
    result = _build(corpus, out)
    assert result.extracted == 0
    _same_as_full(corpus, out, tmp_path)


def _quads(store_dir: Path) -> list[str]:
    from kg.store import open_store

    return sorted(str(q) for q in open_store(store_dir))


def test_incremental_store_is_updated_to_the_full_builds_store(corpus, tmp_path, monkeypatch):
    import kg.build

    out, full = tmp_path / "out", tmp_path / "full"
    build_graph(corpus, out, html=False, jobs=1)
    updates: list[list[str]] = []
    real = kg.build._update_store

    def update(job, asm):  # type: ignore[no-untyped-def]
        started = real(job, asm)
        if started is not None:
            updates.append(list(asm.delta.drop))
        return started

    monkeypatch.setattr(kg.build, "_update_store", update)
    names = sorted(p.name for p in corpus.iterdir())
    changed = corpus / names[2]
    changed.write_text(changed.read_text().replace("said", "says", 1))
    (corpus / names[6]).unlink()
    shutil.copy(CORPUS / sorted(p.name for p in CORPUS.iterdir())[-1], corpus / "zz-added.txt")
    result = build_graph(corpus, out, html=False, jobs=1)
    assert result.extracted == 2 and len(updates) == 1  # the store was updated, not rewritten
    assert len(updates[0]) == 2  # two graphs dropped: the changed and the removed article
    build_graph(corpus, full, html=False, jobs=1, cache=False)
    assert _quads(out / "store") == _quads(full / "store")
    for fmt in FORMATS:
        assert export_file(out, fmt).read_bytes() == export_file(full, fmt).read_bytes(), fmt


def test_incremental_edited_or_missing_export_is_written_from_the_cache(corpus, tmp_path):
    out = tmp_path / "out"
    _build(corpus, out)
    ttl = out / "graph.ttl"
    ttl.write_bytes(ttl.read_bytes()[:-1000])  # the bodies cannot be copied from it
    (out / "graph.nt").unlink()
    with open(out / "graph.jsonld", "r+b") as f:  # same size, new content
        f.seek(10)
        f.write(b"X")
    changed = corpus / sorted(p.name for p in corpus.iterdir())[0]
    changed.write_text(changed.read_text() + "\nThe inspection was published in March.\n")
    result = _build(corpus, out)
    assert result.extracted == 1
    _same_as_full(corpus, out, tmp_path)


def test_incremental_file_touched_but_unchanged_is_not_extracted(corpus, tmp_path):
    import os
    import time

    out = tmp_path / "out"
    _build(corpus, out)
    later = time.time() + 5
    for f in corpus.iterdir():
        os.utime(f, (later, later))  # as a copy or a checkout does
    result = _build(corpus, out)
    assert result.extracted == 0 and result.rendered == 0
    _same_as_full(corpus, out, tmp_path)


@pytest.mark.parametrize("kind", ["runs", "counts", "state"])
def test_incremental_damaged_build_state_falls_back_to_a_full_assembly(corpus, tmp_path, kind):
    out = tmp_path / "out"
    _build(corpus, out)
    for entry in (out / ".cache" / kind).rglob("*.pickle"):
        entry.write_bytes(b"\x80\x05garbage")
    changed = corpus / sorted(p.name for p in corpus.iterdir())[4]
    changed.write_text(changed.read_text().replace("said", "says", 1))
    result = _build(corpus, out)
    assert result.extracted >= 1
    _same_as_full(corpus, out, tmp_path)


def test_incremental_nothing_changed_writes_nothing(corpus, tmp_path):
    out = tmp_path / "out"
    first = build_graph(corpus, out, html=False, jobs=1)
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.name.startswith("graph.")}
    store = (out / "store").resolve()
    again = build_graph(corpus, out, html=False, jobs=1)
    assert again.triples == first.triples and again.extracted == 0
    assert {
        p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.name.startswith("graph.")
    } == before
    assert (out / "store").resolve() == store
    (out / "graph.ttl").unlink()  # a file gone: written again, the same
    build_graph(corpus, out, html=False, jobs=1)
    _same_as_full(corpus, out, tmp_path)


def test_incremental_rebuild_checks_the_articles_drawn_again(corpus, tmp_path, monkeypatch):
    import kg.validate

    monkeypatch.setattr(kg.validate, "CHECK_ALL_UP_TO", 5)  # a "large" corpus: sampled
    monkeypatch.setattr(kg.validate, "CHECK_SAMPLE", 8)
    out = tmp_path / "out"
    assert _build(corpus, out).validated == 8
    changed = corpus / sorted(p.name for p in corpus.iterdir())[1]
    changed.write_text(changed.read_text().replace("said", "says", 1))
    result = _build(corpus, out)
    assert result.rendered >= 1 and result.validated == result.rendered
    _same_as_full(corpus, out, tmp_path)
