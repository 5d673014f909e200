"""Which rdflib store a URI names: the one place that dispatches on the store URI.

Every backend replaces named graphs through one ``replace_graphs`` call that is atomic per
graph: a reader, or a process killed mid-write, sees each article's graph as it was or as it is
meant to be, never half of it; a large write into the embedded store that is killed leaves its
new graphs absent instead (see :func:`replace_graphs_in_oxigraph`,
:mod:`kg.store.oxigraph_bulk` and :mod:`kg.store.sparql_backend`).
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from oxrdflib import OxigraphStore
from oxrdflib._converter import to_ox
from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from kg.config import Settings, load_settings
from kg.store.oxigraph_bulk import bulk_write, interrupted_write, recover_interrupted_write
from kg.store.store_lock import StoreLock
from kg.store.update_text import GraphContents, replace_update, triple_count

MEMORY_URI = "memory"
SPARQL_SCHEMES = ("http://", "https://")

log = logging.getLogger(__name__)

__all__ = ["Backend", "GraphContents", "MEMORY_URI", "open_backend", "replace_graphs_in_oxigraph"]


@dataclass
class Backend:
    """An open dataset, how to make its writes durable before it is closed, how to replace
    many named graphs at once (atomically per graph), and what a reader must hold so it never
    sees a write half done (only rdflib's memory store, which has no transactions, needs one)."""

    dataset: Dataset
    flush: Callable[[], None]
    replace_graphs: Callable[[GraphContents], None]
    read_guard: Callable[[], AbstractContextManager[object]] = field(default=nullcontext)
    close: Callable[[], None] = field(default=lambda: None)
    #: The folder an embedded store lives in (``None`` for memory and SPARQL endpoints): where
    #: files that belong with the store, such as the graph view's snapshot, are kept.
    directory: Path | None = None
    #: Opened for reading only: writes raise, and nothing is saved next to the store.
    read_only: bool = False


def open_backend(uri: str, settings: Settings | None = None, read_only: bool = False) -> Backend:
    """``memory`` → rdflib's in-memory store; ``http(s)://…`` → a SPARQL 1.1 endpoint (its
    query URL; update URL and credentials come from ``settings``); else a directory, which
    ``read_only`` opens for reading only (see :func:`_open_directory_read_only`)."""
    if read_only and (uri == MEMORY_URI or uri.startswith(SPARQL_SCHEMES)):
        raise NotImplementedError(f"only an embedded store (a folder) opens read-only, not {uri}")
    if uri == MEMORY_URI:
        return _open_memory()
    settings = settings or load_settings()
    if uri.startswith(SPARQL_SCHEMES):
        from kg.store.sparql_backend import open_sparql_backend
        return open_sparql_backend(uri, settings)
    if read_only:
        return _open_directory_read_only(Path(uri))
    return _open_directory(Path(uri), settings.bulk_write_min_triples)


def _open_memory() -> Backend:
    """rdflib's memory store has no transactions, so one lock makes a replace whole to readers
    (and keeps a reader from iterating a dict a writer is changing)."""
    dataset = Dataset(store="Memory")
    lock = threading.RLock()

    def replace_graphs(graphs: GraphContents) -> None:
        with lock:
            for graph, triples in graphs.items():
                dataset.remove_graph(graph)
                dataset.addN((s, p, o, graph) for s, p, o in triples)

    return Backend(dataset, flush=lambda: None, replace_graphs=replace_graphs,
                   read_guard=lambda: lock)


def _open_directory(path: Path,
                    bulk_min_triples: int = Settings.bulk_write_min_triples) -> Backend:
    """The embedded Oxigraph store (RocksDB) in ``path``, created when missing, for this
    process alone (:class:`StoreLock`, exclusive).

    A bulk write that a killed process left unfinished is undone first (its graphs dropped,
    see :mod:`kg.store.oxigraph_bulk`), so nothing ever reads half of one; writes of at least
    ``bulk_min_triples`` new triples take the bulk path."""
    path.mkdir(parents=True, exist_ok=True)
    lock = StoreLock(path, shared=False)
    try:
        oxigraph = pyoxigraph.Store(str(path))
        dropped = recover_interrupted_write(oxigraph, path)
    except BaseException:
        lock.release()
        raise
    if dropped:
        log.warning("%s: a bulk write was interrupted; dropped the %d graphs (articles) it had "
                    "begun, so none is left half written. Running the build again writes them.",
                    path, dropped)
    return Backend(Dataset(store=OxigraphStore(store=oxigraph)), flush=oxigraph.flush,
                   replace_graphs=lambda graphs: replace_graphs_in_oxigraph(
                       oxigraph, graphs, bulk_min_triples, path),
                   close=lock.release, directory=path)


class ReadOnlyStoreError(RuntimeError):
    """A write to a store opened read-only."""


def _open_directory_read_only(path: Path) -> Backend:
    """The embedded store in ``path`` for reading only, beside other read-only processes
    (:class:`StoreLock`, shared) and never beside a writer: what each ``kg serve --workers``
    process opens. An interrupted bulk write has to be undone by a read-write open first."""
    if not path.is_dir():
        raise FileNotFoundError(f"there is no store in {path}; build one with kg build")
    lock = StoreLock(path, shared=True)
    try:
        if interrupted_write(path):
            raise ReadOnlyStoreError(
                f"a bulk write into {path} was interrupted; open the store once for writing "
                "(kg serve with one worker, or kg build) to undo it, then serve it read-only")
        oxigraph = pyoxigraph.Store.read_only(str(path))
    except BaseException:
        lock.release()
        raise

    def refuse(graphs: GraphContents) -> None:
        raise ReadOnlyStoreError(f"the store {path} is open read-only (kg serve --workers); "
                                 "write with one worker, or with kg build while it is not served")

    return Backend(Dataset(store=OxigraphStore(store=oxigraph)), flush=lambda: None,
                   replace_graphs=refuse, close=lock.release, directory=path, read_only=True)


def replace_graphs_in_oxigraph(oxigraph: pyoxigraph.Store, graphs: GraphContents,
                               bulk_min_triples: int = Settings.bulk_write_min_triples,
                               directory: Path | None = None) -> None:
    """Replace graphs so that a crash leaves each graph old, new or (bulk path) absent, never
    half: graphs the store already holds by one SPARQL UPDATE (``DROP`` + ``INSERT DATA``,
    one transaction); new graphs by one transactional ``extend`` or, when they add up to at
    least ``bulk_min_triples`` triples, by the bulk loader under an intent record kept in
    the store's ``directory`` (:func:`kg.store.oxigraph_bulk.bulk_write`).

    The split is for speed. ``extend`` takes converted terms and loads about twice as fast as
    parsing the update text, and a first build only adds graphs; the bulk loader is about
    three times faster again, but readers may see a bulk write's graphs appear one by one and
    a killed bulk write's graphs are dropped at the next open, so small writes (an article
    from the API) stay transactional: readers see them whole or not at all.
    """
    convert = OxigraphTerms()
    existing = {graph for graph in graphs if oxigraph.contains_named_graph(convert(graph))}
    if existing:
        oxigraph.update(replace_update({graph: graphs[graph] for graph in existing}))
    new = {graph: triples for graph, triples in graphs.items()
           if graph not in existing and triples}
    if triple_count(new) >= max(bulk_min_triples, 1):
        bulk_write(oxigraph, new, directory)
    elif new:
        oxigraph.extend([pyoxigraph.Quad(convert(s), convert(p), convert(o), graph_node)
                         for graph, triples in new.items()
                         for graph_node in (convert(graph),)
                         for s, p, o in triples])


class OxigraphTerms:
    """rdflib term → pyoxigraph term, remembering each conversion for the life of one write:
    entity, predicate and vocabulary terms recur in nearly every statement of a batch."""

    def __init__(self) -> None:
        self._seen: dict[Node, object] = {}

    def __call__(self, term: Node):  # noqa: ANN204 - a pyoxigraph term
        converted = self._seen.get(term)
        if converted is None:
            converted = self._seen[term] = _to_oxigraph(term)
        return converted


def _to_oxigraph(term: Node):  # noqa: ANN202
    """oxrdflib's own conversion, with a fast lane for the two kinds kg writes."""
    if type(term) is URIRef:
        return pyoxigraph.NamedNode(term)
    if type(term) is Literal:
        datatype = term.datatype
        return pyoxigraph.Literal(str(term), language=term.language,
                                  datatype=pyoxigraph.NamedNode(datatype) if datatype else None)
    return to_ox(term)
