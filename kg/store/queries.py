"""Typed read queries over a :class:`KGStore`: the only place that knows the RDF layout by heart.

Every query names its graphs (``GRAPH ?g``), so rdflib's and Oxigraph's engines return the
same rows; entity ids are the local part of ``ENT`` IRIs.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pyoxigraph
from rdflib import Graph, URIRef

from kg.model import SYMMETRIC_PREDICATES, EntityType, Modality
from kg.store.entity_index import (EntityIndex, cached_entity_index, entity_index,
                                   open_entity_index)
from kg.store.iris import (article_iri, entity_id, entity_iri, predicate_name, relation_id,
                           statement_id)
from kg.store.kgstore import KGStore, Row
from kg.store.prefixes import SPARQL_PREFIXES
from kg.store.records import (ISO_DATE_PREFIX, ArticleRecord, CoMentionRecord, Direction,
                              EntityRecord, MentionRecord, RelationFilter, RelationOrder, RelationRecord,
                              SourceRecord, StatementEdge, StatementRecord, StatsRecord, TimelineEntryRecord)
from kg.vocab import ENT, KG, ONTOLOGY_GRAPH, STMT, WD

_ENTITY_TYPES = {KG[t.value]: t for t in EntityType}

#: A result row as lexical forms (IRIs, literal values); unbound variables are absent.
PlainRow = dict[str, str]


def plain_rows(store: KGStore, query: str) -> Iterator[PlainRow]:
    """The rows of a SELECT as strings, straight from Oxigraph when the store is one: for
    large results rdflib's per-term conversion costs more than the query itself. Rows come
    one at a time, so a million-row result is never held as dictionaries all at once."""
    oxigraph = _oxigraph(store)
    if oxigraph is None:
        for row in store.select(query):
            yield {name: str(value) for name, value in row.items()}
        return
    solutions = oxigraph.query(SPARQL_PREFIXES + query)
    names = [variable.value for variable in solutions.variables]
    for solution in solutions:
        yield {name: term.value for name, term in zip(names, solution) if term is not None}


def _oxigraph(store: KGStore) -> pyoxigraph.Store | None:
    """The Oxigraph store under oxrdflib, if that is the backend (rdflib's ``Memory`` is not)."""
    inner = getattr(store.dataset.store, "_inner", None)
    return inner if isinstance(inner, pyoxigraph.Store) else None

# -- entities ------------------------------------------------------------------------------

#: One row per distinct fact about an entity; mentions come counted (a popular entity is named
#: in thousands of article graphs, and its label repeated in each), so a lookup reads a handful
#: of rows whatever the entity's popularity.
_ENTITY_FACTS = """
SELECT DISTINCT ?entity ?kind ?value ?lang ?literal ?ontology ?mentions WHERE {
  { GRAPH ?graph {
      { %(values)s ?entity rdfs:label ?value BIND("label" AS ?kind) }
      UNION { %(values)s ?entity skos:altLabel ?value BIND("alias" AS ?kind) }
      UNION { %(values)s ?entity rdf:type ?value BIND("type" AS ?kind) }
      UNION { %(values)s ?entity owl:sameAs ?value BIND("sameAs" AS ?kind) }
    }
    BIND(LANG(?value) AS ?lang) BIND(isLITERAL(?value) AS ?literal)
    BIND(?graph = %(ontology)s AS ?ontology) }
  UNION
  { SELECT ?entity (COUNT(DISTINCT ?article) AS ?mentions) WHERE {
      GRAPH ?graph { %(values)s ?article kg:mentions ?entity } } GROUP BY ?entity
    HAVING (COUNT(DISTINCT ?article) > 0) }
  FILTER(STRSTARTS(STR(?entity), "%(namespace)s"))
}"""

_ENTITY_TYPE_IRIS = {str(iri): t for iri, t in _ENTITY_TYPES.items()}


@dataclass
class _EntityFacts:
    """What the graphs say about one entity, gathered before a record is made of it."""

    labels: list[tuple[int, int, str]] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    types: set[EntityType] = field(default_factory=set)
    wikidata: set[str] = field(default_factory=set)
    article_count: int = 0

    def add(self, row: PlainRow) -> None:
        kind, value = row.get("kind"), row.get("value", "")
        if kind == "label" and _true(row.get("literal")):
            self.labels.append((0 if _true(row.get("ontology")) else 1,
                                _language_rank(row.get("lang") or None), value))
        elif kind == "alias":
            self.aliases.add(value)
        elif kind == "type" and value in _ENTITY_TYPE_IRIS:
            self.types.add(_ENTITY_TYPE_IRIS[value])
        elif kind == "sameAs" and value.startswith(str(WD)):
            self.wikidata.add(value[len(WD):])
        elif "mentions" in row:
            self.article_count = int(row["mentions"])

    def record(self, id_: str) -> EntityRecord:
        """The gazetteer's German label wins; the other labels become aliases."""
        labels = [text for *_, text in sorted(self.labels)]
        label = labels[0] if labels else id_
        types = [t for t in EntityType if t in self.types]
        return EntityRecord(
            id=id_, label=label, type=types[0] if types else None,
            aliases=tuple(sorted((self.aliases | set(labels)) - {label})),
            wikidata=min(self.wikidata) if self.wikidata else None,
            article_count=self.article_count)


def _true(flag: str | None) -> bool:
    """A SPARQL boolean as text: ``true`` from Oxigraph and rdflib, ``1`` from Virtuoso."""
    return flag in ("true", "1")


def _language_rank(language: str | None) -> int:
    return {"de": 0, None: 1}.get(language, 2)


def _entity_records(store: KGStore, values_clause: str) -> dict[str, EntityRecord]:
    facts: dict[str, _EntityFacts] = defaultdict(_EntityFacts)
    query = _ENTITY_FACTS % {"values": values_clause, "ontology": ONTOLOGY_GRAPH.n3(),
                             "namespace": ENT}
    for row in plain_rows(store, query):
        facts[entity_id(row["entity"])].add(row)
    return {id_: entity_facts.record(id_) for id_, entity_facts in facts.items()}


def entities_by_ids(store: KGStore, ids: Iterable[str]) -> dict[str, EntityRecord]:
    """Records of those ``ids`` the store knows anything about: from the entity index while it
    is current (no write since it was built), else in one query."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    index = cached_entity_index(store)
    if index is not None:
        return {i: index.by_id[i] for i in wanted if i in index.by_id}
    return _entity_records(store, _values("entity", (entity_iri(i).n3() for i in wanted)))


def entities_in_order(store: KGStore, ids: Sequence[str]) -> list[EntityRecord]:
    """A record for every id, in order; one the store knows nothing about is shown under its id."""
    found = entities_by_ids(store, ids)
    return [entity_or_bare(found, i) for i in ids]


def entity_or_bare(entities: dict[str, EntityRecord], id_: str) -> EntityRecord:
    return entities.get(id_) or EntityRecord(id=id_, label=id_)


def entity_by_id(store: KGStore, id_: str) -> EntityRecord | None:
    return entities_by_ids(store, [id_]).get(id_)


def all_entities(store: KGStore) -> list[EntityRecord]:
    return list(_entity_records(store, "").values())


def known_entities(store: KGStore) -> EntityIndex:
    """Every entity, cached until the store's next write."""
    return entity_index(store, all_entities)


def open_known_entities(store: KGStore) -> EntityIndex:
    """:func:`known_entities`, from the store's derived file when it is current (a server
    start), and saved there when it was not."""
    return open_entity_index(store, all_entities)


class UnknownEntityError(LookupError):
    """An id no graph describes; the message says how to find a valid one."""


def require_entities(store: KGStore, *ids: str) -> None:
    """Refuse ids the store knows nothing about (walks would silently find nothing)."""
    known = entities_by_ids(store, ids)
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise UnknownEntityError(f"no entity with id {', '.join(map(repr, unknown))}; "
                                 "find ids with searchEntities")


def search_entities(store: KGStore, text: str, type_: EntityType | None = None) -> list[EntityRecord]:
    """Entities a name of which starts with or contains ``text``, insensitive to case, umlauts,
    accents and transliteration (Pjöngjang/Pyongyang), forgiving a typo from four letters on;
    the most mentioned first."""
    return known_entities(store).search(text, type_)


# -- statements and relations ------------------------------------------------------------------

_STATEMENT_VARIABLES = """?focus ?statement ?source ?published ?subject ?predicate ?object
       ?modality ?confidence ?sentence ?start ?end ?rule ?date ?place"""
#: A statement with its source, inside its article's graph.
_STATEMENT_PATTERN = """
    ?statement a kg:Statement ; rdf:subject ?subject ; rdf:predicate ?predicate ;
        rdf:object ?object ; kg:modality ?modality ; kg:confidence ?confidence ;
        kg:sentence ?sentence ; kg:charStart ?start ; kg:charEnd ?end ; kg:rule ?rule .
    ?article kg:sourceFile ?source .
    OPTIONAL { ?article dcterms:date ?published }
    OPTIONAL { ?statement kg:date ?date }
    OPTIONAL { ?statement kg:place ?place }"""
_STATEMENTS = f"""
SELECT DISTINCT {_STATEMENT_VARIABLES} WHERE {{
  %s
  GRAPH ?article {{
    %s{_STATEMENT_PATTERN}
  }}
}}"""


def _statement_records(store: KGStore, pattern: str = "") -> list[StatementRecord]:
    """Statements matching ``pattern`` (inside the article graph). A ``VALUES`` that narrows
    the statements belongs in ``pattern``: Oxigraph does not push an outer one past the
    ``OPTIONAL``s, and reads every statement (seconds, not milliseconds, at 100,000)."""
    records = [_statement_record(row) for row in plain_rows(store, _STATEMENTS % ("", pattern))]
    return sorted(records, key=text_order)


def text_order(statement: StatementRecord) -> tuple[str, int, str]:
    """Article, position, id: the order statements are listed in, and a relation's sources."""
    return (statement.article, statement.start, statement.id)


def _statement_record(row: PlainRow) -> StatementRecord:
    return StatementRecord(
        id=statement_id(row["statement"]), article=str(row["source"]),
        subject=entity_id(row["subject"]), predicate=predicate_name(row["predicate"]),
        object=entity_id(row["object"]), modality=Modality(str(row["modality"])),
        confidence=float(row["confidence"]), sentence=str(row["sentence"]),
        start=int(row["start"]), end=int(row["end"]), rule=str(row["rule"]),
        date=_text(row, "date"),
        place=entity_id(row["place"]) if "place" in row else None,
        article_date=_text(row, "published"))


def all_statements(store: KGStore, article: str | None = None) -> list[StatementRecord]:
    """Every stored statement, or one article's, in article and text order."""
    if article is None:
        return _statement_records(store)
    return _statement_records(store, pattern=_values("article", [article_iri(article).n3()]))


#: What the graph view needs of every statement: :data:`_STATEMENTS` without the text, offsets
#: and dates, which only relation pages read (kg writes every statement with all of them, so
#: both see the same statements; leaving those joins out took the view's start at 100,000
#: statements from 24 s to 15 s in one run on a busy machine).
_STATEMENT_EDGES = """
SELECT ?statement ?source ?subject ?predicate ?object ?modality ?confidence WHERE {
  %s
  GRAPH ?article {
    ?statement a kg:Statement ; rdf:subject ?subject ; rdf:predicate ?predicate ;
        rdf:object ?object ; kg:modality ?modality ; kg:confidence ?confidence .
    ?article kg:sourceFile ?source .
  }
}"""


def statements_in_articles(store: KGStore, graphs: Iterable[str]) -> list[StatementRecord]:
    """The statements of these article graphs (IRIs), in article and text order: one batch of
    an export (a few hundred graphs a query)."""
    query = _in_graphs(store, _STATEMENT_VARIABLES, _STATEMENT_PATTERN, graphs)
    if query is None:
        return []
    return sorted((_statement_record(row) for row in plain_rows(store, query)), key=text_order)


def statement_edges(store: KGStore, article: str | None = None) -> list[StatementEdge]:
    """Every statement's fact and article (or one article's): a fraction of what
    :func:`all_statements` reads, which is what lets the graph view start quickly."""
    values = _values("article", [article_iri(article).n3()]) if article is not None else ""
    ids = _Memo(entity_id)
    predicates = _Memo(predicate_name)
    modalities = _Memo(Modality)
    return [StatementEdge(id=statement_id(row["statement"]), article=row["source"],
                          subject=ids(row["subject"]), predicate=predicates(row["predicate"]),
                          object=ids(row["object"]), modality=modalities(row["modality"]),
                          confidence=float(row["confidence"]))
            for row in plain_rows(store, _STATEMENT_EDGES % values)]


class _Memo(dict[str, Any]):
    """A conversion done once per distinct input: a few thousand entities and a dozen
    predicates recur across a hundred thousand rows."""

    def __init__(self, convert: Callable[[str], Any]) -> None:
        super().__init__()
        self._convert = convert

    def __call__(self, text: str) -> Any:
        found = self.get(text)
        if found is None:
            found = self[text] = self._convert(text)
        return found


def statements_by_ids(store: KGStore, ids: Iterable[str]) -> list[StatementRecord]:
    """The statements with these ids, in article and text order: what one page of relations
    shows, read without the rest of an entity's statements."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    return _statement_records(store, pattern=_values("statement", (STMT[i].n3() for i in wanted)))


def statements_about(store: KGStore, id_: str) -> list[StatementRecord]:
    """Statements with the entity as subject or object."""
    return statements_about_many(store, [id_]).get(id_, [])


def statements_about_many(store: KGStore, ids: Iterable[str]) -> dict[str, list[StatementRecord]]:
    """Statements with each entity as subject or object, for many entities in one query."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    focus = _values("focus", (entity_iri(i).n3() for i in wanted))
    rows = plain_rows(store, _STATEMENTS % (
        "", f"{{ {focus} ?statement rdf:subject ?focus }} UNION {{ {focus} ?statement rdf:object ?focus }}"))
    found: dict[str, list[StatementRecord]] = defaultdict(list)
    for row in rows:
        found[entity_id(row["focus"])].append(_statement_record(row))
    return {i: sorted(found[i], key=text_order) for i in wanted}


def relations_of(store: KGStore, id_: str, predicate: str | None = None,
                 direction: Direction = Direction.BOTH, where: RelationFilter | None = None,
                 order: RelationOrder = RelationOrder.SUPPORT) -> list[RelationRecord]:
    """The entity's facts, each with all its sources; symmetric predicates face both ways.
    ``predicate`` and ``direction`` narrow ``where``."""
    where = where or RelationFilter()
    if predicate is not None:
        where = replace(where, predicates=(predicate,))
    if direction is not Direction.BOTH:
        where = replace(where, direction=direction)
    return relations_among(store, statements_about(store, id_), where, id_, order)


def relations(store: KGStore, where: RelationFilter | None = None,
              order: RelationOrder = RelationOrder.SUPPORT) -> list[RelationRecord]:
    """Every fact in the store that ``where`` keeps (its direction is ignored: no focus)."""
    return relations_among(store, all_statements(store, where.article if where else None),
                           where or RelationFilter(), None, order)


def relations_among(store: KGStore, statements: Iterable[StatementRecord], where: RelationFilter,
                    focus: str | None = None,
                    order: RelationOrder = RelationOrder.SUPPORT) -> list[RelationRecord]:
    """The facts ``statements`` state that ``where`` keeps, entities from the cached index."""
    return group_relations(filter_statements(statements, where, focus),
                           known_entities(store).by_id, order)


def filter_statements(statements: Iterable[StatementRecord], where: RelationFilter,
                      focus: str | None = None) -> list[StatementRecord]:
    """The statements ``where`` keeps; ``direction`` is relative to the entity ``focus``."""
    return [s for s in statements
            if (not where.predicates or s.predicate in where.predicates)
            and (not where.modalities or s.modality in where.modalities)
            and (where.article is None or s.article == where.article)
            and s.confidence >= where.min_confidence
            and _in_range(statement_date(s), where.date_from, where.date_to)
            and (focus is None or _faces(s, focus, where.direction))]


def statement_date(statement: StatementRecord) -> str | None:
    """The statement's own date when it is an ISO date, else its article's publication date."""
    if statement.date and ISO_DATE_PREFIX.fullmatch(statement.date):
        return statement.date
    return statement.article_date


def _in_range(value: str | None, low: str | None, high: str | None) -> bool:
    """Bounds included, compared at the precision both sides have; undated fails any bound."""
    if low is None and high is None:
        return True
    if value is None:
        return False
    return ((low is None or value[:len(low)] >= low[:len(value)])
            and (high is None or value[:len(high)] <= high[:len(value)]))


def _faces(statement: StatementRecord, id_: str, direction: Direction) -> bool:
    if direction is Direction.BOTH or statement.predicate in SYMMETRIC_PREDICATES:
        return True
    return (statement.subject if direction is Direction.OUT else statement.object) == id_


def group_relations(statements: Iterable[StatementRecord], entities: Mapping[str, EntityRecord],
                    order: RelationOrder = RelationOrder.SUPPORT) -> list[RelationRecord]:
    """One relation per (subject, predicate, object, modality), sorted by ``order``."""
    groups: dict[tuple[str, str, str, Modality], list[StatementRecord]] = defaultdict(list)
    for statement in statements:
        groups[(statement.subject, statement.predicate, statement.object, statement.modality)].append(statement)
    relations = [_relation(group, entities) for group in groups.values()]
    return sort_relations(relations, order)


def sort_relations(relations: list[RelationRecord], order: RelationOrder) -> list[RelationRecord]:
    """Sorted by ``order``; ties broken by support, then by names, so pages are stable."""
    def support(r: RelationRecord) -> tuple[object, ...]:
        return (-len(r.sources), -r.confidence, r.predicate, r.subject.label, r.object.label,
                r.modality.value, r.id)

    if order is RelationOrder.CONFIDENCE:
        return sorted(relations, key=lambda r: (-r.confidence, *support(r)))
    if order is RelationOrder.SUPPORT:
        return sorted(relations, key=support)
    dated = sorted((r for r in relations if r.earliest_date), key=support)
    dated.sort(key=lambda r: r.earliest_date or "", reverse=order is RelationOrder.DATE_DESCENDING)
    return dated + sorted((r for r in relations if not r.earliest_date), key=support)


def _relation(group: list[StatementRecord], entities: Mapping[str, EntityRecord]) -> RelationRecord:
    first = group[0]
    dates = [s.date for s in group if s.date]
    places = [s.place for s in group if s.place]
    effective = sorted(d for s in group if (d := statement_date(s)))
    return RelationRecord(
        id=relation_id(first.subject, first.predicate, first.object, first.modality.value),
        subject=entity_or_bare(entities, first.subject), predicate=first.predicate,
        object=entity_or_bare(entities, first.object), modality=first.modality,
        confidence=max(s.confidence for s in group), date=dates[0] if dates else None,
        place=entity_or_bare(entities, places[0]) if places else None,
        sources=tuple(SourceRecord(s.article, s.sentence, s.start, s.end) for s in group),
        statement_ids=tuple(s.id for s in group),
        earliest_date=effective[0] if effective else None)


def timeline(statements: Iterable[StatementRecord], where: RelationFilter | None = None,
             focus: str | None = None) -> list[TimelineEntryRecord]:
    """Statements in date order (undated last), each dated by :func:`statement_date`."""
    entries = [TimelineEntryRecord(statement_date(s), s)
               for s in filter_statements(statements, where or RelationFilter(), focus)]
    return sorted(entries, key=lambda e: (e.date is None, e.date or "", e.statement.article,
                                          e.statement.start, e.statement.id))


def timeline_of(store: KGStore, id_: str, where: RelationFilter | None = None) -> list[TimelineEntryRecord]:
    """The statements about an entity, oldest first."""
    return timeline(statements_about(store, id_), where, focus=id_)


# -- articles and totals ---------------------------------------------------------------------


def articles(store: KGStore) -> list[ArticleRecord]:
    rows = store.select("""
        SELECT ?source ?title ?date ?outlet (COUNT(DISTINCT ?statement) AS ?statements) WHERE {
          GRAPH ?article {
            ?article a kg:Article ; kg:sourceFile ?source .
            OPTIONAL { ?article dcterms:title ?title }
            OPTIONAL { ?article dcterms:date ?date }
            OPTIONAL { ?article dcterms:publisher ?outlet }
            OPTIONAL { ?statement a kg:Statement }
          }
        } GROUP BY ?source ?title ?date ?outlet ORDER BY ?source""")
    return [ArticleRecord(source=str(row["source"]), title=_text(row, "title"),
                          date=_text(row, "date"), outlet=_text(row, "outlet"),
                          statement_count=int(row["statements"])) for row in rows]


def article_digests(store: KGStore) -> dict[str, str]:
    """Every stored article's text fingerprint → its source, in one read (should two hold the
    same text, the first by name)."""
    rows = store.select("""SELECT ?digest ?source WHERE { GRAPH ?article { ?article a kg:Article ;
        kg:sourceFile ?source ; kg:contentDigest ?digest } } ORDER BY DESC(?source)""")
    return {str(row["digest"]): str(row["source"]) for row in rows}


def article_by_source(store: KGStore, source: str) -> ArticleRecord | None:
    return next((a for a in articles(store) if a.source == source), None)


#: An entity an article names, inside the article's graph.
_MENTION_PATTERN = "?article a kg:Article ; kg:sourceFile ?source ; kg:mentions ?entity"


def article_mentions(store: KGStore) -> list[MentionRecord]:
    """Which article names which entity (``kg:mentions``), by article then entity."""
    return _mention_records(store, "SELECT DISTINCT ?source ?entity WHERE { GRAPH ?article { "
                                   f"{_MENTION_PATTERN} }} }}")


def mentions_in_articles(store: KGStore, graphs: Iterable[str]) -> list[MentionRecord]:
    """:func:`article_mentions` of these article graphs (IRIs) only: one batch of an export."""
    query = _in_graphs(store, "?source ?entity", _MENTION_PATTERN, graphs)
    return _mention_records(store, query) if query is not None else []


def _mention_records(store: KGStore, query: str) -> list[MentionRecord]:
    mentions = [MentionRecord(row["source"], entity_id(row["entity"]))
                for row in plain_rows(store, query)]
    return sorted(mentions, key=lambda m: (m.article, m.entity_id))


def article_graphs(store: KGStore) -> list[str]:
    """Every article graph (IRI), in the order of its source file name: what an export walks
    batch by batch, so that batches in this order give the articles in source order."""
    rows = plain_rows(store, "SELECT DISTINCT ?article ?source WHERE { GRAPH ?article { "
                             "?article kg:sourceFile ?source } }")
    pairs = sorted((row["source"], row["article"]) for row in rows)
    return list(dict.fromkeys(graph for _, graph in pairs))


def co_mentions(store: KGStore, a: str, b: str) -> CoMentionRecord:
    """The articles that name both entities."""
    rows = store.select(f"""SELECT DISTINCT ?source WHERE {{ GRAPH ?article {{
        ?article a kg:Article ; kg:sourceFile ?source ;
                 kg:mentions {entity_iri(a).n3()}, {entity_iri(b).n3()} }} }}""")
    return CoMentionRecord(a, b, tuple(sorted(str(row["source"]) for row in rows)))


def top_co_mentions(store: KGStore, id_: str) -> list[CoMentionRecord]:
    """Entities named in the same articles as ``id_``, most shared articles first."""
    rows = store.select(f"""SELECT DISTINCT ?source ?other WHERE {{ GRAPH ?article {{
        ?article a kg:Article ; kg:sourceFile ?source ;
                 kg:mentions {entity_iri(id_).n3()}, ?other }} }}""")
    shared: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        other = entity_id(row["other"])
        if other != id_:
            shared[other].append(str(row["source"]))
    records = [CoMentionRecord(id_, other, tuple(sorted(sources))) for other, sources in shared.items()]
    return sorted(records, key=lambda r: (-r.count, r.entity_b))


def stats(store: KGStore) -> StatsRecord:
    """Totals: articles, entities they mention, statements, and triples in all graphs."""
    row = store.select("""
        SELECT ?articles ?entities ?statements ?triples WHERE {
          { SELECT (COUNT(DISTINCT ?a) AS ?articles) WHERE { GRAPH ?a { ?a a kg:Article } } }
          { SELECT (COUNT(DISTINCT ?e) AS ?entities) WHERE { GRAPH ?a { ?a kg:mentions ?e } } }
          { SELECT (COUNT(?st) AS ?statements) WHERE { GRAPH ?a { ?st a kg:Statement } } }
          { SELECT (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } }
        }""")[0]
    return StatsRecord(articles=int(row["articles"]), entities=int(row["entities"]),
                       statements=int(row["statements"]), triples=int(row["triples"]))


def union_graph(store: KGStore) -> Graph:
    """Every triple of every named graph, ontology included, in one graph."""
    return store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def _text(row: Row | PlainRow, name: str) -> str | None:
    return str(row[name]) if name in row else None


def _in_graphs(store: KGStore, variables: str, pattern: str, graphs: Iterable[str]) -> str | None:
    """``SELECT DISTINCT variables`` of ``pattern`` inside each of these graphs (``?article``),
    or ``None`` for no graphs. Oxigraph gets the graphs through its ``LATERAL`` extension,
    which matches the pattern graph by graph: on the million-statement bench store a ``VALUES
    ?article`` inside the graph pattern read the statements of 100 graphs in 7 s, ``LATERAL``
    those of 300 in 0.7–2.5 s. Other engines (rdflib, SPARQL endpoints) get the standard form."""
    wanted = sorted(set(graphs))
    if not wanted:
        return None
    values = _values("article", (URIRef(i).n3() for i in wanted))
    if _oxigraph(store) is not None:
        return (f"SELECT DISTINCT {variables} WHERE {{ {values} "
                f"LATERAL {{ GRAPH ?article {{ {pattern} }} }} }}")
    return f"SELECT DISTINCT {variables} WHERE {{ GRAPH ?article {{ {values} {pattern} }} }}"


def _values(variable: str, terms: Iterable[str]) -> str:
    """A ``VALUES`` clause of terms already written in N3."""
    return f"VALUES ?{variable} {{ {' '.join(terms)} }}"
