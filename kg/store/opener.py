"""Opening a store: the backend its URI names, with the ontology graph brought up to date."""
from __future__ import annotations

from kg.config import Settings, load_settings
from kg.store.backends import open_backend
from kg.store.kgstore import KGStore
from kg.store.ontology_loader import load_ontology


def open_store(uri: str, settings: Settings | None = None) -> KGStore:
    """``memory``, a directory (created when missing), or a SPARQL endpoint's query URL."""
    settings = settings or load_settings()
    store = KGStore(open_backend(uri, settings))
    load_ontology(store, settings.ontology_dir)
    return store
