"""The NetworkX view of the store and the walks over it (neighbours, paths, rankings)."""
from kg.graph.limits import LimitExceededError
from kg.graph.paths import (ANY_FACT, EgoNetwork, FactFilter, Hop, Path, all_paths, ego_network,
                            k_shortest_paths, neighbours, shortest_path)
from kg.graph.rankings import Centrality, most_connected
from kg.graph.relations import relations_of
from kg.graph.view import GraphView

__all__ = ["ANY_FACT", "Centrality", "EgoNetwork", "FactFilter", "GraphView", "Hop",
           "LimitExceededError", "Path", "all_paths", "ego_network", "k_shortest_paths",
           "most_connected", "neighbours", "relations_of", "shortest_path"]
