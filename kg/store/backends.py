"""Which rdflib store a URI names: the one place that dispatches on the store URI."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from oxrdflib import OxigraphStore
from rdflib import Dataset

MEMORY_URI = "memory"


@dataclass
class Backend:
    """An open dataset and how to make its writes durable before it is closed."""

    dataset: Dataset
    flush: Callable[[], None]


def open_backend(uri: str) -> Backend:
    """``memory`` → rdflib's in-memory store; ``http(s)://…`` → not yet; else a directory."""
    if uri == MEMORY_URI:
        return Backend(Dataset(store="Memory"), flush=lambda: None)
    if uri.startswith(("http://", "https://")):
        raise NotImplementedError(
            f"SPARQL endpoint stores come in a later release; use a directory or "
            f"'{MEMORY_URI}' instead of {uri}")
    return _open_directory(Path(uri))


def _open_directory(path: Path) -> Backend:
    """The embedded Oxigraph store (RocksDB) in ``path``, created when missing."""
    path.mkdir(parents=True, exist_ok=True)
    oxigraph = pyoxigraph.Store(str(path))
    return Backend(Dataset(store=OxigraphStore(store=oxigraph)), flush=oxigraph.flush)
