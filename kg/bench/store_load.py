"""Store load on the same triples, in one run: kg's default store (Oxigraph through
oxrdflib, bulk path), pyoxigraph's own ``bulk_extend`` on ready-made quads, and rdflib's
in-memory store (on a prefix only: it needs about a kilobyte a triple)."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pyoxigraph
from rdflib import Dataset

from kg.model import ArticleExtraction
from kg.store import KGStore
from kg.store.article_graph import article_triples
from kg.store.backends import GraphContents, OxigraphTerms
from kg.store.iris import article_iri
from kg.store.update_text import triple_count


@dataclass
class LoadTimes:
    """Seconds spent and amounts written, per contender."""

    statements: int = 0
    triples: int = 0
    build_seconds: float = 0.0
    default_seconds: float = 0.0
    bulk_extend_seconds: float = 0.0
    memory_triples: int = 0
    memory_seconds: float = 0.0
    sample_entities: list[str] = field(default_factory=list)


def batches(extractions: Iterable[ArticleExtraction], size: int) -> Iterator[list[ArticleExtraction]]:
    iterator = iter(extractions)
    while batch := list(islice(iterator, size)):
        yield batch


def load_side_by_side(store: KGStore, raw_dir: Path,
                      extractions: Callable[[], Iterable[ArticleExtraction]],
                      batch_articles: int, memory_statements: int) -> LoadTimes:
    """Write the same batches to every contender, one contender after the other: kg's store
    first (closed at the end, since the flush to disk belongs to the load), then
    ``bulk_extend`` and rdflib's memory store. ``extractions`` makes the same stream again
    for each pass (it is too big to keep).

    One after the other, not batch by batch: RocksDB compacts in background threads after a
    write, and with two stores written in turn each store's compaction ran during the other
    store's timed writes (at four million triples kg's rate was 55,000 triples/s that way,
    70,000 alone). The triples are built outside the write timings, and timed on their own
    in the first pass."""
    times = LoadTimes()
    for batch in batches(extractions(), batch_articles):
        started = time.perf_counter()
        graphs = _graphs(batch)
        times.build_seconds += time.perf_counter() - started
        times.triples += triple_count(graphs)
        times.statements += sum(len(e.statements) for e in batch)
        times.sample_entities.extend(i for e in batch[:5] for s in e.statements[:2]
                                     for i in (s.subject, s.object))
        started = time.perf_counter()
        store.replace_graphs(graphs)
        times.default_seconds += time.perf_counter() - started
    started = time.perf_counter()
    store.close()
    times.default_seconds += time.perf_counter() - started

    raw = pyoxigraph.Store(str(raw_dir))
    memory = Dataset(store="Memory")
    statements = 0
    for batch in batches(extractions(), batch_articles):
        graphs = _graphs(batch)
        convert = OxigraphTerms()
        quads = [pyoxigraph.Quad(convert(s), convert(p), convert(o), convert(g))
                 for g, triples in graphs.items() for s, p, o in triples]
        started = time.perf_counter()
        raw.bulk_extend(quads)
        times.bulk_extend_seconds += time.perf_counter() - started
        del quads
        statements += sum(len(e.statements) for e in batch)
        if statements <= memory_statements:
            started = time.perf_counter()
            for graph, triples in graphs.items():
                memory.addN((s, p, o, graph) for s, p, o in triples)
            times.memory_seconds += time.perf_counter() - started
            times.memory_triples += triple_count(graphs)
    started = time.perf_counter()
    raw.flush()
    times.bulk_extend_seconds += time.perf_counter() - started
    del raw, memory
    return times


def _graphs(batch: list[ArticleExtraction]) -> GraphContents:
    return {article_iri(e.article.source): article_triples(e) for e in batch}
