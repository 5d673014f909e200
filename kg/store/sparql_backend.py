"""A SPARQL 1.1 endpoint as kg's store (``--store http://host:port/sparql``): Virtuoso,
Fuseki, GraphDB, Oxigraph's server, ….

Reads go through rdflib's ``SPARQLStore`` (so queries, exports and the API speak rdflib as
with the embedded store), its HTTP replaced by :class:`~kg.store.sparql_http.SparqlHttp`.
Writes bypass rdflib: a batch of articles becomes one ``DROP SILENT GRAPH …; INSERT DATA {…}``
request (:mod:`kg.store.update_text`), split only between articles when it exceeds
``sparql_max_triples_per_request``, so each article is replaced by exactly one request and the
store runs that request as one transaction.
"""
from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any

from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result

from kg.config import Settings
from kg.store.backends import Backend
from kg.store.sparql_http import SparqlEndpointError, SparqlHttp
from kg.store.update_text import GraphContents, replace_update
from kg.vocab import ART, ONTOLOGY_GRAPH


class KGSparqlStore(SPARQLStore):
    """rdflib's read-only SPARQL store over :class:`SparqlHttp`, listing only kg's graphs: a
    shared endpoint also holds its own system graphs (Virtuoso's ``virtrdf#``) and other data."""

    def __init__(self, http: SparqlHttp) -> None:
        super().__init__(query_endpoint=http.query_url, context_aware=True)
        self._http = http

    def _query(self, query: str, default_graph: str | None = None,  # type: ignore[override]
               named_graph: str | None = None, **_: Any) -> Result:
        """rdflib names its own default graph (``urn:x-rdflib:default``) as ``default-graph-uri``;
        by the protocol that also empties the named graphs, so it is not sent."""
        self._queries += 1
        if default_graph is not None and str(default_graph) == str(DATASET_DEFAULT_GRAPH_ID):
            default_graph = None
        return self._http.query(query, default_graph)

    def add_graph(self, graph: Any) -> None:
        """rdflib "creates" the default graph when listing graphs; an endpoint's graphs exist
        by holding triples, so there is nothing to send (writes go through ``replace_graphs``)."""

    def contexts(self, triple: Any = None) -> Generator[Any, None, None]:  # type: ignore[override]
        """rdflib asks ``GRAPH ?name {}`` without a triple, which Virtuoso answers with no
        graphs at all; a triple pattern finds every non-empty graph on every endpoint."""
        if triple is None:
            rows = self._query("SELECT DISTINCT ?name WHERE { GRAPH ?name { ?s ?p ?o } }")
            names = (row.name for row in rows)  # type: ignore[union-attr]
        else:
            names = super().contexts(triple)
        return (name for name in names if is_kg_graph(name))


def is_kg_graph(name: object) -> bool:
    """An article's graph or the ontology graph, the graphs kg writes."""
    return str(name).startswith(str(ART)) or str(name) == str(ONTOLOGY_GRAPH)


def open_sparql_backend(query_url: str, settings: Settings) -> Backend:
    """The endpoint at ``query_url``, checked with an ``ASK`` so a wrong URL fails at once."""
    http = SparqlHttp(query_url, settings.sparql_update_url, settings.sparql_user,
                      settings.sparql_password, settings.sparql_timeout_seconds)
    try:
        http.query("ASK { ?s ?p ?o }")
    except (SparqlEndpointError, ValueError, LookupError) as exc:
        http.close()
        raise SparqlEndpointError(f"cannot use {query_url} as a SPARQL store: {exc}") from exc
    limit = settings.sparql_max_triples_per_request

    def replace_graphs(graphs: GraphContents) -> None:
        for chunk in request_chunks(graphs, limit):
            http.update(replace_update(chunk))

    return Backend(Dataset(store=KGSparqlStore(http)), flush=lambda: None,
                   replace_graphs=replace_graphs, close=http.close)


def request_chunks(graphs: GraphContents, max_triples: int) -> Iterator[GraphContents]:
    """Whole graphs, in order, grouped so a group stays under ``max_triples`` unless one graph
    alone is larger (it then goes alone: a graph is never split across requests)."""
    chunk: dict[URIRef, Any] = {}
    size = 0
    for graph, triples in graphs.items():
        if chunk and size + len(triples) > max_triples:
            yield chunk
            chunk, size = {}, 0
        chunk[graph] = triples
        size += len(triples)
    if chunk:
        yield chunk
