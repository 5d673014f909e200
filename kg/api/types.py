"""GraphQL object types over the query layer's records; nested lookups go through the
request's DataLoaders, so a list of N items costs one store query per level, not N."""
from __future__ import annotations

from collections.abc import Callable, Generator, Hashable, Sequence
from typing import Annotated, Any

import strawberry
from strawberry import Info

from kg import graph
from kg.api.connections import Connection, batched_connection, connection, loaded_connection
from kg.api.context import Context, current_context
from kg.api.inputs import PathFilterInput, RelationFilterInput, fact_filter, relation_filter
from kg.api.enums import Direction, EntityType, Modality, RelationOrder
from kg.graph import GraphView
from kg.graph.kept import Bounded, PerView
from kg.graph.relations import Fact, RankedRelations, kept_records
from kg.store import queries
from kg.store.records import (ArticleRecord, CoMentionRecord, EntityRecord, RelationRecord,
                              SourceRecord, StatsRecord, TimelineEntryRecord)

KGInfo = Info[Context, None]


async def load_entity(info: KGInfo, id_: str) -> Entity:
    return Entity.of(await info.context.entities.load(id_))


async def load_entities(info: KGInfo, ids: Sequence[str]) -> list[Entity]:
    return [Entity.of(record) for record in await info.context.entities.load_many(ids)]


@strawberry.type(description="A person, state, city, region or organisation.")
class Entity:
    id: strawberry.ID
    label: str = strawberry.field(description="Canonical label (German, from the gazetteer "
                                              "for known entities).")
    aliases: list[str]
    type: EntityType | None
    wikidata: str | None = strawberry.field(description="Wikidata item id, e.g. Q7747.")
    mention_count: int = strawberry.field(description="Articles that name the entity.")

    @classmethod
    def of(cls, record: EntityRecord) -> Entity:
        return cls(id=strawberry.ID(record.id), label=record.label, aliases=list(record.aliases),
                   type=record.type, wikidata=record.wikidata, mention_count=record.article_count)

    @strawberry.field(description="Facts about the entity; symmetric relations (met …) match "
                                  "any direction.")
    def relations(self, info: KGInfo, filter: RelationFilterInput | None = None,
                        order_by: RelationOrder = RelationOrder.SUPPORT, first: int = 20,
                        after: str | None = None,
                        predicate: Annotated[str | None, strawberry.argument(
                            deprecation_reason="use filter: {predicates: [...]}")] = None,
                        direction: Annotated[Direction | None, strawberry.argument(
                            deprecation_reason="use filter: {direction: ...}")] = None,
                        ) -> Connection[Relation]:
        return relation_connection(info, graph.relations_of(
            info.context.graph, self.id, relation_filter(filter, predicate, direction), order_by),
            first, after)

    @strawberry.field(description="Statements about the entity, oldest first (undated last), "
                                  "each with its source.")
    async def timeline(self, info: KGInfo, filter: RelationFilterInput | None = None,
                       first: int = 20, after: str | None = None) -> Connection[TimelineEntry]:
        return connection(queries.timeline(await info.context.statements_about.load(self.id),
                                           relation_filter(filter), self.id),
                          first, after, TimelineEntry.of)

    @strawberry.field(description="Entities within `depth` links (at most 3), nearest first.")
    async def neighbours(self, info: KGInfo, depth: int = 1, filter: PathFilterInput | None = None,
                         first: int = 20, after: str | None = None) -> Connection[Entity]:
        return await loaded_connection(graph.neighbours(info.context.graph, self.id, depth,
                                                        fact_filter(filter)),
                                       first, after, lambda ids: load_entities(info, ids))


@strawberry.type(description="Where a statement was read.")
class Source:
    article: str
    sentence: str
    start: int = strawberry.field(description="Offset of the sentence in the article file.")
    end: int

    @classmethod
    def of(cls, record: SourceRecord) -> Source:
        return cls(article=record.article, sentence=record.sentence, start=record.start,
                   end=record.end)


