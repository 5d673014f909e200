"""Selecting what to draw: the whole graph, an ego network, paths, predicates and dates."""
from __future__ import annotations

import networkx as nx
import pytest

from kg.graph import GraphView
from kg.store import KGStore
from kg.store.queries import all_statements
from kg.viz.selection import Selection, SelectionError
from kg.viz.subgraph import select_subgraph


def select(store: KGStore, **options: object) -> nx.MultiDiGraph:
    return select_subgraph(store, GraphView(store), Selection(**options))  # type: ignore[arg-type]


def facts(graph: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(u, data["predicate"], v) for u, v, data in graph.edges(data=True)}


def test_whole_graph_holds_every_statement_once_as_weight(store: KGStore,
                                                          whole_graph: nx.MultiDiGraph) -> None:
    statements = all_statements(store)
    assert sum(w for *_, w in whole_graph.edges(data="weight")) == len(statements)
    assert set(whole_graph) == {i for s in statements for i in (s.subject, s.object)}
    assert whole_graph.nodes["putin"]["label"] == "Wladimir Putin"
    assert whole_graph.nodes["putin"]["type"] == "Person"
    assert whole_graph.nodes["donetsk"]["type"] == "Region"


def test_edges_carry_sentences_articles_and_dates(whole_graph: nx.MultiDiGraph) -> None:
    (troops,) = [d for *_, d in whole_graph.edges(data=True) if d["predicate"] == "sentTroopsTo"]
    assert troops["modality"] == "asserted" and troops["weight"] == 1
    (source,) = troops["sources"]
    assert source["sentence"] == "Nordkorea hat Soldaten nach Donezk geschickt."
    assert source["article"] == "002_donezk.txt"
    assert source["title"] == "Nordkoreanische Soldaten in Donezk"
    # "Oktober 2024" is no ISO date: the fact is dated by its article.
    assert troops["first_date"] == "2024-10-20"
    (supplies,) = [d for *_, d in whole_graph.edges(data=True) if d["predicate"] == "suppliesWeaponsTo"]
    assert supplies["modality"] == "alleged"


def test_a_node_starts_with_its_earliest_fact(whole_graph: nx.MultiDiGraph) -> None:
    assert whole_graph.nodes["donetsk"]["first_date"] == "2024-10-20"
    assert whole_graph.nodes["putin"]["first_date"] == "2024-06-19"


def test_focus_draws_the_ego_network_growing_with_depth(store: KGStore) -> None:
    near = select(store, focus="donetsk", depth=1)
    assert set(near) == {"donetsk", "north_korea"}
    assert facts(near) == {("north_korea", "sentTroopsTo", "donetsk")}
    assert near.nodes["donetsk"]["selected"] is True
    wider = select(store, focus="donetsk", depth=2)
    assert set(wider) == {"donetsk", "north_korea", "kim_jong_un", "russia"}
    # Every fact among the chosen entities is drawn, and none reaching outside them.
    assert ("kim_jong_un", "leaderOf", "north_korea") in facts(wider)
    assert not any("putin" in (u, v) for u, v in wider.edges())


def test_focus_takes_a_name_as_well_as_an_id(store: KGStore) -> None:
    assert set(select(store, focus="Donezk")) == set(select(store, focus="donetsk"))


def test_path_draws_only_the_links_along_the_paths(store: KGStore) -> None:
    graph = select(store, path=("donetsk", "putin"), depth=3)
    assert set(graph) == {"donetsk", "north_korea", "kim_jong_un", "putin"}
    assert ("russia", "suppliesWeaponsTo", "north_korea") not in facts(graph)
    assert graph.nodes["donetsk"]["selected"] and graph.nodes["putin"]["selected"]
    # Too short a path length finds nothing between the two ends.
    assert select(store, path=("donetsk", "putin"), depth=2).number_of_edges() == 0


def test_predicates_keep_only_their_facts_and_walks_use_only_them(store: KGStore) -> None:
    graph = select(store, predicates=frozenset({"met", "thanked"}))
    assert {p for _, p, _ in facts(graph)} == {"met", "thanked"}
    assert set(graph) == {"putin", "kim_jong_un"}
    # Without leaderOf, Donetsk's neighbourhood stops at North Korea.
    only_troops = select(store, focus="donetsk", depth=3, predicates=frozenset({"sentTroopsTo"}))
    assert set(only_troops) == {"donetsk", "north_korea"}


def test_since_and_until_keep_facts_dated_within(store: KGStore) -> None:
    june = select(store, until="2024-06")
    assert {e["articles"] for *_, e in june.edges(data=True)} == {"001_gipfel.txt"}
    october = select(store, since="2024-10-01")
    assert {e["articles"] for *_, e in october.edges(data=True)} == {"002_donezk.txt"}
    assert ("north_korea", "sentTroopsTo", "donetsk") in facts(october)
    assert select(store, since="2025").number_of_edges() == 0
    both = select(store, since="2024", until="2024")
    assert both.number_of_edges() == select(store).number_of_edges()


def test_weight_counts_only_the_sentences_the_filters_keep(store: KGStore) -> None:
    met_weights = lambda graph: sum(d["weight"] for *_, d in graph.edges(data=True)  # noqa: E731
                                    if d["predicate"] == "met")
    assert met_weights(select(store)) == 2
    assert met_weights(select(store, until="2024-06-30")) == 1


@pytest.mark.parametrize("options, message", [
    ({"focus": "putin", "path": ("putin", "russia")}, "either a focus"),
    ({"depth": 2}, "needs a focus"),
    ({"focus": "putin", "depth": 4}, "between 1 and 3"),
    ({"since": "Oktober"}, "must be a date"),
    ({"since": "2025", "until": "2024-12"}, "is after"),
])
def test_contradictory_options_are_refused_with_a_reason(options: dict[str, object],
                                                         message: str) -> None:
    with pytest.raises(SelectionError, match=message):
        Selection(**options)  # type: ignore[arg-type]


def test_an_unknown_entity_is_refused(store: KGStore) -> None:
    with pytest.raises(SelectionError, match="no entity matches"):
        select(store, focus="Atlantis")


def test_a_month_inside_a_year_is_a_valid_range() -> None:
    assert Selection(since="2023-05", until="2023").until == "2023"
