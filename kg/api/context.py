"""What every GraphQL resolver can reach: the store, the graph view, the writer, whether the
request carries the API token, and per-request loaders that batch the lookups of nested fields
(one query per level of nesting, however many items the level holds)."""
from __future__ import annotations

import hmac
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property

from strawberry.dataloader import DataLoader

from kg.api.errors import FORBIDDEN, UNAUTHENTICATED, ApiError
from kg.api.writer import ArticleWriter
from kg.config import Settings
from kg.graph import GraphView
from kg.graph.relations import Fact, fact_records
from kg.store import KGStore
from kg.store.queries import entities_in_order, statements_about_many
from kg.store.records import EntityRecord, RelationRecord, StatementRecord


@dataclass
class Context:
    """Made once per request, in the task that answers it, where it becomes the current
    context (:func:`current_context`)."""

    store: KGStore
    graph: GraphView
    settings: Settings = field(default_factory=Settings)
    #: The ``Authorization`` header as sent (never logged, never echoed).
    authorization: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        _current.set(self)

    # The loaders are made by the first resolver that needs one: most requests need none, and
    # each loader holds a reference cycle the garbage collector would have to find.
    @cached_property
    def entities(self) -> DataLoader[str, EntityRecord]:
        return DataLoader(load_fn=self._load_entities)

    @cached_property
    def statements_about(self) -> DataLoader[str, list[StatementRecord]]:
        return DataLoader(load_fn=self._load_statements_about)

    @cached_property
    def relation_records(self) -> DataLoader[Fact, RelationRecord]:
        """Facts of relation pages completed with their sources, dates and places: every
        page of a request that selects one of those in one read."""
        return DataLoader(load_fn=self._load_relation_records)

    @property
    def writer(self) -> ArticleWriter:
        """The writer, once the request has shown the token."""
        if not self.settings.api_token:
            raise ApiError(FORBIDDEN, "mutations are switched off; start the server with "
                                      "KG_API_TOKEN set to enable them")
        if self.store.backend.read_only:
            raise ApiError(FORBIDDEN, "this server serves the store read-only (kg serve "
                                      "--workers); mutations need a server with one worker")
        scheme, _, token = (self.authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
                token.strip().encode(), self.settings.api_token.encode()):
            raise ApiError(UNAUTHENTICATED, "send the API token as `Authorization: Bearer <token>`")
        return ArticleWriter(self.store, self.graph, self.settings)

    async def _load_entities(self, ids: Sequence[str]) -> list[EntityRecord]:
        return entities_in_order(self.store, ids)

    async def _load_relation_records(self, facts: Sequence[Fact]) -> list[RelationRecord]:
        return fact_records(self.graph, facts)

    async def _load_statements_about(self, ids: Sequence[str]) -> list[list[StatementRecord]]:
        found = statements_about_many(self.store, ids)
        return [found.get(i, []) for i in ids]


#: The context of the request being answered: each request runs in a task of its own, which
#: sees the value its own context set. Relation pages are kept between requests (see
#: :func:`kg.api.types.relation_connection`), so what they read later finds the request here
#: rather than holding the one that made them.
_current: ContextVar[Context] = ContextVar("kg_request_context")


def current_context() -> Context:
    return _current.get()
