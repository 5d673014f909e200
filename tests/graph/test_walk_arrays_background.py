"""The arrays deep walks use, built in a thread of their own (what a server start does): the
same arrays, and walks that ask before they are ready still get the right entities."""
from __future__ import annotations

import random
import threading

import networkx as nx
import pytest

from kg.graph import GraphView, neighbours, paths
from kg.graph.paths import ANY_FACT, prepare_in_background
from kg.store import KGStore

ENTITIES = ["putin", "donetsk", "russia", "pyongyang", "kim_jong_un", "nobody"]


def _walked(graph: nx.Graph, entity: str, depth: int) -> list[str]:
    if entity not in graph:
        return []
    distances = nx.single_source_shortest_path_length(graph, entity, cutoff=depth)
    return sorted((n for n in distances if n != entity), key=lambda n: (distances[n], n))


def test_arrays_built_in_the_background_are_the_ones_walks_use(store: KGStore) -> None:
    view = GraphView(store)
    prepare_in_background(view).join()
    built = paths._ADJACENCY.of(view).get(ANY_FACT)  # kept for this version by the build
    assert built is not None
    for entity in ENTITIES:
        assert neighbours(view, entity, 3) == _walked(view.linked, entity, 3)
    assert paths._adjacency(view, ANY_FACT) is built  # the walks built nothing of their own


def test_a_walk_during_the_build_waits_for_it(store: KGStore,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    view = GraphView(store)
    started, release = threading.Event(), threading.Event()
    of = paths._Adjacency.of

    def slow(adjacency: dict) -> paths._Adjacency:
        started.set()
        release.wait(timeout=10)
        return of(adjacency)

    monkeypatch.setattr(paths._Adjacency, "of", staticmethod(slow))
    thread = prepare_in_background(view)
    assert started.wait(timeout=10)
    answers: list[list[str]] = []
    walker = threading.Thread(target=lambda: answers.append(neighbours(view, "donetsk", 3)))
    walker.start()
    walker.join(timeout=0.2)
    assert walker.is_alive() and not answers  # waiting for the background build
    release.set()
    thread.join(timeout=10)
    walker.join(timeout=10)
    assert answers == [_walked(view.linked, "donetsk", 3)]


def test_a_change_after_the_background_build_is_walked(store: KGStore) -> None:
    view = GraphView(store)
    prepare_in_background(view).join()
    view.remove_article("002_donezk.txt")
    assert neighbours(view, "putin", 3) == _walked(view.linked, "putin", 3)
    assert "donetsk" not in neighbours(view, "putin", 3)


@pytest.mark.parametrize("rows", [1, 7, 1_000])
def test_links_numbered_in_chunks_are_the_same(monkeypatch: pytest.MonkeyPatch, rows: int) -> None:
    graph = nx.relabel_nodes(nx.gnm_random_graph(60, 200, seed=3), lambda n: f"e{n:02d}")
    monkeypatch.setattr(paths, "_ROWS_PER_CHUNK", rows)
    adjacency = paths._Adjacency.of(graph.adj)
    for entity in random.Random(3).sample(sorted(graph), 10):
        layers = adjacency.layers(adjacency.index[entity], 3)
        assert [adjacency.names[n] for layer in layers for n in layer][1:] == \
            _walked(graph, entity, 3)
