"""The GraphQL schema's entry points: queries and mutations, each resolver one call into
:mod:`kg.store.queries`, :mod:`kg.graph` or the request's writer."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, TypeVar

import strawberry

from kg import graph
from kg.api.connections import Connection, connection, loaded_connection
from kg.api.execution import QuickExecutionContext
from kg.api.guards import guard_extensions
from kg.api.inputs import PathFilterInput, RelationFilterInput, fact_filter, relation_filter
from kg.api.types import (Article, CoMention, Deletion, EgoNetwork, Entity, KGInfo, Path,
                          RankedEntity, Relation, Stats, load_ranked)
from kg.config import Settings
from kg.model import EntityType
from kg.store import queries
from kg.store.records import RelationOrder

RecordT = TypeVar("RecordT")
NodeT = TypeVar("NodeT")
FromId = Annotated[strawberry.ID, strawberry.argument(name="from")]


@strawberry.type
class Query:
    @strawberry.field(description="The entity with this id, or null.")
    def entity(self, info: KGInfo, id: strawberry.ID) -> Entity | None:
        return _maybe(Entity.of, queries.entity_by_id(info.context.store, id))

    @strawberry.field(description="Entities a name of which starts with or contains `query`, "
                                  "ignoring case, umlauts, accents and transliteration "
                                  "(Pjöngjang finds Pyongyang, Selenskyj finds Zelensky) and, from "
                                  "four letters on, a typo; exact matches first, then most mentioned.")
    def search_entities(self, info: KGInfo, query: str, type: EntityType | None = None,
                        first: int = 10, after: str | None = None) -> Connection[Entity]:
        return connection(queries.search_entities(info.context.store, query, type), first, after,
                          Entity.of)

    @strawberry.field(description="Every fact the filter keeps (its `direction` is ignored here).")
    def relations(self, info: KGInfo, filter: RelationFilterInput | None = None,
                  order_by: RelationOrder = RelationOrder.SUPPORT, first: int = 20,
                  after: str | None = None) -> Connection[Relation]:
        return connection(queries.relations(info.context.store, relation_filter(filter), order_by),
                          first, after, Relation.of)

    @strawberry.field(description="A shortest chain of facts between two entities (at most "
                                  "`maxLength` hops, up to 6), or null.")
    def shortest_path(self, info: KGInfo, from_: FromId, to: strawberry.ID, max_length: int = 4,
                      filter: PathFilterInput | None = None) -> Path | None:
        return _maybe(Path.of, graph.shortest_path(_graph(info, from_, to), from_, to, max_length,
                                                   fact_filter(filter)))

    @strawberry.field(description="The `k` (at most 20) shortest simple chains of facts, "
                                  "shortest first.")
    def k_shortest_paths(self, info: KGInfo, from_: FromId, to: strawberry.ID, k: int = 5,
                         max_length: int = 4, filter: PathFilterInput | None = None) -> list[Path]:
        return [Path.of(p) for p in graph.k_shortest_paths(
            _graph(info, from_, to), from_, to, k, max_length, fact_filter(filter))]

    @strawberry.field(description="Every simple chain of at most `maxLength` hops, shortest first.")
    def all_paths(self, info: KGInfo, from_: FromId, to: strawberry.ID, max_length: int = 3,
                  filter: PathFilterInput | None = None, first: int = 20,
                  after: str | None = None) -> Connection[Path]:
        return connection(graph.all_paths(_graph(info, from_, to), from_, to, max_length,
                                          fact_filter(filter)), first, after, Path.of)

    @strawberry.field(description="The entities within `radius` links of one (at most "
                                  "`maxNodes`, up to 300) and the facts among them, for drawing.")
    def ego_network(self, info: KGInfo, id: strawberry.ID, radius: int = 1, max_nodes: int = 50,
                    filter: PathFilterInput | None = None) -> EgoNetwork | None:
        return _maybe(EgoNetwork.of, graph.ego_network(_graph(info, id), id, radius, max_nodes,
                                                       fact_filter(filter)))

    @strawberry.field(description="Entities ranked by how connected they are, highest first.")
    async def most_connected(self, info: KGInfo, measure: graph.Centrality = graph.Centrality.DEGREE,
                             first: int = 10, after: str | None = None) -> Connection[RankedEntity]:
        return await loaded_connection(graph.most_connected(info.context.graph, measure), first,
                                       after, lambda scored: load_ranked(info, scored))

    @strawberry.field(description="The articles that name both entities.")
    def co_mentions(self, info: KGInfo, a: strawberry.ID, b: strawberry.ID) -> CoMention:
        return CoMention.of(queries.co_mentions(_store(info, a, b), a, b))

    @strawberry.field(description="Entities named in the same articles as this one, most "
                                  "shared articles first.")
    def co_mentioned_with(self, info: KGInfo, id: strawberry.ID, first: int = 10,
                          after: str | None = None) -> Connection[CoMention]:
        return connection(queries.top_co_mentions(_store(info, id), id), first, after, CoMention.of)

    @strawberry.field
    def articles(self, info: KGInfo, first: int = 20, after: str | None = None) -> Connection[Article]:
        return connection(queries.articles(info.context.store), first, after, Article.of)

    @strawberry.field
    def stats(self, info: KGInfo) -> Stats:
        return Stats.of(queries.stats(info.context.store))


@strawberry.type(description="Writes; each needs `Authorization: Bearer <KG_API_TOKEN>`.")
class Mutation:
    @strawberry.mutation(description="Extract a page's text as the article `source` (the real "
                                     "pipeline) and store it, replacing an earlier version; "
                                     "`date` overrides the publication date read from the page.")
    def ingest_article(self, info: KGInfo, text: str, source: str,
                       date: date | None = None) -> Article:
        return Article.of(info.context.writer.ingest(text, source, date))

    @strawberry.mutation(description="Remove an article and its statements.")
    def delete_article(self, info: KGInfo, source: str) -> Deletion:
        return Deletion(source=source, deleted=info.context.writer.delete(source))


def _graph(info: KGInfo, *ids: str) -> graph.GraphView:
    """The graph view, once the ids are known to the store (NOT_FOUND otherwise)."""
    queries.require_entities(info.context.store, *ids)
    return info.context.graph


def _store(info: KGInfo, *ids: str) -> queries.KGStore:
    queries.require_entities(info.context.store, *ids)
    return info.context.store


def _maybe(make: Callable[[RecordT], NodeT], record: RecordT | None) -> NodeT | None:
    return make(record) if record is not None else None


def build_schema(settings: Settings) -> strawberry.Schema:
    """The schema with the guard rails ``settings`` ask for, executing plain fields quickly
    (:mod:`kg.api.execution`)."""
    return strawberry.Schema(query=Query, mutation=Mutation, extensions=guard_extensions(settings),
                             execution_context_class=QuickExecutionContext)


schema = build_schema(Settings())


def sdl() -> str:
    """The schema in GraphQL SDL, as ``schema/schema.graphql`` must hold it."""
    return schema.as_str() + "\n"
