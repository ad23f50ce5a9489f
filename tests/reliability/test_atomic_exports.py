"""Issue 6, part 2: a build that is killed, or fails, never leaves a broken export.

A folder holds the exports of an earlier build (three articles); a new build
(four articles, so every file changes) runs into it with ``python -m kg build``
and is stopped:

- by SIGKILL just before each of its renames into the folder (a launcher wraps
  ``os.replace`` and ``os.rename`` and pauses there), and once as soon as a
  staging file shows up, found by watching the folder;
- by SIGTERM and by SIGINT (Ctrl-C) before the first rename;
- by a file size limit (RLIMIT_FSIZE: a write fails with EFBIG, as on a full
  disk), and by a graph that violates the shapes.

After each, every export in the folder must parse with pyoxigraph and be,
byte for byte, the earlier file or the new one; no file may be missing; nothing
new may be visible. Before the first rename, all must be the earlier files.
The scenarios run at once, in parallel, and the tests check their results.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import (
    EXPORTS,
    EXTRA,
    ROOT,
    SMALL,
    kg_argv,
    kg_env,
    make_corpus,
    parse_export,
    snapshot,
    store_quads,
    visible_entries,
)

BUILD_FLAGS = ("-j", "1", "--no-validate", "--quiet")
RENAMES = ("graph.ttl", "graph.trig", "graph.jsonld", "graph.nt", "store", "graph.html")

# Runs `kg` with a pause before one rename into the exports folder: it logs each
# name renamed into OUT, and sleeps (to be killed) before PAUSE_BEFORE.
PAUSE_LAUNCHER = """
import os, sys, time

OUT, PAUSE_BEFORE, LOG = os.path.realpath(sys.argv[1]), sys.argv[2], sys.argv[3]


def hook(real):
    def hooked(src, dst, *args, **kwargs):
        dst = os.fspath(dst)  # the folder resolved, the name not: "store" is a link
        target = os.path.join(os.path.realpath(os.path.dirname(dst) or "."), os.path.basename(dst))
        name = os.path.basename(target)
        if os.path.dirname(target) == OUT and not name.startswith("."):
            with open(LOG, "a", encoding="utf-8") as log:
                log.write(name + "\\n")
            if name == PAUSE_BEFORE:
                time.sleep(120)
        return real(src, dst, *args, **kwargs)

    return hooked


os.replace, os.rename = hook(os.replace), hook(os.rename)
from kg.cli import main

sys.exit(main(sys.argv[4:]))
"""

# Runs `kg` with every quotation of the articles it renders losing its schema:text,
# so that each article's graph violates ontology/shapes.ttl.
SHAPES_FAULT_LAUNCHER = """
import sys
import kg.graph
import kg.incremental.render
import kg.validate
from kg.vocab import SCHEMA

real = kg.graph.article_graph
TEXT = str(SCHEMA.text)


def article_graph(ac, resolved, *args, **kwargs):
    keys = real(ac, resolved, *args, **kwargs)
    return [k for k in keys if not (k[1] == TEXT and "/id/quote/" in k[0])]


for module in (kg.graph, kg.validate, kg.incremental.render):
    module.article_graph = article_graph
from kg.cli import main

sys.exit(main(sys.argv[1:]))
"""


# graph.html's write fails as a full disk or a file size limit makes it (EFBIG), after
# every export is staged: the limit is set once the page is drawn, just below its size
# (the page is not the largest file kg writes, so no limit set at the start can do it)
HTML_FAULT_LAUNCHER = """
import resource
import signal
import sys
import kg.viz

real = kg.viz.render_html


def render_html(*args, **kwargs):
    page = real(*args, **kwargs)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # then write() fails with EFBIG
    limit = len(page.encode("utf-8")) // 2
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return page


kg.viz.render_html = render_html
from kg.cli import main

