"""What every GraphQL resolver can reach: the store, the graph view, and a per-request entity
loader that batches the entity lookups of nested fields into one query."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from strawberry.dataloader import DataLoader

from kg.graph import GraphView
from kg.store import KGStore
from kg.store.queries import entities_in_order
from kg.store.records import EntityRecord


@dataclass
class Context:
    store: KGStore
    graph: GraphView
    entities: DataLoader[str, EntityRecord] = field(init=False)

    def __post_init__(self) -> None:
        self.entities = DataLoader(load_fn=self._load_entities)

    async def _load_entities(self, ids: Sequence[str]) -> list[EntityRecord]:
        return entities_in_order(self.store, ids)
