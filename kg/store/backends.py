"""Which rdflib store a URI names: the one place that dispatches on the store URI."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from oxrdflib import OxigraphStore
from oxrdflib._converter import to_ox
from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from kg.store.article_graph import Triple

MEMORY_URI = "memory"


#: Named graph IRI → the complete triples it is to hold.
GraphContents = Mapping[URIRef, Sequence[Triple]]


@dataclass
class Backend:
    """An open dataset, how to make its writes durable before it is closed, and how to
    replace many named graphs at once (the bulk path ``kg build`` and ``kg bench`` use)."""

    dataset: Dataset
    flush: Callable[[], None]
    replace_graphs: Callable[[GraphContents], None] | None = None

    def __post_init__(self) -> None:
        if self.replace_graphs is None:
            self.replace_graphs = self._replace_graphs_through_rdflib

    def _replace_graphs_through_rdflib(self, graphs: GraphContents) -> None:
        for graph, triples in graphs.items():
            self.dataset.remove_graph(graph)
            self.dataset.addN((s, p, o, graph) for s, p, o in triples)


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
    return Backend(Dataset(store=OxigraphStore(store=oxigraph)), flush=oxigraph.flush,
                   replace_graphs=lambda graphs: replace_graphs_in_oxigraph(oxigraph, graphs))


def replace_graphs_in_oxigraph(oxigraph: pyoxigraph.Store, graphs: GraphContents) -> None:
    """Drop the graphs' old content, then write all new quads with one ``bulk_extend``.

    Going under oxrdflib to Oxigraph's bulk loader is what makes a million-statement build
    fast: oxrdflib's ``addN`` runs a transactional ``extend`` per call, about half the rate.
    The bulk loader is not transactional, so a crash during the write can leave a batch
    partly written; every article's triples are complete before the write starts, and
    re-running the build replaces them.
    """
    convert = OxigraphTerms()
    quads = [pyoxigraph.Quad(convert(s), convert(p), convert(o), graph_node)
             for graph, triples in graphs.items()
             for graph_node in (convert(graph),)
             for s, p, o in triples]
    for graph in graphs:
        graph_node = convert(graph)
        if oxigraph.contains_named_graph(graph_node):
            oxigraph.remove_graph(graph_node)
    oxigraph.bulk_extend(quads)


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
