"""The GraphQL API answered in-process: every field the schema promises, over real HTTP requests."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from kg.api import create_app
from kg.config import Settings
from kg.store import KGStore

GraphQL = Callable[..., dict[str, Any]]


@pytest.fixture
def client(store: KGStore) -> Iterator[TestClient]:
    with TestClient(create_app(store, settings=Settings())) as test_client:
        yield test_client


def test_health_reports_the_article_count(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok", "articles": 2}


def test_a_browser_gets_graphiql(client: TestClient) -> None:
    page = client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()


def test_entity_carries_the_gazetteer_label(client: TestClient, graphql: GraphQL) -> None:
    answer = graphql(client, '{ entity(id: "putin") { id label aliases type wikidata } }')
    assert answer["data"]["entity"] == {
        "id": "putin", "label": "Wladimir Putin", "aliases": ["Putin", "Vladimir Putin"],
        "type": "PERSON", "wikidata": "Q7747"}


def test_an_unknown_entity_is_null(client: TestClient, graphql: GraphQL) -> None:
    assert graphql(client, '{ entity(id: "nobody") { id } }')["data"] == {"entity": None}


def test_search_pages_through_results_with_cursors(client: TestClient, graphql: GraphQL) -> None:
    query = """query($after: String) { searchEntities(query: "", first: 4, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }"""
    first = graphql(client, query)["data"]["searchEntities"]
    assert first["totalCount"] == 6 and first["pageInfo"]["hasNextPage"] is True
    rest = graphql(client, query, after=first["pageInfo"]["endCursor"])["data"]["searchEntities"]
    assert rest["pageInfo"]["hasNextPage"] is False
    ids = [e["node"]["id"] for e in first["edges"] + rest["edges"]]
    assert len(ids) == 6 == len(set(ids))


def test_search_filters_by_type(client: TestClient, graphql: GraphQL) -> None:
    answer = graphql(client, '{ searchEntities(query: "o", type: REGION) { edges { node { id } } } }')
    assert [e["node"]["id"] for e in answer["data"]["searchEntities"]["edges"]] == ["donetsk"]


def test_relations_group_sources_and_filter_by_direction(client: TestClient, graphql: GraphQL) -> None:
    query = """query($direction: Direction!) { entity(id: "kim_jong_un") {
        relations(filter: {direction: $direction}) { totalCount edges { node {
          predicate modality confidence date subject { id } object { label } place { id }
          sources { article sentence start end } } } } } }"""
    incoming = graphql(client, query, direction="IN")["data"]["entity"]["relations"]
    [met] = [e["node"] for e in incoming["edges"]]
    assert (met["predicate"], met["modality"], met["date"]) == ("met", "ASSERTED", "2024-06-19")
    assert met["place"] == {"id": "pyongyang"} and met["object"] == {"label": "Wladimir Putin"}
    assert [s["article"] for s in met["sources"]] == ["001_gipfel.txt", "002_donezk.txt"]
    assert met["sources"][0]["sentence"].startswith("Wladimir Putin hat Kim")
    assert graphql(client, query, direction="OUT")["data"]["entity"]["relations"]["totalCount"] == 3


def test_neighbours_resolve_to_entities(client: TestClient, graphql: GraphQL) -> None:
    answer = graphql(client, '{ entity(id: "donetsk") { neighbours(depth: 2) { edges { node { id label } } } } }')
    assert [e["node"] for e in answer["data"]["entity"]["neighbours"]["edges"]] == [
        {"id": "north_korea", "label": "Nordkorea"}, {"id": "kim_jong_un", "label": "Kim Jong Un"},
        {"id": "russia", "label": "Russland"}]


def test_neighbours_deeper_than_three_is_an_error_naming_the_maximum(
        client: TestClient, graphql: GraphQL) -> None:
    answer = graphql(client, '{ entity(id: "putin") { neighbours(depth: 4) { totalCount } } }')
    assert "3 is the maximum" in answer["errors"][0]["message"]
    assert answer["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"


def test_shortest_path_lists_entities_and_hops(client: TestClient, graphql: GraphQL) -> None:
    answer = graphql(client, """{ shortestPath(from: "donetsk", to: "putin") {
        length entities { id } hops { subject { id } predicate object { label } } } }""")
    path = answer["data"]["shortestPath"]
    assert path["length"] == 3
    assert [e["id"] for e in path["entities"]] == ["donetsk", "north_korea", "kim_jong_un", "putin"]
    assert path["hops"][0] == {"subject": {"id": "north_korea"}, "predicate": "sentTroopsTo",
                               "object": {"label": "Donezk"}}


def test_paths_respect_max_length(client: TestClient, graphql: GraphQL) -> None:
    query = 'query($n: Int!) { kShortestPaths(from: "russia", to: "putin", maxLength: $n) { length } }'
    assert graphql(client, query, n=3)["data"]["kShortestPaths"] == [{"length": 3}]
    assert graphql(client, query, n=2)["data"]["kShortestPaths"] == []


def test_articles_and_stats(client: TestClient, graphql: GraphQL) -> None:
    answer = graphql(client, """{ articles(first: 1) { totalCount pageInfo { hasNextPage }
        edges { node { source title date outlet statementCount } } }
        stats { articles entities statements } }""")["data"]
    assert answer["articles"]["totalCount"] == 2 and answer["articles"]["pageInfo"]["hasNextPage"]
    assert answer["articles"]["edges"][0]["node"] == {
        "source": "001_gipfel.txt", "title": "Putin trifft Kim in Pjöngjang", "date": "2024-06-19",
        "outlet": "Testzeitung", "statementCount": 3}
    assert answer["stats"] == {"articles": 2, "entities": 6, "statements": 6}
