"""RDF exports, streamed graph by graph: Turtle and N-Triples (all graphs merged), TriG and
N-Quads (one named graph per article, the ontology graph beside them).

Only one named graph is held in memory at a time: each is copied into a small rdflib graph,
serialised with rdflib's own writer and appended to the output. Concatenated chunks stay one
valid document: Turtle and TriG allow a prefix to be declared again, rdflib's blank-node ids
are unique per process, and N-Triples/N-Quads are line based.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.store import KGStore
from kg.store.article_graph import Triple
from kg.store.prefixes import bind_prefixes
from kg.vocab import ONTOLOGY_GRAPH

#: rdflib serialiser names of the formats that keep named graphs, and of those that merge them.
QUAD_FORMATS = ("trig", "nquads")
TRIPLE_FORMATS = ("turtle", "nt")


def graph_names(store: KGStore) -> list[URIRef]:
    """Every non-empty graph: the ontology graph first, then the articles in IRI order, then
    the default graph if anything was written to it."""
    names = {URIRef(str(g.identifier)) for g in store.dataset.graphs()}
    ordered = sorted(names - {ONTOLOGY_GRAPH, DATASET_DEFAULT_GRAPH_ID})
    ordered = [g for g in (ONTOLOGY_GRAPH,) if g in names] + ordered
    if DATASET_DEFAULT_GRAPH_ID in names:
        ordered.append(DATASET_DEFAULT_GRAPH_ID)
    return [name for name in ordered if _has_triples(store, name)]


def graph_triples(store: KGStore, name: URIRef) -> Iterator[Triple]:
    """The triples of one graph, read lazily from the store."""
    yield from store.dataset.graph(name).triples((None, None, None))


def one_graph(store: KGStore, name: URIRef) -> Graph:
    """An in-memory copy of one graph (an article's is a few hundred triples)."""
    graph = Graph(identifier=name)
    bind_prefixes(graph)
    for triple in graph_triples(store, name):
        graph.add(triple)
    return graph


def write_graphs(store: KGStore, out: TextIO, rdflib_format: str) -> None:
    """Serialise graph by graph in ``rdflib_format`` (one of TRIPLE_FORMATS or QUAD_FORMATS)."""
    for name in graph_names(store):
        graph = one_graph(store, name)
        if rdflib_format in QUAD_FORMATS:
            holder = Dataset()
            bind_prefixes(holder)
            target = holder.graph(name)
            target += graph
            out.write(holder.serialize(format=rdflib_format))
        else:
            out.write(graph.serialize(format=rdflib_format))


def write_turtle(store: KGStore, out: TextIO) -> None:
    write_graphs(store, out, "turtle")


def write_ntriples(store: KGStore, out: TextIO) -> None:
    write_graphs(store, out, "nt")


def write_trig(store: KGStore, out: TextIO) -> None:
    write_graphs(store, out, "trig")


def write_nquads(store: KGStore, out: TextIO) -> None:
    write_graphs(store, out, "nquads")


def _has_triples(store: KGStore, name: URIRef) -> bool:
    return next(iter(graph_triples(store, name)), None) is not None
