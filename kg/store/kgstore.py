"""The store kg writes articles to: one named graph per article, replaced whole."""
from __future__ import annotations

from collections.abc import Iterable
from types import TracebackType

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Identifier

from kg.model import ArticleExtraction
from kg.store.article_graph import Triple, article_triples
from kg.store.backends import Backend, GraphContents
from kg.store.iris import article_iri
from kg.store.prefixes import SPARQL_PREFIXES, bind_prefixes

Row = dict[str, Identifier]


class KGStore:
    """An RDF dataset with kg's write operations; reads live in :mod:`kg.store.queries`."""

    def __init__(self, backend: Backend) -> None:
        self._backend: Backend | None = backend
        #: Bumped by every write, so caches of what the store holds know when they went stale.
        self.generation = 0
        bind_prefixes(backend.dataset)

    @property
    def dataset(self) -> Dataset:
        if self._backend is None:
            raise RuntimeError("the store is closed")
        return self._backend.dataset

    def select(self, query: str) -> list[Row]:
        """Rows of a SPARQL SELECT (kg's prefixes predeclared); unbound variables are absent."""
        return [row.asdict() for row in self.dataset.query(SPARQL_PREFIXES + query)]

    def construct(self, query: str) -> Graph:
        """The graph a SPARQL CONSTRUCT builds (kg's prefixes predeclared)."""
        graph = self.dataset.query(SPARQL_PREFIXES + query).graph
        if graph is None:
            raise ValueError("not a CONSTRUCT query")
        bind_prefixes(graph)
        return graph

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Swap a named graph's content for ``triples`` (built beforehand, so a failure while
        building leaves the graph as it was)."""
        quads = [(s, p, o, graph) for s, p, o in triples]
        self.dataset.remove_graph(graph)
        self.dataset.addN(quads)
        self.generation += 1

    def replace_article(self, extraction: ArticleExtraction) -> None:
        """Write an article's graph, replacing any earlier run of the same article."""
        self.replace_graph(article_iri(extraction.article.source), article_triples(extraction))

    def replace_articles(self, extractions: Iterable[ArticleExtraction]) -> int:
        """Write many articles in one bulk write (Oxigraph's bulk loader for a directory
        store), replacing earlier runs of them; returns how many were written.

        Every article's triples are built before anything is written, so an article that
        cannot be turned into RDF raises before the store is touched; callers that need
        per-article isolation retry such a batch with :meth:`replace_article`."""
        graphs = {article_iri(e.article.source): article_triples(e) for e in extractions}
        self.replace_graphs(graphs)
        return len(graphs)

    def replace_graphs(self, graphs: GraphContents) -> None:
        """Swap many named graphs' content at once, through the backend's bulk path."""
        if self._backend is None or self._backend.replace_graphs is None:
            raise RuntimeError("the store is closed")
        self._backend.replace_graphs(graphs)

    def delete_article(self, source: str) -> bool:
        """Remove an article's graph; whether there was one."""
        graph = article_iri(source)
        existed = bool(self.select(f"SELECT ?s WHERE {{ GRAPH {graph.n3()} {{ ?s ?p ?o }} }} LIMIT 1"))
        self.dataset.remove_graph(graph)
        self.generation += 1
        return existed

    def article_sources(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?source WHERE { GRAPH ?article { "
                           "?article a kg:Article ; kg:sourceFile ?source } } ORDER BY ?source")
        return [str(row["source"]) for row in rows]

    def close(self) -> None:
        """Flush to disk, so another process opening the directory sees every write, and
        let go of the directory's lock."""
        if self._backend is not None:
            self._backend.flush()
            self._backend.dataset.close()
            self._backend = None

    def __enter__(self) -> KGStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