sys.exit(main(sys.argv[1:]))
"""


@dataclass
class Generation:
    """What one build left in its folder."""

    exports: dict[str, bytes]
    html: bytes
    store: int
    visible: set[str]
    hidden: set[str]


@dataclass
class Outcome:
    name: str
    returncode: int | None = None
    stderr: str = ""
    renamed: list[str] = field(default_factory=list)
    out: Path = Path()
    before_hidden: set[str] = field(default_factory=set)


def _generation(out: Path) -> Generation:
    return Generation(
        exports=snapshot(out),
        html=(out / "graph.html").read_bytes(),
        store=store_quads(out / "store"),
        visible=visible_entries(out),
        hidden={p.name for p in out.iterdir() if p.name.startswith(".")},
    )


def _limit_file_size(limit: int) -> Callable[[], None]:
    def preexec() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # then write() fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


class _World:
    """The earlier and the later generation of exports, and every scenario's outcome."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.old_corpus = make_corpus(base / "old-corpus", SMALL)
        self.new_corpus = make_corpus(base / "new-corpus", (*SMALL, EXTRA))
        (base / "pause.py").write_text(PAUSE_LAUNCHER, encoding="utf-8")
        (base / "shapes_fault.py").write_text(SHAPES_FAULT_LAUNCHER, encoding="utf-8")
        (base / "html_fault.py").write_text(HTML_FAULT_LAUNCHER, encoding="utf-8")
        builds = {
            "old": self._popen(
                kg_argv("build", str(self.old_corpus), "--out", str(base / "old"), *BUILD_FLAGS)
            ),
            "new": self._popen(
                kg_argv("build", str(self.new_corpus), "--out", str(base / "new"), *BUILD_FLAGS)
            ),
        }
        for name, proc in builds.items():
            _out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, f"{name} build: {err}"
        self.old = _generation(base / "old")
        self.new = _generation(base / "new")
        assert all(self.old.exports[n] != self.new.exports[n] for n in EXPORTS)
        self.outcomes: dict[str, Outcome] = {}

    def _popen(
        self, argv: list[str], preexec_fn: Callable[[], None] | None = None
    ) -> subprocess.Popen[str]:
        def preexec() -> None:
            # a suite started in the background (`pytest &` in a script) passes SIGINT on
            # ignored, and Python then never raises KeyboardInterrupt: Ctrl-C as at a terminal
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            if preexec_fn is not None:
                preexec_fn()

        return subprocess.Popen(
            argv,
            cwd=ROOT,
            env=kg_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group: workers die with it
            preexec_fn=preexec,
        )

    def _fresh_out(self, name: str) -> Path:
        out = self.base / "runs" / name
        shutil.copytree(self.base / "old", out, symlinks=True)
        return out

    def run_all(self) -> None:
        """Start every scenario, stop each at its point, and record what is left."""
        running: list[tuple[Outcome, subprocess.Popen[str], Callable[[], bool], int | None]] = []

        def pause(name: str, before: str, sig: int) -> None:
            out = self._fresh_out(name)
            log = self.base / "runs" / f"{name}.log"
            log.touch()
            argv = [sys.executable, str(self.base / "pause.py"), str(out), before, str(log)]
            argv += ["build", str(self.new_corpus), "--out", str(out), *BUILD_FLAGS]
            outcome = Outcome(name, out=out, before_hidden=self._hidden(out))

            def reached() -> bool:
                outcome.renamed = log.read_text(encoding="utf-8").split()
                return before in outcome.renamed

            running.append((outcome, self._popen(argv), reached, sig))

        for target in RENAMES:
            pause(f"kill-before-{target}", target, signal.SIGKILL)
        pause("term-before-graph.ttl", "graph.ttl", signal.SIGTERM)
        pause("int-before-graph.ttl", "graph.ttl", signal.SIGINT)

        # writes fail past a size below the smallest file kg writes
        for limit in (20_000,):
            out = self._fresh_out(f"file-size-limit-{limit}")
            argv = kg_argv("build", str(self.new_corpus), "--out", str(out), *BUILD_FLAGS)
            proc = self._popen(argv, preexec_fn=_limit_file_size(limit))
            running.append(
                (
                    Outcome(f"file-size-limit-{limit}", out=out, before_hidden=self._hidden(out)),
                    proc,
                    lambda: False,
                    None,
                )
            )

        out = self._fresh_out("html-write-fails")
        argv = [sys.executable, str(self.base / "html_fault.py"), "build", str(self.new_corpus)]
        argv += ["--out", str(out), *BUILD_FLAGS]
        running.append(
            (
                Outcome("html-write-fails", out=out, before_hidden=self._hidden(out)),
                self._popen(argv),
                lambda: False,
                None,
            )
        )

        out = self._fresh_out("shapes-violated")
        argv = [sys.executable, str(self.base / "shapes_fault.py"), "build", str(self.new_corpus)]
        argv += ["--out", str(out), "-j", "1", "--quiet"]
        running.append(
            (
                Outcome("shapes-violated", out=out, before_hidden=self._hidden(out)),
                self._popen(argv),
                lambda: False,
                None,
            )
        )

        # black box: kill as soon as any staging file appears, whatever its name
        # (started last, just before the watching begins: a rebuild can take a second)
        out = self._fresh_out("kill-at-first-staging-file")
        outcome = Outcome("kill-at-first-staging-file", out=out, before_hidden=self._hidden(out))
        known = set(os.listdir(out))

        def staging(out: Path = out, known: set[str] = known) -> bool:
            return any(n.startswith(".graph") for n in set(os.listdir(out)) - known)

        argv = kg_argv("build", str(self.new_corpus), "--out", str(out), *BUILD_FLAGS)
        running.append((outcome, self._popen(argv), staging, signal.SIGKILL))

        deadline = time.monotonic() + 150
        pending = list(running)
        while pending and time.monotonic() < deadline:
            for item in list(pending):
                outcome, proc, ready, sig = item
                if proc.poll() is not None:
                    pending.remove(item)
                elif sig is not None and ready():
                    os.killpg(proc.pid, sig)
                    pending.remove(item)
            time.sleep(0.001)
        for outcome, proc, ready, _sig in running:
            try:
                _stdout, outcome.stderr = proc.communicate(
                    timeout=max(1.0, deadline - time.monotonic())
                )
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                _stdout, outcome.stderr = proc.communicate()
            ready()  # refresh what the log says was renamed
            outcome.returncode = proc.returncode
            if sys.platform.startswith("linux"):  # workers of a killed group: wait for them
                _wait_group_gone(proc.pid)
            self.outcomes[outcome.name] = outcome

    @staticmethod
    def _hidden(out: Path) -> set[str]:
        return {p.name for p in out.iterdir() if p.name.startswith(".")}


