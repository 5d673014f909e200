"""Ways through the entity graph: neighbourhoods, paths and ego networks, on the undirected view.

A path may cross a fact against its direction (Kim ← leaderOf … is still a link), so each
hop reports the fact as stored: subject, predicate, object. A :class:`FactFilter` keeps only
facts of some predicates or modalities; walks then use only those links.

Two or three links from almost any entity reach most of the graph (news entities are a
small world around a few hubs), so deeper neighbourhoods are walked on sparse-matrix arrays
built once per version of the view (:func:`prepare` builds them ahead), and their lists kept
until the view changes; a shortest path is one bidirectional search bounded by its length.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from itertools import chain, islice, takewhile
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from kg.graph.kept import Bounded, PerView
from kg.graph.limits import LimitExceededError, check_limit
from kg.graph.view import GraphView
from kg.model import Modality

if TYPE_CHECKING:
    from scipy import sparse

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
        # Modality is a str enum: the stored value compares equal to its member, and building
        # the member per edge was most of the cost of filtering a large graph.
        return ((not self.predicates or data["predicate"] in self.predicates)
                and (not self.modalities or data["modality"] in self.modalities))


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
    """Entities within ``depth`` links, nearest first, ties by id (so pages are stable).

    Deeper lists are kept until the view changes (front ends page through them, and three
    links from anywhere reach most of the graph): a list served again is a copy of one
    already made."""
    check_limit("depth", depth, MAX_NEIGHBOUR_DEPTH)
    if depth == 1 or getattr(view, "version", None) is None:
        # one link is quick; a stand-in has no version to key on
        return _by_distance(view, where, entity_id, depth)[1:]
    return list(_NEIGHBOURS.get_or_make(view, (entity_id, depth, where),
                                        lambda: _by_distance(view, where, entity_id, depth)[1:]))


#: Deeper neighbour lists kept per view, counted in entities (about 8 bytes each: the ids
#: themselves are the graph's).
MAX_CACHED_NEIGHBOURS = 2_000_000
_NEIGHBOURS: PerView[tuple[str, int, FactFilter], list[str]] = PerView(
    lambda: Bounded(max_weight=MAX_CACHED_NEIGHBOURS, weigh=len))


def prepare(view: GraphView) -> None:
    """Build what deeper walks need now rather than on the first one after a change (that
    walk would otherwise pay for the arrays: a pass over every link). For a server to call
    once the view is loaded and after writes; it may run in a thread of its own
    (:func:`prepare_in_background`): the build reads :attr:`GraphView.linked`; a write
    meanwhile (from another thread) makes it useless, and it then stops. A walk that needs
    the arrays while they are being built waits for them rather than building them twice."""
    try:
        _adjacency(view, ANY_FACT)
    except (RuntimeError, KeyError):  # the view changed under the build
        return


def prepare_in_background(view: GraphView) -> threading.Thread:
    """:func:`prepare` in a daemon thread, so a server answers while the arrays are built
    (about 2 s at a million statements); the build lets other threads run between chunks
    of rows (see :meth:`_Adjacency.of`)."""
    thread = threading.Thread(target=prepare, args=(view,), name="kg-walk-arrays", daemon=True)
    thread.start()
    return thread


def _by_distance(view: GraphView, where: FactFilter, entity_id: str, depth: int) -> list[str]:
    """The entity, then the entities within ``depth`` links ordered by (distance, id).

    Three links from a well-connected entity reach most of the graph, and a NetworkX walk
    over it cost 50–200 ms per request at 200,000 statements, whichever entity it started
    from. The walk runs instead layer by layer on :class:`_Adjacency` arrays (vectorised,
    a few ms); one link needs no arrays."""
    if depth == 1:
        graph = linked(view, where)
        return [entity_id, *sorted(graph[entity_id])] if entity_id in graph else []
    adjacency = _adjacency(view, where)
    if adjacency is None:
        return _by_distance_walk(linked(view, where), entity_id, depth)
    start = adjacency.index.get(entity_id)
    if start is None:
        return []
    return adjacency.names[np.concatenate(adjacency.layers(start, depth))].tolist()


def _by_distance_walk(graph: nx.Graph, entity_id: str, depth: int) -> list[str]:
    """:func:`_by_distance` by a NetworkX walk, for stand-ins that are no :class:`GraphView`."""
    if entity_id not in graph:
        return []
    distances = nx.single_source_shortest_path_length(graph, entity_id, cutoff=depth)
    return sorted(distances, key=lambda n: (distances[n], n))


@dataclass(frozen=True)
class _Adjacency:
    """The undirected graph of kept facts as a sparse matrix, entities numbered in id order,
    so a layer found as a sorted array of numbers is already sorted by id."""

    names: np.ndarray  # object array: number → entity id
    index: dict[str, int]
    matrix: sparse.csr_matrix  # symmetric, ones where two entities are linked

    @classmethod
    def of(cls, adjacency: dict[str, Any]) -> _Adjacency:
        """From ``{entity: iterable of linked entities}``; both directions must be listed.

        The links are numbered :data:`_ROWS_PER_CHUNK` entities at a time: one C-level pass
        over all of them holds the interpreter lock for a second at a million statements,
        and a server building these in a thread would answer nothing meanwhile."""
        from scipy import sparse  # only walks need it: not imported by a server's start

        names = sorted(adjacency)
        index = {name: number for number, name in enumerate(names)}
        linked = [adjacency[n] for n in names]
        degrees = np.fromiter(map(len, linked), dtype=np.int64, count=len(names))
        indptr = np.zeros(len(names) + 1, dtype=np.int64)
        np.cumsum(degrees, out=indptr[1:])
        # map() with the dict's own lookup: no Python frame per link (half the time of a
        # generator expression).
        number = index.__getitem__
        indices = np.empty(int(indptr[-1]), dtype=np.int32)
        for first in range(0, len(names), _ROWS_PER_CHUNK):
            last = min(first + _ROWS_PER_CHUNK, len(names))
            begin, end = int(indptr[first]), int(indptr[last])
            indices[begin:end] = np.fromiter(
                chain.from_iterable(map(number, others) for others in linked[first:last]),
                dtype=np.int32, count=end - begin)
        ones = np.ones(len(indices), dtype=np.float32)
        matrix = sparse.csr_matrix((ones, indices, indptr), shape=(len(names), len(names)))
        return cls(np.array(names, dtype=object), index, matrix)

    def layers(self, start: int, depth: int) -> list[np.ndarray]:
        """Entity numbers by distance from ``start`` (0 to ``depth``), each layer ascending.

        A small frontier's links are gathered from its rows; a large one's (a hub's second
        layer holds most entities) are found with one product of the matrix and the
        frontier, which reads every link but in compiled code: either way no sort, and a
        few milliseconds where a NetworkX walk took hundreds at a million statements."""
        size = len(self.names)
        indptr, indices = self.matrix.indptr, self.matrix.indices
        seen = np.zeros(size, dtype=bool)
        seen[start] = True
        frontier = np.array([start], dtype=np.int64)
        found = [frontier]
        for _ in range(depth):
            begins = indptr[frontier]
            counts = indptr[frontier + 1] - begins
            total = int(counts.sum())
            if total == 0:
                break
            if total * 4 > len(indices):
                vector = np.zeros(size, dtype=np.float32)
                vector[frontier] = 1.0
                reached = (self.matrix @ vector) > 0
            else:
                # Positions begins[i] .. begins[i] + counts[i] - 1 for every frontier entity.
                offsets = np.repeat(begins - np.cumsum(counts) + counts, counts) + np.arange(total)
                reached = np.zeros(size, dtype=bool)
                reached[indices[offsets]] = True
            reached &= ~seen
            frontier = np.flatnonzero(reached)
            if frontier.size == 0:
                break
            seen |= reached
            found.append(frontier)
        return found


#: Entities whose links :meth:`_Adjacency.of` numbers in one C-level call (a few ms each).
_ROWS_PER_CHUNK = 1_000

#: Arrays per view version and filter. Few filters are kept: each costs a pass over the facts
#: to build.
_ADJACENCY_FILTERS = 4
_ADJACENCY: PerView[FactFilter, _Adjacency] = PerView(
    lambda: Bounded(max_entries=_ADJACENCY_FILTERS))
#: Held while arrays are built and kept, so a walk arriving during a build (the server's own,
#: in the background, after a start) waits for it instead of building them a second time.
_BUILDING = threading.Lock()


def _adjacency(view: GraphView, where: FactFilter) -> _Adjacency | None:
    """The view's arrays for ``where``, built on the first walk after a change (one pass over
    the links, about what one uncached walk cost); ``None`` for a stand-in without a
    ``version``, which walks with NetworkX."""
    if getattr(view, "version", None) is None or getattr(view, "linked", None) is None:
        return None
    found = _ADJACENCY.of(view).get(where)
    if found is not None:
        return found
    with _BUILDING:  # kept by then if built while this walk waited
        return _ADJACENCY.get_or_make(view, where, lambda: _Adjacency.of(
            view.linked.adj if where == ANY_FACT else _kept_links(view, where)))


def _kept_links(view: GraphView, where: FactFilter) -> dict[str, set[str]]:
    """Entity → entities it shares a kept fact with, either way round (as :func:`linked`)."""
    links: dict[str, set[str]] = {}
    for u, v, data in view.graph.edges(data=True):
        if where.keeps(data):
            links.setdefault(u, set()).add(v)
            links.setdefault(v, set()).add(u)
    return links


def shortest_path(view: GraphView, source: str, target: str, max_length: int = 4,
                  where: FactFilter = ANY_FACT) -> Path | None:
    """The first of :func:`k_shortest_paths`, found by one bidirectional search that gives up
    once no path of ``max_length`` hops can be left (Yen's algorithm, and a search that
    runs on to any length, are not needed for one path)."""
    check_limit("maxLength", max_length, MAX_PATH_LENGTH)
    graph = linked(view, where)
    if source not in graph or target not in graph:
        return None
    nodes = _bidirectional_path(graph, source, target, max_length)
    return _path(view, nodes, where) if nodes is not None else None


def _bidirectional_path(graph: nx.Graph, source: str, target: str,
                        max_length: int) -> list[str] | None:
    """A shortest path of at most ``max_length`` hops, or ``None``.

    The search of NetworkX's ``bidirectional_shortest_path`` (the one
    ``shortest_simple_paths`` starts with, so it finds the same path): grow the smaller
    fringe by one layer until the two meet, here also stopping once the layers grown add up
    to ``max_length``: any meeting after that would be a longer path."""
    if source == target:
        return [source]
    pred: dict[str, str | None] = {source: None}
    succ: dict[str, str | None] = {target: None}
    forward, reverse = [source], [target]
    grown = 0
    while forward and reverse and grown < max_length:
        grown += 1
        if len(forward) <= len(reverse):
            level, forward = forward, []
            for v in level:
                for w in graph[v]:
                    if w not in pred:
                        forward.append(w)
                        pred[w] = v
                    if w in succ:
                        return _joined(pred, succ, w)
        else:
            level, reverse = reverse, []
            for v in level:
                for w in graph[v]:
                    if w not in succ:
                        succ[w] = v
                        reverse.append(w)
                    if w in pred:
                        return _joined(pred, succ, w)
    return None


def _joined(pred: dict[str, str | None], succ: dict[str, str | None], meeting: str) -> list[str]:
    path: list[str] = []
    node: str | None = meeting
    while node is not None:
        path.append(node)
        node = pred[node]
    path.reverse()
    node = succ[meeting]
    while node is not None:
        path.append(node)
        node = succ[node]
    return path


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
    nearby = _by_distance(view, where, entity_id, radius)
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
