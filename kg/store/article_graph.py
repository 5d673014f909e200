"""The RDF an article becomes: built in memory, with no store, so a failure leaves nothing half-written.

One named graph per article; its IRI is the article node ``ART[quote(source)]``. It holds:

- the article: ``a kg:Article, schema:NewsArticle``, ``kg:sourceFile``, ``dcterms:title``,
  ``dcterms:date`` (xsd:date), ``dcterms:publisher`` (the outlet), ``schema:url``,
  ``kg:sentenceCount`` and ``kg:mentions`` for every entity the article names;
- new entities (``Entity.known == False``): type, ``rdfs:label``, ``skos:altLabel`` and
  ``owl:sameAs`` the Wikidata item. Known entities are described once, by the gazetteer in
  ``vocab.ONTOLOGY_GRAPH`` (``rdfs:label "…"@de`` is their canonical label);
- one ``kg:Statement`` (also typed ``rdf:Statement``: standard RDF reification, which every
  RDF 1.1 tool reads; RDF-star would need RDF 1.2 support in every consumer) node per
  statement, ``STMT[<hash of article, subject, predicate, object, sentence start>]``, with
  ``rdf:subject``/``rdf:predicate``/``rdf:object``,
  ``kg:modality``, ``kg:confidence`` (xsd:double), ``kg:date`` (xsd:date, xsd:gYearMonth or
  xsd:gYear as precise as the text, else a string), ``kg:place``, ``kg:sentence``, ``kg:charStart``/``kg:charEnd`` (offsets in the
  page file), ``kg:rule``, ``prov:wasDerivedFrom`` the article and ``prov:generatedAtTime``
  (xsd:dateTime, UTC) when kg extracted it;
- for asserted statements only, the direct triple ``ENT[s] KG[p] ENT[o]``.

Symmetric predicates are written in the order of :attr:`Statement.key`, so "A met B" and
"B met A" are one fact. Two statements of one fact in one sentence are one node (the more
confident wins).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.model import ArticleExtraction, Entity, Modality, Statement
from kg.store.iris import article_iri, entity_iri, predicate_iri, statement_iri
from kg.vocab import DCTERMS, KG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, WD, XSD

Triple = tuple[Node, Node, Node]

_ISO_DATES = ((re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date),
              (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth),
              (re.compile(r"\d{4}"), XSD.gYear))
#: Language of the labels kg reads: the articles are German.
LABEL_LANGUAGE = "de"


def article_triples(extraction: ArticleExtraction,
                    generated_at: datetime | None = None) -> list[Triple]:
    """Every triple of the article's named graph; ``generated_at`` (default: now) stamps
    the statements for PROV-O."""
    article = extraction.article
    node = article_iri(article.source)
    stamp = generation_time(generated_at)
    triples: list[Triple] = [
        (node, RDF.type, KG.Article),
        (node, RDF.type, SCHEMA.NewsArticle),
        (node, KG.sourceFile, Literal(article.source)),
        (node, KG.sentenceCount, Literal(len(extraction.sentences))),
        (node, KG.contentDigest, Literal(article.digest)),
    ]
    described = ((DCTERMS.title, article.title), (DCTERMS.date, article.published),
                 (DCTERMS.publisher, article.outlet))
    triples += [(node, p, Literal(value)) for p, value in described if value]
    if article.url:
        triples.append((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
    triples += [(node, KG.mentions, entity_iri(e)) for e in sorted(mentioned_entity_ids(extraction))]
    for entity in extraction.entities.values():
        if not entity.known:
            triples += new_entity_triples(entity)
    for statement in distinct_statements(extraction.statements, article.source):
        triples += statement_triples(article.source, statement, stamp)
    return triples


def generation_time(moment: datetime | None = None) -> Literal:
    """``prov:generatedAtTime`` value: UTC to the second, as xsd:dateTime."""
    moment = (moment or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    return Literal(moment.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)


def mentioned_entity_ids(extraction: ArticleExtraction) -> set[str]:
    """Entities named in the article: its mentions, its entities, and the parties of its statements."""
    ids = {m.entity_id for m in extraction.mentions} | set(extraction.entities)
    for statement in extraction.statements:
        ids |= {statement.subject, statement.object} | ({statement.place} if statement.place else set())
    return ids


def new_entity_triples(entity: Entity) -> Iterator[Triple]:
    node = entity_iri(entity.id)
    yield node, RDF.type, KG[entity.type.value]
    yield node, RDFS.label, Literal(entity.label, lang=LABEL_LANGUAGE)
    for alias in entity.aliases:
        yield node, SKOS.altLabel, Literal(alias, lang=LABEL_LANGUAGE)
    if entity.wikidata:
        yield node, OWL.sameAs, WD[entity.wikidata]


def distinct_statements(statements: Iterable[Statement], source: str) -> list[Statement]:
    """One statement per node IRI, keeping the most confident reading."""
    best: dict[URIRef, Statement] = {}
    for statement in statements:
        iri = statement_iri(source, statement)
        if iri not in best or statement.confidence > best[iri].confidence:
            best[iri] = statement
    return list(best.values())


def statement_triples(source: str, statement: Statement,
                      generated_at: Literal | None = None) -> list[Triple]:
    node = statement_iri(source, statement)
    subject, predicate, obj = statement.key
    provenance = statement.provenance
    triples: list[Triple] = [
        (node, RDF.type, KG.Statement),
        (node, RDF.type, RDF.Statement),
        (node, RDF.subject, entity_iri(subject)),
        (node, RDF.predicate, predicate_iri(predicate)),
        (node, RDF.object, entity_iri(obj)),
        (node, KG.modality, Literal(statement.modality.value)),
        (node, KG.confidence, Literal(float(statement.confidence), datatype=XSD.double)),
        (node, KG.sentence, Literal(provenance.sentence)),
        (node, KG.charStart, Literal(provenance.start)),
        (node, KG.charEnd, Literal(provenance.end)),
        (node, KG.rule, Literal(provenance.rule)),
        (node, PROV.wasDerivedFrom, article_iri(source)),
        (node, PROV.generatedAtTime, generated_at or generation_time()),
    ]
    if statement.date:
        triples.append((node, KG.date, date_literal(statement.date)))
    if statement.place:
        triples.append((node, KG.place, entity_iri(statement.place)))
    if statement.modality is Modality.ASSERTED:
        triples.append((entity_iri(subject), predicate_iri(predicate), entity_iri(obj)))
    return triples


def date_literal(text: str) -> Literal:
    """As precise as the text: xsd:date, xsd:gYearMonth or xsd:gYear for ISO dates
    (``2024-06-19``, ``2019-04``, ``2019``), a plain string for anything else."""
    for pattern, datatype in _ISO_DATES:
        if pattern.fullmatch(text):
            return Literal(text, datatype=datatype)
    return Literal(text)
