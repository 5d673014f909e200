"""Relation pages served from the graph view are the store's relation lists, page for page,
and follow writes at once."""
from __future__ import annotations

from datetime import date

import pytest

from kg.graph import GraphView, relations_of
from kg.graph.relations import RankedRelations
from kg.model import ArticleExtraction, Modality
from kg.store import KGStore, queries
from kg.store.records import Direction, RelationFilter, RelationOrder

ENTITIES = ["putin", "kim_jong_un", "russia", "north_korea", "donetsk", "pyongyang", "nobody"]
FILTERS = [RelationFilter(), RelationFilter(direction=Direction.OUT),
           RelationFilter(direction=Direction.IN), RelationFilter(predicates=("met",)),
           RelationFilter(modalities=(Modality.ALLEGED,))]


@pytest.mark.parametrize("order", [RelationOrder.SUPPORT, RelationOrder.CONFIDENCE])
@pytest.mark.parametrize("where", FILTERS)
def test_view_pages_equal_the_store_list(store: KGStore, where: RelationFilter,
                                         order: RelationOrder) -> None:
    view = GraphView(store)
    for entity in ENTITIES:
        from_view = relations_of(view, entity, where, order)
        assert isinstance(from_view, RankedRelations)
        expected = queries.relations_of(store, entity, where=where, order=order)
        assert len(from_view) == len(expected)
        assert list(from_view[0:len(from_view)]) == expected
        for start in range(len(expected)):
            assert list(from_view[start:start + 1]) == expected[start:start + 1]
            assert from_view[start] == expected[start]


def test_statement_level_filters_and_date_orders_ask_the_store(store: KGStore) -> None:
    view = GraphView(store)
    for where, order in ((RelationFilter(min_confidence=0.85), RelationOrder.SUPPORT),
                         (RelationFilter(date_from="2024-07"), RelationOrder.SUPPORT),
                         (RelationFilter(), RelationOrder.DATE_ASCENDING)):
        assert relations_of(view, "putin", where, order) == \
            queries.relations_of(store, "putin", where=where, order=order)


def test_a_write_the_view_follows_is_visible_at_once(
        store: KGStore, extraction_factory) -> None:  # noqa: ANN001 - the conftest factory
    view = GraphView(store)
    before = len(relations_of(view, "putin"))
    store.replace_article(_third(extraction_factory))
    view.add_article("003_moskau.txt")
    after = relations_of(view, "putin")
    assert isinstance(after, RankedRelations)
    assert len(after) == before + 1
    assert list(after[0:len(after)]) == queries.relations_of(store, "putin")


def test_a_write_the_view_missed_is_read_from_the_store(
        store: KGStore, extraction_factory) -> None:  # noqa: ANN001
    view = GraphView(store)
    store.replace_article(_third(extraction_factory))
    assert not view.in_step()
    assert relations_of(view, "putin") == queries.relations_of(store, "putin")


def _third(extraction_factory) -> ArticleExtraction:  # noqa: ANN001
    return extraction_factory(
        "003_moskau.txt", "Putin lobt Russland", date(2024, 8, 1),
        "Putin hat Russland gelobt.", ["putin", "russia"],
        [(0, "putin", "praised", "russia", {"confidence": 0.6})])
