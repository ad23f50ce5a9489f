"""The README's quick start is what CI runs, and every command is documented."""

import os
import re
from pathlib import Path

import pytest

from kg.cli import cli

from .conftest import ROOT


def quick_start() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "README quick start has no sh block"
    return [ln.strip() for ln in block.group(1).splitlines() if ln.strip()]


def test_docs_quick_start_is_two_commands():
    cmds = quick_start()
    assert len(cmds) == 2
    assert "kg build corpus" in cmds[0] and "pip install" in cmds[0]
    assert "pytest" in cmds[1] and "pip install" in cmds[1]


def test_docs_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start()[1] in ci.splitlines()


def test_docs_every_command_in_readme():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"kg {name}" in text, f"`kg {name}` is not in the README"


SYSTEM_PYTHON = Path("/usr/bin/python3")


@pytest.mark.skipif(
    not SYSTEM_PYTHON.exists() or not list(Path("/usr/lib").glob("python3*/EXTERNALLY-MANAGED")),
    reason="no system Python that refuses global installs (Debian, Ubuntu) on this machine",
)
def test_docs_first_command_works_with_the_system_python(tmp_path):
    """The README's first command, run as written in a fresh copy of the project with
    only the system Python on PATH (it refuses `pip install` outside a venv), builds
    the graph."""
    import shutil
    import subprocess

    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    copy = tmp_path / "kg"
    for name in files:
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    for key in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_CONFIG_FILE"):
        if key in os.environ:
            env[key] = os.environ[key]
    done = subprocess.run(
        quick_start()[0], shell=True, cwd=copy, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (copy / "exports" / "graph.ttl").stat().st_size > 10_000
