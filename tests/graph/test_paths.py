"""Neighbourhoods and paths over the undirected entity graph."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from kg.graph import GraphView, k_shortest_paths as paths, neighbours, shortest_path
from kg.model import ArticleExtraction
from kg.store import KGStore


@pytest.fixture
def view(store: KGStore) -> GraphView:
    return GraphView(store)


def test_neighbours_follow_links_both_ways(view: GraphView) -> None:
    assert neighbours(view, "north_korea") == ["donetsk", "kim_jong_un", "russia"]


def test_deeper_neighbourhoods_list_nearer_entities_first(view: GraphView) -> None:
    assert neighbours(view, "donetsk", depth=3) == ["north_korea", "kim_jong_un", "russia", "putin"]


def test_depth_past_the_maximum_is_refused(view: GraphView) -> None:
    with pytest.raises(ValueError, match="3 is the maximum"):
        neighbours(view, "putin", depth=4)


def test_shortest_path_reports_each_fact_as_stored(view: GraphView) -> None:
    path = shortest_path(view, "donetsk", "putin")
    assert path is not None
    assert path.entities == ("donetsk", "north_korea", "kim_jong_un", "putin")
    assert [(h.subject, h.predicate, h.object) for h in path.hops] == [
        ("north_korea", "sentTroopsTo", "donetsk"), ("kim_jong_un", "leaderOf", "north_korea"),
        ("kim_jong_un", "met", "putin")]
    assert path.length == 3


def test_paths_longer_than_the_limit_are_not_found(view: GraphView) -> None:
    assert shortest_path(view, "donetsk", "putin", max_length=2) is None


def test_paths_lists_shortest_first_and_stops_at_first(
        store: KGStore, extraction_factory: Callable[..., ArticleExtraction]) -> None:
    store.replace_article(extraction_factory(
        "003_praesident.txt", "Putin", date(2024, 1, 1), "Putin ist Präsident Russlands.",
        ["putin", "russia"], [(0, "putin", "leaderOf", "russia", {})]))
    view = GraphView(store)
    found = paths(view, "russia", "putin", max_length=3)
    assert [p.entities for p in found] == [
        ("russia", "putin"), ("russia", "north_korea", "kim_jong_un", "putin")]
    assert [p.length for p in paths(view, "russia", "putin", k=1)] == [1]
    assert paths(view, "russia", "putin", max_length=2) == found[:1]


def test_entities_in_separate_parts_of_the_graph_have_no_path(
        store: KGStore, extraction_factory: Callable[..., ArticleExtraction]) -> None:
    store.replace_article(extraction_factory(
        "003_donezk.txt", "Donezk", date(2024, 1, 1), "Pjöngjang schickte Soldaten nach Donezk.",
        ["pyongyang", "donetsk"], [(0, "pyongyang", "sentTroopsTo", "donetsk", {})]))
    store.delete_article("002_donezk.txt")
    view = GraphView(store)
    assert paths(view, "pyongyang", "putin") == []
    assert shortest_path(view, "donetsk", "putin") is None


def test_unknown_entities_have_no_paths(view: GraphView) -> None:
    assert paths(view, "nobody", "putin") == []
    assert neighbours(view, "nobody") == []
