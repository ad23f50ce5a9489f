"""A Dask cluster as a build executor: the same ``map``/``submit``/``close`` as
``kg.executor.ProcessExecutor``, so ``kg build --executor dask`` runs the very
code path of ``--jobs``, only on the cluster's workers.

What crosses the wire: a task names one article file (workers read it from a
path they can see: a shared or replicated corpus folder) and comes back as that
article's claims, never its text; rendering tasks come back as triple counts
written to files the build folder holds. ``map`` yields in the order of its
items, whatever order the workers finish in, so the exports are byte-identical
to a single-machine build.

The workers need kg installed (the same version) and the corpus reachable at
the same path. ``kg build --executor dask`` with no ``--scheduler`` starts a
local cluster of ``--jobs`` single-threaded worker processes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from typing import Any, TypeVar

from kg.errors import UsageError
from kg.executor import default_jobs, ordered_map

T = TypeVar("T")
R = TypeVar("R")


class DaskExecutor:
    """Run per-article work on a Dask cluster (``tcp://host:port``) or a local one."""

    def __init__(
        self,
        scheduler: str | None = None,
        jobs: int | None = None,
        *,
        batch: int = 32,
        window: int = 4,
    ) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError(
                "--executor dask needs the 'distributed' package: pip install 'kg[dask]'"
            ) from None
        self._cluster: Any = None
        if scheduler:
            try:
                self._client = Client(scheduler, timeout="10s")
            except OSError as e:
                raise UsageError(f"--scheduler {scheduler}: cannot reach it: {e}") from None
        else:
            self._cluster = LocalCluster(
                n_workers=jobs or default_jobs(),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                host="127.0.0.1",
            )
            self._client = Client(self._cluster)
        workers = self._client.scheduler_info().get("workers", {})
        self.jobs = max(1, sum(w.get("nthreads", 1) for w in workers.values()))
        self.batch = batch
        self.window = window * self.jobs

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        def submit(*args: Any) -> Any:
            return self._client.submit(*args, pure=False)

        return ordered_map(submit, fn, items, self.batch, self.window)

    def submit(self, fn: Callable[..., R], /, *args: Any) -> Future[R]:
        dask_future = self._client.submit(fn, *args, pure=False)
        future: Future[R] = Future()

        def done(f: Any) -> None:
            try:
                future.set_result(f.result())
            except BaseException as e:  # handed to whoever asks for the result
                future.set_exception(e)

        dask_future.add_done_callback(done)
        return future

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
