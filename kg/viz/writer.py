"""``render_viz``: one entry point for every visualisation format."""
from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from kg.viz.cytoscape import cytoscape_bytes
from kg.viz.dot import dot_bytes
from kg.viz.formats import VizFormat
from kg.viz.gexf import gexf_bytes
from kg.viz.graphml import graphml_bytes
from kg.viz.html import html_bytes

_RENDERERS: dict[VizFormat, Callable[[nx.MultiDiGraph], bytes]] = {
    VizFormat.GRAPHML: graphml_bytes,
    VizFormat.GEXF: gexf_bytes,
    VizFormat.CYTOSCAPE: cytoscape_bytes,
    VizFormat.DOT: dot_bytes,
    VizFormat.HTML: html_bytes,
}


def render_viz(graph: nx.MultiDiGraph, fmt: VizFormat | str) -> bytes:
    """The subgraph from :func:`kg.viz.subgraph.select_subgraph` as ``fmt``, UTF-8 encoded."""
    return _RENDERERS[VizFormat(fmt)](graph)
