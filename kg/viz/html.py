"""One self-contained HTML page: the vendored cytoscape.js and the graph inlined into
``templates/graph.html``, so the view works in any browser without a network."""
from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path

import networkx as nx

from kg.config import load_settings
from kg.viz.cytoscape import cytoscape_document

CYTOSCAPE_VERSION = "3.34.4"
TEMPLATE = Path(__file__).resolve().parent / "templates" / "graph.html"
_MARKER = re.compile(r"__KG_(TITLE|CYTOSCAPE|GRAPH)__")


def cytoscape_script() -> str:
    """The vendored library (``kg/data/vendor/cytoscape/``, MIT licence beside it)."""
    return _read(load_settings().data_dir / "vendor" / "cytoscape" / "cytoscape.min.js")


def html_bytes(graph: nx.MultiDiGraph) -> bytes:
    """Each marker is filled once, in one pass, so inserted text is never scanned for markers."""
    parts = {
        "TITLE": html.escape(f"kg – {graph.graph.get('selection', 'graph')}"),
        "CYTOSCAPE": _inline_script(cytoscape_script()),
        "GRAPH": _inline_script(json.dumps(cytoscape_document(graph), ensure_ascii=False)),
    }
    page = _MARKER.sub(lambda match: parts[match.group(1)], _read(TEMPLATE))
    return page.encode("utf-8")


def _inline_script(text: str) -> str:
    """``</script`` or ``<!--`` inside a script element would end or confuse it; ``<\\/`` is
    the same string to JSON and to JavaScript string literals."""
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


@cache
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")
