"""What part of the graph to draw: the options ``kg viz`` and ``/viz`` share."""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.graph.paths import MAX_NEIGHBOUR_DEPTH, MAX_PATH_LENGTH
from kg.store import KGStore
from kg.store.queries import entity_by_id, search_entities
from kg.store.records import RelationFilter
from kg.viz.dates import first_day

#: Hops allowed between the two ends of ``--path`` when no depth is given.
DEFAULT_PATH_LENGTH = 4
#: How many of the shortest paths between the two ends are drawn.
PATHS_DRAWN = 10


class SelectionError(ValueError):
    """The selection cannot be made (unknown entity, contradictory options); says why."""


@dataclass(frozen=True)
class Selection:
    """A subgraph: all of it, an ego network (``focus``/``depth``) or the paths between two
    entities (``path``), keeping only ``predicates`` (all when empty) and statements dated
    within ``since``/``until`` (ISO prefixes: ``2023``, ``2023-07``, ``2023-07-26``; bounds
    included; a statement without a date of its own is dated by its article; undated ones
    are left out when a bound is given). Entities are ids or names (:func:`resolve_entity`)."""

    focus: str | None = None
    depth: int | None = None
    path: tuple[str, str] | None = None
    predicates: frozenset[str] = field(default_factory=frozenset)
    since: str | None = None
    until: str | None = None

    def __post_init__(self) -> None:
        for name, value in (("since", self.since), ("until", self.until)):
            if value is not None and first_day(value) is None:
                raise SelectionError(f"{name} must be a date like 2023, 2023-07 or 2023-07-26, "
                                     f"not {value!r}")
        if self.focus and self.path:
            raise SelectionError("choose either a focus entity or a path, not both")
        if self.depth is not None and not self.focus and not self.path:
            raise SelectionError("depth needs a focus entity or a path")
        maximum = MAX_PATH_LENGTH if self.path else MAX_NEIGHBOUR_DEPTH
        if self.depth is not None and not 1 <= self.depth <= maximum:
            raise SelectionError(f"depth must be between 1 and {maximum} here")
        if self.since and self.until and _after(self.since, self.until):
            raise SelectionError(f"since ({self.since}) is after until ({self.until})")

    @property
    def statement_filter(self) -> RelationFilter:
        """The predicate and date part, as the query layer's filter."""
        return RelationFilter(predicates=tuple(sorted(self.predicates)),
                              date_from=self.since, date_to=self.until)

    @property
    def ego_depth(self) -> int:
        return self.depth if self.depth is not None else 1

    @property
    def path_length(self) -> int:
        return self.depth if self.depth is not None else DEFAULT_PATH_LENGTH

    def describe(self) -> str:
        """One line for page titles and logs."""
        parts = []
        if self.focus:
            parts.append(f"around {self.focus} (depth {self.ego_depth})")
        if self.path:
            parts.append(f"paths {self.path[0]} → {self.path[1]} (≤ {self.path_length} hops)")
        if self.predicates:
            parts.append("predicates " + ", ".join(sorted(self.predicates)))
        if self.since or self.until:
            parts.append(f"dated {self.since or '…'} to {self.until or '…'}")
        return "; ".join(parts) or "whole graph"


def _after(since: str, until: str) -> bool:
    """Whether no day can meet both bounds (``2023-05`` to ``2023`` is a fine range)."""
    common = min(len(since), len(until))
    return since[:common] > until[:common]


def resolve_entity(store: KGStore, text: str) -> str:
    """An entity id for an id or a name (``putin``, ``Putin``, ``Wladimir Putin``)."""
    if entity_by_id(store, text) is not None:
        return text
    hits = search_entities(store, text)
    if not hits:
        raise SelectionError(f"no entity matches {text!r}")
    return hits[0].id


__all__ = ["MAX_NEIGHBOUR_DEPTH", "MAX_PATH_LENGTH", "PATHS_DRAWN", "Selection", "SelectionError", "resolve_entity"]
