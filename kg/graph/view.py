"""The entity graph as NetworkX sees it: nodes are entity ids, edges are stored facts.

One edge per fact (subject, predicate, object, modality), keyed by its relation id, with
attributes ``predicate``, ``modality``, ``confidence`` (the highest of its statements) and
``statement_ids``. The view follows the store by article: :meth:`GraphView.add_article` after
the store replaced an article, :meth:`GraphView.remove_article` after it deleted one.
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from kg.store import KGStore
from kg.store.iris import relation_id
from kg.store.queries import all_statements
from kg.store.records import StatementRecord


class GraphView:
    """A ``MultiDiGraph`` of the store's statements, kept in step article by article."""

    def __init__(self, store: KGStore) -> None:
        self._store = store
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self._statements_by_article: dict[str, list[StatementRecord]] = defaultdict(list)
        #: statement id → confidence, per edge key: what an edge's attributes are derived from.
        self._edge_statements: dict[str, dict[str, float]] = defaultdict(dict)
        #: Bumped on every change, so results computed from the graph (rankings) know when
        #: they went stale.
        self.version = 0
        self.refresh()

    def refresh(self) -> None:
        """Rebuild from the whole store."""
        self.graph.clear()
        self._statements_by_article.clear()
        self._edge_statements.clear()
        for statement in all_statements(self._store):
            self._attach(statement)
        self.version += 1

    def add_article(self, source: str) -> None:
        """Take in an article the store has (re)written."""
        self.remove_article(source)
        for statement in all_statements(self._store, source):
            self._attach(statement)
        self.version += 1

    def remove_article(self, source: str) -> None:
        """Forget an article's statements; entities left without an edge go too."""
        for statement in self._statements_by_article.pop(source, []):
            self._detach(statement)
        self.version += 1

    def _attach(self, statement: StatementRecord) -> None:
        self._statements_by_article[statement.article].append(statement)
        key = _edge_key(statement)
        self._edge_statements[key][statement.id] = statement.confidence
        self.graph.add_edge(statement.subject, statement.object, key=key,
                            predicate=statement.predicate, modality=statement.modality.value)
        self._summarise(statement.subject, statement.object, key)

    def _detach(self, statement: StatementRecord) -> None:
        key = _edge_key(statement)
        confidences = self._edge_statements[key]
        confidences.pop(statement.id, None)
        if confidences:
            self._summarise(statement.subject, statement.object, key)
            return
        del self._edge_statements[key]
        self.graph.remove_edge(statement.subject, statement.object, key=key)
        for node in {statement.subject, statement.object}:
            if self.graph.degree(node) == 0:
                self.graph.remove_node(node)

    def _summarise(self, subject: str, obj: str, key: str) -> None:
        confidences = self._edge_statements[key]
        self.graph.edges[subject, obj, key].update(
            confidence=max(confidences.values()), statement_ids=tuple(sorted(confidences)))


def _edge_key(statement: StatementRecord) -> str:
    return relation_id(statement.subject, statement.predicate, statement.object,
                       statement.modality.value)
