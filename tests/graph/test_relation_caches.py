"""Relation pages are kept until the view changes: served again without reading the store,
and never stale after a write the view follows."""
from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

import networkx as nx
import pytest

from kg.graph import GraphView, relations_of
from kg.graph import relations as relations_module
from kg.model import PREDICATES, SYMMETRIC_PREDICATES, ArticleExtraction, Modality
from kg.store import KGStore, queries
from kg.store.records import Direction, RelationFilter, RelationOrder


def _count_statement_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    reads: list[int] = []
    original = queries.statements_by_ids

    def counting(store: KGStore, ids):  # noqa: ANN001, ANN202 - a stand-in
        reads.append(1)
        return original(store, ids)

    monkeypatch.setattr(queries, "statements_by_ids", counting)
    return reads


def _another_meeting(extraction_factory: Callable[..., ArticleExtraction]) -> ArticleExtraction:
    return extraction_factory(
        "003_treffen.txt", "Putin trifft Kim wieder", date(2024, 12, 1),
        "Putin traf Kim Jong Un.", ["putin", "kim_jong_un"],
        [(0, "putin", "met", "kim_jong_un", {"confidence": 0.95})])


def test_a_page_served_again_reads_nothing_from_the_store(
        store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    view = GraphView(store)
    reads = _count_statement_reads(monkeypatch)
    first = relations_of(view, "putin")[0:2]
    assert len(reads) == 1
    again = relations_of(view, "putin")
    assert again[0:2] == first and len(again) == len(queries.relations_of(store, "putin"))
    assert len(reads) == 1


def test_a_write_the_view_follows_empties_the_caches(
        store: KGStore, extraction_factory: Callable[..., ArticleExtraction]) -> None:
    view = GraphView(store)
    [before] = [r for r in relations_of(view, "putin")[0:10] if r.predicate == "met"]
    store.replace_article(_another_meeting(extraction_factory))
    view.add_article("003_treffen.txt")
    after = relations_of(view, "putin")
    assert list(after[0:len(after)]) == queries.relations_of(store, "putin")
    [met] = [r for r in after[0:len(after)] if r.predicate == "met"]
    assert len(met.sources) == len(before.sources) + 1 and met.confidence == 0.95

    store.delete_article("003_treffen.txt")
    view.remove_article("003_treffen.txt")
    again = relations_of(view, "putin")
    assert list(again[0:len(again)]) == queries.relations_of(store, "putin")
    [met] = [r for r in again[0:len(again)] if r.predicate == "met"]
    assert met == before


def test_removing_an_article_drops_its_facts_from_a_kept_ranking(store: KGStore) -> None:
    view = GraphView(store)
    assert len(relations_of(view, "donetsk")) == 1
    store.delete_article("002_donezk.txt")
    view.remove_article("002_donezk.txt")
    assert len(relations_of(view, "donetsk")) == 0
    assert relations_of(view, "donetsk")[0:20] == []


@pytest.mark.parametrize("order", [RelationOrder.SUPPORT, RelationOrder.CONFIDENCE])
def test_pages_stay_right_when_the_caches_are_full(
        store: KGStore, monkeypatch: pytest.MonkeyPatch, order: RelationOrder) -> None:
    """Bounds small enough to evict on every call: each answer is still the store's list."""
    monkeypatch.setattr(relations_module, "MAX_CACHED_RANKINGS", 1)
    monkeypatch.setattr(relations_module, "MAX_CACHED_FACTS", 2)
    monkeypatch.setattr(relations_module, "MAX_CACHED_RECORDS", 1)
    view = GraphView(store)
    for _ in range(2):
        for entity in ("putin", "kim_jong_un", "north_korea", "russia"):
            expected = queries.relations_of(store, entity, order=order)
            found = relations_of(view, entity, RelationFilter(), order)
            assert len(found) == len(expected)
            assert list(found[0:len(found)]) == expected
            assert [found[i] for i in range(len(found))] == expected


@pytest.mark.parametrize("order", [RelationOrder.SUPPORT, RelationOrder.CONFIDENCE])
def test_pages_past_the_first_ranked_facts_rank_more(
        store: KGStore, monkeypatch: pytest.MonkeyPatch, order: RelationOrder) -> None:
    monkeypatch.setattr(relations_module, "FIRST_RANKED", 1)
    view = GraphView(store)
    for entity in ("putin", "kim_jong_un", "north_korea"):
        expected = queries.relations_of(store, entity, order=order)
        found = relations_of(view, entity, RelationFilter(), order)
        assert [found[i] for i in range(len(found))] == expected
        assert list(found[0:len(found)]) == expected


class _Edges:
    """What :func:`relations._rank` reads of a view: its ``graph``."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        self.graph = nx.MultiDiGraph()
        others = [f"e{i:03d}" for i in range(300)]
        for number in range(3000):
            other = rng.choice(others)
            subject, obj = ("hub", other) if rng.random() < 0.6 else (other, "hub")
            support = 1 + min(int(rng.expovariate(0.7)), 12)
            self.graph.add_edge(subject, obj, key=f"{number:05x}", predicate=rng.choice(PREDICATES),
                                modality=rng.choice(list(Modality)).value,
                                confidence=rng.choice([0.5, 0.6, 0.7, 0.8, 0.9]),
                                statement_ids=tuple(f"s{number}-{i}" for i in range(support)))
        self.graph.add_edge("hub", "hub", key="loop", predicate="met", modality="asserted",
                            confidence=0.9, statement_ids=("loop",))


def _all_in_coarse_order(view: _Edges, where: RelationFilter,
                         order: RelationOrder) -> list[tuple[object, ...]]:
    """Every kept fact's entry by brute force: what a ranking's head must be a prefix of."""
    entries = []
    for u, v, key, data in view.graph.edges(keys=True, data=True):
        if "hub" not in (u, v):
            continue
        faces = (where.direction is Direction.BOTH or data["predicate"] in SYMMETRIC_PREDICATES
                 or (u if where.direction is Direction.OUT else v) == "hub")
        if ((where.predicates and data["predicate"] not in where.predicates)
                or (where.modalities and data["modality"] not in where.modalities) or not faces):
            continue
        support, confidence = -len(data["statement_ids"]), -data["confidence"]
        coarse = (support, confidence) if order is RelationOrder.SUPPORT else (confidence, support)
        entries.append((*coarse, data["predicate"], key, u, v))
    return sorted(entries)


@pytest.mark.parametrize("where", [RelationFilter(), RelationFilter(direction=Direction.OUT),
                                   RelationFilter(direction=Direction.IN),
                                   RelationFilter(modalities=(Modality.ALLEGED,)),
                                   RelationFilter(predicates=("met", "leaderOf"))])
@pytest.mark.parametrize("order", [RelationOrder.SUPPORT, RelationOrder.CONFIDENCE])
def test_a_ranking_heads_the_full_order_with_every_tie_of_its_last(
        where: RelationFilter, order: RelationOrder) -> None:
    """Thousands of facts, most on few statements: partial selection, facts passed over by
    support, ties cut short, all checked against a full sort."""
    view = _Edges(seed=3)
    everything = _all_in_coarse_order(view, where, order)
    for wanted in (1, 7, 20, 100, 400, 5000):
        ranking = relations_module._rank(
            view, "hub", where, order, wanted)  # type: ignore[arg-type]
        head = ranking.head
        assert ranking.count == len(everything)
        assert head == everything[:len(head)]
        assert len(head) >= min(wanted, len(everything))
        if len(head) < len(everything):
            assert everything[len(head)][:3] != head[-1][:3]


def test_facts_are_the_pages_without_reading_statements(
        store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    view = GraphView(store)
    reads = _count_statement_reads(monkeypatch)
    ranked = relations_of(view, "putin")
    assert isinstance(ranked, relations_module.RankedRelations)
    facts = ranked.as_facts()[0:len(ranked)]
    assert reads == []
    expected = queries.relations_of(store, "putin")
    assert [(f.key, f.subject, f.predicate, f.object, f.modality, f.confidence) for f in facts] == [
        (r.id, r.subject.id, r.predicate, r.object.id, r.modality.value, r.confidence)
        for r in expected]
    assert [set(f.statement_ids) for f in facts] == [set(r.statement_ids) for r in expected]
    assert ranked.as_facts()[1:2] == facts[1:2] and ranked.as_facts()[5:9] == []


def test_statements_read_in_parts_keep_the_order_of_one_read(
        store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(relations_module, "STATEMENTS_PER_READ", 1)
    reads = _count_statement_reads(monkeypatch)
    view = GraphView(store)
    found = relations_of(view, "putin")
    assert list(found[0:len(found)]) == queries.relations_of(store, "putin")
    assert len(reads) == sum(len(r.statement_ids) for r in found[0:len(found)]) > 1


def test_fact_records_complete_facts_in_one_read_and_keep_them(
        store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    view = GraphView(store)
    ranked = relations_of(view, "putin")
    assert isinstance(ranked, relations_module.RankedRelations)
    facts = ranked.as_facts()[0:len(ranked)]
    reads = _count_statement_reads(monkeypatch)
    asked = [*reversed(facts), facts[0]]
    expected = queries.relations_of(store, "putin")
    assert relations_module.fact_records(view, asked) == [*reversed(expected), expected[0]]
    assert len(reads) == 1
    assert relations_module.fact_records(view, facts) == expected
    assert list(ranked[0:len(ranked)]) == expected
    assert len(reads) == 1


def test_facts_of_several_entities_are_completed_in_one_read(
        store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    view = GraphView(store)
    pages = {e: relations_of(view, e) for e in ("putin", "north_korea", "donetsk")}
    facts = [f for ranked in pages.values()
             for f in ranked.as_facts()[0:20]]  # type: ignore[attr-defined]
    reads = _count_statement_reads(monkeypatch)
    records = relations_module.fact_records(view, facts)
    assert len(reads) == 1
    assert records == [r for e in pages for r in queries.relations_of(store, e)]


def test_a_fact_whose_statements_went_shows_those_left_and_is_not_kept(
        store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fact taken from the view just before a write (as a request may hold one across
    an ``await``): the store's statements are what it shows, and nothing is remembered."""
    view = GraphView(store)
    ranked = relations_of(view, "donetsk")
    assert isinstance(ranked, relations_module.RankedRelations)
    [troops] = ranked.as_facts()[0:20]
    [met] = [f for f in relations_of(view, "putin").as_facts()[0:20]  # type: ignore[attr-defined]
             if f.predicate == "met"]
    assert len(met.statement_ids) == 2
    store.delete_article("002_donezk.txt")
    reads = _count_statement_reads(monkeypatch)
    gone, halved = relations_module.fact_records(view, [troops, met])
    assert (gone.id, gone.subject.id, gone.object.id, gone.sources) == (
        troops.key, "north_korea", "donetsk", ())
    assert gone.date is None and gone.place is None and gone.earliest_date is None
    [left] = queries.relations_of(store, "putin", where=RelationFilter(predicates=("met",)))
    assert halved == left and len(halved.sources) == 1
    relations_module.fact_records(view, [troops, met])
    assert len(reads) == 2
