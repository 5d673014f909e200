"""The GraphQL schema: types over the query layer's records, resolvers one line each.

Entity lookups of nested fields (path entities, hops, neighbours) go through the request's
DataLoader; everything else is a call into :mod:`kg.store.queries` or :mod:`kg.graph`.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Generic, TypeVar

import strawberry
from strawberry import Info

from kg import graph
from kg.api.context import Context
from kg.api.pagination import page
from kg.model import EntityType, Modality
from kg.store import queries
from kg.store.records import (ArticleRecord, Direction, EntityRecord, RelationRecord,
                              SourceRecord, StatsRecord)

strawberry.enum(EntityType, description="Class of an entity in the kg ontology.")
strawberry.enum(Modality, description="How the article presents a statement.")
strawberry.enum(Direction, description="Which end of a relation the entity sits on.")

KGInfo = Info[Context, None]
NodeT = TypeVar("NodeT")
RecordT = TypeVar("RecordT")


# -- connections ---------------------------------------------------------------------------

@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Edge(Generic[NodeT]):
    node: NodeT
    cursor: str


@strawberry.type(description="A page of results; pass `endCursor` as `after` for the next.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: PageInfo
    total_count: int


def connection(items: Sequence[RecordT], first: int, after: str | None,
               node: Callable[[RecordT], NodeT]) -> Connection[NodeT]:
    """A page of ``items`` (``first`` capped at 100) turned into GraphQL nodes."""
    window = page(items, first, after)
    return Connection(edges=[Edge(node=node(item), cursor=cursor) for cursor, item in window.items],
                      page_info=PageInfo(has_next_page=window.has_next_page,
                                         end_cursor=window.end_cursor),
                      total_count=window.total_count)


async def load_entity(info: KGInfo, id_: str) -> Entity:
    return Entity.of(await info.context.entities.load(id_))


async def load_entities(info: KGInfo, ids: Sequence[str]) -> list[Entity]:
    return [Entity.of(record) for record in await info.context.entities.load_many(ids)]


# -- entities and relations ----------------------------------------------------------------

@strawberry.type(description="A person, state, city, region or organisation.")
class Entity:
    id: strawberry.ID
    label: str = strawberry.field(description="Canonical label (German, from the gazetteer "
                                              "for known entities).")
    aliases: list[str]
    type: EntityType | None
    wikidata: str | None = strawberry.field(description="Wikidata item id, e.g. Q7747.")

    @classmethod
    def of(cls, record: EntityRecord) -> Entity:
        return cls(id=strawberry.ID(record.id), label=record.label, aliases=list(record.aliases),
                   type=record.type, wikidata=record.wikidata)

    @strawberry.field(description="Facts about the entity, best supported first; symmetric "
                                  "relations (met …) match any direction.")
    def relations(self, info: KGInfo, predicate: str | None = None,
                  direction: Direction = Direction.BOTH, first: int = 20,
                  after: str | None = None) -> Connection[Relation]:
        return connection(queries.relations_of(info.context.store, self.id, predicate, direction),
                          first, after, Relation.of)

    @strawberry.field(description="Entities within `depth` links (at most 3), nearest first.")
    async def neighbours(self, info: KGInfo, depth: int = 1) -> list[Entity]:
        return await load_entities(info, graph.neighbours(info.context.graph, self.id, depth))


@strawberry.type(description="Where a relation was read.")
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
    date: str | None
    place: Entity | None
    sources: list[Source]

    @classmethod
    def of(cls, record: RelationRecord) -> Relation:
        return cls(id=strawberry.ID(record.id), subject=Entity.of(record.subject),
                   predicate=record.predicate, object=Entity.of(record.object),
                   modality=record.modality, confidence=record.confidence, date=record.date,
                   place=Entity.of(record.place) if record.place else None,
                   sources=[Source.of(s) for s in record.sources])


# -- paths -----------------------------------------------------------------------------------

@strawberry.type(description="The fact linking two consecutive entities of a path, as stored.")
class Hop:
    hop: strawberry.Private[graph.Hop]

    @classmethod
    def of(cls, hop: graph.Hop) -> Hop:
        return cls(hop=hop)

    @strawberry.field
    async def subject(self, info: KGInfo) -> Entity:
        return await load_entity(info, self.hop.subject)

    @strawberry.field
    def predicate(self) -> str:
        return self.hop.predicate

    @strawberry.field
    async def object(self, info: KGInfo) -> Entity:
        return await load_entity(info, self.hop.object)


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


# -- articles and totals ---------------------------------------------------------------------

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


# -- entry points ----------------------------------------------------------------------------

FromId = Annotated[strawberry.ID, strawberry.argument(name="from")]


@strawberry.type
class Query:
    @strawberry.field
    def entity(self, info: KGInfo, id: strawberry.ID) -> Entity | None:
        return _maybe(Entity.of, queries.entity_by_id(info.context.store, id))

    @strawberry.field(description="Entities whose label or an alias contains `query`, ignoring "
                                  "case, umlaut spelling (ä/ae) and accents; most mentioned first.")
    def search_entities(self, info: KGInfo, query: str, type: EntityType | None = None,
                        first: int = 10, after: str | None = None) -> Connection[Entity]:
        return connection(queries.search_entities(info.context.store, query, type), first, after,
                          Entity.of)

    @strawberry.field(description="A shortest chain of facts between two entities.")
    def shortest_path(self, info: KGInfo, from_: FromId, to: strawberry.ID,
                      max_length: int = 4) -> Path | None:
        return _maybe(Path.of, graph.shortest_path(info.context.graph, from_, to, max_length))

    @strawberry.field(description="Simple chains of facts between two entities, shortest first.")
    def paths(self, info: KGInfo, from_: FromId, to: strawberry.ID, max_length: int = 3,
              first: int = 10) -> list[Path]:
        return [Path.of(p) for p in graph.paths(info.context.graph, from_, to, max_length, first)]

    @strawberry.field
    def articles(self, info: KGInfo, first: int = 20, after: str | None = None) -> Connection[Article]:
        return connection(queries.articles(info.context.store), first, after, Article.of)

    @strawberry.field
    def stats(self, info: KGInfo) -> Stats:
        return Stats.of(queries.stats(info.context.store))


def _maybe(make: Callable[[RecordT], NodeT], record: RecordT | None) -> NodeT | None:
    return make(record) if record is not None else None


schema = strawberry.Schema(query=Query)


def sdl() -> str:
    """The schema in GraphQL SDL, as ``schema/schema.graphql`` must hold it."""
    return schema.as_str() + "\n"
