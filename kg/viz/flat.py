"""The subgraph with only scalar attributes: GraphML, GEXF and DOT hold no lists or nulls."""
from __future__ import annotations

import networkx as nx

_SCALARS = (str, int, float, bool)


def scalar_copy(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy without ``None``, list or dict attributes (``sources`` stays in JSON and HTML)."""
    flat = nx.MultiDiGraph(**_scalars(graph.graph))
    flat.add_nodes_from((node, _scalars(data)) for node, data in graph.nodes(data=True))
    flat.add_edges_from((u, v, key, _scalars(data))
                        for u, v, key, data in graph.edges(keys=True, data=True))
    return flat


def _scalars(attributes: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in attributes.items() if isinstance(v, _SCALARS)}