@strawberry.type(description="A fact, with every sentence that states it.")
class Relation:
    id: strawberry.ID
    subject: Entity
    predicate: str
    object: Entity
    modality: Modality
    confidence: float
    date: str | None = strawberry.field(description="The date the text gives, as precise as it is.")
    earliest_date: str | None = strawberry.field(
        description="Earliest date of its statements, the article's where the text gives none.")
    place: Entity | None
    sources: list[Source]

    @classmethod
    def of(cls, record: RelationRecord) -> Relation:
        return cls(id=strawberry.ID(record.id), subject=Entity.of(record.subject),
                   predicate=record.predicate, object=Entity.of(record.object),
                   modality=record.modality, confidence=record.confidence, date=record.date,
                   earliest_date=record.earliest_date,
                   place=_place(record), sources=_sources(record))

    @classmethod
    def of_fact(cls, fact: Fact, entities: dict[str, EntityRecord]) -> Relation:
        """The relation as the graph view has it; what needs its statements comes later."""
        return cls(id=strawberry.ID(fact.key),
                   subject=Entity.of(queries.entity_or_bare(entities, fact.subject)),
                   predicate=fact.predicate,
                   object=Entity.of(queries.entity_or_bare(entities, fact.object)),
                   modality=Modality(fact.modality), confidence=fact.confidence,
                   date=Later(fact, _date),  # type: ignore[arg-type]
                   earliest_date=Later(fact, _earliest_date),  # type: ignore[arg-type]
                   place=Later(fact, _place),  # type: ignore[arg-type]
                   sources=Later(fact, _sources))  # type: ignore[arg-type]


def _date(record: RelationRecord) -> str | None:
    return record.date


def _earliest_date(record: RelationRecord) -> str | None:
    return record.earliest_date


def _place(record: RelationRecord) -> Entity | None:
    return Entity.of(record.place) if record.place else None


def _sources(record: RelationRecord) -> list[Source]:
    return [Source.of(s) for s in record.sources]


class Later:
    """A relation's field that needs its statements, before they are read: GraphQL awaits
    what a field gives when it can be awaited, so it is awaited only when the query selects
    the field, and then reads the statements of every relation of the request's pages at
    once (the ``relation_records`` loader of the request awaiting it: a page is kept between
    requests). A plain attribute costs a fraction of a resolver per field, which is why the
    fields stay attributes."""

    __slots__ = ("_fact", "_show")

    def __init__(self, fact: Fact, show: Callable[[RelationRecord], object]) -> None:
        self._fact = fact
        self._show = show

    def __await__(self) -> Generator[Any, None, object]:
        return self._shown().__await__()

    async def _shown(self) -> object:
        return self._show(await current_context().relation_records.load(self._fact))


#: Relation pages kept per view version, least recently used dropped first beyond this many
#: relations in all (by estimate 2 kB each with their entities; an empty page counts as one).
MAX_KEPT_PAGE_RELATIONS = 20_000

_PAGES: PerView[tuple[Hashable, ...], Connection[Relation]] = PerView(
    lambda: Bounded(max_weight=MAX_KEPT_PAGE_RELATIONS, weigh=lambda page: len(page.edges) + 1))


def relation_connection(info: KGInfo, relations: Sequence[RelationRecord], first: int,
                        after: str | None) -> Connection[Relation]:
    """A page of relations. One the view ranked is made from its facts, without reading a
    statement; what needs them (sources, dates, place) is read when a query asks for it,
    unless it was read already (see :class:`Later`). Such a page is made once per version of
    the view and kept: made per request, it was two fifths of a relations page's CPU time."""
    if isinstance(relations, RankedRelations):
        view = info.context.graph
        return _PAGES.get_or_make(view, (*relations.key, first, after), lambda: batched_connection(
            relations.as_facts(), first, after, lambda facts: _relations_of_facts(view, facts)))
    return connection(relations, first, after, Relation.of)


def _relations_of_facts(view: GraphView, facts: list[Fact]) -> list[Relation]:
    kept = kept_records(view, facts)
    entities = queries.entities_by_ids(view.store, {
        i for f, record in zip(facts, kept) if record is None for i in (f.subject, f.object)})
    return [Relation.of(record) if record is not None
            else Relation.of_fact(fact, entities) for fact, record in zip(facts, kept)]


@strawberry.type(description="One statement about an entity, placed in time.")
class TimelineEntry:
    entry: strawberry.Private[TimelineEntryRecord]

    @classmethod
    def of(cls, entry: TimelineEntryRecord) -> TimelineEntry:
        return cls(entry=entry)

    @strawberry.field(description="The statement's own date, else its article's.")
    def date(self) -> str | None:
        return self.entry.date

    @strawberry.field
    async def subject(self, info: KGInfo) -> Entity:
        return await load_entity(info, self.entry.statement.subject)

    @strawberry.field
    def predicate(self) -> str:
        return self.entry.statement.predicate

    @strawberry.field
    async def object(self, info: KGInfo) -> Entity:
        return await load_entity(info, self.entry.statement.object)

    @strawberry.field
    def modality(self) -> Modality:
        return self.entry.statement.modality

    @strawberry.field
    def confidence(self) -> float:
        return self.entry.statement.confidence

    @strawberry.field
    def source(self) -> Source:
        s = self.entry.statement
        return Source(article=s.article, sentence=s.sentence, start=s.start, end=s.end)


