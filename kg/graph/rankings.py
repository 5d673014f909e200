"""Which entities hold the graph together: degree, PageRank and betweenness, computed on the
undirected view and cached until the view changes (betweenness is the costly one)."""
from __future__ import annotations

from enum import Enum

import networkx as nx

from kg.graph.kept import Bounded, PerView
from kg.graph.view import GraphView


class Centrality(str, Enum):
    """How connectedness is measured."""

    #: Facts an entity takes part in.
    DEGREE = "degree"
    PAGERANK = "pagerank"
    BETWEENNESS = "betweenness"


#: Up to this many entities betweenness is exact; beyond, sampled from this many sources.
EXACT_BETWEENNESS_NODES = 500

#: Scores per view version, one list per measure.
_SCORES: PerView[Centrality, list[tuple[str, float]]] = PerView(Bounded)


def most_connected(view: GraphView, measure: Centrality = Centrality.DEGREE) -> list[tuple[str, float]]:
    """Every entity with its score, highest first (ties by id)."""
    return _SCORES.get_or_make(view, measure, lambda: sorted(
        _scores(view, measure).items(), key=lambda item: (-item[1], item[0])))


def _scores(view: GraphView, measure: Centrality) -> dict[str, float]:
    if measure is Centrality.DEGREE:
        return {node: float(degree) for node, degree in view.graph.degree()}
    simple = view.linked
    if simple.number_of_nodes() == 0:
        return {}
    if measure is Centrality.PAGERANK:
        return dict(nx.pagerank(simple))
    # Exact betweenness is a search from every entity: at a million statements (20,000
    # entities) that holds the server for hours. Above EXACT_BETWEENNESS_NODES it is estimated
    # from that many sources (fixed seed, so answers repeat), which networkx supports.
    sources = min(simple.number_of_nodes(), EXACT_BETWEENNESS_NODES)
    return dict(nx.betweenness_centrality(
        simple, k=sources if sources < simple.number_of_nodes() else None, seed=7))
