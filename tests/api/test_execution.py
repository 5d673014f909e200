"""The quick execution of plain fields (kg.api.execution) answers exactly as graphql-core:
the same data and the same errors, on kg's schema and on values graphql-core must handle
itself (nulls where none are allowed, awaitables, errors) — and it does take the quick path."""
from __future__ import annotations

import asyncio
import json
import types
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import strawberry
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st
from graphql.pyutils import is_awaitable
from hypothesis_graphql import from_schema

from kg.api.context import Context
from kg.api import execution
from kg.api.execution import QuickExecutionContext, plain_value
from kg.api.guards import guard_extensions
from kg.api.schema import Mutation, Query, build_schema
from kg.config import Settings
from kg.graph.view import open_for_serving
from kg.store import KGStore

SDL = (Path(__file__).resolve().parents[2] / "schema" / "schema.graphql").read_text("utf-8")

RELATION_PAGE = """query($id: ID!) { entity(id: $id) { label relations(first: 20) { totalCount
  pageInfo { hasNextPage endCursor } edges { cursor node { id predicate modality confidence
  subject { id label type aliases } object { id label wikidata } } } } } }"""

#: Queries that mix plain fields with resolvers, awaited fields, aliases, fragments and
#: directives, so both paths meet inside one object.
MIXED = [
    RELATION_PAGE,
    """query($id: ID!) { entity(id: $id) { relations { edges { node { predicate date
        earliestDate place { id label } sources { article sentence start end } } } } } }""",
    """query($id: ID!, $skip: Boolean!) { entity(id: $id) { __typename first: label
        second: label ...Names aliases @skip(if: $skip) relations(first: 2) { edges {
        node { ... on Relation { id subject { ...Names } } subject { mentionCount } } } } } }
        fragment Names on Entity { id label aliases }""",
    """query($id: ID!) { entity(id: $id) { neighbours(depth: 2) { totalCount edges { node {
        id label type } } } timeline { edges { node { date predicate subject { label }
        source { article sentence } } } } } }""",
    """{ shortestPath(from: "putin", to: "donetsk") { length entities { id label }
        hops { relationId predicate subject { id } object { id } } } stats { articles
        entities statements } articles { edges { node { source title date statementCount } } } }""",
    """{ egoNetwork(id: "kim_jong_un", radius: 2) { center { id } nodes { id label }
        edges { predicate modality confidence } truncated } }""",
]


def _execute(schema: strawberry.Schema, query: str, context: Context,
             variables: dict[str, Any] | None = None) -> tuple[Any, list[tuple[str, Any]]]:
    """Data and errors; a fresh context each time (its DataLoaders belong to one event loop)."""
    fresh = Context(store=context.store, graph=context.graph, settings=context.settings)
    result = asyncio.run(schema.execute(query, variable_values=variables, context_value=fresh))
    return json.dumps(result.data), sorted((e.message, e.path) for e in result.errors or [])


@pytest.fixture
def schemas(settings: Settings) -> tuple[strawberry.Schema, strawberry.Schema]:
    """kg's schema, and the same schema on graphql-core's own execution."""
    plain = strawberry.Schema(query=Query, mutation=Mutation, extensions=guard_extensions(settings))
    return build_schema(settings), plain


@pytest.fixture
def context(store: KGStore, settings: Settings) -> Context:
    return Context(store=store, graph=open_for_serving(store), settings=settings)


@pytest.mark.parametrize("query", MIXED)
@pytest.mark.parametrize("entity", ["putin", "kim_jong_un", "north_korea", "nobody"])
def test_kg_queries_answer_as_graphql_core_does(query: str, entity: str, schemas, context) -> None:  # noqa: ANN001
    quick, plain = schemas
    variables = {"id": entity, "skip": entity == "putin"}
    answer = _execute(quick, query, context, variables)
    assert answer == _execute(plain, query, context, variables)
    if entity == "kim_jong_un":
        data = json.loads(answer[0])  # an answer, not two equal errors
        assert not answer[1] and all(value is not None for value in data.values())


