"""The NetworkX view follows the store."""
from __future__ import annotations

from typing import Any

from kg.graph import GraphView
from kg.model import ArticleExtraction
from kg.store import KGStore


def _edges(view: GraphView, subject: str, obj: str, predicate: str) -> list[dict[str, Any]]:
    return [d for d in (view.graph.get_edge_data(subject, obj) or {}).values()
            if d["predicate"] == predicate]


def test_each_fact_is_one_edge_carrying_all_its_statements(store: KGStore) -> None:
    view = GraphView(store)
    [met] = _edges(view, "kim_jong_un", "putin", "met")
    assert len(met["statement_ids"]) == 2
    assert met["confidence"] == 0.9
    assert view.graph.number_of_edges() == 5


def test_alleged_facts_are_edges_marked_with_their_modality(store: KGStore) -> None:
    [supplies] = _edges(GraphView(store), "russia", "north_korea", "suppliesWeaponsTo")
    assert supplies["modality"] == "alleged"


def test_removing_an_article_keeps_facts_other_articles_state(store: KGStore) -> None:
    view = GraphView(store)
    view.remove_article("002_donezk.txt")
    assert "donetsk" not in view.graph
    [met] = _edges(view, "kim_jong_un", "putin", "met")
    assert len(met["statement_ids"]) == 1
    assert _edges(view, "kim_jong_un", "putin", "thanked") == []


def test_adding_an_article_matches_a_full_refresh(
        empty_store: KGStore, extractions: list[ArticleExtraction]) -> None:
    view = GraphView(empty_store)
    for extraction in extractions:
        empty_store.replace_article(extraction)
        view.add_article(extraction.article.source)
    view.add_article(extractions[0].article.source)
    incremental = sorted(view.graph.edges(keys=True, data=True))
    view.refresh()
    assert sorted(view.graph.edges(keys=True, data=True)) == incremental


def test_the_undirected_view_follows_every_change(
        empty_store: KGStore, extractions: list[ArticleExtraction]) -> None:
    """``linked`` is kept edge by edge; it must always equal a fresh undirected copy."""
    import networkx as nx

    def same(view: GraphView) -> bool:
        fresh = nx.Graph(view.graph)
        return (set(view.linked.nodes) == set(fresh.nodes)
                and {frozenset(e) for e in view.linked.edges} == {frozenset(e) for e in fresh.edges})

    view = GraphView(empty_store)
    for extraction in extractions:
        empty_store.replace_article(extraction)
        view.add_article(extraction.article.source)
        assert same(view)
    view.remove_article("002_donezk.txt")
    assert same(view) and "donetsk" not in view.linked
    view.remove_article("001_gipfel.txt")
    assert same(view) and view.linked.number_of_nodes() == 0


def test_the_view_knows_when_a_write_passed_it_by(
        store: KGStore, extractions: list[ArticleExtraction]) -> None:
    view = GraphView(store)
    assert view.in_step()
    store.replace_article(extractions[0])
    assert not view.in_step()
    view.add_article(extractions[0].article.source)
    assert view.in_step()
