"""The NetworkX view of the store and the walks over it (neighbours, paths)."""
from kg.graph.paths import Hop, Path, neighbours, paths, shortest_path
from kg.graph.view import GraphView

__all__ = ["GraphView", "Hop", "Path", "neighbours", "paths", "shortest_path"]
