"""The SPARQL 1.1 UPDATE that replaces named graphs whole: the one write every backend that
speaks SPARQL (embedded Oxigraph, a remote endpoint) runs, so they share its atomicity.

``DROP SILENT GRAPH <g>; … INSERT DATA { GRAPH <g> { … } … }`` is one update request; SPARQL
stores apply a request in one transaction, so a reader or a crash sees each graph either as it
was or as it is meant to be, never half written.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.store.article_graph import Triple

#: Named graph IRI → the complete triples it is to hold (empty: the graph is dropped).
GraphContents = Mapping[URIRef, Sequence[Triple]]


class TermText:
    """rdflib term → its N-Triples text, remembered for the life of one update: entity,
    predicate and vocabulary terms recur in nearly every statement of a batch."""

    def __init__(self) -> None:
        self._seen: dict[Node, str] = {}

    def __call__(self, term: Node) -> str:
        text = self._seen.get(term)
        if text is None:
            text = self._seen[term] = _n3(term)
        return text


def _n3(term: Node) -> str:
    """Full N-Triples form (never Turtle shorthand such as a bare ``42``), valid in SPARQL."""
    if isinstance(term, Literal):
        return term._literal_n3(use_plain=False)  # noqa: SLF001 - rdflib's own escaping
    return term.n3()


#: Triples per ``INSERT`` operation: Virtuoso's parser runs out of stack ("SP030 … memory
#: exhausted") on a few thousand triples in one operation; many operations in one request are
#: fine, and the request stays one transaction.
TRIPLES_PER_OPERATION = 1000


def replace_update(graphs: GraphContents) -> str:
    """One update that drops every graph in ``graphs`` and inserts its new triples."""
    text = TermText()
    drops = [f"DROP SILENT GRAPH {text(graph)}" for graph in graphs]
    plain: list[tuple[URIRef, Triple]] = []
    blank_groups: list[list[tuple[URIRef, Triple]]] = []
    for graph, triples in graphs.items():
        with_blanks = _blank_node_groups(graph, triples, plain)
        blank_groups.extend(with_blanks)
    inserts = [f"INSERT DATA {{\n{_quads_text(chunk, text)}}}"
               for chunk in _chunks([[quad] for quad in plain])]
    # Virtuoso refuses blank nodes in INSERT DATA; a template makes them fresh on every store.
    # Triples sharing a blank node stay in one operation, so the node stays one node.
    inserts += [f"INSERT {{\n{_quads_text(chunk, text)}}} WHERE {{}}"
                for chunk in _chunks(blank_groups)]
    return " ;\n".join(drops + inserts) + "\n"


def _blank_node_groups(graph: URIRef, triples: Sequence[Triple],
                       plain: list[tuple[URIRef, Triple]]) -> list[list[tuple[URIRef, Triple]]]:
    """Triples with blank nodes, grouped by connection (union-find over their blank nodes);
    the others are appended to ``plain``."""
    parent: dict[BNode, BNode] = {}

    def root(node: BNode) -> BNode:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    blank: list[Triple] = []
    for triple in triples:
        nodes = [term for term in triple if isinstance(term, BNode)]
        if not nodes:
            plain.append((graph, triple))
            continue
        blank.append(triple)
        for node in nodes[1:]:
            parent[root(node)] = root(nodes[0])
    groups: dict[BNode, list[tuple[URIRef, Triple]]] = {}
    for triple in blank:
        first = next(term for term in triple if isinstance(term, BNode))
        groups.setdefault(root(first), []).append((graph, triple))
    return list(groups.values())


def _chunks(groups: Iterable[list[tuple[URIRef, Triple]]]) -> Iterator[list[tuple[URIRef, Triple]]]:
    """Whole groups, packed up to :data:`TRIPLES_PER_OPERATION` quads (a larger group alone)."""
    chunk: list[tuple[URIRef, Triple]] = []
    for group in groups:
        if chunk and len(chunk) + len(group) > TRIPLES_PER_OPERATION:
            yield chunk
            chunk = []
        chunk.extend(group)
    if chunk:
        yield chunk


def _quads_text(quads: list[tuple[URIRef, Triple]], text: TermText) -> str:
    """``GRAPH <g> { … }`` blocks, one per run of quads in the same graph."""
    parts: list[str] = []
    current: URIRef | None = None
    for graph, (s, p, o) in quads:
        if graph != current:
            if current is not None:
                parts.append("}\n")
            parts.append(f"GRAPH {text(graph)} {{\n")
            current = graph
        parts.append(f"{text(s)} {text(p)} {text(o)} .\n")
    if current is not None:
        parts.append("}\n")
    return "".join(parts)


def triple_count(graphs: GraphContents) -> int:
    return sum(len(triples) for triples in graphs.values())
