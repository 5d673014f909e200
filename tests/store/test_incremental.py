"""Adding, updating (same source) and deleting articles leaves exactly what a fresh build of
the remaining articles holds, in every backend: memory, Oxigraph, and a SPARQL endpoint
(Virtuoso). Also: a replace is whole to a concurrent reader, and update requests are split
only between articles."""
from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.config import Settings
from kg.model import ArticleExtraction
from kg.store import KGStore, open_store
from kg.store.queries import all_statements, articles, stats
from kg.store.sparql_backend import request_chunks


@pytest.fixture(params=["memory", "oxigraph", "virtuoso"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path, settings: Settings) -> Iterator[KGStore]:
    if request.param == "memory":
        uri, chosen = "memory", settings
    elif request.param == "oxigraph":
        uri, chosen = str(tmp_path / "store"), settings
    else:
        chosen = request.getfixturevalue("virtuoso").settings(settings)
        uri = chosen.store
    with open_store(uri, chosen) as store:
        store.replace_graphs({URIRef(str(g.identifier)): () for g in store.dataset.graphs()
                              if str(g.identifier).startswith("https://w3id.org/kg-news/article/")})
        yield store


def kg_triples(store: KGStore) -> int:
    """Triples in kg's own graphs (a shared endpoint holds graphs of its own too)."""
    rows = store.select('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } '
                        'FILTER(STRSTARTS(STR(?g), "https://w3id.org/kg-news/")) }')
    return int(rows[0]["n"])


def snapshot(store: KGStore) -> tuple[object, ...]:
    counts = stats(store)
    return (counts.articles, counts.entities, counts.statements, kg_triples(store),
            all_statements(store), [dataclasses.replace(a) for a in articles(store)])


def test_add_update_delete_leave_no_stale_statements(
        any_store: KGStore, extractions: list[ArticleExtraction],
        extraction_factory: object) -> None:
    one, two = extractions
    any_store.replace_articles([one])
    only_one = snapshot(any_store)
    any_store.replace_articles([two])  # add
    both = snapshot(any_store)
    assert both[2] == only_one[2] + len(two.statements)

    shorter = dataclasses.replace(two, statements=two.statements[:1])
    any_store.replace_articles([shorter])  # update, same source
    assert [s.predicate for s in all_statements(any_store, two.article.source)] == ["sentTroopsTo"]
    any_store.replace_article(two)  # and back, one article at a time
    assert snapshot(any_store) == both

    assert any_store.delete_article(two.article.source) is True  # delete
    assert snapshot(any_store) == only_one
    assert any_store.delete_article(one.article.source) is True
    assert (stats(any_store).statements, any_store.article_sources()) == (0, [])


def test_a_reader_sees_an_article_old_or_new_never_half(
        any_store: KGStore, extractions: list[ArticleExtraction]) -> None:
    full = extractions[0]
    shorter = dataclasses.replace(full, statements=full.statements[:1])
    any_store.replace_article(full)
    source = full.article.source
    seen: set[int] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.add(len(all_statements(any_store, source)))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(15):
            any_store.replace_article(shorter)
            any_store.replace_article(full)
    finally:
        stop.set()
        reader.join()
    assert seen <= {len(shorter.statements), len(full.statements)}


def test_update_requests_split_only_between_graphs() -> None:
    graphs = {URIRef(f"urn:g{i}"): [(URIRef("urn:s"), URIRef("urn:p"), URIRef(f"urn:o{j}"))
                                     for j in range(size)]
              for i, size in enumerate([3, 4, 10, 1, 1])}
    chunks = [list(chunk) for chunk in request_chunks(graphs, max_triples=5)]
    assert chunks == [[URIRef("urn:g0")], [URIRef("urn:g1")], [URIRef("urn:g2")],
                      [URIRef("urn:g3"), URIRef("urn:g4")]]


def test_update_text_keeps_injected_syntax_inside_its_literal() -> None:
    import pyoxigraph
    from rdflib import BNode, Literal

    from kg.store.update_text import replace_update
    evil = 'x" } } ; DROP ALL ; INSERT DATA { <http://evil> <http://evil> <http://evil> } \\\n"""'
    graph = URIRef("urn:g")
    triples = [(URIRef("urn:s"), URIRef("urn:p"), Literal(evil, lang="de")),
               (URIRef("urn:s"), URIRef("urn:q"), BNode()), (URIRef("urn:keep"), URIRef("urn:p"), Literal(1))]
    oxigraph = pyoxigraph.Store()
    oxigraph.update(replace_update({graph: triples}))
    oxigraph.update(replace_update({graph: triples}))  # the replace path: drop, then insert
    assert len(oxigraph) == 3
    assert [q.object.value for q in oxigraph.quads_for_pattern(None, pyoxigraph.NamedNode("urn:p"), None)
            if isinstance(q.object, pyoxigraph.Literal) and q.object.language] == [evil]
