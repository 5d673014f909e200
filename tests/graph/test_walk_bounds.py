"""Deeper walks run on arrays kept per view version, and path searches stop at the length
asked for; both give what a plain NetworkX walk gives, and follow every write."""
from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from itertools import product

import networkx as nx
import pytest

from kg.graph import (GraphView, ego_network, k_shortest_paths, neighbours, paths,
                      shortest_path)
from kg.graph.paths import ANY_FACT, FactFilter
from kg.model import ArticleExtraction, Modality
from kg.store import KGStore

FILTERS = [ANY_FACT, FactFilter(modalities=(Modality.ASSERTED,)),
           FactFilter(predicates=("met", "leaderOf"))]


def _walked(graph: nx.Graph, entity: str, depth: int) -> list[str]:
    """Nearest first, ties by id, without the entity: the order promised."""
    if entity not in graph:
        return []
    distances = nx.single_source_shortest_path_length(graph, entity, cutoff=depth)
    return sorted((n for n in distances if n != entity), key=lambda n: (distances[n], n))


@pytest.mark.parametrize("where", FILTERS)
def test_neighbours_are_what_a_networkx_walk_finds(store: KGStore, where: FactFilter) -> None:
    view = GraphView(store)
    graph = paths.linked(view, where)
    for entity, depth in product(["putin", "donetsk", "russia", "pyongyang", "nobody"], [1, 2, 3]):
        assert neighbours(view, entity, depth, where) == _walked(graph, entity, depth)


def test_neighbours_follow_writes(
        store: KGStore, extraction_factory: Callable[..., ArticleExtraction]) -> None:
    view = GraphView(store)
    assert "pyongyang" not in neighbours(view, "donetsk", 3)
    store.replace_article(extraction_factory(
        "003_donezk.txt", "Donezk", date(2024, 1, 1), "Pjöngjang schickte Soldaten nach Donezk.",
        ["pyongyang", "donetsk"], [(0, "pyongyang", "sentTroopsTo", "donetsk", {})]))
    view.add_article("003_donezk.txt")
    assert neighbours(view, "donetsk", 3) == _walked(view.linked, "donetsk", 3)
    assert neighbours(view, "donetsk", 3)[0] == "north_korea"
    assert "pyongyang" in neighbours(view, "donetsk", 1)
    view.remove_article("002_donezk.txt")
    assert neighbours(view, "donetsk", 3) == ["pyongyang"]


def test_a_kept_neighbour_list_is_never_handed_out_itself(store: KGStore) -> None:
    view = GraphView(store)
    first = neighbours(view, "donetsk", 3)
    first.clear()
    assert neighbours(view, "donetsk", 3) == ["north_korea", "kim_jong_un", "russia", "putin"]


def test_kept_neighbour_lists_are_bounded(store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "MAX_CACHED_NEIGHBOURS", 3)
    view = GraphView(store)
    for _ in range(2):
        for entity in ("putin", "donetsk", "russia"):
            assert neighbours(view, entity, 2) == _walked(view.linked, entity, 2)
    assert paths._NEIGHBOURS.of(view).weight <= 4


def test_arrays_are_rebuilt_only_after_a_change(store: KGStore) -> None:
    view = GraphView(store)
    paths.prepare(view)
    built = paths._adjacency(view, ANY_FACT)
    neighbours(view, "putin", 3)
    assert paths._adjacency(view, ANY_FACT) is built
    view.remove_article("002_donezk.txt")
    assert paths._adjacency(view, ANY_FACT) is not built


@pytest.mark.parametrize("links", [900, 6000])
def test_layers_of_a_large_random_graph_match_networkx(links: int) -> None:
    """Many layers, shared neighbours and isolated pairs: the vectorised walk's edge cases,
    on a sparse graph (frontiers gathered row by row) and a dense one (matrix products)."""
    rng = random.Random(7)
    graph = nx.gnm_random_graph(400, links, seed=7)
    graph = nx.relabel_nodes(graph, {n: f"e{n:03d}" for n in graph})
    graph.add_edge("lonely-a", "lonely-b")
    adjacency = paths._Adjacency.of(graph.adj)
    for entity in [*rng.sample(sorted(graph), 25), "lonely-a"]:
        for depth in (1, 2, 3):
            layers = adjacency.layers(adjacency.index[entity], depth)
            found = [adjacency.names[n] for layer in layers for n in layer]
            assert found == [entity, *_walked(graph, entity, depth)]


def test_ego_networks_are_unchanged(store: KGStore) -> None:
    view = GraphView(store)
    ego = ego_network(view, "donetsk", radius=2, max_nodes=3)
    assert ego is not None
    assert ego.nodes == ("donetsk", "north_korea", "kim_jong_un") and ego.truncated


def test_a_stand_in_without_a_version_walks_with_networkx(store: KGStore) -> None:
    """:mod:`kg.viz` walks a structure that offers only ``.graph``."""
    class StandIn:
        def __init__(self, graph: nx.MultiDiGraph) -> None:
            self.graph = graph

    view = GraphView(store)
    stand_in = StandIn(view.graph)
    deeper = neighbours(stand_in, "donetsk", 3)  # type: ignore[arg-type]
    assert deeper == neighbours(view, "donetsk", 3)
    ego = ego_network(stand_in, "donetsk", radius=3)  # type: ignore[arg-type]
    assert ego is not None and ego.nodes == ("donetsk", *neighbours(view, "donetsk", 3))


@pytest.mark.parametrize("where", FILTERS)
def test_shortest_path_is_the_first_of_the_k_shortest(store: KGStore, where: FactFilter) -> None:
    view = GraphView(store)
    entities = ["putin", "kim_jong_un", "russia", "north_korea", "donetsk", "pyongyang"]
    for source, target, length in product(entities, entities, range(1, 5)):
        first = k_shortest_paths(view, source, target, 1, length, where)
        assert shortest_path(view, source, target, length, where) == (first[0] if first else None)


def test_the_path_search_stops_at_the_length_asked_for() -> None:
    """A chain of 40 links: asking for four hops reads only about four layers either side."""
    chain = nx.path_graph([f"n{i:02d}" for i in range(41)])
    visited: list[str] = []

    class Counting(nx.Graph):
        def __getitem__(self, node: str):  # noqa: ANN204 - the adjacency as NetworkX gives it
            visited.append(node)
            return super().__getitem__(node)

    graph = Counting(chain)
    assert paths._bidirectional_path(graph, "n00", "n40", 4) is None
    assert len(visited) <= 4
    assert paths._bidirectional_path(graph, "n00", "n04", 4) == [f"n{i:02d}" for i in range(5)]
    assert paths._bidirectional_path(graph, "n00", "n05", 4) is None
