"""A VoID description of the dataset (https://www.w3.org/TR/void/): what it holds, in counts,
vocabularies and example resources, so a crawler or a researcher can size it up before
querying. Served at ``/.well-known/void`` and written by ``kg export --format void``.
"""
from __future__ import annotations

from typing import TextIO

from rdflib import BNode, Graph, Literal, URIRef

from kg.store import KGStore
from kg.store.prefixes import bind_prefixes
from kg.store.queries import stats
from kg.vocab import DATASET, DCTERMS, ENT, KG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, VOID

#: Vocabularies the article graphs and the ontology graph are written in.
VOCABULARIES = (KG, PROV, DCTERMS, SCHEMA, RDF, RDFS, OWL, SKOS)
#: Serialisations ``kg export`` writes, as W3C format IRIs.
FORMATS = ("Turtle", "N-Triples", "N-Quads", "TriG", "JSON-LD")
EXAMPLE_COUNT = 3

_CLASS_COUNTS = """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?class } }
GROUP BY ?class"""
_PROPERTY_COUNTS = """SELECT ?property (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?property ?o } }
GROUP BY ?property"""
_MOST_MENTIONED = """SELECT ?entity (COUNT(DISTINCT ?article) AS ?n) WHERE {
  GRAPH ?article { ?article kg:mentions ?entity } } GROUP BY ?entity"""


def void_graph(store: KGStore, sparql_endpoint: str | None = None) -> Graph:
    """The dataset's description; ``sparql_endpoint`` is added when the caller knows its URL."""
    graph = Graph()
    bind_prefixes(graph)
    graph.bind("void", VOID)
    totals = stats(store)
    add = graph.add
    add((DATASET, RDF.type, VOID.Dataset))
    add((DATASET, DCTERMS.title, Literal("kg – Wissensgraph aus deutschsprachigen Nachrichten", lang="de")))
    add((DATASET, DCTERMS.title, Literal("kg – knowledge graph of German-language news", lang="en")))
    add((DATASET, DCTERMS.description, Literal(
        "Who did what with whom, according to which article: statements extracted from German "
        "news pages, each with its article, sentence, character offsets, modality, confidence, "
        "date and place; one named graph per article.", lang="en")))
    add((DATASET, VOID.triples, Literal(totals.triples)))
    add((DATASET, VOID.entities, Literal(totals.entities)))
    add((DATASET, VOID.documents, Literal(totals.articles)))
    add((DATASET, VOID.uriSpace, Literal(str(ENT))))
    for vocabulary in VOCABULARIES:
        add((DATASET, VOID.vocabulary, URIRef(str(vocabulary))))
    for name in FORMATS:
        add((DATASET, VOID.feature, URIRef(f"http://www.w3.org/ns/formats/{name.replace('-', '_')}")))
    if sparql_endpoint:
        add((DATASET, VOID.sparqlEndpoint, URIRef(sparql_endpoint)))
    for entity in example_resources(store):
        add((DATASET, VOID.exampleResource, entity))
    classes = _add_partitions(graph, _counts(store, _CLASS_COUNTS, "class"),
                              VOID.classPartition, VOID["class"], VOID.entities)
    properties = _add_partitions(graph, _counts(store, _PROPERTY_COUNTS, "property"),
                                 VOID.propertyPartition, VOID.property, VOID.triples)
    add((DATASET, VOID.classes, Literal(classes)))
    add((DATASET, VOID.properties, Literal(properties)))
    return graph


def example_resources(store: KGStore) -> list[URIRef]:
    """The entities the most articles mention (ties broken by IRI)."""
    counts = _counts(store, _MOST_MENTIONED, "entity")
    ranked = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    return [entity for entity, _ in ranked[:EXAMPLE_COUNT]]


def write_void(store: KGStore, out: TextIO) -> None:
    out.write(void_graph(store).serialize(format="turtle"))


def _counts(store: KGStore, query: str, variable: str) -> dict[URIRef, int]:
    """``?variable`` → ``?n`` of a grouped count query."""
    rows = store.select(query)
    return {URIRef(str(row[variable])): int(row["n"]) for row in rows if variable in row}


def _add_partitions(graph: Graph, counts: dict[URIRef, int], link: URIRef, key: URIRef,
                    measure: URIRef) -> int:
    """One partition node per class or property with its count; how many partitions."""
    for term, count in sorted(counts.items()):
        partition = BNode()
        graph.add((DATASET, link, partition))
        graph.add((partition, key, term))
        graph.add((partition, measure, Literal(count)))
    return len(counts)
