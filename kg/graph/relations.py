"""An entity's relations served from the graph view: one edge per fact already carries what
the default orders sort by (how many statements, highest confidence, predicate), so a page
is ranked in memory and only its own statements are read from the store.

Reading and grouping every statement about a popular entity (thousands of articles) before
taking the first page was what made relation pages time out. The same list comes back as
:func:`kg.store.queries.relations_of` returns; where the view cannot rank alone (a filter or
an order that needs each statement's date, article or confidence, or a store write the view
was not told of) that function answers instead.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, overload

from kg.graph.view import GraphView
from kg.model import SYMMETRIC_PREDICATES, Modality
from kg.store import queries
from kg.store.records import Direction, RelationFilter, RelationOrder, RelationRecord

_RANKED_BY_EDGE = (RelationOrder.SUPPORT, RelationOrder.CONFIDENCE)


@dataclass(frozen=True)
class _Fact:
    """One edge of the view at the entity."""

    subject: str
    object: str
    key: str
    predicate: str
    modality: str
    confidence: float
    statement_ids: tuple[str, ...]


def relations_of(view: GraphView, id_: str, where: RelationFilter | None = None,
                 order: RelationOrder = RelationOrder.SUPPORT) -> Sequence[RelationRecord]:
    """The entity's facts in ``order``, as :func:`queries.relations_of`; pages are built
    when sliced."""
    where = where or RelationFilter()
    if not (view.in_step() and order in _RANKED_BY_EDGE and _edge_level(where)):
        return queries.relations_of(view.store, id_, where=where, order=order)
    return RankedRelations(view, _facts(view, id_, where), order)


def _edge_level(where: RelationFilter) -> bool:
    """Whether the filter keeps or drops whole facts (never some of a fact's statements)."""
    return (where.article is None and where.min_confidence == 0.0 and where.date_from is None
            and where.date_to is None)


def _facts(view: GraphView, id_: str, where: RelationFilter) -> list[_Fact]:
    if id_ not in view.graph:
        return []
    edges = {key: (u, v, data) for u, v, key, data in
             (*view.graph.out_edges(id_, keys=True, data=True),
              *view.graph.in_edges(id_, keys=True, data=True))}
    return [_Fact(u, v, key, data["predicate"], data["modality"], data["confidence"],
                  data["statement_ids"])
            for key, (u, v, data) in edges.items() if _keeps(where, id_, u, v, data)]


def _keeps(where: RelationFilter, id_: str, subject: str, obj: str, data: dict[str, Any]) -> bool:
    predicate = data["predicate"]
    faces = (where.direction is Direction.BOTH or predicate in SYMMETRIC_PREDICATES
             or (subject if where.direction is Direction.OUT else obj) == id_)
    return ((not where.predicates or predicate in where.predicates)
            and (not where.modalities or Modality(data["modality"]) in where.modalities)
            and faces)


class RankedRelations(Sequence[RelationRecord]):
    """Facts ranked as :func:`queries.sort_relations` ranks them, made into records only for
    the slice asked for. Names break ties, so they are read only for the facts that tie with
    the slice's last one."""

    def __init__(self, view: GraphView, facts: list[_Fact], order: RelationOrder) -> None:
        self._view = view
        self._order = order
        self._facts = sorted(facts, key=self._coarse)

    def _coarse(self, fact: _Fact) -> tuple[object, ...]:
        support = (-len(fact.statement_ids), -fact.confidence, fact.predicate)
        if self._order is RelationOrder.CONFIDENCE:
            return (-fact.confidence, *support)
        return support

    def __len__(self) -> int:
        return len(self._facts)

    @overload
    def __getitem__(self, index: int) -> RelationRecord: ...

    @overload
    def __getitem__(self, index: slice) -> list[RelationRecord]: ...

    def __getitem__(self, index: int | slice) -> RelationRecord | list[RelationRecord]:
        if isinstance(index, int):
            position = range(len(self))[index]  # IndexError as a list gives it
            return self[position:position + 1][0]
        start, stop, step = index.indices(len(self))
        if step != 1:
            return [self[i] for i in range(start, stop, step)]
        if start >= stop:
            return []
        return self._records(self._ranked_prefix(stop)[start:stop])

    def _ranked_prefix(self, stop: int) -> list[_Fact]:
        """The first ``stop`` facts in exact order: the coarse order extended over the ties
        of the last one, then sorted with names as :func:`queries.sort_relations` does."""
        last = self._coarse(self._facts[stop - 1])
        end = stop
        while end < len(self._facts) and self._coarse(self._facts[end]) == last:
            end += 1
        prefix = self._facts[:end]
        entities = queries.entities_by_ids(self._view.store,
                                           {i for f in prefix for i in (f.subject, f.object)})

        def label(id_: str) -> str:
            return queries.entity_or_bare(entities, id_).label

        return sorted(prefix, key=lambda f: (*self._coarse(f), label(f.subject), label(f.object),
                                             f.modality, f.key))

    def _records(self, facts: list[_Fact]) -> list[RelationRecord]:
        """The facts with their sources, from one read of just their statements."""
        statements = queries.statements_by_ids(self._view.store,
                                               [i for f in facts for i in f.statement_ids])
        entities = queries.entities_by_ids(self._view.store, {
            i for s in statements for i in (s.subject, s.object, s.place) if i is not None})
        grouped = {r.id: r for r in queries.group_relations(statements, entities)}
        return [grouped[f.key] for f in facts]
