"""The JSON Lines export streams batch by batch and still writes what one read of the whole
store would: the same lines in the same order, the first before the last article is read."""
from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from kg.export import jsonl, write_export
from kg.model import MODALITY_ORDER, ArticleExtraction, Modality
from kg.store import KGStore
from kg.store.queries import all_statements, article_mentions, entities_by_ids, entity_or_bare

Row = dict[str, Any]

#: Sources whose order differs from their IRIs' (``ä`` is percent-encoded, ``%`` sorts
#: before ``_``), an article with no statements, and one with no place or date at all.
SOURCES = ("010_a_b.txt", "010_aä.txt", "020_leer.txt", "030_ohne.txt",
           "040_x.txt", "050_y.txt", "060_z.txt")


def _facts(index: int) -> list[tuple[int, str, str, str, dict[str, object]]]:
    """Facts in varied modalities, two read from one sentence (same offsets), the later
    sentence stronger than the earlier."""
    if index == 2:
        return []
    if index == 3:
        return [(0, "north_korea", "sentTroopsTo", "donetsk", {"confidence": 0.5})]
    return [
        (0, "russia", "suppliesWeaponsTo", "north_korea",
         {"confidence": 0.6, "modality": Modality.ALLEGED, "date": f"2024-0{index + 1}"}),
        (1, "putin", "met", "kim_jong_un", {"confidence": 0.9, "place": "pyongyang"}),
        (1, "kim_jong_un", "thanked", "putin", {"confidence": 0.7, "modality": Modality.DENIED}),
        (2, "kim_jong_un", "leaderOf", "north_korea", {"confidence": 0.8,
                                                        "modality": Modality.PLANNED}),
    ]


@pytest.fixture
def many_articles(empty_store: KGStore,
                  extraction_factory: Callable[..., ArticleExtraction]) -> KGStore:
    text = ("Russland soll Nordkorea Waffen liefern. Putin traf Kim und Kim dankte Putin. "
            "Kim will Machthaber Nordkoreas bleiben.")
    for index, source in enumerate(SOURCES):
        entity_ids = ["putin", "kim_jong_un", "north_korea"] + (
            ["russia", "pyongyang"] if index != 3 else ["donetsk"])
        empty_store.replace_article(extraction_factory(
            source, f"Artikel {index}", date(2024, 6, 1 + index), text, entity_ids, _facts(index)))
    return empty_store


def one_shot_rows(store: KGStore) -> list[Row]:
    """The export as it was before it streamed: every statement read and sorted at once."""
    statements = sorted(all_statements(store),
                        key=lambda s: (s.article, MODALITY_ORDER[s.modality], s.start))
    mentions = article_mentions(store)
    ids = {m.entity_id for m in mentions} | {
        i for s in statements for i in (s.subject, s.object, s.place) if i}
    entities = entities_by_ids(store, ids)
    return ([jsonl.statement_row(s, entities) for s in statements]
            + [jsonl.entity_row(m, entity_or_bare(entities, m.entity_id)) for m in mentions])


def _lines(store: KGStore) -> list[Row]:
    out = io.StringIO()
    write_export(store, "jsonl", out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.parametrize("batch", [1, 2, 3, 100])
def test_batches_give_the_lines_of_one_read(many_articles: KGStore, batch: int) -> None:
    rows = list(jsonl.jsonl_rows(many_articles, batch=batch))
    assert rows == one_shot_rows(many_articles)
    assert len([r for r in rows if r["kind"] == "statement"]) == 5 * 4 + 1


def test_articles_come_in_source_order_modality_then_text_within(many_articles: KGStore) -> None:
    statements = [r for r in _lines(many_articles) if r["kind"] == "statement"]
    sources = [r["source"] for r in statements]
    assert sources == sorted(sources) and sources[0] == "010_a_b.txt"
    first = [(r["predicate"], r["modality"]) for r in statements if r["source"] == "010_a_b.txt"]
    assert first == [("met", "asserted"), ("suppliesWeaponsTo", "alleged"),
                     ("leaderOf", "planned"), ("thanked", "denied")]
    entity_keys = [(r["source"], r["id"]) for r in _lines(many_articles) if r["kind"] == "entity"]
    assert entity_keys == sorted(entity_keys)
    assert ("020_leer.txt", "putin") in entity_keys  # an article without statements still counts


def test_a_statement_without_place_or_date_is_exported(many_articles: KGStore) -> None:
    [troops] = [r for r in _lines(many_articles) if r.get("predicate") == "sentTroopsTo"]
    assert (troops["source"], troops["subject"], troops["object"]) == (
        "030_ohne.txt", "Nordkorea", "Donezk")
    assert troops["date"] is None and troops["place"] is None and troops["place_id"] is None


def test_the_first_line_comes_before_every_article_is_read(
        many_articles: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[int] = []

    def counting(store: KGStore, graphs: list[str]) -> Any:
        reads.append(len(graphs))
        return statements_in_articles(store, graphs)

    statements_in_articles = jsonl.statements_in_articles
    monkeypatch.setattr(jsonl, "statements_in_articles", counting)
    rows: Iterator[Row] = jsonl.jsonl_rows(many_articles, batch=2)
    first = next(rows)
    assert first["source"] == "010_a_b.txt"
    assert reads == [2]
    assert len(list(rows)) > 0 and reads == [2, 2, 2, 1]


def test_progress_counts_articles_in_each_pass(many_articles: KGStore) -> None:
    heard: list[tuple[str, int, int]] = []
    list(jsonl.jsonl_rows(many_articles, batch=3,
                          on_progress=lambda stage, done, total: heard.append((stage, done, total))))
    assert heard == [("statements", 3, 7), ("statements", 6, 7), ("statements", 7, 7),
                     ("entities", 3, 7), ("entities", 6, 7), ("entities", 7, 7)]


def test_write_export_passes_progress_on(many_articles: KGStore) -> None:
    heard: list[tuple[str, int, int]] = []
    write_export(many_articles, "jsonl", io.StringIO(),
                 on_progress=lambda stage, done, total: heard.append((stage, done, total)))
    assert heard[-1] == ("entities", len(SOURCES), len(SOURCES))


def test_an_empty_store_exports_nothing(empty_store: KGStore) -> None:
    assert _lines(empty_store) == []
