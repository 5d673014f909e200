"""Extraction throughput with the default pipeline: one process, and one per core.

Both modes run the same code: a pool of fresh worker processes (``spawn``, not ``fork``) that
load spaCy and the gazetteer before the clock starts, since that happens once per build. A
forked worker would inherit the caches the parent filled while it measured one process over
the same pages (spaCy's vocabulary, dateparser's and kg's lookups) and start warmer than the
one-process run did; with forked workers the ratio swung between 1.6× and 2.4× from run to
run (spawned: 1.81× to 2.09×).
"""
from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import cycle, islice
from multiprocessing.synchronize import Barrier
from pathlib import Path

from kg.config import Settings
from kg.pipeline import extract_page, extractor_for

#: How long a worker waits at most for the others to have loaded the pipeline.
_WARM_UP_TIMEOUT_SECONDS = 600.0
#: Pages a worker is handed at once, as ``kg build`` hands out chunks of pages: one page per
#: task cost the driver about half a millisecond of CPU per page (futures, pickling, the
#: pipe), 6 % of a core beside one worker and 12 % beside two, taken from the cores the
#: workers run on.
_PAGES_PER_TASK = 8
#: Tasks kept in flight per worker, so none waits for the driver between tasks.
_IN_FLIGHT_PER_WORKER = 2


@dataclass
class ExtractionRate:
    processes: int
    articles: int
    words: int
    seconds: float


def _page_words(path: Path, settings: Settings) -> int:
    return len(extract_page(path, settings).article.text.split())


#: A worker's settings, set once by :func:`_start_worker` (not pickled with every page).
_WORKER_SETTINGS: Settings | None = None


def _start_worker(settings: Settings, page: Path, everyone_warm: Barrier) -> None:
    """Load what the first page would: the pipeline, and what loads lazily (dateparser);
    then wait for the other workers to have done so too."""
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings
    extractor_for(settings)
    _page_words(page, settings)
    everyone_warm.wait(timeout=_WARM_UP_TIMEOUT_SECONDS)


def _worker_words(paths: list[Path]) -> int:
    """The words of ``paths``, extracted one after another."""
    assert _WORKER_SETTINGS is not None
    return sum(_page_words(path, _WORKER_SETTINGS) for path in paths)


class _Workers:
    """A pool of ``processes`` fresh workers, each with the pipeline loaded, that extracts
    pages (round and round, from the first) for a given time on request."""

    def __init__(self, pages: list[Path], settings: Settings, processes: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.processes = processes
        self._pages = cycle(pages)
        self._pool = ProcessPoolExecutor(processes, mp_context=context,
                                         initializer=_start_worker,
                                         initargs=(settings, pages[0],
                                                   context.Barrier(processes)))
        for start in [self._pool.submit(os.getpid) for _ in range(processes)]:
            start.result()

    def _submit(self) -> Future[int]:
        return self._pool.submit(_worker_words, list(islice(self._pages, _PAGES_PER_TASK)))

    def run(self, seconds: float) -> ExtractionRate:
        """Extract for ``seconds``, keeping a few chunks per worker in flight so no worker
        waits for a slower one; the time runs until the last chunk is back."""
        started = time.perf_counter()
        articles = words = 0
        pending = {self._submit() for _ in range(self.processes * _IN_FLIGHT_PER_WORKER)}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                words += future.result()
                articles += _PAGES_PER_TASK
                if time.perf_counter() - started < seconds:
                    pending.add(self._submit())
        return ExtractionRate(self.processes, articles, words, time.perf_counter() - started)

    def close(self) -> None:
        self._pool.shutdown()


def _added(total: ExtractionRate, part: ExtractionRate) -> ExtractionRate:
    return ExtractionRate(total.processes, total.articles + part.articles,
                          total.words + part.words, total.seconds + part.seconds)


def extraction_rates(pages: list[Path], settings: Settings, seconds: float, processes: int,
                     slices: int = 4) -> tuple[ExtractionRate, ExtractionRate]:
    """One worker's rate and ``processes`` workers' rate, each over ``seconds`` in all.

    Both pools are loaded before the clock starts (an initializer that ends at a barrier all
    workers of the pool reach, and one task each, which starts them all). The time is cut into
    ``slices`` turns per pool, taken in the order one, many, many, one, one, many, …: this
    machine's speed drifts by a fifth within a minute (one process measured 23,195, then
    18,677, then 17,421 words/s in turns 40 s apart), and a ratio taken from two runs one
    after the other measured the drift as much as the second core."""
    one, many = ExtractionRate(1, 0, 0, 0.0), ExtractionRate(processes, 0, 0, 0.0)
    with ExitStack() as pools:
        one_pool = _Workers(pages, settings, 1)
        pools.callback(one_pool.close)
        many_pool = _Workers(pages, settings, processes)
        pools.callback(many_pool.close)
        for turn in range(slices):
            order = [one_pool, many_pool] if turn % 2 == 0 else [many_pool, one_pool]
            for workers in order:
                rate = workers.run(seconds / slices)
                if workers is one_pool:
                    one = _added(one, rate)
                else:
                    many = _added(many, rate)
    return one, many
