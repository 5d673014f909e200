"""GEXF for Gephi, in dynamic mode when facts are dated: nodes and edges carry a ``start`` day,
so Gephi's timeline plays the graph over the years; colours come from the entity type."""
from __future__ import annotations

import networkx as nx

from kg.viz.flat import scalar_copy
from kg.viz.style import rgb, type_colour


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    gexf = scalar_copy(graph)
    dated = False
    for _, data in gexf.nodes(data=True):
        red, green, blue = rgb(type_colour(data.get("type")))
        data["viz"] = {"color": {"r": red, "g": green, "b": blue, "a": 1.0}}
        dated |= _move_first_date_to_start(data)
    for *_, data in gexf.edges(data=True):
        dated |= _move_first_date_to_start(data)
    if dated:
        gexf.graph["mode"] = "dynamic"
    return ("\n".join(nx.generate_gexf(gexf)) + "\n").encode("utf-8")


def _move_first_date_to_start(data: dict[str, object]) -> bool:
    """GEXF's own ``start`` attribute is what Gephi's timeline reads; no ``end``: facts stay."""
    if "first_date" not in data:
        return False
    data["start"] = data.pop("first_date")
    return True
