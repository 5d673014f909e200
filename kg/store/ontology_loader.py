"""Keeps the ontology graph in step with ``ontologies/*.ttl``: reloaded only when the files
change, detected with the same content hash the gazetteer cache uses."""
from __future__ import annotations

from pathlib import Path

from rdflib import Literal

from kg.ontology import ontology_files, ontology_hash, parse_ontology
from kg.store.kgstore import KGStore
from kg.vocab import KG, ONTOLOGY_GRAPH

DIGEST = KG.sourceDigest


def stored_digest(store: KGStore) -> str | None:
    rows = store.select(f"SELECT ?digest WHERE {{ GRAPH {ONTOLOGY_GRAPH.n3()} "
                        f"{{ {ONTOLOGY_GRAPH.n3()} {DIGEST.n3()} ?digest }} }}")
    return str(rows[0]["digest"]) if rows else None


def load_ontology(store: KGStore, ontology_dir: Path) -> bool:
    """Load the Turtle files into ``ONTOLOGY_GRAPH`` unless that graph already holds this
    version of them; whether it loaded. Without files the graph is left as it is."""
    if not ontology_files(ontology_dir):
        return False
    digest = ontology_hash(ontology_dir)
    if stored_digest(store) == digest:
        return False
    ontology = parse_ontology(ontology_dir)
    ontology.add((ONTOLOGY_GRAPH, DIGEST, Literal(digest)))
    store.replace_graph(ONTOLOGY_GRAPH, ontology)
    return True
