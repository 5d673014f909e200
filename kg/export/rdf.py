"""RDF exports: Turtle and N-Triples of all graphs merged, TriG with the named graphs kept."""
from __future__ import annotations

from typing import TextIO

from kg.store import KGStore
from kg.store.queries import union_graph


def write_turtle(store: KGStore, out: TextIO) -> None:
    out.write(union_graph(store).serialize(format="turtle"))


def write_ntriples(store: KGStore, out: TextIO) -> None:
    out.write(union_graph(store).serialize(format="nt"))


def write_trig(store: KGStore, out: TextIO) -> None:
    out.write(store.dataset.serialize(format="trig"))
