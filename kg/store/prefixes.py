"""The prefixes kg writes and queries with, built from :mod:`kg.vocab` namespaces."""
from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DefinedNamespace

from kg.vocab import (ART, DCTERMS, ENT, KG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, STMT, WD,
                      XSD)

PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "kg": KG, "ent": ENT, "art": ART, "stmt": STMT, "wd": WD, "schema": SCHEMA,
    "dcterms": DCTERMS, "owl": OWL, "prov": PROV, "rdf": RDF, "rdfs": RDFS, "skos": SKOS,
    "xsd": XSD,
}

#: Prepended to every query, so both query engines (rdflib's and Oxigraph's) see the same text.
SPARQL_PREFIXES: str = "".join(f"PREFIX {name}: <{ns}>\n" for name, ns in PREFIXES.items())


def bind_prefixes(graph: Graph) -> None:
    """Readable Turtle/TriG output."""
    for name, namespace in PREFIXES.items():
        graph.bind(name, str(namespace), replace=True)
