"""The ontology graph follows the Turtle files, and only reloads when they change."""
from __future__ import annotations

from pathlib import Path

from kg.config import Settings
from kg.store import open_store
from kg.store.ontology_loader import load_ontology
from kg.store.queries import entity_by_id


def test_gazetteer_labels_are_canonical_for_known_entities(store_uri: str, settings: Settings) -> None:
    with open_store(store_uri, settings) as store:
        putin = entity_by_id(store, "putin")
    assert putin is not None
    assert putin.label == "Wladimir Putin"
    assert putin.wikidata == "Q7747"
    assert "Vladimir Putin" in putin.aliases


def test_unchanged_files_are_not_loaded_again(store_uri: str, settings: Settings) -> None:
    with open_store(store_uri, settings) as store:
        assert load_ontology(store, settings.ontology_dir) is False


def test_edited_files_replace_the_ontology_graph(tmp_path: Path, settings: Settings) -> None:
    uri = str(tmp_path / "kg-data")
    open_store(uri, settings).close()
    gazetteer = settings.ontology_dir / "gazetteer.ttl"
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8").replace("Wladimir Putin", "W. Putin"),
                         encoding="utf-8")
    with open_store(uri, settings) as store:
        putin = entity_by_id(store, "putin")
    assert putin is not None and putin.label == "W. Putin"
    assert "Wladimir Putin" not in putin.aliases


def test_a_missing_ontology_directory_is_no_error(tmp_path: Path) -> None:
    with open_store("memory", Settings(ontology_dir=tmp_path / "absent")) as store:
        assert entity_by_id(store, "putin") is None
