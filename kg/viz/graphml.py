"""GraphML for Gephi and yEd: labels, entity types, predicates, weights and dates as data keys."""
from __future__ import annotations

import networkx as nx

from kg.viz.flat import scalar_copy


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    """Key ids named after the attributes (``d_label`` would tell a yEd user nothing)."""
    lines = nx.generate_graphml(scalar_copy(graph), named_key_ids=True,
                                edge_id_from_attribute="id")
    return ("\n".join(lines) + "\n").encode("utf-8")
