"""What a server start reads from an embedded store's folder (graph view, entity index):
used when current, never when stale."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from kg.api.app import create_app
from kg.config import Settings
from kg.graph import GraphView
from kg.graph import view as graph_view
from kg.graph.view import SNAPSHOT_NAME, SNAPSHOT_VERSION, open_for_serving
from kg.model import ArticleExtraction
from kg.store import KGStore, derived, open_store, queries
from kg.store.entity_index import INDEX_NAME


@pytest.fixture
def disk_store(tmp_path: Path, settings: Settings,
               extractions: list[ArticleExtraction]) -> Iterator[KGStore]:
    with open_store(str(tmp_path / "store"), settings) as store:
        for extraction in extractions:
            store.replace_article(extraction)
        yield store


def _snapshot(store: KGStore) -> Path:
    path = store.derived_file(SNAPSHOT_NAME)
    assert path is not None
    return path


def _edges(view: GraphView) -> list[tuple]:
    return sorted(view.graph.edges(keys=True, data=True))


def _no_store_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("the view was read from the store, not from its snapshot")
    monkeypatch.setattr("kg.graph.view.statement_edges", refuse)


def test_a_saved_view_comes_back_without_reading_the_store(
        disk_store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    built = GraphView.open(disk_store)
    assert _snapshot(disk_store).is_file()
    _no_store_reads(monkeypatch)
    restored = GraphView.open(disk_store)
    assert _edges(restored) == _edges(built)
    assert sorted(restored.linked.edges) == sorted(built.linked.edges)
    assert restored.in_step()
    restored.remove_article("002_donezk.txt")  # the indexes came back too
    assert "donetsk" not in restored.graph


def _state(view: GraphView) -> tuple:
    """Everything a reader can see, in the graphs' own orders."""
    return (list(view.graph.nodes), list(view.graph.edges(keys=True, data=True)),
            list(view.linked.nodes), {node: list(others) for node, others in view.linked.adj.items()},
            view.article_count)


def _restored(store: KGStore, monkeypatch: pytest.MonkeyPatch) -> GraphView:
    with monkeypatch.context() as patched:
        _no_store_reads(patched)
        return GraphView.open(store)


def test_a_restored_view_is_the_saved_one_and_changes_alike(
        disk_store: KGStore, monkeypatch: pytest.MonkeyPatch,
        extraction_factory: Callable[..., ArticleExtraction]) -> None:
    saved = GraphView.open(disk_store)
    restored = _restored(disk_store, monkeypatch)
    assert _state(restored) == _state(saved)

    for view in (saved, restored):  # the first change unpacks the restored view's ledger
        view.remove_article("001_gipfel.txt")
    assert _state(restored) == _state(saved)
    [met] = [d for d in restored.graph.get_edge_data("kim_jong_un", "putin").values()
             if d["predicate"] == "met"]
    assert len(met["statement_ids"]) == 1 and met["confidence"] == 0.8  # 0.9 went with 001

    disk_store.replace_article(extraction_factory(
        "003_extra.txt", "Noch ein Treffen", date(2025, 3, 5),
        "Wladimir Putin traf Kim Jong Un. Nordkorea schickte Soldaten nach Donezk.",
        ["putin", "kim_jong_un", "north_korea", "donetsk"],
        [(0, "putin", "met", "kim_jong_un", {"confidence": 0.95}),
         (1, "north_korea", "sentTroopsTo", "donetsk", {"confidence": 0.5})]))
    for view in (saved, restored):  # links that exist already, a new article
        view.add_article("001_gipfel.txt")
        view.add_article("003_extra.txt")
    assert _state(restored) == _state(saved)
    [met] = [d for d in restored.graph.get_edge_data("kim_jong_un", "putin").values()
             if d["predicate"] == "met"]
    assert len(met["statement_ids"]) == 3 and met["confidence"] == 0.95
    assert sorted(restored.graph.edges(keys=True, data=True)) == \
        sorted(GraphView(disk_store).graph.edges(keys=True, data=True))


