"""The bulk write path (``KGStore.replace_articles``), ``kg build``'s batches over it, and the
embedded store's bulk loader path for large writes (intent record, recovery at open)."""
from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Literal, URIRef

from kg.bench.entities import entity_pool
from kg.bench.statements import synthetic_extractions
from kg.config import Settings, load_settings
from kg.model import ArticleExtraction
from kg.ontology import load_gazetteer
from kg.pipeline import Skipped, build
from kg import vocab
from kg.store import KGStore, backends, open_store
from kg.store.article_graph import article_triples
from kg.store.backends import replace_graphs_in_oxigraph
from kg.store.iris import article_iri
from kg.store.oxigraph_bulk import PENDING_WRITES, record_intent, trig_document
from kg.store.queries import all_statements, stats
from kg.store.update_text import GraphContents
from kg.vocab import ART, KG

#: Larger than any write in these tests: everything goes through one transaction.
NEVER = 10**9


def test_a_bulk_write_stores_what_article_by_article_writes_store(
        empty_store: KGStore, extractions: list[ArticleExtraction], settings: Settings,
        tmp_path: Path) -> None:
    with open_store(str(tmp_path / "one-by-one"), settings) as one_by_one:
        for extraction in extractions:
            one_by_one.replace_article(extraction)
        expected = (stats(one_by_one), all_statements(one_by_one))
    assert empty_store.replace_articles(extractions) == len(extractions)
    assert (stats(empty_store), all_statements(empty_store)) == expected


def test_a_bulk_write_replaces_earlier_runs_of_its_articles(
        store: KGStore, extractions: list[ArticleExtraction]) -> None:
    before = stats(store)
    shorter = dataclasses.replace(extractions[0], statements=extractions[0].statements[:1])
    store.replace_articles([shorter, extractions[1]])
    store.replace_articles([extractions[0], extractions[1]])
    assert stats(store) == before
    store.replace_articles([shorter])
    assert [s.predicate for s in all_statements(store, shorter.article.source)] == ["met"]


def test_a_bulk_write_with_a_broken_article_writes_nothing(
        empty_store: KGStore, extractions: list[ArticleExtraction]) -> None:
    good, broken = extractions
    broken.statements.append(dataclasses.replace(broken.statements[0], provenance=None))  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        empty_store.replace_articles([good, broken])
    assert stats(empty_store).statements == 0


