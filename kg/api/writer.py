"""Writes through the API: the real pipeline, the store and the graph view in one step, so a
query right after a mutation already sees it (the entity index follows the store's generation).
The pipeline is imported by the first write, not by a server start: a read-only server never
needs spaCy, and importing it was about 1.5 s of every start."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from kg.config import Settings
from kg.graph import GraphView
from kg.ingest import article_from_page
from kg.store import KGStore
from kg.store.queries import article_by_source
from kg.store.records import ArticleRecord


@dataclass
class ArticleWriter:
    store: KGStore
    graph: GraphView
    settings: Settings

    def ingest(self, text: str, source: str, published: date | None = None) -> ArticleRecord:
        """Extract ``text`` as the article ``source``, replacing any earlier version of it."""
        if not source.strip():
            raise ValueError("source must name the article, e.g. 2024-06-19_gipfel.txt")
        article = article_from_page(text, source)
        if published is not None:
            article = replace(article, published=published)
        from kg.pipeline import extractor_for  # spaCy and dateparser: only writes need them
        self.store.replace_article(extractor_for(self.settings).extract(article))
        self.graph.add_article(source)
        record = article_by_source(self.store, source)
        assert record is not None, "the article just written must be readable"
        return record

    def delete(self, source: str) -> bool:
        """Remove the article; whether there was one (deleting twice is not an error)."""
        existed = self.store.delete_article(source)
        self.graph.remove_article(source)
        return existed
