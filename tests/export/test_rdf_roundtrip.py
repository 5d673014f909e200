"""Every RDF export reads back with rdflib into exactly the store's content (graph isomorphism,
per named graph where the format keeps them), and known entities keep their Wikidata links."""
from __future__ import annotations

import io
import json

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.config import load_settings
from kg.export import write_export
from kg.export.rdf import graph_names
from kg.rdf11 import simple_graph
from kg.model import ArticleExtraction
from kg.store import KGStore, open_store
from kg.store.iris import article_iri, entity_iri
from kg.store.prefixes import PREFIXES
from kg.vocab import ONTOLOGY_GRAPH, OWL, WD

QUAD_FORMATS = [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")]
TRIPLE_FORMATS = [("turtle", "turtle"), ("nt", "nt")]


def _export(store: KGStore, fmt: str) -> str:
    out = io.StringIO()
    write_export(store, fmt, out)
    return out.getvalue()


def _stored(store: KGStore, name: URIRef) -> Graph:
    return simple_graph(store.dataset.graph(name))


@pytest.mark.parametrize(("fmt", "rdflib_format"), QUAD_FORMATS)
def test_named_graph_formats_hold_each_graph_exactly(store: KGStore, fmt: str, rdflib_format: str) -> None:
    dataset = Dataset().parse(data=_export(store, fmt), format=rdflib_format)
    exported = {URIRef(str(g.identifier)) for g in dataset.graphs() if len(g)}
    assert exported == {ONTOLOGY_GRAPH, article_iri("001_gipfel.txt"), article_iri("002_donezk.txt")}
    for name in exported:
        assert isomorphic(simple_graph(dataset.graph(name)), _stored(store, name)), name


@pytest.mark.parametrize(("fmt", "rdflib_format"), TRIPLE_FORMATS)
def test_merged_formats_hold_the_union_exactly(store: KGStore, fmt: str, rdflib_format: str) -> None:
    graph = Graph().parse(data=_export(store, fmt), format=rdflib_format)
    union = simple_graph(t for name in graph_names(store) for t in store.dataset.graph(name))
    assert isomorphic(simple_graph(graph), union)


@pytest.mark.parametrize(("fmt", "rdflib_format"), TRIPLE_FORMATS + QUAD_FORMATS)
def test_wikidata_links_reach_every_export(store: KGStore, fmt: str, rdflib_format: str) -> None:
    data = _export(store, fmt)
    if (fmt, rdflib_format) in QUAD_FORMATS:
        quads = Dataset().parse(data=data, format=rdflib_format).quads((None, OWL.sameAs, None, None))
        links = {(s, o) for s, _, o, _ in quads}
    else:
        graph = Graph().parse(data=data, format=rdflib_format)
        links = {(s, o) for s, _, o in graph.triples((None, OWL.sameAs, None))}
    assert {(entity_iri("putin"), WD.Q7747), (entity_iri("kim_jong_un"), WD.Q56226)} <= links


def test_the_real_ontology_round_trips_through_json_ld(extractions: list[ArticleExtraction]) -> None:
    """The gazetteer's blank nodes (office blocks) and RDF lists (unions of classes) survive."""
    with open_store("memory", load_settings()) as store:
        store.replace_article(extractions[0])
        dataset = Dataset().parse(data=_export(store, "jsonld"), format="json-ld")
        assert isomorphic(simple_graph(dataset.graph(ONTOLOGY_GRAPH)), _stored(store, ONTOLOGY_GRAPH))


def test_json_ld_uses_the_published_context(store: KGStore) -> None:
    document = json.loads(_export(store, "jsonld"))
    published = json.loads(load_settings().jsonld_context_path.read_text(encoding="utf-8"))
    assert document["@context"] == published["@context"]
    article = next(g for g in document["@graph"] if g["@id"] == str(article_iri("001_gipfel.txt")))
    statement = next(n for n in article["@graph"] if "confidence" in n)
    assert {"subject", "predicate", "object", "sentence", "wasDerivedFrom"} <= set(statement)


def test_the_published_context_declares_kgs_prefixes() -> None:
    context = json.loads(load_settings().jsonld_context_path.read_text(encoding="utf-8"))["@context"]
    assert {name: context[name] for name in PREFIXES} == {n: str(ns) for n, ns in PREFIXES.items()}


def test_graphs_are_written_one_at_a_time(store: KGStore) -> None:
    """Streaming: the output is written in one chunk per graph, never as one big string."""
    writes: list[str] = []

    class Recorder(io.StringIO):
        def write(self, text: str) -> int:
            writes.append(text)
            return len(text)

    write_export(store, "nquads", Recorder())
    assert len(writes) == len(graph_names(store)) == 3
