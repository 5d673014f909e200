"""Which statements each article gave the graph view, and each statement's confidence: what
taking an article out of the view again needs (the graph itself keeps only a fact's highest
confidence and its statement ids).

That is an entry per statement, a million at a million statements, and a restored view needs
none of it until something is written. Saved as Python objects (a dataclass per statement, a
dict of confidences per fact) it was most of a server start: unpickling them took about 7 of
10 s. So the ledger is saved *packed*: three NumPy arrays that number each statement by where
its id sits in the graph (edge by edge, as :func:`_statements_in_order` walks them), restored
in milliseconds and unpacked into dicts on the first change (about a second at a million
statements, paid by the first write rather than by every start).
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from kg.store.derived import without_collections

#: One statement as the ledger keeps it: its id, its fact's subject and object, and the fact's
#: edge key, which together find its edge in the graph.
Entry = tuple[str, str, str, str]


@dataclass(frozen=True)
class PackedLedger:
    """The ledger as saved: statements numbered in the graph's order (:func:`_statements_in_order`)."""

    #: Articles in the ledger's order, with how many statements each gave.
    articles: list[str]
    counts: np.ndarray  # int64, one per article
    #: The statements' numbers, article after article.
    numbers: np.ndarray  # int64
    #: Every statement's confidence, by number.
    confidences: np.ndarray  # float64


class StatementLedger:
    """Article → its statements, and statement id → confidence; packed until first changed."""

    def __init__(self, packed: PackedLedger | None = None) -> None:
        self._packed = packed
        self._articles: dict[str, list[Entry]] = {}
        self._confidences: dict[str, float] = {}

    def __len__(self) -> int:
        """How many articles gave at least one statement."""
        return len(self._packed.articles) if self._packed is not None else len(self._articles)

    def clear(self) -> None:
        self._packed = None
        self._articles.clear()
        self._confidences.clear()

    def add(self, article: str, entry: Entry, confidence: float) -> None:
        """Note a statement of ``article`` (only once unpacked: see :meth:`unpack`)."""
        assert self._packed is None, "unpack the ledger before the graph changes"
        self._articles.setdefault(article, []).append(entry)
        self._confidences[entry[0]] = confidence

    def confidence(self, statement_id: str) -> float:
        return self._confidences[statement_id]

    def pop(self, article: str) -> list[Entry]:
        """The article's statements, no longer in the ledger; their confidences stay until
        :meth:`forget` (the facts they share with other statements are summarised again
        first)."""
        return self._articles.pop(article, [])

    def forget(self, statement_id: str) -> None:
        self._confidences.pop(statement_id, None)

    def unpack(self, graph: nx.MultiDiGraph) -> None:
        """Turn the saved arrays into dicts; ``graph`` must be the one they were packed with,
        unchanged. A no-op once unpacked."""
        packed, self._packed = self._packed, None
        if packed is None:
            return
        with without_collections():
            located = _statements_in_order(graph)
            numbers = packed.numbers.tolist()
            at = located.__getitem__
            start = 0
            for article, count in zip(packed.articles, packed.counts.tolist()):
                self._articles[article] = list(map(at, numbers[start:start + count]))
                start += count
            self._confidences = dict(zip((entry[0] for entry in located),
                                         packed.confidences.tolist()))

    def pack(self, graph: nx.MultiDiGraph) -> PackedLedger:
        """What to save with ``graph`` (the saved arrays themselves while never unpacked)."""
        if self._packed is not None:
            return self._packed
        located = [entry[0] for entry in _statements_in_order(graph)]
        number = {statement_id: n for n, statement_id in enumerate(located)}
        entries = self._articles.values()
        return PackedLedger(
            articles=list(self._articles),
            counts=np.fromiter(map(len, entries), dtype=np.int64, count=len(entries)),
            numbers=np.fromiter((number[entry[0]] for article in entries for entry in article),
                                dtype=np.int64),
            confidences=np.fromiter(map(self._confidences.__getitem__, located),
                                    dtype=np.float64, count=len(located)))


def _statements_in_order(graph: nx.MultiDiGraph) -> list[Entry]:
    """Every statement on the graph's edges, edge by edge in the graph's own order (which
    pickling keeps), each edge's statements in id order: what a statement's number counts.
    One comprehension over the adjacency dicts: a third of the time of ``graph.edges``."""
    return [(statement_id, subject, obj, key)
            for subject, successors in graph.adjacency()
            for obj, edges in successors.items()
            for key, data in edges.items()
            for statement_id in data["statement_ids"]]
