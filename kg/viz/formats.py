"""The visualisation formats, with media type and file suffix; kept free of heavy imports so
the CLI can offer the choices without loading NetworkX or pydot."""
from __future__ import annotations

from enum import Enum


class VizFormat(str, Enum):
    GRAPHML = "graphml"
    GEXF = "gexf"
    CYTOSCAPE = "cytoscape"
    DOT = "dot"
    HTML = "html"

    @property
    def media_type(self) -> str:
        return _MEDIA_TYPES[self]

    @property
    def suffix(self) -> str:
        """File suffix of a download: the Cytoscape.js document is plain JSON."""
        return "json" if self is VizFormat.CYTOSCAPE else self.value


_MEDIA_TYPES = {
    VizFormat.GRAPHML: "application/graphml+xml; charset=utf-8",
    VizFormat.GEXF: "application/gexf+xml; charset=utf-8",
    VizFormat.CYTOSCAPE: "application/json",
    VizFormat.DOT: "text/vnd.graphviz; charset=utf-8",
    VizFormat.HTML: "text/html; charset=utf-8",
}
