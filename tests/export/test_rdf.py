"""RDF exports parse back, keep or merge the named graphs, and go to any kind of output."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg.export import ExportFormat, write_export
from kg.store import KGStore
from kg.store.iris import article_iri, entity_iri
from kg.store.queries import stats
from kg.vocab import KG, ONTOLOGY_GRAPH


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("turtle", "turtle"), ("nt", "nt")])
def test_merged_formats_hold_every_triple_of_every_graph(
        store: KGStore, tmp_path: Path, fmt: str, rdflib_format: str) -> None:
    path = tmp_path / f"export.{fmt}"
    write_export(store, fmt, path)
    graph = Graph().parse(path, format=rdflib_format)
    assert (entity_iri("kim_jong_un"), KG.met, entity_iri("putin")) in graph
    assert len(graph) == len(set(_all_triples(store)))


def test_trig_keeps_articles_in_their_named_graphs(store: KGStore) -> None:
    out = io.BytesIO()
    write_export(store, ExportFormat.TRIG, out)
    dataset = Dataset().parse(data=out.getvalue().decode("utf-8"), format="trig")
    graphs = {g.identifier for g in dataset.graphs() if len(g)}
    assert graphs == {article_iri("001_gipfel.txt"), article_iri("002_donezk.txt"), ONTOLOGY_GRAPH}
    assert sum(len(dataset.graph(g)) for g in graphs) == stats(store).triples


def test_unknown_formats_are_refused(store: KGStore) -> None:
    with pytest.raises(ValueError):
        write_export(store, "xml", io.StringIO())


def _all_triples(store: KGStore) -> list[tuple[object, ...]]:
    return [(s, p, o) for s, p, o, _ in store.dataset.quads((None, None, None, None))]
