"""Where ``kg build`` runs extraction: in this process, or on a Dask cluster.

Extraction is the CPU-bound part of a build and is independent per page, so it spreads over
processes and machines; writing stays in the driver (one bulk write per batch, one store
connection, the duplicate check in page order). Workers return plain values (an
``ArticleExtraction`` or the reason a page was skipped), never touch the store.

Dask rather than Ray: ``dask[distributed]`` is pure Python (Ray is a ~70 MB native wheel with a
Redis-like object store and a dashboard server), a ``LocalCluster`` starts in about two seconds,
and a batch job that maps a function over pages needs nothing of Ray's actors or object store.
"""
from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

LOCAL = "local"
DASK = "dask"
#: Pages per task: small enough to keep every worker busy to the end, large enough that the
#: scheduler's per-task cost (a few milliseconds) stays small beside extraction.
MAX_PAGES_PER_TASK = 50


class Executor(Protocol):
    def map(self, fn: Callable[[Item], Result], items: Sequence[Item]) -> Iterator[Result]:
        """``fn`` over ``items``, results in the order of ``items``, yielded as they come."""
        ...


class LocalExecutor:
    """This process, one page after another."""

    def map(self, fn: Callable[[Item], Result], items: Sequence[Item]) -> Iterator[Result]:
        return map(fn, items)


class DaskExecutor:
    """Chunks of pages as Dask tasks; results gathered in page order (so a build is the same
    whatever the cluster: the first file of two with the same text is kept, as locally)."""

    def __init__(self, client: object) -> None:
        self._client = client

    def map(self, fn: Callable[[Item], Result], items: Sequence[Item]) -> Iterator[Result]:
        if not items:
            return
        workers = max(1, len(self._client.scheduler_info()["workers"]))  # type: ignore[attr-defined]
        size = max(1, min(MAX_PAGES_PER_TASK, math.ceil(len(items) / (4 * workers))))
        chunks = [list(items[i:i + size]) for i in range(0, len(items), size)]
        futures = self._client.map(_map_chunk, chunks, fn=fn, pure=False)  # type: ignore[attr-defined]
        for future in futures:
            yield from future.result()
            future.release()


def _map_chunk(chunk: Iterable[Item], fn: Callable[[Item], Result]) -> list[Result]:
    return [fn(item) for item in chunk]


def parse_executor(spec: str) -> tuple[str, str | None]:
    """``local`` → (local, None); ``dask`` → (dask, None: a local cluster);
    ``dask://HOST:PORT`` → (dask, ``tcp://HOST:PORT``); ``dask://tls://…`` keeps its scheme."""
    if spec == LOCAL:
        return LOCAL, None
    if spec == DASK:
        return DASK, None
    if spec.startswith(DASK + "://"):
        address = spec[len(DASK) + 3:]
        return DASK, address if "://" in address else "tcp://" + address
    raise ValueError(f"unknown executor {spec!r}: use 'local', 'dask' or 'dask://HOST:PORT'")


@contextmanager
def open_executor(spec: str) -> Iterator[Executor]:
    """The executor ``spec`` names, with its cluster connection (or local cluster) open."""
    kind, address = parse_executor(spec)
    if kind == LOCAL:
        yield LocalExecutor()
        return
    from distributed import Client, LocalCluster
    if address is not None:
        with Client(address) as client:
            yield DaskExecutor(client)
        return
    with LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        yield DaskExecutor(client)