def _wait_group_gone(pgid: int, timeout: float = 10) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> _World:
    w = _World(tmp_path_factory.mktemp("atomic"))
    w.run_all()
    return w


def _assert_whole(world: _World, outcome: Outcome) -> None:
    """Every export is there, parses, and is the earlier or the later file, byte for byte."""
    out = outcome.out
    assert visible_entries(out) == world.old.visible, outcome.stderr
    for name in EXPORTS:
        data = (out / name).read_bytes()
        assert data in (world.old.exports[name], world.new.exports[name]), name
        assert len(parse_export(out / name)) > 0
    assert (out / "graph.html").read_bytes() in (world.old.html, world.new.html)
    assert store_quads(out / "store") in (world.old.store, world.new.store)


def _assert_old(world: _World, outcome: Outcome) -> None:
    out = outcome.out
    assert snapshot(out) == world.old.exports
    assert (out / "graph.html").read_bytes() == world.old.html
    assert store_quads(out / "store") == world.old.store


def _new_hidden(outcome: Outcome) -> set[str]:
    """Hidden entries the stopped build left, other than its cache."""
    now = {p.name for p in outcome.out.iterdir() if p.name.startswith(".")}
    return now - outcome.before_hidden - {".cache"}


# --- SIGKILL -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        *RENAMES[:4],
        "store",
        "graph.html",
    ],
)
def test_reliability_sigkill_before_each_rename_leaves_whole_files(
    world: _World, target: str
) -> None:
    outcome = world.outcomes[f"kill-before-{target}"]
    assert outcome.returncode == -signal.SIGKILL, outcome.stderr
    assert outcome.renamed[-1] == target
    _assert_whole(world, outcome)
    # what a killed build leaves is hidden, never a name an export could have
    assert all(n.startswith(".") and not n.startswith("graph.") for n in _new_hidden(outcome))


