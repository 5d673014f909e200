"""The triples an article becomes."""
from __future__ import annotations

import dataclasses

import pytest
from rdflib import Graph, Literal, URIRef

from kg.model import ArticleExtraction, Modality
from kg.store.article_graph import article_triples, date_literal
from kg.store.iris import article_iri, entity_iri
from kg.vocab import KG, RDF, RDFS, XSD



def _graph(extraction: ArticleExtraction) -> Graph:
    graph = Graph()
    for triple in article_triples(extraction):
        graph.add(triple)
    return graph


def test_only_asserted_statements_get_a_direct_triple(extractions: list[ArticleExtraction]) -> None:
    graph = _graph(extractions[0])
    assert (entity_iri("kim_jong_un"), KG.met, entity_iri("putin")) in graph
    assert (entity_iri("russia"), KG.suppliesWeaponsTo, entity_iri("north_korea")) not in graph
    alleged = list(graph.subjects(KG.modality, Literal(Modality.ALLEGED.value)))
    assert len(alleged) == 1


def test_symmetric_statements_are_written_in_one_order(extractions: list[ArticleExtraction]) -> None:
    one, two = (_graph(e) for e in extractions)
    met = (entity_iri("kim_jong_un"), KG.met, entity_iri("putin"))
    assert met in one and met in two
    assert (entity_iri("putin"), KG.met, entity_iri("kim_jong_un")) not in one


def test_known_entities_are_left_to_the_gazetteer(extractions: list[ArticleExtraction]) -> None:
    graph = _graph(extractions[0])
    assert graph.value(entity_iri("putin"), RDFS.label) is None
    assert graph.value(entity_iri("kim_jong_un"), RDFS.label) == Literal("Kim Jong Un", lang="de")
    assert (article_iri(extractions[0].article.source), KG.mentions, entity_iri("putin")) in graph


@pytest.mark.parametrize(("text", "datatype"), [
    ("2024-06-19", XSD.date), ("2019-04", XSD.gYearMonth), ("2019", XSD.gYear),
    ("Oktober 2024", None)])
def test_dates_are_typed_as_precisely_as_they_are_known(text: str, datatype: URIRef | None) -> None:
    assert date_literal(text) == Literal(text, datatype=datatype)


def test_statement_dates_are_stored(extractions: list[ArticleExtraction]) -> None:
    dates = {d for e in extractions for d in _graph(e).objects(None, KG.date)}
    assert dates == {Literal("2024-06-19", datatype=XSD.date), Literal("Oktober 2024")}


def test_the_same_fact_read_twice_from_one_sentence_is_one_statement(
        extractions: list[ArticleExtraction]) -> None:
    extraction = extractions[0]
    first = extraction.statements[0]
    extraction.statements.append(dataclasses.replace(first, confidence=0.95, subject=first.object,
                                                     object=first.subject))
    graph = _graph(extraction)
    assert len(set(graph.subjects(RDF.type, KG.Statement))) == 3
    assert Literal(0.95) in set(graph.objects(None, KG.confidence))


def test_statements_carry_prov_o_provenance(extractions: list[ArticleExtraction]) -> None:
    from datetime import datetime, timezone

    from kg.vocab import PROV
    extraction = extractions[0]
    moment = datetime(2025, 1, 2, 3, 4, 5, 678, tzinfo=timezone.utc)
    graph = Graph()
    for triple in article_triples(extraction, generated_at=moment):
        graph.add(triple)
    statements = set(graph.subjects(RDF.type, KG.Statement))
    assert statements == set(graph.subjects(RDF.type, RDF.Statement))
    article = article_iri(extraction.article.source)
    for node in statements:
        assert graph.value(node, PROV.wasDerivedFrom) == article
        assert graph.value(node, PROV.generatedAtTime) == Literal("2025-01-02T03:04:05Z", datatype=XSD.dateTime)


def test_every_kg_term_written_is_declared_in_german_and_english(extractions: list[ArticleExtraction]) -> None:
    from kg.config import load_settings
    ontology = Graph().parse(load_settings().ontology_dir / "kg.ttl")
    used = {t for e in extractions for s, p, o in _graph(e) for t in (p, o)
            if isinstance(t, URIRef) and str(t).startswith(str(KG))} | {KG.sourceDigest}
    for term in used:
        languages = {label.language for label in ontology.objects(term, RDFS.label)}
        comments = {c.language for c in ontology.objects(term, RDFS.comment)}
        assert {"de", "en"} <= languages & comments, term
