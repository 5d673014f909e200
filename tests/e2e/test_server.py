"""The real server on a real port, asked real GraphQL over HTTP."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from kg.store import KGStore

GraphQL = Callable[..., dict[str, Any]]


@pytest.fixture
def store_uri(tmp_path: Path) -> str:
    """The server runs on the on-disk store, as ``kg serve`` does."""
    return str(tmp_path / "kg-data")


@pytest.fixture
def client(store: KGStore, serve_store) -> Iterator[httpx.Client]:  # noqa: ANN001
    with serve_store(store) as http:
        assert http.get("/health").json() == {"status": "ok", "articles": 2}
        yield http


def test_search_finds_pjoengjang_spelt_without_umlaut(client: httpx.Client, graphql: GraphQL) -> None:
    answer = graphql(client, '{ searchEntities(query: "pjongjang") { totalCount edges { node { id label type } } } }')
    assert answer["data"]["searchEntities"] == {
        "totalCount": 1, "edges": [{"node": {"id": "pyongyang", "label": "Pjöngjang", "type": "CITY"}}]}


def test_relations_of_an_entity(client: httpx.Client, graphql: GraphQL) -> None:
    answer = graphql(client, """{ entity(id: "north_korea") { relations(filter: {direction: IN}) {
        edges { node { subject { id } predicate modality sources { article } } } } } }""")
    relations = {(e["node"]["subject"]["id"], e["node"]["predicate"], e["node"]["modality"])
                 for e in answer["data"]["entity"]["relations"]["edges"]}
    assert relations == {("kim_jong_un", "leaderOf", "ASSERTED"),
                         ("russia", "suppliesWeaponsTo", "ALLEGED")}


def test_shortest_path_between_two_entities(client: httpx.Client, graphql: GraphQL) -> None:
    answer = graphql(client, """{ shortestPath(from: "russia", to: "putin", maxLength: 4) {
        length entities { label } hops { predicate } } }""")
    assert answer["data"]["shortestPath"] == {
        "length": 3,
        "entities": [{"label": "Russland"}, {"label": "Nordkorea"}, {"label": "Kim Jong Un"},
                     {"label": "Wladimir Putin"}],
        "hops": [{"predicate": "suppliesWeaponsTo"}, {"predicate": "leaderOf"}, {"predicate": "met"}]}


def test_too_deep_neighbourhoods_are_a_graphql_error(client: httpx.Client, graphql: GraphQL) -> None:
    answer = graphql(client, '{ entity(id: "putin") { neighbours(depth: 5) { totalCount } } }')
    assert answer["data"] == {"entity": None}
    assert "3 is the maximum" in answer["errors"][0]["message"]
