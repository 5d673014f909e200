"""Extraction throughput with the default pipeline: one process, then one per core.

Both run for a bounded time over the synthetic corpus; loading spaCy and the gazetteer is
done before the clock starts (in every worker too), since it happens once per build.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from itertools import cycle
from pathlib import Path

from kg.config import Settings
from kg.pipeline import extract_page, extractor_for


@dataclass
class ExtractionRate:
    processes: int
    articles: int
    words: int
    seconds: float


def _page_words(path: Path, settings: Settings) -> int:
    return len(extract_page(path, settings).article.text.split())


def _warm(settings: Settings, page: Path) -> None:
    """Load what the first page would: the pipeline, and what loads lazily (dateparser)."""
    extractor_for(settings)
    _page_words(page, settings)


#: A worker's settings, set once by :func:`_start_worker` (not pickled with every page).
_WORKER_SETTINGS: Settings | None = None


def _start_worker(settings: Settings, page: Path) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings
    _warm(settings, page)


def _worker_page_words(path: Path) -> int:
    assert _WORKER_SETTINGS is not None
    return _page_words(path, _WORKER_SETTINGS)


def _worker_ready(pause: float) -> int:
    time.sleep(pause)  # keeps this worker busy, so the next one gets its own start
    return os.getpid()


def extraction_rate(pages: list[Path], settings: Settings, seconds: float,
                    processes: int = 1) -> ExtractionRate:
    """Extract pages (round and round) until ``seconds`` have passed."""
    if processes == 1:
        _warm(settings, pages[0])
        started = time.perf_counter()
        articles = words = 0
        for path in cycle(pages):
            words += _page_words(path, settings)
            articles += 1
            if time.perf_counter() - started >= seconds:
                break
        return ExtractionRate(1, articles, words, time.perf_counter() - started)
    return _pool_rate(pages, settings, seconds, processes)


def _pool_rate(pages: list[Path], settings: Settings, seconds: float,
               processes: int) -> ExtractionRate:
    """Every worker loads the pipeline before the clock starts (an initializer, and one
    blocking task each so all of them have started); then a few pages per worker are kept in
    flight, so no worker waits for a slower one to finish a batch."""
    with ProcessPoolExecutor(processes, initializer=_start_worker,
                             initargs=(settings, pages[0])) as pool:
        started_workers = {f.result() for f in [pool.submit(_worker_ready, 0.5)
                                                for _ in range(processes)]}
        assert len(started_workers) == processes
        source = cycle(pages)
        started = time.perf_counter()
        articles = words = 0
        pending = {pool.submit(_worker_page_words, next(source)) for _ in range(processes * 4)}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                words += future.result()
                articles += 1
                if time.perf_counter() - started < seconds:
                    pending.add(pool.submit(_worker_page_words, next(source)))
        return ExtractionRate(processes, articles, words, time.perf_counter() - started)
