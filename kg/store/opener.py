"""Opening a store: the backend its URI names, with the ontology graph brought up to date."""
from __future__ import annotations

from kg.config import Settings, load_settings
from kg.store.backends import open_backend
from kg.store.kgstore import KGStore
from kg.store.ontology_loader import load_ontology


def open_store(uri: str, settings: Settings | None = None, read_only: bool = False) -> KGStore:
    """``memory``, a directory (created when missing), or a SPARQL endpoint's query URL; a
    directory ``read_only`` is served as it is (its ontology graph included: whoever opened it
    for writing last brought that up to date)."""
    settings = settings or load_settings()
    store = KGStore(open_backend(uri, settings, read_only))
    if not read_only:
        load_ontology(store, settings.ontology_dir)
    return store
