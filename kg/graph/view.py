"""The entity graph as NetworkX sees it: nodes are entity ids, edges are stored facts.

One edge per fact (subject, predicate, object, modality), keyed by its relation id, with
attributes ``predicate``, ``modality``, ``confidence`` (the highest of its statements) and
``statement_ids``. The view follows the store by article: :meth:`GraphView.add_article` after
the store replaced an article, :meth:`GraphView.remove_article` after it deleted one.

Next to it, :attr:`GraphView.linked` is the undirected simple graph walks run on (one edge per
pair of entities with any fact between them), kept in step edge by edge: copying the
``MultiDiGraph`` per query cost O(facts) per request. Besides the graphs the view keeps, per
article, which statements it gave (:mod:`kg.graph.ledger`), not sentences, so it is built from
a narrow query (:class:`StatementEdge` values).

:meth:`GraphView.open` is what the server uses: the view saved next to an embedded store
(:mod:`kg.store.derived`) when there is one, so a start does not read every statement back.
What is saved is the graph and the packed ledger; ``linked`` is rebuilt from the graph (see
:func:`undirected`), which is quicker than unpickling it.
"""
from __future__ import annotations

from collections.abc import Collection
from itertools import chain
from types import MappingProxyType
from typing import Any

import networkx as nx

from kg.graph.ledger import StatementLedger
from kg.store import KGStore, derived
from kg.store.entity_index import INDEX_NAME
from kg.store.iris import relation_id
from kg.store.queries import open_known_entities, statement_edges
from kg.store.records import StatementEdge

#: The view's derived file in the store's folder, and the version of its shape: bump it
#: whenever what the view keeps changes, so older files are ignored.
SNAPSHOT_NAME = "graph-view.pickle"
SNAPSHOT_VERSION = 2

#: The attributes of every link in :attr:`GraphView.linked`: it has none, and one shared
#: read-only mapping instead of a dict per link is what lets it be rebuilt in a fraction of
#: the time unpickling it took.
NO_ATTRIBUTES: Any = MappingProxyType({})


