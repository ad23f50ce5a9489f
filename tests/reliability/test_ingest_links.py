"""Issue 16: symbolic links that lead out of the corpus folder.

A corpus saved from elsewhere (an archive, a shared folder) may hold a link to
``/etc/shadow`` or a private key. Such a link is reported and the file it points
to is never opened, by ingest or by ``kg build``, unless links are allowed
(``follow_links=True``); links that stay inside the corpus are read.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.ingest import OUTSIDE_LINK, corpus_entries, read_corpus
from kg.model import Article, IngestError

from .conftest import kg_env, make_corpus

GOOD = "HMICFRS praised Cumbria Constabulary today in a report on its work.\n"
SECRET = "Chief Constable Sara Thornton said the password is swordfish today.\n"

# Records every path this process opens, through every route Python offers
# (builtins.open, io.open, os.open, pathlib), as the audit event "open".
_OPENED: list[str] = []
_AUDITING = False


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _AUDITING and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


@pytest.fixture
def opened() -> Iterator[list[str]]:
    global _AUDITING
    _OPENED.clear()
    _AUDITING = True
    try:
        yield _OPENED
    finally:
        _AUDITING = False


def _corpus_with_links(tmp_path: Path) -> tuple[Path, Path]:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "secret.txt").symlink_to(secret)  # absolute
    (corpus / "sub" / "relative.txt").symlink_to(Path("..", "..", "outside", "secret.txt"))
    (corpus / "sub" / "inside.txt").symlink_to(Path("..", "good.txt"))  # stays in
    # a link to a link that leads out
    (corpus / "chain.txt").symlink_to(corpus / "sub" / "relative.txt")
    return corpus, secret


def test_reliability_link_out_of_the_corpus_refused_unopened(
    tmp_path: Path, opened: list[str]
) -> None:
    corpus, secret = _corpus_with_links(tmp_path)
    opened.clear()  # what the set-up wrote
    items = list(read_corpus(corpus))
    errors = sorted((i.file_name, i.reason) for i in items if isinstance(i, IngestError))
    assert errors == [
        ("chain.txt", OUTSIDE_LINK),
        ("secret.txt", OUTSIDE_LINK),
        ("sub/relative.txt", OUTSIDE_LINK),
    ]
    assert OUTSIDE_LINK == "symbolic link to a file outside the corpus"
    assert [i.file_name for i in items if isinstance(i, Article)] == ["good.txt", "inside.txt"]
    assert all("swordfish" not in i.text for i in items if isinstance(i, Article))
    assert opened, "the audit hook saw no file opened at all"
    assert not [p for p in opened if Path(p).resolve() == secret.resolve()], opened


def test_reliability_links_followed_when_allowed(tmp_path: Path) -> None:
    corpus, _ = _corpus_with_links(tmp_path)
    items = list(read_corpus(corpus, follow_links=True))
    assert not [i for i in items if isinstance(i, IngestError)]
    texts = {i.file_name: i.text for i in items if isinstance(i, Article)}
    assert sorted(texts) == ["chain.txt", "good.txt", "inside.txt", "relative.txt", "secret.txt"]
    assert all("swordfish" in texts[n] for n in ("chain.txt", "relative.txt", "secret.txt"))


def test_reliability_system_files_refused_unopened(tmp_path: Path, opened: list[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    targets = [Path(p) for p in ("/etc/passwd", "/etc/shadow") if Path(p).exists()]
    if not targets:
        pytest.skip("no /etc/passwd here")
    for t in targets:
        (corpus / f"{t.name}.txt").symlink_to(t)
    opened.clear()
    items = list(read_corpus(corpus))
    assert sorted((i.file_name, i.reason) for i in items if isinstance(i, IngestError)) == [
        (f"{t.name}.txt", OUTSIDE_LINK) for t in sorted(targets)
    ]
    assert not [p for p in opened if Path(p) in targets or p.startswith("/etc/")], opened


def test_reliability_corpus_reached_through_a_link(tmp_path: Path) -> None:
    """The corpus folder itself behind a link (``/tmp`` -> ``/private/tmp``): its own
    files are inside it, wherever the link is."""
    corpus, _ = _corpus_with_links(tmp_path)
    alias = tmp_path / "alias"
    alias.symlink_to(corpus, target_is_directory=True)
    entries = corpus_entries(alias)
    refused = sorted(e.file_name for _, e in entries if e is not None)
    assert refused == ["chain.txt", "secret.txt", "sub/relative.txt"]
    assert sorted(p.name for p, _ in entries if p is not None) == ["good.txt", "inside.txt"]


def test_reliability_build_refuses_links_out_unopened(tmp_path: Path) -> None:
    """The real ``kg build`` (one process, so an audit hook sees every open): the link
    is reported, exit 3, the secret's text is in no export and the file never opened."""
    import subprocess

    corpus = make_corpus(tmp_path / "corpus", ["003_53badd724a3fb463.txt"])
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    (corpus / "secret.txt").symlink_to(secret)
    out = tmp_path / "out"
    probe = (
        "import os, sys\n"
        f"secret = {str(secret.resolve())!r}\n"
        "def hook(event, args):\n"
        "    if event == 'open' and isinstance(args[0], (str, bytes, os.PathLike)):\n"
        "        if os.path.realpath(os.fsdecode(args[0])) == secret:\n"
        "            os.write(2, b'OPENED THE SECRET\\n')\n"
        "sys.addaudithook(hook)\n"
        "from kg.cli import main\n"
        "sys.argv = ['kg'] + sys.argv[1:]\n"
        "sys.exit(main())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "build", str(corpus), "--out", str(out)]
        + ["--no-html", "--jobs", "1"],
        env=kg_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 3, done.stderr
    assert f"kg: skipped secret.txt: {OUTSIDE_LINK}" in done.stderr.splitlines()
    assert "OPENED THE SECRET" not in done.stderr
    for name in ("graph.ttl", "graph.nt", "graph.trig", "graph.jsonld"):
        assert "swordfish" not in (out / name).read_text(encoding="utf-8")
