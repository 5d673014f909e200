"""The VoID description counts what the store holds."""
from __future__ import annotations

import io

from rdflib import Graph, Literal, URIRef

from kg.export import write_export
from kg.store import KGStore
from kg.store.iris import entity_iri
from kg.store.queries import stats
from kg.vocab import DATASET, KG, PROV, RDF, VOID


def _void(store: KGStore) -> Graph:
    out = io.StringIO()
    write_export(store, "void", out)
    return Graph().parse(data=out.getvalue(), format="turtle")


def test_counts_match_the_store(store: KGStore) -> None:
    void = _void(store)
    totals = stats(store)
    assert (DATASET, RDF.type, VOID.Dataset) in void
    assert void.value(DATASET, VOID.triples) == Literal(totals.triples)
    assert void.value(DATASET, VOID.documents) == Literal(2)
    assert void.value(DATASET, VOID.entities) == Literal(totals.entities)


def test_class_and_property_partitions(store: KGStore) -> None:
    void = _void(store)
    classes = {void.value(p, VOID["class"]): void.value(p, VOID.entities)
               for p in void.objects(DATASET, VOID.classPartition)}
    properties = {void.value(p, VOID.property): void.value(p, VOID.triples)
                  for p in void.objects(DATASET, VOID.propertyPartition)}
    assert classes[KG.Statement] == Literal(6)
    assert classes[KG.Article] == Literal(2)
    assert properties[PROV.wasDerivedFrom] == Literal(6)
    assert {URIRef(str(KG)), URIRef(str(PROV))} <= set(void.objects(DATASET, VOID.vocabulary))


def test_example_resources_are_the_most_mentioned_entities(store: KGStore) -> None:
    examples = set(_void(store).objects(DATASET, VOID.exampleResource))
    assert len(examples) == 3
    assert {entity_iri("kim_jong_un"), entity_iri("north_korea"), entity_iri("putin")} == examples
