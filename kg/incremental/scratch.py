"""The build's scratch folder in ``OUT``, and what a killed build leaves there."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from kg.errors import ExportError

PREFIX = ".kg-build-"


def make(out: Path) -> Path:
    """A new scratch folder in ``out``, named by this process, after removing those
    of builds that were killed."""
    _remove_leftovers(out)
    try:
        return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=out))
    except OSError as e:
        raise ExportError(f"{out}: cannot create a work folder: {e.strerror or e}") from e


def _remove_leftovers(out: Path) -> None:
    """The scratch folders of builds that were killed (their process is gone) and, when
    no other build is running in ``out``, the staging files they left."""
    live = False
    for entry in out.glob(f"{PREFIX}*"):
        pid = entry.name.removeprefix(PREFIX).split("-", 1)[0]
        if pid.isdigit() and _alive(int(pid)):
            live = True
        elif entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
    if not live:
        for entry in out.glob(".graph.*.tmp"):
            with contextlib.suppress(OSError):
                entry.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process
        return True
    return True


@contextlib.contextmanager
def terminate_as_exit() -> Iterator[None]:
    """While building, SIGTERM (timeout, systemd, a CI cancel) ends the build as
    Ctrl-C does: through its clean-up, with exit status 143."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
