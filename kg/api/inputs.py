"""Filter arguments, turned into the query layer's filters (which validate them)."""
from __future__ import annotations

from dataclasses import replace

import strawberry

from kg import graph
from kg.api.enums import Direction, Modality
from kg.store.records import RelationFilter


@strawberry.input(description="Which statements to keep; every field is optional.")
class RelationFilterInput:
    predicates: list[str] | None = strawberry.UNSET
    direction: Direction = Direction.BOTH
    modalities: list[Modality] | None = strawberry.UNSET
    date_from: str | None = strawberry.field(default=None, description="ISO date prefix, inclusive: 2024, 2024-06 or 2024-06-19.")
    date_to: str | None = strawberry.field(default=None, description="ISO date prefix, inclusive.")
    article: str | None = strawberry.field(default=None, description="Source file of one article.")
    min_confidence: float = 0.0

    def to_filter(self) -> RelationFilter:
        return RelationFilter(predicates=tuple(self.predicates or ()), direction=self.direction,
                              modalities=tuple(self.modalities or ()), date_from=self.date_from,
                              date_to=self.date_to, article=self.article,
                              min_confidence=self.min_confidence)


@strawberry.input(description="Which facts a walk may follow; every field is optional.")
class PathFilterInput:
    predicates: list[str] | None = strawberry.UNSET
    modalities: list[Modality] | None = strawberry.UNSET

    def to_filter(self) -> graph.FactFilter:
        checked = RelationFilter(predicates=tuple(self.predicates or ()),
                                 modalities=tuple(self.modalities or ()))
        return graph.FactFilter(checked.predicates, checked.modalities)


def relation_filter(given: RelationFilterInput | None, predicate: str | None = None,
                    direction: Direction | None = None) -> RelationFilter:
    """The filter asked for; ``predicate`` and ``direction`` are the older shorthand arguments."""
    where = given.to_filter() if given else RelationFilter()
    if predicate is not None:
        where = replace(where, predicates=(predicate,))
    return replace(where, direction=direction) if direction is not None else where


def fact_filter(given: PathFilterInput | None) -> graph.FactFilter:
    return given.to_filter() if given else graph.ANY_FACT
