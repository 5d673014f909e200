"""Writing articles: idempotent replacement, deletion, atomicity and persistence."""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from kg.config import Settings
from kg.model import ArticleExtraction
from kg.store import KGStore, open_store
from kg.store.queries import all_statements, stats


def test_replacing_an_article_twice_changes_nothing(
        store: KGStore, extractions: list[ArticleExtraction]) -> None:
    before = stats(store)
    store.replace_article(extractions[0])
    assert stats(store) == before


def test_replacing_an_article_drops_what_the_new_run_no_longer_says(
        store: KGStore, extractions: list[ArticleExtraction]) -> None:
    shorter = extractions[0]
    shorter.statements = shorter.statements[:1]
    store.replace_article(shorter)
    assert [s.predicate for s in all_statements(store, shorter.article.source)] == ["met"]


def test_a_failure_while_building_leaves_the_article_as_it_was(
        store: KGStore, extractions: list[ArticleExtraction]) -> None:
    broken = extractions[0]
    before = all_statements(store, broken.article.source)
    broken.statements.append(dataclasses.replace(broken.statements[0], provenance=None))  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        store.replace_article(broken)
    assert all_statements(store, broken.article.source) == before


def test_delete_article_removes_its_graph_and_says_whether_it_existed(
        store: KGStore, extractions: list[ArticleExtraction]) -> None:
    gone, kept = (e.article.source for e in extractions)
    assert store.delete_article(gone) is True
    assert store.article_sources() == [kept]
    assert {s.article for s in all_statements(store)} == {kept}
    assert store.delete_article(gone) is False


def test_a_directory_store_keeps_its_articles_across_close_and_reopen(
        tmp_path: Path, settings: Settings, extractions: list[ArticleExtraction]) -> None:
    uri = str(tmp_path / "kg-data")
    with open_store(uri, settings) as store:
        for extraction in extractions:
            store.replace_article(extraction)
        written = stats(store)
    with open_store(uri, settings) as reopened:
        assert reopened.article_sources() == sorted(e.article.source for e in extractions)
        assert stats(reopened) == written


def test_another_process_sees_what_was_written_before_close(
        tmp_path: Path, settings: Settings, extractions: list[ArticleExtraction]) -> None:
    uri = str(tmp_path / "kg-data")
    with open_store(uri, settings) as store:
        store.replace_article(extractions[0])
    read = ("import sys; from kg.store import open_store; "
            "s = open_store(sys.argv[1]); print(s.article_sources()); s.close()")
    result = subprocess.run([sys.executable, "-c", read, uri], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).parents[2])
    assert result.stdout.strip() == str([extractions[0].article.source])


def test_a_closed_store_refuses_further_use(settings: Settings) -> None:
    store = open_store("memory", settings)
    store.close()
    with pytest.raises(RuntimeError, match="closed"):
        store.article_sources()


def test_an_unreachable_sparql_endpoint_is_refused_clearly(settings: Settings) -> None:
    from kg.store.sparql_http import SparqlEndpointError
    from kg.store.virtuoso_local import free_port
    with pytest.raises(SparqlEndpointError, match="cannot use .* as a SPARQL store"):
        open_store(f"http://127.0.0.1:{free_port()}/sparql", settings)