def test_build_writes_in_batches_and_skips_only_the_article_that_cannot_be_written(
        empty_store: KGStore, extractions: list[ArticleExtraction], settings: Settings,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good, broken = extractions
    broken.statements.append(dataclasses.replace(broken.statements[0], provenance=None))  # type: ignore[arg-type]
    pages = {tmp_path / "a.txt": good, tmp_path / "b.txt": broken}
    for path in pages:
        path.write_text("x", encoding="utf-8")
    monkeypatch.setattr("kg.pipeline.extract_page", lambda path, settings: pages[path])
    report = build([tmp_path], empty_store, dataclasses.replace(settings, build_batch_articles=5))
    assert report.articles == 1
    assert [s.source for s in report.skipped] == ["b.txt"]
    assert {s.article for s in all_statements(empty_store)} == {good.article.source}
    assert isinstance(report.skipped[0], Skipped)


@pytest.fixture(scope="module")
def many_graphs() -> GraphContents:
    """60 synthetic articles, plus a graph of literals that need escaping or carry a language
    tag or datatype in every form."""
    settings = load_settings()
    pool = entity_pool(load_gazetteer(settings.ontology_dir), 300)
    graphs: dict[URIRef, list] = {
        article_iri(e.article.source): article_triples(e)
        for e in synthetic_extractions(pool, settings.lexicon_dir / "relations.toml", 600)}
    node = ART["odd-literals"]
    odd = ['say "hi"', "back\\slash", "two\nlines\r\n", "tab\there", "ümlaut ✓ 𝄞", ""]
    graphs[node] = [(node, KG.sentence, Literal(text)) for text in odd] + [
        (node, KG.sentence, Literal("Grüße", lang="de-AT")),
        (node, KG.sentence, Literal("typed", datatype=vocab.XSD.string)),
        (node, KG.sentence, Literal("x", datatype=URIRef("https://example.org/type#odd"))),
        (node, KG.charStart, Literal(42)),
        (node, KG.confidence, Literal(0.25, datatype=vocab.XSD.double))]
    return graphs


def oxigraph_store(path: Path, graphs: GraphContents, bulk_min_triples: int,
                   per_write: int = 25) -> pyoxigraph.Store:
    store = pyoxigraph.Store(str(path))
    items = list(graphs.items())
    for start in range(0, len(items), per_write):
        replace_graphs_in_oxigraph(store, dict(items[start:start + per_write]),
                                   bulk_min_triples, path)
    return store


def graph_sizes(store: pyoxigraph.Store) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for quad in store:
        sizes[str(quad.graph_name)] = sizes.get(str(quad.graph_name), 0) + 1
    return sizes


def test_the_bulk_loader_path_stores_exactly_the_quads_of_the_transactional_path(
        many_graphs: GraphContents, tmp_path: Path) -> None:
    transactional = oxigraph_store(tmp_path / "transactional", many_graphs, NEVER)
    bulk = oxigraph_store(tmp_path / "bulk", many_graphs, 0)
    assert sum(len(t) for t in many_graphs.values()) > 10_000
    assert set(bulk) == set(transactional)
    assert not (tmp_path / "bulk" / PENDING_WRITES).exists()


def test_the_bulk_loader_path_keeps_blank_nodes_connected_within_a_write(tmp_path: Path) -> None:
    graph, shared = ART["with-blank-nodes"], BNode()
    triples = [(graph, KG.mentions, shared), (shared, KG.sentence, Literal("a")),
               (shared, KG.sentence, Literal("b")), (BNode(), KG.sentence, Literal("c"))]
    store = oxigraph_store(tmp_path / "bulk", {graph: triples}, 0)
    rows = store.query(f"SELECT ?b (COUNT(?s) AS ?n) WHERE {{ GRAPH ?g {{ "
                       f"?a {KG.mentions.n3()} ?b . ?b {KG.sentence.n3()} ?s }} }} GROUP BY ?b")
    assert [int(row["n"].value) for row in rows] == [2]
    assert len(store) == 4 and len({q.subject for q in store}) == 3


def test_a_rewrite_through_the_bulk_loader_path_replaces_existing_graphs(
        many_graphs: GraphContents, tmp_path: Path) -> None:
    store = oxigraph_store(tmp_path / "bulk", many_graphs, 0)
    first = next(iter(many_graphs))
    changed = {graph: triples[:3] if graph == first else triples
               for graph, triples in many_graphs.items()}
    replace_graphs_in_oxigraph(store, changed, 0)
    assert graph_sizes(store)[str(pyoxigraph.NamedNode(first))] == 3
    assert len(store) == sum(len(t) for t in changed.values())


def test_opening_a_store_drops_the_graphs_of_a_bulk_write_that_was_killed(
        many_graphs: GraphContents, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    earlier, *begun = list(many_graphs)[:4]
    path = tmp_path / "store"
    store = oxigraph_store(path, {earlier: many_graphs[earlier]}, NEVER)
    before = graph_sizes(store)
    # A bulk write killed after recording its intent and loading part of its graphs:
    record_intent(path / PENDING_WRITES, [pyoxigraph.NamedNode(graph) for graph in begun])
    store.bulk_load(trig_document({begun[0]: many_graphs[begun[0]][:5],
                                   begun[1]: many_graphs[begun[1]]}),
                    pyoxigraph.RdfFormat.TRIG)
    del store  # what SIGKILL leaves: the record, some of the graphs, half of one
    with caplog.at_level(logging.WARNING, logger="kg.store.backends"):
        backend = backends._open_directory(path)  # noqa: SLF001 - the open that recovers
    assert "dropped the 3 graphs" in caplog.text
    assert not (path / PENDING_WRITES).exists()
    backend.dataset.close()
    del backend
    assert graph_sizes(pyoxigraph.Store(str(path))) == before


def test_a_bulk_write_that_fails_midway_leaves_none_of_its_graphs(
        many_graphs: GraphContents, tmp_path: Path) -> None:
    good, other = list(many_graphs)[:2]
    store = oxigraph_store(tmp_path / "store", {other: many_graphs[other]}, NEVER)
    before = graph_sizes(store)
    broken = {good: many_graphs[good],
              ART["broken"]: [(Literal("no subject"), KG.sentence, Literal("x"))]}
    with pytest.raises(SyntaxError):
        replace_graphs_in_oxigraph(store, broken, 0, tmp_path / "store")
    assert graph_sizes(store) == before
    assert not (tmp_path / "store" / PENDING_WRITES).exists()


def test_small_writes_stay_in_one_transaction_and_large_ones_take_the_bulk_loader(
        many_graphs: GraphContents, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bulk_writes: list[int] = []

    def counting_bulk_write(oxigraph: pyoxigraph.Store, graphs: GraphContents,
                            directory: Path | None) -> None:
        bulk_writes.append(len(graphs))
        real_bulk_write(oxigraph, graphs, directory)

    real_bulk_write = backends.bulk_write
    monkeypatch.setattr(backends, "bulk_write", counting_bulk_write)
    items = list(many_graphs.items())
    small, large = dict(items[:2]), dict(items[2:])
    threshold = sum(len(t) for t in large.values())
    store = pyoxigraph.Store(str(tmp_path / "store"))
    replace_graphs_in_oxigraph(store, small, threshold)
    assert bulk_writes == []
    replace_graphs_in_oxigraph(store, large, threshold)
    assert bulk_writes == [len(large)]
    assert len(store) == sum(len(t) for t in many_graphs.values())


def test_the_bulk_threshold_comes_from_settings_and_the_environment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().bulk_write_min_triples == 20_000
    monkeypatch.setenv("KG_BULK_WRITE_MIN_TRIPLES", "0")
    assert load_settings().bulk_write_min_triples == 0


def test_kg_stores_write_the_same_through_either_path(
        extractions: list[ArticleExtraction], settings: Settings, tmp_path: Path) -> None:
    results = []
    for name, threshold in (("transactional", NEVER), ("bulk", 0)):
        with open_store(str(tmp_path / name),
                        dataclasses.replace(settings, bulk_write_min_triples=threshold)) as store:
            store.replace_articles(extractions)
            results.append((stats(store), all_statements(store)))
    assert results[0] == results[1]
