"""Where per-article work runs: in this process, or in a pool of worker processes.

The build hands its per-article steps (read and extract; render an article's
triples) to an :class:`Executor`. Two come with kg: :class:`SerialExecutor`
runs everything here, in order, and :class:`ProcessExecutor` spreads it over
``jobs`` worker processes. Another backend (a Dask cluster, say) needs only
``map``, ``submit``, ``jobs`` and ``close``.

``map`` yields results in the order of its items, whatever order the workers
finish in, so a parallel build writes the same bytes as a serial one. It keeps
only a bounded window of batches in flight, so a slow consumer never makes
results pile up in memory: that is what keeps a 100,000-article build flat.

Functions and their arguments cross a process boundary: they must be
picklable (module-level functions, plain data).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    """Runs functions over items, possibly elsewhere."""

    jobs: int

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``fn(item)`` for each item, yielded in the order of ``items``."""
        ...

    def submit(self, fn: Callable[..., R], /, *args: Any) -> Future[R]:
        """``fn(*args)``, to run beside whatever else is going on."""
        ...

    def close(self) -> None: ...


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class SerialExecutor:
    """Everything in this process, in order: no pickling, easy to debug and profile."""

    jobs = 1

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return map(fn, items)

    def submit(self, fn: Callable[..., R], /, *args: Any) -> Future[R]:
        future: Future[R] = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as e:  # handed to whoever asks for the result
            future.set_exception(e)
        return future

    def close(self) -> None:
        pass

    def __enter__(self) -> SerialExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _apply(fn: Callable[[T], R], batch: Sequence[T]) -> list[R]:
    return [fn(item) for item in batch]


def ordered_map(
    submit: Callable[..., Any], fn: Callable[[T], R], items: Iterable[T], batch: int, window: int
) -> Iterator[R]:
    """``fn`` over ``items`` in batches through ``submit`` (a pool's or a cluster's),
    at most ``window`` batches in flight, yielded in the order of ``items``."""
    pending: deque[Any] = deque()
    it = iter(items)
    try:
        while True:
            while len(pending) < window:
                chunk = [x for _, x in zip(range(batch), it, strict=False)]
                if not chunk:
                    break
                pending.append(submit(_apply, fn, chunk))
            if not pending:
                return
            yield from pending.popleft().result()
    finally:
        for f in pending:
            f.cancel()


class ProcessExecutor:
    """A pool of ``jobs`` worker processes; items go out in batches of ``batch``.

    On Linux the workers are forked, so what the parent has loaded (the
    ontology, the compiled patterns) is theirs without loading it again.
    """

    def __init__(self, jobs: int | None = None, *, batch: int = 16, window: int = 4) -> None:
        self.jobs = jobs or default_jobs()
        self.batch = batch
        self.window = window * self.jobs
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._pool = ProcessPoolExecutor(self.jobs, mp_context=ctx)

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return ordered_map(self._pool.submit, fn, items, self.batch, self.window)

    def submit(self, fn: Callable[..., R], /, *args: Any) -> Future[R]:
        return self._pool.submit(fn, *args)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ProcessExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_executor(jobs: int | None = None) -> SerialExecutor | ProcessExecutor:
    """``jobs`` workers (default: every core); one means this process alone."""
    jobs = jobs or default_jobs()
    return SerialExecutor() if jobs <= 1 else ProcessExecutor(jobs)


def map_articles(fn: Callable[[T], R], items: Iterable[T], jobs: int | None = None) -> list[R]:
    """``[fn(x) for x in items]`` over ``jobs`` processes, in order."""
    ex = make_executor(jobs)
    try:
        return list(ex.map(fn, items))
    finally:
        ex.close()
