"""Relation pages through the schema: nodes made from the graph view's facts, their
statements read (once per request, for every page in it) only when a query selects
sources, dates or places, and the same answers as the store's relation lists."""
from __future__ import annotations

import asyncio
from typing import Any

import pytest

from kg.api import types
from kg.api.context import Context
from kg.api.schema import build_schema
from kg.config import Settings
from kg.graph import GraphView
from kg.store import KGStore, queries
from kg.store.records import EntityRecord, RelationFilter, RelationOrder, RelationRecord

ENTITIES = ["putin", "kim_jong_un", "russia", "north_korea", "donetsk", "pyongyang"]

#: What the benchmark asks for: nothing that needs a statement.
PAGE = """query($id: ID!, $order: RelationOrder!, $first: Int!, $after: String) {
  entity(id: $id) { relations(orderBy: $order, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id predicate modality confidence
      subject { id label } object { id label } } } } } }"""

#: Every field of a relation.
FULL = """query($id: ID!, $order: RelationOrder!, $first: Int!, $after: String,
                $filter: RelationFilterInput) {
  entity(id: $id) { relations(orderBy: $order, first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id predicate modality confidence date earliestDate
      place { id label type } subject { id label aliases type wikidata mentionCount }
      object { id label } sources { article sentence start end } } } } } }"""


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many statements each store read asked for."""
    reads: list[int] = []
    original = queries.statements_by_ids

    def counting(store: KGStore, ids):  # noqa: ANN001, ANN202 - a stand-in
        wanted = list(ids)
        reads.append(len(wanted))
        return original(store, wanted)

    monkeypatch.setattr(queries, "statements_by_ids", counting)
    return reads


def _run(store: KGStore, view: GraphView, query: str, **variables: Any) -> dict[str, Any]:
    context = Context(store=store, graph=view, settings=Settings())
    result = asyncio.run(build_schema(Settings()).execute(
        query, variable_values=variables, context_value=context))
    assert not result.errors, result.errors
    assert result.data is not None
    return result.data


def _entity(record: EntityRecord) -> dict[str, Any]:
    return {"id": record.id, "label": record.label}


def _node(record: RelationRecord, full: bool) -> dict[str, Any]:
    node = {"id": record.id, "predicate": record.predicate, "modality": record.modality.name,
            "confidence": record.confidence, "subject": _entity(record.subject),
            "object": _entity(record.object)}
    if full:
        subject = record.subject
        node["subject"] = {**node["subject"], "aliases": list(subject.aliases),
                           "type": subject.type.name if subject.type else None,
                           "wikidata": subject.wikidata, "mentionCount": subject.article_count}
        node.update(date=record.date, earliestDate=record.earliest_date,
                    place={**_entity(record.place),
                           "type": record.place.type.name if record.place.type else None}
                    if record.place else None,
                    sources=[{"article": s.article, "sentence": s.sentence, "start": s.start,
                              "end": s.end} for s in record.sources])
    return node


def _pages(store: KGStore, view: GraphView, query: str, id_: str, order: RelationOrder,
           first: int, **variables: Any) -> list[dict[str, Any]]:
    """Every node of the entity's relations, page by page."""
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        answer = _run(store, view, query, id=id_, order=order.name, first=first, after=after,
                      **variables)["entity"]["relations"]
        nodes += [edge["node"] for edge in answer["edges"]]
        if not answer["pageInfo"]["hasNextPage"]:
            return nodes
        after = answer["pageInfo"]["endCursor"]


@pytest.mark.parametrize("order", [RelationOrder.SUPPORT, RelationOrder.CONFIDENCE])
def test_a_page_without_sources_reads_no_statement(
        store: KGStore, monkeypatch: pytest.MonkeyPatch, order: RelationOrder) -> None:
    view = GraphView(store)
    reads = _reads(monkeypatch)
    for id_ in ENTITIES:
        expected = queries.relations_of(store, id_, order=order)
        for first in (20, 1):
            nodes = _pages(store, view, PAGE, id_, order, first)
            assert nodes == [_node(r, full=False) for r in expected]
    assert reads == []