def test_reliability_sigkill_before_first_rename_keeps_every_previous_export(
    world: _World,
) -> None:
    outcome = world.outcomes["kill-before-graph.ttl"]
    assert outcome.returncode == -signal.SIGKILL
    # the four new exports were written and checked beside the old ones: then killed
    staged = [n for n in _new_hidden(outcome) if (outcome.out / n).is_file()]
    assert len(staged) >= len(EXPORTS), staged
    _assert_old(world, outcome)


def test_reliability_sigkill_at_first_staging_file(world: _World) -> None:
    outcome = world.outcomes["kill-at-first-staging-file"]
    assert outcome.returncode == -signal.SIGKILL, outcome.stderr
    _assert_whole(world, outcome)
    _assert_old(world, outcome)


def test_reliability_renames_are_the_last_step_of_each_file(world: _World) -> None:
    """Every export reaches the folder by a rename (never written in place), in this order."""
    assert world.outcomes["kill-before-graph.html"].renamed == list(RENAMES)


# --- SIGTERM and SIGINT --------------------------------------------------------------


def test_reliability_sigterm_cleans_up(world: _World) -> None:
    outcome = world.outcomes["term-before-graph.ttl"]
    _assert_old(world, outcome)
    assert _new_hidden(outcome) == set()


def test_reliability_sigterm_keeps_previous_exports(world: _World) -> None:
    outcome = world.outcomes["term-before-graph.ttl"]
    assert outcome.returncode in (-signal.SIGTERM, 143), outcome.stderr
    _assert_old(world, outcome)


def test_reliability_sigint_cleans_up_and_keeps_previous_exports(world: _World) -> None:
    outcome = world.outcomes["int-before-graph.ttl"]
    assert outcome.returncode == 130, outcome.stderr
    _assert_old(world, outcome)
    assert _new_hidden(outcome) == set()
    assert "Traceback" not in outcome.stderr


# --- failures while writing, and a graph that violates the shapes --------------------------


def test_reliability_write_failure_keeps_previous_exports(world: _World) -> None:
    outcome = world.outcomes["file-size-limit-20000"]
    assert outcome.returncode == 1, outcome.stderr
    assert len(outcome.stderr.strip().splitlines()) == 1 and "File too large" in outcome.stderr
    _assert_old(world, outcome)
    assert _new_hidden(outcome) == set()


def test_reliability_write_failure_names_the_file(world: _World) -> None:
    outcome = world.outcomes["file-size-limit-20000"]
    assert "internal error" not in outcome.stderr


def test_reliability_failed_build_replaced_nothing(world: _World) -> None:
    """graph.html fails to write after the exports were staged: exit 1, nothing replaced."""
    outcome = world.outcomes["html-write-fails"]
    assert outcome.returncode == 1, outcome.stderr
    assert "graph.html: cannot write the page: File too large" in outcome.stderr
    _assert_whole(world, outcome)
    _assert_old(world, outcome)
    assert _new_hidden(outcome) == set()


def test_reliability_shapes_violation_leaves_the_claims_out_and_names_each(
    world: _World,
) -> None:
    """Every quotation lost its text: each is left out and named (the article, the
    claim's IRI, the property and what is wrong with it); the build goes on, writes a
    graph that conforms, and exits 3."""
    outcome = world.outcomes["shapes-violated"]
    assert outcome.returncode == 3, outcome.stderr
    lines = outcome.stderr.strip().splitlines()
    assert lines and all(line.startswith("kg: left out: ") for line in lines), outcome.stderr
    for line in lines:
        assert re.search(
            r"[\w.-]+\.txt: <https://w3id\.org/kg-oversight/id/quote/[^>]+> schema:text: "
            r"Quotation needs exactly one text",
            line,
        ), line
    from kg.export import load_graph
    from kg.validate import validate_graph

    trig = outcome.out / "graph.trig"
    assert validate_graph(load_graph(trig)) == []
    assert b"/id/quote/" not in trig.read_bytes()
    assert trig.read_bytes().count(b"schema:NewsArticle") >= 2  # every article is there
    assert not [n for n in _new_hidden(outcome) if n.startswith((".kg-build-", ".graph."))]
