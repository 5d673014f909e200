"""Store load, side by side on the same triples: kg's default store (Oxigraph through
oxrdflib, bulk path), pyoxigraph's own ``bulk_extend`` on ready-made quads, and rdflib's
in-memory store (on a prefix only: it needs about a kilobyte a triple)."""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
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


def load_side_by_side(store: KGStore, raw_dir: Path, extractions: Iterable[ArticleExtraction],
                      batch_articles: int, memory_statements: int) -> LoadTimes:
    """Write every batch to all contenders, timing each write separately (the triples are
    built once, outside the write timings, and timed on their own)."""
    times = LoadTimes()
    raw = pyoxigraph.Store(str(raw_dir))
    memory = Dataset(store="Memory")
    for batch in batches(extractions, batch_articles):
        started = time.perf_counter()
        graphs: GraphContents = {article_iri(e.article.source): article_triples(e) for e in batch}
        times.build_seconds += time.perf_counter() - started
        count = sum(len(t) for t in graphs.values())
        times.triples += count
        times.statements += sum(len(e.statements) for e in batch)
        times.sample_entities.extend(i for e in batch[:5] for s in e.statements[:2]
                                     for i in (s.subject, s.object))

        started = time.perf_counter()
        store.replace_graphs(graphs)
        times.default_seconds += time.perf_counter() - started

        convert = OxigraphTerms()
        quads = [pyoxigraph.Quad(convert(s), convert(p), convert(o), convert(g))
                 for g, triples in graphs.items() for s, p, o in triples]
        started = time.perf_counter()
        raw.bulk_extend(quads)
        times.bulk_extend_seconds += time.perf_counter() - started
        del quads

        if times.statements <= memory_statements:
            started = time.perf_counter()
            for graph, triples in graphs.items():
                memory.addN((s, p, o, graph) for s, p, o in triples)
            times.memory_seconds += time.perf_counter() - started
            times.memory_triples += count
    started = time.perf_counter()
    raw.flush()
    times.bulk_extend_seconds += time.perf_counter() - started
    del raw, memory
    return times
