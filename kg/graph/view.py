"""The entity graph as NetworkX sees it: nodes are entity ids, edges are stored facts.

One edge per fact (subject, predicate, object, modality), keyed by its relation id, with
attributes ``predicate``, ``modality``, ``confidence`` (the highest of its statements) and
``statement_ids``. The view follows the store by article: :meth:`GraphView.add_article` after
the store replaced an article, :meth:`GraphView.remove_article` after it deleted one.

Next to it, :attr:`GraphView.linked` is the undirected simple graph walks run on (one edge per
pair of entities with any fact between them), kept in step edge by edge: copying the
``MultiDiGraph`` per query cost O(facts) per request. The view holds only
:class:`StatementEdge` values (fact, article, confidence), not sentences, so it is built from a
narrow query.

:meth:`GraphView.open` is what the server uses: the view saved next to an embedded store
(:mod:`kg.store.derived`) when there is one, so a start does not read every statement back.
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from kg.store import KGStore, derived
from kg.store.iris import relation_id
from kg.store.queries import open_known_entities, statement_edges
from kg.store.records import StatementEdge


#: The view's derived file in the store's folder, and the version of its shape: bump it
#: whenever what the view keeps changes, so older files are ignored.
SNAPSHOT_NAME = "graph-view.pickle"
SNAPSHOT_VERSION = 1


class GraphView:
    """A ``MultiDiGraph`` of the store's statements, kept in step article by article."""

    def __init__(self, store: KGStore, *, build: bool = True) -> None:
        """The view of ``store``, read from it unless ``build`` is false (then empty until
        :meth:`refresh` or a snapshot fills it)."""
        self._store = store
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        #: Undirected, simple: what neighbourhoods and paths walk. Read it, never change it.
        self.linked: nx.Graph = nx.Graph()
        self._statements_by_article: dict[str, list[StatementEdge]] = defaultdict(list)
        #: statement id → confidence, per edge key: what an edge's attributes are derived from.
        self._edge_statements: dict[str, dict[str, float]] = defaultdict(dict)
        #: Bumped on every change, so results computed from the graph (rankings) know when
        #: they went stale.
        self.version = 0
        #: The store's generation the view last caught up with (see :meth:`in_step`).
        self._generation = store.generation
        if build:
            self.refresh()

    @classmethod
    def open(cls, store: KGStore) -> GraphView:
        """The view from the snapshot next to the store when there is a current one; else
        read from the store and saved there, so the next start is quick."""
        view = cls(store, build=False)
        if not view._restore():
            view.refresh()
            view.save_snapshot(replace=True)
        return view

    def save_snapshot(self, replace: bool = False) -> bool:
        """Save the view next to the store (embedded stores only) if it is in step with the
        store and none is saved yet (or ``replace``: one that could not be used); whether one
        was written."""
        return self.in_step() and derived.save(
            self._store, SNAPSHOT_NAME, SNAPSHOT_VERSION,
            (self.graph, self.linked, dict(self._statements_by_article),
             dict(self._edge_statements)), replace)

    def _restore(self) -> bool:
        state = derived.load(self._store, SNAPSHOT_NAME, SNAPSHOT_VERSION)
        if state is None:
            return False
        self.graph, self.linked, by_article, edge_statements = state
        self._statements_by_article = defaultdict(list, by_article)
        self._edge_statements = defaultdict(dict, edge_statements)
        self._changed()
        return True

    @property
    def store(self) -> KGStore:
        return self._store

    @property
    def article_count(self) -> int:
        """Articles with at least one statement in the view (a list is only ever made by
        appending a statement, and goes with its article)."""
        return len(self._statements_by_article)

    def in_step(self) -> bool:
        """Whether no store write came after the view's last update: reads may then be served
        from the view; otherwise (a write the view was not told of) callers ask the store."""
        return self._generation == self._store.generation

    def refresh(self) -> None:
        """Rebuild from the whole store."""
        self.graph.clear()
        self.linked.clear()
        self._statements_by_article.clear()
        self._edge_statements.clear()
        for statement in statement_edges(self._store):
            self._attach(statement)
        self._changed()

    def add_article(self, source: str) -> None:
        """Take in an article the store has (re)written."""
        self.remove_article(source)
        for statement in statement_edges(self._store, source):
            self._attach(statement)
        self._changed()

    def remove_article(self, source: str) -> None:
        """Forget an article's statements; entities left without an edge go too."""
        for statement in self._statements_by_article.pop(source, []):
            self._detach(statement)
        self._changed()

    def _changed(self) -> None:
        self.version += 1
        self._generation = self._store.generation

    def _attach(self, statement: StatementEdge) -> None:
        self._statements_by_article[statement.article].append(statement)
        key = _edge_key(statement)
        self._edge_statements[key][statement.id] = statement.confidence
        self.linked.add_edge(statement.subject, statement.object)
        self.graph.add_edge(statement.subject, statement.object, key=key,
                            predicate=statement.predicate, modality=statement.modality.value)
        self._summarise(statement.subject, statement.object, key)

    def _detach(self, statement: StatementEdge) -> None:
        key = _edge_key(statement)
        confidences = self._edge_statements[key]
        confidences.pop(statement.id, None)
        if confidences:
            self._summarise(statement.subject, statement.object, key)
            return
        del self._edge_statements[key]
        self.graph.remove_edge(statement.subject, statement.object, key=key)
        self._unlink(statement.subject, statement.object)
        for node in {statement.subject, statement.object}:
            if self.graph.degree(node) == 0:
                self.graph.remove_node(node)
                self.linked.remove_node(node)

    def _unlink(self, a: str, b: str) -> None:
        """Drop the undirected link once no fact joins the pair either way."""
        if not self.graph.has_edge(a, b) and not self.graph.has_edge(b, a):
            self.linked.remove_edge(a, b)

    def _summarise(self, subject: str, obj: str, key: str) -> None:
        confidences = self._edge_statements[key]
        self.graph.edges[subject, obj, key].update(
            confidence=max(confidences.values()), statement_ids=tuple(sorted(confidences)))


def _edge_key(statement: StatementEdge) -> str:
    return relation_id(statement.subject, statement.predicate, statement.object,
                       statement.modality.value)


def open_for_serving(store: KGStore) -> GraphView:
    """What a server start reads ahead, from the store's derived files when they are current
    (else computed and saved there): the graph view and the entity index. ``kg build`` calls
    it last, so the first ``kg serve`` after a build starts quickly."""
    open_known_entities(store)
    return GraphView.open(store)