@strawberry.type(description="A fact linking two entities, as stored (subject → object).")
class Hop:
    hop: strawberry.Private[graph.Hop]

    @classmethod
    def of(cls, hop: graph.Hop) -> Hop:
        return cls(hop=hop)

    @strawberry.field(description="The relation's id (as `Relation.id`).")
    def relation_id(self) -> strawberry.ID:
        return strawberry.ID(self.hop.relation_id)

    @strawberry.field
    async def subject(self, info: KGInfo) -> Entity:
        return await load_entity(info, self.hop.subject)

    @strawberry.field
    def predicate(self) -> str:
        return self.hop.predicate

    @strawberry.field
    async def object(self, info: KGInfo) -> Entity:
        return await load_entity(info, self.hop.object)

    @strawberry.field
    def modality(self) -> Modality:
        return Modality(self.hop.modality)

    @strawberry.field
    def confidence(self) -> float:
        return self.hop.confidence


@strawberry.type(description="A chain of entities, each linked to the next by a fact in "
                             "either direction.")
class Path:
    path: strawberry.Private[graph.Path]

    @classmethod
    def of(cls, path: graph.Path) -> Path:
        return cls(path=path)

    @strawberry.field
    def length(self) -> int:
        return self.path.length

    @strawberry.field
    async def entities(self, info: KGInfo) -> list[Entity]:
        return await load_entities(info, self.path.entities)

    @strawberry.field
    def hops(self) -> list[Hop]:
        return [Hop.of(hop) for hop in self.path.hops]


@strawberry.type(description="An entity, the entities around it and the facts among them: "
                             "nodes and edges to draw.")
class EgoNetwork:
    network: strawberry.Private[graph.EgoNetwork]

    @classmethod
    def of(cls, network: graph.EgoNetwork) -> EgoNetwork:
        return cls(network=network)

    @strawberry.field
    async def center(self, info: KGInfo) -> Entity:
        return await load_entity(info, self.network.center)

    @strawberry.field(description="The centre first, then nearest first.")
    async def nodes(self, info: KGInfo) -> list[Entity]:
        return await load_entities(info, self.network.nodes)

    @strawberry.field
    def edges(self) -> list[Hop]:
        return [Hop.of(hop) for hop in self.network.edges]

    @strawberry.field(description="Whether `maxNodes` left out entities within the radius.")
    def truncated(self) -> bool:
        return self.network.truncated


@strawberry.type(description="An entity and how connected it is.")
class RankedEntity:
    entity: Entity
    score: float


async def load_ranked(info: KGInfo, scored: list[tuple[str, float]]) -> list[RankedEntity]:
    entities = await load_entities(info, [id_ for id_, _ in scored])
    return [RankedEntity(entity=e, score=score) for e, (_, score) in zip(entities, scored)]


@strawberry.type(description="Articles that name both entities.")
class CoMention:
    record: strawberry.Private[CoMentionRecord]

    @classmethod
    def of(cls, record: CoMentionRecord) -> CoMention:
        return cls(record=record)

    @strawberry.field
    async def entity_a(self, info: KGInfo) -> Entity:
        return await load_entity(info, self.record.entity_a)

    @strawberry.field
    async def entity_b(self, info: KGInfo) -> Entity:
        return await load_entity(info, self.record.entity_b)

    @strawberry.field
    def count(self) -> int:
        return self.record.count

    @strawberry.field
    def articles(self) -> list[str]:
        return list(self.record.articles)


@strawberry.type
class Article:
    source: str
    title: str | None
    date: str | None
    outlet: str | None
    statement_count: int

    @classmethod
    def of(cls, record: ArticleRecord) -> Article:
        return cls(source=record.source, title=record.title, date=record.date,
                   outlet=record.outlet, statement_count=record.statement_count)


@strawberry.type
class Stats:
    articles: int
    entities: int = strawberry.field(description="Entities mentioned in at least one article.")
    statements: int
    triples: int = strawberry.field(description="Triples in all named graphs, ontology included.")

    @classmethod
    def of(cls, record: StatsRecord) -> Stats:
        return cls(articles=record.articles, entities=record.entities,
                   statements=record.statements, triples=record.triples)


@strawberry.type(description="What `deleteArticle` did.")
class Deletion:
    source: str
    deleted: bool = strawberry.field(description="False when there was no such article "
                                                 "(deleting twice is not an error).")
