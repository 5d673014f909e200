"""The RDF store: open one from a URI, write articles atomically, read through :mod:`.queries`."""
from kg.store.kgstore import KGStore
from kg.store.opener import open_store

__all__ = ["KGStore", "open_store"]
