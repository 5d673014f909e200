"""The bulk write path (``KGStore.replace_articles``) and ``kg build``'s batches over it."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kg.config import Settings
from kg.model import ArticleExtraction
from kg.pipeline import Skipped, build
from kg.store import KGStore, open_store
from kg.store.queries import all_statements, stats


def test_a_bulk_write_stores_what_article_by_article_writes_store(
        empty_store: KGStore, extractions: list[ArticleExtraction], settings: Settings,
        tmp_path: Path) -> None:
    with open_store(str(tmp_path / "one-by-one"), settings) as one_by_one:
        for extraction in extractions:
            one_by_one.replace_article(extraction)
        expected = (stats(one_by_one), all_statements(one_by_one))
    assert empty_store.replace_articles(extractions) == len(extractions)
    assert (stats(empty_store), all_statements(empty_store)) == expected


def test_a_bulk_write_replaces_earlier_runs_of_its_articles(
        store: KGStore, extractions: list[ArticleExtraction]) -> None:
    before = stats(store)
    shorter = dataclasses.replace(extractions[0], statements=extractions[0].statements[:1])
    store.replace_articles([shorter, extractions[1]])
    store.replace_articles([extractions[0], extractions[1]])
    assert stats(store) == before
    store.replace_articles([shorter])
    assert [s.predicate for s in all_statements(store, shorter.article.source)] == ["met"]


def test_a_bulk_write_with_a_broken_article_writes_nothing(
        empty_store: KGStore, extractions: list[ArticleExtraction]) -> None:
    good, broken = extractions
    broken.statements.append(dataclasses.replace(broken.statements[0], provenance=None))  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        empty_store.replace_articles([good, broken])
    assert stats(empty_store).statements == 0


def test_build_writes_in_batches_and_skips_only_the_article_that_cannot_be_written(
        empty_store: KGStore, extractions: list[ArticleExtraction], settings: Settings,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good, broken = extractions
    broken.statements.append(dataclasses.replace(broken.statements[0], provenance=None))  # type: ignore[arg-type]
    pages = {tmp_path / "a.txt": good, tmp_path / "b.txt": broken}
    for path in pages:
        path.write_text("x", encoding="utf-8")
    monkeypatch.setattr("kg.pipeline.extract_page", lambda path, settings: pages[path])
    report = build([tmp_path], empty_store, dataclasses.replace(settings, build_batch_articles=5))
    assert report.articles == 1
    assert [s.source for s in report.skipped] == ["b.txt"]
    assert {s.article for s in all_statements(empty_store)} == {good.article.source}
    assert isinstance(report.skipped[0], Skipped)