@pytest.mark.parametrize("order", [RelationOrder.SUPPORT, RelationOrder.CONFIDENCE])
def test_sources_dates_and_places_are_the_store_lists(
        store: KGStore, monkeypatch: pytest.MonkeyPatch, order: RelationOrder) -> None:
    view = GraphView(store)
    reads = _reads(monkeypatch)
    for id_ in ENTITIES:
        expected = queries.relations_of(store, id_, order=order)
        assert _pages(store, view, FULL, id_, order, 2) == [_node(r, full=True) for r in expected]
    assert len(reads) <= sum((len(queries.relations_of(store, i)) + 1) // 2 for i in ENTITIES)
    # Pages shown once are kept with their sources: shown again, nothing is read.
    before = len(reads)
    for id_ in ENTITIES:
        _pages(store, view, FULL, id_, order, 2)
    assert len(reads) == before


def test_a_page_reads_its_statements_at_once(
        store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    view = GraphView(store)
    reads = _reads(monkeypatch)
    page = _run(store, view, FULL, id="putin", order="SUPPORT", first=20)
    expected = queries.relations_of(store, "putin")
    assert len(page["entity"]["relations"]["edges"]) == len(expected) > 1
    assert reads == [sum(len(r.statement_ids) for r in expected)]


def test_every_page_of_a_request_is_read_together(
        store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    view = GraphView(store)
    reads = _reads(monkeypatch)
    answer = _run(store, view, """{
      a: entity(id: "putin") { relations { edges { node { id sources { article }
                                                             again: sources { start } } } } }
      b: entity(id: "north_korea") { relations { edges { node { id date } } } }
      c: entity(id: "kim_jong_un") { relations(first: 1) { edges { node { place { id } } } } } }""")
    assert len(reads) == 1
    assert [e["node"]["id"] for e in answer["a"]["relations"]["edges"]] == [
        r.id for r in queries.relations_of(store, "putin")]
    assert [[s["start"] for s in e["node"]["again"]] for e in answer["a"]["relations"]["edges"]] \
        == [[s.start for s in r.sources] for r in queries.relations_of(store, "putin")]
    assert [e["node"]["date"] for e in answer["b"]["relations"]["edges"]] == [
        r.date for r in queries.relations_of(store, "north_korea")]
    assert answer["c"]["relations"]["edges"] == [{"node": {"place": {"id": "pyongyang"}}}]


def test_pages_the_store_answers_show_the_same_fields(store: KGStore) -> None:
    """A statement-level filter (or a write the view missed) makes the store rank the page:
    its records are shown as they are."""
    view = GraphView(store)
    where = {"minConfidence": 0.75}
    for id_ in ENTITIES:
        expected = queries.relations_of(store, id_, where=RelationFilter(min_confidence=0.75))
        assert _pages(store, view, FULL, id_, RelationOrder.SUPPORT, 2, filter=where) == [
            _node(r, full=True) for r in expected]
        assert _pages(store, view, FULL, id_, RelationOrder.DATE_ASCENDING, 3) == [
            _node(r, full=True) for r in queries.relations_of(
                store, id_, order=RelationOrder.DATE_ASCENDING)]


def test_top_level_relations_show_every_field(store: KGStore) -> None:
    view = GraphView(store)
    answer = _run(store, view, """{ relations(first: 100) { edges { node { id predicate modality
      confidence date earliestDate place { id label type } subject { id label aliases type
      wikidata mentionCount } object { id label } sources { article sentence start end } } } } }""")
    assert [e["node"] for e in answer["relations"]["edges"]] == [
        _node(r, full=True) for r in queries.relations(store)]


def test_a_page_reads_only_the_statements_not_read_before(
        store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    view = GraphView(store)
    reads = _reads(monkeypatch)
    expected = queries.relations_of(store, "kim_jong_un")
    first = _run(store, view, FULL, id="kim_jong_un", order="SUPPORT", first=1)
    assert reads == [len(expected[0].statement_ids)]
    whole = _run(store, view, FULL, id="kim_jong_un", order="SUPPORT", first=20)
    assert reads[1:] == [sum(len(r.statement_ids) for r in expected[1:])]
    nodes = [e["node"] for e in whole["entity"]["relations"]["edges"]]
    assert nodes == [_node(r, full=True) for r in expected]
    assert nodes[:1] == [e["node"] for e in first["entity"]["relations"]["edges"]]
    # Without sources, a page of kept records and a page of facts look the same.
    assert _pages(store, view, PAGE, "kim_jong_un", RelationOrder.SUPPORT, 20) == [
        _node(r, full=False) for r in expected]
    assert len(reads) == 2


def test_a_page_is_made_once_while_the_view_is_unchanged(
        store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page is kept between requests (each in an event loop of its own here), and what a
    kept page reads later goes through the loader of the request that asks for it."""
    view = GraphView(store)
    made: list[int] = []
    make = types._relations_of_facts

    def counting(view: GraphView, facts: list) -> list:  # noqa: ANN001 - a stand-in
        made.append(len(facts))
        return make(view, facts)

    monkeypatch.setattr(types, "_relations_of_facts", counting)
    reads = _reads(monkeypatch)
    bare = _run(store, view, PAGE, id="putin", order="SUPPORT", first=20)
    full = _run(store, view, FULL, id="putin", order="SUPPORT", first=20)
    again = _run(store, view, FULL, id="putin", order="SUPPORT", first=20)
    expected = queries.relations_of(store, "putin")
    assert [e["node"] for e in full["entity"]["relations"]["edges"]] == [
        _node(r, full=True) for r in expected]
    assert again == full and made == [len(expected)] and len(reads) == 1
    bare_ids = [e["node"]["id"] for e in bare["entity"]["relations"]["edges"]]
    assert bare_ids == [r.id for r in expected]
    _run(store, view, PAGE, id="putin", order="SUPPORT", first=1)  # another page
    assert made == [len(expected), 1]
    view.refresh()  # a new version of the view: its pages are made again
    assert _run(store, view, FULL, id="putin", order="SUPPORT", first=20) == full
    assert made == [len(expected), 1, len(expected)]