@hypothesis_settings(max_examples=60, deadline=None, derandomize=True, database=None,
                     suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_schema_generated_queries_answer_as_graphql_core_does(data: st.DataObject, schemas,  # noqa: ANN001
                                                              context) -> None:  # noqa: ANN001
    query = data.draw(from_schema(SDL, fields=["entity", "relations", "shortestPath",
                                               "egoNetwork", "articles", "searchEntities"]))
    quick, plain = schemas
    assert _execute(quick, query, context) == _execute(plain, query, context)


class _Counting(QuickExecutionContext):
    """Counts the fields graphql-core executes itself."""

    calls = 0

    def execute_field(self, *args: Any, **kwargs: Any) -> Any:
        type(self).calls += 1
        return super().execute_field(*args, **kwargs)


def test_a_relations_page_leaves_only_its_resolvers_to_graphql_core(settings: Settings,
                                                                    context: Context) -> None:
    schema = strawberry.Schema(query=Query, mutation=Mutation, extensions=guard_extensions(settings),
                               execution_context_class=_Counting)
    _Counting.calls = 0
    data, errors = _execute(schema, RELATION_PAGE, context, {"id": "kim_jong_un"})
    assert not errors and len(json.loads(data)["entity"]["relations"]["edges"]) == 3
    assert _Counting.calls == 2  # its two resolvers, entity and relations; not its other 40 fields


DIRECTED = """query($skip: Boolean!) { entity(id: "kim_jong_un") { id aliases @skip(if: $skip)
  relations(first: 1) { edges { node { predicate ... on Relation @include(if: $skip) {
  confidence } } } } } }"""


def test_one_document_with_directives_answers_each_request_for_its_variables(
        settings: Settings, context: Context) -> None:
    schema = build_schema(settings)  # its parser cache hands every request the same document
    for skip in (True, False, True):
        data, errors = _execute(schema, DIRECTED, context, {"skip": skip})
        entity = json.loads(data)["entity"]
        assert not errors and ("aliases" in entity) is not skip
        assert ("confidence" in entity["relations"]["edges"][0]["node"]) is skip


def test_plans_are_made_once_per_document_without_directives(settings: Settings, context: Context,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    original = execution.plain_field

    def counted(parent_type: Any, group: Any) -> Any:
        made.append(parent_type.name)
        return original(parent_type, group)

    monkeypatch.setattr(execution, "plain_field", counted)
    schema = build_schema(settings)
    _execute(schema, RELATION_PAGE, context, {"id": "kim_jong_un"})
    first = len(made)
    for entity in ("putin", "kim_jong_un"):
        _execute(schema, RELATION_PAGE, context, {"id": entity})
    assert first > 5 and len(made) == first  # the later requests made none


def test_values_are_judged_by_type_and_generators_each_time() -> None:
    def plain_generator() -> Iterator[int]:
        yield 1

    @types.coroutine
    def awaitable_generator() -> Iterator[None]:
        yield

    assert plain_value(plain_generator(), is_awaitable) is True
    assert plain_value(awaitable_generator(), is_awaitable) is False
    assert plain_value(ValueError("failed"), is_awaitable) is False
    assert plain_value(_Ready("later"), is_awaitable) is False
    assert plain_value(Part(name="p", size=1, tags=[]), is_awaitable) is True


# -- values graphql-core has to handle: nulls, awaitables, errors, odd lists -----------------

class _Ready:
    """An awaitable in a plain attribute (as a relation's unread ``sources`` are)."""

    def __init__(self, value: object) -> None:
        self.value = value

    def __await__(self):  # noqa: ANN204
        if False:
            yield
        return self.value


@strawberry.enum
class Colour(str, Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Part:
    name: str
    size: int | None
    tags: list[str]
    colour: Colour | None = None
    code: strawberry.ID | None = None


@strawberry.type
class Item:
    name: str
    note: str | None
    part: Part | None
    parts: list[Part]


def _items() -> list[Item]:
    part = Part(name="p", size=3, tags=["a", "b"])
    return [
        Item(name="fine", note=None, part=part, parts=[part, part]),
        Item(name="awaited", note=_Ready("later"), part=_Ready(part), parts=[part]),  # type: ignore[arg-type]
        Item(name=None, note="null name", part=None, parts=[]),  # type: ignore[arg-type]
        Item(name="bad part", note=None, part=Part(name=None, size=1, tags=[]), parts=[]),  # type: ignore[arg-type]
        Item(name="bad tags", note=None, part=Part(name="q", size=None, tags=None), parts=[part]),  # type: ignore[arg-type]
        Item(name="bad size", note=None, part=Part(name="r", size="big", tags=[]), parts=[]),  # type: ignore[arg-type]
        Item(name="tuple parts", note=ValueError("note failed"), part=None, parts=(part,)),  # type: ignore[arg-type]
        Item(name="not a list", note=None, part=None, parts=part),  # type: ignore[arg-type]
        # A str enum's member, its text (equal to it) and a text it does not have; an ID
        # given as a number.
        Item(name="colours", note=None, part=Part(name="s", size=1, tags=[], colour=Colour.RED),
             parts=[Part(name="t", size=1, tags=[], colour="red", code=7),  # type: ignore[arg-type]
                    Part(name="u", size=1, tags=[], colour=Colour.BLUE, code="c"),  # type: ignore[arg-type]
                    Part(name="v", size=1, tags=[], colour="purple")]),  # type: ignore[arg-type]
    ]


@strawberry.type
class ItemQuery:
    @strawberry.field
    def items(self) -> list[Item | None]:
        return _items()  # type: ignore[return-value]

    @strawberry.field
    def strict(self) -> list[Item]:
        return _items()[2:3]


@pytest.mark.parametrize("query", [
    "{ items { name note part { name size tags } parts { name tags } } }",
    "{ items { n: name ... on Item { note part { size } } } }",
    "{ strict { name } items { name } }",
    "{ items { parts { name } } }",
    "{ items { part { colour code } parts { colour code name } } }",
])
def test_irregular_values_answer_as_graphql_core_does(query: str) -> None:
    quick = strawberry.Schema(query=ItemQuery, execution_context_class=QuickExecutionContext)
    plain = strawberry.Schema(query=ItemQuery)
    quick_answer = asyncio.run(quick.execute(query))
    plain_answer = asyncio.run(plain.execute(query))
    assert json.dumps(quick_answer.data) == json.dumps(plain_answer.data)  # in the same order
    assert ([(e.message, e.path) for e in quick_answer.errors or []]
            == [(e.message, e.path) for e in plain_answer.errors or []])
    assert plain_answer.errors  # every query meets at least one irregular value
