"""Ways through the entity graph: neighbourhoods, paths and ego networks, on the undirected view.

A path may cross a fact against its direction (Kim ← leaderOf … is still a link), so each
hop reports the fact as stored: subject, predicate, object. A :class:`FactFilter` keeps only
facts of some predicates or modalities; walks then use only those links.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import islice, takewhile
from typing import Any

import networkx as nx

from kg.graph.limits import LimitExceededError, check_limit
from kg.graph.view import GraphView
from kg.model import Modality

MAX_NEIGHBOUR_DEPTH = 3
MAX_PATH_LENGTH = 6
MAX_K_PATHS = 20
#: All paths up to a length can be many; past this many, the caller must narrow the walk.
MAX_ALL_PATHS = 500
MAX_EGO_NODES = 300


@dataclass(frozen=True)
class FactFilter:
    """Which facts a walk may use; empty tuples mean any."""

    predicates: tuple[str, ...] = ()
    modalities: tuple[Modality, ...] = ()

    def keeps(self, data: dict[str, Any]) -> bool:
        return ((not self.predicates or data["predicate"] in self.predicates)
                and (not self.modalities or Modality(data["modality"]) in self.modalities))


ANY_FACT = FactFilter()


@dataclass(frozen=True)
class Hop:
    """The fact that links two consecutive entities of a path."""

    subject: str
    predicate: str
    object: str
    modality: str = Modality.ASSERTED.value
    confidence: float = 0.0
    relation_id: str = ""


@dataclass(frozen=True)
class Path:
    entities: tuple[str, ...]
    hops: tuple[Hop, ...]

    @property
    def length(self) -> int:
        return len(self.hops)


@dataclass(frozen=True)
class EgoNetwork:
    """An entity, the entities around it (nearest first) and every kept fact among them."""

    center: str
    nodes: tuple[str, ...]
    edges: tuple[Hop, ...]
    #: Whether ``max_nodes`` cut the neighbourhood short.
    truncated: bool


def linked(view: GraphView, where: FactFilter = ANY_FACT) -> nx.Graph:
    """The undirected simple graph of entities linked by at least one kept fact: the view's own
    for any fact, else a filtered read-only view of it that checks a pair's facts only when a
    walk reaches it (no copy per query). Entities without a kept fact are left out."""
    base = _undirected(view)
    if where == ANY_FACT:
        return base

    def kept(a: str, b: str) -> bool:
        return any(where.keeps(data) for u, v in ((a, b), (b, a))
                   for data in (view.graph.get_edge_data(u, v) or {}).values())

    @cache
    def has_kept_fact(node: str) -> bool:
        return any(kept(node, other) for other in base[node])

    return nx.subgraph_view(base, filter_node=has_kept_fact, filter_edge=kept)


def _undirected(view: GraphView) -> nx.Graph:
    """The view's maintained undirected graph; a stand-in that offers only ``.graph`` (such as
    :mod:`kg.viz`'s date-filtered structure) gets a copy of it, as every walk once did."""
    maintained = getattr(view, "linked", None)
    return maintained if maintained is not None else nx.Graph(view.graph)


def neighbours(view: GraphView, entity_id: str, depth: int = 1,
               where: FactFilter = ANY_FACT) -> list[str]:
    """Entities within ``depth`` links, nearest first."""
    check_limit("depth", depth, MAX_NEIGHBOUR_DEPTH)
    return [n for n in _by_distance(linked(view, where), entity_id, depth) if n != entity_id]


def _by_distance(graph: nx.Graph, entity_id: str, depth: int) -> list[str]:
    if entity_id not in graph:
        return []
    distances = nx.single_source_shortest_path_length(graph, entity_id, cutoff=depth)
    return sorted(distances, key=lambda n: (distances[n], n))


def shortest_path(view: GraphView, source: str, target: str, max_length: int = 4,
                  where: FactFilter = ANY_FACT) -> Path | None:
    found = k_shortest_paths(view, source, target, 1, max_length, where)
    return found[0] if found else None


def k_shortest_paths(view: GraphView, source: str, target: str, k: int = 10,
                     max_length: int = 3, where: FactFilter = ANY_FACT) -> list[Path]:
    """Up to ``k`` simple paths of at most ``max_length`` hops, shortest first."""
    check_limit("maxLength", max_length, MAX_PATH_LENGTH)
    check_limit("k", k, MAX_K_PATHS)
    graph = linked(view, where)
    if source not in graph or target not in graph:
        return []
    if source == target:
        return [Path((source,), ())]
    short_enough = takewhile(lambda nodes: len(nodes) - 1 <= max_length,
                             nx.shortest_simple_paths(graph, source, target))
    try:
        return [_path(view, nodes, where) for nodes in islice(short_enough, k)]
    except nx.NetworkXNoPath:
        return []


def all_paths(view: GraphView, source: str, target: str, max_length: int = 3,
              where: FactFilter = ANY_FACT) -> list[Path]:
    """Every simple path of at most ``max_length`` hops, shortest first; refuses past
    :data:`MAX_ALL_PATHS` rather than enumerate without end."""
    check_limit("maxLength", max_length, MAX_PATH_LENGTH)
    graph = linked(view, where)
    if source not in graph or target not in graph or source == target:
        return []
    found = list(islice(nx.all_simple_paths(graph, source, target, cutoff=max_length),
                        MAX_ALL_PATHS + 1))
    if len(found) > MAX_ALL_PATHS:
        raise LimitExceededError(f"more than {MAX_ALL_PATHS} paths of at most {max_length} hops; "
                                 "lower maxLength or filter by predicate or modality")
    return [_path(view, nodes, where) for nodes in sorted(found, key=lambda n: (len(n), n))]


def ego_network(view: GraphView, entity_id: str, radius: int = 1, max_nodes: int = 50,
                where: FactFilter = ANY_FACT) -> EgoNetwork | None:
    """The entities within ``radius`` links (the nearest ``max_nodes``, centre included) and
    every kept fact among them: what a front end draws around one entity."""
    check_limit("radius", radius, MAX_NEIGHBOUR_DEPTH)
    check_limit("maxNodes", max_nodes, MAX_EGO_NODES)
    nearby = _by_distance(linked(view, where), entity_id, radius)
    if not nearby:
        return None
    kept = nearby[:max_nodes]
    members = set(kept)
    edges = sorted((_fact(u, v, key, data) for u, v, key, data
                    in view.graph.subgraph(members).edges(keys=True, data=True) if where.keeps(data)),
                   key=lambda h: (h.subject, h.predicate, h.object, h.modality))
    return EgoNetwork(entity_id, tuple(kept), tuple(edges), truncated=len(nearby) > max_nodes)


def _path(view: GraphView, nodes: list[str], where: FactFilter) -> Path:
    return Path(tuple(nodes), tuple(_hop(view, a, b, where) for a, b in zip(nodes, nodes[1:])))


def _hop(view: GraphView, a: str, b: str, where: FactFilter) -> Hop:
    """The strongest kept fact between two entities, either way round: asserted before reported."""
    candidates = [_fact(u, v, key, data) for u, v in ((a, b), (b, a)) if view.graph.has_edge(u, v)
                  for key, data in view.graph.get_edge_data(u, v).items() if where.keeps(data)]
    return min(candidates, key=lambda h: (h.modality != Modality.ASSERTED.value, -h.confidence,
                                          h.predicate, h.subject, h.object))


def _fact(subject: str, obj: str, key: str, data: dict[str, Any]) -> Hop:
    return Hop(subject, data["predicate"], obj, data["modality"], data["confidence"], key)
