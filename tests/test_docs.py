"""The README's quick start is what CI runs, and every command is documented."""

import re

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
