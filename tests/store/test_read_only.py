"""Read-only opens of an embedded store (what each ``kg serve --workers`` process does): they
read what was written, refuse writes with a message, save nothing next to the store, share
the folder with each other and never with a writer."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.config import Settings
from kg.graph.view import open_for_serving
from kg.model import ArticleExtraction
from kg.store import open_store
from kg.store.backends import ReadOnlyStoreError
from kg.store.kgstore import DERIVED_PREFIX
from kg.store.oxigraph_bulk import PENDING_WRITES
from kg.store.queries import entity_by_id, stats
from kg.store.store_lock import StoreInUseError


@pytest.fixture
def built(tmp_path: Path, settings: Settings, extractions: list[ArticleExtraction]) -> Path:
    """A folder holding both articles, closed again."""
    folder = tmp_path / "store"
    with open_store(str(folder), settings) as store:
        for extraction in extractions:
            store.replace_article(extraction)
    return folder


def test_a_read_only_store_reads_what_was_written(built: Path, settings: Settings) -> None:
    with open_store(str(built), settings, read_only=True) as store:
        assert stats(store).articles == 2
        putin = entity_by_id(store, "putin")
        assert putin is not None and putin.label == "Wladimir Putin"


def test_a_read_only_store_refuses_writes_and_keeps_nothing(
        built: Path, settings: Settings, extractions: list[ArticleExtraction]) -> None:
    with open_store(str(built), settings, read_only=True) as store:
        with pytest.raises(ReadOnlyStoreError, match="read-only"):
            store.replace_article(extractions[0])
        with pytest.raises(ReadOnlyStoreError):
            store.delete_article(extractions[0].article.source)
        open_for_serving(store)  # computes the view and index, but may not save them
        assert not list(built.glob(f"{DERIVED_PREFIX}*"))
        assert stats(store).articles == 2
    with open_store(str(built), settings) as writer:
        open_for_serving(writer)
    saved = sorted(built.glob(f"{DERIVED_PREFIX}*"))
    with open_store(str(built), settings, read_only=True) as store:
        with pytest.raises(ReadOnlyStoreError):
            store.replace_article(extractions[0])
    assert sorted(built.glob(f"{DERIVED_PREFIX}*")) == saved != []  # a refused write keeps them


def test_read_only_opens_share_the_folder_but_not_with_a_writer(built: Path,
                                                               settings: Settings) -> None:
    with open_store(str(built), settings, read_only=True), \
            open_store(str(built), settings, read_only=True) as second:
        assert stats(second).articles == 2
        with pytest.raises(StoreInUseError, match="stop it first"):
            open_store(str(built), settings)
    with open_store(str(built), settings):
        with pytest.raises(StoreInUseError, match="open for writing in another process"):
            open_store(str(built), settings, read_only=True)
        with pytest.raises(StoreInUseError):
            open_store(str(built), settings)
    with open_store(str(built), settings) as again:  # every lock was let go on close
        assert stats(again).articles == 2


def test_an_interrupted_bulk_write_must_be_undone_by_a_writer_first(built: Path,
                                                                    settings: Settings) -> None:
    (built / PENDING_WRITES).write_text("<https://example.org/nothing>\n", encoding="utf-8")
    with pytest.raises(ReadOnlyStoreError, match="interrupted"):
        open_store(str(built), settings, read_only=True)
    with open_store(str(built), settings):  # the refused open let go of its lock
        pass
    assert not (built / PENDING_WRITES).exists()
    with open_store(str(built), settings, read_only=True) as store:
        assert stats(store).articles == 2


@pytest.mark.parametrize("uri", ["memory", "http://127.0.0.1:9/sparql"])
def test_only_a_folder_opens_read_only(uri: str, settings: Settings) -> None:
    with pytest.raises(NotImplementedError, match="only an embedded store"):
        open_store(uri, settings, read_only=True)


def test_a_missing_folder_is_not_created_read_only(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(FileNotFoundError, match="kg build"):
        open_store(str(tmp_path / "nowhere"), settings, read_only=True)
    assert not (tmp_path / "nowhere").exists()


def test_preparing_for_serving_saves_missing_files_and_reads_none_back(
        built: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.graph import view
    with open_store(str(built), settings) as store:
        view.prepare_for_serving(store)  # none there: computed and saved
    saved = {path.name: path.stat().st_mtime_ns for path in built.glob(f"{DERIVED_PREFIX}*")}
    assert len(saved) == 2
    monkeypatch.setattr(view, "open_for_serving", lambda store: pytest.fail("read back"))
    with open_store(str(built), settings) as store:
        view.prepare_for_serving(store)
    assert {p.name: p.stat().st_mtime_ns for p in built.glob(f"{DERIVED_PREFIX}*")} == saved
