"""Extraction throughput with the default pipeline: one process, then one per core.

Both run for a bounded time over the synthetic corpus; loading spaCy and the gazetteer is
done before the clock starts (in every worker too), since it happens once per build.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import cycle, islice
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


def _warm(settings: Settings) -> int:
    extractor_for(settings)
    return os.getpid()


def extraction_rate(pages: list[Path], settings: Settings, seconds: float,
                    processes: int = 1) -> ExtractionRate:
    """Extract pages (round and round) until ``seconds`` have passed."""
    if processes == 1:
        _warm(settings)
        started = time.perf_counter()
        articles = words = 0
        for path in cycle(pages):
            words += _page_words(path, settings)
            articles += 1
            if time.perf_counter() - started >= seconds:
                break
        return ExtractionRate(1, articles, words, time.perf_counter() - started)
    with ProcessPoolExecutor(processes) as pool:
        list(pool.map(_warm, [settings] * processes * 2))
        started = time.perf_counter()
        articles = words = 0
        source = cycle(pages)
        while time.perf_counter() - started < seconds:
            chunk = list(islice(source, processes * 8))
            results = list(pool.map(_page_words, chunk, [settings] * len(chunk), chunksize=4))
            words += sum(results)
            articles += len(results)
        return ExtractionRate(processes, articles, words, time.perf_counter() - started)
