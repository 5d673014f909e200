"""Read queries: entities, search, relations, articles and totals."""
from __future__ import annotations

import pytest

from kg.model import EntityType, Modality
from kg.store import KGStore
from kg.store.queries import (all_statements, article_mentions, articles, entity_by_id,
                              known_entities, statement_edges, statements_by_ids,
                              relations_of, search_entities, stats)
from kg.store.records import Direction


def test_entity_by_id_reads_new_entities_from_their_articles(store: KGStore) -> None:
    kim = entity_by_id(store, "kim_jong_un")
    assert kim is not None
    assert (kim.label, kim.type, kim.wikidata) == ("Kim Jong Un", EntityType.PERSON, "Q56226")
    assert set(kim.aliases) == {"Kim", "Kim Jong-un"}
    assert kim.article_count == 2


def test_entity_by_id_is_none_for_an_unknown_id(store: KGStore) -> None:
    assert entity_by_id(store, "nobody") is None


@pytest.mark.parametrize("query", ["pjongjang", "Pjöngjang", "PJOENG"])
def test_search_forgives_umlaut_spelling_and_case(store: KGStore, query: str) -> None:
    assert [e.id for e in search_entities(store, query)] == ["pyongyang"]


def test_search_looks_at_aliases_and_filters_by_type(store: KGStore) -> None:
    assert [e.id for e in search_entities(store, "föderation")] == ["russia"]
    assert [e.id for e in search_entities(store, "kim", EntityType.COUNTRY)] == []


def test_search_ranks_entities_mentioned_in_more_articles_first(store: KGStore) -> None:
    ranked = [e.id for e in search_entities(store, "")]
    assert ranked.index("kim_jong_un") < ranked.index("donetsk")
    assert ranked.index("putin") < ranked.index("russia")


def test_one_fact_from_two_articles_is_one_relation_with_two_sources(store: KGStore) -> None:
    [met] = relations_of(store, "putin", predicate="met")
    assert (met.subject.id, met.object.id, met.modality) == ("kim_jong_un", "putin", Modality.ASSERTED)
    assert [s.article for s in met.sources] == ["001_gipfel.txt", "002_donezk.txt"]
    assert met.confidence == pytest.approx(0.9)
    assert (met.date, met.place and met.place.label) == ("2024-06-19", "Pjöngjang")
    assert met.subject.label == "Kim Jong Un" and met.object.label == "Wladimir Putin"


def test_direction_picks_the_end_the_entity_sits_on(store: KGStore) -> None:
    def predicates(direction: Direction) -> set[str]:
        return {r.predicate for r in relations_of(store, "kim_jong_un", direction=direction)}

    assert predicates(Direction.OUT) == {"met", "leaderOf", "thanked"}
    assert predicates(Direction.IN) == {"met"}
    assert predicates(Direction.BOTH) == {"met", "leaderOf", "thanked"}
    assert {r.predicate for r in relations_of(store, "north_korea", direction=Direction.IN)} == {
        "leaderOf", "suppliesWeaponsTo"}


def test_relations_keep_modality(store: KGStore) -> None:
    [supplies] = relations_of(store, "north_korea", predicate="suppliesWeaponsTo")
    assert supplies.modality is Modality.ALLEGED


def test_articles_list_metadata_and_statement_counts(store: KGStore) -> None:
    listed = articles(store)
    assert [(a.source, a.date, a.statement_count) for a in listed] == [
        ("001_gipfel.txt", "2024-06-19", 3), ("002_donezk.txt", "2024-10-20", 3)]
    assert listed[0].title == "Putin trifft Kim in Pjöngjang"


def test_all_statements_can_be_limited_to_one_article(store: KGStore) -> None:
    assert len(all_statements(store)) == 6
    assert {s.predicate for s in all_statements(store, "002_donezk.txt")} == {
        "sentTroopsTo", "met", "thanked"}


def test_article_mentions_list_each_named_entity_once_per_article(store: KGStore) -> None:
    mentions = article_mentions(store)
    assert len(mentions) == 9
    assert {m.entity_id for m in mentions if m.article == "002_donezk.txt"} == {
        "north_korea", "donetsk", "kim_jong_un", "putin"}


def test_stats_count_articles_entities_and_statements(store: KGStore) -> None:
    totals = stats(store)
    assert (totals.articles, totals.entities, totals.statements) == (2, 6, 6)
    assert totals.triples > 0


def test_statement_edges_are_the_facts_of_all_statements(store: KGStore) -> None:
    full = {(s.id, s.article, s.subject, s.predicate, s.object, s.modality, s.confidence)
            for s in all_statements(store)}
    edges = {(e.id, e.article, e.subject, e.predicate, e.object, e.modality, e.confidence)
             for e in statement_edges(store)}
    assert edges == full


def test_statements_by_ids_read_just_those(store: KGStore) -> None:
    every = all_statements(store)
    wanted = [every[0].id, every[-1].id]
    assert statements_by_ids(store, wanted) == [every[0], every[-1]]


def test_lookups_answer_from_the_index_and_see_a_write_at_once(
        store: KGStore, extraction_factory) -> None:  # noqa: ANN001 - the conftest factory
    from datetime import date
    from kg.store.entity_index import cached_entity_index
    queried = entity_by_id(store, "putin")
    assert cached_entity_index(store) is None
    known_entities(store)
    assert entity_by_id(store, "putin") == queried
    store.replace_article(extraction_factory(
        "003_moskau.txt", "Putin", date(2024, 8, 1), "Putin hat Russland gelobt.",
        ["putin", "russia"], [(0, "putin", "praised", "russia", {"confidence": 0.6})]))
    assert cached_entity_index(store) is None
    putin = entity_by_id(store, "putin")
    assert putin is not None and putin.article_count == queried.article_count + 1
