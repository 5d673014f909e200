"""What a saved view is made of: the statement ledger, packed into arrays and unpacked again,
and the undirected links rebuilt from the graph (the round trip through a store's folder is in
``tests/store/test_derived_files.py``)."""
from __future__ import annotations

import networkx as nx
import pytest

from kg.graph import GraphView
from kg.graph.ledger import StatementLedger
from kg.graph.view import undirected
from kg.store import KGStore


def test_the_ledger_unpacks_to_what_was_packed(store: KGStore) -> None:
    view = GraphView(store)
    ledger = view._ledger
    packed = StatementLedger(ledger.pack(view.graph))
    assert len(packed) == len(ledger) == 2
    packed.unpack(view.graph)
    for article in ("001_gipfel.txt", "002_donezk.txt"):
        entries = ledger.pop(article)
        assert entries and packed.pop(article) == entries
        for statement_id, *_ in entries:
            assert packed.confidence(statement_id) == ledger.confidence(statement_id)


def test_the_undirected_links_are_what_networkx_makes() -> None:
    graph = nx.MultiDiGraph()
    graph.add_edges_from([("a", "b", "k1"), ("b", "a", "k2"), ("a", "b", "k3"), ("c", "c", "k4"),
                          ("b", "d", "k5"), ("e", "b", "k6")])
    linked = undirected(graph)
    fresh = nx.Graph(graph)
    assert list(linked.nodes) == list(fresh.nodes)
    assert {frozenset(e) for e in linked.edges} == {frozenset(e) for e in fresh.edges}
    assert list(linked["b"]) == ["a", "d", "e"]  # successors, then other predecessors
    with pytest.raises(TypeError):  # shared by every link: read-only
        linked.edges["a", "b"]["weight"] = 1
