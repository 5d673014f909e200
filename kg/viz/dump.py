"""``kg viz``: select, render and write one file, in one call the CLI makes."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.graph import GraphView
from kg.store import KGStore
from kg.viz.formats import VizFormat
from kg.viz.selection import Selection
from kg.viz.subgraph import select_subgraph
from kg.viz.writer import render_viz


def write_viz_file(store: KGStore, selection: Selection, fmt: VizFormat | str,
                   out: Path) -> nx.MultiDiGraph:
    """Write the selected subgraph as ``fmt`` to ``out``; returns the subgraph, for a summary."""
    graph = select_subgraph(store, GraphView(store), selection)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(render_viz(graph, fmt))
    return graph
