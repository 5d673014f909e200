"""RDF 1.1 term equality where rdflib differs: ``"x"`` and ``"x"^^xsd:string`` are one term in
RDF 1.1, two in rdflib. Oxigraph hands back the second form, rdflib's memory store and most
parsers the first, so comparisons (SHACL ``sh:in``, graph isomorphism) go through here."""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal
from rdflib.term import Node

from kg.vocab import XSD


def simple_term(term: Node) -> Node:
    """``"x"^^xsd:string`` as the simple literal ``"x"``; any other term unchanged."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def simple_graph(triples: Iterable[tuple[Node, Node, Node]]) -> Graph:
    """A new graph of ``triples`` with every xsd:string literal written as a simple literal."""
    graph = Graph()
    for subject, predicate, obj in triples:
        graph.add((subject, predicate, simple_term(obj)))
    return graph
