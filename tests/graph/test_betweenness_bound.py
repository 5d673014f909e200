"""Betweenness stays exact on small graphs and is sampled, reproducibly, on large ones."""
from __future__ import annotations

import networkx as nx
import pytest

from kg.graph import GraphView, rankings
from kg.graph.rankings import Centrality, most_connected
from kg.store import KGStore


def test_small_graphs_get_exact_betweenness(store: KGStore) -> None:
    view = GraphView(store)
    exact = nx.betweenness_centrality(view.linked)
    assert dict(most_connected(view, Centrality.BETWEENNESS)) == pytest.approx(exact)


def test_large_graphs_get_betweenness_from_a_sample_of_sources(
        store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    view = GraphView(store)
    monkeypatch.setattr(rankings, "EXACT_BETWEENNESS_NODES", 2)
    calls: list[object] = []
    real = nx.betweenness_centrality

    def counting(graph: nx.Graph, k: int | None = None, **options: object) -> dict:
        calls.append(k)
        return real(graph, k=k, **options)

    monkeypatch.setattr(rankings.nx, "betweenness_centrality", counting)
    first = most_connected(view, Centrality.BETWEENNESS)
    view.version += 1  # a change: computed again, with the same answer (fixed seed)
    assert most_connected(view, Centrality.BETWEENNESS) == first
    assert calls == [2, 2]
