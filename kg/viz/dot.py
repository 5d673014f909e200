"""Graphviz DOT: filled nodes coloured by entity type, edges labelled with their predicate,
thicker with more supporting sentences, dashed or dotted when not asserted."""
from __future__ import annotations

import networkx as nx
import pydot

from kg.viz.style import MODALITY_LINES, type_colour


def dot_bytes(graph: nx.MultiDiGraph) -> bytes:
    dot = pydot.Dot("kg", graph_type="digraph", strict=False, overlap="false", splines="true",
                    label=str(graph.graph.get("selection", "")), fontname="Helvetica")
    dot.set_node_defaults(style="filled", fontname="Helvetica", shape="box")
    dot.set_edge_defaults(fontname="Helvetica", fontsize="10")
    for node, data in graph.nodes(data=True):
        dot.add_node(pydot.Node(
            _quoted(node), label=_quoted(str(data.get("label", node))),
            fillcolor=_quoted(type_colour(data.get("type"))),
            tooltip=_quoted(str(data.get("type", ""))),
            penwidth="3" if data.get("selected") else "1"))
    for u, v, data in graph.edges(data=True):
        weight = int(data.get("weight", 1))
        label = data["predicate"] + (f" ×{weight}" if weight > 1 else "")
        dot.add_edge(pydot.Edge(
            _quoted(u), _quoted(v), label=_quoted(label),
            style=MODALITY_LINES.get(str(data.get("modality")), "solid"),
            penwidth=str(1 + min(weight, 6) / 2), weight=str(weight),
            tooltip=_quoted(f"{data['modality']}; {data.get('dates') or 'undated'}")))
    return dot.to_string().encode("utf-8")


def _quoted(text: str) -> str:
    """A DOT string literal: pydot leaves ids it thinks safe unquoted, which breaks on
    keywords (``node``, ``edge``) and on ``-`` or umlauts in some Graphviz versions."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
