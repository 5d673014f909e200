"""Ways through the entity graph: neighbourhoods and paths, on the undirected view.

A path may cross a fact against its direction (Kim ← leaderOf … is still a link), so each
hop reports the fact as stored: subject, predicate, object.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, takewhile

import networkx as nx

from kg.graph.view import GraphView
from kg.model import Modality

MAX_NEIGHBOUR_DEPTH = 3
MAX_PATH_LENGTH = 6


@dataclass(frozen=True)
class Hop:
    """The fact that links two consecutive entities of a path."""

    subject: str
    predicate: str
    object: str


@dataclass(frozen=True)
class Path:
    entities: tuple[str, ...]
    hops: tuple[Hop, ...]

    @property
    def length(self) -> int:
        return len(self.hops)


def neighbours(view: GraphView, entity_id: str, depth: int = 1) -> list[str]:
    """Entities within ``depth`` links, nearest first."""
    _check_limit("depth", depth, MAX_NEIGHBOUR_DEPTH)
    if entity_id not in view.graph:
        return []
    distances = nx.single_source_shortest_path_length(
        view.graph.to_undirected(as_view=True), entity_id, cutoff=depth)
    return sorted((n for n in distances if n != entity_id), key=lambda n: (distances[n], n))


def shortest_path(view: GraphView, source: str, target: str, max_length: int = 4) -> Path | None:
    found = paths(view, source, target, max_length, first=1)
    return found[0] if found else None


def paths(view: GraphView, source: str, target: str, max_length: int = 3,
          first: int = 10) -> list[Path]:
    """Up to ``first`` simple paths of at most ``max_length`` hops, shortest first."""
    _check_limit("max_length", max_length, MAX_PATH_LENGTH)
    undirected = nx.Graph(view.graph)
    if source not in undirected or target not in undirected:
        return []
    if source == target:
        return [Path((source,), ())]
    short_enough = takewhile(lambda nodes: len(nodes) - 1 <= max_length,
                             nx.shortest_simple_paths(undirected, source, target))
    try:
        return [_path(view, nodes) for nodes in islice(short_enough, max(first, 0))]
    except nx.NetworkXNoPath:
        return []


def _check_limit(name: str, value: int, maximum: int) -> None:
    """Graph walks grow fast with depth, so callers get a clear refusal past ``maximum``."""
    if not 1 <= value <= maximum:
        raise ValueError(f"{name} must be between 1 and {maximum}; {maximum} is the maximum")


def _path(view: GraphView, nodes: list[str]) -> Path:
    return Path(tuple(nodes), tuple(_hop(view, a, b) for a, b in zip(nodes, nodes[1:])))


def _hop(view: GraphView, a: str, b: str) -> Hop:
    """The strongest fact between two entities, either way round: asserted before reported."""
    candidates = [(data["modality"] != Modality.ASSERTED.value, -data["confidence"],
                   data["predicate"], u, v)
                  for u, v in ((a, b), (b, a)) if view.graph.has_edge(u, v)
                  for data in view.graph.get_edge_data(u, v).values()]
    *_, predicate, subject, obj = min(candidates)
    return Hop(subject, predicate, obj)
