"""Queries POSTed as JSON are answered without Strawberry's view (kg.api.quick_queries), with
the very answer Strawberry gives: the same status, content type and bytes, the same errors
logged, the same guard rails; and everything else still goes to Strawberry."""
from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import strawberry
from graphql import get_introspection_query
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st
from hypothesis_graphql import from_schema
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route
from starlette.testclient import TestClient

from kg.api import create_app
from kg.api.app import KGGraphQL
from kg.api.limits import RequestLimits
from kg.config import Settings
from kg.graph.view import open_for_serving
from kg.store import KGStore

SDL = (Path(__file__).resolve().parents[2] / "schema" / "schema.graphql").read_text("utf-8")

RELATIONS = """query($id: ID!, $first: Int) { entity(id: $id) { label relations(first: $first) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id predicate modality
  confidence date sources { article sentence } subject { id label } object { id label } } } } } }"""

#: Request bodies (JSON values, or raw bytes) that meet every branch: answered quickly, with
#: and without errors, and each kind of request handed to Strawberry.
BODIES: list[Any] = [
    {"query": '{ entity(id: "putin") { id label aliases type wikidata mentionCount } }'},
    {"query": RELATIONS, "variables": {"id": "kim_jong_un", "first": 2}},
    {"query": RELATIONS, "variables": {"id": "kim_jong_un", "first": 2000}},  # over the cost
    {"query": RELATIONS, "variables": {"id": "nobody"}, "operationName": None},
    {"query": RELATIONS, "variables": {"id": 42}},  # coerced to "42"
    {"query": RELATIONS, "variables": {"id": ["a"]}},  # a variable that cannot be coerced
    {"query": RELATIONS},  # a required variable missing
    {"query": RELATIONS, "variables": None},
    {"query": '{ shortestPath(from: "putin", to: "nobody") { length } }'},  # NOT_FOUND
    {"query": '{ entity(id: "putin") { neighbours(depth: 9) { totalCount } } }'},  # a resolver's refusal
    {"query": "query Named { stats { articles entities statements } }", "operationName": "Named"},
    {"query": "query Named { stats { articles } }", "operationName": "Other"},
    {"query": "query A { stats { articles } } query B { stats { entities } }", "operationName": "B"},
    {"query": "query A { stats { articles } } query B { stats { entities } }"},
    {"query": "{ stats { articles } }", "extensions": {"trace": True}},
    {"query": "{ stats { nothing } }"},  # does not validate
    {"query": "{ stats { articles }"},  # does not parse
    {"query": "{ entity(id: \"putin\") { " + "label " * 3000 + "} }"},  # over the token limit
    {"query": "{ entity(id: \"putin\") { " + "relations(first: 1) { edges { node { subject { " * 3
              + "id" + " } } } }" * 3 + " } }"},  # cheap, but over the depth limit
    {"query": 'mutation { deleteArticle(source: "001_gipfel.txt") { deleted } }'},
    {"query": get_introspection_query(), "operationName": "IntrospectionQuery"},  # GraphiQL's
    {"query": '{ __typename entity(id: "putin") { __typename id } }'},
    {"query": None},
    {"query": 42},
    {"variables": {}},
    [{"query": "{ stats { articles } }"}],
    "{ stats { articles } }",
    b"{not json",
]


def _strawberry_app(store: KGStore, settings: Settings) -> Starlette:
    """The same ``/graphql`` with every request answered by Strawberry."""
    graphql = KGGraphQL(store, open_for_serving(store), settings)
    return Starlette(routes=[Route("/graphql", graphql)],
                     middleware=[Middleware(RequestLimits, settings=settings)])


@pytest.fixture
def clients(store: KGStore) -> Iterator[tuple[TestClient, TestClient]]:
    settings = Settings()
    with TestClient(create_app(store, settings=settings)) as quick, \
            TestClient(_strawberry_app(store, settings)) as plain:
        yield quick, plain


def _post(client: TestClient, body: Any, content_type: str = "application/json") -> tuple[Any, ...]:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = client.post("/graphql", content=content, headers={"content-type": content_type})
    return response.status_code, response.headers.get("content-type"), response.content


@pytest.mark.parametrize("body", BODIES, ids=range(len(BODIES)))
def test_answers_are_strawberrys_byte_for_byte(body: Any, clients, caplog) -> None:  # noqa: ANN001
    quick, plain = clients
    with caplog.at_level(logging.ERROR, logger="strawberry.execution"):
        answer = _post(quick, body)
        logged = [record.getMessage() for record in caplog.records]
        caplog.clear()
        assert answer == _post(plain, body)
        assert logged == [record.getMessage() for record in caplog.records]


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8", "APPLICATION/JSON",
                                          "text/plain", "application/graphql"])
def test_content_types_answer_as_strawberry_does(content_type: str, clients) -> None:  # noqa: ANN001
    quick, plain = clients
    body = {"query": "{ stats { articles } }"}
    assert _post(quick, body, content_type) == _post(plain, body, content_type)


def test_get_requests_and_graphiql_still_work(clients) -> None:  # noqa: ANN001
    quick, _ = clients
    answer = quick.get("/graphql", params={"query": "{ stats { articles } }"})
    assert answer.status_code == 200 and answer.json() == {"data": {"stats": {"articles": 2}}}
    assert "graphiql" in quick.get("/graphql", headers={"Accept": "text/html"}).text.lower()


@hypothesis_settings(max_examples=40, deadline=None, derandomize=True, database=None,
                     suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_schema_generated_queries_answer_as_strawberry_does(data: st.DataObject, clients) -> None:  # noqa: ANN001
    query = data.draw(from_schema(SDL, fields=["entity", "relations", "shortestPath",
                                               "egoNetwork", "articles", "searchEntities"]))
    quick, plain = clients
    assert _post(quick, {"query": query}) == _post(plain, {"query": query})


def test_plain_queries_skip_strawberry_and_the_rest_do_not(clients, monkeypatch) -> None:  # noqa: ANN001
    quick, _ = clients
    calls: list[str | None] = []
    original = strawberry.Schema.execute

    async def counted(self: strawberry.Schema, query: str | None, *args: Any, **kwargs: Any) -> Any:
        calls.append(query)
        return await original(self, query, *args, **kwargs)

    monkeypatch.setattr(strawberry.Schema, "execute", counted)
    for body in ({"query": RELATIONS, "variables": {"id": "putin", "first": 5}},
                 {"query": '{ shortestPath(from: "putin", to: "nobody") { length } }'}):
        assert _post(quick, body)[0] == 200
    assert calls == []
    _post(quick, {"query": "{ stats { nothing } }"})
    _post(quick, {"query": "{ stats { articles } }", "extensions": {}})
    assert len(calls) == 2


def test_quick_queries_stop_at_the_time_limit(store: KGStore) -> None:
    with TestClient(create_app(store, settings=Settings(api_time_limit_seconds=0.0))) as client:
        answer = client.post("/graphql", json={"query": RELATIONS, "variables": {"id": "putin"}}).json()
    assert answer["data"] == {"entity": None}
    assert answer["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert "time limit of 0 s" in answer["errors"][0]["message"]
