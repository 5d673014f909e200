"""Extraction throughput with the default pipeline: one process, then one per core.

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
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from itertools import cycle
from multiprocessing.synchronize import Barrier
from pathlib import Path

from kg.config import Settings
from kg.pipeline import extract_page, extractor_for

#: How long a worker waits at most for the others to have loaded the pipeline.
_WARM_UP_TIMEOUT_SECONDS = 600.0
#: Pages kept in flight per worker, so none waits for the driver between pages.
_IN_FLIGHT_PER_WORKER = 4


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


def _worker_page_words(path: Path) -> int:
    assert _WORKER_SETTINGS is not None
    return _page_words(path, _WORKER_SETTINGS)


def extraction_rate(pages: list[Path], settings: Settings, seconds: float,
                    processes: int = 1) -> ExtractionRate:
    """Extract pages (round and round, from the first) in ``processes`` fresh workers until
    ``seconds`` have passed.

    Every worker has loaded the pipeline before the clock starts (an initializer that ends
    at a barrier all workers reach, and one task each, which starts them all); then a few
    pages per worker are kept in flight, so no worker waits for a slower one to finish."""
    context = multiprocessing.get_context("spawn")
    everyone_warm = context.Barrier(processes)
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_start_worker,
                             initargs=(settings, pages[0], everyone_warm)) as pool:
        for start in [pool.submit(os.getpid) for _ in range(processes)]:
            start.result()
        source = cycle(pages)
        started = time.perf_counter()
        articles = words = 0
        pending = {pool.submit(_worker_page_words, next(source))
                   for _ in range(processes * _IN_FLIGHT_PER_WORKER)}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                words += future.result()
                articles += 1
                if time.perf_counter() - started < seconds:
                    pending.add(pool.submit(_worker_page_words, next(source)))
        return ExtractionRate(processes, articles, words, time.perf_counter() - started)