class GraphView:
    """A ``MultiDiGraph`` of the store's statements, kept in step article by article."""

    def __init__(self, store: KGStore, *, build: bool = True) -> None:
        """The view of ``store``, read from it unless ``build`` is false (then empty until
        :meth:`refresh` or a snapshot fills it)."""
        self._store = store
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        #: Undirected, simple: what neighbourhoods and paths walk. Read it, never change it.
        self.linked: nx.Graph = nx.Graph()
        #: Each article's statements and each statement's confidence: what the edges'
        #: attributes are derived from, and what taking an article out again needs.
        self._ledger = StatementLedger()
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
        was written. :attr:`linked` is not saved: it is rebuilt from the graph."""
        return self.in_step() and derived.save(
            self._store, SNAPSHOT_NAME, SNAPSHOT_VERSION,
            (self.graph, self._ledger.pack(self.graph)), replace)

    def _restore(self) -> bool:
        state = derived.load(self._store, SNAPSHOT_NAME, SNAPSHOT_VERSION)
        if state is None:
            return False
        self.graph, packed = state
        self.linked = undirected(self.graph)
        self._ledger = StatementLedger(packed)
        self._changed()
        return True

    @property
    def store(self) -> KGStore:
        return self._store

    @property
    def article_count(self) -> int:
        """Articles with at least one statement in the view (an article is only ever noted
        with a statement, and goes with its statements)."""
        return len(self._ledger)

    def in_step(self) -> bool:
        """Whether no store write came after the view's last update: reads may then be served
        from the view; otherwise (a write the view was not told of) callers ask the store."""
        return self._generation == self._store.generation

    def refresh(self) -> None:
        """Rebuild from the whole store."""
        self.graph.clear()
        self._ledger.clear()
        for statement in statement_edges(self._store):
            self._attach(statement)
        self.linked = undirected(self.graph)
        self._changed()

    def add_article(self, source: str) -> None:
        """Take in an article the store has (re)written."""
        self.remove_article(source)
        for statement in statement_edges(self._store, source):
            self._attach(statement)
            self._link(statement.subject, statement.object)
        self._changed()

    def remove_article(self, source: str) -> None:
        """Forget an article's statements; entities left without an edge go too."""
        self._ledger.unpack(self.graph)
        for statement_id, subject, obj, key in self._ledger.pop(source):
            self._detach(statement_id, subject, obj, key)
            self._ledger.forget(statement_id)
        self._changed()

    def _changed(self) -> None:
        self.version += 1
        self._generation = self._store.generation

    def _attach(self, statement: StatementEdge) -> None:
        key = _edge_key(statement)
        subject, obj = statement.subject, statement.object
        self._ledger.add(statement.article, (statement.id, subject, obj, key), statement.confidence)
        data = self.graph.get_edge_data(subject, obj, key)
        if data is None:
            self.graph.add_edge(subject, obj, key=key, predicate=statement.predicate,
                                modality=statement.modality.value,
                                confidence=statement.confidence, statement_ids=(statement.id,))
        else:
            self._summarise(data, {*data["statement_ids"], statement.id})

    def _detach(self, statement_id: str, subject: str, obj: str, key: str) -> None:
        data = self.graph.get_edge_data(subject, obj, key)
        if data is None:
            return
        others = tuple(other for other in data["statement_ids"] if other != statement_id)
        if others:
            self._summarise(data, others)
            return
        self.graph.remove_edge(subject, obj, key=key)
        self._unlink(subject, obj)
        for node in {subject, obj}:
            if self.graph.degree(node) == 0:
                self.graph.remove_node(node)
                self.linked.remove_node(node)

    def _link(self, a: str, b: str) -> None:
        """Add the undirected link unless the pair has one (``add_edge`` would update the
        shared attributes of a rebuilt link, which are read-only)."""
        if not self.linked.has_edge(a, b):
            self.linked.add_edge(a, b)

    def _unlink(self, a: str, b: str) -> None:
        """Drop the undirected link once no fact joins the pair either way."""
        if not self.graph.has_edge(a, b) and not self.graph.has_edge(b, a):
            self.linked.remove_edge(a, b)

    def _summarise(self, data: dict[str, Any], statement_ids: Collection[str]) -> None:
        """An edge's attributes from its statements: their highest confidence, their ids."""
        data.update(confidence=max(map(self._ledger.confidence, statement_ids)),
                    statement_ids=tuple(sorted(statement_ids)))


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of ``graph`` (what ``nx.Graph(graph)`` makes, without the
    attributes): each entity's links in a fixed order, its successors then its other
    predecessors, so a restored view walks exactly as the one that was saved.

    Built straight into NetworkX's adjacency dicts, one C-level ``dict.fromkeys`` per entity:
    a few tenths of a second at a million statements, where unpickling the graph took several
    times that and ``add_edge`` per link longer still."""
    linked = nx.Graph()
    linked.add_nodes_from(graph)
    predecessors = graph.pred
    adjacency = linked._adj  # noqa: SLF001 - NetworkX's own dicts, filled as add_edge would
    for node, successors in graph.adjacency():
        adjacency[node] = dict.fromkeys(chain(successors, predecessors[node]), NO_ATTRIBUTES)
    return linked


def _edge_key(statement: StatementEdge) -> str:
    return relation_id(statement.subject, statement.predicate, statement.object,
                       statement.modality.value)


def prepare_for_serving(store: KGStore) -> None:
    """Make sure the derived files a server start reads are there, computing and saving them
    only when one is missing: a file that exists is current (every write deletes them first),
    and reading a million statements' view back just to check took seconds. (A file of an
    older shape is found out, and computed instead, by whoever reads it.)"""
    files = [store.derived_file(SNAPSHOT_NAME), store.derived_file(INDEX_NAME)]
    if any(path is None or not path.is_file() for path in files):
        open_for_serving(store)


def open_for_serving(store: KGStore) -> GraphView:
    """What a server start reads ahead, from the store's derived files when they are current
    (else computed and saved there): the graph view and the entity index. ``kg build`` calls
    it last, so the first ``kg serve`` after a build starts quickly."""
    open_known_entities(store)
    return GraphView.open(store)
