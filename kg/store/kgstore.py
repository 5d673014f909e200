"""The store kg writes articles to: one named graph per article, replaced whole.

Every write goes through the backend's ``replace_graphs``, which is atomic per graph in each
backend, so an article is seen (and survives a crash) either as it was or as written, never half.
"""
from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Identifier

from kg.model import ArticleExtraction
from kg.store.article_graph import Triple, article_triples
from kg.store.backends import Backend, GraphContents
from kg.store.iris import article_iri
from kg.store.prefixes import SPARQL_PREFIXES, bind_prefixes

Row = dict[str, Identifier]

#: Files in an embedded store's folder that are computed from its content; every write
#: deletes them first, so one that exists is never older than the store.
DERIVED_PREFIX = "kg-derived-"


class KGStore:
    """An RDF dataset with kg's write operations; reads live in :mod:`kg.store.queries`."""

    def __init__(self, backend: Backend) -> None:
        self._backend: Backend | None = backend
        #: One writer at a time: a replace decides between "new" and "existing" graphs
        #: (see :func:`kg.store.backends.replace_graphs_in_oxigraph`) before it writes.
        self._write_lock = threading.Lock()
        #: Bumped by every write, so caches of what the store holds know when they went stale.
        self.generation = 0
        bind_prefixes(backend.dataset)

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            raise RuntimeError("the store is closed")
        return self._backend

    @property
    def dataset(self) -> Dataset:
        return self.backend.dataset

    def select(self, query: str) -> list[Row]:
        """Rows of a SPARQL SELECT (kg's prefixes predeclared); unbound variables are absent."""
        with self.backend.read_guard():
            return [row.asdict() for row in self.dataset.query(SPARQL_PREFIXES + query)]

    def construct(self, query: str) -> Graph:
        """The graph a SPARQL CONSTRUCT builds (kg's prefixes predeclared)."""
        with self.backend.read_guard():
            graph = self.dataset.query(SPARQL_PREFIXES + query).graph
        if graph is None:
            raise ValueError("not a CONSTRUCT query")
        bind_prefixes(graph)
        return graph

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Swap a named graph's content for ``triples`` (built beforehand, so a failure while
        building leaves the graph as it was)."""
        self.replace_graphs({graph: list(triples)})

    def replace_article(self, extraction: ArticleExtraction) -> None:
        """Write an article's graph, replacing any earlier run of the same article."""
        self.replace_graph(article_iri(extraction.article.source), article_triples(extraction))

    def replace_articles(self, extractions: Iterable[ArticleExtraction]) -> int:
        """Write many articles in one bulk write (one Oxigraph transaction for the new ones,
        one update request for a SPARQL endpoint), replacing earlier runs of them; returns how
        many were written.

        Every article's triples are built before anything is written, so an article that
        cannot be turned into RDF raises before the store is touched; callers that need
        per-article isolation retry such a batch with :meth:`replace_article`."""
        graphs = {article_iri(e.article.source): article_triples(e) for e in extractions}
        self.replace_graphs(graphs)
        return len(graphs)

    def replace_graphs(self, graphs: GraphContents) -> None:
        """Swap many named graphs' content at once (an empty sequence drops a graph), through
        the backend's bulk path; each graph is replaced atomically. Derived files go first, so
        none outlives the content it was computed from (a read-only store refuses before)."""
        with self._write_lock:
            if not self.backend.read_only:
                self._discard_derived_files()
            self.backend.replace_graphs(graphs)
            self.generation += 1

    def derived_file(self, name: str) -> Path | None:
        """Where a file computed from this store's content is kept (``None`` when the store
        has no folder of its own: memory, a SPARQL endpoint). The file is deleted by the next
        write, so whoever finds it there may trust it matches the store."""
        folder = self.backend.directory
        return folder / f"{DERIVED_PREFIX}{name}" if folder is not None else None

    def _discard_derived_files(self) -> None:
        folder = self.backend.directory
        if folder is not None:
            for path in folder.glob(f"{DERIVED_PREFIX}*"):
                path.unlink(missing_ok=True)

    def delete_article(self, source: str) -> bool:
        """Remove an article's graph; whether there was one."""
        graph = article_iri(source)
        existed = bool(self.select(f"SELECT ?s WHERE {{ GRAPH {graph.n3()} {{ ?s ?p ?o }} }} LIMIT 1"))
        self.replace_graphs({graph: ()})
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
            self._backend.close()
            self._backend = None

    def __enter__(self) -> KGStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

