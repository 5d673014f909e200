"""Cytoscape.js elements JSON (``cy.add(json.elements)``), with each edge's sentences and
articles, the entity-type colours and a description of the selection."""
from __future__ import annotations

import json
from typing import Any

import networkx as nx

from kg.viz.style import TYPE_COLOURS


def cytoscape_document(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """NetworkX's Cytoscape.js form, plus ``kg``: the selection and the type colours."""
    document = nx.cytoscape_data(graph, name="label")
    document["kg"] = {"selection": graph.graph.get("selection", ""),
                      "typeColours": TYPE_COLOURS,
                      "nodeCount": graph.number_of_nodes(), "edgeCount": graph.number_of_edges()}
    return document


def cytoscape_bytes(graph: nx.MultiDiGraph) -> bytes:
    return json.dumps(cytoscape_document(graph), ensure_ascii=False, indent=1).encode("utf-8")
