"""The enums the schema shares with the query layer, registered with Strawberry once."""
from __future__ import annotations

import strawberry

from kg.graph import Centrality
from kg.model import EntityType, Modality
from kg.store.records import Direction, RelationOrder

strawberry.enum(EntityType, description="Class of an entity in the kg ontology.")
strawberry.enum(Modality, description="How the article presents a statement.")
strawberry.enum(Direction, description="Which end of a relation the entity sits on.")
strawberry.enum(RelationOrder, description="How relations are sorted.")
strawberry.enum(Centrality, description="How connectedness is measured.")

__all__ = ["Centrality", "Direction", "EntityType", "Modality", "RelationOrder"]