def test_a_view_saved_after_changes_comes_back_as_it_was(
        disk_store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    view = GraphView.open(disk_store)
    disk_store.delete_article("002_donezk.txt")  # discards the start's snapshot
    view.remove_article("002_donezk.txt")
    assert view.save_snapshot()
    restored = _restored(disk_store, monkeypatch)
    assert _state(restored) == _state(view)
    restored.remove_article("001_gipfel.txt")
    assert restored.graph.number_of_nodes() == 0 and restored.linked.number_of_nodes() == 0
    assert restored.article_count == 0


def test_a_write_discards_the_snapshot_and_the_next_open_sees_it(
        disk_store: KGStore) -> None:
    GraphView.open(disk_store)
    assert disk_store.delete_article("002_donezk.txt")
    assert not _snapshot(disk_store).exists()
    assert "donetsk" not in GraphView.open(disk_store).graph


def test_a_damaged_or_older_snapshot_is_rebuilt_from_the_store(
        disk_store: KGStore, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _edges(GraphView(disk_store))
    _snapshot(disk_store).write_bytes(b"not a pickle")
    assert _edges(GraphView.open(disk_store)) == expected
    assert "ignoring" in caplog.text and "computing it from the store again" in caplog.text
    caplog.set_level(logging.INFO, logger="kg.store.derived")
    monkeypatch.setattr(graph_view, "SNAPSHOT_VERSION", SNAPSHOT_VERSION + 1)
    assert _edges(GraphView.open(disk_store)) == expected  # the file is now an older shape
    assert f"not {SNAPSHOT_VERSION + 1}; computing it" in caplog.text


def test_stores_without_a_folder_have_no_snapshot(settings: Settings,
                                                  extractions: list[ArticleExtraction]) -> None:
    with open_store("memory", settings) as store:
        store.replace_article(extractions[0])
        assert store.derived_file(SNAPSHOT_NAME) is None
        assert open_for_serving(store).graph.number_of_edges() > 0


def test_a_stale_view_is_never_saved(
        disk_store: KGStore, extractions: list[ArticleExtraction]) -> None:
    view = GraphView.open(disk_store)
    disk_store.replace_article(extractions[0])  # a write the view was not told of
    assert not view.save_snapshot()
    assert not _snapshot(disk_store).exists()


def test_the_server_saves_the_view_on_shutdown_after_writes(
        disk_store: KGStore, settings: Settings) -> None:
    settings = replace(settings, api_token="secret")
    app = create_app(disk_store, settings=settings)
    with TestClient(app) as client:
        answer = client.post("/graphql", headers={"Authorization": "Bearer secret"}, json={
            "query": 'mutation { deleteArticle(source: "002_donezk.txt") { deleted } }'})
        assert answer.json()["data"]["deleteArticle"]["deleted"]
        assert not _snapshot(disk_store).exists()  # the write discarded the start's snapshot
    assert _snapshot(disk_store).is_file()
    graph, *_ = derived.load(disk_store, SNAPSHOT_NAME, SNAPSHOT_VERSION)
    assert "donetsk" not in graph


def test_a_server_never_saves_a_view_a_write_passed_by(disk_store: KGStore,
                                                       settings: Settings) -> None:
    app = create_app(disk_store, settings=settings)
    with TestClient(app):
        disk_store.delete_article("002_donezk.txt")  # not through the app: its view is stale
    assert not _snapshot(disk_store).exists()


def test_the_entity_index_comes_back_from_its_file_and_goes_with_a_write(
        tmp_path: Path, settings: Settings, extractions: list[ArticleExtraction]) -> None:
    with open_store(str(tmp_path / "store"), settings) as store:
        for extraction in extractions:
            store.replace_article(extraction)
        index_file = store.derived_file(INDEX_NAME)
        built = queries.open_known_entities(store)
        assert index_file is not None and index_file.is_file()
    with open_store(str(tmp_path / "store"), settings) as store:  # a new process, in effect
        restored = queries.open_known_entities(store)
        assert restored.by_id == built.by_id
        assert queries.entity_by_id(store, "donetsk") == built.by_id["donetsk"]
        store.delete_article("002_donezk.txt")
        assert not index_file.exists()
        assert "donetsk" not in queries.open_known_entities(store).by_id


def test_kg_build_leaves_both_files_for_the_server(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.config import load_settings
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text("Berlin, 3. März 2025\n\nWladimir Putin traf Kim Jong Un in "
                                 "Pjöngjang.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(pages), "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    with open_store(str(tmp_path / "store"), load_settings()) as store:
        for name in (SNAPSHOT_NAME, INDEX_NAME):
            path = store.derived_file(name)
            assert path is not None and path.is_file(), name
